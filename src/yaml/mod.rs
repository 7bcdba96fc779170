//! YAML parsing into a tree that remembers where every node came from.
//!
//! serde-saphyr's parser (granit) produces the events; this module builds the tree from them
//! itself, iteratively, with its own limits: nesting depth, alias expansion (against alias
//! bombs), duplicate keys, one document per file. Going through serde's `Deserialize` with a
//! span on every node cost three times the parsing itself (see the README's speed section).
//!
//! granit parses about 16 MB/s, too slow for a catalogue of thousands of contracts, so a
//! hand-written parser ([`fast`]) takes the common subset of YAML first and hands anything else
//! (and every error) to granit, which stays the reference.
//!
//! The bottom stage. Takes in text; hands on a located tree ([`Node`]) that the catalogue and the
//! lock reader turn into their models. It knows nothing of contracts: it imports only the shared
//! pieces (JSON pointers, the thread pool), never `catalog/` or anything above.

use serde_json::Value;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, ScanError, Span};
use std::collections::{HashMap, HashSet};

#[cfg(test)]
mod differential_tests;
mod fast;

/// Where a node starts in its file: 1-based line and column, byte offset and length.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
    pub offset: usize,
    pub len: usize,
}

/// A YAML node with its location.
#[derive(Debug, Clone)]
pub struct Node {
    pub value: NodeValue,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub enum NodeValue {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    Seq(Vec<Node>),
    /// Keys keep their own location, for "unknown key" findings.
    Map(Vec<(String, Loc, Node)>),
}

/// A YAML syntax or structure error, located when the parser could tell where.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub loc: Option<Loc>,
    /// What to do about it, decided where the cause is known.
    pub help: &'static str,
}

const SYNTAX_HELP: &str =
    "fix the YAML syntax at this line (indentation, a missing `:` or an unclosed quote or bracket)";
const DUPLICATE_HELP: &str =
    "each key may appear once in a mapping: merge or rename the repeated key";
const LIMIT_HELP: &str =
    "the document is nested too deeply or expands too many aliases; contracts never need this";
const EMPTY_HELP: &str =
    "write a contract here (`contract new event ID --owner TEAM` scaffolds one) or delete the file";

/// Nesting beyond this is refused: contracts are never this deep, and the limit keeps the
/// recursive walks over the tree (conversion to JSON, schema comparison) far from the stack's end.
pub const MAX_DEPTH: usize = 128;
/// Nodes a document may expand to, aliases included: a contract has a few hundred; an alias
/// bomb has billions.
pub const MAX_NODES: usize = 250_000;

/// Parses one YAML document. An empty document is an error: a contract file must say something.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    parse_with_budget(text, MAX_NODES)
}

/// Parses with a node budget of `max_nodes` (at least [`MAX_NODES`]). A generated file (the
/// release lock of a large catalogue) may hold more nodes than a contract ever does; a budget of
/// its length in bytes still stops alias bombs, since without aliases every node takes a byte.
pub fn parse_with_budget(text: &str, max_nodes: usize) -> Result<Node, YamlError> {
    let max_nodes = max_nodes.max(MAX_NODES);
    match fast::parse(text, max_nodes) {
        Some(node) => Ok(node),
        None => parse_events(text, max_nodes),
    }
}

/// The reference path alone: granit's events, built into a tree, with a node budget of exactly
/// `max_nodes`. [`parse_with_budget`] falls back on it; public for the parser benchmark.
pub fn parse_events(text: &str, max_nodes: usize) -> Result<Node, YamlError> {
    let mut builder = Builder {
        max_nodes,
        ..Builder::default()
    };
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|error| scan_error(text, &error))?;
        builder.push(event, span, text)?;
    }
    match builder.root {
        Some(node) if !matches!(node.value, NodeValue::Null) => Ok(node),
        _ => Err(YamlError {
            message: "the file is empty".into(),
            loc: None,
            help: EMPTY_HELP,
        }),
    }
}

fn scan_error(text: &str, error: &ScanError) -> YamlError {
    let marker = error.marker();
    let info = error.info();
    // The parser's own recursion limit (256 flow levels) is reached before ours can see them.
    let (message, help) = if info.contains("recursion limit") {
        (
            format!("the document is nested more than {MAX_DEPTH} levels deep"),
            LIMIT_HELP,
        )
    } else {
        (info, SYNTAX_HELP)
    };
    YamlError {
        message,
        loc: Some(loc_at(text, marker.line() as u32, marker.col() as u32 + 1)),
        help,
    }
}

/// A collection being built, with what it holds so far.
enum Frame {
    Seq {
        loc: Loc,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        loc: Loc,
        anchor: usize,
        entries: Vec<(String, Loc, Node)>,
        key: Option<(String, Loc)>,
        /// Entries from `<<` merge keys: they fill in what the mapping does not set itself,
        /// wherever the `<<` stands.
        merged: Vec<(String, Loc, Node)>,
        /// The keys so far, once the mapping is large enough that scanning `entries` for a
        /// duplicate would be quadratic (the lock of a large catalogue has thousands).
        seen: Option<HashSet<String>>,
    },
}

/// Mappings up to this many entries are searched for duplicates by a scan; larger ones by hash.
const SCANNED_KEYS: usize = 32;

/// Whether `key` is already in the mapping; records it when the mapping keeps a key set.
fn is_duplicate(
    entries: &[(String, Loc, Node)],
    seen: &mut Option<HashSet<String>>,
    key: &str,
) -> bool {
    if key == "<<" {
        // Merge keys are not entries: several may stand in one mapping.
        return false;
    }
    if seen.is_none() && entries.len() >= SCANNED_KEYS {
        *seen = Some(
            entries
                .iter()
                .map(|(existing, _, _)| existing.clone())
                .collect(),
        );
    }
    match seen {
        Some(seen) => !seen.insert(key.to_string()),
        None => entries.iter().any(|(existing, _, _)| existing == key),
    }
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Anchored nodes by anchor id, with the number of nodes each expands to.
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes produced so far, aliases counted at their full size.
    nodes: usize,
    max_nodes: usize,
    documents: usize,
}

impl Builder {
    fn push(&mut self, event: Event, span: Span, text: &str) -> Result<(), YamlError> {
        let loc = span_loc(&span, text);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(error_at(
                        loc,
                        "a contract file holds one YAML document; this is a second one",
                        "move the second document to a file of its own",
                    ));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let is_str_tag = tag
                    .as_ref()
                    .is_some_and(|tag| tag.is_yaml_core_schema_tag("str"));
                let value = if style == ScalarStyle::Plain && !is_str_tag {
                    resolve_plain(&value)
                } else {
                    NodeValue::String(value.into_owned())
                };
                self.count(1, loc)?;
                self.complete(Node { value, loc }, anchor, 1)?;
            }
            Event::SequenceStart(_, anchor, _) => {
                self.open(loc)?;
                self.stack.push(Frame::Seq {
                    loc,
                    anchor,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(_, anchor, _) => {
                self.open(loc)?;
                self.stack.push(Frame::Map {
                    loc,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                    merged: Vec::new(),
                    seen: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq { loc, anchor, items }) => (
                        Node {
                            value: NodeValue::Seq(items),
                            loc,
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        loc,
                        anchor,
                        mut entries,
                        merged,
                        ..
                    }) => {
                        for entry in merged {
                            if !entries.iter().any(|(existing, _, _)| *existing == entry.0) {
                                entries.push(entry);
                            }
                        }
                        (
                            Node {
                                value: NodeValue::Map(entries),
                                loc,
                            },
                            anchor,
                        )
                    }
                    None => {
                        return Err(error_at(
                            loc,
                            "a collection ends that never started",
                            SYNTAX_HELP,
                        ));
                    }
                };
                let size = if anchor == 0 { 0 } else { node.size() };
                self.complete(node, anchor, size)?;
            }
            Event::Alias(id) => {
                let Some((node, size)) = self.anchors.get(&id) else {
                    return Err(error_at(
                        loc,
                        "this alias refers to no anchor",
                        "define the anchor (`&name`) before its alias (`*name`)",
                    ));
                };
                let (node, size) = (
                    Node {
                        loc,
                        ..node.clone()
                    },
                    *size,
                );
                self.count(size, loc)?;
                self.complete(node, 0, size)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, loc: Loc) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(error_at(
                loc,
                &format!("the document is nested more than {MAX_DEPTH} levels deep"),
                LIMIT_HELP,
            ));
        }
        self.count(1, loc)
    }

    fn count(&mut self, nodes: usize, loc: Loc) -> Result<(), YamlError> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > self.max_nodes {
            return Err(error_at(
                loc,
                &format!(
                    "the document expands to more than {} nodes: too many aliases, anchors or nodes",
                    self.max_nodes
                ),
                LIMIT_HELP,
            ));
        }
        Ok(())
    }

    /// Places a finished node in its parent (or as the root), remembering it if anchored.
    fn complete(&mut self, node: Node, anchor: usize, size: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            let size = if size == 0 { node.size() } else { size };
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                key,
                merged,
                seen,
                ..
            }) => match key.take() {
                None => {
                    let Some(text) = key_text(node.value) else {
                        return Err(error_at(
                            node.loc,
                            "a mapping key must be a plain value, not a list or a mapping",
                            SYNTAX_HELP,
                        ));
                    };
                    if is_duplicate(entries, seen, &text) {
                        return Err(error_at(
                            node.loc,
                            &format!("duplicate key `{text}`"),
                            DUPLICATE_HELP,
                        ));
                    }
                    *key = Some((text, node.loc));
                }
                Some((name, key_loc)) if name == "<<" => merge(merged, node, key_loc)?,
                Some((name, key_loc)) => entries.push((name, key_loc, node)),
            },
        }
        Ok(())
    }
}

/// The text of a mapping key, whatever scalar spelled it (`1: x` has the key "1"); `None` for a
/// collection.
fn key_text(value: NodeValue) -> Option<String> {
    Some(match value {
        NodeValue::String(text) => text,
        NodeValue::Integer(i) => i.to_string(),
        NodeValue::Bool(b) => b.to_string(),
        NodeValue::Float(f) => f.to_string(),
        NodeValue::Null => "null".into(),
        NodeValue::Seq(_) | NodeValue::Map(_) => return None,
    })
}

/// `<<: *defaults` (or a list of them): collects the entries to merge; the first source to set
/// a key wins, as the merge-key specification says.
fn merge(merged: &mut Vec<(String, Loc, Node)>, source: Node, at: Loc) -> Result<(), YamlError> {
    let sources = match source.value {
        NodeValue::Map(_) => vec![source],
        NodeValue::Seq(items) => items,
        _ => {
            return Err(error_at(
                at,
                "`<<` merges a mapping or a list of mappings",
                SYNTAX_HELP,
            ));
        }
    };
    for source in sources {
        let NodeValue::Map(entries) = source.value else {
            return Err(error_at(
                at,
                "`<<` merges a mapping or a list of mappings",
                SYNTAX_HELP,
            ));
        };
        for entry in entries {
            if !merged.iter().any(|(existing, _, _)| *existing == entry.0) {
                merged.push(entry);
            }
        }
    }
    Ok(())
}

fn error_at(loc: Loc, message: &str, help: &'static str) -> YamlError {
    YamlError {
        message: message.to_string(),
        loc: Some(loc),
        help,
    }
}

fn span_loc(span: &Span, text: &str) -> Loc {
    let (start, end) = (span.start, span.end);
    let line = start.line() as u32;
    let column = start.col() as u32 + 1;
    match (start.byte_offset(), end.byte_offset()) {
        (Some(from), Some(to)) => Loc {
            line,
            column,
            offset: from,
            len: to.saturating_sub(from),
        },
        _ => loc_at(text, line, column),
    }
}

/// YAML 1.2 core schema resolution of a plain scalar: null, booleans, integers, floats, or text.
/// (Not YAML 1.1: `on`, `yes` and `2026-01-12` stay text.)
fn resolve_plain(text: &str) -> NodeValue {
    // Most scalars are words, and none of the special forms below starts with a letter but
    // null, true and false in their three spellings.
    let special = match text.as_bytes().first() {
        None | Some(b'0'..=b'9' | b'.' | b'+' | b'-' | b'~') => true,
        Some(b'n' | b'N' | b't' | b'T') => text.len() == 4,
        Some(b'f' | b'F') => text.len() == 5,
        Some(_) => false,
    };
    if !special {
        return NodeValue::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return NodeValue::Null,
        "true" | "True" | "TRUE" => return NodeValue::Bool(true),
        "false" | "False" | "FALSE" => return NodeValue::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return NodeValue::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return NodeValue::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return NodeValue::Float(f64::NAN),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<i64>().map_or_else(
            |_| NodeValue::Float(text.parse().unwrap_or(f64::NAN)),
            NodeValue::Integer,
        );
    }
    if let Some(octal) = text.strip_prefix("0o")
        && let Ok(value) = i64::from_str_radix(octal, 8)
    {
        return NodeValue::Integer(value);
    }
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(value) = i64::from_str_radix(hex, 16)
    {
        return NodeValue::Integer(value);
    }
    if is_core_float(digits)
        && let Ok(value) = text.parse::<f64>()
    {
        return NodeValue::Float(value);
    }
    NodeValue::String(text.to_string())
}

/// `( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`, without its sign.
fn is_core_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        all_digits(whole) && all_digits(fraction) && (!whole.is_empty() || !fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|exponent| {
        let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        !exponent.is_empty() && all_digits(exponent)
    });
    mantissa_ok && exponent_ok && (mantissa.contains('.') || exponent.is_some())
}

/// The byte location of a 1-based line and (character) column, clamped to the text.
pub fn loc_at(text: &str, line: u32, column: u32) -> Loc {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line as usize - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    loc_from_line_start(text, line_start, line, column)
}

/// Where each line of `text` starts: 0, then the byte after every `\n`.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// [`loc_at`] with the text's [`line_starts`] at hand: the cost of one line, not of the text
/// before it, so locating every finding of a large file stays linear in its size.
pub fn loc_at_line(text: &str, starts: &[usize], line: u32, column: u32) -> Loc {
    let line_start = if line <= 1 {
        0
    } else {
        starts.get(line as usize - 1).copied().unwrap_or(text.len())
    };
    loc_from_line_start(text, line_start, line, column)
}

fn loc_from_line_start(text: &str, line_start: usize, line: u32, column: u32) -> Loc {
    let rest = &text[line_start..];
    let offset = line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
    Loc {
        line: line.max(1),
        column: column.max(1),
        offset,
        len: 1,
    }
}

impl Node {
    /// A null node standing for a place in a file, such as where a syntax error is.
    pub fn null_at(loc: Loc) -> Node {
        Node {
            value: NodeValue::Null,
            loc,
        }
    }

    /// How many nodes this one is, counting itself and everything inside.
    fn size(&self) -> usize {
        1 + match &self.value {
            NodeValue::Seq(items) => items.iter().map(Node::size).sum(),
            NodeValue::Map(entries) => entries.iter().map(|(_, _, node)| node.size()).sum(),
            _ => 0,
        }
    }

    /// The node a JSON pointer names, if it exists.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = crate::pointer::decode_pointer_token(token);
            node = match &node.value {
                NodeValue::Map(entries) => &entries.iter().find(|(key, _, _)| *key == token)?.2,
                NodeValue::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The location of the deepest existing node on the way to `pointer`, so that a finding about
    /// something absent (a removed field) still points at its parent.
    pub fn locate(&self, pointer: &str) -> Loc {
        let mut path = pointer;
        loop {
            if let Some(node) = self.pointer(path) {
                return node.loc;
            }
            match path.rfind('/') {
                Some(cut) => path = &path[..cut],
                None => return self.loc,
            }
        }
    }

    /// The location of a mapping key, for findings about the key itself (unknown keys).
    pub fn key_loc(&self, pointer: &str) -> Option<Loc> {
        let (parent, key) = pointer.rsplit_once('/')?;
        let key = crate::pointer::decode_pointer_token(key);
        match &self.pointer(parent)?.value {
            NodeValue::Map(entries) => entries.iter().find(|(k, _, _)| *k == key).map(|e| e.1),
            _ => None,
        }
    }

    /// The JSON value of this tree, taking its keys and strings rather than copying them.
    pub fn into_json(self) -> Value {
        match self.value {
            NodeValue::String(s) => Value::String(s),
            NodeValue::Seq(items) => Value::Array(items.into_iter().map(Node::into_json).collect()),
            NodeValue::Map(entries) => Value::Object(
                entries
                    .into_iter()
                    .map(|(key, _, value)| (key, value.into_json()))
                    .collect(),
            ),
            _ => self.to_json(),
        }
    }

    /// The JSON value of this tree, for schema validation and typed deserialisation.
    pub fn to_json(&self) -> Value {
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Integer(i) => Value::from(*i),
            NodeValue::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
            }
            NodeValue::String(s) => Value::String(s.clone()),
            NodeValue::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(key, _, value)| (key.clone(), value.to_json()))
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_node_knows_its_line_and_column() {
        let text = "a: 1\nb:\n  c: [x, {d: true}]\n";
        let node = parse(text).unwrap();
        let d = node.pointer("/b/c/1/d").unwrap();
        assert_eq!((d.loc.line, d.loc.column), (3, 14));
        assert_eq!(&text[d.loc.offset..d.loc.offset + d.loc.len], "true");
        assert_eq!(node.key_loc("/b").unwrap().line, 2);
        assert_eq!(
            node.locate("/b/missing/deeper").line,
            node.pointer("/b").unwrap().loc.line
        );
    }

    #[test]
    fn duplicate_keys_are_refused_with_a_line() {
        let error = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(error.message.contains("duplicate"), "{}", error.message);
        assert_eq!(error.loc.unwrap().line, 3);
    }

    #[test]
    fn plain_scalars_follow_the_yaml_1_2_core_schema() {
        let node = parse("a: [1, -2, 0x1f, 1.5, 2e3, .inf, true, null, ~, on, yes, 2026-01-12, '3', \"true\", 1_000]").unwrap();
        assert_eq!(
            node.to_json()["a"],
            serde_json::json!([
                1,
                -2,
                31,
                1.5,
                2000.0,
                null,
                true,
                null,
                null,
                "on",
                "yes",
                "2026-01-12",
                "3",
                "true",
                "1_000"
            ])
        );
    }

    #[test]
    fn merge_keys_copy_what_the_mapping_does_not_set() {
        let node = parse(
            "base: &base {type: string, description: Shared.}\nx: {<<: *base, description: Own.}\n",
        )
        .unwrap();
        assert_eq!(
            node.to_json()["x"],
            serde_json::json!({"description": "Own.", "type": "string"})
        );
    }

    #[test]
    fn duplicate_keys_are_found_in_large_mappings_too() {
        let keys: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        let error = parse(&format!("{keys}k7: again\n")).unwrap_err();
        assert_eq!(error.message, "duplicate key `k7`");
        assert_eq!(error.loc.unwrap().line, 101);
        let merges = format!("a: &a {{x: 1}}\nb: &b {{y: 2}}\nm:\n{keys}  <<: *a\n  <<: *b\n")
            .replace("\nk", "\n  k");
        let node = parse(&merges).unwrap();
        assert_eq!(node.to_json()["m"]["y"], serde_json::json!(2));
    }

    #[test]
    fn a_second_document_is_refused() {
        let error = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(
            error.message,
            "a contract file holds one YAML document; this is a second one"
        );
        assert_eq!(error.loc.unwrap().line, 2);
    }

    #[test]
    fn empty_documents_are_refused() {
        assert_eq!(parse("").unwrap_err().message, "the file is empty");
        assert_eq!(
            parse("# only a comment\n").unwrap_err().message,
            "the file is empty"
        );
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        crate::pool::pool().install(|| {
            let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
            let error = parse(&text).unwrap_err();
            assert_eq!(error.loc.map(|loc| loc.line), Some(1));
            assert_eq!(
                error.message,
                "the document is nested more than 128 levels deep"
            );
            let block: String = (0..1_000)
                .map(|depth| format!("{}k:\n", " ".repeat(depth)))
                .collect();
            assert!(parse(&block).is_err());
        });
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = format!("*a{}", level - 1);
            text.push_str(&format!(
                "a{level}: &a{level} [{}]\n",
                [prev.as_str(); 10].join(", ")
            ));
        }
        let error = parse(&text).unwrap_err();
        assert_eq!(
            error.message,
            "the document expands to more than 250000 nodes: too many aliases, anchors or nodes"
        );
    }
}
