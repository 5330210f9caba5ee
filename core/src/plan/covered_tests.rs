//! Covered flows dropped into the wider one ([`super::merge::drop_covered`]).

use super::*;
use crate::model::{Direction, Exposure};
use crate::topology::testkit::*;
use crate::topology::{Format, parse};

const TOPOLOGY: &str = "zones:
  internet: { cidrs: [0.0.0.0/0], trust: untrusted }
  dmz: { cidrs: [192.0.2.0/28], trust: untrusted }
  cluster: { cidrs: [10.0.0.0/22] }
hosts:
  lb1: { zone: dmz, address: 192.0.2.5, roles: [lm/lb] }
  cp1: { zone: cluster, address: 10.0.0.10, roles: [lm/ingress] }
";

fn peer_text(mut r: Requirement, text: &str) -> Requirement {
    r.peer = Some(text.to_owned());
    r
}

fn shown(plan: &FlowPlan) -> Vec<String> {
    plan.flows
        .iter()
        .map(|f| {
            format!(
                "{} -> {} {}/{} {}",
                f.source.label(),
                f.destination.label(),
                f.ports,
                f.transport,
                f.requirements.join(",")
            )
        })
        .collect()
}

/// Issue 17: cp1 accepted lb1 → 443/tcp by three rules (from any, from zone dmz, from host lb1).
#[test]
fn issue_17_any_dmz_and_lb1_to_cp1_443_are_one_flow() {
    let catalog = catalog(vec![platform(
        "lm",
        vec![
            with_exposure(
                req("lm/ingress", "r-1", "443", "tcp", Direction::Inbound),
                Exposure::External,
            ),
            peer_text(req("lm/ingress", "r-2", "443", "tcp", Direction::Inbound), "dmz"),
            with_peer(req("lm/ingress", "r-3", "443", "tcp", Direction::Inbound), "lm/lb"),
        ],
        &[],
    )]);
    // r-1 states no peer: the topology settles it as any (the internet-facing reading).
    let text = format!("{TOPOLOGY}peers: {{ lm/r-1: [any] }}\n");
    let topology = parse(&text, "t.yaml", Format::Yaml).expect("parses");
    let plan = plan(&catalog, &topology);
    assert_eq!(shown(&plan), ["any -> host cp1 443/tcp lm/r-1,lm/r-2,lm/r-3"]);
    let justification = &plan.flows[0].justification;
    for id in ["r-1", "r-2", "r-3"] {
        assert!(justification.contains(&format!("purpose of {id}")), "{justification}");
    }
}

/// `internet: 0.0.0.0/0` contains lb1's address, but lb1 belongs to dmz: its host firewall
/// would not let it send as a member of the internet zone, so its own flow stays.
#[test]
fn a_zone_does_not_hold_a_host_of_a_more_specific_zone() {
    let catalog = catalog(vec![platform(
        "lm",
        vec![
            req("lm/ingress", "r-1", "443", "tcp", Direction::Inbound),
            with_peer(req("lm/ingress", "r-3", "443", "tcp", Direction::Inbound), "lm/lb"),
            peer_text(req("lm/ingress", "r-4", "8443", "tcp", Direction::Inbound), "dmz"),
            with_peer(req("lm/ingress", "r-5", "8443", "tcp", Direction::Inbound), "lm/lb"),
        ],
        &[],
    )]);
    // The zone named internet alone (the word "internet" in a peer cell would be every
    // untrusted zone, dmz included).
    let text = format!("{TOPOLOGY}peers: {{ lm/r-1: [internet] }}\n");
    let topology = parse(&text, "t.yaml", Format::Yaml).expect("parses");
    let flows = shown(&plan(&catalog, &topology));
    assert!(flows.contains(&"host lb1 -> host cp1 443/tcp lm/r-3".to_owned()), "{flows:?}");
    assert!(flows.contains(&"zone internet -> host cp1 443/tcp lm/r-1".to_owned()), "{flows:?}");
    // lb1 does belong to dmz: held.
    assert!(flows.contains(&"zone dmz -> host cp1 8443/tcp lm/r-4,lm/r-5".to_owned()), "{flows:?}");
    assert_eq!(flows.len(), 3, "{flows:?}");
}

#[test]
fn narrower_ports_other_transports_and_addresses_outside_the_zone_are_kept() {
    let catalog = catalog(vec![platform(
        "lm",
        vec![
            peer_text(req("lm/ingress", "r-1", "443", "tcp", Direction::Inbound), "dmz"),
            with_peer(req("lm/ingress", "r-2", "443-444", "tcp", Direction::Inbound), "lm/lb"),
            with_peer(req("lm/ingress", "r-3", "443", "udp", Direction::Inbound), "lm/lb"),
        ],
        &[],
    )]);
    let text = TOPOLOGY.replace("address: 192.0.2.5,", "address: [192.0.2.5, 10.0.0.99],");
    let topology = parse(&text, "t.yaml", Format::Yaml).expect("parses");
    let flows = shown(&plan(&catalog, &topology));
    assert_eq!(flows.len(), 3, "{flows:?}");
    let topology = parse(TOPOLOGY, "t.yaml", Format::Yaml).expect("parses");
    let flows = shown(&plan(&catalog, &topology));
    // 443-444 is wider than the zone's 443: kept; udp: kept.
    assert_eq!(flows.len(), 3, "{flows:?}");
}

/// Regression: a flow absorbing one whose justification was already merged ("a; b") compared
/// it whole, so a zone flow absorbing a group flow of the same two rows wrote "a; b; a; b".
#[test]
fn regression_absorbed_merged_justification_was_written_twice() {
    let flow = |justification: &str| Flow {
        source: Endpoint::Any,
        destination: Endpoint::Any,
        ports: PortRange::single(443).expect("a port"),
        transport: Transport::Tcp,
        necessity: Necessity::Required,
        requirements: Arc::from(vec!["lm/r-1".to_owned(), "lm/r-2".to_owned()]),
        justification: Arc::from(justification),
        location: None,
    };
    let mut wider = flow("a; b");
    merge::absorb(&mut wider, &flow("b; a"));
    assert_eq!(&*wider.justification, "a; b");
    merge::absorb(&mut wider, &flow("c; a"));
    assert_eq!(&*wider.justification, "a; b; c");
}
