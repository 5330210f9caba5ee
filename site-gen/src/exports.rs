//! Machine-readable exports: `assets/catalog.js` (the catalog, the checker's input),
//! `assets/services.js` (the service each row was read as), `sitemap.xml` and `robots.txt`.
//!
//! One copy of each export: the catalog is written once, as the classic script the checker
//! loads (so it works from `file://`), packed and expanded by itself (`catalog_js`). `catalog.json` and each platform's JSON and CSV are made
//! in the page from it (`site.js`, `data-export`), not written beside it: at 10,000 documents
//! each copy was 280 MB (JSON) or 110 MB (CSV), and the offline bundle held them all again.
//! `ports.csv` is made in the page too (it was 6% of the site's bytes): the CSV format lives in
//! `site.js` (`platformCsv`), and the service column comes from `services.js`.

use anyhow::{Context, Result};
use portolan_core::model::{Catalog, Platform, packed};
use rayon::prelude::*;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

use crate::cache::Digest;
use crate::kept_texts::{self, Kept};

use portolan_core::emit::json_text::write_str;
use rustc_hash::FxHashMap;

use crate::site::ReqView;

/// Where the catalog is published, and the global it sets.
pub const CATALOG_SCRIPT: &str = "assets/catalog.js";

/// The catalog script around its packed JSON (`portolan_core::model::packed`): the function
/// that expands it into exactly `catalog.json`'s object before anything reads the global, then
/// the packed JSON on a line of its own (where `packed_of_script` finds it), then the call's
/// end. Objects are built key by key in the packed key order, so `JSON.stringify` of the global
/// is `catalog.json`'s text; a `__proto__` key is defined, not assigned, as `JSON.parse` does.
/// (Values of a place of mixed kinds stay JS literals, where `__proto__` would set a prototype:
/// the catalog has none, its keys being the model's field names.) The line continuations drop
/// the indentation below: the script ships unindented.
const CATALOG_HEAD: &str = "window.PORTOLAN_CATALOG = (function (packed) {\n\
  'use strict';\n\
  function expand(c, v) {\n\
    if (c === 0) return v;\n\
    var i, out;\n\
    if (c[0] === 1) return c[1][v];\n\
    if (c[0] === 4) return expand(v[0], v[1]);\n\
    if (c[0] === 2) {\n\
      out = new Array(v.length);\n\
      for (i = 0; i < v.length; i++) out[i] = expand(c[1], v[i]);\n\
      return out;\n\
    }\n\
    var keys = c[1], codecs = c[2], shape = c[3][v[0]], k;\n\
    out = {};\n\
    for (i = 0; i < shape.length; i++) {\n\
      k = shape[i];\n\
      if (keys[k] === '__proto__') {\n\
        Object.defineProperty(out, '__proto__', { value: expand(codecs[k], v[i + 1]), enumerable: true, writable: true, configurable: true });\n\
      } else out[keys[k]] = expand(codecs[k], v[i + 1]);\n\
    }\n\
    return out;\n\
  }\n\
  return expand(packed.codec, packed.value);\n\
})(\n";
const CATALOG_TAIL: &str = "\n);\n";

/// Each platform's JSON text, compact, on every core (the parts of [`catalog_json`]).
fn platform_jsons(catalog: &Catalog) -> Result<Vec<String>> {
    catalog
        .platforms
        .par_iter()
        .map(|p| {
            serde_json::to_string(p)
                .map(|json| without_nulls(&json))
                .with_context(|| format!("cannot serialise platform {}", p.id))
        })
        .collect()
}

/// The catalog's JSON text, compact (pretty-printing made it about twice as large, and `null`
/// fields were a quarter of the rest: an absent optional field reads as `None`, in serde and in
/// the checker's reader alike), from one serialisation of each platform on every core. This is
/// what `catalog.json` downloads hold (made in the page from the catalog script).
pub fn catalog_json(catalog: &Catalog) -> Result<String> {
    let parts = platform_jsons(catalog)?;
    let mut json = format!("{{\"schema_version\":{},\"platforms\":[", catalog.schema_version);
    json.reserve(parts.iter().map(|p| p.len() + 1).sum::<usize>() + 3);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(part);
    }
    json.push_str("]}");
    Ok(json)
}

/// `json` without its `,"field":null` members. Only object members can match: inside a JSON
/// string every `"` is escaped (`\"`), so no string holds `,"` followed by a field name and `":`.
fn without_nulls(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(found) = json[i..].find(",\"") {
        let start = i + found;
        let name_end = start
            + 2
            + bytes[start + 2..]
                .iter()
                .take_while(|b| b.is_ascii_lowercase() || **b == b'_')
                .count();
        let rest = &json[name_end..];
        if name_end > start + 2
            && rest.starts_with("\":null")
            && matches!(rest.as_bytes().get(6), Some(b',' | b'}'))
        {
            out.push_str(&json[copied..start]);
            copied = name_end + 6;
            i = copied;
        } else {
            i = start + 1;
        }
    }
    out.push_str(&json[copied..]);
    out
}

/// The catalog as a classic script, so pages opened from `file://` can load it without fetch:
/// packed (keys once per place, repeated strings once; 214 MB of JSON at 10,000 documents) and
/// expanded by the script itself into `catalog.json`'s object. With `kept` (the cache folder of
/// an edit rebuild and each platform's `kept_texts::platform_key`), unchanged platforms' packed
/// text is the last build's (`kept_texts`).
pub fn catalog_js(catalog: &Catalog, kept: Option<(&Path, &[Digest])>) -> Result<String> {
    let packed = packed_model(catalog, kept)?;
    // `</script` cannot occur in JSON outside strings, and inside strings `<` is escaped here.
    Ok(crate::util::script_of_json(CATALOG_HEAD, &packed, CATALOG_TAIL))
}

/// One platform packed (`packed::pack_platform`) from its serde form (`packed::tree_of`):
/// writing its JSON text to parse it again was two thirds of the packing.
fn pack_platform(index: usize, platform: &Platform) -> Result<String> {
    let tree = packed::tree_of(index, platform).context("cannot pack the catalog")?;
    Ok(packed::pack_platform(&tree))
}

/// The packed catalog, each platform packed on its own on every core; with `kept`, a platform
/// whose key (`kept_texts::platform_key`) the last build packed is not packed again. The same
/// text as `packed::pack_catalog` of the catalog's JSON (test `packing_the_model_is_packing_its_json`).
fn packed_model(catalog: &Catalog, kept: Option<(&Path, &[Digest])>) -> Result<String> {
    let Some((dir, keys)) = kept.filter(|(_, keys)| keys.len() == catalog.platforms.len()) else {
        let parts: Vec<String> = catalog
            .platforms
            .par_iter()
            .enumerate()
            .map(|(index, p)| pack_platform(index, p))
            .collect::<Result<_>>()?;
        return Ok(packed::catalog_of(catalog.schema_version, &parts));
    };
    let last: Kept<String> = Kept::load(dir, kept_texts::CATALOG);
    let texts = last.texts();
    let parts: Vec<(Digest, Cow<'_, str>)> = catalog
        .platforms
        .par_iter()
        .zip(keys)
        .enumerate()
        .map(|(index, (p, &key))| {
            Ok(match texts.get(&key) {
                Some(text) => (key, Cow::Borrowed(text.as_str())),
                None => (key, Cow::Owned(pack_platform(index, p)?)),
            })
        })
        .collect::<Result<_>>()?;
    let packed: Vec<&str> = parts.iter().map(|(_, text)| text.as_ref()).collect();
    let script = packed::catalog_of(catalog.schema_version, &packed);
    if parts.iter().any(|(_, text)| matches!(text, Cow::Owned(_))) || parts.len() != texts.len() {
        let texts = parts.iter().map(|(key, text)| (*key, text.as_ref()));
        Kept::<String>::save_changes(last.base_keys(), dir, kept_texts::CATALOG, texts);
    }
    Ok(script)
}

/// The catalog's JSON back from `catalog_js`'s text (what `catalog.json` downloads hold).
pub fn json_of_catalog_js(script: &str) -> Result<String> {
    let packed =
        packed::packed_of_script(script).context("no packed catalog line in the script")?;
    Ok(packed::unpack(packed)?)
}

/// Where the site's service reading of every row is published (for the CSV downloads made in
/// the page), and the global it sets.
pub const SERVICES_SCRIPT: &str = "assets/services.js";
const SERVICES_HEAD: &str = "window.PORTOLAN_SERVICES = ";

/// The service each row was read as, for the CSVs `site.js` makes from the catalog (`ports.csv`
/// and each platform's): `{"names": [...], "platforms": {id: [index into names, or -1, per
/// requirement in catalog order]}}`. A few bytes a row, where a written `ports.csv` was 186.
pub fn services_js(catalog: &Catalog, reqs: &[ReqView]) -> Result<String> {
    let by_id: FxHashMap<&str, &str> =
        reqs.iter().filter_map(|r| Some((r.id.as_str(), r.service_name.as_deref()?))).collect();
    let names: Vec<&str> = by_id.values().copied().collect::<BTreeSet<_>>().into_iter().collect();
    let index: FxHashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    // Written as serde_json wrote the object it was: keys sorted (`names`, `platforms`; the
    // platforms by id, a repeated id keeping its last platform), compact.
    let platforms: BTreeMap<&str, &Platform> =
        catalog.platforms.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut json = String::from("{\"names\":[");
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        write_str(&mut json, name);
    }
    json.push_str("],\"platforms\":{");
    for (i, (id, platform)) in platforms.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        write_str(&mut json, id);
        json.push_str(":[");
        for (j, r) in platform.requirements.iter().enumerate() {
            if j > 0 {
                json.push(',');
            }
            match by_id.get(r.id.as_str()).and_then(|n| index.get(n)) {
                Some(at) => {
                    let _ = write!(json, "{at}");
                }
                None => json.push_str("-1"),
            }
        }
        json.push(']');
    }
    json.push_str("}}");
    Ok(crate::util::script_of_json(SERVICES_HEAD, &json, ";\n"))
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
    fn packing_the_model_is_packing_its_json() {
        let corpus: Vec<(String, String)> = (0..150)
            .map(|i| {
                let doc = portolan_bench_gen::corpus::document(11, i);
                (format!("{}.md", doc.slug), doc.markdown())
            })
            .collect();
        let documents: Vec<Document<'_>> =
            corpus.iter().map(|(path, text)| Document { path, bytes: text.as_bytes() }).collect();
        let mut catalog = build_catalog(&documents).catalog;
        let shipped = crate::content::read_content_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"),
        )
        .expect("content");
        let shipped = crate::content::extract(&shipped).catalog;
        catalog.platforms.extend(shipped.platforms);
        let jsons = platform_jsons(&catalog).expect("json");
        let from_model = packed_model(&catalog, None).unwrap();
        assert!(
            from_model == packed::pack_catalog(1, &jsons).unwrap(),
            "the packed catalogs differ"
        );
        let empty = Catalog::new(Vec::new());
        assert_eq!(packed_model(&empty, None).unwrap(), packed::pack_catalog(1, &[]).unwrap());
    }

    /// An edit rebuild packs the changed platforms and keeps the others' text: the script
    /// equals a clean build's after a port moves, a platform goes and one comes, and a kept
    /// text is used only under its platform's key.
    #[test]
    fn a_kept_platform_is_packed_again_when_it_changes() {
        let dir =
            std::env::temp_dir().join(format!("portolan-catalog-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let corpus: Vec<(String, String)> = (0..6)
            .map(|i| {
                let doc = portolan_bench_gen::corpus::document(5, i);
                (format!("{}.md", doc.slug), doc.markdown())
            })
            .collect();
        let catalog_of = |corpus: &[(String, String)]| {
            let documents: Vec<Document<'_>> = corpus
                .iter()
                .map(|(path, text)| Document { path, bytes: text.as_bytes() })
                .collect();
            build_catalog(&documents).catalog
        };
        let first = catalog_of(&corpus);
        let keys = |catalog: &Catalog| -> Vec<Digest> {
            catalog.platforms.iter().map(kept_texts::platform_key).collect()
        };
        let kept = keys(&first);
        let kept = Some((dir.as_path(), kept.as_slice()));
        assert_eq!(packed_model(&first, kept).unwrap(), packed_model(&first, None).unwrap());
        let mut edited = first.clone();
        let port = &mut edited.platforms[2].requirements[0].ports;
        *port = portolan_core::model::PortRange::single(if port.start() == 9 { 10 } else { 9 })
            .unwrap();
        edited.platforms.remove(4);
        edited.platforms.push(catalog_of(&corpus[4..5]).platforms.remove(0));
        let clean = packed_model(&edited, None).unwrap();
        let edited_keys = keys(&edited);
        let kept = Some((dir.as_path(), edited_keys.as_slice()));
        assert_eq!(packed_model(&edited, kept).unwrap(), clean);
        assert_eq!(packed_model(&edited, kept).unwrap(), clean, "all kept");
        // What is kept is used: a text kept under platform 0's key stands for it.
        let texts: Vec<(Digest, String)> = edited
            .platforms
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let text =
                    if i == 0 { "[0,\"kept\"]".to_owned() } else { pack_platform(i, p).unwrap() };
                (kept_texts::platform_key(p), text)
            })
            .collect();
        Kept::<String>::save(
            &dir,
            kept_texts::CATALOG,
            texts.iter().map(|(key, text)| (*key, text.as_str())),
        );
        assert!(packed_model(&edited, kept).unwrap().contains("[[0,\"kept\"],"));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn nulls_go_but_strings_that_look_like_them_stay() {
        let json = r#"{"a":1,"b":null,"c":"x,\"d\":null,","e":null}"#;
        assert_eq!(without_nulls(json), r#"{"a":1,"c":"x,\"d\":null,"}"#);
        assert_eq!(without_nulls(r#"[{"a":null,"b":null}]"#), r#"[{"a":null}]"#);
    }

    #[test]
    fn the_catalog_script_holds_the_catalog_json_once() {
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
        let json = catalog_json(&catalog).unwrap();
        assert!(!json.contains(":null"), "{json}");
        let back: Catalog = serde_json::from_str(&json).expect("parses as a catalog");
        assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(&catalog).unwrap());
        let script = catalog_js(&catalog, None).unwrap();
        assert!(!script.contains("</script"), "{script}");
        let json = json_of_catalog_js(&script).expect("the script's JSON");
        let back: Catalog = serde_json::from_str(&json).expect("parses as a catalog");
        assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(&catalog).unwrap());
    }
}
