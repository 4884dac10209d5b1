//! Markup left in the text of records: HTML entities, HTML/JATS/MathML tags, and structured-
//! abstract labels written `Results- ` instead of `Results: `. Applied to every record of every
//! reader, in one place, so an abstract reads the same whichever export it came from.
//!
//! Dimensions and Scopus RIS, Rayyan CSV cells (`<jats:p>`) and PubMed text keep `&lt;`,
//! `<sup>`, `<i>` or `<AbstractText Label="...">` in their text. Entities are decoded, then
//! only tags of known markup vocabularies are dropped, so `P <0.05` or `a<b>c` in prose are
//! never taken for tags. `10<sup>−5</sup>` becomes `10^−5`, which the number grammar reads as a
//! power of ten; other `<sup>`/`<sub>` content is kept as text.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use crate::record::Record;

/// Decodes entities, drops markup and normalises section labels in a record's title,
/// abstract and journal.
pub(crate) fn clean_record(mut record: Record) -> Record {
    if let Cow::Owned(text) = clean_text(&record.abstract_text) {
        record.abstract_text = text;
    }
    if let Cow::Owned(text) = clean_text(&record.title) {
        record.title = text;
    }
    if let Some(journal) = &record.journal {
        if let Cow::Owned(text) = clean_text(journal) {
            record.journal = Some(text);
        }
    }
    record
}

/// `text` with entities decoded, known tags dropped and `Label- ` section labels written
/// `Label: `; borrowed when there was nothing to change.
pub(crate) fn clean_text(text: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(text);
    // Twice: some exports escape twice (`&amp;lt;`).
    for _ in 0..2 {
        if let Cow::Owned(decoded) = decode_entities(&text) {
            text = Cow::Owned(decoded);
        }
    }
    if let Cow::Owned(stripped) = drop_tags(&text) {
        text = Cow::Owned(stripped);
    }
    if let Cow::Owned(labelled) = colon_labels(&text) {
        text = Cow::Owned(labelled);
    }
    text
}

/// The character a named HTML entity stands for (the names seen in exports).
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "thinsp" => "\u{2009}",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "minus" => "\u{2212}",
        "plusmn" => "\u{b1}",
        "times" => "\u{d7}",
        "le" => "\u{2264}",
        "ge" => "\u{2265}",
        "middot" => "\u{b7}",
        "deg" => "\u{b0}",
        "micro" => "\u{b5}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "ldquo" => "\u{201c}",
        "rdquo" => "\u{201d}",
        "hellip" => "\u{2026}",
        "alpha" => "\u{3b1}",
        "beta" => "\u{3b2}",
        "gamma" => "\u{3b3}",
        "delta" => "\u{3b4}",
        "kappa" => "\u{3ba}",
        "mu" => "\u{3bc}",
        "chi" => "\u{3c7}",
        // The SGML Greek entities (ISO 8879) that some old records still carry: `&mgr;M`.
        "agr" => "\u{3b1}",
        "bgr" => "\u{3b2}",
        "ggr" => "\u{3b3}",
        "dgr" => "\u{3b4}",
        "egr" => "\u{3b5}",
        "kgr" => "\u{3ba}",
        "lgr" => "\u{3bb}",
        "mgr" => "\u{3bc}",
        "pgr" => "\u{3c0}",
        "sgr" => "\u{3c3}",
        "khgr" => "\u{3c7}",
        "copy" => "\u{a9}",
        "reg" => "\u{ae}",
        "trade" => "\u{2122}",
        _ => return None,
    })
}

/// Decodes `&name;`, `&#233;` and `&#xE9;`; anything else after `&` is kept as written.
fn decode_entities(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // An entity is `&`, at most ten ASCII alphanumerics or `#`, and `;`.
        let end = rest.bytes().skip(1).take(11).position(|b| b == b';').map(|p| p + 1);
        let name = end
            .map(|end| &rest[1..end])
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#'));
        let decoded = name.and_then(|name| {
            let numeric = name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| name.strip_prefix('#').map(|dec| dec.parse().ok()));
            match numeric {
                Some(code) => code.and_then(char::from_u32).filter(|c| *c != '\0').map(|c| c.to_string()),
                None => named_entity(name).map(str::to_string),
            }
        });
        match (decoded, name) {
            (Some(decoded), Some(name)) => {
                out.push_str(&decoded);
                rest = &rest[name.len() + 2..];
                changed = true;
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Tag names (lower case, without a `jats:`/`mml:` prefix) that are markup wherever they occur.
const KNOWN_TAGS: &[&str] = &[
    "i",
    "b",
    "u",
    "em",
    "strong",
    "sup",
    "sub",
    "sc",
    "span",
    "font",
    "small",
    "big",
    "tt",
    "italic",
    "bold",
    "underline",
    "p",
    "br",
    "div",
    "sec",
    "title",
    "abstract",
    "abstracttext",
    "list",
    "list-item",
    "li",
    "ul",
    "ol",
    "inline-formula",
    "math",
    "mi",
    "mn",
    "mo",
    "mrow",
    "msup",
    "msub",
    "mtext",
    "mfrac",
    "xref",
    "ext-link",
    "a",
    "label",
    "caption",
    "named-content",
    "styled-content",
    "monospace",
    "overline",
    "strike",
    "roman",
    "sans-serif",
];

/// Block tags, which become a space (the text on both sides is not one word).
const BLOCK_TAGS: &[&str] = &["p", "br", "div", "sec", "abstract", "list", "list-item", "li", "ul", "ol", "caption"];

/// One tag read at the start of `text`: its length, whether it closes, its name and attributes.
struct Tag<'a> {
    len: usize,
    closing: bool,
    name: String,
    attributes: &'a str,
}

/// Reads `<name attr="x">`, `</name>` or `<name/>` at the start of `text`.
fn tag_at(text: &str) -> Option<Tag<'_>> {
    let rest = text.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let name_len =
        rest.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_'))).unwrap_or(rest.len());
    let raw_name = &rest[..name_len];
    if raw_name.is_empty() || !raw_name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = &rest[name_len..];
    let close = after.find(['>', '<'])?;
    if after.as_bytes()[close] != b'>' || !(close == 0 || after.starts_with([' ', '/', '\n', '\t'])) {
        return None;
    }
    // Attributes are `name="value"` pairs: `<b and c>` in prose is no tag.
    let attributes = after[..close].trim().trim_end_matches('/');
    if !attributes.is_empty() && !attributes.contains('=') {
        return None;
    }
    let name = raw_name.rsplit(':').next().unwrap_or(raw_name).to_ascii_lowercase();
    let len = 1 + usize::from(closing) + name_len + close + 1;
    Some(Tag { len, closing, name, attributes })
}

/// Drops the tags of [`KNOWN_TAGS`]; `<AbstractText Label="X">` becomes `X: `, a section
/// `<title>` ends with `: `, block tags become a space.
fn drop_tags(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'<', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(tag) = tag_at(rest).filter(|t| KNOWN_TAGS.contains(&t.name.as_str())) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        changed = true;
        rest = &rest[tag.len..];
        let space = |out: &mut String| {
            if !out.is_empty() && !out.ends_with(char::is_whitespace) {
                out.push(' ');
            }
        };
        match (tag.name.as_str(), tag.closing) {
            ("sup", false) if out.ends_with(|c: char| c.is_ascii_digit()) => out.push('^'),
            ("abstracttext", false) => {
                space(&mut out);
                if let Some(label) = attribute(tag.attributes, "Label").filter(|l| !l.trim().is_empty()) {
                    out.push_str(label.trim());
                    out.push_str(": ");
                }
            }
            ("abstracttext", true) => space(&mut out),
            ("title", true) => {
                let trimmed = out.trim_end().trim_end_matches([':', '.']).len();
                out.truncate(trimmed);
                out.push_str(": ");
            }
            ("title", false) => space(&mut out),
            (name, _) if BLOCK_TAGS.contains(&name) => space(&mut out),
            _ => {}
        }
    }
    out.push_str(rest);
    if !changed {
        return Cow::Borrowed(text);
    }
    // A JATS cell often starts with the heading `Abstract`, which is no section of the abstract.
    let trimmed = out.trim();
    let trimmed = trimmed.strip_prefix("Abstract: ").unwrap_or(trimmed);
    Cow::Owned(trimmed.to_string())
}

/// The value of attribute `key` in `attributes` (`Label="RESULTS"` or `Label='RESULTS'`).
fn attribute<'a>(attributes: &'a str, key: &str) -> Option<&'a str> {
    let at = attributes.find(&format!("{key}="))?;
    let value = &attributes[at + key.len() + 1..];
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &value[1..];
    value.find(quote).map(|end| &value[..end])
}

/// Section labels written with a hyphen (`Background and Purpose- `, `Results- `), as some
/// journals (Stroke, Circulation) print them: at the start of the text or of a sentence.
fn hyphen_label() -> &'static Regex {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    LABEL.get_or_init(|| {
        Regex::new(
            r"(?i)(^|[.!?]\s+)(background and purpose|background|purpose|objectives?|aims?|methods and results|methods|results|conclusions and relevance|conclusions?|introduction|design|setting|participants|interventions|findings|interpretation|main outcome measures?|clinical trial registration(?:-url)?|trial registration)- ",
        )
        .unwrap_or_else(|_| unreachable!("the label pattern is a valid regex"))
    })
}

/// `Results- text` → `Results: text`, so the label reads as a label, never as part of a row.
fn colon_labels(text: &str) -> Cow<'_, str> {
    if memchr::memmem::find(text.as_bytes(), b"- ").is_none() {
        return Cow::Borrowed(text);
    }
    hyphen_label().replace_all(text, "$1$2: ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded_once_or_twice_and_unknown_ones_kept() {
        assert_eq!(clean_text("P &lt; 0.05 &amp; HR&nbsp;0.7"), "P < 0.05 & HR\u{a0}0.7");
        assert_eq!(clean_text("a &amp;lt; b; &#8804;3 &#x2013; x"), "a < b; \u{2264}3 \u{2013} x");
        assert_eq!(clean_text("R&D; AT&T &foo; &"), "R&D; AT&T &foo; &");
        assert_eq!(clean_text("20.17 &mgr;M"), "20.17 \u{3bc}M");
    }

    #[test]
    fn known_tags_are_dropped_and_powers_of_ten_keep_their_caret() {
        assert_eq!(
            clean_text("P = 2 \u{d7} 10<sup>\u{2212}5</sup> in <i>vivo</i> CO<sub>2</sub>"),
            "P = 2 \u{d7} 10^\u{2212}5 in vivo CO2"
        );
        assert_eq!(clean_text("x&lt;sup&gt;2&lt;/sup&gt;"), "x2");
        assert_eq!(clean_text("<jats:title>Abstract</jats:title><jats:p>We did it.</jats:p>"), "We did it.");
        assert_eq!(
            clean_text(r#"<AbstractText Label="RESULTS">HR 0.5.</AbstractText><AbstractText>More.</AbstractText>"#),
            "RESULTS: HR 0.5. More."
        );
    }

    #[test]
    fn comparison_signs_in_prose_are_not_tags() {
        assert_eq!(clean_text("P <0.05 and a <b and c> d or x < y > z"), "P <0.05 and a <b and c> d or x < y > z");
        assert!(matches!(clean_text("plain text, nothing to do"), Cow::Borrowed(_)));
    }

    #[test]
    fn hyphenated_section_labels_become_colon_labels() {
        assert_eq!(
            clean_text(
                "Background and Purpose- Why. Methods- How. Results- Adjunctive technique groups included BGC (n=445)."
            ),
            "Background and Purpose: Why. Methods: How. Results: Adjunctive technique groups included BGC (n=445)."
        );
        assert_eq!(clean_text("A well-known dose- response"), "A well-known dose- response");
    }
}
