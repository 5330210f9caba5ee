//! Hand-built catalogs and topologies for unit tests (independent of `content/`).

use std::net::IpAddr;

use crate::data::Position;
use crate::diagnostic::SourceLocation;
use crate::model::{
    Catalog, Component, Direction, Exposure, Necessity, Platform, PortRange, Requirement,
    Transports,
};
use crate::topology::{Host, Located, Topology, Trust, Zone};

pub(crate) fn at(line: u32) -> Position {
    Position { line, column: 1 }
}

/// A requirement of `component` (`platform/slug`) on `ports` (`443` or `30000-32767`).
pub(crate) fn req(
    component: &str,
    anchor: &str,
    ports: &str,
    transport: &str,
    direction: Direction,
) -> Requirement {
    let platform = component.split_once('/').map_or(component, |(p, _)| p);
    Requirement {
        id: format!("{platform}/{anchor}"),
        anchor: anchor.to_owned(),
        line_id: String::new(),
        component: component.to_owned(),
        section: "Ports".to_owned(),
        ports: ports.parse::<PortRange>().expect("test port"),
        transport: Transports::parse(transport),
        app_protocol: None,
        direction: Some(direction),
        peer: None,
        peer_component: None,
        necessity: Some(Necessity::Required),
        condition: None,
        exposure: None,
        purpose: Some(format!("purpose of {anchor}")),
        variant: None,
        source: SourceLocation::new(format!("{platform}.md"), 10, 1),
    }
}

pub(crate) fn with_peer(mut r: Requirement, peer: &str) -> Requirement {
    r.peer_component = Some(peer.to_owned());
    r.peer = Some(peer.to_owned());
    r
}

/// A peer as the document words it, resolved by the planner (`internal`, `public`, `Self`).
pub(crate) fn with_peer_text(mut r: Requirement, text: &str) -> Requirement {
    r.peer = Some(text.to_owned());
    r
}

pub(crate) fn with_variant(mut r: Requirement, variant: &str) -> Requirement {
    r.variant = Some(variant.to_owned());
    r
}

pub(crate) fn with_exposure(mut r: Requirement, exposure: Exposure) -> Requirement {
    r.exposure = Some(exposure);
    r
}

pub(crate) fn with_necessity(mut r: Requirement, necessity: Necessity) -> Requirement {
    r.necessity = Some(necessity);
    r
}

/// A platform whose components are the distinct components of `requirements`, plus `external`.
pub(crate) fn platform(id: &str, requirements: Vec<Requirement>, external: &[&str]) -> Platform {
    let mut components: Vec<Component> = Vec::new();
    for r in &requirements {
        if !components.iter().any(|c| c.id == r.component) {
            components.push(Component {
                id: r.component.clone(),
                name: r.component.clone(),
                description: None,
                external: false,
            });
        }
    }
    for e in external {
        components.push(Component {
            id: (*e).to_owned(),
            name: (*e).to_owned(),
            description: None,
            external: true,
        });
    }
    Platform {
        id: id.to_owned(),
        title: id.to_owned(),
        vendor: None,
        summary: None,
        sources: Vec::new(),
        verified: None,
        file: format!("{id}.md"),
        components,
        variants: Vec::new(),
        requirements,
    }
}

pub(crate) fn catalog(platforms: Vec<Platform>) -> Catalog {
    Catalog::new(platforms)
}

pub(crate) fn zone(name: &str, cidrs: &[&str], trust: Trust) -> Zone {
    Zone {
        name: name.to_owned(),
        position: at(1),
        cidrs: cidrs.iter().map(|c| Located::new(c.parse().expect("test cidr"), at(1))).collect(),
        trust,
        description: None,
        environment: None,
    }
}

pub(crate) fn host(name: &str, zone: &str, addresses: &[&str], roles: &[&str]) -> Host {
    Host {
        name: name.to_owned(),
        position: at(2),
        zone: Located::new(zone.to_owned(), at(2)),
        addresses: addresses
            .iter()
            .map(|a| Located::new(a.parse::<IpAddr>().expect("test address"), at(2)))
            .collect(),
        roles: roles.iter().map(|r| Located::new((*r).to_owned(), at(2))).collect(),
        files: crate::topology::HostFiles::default(),
    }
}

pub(crate) fn topology(zones: Vec<Zone>, hosts: Vec<Host>) -> Topology {
    Topology { file: "t.yaml".to_owned(), zones, hosts, ..Topology::default() }
}

/// internet (untrusted), corp, cluster.
pub(crate) fn standard_zones() -> Vec<Zone> {
    vec![
        zone("internet", &["0.0.0.0/0", "::/0"], Trust::Untrusted),
        zone("corp", &["10.20.0.0/16"], Trust::Trusted),
        zone("cluster", &["10.0.0.0/22", "fd00::/64"], Trust::Trusted),
    ]
}

/// What `target` writes for the topology `yaml` (host `host` alone when given) with no
/// platform rows: only the topology's own services, management access, guests and tunnels.
pub(crate) fn emit_topology(
    target: &str,
    yaml: &str,
    host: Option<&str>,
) -> Result<crate::emit::Emitted, crate::emit::EmitError> {
    let topology = crate::topology::parse(yaml, "t.yaml", crate::topology::Format::Yaml)
        .expect("the test topology parses");
    let plan = crate::plan::access::with_access(
        crate::plan::plan(&catalog(vec![platform("lm", vec![], &[])]), &topology),
        &topology,
    );
    let target = crate::emit::Target::parse(target).expect("a known target");
    crate::emit::emit(target, &plan, &topology, host)
}
