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
    let json = serde_json::to_string(catalog).context("cannot serialise the catalog")?;
    // `</script` cannot occur in JSON outside strings, and inside strings `<` is escaped here.
    Ok(format!("window.PORTOLAN_CATALOG = {};\n", json.replace('<', "\\u003c")))
}

#[derive(Serialize)]
struct PlatformExport<'a> {
    schema_version: u32,
    platform: &'a Platform,
}

pub fn platform_json(platform: &Platform) -> Result<String> {
    let mut text = serde_json::to_string(&PlatformExport { schema_version: CATALOG_SCHEMA_VERSION, platform })
        .with_context(|| format!("cannot serialise platform {}", platform.id))?;
    text.push('\n');
    Ok(text)
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
    let base = site_url.map(|u| if u.ends_with('/') { u.to_owned() } else { format!("{u}/") }).unwrap_or_default();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in pages {
        let page = if page == "index.html" { "" } else { page.as_str() };
        out.push_str("  <url><loc>");
        crate::util::escape_html(&format!("{base}{page}"), &mut out);
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
