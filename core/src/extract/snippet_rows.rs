//! Rows from configuration snippets (`snippets`), made in the walk where the code block
//! stands, so its headings give them their part, condition and variant. They are kept apart
//! until the walk ends, and kept only for ports no table, list or sentence of the page states
//! (those say more: the purpose, the peer); what a snippet cannot place is a located warning.

use super::super::snippets::{self, CodeBlock};
use super::{Draft, Walker};
use crate::diagnostic::Diagnostic;
use crate::extract::coverage::{BlockCoverage, BlockKind};
use crate::extract::text::Mention;
use crate::model::{Direction, Transports};

impl Walker<'_> {
    /// Reads the code blocks that start before `offset` (the next block of the walk).
    pub(super) fn read_code_before(&mut self, offset: usize) {
        while self.code_blocks.front().is_some_and(|block| block.text.start < offset) {
            if let Some(block) = self.code_blocks.pop_front() {
                self.snippet_block(&block);
            }
        }
    }

    fn snippet_block(&mut self, block: &CodeBlock) {
        let read = snippets::read(block);
        if read.ports.is_empty() && read.notes.is_empty() {
            return;
        }
        // What the coverage report says of the block: each port and each note is a row.
        let mut entry = self.coverage_entry(BlockKind::Snippet, block.text.start);
        entry.rows = read.ports.len() + read.notes.len();
        entry.read = read.ports.len();
        entry.status = BlockCoverage::status_of(entry.rows, entry.read);
        if entry.read == 0 {
            entry.reason = Some("no fixed host port: see the warnings".to_owned());
        }
        self.coverage.push(entry);
        let entry_index = self.coverage.len() - 1;
        for note in read.notes {
            let location = self.location(note.offset);
            self.diagnostics.push(
                Diagnostic::warning(note.code, location, note.message).expected(note.expected),
            );
        }
        for port in read.ports {
            // A published port or a listener: others connect in.
            let mut cues = self.section_cues();
            cues.direction = Some(Direction::Inbound);
            if port.host_local {
                cues.peer = Some("localhost".to_owned());
            }
            // The Compose service (or container name) when it names a declared part; else
            // the part the headings give, as for any row.
            let hints: Vec<String> = port
                .part
                .filter(|part| self.resolver.resolve(part).is_some())
                .into_iter()
                .collect();
            let mention = Mention {
                ports: Ok(port.ports),
                span: 0..0,
                transport: port.transport.map(Transports::One),
                app: None,
                parenthetical: None,
            };
            let before = self.drafts.len();
            self.push_mention(
                mention,
                &cues,
                port.offset,
                block.text.start,
                Some(port.purpose),
                hints,
                false,
            );
            for mut draft in self.drafts.drain(before..).collect::<Vec<_>>() {
                // The generated purpose names no part.
                draft.purpose_creates = false;
                self.snippet_drafts.push((entry_index, draft));
            }
        }
    }

    /// Puts the snippet rows whose port nothing else states among the drafts, in page order.
    pub(super) fn keep_snippet_rows(&mut self) {
        for (entry_index, draft) in std::mem::take(&mut self.snippet_drafts) {
            if self.drafts.iter().any(|other| states(other, &draft)) {
                if let Some(entry) = self.coverage.get_mut(entry_index) {
                    let said = format!("{} is the row the page states elsewhere", draft.ports);
                    entry.assumptions.push(said);
                }
                continue;
            }
            if let Some(entry) = self.coverage.get_mut(entry_index) {
                entry.requirements += 1;
            }
            let at = self
                .drafts
                .iter()
                .position(|other| other.offset > draft.offset)
                .unwrap_or(self.drafts.len());
            self.drafts.insert(at, draft);
        }
    }
}

/// Whether `other` states the port of the snippet row `draft` (same deployment variant, or
/// one for every deployment).
fn states(other: &Draft, draft: &Draft) -> bool {
    let transports = match (other.cues.transport, draft.cues.transport) {
        (Some(stated), Some(snippet)) => snippet.members().iter().all(|t| stated.includes(*t)),
        _ => true,
    };
    other.ports.contains(draft.ports)
        && transports
        && (other.variant.is_none() || other.variant == draft.variant)
}
