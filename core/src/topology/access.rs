//! Access the topology names besides the catalog's requirements: how operators reach every
//! host (`management`) and what every host may reach (`egress`: resolvers, time servers,
//! package mirrors). Host firewalls keep both open; see [`crate::plan::access`].

use serde::{Deserialize, Serialize};

use super::model::{Located, PolicyEndpoint, PortSpec};
use crate::data::Position;

/// One `management` or `egress` entry.
///
/// ```yaml
/// management:
///   - { from: admin, ports: [22/tcp] }          # to every host; ports default to 22/tcp
///   - { from: bastion, to: [lb1, cluster] }     # to some hosts or zones only
/// egress:
///   - { to: resolvers, ports: [53/udp, 53/tcp] } # from every host
///   - { to: mirrors, ports: [443/tcp], from: cluster }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    #[serde(skip)]
    pub position: Position,
    /// The other side: management sources (`from`), egress destinations (`to`). Zones,
    /// hosts, CIDRs or `any`.
    pub peers: Vec<Located<PolicyEndpoint>>,
    pub ports: Vec<Located<PortSpec>>,
    /// The topology's hosts it applies to, by host or zone name (management `to`, egress
    /// `from`); empty for every host.
    pub hosts: Vec<Located<String>>,
}

/// Which key an entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessKind {
    Management,
    Egress,
}

impl AccessKind {
    pub fn key(self) -> &'static str {
        match self {
            AccessKind::Management => "management",
            AccessKind::Egress => "egress",
        }
    }

    /// The key naming the other side (`from` for management) and the one naming the hosts.
    pub fn peer_key(self) -> &'static str {
        match self {
            AccessKind::Management => "from",
            AccessKind::Egress => "to",
        }
    }

    pub fn hosts_key(self) -> &'static str {
        match self {
            AccessKind::Management => "to",
            AccessKind::Egress => "from",
        }
    }
}

/// The port management opens when an entry names none.
pub const DEFAULT_MANAGEMENT_PORT: &str = "22/tcp";
