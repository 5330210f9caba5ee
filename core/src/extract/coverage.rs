//! What was read from a document, block by block: the one account both `site-gen extract
//! --report` and the platform page's "What was read from this document" section render.

use serde::{Deserialize, Serialize};

/// The reading of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Every table, list and paragraph that holds port-like text, in document order.
    pub blocks: Vec<BlockCoverage>,
    /// Peers written in the document that name no component (`model::unplaced_peers`), filled
    /// when the catalog is assembled.
    #[serde(default)]
    pub unresolved_peers: Vec<UnresolvedPeer>,
}

impl Coverage {
    pub fn rows_read(&self) -> usize {
        self.blocks.iter().map(|b| b.read).sum()
    }

    pub fn skipped(&self) -> impl Iterator<Item = &BlockCoverage> {
        self.blocks.iter().filter(|b| b.status == Status::Skipped)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Table,
    HtmlTable,
    List,
    Paragraph,
    /// A heading that is itself a port ("### 8089 (management)").
    Heading,
    /// A code block with a `docker run -p`, a Compose `ports:` or a listener key (`snippets`).
    Snippet,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Table => "table",
            BlockKind::HtmlTable => "HTML table",
            BlockKind::List => "list",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading => "heading",
            BlockKind::Snippet => "code snippet",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every row (item) with a port was read.
    Read,
    /// Some rows were read, some were not (the diagnostics say which).
    Partial,
    /// Nothing was read (the reason says why).
    Skipped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Read => "read",
            Status::Partial => "partly read",
            Status::Skipped => "skipped",
        }
    }
}

/// One table, list or paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockCoverage {
    pub kind: BlockKind,
    /// File line and column where the block starts.
    pub line: u32,
    pub column: u32,
    /// The heading it sits under.
    pub section: String,
    /// A bold lead-in or caption that titles it.
    pub label: Option<String>,
    /// Deployment variant slug, when it sits in a variant tab or section.
    pub variant: Option<String>,
    /// Header cells as seen (markup stripped); empty for lists and paragraphs.
    pub headers: Vec<String>,
    /// The header of the column read as ports.
    pub port_column: Option<String>,
    /// Rows (items, port mentions) that hold port-like text.
    pub rows: usize,
    /// Of those, how many gave at least one requirement.
    pub read: usize,
    /// Requirements made from the block.
    pub requirements: usize,
    pub status: Status,
    /// Why nothing (or not everything) was read, and what would make it read.
    pub reason: Option<String>,
    /// What the reading assumed: an inferred port column, a direction taken from a header …
    pub assumptions: Vec<String>,
}

/// A peer that names nothing the platform has: planned from the platform's own hosts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnresolvedPeer {
    pub requirement: String,
    pub peer: String,
    pub line: u32,
    pub column: u32,
}

impl BlockCoverage {
    pub fn status_of(rows: usize, read: usize) -> Status {
        if read == 0 {
            Status::Skipped
        } else if read < rows {
            Status::Partial
        } else {
            Status::Read
        }
    }
}

/// The plain-text report: one line per block, then its reason and assumptions indented.
pub fn report(path: &str, coverage: &Coverage) -> String {
    let mut out = String::new();
    let skipped = coverage.skipped().count();
    out.push_str(&format!(
        "{path}: {} block(s) with ports, {} row(s) read, {skipped} skipped\n",
        coverage.blocks.len(),
        coverage.rows_read()
    ));
    for block in &coverage.blocks {
        out.push_str(&format!(
            "  {path}:{}:{}: {} {}: {}/{} row(s) read, {} requirement(s)",
            block.line,
            block.column,
            block.kind.as_str(),
            block.status.as_str(),
            block.read,
            block.rows,
            block.requirements
        ));
        if !block.section.is_empty() {
            out.push_str(&format!(" — in \"{}\"", block.section));
        }
        if let Some(variant) = &block.variant {
            out.push_str(&format!(" [variant {variant}]"));
        }
        out.push('\n');
        if let Some(label) = &block.label {
            out.push_str(&format!("      titled: {label}\n"));
        }
        if !block.headers.is_empty() {
            out.push_str(&format!("      headers: {}\n", block.headers.join(" | ")));
        }
        if let Some(reason) = &block.reason {
            out.push_str(&format!("      why: {reason}\n"));
        }
        for assumption in &block.assumptions {
            out.push_str(&format!("      assumed: {assumption}\n"));
        }
    }
    for peer in &coverage.unresolved_peers {
        out.push_str(&format!(
            "  {path}:{}:{}: peer `{}` of {} names no component\n",
            peer.line, peer.column, peer.peer, peer.requirement
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_counts_and_the_report_names_reasons() {
        assert_eq!(BlockCoverage::status_of(3, 0), Status::Skipped);
        assert_eq!(BlockCoverage::status_of(3, 2), Status::Partial);
        assert_eq!(BlockCoverage::status_of(3, 3), Status::Read);
        let coverage = Coverage {
            blocks: vec![BlockCoverage {
                kind: BlockKind::Table,
                line: 4,
                column: 1,
                section: "Ports".into(),
                label: None,
                variant: Some("aws".into()),
                headers: vec!["Service".into(), "Value".into()],
                port_column: None,
                rows: 2,
                read: 0,
                requirements: 0,
                status: Status::Skipped,
                reason: Some("no port column".into()),
                assumptions: vec![],
            }],
            unresolved_peers: vec![],
        };
        let text = report("a.md", &coverage);
        assert!(text.contains("a.md:4:1: table skipped: 0/2"), "{text}");
        assert!(text.contains("why: no port column"), "{text}");
        assert!(text.contains("[variant aws]"), "{text}");
    }
}
