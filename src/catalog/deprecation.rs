//! Deprecated fields and columns, and their removal deadlines.

use crate::catalog::model::{Body, Contract};
use crate::catalog::schema_walk;
use crate::date::Date;
use serde_json::Value;

/// A field or column marked deprecated in some version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecated {
    /// Pointer into the contract file (`/versions/1/schema/properties/confidence`).
    pub pointer: String,
    /// The schema pointer (`/properties/confidence`) or the column name.
    pub path: String,
    /// The field or column name, for messages.
    pub name: String,
    pub deadline: Deadline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deadline {
    None,
    On(Date),
    /// The deadline is written but is not a date.
    Unreadable(String),
}

/// The deprecated fields or columns of the version at `position` in the file.
pub fn in_version(contract: &Contract, position: usize) -> Vec<Deprecated> {
    let mut found = Vec::new();
    match &contract.body {
        Body::Event(event) => {
            let Some(version) = event.versions.get(position) else {
                return found;
            };
            schema_walk::for_each_property(&version.schema, &mut |pointer, property| {
                if property.get("deprecated") != Some(&Value::Bool(true)) {
                    return;
                }
                let deadline = match property.get("x-remove-after") {
                    None => Deadline::None,
                    Some(Value::String(text)) => Date::parse(text)
                        .map_or_else(|| Deadline::Unreadable(text.clone()), Deadline::On),
                    Some(other) => Deadline::Unreadable(other.to_string()),
                };
                found.push(Deprecated {
                    pointer: format!("/versions/{position}/schema{pointer}"),
                    path: pointer.to_string(),
                    name: crate::pointer::last_name(pointer),
                    deadline,
                });
            });
        }
        Body::Table(table) => {
            let Some(version) = table.versions.get(position) else {
                return found;
            };
            for (index, column) in version.columns.iter().enumerate() {
                let Some(deprecation) = column.deprecated.as_ref().filter(|d| d.is_deprecated())
                else {
                    continue;
                };
                found.push(Deprecated {
                    pointer: format!("/versions/{position}/columns/{index}"),
                    path: column.name.clone(),
                    name: column.name.clone(),
                    deadline: deprecation
                        .remove_after()
                        .map_or(Deadline::None, Deadline::On),
                });
            }
        }
    }
    found
}

/// The position in the file of the latest version, if there is any.
pub fn latest_position(contract: &Contract) -> Option<usize> {
    contract.version_dates().len().checked_sub(1)
}
