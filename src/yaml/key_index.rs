//! Constant-time key lookup in large mappings, for locating many findings in one file.
//!
//! A JSON pointer is resolved by looking each token up in its mapping. A linear scan is the right
//! cost for a contract (a dozen keys per mapping), but a lock whose 10,000 contracts are gone
//! yields 10,000 findings, each looked up among the 10,000 entries of `/contracts`: quadratic.
//! The index holds a hash map for each mapping large enough to matter and leaves the rest to the
//! scan, so its size stays proportional to the keys of those mappings.

use std::collections::HashMap;

use super::{MapEntry as Entry, Node, NodeValue};

/// Mappings with fewer entries than this are scanned: hashing would cost more than it saves.
const INDEXED_FROM: usize = 32;

/// The large mappings of one tree, each keyed by the address of its entries.
///
/// The tree must not change while the index is used: the addresses are those of the entry
/// buffers, which stay put as long as nothing is pushed onto them.
#[derive(Debug, Default)]
pub struct KeyIndex {
    maps: HashMap<usize, HashMap<String, usize>>,
}

impl KeyIndex {
    /// Indexes every mapping of `root` with at least `INDEXED_FROM` entries.
    pub fn of(root: &Node) -> KeyIndex {
        let mut maps = HashMap::new();
        // A stack rather than recursion: the tree may be as deep as the parser's budget allows.
        let mut pending = vec![root];
        while let Some(node) = pending.pop() {
            match &node.value {
                NodeValue::Map(entries) => {
                    if entries.len() >= INDEXED_FROM {
                        let mut keys = HashMap::with_capacity(entries.len());
                        for (position, (key, _, _)) in entries.iter().enumerate() {
                            // The first of two equal keys wins, as in the scan.
                            keys.entry(key.clone()).or_insert(position);
                        }
                        maps.insert(address(entries), keys);
                    }
                    pending.extend(entries.iter().map(|(_, _, child)| child));
                }
                NodeValue::Seq(items) => pending.extend(items),
                _ => {}
            }
        }
        KeyIndex { maps }
    }

    /// The entry of `entries` whose key is `key`.
    pub(super) fn find<'a>(&self, entries: &'a [Entry], key: &str) -> Option<&'a Entry> {
        match self.maps.get(&address(entries)) {
            Some(keys) => keys.get(key).map(|&position| &entries[position]),
            None => scan(entries, key),
        }
    }
}

/// The entry whose key is `key`, found by reading them in order.
pub(super) fn scan<'a>(entries: &'a [Entry], key: &str) -> Option<&'a Entry> {
    entries.iter().find(|(candidate, _, _)| candidate == key)
}

fn address(entries: &[Entry]) -> usize {
    entries.as_ptr() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_lookups_agree_with_the_scan() {
        let mut text = String::from("contracts:\n");
        for i in 0..100 {
            text.push_str(&format!("  c{i}: {{versions: [{i}]}}\n"));
        }
        text.push_str("small: {a: 1, b: 2}\n");
        let tree = crate::yaml::parse(&text).unwrap();
        let index = KeyIndex::of(&tree);
        assert_eq!(
            index.maps.len(),
            1,
            "only /contracts is large enough to index"
        );
        for pointer in [
            "/contracts/c0",
            "/contracts/c57/versions/0",
            "/contracts/c99",
            "/contracts/c100",
            "/contracts/c5/missing",
            "/small/b",
            "/nowhere",
        ] {
            let plain = tree.pointer(pointer).map(|node| node.loc);
            let indexed = tree.pointer_with(pointer, &index).map(|node| node.loc);
            assert_eq!(plain, indexed, "{pointer}");
            assert_eq!(tree.locate(pointer), tree.locate_with(pointer, &index));
            assert_eq!(tree.key_loc(pointer), tree.key_loc_with(pointer, &index));
        }
    }
}
