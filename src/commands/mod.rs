//! The subcommands, one file each, named after the subcommand (`scaffold` became `new`).
//!
//! Takes in parsed arguments from [`crate::cli`]; hands on an outcome the CLI prints and maps to
//! an exit code. A command drives the stages below it (catalog, history, rules, report, docs) and
//! is imported by nothing but the CLI, the tests and the benchmarks.

pub mod check;
pub mod compat;
pub mod completions;
pub mod diff;
pub mod docs;
pub mod drift;
pub mod explain;
pub mod export;
pub mod import;
pub mod new;
pub mod release;
