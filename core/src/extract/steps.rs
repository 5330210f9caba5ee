//! Numbered steps that walk through a connection ("3. The launcher tells the controller which
//! port the agent listens on (19202)") after a list or table of the same section, or of a
//! section around it, has given the ports: the steps restate those rows, so they are read as
//! commentary (as prose after a table is), never as rows of their own. Only ports listed
//! *before* the steps count, and a pinned step is always read.

use std::collections::BTreeSet;

use crate::model::PortRange;

/// Whether the list item starting at `start` in `text` is numbered ("1.", "2)").
pub(super) fn is_numbered(text: &str, start: usize) -> bool {
    let rest = text.get(start..).unwrap_or_default().trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(rest[digits..].chars().next(), Some('.' | ')'))
}

/// The ports a step names: in its sentences, or at its end ("… listens on (19202).").
pub(super) fn ports_named(text: &str) -> Vec<PortRange> {
    let mut mentions = super::text::prose(text);
    if mentions.is_empty()
        && let Some((_, ports)) = super::shapes::labelled_ports(text)
    {
        mentions = super::text::port_cell(ports);
    }
    mentions.into_iter().filter_map(|m| m.ports.ok()).collect()
}

/// Whether every port `ports` names was listed already (`listed`): a step restating them.
pub(super) fn restates(ports: &[PortRange], listed: &BTreeSet<PortRange>) -> bool {
    !ports.is_empty() && ports.iter().all(|p| listed.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_items_are_told_from_bullets() {
        let text = "- TCP 19202\n1. The controller connects\n12) Then\n2024 was a year";
        let at = |part: &str| text.find(part).unwrap();
        assert!(!is_numbered(text, 0));
        assert!(is_numbered(text, at("1. The")));
        assert!(is_numbered(text, at("12)")));
        assert!(!is_numbered(text, at("2024")));
    }
}
