//! Topologies written the way teams new to Portolan write them (flow style, JSON, IPv6, several
//! platforms on one host, overlapping zones, typos, empty sections, tabs, anchors and merge keys, a BOM and
//! CRLF, 2,000 hosts), in `core/tests/fixtures/topologies/`. Each is checked against the
//! shipped content for the findings it must give and for properties every plan must have:
//! - safe: a flow from any address or from an untrusted zone comes from a row the document
//!   calls external, from the topology's own `clients`/`peers`, or from a `topology:*` entry;
//! - traced: every flow names catalog requirements or `topology:*` entries;
//! - nothing dropped in silence: every active requirement of a placed role is in a flow or in
//!   a note of the plan;
//! - deterministic: every target emits the same bytes twice.

mod common;

use std::collections::{BTreeSet, HashSet};
use std::fs;

use common::{content_catalog, root};
use portolan_core::check::{Report, check_text};
use portolan_core::emit::{self, Input, Target};
use portolan_core::model::{Catalog, Exposure};
use portolan_core::plan::{self, Endpoint, FlowPlan, applies, is_active};
use portolan_core::topology::{Format, Topology};

fn fixture(name: &str) -> String {
    let path = root().join("core/tests/fixtures/topologies").join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn run(catalog: &Catalog, name: &str, text: &str) -> (Option<Topology>, Report) {
    check_text(catalog, text, name, Format::from_path(name))
}

fn codes(report: &Report) -> BTreeSet<&'static str> {
    report.findings.iter().map(|f| f.code).collect()
}

/// Does the topology's `clients` or `peers` entry for this requirement name `member`?
fn settled_with(topology: &Topology, requirement: &str, component: &str, member: &str) -> bool {
    let names = |s: &portolan_core::topology::Settlement| {
        s.members.iter().any(|m| m.value == member || m.value.eq_ignore_ascii_case("any"))
    };
    topology.clients_of(component).is_some_and(names)
        || topology.settled_peers(requirement, component).is_some_and(names)
}

/// The four properties above; `label` names the fixture in failures.
fn assert_plan_properties(catalog: &Catalog, topology: &Topology, label: &str) {
    let plan = plan::plan(catalog, topology);
    for flow in &plan.flows {
        assert!(!flow.requirements.is_empty(), "{label}: untraced flow {flow:?}");
        let wide = match &flow.source {
            Endpoint::Any => Some("any"),
            Endpoint::Zone { name, .. } => {
                topology.zone(name).filter(|z| z.is_untrusted()).map(|z| z.name.as_str())
            }
            _ => None,
        };
        for id in flow.requirements.iter() {
            let Some(requirement) = catalog.requirement(id) else {
                assert!(id.starts_with("topology:"), "{label}: unknown requirement {id}");
                continue;
            };
            if let Some(zone) = wide {
                let external = requirement.exposure == Some(Exposure::External);
                assert!(
                    external || settled_with(topology, id, &requirement.component, zone),
                    "{label}: {} -> {} {}/{} from {zone} for {id}, which is neither external nor settled by the topology",
                    flow.source.label(),
                    flow.destination.label(),
                    flow.ports,
                    flow.transport
                );
            }
        }
    }
    // Nothing dropped in silence.
    let mentioned: HashSet<&str> = plan
        .flows
        .iter()
        .flat_map(|f| f.requirements.iter().map(String::as_str))
        .chain(plan.notes.iter().filter_map(|n| n.requirement.as_deref()))
        .collect();
    let enabled: rustc_hash::FxHashSet<&str> =
        topology.enable.iter().map(|e| e.value.as_str()).collect();
    for host in &topology.hosts {
        for role in &host.roles {
            let Some(component) = catalog.component(&role.value) else { continue };
            if component.external {
                continue;
            }
            for requirement in catalog.requirements().filter(|r| r.component == role.value) {
                if is_active(requirement, &enabled) && applies(requirement, topology) {
                    assert!(
                        mentioned.contains(requirement.id.as_str()),
                        "{label}: {} ({}) of host {} is in no flow and no note",
                        requirement.id,
                        requirement.source,
                        host.name
                    );
                }
            }
        }
    }
    // Deterministic output, every target.
    let with_access: FlowPlan = plan::access::with_access(plan, topology);
    for target in Target::all() {
        let input = Input { plan: &with_access, topology, catalog: Some(catalog), host: None };
        let first = emit::emit_with(target, &input).expect("emit");
        assert_eq!(first, emit::emit_with(target, &input).expect("emit"), "{label}: {target}");
    }
}

/// Checks a fixture: the exact set of finding codes, then the plan properties.
fn check_fixture(catalog: &Catalog, name: &str, expected: &[&str]) -> (Topology, Report) {
    let (topology, report) = run(catalog, name, &fixture(name));
    let shown: Vec<String> =
        report.findings.iter().map(|f| format!("{} {}", f.code, f.message)).collect();
    assert_eq!(codes(&report), expected.iter().copied().collect(), "{name}:\n{}", shown.join("\n"));
    let topology = topology.unwrap_or_else(|| panic!("{name} is unusable"));
    assert_plan_properties(catalog, &topology, name);
    (topology, report)
}

#[test]
fn omero_lab_in_flow_style_plans_safely() {
    let catalog = content_catalog();
    let (_, report) = check_fixture(&catalog, "omero-lab.yaml", &["P042-peer-assumed"]);
    // The internet reaches OMERO.web only, as `clients` says; never PostgreSQL or etcd.
    let plan = report.plan.expect("plan");
    for flow in plan.flows.iter().filter(|f| f.source.name() == "internet") {
        assert!(flow.requirements.iter().all(|r| r.starts_with("omero-k8s/r-8")), "{flow:?}");
    }
}

/// Regression (BOM): the same lab cluster saved by a Windows editor plans the same flows.
#[test]
fn omero_lab_saved_with_bom_and_crlf_plans_the_same() {
    let catalog = content_catalog();
    let plain = fixture("omero-lab.yaml");
    let windows = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    let (_, a) = run(&catalog, "omero-lab.yaml", &plain);
    let (_, b) = run(&catalog, "omero-lab.yaml", &windows);
    assert!(!b.unusable, "{:?}", b.findings.first().map(|f| &f.message));
    assert_eq!(a.plan.expect("plan").flows, b.plan.expect("plan").flows);
}

/// The same lab cluster written with anchors, aliases and merge keys (`x-` keys holding the
/// shared parts) reads as the cluster written out: the same findings and the same flows.
/// (Aliases were refused at the first `*` until teams' real topologies asked for them.)
#[test]
fn yaml_anchors_and_merge_keys_read_as_the_values_written_out() {
    let catalog = content_catalog();
    let (topology, report) = check_fixture(&catalog, "omero-anchors.yaml", &["P042-peer-assumed"]);
    let master = topology.host("master-2").expect("master-2");
    assert_eq!(master.zone.value, "k8s");
    assert_eq!(master.roles[0].value, "omero-k8s/control-plane");
    // A merged value is placed at the alias that brought it (line 20: `<<: *cp` of master-1).
    assert_eq!(topology.host("master-1").expect("master-1").zone.position.line, 20);
    let (_, written_out) = run(&catalog, "omero-lab.yaml", &fixture("omero-lab.yaml"));
    let shape = |report: &Report| -> Vec<String> {
        let plan = report.plan.as_ref().expect("plan");
        plan.flows
            .iter()
            .map(|f| {
                format!(
                    "{} -> {} {}/{} {:?}",
                    f.source.label(),
                    f.destination.label(),
                    f.ports,
                    f.transport,
                    f.requirements
                )
            })
            .collect()
    };
    assert_eq!(shape(&report), shape(&written_out));
}

#[test]
fn openlm_dual_stack_json_audits_its_policy() {
    let catalog = content_catalog();
    check_fixture(
        &catalog,
        "openlm-dualstack.json",
        &["P013-unknown-enable", "P042-peer-assumed", "P050-flow-blocked", "P052-rule-too-wide"],
    );
}

/// Regression (external peer, no untrusted zone): the agents' 443/tcp was planned from any.
#[test]
fn openlm_air_gapped_opens_nothing_to_any() {
    let catalog = content_catalog();
    let (_, report) = check_fixture(&catalog, "openlm-airgapped.yaml", &["P042-peer-assumed"]);
    let plan = report.plan.expect("plan");
    assert!(plan.flows.iter().all(|f| f.source != Endpoint::Any), "{:?}", plan.flows);
    assert!(plan.flows.iter().any(|f| f.source.name() == "office" && f.ports.start() == 443));
}

#[test]
fn shared_infra_reports_collisions_families_and_the_unknown_variant() {
    let catalog = content_catalog();
    let (_, report) = check_fixture(
        &catalog,
        "shared-infra.yaml",
        &[
            "P014-unknown-variant",
            "P020-address-family-mismatch",
            "P030-port-collision",
            "P042-peer-assumed",
        ],
    );
    // ACTIVATE's PostgreSQL alone on the box: said, not silent.
    let plan = report.plan.expect("plan");
    assert!(plan.notes.iter().any(|n| n.message.contains("its only peer is host bigbox itself")));
}

#[test]
fn typos_in_roles_and_zones_suggest_the_near_name() {
    let catalog = content_catalog();
    let (_, report) = check_fixture(
        &catalog,
        "api-connect-typos.yaml",
        &[
            "P010-unknown-role",
            "P011-unknown-zone",
            // The gateways' roles are misspelt, so analytics' gateway peer is not placed.
            "P040-peer-not-placed",
            "P041-unplannable-requirement",
            "P042-peer-assumed",
        ],
    );
    let helps: Vec<(u32, Option<&str>)> = report
        .findings
        .iter()
        .filter(|f| f.code == "P010-unknown-role" || f.code == "P011-unknown-zone")
        .map(|f| (f.location.as_ref().map_or(0, |l| l.line), f.help.as_deref()))
        .collect();
    assert_eq!(
        helps,
        [
            (5, Some("did you mean `api-connect/gateway`?")),
            (6, Some("did you mean `api-connect/gateway`?")),
            (7, Some("did you mean `dc`?"))
        ]
    );
}

#[test]
fn empty_sections_are_an_empty_topology_not_an_error() {
    let catalog = content_catalog();
    let (topology, report) = run(&catalog, "empty-sections.yaml", &fixture("empty-sections.yaml"));
    assert!(!report.unusable, "{:?}", report.findings.first().map(|f| &f.message));
    assert!(topology.expect("parsed").hosts.is_empty());
}

#[test]
fn tabs_in_yaml_are_located() {
    let catalog = content_catalog();
    let (_, report) = run(&catalog, "palette-tabs.yaml", &fixture("palette-tabs.yaml"));
    assert!(report.unusable);
    let finding = &report.findings[0];
    assert!(finding.message.contains("tab"), "{}", finding.message);
    let location = finding.location.as_ref().expect("located");
    assert_eq!((location.line, location.column), (3, 2));
}

/// 2,000 generated agent nodes around one ACTIVATE control plane (generated here rather than
/// stored: the shape matters, not the bytes).
#[test]
fn two_thousand_generated_hosts_plan_safely() {
    let catalog = content_catalog();
    let mut text = String::from(
        "name: activate-big\nzones:\n  internet: {cidrs: [0.0.0.0/0], trust: untrusted}\n  corp: {cidrs: [10.200.0.0/16]}\n  cp: {cidrs: [10.100.0.0/24]}\n  hpc: {cidrs: [10.64.0.0/16]}\nhosts:\n  cp1: {zone: cp, address: 10.100.0.10, roles: [activate/control-plane, activate/postgresql, activate/mongodb, activate/rabbitmq, activate/vault]}\n  ctl: {zone: hpc, address: 10.64.0.2, roles: [activate/cloud-cluster-controller, activate/slurm-scheduler, activate/compute-cluster]}\n",
    );
    for i in 0..2000 {
        text.push_str(&format!(
            "  n{i:04}: {{zone: hpc, address: 10.64.{}.{}, roles: [activate/compute-cluster-agent]}}\n",
            1 + i / 250,
            1 + i % 250
        ));
    }
    text.push_str("clients:\n  activate/control-plane: [corp, internet]\nmanagement:\n  - {from: corp}\negress:\n  - {to: 10.200.0.53, ports: [53/tcp+udp]}\n");
    let (topology, report) = run(&catalog, "big.yaml", &text);
    assert_eq!(codes(&report), ["P031-range-overlap"].into_iter().collect());
    let topology = topology.expect("parsed");
    assert_eq!(topology.hosts.len(), 2002);
    // The properties without emitting every target for 2,000 hosts (the goldens cover emit).
    let plan = report.plan.expect("plan");
    for flow in &plan.flows {
        assert!(!flow.requirements.is_empty());
        if flow.source == Endpoint::Any {
            panic!("flow from any: {flow:?}");
        }
    }
}

/// Every fixture cut short at every few bytes, and with a structural character swapped in,
/// against the shipped content: a located error or a report, never a panic (the fuzz target
/// runs with an empty catalog; this one plans the real platforms).
#[test]
fn truncated_and_damaged_fixtures_never_panic() {
    let catalog = content_catalog();
    let dir = root().join("core/tests/fixtures/topologies");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let text = fixture(&name);
        let cuts = (0..text.len()).step_by(9).filter(|&i| text.is_char_boundary(i));
        for cut in cuts {
            let (_, report) = run(&catalog, &name, &text[..cut]);
            for finding in report.findings.iter().filter(|_| report.unusable) {
                assert!(finding.location.is_some(), "{name} cut at {cut}: {}", finding.message);
            }
            for swap in ["{", "]", ":", "\t", "\"", "-"] {
                let damaged = format!("{}{swap}{}", &text[..cut], &text[cut..]);
                let _ = run(&catalog, &name, &damaged);
            }
        }
    }
}

/// TOML with arrays of tables; the external NFS storage placed on a filer host: NFS goes to
/// the filer, never to the internet.
#[test]
fn activate_site_in_toml_sends_nfs_to_the_filer_only() {
    let catalog = content_catalog();
    let (_, report) = check_fixture(&catalog, "activate-site.toml", &[]);
    let plan = report.plan.expect("plan");
    let nfs: Vec<String> = plan
        .flows
        .iter()
        .filter(|f| f.ports.start() == 2049)
        .map(|f| format!("{} -> {}", f.source.label(), f.destination.label()))
        .collect();
    assert_eq!(nfs, ["host cp1 -> host filer"]);
}
