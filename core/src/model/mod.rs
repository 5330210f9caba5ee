//! The catalog model.

mod catalog;
mod family;
/// The compact form of the catalog's JSON the site ships (`assets/catalog.js`).
pub mod packed;
mod peer;
mod port;
mod requirement;

pub use catalog::{CATALOG_SCHEMA_VERSION, Catalog, Component, Platform, Source, Variant};
pub use family::IpFamily;
pub(crate) use peer::class_of;
pub use peer::{
    PeerClass, PeerReading, UnplacedRow, peer_diagnostics, peer_diagnostics_of, read_peer,
    read_requirement_peer, unplaced_peers, unplaced_rows,
};
pub use port::{PortError, PortRange, Transport, Transports};
pub use requirement::{
    Direction, Exposure, Necessity, Requirement, alternatives_condition, is_alternatives_condition,
};
