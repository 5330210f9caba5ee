//! The `site-gen` binary: `extract` prints the stable JSON contract; bad input fails cleanly.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_site-gen"))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[test]
fn extract_prints_one_object_per_requirement() {
    let output = bin().arg("extract").arg(fixture("site/alpha.md")).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON array");
    assert!(!rows.is_empty());
    for key in [
        "file",
        "line",
        "section",
        "component",
        "ports",
        "protocol",
        "direction",
        "peer",
        "necessity",
        "exposure",
        "purpose",
    ] {
        assert!(rows[0].get(key).is_some(), "missing {key}");
    }
    let range = rows.iter().find(|r| r["ports"] == "30000-32767").expect("the NodePort range");
    assert_eq!(range["protocol"], "tcp");
    assert_eq!(range["line"], 37);
    assert!(range["file"].as_str().expect("file").ends_with("alpha.md"));
}

#[test]
fn extract_names_unreadable_and_non_utf8_files() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-bad");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let latin1 = dir.join("latin1.md");
    std::fs::write(&latin1, b"# Caf\xe9\n| Port |\n").expect("write");
    let output = bin().arg("extract").arg(&latin1).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&latin1.display().to_string()) && stderr.contains("UTF-8"), "{stderr}");

    let missing = dir.join("missing.md");
    let output = bin().arg("extract").arg(&missing).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains(&missing.display().to_string()));
}

#[test]
fn build_refuses_to_wipe_a_folder_that_is_not_a_site() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-precious");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("precious.txt"), "keep me").expect("write");
    let output = bin()
        .args(["build", "--no-bundle", "--content"])
        .arg(fixture("site"))
        .arg("--public")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../public"))
        .arg("--out")
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(dir.join("precious.txt").is_file());
    assert!(!String::from_utf8_lossy(&output.stderr).contains("public"), "refused for the folder");
}

/// Regression (the newcomer walk): `site-gen build` outside the repository skipped the missing
/// public/ and then failed on 132 broken links to favicon.svg.
#[test]
fn build_without_public_here_fails_early_and_says_where_to_run() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-no-public");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let output = bin()
        .current_dir(&dir)
        .args(["build", "--no-bundle", "--content"])
        .arg(fixture("site"))
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no public/ here: run from the repository's root or pass --public DIR"),
        "{stderr}"
    );
    assert!(!stderr.contains("favicon"), "{stderr}");
    assert!(!dir.join("out").exists());

    let named = dir.join("static");
    let output = bin()
        .current_dir(&dir)
        .args(["build", "--no-bundle", "--content"])
        .arg(fixture("site"))
        .arg("--public")
        .arg(&named)
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("--public {}: no such folder", named.display())), "{stderr}");
}
