//! JSON pointer tokens (RFC 6901): how findings, the YAML locator and the compatibility engine
//! name a place inside a document. Shared by every stage, so it imports nothing of the crate.

/// A JSON pointer token: `~` and `/` escaped.
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The text a JSON pointer token stands for: [`pointer_token`] undone.
pub fn decode_pointer_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The text of a pointer's last token: the name of the property or key it ends at.
pub fn last_name(pointer: &str) -> String {
    decode_pointer_token(pointer.rsplit('/').next().unwrap_or_default())
}
