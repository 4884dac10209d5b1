//! The `trialrex` command: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

/// The run allocates and frees many small strings and vectors per abstract; mimalloc serves them
/// in a fraction of the system allocator's instructions (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let code = match trialrex_cli::run() {
        Ok(code) => code,
        Err(err) if err.is_broken_pipe() => 0,
        Err(err) => {
            eprintln!("trialrex: {err}");
            2
        }
    };
    ExitCode::from(code)
}

#[path = "cli.rs"]
mod trialrex_cli;
