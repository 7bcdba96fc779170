//! The comparer: loads schema nodes (following local `$ref`s), bounds depth and work, and
//! dispatches each pair of nodes to the keyword families.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use serde_json::{Map, Value};

use super::combined::{self, Criterion};
use super::difference::DifferenceKind;
use super::empty;
use super::equality::{json_equal, same_text_through_refs, same_text_without_refs};
use super::finite;
use super::refs;
use super::sets;
use super::{Difference, MAX_DEPTH, MAX_WORK, Policy, SchemaError};
use super::{applicators, array, object, scalar};

/// Validation keywords this checker does not model; any change to them is reported as
/// `UNCHECKED_KEYWORD_CHANGED` rather than silently passed.
const UNCHECKED_KEYWORDS: &[&str] = &[
    "unevaluatedItems",
    "unevaluatedProperties",
    "$dynamicRef",
    "$recursiveRef",
];

/// The most `$ref` hops followed from one place before giving up with `RefCycle`.
const MAX_REF_HOPS: usize = 64;

/// A schema as the comparer sees it: its keyword maps (more than one when a `$ref` has
/// validation keywords beside it, which 2020-12 applies together with the target).
pub(crate) struct Node<'a> {
    /// The maps whose keywords apply, nearest first.
    layers: Vec<(&'a Map<String, Value>, String)>,
    /// `false`, or a `$ref` to it: nothing validates.
    pub(crate) is_false: bool,
    /// The pointer reported when a keyword is absent: the schema's own place (the `$ref`
    /// target for a reference).
    pub(crate) path: String,
    /// The value and pointer this node was loaded from, before following references.
    pub(crate) origin: (&'a Value, String),
    /// Set when a `$ref` was followed: identifies the node for cycle detection and memoising.
    ref_key: Option<String>,
    /// For a bare `$ref` (only annotations beside it): the referencing object, whose
    /// `description` and `title` still describe this use of the definition.
    site: Option<(&'a Map<String, Value>, String)>,
    /// Each known keyword's value and the index of the layer holding it, filled by one pass
    /// over the maps: keyword look-ups are then array reads, not hashes (they dominated the
    /// profile).
    slots: [Option<(&'a Value, u8)>; KEYWORDS.len()],
    /// Keywords read under another one's name (see [`unevaluated_as_content_model`]): the
    /// name the comparer asks for, and the one the document spells.
    renamed: Vec<(&'static str, &'static str)>,
    /// When a keyword beside a `$ref` also appears in its target (`properties` in both), the
    /// slots hold the nearest one only, a larger set than the schema's: the `$ref` targets
    /// followed beside applying keywords, each a conjunct the schema must also satisfy.
    /// Filled by `load` only when `shadowing`.
    shadowed_targets: Vec<(&'a Value, String)>,
    /// Whether a keyword of a farther layer is hidden by the same keyword in a nearer one.
    shadowing: bool,
}

/// Every keyword the comparer reads: validation, unchecked, then annotations.
const KEYWORDS: [&str; 47] = [
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "format",
    "items",
    "prefixItems",
    "additionalItems",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "properties",
    "patternProperties",
    "additionalProperties",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "$ref",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "$dynamicRef",
    "$recursiveRef",
    "$id",
    "title",
    "description",
    "default",
];

/// Index of the first annotation keyword in `KEYWORDS`; everything before constrains.
const FIRST_ANNOTATION: usize = 43;
const REF: usize = 31;
const ITEMS: usize = 12;
const ADDITIONAL_ITEMS: usize = 14;

fn keyword_index(keyword: &str) -> Option<usize> {
    // A `match` compiles to a length switch and a few comparisons; `keyword_index_matches_table`
    // checks it against `KEYWORDS`.
    Some(match keyword {
        "type" => 0,
        "enum" => 1,
        "const" => 2,
        "multipleOf" => 3,
        "maximum" => 4,
        "exclusiveMaximum" => 5,
        "minimum" => 6,
        "exclusiveMinimum" => 7,
        "maxLength" => 8,
        "minLength" => 9,
        "pattern" => 10,
        "format" => 11,
        "items" => 12,
        "prefixItems" => 13,
        "additionalItems" => 14,
        "maxItems" => 15,
        "minItems" => 16,
        "uniqueItems" => 17,
        "maxProperties" => 18,
        "minProperties" => 19,
        "required" => 20,
        "properties" => 21,
        "patternProperties" => 22,
        "additionalProperties" => 23,
        "dependencies" => 24,
        "dependentRequired" => 25,
        "dependentSchemas" => 26,
        "allOf" => 27,
        "anyOf" => 28,
        "oneOf" => 29,
        "not" => 30,
        "$ref" => 31,
        "contains" => 32,
        "minContains" => 33,
        "maxContains" => 34,
        "propertyNames" => 35,
        "if" => 36,
        "then" => 37,
        "else" => 38,
        "unevaluatedItems" => 39,
        "unevaluatedProperties" => 40,
        "$dynamicRef" => 41,
        "$recursiveRef" => 42,
        "$id" => 43,
        "title" => 44,
        "description" => 45,
        "default" => 46,
        _ => return None,
    })
}

impl<'a> Node<'a> {
    /// `draft`: the document's, which says whether keywords beside a `$ref` count (2019-09 on)
    /// or are ignored (drafts 04, 06 and 07, where `$ref` replaces its whole object), and which
    /// keywords exist at all.
    fn load(
        root: &'a Value,
        value: &'a Value,
        path: String,
        draft: Draft,
    ) -> Result<Self, SchemaError> {
        let origin = (value, path.clone());
        let mut layers = Vec::new();
        let mut site = None;
        let mut ref_key: Option<String> = None;
        let mut targets = Vec::new();
        let (mut value, mut path) = (value, path);
        for _ in 0..MAX_REF_HOPS {
            let map = match value {
                Value::Bool(accepts) => {
                    let node = Node::assemble(!accepts, layers, path, origin, ref_key, site, draft);
                    return Ok(node.with_shadowed(targets));
                }
                Value::Object(map) => map,
                other => {
                    return Err(SchemaError::NotASchema {
                        path,
                        found: describe(other),
                    });
                }
            };
            if let Some(inner) = double_negation(map) {
                // `{"not": {"not": X}}` accepts what X accepts: compare X itself.
                path = refs::child(&refs::child(&path, "not"), "not");
                value = inner;
                continue;
            }
            let Some(reference) = map.get("$ref") else {
                layers.push((map, path.clone()));
                let node = Node::assemble(false, layers, path, origin, ref_key, site, draft);
                return Ok(node.with_shadowed(targets));
            };
            let Some(reference) = reference.as_str() else {
                return Err(SchemaError::NotASchema {
                    path: refs::child(&path, "$ref"),
                    found: describe(reference),
                });
            };
            let ref_path = refs::child(&path, "$ref");
            let (target, target_path) = refs::resolve(root, reference, &ref_path)?;
            let has_siblings = draft.siblings_apply()
                && map.keys().any(|k| {
                    keyword_index(k)
                        .is_some_and(|i| i < FIRST_ANNOTATION && i != REF && draft.knows(i))
                });
            if has_siblings {
                layers.push((map, path.clone()));
                targets.push((target, target_path.clone()));
            } else if layers.is_empty() && site.is_none() {
                site = Some((map, path.clone()));
            }
            let key = ref_key.get_or_insert_with(String::new);
            for (_, layer_path) in &layers {
                key.push_str(layer_path);
                key.push('|');
            }
            key.push_str(&target_path);
            value = target;
            path = target_path;
        }
        Err(SchemaError::RefCycle {
            path: origin.1.clone(),
            reference: origin
                .0
                .get("$ref")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        })
    }

    /// Whether a keyword beside a `$ref` hides the same keyword of its target.
    pub(crate) fn is_shadowing(&self) -> bool {
        self.shadowing
    }

    /// Keeps the `$ref` targets followed beside applying keywords when some keyword of theirs
    /// is shadowed: the comparer then checks each as a conjunct of its own.
    fn with_shadowed(mut self, targets: Vec<(&'a Value, String)>) -> Self {
        if self.shadowing {
            self.shadowed_targets = targets;
        }
        self
    }

    fn assemble(
        is_false: bool,
        layers: Vec<(&'a Map<String, Value>, String)>,
        path: String,
        origin: (&'a Value, String),
        ref_key: Option<String>,
        site: Option<(&'a Map<String, Value>, String)>,
        draft: Draft,
    ) -> Self {
        let mut slots = [None; KEYWORDS.len()];
        let mut shadowing = false;
        for (layer, (map, _)) in layers.iter().enumerate() {
            for (key, value) in map.iter() {
                if let Some(i) = keyword_index(key)
                    && i != REF
                    && draft.knows(i)
                {
                    if slots[i].is_none() {
                        slots[i] = Some((value, layer as u8));
                    } else if i < FIRST_ANNOTATION {
                        shadowing = true;
                    }
                }
            }
        }
        // A schema naming no draft that still spells a tuple as `items: [...]` means the draft-07
        // form, `additionalItems` included; beside anything else 2020-12 does not know it.
        if draft == Draft::D2020 && !matches!(slots[ITEMS], Some((Value::Array(_), _))) {
            slots[ADDITIONAL_ITEMS] = None;
        }
        let renamed = if layers.len() == 1 {
            unevaluated_as_content_model(&mut slots)
        } else {
            Vec::new()
        };
        Node {
            layers,
            is_false,
            path,
            origin,
            ref_key,
            site,
            slots,
            renamed,
            shadowing,
            shadowed_targets: Vec::new(),
        }
    }

    /// The value of `keyword` and the pointer of the map holding it.
    pub(crate) fn get(&self, keyword: &str) -> Option<(&'a Value, &str)> {
        let (value, layer) = self.slots[keyword_index(keyword)?]?;
        Some((value, self.layers[usize::from(layer)].1.as_str()))
    }

    /// The value of `keyword` in the schema's own map (not one reached through `$ref`).
    fn own(&self, keyword: &str) -> Option<&'a Value> {
        match self.slots[keyword_index(keyword)?]? {
            (value, 0) => Some(value),
            _ => None,
        }
    }

    /// Pointer to `keyword` in this schema, or to the schema itself when it lacks the keyword.
    pub(crate) fn kw_path(&self, keyword: &str) -> String {
        let spelled = self
            .renamed
            .iter()
            .find(|(read_as, _)| *read_as == keyword)
            .map_or(keyword, |(_, spelled)| *spelled);
        match self.get(keyword) {
            Some((_, path)) => refs::child(path, spelled),
            None => self.path.clone(),
        }
    }

    /// A schema that is only an `allOf` of schemas whose keywords do not overlap, read as one
    /// schema holding all their keywords: `{"allOf": [{"type": "string"}, {"maxLength": 3}]}`
    /// is `{"type": "string", "maxLength": 3}`. `None` when a keyword appears twice (or a
    /// conjunct is `false`, has its own combinators, or renames keywords).
    fn merged_all_of(&self, root: &'a Value, draft: Draft) -> Option<Node<'a>> {
        let (Value::Array(conjuncts), _) = self.get("allOf")? else {
            return None;
        };
        let all_of_path = self.kw_path("allOf");
        let mut layers = Vec::new();
        for (i, conjunct) in conjuncts.iter().enumerate() {
            let node = Node::load(root, conjunct, refs::index(&all_of_path, i), draft).ok()?;
            // `unevaluated*` see what the `allOf` around them evaluates: not the same schema
            // once merged.
            let unevaluated = ["unevaluatedProperties", "unevaluatedItems"]
                .iter()
                .any(|k| node.get(k).is_some());
            if node.is_false
                || !node.renamed.is_empty()
                || !node.combinators().is_empty()
                || unevaluated
            {
                return None;
            }
            layers.extend(node.layers);
        }
        let mut seen = [false; KEYWORDS.len()];
        for (map, _) in &layers {
            for key in map.keys() {
                if let Some(i) = keyword_index(key)
                    && i < FIRST_ANNOTATION
                    && i != REF
                    && draft.knows(i)
                {
                    if seen[i] {
                        return None;
                    }
                    seen[i] = true;
                }
            }
        }
        if layers.is_empty() {
            return None;
        }
        let path = layers[0].1.clone();
        Some(Node::assemble(
            false,
            layers,
            path,
            self.origin.clone(),
            None,
            None,
            draft,
        ))
    }

    /// The constraining keywords present (under the names the comparer reads them by).
    pub(crate) fn constraints(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.slots[..FIRST_ANNOTATION]
            .iter()
            .enumerate()
            .filter(|(_, slot)| slot.is_some())
            .map(|(i, _)| KEYWORDS[i])
    }

    /// Whether the schema accepts every instance (`true`, `{}`, or annotations only).
    pub(crate) fn is_unconstrained(&self) -> bool {
        !self.is_false && self.slots[..FIRST_ANNOTATION].iter().all(Option::is_none)
    }

    /// The `allOf`/`anyOf`/`oneOf` keywords present, with their subschemas.
    fn combinators(&self) -> Vec<(Criterion, &'a [Value], String)> {
        Criterion::ALL
            .iter()
            .filter_map(|&criterion| {
                let (value, _) = self.get(criterion.keyword())?;
                let subschemas = value.as_array()?;
                Some((
                    criterion,
                    subschemas.as_slice(),
                    self.kw_path(criterion.keyword()),
                ))
            })
            .collect()
    }

    /// Whether the schema is nothing but one combinator.
    fn is_pure_combinator(&self) -> bool {
        let mut combinators = 0;
        for (i, slot) in self.slots[..FIRST_ANNOTATION].iter().enumerate() {
            if slot.is_some() {
                if Criterion::ALL.iter().any(|c| c.keyword() == KEYWORDS[i]) {
                    combinators += 1;
                } else {
                    return false;
                }
            }
        }
        combinators == 1
    }
}

/// The X of a schema that is nothing but `{"not": {"not": X}}`.
fn double_negation(map: &Map<String, Value>) -> Option<&Value> {
    fn only_not(map: &Map<String, Value>) -> Option<&Value> {
        match (map.len(), map.get("not")) {
            (1, Some(inner)) => Some(inner),
            _ => None,
        }
    }
    only_not(only_not(map)?.as_object()?)
}

/// `unevaluatedProperties` and `unevaluatedItems` in a schema where nothing evaluates in place
/// (no `allOf`/`anyOf`/`oneOf`, `if`, `dependentSchemas`, dynamic reference, nor a `$ref`
/// beside them, which the caller checks) are content models: the properties not declared by
/// `properties`/`patternProperties` are exactly the unevaluated ones, and so are the items
/// `prefixItems` leaves. They are then read as `additionalProperties` and `items`, and compared
/// as such. Beside an `additionalProperties` (or a schema-valued `items`), which evaluates
/// everything, they constrain nothing and are dropped. Anywhere else they stay unchecked.
fn unevaluated_as_content_model(
    slots: &mut [Option<(&Value, u8)>; KEYWORDS.len()],
) -> Vec<(&'static str, &'static str)> {
    let index = |k: &str| keyword_index(k).expect("a keyword of the table");
    let in_place = [
        "allOf",
        "anyOf",
        "oneOf",
        "if",
        "dependentSchemas",
        "dependencies",
        "$dynamicRef",
        "$recursiveRef",
    ];
    let mut renamed = Vec::new();
    let (unevaluated, additional) = (
        index("unevaluatedProperties"),
        index("additionalProperties"),
    );
    if slots[unevaluated].is_some() && slots[additional].is_some() {
        slots[unevaluated] = None;
    }
    let (unevaluated_items, items) = (index("unevaluatedItems"), index("items"));
    let items_evaluate_all = matches!(slots[items], Some((Value::Object(_) | Value::Bool(_), _)));
    if slots[unevaluated_items].is_some() && items_evaluate_all {
        slots[unevaluated_items] = None;
    }
    if in_place.iter().any(|k| slots[index(k)].is_some()) {
        return renamed;
    }
    if slots[unevaluated].is_some() {
        slots[additional] = slots[unevaluated].take();
        renamed.push(("additionalProperties", "unevaluatedProperties"));
    }
    let item_evaluators = ["items", "additionalItems", "contains"];
    if slots[unevaluated_items].is_some()
        && item_evaluators.iter().all(|k| slots[index(k)].is_none())
    {
        slots[items] = slots[unevaluated_items].take();
        renamed.push(("items", "unevaluatedItems"));
    }
    renamed
}

/// The draft a document's `$schema` names (2020-12 when it names none): which keywords exist,
/// and whether keywords beside a `$ref` apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Draft {
    /// Draft-04 (and draft-03, read as draft-04).
    D4,
    D6,
    D7,
    D2019,
    D2020,
}

impl Draft {
    pub(crate) fn of(root: &Value) -> Draft {
        let uri = root.get("$schema").and_then(Value::as_str).unwrap_or("");
        if uri.contains("draft-03") || uri.contains("draft-04") {
            Draft::D4
        } else if uri.contains("draft-06") {
            Draft::D6
        } else if uri.contains("draft-07") {
            Draft::D7
        } else if uri.contains("2019-09") {
            Draft::D2019
        } else {
            Draft::D2020
        }
    }

    /// Drafts 04, 06 and 07 ignore keywords beside a `$ref`; 2019-09 and 2020-12 apply them.
    fn siblings_apply(self) -> bool {
        self >= Draft::D2019
    }

    /// Whether the keyword at `KEYWORDS[index]` means anything in this draft. One a draft does
    /// not define is an unknown keyword there, which validators ignore: it constrains nothing
    /// (`unevaluatedProperties` in a draft-07 schema, `const` in a draft-04 one).
    fn knows(self, index: usize) -> bool {
        // By index into `KEYWORDS` (checked by `keyword_index_matches_table`): this runs for
        // every keyword of every schema loaded.
        let since = match index {
            2 | 32 | 35 => Draft::D6, // const, contains, propertyNames
            36..=38 => Draft::D7,     // if, then, else
            25 | 26 | 33 | 34 | 39 | 40 => Draft::D2019, // dependent*, min/maxContains, unevaluated*
            13 | 41 => Draft::D2020,                     // prefixItems, $dynamicRef
            // 2020-12 replaced the tuple form of `items` and `additionalItems` by `prefixItems`;
            // `assemble` drops an `additionalItems` that has no tuple `items` beside it.
            42 => return self == Draft::D2019, // $recursiveRef
            _ => return true,
        };
        self >= since
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// See [`super::check_references`]. Iterative, so a deeply nested document cannot overflow the
/// stack; each `$ref` is loaded as the comparer would load it, so both agree on what resolves.
pub(super) fn check_references(root: &Value) -> Result<(), SchemaError> {
    let mut stack: Vec<(&Value, String)> = vec![(root, String::new())];
    while let Some((value, path)) = stack.pop() {
        let local_ref = value.get("$ref").is_some_and(Value::is_string);
        if local_ref {
            match Node::load(root, value, path.clone(), Draft::of(root)) {
                // A reference the document does not declare is `differences`' business.
                Err(SchemaError::RemoteRef { .. }) | Ok(_) => {}
                Err(error) => return Err(error),
            }
        }
        refs::push_schema_children(value, |child, token| {
            let path = match token {
                refs::Token::Key(key) => refs::child(&path, key),
                refs::Token::Index(i) => refs::index(&path, i),
            };
            stack.push((child, path));
        });
    }
    Ok(())
}

/// One subschema as the union proofs of `cover` see it.
pub(crate) struct Outline {
    /// The types it can accept (`type`, narrowed by `enum`/`const`).
    pub(crate) types: u8,
    /// Pointer to its `type` keyword, when it has one: where a type difference is reported.
    pub(crate) type_path: Option<String>,
    /// Whether `allOf`/`anyOf`/`oneOf`/`not` constrain it beyond its own keywords.
    pub(crate) combined: bool,
    /// Whether it accepts no value at all.
    pub(crate) empty: bool,
}

/// Walks an old and a new schema side by side, collecting differences.
pub(crate) struct Comparer<'a> {
    old_root: &'a Value,
    new_root: &'a Value,
    /// Per document, its draft (see [`Draft`]).
    old_draft: Draft,
    new_draft: Draft,
    pub(crate) policy: Policy,
    depth: usize,
    /// Deeper than this, stop and ask to be run on a thread with a larger stack (see
    /// `differences_with`); at `MAX_DEPTH`, the schema is refused.
    depth_limit: usize,
    /// Set when `depth_limit` stopped the comparison before `MAX_DEPTH` did.
    pub(crate) needs_larger_stack: bool,
    work: usize,
    /// Reference pairs being compared further up the stack: meeting one again means a
    /// recursive schema, which is assumed compatible at that point (as Confluent does).
    active: HashSet<(String, String)>,
    /// Finished reference pairs, so shared definitions are compared once, not once per use.
    memo: HashMap<(String, String), Rc<[Difference]>>,
    /// Differences only the lenient policy accepts, seen in sub-comparisons it judged
    /// compatible: a proof built on them (see `cover`) reports them, so the verdict says it
    /// rests on the relaxation.
    pub(crate) relied_on: Vec<Difference>,
}

impl<'a> Comparer<'a> {
    /// Whether both documents are of one draft, so that a subschema written the same in both
    /// means the same set. Across drafts it may not (`minContains` is a constraint in 2019-09
    /// and an unknown keyword in draft-07), and only the keyword comparison, which reads each
    /// side in its own draft, can tell.
    pub(crate) fn same_draft(&self) -> bool {
        self.old_draft == self.new_draft
    }

    pub(crate) fn new(
        old_root: &'a Value,
        new_root: &'a Value,
        policy: Policy,
        depth_limit: usize,
    ) -> Self {
        Comparer {
            old_root,
            new_root,
            old_draft: Draft::of(old_root),
            new_draft: Draft::of(new_root),
            policy,
            depth: 0,
            depth_limit: depth_limit.min(MAX_DEPTH),
            needs_larger_stack: false,
            work: 0,
            active: HashSet::new(),
            memo: HashMap::new(),
            relied_on: Vec::new(),
        }
    }

    pub(crate) fn run(&mut self) -> Result<Vec<Difference>, SchemaError> {
        let mut out = Vec::new();
        // A `$ref: "#"` leads back to the roots; registering them makes that a recursion.
        self.active.insert((String::new(), String::new()));
        self.compare(
            self.old_root,
            String::new(),
            self.new_root,
            String::new(),
            &mut out,
        )?;
        Ok(dedup(out))
    }

    /// Compares two subschemas into a fresh list, returning it and whether it is compatible.
    pub(crate) fn sub(
        &mut self,
        old: &'a Value,
        old_path: String,
        new: &'a Value,
        new_path: String,
    ) -> Result<(Vec<Difference>, bool), SchemaError> {
        let mut out = Vec::new();
        self.compare(old, old_path, new, new_path, &mut out)?;
        let ok = out.iter().all(|d| d.kind.is_compatible(self.policy));
        if ok && self.policy == Policy::Lenient {
            let relaxed = out.iter().filter(|d| d.kind.is_lenient_only());
            self.relied_on.extend(relaxed.cloned());
        }
        Ok((out, ok))
    }

    /// Whether every value of `new` is valid under `old`: the roles swapped (for `not`, where
    /// the inner schemas are compared the other way round, and for `oneOf` exclusivity), sharing
    /// this comparer's depth and work budget. Always under strict: this is a proof of set
    /// inclusion, and the lenient relaxation (no undeclared property in old payloads) says
    /// nothing about the values of `new` (`{"not": {"required": ["a"], "properties": {"a":
    /// {"type": "string"}}}}` → `{"not": {"required": ["a"]}}` rejects `{"a": 1}`).
    pub(crate) fn sub_swapped(
        &mut self,
        old: &'a Value,
        old_path: String,
        new: &'a Value,
        new_path: String,
    ) -> Result<bool, SchemaError> {
        let mut swapped = Comparer::new(
            self.new_root,
            self.old_root,
            Policy::Strict,
            self.depth_limit,
        );
        swapped.depth = self.depth;
        swapped.work = self.work;
        let result = swapped.sub(new, new_path, old, old_path);
        self.work = swapped.work;
        self.needs_larger_stack |= swapped.needs_larger_stack;
        Ok(result?.1)
    }

    /// Loads the schema at `value` (in the old document when `in_old`, else the new one) through
    /// its `$ref`s and outlines what the union proofs of `cover` need to know about it.
    pub(crate) fn outline(
        &self,
        in_old: bool,
        value: &'a Value,
        path: String,
    ) -> Result<Outline, SchemaError> {
        let (root, siblings) = if in_old {
            (self.old_root, self.old_draft)
        } else {
            (self.new_root, self.new_draft)
        };
        let node = Node::load(root, value, path, siblings)?;
        let declared = scalar::type_bits(&node);
        Ok(Outline {
            types: scalar::implied_bits(&node, declared),
            type_path: node.get("type").map(|_| node.kw_path("type")),
            // A shadowed `$ref` target constrains too: the `type` alone no longer says what
            // the schema accepts.
            combined: !node.combinators().is_empty()
                || node.get("not").is_some()
                || node.is_shadowing(),
            empty: empty::accepts_nothing(&node),
        })
    }

    /// Loads the schema at `value` (in the old document when `in_old`, else the new one).
    pub(crate) fn load(
        &self,
        in_old: bool,
        value: &'a Value,
        path: String,
    ) -> Result<Node<'a>, SchemaError> {
        if in_old {
            Node::load(self.old_root, value, path, self.old_draft)
        } else {
            Node::load(self.new_root, value, path, self.new_draft)
        }
    }

    /// Compares the schema at `old` (in the old document) with the one at `new`.
    pub(crate) fn compare(
        &mut self,
        old: &'a Value,
        old_path: String,
        new: &'a Value,
        new_path: String,
        out: &mut Vec<Difference>,
    ) -> Result<(), SchemaError> {
        self.work += 1;
        if self.work > MAX_WORK {
            return Err(SchemaError::TooComplex { path: old_path });
        }
        if self.depth >= self.depth_limit {
            self.needs_larger_stack = self.depth_limit < MAX_DEPTH;
            return Err(SchemaError::TooDeep { path: old_path });
        }
        let o = Node::load(self.old_root, old, old_path, self.old_draft)?;
        let n = Node::load(self.new_root, new, new_path, self.new_draft)?;
        if let (Some((om, op)), Some((nm, np))) = (&o.site, &n.site) {
            annotations(|k| om.get(k), op, |k| nm.get(k), np, out);
        }
        let key = match (&o.ref_key, &n.ref_key) {
            (None, None) => None,
            (ok, nk) => Some((
                ok.clone().unwrap_or_else(|| o.path.clone()),
                nk.clone().unwrap_or_else(|| n.path.clone()),
            )),
        };
        let Some(key) = key else {
            self.depth += 1;
            let result = self.compare_nodes(&o, &n, out);
            self.depth -= 1;
            return result;
        };
        if self.active.contains(&key) {
            return Ok(());
        }
        if let Some(done) = self.memo.get(&key) {
            out.extend(done.iter().cloned());
            return Ok(());
        }
        self.active.insert(key.clone());
        self.depth += 1;
        let mut local = Vec::new();
        let result = self.compare_nodes(&o, &n, &mut local);
        self.depth -= 1;
        self.active.remove(&key);
        result?;
        let local = dedup(local);
        out.extend(local.iter().cloned());
        self.memo.insert(key, local.into());
        Ok(())
    }

    fn compare_nodes(
        &mut self,
        o: &Node<'a>,
        n: &Node<'a>,
        out: &mut Vec<Difference>,
    ) -> Result<(), SchemaError> {
        if let (Some((_, op)), Some((_, np))) = (o.layers.first(), n.layers.first()) {
            // Annotations of the schema itself; those beside a `$ref` were compared above.
            annotations(|k| o.own(k), op, |k| n.own(k), np, out);
        }
        if empty::accepts_nothing(o) {
            // No old payload exists, so nothing new can reject one.
            return Ok(());
        }
        if empty::accepts_nothing(n) {
            let detail = if n.is_false {
                "the new schema is `false` and accepts nothing"
            } else {
                "the new schema accepts no value at all (an empty `enum`, `not: {}`, \
                 contradictory `type` and `enum`, or crossed bounds)"
            };
            out.push(diff(
                DifferenceKind::TypeChanged,
                o.path.clone(),
                n.path.clone(),
                detail.into(),
            ));
            return Ok(());
        }
        if n.is_unconstrained() {
            // The new schema accepts everything; Confluent reports nothing here either.
            return Ok(());
        }
        let start = out.len();
        self.compare_keywords(o, n, out)?;
        // The new schema is the intersection of its layers: an old value must also satisfy
        // each `$ref` target whose keywords the nearer layer shadows. Old values satisfy the
        // old schema's own target at the same place, so that target included in the new one
        // is proof enough (and keeps an unchanged schema clean); without one, the whole old
        // schema is compared with the target.
        for (i, (target, target_path)) in n.shadowed_targets.iter().enumerate() {
            let (old_value, old_path) = match o.shadowed_targets.get(i) {
                Some((old_target, old_target_path)) => (*old_target, old_target_path.clone()),
                None => (o.origin.0, o.origin.1.clone()),
            };
            self.compare(old_value, old_path, target, target_path.clone(), out)?;
        }
        // `unevaluated*` left unchecked (beside in-place applicators) depend on what every other
        // keyword evaluates: beside any other change, the same keyword may mean another set.
        let unevaluated = |node: &Node<'_>| {
            ["unevaluatedProperties", "unevaluatedItems"]
                .into_iter()
                .find(|k| node.get(k).is_some())
        };
        if let (Some(keyword), Some(_)) = (unevaluated(o), unevaluated(n))
            && (!same_in_place(self.old_root, &o.origin, self.new_root, &n.origin)
                || out[start..].iter().any(|d| {
                    !matches!(
                        d.kind,
                        DifferenceKind::IdChanged
                            | DifferenceKind::DescriptionChanged
                            | DifferenceKind::TitleChanged
                            | DifferenceKind::DefaultChanged
                            | DifferenceKind::UncheckedKeywordChanged
                            | DifferenceKind::UncheckedKeywordRemoved
                    )
                }))
        {
            out.push(diff(
                DifferenceKind::UncheckedKeywordChanged,
                o.kw_path(keyword),
                n.kw_path(keyword),
                format!(
                    "`{keyword}` depends on what the keywords beside it evaluate, which changed; \
                     this checker cannot judge it, so review it by hand"
                ),
            ));
        }
        // An old schema of a few values is judged exactly, value by value: that overrules the
        // keyword comparison both ways (see `finite`).
        let policy = self.policy;
        let keep_compatible_only = |out: &mut Vec<Difference>| {
            let mut index = 0;
            out.retain(|d| {
                let keep = index < start || d.kind.is_compatible(policy);
                index += 1;
                keep
            });
        };
        let found_compatible =
            |out: &[Difference]| out[start..].iter().all(|d| d.kind.is_compatible(policy));
        if let Some(rejected) = finite::rejected(self, o, n) {
            if rejected.is_empty() {
                keep_compatible_only(out);
            } else if found_compatible(out) {
                out.push(finite::narrowed(o, n, &rejected));
            }
        } else if (!found_compatible(out) || combines(o) || combines(n))
            && let Some(verdict) = sets::compare(self, o, n)
        {
            // Scalar schemas read as sets: exact where the keyword comparison cannot see what
            // a combination means. Asked only when the keywords found a break or a combinator
            // is involved, so plain compatible pairs cost nothing more.
            match verdict {
                sets::Verdict::Included => keep_compatible_only(out),
                sets::Verdict::Rejects(example) => {
                    if found_compatible(out) {
                        out.push(sets::narrowed(o, n, example.as_ref()));
                    }
                }
            }
        }
        Ok(())
    }

    /// The keyword-by-keyword comparison of two schemas that both accept something.
    fn compare_keywords(
        &mut self,
        o: &Node<'a>,
        n: &Node<'a>,
        out: &mut Vec<Difference>,
    ) -> Result<(), SchemaError> {
        // A lone `allOf` facing a schema without combinators: read as the one schema it is,
        // when its conjuncts do not share keywords.
        let merged = |node: &Node<'a>, other: &Node<'a>, root: &'a Value, draft: Draft| {
            (node.is_pure_combinator()
                && node.get("allOf").is_some()
                && other.combinators().is_empty())
            .then(|| node.merged_all_of(root, draft))
            .flatten()
        };
        let (o_merged, n_merged) = (
            merged(o, n, self.old_root, self.old_draft),
            merged(n, o, self.new_root, self.new_draft),
        );
        let o = o_merged.as_ref().unwrap_or(o);
        let n = n_merged.as_ref().unwrap_or(n);
        let old_combinators = o.combinators();
        let new_combinators = n.combinators();
        let (o_pure, n_pure) = (o.is_pure_combinator(), n.is_pure_combinator());
        // A plain schema facing a lone combinator is treated as a one-member combinator of the
        // same kind, as Confluent wraps a non-combined schema in a singleton.
        if o_pure && (n_pure || new_combinators.is_empty()) {
            let (criterion, subs, path) = &old_combinators[0];
            let new_side = if n_pure {
                let (nc, nsubs, npath) = &new_combinators[0];
                combined::Side::list(*nc, nsubs, npath.clone())
            } else {
                combined::Side::single(*criterion, n.origin.0, n.origin.1.clone())
            };
            let old_side = combined::Side::list(*criterion, subs, path.clone());
            return combined::compare(self, old_side, new_side, out);
        }
        if n_pure && old_combinators.is_empty() {
            let (criterion, subs, path) = &new_combinators[0];
            let old_side = combined::Side::single(*criterion, o.origin.0, o.origin.1.clone());
            let new_side = combined::Side::list(*criterion, subs, path.clone());
            return combined::compare(self, old_side, new_side, out);
        }

        let shared = scalar::compare_types(o, n, out);
        if shared == 0 {
            // Disjoint types: nothing else can line up (Confluent stops here too).
            return Ok(());
        }
        scalar::compare_enum(o, n, out);
        if shared & scalar::STRING != 0 {
            scalar::compare_string(o, n, out);
        }
        if shared & (scalar::NUMBER | scalar::INTEGER) != 0 {
            scalar::compare_number(o, n, out);
        }
        if shared & scalar::OBJECT != 0 {
            object::compare(self, o, n, out)?;
            applicators::compare_property_names(self, o, n, out)?;
        }
        if shared & scalar::ARRAY != 0 {
            array::compare(self, o, n, out)?;
            applicators::compare_contains(self, o, n, out)?;
        }
        applicators::compare_conditional(self, o, n, out)?;
        self.compare_not(o, n, out)?;
        compare_unchecked(self, o, n, out);
        self.compare_combinators_beside_keywords(o, n, old_combinators, new_combinators, out)
    }

    /// Combinators that sit beside other keywords are extra conjuncts of the schema.
    fn compare_combinators_beside_keywords(
        &mut self,
        o: &Node<'a>,
        n: &Node<'a>,
        old: Vec<(Criterion, &'a [Value], String)>,
        new: Vec<(Criterion, &'a [Value], String)>,
        out: &mut Vec<Difference>,
    ) -> Result<(), SchemaError> {
        if let ([(oc, osubs, opath)], [(nc, nsubs, npath)]) = (old.as_slice(), new.as_slice())
            && oc != nc
        {
            // One combinator swapped for another: judge the switch, not a removal plus an
            // addition.
            return combined::compare(
                self,
                combined::Side::list(*oc, osubs, opath.clone()),
                combined::Side::list(*nc, nsubs, npath.clone()),
                out,
            );
        }
        for criterion in Criterion::ALL {
            let find = |list: &[(Criterion, &'a [Value], String)]| {
                list.iter()
                    .find(|(c, _, _)| *c == criterion)
                    .map(|(c, s, p)| (*c, *s, p.clone()))
            };
            match (find(&old), find(&new)) {
                (Some((c, osubs, opath)), Some((_, nsubs, npath))) => combined::compare(
                    self,
                    combined::Side::list(c, osubs, opath),
                    combined::Side::list(c, nsubs, npath),
                    out,
                )?,
                (Some((c, _, opath)), None) => out.push(diff(
                    DifferenceKind::ProductTypeNarrowed,
                    opath,
                    n.path.clone(),
                    format!("`{}` removed from beside other keywords", c.keyword()),
                )),
                (None, Some((c, _, npath))) => out.push(diff(
                    DifferenceKind::ProductTypeExtended,
                    o.path.clone(),
                    npath,
                    format!("`{}` added beside other keywords", c.keyword()),
                )),
                (None, None) => {}
            }
        }
        Ok(())
    }

    fn compare_not(
        &mut self,
        o: &Node<'a>,
        n: &Node<'a>,
        out: &mut Vec<Difference>,
    ) -> Result<(), SchemaError> {
        // A `not` of types only is a type complement, compared with the types; facing any
        // other `not`, the two are compared as schemas as well.
        let general =
            |node: &Node<'_>| node.get("not").is_some() && scalar::type_complement(node).is_none();
        let folded = !general(o) && !general(n);
        let (old_not, new_not) = if folded {
            (None, None)
        } else {
            (o.get("not"), n.get("not"))
        };
        let kind = match (old_not, new_not) {
            (None, None) => return Ok(()),
            (None, Some(_)) => DifferenceKind::NotTypeExtended,
            (Some(_), None) => DifferenceKind::NotTypeNarrowed,
            (Some((old_not, op)), Some((new_not, np))) => {
                let (op, np) = (refs::child(op, "not"), refs::child(np, "not"));
                let (found, excludes_more) = self.sub(old_not, op.clone(), new_not, np.clone())?;
                // No difference one way is equality only if none the other way either: an old
                // `not` holding an empty schema excludes nothing, and compares clean with any.
                if found.is_empty() && self.same_draft() && same_text_without_refs(old_not, new_not)
                {
                    return Ok(());
                }
                let excludes_less = self.sub_swapped(old_not, op, new_not, np)?;
                match (excludes_more, excludes_less) {
                    // Only annotations moved inside `not`.
                    (true, true) => return Ok(()),
                    (true, false) => DifferenceKind::NotTypeExtended,
                    (false, true) => DifferenceKind::NotTypeNarrowed,
                    // Excludes some values it did not before: breaking, like an extension.
                    (false, false) => DifferenceKind::NotTypeExtended,
                }
            }
        };
        let detail = if kind == DifferenceKind::NotTypeExtended {
            "`not` now excludes values it accepted before"
        } else {
            "`not` now excludes fewer values"
        };
        out.push(diff(
            kind,
            o.kw_path("not"),
            n.kw_path("not"),
            detail.into(),
        ));
        Ok(())
    }
}

/// Whether a schema combines subschemas in place (`allOf`, `anyOf`, `oneOf`, `not`, `if`).
fn combines(node: &Node<'_>) -> bool {
    ["allOf", "anyOf", "oneOf", "not", "if"]
        .iter()
        .any(|k| node.get(k).is_some())
}

fn compare_unchecked(c: &Comparer<'_>, o: &Node<'_>, n: &Node<'_>, out: &mut Vec<Difference>) {
    for keyword in UNCHECKED_KEYWORDS {
        let same = match (o.get(keyword), n.get(keyword)) {
            (None, None) => true,
            // The same text referring elsewhere may mean another set in each document, so
            // references are followed into both.
            (Some((a, a_at)), Some((b, b_at))) => {
                c.same_draft()
                    && same_text_through_refs(
                        c.old_root,
                        (a, refs::child(a_at, keyword)),
                        c.new_root,
                        (b, refs::child(b_at, keyword)),
                    )
            }
            _ => false,
        };
        // Dropping one of these keywords only drops a constraint (the rest of the schema still
        // applies).
        let removed = matches!((o.get(keyword), n.get(keyword)), (Some(_), None));
        if removed {
            out.push(diff(
                DifferenceKind::UncheckedKeywordRemoved,
                o.kw_path(keyword),
                n.kw_path(keyword),
                format!("`{keyword}` removed; dropping a constraint rejects nothing it accepted"),
            ));
        } else if !same {
            out.push(diff(
                DifferenceKind::UncheckedKeywordChanged,
                o.kw_path(keyword),
                n.kw_path(keyword),
                format!("`{keyword}` changed; this checker cannot judge it, so review it by hand"),
            ));
        }
    }
}

/// Annotation changes (Confluent reports them; they never break anything).
fn annotations<'v>(
    old: impl Fn(&str) -> Option<&'v Value>,
    old_path: &str,
    new: impl Fn(&str) -> Option<&'v Value>,
    new_path: &str,
    out: &mut Vec<Difference>,
) {
    const ANNOTATIONS: [(&str, DifferenceKind); 4] = [
        ("$id", DifferenceKind::IdChanged),
        ("title", DifferenceKind::TitleChanged),
        ("description", DifferenceKind::DescriptionChanged),
        ("default", DifferenceKind::DefaultChanged),
    ];
    for (keyword, kind) in ANNOTATIONS {
        let (a, b) = (old(keyword), new(keyword));
        let same = match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => json_equal(a, b),
            _ => false,
        };
        if !same {
            let at = |side: Option<&Value>, path: &str| match side {
                Some(_) => refs::child(path, keyword),
                None => path.to_owned(),
            };
            out.push(diff(
                kind,
                at(a, old_path),
                at(b, new_path),
                format!("`{keyword}` changed"),
            ));
        }
    }
}

pub(crate) fn diff(
    kind: DifferenceKind,
    old_path: String,
    new_path: String,
    detail: String,
) -> Difference {
    Difference {
        kind,
        old_path,
        new_path,
        detail,
    }
}

/// Whether two schemas are written the same through every in-place applicator (`$ref`,
/// `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `dependentSchemas`): what decides
/// which properties and items `unevaluated*` sees as evaluated. Text, not sets: `not: {not:
/// X}` accepts what X accepts but evaluates nothing.
fn same_in_place(
    old_root: &Value,
    old: &(&Value, String),
    new_root: &Value,
    new: &(&Value, String),
) -> bool {
    fn closure<'v>(root: &'v Value, start: &'v Value, path: &str) -> Option<Vec<&'v Value>> {
        let mut found = Vec::new();
        let mut stack = vec![(start, path.to_owned())];
        while let Some((value, path)) = stack.pop() {
            if found.len() > 256 {
                return None;
            }
            found.push(value);
            let Some(map) = value.as_object() else {
                continue;
            };
            if let Some(Value::String(reference)) = map.get("$ref") {
                let ref_path = refs::child(&path, "$ref");
                let (target, target_path) = refs::resolve(root, reference, &ref_path).ok()?;
                stack.push((target, target_path));
            }
            for keyword in ["allOf", "anyOf", "oneOf"] {
                if let Some(Value::Array(subs)) = map.get(keyword) {
                    let at = refs::child(&path, keyword);
                    stack.extend(
                        subs.iter()
                            .enumerate()
                            .map(|(i, s)| (s, refs::index(&at, i))),
                    );
                }
            }
            for keyword in ["not", "if", "then", "else"] {
                if let Some(sub) = map.get(keyword) {
                    stack.push((sub, refs::child(&path, keyword)));
                }
            }
            if let Some(Value::Object(schemas)) = map.get("dependentSchemas") {
                let at = refs::child(&path, "dependentSchemas");
                stack.extend(schemas.iter().map(|(k, s)| (s, refs::child(&at, k))));
            }
        }
        Some(found)
    }
    match (
        closure(old_root, old.0, &old.1),
        closure(new_root, new.0, &new.1),
    ) {
        (Some(a), Some(b)) => a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| json_equal(x, y)),
        _ => false,
    }
}

/// Drops repeated differences (a shared definition reached twice), keeping first occurrences.
pub(crate) fn dedup(found: Vec<Difference>) -> Vec<Difference> {
    let mut seen = HashSet::with_capacity(found.len());
    found
        .into_iter()
        .filter(|d| seen.insert((d.kind, d.old_path.clone(), d.new_path.clone())))
        .collect()
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn keyword_index_matches_table() {
        for (i, keyword) in KEYWORDS.iter().enumerate() {
            assert_eq!(keyword_index(keyword), Some(i));
        }
        assert_eq!(KEYWORDS[REF], "$ref");
        assert_eq!(KEYWORDS[ITEMS], "items");
        assert_eq!(KEYWORDS[ADDITIONAL_ITEMS], "additionalItems");
        let since = |keyword: &str| {
            let i = keyword_index(keyword).unwrap();
            [Draft::D4, Draft::D6, Draft::D7, Draft::D2019, Draft::D2020]
                .into_iter()
                .find(|d| d.knows(i))
        };
        assert_eq!(since("const"), Some(Draft::D6));
        assert_eq!(since("contains"), Some(Draft::D6));
        assert_eq!(since("propertyNames"), Some(Draft::D6));
        assert_eq!(since("else"), Some(Draft::D7));
        assert_eq!(since("dependentSchemas"), Some(Draft::D2019));
        assert_eq!(since("maxContains"), Some(Draft::D2019));
        assert_eq!(since("unevaluatedItems"), Some(Draft::D2019));
        assert_eq!(since("prefixItems"), Some(Draft::D2020));
        assert_eq!(since("$dynamicRef"), Some(Draft::D2020));
        assert_eq!(since("$recursiveRef"), Some(Draft::D2019));
        assert!(!Draft::D2020.knows(keyword_index("$recursiveRef").unwrap()));
        assert_eq!(since("dependencies"), Some(Draft::D4));
        assert_eq!(KEYWORDS[FIRST_ANNOTATION], "$id");
        assert_eq!(keyword_index("x-remove-after"), None);
        for keyword in UNCHECKED_KEYWORDS {
            assert!(keyword_index(keyword).is_some_and(|i| i < FIRST_ANNOTATION));
        }
    }

    #[test]
    fn references_without_a_way_out_are_refused_wherever_they_are() {
        use serde_json::json;
        let refused = |schema: Value| check_references(&schema).unwrap_err();
        // Only a self-reference: nothing ever validates against an actual schema.
        assert_eq!(
            refused(json!({"$ref": "#"})),
            SchemaError::RefCycle {
                path: String::new(),
                reference: "#".into()
            }
        );
        // Two definitions pointing at each other, reached from the root.
        assert_eq!(
            refused(json!({"$ref": "#/$defs/a", "$defs": {
                "a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}})),
            SchemaError::RefCycle {
                path: String::new(),
                reference: "#/$defs/a".into()
            }
        );
        // The same cycle in `$defs` nothing uses is still a schema that cannot be used.
        assert!(matches!(
            refused(json!({"type": "object", "$defs": {
                "a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}})),
            SchemaError::RefCycle { path, .. } if path == "/$defs/a"
        ));
        // A chain ending at nothing names the reference that dangles, not the first one.
        assert_eq!(
            refused(json!({"properties": {"x": {"$ref": "#/$defs/a"}},
                "$defs": {"a": {"$ref": "#/$defs/missing"}}})),
            SchemaError::UnresolvedRef {
                path: "/$defs/a/$ref".into(),
                reference: "#/$defs/missing".into()
            }
        );
    }

    #[test]
    fn recursion_with_a_way_out_passes() {
        use serde_json::json;
        for schema in [
            json!({"type": "object", "properties": {"next": {"$ref": "#"}}}),
            json!({"$ref": "#/$defs/node", "$defs": {"node": {"type": "object",
                "properties": {"next": {"$ref": "#/$defs/node"}}}}}),
            json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": true}, "$ref": "#/$defs/a"}),
            // `$ref`s inside instance data are data, and remote ones are checked elsewhere.
            json!({"enum": [{"$ref": "#/nowhere"}], "const": {"$ref": "#"}}),
            json!({"properties": {"id": {"$ref": "https://example.com/id.json"}}}),
        ] {
            assert_eq!(check_references(&schema), Ok(()), "{schema}");
        }
    }
}
