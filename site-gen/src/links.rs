//! The link checker: every `href` and `src` in every HTML page must be relative (or an
//! external URL) and must resolve to a file of the site, and its `#fragment` to an id there.

use std::collections::{BTreeMap, BTreeSet};
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
        write!(f, "{}:{}: error[broken-link]: `{}`: {}", self.file, self.line, self.link, self.reason)
    }
}

/// Attribute values `name="…"` (or single-quoted) in an HTML text, with their byte offsets.
pub fn attributes<'t>(html: &'t str, name: &str) -> Vec<(usize, &'t str)> {
    let mut found = Vec::new();
    for quote in ['"', '\''] {
        let needle = format!(" {name}={quote}");
        // One searcher for the whole page (not one per attribute); a match inside the value
        // just read is skipped.
        let mut from = 0;
        for (i, _) in html.match_indices(&needle) {
            if i < from {
                continue;
            }
            let start = i + needle.len();
            let Some(len) = html[start..].find(quote) else { break };
            found.push((start, &html[start..start + len]));
            from = start + len;
        }
    }
    found.sort_by_key(|(offset, _)| *offset);
    found
}

fn decode_entities(value: &str) -> String {
    value.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}


/// Resolves `target` relative to the folder of `page`; `None` when it climbs above the root.
fn resolve(page: &str, target: &str) -> Option<String> {
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

/// Checks every page of a site held in memory (path → bytes). Pages are files ending `.html`.
pub fn check(files: &BTreeMap<String, Vec<u8>>) -> Vec<BrokenLink> {
    let pages: Vec<(&str, &str)> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter_map(|(path, bytes)| std::str::from_utf8(bytes).ok().map(|text| (path.as_str(), text)))
        .collect();
    let ids: BTreeMap<&str, BTreeSet<String>> = pages
        .par_iter()
        .map(|(path, text)| (*path, attributes(text, "id").into_iter().map(|(_, v)| decode_entities(v)).collect()))
        .collect();
    // Pages are checked in parallel; the result keeps page order.
    pages.par_iter().flat_map_iter(|(path, text)| check_page(files, &ids, path, text)).collect()
}

/// The broken links of one page. Line numbers are counted incrementally (links come in offset
/// order), so a page costs its length once, not once per link.
fn check_page(files: &BTreeMap<String, Vec<u8>>, ids: &BTreeMap<&str, BTreeSet<String>>, path: &str, text: &str) -> Vec<BrokenLink> {
    let mut broken = Vec::new();
    let mut links = attributes(text, "href");
    links.extend(attributes(text, "src"));
    links.sort_by_key(|(offset, _)| *offset);
    let (mut counted, mut newlines) = (0, 0);
    for (offset, raw) in links {
        let link = decode_entities(raw);
        newlines += memchr_count(&text.as_bytes()[counted..offset]);
        counted = offset;
        let line = u32::try_from(newlines + 1).unwrap_or(u32::MAX);
        let report = |reason: String| BrokenLink { file: path.to_owned(), line, link: link.clone(), reason };
        if is_external(&link) || link.is_empty() {
            continue;
        }
        if link.starts_with('/') {
            broken.push(report("absolute path; internal links must be relative so the site works from file:// and a project path".into()));
            continue;
        }
        let (target, fragment) = match link.split_once('#') {
            Some((t, f)) => (t, Some(f)),
            None => (link.as_str(), None),
        };
        let target = target.split('?').next().unwrap_or("");
        let resolved = if target.is_empty() { Some(path.to_owned()) } else { resolve(path, target) };
        let Some(resolved) = resolved else {
            broken.push(report("climbs above the site root".into()));
            continue;
        };
        if !files.contains_key(&resolved) {
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

    fn site(pages: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pages.iter().map(|(p, t)| ((*p).to_owned(), t.as_bytes().to_vec())).collect()
    }

    #[test]
    fn finds_missing_pages_anchors_and_absolute_links() {
        let files = site(&[
            ("index.html", "<a href=\"ports/443.html#u\">x</a>\n<a href=\"/abs.html\">y</a>\n<a href=\"https://x.org/\">z</a>"),
            ("ports/443.html", "<p id=\"u\"></p><a href=\"../index.html\">home</a>\n<a href=\"../nope.html\">n</a><a href=\"#missing\">m</a>"),
        ]);
        let broken = check(&files);
        let shown: Vec<String> = broken.iter().map(|b| format!("{}:{}", b.file, b.line)).collect();
        assert_eq!(shown, ["index.html:2", "ports/443.html:2", "ports/443.html:2"]);
        assert!(broken[2].reason.contains("missing"));
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve("ports/443.html", "../index.html").as_deref(), Some("index.html"));
        assert_eq!(resolve("index.html", "ports/").as_deref(), Some("ports/index.html"));
        assert_eq!(resolve("index.html", "../x.html"), None);
    }
}
