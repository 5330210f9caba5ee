//! Generators for Portolan's benchmarks (`cargo xtask bench`): a corpus of synthetic port
//! documents in Portolan, Hugo and mdBook layouts, and topologies of N hosts. Deterministic,
//! dependency-free, so any bench (criterion, the harness, the wasm page) can share them.

pub mod corpus;
pub mod rng;
pub mod topology;
