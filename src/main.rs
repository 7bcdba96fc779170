//! The `contract` binary: parse the arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = contract::cli::Cli::parse();
    ExitCode::from(contract::cli::run(cli).code())
}
