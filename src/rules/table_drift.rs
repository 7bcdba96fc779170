//! `table-drift`: a live PostgreSQL table differs from its contract's latest released version.
//! Only `contract drift` reports it (it needs a database); `contract check` never runs it.

use super::{Category, Check, Rule};
use crate::finding::Level;

pub static RULE: Rule = Rule {
    id: "table-drift",
    summary: "A live table differs from its contract's latest released version (`contract drift`)",
    rationale: "The contract is the checked truth about the table: readers build on its columns, \
types, nullability, defaults and primary key. A table changed by hand, by a migration nobody \
declared, or never migrated at all is the silent schema change contracts exist to stop. The \
message names the sub-case: table missing, column missing, column extra, type, nullability \
(errors), default (warning); a table that matches the contract's draft instead is info, the \
draft's migration deployed ahead of its release. Run by `contract drift --database URL` only.",
    example: "# contract, released v3:  - {name: time_zone, type: text}\n# database:  ALTER TABLE core.users ALTER COLUMN time_zone TYPE varchar(10);",
    level: Level::Error,
    category: Category::TableEvolution,
    check: Check::Live,
};
