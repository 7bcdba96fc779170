//! The kinds of schema difference (after Confluent's `Difference.Type`) and their backward verdicts.

use super::Policy;

/// How a verdict depends on the policy.
#[derive(Clone, Copy)]
enum Verdict {
    /// Backward compatible under both policies.
    Yes,
    /// Breaks backward compatibility under both policies.
    No,
    /// Compatible under `Lenient`, breaking under `Strict`.
    LenientOnly,
}

macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident = $id:literal, $verdict:ident;)*) => {
        /// One kind of change between two schemas, named after Confluent Schema Registry's
        /// `io.confluent.kafka.schemaregistry.json.diff.Difference.Type`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DifferenceKind {
            $($(#[$doc])* $variant,)*
        }

        impl DifferenceKind {
            /// Every kind, in declaration order (for rule catalogues and exhaustive tests).
            pub const ALL: &'static [DifferenceKind] = &[$(DifferenceKind::$variant,)*];

            /// The SCREAMING_SNAKE id Confluent uses (or, for the few kinds Confluent lacks, one in
            /// the same style).
            pub fn id(&self) -> &'static str {
                match self {
                    $(DifferenceKind::$variant => $id,)*
                }
            }

            fn verdict(&self) -> Verdict {
                match self {
                    $(DifferenceKind::$variant => Verdict::$verdict,)*
                }
            }
        }
    };
}

kinds! {
    // Annotations: they never change which payloads validate.
    IdChanged = "ID_CHANGED", Yes;
    DescriptionChanged = "DESCRIPTION_CHANGED", Yes;
    TitleChanged = "TITLE_CHANGED", Yes;
    DefaultChanged = "DEFAULT_CHANGED", Yes;

    /// A schema appeared where there was none (e.g. `items` added to a list).
    SchemaAdded = "SCHEMA_ADDED", No;
    /// A schema disappeared (e.g. `items` removed from a list): anything goes now.
    SchemaRemoved = "SCHEMA_REMOVED", Yes;
    /// The set of accepted types grew without adding a type name (integer → number, or the
    /// `type` keyword removed).
    TypeExtended = "TYPE_EXTENDED", Yes;
    /// The set of accepted types shrank without removing a type name (number → integer, or a
    /// `type` keyword added to a schema that had none).
    TypeNarrowed = "TYPE_NARROWED", No;
    TypeChanged = "TYPE_CHANGED", No;

    MaxLengthAdded = "MAX_LENGTH_ADDED", No;
    MaxLengthRemoved = "MAX_LENGTH_REMOVED", Yes;
    MaxLengthIncreased = "MAX_LENGTH_INCREASED", Yes;
    MaxLengthDecreased = "MAX_LENGTH_DECREASED", No;
    MinLengthAdded = "MIN_LENGTH_ADDED", No;
    MinLengthRemoved = "MIN_LENGTH_REMOVED", Yes;
    MinLengthIncreased = "MIN_LENGTH_INCREASED", No;
    MinLengthDecreased = "MIN_LENGTH_DECREASED", Yes;
    PatternAdded = "PATTERN_ADDED", No;
    PatternRemoved = "PATTERN_REMOVED", Yes;
    /// The new pattern matches some string the old one matched (or cannot be compared with it).
    PatternChanged = "PATTERN_CHANGED", No;
    /// Not in Confluent: the pattern changed (or was added) and still matches every string the
    /// old schema allowed, compared as languages.
    PatternExtended = "PATTERN_EXTENDED", Yes;
    /// Not in Confluent (its checker ignores `format`); contracts treat a format as a constraint.
    FormatAdded = "FORMAT_ADDED", No;
    /// Not in Confluent; see `FormatAdded`.
    FormatRemoved = "FORMAT_REMOVED", Yes;
    /// Not in Confluent; see `FormatAdded`.
    FormatChanged = "FORMAT_CHANGED", No;

    MaximumAdded = "MAXIMUM_ADDED", No;
    MaximumRemoved = "MAXIMUM_REMOVED", Yes;
    MaximumIncreased = "MAXIMUM_INCREASED", Yes;
    MaximumDecreased = "MAXIMUM_DECREASED", No;
    MinimumAdded = "MINIMUM_ADDED", No;
    MinimumRemoved = "MINIMUM_REMOVED", Yes;
    MinimumIncreased = "MINIMUM_INCREASED", No;
    MinimumDecreased = "MINIMUM_DECREASED", Yes;
    ExclusiveMaximumAdded = "EXCLUSIVE_MAXIMUM_ADDED", No;
    ExclusiveMaximumRemoved = "EXCLUSIVE_MAXIMUM_REMOVED", Yes;
    ExclusiveMaximumIncreased = "EXCLUSIVE_MAXIMUM_INCREASED", Yes;
    ExclusiveMaximumDecreased = "EXCLUSIVE_MAXIMUM_DECREASED", No;
    ExclusiveMinimumAdded = "EXCLUSIVE_MINIMUM_ADDED", No;
    ExclusiveMinimumRemoved = "EXCLUSIVE_MINIMUM_REMOVED", Yes;
    ExclusiveMinimumIncreased = "EXCLUSIVE_MINIMUM_INCREASED", No;
    ExclusiveMinimumDecreased = "EXCLUSIVE_MINIMUM_DECREASED", Yes;
    MultipleOfAdded = "MULTIPLE_OF_ADDED", No;
    MultipleOfRemoved = "MULTIPLE_OF_REMOVED", Yes;
    /// The new divisor is a multiple of the old one (2 → 4): fewer values pass.
    MultipleOfExpanded = "MULTIPLE_OF_EXPANDED", No;
    /// The old divisor is a multiple of the new one (4 → 2): more values pass.
    MultipleOfReduced = "MULTIPLE_OF_REDUCED", Yes;
    MultipleOfChanged = "MULTIPLE_OF_CHANGED", No;

    RequiredAttributeAdded = "REQUIRED_ATTRIBUTE_ADDED", No;
    /// Confluent counts a default as enough for old payloads, which lack the property; a JSON
    /// Schema validator does not fill defaults in, so every such old payload is rejected: breaking
    /// (set semantics), whatever Confluent says.
    RequiredAttributeWithDefaultAdded = "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED", No;
    RequiredAttributeRemoved = "REQUIRED_ATTRIBUTE_REMOVED", Yes;
    MaxPropertiesAdded = "MAX_PROPERTIES_ADDED", No;
    MaxPropertiesRemoved = "MAX_PROPERTIES_REMOVED", Yes;
    MaxPropertiesIncreased = "MAX_PROPERTIES_INCREASED", Yes;
    MaxPropertiesDecreased = "MAX_PROPERTIES_DECREASED", No;
    MinPropertiesAdded = "MIN_PROPERTIES_ADDED", No;
    MinPropertiesRemoved = "MIN_PROPERTIES_REMOVED", Yes;
    MinPropertiesIncreased = "MIN_PROPERTIES_INCREASED", No;
    MinPropertiesDecreased = "MIN_PROPERTIES_DECREASED", Yes;
    /// `additionalProperties` went from `false` to allowed.
    AdditionalPropertiesAdded = "ADDITIONAL_PROPERTIES_ADDED", Yes;
    /// `additionalProperties` went from allowed to `false`.
    AdditionalPropertiesRemoved = "ADDITIONAL_PROPERTIES_REMOVED", No;
    /// `additionalProperties` went from a schema to unconstrained.
    AdditionalPropertiesExtended = "ADDITIONAL_PROPERTIES_EXTENDED", Yes;
    /// `additionalProperties` went from unconstrained to a schema.
    AdditionalPropertiesNarrowed = "ADDITIONAL_PROPERTIES_NARROWED", No;
    DependencyArrayAdded = "DEPENDENCY_ARRAY_ADDED", No;
    DependencyArrayRemoved = "DEPENDENCY_ARRAY_REMOVED", Yes;
    DependencyArrayExtended = "DEPENDENCY_ARRAY_EXTENDED", No;
    DependencyArrayNarrowed = "DEPENDENCY_ARRAY_NARROWED", Yes;
    DependencyArrayChanged = "DEPENDENCY_ARRAY_CHANGED", No;
    DependencySchemaAdded = "DEPENDENCY_SCHEMA_ADDED", No;
    DependencySchemaRemoved = "DEPENDENCY_SCHEMA_REMOVED", Yes;
    /// Old payloads may carry this property with any value, which the new schema now
    /// constrains. The lenient policy accepts this (new fields are additive).
    PropertyAddedToOpenContentModel = "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", LenientOnly;
    RequiredPropertyAddedToUnopenContentModel = "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", No;
    /// Breaking for the same reason as `RequiredAttributeWithDefaultAdded`.
    RequiredPropertyWithDefaultAddedToUnopenContentModel = "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL", No;
    OptionalPropertyAddedToUnopenContentModel = "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", Yes;
    /// A property whose schema accepts anything (`{}`, `true`) declared in an open model: the
    /// same set of payloads, so compatible under both policies.
    PropertyWithEmptySchemaAddedToOpenContentModel = "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL", Yes;
    /// A property whose schema accepts nothing (`false`) dropped from a closed model: no old
    /// payload carried it.
    PropertyWithFalseRemovedFromClosedContentModel = "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL", Yes;
    PropertyRemovedFromOpenContentModel = "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL", Yes;
    PropertyRemovedFromClosedContentModel = "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", No;
    PropertyAddedIsCoveredByPartiallyOpenContentModel = "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", Yes;
    PropertyAddedNotCoveredByPartiallyOpenContentModel = "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", No;
    PropertyRemovedIsCoveredByPartiallyOpenContentModel = "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", Yes;
    PropertyRemovedNotCoveredByPartiallyOpenContentModel = "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", No;

    MaxItemsAdded = "MAX_ITEMS_ADDED", No;
    MaxItemsRemoved = "MAX_ITEMS_REMOVED", Yes;
    MaxItemsIncreased = "MAX_ITEMS_INCREASED", Yes;
    MaxItemsDecreased = "MAX_ITEMS_DECREASED", No;
    MinItemsAdded = "MIN_ITEMS_ADDED", No;
    MinItemsRemoved = "MIN_ITEMS_REMOVED", Yes;
    MinItemsIncreased = "MIN_ITEMS_INCREASED", No;
    MinItemsDecreased = "MIN_ITEMS_DECREASED", Yes;
    UniqueItemsAdded = "UNIQUE_ITEMS_ADDED", No;
    UniqueItemsRemoved = "UNIQUE_ITEMS_REMOVED", Yes;
    /// Items beyond the tuple went from forbidden to allowed.
    AdditionalItemsAdded = "ADDITIONAL_ITEMS_ADDED", Yes;
    /// Items beyond the tuple went from allowed to forbidden.
    AdditionalItemsRemoved = "ADDITIONAL_ITEMS_REMOVED", No;
    AdditionalItemsExtended = "ADDITIONAL_ITEMS_EXTENDED", Yes;
    AdditionalItemsNarrowed = "ADDITIONAL_ITEMS_NARROWED", No;
    /// A tuple item whose schema accepts anything added where further items were open.
    ItemWithEmptySchemaAddedToOpenContentModel = "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL", Yes;
    /// A tuple item whose schema accepts nothing dropped from a closed tuple.
    ItemWithFalseRemovedFromClosedContentModel = "ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL", Yes;
    ItemAddedToOpenContentModel = "ITEM_ADDED_TO_OPEN_CONTENT_MODEL", No;
    ItemAddedToClosedContentModel = "ITEM_ADDED_TO_CLOSED_CONTENT_MODEL", Yes;
    ItemRemovedFromOpenContentModel = "ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL", Yes;
    ItemRemovedFromClosedContentModel = "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL", No;
    ItemAddedIsCoveredByPartiallyOpenContentModel = "ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", Yes;
    ItemAddedNotCoveredByPartiallyOpenContentModel = "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", No;
    ItemRemovedIsCoveredByPartiallyOpenContentModel = "ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", Yes;
    ItemRemovedNotCoveredByPartiallyOpenContentModel = "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", No;

    /// Every old value is still allowed (an absent `enum`/`const` allows every value).
    EnumArrayExtended = "ENUM_ARRAY_EXTENDED", Yes;
    EnumArrayNarrowed = "ENUM_ARRAY_NARROWED", No;
    EnumArrayChanged = "ENUM_ARRAY_CHANGED", No;

    /// allOf → oneOf/anyOf, or oneOf → anyOf.
    CombinedTypeExtended = "COMBINED_TYPE_EXTENDED", Yes;
    CombinedTypeChanged = "COMBINED_TYPE_CHANGED", No;
    /// More `allOf` conjuncts (or a combinator added beside other keywords).
    ProductTypeExtended = "PRODUCT_TYPE_EXTENDED", No;
    /// Fewer `allOf` conjuncts (or a combinator removed from beside other keywords).
    ProductTypeNarrowed = "PRODUCT_TYPE_NARROWED", Yes;
    /// More `oneOf`/`anyOf` alternatives, or a type name added to `type`.
    SumTypeExtended = "SUM_TYPE_EXTENDED", Yes;
    /// Fewer `oneOf`/`anyOf` alternatives, or a type name removed from `type`.
    SumTypeNarrowed = "SUM_TYPE_NARROWED", No;
    /// Not in Confluent: the subschemas do not pair up one to one, yet every old value is valid
    /// under the new combination (a union merged into one schema covering every branch, a
    /// schema split into type branches, `allOf` → `anyOf` of branches one conjunct fits).
    CombinedTypeCovered = "COMBINED_TYPE_COVERED", Yes;
    /// Some subschema could not be paired with a compatible one on the other side.
    CombinedTypeSubschemasChanged = "COMBINED_TYPE_SUBSCHEMAS_CHANGED", No;

    /// The `not` schema now excludes more.
    NotTypeExtended = "NOT_TYPE_EXTENDED", No;
    /// The `not` schema now excludes less.
    NotTypeNarrowed = "NOT_TYPE_NARROWED", Yes;

    /// Not in Confluent: `propertyNames` added; names it rejects are no longer allowed.
    PropertyNamesAdded = "PROPERTY_NAMES_ADDED", No;
    /// Not in Confluent: `propertyNames` removed.
    PropertyNamesRemoved = "PROPERTY_NAMES_REMOVED", Yes;
    /// Not in Confluent: `contains` added (with a `minContains` above 0 or a `maxContains`).
    ContainsAdded = "CONTAINS_ADDED", No;
    /// Not in Confluent: `contains` removed.
    ContainsRemoved = "CONTAINS_REMOVED", Yes;
    /// Not in Confluent: `contains`/`minContains`/`maxContains` accept every array they did.
    ContainsExtended = "CONTAINS_EXTENDED", Yes;
    /// Not in Confluent: `contains`/`minContains`/`maxContains` may reject an array they
    /// accepted (a narrower schema, more matches asked, or an upper bound).
    ContainsNarrowed = "CONTAINS_NARROWED", No;
    /// Not in Confluent: an `if` with a constraining `then`/`else` added, or a `then`/`else`
    /// added beside an unchanged `if`.
    ConditionAdded = "CONDITION_ADDED", No;
    /// Not in Confluent: the mirror of `ConditionAdded`.
    ConditionRemoved = "CONDITION_REMOVED", Yes;
    /// Not in Confluent: `if` itself changed, which moves values between `then` and `else`.
    ConditionChanged = "CONDITION_CHANGED", No;

    /// Not in Confluent: a validation keyword this checker does not model (`contains`,
    /// `propertyNames`, `if`/`then`/`else`, `unevaluated*`, ...) differs. Reported as breaking
    /// because the check could not be performed, rather than silently passed.
    UncheckedKeywordChanged = "UNCHECKED_KEYWORD_CHANGED", No;

    /// Not in Confluent: one of those keywords removed, which can only accept more.
    UncheckedKeywordRemoved = "UNCHECKED_KEYWORD_REMOVED", Yes;
}

impl DifferenceKind {
    /// Whether a change of this kind keeps backward compatibility (new readers accept old data)
    /// under `policy`. Forward verdicts come from swapping the schemas, not from this table.
    pub fn is_compatible(&self, policy: Policy) -> bool {
        match self.verdict() {
            Verdict::Yes => true,
            Verdict::No => false,
            Verdict::LenientOnly => policy == Policy::Lenient,
        }
    }

    /// Whether only the lenient policy accepts this kind: the documented relaxation.
    pub fn is_lenient_only(&self) -> bool {
        matches!(self.verdict(), Verdict::LenientOnly)
    }
}

impl std::fmt::Display for DifferenceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}
