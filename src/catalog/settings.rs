//! `settings.yaml`: catalogue-wide defaults and per-rule level overrides.

use crate::catalog::model::Compatibility;
use crate::finding::Level;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// An optional property added to an open content model is compatible (new fields are additive).
    #[default]
    Lenient,
    /// Confluent Schema Registry's STRICT verdicts.
    Strict,
}

/// A rule's level as configured: a level, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Configured {
    Error,
    Warning,
    Info,
    Off,
}

impl Configured {
    pub fn level(self) -> Option<Level> {
        match self {
            Configured::Error => Some(Level::Error),
            Configured::Warning => Some(Level::Warning),
            Configured::Info => Some(Level::Info),
            Configured::Off => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    #[serde(default = "default_compatibility")]
    pub compatibility: Compatibility,
    #[serde(default)]
    pub policy: Policy,
    #[serde(default)]
    pub rules: BTreeMap<String, Configured>,
}

/// Backward is what a consumer replaying old data needs, and what schema registries default to.
fn default_compatibility() -> Compatibility {
    Compatibility::Backward
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            compatibility: default_compatibility(),
            policy: Policy::default(),
            rules: BTreeMap::new(),
        }
    }
}
