use super::Language;

fn lang(source: &str) -> Language {
    Language::new(source).unwrap_or_else(|why| panic!("{source:?} refused: {why}"))
}

/// `Ok(None)` when every string `old` matches, `new` matches too; else the first one lost.
fn lost(old: &str, new: &str) -> Option<String> {
    lang(old)
        .shortest_missing_from(&lang(new))
        .expect("within budget")
}

fn same(a: &str, b: &str) {
    assert_eq!(lost(a, b), None, "{a:?} ⊄ {b:?}");
    assert_eq!(lost(b, a), None, "{b:?} ⊄ {a:?}");
}

fn refused(source: &str) -> String {
    match Language::new(source) {
        Ok(_) => panic!("{source:?} should be refused"),
        Err(why) => why,
    }
}

#[test]
fn one_language_spelled_differently() {
    same(r"^[0-9]+$", r"^\d+$");
    same("a|b", "[ab]");
    same("^(a|b)*$", "^[ab]*$");
    same(r"^\w$", "^[A-Za-z0-9_]$");
    same("^a{2,3}$", "^(aa|aaa)$");
    same("^(?<year>[0-9]{4})$", r"^\d\d\d\d$");
    same(r"^\x41\u0042$", "^AB$");
    same(r"^\-\.$", "^[-][.]$");
}

#[test]
fn unanchored_patterns_match_anywhere() {
    // `a` matches every string holding an `a`; `^a$` only "a".
    same("a", ".*a");
    assert_eq!(lost("^a$", "a"), None);
    let found = lost("a", "^a$").unwrap();
    assert!(found.contains('a') && found != "a", "{found:?}");
    assert_eq!(lost("^a", "a"), None);
    assert_eq!(lost("a$", "a"), None);
    assert!(lost("a", "^a").is_some());
    // The empty pattern, `.*` and `^` match everything.
    same("", ".*");
    same("", "^");
    assert_eq!(lost("", "x"), Some(String::new()));
}

#[test]
fn widening_and_narrowing() {
    assert_eq!(lost("^a$", "^a+$"), None);
    assert_eq!(lost("^a+$", "^a$").as_deref(), Some("aa"));
    assert_eq!(lost("^[a-z]+$", "^[a-y]+$").as_deref(), Some("z"));
    assert_eq!(lost("^[0-9]{4}$", "^[0-9]{3,5}$"), None);
    assert_eq!(lost("^[0-9]{3,5}$", "^[0-9]{4}$").as_deref(), Some("000"));
}

#[test]
fn ecma_meanings_not_regex_crate_meanings() {
    // `\d` is ASCII only in ECMA-262: an Arabic-Indic digit is not one.
    assert_eq!(lost(r"^\d$", "^[0-9]$"), None);
    assert!(lost("^[0-9]$", r"^\d$").is_none());
    // `.` does not match line terminators.
    assert_eq!(lost("^.$", "^[^\n\r\u{2028}\u{2029}]$"), None);
    assert!(lost(r"^[\s\S]$", "^.$").is_some_and(|s| "\n\r\u{2028}\u{2029}".contains(&s)));
    // `\s` holds U+FEFF and U+00A0.
    assert_eq!(lost("^[\u{feff}\u{a0}]$", r"^\s$"), None);
    // `$` is the end of the string, not before a final newline.
    assert!(lost("^a\n$", "^a$").is_some());
    // `[]` matches nothing, `[^]` any character.
    assert_eq!(lost("^[]$", "^b$"), None);
    same(r"^[^]$", r"^[\s\S]$");
    // A brace that starts no quantifier is a literal (Annex B).
    assert_eq!(lost("^a{$", r"^a\{$"), None);
    // `\b` in a class is a backspace.
    assert_eq!(lost("^[\\b]$", "^\u{8}$"), None);
    // A surrogate pair names one character.
    same(r"^\uD83D\uDE00$", "^😀$");
}

#[test]
fn unicode_classes_and_characters() {
    assert_eq!(lost(r"^\p{Lu}$", r"^\p{L}$"), None);
    assert_eq!(lost(r"^\p{L}$", r"^\p{Lu}$").as_deref(), Some("a"));
    // A character is a code point: `é` is one, and a witness is always text.
    assert_eq!(lost("^é$", "^.$"), None);
    let found = lost("^[à-ÿ]$", "^[à-þ]$").unwrap();
    assert_eq!(found, "ÿ");
    assert_eq!(
        lang(r"^\p{Greek}{2}$").length_range().unwrap(),
        Some((2, Some(2)))
    );
}

#[test]
fn what_cannot_be_modelled_is_refused() {
    assert!(refused(r"^(a)\1$").contains("backreference"));
    assert!(refused(r"^(?<x>a)\k<x>$").contains("backreference"));
    assert!(refused("^a(?=b)").contains("lookahead"));
    assert!(refused("^a(?!b)").contains("lookahead"));
    assert!(refused("(?<=a)b").contains("lookbehind"));
    assert!(refused("(?<!a)b").contains("lookbehind"));
    assert!(refused(r"\bword\b").contains("word boundary"));
    assert!(refused("(?i)abc").contains("not ECMA-262"));
    assert!(refused(r"\z").contains("not ECMA-262"));
    assert!(refused("(unclosed").contains("not a pattern"));
    assert!(refused("[z-a]").contains("out of order"));
}

#[test]
fn hostile_patterns_stay_within_budget() {
    // Too large an NFA.
    assert!(refused("a{1000}{1000}").contains("size budget"));
    // A small NFA whose DFA needs 2^20 states: refused, and quickly.
    let started = std::time::Instant::now();
    let hostile = lang("^(a|b)*a(a|b){20}$");
    let result = hostile.shortest_missing_from(&lang("^(a|b)*b(a|b){20}$"));
    assert!(result.unwrap_err().contains("state budget"));
    assert!(started.elapsed().as_secs() < 10);
}

#[test]
fn length_range_from_the_automaton() {
    assert_eq!(lang("^a+$").length_range().unwrap(), Some((1, None)));
    assert_eq!(
        lang("^[0-9]{4}$").length_range().unwrap(),
        Some((4, Some(4)))
    );
    assert_eq!(lang("^(ab|c)$").length_range().unwrap(), Some((1, Some(2))));
    assert_eq!(lang("x").length_range().unwrap(), Some((1, None)));
    assert_eq!(lang("").length_range().unwrap(), Some((0, None)));
    assert_eq!(lang("^[]$").length_range().unwrap(), None);
}

#[test]
fn members_are_in_the_language() {
    let found = lang("^[a-c]{2}x?$").members(5);
    assert!(!found.is_empty());
    for member in &found {
        assert!(regex_ok(member), "{member:?}");
    }
    fn regex_ok(s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        (chars.len() == 2 || (chars.len() == 3 && chars[2] == 'x'))
            && chars[..2].iter().all(|c| ('a'..='c').contains(c))
    }
}
