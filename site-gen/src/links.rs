//! The link checker: every `href` and `src` in every HTML page must be relative (or an
//! external URL) and must resolve to a file of the site, and its `#fragment` to an id there.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::fmt;

use rayon::prelude::*;

use crate::util::{is_external, join_path};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// Page path inside the site.
    pub file: String,
    pub line: u32,
    pub link: String,
    pub reason: String,
}

impl fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: error[broken-link]: `{}`: {}",
            self.file, self.line, self.link, self.reason
        )
    }
}

/// Attribute values `name="…"` (or single-quoted) in an HTML text, with their byte offsets.
pub fn attributes<'t>(html: &'t str, name: &str) -> Vec<(usize, &'t str)> {
    attributes_named(html, &[name])
}

/// Values of the attributes called one of `names` (after a space, single- or double-quoted), with
/// their byte offsets, in order, in one pass over the page: the link checker used to search the
/// whole page once per name and quote (six passes over 2.9 GB for the 10,000-document site).
pub fn attributes_named<'t>(html: &'t str, names: &[&str]) -> Vec<(usize, &'t str)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'=') {
        let equals = at + offset;
        at = equals + 1;
        let Some(&quote) = bytes.get(equals + 1).filter(|q| matches!(q, b'"' | b'\'')) else {
            continue;
        };
        let named = names.iter().any(|name| {
            let name = name.as_bytes();
            equals > name.len()
                && &bytes[equals - name.len()..equals] == name
                && bytes[equals - name.len() - 1] == b' '
        });
        let start = equals + 2;
        let Some(len) = bytes[start..].iter().position(|&b| b == quote) else { break };
        if named {
            // Both ends are ASCII quotes, so they are char boundaries.
            found.push((start, &html[start..start + len]));
        }
        // No value (of any attribute) is searched for attributes: text in it is not markup.
        at = start + len + 1;
    }
    found
}

/// The value with the escapes the renderer writes undone; borrowed when there are none (most
/// ids and links), so checking millions of them allocates nothing.
fn decode_entities(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    Cow::Owned(
        value
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">"),
    )
}

/// Resolves `target` relative to the folder of `page`; `None` when it climbs above the root.
pub(crate) fn resolve(page: &str, target: &str) -> Option<String> {
    let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut path = join_path(folder, target)?;
    if target.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// What links may point at: every file of the site, and the ids of every page.
pub struct Targets<'t> {
    files: HashSet<&'t str>,
    ids: HashMap<&'t str, HashSet<Cow<'t, str>>>,
}

impl<'t> Targets<'t> {
    /// `files`: every path of the site (pages included); `pages`: (path, HTML) of the pages.
    pub fn new(files: impl IntoIterator<Item = &'t str>, pages: &[(&'t str, &'t str)]) -> Self {
        let ids = pages
            .par_iter()
            .map(|(path, text)| {
                (
                    *path,
                    attributes(text, "id").into_iter().map(|(_, v)| decode_entities(v)).collect(),
                )
            })
            .collect();
        Targets { files: files.into_iter().collect(), ids }
    }

    pub fn has_file(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// True when `page` is a page with an element `id="fragment"`.
    pub fn has_id(&self, page: &str, fragment: &str) -> bool {
        self.ids.get(page).is_some_and(|ids| ids.contains(fragment))
    }

    /// The broken links of `pages` (path, HTML), in page order. Pages are checked in parallel.
    pub fn check(&self, pages: &[(&str, &str)]) -> Vec<BrokenLink> {
        pages
            .par_iter()
            .flat_map_iter(|(path, text)| check_page(&self.files, &self.ids, path, text))
            .collect()
    }
}

/// The broken links of one page. Line numbers are counted incrementally (links come in offset
/// order), so a page costs its length once, not once per link.
fn check_page(
    files: &HashSet<&str>,
    ids: &HashMap<&str, HashSet<Cow<'_, str>>>,
    path: &str,
    text: &str,
) -> Vec<BrokenLink> {
    let mut broken = Vec::new();
    let links = attributes_named(text, &["href", "src"]);
    let (mut counted, mut newlines) = (0, 0);
    for (offset, raw) in links {
        let link = decode_entities(raw);
        newlines += memchr_count(&text.as_bytes()[counted..offset]);
        counted = offset;
        let line = u32::try_from(newlines + 1).unwrap_or(u32::MAX);
        let report = |reason: String| BrokenLink {
            file: path.to_owned(),
            line,
            link: link.clone().into_owned(),
            reason,
        };
        if is_external(&link) || link.is_empty() {
            continue;
        }
        if link.starts_with('/') {
            broken.push(report("absolute path; internal links must be relative so the site works from file:// and a project path".into()));
            continue;
        }
        let (target, fragment) = match link.split_once('#') {
            Some((t, f)) => (t, Some(f)),
            None => (link.as_ref(), None),
        };
        let target = target.split('?').next().unwrap_or("");
        let resolved =
            if target.is_empty() { Some(path.to_owned()) } else { resolve(path, target) };
        let Some(resolved) = resolved else {
            broken.push(report("climbs above the site root".into()));
            continue;
        };
        if !files.contains(resolved.as_str()) {
            broken.push(report(format!("no file {resolved} in the site")));
            continue;
        }
        if let Some(fragment) = fragment.filter(|f| !f.is_empty())
            && let Some(page_ids) = ids.get(resolved.as_str())
            && !page_ids.contains(fragment)
        {
            broken.push(report(format!("{resolved} has no element with id `{fragment}`")));
        }
    }
    broken
}

fn memchr_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(pages: &[(&str, &str)]) -> Vec<BrokenLink> {
        Targets::new(pages.iter().map(|(p, _)| *p), pages).check(pages)
    }

    #[test]
    fn finds_missing_pages_anchors_and_absolute_links() {
        let broken = check(&[
            (
                "index.html",
                "<a href=\"ports/443.html#u\">x</a>\n<a href=\"/abs.html\">y</a>\n<a href=\"https://x.org/\">z</a>",
            ),
            (
                "ports/443.html",
                "<p id=\"u\"></p><a href=\"../index.html\">home</a>\n<a href=\"../nope.html\">n</a><a href=\"#missing\">m</a>",
            ),
        ]);
        let shown: Vec<String> = broken.iter().map(|b| format!("{}:{}", b.file, b.line)).collect();
        assert_eq!(shown, ["index.html:2", "ports/443.html:2", "ports/443.html:2"]);
        assert!(broken[2].reason.contains("missing"));
    }

    #[test]
    fn attributes_are_read_in_one_pass_with_either_quote() {
        let html = "<a href=\"a.html\" title='x href=\"no.html\"'><img src='b.png' data-src=\"c\"> <p id=\"i\">x=\"y\"</p><a  href=\"c.html#f\">";
        let values: Vec<&str> =
            attributes_named(html, &["href", "src"]).into_iter().map(|(_, v)| v).collect();
        assert_eq!(values, ["a.html", "b.png", "c.html#f"]);
        assert_eq!(attributes(html, "id"), [(html.find("i\"").unwrap(), "i")]);
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve("ports/443.html", "../index.html").as_deref(), Some("index.html"));
        assert_eq!(resolve("index.html", "ports/").as_deref(), Some("ports/index.html"));
        assert_eq!(resolve("index.html", "../x.html"), None);
    }
}
