//! Per-format escaping and sanitising: the only way a name from a topology reaches an output.
//!
//! Two kinds of functions:
//! - *quoting* keeps the text and escapes it for a string literal of the format (JSON, YAML,
//!   HCL, CSV, XML, Markdown, POSIX shell);
//! - *sanitising* maps the text into a charset the format accepts without any quoting
//!   (identifiers, nft/iptables comments, cloud descriptions), and, for identifiers, appends a
//!   hash of the original name whenever the mapping changed it, so two different names never
//!   collide.

use std::fmt::Write as _;

use crate::text::{one_line, truncate};

/// FNV-1a 32-bit hash: stable across platforms and releases.
pub fn fnv32(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// Plain comment text for formats with fragile quoting (nft, iptables, shell `#` lines): one
/// line, printable ASCII only, no quote, backslash, backtick or `$` (each becomes `_`;
/// non-ASCII becomes `?`), at most `max` bytes.
pub fn safe_comment(text: &str, max: usize) -> String {
    let line = one_line(text);
    let mapped: String = line
        .chars()
        .map(|c| match c {
            '"' | '\'' | '\\' | '`' | '$' => '_',
            c if c.is_ascii_graphic() || c == ' ' => c,
            _ => '?',
        })
        .collect();
    truncate(mapped.trim(), max).trim_end().to_owned()
}

/// A `#` comment line for nft, iptables-restore and shell files.
pub fn hash_comment(text: &str) -> String {
    format!("# {}", safe_comment(text, 400))
}

/// An identifier from `name`: characters outside `allowed` become `sep`, runs of `sep` collapse,
/// the result is cut to `max` bytes; when it differs from `name` (or is empty) a `sep` and 8
/// hex digits of the name's hash are appended (within `max`). `lower` lowercases first.
pub fn ident(
    name: &str,
    allowed: impl Fn(char) -> bool,
    sep: char,
    max: usize,
    lower: bool,
) -> String {
    // ASCII lowercasing is enough: `allowed` keeps ASCII only, so other letters become `sep`
    // either way (and Unicode's case tables stay out of the checker's wasm).
    let source = if lower { name.to_ascii_lowercase() } else { name.to_owned() };
    let mut out = String::new();
    for c in source.chars() {
        let c = if allowed(c) { c } else { sep };
        if c == sep && (out.is_empty() || out.ends_with(sep)) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with(sep) {
        out.pop();
    }
    if out == name && !out.is_empty() && out.len() <= max {
        return out;
    }
    let suffix = format!("{sep}{:08x}", fnv32(name));
    let keep = max.saturating_sub(suffix.len());
    let mut head = truncate(&out, keep).to_owned();
    while head.ends_with(sep) {
        head.pop();
    }
    if head.is_empty() {
        // A hash alone (prefixed with a letter where formats need one).
        return format!("x{:08x}", fnv32(name));
    }
    head + &suffix
}

/// `[a-z0-9-]` slug for file names (never `.`, `/` or `..`).
pub fn file_slug(name: &str) -> String {
    ident(name, |c| c.is_ascii_lowercase() || c.is_ascii_digit(), '-', 60, true)
}

/// A JSON string literal (the CloudFormation writer's escaper: one JSON escaper in the engine).
pub fn json_string(text: &str) -> String {
    super::json_text::string(text)
}

/// A YAML double-quoted scalar in pure ASCII: every non-printable or non-ASCII character is a
/// `\x`/`\u`/`\U` escape, so no YAML reader can see a line break, a comment or an anchor.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (' '..='~').contains(&c) => out.push(c),
            c if (c as u32) <= 0xff => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// An HCL (Terraform) quoted string: `\"`, `\\`, `\n`…, template sequences `${` and `%{`
/// doubled (`$${`, `%%{`) so they stay literal, non-ASCII as `\u`/`\U` escapes.
pub fn hcl_string(text: &str) -> String {
    let mut out = String::from("\"");
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_brace = chars.get(i + 1) == Some(&'{');
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if next_brace => out.push_str("$$"),
            '%' if next_brace => out.push_str("%%"),
            c if (' '..='~').contains(&c) => out.push(c),
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// A POSIX shell word in single quotes (`'` written as `'\''`).
pub fn shell_word(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// Characters a spreadsheet reads as the start of a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF (quotes doubled). A
/// field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
/// leading `'`, which [`csv_unguard`] removes.
pub fn csv_field(text: &str) -> String {
    let guarded = if text.starts_with(FORMULA_START)
        || text.starts_with('\'') && text[1..].starts_with(FORMULA_START)
    {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Undoes [`csv_field`]'s formula guard on an already unquoted field.
pub fn csv_unguard(field: &str) -> String {
    match field.strip_prefix('\'') {
        Some(rest)
            if rest.starts_with(FORMULA_START)
                || rest.starts_with('\'') && rest[1..].starts_with(FORMULA_START) =>
        {
            rest.to_owned()
        }
        _ => field.to_owned(),
    }
}

#[cfg(any(test, feature = "test-support"))]
/// Reads RFC 4180 CSV into records of fields (quoted fields may hold commas, quotes, newlines).
pub fn csv_parse(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '"' => return Err(format!("quote inside an unquoted field after `{field}`")),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_start = true;
            }
            c => {
                field.push(c);
                at_start = false;
            }
        }
    }
    if quoted {
        return Err("unterminated quoted field".to_owned());
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

/// A Markdown table cell: one line, `|` and Markdown/HTML specials escaped.
pub fn markdown_cell(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '!' | '~' | '$' | '(' | ')' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// XML character data or attribute value (`&`, `<`, `>`, `"`, `'` escaped; characters XML 1.0
/// cannot hold replaced by U+FFFD).
pub fn xml_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push_str(&format!("&#{};", c as u32)),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The inside of an XML comment: one line of safe ASCII, no `--`, not ending in `-`.
pub fn xml_comment(text: &str) -> String {
    let mut body = safe_comment(text, 400).replace(['<', '>', '&'], "_");
    while body.contains("--") {
        body = body.replace("--", "-_");
    }
    if body.ends_with('-') {
        body.push('_');
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "x\"; flush ruleset # $(reboot) `id` '\n\r\u{2028}naïve ${var} %{if} |a|";

    #[test]
    fn comments_are_one_line_of_inert_ascii() {
        let c = safe_comment(HOSTILE, 128);
        assert!(c.len() <= 128);
        assert!(!c.contains(['"', '\'', '\\', '`', '$', '\n', '\r']), "{c}");
        assert!(c.is_ascii());
        let long = "a".repeat(500);
        assert_eq!(safe_comment(&long, 256).len(), 256);
    }

    #[test]
    fn identifiers_are_in_charset_and_unique() {
        let a = file_slug("../../etc/passwd");
        assert!(a.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{a}");
        assert_ne!(file_slug("a b"), file_slug("a_b"));
        assert_eq!(file_slug("cp1"), "cp1");
        assert!(file_slug("").starts_with('x'));
        assert!(file_slug(&"é".repeat(100)).len() <= 60);
    }

    #[test]
    fn string_literals_round_trip_through_their_formats() {
        let json: String = serde_json::from_str(&json_string(HOSTILE)).expect("json");
        assert_eq!(json, HOSTILE);
        assert_eq!(json_string(HOSTILE), serde_json::to_string(HOSTILE).expect("json"));
        let y = yaml_string(HOSTILE);
        assert!(y.is_ascii() && !y.contains('\n'));
        let h = hcl_string(HOSTILE);
        assert!(h.contains("$${var}") && h.contains("%%{if}") && !h.contains('\n'), "{h}");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }

    #[test]
    fn csv_round_trips_and_guards_formulas() {
        let fields = [HOSTILE, "=cmd|' /C calc'!A0", "'=x", "plain", "a,b", "", "-1"];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        let text = line.join(",") + "\r\n";
        assert!(line[1].starts_with("\"'=") || line[1].starts_with("'="), "{}", line[1]);
        let records = csv_parse(&text).expect("csv");
        assert_eq!(records.len(), 1);
        let back: Vec<String> = records[0].iter().map(|f| csv_unguard(f)).collect();
        assert_eq!(back, fields);
    }

    #[test]
    fn markdown_and_xml_escape() {
        let m = markdown_cell(HOSTILE);
        assert!(!m.contains('\n') && !m.contains(" |"), "{m}");
        let x = xml_text("<a b=\"c\">&'");
        assert_eq!(x, "&lt;a b=&quot;c&quot;&gt;&amp;&apos;");
        let c = xml_comment("a -- b -");
        assert!(!c.contains("--") && !c.ends_with('-'), "{c}");
    }
}
