//! PostgreSQL column types as table contracts name them, and how a change of type affects readers.
//!
//! A column's `type:` is parsed into a [`SqlType`] (aliases folded, parameters checked), printed back
//! in one canonical spelling, and two versions of a column are compared with [`classify`]: the
//! table-evolution rules turn [`TypeChange::Widened`] into info and anything else into findings.
//!
//! Decisions a reader of a contract may not guess:
//!
//! - **Widening** means every value the old type can hold is held by the new type unchanged, *and*
//!   the arithmetic stays of the same kind (exact or approximate). So `integer` → `numeric(12,2)`
//!   widens, while `smallint` → `real` is a change even though every smallint fits a float: readers
//!   that summed or compared exact integers would now get approximate results for new rows.
//!   A constrained `numeric(p,0)` never widens into an integer type because numeric columns admit
//!   `NaN`, which no integer type can hold.
//! - **`serial`, `smallserial`, `bigserial`** are accepted and normalised to `integer`, `smallint`
//!   and `bigint`. PostgreSQL treats them as `CREATE TABLE` shorthand for an integer column with a
//!   sequence default, and its catalogue (and so the live database check) reports the plain integer
//!   type. The default is a column property, not part of the type, so `serial` → `integer` is
//!   [`TypeChange::Same`]. Arrays of serial do not exist in PostgreSQL and are rejected.
//! - **`json` ↔ `jsonb`** is [`TypeChange::Changed`] both ways. `jsonb` stores a decomposed value:
//!   it drops duplicate keys (keeping the last), reorders keys and discards insignificant
//!   whitespace, so a reader of `json` text sees different bytes; the other way, `json` loses the
//!   `jsonb` operators (`@>`, `?`) and indexes readers query with.
//! - **`char`** follows PostgreSQL: `char` / `character` without a length is `char(1)`, `bpchar`
//!   without a length is the unbounded blank-padded type (shown as `bpchar`). Because trailing
//!   spaces are insignificant in `char` values, `char(n)` → `char(m ≥ n)`, `varchar(m ≥ n)`,
//!   unbounded `varchar` or `text` widen; `varchar` → `char` never does (padding would change
//!   values whose trailing spaces mattered).
//! - **Time zones**: `timestamp` ↔ `timestamptz` (and `time` ↔ `timetz`) are
//!   [`TypeChange::Changed`]: the conversion interprets each stored wall-clock time in the session's
//!   `TimeZone` setting, so the instant a row denotes depends on configuration, not on the data.
//! - **Arrays** compare their element types. PostgreSQL does not enforce declared dimensions or
//!   sizes, but a contract's `integer[][]` states what readers get, so a change in the number of
//!   dimensions is [`TypeChange::Changed`]. Declared sizes (`integer[3]`) carry nothing PostgreSQL
//!   checks and are accepted and dropped.
//! - **`text` and unbounded `varchar`** are the same type ([`TypeChange::Same`]); PostgreSQL stores
//!   and compares them identically.
//! - **`interval`** is supported without precision or field restrictions: `interval(3)` and
//!   `interval day to second` are rejected with a message rather than compared half-right.

use std::fmt;
use std::str::FromStr;

/// A PostgreSQL column type, with aliases folded into one variant each.
///
/// Values built by the parser are normalised: `numeric(p)` has `scale: Some(0)`, and a `scale` is
/// present only with a `precision`. Values built by hand that break this are still compared
/// sensibly by [`classify`] (a missing scale counts as 0, a scale without precision is ignored).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SqlType {
    SmallInt,
    Integer,
    BigInt,
    /// `numeric` / `decimal`; `precision: None` is the unconstrained type.
    Numeric {
        precision: Option<u32>,
        scale: Option<u32>,
    },
    Real,
    DoublePrecision,
    Boolean,
    Text,
    /// `varchar(n)`; `None` is unbounded `varchar`, the same as `text`.
    Varchar(Option<u32>),
    /// `char(n)`; `None` is unbounded `bpchar` (plain `char` means `char(1)`).
    Char(Option<u32>),
    Uuid,
    Date,
    /// `time [without time zone]`; `precision: None` means PostgreSQL's default of 6.
    Time {
        precision: Option<u32>,
    },
    /// `timetz` / `time with time zone`.
    Timetz {
        precision: Option<u32>,
    },
    /// `timestamp [without time zone]`; `precision: None` means PostgreSQL's default of 6.
    Timestamp {
        precision: Option<u32>,
    },
    /// `timestamptz` / `timestamp with time zone`.
    Timestamptz {
        precision: Option<u32>,
    },
    Interval,
    Json,
    Jsonb,
    Bytea,
    Inet,
    Cidr,
    Macaddr,
    /// One array dimension; `integer[][]` is an array of arrays.
    Array(Box<SqlType>),
}

/// How a column's type changed between the old and the new version, seen by its readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeChange {
    /// The same type, possibly spelled differently (`text` and `varchar`, `timestamp(6)` and
    /// `timestamp`).
    Same,
    /// Every old value is a value of the new type, unchanged.
    Widened,
    /// The reverse of a widening: some old values do not fit the new type.
    Narrowed,
    /// Neither contains the other (`integer` → `text`, `timestamp` → `timestamptz`).
    Changed,
}

/// Compare the `old` type of a column with its `new` type.
pub fn classify(old: &SqlType, new: &SqlType) -> TypeChange {
    let (old, new) = (normalised(old), normalised(new));
    if old == new {
        TypeChange::Same
    } else if widens(&old, &new) {
        TypeChange::Widened
    } else if widens(&new, &old) {
        TypeChange::Narrowed
    } else {
        TypeChange::Changed
    }
}

/// PostgreSQL's default fractional-second precision for time types without one.
const DEFAULT_TIME_PRECISION: u32 = 6;

/// One spelling per meaning, so that `classify` can compare with `==` before looking for widening.
fn normalised(ty: &SqlType) -> SqlType {
    let precision = |p: &Option<u32>| Some(p.unwrap_or(DEFAULT_TIME_PRECISION));
    match ty {
        SqlType::Numeric {
            precision: Some(p),
            scale,
        } => SqlType::Numeric {
            precision: Some(*p),
            scale: Some(scale.unwrap_or(0)),
        },
        SqlType::Numeric {
            precision: None, ..
        } => SqlType::Numeric {
            precision: None,
            scale: None,
        },
        SqlType::Varchar(None) => SqlType::Text,
        SqlType::Time { precision: p } => SqlType::Time {
            precision: precision(p),
        },
        SqlType::Timetz { precision: p } => SqlType::Timetz {
            precision: precision(p),
        },
        SqlType::Timestamp { precision: p } => SqlType::Timestamp {
            precision: precision(p),
        },
        SqlType::Timestamptz { precision: p } => SqlType::Timestamptz {
            precision: precision(p),
        },
        SqlType::Array(element) => SqlType::Array(Box::new(normalised(element))),
        other => other.clone(),
    }
}

/// Decimal digits needed to write every value of an integer type: what a `numeric(p,s)` must offer
/// left of the decimal point (`p - s`) to hold it.
fn integer_digits(ty: &SqlType) -> Option<i64> {
    match ty {
        SqlType::SmallInt => Some(5),
        SqlType::Integer => Some(10),
        SqlType::BigInt => Some(19),
        _ => None,
    }
}

/// Whether every value of `old` is a value of `new`, unchanged. Both sides are [`normalised`].
fn widens(old: &SqlType, new: &SqlType) -> bool {
    use SqlType::*;
    if let (Some(old_digits), Some(new_digits)) = (integer_digits(old), integer_digits(new)) {
        return new_digits >= old_digits;
    }
    match (old, new) {
        (_, Numeric { precision, scale }) if integer_digits(old).is_some() => match precision {
            None => true,
            Some(p) => {
                i64::from(*p) - i64::from(scale.unwrap_or(0)) >= integer_digits(old).unwrap_or(0)
            }
        },
        (
            Numeric { .. },
            Numeric {
                precision: None, ..
            },
        ) => true,
        (
            Numeric {
                precision: Some(old_p),
                scale: old_s,
            },
            Numeric {
                precision: Some(new_p),
                scale: new_s,
            },
        ) => {
            let (old_s, new_s) = (i64::from(old_s.unwrap_or(0)), i64::from(new_s.unwrap_or(0)));
            new_s >= old_s && i64::from(*new_p) - new_s >= i64::from(*old_p) - old_s
        }
        (Real, DoublePrecision) => true,
        (Varchar(Some(old_n)), Varchar(Some(new_n))) => new_n >= old_n,
        (Varchar(_), Text) => true,
        (Char(Some(old_n)), Char(Some(new_n)) | Varchar(Some(new_n))) => new_n >= old_n,
        (Char(_), Char(None) | Text) => true,
        (Time { precision: old_p }, Time { precision: new_p })
        | (Timetz { precision: old_p }, Timetz { precision: new_p })
        | (Timestamp { precision: old_p }, Timestamp { precision: new_p })
        | (Timestamptz { precision: old_p }, Timestamptz { precision: new_p }) => new_p >= old_p,
        (Cidr, Inet) => true,
        (Array(old_element), Array(new_element)) => {
            old_element == new_element || widens(old_element, new_element)
        }
        _ => old == new,
    }
}

impl fmt::Display for SqlType {
    /// The canonical spelling: PostgreSQL's short names, parameters without spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn with_precision(f: &mut fmt::Formatter<'_>, name: &str, p: &Option<u32>) -> fmt::Result {
            match p {
                Some(p) => write!(f, "{name}({p})"),
                None => f.write_str(name),
            }
        }
        match self {
            SqlType::SmallInt => f.write_str("smallint"),
            SqlType::Integer => f.write_str("integer"),
            SqlType::BigInt => f.write_str("bigint"),
            SqlType::Numeric {
                precision: Some(p),
                scale,
            } => write!(f, "numeric({p},{})", scale.unwrap_or(0)),
            SqlType::Numeric {
                precision: None, ..
            } => f.write_str("numeric"),
            SqlType::Real => f.write_str("real"),
            SqlType::DoublePrecision => f.write_str("double precision"),
            SqlType::Boolean => f.write_str("boolean"),
            SqlType::Text => f.write_str("text"),
            SqlType::Varchar(n) => with_precision(f, "varchar", n),
            SqlType::Char(Some(n)) => write!(f, "char({n})"),
            // Plain `char` would read back as `char(1)`.
            SqlType::Char(None) => f.write_str("bpchar"),
            SqlType::Uuid => f.write_str("uuid"),
            SqlType::Date => f.write_str("date"),
            SqlType::Time { precision } => with_precision(f, "time", precision),
            SqlType::Timetz { precision } => with_precision(f, "timetz", precision),
            SqlType::Timestamp { precision } => with_precision(f, "timestamp", precision),
            SqlType::Timestamptz { precision } => with_precision(f, "timestamptz", precision),
            SqlType::Interval => f.write_str("interval"),
            SqlType::Json => f.write_str("json"),
            SqlType::Jsonb => f.write_str("jsonb"),
            SqlType::Bytea => f.write_str("bytea"),
            SqlType::Inet => f.write_str("inet"),
            SqlType::Cidr => f.write_str("cidr"),
            SqlType::Macaddr => f.write_str("macaddr"),
            SqlType::Array(element) => write!(f, "{element}[]"),
        }
    }
}

/// The type families a contract may use, listed in every unknown-type message.
const SUPPORTED_TYPES: &str = "smallint, integer, bigint, numeric(p,s), real, double precision, \
     boolean, text, varchar(n), char(n), uuid, date, time, timetz, timestamp, timestamptz, \
     interval, json, jsonb, bytea, inet, cidr, macaddr, and arrays of them such as text[]";

/// A type name that is not one of the supported PostgreSQL types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownType {
    /// The type as written (surrounding whitespace removed).
    pub input: String,
    /// The closest supported spelling, in canonical form, when one is close enough to be a typo or
    /// a well-known name from another database.
    pub suggestion: Option<String>,
}

impl fmt::Display for UnknownType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown column type `{}`", self.input)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, " (did you mean `{suggestion}`?)")?;
        }
        write!(f, "; supported types are {SUPPORTED_TYPES}")
    }
}

impl std::error::Error for UnknownType {}

/// A known type name used wrongly: bad parameters, unbalanced brackets, stray words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidType {
    /// The type as written (surrounding whitespace removed).
    pub input: String,
    /// What is wrong with it, phrased to follow "invalid column type `…`: ".
    pub reason: String,
}

impl fmt::Display for InvalidType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid column type `{}`: {}", self.input, self.reason)
    }
}

impl std::error::Error for InvalidType {}

/// Why a column type could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseTypeError {
    Unknown(UnknownType),
    Invalid(InvalidType),
}

impl fmt::Display for ParseTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseTypeError::Unknown(e) => e.fmt(f),
            ParseTypeError::Invalid(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ParseTypeError {}

impl From<UnknownType> for ParseTypeError {
    fn from(e: UnknownType) -> Self {
        ParseTypeError::Unknown(e)
    }
}

impl From<InvalidType> for ParseTypeError {
    fn from(e: InvalidType) -> Self {
        ParseTypeError::Invalid(e)
    }
}

impl FromStr for SqlType {
    type Err = ParseTypeError;

    /// Parse a PostgreSQL type name: case-insensitive, any whitespace between words and symbols.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s, true)
    }
}

/// Largest `varchar(n)` / `char(n)` PostgreSQL accepts.
const MAX_LENGTH: u32 = 10_485_760;
/// Largest `numeric` precision PostgreSQL accepts.
const MAX_NUMERIC_PRECISION: u32 = 1000;
/// Largest fractional-second precision of the time types.
const MAX_TIME_PRECISION: u32 = 6;

/// What a type name means before its parameters are applied.
#[derive(Debug)]
enum Base {
    /// A type without parameters.
    Plain(SqlType),
    /// `serial` and friends: shorthand for an integer type (see the module docs).
    Serial(SqlType),
    Numeric,
    /// `float(p)`: `real` or `double precision` by the number of mantissa bits asked for.
    Float,
    Varchar,
    /// `char` / `character`: no length means `char(1)`.
    Char,
    /// `bpchar`: no length means unbounded.
    Bpchar,
    Time,
    Timetz,
    Timestamp,
    Timestamptz,
    Interval,
}

/// Every accepted name, canonical ones first. The order also breaks ties between equally close
/// suggestions, hence `timestamptz` before `timestamp` (`timestampz` most likely means the former).
const NAMES: &[(&str, Base)] = &[
    ("smallint", Base::Plain(SqlType::SmallInt)),
    ("integer", Base::Plain(SqlType::Integer)),
    ("bigint", Base::Plain(SqlType::BigInt)),
    ("numeric", Base::Numeric),
    ("real", Base::Plain(SqlType::Real)),
    ("double precision", Base::Plain(SqlType::DoublePrecision)),
    ("boolean", Base::Plain(SqlType::Boolean)),
    ("text", Base::Plain(SqlType::Text)),
    ("varchar", Base::Varchar),
    ("char", Base::Char),
    ("uuid", Base::Plain(SqlType::Uuid)),
    ("date", Base::Plain(SqlType::Date)),
    ("timestamptz", Base::Timestamptz),
    ("timestamp", Base::Timestamp),
    ("timetz", Base::Timetz),
    ("time", Base::Time),
    ("interval", Base::Interval),
    ("jsonb", Base::Plain(SqlType::Jsonb)),
    ("json", Base::Plain(SqlType::Json)),
    ("bytea", Base::Plain(SqlType::Bytea)),
    ("inet", Base::Plain(SqlType::Inet)),
    ("cidr", Base::Plain(SqlType::Cidr)),
    ("macaddr", Base::Plain(SqlType::Macaddr)),
    ("int", Base::Plain(SqlType::Integer)),
    ("int4", Base::Plain(SqlType::Integer)),
    ("int2", Base::Plain(SqlType::SmallInt)),
    ("int8", Base::Plain(SqlType::BigInt)),
    ("decimal", Base::Numeric),
    ("dec", Base::Numeric),
    ("float", Base::Float),
    ("float4", Base::Plain(SqlType::Real)),
    ("float8", Base::Plain(SqlType::DoublePrecision)),
    ("bool", Base::Plain(SqlType::Boolean)),
    ("character varying", Base::Varchar),
    ("char varying", Base::Varchar),
    ("character", Base::Char),
    ("bpchar", Base::Bpchar),
    ("serial", Base::Serial(SqlType::Integer)),
    ("serial4", Base::Serial(SqlType::Integer)),
    ("smallserial", Base::Serial(SqlType::SmallInt)),
    ("serial2", Base::Serial(SqlType::SmallInt)),
    ("bigserial", Base::Serial(SqlType::BigInt)),
    ("serial8", Base::Serial(SqlType::BigInt)),
];

/// Names other databases and languages use, mapped to the PostgreSQL type a user most likely
/// wants; edit distance would not find these.
const FOREIGN_NAMES: &[(&str, &str)] = &[
    ("string", "text"),
    ("str", "text"),
    ("clob", "text"),
    ("longtext", "text"),
    ("nvarchar", "varchar"),
    ("tinyint", "smallint"),
    ("int16", "smallint"),
    ("mediumint", "integer"),
    ("int32", "integer"),
    ("int64", "bigint"),
    ("long", "bigint"),
    ("number", "numeric"),
    ("double", "double precision"),
    ("float32", "real"),
    ("float64", "double precision"),
    ("datetime", "timestamp"),
    ("blob", "bytea"),
    ("binary", "bytea"),
    ("varbinary", "bytea"),
    ("guid", "uuid"),
    ("uniqueidentifier", "uuid"),
];

/// Real PostgreSQL types this model does not cover. Naming one is still an unknown type, but a
/// "did you mean" would mislead (`bit` is one edit from `int`).
const UNSUPPORTED_POSTGRES_NAMES: &[&str] = &[
    "bit",
    "varbit",
    "money",
    "xml",
    "point",
    "line",
    "lseg",
    "box",
    "path",
    "polygon",
    "circle",
    "tsvector",
    "tsquery",
    "oid",
    "macaddr8",
    "pg_lsn",
    "int4range",
    "int8range",
    "numrange",
    "tsrange",
    "tstzrange",
    "daterange",
    "hstore",
    "citext",
    "geometry",
    "geography",
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum TokenKind {
    /// A run of ASCII letters, digits and underscores, lowercased: a name or a number.
    Word(String),
    Open,
    Close,
    Comma,
    OpenBracket,
    CloseBracket,
}

#[derive(Debug, Clone)]
struct Token {
    kind: TokenKind,
    /// Byte range in the trimmed input, to quote the token as written and to splice suggestions.
    start: usize,
    end: usize,
}

fn is_number(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
}

fn tokenize(input: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let symbol = match c {
            '(' => Some(TokenKind::Open),
            ')' => Some(TokenKind::Close),
            ',' => Some(TokenKind::Comma),
            '[' => Some(TokenKind::OpenBracket),
            ']' => Some(TokenKind::CloseBracket),
            _ => None,
        };
        if let Some(kind) = symbol {
            tokens.push(Token {
                kind,
                start,
                end: start + 1,
            });
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let mut end = start + 1;
            while let Some(&(i, c)) = chars.peek() {
                if !(c.is_ascii_alphanumeric() || c == '_') {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            tokens.push(Token {
                kind: TokenKind::Word(input[start..end].to_ascii_lowercase()),
                start,
                end,
            });
        } else if !c.is_whitespace() {
            return Err(format!("unexpected character `{c}`"));
        }
    }
    Ok(tokens)
}

/// Checked before parsing so that every later "expected …" message can assume balanced input.
fn check_balance(tokens: &[Token]) -> Result<(), String> {
    let (mut parens, mut brackets) = (0usize, 0usize);
    for token in tokens {
        match token.kind {
            TokenKind::Open => parens += 1,
            TokenKind::Close if parens == 0 => {
                return Err("unbalanced parentheses: `)` without a matching `(`".into());
            }
            TokenKind::Close => parens -= 1,
            TokenKind::OpenBracket => brackets += 1,
            TokenKind::CloseBracket if brackets == 0 => {
                return Err("unbalanced brackets: `]` without a matching `[`".into());
            }
            TokenKind::CloseBracket => brackets -= 1,
            _ => {}
        }
    }
    if parens > 0 {
        return Err("unbalanced parentheses: `(` is never closed".into());
    }
    if brackets > 0 {
        return Err("unbalanced brackets: `[` is never closed".into());
    }
    Ok(())
}

struct Parser<'a> {
    input: &'a str,
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_word(&self) -> Option<&str> {
        match self.peek().map(|t| &t.kind) {
            Some(TokenKind::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn advance(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        token
    }

    /// The token as the user wrote it, for messages; `end` stands for running out of input.
    fn quote(&self, token: Option<&Token>) -> String {
        match token {
            Some(t) => format!("`{}`", &self.input[t.start..t.end]),
            None => "the end of the type".into(),
        }
    }

    /// The type name, its words joined by single spaces, and its byte range in the input.
    fn type_name(&mut self) -> Result<(String, usize, usize), String> {
        let first = self.advance();
        let (word, start, mut end) = match &first {
            Some(Token {
                kind: TokenKind::Word(w),
                start,
                end,
            }) if !is_number(w) => (w.clone(), *start, *end),
            other => {
                return Err(format!(
                    "expected a type name, found {}",
                    self.quote(other.as_ref())
                ));
            }
        };
        // The only multi-word names; `timestamp with time zone` is a name plus a clause instead,
        // because the precision sits between the two (`timestamp(3) with time zone`).
        let second = match (word.as_str(), self.peek_word()) {
            ("double", Some("precision")) => "precision",
            ("character" | "char", Some("varying")) => "varying",
            _ => return Ok((word, start, end)),
        };
        end = self.advance().map_or(end, |t| t.end);
        Ok((format!("{word} {second}"), start, end))
    }

    /// The numbers inside `( … )` after a type name, or `None` when there are no parentheses.
    fn parameters(&mut self, name: &str) -> Result<Option<Vec<u32>>, String> {
        if self.peek().map(|t| &t.kind) != Some(&TokenKind::Open) {
            return Ok(None);
        }
        self.advance();
        if self.peek().map(|t| &t.kind) == Some(&TokenKind::Close) {
            return Err(format!("empty parentheses after `{name}`"));
        }
        let mut parameters = Vec::new();
        loop {
            parameters.push(self.number("inside the parentheses")?);
            let next = self.advance();
            match next.as_ref().map(|t| &t.kind) {
                Some(TokenKind::Comma) => {}
                Some(TokenKind::Close) => return Ok(Some(parameters)),
                _ => {
                    return Err(format!(
                        "expected `,` or `)` inside the parentheses, found {}",
                        self.quote(next.as_ref())
                    ));
                }
            }
        }
    }

    fn number(&mut self, place: &str) -> Result<u32, String> {
        let token = self.advance();
        match token.as_ref().map(|t| &t.kind) {
            Some(TokenKind::Word(w)) if is_number(w) => w
                .parse()
                .map_err(|_| format!("{} is too large", self.quote(token.as_ref()))),
            _ => Err(format!(
                "expected a number {place}, found {}",
                self.quote(token.as_ref())
            )),
        }
    }

    /// `with time zone` → `Some(true)`, `without time zone` → `Some(false)`, nothing → `None`.
    fn time_zone_clause(&mut self) -> Result<Option<bool>, String> {
        let with = match self.peek_word() {
            Some("with") => true,
            Some("without") => false,
            _ => return Ok(None),
        };
        self.advance();
        for expected in ["time", "zone"] {
            if self.peek_word() != Some(expected) {
                let found = self.quote(self.peek());
                let clause = if with { "with" } else { "without" };
                return Err(format!("expected `{clause} time zone`, found {found}"));
            }
            self.advance();
        }
        Ok(Some(with))
    }

    /// The number of array dimensions: `[]` or `[n]` any number of times, or one SQL-standard
    /// `array` / `array[n]`. Sizes are checked to be numbers and then dropped (see module docs).
    fn array_dimensions(&mut self) -> Result<usize, String> {
        if self.peek_word() == Some("array") {
            self.advance();
            if self.peek().map(|t| &t.kind) == Some(&TokenKind::OpenBracket) {
                self.array_brackets()?;
            }
            return Ok(1);
        }
        let mut dimensions = 0;
        while self.peek().map(|t| &t.kind) == Some(&TokenKind::OpenBracket) {
            self.array_brackets()?;
            dimensions += 1;
        }
        Ok(dimensions)
    }

    /// One `[ ]` or `[n]`, the opening bracket being next.
    fn array_brackets(&mut self) -> Result<(), String> {
        self.advance();
        if self.peek().map(|t| &t.kind) != Some(&TokenKind::CloseBracket) {
            self.number("as an array size")?;
        }
        let next = self.advance();
        if next.as_ref().map(|t| &t.kind) != Some(&TokenKind::CloseBracket) {
            return Err(format!(
                "expected `]` after the array size, found {}",
                self.quote(next.as_ref())
            ));
        }
        Ok(())
    }
}

/// Parse `input`; `suggest` is false when parsing a candidate suggestion, so that a failing
/// candidate does not look for suggestions of its own.
fn parse(input: &str, suggest: bool) -> Result<SqlType, ParseTypeError> {
    let input = input.trim();
    let invalid = |reason: String| {
        ParseTypeError::Invalid(InvalidType {
            input: input.to_string(),
            reason,
        })
    };
    if input.is_empty() {
        return Err(invalid("the type is empty".into()));
    }
    let tokens = tokenize(input).map_err(invalid)?;
    check_balance(&tokens).map_err(invalid)?;
    let mut parser = Parser {
        input,
        tokens,
        pos: 0,
    };
    let (name, start, end) = parser.type_name().map_err(invalid)?;
    let Some(base) = NAMES.iter().find(|(n, _)| *n == name).map(|(_, b)| b) else {
        return Err(ParseTypeError::Unknown(UnknownType {
            input: input.to_string(),
            suggestion: if suggest {
                suggestion(input, start, end, &name)
            } else {
                None
            },
        }));
    };
    if matches!(base, Base::Interval)
        && parser
            .peek()
            .is_some_and(|t| t.kind != TokenKind::OpenBracket)
        && parser.peek_word() != Some("array")
    {
        return Err(invalid(
            "interval precision and field restrictions (such as `interval(3)` or \
             `interval day to second`) are not supported; use `interval`"
                .into(),
        ));
    }
    let parameters = parser.parameters(&name).map_err(invalid)?;
    let time_zone = parser.time_zone_clause().map_err(invalid)?;
    let mut ty = apply(base, &name, parameters.as_deref(), time_zone).map_err(invalid)?;
    let dimensions = parser.array_dimensions().map_err(invalid)?;
    if dimensions > 0 && matches!(base, Base::Serial(_)) {
        return Err(invalid(format!(
            "`{name}` is a column shorthand, not a type, and PostgreSQL has no arrays of it; \
             use `{ty}[]`"
        )));
    }
    for _ in 0..dimensions {
        ty = SqlType::Array(Box::new(ty));
    }
    if let Some(token) = parser.peek() {
        return Err(invalid(format!("unexpected {}", parser.quote(Some(token)))));
    }
    Ok(ty)
}

/// Check a name's parameters and time zone clause, and build the type they describe.
fn apply(
    base: &Base,
    name: &str,
    parameters: Option<&[u32]>,
    time_zone: Option<bool>,
) -> Result<SqlType, String> {
    let parameters = parameters.unwrap_or(&[]);
    if time_zone.is_some() && !matches!(base, Base::Time | Base::Timestamp) {
        let clause = if time_zone == Some(true) {
            "with"
        } else {
            "without"
        };
        return Err(format!(
            "`{clause} time zone` only applies to `time` and `timestamp`, not `{name}`"
        ));
    }
    let at_most = |most: usize, what: &str| {
        if parameters.len() > most {
            Err(format!(
                "`{name}` takes {what}, got {} parameters",
                parameters.len()
            ))
        } else {
            Ok(())
        }
    };
    let length = |what: &str| -> Result<Option<u32>, String> {
        at_most(1, "one parameter (a length)")?;
        match parameters.first() {
            Some(&n) if (1..=MAX_LENGTH).contains(&n) => Ok(Some(n)),
            Some(n) => Err(format!(
                "the length of {what} must be between 1 and {MAX_LENGTH}, got {n}"
            )),
            None => Ok(None),
        }
    };
    let precision = || -> Result<Option<u32>, String> {
        at_most(1, "one parameter (a fractional-second precision)")?;
        match parameters.first() {
            Some(&p) if p <= MAX_TIME_PRECISION => Ok(Some(p)),
            Some(p) => Err(format!(
                "the precision of `{name}` must be between 0 and {MAX_TIME_PRECISION}, got {p}"
            )),
            None => Ok(None),
        }
    };
    Ok(match base {
        Base::Plain(ty) | Base::Serial(ty) => {
            if !parameters.is_empty() {
                return Err(format!("`{name}` does not take parameters"));
            }
            ty.clone()
        }
        Base::Numeric => {
            at_most(2, "at most two parameters (precision, scale)")?;
            match *parameters {
                [] => SqlType::Numeric {
                    precision: None,
                    scale: None,
                },
                [p, ..] if !(1..=MAX_NUMERIC_PRECISION).contains(&p) => {
                    return Err(format!(
                        "the precision of numeric must be between 1 and \
                         {MAX_NUMERIC_PRECISION}, got {p}"
                    ));
                }
                [p, s] if s > p => {
                    return Err(format!(
                        "the scale of numeric ({s}) cannot exceed its precision ({p})"
                    ));
                }
                [p, s] => SqlType::Numeric {
                    precision: Some(p),
                    scale: Some(s),
                },
                // `numeric(p)` is `numeric(p,0)`, as PostgreSQL's catalogue records it.
                [p, ..] => SqlType::Numeric {
                    precision: Some(p),
                    scale: Some(0),
                },
            }
        }
        Base::Float => {
            at_most(1, "one parameter (a precision in bits)")?;
            // PostgreSQL picks the float type by the binary digits asked for.
            match parameters.first() {
                None => SqlType::DoublePrecision,
                Some(1..=24) => SqlType::Real,
                Some(25..=53) => SqlType::DoublePrecision,
                Some(p) => {
                    return Err(format!(
                        "the precision of float must be between 1 and 53 bits, got {p}"
                    ));
                }
            }
        }
        Base::Varchar => SqlType::Varchar(length("varchar")?),
        // PostgreSQL reads `char` without a length as `char(1)`.
        Base::Char => SqlType::Char(Some(length("char")?.unwrap_or(1))),
        Base::Bpchar => SqlType::Char(length("bpchar")?),
        Base::Time if time_zone == Some(true) => SqlType::Timetz {
            precision: precision()?,
        },
        Base::Time => SqlType::Time {
            precision: precision()?,
        },
        Base::Timetz => SqlType::Timetz {
            precision: precision()?,
        },
        Base::Timestamp if time_zone == Some(true) => SqlType::Timestamptz {
            precision: precision()?,
        },
        Base::Timestamp => SqlType::Timestamp {
            precision: precision()?,
        },
        Base::Timestamptz => SqlType::Timestamptz {
            precision: precision()?,
        },
        Base::Interval => SqlType::Interval,
    })
}

/// The supported type the user most likely meant by the unknown `name` at `start..end` of `input`,
/// spelled canonically with the rest of the input kept (`varchr(20)` → `varchar(20)`).
fn suggestion(input: &str, start: usize, end: usize, name: &str) -> Option<String> {
    if UNSUPPORTED_POSTGRES_NAMES.contains(&name) {
        return None;
    }
    let candidate = match FOREIGN_NAMES.iter().find(|(foreign, _)| *foreign == name) {
        Some((_, postgres)) => *postgres,
        None => {
            // Short names get one edit: two would turn almost any three-letter word into a type.
            let limit = if name.chars().count() <= 4 { 1 } else { 2 };
            let (distance, candidate) = NAMES
                .iter()
                .map(|(candidate, _)| (crate::suggest::edit_distance(name, candidate), *candidate))
                .min_by_key(|(distance, _)| *distance)?;
            if distance > limit {
                return None;
            }
            candidate
        }
    };
    let spliced = format!("{}{candidate}{}", &input[..start], &input[end..]);
    let canonical = |s: &str| parse(s, false).ok().map(|ty| ty.to_string());
    canonical(&spliced)
        .or_else(|| canonical(candidate))
        .or_else(|| Some(candidate.to_string()))
}

#[cfg(test)]
pub(crate) mod tests;
