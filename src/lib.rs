//! `contract`: lint, compare and document data contracts.

pub mod date;
pub mod format;
pub mod pool;
pub mod sqltype;
pub mod suggest;
pub mod yaml;
