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
    /// why it could not. Empty, and not parsed at all, for a statement that leaves columns
    /// alone (see [`LEAVES_COLUMNS_ALONE`]): no rule reads its tree, and an error in it is not
    /// reported, so parsing it would only cost time (a `SET` took sqlparser as long as half a
    /// `CREATE TABLE`).
    pub parsed: Result<Vec<sqlparser::ast::Statement>, String>,
    /// `SET [LOCAL|SESSION] lock_timeout …`, told from the text (the parser's `SET` forms vary).
    pub sets_lock_timeout: bool,
    /// See [`LEAVES_COLUMNS_ALONE`].
    pub leaves_columns_alone: bool,
}

pub fn parse(piece: &Piece) -> Statement {
    let leaves_columns_alone = leaves_columns_alone(piece.text);
    let parsed = if leaves_columns_alone {
        Ok(Vec::new())
    } else {
        Parser::parse_sql(&PostgreSqlDialect {}, piece.text).map_err(|e| e.to_string())
    };
    Statement {
        line: piece.line,
        first_line: piece.text.lines().next().unwrap_or("").trim().to_string(),
        parsed,
        sets_lock_timeout: sets_lock_timeout(piece.text),
        leaves_columns_alone,
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

// Both told by the first words compared without regard to ASCII case, allocating nothing:
// they run on every statement of every migration.
fn leaves_columns_alone(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let words = [words.next(), words.next()];
    LEAVES_COLUMNS_ALONE.iter().any(|kind| {
        kind.iter()
            .zip(words)
            .all(|(expected, word)| word.is_some_and(|word| word.eq_ignore_ascii_case(expected)))
    })
}

fn sets_lock_timeout(text: &str) -> bool {
    let names_lock_timeout = |word: &str| {
        word.as_bytes()
            .get(..b"lock_timeout".len())
            .is_some_and(|start| start.eq_ignore_ascii_case(b"lock_timeout"))
    };
    let mut words = text.split_whitespace();
    match [words.next(), words.next(), words.next()] {
        [Some(set), Some(name), ..]
            if set.eq_ignore_ascii_case("set") && names_lock_timeout(name) =>
        {
            true
        }
        [Some(set), Some(scope), Some(name)]
            if set.eq_ignore_ascii_case("set")
                && (scope.eq_ignore_ascii_case("local")
                    || scope.eq_ignore_ascii_case("session")) =>
        {
            names_lock_timeout(name)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(text: &str) -> Statement {
        parse(&Piece { text, line: 1 })
    }

    #[test]
    fn statements_that_leave_columns_alone_are_not_parsed_and_never_block() {
        // Told by their first words, whatever the case; a broken one is not in the way either.
        for text in [
            "SET lock_timeout = '5s'",
            "set LOCAL lock_timeout TO '1s'",
            "SET lock_timeout TO TO",
            "GRANT SELECT ON core.t TO reader",
            "COMMENT ON TABLE core.t IS 'x; y'",
            "ALTER SEQUENCE core.t_id_seq RESTART WITH 10 FROB",
            "VACUUM ANALYZE core.t",
        ] {
            let statement = statement(text);
            assert!(statement.leaves_columns_alone, "{text}");
            assert_eq!(statement.parsed, Ok(Vec::new()), "{text}");
            assert!(!statement.blocks_the_check(), "{text}");
        }
        assert!(statement("SET lock_timeout = '5s'").sets_lock_timeout);
        assert!(statement("set LOCAL lock_timeout TO '1s'").sets_lock_timeout);
    }

    #[test]
    fn leading_words_are_matched_whole_and_in_any_case() {
        // The words were lowercased into a vector before; they are compared in place now.
        assert!(leaves_columns_alone("Alter\n  SEQUENCE s RESTART"));
        assert!(!leaves_columns_alone("ALTER"));
        assert!(!leaves_columns_alone("ALTER SEQUENCES"));
        assert!(leaves_columns_alone("SET"));
        assert!(!leaves_columns_alone("SETTLE"));
        assert!(sets_lock_timeout("SET LOCK_TIMEOUT='5s'"));
        assert!(sets_lock_timeout("set session lock_timeout = 1"));
        assert!(!sets_lock_timeout("SET statement_timeout = 1"));
        assert!(!sets_lock_timeout("SET LOCAL statement_timeout = 1"));
        assert!(!sets_lock_timeout("SET lock_time = 1"));
        assert!(!sets_lock_timeout("SET"));
        assert!(!sets_lock_timeout("SET é"));
    }

    #[test]
    fn every_other_statement_is_parsed_and_blocks_when_it_cannot_be() {
        // A quoted `"set"` is an identifier, not the SET command; `ALTER TABLE IF EXISTS ONLY`
        // and a comment inside are DDL like any other; a `DO` block hides SET in a dollar quote.
        let parsed = statement(
            "ALTER TABLE IF EXISTS ONLY /* c */ \"core\".\"set\" ADD COLUMN \"Set\" text",
        );
        assert!(!parsed.leaves_columns_alone);
        assert!(
            matches!(&parsed.parsed, Ok(trees) if matches!(trees.as_slice(), [sqlparser::ast::Statement::AlterTable(_)])),
            "{:?}",
            parsed.parsed
        );
        for text in [
            "\"set\" lock_timeout = 1",
            "DO $$ BEGIN SET lock_timeout = '1s'; END $$ FROB",
            "ALTER TABLE IF EXISTS ONLY core.t FROB COLUMN x",
            "/* set */ ALTER TABLE core.t FROB",
        ] {
            let statement = statement(text);
            assert!(!statement.leaves_columns_alone, "{text}");
            assert!(statement.parsed.is_err(), "{text}");
            assert!(statement.blocks_the_check(), "{text}");
        }
    }
}
