//! A contract's lineage as a Mermaid flowchart: the events a read model is built from
//! (`derived_from`), the read models built from an event, and compensating events
//! (`compensates`), one hop around the contract.

use super::Site;
use crate::catalog::Loaded;
use std::collections::BTreeMap;
use std::fmt::Write;

/// An edge of the lineage graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Edge<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub relation: Relation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Relation {
    /// `to` is a read model built from `from`.
    Feeds,
    /// `from` is an event that corrects `to`.
    Compensates,
}

/// Every edge touching `loaded`, sorted.
pub(super) fn edges<'a>(site: &Site<'a>, loaded: &'a Loaded) -> Vec<Edge<'a>> {
    let id = loaded.contract.id.as_str();
    let mut edges = Vec::new();
    if let Some(table) = loaded.contract.as_table() {
        for source in &table.derived_from {
            edges.push(Edge {
                from: source,
                to: id,
                relation: Relation::Feeds,
            });
        }
    }
    if let Some(event) = loaded.contract.as_event() {
        if let Some(original) = event.compensated() {
            edges.push(Edge {
                from: id,
                to: original,
                relation: Relation::Compensates,
            });
        }
        for model in site.read_models.get(id).into_iter().flatten() {
            edges.push(Edge {
                from: id,
                to: model,
                relation: Relation::Feeds,
            });
        }
        for correction in site.compensated_by.get(id).into_iter().flatten() {
            edges.push(Edge {
                from: correction,
                to: id,
                relation: Relation::Compensates,
            });
        }
    }
    edges.sort();
    edges.dedup();
    edges
}

/// The Mermaid source for `edges` around `center`. Node ids are generated (`n0`, `n1`, …) and
/// labels quoted, so no contract id can break the diagram.
pub(super) fn mermaid(center: &str, edges: &[Edge]) -> String {
    let mut nodes: BTreeMap<&str, usize> = BTreeMap::new();
    nodes.insert(center, 0);
    for edge in edges {
        for id in [edge.from, edge.to] {
            let next = nodes.len();
            nodes.entry(id).or_insert(next);
        }
    }
    let mut ordered: Vec<(&str, usize)> = nodes.iter().map(|(id, n)| (*id, *n)).collect();
    ordered.sort_by_key(|(_, n)| *n);
    let mut out = String::from("flowchart LR\n");
    for (id, n) in &ordered {
        let _ = writeln!(out, "    n{n}[\"{}\"]", label(id));
    }
    for edge in edges {
        let arrow = match edge.relation {
            Relation::Feeds => "-->|feeds|",
            Relation::Compensates => "-.->|compensates|",
        };
        let _ = writeln!(out, "    n{} {arrow} n{}", nodes[edge.from], nodes[edge.to]);
    }
    let _ = writeln!(out, "    style n0 stroke-width:3px");
    out
}

/// Mermaid's own escape for a quote inside a quoted label; ids never hold one, this is defence.
fn label(id: &str) -> String {
    id.replace('"', "#quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_are_numbered_and_labels_quoted() {
        let edges = [
            Edge {
                from: "a.created",
                to: "core.a",
                relation: Relation::Feeds,
            },
            Edge {
                from: "a.deleted",
                to: "a.created",
                relation: Relation::Compensates,
            },
        ];
        assert_eq!(
            mermaid("a.created", &edges),
            "flowchart LR\n    n0[\"a.created\"]\n    n1[\"core.a\"]\n    n2[\"a.deleted\"]\n    \
             n0 -->|feeds| n1\n    n2 -.->|compensates| n0\n    style n0 stroke-width:3px\n"
        );
        assert_eq!(label("x\"y"), "x#quot;y");
    }
}
