//! `contract-invalid`: a file that is not valid YAML or does not follow the contract format.

use super::{Category, Check, Rule};
use crate::finding::Level;

pub static RULE: Rule = Rule {
    id: "contract-invalid",
    summary: "A file in the catalogue is not valid YAML or breaks the contract format",
    rationale: "Nothing else can be checked in a file the tool cannot read: a typo in a key, a \
wrong type or broken YAML would otherwise hide the very problems the other rules exist to catch. \
The file format is published as a JSON Schema (schemas/contract.schema.json) that editors can use \
for completion. Unreadable entries (symlink loops, unreadable files, files over 4 MB, invalid \
UTF-8) are reported here too. Reported by the loader; every other file is still checked.",
    example: "contract: meeting.created\nkind: event\ndescripton: A meeting was created.   # unknown key: did you mean `description`?",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Loader,
};
