//! Rows from configuration snippets (`snippets`), made in the walk where the code block
//! stands, so its headings give them their part, condition and variant. They are kept apart
//! until the walk ends, and kept only for ports no table, list or sentence of the page states
//! (those say more: the purpose, the peer); what a snippet cannot place is a located warning.

use super::super::snippets::{self, CodeBlock, Snippets};
use super::{Draft, Walker};
use crate::diagnostic::Diagnostic;
use crate::extract::coverage::{BlockCoverage, BlockKind};
use crate::extract::cues::Cues;
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
        let mut read = snippets::read(block);
        self.place_backends(&mut read);
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
        // A pin written just before the code block (none taken since) pins its rows, as it
        // pins a table's.
        let pin = self.fresh_pin();
        for note in read.notes {
            let location = self.location(note.offset);
            self.diagnostics.push(
                Diagnostic::warning(note.code, location, note.message).expected(note.expected),
            );
        }
        for port in read.ports {
            // A published port or a listener: others connect in.
            let inbound = Cues { direction: Some(Direction::Inbound), ..Cues::default() };
            let mut cues = self.section_cues().overlay(&inbound).overlay(&pin);
            if port.host_local {
                cues.peer = Some("localhost".to_owned());
            } else if port.backend && cues.peer.is_none() {
                // The proxy sends the requests: the part the pin or headings give the snippet.
                cues.peer = self.sender();
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
            let backend = port.backend;
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
                self.snippet_drafts.push((entry_index, draft, backend));
            }
        }
    }

    /// A proxy's backend is a row of the part it names; one naming no declared part is said
    /// (the flow leaves this host for a host Portolan cannot place), never guessed.
    fn place_backends(&self, read: &mut Snippets) {
        let ports = std::mem::take(&mut read.ports);
        for port in ports {
            let part = port.part.as_deref().unwrap_or_default();
            if !port.backend || self.resolver.resolve(part).is_some() {
                read.ports.push(port);
                continue;
            }
            read.note(
                port.offset,
                "snippet-backend",
                format!("{}: a flow from this host to `{part}`, which names no part of this platform; it is not a port this host opens", port.purpose),
                "the backend declared as a component (`components:` in the front matter), or its port stated in a table or a sentence",
            );
        }
        read.notes.sort_by_key(|note| note.offset);
    }

    /// The declared part a snippet's own lines belong to: its pin's, or its headings'.
    fn sender(&self) -> Option<String> {
        let pinned = self.pinned_components().into_iter();
        let headed = self.heading_hints().into_iter().flatten();
        pinned.chain(headed).find_map(|text| self.resolver.resolve(&text))
    }

    /// The waiting pin when no block has taken it yet (else nothing: a pin before a list
    /// stays the list's when a code block sits among its items).
    fn fresh_pin(&mut self) -> Cues {
        if matches!(self.pin, Some((_, _, None))) {
            self.take_pin("snippet")
        } else {
            Cues::default()
        }
    }

    /// Puts the snippet rows whose port nothing else states among the drafts, in page order.
    pub(super) fn keep_snippet_rows(&mut self) {
        for (entry_index, draft, backend) in std::mem::take(&mut self.snippet_drafts) {
            // A backend's port is another part's: the sender's own row of the same port (a
            // gateway that receives and forwards OTLP on 4317) does not state it.
            if self.drafts.iter().any(|other| {
                states(other, &draft)
                    && (!backend || other.component_hints.first() == draft.component_hints.first())
            }) {
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
        // "Point your syslog at 5140" (no transport) does not state Compose's `5140:5140/udp`:
        // merged, the transport was lost and no rule opened the port at all.
        (None, Some(_)) => false,
        _ => true,
    };
    other.ports.contains(draft.ports)
        && transports
        && (other.variant.is_none() || other.variant == draft.variant)
}
