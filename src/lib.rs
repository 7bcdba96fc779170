//! `contract`: lint, compare and document data contracts.
pub mod compat;
