use super::*;
use crate::model::{Direction, Exposure, Necessity};
use crate::topology::testkit::*;

fn sample() -> (Catalog, Topology) {
    let cat = catalog(vec![platform(
        "lm",
        vec![
            with_exposure(
                req("lm/cp", "r-1", "443", "tcp", Direction::Inbound),
                Exposure::External,
            ),
            req("lm/cp", "r-2", "8080", "tcp", Direction::Inbound),
            req("lm/cp", "r-3", "8081", "tcp", Direction::Inbound),
            req("lm/cp", "r-4", "53", "tcp/udp", Direction::Internal),
            with_peer(req("lm/cp", "r-5", "5432", "tcp", Direction::Outbound), "lm/db"),
            with_peer(req("lm/cp", "r-6", "443", "tcp", Direction::Outbound), "lm/registry"),
            with_necessity(
                req("lm/cp", "r-7", "9100", "tcp", Direction::Inbound),
                Necessity::Optional,
            ),
            req("lm/cp", "r-8", "9999", "", Direction::Inbound),
            req("lm/db", "r-9", "5432", "tcp", Direction::Inbound),
        ],
        &["lm/registry"],
    )]);
    let topo = topology(
        standard_zones(),
        vec![
            host("cp1", "cluster", &["10.0.0.10"], &["lm/cp"]),
            host("cp2", "cluster", &["10.0.0.11", "fd00::11"], &["lm/cp"]),
            host("db", "cluster", &["10.0.0.20"], &["lm/db"]),
        ],
    );
    (cat, topo)
}

#[test]
fn plans_inbound_outbound_internal_and_egress() {
    let (cat, topo) = sample();
    let plan = plan(&cat, &topo);
    let show: Vec<String> = plan
        .flows
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
        .collect();
    let text = show.join("\n");
    // 443 external: from any to each cp host.
    assert!(text.contains("any -> host cp1 443/tcp [\"lm/r-1\"]"), "{text}");
    // 8080 and 8081 merged, from trusted zones.
    assert!(
        text.contains("zone corp -> host cp1 8080-8081/tcp [\"lm/r-2\", \"lm/r-3\"]"),
        "{text}"
    );
    assert!(!text.contains("internet -> host cp1 8080"), "{text}");
    // Internal tcp+udp from the platform group, both transports.
    assert!(text.contains("group lm -> host cp2 53/udp"), "{text}");
    assert!(text.contains("group lm -> host cp2 53/tcp"), "{text}");
    // Outbound from the cp group to the db host: its hosts are all in zone cluster, which
    // already reaches db on 5432, so the group's flow is merged into the zone's.
    assert!(text.contains("zone cluster -> host db 5432/tcp [\"lm/r-5\", \"lm/r-9\"]"), "{text}");
    assert!(!text.contains("group lm/cp -> host db"), "{text}");
    // Egress to an unplaced external component: the untrusted zone.
    assert!(text.contains("group lm/cp -> zone internet 443/tcp [\"lm/r-6\"]"), "{text}");
    // Optional port not enabled: absent.
    assert!(!text.contains("9100"), "{text}");
    // Unknown transport: noted, not dropped silently.
    assert!(plan.notes.iter().any(
        |n| n.kind == NoteKind::UnknownTransport && n.requirement.as_deref() == Some("lm/r-8")
    ));
    assert_eq!(plan.group("lm").map(|g| g.members.len()), Some(3));
}

#[test]
fn enable_turns_on_optional_and_order_is_deterministic() {
    let (cat, mut topo) = sample();
    topo.enable.push(crate::topology::Located::new("lm/r-7".to_owned(), at(9)));
    let a = plan(&cat, &topo);
    assert!(a.flows.iter().any(|f| f.ports.start() == 9100));
    topo.hosts.reverse();
    let b = plan(&cat, &topo);
    assert_eq!(
        a.flows.iter().map(|f| (&f.source, &f.destination, f.ports)).collect::<Vec<_>>(),
        b.flows.iter().map(|f| (&f.source, &f.destination, f.ports)).collect::<Vec<_>>()
    );
}

#[test]
fn unplaced_peer_and_family_mismatch_are_noted() {
    let (cat, mut topo) = sample();
    topo.hosts.retain(|h| h.name != "db");
    // An IPv6-only zone as the only trusted source for an IPv4-only host.
    topo.zones = vec![zone("v6", &["fd00::/64"], crate::topology::Trust::Trusted)];
    let plan = plan(&cat, &topo);
    assert!(
        plan.notes.iter().any(
            |n| n.kind == NoteKind::PeerNotPlaced && n.requirement.as_deref() == Some("lm/r-5")
        )
    );
    assert!(plan.notes.iter().any(|n| n.kind == NoteKind::NoCommonFamily));
    // cp2 has an IPv6 address, so it does get the flow from the v6 zone.
    assert!(plan.flows.iter().any(|f| f.destination.name() == "cp2" && f.ports.start() == 8080));
}

/// Internal requirements come from the platform's hosts in the destination's zone: a load
/// balancer of the platform in a DMZ is not a source of cluster-internal traffic.
#[test]
fn internal_is_planned_from_the_destination_zone() {
    use crate::model::Direction;
    use crate::topology::testkit::*;
    let catalog = catalog(vec![platform(
        "lm",
        vec![
            req("lm/node", "r-1", "10250", "tcp", Direction::Internal),
            req("lm/lb", "r-2", "443", "tcp", Direction::Inbound),
        ],
        &[],
    )]);
    let text = "zones:\n  dmz: { cidrs: [192.0.2.0/28], trust: untrusted }\n  cluster: { cidrs: [10.0.0.0/22] }\nhosts:\n  lb: { zone: dmz, address: 192.0.2.5, roles: [lm/lb] }\n  n1: { zone: cluster, address: 10.0.0.10, roles: [lm/node] }\n  n2: { zone: cluster, address: 10.0.0.11, roles: [lm/node] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let plan = plan(&catalog, &topology);
    let internal: Vec<&Flow> = plan.flows.iter().filter(|f| f.ports.start() == 10250).collect();
    assert_eq!(internal.len(), 2);
    for flow in internal {
        let sources: Vec<&str> = plan.hosts(&flow.source).iter().map(|h| h.name.as_str()).collect();
        assert!(!sources.contains(&"lb"), "{sources:?}");
    }
    assert!(
        plan.group("lm@cluster").is_some()
            || plan.flows.iter().all(|f| !matches!(f.source, Endpoint::Group { .. }))
    );
}

#[test]
fn peer_texts_are_read_as_ascii_words() {
    let topology = Topology::default();
    assert_eq!(classify_peer("“Cluster” nodes", &topology), PeerClass::PlatformHosts);
    assert_eq!(classify_peer("the clients’ browsers", &topology), PeerClass::Untrusted);
    assert_eq!(classify_peer("INTERNAL networks", &topology), PeerClass::Trusted);
}
