//! Readers never panic or hang on hostile input, and every error names the file it came from.
//!
//! 2,000 random byte strings (built from format tokens and raw bytes, so they reach past the
//! first line of each parser) and 200 truncated or corrupted copies of the format fixtures are
//! fed to every reader and, in batches, to the `trialrex records` binary.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use trialrex::read::{self, Format};

const FORMATS: [Format; 12] = Format::ALL;

/// Pieces of the formats' syntax mixed into the random inputs.
const TOKENS: &[&[u8]] = &[
    b"TY  - ",
    b"TY - JOUR A1 - ",
    b"ER  - ",
    b"AB  - ",
    b"N2  - ",
    b" KW - ",
    b"\n",
    b"\r",
    b"\r\n",
    b"      ",
    b"PMID- ",
    b"AB  -",
    b"LID - 10.1/x [doi]",
    b"<PubmedArticle>",
    b"</PubmedArticle>",
    b"<AbstractText Label=\"A\">",
    b"</AbstractText>",
    b"<record>",
    b"</record>",
    b"<abstract><style>",
    b"</style></abstract>",
    b"&#xD;",
    b"&amp;",
    b"&bogus;",
    b"<!DOCTYPE x [<!ENTITY a \"b\">]>",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"@article{",
    b"@string{m = ",
    b"@comment{",
    b"}",
    b"{",
    b"\"",
    b",",
    b"=",
    b"#",
    b"\\\"",
    b"\\",
    b"$",
    b"abstract,title\n",
    b"\t",
    b"{\"id\":",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3",
    b"\x00",
    b"10.",
    b"2017",
];

/// A small deterministic PRNG (xorshift64*), so failures are reproducible without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn random_input(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = Vec::new();
    let pieces = rng.below(200);
    for _ in 0..pieces {
        if rng.below(3) == 0 {
            let n = 1 + rng.below(8);
            bytes.extend((0..n).map(|_| rng.next() as u8));
        } else {
            bytes.extend_from_slice(TOKENS[rng.below(TOKENS.len())]);
        }
    }
    bytes
}

fn fixture_files() -> Vec<PathBuf> {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![crate_dir.join("fixtures").join("ruers-2017-jnci.ris")];
    let root = crate_dir.join("tests").join("data");
    for folder in ["ris", "nbib", "pubmed_xml", "endnote_xml", "bibtex", "csv"] {
        let mut in_folder: Vec<PathBuf> = std::fs::read_dir(root.join("formats").join(folder))
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .collect();
        in_folder.sort();
        files.extend(in_folder);
    }
    files
}

/// A truncated and corrupted copy of a fixture (at most 64 KiB of it).
fn corrupted(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let start = if original.len() > 65_536 && rng.below(2) == 0 { rng.below(original.len() - 65_536) } else { 0 };
    let mut bytes = original[start..original.len().min(start + 65_536)].to_vec();
    for _ in 0..1 + rng.below(6) {
        if bytes.is_empty() {
            break;
        }
        let at = rng.below(bytes.len());
        match rng.below(6) {
            0 => bytes.truncate(at),
            1 => bytes[at] = rng.next() as u8,
            2 => {
                let end = (at + rng.below(200)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(500)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len());
                bytes.splice(to..to, copy);
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                bytes.splice(at..at, token.iter().copied());
            }
            _ => bytes.insert(at, [b'{', b'}', b'<', b'>', b'"', b'\r', b'\n', 0xff][rng.below(8)]),
        }
    }
    bytes
}

/// Reads `bytes` with every reader (and the sniffer), checking every error's location.
fn read_with_every_reader(bytes: &[u8]) {
    for format in FORMATS {
        let records = read::read(Box::new(Cursor::new(bytes.to_vec())), "x", format);
        for result in records.take(1_000_000) {
            match result {
                Ok(record) => {
                    assert_eq!(record.origin.file, "x");
                    assert!(record.origin.record >= 1);
                }
                Err(err) => {
                    let location = err.location().unwrap_or_else(|| panic!("{format:?}: unlocated error {err}"));
                    assert_eq!(location.file, "x", "{format:?}: {err}");
                    assert!(err.to_string().starts_with("x"), "{format:?}: {err}");
                }
            }
        }
    }
    if let Ok(records) = read::from_reader(Box::new(Cursor::new(bytes.to_vec())), "x", None) {
        for result in records {
            if let Err(err) = result {
                assert_eq!(err.location().map(|l| l.file.as_str()), Some("x"), "{err}");
            }
        }
    }
}

/// Runs `body` on another thread and fails if it does not finish within `limit`.
fn within(limit: Duration, body: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        body();
        let _ = done.send(());
    });
    match finished.recv_timeout(limit) {
        Ok(()) => worker.join().expect("worker"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The worker panicked: re-raise its panic here.
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("reading did not finish within {limit:?} (a hang?)"),
    }
}

#[test]
fn random_bytes_never_panic_or_hang() {
    within(Duration::from_secs(60), || {
        let mut rng = Rng(0x5eed_1234_abcd_0001);
        for _ in 0..2_000 {
            let bytes = random_input(&mut rng);
            read_with_every_reader(&bytes);
        }
    });
}

#[test]
fn corrupted_fixtures_never_panic_or_hang() {
    within(Duration::from_secs(60), || {
        let files = fixture_files();
        let contents: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).expect("fixture")).collect();
        let mut rng = Rng(0x5eed_1234_abcd_0002);
        for _ in 0..200 {
            let original = &contents[rng.below(contents.len())];
            let bytes = corrupted(&mut rng, original);
            read_with_every_reader(&bytes);
        }
    });
}

#[test]
fn deep_nesting_and_entity_bombs_are_refused_with_a_located_limit_error() {
    let deep = format!("<PubmedArticleSet><PubmedArticle>{}</PubmedArticle></PubmedArticleSet>", "<a>".repeat(100_000));
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;\">]>\
                <xml><records><record><abstract>&lol1;</abstract></record></records></xml>";
    for (bytes, format) in [(deep.as_bytes(), Format::PubmedXml), (bomb.as_bytes(), Format::EndnoteXml)] {
        let start = Instant::now();
        let results: Vec<_> = read::read(Box::new(Cursor::new(bytes.to_vec())), "x", format).collect();
        assert!(start.elapsed() < Duration::from_secs(5));
        let limit = results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .find(|e| e.kind() == trialrex::ErrorKind::Limit)
            .unwrap_or_else(|| panic!("{format:?}: no Limit error in {results:?}"));
        assert_eq!(limit.location().map(|l| l.file.as_str()), Some("x"));
    }
}

/// Runs `trialrex records` over files; checks exit code, no panic, and located errors.
fn run_cli(files: &[PathBuf], dir: &Path) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_trialrex"));
    command.arg("records").arg("--format").arg("jsonl").args(files);
    let output = command.output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let code = output.status.code().expect("exit code, not a signal");
    // 2 only when some file could not be read at all (binary noise, nothing but whitespace).
    let refused = stderr.contains("not a text file") || stderr.contains("the file is empty");
    assert!(code == 0 || code == 1 || (code == 2 && refused), "exit code {code}: {stderr}");
    for line in stderr.lines() {
        if let Some(message) = ["trialrex: error: ", "trialrex: note: ", "trialrex: warning: "]
            .iter()
            .find_map(|prefix| line.strip_prefix(prefix))
        {
            assert!(message.starts_with(&dir.display().to_string()), "unlocated: {line}");
        }
    }
    assert!(stderr.lines().last().is_some_and(|l| l.contains(" records, ")), "{stderr}");
}

#[test]
fn the_binary_survives_random_and_corrupted_files() {
    within(Duration::from_secs(60), || {
        let dir = tempfile::tempdir().expect("temp dir");
        let contents: Vec<Vec<u8>> = fixture_files().iter().map(|f| std::fs::read(f).expect("fixture")).collect();
        let mut rng = Rng(0x5eed_1234_abcd_0003);
        let mut files = Vec::new();
        for i in 0..200 {
            let bytes = if i % 2 == 0 {
                random_input(&mut rng)
            } else {
                let original = &contents[rng.below(contents.len())];
                corrupted(&mut rng, original)
            };
            let path = dir.path().join(format!("input-{i}.txt"));
            std::fs::write(&path, bytes).expect("write");
            files.push(path);
        }
        for batch in files.chunks(50) {
            run_cli(batch, dir.path());
        }
    });
}

#[test]
fn many_unclosed_bibtex_entries_are_read_in_linear_time() {
    let text = "@article{k, title = {never closed\n".repeat(100_000);
    let start = Instant::now();
    let results: Vec<_> = read::read(Box::new(Cursor::new(text.into_bytes())), "x", Format::Bibtex).collect();
    assert_eq!(results.len(), 100_000);
    assert!(results.iter().all(|r| r.is_err()));
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
}
