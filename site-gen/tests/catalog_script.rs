//! `assets/catalog.js` ships the catalog packed and expands it itself: the object it sets must
//! be exactly `catalog.json`'s (the checker reads it, and the `catalog.json` download is
//! `JSON.stringify` of it). Held to that in node, on the shipped content and on a generated
//! corpus, and in Rust (what the CLI reads from a site's `assets/catalog.js`).

use std::path::{Path, PathBuf};
use std::process::Command;

use portolan_core::model::Catalog;
use site_gen::content::SourceFile;
use site_gen::exports::{catalog_js, catalog_json, json_of_catalog_js};

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What `JSON.stringify(window.PORTOLAN_CATALOG)` gives after node runs the script as a page
/// would (a classic script, `window` its global).
fn expanded_in_node(script: &str, name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("catalog-script");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join(format!("{name}.js"));
    std::fs::write(&path, script).expect("script written");
    let program = "const fs = require('fs'), vm = require('vm');\
        const context = { window: {} };\
        vm.runInNewContext(fs.readFileSync(process.argv[1], 'utf8'), context);\
        process.stdout.write(JSON.stringify(context.window.PORTOLAN_CATALOG) + '\\n');";
    let output = Command::new("node")
        .arg("-e")
        .arg(program)
        .arg(&path)
        .output()
        .expect("node runs (tests/setup.sh installs it)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let _ = std::fs::remove_file(&path);
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn assert_script_expands_to_catalog_json(catalog: &Catalog, name: &str) {
    let json = catalog_json(catalog).expect("catalog.json");
    let script = catalog_js(catalog, None).expect("catalog.js");
    assert!(!script.contains("</script"), "{name}: the script can be inlined");
    assert_eq!(json_of_catalog_js(&script).expect("unpacks in Rust"), json, "{name}: Rust");
    let expanded = expanded_in_node(&script, name);
    assert!(expanded == format!("{json}\n"), "{name}: the script's object is not catalog.json");
    // And it is a catalog: what the CLI and the checker read back.
    let back: Catalog = serde_json::from_str(&json).expect("catalog.json reads as a catalog");
    assert_eq!(&back, catalog, "{name}");
    eprintln!("{name}: catalog.json {} bytes, catalog.js {} bytes", json.len(), script.len());
}

fn catalog_of(files: &[SourceFile]) -> Catalog {
    site_gen::content::extract(files).catalog
}

#[test]
fn the_catalog_script_expands_to_catalog_json_on_the_shipped_content() {
    let files = site_gen::content::read_content_dir(&here().join("../content")).expect("content");
    let catalog = catalog_of(&files);
    assert!(catalog.platforms.len() >= 5, "the shipped platforms");
    assert_script_expands_to_catalog_json(&catalog, "shipped");
}

#[test]
fn the_catalog_script_expands_to_catalog_json_on_a_generated_corpus() {
    let files: Vec<SourceFile> = (0..150)
        .map(|i| {
            let doc = portolan_bench_gen::corpus::document(7, i);
            let name = format!("{}.md", doc.slug);
            SourceFile { disk: Path::new("generated").join(&name), name, text: doc.markdown() }
        })
        .collect();
    let catalog = catalog_of(&files);
    let rows: usize = catalog.platforms.iter().map(|p| p.requirements.len()).sum();
    assert!(rows > 5_000, "{rows} rows");
    assert_script_expands_to_catalog_json(&catalog, "generated");
}
