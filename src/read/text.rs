//! Plain text: the whole input is one abstract.

use std::io::Read;

use super::{decode_lossy, Input, Records};
use crate::error::Error;
use crate::record::{Origin, Record};

/// The largest plain-text input read as one abstract.
const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// One record holding the whole (trimmed) text as its abstract.
pub(super) fn records(mut input: Input, file: String) -> Records {
    let mut bytes = Vec::new();
    let result = match (&mut input).take(MAX_TEXT_BYTES).read_to_end(&mut bytes) {
        Err(err) => Err(Error::io(&file, &err)),
        Ok(_) => {
            let (text, bad_at) = decode_lossy(&bytes);
            let warnings = bad_at
                .map(|offset| {
                    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
                    vec![format!("invalid UTF-8 at line {line} (byte {}), replaced with U+FFFD", offset + 1)]
                })
                .unwrap_or_default();
            Ok(Record {
                abstract_text: text.trim_start_matches('\u{feff}').trim().to_string(),
                origin: Origin { file, record: 1, line: 1 },
                warnings,
                ..Record::default()
            })
        }
    };
    Box::new(std::iter::once(result))
}
