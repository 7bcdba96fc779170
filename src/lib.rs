//! `contract`: lint, compare and document data contracts.
//!
//! The folders are the stages of one pipeline, and every import points down the list (README,
//! "Where things are"):
//!
//! - [`cli`] turns arguments into a command; [`commands`] holds one file per subcommand;
//! - [`report`] renders findings, [`docs`] writes the reference pages;
//! - [`rules`] is the registry, one rule per file, and the engine that runs them;
//! - [`evolution`] computes the typed old/new changes the rules read; [`compat`] is the JSON
//!   Schema compatibility engine underneath it;
//! - [`history`] reads what was released (`contracts.lock`, a git revision);
//! - [`catalog`] finds, reads and parses contract files into the typed model;
//! - [`yaml`] parses YAML with locations;
//! - the small shared pieces below everything: [`finding`], [`date`], [`pointer`], [`suggest`],
//!   [`pool`], [`atomic`].

pub mod cli;
pub mod commands;

pub mod docs;
// The PostgreSQL client, used only by `contract drift`.
pub mod database;
pub mod export;
pub mod report;

pub mod rules;

pub mod compat;
pub mod evolution;

pub mod history;

pub mod catalog;

pub mod yaml;

pub mod atomic;
pub mod date;
pub mod finding;
pub mod pointer;
pub mod pool;
pub mod suggest;
pub mod terminal;

// The library's entry points kept at the paths the tests and benchmarks have always used.
pub use commands::{check, release};
