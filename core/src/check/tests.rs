use super::*;
use crate::model::{Direction, Exposure};
use crate::topology::testkit::*;

fn cat() -> Catalog {
    catalog(vec![
        platform(
            "lm",
            vec![
                with_peer_text(
                    with_exposure(
                        req("lm/cp", "r-1", "443", "tcp", Direction::Inbound),
                        Exposure::External,
                    ),
                    "anyone",
                ),
                with_peer_text(req("lm/cp", "r-2", "6443", "tcp", Direction::Inbound), "internal"),
                with_exposure(
                    req("lm/cp", "r-3", "2379-2380", "tcp", Direction::Internal),
                    Exposure::Internal,
                ),
                with_peer(req("lm/cp", "r-4", "5432", "tcp", Direction::Outbound), "lm/db"),
                with_peer_text(
                    req("lm/cp", "r-5", "30000-32767", "tcp", Direction::Inbound),
                    "internal",
                ),
                req("lm/cp", "r-6", "7777", "", Direction::Inbound),
                with_peer_text(req("lm/db", "r-7", "5432", "tcp", Direction::Inbound), "internal"),
                with_peer(
                    req("lm/monitor", "r-8", "9093", "tcp", Direction::Outbound),
                    "lm/alerts",
                ),
                with_peer_text(
                    req("lm/alerts", "r-9", "9093", "tcp", Direction::Inbound),
                    "internal",
                ),
            ],
            &[],
        ),
        platform(
            "ot",
            vec![
                with_peer_text(req("ot/web", "r-1", "443", "tcp", Direction::Inbound), "internal"),
                with_peer_text(
                    req("ot/agent", "r-2", "30080", "tcp", Direction::Inbound),
                    "internal",
                ),
            ],
            &[],
        ),
    ])
}

fn run(text: &str) -> Report {
    let (_, report) = check_text(&cat(), text, "t.yaml", Format::Yaml);
    report
}

fn codes(report: &Report) -> Vec<&'static str> {
    let mut codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
    codes.sort();
    codes.dedup();
    codes
}

const ZONES: &str = "zones:\n  internet: { cidrs: [0.0.0.0/0] }\n  corp: { cidrs: [10.20.0.0/16] }\n  cluster: { cidrs: [10.0.0.0/22] }\n";

fn show(report: &Report) -> String {
    report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {:?} {}",
                f.code,
                f.location.as_ref().map(|l| (l.line, l.column)),
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn clean_topology_has_no_findings() {
    let text = format!(
        "{ZONES}hosts:\n  cp1: {{ zone: cluster, address: 10.0.0.10, roles: [lm/cp] }}\n  db: {{ zone: cluster, address: 10.0.0.20, roles: [lm/db] }}\n"
    );
    let report = run(&text);
    assert_eq!(codes(&report), ["P041-unplannable-requirement"], "{}", show(&report));
    assert_eq!(report.exit_code(), 0);
}

/// A newcomer read "name the transport in a `services` entry" and had to guess the entry.
#[test]
fn p041_help_gives_a_services_entry_built_from_the_role_and_port() {
    let text = format!(
        "{ZONES}hosts:\n  cp1: {{ zone: cluster, address: 10.0.0.10, roles: [lm/cp] }}\n  db: {{ zone: cluster, address: 10.0.0.20, roles: [lm/db] }}\n"
    );
    let report = run(&text);
    let finding = report
        .findings
        .iter()
        .find(|f| f.code == "P041-unplannable-requirement" && f.message.contains("7777"))
        .expect("P041 for 7777");
    let help = finding.help.as_deref().unwrap_or_default();
    assert!(
        help.contains("`services: [{ host: cp1, name: cp, ports: [7777/tcp], from: ["),
        "{help}"
    );
}

#[test]
fn names_addresses_and_placement() {
    let text = format!(
        "{ZONES}hosts:\n  cp1: {{ zone: clustr, address: 10.0.0.10, roles: [lm/cpp] }}\n  db: {{ zone: cluster, address: [10.1.0.20, 'fd00::1'], roles: [lm/db, lm/monitor] }}\n  db2: {{ zone: corp, address: 10.1.0.20 }}\nservices:\n  - {{ host: dbb, ports: [80/tcp] }}\nenable: [lm/nothing]\n"
    );
    let report = run(&text);
    let all = show(&report);
    assert_eq!(
        codes(&report),
        [
            "P010-unknown-role",
            "P011-unknown-zone",
            "P012-unknown-host",
            "P013-unknown-enable",
            "P020-address-family-mismatch",
            "P021-address-outside-zone",
            "P022-duplicate-address",
            "P040-peer-not-placed"
        ],
        "{all}"
    );
    let role = report.findings.iter().find(|f| f.code == "P010-unknown-role").unwrap();
    assert_eq!(role.help.as_deref(), Some("did you mean `lm/cp`?"));
    assert_eq!(role.location.as_ref().map(|l| (l.line, l.column)), Some((6, 52)));
    let zone = report.findings.iter().find(|f| f.code == "P011-unknown-zone").unwrap();
    assert_eq!(zone.help.as_deref(), Some("did you mean `cluster`?"));
    let peer = report.findings.iter().find(|f| f.code == "P040-peer-not-placed").unwrap();
    assert!(peer.message.contains("lm/alerts"), "{all}");
    assert_eq!(peer.requirements[0].link, "platforms/lm.html#r-8");
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn collisions_and_dynamic_ranges() {
    let text = format!(
        "{ZONES}hosts:\n  cp1: {{ zone: cluster, address: 10.0.0.10, roles: [lm/cp, ot/web, ot/agent] }}\n  db: {{ zone: cluster, address: 10.0.0.20, roles: [lm/db] }}\nservices:\n  - {{ host: db, name: pgbouncer, ports: [5432/tcp] }}\n"
    );
    let report = run(&text);
    let all = show(&report);
    let collisions: Vec<&Finding> =
        report.findings.iter().filter(|f| f.code == "P030-port-collision").collect();
    assert_eq!(collisions.len(), 2, "{all}");
    assert!(
        collisions.iter().any(|f| f.message.contains("443/tcp") && f.requirements.len() == 2),
        "{all}"
    );
    assert!(collisions.iter().any(|f| f.message.contains("service pgbouncer")), "{all}");
    let overlap: Vec<&Finding> =
        report.findings.iter().filter(|f| f.code == "P031-range-overlap").collect();
    assert_eq!(overlap.len(), 1, "{all}");
    assert!(
        overlap[0].message.contains("ot/agent (30080/tcp)")
            && overlap[0].message.contains("30000-32767"),
        "{all}"
    );
}

fn policy_topology(policy: &str) -> String {
    format!(
        "{ZONES}hosts:\n  cp1: {{ zone: cluster, address: 10.0.0.10, roles: [lm/cp] }}\n  cp2: {{ zone: cluster, address: 10.0.0.11, roles: [lm/cp] }}\n  db: {{ zone: cluster, address: 10.0.0.20, roles: [lm/db] }}\npolicy:\n{policy}"
    )
}

#[test]
fn policy_blocked_exposed_wide_and_redundant() {
    let policy = "  - { from: any, to: [cp1, cp2], ports: [443/tcp] }
  - { from: [corp, cluster], to: [cp1, cp2], ports: [6443/tcp, 30000-32767/tcp] }
  - { from: [cp1, cp2], to: db, ports: [5432/tcp] }
  - { from: internet, to: cp1, ports: [2379-2380/tcp] }
  - { from: 10.20.0.0/17, to: cp1, ports: [6443/tcp] }
  - { from: 10.20.128.0/17, to: cp1, ports: [6443/tcp] }
  - { from: corp, to: cluster, ports: [22/tcp] }
";
    let report = run(&policy_topology(policy));
    let all = show(&report);
    let find = |code: &str| report.findings.iter().filter(|f| f.code == code).collect::<Vec<_>>();
    // Internal etcd between cp1 and cp2 is not allowed (rule 4 allows it from the internet only).
    let blocked = find("P050-flow-blocked");
    assert!(!blocked.is_empty(), "{all}");
    // db's 5432 states no peer: planned from the trusted zones, which the policy does not allow.
    assert!(
        blocked
            .iter()
            .all(|f| f.message.contains("2379-2380/tcp")
                || f.message.contains("host db on 5432/tcp")),
        "{all}"
    );
    assert!(blocked[0].help.as_deref().unwrap_or("").contains("ports: [2379-2380/tcp]"), "{all}");
    // Rule 4 exposes internal-only etcd to the internet.
    let exposed = find("P051-internal-exposed");
    assert_eq!(exposed.len(), 1, "{all}");
    assert_eq!(exposed[0].location.as_ref().map(|l| l.line), Some(13), "{all}");
    assert!(
        exposed[0]
            .message
            .contains("lets untrusted zone `internet` reach internal-only port 2379/tcp"),
        "{all}"
    );
    // Rule 6 is covered by rule 2 and rule 5 together; rule 5 alone by rule 2.
    let redundant = find("P053-rule-redundant");
    assert_eq!(
        redundant.iter().filter_map(|f| f.location.as_ref().map(|l| l.line)).collect::<Vec<_>>(),
        [14, 15],
        "{all}"
    );
    // Rule 7 (ssh) needs no requirement; rule 4 is wider than any requirement too.
    let wide = find("P052-rule-too-wide");
    let lines: Vec<u32> = wide.iter().filter_map(|f| f.location.as_ref().map(|l| l.line)).collect();
    assert!(lines.contains(&16) && lines.contains(&13), "{all}");
    assert!(!lines.contains(&10) && !lines.contains(&11) && !lines.contains(&12), "{all}");
}

#[test]
fn redundancy_needs_the_union_of_earlier_rules() {
    let policy = "  - { from: 10.20.0.0/17, to: cp1, ports: [6443/tcp] }
  - { from: 10.20.128.0/17, to: cp1, ports: [6443/tcp] }
  - { from: corp, to: cp1, ports: [6443/tcp] }
";
    let report = run(&policy_topology(policy));
    let redundant: Vec<&Finding> =
        report.findings.iter().filter(|f| f.code == "P053-rule-redundant").collect();
    assert_eq!(redundant.len(), 1, "{}", show(&report));
    assert_eq!(redundant[0].related.len(), 2);
}

#[test]
fn parse_errors_make_the_report_unusable() {
    let report = run("hosts: [");
    assert!(report.unusable);
    assert_eq!(report.exit_code(), 2);
    assert_eq!(report.findings[0].code, INVALID_TOPOLOGY);
    assert!(report.findings[0].location.is_some());
}

#[test]
fn every_check_has_a_distinct_well_formed_code() {
    let all: Vec<&str> = CHECKS.iter().map(|c| c.code).collect();
    for code in &all {
        assert!(
            code.starts_with('P')
                && code.as_bytes()[1..4].iter().all(u8::is_ascii_digit)
                && code.as_bytes()[4] == b'-',
            "{code}"
        );
    }
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len());
}

/// Rules are judged per host (and host-less zone), not per address: a zone-to-zone rule on
/// exactly the ports every host listens on is not "wide" because the CIDR holds unused
/// addresses; a port only one host listens on, opened to the whole zone, is, and the finding
/// names the host pair and port.
#[test]
fn width_is_judged_per_host_not_per_address() {
    let hosts = "hosts:\n  a: { zone: cluster, address: 10.0.0.10, roles: [ot/agent] }\n  b: { zone: cluster, address: 10.0.0.11, roles: [ot/agent] }\n  c: { zone: cluster, address: 10.0.0.12, roles: [ot/agent, ot/web] }\n";
    let fits = format!(
        "{ZONES}{hosts}policy:\n  - {{ from: [cluster, corp], to: cluster, ports: [30080/tcp] }}\n  - {{ from: [cluster, corp], to: c, ports: [443/tcp] }}\n"
    );
    let report = run(&fits);
    assert!(!codes(&report).contains(&"P052-rule-too-wide"), "{}", show(&report));
    assert!(!codes(&report).contains(&"P050-flow-blocked"), "{}", show(&report));
    let wide = format!(
        "{ZONES}{hosts}policy:\n  - {{ from: [cluster, corp], to: cluster, ports: [30080/tcp, 443/tcp] }}\n"
    );
    let report = run(&wide);
    let finding = report.findings.iter().find(|f| f.code == "P052-rule-too-wide").expect("P052");
    assert!(finding.message.contains("→ host a port 443/tcp"), "{}", finding.message);
    assert!(!finding.message.contains("10.0.0.0"), "{}", finding.message);
}

/// P050 names the host (or host-less zone) that is denied, never a raw unused address.
#[test]
fn blocked_flows_name_hosts_and_zones() {
    let hosts = "hosts:\n  a: { zone: cluster, address: 10.0.0.10, roles: [ot/agent] }\n  b: { zone: cluster, address: 10.0.0.11, roles: [ot/agent] }\n";
    let text = format!(
        "{ZONES}{hosts}policy:\n  - {{ from: [corp, a], to: cluster, ports: [30080/tcp] }}\n"
    );
    let report = run(&text);
    let messages: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == "P050-flow-blocked")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "the policy does not fully allow zone cluster → host a on 30080/tcp (required): e.g. host b → host a port 30080/tcp is denied"
        ],
        "{}",
        show(&report)
    );
}

/// A large topology is judged whole: no cap skips a rule (the old limit was 20,000 cubes).
#[test]
fn thousands_of_hosts_are_judged_without_a_cap() {
    let mut text = format!("{ZONES}hosts:\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "  h{i}: {{ zone: cluster, address: 10.0.{}.{}, roles: [ot/agent] }}\n",
            i / 250,
            i % 250 + 1
        ));
    }
    text = text.replace("10.0.0.0/22", "10.0.0.0/20");
    text.push_str(
        "policy:\n  - { from: [cluster, corp], to: cluster, ports: [30080/tcp, 30081/tcp] }\n",
    );
    let report = run(&text);
    let finding = report
        .findings
        .iter()
        .find(|f| f.code == "P052-rule-too-wide")
        .expect("P052 even across 3,000 hosts");
    assert!(finding.message.contains("port 30081/tcp"), "{}", finding.message);
}

/// One missing rule is one finding, however many hosts it blocks: it names the rule to add
/// (the zone when the blocked hosts are all of its hosts), counts and names the hosts, is
/// located at the first host's role entry and carries the requirement behind the flows.
#[test]
fn blocked_flows_of_one_missing_rule_make_one_finding() {
    let mut text = format!("{ZONES}hosts:\n");
    for i in 0..40 {
        text.push_str(&format!(
            "  w{i}: {{ zone: cluster, address: 10.0.1.{}, roles: [ot/agent] }}\n",
            i + 1
        ));
    }
    text.push_str("policy:\n  - { from: corp, to: cluster, ports: [22/tcp] }\n");
    let report = run(&text);
    let blocked: Vec<&Finding> =
        report.findings.iter().filter(|f| f.code == "P050-flow-blocked").collect();
    // 30080/tcp from the two trusted zones (corp, cluster): one rule per source zone.
    assert_eq!(blocked.len(), 2, "{}", show(&report));
    let from_corp = blocked.iter().find(|f| f.message.contains("zone corp")).expect("from corp");
    assert!(
        from_corp
            .message
            .contains("40 hosts in zone cluster (w0, w1, w2, w3, 36 more) on 30080/tcp (required)"),
        "{}",
        from_corp.message
    );
    assert_eq!(
        from_corp
            .help
            .as_deref()
            .map(|h| h.contains("`- { from: corp, to: cluster, ports: [30080/tcp] }`")),
        Some(true),
        "{:?}",
        from_corp.help
    );
    assert_eq!(from_corp.location.as_ref().map(|l| l.line), Some(6));
    assert_eq!(from_corp.related.len(), 5);
    assert_eq!(
        from_corp.requirements.iter().map(|r| r.link.as_str()).collect::<Vec<_>>(),
        ["platforms/ot.html#r-2"]
    );
    assert!(from_corp.is_error());
}

/// When the blocked hosts are only some of their zone's, the rule lists them instead of
/// opening the whole zone.
#[test]
fn a_missing_rule_for_some_hosts_of_a_zone_lists_them() {
    let hosts = "hosts:\n  a: { zone: cluster, address: 10.0.0.10, roles: [ot/agent] }\n  b: { zone: cluster, address: 10.0.0.11, roles: [ot/agent] }\n  c: { zone: cluster, address: 10.0.0.12, roles: [ot/web] }\n";
    let text = format!(
        "{ZONES}{hosts}policy:\n  - {{ from: [corp, cluster], to: c, ports: [443/tcp] }}\n"
    );
    let report = run(&text);
    let blocked: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.code == "P050-flow-blocked" && f.message.contains("zone corp"))
        .collect();
    assert_eq!(blocked.len(), 1, "{}", show(&report));
    assert!(
        blocked[0].help.as_deref().unwrap_or("").contains("to: [a, b], ports: [30080/tcp]"),
        "{:?}",
        blocked[0].help
    );
}

/// P051 names the untrusted zone the exposure comes through (and the rule), not a raw
/// address such as 0.0.0.0; sources in no zone are called that.
#[test]
fn internal_exposure_names_the_untrusted_zone_and_rule() {
    let zones = "zones:\n  internet: { cidrs: [0.0.0.0/0], trust: untrusted }\n  dmz: { cidrs: [192.0.2.0/24], trust: untrusted }\n  cluster: { cidrs: [10.0.0.0/22] }\n";
    let hosts = "hosts:\n  cp1: { zone: cluster, address: 10.0.0.10, roles: [lm/cp] }\n  cp2: { zone: cluster, address: 10.0.0.11, roles: [lm/cp] }\n";
    let exposed = |policy: &str| {
        let report = run(&format!("{zones}{hosts}policy:\n{policy}"));
        report
            .findings
            .iter()
            .filter(|f| f.code == "P051-internal-exposed")
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
    };
    let by_zone =
        exposed("  - { name: etcd from dmz, from: dmz, to: cp1, ports: [2379-2380/tcp] }\n");
    assert_eq!(
        by_zone,
        [
            "rule `etcd from dmz` (from dmz to cp1 ports 2379-2380/tcp) lets untrusted zone `dmz` reach internal-only port 2379/tcp of lm/cp on host `cp1`"
        ]
    );
    let by_any = exposed("  - { from: any, to: cp1, ports: [2379/tcp] }\n");
    assert_eq!(by_any.len(), 1);
    assert!(by_any[0].contains("lets untrusted zones `internet`, `dmz` reach"), "{by_any:?}");
    assert!(!by_any[0].contains("0.0.0.0"), "{by_any:?}");
    let zoneless = run(&format!(
        "zones:\n  cluster: {{ cidrs: [10.0.0.0/22] }}\n{hosts}policy:\n  - {{ from: 203.0.113.0/24, to: cp1, ports: [2379/tcp] }}\n"
    ));
    let message = zoneless
        .findings
        .iter()
        .find(|f| f.code == "P051-internal-exposed")
        .map(|f| f.message.as_str())
        .unwrap_or_default();
    assert!(
        message.contains(
            "lets addresses in no zone (e.g. 203.0.113.0), which count as untrusted, reach"
        ),
        "{message}"
    );
}

/// Rules the redundancy decision runs out of work for are reported (as undecided), never
/// passed over in silence. The limit is lowered here; `cover`'s tests show a staircase policy
/// that needs it.
#[test]
fn undecided_redundancy_is_reported() {
    let mut policy = String::from("policy:\n");
    for k in 0..60u32 {
        policy.push_str(&format!(
            "  - {{ from: corp, to: [10.0.0.{k}/32, 10.0.2.0/23], ports: [{}-{}/tcp] }}\n",
            1000 + k,
            3000 + k
        ));
    }
    policy.push_str("  - { from: corp, to: cluster, ports: [1000-4500/tcp] }\n  - { name: again, from: corp, to: cluster, ports: [1000-4500/tcp] }\n");
    let text = format!(
        "{ZONES}hosts:\n  cp1: {{ zone: cluster, address: 10.0.0.10, roles: [lm/cp] }}\n{policy}"
    );
    let topology = crate::topology::parse(&text, "t.yaml", Format::Yaml).expect("parses");
    let catalog = cat();
    let mut context = Context::new(&catalog, &topology);
    let mut decided = Vec::new();
    (redundant::CHECK.run)(&context, &mut decided);
    assert_eq!(decided.len(), 1, "{decided:?}");
    assert!(
        decided[0].message.contains("rule `again`") && decided[0].message.contains("is redundant"),
        "{decided:?}"
    );
    context.redundancy_work_limit = 2_000;
    let mut undecided = Vec::new();
    (redundant::CHECK.run)(&context, &mut undecided);
    assert_eq!(undecided.len(), 1, "{undecided:?}");
    assert!(
        undecided[0].message.starts_with("could not decide whether rule `again`"),
        "{undecided:?}"
    );
    assert_eq!(undecided[0].location.as_ref().map(|l| l.line), Some(69));
}

#[test]
fn variants_clients_and_peers_are_checked_with_did_you_mean() {
    let mut catalog = cat();
    for p in &mut catalog.platforms {
        if p.id == "ot" {
            p.variants = vec![crate::model::Variant {
                slug: "on-premises".to_owned(),
                name: "On-premises".to_owned(),
            }];
        }
    }
    let text = format!(
        "{ZONES}hosts:\n  cp1: {{ zone: cluster, address: 10.0.0.10, roles: [lm/cp] }}\n  web: {{ zone: cluster, address: 10.0.0.30, roles: [ot/web] }}\nvariants: {{ ot: on-premise }}\nclients: {{ lm/cpp: [corp] }}\npeers: {{ lm/r-2: [corpp] }}\n"
    );
    let (_, report) = check_text(&catalog, &text, "t.yaml", Format::Yaml);
    let find = |code: &'static str| report.findings.iter().filter(move |f| f.code == code);
    let variant = find("P014-unknown-variant").next().expect("unknown variant");
    assert_eq!(variant.help.as_deref(), Some("did you mean `on-premises`?"));
    assert_eq!(variant.location.as_ref().map(|l| l.line), Some(8));
    let settlements: Vec<&Finding> = find("P015-unknown-settlement").collect();
    assert_eq!(settlements.len(), 2, "{}", show(&report));
    assert!(settlements.iter().any(|f| f.help.as_deref() == Some("did you mean `lm/cp`?")));
    assert!(settlements.iter().any(|f| f.help.as_deref() == Some("did you mean `corp`?")));

    // No pick while the platform has variants: a warning naming them.
    let text =
        format!("{ZONES}hosts:\n  web: {{ zone: cluster, address: 10.0.0.30, roles: [ot/web] }}\n");
    let (_, report) = check_text(&catalog, &text, "t.yaml", Format::Yaml);
    let unchosen: Vec<&Finding> =
        report.findings.iter().filter(|f| f.code == "P043-variant-unchosen").collect();
    assert_eq!(unchosen.len(), 1);
    assert!(unchosen.iter().all(|f| f.message.contains("on-premises") && !f.is_error()));
}

/// The newcomer's Ceph (session 16): a zone named like the platform, and the platform listed
/// among a role's clients for the cluster's hosts: the zone was read, the whole network opened,
/// and nothing said so.
#[test]
fn regression_a_client_naming_both_a_zone_and_a_platform_was_read_as_the_zone_in_silence() {
    let text = format!(
        "{ZONES}  lm: {{ cidrs: [10.9.0.0/24] }}\nhosts:\n  cp1: {{ zone: cluster, address: 10.0.0.10, roles: [lm/cp] }}\nclients: {{ lm/cp: [corp, lm] }}\n"
    );
    let (_, report) = check_text(&cat(), &text, "t.yaml", Format::Yaml);
    let said: Vec<&Finding> =
        report.findings.iter().filter(|f| f.code == "P015-unknown-settlement").collect();
    assert_eq!(said.len(), 1, "{}", show(&report));
    assert!(!said[0].is_error());
    assert!(said[0].message.contains("which is a zone and also a platform: read as a zone"));
    assert_eq!(said[0].location.as_ref().map(|l| (l.line, l.column)), Some((8, 26)));
}

/// "8443 or 443" makes two conditional rows; with neither enabled, no rule opened either and
/// nothing said so.
#[test]
fn alternatives_nobody_enabled_were_a_silent_outage() {
    let doc = "---\ntitle: Gateway\nplatform: gw\n---\n\n# Gateway\n\n## Console\n\n| Port | Protocol | Description |\n| --- | --- | --- |\n| 8443 or 443 | TCP | Web console, the port depends on the image |\n\n## Relay\n\n| Port | Protocol | Description |\n| --- | --- | --- |\n| 9000 or 9001 | TCP | Relay feed |\n";
    let build = crate::extract::extract_document(crate::extract::Document {
        path: "gw.md",
        bytes: doc.as_bytes(),
    });
    let catalog = build.catalog;
    let ids: Vec<&str> = catalog
        .requirements()
        .filter(|r| r.component == "gw/console")
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids.len(), 2, "{:?}", catalog.requirements().collect::<Vec<_>>());
    let unchosen = |enable: &str| {
        let text = format!(
            "{ZONES}hosts:\n  c1: {{ zone: cluster, address: 10.0.0.10, roles: [gw/console] }}\n{enable}"
        );
        let (_, report) = check_text(&catalog, &text, "t.yaml", Format::Yaml);
        report
            .findings
            .into_iter()
            .filter(|f| f.code == "P044-alternative-unchosen")
            .collect::<Vec<_>>()
    };
    // Placed, none enabled: one finding for the group, naming ports, ids and the fix.
    let given = unchosen("");
    assert_eq!(given.len(), 1, "{given:?}");
    let finding = &given[0];
    assert!(!finding.is_error());
    assert!(finding.message.contains("8443 or 443"), "{}", finding.message);
    assert!(ids.iter().all(|id| finding.message.contains(id)), "{}", finding.message);
    assert_eq!(finding.location.as_ref().map(|l| l.line), Some(6));
    let first = catalog.requirement(ids[0]).expect("first row");
    assert_eq!(finding.related.first().map(|r| &r.location), Some(&first.source));
    assert_eq!(first.source.file, "gw.md");
    let listed: Vec<&str> = finding.requirements.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(listed, ids);
    assert_eq!(
        finding.help.as_deref(),
        Some(
            format!("add the one your deployment uses to `enable` (e.g. `enable: [{}]`)", ids[0])
                .as_str()
        )
    );
    // One of them enabled: nothing to say.
    assert_eq!(unchosen(&format!("enable: [{}]\n", ids[1])), []);
    // The component enabled as a whole: every alternative is on.
    assert_eq!(unchosen("enable: [gw/console]\n"), []);
    // The relay (its own "9000 or 9001") is placed nowhere: no finding names it.
    assert!(given.iter().all(|f| !f.message.contains("9000")));
}

#[test]
fn a_row_without_peer_is_a_peer_assumed_warning_at_the_role() {
    let catalog = catalog(vec![platform(
        "lm",
        vec![req("lm/cp", "r-1", "8080", "tcp", Direction::Inbound)],
        &[],
    )]);
    let text =
        format!("{ZONES}hosts:\n  cp1: {{ zone: cluster, address: 10.0.0.10, roles: [lm/cp] }}\n");
    let (_, report) = check_text(&catalog, &text, "t.yaml", Format::Yaml);
    let assumed: Vec<&Finding> =
        report.findings.iter().filter(|f| f.code == "P042-peer-assumed").collect();
    assert_eq!(assumed.len(), 1, "{}", show(&report));
    assert!(!assumed[0].is_error());
    assert_eq!(assumed[0].location.as_ref().map(|l| l.line), Some(6));
    assert_eq!(assumed[0].requirements.first().map(|r| r.id.as_str()), Some("lm/r-1"));
    // Settled in the topology: no finding.
    let settled = format!("{text}peers: {{ lm/r-1: [corp] }}\n");
    let (_, report) = check_text(&catalog, &settled, "t.yaml", Format::Yaml);
    assert!(report.findings.iter().all(|f| f.code != "P042-peer-assumed"), "{}", show(&report));
}

#[test]
fn a_component_named_in_peer_text_and_placed_nowhere_is_p040() {
    let catalog = catalog(vec![platform(
        "lm",
        vec![
            with_peer_text(req("lm/etcd", "r-1", "2379", "tcp", Direction::Inbound), "Self, cp"),
            req("lm/cp", "r-2", "6443", "tcp", Direction::Internal),
        ],
        &[],
    )]);
    let text =
        format!("{ZONES}hosts:\n  e1: {{ zone: cluster, address: 10.0.0.10, roles: [lm/etcd] }}\n");
    let (_, report) = check_text(&catalog, &text, "t.yaml", Format::Yaml);
    let p040: Vec<&Finding> =
        report.findings.iter().filter(|f| f.code == "P040-peer-not-placed").collect();
    assert_eq!(p040.len(), 1, "{}", show(&report));
    assert!(p040[0].message.contains("`lm/cp`"));
    // Settled in the topology: nothing is missing.
    let settled = format!("{text}peers: {{ lm/r-1: [cluster] }}\n");
    let (_, report) = check_text(&catalog, &settled, "t.yaml", Format::Yaml);
    assert!(report.findings.iter().all(|f| f.code != "P040-peer-not-placed"), "{}", show(&report));
}

/// Regression (issue 17): one role typo gave one P010 plus a "rule too wide" warning for every
/// rule to or from that host, since a host with an unknown role needs no flow.
#[test]
fn a_role_typo_does_not_cascade_into_rule_too_wide() {
    let typo = "  - { from: corp, to: cp1, ports: [443/tcp] }
  - { from: cp1, to: db, ports: [5432/tcp] }
  - { from: corp, to: db, ports: [22/tcp] }
";
    let text = policy_topology(typo).replacen("roles: [lm/cp]", "roles: [lm/cpx]", 1);
    let report = run(&text);
    let all = show(&report);
    assert_eq!(report.findings.iter().filter(|f| f.code == "P010-unknown-role").count(), 1);
    let wide: Vec<u32> = report
        .findings
        .iter()
        .filter(|f| f.code == "P052-rule-too-wide")
        .filter_map(|f| f.location.as_ref().map(|l| l.line))
        .collect();
    // Rules 1 and 2 only touch cp1 (the typo) on one side: not judged. Rule 3 is wide anyway.
    assert_eq!(wide, [12], "{all}");
}

/// Regression: `enable: [openlm/flannel-wireguard]` (the feature's name, as DESIGN.md's sketch
/// writes it) was a P013 with no help at all; the help now says what `enable` takes and names
/// the requirement whose purpose mentions the entry's words.
#[test]
fn unknown_enable_by_feature_name_points_at_the_requirement() {
    let mut wireguard = req("lm/cp", "r-107", "51820", "udp", Direction::Internal);
    wireguard.purpose = Some("Flannel WireGuard backend (if enabled)".to_owned());
    let mut vxlan = req("lm/cp", "r-105", "8472", "udp", Direction::Internal);
    vxlan.purpose = Some("Flannel VXLAN".to_owned());
    let catalog = catalog(vec![platform("lm", vec![vxlan, wireguard], &[])]);
    let help = |entry: &str| {
        let text = format!(
            "{ZONES}hosts:\n  cp1: {{ zone: cluster, address: 10.0.0.10, roles: [lm/cp] }}\nenable: [{entry}]\n"
        );
        let (_, report) = check_text(&catalog, &text, "t.yaml", Format::Yaml);
        let finding = report.findings.iter().find(|f| f.code == "P013-unknown-enable").cloned();
        finding.and_then(|f| f.help).unwrap_or_default()
    };
    let wg = help("lm/flannel-wireguard");
    assert!(wg.contains("`lm/r-107`"), "{wg}");
    assert!(!wg.contains("`lm/r-105`"), "{wg}");
    let nothing = help("lm/zzz");
    assert!(nothing.contains("takes a component id"), "{nothing}");
}

/// Regression: `roles: [control-plane]` was answered "did you mean `activate/control-plane`?",
/// one of several platforms' control planes picked by alphabet; and `roles: [palette]` (a
/// platform) got the list of platforms.
#[test]
fn a_role_without_its_platform_names_every_candidate() {
    let catalog = catalog(vec![
        platform("zz", vec![req("zz/cp", "r-1", "443", "tcp", Direction::Inbound)], &[]),
        platform("aa", vec![req("aa/cp", "r-1", "443", "tcp", Direction::Inbound)], &[]),
    ]);
    let help = |role: &str| {
        let text = format!(
            "{ZONES}hosts:\n  cp1: {{ zone: cluster, address: 10.0.0.10, roles: [{role}] }}\n"
        );
        let (_, report) = check_text(&catalog, &text, "t.yaml", Format::Yaml);
        let finding = report.findings.iter().find(|f| f.code == "P010-unknown-role").cloned();
        finding.and_then(|f| f.help).unwrap_or_default()
    };
    assert_eq!(help("cp"), "roles are `platform/component`: did you mean one of `aa/cp`, `zz/cp`?");
    assert_eq!(help("zz"), "`zz` is a platform; roles are its components: zz/cp");
    assert_eq!(help("zz/cpp"), "did you mean `zz/cp`?");
}

/// A conditional or optional row nobody enabled was never planned, and only groups of
/// alternatives (P044) said so: a component placed where "if clustering is enabled" holds got
/// no rule for its cluster port, in silence. Now one note per component lists the rows.
#[test]
fn conditional_rows_nobody_enabled_were_never_said() {
    let doc = "---\ntitle: Broker\nplatform: mq\n---\n\n# Broker\n\n## Node\n\n| Port | Protocol | Required | Description |\n| --- | --- | --- | --- |\n| 5672 | TCP | Yes | Clients |\n| 25672 | TCP | Conditional | Inter-node traffic, only if clustering is enabled |\n| 15672 | TCP | Optional | Management console |\n| 8443 or 443 | TCP | Yes | Web console |\n";
    let build = crate::extract::extract_document(crate::extract::Document {
        path: "mq.md",
        bytes: doc.as_bytes(),
    });
    let catalog = build.catalog;
    let id_of = |port: u16| {
        catalog
            .requirements()
            .find(|r| r.ports.start() == port)
            .map(|r| r.id.clone())
            .unwrap_or_else(|| {
                panic!("no row for {port}: {:?}", catalog.requirements().collect::<Vec<_>>())
            })
    };
    let (cluster, console) = (id_of(25672), id_of(15672));
    let notes = |extra: &str| {
        let text = format!(
            "{ZONES}hosts:\n  m1: {{ zone: cluster, address: 10.0.0.10, roles: [mq/node] }}\n  m2: {{ zone: cluster, address: 10.0.0.11, roles: [mq/node] }}\n{extra}"
        );
        let (_, report) = check_text(&catalog, &text, "t.yaml", Format::Yaml);
        report
            .findings
            .into_iter()
            .filter(|f| f.code == "P045-conditional-unenabled")
            .collect::<Vec<_>>()
    };
    // Placed on two hosts, nothing enabled: one note (not one per host or row), at the first
    // role, naming both rows, their condition and the fix; alternatives are left to P044.
    let given = notes("");
    assert_eq!(given.len(), 1, "{given:?}");
    let note = &given[0];
    assert_eq!(note.severity, Severity::Note);
    assert_eq!(note.location.as_ref().map(|l| (l.line, l.column)), Some((6, 52)));
    // The condition the extractor gives here only repeats the cell ("Required: Conditional"),
    // so the row's purpose says what it is for.
    assert!(
        note.message.contains("25672/tcp (conditional, Inter-node traffic"),
        "{}",
        note.message
    );
    assert!(!note.message.contains("Required: Conditional"), "{}", note.message);
    assert!(note.message.contains("15672/tcp (optional"), "{}", note.message);
    assert!(!note.message.contains("8443"), "{}", note.message);
    let listed: Vec<&str> = note.requirements.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(listed, vec![cluster.as_str(), console.as_str()]);
    assert!(note.help.as_deref().is_some_and(|h| h.contains(&format!("enable: [{cluster}]"))));
    // One row enabled: the note lists the other only; the component enabled: no note.
    let one = notes(&format!("enable: [{cluster}]\n"));
    assert_eq!(one.len(), 1);
    let listed: Vec<&str> = one[0].requirements.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(listed, vec![console.as_str()]);
    assert!(notes("enable: [mq/node]\n").is_empty());
    // A note is no warning: the report counts it apart and the exit status stays 0.
    let text =
        format!("{ZONES}hosts:\n  m1: {{ zone: cluster, address: 10.0.0.10, roles: [mq/node] }}\n");
    let (_, report) = check_text(&catalog, &text, "t.yaml", Format::Yaml);
    assert!(report.notes() >= 1 && report.exit_code() == 0, "{}", show(&report));
}

/// Regression (U8b): a `services` listener counted as needed from every address, so a rule
/// opening its port to the internet "fit" although the plan only has the service's `from`.
#[test]
fn service_port_wider_than_its_from_is_rule_too_wide() {
    let zones = "zones:\n  internet: { cidrs: [0.0.0.0/0], trust: untrusted }\n  apps: { cidrs: [10.0.0.0/24] }\n  data: { cidrs: [10.0.1.0/24] }\n";
    let hosts = "hosts:\n  app1: { zone: apps, address: 10.0.0.10 }\n  web1: { zone: data, address: 10.0.1.20 }\n";
    let services =
        "services:\n  - { host: web1, name: postgres, ports: [5432/tcp], from: [apps] }\n";
    let wide = |policy: &str| {
        let report = run(&format!("{zones}{hosts}{services}policy:\n{policy}"));
        let wide: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.code == "P052-rule-too-wide")
            .map(|f| f.message.clone())
            .collect();
        (wide, show(&report))
    };
    for policy in [
        "  - { from: internet, to: web1, ports: [5432/tcp] }\n",
        "  - { from: any, to: web1, ports: [5432/tcp] }\n",
        "  - { from: [apps, 0.0.0.0/0], to: web1, ports: [5432/tcp] }\n",
    ] {
        let (wide, all) = wide(policy);
        assert_eq!(wide.len(), 1, "{policy}{all}");
        assert!(wide[0].contains("is wider than the requirements"), "{}", wide[0]);
        assert!(wide[0].contains("zone internet → host web1 port 5432/tcp"), "{}", wide[0]);
    }
    // The rule the service's `from` asks for fits.
    let (fits, all) = wide("  - { from: apps, to: web1, ports: [5432/tcp] }\n");
    assert!(fits.is_empty(), "{all}");
}

/// chat-server's `5432 (PostgreSQL) / 3306 (MySQL)` made both outbound ports required: every
/// plan opened one for a database nobody runs. Now a group of alternatives: nothing opened
/// until `enable` picks one (P044 says so), then only that one.
#[test]
fn regression_database_alternatives_read_as_both_required() {
    let doc = "---\ntitle: Chat\nplatform: chat\n---\n\n# Chat\n\n## Server\n\n| Purpose | Port | Protocol | Direction |\n| --- | --- | --- | --- |\n| Web | 8065 | TCP | Inbound |\n| Database | 5432 (PostgreSQL) / 3306 (MySQL) | TCP | Outbound |\n";
    let build = crate::extract::extract_document(crate::extract::Document {
        path: "chat.md",
        bytes: doc.as_bytes(),
    });
    let catalog = build.catalog;
    let ids: Vec<&str> = catalog
        .requirements()
        .filter(|r| r.alternatives().is_some())
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids.len(), 2, "{:?}", catalog.requirements().collect::<Vec<_>>());
    let outbound = |enable: &str| {
        let text = format!(
            "{ZONES}hosts:\n  c1: {{ zone: cluster, address: 10.0.0.10, roles: [chat/server] }}\npeers:\n  chat/server: [corp]\n{enable}"
        );
        let (topology, report) = check_text(&catalog, &text, "t.yaml", Format::Yaml);
        let plan = crate::plan::plan(&catalog, &topology.expect("topology"));
        let mut ports: Vec<u16> = plan
            .flows
            .iter()
            .filter(|f| [5432, 3306].contains(&f.ports.start()))
            .map(|f| f.ports.start())
            .collect();
        ports.dedup();
        let unchosen = report.findings.iter().any(|f| f.code == "P044-alternative-unchosen");
        (ports, unchosen)
    };
    assert_eq!(outbound(""), (vec![], true));
    let mysql = ids.iter().find(|id| id.contains("3306")).expect("the MySQL row");
    assert_eq!(outbound(&format!("enable: [{mysql}]\n")), (vec![3306], false));
}
