//! The stable JSON contract of `site-gen extract`: one flat object per requirement.

use serde::{Deserialize, Serialize};

use crate::model::{Catalog, Requirement};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractRecord {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub id: String,
    pub section: String,
    pub component: String,
    /// `"443"` or `"2379-2380"`.
    pub ports: String,
    /// `"tcp"`, `"udp"`, `"sctp"`, `"tcp+udp"` or null.
    pub protocol: Option<String>,
    pub app_protocol: Option<String>,
    pub direction: Option<String>,
    pub peer: Option<String>,
    pub necessity: Option<String>,
    pub condition: Option<String>,
    pub exposure: Option<String>,
    pub purpose: Option<String>,
}

impl ExtractRecord {
    pub fn from_requirement(requirement: &Requirement) -> Self {
        Self {
            file: requirement.source.file.clone(),
            line: requirement.source.line,
            column: requirement.source.column,
            id: requirement.id.clone(),
            section: requirement.section.clone(),
            component: requirement.component.clone(),
            ports: requirement.ports.to_string(),
            protocol: requirement.transport.map(|t| t.as_str().to_owned()),
            app_protocol: requirement.app_protocol.clone(),
            direction: requirement.direction.map(|d| d.as_str().to_owned()),
            peer: requirement.peer.clone(),
            necessity: requirement.necessity.map(|n| n.as_str().to_owned()),
            condition: requirement.condition.clone(),
            exposure: requirement.exposure.map(|e| e.as_str().to_owned()),
            purpose: requirement.purpose.clone(),
        }
    }

    /// Every requirement of the catalog, in document order.
    pub fn all(catalog: &Catalog) -> Vec<Self> {
        catalog.requirements().map(Self::from_requirement).collect()
    }
}
