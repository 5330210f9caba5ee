//! The link checker: every `href` and `src` in every HTML page must be relative (or an
//! external URL) and must resolve to a file of the site, and its `#fragment` to an id there.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::util::is_external;

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
    attributes_which(html, names).into_iter().map(|(at, _, value)| (at, value)).collect()
}

/// `attributes_named` with the index in `names` of each attribute's name: one pass gives a
/// page's ids and its links together.
pub fn attributes_which<'t>(html: &'t str, names: &[&str]) -> Vec<(usize, usize, &'t str)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'=', &bytes[at..]) {
        let equals = at + offset;
        at = equals + 1;
        let Some(&quote) = bytes.get(equals + 1).filter(|q| matches!(q, b'"' | b'\'')) else {
            continue;
        };
        let named = names.iter().position(|name| {
            let name = name.as_bytes();
            equals > name.len()
                && &bytes[equals - name.len()..equals] == name
                && bytes[equals - name.len() - 1] == b' '
        });
        let start = equals + 2;
        let Some(len) = memchr::memchr(quote, &bytes[start..]) else { break };
        if let Some(name) = named {
            // Both ends are ASCII quotes, so they are char boundaries.
            found.push((start, name, &html[start..start + len]));
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
    let mut path = String::new();
    resolve_from(&folder_of(page), target, &mut path).then_some(path)
}

/// The folder of `page` as `resolve_from` starts from: its parts without empty ones, joined
/// by `/`. A page's scan splits its folder once, not once per link (issue 15).
fn folder_of(page: &str) -> String {
    let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut path = String::with_capacity(folder.len());
    for part in folder.split('/').filter(|part| !part.is_empty()) {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(part);
    }
    path
}

/// `resolve` from the page's folder (as `folder_of` gives it) into `path` (emptied first),
/// false when `target` climbs above the root: a page's scan resolves its hundreds of links
/// into one string.
fn resolve_from(folder: &str, target: &str, path: &mut String) -> bool {
    path.clear();
    // `util::join_path`'s rule, into one string: every link of every page comes here.
    path.push_str(folder);
    // `target.split('/')`, cut with memchr: str's char searcher cost more than the rest of
    // the resolve for these short links (`/` is ASCII, so every cut is a char boundary).
    let mut rest = Some(target);
    while let Some(text) = rest {
        let part = match memchr::memchr(b'/', text.as_bytes()) {
            Some(at) => {
                rest = text.get(at + 1..);
                text.get(..at).unwrap_or("")
            }
            None => {
                rest = None;
                text
            }
        };
        match part {
            "" | "." => {}
            ".." => {
                if path.is_empty() {
                    return false;
                }
                path.truncate(memchr::memrchr(b'/', path.as_bytes()).unwrap_or(0));
            }
            other => {
                if !path.is_empty() {
                    path.push('/');
                }
                path.push_str(other);
            }
        }
    }
    if target.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    true
}

/// What links may point at: every file of the site, and the ids of every page.
pub struct Targets<'t> {
    files: HashSet<&'t str>,
    ids: HashMap<&'t str, PageIds<'t>>,
}

/// A page's ids: found already, or in a text read for them when a link first asks (a kept
/// page's cache entry: reading all 7,000 of an edit rebuild, on one core, was 2% of its
/// instructions, for the few pages a link with a fragment points into).
pub enum PageIds<'t> {
    Found(HashSet<Cow<'t, str>>),
    In(&'t str, OnceLock<HashSet<Cow<'t, str>>>),
}

impl<'t> FromIterator<Cow<'t, str>> for PageIds<'t> {
    fn from_iter<I: IntoIterator<Item = Cow<'t, str>>>(ids: I) -> Self {
        PageIds::Found(ids.into_iter().collect())
    }
}

impl<'t> PageIds<'t> {
    /// The ids `ids_in` finds in `text`, read on first use.
    pub fn in_text(text: &'t str) -> Self {
        PageIds::In(text, OnceLock::new())
    }

    fn get(&self) -> &HashSet<Cow<'t, str>> {
        match self {
            PageIds::Found(ids) => ids,
            PageIds::In(text, ids) => ids.get_or_init(|| ids_in(text)),
        }
    }
}

/// The ids of a page (decoded as links are), from its HTML or anything holding its `id="…"`s.
pub fn ids_in(text: &str) -> HashSet<Cow<'_, str>> {
    attributes(text, "id").into_iter().map(|(_, v)| decode_entities(v)).collect()
}

impl<'t> Targets<'t> {
    /// `files`: every path of the site (pages included); `pages`: (path, HTML) of the pages.
    pub fn new(files: impl IntoIterator<Item = &'t str>, pages: &[(&'t str, &'t str)]) -> Self {
        let ids =
            pages.par_iter().map(|(path, text)| (*path, PageIds::Found(ids_in(text)))).collect();
        Targets { files: files.into_iter().collect(), ids }
    }

    /// `files` as in `new`; `ids`: every page with its ids, as `ids_in` or `PageScan` found them.
    pub fn from_ids(
        files: impl IntoIterator<Item = &'t str>,
        ids: impl IntoIterator<Item = (&'t str, PageIds<'t>)>,
    ) -> Self {
        Targets { files: files.into_iter().collect(), ids: ids.into_iter().collect() }
    }

    pub fn has_file(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// True when `page` is a page with an element `id="fragment"`.
    pub fn has_id(&self, page: &str, fragment: &str) -> bool {
        self.ids.get(page).is_some_and(|ids| ids.get().contains(fragment))
    }

    /// True when `page` is a page without an element `id="fragment"` (a link into another file
    /// has its fragment unchecked).
    fn lacks_id(&self, page: &str, fragment: &str) -> bool {
        self.ids.get(page).is_some_and(|ids| !ids.get().contains(fragment))
    }

    /// The broken links of `pages` (path, HTML), in page order. Pages are checked in parallel.
    pub fn check(&self, pages: &[(&str, &str)]) -> Vec<BrokenLink> {
        pages
            .par_iter()
            .flat_map_iter(|(path, text)| {
                let links = attributes_named(text, &["href", "src"]);
                let mut broken = Vec::new();
                check_links(
                    path,
                    text,
                    links,
                    |file| Some(self.files.contains(file)),
                    |page, fragment| match self.ids.get(page) {
                        Some(ids) if ids.get().contains(fragment) => Lookup::Found,
                        Some(_) => Lookup::Missing,
                        None => Lookup::NotAPage,
                    },
                    |found| match found {
                        Found::Broken(link) => broken.push(link),
                        // Every page's ids are known here: nothing is left for later.
                        Found::Later(_) => {}
                    },
                );
                broken
            })
            .collect()
    }
}

/// Whether a page has the element a link's `#fragment` names.
enum Lookup {
    Found,
    Missing,
    /// The link points at a file that is no page (an asset): its fragment is not checked.
    NotAPage,
    /// The page's ids are not known yet (it may not be made yet).
    Later,
}

/// A link to a file not known to exist yet (not written yet), or to `#fragment` of another
/// page: checked once every file and every page's ids are known.
#[derive(Debug, Clone)]
pub struct Pending {
    line: u32,
    link: Box<str>,
    resolved: Box<str>,
}

enum Found {
    Broken(BrokenLink),
    Later(Pending),
}

/// One page's links, read as the page is made so its HTML can be written and dropped at once
/// (the link check used to hold every page until all were made, then read them all again).
/// Every broken link its own bytes and the site's files settle is found here; a link to an
/// element of another page waits for that page's ids, and one to a file not known yet for the
/// last file (`broken`).
#[derive(Debug, Clone, Default)]
pub struct PageScan {
    /// The page's ids, decoded.
    pub ids: Vec<Box<str>>,
    /// The broken links and the links to other pages' elements, in the page's order.
    found: Vec<Result<BrokenLink, Pending>>,
}

impl PageScan {
    /// Reads the page `path`: `has_file` says whether the site has a file (the pages made later
    /// included; `None`: not known yet), `is_page` which files are pages (their ids are checked
    /// later).
    pub fn new(
        path: &str,
        html: &str,
        has_file: impl Fn(&str) -> Option<bool>,
        is_page: impl Fn(&str) -> bool,
    ) -> PageScan {
        let attributes = attributes_which(html, &["href", "src", "id"]);
        // Our own ids: no hash flooding to fear, and a page has hundreds.
        let own: rustc_hash::FxHashSet<Cow<'_, str>> = attributes
            .iter()
            .filter(|(_, name, _)| *name == 2)
            .map(|(_, _, value)| decode_entities(value))
            .collect();
        let links = attributes
            .iter()
            .filter(|(_, name, _)| *name != 2)
            .map(|(at, _, value)| (*at, *value))
            .collect();
        let mut found = Vec::new();
        check_links(
            path,
            html,
            links,
            has_file,
            |page, fragment| match page == path {
                true if own.contains(fragment) => Lookup::Found,
                true => Lookup::Missing,
                false if is_page(page) => Lookup::Later,
                false => Lookup::NotAPage,
            },
            |f| {
                found.push(match f {
                    Found::Broken(link) => Ok(link),
                    Found::Later(pending) => Err(pending),
                })
            },
        );
        PageScan { ids: own.into_iter().map(|id| id.into()).collect(), found }
    }

    /// The broken links of the page `path`, in its order, once `targets` knows every page's ids.
    pub fn broken(&self, path: &str, targets: &Targets<'_>) -> Vec<BrokenLink> {
        self.found
            .iter()
            .filter_map(|found| match found {
                Ok(broken) => Some(broken.clone()),
                Err(pending) => {
                    let resolved = &pending.resolved;
                    let fragment = pending.link.split_once('#').map_or("", |(_, f)| f);
                    let reason = if !targets.has_file(resolved) {
                        format!("no file {resolved} in the site")
                    } else if !fragment.is_empty() && targets.lacks_id(resolved, fragment) {
                        format!("{resolved} has no element with id `{fragment}`")
                    } else {
                        return None;
                    };
                    Some(BrokenLink {
                        file: path.to_owned(),
                        line: pending.line,
                        link: pending.link.to_string(),
                        reason,
                    })
                }
            })
            .collect()
    }
}

/// Checks the `links` (offset, raw value) of the page `path` whose text is `text`, in order,
/// passing each broken one (or one `ids` cannot settle yet) to `found`. Line numbers are counted
/// incrementally (links come in offset order), so a page costs its length once, not once per
/// link.
fn check_links(
    path: &str,
    text: &str,
    links: Vec<(usize, &str)>,
    has_file: impl Fn(&str) -> Option<bool>,
    ids: impl Fn(&str, &str) -> Lookup,
    mut found: impl FnMut(Found),
) {
    let (mut counted, mut newlines) = (0, 0);
    let mut resolved_buffer = String::new();
    let folder = folder_of(path);
    // The last target resolved and what `has_file` said of it: a page's links often point
    // at one file several times in a row ("#r-12", "#r-14", or a port's rows of one platform).
    // A kept "not known yet" (the exports may be written meanwhile) only defers the repeats
    // to the link check, which judges them with the same reasons.
    let mut last: Option<(String, Option<bool>)> = None;
    for (offset, raw) in links {
        let link = decode_entities(raw);
        newlines += memchr_count(&text.as_bytes()[counted..offset]);
        counted = offset;
        let line = u32::try_from(newlines + 1).unwrap_or(u32::MAX);
        let report = |reason: String| {
            Found::Broken(BrokenLink {
                file: path.to_owned(),
                line,
                link: link.clone().into_owned(),
                reason,
            })
        };
        if is_external(&link) || link.is_empty() {
            continue;
        }
        if link.starts_with('/') {
            found(report("absolute path; internal links must be relative so the site works from file:// and a project path".into()));
            continue;
        }
        // (`#` and `?` are ASCII: the cuts fall on char boundaries. memchr, as a million
        // links come here in a clean 1,000-document build.)
        let (target, fragment) = match memchr::memchr(b'#', link.as_bytes()) {
            Some(at) => (link.get(..at).unwrap_or(""), link.get(at + 1..)),
            None => (link.as_ref(), None),
        };
        let target = memchr::memchr(b'?', target.as_bytes())
            .map_or(target, |at| target.get(..at).unwrap_or(""));
        let known = match &mut last {
            Some((previous, known)) if previous == target => *known,
            _ => {
                let resolved = &mut resolved_buffer;
                if target.is_empty() {
                    resolved.clear();
                    resolved.push_str(path);
                } else if !resolve_from(&folder, target, resolved) {
                    last = None;
                    found(report("climbs above the site root".into()));
                    continue;
                }
                let known = has_file(resolved);
                match &mut last {
                    Some((previous, answer)) => {
                        previous.clear();
                        previous.push_str(target);
                        *answer = known;
                    }
                    None => last = Some((target.to_owned(), known)),
                }
                known
            }
        };
        let resolved = resolved_buffer.as_str();
        match known {
            Some(true) => {}
            Some(false) => {
                found(report(format!("no file {resolved} in the site")));
                continue;
            }
            None => {
                let pending =
                    Pending { line, link: link.as_ref().into(), resolved: resolved.into() };
                found(Found::Later(pending));
                continue;
            }
        }
        let Some(fragment) = fragment.filter(|f| !f.is_empty()) else { continue };
        match ids(resolved, fragment) {
            Lookup::Found | Lookup::NotAPage => {}
            Lookup::Missing => {
                found(report(format!("{resolved} has no element with id `{fragment}`")))
            }
            Lookup::Later => found(Found::Later(Pending {
                line,
                link: link.as_ref().into(),
                resolved: resolved.into(),
            })),
        }
    }
}

fn memchr_count(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
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

    /// `check_links` remembers the last target it resolved: a link repeating it, right after
    /// or after one that climbs above the root, is judged as the first was.
    #[test]
    fn repeated_targets_are_each_judged() {
        let broken = check(&[
            (
                "index.html",
                "<p id=\"a\"></p><a href=\"a/b.html#x\">1</a><a href=\"nope.html\">2</a>\n<a href=\"nope.html#y\">3</a><a href=\"../up.html\">4</a><a href=\"../up.html\">5</a>\n<a href=\"nope.html\">6</a><a href=\"#a\">7</a><a href=\"#b\">8</a><a href=\"a/b.html#x\">9</a><a href=\"a/b.html#z\">10</a>",
            ),
            (
                "a/b.html",
                "<p id=\"x\"></p><a href=\"../index.html#a\">i</a><a href=\"../index.html#c\">j</a>",
            ),
        ]);
        let shown: Vec<String> =
            broken.iter().map(|b| format!("{}:{} {}", b.file, b.line, b.link)).collect();
        assert_eq!(
            shown,
            [
                "index.html:1 nope.html",
                "index.html:2 nope.html#y",
                "index.html:2 ../up.html",
                "index.html:2 ../up.html",
                "index.html:3 nope.html",
                "index.html:3 #b",
                "index.html:3 a/b.html#z",
                "a/b.html:1 ../index.html#c",
            ]
        );
    }

    #[test]
    fn attributes_are_read_in_one_pass_with_either_quote() {
        let html = "<a href=\"a.html\" title='x href=\"no.html\"'><img src='b.png' data-src=\"c\"> <p id=\"i\">x=\"y\"</p><a  href=\"c.html#f\">";
        let values: Vec<&str> =
            attributes_named(html, &["href", "src"]).into_iter().map(|(_, v)| v).collect();
        assert_eq!(values, ["a.html", "b.png", "c.html#f"]);
        assert_eq!(attributes(html, "id"), [(html.find("i\"").unwrap(), "i")]);
    }

    /// The pages of `finds_missing_pages_anchors_and_absolute_links` and one more, checked
    /// page by page as they are made (each seeing only the site's file names and its own ids),
    /// then against every page's ids: the same broken links as the check of the whole site.
    #[test]
    fn a_scan_per_page_finds_what_the_check_of_every_page_finds() {
        let pages = [
            (
                "index.html",
                "<a href=\"ports/443.html#u\">x</a>\n<a href=\"/abs.html\">y</a>\n<a href=\"ports/443.html#gone\">g</a>",
            ),
            (
                "ports/443.html",
                "<p id=\"u\"></p><a href=\"../index.html\">home</a>\n<a href=\"../nope.html\">n</a><a href=\"#missing\">m</a>\n<a href=\"../../up.html\">u</a><a href=\"#u\">u</a><img src=\"../site.css#x\">",
            ),
        ];
        let files = ["index.html", "ports/443.html", "site.css"];
        let whole = Targets::new(files, &pages).check(&pages);
        let scans: Vec<PageScan> = pages
            .iter()
            .map(|(path, html)| {
                PageScan::new(
                    path,
                    html,
                    |f| Some(files.contains(&f)),
                    |p| pages.iter().any(|(q, _)| *q == p),
                )
            })
            .collect();
        let targets = Targets::from_ids(
            files,
            pages.iter().zip(&scans).map(|((path, _), scan)| {
                (*path, scan.ids.iter().map(|id| Cow::Borrowed(&**id)).collect())
            }),
        );
        let scanned: Vec<BrokenLink> = pages
            .iter()
            .zip(&scans)
            .flat_map(|((path, _), scan)| scan.broken(path, &targets))
            .collect();
        let shown = |b: &[BrokenLink]| b.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(shown(&scanned), shown(&whole));
        assert_eq!(
            shown(&scanned),
            [
                "index.html:2: error[broken-link]: `/abs.html`: absolute path; internal links must be relative so the site works from file:// and a project path",
                "index.html:3: error[broken-link]: `ports/443.html#gone`: ports/443.html has no element with id `gone`",
                "ports/443.html:2: error[broken-link]: `../nope.html`: no file nope.html in the site",
                "ports/443.html:2: error[broken-link]: `#missing`: ports/443.html has no element with id `missing`",
                "ports/443.html:3: error[broken-link]: `../../up.html`: climbs above the site root",
            ]
        );
    }

    /// A link to another page's element is not settled by the scan of the page that holds it:
    /// that page may not be made yet. Its id is looked up once every page's are known.
    #[test]
    fn a_link_to_another_pages_element_waits_for_its_ids() {
        let scan = PageScan::new("a.html", "<a href=\"b.html#x\">", |_| Some(true), |_| true);
        let with = |ids: &[&'static str]| {
            Targets::from_ids(
                ["a.html", "b.html"],
                [("b.html", ids.iter().map(|i| Cow::Borrowed(*i)).collect())],
            )
        };
        assert_eq!(scan.broken("a.html", &with(&["x"])), []);
        let broken = scan.broken("a.html", &with(&["y"]));
        assert_eq!(broken.len(), 1, "{broken:?}");
        assert!(broken[0].reason.contains("b.html has no element with id `x`"));
    }

    /// A page made before the exports are written cannot tell a link to a missing file from one
    /// to an export not written yet: it is settled once every file is known.
    #[test]
    fn a_link_to_a_file_not_known_yet_waits_for_every_file() {
        let html = "<link href=\"assets/site.css\">\n<script src=\"assets/gone.js\"></script>";
        let scan =
            PageScan::new("index.html", html, |f| (f == "index.html").then_some(true), |_| false);
        let targets = Targets::from_ids(["index.html", "assets/site.css"], []);
        let broken: Vec<String> =
            scan.broken("index.html", &targets).iter().map(ToString::to_string).collect();
        assert_eq!(
            broken,
            [
                "index.html:2: error[broken-link]: `assets/gone.js`: no file assets/gone.js in the site"
            ]
        );
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve("ports/443.html", "../index.html").as_deref(), Some("index.html"));
        assert_eq!(resolve("index.html", "ports/").as_deref(), Some("ports/index.html"));
        assert_eq!(resolve("index.html", "../x.html"), None);
    }

    /// `resolve` joins in one string what `util::join_path` joins through a list of parts.
    #[test]
    fn resolves_as_join_path_does() {
        let pages = ["index.html", "ports/443.html", "a/b/c.html", "a//b/c.html"];
        let targets = [
            "x.html",
            "../x.html",
            "../../x.html",
            "./y/../z.html",
            "y//z.html",
            "..",
            "../",
            "./",
            "",
        ];
        for page in pages {
            for target in targets {
                let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
                let expected = crate::util::join_path(folder, target).map(|mut path| {
                    if target.ends_with('/') || path.is_empty() {
                        if !path.is_empty() {
                            path.push('/');
                        }
                        path.push_str("index.html");
                    }
                    path
                });
                assert_eq!(resolve(page, target), expected, "{page} + {target}");
            }
        }
    }
}
