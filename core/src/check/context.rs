//! What every check needs, computed once: active requirements, listeners per host, the flow
//! plan, trusted and untrusted address space, and the policy as cubes.

use std::cell::RefCell;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::check::cover::RuleSpace;
use crate::check::grid::Grid;
use crate::check::space::{AddressSet, Cube};
use crate::data::Position;
#[cfg(doc)]
use crate::diagnostic::SourceLocation;
use crate::model::{Catalog, Direction, PortRange, Requirement, Transport};
use crate::plan::{self, Flow, FlowPlan};
use crate::topology::{PolicyEndpoint, Topology};

/// A port range of this many ports or more is a dynamic range (NodePort, srun, ephemeral).
pub const DYNAMIC_RANGE_PORTS: u32 = 100;

/// Who binds a listener.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner<'c> {
    Role { component: String, requirement: &'c Requirement },
    Service { name: String },
}

/// A port bound on a host.
#[derive(Debug, Clone)]
pub struct Listener<'c> {
    pub host: usize,
    pub ports: PortRange,
    pub transport: Transport,
    pub owner: Owner<'c>,
    /// Where the role entry or service port entry is written in the topology (a position, not a
    /// [`SourceLocation`]: thousands of listeners, a few of them in findings).
    pub position: Position,
}

impl Listener<'_> {
    pub fn is_dynamic(&self) -> bool {
        self.ports.len() >= DYNAMIC_RANGE_PORTS
    }

    /// `role openlm/control-plane (443/tcp)` or `service keycloak (8080/tcp)`.
    pub fn describe(&self) -> String {
        match &self.owner {
            Owner::Role { component, .. } => {
                format!("role {component} ({}/{})", self.ports, self.transport)
            }
            Owner::Service { name } => {
                format!("service {name} ({}/{})", self.ports, self.transport)
            }
        }
    }

    pub fn requirement(&self) -> Option<&Requirement> {
        match &self.owner {
            Owner::Role { requirement, .. } => Some(requirement),
            Owner::Service { .. } => None,
        }
    }

    /// The component or service name: listeners of one owner never collide with each other.
    pub fn owner_key(&self) -> &str {
        match &self.owner {
            Owner::Role { component, .. } => component,
            Owner::Service { name } => name,
        }
    }
}

pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub topology: &'a Topology,
    pub plan: FlowPlan,
    pub enabled: HashSet<&'a str>,
    /// Active requirements by component id.
    pub active: HashMap<&'a str, Vec<&'a Requirement>>,
    /// Per host (same index as `topology.hosts`): the components it runs and where each was
    /// given (its role entry, or the `enable` entry of a platform-wide feature).
    pub roles: Vec<Vec<(&'a str, Position)>>,
    /// Per host: its listeners.
    pub listeners: Vec<Vec<Listener<'a>>>,
    /// Addresses in trusted zones (minus more specific untrusted zones inside them).
    pub trusted: AddressSet,
    /// Everything else.
    pub untrusted: AddressSet,
    /// Per policy rule: what it allows (empty when it names unknown things).
    pub rule_cubes: Vec<Vec<Cube>>,
    /// Per policy rule: its ports and transports, one entry per transport.
    pub rule_ports: Vec<Vec<(PortRange, Transport)>>,
    /// Per policy rule: its sides and ports, for exact coverage questions.
    pub rule_spaces: Vec<RuleSpace>,
    /// Work allowed for the redundancy questions of the policy ([`crate::check::cover`]).
    pub redundancy_work_limit: usize,
    /// Requirements by id (the catalog's lookup is a scan).
    requirement_index: HashMap<&'a str, &'a Requirement>,
    /// Host/zone-granular coverage of the policy (when there is one), for P050 and P052.
    pub grid: Option<RefCell<Grid>>,
    /// P050's fix in an imported ruleset's syntax: the audit's ([`crate::check::check_with`]).
    pub ruleset_fix: Option<crate::check::RulesetFix>,
}

impl<'a> Context<'a> {
    /// A warning made from one of the plan's notes: its message and place, the help given, and
    /// the requirement it is about (when the note names one the catalog has).
    pub fn note_warning(
        &self,
        code: &'static str,
        note: &plan::PlanNote,
        help: &str,
    ) -> super::Finding {
        let finding = super::Finding::warning(code, note.message.clone())
            .at_opt(note.location.clone())
            .help(help);
        match note.requirement.as_deref().and_then(|id| self.catalog.requirement(id)) {
            Some(r) => finding.requirement(r),
            None => finding,
        }
    }

    pub fn new(catalog: &'a Catalog, topology: &'a Topology) -> Self {
        let plan = plan::plan(catalog, topology);
        let enabled: HashSet<&str> = topology.enable.iter().map(|e| e.value.as_str()).collect();
        let mut active: HashMap<&str, Vec<&Requirement>> = HashMap::default();
        for requirement in catalog.requirements() {
            if plan::is_active(requirement, &enabled) && plan::applies(requirement, topology) {
                active.entry(requirement.component.as_str()).or_default().push(requirement);
            }
        }
        let roles = effective_roles(catalog, topology);
        let listeners = listeners(topology, &roles, &active);
        let (trusted, untrusted) = trust_space(topology);
        let mut context = Self {
            catalog,
            topology,
            plan,
            enabled,
            active,
            roles,
            listeners,
            trusted,
            untrusted,
            rule_cubes: Vec::new(),
            rule_ports: Vec::new(),
            rule_spaces: Vec::new(),
            redundancy_work_limit: crate::check::cover::WORK_LIMIT,
            grid: None,
            ruleset_fix: None,
            requirement_index: catalog.requirements().map(|r| (r.id.as_str(), r)).collect(),
        };
        if let Some(policy) = &topology.policy {
            let mut sets = Vec::with_capacity(policy.len());
            let host_at: HashMap<&str, usize> =
                topology.hosts.iter().enumerate().map(|(i, h)| (h.name.as_str(), i)).collect();
            for rule in policy {
                let from = context.resolve_all(rule.from.iter().map(|e| &e.value));
                let to = context.resolve_all(rule.to.iter().map(|e| &e.value));
                let ports: Vec<(PortRange, Transport)> = rule
                    .ports
                    .iter()
                    .flat_map(|spec| {
                        spec.value.transport.members().iter().map(move |t| (spec.value.ports, *t))
                    })
                    .collect();
                let mut cubes = Vec::new();
                for (range, transport) in &ports {
                    cubes.extend(Cube::product(&from, &to, *range, *transport));
                }
                context.rule_cubes.push(cubes);
                let mut held_by: Vec<usize> =
                    rule.held_by.iter().filter_map(|h| host_at.get(h.as_str()).copied()).collect();
                held_by.sort_unstable();
                held_by.dedup();
                context.rule_spaces.push(RuleSpace {
                    from: from.clone(),
                    to: to.clone(),
                    ports: ports.clone(),
                    held_by: held_by.clone(),
                });
                context.rule_ports.push(ports);
                sets.push((from, to, held_by));
            }
            // Management access and baseline egress are planned flows too: a rule that keeps SSH
            // open for the topology's admins is not "too wide". They join the grid as flows of
            // their own, unmerged, so P050 (which walks `plan`, the documents' flows) neither
            // demands them nor sees a document's flow widened by them.
            let access = plan::access::with_access(
                FlowPlan::new(context.plan.groups.clone(), Vec::new(), Vec::new()),
                topology,
            );
            let mut flows = context.plan.flows.clone();
            flows.extend(access.flows);
            let judged = FlowPlan::new(access.groups, flows, Vec::new());
            context.grid =
                Some(RefCell::new(Grid::new(topology, &judged, &sets, &context.rule_ports)));
        }
        context
    }

    pub fn host_index(&self, name: &str) -> Option<usize> {
        self.topology.hosts.iter().position(|h| h.name == name)
    }

    /// The addresses a policy endpoint stands for; `None` for a name that is neither a zone nor
    /// a host (reported by `P012-unknown-host`).
    pub fn resolve(&self, endpoint: &PolicyEndpoint) -> Option<AddressSet> {
        match endpoint {
            PolicyEndpoint::Any => Some(AddressSet::everything()),
            PolicyEndpoint::Cidr(net) => Some(AddressSet::from_nets([*net])),
            PolicyEndpoint::Name(name) => {
                if let Some(zone) = self.topology.zone(name) {
                    Some(AddressSet::from_nets(zone.nets()))
                } else {
                    self.topology.host(name).map(|h| AddressSet::of_host(self.topology, h))
                }
            }
        }
    }

    fn resolve_all<'e>(&self, endpoints: impl Iterator<Item = &'e PolicyEndpoint>) -> AddressSet {
        endpoints
            .filter_map(|e| self.resolve(e))
            .fold(AddressSet::default(), |acc, s| acc.union(&s))
    }

    /// A requirement by id, in constant time.
    pub fn requirement(&self, id: &str) -> Option<&'a Requirement> {
        self.requirement_index.get(id).copied()
    }

    /// Requirements behind a flow.
    pub fn requirements_of(&self, flow: &Flow) -> Vec<&'a Requirement> {
        flow.requirements
            .iter()
            .filter_map(|id| self.requirement_index.get(id.as_str()).copied())
            .collect()
    }
}

/// Host roles known to the catalog, plus platform-wide features turned on with `enable`.
fn effective_roles<'a>(
    catalog: &'a Catalog,
    topology: &'a Topology,
) -> Vec<Vec<(&'a str, Position)>> {
    let placed: HashSet<&str> =
        topology.hosts.iter().flat_map(|h| h.roles.iter().map(|r| r.value.as_str())).collect();
    let features: Vec<(&str, Position)> = topology
        .enable
        .iter()
        .filter(|e| !placed.contains(e.value.as_str()) && catalog.component(&e.value).is_some())
        .map(|e| (e.value.as_str(), e.position))
        .collect();
    topology
        .hosts
        .iter()
        .map(|host| {
            let mut roles: Vec<(&str, Position)> = Vec::with_capacity(host.roles.len());
            for role in &host.roles {
                if catalog.component(&role.value).is_some()
                    && !roles.iter().any(|(r, _)| *r == role.value)
                {
                    roles.push((role.value.as_str(), role.position));
                }
            }
            for (feature, location) in &features {
                let platform = feature.split_once('/').map_or(*feature, |(p, _)| p);
                let on_platform = roles.iter().any(|(r, _)| {
                    r.split_once('/').is_some_and(|(p, _)| p == platform)
                        && catalog.component(r).is_some_and(|c| !c.external)
                });
                if on_platform && !roles.iter().any(|(r, _)| r == feature) {
                    roles.push((feature, *location));
                }
            }
            roles
        })
        .collect()
}

fn listeners<'a>(
    topology: &'a Topology,
    roles: &[Vec<(&'a str, Position)>],
    active: &HashMap<&'a str, Vec<&'a Requirement>>,
) -> Vec<Vec<Listener<'a>>> {
    let host_index: HashMap<&str, usize> =
        topology.hosts.iter().enumerate().map(|(i, h)| (h.name.as_str(), i)).collect();
    let mut out: Vec<Vec<Listener<'a>>> = vec![Vec::new(); topology.hosts.len()];
    for (index, host_roles) in roles.iter().enumerate() {
        for (component, location) in host_roles {
            for requirement in active.get(component).into_iter().flatten() {
                let binds = !matches!(requirement.direction, Some(Direction::Outbound));
                let Some(transports) = requirement.transport else { continue };
                if !binds {
                    continue;
                }
                for transport in transports.members() {
                    out[index].push(Listener {
                        host: index,
                        ports: requirement.ports,
                        transport: *transport,
                        owner: Owner::Role { component: (*component).to_owned(), requirement },
                        position: *location,
                    });
                }
            }
        }
    }
    for service in &topology.services {
        let Some(&index) = host_index.get(service.host.value.as_str()) else { continue };
        for spec in &service.ports {
            for transport in spec.value.transport.members() {
                out[index].push(Listener {
                    host: index,
                    ports: spec.value.ports,
                    transport: *transport,
                    owner: Owner::Service { name: service.name.clone() },
                    position: spec.position,
                });
            }
        }
    }
    out
}

/// Trusted space: trusted zones' CIDRs, minus untrusted zones nested more specifically inside
/// them. Untrusted: everything else (addresses in no zone are untrusted).
fn trust_space(topology: &Topology) -> (AddressSet, AddressSet) {
    let trusted_nets: Vec<ipnet::IpNet> = topology.trusted_zones().flat_map(|z| z.nets()).collect();
    let nested_untrusted: Vec<ipnet::IpNet> = topology
        .untrusted_zones()
        .flat_map(|z| z.nets())
        .filter(|u| trusted_nets.iter().any(|t| t.contains(u) && t.prefix_len() < u.prefix_len()))
        .collect();
    let trusted =
        AddressSet::from_nets(trusted_nets).minus(&AddressSet::from_nets(nested_untrusted));
    let untrusted = AddressSet::everything().minus(&trusted);
    (trusted, untrusted)
}
