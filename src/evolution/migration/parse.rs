//! One statement of a migration through sqlparser's PostgreSQL dialect. The parser bounds its
//! own recursion, so a deeply nested expression is an error here, not a stack overflow.

use super::split::Piece;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

#[derive(Debug)]
pub struct Statement {
    /// 1-based line of the statement in the file.
    pub line: u32,
    /// The statement's first line, for messages.
    pub first_line: String,
    /// What the parser made of it (a piece may hold several statements only in odd cases), or
    /// why it could not.
    pub parsed: Result<Vec<sqlparser::ast::Statement>, String>,
    /// `SET [LOCAL|SESSION] lock_timeout …`, told from the text (the parser's `SET` forms vary).
    pub sets_lock_timeout: bool,
    /// See [`LEAVES_COLUMNS_ALONE`].
    pub leaves_columns_alone: bool,
}

pub fn parse(piece: &Piece) -> Statement {
    let parsed = Parser::parse_sql(&PostgreSqlDialect {}, piece.text).map_err(|e| e.to_string());
    Statement {
        line: piece.line,
        first_line: piece.text.lines().next().unwrap_or("").trim().to_string(),
        parsed,
        sets_lock_timeout: sets_lock_timeout(piece.text),
        leaves_columns_alone: leaves_columns_alone(piece.text),
    }
}

impl Statement {
    /// Whether this statement keeps the migration from being compared with its version: it
    /// could not be parsed, and it is not of a kind that leaves every table's columns alone.
    pub fn blocks_the_check(&self) -> bool {
        self.parsed.is_err() && !self.leaves_columns_alone
    }
}

/// Statement kinds that cannot add, drop, rename or retype a column, nor change its
/// nullability, default or a primary key, told by their leading words. sqlparser does not know
/// some of them (`ALTER SEQUENCE`), and an unreadable one of these kinds changes nothing the
/// migration checks compare, so it is not reported.
const LEAVES_COLUMNS_ALONE: [&[&str]; 9] = [
    &["alter", "sequence"],
    &["create", "sequence"],
    &["comment", "on"],
    &["grant"],
    &["revoke"],
    &["analyze"],
    &["vacuum"],
    &["set"],
    &["reset"],
];

fn leaves_columns_alone(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .take(2)
        .map(str::to_ascii_lowercase)
        .collect();
    LEAVES_COLUMNS_ALONE.iter().any(|kind| {
        kind.iter()
            .zip(&words)
            .filter(|(a, b)| **a == b.as_str())
            .count()
            == kind.len()
    })
}

fn sets_lock_timeout(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .take(3)
        .map(str::to_ascii_lowercase)
        .collect();
    match words.as_slice() {
        [set, name, ..] if set == "set" && name.starts_with("lock_timeout") => true,
        [set, scope, name, ..] if set == "set" && (scope == "local" || scope == "session") => {
            name.starts_with("lock_timeout")
        }
        _ => false,
    }
}
