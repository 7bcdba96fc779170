//! `contract`: lint, compare and document data contracts.

pub mod catalog;
pub mod date;
pub mod deprecation;
pub mod finding;
pub mod format;
pub mod model;
pub mod owners;
pub mod pool;
pub mod retention;
pub mod rules;
pub mod schema_walk;
pub mod settings;
pub mod sqltype;
pub mod suggest;
pub mod yaml;
