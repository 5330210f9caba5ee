//! Deployment topologies: the model, parsing from YAML/JSON/TOML with located errors, and the
//! JSON Schema editors use.

pub mod access;
mod legs;
mod model;
pub mod parse;
pub mod regions;
pub mod schema;
pub mod suggest;
pub mod trusted_nets;

pub use access::{Access, AccessKind};
pub use model::{
    Host, HostFiles, ImportedRuleset, Located, PolicyEndpoint, PolicyRule, PortSpec, RulesetSyntax,
    Service, Settlement, Topology, Trust, VariantChoice, Vip, Zone,
};
pub use parse::{Format, ParseError, from_node, parse, parse_data};
pub use schema::schema;

#[cfg(test)]
pub(crate) mod testkit;
