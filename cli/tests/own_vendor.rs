//! The README's quick start, walked as a newcomer walks it: a vendor document of one's own
//! (examples/own-vendor/vaultkeep.md), a topology of one's own, a hand-written firewall loaded
//! and printed back by the real nft. Each step either passes or says what to do next.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use portolan_core::extract::{Document, build_catalog};

const TOPOLOGY: &str = "examples/own-vendor/backup.yaml";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn portolan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portolan"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("runs portolan")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The catalog `site-gen build --content examples/own-vendor` makes, written as catalog.json
/// (the same extraction, without building a site in a test).
fn own_catalog(test: &str) -> String {
    let bytes = std::fs::read(root().join("examples/own-vendor/vaultkeep.md")).expect("document");
    let build = build_catalog(&[Document { path: "content/vaultkeep.md", bytes: &bytes }]);
    assert!(
        build.diagnostics.is_empty(),
        "the example document reads cleanly: {:?}",
        build.diagnostics
    );
    // Under target/ (cargo's scratch folder for integration tests), so no run leaves litter.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("own-vendor-{test}"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("catalog.json");
    std::fs::write(&path, serde_json::to_string(&build.catalog).expect("json")).expect("write");
    path.to_string_lossy().into_owned()
}

fn codes(output: &Output) -> BTreeSet<String> {
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json output");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn the_built_in_catalog_says_how_to_add_ones_own_vendor() {
    let output = portolan(&["check", TOPOLOGY]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("error[P010-unknown-role]"), "{text}");
    assert!(text.contains("hint: `vaultkeep` is not a platform of the built-in catalog"), "{text}");
    assert!(text.contains(&format!("portolan check {TOPOLOGY} --catalog SITE/assets/catalog.js")));
}

#[test]
fn with_its_catalog_the_topology_is_clean_and_names_the_next_step() {
    let catalog = own_catalog("clean");
    let output = portolan(&["check", TOPOLOGY, "--catalog", &catalog]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("ok: no findings"), "{text}");
    assert!(text.contains(&format!("next: `portolan plan {TOPOLOGY}`")), "{text}");
    let rules = portolan(&[
        "rules",
        TOPOLOGY,
        "--catalog",
        &catalog,
        "-t",
        "nftables",
        "--host",
        "vk1",
        "-q",
    ]);
    assert_eq!(rules.status.code(), Some(0));
    assert!(stdout(&rules).contains("7420-7421"), "{}", stdout(&rules));
}

#[test]
fn the_hand_written_firewall_shows_its_two_mistakes() {
    let catalog = own_catalog("audit");
    let args =
        ["audit", TOPOLOGY, "--catalog", &catalog, "--rules", "vk1=examples/own-vendor/vk1.nft"];
    let output = portolan(&[&args[..], &["--format", "json"]].concat());
    let expected: BTreeSet<String> =
        ["P050-flow-blocked", "P052-rule-too-wide"].into_iter().map(str::to_owned).collect();
    assert_eq!(codes(&output), expected);
    assert_eq!(output.status.code(), Some(1));
}

/// Regression (the newcomer walk): a mistyped file after `--rules HOST=` said only "cannot read
/// FILE", not which flag and host it was for.
#[test]
fn a_missing_host_file_names_its_flag_and_host() {
    let output = portolan(&["check", TOPOLOGY, "--rules", "vk1=examples/own-vendor/vk9.nft"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`--rules vk1=examples/own-vendor/vk9.nft`: cannot read"), "{stderr}");
}

/// Regression (the newcomer walk): `explain` without `--catalog` answered "no requirement of the
/// documents asks for this connection" for hosts whose roles the built-in catalog lacks, with
/// no word of the missing catalog.
#[test]
fn explain_warns_of_roles_the_catalog_lacks() {
    let args = ["explain", TOPOLOGY, "--from", "office", "--to", "vk1", "--port", "443/tcp"];
    let stderr = String::from_utf8_lossy(&portolan(&args).stderr).into_owned();
    assert!(
        stderr.contains("backup.yaml:10:54: host `vk1` has role `vaultkeep/appliance`, which the catalog (built-in"),
        "{stderr}"
    );
    let catalog = own_catalog("explain");
    let with = portolan(&[&args[..], &["--catalog", &catalog]].concat());
    assert!(with.stderr.is_empty(), "{}", String::from_utf8_lossy(&with.stderr));
    assert!(stdout(&with).contains("vaultkeep/appliance-443-tcp"), "{}", stdout(&with));
}

/// Regression (the newcomer walk): `explain` on a topology with a mistake said only "cannot be
/// read (run `portolan check`)"; it now shows the located errors itself.
#[test]
fn explain_on_an_unreadable_topology_shows_where() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("own-vendor-bad");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.yaml");
    std::fs::write(
        &bad,
        "zones: { lan: { cidrs: [10.0.0.0/24] } }\nhosts:\n  a: { zone: lan, adress: 10.0.0.4 }\n",
    )
    .expect("write");
    let output = portolan(&[
        "explain",
        bad.to_str().expect("utf-8"),
        "--from",
        "lan",
        "--to",
        "a",
        "--port",
        "22/tcp",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.yaml:3:19"), "{stderr}");
    assert!(stderr.contains("did you mean `address`?"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn findings(output: &Output) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json output");
    json["findings"].as_array().cloned().unwrap_or_default()
}

/// The findings of auditing vk1.nft against the own-vendor topology, as JSON.
fn vk1_audit_findings(name: &str) -> Vec<serde_json::Value> {
    let catalog = own_catalog(name);
    let output = portolan(&[
        "audit",
        TOPOLOGY,
        "--catalog",
        &catalog,
        "--rules",
        "vk1=examples/own-vendor/vk1.nft",
        "--format",
        "json",
    ]);
    findings(&output)
}

/// Regression (the newcomer walk): auditing vk1.nft, P050 said to add a topology `policy`
/// rule; the policy audited is the nft file, so the fix is a line in it.
#[test]
fn p050_of_an_imported_ruleset_names_the_file_and_the_nft_line() {
    let all = vk1_audit_findings("p050");
    let blocked = all.iter().find(|f| f["code"] == "P050-flow-blocked").expect("P050");
    let help = blocked["help"].as_str().unwrap_or_default();
    assert!(help.contains("in examples/own-vendor/vk1.nft (host vk1)"), "{help}");
    assert!(
        help.contains("`ip saddr { 10.10.0.20, 10.10.0.21 } tcp dport 7420-7421 accept`"),
        "{help}"
    );
    assert!(!help.contains("add the rule `- {"), "{help}");
}

/// Regression (the newcomer walk): P052 for vk1.nft's `tcp dport 443 accept` read "it also
/// allows address 0.0.0.0 → host vk1".
#[test]
fn p052_of_an_any_source_rule_says_anyone() {
    let all = vk1_audit_findings("p052");
    let wide = all.iter().find(|f| f["code"] == "P052-rule-too-wide").expect("P052");
    let message = wide["message"].as_str().unwrap_or_default();
    assert!(message.contains("anyone (any address) → host vk1"), "{message}");
    assert!(!message.contains("0.0.0.0"), "{message}");
}

/// Regression (the newcomer walk): vk1.nft passed to `--listening` gave "this line is not a
/// socket" per line; it is a ruleset, said once with the flag to use.
#[test]
fn ruleset_passed_to_listening_says_pass_it_with_rules() {
    let output = portolan(&["check", TOPOLOGY, "--listening", "vk1=examples/own-vendor/vk1.nft"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("this is a ruleset (nft list ruleset)"), "{stderr}");
    assert!(stderr.contains("pass it with `--rules vk1=examples/own-vendor/vk1.nft`"), "{stderr}");
}

/// Regression (the newcomer walk): `explain --from offce` had no "did you mean" (check and
/// flows have one).
#[test]
fn explain_from_offce_suggests_office() {
    let catalog = own_catalog("offce");
    let args = [
        "explain",
        TOPOLOGY,
        "--catalog",
        &catalog,
        "--from",
        "offce",
        "--to",
        "vk1",
        "--port",
        "443/tcp",
    ];
    let output = portolan(&args);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`offce` is neither a host"), "{stderr}");
    assert!(stderr.contains("did you mean `office`?"), "{stderr}");
    let far = portolan(&[
        "explain",
        TOPOLOGY,
        "--catalog",
        &catalog,
        "--from",
        "kitchen",
        "--to",
        "vk1",
        "--port",
        "443/tcp",
    ]);
    assert!(!String::from_utf8_lossy(&far.stderr).contains("did you mean"));
}
