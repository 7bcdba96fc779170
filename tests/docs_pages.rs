//! Snapshots of every page `contract docs` generates, for the example catalogue and for a
//! fixture catalogue of awkward text (pipes, HTML, backticks, very long descriptions, deep
//! nesting, unicode, drafts, accepted findings, unknown references, a broken file).

use contract::catalog;
use contract::docs::{self, Unclassified};
use std::path::Path;

fn snapshot_catalogue(name: &str, root: &str) -> docs::Generated {
    let catalog = catalog::load(Path::new(root)).expect("the catalogue loads");
    let generated = docs::generate(&catalog, &Unclassified);
    for page in &generated.pages {
        let snapshot = format!("{name}__{}", page.path.as_str().replace('/', "__"));
        insta::assert_snapshot!(snapshot, page.text);
    }
    generated
}

#[test]
fn example_catalogue_pages() {
    let generated = snapshot_catalogue("example", "contracts");
    assert_eq!(generated.notes, Vec::<String>::new());
}

#[test]
fn awkward_catalogue_pages() {
    let generated = snapshot_catalogue("awkward", "fixtures/docs/awkward");
    assert_eq!(
        generated.notes,
        [
            "skipped fixtures/docs/awkward/broken.yaml: it does not load (invalid YAML: unclosed \
          bracket '['); `contract check` says why"
        ]
    );
    let paths: Vec<&str> = generated.pages.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "database.md",
            "events.md",
            "events/odd.pipes-and-html.md",
            "events/orphan.event.md",
            "events/unicode.event.md",
            "index.md",
            "migrations/odd.table.v1.sql",
            "rules.md",
            "tables/lonely.table.md",
            "tables/odd.table.md",
        ]
    );
}

#[test]
fn generation_is_deterministic() {
    for root in ["contracts", "fixtures/docs/awkward"] {
        let catalog = catalog::load(Path::new(root)).unwrap();
        let first = docs::generate(&catalog, &Unclassified).pages;
        let again = docs::generate(&catalog::load(Path::new(root)).unwrap(), &Unclassified).pages;
        assert_eq!(first, again, "{root}");
    }
}

/// Table cells must never carry a raw pipe, tag or line break from user text: every row of
/// every table in the awkward pages has exactly as many cells as its header.
#[test]
fn awkward_text_never_breaks_a_table() {
    let catalog = catalog::load(Path::new("fixtures/docs/awkward")).unwrap();
    for page in docs::generate(&catalog, &Unclassified).pages {
        let mut columns = None;
        for line in page.text.lines() {
            if !line.starts_with('|') {
                columns = None;
                continue;
            }
            let cells = line.matches(" |").count();
            assert_eq!(
                *columns.get_or_insert(cells),
                cells,
                "{}: {line}",
                page.path.as_str()
            );
        }
        let outside_code = outside_code(&page.text);
        for tag in [
            "<b>", "<script>", "<em>", "<i>", "<br>", "<label>", "<until>",
        ] {
            assert!(
                !outside_code.contains(tag),
                "{}: raw {tag}",
                page.path.as_str()
            );
        }
    }
}

/// The text outside fenced code blocks and code spans, which show their text literally.
fn outside_code(text: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<String> = None;
    for line in text.lines() {
        let ticks: String = line.chars().take_while(|&c| c == '`').collect();
        match &fence {
            Some(open) if line.trim_end() == open.as_str() => fence = None,
            Some(_) => {}
            None if ticks.len() >= 3 => fence = Some(ticks),
            None => {
                let unescaped = line.replace("\\`", "");
                out.extend(unescaped.split('`').step_by(2));
                out.push('\n');
            }
        }
    }
    out
}
