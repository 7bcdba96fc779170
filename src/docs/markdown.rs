//! Markdown building blocks for the reference pages: escaping user text, tables, code blocks,
//! front matter and relative links.
//!
//! The pages must read the same in CommonMark/GFM renderers (GitHub, Docusaurus) and in
//! Python-Markdown (MkDocs). The two agree on backslash escapes for `\ ` * _ { } [ ] ( ) # + - . !`
//! and on character references (`&lt;`), but Python-Markdown does not accept `\<`, `\|` or `\&`,
//! so those are written as character references.

use std::fmt::Write;

/// User text as one line of inline Markdown, safe inside a table cell or a list item: newlines
/// become spaces, and every character that would start markup, HTML or a cell break is escaped.
pub fn inline(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_inline(&joined)
}

/// User text as paragraphs: blank lines separate paragraphs, other line breaks are folded, and
/// a paragraph that would start a heading, a list or a quote starts with an escape instead.
pub fn paragraphs(text: &str) -> String {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut flush = |current: &mut Vec<&str>| {
        if !current.is_empty() {
            out.push(escape_block_start(&escape_inline(&current.join(" "))));
            current.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut current);
        } else {
            current.extend(line.split_whitespace());
        }
    }
    flush(&mut current);
    out.join("\n\n")
}

fn escape_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (index, &c) in chars.iter().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            // Strikethrough in GFM and MDX; Python-Markdown has no `\~`.
            '~' => out.push_str("&#126;"),
            '\\' | '`' | '*' | '[' | ']' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            // An underscore inside a word (`meeting_id`) is never emphasis in either dialect;
            // escaping only the others keeps identifiers readable in the Markdown source.
            '_' => {
                let word = |i: Option<usize>| {
                    i.and_then(|i| chars.get(i))
                        .is_some_and(|c| c.is_alphanumeric())
                };
                if !(word(index.checked_sub(1)) && word(Some(index + 1))) {
                    out.push('\\');
                }
                out.push('_');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text of this program's own (the rule registry) in which `code spans` are meant: the spans
/// are kept, everything else is escaped as [`inline`] does. A span holding a pipe is escaped
/// as text, since it would split a table cell.
pub fn inline_with_code(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let parts: Vec<&str> = joined.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An unbalanced backtick: no spans were meant.
        return escape_inline(&joined);
    }
    let mut out = String::new();
    for (index, part) in parts.iter().enumerate() {
        if index % 2 == 1 && !part.is_empty() && !part.contains('|') {
            out.push('`');
            out.push_str(part);
            out.push('`');
        } else if index % 2 == 1 {
            out.push_str(&escape_inline(&format!("`{part}`")));
        } else {
            out.push_str(&escape_inline(part));
        }
    }
    out
}

/// [`inline_with_code`] for paragraphs: blank lines separate them.
pub fn paragraphs_with_code(text: &str) -> String {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().chain([""]) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(escape_block_start(&inline_with_code(&current.join(" "))));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    out.join("\n\n")
}

/// Escapes what would make a paragraph's first characters a heading, list item, quote, rule or
/// numbered list. `>` is already a character reference.
fn escape_block_start(line: &str) -> String {
    let first = line.chars().next();
    match first {
        Some('#' | '-' | '+' | '=') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            match line[digits..].chars().next() {
                Some('.') => format!("{}\\{}", &line[..digits], &line[digits..]),
                // `1)` is a list in CommonMark; `)` escapes in both dialects.
                Some(')') => format!("{}\\{}", &line[..digits], &line[digits..]),
                _ => line.to_string(),
            }
        }
        _ => line.to_string(),
    }
}

/// Text as a code span when it can be one safely (no backtick, pipe or line break, and not
/// blank), otherwise as escaped text. Used for identifiers the user wrote: names, types, paths.
pub fn code(text: &str) -> String {
    let safe =
        !text.trim().is_empty() && text == text.trim() && !text.contains(['`', '|', '\n', '\r']);
    if safe {
        format!("`{text}`")
    } else {
        inline(text)
    }
}

/// A fenced code block whose fence is longer than any run of backticks in the body, so no line
/// of user text can close it early.
pub fn code_block(language: &str, body: &str) -> String {
    let longest = body
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            trimmed.chars().take_while(|&c| c == '`').count()
        })
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let mut out = String::new();
    let _ = writeln!(out, "{fence}{language}");
    for line in body.lines() {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{fence}");
    out
}

/// A Markdown table. Cells must already be escaped (see [`inline`], [`code`]).
pub struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&'static str]) -> Table {
        Table {
            header: header.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.header.len(), "a row per column");
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let line = |cells: &mut dyn Iterator<Item = &str>| {
            let mut text = String::from("|");
            for cell in cells {
                // An empty cell collapses in some renderers; a space keeps the column.
                text.push(' ');
                text.push_str(cell);
                text.push_str(" |");
            }
            text
        };
        let _ = writeln!(out, "{}", line(&mut self.header.iter().copied()));
        let _ = writeln!(out, "{}", line(&mut self.header.iter().map(|_| "---")));
        for row in &self.rows {
            let _ = writeln!(out, "{}", line(&mut row.iter().map(String::as_str)));
        }
        out
    }
}

/// Front matter: the title (used by MkDocs and Docusaurus), the sidebar position (Docusaurus),
/// and a marker that says the page is generated, so `contract docs` only ever removes or
/// reports pages it wrote itself.
pub fn front_matter(title: &str, sidebar_position: u64) -> String {
    format!(
        "---\ntitle: {}\nsidebar_position: {sidebar_position}\n{GENERATOR_LINE}\n---\n\n",
        yaml_string(title)
    )
}

/// The front-matter line that marks a page as written by `contract docs`.
pub const GENERATOR_LINE: &str = "generator: contract docs";

/// A YAML double-quoted scalar: safe whatever the title holds.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A link with escaped text. `target` is a relative path the generator built from safe names.
pub fn link(text: &str, target: &str) -> String {
    format!("[{}]({target})", inline(text))
}

/// A link whose text is shown as code (an id).
pub fn code_link(text: &str, target: &str) -> String {
    format!("[{}]({target})", code(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(
            inline("a | b <script>alert(1)</script>\nnext `line`"),
            "a &#124; b &lt;script&gt;alert(1)&lt;/script&gt; next \\`line\\`"
        );
    }

    #[test]
    fn underscores_inside_words_stay_readable() {
        assert_eq!(
            inline("meeting_id and _emphasis_"),
            "meeting_id and \\_emphasis\\_"
        );
        assert_eq!(
            inline("**bold** [link](x) {jsx}"),
            "\\*\\*bold\\*\\* \\[link\\](x) \\{jsx\\}"
        );
        assert_eq!(
            inline("R&D ~~gone~~"),
            "R&amp;D &#126;&#126;gone&#126;&#126;"
        );
    }

    #[test]
    fn paragraphs_keep_blank_lines_and_escape_block_starts() {
        assert_eq!(
            paragraphs("# not a heading\nstill\n\n- not a list"),
            "\\# not a heading still\n\n\\- not a list"
        );
        assert_eq!(paragraphs("1. not a list"), "1\\. not a list");
        assert_eq!(paragraphs("2026) a year"), "2026\\) a year");
        assert_eq!(paragraphs("> not a quote"), "&gt; not a quote");
    }

    #[test]
    fn our_own_code_spans_are_kept() {
        assert_eq!(
            inline_with_code("`compensates:` names <an> event_"),
            "`compensates:` names &lt;an&gt; event\\_"
        );
        assert_eq!(inline_with_code("a ` b"), "a \\` b");
        assert_eq!(inline_with_code("`a|b` c"), "\\`a&#124;b\\` c");
        assert_eq!(paragraphs_with_code("`x`\n\n# y"), "`x`\n\n\\# y");
    }

    #[test]
    fn code_spans_only_for_safe_text() {
        assert_eq!(code("meeting_id"), "`meeting_id`");
        assert_eq!(code("a|b"), "a&#124;b");
        assert_eq!(code("x`y"), "x\\`y");
        assert_eq!(code(" "), "");
    }

    #[test]
    fn a_code_block_outlasts_backticks_in_its_body() {
        assert_eq!(code_block("json", "{}"), "```json\n{}\n```\n");
        assert_eq!(
            code_block("text", "  ````\nx"),
            "`````text\n  ````\nx\n`````\n"
        );
    }

    #[test]
    fn titles_are_quoted_yaml() {
        assert_eq!(
            front_matter("a \"b\" \\ c", 2),
            "---\ntitle: \"a \\\"b\\\" \\\\ c\"\nsidebar_position: 2\ngenerator: contract docs\n---\n\n"
        );
    }
}
