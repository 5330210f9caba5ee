//! Every hand-checked fact in `../shared/seed-facts/*.json` must be extracted from `content/`:
//! same section and port (or range), and the same transport, direction, necessity and exposure
//! wherever the fact states them. Facts are matched one-to-one, so a row repeated in the source
//! must be extracted as many times as it is listed.

use std::fs;
use std::path::{Path, PathBuf};

use portolan_core::extract::{Document, ExtractRecord, build_catalog};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct FactFile {
    platform: String,
    seed_file: String,
    entries: Vec<Fact>,
}

#[derive(Debug, Deserialize)]
struct Fact {
    section: String,
    ports: String,
    protocol: Option<String>,
    direction: Option<String>,
    required: Option<String>,
    exposure: Option<String>,
    purpose: Option<String>,
}

/// Which content document carries which seed.
const CONTENT_FOR_SEED: &[(&str, &str)] = &[
    ("000_6164aff18010e99b.txt", "omero-k8s.md"),
    ("001_6a86aff35811b3de.txt", "openlm.md"),
    ("002_8944981ebb6d9f19.txt", "api-connect.md"),
    ("003_f35d3cd323a50328.txt", "activate.md"),
    ("004_647bb7e5840fe23e.txt", "palette.md"),
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn matches(fact: &Fact, record: &ExtractRecord) -> bool {
    let same = |stated: &Option<String>, extracted: &Option<String>| {
        stated.is_none() || stated == extracted
    };
    normal(&fact.section) == normal(&record.section)
        && fact.ports == record.ports
        && same(&fact.protocol, &record.protocol)
        && same(&fact.direction, &record.direction)
        && same(&fact.required, &record.necessity)
        && same(&fact.exposure, &record.exposure)
}

/// Maximum bipartite matching (Kuhn): facts on the left, extracted records on the right.
fn assign(facts: &[Fact], records: &[ExtractRecord]) -> Vec<Option<usize>> {
    let edges: Vec<Vec<usize>> = facts
        .iter()
        .map(|f| (0..records.len()).filter(|&r| matches(f, &records[r])).collect())
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; records.len()];
    fn augment(
        fact: usize,
        edges: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &record in &edges[fact] {
            if seen[record] {
                continue;
            }
            seen[record] = true;
            if owner[record].is_none_or(|other| augment(other, edges, owner, seen)) {
                owner[record] = Some(fact);
                return true;
            }
        }
        false
    }
    for fact in 0..facts.len() {
        let mut seen = vec![false; records.len()];
        augment(fact, &edges, &mut owner, &mut seen);
    }
    let mut assigned = vec![None; facts.len()];
    for (record, fact) in owner.iter().enumerate() {
        if let Some(fact) = fact {
            assigned[*fact] = Some(record);
        }
    }
    assigned
}

#[test]
fn every_seed_fact_is_extracted_from_content() {
    let root = repo_root();
    let facts_dir = root.join("../shared/seed-facts");
    let mut files: Vec<PathBuf> = fs::read_dir(&facts_dir)
        .unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e} (shared/ must sit beside the repository)",
                facts_dir.display()
            )
        })
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut found, mut total) = (0, 0);
    let mut misses = Vec::new();
    for path in files {
        let file: FactFile = serde_json::from_str(&fs::read_to_string(&path).expect("read facts"))
            .expect("parse facts");
        let content_name = CONTENT_FOR_SEED
            .iter()
            .find(|(seed, _)| *seed == file.seed_file)
            .map(|(_, c)| *c)
            .expect("seed mapped to content");
        let content_path = root.join("content").join(content_name);
        let bytes = fs::read(&content_path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", content_path.display()));
        let display = format!("content/{content_name}");
        let build = build_catalog(&[Document { path: &display, bytes: &bytes }]);
        assert!(!build.has_errors(), "{display} has errors: {:?}", build.diagnostics);
        let records = ExtractRecord::all(&build.catalog);
        let assigned = assign(&file.entries, &records);
        let platform_found = assigned.iter().filter(|a| a.is_some()).count();
        println!("{:<58} {platform_found:>3}/{:<3} ({display})", file.platform, file.entries.len());
        found += platform_found;
        total += file.entries.len();
        for (fact, assignment) in file.entries.iter().zip(&assigned) {
            if assignment.is_none() {
                let near: Vec<String> = records
                    .iter()
                    .filter(|r| r.ports == fact.ports)
                    .map(|r| {
                        format!(
                            "    candidate {}:{} [{}] {:?} {:?} {:?} {:?}",
                            r.file,
                            r.line,
                            r.section,
                            r.protocol,
                            r.direction,
                            r.necessity,
                            r.exposure
                        )
                    })
                    .collect();
                misses.push(format!(
                    "  MISSING {} [{}] port {} protocol={:?} direction={:?} necessity={:?} exposure={:?} ({})\n{}",
                    display,
                    fact.section,
                    fact.ports,
                    fact.protocol,
                    fact.direction,
                    fact.required,
                    fact.exposure,
                    fact.purpose.as_deref().unwrap_or(""),
                    near.join("\n")
                ));
            }
        }
    }
    println!("seed facts extracted: {found}/{total}");
    for miss in &misses {
        println!("{miss}");
    }
    assert_eq!(found, total, "{} seed facts were not extracted", total - found);
}
