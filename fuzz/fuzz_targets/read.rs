//! Every reader on arbitrary bytes: the first byte picks the format, the rest is the input.
//!
//! A first byte of 9 (mod 13) reads through `from_reader` instead, so gzip unwrapping and the
//! format sniffer are fuzzed too. Readers must yield `Ok` or `Err` per record, never panic.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use trialrex::read::{self, Format};

const FORMATS: [Format; 12] = Format::ALL;

/// Stops a reader that yields records forever (itself a bug, but not one to hang the fuzzer on).
const MAX_RECORDS: usize = 1 << 20;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let input = input.to_vec();
    // 0-8 pick the first nine formats, 9 the sniffer (as before the last three were added),
    // 10-12 the last three.
    let pick = match usize::from(selector % 13) {
        9 => None,
        i if i > 9 => FORMATS.get(i - 1),
        i => FORMATS.get(i),
    };
    let records = match pick {
        Some(&format) => read::read(Box::new(Cursor::new(input)), "fuzz", format),
        None => match read::from_reader(Box::new(Cursor::new(input)), "fuzz", None) {
            Ok(records) => records,
            Err(_) => return,
        },
    };
    for record in records.take(MAX_RECORDS).flatten() {
        // Touch what the pipeline reads from every record.
        let _ = record.id();
        let _ = record.has_abstract();
    }
});
