//! "9000, 9001 (optional)", "2049, 111 (only for NFSv3)", "8080, 8443 (TLS only)": a note in
//! parentheses after one port of a cell holding several is that port's, not the row's. Why:
//! read over the whole cell, "(optional)" made 9000 optional too (an outage once a topology
//! leaves it off) and "(only for NFSv3)" put NFSv4's 2049 behind NFSv3.

use std::borrow::Cow;

use super::cues::Cues;
use super::text::Mention;

/// Whether `mentions` (a cell's ports) are several and one of them carries a note of its own
/// (not a port of its own inside the parenthesis: "(5269 TCP is also used …)").
pub(super) fn per_port(mentions: &[Mention]) -> bool {
    mentions.len() >= 2
        && mentions.iter().any(|m| {
            m.parenthetical
                .as_deref()
                .is_some_and(|p| !p.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        })
}

/// `text` without its parenthesised notes: what the cell says of every port.
pub(super) fn outside_notes(text: &str) -> Cow<'_, str> {
    if !text.contains('(') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// The necessity (and condition) a port's own note states: "optional", "only for NFSv3",
/// "if clustering is on".
pub(super) fn note_cues(note: &str) -> Option<Cues> {
    let mut cues = Cues::from_text(note);
    super::if_clause::condition_the_clause_states(&mut cues, note);
    cues.necessity.map(|necessity| Cues {
        necessity: Some(necessity),
        condition: cues.condition,
        ..Cues::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Necessity;

    #[test]
    fn regression_a_port_note_in_a_multi_port_cell_spoke_for_every_port() {
        let mentions = super::super::text::port_cell("9000, 9001 (optional)");
        assert!(per_port(&mentions));
        assert_eq!(outside_notes("9000, 9001 (optional)"), "9000, 9001 ");
        let note = mentions.get(1).and_then(|m| m.parenthetical.as_deref()).unwrap_or_default();
        assert_eq!(note_cues(note).and_then(|c| c.necessity), Some(Necessity::Optional));
        // A transport label is the port's already; one port alone keeps its row's reading.
        assert!(!per_port(&super::super::text::port_cell("8080, 8443 (TLS)")));
        assert!(!per_port(&super::super::text::port_cell("443 (optional)")));
    }
}
