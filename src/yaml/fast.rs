//! The fast path: a hand-written parser for the YAML that contracts and the release lock use.
//!
//! It reads block mappings and sequences, one-line plain and quoted scalars, flow collections
//! (one line, or a whole JSON document) and literal and folded block scalars, and builds exactly
//! the tree, locations included, that the event-based builder makes of the same text. Anything
//! outside that subset, anything it is not sure of, and every error, returns `None`: the
//! reference path then parses the text, so errors, limits, anchors, tags and every other YAML
//! feature keep coming from granit. The differential tests next to it hold it to that.
//!
//! Locations follow granit's conventions: a block mapping starts at its first key with length 0;
//! a block sequence at its first `-` with length 0, or, when it sits in a mapping at the key's
//! own indentation, after that `-` and its spaces; a flow collection is its opening bracket; a
//! quoted scalar includes its quotes; an empty value is a zero-length null at the `:` of its key,
//! or after the `-` and its spaces; a block scalar runs from its first content character over
//! the blank lines after it and the next line's indentation up to the scalar's own.

use super::{Loc, MAX_DEPTH, Node, NodeValue, is_duplicate, key_identity, resolve_plain};
use std::collections::HashSet;

/// Longest implicit key (up to its `:`) taken here: YAML caps simple keys at 1024 characters.
const MAX_KEY_LEN: usize = 1000;

/// Parses `text` if it stays in the subset; `None` means "ask the reference parser".
pub(super) fn parse(text: &str, max_nodes: usize) -> Option<Node> {
    if !plain_text(text) {
        return None;
    }
    let mut parser = Fast {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        line_start: 0,
        nodes: 0,
        max_nodes,
        ascii: text.is_ascii(),
        items: Vec::new(),
        entries: Vec::new(),
    };
    parser.document()
}

/// No tab, carriage return, other control character, byte order mark or Unicode line break, and
/// no document marker but a `---` on the first line: what the parser below never has to handle.
fn plain_text(text: &str) -> bool {
    // Without a branch per byte the scan vectorises: it reads every byte of every file.
    let control = text.as_bytes().chunks(256).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | ((b < 0x20) & (b != b'\n')) | (b == 0x7f)
        })
    });
    if control {
        return false;
    }
    if !text.is_ascii()
        && text.chars().any(|c| {
            matches!(
                c,
                '\u{80}'
                    ..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
        })
    {
        return false;
    }
    !text.starts_with("...") && !text.contains("\n...") && !text.contains("\n---")
}

/// Whether a plain scalar may start with this byte (0 is the end of the text; indicators may
/// not start one; `-` is checked apart).
fn plain_start(byte: u8) -> bool {
    !matches!(
        byte,
        0 | b' '
            | b'\n'
            | b'-'
            | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// The bytes that may end a plain scalar, outside and inside brackets; the scan skips the rest
/// without looking twice.
const BLOCK_STOPS: [bool; 256] = stops(b"\n:#");
const FLOW_STOPS: [bool; 256] = stops(b"\n:#,[]{}");

const fn stops(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

fn flow_indicator(byte: u8) -> bool {
    matches!(byte, b',' | b'[' | b']' | b'{' | b'}')
}

/// Plain scalars end differently inside and outside brackets.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    Block,
    Flow,
}

struct Fast<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// 1-based line of `pos`, and where that line starts.
    line: u32,
    line_start: usize,
    nodes: usize,
    max_nodes: usize,
    /// Columns count characters; in an ASCII text they are bytes.
    ascii: bool,
    /// The items and entries of the collections being read, innermost last: each collection
    /// gets one allocation of its exact size when it ends, not a growing vector of its own.
    items: Vec<Node>,
    entries: Vec<(String, Loc, Node)>,
}

impl Fast<'_> {
    /// The byte at `at`, or 0 past the end (the text holds no NUL).
    fn byte(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(0)
    }

    fn peek(&self) -> u8 {
        self.byte(self.pos)
    }

    /// The location of `start..end`, which must begin on the current line.
    fn loc(&self, start: usize, end: usize) -> Loc {
        let column = if self.ascii {
            start - self.line_start
        } else {
            self.text[self.line_start..start].chars().count()
        };
        Loc {
            line: self.line,
            column: column as u32 + 1,
            offset: start,
            len: end - start,
        }
    }

    /// Counts a node against the budget; past it, the reference reports the error.
    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= self.max_nodes).then_some(())
    }

    /// Steps over the line break at `pos`.
    fn newline(&mut self) {
        self.pos += 1;
        self.line += 1;
        self.line_start = self.pos;
    }

    fn skip_spaces(&mut self) {
        while self.peek() == b' ' {
            self.pos += 1;
        }
    }

    /// Whether a block sequence entry (`-` then a space or the line's end) starts at `at`.
    fn is_entry(&self, at: usize) -> bool {
        self.byte(at) == b'-' && matches!(self.byte(at + 1), b' ' | b'\n' | 0)
    }

    /// Finishes a line: spaces, an optional comment, then the line break or the end.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_spaces();
        if self.peek() == b'#' {
            if self.pos > self.line_start && self.byte(self.pos - 1) != b' ' {
                return None;
            }
            while !matches!(self.peek(), b'\n' | 0) {
                self.pos += 1;
            }
        }
        match self.peek() {
            b'\n' => self.newline(),
            0 => {}
            _ => return None,
        }
        Some(())
    }

    /// From the start of a line, skips blank and comment lines; the indentation of the next
    /// line with content (`pos` stays at its start), or `None` at the end of the text.
    fn next_indent(&mut self) -> Option<usize> {
        loop {
            let spaces = self.bytes[self.pos..]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            match self.byte(self.pos + spaces) {
                0 => {
                    self.pos = self.bytes.len();
                    return None;
                }
                b'\n' => {
                    self.pos += spaces;
                    self.newline();
                }
                b'#' => {
                    self.pos += spaces;
                    while !matches!(self.peek(), b'\n' | 0) {
                        self.pos += 1;
                    }
                    if self.peek() == 0 {
                        return None;
                    }
                    self.newline();
                }
                _ => return Some(spaces),
            }
        }
    }

    fn document(&mut self) -> Option<Node> {
        if self.text.starts_with("---") {
            self.pos = 3;
            if !matches!(self.peek(), b' ' | b'\n' | 0) {
                return None;
            }
            self.end_of_line()?;
        }
        let indent = self.next_indent()?;
        self.pos += indent;
        let root = match self.peek() {
            b'[' | b'{' => {
                let node = self.flow_node(0, -1)?;
                self.end_of_line()?;
                node
            }
            _ if self.is_entry(self.pos) => self.block_seq(indent, 0, false)?,
            _ => self.block_map(indent, 0)?,
        };
        match self.next_indent() {
            None => Some(root),
            Some(_) => None,
        }
    }

    /// A block collection whose first entry starts at `pos`, in column `indent`.
    fn block_node(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if self.is_entry(self.pos) {
            self.block_seq(indent, depth, false)
        } else {
            self.block_map(indent, depth)
        }
    }

    /// A block mapping whose first key starts at `pos`, in column `indent`.
    fn block_map(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.count()?;
        let loc = self.loc(self.pos, self.pos);
        let base = self.entries.len();
        let mut keys = None;
        loop {
            let ((key, identity), key_loc) = self.block_key()?;
            add_key(&self.entries[base..], &mut keys, &key, identity)?;
            let value = self.block_value(indent, depth + 1)?;
            self.entries.push((key, key_loc, value));
            match self.next_indent() {
                Some(next) if next == indent => self.pos += next,
                Some(next) if next > indent => return None,
                _ => break,
            }
        }
        Some(Node {
            value: NodeValue::Map(self.entries.split_off(base)),
            loc,
        })
    }

    /// A block sequence whose first `-` is at `pos`, in column `indent`. An indentless one (the
    /// value of a key in the same column) is located after its first `-` and spaces.
    fn block_seq(&mut self, indent: usize, depth: usize, indentless: bool) -> Option<Node> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.count()?;
        let mut loc = self.loc(self.pos, self.pos);
        let base = self.items.len();
        loop {
            self.pos += 1;
            self.skip_spaces();
            let after = self.pos;
            if indentless && self.items.len() == base {
                if self.peek() == b'#' {
                    return None;
                }
                loc = self.loc(after, after);
            }
            let item = match self.peek() {
                b'\n' | 0 | b'#' => {
                    let empty = self.loc(after, after);
                    let commented = self.peek() == b'#';
                    self.end_of_line()?;
                    match self.next_indent() {
                        Some(next) if next > indent => {
                            self.pos += next;
                            self.block_node(next, depth + 1)?
                        }
                        // Granit puts this null after the comment; not worth copying.
                        _ if commented => return None,
                        _ => {
                            self.count()?;
                            Node {
                                value: NodeValue::Null,
                                loc: empty,
                            }
                        }
                    }
                }
                _ if self.is_entry(self.pos) => {
                    self.block_seq(self.pos - self.line_start, depth + 1, false)?
                }
                _ if self.starts_key() => self.block_map(self.pos - self.line_start, depth + 1)?,
                _ => self.inline_value(indent, depth + 1)?,
            };
            self.items.push(item);
            match self.next_indent() {
                Some(next) if next == indent && self.is_entry(self.pos + next) => self.pos += next,
                Some(next) if next > indent => return None,
                _ => break,
            }
        }
        Some(Node {
            value: NodeValue::Seq(self.items.split_off(base)),
            loc,
        })
    }

    /// Whether the scalar at `pos` is followed by `:` and a space or the line's end.
    fn starts_key(&self) -> bool {
        let end = match self.peek() {
            b'"' | b'\'' => match self.quoted_end(self.pos) {
                Some(end) => end,
                None => return false,
            },
            _ => match self.plain_end(self.pos, Context::Block) {
                Some(end) => end,
                None => return false,
            },
        };
        let colon = end + self.bytes[end..].iter().take_while(|&&b| b == b' ').count();
        self.byte(colon) == b':' && matches!(self.byte(colon + 1), b' ' | b'\n' | 0)
    }

    /// A key of a block mapping and its `:`; leaves `pos` after the `:`.
    fn block_key(&mut self) -> Option<((String, Option<String>), Loc)> {
        let start = self.pos;
        let key = self.scalar(Context::Block)?;
        self.skip_spaces();
        if self.peek() != b':'
            || !matches!(self.byte(self.pos + 1), b' ' | b'\n' | 0)
            || self.pos - start > MAX_KEY_LEN
        {
            return None;
        }
        self.pos += 1;
        let text = self.key_text(key)?;
        (text.0.0 != "<<").then_some(text)
    }

    /// The value after a block mapping key's `:` (at `pos`); `indent` is the mapping's column.
    /// Leaves `pos` at the start of a line.
    fn block_value(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let colon = self.pos - 1;
        self.skip_spaces();
        if !matches!(self.peek(), b'\n' | 0 | b'#') {
            return self.inline_value(indent, depth);
        }
        let empty = self.loc(colon, colon);
        self.end_of_line()?;
        match self.next_indent() {
            Some(next) if next > indent => {
                self.pos += next;
                self.block_node(next, depth)
            }
            Some(next) if next == indent && self.is_entry(self.pos + next) => {
                self.pos += next;
                self.block_seq(next, depth, true)
            }
            _ => {
                self.count()?;
                Some(Node {
                    value: NodeValue::Null,
                    loc: empty,
                })
            }
        }
    }

    /// A value that starts on the current line, inside a block collection in column `indent`;
    /// leaves `pos` at the start of a line.
    fn inline_value(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let node = match self.peek() {
            b'|' | b'>' => return self.block_scalar(indent),
            b'[' | b'{' => self.flow_node(depth, indent as isize)?,
            _ => self.scalar(Context::Block)?,
        };
        self.end_of_line()?;
        Some(node)
    }

    /// A one-line scalar at `pos`: quoted, or plain and resolved by the core schema.
    fn scalar(&mut self, context: Context) -> Option<Node> {
        let start = self.pos;
        let value = match self.peek() {
            b'"' | b'\'' => {
                let (text, end) = self.quoted(start)?;
                self.pos = end;
                NodeValue::String(text)
            }
            _ => {
                let end = self.plain_end(start, context)?;
                self.pos = end;
                // A number JSON cannot hold is the reference's error to report.
                resolve_plain(&self.text[start..end]).ok()?
            }
        };
        self.count()?;
        Some(Node {
            value,
            loc: self.loc(start, self.pos),
        })
    }

    /// The end of the plain scalar starting at `start`, trailing spaces excluded; `None` if no
    /// plain scalar this parser is sure of starts there.
    fn plain_end(&self, start: usize, context: Context) -> Option<usize> {
        let first = self.byte(start);
        let next = self.byte(start + 1);
        let starts = plain_start(first)
            || first == b'-'
                && !matches!(next, b' ' | b'\n' | 0)
                && !(context == Context::Flow && flow_indicator(next));
        if !starts {
            return None;
        }
        let stops = match context {
            Context::Block => &BLOCK_STOPS,
            Context::Flow => &FLOW_STOPS,
        };
        let mut end = start + 1;
        loop {
            end += self.bytes[end..]
                .iter()
                .position(|&b| stops[usize::from(b)])
                .unwrap_or(self.bytes.len() - end);
            match self.byte(end) {
                0 | b'\n' => break,
                b':' if context == Context::Flow
                    || matches!(self.byte(end + 1), b' ' | b'\n' | 0) =>
                {
                    break;
                }
                b'#' if self.byte(end - 1) == b' ' => break,
                byte if context == Context::Flow && flow_indicator(byte) => break,
                _ => end += 1,
            }
        }
        while self.byte(end - 1) == b' ' {
            end -= 1;
        }
        Some(end)
    }

    /// The end (after the closing quote) of the one-line quoted scalar at `start`.
    fn quoted_end(&self, start: usize) -> Option<usize> {
        let quote = self.byte(start);
        let mut at = start + 1;
        loop {
            match self.byte(at) {
                0 | b'\n' => return None,
                // An escaped line break continues the scalar on the next line.
                b'\\' if quote == b'"' && matches!(self.byte(at + 1), b'\n' | 0) => return None,
                b'\\' if quote == b'"' => at += 2,
                b'\'' if quote == b'\'' && self.byte(at + 1) == b'\'' => at += 2,
                byte if byte == quote => return Some(at + 1),
                _ => at += 1,
            }
        }
    }

    /// The value and end of the one-line quoted scalar at `start`.
    fn quoted(&self, start: usize) -> Option<(String, usize)> {
        let end = self.quoted_end(start)?;
        let raw = &self.text[start + 1..end - 1];
        let text = if self.byte(start) == b'\'' {
            raw.replace("''", "'")
        } else if raw.contains('\\') {
            unescape(raw)?
        } else {
            raw.to_string()
        };
        Some((text, end))
    }

    /// A `|`, `|-`, `>` or `>-` block scalar whose header is at `pos`, inside a block
    /// collection in column `indent`; leaves `pos` at the start of the line after it.
    fn block_scalar(&mut self, indent: usize) -> Option<Node> {
        let literal = self.peek() == b'|';
        self.pos += 1;
        let strip = self.peek() == b'-';
        if strip {
            self.pos += 1;
        }
        // Keep chomping (`+`) and indentation indicators are left to the reference.
        if !matches!(self.peek(), b' ' | b'\n' | 0) {
            return None;
        }
        self.end_of_line()?;
        let width = self.bytes[self.pos..]
            .iter()
            .take_while(|&&b| b == b' ')
            .count();
        // Leading blank lines and empty scalars are left to the reference too.
        if width <= indent || matches!(self.byte(self.pos + width), b'\n' | 0) {
            return None;
        }
        let start = self.pos + width;
        let loc = self.loc(start, start);
        let mut value = String::new();
        let mut blank_lines = 0;
        let end = loop {
            let spaces = self.bytes[self.pos..]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            match self.byte(self.pos + spaces) {
                0 => {
                    if spaces > width {
                        return None;
                    }
                    self.pos = self.bytes.len();
                    break self.pos;
                }
                b'\n' => {
                    if spaces > width {
                        return None;
                    }
                    blank_lines += 1;
                    self.pos += spaces;
                    self.newline();
                    continue;
                }
                _ if spaces < width => break self.pos + spaces,
                // More-indented lines fold differently; the reference knows how.
                _ if !literal && spaces > width => return None,
                _ => {}
            }
            if self.pos + width > start {
                let separator = match (literal, blank_lines) {
                    (false, 0) => " ",
                    (false, n) => &"\n".repeat(n),
                    (true, n) => &"\n".repeat(n + 1),
                };
                value.push_str(separator);
            }
            blank_lines = 0;
            let from = self.pos + width;
            // A last line without its break: chomping it is not worth getting right.
            let to = from + self.bytes[from..].iter().position(|&b| b == b'\n')?;
            value.push_str(&self.text[from..to]);
            self.pos = to;
            self.newline();
        };
        if !strip {
            value.push('\n');
        }
        self.count()?;
        Some(Node {
            value: NodeValue::String(value),
            loc: Loc {
                len: end - start,
                ..loc
            },
        })
    }

    /// A flow collection or scalar at `pos`. Its continuation lines must be indented deeper
    /// than `block_indent`, the column of the block collection around it (-1 for none): YAML
    /// says so, and though granit lets it pass, such text is left to granit.
    fn flow_node(&mut self, depth: usize, block_indent: isize) -> Option<Node> {
        match self.peek() {
            b'[' | b'{' => {}
            _ => return self.scalar(Context::Flow),
        }
        if depth >= MAX_DEPTH {
            return None;
        }
        self.count()?;
        let is_map = self.peek() == b'{';
        let close = if is_map { b'}' } else { b']' };
        let loc = self.loc(self.pos, self.pos + 1);
        self.pos += 1;
        let (items, entries) = (self.items.len(), self.entries.len());
        let mut keys = None;
        self.flow_space(block_indent)?;
        if self.peek() == close {
            self.pos += 1;
        } else {
            loop {
                if is_map {
                    let ((key, identity), key_loc) = self.flow_key()?;
                    add_key(&self.entries[entries..], &mut keys, &key, identity)?;
                    if matches!(self.peek(), b',' | b'}') {
                        return None;
                    }
                    let value = self.flow_node(depth + 1, block_indent)?;
                    self.entries.push((key, key_loc, value));
                } else {
                    let item = self.flow_node(depth + 1, block_indent)?;
                    self.items.push(item);
                }
                self.flow_space(block_indent)?;
                match self.peek() {
                    b',' => {
                        self.pos += 1;
                        self.flow_space(block_indent)?;
                        // A trailing comma is valid YAML, but rare enough to leave alone.
                        if self.peek() == close {
                            return None;
                        }
                    }
                    byte if byte == close => {
                        self.pos += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        let value = if is_map {
            NodeValue::Map(self.entries.split_off(entries))
        } else {
            NodeValue::Seq(self.items.split_off(items))
        };
        Some(Node { value, loc })
    }

    /// A flow mapping key, its `:` and the spaces after it, all on one line.
    fn flow_key(&mut self) -> Option<((String, Option<String>), Loc)> {
        let start = self.pos;
        let key = self.scalar(Context::Flow)?;
        self.skip_spaces();
        if self.peek() != b':' || self.byte(self.pos + 1) != b' ' || self.pos - start > MAX_KEY_LEN
        {
            return None;
        }
        self.pos += 1;
        self.skip_spaces();
        let text = self.key_text(key)?;
        (text.0.0 != "<<").then_some(text)
    }

    /// A key scalar's JSON key and, if it is not text, its identity: as the reference does, a
    /// key that is not text (`1.0`) keeps its spelling.
    fn key_text(&self, key: Node) -> Option<((String, Option<String>), Loc)> {
        let identity = key_identity(&key.value);
        let text = match key.value {
            NodeValue::String(text) => text,
            _ => self.text[key.loc.offset..key.loc.offset + key.loc.len].to_string(),
        };
        Some(((text, identity), key.loc))
    }

    /// Spaces, line breaks and comments between flow tokens.
    fn flow_space(&mut self, block_indent: isize) -> Option<()> {
        loop {
            match self.peek() {
                b' ' => self.pos += 1,
                b'\n' => {
                    self.newline();
                    let spaces = self.bytes[self.pos..]
                        .iter()
                        .take_while(|&&b| b == b' ')
                        .count();
                    if spaces as isize <= block_indent
                        && !matches!(self.byte(self.pos + spaces), b'\n' | b'#' | 0)
                    {
                        return None;
                    }
                }
                b'#' => {
                    if !matches!(self.byte(self.pos - 1), b' ' | b'\n') {
                        return None;
                    }
                    while !matches!(self.peek(), b'\n' | 0) {
                        self.pos += 1;
                    }
                }
                _ => return Some(()),
            }
        }
    }
}

/// Records a mapping key, refusing a duplicate (the reference reports it). `<<` (a merge) never
/// reaches here: the key readers leave it to the reference.
///
/// A key that is not text (its `identity` given) is also a duplicate of an earlier key with the
/// same value however spelt (`1` and `0x1`). The earlier keys are read again by their text here,
/// which may also match a quoted one (`'0x1'`): a false alarm only leaves the text to the
/// reference, and such keys are rare enough not to keep a set of them.
fn add_key(
    entries: &[(String, Loc, Node)],
    keys: &mut Option<HashSet<String>>,
    key: &str,
    identity: Option<String>,
) -> Option<()> {
    if let Some(identity) = identity {
        let same = entries.iter().any(|(earlier, _, _)| {
            resolve_plain(earlier)
                .ok()
                .and_then(|value| key_identity(&value))
                .is_some_and(|earlier| earlier == identity)
        });
        if same {
            return None;
        }
    }
    (!is_duplicate(entries, keys, key)).then_some(())
}

/// The value of a double-quoted scalar's text between its quotes; `None` for escapes this
/// parser leaves to the reference.
fn unescape(raw: &str) -> Option<String> {
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        let escaped = match chars.next()? {
            '0' => '\0',
            'a' => '\u{7}',
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'v' => '\u{b}',
            'f' => '\u{c}',
            'r' => '\r',
            'e' => '\u{1b}',
            ' ' => ' ',
            '"' => '"',
            '/' => '/',
            '\\' => '\\',
            'x' => hex_char(&mut chars, 2)?,
            'u' => hex_char(&mut chars, 4)?,
            'U' => hex_char(&mut chars, 8)?,
            _ => return None,
        };
        text.push(escaped);
    }
    Some(text)
}

fn hex_char(chars: &mut std::str::Chars, digits: usize) -> Option<char> {
    let mut code = 0;
    for _ in 0..digits {
        code = code * 16 + chars.next()?.to_digit(16)?;
    }
    char::from_u32(code)
}
