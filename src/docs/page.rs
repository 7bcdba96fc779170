//! One page per contract: what it is, who owns it, its current schema or columns, every
//! version (summary, classified changes when known, accepted findings, migration, backfill),
//! its examples and its lineage.

use super::index::{self, finish};
use super::lineage;
use super::markdown::{
    self, Table, code, code_block, code_link, inline, inline_with_code, paragraphs,
};
use super::paths::{self, PagePath};
use super::{Page, Site};
use crate::catalog::Loaded;
use crate::catalog::confine::Refusal;
use crate::catalog::model::{
    Acceptance, Backfill, Body, Classification, Column, Contract, Event, Kind, Table as TableBody,
};
use crate::date::Date;
use serde_json::Value;
use std::fmt::Write;

/// The contract's page, and a copy of each migration file it links to (see [`migration_link`]).
pub(super) fn render(site: &Site, loaded: &Loaded) -> Vec<Page> {
    let contract = &loaded.contract;
    let path = PagePath::contract(contract.kind(), &contract.id).expect("checked by Site");
    let mut text = markdown::front_matter(&contract.id, super::position::of_id(&contract.id));
    let _ = writeln!(text, "# {}\n", inline(&contract.id));
    match contract.description.as_deref().map(str::trim) {
        Some(description) if !description.is_empty() => {
            let _ = writeln!(text, "{}\n", paragraphs(description));
        }
        _ => text.push_str("No description.\n\n"),
    }
    facts(site, &path, contract, &mut text);
    match &contract.body {
        Body::Event(event) => event_schema(contract, event, &mut text),
        Body::Table(table) => table_columns(contract, table, &mut text),
    }
    let mut copies = Vec::new();
    versions(site, loaded, &path, &mut copies, &mut text);
    lineage(site, loaded, &path, &mut text);
    let mut pages = vec![finish(path, text)];
    pages.extend(copies);
    pages
}

/// The list of facts under the description: owner and contact, and the kind's own.
fn facts(site: &Site, path: &PagePath, contract: &Contract, text: &mut String) {
    let index_page = match contract.kind() {
        Kind::Event => PagePath::top("events"),
        Kind::Table => PagePath::top("database"),
    };
    let index_name = match contract.kind() {
        Kind::Event => "Events Reference",
        Kind::Table => "Database Reference",
    };
    let mut lines = vec![format!(
        "Kind: {} (see the {})",
        contract.kind(),
        markdown::link(index_name, &path.link_to(&index_page))
    )];
    lines.push(format!("Owner: {}", owner(site, contract)));
    match &contract.body {
        Body::Event(event) => {
            lines.push(format!(
                "Topic: {}",
                event
                    .topic
                    .as_deref()
                    .map_or_else(|| "not stated".into(), code)
            ));
            lines.push(format!(
                "Partition key: {}",
                event
                    .partition_key
                    .as_deref()
                    .map_or_else(|| "not stated".into(), code)
            ));
            lines.push(format!(
                "Compatibility: {}",
                index::compatibility(site, contract)
            ));
            if let Some(compensates) = &event.compensates {
                // Say what this event corrects, and by which property it names the original.
                let reference = compensates
                    .reference
                    .as_deref()
                    .map(|property| format!(", naming the original by {}", code(property)))
                    .unwrap_or_default();
                lines.push(format!(
                    "Compensates: {} (this event corrects it{reference})",
                    index::contract_link(site, path, &compensates.event)
                ));
            }
            // The other direction: the events that correct this one.
            if let Some(corrections) = site.compensated_by.get(contract.id.as_str()) {
                let links: Vec<String> = corrections
                    .iter()
                    .map(|id| index::contract_link(site, path, id))
                    .collect();
                lines.push(format!(
                    "Compensated by: {} (events that correct this one)",
                    links.join(", ")
                ));
            }
        }
        Body::Table(table) => {
            lines.push(format!(
                "Database: {}",
                table
                    .database
                    .as_deref()
                    .map_or_else(|| "not stated".into(), code)
            ));
            lines.push(format!(
                "Primary key: {}",
                index::primary_key(&table.primary_key)
            ));
            lines.push(format!(
                "Read model of: {}",
                index::sources(site, path, &table.derived_from)
            ));
        }
    }
    lines.push(format!("Storage: {}", index::storage(contract)));
    lines.push(format!("Retention: {}", index::retention(contract)));
    lines.push(format!(
        "Current version: {}",
        match index::released(contract) {
            Some((version, date)) => format!("{version}, released {date}"),
            None => "none released yet".into(),
        }
    ));
    lines.push(format!("Status: {}", index::status(contract)));
    for line in lines {
        let _ = writeln!(text, "- {line}");
    }
    text.push('\n');
}

/// The owning team with its contact, from owners.yaml.
fn owner(site: &Site, contract: &Contract) -> String {
    let Some(id) = contract.owner.as_deref() else {
        return "not stated".into();
    };
    let Some(owners) = site.catalog.owners.as_ref() else {
        return format!("{} (owners.yaml could not be read)", code(id));
    };
    match owners.get(id) {
        Some(team) => format!(
            "{} ({}), contact: {}",
            inline(&team.name),
            code(id),
            inline(&team.contact)
        ),
        None => format!("{} (not in owners.yaml)", code(id)),
    }
}

/// The position in the file of the version whose schema is shown: the last released one, or
/// the draft when nothing is released yet.
fn current_position(dates: &[(u32, Option<Date>)]) -> Option<usize> {
    dates
        .iter()
        .rposition(|(_, date)| date.is_some())
        .or_else(|| dates.len().checked_sub(1))
}

fn schema_heading(contract: &Contract, position: usize, noun: &str, text: &mut String) {
    let dates = contract.version_dates();
    let (version, date) = dates[position];
    let _ = writeln!(text, "## {noun}\n");
    match date {
        Some(_) => {
            let _ = write!(
                text,
                "As of version {version}, the current released version."
            );
        }
        None => {
            let _ = write!(text, "Version {version}, a draft: nothing is released yet.");
        }
    }
}

fn event_schema(contract: &Contract, event: &Event, text: &mut String) {
    let Some(position) = current_position(&contract.version_dates()) else {
        text.push_str("## Schema\n\nNo versions.\n\n");
        return;
    };
    let version = &event.versions[position];
    schema_heading(contract, position, "Schema", text);
    text.push_str(
        " Nested properties are shown as dotted paths; `[]` stands for the items of an array.\n\n",
    );
    let mut rows = Vec::new();
    flatten(&version.schema, "", &mut rows);
    if rows.is_empty() {
        let what = match &version.schema {
            Value::Bool(false) => "The schema accepts no payload.",
            _ => "The schema declares no properties.",
        };
        let _ = writeln!(text, "{what}\n");
    } else {
        let mut table = Table::new(&[
            "field",
            "type",
            "required",
            "description",
            "classification",
            "deprecation",
        ]);
        for row in rows {
            let schema = row.schema;
            let string = |key: &str| schema.get(key).and_then(Value::as_str);
            table.row(vec![
                code(&row.path),
                type_of(schema),
                if row.required { "yes" } else { "no" }.into(),
                string("description").map_or_else(String::new, inline),
                string("x-classification").map_or_else(String::new, inline),
                field_deprecation(schema),
            ]);
        }
        text.push_str(&table.render());
        text.push('\n');
    }
    if !version.examples.is_empty() {
        let _ = writeln!(text, "### Examples\n");
        for example in &version.examples {
            let json = serde_json::to_string_pretty(example).unwrap_or_else(|_| "null".into());
            text.push_str(&code_block("json", &json));
            text.push('\n');
        }
    }
}

/// One property of a schema, flattened.
struct Field<'a> {
    path: String,
    schema: &'a Value,
    required: bool,
}

/// Every property at any depth: object properties as `a.b`, array items as `a[]`, tuple items
/// as `a[0]`; the branches of `allOf`/`anyOf`/`oneOf` are transparent. Depth is bounded by the
/// YAML nesting budget.
fn flatten<'a>(schema: &'a Value, prefix: &str, rows: &mut Vec<Field<'a>>) {
    let Some(object) = schema.as_object() else {
        return;
    };
    if let Some(properties) = object.get("properties").and_then(Value::as_object) {
        let required: Vec<&str> = object
            .get("required")
            .and_then(Value::as_array)
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, property) in properties {
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            rows.push(Field {
                path: path.clone(),
                schema: property,
                required: required.contains(&name.as_str()),
            });
            flatten(property, &path, rows);
        }
    }
    if let Some(items) = object.get("items") {
        flatten(items, &format!("{prefix}[]"), rows);
    }
    if let Some(tuple) = object.get("prefixItems").and_then(Value::as_array) {
        for (index, item) in tuple.iter().enumerate() {
            flatten(item, &format!("{prefix}[{index}]"), rows);
        }
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        for branch in object
            .get(keyword)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            flatten(branch, prefix, rows);
        }
    }
}

/// A property's type in words: `string (uuid)`, `array of object`, `string, one of: …`.
fn type_of(schema: &Value) -> String {
    let Some(object) = schema.as_object() else {
        return match schema {
            Value::Bool(false) => "nothing (never valid)".into(),
            _ => "any".into(),
        };
    };
    let types = |schema: &Value| -> Option<String> {
        match schema.get("type")? {
            Value::String(name) => Some(name.clone()),
            Value::Array(names) => Some(
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" or "),
            ),
            _ => None,
        }
    };
    let mut words = match types(schema) {
        Some(name) if name == "array" => match object.get("items").and_then(types) {
            Some(items) => inline(&format!("array of {items}")),
            None => "array".into(),
        },
        Some(name) => inline(&name),
        None if object.contains_key("properties") => "object".into(),
        None => {
            let combined = [
                ("oneOf", "exactly one of"),
                ("anyOf", "any of"),
                ("allOf", "all of"),
            ]
            .iter()
            .find_map(|(keyword, words)| {
                let count = object.get(*keyword)?.as_array()?.len();
                Some(format!("{words} {count} schemas"))
            });
            match (combined, object.get("$ref").and_then(Value::as_str)) {
                (Some(combined), _) => combined,
                (None, Some(reference)) => format!("see {}", code(reference)),
                (None, None) if object.contains_key("const") || object.contains_key("enum") => {
                    String::new()
                }
                (None, None) => "any".into(),
            }
        }
    };
    if let Some(format) = object.get("format").and_then(Value::as_str) {
        let _ = write!(words, " ({})", inline(format));
    }
    let value = |value: &Value| match value {
        Value::String(text) => code(text),
        other => code(&other.to_string()),
    };
    if let Some(constant) = object.get("const") {
        let separator = if words.is_empty() { "" } else { ", " };
        let _ = write!(words, "{separator}always {}", value(constant));
    }
    if let Some(values) = object.get("enum").and_then(Value::as_array) {
        let separator = if words.is_empty() { "" } else { ", " };
        let listed: Vec<String> = values.iter().map(value).collect();
        let _ = write!(words, "{separator}one of: {}", listed.join(", "));
    }
    words
}

fn field_deprecation(schema: &Value) -> String {
    if schema.get("deprecated") != Some(&Value::Bool(true)) {
        return String::new();
    }
    match schema.get("x-remove-after") {
        None => "deprecated, no removal date".into(),
        Some(Value::String(date)) if Date::parse(date).is_some() => {
            format!("deprecated, removed after {date}")
        }
        Some(other) => {
            let written = other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_string);
            format!("deprecated, removal date {} is not a date", code(&written))
        }
    }
}

fn table_columns(contract: &Contract, table: &TableBody, text: &mut String) {
    let Some(position) = current_position(&contract.version_dates()) else {
        text.push_str("## Columns\n\nNo versions.\n\n");
        return;
    };
    schema_heading(contract, position, "Columns", text);
    text.push_str("\n\n");
    let mut rows = Table::new(&[
        "column",
        "type",
        "nullable",
        "default",
        "description",
        "classification",
        "deprecation",
    ]);
    for column in &table.versions[position].columns {
        rows.row(column_row(column));
    }
    text.push_str(&rows.render());
    text.push('\n');
}

fn column_row(column: &Column) -> Vec<String> {
    let default = match &column.default {
        None => String::new(),
        Some(Value::String(expression)) => code(expression),
        Some(other) => code(&other.to_string()),
    };
    let deprecation = match &column.deprecated {
        Some(deprecation) if deprecation.is_deprecated() => {
            let mut words = match deprecation.remove_after() {
                Some(date) => format!("deprecated, removed after {date}"),
                None => "deprecated, no removal date".into(),
            };
            if let crate::catalog::model::ColumnDeprecation::Details {
                reason: Some(reason),
                ..
            } = deprecation
            {
                let _ = write!(words, ": {}", inline(reason));
            }
            words
        }
        _ => String::new(),
    };
    vec![
        code(&column.name),
        code(&column.sql_type),
        if column.nullable { "yes" } else { "no" }.into(),
        default,
        column
            .description
            .as_deref()
            .map_or_else(String::new, inline),
        column.classification.map_or("", classification).to_string(),
        deprecation,
    ]
}

fn classification(classification: Classification) -> &'static str {
    match classification {
        Classification::Public => "public",
        Classification::Internal => "internal",
        Classification::Personal => "personal",
        Classification::Sensitive => "sensitive",
    }
}

/// Every version, newest first.
fn versions(
    site: &Site,
    loaded: &Loaded,
    path: &PagePath,
    copies: &mut Vec<Page>,
    text: &mut String,
) {
    let contract = &loaded.contract;
    text.push_str("## Versions\n\n");
    let count = contract.version_dates().len();
    for position in (0..count).rev() {
        let (version, date, summary, accepted) = match &contract.body {
            Body::Event(event) => {
                let v = &event.versions[position];
                (v.version, v.released, v.summary.as_deref(), &v.accepted)
            }
            Body::Table(table) => {
                let v = &table.versions[position];
                (v.version, v.released, v.summary.as_deref(), &v.accepted)
            }
        };
        let _ = writeln!(text, "### Version {version}\n");
        match date {
            Some(date) => {
                let _ = writeln!(text, "Released {date}.\n");
            }
            None => text.push_str("Draft: not released yet.\n\n"),
        }
        match summary.map(str::trim) {
            Some(summary) if !summary.is_empty() => {
                let _ = writeln!(text, "{}\n", paragraphs(summary));
            }
            _ => text.push_str("No summary.\n\n"),
        }
        if position > 0 {
            changes(site, contract, position, text);
        }
        if let Body::Table(table) = &contract.body {
            let version = &table.versions[position];
            if let Some(migration) = &version.migration {
                migration_link(site, loaded, path, version.version, migration, copies, text);
            }
            if let Some(backfill) = &version.backfill {
                backfill_plan(backfill, text);
            }
        }
        if !accepted.is_empty() {
            accepted_findings(path, accepted, text);
        }
    }
}

/// The classified changes, when a change source knows them (see `changes.rs`).
fn changes(site: &Site, contract: &Contract, position: usize, text: &mut String) {
    let Some(changes) = site.changes.changes(contract, position) else {
        return;
    };
    text.push_str("Changes from the previous version:\n\n");
    if changes.is_empty() {
        // Additive changes (a new optional field, a new nullable column) break no one and fire
        // no rule; say so rather than "none", which would read as "nothing changed".
        text.push_str("Nothing any compatibility rule reports: the changes are additive.\n\n");
        return;
    }
    let mut table = Table::new(&["change", "level", "path", "what"]);
    for change in changes {
        table.row(vec![
            code(&change.rule),
            change.level.as_str().into(),
            code(&change.path),
            // The rules write their messages with `code spans` (a property, a value): kept
            // as code, everything else escaped.
            inline_with_code(&change.message),
        ]);
    }
    text.push_str(&table.render());
    text.push('\n');
}

/// Links a version's migration. A docs site serves only what is under its docs directory, so a
/// link to the file in the repository would be broken on the published site: the file is copied
/// next to the pages (`migrations/<id>.v<version>.sql`, under a header naming the original) and
/// the link points at the copy.
fn migration_link(
    site: &Site,
    loaded: &Loaded,
    path: &PagePath,
    version: u32,
    migration: &str,
    copies: &mut Vec<Page>,
    text: &mut String,
) {
    let contract_dir = loaded
        .file
        .path
        .parent()
        .unwrap_or(std::path::Path::new("."));
    let file = contract_dir.join(migration);
    // Named from the directory holding the catalogue (the repository, usually), which reads
    // better than a path relative to the contract file and does not depend on where the tool
    // runs; as written when the file lies elsewhere.
    let base = paths::normalize(&site.catalog.root);
    let base = base.parent().unwrap_or(&base);
    let shown = paths::normalize(&file)
        .strip_prefix(base)
        .map_or_else(|_| migration.to_string(), crate::catalog::display);
    let name = migration.rsplit(['/', '\\']).next().unwrap_or(migration);
    // Only a regular file inside the repository is read: a pull request must not be able to
    // publish a file of the machine the docs are built on (`check` reports the path).
    let confined = site.catalog.repository.confine(&file);
    let readable = confined
        .as_ref()
        .ok()
        .and_then(|resolved| {
            std::fs::metadata(resolved)
                .ok()
                .map(|meta| (resolved, meta))
        })
        .filter(|(_, meta)| meta.len() <= crate::catalog::MAX_FILE_BYTES)
        .and_then(|(resolved, _)| std::fs::read_to_string(resolved).ok());
    let Some(sql) = readable else {
        let why = match confined {
            Ok(_) => "it is not a UTF-8 text file under 4 MB",
            Err(Refusal::Outside { .. }) => "outside the repository, not copied",
            Err(Refusal::NotRegular { .. }) => "not a regular file",
            Err(Refusal::Missing) => "the file does not exist",
        };
        let _ = writeln!(text, "Migration: {} ({why})\n", code(&shown));
        return;
    };
    let copy = PagePath::migration(&loaded.contract.id, version).expect("checked by Site");
    copies.push(Page {
        text: format!("{}{shown}\n{sql}", super::MIGRATION_MARKER),
        path: copy.clone(),
    });
    let _ = writeln!(
        text,
        "Migration: {} (a copy of {})\n",
        code_link(name, &path.link_to(&copy)),
        code(&shown)
    );
}

fn backfill_plan(backfill: &Backfill, text: &mut String) {
    text.push_str("Backfill plan:\n\n");
    let part =
        |value: &Option<String>| value.as_deref().map_or_else(|| "not stated".into(), inline);
    let rehearsed = match &backfill.rehearsed {
        None => "not stated".to_string(),
        Some(rehearsal) => {
            let environment = rehearsal
                .environment
                .as_deref()
                .map_or_else(|| "an unstated environment".into(), inline);
            match rehearsal.on {
                Some(date) => format!("in {environment} on {date}"),
                None => format!("in {environment}, date not stated"),
            }
        }
    };
    let _ = writeln!(
        text,
        "- Plan: {}\n- Rollback: {}\n- Measurement: {}\n- Rehearsed: {rehearsed}\n",
        part(&backfill.plan),
        part(&backfill.rollback),
        part(&backfill.measurement)
    );
}

fn accepted_findings(path: &PagePath, accepted: &[Acceptance], text: &mut String) {
    text.push_str("Accepted findings:\n\n");
    let rules_page = PagePath::top("rules");
    let mut table = Table::new(&["rule", "path", "reason", "approved by"]);
    for acceptance in accepted {
        let rule = match crate::rules::find(&acceptance.rule) {
            Some(rule) => format!("[`{}`]({}#{})", rule.id, path.link_to(&rules_page), rule.id),
            None => code(&acceptance.rule),
        };
        table.row(vec![
            rule,
            code(&acceptance.path),
            inline(&acceptance.reason),
            inline(&acceptance.approved_by),
        ]);
    }
    text.push_str(&table.render());
    text.push('\n');
}

fn lineage(site: &Site, loaded: &Loaded, path: &PagePath, text: &mut String) {
    text.push_str("## Lineage\n\n");
    let edges = lineage::edges(site, loaded);
    let id = loaded.contract.id.as_str();
    if edges.is_empty() {
        text.push_str(match loaded.contract.kind() {
            Kind::Event => {
                "No read model is built from this event, and it neither compensates another \
                 event nor is compensated by one.\n"
            }
            Kind::Table => "This table is not a read model: it is built from no event.\n",
        });
        return;
    }
    text.push_str(&code_block("mermaid", &lineage::mermaid(id, &edges)));
    text.push('\n');
    for edge in &edges {
        let other = |other: &str| index::contract_link(site, path, other);
        let line = match edge.relation {
            lineage::Relation::Feeds if edge.to == id => {
                format!("Built from {}", other(edge.from))
            }
            lineage::Relation::Feeds => format!("Feeds the read model {}", other(edge.to)),
            lineage::Relation::Compensates if edge.from == id => {
                format!("Compensates {}", other(edge.to))
            }
            lineage::Relation::Compensates => format!("Compensated by {}", other(edge.from)),
        };
        let _ = writeln!(text, "- {line}");
    }
}
