//! Golden files for every rule target × example topology, and the parse-back proofs.
//!
//! - `tests/golden/<target>/<example>/…` holds what `emit` writes for `examples/<example>.*`
//!   (plus `notes.txt`, what the target reported). `UPDATE_EXPECT=1 cargo test -p
//!   portolan-core --test emit_golden` rewrites them and deletes the ones no longer produced.
//! - Parse-back: the generated nftables and iptables files of every host, and the change-request
//!   CSV, are read back and proved equal to the plan: every planned flow is there, nothing else.

mod common;
mod snapshot;

use common::{content_catalog as catalog, root};
use std::collections::BTreeSet;
use std::fs;
use std::net::IpAddr;
use std::path::PathBuf;

use ipnet::IpNet;
use portolan_core::emit::hostfw::{Family, Way};
use portolan_core::emit::parse_back::{self, HostRuleBack, SheetFlow};
use portolan_core::emit::{self, Input, Target};
use portolan_core::plan::{self, Endpoint, FlowPlan, HostRef};
use portolan_core::topology::{self, Format, Topology};

/// Every example topology that parses: (name, topology).
fn examples() -> Vec<(String, Topology)> {
    let mut paths: Vec<PathBuf> = fs::read_dir(root().join("examples"))
        .expect("examples/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json" || x == "toml")
        })
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let file =
            format!("examples/{}", path.file_name().and_then(|s| s.to_str()).unwrap_or_default());
        let text = fs::read_to_string(&path).expect("example");
        let format = Format::from_path(&file);
        if let Ok(topology) = topology::parse(&text, &file, format) {
            out.push((name, topology));
        }
    }
    assert!(out.len() >= 2, "expected example topologies in examples/");
    out
}

/// Fixtures kept as goldens too (`tests/golden/<target>/fixture-<name>/`): the lines only a
/// Docker host gets (DOCKER-USER, the published chain), which no example has.
const GOLDEN_FIXTURES: [&str; 1] = ["docker-host-published.yaml"];

fn golden_fixtures() -> Vec<(String, Topology)> {
    GOLDEN_FIXTURES
        .iter()
        .map(|name| {
            let path = root().join("core/tests/fixtures/topologies").join(name);
            let text = fs::read_to_string(&path).expect("fixture");
            let topology =
                topology::parse(&text, name, Format::from_path(name)).expect("golden fixture");
            let stem = name.rsplit_once('.').map_or(*name, |(stem, _)| stem);
            (format!("fixture-{stem}"), topology)
        })
        .collect()
}

/// The examples and the topologies of `core/tests/fixtures/topologies/` that parse: the
/// read-back tests prove the rules of each equal to its plan (no goldens are kept for the
/// fixtures; their plans are asserted by hand in `unseen_topologies.rs`).
fn examples_and_fixtures() -> Vec<(String, Topology)> {
    let mut out = examples();
    let dir = root().join("core/tests/fixtures/topologies");
    let mut paths: Vec<PathBuf> =
        fs::read_dir(&dir).expect("fixtures").flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let text = fs::read_to_string(&path).expect("fixture");
        if let Ok(topology) = topology::parse(&text, &name, Format::from_path(&name)) {
            out.push((format!("fixtures/{name}"), topology));
        }
    }
    out
}

#[test]
fn golden_files_for_every_target_and_example() {
    let catalog = catalog();
    let golden = root().join("tests/golden");
    let mut expected: Vec<(PathBuf, String)> = Vec::new();
    for (name, topology) in examples().into_iter().chain(golden_fixtures()) {
        let plan = plan::access::with_access(plan::plan(&catalog, &topology), &topology);
        for target in Target::all() {
            let input =
                Input { plan: &plan, topology: &topology, catalog: Some(&catalog), host: None };
            let emitted = emit::emit_with(target, &input).expect("emit");
            // Deterministic: a second run is byte-identical.
            assert_eq!(
                emitted,
                emit::emit_with(target, &input).expect("emit"),
                "{target} {name} not deterministic"
            );
            let dir = golden.join(target.name()).join(&name);
            expected.extend(emitted.files.iter().map(|f| {
                let relative = f.path.split_once('/').map_or(f.path.as_str(), |(_, rest)| rest);
                (dir.join(relative), f.contents.clone())
            }));
            let notes: String = emitted
                .notes
                .iter()
                .map(|n| format!("{:?} {} [{}]\n", n.kind, n.message, n.requirements.join(", ")))
                .collect();
            if !notes.is_empty() {
                expected.push((dir.join("notes.txt"), notes));
            }
        }
    }
    snapshot::assert_folder(&golden, &expected, &["README.md"]);
}

// ---- Parse-back --------------------------------------------------------------------------

fn family_of(net: &IpNet) -> Family {
    match net {
        IpNet::V4(_) => Family::V4,
        IpNet::V6(_) => Family::V6,
    }
}

fn only(nets: &[IpNet], family: Family) -> Vec<IpNet> {
    IpNet::aggregate(&nets.iter().filter(|n| family_of(n) == family).map(IpNet::trunc).collect())
}

fn host_nets(addresses: &[IpAddr]) -> Vec<IpNet> {
    addresses.iter().map(|a| IpNet::from(*a)).collect()
}

/// The zone an address belongs to: the most specific zone network holding it, the first
/// declared on a tie.
fn owning_zone(topology: &Topology, address: IpAddr) -> Option<&str> {
    let mut best: Option<(u8, &str)> = None;
    for zone in &topology.zones {
        for net in zone.nets() {
            if net.contains(&address) && best.is_none_or(|(len, _)| net.prefix_len() > len) {
                best = Some((net.prefix_len(), zone.name.as_str()));
            }
        }
    }
    best.map(|(_, zone)| zone)
}

/// What a host's firewall must allow, written from the plan's semantics (independently of the
/// emitters): `In` for flows to the host (or a group holding it), `Out` for flows from an
/// endpoint holding the host (itself, its group, a zone its address belongs to, any), never to
/// itself.
fn expected(plan: &FlowPlan, topology: &Topology, host: &HostRef) -> Vec<HostRuleBack> {
    let mut out = Vec::new();
    for flow in &plan.flows {
        // The host's addresses the flow reaches: those the plan's destination lists (a host
        // on several legs is reached from untrusted sources on its untrusted legs only).
        let to_host: Option<Vec<IpAddr>> = match &flow.destination {
            Endpoint::Host(h) if h.name == host.name => Some(h.addresses.clone()),
            Endpoint::Group { .. }
                if plan.hosts(&flow.destination).iter().any(|m| m.name == host.name) =>
            {
                Some(host.addresses.clone())
            }
            _ => None,
        };
        let from_host: Option<Vec<IpAddr>> = match &flow.source {
            Endpoint::Any => Some(host.addresses.clone()),
            // The addresses the plan's source lists: a host on several legs reaches trusted
            // hosts from its trusted legs only.
            Endpoint::Host(h) if h.name == host.name => Some(h.addresses.clone()),
            Endpoint::Group { .. }
                if plan.hosts(&flow.source).iter().any(|m| m.name == host.name) =>
            {
                Some(host.addresses.clone())
            }
            Endpoint::Zone { name, .. } => {
                let inside: Vec<IpAddr> = host
                    .addresses
                    .iter()
                    .copied()
                    .filter(|a| owning_zone(topology, *a) == Some(&**name))
                    .collect();
                (!inside.is_empty()).then_some(inside)
            }
            _ => None,
        };
        let to_self = matches!(&flow.destination, Endpoint::Host(h) if h.name == host.name);
        let mut sides = Vec::new();
        if let Some(local) = to_host {
            sides.push((Way::In, local, plan.networks(&flow.source)));
        }
        if let (Some(local), false) = (from_host, to_self) {
            sides.push((Way::Out, local, plan.networks(&flow.destination)));
        }
        for (way, local, peer) in sides {
            for family in [Family::V4, Family::V6] {
                let local = only(&host_nets(&local), family);
                let peer = peer.as_ref().map(|p| only(p, family));
                if local.is_empty() || peer.as_ref().is_some_and(Vec::is_empty) {
                    continue;
                }
                out.push(HostRuleBack {
                    way,
                    family,
                    local,
                    peer,
                    transport: flow.transport,
                    ports: flow.ports,
                    requirements: flow.requirements.to_vec(),
                });
            }
        }
    }
    out.sort();
    out
}

fn file<'a>(files: &'a [emit::EmittedFile], path: &str) -> &'a str {
    &files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} not emitted")).contents
}

#[test]
fn nftables_iptables_and_ufw_after_rules_read_back_equal_the_plan() {
    let catalog = catalog();
    for (name, topology) in examples_and_fixtures() {
        let plan = plan::access::with_access(plan::plan(&catalog, &topology), &topology);
        let nft = emit::emit(Target::parse("nftables").expect("target"), &plan, &topology, None)
            .expect("nft");
        let ipt = emit::emit(Target::parse("iptables").expect("target"), &plan, &topology, None)
            .expect("iptables");
        let ufw =
            emit::emit(Target::parse("ufw").expect("target"), &plan, &topology, None).expect("ufw");
        let mut covered: BTreeSet<(Vec<String>, String)> = BTreeSet::new();
        for host in &topology.hosts {
            let href = HostRef::from_host(host);
            let want = expected(&plan, &topology, &href);
            let slug = emit::quote::file_slug(&host.name);

            // A host with guests leaves forwarding to their runtime; on a Docker host the ports
            // it publishes are held to the host's planned inbound rules.
            let guests = emit::guests::of(&topology, &href);
            let docker = emit::published::docker(&guests);
            let want_published: Vec<HostRuleBack> = if docker {
                want.iter().filter(|r| r.way == Way::In).cloned().collect()
            } else {
                Vec::new()
            };
            let back = parse_back::nftables(file(&nft.files, &format!("nftables/{slug}.nft")))
                .unwrap_or_else(|e| panic!("{name}/{}: {e}", host.name));
            let mut got = back.rules.clone();
            got.sort();
            assert_eq!(got, want, "{name}: nftables of host {} differ from the plan", host.name);
            let mut got = back.published.clone();
            got.sort();
            assert_eq!(got, want_published, "{name}: nft published ports of {}", host.name);
            let forward = match (guests.is_empty(), docker) {
                (true, _) => Some("forward:drop"),
                (false, true) => Some("published:accept"),
                (false, false) => None,
            };
            let policies: Vec<&str> =
                ["input:drop", "output:drop"].into_iter().chain(forward).collect();
            assert_eq!(back.policies, policies, "{name}/{}", host.name);
            let mut fixed = vec![
                "in:loopback",
                "in:established",
                "in:invalid",
                "in:neighbour-discovery",
                "out:loopback",
                "out:established",
                "out:invalid",
                "out:neighbour-discovery",
            ];
            if !guests.is_empty() {
                fixed.extend(["in:guests", "out:guests"]);
            }
            if docker {
                fixed.extend(["published:guests", "published:unplanned-drop"]);
            }
            let infra: BTreeSet<&str> = back.infra.iter().map(String::as_str).collect();
            assert_eq!(infra, fixed.iter().copied().collect(), "{name}/{}", host.name);
            // A guest line per interface in input, output and the published chain, one drop.
            let lines = 8 + 2 * guests.len() + if docker { guests.len() + 1 } else { 0 };
            assert_eq!(back.infra.len(), lines, "{name}/{}", host.name);

            let mut got = Vec::new();
            let mut published = Vec::new();
            for (family, ext) in [(Family::V4, "v4"), (Family::V6, "v6")] {
                let back = parse_back::iptables(
                    file(&ipt.files, &format!("iptables/{slug}.rules.{ext}")),
                    family,
                )
                .unwrap_or_else(|e| panic!("{name}/{} {ext}: {e}", host.name));
                let forward = guests.is_empty().then_some("forward:drop");
                let policies: Vec<&str> =
                    ["input:drop", "output:drop"].into_iter().chain(forward).collect();
                assert_eq!(back.policies, policies, "{name}/{} {ext}", host.name);
                let mut expected_infra = if family == Family::V4 { 6 } else { 6 + 8 };
                expected_infra += 2 * guests.len();
                if docker {
                    // Each guest's return, the drop, the return to Docker's chains.
                    expected_infra += guests.len() + 2;
                }
                assert_eq!(
                    back.infra.len(),
                    expected_infra,
                    "{name}/{} {ext}: {:?}",
                    host.name,
                    back.infra
                );
                got.extend(back.rules);
                published.extend(back.published);
            }
            got.sort();
            assert_eq!(got, want, "{name}: iptables of host {} differ from the plan", host.name);
            published.sort();
            assert_eq!(published, want_published, "{name}: DOCKER-USER of {}", host.name);
            // ufw appends the same chain to its after rules (session 15: read back, not only
            // kept as a golden).
            let after = parse_back::ufw_after(file(&ufw.files, &format!("ufw/{slug}.sh")))
                .unwrap_or_else(|e| panic!("{name}/{} ufw: {e}", host.name));
            let mut published: Vec<HostRuleBack> =
                after.into_iter().flat_map(|(_, back)| back.published).collect();
            published.sort();
            assert_eq!(published, want_published, "{name}: ufw DOCKER-USER of {}", host.name);
            for rule in &want {
                covered.insert((
                    rule.requirements.clone(),
                    format!("{}/{:?}", rule.ports, rule.transport),
                ));
            }
        }
        // Every planned flow reaches at least one host's rules.
        for flow in &plan.flows {
            assert!(
                covered.contains(&(
                    flow.requirements.to_vec(),
                    format!("{}/{:?}", flow.ports, flow.transport)
                )),
                "{name}: flow {} -> {} {}/{} is in no host's rules",
                flow.source.label(),
                flow.destination.label(),
                flow.ports,
                flow.transport
            );
        }
    }
}

#[test]
fn change_request_csv_reads_back_equal_to_the_plan() {
    let catalog = catalog();
    for (name, topology) in examples_and_fixtures() {
        let plan = plan::access::with_access(plan::plan(&catalog, &topology), &topology);
        let input = Input { plan: &plan, topology: &topology, catalog: Some(&catalog), host: None };
        let sheet = emit::emit_with(Target::parse("change-request").expect("target"), &input)
            .expect("emit");
        let csv = sheet
            .files
            .iter()
            .find(|f| f.path.ends_with(".csv") && !f.path.ends_with("-groups.csv"))
            .expect("csv");
        let groups = match sheet.files.iter().find(|f| f.path.ends_with("-groups.csv")) {
            Some(file) => parse_back::change_request_groups_csv(&file.contents)
                .unwrap_or_else(|e| panic!("{name}: {e}")),
            None => Default::default(),
        };
        let got = parse_back::change_request_csv(&csv.contents, &groups)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let want: Vec<SheetFlow> = plan
            .flows
            .iter()
            .map(|f| SheetFlow {
                source: f.source.label(),
                source_addresses: plan.networks(&f.source).map(|n| IpNet::aggregate(&n)),
                destination: f.destination.label(),
                destination_addresses: plan.networks(&f.destination).map(|n| IpNet::aggregate(&n)),
                ports: f.ports,
                transport: f.transport,
                requirements: f.requirements.to_vec(),
            })
            .collect();
        assert_eq!(got, want, "{name}: change request differs from the plan");
        // Every row references its document rows, or the topology for management and egress.
        for (row, flow) in csv.contents.lines().skip(1).zip(&plan.flows) {
            for id in flow.requirements.iter() {
                if plan::access::is_access_id(id) {
                    assert!(row.contains(&topology.file), "{name}: {row}");
                    continue;
                }
                let requirement = catalog.requirement(id).expect("requirement in catalog");
                let reference =
                    format!("platforms/{}.html#{}", requirement.platform(), requirement.anchor);
                let location = format!("{}:{}", requirement.source.file, requirement.source.line);
                assert!(row.contains(&reference) && row.contains(&location), "{name}: {row}");
            }
        }
    }
}
