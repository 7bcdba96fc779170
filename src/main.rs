//! The `contract` binary: parse the arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = contract::cli::Cli::parse();
    ExitCode::from(contract::cli::run(cli).code())
}

/// Parsing thousands of contracts allocates millions of small nodes from two threads; glibc's
/// allocator spent a fifth of the run in malloc and free (perf), mimalloc about a third of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
