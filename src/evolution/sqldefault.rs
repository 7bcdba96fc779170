//! Column defaults as SQL expressions: what a default means, whichever side spells it (the
//! contract's `default:` or PostgreSQL's `pg_get_expr`), and the contract spelling of a live one.
//!
//! `contract drift` compares the two sides with [`contract_meaning`] and [`live_meaning`];
//! `contract import` writes [`contract_spelling`], which is chosen so that the two meanings are
//! equal by construction (the round trip import → drift is exact).

use serde_json::Value;

/// A contract's `default:` (an SQL expression, `now()` or `'draft'`, or a YAML number or
/// boolean) in the form [`live_meaning`] gives PostgreSQL's.
pub fn contract_meaning(value: &Value) -> String {
    match value {
        Value::String(text) => live_meaning(text),
        other => other.to_string(),
    }
}

/// `'draft'::text` → `draft`, `0` → `0`, `now()` → `now()`: the cast PostgreSQL adds and the
/// quotes of a literal are not part of what the default means.
pub fn live_meaning(expression: &str) -> String {
    let mut text = expression.trim();
    if let Some(at) = text.rfind("::")
        && !text[at..].contains('\'')
        && !text[at..].contains(')')
    {
        text = &text[..at];
    }
    if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') {
        return text[1..text.len() - 1].replace("''", "'");
    }
    text.to_string()
}

/// The `default:` a contract writes for PostgreSQL's `expression`: the expression as it is,
/// except that a single literal loses the cast PostgreSQL adds to it (`'draft'::text` →
/// `'draft'`, as the contracts spell literals), and a quoted number its quotes too (PostgreSQL
/// keeps a negative default as `'-1'::integer`; the contract says `-1`). The result always means what `expression` means
/// (see [`live_meaning`]); anything that is not one clean literal is kept verbatim.
pub fn contract_spelling(expression: &str) -> String {
    let text = expression.trim();
    if let Some(at) = text.rfind("::") {
        let literal = &text[..at];
        let cast = &text[at + 2..];
        if is_one_literal(literal)
            && !cast.contains('\'')
            && !cast.contains(')')
            && live_meaning(literal) == live_meaning(text)
        {
            let inner = live_meaning(literal);
            let numeric_cast = [
                "smallint",
                "integer",
                "bigint",
                "numeric",
                "real",
                "double precision",
            ]
            .iter()
            .any(|name| cast.trim().starts_with(name));
            if numeric_cast && is_plain_number(&inner) {
                return inner;
            }
            return literal.to_string();
        }
    }
    text.to_string()
}

/// `-1`, `42`, `0.5`: a number written the way SQL reads it without quotes.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// `'…'` with every quote inside doubled: one SQL string literal and nothing else.
fn is_one_literal(text: &str) -> bool {
    let Some(inner) = text
        .strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix('\''))
    else {
        return false;
    };
    inner.replace("''", "").find('\'').is_none()
}

/// Whether `expression` is the sequence default PostgreSQL gives a `serial` column `column` of
/// `schema.table`: `nextval('<table>_<column>_seq'::regclass)`, the sequence named as `serial`
/// names it and qualified with the schema or not (`pg_get_expr` qualifies it when the schema is
/// not on the search path).
pub fn is_serial_default(expression: &str, schema: &str, table: &str, column: &str) -> bool {
    let sequence = format!("{table}_{column}_seq");
    let plain = format!("nextval('{sequence}'::regclass)");
    let qualified = format!("nextval('{schema}.{sequence}'::regclass)");
    let expression = expression.trim();
    expression == plain || expression == qualified
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_defaults_lose_their_casts_and_quotes() {
        assert_eq!(live_meaning("'draft'::text"), "draft");
        assert_eq!(live_meaning("'it''s'::character varying"), "it's");
        assert_eq!(live_meaning("0"), "0");
        assert_eq!(live_meaning("now()"), "now()");
        assert_eq!(live_meaning("false"), "false");
    }

    #[test]
    fn contract_spellings_drop_the_cast_of_a_literal_only() {
        for (live, written) in [
            ("'draft'::text", "'draft'"),
            ("'it''s'::character varying", "'it''s'"),
            ("'{}'::text[]", "'{}'"),
            ("'-1'::integer", "-1"),
            ("'-0.5'::numeric", "-0.5"),
            ("'1e5'::numeric", "'1e5'"),
            ("'12'::text", "'12'"),
            (
                "'2026-01-01 00:00:00+00'::timestamp with time zone",
                "'2026-01-01 00:00:00+00'",
            ),
            ("now()", "now()"),
            ("0", "0"),
            ("false", "false"),
            ("gen_random_uuid()", "gen_random_uuid()"),
            ("(now() + '1 day'::interval)", "(now() + '1 day'::interval)"),
            ("('a'::text || 'b'::text)", "('a'::text || 'b'::text)"),
            ("'a'::text || 'b'::text", "'a'::text || 'b'::text"),
        ] {
            assert_eq!(contract_spelling(live), written, "{live}");
        }
    }

    /// The point of `contract_spelling`: whatever PostgreSQL says, drift reads the imported
    /// default as the same default.
    #[test]
    fn a_contract_spelling_means_what_the_live_expression_means() {
        for live in [
            "'draft'::text",
            "'it''s'::character varying",
            "'a''::b'::text",
            "'{}'::text[]",
            "''::text",
            "now()",
            "CURRENT_TIMESTAMP",
            "(now() + '1 day'::interval)",
            "'a'::text || 'b'::text",
            "'''quoted'''::text",
            "nextval('core.t_id_seq'::regclass)",
            "ARRAY['a'::text, 'b'::text]",
            "'x'",
            "'-1'::integer",
            "'-0.5'::numeric",
            "'1.'::numeric",
            "'.5'::numeric",
            "  'padded'::text ",
        ] {
            let written = Value::String(contract_spelling(live));
            assert_eq!(contract_meaning(&written), live_meaning(live), "{live}");
        }
    }

    #[test]
    fn serial_defaults_are_the_sequence_serial_names() {
        assert!(is_serial_default(
            "nextval('core.events_id_seq'::regclass)",
            "core",
            "events",
            "id"
        ));
        assert!(is_serial_default(
            "nextval('events_id_seq'::regclass)",
            "core",
            "events",
            "id"
        ));
        assert!(!is_serial_default(
            "nextval('core.shared_seq'::regclass)",
            "core",
            "events",
            "id"
        ));
        assert!(!is_serial_default("0", "core", "events", "id"));
    }
}
