//! Text helpers that are not tied to one output format: what counts as invisible, one-line
//! and truncated text, a user string made safe for a message, and HTML escaping (shared by the
//! emitters, the topology parser, the checks, the reference site and the checker page).

use std::fmt::Write as _;

/// Characters that change how text around them reads without being seen: line and paragraph
/// separators, zero-width characters and marks, bidirectional overrides and isolates, the BOM.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// One line of text: every control or separator character (newlines, tabs, U+2028…) becomes a
/// space and runs of spaces collapse.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let blank = c.is_whitespace() || c.is_control() || is_invisible(c);
        if blank {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Cuts `text` to at most `max` bytes on a character boundary.
pub fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Shows a user string safely in a message: quotes, backslashes, control and invisible
/// characters escaped as Rust's `{:?}` writes them, long text cut. (Not `char::escape_debug`
/// itself: its Unicode tables of printable and combining characters would stay in the checker's
/// wasm for the rest of Unicode, which is shown as is.)
pub fn printable(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().take(80) {
        match c {
            '\0' => out.push_str("\\0"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\\' | '"' | '\'' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || is_invisible(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    if text.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// HTML element content or attribute value (`&`, `<`, `>`, `"`, `'` escaped), appended to
/// `out`. The reference site and the checker page both escape with it.
pub fn html_text_into(text: &str, out: &mut String) {
    // Writing to a String never fails.
    let _ = html_text_write(text, out);
}

/// [`html_text_into`] written to any `fmt::Write` (a template engine's output), so no escaped
/// copy of each value is made first.
pub fn html_text_write(text: &str, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    // Runs between the escaped characters are written whole: a site build escapes every value
    // of every page, and writing char by char was a measurable part of rendering (issue 15).
    // The five are ASCII, so every cut is on a char boundary.
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[from..at])?;
        out.write_str(escaped)?;
        from = at + 1;
    }
    out.write_str(&text[from..])
}

/// [`html_text_into`] as a new string.
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    html_text_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "x\"; flush ruleset # $(reboot) `id` '\n\r\u{2028}naïve ${var} %{if} |a|";

    #[test]
    fn html_text_leaves_no_markup_or_attribute_breakout() {
        let escaped = html_text(HOSTILE);
        assert!(!escaped.contains(['<', '>', '"', '\'']), "{escaped}");
        assert_eq!(html_text("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
        let mut out = String::from("x=");
        html_text_into("&", &mut out);
        assert_eq!(out, "x=&amp;");
    }

    #[test]
    fn printable_escapes_what_debug_escapes_in_ascii_and_the_invisible_characters() {
        let ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(
            printable(&ascii[..80]),
            ascii[..80].chars().flat_map(char::escape_debug).collect::<String>()
        );
        assert_eq!(
            printable(&ascii[48..]),
            ascii[48..].chars().flat_map(char::escape_debug).collect::<String>()
        );
        assert_eq!(printable("a\u{202e}b\u{200b}c\u{85}"), "a\\u{202e}b\\u{200b}c\\u{85}");
        assert_eq!(printable("ノード ⚠\u{fe0f} é"), "ノード ⚠\u{fe0f} é");
        assert_eq!(printable(&"x".repeat(100)), "x".repeat(80) + "…");
    }
}
