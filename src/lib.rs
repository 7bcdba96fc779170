//! `contract`: lint, compare and document data contracts.

pub mod atomic;
pub mod baseline;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod compat;
pub mod date;
pub mod deprecation;
pub mod explain;
pub mod finding;
pub mod format;
pub mod history;
pub mod lock;
pub mod model;
pub mod owners;
pub mod pool;
pub mod release;
pub mod report;
pub mod retention;
pub mod rules;
pub mod scaffold;
pub mod schema_walk;
pub mod settings;
pub mod sqltype;
pub mod suggest;
pub mod yaml;
