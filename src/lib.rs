//! `contract`: lint, compare and document data contracts.
