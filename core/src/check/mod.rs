//! Checks over a topology: each finding has a stable code, a severity, a message, where in the
//! topology it is, and the catalog requirements behind it.
//!
//! A new check is one file with a `pub(crate) const CHECK: Check`, one line in [`CHECKS`], and
//! one entry in [`codes::ALL`] (what, why, what to do: the site's page about the code; a test
//! fails while a code has none).
//! Codes are `P` + three digits + a slug, stable once released:
//!
//! | code | severity | meaning |
//! |------|----------|---------|
//! | P001-invalid-topology | error | the text cannot be read (syntax, type, bad CIDR, port 70000…) |
//! | P010-unknown-role | error | a role is not a catalog component id |
//! | P011-unknown-zone | error | a host's zone is not declared |
//! | P012-unknown-host | error | a service or policy rule names no zone or host |
//! | P013-unknown-enable | warning | an `enable` entry names no component or requirement, or a row of a component no host holds |
//! | P014-unknown-variant | error | a `variants` entry names an unknown platform or variant |
//! | P015-unknown-settlement | error/warning | a `clients`/`peers` entry names an unknown id, zone, host or role (error), or a name that is two of zone, host and platform (warning: read as the first) |
//! | P016-clients-unplaced | warning | a `clients` entry names a component no host holds |
//! | P017-peers-entry-passed-over | note | a component-wide `peers` entry is not applied to a row whose document names its peer |
//! | P020-address-family-mismatch | error | a host address's family (IPv4/IPv6) is not in its zone |
//! | P021-address-outside-zone | error | a host address is outside its zone's CIDRs |
//! | P022-duplicate-address | warning | two hosts share an address |
//! | P023-trust-ambiguous | warning | a trusted zone holds every address of a family, or a network an untrusted zone declares too, or a host of it sits on an untrusted network nested in it |
//! | P025-vip-unresolved | error | a `vips` entry names a host the topology lacks or a role no host holds |
//! | P030-port-collision | error | two roles/services on one host bind the same port and transport |
//! | P031-range-overlap | warning | a listener lies inside another's dynamic range |
//! | P040-peer-not-placed | error/warning | a peer component is placed on no host |
//! | P041-unplannable-requirement | warning | no flow can be planned (no transport, no common IP family) |
//! | P042-peer-assumed | warning | a peer or direction is unstated or unread: planned with the narrowest reading |
//! | P043-variant-unchosen | warning | a platform has deployment variants and the topology picks none |
//! | P044-alternative-unchosen | warning | a placed component's ports are alternatives ("8443 or 443") and `enable` names none |
//! | P045-conditional-unenabled | note | a placed component's conditional or optional rows are not enabled: one note per component, the rows attached |
//! | P046-own-hosts-kept | note | rows that state no peer, on a component with declared `clients`, are planned from the clients and the platform's own hosts: one note per component where the own hosts add sources |
//! | P050-flow-blocked | error/warning | the audited policy does not allow planned flows: one finding per missing rule |
//! | P051-internal-exposed | error/warning | an internal-only port is reachable from an untrusted zone (or addresses in no zone) through the policy (error), or is planned so because the topology's `peers`/`clients` say so or places a host of its component in an untrusted zone (warning) |
//! | P052-rule-too-wide | warning | a policy rule allows traffic no requirement needs |
//! | P053-rule-redundant | warning | a policy rule is covered by the union of earlier rules (or, past the work limit, undecided) |

mod addresses;
mod assumed;
mod blocked;
mod cell_lists;
mod closed_services;
pub mod codes;
mod collision;
mod context;
pub mod cover;
mod exposure;
pub mod grid;
mod names;
mod own_hosts;
mod peers;
mod placed_exposure;
mod range_overlap;
mod redundant;
mod settle;
mod settled_exposure;
pub mod space;
mod unenabled;
mod unplannable;
mod vip_host;
mod vips;
mod wide;
mod zone_trust;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Severity, SourceLocation};
use crate::model::{Catalog, Requirement};
use crate::plan::FlowPlan;
use crate::topology::{Format, Topology};

pub use blocked::{BlockedFix, RulesetFix};
pub use collision::collides;
pub use context::{Context, Listener, Owner};

/// A catalog requirement behind a finding, with where the document states it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RequirementRef {
    /// `platform/anchor`.
    pub id: String,
    /// The document and line that state it (`content/openlm.md:42`).
    pub source: SourceLocation,
    /// Relative link to the row on the site: `platforms/openlm.html#r-42`.
    pub link: String,
    /// `openlm/control-plane 443/tcp inbound`.
    pub summary: String,
}

impl RequirementRef {
    pub fn new(requirement: &Requirement) -> Self {
        let transport = requirement.transport.map_or_else(|| "?".to_owned(), |t| t.to_string());
        let direction = requirement.direction.map_or("", |d| d.as_str());
        Self {
            id: requirement.id.clone(),
            source: requirement.source.clone(),
            link: crate::site_path::requirement_row(requirement.platform(), &requirement.anchor),
            summary: format!(
                "{} {}/{} {}",
                requirement.component, requirement.ports, transport, direction
            )
            .trim_end()
            .to_owned(),
        }
    }
}

/// Another place that explains a finding (the other listener of a collision, an earlier rule).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Related {
    pub location: SourceLocation,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable, e.g. `P030-port-collision`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Where in the topology.
    pub location: Option<SourceLocation>,
    /// The catalog requirements behind the finding.
    pub requirements: Vec<RequirementRef>,
    pub help: Option<String>,
    pub related: Vec<Related>,
}

impl Finding {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
            location: None,
            requirements: Vec::new(),
            help: None,
            related: Vec::new(),
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    /// A choice left to the user, not a problem (P045): never counted as a warning.
    pub fn note(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Note, message)
    }

    pub fn at(mut self, location: SourceLocation) -> Self {
        self.location = Some(location);
        self
    }

    pub fn at_opt(mut self, location: Option<SourceLocation>) -> Self {
        self.location = location;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn requirement(mut self, requirement: &Requirement) -> Self {
        let r = RequirementRef::new(requirement);
        if !self.requirements.contains(&r) {
            self.requirements.push(r);
        }
        self
    }

    /// Every row of `rows`, in order, each once: the rows a finding is about (P044's group,
    /// P045's unenabled rows, a collision's two listeners).
    pub fn requirements<'r>(self, rows: impl IntoIterator<Item = &'r Requirement>) -> Self {
        rows.into_iter().fold(self, Self::requirement)
    }

    pub fn related(mut self, location: SourceLocation, message: impl Into<String>) -> Self {
        self.related.push(Related { location, message: message.into() });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One check: its code and the function. What a code means (title, what, why, fix: the site's
/// page and SARIF's rules) is said once, in [`codes::ALL`], not here: this table is in the
/// checker page's wasm, where texts no page shows would be bytes to download for nothing.
pub struct Check {
    pub code: &'static str,
    pub run: fn(&Context<'_>, &mut Vec<Finding>),
}

/// The code of every parse error.
pub const INVALID_TOPOLOGY: &str = "P001-invalid-topology";

/// Every check, in code order. Adding a check: one file, one line here.
pub const CHECKS: &[Check] = &[
    names::UNKNOWN_ROLE,
    names::UNKNOWN_ZONE,
    names::UNKNOWN_HOST,
    names::UNKNOWN_ENABLE,
    settle::UNKNOWN_VARIANT,
    settle::UNKNOWN_SETTLEMENT,
    settle::CLIENTS_UNPLACED,
    settle::PEERS_PASSED_OVER,
    addresses::FAMILY_MISMATCH,
    addresses::OUTSIDE_ZONE,
    addresses::DUPLICATE_ADDRESS,
    zone_trust::CHECK,
    vip_host::CHECK,
    vips::CHECK,
    collision::CHECK,
    range_overlap::CHECK,
    peers::CHECK,
    unplannable::CHECK,
    assumed::CHECK,
    own_hosts::CHECK,
    settle::VARIANT_UNCHOSEN,
    settle::ALTERNATIVE_UNCHOSEN,
    unenabled::CHECK,
    blocked::CHECK,
    exposure::CHECK,
    wide::CHECK,
    redundant::CHECK,
];

/// The outcome of checking a topology.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Sorted by location, then code.
    pub findings: Vec<Finding>,
    /// The flow plan (absent when the topology could not be read).
    pub plan: Option<FlowPlan>,
    /// True when the text could not be read at all: the findings are parse errors.
    pub unusable: bool,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Warning).count()
    }

    pub fn notes(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Note).count()
    }

    /// 0 clean (warnings allowed), 1 error findings, 2 unusable input: the CLI's exit status.
    pub fn exit_code(&self) -> i32 {
        if self.unusable {
            2
        } else if self.errors() > 0 {
            1
        } else {
            0
        }
    }
}

/// Runs every check on a parsed topology.
pub fn check(catalog: &Catalog, topology: &Topology) -> Report {
    check_with(catalog, topology, None)
}

/// [`check()`], with P050's fix written by `ruleset_fix` when the destinations' policy is an
/// imported ruleset (the audit passes its writer; see [`RulesetFix`]).
pub fn check_with(
    catalog: &Catalog,
    topology: &Topology,
    ruleset_fix: Option<RulesetFix>,
) -> Report {
    let mut context = Context::new(catalog, topology);
    context.ruleset_fix = ruleset_fix;
    let mut findings = Vec::new();
    for check in CHECKS {
        (check.run)(&context, &mut findings);
    }
    sort(&mut findings);
    Report { findings, plan: Some(context.plan), unusable: false }
}

/// Parses and checks topology text; parse errors become `P001-invalid-topology` findings.
pub fn check_text(
    catalog: &Catalog,
    text: &str,
    file: &str,
    format: Format,
) -> (Option<Topology>, Report) {
    match crate::topology::parse(text, file, format) {
        Ok(topology) => {
            let report = check(catalog, &topology);
            (Some(topology), report)
        }
        Err(errors) => {
            let mut findings: Vec<Finding> = errors
                .into_iter()
                .map(|e| {
                    let finding = Finding::error(INVALID_TOPOLOGY, e.message)
                        .at(SourceLocation::new(file, e.position.line, e.position.column));
                    match e.help {
                        Some(help) => finding.help(help),
                        None => finding,
                    }
                })
                .collect();
            sort(&mut findings);
            (None, Report { findings, plan: None, unusable: true })
        }
    }
}

fn sort(findings: &mut Vec<Finding>) {
    crate::order::sort_by(findings, &|a, b| {
        let key = |f: &Finding| (f.location.as_ref().map(|l| (l.line, l.column)), f.code);
        key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
    });
}

#[cfg(test)]
mod tests;
