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
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use std::collections::{HashMap, HashSet};

#[cfg(test)]
mod differential_tests;
mod fast;
mod key_index;

pub use key_index::KeyIndex;

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
    /// An integer above `i64::MAX` that still fits in 64 bits (JSON holds it exactly).
    Unsigned(u64),
    /// Always finite: infinity and NaN are refused, since JSON cannot hold them.
    Float(f64),
    String(String),
    Seq(Vec<Node>),
    /// Keys keep their own location, for "unknown key" findings.
    Map(Vec<MapEntry>),
}

/// One entry of a mapping: its key, the key's location, and its value.
pub type MapEntry = (String, Loc, Node);

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
const NOT_JSON_HELP: &str = "quote the value to keep it as text, or write a number JSON can hold \
     exactly (an integer within 64 bits, a finite float)";
const TAG_HELP: &str = "remove the tag: contract files hold plain values (strings, numbers, \
     booleans, null, lists, mappings), never references, binary data or application types";
const TAG_VALUE_HELP: &str = "write a value of the tag's type (`!!int 12`, `!!float 1.5`, \
     `!!bool true`, `!!null ~`) or remove the tag";
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

/// The fast path alone: its tree, or `None` where it leaves the text to the reference. Public
/// for the fuzz targets (`fuzz/`), which hold it to [`parse_events`] as the differential tests do.
#[doc(hidden)]
pub fn parse_fast(text: &str, max_nodes: usize) -> Option<Node> {
    fast::parse(text, max_nodes)
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
        /// The keys that are not text (`1`, `1.0`, `true`, `null`), by identity then spelling:
        /// YAML compares those by tag and value, so `1` and `0x1` are the same key.
        typed_keys: Vec<(String, String)>,
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
                if let Some(directive) = tag_directive(&text[..loc.offset.min(text.len())]) {
                    return Err(directive);
                }
            }
            Event::Scalar(scalar, style, anchor, tag) => {
                let value = resolve_scalar(&scalar, style, tag.as_deref()).map_err(|error| {
                    // An unknown tag is pointed at; a value that does not fit its tag, at itself.
                    let loc = match tag.as_deref() {
                        Some(tag) if error.help == TAG_HELP => tag_loc(text, &tag_name(tag), loc),
                        _ => loc,
                    };
                    YamlError {
                        loc: Some(loc),
                        ..error
                    }
                })?;
                // A key that is not text keeps its spelling as its JSON key (see `complete`).
                let is_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
                let source =
                    (is_key && !matches!(value, NodeValue::String(_))).then(|| scalar.into_owned());
                self.count(1, loc)?;
                self.complete_key_or_value(Node { value, loc }, anchor, 1, source)?;
            }
            Event::SequenceStart(_, anchor, tag) => {
                collection_tag(tag.as_deref(), "seq", loc, text)?;
                self.open(loc)?;
                self.stack.push(Frame::Seq {
                    loc,
                    anchor,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(_, anchor, tag) => {
                collection_tag(tag.as_deref(), "map", loc, text)?;
                self.open(loc)?;
                self.stack.push(Frame::Map {
                    loc,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                    merged: Vec::new(),
                    seen: None,
                    typed_keys: Vec::new(),
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
        self.complete_key_or_value(node, anchor, size, None)
    }

    /// [`Builder::complete`], with the spelling of a scalar that is a mapping key and not text.
    ///
    /// Keys follow YAML 1.2's node equality (2.3.1.3 "Node Comparison": two scalars are equal
    /// when their tags and canonical values are): `1` and `0x1` are one key, and so a duplicate;
    /// `1` and `1.0` (int and float) and `1` and `"1"` (int and str) are different keys. A JSON
    /// key is text, so a key that is not text becomes its spelling (`1.0` stays "1.0", not the
    /// lossy "1"), and two different YAML keys with the same spelling (`1` and `"1"`) are refused,
    /// since JSON could keep only one of them.
    fn complete_key_or_value(
        &mut self,
        node: Node,
        anchor: usize,
        size: usize,
        source: Option<String>,
    ) -> Result<(), YamlError> {
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
                typed_keys,
                ..
            }) => match key.take() {
                None => {
                    let identity = key_identity(&node.value);
                    let text = match (node.value, source) {
                        (NodeValue::String(text), _) => Some(text),
                        (NodeValue::Seq(_) | NodeValue::Map(_), _) => None,
                        (_, Some(source)) => Some(source),
                        (value, None) => key_text(value),
                    };
                    let Some(text) = text else {
                        return Err(error_at(
                            node.loc,
                            "a mapping key must be a plain value, not a list or a mapping",
                            SYNTAX_HELP,
                        ));
                    };
                    let earlier_identity = typed_keys
                        .iter()
                        .find(|(_, spelling)| *spelling == text)
                        .map(|(identity, _)| identity);
                    if is_duplicate(entries, seen, &text) {
                        let message = if earlier_identity == identity.as_ref() {
                            format!("duplicate key `{text}`")
                        } else {
                            format!(
                                "duplicate key `{text}`: YAML tells the two keys apart (one is \
                                 text, the other is not), but a JSON key is always text"
                            )
                        };
                        return Err(error_at(node.loc, &message, DUPLICATE_HELP));
                    }
                    if let Some(identity) = identity {
                        if let Some((_, earlier)) =
                            typed_keys.iter().find(|(other, _)| *other == identity)
                        {
                            return Err(error_at(
                                node.loc,
                                &format!(
                                    "duplicate key `{text}`: the same value as the earlier key \
                                     `{earlier}`"
                                ),
                                DUPLICATE_HELP,
                            ));
                        }
                        typed_keys.push((identity, text.clone()));
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

/// The text of a mapping key whose spelling is not at hand (an alias): its value, written so
/// that no two kinds of value share a text (`1.0` stays "1.0"); `None` for a collection.
fn key_text(value: NodeValue) -> Option<String> {
    Some(match value {
        NodeValue::String(text) => text,
        NodeValue::Integer(i) => i.to_string(),
        NodeValue::Unsigned(u) => u.to_string(),
        NodeValue::Bool(b) => b.to_string(),
        NodeValue::Float(f) => format!("{f:?}"),
        NodeValue::Null => "null".into(),
        NodeValue::Seq(_) | NodeValue::Map(_) => return None,
    })
}

/// A key's identity under YAML's node equality (tag and canonical value), for keys that are not
/// text; `None` for text, whose identity is its text.
fn key_identity(value: &NodeValue) -> Option<String> {
    match value {
        NodeValue::Null => Some("!!null".into()),
        NodeValue::Bool(b) => Some(format!("!!bool {b}")),
        NodeValue::Integer(i) => Some(format!("!!int {i}")),
        NodeValue::Unsigned(u) => Some(format!("!!int {u}")),
        NodeValue::Float(f) => Some(format!("!!float {f:?}")),
        NodeValue::String(_) | NodeValue::Seq(_) | NodeValue::Map(_) => None,
    }
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

/// A scalar's value: by its core schema tag if it has one (`!!str 123` is text, `!!int "12"`
/// the number), by the core schema's plain resolution if it is plain, else text. Any other tag,
/// a value that does not fit its tag, and a number JSON cannot hold exactly are refused
/// (returned without a location, which the caller knows).
fn resolve_scalar(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<NodeValue, YamlError> {
    let Some(tag) = tag else {
        return if style == ScalarStyle::Plain {
            resolve_plain(text)
        } else {
            Ok(NodeValue::String(text.to_string()))
        };
    };
    // The non-specific tag `!` says "text" for a scalar (YAML 1.2, 6.9.1 "Node Tags").
    if is_non_specific(tag) {
        return Ok(NodeValue::String(text.to_string()));
    }
    let resolved = match tag.core_suffix() {
        Some("str") => return Ok(NodeValue::String(text.to_string())),
        Some("int") => core_int(text),
        Some("float") => core_float(text, true),
        Some("bool") => core_bool(text).map(|b| Ok(NodeValue::Bool(b))),
        Some("null") => core_null(text).then_some(Ok(NodeValue::Null)),
        _ => return Err(unsupported_tag(tag)),
    };
    resolved.unwrap_or_else(|| {
        Err(YamlError {
            message: format!("`{text}` is not a valid `{}` value", tag_name(tag)),
            loc: None,
            help: TAG_VALUE_HELP,
        })
    })
}

/// A collection may carry no tag, the non-specific `!`, or its own core tag (`!!map`, `!!seq`).
fn collection_tag(tag: Option<&Tag>, core: &str, loc: Loc, text: &str) -> Result<(), YamlError> {
    match tag {
        None => Ok(()),
        Some(tag) if is_non_specific(tag) => Ok(()),
        Some(tag) if tag.is_yaml_core_schema_tag(core) => Ok(()),
        Some(tag) => Err(YamlError {
            loc: Some(tag_loc(text, &tag_name(tag), loc)),
            ..unsupported_tag(tag)
        }),
    }
}

/// `!` alone: granit gives it as the whole of the handle and suffix.
fn is_non_specific(tag: &Tag) -> bool {
    tag.original_handle().is_empty() && format!("{}{}", tag.handle(), tag.suffix()) == "!"
}

/// Where a collection's tag is written: a block mapping starts at its first key, often on the
/// line after its tag, and the finding should point at the tag itself.
fn tag_loc(text: &str, name: &str, collection: Loc) -> Loc {
    let Some(at) = text[..collection.offset.min(text.len())].rfind(name) else {
        return collection;
    };
    let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    Loc {
        line: next_line_starts(&text[..at]).count() as u32 + 1,
        column: text[line_start..at].chars().count() as u32 + 1,
        offset: at,
        len: name.len(),
    }
}

fn unsupported_tag(tag: &Tag) -> YamlError {
    YamlError {
        message: format!("the tag `{}` is not supported here", tag_name(tag)),
        loc: None,
        help: TAG_HELP,
    }
}

/// A `%TAG` directive in the prologue before the first `---`, which is all of `prologue`: it is
/// refused even when no node uses its handle, since a tag is never ignored (a later edit that
/// uses the handle would otherwise be read as plain text).
fn tag_directive(prologue: &str) -> Option<YamlError> {
    let starts = line_starts(prologue);
    starts.iter().enumerate().find_map(|(index, &start)| {
        let line = &prologue[start..line_end(prologue, start)];
        line.starts_with("%TAG").then(|| {
            let mut loc = loc_at_line(prologue, &starts, index as u32 + 1, 1);
            loc.len = line.len();
            error_at(loc, "the `%TAG` directive is not supported here", TAG_HELP)
        })
    })
}

/// A tag as the file wrote it (`!!python/object`, `!Ref`, `!e!thing` under a `%TAG`).
fn tag_name(tag: &Tag) -> String {
    match tag.original_handle() {
        "" => format!("!<{}{}>", tag.handle(), tag.suffix()),
        handle => format!("{handle}{}", tag.suffix()),
    }
}

/// YAML 1.2 core schema resolution of a plain scalar: null, booleans, integers, floats, or text.
/// (Not YAML 1.1: `on`, `yes` and `2026-01-12` stay text.) A number JSON cannot hold exactly
/// (an integer beyond 64 bits, infinity, NaN, a float that overflows) is refused: serde_json is
/// built without `arbitrary_precision`, and silently making it a float or null would change
/// what the file says.
fn resolve_plain(text: &str) -> Result<NodeValue, YamlError> {
    // Most scalars are words, and none of the special forms below starts with a letter but
    // null, true and false in their three spellings.
    let special = match text.as_bytes().first() {
        None | Some(b'0'..=b'9' | b'.' | b'+' | b'-' | b'~') => true,
        Some(b'n' | b'N' | b't' | b'T') => text.len() == 4,
        Some(b'f' | b'F') => text.len() == 5,
        Some(_) => false,
    };
    if !special {
        return Ok(NodeValue::String(text.to_string()));
    }
    if core_null(text) {
        return Ok(NodeValue::Null);
    }
    if let Some(b) = core_bool(text) {
        return Ok(NodeValue::Bool(b));
    }
    core_int(text)
        .or_else(|| core_float(text, false))
        .unwrap_or_else(|| Ok(NodeValue::String(text.to_string())))
}

fn core_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn core_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+` (no sign on the last two: `0x+1F` is text);
/// `None` for anything else.
fn core_int(text: &str) -> Option<Result<NodeValue, YamlError>> {
    let all =
        |digits: &str, radix: u32| !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
    let (digits, radix) = if let Some(octal) = text.strip_prefix("0o") {
        (octal, 8)
    } else if let Some(hex) = text.strip_prefix("0x") {
        (hex, 16)
    } else {
        (text.strip_prefix(['-', '+']).unwrap_or(text), 10)
    };
    if !all(digits, radix) {
        return None;
    }
    let negative = text.starts_with('-');
    let value = match i64::from_str_radix(if radix == 10 { text } else { digits }, radix) {
        Ok(value) => NodeValue::Integer(value),
        Err(_) => match u64::from_str_radix(digits, radix) {
            Ok(value) if !negative => NodeValue::Unsigned(value),
            _ => {
                return Some(Err(not_json(format!(
                    "the integer `{text}` does not fit in 64 bits, so JSON here cannot hold it \
                     exactly"
                ))));
            }
        },
    };
    Some(Ok(value))
}

/// A core schema float (`.inf` and `.nan` in their spellings included); with `integers`, as
/// under `!!float`, an integer's spelling too. Infinity and NaN are refused: JSON has neither.
fn core_float(text: &str, integers: bool) -> Option<Result<NodeValue, YamlError>> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(digits, ".inf" | ".Inf" | ".INF") {
        return Some(Err(not_json(format!(
            "`{text}` is infinity, which JSON cannot represent"
        ))));
    }
    if matches!(text, ".nan" | ".NaN" | ".NAN") {
        return Some(Err(not_json(format!(
            "`{text}` is NaN (not a number), which JSON cannot represent"
        ))));
    }
    let integer = integers && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if !integer && !is_core_float(digits) {
        return None;
    }
    Some(match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(NodeValue::Float(value)),
        _ => Err(not_json(format!(
            "the number `{text}` is too large for a JSON number"
        ))),
    })
}

fn not_json(message: String) -> YamlError {
    YamlError {
        message,
        loc: None,
        help: NOT_JSON_HELP,
    }
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
        next_line_starts(text)
            .nth(line as usize - 2)
            .unwrap_or(text.len())
    };
    loc_from_line_start(text, line_start, line, column)
}

/// Where each line of `text` starts: 0, then the byte after every line break.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(next_line_starts(text)).collect()
}

/// The byte after every line break, counting breaks as YAML and miette do: `\n`, `\r\n` or a
/// lone `\r`, so a file with old Mac line endings is located line by line, not as one line.
fn next_line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &byte)| {
        let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        ends_line.then_some(i + 1)
    })
}

/// The end of the line holding byte `from`: the offset of its line break, or the text's end.
pub fn line_end(text: &str, from: usize) -> usize {
    text[from..]
        .find(['\r', '\n'])
        .map_or(text.len(), |end| from + end)
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
            .map_or(line_end(rest, 0), |(i, _)| i);
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
        self.walk(pointer, key_index::scan)
    }

    /// The node a JSON pointer names, looking keys up in `index` (built from this tree).
    pub fn pointer_with(&self, pointer: &str, index: &KeyIndex) -> Option<&Node> {
        self.walk(pointer, |entries, key| index.find(entries, key))
    }

    /// The location of the deepest existing node on the way to `pointer`, so that a finding about
    /// something absent (a removed field) still points at its parent.
    pub fn locate(&self, pointer: &str) -> Loc {
        self.deepest(pointer, key_index::scan)
    }

    /// `locate`, looking keys up in `index` (built from this tree).
    pub fn locate_with(&self, pointer: &str, index: &KeyIndex) -> Loc {
        self.deepest(pointer, |entries, key| index.find(entries, key))
    }

    /// The location of a mapping key, for findings about the key itself (unknown keys).
    pub fn key_loc(&self, pointer: &str) -> Option<Loc> {
        self.key_at(pointer, key_index::scan)
    }

    /// `key_loc`, looking keys up in `index` (built from this tree).
    pub fn key_loc_with(&self, pointer: &str, index: &KeyIndex) -> Option<Loc> {
        self.key_at(pointer, |entries, key| index.find(entries, key))
    }

    fn walk<'a>(
        &'a self,
        pointer: &str,
        find: impl Fn(&'a [MapEntry], &str) -> Option<&'a MapEntry>,
    ) -> Option<&'a Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = crate::pointer::decode_pointer_token(token);
            node = match &node.value {
                NodeValue::Map(entries) => &find(entries, &token)?.2,
                NodeValue::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    fn deepest<'a>(
        &'a self,
        pointer: &str,
        find: impl Fn(&'a [MapEntry], &str) -> Option<&'a MapEntry> + Copy,
    ) -> Loc {
        let mut path = pointer;
        loop {
            if let Some(node) = self.walk(path, find) {
                return node.loc;
            }
            match path.rfind('/') {
                Some(cut) => path = &path[..cut],
                None => return self.loc,
            }
        }
    }

    fn key_at<'a>(
        &'a self,
        pointer: &str,
        find: impl Fn(&'a [MapEntry], &str) -> Option<&'a MapEntry> + Copy,
    ) -> Option<Loc> {
        let (parent, key) = pointer.rsplit_once('/')?;
        let key = crate::pointer::decode_pointer_token(key);
        match &self.walk(parent, find)?.value {
            NodeValue::Map(entries) => find(entries, &key).map(|entry| entry.1),
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
            NodeValue::Unsigned(u) => Value::from(*u),
            // The parser refuses infinity and NaN, so the null here is never reached.
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
        // `.inf` was here, read as null; it is now refused (see
        // `numbers_json_cannot_hold_are_refused_at_their_line`).
        let node = parse(
            "a: [1, -2, 0x1f, 1.5, 2e3, true, null, ~, on, yes, 2026-01-12, '3', \"true\", 1_000]",
        )
        .unwrap();
        assert_eq!(
            node.to_json()["a"],
            serde_json::json!([
                1,
                -2,
                31,
                1.5,
                2000.0,
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

    /// Both paths: the fast one when it takes the text (the differential tests hold it to the
    /// reference), and the reference itself.
    fn both(text: &str) -> Result<serde_json::Value, YamlError> {
        if let Some(fast) = fast::parse(text, MAX_NODES) {
            let reference = parse_events(text, MAX_NODES).expect("the reference agrees");
            assert_eq!(fast.to_json(), reference.to_json(), "{text:?}");
        }
        parse_events(text, MAX_NODES).map(Node::into_json)
    }

    fn refused(text: &str) -> (String, u32) {
        let error = both(text).expect_err(text);
        (error.message, error.loc.expect("located").line)
    }

    #[test]
    fn hex_and_octal_take_no_sign() {
        // Regression: `from_str_radix` accepts a sign, so `0x+1F` was read as 31.
        let json = both("a: [0x+1F, 0o-17, 0x-1, 0o+7, -0x1F, 0x, 0o, 0o8, 0xg]\n").unwrap();
        assert_eq!(
            json["a"],
            serde_json::json!([
                "0x+1F", "0o-17", "0x-1", "0o+7", "-0x1F", "0x", "0o", "0o8", "0xg"
            ])
        );
        let json = both("a: [0o17, 0x1F, 0xff, +12, -0]\n").unwrap();
        assert_eq!(json["a"], serde_json::json!([15, 31, 255, 12, 0]));
    }

    #[test]
    fn integers_up_to_64_bits_stay_exact() {
        let json = both(
            "a: [9223372036854775807, 9223372036854775808, 18446744073709551615, \
             -9223372036854775808, 0xFFFFFFFFFFFFFFFF, 0o1777777777777777777777]\n",
        )
        .unwrap();
        assert_eq!(
            json["a"].to_string(),
            "[9223372036854775807,9223372036854775808,18446744073709551615,\
             -9223372036854775808,18446744073709551615,18446744073709551615]"
        );
    }

    #[test]
    fn integers_beyond_64_bits_are_refused_at_their_line() {
        for (value, line) in [
            ("18446744073709551616", 2),
            ("123456789012345678901234567890", 2),
            ("-9223372036854775809", 2),
            ("0x1FFFFFFFFFFFFFFFF", 2),
        ] {
            assert_eq!(
                refused(&format!("ok: 1\nbig: {value}\n")),
                (
                    format!(
                        "the integer `{value}` does not fit in 64 bits, so JSON here cannot hold \
                         it exactly"
                    ),
                    line
                )
            );
        }
        // Quoted, it is text.
        assert_eq!(
            both("big: '123456789012345678901234567890'\n").unwrap()["big"],
            "123456789012345678901234567890"
        );
    }

    #[test]
    fn numbers_json_cannot_hold_are_refused_at_their_line() {
        // Regression: `.inf` and `.nan` became `null`, silently.
        for value in [
            ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
        ] {
            assert_eq!(
                refused(&format!("a: 1\nexamples:\n  - {{x: {value}}}\n")),
                (
                    format!("`{value}` is infinity, which JSON cannot represent"),
                    3
                )
            );
        }
        for value in [".nan", ".NaN", ".NAN"] {
            assert_eq!(
                refused(&format!("a:\n  - {value}\n")),
                (
                    format!("`{value}` is NaN (not a number), which JSON cannot represent"),
                    2
                )
            );
        }
        assert_eq!(
            refused("a: 1e400\n"),
            (
                "the number `1e400` is too large for a JSON number".into(),
                1
            )
        );
        // Spellings outside the core schema are text.
        let json = both("a: [.NAn, inf, -inf, nan, +.nan, .infinity]\n").unwrap();
        assert_eq!(
            json["a"],
            serde_json::json!([".NAn", "inf", "-inf", "nan", "+.nan", ".infinity"])
        );
    }

    #[test]
    fn keys_are_compared_as_yaml_compares_nodes() {
        // `1` (int) and `1.0` (float) are different keys, and `1.0` keeps its spelling:
        // regression, both were the key "1", a false duplicate.
        let json = both("1: a\n1.0: b\ntrue: c\n~: d\n").unwrap();
        assert_eq!(
            json.to_string(),
            r#"{"1":"a","1.0":"b","true":"c","~":"d"}"#
        );
        // The same tag and value, however spelt, is the same key.
        for (text, message) in [
            (
                "1: a\n0x1: b\n",
                "duplicate key `0x1`: the same value as the earlier key `1`",
            ),
            (
                "1: a\n01: b\n",
                "duplicate key `01`: the same value as the earlier key `1`",
            ),
            (
                "1.0: a\n1.00: b\n",
                "duplicate key `1.00`: the same value as the earlier key `1.0`",
            ),
            (
                "null: a\n~: b\n",
                "duplicate key `~`: the same value as the earlier key `null`",
            ),
            (
                "true: a\nTrue: b\n",
                "duplicate key `True`: the same value as the earlier key `true`",
            ),
            ("{1: a, 1: b}\n", "duplicate key `1`"),
        ] {
            assert_eq!(
                refused(text),
                (message.to_string(), 2 - u32::from(text.starts_with('{')))
            );
        }
        // `1` and `"1"` are two YAML keys, but one JSON key: refused, not one dropped.
        let collision = "duplicate key `1`: YAML tells the two keys apart (one is text, the other \
                         is not), but a JSON key is always text";
        assert_eq!(refused("1: a\n\"1\": b\n"), (collision.to_string(), 2));
        assert_eq!(refused("'1': a\n1: b\n"), (collision.to_string(), 2));
    }

    #[test]
    fn core_schema_tags_are_applied() {
        let json = both(
            "s: !!str 123\ni: !!int \"12\"\nh: !!int 0x1F\nf: !!float 1\ng: !!float '2.5'\n\
             b: !!bool \"false\"\nn: !!null ~\ne: !!null\nq: !!str\nx: ! 12\nm: !!map {a: 1}\n\
             l: !!seq [1]\n",
        )
        .unwrap();
        assert_eq!(
            json.to_string(),
            r#"{"s":"123","i":12,"h":31,"f":1.0,"g":2.5,"b":false,"n":null,"e":null,"q":"","x":"12","m":{"a":1},"l":[1]}"#
        );
    }

    #[test]
    fn a_value_that_does_not_fit_its_tag_is_refused() {
        // Regression: `owner: !!null meetings` passed as the owner `meetings`.
        assert_eq!(
            refused("contract: a\nowner: !!null meetings\n"),
            ("`meetings` is not a valid `!!null` value".into(), 2)
        );
        for (value, tag) in [
            ("abc", "!!int"),
            ("0x+1F", "!!int"),
            ("1.5", "!!int"),
            ("yes", "!!bool"),
            ("one", "!!float"),
        ] {
            assert_eq!(
                refused(&format!("a: {tag} {value}\n")),
                (format!("`{value}` is not a valid `{tag}` value"), 1)
            );
        }
        assert_eq!(
            refused("a: !!int 99999999999999999999\n"),
            (
                "the integer `99999999999999999999` does not fit in 64 bits, so JSON here cannot \
                 hold it exactly"
                    .into(),
                1
            )
        );
        assert_eq!(
            refused("a: !!float .nan\n").0,
            "`.nan` is NaN (not a number), which JSON cannot represent"
        );
    }

    #[test]
    fn every_other_tag_is_refused_by_name_at_its_line() {
        for (text, tag, line) in [
            ("a: 1\nschema: !Ref other.yaml\n", "!Ref", 2),
            ("a: 1\nb: !custom x\n", "!custom", 2),
            ("a: !!binary aGVsbG8=\n", "!!binary", 1),
            (
                "a: !!python/object:os.system {}\n",
                "!!python/object:os.system",
                1,
            ),
            ("a: !!timestamp 2026-01-12\n", "!!timestamp", 1),
            ("a:\n  b: !!str [x]\n", "!!str", 2),
            ("a: !!seq {b: 1}\n", "!!seq", 1),
            ("a: !!map [b]\n", "!!map", 1),
            ("a: !Thing\n  b: 1\n", "!Thing", 1),
        ] {
            assert_eq!(
                refused(text),
                (format!("the tag `{tag}` is not supported here"), line),
                "{text:?}"
            );
        }
        // A `%TAG` directive is refused where it stands, used or not: one that moves `!!` away
        // from the YAML namespace would make `!!str` someone else's.
        for text in [
            "%TAG !e! tag:example.com,2000:\n---\na: !e!thing x\n",
            "%TAG !! tag:example.com,2000:\n---\na: !!str x\n",
            "# prologue\n%TAG !unused! tag:example.com,2000:\n---\na: x\n",
        ] {
            let line = if text.starts_with('#') { 2 } else { 1 };
            assert_eq!(
                refused(text),
                (
                    "the `%TAG` directive is not supported here".to_string(),
                    line
                ),
                "{text:?}"
            );
        }
        assert!(parse_events("%YAML 1.2\n---\na: x\n", MAX_NODES).is_ok());
        // The finding points at the tag itself, not at what it tags.
        let text = "a: 1\nschema: !Ref other.yaml\nm: !Thing\n  b: 1\n";
        let loc = parse_events(text, MAX_NODES).unwrap_err().loc.unwrap();
        assert_eq!(&text[loc.offset..loc.offset + loc.len], "!Ref");
        assert_eq!((loc.line, loc.column), (2, 9));
        let text = "m: !Thing\n  b: 1\n";
        let loc = parse_events(text, MAX_NODES).unwrap_err().loc.unwrap();
        assert_eq!((loc.line, loc.column, loc.len), (1, 4, 6));
    }
}
