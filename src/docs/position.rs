//! Stable `sidebar_position`s (Docusaurus orders a directory's pages by it).
//!
//! Numbering the contracts 1, 2, 3… in id order renumbered every page after a new contract,
//! so a pull request adding one contract changed a dozen pages. The position is instead a
//! function of the id alone: its first [`DIGITS`] characters read as a number in base 39, in
//! an alphabet ordered as the ids sort (`-` < `.` < digits < letters, with 0 meaning "the id
//! ended"), so positions keep the ids' order and adding a contract touches only its own page
//! and the indexes. Ids that share their first ten characters get one position, and
//! Docusaurus breaks the tie by file name, which is the id: the order stays the same.

/// Characters read: 39^10 ≈ 8.1e15 stays below 2^53, so the number is exact in JavaScript,
/// which reads the front matter.
const DIGITS: u32 = 10;
const BASE: u64 = 39;

/// The value of one character; anything outside the id alphabet (which the format already
/// refuses) sorts after the letters' neighbour rather than failing.
fn digit(c: u8) -> u64 {
    match c {
        b'-' => 1,
        b'.' => 2,
        b'0'..=b'9' => 3 + u64::from(c - b'0'),
        b'a'..=b'z' => 13 + u64::from(c - b'a'),
        b'A'..=b'Z' => 13 + u64::from(c - b'A'),
        _ => 38,
    }
}

/// The page's position, from its id.
pub(super) fn of_id(id: &str) -> u64 {
    let bytes = id.as_bytes();
    (0..DIGITS as usize).fold(0, |value, at| {
        value * BASE + bytes.get(at).copied().map_or(0, digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_the_ids_order() {
        let mut ids = vec![
            "meeting.created",
            "meeting.ended",
            "meeting-x.a",
            "meeting",
            "meeting.renamed",
            "a",
            "a.b",
            "a1",
            "zz.top",
            "participant.joined",
            "transcription.segment-deleted",
            "transcription.segment-transcribed",
        ];
        ids.sort_unstable();
        let positions: Vec<u64> = ids.iter().map(|id| of_id(id)).collect();
        let mut sorted = positions.clone();
        sorted.sort_unstable();
        assert_eq!(positions, sorted, "{ids:?}");
        assert!(positions.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn a_position_depends_on_its_id_alone_and_is_exact_in_javascript() {
        assert_eq!(of_id("core.users"), of_id("core.users"));
        assert!(of_id("zzzzzzzzzzzzzzzz") < 1 << 53);
        assert!(of_id("a") > 0);
        // Ids that differ only after ten characters tie; the file name orders them.
        assert_eq!(
            of_id("transcription.segment-deleted"),
            of_id("transcription.segment-transcribed")
        );
        assert!(of_id("meeting.created") < of_id("meeting.ended"));
    }
}
