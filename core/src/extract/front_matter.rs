//! Front matter: YAML between `---` lines or TOML between `+++` lines at the top of a document.
//! Unknown keys (Docusaurus' `sidebar_label`, `sidebar_position`, …) are tolerated.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, SourceLocation};
use crate::model::Source;

/// What a port document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// Platform slug; defaults to the file stem.
    pub platform: Option<String>,
    pub vendor: Option<String>,
    /// One sentence.
    pub summary: Option<String>,
    /// Docusaurus' description; the summary when `summary` is absent.
    pub description: Option<String>,
    pub sources: Vec<Source>,
    /// The vendor's own URLs of the page (Elastic's `mapped_pages`); the source when
    /// `sources` is absent.
    pub mapped_pages: Vec<String>,
    /// Hugo/MkDocs canonical URL of the page; the source when `sources` is absent.
    pub canonical_url: Option<String>,
    pub verified: Option<String>,
    /// Component slug → its declaration.
    pub components: BTreeMap<String, ComponentDecl>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ComponentDecl {
    pub name: Option<String>,
    pub description: Option<String>,
    /// Extra names that refer to this component in headings and cells.
    pub aliases: Vec<String>,
    pub external: bool,
}

/// A document split into its front matter and its markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: FrontMatter,
    pub body: &'a str,
    /// Byte offset of the body in the original text, so body positions map back to file lines.
    pub body_offset: usize,
}

/// Splits off and parses front matter. A malformed block is reported and treated as empty;
/// the body then starts after the closing fence so the page still renders.
pub fn split<'a>(file: &str, text: &'a str) -> (Split<'a>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some((fence, kind)) = opening_fence(text) else {
        return (
            Split { front_matter: FrontMatter::default(), body: text, body_offset: 0 },
            diagnostics,
        );
    };
    let after_open = fence;
    let Some((inner_end, body_offset)) = closing_fence(text, after_open, kind) else {
        diagnostics.push(
            Diagnostic::error(
                "front-matter-unclosed",
                SourceLocation::new(file, 1, 1),
                format!("front matter opened with `{}` is never closed", kind.fence()),
            )
            .expected(format!("a line with just `{}` after the front matter", kind.fence())),
        );
        return (
            Split { front_matter: FrontMatter::default(), body: text, body_offset: 0 },
            diagnostics,
        );
    };
    let inner = &text[after_open..inner_end];
    let front_matter = match kind {
        FenceKind::Yaml => parse_yaml(inner),
        FenceKind::Toml => parse_toml(inner),
    };
    let front_matter = match front_matter {
        Ok(front_matter) => front_matter,
        Err((offset, message)) => {
            let (line, column) =
                crate::diagnostic::line_column(text, after_open + offset.min(inner.len()));
            let expected = format!(
                "{} front matter with keys such as title, platform, vendor, sources, verified, components",
                kind.language()
            );
            let location = SourceLocation::new(file, line, column);
            // A vendor page's own front matter (no key Portolan defines) that this reader cannot
            // parse costs its title, not the build.
            let diagnostic = if names_portolan_keys(inner) {
                Diagnostic::error("front-matter-invalid", location, message)
            } else {
                Diagnostic::warning(
                    "front-matter-invalid",
                    location,
                    format!("{message}; the front matter is ignored"),
                )
            };
            diagnostics.push(diagnostic.expected(expected));
            FrontMatter::default()
        }
    };
    (Split { front_matter, body: &text[body_offset..], body_offset }, diagnostics)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FenceKind {
    Yaml,
    Toml,
}

impl FenceKind {
    fn fence(self) -> &'static str {
        match self {
            FenceKind::Yaml => "---",
            FenceKind::Toml => "+++",
        }
    }

    fn language(self) -> &'static str {
        match self {
            FenceKind::Yaml => "YAML",
            FenceKind::Toml => "TOML",
        }
    }
}

/// Returns the byte offset just after the opening fence line.
fn opening_fence(text: &str) -> Option<(usize, FenceKind)> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let first_line_end = text_no_bom.find('\n').unwrap_or(text_no_bom.len());
    let kind = match text_no_bom[..first_line_end].trim_end() {
        "---" => FenceKind::Yaml,
        "+++" => FenceKind::Toml,
        _ => return None,
    };
    Some(((bom + first_line_end + 1).min(text.len()), kind))
}

/// Returns (end of the inner block, start of the body).
fn closing_fence(text: &str, from: usize, kind: FenceKind) -> Option<(usize, usize)> {
    let mut offset = from;
    for line in text[from..].split_inclusive('\n') {
        if line.trim_end() == kind.fence() {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

type ParseError = (usize, String);

/// True when front matter text sets a key only Portolan documents use.
fn names_portolan_keys(inner: &str) -> bool {
    inner.lines().any(|line| {
        let key = line.trim_start_matches(['[', ' ']);
        ["sources", "components", "platform", "verified"].iter().any(|k| {
            key.strip_prefix(k)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '=', ']', '.']))
        })
    })
}

fn parse_toml(inner: &str) -> Result<FrontMatter, ParseError> {
    let node = crate::data::toml::parse(inner).map_err(|e| {
        (
            crate::data::offset_of(inner, e.position),
            format!("invalid TOML front matter: {}", e.message),
        )
    })?;
    let value = node.to_json();
    // Read from a borrow: the value is cloned for nothing when it has the right shape.
    FrontMatter::deserialize(&value).or_else(|e| {
        tolerant(value).ok_or_else(|| (0, format!("front matter has the wrong shape: {e}")))
    })
}

fn parse_yaml(inner: &str) -> Result<FrontMatter, ParseError> {
    let value = crate::data::yaml::to_json_with_offset(inner)
        .map_err(|(offset, message)| (offset, format!("invalid YAML front matter: {message}")))?;
    if value.is_null() {
        return Ok(FrontMatter::default());
    }
    // Read from a borrow: the value is cloned for nothing when it has the right shape.
    FrontMatter::deserialize(&value).or_else(|e| {
        tolerant(value).ok_or_else(|| (0, format!("front matter has the wrong shape: {e}")))
    })
}

/// A vendor page's front matter whose only faults are keys Portolan reads differently (a
/// Hugo `title` list, `mapped_pages` of objects): read without those keys. `None` when a key
/// only Portolan defines (`sources`, `components`, `platform`) has the wrong shape, so a
/// mistake in a Portolan document is still reported.
fn tolerant(value: serde_json::Value) -> Option<FrontMatter> {
    let serde_json::Value::Object(mut map) = value else { return None };
    let bad: Vec<String> = map
        .iter()
        .filter(|(key, v)| {
            let single = serde_json::Value::Object(
                std::iter::once(((*key).clone(), (*v).clone())).collect(),
            );
            serde_json::from_value::<FrontMatter>(single).is_err()
        })
        .map(|(key, _)| key.clone())
        .collect();
    if bad.iter().any(|k| matches!(k.as_str(), "sources" | "components" | "platform")) {
        return None;
    }
    for key in bad {
        map.remove(&key);
    }
    serde_json::from_value(serde_json::Value::Object(map)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_keys_of_another_shape_are_ignored_and_mapped_pages_kept() {
        let text = "---\ntitle: [Ports, and more]\nmapped_pages:\n  - https://docs.example.com/p.html\n---\nbody";
        let (split, diagnostics) = split("v.md", text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(split.front_matter.title, None);
        assert_eq!(split.front_matter.mapped_pages, ["https://docs.example.com/p.html"]);
    }

    #[test]
    fn unreadable_vendor_front_matter_is_a_warning_and_portolan_front_matter_an_error() {
        // (An alias of no anchor: YAML anchors themselves are read since task H2.)
        let (_, vendor) = split("v.md", "---\naliases:\n  - /old/\nother: *a\n---\nbody");
        assert_eq!(vendor.len(), 1);
        assert!(!vendor[0].is_error(), "{vendor:?}");
        let (_, ours) = split("p.md", "---\nsources: *a\n---\nbody");
        assert!(ours[0].is_error(), "{ours:?}");
    }

    #[test]
    fn yaml_front_matter_with_docusaurus_keys() {
        let text = "---\nsidebar_label: \"Network Ports\"\ntitle: \"Ports\"\nsidebar_position: 20\nhide_table_of_contents: false\n---\n\n# Body\n";
        let (split, diagnostics) = split("p.md", text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(split.front_matter.title.as_deref(), Some("Ports"));
        assert_eq!(split.body, "\n# Body\n");
        assert_eq!(&text[split.body_offset..], split.body);
    }

    #[test]
    fn toml_front_matter_with_components() {
        let text = "+++\ntitle = \"OpenLM\"\n[components.control-plane]\nname = \"Control plane\"\n+++\nbody";
        let (split, diagnostics) = split("o.md", text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            split.front_matter.components["control-plane"].name.as_deref(),
            Some("Control plane")
        );
        assert_eq!(split.body, "body");
    }

    #[test]
    fn malformed_toml_is_located() {
        let text = "+++\ntitle = \"ok\"\nsources = [\n+++\nbody";
        let (split, diagnostics) = split("bad.md", text);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "front-matter-invalid");
        assert!(diagnostics[0].location.line >= 3, "{:?}", diagnostics[0]);
        assert!(
            diagnostics[0].message.starts_with("invalid TOML front matter"),
            "{:?}",
            diagnostics[0]
        );
        assert_eq!(split.body, "body");
        // A key only Portolan defines, of the wrong shape (a vendor `title = 5` is dropped).
        let (_, diagnostics) = super::split("shape.md", "+++\nsources = 5\n+++\nbody");
        assert!(diagnostics[0].message.contains("wrong shape"), "{:?}", diagnostics[0]);
    }

    #[test]
    fn malformed_yaml_is_located() {
        let text = "---\ntitle: ok\nsources: [unclosed\n---\nbody";
        let (split, diagnostics) = split("bad.md", text);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "front-matter-invalid");
        assert!(diagnostics[0].location.line >= 3, "{:?}", diagnostics[0]);
        assert_eq!(split.body, "body");
    }

    #[test]
    fn unclosed_front_matter_is_an_error_and_the_whole_text_is_body() {
        let (split, diagnostics) = split("u.md", "---\ntitle: x\n");
        assert_eq!(diagnostics[0].code, "front-matter-unclosed");
        assert_eq!(split.body, "---\ntitle: x\n");
    }

    #[test]
    fn no_front_matter() {
        let (split, diagnostics) = split("n.md", "# Title\n");
        assert!(diagnostics.is_empty());
        assert_eq!(split.body_offset, 0);
    }
}
