//! Retention durations (`400d`, `12w`, `3y`) and what a retention block means.

use crate::catalog::model::{KeepForever, Retention};

/// A retention duration in days, as written and as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Days(pub u64);

/// Parses `<n>d`, `<n>w` or `<n>y` (a year counts 365 days). Zero is refused: data that is
/// deleted at once needs no contract.
pub fn parse_duration(text: &str) -> Result<Days, String> {
    let text = text.trim();
    let unit = text.chars().last().unwrap_or(' ');
    let number = &text[..text.len().saturating_sub(unit.len_utf8())];
    let per_unit = match unit {
        'd' => 1,
        'w' => 7,
        'y' => 365,
        _ => {
            return Err(format!(
                "`{text}` is not a duration: write a number of days, weeks or years, e.g. `400d`, `12w`, `3y`"
            ));
        }
    };
    let count: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration: write a number of days, weeks or years, e.g. `400d`, `12w`, `3y`"))?;
    if count == 0 {
        return Err(format!(
            "`{text}` is zero: data kept for no time needs no retention, or no contract"
        ));
    }
    count
        .checked_mul(per_unit)
        .map(Days)
        .ok_or_else(|| format!("`{text}` is too long to be a retention"))
}

/// How long a retention keeps data: a number of days, or forever. Ordered, so "kept at least
/// as long as" is `>=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kept {
    For(Days),
    Forever,
}

impl Kept {
    /// Of a retention block; `None` when it cannot be read (`retention-invalid` says why) or
    /// contradicts itself.
    pub fn of(retention: &Retention) -> Option<Kept> {
        match (&retention.keep_forever, &retention.delete_after) {
            (Some(KeepForever::Flag(false)), _) => None,
            (Some(_), None) => Some(Kept::Forever),
            (None, Some(delete)) => parse_duration(delete).ok().map(Kept::For),
            _ => None,
        }
    }
}

impl Kept {
    /// "forever" or "for 400 days", to follow "kept".
    pub fn words(self) -> String {
        match self {
            Kept::Forever => "forever".into(),
            Kept::For(_) => format!("for {self}"),
        }
    }
}

impl std::fmt::Display for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Kept::For(Days(days)) => write!(f, "{days} days"),
            Kept::Forever => f.write_str("forever"),
        }
    }
}

/// The retention in words, for the docs: "archived after 90 days, deleted after 730 days".
pub fn describe(retention: &Retention) -> String {
    let words = |text: &Option<String>| -> Option<String> {
        let days = parse_duration(text.as_deref()?).ok()?.0;
        Some(if days == 1 {
            "1 day".into()
        } else {
            format!("{days} days")
        })
    };
    if let Some(forever) = &retention.keep_forever {
        return match forever {
            KeepForever::Reason(reason) => format!("kept forever: {reason}"),
            KeepForever::Flag(_) => "kept forever".into(),
        };
    }
    match (
        words(&retention.archive_after),
        words(&retention.delete_after),
    ) {
        (Some(archive), Some(delete)) => {
            format!("archived after {archive}, deleted after {delete}")
        }
        (None, Some(delete)) => format!("deleted after {delete}"),
        (Some(archive), None) => format!("archived after {archive}"),
        (None, None) => "not stated".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_days() {
        assert_eq!(parse_duration("400d"), Ok(Days(400)));
        assert_eq!(parse_duration("12w"), Ok(Days(84)));
        assert_eq!(parse_duration("3y"), Ok(Days(1095)));
        for bad in ["400", "d", "4.5d", "-3d", "0d", "40m", ""] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn retention_in_words() {
        let retention = Retention {
            archive_after: Some("90d".into()),
            delete_after: Some("2y".into()),
            keep_forever: None,
        };
        assert_eq!(
            describe(&retention),
            "archived after 90 days, deleted after 730 days"
        );
    }
}
