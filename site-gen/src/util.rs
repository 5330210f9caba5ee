//! Small helpers shared by the renderers: escaping, slugs, relative roots, file writing.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
pub use portolan_core::text::{html_text, html_text_into};

/// `head` + `json` with every `<` escaped (so no `</script` can appear in a classic script) +
/// `tail`, copied once: the catalog script is hundreds of megabytes for a large corpus.
pub fn script_of_json(head: &str, json: &str, tail: &str) -> String {
    let mut out = String::with_capacity(head.len() + json.len() + tail.len() + 64);
    out.push_str(head);
    for (i, piece) in json.split('<').enumerate() {
        if i > 0 {
            out.push_str("\\u003c");
        }
        out.push_str(piece);
    }
    out.push_str(tail);
    out
}

/// GitHub-like slug: lowercase letters and digits, other runs become one hyphen.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else {
            pending_dash = true;
        }
    }
    if slug.is_empty() { "section".to_owned() } else { slug }
}

/// The relative prefix from a page at `path` (e.g. `ports/443.html`) back to the site root.
/// True for `scheme:` and `//host` URLs: links the site does not resolve or check.
pub fn is_external(url: &str) -> bool {
    // A scheme is the run of scheme characters before the first `:`: read up to the first
    // other character, not searched for through the whole link (every link of every page
    // comes here, issue 15).
    let scheme =
        url.bytes().position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')));
    matches!(scheme, Some(len) if len > 0 && url.as_bytes().get(len) == Some(&b':'))
        || url.starts_with("//")
}

/// `target` joined to the folder `dir` with `.` and `..` applied; `None` when it climbs above
/// the root.
pub fn join_path(dir: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Writes a file, creating parent folders, naming the path on failure.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create folder {}", parent.display()))?;
    }
    fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// One CSV field (RFC 4180 quoting), with spreadsheet formula triggers neutralised.
pub fn csv_field(value: &str, out: &mut String) {
    let guarded = matches!(value.chars().next(), Some('=' | '+' | '@' | '\t' | '\r'))
        || (value.starts_with('-') && !value[1..].starts_with(|c: char| c.is_ascii_digit()));
    let needs_quotes = guarded || value.contains([',', '"', '\n', '\r']);
    if needs_quotes {
        out.push('"');
        if guarded {
            out.push('\'');
        }
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

pub fn csv_row<'a>(fields: impl IntoIterator<Item = &'a str>, out: &mut String) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(field, out);
    }
    out.push_str("\r\n");
}

/// Human form of a port or range: `30000–32767` with an en dash.
pub fn port_label(ports: portolan_core::model::PortRange) -> String {
    if ports.is_single() {
        ports.start().to_string()
    } else {
        format!("{}–{}", ports.start(), ports.end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_external_reads_the_scheme_as_the_search_for_a_colon_did() {
        let before = |url: &str| {
            let scheme_len = url.find(':').unwrap_or(0);
            (scheme_len > 0
                && url[..scheme_len]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
                || url.starts_with("//")
        };
        let urls = [
            "https://example.com/a",
            "mailto:team@example.com",
            "git+ssh:x",
            ":no-scheme",
            "../ports/443.html#r-1",
            "ports/a:b.html",
            "a b:c",
            "//cdn.example.com/x.js",
            "#top",
            "",
            "é:x",
            "x.y-z+w:",
            "index.html",
        ];
        for url in urls {
            assert_eq!(is_external(url), before(url), "{url:?}");
        }
    }

    #[test]
    fn scripts_escape_every_angle_bracket() {
        assert_eq!(
            script_of_json("x = ", r#"["</script>","<<"]"#, ";"),
            r#"x = ["\u003c/script>","\u003c\u003c"];"#
        );
        assert_eq!(script_of_json("x = ", "{}", ";"), "x = {};");
    }

    #[test]
    fn slugs_and_roots() {
        assert_eq!(slugify("Master Node Ports (Control Plane)"), "master-node-ports-control-plane");
        assert_eq!(slugify("  "), "section");
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("ports/443.html"), "../");
    }

    #[test]
    fn csv_quotes_and_guards() {
        let mut out = String::new();
        csv_row(["a,b", "=cmd()", "say \"hi\"", "30000-32767", "-x"], &mut out);
        assert_eq!(out, "\"a,b\",\"'=cmd()\",\"say \"\"hi\"\"\",30000-32767,\"'-x\"\r\n");
    }
}
