//! Event evolution: the typed change between two versions of an event contract, computed once per
//! version pair and handed to every event evolution rule.
//!
//! Which pairs: every version with its predecessor, and, under a `_transitive` mode, with every
//! earlier released version too. For each pair the compatibility engine compares the schemas in
//! the direction(s) the contract's mode asks for ([`crate::compat::check`]); the rules read those
//! differences, never the raw schemas.
//!
//! Two families of findings come out of a change:
//!
//! - **removals** follow the deprecation policy whatever the mode: a property present in old and
//!   absent in new is judged by whether an earlier released version deprecated it with an
//!   `x-remove-after` date that has passed. Only consecutive pairs report removals: a removal
//!   happens once, in the version that drops the property.
//! - **compatibility** findings map each engine [`DifferenceKind`] to a rule (table below). A
//!   breaking kind fires its rule when it is incompatible in a direction the mode checks; a
//!   loosening kind fires its (info or warning) rule from the old → new comparison of
//!   consecutive versions under every mode but `none`, because it tells reviewers what changed
//!   even when nothing breaks.
//!
//! In the forward direction the engine compares new with old (old consumers read new data), so a
//! kind describes how the *reader* (old) differs from the *writer* (new): a type widened from v1
//! to v2 shows up, under a forward mode, as `type-narrowed` ("v1 consumers accept fewer types
//! than v2 writes"). Naming the rule after the reader's side keeps a forward break at its
//! breaking rule's level instead of hiding it behind `type-widened` (info).
//!
//! The mapping, kind (old → new, i.e. writer → reader) to rule:
//!
//! | kinds                                                                 | rule                                   |
//! |-----------------------------------------------------------------------|----------------------------------------|
//! | `PROPERTY_REMOVED_*` (all four)                                       | `field-removed-*` (deprecation policy) |
//! | `REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL`                      | `required-field-added`                 |
//! | `REQUIRED_ATTRIBUTE_ADDED`, property absent from the writer            | `required-field-added`                 |
//! | `REQUIRED_ATTRIBUTE_ADDED`, property declared by the writer            | `field-made-required`                  |
//! | `TYPE_CHANGED`, `COMBINED_TYPE_CHANGED`                               | `type-changed`                         |
//! | `TYPE_NARROWED`, `SUM_TYPE_NARROWED`, `PRODUCT_TYPE_EXTENDED`, `NOT_TYPE_EXTENDED`, `SCHEMA_ADDED`, `COMBINED_TYPE_SUBSCHEMAS_CHANGED` | `type-narrowed` |
//! | `TYPE_EXTENDED`, `SUM_TYPE_EXTENDED`, `PRODUCT_TYPE_NARROWED`, `NOT_TYPE_NARROWED`, `SCHEMA_REMOVED`, `COMBINED_TYPE_EXTENDED`, `COMBINED_TYPE_COVERED` | `type-widened` (info) |
//! | `ENUM_ARRAY_NARROWED`, `ENUM_ARRAY_CHANGED`                           | `enum-value-removed`                   |
//! | `ENUM_ARRAY_EXTENDED`                                                 | `enum-value-added` (warning)           |
//! | bounds `*_ADDED`, `*_DECREASED` (max), `*_INCREASED` (min), `PATTERN_ADDED/CHANGED`, `FORMAT_ADDED/CHANGED`, `MULTIPLE_OF_ADDED/EXPANDED/CHANGED`, `UNIQUE_ITEMS_ADDED`, `DEPENDENCY_ARRAY_ADDED/EXTENDED/CHANGED`, `DEPENDENCY_SCHEMA_ADDED`, `ADDITIONAL_ITEMS_REMOVED/NARROWED`, `ADDITIONAL_PROPERTIES_NARROWED`, `ITEM_*` that break, `PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL`, `PROPERTY_NAMES_ADDED`, `CONTAINS_ADDED/NARROWED`, `CONDITION_ADDED/CHANGED`, `UNCHECKED_KEYWORD_CHANGED` | `constraint-tightened` |
//! | the mirrors of the row above (bounds removed or relaxed, `PATTERN_REMOVED`, `PATTERN_EXTENDED`, `FORMAT_REMOVED`, `MULTIPLE_OF_REMOVED/REDUCED`, `UNIQUE_ITEMS_REMOVED`, `DEPENDENCY_*_REMOVED`, `DEPENDENCY_ARRAY_NARROWED`, `ADDITIONAL_ITEMS_ADDED/EXTENDED`, `ADDITIONAL_PROPERTIES_EXTENDED`, `ITEM_*` that keep compatibility, `PROPERTY_NAMES_REMOVED`, `CONTAINS_REMOVED/EXTENDED`, `CONDITION_REMOVED`, `UNCHECKED_KEYWORD_REMOVED`) | `constraint-loosened` (info) |
//! | `ADDITIONAL_PROPERTIES_REMOVED`                                       | `content-model-closed`                 |
//! | `PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL` (breaks under strict only)      | `property-added-to-open-model`         |
//! | annotations (`ID/DESCRIPTION/TITLE/DEFAULT_CHANGED`), additive kinds (`OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL`, `PROPERTY_ADDED_IS_COVERED_…`, `REQUIRED_*_WITH_DEFAULT_ADDED*`), `REQUIRED_ATTRIBUTE_REMOVED`, `ADDITIONAL_PROPERTIES_ADDED`, `PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL`, `PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL` and their `ITEM_*` forms (the same payloads) | no rule: they break no reader |
//!
//! Under a forward mode every finding names the author's change (old → new), whatever the
//! forward comparison's kind: an enum value added is `enum-value-added`, not the mirror
//! `enum-value-removed`, and three changes that only break forward have rules of their own: a
//! property added in new to a content model that old keeps closed (seen from new back to old, a
//! removal) is `property-added-to-closed-model`; a model opened (`ADDITIONAL_PROPERTIES_REMOVED`
//! seen backwards) is `content-model-opened`; a required property made optional
//! (`REQUIRED_ATTRIBUTE_ADDED` seen backwards, the writer declaring it) is `field-made-optional`.
//! Their level is error, since they fire only where they break a direction the mode checks.

use crate::catalog::deprecation::{self, Deadline};
use crate::catalog::model::{Compatibility, Event, EventVersion};
use crate::catalog::settings;
use crate::compat::{self, Difference, DifferenceKind, Direction, SchemaError};
use crate::date::Date;
use crate::evolution::context::Context;
use crate::finding::Violation;

/// One old/new pair of versions of an event contract, with the engine's differences.
pub struct EventChange<'a> {
    pub cx: &'a Context<'a>,
    pub event: &'a Event,
    /// Position of the old version in the file.
    pub old: usize,
    /// Position of the new version in the file.
    pub new: usize,
    /// The contract's mode, or the catalogue default.
    pub mode: Compatibility,
    pub policy: compat::Policy,
    /// Whether `old` directly precedes `new`.
    pub consecutive: bool,
    /// Old compared with new (the backward comparison) with backward verdicts; always computed,
    /// since removals and loosenings are reported under every mode.
    pub backward: Vec<(Difference, bool)>,
    /// When the mode checks forward: new compared with old, paths pointing into old and new
    /// ([`compat::check`] with [`Direction::Forward`]), with forward verdicts.
    pub forward: Vec<(Difference, bool)>,
}

/// A property present in old and absent in new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// The property's pointer in the old schema (`/properties/confidence`).
    pub path: String,
    /// Its closest existing parent in the new schema.
    pub parent: String,
    pub name: String,
    /// The latest released version up to old that marked it deprecated, with its deadline.
    pub deprecated_in: Option<(u32, Deadline)>,
}

/// What a kind means for the rules (see the table in the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// Breaks the reader: fires `rule` when incompatible in a direction the mode checks.
    Breaking(&'static str),
    /// Keeps the reader working: fires `rule` from the old → new comparison.
    Loosening(&'static str),
    /// A required property added; which rule depends on whether the writer declares it.
    Required,
    /// A property removed: judged by the deprecation policy, not here.
    Removal,
    /// No rule: the change breaks no reader.
    Harmless,
}

pub const FIELD_MADE_REQUIRED: &str = "field-made-required";
/// Forward modes only: the author made a required property optional, so old consumers meet data
/// without it.
pub const FIELD_MADE_OPTIONAL: &str = "field-made-optional";
pub const REQUIRED_FIELD_ADDED: &str = "required-field-added";
pub const TYPE_CHANGED: &str = "type-changed";
pub const TYPE_NARROWED: &str = "type-narrowed";
pub const TYPE_WIDENED: &str = "type-widened";
pub const ENUM_VALUE_REMOVED: &str = "enum-value-removed";
pub const ENUM_VALUE_ADDED: &str = "enum-value-added";
pub const CONSTRAINT_TIGHTENED: &str = "constraint-tightened";
pub const CONSTRAINT_LOOSENED: &str = "constraint-loosened";
pub const CONTENT_MODEL_CLOSED: &str = "content-model-closed";
/// Forward modes only: the author opened a content model that old consumers keep closed.
pub const CONTENT_MODEL_OPENED: &str = "content-model-opened";
/// Forward modes only: the author added a property to a content model old consumers keep closed.
pub const PROPERTY_ADDED_TO_CLOSED_MODEL: &str = "property-added-to-closed-model";
pub const PROPERTY_ADDED_TO_OPEN_MODEL: &str = "property-added-to-open-model";

fn effect(kind: DifferenceKind) -> Effect {
    use DifferenceKind as K;
    use Effect::{Breaking, Harmless, Loosening, Removal, Required};
    match kind {
        K::IdChanged | K::DescriptionChanged | K::TitleChanged | K::DefaultChanged => Harmless,
        K::OptionalPropertyAddedToUnopenContentModel
        | K::PropertyAddedIsCoveredByPartiallyOpenContentModel
        | K::RequiredAttributeRemoved
        | K::AdditionalPropertiesAdded
        | K::PropertyWithEmptySchemaAddedToOpenContentModel
        | K::PropertyWithFalseRemovedFromClosedContentModel
        | K::ItemWithEmptySchemaAddedToOpenContentModel
        | K::ItemWithFalseRemovedFromClosedContentModel => Harmless,

        K::PropertyRemovedFromOpenContentModel
        | K::PropertyRemovedFromClosedContentModel
        | K::PropertyRemovedIsCoveredByPartiallyOpenContentModel
        | K::PropertyRemovedNotCoveredByPartiallyOpenContentModel => Removal,

        K::RequiredAttributeAdded | K::RequiredAttributeWithDefaultAdded => Required,
        K::RequiredPropertyAddedToUnopenContentModel
        | K::RequiredPropertyWithDefaultAddedToUnopenContentModel => Breaking(REQUIRED_FIELD_ADDED),

        K::TypeChanged | K::CombinedTypeChanged => Breaking(TYPE_CHANGED),
        K::TypeNarrowed
        | K::SumTypeNarrowed
        | K::ProductTypeExtended
        | K::NotTypeExtended
        | K::SchemaAdded
        | K::CombinedTypeSubschemasChanged => Breaking(TYPE_NARROWED),
        K::TypeExtended
        | K::SumTypeExtended
        | K::ProductTypeNarrowed
        | K::NotTypeNarrowed
        | K::SchemaRemoved
        | K::CombinedTypeExtended
        | K::CombinedTypeCovered => Loosening(TYPE_WIDENED),

        K::EnumArrayNarrowed | K::EnumArrayChanged => Breaking(ENUM_VALUE_REMOVED),
        K::EnumArrayExtended => Loosening(ENUM_VALUE_ADDED),

        K::MaxLengthAdded
        | K::MaxLengthDecreased
        | K::MinLengthAdded
        | K::MinLengthIncreased
        | K::PatternAdded
        | K::PatternChanged
        | K::FormatAdded
        | K::FormatChanged
        | K::MaximumAdded
        | K::MaximumDecreased
        | K::MinimumAdded
        | K::MinimumIncreased
        | K::ExclusiveMaximumAdded
        | K::ExclusiveMaximumDecreased
        | K::ExclusiveMinimumAdded
        | K::ExclusiveMinimumIncreased
        | K::MultipleOfAdded
        | K::MultipleOfExpanded
        | K::MultipleOfChanged
        | K::MaxPropertiesAdded
        | K::MaxPropertiesDecreased
        | K::MinPropertiesAdded
        | K::MinPropertiesIncreased
        | K::DependencyArrayAdded
        | K::DependencyArrayExtended
        | K::DependencyArrayChanged
        | K::DependencySchemaAdded
        | K::AdditionalPropertiesNarrowed
        | K::PropertyAddedNotCoveredByPartiallyOpenContentModel
        | K::MaxItemsAdded
        | K::MaxItemsDecreased
        | K::MinItemsAdded
        | K::MinItemsIncreased
        | K::UniqueItemsAdded
        | K::AdditionalItemsRemoved
        | K::AdditionalItemsNarrowed
        | K::ItemAddedToOpenContentModel
        | K::ItemRemovedFromClosedContentModel
        | K::ItemAddedNotCoveredByPartiallyOpenContentModel
        | K::ItemRemovedNotCoveredByPartiallyOpenContentModel
        | K::PropertyNamesAdded
        | K::ContainsAdded
        | K::ContainsNarrowed
        | K::ConditionAdded
        | K::ConditionChanged
        | K::UncheckedKeywordChanged => Breaking(CONSTRAINT_TIGHTENED),
        K::MaxLengthRemoved
        | K::MaxLengthIncreased
        | K::MinLengthRemoved
        | K::MinLengthDecreased
        | K::PatternRemoved
        | K::PatternExtended
        | K::FormatRemoved
        | K::MaximumRemoved
        | K::MaximumIncreased
        | K::MinimumRemoved
        | K::MinimumDecreased
        | K::ExclusiveMaximumRemoved
        | K::ExclusiveMaximumIncreased
        | K::ExclusiveMinimumRemoved
        | K::ExclusiveMinimumDecreased
        | K::MultipleOfRemoved
        | K::MultipleOfReduced
        | K::MaxPropertiesRemoved
        | K::MaxPropertiesIncreased
        | K::MinPropertiesRemoved
        | K::MinPropertiesDecreased
        | K::DependencyArrayRemoved
        | K::DependencyArrayNarrowed
        | K::DependencySchemaRemoved
        | K::AdditionalPropertiesExtended
        | K::MaxItemsRemoved
        | K::MaxItemsIncreased
        | K::MinItemsRemoved
        | K::MinItemsDecreased
        | K::UniqueItemsRemoved
        | K::AdditionalItemsAdded
        | K::AdditionalItemsExtended
        | K::ItemAddedToClosedContentModel
        | K::ItemRemovedFromOpenContentModel
        | K::ItemAddedIsCoveredByPartiallyOpenContentModel
        | K::ItemRemovedIsCoveredByPartiallyOpenContentModel
        | K::PropertyNamesRemoved
        | K::ContainsRemoved
        | K::ContainsExtended
        | K::ConditionRemoved
        | K::UncheckedKeywordRemoved => Loosening(CONSTRAINT_LOOSENED),

        K::AdditionalPropertiesRemoved => Breaking(CONTENT_MODEL_CLOSED),
        K::PropertyAddedToOpenContentModel => Breaking(PROPERTY_ADDED_TO_OPEN_MODEL),
    }
}

/// The mode a contract is checked under: its own, or the catalogue's default.
pub fn mode_of(cx: &Context) -> Compatibility {
    cx.contract
        .compatibility
        .unwrap_or(cx.settings.compatibility)
}

fn policy_of(cx: &Context) -> compat::Policy {
    match cx.settings.policy {
        settings::Policy::Lenient => compat::Policy::Lenient,
        settings::Policy::Strict => compat::Policy::Strict,
    }
}

/// Every pair of versions of the contract to compare, nearest old version first for each new
/// one. Pairs whose schemas the engine refuses are left out here; [`compare_all`] returns them.
pub fn changes<'a>(cx: &'a Context<'a>) -> Vec<EventChange<'a>> {
    compare_all(cx).0
}

/// A pair of versions the compatibility engine could not compare.
pub struct Refused {
    /// Position of the old version in the file.
    pub old: usize,
    /// Position of the new version in the file.
    pub new: usize,
    pub error: SchemaError,
}

/// Every pair of versions to compare, and the pairs the engine refused to compare (reported by
/// the rule engine, never silently passed).
pub fn compare_all<'a>(cx: &'a Context<'a>) -> (Vec<EventChange<'a>>, Vec<Refused>) {
    let Some(event) = cx.contract.as_event() else {
        return (vec![], vec![]);
    };
    let mode = mode_of(cx);
    let policy = policy_of(cx);
    let mut changes = Vec::new();
    let mut refused = Vec::new();
    for new in 1..event.versions.len() {
        let earlier = (0..new - 1)
            .rev()
            .filter(|&old| mode.is_transitive() && event.versions[old].released.is_some());
        for old in std::iter::once(new - 1).chain(earlier) {
            let (old_schema, new_schema) =
                (&event.versions[old].schema, &event.versions[new].schema);
            let compared = compat::check(old_schema, new_schema, Direction::Backward, policy)
                .and_then(|backward| {
                    let forward = if mode.checks_forward() {
                        compat::check(old_schema, new_schema, Direction::Forward, policy)?
                            .differences
                    } else {
                        Vec::new()
                    };
                    Ok((backward.differences, forward))
                });
            match compared {
                Ok((backward, forward)) => changes.push(EventChange {
                    cx,
                    event,
                    old,
                    new,
                    mode,
                    policy,
                    consecutive: old + 1 == new,
                    backward,
                    forward,
                }),
                Err(error) => refused.push(Refused { old, new, error }),
            }
        }
    }
    (changes, refused)
}

impl<'a> EventChange<'a> {
    pub fn old_version(&self) -> &'a EventVersion {
        &self.event.versions[self.old]
    }

    pub fn new_version(&self) -> &'a EventVersion {
        &self.event.versions[self.new]
    }

    pub fn today(&self) -> Date {
        self.cx.today
    }

    /// Properties present in old and absent in new, with the deprecation that allows it, if
    /// any. Empty for transitive pairs: the consecutive pair that dropped the property reports it.
    pub fn removals(&self) -> Vec<Removal> {
        if !self.consecutive {
            return vec![];
        }
        self.backward
            .iter()
            .filter(|(difference, _)| effect(difference.kind) == Effect::Removal)
            .map(|(difference, _)| Removal {
                path: difference.old_path.clone(),
                parent: difference.new_path.clone(),
                name: crate::pointer::last_name(&difference.old_path),
                deprecated_in: self.deprecation_of(&difference.old_path),
            })
            .collect()
    }

    /// The latest released version, up to old, that marked the property at `path` deprecated.
    fn deprecation_of(&self, path: &str) -> Option<(u32, Deadline)> {
        (0..=self.old)
            .rev()
            .filter(|&position| self.event.versions[position].released.is_some())
            .find_map(|position| {
                deprecation::in_version(self.cx.contract, position)
                    .into_iter()
                    .find(|deprecated| deprecated.path == path)
                    .map(|deprecated| (self.event.versions[position].version, deprecated.deadline))
            })
    }

    /// A finding about a removal, at the key of the property's closest existing parent in new.
    pub fn removal_violation(&self, removal: &Removal, message: String) -> Violation {
        Violation::at(
            format!("/versions/{}/schema{}", self.new, removal.parent),
            message,
        )
        .on_key()
        .versions(Some(self.old_version().version), self.new_version().version)
        .path(removal.path.clone())
    }

    /// The findings of the compatibility rule `rule` on this change, each with `help`.
    pub fn compat_violations(&self, rule: &str, help: &str) -> Vec<Violation> {
        if self.mode == Compatibility::None {
            return vec![];
        }
        let removed: Vec<&str> = self
            .backward
            .iter()
            .filter(|(difference, _)| effect(difference.kind) == Effect::Removal)
            .map(|(difference, _)| difference.old_path.as_str())
            .collect();
        let directions = [
            (Direction::Backward, &self.backward),
            (Direction::Forward, &self.forward),
        ];
        // What breaks forward, by (rule, property): the same change is then not reported a
        // second time as a mere loosening from the backward comparison.
        let forward_breaks: Vec<(&str, String)> = self
            .forward
            .iter()
            .filter_map(|(difference, compatible)| {
                self.classify(Direction::Forward, difference, *compatible)
                    .filter(|_| !*compatible)
                    .map(|target| (target.rule, target.property))
            })
            .collect();
        let mut found = Vec::new();
        for (direction, differences) in directions {
            for (difference, compatible) in differences {
                let about_removed = removed
                    .iter()
                    .any(|path| is_within(&property_of(&difference.old_path), path));
                if about_removed {
                    continue;
                }
                let Some(target) = self.classify(direction, difference, *compatible) else {
                    continue;
                };
                if target.rule != rule {
                    continue;
                }
                let reported_forward = direction == Direction::Backward
                    && *compatible
                    && forward_breaks
                        .iter()
                        .any(|(r, property)| *r == target.rule && *property == target.property);
                if reported_forward {
                    continue;
                }
                found.push(self.violation(direction, difference, *compatible, target, help));
            }
        }
        found
    }

    /// Which rule a difference fires, and the property it is about, if any.
    fn classify(
        &self,
        direction: Direction,
        difference: &Difference,
        compatible: bool,
    ) -> Option<Target> {
        let checked = match direction {
            Direction::Backward => self.mode.checks_backward(),
            Direction::Forward => self.mode.checks_forward(),
        };
        match effect(difference.kind) {
            Effect::Breaking(rule) if !compatible && checked => Some(Target {
                rule: match direction {
                    Direction::Backward => rule,
                    // The forward comparison reads new back to old, so its kind is the mirror
                    // of what the author did: name the author's change.
                    Direction::Forward => authored(rule),
                },
                property: property_of(&difference.new_path),
            }),
            // A loosening is news once, in the version that made it; breaking findings also come
            // from transitive pairs, because a replaying reader of new meets all the old data.
            Effect::Loosening(rule) if direction == Direction::Backward && self.consecutive => {
                Some(Target {
                    rule,
                    property: property_of(&difference.new_path),
                })
            }
            Effect::Required if !compatible && checked => self.required(direction, difference),
            // Seen from new back to old, a "removed" property is one new added; it breaks old
            // readers whose content model does not let it in.
            Effect::Removal if direction == Direction::Forward && !compatible && checked => {
                Some(Target {
                    rule: PROPERTY_ADDED_TO_CLOSED_MODEL,
                    property: property_of(&difference.new_path),
                })
            }
            _ => None,
        }
    }

    /// `REQUIRED_ATTRIBUTE_ADDED`: the reader requires a property the writer did not. If the
    /// writer declares it, the property was made required; if not, a required property was
    /// added (backward) or the writer dropped it (forward, which the removal rules judge).
    fn required(&self, direction: Direction, difference: &Difference) -> Option<Target> {
        let (old_schema, new_schema) = (&self.old_version().schema, &self.new_version().schema);
        let (reader, reader_path, writer, writer_path) = match direction {
            Direction::Backward => (
                new_schema,
                &difference.new_path,
                old_schema,
                &difference.old_path,
            ),
            Direction::Forward => (
                old_schema,
                &difference.old_path,
                new_schema,
                &difference.new_path,
            ),
        };
        let name = reader.pointer(reader_path)?.as_str()?;
        let property_at = |required_path: &str| {
            let object = required_path
                .rsplit_once("/required")
                .map_or("", |(object, _)| object);
            format!(
                "{object}/properties/{}",
                crate::pointer::pointer_token(name)
            )
        };
        let in_writer = writer.pointer(&property_at(writer_path)).is_some();
        let rule = match (in_writer, direction) {
            (true, Direction::Backward) => FIELD_MADE_REQUIRED,
            // The writer (new) declares it without requiring it: the author made it optional.
            (true, Direction::Forward) => FIELD_MADE_OPTIONAL,
            (false, Direction::Backward) => REQUIRED_FIELD_ADDED,
            (false, Direction::Forward) => return None,
        };
        let in_new = property_at(&difference.new_path);
        let property = if new_schema.pointer(&in_new).is_some() {
            in_new
        } else {
            property_of(&difference.new_path)
        };
        Some(Target { rule, property })
    }

    fn violation(
        &self,
        direction: Direction,
        difference: &Difference,
        compatible: bool,
        target: Target,
        help: &str,
    ) -> Violation {
        let (old, new) = (self.old_version().version, self.new_version().version);
        let subject = if target.property.is_empty() {
            "the payload".to_string()
        } else {
            format!("`{}`", crate::pointer::last_name(&target.property))
        };
        let mode = self.mode.as_str();
        let detail = &difference.detail;
        let message = match (direction, compatible) {
            (_, true) => format!("{subject}: {detail} in v{new}, compared with v{old}"),
            (Direction::Backward, false) => format!(
                "{subject}: {detail} in v{new}, compared with v{old}; consumers of v{new} \
                 cannot read data written under v{old} ({mode} compatibility)"
            ),
            (Direction::Forward, false) if self.authored_detail(&target).is_some() => {
                let what = self.authored_detail(&target).unwrap_or_default();
                let rejected = self.added_enum_values(&target.property);
                let reader = if rejected.is_empty() {
                    format!("consumers still on v{old} reject data written under v{new}")
                } else {
                    format!("consumers still on v{old} reject {rejected}")
                };
                format!(
                    "{subject}: {what} in v{new}, compared with v{old}; {reader} ({mode} compatibility)"
                )
            }
            // No old → new difference names the change (a property made optional, one added to
            // a model old keeps closed, a model opened): the rule names it, the message says
            // what old's consumers meet.
            (Direction::Forward, false) => {
                let change = match target.rule {
                    FIELD_MADE_OPTIONAL => format!(
                        "made optional in v{new} (v{old} requires it); consumers still on v{old} \
                         reject data written under v{new} without it"
                    ),
                    PROPERTY_ADDED_TO_CLOSED_MODEL => format!(
                        "added in v{new} to a content model that v{old} keeps closed; consumers \
                         still on v{old} reject data written under v{new} that carries it"
                    ),
                    CONTENT_MODEL_OPENED => format!(
                        "content model opened in v{new} (v{old} has `additionalProperties: \
                         false`); consumers still on v{old} reject data written under v{new} \
                         with properties v{old} does not declare"
                    ),
                    _ => format!(
                        "consumers of v{old} cannot read data written under v{new}; seen from \
                         v{new} back to v{old}: {detail}"
                    ),
                };
                format!("{subject}: {change} ({mode} compatibility)")
            }
        };
        let help = match (direction, compatible) {
            (Direction::Forward, false) => forward_help(target.rule),
            _ => help.to_string(),
        };
        let witness = if compatible {
            None
        } else {
            self.witness(direction, difference)
        };
        let help = match (&witness, direction) {
            (Some(value), Direction::Backward) => format!(
                "{help}; e.g. this payload, valid under v{old}, is rejected by v{new}: {value}"
            ),
            (Some(value), Direction::Forward) => format!(
                "{help}; e.g. this payload, valid under v{new}, is rejected by v{old}: {value}"
            ),
            (None, _) => help,
        };
        let mut violation = Violation::at(
            format!("/versions/{}/schema{}", self.new, target.property),
            message,
        )
        .on_key()
        .help(help)
        .versions(Some(old), new)
        .path(target.property);
        if !compatible {
            // The impact: it breaks a direction the mode checks, whatever the rule's default.
            violation.level = Some(crate::finding::Level::Error);
        }
        violation.witness = witness.map(Box::new);
        violation
    }

    /// A verified payload the breaking `difference` rejects (see `compat::witness`); none for a
    /// break only the strict policy makes, which has no such payload among declared properties.
    fn witness(&self, direction: Direction, difference: &Difference) -> Option<serde_json::Value> {
        if difference.kind.is_compatible(compat::Policy::Lenient) {
            return None;
        }
        let (old, new) = (&self.old_version().schema, &self.new_version().schema);
        compat::witness::Checker::new(old, new, direction)?.find(difference, direction)
    }

    /// What the author changed at `target`, in the words of the backward comparison (old →
    /// new), which describes the author's edit; the forward one describes its mirror.
    fn authored_detail(&self, target: &Target) -> Option<String> {
        self.backward
            .iter()
            .find(|(difference, _)| {
                let rule = match effect(difference.kind) {
                    Effect::Breaking(rule) | Effect::Loosening(rule) => rule,
                    _ => return false,
                };
                rule == target.rule && property_of(&difference.new_path) == target.property
            })
            .map(|(difference, _)| difference.detail.clone())
    }

    /// The enum values new allows at `property` and old does not, as "`a`, `b`" (empty when
    /// the property has no enum in both).
    fn added_enum_values(&self, property: &str) -> String {
        let values = |schema: &serde_json::Value| {
            schema
                .pointer(&format!("{property}/enum"))
                .and_then(serde_json::Value::as_array)
                .cloned()
        };
        let (Some(old), Some(new)) = (
            values(&self.old_version().schema),
            values(&self.new_version().schema),
        ) else {
            return String::new();
        };
        let added: Vec<String> = new
            .iter()
            .filter(|value| !old.contains(value))
            .map(|value| match value.as_str() {
                Some(text) => format!("`{text}`"),
                None => format!("`{value}`"),
            })
            .collect();
        added.join(", ")
    }
}

/// The change the author made, when the forward comparison (new read back as old) reports its
/// mirror: a value added shows up there as a value removed. Kinds that are their own mirror
/// keep their name.
fn authored(rule: &'static str) -> &'static str {
    match rule {
        ENUM_VALUE_REMOVED => ENUM_VALUE_ADDED,
        TYPE_NARROWED => TYPE_WIDENED,
        CONSTRAINT_TIGHTENED => CONSTRAINT_LOOSENED,
        // The reader (old) has `additionalProperties: false` and the writer (new) has not.
        CONTENT_MODEL_CLOSED => CONTENT_MODEL_OPENED,
        other => other,
    }
}

/// Help for a change that breaks consumers still on the old version (forward modes): the
/// order of the rollout that keeps them reading.
fn forward_help(rule: &str) -> String {
    match rule {
        ENUM_VALUE_ADDED => {
            "release consumers that accept the new value first, then the \
producers that send it; or, if old consumers must keep working, keep the enum as it was"
        }
        TYPE_WIDENED => {
            "release consumers that accept the wider type first, then producers; \
or keep the old type"
        }
        CONSTRAINT_LOOSENED => {
            "release consumers that accept the looser values first, then \
producers; or keep the constraint"
        }
        FIELD_MADE_OPTIONAL => {
            "release consumers that read the property as optional first, then the producers that \
omit it; or keep it required"
        }
        PROPERTY_ADDED_TO_CLOSED_MODEL => {
            "release consumers that accept the new property first, then the producers that send \
it; or leave it out until every consumer reads it"
        }
        CONTENT_MODEL_OPENED => {
            "release consumers that accept undeclared properties first, then producers; or keep \
`additionalProperties: false`"
        }
        _ => {
            "release consumers that read the new shape first, then producers; or keep the \
schema readable by consumers still on the old version"
        }
    }
    .to_string()
}

struct Target {
    rule: &'static str,
    /// Schema pointer of the property in new (or its closest existing parent).
    property: String,
}

/// Whether `path` is `ancestor` or inside it, token-wise.
fn is_within(path: &str, ancestor: &str) -> bool {
    path.strip_prefix(ancestor)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The schema pointer of the property a difference is about: `path` cut after its deepest
/// `properties/<name>`, or the root (""): `/properties/a/items/properties/b/maxLength` →
/// `/properties/a/items/properties/b`, `/type` → "".
pub fn property_of(path: &str) -> String {
    let tokens: Vec<&str> = match path.strip_prefix('/') {
        Some(rest) => rest.split('/').collect(),
        None => Vec::new(),
    };
    let mut end = 0;
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas"
            | "dependencies" => {
                if i + 1 >= tokens.len() {
                    break;
                }
                if tokens[i] == "properties" {
                    end = i + 2;
                }
                i += 2;
            }
            "items" | "prefixItems" | "allOf" | "anyOf" | "oneOf" => {
                i += 1;
                if tokens.get(i).is_some_and(|t| t.parse::<usize>().is_ok()) {
                    i += 1;
                }
            }
            "additionalProperties"
            | "additionalItems"
            | "not"
            | "contains"
            | "propertyNames"
            | "if"
            | "then"
            | "else"
            | "unevaluatedProperties"
            | "unevaluatedItems" => i += 1,
            _ => break,
        }
    }
    tokens[..end]
        .iter()
        .map(|token| format!("/{token}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::Policy;
    // Test-only and upward on purpose: these tests hold the rules that read these changes to
    // what the changes mean.
    use crate::rules::Check;
    use crate::rules::testing::{evolving, violations};

    #[test]
    fn breaking_kinds_break_and_loosening_kinds_do_not() {
        for &kind in DifferenceKind::ALL {
            // Only this kind's verdict depends on the policy; every other breaking kind breaks
            // under both.
            let policy = if kind == DifferenceKind::PropertyAddedToOpenContentModel {
                Policy::Strict
            } else {
                Policy::Lenient
            };
            match effect(kind) {
                Effect::Breaking(rule) => assert!(
                    !kind.is_compatible(policy),
                    "{kind} is compatible but maps to {rule}"
                ),
                Effect::Required => assert!(!kind.is_compatible(Policy::Lenient)),
                Effect::Loosening(rule) => assert!(
                    kind.is_compatible(Policy::Strict),
                    "{kind} breaks but maps to {rule}"
                ),
                Effect::Harmless => assert!(kind.is_compatible(Policy::Strict), "{kind}"),
                Effect::Removal => {}
            }
        }
    }

    #[test]
    fn a_schema_compared_with_itself_gives_no_finding() {
        let schema = "{type: object, additionalProperties: false, required: [meeting_id, role], \
            properties: {meeting_id: {type: string, format: uuid}, role: {enum: [host, guest]}, \
            words: {type: array, maxItems: 100, items: {type: object, properties: \
            {text: {type: string, pattern: '^\\S+$'}, score: {type: [number, 'null'], minimum: 0}}}}, \
            old: {type: string, deprecated: true, x-remove-after: 2026-01-01}}}";
        for compatibility in ["backward", "forward", "full_transitive"] {
            let yaml = evolving(schema, schema).replace(
                "retention:",
                &format!("compatibility: {compatibility}\nretention:"),
            );
            for rule in crate::rules::RULES {
                if matches!(rule.check, Check::EventChange(_)) {
                    assert_eq!(violations(rule, &yaml), Vec::<String>::new(), "{}", rule.id);
                }
            }
        }
    }

    /// Three versions of `count`: integer, string, boolean.
    fn three_types(compatibility: &str) -> String {
        format!(
            "\
contract: meeting.renamed
kind: event
owner: meetings
description: A meeting got a new title.
topic: meeting-events
partition_key: meeting_id
compatibility: {compatibility}
retention: {{delete_after: 400d}}
versions:
  - version: 1
    released: 2026-01-12
    summary: Initial version.
    schema: {{type: object, properties: {{meeting_id: {{type: string}}, count: {{type: integer}}}}}}
  - version: 2
    released: 2026-02-02
    summary: Count as text.
    schema: {{type: object, properties: {{meeting_id: {{type: string}}, count: {{type: string}}}}}}
  - version: 3
    summary: Count as a flag.
    schema: {{type: object, properties: {{meeting_id: {{type: string}}, count: {{type: boolean}}}}}}
"
        )
    }

    #[test]
    fn transitive_modes_compare_with_every_earlier_release_and_report_each_place_once() {
        let rule = crate::rules::find(TYPE_CHANGED).unwrap();
        let pointers = |found: Vec<String>| -> Vec<String> {
            found
                .into_iter()
                .map(|line| line.split(": ").next().unwrap().to_string())
                .collect()
        };
        // v3 breaks v2 and v1 at the same place: one finding, against v2 (the nearest).
        let transitive = violations(rule, &three_types("backward_transitive"));
        assert_eq!(
            pointers(transitive.clone()),
            [
                "/versions/1/schema/properties/count",
                "/versions/2/schema/properties/count"
            ]
        );
        assert!(
            transitive[1].contains("in v3, compared with v2"),
            "{transitive:?}"
        );
        assert_eq!(violations(rule, &three_types("backward")).len(), 2);
    }

    #[test]
    fn a_loosening_is_reported_once_under_a_transitive_mode() {
        // integer, then number in v2, kept in v3: v3 against v1 is widened too, but that is
        // news only in v2.
        let widened = |mode| {
            three_types(mode)
                .replace("count: {type: string}", "count: {type: number}")
                .replace("count: {type: boolean}", "count: {type: number}")
        };
        let rule = crate::rules::find(TYPE_WIDENED).unwrap();
        assert_eq!(
            violations(rule, &widened("backward_transitive")),
            [
                "/versions/1/schema/properties/count: `count`: type widened: \"integer\" → \"number\" in v2, compared with v1"
            ]
        );
        // Under full_transitive the widening breaks consumers still on v1, for data of v2 and
        // of v3 alike: a break, reported against every version it breaks, and named after
        // what the author did (not `type-narrowed`).
        assert_eq!(
            violations(rule, &widened("full_transitive")),
            [
                "/versions/1/schema/properties/count: `count`: type widened: \"integer\" → \"number\" in v2, compared with v1; consumers still on v1 reject data written under v2 (full_transitive compatibility)",
                "/versions/2/schema/properties/count: `count`: type widened: \"integer\" → \"number\" in v3, compared with v1; consumers still on v1 reject data written under v3 (full_transitive compatibility)"
            ]
        );
    }

    #[test]
    fn a_schema_that_cannot_be_compared_is_reported_once_on_its_version() {
        // A `$ref` cycle used to be reported only here, as a pair that could not be compared,
        // so a lone version holding one passed. It is now `schema-invalid` on the version
        // itself, and the pair is not reported a second time.
        let old = "{type: object, properties: {attempt: {type: integer}}}";
        let new = "{type: object, properties: {attempt: {$ref: '#/$defs/a'}}, $defs: {a: {$ref: '#/$defs/b'}, b: {$ref: '#/$defs/a'}}}";
        let yaml = evolving(old, new);
        let rule = crate::rules::find(TYPE_CHANGED).unwrap();
        assert_eq!(violations(rule, &yaml), Vec::<String>::new());
        let invalid = crate::rules::find("schema-invalid").unwrap();
        assert_eq!(
            violations(invalid, &yaml),
            [
                "/versions/1/schema/properties/attempt/$ref: the schema of version 2 is invalid: `$ref: #/$defs/a` only leads to further references and never to a schema"
            ]
        );
    }

    #[test]
    fn property_of_cuts_after_the_deepest_property() {
        assert_eq!(
            property_of("/properties/a/items/properties/b/maxLength"),
            "/properties/a/items/properties/b"
        );
        assert_eq!(property_of("/properties/role/enum"), "/properties/role");
        assert_eq!(property_of("/type"), "");
        assert_eq!(property_of(""), "");
        assert_eq!(property_of("/properties"), "");
        assert_eq!(
            property_of("/properties/properties/type"),
            "/properties/properties"
        );
        assert_eq!(
            property_of("/oneOf/1/properties/x/minimum"),
            "/oneOf/1/properties/x"
        );
    }

    #[test]
    fn within_is_token_wise() {
        assert!(is_within("/properties/a/items", "/properties/a"));
        assert!(is_within("/properties/a", "/properties/a"));
        assert!(!is_within("/properties/ab", "/properties/a"));
    }
}
