//! `portolan check --rules/--listening`, the `rules:`/`listening:` a topology names, and
//! `portolan explain`, over the rulesets and socket lists captured by tests/audit/capture.sh.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixtures() -> PathBuf {
    root().join("core/tests/fixtures/audit")
}

fn portolan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portolan")).args(args).output().expect("runs portolan")
}

/// openlm.yaml without its `policy:`, with `extra` lines under host cp1, in a temp folder next
/// to copies of the captured files it names.
fn topology(dir: &Path, cp1_extra: &str) -> PathBuf {
    let text = std::fs::read_to_string(root().join("examples/openlm.yaml")).expect("example");
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("policy:") {
            break;
        }
        if line.starts_with("  cp1:") && !cp1_extra.is_empty() {
            let inner = line.trim_end().trim_end_matches('}');
            out.push_str(&format!("{inner}, {cp1_extra} }}\n"));
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    let path = dir.join("openlm.yaml");
    std::fs::write(&path, out).expect("write topology");
    path
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("portolan-audit-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `portolan check TOPOLOGY --rules cp1=FILE --format json`, which finds something (exit 1):
/// its findings.
fn check_cp1_rules(topology: &Path, file: &Path) -> Vec<serde_json::Value> {
    let output = portolan(&[
        "check",
        topology.to_str().expect("utf-8"),
        "--rules",
        &format!("cp1={}", file.display()),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    report["findings"].as_array().expect("findings").clone()
}

#[test]
fn imported_ruleset_with_an_extra_accept_is_reported_at_its_line() {
    let dir = temp_dir("extra");
    let topology = topology(&dir, "");
    let mut rules =
        std::fs::read_to_string(fixtures().join("openlm/cp1.iptables")).expect("fixture");
    // Before the jump to Portolan's own chain, which ends in a drop (an accept already in
    // INPUT wins, as the emitted file's header warns).
    let at = rules.find("-A INPUT").expect("-A INPUT");
    rules.insert_str(at, "-A INPUT -p tcp -m tcp --dport 10250 -j ACCEPT\n");
    let line = rules[..at].lines().count() + 1;
    let file = dir.join("cp1.rules");
    std::fs::write(&file, &rules).expect("write rules");
    let findings = check_cp1_rules(&topology, &file);
    let exposed: Vec<&serde_json::Value> =
        findings.iter().filter(|f| f["code"] == "P051-internal-exposed").collect();
    assert_eq!(exposed.len(), 1, "{findings:#?}");
    assert_eq!(exposed[0]["location"]["file"], file.display().to_string());
    assert_eq!(exposed[0]["location"]["line"], line);
    assert!(!findings.iter().any(|f| f["code"] == "P050-flow-blocked"), "{findings:#?}");
}

#[test]
fn files_named_in_the_topology_are_read_relative_to_it() {
    let dir = temp_dir("named");
    std::fs::copy(fixtures().join("openlm/cp1.nft"), dir.join("cp1.nft")).expect("copy");
    std::fs::copy(fixtures().join("cp1.ss"), dir.join("cp1.ss")).expect("copy");
    let topology = topology(&dir, "rules: cp1.nft, listening: cp1.ss");
    let output = portolan(&["check", topology.to_str().expect("utf-8")]);
    let text = String::from_utf8_lossy(&output.stdout);
    // The ruleset is clean; the sockets are not (PostgreSQL runs, port 80 does not).
    assert!(!text.contains("P050") && !text.contains("P052"), "{text}");
    assert!(text.contains("P062-socket-unaccounted") && text.contains(":5432/tcp"), "{text}");
    assert!(text.contains("P063-listener-absent"), "{text}");
    // The snippet under a socket finding is the socket file's line.
    assert!(text.contains("0.0.0.0:5432"), "{text}");
    assert_eq!(output.status.code(), Some(1));
    // A file that is not there is unusable input, located at the topology entry.
    let missing = topology_missing(&dir);
    let output = portolan(&["check", missing.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("gone.nft"));
}

fn topology_missing(dir: &Path) -> PathBuf {
    let sub = dir.join("missing");
    std::fs::create_dir_all(&sub).expect("dir");
    topology(&sub, "rules: gone.nft")
}

#[test]
fn explain_names_the_rule_the_flow_and_the_requirement() {
    let dir = temp_dir("explain");
    let topology = topology(&dir, "");
    let rules = fixtures().join("openlm/cp1.nft");
    let rules_arg = format!("cp1={}", rules.display());
    let output = portolan(&[
        "explain",
        topology.to_str().expect("utf-8"),
        "--from",
        "lb1",
        "--to",
        "cp1",
        "--port",
        "443/tcp",
        "--rules",
        &rules_arg,
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("allowed"), "{text}");
    assert!(text.contains("cp1.nft:"), "{text}");
    assert!(text.contains("openlm/ingress-443-tcp-nopeer"), "{text}");
    assert!(text.contains("platforms/openlm.html#"), "{text}");
    // 5432 is not open on cp1, and no requirement asks for it.
    let output = portolan(&[
        "explain",
        topology.to_str().expect("utf-8"),
        "--from",
        "internet",
        "--to",
        "cp1",
        "--port",
        "5432/tcp",
        "--rules",
        &rules_arg,
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("denied") && text.contains("no planned flow"), "{text}");
    let output = portolan(&[
        "explain",
        topology.to_str().expect("utf-8"),
        "--from",
        "nowhere",
        "--to",
        "cp1",
        "--port",
        "443/tcp",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nowhere"));
}

/// `portolan audit` over Windows exports (fixtures typed from the documented formats: no
/// Windows host here): cp1's netsh listing forgets WireGuard's 51820/udp, which is reported
/// blocked, and its notes (the profile reading, `LocalSubnet` as the zone) point at the file;
/// `netstat -ano` is read as cp1's sockets, Get-NetFirewallRule's CSV like the netsh listing.
#[test]
fn windows_exports_are_audited_at_their_lines() {
    let dir = temp_dir("windows");
    let topology = topology(&dir, "");
    let windows = fixtures().join("windows");
    let netsh = windows.join("cp1.netsh");
    let netstat = windows.join("cp1.netstat-ano");
    let run = |rules: &Path| {
        let output = portolan(&[
            "audit",
            topology.to_str().expect("utf-8"),
            "--rules",
            &format!("cp1={}", rules.display()),
            "--listening",
            &format!("cp1={}", netstat.display()),
            "--format",
            "json",
        ]);
        assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
        report["findings"].as_array().expect("findings").clone()
    };
    let findings = run(&netsh);
    let blocked: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| {
            f["code"] == "P050-flow-blocked"
                && f["message"].as_str().is_some_and(|m| m.contains("51820"))
        })
        .collect();
    assert!(!blocked.is_empty(), "{findings:#?}");
    // The fix is a command in the export's own tool.
    let help_of = |f: &serde_json::Value| {
        f["help"]["text"].as_str().or(f["help"].as_str()).unwrap_or_default().to_owned()
    };
    let help = help_of(blocked[0]);
    assert!(
        help.contains("netsh advfirewall firewall add rule name=\"Allow 51820/udp\" dir=in action=allow protocol=UDP localport=51820 remoteip="),
        "{help}"
    );
    let in_file = |code: &str, needle: &str| {
        findings.iter().find(|f| {
            f["code"] == code
                && f["location"]["file"] == netsh.display().to_string()
                && f["message"].as_str().is_some_and(|m| m.contains(needle))
        })
    };
    let text = std::fs::read_to_string(&netsh).expect("fixture");
    let line = text.lines().position(|l| l.contains(",LocalSubnet")).expect("line") + 1;
    let subnet = in_file("P061-import-assumption", "LocalSubnet").expect("LocalSubnet said");
    assert_eq!(subnet["location"]["line"], line);
    assert!(in_file("P061-import-assumption", "every profile are read as in force").is_some());
    // The sockets were read (no line of netstat -ano unreadable).
    assert!(!findings.iter().any(|f| f["code"] == "P060-import-unreadable"), "{findings:#?}");
    // The CSV export of the same rules: the same flow reported blocked.
    let csv = run(&windows.join("cp1-rules.csv"));
    assert!(csv.iter().any(|f| f["code"] == "P050-flow-blocked"
        && f["message"].as_str().is_some_and(|m| m.contains("51820"))
        && help_of(f).contains("New-NetFirewallRule")));
}

/// `iptables -L -n -v --line-numbers` of the same host (captured from the real iptables): the
/// extra accept is found at the listing's row, as in the save.
#[test]
fn an_iptables_listing_is_audited_with_findings_at_its_rows() {
    let dir = temp_dir("listing");
    let topology = topology(&dir, "");
    let file = fixtures().join("real/openlm-cp1-extra.iptables-L");
    let findings = check_cp1_rules(&topology, &file);
    let exposed: Vec<&serde_json::Value> =
        findings.iter().filter(|f| f["code"] == "P051-internal-exposed").collect();
    assert_eq!(exposed.len(), 1, "{findings:#?}");
    assert_eq!(exposed[0]["location"]["file"], file.display().to_string());
    assert_eq!(exposed[0]["location"]["line"], 3);
    assert!(!findings.iter().any(|f| f["code"] == "P050-flow-blocked"), "{findings:#?}");
    assert!(!findings.iter().any(|f| f["code"] == "P060-import-unreadable"), "{findings:#?}");
}
