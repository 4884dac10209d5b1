//! The `trialrex` command: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

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
