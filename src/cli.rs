//! Command-line definitions and their conversion to library calls.
//!
//! Library code never sees clap types: each subcommand turns its arguments into library
//! options here, runs, and returns the exit code (0 success, 1 some records failed, 2 usage
//! or I/O error).

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use trialrex::check::{self, CheckOptions, CheckSummary};
use trialrex::decisions::Decisions;
use trialrex::pipeline::{self, RunOptions, Summary};
use trialrex::read::Format;
use trialrex::write::{self, report, OutputFormat, RowWriter, WriteOptions};
use trialrex::{eval, explain, Error, ErrorKind, Extractor, RuleSet};

/// trialrex: effect estimates, arm sizes, events, survival and medians from trial abstracts.
#[derive(Parser)]
#[command(name = "trialrex", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by the commands that read records.
#[derive(clap::Args)]
struct InputArgs {
    /// Input files (RIS, MEDLINE/nbib, PubMed XML, JATS, EndNote XML, Web of Science, Ovid, BibTeX, CSV/TSV, JSONL, text; .gz too); `-` for standard input.
    #[arg(required = true)]
    files: Vec<String>,
    /// Read every input as this format instead of sniffing it from the content.
    #[arg(long, value_enum)]
    input_format: Option<Format>,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the rows of the output contract from every record.
    Extract(ExtractArgs),
    /// Print the records as read: ids, metadata, abstract, source file and line.
    Records {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: RecordFormat,
        /// Write to FILE (atomically).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        guard: GuardArgs,
    },
    /// Write a review report: one self-contained HTML file with every record, its rows marked
    /// in its abstract, a forest plot, and accept/reject/edit controls.
    Report {
        #[command(flatten)]
        input: InputArgs,
        /// The HTML file to write (atomically).
        #[arg(short, long, value_name = "FILE", required = true)]
        output: PathBuf,
        /// A folder of rule files that extend or override the embedded rules.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Measure extraction against hand-made gold rows: precision, recall and F1 per kind.
    Eval {
        /// The gold file: one `{"id": ..., "rows": [...]}` object per line.
        #[arg(long, value_name = "GOLD.jsonl")]
        gold: PathBuf,
        #[command(flatten)]
        input: InputArgs,
        /// Report format.
        #[arg(long, value_enum, default_value = "text")]
        format: EvalFormat,
        /// A folder of rule files that extend or override the embedded rules.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
        /// How many misses and false positives to list per kind (0 for none).
        #[arg(long, default_value_t = usize::MAX, hide_default_value = true)]
        show: usize,
    },
    /// Extract every record file under DIR and compare its rows with NAME.expected.csv beside it.
    ///
    /// Exit code 0 when everything matches, 1 on any difference or record file without an
    /// expected file, 2 on usage or I/O errors.
    Check {
        /// Folders (searched recursively) or single record files; `*.expected.csv`, `*.md` and
        /// hidden files are not record files.
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Leave these fields out of the comparison (contract names, e.g. `rule,checks`).
        #[arg(long, value_name = "FIELD,...")]
        ignore: Vec<String>,
        /// Rewrite the expected files from the current output (atomically) and name those written.
        #[arg(long)]
        bless: bool,
        /// Leave out record files under this path (repeatable), e.g. sample exports kept for
        /// the readers' tests.
        #[arg(long, value_name = "PATH")]
        exclude: Vec<PathBuf>,
        /// Read every record file as this format instead of sniffing it from the content.
        #[arg(long, value_enum)]
        input_format: Option<Format>,
        /// A folder of rule files that extend or override the embedded rules.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// List the statistical expressions of results sentences (CIs, `x of N`, `x/N`, `n = N`)
    /// that became no row and have no named reason to be out of scope, grouped by shape.
    Audit {
        #[command(flatten)]
        input: InputArgs,
        /// Audit only the records whose ids are listed in FILE, one per line.
        #[arg(long, value_name = "FILE")]
        ids: Option<PathBuf>,
        /// How many shapes to list per kind of expression.
        #[arg(long, default_value_t = 25)]
        top: usize,
        /// How many examples to show per shape.
        #[arg(long, default_value_t = 2)]
        examples: usize,
        /// A folder of rule files that extend or override the embedded rules.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Show each record's abstract with the extracted spans marked, and its rows numbered.
    Explain {
        #[command(flatten)]
        input: InputArgs,
        /// Only the record with this id (as in the `record_id` column).
        #[arg(long, value_name = "ID")]
        record: Option<String>,
        /// Colour the spans by kind: `auto` when standard output is a terminal (and NO_COLOR is unset).
        #[arg(long, value_enum, default_value = "auto")]
        color: ColorChoice,
        /// A folder of rule files that extend or override the embedded rules.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
}

/// The options of `trialrex extract`.
#[derive(clap::Args)]
struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    format: OutputFormat,
    /// Write to FILE (atomically: a temporary file in the same folder, then a rename).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Leave out rows whose status is `invalid`.
    #[arg(long)]
    strict: bool,
    /// A folder of rule files that extend or override the embedded rules.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Worker threads for extraction (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Leave out the rows of records that repeat an earlier record (same PMID, DOI, or title and year).
    #[arg(long)]
    dedupe: bool,
    /// Apply a reviewer's decisions (the CSV the review report downloads): rejected rows go,
    /// corrected values are kept and their rule marked `+edited`.
    #[arg(long, value_name = "FILE")]
    decisions: Option<PathBuf>,
    /// The table's columns (`--format table`), contract names: e.g. `record_id,kind,value,yi,sei,checks`.
    #[arg(long, value_name = "NAME,...")]
    columns: Option<String>,
    #[command(flatten)]
    guard: GuardArgs,
}

/// The formula guard of CSV output.
#[derive(clap::Args)]
struct GuardArgs {
    /// Write CSV text cells as they are, without the `'` before a leading `=`, `+`, `-` or `@`
    /// (for pipelines that read the CSV with a program, not a spreadsheet).
    #[arg(long)]
    no_formula_guard: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum RecordFormat {
    Csv,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum EvalFormat {
    Text,
    Json,
}

/// A failure that ends the run with exit code 2.
#[derive(Debug)]
pub enum CliError {
    /// Writing output or reading a file failed.
    Io(io::Error),
    /// The library refused (bad rules, unreadable gold file...).
    Lib(Error),
}

impl CliError {
    /// Whether this is a closed pipe (`| head`), which ends the run quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Io(err) if err.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Io(err) => write!(f, "{err}"),
            CliError::Lib(err) => write!(f, "{err}"),
        }
    }
}

impl From<io::Error> for CliError {
    fn from(err: io::Error) -> Self {
        CliError::Io(err)
    }
}

impl From<Error> for CliError {
    fn from(err: Error) -> Self {
        CliError::Lib(err)
    }
}

/// Parses the command line, runs the command and returns its exit code.
pub fn run() -> Result<u8, CliError> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return Ok(code);
        }
    };
    match cli.command {
        Command::Extract(args) => run_extract(args),
        Command::Records { input, format, output, guard } => {
            let summary = with_output(output.as_deref(), run_succeeded, |out| {
                write_records(out, &input, format, !guard.no_formula_guard)
            })?;
            Ok(finish(summary))
        }
        Command::Report { input, output, rules } => run_report(&input, &output, rules.as_deref()),
        Command::Eval { gold, input, format, rules, show } => run_eval(&gold, &input, format, rules.as_deref(), show),
        Command::Check { dirs, ignore, bless, exclude, input_format, rules } => {
            let ignore = check::parse_fields(&ignore.join(","))
                .map_err(|err| Error::new(err.kind(), format!("--ignore: {}", err.message())))?;
            let options = CheckOptions { ignore, bless, input_format };
            let extractor = Extractor::new(load_rules(rules.as_deref())?);
            run_check(&extractor, &dirs, &exclude, &options)
        }
        Command::Audit { input, ids, top, examples, rules } => {
            run_audit(&input, ids.as_deref(), top, examples, rules.as_deref())
        }
        Command::Explain { input, record, color, rules } => {
            let extractor = Extractor::new(load_rules(rules.as_deref())?);
            let colour = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            run_explain(&extractor, &input, record.as_deref(), colour)
        }
    }
}

/// `trialrex extract`: the rows of every record, written in the chosen format.
fn run_extract(args: ExtractArgs) -> Result<u8, CliError> {
    let ExtractArgs { input, format, output, strict, rules, threads, dedupe, decisions, columns, guard } = args;
    let extractor = Extractor::new(load_rules(rules.as_deref())?);
    let columns = columns
        .map(|list| write::parse_columns(&list))
        .transpose()
        .map_err(|message| Error::new(ErrorKind::Usage, format!("--columns: {message}")))?;
    let write_options = WriteOptions { formula_guard: !guard.no_formula_guard, columns };
    let decisions = decisions.map(|path| Decisions::read(&path)).transpose()?.map(Arc::new);
    let progress = Progress::start(&input.files);
    let options = RunOptions {
        input_format: input.input_format,
        strict,
        threads,
        progress: progress.counter(),
        dedupe,
        decisions,
    };
    let outcome = with_output(
        output.as_deref(),
        |(summary, _)| run_succeeded(summary),
        |out| {
            let mut writer = RowWriter::with_options(out, format, write_options)?;
            let summary = pipeline::extract_files(&extractor, &input.files, &options, &mut writer, &mut report)?;
            let pairs = writer.pairs();
            writer.finish()?;
            Ok((summary, pairs))
        },
    );
    progress.finish();
    let (summary, pairs) = outcome?;
    if format == OutputFormat::Escalc {
        eprintln!("trialrex: {} pairs written, {} incomplete pairs left out", pairs.pairs, pairs.incomplete);
    }
    // The compiled rules are needed until the process ends, which frees them at once; freeing
    // their thousands of automata one by one took about 1 % of a 4 MB run.
    std::mem::forget(extractor);
    Ok(finish(summary))
}

/// `trialrex report`: the HTML review report of every record.
fn run_report(input: &InputArgs, output: &Path, rules: Option<&Path>) -> Result<u8, CliError> {
    let extractor = Extractor::new(load_rules(rules)?);
    let options = RunOptions { input_format: input.input_format, ..RunOptions::default() };
    let mut collected = report::Collected::default();
    let summary =
        pipeline::extract_each(&extractor, &input.files, &options, &mut report, &mut |record, entry, rows| {
            collected.add(record, entry, rows);
            Ok(rows.len())
        })?;
    let kept = run_succeeded(&summary);
    with_output(Some(output), |_| kept, |out| Ok(report::write_html(out, &collected)?))?;
    Ok(finish(summary))
}

/// `trialrex eval`: the rows of every record scored against the gold rows.
fn run_eval(
    gold: &Path,
    input: &InputArgs,
    format: EvalFormat,
    rules: Option<&Path>,
    show: usize,
) -> Result<u8, CliError> {
    let extractor = Extractor::new(load_rules(rules)?);
    let gold = eval::read_gold(gold)?;
    let mut rows = Vec::new();
    let summary = pipeline::for_each_record(&input.files, input.input_format, &mut report, &mut |record| {
        rows.extend(extractor.extract(record));
        Ok(())
    })?;
    let mut summary = summary;
    summary.rows = rows.len();
    let report_data = eval::evaluate(&gold, &rows);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        EvalFormat::Text => report_data.write_text(&mut out, show)?,
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report_data).map_err(io::Error::other)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(finish(summary))
}

/// `trialrex audit`: the expressions of results sentences that became no row, by shape.
fn run_audit(
    input: &InputArgs,
    ids: Option<&Path>,
    top: usize,
    examples: usize,
    rules: Option<&Path>,
) -> Result<u8, CliError> {
    let extractor = Extractor::new(load_rules(rules)?);
    let only: Option<std::collections::HashSet<String>> = match ids {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|err| Error::io(&path.to_string_lossy(), &err))?
                .lines()
                .map(|line| line.trim().to_string())
                .filter(|line| !line.is_empty())
                .collect(),
        ),
        None => None,
    };
    let mut audit = trialrex::audit::Audit::new();
    let mut rows_seen = 0;
    let mut summary = pipeline::for_each_record(&input.files, input.input_format, &mut report, &mut |record| {
        if only.as_ref().is_some_and(|ids| !ids.contains(&record.id())) {
            return Ok(());
        }
        let rows = extractor.extract(record);
        rows_seen += rows.len();
        audit.add(&record.id(), &record.abstract_text, &rows);
        Ok(())
    })?;
    summary.rows = rows_seen;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    audit.write_text(&mut out, top, examples)?;
    out.flush()?;
    Ok(finish(summary))
}

/// `trialrex check`: one report per record file on stdout, then the summary line.
fn run_check(
    extractor: &Extractor,
    dirs: &[PathBuf],
    exclude: &[PathBuf],
    options: &CheckOptions,
) -> Result<u8, CliError> {
    let cases = check::discover(dirs, exclude)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = CheckSummary::default();
    let mut failed = false;
    for case in &cases {
        match check::check_file(extractor, case, options) {
            Ok(outcome) => {
                for problem in &outcome.problems {
                    report(problem);
                }
                write!(out, "{outcome}")?;
                failed |= outcome.fails();
                summary.add(&outcome);
            }
            Err(err) => {
                out.flush()?;
                report(&err);
                summary.errors += 1;
            }
        }
    }
    writeln!(out, "{summary}")?;
    out.flush()?;
    Ok(if summary.errors > 0 {
        2
    } else if failed {
        1
    } else {
        0
    })
}

/// `trialrex explain`: every record (or the one asked for), marked, on stdout.
fn run_explain(extractor: &Extractor, input: &InputArgs, only: Option<&str>, colour: bool) -> Result<u8, CliError> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut found, mut rows_shown) = (false, 0);
    let mut summary = pipeline::for_each_record(&input.files, input.input_format, &mut report, &mut |record| {
        if only.is_some_and(|id| record.id() != id) {
            return Ok(());
        }
        found = true;
        let rows = extractor.extract(record);
        rows_shown += rows.len();
        explain::write_record(&mut out, record, &rows, colour)
    })?;
    out.flush()?;
    summary.rows = rows_shown;
    if let (Some(id), false) = (only, found) {
        eprintln!("trialrex: no record with id {id} in {}", input.files.join(", "));
        eprintln!("trialrex: {summary}");
        return Ok(2);
    }
    Ok(finish(summary))
}

/// Input larger than this shows a progress bar when stderr is a terminal.
const PROGRESS_MIN_BYTES: u64 = 32 * 1024 * 1024;

/// A progress bar on stderr over the bytes read, for large inputs at a terminal.
struct Progress {
    counter: Option<Arc<AtomicU64>>,
    done: Arc<AtomicBool>,
    painter: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn start(files: &[String]) -> Progress {
        let total = pipeline::input_bytes(files);
        let done = Arc::new(AtomicBool::new(false));
        if !io::stderr().is_terminal() || total < PROGRESS_MIN_BYTES {
            return Progress { counter: None, done, painter: None };
        }
        let counter = Arc::new(AtomicU64::new(0));
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let (read, finished) = (counter.clone(), done.clone());
        let painter = std::thread::spawn(move || {
            while !finished.load(Ordering::Relaxed) {
                bar.set_position(read.load(Ordering::Relaxed));
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            bar.finish_and_clear();
        });
        Progress { counter: Some(counter), done, painter: Some(painter) }
    }

    fn counter(&self) -> Option<Arc<AtomicU64>> {
        self.counter.clone()
    }

    fn finish(self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(painter) = self.painter {
            let _ = painter.join();
        }
    }
}

fn load_rules(dir: Option<&Path>) -> Result<RuleSet, CliError> {
    Ok(match dir {
        Some(dir) => RuleSet::embedded_with_overrides(dir)?,
        None => RuleSet::embedded()?,
    })
}

/// Prints one located problem on stderr.
fn report(err: &Error) {
    let label = match err.kind() {
        ErrorKind::NoAbstract => "note",
        ErrorKind::Warning => "warning",
        _ => "error",
    };
    eprintln!("trialrex: {label}: {err}");
}

/// Prints the summary line and turns it into the exit code.
fn finish(summary: Summary) -> u8 {
    eprintln!("trialrex: {summary}");
    summary.exit_code()
}

/// Whether a run's output may replace the `-o` file: not when some input could not be read
/// at all (exit code 2), so a failed run never destroys the previous output.
fn run_succeeded(summary: &Summary) -> bool {
    summary.exit_code() != 2
}

/// Runs `body` over standard output, or over `path` written atomically, keeping what it wrote
/// only when `keep` accepts its outcome.
///
/// A path that is not a regular file (`/dev/null`, a pipe) is written directly; a regular
/// file is written through a temporary file in the same folder, renamed into place only when
/// everything was written and `keep` says the run produced it, so an interrupted or failed run
/// never leaves a half-written file nor destroys the old one. The new file gets the mode of
/// the file it replaces, or the usual mode under the umask (not the temporary file's 0600).
fn with_output<T>(
    path: Option<&Path>,
    keep: impl FnOnce(&T) -> bool,
    body: impl FnOnce(&mut dyn Write) -> Result<T, CliError>,
) -> Result<T, CliError> {
    let Some(path) = path else {
        let stdout = io::stdout();
        let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
        let result = body(&mut out)?;
        out.flush()?;
        return Ok(result);
    };
    let is_special = std::fs::metadata(path).map(|m| !m.is_file()).unwrap_or(false);
    if is_special {
        let mut out = BufWriter::new(File::create(path).map_err(|e| Error::io(&path.display().to_string(), &e))?);
        let result = body(&mut out)?;
        out.flush()?;
        return Ok(result);
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = output_temp_file(&folder, path).map_err(|e| Error::io(&folder.display().to_string(), &e))?;
    let mut out = BufWriter::new(temp);
    let result = body(&mut out)?;
    let temp = out.into_inner().map_err(|e| CliError::Io(e.into_error()))?;
    if !keep(&result) {
        let what = if path.exists() { "left as it was" } else { "not written" };
        eprintln!("trialrex: {}: {what}, as the run failed", path.display());
        return Ok(result);
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| Error::io(&path.display().to_string(), &e.error))?;
    Ok(result)
}

/// A temporary file beside `target` with the mode `target` should end up with: the mode of the
/// file it replaces, else 0666 less the umask (as any new file), never the temporary 0600.
fn output_temp_file(folder: &Path, target: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".trialrex-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // open(2) applies the umask to this mode, exactly as for a file created directly.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(folder)?;
    if let Ok(existing) = std::fs::metadata(target) {
        temp.as_file().set_permissions(existing.permissions())?;
    }
    Ok(temp)
}

/// A CSV writer's error as the I/O error under it when there is one, so a closed pipe
/// (`| head`) is recognised as one and ends the run quietly.
fn csv_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The columns of `trialrex records --format csv`, in the order of [`RecordRow`]'s fields;
/// written first even when no record could be read, as `extract` writes its header.
const RECORD_COLUMNS: [&str; 11] =
    ["id", "pmid", "doi", "title", "abstract", "authors", "year", "journal", "file", "record", "line"];

/// One record as `trialrex records` writes it.
#[derive(Serialize)]
struct RecordRow<'a> {
    id: String,
    pmid: Option<&'a str>,
    doi: Option<&'a str>,
    title: &'a str,
    #[serde(rename = "abstract")]
    abstract_text: &'a str,
    authors: String,
    year: Option<&'a str>,
    journal: Option<&'a str>,
    file: &'a str,
    record: usize,
    line: usize,
}

impl RecordRow<'_> {
    /// The CSV cells, in [`RECORD_COLUMNS`] order; with `guard`, text cells that a spreadsheet
    /// would read as a formula get a leading `'` (numbers never change).
    fn cells(&self, guard: bool) -> [String; 11] {
        let text = |cell: &str| if guard { write::spreadsheet_safe(cell).into_owned() } else { cell.to_string() };
        [
            text(&self.id),
            text(self.pmid.unwrap_or_default()),
            text(self.doi.unwrap_or_default()),
            text(self.title),
            text(self.abstract_text),
            text(&self.authors),
            text(self.year.unwrap_or_default()),
            text(self.journal.unwrap_or_default()),
            text(self.file),
            self.record.to_string(),
            self.line.to_string(),
        ]
    }
}

fn write_records(
    out: &mut dyn Write,
    input: &InputArgs,
    format: RecordFormat,
    guard: bool,
) -> Result<Summary, CliError> {
    enum Sink<'a> {
        Csv(Box<csv::Writer<&'a mut dyn Write>>),
        Jsonl(&'a mut dyn Write),
    }
    let mut sink = match format {
        RecordFormat::Csv => {
            let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(out);
            writer.write_record(RECORD_COLUMNS).map_err(csv_io)?;
            Sink::Csv(Box::new(writer))
        }
        RecordFormat::Jsonl => Sink::Jsonl(out),
    };
    let mut written = 0;
    let mut summary = pipeline::for_each_record(&input.files, input.input_format, &mut report, &mut |record| {
        written += 1;
        let row = RecordRow {
            id: record.id(),
            pmid: record.pmid.as_deref(),
            doi: record.doi.as_deref(),
            title: &record.title,
            abstract_text: &record.abstract_text,
            authors: record.authors.join("; "),
            year: record.year.as_deref(),
            journal: record.journal.as_deref(),
            file: &record.origin.file,
            record: record.origin.record,
            line: record.origin.line,
        };
        match &mut sink {
            Sink::Csv(writer) => writer.write_record(row.cells(guard)).map_err(csv_io),
            Sink::Jsonl(out) => {
                // serde_json hands an I/O error back as it was, so a closed pipe stays one.
                serde_json::to_writer(&mut **out, &row).map_err(io::Error::from)?;
                out.write_all(b"\n")
            }
        }
    })?;
    match &mut sink {
        Sink::Csv(writer) => writer.flush()?,
        Sink::Jsonl(out) => out.flush()?,
    }
    summary.rows = written;
    Ok(summary)
}
