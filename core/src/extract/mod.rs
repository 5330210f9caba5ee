//! Markdown port documents → catalog.
//!
//! `build_catalog` is the one entry point: it takes every document's bytes and returns the
//! catalog, each document's markdown body (for rendering) and every diagnostic.

mod alternatives;
mod backends;
mod blocks;
mod cell_conditions;
mod cell_lists;
mod cell_shapes;
mod changelog;
mod closed_parts;
mod commands;
mod components;
mod compose_ports;
mod config_listeners;
mod converter_shapes;
mod counted_ports;
pub mod coverage;
mod cues;
mod default_items;
mod derived;
mod directive_listeners;
mod doc_tools;
mod docker_publish;
mod document;
mod every_part;
mod first_free;
mod flow_header;
mod flow_verbs;
mod footnotes;
pub mod front_matter;
mod grid_table;
mod group_rows;
mod grouped_column;
mod header_rows;
mod hedges;
mod html_table;
mod if_clause;
mod included;
mod kept_closed;
mod later_tables;
mod listen_peer;
mod listeners;
mod loopback;
mod modes;
mod named_loopback;
mod needed_by;
mod non_port;
mod note_links;
mod page_cues;
mod pandoc_table;
mod port_notes;
mod prose_peers;
/// Also read by the topology parser, which tells a pasted mapping's host port to write.
pub(crate) mod publish_spec;
mod record;
mod retired;
mod scenario_ticks;
mod sentences;
mod server_listeners;
mod settings_rows;
mod shapes;
mod short_rows;
mod skip_clause;
mod snippets;
mod source_ports;
mod spaced_cells;
mod spaced_purpose;
mod split_words;
mod steps;
mod stray;
mod templates;
mod text;
mod vocabulary;
mod yaml_listeners;

pub use blocks::trailing_id;
pub use components::slugify;
pub use coverage::{BlockCoverage, BlockKind, Coverage, Status, UnresolvedPeer};
pub use record::ExtractRecord;
pub use vocabulary::{PhraseIndex, find_short};

use crate::diagnostic::{Diagnostic, SourceLocation, line_column};
use crate::model::Catalog;

/// A document handed in by a front end: its path (as it should appear in messages) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
}

/// A document's markdown body, kept for rendering the platform page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocumentBody {
    pub platform: String,
    pub path: String,
    /// The markdown after the front matter.
    pub markdown: String,
    /// Number of lines before the body (front matter), so body line N is file line N + this.
    pub line_offset: u32,
    /// What was read from each table, list and paragraph, and what was not (and why).
    pub coverage: Coverage,
}

/// Everything extraction produced.
#[derive(Debug, Clone, Default)]
pub struct CatalogBuild {
    pub catalog: Catalog,
    pub documents: Vec<DocumentBody>,
    pub diagnostics: Vec<Diagnostic>,
}

impl CatalogBuild {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Documents larger than this are refused: no port document is 16 MiB of markdown, and the
/// limit keeps a stray binary or log file from stalling a build.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// Reads every document into one catalog, platforms in path order.
pub fn build_catalog(documents: &[Document<'_>]) -> CatalogBuild {
    let mut sorted: Vec<&Document<'_>> = documents.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(b.path));
    assemble(sorted.into_iter().map(|d| extract_one(*d)).collect())
}

/// One document read by itself: what [`assemble`] puts together. Front ends that read many
/// documents may call [`extract_one`] on several threads (it touches nothing shared), then
/// [`assemble`] the results in path order; the outcome equals [`build_catalog`]'s.
/// Serializable so a front end can keep it between builds (site-gen's extraction cache).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExtractedDocument {
    path: String,
    /// `None` when the document could not be decoded.
    read: Option<(crate::model::Platform, DocumentBody)>,
    diagnostics: Vec<Diagnostic>,
}

/// Extracts one document (no cross-document checks: [`assemble`] does those).
pub fn extract_one(document: Document<'_>) -> ExtractedDocument {
    let mut diagnostics = Vec::new();
    let read = decode(&document, &mut diagnostics).map(|text| {
        let extracted = document::extract(document.path, text);
        diagnostics.extend(extracted.diagnostics);
        (extracted.platform, extracted.body)
    });
    ExtractedDocument { path: document.path.to_owned(), read, diagnostics }
}

/// Puts extracted documents (in path order) into one catalog; a platform id used twice keeps
/// its first document and reports the second.
pub fn assemble(extracted: Vec<ExtractedDocument>) -> CatalogBuild {
    assemble_read(extracted.into_iter().map(|document| (document, None)).collect())
}

impl ExtractedDocument {
    /// The unplaced peers of the platform as extracted (`model::unplaced_rows`), for
    /// [`assemble_read`]: a build that keeps extractions keeps these with them.
    pub fn unplaced_rows(&self) -> Vec<crate::model::UnplacedRow> {
        self.read
            .as_ref()
            .map(|(platform, _)| crate::model::unplaced_rows(platform))
            .unwrap_or_default()
    }

    /// The platform read, when the document could be: a cache that stores its rows in a form
    /// of its own takes them out and puts them back (site-gen's extraction cache).
    pub fn platform_mut(&mut self) -> Option<&mut crate::model::Platform> {
        self.read.as_mut().map(|(platform, _)| platform)
    }
}

/// [`assemble`], given each document's [`ExtractedDocument::unplaced_rows`] where they were
/// read before (they are read again for a platform given another id here).
pub fn assemble_read(
    extracted: Vec<(ExtractedDocument, Option<Vec<crate::model::UnplacedRow>>)>,
) -> CatalogBuild {
    let mut build = CatalogBuild::default();
    let mut platforms: Vec<crate::model::Platform> = Vec::with_capacity(extracted.len());
    let mut unplaced_of: Vec<Vec<crate::model::UnplacedRow>> = Vec::with_capacity(extracted.len());
    // Platform id → index in `platforms`: a map, so duplicate ids are found without a scan.
    let mut first_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (document, mut unplaced) in extracted {
        build.diagnostics.extend(document.diagnostics);
        let Some((mut platform, mut body)) = document.read else { continue };
        // Two vendor pages named alike in different folders (`consul/ports.md`,
        // `nomad/ports.md`) take their id from the path instead of failing the build.
        if first_of.contains_key(&platform.id)
            && platform.id == document::file_stem(&document.path)
            && let Some(renamed) = path_id(&document.path).filter(|id| !first_of.contains_key(id))
        {
            build.diagnostics.push(
                Diagnostic::warning(
                    "duplicate-platform",
                    SourceLocation::new(&document.path, 1, 1),
                    format!(
                        "platform id `{}` is already used; this document is `{renamed}`",
                        platform.id
                    ),
                )
                .expected("a unique `platform` in the front matter"),
            );
            rename_platform(&mut platform, &mut body, &renamed);
            unplaced = None;
        }
        if let Some(&previous) = first_of.get(&platform.id) {
            build.diagnostics.push(
                Diagnostic::error(
                    "duplicate-platform",
                    SourceLocation::new(&document.path, 1, 1),
                    format!(
                        "platform id `{}` is already used by {}",
                        platform.id, platforms[previous].file
                    ),
                )
                .expected("a unique `platform` in the front matter"),
            );
            continue;
        }
        first_of.insert(platform.id.clone(), platforms.len());
        // The coverage report names the peers the plan cannot place (the build warns too).
        let unplaced = unplaced.unwrap_or_else(|| crate::model::unplaced_rows(&platform));
        body.coverage.unresolved_peers = unplaced
            .iter()
            .filter_map(|row| platform.requirements.get(row.requirement))
            .map(|r| UnresolvedPeer {
                requirement: r.id.clone(),
                peer: r.peer.clone().unwrap_or_default(),
                line: r.source.line,
                column: r.source.column,
            })
            .collect();
        platforms.push(platform);
        unplaced_of.push(unplaced);
        build.documents.push(body);
    }
    // Peers the documents name but nothing places: questioned at build time (see model::peer).
    for (platform, unplaced) in platforms.iter().zip(&unplaced_of) {
        build.diagnostics.extend(crate::model::peer_diagnostics_of(platform, unplaced));
    }
    build.catalog = Catalog::new(platforms);
    build
}

/// An id from the whole path (`nomad/ports.md` → `nomad-ports`).
fn path_id(path: &str) -> Option<String> {
    let without = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    let id = slugify(without);
    (!id.is_empty()).then_some(id)
}

/// Moves a platform and every id under it to `id`.
fn rename_platform(platform: &mut crate::model::Platform, body: &mut DocumentBody, id: &str) {
    let old = format!("{}/", platform.id);
    let new = format!("{id}/");
    let moved = |value: &mut String| {
        if let Some(rest) = value.strip_prefix(&old) {
            *value = format!("{new}{rest}");
        }
    };
    for component in &mut platform.components {
        moved(&mut component.id);
    }
    for requirement in &mut platform.requirements {
        moved(&mut requirement.id);
        moved(&mut requirement.component);
        if let Some(peer) = &mut requirement.peer_component {
            moved(peer);
        }
    }
    platform.id = id.to_owned();
    body.platform = id.to_owned();
}

/// Reads one document by itself (what `site-gen extract` does per file).
pub fn extract_document(document: Document<'_>) -> CatalogBuild {
    build_catalog(&[document])
}

fn decode<'a>(document: &Document<'a>, diagnostics: &mut Vec<Diagnostic>) -> Option<&'a str> {
    if document.bytes.len() > MAX_DOCUMENT_BYTES {
        diagnostics.push(
            Diagnostic::error(
                "document-too-large",
                SourceLocation::new(document.path, 1, 1),
                format!("the document is {} bytes", document.bytes.len()),
            )
            .expected(format!("at most {MAX_DOCUMENT_BYTES} bytes of markdown")),
        );
        return None;
    }
    match std::str::from_utf8(document.bytes) {
        // A byte-order mark (editors on Windows write one) would hide the front matter.
        Ok(text) => Some(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(error) => {
            let valid = &document.bytes[..error.valid_up_to()];
            // The valid prefix is UTF-8 by definition; fall back to 1:1 if that ever fails.
            let (line, column) = std::str::from_utf8(valid)
                .map_or((1, 1), |prefix| line_column(prefix, prefix.len()));
            diagnostics.push(
                Diagnostic::error(
                    "not-utf8",
                    SourceLocation::new(document.path, line, column),
                    format!(
                        "byte 0x{:02x} is not valid UTF-8",
                        document.bytes[error.valid_up_to()]
                    ),
                )
                .expected("a UTF-8 encoded markdown file"),
            );
            None
        }
    }
}
