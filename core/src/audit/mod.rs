//! Auditing what already runs: firewall rulesets exported from hosts (`iptables-save`,
//! `nft list ruleset`, `nft -j list ruleset`, …, Windows Defender Firewall's `netsh` and
//! PowerShell exports) and cloud firewalls listed by their CLIs (AWS
//! security groups, Azure NSGs, GCP firewall rules) read as the policy for traffic to those hosts,
//! and listening sockets (`ss`, `netstat`, `lsof`, Windows' `netstat -ano` and
//! `Get-NetTCPConnection`) compared with the roles and services.
//!
//! Each reader transcribes its format into [`model::Ruleset`] (or sockets); [`flatten`] walks
//! the chains; [`merge`] turns what they accept into the topology's [`PolicyRule`]s, each with
//! its origin (file and line), so the policy checks (P050-P053) judge imported rules exactly as
//! they judge `policy:`. Codes of this module:
//!
//! | code | severity | meaning |
//! |------|----------|---------|
//! | P060-import-unreadable | error | part of an imported file cannot be read (located); the rest is still checked |
//! | P061-import-assumption | warning | a match Portolan does not model, read conservatively: what was assumed, where |
//! | P062-socket-unaccounted | warning | a listening socket no role or service accounts for (with its process) |
//! | P063-listener-absent | error | a required listener of a role placed on the host is not listening |
//! | P064-internal-wildcard | error | an internal-only port bound to every address on a host an untrusted zone can reach |
//! | P065-port-claimed-twice | warning | a listening port two roles (or services) on the host both claim |

pub mod aws_sg;
pub mod azure_nsg;
mod bans;
mod bridges;
mod calico;
mod calico_selector;
mod cilium;
pub mod detect;
mod egress;
pub mod explain;
pub mod firewalld;
pub mod flatten;
pub mod gcp_firewall;
pub mod iptables;
mod iptables_list;
mod marks;
pub mod merge;
pub mod model;
pub mod nat;
pub mod netpol;
pub mod netsh;
pub mod nft_json;
pub mod nft_text;
pub mod ps_firewall;
mod ps_profiles;
pub mod region;
mod replies;
mod ruleset_fix;
pub mod sockets;
mod sockets_check;
mod sockets_windows;
pub mod ufw;
mod unreached;
pub mod windows;
pub(crate) mod words;

use std::collections::HashMap;

use ipnet::IpNet;

use crate::check::space::AddressSet;
use crate::check::{self, Finding, Report};
use crate::diagnostic::SourceLocation;
use crate::model::Catalog;
use crate::plan;
use crate::topology::{PolicyRule, Topology};

pub use detect::{RulesFormat, SocketsFormat};

pub const IMPORT_UNREADABLE: &str = "P060-import-unreadable";
pub const IMPORT_ASSUMPTION: &str = "P061-import-assumption";
pub const SOCKET_UNACCOUNTED: &str = "P062-socket-unaccounted";
pub const LISTENER_ABSENT: &str = "P063-listener-absent";
pub const INTERNAL_WILDCARD: &str = "P064-internal-wildcard";
pub const PORT_CLAIMED_TWICE: &str = "P065-port-claimed-twice";

/// What an imported file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A firewall ruleset; the format is detected unless given.
    Rules(Option<RulesFormat>),
    /// Listening sockets; the format is detected.
    Listening,
}

/// A file exported on a host, as text (the caller reads it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostFile {
    pub host: String,
    /// As it should appear in messages.
    pub file: String,
    pub text: String,
    pub kind: FileKind,
}

/// The topology with the imported rulesets as its policy, and the findings reading them made.
#[derive(Debug, Clone)]
pub struct Imported {
    pub topology: Topology,
    pub findings: Vec<Finding>,
    /// Names of the hosts whose traffic the imported rulesets decide.
    pub audited: Vec<String>,
}

fn at(file: &str, line: u32, column: u32) -> SourceLocation {
    SourceLocation::new(file, line, column)
}

/// Reads every rules file and builds the policy to audit.
pub fn import(catalog: &Catalog, topology: &Topology, files: &[HostFile]) -> Imported {
    let mut findings = Vec::new();
    let mut imported: Vec<PolicyRule> = Vec::new();
    let mut audited: Vec<String> = Vec::new();
    // Security group → the addresses of the hosts that name it (sources of group rules).
    let mut members: HashMap<String, Vec<IpNet>> = HashMap::new();
    for host in &topology.hosts {
        for group in &host.files.security_groups {
            members.entry(group.value.clone()).or_default().extend(host.ips().map(IpNet::from));
        }
    }
    // Network tag → the addresses of the hosts that carry it (sources of tag rules).
    let mut tagged: HashMap<String, Vec<IpNet>> = HashMap::new();
    for host in &topology.hosts {
        for tag in &host.files.network_tags {
            tagged.entry(tag.value.clone()).or_default().extend(host.ips().map(IpNet::from));
        }
    }
    let mut pods: Option<Vec<netpol::Pod>> = None;
    let mut rulesets: Vec<crate::topology::ImportedRuleset> = Vec::new();
    let mut flows: Option<plan::FlowPlan> = None;
    for file in files {
        let FileKind::Rules(forced) = file.kind else { continue };
        let Some(host) = topology.host(&file.host) else {
            findings.push(unknown_host(topology, file));
            continue;
        };
        let format = forced.unwrap_or_else(|| detect::rules_format(&file.text));
        // What the host's own policies let it send (Kubernetes, Calico, Cilium).
        let mut egress: Option<model::Ruleset> = None;
        let ruleset = match format {
            RulesFormat::Iptables => iptables::read(&file.text),
            RulesFormat::NftText => nft_text::read(&file.text),
            RulesFormat::NftJson => nft_json::read(&file.text),
            RulesFormat::AwsSg => {
                let groups: Vec<String> =
                    host.files.security_groups.iter().map(|g| g.value.clone()).collect();
                aws_sg::read(&file.text, &groups, &members)
            }
            RulesFormat::AzureNsg => {
                let names: Vec<String> =
                    host.files.security_groups.iter().map(|g| g.value.clone()).collect();
                azure_nsg::read(
                    &file.text,
                    &azure_nsg::HostView { names: &names, members: &members },
                )
            }
            RulesFormat::GcpFirewall => {
                let tags: Vec<String> =
                    host.files.network_tags.iter().map(|t| t.value.clone()).collect();
                gcp_firewall::read(
                    &file.text,
                    &gcp_firewall::HostView { tags: &tags, members: &tagged },
                )
            }
            RulesFormat::Firewalld => firewalld::read(&file.text),
            RulesFormat::Ufw => ufw::read(&file.text),
            RulesFormat::Netsh | RulesFormat::WindowsPs => {
                let zone = topology.zone(&host.zone.value);
                let cidrs: Vec<IpNet> = zone.map(|z| z.nets().collect()).unwrap_or_default();
                let view =
                    windows::HostView { zone: zone.map(|z| (z.name.as_str(), cidrs.as_slice())) };
                if format == RulesFormat::Netsh {
                    netsh::read(&file.text, &view)
                } else {
                    ps_firewall::read(&file.text, &view)
                }
            }
            RulesFormat::NetworkPolicy => {
                let pods = pods.get_or_insert_with(|| pods_of(catalog, topology));
                let index = topology.hosts.iter().position(|h| h.name == host.name);
                let pod = index.and_then(|i| pods.get(i)).cloned().unwrap_or_default();
                egress = Some(netpol::read_egress(&file.text, &pod, pods));
                netpol::read(&file.text, &pod, pods)
            }
        };
        let uplinks: Vec<String> = host.files.interfaces.iter().map(|i| i.value.clone()).collect();
        // Its own addresses and the VIPs it holds: a rule accepting on a keepalived address
        // is the host's (regression: it was read as traffic to another host, so every flow to
        // the VIP was reported blocked).
        let own = AddressSet::of_host(topology, host);
        let (allowed, mut walk_notes) = flatten::allowed_on(&ruleset, &own, &uplinks);
        if matches!(format, RulesFormat::Iptables | RulesFormat::NftText | RulesFormat::NftJson) {
            // Chains a tool writes by itself (firewalld's zones, ufw's) are reached by design:
            // only a hand-kept ruleset has a chain nothing jumps to.
            walk_notes.extend(unreached::notes(&ruleset));
            let plan = flows.get_or_insert_with(|| plan::plan(catalog, topology));
            let addresses: Vec<std::net::IpAddr> = host.ips().collect();
            findings.extend(replies::blocked(
                catalog, plan, &host.name, &addresses, &ruleset, &file.file,
            ));
        }
        for note in ruleset.notes.iter().chain(&walk_notes) {
            let location = at(&file.file, note.at.line, note.at.column);
            findings.push(if note.error {
                Finding::error(IMPORT_UNREADABLE, note.message.clone()).at(location)
            } else {
                Finding::warning(IMPORT_ASSUMPTION, note.message.clone()).at(location)
            });
        }
        if let Some(egress) = egress {
            let plan = flows.get_or_insert_with(|| plan::plan(catalog, topology));
            let (blocked, notes) =
                egress::blocked(catalog, plan, &host.name, &own, &egress, &file.file);
            // The egress reading repeats what the ingress reading said of the same lines.
            let said: Vec<&model::Note> = ruleset.notes.iter().chain(&walk_notes).collect();
            for note in egress.notes.iter().chain(&notes) {
                if said.iter().any(|n| n.at == note.at && n.message == note.message) {
                    continue;
                }
                let location = at(&file.file, note.at.line, note.at.column);
                findings.push(if note.error {
                    Finding::error(IMPORT_UNREADABLE, note.message.clone()).at(location)
                } else {
                    Finding::warning(IMPORT_ASSUMPTION, note.message.clone()).at(location)
                });
            }
            findings.extend(blocked);
        }
        imported.extend(merge::host_rules(host, &own, &file.file, &allowed));
        rulesets.push(crate::topology::ImportedRuleset {
            host: host.name.clone(),
            file: file.file.clone(),
            syntax: format.syntax(),
        });
        if !audited.contains(&host.name) {
            audited.push(host.name.clone());
        }
    }
    let mut augmented = topology.clone();
    if !audited.is_empty() {
        let names: Vec<&str> = audited.iter().map(String::as_str).collect();
        let rest = match &topology.policy {
            Some(policy) => {
                if let Some(first) = policy.first() {
                    findings.push(
                        Finding::warning(
                            IMPORT_ASSUMPTION,
                            format!(
                                "the topology's `policy:` is audited together with the rulesets imported for {}: traffic one of its rules allows to those hosts counts as allowed too",
                                names.join(", ")
                            ),
                        )
                        .at(topology.location(first.position))
                        .help("remove `policy:` to audit the imported rulesets alone (hosts without one are then not audited)"),
                    );
                }
                policy.clone()
            }
            None => merge::unaudited_rules(&plan::plan(catalog, topology), &names),
        };
        imported.extend(rest);
        augmented.policy = Some(imported);
        augmented.rulesets = rulesets;
    }
    Imported { topology: augmented, findings, audited }
}

/// Every host as a pod: the labels Portolan's Kubernetes rules give it, plus its `pod_labels:`.
fn pods_of(catalog: &Catalog, topology: &Topology) -> Vec<netpol::Pod> {
    // With the topology's access flows, as the rules are written: their groups (`hosts:all`)
    // label the pods too. Regression: without them, the egress policy of `hosts:workload`
    // selected no pod, and its allows were read as missing.
    let plan = plan::access::with_access(plan::plan(catalog, topology), topology);
    let index = crate::emit::index::PlanIndex::new(&plan);
    topology
        .hosts
        .iter()
        .map(|host| {
            // By insert, not collect: `BTreeMap`'s collect brings its own copy of the sort.
            let mut labels = std::collections::BTreeMap::new();
            for (key, value) in crate::emit::kubernetes::host_labels(topology, &index, host) {
                labels.insert(key, value);
            }
            for (key, value) in &host.files.pod_labels {
                labels.insert(key.clone(), value.clone());
            }
            netpol::Pod { labels, addresses: host.ips().map(IpNet::from).collect() }
        })
        .collect()
}

fn unknown_host(topology: &Topology, file: &HostFile) -> Finding {
    let names: Vec<&str> = topology.hosts.iter().map(|h| h.name.as_str()).collect();
    Finding::error(
        IMPORT_UNREADABLE,
        format!(
            "`{}` is given for host `{}`, which the topology does not declare (hosts: {})",
            file.file,
            file.host,
            names.join(", ")
        ),
    )
    .at(at(&file.file, 1, 1))
}

/// Checks a topology with imported rulesets and socket lists: the usual checks over the
/// imported policy, plus what reading the files and comparing the sockets found.
pub fn check(catalog: &Catalog, topology: &Topology, files: &[HostFile]) -> Report {
    let imported = import(catalog, topology, files);
    let mut report = check::check_with(catalog, &imported.topology, Some(ruleset_fix::help));
    // Rules that only stand in for hosts nobody audited never make a finding.
    report.findings.retain(|f| f.location.as_ref().is_none_or(|l| l.file != merge::UNAUDITED));
    for f in &mut report.findings {
        f.related.retain(|r| r.location.file != merge::UNAUDITED);
    }
    let mut extra = imported.findings;
    extra.extend(sockets_check::findings(catalog, &imported.topology, files));
    crate::order::sort_by(&mut extra, &|a, b| {
        let key = |f: &Finding| f.location.as_ref().map(|l| (l.file.clone(), l.line, l.column));
        key(a).cmp(&key(b)).then_with(|| a.code.cmp(b.code))
    });
    report.findings.extend(extra);
    report
}

/// Parses a topology and checks it with its imported files (see [`check()`]).
pub fn check_text(
    catalog: &Catalog,
    text: &str,
    file: &str,
    format: crate::topology::Format,
    files: &[HostFile],
) -> (Option<Topology>, Report) {
    match crate::topology::parse(text, file, format) {
        Ok(topology) => {
            let report = check(catalog, &topology, files);
            (Some(topology), report)
        }
        Err(_) => check::check_text(catalog, text, file, format),
    }
}

#[cfg(test)]
mod tests;
