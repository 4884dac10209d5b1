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
    if trimmed.starts_with('<') {
        if trimmed.contains("PubmedArticle") || trimmed.contains("MedlineCitation") {
            return Some(Format::PubmedXml);
        }
        if trimmed.contains("<records>") || trimmed.contains("<record>") {
            return Some(Format::EndnoteXml);
        }
        return None;
    }
    if trimmed.starts_with('{')
        && serde_json::from_str::<serde_json::Value>(trimmed.lines().next().unwrap_or("")).is_ok()
    {
        return Some(Format::Jsonl);
    }
    let lines: Vec<&str> = text.lines().take(200).collect();
    if lines.iter().any(|l| l.starts_with("PMID-") || l.starts_with("PMID -")) {
        return Some(Format::Medline);
    }
    if lines.iter().any(|l| is_ris_type_line(l)) || trimmed.starts_with("TY - ") {
        return Some(Format::Ris);
    }
    if lines.iter().any(|l| l.trim_start().starts_with('@') && l.contains('{')) {
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

/// `TY  - JOUR` or `TY - JOUR` at the start of a line.
fn is_ris_type_line(line: &str) -> bool {
    let line = line.trim_start_matches('\u{feff}');
    line.starts_with("TY  -") || line.starts_with("TY -")
}
