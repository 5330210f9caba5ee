//! "HTTP API (default 4646). Clients and servers both serve the HTTP API on it. TCP only.":
//! Nomad- and Consul-style items name a port by its default, then speak of it as "it" in
//! sentences of their own, and close with the transport as a sentence ("TCP only.", "TCP and
//! UDP."). The clause before "on it" says whose port it is, as a sentence with the number would.

use super::vocabulary::normalise;
use crate::model::{Transport, Transports};

/// The clause of the item that speaks of its port as "it", up to and with its preposition:
/// "Clients and servers both serve the HTTP API on" (of "… serve the HTTP API on it."). The
/// first such clause; `None` when no sentence says "on it", "to it" or "over it".
pub(super) fn clause_before_it(text: &str) -> Option<String> {
    text.split(['.', ';', ',']).find_map(|clause| {
        let lower = clause.to_ascii_lowercase();
        let at = [" on it", " to it", " over it"]
            .iter()
            .filter_map(|p| lower.find(p).filter(|&i| ends_word(&lower, i + p.len())))
            .min()?;
        // "… on it" → "… on": the preposition is what a flow verb's side ends at.
        let end = at + lower.get(at..)?.trim_end_matches(|c: char| !c.is_alphabetic()).len() - 3;
        Some(clause.get(..end)?.trim().to_owned())
    })
}

fn ends_word(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|rest| rest.chars().next()).is_none_or(|c| !c.is_alphanumeric())
}

/// "TCP only.", "TCP and UDP.", "Both TCP and UDP.": a sentence of the item that names nothing
/// but its transport; the union of what it names.
pub(super) fn transport_sentence(text: &str) -> Option<Transports> {
    text.split(['.', ';']).find_map(|sentence| {
        let normal = normalise(sentence);
        let words: Vec<&str> =
            normal.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let mut stated: Option<Transports> = None;
        for word in &words {
            match Transport::parse(word) {
                Some(t) => {
                    let one = Transports::One(t);
                    stated = Some(stated.map_or(one, |s| s.union(one).unwrap_or(s)));
                }
                None if matches!(*word, "only" | "and" | "or" | "both" | "over") => {}
                None => return None,
            }
        }
        stated
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clause_speaking_of_it_is_cut_at_its_preposition() {
        assert_eq!(
            clause_before_it("HTTP API (default 4646). Clients and servers both serve the HTTP API on it. TCP only.").as_deref(),
            Some("Clients and servers both serve the HTTP API on")
        );
        assert_eq!(
            clause_before_it("RPC (default 4647). Client agents talk to the servers on it, and servers to each other.").as_deref(),
            Some("Client agents talk to the servers on")
        );
        assert_eq!(clause_before_it("RPC (default 4647). Used by item tools."), None);
        assert_eq!(clause_before_it("Turn it on item 4647 (default)."), None);
    }

    #[test]
    fn a_sentence_of_transports_alone_is_the_items_transport() {
        assert_eq!(
            transport_sentence("Serf (default 4648). Gossip. TCP and UDP."),
            Transports::parse("tcp+udp")
        );
        assert_eq!(
            transport_sentence("RPC (default 4647). Servers. TCP only."),
            Transports::parse("tcp")
        );
        assert_eq!(transport_sentence("DNS over UDP is used for lookups."), None);
        assert_eq!(transport_sentence("HTTP API (default 4646). Both."), None);
    }
}
