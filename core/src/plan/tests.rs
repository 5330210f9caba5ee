use super::*;
use crate::model::{Direction, Exposure, Necessity};
use crate::topology::testkit::*;

fn sample() -> (Catalog, Topology) {
    let cat = catalog(vec![platform(
        "lm",
        vec![
            with_peer_text(
                with_exposure(
                    req("lm/cp", "r-1", "443", "tcp", Direction::Inbound),
                    Exposure::External,
                ),
                "anyone",
            ),
            with_peer_text(req("lm/cp", "r-2", "8080", "tcp", Direction::Inbound), "internal"),
            with_peer_text(req("lm/cp", "r-3", "8081", "tcp", Direction::Inbound), "internal"),
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
    // 443 external, "anyone": the platform's hosts and the untrusted zones to each cp host.
    assert!(text.contains("zone internet -> host cp1 443/tcp [\"lm/r-1\"]"), "{text}");
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
    assert!(text.contains("group lm -> host db 5432/tcp [\"lm/r-5\", \"lm/r-9\"]"), "{text}");
    assert!(!text.contains("group lm/cp -> host db"), "{text}");
    // Egress to an unplaced external component: nobody said where it is, so no rule to the
    // world, and a note (P040) that says how to place it.
    assert!(!text.contains("lm/r-6"), "{text}");
    assert!(
        plan.notes.iter().any(
            |n| n.kind == NoteKind::PeerNotPlaced && n.requirement.as_deref() == Some("lm/r-6")
        )
    );
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

/// A cluster of one control plane and one worker, a trusted `lab` workstation zone and the
/// internet, as a topology text (so `clients`, `peers` and `variants` can be appended).
fn k8s_topology(extra: &str) -> Topology {
    let text = format!(
        "zones:\n  internet: {{ cidrs: [0.0.0.0/0], trust: untrusted }}\n  lab: {{ cidrs: [172.16.0.0/16] }}\n  k8s: {{ cidrs: [10.1.0.0/24] }}\nhosts:\n  master: {{ zone: k8s, address: 10.1.0.10, roles: [k8s/control-plane] }}\n  worker1: {{ zone: k8s, address: 10.1.0.21, roles: [k8s/worker] }}\n{extra}"
    );
    crate::topology::parse(&text, "t.yaml", crate::topology::Format::Yaml).expect("parses")
}

fn sources_of(plan: &FlowPlan, port: u16) -> Vec<String> {
    let mut out: Vec<String> =
        plan.flows.iter().filter(|f| f.ports.start() == port).map(|f| f.source.label()).collect();
    out.sort();
    out.dedup();
    out
}

fn no_direction(mut r: Requirement) -> Requirement {
    r.direction = None;
    r
}

/// Regression: etcd and kubelet rows that state no peer and no direction were planned from
/// every trusted zone, so the `lab` workstations could reach etcd.
#[test]
fn omero_lab_reaches_neither_etcd_nor_kubelet() {
    let cat = catalog(vec![platform(
        "k8s",
        vec![
            no_direction(req("k8s/control-plane", "r-56", "2379-2380", "tcp", Direction::Inbound)),
            no_direction(req("k8s/worker", "r-70", "10250", "tcp", Direction::Inbound)),
        ],
        &[],
    )]);
    let plan = plan(&cat, &k8s_topology(""));
    for port in [2379, 10250] {
        let sources = sources_of(&plan, port);
        assert!(!sources.is_empty(), "{port} is still planned between the cluster's hosts");
        // The platform's own hosts only: no zone, no any.
        assert_eq!(sources, ["group k8s"], "{port}");
    }
    let assumed: Vec<&PlanNote> =
        plan.notes.iter().filter(|n| n.kind == NoteKind::PeerAssumed).collect();
    assert_eq!(assumed.len(), 2, "{:?}", plan.notes);
    // One note per requirement says both what was assumed and how to settle it.
    assert!(assumed.iter().all(|n| n.message.contains("no direction")
        && n.message.contains("k8s.md:10:1")
        && n.message.contains("portolan: direction=... peer=")));
    assert!(assumed.iter().all(|n| n.location.is_some()));
    assert!(!plan.notes.iter().any(|n| n.kind == NoteKind::DirectionAssumed));
}

/// Regression: a Kubernetes "Used By: All" cell became *any*, so the API server was written open
/// from the internet although the page never calls it public.
#[test]
fn kubernetes_all_is_not_the_internet() {
    let cat = catalog(vec![platform(
        "k8s",
        vec![
            with_peer_text(
                req("k8s/control-plane", "r-42", "6443", "tcp", Direction::Inbound),
                "All",
            ),
            req("k8s/worker", "r-1", "10250", "tcp", Direction::Internal),
        ],
        &[],
    )]);
    let plan_without = plan(&cat, &k8s_topology(""));
    assert_eq!(sources_of(&plan_without, 6443), ["group k8s"]);
    let with_clients = plan(&cat, &k8s_topology("clients:\n  k8s/control-plane: [lab]\n"));
    assert_eq!(sources_of(&with_clients, 6443), ["group k8s", "zone lab"]);
    // Only a port the document calls external reaches the internet.
    let mut external = cat.clone();
    for p in &mut external.platforms {
        for r in &mut p.requirements {
            r.exposure = Some(Exposure::External);
        }
    }
    let plan_external = plan(&external, &k8s_topology(""));
    assert_eq!(sources_of(&plan_external, 6443), ["group k8s", "zone internet"]);
}

/// Regression: OpenLM's on-premises example planned cp1 -> lb1 80/443 from a sentence of the
/// document's Azure section.
#[test]
fn openlm_azure_sentence_does_not_apply_on_premises() {
    let mut lm = platform(
        "lm",
        vec![
            with_variant(
                with_peer(
                    req("lm/load-balancer", "r-198", "443", "tcp", Direction::Inbound),
                    "lm/ingress",
                ),
                "azure",
            ),
            req("lm/ingress", "r-1", "8443", "tcp", Direction::Internal),
        ],
        &[],
    );
    lm.variants = vec![
        crate::model::Variant { slug: "on-premises".to_owned(), name: "On-premises".to_owned() },
        crate::model::Variant { slug: "azure".to_owned(), name: "Azure".to_owned() },
    ];
    let cat = catalog(vec![lm]);
    let hosts = "zones:\n  dmz: [192.0.2.0/28]\n  cluster: [10.0.0.0/22]\nhosts:\n  lb1: { zone: dmz, address: 192.0.2.5, roles: [lm/load-balancer] }\n  cp1: { zone: cluster, address: 10.0.0.10, roles: [lm/ingress] }\n";
    let with = |extra: &str| {
        let text = format!("{hosts}{extra}");
        crate::topology::parse(&text, "t.yaml", crate::topology::Format::Yaml).expect("parses")
    };
    assert!(sources_of(&plan(&cat, &with("variants: { lm: on-premises }\n")), 443).is_empty());
    // No pick: only the rows common to every variant.
    assert!(sources_of(&plan(&cat, &with("")), 443).is_empty());
    assert!(!sources_of(&plan(&cat, &with("")), 8443).is_empty());
    assert_eq!(sources_of(&plan(&cat, &with("variants: { lm: azure }\n")), 443), ["host cp1"]);
}

#[test]
fn host_local_peers_give_no_flow_and_a_note() {
    let cat = catalog(vec![platform(
        "k8s",
        vec![with_peer_text(
            req("k8s/control-plane", "r-9", "10257", "tcp", Direction::Inbound),
            "Self",
        )],
        &[],
    )]);
    let plan = plan(&cat, &k8s_topology(""));
    assert!(plan.flows.is_empty());
    assert!(plan.notes.iter().any(|n| n.kind == NoteKind::HostLocal && !n.kind.is_skip()));
}

#[test]
fn peer_lists_plan_each_resolved_part_and_question_the_rest() {
    let cat = catalog(vec![platform(
        "k8s",
        vec![
            with_peer_text(
                req("k8s/control-plane", "r-5", "2379", "tcp", Direction::Inbound),
                "kube-apiserver, worker",
            ),
            req("k8s/worker", "r-1", "10250", "tcp", Direction::Internal),
        ],
        &[],
    )]);
    let plan = plan(&cat, &k8s_topology(""));
    // The worker, and the narrow reading (the platform's hosts) for the unknown name.
    // (worker1 is a member of the group, so its flow is covered by the group's.)
    assert_eq!(sources_of(&plan, 2379), ["group k8s"]);
    assert!(
        plan.notes
            .iter()
            .any(|n| n.kind == NoteKind::PeerAssumed && n.message.contains("`kube-apiserver`"))
    );
}

#[test]
fn topology_peers_settle_by_requirement_before_component() {
    let cat = catalog(vec![platform(
        "k8s",
        vec![
            req("k8s/control-plane", "r-55", "6443", "tcp", Direction::Inbound),
            req("k8s/control-plane", "r-56", "2379", "tcp", Direction::Inbound),
            req("k8s/worker", "r-1", "10250", "tcp", Direction::Internal),
        ],
        &[],
    )]);
    let topology =
        k8s_topology("peers:\n  k8s/control-plane: [k8s/worker]\n  k8s/r-55: [lab, worker1]\n");
    let plan = plan(&cat, &topology);
    assert_eq!(sources_of(&plan, 6443), ["host worker1", "zone lab"]);
    assert_eq!(sources_of(&plan, 2379), ["host worker1"]);
    assert!(!plan.notes.iter().any(|n| n.kind == NoteKind::PeerAssumed), "{:?}", plan.notes);
}

/// Regression: an agent that runs outside the topology (an `external` component) connecting
/// in was planned from the untrusted zones, which fell back to any address when the topology
/// declared none: an air-gapped topology whose clients are the office got 443 open to
/// 0.0.0.0/0. The declared clients now stand for it; without them, the narrow reading.
#[test]
fn external_agent_in_air_gapped_topology_is_not_planned_from_any() {
    let cat = catalog(vec![platform(
        "lm",
        vec![with_peer(req("lm/ingress", "r-58", "443", "tcp", Direction::Inbound), "lm/agent")],
        &["lm/agent"],
    )]);
    let text = |extra: &str| {
        let text = format!(
            "zones:\n  office: {{ cidrs: [172.16.0.0/16] }}\n  k3s: {{ cidrs: [10.10.10.0/24] }}\nhosts:\n  cp: {{ zone: k3s, address: 10.10.10.2, roles: [lm/ingress] }}\n  n2: {{ zone: k3s, address: 10.10.10.3, roles: [lm/ingress] }}\n{extra}"
        );
        crate::topology::parse(&text, "t.yaml", crate::topology::Format::Yaml).expect("parses")
    };
    let with_clients = plan(&cat, &text("clients: { lm/ingress: [office] }\n"));
    assert_eq!(sources_of(&with_clients, 443), ["zone office"]);
    assert!(!with_clients.notes.iter().any(|n| n.kind.is_assumption()), "{:?}", with_clients.notes);

    let without = plan(&cat, &text(""));
    let sources = sources_of(&without, 443);
    assert!(!sources.iter().any(|s| s == "any"), "{sources:?}");
    assert!(
        without.notes.iter().any(|n| n.kind == NoteKind::PeerAssumed
            && n.message.contains("`lm/agent` runs outside the topology")),
        "{:?}",
        without.notes
    );
}

/// The untrusted zones stay the reading of an external peer when the topology has them (the
/// document calls the component outside; the audit fixtures were captured with that plan).
#[test]
fn external_peer_with_untrusted_zones_is_the_untrusted_zones() {
    let cat = catalog(vec![platform(
        "k8s",
        vec![with_peer(
            req("k8s/control-plane", "r-1", "6443", "tcp", Direction::Inbound),
            "k8s/agent",
        )],
        &["k8s/agent"],
    )]);
    assert_eq!(sources_of(&plan(&cat, &k8s_topology("")), 6443), ["zone internet"]);
}

/// Regression (operators' network read as the internet): an outside peer whose document calls
/// it an internal network (API Connect's "Protected zone") was planned from the untrusted
/// zones, or from the component's clients (the internet among them), when no zone bears its
/// name: SSH for the operators opened to the world in silence. Now the platform's own hosts,
/// said; a zone named after it still stands for it.
#[test]
fn regression_internal_network_peer_is_never_the_internet() {
    let mut cat = catalog(vec![platform(
        "k8s",
        vec![with_peer(
            req("k8s/control-plane", "r-1", "22", "tcp", Direction::Inbound),
            "k8s/protected",
        )],
        &["k8s/protected"],
    )]);
    for c in cat.platforms.iter_mut().flat_map(|p| p.components.iter_mut()) {
        if c.id == "k8s/protected" {
            c.name = "Protected zone".to_owned();
            c.description = Some("Internal network of operators and business users.".to_owned());
        }
    }
    let cat = Catalog::new(cat.platforms);
    for extra in ["", "clients: { k8s/control-plane: [internet] }\n"] {
        let planned = plan(&cat, &k8s_topology(extra));
        let sources = sources_of(&planned, 22);
        assert!(!sources.iter().any(|s| s == "zone internet" || s == "any"), "{sources:?}");
        assert!(
            planned.notes.iter().any(|n| n.kind == NoteKind::PeerAssumed
                && n.message.contains("`k8s/protected` is an internal network")),
            "{:?}",
            planned.notes
        );
    }
}

/// Regression (office agents blocked in silence): with an internet zone, an external agent
/// connecting in was planned from the untrusted zones only, even when the topology declared
/// the office among the component's clients; the office agents met the default deny.
#[test]
fn regression_external_agents_in_office_zone_are_planned_from_every_declared_client() {
    let cat = catalog(vec![platform(
        "lm",
        vec![with_peer(req("lm/ingress", "r-58", "443", "tcp", Direction::Inbound), "lm/agent")],
        &["lm/agent"],
    )]);
    let text = "zones:\n  internet: { cidrs: [0.0.0.0/0], trust: untrusted }\n  office: { cidrs: [172.16.0.0/16] }\n  k3s: { cidrs: [10.10.10.0/24] }\nhosts:\n  cp: { zone: k3s, address: 10.10.10.2, roles: [lm/ingress] }\nclients: { lm/ingress: [internet, office] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    let mut sources = sources_of(&planned, 443);
    sources.sort();
    assert_eq!(sources, ["zone internet", "zone office"]);
    assert!(!planned.notes.iter().any(|n| n.kind.is_assumption()), "{:?}", planned.notes);
}

/// Regression: an internal port of a platform placed on one host (ACTIVATE's PostgreSQL on
/// the control-plane box) planned nothing and said nothing: `portolan check` printed "no
/// findings (0 flows planned)". It is now a host-local note naming the host.
#[test]
fn internal_port_of_a_single_host_platform_is_noted_not_silent() {
    let cat = catalog(vec![platform(
        "act",
        vec![req("act/postgresql", "r-96", "5432", "tcp", Direction::Internal)],
        &[],
    )]);
    let text = "zones:\n  dc: { cidrs: [10.0.0.0/24] }\nhosts:\n  db: { zone: dc, address: 10.0.0.5, roles: [act/postgresql] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let plan = plan(&cat, &topology);
    assert!(plan.flows.iter().all(|f| f.ports.start() != 5432));
    let note = plan
        .notes
        .iter()
        .find(|n| n.requirement.as_deref() == Some("act/r-96"))
        .expect("a note for the requirement");
    assert_eq!(note.kind, NoteKind::HostLocal);
    assert!(note.message.contains("host db"), "{}", note.message);
    assert!(note.location.is_some());
}

/// Regression: a row whose peer is "internal" is planned from the trusted zones, and with no
/// trusted zone declared (every zone untrusted, a DMZ-only topology) that fell back to any
/// address. It is now the narrow reading with a P042 note.
#[test]
fn internal_peer_without_trusted_zones_is_not_any() {
    let cat = catalog(vec![platform(
        "lm",
        vec![with_peer_text(req("lm/db", "r-2", "5432", "tcp", Direction::Inbound), "internal")],
        &[],
    )]);
    let text = "zones:\n  dmz: { cidrs: [203.0.113.0/24], trust: untrusted }\nhosts:\n  db: { zone: dmz, address: 203.0.113.10, roles: [lm/db] }\n  db2: { zone: dmz, address: 203.0.113.11, roles: [lm/db] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let plan = plan(&cat, &topology);
    assert!(!sources_of(&plan, 5432).iter().any(|s| s == "any"), "{:?}", sources_of(&plan, 5432));
    assert!(
        plan.notes
            .iter()
            .any(|n| n.kind == NoteKind::PeerAssumed
                && n.message.contains("declares no trusted zone")),
        "{:?}",
        plan.notes
    );
}

/// Regression (load balancer bypassed): an agent that runs outside the topology (an `external`
/// component) was planned from the untrusted zones *and* the declared clients, so a topology
/// whose `clients` are the load balancers in front of the ingress still got 443 open from the
/// internet straight to the ingress node. The declared clients now stand for the outside,
/// with a P042 note saying they name no untrusted zone.
#[test]
fn regression_external_agents_behind_a_load_balancer_do_not_bypass_it() {
    let cat = catalog(vec![platform(
        "lm",
        vec![with_peer(req("lm/ingress", "r-58", "443", "tcp", Direction::Inbound), "lm/agent")],
        &["lm/agent"],
    )]);
    let text = "zones:\n  internet: { cidrs: [0.0.0.0/0], trust: untrusted }\n  edge: { cidrs: [10.99.0.0/29] }\n  k3s: { cidrs: [10.10.10.0/24] }\nhosts:\n  lb: { zone: edge, address: 10.99.0.2, roles: [] }\n  cp: { zone: k3s, address: 10.10.10.2, roles: [lm/ingress] }\nclients: { lm/ingress: [lb] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    assert_eq!(sources_of(&planned, 443), ["host lb"]);
    assert!(
        planned.notes.iter().any(
            |n| n.kind == NoteKind::PeerAssumed && n.message.contains("name no untrusted zone")
        ),
        "{:?}",
        planned.notes
    );
}

/// Regression (protected zone read as the internet): a row whose peer is an outside component
/// named after a zone (`Protected zone`: internal operators) was planned from the untrusted
/// zones; the topology's zone of that name is the peer.
#[test]
fn regression_outside_peer_named_after_a_zone_is_that_zone() {
    let mut row =
        with_peer(req("gw/gateway", "r-39", "22", "tcp", Direction::Inbound), "gw/protected-zone");
    row.peer = Some("Protected zone".to_owned());
    let cat = catalog(vec![platform("gw", vec![row], &["gw/protected-zone"])]);
    let text = "zones:\n  public: { cidrs: [0.0.0.0/0], trust: untrusted }\n  protected: { cidrs: [10.100.0.0/16] }\n  gateway: { cidrs: [172.20.1.0/24] }\nhosts:\n  gw1: { zone: gateway, address: 172.20.1.11, roles: [gw/gateway] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    assert_eq!(sources_of(&planned, 22), ["zone protected"]);
}

/// Regression (guest Wi-Fi let in through the campus): `clients: [campus]` planned the whole
/// campus /16 although an untrusted guest /24 sits inside it; the rules let the guests reach
/// an internal port. A trusted zone now stands for its networks without the untrusted ones
/// nested in them, for catalog flows and for management access alike.
#[test]
fn regression_untrusted_zone_nested_in_a_client_zone_is_not_let_in() {
    let cat = catalog(vec![platform(
        "om",
        vec![req("om/server", "r-1", "4064", "tcp", Direction::Inbound)],
        &[],
    )]);
    let text = "zones:\n  campus: { cidrs: [10.5.0.0/16] }\n  guest: { cidrs: [10.5.9.0/24], trust: untrusted }\n  lab: { cidrs: [10.5.7.0/24] }\nhosts:\n  w1: { zone: lab, address: 10.5.7.21, roles: [om/server] }\nclients: { om/server: [campus] }\nmanagement: [{ from: campus, ports: [22/tcp] }]\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = access::with_access(plan(&cat, &topology), &topology);
    let guest: IpAddr = "10.5.9.20".parse().expect("address");
    let office: IpAddr = "10.5.200.1".parse().expect("address");
    for port in [4064, 22] {
        let flow = planned.flows.iter().find(|f| f.ports.start() == port).expect("planned");
        assert_eq!(flow.source.name(), "campus");
        let nets = planned.networks(&flow.source).expect("networks");
        assert!(nets.iter().all(|n| !n.contains(&guest)), "{port}: {nets:?}");
        assert!(nets.iter().any(|n| n.contains(&office)), "{port}: {nets:?}");
    }
}

/// Regression (NFS to the internet in silence, then NFS to the world said): a connection out
/// to an outside component no host holds (ACTIVATE's storage, its SMTP server) was planned to
/// the untrusted zones, 2049/tcp to 0.0.0.0/0 (to every address without one), first with no
/// note, then with a P042 note. Default deny: nobody said where the filer is, so no rule at
/// all, and a located P040 that says how to place it; `peers` naming a zone settles it.
#[test]
fn regression_egress_to_an_unplaced_outside_service_opens_no_port_to_the_world() {
    let cat = catalog(vec![platform(
        "act",
        vec![with_peer(req("act/cp", "r-311", "2049", "tcp", Direction::Outbound), "act/storage")],
        &["act/storage"],
    )]);
    let text = "zones:\n  internet: { cidrs: [0.0.0.0/0], trust: untrusted }\n  dc: { cidrs: [10.0.0.0/24] }\nhosts:\n  cp: { zone: dc, address: 10.0.0.5, roles: [act/cp] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    assert!(planned.flows.iter().all(|f| f.ports.start() != 2049), "{:?}", planned.flows);
    let note = planned
        .notes
        .iter()
        .find(|n| n.requirement.as_deref() == Some("act/r-311"))
        .expect("said in a note");
    assert_eq!(note.kind, NoteKind::PeerNotPlaced);
    assert!(note.message.contains("`act/storage` runs outside the topology"), "{}", note.message);
    assert!(note.message.contains("no flow planned"), "{}", note.message);
    assert!(note.location.is_some());
    // Without an untrusted zone it was every address: the same, no rule.
    let air_gapped = text.replace("  internet: { cidrs: [0.0.0.0/0], trust: untrusted }\n", "");
    let topology = crate::topology::parse(&air_gapped, "t.yaml", crate::topology::Format::Yaml)
        .expect("parses");
    let planned = plan(&cat, &topology);
    assert!(planned.flows.is_empty(), "{:?}", planned.flows);
    // Settled by the topology: no note.
    let settled = crate::topology::parse(
        &format!("{text}peers: {{ act/r-311: [dc] }}\n"),
        "t.yaml",
        crate::topology::Format::Yaml,
    )
    .expect("parses");
    let planned = plan(&cat, &settled);
    assert!(planned.notes.is_empty());
    let flow = planned.flows.iter().find(|f| f.ports.start() == 2049).expect("planned");
    assert_eq!(flow.destination.label(), "zone dc");
}

/// Regression (a role enabled, placed nowhere, spread in silence): `enable:
/// [act/user-workspace]` with no host holding it planned the workspace's 1024-65535/tcp on
/// every host of the platform, the database included, and nothing said so. It is still planned
/// (a platform-wide feature is what `enable` of a component means), and a note says on which
/// hosts and how to place it.
#[test]
fn regression_enabled_component_on_no_host_is_said_with_the_hosts_it_lands_on() {
    let cat = catalog(vec![platform(
        "act",
        vec![
            req("act/db", "r-1", "5432", "tcp", Direction::Internal),
            req("act/workspace", "r-2", "1024-65535", "tcp", Direction::Internal),
        ],
        &[],
    )]);
    let text = "zones:\n  dc: { cidrs: [10.0.0.0/24] }\nhosts:\n  cp: { zone: dc, address: 10.0.0.5, roles: [act/db] }\n  db: { zone: dc, address: 10.0.0.6, roles: [act/db] }\nenable: [act/workspace]\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    assert!(planned.flows.iter().any(|f| f.ports.start() == 1024));
    let note = planned
        .notes
        .iter()
        .find(|n| n.kind == NoteKind::PlacementAssumed)
        .expect("said in a note");
    assert!(
        note.message.contains("act/workspace") && note.message.contains("(cp, db)"),
        "{}",
        note.message
    );
    assert_eq!(note.location.as_ref().map(|l| l.line), Some(6));
    assert!(note.kind.is_assumption());
}

/// Regression (zone names differing in case): a document's peer `DMZ` landed in whichever zone
/// spelt `dmz` in any case was declared first, here the untrusted guest `dmz`, while the team's
/// `DMZ` is the trusted server network. The exact name wins; a case-insensitive match counts
/// only when it is the one zone that matches, else the peer is read narrowly and said.
#[test]
fn regression_zone_names_differing_in_case_pick_the_exact_zone() {
    let cat = catalog(vec![platform(
        "lm",
        vec![
            with_peer_text(req("lm/cp", "r-1", "8443", "tcp", Direction::Inbound), "DMZ"),
            with_peer_text(req("lm/cp", "r-2", "9443", "tcp", Direction::Inbound), "Dmz zone"),
        ],
        &[],
    )]);
    let text = "zones:\n  dmz: { cidrs: [192.168.77.0/24], trust: untrusted }\n  DMZ: { cidrs: [10.9.0.0/24] }\n  dc: { cidrs: [10.0.0.0/24] }\nhosts:\n  cp: { zone: dc, address: 10.0.0.5, roles: [lm/cp] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    let sources = |port: u16| -> Vec<String> {
        planned.flows.iter().filter(|f| f.ports.start() == port).map(|f| f.source.label()).collect()
    };
    assert_eq!(sources(8443), ["zone DMZ"]);
    // `Dmz` matches both zones but neither exactly: never the untrusted one, said as assumed.
    assert!(!sources(9443).contains(&"zone dmz".to_owned()), "{:?}", sources(9443));
    assert!(
        planned
            .notes
            .iter()
            .any(|n| n.kind == NoteKind::PeerAssumed && n.requirement.as_deref() == Some("lm/r-2")),
        "{:?}",
        planned.notes
    );
}

/// Regression (agent heartbeats to any): an outbound row whose peer cell names only the
/// component itself (ACTIVATE's "Compute cluster agent → Control plane" read as `agent`) was
/// planned to every address with no note. Not planned now, and said (P041) with the fix.
#[test]
fn regression_outbound_row_with_no_peer_opens_nothing_to_any() {
    let cat = catalog(vec![platform(
        "act",
        vec![with_peer_text(
            req("act/cluster-agent", "r-321", "443", "tcp", Direction::Outbound),
            "agent",
        )],
        &[],
    )]);
    let text = "zones:\n  internet: { cidrs: [0.0.0.0/0], trust: untrusted }\n  dc: { cidrs: [10.0.0.0/24] }\nhosts:\n  n1: { zone: dc, address: 10.0.0.5, roles: [act/cluster-agent] }\n  n2: { zone: dc, address: 10.0.0.6, roles: [act/cluster-agent] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    assert!(planned.flows.is_empty(), "{:?}", planned.flows);
    let note = planned.notes.iter().find(|n| n.requirement.as_deref() == Some("act/r-321"));
    assert_eq!(note.map(|n| n.kind), Some(NoteKind::DestinationUnstated));
    // Settled by the topology: planned where `peers` says, nowhere else.
    let settled = crate::topology::parse(
        &format!("{text}peers: {{ act/r-321: [internet] }}\n"),
        "t.yaml",
        crate::topology::Format::Yaml,
    )
    .expect("parses");
    let planned = plan(&cat, &settled);
    assert!(planned.notes.is_empty(), "{:?}", planned.notes);
    let labels: Vec<String> = planned.flows.iter().map(|f| f.destination.label()).collect();
    assert_eq!(labels, ["zone internet"]);
}

/// Regression (the internet of an air-gapped site): a row whose peer is `Internet`, in a
/// topology that declares no untrusted zone, was planned from every address. Read narrowly
/// (the platform's own hosts) and said, as `internal` is without a trusted zone.
#[test]
fn regression_internet_peer_without_untrusted_zone_is_not_any() {
    let cat = catalog(vec![platform(
        "lm",
        vec![
            with_peer_text(req("lm/cp", "r-1", "443", "tcp", Direction::Inbound), "Internet"),
            req("lm/node", "r-2", "10250", "tcp", Direction::Internal),
            // "Any" on an external port: the platform's hosts, never every address.
            with_peer_text(
                with_exposure(
                    req("lm/cp", "r-3", "8443", "tcp", Direction::Inbound),
                    Exposure::External,
                ),
                "any",
            ),
        ],
        &[],
    )]);
    let text = "zones:\n  dc: { cidrs: [10.0.0.0/24] }\nhosts:\n  cp: { zone: dc, address: 10.0.0.5, roles: [lm/cp] }\n  n1: { zone: dc, address: 10.0.0.6, roles: [lm/node] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    assert!(planned.flows.iter().all(|f| f.source != Endpoint::Any), "{:?}", planned.flows);
    let to_cp: Vec<String> =
        planned.flows.iter().filter(|f| f.ports.start() == 443).map(|f| f.source.label()).collect();
    assert_eq!(to_cp, ["group lm"]);
    assert!(planned.notes.iter().any(
        |n| n.kind == NoteKind::PeerAssumed && n.message.contains("declares no untrusted zone")
    ));
    let to_cp_8443: Vec<String> = planned
        .flows
        .iter()
        .filter(|f| f.ports.start() == 8443)
        .map(|f| f.source.label())
        .collect();
    assert_eq!(to_cp_8443, ["group lm"]);
    assert!(planned.notes.iter().any(|n| n.requirement.as_deref() == Some("lm/r-3")
        && n.message.contains("no untrusted zone and no `clients`")));
}

/// Regression (environments joined through a role): agents of dev and prod, each with its own
/// control plane, were one group reaching both control planes. With zones' `environment`,
/// each control plane is reached by its own environment's agents only; an office with no
/// environment still reaches both; and an environment with agents but no control plane
/// (`stage`) is said (IsolatedAlone), not left without a flow in silence.
#[test]
fn regression_environments_never_reach_each_other_through_a_role() {
    let cat = catalog(vec![platform(
        "act",
        vec![
            with_peer(req("act/agent", "r-1", "443", "tcp", Direction::Outbound), "act/cp"),
            req("act/cp", "r-2", "8443", "tcp", Direction::Inbound),
        ],
        &[],
    )]);
    let text = "zones:\n  office: { cidrs: [10.1.0.0/16] }\n  dev: { cidrs: [10.10.0.0/24], environment: dev }\n  prod: { cidrs: [10.20.0.0/24], environment: prod }\n  stage: { cidrs: [10.30.0.0/24], environment: stage }\nhosts:\n  dev-cp: { zone: dev, address: 10.10.0.5, roles: [act/cp] }\n  dev-a: { zone: dev, address: 10.10.0.6, roles: [act/agent] }\n  prod-cp: { zone: prod, address: 10.20.0.5, roles: [act/cp] }\n  prod-a: { zone: prod, address: 10.20.0.6, roles: [act/agent] }\n  stage-a: { zone: stage, address: 10.30.0.6, roles: [act/agent] }\nclients: { act/cp: [office] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    let to = |host: &str, port: u16| -> Vec<Vec<String>> {
        planned
            .flows
            .iter()
            .filter(|f| f.destination.name() == host && f.ports.start() == port)
            .map(|f| planned.hosts(&f.source).iter().map(|h| h.name.clone()).collect())
            .collect()
    };
    assert_eq!(to("dev-cp", 443), [vec!["dev-a".to_owned()]]);
    assert_eq!(to("prod-cp", 443), [vec!["prod-a".to_owned()]]);
    let office: Vec<String> = planned
        .flows
        .iter()
        .filter(|f| f.ports.start() == 8443)
        .map(|f| format!("{} -> {}", f.source.label(), f.destination.label()))
        .collect();
    // The peerless 8443 comes from the declared clients and, inside each environment, from
    // the platform's own hosts there (`regression_declared_clients_replaced_own_hosts`).
    assert_eq!(
        office,
        [
            "zone office -> host dev-cp",
            "group act@dev -> host dev-cp",
            "zone office -> host prod-cp",
            "group act@prod -> host prod-cp"
        ]
    );
    for (group, members) in [("act@dev", ["dev-a", "dev-cp"]), ("act@prod", ["prod-a", "prod-cp"])]
    {
        let names: Vec<&str> = planned
            .group(group)
            .map(|g| g.members.iter().map(|m| m.name.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(names, members, "{group}: its own environment only");
    }
    let alone: Vec<&PlanNote> =
        planned.notes.iter().filter(|n| n.kind == NoteKind::IsolatedAlone).collect();
    assert_eq!(alone.len(), 1, "{:?}", planned.notes);
    assert!(alone[0].message.contains("stage-a"), "{}", alone[0].message);
    assert_eq!(alone[0].location.as_ref().map(|l| l.line), Some(11));
    // No environment anywhere: the plan is the one without the pass.
    let joined = text
        .replace(", environment: dev", "")
        .replace(", environment: prod", "")
        .replace(", environment: stage", "");
    let topology =
        crate::topology::parse(&joined, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    assert!(planned.notes.iter().all(|n| n.kind != NoteKind::Isolated));
    assert_eq!(
        planned
            .hosts(
                &planned
                    .flows
                    .iter()
                    .find(|f| f.destination.name() == "dev-cp" && f.ports.start() == 443)
                    .expect("flow")
                    .source
            )
            .len(),
        3
    );
}

/// Regression (registry egress to a VPN pool): an outbound row whose peer is the internet (a
/// vendor's registry) was planned to every untrusted zone. Beside an internet zone that only
/// added rules to a VPN pool and a DMZ; with a VPN pool or a DMZ as the only untrusted zone,
/// the host could reach only that zone and the registry was lost in silence (or a DMZ opened
/// as if it were the world). Now: the zones that are the internet (untrusted, holding a /0)
/// only; with none, no flow and a located note (P041) that says how to declare it.
#[test]
fn regression_outbound_internet_row_never_goes_to_a_vpn_pool_or_dmz() {
    let cat = catalog(vec![platform(
        "lm",
        vec![with_peer_text(req("lm/node", "r-73", "443", "tcp", Direction::Outbound), "Internet")],
        &[],
    )]);
    let hosts = "hosts:\n  n1: { zone: dc, address: 10.0.0.5, roles: [lm/node] }\n";
    let destinations = |zones: &str| {
        let text = format!("zones:\n{zones}  dc: {{ cidrs: [10.0.0.0/24] }}\n{hosts}");
        let topology =
            crate::topology::parse(&text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
        let planned = plan(&cat, &topology);
        let labels: Vec<String> = planned.flows.iter().map(|f| f.destination.label()).collect();
        let note = planned.notes.iter().find(|n| n.requirement.as_deref() == Some("lm/r-73"));
        (labels, note.map(|n| (n.kind, n.message.clone())))
    };
    let vpn = "  vpn: { cidrs: [10.8.0.0/24], trust: untrusted }\n";
    let dmz = "  dmz: { cidrs: [192.0.2.0/28], trust: untrusted }\n";
    let internet = "  internet: { cidrs: [0.0.0.0/0, \"::/0\"] }\n";
    // (a) The internet declared (untrusted by default): there and nowhere else, no note.
    let (labels, note) = destinations(&format!("{internet}{vpn}{dmz}"));
    assert_eq!(labels, ["zone internet"]);
    assert_eq!(note, None);
    // (b) A VPN pool, or a DMZ, the only untrusted zone: no flow, the zone named as not it.
    for (zones, name) in [(vpn, "`vpn`"), (dmz, "`dmz`")] {
        let (labels, note) = destinations(zones);
        assert!(labels.is_empty(), "{labels:?}");
        let (kind, message) = note.expect("a note");
        assert_eq!(kind, NoteKind::DestinationUnstated);
        assert!(message.contains(&format!("untrusted {name} is not the internet")), "{message}");
    }
    // (c) No untrusted zone at all: no flow (not the platform's own hosts, not any), said.
    let (labels, note) = destinations("");
    assert!(labels.is_empty(), "{labels:?}");
    let (kind, message) = note.expect("a note");
    assert_eq!(kind, NoteKind::DestinationUnstated);
    assert!(message.contains("declare the internet as a zone"), "{message}");
}

/// Regression (a relay's outgoing half sent to a VPN pool): a bidirectional row whose peer is
/// the public (a media relay that receives from and sends to the internet) had both halves
/// planned with every untrusted zone, so the relay was let out to a VPN pool and a DMZ as if
/// they were the internet, and with only such zones its real destination was lost in silence.
/// Now the incoming half comes from the untrusted zones (as an inbound row's), the outgoing
/// half goes to the zones that are the internet only; with none, no outgoing flow and a
/// located note (P041) saying it is the outgoing half. The same for an outside component as
/// the peer (no `clients`) and for an `any` peer on an external port.
#[test]
fn regression_bidirectional_internet_row_sends_its_outgoing_half_to_the_internet_only() {
    let mut outside =
        with_peer(req("rl/relay", "r-3", "3478", "udp", Direction::Bidirectional), "rl/peers");
    outside.peer = Some("media peers".to_owned());
    let rows = vec![
        with_peer_text(
            req("rl/relay", "r-1", "49152-65535", "udp", Direction::Bidirectional),
            "Internet",
        ),
        with_exposure(
            with_peer_text(req("rl/relay", "r-2", "443", "tcp", Direction::Bidirectional), "any"),
            Exposure::External,
        ),
        outside,
    ];
    let cat = catalog(vec![platform("rl", rows, &["rl/peers"])]);
    let hosts = "hosts:\n  relay1: { zone: dc, address: 10.0.0.5, roles: [rl/relay] }\n";
    let flows = |zones: &str| {
        let text = format!("zones:\n{zones}  dc: {{ cidrs: [10.0.0.0/24] }}\n{hosts}");
        let topology =
            crate::topology::parse(&text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
        let planned = plan(&cat, &topology);
        let mut pairs: Vec<(String, String, String)> = planned
            .flows
            .iter()
            .filter(|f| f.source.label() != "group rl" && f.destination.label() != "group rl")
            .map(|f| (f.source.label(), f.destination.label(), f.ports.to_string()))
            .collect();
        pairs.sort();
        let notes: Vec<(Option<String>, NoteKind, String)> = planned
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::DestinationUnstated)
            .map(|n| (n.requirement.clone(), n.kind, n.message.clone()))
            .collect();
        (pairs, notes)
    };
    let vpn = "  vpn: { cidrs: [10.8.0.0/24], trust: untrusted }\n";
    let dmz = "  dmz: { cidrs: [192.0.2.0/28], trust: untrusted }\n";
    let internet = "  internet: { cidrs: [0.0.0.0/0, \"::/0\"] }\n";
    let pair = |s: &str, d: &str, p: &str| (s.to_owned(), d.to_owned(), p.to_owned());
    // (a) The internet declared: in from every untrusted zone, out to the internet only.
    let (pairs, notes) = flows(&format!("{internet}{vpn}{dmz}"));
    let mut expected = Vec::new();
    for port in ["443", "3478", "49152-65535"] {
        for zone in ["zone dmz", "zone internet", "zone vpn"] {
            expected.push(pair(zone, "host relay1", port));
        }
        expected.push(pair("host relay1", "zone internet", port));
    }
    expected.sort();
    assert_eq!(pairs, expected);
    assert!(notes.is_empty(), "{notes:?}");
    // (b) Only a VPN pool and a DMZ: the incoming half stays, no outgoing flow, each row said.
    let (pairs, notes) = flows(&format!("{vpn}{dmz}"));
    assert!(pairs.iter().all(|(_, d, _)| d == "host relay1"), "{pairs:?}");
    assert_eq!(pairs.len(), 6, "{pairs:?}");
    let mut said: Vec<&str> = notes.iter().filter_map(|(r, _, _)| r.as_deref()).collect();
    said.sort_unstable();
    assert_eq!(said, ["rl/r-1", "rl/r-2", "rl/r-3"], "{notes:?}");
    for (_, _, message) in &notes {
        assert!(message.contains("its outgoing half: no flow planned"), "{message}");
        assert!(message.contains("untrusted `vpn`, `dmz` is not the internet"), "{message}");
    }
}

/// Regression (a DMZ node cut off from its cluster): an internal row among the platform's
/// hosts is planned per zone, and a host alone in its zone is reached from every platform
/// host. A node of the same component alone in the DMZ was reached so, but the nodes of the
/// cluster zone were reached from `lm@cluster` only: its kubelet never reached the API server,
/// in silence. A lonely host of the row's own component now reaches the other hosts back; a
/// platform host of another component alone in the DMZ (the load balancer) still does not.
#[test]
fn regression_a_node_alone_in_the_dmz_reaches_the_cluster_nodes_back() {
    let cat = catalog(vec![platform(
        "lm",
        vec![
            req("lm/node", "r-1", "6443", "tcp", Direction::Internal),
            req("lm/lb", "r-2", "443", "tcp", Direction::Inbound),
        ],
        &[],
    )]);
    let text = "zones:\n  dmz: { cidrs: [192.0.2.0/28], trust: untrusted }\n  edge: { cidrs: [192.0.2.16/28], trust: untrusted }\n  cluster: { cidrs: [10.0.0.0/22] }\nhosts:\n  lb: { zone: dmz, address: 192.0.2.5, roles: [lm/lb] }\n  e1: { zone: edge, address: 192.0.2.20, roles: [lm/node] }\n  n1: { zone: cluster, address: 10.0.0.10, roles: [lm/node] }\n  n2: { zone: cluster, address: 10.0.0.11, roles: [lm/node] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    let reaching = |to: &str| -> Vec<String> {
        let mut names: Vec<String> = planned
            .flows
            .iter()
            .filter(|f| f.ports.start() == 6443 && f.destination.label() == format!("host {to}"))
            .flat_map(|f| {
                planned.hosts(&f.source).iter().map(|h| h.name.clone()).collect::<Vec<_>>()
            })
            .collect();
        // A group source holds the destination too (no host gets a flow to itself).
        names.retain(|n| n != to);
        names.sort();
        names.dedup();
        names
    };
    assert_eq!(reaching("n1"), ["e1", "n2"]);
    assert_eq!(reaching("n2"), ["e1", "n1"]);
    // The lonely node itself: from every platform host, as before (the balancer among them).
    assert_eq!(reaching("e1"), ["lb", "n1", "n2"]);
}

/// Regression (two racks of one cluster cut apart in silence): a component's internal rows
/// are planned inside each zone, so with the nodes split over two rack zones (the control
/// plane in one) the other rack's nodes never reached the API server, and nothing said so.
/// The reading stays (two sites are two clusters), but it is said once per component, with
/// the `peers` entries that join the zones; zones of different environments are apart by
/// declaration and say nothing.
#[test]
fn regression_two_racks_of_one_cluster_were_cut_apart_in_silence() {
    let cat = catalog(vec![platform(
        "lm",
        vec![
            req("lm/node", "r-1", "6443", "tcp", Direction::Internal),
            req("lm/node", "r-2", "8472", "udp", Direction::Internal),
        ],
        &[],
    )]);
    let racks = |environments: (&str, &str)| {
        format!(
            "zones:\n  rack-a: {{ cidrs: [10.0.1.0/24]{} }}\n  rack-b: {{ cidrs: [10.0.2.0/24]{} }}\nhosts:\n  a1: {{ zone: rack-a, address: 10.0.1.10, roles: [lm/node] }}\n  a2: {{ zone: rack-a, address: 10.0.1.11, roles: [lm/node] }}\n  b1: {{ zone: rack-b, address: 10.0.2.10, roles: [lm/node] }}\n  b2: {{ zone: rack-b, address: 10.0.2.11, roles: [lm/node] }}\n",
            environments.0, environments.1
        )
    };
    let notes = |text: &str| -> Vec<PlanNote> {
        let topology =
            crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
        plan(&cat, &topology).notes.into_iter().filter(|n| n.kind == NoteKind::ZonedApart).collect()
    };
    let said = notes(&racks(("", "")));
    assert_eq!(said.len(), 1, "{said:?}");
    let message = &said[0].message;
    assert!(message.starts_with("lm/node: its hosts are in zones `rack-a`, `rack-b`"), "{message}");
    assert!(message.contains("6443/tcp lm/r-1, 8472/udp lm/r-2"), "{message}");
    assert!(message.contains("`peers: { \"lm/r-1\": [lm], \"lm/r-2\": [lm] }`"), "{message}");
    assert_eq!(said[0].location.as_ref().map(|l| l.line), Some(5));
    // Settled by the entries it names: one cluster, nothing to say.
    let joined = format!("{}peers:\n  lm/r-1: [lm]\n  lm/r-2: [lm]\n", racks(("", "")));
    assert!(notes(&joined).is_empty());
    // Two environments: apart by the topology's own word.
    let apart = racks((", environment: prod", ", environment: stage"));
    assert!(notes(&apart).is_empty());
}

/// Regression (the newcomer's Elastic Stack, session 17): the transport port's row, "for
/// communication between nodes" with no peer, was planned from every elastic host of the zone,
/// Kibana and Logstash too, with nothing said. The plan stays; a P042 names the other parts'
/// hosts and the settlement. A row without the phrase ("internal only") is not noted.
#[test]
fn regression_a_between_nodes_row_opened_to_other_parts_hosts_in_silence() {
    let mut transport = req("es/node", "r-1", "9300", "tcp", Direction::Internal);
    transport.purpose = Some("The transport port, for communication between nodes.".to_owned());
    let internal = req("es/node", "r-2", "9400", "tcp", Direction::Internal);
    let kibana = with_peer(req("es/kibana", "r-3", "9200", "tcp", Direction::Outbound), "es/node");
    let cat = catalog(vec![platform("es", vec![transport, internal, kibana], &[])]);
    let text = "zones:\n  elk: { cidrs: [10.0.0.0/24] }\nhosts:\n  es1: { zone: elk, address: 10.0.0.1, roles: [es/node] }\n  es2: { zone: elk, address: 10.0.0.2, roles: [es/node] }\n  kib: { zone: elk, address: 10.0.0.9, roles: [es/kibana] }\n";
    let topology =
        crate::topology::parse(text, "t.yaml", crate::topology::Format::Yaml).expect("parses");
    let planned = plan(&cat, &topology);
    let noted: Vec<&str> = planned
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::PeerAssumed)
        .map(|n| n.message.as_str())
        .collect();
    assert_eq!(noted.len(), 1, "{noted:?}");
    assert!(noted[0].contains("9300") && noted[0].contains("`kib`"), "{noted:?}");
}

/// Regression: a row that states no peer, on a component whose `clients` the topology
/// declares, was planned from those clients only: Ceph's `clients: { ceph/mon: [corp] }`
/// took the monitors' 3300 and 6789 away from the OSD hosts, in silence. The clients now join
/// the platform's own hosts, said once per component (not per row) at the `clients` entry.
#[test]
fn regression_declared_clients_replaced_own_hosts() {
    let cat = catalog(vec![platform(
        "ceph",
        vec![
            req("ceph/mon", "r-1", "3300", "tcp", Direction::Inbound),
            req("ceph/mon", "r-2", "6789", "tcp", Direction::Inbound),
            req("ceph/osd", "r-3", "6800-7568", "tcp", Direction::Inbound),
        ],
        &[],
    )]);
    let text = |extra: &str| {
        let text = format!(
            "zones:\n  internet: {{ cidrs: [0.0.0.0/0], trust: untrusted }}\n  corp: {{ cidrs: [172.16.0.0/16] }}\n  store: {{ cidrs: [10.1.0.0/24] }}\nhosts:\n  mon1: {{ zone: store, address: 10.1.0.2, roles: [ceph/mon] }}\n  osd1: {{ zone: store, address: 10.1.0.3, roles: [ceph/osd] }}\n  osd2: {{ zone: store, address: 10.1.0.4, roles: [ceph/osd] }}\n{extra}"
        );
        crate::topology::parse(&text, "t.yaml", crate::topology::Format::Yaml).expect("parses")
    };
    let kept = |plan: &FlowPlan| -> Vec<PlanNote> {
        plan.notes.iter().filter(|n| n.kind == NoteKind::OwnHostsKept).cloned().collect()
    };
    let reaches = |plan: &FlowPlan, port: u16, from: &str| {
        plan.flows.iter().any(|f| {
            f.ports.start() == port
                && f.destination.name() == "mon1"
                && (f.source.name() == from || plan.hosts(&f.source).iter().any(|h| h.name == from))
        })
    };
    let corp = plan(&cat, &text("clients: { ceph/mon: [corp] }\n"));
    for port in [3300, 6789] {
        assert_eq!(sources_of(&corp, port), ["group ceph", "zone corp"], "{port}");
        assert!(reaches(&corp, port, "osd1") && reaches(&corp, port, "osd2"), "{port}");
        assert!(reaches(&corp, port, "corp"), "{port}");
        assert!(!reaches(&corp, port, "internet"), "{port}: never widened to untrusted zones");
    }
    // Said once for the component, naming its rows, the hosts added and how to narrow a row.
    let said = kept(&corp);
    assert_eq!(said.len(), 1, "{:?}", corp.notes);
    let message = &said[0].message;
    assert!(message.starts_with("ceph/mon: "), "{message}");
    assert!(message.contains("ceph/r-1") && message.contains("ceph/r-2"), "{message}");
    assert!(message.contains("`osd1`, `osd2`") && !message.contains("`mon1`"), "{message}");
    assert!(message.contains("peers: { \"ceph/r-1\": [corp] }"), "{message}");
    assert_eq!(said[0].location.as_ref().map(|l| l.line), Some(9), "at the `clients` entry");
    assert!(said[0].kind.is_assumption());
    // No per-row note for it: one per component.
    assert!(!corp.notes.iter().any(|n| n.requirement.as_deref() == Some("ceph/r-1")));
    // The OSD range (no clients declared) is read as before.
    assert_eq!(sources_of(&corp, 6800), ["group ceph"]);

    // Clients that already stand for the platform's hosts: nothing added, nothing said.
    for clients in ["[corp, ceph]", "[corp, ceph/osd]", "[corp, store]"] {
        let covered = plan(&cat, &text(&format!("clients: {{ ceph/mon: {clients} }}\n")));
        assert!(kept(&covered).is_empty(), "{clients}: {:?}", covered.notes);
        // (The zone holds the OSD hosts: its flow covers theirs.)
        let via = if clients.contains("store") { "store" } else { "osd1" };
        assert!(reaches(&covered, 6789, via), "{clients}");
        assert!(
            !covered
                .flows
                .iter()
                .any(|f| f.ports.start() != 6800 && f.justification.contains("[ASSUMED")),
            "{clients}: the declared clients cover the hosts, no assumption"
        );
    }
    // A `peers` entry for a row settles it: the clients only, as written.
    let narrowed =
        plan(&cat, &text("clients: { ceph/mon: [corp] }\npeers: { \"ceph/r-2\": [corp] }\n"));
    assert_eq!(sources_of(&narrowed, 6789), ["zone corp"]);
    let said = kept(&narrowed);
    assert_eq!(said.len(), 1, "{:?}", narrowed.notes);
    assert!(said[0].message.contains("ceph/r-1") && !said[0].message.contains("ceph/r-2"));
}
