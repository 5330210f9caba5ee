//! Machine-readable exports: `catalog.json` (the checker's input), `assets/catalog.js`,
//! `ports.csv`, per-platform JSON and CSV, `sitemap.xml` and `robots.txt`.

use anyhow::{Context, Result};
use portolan_core::model::{CATALOG_SCHEMA_VERSION, Catalog, Platform};
use serde::Serialize;

use crate::site::ReqView;
use crate::util::csv_row;

/// Compact JSON (no indentation): pretty-printing made the catalog about twice as large, and it
/// grows with every document (45 MB for the 1,000-document bench corpus).
pub fn catalog_json(catalog: &Catalog) -> Result<String> {
    let mut text = serde_json::to_string(catalog).context("cannot serialise the catalog")?;
    text.push('\n');
    Ok(text)
}

/// The catalog as a classic script, so pages opened from `file://` can load it without fetch.
pub fn catalog_js(catalog: &Catalog) -> Result<String> {
    Ok(catalog_js_from(&serde_json::to_string(catalog).context("cannot serialise the catalog")?))
}

/// `catalog_js` from the catalog's JSON text.
pub fn catalog_js_from(json: &str) -> String {
    // `</script` cannot occur in JSON outside strings, and inside strings `<` is escaped here.
    crate::util::script_of_json("window.PORTOLAN_CATALOG = ", json.trim_end(), ";\n")
}

#[derive(Serialize)]
struct PlatformExport<'a> {
    schema_version: u32,
    platform: &'a Platform,
}

pub fn platform_json(platform: &Platform) -> Result<String> {
    let mut text =
        serde_json::to_string(&PlatformExport { schema_version: CATALOG_SCHEMA_VERSION, platform })
            .with_context(|| format!("cannot serialise platform {}", platform.id))?;
    text.push('\n');
    Ok(text)
}

/// `catalog.json`, `assets/catalog.js` and every `platforms/ID.json` from one serialisation of
/// each platform (on every core), byte for byte what the functions above write: the three
/// held the same data, serialised three times.
pub struct CatalogExports {
    pub catalog_json: String,
    pub catalog_js: String,
    /// In catalog order.
    pub platform_json: Vec<String>,
}

pub fn catalog_exports(catalog: &Catalog) -> Result<CatalogExports> {
    use rayon::prelude::*;
    let parts: Vec<String> = catalog
        .platforms
        .par_iter()
        .map(|p| {
            serde_json::to_string(p).with_context(|| format!("cannot serialise platform {}", p.id))
        })
        .collect::<Result<_>>()?;
    let mut json = format!("{{\"schema_version\":{},\"platforms\":[", catalog.schema_version);
    json.reserve(parts.iter().map(|p| p.len() + 1).sum::<usize>() + 3);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(part);
    }
    json.push_str("]}");
    let catalog_js = catalog_js_from(&json);
    json.push('\n');
    let platform_json = parts
        .into_par_iter()
        .map(|p| format!("{{\"schema_version\":{CATALOG_SCHEMA_VERSION},\"platform\":{p}}}\n"))
        .collect();
    Ok(CatalogExports { catalog_json: json, catalog_js, platform_json })
}

const CSV_HEADER: [&str; 16] = [
    "platform",
    "component",
    "ports",
    "protocol",
    "app_protocol",
    "direction",
    "peer",
    "necessity",
    "condition",
    "exposure",
    "purpose",
    "service",
    "section",
    "file",
    "line",
    "id",
];

/// Requirements as CSV, one row each, in catalog order.
pub fn requirements_csv<'a>(reqs: impl IntoIterator<Item = &'a ReqView>) -> String {
    let mut out = String::new();
    csv_row(CSV_HEADER, &mut out);
    for r in reqs {
        let line = r.line.to_string();
        csv_row(
            [
                r.platform.as_str(),
                r.component.as_str(),
                r.ports.as_str(),
                r.transport.unwrap_or(""),
                r.app_protocol.as_deref().unwrap_or(""),
                r.direction.unwrap_or(""),
                r.peer.as_deref().unwrap_or(""),
                r.necessity.unwrap_or(""),
                r.condition.as_deref().unwrap_or(""),
                r.exposure.unwrap_or(""),
                r.purpose.as_deref().unwrap_or(""),
                r.service_name.as_deref().unwrap_or(""),
                r.section.as_str(),
                r.file.as_str(),
                line.as_str(),
                r.id.as_str(),
            ],
            &mut out,
        );
    }
    out
}

/// `sitemap.xml`: absolute URLs when the site URL is known, else root-relative paths.
pub fn sitemap(pages: &[String], site_url: Option<&str>) -> String {
    let base = site_url
        .map(|u| if u.ends_with('/') { u.to_owned() } else { format!("{u}/") })
        .unwrap_or_default();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        let page = if page == "index.html" { "" } else { page.as_str() };
        out.push_str("  <url><loc>");
        crate::util::html_text_into(&format!("{base}{page}"), &mut out);
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(site_url: Option<&str>) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = site_url {
        let base = url.trim_end_matches('/');
        out.push_str(&format!("Sitemap: {base}/sitemap.xml\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use portolan_core::extract::{Document, build_catalog};

    use super::*;

    #[test]
    fn one_serialisation_gives_the_same_bytes_as_three() {
        let docs = [
            "+++\ntitle = \"Alpha <b>\"\nplatform = \"alpha\"\n+++\n\n| Port | Protocol | Purpose |\n| --- | --- | --- |\n| 443 | TCP | Web </script> |\n",
            "+++\ntitle = \"Beta\"\nplatform = \"beta\"\n+++\n\n| Port | Protocol |\n| --- | --- |\n| 22 | TCP |\n",
        ];
        let documents: Vec<Document<'_>> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| Document {
                path: if i == 0 { "a.md" } else { "b.md" },
                bytes: d.as_bytes(),
            })
            .collect();
        let catalog = build_catalog(&documents).catalog;
        let exports = catalog_exports(&catalog).unwrap();
        assert_eq!(exports.catalog_json, catalog_json(&catalog).unwrap());
        assert_eq!(exports.catalog_js, catalog_js(&catalog).unwrap());
        let each: Vec<String> =
            catalog.platforms.iter().map(|p| platform_json(p).unwrap()).collect();
        assert_eq!(exports.platform_json, each);
    }
}
