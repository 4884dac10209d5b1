//! Extraction on arbitrary text: no panic, and every row's evidence is exactly the abstract's
//! code points `start..end` (offsets count code points, as Python slices a `str`).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trialrex::{Extractor, Record};

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| match Extractor::with_default_rules() {
        Ok(extractor) => extractor,
        Err(err) => panic!("the embedded rules do not compile: {err}"),
    })
}

fuzz_target!(|data: &[u8]| {
    let abstract_text = String::from_utf8_lossy(data).into_owned();
    let record = Record { native_id: Some("fuzz".into()), abstract_text, ..Record::default() };
    let chars: Vec<char> = record.abstract_text.chars().collect();
    for row in extractor().extract(&record) {
        assert!(
            row.start <= row.end && row.end <= chars.len(),
            "span {}..{} of {} chars",
            row.start,
            row.end,
            chars.len()
        );
        let slice: String = chars[row.start..row.end].iter().collect();
        assert_eq!(row.evidence, slice, "evidence is not the abstract's code points {}..{}", row.start, row.end);
    }
});
