//! One port requirement read from a document row, bullet or sentence.

use serde::{Deserialize, Serialize};

use super::port::{PortRange, Transports};
use crate::diagnostic::SourceLocation;

/// Which way traffic flows, seen from the component that owns the requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Others connect to the component on this port.
    Inbound,
    /// The component connects out to a peer on this port.
    Outbound,
    /// Both: the component listens and also connects to peers on this port.
    Bidirectional,
    /// Between the platform's own nodes or services, inside the cluster network.
    Internal,
}

impl Direction {
    pub const ALL: [Direction; 4] =
        [Direction::Inbound, Direction::Outbound, Direction::Bidirectional, Direction::Internal];

    /// The value [`Self::as_str`] names (`catalog.json`'s spelling).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
            Direction::Bidirectional => "bidirectional",
            Direction::Internal => "internal",
        }
    }
}

/// How much a deployment needs the requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Necessity {
    Required,
    Recommended,
    Optional,
    Conditional,
}

impl Necessity {
    pub const ALL: [Necessity; 4] =
        [Necessity::Required, Necessity::Recommended, Necessity::Optional, Necessity::Conditional];

    /// The value [`Self::as_str`] names (`catalog.json`'s spelling).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Necessity::Required => "required",
            Necessity::Recommended => "recommended",
            Necessity::Optional => "optional",
            Necessity::Conditional => "conditional",
        }
    }

    /// Required and recommended ports are planned by default; optional and conditional ones
    /// only when a topology enables them.
    pub fn on_by_default(self) -> bool {
        matches!(self, Necessity::Required | Necessity::Recommended)
    }
}

/// Whether the document says the port may face untrusted networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Exposure {
    External,
    Internal,
}

impl Exposure {
    pub const ALL: [Exposure; 2] = [Exposure::External, Exposure::Internal];

    /// The value [`Self::as_str`] names (`catalog.json`'s spelling).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Exposure::External => "external",
            Exposure::Internal => "internal",
        }
    }
}

/// A port requirement, with everything the document said about it and where it said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    /// Id made from the row's own facts, unique in the catalog (`model::requirement_id`):
    /// `platform/component-ports-transport[-more facts]`, e.g. `rabbitmq/broker-25672-tcp`.
    pub id: String,
    /// Anchor of the row on the platform page: `r-` and the id's local part.
    pub anchor: String,
    /// The id the row had when ids were lines (`r-25`, `r-25.2`: its block's first line and its
    /// rank there), kept so a topology still naming it is told which row that is now.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub line_id: String,
    /// Full component id, `platform/component`.
    pub component: String,
    /// Text of the nearest heading.
    pub section: String,
    pub ports: PortRange,
    /// Transport, when the document makes it certain.
    pub transport: Option<Transports>,
    /// Application protocol as named by the document (`https`, `ssh`, `nats`, `wss/https`).
    pub app_protocol: Option<String>,
    pub direction: Option<Direction>,
    /// The other side as the document names it (`Public zone`, `Control plane host`).
    pub peer: Option<String>,
    /// The peer resolved to a component id of the same platform, when it names one.
    pub peer_component: Option<String>,
    pub necessity: Option<Necessity>,
    /// For conditional requirements: the condition, as written.
    pub condition: Option<String>,
    pub exposure: Option<Exposure>,
    pub purpose: Option<String>,
    /// The deployment variant (a [`super::Variant`] slug of the platform, e.g. `aws`) whose
    /// section the row was read in; `None` for rows that apply to every deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    pub source: SourceLocation,
}

impl Requirement {
    /// The platform part of the component id.
    pub fn platform(&self) -> &str {
        self.component.split_once('/').map_or(self.component.as_str(), |(platform, _)| platform)
    }

    /// The ports as written ("8443 or 443") when the requirement is one of several
    /// alternatives (its condition made by [`alternatives_condition`]); rows of one group
    /// share this text.
    pub fn alternatives(&self) -> Option<&str> {
        self.condition.as_deref()?.strip_suffix(ALTERNATIVES_SUFFIX)
    }
}

/// Ends the condition of every port of "8443 or 443": written by the extractor, read back by
/// [`Requirement::alternatives`] (the checker warns when no alternative is enabled).
const ALTERNATIVES_SUFFIX: &str = ", whichever the deployment uses";

/// The condition of each port of a group of alternatives written as `written` ("8443 or 443").
pub fn alternatives_condition(written: &str) -> String {
    format!("{written}{ALTERNATIVES_SUFFIX}")
}

/// Whether `condition` is the condition of a group of alternatives ([`alternatives_condition`]).
pub fn is_alternatives_condition(condition: &str) -> bool {
    condition.ends_with(ALTERNATIVES_SUFFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_read_back_what_the_condition_wrote() {
        let mut requirement =
            crate::topology::testkit::req("p/c", "r-1", "8443", "tcp", Direction::Inbound);
        requirement.condition = Some(alternatives_condition("8443 or 443"));
        assert_eq!(requirement.alternatives(), Some("8443 or 443"));
        requirement.condition = Some("if TLS is on".to_owned());
        assert_eq!(requirement.alternatives(), None);
        requirement.condition = None;
        assert_eq!(requirement.alternatives(), None);
    }

    #[test]
    fn names_read_back() {
        for d in Direction::ALL {
            assert_eq!(Direction::from_name(d.as_str()), Some(d));
        }
        for n in Necessity::ALL {
            assert_eq!(Necessity::from_name(n.as_str()), Some(n));
        }
        for e in Exposure::ALL {
            assert_eq!(Exposure::from_name(e.as_str()), Some(e));
        }
        assert_eq!(Direction::from_name("Inbound"), None);
        assert_eq!(Necessity::from_name(""), None);
    }
}
