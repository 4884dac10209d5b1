//! Recognises an input format from its first bytes.

use super::Format;

/// Guesses the format of an input from its first bytes; `None` when nothing fits.
pub fn sniff(head: &[u8]) -> Option<Format> {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return None;
    }
    // Ovid's `<1. >` record marker starts with `<` too: tell it from XML first.
    if trimmed.lines().next().is_some_and(super::ovid::is_record_marker) {
        return Some(Format::Ovid);
    }
    if trimmed.starts_with('<') {
        if trimmed.contains("<PubmedArticle")
            || trimmed.contains("<MedlineCitation")
            || trimmed.contains("<PubmedBookArticle")
        {
            return Some(Format::PubmedXml);
        }
        if trimmed.contains("<article-meta")
            || trimmed.contains("<!DOCTYPE article")
            || (trimmed.contains("<article") && trimmed.contains("<front>"))
        {
            return Some(Format::Jats);
        }
        if trimmed.contains("<records>") || trimmed.contains("<record>") || trimmed.contains("<xml>") {
            return Some(Format::EndnoteXml);
        }
        return None;
    }
    // A JSON object on the first line; one longer than the sniffed bytes (a huge abstract) is
    // judged by its start.
    let first_line_cut = !trimmed.contains('\n') && head.len() >= super::SNIFF_BYTES;
    if trimmed.starts_with('{')
        && ((first_line_cut && trimmed.starts_with("{\""))
            || serde_json::from_str::<serde_json::Value>(trimmed.lines().next().unwrap_or("")).is_ok())
    {
        return Some(Format::Jsonl);
    }
    let lines: Vec<&str> = text.lines().take(200).collect();
    if super::wos::looks_like(&lines) {
        return Some(Format::Wos);
    }
    if lines.iter().any(|l| is_ris_type_line(l)) || trimmed.starts_with("TY - ") {
        return Some(Format::Ris);
    }
    if lines.iter().any(|l| is_medline_line(l)) {
        return Some(Format::Medline);
    }
    if lines.iter().any(|l| is_bibtex_entry_line(l)) {
        return Some(Format::Bibtex);
    }
    if let Some(header) = lines.iter().find(|l| !l.trim().is_empty()) {
        let lower = header.to_ascii_lowercase();
        let names_columns = lower.contains("title") || lower.contains("abstract");
        if names_columns && header.contains('\t') {
            return Some(Format::Tsv);
        }
        if names_columns && header.contains(',') {
            return Some(Format::Csv);
        }
    }
    Some(Format::Text)
}

/// `TY  - JOUR` or `TY - JOUR` at the start of a line (a stray CR or spaces before it are
/// tolerated: IEEE Xplore starts records with `\rTY  - `).
fn is_ris_type_line(line: &str) -> bool {
    let line = line.trim_start_matches(['\u{feff}', '\r', ' ']);
    line.starts_with("TY  -") || line.starts_with("TY -")
}

/// A MEDLINE line with a three- or four-letter tag (`PMID- 1`, `OWN - NLM`, `FAU - Doe, J`):
/// RIS tags have two letters, so these only occur in MEDLINE.
fn is_medline_line(line: &str) -> bool {
    let line = line.trim_start_matches('\u{feff}');
    matches!(super::medline::tag_line(line), Ok((_, (tag, _))) if tag.len() >= 3)
}

/// `@article{key,` or `@STRING (` at the start of a line.
fn is_bibtex_entry_line(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix('@') else { return false };
    let name_end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    name_end > 0 && rest[name_end..].trim_start().starts_with(['{', '('])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart_by_content() {
        assert_eq!(sniff(b"\xef\xbb\xbfTY  - JOUR\r\nER  - \r\n"), Some(Format::Ris));
        assert_eq!(sniff(b"TY - JOUR A1 - Doe ER -"), Some(Format::Ris));
        assert_eq!(sniff(b"\nOWN - ERIC\nTI  - A title\n"), Some(Format::Medline));
        assert_eq!(sniff(b"\nPMC - PMC1\nPMID- 2\n"), Some(Format::Medline));
        assert_eq!(sniff(b"% c\n@Article{k,\n title={x}}"), Some(Format::Bibtex));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><xml><records><record>"), Some(Format::EndnoteXml));
        assert_eq!(
            sniff(b"<?xml?><!DOCTYPE PubmedArticleSet><PubmedArticleSet>\n<PubmedArticle>"),
            Some(Format::PubmedXml)
        );
        assert_eq!(sniff(b"Title,Abstract\nA,B\n"), Some(Format::Csv));
        assert_eq!(sniff(b"\xef\xbb\xbfFN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n"), Some(Format::Wos));
        assert_eq!(sniff(b"PT J\nAU Doe, J\nER\n"), Some(Format::Wos));
        assert_eq!(sniff(b"\r\n <7. >\r\n VN  - Ovid Technologies\r\n"), Some(Format::Ovid));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\"><article><front>"),
            Some(Format::Jats)
        );
        assert_eq!(sniff(b"TI\tAB\tTitle\nA\tB\tC\n"), Some(Format::Tsv));
        assert_eq!(sniff(b"Mail me @ home {soon}"), Some(Format::Text));
        assert_eq!(sniff(b"  \n"), None);
        let mut long_line = br#"{"id":"big","abstract":""#.to_vec();
        long_line.resize(super::super::SNIFF_BYTES, b'x');
        assert_eq!(sniff(&long_line), Some(Format::Jsonl), "a JSONL line longer than the sniffed bytes");
    }
}
