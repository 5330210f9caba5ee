//! The catalog: every platform, its components and their requirements. The site, the checker
//! and the rule emitters all read this one structure.

use serde::{Deserialize, Serialize};

use super::requirement::Requirement;

/// Bumped whenever `catalog.json` changes shape in a way readers must know about.
pub const CATALOG_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub schema_version: u32,
    pub platforms: Vec<Platform>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Platform {
    /// Slug, e.g. `openlm`; the prefix of every component id.
    pub id: String,
    pub title: String,
    pub vendor: Option<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Date the facts were last checked against the vendor's documentation.
    pub verified: Option<String>,
    /// Document path, relative to the content folder.
    pub file: String,
    pub components: Vec<Component>,
    /// Alternative deployments the document describes (on-premises, AWS, Azure, SaaS…), in
    /// document order. A topology picks one per platform; rows of the others do not apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    pub requirements: Vec<Requirement>,
}

/// One alternative deployment of a platform, named by the section(s) that describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// Stable slug (`on-premises`, `aws`), what a topology's `variants:` names.
    pub slug: String,
    /// The name as the document writes it (`On-premises deployment`).
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    /// `platform/slug`, the role name a topology uses.
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// A peer the platform talks to but does not ship (a registry, an SMTP server).
    #[serde(default)]
    pub external: bool,
}

impl Catalog {
    pub fn new(platforms: Vec<Platform>) -> Self {
        Self { schema_version: CATALOG_SCHEMA_VERSION, platforms }
    }

    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }

    pub fn component(&self, id: &str) -> Option<&Component> {
        let (platform, _) = id.split_once('/')?;
        self.platform(platform)?.components.iter().find(|c| c.id == id)
    }

    pub fn components(&self) -> impl Iterator<Item = &Component> {
        self.platforms.iter().flat_map(|p| p.components.iter())
    }

    pub fn requirements(&self) -> impl Iterator<Item = &Requirement> {
        self.platforms.iter().flat_map(|p| p.requirements.iter())
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements().find(|r| r.id == id)
    }

    /// Requirements owned by one component.
    pub fn requirements_of<'a>(
        &'a self,
        component: &'a str,
    ) -> impl Iterator<Item = &'a Requirement> + 'a {
        self.requirements().filter(move |r| r.component == component)
    }
}
