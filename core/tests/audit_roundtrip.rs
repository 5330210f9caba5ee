//! Round trip over rulesets captured from the kernel (`tests/audit/capture.sh`): the host
//! firewalls `portolan rules` writes for `examples/openlm.yaml`, loaded into a network namespace
//! and printed back by `nft list ruleset`, `nft -j list ruleset` and `iptables-save`.
//!
//! - imported, they give no blocked-flow (P050) and no too-wide (P052) finding, and nothing
//!   unreadable (P060);
//! - removing one accept line gives blocked-flow findings only for requirements that line
//!   carried (its comment names them), and at least one unless the line was redundant;
//! - adding an accept from 0.0.0.0/0 to an internal-only port gives the exposure finding (P051)
//!   at the added line.

mod common;

use common::{content_catalog as catalog, root};
use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;

use portolan_core::audit::{self, FileKind, HostFile, explain};
use portolan_core::check::{Finding, Report};
use portolan_core::topology::{self, Format, PolicyEndpoint, Topology};

/// Every example but broken.yaml, with the folder of its captures.
const EXAMPLES: [(&str, &str); 6] = [
    ("openlm", "openlm.yaml"),
    ("palette", "palette.yaml"),
    ("api-connect", "api-connect.yaml"),
    ("hostile-names", "hostile-names.yaml"),
    ("omero-k8s", "omero-k8s.json"),
    ("activate", "activate.toml"),
];

/// An example without its hand-written `policy:` (the imported rulesets are the policy).
fn example(file: &str) -> Topology {
    let text = fs::read_to_string(root().join("examples").join(file)).expect("example");
    let format = Format::from_path(file);
    let mut topology = topology::parse(&text, &format!("examples/{file}"), format).expect("parses");
    topology.policy = None;
    topology
}

fn openlm() -> Topology {
    example("openlm.yaml")
}

fn fixture(name: &str) -> String {
    fs::read_to_string(root().join("core/tests/fixtures/audit").join(name)).expect("fixture")
}

/// The captured files of one host in one format (iptables: the IPv4 and IPv6 saves).
fn host_files(dir: &str, host: &str, format: &str) -> Vec<HostFile> {
    // The emitters name files after a slug of the host (hostile-names.yaml has odd names).
    let slug = portolan_core::emit::quote::file_slug(host);
    let suffixes: &[&str] =
        if format == "iptables" { &["iptables", "ip6tables"] } else { &[format] };
    suffixes
        .iter()
        .filter_map(|suffix| {
            let name = format!("{dir}/{slug}.{suffix}");
            let text =
                fs::read_to_string(root().join("core/tests/fixtures/audit").join(&name)).ok()?;
            Some(rules(host, &name, text))
        })
        .collect()
}

fn rules(host: &str, file: &str, text: String) -> HostFile {
    HostFile { host: host.to_owned(), file: file.to_owned(), text, kind: FileKind::Rules(None) }
}

fn codes<'a>(report: &'a Report, code: &str) -> Vec<&'a Finding> {
    report.findings.iter().filter(|f| f.code == code).collect()
}

/// The audit of rules that implement the plan exactly: nothing blocked, nothing wider, all read.
fn assert_audits_as_the_plan(report: &Report, label: &str) {
    for code in ["P050-flow-blocked", "P052-rule-too-wide", "P060-import-unreadable"] {
        assert!(codes(report, code).is_empty(), "{label}: {:#?}", codes(report, code));
    }
}

#[test]
fn generated_firewalls_read_back_from_the_kernel_audit_clean() {
    let catalog = catalog();
    for (dir, file) in EXAMPLES {
        let topology = example(file);
        assert!(!topology.hosts.is_empty());
        for format in ["nft", "nft.json", "iptables", "firewalld", "ufw"] {
            // Each host alone, then all of them at once.
            let per_host: Vec<Vec<HostFile>> =
                topology.hosts.iter().map(|h| host_files(dir, &h.name, format)).collect();
            // firewalld and ufw are captured for openlm and palette only.
            if matches!(format, "firewalld" | "ufw") && per_host.iter().all(Vec::is_empty) {
                continue;
            }
            let per_host: Vec<Vec<HostFile>> = per_host.into_iter().collect();
            assert!(
                per_host.iter().all(|f| !f.is_empty()),
                "{dir} {format}: a host has no capture"
            );
            let mut cases = per_host.clone();
            cases.push(per_host.concat());
            for files in cases {
                let report = audit::check(&catalog, &topology, &files);
                let names: Vec<_> = files.iter().map(|f| &f.file).collect();
                assert_audits_as_the_plan(&report, &format!("{dir} {format} {names:?}"));
            }
        }
    }
}

/// Regression: Portolan's own iptables file audited as written (`portolan check --rules
/// host=out/host.rules.v4`), a `--noflush` file without `:INPUT` lines, had its jumps refused
/// and read as open. As written it audits as exactly the plan, like its kernel capture.
#[test]
fn emitted_noflush_iptables_files_audit_as_exactly_the_plan() {
    let catalog = catalog();
    for (dir, file) in EXAMPLES {
        let topology = example(file);
        let mut all = Vec::new();
        for host in &topology.hosts {
            let slug = portolan_core::emit::quote::file_slug(&host.name);
            let files: Vec<HostFile> = ["v4", "v6"]
                .iter()
                .map(|family| {
                    let name = format!("tests/golden/iptables/{dir}/{slug}.rules.{family}");
                    let text = fs::read_to_string(root().join(&name)).expect("golden");
                    assert!(text.contains("--noflush") && !text.contains(":INPUT"), "{name}");
                    rules(&host.name, &name, text)
                })
                .collect();
            let report = audit::check(&catalog, &topology, &files);
            assert_audits_as_the_plan(&report, &format!("{dir} {}", host.name));
            all.extend(files);
        }
        let report = audit::check(&catalog, &topology, &all);
        assert!(codes(&report, "P050-flow-blocked").is_empty(), "{dir}: {:#?}", report.findings);
    }
}

/// The requirement ids an emitted line names in its comment.
fn comment_ids(line: &str) -> Option<Vec<String>> {
    let (_, rest) = line.split_once("comment")?;
    let text = rest.trim_start_matches([' ', '-']).trim_start_matches("comment ");
    let quoted = text.split('"').nth(1)?;
    if quoted.starts_with("portolan:") {
        return None;
    }
    Some(quoted.split_whitespace().map(str::to_owned).collect())
}

#[test]
fn removing_one_accept_blocks_exactly_the_flows_it_carried() {
    let catalog = catalog();
    for (dir, file) in EXAMPLES {
        let topology = example(file);
        for format in ["nft", "iptables", "ip6tables"] {
            for host in topology.hosts.iter().map(|h| h.name.as_str()) {
                let name =
                    format!("{dir}/{}.{format}", portolan_core::emit::quote::file_slug(host));
                let Ok(text) =
                    fs::read_to_string(root().join("core/tests/fixtures/audit").join(&name))
                else {
                    continue;
                };
                // The other family's save of the host rides along unchanged.
                let companion: Vec<HostFile> = match format {
                    "iptables" | "ip6tables" => {
                        let other = if format == "iptables" { "ip6tables" } else { "iptables" };
                        let other_name = name.replace(&format!(".{format}"), &format!(".{other}"));
                        fs::read_to_string(
                            root().join("core/tests/fixtures/audit").join(&other_name),
                        )
                        .ok()
                        .map(|t| rules(host, &other_name, t))
                        .into_iter()
                        .collect()
                    }
                    _ => Vec::new(),
                };
                let with_companion = |text: String| -> Vec<HostFile> {
                    let mut files = vec![rules(host, &name, text)];
                    files.extend(companion.iter().cloned());
                    files
                };
                let lines: Vec<&str> = text.lines().collect();
                let mut in_input = false;
                for (index, line) in lines.iter().enumerate() {
                    // Only the input chain decides what the host accepts.
                    if line.contains("chain input") || line.starts_with(":INPUT") {
                        in_input = true;
                    }
                    if line.contains("chain output") {
                        in_input = false;
                    }
                    let is_input_accept = (format == "nft"
                        && in_input
                        && line.trim_end().ends_with('"')
                        && line.contains(" accept "))
                        || format != "nft"
                            && line.starts_with("-A INPUT")
                            && line.ends_with("-j ACCEPT");
                    let Some(ids) = comment_ids(line).filter(|_| is_input_accept) else { continue };
                    // Management and egress lines carry the topology's own flows, which the
                    // audit allows but does not demand (P050 is about the documents' flows).
                    if ids.iter().all(|id| portolan_core::plan::access::is_access_id(id)) {
                        continue;
                    }
                    let cut: String = lines
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != index)
                        .map(|(_, l)| format!("{l}\n"))
                        .collect();
                    let report = audit::check(&catalog, &topology, &with_companion(cut.clone()));
                    let blocked = codes(&report, "P050-flow-blocked");
                    // A long comment names its first ids and counts the rest ("… +2"): the
                    // blocked requirements it does not name may be no more than that count.
                    let hidden: usize = ids
                        .last()
                        .and_then(|last| last.strip_prefix('+'))
                        .and_then(|count| count.parse().ok())
                        .unwrap_or(0);
                    let mut unnamed: Vec<&str> = Vec::new();
                    for finding in &blocked {
                        for r in &finding.requirements {
                            if !ids.contains(&r.id) && !unnamed.contains(&r.id.as_str()) {
                                unnamed.push(&r.id);
                            }
                            assert!(
                                unnamed.len() <= hidden,
                                "{name}:{}: {} is not among {ids:?}: {}",
                                index + 1,
                                r.id,
                                finding.message
                            );
                        }
                    }
                    let line_number = u32::try_from(index + 1).expect("test data");
                    if blocked.is_empty() {
                        // Then the other rules carry all of it: moved last, it is redundant.
                        let (moved, moved_line) = move_last(&lines, index, format);
                        let report = audit::check(&catalog, &topology, &with_companion(moved));
                        let redundant = codes(&report, "P053-rule-redundant").iter().any(|f| {
                            f.location
                                .as_ref()
                                .is_some_and(|l| l.line == moved_line && l.file == name)
                        });
                        // Or a stand-in for the flows of hosts nobody audited carries it: a zone flow
                        // (say to `internet`) of the same source and port reaches this host too,
                        // and the host firewalls do not open zone flows on hosts of nested zones.
                        let stand_in = || {
                            let original =
                                audit::import(&catalog, &topology, &with_companion(text.clone()));
                            let policy = original.topology.policy.as_deref().unwrap_or_default();
                            let rule = policy
                                .iter()
                                .find(|r| r.origin.as_ref().is_some_and(|o| o.line == line_number))
                                .expect("test data");
                            let side = |e: &PolicyEndpoint| match e {
                                PolicyEndpoint::Any => "0.0.0.0/0".to_owned(),
                                other => other.to_string(),
                            };
                            // A host never needs a rule to reach itself (iptables writes one per source).
                            let own = topology.host(host).expect("test data");
                            let from_self = rule.from.iter().all(|e| match &e.value {
                                PolicyEndpoint::Cidr(net) => own.ips().any(|a| {
                                    net.contains(&a) && net.prefix_len() == net.max_prefix_len()
                                }),
                                _ => false,
                            });
                            if from_self {
                                return true;
                            }
                            let port = rule.ports[0].value;
                            let port = format!("{}/{}", port.ports.start(), port.transport);
                            let cut =
                                audit::import(&catalog, &topology, &with_companion(cut.clone()));
                            let answer = explain::explain(
                                &catalog,
                                &cut.topology,
                                &side(&rule.from[0].value),
                                &side(&rule.to[0].value),
                                &port,
                            )
                            .expect("test data");
                            // Still let through (wholly, or for the hosts of its zone: unused
                            // addresses of a zone with hosts stand for nothing in the audit).
                            answer.verdict != explain::Verdict::Denied
                        };
                        assert!(
                            redundant || stand_in(),
                            "{name}:{line_number}: removing `{line}` blocks nothing, yet it is not redundant"
                        );
                    }
                    assert!(
                        codes(&report, "P052-rule-too-wide").is_empty(),
                        "{name}:{}",
                        index + 1
                    );
                }
            }
        }
    }
}

/// The file with line `index` moved to the end of the input chain, and its new line number.
fn move_last(lines: &[&str], index: usize, format: &str) -> (String, u32) {
    let mut rest: Vec<&str> = lines.to_vec();
    let line = rest.remove(index);
    let end = if format == "nft" {
        let start = rest.iter().position(|l| l.contains("chain input")).expect("test data");
        start + rest[start..].iter().position(|l| l.trim() == "}").expect("test data")
    } else {
        rest.iter().position(|l| *l == "COMMIT").expect("test data")
    };
    rest.insert(end, line);
    let text: String = rest.iter().map(|l| format!("{l}\n")).collect();
    (text, u32::try_from(end + 1).expect("test data"))
}

#[test]
fn an_accept_from_anywhere_to_an_internal_port_is_exposed() {
    let catalog = catalog();
    let topology = openlm();
    // 10250/tcp (kubelet) is internal-only in the OpenLM document.
    let nft = fixture("openlm/node2.nft");
    let at = nft.find("\t\ttype filter hook input").expect("test data");
    let end_of_line = at + nft[at..].find('\n').expect("test data") + 1;
    let added = format!(
        "{}\t\tip saddr 0.0.0.0/0 tcp dport 10250 accept\n{}",
        &nft[..end_of_line],
        &nft[end_of_line..]
    );
    let added_line = u32::try_from(nft[..end_of_line].lines().count() + 1).expect("test data");
    let ipt = fixture("openlm/node2.iptables");
    let commit = ipt.find("-A INPUT").expect("test data");
    let ipt_added = format!(
        "{}-A INPUT -s 0.0.0.0/0 -p tcp -m tcp --dport 10250 -j ACCEPT\n{}",
        &ipt[..commit],
        &ipt[commit..]
    );
    let ipt_line = u32::try_from(ipt[..commit].lines().count() + 1).expect("test data");
    for (name, text, line) in
        [("node2.nft", added, added_line), ("node2.iptables", ipt_added, ipt_line)]
    {
        let report = audit::check(&catalog, &topology, &[rules("node2", name, text)]);
        let exposed = codes(&report, "P051-internal-exposed");
        assert_eq!(exposed.len(), 1, "{name}: {exposed:#?}");
        let location = exposed[0].location.as_ref().expect("test data");
        assert_eq!((location.file.as_str(), location.line), (name, line));
        assert!(exposed[0].message.contains("10250/tcp"), "{}", exposed[0].message);
    }
}

#[test]
fn sockets_of_a_host_are_compared_with_its_roles() {
    let catalog = catalog();
    let topology = openlm();
    let files = vec![HostFile {
        host: "cp1".to_owned(),
        file: "cp1.ss".to_owned(),
        text: fixture("cp1.ss"),
        kind: FileKind::Listening,
    }];
    let report = audit::check(&catalog, &topology, &files);
    let unaccounted = codes(&report, "P062-socket-unaccounted");
    // 5432/tcp is PostgreSQL, which the openlm roles of cp1 do not run.
    assert!(
        unaccounted
            .iter()
            .any(|f| f.message.contains(":5432/tcp") && f.message.contains("python3")),
        "{unaccounted:#?}"
    );
    // 10248 is bound to loopback only: not a finding.
    assert!(!report.findings.iter().any(|f| f.message.contains("10248")));
    // 80/tcp is required on cp1 (ingress) and nobody listens there.
    let absent = codes(&report, "P063-listener-absent");
    assert!(absent.iter().any(|f| f.message.contains("80/tcp")), "{absent:#?}");
    // With cp1's firewall imported, the internet reaches cp1 (443): the kubelet bound to every
    // address is then an exposure; 443 is claimed by two roles of cp1.
    let mut with_rules = files.clone();
    with_rules.push(rules("cp1", "openlm/cp1.nft", fixture("openlm/cp1.nft")));
    let exposed = audit::check(&catalog, &topology, &with_rules);
    let wildcard = codes(&exposed, "P064-internal-wildcard");
    assert!(wildcard.iter().any(|f| f.message.contains("10250/tcp")), "{wildcard:#?}");
    assert!(
        !wildcard.iter().any(|f| f.message.contains(" 22/tcp")),
        "bound to one address: {wildcard:#?}"
    );
    assert!(codes(&report, "P064-internal-wildcard").is_empty(), "cluster alone is trusted");
    let twice = codes(&exposed, "P065-port-claimed-twice");
    assert!(twice.iter().any(|f| f.message.contains("443/tcp")), "{twice:#?}");
    for f in &report.findings {
        if f.code.starts_with("P06") {
            assert_eq!(f.location.as_ref().map(|l| l.file.as_str()), Some("cp1.ss"), "{f:#?}");
        }
    }
}

/// openlm with AWS security groups: cp1 names `groups`, the other cluster nodes the cluster
/// group (so a group-to-group rule reaches them).
fn openlm_with_groups(groups: &[&str]) -> Topology {
    use portolan_core::data::Position;
    use portolan_core::topology::Located;
    let mut topology = openlm();
    for host in &mut topology.hosts {
        let names: Vec<&str> = match host.name.as_str() {
            "cp1" => groups.to_vec(),
            "node2" | "node3" | "infra" => vec!["sg-0a1b2c3d4e5f60002"],
            _ => Vec::new(),
        };
        host.files.security_groups = names
            .into_iter()
            .map(|n| Located::new(n.to_owned(), Position { line: 1, column: 1 }))
            .collect();
    }
    topology
}

#[test]
fn aws_security_groups_are_audited_by_group_and_line() {
    let catalog = catalog();
    let text = fixture("aws/security-groups.json");
    let files = [rules("cp1", "sg.json", text.clone())];
    let clean = openlm_with_groups(&["sg-0a1b2c3d4e5f60001", "openlm-cluster"]);
    let report = audit::check(&catalog, &clean, &files);
    for code in [
        "P050-flow-blocked",
        "P052-rule-too-wide",
        "P060-import-unreadable",
        "P051-internal-exposed",
    ] {
        assert!(codes(&report, code).is_empty(), "{code}: {:#?}", codes(&report, code));
    }
    // The leftover debugging group opens every port to everyone.
    let debug = openlm_with_groups(&["sg-0a1b2c3d4e5f60001", "openlm-cluster", "openlm-debug"]);
    let report = audit::check(&catalog, &debug, &files);
    let debug_line = text.lines().position(|l| l.contains("openlm-debug")).expect("debug group");
    let cidr_line = debug_line
        + text
            .lines()
            .skip(debug_line)
            .position(|l| l.contains("\"CidrIp\": \"0.0.0.0/0\""))
            .expect("cidr")
        + 1;
    for code in ["P051-internal-exposed", "P052-rule-too-wide"] {
        let found = codes(&report, code);
        assert!(!found.is_empty(), "{code}");
        for f in found {
            let l = f.location.as_ref().expect("located");
            assert_eq!((l.file.as_str(), l.line as usize), ("sg.json", cidr_line), "{f:#?}");
        }
    }
    // A group the host names but the file lacks is a located error.
    let missing = openlm_with_groups(&["sg-0a1b2c3d4e5f60001", "openlm-cluster", "sg-nowhere"]);
    let report = audit::check(&catalog, &missing, &files);
    assert!(
        codes(&report, "P060-import-unreadable").iter().any(|f| f.message.contains("sg-nowhere"))
    );
}

/// The NetworkPolicies `portolan rules -t kubernetes` writes for an example (its golden files),
/// as one multi-document text.
fn kubernetes_rules(dir: &str) -> String {
    let folder = root().join("tests/golden/kubernetes").join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&folder)
        .expect("golden folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files.iter().map(|f| fs::read_to_string(f).expect("golden") + "---\n").collect()
}

#[test]
fn generated_network_policies_audit_clean_and_an_open_kubelet_is_exposed() {
    let catalog = catalog();
    for (dir, file) in EXAMPLES {
        let topology = example(file);
        let text = kubernetes_rules(dir);
        for host in &topology.hosts {
            let files = [rules(&host.name, "policies.yaml", text.clone())];
            let report = audit::check(&catalog, &topology, &files);
            assert_audits_as_the_plan(&report, &format!("{dir} {}", host.name));
        }
    }
    let topology = openlm();
    let open = format!(
        "{}apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: debug\nspec:\n  podSelector: {{}}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n      ports:\n        - port: 10250\n",
        kubernetes_rules("openlm")
    );
    // The 0-based index of the added CIDR line: the 1-based line of `- ipBlock:` above it.
    let lines: Vec<&str> = open.lines().collect();
    let line = lines.iter().rposition(|l| l.contains("cidr: 0.0.0.0/0")).expect("added");
    let report = audit::check(&catalog, &topology, &[rules("node2", "policies.yaml", open)]);
    let exposed = codes(&report, "P051-internal-exposed");
    assert_eq!(exposed.len(), 1, "{exposed:#?}");
    // Located at the `from` item (the `- ipBlock:` line just above the CIDR).
    assert_eq!(exposed[0].location.as_ref().map(|l| l.line as usize), Some(line));
}

#[test]
fn explain_answers_with_the_imported_line_the_flows_and_the_requirements() {
    let catalog = catalog();
    let topology = openlm();
    let text = fixture("openlm/cp1.nft");
    let imported = audit::import(&catalog, &topology, &[rules("cp1", "cp1.nft", text.clone())]);
    let answer = explain::explain(&catalog, &imported.topology, "internet", "cp1", "443/tcp")
        .expect("answers");
    assert_eq!(answer.verdict, explain::Verdict::Allowed);
    let first = &answer.rules[0];
    assert_eq!(first.location.file, "cp1.nft");
    let line = text.lines().nth(first.location.line as usize - 1).expect("line");
    assert!(line.contains("tcp dport 443 accept"), "{line}");
    assert!(
        answer
            .flows
            .iter()
            .any(|f| f.requirements.iter().any(|r| r.id == "openlm/ingress-443-tcp-nopeer"))
    );
    // An address that is one host's, a port nothing needs: denied, no flow.
    let denied = explain::explain(&catalog, &imported.topology, "10.0.0.11", "cp1", "5432/tcp")
        .expect("answers");
    assert_eq!(denied.verdict, explain::Verdict::Denied);
    assert!(denied.rules.is_empty() && denied.flows.is_empty());
    // A host nobody imported a ruleset for is not audited; nor is anything without a policy.
    let other =
        explain::explain(&catalog, &imported.topology, "corp", "infra", "22/tcp").expect("answers");
    assert_eq!(other.verdict, explain::Verdict::NotAudited);
    let bare = explain::explain(&catalog, &topology, "cp1", "infra", "22/tcp").expect("answers");
    assert_eq!(bare.verdict, explain::Verdict::NotAudited);
    assert!(!bare.flows.is_empty());
    // Bad questions are typed errors.
    assert!(matches!(
        explain::explain(&catalog, &topology, "mars", "cp1", "22/tcp"),
        Err(explain::ExplainError::UnknownSide(_))
    ));
    assert!(matches!(
        explain::explain(&catalog, &topology, "cp1", "infra", "22"),
        Err(explain::ExplainError::BadPort(_))
    ));
}

/// Regression (DMZ leg not counted): cp1 placed in the trusted cluster zone with a second
/// address in the untrusted DMZ is reachable from an untrusted zone, so its kubelet bound to
/// every address is an exposure (P064) even with no firewall imported; before, only the
/// host's main zone counted and the finding was silent.
#[test]
fn an_internal_port_bound_everywhere_on_a_host_with_a_dmz_leg_is_reported() {
    use portolan_core::data::Position;
    use portolan_core::topology::Located;
    let catalog = catalog();
    let files = vec![HostFile {
        host: "cp1".to_owned(),
        file: "cp1.ss".to_owned(),
        text: fixture("cp1.ss"),
        kind: FileKind::Listening,
    }];
    let mut topology = openlm();
    let alone = audit::check(&catalog, &topology, &files);
    assert!(codes(&alone, "P064-internal-wildcard").is_empty(), "cluster alone is trusted");
    let cp1 = topology.hosts.iter_mut().find(|h| h.name == "cp1").expect("test data");
    let leg = "192.0.2.11".parse().expect("test data");
    cp1.addresses.push(Located::new(leg, Position::default()));
    let with_leg = audit::check(&catalog, &topology, &files);
    let wildcard = codes(&with_leg, "P064-internal-wildcard");
    assert!(wildcard.iter().any(|f| f.message.contains("10250/tcp")), "{wildcard:#?}");
}

/// A host's `interfaces:` reach the walk: a rule bound to another interface (`-i eth1`) is
/// no assumption on a host whose traffic from the network comes in on eth0 (it concerns none
/// of it), while without `interfaces:` it is read generously and said (P061).
#[test]
fn a_hosts_interfaces_decide_its_interface_bound_rules() {
    let catalog = catalog();
    let text = "*filter\n:INPUT DROP [0:0]\n-A INPUT -i eth1 -p tcp -m tcp --dport 2222 -j ACCEPT\nCOMMIT\n";
    let assumptions = |topology: &Topology| {
        let imported =
            audit::import(&catalog, topology, &[rules("node2", "node2.v4", text.to_owned())]);
        imported
            .findings
            .iter()
            .filter(|f| f.code == "P061-import-assumption" && f.message.contains("-i eth1"))
            .count()
    };
    let mut topology = openlm();
    assert_eq!(assumptions(&topology), 1);
    let node2 = topology.hosts.iter_mut().find(|h| h.name == "node2").expect("openlm has node2");
    node2.files.interfaces =
        vec![topology::Located::new("eth0".to_owned(), portolan_core::data::Position::default())];
    assert_eq!(assumptions(&topology), 0);
}

/// The one emitted file of `target` for an example (its golden copy, which `emit_golden` keeps
/// equal to what the emitter writes).
fn golden(target: &str, dir: &str) -> String {
    let folder = root().join("tests/golden").join(target).join(dir);
    let entry = fs::read_dir(&folder)
        .expect("golden folder")
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "tf"))
        .expect("a .tf file");
    fs::read_to_string(entry.path()).expect("golden")
}

/// `key = value` of a Terraform line: a string, a number or a list of either (references too).
fn hcl_value(value: &str) -> serde_json::Value {
    let value = value.trim();
    if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        return inner
            .split(", ")
            .filter(|s| !s.is_empty())
            .map(hcl_value)
            .collect::<Vec<_>>()
            .into();
    }
    if let Some(text) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        return text.into();
    }
    value.parse::<i64>().map_or_else(|_| value.into(), Into::into)
}

/// `azurerm_application_security_group.KEY.id` as the ASG id the Azure CLI prints.
fn asg_id(reference: &str, names: &HashMap<String, String>) -> serde_json::Value {
    let key = reference.split('.').nth(1).expect("asg reference");
    let name = &names[key];
    serde_json::json!({
        "id": format!("/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/{name}"),
        "resourceGroup": "rg"
    })
}

/// Portolan's Azure Terraform as `az network nsg list -o json` prints the NSGs once applied
/// (Azure's default rules included), and each host's `security_groups:` (its zone's NSG and
/// the ASGs its NIC joins, from the output block).
fn azure_listing(tf: &str) -> (String, Vec<Vec<String>>) {
    use serde_json::{Map, Value, json};
    let mut asg_names: HashMap<String, String> = HashMap::new();
    let mut nsgs: Vec<Value> = Vec::new();
    let mut hosts: Vec<Vec<String>> = Vec::new();
    let mut block: Option<(String, String)> = None; // (kind, key)
    let mut rule: Option<Map<String, Value>> = None;
    for line in tf.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("resource \"") {
            let mut parts = rest.split('"');
            let kind = parts.next().unwrap_or_default().to_owned();
            let key = parts.nth(1).unwrap_or_default().to_owned();
            block = Some((kind, key));
            continue;
        }
        if trimmed == "security_rule {" {
            rule = Some(Map::new());
            continue;
        }
        if trimmed == "}" {
            if let Some(done) = rule.take()
                && let Some(Value::Object(nsg)) = nsgs.last_mut()
            {
                nsg["securityRules"].as_array_mut().expect("rules").push(Value::Object(done));
            }
            continue;
        }
        // The output's hosts, in the topology's order (their names are HCL-quoted).
        if let Some((_, list)) = trimmed.rsplit_once("\" = [")
            && block.is_none()
        {
            let ids = hcl_value(&format!("[{list}"));
            let names = ids
                .as_array()
                .expect("list")
                .iter()
                .map(|r| {
                    asg_names[r.as_str().expect("ref").split('.').nth(1).expect("key")].clone()
                })
                .collect();
            hosts.push(names);
            continue;
        }
        if trimmed.starts_with("output ") {
            block = None;
            continue;
        }
        let Some((key, value)) = trimmed.split_once(" = ") else { continue };
        let key = key.trim();
        let value = hcl_value(value);
        match (&block, &mut rule) {
            (_, Some(rule)) => {
                let camel = |k: &str| {
                    let mut out = String::new();
                    let mut upper = false;
                    for c in k.chars() {
                        if c == '_' {
                            upper = true;
                        } else if upper {
                            out.push(c.to_ascii_uppercase());
                            upper = false;
                        } else {
                            out.push(c);
                        }
                    }
                    out
                };
                match key {
                    "source_application_security_group_ids"
                    | "destination_application_security_group_ids" => {
                        let side = key.split('_').next().expect("side");
                        let ids: Vec<Value> = value
                            .as_array()
                            .expect("list")
                            .iter()
                            .map(|r| asg_id(r.as_str().expect("ref"), &asg_names))
                            .collect();
                        rule.insert(format!("{side}ApplicationSecurityGroups"), ids.into());
                    }
                    _ => {
                        rule.insert(camel(key), value);
                    }
                }
            }
            (Some((kind, rkey)), None) if key == "name" => {
                let name = value.as_str().expect("name").to_owned();
                if kind == "azurerm_application_security_group" {
                    asg_names.insert(rkey.clone(), name);
                } else if kind == "azurerm_network_security_group" {
                    nsgs.push(json!({
                        "name": name,
                        "resourceGroup": "rg",
                        "securityRules": [],
                        "defaultSecurityRules": [
                            {"name": "AllowVnetInBound", "priority": 65000, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourcePortRange": "*", "destinationPortRange": "*", "sourceAddressPrefix": "VirtualNetwork", "destinationAddressPrefix": "VirtualNetwork"},
                            {"name": "AllowAzureLoadBalancerInBound", "priority": 65001, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourcePortRange": "*", "destinationPortRange": "*", "sourceAddressPrefix": "AzureLoadBalancer", "destinationAddressPrefix": "*"},
                            {"name": "DenyAllInBound", "priority": 65500, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourcePortRange": "*", "destinationPortRange": "*", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*"}
                        ]
                    }));
                }
            }
            _ => {}
        }
    }
    (serde_json::to_string_pretty(&Value::Array(nsgs)).expect("json"), hosts)
}

/// An example whose hosts name their zone's NSG and their ASGs, as the emitted Terraform wires
/// them.
fn with_azure_groups(file: &str, groups: &[Vec<String>]) -> Topology {
    use portolan_core::data::Position;
    use portolan_core::topology::Located;
    let mut topology = example(file);
    for (i, host) in topology.hosts.iter_mut().enumerate() {
        let zone = format!("portolan-{}", portolan_core::emit::quote::file_slug(&host.zone.value));
        let names = std::iter::once(zone).chain(groups.get(i).cloned().unwrap_or_default());
        host.files.security_groups =
            names.map(|n| Located::new(n, Position { line: 1, column: 1 })).collect();
    }
    topology
}

/// What an emitted ruleset read back must not give. P053 is left out: the plan's own flows
/// overlap (the internet and the cluster both reach cp1:443), and a rule per flow says so.
const QUIET: [&str; 5] = [
    "P050-flow-blocked",
    "P051-internal-exposed",
    "P052-rule-too-wide",
    "P060-import-unreadable",
    "P061-import-assumption",
];

#[test]
fn emitted_azure_nsgs_listed_back_audit_as_exactly_the_plan() {
    let catalog = catalog();
    for (dir, file) in EXAMPLES {
        let (listing, groups) = azure_listing(&golden("azure-nsg", dir));
        let topology = with_azure_groups(file, &groups);
        let files: Vec<HostFile> =
            topology.hosts.iter().map(|h| rules(&h.name, "nsgs.json", listing.clone())).collect();
        let report = audit::check(&catalog, &topology, &files);
        for code in QUIET {
            assert!(codes(&report, code).is_empty(), "{dir} {code}: {:#?}", codes(&report, code));
        }
    }
}

/// The inbound allows of one NSG of a listing, by index in its `securityRules`.
fn inbound_allows(nsgs: &serde_json::Value, nsg: &str) -> Vec<usize> {
    let rules = nsgs
        .as_array()
        .and_then(|l| l.iter().find(|n| n["name"] == nsg))
        .and_then(|n| n["securityRules"].as_array())
        .expect("nsg");
    (0..rules.len())
        .filter(|&i| rules[i]["direction"] == "Inbound" && rules[i]["access"] == "Allow")
        .collect()
}

#[test]
fn a_dropped_azure_rule_blocks_its_flows_and_a_widened_one_is_reported_at_its_line() {
    let catalog = catalog();
    let (listing, groups) = azure_listing(&golden("azure-nsg", "openlm"));
    let topology = with_azure_groups("openlm.yaml", &groups);
    let nsgs: serde_json::Value = serde_json::from_str(&listing).expect("json");
    let check = |text: String| {
        let files: Vec<HostFile> =
            topology.hosts.iter().map(|h| rules(&h.name, "nsgs.json", text.clone())).collect();
        audit::check(&catalog, &topology, &files)
    };
    let allows = inbound_allows(&nsgs, "portolan-cluster");
    assert!(allows.len() > 3, "{allows:?}");
    let already_redundant: Vec<String> = codes(&check(listing.clone()), "P053-rule-redundant")
        .into_iter()
        .map(|f| f.message.clone())
        .collect();
    let mut blocked_any = 0;
    let mut widened_any = 0;
    let mut redundant_named = 0;
    for &i in &allows {
        let rule = |v: &mut serde_json::Value| -> serde_json::Value {
            let list = v
                .as_array_mut()
                .and_then(|l| l.iter_mut().find(|n| n["name"] == "portolan-cluster"))
                .and_then(|n| n["securityRules"].as_array_mut())
                .expect("rules");
            list.remove(i)
        };
        let mut dropped = nsgs.clone();
        let removed = rule(&mut dropped);
        let ids: Vec<String> = removed["description"]
            .as_str()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let report = check(serde_json::to_string_pretty(&dropped).expect("json"));
        blocked_any += blocked_only_for(&report, &ids);
        // Widened: the same rule from any address.
        let name = removed["name"].as_str().expect("name").to_owned();
        if removed.get("sourceAddressPrefix").is_some_and(|s| s == "*") {
            continue;
        }
        let mut wide = nsgs.clone();
        let mut widened = removed.clone();
        let object = widened.as_object_mut().expect("rule");
        object.remove("sourceApplicationSecurityGroups");
        object.remove("sourceAddressPrefix");
        object.insert("sourceAddressPrefixes".to_owned(), serde_json::json!(["0.0.0.0/0", "::/0"]));
        wide.as_array_mut()
            .and_then(|l| l.iter_mut().find(|n| n["name"] == "portolan-cluster"))
            .and_then(|n| n["securityRules"].as_array_mut())
            .expect("rules")[i] = widened;
        let text = serde_json::to_string_pretty(&wide).expect("json");
        let line = widened_source_line(&text, &name);
        let rule = rule_lines(&text, &name, line);
        let report = check(text);
        let at_line = findings_at_sources(&report, "nsgs.json", line);
        redundant_named +=
            added_redundancy_names_rule(&report, &already_redundant, "nsgs.json", &rule, &name);
        // Too wide or exposing; or, where the plan already opens it to everyone, redundant.
        assert!(
            at_line.iter().any(|f| matches!(
                f.code,
                "P051-internal-exposed" | "P052-rule-too-wide" | "P053-rule-redundant"
            )),
            "{name} widened: nothing at line {line}: {:#?}",
            report.findings
        );
        widened_any += usize::from(at_line.iter().any(|f| f.code != "P053-rule-redundant"));
    }
    assert!(blocked_any > 0 && widened_any > 0 && redundant_named > 0);
}

/// Portolan's GCP Terraform as `gcloud compute firewall-rules list --format=json` prints the
/// rules once applied, and each host's network tags (the output block, in host order).
fn gcp_listing(tf: &str) -> (String, Vec<Vec<String>>) {
    use serde_json::{Map, Value, json};
    let mut rules: Vec<Value> = Vec::new();
    let mut hosts: Vec<Vec<String>> = Vec::new();
    let mut rule: Option<Map<String, Value>> = None;
    let mut verdict: Option<(&str, Map<String, Value>)> = None;
    let mut output = false;
    for line in tf.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("resource \"google_compute_firewall\"") {
            rule = Some(Map::new());
            continue;
        }
        if trimmed.starts_with("output ") {
            output = true;
            continue;
        }
        if output {
            if let Some((_, list)) = trimmed.rsplit_once("\" = [") {
                let tags = hcl_value(&format!("[{list}"));
                hosts.push(
                    tags.as_array()
                        .expect("tags")
                        .iter()
                        .map(|t| t.as_str().expect("tag").to_owned())
                        .collect(),
                );
            }
            continue;
        }
        let Some(current) = rule.as_mut() else { continue };
        match trimmed {
            "allow {" => verdict = Some(("allowed", Map::new())),
            "deny {" => verdict = Some(("denied", Map::new())),
            "}" => match verdict.take() {
                Some((key, entry)) => {
                    current.insert(key.to_owned(), json!([entry]));
                }
                None => {
                    let mut done = rule.take().expect("rule");
                    done.insert("disabled".to_owned(), false.into());
                    done.insert("kind".to_owned(), "compute#firewall".into());
                    done.insert(
                        "network".to_owned(),
                        "https://www.googleapis.com/compute/v1/projects/p/global/networks/vpc"
                            .into(),
                    );
                    rules.push(Value::Object(done));
                }
            },
            _ => {
                let Some((key, value)) = trimmed.split_once(" = ") else { continue };
                let value = hcl_value(value);
                match (key.trim(), verdict.as_mut()) {
                    ("protocol", Some((_, entry))) => {
                        entry.insert("IPProtocol".to_owned(), value);
                    }
                    ("ports", Some((_, entry))) => {
                        entry.insert("ports".to_owned(), value);
                    }
                    ("network", None) => {}
                    (key, None) => {
                        let camel: String = key
                            .split('_')
                            .enumerate()
                            .map(|(i, w)| {
                                if i == 0 {
                                    w.to_owned()
                                } else {
                                    w[..1].to_ascii_uppercase() + &w[1..]
                                }
                            })
                            .collect();
                        current.insert(camel, value);
                    }
                    _ => {}
                }
            }
        }
    }
    (serde_json::to_string_pretty(&Value::Array(rules)).expect("json"), hosts)
}

/// An example whose hosts carry the network tags the emitted Terraform lists.
fn with_network_tags(file: &str, tags: &[Vec<String>]) -> Topology {
    use portolan_core::data::Position;
    use portolan_core::topology::Located;
    let mut topology = example(file);
    for (i, host) in topology.hosts.iter_mut().enumerate() {
        host.files.network_tags = tags
            .get(i)
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|t| Located::new(t, Position { line: 1, column: 1 }))
            .collect();
    }
    topology
}

#[test]
fn emitted_gcp_firewall_rules_listed_back_audit_as_exactly_the_plan() {
    let catalog = catalog();
    for (dir, file) in EXAMPLES {
        let (listing, tags) = gcp_listing(&golden("gcp-terraform", dir));
        let topology = with_network_tags(file, &tags);
        let files: Vec<HostFile> = topology
            .hosts
            .iter()
            .map(|h| rules(&h.name, "firewall-rules.json", listing.clone()))
            .collect();
        let report = audit::check(&catalog, &topology, &files);
        for code in QUIET {
            assert!(codes(&report, code).is_empty(), "{dir} {code}: {:#?}", codes(&report, code));
        }
    }
}

#[test]
fn a_dropped_gcp_rule_blocks_its_flows_and_a_widened_one_is_reported_at_its_line() {
    let catalog = catalog();
    let (listing, tags) = gcp_listing(&golden("gcp-terraform", "openlm"));
    let topology = with_network_tags("openlm.yaml", &tags);
    let rules_of: serde_json::Value = serde_json::from_str(&listing).expect("json");
    let list = rules_of.as_array().expect("list");
    let check = |text: String| {
        let files: Vec<HostFile> = topology
            .hosts
            .iter()
            .map(|h| rules(&h.name, "firewall-rules.json", text.clone()))
            .collect();
        audit::check(&catalog, &topology, &files)
    };
    let already_redundant: Vec<String> = codes(&check(listing.clone()), "P053-rule-redundant")
        .into_iter()
        .map(|f| f.message.clone())
        .collect();
    let (mut blocked_any, mut widened_any, mut redundant_named) = (0, 0, 0);
    for (i, rule) in list.iter().enumerate() {
        if rule["direction"] != "INGRESS" || rule.get("allowed").is_none() {
            continue;
        }
        let mut dropped = list.clone();
        dropped.remove(i);
        let ids: Vec<String> = rule["description"]
            .as_str()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let report = check(serde_json::to_string_pretty(&dropped).expect("json"));
        blocked_any += blocked_only_for(&report, &ids);
        if rule["sourceRanges"] == serde_json::json!(["0.0.0.0/0"])
            || rule["sourceRanges"] == serde_json::json!(["::/0"])
        {
            continue;
        }
        let mut wide = list.clone();
        let object = wide[i].as_object_mut().expect("rule");
        object.remove("sourceTags");
        object.insert("sourceRanges".to_owned(), serde_json::json!(["0.0.0.0/0", "::/0"]));
        let name = rule["name"].as_str().expect("name");
        let text = serde_json::to_string_pretty(&wide).expect("json");
        let line = widened_source_line(&text, name);
        let rule = rule_lines(&text, name, line);
        let report = check(text);
        let at_line = findings_at_sources(&report, "firewall-rules.json", line);
        // Every exposure or too-wide finding is at the widened rule's sources; where the plan
        // already opens the port to everyone, the rule that did so becomes redundant instead.
        let wide_findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| matches!(f.code, "P051-internal-exposed" | "P052-rule-too-wide"))
            .collect();
        for f in &wide_findings {
            assert!(
                at_line.iter().any(|g| std::ptr::eq(*g, *f)),
                "{name} widened: {f:#?} is not at line {line}"
            );
        }
        // Redundancy the widening made says which rule: the widened one covered by an earlier
        // rule, or another rule now covered by it (named among the rules that cover it). The
        // listing's own overlaps (a rule per planned flow) are redundant before and after.
        let redundant = codes(&report, "P053-rule-redundant");
        redundant_named += added_redundancy_names_rule(
            &report,
            &already_redundant,
            "firewall-rules.json",
            &rule,
            name,
        );
        assert!(
            !wide_findings.is_empty() || !redundant.is_empty(),
            "{name} widened: nothing reported: {:#?}",
            report.findings
        );
        widened_any += usize::from(!wide_findings.is_empty());
    }
    assert!(blocked_any > 0 && widened_any > 0 && redundant_named > 0);
}

/// The line of the first `0.0.0.0/0` source after the rule named `name` in pretty-printed JSON
/// (a widened rule's sources: `0.0.0.0/0` on it, `::/0` on the next).
fn widened_source_line(text: &str, name: &str) -> usize {
    let named =
        text.lines().position(|l| l.contains(&format!("\"name\": \"{name}\""))).expect("name");
    named + text.lines().skip(named).position(|l| l.trim() == "\"0.0.0.0/0\",").expect("source") + 1
}

/// The 1-based lines of the rule named `name` that holds 1-based line `inside` (its widened
/// source: NSGs of one listing reuse rule names) in pretty-printed JSON: from its object's
/// opening brace to its closing one (one level out from its `"name"` line).
fn rule_lines(text: &str, name: &str, inside: usize) -> std::ops::RangeInclusive<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let key = format!("\"name\": \"{name}\"");
    let named =
        (0..inside.min(lines.len())).rev().find(|&i| lines[i].contains(&key)).expect("name");
    let outer = indent(lines[named]).saturating_sub(2);
    let open = (0..named)
        .rev()
        .find(|&i| lines[i].trim() == "{" && indent(lines[i]) == outer)
        .expect("opening brace");
    let close = (named..lines.len())
        .find(|&i| lines[i].trim_start().starts_with('}') && indent(lines[i]) == outer)
        .expect("closing brace");
    open + 1..=close + 1
}

/// The P053s a widening added (not among `before`'s messages): each must be at the widened
/// rule or name it among the rules that cover it. Returns how many there are.
fn added_redundancy_names_rule(
    report: &Report,
    before: &[String],
    file: &str,
    rule: &std::ops::RangeInclusive<usize>,
    name: &str,
) -> usize {
    let at_rule = |l: &portolan_core::diagnostic::SourceLocation| {
        l.file == file && rule.contains(&(l.line as usize))
    };
    let added: Vec<&Finding> = codes(report, "P053-rule-redundant")
        .into_iter()
        .filter(|f| !before.contains(&f.message))
        .collect();
    for f in &added {
        assert!(
            f.location.as_ref().is_some_and(at_rule)
                || f.related.iter().any(|r| at_rule(&r.location)),
            "{name} widened: {f:#?} names neither the widened rule (lines {rule:?})"
        );
    }
    added.len()
}

/// The findings located at a widened rule's two source lines of `file`.
fn findings_at_sources<'r>(report: &'r Report, file: &str, line: usize) -> Vec<&'r Finding> {
    report
        .findings
        .iter()
        .filter(|f| {
            f.location
                .as_ref()
                .is_some_and(|l| l.file == file && (line..=line + 1).contains(&(l.line as usize)))
        })
        .collect()
}

/// The P050s of a listing with one rule dropped: each names only requirements the dropped rule's
/// description lists. A description cut at its format's limit (Azure: 140 characters; ids made
/// of a row's facts fill it sooner than line ids did) lists only its first ids: then each
/// finding must name one of them. Returns how many there are.
fn blocked_only_for(report: &Report, ids: &[String]) -> usize {
    let blocked = codes(report, "P050-flow-blocked");
    let cut = ids.join(" ").len() >= 138;
    for finding in &blocked {
        if cut {
            assert!(
                finding.requirements.iter().any(|r| ids.contains(&r.id)),
                "none of {ids:?} in {}",
                finding.message
            );
            continue;
        }
        for r in &finding.requirements {
            assert!(ids.contains(&r.id), "{} not among {ids:?}: {}", r.id, finding.message);
        }
    }
    blocked.len()
}

/// Regression: the egress of imported NetworkPolicies was never read, so a pod whose
/// policies do not let it send a required flow was audited as if it could. The generated
/// policies (egress included) audit clean above; here the egress rules to cp1's port 80 are
/// taken out, and node2's flow to it is reported blocked, in the imported file.
#[test]
fn regression_an_egress_rule_taken_out_blocks_the_flows_it_carried() {
    let catalog = catalog();
    let topology = openlm();
    let text = kubernetes_rules("openlm");
    let rule = "    - ports:\n        - protocol: TCP\n          port: 80\n      to:\n        - podSelector:\n            matchLabels:\n              portolan.io/host: \"cp1\"\n";
    assert!(text.contains(rule), "the generated egress rule");
    let cut = text.replace(rule, "");
    let report = audit::check(&catalog, &topology, &[rules("node2", "policies.yaml", cut)]);
    let blocked = codes(&report, "P050-flow-blocked");
    assert_eq!(blocked.len(), 1, "{:#?}", report.findings);
    let finding = blocked[0];
    assert!(finding.message.contains("egress policies of host node2"), "{finding:#?}");
    assert!(finding.message.contains("→ host cp1 on 80/tcp"), "{finding:#?}");
    assert!(!finding.requirements.is_empty(), "{finding:#?}");
    assert_eq!(finding.location.as_ref().map(|l| l.file.as_str()), Some("policies.yaml"));
    assert!(codes(&report, "P060-import-unreadable").is_empty(), "{:#?}", report.findings);
}
