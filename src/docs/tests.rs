//! Writing and checking pages on disk: freshness, diffs, added and removed pages.

use super::*;
use crate::catalog;

fn example_pages() -> Vec<Page> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let catalog = catalog::load(&root).expect("the example catalogue loads");
    generate(&catalog, &Unclassified).pages
}

#[test]
fn written_pages_are_fresh_and_a_second_write_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reference");
    let pages = example_pages();
    let written = write(&out, &pages).unwrap();
    assert_eq!(written.pages, pages.len());
    assert_eq!(written.changed, pages.len());
    assert!(check(&out, &pages).is_fresh());
    assert_eq!(
        write(&out, &pages).unwrap(),
        Written {
            pages: pages.len(),
            changed: 0,
            removed: vec![]
        }
    );
}

#[test]
fn check_reports_changed_missing_and_no_longer_generated_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reference");
    let pages = example_pages();
    write(&out, &pages).unwrap();
    let edited = out.join("events/meeting.created.md");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, text.replacen("- Owner:", "- Owned by:", 1)).unwrap();
    std::fs::remove_file(out.join("rules.md")).unwrap();
    let old_page = format!(
        "---\ntitle: \"gone\"\nsidebar_position: 9\n{}\n---\n\n# gone\n",
        markdown::GENERATOR_LINE
    );
    std::fs::write(out.join("events/gone.md"), old_page).unwrap();
    std::fs::write(
        out.join("events/hand-written.md"),
        "---\ntitle: mine\n---\n",
    )
    .unwrap();

    let staleness = check(&out, &pages);
    assert!(!staleness.is_fresh());
    assert_eq!(staleness.missing, ["rules.md"]);
    assert_eq!(staleness.no_longer_generated, ["events/gone.md"]);
    assert_eq!(staleness.changed.len(), 1);
    let (page, diff) = &staleness.changed[0];
    assert_eq!(page, "events/meeting.created.md");
    let display = catalog::display(&out);
    assert!(diff.starts_with(&format!(
        "--- {display}/events/meeting.created.md (on disk)\n+++ {display}/events/meeting.created.md (generated)\n@@"
    )), "{diff}");
    assert!(
        diff.contains("\n-- Owned by:") && diff.contains("\n+- Owner:"),
        "{diff}"
    );
    let report = staleness.render(&out, pages.len());
    assert!(report.ends_with(&format!(
        "would add {display}/rules.md\nwould remove {display}/events/gone.md (no longer generated)\n\n\
         {display} is stale: 1 page changed, 1 to add, 1 to remove; run `contract docs` to update it\n"
    )), "{report}");

    let written = write(&out, &pages).unwrap();
    assert_eq!(written.changed, 2);
    assert_eq!(written.removed, ["events/gone.md"]);
    assert!(check(&out, &pages).is_fresh());
    // A page the generator did not write is never removed.
    assert!(out.join("events/hand-written.md").is_file());
}

#[test]
fn every_page_path_is_unique_and_sorted() {
    let pages = example_pages();
    let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(paths, sorted);
    let migrations = paths
        .iter()
        .filter(|p| p.starts_with("migrations/"))
        .count();
    // The home page, the two indexes, the rules, and a page per contract.
    assert_eq!(paths.len(), 4 + 15 + migrations);
    // Every migration the example tables name exists, so every one is copied.
    assert_eq!(migrations, 16);
}

/// A stand-in for the evolution engines, to show what the pages do with classified changes.
struct Classified;

impl ChangeSource for Classified {
    fn changes(
        &self,
        contract: &crate::catalog::model::Contract,
        position: usize,
    ) -> Option<Vec<Change>> {
        (contract.id == "core.users").then(|| match position {
            1 => vec![Change {
                rule: "column-added".into(),
                level: crate::finding::Level::Info,
                path: "time_zone".into(),
                message: "column `time_zone` added | nullable".into(),
            }],
            _ => vec![],
        })
    }
}

#[test]
fn classified_changes_show_under_their_version_and_unclassified_ones_do_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let catalog = catalog::load(&root).unwrap();
    let page = |source: &dyn ChangeSource| {
        generate(&catalog, source)
            .pages
            .into_iter()
            .find(|page| page.path.as_str() == "tables/core.users.md")
            .unwrap()
            .text
    };
    let classified = page(&Classified);
    let version_2 = classified.split("### Version 2\n").nth(1).unwrap();
    let version_2 = version_2.split("### Version 1\n").next().unwrap();
    assert!(
        version_2.contains(
            "Changes from the previous version:\n\n| change | level | path | what |\n| --- | --- | --- | --- |\n\
             | `column-added` | info | `time_zone` | column `time_zone` added &#124; nullable |\n"
        ),
        "{version_2}"
    );
    let version_3 = classified.split("### Version 3\n").nth(1).unwrap();
    assert!(version_3.contains(
        "Changes from the previous version:\n\nNothing any compatibility rule reports: the changes are additive.\n"
    ));
    // Version 1 has no predecessor; unclassified pages say nothing about changes.
    assert_eq!(
        classified
            .matches("Changes from the previous version")
            .count(),
        2
    );
    assert!(!page(&Unclassified).contains("Changes from the previous version"));
}

#[test]
fn the_home_page_counts_the_catalogue_and_lists_teams_drafts_and_releases() {
    let pages = example_pages();
    let home = &pages
        .iter()
        .find(|p| p.path.as_str() == "index.md")
        .unwrap()
        .text;
    assert!(
        home.contains("| [event contracts](events.md) | 9 |"),
        "{home}"
    );
    assert!(
        home.contains("| [table contracts](database.md) | 6 |"),
        "{home}"
    );
    assert!(home.contains("## Teams\n"));
    assert!(home.contains("## Draft changes pending\n"));
    let recent = home.split("## Recent releases\n\n").nth(1).unwrap();
    let dates: Vec<&str> = recent
        .lines()
        .skip(2)
        .map(|line| line.trim_start_matches("| ").split(' ').next().unwrap())
        .collect();
    assert_eq!(dates.len(), 10, "{recent}");
    let mut newest_first = dates.clone();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
    // Every contract page is linked from the home page or an index it links to.
    for page in &pages {
        let path = page.path.as_str();
        if path.starts_with("events/") || path.starts_with("tables/") {
            let index = if path.starts_with("events/") {
                "events.md"
            } else {
                "database.md"
            };
            let index = &pages
                .iter()
                .find(|p| p.path.as_str() == index)
                .unwrap()
                .text;
            assert!(
                index.contains(&format!("]({path})")),
                "{path} is not linked"
            );
        }
    }
}

#[test]
fn adding_a_contract_changes_only_its_page_and_the_indexes() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let scratch = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&source) {
        let entry = entry.unwrap();
        let target = scratch
            .path()
            .join(entry.path().strip_prefix(&source).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let before = generate(&catalog::load(scratch.path()).unwrap(), &Unclassified).pages;
    let created =
        std::fs::read_to_string(scratch.path().join("events/meeting/created.yaml")).unwrap();
    // An id that sorts before every other event, the case that renumbered every page.
    let added = created.replacen("contract: meeting.created", "contract: aaa.first", 1);
    assert_ne!(added, created);
    std::fs::write(scratch.path().join("events/meeting/aaa.yaml"), added).unwrap();
    let after = generate(&catalog::load(scratch.path()).unwrap(), &Unclassified).pages;
    let text = |pages: &[Page], path: &str| {
        pages
            .iter()
            .find(|p| p.path.as_str() == path)
            .map(|p| p.text.clone())
    };
    let mut changed: Vec<&str> = after
        .iter()
        .map(|p| p.path.as_str())
        .filter(|path| text(&before, path) != text(&after, path))
        .collect();
    changed.sort_unstable();
    assert_eq!(changed, ["events.md", "events/aaa.first.md", "index.md"]);
}
