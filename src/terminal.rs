//! Text from a file made safe for a terminal: control characters (ESC, NUL, the rest of C0,
//! DEL and C1) written as visible escapes, so a contract cannot move the cursor, clear the
//! screen, retitle the window or hide a line of a CI log. Newlines and tabs stay; so does the
//! carriage return of a CRLF line ending.

use std::borrow::Cow;
use std::fmt::Write;

fn is_escaped(c: char, next: Option<char>) -> bool {
    c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && next == Some('\n'))
}

/// `text` with every control character written as `\u{1b}`; borrowed when there is none.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    match escape_mapped(text) {
        None => Cow::Borrowed(text),
        Some(escaped) => Cow::Owned(escaped.text),
    }
}

/// A text with its control characters escaped, and how to find an offset of the original in it.
pub struct Escaped {
    pub text: String,
    /// For each escaped character: its offset in the original, and how many bytes longer the
    /// escaped text is from just after it on.
    shifts: Vec<(usize, usize)>,
}

impl Escaped {
    /// Where the byte at `offset` of the original text is in the escaped text.
    pub fn offset(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|&(at, _)| at < offset);
        match before {
            0 => offset,
            n => offset + self.shifts[n - 1].1,
        }
    }
}

/// The escaped text and its offset map, or `None` when `text` has nothing to escape (the
/// common case, found by one scan without allocating).
pub fn escape_mapped(text: &str) -> Option<Escaped> {
    let mut chars = text.char_indices().peekable();
    let first = loop {
        let (at, c) = chars.next()?;
        if is_escaped(c, chars.peek().map(|&(_, next)| next)) {
            break at;
        }
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut shifts = Vec::new();
    let mut extra = 0;
    let mut chars = text[first..].char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if is_escaped(c, chars.peek().map(|&(_, next)| next)) {
            let start = out.len();
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
            extra += out.len() - start - c.len_utf8();
            shifts.push((first + at, extra));
        } else {
            out.push(c);
        }
    }
    Some(Escaped { text: out, shifts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_and_the_rest_stays() {
        assert_eq!(escape_controls("plain\ttext\n"), "plain\ttext\n");
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls("a\u{1b}[2Jb\0c\u{7f}d\u{9b}e\rf\r\n"),
            "a\\u{1b}[2Jb\\u{0}c\\u{7f}d\\u{9b}e\\u{d}f\r\n"
        );
    }

    #[test]
    fn offsets_of_the_original_land_on_the_same_character() {
        let text = "ab\u{1b}cd\u{9b}é\0f";
        let escaped = escape_mapped(text).unwrap();
        for (at, c) in text.char_indices() {
            if c.is_control() {
                continue;
            }
            let moved = escaped.offset(at);
            assert_eq!(escaped.text[moved..].chars().next(), Some(c), "{at}");
        }
        assert_eq!(escaped.offset(text.len()), escaped.text.len());
    }
}
