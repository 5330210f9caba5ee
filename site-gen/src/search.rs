//! The offline search index: built here, shipped as classic scripts that the search box loads
//! on first use, so it works from `file://` with no fetch. Each document is
//! `[kind, title, url, text]`, rows add a fifth element: the line shown under the title.
//!
//! A small site ships one script, `assets/search-index.js`, with every document. A large one
//! (more than [`INLINE_DOCS`] port and row documents) would make that script tens of
//! megabytes, so it is sharded by port number: the main script keeps the platforms and the
//! services and names the parts (`row_parts`); each part of the port space
//! (`site::PART_SPAN` ports) gets `assets/search-rows-N.js` with its ports and rows, which the
//! page loads when a query contains a port number in that part.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use portolan_core::model::Catalog;
use rayon::prelude::*;

use crate::site::{PART_SPAN, SiteData, part_of};

/// Port and row documents kept in the main script; past this, they move to the parts.
pub const INLINE_DOCS: usize = 25_000;

/// The main index (path, text) and, for a large site, one script per part of the port space.
pub fn index_files(catalog: &Catalog, site: &SiteData) -> Result<Vec<(String, String)>> {
    index_files_inlining(catalog, site, INLINE_DOCS)
}

fn index_files_inlining(
    catalog: &Catalog,
    site: &SiteData,
    inline_docs: usize,
) -> Result<Vec<(String, String)>> {
    let mut main: Vec<Vec<String>> = Vec::new();
    for p in &catalog.platforms {
        let components: Vec<&str> = p.components.iter().map(|c| c.name.as_str()).collect();
        main.push(vec![
            "platform".into(),
            p.title.clone(),
            crate::site::platform_url(&p.id),
            format!(
                "{} {} {} {}",
                p.id,
                p.vendor.as_deref().unwrap_or(""),
                p.summary.as_deref().unwrap_or(""),
                components.join(" ")
            ),
        ]);
    }
    for s in &site.services {
        let mut ports: Vec<&str> = s.uses.iter().map(|&i| site.reqs[i].ports.as_str()).collect();
        ports.sort_unstable();
        ports.dedup();
        let mut platforms: Vec<&str> =
            s.uses.iter().map(|&i| site.reqs[i].platform_title.as_str()).collect();
        platforms.sort_unstable();
        platforms.dedup();
        main.push(vec![
            "service".into(),
            s.name.clone(),
            s.url.clone(),
            format!("{} {} {}", s.slug, ports.join(" "), platforms.join(" ")),
        ]);
    }
    // Port and row documents, each with the parts of the port space it covers.
    let mut by_port: Vec<(Vec<String>, (usize, usize))> =
        Vec::with_capacity(site.ports.len() + site.reqs.len());
    for entry in &site.ports {
        let mut words: Vec<String> =
            entry.registrations.iter().map(|r| format!("{} {}", r.name, r.description)).collect();
        for &i in &entry.uses {
            words.push(site.reqs[i].service_name.clone().unwrap_or_default());
        }
        words.sort();
        words.dedup();
        let title = if entry.range.is_single() {
            format!("Port {}", entry.label)
        } else {
            format!("Ports {}", entry.label)
        };
        let doc = vec![
            "port".into(),
            title,
            entry.url.clone(),
            format!("{} {}", entry.key, words.join(" ").trim()),
        ];
        by_port.push((doc, (part_of(entry.range.start()), part_of(entry.range.end()))));
    }
    // Row documents (one per requirement, the bulk of the index) are made on every core.
    let rows: Vec<(Vec<String>, (usize, usize))> = site
        .reqs
        .par_iter()
        .map(|r| {
            let title = format!(
                "{}/{} {} · {}",
                r.ports,
                r.transport.unwrap_or("?"),
                r.purpose.as_deref().unwrap_or(&r.section),
                r.component_name
            );
            let text = format!(
                "{} {} {} {} {} {}",
                r.platform_title,
                r.section,
                r.app_protocol.as_deref().unwrap_or(""),
                r.peer.as_deref().unwrap_or(""),
                r.service_name.as_deref().unwrap_or(""),
                r.exposure.unwrap_or("")
            );
            let shown = format!("{} · {}", r.platform_title, r.section);
            let doc = vec!["row".into(), title, r.row_url.clone(), squeeze(&text), shown];
            (doc, (part_of(r.range.start()), part_of(r.range.end())))
        })
        .collect();
    by_port.extend(rows);
    if by_port.len() <= inline_docs {
        main.extend(by_port.into_iter().map(|(doc, _)| doc));
        return Ok(vec![(
            "assets/search-index.js".into(),
            script("window.PORTOLAN_SEARCH = {\"v\":1,\"docs\":", &main, "};\n")?,
        )]);
    }
    // A range goes into every part it spans, so a number inside it finds it.
    let mut parts: BTreeMap<usize, Vec<&Vec<String>>> = BTreeMap::new();
    for (doc, (first, last)) in &by_port {
        for part in *first..=*last {
            parts.entry(part).or_default().push(doc);
        }
    }
    let names: Vec<String> = parts.keys().map(usize::to_string).collect();
    let mut files = vec![(
        "assets/search-index.js".to_owned(),
        script(
            "window.PORTOLAN_SEARCH = {\"v\":1,\"docs\":",
            &main,
            &format!(
                ",\"row_parts\":{{\"span\":{PART_SPAN},\"parts\":[{}]}}}};\n",
                names.join(",")
            ),
        )?,
    )];
    let scripts: Vec<(String, String)> = parts
        .into_par_iter()
        .map(|(part, docs)| {
            let head = format!(
                "(window.PORTOLAN_SEARCH_ROWS = window.PORTOLAN_SEARCH_ROWS || {{}})[{part}] = "
            );
            Ok((format!("assets/search-rows-{part}.js"), script(&head, &docs, ";\n")?))
        })
        .collect::<Result<_>>()?;
    files.extend(scripts);
    Ok(files)
}

/// `head` + the documents as JSON (with `<` escaped, so no `</script` can appear) + `tail`.
fn script<T: serde::Serialize>(head: &str, docs: &T, tail: &str) -> Result<String> {
    let json = serde_json::to_string(docs).context("cannot serialise the search index")?;
    Ok(crate::util::script_of_json(head, &json, tail))
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
        index_files_inlining(&build.catalog, &site, inline).expect("index")
    }

    #[test]
    fn a_small_site_has_one_script_with_every_document() {
        let files = files(INLINE_DOCS);
        assert_eq!(files.len(), 1);
        assert!(files[0].1.contains("ports/443.html") && files[0].1.contains("alpha.html#"));
        assert!(!files[0].1.contains("row_parts"));
    }

    /// A 10,000-document corpus made a 160 MB search script; past the limit, ports and rows go
    /// to one script per part of the port space, ranges to every part they span.
    #[test]
    fn a_large_site_shards_ports_and_rows_by_port_number() {
        let files = files(0);
        let main = &files[0].1;
        assert!(main.contains("\"row_parts\":{\"span\":4096,\"parts\":[0,1,2,9]}"), "{main}");
        assert!(main.contains("platforms/alpha.html") && !main.contains("ports/443.html"));
        let part = |n: usize| {
            files
                .iter()
                .find(|(p, _)| *p == format!("assets/search-rows-{n}.js"))
                .map(|(_, t)| t.as_str())
                .unwrap_or("")
        };
        assert!(
            part(0).starts_with(
                "(window.PORTOLAN_SEARCH_ROWS = window.PORTOLAN_SEARCH_ROWS || {})[0] = ["
            ) && part(0).contains("ports/443.html")
        );
        for n in [1, 2] {
            assert!(part(n).contains("ports/5000-9000.html"), "the range spans part {n}");
        }
        assert!(part(9).contains("ports/40000.html") && !part(9).contains("443.html"));
    }
}
