//! Table evolution: the typed column changes between consecutive versions of a table contract,
//! computed once per contract and read by every table evolution rule.
//!
//! Each version is compared with the one before it in the file (old = version i, new = version
//! i + 1). A column is matched by name; what is left over is a removal or an addition, except
//! that a removed column and an added column with the same type at the same position *look like
//! a rename*. "The same position" means: between the same two surviving columns, and at the same
//! offset among the columns that changed there (`[id, a, b]` → `[id, x, b, c]` renames `a` to `x`
//! when both have the same type). A column that an earlier released version deprecated is never
//! taken for a renamed one: its removal was announced.
//!
//! A column type that does not parse is never guessed at: the pair reports no type change for it
//! (`column-type-unknown` reports the type), and it cannot be half of a rename.

use crate::catalog::deprecation::Deadline;
use crate::catalog::model::{Column, Table, TableVersion};
use crate::date::Date;
use crate::evolution::sqltype::{self, ParseTypeError, SqlType, TypeChange};
use crate::finding::Violation;
use serde_json::Value;
use std::collections::HashMap;

/// Every version pair of one table contract, and the parsed column types of every version.
#[derive(Debug)]
pub struct TableDiff {
    /// `types[position][index]`: the parsed type of column `index` of the version at `position`.
    pub types: Vec<Vec<Result<SqlType, ParseTypeError>>>,
    /// One entry per consecutive pair, in file order.
    pub pairs: Vec<VersionPair>,
}

/// Two consecutive versions, by position in the file, and how their columns differ.
#[derive(Debug)]
pub struct VersionPair {
    pub old: usize,
    pub new: usize,
    /// In the order of the new version's columns; a removal comes where the column stood, before
    /// the columns added in its place.
    pub changes: Vec<ColumnChange>,
}

/// One change to one column. A column can have several (type and nullability, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnChange {
    pub kind: ChangeKind,
    /// Index of the column in the old version; `None` for an added column.
    pub old_column: Option<usize>,
    /// Index of the column in the new version; `None` for a removed column.
    pub new_column: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    /// `deprecated_in`: the latest released version up to old that marked the column deprecated,
    /// with its deadline.
    Removed {
        deprecated_in: Option<(u32, Deadline)>,
    },
    Renamed,
    /// Never [`TypeChange::Same`]: a respelling (`varchar` → `text`) is no change.
    TypeChanged(TypeChange),
    MadeNullable,
    MadeNotNull,
    DefaultChanged,
    /// The new version declares `recomputed: true`: existing rows get new values.
    Recomputed,
}

impl ChangeKind {
    /// What the change does to rows that already exist, phrased to follow "v3 …", or `None`
    /// when it leaves them alone. `old` and `new` are the column before and after.
    pub fn rewrites_history(&self, old: Option<&Column>, new: &Column) -> Option<String> {
        let name = &new.name;
        match self {
            ChangeKind::TypeChanged(TypeChange::Widened) => None,
            ChangeKind::TypeChanged(_) => Some(format!(
                "converts `{name}` from `{}` to `{}`",
                old.map_or("", |old| old.sql_type.trim()),
                new.sql_type.trim()
            )),
            ChangeKind::MadeNotNull => Some(format!("makes `{name}` NOT NULL on existing rows")),
            ChangeKind::Renamed => Some(format!(
                "renames `{}` to `{name}`",
                old.map_or("", |old| old.name.as_str())
            )),
            ChangeKind::Added if !new.nullable && new.default.is_none() => {
                Some(format!("adds `{name}` NOT NULL without a default"))
            }
            ChangeKind::Recomputed => Some(format!("recomputes `{name}` (`recomputed: true`)")),
            _ => None,
        }
    }
}

impl TableDiff {
    pub fn new(table: &Table) -> TableDiff {
        let types = table
            .versions
            .iter()
            .map(|version| {
                version
                    .columns
                    .iter()
                    .map(|column| column.sql_type.parse::<SqlType>())
                    .collect()
            })
            .collect();
        let mut diff = TableDiff {
            types,
            pairs: Vec::new(),
        };
        diff.pairs = (1..table.versions.len())
            .map(|new| VersionPair {
                old: new - 1,
                new,
                changes: diff.compare(table, new - 1, new),
            })
            .collect();
        diff
    }

    fn type_of(&self, position: usize, index: usize) -> Option<&SqlType> {
        self.types.get(position)?.get(index)?.as_ref().ok()
    }

    /// How the type of column `old_index` of `old` became that of `new_index` of `new`; `None`
    /// when either does not parse.
    fn type_change(
        &self,
        (old, old_index): (usize, usize),
        (new, new_index): (usize, usize),
    ) -> Option<TypeChange> {
        Some(sqltype::classify(
            self.type_of(old, old_index)?,
            self.type_of(new, new_index)?,
        ))
    }

    fn compare(&self, table: &Table, old: usize, new: usize) -> Vec<ColumnChange> {
        let (old_columns, new_columns) =
            (&table.versions[old].columns, &table.versions[new].columns);
        let old_by_name = first_index_by_name(old_columns);
        let new_by_name = first_index_by_name(new_columns);
        let deprecations: Vec<Option<(u32, Deadline)>> = old_columns
            .iter()
            .map(|column| deprecation_of(table, old, &column.name))
            .collect();

        // Renames: removed and added columns at the same slot with the same type.
        let removed = slots(old_columns, &new_by_name);
        let added = slots(new_columns, &old_by_name);
        let mut renamed_from: HashMap<usize, usize> = HashMap::new();
        for (slot, old_index) in &removed {
            if deprecations[*old_index].is_some() {
                continue;
            }
            let Some(new_index) = added
                .iter()
                .find(|(other, _)| other == slot)
                .map(|(_, index)| *index)
            else {
                continue;
            };
            if self.type_change((old, *old_index), (new, new_index)) == Some(TypeChange::Same) {
                renamed_from.insert(new_index, *old_index);
            }
        }
        let renamed_old: Vec<usize> = renamed_from.values().copied().collect();

        let mut changes = Vec::new();
        let mut push = |kind, old_column, new_column| {
            changes.push(ColumnChange {
                kind,
                old_column,
                new_column,
            })
        };
        let mut pending_removals = old_columns
            .iter()
            .enumerate()
            .filter(|(index, column)| {
                !new_by_name.contains_key(column.name.as_str()) && !renamed_old.contains(index)
            })
            .map(|(index, _)| index)
            .peekable();
        // Each new column's counterpart in old: by name, or the column it renames.
        let counterparts: Vec<Option<(usize, bool)>> = new_columns
            .iter()
            .enumerate()
            .map(|(new_index, column)| {
                old_by_name
                    .get(column.name.as_str())
                    .map(|&old_index| (old_index, false))
                    .or_else(|| {
                        renamed_from
                            .get(&new_index)
                            .map(|&old_index| (old_index, true))
                    })
            })
            .collect();
        // Removals are listed where they stood: before the first new column whose counterpart
        // followed them in old (so before the columns added in their place).
        let mut bound = old_columns.len();
        let mut bounds = vec![bound; new_columns.len()];
        for (new_index, counterpart) in counterparts.iter().enumerate().rev() {
            if let Some((old_index, _)) = counterpart {
                bound = *old_index;
            }
            bounds[new_index] = bound;
        }
        for (new_index, column) in new_columns.iter().enumerate() {
            let counterpart = counterparts[new_index];
            while let Some(removed) =
                pending_removals.next_if(|&removed| removed < bounds[new_index])
            {
                push(
                    ChangeKind::Removed {
                        deprecated_in: deprecations[removed].clone(),
                    },
                    Some(removed),
                    None,
                );
            }
            match counterpart {
                None => push(ChangeKind::Added, None, Some(new_index)),
                Some((old_index, renamed)) => {
                    let before = &old_columns[old_index];
                    if renamed {
                        push(ChangeKind::Renamed, Some(old_index), Some(new_index));
                    }
                    match self.type_change((old, old_index), (new, new_index)) {
                        Some(TypeChange::Same) | None => {}
                        Some(change) => push(
                            ChangeKind::TypeChanged(change),
                            Some(old_index),
                            Some(new_index),
                        ),
                    }
                    if before.nullable && !column.nullable {
                        push(ChangeKind::MadeNotNull, Some(old_index), Some(new_index));
                    } else if !before.nullable && column.nullable {
                        push(ChangeKind::MadeNullable, Some(old_index), Some(new_index));
                    }
                    if default_text(before) != default_text(column) {
                        push(ChangeKind::DefaultChanged, Some(old_index), Some(new_index));
                    }
                }
            }
            if column.recomputed {
                push(
                    ChangeKind::Recomputed,
                    counterpart.map(|(old_index, _)| old_index),
                    Some(new_index),
                );
            }
        }
        for removed in pending_removals {
            push(
                ChangeKind::Removed {
                    deprecated_in: deprecations[removed].clone(),
                },
                Some(removed),
                None,
            );
        }
        changes
    }
}

/// The first index of each column name: a name given twice is matched by its first column.
fn first_index_by_name(columns: &[Column]) -> HashMap<&str, usize> {
    let mut by_name = HashMap::new();
    for (index, column) in columns.iter().enumerate() {
        by_name.entry(column.name.as_str()).or_insert(index);
    }
    by_name
}

/// Where a column the other version lacks sits: the surviving column before it (`None` at the
/// start) and its offset among the other lacking columns after that one.
type Slot<'a> = (Option<&'a str>, usize);

/// The columns of `columns` whose names the other version lacks, each with its slot.
fn slots<'a>(columns: &'a [Column], other: &HashMap<&str, usize>) -> Vec<(Slot<'a>, usize)> {
    let mut found = Vec::new();
    let mut after: Option<&str> = None;
    let mut offset = 0;
    for (index, column) in columns.iter().enumerate() {
        if other.contains_key(column.name.as_str()) {
            after = Some(&column.name);
            offset = 0;
        } else {
            found.push(((after, offset), index));
            offset += 1;
        }
    }
    found
}

/// A default as SQL text: `default: 0` and `default: "0"` are the same expression.
fn default_text(column: &Column) -> Option<String> {
    column.default.as_ref().map(|value| match value {
        Value::String(text) => text.trim().to_string(),
        other => other.to_string(),
    })
}

/// The deprecation of column `name` as the latest released version at or before position `old`
/// that has the column states it: its number and deadline, or `None` when that version does not
/// mark it deprecated (a deprecation a later release took back no longer allows the removal).
fn deprecation_of(table: &Table, old: usize, name: &str) -> Option<(u32, Deadline)> {
    let (version, column) = table.versions[..=old]
        .iter()
        .rev()
        .filter(|version| version.released.is_some())
        .find_map(|version| {
            let column = version.columns.iter().find(|column| column.name == name)?;
            Some((version, column))
        })?;
    let deprecation = column
        .deprecated
        .as_ref()
        .filter(|deprecation| deprecation.is_deprecated())?;
    Some((
        version.version,
        deprecation
            .remove_after()
            .map_or(Deadline::None, Deadline::On),
    ))
}

/// A version pair with its table, for writing findings.
pub struct PairView<'a> {
    pub pair: &'a VersionPair,
    pub old: &'a TableVersion,
    pub new: &'a TableVersion,
    pub today: Date,
}

impl<'a> PairView<'a> {
    pub fn old_column(&self, change: &ColumnChange) -> Option<&'a Column> {
        self.old.columns.get(change.old_column?)
    }

    pub fn new_column(&self, change: &ColumnChange) -> Option<&'a Column> {
        self.new.columns.get(change.new_column?)
    }

    /// Every change of the pair, in order.
    pub fn changes(&self) -> impl Iterator<Item = &'a ColumnChange> + 'a {
        self.pair.changes.iter()
    }

    /// "v3 (compared with v2)", for messages that name both versions.
    pub fn versions_phrase(&self) -> String {
        format!(
            "v{} (compared with v{})",
            self.new.version, self.old.version
        )
    }

    /// A finding about a change, pointing at the column in the new version, or, for a removed
    /// column, at the new version's `columns` key. Its path is the column's name in the new
    /// version (the old name for a removal).
    pub fn violation(&self, change: &ColumnChange, message: String) -> Violation {
        let (pointer, name) = match (self.new_column(change), change.new_column) {
            (Some(column), Some(index)) => (
                format!("/versions/{}/columns/{index}", self.pair.new),
                column.name.clone(),
            ),
            _ => (
                format!("/versions/{}/columns", self.pair.new),
                self.old_column(change)
                    .map(|column| column.name.clone())
                    .unwrap_or_default(),
            ),
        };
        let violation = Violation::at(pointer, message)
            .versions(Some(self.old.version), self.new.version)
            .path(name);
        if change.new_column.is_none() {
            violation.on_key()
        } else {
            violation
        }
    }
}

/// Every version pair of the table in `cx`, with the versions it compares. Empty for events.
pub fn pairs<'a>(cx: &'a crate::evolution::context::Context<'a>) -> Vec<PairView<'a>> {
    let (Some(table), Some(diff)) = (cx.contract.as_table(), cx.table_diff()) else {
        return Vec::new();
    };
    diff.pairs
        .iter()
        .map(|pair| PairView {
            pair,
            old: &table.versions[pair.old],
            new: &table.versions[pair.new],
            today: cx.today,
        })
        .collect()
}

/// The findings of one type rule: every column whose type changed by `kind`, each described
/// by `describe(old type, new type)` as the end of the message (after "… in vN") and a help.
pub fn type_changes(
    cx: &crate::evolution::context::Context,
    kind: TypeChange,
    describe: impl Fn(&str, &str) -> (String, String),
) -> Vec<Violation> {
    let mut found = Vec::new();
    for view in pairs(cx) {
        for change in view.changes() {
            if change.kind != ChangeKind::TypeChanged(kind) {
                continue;
            }
            let (Some(old), Some(new)) = (view.old_column(change), view.new_column(change)) else {
                continue;
            };
            let (old_type, new_type) = (old.sql_type.trim(), new.sql_type.trim());
            let (clause, help) = describe(old_type, new_type);
            let message = format!(
                "`{}` changed type from `{old_type}` in v{} to `{new_type}` in v{}{clause}",
                new.name, view.old.version, view.new.version
            );
            found.push(view.violation(change, message).help(help));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evolution::sqltype::tests::LATTICE_TYPES;
    // Test-only and upward on purpose: these tests hold the table rules to what this diff
    // means.
    use crate::rules::testing::{parse, rules_firing, table_versions};

    /// The changes of the single pair of a two-version table, as `kind old→new` lines.
    fn changes(old_columns: &str, new_columns: &str) -> Vec<String> {
        let loaded = parse(&table_versions(old_columns, new_columns));
        let table = loaded.contract.as_table().unwrap();
        let diff = TableDiff::new(table);
        assert_eq!(diff.pairs.len(), 1);
        let name = |position: usize, index: Option<usize>| {
            index.map_or("-".to_string(), |index| {
                table.versions[position].columns[index].name.clone()
            })
        };
        diff.pairs[0]
            .changes
            .iter()
            .map(|change| {
                format!(
                    "{:?} {}→{}",
                    change.kind,
                    name(0, change.old_column),
                    name(1, change.new_column)
                )
            })
            .collect()
    }

    const ID: &str = "      - {name: id, type: uuid, nullable: false, description: Id.}\n";

    fn column(name: &str, rest: &str) -> String {
        format!("      - {{name: {name}, description: D., {rest}}}\n")
    }

    #[test]
    fn identical_versions_have_no_changes() {
        let columns = format!("{ID}{}", column("title", "type: text"));
        assert_eq!(changes(&columns, &columns), Vec::<String>::new());
    }

    #[test]
    fn respelling_a_type_is_no_change() {
        let old = format!("{ID}{}", column("title", "type: varchar"));
        let new = format!("{ID}{}", column("title", "type: TEXT"));
        assert_eq!(changes(&old, &new), Vec::<String>::new());
    }

    #[test]
    fn additions_removals_and_column_changes_are_typed() {
        let old = format!(
            "{ID}{}{}{}{}",
            column("a", "type: integer"),
            column("b", "type: text, nullable: false"),
            column("c", "type: text, default: \"'x'\""),
            column("gone", "type: boolean"),
        );
        let new = format!(
            "{ID}{}{}{}{}",
            column("a", "type: bigint, nullable: false"),
            column("b", "type: varchar(10)"),
            column("c", "type: text, default: \"'y'\", recomputed: true"),
            column("added", "type: date"),
        );
        assert_eq!(
            changes(&old, &new),
            [
                "TypeChanged(Widened) a→a",
                "MadeNotNull a→a",
                "TypeChanged(Narrowed) b→b",
                "MadeNullable b→b",
                "DefaultChanged c→c",
                "Recomputed c→c",
                "Removed { deprecated_in: None } gone→-",
                "Added -→added",
            ]
        );
    }

    #[test]
    fn a_column_replaced_by_one_of_the_same_type_at_the_same_place_looks_like_a_rename() {
        let old = format!(
            "{ID}{}{}",
            column("name", "type: varchar(50)"),
            column("n", "type: integer")
        );
        let new = format!(
            "{ID}{}{}{}",
            column("title", "type: character varying(50)"),
            column("n", "type: integer"),
            column("extra", "type: integer"),
        );
        assert_eq!(changes(&old, &new), ["Renamed name→title", "Added -→extra"]);
    }

    #[test]
    fn a_replacement_of_another_type_or_at_another_place_is_a_removal_and_an_addition() {
        let old = format!(
            "{ID}{}{}",
            column("name", "type: varchar(50)"),
            column("n", "type: integer")
        );
        let other_type = format!(
            "{ID}{}{}",
            column("title", "type: varchar(60)"),
            column("n", "type: integer")
        );
        assert_eq!(
            changes(&old, &other_type),
            ["Removed { deprecated_in: None } name→-", "Added -→title"]
        );
        let other_place = format!(
            "{ID}{}{}",
            column("n", "type: integer"),
            column("title", "type: varchar(50)")
        );
        assert_eq!(
            changes(&old, &other_place),
            ["Removed { deprecated_in: None } name→-", "Added -→title"]
        );
    }

    #[test]
    fn unparseable_types_are_not_compared_and_never_renamed() {
        let old = format!("{ID}{}", column("a", "type: varchr(20)"));
        let new = format!("{ID}{}", column("a", "type: integer"));
        assert_eq!(changes(&old, &new), Vec::<String>::new());
        let renamed = format!("{ID}{}", column("b", "type: varchr(20)"));
        assert_eq!(
            changes(&old, &renamed),
            ["Removed { deprecated_in: None } a→-", "Added -→b"]
        );
    }

    #[test]
    fn a_deprecated_column_replaced_at_its_place_is_a_removal_not_a_rename() {
        let old = format!(
            "{ID}{}",
            column(
                "legacy",
                "type: text, deprecated: {remove_after: 2026-03-01}"
            )
        );
        let new = format!("{ID}{}", column("modern", "type: text"));
        assert_eq!(
            changes(&old, &new),
            [
                "Removed { deprecated_in: Some((1, On(Date { year: 2026, month: 3, day: 1 }))) } legacy→-",
                "Added -→modern"
            ]
        );
    }

    #[test]
    fn a_deprecation_taken_back_by_a_later_release_no_longer_counts() {
        let deprecated = format!(
            "{ID}{}",
            column(
                "legacy",
                "type: text, deprecated: {remove_after: 2026-03-01}"
            )
        );
        let kept = format!("{ID}{}", column("legacy", "type: text"));
        let yaml = table_versions(&deprecated, &kept).replace(
            "    summary: The change under test.\n",
            "    released: 2026-02-01\n    summary: Takes the deprecation back.\n",
        ) + &format!("  - version: 3\n    summary: Drops it.\n    columns:\n{ID}");
        let loaded = parse(&yaml);
        let diff = TableDiff::new(loaded.contract.as_table().unwrap());
        assert_eq!(
            diff.pairs[1].changes,
            [ColumnChange {
                kind: ChangeKind::Removed {
                    deprecated_in: None
                },
                old_column: Some(1),
                new_column: None,
            }]
        );
    }

    #[test]
    fn removals_are_listed_where_they_stood() {
        let old = format!(
            "{ID}{}{}{}",
            column("a", "type: text"),
            column("b", "type: text"),
            column("c", "type: text")
        );
        let new = format!("{ID}{}", column("c", "type: text"));
        assert_eq!(
            changes(&old, &new),
            [
                "Removed { deprecated_in: None } a→-",
                "Removed { deprecated_in: None } b→-"
            ]
        );
    }

    /// A table whose only change from v1 to v2 is the type of `value`. The typed `note` column
    /// keeps a json `value` from making the table a kitchen sink.
    fn retyped(old: &str, new: &str) -> String {
        let value = |ty: &str| {
            format!(
                "{ID}      - {{name: value, type: \"{ty}\", nullable: true, description: D.}}\n      - {{name: note, type: text, description: D.}}\n"
            )
        };
        table_versions(&value(old), &value(new))
    }

    /// The rules a type change fires, by its classification: the rule-level mapping. A change
    /// that is not a widening converts existing rows, so it also needs a backfill plan.
    fn rules_for(change: TypeChange) -> Vec<&'static str> {
        match change {
            TypeChange::Same => vec![],
            TypeChange::Widened => vec!["column-type-widened"],
            TypeChange::Narrowed => vec!["backfill-plan-missing", "column-type-narrowed"],
            TypeChange::Changed => vec!["backfill-plan-missing", "column-type-changed"],
        }
    }

    #[test]
    fn common_type_changes_fire_their_rule_in_both_directions() {
        // (old, new, rule old → new, rule new → old); `-` is no finding.
        let cases = [
            ("smallint", "integer", "widened", "narrowed"),
            ("integer", "bigint", "widened", "narrowed"),
            ("integer", "numeric(12,2)", "widened", "narrowed"),
            ("numeric(10,2)", "numeric(12,2)", "widened", "narrowed"),
            ("real", "double precision", "widened", "narrowed"),
            ("varchar(50)", "varchar(100)", "widened", "narrowed"),
            ("varchar(100)", "text", "widened", "narrowed"),
            ("char(10)", "varchar(50)", "widened", "narrowed"),
            ("timestamp(3)", "timestamp", "widened", "narrowed"),
            ("integer[]", "bigint[]", "widened", "narrowed"),
            ("cidr", "inet", "widened", "narrowed"),
            ("integer", "text", "changed", "changed"),
            ("integer", "numeric(10,2)", "changed", "changed"),
            ("smallint", "real", "changed", "changed"),
            ("timestamp", "timestamptz", "changed", "changed"),
            ("date", "timestamptz", "changed", "changed"),
            ("json", "jsonb", "changed", "changed"),
            ("uuid", "text", "changed", "changed"),
            ("text", "text[]", "changed", "changed"),
            ("boolean", "smallint", "changed", "changed"),
            ("varchar", "text", "-", "-"),
            ("int", "integer", "-", "-"),
            ("serial", "integer", "-", "-"),
            ("timestamp(6)", "timestamp without time zone", "-", "-"),
            ("decimal(10,2)", "numeric(10,2)", "-", "-"),
        ];
        let rule = |short: &str| match short {
            "widened" => vec!["column-type-widened"],
            "narrowed" => vec!["backfill-plan-missing", "column-type-narrowed"],
            "changed" => vec!["backfill-plan-missing", "column-type-changed"],
            _ => vec![],
        };
        let mut mismatches = Vec::new();
        for (old, new, forward, backward) in cases {
            for (from, to, expected) in [(old, new, forward), (new, old, backward)] {
                let fired = rules_firing(&retyped(from, to));
                if fired != rule(expected) {
                    mismatches.push(format!(
                        "{from} -> {to}: expected {expected}, got {fired:?}"
                    ));
                }
            }
        }
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    }

    #[test]
    fn every_lattice_type_change_fires_the_rule_of_its_classification() {
        // The lattice itself is tested in sqltype; this checks that the rules turn each of its
        // classifications into exactly the right findings, for all 625 ordered pairs.
        let mut seen = std::collections::HashSet::new();
        let mut mismatches = Vec::new();
        for old in LATTICE_TYPES {
            for new in LATTICE_TYPES {
                let change = sqltype::classify(&old.parse().unwrap(), &new.parse().unwrap());
                seen.insert(change);
                let fired = rules_firing(&retyped(old, new));
                if fired != rules_for(change) {
                    mismatches.push(format!("{old} -> {new} ({change:?}): got {fired:?}"));
                }
            }
        }
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
        assert_eq!(seen.len(), 4, "the lattice exercises every classification");
    }
}
