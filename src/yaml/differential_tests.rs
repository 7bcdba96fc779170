//! The fast path held to the reference: whenever [`fast::parse`] returns a tree, the event-based
//! path must return the same tree, every location included. The real files and generated
//! documents below are the specification of the fast path.

use super::{MAX_NODES, Node, NodeValue, fast, parse_events};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[path = "../../examples/common/synthetic.rs"]
mod synthetic;

/// The first difference between two trees, as a path and a description.
fn difference(fast: &Node, reference: &Node, path: &str) -> Option<String> {
    if fast.loc != reference.loc {
        return Some(format!(
            "{path}: at {:?}, reference {:?}",
            fast.loc, reference.loc
        ));
    }
    let mismatch = || Some(format!("{path}: {:?} vs {:?}", fast.value, reference.value));
    match (&fast.value, &reference.value) {
        (NodeValue::Null, NodeValue::Null) => None,
        (NodeValue::Bool(a), NodeValue::Bool(b)) if a == b => None,
        (NodeValue::Integer(a), NodeValue::Integer(b)) if a == b => None,
        (NodeValue::Unsigned(a), NodeValue::Unsigned(b)) if a == b => None,
        (NodeValue::Float(a), NodeValue::Float(b))
            if a.to_bits() == b.to_bits() || a.is_nan() && b.is_nan() =>
        {
            None
        }
        (NodeValue::String(a), NodeValue::String(b)) if a == b => None,
        (NodeValue::Seq(a), NodeValue::Seq(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (a, b))| difference(a, b, &format!("{path}/{i}"))),
        (NodeValue::Map(a), NodeValue::Map(b)) if a.len() == b.len() => {
            a.iter().zip(b).find_map(|((ka, la, a), (kb, lb, b))| {
                if ka != kb || la != lb {
                    Some(format!(
                        "{path}: key {ka:?} at {la:?}, reference {kb:?} at {lb:?}"
                    ))
                } else {
                    difference(a, b, &format!("{path}/{ka}"))
                }
            })
        }
        _ => mismatch(),
    }
}

/// Runs both paths on `text`; panics if the fast one accepts what the reference refuses or
/// builds another tree. Returns whether the fast path took the text.
fn agree(text: &str, budget: usize) -> bool {
    let Some(fast) = fast::parse(text, budget) else {
        return false;
    };
    match parse_events(text, budget) {
        Ok(reference) => {
            if let Some(difference) = difference(&fast, &reference, "") {
                panic!("the fast path built another tree: {difference}\n{text:?}");
            }
        }
        Err(error) => panic!(
            "the fast path accepted what the reference refuses ({}):\n{text:?}",
            error.message
        ),
    }
    true
}

fn agrees(text: &str) -> bool {
    agree(text, MAX_NODES)
}

/// Every YAML file and lock under `dir` of the repository, with its text.
fn files_under(dir: &str) -> Vec<(PathBuf, String)> {
    files_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
}

/// A small catalogue from the benchmarks' generator, with its lock: what the fast path is for.
fn synthetic_files() -> &'static [(PathBuf, String)] {
    static FILES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("contracts");
        synthetic::generate(&root, 6);
        // Test-only and upward: the lock `contract release` writes is one of the inputs the
        // fast path must read exactly as the reference parser does.
        crate::commands::release::init_lock(&root).unwrap();
        files_in(&root)
    })
}

fn files_in(root: &Path) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml" || ext == "lock")
        })
        // A fixture that is not UTF-8 never reaches the parser.
        .filter_map(|path| Some((path.clone(), std::fs::read_to_string(&path).ok()?)))
        .collect();
    files.sort();
    files
}

#[test]
fn the_fast_path_takes_the_whole_synthetic_catalogue_and_its_lock() {
    let files = synthetic_files();
    assert!(files.len() > 6, "{files:?}");
    for (path, text) in files {
        assert!(agree(text, text.len()), "left to the reference: {path:?}");
    }
    assert!(
        files
            .iter()
            .any(|(path, _)| path.ends_with("contracts.lock"))
    );
}

#[test]
fn the_fast_path_agrees_with_the_reference_on_every_real_file() {
    // The example catalogue takes the fast path whole; so do nearly all the valid fixtures (the
    // rest use aliases, or split a flow scalar at a comma into a key without a value).
    for (path, text) in files_under("contracts") {
        assert!(agree(&text, text.len()), "left to the reference: {path:?}");
    }
    let fixtures = files_under("fixtures");
    let valid = fixtures
        .iter()
        .filter(|(_, text)| parse_events(text, text.len()).is_ok())
        .count();
    let taken = fixtures
        .iter()
        .filter(|(_, text)| agree(text, text.len()))
        .count();
    assert!(
        taken * 100 >= valid * 95,
        "{taken} of {valid} valid fixtures"
    );
}

/// Pieces of plain scalars: ordinary ones, and things that resolve to numbers, booleans or null.
const WORDS: &[&str] = &[
    "a",
    "b",
    "key",
    "x y",
    "a.b",
    "(x)",
    "$ref",
    "/p",
    "é",
    "数据",
    "🚀",
    "it's",
    "a-b",
    "1",
    "-1",
    "+1",
    "01",
    "0x1f",
    "0o17",
    "1.5",
    "-.5",
    "1e3",
    "1_000",
    ".inf",
    "-.Inf",
    ".nan",
    "null",
    "Null",
    "~",
    "true",
    "False",
    "yes",
    "2026-01-12",
];

/// Awkward pieces: indicators, mapping and comment markers, spaces, document markers.
const AWKWARD: &[&str] = &[
    "a:b", "a: b", "a:", "a #b", "a#b", "#", "-", "- a", "--", "-a", "---", "...", "[a]", "{a}",
    "a,b", "a]", "a}", "'", "\"", "?", "? a", ":", ":a", "!t", "&a", "*a", "|", ">", "%", "@", "`",
    "<<", " ", "  ", "\\", "\u{a0}", "\u{85}", "\u{2028}",
];

/// Escapes inside double quotes, valid and not.
const ESCAPES: &[&str] = &[
    "\\n",
    "\\t",
    "\\\\",
    "\\\"",
    "\\x41",
    "\\u00e9",
    "\\U0001F600",
    "\\/",
    "\\ ",
    "\\0",
    "\\N",
    "\\_",
    "\\q",
    "\\ud800",
    "\\",
    "\\x4",
    "\\e",
    "'",
    "''",
];

/// Keys, with duplicates likely and a few that must be refused or resolved.
const KEYS: &[&str] = &[
    "a",
    "b",
    "c",
    "1",
    "01",
    "1.0",
    "'a'",
    "\"b\"",
    "\"\\u0061\"",
    "null",
    "~",
    "true",
    "<<",
    "a b",
    "a:b",
    "? a",
    "- a",
    "[a]",
    "é",
    "0x1",
    "-",
    "'it''s'",
    "\"x\\\"y\"",
    "a ",
];

fn word() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        8 => prop::sample::select(WORDS),
        1 => prop::sample::select(AWKWARD),
    ]
}

fn plain() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..4).prop_map(|words| words.concat())
}

fn one_line_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => plain(),
        1 => prop::collection::vec(word(), 0..3)
            .prop_map(|words| format!("'{}'", words.concat().replace('\'', "''"))),
        1 => prop::collection::vec(word(), 0..3)
            .prop_map(|words| format!("'{}'", words.concat())),
        2 => prop::collection::vec(prop_oneof![word(), prop::sample::select(ESCAPES)], 0..4)
            .prop_map(|words| format!("\"{}\"", words.concat().replace('"', "\\\""))),
        1 => prop::collection::vec(prop::sample::select(ESCAPES), 0..3)
            .prop_map(|words| format!("\"{}\"", words.concat())),
    ]
}

/// A flow collection or scalar, mostly on one line, with random spacing.
fn flow() -> impl Strategy<Value = String> {
    let space = prop_oneof![
        6 => prop::sample::select(&["", " ", "  "][..]),
        1 => prop::sample::select(&["\n", "\n ", "\n    ", " # c\n   ", "\n\n  "][..]),
    ];
    one_line_scalar().prop_recursive(4, 24, 4, move |inner| {
        prop_oneof![
            (
                prop::collection::vec((inner.clone(), space.clone()), 0..4),
                space.clone()
            )
                .prop_map(|(items, before)| {
                    let items: Vec<String> = items
                        .into_iter()
                        .map(|(item, after)| item + after)
                        .collect();
                    format!("[{before}{}]", items.join(","))
                }),
            (
                prop::collection::vec(
                    (
                        prop::sample::select(KEYS),
                        space.clone(),
                        inner,
                        space.clone()
                    ),
                    0..4
                ),
                space.clone()
            )
                .prop_map(|(entries, before)| {
                    let entries: Vec<String> = entries
                        .into_iter()
                        .map(|(key, colon, value, after)| format!("{key}:{colon}{value}{after}"))
                        .collect();
                    format!("{{{before}{}}}", entries.join(", "))
                }),
        ]
    })
}

/// A block scalar: its header, then its lines as (extra indentation, text).
fn block_scalar() -> impl Strategy<Value = (String, Vec<(usize, String)>)> {
    (
        prop::sample::select(&["|", "|-", ">", ">-", "|+", ">2", "| # c", ">-  "][..]),
        prop::collection::vec(
            prop_oneof![
                3 => (Just(0usize), plain()),
                1 => (0usize..3, plain()),
                1 => (0usize..4, Just(String::new())),
            ],
            0..5,
        ),
    )
        .prop_map(|(header, lines)| (header.to_string(), lines))
}

/// A document tree, rendered with random styles.
#[derive(Debug, Clone)]
enum Tree {
    /// A scalar or a flow collection on one line.
    Inline(String),
    Block(String, Vec<(usize, String)>),
    /// Entries, and how much deeper than their parent they are indented.
    Map(Vec<(String, Tree)>, usize),
    /// Items, their extra indentation, and whether (as a mapping value) they stay in the key's
    /// column.
    Seq(Vec<Tree>, usize, bool),
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        3 => one_line_scalar().prop_map(Tree::Inline),
        1 => flow().prop_map(Tree::Inline),
        1 => block_scalar().prop_map(|(header, lines)| Tree::Block(header, lines)),
        1 => Just(Tree::Inline(String::new())),
    ];
    leaf.prop_recursive(5, 40, 5, |inner| {
        prop_oneof![
            (
                prop::collection::vec((prop::sample::select(KEYS), inner.clone()), 1..5),
                1usize..4
            )
                .prop_map(|(entries, step)| Tree::Map(
                    entries
                        .into_iter()
                        .map(|(key, value)| (key.to_string(), value))
                        .collect(),
                    step
                )),
            (prop::collection::vec(inner, 1..5), 1usize..4, any::<bool>())
                .prop_map(|(items, step, indentless)| Tree::Seq(items, step, indentless)),
        ]
    })
}

/// Writes `tree` as the value that follows `lead` (a key's `:`, a `-`, or nothing at the
/// root), inside a block collection in column `indent`.
fn render(tree: &Tree, indent: usize, lead: &str, out: &mut String) {
    match tree {
        Tree::Inline(text) => {
            out.push_str(lead);
            if !text.is_empty() {
                out.push(' ');
                out.push_str(text);
            }
            out.push('\n');
        }
        Tree::Block(header, lines) => {
            out.push_str(lead);
            out.push(' ');
            out.push_str(header);
            out.push('\n');
            for (extra, line) in lines {
                if !line.is_empty() {
                    out.push_str(&" ".repeat(indent + 2 + extra));
                } else {
                    out.push_str(&" ".repeat(*extra));
                }
                out.push_str(line);
                out.push('\n');
            }
        }
        Tree::Map(entries, step) => {
            // After a `-`, the first key shares the line (a compact mapping).
            let compact = lead.ends_with('-');
            let column = if compact {
                out.push_str(lead);
                out.push(' ');
                indent + 2
            } else {
                out.push_str(lead);
                if !lead.is_empty() {
                    out.push('\n');
                }
                indent + step
            };
            for (n, (key, value)) in entries.iter().enumerate() {
                if n > 0 || !compact {
                    out.push_str(&" ".repeat(column));
                }
                render(value, column, &format!("{key}:"), out);
            }
        }
        Tree::Seq(items, step, indentless) => {
            let compact = lead.ends_with('-');
            let column = if compact {
                out.push_str(lead);
                out.push(' ');
                indent + 2
            } else {
                out.push_str(lead);
                if !lead.is_empty() {
                    out.push('\n');
                }
                if *indentless && lead.ends_with(':') {
                    indent
                } else {
                    indent + step
                }
            };
            for (n, item) in items.iter().enumerate() {
                if n > 0 || !compact {
                    out.push_str(&" ".repeat(column));
                }
                render(item, column, "-", out);
            }
        }
    }
}

/// A document from `tree`, with comments and blank lines sprinkled over it as `decoration`
/// says (one choice per line).
fn document(tree: &Tree, decoration: &[u8]) -> String {
    let text = bare_document(tree);
    let mut out = String::with_capacity(text.len() * 2);
    for (line, choice) in text
        .lines()
        .zip(decoration.iter().chain(std::iter::repeat(&0)))
    {
        out.push_str(line);
        match choice {
            1 => out.push_str(" # c"),
            2 => out.push_str("  #: c"),
            3 => out.push('\n'),
            4 => out.push_str("\n  # c"),
            5 => out.push_str("\n# c"),
            6 => out.push_str("\n     "),
            _ => {}
        }
        out.push('\n');
    }
    out
}

fn decoration() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => Just(Vec::new()),
        1 => prop::collection::vec(prop_oneof![12 => Just(0u8), 1 => 1u8..7], 0..40),
    ]
}

fn bare_document(tree: &Tree) -> String {
    let mut out = String::new();
    match tree {
        Tree::Map(..) | Tree::Seq(..) => render(tree, 0, "", &mut out),
        Tree::Inline(text) if text.starts_with(['[', '{']) => {
            out.push_str(text);
            out.push('\n');
        }
        Tree::Inline(_) | Tree::Block(..) => render(tree, 0, "a:", &mut out),
    }
    out
}

/// A small edit of a text: delete or insert at a relative position.
#[derive(Debug, Clone)]
enum Edit {
    Delete(f64, usize),
    Insert(f64, &'static str),
}

const INSERTS: &[&str] = &[
    " ", "  ", "\n", "\n\n", "#", " # c", ":", ": ", "-", "- ", ",", "[", "]", "{", "}", "'", "\"",
    "\\", "|", ">", "&a ", "*a", "!!str ", "? ", "é", "\t", "\r", "---\n", "...\n", "a", "1",
    "\n  ", "\n#c\n", "\n- ", "\na: ",
];

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            (0.0..1.0f64, 1usize..4).prop_map(|(at, len)| Edit::Delete(at, len)),
            (0.0..1.0f64, prop::sample::select(INSERTS)).prop_map(|(at, s)| Edit::Insert(at, s)),
        ],
        0..4,
    )
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_string();
    for edit in edits {
        let at = |fraction: f64, text: &str| {
            let mut at = (fraction * text.len() as f64) as usize;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        match edit {
            Edit::Delete(fraction, len) => {
                let from = at(*fraction, &text);
                let to = text[from..]
                    .char_indices()
                    .nth(*len)
                    .map_or(text.len(), |(i, _)| from + i);
                text.replace_range(from..to, "");
            }
            Edit::Insert(fraction, insert) => {
                let at = at(*fraction, &text);
                text.insert_str(at, insert);
            }
        }
    }
    text
}

proptest! {
    #[test]
    fn generated_documents_agree(tree in tree(), decoration in decoration(), edits in edits()) {
        let text = apply(&document(&tree, &decoration), &edits);
        agrees(&text);
    }

    #[test]
    fn generated_documents_without_edits_agree(tree in tree(), decoration in decoration()) {
        agrees(&document(&tree, &decoration));
    }

    #[test]
    fn edited_real_files_agree(file in any::<prop::sample::Index>(), edits in edits()) {
        let files = real_files();
        let text = apply(&files[file.index(files.len())].1, &edits);
        agrees(&text);
    }
}

/// The contracts of the example catalogue and the synthetic catalogue, read once.
fn real_files() -> &'static [(PathBuf, String)] {
    static FILES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut files = files_under("contracts");
        files.extend(synthetic_files().iter().cloned());
        files
    })
}

/// The generated documents must reach the fast path often, or the properties above test only
/// that it bails.
#[test]
fn the_fast_path_takes_most_generated_documents() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut taken, mut edited_taken) = (0, 0);
    for _ in 0..400 {
        let tree = tree().new_tree(&mut runner).unwrap().current();
        let decoration = decoration().new_tree(&mut runner).unwrap().current();
        let edits = edits().new_tree(&mut runner).unwrap().current();
        let text = document(&tree, &decoration);
        taken += usize::from(agrees(&text));
        edited_taken += usize::from(agrees(&apply(&text, &edits)));
    }
    eprintln!("taken: {taken}/400 generated, {edited_taken}/400 edited");
    assert!(taken > 100 && edited_taken > 50, "{taken}, {edited_taken}");
}

/// Runs both paths on `text`, asserting that they agree and that the fast path took it.
fn taken(text: &str) -> Node {
    assert!(agrees(text), "left to the reference: {text:?}");
    fast::parse(text, MAX_NODES).unwrap()
}

fn at(node: &Node) -> (u32, u32, usize) {
    (node.loc.line, node.loc.column, node.loc.len)
}

#[test]
fn the_fast_path_locates_nodes_as_granit_does() {
    // A block mapping starts at its first key, a block sequence at its `-`, both empty.
    let tree = taken("a:\n  - x\n");
    assert_eq!(at(&tree), (1, 1, 0));
    assert_eq!(at(tree.pointer("/a").unwrap()), (2, 3, 0));
    // In a key's own column, a sequence starts after its first `-` and the spaces after it.
    let tree = taken("a:\n-   x\n");
    assert_eq!(at(tree.pointer("/a").unwrap()), (2, 5, 0));
    // An empty value is a null at its key's `:`, whatever follows it.
    let tree = taken("key:   # c\n\nb: 1\n");
    assert_eq!(at(tree.pointer("/key").unwrap()), (1, 4, 0));
    // An empty item is a null after its `-` and spaces.
    let tree = taken("- \n-\n-    \n");
    let items: Vec<_> = (0..3)
        .map(|i| at(tree.pointer(&format!("/{i}")).unwrap()))
        .collect();
    assert_eq!(items, [(1, 3, 0), (2, 2, 0), (3, 6, 0)]);
    // Flow collections are their opening bracket; quoted scalars include their quotes.
    let tree = taken("a: {b: ['c']}\n");
    assert_eq!(at(tree.pointer("/a").unwrap()), (1, 4, 1));
    assert_eq!(at(tree.pointer("/a/b").unwrap()), (1, 8, 1));
    assert_eq!(at(tree.pointer("/a/b/0").unwrap()), (1, 9, 3));
    // A block scalar runs from its first character over the blank lines after it and the next
    // line's indentation, up to the scalar's own.
    let tree = taken("b:\n  j: |\n      hi\n\n  g: 1\n");
    assert_eq!(at(tree.pointer("/b/j").unwrap()), (3, 7, 6));
    // Columns count characters, not bytes.
    let tree = taken("é: [数据, b]\n");
    assert_eq!(at(tree.pointer("/é/1").unwrap()), (1, 9, 1));
}

#[test]
fn block_scalars_chomp_and_fold_as_granit_does() {
    let tree = taken("a: |-\n  x\n  y\n\n  z\n\n\nb: >-\n  x\n  y\n\n  z\n  \nc: >\n  p\n  # q\n");
    assert_eq!(tree.to_json()["a"], "x\ny\n\nz");
    assert_eq!(tree.to_json()["b"], "x y\nz");
    assert_eq!(tree.to_json()["c"], "p # q\n");
    let tree = taken("- |\n   x\n     y\n # not content\n- 1\n");
    assert_eq!(tree.to_json()[0], "x\n  y\n");
}

#[test]
fn what_the_fast_path_is_unsure_of_is_left_to_the_reference() {
    for text in [
        // granit puts these nulls and sequences after the comment.
        "- # c\n",
        "a:\n- # c\n  x\n",
        // Block scalars: empty, without a final line break, keeping, with an indentation
        // indicator, with a more-indented line folded, starting with a blank line.
        "a: |\n",
        "a: |\n  x",
        "a: |+\n  x\n",
        "a: |2\n   x\n",
        "a: >\n  x\n   y\n",
        "a: |\n\n  x\n",
        // Flow collections: a key without a value, a trailing comma, `:` without a space.
        "{a, b: c}\n",
        "[a, b, ]\n",
        "{a:b}\n",
        "{\"a\":1}\n",
        // Plain scalars over two lines, and quoted ones.
        "a: b\n  c\n",
        "a: 'b\n  c'\n",
        "a: \"b\\\n  c\"\n",
        // Anchors, aliases, tags, complex keys, merge keys, duplicates.
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "? a\n: 1\n",
        "a: {<<: {b: 1}}\n",
        "a: 1\na: 2\n",
        "1: a\n01: b\n",
        // Characters and markers the parser never sees.
        "a:\tb\n",
        "a: b\r\n",
        "\u{feff}a: b\n",
        "a: b\n...\n",
        "a: b\n---\nc: d\n",
        "%YAML 1.2\n---\na: b\n",
        // Documents that are a scalar or nothing.
        "just text\n",
        "# nothing\n",
    ] {
        assert!(fast::parse(text, MAX_NODES).is_none(), "{text:?}");
    }
}

#[test]
fn the_limits_are_left_to_the_reference() {
    // Nesting: 128 collections are fine, the 129th is the reference's error to report.
    let nested = |depth: usize| format!("{}{}\n", "[".repeat(depth), "]".repeat(depth));
    taken(&nested(128));
    assert!(fast::parse(&nested(129), MAX_NODES).is_none());
    assert!(parse_events(&nested(129), MAX_NODES).is_err());
    // The node budget counts keys, values and collections, as the reference does.
    let text = "a: [1, 2, 3]\nb: {c: d}\n";
    assert!(agree(text, 10));
    assert!(!agree(text, 9));
    assert!(parse_events(text, 9).is_err());
    // Keys: YAML allows 1024 characters; the fast path stops short of that.
    taken(&format!("{}: 1\n", "k".repeat(1000)));
    assert!(fast::parse(&format!("{}: 1\n", "k".repeat(1001)), MAX_NODES).is_none());
}

#[test]
fn a_text_ending_inside_a_flow_collection_is_left_to_the_reference() {
    // Regression: a plain scalar could "start" at the end of the text and run past it.
    for text in ["[", "a: [b, ", "{a: ", "- {a: [", "[a,\n"] {
        assert!(fast::parse(text, MAX_NODES).is_none(), "{text:?}");
    }
}

/// Every location's byte offset is the one its line and column name, on every real file: the
/// report can slice the text at it. (The fast path's locations equal these, by the tests above.)
#[test]
fn offsets_agree_with_lines_and_columns() {
    fn check(loc: super::Loc, what: &str, text: &str, bad: &mut Vec<String>) {
        let at = super::loc_at(text, loc.line, loc.column).offset;
        if at != loc.offset {
            bad.push(format!("{what} {loc:?} expected offset {at}"));
        }
    }
    fn walk(node: &Node, text: &str, bad: &mut Vec<String>) {
        check(node.loc, "node", text, bad);
        match &node.value {
            NodeValue::Seq(items) => items.iter().for_each(|i| walk(i, text, bad)),
            NodeValue::Map(entries) => entries.iter().for_each(|(k, l, v)| {
                check(*l, k, text, bad);
                walk(v, text, bad)
            }),
            _ => {}
        }
    }
    let mut bad = Vec::new();
    for (path, text) in files_under("contracts")
        .into_iter()
        .chain(files_under("fixtures"))
    {
        if let Ok(tree) = parse_events(&text, MAX_NODES) {
            let before = bad.len();
            walk(&tree, &text, &mut bad);
            if bad.len() > before {
                bad.insert(before, format!("== {}", path.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad[..bad.len().min(30)].join("\n"));
}

#[test]
fn the_fast_path_resolves_scalars_and_keys_exactly_as_the_reference() {
    // Regression: a signed hex or octal (`0x+1F`) was an integer; the core schema says text.
    let tree = taken("a: [0x+1F, 0o-17, 0o17, 0x1F, 18446744073709551615, -9223372036854775808]\n");
    assert_eq!(
        tree.to_json()["a"].to_string(),
        r#"["0x+1F","0o-17",15,31,18446744073709551615,-9223372036854775808]"#
    );
    // Keys that are not text keep their spelling: `1` and `1.0` are two keys.
    let tree = taken("1: a\n1.0: b\n");
    assert_eq!(tree.to_json().to_string(), r#"{"1":"a","1.0":"b"}"#);
    let tree = taken("m: {1: a, 1.0: b, true: c, ~: d}\n");
    assert_eq!(
        tree.to_json()["m"].to_string(),
        r#"{"1":"a","1.0":"b","true":"c","~":"d"}"#
    );
}

#[test]
fn what_the_reference_refuses_exactly_is_left_to_it() {
    for text in [
        // Numbers JSON cannot hold.
        "a: .inf\n",
        "a: [-.Inf]\n",
        "a: .NaN\n",
        "a: 1e400\n",
        "a: 18446744073709551616\n",
        "a: -9223372036854775809\n",
        "a: {b: 0x10000000000000000}\n",
        // The same key spelt twice, and two keys JSON cannot tell apart.
        "1: a\n0x1: b\n",
        "{null: a, ~: b}\n",
        "1: a\n'1': b\n",
        "'1': a\n1: b\n",
        // Tags.
        "owner: !!null meetings\n",
        "a: !Ref b\n",
    ] {
        assert!(fast::parse(text, MAX_NODES).is_none(), "{text:?}");
        assert!(parse_events(text, MAX_NODES).is_err(), "{text:?}");
    }
}
