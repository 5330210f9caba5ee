//! Rule emitters: the flow plan turned into firewall rules for real targets.
//!
//! Every target is one file in this folder and one line in [`REGISTRY`]. An emitter reads the
//! [`FlowPlan`] (and the [`Topology`] for hosts and zones) and returns files and
//! [`EmitNote`]s: whatever part of a flow the target cannot express is reported, never dropped
//! silently.
//!
//! # Shared rules
//!
//! - **Default deny** both ways. Host firewalls (nftables, iptables, firewalld, ufw) are
//!   emitted per host: `input` allows the flows whose destination is the host, `output` the
//!   flows whose source contains the host (the host itself, a group it belongs to, a zone one
//!   of its addresses belongs to, or any). An address belongs to its most specific zone
//!   ([`index::ZoneOwners`]): `internet: 0.0.0.0/0` holds every address, but a flow from the
//!   internet does not let every internal host send it. Loopback, established/related replies and, for IPv6,
//!   neighbour discovery are allowed; forwarding is denied (add rules for a CNI yourself).
//! - Cloud and Kubernetes targets follow their own model: per zone (Azure NSG, Kubernetes
//!   files), per host, group and zone (AWS security groups), per VPC (GCP). They write every
//!   flow once and name plan groups by reference (a selector, security group, application
//!   security group, network tag or the groups sheet), so their output grows with the flows,
//!   not hosts × flows (`emit::tests` holds them to it). Host firewalls are per host by nature: a
//!   host's file lists every peer address it must admit, so all hosts' files together grow
//!   faster than the plan.
//! - **Families are paired**: an IPv4 source only ever meets the destination's IPv4 addresses.
//! - **Provenance**: every allow rule carries the requirement id(s) of its flow.
//! - **Names are data**: names from the topology only ever reach an output through
//!   [`quote`]'s per-format escaping; identifiers derived from names are sanitised to the
//!   format's charset and made unique with a hash of the original name.
//! - **Deterministic**: the same plan gives byte-identical files.

pub mod aliases;
pub mod aws_cloudformation;
pub mod aws_terraform;
pub mod azure_nsg;
pub mod change_request;
pub mod firewalld;
pub mod gcp_terraform;
pub mod guests;
pub mod hostfw;
pub mod index;
pub mod iptables;
pub mod json_text;
pub mod kubernetes;
pub mod nftables;
#[cfg(any(test, feature = "test-support"))]
pub mod parse_back;
pub mod published;
pub mod quote;
pub mod safety;
pub mod tunnels;
pub mod ufw;
pub mod ufw_routed;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Catalog;
use crate::plan::{FlowPlan, HostRef};
use crate::topology::Topology;

/// Every target, in the order `--target all` writes them. A new target: one file, one line.
pub const REGISTRY: &[Spec] = &[
    nftables::SPEC,
    iptables::SPEC,
    firewalld::SPEC,
    ufw::SPEC,
    kubernetes::SPEC,
    aws_terraform::SPEC,
    aws_cloudformation::SPEC,
    azure_nsg::SPEC,
    gcp_terraform::SPEC,
    change_request::SPEC,
];

/// What an emitter is applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One ruleset per host (`--host` selects one).
    Host,
    /// One ruleset for the whole topology, split per zone or group as the target's model wants.
    Network,
}

/// A registered target.
pub struct Spec {
    /// The name on the command line and the output folder: `nftables`, `aws-terraform`.
    pub name: &'static str,
    pub description: &'static str,
    pub scope: Scope,
    pub emit: fn(&Input<'_>, &mut Emitted) -> Result<(), EmitError>,
}

/// A target: a handle on its [`Spec`] in the registry.
#[derive(Clone, Copy)]
pub struct Target(&'static Spec);

impl Target {
    pub fn all() -> impl Iterator<Item = Target> {
        REGISTRY.iter().map(Target)
    }

    /// By name (`nftables`, `aws-terraform`, …) or an unambiguous short name ([`aliases`]:
    /// `nft`, `ipt`, `k8s`, …), case-insensitive, `_` read as `-`.
    pub fn parse(name: &str) -> Option<Target> {
        let wanted = Self::normalise(name);
        let wanted = aliases::resolve(&wanted).map(str::to_string).unwrap_or(wanted);
        REGISTRY.iter().find(|s| s.name == wanted).map(Target)
    }

    /// The targets a short name could mean when it names more than one (`terraform`).
    pub fn ambiguous(name: &str) -> Option<&'static [&'static str]> {
        aliases::candidates(&Self::normalise(name))
    }

    fn normalise(name: &str) -> String {
        name.trim().to_ascii_lowercase().replace('_', "-")
    }

    pub fn names() -> Vec<&'static str> {
        REGISTRY.iter().map(|s| s.name).collect()
    }

    pub fn name(self) -> &'static str {
        self.0.name
    }

    pub fn description(self) -> &'static str {
        self.0.description
    }

    pub fn scope(self) -> Scope {
        self.0.scope
    }
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Target({})", self.0.name)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl PartialEq for Target {
    fn eq(&self, other: &Self) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Target {}

/// What an emitter reads.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub plan: &'a FlowPlan,
    pub topology: &'a Topology,
    /// For document references (`file:line`) in the change request; optional.
    pub catalog: Option<&'a Catalog>,
    /// Host firewalls: only this host.
    pub host: Option<&'a str>,
}

/// One generated file, its path relative to the output folder (`nftables/cp1.nft`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmittedFile {
    pub path: String,
    pub contents: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmitNoteKind {
    /// The plan itself has no flow for a requirement (unknown transport, peer not placed…).
    NotPlanned,
    /// The target cannot express (part of) a flow: not emitted.
    NotExpressible,
    /// A platform limit (AWS rules per group, Azure priorities): split or not emitted.
    Limit,
    /// Something the operator should know (assumptions of the mapping).
    Info,
    /// The plan assumed a peer or direction the document leaves open: the rules are the
    /// narrowest reading until the document or the topology settles it.
    Assumed,
}

impl EmitNoteKind {
    /// How notes are labelled on standard error and on the checker page.
    pub fn label(self) -> &'static str {
        match self {
            EmitNoteKind::NotPlanned => "not planned",
            EmitNoteKind::NotExpressible => "not expressible",
            EmitNoteKind::Limit => "limit",
            EmitNoteKind::Info => "info",
            EmitNoteKind::Assumed => "assumed",
        }
    }
}

/// Something about the output the operator must know: never a silent drop.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EmitNote {
    pub kind: EmitNoteKind,
    pub target: String,
    pub message: String,
    /// The requirement ids concerned.
    pub requirements: Vec<String>,
}

/// Files and notes of one target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emitted {
    pub files: Vec<EmittedFile>,
    pub notes: Vec<EmitNote>,
}

impl Emitted {
    pub(crate) fn file(&mut self, path: String, contents: String) {
        self.files.push(EmittedFile { path, contents });
    }

    pub(crate) fn note(
        &mut self,
        kind: EmitNoteKind,
        target: &str,
        message: String,
        requirements: &[String],
    ) {
        self.notes.push(EmitNote {
            kind,
            target: target.to_owned(),
            message,
            requirements: requirements.to_vec(),
        });
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmitError {
    #[error("no host named `{0}` in the topology")]
    UnknownHost(String),
    #[error("target {target} is emitted per zone or group, not per host: drop --host")]
    NotPerHost { target: &'static str },
    #[error("{0}")]
    Limit(String),
}

/// Emits `target` for `plan` (optionally one host of a host-firewall target).
pub fn emit(
    target: Target,
    plan: &FlowPlan,
    topology: &Topology,
    host: Option<&str>,
) -> Result<Emitted, EmitError> {
    emit_with(target, &Input { plan, topology, catalog: None, host })
}

/// Like [`emit`], with every knob (the catalog adds `file:line` references).
pub fn emit_with(target: Target, input: &Input<'_>) -> Result<Emitted, EmitError> {
    if let Some(host) = input.host {
        if target.scope() != Scope::Host {
            return Err(EmitError::NotPerHost { target: target.name() });
        }
        if input.topology.host(host).is_none() {
            return Err(EmitError::UnknownHost(host.to_owned()));
        }
    }
    let mut out = Emitted::default();
    for note in input.plan.skipped() {
        out.note(
            EmitNoteKind::NotPlanned,
            target.name(),
            format!("not in the plan, so not in the rules: {}", note.message),
            &note.requirement.iter().cloned().collect::<Vec<_>>(),
        );
    }
    add_assumption_notes(input.plan, target.name(), &mut out);
    (target.0.emit)(input, &mut out)?;
    crate::order::sort_by(&mut out.files, &|a, b| a.path.cmp(&b.path));
    crate::order::sort_dedup(&mut out.notes);
    Ok(out)
}

/// The plan's assumptions (a peer or direction the document leaves open) as notes: the one
/// place every target says them (the rule files carry them in each rule's justification).
fn add_assumption_notes(plan: &FlowPlan, target: &str, out: &mut Emitted) {
    for note in plan.notes.iter().filter(|n| n.kind.is_assumption()) {
        out.note(
            EmitNoteKind::Assumed,
            target,
            format!("planned on an assumption: {}", note.message),
            &note.requirement.iter().cloned().collect::<Vec<_>>(),
        );
    }
}

/// The hosts a host-firewall target writes, in topology order.
pub(crate) fn selected_hosts(input: &Input<'_>) -> Vec<HostRef> {
    input
        .topology
        .hosts
        .iter()
        .filter(|h| input.host.is_none_or(|only| only == h.name))
        .map(HostRef::from_host)
        .collect()
}

/// The topology's name, or its file when it has none.
pub(crate) fn topology_name(topology: &Topology) -> String {
    topology.name.clone().unwrap_or_else(|| topology.file.clone())
}

#[cfg(test)]
mod tests;
