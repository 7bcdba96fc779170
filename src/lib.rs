//! `contract`: lint, compare and document data contracts.

pub mod pool;
pub mod sqltype;
pub mod yaml;
