//! Tests of the column type model: every accepted spelling, every error message, and the lattice.

use super::*;
use crate::suggest::edit_distance;
use SqlType::*;

fn parse_ok(input: &str) -> SqlType {
    input
        .parse()
        .unwrap_or_else(|e| panic!("`{input}` should parse: {e}"))
}

fn parse_err(input: &str) -> ParseTypeError {
    match input.parse::<SqlType>() {
        Ok(ty) => panic!("`{input}` should not parse, got {ty:?}"),
        Err(e) => e,
    }
}

fn array(element: SqlType) -> SqlType {
    Array(Box::new(element))
}

fn numeric(precision: u32, scale: u32) -> SqlType {
    Numeric {
        precision: Some(precision),
        scale: Some(scale),
    }
}

const UNCONSTRAINED_NUMERIC: SqlType = Numeric {
    precision: None,
    scale: None,
};

/// Every name, alias and parameter form, with the type it must mean.
fn accepted_spellings() -> Vec<(&'static str, SqlType)> {
    vec![
        ("smallint", SmallInt),
        ("int2", SmallInt),
        ("smallserial", SmallInt),
        ("serial2", SmallInt),
        ("integer", Integer),
        ("int", Integer),
        ("int4", Integer),
        ("serial", Integer),
        ("serial4", Integer),
        ("bigint", BigInt),
        ("int8", BigInt),
        ("bigserial", BigInt),
        ("serial8", BigInt),
        ("numeric", UNCONSTRAINED_NUMERIC),
        ("decimal", UNCONSTRAINED_NUMERIC),
        ("dec", UNCONSTRAINED_NUMERIC),
        ("numeric(10,2)", numeric(10, 2)),
        ("decimal(10,2)", numeric(10, 2)),
        ("dec(10,2)", numeric(10, 2)),
        ("numeric(10)", numeric(10, 0)),
        ("decimal(10)", numeric(10, 0)),
        ("numeric(10,0)", numeric(10, 0)),
        ("numeric(1,1)", numeric(1, 1)),
        ("numeric(1000,1000)", numeric(1000, 1000)),
        ("real", Real),
        ("float4", Real),
        ("float(1)", Real),
        ("float(24)", Real),
        ("double precision", DoublePrecision),
        ("float8", DoublePrecision),
        ("float", DoublePrecision),
        ("float(25)", DoublePrecision),
        ("float(53)", DoublePrecision),
        ("boolean", Boolean),
        ("bool", Boolean),
        ("text", Text),
        ("varchar", Varchar(None)),
        ("character varying", Varchar(None)),
        ("char varying", Varchar(None)),
        ("varchar(200)", Varchar(Some(200))),
        ("character varying(200)", Varchar(Some(200))),
        ("char varying(200)", Varchar(Some(200))),
        ("varchar(1)", Varchar(Some(1))),
        ("varchar(10485760)", Varchar(Some(10_485_760))),
        ("char", Char(Some(1))),
        ("character", Char(Some(1))),
        ("char(10)", Char(Some(10))),
        ("character(10)", Char(Some(10))),
        ("bpchar", Char(None)),
        ("bpchar(10)", Char(Some(10))),
        ("uuid", Uuid),
        ("date", Date),
        ("time", Time { precision: None }),
        ("time(3)", Time { precision: Some(3) }),
        ("time without time zone", Time { precision: None }),
        ("time(0) without time zone", Time { precision: Some(0) }),
        ("time with time zone", Timetz { precision: None }),
        ("time(3) with time zone", Timetz { precision: Some(3) }),
        ("timetz", Timetz { precision: None }),
        ("timetz(3)", Timetz { precision: Some(3) }),
        ("timestamp", Timestamp { precision: None }),
        ("timestamp(3)", Timestamp { precision: Some(3) }),
        ("timestamp(0)", Timestamp { precision: Some(0) }),
        ("timestamp(6)", Timestamp { precision: Some(6) }),
        ("timestamp without time zone", Timestamp { precision: None }),
        (
            "timestamp(3) without time zone",
            Timestamp { precision: Some(3) },
        ),
        ("timestamp with time zone", Timestamptz { precision: None }),
        (
            "timestamp(3) with time zone",
            Timestamptz { precision: Some(3) },
        ),
        ("timestamptz", Timestamptz { precision: None }),
        ("timestamptz(3)", Timestamptz { precision: Some(3) }),
        ("interval", Interval),
        ("json", Json),
        ("jsonb", Jsonb),
        ("bytea", Bytea),
        ("inet", Inet),
        ("cidr", Cidr),
        ("macaddr", Macaddr),
        ("text[]", array(Text)),
        ("int[]", array(Integer)),
        ("integer[][]", array(array(Integer))),
        ("integer[3]", array(Integer)),
        ("int4[3][4]", array(array(Integer))),
        ("integer array", array(Integer)),
        ("integer array[4]", array(Integer)),
        ("varchar(20)[]", array(Varchar(Some(20)))),
        ("character varying(20)[]", array(Varchar(Some(20)))),
        ("numeric(10,2)[]", array(numeric(10, 2))),
        ("double precision[]", array(DoublePrecision)),
        (
            "timestamp(3) with time zone[]",
            array(Timestamptz { precision: Some(3) }),
        ),
        ("jsonb[][][]", array(array(array(Jsonb)))),
    ]
}

#[test]
fn every_accepted_spelling_parses_to_its_type() {
    for (input, expected) in accepted_spellings() {
        assert_eq!(parse_ok(input), expected, "parsing `{input}`");
    }
}

#[test]
fn parsing_ignores_case_and_extra_whitespace() {
    let cases = [
        ("  INTEGER  ", Integer),
        ("\tint\n", Integer),
        ("Double   Precision", DoublePrecision),
        ("CHARACTER\tVARYING ( 200 )", Varchar(Some(200))),
        ("VarChar(200)", Varchar(Some(200))),
        ("numeric( 10 , 2 )", numeric(10, 2)),
        (
            "Timestamp (3)  With  Time   Zone",
            Timestamptz { precision: Some(3) },
        ),
        ("TIMESTAMPTZ", Timestamptz { precision: None }),
        ("text [ ]", array(Text)),
        ("integer [ 3 ] [ ]", array(array(Integer))),
        ("UUID ARRAY", array(Uuid)),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_ok(input), expected, "parsing `{input}`");
    }
}

#[test]
fn display_is_the_canonical_spelling() {
    let cases = [
        ("smallint", "smallint"),
        ("int2", "smallint"),
        ("int", "integer"),
        ("int4", "integer"),
        ("serial", "integer"),
        ("int8", "bigint"),
        ("bigserial", "bigint"),
        ("decimal", "numeric"),
        ("numeric(10)", "numeric(10,0)"),
        ("DECIMAL(10, 2)", "numeric(10,2)"),
        ("float4", "real"),
        ("float(10)", "real"),
        ("float", "double precision"),
        ("float8", "double precision"),
        ("double  precision", "double precision"),
        ("bool", "boolean"),
        ("text", "text"),
        ("character varying", "varchar"),
        ("character varying(200)", "varchar(200)"),
        ("varchar(200)", "varchar(200)"),
        ("character", "char(1)"),
        ("character(10)", "char(10)"),
        ("bpchar", "bpchar"),
        ("uuid", "uuid"),
        ("date", "date"),
        ("time without time zone", "time"),
        ("time(3)", "time(3)"),
        ("time with time zone", "timetz"),
        ("time(3) with time zone", "timetz(3)"),
        ("timestamp without time zone", "timestamp"),
        ("timestamp(3) without time zone", "timestamp(3)"),
        ("timestamp(6)", "timestamp(6)"),
        ("timestamp with time zone", "timestamptz"),
        ("timestamptz(3)", "timestamptz(3)"),
        ("interval", "interval"),
        ("json", "json"),
        ("jsonb", "jsonb"),
        ("bytea", "bytea"),
        ("inet", "inet"),
        ("cidr", "cidr"),
        ("macaddr", "macaddr"),
        ("text[]", "text[]"),
        ("int[][]", "integer[][]"),
        ("integer[3]", "integer[]"),
        ("integer array", "integer[]"),
        ("character varying(20)[]", "varchar(20)[]"),
        ("timestamp with time zone[]", "timestamptz[]"),
    ];
    for (input, expected) in cases {
        assert_eq!(
            parse_ok(input).to_string(),
            expected,
            "displaying `{input}`"
        );
    }
}

#[test]
fn display_reads_back_as_the_same_type() {
    for (input, ty) in accepted_spellings() {
        let shown = ty.to_string();
        assert_eq!(parse_ok(&shown), ty, "`{input}` shown as `{shown}`");
    }
}

#[test]
fn bad_input_is_rejected_with_a_clear_message() {
    let cases = [
        ("", "invalid column type ``: the type is empty"),
        ("   ", "invalid column type ``: the type is empty"),
        (
            "varchar(0)",
            "invalid column type `varchar(0)`: the length of varchar must be between 1 and \
             10485760, got 0",
        ),
        (
            "varchar(10485761)",
            "invalid column type `varchar(10485761)`: the length of varchar must be between 1 \
             and 10485760, got 10485761",
        ),
        (
            "char(0)",
            "invalid column type `char(0)`: the length of char must be between 1 and 10485760, \
             got 0",
        ),
        (
            "numeric(2,5)",
            "invalid column type `numeric(2,5)`: the scale of numeric (5) cannot exceed its \
             precision (2)",
        ),
        (
            "numeric(0)",
            "invalid column type `numeric(0)`: the precision of numeric must be between 1 and \
             1000, got 0",
        ),
        (
            "decimal(1001,2)",
            "invalid column type `decimal(1001,2)`: the precision of numeric must be between 1 \
             and 1000, got 1001",
        ),
        (
            "numeric(10,2,1)",
            "invalid column type `numeric(10,2,1)`: `numeric` takes at most two parameters \
             (precision, scale), got 3 parameters",
        ),
        (
            "varchar(x)",
            "invalid column type `varchar(x)`: expected a number inside the parentheses, found \
             `x`",
        ),
        (
            "numeric(10,-2)",
            "invalid column type `numeric(10,-2)`: unexpected character `-`",
        ),
        (
            "varchar(200",
            "invalid column type `varchar(200`: unbalanced parentheses: `(` is never closed",
        ),
        (
            "varchar 200)",
            "invalid column type `varchar 200)`: unbalanced parentheses: `)` without a matching \
             `(`",
        ),
        (
            "varchar((5))",
            "invalid column type `varchar((5))`: expected a number inside the parentheses, found \
             `(`",
        ),
        (
            "varchar()",
            "invalid column type `varchar()`: empty parentheses after `varchar`",
        ),
        (
            "varchar(10 20)",
            "invalid column type `varchar(10 20)`: expected `,` or `)` inside the parentheses, \
             found `20`",
        ),
        (
            "varchar(1,2)",
            "invalid column type `varchar(1,2)`: `varchar` takes one parameter (a length), got 2 \
             parameters",
        ),
        (
            "varchar(99999999999)",
            "invalid column type `varchar(99999999999)`: `99999999999` is too large",
        ),
        (
            "varchar 200",
            "invalid column type `varchar 200`: unexpected `200`",
        ),
        (
            "text(5)",
            "invalid column type `text(5)`: `text` does not take parameters",
        ),
        (
            "INT4(5)",
            "invalid column type `INT4(5)`: `int4` does not take parameters",
        ),
        (
            "serial(5)",
            "invalid column type `serial(5)`: `serial` does not take parameters",
        ),
        (
            "serial[]",
            "invalid column type `serial[]`: `serial` is a column shorthand, not a type, and \
             PostgreSQL has no arrays of it; use `integer[]`",
        ),
        (
            "float(0)",
            "invalid column type `float(0)`: the precision of float must be between 1 and 53 \
             bits, got 0",
        ),
        (
            "float(54)",
            "invalid column type `float(54)`: the precision of float must be between 1 and 53 \
             bits, got 54",
        ),
        (
            "timestamp(7)",
            "invalid column type `timestamp(7)`: the precision of `timestamp` must be between 0 \
             and 6, got 7",
        ),
        (
            "timestamptz(3,2)",
            "invalid column type `timestamptz(3,2)`: `timestamptz` takes one parameter (a \
             fractional-second precision), got 2 parameters",
        ),
        (
            "integer with time zone",
            "invalid column type `integer with time zone`: `with time zone` only applies to \
             `time` and `timestamp`, not `integer`",
        ),
        (
            "timestamptz without time zone",
            "invalid column type `timestamptz without time zone`: `without time zone` only \
             applies to `time` and `timestamp`, not `timestamptz`",
        ),
        (
            "timestamp with timezone",
            "invalid column type `timestamp with timezone`: expected `with time zone`, found \
             `timezone`",
        ),
        (
            "timestamp without time",
            "invalid column type `timestamp without time`: expected `without time zone`, found \
             the end of the type",
        ),
        (
            "timestamp with time zone(3)",
            "invalid column type `timestamp with time zone(3)`: unexpected `(`",
        ),
        (
            "interval(3)",
            "invalid column type `interval(3)`: interval precision and field restrictions (such \
             as `interval(3)` or `interval day to second`) are not supported; use `interval`",
        ),
        (
            "interval day to second",
            "invalid column type `interval day to second`: interval precision and field \
             restrictions (such as `interval(3)` or `interval day to second`) are not \
             supported; use `interval`",
        ),
        (
            "int[",
            "invalid column type `int[`: unbalanced brackets: `[` is never closed",
        ),
        (
            "int]",
            "invalid column type `int]`: unbalanced brackets: `]` without a matching `[`",
        ),
        (
            "integer[x]",
            "invalid column type `integer[x]`: expected a number as an array size, found `x`",
        ),
        (
            "integer[1 2]",
            "invalid column type `integer[1 2]`: expected `]` after the array size, found `2`",
        ),
        (
            "integer array array",
            "invalid column type `integer array array`: unexpected `array`",
        ),
        (
            "text[] with time zone",
            "invalid column type `text[] with time zone`: unexpected `with`",
        ),
        (
            "double precision precision",
            "invalid column type `double precision precision`: unexpected `precision`",
        ),
        (
            "pg_catalog.int4",
            "invalid column type `pg_catalog.int4`: unexpected character `.`",
        ),
        (
            "\"char\"",
            "invalid column type `\"char\"`: unexpected character `\"`",
        ),
        (
            "123",
            "invalid column type `123`: expected a type name, found `123`",
        ),
        (
            "(5)",
            "invalid column type `(5)`: expected a type name, found `(`",
        ),
    ];
    for (input, message) in cases {
        let error = parse_err(input);
        assert!(
            matches!(error, ParseTypeError::Invalid(_)),
            "`{input}` should be invalid, got {error:?}"
        );
        assert_eq!(error.to_string(), message, "message for `{input}`");
    }
}

const SUPPORTED: &str = "supported types are smallint, integer, bigint, numeric(p,s), real, \
     double precision, boolean, text, varchar(n), char(n), uuid, date, time, timetz, timestamp, \
     timestamptz, interval, json, jsonb, bytea, inet, cidr, macaddr, and arrays of them such as \
     text[]";

#[test]
fn unknown_type_message_names_the_input_a_suggestion_and_the_supported_types() {
    assert_eq!(
        parse_err(" intger ").to_string(),
        format!("unknown column type `intger` (did you mean `integer`?); {SUPPORTED}")
    );
    assert_eq!(
        parse_err("money").to_string(),
        format!("unknown column type `money`; {SUPPORTED}")
    );
}

#[test]
fn unknown_types_suggest_the_closest_supported_type() {
    let cases = [
        ("intger", Some("integer")),
        ("itneger", Some("integer")),
        ("INTGER[]", Some("integer[]")),
        ("varchr(20)", Some("varchar(20)")),
        // The splice would still be invalid, so only the name is suggested.
        ("varchr(0)", Some("varchar")),
        ("charcter(10)", Some("char(10)")),
        ("timestampz", Some("timestamptz")),
        ("timestamps", Some("timestamp")),
        ("timestmp(3) with time zone", Some("timestamptz(3)")),
        ("jsnb", Some("jsonb")),
        ("uid", Some("uuid")),
        ("txt[]", Some("text[]")),
        ("bigserail", Some("bigint")),
        ("string", Some("text")),
        ("string(20)", Some("text")),
        ("datetime", Some("timestamp")),
        ("double", Some("double precision")),
        ("double precison", Some("double precision")),
        ("int64", Some("bigint")),
        ("blob", Some("bytea")),
        // Real PostgreSQL types the model leaves out get no misleading "did you mean".
        ("bit", None),
        ("money", None),
        ("tsvector", None),
        ("xyzzy", None),
        ("foo", None),
        ("integers_and_more", None),
    ];
    for (input, expected) in cases {
        match parse_err(input) {
            ParseTypeError::Unknown(unknown) => {
                assert_eq!(unknown.input, input.trim(), "input of `{input}`");
                assert_eq!(
                    unknown.suggestion.as_deref(),
                    expected,
                    "suggestion for `{input}`"
                );
            }
            other => panic!("`{input}` should be unknown, got {other:?}"),
        }
    }
}

#[test]
fn errors_are_std_errors() {
    let error: Box<dyn std::error::Error> = Box::new(parse_err("intger"));
    assert!(
        error
            .to_string()
            .starts_with("unknown column type `intger`")
    );
    let ParseTypeError::Unknown(unknown) = parse_err("intger") else {
        panic!("`intger` should be unknown");
    };
    let error: Box<dyn std::error::Error> = Box::new(unknown);
    assert!(
        error
            .to_string()
            .starts_with("unknown column type `intger`")
    );
}

#[test]
fn edit_distance_counts_insertions_deletions_substitutions_and_transpositions() {
    assert_eq!(edit_distance("integer", "integer"), 0);
    assert_eq!(edit_distance("intger", "integer"), 1);
    assert_eq!(edit_distance("integers", "integer"), 1);
    assert_eq!(edit_distance("intefer", "integer"), 1);
    assert_eq!(edit_distance("itneger", "integer"), 1);
    assert_eq!(edit_distance("", "text"), 4);
    assert_eq!(edit_distance("json", "jsonb"), 1);
}

/// The ~25 common types of the lattice table, in the order of the matrix rows and columns.
pub(crate) const LATTICE_TYPES: [&str; 25] = [
    "smallint",         // 0
    "integer",          // 1
    "bigint",           // 2
    "numeric",          // 3
    "numeric(10,2)",    // 4
    "numeric(12,2)",    // 5
    "numeric(5,0)",     // 6
    "real",             // 7
    "double precision", // 8
    "varchar(50)",      // 9
    "varchar(100)",     // 10
    "varchar",          // 11
    "text",             // 12
    "char(10)",         // 13
    "boolean",          // 14
    "uuid",             // 15
    "date",             // 16
    "timestamp",        // 17
    "timestamp(3)",     // 18
    "timestamptz",      // 19
    "jsonb",            // 20
    "json",             // 21
    "bytea",            // 22
    "text[]",           // 23
    "integer[]",        // 24
];

/// `classify(LATTICE_TYPES[row], LATTICE_TYPES[column])`, row = old, column = new, written out by
/// hand from the rules in the module docs: `=` Same, `W` Widened, `N` Narrowed, `.` Changed.
///
/// Worth a second look: integer → numeric(10,2) is Changed (8 integer digits cannot hold every
/// integer, and fractions do not fit an integer); numeric(5,0) → integer is Changed, not Widened,
/// because numeric admits NaN; char(10) → varchar(50) widens while varchar(50) → char(10) narrows.
const LATTICE: [&str; 25] = [
    //          1111111111222222
    //01234567890123456789012345
    "=WWWWWW..................", // smallint
    "N=WW.W...................", // integer
    "NN=W.....................", // bigint
    "NNN=NNN..................", // numeric
    "N..W=WN..................", // numeric(10,2)
    "NN.WN=N..................", // numeric(12,2)
    "N..WWW=..................", // numeric(5,0)
    ".......=W................", // real
    ".......N=................", // double precision
    ".........=WWWN...........", // varchar(50)
    ".........N=WWN...........", // varchar(100)
    ".........NN==N...........", // varchar
    ".........NN==N...........", // text
    ".........WWWW=...........", // char(10)
    "..............=..........", // boolean
    "...............=.........", // uuid
    "................=........", // date
    ".................=N......", // timestamp
    ".................W=......", // timestamp(3)
    "...................=.....", // timestamptz
    "....................=....", // jsonb
    ".....................=...", // json
    "......................=..", // bytea
    ".......................=.", // text[]
    "........................=", // integer[]
];

fn change_from_code(code: char) -> TypeChange {
    match code {
        '=' => TypeChange::Same,
        'W' => TypeChange::Widened,
        'N' => TypeChange::Narrowed,
        '.' => TypeChange::Changed,
        other => panic!("unknown matrix code {other:?}"),
    }
}

#[test]
fn lattice_matrix_is_well_formed() {
    // A typo in the hand-written matrix must not silently weaken the test below.
    for (row, line) in LATTICE.iter().enumerate() {
        assert_eq!(line.chars().count(), LATTICE_TYPES.len(), "row {row}");
        for (column, code) in line.chars().enumerate() {
            let mirror = LATTICE[column].chars().nth(row).unwrap_or('?');
            let expected_mirror = match code {
                'W' => 'N',
                'N' => 'W',
                other => other,
            };
            assert_eq!(
                mirror, expected_mirror,
                "matrix at ({row}, {column}) vs its mirror"
            );
        }
        assert_eq!(line.chars().nth(row), Some('='), "diagonal of row {row}");
    }
}

#[test]
fn lattice_of_common_types_matches_the_expected_matrix() {
    let types: Vec<SqlType> = LATTICE_TYPES.iter().map(|t| parse_ok(t)).collect();
    let mut mismatches = Vec::new();
    for (row, old) in types.iter().enumerate() {
        for (column, new) in types.iter().enumerate() {
            let code = LATTICE[row].chars().nth(column).unwrap_or('?');
            let expected = change_from_code(code);
            let actual = classify(old, new);
            if actual != expected {
                mismatches.push(format!(
                    "{old} -> {new}: expected {expected:?}, got {actual:?}"
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// A wider list than the matrix, for properties that must hold between any two types.
fn property_types() -> Vec<SqlType> {
    let mut names: Vec<&str> = LATTICE_TYPES.to_vec();
    names.extend([
        "serial",
        "numeric(4,0)",
        "numeric(10,0)",
        "numeric(19,0)",
        "numeric(20,2)",
        "numeric(12,4)",
        "numeric(1000,1000)",
        "varchar(10)",
        "varchar(5)",
        "char(5)",
        "char(50)",
        "char",
        "bpchar",
        "time",
        "time(3)",
        "time(6)",
        "timetz",
        "timetz(3)",
        "timestamp(0)",
        "timestamp(6)",
        "timestamptz(3)",
        "timestamptz(6)",
        "interval",
        "inet",
        "cidr",
        "macaddr",
        "varchar[]",
        "varchar(50)[]",
        "char(10)[]",
        "smallint[]",
        "bigint[]",
        "integer[][]",
        "bigint[][]",
        "numeric[]",
        "jsonb[]",
    ]);
    names.iter().map(|t| parse_ok(t)).collect()
}

#[test]
fn every_type_is_the_same_as_itself() {
    for ty in property_types() {
        assert_eq!(classify(&ty, &ty), TypeChange::Same, "{ty}");
    }
}

#[test]
fn widened_one_way_is_narrowed_the_other_way() {
    let types = property_types();
    for old in &types {
        for new in &types {
            let forward = classify(old, new);
            let backward = classify(new, old);
            let mirrored = match forward {
                TypeChange::Widened => TypeChange::Narrowed,
                TypeChange::Narrowed => TypeChange::Widened,
                other => other,
            };
            assert_eq!(backward, mirrored, "{old} -> {new} is {forward:?}");
        }
    }
}

#[test]
fn widening_is_transitive() {
    // A chain of widenings must itself be a widening, or the rules would flag a two-step
    // migration differently from the same change made at once.
    let types = property_types();
    let widens =
        |a: &SqlType, b: &SqlType| matches!(classify(a, b), TypeChange::Widened | TypeChange::Same);
    for a in &types {
        for b in &types {
            if !widens(a, b) {
                continue;
            }
            for c in &types {
                if widens(b, c) {
                    assert!(widens(a, c), "{a} -> {b} -> {c} but not {a} -> {c}");
                }
            }
        }
    }
}

#[test]
fn classification_of_types_outside_the_matrix() {
    use TypeChange::*;
    let cases = [
        // serial is integer with a default; the default is not part of the type.
        ("serial", "integer", Same),
        ("bigserial", "int8", Same),
        ("numeric(5)", "numeric(5,0)", Same),
        ("timestamp", "timestamp(6)", Same),
        ("time(6)", "time", Same),
        ("character varying", "text", Same),
        ("char", "char(1)", Same),
        ("char(10)", "char(20)", Widened),
        ("char(10)", "bpchar", Widened),
        ("bpchar", "text", Widened),
        ("bpchar", "varchar(100)", Changed),
        ("char(10)", "varchar(5)", Changed),
        ("varchar(5)", "char(10)", Changed),
        ("text", "bpchar", Narrowed),
        ("numeric(4,0)", "smallint", Changed),
        ("numeric(5,0)", "integer", Changed),
        ("integer", "numeric(10,0)", Widened),
        ("bigint", "numeric(19,0)", Widened),
        ("bigint", "numeric(18,0)", Changed),
        ("smallint", "numeric(6,2)", Changed),
        ("smallint", "numeric(7,2)", Widened),
        ("numeric(10,2)", "numeric(11,3)", Widened),
        ("numeric(10,2)", "numeric(11,4)", Changed),
        ("numeric(10,2)", "numeric(10,3)", Changed),
        ("numeric(10,2)", "numeric(9,1)", Narrowed),
        ("smallint", "real", Changed),
        ("integer", "double precision", Changed),
        ("real", "numeric", Changed),
        ("time", "timetz", Changed),
        ("timetz(3)", "timetz", Widened),
        ("time(3)", "time(0)", Narrowed),
        ("timestamptz(6)", "timestamptz(3)", Narrowed),
        ("timestamp(3)", "timestamptz(6)", Changed),
        ("date", "timestamp", Changed),
        ("jsonb", "json", Changed),
        ("json", "text", Changed),
        ("uuid", "text", Changed),
        ("cidr", "inet", Widened),
        ("inet", "cidr", Narrowed),
        ("integer[]", "bigint[]", Widened),
        ("text[]", "varchar(10)[]", Narrowed),
        ("text[]", "varchar[]", Same),
        ("integer[]", "integer[][]", Changed),
        ("integer[][]", "bigint[][]", Widened),
        ("integer[]", "integer", Changed),
        ("text", "text[]", Changed),
    ];
    for (old, new, expected) in cases {
        assert_eq!(
            classify(&parse_ok(old), &parse_ok(new)),
            expected,
            "{old} -> {new}"
        );
    }
}

#[test]
fn hand_built_numerics_outside_the_parser_normal_form_compare_sensibly() {
    // The fields are public, so a caller can build forms the parser never produces; they must
    // neither panic (a scale above the precision once underflowed) nor compare wrongly.
    let missing_scale = Numeric {
        precision: Some(5),
        scale: None,
    };
    assert_eq!(classify(&missing_scale, &numeric(5, 0)), TypeChange::Same);
    let stray_scale = Numeric {
        precision: None,
        scale: Some(2),
    };
    assert_eq!(
        classify(&stray_scale, &UNCONSTRAINED_NUMERIC),
        TypeChange::Same
    );
    let scale_above_precision = numeric(2, 5);
    assert_eq!(
        classify(&scale_above_precision, &UNCONSTRAINED_NUMERIC),
        TypeChange::Widened
    );
    assert_eq!(
        classify(&SmallInt, &scale_above_precision),
        TypeChange::Changed
    );
}
