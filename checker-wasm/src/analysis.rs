//! One run of the engine over the editor's text and the host files beside it: findings, the
//! flow plan and what the page shows about them (summary, per-host port map, zone × zone flow
//! matrix). Pure Rust, no DOM.

#[cfg(feature = "audit")]
use portolan_core::audit;
use portolan_core::audit::HostFile;
use portolan_core::check::{self, CHECKS, Context, Finding, INVALID_TOPOLOGY, Owner};
use portolan_core::diagnostic::SourceLocation;
use portolan_core::model::Catalog;
use portolan_core::order::{sort_by, sort_dedup};
use portolan_core::plan::{Endpoint, FlowPlan};
use portolan_core::topology::{self, Format, Topology};

/// What the page knows after checking one text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The topology's file name (finding locations in it carry this name).
    pub file: String,
    /// The host files checked with it (rulesets, listening sockets), kept for "explain".
    pub files: Vec<HostFile>,
    /// The topology's first, by line; then each host file's, by file and line.
    pub findings: Vec<Finding>,
    /// `None` when the text could not be read at all (the findings are then parse errors).
    pub topology: Option<Topology>,
    pub plan: Option<FlowPlan>,
    pub summary: Summary,
    pub ports: Vec<HostPorts>,
    pub matrix: Matrix,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub name: Option<String>,
    pub zones: usize,
    pub hosts: usize,
    pub services: usize,
    pub roles: usize,
    pub flows: usize,
    pub policy_rules: Option<usize>,
    pub errors: usize,
    pub warnings: usize,
}

/// What listens on one host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPorts {
    pub host: String,
    pub zone: String,
    pub addresses: Vec<String>,
    pub listeners: Vec<PortRow>,
    /// The host entry in the topology.
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortRow {
    /// `443` or `30000-32767`.
    pub ports: String,
    pub transport: &'static str,
    /// `openlm/control-plane` or `service keycloak`.
    pub owner: String,
    /// The purposes of the document rows behind it, without repeats.
    pub purposes: Vec<String>,
    /// (requirement id, relative link to its row on the site) of every document row that asks
    /// for this port of this owner: one chip per port and owner, however many rows.
    pub links: Vec<(String, String)>,
    pub dynamic: bool,
    /// Collides with another owner on this host: exactly what P030 reports
    /// ([`check::collides`]), so the map and the findings agree.
    pub clash: bool,
}

/// Flows between zones: rows are sources, columns destinations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matrix {
    pub sources: Vec<String>,
    pub destinations: Vec<String>,
    /// (source, destination, `443/tcp` labels sorted), sorted. Vectors rather than BTreeMap and
    /// BTreeSet: each distinct B-tree costs several KB of wasm.
    pub cells: Vec<(String, String, Vec<String>)>,
}

impl Matrix {
    pub fn cell(&self, source: &str, destination: &str) -> Option<&[String]> {
        self.cells
            .iter()
            .find(|(s, d, _)| s == source && d == destination)
            .map(|(_, _, labels)| labels.as_slice())
    }
}

/// The row label of flows from anywhere.
pub const ANY: &str = "any address";

/// Parses and checks `text` with the host `files`: the same findings as `portolan check --rules
/// … --listening …` (same code as [`check::check_text`] and [`audit::check`], keeping the
/// context for the port map).
pub fn analyse(
    catalog: &Catalog,
    text: &str,
    file: &str,
    format: Format,
    files: Vec<HostFile>,
) -> Analysis {
    let topology = match topology::parse(text, file, format) {
        Ok(t) => t,
        Err(errors) => {
            let mut findings: Vec<Finding> =
                errors
                    .into_iter()
                    .map(|e| {
                        let f = Finding::error(INVALID_TOPOLOGY, e.message)
                            .at(SourceLocation::new(file, e.position.line, e.position.column));
                        match e.help {
                            Some(help) => f.help(help),
                            None => f,
                        }
                    })
                    .collect();
            sort(&mut findings, file);
            let summary = Summary { errors: findings.len(), ..Summary::default() };
            return Analysis {
                file: file.to_owned(),
                files,
                findings,
                summary,
                ..Analysis::default()
            };
        }
    };
    let mut context = Context::new(catalog, &topology);
    let mut findings = if files.is_empty() {
        topology_findings(&context)
    } else {
        host_file_findings(&context, &files)
    };
    sort(&mut findings, file);
    let ports = port_map(&context);
    let matrix = matrix(&topology, &context.plan);
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let summary = Summary {
        name: topology.name.clone(),
        zones: topology.zones.len(),
        hosts: topology.hosts.len(),
        services: topology.services.len(),
        roles: topology.hosts.iter().map(|h| h.roles.len()).sum(),
        flows: context.plan.flows.len(),
        policy_rules: topology.policy.as_ref().map(Vec::len),
        errors,
        // Notes (P045, a choice left open) are listed but counted as neither.
        warnings: findings
            .iter()
            .filter(|f| f.severity == portolan_core::Severity::Warning)
            .count(),
    };
    // Taken, not cloned: the plan of a big topology is thousands of flows.
    let plan = std::mem::take(&mut context.plan);
    drop(context);
    Analysis {
        file: file.to_owned(),
        files,
        findings,
        topology: Some(topology),
        plan: Some(plan),
        summary,
        ports,
        matrix,
    }
}

/// The findings of the topology alone (`portolan check`).
fn topology_findings(context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for c in CHECKS {
        (c.run)(context, &mut findings);
    }
    findings
}

/// The findings of the topology and its host `files` together (`portolan check --rules …`).
/// The imported rulesets are the policy the checks judge; the port map and the rules stay the
/// topology's own.
#[cfg(feature = "audit")]
fn host_file_findings(context: &Context<'_>, files: &[HostFile]) -> Vec<Finding> {
    audit::check(context.catalog, context.topology, files).findings
}

/// The base module has no host-file readers (they are `checker-audit.js`'s): its engine
/// refuses a check with host files (`engine::check`), so none gets here; were one to, the
/// topology would be checked alone.
#[cfg(not(feature = "audit"))]
fn host_file_findings(context: &Context<'_>, _: &[HostFile]) -> Vec<Finding> {
    topology_findings(context)
}

/// The order `check::check` uses, the topology's findings before the host files'.
fn sort(findings: &mut Vec<Finding>, topology_file: &str) {
    sort_by(findings, &|a, b| {
        order_key(a, topology_file)
            .cmp(&order_key(b, topology_file))
            .then_with(|| a.message.cmp(&b.message))
    });
}

type OrderKey<'a> = (Option<(bool, &'a str, u32, u32)>, &'static str);

fn order_key<'a>(f: &'a Finding, topology_file: &str) -> OrderKey<'a> {
    let place =
        f.location.as_ref().map(|l| (l.file != topology_file, l.file.as_str(), l.line, l.column));
    (place, f.code)
}

fn port_map(context: &Context<'_>) -> Vec<HostPorts> {
    context
        .topology
        .hosts
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let listeners = context.listeners.get(i).map(Vec::as_slice).unwrap_or_default();
            let mut rows: Vec<PortRow> = Vec::new();
            for l in listeners {
                let clash = listeners.iter().any(|o| check::collides(l, o).is_some());
                let ports = l.ports.to_string();
                let transport = l.transport.as_str();
                let owner = match &l.owner {
                    Owner::Role { component, .. } => component.clone(),
                    Owner::Service { name } => format!("service {name}"),
                };
                let index = match rows
                    .iter()
                    .position(|r| r.ports == ports && r.transport == transport && r.owner == owner)
                {
                    Some(i) => i,
                    None => {
                        rows.push(PortRow {
                            ports,
                            transport,
                            owner,
                            purposes: Vec::new(),
                            links: Vec::new(),
                            dynamic: l.is_dynamic(),
                            clash: false,
                        });
                        rows.len() - 1
                    }
                };
                let Some(row) = rows.get_mut(index) else { continue };
                row.clash |= clash;
                if let Owner::Role { requirement, .. } = &l.owner {
                    let purpose = requirement
                        .purpose
                        .clone()
                        .or_else(|| requirement.app_protocol.clone())
                        .unwrap_or_default();
                    if !purpose.is_empty() && !row.purposes.contains(&purpose) {
                        row.purposes.push(purpose);
                    }
                    let reference = check::RequirementRef::new(requirement);
                    if !row.links.iter().any(|(id, _)| *id == reference.id) {
                        row.links.push((reference.id, reference.link));
                    }
                }
            }
            sort_by(&mut rows, &|a, b| {
                (port_start(&a.ports), a.transport, &a.owner).cmp(&(
                    port_start(&b.ports),
                    b.transport,
                    &b.owner,
                ))
            });
            HostPorts {
                host: host.name.clone(),
                zone: host.zone.value.clone(),
                addresses: host.addresses.iter().map(|a| a.value.to_string()).collect(),
                listeners: rows,
                line: host.position.line,
            }
        })
        .collect()
}

fn port_start(ports: &str) -> u32 {
    ports.split('-').next().and_then(|p| p.parse().ok()).unwrap_or(0)
}

/// The zones of a flow endpoint (`any address` for any), sorted, without duplicates. A group's
/// zones are worked out once per group: a group of a thousand hosts is the endpoint of
/// thousands of flows (this was 200 ms of a 1,000-host check).
struct EndpointZones<'a> {
    topology: &'a Topology,
    plan: &'a FlowPlan,
    groups: Vec<(String, Vec<String>)>,
}

impl EndpointZones<'_> {
    fn of(&mut self, endpoint: &Endpoint) -> Vec<String> {
        match endpoint {
            Endpoint::Any => vec![ANY.to_owned()],
            Endpoint::Zone { name, .. } => vec![name.to_string()],
            Endpoint::Host(h) => vec![h.zone.to_string()],
            Endpoint::Group { name } => {
                if let Some((_, zones)) = self.groups.iter().find(|(g, _)| **g == **name) {
                    return zones.clone();
                }
                let mut zones: Vec<String> = match self.plan.group(name) {
                    Some(g) => g.members.iter().map(|m| m.zone.to_string()).collect(),
                    // A group the plan does not list: fall back to the topology's hosts of that role.
                    None => self
                        .topology
                        .hosts_with_role(name)
                        .map(|h| h.zone.value.to_string())
                        .collect(),
                };
                sort_dedup(&mut zones);
                self.groups.push((name.to_string(), zones.clone()));
                zones
            }
        }
    }
}

fn matrix(topology: &Topology, plan: &FlowPlan) -> Matrix {
    let mut zones = EndpointZones { topology, plan, groups: Vec::new() };
    let mut triples: Vec<(String, String, String)> = Vec::new();
    for flow in &plan.flows {
        let label = format!("{}/{}", flow.ports, flow.transport.as_str());
        let sources = zones.of(&flow.source);
        let destinations = zones.of(&flow.destination);
        for s in &sources {
            for d in &destinations {
                triples.push((s.clone(), d.clone(), label.clone()));
            }
        }
    }
    sort_dedup(&mut triples);
    let mut cells: Vec<(String, String, Vec<String>)> = Vec::new();
    for (s, d, label) in triples {
        match cells.last_mut() {
            Some((ls, ld, labels)) if *ls == s && *ld == d => labels.push(label),
            _ => cells.push((s, d, vec![label])),
        }
    }
    // Topology zones in their written order, then any other (`any address`) sorted.
    let order = |mut used: Vec<String>| -> Vec<String> {
        sort_dedup(&mut used);
        let mut out: Vec<String> =
            topology.zones.iter().map(|z| z.name.clone()).filter(|z| used.contains(z)).collect();
        out.extend(used.into_iter().filter(|u| !topology.zones.iter().any(|z| z.name == *u)));
        out
    };
    let sources = order(cells.iter().map(|(s, _, _)| s.clone()).collect());
    let destinations = order(cells.iter().map(|(_, d, _)| d.clone()).collect());
    Matrix { sources, destinations, cells }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The catalog the site is built from.
    fn site_catalog() -> Catalog {
        use portolan_core::extract::{Document, build_catalog};
        let content: [(&str, &[u8]); 5] = [
            ("content/activate.md", include_bytes!("../../content/activate.md")),
            ("content/api-connect.md", include_bytes!("../../content/api-connect.md")),
            ("content/omero-k8s.md", include_bytes!("../../content/omero-k8s.md")),
            ("content/openlm.md", include_bytes!("../../content/openlm.md")),
            ("content/palette.md", include_bytes!("../../content/palette.md")),
        ];
        let documents: Vec<Document<'_>> =
            content.iter().map(|(path, bytes)| Document { path, bytes }).collect();
        build_catalog(&documents).catalog
    }

    /// Regression (issue 17): the OpenLM example showed 10 "collision" chips on cp1 with no
    /// P030 among its findings, and `443/tcp openlm/ingress` once per document row.
    #[test]
    fn port_map_collisions_are_the_p030_findings_and_chips_are_not_repeated() {
        let catalog = site_catalog();
        let mut any_clash = false;
        for example in crate::examples::EXAMPLES {
            let format = Format::from_path(example.file);
            let a = analyse(&catalog, example.text, example.file, format, Vec::new());
            for host in &a.ports {
                let named = format!("on host `{}`", host.host);
                let p030 = a
                    .findings
                    .iter()
                    .any(|f| f.code == "P030-port-collision" && f.message.contains(&named));
                let clash = host.listeners.iter().any(|l| l.clash);
                any_clash |= clash;
                assert_eq!(clash, p030, "{} host {}", example.file, host.host);
                for (i, l) in host.listeners.iter().enumerate() {
                    let again = host.listeners[i + 1..].iter().any(|o| {
                        o.ports == l.ports && o.transport == l.transport && o.owner == l.owner
                    });
                    assert!(
                        !again,
                        "{} {}: {}/{} {}",
                        example.file, host.host, l.ports, l.transport, l.owner
                    );
                }
            }
        }
        assert!(any_clash, "broken.yaml has a collision");
    }

    #[test]
    fn unreadable_text_is_located() {
        let a = analyse(&Catalog::default(), "name: [", "t.yaml", Format::Yaml, Vec::new());
        assert!(a.topology.is_none());
        assert_eq!(a.findings[0].code, INVALID_TOPOLOGY);
        assert!(a.findings[0].location.is_some());
    }
}
