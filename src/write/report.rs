//! The review report: one self-contained HTML file (`trialrex report`).
//!
//! A review team checks every number against its words and shares the result in a browser,
//! so the report is one file with inline CSS, JavaScript and SVG that opens from disk with no
//! network access. The page is rendered here, as static HTML: the abstracts with every row's
//! span marked, the rows, the counts and the forest plot are all in the markup, so the page
//! reads (and an HTML parser checks it) without running any script. The script only adds
//! behaviour: row ↔ span highlighting, the accept / reject / edit controls and the download of
//! the decisions as CSV (what `trialrex extract --decisions` reads, see [`crate::decisions`]).
//!
//! Large reports stay usable through the browser's own lazy rendering: each record is a
//! `content-visibility: auto` section, laid out only when it scrolls into view. The markup is
//! compact (about 3 KB per record), so 2,000 records make a file of a few megabytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::{Kind, Row, Status};
use crate::record::Record;
use crate::study::Entry;

/// Records and their rows, collected for the report in input order.
#[derive(Debug, Default)]
pub struct Collected {
    /// Each record with its rows.
    pub records: Vec<(Record, Vec<Row>)>,
    /// What the catalogue says of each record (label, first copy), in the same order.
    pub entries: Vec<Entry>,
}

impl Collected {
    /// Adds one record with what the catalogue says of it and its rows.
    pub fn add(&mut self, record: &Record, entry: &Entry, rows: &[Row]) {
        self.records.push((record.clone(), rows.to_vec()));
        self.entries.push(entry.clone());
    }

    /// How many rows were collected.
    pub fn rows(&self) -> usize {
        self.records.iter().map(|(_, rows)| rows.len()).sum()
    }
}

/// The ratio measures, drawn on a log scale in the forest plot.
const RATIO_MEASURES: [&str; 4] = ["HR", "OR", "RR", "IRR"];

/// Whether a row is an effect the forest plot draws: a ratio with a positive estimate.
pub fn is_plotted(row: &Row) -> bool {
    row.kind == Kind::Effect
        && row.measure.is_some_and(|m| RATIO_MEASURES.contains(&m))
        && row.value.as_ref().is_some_and(|v| v.value > 0.0)
}

/// Escapes text for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A character reference keeps a carriage return: the HTML parser would turn a raw
            // one into a line feed, and the code-point offsets would no longer match.
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes the report of `collected` as one HTML page.
pub fn write_html(out: &mut dyn Write, collected: &Collected) -> io::Result<()> {
    let mut page = String::with_capacity(4096 + collected.records.len() * 4096);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<title>trialrex review report</title>\n<style>");
    page.push_str(STYLE);
    page.push_str("</style>\n</head>\n<body>\n");
    let row_ids = row_ids(collected);
    write_overview(&mut page, collected, &row_ids);
    page.push_str("<main>\n");
    for (index, (record, rows)) in collected.records.iter().enumerate() {
        let entry = collected.entries.get(index);
        write_record(&mut page, index, record, entry, rows, &row_ids[index]);
    }
    page.push_str("</main>\n<script>");
    page.push_str(SCRIPT);
    page.push_str("</script>\n</body>\n</html>\n");
    out.write_all(page.as_bytes())?;
    out.flush()
}

/// A page-wide id per row (`r1`, `r2`...), per record.
fn row_ids(collected: &Collected) -> Vec<Vec<String>> {
    let mut next = 0;
    collected
        .records
        .iter()
        .map(|(_, rows)| {
            rows.iter()
                .map(|_| {
                    next += 1;
                    format!("r{next}")
                })
                .collect()
        })
        .collect()
}

/// The top of the page: counts, failed checks, forest plot, decisions.
fn write_overview(page: &mut String, collected: &Collected, row_ids: &[Vec<String>]) {
    let rows = collected.rows();
    let sources: Vec<String> = {
        let mut names: Vec<String> = collected.records.iter().map(|(r, _)| r.source_name()).collect();
        names.dedup();
        names
    };
    let _ = writeln!(
        page,
        "<header><h1>trialrex review report</h1><p class=\"lede\">{} records, {} rows, from {}.</p>",
        collected.records.len(),
        rows,
        esc(&sources.join(", "))
    );
    page.push_str(
        "<p class=\"help\">Hover or click a row to see its words in the abstract (and a marked span to see its rows). \
         Mark each row ✓ accept, ✗ reject or ✎ edit, then download the decisions and run \
         <code>trialrex extract FILES --decisions decisions.csv</code>.</p>\n\
         <p class=\"decide\"><button id=\"download\" type=\"button\">Download decisions (CSV)</button> \
         <span id=\"decided\">0 rows decided</span></p></header>\n",
    );

    // Counts by kind and status.
    let mut counts: BTreeMap<Kind, [usize; 3]> = BTreeMap::new();
    for (_, record_rows) in &collected.records {
        for row in record_rows {
            let at = match row.status {
                Status::Valid => 0,
                Status::Warning => 1,
                Status::Invalid => 2,
            };
            counts.entry(row.kind).or_default()[at] += 1;
        }
    }
    page.push_str("<section id=\"counts\"><h2>Rows by kind and status</h2>\n<table class=\"counts\"><thead><tr><th>kind</th><th>valid</th><th>warning</th><th>invalid</th><th>total</th></tr></thead><tbody>\n");
    for (kind, [valid, warning, invalid]) in &counts {
        let _ = writeln!(
            page,
            "<tr><td><span class=\"swatch k-{0}\"></span>{0}</td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td></tr>",
            kind.name(),
            valid,
            warning,
            invalid,
            valid + warning + invalid
        );
    }
    page.push_str("</tbody></table></section>\n");

    // Failed checks, by code, with links to their rows.
    let mut failed: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for ((_, record_rows), ids) in collected.records.iter().zip(row_ids) {
        for (row, id) in record_rows.iter().zip(ids) {
            for code in &row.checks {
                failed.entry(code).or_default().push((id, row.study.as_str()));
            }
        }
    }
    page.push_str("<section id=\"checks\"><h2>Failed checks</h2>\n");
    if failed.is_empty() {
        page.push_str("<p>No row failed a check.</p>\n");
    }
    for (code, rows) in &failed {
        let _ = write!(
            page,
            "<details><summary><code>{}</code>: {} rows</summary><p class=\"links\">",
            esc(code),
            rows.len()
        );
        for (id, study) in rows {
            let _ = write!(page, "<a href=\"#{id}\">{}</a> ", esc(study));
        }
        page.push_str("</p></details>\n");
    }
    page.push_str("</section>\n");
    write_forest(page, collected, row_ids);
}

/// Layout of the forest plot, in pixels.
const FOREST_WIDTH: f64 = 900.0;
const FOREST_LABEL: f64 = 300.0;
const FOREST_RIGHT: f64 = 150.0;
const FOREST_LINE: f64 = 16.0;
const FOREST_GROUP: f64 = 24.0;

/// The rows of a forest plot that share an endpoint: the endpoint, and its rows with their ids.
type ForestGroup<'a> = (String, Vec<(&'a Row, &'a str)>);

/// The forest plot of the ratio effects, grouped by endpoint, on a log scale.
fn write_forest(page: &mut String, collected: &Collected, row_ids: &[Vec<String>]) {
    let (groups, differences) = forest_groups(collected, row_ids);
    page.push_str("<section id=\"forest\"><h2>Forest plot: ratio effects by endpoint (log scale)</h2>\n");
    if groups.is_empty() {
        page.push_str("<p>No ratio effect (HR, OR, RR, IRR) was extracted.</p>\n");
    }
    if differences > 0 {
        let _ = writeln!(
            page,
            "<p class=\"help\">{differences} other effects (differences, or ratios without a positive estimate) are not drawn: their scales differ by endpoint.</p>"
        );
    }
    if groups.is_empty() {
        page.push_str("</section>\n");
        return;
    }
    let scale = LogScale::over(&groups);
    let lines: usize = groups.iter().map(|(_, members)| members.len()).sum();
    let height = 40.0 + groups.len() as f64 * FOREST_GROUP + lines as f64 * FOREST_LINE;
    page.push_str("<div class=\"plot\">");
    let _ = writeln!(
        page,
        "<svg class=\"forest\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{FOREST_WIDTH}\" height=\"{height}\" viewBox=\"0 0 {FOREST_WIDTH} {height}\" role=\"img\" aria-label=\"forest plot\">"
    );
    write_forest_axis(page, &scale, height - 24.0);
    let mut y = 8.0;
    for (endpoint, members) in &groups {
        y += FOREST_GROUP;
        let _ = writeln!(
            page,
            "<text class=\"group\" x=\"4\" y=\"{:.1}\">{} ({})</text>",
            y - 6.0,
            esc(endpoint),
            members.len()
        );
        for (row, id) in members {
            y += FOREST_LINE;
            write_forest_row(page, &scale, endpoint, row, id, y - FOREST_LINE / 2.0);
        }
    }
    page.push_str("</svg></div>\n</section>\n");
}

/// The plotted rows grouped by endpoint (largest group first), and how many effects are not
/// plotted.
fn forest_groups<'a>(collected: &'a Collected, row_ids: &'a [Vec<String>]) -> (Vec<ForestGroup<'a>>, usize) {
    // Groups by endpoint in order of first appearance.
    let mut groups: Vec<ForestGroup<'a>> = Vec::new();
    let mut differences = 0;
    for ((_, rows), ids) in collected.records.iter().zip(row_ids) {
        for (row, id) in rows.iter().zip(ids) {
            if row.kind == Kind::Effect && !is_plotted(row) {
                differences += 1;
            }
            if !is_plotted(row) {
                continue;
            }
            let endpoint = row.endpoint.as_deref().map(str::trim).unwrap_or_default().to_lowercase();
            let endpoint = if endpoint.is_empty() { "(no endpoint named)".to_string() } else { endpoint };
            match groups.iter_mut().find(|(name, _)| *name == endpoint) {
                Some((_, members)) => members.push((row, id)),
                None => groups.push((endpoint, vec![(row, id)])),
            }
        }
    }
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    (groups, differences)
}

/// The forest plot's horizontal log scale, over the positive values plotted (1 always shown,
/// cut to 0.01–100).
struct LogScale {
    low: f64,
    high: f64,
    log_low: f64,
    log_high: f64,
}

impl LogScale {
    /// The scale that shows every estimate and bound of `groups`.
    fn over(groups: &[ForestGroup<'_>]) -> LogScale {
        let values = groups.iter().flat_map(|(_, members)| members.iter()).flat_map(|(row, _)| {
            [&row.value, &row.lower, &row.upper].into_iter().flatten().map(|n| n.value).filter(|v| *v > 0.0)
        });
        let (mut low, mut high) = values.fold((1.0f64, 1.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        low = low.max(0.01);
        high = high.min(100.0);
        LogScale { low, high, log_low: low.ln() - 0.1, log_high: high.ln() + 0.1 }
    }

    /// Where `value` goes on the plot, in pixels from the left.
    fn x(&self, value: f64) -> f64 {
        let plot_width = FOREST_WIDTH - FOREST_LABEL - FOREST_RIGHT;
        let clamped = value.clamp(self.low, self.high).ln();
        FOREST_LABEL + (clamped - self.log_low) / (self.log_high - self.log_low) * plot_width
    }
}

/// The line of no effect and the ticks of the axis at `axis_bottom`.
fn write_forest_axis(page: &mut String, scale: &LogScale, axis_bottom: f64) {
    let _ = writeln!(
        page,
        "<line class=\"null\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"8\" y2=\"{axis_bottom:.1}\"/>",
        scale.x(1.0)
    );
    for tick in [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0] {
        if tick < scale.low || tick > scale.high {
            continue;
        }
        let _ = writeln!(
            page,
            "<line class=\"tick\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{axis_bottom:.1}\" y2=\"{1:.1}\"/><text class=\"tick\" x=\"{0:.1}\" y=\"{2:.1}\">{tick}</text>",
            scale.x(tick),
            axis_bottom + 4.0,
            axis_bottom + 16.0
        );
    }
}

/// One row of the plot, centred at `centre`: its label, interval, estimate and their text,
/// linked to the row `id`.
fn write_forest_row(page: &mut String, scale: &LogScale, endpoint: &str, row: &Row, id: &str, centre: f64) {
    let value = row.value.as_ref().map_or(1.0, |v| v.value);
    let interval = match (&row.lower, &row.upper) {
        (Some(l), Some(u)) if l.value > 0.0 && u.value > 0.0 => {
            format!("{} ({}–{})", row.value.as_ref().map_or("", |v| v.text.as_str()), l.text, u.text)
        }
        _ => row.value.as_ref().map_or(String::new(), |v| v.text.clone()),
    };
    let label = format!("{} {}", row.study, row.measure.unwrap_or_default());
    let _ = write!(
        page,
        "<a href=\"#{id}\"><g class=\"frow\" data-row=\"{id}\"><title>{}: {} {}</title>",
        esc(&label),
        esc(endpoint),
        esc(&interval)
    );
    let _ = write!(page, "<text class=\"label\" x=\"4\" y=\"{:.1}\">{}</text>", centre + 4.0, esc(&clip(&label, 40)));
    if let (Some(l), Some(u)) = (&row.lower, &row.upper) {
        if l.value > 0.0 && u.value > 0.0 {
            let _ = write!(
                page,
                "<line class=\"ci\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{centre:.1}\" y2=\"{centre:.1}\"/>",
                scale.x(l.value),
                scale.x(u.value)
            );
        }
    }
    let _ = write!(
        page,
        "<rect class=\"mark\" data-row=\"{id}\" x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\"/>",
        scale.x(value) - 3.5,
        centre - 3.5
    );
    let _ = writeln!(
        page,
        "<text class=\"est\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g></a>",
        FOREST_WIDTH - FOREST_RIGHT + 8.0,
        centre + 4.0,
        esc(&interval)
    );
}

/// `text` cut to `width` characters with `…`.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(width - 1).collect();
        cut.push('…');
        cut
    }
}

/// One record: label, title, ids, the marked abstract and the rows.
fn write_record(page: &mut String, index: usize, record: &Record, entry: Option<&Entry>, rows: &[Row], ids: &[String]) {
    let id = record.id();
    let study = entry.map_or_else(|| crate::study::lone_label(record), |entry| entry.study.clone());
    let _ = write!(
        page,
        "<section class=\"record\" id=\"rec{}\" data-record-id=\"{}\"><h2>{}</h2>",
        index + 1,
        esc(&id),
        esc(&study)
    );
    if !record.title.is_empty() {
        let _ = write!(page, "<p class=\"title\">{}</p>", esc(&record.title));
    }
    page.push_str("<p class=\"ids\">");
    let _ = write!(page, "<span>id {}</span>", esc(&id));
    if let Some(pmid) = record.pmid.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        let _ = write!(page, " <a href=\"https://pubmed.ncbi.nlm.nih.gov/{0}/\">PMID {0}</a>", esc(pmid));
    }
    let pmc = record.native_id.as_deref().map(str::trim).filter(|id| {
        id.strip_prefix("PMC").is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
    });
    if let Some(pmc) = pmc {
        let _ = write!(page, " <a href=\"https://pmc.ncbi.nlm.nih.gov/articles/{0}/\">{0}</a>", esc(pmc));
    }
    if let Some(doi) = record.doi.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        let _ = write!(page, " <a href=\"https://doi.org/{0}\">doi:{0}</a>", esc(doi));
    }
    let _ = write!(
        page,
        " <span>{} (record {}, line {})</span>",
        esc(&record.source_name()),
        record.origin.record,
        record.origin.line
    );
    if let Some(first) = entry.and_then(|entry| entry.duplicate_of.as_deref()) {
        let _ = write!(page, " <strong class=\"dup\">a copy of {}</strong>", esc(first));
    }
    page.push_str("</p>\n<p class=\"abstract\">");
    write_marked_abstract(page, &record.abstract_text, rows, ids);
    page.push_str("</p>\n");
    if rows.is_empty() {
        page.push_str("<p class=\"none\">No rows.</p></section>\n");
        return;
    }
    page.push_str("<table class=\"rows\"><thead><tr><th>#</th><th>kind</th><th>what</th><th>numbers</th><th>status</th><th>checks</th><th>rule</th><th>decision</th></tr></thead><tbody>\n");
    for (n, (row, row_id)) in rows.iter().zip(ids).enumerate() {
        let what: Vec<&str> = [row.measure, row.endpoint.as_deref(), row.arm.as_deref(), row.time.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let _ = writeln!(
            page,
            "<tr class=\"row\" id=\"{row_id}\" data-start=\"{}\" data-end=\"{}\" data-kind=\"{}\" data-value=\"{}\"{}><td>{}</td><td class=\"k k-{2}\">{2}</td><td>{}</td><td>{}</td><td class=\"st-{}\">{}</td><td>{}</td><td>{}</td><td class=\"ctl\"></td></tr>",
            row.start,
            row.end,
            row.kind.name(),
            esc(&decided_value(row)),
            if is_plotted(row) { " data-ratio=\"1\"" } else { "" },
            n + 1,
            esc(&what.join(" · ")),
            esc(&numbers(row)),
            row.status.name(),
            row.status.name(),
            esc(&row.checks_text()),
            esc(&row.rule),
        );
    }
    page.push_str("</tbody></table></section>\n");
}

/// The number a reviewer's edit replaces: what [`crate::decisions`] corrects for the kind.
fn decided_value(row: &Row) -> String {
    let num = match row.kind {
        Kind::ArmSize => &row.n,
        Kind::Events => &row.events,
        _ => &row.value,
    };
    num.as_ref().map(|n| n.text.clone()).unwrap_or_default()
}

/// The row's numbers in one short phrase, as the explain view writes them.
fn numbers(row: &Row) -> String {
    let text = |n: &Option<crate::model::Num>| n.as_ref().map(|n| n.text.clone());
    let mut out = String::new();
    match row.kind {
        Kind::ArmSize => out.push_str(&format!("n = {}", text(&row.n).unwrap_or_default())),
        Kind::Events => {
            out.push_str(&text(&row.events).unwrap_or_default());
            if let Some(n) = text(&row.n) {
                out.push_str(&format!("/{n}"));
            }
            if let Some(p) = text(&row.percent) {
                out.push_str(&format!(" ({p}%)"));
            }
        }
        _ => {
            out.push_str(&text(&row.value).unwrap_or_default());
            if row.kind == Kind::Survival {
                out.push('%');
            }
            if let Some(unit) = row.unit {
                out.push_str(&format!(" {unit}"));
            }
            if let (Some(l), Some(u)) = (text(&row.lower), text(&row.upper)) {
                out.push_str(&format!(" [{l}, {u}]"));
            }
        }
    }
    if let (Some(op), Some(p)) = (row.p_op, text(&row.p_value)) {
        out.push_str(&format!(", p {op} {p}"));
    }
    out
}

/// The abstract with each row's span marked: the text is cut at every start and end of a
/// row, and each piece inside at least one row becomes a `<mark>` naming all of its rows (so
/// overlapping spans need no nesting) in the colour of the shortest one's kind.
fn write_marked_abstract(page: &mut String, text: &str, rows: &[Row], ids: &[String]) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let length = chars.len();
    let byte_at = |point: usize| chars.get(point).map_or(text.len(), |(at, _)| *at);
    let mut cuts: Vec<usize> = vec![0, length];
    for row in rows {
        if row.start < row.end && row.end <= length {
            cuts.push(row.start);
            cuts.push(row.end);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let piece = esc(&text[byte_at(from)..byte_at(to)]);
        let covering: Vec<usize> =
            (0..rows.len()).filter(|&i| rows[i].start <= from && to <= rows[i].end && rows[i].end <= length).collect();
        let Some(&shortest) = covering.iter().min_by_key(|&&i| rows[i].end - rows[i].start) else {
            page.push_str(&piece);
            continue;
        };
        let names: Vec<&str> = covering.iter().map(|&i| ids[i].as_str()).collect();
        let _ = write!(
            page,
            "<mark class=\"k-{}\" data-rows=\"{}\">{piece}</mark>",
            rows[shortest].kind.name(),
            names.join(" ")
        );
    }
}

/// The page's style: colours per kind, the record layout, lazy rendering of records.
const STYLE: &str = r#"
:root{--effect:#f4b6b6;--arm_size:#b6d4f4;--events:#f4dfb6;--survival:#c4ecc0;--median:#dcc6f2;--followup:#d9d9d9;--hl:#ff7a00}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:0 16px 64px;color:#1d1d1f}
h1{font-size:24px;margin:20px 0 4px}h2{font-size:18px;margin:20px 0 6px}
.lede{margin:0 0 6px;color:#444}.help{color:#555;font-size:13px}
table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #e3e3e3;padding:3px 6px;text-align:left;vertical-align:top}
table.counts td:not(:first-child){text-align:right}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:middle}
.k-effect{background:var(--effect)}.k-arm_size{background:var(--arm_size)}.k-events{background:var(--events)}
.k-survival{background:var(--survival)}.k-median{background:var(--median)}.k-followup{background:var(--followup)}
td.k{background:none}td.k:before{content:"";display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:middle;background:var(--c)}
td.k-effect{--c:var(--effect)}td.k-arm_size{--c:var(--arm_size)}td.k-events{--c:var(--events)}td.k-survival{--c:var(--survival)}td.k-median{--c:var(--median)}td.k-followup{--c:var(--followup)}
mark{color:inherit;border-radius:2px;padding:0 1px;cursor:pointer}
mark.hl,mark.active{outline:2px solid var(--hl);background:#ffd7a8}
section.record{content-visibility:auto;contain-intrinsic-size:auto 700px;border-top:2px solid #ccc;padding-top:4px}
.record h2{margin-bottom:0}.title{font-weight:600;margin:2px 0}.ids{font-size:12px;color:#555;margin:2px 0}.ids>*{margin-right:8px}
.dup{color:#a40}.abstract{background:#fafafa;border:1px solid #eee;padding:8px 10px;border-radius:4px}
tr.row{cursor:pointer}tr.row.hl,tr.row.active{background:#ffe9d2}
.st-warning{color:#a66400}.st-invalid{color:#b00020;font-weight:600}
tr.decided-accept td:first-child{box-shadow:inset 4px 0 #2a9d3a}tr.decided-reject{opacity:.45;text-decoration:line-through}
tr.decided-edit td:first-child{box-shadow:inset 4px 0 #1f6fd1}
.ctl button{border:1px solid #bbb;background:#fff;border-radius:3px;margin-right:2px;cursor:pointer;font-size:12px}
.ctl .fix{color:#1f6fd1;font-weight:600;margin-left:4px}
.plot{max-height:520px;overflow:auto;border:1px solid #eee;border-radius:4px}svg.forest{font-size:11px;display:block}svg .null{stroke:#888;stroke-dasharray:3 3}svg .tick{stroke:#888}
svg text.tick{stroke:none;fill:#444;text-anchor:middle}svg .group{font-weight:700;fill:#222}svg .ci{stroke:#333;stroke-width:1.3}
svg .mark{fill:#b03030}svg .copy .mark{fill:#aaa}svg .copy text{fill:#888}svg .frow:hover .mark,svg .frow.active .mark{fill:var(--hl)}svg .label,svg .est{fill:#222}
#selftest{white-space:pre-wrap;background:#eef;padding:6px}
"#;

/// The page's behaviour: highlighting, decisions, the decisions download, and a self-test
/// (run when the address ends in `#selftest`) that the browser test reads from the DOM.
const SCRIPT: &str = r#"
(function(){
'use strict';
var KEY='trialrex-decisions:'+document.querySelectorAll('tr.row').length+':'+(document.querySelector('.lede')||{}).textContent;
var decisions={};
try{decisions=JSON.parse(localStorage.getItem(KEY)||'{}')||{};}catch(e){decisions={};}
function marksOf(id){return document.querySelectorAll('mark[data-rows~="'+id+'"]');}
function each(list,f){Array.prototype.forEach.call(list,f);}
function light(id,cls,on){
  each(marksOf(id),function(m){m.classList.toggle(cls,on);});
  var tr=document.getElementById(id);if(tr){tr.classList.toggle(cls,on);}
  each(document.querySelectorAll('.frow[data-row="'+id+'"]'),function(g){g.classList.toggle(cls,on);});
}
var CONTROLS='<button type="button" data-d="accept" title="accept">✓</button><button type="button" data-d="reject" title="reject">✗</button><button type="button" data-d="edit" title="edit the number">✎</button><span class="fix"></span>';
function controls(scope){each(scope.querySelectorAll('td.ctl:empty'),function(td){td.innerHTML=CONTROLS;var tr=rowOf(td);if(decisions[tr.id]){show(tr);}});}
var records=document.querySelectorAll('section.record');
if('IntersectionObserver' in window){
  var seen=new IntersectionObserver(function(entries){entries.forEach(function(e){if(e.isIntersecting){controls(e.target);seen.unobserve(e.target);}});},{rootMargin:'600px'});
  each(records,function(r){seen.observe(r);});
}else{controls(document);}
function rowOf(el){while(el&&!(el.tagName==='TR'&&el.classList.contains('row'))){el=el.parentElement;}return el;}
var active=[];
function activate(ids){
  active.forEach(function(id){light(id,'active',false);});
  active=ids;active.forEach(function(id){light(id,'active',true);});
}
document.addEventListener('mouseover',function(e){
  var tr=rowOf(e.target);if(tr){light(tr.id,'hl',true);return;}
  if(e.target.tagName==='MARK'){e.target.getAttribute('data-rows').split(' ').forEach(function(id){light(id,'hl',true);});}
});
document.addEventListener('mouseout',function(e){
  var tr=rowOf(e.target);if(tr){light(tr.id,'hl',false);return;}
  if(e.target.tagName==='MARK'){e.target.getAttribute('data-rows').split(' ').forEach(function(id){light(id,'hl',false);});}
});
document.addEventListener('click',function(e){
  var t=e.target;
  if(t.tagName==='BUTTON'&&t.hasAttribute('data-d')){decide(rowOf(t),t.getAttribute('data-d'));e.stopPropagation();return;}
  var tr=rowOf(t);
  if(tr){activate([tr.id]);var m=marksOf(tr.id)[0];if(m&&m.scrollIntoView&&!inView(m)){m.scrollIntoView({block:'center'});}return;}
  if(t.tagName==='MARK'){var ids=t.getAttribute('data-rows').split(' ');activate(ids);var r=document.getElementById(ids[0]);if(r&&!inView(r)){r.scrollIntoView({block:'center'});}}
});
function fromHash(){var id=location.hash.slice(1).replace(/^show=/,'');if(/^r\d+$/.test(id)){activate([id]);}}
window.addEventListener('hashchange',fromHash);fromHash();
function inView(el){var r=el.getBoundingClientRect();return r.top>=0&&r.bottom<=window.innerHeight;}
function decide(tr,d){
  if(!tr){return;}
  var value='';
  if(d==='edit'){
    var old=decisions[tr.id]&&decisions[tr.id].value||tr.getAttribute('data-value');
    var got=window.prompt('Corrected number for this '+tr.getAttribute('data-kind')+' row:',old);
    if(got===null){return;}
    value=got.trim();
    if(value===''||isNaN(Number(value))){window.alert('Not a number: '+got);return;}
  }
  if(decisions[tr.id]&&decisions[tr.id].decision===d&&d!=='edit'){delete decisions[tr.id];}
  else{decisions[tr.id]={decision:d,value:value,record:tr.closest('section.record').getAttribute('data-record-id'),start:tr.getAttribute('data-start'),end:tr.getAttribute('data-end'),kind:tr.getAttribute('data-kind')};}
  save();show(tr);
}
function show(tr){
  var d=decisions[tr.id],fix=tr.querySelector('.fix');
  tr.classList.remove('decided-accept','decided-reject','decided-edit');
  if(fix){fix.textContent=d&&d.decision==='edit'?'→ '+d.value:'';}
  if(d){tr.classList.add('decided-'+d.decision);}
}
function save(){
  try{localStorage.setItem(KEY,JSON.stringify(decisions));}catch(e){}
  document.getElementById('decided').textContent=Object.keys(decisions).length+' rows decided';
}
function cell(v){v=String(v);return /[",\n\r]/.test(v)?'"'+v.replace(/"/g,'""')+'"':v;}
function csv(){
  var lines=['record_id,start,end,kind,decision,corrected value'];
  Object.keys(decisions).forEach(function(id){var d=decisions[id];lines.push([d.record,d.start,d.end,d.kind,d.decision,d.value].map(cell).join(','));});
  return lines.join('\n')+'\n';
}
document.getElementById('download').addEventListener('click',function(){
  var a=document.createElement('a');
  a.href=URL.createObjectURL(new Blob([csv()],{type:'text/csv'}));
  a.download='decisions.csv';document.body.appendChild(a);a.click();
  setTimeout(function(){URL.revokeObjectURL(a.href);a.remove();},0);
});
Object.keys(decisions).forEach(function(id){var tr=document.getElementById(id);if(tr){show(tr);}else{delete decisions[id];}});
save();
window.trialrexDecisionsCsv=csv;
if(location.hash==='#selftest'){selftest();}
function selftest(){
  var problems=[],rows=document.querySelectorAll('tr.row');
  each(rows,function(tr){
    var abs=tr.closest('section.record').querySelector('.abstract');
    var points=Array.from(abs.textContent);
    var want=points.slice(+tr.getAttribute('data-start'),+tr.getAttribute('data-end')).join('');
    var got='';each(marksOf(tr.id),function(m){got+=m.textContent;});
    if(!want||got!==want){problems.push(tr.id+': span '+JSON.stringify(got)+' is not '+JSON.stringify(want));}
  });
  var ratios=document.querySelectorAll('tr.row[data-ratio]').length,marks=document.querySelectorAll('svg.forest .mark').length;
  if(ratios!==marks){problems.push(marks+' forest marks for '+ratios+' ratio effects');}
  controls(document);
  var first=rows[0],rejected='';
  if(first){
    first.querySelector('button[data-d="reject"]').click();
    var line=[first.closest('section.record').getAttribute('data-record-id'),first.getAttribute('data-start'),first.getAttribute('data-end'),first.getAttribute('data-kind'),'reject',''].map(cell).join(',');
    var rejected=csv();
    if(rejected.split('\n').indexOf(line)<0||!first.classList.contains('decided-reject')){problems.push('rejecting row '+first.id+' did not give the decisions line '+line);}
    first.querySelector('button[data-d="reject"]').click();
    if(Object.keys(decisions).length){problems.push('a second click did not undo the decision');}
    first.querySelector('td').click();
    var lit=marksOf(first.id);
    if(!lit.length||!Array.prototype.every.call(lit,function(m){return m.classList.contains('active');})){problems.push('clicking row '+first.id+' did not highlight its span');}
    if(!first.classList.contains('active')){problems.push('clicking row '+first.id+' did not mark it');}
  }
  var verdict=problems.length?'fail: '+problems.join('; '):'pass';
  document.body.setAttribute('data-selftest',verdict);
  var pre=document.createElement('pre');pre.id='selftest';
  pre.textContent='self-test: '+rows.length+' rows, '+marks+' forest marks: '+verdict;
  document.body.insertBefore(pre,document.body.firstChild);
  var out=document.createElement('pre');out.id='selftest-decisions';out.textContent=rejected||'';
  document.body.insertBefore(out,pre.nextSibling);
}
})();
"#;
