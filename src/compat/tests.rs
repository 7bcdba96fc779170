//! Table-driven tests of the compatibility engine: old/new pairs with their expected verdicts.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::*;

struct Row {
    name: &'static str,
    old: Value,
    new: Value,
    /// Kind ids of `differences(old, new)`, sorted.
    ids: &'static [&'static str],
    /// "BF": backward and forward compatible; "B-", "-F", "--" likewise. Full is "BF".
    lenient: &'static str,
    strict: &'static str,
}

macro_rules! rows {
    ($($name:literal: $old:tt => $new:tt, [$($id:literal),*], $lenient:literal, $strict:literal;)*) => {
        vec![$(Row {
            name: $name,
            old: json!($old),
            new: json!($new),
            ids: &[$($id),*],
            lenient: $lenient,
            strict: $strict,
        },)*]
    };
}

fn table() -> Vec<Row> {
    rows! {
        // Annotations.
        "description changed": {"type": "string", "description": "a"} => {"type": "string", "description": "b"}, ["DESCRIPTION_CHANGED"], "BF", "BF";
        "title added": {"type": "string"} => {"type": "string", "title": "T"}, ["TITLE_CHANGED"], "BF", "BF";
        "default changed": {"type": "integer", "default": 1} => {"type": "integer", "default": 2}, ["DEFAULT_CHANGED"], "BF", "BF";
        "id changed": {"$id": "urn:a", "type": "string"} => {"$id": "urn:b", "type": "string"}, ["ID_CHANGED"], "BF", "BF";
        "identical": {"type": "object", "properties": {"a": {"type": "string"}}} => {"type": "object", "properties": {"a": {"type": "string"}}}, [], "BF", "BF";
        "empty and true are the same": {} => true, [], "BF", "BF";
        "default 1 equals 1.0": {"default": 1, "type": "number"} => {"default": 1.0, "type": "number"}, [], "BF", "BF";

        // Types.
        "string to integer": {"type": "string"} => {"type": "integer"}, ["TYPE_CHANGED"], "--", "--";
        "integer to number": {"type": "integer"} => {"type": "number"}, ["TYPE_EXTENDED"], "B-", "B-";
        "number to integer": {"type": "number"} => {"type": "integer"}, ["TYPE_NARROWED"], "-F", "-F";
        "null added to type": {"type": "string"} => {"type": ["string", "null"]}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "null removed from type": {"type": ["string", "null"]} => {"type": "string"}, ["SUM_TYPE_NARROWED"], "-F", "-F";
        "integer widened inside a union": {"type": ["string", "integer"]} => {"type": ["string", "number"]}, ["TYPE_EXTENDED"], "B-", "B-";
        "union member replaced": {"type": ["string", "null"]} => {"type": ["integer", "null"]}, ["TYPE_CHANGED"], "--", "--";
        "type added to empty schema": {} => {"type": "string"}, ["TYPE_NARROWED"], "-F", "-F";
        "constrained to empty schema": {"type": "string", "maxLength": 3} => {}, [], "B-", "B-";
        "boolean becomes nullable": {"type": "boolean"} => {"type": ["boolean", "null"]}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "type keyword dropped": {"type": "string", "maxLength": 5} => {"maxLength": 5}, ["TYPE_EXTENDED"], "B-", "B-";
        "object to array": {"type": "object"} => {"type": "array"}, ["TYPE_CHANGED"], "--", "--";
        "true to false": true => false, ["TYPE_CHANGED"], "-F", "-F";
        "false to string": false => {"type": "string"}, [], "B-", "B-";
        "false to false": false => false, [], "BF", "BF";
        "object to nullable object": {"type": "object", "properties": {"a": {"type": "string"}}} => {"type": ["object", "null"], "properties": {"a": {"type": "string"}}}, ["SUM_TYPE_EXTENDED"], "B-", "B-";

        // Enum and const.
        "enum extended": {"enum": ["a", "b"]} => {"enum": ["a", "b", "c"]}, ["ENUM_ARRAY_EXTENDED"], "B-", "B-";
        "enum narrowed": {"enum": ["a", "b", "c"]} => {"enum": ["a", "b"]}, ["ENUM_ARRAY_NARROWED"], "-F", "-F";
        "enum changed": {"enum": ["a", "b"]} => {"enum": ["a", "c"]}, ["ENUM_ARRAY_CHANGED"], "--", "--";
        "enum reordered": {"enum": ["a", "b"]} => {"enum": ["b", "a"]}, [], "BF", "BF";
        "enum added": {"type": "string"} => {"type": "string", "enum": ["a"]}, ["ENUM_ARRAY_NARROWED"], "-F", "-F";
        "enum removed": {"type": "string", "enum": ["a"]} => {"type": "string"}, ["ENUM_ARRAY_EXTENDED"], "B-", "B-";
        "const changed": {"const": "a"} => {"const": "b"}, ["ENUM_ARRAY_CHANGED"], "--", "--";
        "const to wider enum": {"const": "a"} => {"enum": ["a", "b"]}, ["ENUM_ARRAY_EXTENDED"], "B-", "B-";
        "numeric enum by value": {"enum": [1, 2]} => {"enum": [1.0, 2]}, [], "BF", "BF";
        "one-value enum equals const": {"enum": ["a"]} => {"const": "a"}, [], "BF", "BF";
        "object enum values": {"enum": [{"k": 1}]} => {"enum": [{"k": 1}, {"k": 2}]}, ["ENUM_ARRAY_EXTENDED"], "B-", "B-";
        "nullable enum gains null": {"type": ["string", "null"], "enum": ["a"]} => {"type": ["string", "null"], "enum": ["a", null]}, ["ENUM_ARRAY_EXTENDED"], "B-", "B-";

        // String bounds.
        "maxLength added": {"type": "string"} => {"type": "string", "maxLength": 5}, ["MAX_LENGTH_ADDED"], "-F", "-F";
        "maxLength removed": {"type": "string", "maxLength": 5} => {"type": "string"}, ["MAX_LENGTH_REMOVED"], "B-", "B-";
        "maxLength increased": {"type": "string", "maxLength": 5} => {"type": "string", "maxLength": 10}, ["MAX_LENGTH_INCREASED"], "B-", "B-";
        "maxLength decreased": {"type": "string", "maxLength": 10} => {"type": "string", "maxLength": 5}, ["MAX_LENGTH_DECREASED"], "-F", "-F";
        "minLength added": {"type": "string"} => {"type": "string", "minLength": 1}, ["MIN_LENGTH_ADDED"], "-F", "-F";
        "minLength removed": {"type": "string", "minLength": 1} => {"type": "string"}, ["MIN_LENGTH_REMOVED"], "B-", "B-";
        "minLength increased": {"type": "string", "minLength": 1} => {"type": "string", "minLength": 2}, ["MIN_LENGTH_INCREASED"], "-F", "-F";
        "minLength decreased": {"type": "string", "minLength": 2} => {"type": "string", "minLength": 1}, ["MIN_LENGTH_DECREASED"], "B-", "B-";
        "pattern added": {"type": "string"} => {"type": "string", "pattern": "^a"}, ["PATTERN_ADDED"], "-F", "-F";
        "pattern removed": {"type": "string", "pattern": "^a"} => {"type": "string"}, ["PATTERN_REMOVED"], "B-", "B-";
        "pattern changed": {"type": "string", "pattern": "^a"} => {"type": "string", "pattern": "^b"}, ["PATTERN_CHANGED"], "--", "--";
        "pattern widened as a language": {"type": "string", "pattern": "^a$"} => {"type": "string", "pattern": "^a+$"}, ["PATTERN_EXTENDED"], "B-", "B-";
        "pattern respelled": {"type": "string", "pattern": "^[0-9]+$"} => {"type": "string", "pattern": "^\\d+$"}, ["PATTERN_EXTENDED"], "BF", "BF";
        "pattern anchored": {"type": "string", "pattern": "a"} => {"type": "string", "pattern": "^a"}, ["PATTERN_CHANGED"], "-F", "-F";
        "pattern matching everything added": {"type": "string"} => {"type": "string", "pattern": ".*"}, ["PATTERN_EXTENDED"], "BF", "BF";
        "pattern with a backreference changed": {"type": "string", "pattern": "^(a)\\1$"} => {"type": "string", "pattern": "^(a)\\1+$"}, ["PATTERN_CHANGED"], "--", "--";
        "minLength the old pattern implies": {"type": "string", "pattern": "^a+$"} => {"type": "string", "pattern": "^a+$", "minLength": 1}, [], "BF", "BF";
        "maxLength the old pattern implies": {"type": "string", "pattern": "^[0-9]{4}$"} => {"type": "string", "pattern": "^[0-9]{4}$", "maxLength": 4}, [], "BF", "BF";
        "minLength beyond the old pattern": {"type": "string", "pattern": "^a+$"} => {"type": "string", "pattern": "^a+$", "minLength": 2}, ["MIN_LENGTH_ADDED"], "-F", "-F";
        "format added": {"type": "string"} => {"type": "string", "format": "uuid"}, ["FORMAT_ADDED"], "-F", "-F";
        "format removed": {"type": "string", "format": "uuid"} => {"type": "string"}, ["FORMAT_REMOVED"], "B-", "B-";
        "format changed": {"type": "string", "format": "uuid"} => {"type": "string", "format": "email"}, ["FORMAT_CHANGED"], "--", "--";
        "length bounds on nullable string": {"type": ["string", "null"], "maxLength": 5} => {"type": ["string", "null"], "maxLength": 9}, ["MAX_LENGTH_INCREASED"], "B-", "B-";
        "string bounds ignored across type change": {"type": "string", "maxLength": 5} => {"type": "integer", "maximum": 5}, ["TYPE_CHANGED"], "--", "--";

        // Numeric bounds.
        "maximum added": {"type": "number"} => {"type": "number", "maximum": 5}, ["MAXIMUM_ADDED"], "-F", "-F";
        "maximum removed": {"type": "number", "maximum": 5} => {"type": "number"}, ["MAXIMUM_REMOVED"], "B-", "B-";
        "maximum increased": {"type": "number", "maximum": 5} => {"type": "number", "maximum": 6}, ["MAXIMUM_INCREASED"], "B-", "B-";
        "maximum decreased": {"type": "number", "maximum": 5} => {"type": "number", "maximum": 4.5}, ["MAXIMUM_DECREASED"], "-F", "-F";
        "minimum added": {"type": "integer"} => {"type": "integer", "minimum": 0}, ["MINIMUM_ADDED"], "-F", "-F";
        "minimum removed": {"type": "integer", "minimum": 0} => {"type": "integer"}, ["MINIMUM_REMOVED"], "B-", "B-";
        "minimum increased": {"type": "integer", "minimum": 0} => {"type": "integer", "minimum": 1}, ["MINIMUM_INCREASED"], "-F", "-F";
        "minimum decreased": {"type": "integer", "minimum": 1} => {"type": "integer", "minimum": -1}, ["MINIMUM_DECREASED"], "B-", "B-";
        "exclusiveMaximum added": {"type": "number"} => {"type": "number", "exclusiveMaximum": 1}, ["EXCLUSIVE_MAXIMUM_ADDED"], "-F", "-F";
        "exclusiveMaximum removed": {"type": "number", "exclusiveMaximum": 1} => {"type": "number"}, ["EXCLUSIVE_MAXIMUM_REMOVED"], "B-", "B-";
        "exclusiveMaximum increased": {"type": "number", "exclusiveMaximum": 1} => {"type": "number", "exclusiveMaximum": 2}, ["EXCLUSIVE_MAXIMUM_INCREASED"], "B-", "B-";
        "exclusiveMaximum decreased": {"type": "number", "exclusiveMaximum": 2} => {"type": "number", "exclusiveMaximum": 1}, ["EXCLUSIVE_MAXIMUM_DECREASED"], "-F", "-F";
        "exclusiveMinimum added": {"type": "number"} => {"type": "number", "exclusiveMinimum": 0}, ["EXCLUSIVE_MINIMUM_ADDED"], "-F", "-F";
        "exclusiveMinimum removed": {"type": "number", "exclusiveMinimum": 0} => {"type": "number"}, ["EXCLUSIVE_MINIMUM_REMOVED"], "B-", "B-";
        "exclusiveMinimum increased": {"type": "number", "exclusiveMinimum": 0} => {"type": "number", "exclusiveMinimum": 1}, ["EXCLUSIVE_MINIMUM_INCREASED"], "-F", "-F";
        "exclusiveMinimum decreased": {"type": "number", "exclusiveMinimum": 1} => {"type": "number", "exclusiveMinimum": 0}, ["EXCLUSIVE_MINIMUM_DECREASED"], "B-", "B-";
        "multipleOf added": {"type": "integer"} => {"type": "integer", "multipleOf": 2}, ["MULTIPLE_OF_ADDED"], "-F", "-F";
        "multipleOf removed": {"type": "integer", "multipleOf": 2} => {"type": "integer"}, ["MULTIPLE_OF_REMOVED"], "B-", "B-";
        "multipleOf expanded": {"type": "integer", "multipleOf": 2} => {"type": "integer", "multipleOf": 4}, ["MULTIPLE_OF_EXPANDED"], "-F", "-F";
        "multipleOf reduced": {"type": "integer", "multipleOf": 4} => {"type": "integer", "multipleOf": 2}, ["MULTIPLE_OF_REDUCED"], "B-", "B-";
        "multipleOf changed": {"type": "integer", "multipleOf": 2} => {"type": "integer", "multipleOf": 3}, ["MULTIPLE_OF_CHANGED"], "--", "--";
        "fractional multipleOf reduced": {"type": "number", "multipleOf": 0.5} => {"type": "number", "multipleOf": 0.25}, ["MULTIPLE_OF_REDUCED"], "B-", "B-";
        "integer with bound widened to number": {"type": "integer", "minimum": 0} => {"type": "number", "minimum": 0}, ["TYPE_EXTENDED"], "B-", "B-";
        "bounds on integer and number both": {"type": "integer", "maximum": 9} => {"type": "number", "maximum": 8}, ["MAXIMUM_DECREASED", "TYPE_EXTENDED"], "--", "--";

        // Objects: open content model.
        "optional property added to open model": {"type": "object", "properties": {"a": {"type": "string"}}} => {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}, ["PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"], "BF", "-F";
        "property removed from open model": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}} => {"type": "object", "properties": {"a": {"type": "string"}}}, ["PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL"], "BF", "B-";
        "required property added to open model": {"type": "object", "properties": {"a": {"type": "string"}}} => {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "required": ["b"]}, ["PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", "REQUIRED_ATTRIBUTE_ADDED"], "-F", "-F";
        "open via additionalProperties true": {"type": "object", "additionalProperties": true} => {"type": "object", "additionalProperties": true, "properties": {"b": {"type": "integer"}}}, ["PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"], "BF", "-F";
        "property added to nested open model": {"type": "object", "properties": {"m": {"type": "object", "properties": {}}}} => {"type": "object", "properties": {"m": {"type": "object", "properties": {"x": {"type": "boolean"}}}}}, ["PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"], "BF", "-F";
        "untyped property added to open model": {"type": "object"} => {"type": "object", "properties": {"x": {}}}, ["PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL"], "BF", "BF";

        // Objects: closed content model.
        "optional property added to closed model": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false} => {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "additionalProperties": false}, ["OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"], "B-", "B-";
        "required property added to closed model": {"type": "object", "properties": {}, "additionalProperties": false} => {"type": "object", "properties": {"b": {"type": "string"}}, "required": ["b"], "additionalProperties": false}, ["REQUIRED_ATTRIBUTE_ADDED", "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"], "--", "--";
        "required property with default added to closed model": {"type": "object", "additionalProperties": false} => {"type": "object", "properties": {"b": {"type": "string", "default": "x"}}, "required": ["b"], "additionalProperties": false}, ["REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED", "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL"], "--", "--";
        "property removed from closed model": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "additionalProperties": false} => {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}, ["PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"], "-F", "-F";
        "required property removed from closed model": {"type": "object", "properties": {"b": {"type": "string"}}, "required": ["b"], "additionalProperties": false} => {"type": "object", "additionalProperties": false}, ["PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", "REQUIRED_ATTRIBUTE_REMOVED"], "--", "--";

        // Objects: partially open content model.
        "covered property added": {"type": "object", "additionalProperties": {"type": "string"}} => {"type": "object", "properties": {"b": {"type": "string"}}, "additionalProperties": {"type": "string"}}, ["PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"], "BF", "BF";
        "narrower covered property added": {"type": "object", "additionalProperties": {"type": "string"}} => {"type": "object", "properties": {"b": {"type": "string", "maxLength": 3}}, "additionalProperties": {"type": "string"}}, ["MAX_LENGTH_ADDED", "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"], "-F", "-F";
        "uncovered property added": {"type": "object", "additionalProperties": {"type": "string"}} => {"type": "object", "properties": {"b": {"type": "integer"}}, "additionalProperties": {"type": "string"}}, ["PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "TYPE_CHANGED"], "--", "--";
        "covered property removed": {"type": "object", "properties": {"b": {"type": "string"}}, "additionalProperties": {"type": "string"}} => {"type": "object", "additionalProperties": {"type": "string"}}, ["PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"], "BF", "BF";
        "uncovered property removed": {"type": "object", "properties": {"b": {"type": "integer"}}, "additionalProperties": {"type": "string"}} => {"type": "object", "additionalProperties": {"type": "string"}}, ["PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "TYPE_CHANGED"], "--", "--";
        "property added under matching pattern": {"type": "object", "patternProperties": {"^x_": {"type": "string"}}, "additionalProperties": false} => {"type": "object", "properties": {"x_a": {"type": "string"}}, "patternProperties": {"^x_": {"type": "string"}}, "additionalProperties": false}, ["PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"], "BF", "BF";
        "property added against matching pattern": {"type": "object", "patternProperties": {"^x_": {"type": "string"}}, "additionalProperties": false} => {"type": "object", "properties": {"x_a": {"type": "integer"}}, "patternProperties": {"^x_": {"type": "string"}}, "additionalProperties": false}, ["PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "TYPE_CHANGED"], "--", "--";
        "property added outside any pattern": {"type": "object", "patternProperties": {"^x_": {"type": "string"}}, "additionalProperties": false} => {"type": "object", "properties": {"y": {"type": "integer"}}, "patternProperties": {"^x_": {"type": "string"}}, "additionalProperties": false}, ["OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"], "B-", "B-";
        "pattern removed from open model": {"type": "object", "patternProperties": {"^x": {"type": "string"}}} => {"type": "object"}, [], "B-", "B-";
        "pattern added to closed model": {"type": "object", "additionalProperties": false} => {"type": "object", "patternProperties": {"^x": {"type": "string"}}, "additionalProperties": false}, [], "B-", "B-";
        "pattern schema changed": {"type": "object", "patternProperties": {"^x": {"type": "string"}}} => {"type": "object", "patternProperties": {"^x": {"type": "integer"}}}, ["TYPE_CHANGED"], "--", "--";

        // Objects: required.
        "required added": {"type": "object", "properties": {"a": {"type": "string"}}} => {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}, ["REQUIRED_ATTRIBUTE_ADDED"], "-F", "-F";
        "required removed": {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]} => {"type": "object", "properties": {"a": {"type": "string"}}}, ["REQUIRED_ATTRIBUTE_REMOVED"], "B-", "B-";
        "required with default added": {"type": "object", "properties": {"a": {"type": "string", "default": "x"}}} => {"type": "object", "properties": {"a": {"type": "string", "default": "x"}}, "required": ["a"]}, ["REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED"], "-F", "-F";
        "required reordered": {"type": "object", "required": ["a", "b"]} => {"type": "object", "required": ["b", "a"]}, [], "BF", "BF";

        // Objects: additionalProperties.
        "additionalProperties closed": {"type": "object"} => {"type": "object", "additionalProperties": false}, ["ADDITIONAL_PROPERTIES_REMOVED"], "-F", "-F";
        "additionalProperties opened": {"type": "object", "additionalProperties": false} => {"type": "object"}, ["ADDITIONAL_PROPERTIES_ADDED"], "B-", "B-";
        "additionalProperties narrowed": {"type": "object"} => {"type": "object", "additionalProperties": {"type": "string"}}, ["ADDITIONAL_PROPERTIES_NARROWED"], "-F", "-F";
        "additionalProperties extended": {"type": "object", "additionalProperties": {"type": "string"}} => {"type": "object"}, ["ADDITIONAL_PROPERTIES_EXTENDED"], "B-", "B-";
        "additionalProperties schema widened": {"type": "object", "additionalProperties": {"type": "string"}} => {"type": "object", "additionalProperties": {"type": ["string", "null"]}}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "additionalProperties schema to false": {"type": "object", "additionalProperties": {"type": "string"}} => {"type": "object", "additionalProperties": false}, ["ADDITIONAL_PROPERTIES_REMOVED"], "-F", "-F";
        "additionalProperties true is {}": {"type": "object", "additionalProperties": true} => {"type": "object", "additionalProperties": {}}, [], "BF", "BF";

        // Objects: property counts.
        "maxProperties added": {"type": "object"} => {"type": "object", "maxProperties": 3}, ["MAX_PROPERTIES_ADDED"], "-F", "-F";
        "maxProperties removed": {"type": "object", "maxProperties": 3} => {"type": "object"}, ["MAX_PROPERTIES_REMOVED"], "B-", "B-";
        "maxProperties increased": {"type": "object", "maxProperties": 3} => {"type": "object", "maxProperties": 4}, ["MAX_PROPERTIES_INCREASED"], "B-", "B-";
        "maxProperties decreased": {"type": "object", "maxProperties": 3} => {"type": "object", "maxProperties": 2}, ["MAX_PROPERTIES_DECREASED"], "-F", "-F";
        "minProperties added": {"type": "object"} => {"type": "object", "minProperties": 1}, ["MIN_PROPERTIES_ADDED"], "-F", "-F";
        "minProperties removed": {"type": "object", "minProperties": 1} => {"type": "object"}, ["MIN_PROPERTIES_REMOVED"], "B-", "B-";
        "minProperties increased": {"type": "object", "minProperties": 1} => {"type": "object", "minProperties": 2}, ["MIN_PROPERTIES_INCREASED"], "-F", "-F";
        "minProperties decreased": {"type": "object", "minProperties": 2} => {"type": "object", "minProperties": 1}, ["MIN_PROPERTIES_DECREASED"], "B-", "B-";

        // Objects: dependencies.
        "dependentRequired added": {"type": "object"} => {"type": "object", "dependentRequired": {"a": ["b"]}}, ["DEPENDENCY_ARRAY_ADDED"], "-F", "-F";
        "dependentRequired removed": {"type": "object", "dependentRequired": {"a": ["b"]}} => {"type": "object"}, ["DEPENDENCY_ARRAY_REMOVED"], "B-", "B-";
        "dependentRequired extended": {"type": "object", "dependentRequired": {"a": ["b"]}} => {"type": "object", "dependentRequired": {"a": ["b", "c"]}}, ["DEPENDENCY_ARRAY_EXTENDED"], "-F", "-F";
        "dependentRequired narrowed": {"type": "object", "dependentRequired": {"a": ["b", "c"]}} => {"type": "object", "dependentRequired": {"a": ["b"]}}, ["DEPENDENCY_ARRAY_NARROWED"], "B-", "B-";
        "dependentRequired changed": {"type": "object", "dependentRequired": {"a": ["b"]}} => {"type": "object", "dependentRequired": {"a": ["c"]}}, ["DEPENDENCY_ARRAY_CHANGED"], "--", "--";
        "draft-07 dependencies array added": {"type": "object"} => {"type": "object", "dependencies": {"a": ["b"]}}, ["DEPENDENCY_ARRAY_ADDED"], "-F", "-F";
        "draft-07 to 2020-12 dependencies": {"type": "object", "dependencies": {"a": ["b"]}} => {"type": "object", "dependentRequired": {"a": ["b"]}}, [], "BF", "BF";
        "dependentSchemas added": {"type": "object"} => {"type": "object", "dependentSchemas": {"a": {"required": ["b"]}}}, ["DEPENDENCY_SCHEMA_ADDED"], "-F", "-F";
        "dependentSchemas removed": {"type": "object", "dependentSchemas": {"a": {"required": ["b"]}}} => {"type": "object"}, ["DEPENDENCY_SCHEMA_REMOVED"], "B-", "B-";
        "dependentSchemas tightened": {"type": "object", "dependentSchemas": {"a": {"required": ["b"]}}} => {"type": "object", "dependentSchemas": {"a": {"required": ["b", "c"]}}}, ["REQUIRED_ATTRIBUTE_ADDED"], "-F", "-F";
        "draft-07 schema dependency removed": {"type": "object", "dependencies": {"a": {"required": ["b"]}}} => {"type": "object"}, ["DEPENDENCY_SCHEMA_REMOVED"], "B-", "B-";

        // Objects: nesting.
        "nested property type changed": {"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "string"}}}}} => {"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "integer"}}}}}, ["TYPE_CHANGED"], "--", "--";
        "property keys with slashes": {"type": "object", "properties": {"a/b": {"type": "string"}}} => {"type": "object", "properties": {"a/b": {"type": "integer"}}}, ["TYPE_CHANGED"], "--", "--";

        // Arrays: list form.
        "items added": {"type": "array"} => {"type": "array", "items": {"type": "string"}}, ["SCHEMA_ADDED"], "-F", "-F";
        "items removed": {"type": "array", "items": {"type": "string"}} => {"type": "array"}, ["SCHEMA_REMOVED"], "B-", "B-";
        "items type changed": {"type": "array", "items": {"type": "string"}} => {"type": "array", "items": {"type": "integer"}}, ["TYPE_CHANGED"], "--", "--";
        "items widened": {"type": "array", "items": {"type": "integer"}} => {"type": "array", "items": {"type": "number"}}, ["TYPE_EXTENDED"], "B-", "B-";
        "items forbidden": {"type": "array"} => {"type": "array", "items": false}, ["ADDITIONAL_ITEMS_REMOVED"], "-F", "-F";
        "maxItems added": {"type": "array"} => {"type": "array", "maxItems": 3}, ["MAX_ITEMS_ADDED"], "-F", "-F";
        "maxItems removed": {"type": "array", "maxItems": 3} => {"type": "array"}, ["MAX_ITEMS_REMOVED"], "B-", "B-";
        "maxItems increased": {"type": "array", "maxItems": 3} => {"type": "array", "maxItems": 4}, ["MAX_ITEMS_INCREASED"], "B-", "B-";
        "maxItems decreased": {"type": "array", "maxItems": 3} => {"type": "array", "maxItems": 2}, ["MAX_ITEMS_DECREASED"], "-F", "-F";
        "minItems added": {"type": "array"} => {"type": "array", "minItems": 1}, ["MIN_ITEMS_ADDED"], "-F", "-F";
        "minItems removed": {"type": "array", "minItems": 1} => {"type": "array"}, ["MIN_ITEMS_REMOVED"], "B-", "B-";
        "minItems increased": {"type": "array", "minItems": 1} => {"type": "array", "minItems": 2}, ["MIN_ITEMS_INCREASED"], "-F", "-F";
        "minItems decreased": {"type": "array", "minItems": 2} => {"type": "array", "minItems": 1}, ["MIN_ITEMS_DECREASED"], "B-", "B-";
        "uniqueItems added": {"type": "array"} => {"type": "array", "uniqueItems": true}, ["UNIQUE_ITEMS_ADDED"], "-F", "-F";
        "uniqueItems removed": {"type": "array", "uniqueItems": true} => {"type": "array", "uniqueItems": false}, ["UNIQUE_ITEMS_REMOVED"], "B-", "B-";

        // Arrays: tuples.
        "item added to open tuple": {"type": "array", "prefixItems": [{"type": "string"}]} => {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]}, ["ITEM_ADDED_TO_OPEN_CONTENT_MODEL"], "-F", "-F";
        "item added to closed tuple": {"type": "array", "prefixItems": [{"type": "string"}], "items": false} => {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false}, ["ITEM_ADDED_TO_CLOSED_CONTENT_MODEL"], "B-", "B-";
        "item removed from open tuple": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]} => {"type": "array", "prefixItems": [{"type": "string"}]}, ["ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL"], "B-", "B-";
        "item removed from closed tuple": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false} => {"type": "array", "prefixItems": [{"type": "string"}], "items": false}, ["ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL"], "-F", "-F";
        "covered item added": {"type": "array", "prefixItems": [{"type": "integer"}], "items": {"type": "string"}} => {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}], "items": {"type": "string"}}, ["ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"], "BF", "BF";
        "uncovered item added": {"type": "array", "prefixItems": [{"type": "integer"}], "items": {"type": "string"}} => {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "integer"}], "items": {"type": "string"}}, ["ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "TYPE_CHANGED"], "--", "--";
        "covered item removed": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}], "items": {"type": "string"}} => {"type": "array", "prefixItems": [{"type": "integer"}], "items": {"type": "string"}}, ["ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"], "BF", "BF";
        "uncovered item removed": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "integer"}], "items": {"type": "string"}} => {"type": "array", "prefixItems": [{"type": "integer"}], "items": {"type": "string"}}, ["ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "TYPE_CHANGED"], "--", "--";
        "additional items forbidden": {"type": "array", "prefixItems": [{"type": "string"}]} => {"type": "array", "prefixItems": [{"type": "string"}], "items": false}, ["ADDITIONAL_ITEMS_REMOVED"], "-F", "-F";
        "additional items allowed": {"type": "array", "prefixItems": [{"type": "string"}], "items": false} => {"type": "array", "prefixItems": [{"type": "string"}]}, ["ADDITIONAL_ITEMS_ADDED"], "B-", "B-";
        "additional items narrowed": {"type": "array", "prefixItems": [{"type": "string"}]} => {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}}, ["ADDITIONAL_ITEMS_NARROWED"], "-F", "-F";
        "additional items extended": {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}} => {"type": "array", "prefixItems": [{"type": "string"}]}, ["ADDITIONAL_ITEMS_EXTENDED"], "B-", "B-";
        "tuple item type changed": {"type": "array", "prefixItems": [{"type": "string"}]} => {"type": "array", "prefixItems": [{"type": "integer"}]}, ["TYPE_CHANGED"], "--", "--";
        "draft-07 item added to closed tuple": {"type": "array", "items": [{"type": "string"}], "additionalItems": false} => {"type": "array", "items": [{"type": "string"}, {"type": "integer"}], "additionalItems": false}, ["ITEM_ADDED_TO_CLOSED_CONTENT_MODEL"], "B-", "B-";
        "draft-07 additional items allowed": {"type": "array", "items": [{"type": "string"}], "additionalItems": false} => {"type": "array", "items": [{"type": "string"}], "additionalItems": true}, ["ADDITIONAL_ITEMS_ADDED"], "B-", "B-";
        "draft-07 tuple equals 2020-12 tuple": {"type": "array", "items": [{"type": "string"}], "additionalItems": false} => {"type": "array", "prefixItems": [{"type": "string"}], "items": false}, [], "BF", "BF";
        "list becomes tuple": {"type": "array", "items": {"type": "string"}} => {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}}, ["ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"], "BF", "BF";

        // Combined schemas.
        "oneOf alternative added": {"oneOf": [{"type": "string"}, {"type": "integer"}]} => {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "oneOf alternative removed": {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]} => {"oneOf": [{"type": "string"}, {"type": "integer"}]}, ["SUM_TYPE_NARROWED"], "-F", "-F";
        "anyOf alternative replaced": {"anyOf": [{"type": "string"}, {"type": "integer"}]} => {"anyOf": [{"type": "string"}, {"type": "boolean"}]}, ["COMBINED_TYPE_SUBSCHEMAS_CHANGED"], "--", "--";
        "oneOf to anyOf": {"oneOf": [{"type": "string"}, {"type": "integer"}]} => {"anyOf": [{"type": "string"}, {"type": "integer"}]}, ["COMBINED_TYPE_EXTENDED"], "BF", "BF";
        "allOf to oneOf": {"allOf": [{"type": "object"}, {"required": ["a"]}]} => {"oneOf": [{"type": "object"}, {"required": ["a"]}]}, ["COMBINED_TYPE_EXTENDED", "COMBINED_TYPE_SUBSCHEMAS_CHANGED"], "--", "--";
        "anyOf to allOf": {"anyOf": [{"type": "object"}, {"required": ["a"]}]} => {"allOf": [{"type": "object"}, {"required": ["a"]}]}, ["COMBINED_TYPE_CHANGED"], "-F", "-F";
        "allOf conjunct removed": {"allOf": [{"type": "object"}, {"required": ["a"]}]} => {"allOf": [{"type": "object"}]}, ["PRODUCT_TYPE_NARROWED"], "B-", "B-";
        "allOf conjunct added": {"allOf": [{"type": "object"}]} => {"allOf": [{"type": "object"}, {"required": ["a"]}]}, ["PRODUCT_TYPE_EXTENDED"], "-F", "-F";
        "plain schema becomes oneOf": {"type": "string"} => {"oneOf": [{"type": "string"}, {"type": "integer"}]}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "oneOf becomes plain schema": {"oneOf": [{"type": "string"}, {"type": "integer"}]} => {"type": "string"}, ["SUM_TYPE_NARROWED"], "-F", "-F";
        "oneOf reordered": {"oneOf": [{"type": "string"}, {"type": "integer"}]} => {"oneOf": [{"type": "integer"}, {"type": "string"}]}, [], "BF", "BF";
        "branch loosened inside oneOf": {"oneOf": [{"type": "string", "maxLength": 5}, {"type": "integer"}]} => {"oneOf": [{"type": "string"}, {"type": "integer"}]}, ["MAX_LENGTH_REMOVED"], "B-", "B-";
        "oneOf added beside keywords": {"type": "object", "properties": {"a": {"type": "string"}}} => {"type": "object", "properties": {"a": {"type": "string"}}, "oneOf": [{"required": ["a"]}, {"required": ["b"]}]}, ["PRODUCT_TYPE_EXTENDED"], "-F", "-F";
        "oneOf removed beside keywords": {"type": "object", "oneOf": [{"required": ["a"]}, {"required": ["b"]}]} => {"type": "object"}, ["PRODUCT_TYPE_NARROWED"], "B-", "B-";
        "oneOf to anyOf beside keywords": {"type": "object", "oneOf": [{"required": ["a"]}, {"required": ["b"]}]} => {"type": "object", "anyOf": [{"required": ["a"]}, {"required": ["b"]}]}, ["COMBINED_TYPE_EXTENDED"], "B-", "B-";
        "nullable via anyOf": {"type": "string"} => {"anyOf": [{"type": "string"}, {"type": "null"}]}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "oneOf branch to empty schema": {"oneOf": [{"type": "string"}, {"type": "integer"}]} => {}, [], "B-", "B-";

        // not.
        "not added": {"type": "string"} => {"type": "string", "not": {"enum": [""]}}, ["NOT_TYPE_EXTENDED"], "-F", "-F";
        "not removed": {"type": "string", "not": {"enum": [""]}} => {"type": "string"}, ["NOT_TYPE_NARROWED"], "B-", "B-";
        "not excludes more": {"not": {"enum": ["a"]}} => {"not": {"enum": ["a", "b"]}}, ["NOT_TYPE_EXTENDED"], "-F", "-F";
        "not excludes less": {"not": {"enum": ["a", "b"]}} => {"not": {"enum": ["a"]}}, ["NOT_TYPE_NARROWED"], "B-", "B-";
        "not excludes something else": {"not": {"enum": ["a"]}} => {"not": {"enum": ["b"]}}, ["NOT_TYPE_EXTENDED"], "--", "--";
        "not description only": {"not": {"enum": ["a"], "description": "x"}} => {"not": {"enum": ["a"], "description": "y"}}, [], "BF", "BF";

        // References.
        "definition type changed": {"$defs": {"s": {"type": "string"}}, "type": "object", "properties": {"a": {"$ref": "#/$defs/s"}}} => {"$defs": {"s": {"type": "integer"}}, "type": "object", "properties": {"a": {"$ref": "#/$defs/s"}}}, ["TYPE_CHANGED"], "--", "--";
        "inlined definition": {"$defs": {"s": {"type": "string"}}, "type": "object", "properties": {"a": {"$ref": "#/$defs/s"}}} => {"type": "object", "properties": {"a": {"type": "string"}}}, [], "BF", "BF";
        "draft-07 definitions widened": {"definitions": {"n": {"type": "integer"}}, "type": "array", "items": {"$ref": "#/definitions/n"}} => {"definitions": {"n": {"type": "number"}}, "type": "array", "items": {"$ref": "#/definitions/n"}}, ["TYPE_EXTENDED"], "B-", "B-";
        "recursive tree unchanged": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}} => {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}}, [], "BF", "BF";
        "recursive tree gains required": {"type": "object", "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}} => {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}}, ["REQUIRED_ATTRIBUTE_ADDED"], "-F", "-F";
        "mutually recursive definitions": {"$defs": {"a": {"type": "object", "properties": {"b": {"$ref": "#/$defs/b"}}}, "b": {"type": "object", "properties": {"a": {"$ref": "#/$defs/a"}, "n": {"type": "integer"}}}}, "$ref": "#/$defs/a"} => {"$defs": {"a": {"type": "object", "properties": {"b": {"$ref": "#/$defs/b"}}}, "b": {"type": "object", "properties": {"a": {"$ref": "#/$defs/a"}, "n": {"type": "number"}}}}, "$ref": "#/$defs/a"}, ["TYPE_EXTENDED"], "B-", "B-";
        "ref gains a sibling constraint": {"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s"} => {"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "maxLength": 5}, ["MAX_LENGTH_ADDED"], "-F", "-F";
        "ref by anchor": {"$defs": {"s": {"$anchor": "s", "type": "string"}}, "items": {"$ref": "#s"}, "type": "array"} => {"$defs": {"s": {"$anchor": "s", "type": ["string", "null"]}}, "items": {"$ref": "#s"}, "type": "array"}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "shared definition reported once": {"$defs": {"s": {"type": "string"}}, "type": "object", "properties": {"a": {"$ref": "#/$defs/s"}, "b": {"$ref": "#/$defs/s"}}} => {"$defs": {"s": {"type": "string", "maxLength": 3}}, "type": "object", "properties": {"a": {"$ref": "#/$defs/s"}, "b": {"$ref": "#/$defs/s"}}}, ["MAX_LENGTH_ADDED"], "-F", "-F";
        "ref description changed": {"$defs": {"s": {"type": "string"}}, "type": "object", "properties": {"a": {"$ref": "#/$defs/s", "description": "x"}}} => {"$defs": {"s": {"type": "string"}}, "type": "object", "properties": {"a": {"$ref": "#/$defs/s", "description": "y"}}}, ["DESCRIPTION_CHANGED"], "BF", "BF";
        "ref to false": {"$defs": {"never": false}, "type": "object", "properties": {"a": {"type": "string"}}} => {"$defs": {"never": false}, "type": "object", "properties": {"a": {"$ref": "#/$defs/never"}}}, ["TYPE_CHANGED"], "-F", "-F";

        // Keywords this checker does not model.
        "contains added": {"type": "array"} => {"type": "array", "contains": {"const": 1}}, ["CONTAINS_ADDED"], "-F", "-F";
        "propertyNames changed": {"type": "object", "propertyNames": {"maxLength": 3}} => {"type": "object", "propertyNames": {"maxLength": 4}}, ["MAX_LENGTH_INCREASED"], "B-", "B-";
        "if/then unchanged": {"if": {"required": ["a"]}, "then": {"required": ["b"]}} => {"if": {"required": ["a"]}, "then": {"required": ["b"]}}, [], "BF", "BF";
        "unknown keywords ignored": {"type": "string", "x-classification": "personal"} => {"type": "string", "x-classification": "public"}, [], "BF", "BF";

        // Empty sets: an old schema accepting nothing is compatible with anything; a new one breaks.
        "not-enum to not-everything": {"not": {"enum": [0]}} => {"not": {}}, ["TYPE_CHANGED"], "-F", "-F";
        "empty enum to string": {"enum": []} => {"type": "string"}, [], "B-", "B-";
        "contradictory type and enum to integer": {"type": "string", "enum": [1]} => {"type": "integer"}, [], "B-", "B-";
        "crossed bounds added": {"type": "integer"} => {"type": "integer", "minimum": 5, "maximum": 1}, ["TYPE_CHANGED"], "-F", "-F";
        "allOf holding false": {"type": "string"} => {"type": "string", "allOf": [false]}, ["TYPE_CHANGED"], "-F", "-F";
        "not true": {"type": "object"} => {"not": true}, ["TYPE_CHANGED"], "-F", "-F";
        "empty type list": {"type": "string"} => {"type": []}, ["TYPE_CHANGED"], "-F", "-F";
        "anyOf of empty sets": {"anyOf": [false, {"enum": []}]} => {"type": "null"}, [], "B-", "B-";

        // `enum` and `const` imply a type.
        "string enum gains its type": {"enum": ["a", "b"]} => {"type": "string", "enum": ["a", "b"]}, [], "BF", "BF";
        "integer const under number": {"const": 3} => {"type": "number"}, ["ENUM_ARRAY_EXTENDED"], "B-", "B-";
        "enum of strings under integer": {"enum": ["a"]} => {"type": "integer"}, ["ENUM_ARRAY_EXTENDED", "TYPE_NARROWED"], "--", "--";

        // `minimum` and `exclusiveMinimum` are one bound (so are the maxima), draft-04 booleans too.
        "draft-04 exclusive minimum switched on": {"type": "number", "minimum": 5} => {"type": "number", "minimum": 5, "exclusiveMinimum": true}, ["MINIMUM_INCREASED"], "-F", "-F";
        "draft-04 exclusive minimum switched off": {"type": "number", "minimum": 5, "exclusiveMinimum": true} => {"type": "number", "minimum": 5}, ["MINIMUM_DECREASED"], "B-", "B-";
        "draft-04 exclusive maximum kept": {"type": "number", "maximum": 5, "exclusiveMaximum": true} => {"type": "number", "maximum": 5, "exclusiveMaximum": true}, [], "BF", "BF";
        "draft-04 exclusive maximum to 2019 form": {"type": "number", "maximum": 5, "exclusiveMaximum": true} => {"type": "number", "exclusiveMaximum": 5}, [], "BF", "BF";
        "minimum to lower exclusive minimum": {"type": "number", "minimum": 5} => {"type": "number", "exclusiveMinimum": 4}, ["MINIMUM_DECREASED"], "B-", "B-";
        "exclusive maximum to same maximum": {"type": "number", "exclusiveMaximum": 10} => {"type": "number", "maximum": 10}, ["MAXIMUM_INCREASED"], "B-", "B-";
        "maximum to same exclusive maximum": {"type": "number", "maximum": 10} => {"type": "number", "exclusiveMaximum": 10}, ["MAXIMUM_DECREASED"], "-F", "-F";
        "redundant exclusive minimum beside a tighter minimum": {"type": "number", "minimum": 5} => {"type": "number", "minimum": 5, "exclusiveMinimum": 3}, [], "BF", "BF";

        // Drafts: `$schema` decides whether keywords beside `$ref` apply; refs by `$id` and names.
        "draft-07 ignores keywords beside $ref": {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s"}}} => {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s", "maxLength": 3}}}, [], "BF", "BF";
        "2020-12 applies keywords beside $ref": {"$defs": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/s"}}} => {"$defs": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/s", "maxLength": 3}}}, ["MAX_LENGTH_ADDED"], "-F", "-F";
        "ref by $id": {"$defs": {"a": {"$id": "a.json", "type": "string"}}, "properties": {"x": {"$ref": "a.json"}}} => {"$defs": {"a": {"$id": "a.json", "type": "integer"}}, "properties": {"x": {"$ref": "a.json"}}}, ["TYPE_CHANGED"], "--", "--";
        "ref by embedded base": {"$id": "https://e.com/r.json", "$defs": {"n": {"$id": "n/", "$defs": {"s": {"type": "string"}}, "properties": {"v": {"$ref": "#/$defs/s"}}}}, "$ref": "n/"} => {"$id": "https://e.com/r.json", "$defs": {"n": {"$id": "n/", "$defs": {"s": {"type": ["string", "null"]}}, "properties": {"v": {"$ref": "#/$defs/s"}}}}, "$ref": "n/"}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "draft-07 plain-name $id fragment": {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"a": {"$id": "#A", "type": "string"}}, "properties": {"x": {"$ref": "#A"}}} => {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"a": {"$id": "#A", "type": ["string", "null"]}}, "properties": {"x": {"$ref": "#A"}}}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "draft-04 id fragment": {"$schema": "http://json-schema.org/draft-04/schema#", "definitions": {"a": {"id": "#A", "type": "string"}}, "properties": {"x": {"$ref": "#A"}}} => {"$schema": "http://json-schema.org/draft-04/schema#", "definitions": {"a": {"id": "#A", "type": "integer"}}, "properties": {"x": {"$ref": "#A"}}}, ["TYPE_CHANGED"], "--", "--";
        "$anchor": {"$defs": {"a": {"$anchor": "A", "type": "integer"}}, "properties": {"x": {"$ref": "#A"}}} => {"$defs": {"a": {"$anchor": "A", "type": "number"}}, "properties": {"x": {"$ref": "#A"}}}, ["TYPE_EXTENDED"], "B-", "B-";

        // Keywords the engine does not model: removing one loosens, adding or changing one breaks.
        "propertyNames removed": {"type": "object", "propertyNames": {"maxLength": 3}} => {"type": "object"}, ["PROPERTY_NAMES_REMOVED"], "B-", "B-";
        "contains removed": {"type": "array", "contains": {"type": "string"}, "minContains": 2} => {"type": "array"}, ["CONTAINS_REMOVED"], "B-", "B-";
        "if/then removed": {"if": {"required": ["a"]}, "then": {"required": ["b"]}} => {}, [], "B-", "B-";
        "then removed": {"if": {"required": ["a"]}, "then": {"required": ["b"]}} => {"if": {"required": ["a"]}}, ["CONDITION_REMOVED"], "B-", "B-";
        "minContains 0 removed restores 1": {"type": "array", "contains": {"type": "string"}, "minContains": 0} => {"type": "array", "contains": {"type": "string"}}, ["CONTAINS_NARROWED"], "-F", "-F";
        "propertyNames added": {"type": "object"} => {"type": "object", "propertyNames": {"maxLength": 3}}, ["PROPERTY_NAMES_ADDED"], "-F", "-F";
        "propertyNames tightened": {"type": "object", "propertyNames": {"maxLength": 4}} => {"type": "object", "propertyNames": {"maxLength": 3}}, ["MAX_LENGTH_DECREASED"], "-F", "-F";
        "contains loosened": {"type": "array", "contains": {"type": "integer"}, "minContains": 2} => {"type": "array", "contains": {"type": "number"}}, ["CONTAINS_EXTENDED", "TYPE_EXTENDED"], "B-", "B-";
        "maxContains added": {"type": "array", "contains": {"type": "string"}} => {"type": "array", "contains": {"type": "string"}, "maxContains": 3}, ["CONTAINS_NARROWED"], "-F", "-F";
        "contains widened under maxContains": {"type": "array", "contains": {"type": "integer"}, "maxContains": 2} => {"type": "array", "contains": {"type": "number"}, "maxContains": 2}, ["CONTAINS_NARROWED", "TYPE_EXTENDED"], "--", "--";
        "then loosened": {"if": {"required": ["a"]}, "then": {"required": ["b", "c"]}} => {"if": {"required": ["a"]}, "then": {"required": ["b"]}}, ["REQUIRED_ATTRIBUTE_REMOVED"], "B-", "B-";
        "else added": {"if": {"required": ["a"]}, "then": {"required": ["b"]}} => {"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {"required": ["c"]}}, ["CONDITION_ADDED"], "-F", "-F";
        "if changed": {"if": {"required": ["a"]}, "then": {"required": ["b"]}} => {"if": {"required": ["x"]}, "then": {"required": ["b"]}}, ["CONDITION_CHANGED"], "--", "--";
        "if/then added": {"type": "object"} => {"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}}, ["CONDITION_ADDED"], "-F", "-F";
        "if without branches added": {"type": "object"} => {"type": "object", "if": {"required": ["a"]}}, [], "BF", "BF";
        "unevaluatedProperties removed": {"type": "object", "unevaluatedProperties": false} => {"type": "object"}, ["ADDITIONAL_PROPERTIES_ADDED"], "B-", "B-";
        "unevaluatedProperties closes like additionalProperties": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "unevaluatedProperties": false} => {"type": "object", "properties": {"a": {"type": "string"}}, "unevaluatedProperties": false}, ["PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"], "-F", "-F";
        "optional property added under unevaluatedProperties false": {"type": "object", "properties": {"a": {"type": "string"}}, "unevaluatedProperties": false} => {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "unevaluatedProperties": false}, ["OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"], "B-", "B-";
        "unevaluatedProperties beside additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}} => {"type": "object", "additionalProperties": {"type": "string"}, "unevaluatedProperties": false}, [], "BF", "BF";
        "unevaluatedProperties beside allOf stays unchecked": {"type": "object", "allOf": [{"properties": {"a": true}}]} => {"type": "object", "allOf": [{"properties": {"a": true}}], "unevaluatedProperties": false}, ["UNCHECKED_KEYWORD_CHANGED"], "-F", "-F";
        "unevaluatedItems closes a tuple": {"type": "array", "prefixItems": [{"type": "string"}]} => {"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": false}, ["ADDITIONAL_ITEMS_REMOVED"], "-F", "-F";

        // `oneOf` exclusivity: a value matching two new branches is rejected.
        "oneOf branch widened into an overlap": {"oneOf": [{"type": "integer"}, {"type": "string"}]} => {"oneOf": [{"type": "number"}, {"type": "string"}]}, ["TYPE_EXTENDED"], "B-", "B-";
        "number into overlapping oneOf": {"type": "number"} => {"oneOf": [{"type": "number"}, {"type": "integer"}]}, ["COMBINED_TYPE_SUBSCHEMAS_CHANGED", "SUM_TYPE_EXTENDED"], "-F", "-F";
        "string into disjoint oneOf": {"type": "string"} => {"oneOf": [{"type": "string"}, {"type": "integer"}]}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "discriminated oneOf gains a branch": {"oneOf": [{"type": "object", "required": ["kind"], "properties": {"kind": {"const": "a"}}}]} => {"oneOf": [{"type": "object", "required": ["kind"], "properties": {"kind": {"const": "a"}}}, {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "b"}}}]}, ["SUM_TYPE_EXTENDED"], "B-", "B-";
        "oneOf branch loses its discriminator value": {"oneOf": [{"type": "object", "required": ["left"], "properties": {"left": {"type": "integer"}}}, {"type": "object", "properties": {"right": {"type": "boolean"}}}]} => {"oneOf": [{"type": "object", "required": ["left"], "properties": {"left": {"type": "integer", "enum": ["a"]}}}, {"type": "object", "properties": {"right": {"type": "boolean"}}}]}, ["COMBINED_TYPE_SUBSCHEMAS_CHANGED", "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL", "REQUIRED_ATTRIBUTE_REMOVED"], "--", "--";

        "not of an empty set gains content": {"not": {"type": "integer", "const": "a"}} => {"not": {"type": "integer"}}, ["NOT_TYPE_EXTENDED", "TYPE_NARROWED"], "-F", "-F";

        // A realistic contract payload.
        "speaker added to transcript": {"type": "object", "additionalProperties": false, "required": ["meeting_id", "text"], "properties": {"meeting_id": {"type": "string", "format": "uuid"}, "text": {"type": "string"}, "confidence": {"type": "number", "deprecated": true}}} => {"type": "object", "additionalProperties": false, "required": ["meeting_id", "text"], "properties": {"meeting_id": {"type": "string", "format": "uuid"}, "text": {"type": "string"}, "speaker": {"type": ["string", "null"]}}}, ["OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"], "--", "--";
        // Unions as sets: `type` lists, one-member and repeated subschemas, covering schemas.
        "type list to anyOf of types": {"type": ["string", "null"]} => {"anyOf": [{"type": "string"}, {"type": "null"}]}, ["COMBINED_TYPE_COVERED", "SUM_TYPE_EXTENDED"], "BF", "BF";
        "type list to oneOf of types": {"type": ["string", "integer"], "maxLength": 3} => {"oneOf": [{"type": "string", "maxLength": 3}, {"type": "integer"}]}, ["COMBINED_TYPE_COVERED", "SUM_TYPE_EXTENDED"], "BF", "BF";
        "type list split with a tighter branch": {"type": ["string", "null"]} => {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}]}, ["COMBINED_TYPE_SUBSCHEMAS_CHANGED", "SUM_TYPE_EXTENDED"], "-F", "-F";
        "type list split missing a type": {"type": ["string", "null", "boolean"]} => {"anyOf": [{"type": "string"}, {"type": "null"}]}, ["COMBINED_TYPE_SUBSCHEMAS_CHANGED", "SUM_TYPE_EXTENDED"], "-F", "-F";
        "number split into integer and overlapping oneOf": {"type": "number"} => {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]}, ["COMBINED_TYPE_SUBSCHEMAS_CHANGED", "SUM_TYPE_EXTENDED"], "-F", "-F";
        "oneOf of one to allOf of one": {"oneOf": [{"type": "string"}]} => {"allOf": [{"type": "string"}]}, [], "BF", "BF";
        "anyOf of one to plain": {"anyOf": [{"type": "string", "maxLength": 3}]} => {"type": "string", "maxLength": 5}, ["MAX_LENGTH_INCREASED"], "B-", "B-";
        "repeated anyOf branch dropped": {"anyOf": [{"type": "string"}, {"type": "string"}, {"type": "null"}]} => {"anyOf": [{"type": "string"}, {"type": "null"}]}, [], "BF", "BF";
        "repeated allOf conjunct added": {"allOf": [{"type": "object"}, {"required": ["a"]}]} => {"allOf": [{"type": "object"}, {"required": ["a"]}, {"required": ["a"]}]}, [], "BF", "BF";
        "oneOf of a repeated branch accepts nothing": {"oneOf": [{"type": "string"}, {"type": "string"}]} => {"type": "integer"}, [], "B-", "B-";
        "allOf to anyOf of other branches": {"allOf": [{"type": "string"}, {"maxLength": 3}]} => {"anyOf": [{"type": "string"}, {"type": "integer"}]}, ["COMBINED_TYPE_COVERED", "COMBINED_TYPE_EXTENDED"], "B-", "B-";
        "anyOf merged into a covering schema": {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}]} => {"type": ["string", "null"]}, ["COMBINED_TYPE_COVERED", "MAX_LENGTH_REMOVED", "SUM_TYPE_EXTENDED"], "B-", "B-";
        "oneOf merged into a covering schema": {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]} => {"type": ["number", "string"]}, ["COMBINED_TYPE_COVERED", "MINIMUM_REMOVED", "SUM_TYPE_EXTENDED"], "B-", "B-";
        "anyOf merged into a schema missing a branch": {"anyOf": [{"type": "string"}, {"type": "null"}]} => {"type": "string"}, ["SUM_TYPE_NARROWED"], "-F", "-F";
        // Content models: places whose schema accepts anything or nothing.
        "empty-schema property added to open model": {"type": "object", "properties": {"a": {"type": "string"}}} => {"type": "object", "properties": {"a": {"type": "string"}, "b": {}}}, ["PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL"], "BF", "BF";
        "true property added to open model": {"type": "object"} => {"type": "object", "properties": {"b": {"description": "anything"}}}, ["PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL"], "BF", "BF";
        "false property removed from closed model": {"type": "object", "properties": {"a": {"type": "string"}, "b": false}, "additionalProperties": false} => {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}, ["PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL"], "BF", "BF";
        "empty-schema item added to open tuple": {"type": "array", "prefixItems": [{"type": "string"}]} => {"type": "array", "prefixItems": [{"type": "string"}, true]}, ["ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL"], "BF", "BF";
        "false item removed from closed tuple": {"type": "array", "prefixItems": [{"type": "string"}, false], "items": false} => {"type": "array", "prefixItems": [{"type": "string"}], "items": false}, ["ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL"], "BF", "BF";
        // Spellings of the same constraint.
        "empty dependentRequired added": {"type": "object"} => {"type": "object", "dependentRequired": {"a": []}}, [], "BF", "BF";
        "empty dependentSchemas added": {"type": "object"} => {"type": "object", "dependentSchemas": {"a": true}}, [], "BF", "BF";
        "number with multipleOf 1 to integer": {"type": "number", "multipleOf": 1} => {"type": "integer"}, [], "BF", "BF";
        "integer to number with multipleOf 1": {"type": "integer", "minimum": 0} => {"type": "number", "multipleOf": 1, "minimum": 0}, [], "BF", "BF";
        "number with multipleOf 2 to integer": {"type": "number", "multipleOf": 2} => {"type": "integer"}, ["MULTIPLE_OF_REMOVED"], "B-", "B-";
        "number with multipleOf 0.5 to integer": {"type": "number", "multipleOf": 0.5} => {"type": "integer"}, ["MULTIPLE_OF_REMOVED", "TYPE_NARROWED"], "-F", "-F";
        "minLength 0 added": {"type": "string"} => {"type": "string", "minLength": 0}, [], "BF", "BF";
        "minItems 0 removed": {"type": "array", "minItems": 0} => {"type": "array"}, [], "BF", "BF";
        // `not`: double negation and type complements.
        "double negation added": {"type": "string"} => {"not": {"not": {"type": "string"}}}, [], "BF", "BF";
        "double negation of a narrower schema": {"type": "string"} => {"not": {"not": {"type": "string", "maxLength": 2}}}, ["MAX_LENGTH_ADDED"], "-F", "-F";
        "not string to the other types": {"not": {"type": "string"}} => {"type": ["null", "boolean", "object", "array", "number"]}, [], "BF", "BF";
        "not string to fewer types": {"not": {"type": "string"}} => {"type": ["null", "boolean", "object", "number"]}, ["TYPE_NARROWED"], "-F", "-F";
        "not integer keeps fractions": {"not": {"type": "integer"}} => {"type": ["null", "boolean", "object", "array", "string"]}, ["TYPE_NARROWED"], "-F", "-F";
        "not string added": {"type": ["string", "integer"]} => {"type": ["string", "integer"], "not": {"type": "string"}}, ["TYPE_NARROWED"], "-F", "-F";
        "speaker added to open transcript": {"type": "object", "required": ["meeting_id"], "properties": {"meeting_id": {"type": "string", "format": "uuid"}}} => {"type": "object", "required": ["meeting_id"], "properties": {"meeting_id": {"type": "string", "format": "uuid"}, "speaker": {"type": ["string", "null"]}}}, ["PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"], "BF", "-F";
    }
}

fn verdicts(old: &Value, new: &Value, policy: Policy) -> (bool, bool, bool) {
    let backward = check(old, new, Direction::Backward, policy)
        .unwrap()
        .compatible;
    let forward = check(old, new, Direction::Forward, policy)
        .unwrap()
        .compatible;
    (backward, forward, backward && forward)
}

fn expected(code: &str) -> (bool, bool, bool) {
    let (b, f) = (code.starts_with('B'), code.ends_with('F'));
    (b, f, b && f)
}

#[test]
fn table_verdicts_and_kinds() {
    let rows = table();
    assert!(rows.len() >= 150, "only {} rows", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let ids: BTreeSet<&str> = differences(&row.old, &row.new)
            .unwrap()
            .iter()
            .map(|d| d.kind.id())
            .collect();
        let want: BTreeSet<&str> = row.ids.iter().copied().collect();
        if ids != want {
            failures.push(format!("{}: kinds {ids:?}, expected {want:?}", row.name));
        }
        for (policy, code) in [(Policy::Lenient, row.lenient), (Policy::Strict, row.strict)] {
            let got = verdicts(&row.old, &row.new, policy);
            if got != expected(code) {
                failures.push(format!(
                    "{} ({policy:?}): (backward, forward, full) = {got:?}, expected {code}",
                    row.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn table_covers_every_kind() {
    let mut seen = BTreeSet::new();
    for row in table() {
        for (a, b) in [(&row.old, &row.new), (&row.new, &row.old)] {
            seen.extend(differences(a, b).unwrap().into_iter().map(|d| d.kind));
        }
    }
    let missing: Vec<&str> = DifferenceKind::ALL
        .iter()
        .filter(|k| !seen.contains(k))
        .map(|k| k.id())
        .collect();
    assert!(missing.is_empty(), "kinds no row produces: {missing:?}");
}

#[test]
fn ids_are_unique_screaming_snake() {
    let ids: BTreeSet<&str> = DifferenceKind::ALL.iter().map(|k| k.id()).collect();
    assert_eq!(ids.len(), DifferenceKind::ALL.len());
    for id in ids {
        assert!(
            id.chars().all(|c| c.is_ascii_uppercase() || c == '_'),
            "{id}"
        );
    }
}

#[test]
fn only_open_model_additions_depend_on_the_policy() {
    let lenient_only: Vec<_> = DifferenceKind::ALL
        .iter()
        .filter(|k| k.is_compatible(Policy::Lenient) != k.is_compatible(Policy::Strict))
        .collect();
    assert_eq!(
        lenient_only,
        [&DifferenceKind::PropertyAddedToOpenContentModel]
    );
}

fn paths(old: &Value, new: &Value, direction: Direction) -> Vec<(&'static str, String, String)> {
    check(old, new, direction, Policy::Strict)
        .unwrap()
        .differences
        .into_iter()
        .map(|(d, _)| (d.kind.id(), d.old_path, d.new_path))
        .collect()
}

#[test]
fn paths_point_into_each_schema_and_at_the_closest_parent() {
    let old = json!({"type": "object", "properties": {"a": {"type": "string"}}});
    let new = json!({"type": "object", "required": ["b"], "properties": {"a": {"type": "integer"}, "b": {"type": "string"}}});
    let p = |a: &str, b: &str, c: &str| (a_static(a), b.to_owned(), c.to_owned());
    assert_eq!(
        paths(&old, &new, Direction::Backward),
        [
            p("REQUIRED_ATTRIBUTE_ADDED", "", "/required/0"),
            p("TYPE_CHANGED", "/properties/a/type", "/properties/a/type"),
            p(
                "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
                "/properties",
                "/properties/b"
            ),
        ]
    );
    // Forward compares new with old, then swaps the paths back: old_path is still in old.
    assert_eq!(
        paths(&old, &new, Direction::Forward),
        [
            p("REQUIRED_ATTRIBUTE_REMOVED", "", "/required/0"),
            p("TYPE_CHANGED", "/properties/a/type", "/properties/a/type"),
            p(
                "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
                "/properties",
                "/properties/b"
            ),
        ]
    );
}

fn a_static(id: &str) -> &'static str {
    DifferenceKind::ALL
        .iter()
        .map(|k| k.id())
        .find(|k| *k == id)
        .unwrap()
}

#[test]
fn differences_inside_definitions_point_at_the_definition() {
    let old =
        json!({"$defs": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/s"}}});
    let new = json!({"$defs": {"s": {"type": "string", "maxLength": 2}}, "properties": {"a": {"$ref": "#/$defs/s"}}});
    assert_eq!(
        paths(&old, &new, Direction::Backward),
        [(
            "MAX_LENGTH_ADDED",
            "/$defs/s".to_owned(),
            "/$defs/s/maxLength".to_owned()
        )]
    );
}

#[test]
fn remote_and_broken_references_are_refused() {
    let local = json!({"type": "string"});
    let remote = json!({"$ref": "https://example.com/s.json"});
    assert_eq!(
        differences(&local, &remote).unwrap_err(),
        SchemaError::RemoteRef {
            path: "/$ref".into(),
            reference: "https://example.com/s.json".into()
        }
    );
    let relative = json!({"properties": {"a": {"$ref": "common.json#/a"}}});
    assert!(matches!(
        differences(&relative, &local),
        Err(SchemaError::RemoteRef { path, .. }) if path == "/properties/a/$ref"
    ));
    let missing = json!({"$ref": "#/$defs/nope"});
    assert!(matches!(
        differences(&missing, &local),
        Err(SchemaError::UnresolvedRef { .. })
    ));
    let cycle = json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"});
    assert!(matches!(
        differences(&cycle, &cycle),
        Err(SchemaError::RefCycle { .. })
    ));
    let not_schema = json!({"properties": {"a": 3}});
    assert_eq!(
        differences(&not_schema, &not_schema).unwrap_err(),
        SchemaError::NotASchema {
            path: "/properties/a".into(),
            found: "the number 3".into()
        }
    );
    // Every message tells the user what to do.
    for error in [
        differences(&local, &remote).unwrap_err(),
        differences(&missing, &local).unwrap_err(),
        differences(&cycle, &cycle).unwrap_err(),
    ] {
        let message = error.to_string();
        assert!(
            message.contains("$defs") || message.contains("fix"),
            "{message}"
        );
    }
}

/// Builds `{"type": "object", "properties": {"a": ...}}` nested `depth` times, in code because
/// serde_json's parser stops at 128 levels.
fn nested(depth: usize) -> Value {
    let mut schema = json!({"type": "string"});
    for _ in 0..depth {
        let mut properties = serde_json::Map::new();
        properties.insert("a".into(), schema);
        let mut object = serde_json::Map::new();
        object.insert("type".into(), Value::String("object".into()));
        object.insert("properties".into(), Value::Object(properties));
        schema = Value::Object(object);
    }
    schema
}

#[test]
fn deep_nesting_is_refused_without_overflowing() {
    let deep = nested(10_000);
    let error = differences(&deep, &deep).unwrap_err();
    let SchemaError::TooDeep { path } = &error else {
        panic!("expected TooDeep, got {error:?}");
    };
    assert_eq!(path.matches("/properties/a").count(), MAX_DEPTH);
    // serde_json drops values recursively; a 10,000-deep one could overflow the test thread.
    std::mem::forget(deep);

    let fine = nested(MAX_DEPTH - 1);
    assert_eq!(differences(&fine, &fine).unwrap(), []);
}

#[test]
fn exponential_comparisons_are_cut_off() {
    // Ten alternatives, each ten alternatives deep, four levels down: 10^8 pairings.
    let mut schema = json!({"type": "string"});
    for level in 0..4 {
        let alternatives: Vec<Value> = (0..10)
            .map(|i| json!({"anyOf": [schema.clone(), {"const": format!("{level}-{i}")}]}))
            .collect();
        schema = json!({"anyOf": alternatives});
    }
    assert!(matches!(
        differences(&schema, &schema),
        Err(SchemaError::TooComplex { .. })
    ));
}

#[test]
fn reference_fan_out_is_compared_once_per_definition() {
    // d0 uses d1 twice, d1 uses d2 twice, ...: 2^40 paths, 40 definitions.
    let mut defs = serde_json::Map::new();
    for i in 0..40 {
        let next = json!({"$ref": format!("#/$defs/d{}", i + 1)});
        defs.insert(
            format!("d{i}"),
            json!({"type": "object", "properties": {"l": next.clone(), "r": next}}),
        );
    }
    defs.insert("d40".into(), json!({"type": "string"}));
    let old = json!({"$defs": defs.clone(), "$ref": "#/$defs/d0"});
    defs.insert("d40".into(), json!({"type": "integer"}));
    let new = json!({"$defs": defs, "$ref": "#/$defs/d0"});
    assert_eq!(
        paths(&old, &new, Direction::Backward),
        [(
            "TYPE_CHANGED",
            "/$defs/d40/type".to_owned(),
            "/$defs/d40/type".to_owned()
        )]
    );
}
