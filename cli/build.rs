//! Builds the catalog from `content/*.md` into `$OUT_DIR/catalog.json`, so the binary carries it.

use std::path::PathBuf;
use std::{env, fs};

use portolan_core::extract::{Document, build_catalog};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let content = manifest.join("..").join("content");
    println!("cargo::rerun-if-changed={}", content.display());
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if let Ok(entries) = fs::read_dir(&content) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                println!("cargo::rerun-if-changed={}", path.display());
                let name = format!("content/{}", entry.file_name().to_string_lossy());
                let bytes = fs::read(&path)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
                files.push((name, bytes));
            }
        }
    }
    files.sort();
    let documents: Vec<Document<'_>> =
        files.iter().map(|(path, bytes)| Document { path, bytes }).collect();
    let build = build_catalog(&documents);
    for diagnostic in build.diagnostics.iter().filter(|d| d.is_error()) {
        println!("cargo::warning=catalog: {diagnostic}");
    }
    let json = serde_json::to_string(&build.catalog).expect("catalog serializes");
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR")).join("catalog.json");
    fs::write(&out, json).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
