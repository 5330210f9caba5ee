//! The offline search index: built here, shipped as classic scripts that the search box loads
//! on first use, so it works from `file://` with no fetch. Each document is
//! `[kind, title, url, text]`, rows add a fifth element: their platform's title, shown under
//! the title and matched only alongside another term (`site.js`).
//!
//! A row is a compact reference, as everywhere but its platform page: port/transport and
//! component as the title, section, service, application protocol and exposure as the text.
//! Its full text (purpose, peer, condition) is on the platform page and in the catalog.
//!
//! A small site ships one script, `assets/search-index.js`, with every document. A large one
//! (more than [`INLINE_DOCS`] port and row documents) would make that script tens of
//! megabytes, so it is sharded by port number: the main script keeps the platforms and the
//! services and names the parts (`row_parts`); each part of the port space
//! ([`SEARCH_SPAN`] ports) gets `assets/search-rows-N.js` with its ports and rows, and what
//! spans more than one part (wide ranges) is written once, in `assets/search-rows-wide.js`.
//! The page loads the part of a port number in the query, and the wide ranges.

use std::borrow::Cow;
use std::collections::BTreeMap;

use anyhow::Result;
use portolan_core::model::Catalog;
use rayon::prelude::*;

use std::path::Path;

use crate::cache::Digest;
use crate::kept_texts;
use crate::site::{ReqView, SiteData};

/// Ports per search shard. The port index's parts (4,096 ports) made one shard of 28 MB at
/// 10,000 documents for every query below 4096 (22, 443); 64 keeps the busiest shard a few MB
/// and puts under 4% of rows (ranges across a boundary) in the wide shard.
pub const SEARCH_SPAN: u32 = 64;

fn part_of(port: u16) -> usize {
    (u32::from(port) / SEARCH_SPAN) as usize
}

/// Port and row documents kept in the main script; past this, they move to the parts.
pub const INLINE_DOCS: usize = 25_000;

/// The main index (path, text) and, for a large site, one script per part of the port space.
/// With `kept` (an edit rebuild's cache folder and each platform's [`rows_key`]), the row
/// documents of a platform whose rows are unchanged are the last build's.
pub fn index_files(
    catalog: &Catalog,
    site: &SiteData,
    kept: Option<(&Path, &[Digest])>,
) -> Result<Vec<(String, String)>> {
    index_files_inlining(catalog, site, INLINE_DOCS, kept)
}

/// The key of a platform's row documents (and of its flow diagram in the markdown cache): its
/// rows as the site shows them, and their port ranges (not serialised with the rows).
pub fn rows_key(site: &SiteData, platform: &str) -> Digest {
    let rows: Vec<&ReqView> = site.reqs_of(platform).collect();
    let ranges: Vec<(u16, u16)> = rows.iter().map(|r| (r.range.start(), r.range.end())).collect();
    crate::fingerprint::of(&(rows, ranges))
}

/// A row's search document, and the parts of the port space it covers.
fn row_doc(r: &ReqView) -> (String, (usize, usize)) {
    // "{ports}/{transport} · {component}", pushed: `format!` was a fifth of the row documents.
    let transport = r.transport.unwrap_or("?");
    let mut title =
        String::with_capacity(r.ports.len() + transport.len() + r.component_name.len() + 5);
    for part in [r.ports.as_str(), "/", transport, " · ", r.component_name.as_str()] {
        title.push_str(part);
    }
    let mut text = String::new();
    squeeze_into(
        [
            r.section.as_str(),
            r.app_protocol.as_deref().unwrap_or(""),
            r.service_name.as_deref().unwrap_or(""),
            r.exposure.unwrap_or(""),
        ],
        &mut text,
    );
    let doc = doc(&["row", &title, &r.row_url, &text, &r.platform_title]);
    (doc, (part_of(r.range.start()), part_of(r.range.end())))
}

/// Every row's document in `site.reqs` order. With `kept`, per platform: the last build's
/// documents when its key is known, else made and kept for the next build. The cache is used
/// only when `site.reqs` holds each platform's rows together in catalog order (as
/// `SiteData::new` makes them), so the documents come out in the same order.
fn row_docs(
    catalog: &Catalog,
    site: &SiteData,
    kept: Option<(&Path, &[Digest])>,
) -> Vec<(String, (usize, usize))> {
    let made = || site.reqs.par_iter().map(row_doc).collect();
    let Some((dir, runs)) =
        kept.and_then(|(dir, keys)| Some((dir, kept_texts::row_runs(catalog, site, keys)?)))
    else {
        return made();
    };
    let docs = kept_texts::per_row(&runs, dir, kept_texts::SEARCH_ROWS, |r| row_doc(r).0);
    docs.into_iter()
        .zip(&runs)
        .flat_map(|(docs, (rows, _))| {
            docs.into_iter()
                .zip(rows.iter())
                .map(|(doc, r)| (doc, (part_of(r.range.start()), part_of(r.range.end()))))
        })
        .collect()
}

fn index_files_inlining(
    catalog: &Catalog,
    site: &SiteData,
    inline_docs: usize,
    kept: Option<(&Path, &[Digest])>,
) -> Result<Vec<(String, String)>> {
    // Each document is written as its JSON array as soon as it is made: the index was a
    // vector of vectors of strings, serialised afterwards, each string made and copied twice.
    let mut main: Vec<String> = Vec::new();
    for p in &catalog.platforms {
        let components: Vec<&str> = p.components.iter().map(|c| c.name.as_str()).collect();
        main.push(doc(&[
            "platform",
            &p.title,
            &portolan_core::site_path::platform_page(&p.id),
            &format!(
                "{} {} {} {}",
                p.id,
                p.vendor.as_deref().unwrap_or(""),
                p.summary.as_deref().unwrap_or(""),
                components.join(" ")
            ),
        ]));
    }
    for s in &site.services {
        let mut ports: Vec<&str> = s.uses.iter().map(|&i| site.reqs[i].ports.as_str()).collect();
        ports.sort_unstable();
        ports.dedup();
        // No platform titles: a query naming a platform finds the platform.
        main.push(doc(&["service", &s.name, &s.url, &format!("{} {}", s.slug, ports.join(" "))]));
    }
    // Port and row documents, each with the parts of the port space it covers.
    let mut by_port: Vec<(String, (usize, usize))> =
        Vec::with_capacity(site.ports.len() + site.reqs.len());
    for entry in &site.ports {
        // Borrowed where the words are the rows' own (a port has many rows, few words).
        let mut words: Vec<Cow<'_, str>> = entry
            .registrations
            .iter()
            .map(|r| Cow::Owned(format!("{} {}", r.name, r.description)))
            .collect();
        for &i in &entry.uses {
            let Some(r) = site.reqs.get(i) else { continue };
            words.push(Cow::Borrowed(r.service_name.as_deref().unwrap_or_default()));
            // The transports, so `443/udp` can tell a port used over UDP from one over TCP only.
            let transport = r.transport.unwrap_or("");
            words.push(match transport.contains('+') {
                true => Cow::Owned(transport.replace('+', " ")),
                false => Cow::Borrowed(transport),
            });
        }
        words.sort();
        words.dedup();
        let title = if entry.range.is_single() {
            format!("Port {}", entry.label)
        } else {
            format!("Ports {}", entry.label)
        };
        let text = format!("{} {}", entry.key, words.join(" ").trim());
        let doc = doc(&["port", &title, &entry.url, &text]);
        by_port.push((doc, (part_of(entry.range.start()), part_of(entry.range.end()))));
    }
    // Row documents (one per requirement, the bulk of the index): made on every core, or kept.
    let rows = row_docs(catalog, site, kept);
    by_port.extend(rows);
    if by_port.len() <= inline_docs {
        let docs = main.iter().chain(by_port.iter().map(|(doc, _)| doc));
        return Ok(vec![(
            "assets/search-index.js".into(),
            script("window.PORTOLAN_SEARCH = {\"v\":1,\"docs\":", docs, "};\n"),
        )]);
    }
    // A range within one part goes there; a wider one into the wide shard, once.
    let mut parts: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
    let mut wide: Vec<&String> = Vec::new();
    for (doc, (first, last)) in &by_port {
        if first == last {
            parts.entry(*first).or_default().push(doc);
        } else {
            wide.push(doc);
        }
    }
    let names: Vec<String> = parts.keys().map(usize::to_string).collect();
    let mut files = vec![(
        "assets/search-index.js".to_owned(),
        script(
            "window.PORTOLAN_SEARCH = {\"v\":1,\"docs\":",
            main.iter(),
            &format!(
                ",\"row_parts\":{{\"span\":{SEARCH_SPAN},\"parts\":[{}],\"wide\":{}}}}};\n",
                names.join(","),
                !wide.is_empty()
            ),
        ),
    )];
    let shards: Vec<(String, Vec<&String>)> = parts
        .into_iter()
        .map(|(part, docs)| (part.to_string(), docs))
        .chain((!wide.is_empty()).then(|| ("\"wide\"".to_owned(), wide)))
        .collect();
    let scripts: Vec<(String, String)> = shards
        .into_par_iter()
        .map(|(key, docs)| {
            let head = format!(
                "(window.PORTOLAN_SEARCH_ROWS = window.PORTOLAN_SEARCH_ROWS || {{}})[{key}] = "
            );
            let name = key.trim_matches('"');
            (format!("assets/search-rows-{name}.js"), script(&head, docs.into_iter(), ";\n"))
        })
        .collect();
    files.extend(scripts);
    Ok(files)
}

/// One document as its JSON array of strings.
fn doc(fields: &[&str]) -> String {
    let mut out = String::with_capacity(fields.iter().map(|f| f.len() + 3).sum::<usize>() + 2);
    out.push('[');
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        portolan_core::emit::json_text::write_str(&mut out, field);
    }
    out.push(']');
    out
}

/// `head` + the documents (JSON arrays) as one JSON array, with `<` escaped so no `</script`
/// can appear, + `tail`.
fn script<'a>(head: &str, docs: impl Iterator<Item = &'a String> + Clone, tail: &str) -> String {
    let mut json = String::with_capacity(docs.clone().map(|d| d.len() + 1).sum::<usize>() + 2);
    json.push('[');
    for (i, doc) in docs.enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(doc);
    }
    json.push(']');
    crate::util::script_of_json(head, &json, tail)
}

/// The words of `texts` joined by single spaces (runs of whitespace, and empty texts, squeezed).
fn squeeze_into<'a>(texts: impl IntoIterator<Item = &'a str>, out: &mut String) {
    for word in texts.into_iter().flat_map(str::split_whitespace) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use portolan_core::extract::{Document, build_catalog};

    use super::*;
    use crate::iana::Registry;
    use crate::services::Vocabulary;

    const DOC: &str = "+++\ntitle = \"Alpha\"\nplatform = \"alpha\"\n+++\n\n## Web\n\n| Port | Protocol | Purpose |\n| --- | --- | --- |\n| 443 | TCP | Web UI |\n| 5000-9000 | TCP | Workers |\n| 40000 | UDP | Media |\n";

    fn files(inline: usize) -> Vec<(String, String)> {
        let build = build_catalog(&[Document { path: "alpha.md", bytes: DOC.as_bytes() }]);
        let site = SiteData::new(&build.catalog, &Vocabulary::builtin(), &Registry::builtin());
        index_files_inlining(&build.catalog, &site, inline, None).expect("index")
    }

    /// An edit rebuild makes the row documents of changed platforms and keeps the others':
    /// the index equals a clean build's after a row moves and a platform comes, and kept
    /// documents are used only under their platform's rows' key.
    #[test]
    fn kept_row_documents_are_made_again_when_their_rows_change() {
        let dir = std::env::temp_dir().join(format!("portolan-search-rows-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let beta = DOC.replace("alpha", "beta").replace("Alpha", "Beta");
        let index = |docs: &[(&str, &str)], kept: bool| {
            let documents: Vec<Document<'_>> =
                docs.iter().map(|(path, text)| Document { path, bytes: text.as_bytes() }).collect();
            let catalog = build_catalog(&documents).catalog;
            let site = SiteData::new(&catalog, &Vocabulary::builtin(), &Registry::builtin());
            let keys: Vec<Digest> =
                catalog.platforms.iter().map(|p| rows_key(&site, &p.id)).collect();
            let kept = kept.then_some((dir.as_path(), keys.as_slice()));
            // Sharded (no inlining), as a large site is.
            index_files_inlining(&catalog, &site, 0, kept).expect("index")
        };
        let first = [("alpha.md", DOC), ("beta.md", beta.as_str())];
        assert_eq!(index(&first, true), index(&first, false));
        let moved = DOC.replace("| 443 |", "| 8443 |");
        let gamma = DOC.replace("alpha", "gamma").replace("Alpha", "Gamma");
        let edited = [
            ("alpha.md", moved.as_str()),
            ("beta.md", beta.as_str()),
            ("gamma.md", gamma.as_str()),
        ];
        let clean = index(&edited, false);
        assert_eq!(index(&edited, true), clean);
        assert_eq!(index(&edited, true), clean, "all kept");
        // What is kept is used: documents kept under beta's key stand for its rows.
        let documents: Vec<Document<'_>> =
            edited.iter().map(|(path, text)| Document { path, bytes: text.as_bytes() }).collect();
        let catalog = build_catalog(&documents).catalog;
        let site = SiteData::new(&catalog, &Vocabulary::builtin(), &Registry::builtin());
        let texts: Vec<(Digest, Vec<String>)> = catalog
            .platforms
            .iter()
            .map(|p| {
                let rows = site.reqs_of(&p.id).count();
                let docs = match p.id.as_str() {
                    "beta" => (0..rows).map(|i| format!("[\"kept {i}\"]")).collect(),
                    _ => site.reqs_of(&p.id).map(|r| row_doc(r).0).collect(),
                };
                (rows_key(&site, &p.id), docs)
            })
            .collect();
        kept_texts::Kept::<Vec<String>>::save(
            &dir,
            kept_texts::SEARCH_ROWS,
            texts.iter().map(|(k, d)| (*k, d)),
        );
        let index = index(&edited, true);
        assert!(index.iter().any(|(_, text)| text.contains("[\"kept 0\"]")), "{index:?}");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_small_site_has_one_script_with_every_document() {
        let files = files(INLINE_DOCS);
        assert_eq!(files.len(), 1);
        assert!(files[0].1.contains("ports/443.html") && files[0].1.contains("alpha.html#"));
        assert!(!files[0].1.contains("row_parts"));
    }

    /// "postgres" found every row of a platform whose title says PostgreSQL, ahead of the
    /// service: a row's platform title is its fifth element (shown, and matched by `site.js`
    /// only alongside another term), never part of its text.
    #[test]
    fn postgres_in_a_platform_title_is_not_in_its_rows_text() {
        let doc = DOC.replace("title = \"Alpha\"", "title = \"Alpha (PostgreSQL)\"");
        let build = build_catalog(&[Document { path: "alpha.md", bytes: doc.as_bytes() }]);
        let site = SiteData::new(&build.catalog, &Vocabulary::builtin(), &Registry::builtin());
        let files = index_files_inlining(&build.catalog, &site, INLINE_DOCS, None).expect("index");
        let json = files[0]
            .1
            .strip_prefix("window.PORTOLAN_SEARCH = ")
            .and_then(|t| t.trim_end().strip_suffix(';'))
            .expect("the index script");
        let index: serde_json::Value = serde_json::from_str(json).expect("json");
        let docs = index["docs"].as_array().expect("docs");
        let rows: Vec<&serde_json::Value> = docs.iter().filter(|d| d[0] == "row").collect();
        assert_eq!(rows.len(), 3);
        for row in rows {
            assert!(!row[3].as_str().unwrap_or("").contains("PostgreSQL"), "{row}");
            assert_eq!(row[4], "Alpha (PostgreSQL)");
            // A compact reference: port/transport · component, no purpose.
            assert!(!row[1].as_str().unwrap_or("").contains("Web UI"), "{row}");
        }
        let port_443 = docs.iter().find(|d| d[2] == "ports/443.html").expect("port 443");
        assert!(port_443[3].as_str().unwrap_or("").contains("tcp"), "{port_443}");
    }

    /// A 10,000-document corpus made a 160 MB search script; past the limit, ports and rows go
    /// to one script per part of the port space, ranges to every part they span.
    #[test]
    fn a_large_site_shards_ports_and_rows_by_port_number() {
        let files = files(0);
        let main = &files[0].1;
        assert!(
            main.contains("\"row_parts\":{\"span\":64,\"parts\":[6,625],\"wide\":true}"),
            "{main}"
        );
        assert!(main.contains("platforms/alpha.html") && !main.contains("ports/443.html"));
        let part_named = |n: &str| {
            files
                .iter()
                .find(|(p, _)| *p == format!("assets/search-rows-{n}.js"))
                .map(|(_, t)| t.as_str())
                .unwrap_or("")
        };
        let part = |n: usize| part_named(&n.to_string());
        assert!(
            part(6).starts_with(
                "(window.PORTOLAN_SEARCH_ROWS = window.PORTOLAN_SEARCH_ROWS || {})[6] = ["
            ) && part(6).contains("ports/443.html")
        );
        // 5000-9000 spans parts 78 to 140: written once, in the wide shard, and in no part.
        let wide = part_named("wide");
        assert!(wide.starts_with(
            "(window.PORTOLAN_SEARCH_ROWS = window.PORTOLAN_SEARCH_ROWS || {})[\"wide\"] = ["
        ));
        assert_eq!(wide.matches("\"ports/5000-9000.html\"").count(), 1, "{wide}");
        assert!(files.iter().all(|(_, t)| t == wide || !t.contains("ports/5000-9000.html")));
        assert!(part(625).contains("ports/40000.html") && !part(625).contains("443.html"));
    }
}
