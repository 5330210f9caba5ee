//! Property tests: no text and no structured topology makes the parser, the checks or the
//! planner panic.

use portolan_core::check::{check, check_text};
use portolan_core::diagnostic::SourceLocation;
use portolan_core::model::{
    Catalog, Component, Direction, Necessity, Platform, PortRange, Requirement, Transports,
};
use portolan_core::topology::{Format, parse};
use proptest::prelude::*;

fn catalog() -> Catalog {
    let req =
        |anchor: &str, component: &str, ports: &str, direction: Direction, peer: Option<&str>| {
            Requirement {
                id: format!("p/{anchor}"),
                anchor: anchor.to_owned(),
                line_id: String::new(),
                component: component.to_owned(),
                section: "s".to_owned(),
                ports: ports.parse::<PortRange>().expect("port"),
                transport: Some(Transports::parse("tcp").expect("tcp")),
                app_protocol: None,
                direction: Some(direction),
                peer: peer.map(str::to_owned),
                peer_component: peer.map(str::to_owned),
                necessity: Some(Necessity::Required),
                condition: None,
                exposure: None,
                purpose: None,
                variant: None,
                source: SourceLocation::new("p.md", 1, 1),
            }
        };
    let component = |id: &str| Component {
        id: id.to_owned(),
        name: id.to_owned(),
        description: None,
        external: false,
    };
    Catalog::new(vec![Platform {
        id: "p".to_owned(),
        title: "p".to_owned(),
        vendor: None,
        summary: None,
        sources: Vec::new(),
        verified: None,
        file: "p.md".to_owned(),
        components: vec![component("p/a"), component("p/b")],
        variants: Vec::new(),
        requirements: vec![
            req("r-1", "p/a", "443", Direction::Inbound, None),
            req("r-2", "p/a", "30000-32767", Direction::Internal, None),
            req("r-3", "p/b", "5432", Direction::Inbound, Some("p/a")),
            req("r-4", "p/a", "5432", Direction::Outbound, Some("p/b")),
            req("r-5", "p/b", "443", Direction::Bidirectional, Some("p/c")),
        ],
    }])
}

fn structured() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("a".to_owned()),
        Just("b".to_owned()),
        Just("x\"; drop".to_owned()),
        "[a-z]{1,3}",
        "\\PC{0,8}"
    ];
    let net = prop_oneof![
        Just("0.0.0.0/0".to_owned()),
        Just("::/0".to_owned()),
        (0u8..=255, 0u8..=32).prop_map(|(a, p)| format!("10.{a}.0.0/{p}")),
        Just("fd00::/64".to_owned()),
        "[0-9./:a-f]{0,12}",
    ];
    let addr = prop_oneof![
        (0u8..=255, 0u8..=255).prop_map(|(a, b)| format!("10.{a}.0.{b}")),
        Just("fd00::1".to_owned()),
        "[0-9.:]{0,10}"
    ];
    let role = prop_oneof![Just("p/a"), Just("p/b"), Just("p/c"), Just("q/z")];
    let port = prop_oneof![
        Just("443/tcp"),
        Just("30000-32767/tcp"),
        Just("5432/tcp"),
        Just("any"),
        Just("70000/tcp"),
        Just("1-65535/udp")
    ];
    (
        prop::collection::vec(
            (name.clone(), prop::collection::vec(net, 0..3), any::<bool>()),
            0..4,
        ),
        prop::collection::vec(
            (
                name.clone(),
                name.clone(),
                prop::collection::vec(addr, 0..3),
                prop::collection::vec(role, 0..3),
            ),
            0..6,
        ),
        prop::option::of(prop::collection::vec(
            (name.clone(), name, prop::collection::vec(port, 0..3)),
            0..5,
        )),
    )
        .prop_map(|(zones, hosts, policy)| {
            let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
            let mut text = String::from("zones:\n");
            for (name, nets, untrusted) in &zones {
                let nets: Vec<String> = nets.iter().map(|n| q(n)).collect();
                let trust = if *untrusted { "untrusted" } else { "trusted" };
                text.push_str(&format!(
                    "  {}: {{ cidrs: [{}], trust: {trust} }}\n",
                    q(name),
                    nets.join(", ")
                ));
            }
            text.push_str("hosts:\n");
            for (name, zone, addrs, roles) in &hosts {
                let addrs: Vec<String> = addrs.iter().map(|a| q(a)).collect();
                let roles: Vec<String> = roles.iter().map(|r| q(r)).collect();
                text.push_str(&format!(
                    "  {}: {{ zone: {}, address: [{}], roles: [{}] }}\n",
                    q(name),
                    q(zone),
                    addrs.join(", "),
                    roles.join(", ")
                ));
            }
            if let Some(policy) = policy {
                text.push_str("policy:\n");
                for (from, to, ports) in &policy {
                    let ports: Vec<String> = ports.iter().map(|p| q(p)).collect();
                    text.push_str(&format!(
                        "  - {{ from: {}, to: {}, ports: [{}] }}\n",
                        q(from),
                        q(to),
                        ports.join(", ")
                    ));
                }
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let catalog = catalog();
        for format in [Format::Yaml, Format::Json, Format::Toml] {
            let (_, report) = check_text(&catalog, &text, "t", format);
            for f in &report.findings {
                prop_assert!(!report.unusable || f.location.is_some());
            }
        }
    }

    #[test]
    fn yaml_like_text_never_panics(text in "[a-z0-9:{}\\[\\],\\-/. \\n\"'&*!|>#]{0,200}") {
        let catalog = catalog();
        let _ = check_text(&catalog, &text, "t", Format::Yaml);
        let _ = check_text(&catalog, &text, "t", Format::Toml);
    }

    #[test]
    fn structured_topologies_never_panic(text in structured()) {
        let catalog = catalog();
        if let Ok(topology) = parse(&text, "t.yaml", Format::Yaml) {
            let report = check(&catalog, &topology);
            let plan = report.plan.expect("a parsed topology is planned");
            // Every flow carries its provenance.
            prop_assert!(plan.flows.iter().all(|f| !f.requirements.is_empty()));
        }
    }
}
