//! The typed changes between an old and a new version of a contract: what the evolution rules
//! read instead of raw YAML.
//!
//! Takes in the typed model ([`crate::catalog`]) and, for events, the compatibility engine's
//! differences ([`crate::compat`]); hands on [`event::EventChange`] pairs, [`table::TableDiff`]s
//! and the parsed PostgreSQL types they compare ([`sqltype`]; column defaults in
//! [`sqldefault`]), all cached per contract in a
//! [`context::Context`]. It computes changes and runs no rule: it must not import
//! [`crate::rules`] (the engine that runs the rules over these changes lives there), nor
//! anything above it.

pub mod context;
pub mod event;
pub mod migration;
pub mod sqldefault;
pub mod sqltype;
pub mod table;
