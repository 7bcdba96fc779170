//! ECMA-262 regular expressions (JSON Schema's `pattern` dialect) rewritten in `regex-syntax`'s
//! syntax, so the same string set is parsed by a parser that builds automata.
//!
//! Every literal character is written as `\x{…}`, so no character means something else to
//! `regex-syntax` than it meant to ECMA-262; the class escapes get ECMA's ASCII meanings
//! (`\d` = `[0-9]`, `\w` = `[A-Za-z0-9_]`), `\s` ECMA's white space and line terminators, and
//! `.` everything but a line terminator. What an automaton cannot express (backreferences,
//! lookahead and lookbehind, word boundaries) and what the two dialects read differently
//! (inline flags, letters escaped for no reason) is refused with the reason.

use std::fmt::Write;

/// ECMA-262's `\s`: WhiteSpace and LineTerminator, as inclusive ranges.
const SPACE: &[(u32, u32)] = &[
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
/// What `.` matches: everything but `\n`, `\r`, U+2028 and U+2029.
const DOT: &str = r"[^\x{A}\x{D}\x{2028}\x{2029}]";

/// The `regex-syntax` spelling of `source`, or why it cannot be compared.
pub(super) fn translate(source: &str) -> Result<String, String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '\\' => {
                let atom = escape(&chars, &mut i, false)?;
                atom.write_outside(&mut out);
            }
            '[' => class(&chars, &mut i, &mut out)?,
            '.' => out.push_str(DOT),
            '(' => group(&chars, &mut i, &mut out)?,
            ')' | '|' | '*' | '+' | '?' | '^' | '$' => out.push(c),
            '{' => match quantifier_len(&chars[i..]) {
                // A counted repetition: copied as is (digits, a comma, the brace).
                Some(len) => {
                    out.push('{');
                    out.extend(&chars[i..i + len]);
                    i += len;
                }
                // Annex B: a brace that starts no quantifier is a literal.
                None => literal(&mut out, '{'),
            },
            _ => literal(&mut out, c),
        }
    }
    Ok(out)
}

/// The length of `digits[,digits]}` at the start of `rest` (after a `{`), if it is one.
fn quantifier_len(rest: &[char]) -> Option<usize> {
    let digits = |from: usize| {
        rest[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let first = digits(0);
    if first == 0 {
        return None;
    }
    let mut at = first;
    if rest.get(at) == Some(&',') {
        at += 1 + digits(at + 1);
    }
    (rest.get(at) == Some(&'}')).then_some(at + 1)
}

fn group(chars: &[char], i: &mut usize, out: &mut String) -> Result<(), String> {
    if chars.get(*i) != Some(&'?') {
        // Captures do not change the language; a non-capturing group keeps the NFA small.
        out.push_str("(?:");
        return Ok(());
    }
    let after = |n: usize| chars.get(*i + n).copied();
    match (after(1), after(2)) {
        (Some(':'), _) => {
            *i += 2;
            out.push_str("(?:");
            Ok(())
        }
        (Some('=' | '!'), _) => Err("lookahead `(?=…)`/`(?!…)` cannot be modelled".into()),
        (Some('<'), Some('=' | '!')) => {
            Err("lookbehind `(?<=…)`/`(?<!…)` cannot be modelled".into())
        }
        (Some('<'), _) => {
            // A named group: the name does not change the language.
            let close = chars[*i..]
                .iter()
                .position(|c| *c == '>')
                .ok_or("a named group without its closing `>`")?;
            *i += close + 1;
            out.push_str("(?:");
            Ok(())
        }
        _ => Err("ECMA-262 has no `(?` group of this kind (inline flags are not ECMA-262)".into()),
    }
}

/// One thing an escape stands for.
enum Atom {
    Char(char),
    /// A set of characters (`\d`, `\S`…), as ranges, and whether it is complemented.
    Set(&'static [(u32, u32)], bool),
    /// A Unicode property, passed to `regex-syntax` as written (`\p{L}`, `\P{Script=Greek}`).
    Property(String),
}

impl Atom {
    fn write_outside(&self, out: &mut String) {
        match self {
            Atom::Char(c) => literal(out, *c),
            Atom::Set(ranges, negated) => set(out, ranges, *negated),
            Atom::Property(text) => out.push_str(text),
        }
    }
}

fn literal(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c);
    } else {
        let _ = write!(out, "\\x{{{:X}}}", c as u32);
    }
}

/// A set as a (nestable) `regex-syntax` class.
fn set(out: &mut String, ranges: &[(u32, u32)], negated: bool) {
    out.push('[');
    if negated {
        out.push('^');
    }
    for (start, end) in ranges {
        let _ = write!(out, "\\x{{{start:X}}}-\\x{{{end:X}}}");
    }
    out.push(']');
}

/// Reads the escape after a backslash (at `chars[*i]`).
fn escape(chars: &[char], i: &mut usize, in_class: bool) -> Result<Atom, String> {
    let Some(&c) = chars.get(*i) else {
        return Err("the pattern ends with a lone `\\`".into());
    };
    *i += 1;
    let hex = |from: usize, len: usize| -> Option<u32> {
        let digits: String = chars.get(from..from + len)?.iter().collect();
        if digits.chars().all(|d| d.is_ascii_hexdigit()) {
            u32::from_str_radix(&digits, 16).ok()
        } else {
            None
        }
    };
    let atom = match c {
        'd' => Atom::Set(DIGIT, false),
        'D' => Atom::Set(DIGIT, true),
        'w' => Atom::Set(WORD, false),
        'W' => Atom::Set(WORD, true),
        's' => Atom::Set(SPACE, false),
        'S' => Atom::Set(SPACE, true),
        't' => Atom::Char('\t'),
        'n' => Atom::Char('\n'),
        'r' => Atom::Char('\r'),
        'v' => Atom::Char('\u{B}'),
        'f' => Atom::Char('\u{C}'),
        'b' if in_class => Atom::Char('\u{8}'),
        'b' | 'B' => return Err("a word boundary `\\b`/`\\B` cannot be modelled".into()),
        '0' if !chars.get(*i).is_some_and(char::is_ascii_digit) => Atom::Char('\0'),
        '0'..='9' => return Err(format!("a backreference `\\{c}` cannot be modelled")),
        'k' => return Err("a named backreference `\\k<…>` cannot be modelled".into()),
        'c' => match chars.get(*i) {
            Some(letter) if letter.is_ascii_alphabetic() => {
                *i += 1;
                Atom::Char(char::from(*letter as u8 % 32))
            }
            _ => return Err("`\\c` without a control letter".into()),
        },
        'x' => match hex(*i, 2) {
            Some(code) => {
                *i += 2;
                Atom::Char(char::from_u32(code).ok_or("an invalid `\\x` escape")?)
            }
            None => Atom::Char('x'),
        },
        'u' => unicode_escape(chars, i, &hex)?,
        'p' | 'P' => {
            let close = chars[*i..]
                .iter()
                .position(|c| *c == '}')
                .filter(|_| chars.get(*i) == Some(&'{'))
                .ok_or("`\\p` without `{…}`")?;
            let body: String = chars[*i..*i + close + 1].iter().collect();
            *i += close + 1;
            Atom::Property(format!("\\{c}{body}"))
        }
        // Letters escaped for nothing are read differently by the two dialects (`\z`, `\A`).
        c if c.is_ascii_alphanumeric() => {
            return Err(format!("the escape `\\{c}` is not ECMA-262"));
        }
        // An identity escape: the character itself (`\.`, `\/`, `\-`).
        c => Atom::Char(c),
    };
    Ok(atom)
}

/// `\uHHHH` (joining a surrogate pair), `\u{H…}`, or a plain `u` (Annex B).
fn unicode_escape(
    chars: &[char],
    i: &mut usize,
    hex: &dyn Fn(usize, usize) -> Option<u32>,
) -> Result<Atom, String> {
    if chars.get(*i) == Some(&'{') {
        let close = chars[*i..]
            .iter()
            .position(|c| *c == '}')
            .ok_or("`\\u{` without `}`")?;
        let digits: String = chars[*i + 1..*i + close].iter().collect();
        *i += close + 1;
        let code = u32::from_str_radix(&digits, 16).map_err(|_| "an invalid `\\u{…}` escape")?;
        return char::from_u32(code)
            .map(Atom::Char)
            .ok_or_else(|| "a `\\u{…}` escape that is no character".into());
    }
    let Some(unit) = hex(*i, 4) else {
        return Ok(Atom::Char('u'));
    };
    *i += 4;
    if (0xD800..0xDC00).contains(&unit)
        && chars.get(*i) == Some(&'\\')
        && chars.get(*i + 1) == Some(&'u')
        && let Some(low) = hex(*i + 2, 4).filter(|low| (0xDC00..0xE000).contains(low))
    {
        *i += 6;
        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        return char::from_u32(code)
            .map(Atom::Char)
            .ok_or_else(|| "an invalid surrogate pair".into());
    }
    char::from_u32(unit)
        .map(Atom::Char)
        .ok_or_else(|| "a lone surrogate `\\uD8xx` cannot be modelled on text".into())
}

/// One member of a character class.
enum Member {
    Atom(Atom),
    Range(char, char),
}

/// A class `[…]` (after its `[`), written with every member spelled out.
fn class(chars: &[char], i: &mut usize, out: &mut String) -> Result<(), String> {
    let negated = chars.get(*i) == Some(&'^');
    if negated {
        *i += 1;
    }
    let mut members: Vec<Member> = Vec::new();
    loop {
        let Some(&c) = chars.get(*i) else {
            return Err("a class `[` without its `]`".into());
        };
        *i += 1;
        let atom = match c {
            ']' => break,
            '\\' => escape(chars, i, true)?,
            c => Atom::Char(c),
        };
        // `a-z` is a range unless `-` ends the class; beside a class escape it is a literal
        // (Annex B).
        let dash_then_end =
            chars.get(*i) == Some(&'-') && chars.get(*i + 1).is_some_and(|next| *next != ']');
        if let (Atom::Char(start), true) = (&atom, dash_then_end) {
            let mut j = *i + 1;
            let end = match chars[j] {
                '\\' => {
                    j += 1;
                    escape(chars, &mut j, true)?
                }
                other => {
                    j += 1;
                    Atom::Char(other)
                }
            };
            if let Atom::Char(end) = end {
                if end < *start {
                    return Err(format!("the class range `{start}-{end}` is out of order"));
                }
                members.push(Member::Range(*start, end));
                *i = j;
                continue;
            }
            members.push(Member::Atom(atom));
            members.push(Member::Atom(Atom::Char('-')));
            members.push(Member::Atom(end));
            *i = j;
            continue;
        }
        members.push(Member::Atom(atom));
    }
    if members.is_empty() {
        // `[]` matches nothing and `[^]` any character.
        set(out, &[(0, 0x10FFFF)], !negated);
        return Ok(());
    }
    out.push('[');
    if negated {
        out.push('^');
    }
    for member in members {
        match member {
            Member::Range(a, b) => {
                let _ = write!(out, "\\x{{{:X}}}-\\x{{{:X}}}", a as u32, b as u32);
            }
            Member::Atom(Atom::Char(c)) => {
                let _ = write!(out, "\\x{{{:X}}}", c as u32);
            }
            Member::Atom(Atom::Set(ranges, negated)) => set(out, ranges, negated),
            Member::Atom(Atom::Property(text)) => out.push_str(&text),
        }
    }
    out.push(']');
    Ok(())
}
