//! Runs `portolan check` on every example and asserts exactly the codes `examples/README.md`
//! lists for it, and its exit status.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// (file, codes, exit) from the README table.
fn expectations() -> Vec<(String, BTreeSet<String>, i32)> {
    let readme =
        std::fs::read_to_string(root().join("examples/README.md")).expect("examples/README.md");
    readme
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let file = cells[0].trim_matches('`').to_owned();
            let codes = cells[2]
                .split(',')
                .map(|c| c.trim().trim_matches('`').to_owned())
                .filter(|c| !c.is_empty())
                .collect();
            let exit = cells[3].parse().expect("exit status");
            (file, codes, exit)
        })
        .collect()
}

#[test]
fn every_example_reports_exactly_its_codes() {
    let expected = expectations();
    let listed: BTreeSet<&str> = expected.iter().map(|(f, _, _)| f.as_str()).collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".json") || n.ends_with(".toml"))
        .collect();
    for file in &on_disk {
        assert!(
            listed.contains(file.as_str()),
            "examples/{file} is not listed in examples/README.md"
        );
    }
    let mut failures = Vec::new();
    for (file, codes, exit) in &expected {
        let output = Command::new(env!("CARGO_BIN_EXE_portolan"))
            .current_dir(root())
            .args(["check", &format!("examples/{file}"), "--format", "json"])
            .output()
            .expect("run portolan");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json output");
        let got: BTreeSet<String> = json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["code"].as_str().unwrap_or_default().to_owned())
            .collect();
        let status = output.status.code().unwrap_or(-1);
        if &got != codes || status != *exit {
            failures
                .push(format!("{file}: expected {codes:?} exit {exit}, got {got:?} exit {status}"));
        }
        // Every finding of a parsed example is located, and names a requirement when it is
        // about one.
        for f in json["findings"].as_array().into_iter().flatten() {
            if f["location"].is_null() {
                failures.push(format!("{file}: finding without location: {f}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn formats_and_exit_statuses() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_portolan"))
            .current_dir(root())
            .args(args)
            .output()
            .expect("run portolan")
    };
    let text = run(&["check", "examples/broken.yaml"]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("error[P010-unknown-role]"), "{stdout}");
    assert!(stdout.contains("--> examples/broken.yaml:"), "{stdout}");
    assert!(stdout.contains("= help: did you mean `omero-k8s/worker`?"), "{stdout}");
    assert!(stdout.contains("platforms/"), "{stdout}");
    let sarif = run(&["check", "examples/broken.yaml", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("sarif json");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().expect("results").is_empty());
    let flows = run(&["flows", "examples/openlm.yaml", "--format", "json"]);
    assert_eq!(flows.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&flows.stdout).expect("plan json");
    assert!(!plan["flows"].as_array().expect("flows").is_empty());
    // Unusable input: exit 2 with a located error.
    let dir = std::env::temp_dir().join(format!("portolan-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "hosts:\n  a: { zone: x, address: 10.0.0.300 }\n").expect("write");
    let out = run(&["check", bad.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("bad.yaml:2:"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(run(&["check", "does/not/exist.yaml"]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every finding links the site's page about its code: the text output always, SARIF rules by
/// `helpUri` when the site's URL is given.
#[test]
fn findings_link_the_page_about_their_code() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_portolan"))
            .current_dir(root())
            .args(args)
            .output()
            .expect("run portolan")
    };
    let site = "https://example.org/portolan/";
    let text = run(&["check", "examples/broken.yaml", "--site", site]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("= about P010: https://example.org/portolan/findings/P010.html"),
        "{stdout}"
    );
    let sarif = run(&["check", "examples/broken.yaml", "--format", "sarif", "--site", site]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("sarif json");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules");
    let p010 = rules.iter().find(|r| r["id"] == "P010-unknown-role").expect("P010 rule");
    assert_eq!(p010["helpUri"], "https://example.org/portolan/findings/P010.html");
    assert!(p010["help"]["text"].as_str().is_some_and(|t| t.contains("copy")), "{p010}");
    // Every code is a rule, its texts those of the code's page (one table: codes::ALL).
    let all = portolan_core::check::codes::ALL;
    assert_eq!(rules.len(), all.len());
    let doc = portolan_core::check::codes::find("P010").expect("P010 explained");
    assert_eq!(p010["shortDescription"]["text"], doc.title);
    assert_eq!(p010["fullDescription"]["text"], doc.what);
    let audit = rules.iter().find(|r| r["id"] == "P060-import-unreadable").expect("P060 rule");
    assert_eq!(audit["helpUri"], "https://example.org/portolan/findings/P060.html");
}

/// A conditional row nobody enabled (P045) is a note wherever the user reads findings: the
/// text output says `note[...]` and counts it apart, JSON counts it apart from warnings, SARIF
/// gives it level `note` at the role's line, and the exit status stays 0.
#[test]
fn conditional_rows_not_enabled_are_notes_in_text_json_and_sarif() {
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_portolan"))
            .current_dir(root())
            .args(["check", "examples/activate.toml", "--format", format])
            .output()
            .expect("run portolan")
    };
    let text = run("text");
    assert_eq!(text.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("note[P045-conditional-unenabled]: activate/control-plane has"),
        "{stdout}"
    );
    assert!(stdout.contains("note(s)"), "{stdout}");
    let json: serde_json::Value = serde_json::from_slice(&run("json").stdout).expect("json output");
    let notes = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "note")
        .count();
    assert!(notes >= 3 && json["notes"] == notes, "{json}");
    let sarif: serde_json::Value =
        serde_json::from_slice(&run("sarif").stdout).expect("sarif json");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let p045: Vec<&serde_json::Value> =
        results.iter().filter(|r| r["ruleId"] == "P045-conditional-unenabled").collect();
    assert_eq!(p045.len(), notes, "{sarif}");
    assert!(p045.iter().all(|r| r["level"] == "note"), "{sarif}");
    let region = &p045[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 29, "{sarif}");
}
