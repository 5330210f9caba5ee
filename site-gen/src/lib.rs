//! Portolan's site generator: reads `content/*.md` through the core extractor and writes the
//! static reference site (pages, exports, search index, offline bundle). Files in, files out;
//! every domain decision lives in `portolan-core`.

pub mod build;
pub mod bundle;
pub mod bundle_stream;
pub mod cache;
pub mod cli;
pub mod collide;
pub mod config;
pub mod content;
pub mod diagram;
pub mod exports;
pub mod extract_cache;
pub mod extract_cmd;
pub mod fingerprint;
pub mod iana;
pub mod kept_texts;
pub mod links;
pub mod markdown;
pub mod markdown_cache;
pub mod memory;
pub mod output;
pub mod packed_rows;
pub mod page_cache;
pub mod platform_keys;
pub mod reach;
pub mod render;
pub mod search;
pub mod serve;
pub mod services;
pub mod site;
pub mod snippet;
pub mod tree;
pub mod util;
