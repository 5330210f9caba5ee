//! The readers over fixtures captured from the real tools (`tests/audit/capture.sh`), the
//! three formats agreeing with each other, and damaged input never panicking.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::flatten::{Allowed, allowed};
use super::model::{Note, Ruleset};
use super::region::nets_of;
use super::{
    aws_sg, azure_nsg, firewalld, gcp_firewall, iptables, netpol, nft_json, nft_text, sockets, ufw,
};
use crate::check::space::{AddressSet, Family, all};
use crate::data::damage::damaged;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/audit/{name}", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
}

/// What a ruleset accepts, without positions: `sources -> destinations ports/transports`,
/// the sources of one destination, port set and transport set merged (iptables writes one
/// rule per source where nft writes a set).
fn accepted(allowed: &[Allowed]) -> Vec<String> {
    accepted_in(allowed, &AddressSet::everything())
}

fn accepted_v4(allowed: &[Allowed]) -> Vec<String> {
    accepted_in(allowed, &AddressSet::from_spans(Family::V4, all(Family::V4)))
}

fn accepted_in(allowed: &[Allowed], space: &AddressSet) -> Vec<String> {
    let mut merged: BTreeMap<(Vec<String>, String, String), AddressSet> = BTreeMap::new();
    for a in allowed {
        let destinations = a.region.destinations.intersection(space);
        let sources = a.region.sources.intersection(space);
        if sources.is_empty() || destinations.is_empty() {
            continue;
        }
        let key = (
            nets_of(&destinations).iter().map(ToString::to_string).collect(),
            a.region.ports.iter().map(ToString::to_string).collect::<Vec<_>>().join(","),
            a.region.transports.iter().map(|t| t.as_str()).collect::<Vec<_>>().join("+"),
        );
        let entry = merged.entry(key).or_default();
        *entry = entry.union(&sources);
    }
    let mut out: Vec<String> = merged
        .into_iter()
        .map(|((d, p, t), s)| {
            let s: Vec<String> = nets_of(&s).iter().map(ToString::to_string).collect();
            format!("{} -> {} {p}/{t}", s.join(","), d.join(","))
        })
        .collect();
    out.sort();
    out
}

#[allow(dead_code)]
fn accepted_raw(allowed: &[Allowed]) -> Vec<String> {
    let mut out: Vec<String> = allowed
        .iter()
        .map(|a| {
            let nets = |s| nets_of(s).iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
            let ports: Vec<String> = a.region.ports.iter().map(ToString::to_string).collect();
            let transports: Vec<&str> = a.region.transports.iter().map(|t| t.as_str()).collect();
            format!(
                "{} -> {} {}/{}",
                nets(&a.region.sources),
                nets(&a.region.destinations),
                ports.join(","),
                transports.join("+")
            )
        })
        .collect();
    out.sort();
    out
}

fn lines_of(notes: &[Note]) -> Vec<u32> {
    let mut lines: Vec<u32> = notes.iter().map(|n| n.at.line).collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// The address of the server in `tests/audit/probe-real.py`.
fn probe_server() -> AddressSet {
    AddressSet::from_nets(["10.0.0.10/32", "2001:db8:1::10/128"].map(|n| n.parse().unwrap()))
}

fn walk(ruleset: &Ruleset) -> (Vec<Allowed>, Vec<Note>) {
    let (a, mut notes) = allowed(ruleset);
    notes.extend(ruleset.notes.iter().cloned());
    (a, notes)
}

/// `(example, host)` of every captured host firewall.
fn captured_hosts() -> Vec<(String, String)> {
    let dir = format!("{}/tests/fixtures/audit", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    // `real/` holds the shapes of real hosts (tests/real_hosts.rs), `mutations/` plans broken
    // on purpose (tests/mutations.rs): not captures of a plan.
    for example in std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir() && e.file_name() != "real" && e.file_name() != "mutations")
    {
        for file in std::fs::read_dir(example.path()).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            if let Some(host) = name.strip_suffix(".nft") {
                out.push((example.file_name().to_string_lossy().into_owned(), host.to_owned()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn nft_text_and_json_of_one_ruleset_accept_the_same() {
    let hosts = captured_hosts();
    assert!(hosts.len() >= 20, "{hosts:?}");
    for (example, host) in hosts {
        let (text, text_notes) = walk(&nft_text::read(&fixture(&format!("{example}/{host}.nft"))));
        let (json, json_notes) =
            walk(&nft_json::read(&fixture(&format!("{example}/{host}.nft.json"))));
        assert!(text_notes.is_empty(), "{example}/{host}: {text_notes:?}");
        assert!(json_notes.is_empty(), "{example}/{host}: {json_notes:?}");
        assert_eq!(accepted(&text), accepted(&json), "{example}/{host}");
    }
}

#[test]
fn iptables_and_ip6tables_save_of_the_same_plan_accept_what_nft_accepts() {
    for (example, host) in captured_hosts() {
        let read = |suffix: &str| {
            let path = format!(
                "{}/tests/fixtures/audit/{example}/{host}.{suffix}",
                env!("CARGO_MANIFEST_DIR")
            );
            std::fs::read_to_string(path).ok().map(|text| walk(&iptables::read(&text)))
        };
        let mut ipt = Vec::new();
        for (allowed, notes) in [read("iptables"), read("ip6tables")].into_iter().flatten() {
            assert!(notes.is_empty(), "{example}/{host}: {notes:?}");
            ipt.extend(allowed);
        }
        let (nft, _) = walk(&nft_text::read(&fixture(&format!("{example}/{host}.nft"))));
        assert_eq!(accepted(&ipt), accepted(&nft), "{example}/{host}");
    }
}

#[test]
fn firewalld_zones_of_the_same_plan_accept_what_nft_accepts() {
    let mut seen = 0;
    for (example, host) in captured_hosts() {
        let path = format!(
            "{}/tests/fixtures/audit/{example}/{host}.firewalld",
            env!("CARGO_MANIFEST_DIR")
        );
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        seen += 1;
        let (fw, notes) = walk(&firewalld::read(&text));
        // The only remark: offline listings do not mark the default zone.
        assert!(
            notes.iter().all(|n| !n.error && n.message.contains("(default)")),
            "{example}/{host}: {notes:?}"
        );
        let (nft, _) = walk(&nft_text::read(&fixture(&format!("{example}/{host}.nft"))));
        assert_eq!(accepted(&fw), accepted(&nft), "{example}/{host}");
    }
    assert!(seen >= 10, "{seen}");
}

#[test]
fn ufw_status_of_the_same_plan_accepts_what_nft_accepts() {
    let mut seen = 0;
    for (example, host) in captured_hosts() {
        let path =
            format!("{}/tests/fixtures/audit/{example}/{host}.ufw", env!("CARGO_MANIFEST_DIR"));
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        seen += 1;
        let (u, notes) = walk(&ufw::read(&text));
        assert!(notes.is_empty(), "{example}/{host}: {notes:?}");
        let (nft, _) = walk(&nft_text::read(&fixture(&format!("{example}/{host}.nft"))));
        assert_eq!(accepted(&u), accepted(&nft), "{example}/{host}");
    }
    assert!(seen >= 10, "{seen}");
}

#[test]
fn ufw_rows_in_order_with_denies_limits_and_profiles() {
    let text = "Status: active\nLogging: on (low)\nDefault: deny (incoming), allow (outgoing), disabled (routed)\nNew profiles: skip\n\nTo                         Action      From\n--                         ------      ----\n22/tcp                     DENY IN     203.0.113.0/24\n22/tcp                     LIMIT IN    Anywhere\n8000:8080/tcp on eth1      ALLOW IN    10.0.0.0/8\nOpenSSH                    ALLOW IN    10.1.0.0/16\n53                         ALLOW IN    Anywhere\n443/tcp                    ALLOW OUT   Anywhere\n";
    let (a, notes) = walk(&ufw::read(text));
    let got = accepted_v4(&a);
    assert!(got.iter().any(|l| l.contains(" 22/tcp") && !l.starts_with("0.0.0.0/0 ")), "{got:?}");
    assert!(got.iter().any(|l| l.contains(" 53/tcp+udp")), "{got:?}");
    assert!(!got.iter().any(|l| l.contains("443")), "OUT rows are egress: {got:?}");
    assert_eq!(lines_of(&notes), [9, 10], "the limit and the interface: {notes:?}");
}

#[test]
fn firewalld_source_zones_services_and_deny_rules() {
    let text = "trusted (active)\n  target: ACCEPT\n  interfaces: \n  sources: 10.9.0.0/16\n  services: \n  ports: \n  rich rules: \nhome (default, active)\n  target: default\n  interfaces: eth0\n  sources: \n  services: ssh unknown-thing\n  ports: 8000-8080/tcp\n  rich rules: \n\trule family=\"ipv4\" port port=\"443\" protocol=\"tcp\" accept\n\trule family=\"ipv4\" source address=\"203.0.113.0/24\" drop\n";
    let ruleset = firewalld::read(text);
    let (a, notes) = walk(&ruleset);
    let got = accepted_v4(&a);
    // The trusted zone accepts everything from its source.
    assert!(
        got.iter().any(|l| l.starts_with("10.9.0.0/16 -> ") && l.contains("1-65535")),
        "{got:?}"
    );
    // The default zone: ssh, 8000-8080 and the rich 443, none of it from the dropped /24.
    assert!(got.iter().any(|l| l.contains(" 22/tcp")), "{got:?}");
    assert!(got.iter().any(|l| l.contains(" 8000-8080/tcp")), "{got:?}");
    assert!(got.iter().all(|l| !l.starts_with("0.0.0.0/0 ") || l.contains("1-65535")), "{got:?}");
    assert!(
        notes.iter().any(|n| n.error && n.message.contains("unknown-thing") && n.at.line == 12),
        "{notes:?}"
    );
}

/// Jumps, returns, drops before accepts, and matches Portolan does not model, in the three
/// formats (the nft file has one more rule, on an interface).
#[test]
fn tricky_rulesets_are_read_conservatively_and_alike() {
    let (ipt, ipt_notes) = walk(&iptables::read(&fixture("tricky.iptables")));
    let (nft, nft_notes) = walk(&nft_text::read(&fixture("tricky.nft")));
    let (json, json_notes) = walk(&nft_json::read(&fixture("tricky.nft.json")));
    let ipt = accepted_v4(&ipt);
    // The web chain: 80 and 443 from everyone but the dropped address and the returned /24.
    let web: Vec<&String> =
        ipt.iter().filter(|l| l.ends_with(" 80/tcp") || l.ends_with("80,443/tcp")).collect();
    assert!(!web.is_empty(), "{ipt:?}");
    assert!(web.iter().all(|l| !l.starts_with("0.0.0.0/0 ")), "{web:?}");
    assert!(
        ipt.iter().any(|l| l.starts_with("10.20.0.0/16 -> ") && l.ends_with(" 22/tcp")),
        "{ipt:?}"
    );
    assert!(
        ipt.iter().any(|l| l.starts_with("10.0.0.0/22 -> ") && l.ends_with(" 9100/tcp")),
        "{ipt:?}"
    );
    assert!(ipt.iter().any(|l| l.ends_with(" 8472-8473/udp")), "{ipt:?}");
    // 5432 is rejected before it is accepted: nothing on 5432 is accepted.
    assert!(!ipt.iter().any(|l| l.contains(" 5432")), "{ipt:?}");
    // Notes: the mark (13), recent (14), limit (15) and the dead accept of 5432 (18).
    assert_eq!(lines_of(&ipt_notes), [13, 14, 15, 18], "{ipt_notes:?}");
    assert_eq!(accepted(&nft), accepted(&json));
    let nft = accepted_v4(&nft);
    let without_interface: Vec<String> =
        nft.iter().filter(|l| !l.ends_with(" 3000/tcp")).cloned().collect();
    assert_eq!(without_interface, ipt);
    // The mark, the rate limit, the dead 5432 accept, the interface.
    assert_eq!(lines_of(&nft_notes), [15, 16, 19, 20], "{nft_notes:?}");
    assert_eq!(json_notes.len(), nft_notes.len(), "{json_notes:?}");
}

/// Regression: a chain that jumps to itself twice doubled the work at each of 32 levels.
#[test]
fn a_chain_jumping_to_itself_is_bounded_and_located() {
    let text = "*filter\n:INPUT DROP [0:0]\n:LOOP - [0:0]\n-A INPUT -j LOOP\n-A LOOP -j LOOP\n-A LOOP -j LOOP\n-A LOOP -p tcp --dport 22 -j ACCEPT\nCOMMIT\n";
    let (a, notes) = walk(&iptables::read(text));
    assert!(notes.iter().any(|n| n.error && (n.at.line == 5 || n.at.line == 6)), "{notes:?}");
    assert!(accepted(&a).iter().all(|l| l.ends_with(" 22/tcp")));
}

#[test]
fn a_truncated_iptables_save_is_located_and_the_rest_still_read() {
    let text = fixture("openlm/cp1.iptables");
    let cut: String = text.lines().take(13).map(|l| format!("{l}\n")).collect();
    let ruleset = iptables::read(&cut);
    let errors: Vec<&Note> = ruleset.notes.iter().filter(|n| n.error).collect();
    assert_eq!(errors.len(), 1, "{:?}", ruleset.notes);
    assert_eq!(errors[0].at.line, 13);
    assert!(errors[0].message.contains("truncated"));
    assert!(!allowed(&ruleset).0.is_empty());
}

#[test]
fn unknown_nft_syntax_is_a_located_assumption() {
    // `fib daddr type local` (addressed to the host) is modelled: no note for line 5.
    let text = "table inet t {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\tosf name \"Linux\" tcp dport 22 accept\n\t\tfib daddr type local tcp dport 80 accept\n\t}\n}\n";
    let ruleset = nft_text::read(text);
    let (a, notes) = allowed(&ruleset);
    let all: Vec<&Note> = ruleset.notes.iter().chain(&notes).collect();
    assert!(
        all.iter().any(|n| n.at.line == 4 && n.at.column == 3 && n.message.contains("osf")),
        "{all:?}"
    );
    assert!(all.iter().all(|n| n.at.line == 4), "{all:?}");
    assert_eq!(
        accepted(&a),
        ["0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 22/tcp", "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 80/tcp"]
    );
}

#[test]
fn security_groups_of_the_wrong_shape_are_a_located_error() {
    let none = std::collections::HashMap::new();
    let ruleset = aws_sg::read("{\"nftables\": []}", &[], &none);
    assert!(ruleset.notes.iter().any(|n| n.error && n.message.contains("SecurityGroups")));
    let ruleset = aws_sg::read(
        "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"IpPermissions\": [{\"IpProtocol\": \"tcp\", \"FromPort\": 443, \"ToPort\": 80, \"IpRanges\": [{\"CidrIp\": \"nonsense\"}]}]}]}",
        &[],
        &none,
    );
    let errors: Vec<&Note> = ruleset.notes.iter().filter(|n| n.error).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().all(|n| n.at.line == 1 && n.at.column > 1));
}

#[test]
fn json_of_the_wrong_shape_is_a_located_error() {
    let ruleset = nft_json::read("{\"SecurityGroups\": []}");
    assert_eq!(ruleset.notes.len(), 1);
    assert!(ruleset.notes[0].error && ruleset.notes[0].message.contains("nftables"));
    let ruleset = nft_json::read("{\"nftables\": [ {\"rule\": ");
    assert!(ruleset.notes.iter().all(|n| n.error && n.at.line == 1));
}

/// Two policies in the shapes `kubectl get -o yaml` and hand-written files use.
const NETPOL: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n            except: [10.1.0.0/16]\n        - podSelector:\n            matchExpressions:\n              - { key: tier, operator: In, values: [front] }\n      ports:\n        - { protocol: TCP, port: 8080, endPort: 8090 }\n        - { port: http }\n---\nkind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: { name: deny }\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n";

#[test]
fn network_policies_select_pods_by_label_and_read_blocks_and_ports() {
    let web = netpol::Pod {
        labels: [("app".to_owned(), "web".to_owned())].into_iter().collect(),
        addresses: vec!["10.0.0.5/32".parse().unwrap()],
    };
    let front = netpol::Pod {
        labels: [("tier".to_owned(), "front".to_owned())].into_iter().collect(),
        addresses: vec!["10.2.0.7/32".parse().unwrap()],
    };
    let (a, notes) = walk(&netpol::read(NETPOL, &web, &[web.clone(), front.clone()]));
    let got = accepted_v4(&a);
    // 10.0.0.0/8 minus 10.1.0.0/16; the named port `http` read as every port (with a note).
    assert!(
        got.iter().any(|l| l.contains("10.0.0.0/16,") && !l.contains("10.1.0.0/16")),
        "{got:?}"
    );
    assert!(got.iter().all(|l| l.contains("1-65535/tcp")), "{got:?}");
    assert!(notes.iter().any(|n| n.message.contains("named port") && n.at.line == 19), "{notes:?}");
    // The second policy isolates every pod: `front` accepts nothing.
    let (a, _) = walk(&netpol::read(NETPOL, &front, &[web, front.clone()]));
    assert!(a.is_empty(), "{:?}", accepted(&a));
    // A pod no policy selects for ingress accepts everything.
    let lone = "kind: NetworkPolicy\nspec:\n  podSelector: { matchLabels: { app: db } }\n";
    let (a, _) = walk(&netpol::read(lone, &front, std::slice::from_ref(&front)));
    assert_eq!(accepted(&a).len(), 1);
}

/// Regression: `kubectl get networkpolicy -o json` was detected as nft JSON (an error, the
/// host read as accepting nothing); it reads as the same policies in YAML.
#[test]
fn network_policies_as_kubectl_json_read_like_yaml() {
    let json = r#"{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": {"name": "db-from-web", "namespace": "shop"},
            "spec": {
                "podSelector": {"matchLabels": {"app": "db"}},
                "policyTypes": ["Ingress"],
                "ingress": [{
                    "from": [{"ipBlock": {"cidr": "10.0.0.0/16", "except": ["10.0.9.0/24"]}}],
                    "ports": [{"protocol": "TCP", "port": 5432, "endPort": 5433}]
                }]
            }
        }
    ],
    "kind": "List",
    "metadata": {"resourceVersion": ""}
}
"#;
    let yaml = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: db-from-web}\n  spec:\n    podSelector: {matchLabels: {app: db}}\n    policyTypes: [Ingress]\n    ingress:\n    - from:\n      - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.9.0/24]}\n      ports:\n      - {protocol: TCP, port: 5432, endPort: 5433}\n";
    assert_eq!(super::detect::rules_format(json), super::RulesFormat::NetworkPolicy);
    let db = netpol::Pod {
        labels: [("app".to_owned(), "db".to_owned())].into_iter().collect(),
        addresses: vec!["10.0.0.30/32".parse().unwrap()],
    };
    let (from_json, notes) = walk(&netpol::read(json, &db, std::slice::from_ref(&db)));
    assert!(!notes.iter().any(|n| n.error), "{notes:#?}");
    let (from_yaml, _) = walk(&netpol::read(yaml, &db, std::slice::from_ref(&db)));
    assert_eq!(accepted(&from_json), accepted(&from_yaml));
    let got = accepted(&from_json);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].ends_with(" 5432-5433/tcp") && !got[0].contains("10.0.9.0"), "{got:?}");
}

/// Regression: `aws ec2 describe-security-group-rules` output (one entry per rule, sources at
/// the top level: `CidrIpv4`, `CidrIpv6`, `PrefixListId`, `ReferencedGroupInfo`) was an error
/// ("expected a `SecurityGroups` list"): the host was read as accepting nothing.
#[test]
fn security_group_rules_one_entry_per_rule() {
    let text = fixture("aws/security-group-rules.json");
    assert_eq!(super::detect::rules_format(&text), super::RulesFormat::AwsSg);
    let mut members = std::collections::HashMap::new();
    members.insert("sg-0a1b2c3d4e5f60002".to_owned(), vec!["10.0.0.20/32".parse().unwrap()]);
    let (a, notes) = walk(&aws_sg::read(&text, &["sg-0a1b2c3d4e5f60004".to_owned()], &members));
    assert!(!notes.iter().any(|n| n.error), "{notes:#?}");
    assert_eq!(
        accepted(&a),
        [
            "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 22/tcp",
            "10.0.0.0/22 -> 0.0.0.0/0 1-65535/tcp+udp+sctp",
            "10.0.0.20/32 -> 0.0.0.0/0 5432/tcp",
            "192.0.2.0/24 -> 0.0.0.0/0 8000-8100/tcp",
            "::/0 -> ::/0 443/tcp",
        ]
    );
    assert!(notes.iter().any(|n| n.message.contains("pl-0123456789abcdef0")), "{notes:#?}");
    // A group the host names but the file has no rule of is said, as an error.
    let (_, notes) = walk(&aws_sg::read(&text, &["sg-missing".to_owned()], &members));
    assert!(notes.iter().any(|n| n.error && n.message.contains("sg-missing")), "{notes:#?}");
}

/// What `az network nsg show` lists for cp1: priority order (a deny at 150 before the allows),
/// `Internet` as any address, a source ASG of the host `monitor` (10.0.0.30), ICMP concerning
/// no flow, and Azure's defaults after the allows.
#[test]
fn azure_nsg_rules_apply_in_priority_order_with_tags_and_groups() {
    let text = fixture("azure/nsg-show.json");
    let mut members = std::collections::HashMap::new();
    members.insert("monitoring".to_owned(), vec!["10.0.0.30/32".parse().unwrap()]);
    let names = ["openlm-cluster-nsg".to_owned()];
    let host = azure_nsg::HostView { names: &names, members: &members };
    let (a, notes) = walk(&azure_nsg::read(&text, &host));
    assert!(!notes.iter().any(|n| n.error), "{notes:#?}");
    let got = accepted(&a);
    // The leftover rule opens every port but telnet (denied at 150) to everyone.
    assert!(
        got.iter().any(|r| r == "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 1-22,24-65535/tcp+udp+sctp"),
        "{got:#?}"
    );
    let tag =
        notes.iter().find(|n| n.message.contains("VirtualNetwork")).expect("a note on the tag");
    // ICMP concerns no flow: only the default rule's tag is said, at its line.
    let default = text.lines().position(|l| l.contains("AllowVnetInBound")).expect("default");
    let source = text.lines().skip(default).position(|l| l.contains("\"VirtualNetwork\""));
    assert_eq!(Some(tag.at.line as usize), source.map(|l| l + default + 1), "{tag:?}");
    // Without the leftover rule, each rule allows what it says.
    let leftover =
        "\"priority\": 4000,\n      \"direction\": \"Inbound\",\n      \"access\": \"Allow\"";
    assert!(text.contains(leftover));
    let narrowed = text.replace(leftover, &leftover.replace("Allow", "Deny"));
    let (a, _) = walk(&azure_nsg::read(&narrowed, &host));
    let got = accepted(&a);
    // A deny of everything at 4000: the defaults after it are never reached.
    assert_eq!(
        got,
        [
            "0.0.0.0/0 -> 10.0.0.10/32 443/tcp",
            "10.0.0.11/32,10.0.0.12/32,10.0.0.20/32 -> 0.0.0.0/0 6443,10250,30000-32767/tcp",
            "10.0.0.30/32 -> 0.0.0.0/0 9100/tcp",
        ]
    );
}

/// `az network nsg rule list` leaves Azure's default rules out: they are added (the
/// VirtualNetwork one said); a destination ASG the host is not in is another host's rule; a
/// deny whose source tag cannot be resolved blocks nothing, which is said.
#[test]
fn azure_rule_list_gets_the_default_rules_and_reads_groups_by_membership() {
    let text = fixture("azure/nsg-rule-list.json");
    assert_eq!(super::detect::rules_format(&text), super::RulesFormat::AzureNsg);
    let mut members = std::collections::HashMap::new();
    members.insert("web-tier".to_owned(), vec!["10.0.0.11/32".parse().unwrap()]);
    let outside = azure_nsg::HostView { names: &[], members: &members };
    let (a, notes) = walk(&azure_nsg::read(&text, &outside));
    let got = accepted(&a);
    assert!(got.iter().any(|r| r == "10.20.0.0/16 -> 10.0.0.10/32 8000-8100/udp"), "{got:#?}");
    assert!(!got.iter().any(|r| r.contains(" 80/tcp")), "{got:#?}");
    assert!(notes.iter().any(|n| n.message.contains("AllowVnetInBound")), "{notes:#?}");
    assert!(
        notes.iter().any(|n| n.message.contains("Storage.WestEurope") && n.at.line == 35),
        "{notes:#?}"
    );
    let names = ["web-tier".to_owned()];
    let inside = azure_nsg::HostView { names: &names, members: &members };
    let (a, _) = walk(&azure_nsg::read(&text, &inside));
    assert!(accepted(&a).iter().any(|r| r == "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 80/tcp"));
}

/// A subnet's NSG and a NIC's NSG both apply: a connection needs an Allow from each. The second
/// is in the ARM shape (fields under `properties`), read alike.
#[test]
fn azure_nsgs_that_both_apply_must_both_allow() {
    let rule = |name: &str, priority: u32, port: &str| {
        format!(
            "{{\"name\": \"{name}\", \"priority\": {priority}, \"direction\": \"Inbound\", \"access\": \"Allow\", \"protocol\": \"Tcp\", \"sourceAddressPrefix\": \"*\", \"destinationAddressPrefix\": \"*\", \"destinationPortRange\": \"{port}\"}}"
        )
    };
    // Each ends with a deny of everything, so Azure's default allows (added, as the listing
    // leaves them out) are never reached.
    let deny = rule("deny", 4096, "*").replace("Allow", "Deny").replace("Tcp", "*");
    let text = format!(
        "[{{\"name\": \"subnet\", \"securityRules\": [{}, {}, {deny}]}},\n {{\"name\": \"nic\", \"properties\": {{\"securityRules\": [{{\"properties\": {}}}, {deny}]}}}}]",
        rule("web", 100, "443"),
        rule("ssh", 110, "22"),
        rule("web", 100, "443").replace("\"name\": \"web\", ", ""),
    );
    let none = std::collections::HashMap::new();
    let names = ["subnet".to_owned(), "nic".to_owned()];
    let (a, notes) =
        walk(&azure_nsg::read(&text, &azure_nsg::HostView { names: &names, members: &none }));
    assert!(!notes.iter().any(|n| n.error), "{notes:#?}");
    let got = accepted(&a);
    assert!(got.iter().any(|r| r.ends_with(" 443/tcp")), "{got:#?}");
    assert!(!got.iter().any(|r| r.contains(" 22/tcp")), "{got:#?}");
    // The subnet's alone lets SSH in.
    let names = ["subnet".to_owned()];
    let (a, _) =
        walk(&azure_nsg::read(&text, &azure_nsg::HostView { names: &names, members: &none }));
    assert!(accepted(&a).iter().any(|r| r.contains("22/tcp")), "{:#?}", accepted(&a));
}

#[test]
fn azure_json_of_the_wrong_shape_is_a_located_error() {
    let none = std::collections::HashMap::new();
    let host = azure_nsg::HostView { names: &[], members: &none };
    let ruleset = azure_nsg::read("{\"nftables\": []}", &host);
    assert!(ruleset.notes.iter().any(|n| n.error && n.message.contains("securityRules")));
    let ruleset = azure_nsg::read(
        "[{\"direction\": \"Inbound\", \"access\": \"Allow\", \"priority\": 100, \"protocol\": \"Gre!\", \"sourceAddressPrefix\": \"*\"},\n {\"direction\": \"In\"}]",
        &host,
    );
    let errors: Vec<&Note> = ruleset.notes.iter().filter(|n| n.error).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    let mut lines: Vec<u32> = errors.iter().map(|n| n.at.line).collect();
    lines.sort_unstable();
    assert_eq!(lines, [1, 2]);
}

fn gcp_members() -> std::collections::HashMap<String, Vec<ipnet::IpNet>> {
    let nodes = ["10.0.0.10/32", "10.0.0.11/32", "10.0.0.12/32", "10.0.0.20/32"];
    let mut members = std::collections::HashMap::new();
    members.insert("k8s-node".to_owned(), nodes.iter().map(|n| n.parse().unwrap()).collect());
    members
}

/// cp1 tagged `web` and `k8s-node`: the deny at 900 comes first, the disabled and egress rules
/// and the rule for tag `debug` do not concern it, a service account is said, ICMP is no flow.
#[test]
fn gcp_rules_apply_by_target_tag_in_priority_order() {
    let text = fixture("gcp/firewall-rules.json");
    let members = gcp_members();
    let tags = ["web".to_owned(), "k8s-node".to_owned()];
    let (a, notes) = walk(&gcp_firewall::read(
        &text,
        &gcp_firewall::HostView { tags: &tags, members: &members },
    ));
    assert!(!notes.iter().any(|n| n.error), "{notes:#?}");
    assert_eq!(
        accepted(&a),
        [
            "0.0.0.0/0 -> 0.0.0.0/0 443/tcp",
            "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 9100/tcp",
            "10.0.0.10/31,10.0.0.12/32,10.0.0.20/32 -> 0.0.0.0/0 6443,30000-32767/tcp",
            "10.0.0.10/31,10.0.0.12/32,10.0.0.20/32 -> 0.0.0.0/0 8472/udp",
            // The deny at 900 keeps 10.0.0.12 from the kubelet.
            "10.0.0.10/31,10.0.0.20/32 -> 0.0.0.0/0 10250/tcp",
        ]
    );
    let account = text.lines().position(|l| l.contains("collector@")).expect("account");
    assert!(
        notes.iter().any(|n| n.message.contains("collector@") && n.at.line as usize == account + 1),
        "{notes:#?}"
    );
    // Tagged `debug` too, the leftover rule opens everything (but what the deny at 900 keeps).
    let tags = ["web".to_owned(), "debug".to_owned()];
    let (a, _) = walk(&gcp_firewall::read(
        &text,
        &gcp_firewall::HostView { tags: &tags, members: &members },
    ));
    assert!(
        accepted(&a).iter().any(|r| r == "0.0.0.0/0 -> 0.0.0.0/0 1-10249,10251-65535/tcp"),
        "{:#?}",
        accepted(&a)
    );
}

/// With no `network_tags:`, every targeted rule is read as the host's, which is said once.
#[test]
fn gcp_host_without_tags_gets_every_rule_with_a_note() {
    let text = fixture("gcp/firewall-rules.json");
    let members = gcp_members();
    let ruleset =
        gcp_firewall::read(&text, &gcp_firewall::HostView { tags: &[], members: &members });
    let (a, _) = walk(&ruleset);
    assert!(ruleset.notes.iter().any(|n| n.message.contains("network_tags") && n.at.line == 1));
    assert!(accepted(&a).iter().any(|r| r.contains("1-65535/tcp")), "{:#?}", accepted(&a));
}

#[test]
fn gcp_json_of_the_wrong_shape_is_a_located_error() {
    let none = std::collections::HashMap::new();
    let host = gcp_firewall::HostView { tags: &[], members: &none };
    let ruleset = gcp_firewall::read("{\"nftables\": []}", &host);
    assert!(ruleset.notes.iter().any(|n| n.error && n.message.contains("firewall-rules list")));
    let ruleset = gcp_firewall::read(
        "[{\"direction\": \"INGRESS\", \"allowed\": [{\"IPProtocol\": \"tcp\", \"ports\": [\"80-x\"]}]},\n {\"direction\": \"SIDEWAYS\"}]",
        &host,
    );
    let errors: Vec<&Note> = ruleset.notes.iter().filter(|n| n.error).collect();
    let mut lines: Vec<u32> = errors.iter().map(|n| n.at.line).collect();
    lines.sort_unstable();
    assert_eq!(lines, [1, 2], "{errors:?}");
}

const SYNTAX: &[u8] = b" \n\t{}[],:;\"-/!@*#%.0123456789abcdefxADROPCMIT";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn damaged_iptables_never_panics(text in damaged(prop::sample::select(vec![
        fixture("tricky.iptables"),
        fixture("real/docker-host-counters.iptables"),
        fixture("real/kube-node.iptables"),
        fixture("real/calico-hep.iptables"),
        fixture("real/redirect-host.iptables"),
        fixture("real/docker-host-ipsets.iptables"),
        fixture("real/ufw-host.iptables"),
        fixture("real/ipv6-host.ip6tables"),
        fixture("real/csf-host.iptables"),
        fixture("real/docker-networks.iptables"),
        fixture("real/docker-forward.iptables"),
        fixture("real/old-host.iptables"),
        fixture("real/shapes.iptables"),
        fixture("real/nixos-fw.iptables"),
        fixture("real/proxmox-host.iptables"),
        fixture("real/libvirt-host.iptables"),
        fixture("real/ufw-user.rules"),
        fixture("real/nixos-fw.iptables-L"),
        fixture("real/csf-host-names.iptables-L"),
        fixture("real/docker-host.iptables-L"),
        fixture("real/kube-node.iptables-L"),
        fixture("real/shapes.iptables-L"),
        fixture("real/tailscale-host.iptables"),
        fixture("real/tailscale-host.iptables-S"),
        fixture("real/kube-router.iptables"),
        fixture("real/cilium-node.iptables"),
        fixture("real/ferm-host.iptables"),
        fixture("real/shorewall-host.iptables"),
        fixture("real/firehol-host.iptables"),
        fixture("real/firehol-host.ip6tables"),
        fixture("real/arno-host.iptables"),
    ]), SYNTAX)) {
        let ruleset = iptables::read(&text);
        let _ = allowed(&ruleset);
        let _ = super::flatten::allowed_on(&ruleset, &probe_server(), &["eth0".to_owned()]);
        let _ = super::flatten::allowed_at(&ruleset, &probe_server());
    }

    #[test]
    fn damaged_nft_text_never_panics(text in damaged(prop::sample::select(vec![
        fixture("tricky.nft"),
        fixture("real/docker-host.nft"),
        fixture("real/firewalld-shape.nft"),
        fixture("real/firewalld.nft"),
        fixture("real/sets-and-maps.nft"),
        fixture("real/server-vmaps.nft"),
        fixture("real/inet-host.nft"),
        fixture("real/dnat-forward.nft"),
        fixture("real/handles.nft"),
        fixture("real/stateless.nft"),
        fixture("real/firewalld-policies.nft"),
        fixture("real/nftables.conf"),
        fixture("real/kube-proxy-nft.nft"),
        fixture("real/balancer.nft"),
        fixture("real/openwrt-fw4.nft"),
        fixture("real/nixos-nft.nft"),
        fixture("real/kube-proxy-nft6.nft"),
        fixture("real/libvirt-nft.nft"),
        fixture("real/bans-nft.nft"),
        fixture("real/docker29-nft.nft"),
        fixture("real/calico-nft.nft"),
        fixture("real/wg-quick-nft.nft"),
        fixture("real/netavark-nft.nft"),
    ]), SYNTAX)) {
        let ruleset = nft_text::read(&text);
        let _ = allowed(&ruleset);
        let _ = super::flatten::allowed_on(&ruleset, &probe_server(), &["eth0".to_owned()]);
        let _ = super::flatten::allowed_at(&ruleset, &probe_server());
    }

    #[test]
    fn damaged_nft_json_never_panics(text in damaged(prop::sample::select(vec![
        fixture("tricky.nft.json"),
        fixture("real/docker-host.nft.json"),
        fixture("real/firewalld-shape.nft.json"),
        fixture("real/sets-and-maps.nft.json"),
        fixture("real/inet-host.nft.json"),
        fixture("real/dnat-forward.nft.json"),
        fixture("real/kube-proxy-nft.nft.json"),
        fixture("real/balancer.nft.json"),
        fixture("real/handles.nft.json"),
        fixture("real/openwrt-fw4.nft.json"),
        fixture("real/nixos-nft.nft.json"),
        fixture("real/kube-proxy-nft6.nft.json"),
        fixture("real/libvirt-nft.nft.json"),
        fixture("real/bans-nft.nft.json"),
        fixture("real/docker29-nft.nft.json"),
        fixture("real/calico-nft.nft.json"),
        fixture("real/wg-quick-nft.nft.json"),
        fixture("real/netavark-nft.nft.json"),
    ]), SYNTAX)) {
        let ruleset = nft_json::read(&text);
        let _ = allowed(&ruleset);
        let _ = super::flatten::allowed_on(&ruleset, &probe_server(), &["eth0".to_owned()]);
    }

    #[test]
    fn damaged_security_groups_never_panic(text in damaged(prop::sample::select(vec![
        fixture("aws/security-groups.json"),
        fixture("aws/security-group-rules.json"),
    ]), SYNTAX)) {
        let ruleset = aws_sg::read(&text, &[], &std::collections::HashMap::new());
        let _ = allowed(&ruleset);
    }

    #[test]
    fn damaged_azure_nsgs_never_panic(text in damaged(prop::sample::select(vec![
        fixture("azure/nsg-show.json"),
        fixture("azure/nsg-rule-list.json"),
    ]), SYNTAX)) {
        let mut members = std::collections::HashMap::new();
        members.insert("monitoring".to_owned(), vec!["10.0.0.30/32".parse().unwrap()]);
        let names = ["web-tier".to_owned(), "openlm-cluster-nsg".to_owned()];
        let ruleset = azure_nsg::read(&text, &azure_nsg::HostView { names: &names, members: &members });
        let _ = allowed(&ruleset);
    }

    #[test]
    fn damaged_gcp_firewall_rules_never_panic(text in damaged(
        Just(fixture("gcp/firewall-rules.json")),
        SYNTAX,
    )) {
        let members = gcp_members();
        let tags = ["web".to_owned(), "k8s-node".to_owned()];
        let ruleset = gcp_firewall::read(&text, &gcp_firewall::HostView { tags: &tags, members: &members });
        let _ = allowed(&ruleset);
    }

    #[test]
    fn damaged_network_policies_never_panic(text in damaged(Just(NETPOL.to_owned()), SYNTAX)) {
        let pod = netpol::Pod::default();
        let ruleset = netpol::read(&text, &pod, std::slice::from_ref(&pod));
        let _ = allowed(&ruleset);
    }

    #[test]
    fn damaged_firewalld_listings_never_panic(text in damaged(prop::sample::select(vec![
        fixture("openlm/cp1.firewalld"),
        fixture("real/firewalld-busy.firewalld"),
        fixture("real/firewalld-policies.firewalld"),
    ]), SYNTAX)) {
        let ruleset = firewalld::read(&text);
        let _ = allowed(&ruleset);
        let _ = super::flatten::allowed_on(&ruleset, &probe_server(), &["eth0".to_owned()]);
    }

    #[test]
    fn damaged_ufw_status_never_panics(text in damaged(prop::sample::select(vec![
        fixture("openlm/cp1.ufw"),
        fixture("real/ufw-busy.ufw"),
        fixture("real/ufw-busy-numbered.ufw"),
    ]), SYNTAX)) {
        let ruleset = ufw::read(&text);
        let _ = allowed(&ruleset);
        let _ = super::flatten::allowed_on(&ruleset, &probe_server(), &["eth0".to_owned()]);
    }

    #[test]
    fn damaged_socket_lists_never_panic(
        text in damaged(prop::sample::select(vec![
            fixture("cp1.ss"),
            fixture("cp1.netstat"),
            fixture("cp1.lsof"),
            fixture("cp1-e.ss"),
            fixture("real/busy.ss"),
            fixture("real/busy.netstat"),
            fixture("real/busy.lsof"),
        ]), SYNTAX)
    ) {
        let _ = sockets::read(&text, None);
    }
}

mod listings;

mod mutations;

mod real_hosts;

mod windows;

/// A pod (host) with these labels at this address.
fn pod(labels: &[(&str, &str)], address: &str) -> netpol::Pod {
    netpol::Pod {
        labels: labels.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        addresses: vec![address.parse().unwrap()],
    }
}

/// Regression: Calico's own `kind: NetworkPolicy` (`projectcalico.org/v3`) was read as
/// Kubernetes': no `podSelector`, so every pod selected; its ports (under `destination`) unseen
/// and `action: Deny` read as an allow: the database host read as open to everyone, unsaid.
#[test]
fn regression_calico_policies_are_read_in_order_with_their_actions() {
    let text = fixture("calico/policies.yaml");
    assert_eq!(super::detect::rules_format(&text), super::RulesFormat::NetworkPolicy);
    let db = pod(&[("role", "db"), ("env", "prod")], "10.0.0.10/32");
    let app = pod(&[("role", "app")], "10.20.5.7/32");
    let web = pod(&[("role", "web")], "10.0.0.20/32");
    let pods = [db.clone(), app.clone(), web.clone()];
    let (a, notes) = walk(&netpol::read(&text, &db, &pods));
    assert!(notes.iter().all(|n| !n.error), "{notes:#?}");
    let got = accepted_v4(&a);
    // The app pod (inside the denied 10.20.0.0/16 but in its notNets hole) reaches 5432 and
    // the exporter's range; nobody else reaches 5432; the blocklist reaches nothing; ssh comes
    // from the ops namespace, not modelled: any address but the blocklist (said).
    assert!(got.contains(&"10.20.5.7/32 -> 0.0.0.0/0 5432,9187-9188/tcp".to_owned()), "{got:#?}");
    assert!(!got.iter().any(|l| l.contains("5432") && !l.starts_with("10.20.5.7/32")), "{got:#?}");
    assert!(
        got.iter().any(|l| l.ends_with(" 22/tcp") && !l.contains("203.0.113.0/24")),
        "{got:#?}"
    );
    assert!(!got.iter().any(|l| l.ends_with(" 443/tcp")), "{got:#?}");
    assert!(
        notes.iter().any(|n| n.at.line == 46 && n.message.contains("namespaceSelector")),
        "{notes:#?}"
    );
    assert!(notes.iter().any(|n| n.at.line == 15 && n.message.contains("Pass")), "{notes:#?}");
    // The web host: its own policy (443), after the global blocklist.
    let (a, _) = walk(&netpol::read(&text, &web, &pods));
    let got = accepted_v4(&a);
    assert!(got.iter().any(|l| l.ends_with(" 443/tcp") && !l.contains("203.0.113.")), "{got:#?}");
    assert!(!got.iter().any(|l| l.ends_with(" 5432/tcp")), "{got:#?}");
    // A selector Portolan does not read is said, never taken as selecting nobody in silence.
    let odd = "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: x}\nspec:\n  selector: role contains 'd'\n  ingress:\n  - action: Allow\n    protocol: TCP\n    destination: {ports: [80]}\n";
    let (_, notes) = walk(&netpol::read(odd, &db, &pods));
    assert!(notes.iter().any(|n| n.at.line == 5 && n.message.contains("contains")), "{notes:#?}");
}

/// Regression: Cilium's `CiliumNetworkPolicy` / `CiliumClusterwideNetworkPolicy` were passed
/// over (the file read as "no NetworkPolicy"): they are read, denies before allows.
#[test]
fn regression_cilium_policies_are_read_with_denies_winning() {
    let text = fixture("cilium/policies.yaml");
    assert_eq!(super::detect::rules_format(&text), super::RulesFormat::NetworkPolicy);
    let db = pod(&[("app", "db")], "10.0.0.10/32");
    let api = pod(&[("app", "api")], "10.8.7.5/32");
    let web = pod(&[("app", "web")], "10.0.0.30/32");
    let edge = pod(&[("role", "edge")], "10.0.0.40/32");
    let pods = [db.clone(), api.clone(), web.clone(), edge.clone()];
    let (a, notes) = walk(&netpol::read(&text, &db, &pods));
    assert!(notes.iter().all(|n| !n.error), "{notes:#?}");
    let got = accepted_v4(&a);
    // The API pod sits in the denied 10.8.7.0/24: the deny wins over its 5432 allow.
    assert!(!got.iter().any(|l| l.contains("5432")), "{got:#?}");
    assert!(
        got.iter().any(|l| l.ends_with(" 9187/tcp")
            && l.contains("10.8.0.0/22")
            && !l.contains("10.8.7.0")),
        "{got:#?}"
    );
    assert!(!got.iter().any(|l| l.contains("1-65535")), "ICMP opens no port: {got:#?}");
    assert!(notes.iter().any(|n| n.at.line == 16 && n.message.contains("namespace")), "{notes:#?}");
    // `specs`: the API pod takes 8080 (any protocol) from web, 9090-9091 from anyone.
    let (a, _) = walk(&netpol::read(&text, &api, &pods));
    let got = accepted_v4(&a);
    assert!(
        got.iter().any(|l| l.starts_with("10.0.0.30/32 -> ") && l.contains(" 8080/")),
        "{got:#?}"
    );
    assert!(
        got.iter().any(|l| l.starts_with("0.0.0.0/0 -> ") && l.ends_with(" 9090-9091/tcp")),
        "{got:#?}"
    );
    // The edge node: 443 from `world` (said), its L7 rules said; nothing else.
    let (a, notes) = walk(&netpol::read(&text, &edge, &pods));
    assert_eq!(accepted_v4(&a), ["0.0.0.0/0 -> 0.0.0.0/0 443/tcp"]);
    assert!(notes.iter().any(|n| n.message.contains("entity `world`")), "{notes:#?}");
    assert!(notes.iter().any(|n| n.message.contains("L7")), "{notes:#?}");
    // A pod no policy selects accepts everything.
    let (a, _) = walk(&netpol::read(&text, &web, &pods));
    assert!(accepted_v4(&a).iter().any(|l| l.contains("1-65535")));
}

/// Regression: Calico's tiers were one list sorted by the policies' own `order` (a policy of a
/// later tier with a low order came first), `Pass` was read as accepted, profiles were passed
/// over and `egress` rules ignored: a denied outbound flow unseen. Tiers are walked in their
/// order, `Pass` goes on to the next tier, the end of a tier denies, the profiles come last;
/// egress reads the same way with the `destination` as the peer.
#[test]
fn regression_calico_tiers_pass_profiles_and_egress() {
    let text = fixture("calico/tiers.yaml");
    assert_eq!(super::detect::rules_format(&text), super::RulesFormat::NetworkPolicy);
    let db = pod(&[("role", "db")], "10.0.0.10/32");
    let backup = pod(&[("role", "backup")], "10.0.0.50/32");
    let web = pod(&[("role", "web")], "10.0.0.20/32");
    let pods = [db.clone(), backup.clone(), web.clone()];
    // Egress of db: the security tier's deny of 25 comes first (its tier's order, 100, before
    // the default tier's), then db-egress's allows, then the end of the default tier.
    let (a, notes) = walk(&netpol::read_egress(&text, &db, &pods));
    assert!(notes.iter().all(|n| !n.error), "{notes:#?}");
    let got = accepted_v4(&a);
    assert_eq!(
        got,
        ["10.0.0.50/32 -> 0.0.0.0/0 8443/tcp", "10.96.0.10/32 -> 0.0.0.0/0 53/udp"],
        "{got:#?}"
    );
    // Egress of web: no default-tier policy selects it; security passes it to the profile,
    // which allows all but the denied 25.
    let (a, _) = walk(&netpol::read_egress(&text, &web, &pods));
    let got = accepted_v4(&a);
    assert!(got.iter().any(|l| l.ends_with(" 1-24,26-65535/tcp")), "{got:#?}");
    assert!(!got.iter().any(|l| l.ends_with(" 25/tcp")), "{got:#?}");
    // Ingress of db: the quarantine's deny, then Pass to the profile's allow; profiles said.
    let (a, notes) = walk(&netpol::read(&text, &db, &pods));
    let got = accepted_v4(&a);
    assert!(got.iter().all(|l| !l.starts_with("0.0.0.0/0 ")), "{got:#?}");
    assert!(got.iter().any(|l| l.contains(" 1-65535/")), "{got:#?}");
    assert!(
        notes.iter().any(|n| n.at.line == 57 && n.message.contains("profile `kns.data`")),
        "{notes:#?}"
    );
    // Without the profile, a Pass past the last tier is said where it is written.
    let bare = text.split("\n---\napiVersion: projectcalico.org/v3\nkind: Profile").next().unwrap();
    let (_, notes) = walk(&netpol::read(bare, &db, &pods));
    assert!(
        notes.iter().any(|n| n.at.line == 25 && n.message.contains("`Pass` past the last tier")),
        "{notes:#?}"
    );
    // A tier named by a policy but not in the file is said.
    let stray = bare.replace("tier: security", "tier: platform");
    let (_, notes) = walk(&netpol::read(&stray, &db, &pods));
    assert!(
        notes.iter().any(|n| n.message.contains("tier `platform` has no `kind: Tier`")),
        "{notes:#?}"
    );
}

/// Regression: Cilium's `egress` and `egressDeny` were passed over. They are read like
/// ingress, the peer (`toEndpoints`, `toCIDR`, `toCIDRSet`) in `sources`; `toFQDNs` names
/// are not resolved: any address, said.
#[test]
fn regression_cilium_egress_is_read() {
    let text = fixture("cilium/egress.yaml");
    let db = pod(&[("app", "db")], "10.0.0.10/32");
    let api = pod(&[("app", "api")], "10.8.7.5/32");
    let pods = [db.clone(), api.clone()];
    let (a, notes) = walk(&netpol::read_egress(&text, &api, &pods));
    assert!(notes.iter().all(|n| !n.error), "{notes:#?}");
    let got = accepted_v4(&a);
    assert_eq!(
        got,
        [
            "0.0.0.0/0 -> 0.0.0.0/0 443/tcp",
            "10.0.0.10/32 -> 0.0.0.0/0 5432/tcp",
            "10.96.0.10/32 -> 0.0.0.0/0 53/udp",
        ],
        "{got:#?}"
    );
    assert!(notes.iter().any(|n| n.message.contains("`toFQDNs`")), "{notes:#?}");
    // A pod no egress policy selects: nothing to walk.
    assert!(netpol::read_egress(&text, &db, &pods).chains.is_empty(), "db's egress is free");
    // Ingress of api is not restricted by an egress-only policy.
    let (a, _) = walk(&netpol::read(&text, &api, &pods));
    assert!(accepted_v4(&a).iter().any(|l| l.contains("1-65535")));
}
