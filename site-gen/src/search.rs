//! The offline search index: built here, shipped as a classic script
//! (`assets/search-index.js`) that the search box loads on first use, so it works from
//! `file://` with no fetch. Each document is `[kind, title, url, text]`, rows add a fifth
//! element: the line shown under the title.

use anyhow::{Context, Result};
use portolan_core::model::Catalog;

use crate::site::SiteData;

pub fn index_js(catalog: &Catalog, site: &SiteData) -> Result<String> {
    let mut docs: Vec<Vec<String>> = Vec::new();
    for p in &catalog.platforms {
        let components: Vec<&str> = p.components.iter().map(|c| c.name.as_str()).collect();
        docs.push(vec![
            "platform".into(),
            p.title.clone(),
            crate::site::platform_url(&p.id),
            format!("{} {} {} {}", p.id, p.vendor.as_deref().unwrap_or(""), p.summary.as_deref().unwrap_or(""), components.join(" ")),
        ]);
    }
    for s in &site.services {
        let mut ports: Vec<&str> = s.uses.iter().map(|&i| site.reqs[i].ports.as_str()).collect();
        ports.sort_unstable();
        ports.dedup();
        let mut platforms: Vec<&str> = s.uses.iter().map(|&i| site.reqs[i].platform_title.as_str()).collect();
        platforms.sort_unstable();
        platforms.dedup();
        docs.push(vec!["service".into(), s.name.clone(), s.url.clone(), format!("{} {} {}", s.slug, ports.join(" "), platforms.join(" "))]);
    }
    for entry in &site.ports {
        let mut words: Vec<String> = entry.registrations.iter().map(|r| format!("{} {}", r.name, r.description)).collect();
        for &i in &entry.uses {
            let r = &site.reqs[i];
            words.push(r.service_name.clone().unwrap_or_default());
        }
        words.sort();
        words.dedup();
        let title = if entry.range.is_single() { format!("Port {}", entry.label) } else { format!("Ports {}", entry.label) };
        docs.push(vec!["port".into(), title, entry.url.clone(), format!("{} {}", entry.key, words.join(" ").trim())]);
    }
    for r in &site.reqs {
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
        docs.push(vec!["row".into(), title, r.row_url.clone(), squeeze(&text), shown]);
    }
    let json = serde_json::to_string(&docs).context("cannot serialise the search index")?;
    Ok(format!("window.PORTOLAN_SEARCH = {{\"v\":1,\"docs\":{}}};\n", json.replace('<', "\\u003c")))
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
