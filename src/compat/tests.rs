//! Table-driven tests of the compatibility engine: old/new pairs with their expected verdicts.
