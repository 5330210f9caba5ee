//! Deployment topologies: the model, parsing from YAML/JSON/TOML with located errors, and the
//! JSON Schema editors use.

mod model;

pub use model::{Host, Located, PolicyEndpoint, PolicyRule, PortSpec, Service, Topology, Trust, Zone};

#[cfg(test)]
pub(crate) mod testkit;
