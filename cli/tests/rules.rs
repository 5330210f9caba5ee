//! `portolan rules`: every target for every example, one host to stdout, errors.

use std::path::Path;
use std::process::Command;

fn portolan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_portolan"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .expect("run portolan")
}

#[test]
fn all_targets_write_every_folder() {
    let dir = std::env::temp_dir().join(format!("portolan-rules-test-{}", std::process::id()));
    let out = portolan(&[
        "rules",
        "examples/hostile-names.yaml",
        "--target",
        "all",
        "-o",
        dir.to_str().expect("utf-8"),
        "-q",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for target in [
        "nftables",
        "iptables",
        "firewalld",
        "ufw",
        "kubernetes",
        "aws-terraform",
        "aws-cloudformation",
        "azure-nsg",
        "gcp-terraform",
        "change-request",
    ] {
        let entries = std::fs::read_dir(dir.join(target)).map(|d| d.count()).unwrap_or(0);
        assert!(entries > 0, "{target} wrote nothing");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_host_goes_to_stdout_and_errors_exit_2() {
    let out = portolan(&["rules", "examples/openlm.yaml", "--target", "nftables", "--host", "cp1"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("#!/usr/sbin/nft -f") && text.contains("policy drop;"), "{text}");

    let listing = portolan(&["rules", "examples/openlm.yaml", "--target", "iptables", "-q"]);
    assert!(String::from_utf8_lossy(&listing.stdout).contains("iptables/cp1.rules.v6"));

    assert_eq!(
        portolan(&["rules", "examples/openlm.yaml", "--target", "pf"]).status.code(),
        Some(2)
    );
    assert_eq!(
        portolan(&["rules", "examples/openlm.yaml", "--target", "nftables", "--host", "nope"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        portolan(&["rules", "examples/openlm.yaml", "--target", "kubernetes", "--host", "cp1"])
            .status
            .code(),
        Some(2)
    );
}

/// A newcomer typed `--target nft` and was told the valid names instead of getting nftables.
#[test]
fn target_nft_short_name_is_accepted() {
    let short = portolan(&["rules", "examples/openlm.yaml", "--target", "nft", "--host", "cp1"]);
    let full =
        portolan(&["rules", "examples/openlm.yaml", "--target", "nftables", "--host", "cp1"]);
    assert!(short.status.success(), "{}", String::from_utf8_lossy(&short.stderr));
    assert_eq!(short.stdout, full.stdout);

    let both = portolan(&["rules", "examples/openlm.yaml", "--target", "terraform"]);
    assert_eq!(both.status.code(), Some(2));
    let err = String::from_utf8_lossy(&both.stderr);
    assert!(err.contains("aws-terraform") && err.contains("gcp-terraform"), "{err}");

    let help = portolan(&["rules", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("nft;"));
}
