//! YAML parsing into a tree that remembers where every node came from.
//!
//! serde-saphyr does the parsing (with budgets against alias bombs and deep nesting, and duplicate
//! keys rejected); this module keeps its spans on every node so that any finding, found later by
//! JSON pointer, can quote the exact line and column.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_saphyr::Spanned;
use std::fmt;

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
}

/// Nesting beyond this is refused: contracts are never this deep, and the limit keeps
/// recursion (ours and serde's) far from the stack's end.
pub const MAX_DEPTH: usize = 128;

/// Parses one YAML document. An empty document is an error: a contract file must say something.
///
/// Deserialising nested nodes recurses; call this on a thread of [`crate::pool`], whose stacks
/// are large enough for [`MAX_DEPTH`] levels even in debug builds.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    let node: Option<Node> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|error| located_error(text, &error.to_string()))?;
    match node {
        Some(node) if !matches!(node.value, NodeValue::Null) => Ok(node),
        _ => Err(YamlError {
            message: "the file is empty".into(),
            loc: None,
        }),
    }
}

/// serde-saphyr's message starts `error: line L column C: …` and may carry a snippet of its own;
/// keep the sentence, and turn the line and column into a location in `text`.
fn located_error(text: &str, message: &str) -> YamlError {
    let first = message.lines().next().unwrap_or(message).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let parsed = (|| {
        let rest = first.strip_prefix("line ")?;
        let (line, rest) = rest.split_once(" column ")?;
        let (column, sentence) = rest.split_once(": ")?;
        Some((
            line.parse::<u32>().ok()?,
            column.parse::<u32>().ok()?,
            sentence,
        ))
    })();
    match parsed {
        Some((line, column, sentence)) => YamlError {
            message: plain_sentence(sentence),
            loc: Some(loc_at(text, line, column)),
        },
        None => YamlError {
            message: first.to_string(),
            loc: None,
        },
    }
}

/// The parser's sentence without advice meant for programmers using the library.
fn plain_sentence(sentence: &str) -> String {
    if let Some(key) = sentence.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        return format!("duplicate key `{key}`");
    }
    if sentence.contains("Depth {") || sentence.contains("recursion limit") {
        return format!("the document is nested more than {MAX_DEPTH} levels deep");
    }
    if sentence.starts_with("budget breached") {
        return "the document expands beyond the YAML parser's safety limits: too many aliases, anchors or nodes".to_string();
    }
    sentence.to_string()
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
    /// The node a JSON pointer names, if it exists.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
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
        let key = key.replace("~1", "/").replace("~0", "~");
        match &self.pointer(parent)?.value {
            NodeValue::Map(entries) => entries.iter().find(|(k, _, _)| *k == key).map(|e| e.1),
            _ => None,
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

fn loc_of<T>(spanned: &Spanned<T>) -> Loc {
    let location = spanned.referenced;
    let span = location.span();
    Loc {
        line: location.line() as u32,
        column: location.column() as u32,
        offset: span.byte_offset().unwrap_or(0) as usize,
        len: span.byte_len().unwrap_or(0) as usize,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<NodeValue>::deserialize(deserializer)?;
        let loc = loc_of(&spanned);
        Ok(Node {
            value: spanned.value,
            loc,
        })
    }
}

impl<'de> Deserialize<'de> for NodeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = NodeValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }
    fn visit_none<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<NodeValue, D::Error> {
        NodeValue::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<NodeValue, E> {
        Ok(NodeValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<NodeValue, E> {
        Ok(NodeValue::Integer(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NodeValue, E> {
        Ok(i64::try_from(v).map_or(NodeValue::Float(v as f64), NodeValue::Integer))
    }
    fn visit_f64<E>(self, v: f64) -> Result<NodeValue, E> {
        Ok(NodeValue::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<NodeValue, E> {
        Ok(NodeValue::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<NodeValue, E> {
        Ok(NodeValue::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(NodeValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let loc = loc_of(&key);
            let value = map.next_value::<Node>()?;
            entries.push((key.value.0, loc, value));
        }
        Ok(NodeValue::Map(entries))
    }
}

/// A mapping key as text: YAML allows `1:` or `true:` as keys, JSON only has strings.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let node = NodeValue::deserialize(deserializer)?;
        match node {
            NodeValue::String(s) => Ok(KeyText(s)),
            NodeValue::Integer(i) => Ok(KeyText(i.to_string())),
            NodeValue::Bool(b) => Ok(KeyText(b.to_string())),
            NodeValue::Float(f) => Ok(KeyText(f.to_string())),
            NodeValue::Null => Ok(KeyText("null".into())),
            _ => Err(de::Error::custom(
                "a mapping key must be a plain value, not a list or a mapping",
            )),
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
        assert!(parse(&text).is_err());
    }
}
