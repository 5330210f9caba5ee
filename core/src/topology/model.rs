//! The topology an engineer pastes: zones, hosts with roles, extra listeners, enabled
//! optional requirements and an optional policy to audit. Every value keeps its position.

use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use crate::data::Position;
use crate::diagnostic::SourceLocation;
use crate::model::{PortRange, Transport, Transports};

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Located<T> {
    pub value: T,
    #[serde(skip)]
    pub position: Position,
}

impl<T> Located<T> {
    pub fn new(value: T, position: Position) -> Self {
        Self { value, position }
    }
}

/// A parsed topology. Names are unique within `zones` and within `hosts` (the parser refuses
/// duplicates); references between them are checked by [`crate::check`], not by the parser.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topology {
    /// The path as it should appear in messages (`examples/openlm.yaml`, `<pasted>`).
    pub file: String,
    pub name: Option<String>,
    pub zones: Vec<Zone>,
    pub hosts: Vec<Host>,
    pub services: Vec<Service>,
    /// Component ids or requirement ids whose optional/conditional requirements are turned on.
    pub enable: Vec<Located<String>>,
    /// Who the clients of a component are: zones, hosts or roles that may reach its
    /// user-facing ports (`clients: { openlm/ingress: [office, internet] }`).
    pub clients: Vec<Settlement>,
    /// What a requirement's (or a component's) peer stands for, when the document leaves it
    /// open or unreadable (`peers: { "kubernetes/control-plane-10250-tcp": [cluster] }`).
    pub peers: Vec<Settlement>,
    /// The deployment variant chosen per platform (`variants: { openlm: on-premises }`).
    pub variants: Vec<VariantChoice>,
    /// Existing rules to audit; `None` when the topology has no `policy` key or leaves it
    /// empty (`policy:`, a script's `null`: nothing audited), `Some(vec![])` for `policy: []`
    /// (everything denied).
    pub policy: Option<Vec<PolicyRule>>,
    /// How operators reach the hosts (kept open by host firewalls); empty when not named.
    pub management: Vec<super::access::Access>,
    /// What hosts may reach besides the catalog's flows (resolvers, time servers, mirrors).
    pub egress: Vec<super::access::Access>,
    /// Where `egress: []` is written out: the site lets nothing else out, so DNS and NTP are
    /// not opened to any address by default ([`crate::plan::access`]); a plan note says so.
    #[serde(skip)]
    pub egress_closed: Option<Position>,
    /// Virtual addresses in front of a role's hosts (`vips:`), see [`Vip`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vips: Vec<Vip>,
    /// Rulesets imported for hosts (`--rules HOST=FILE`), set by [`crate::audit`]: the policy of
    /// those hosts is in these files, so a missing rule is fixed there, not in `policy:`.
    #[serde(skip)]
    pub rulesets: Vec<ImportedRuleset>,
}

/// A host's ruleset file read as its policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRuleset {
    pub host: String,
    /// As the user named it (`cp1.nft`).
    pub file: String,
    pub syntax: RulesetSyntax,
}

/// The syntax a missing rule is written in for an imported ruleset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesetSyntax {
    /// `nft list ruleset` text.
    Nft,
    /// `iptables-save` / `ip6tables-save`.
    Iptables,
    /// ufw status: the fix is a `ufw allow` command.
    Ufw,
    /// firewall-cmd listings: the fix is a `firewall-cmd` rich rule.
    Firewalld,
    /// Windows Defender Firewall as `netsh` listed it: the fix is a `netsh advfirewall` command.
    Netsh,
    /// Windows Defender Firewall as PowerShell exported it: the fix is `New-NetFirewallRule`.
    PowerShell,
    /// Anything else (nft JSON, security groups, NetworkPolicies): named, not written.
    Other,
}

/// A virtual address (a load balancer's, a keepalived pair's) in front of the hosts of one
/// role: the role's clients reach the address on the hosts that hold it, and those hosts
/// reach the role's hosts from their own addresses (health checks too) ([`crate::plan`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vip {
    pub name: String,
    #[serde(skip)]
    pub position: Position,
    pub addresses: Vec<Located<IpAddr>>,
    /// The hosts holding the address (the balancers); a member may hold it itself.
    pub hosts: Vec<Located<String>>,
    /// The component whose hosts are behind the address.
    pub role: Located<String>,
}

/// A catalog id (component or requirement) and the zones, hosts or roles that stand for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    pub key: Located<String>,
    /// Zone names, host names, role (component) ids, or `any`.
    pub members: Vec<Located<String>>,
}

/// `platform: variant` under `variants`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantChoice {
    pub platform: Located<String>,
    pub variant: Located<String>,
}

/// Whether traffic from a zone is trusted. Internal-only ports must not be reachable from
/// untrusted addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Trust {
    Trusted,
    Untrusted,
}

impl Trust {
    pub fn as_str(self) -> &'static str {
        match self {
            Trust::Trusted => "trusted",
            Trust::Untrusted => "untrusted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    pub name: String,
    #[serde(skip)]
    pub position: Position,
    pub cidrs: Vec<Located<IpNet>>,
    /// Explicit, or by default untrusted when the zone contains `0.0.0.0/0` or `::/0`.
    pub trust: Trust,
    pub description: Option<String>,
    /// The environment (dev, stage, prod…) whose copy of the platforms lives here: the
    /// catalog's flows never join hosts of two different environments ([`crate::plan`]).
    /// Zones without one (an office, the internet) are shared by all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
}

impl Zone {
    pub fn is_untrusted(&self) -> bool {
        self.trust == Trust::Untrusted
    }

    /// Whether the zone is the internet: untrusted and holding a whole address family
    /// (`0.0.0.0/0` or `::/0`, what makes a zone untrusted by default). A VPN pool or a DMZ is
    /// untrusted too, but a connection out to "the internet" is not one to them.
    pub fn is_internet(&self) -> bool {
        self.is_untrusted() && self.cidrs.iter().any(|c| c.value.prefix_len() == 0)
    }

    pub fn nets(&self) -> impl Iterator<Item = IpNet> + '_ {
        self.cidrs.iter().map(|c| c.value)
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        self.cidrs.iter().any(|c| c.value.contains(&address))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Host {
    pub name: String,
    #[serde(skip)]
    pub position: Position,
    pub zone: Located<String>,
    /// One or more addresses (IPv4 and/or IPv6).
    pub addresses: Vec<Located<IpAddr>>,
    /// Catalog component ids, e.g. `openlm/control-plane`.
    pub roles: Vec<Located<String>>,
    /// Files exported on the host to audit (`rules:`, `listening:`), named relative to the
    /// topology; the caller reads them ([`crate::audit`] gets their text).
    #[serde(default, skip_serializing_if = "HostFiles::is_empty")]
    pub files: HostFiles,
}

/// The exported files a host names: its firewall ruleset(s) and its listening sockets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostFiles {
    pub rules: Vec<Located<String>>,
    pub listening: Vec<Located<String>>,
    /// AWS security groups (ids or names) attached to the host: which groups of an imported
    /// `describe-security-groups` file apply, and who a group-to-group rule lets in.
    pub security_groups: Vec<Located<String>>,
    /// Labels the host's pods carry (beyond the ones Portolan's Kubernetes rules give them),
    /// for the selectors of an imported NetworkPolicy file.
    pub pod_labels: Vec<(String, String)>,
    /// The interfaces traffic from the network comes in on (`eth0`): an imported ruleset's
    /// rules bound to an interface (`-i eth0`) are decided by them instead of read generously.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interfaces: Vec<Located<String>>,
    /// GCP network tags of the host's instance: which rules of an imported `gcloud compute
    /// firewall-rules list` target it, and who a source-tag rule lets in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_tags: Vec<Located<String>>,
    /// The interfaces behind which the host's containers or VMs sit (`docker0`, `virbr0`,
    /// `br-*`): the host routes for them, so its host firewall leaves the forward path and
    /// these interfaces to their runtime ([`crate::emit::guests`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guest_interfaces: Vec<Located<String>>,
}

impl HostFiles {
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
            && self.listening.is_empty()
            && self.security_groups.is_empty()
            && self.pod_labels.is_empty()
            && self.interfaces.is_empty()
            && self.network_tags.is_empty()
            && self.guest_interfaces.is_empty()
    }
}

impl Host {
    pub fn has_role(&self, component: &str) -> bool {
        self.roles.iter().any(|r| r.value == component)
    }

    pub fn ips(&self) -> impl Iterator<Item = IpAddr> + '_ {
        self.addresses.iter().map(|a| a.value)
    }
}

/// A port (or range) with its transport(s), written `443/tcp`, `30000-32767/tcp`, `53/tcp+udp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PortSpec {
    pub ports: PortRange,
    pub transport: Transports,
}

impl PortSpec {
    pub fn includes(&self, transport: Transport) -> bool {
        self.transport.includes(transport)
    }
}

impl fmt::Display for PortSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.ports, self.transport)
    }
}

/// A listener that is not in the catalog (a reverse proxy, a monitoring agent…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub name: String,
    #[serde(skip)]
    pub position: Position,
    pub host: Located<String>,
    pub ports: Vec<Located<PortSpec>>,
    /// Who may reach it (zones, hosts, roles some host holds, CIDRs or `any`): planned as flows to its host
    /// ([`crate::plan::access`]). Empty: its ports stay closed, and a note says so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<Located<PolicyEndpoint>>,
}

/// One side of an audited rule, as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyEndpoint {
    /// `any`, `*`, `0.0.0.0/0` is a CIDR, not this.
    Any,
    /// A zone or host name; which one is decided against the topology (zones first).
    Name(String),
    Cidr(IpNet),
}

impl fmt::Display for PolicyEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyEndpoint::Any => f.write_str("any"),
            PolicyEndpoint::Name(name) => f.write_str(name),
            PolicyEndpoint::Cidr(net) => write!(f, "{net}"),
        }
    }
}

/// An existing allow rule. Rules are read in order; a rule covered by earlier ones is redundant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRule {
    #[serde(skip)]
    pub position: Position,
    /// Optional label (`name:` or `comment:`), echoed in messages.
    pub name: Option<String>,
    pub from: Vec<Located<PolicyEndpoint>>,
    pub to: Vec<Located<PolicyEndpoint>>,
    pub ports: Vec<Located<PortSpec>>,
    /// Where an imported rule was written (`cp1.rules:12:1`); `None` for a rule of the
    /// topology's own `policy:` (its place is `position` in the topology).
    #[serde(skip)]
    pub origin: Option<SourceLocation>,
    /// The hosts whose own firewall holds the rule (an imported ruleset's host); empty for a
    /// rule of the network (`policy:`), which decides by address alone. A VIP held by two
    /// boxes is one address but two firewalls: a rule in one box's file lets nothing through
    /// to the other box when it holds the address.
    #[serde(skip)]
    pub held_by: Vec<String>,
}

impl PolicyRule {
    /// `from internet to cp1 443/tcp, 80/tcp` or the rule's own name.
    pub fn describe(&self) -> String {
        let join = |items: &[Located<PolicyEndpoint>]| {
            items.iter().map(|e| e.value.to_string()).collect::<Vec<_>>().join(", ")
        };
        let ports = self.ports.iter().map(|p| p.value.to_string()).collect::<Vec<_>>().join(", ");
        let text = format!("from {} to {} ports {}", join(&self.from), join(&self.to), ports);
        match &self.name {
            Some(name) => format!("`{name}` ({text})"),
            None => text,
        }
    }
}

impl Topology {
    pub fn zone(&self, name: &str) -> Option<&Zone> {
        self.zones.iter().find(|z| z.name == name)
    }

    pub fn host(&self, name: &str) -> Option<&Host> {
        self.hosts.iter().find(|h| h.name == name)
    }

    /// Where a policy rule was written: its imported file and line, or its topology entry.
    pub fn rule_location(&self, rule: &PolicyRule) -> SourceLocation {
        rule.origin.clone().unwrap_or_else(|| self.location(rule.position))
    }

    /// A location in this topology's file.
    pub fn location(&self, position: Position) -> SourceLocation {
        SourceLocation::new(self.file.clone(), position.line, position.column)
    }

    /// Hosts that hold `component` as a role, in document order.
    pub fn hosts_with_role<'a>(
        &'a self,
        component: &'a str,
    ) -> impl Iterator<Item = &'a Host> + 'a {
        self.hosts.iter().filter(move |h| h.has_role(component))
    }

    /// The variant chosen for `platform`, if any.
    pub fn variant_of(&self, platform: &str) -> Option<&str> {
        self.variants
            .iter()
            .find(|c| c.platform.value == platform)
            .map(|c| c.variant.value.as_str())
    }

    /// The clients declared for `component`.
    pub fn clients_of(&self, component: &str) -> Option<&Settlement> {
        self.clients.iter().find(|s| s.key.value == component)
    }

    /// The peers settled for a requirement id, else for its component id.
    pub fn settled_peers(&self, requirement: &str, component: &str) -> Option<&Settlement> {
        self.peers
            .iter()
            .find(|s| s.key.value == requirement)
            .or_else(|| self.peers.iter().find(|s| s.key.value == component))
    }

    /// Every address `host` answers on: its own, then the `vips` it holds (a keepalived
    /// pair's or a balancer's shared address). Its firewall accepts on the VIP too, and the
    /// plan routes the role's clients there.
    pub fn answers_on<'a>(&'a self, host: &'a Host) -> impl Iterator<Item = IpAddr> + 'a {
        let held = self
            .vips
            .iter()
            .filter(move |v| v.hosts.iter().any(|h| h.value == host.name))
            .flat_map(|v| v.addresses.iter().map(|a| a.value))
            .filter(move |a| !host.ips().any(|own| own == *a));
        host.ips().chain(held)
    }

    pub fn untrusted_zones(&self) -> impl Iterator<Item = &Zone> {
        self.zones.iter().filter(|z| z.is_untrusted())
    }

    pub fn trusted_zones(&self) -> impl Iterator<Item = &Zone> {
        self.zones.iter().filter(|z| !z.is_untrusted())
    }
}
