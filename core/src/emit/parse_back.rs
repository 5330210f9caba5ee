//! parse back
