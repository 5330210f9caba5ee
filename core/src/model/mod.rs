//! The catalog model.

mod catalog;
mod family;
mod line_id_migration;
/// The compact form of the catalog's JSON the site ships (`assets/catalog.js`).
pub mod packed;
mod peer;
mod port;
mod requirement;
/// Requirement ids made from a row's facts, and what old line ids name now.
pub mod requirement_id;

pub use catalog::{CATALOG_SCHEMA_VERSION, Catalog, Component, Platform, Source, Variant};
pub use family::IpFamily;
pub use line_id_migration::{LineIdUse, migrate_line_ids};
pub(crate) use peer::class_of;
pub use peer::{
    PeerClass, PeerReading, UnplacedRow, peer_diagnostics, peer_diagnostics_of, read_peer,
    read_requirement_peer, unplaced_peers, unplaced_rows,
};
pub use port::{PortError, PortRange, Transport, Transports};
pub use requirement::{
    Direction, Exposure, Necessity, Requirement, alternatives_condition, is_alternatives_condition,
};
