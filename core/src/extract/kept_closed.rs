//! Ports a page says must stay closed: "ports 8080 and 8443 are used internally; do not open
//! them", "749 must never be opened". Such a port is on the host but not for the network: a
//! rule opening it is an exposure the vendor warned against. It is never planned, and it is
//! warned of at its column so the reader sees it was not lost.

use std::ops::Range;

use super::sentences::{offset_in, own_words, sentence_around};

/// What vendors write to keep a port shut (lowercase).
pub(super) const CLOSED_CUES: &[&str] = &[
    "do not open",
    "don't open",
    "never open",
    "must not be opened",
    "should not be opened",
    "must never be opened",
    "must not be open",
    "should not be open",
    "must stay closed",
    "should stay closed",
    "must remain closed",
    "should remain closed",
    "keep them closed",
    "keep it closed",
    "leave them closed",
    "leave it closed",
    "keep them blocked",
    "keep it blocked",
    "leave the firewall blocking",
    "must be blocked",
    "should be blocked",
];

/// Words that open a sentence speaking of the ports of the sentence before ("Those must …").
const BACK_REFERENCES: &[&str] = &["those", "these", "they", "both", "it", "this", "all"];

fn closed_cue(text: &str) -> bool {
    let lower = text.to_lowercase();
    CLOSED_CUES.iter().any(|cue| lower.contains(cue))
}

/// "We recommend that you do not open the following local ports:": a lead-in whose last
/// sentence keeps closed what the list after it names (its items were read as ports to open).
pub(super) fn closes_the_list(lead_in: &str) -> bool {
    let trimmed = lead_in.trim_end();
    let last = trimmed.trim_end_matches(':').rsplit(". ").next().unwrap_or(trimmed);
    trimmed.ends_with(':') && closed_cue(last)
}

/// True when the mention at `span` of `text` (one of `spans`) is a port the text keeps closed:
/// its own clause says so, or the next sentence does while pointing back at it ("Those …").
pub(super) fn is_kept_closed(text: &str, spans: &[Range<usize>], span: &Range<usize>) -> bool {
    // Both places a cue is looked for are pieces of `text`, and a cue (ASCII words) found in a
    // piece's lowercase is in the whole's: a text without one keeps nothing closed. Most
    // texts hold none, and the clause and sentence cuts cost 1 % of a clean build
    // (bench/HISTORY.md "Clean build, session 16").
    if !closed_cue(text) {
        return false;
    }
    // "bound to the loopback address only; keep it closed on the firewall": the binding keeps
    // it closed, and the port stays a documented host-local row (collisions still count).
    if super::loopback::says_loopback_bound(sentence_around(text, span.start)) {
        return false;
    }
    if closed_cue(own_words(text, spans, span.start)) {
        return true;
    }
    let sentence = sentence_around(text, span.start);
    let after = offset_in(text, sentence) + sentence.len();
    let rest = text.get(after..).unwrap_or_default();
    let next_start = rest.len() - rest.trim_start().len();
    let Some(next) = rest.get(next_start..).filter(|n| !n.is_empty()) else { return false };
    let next = sentence_around(next, 0);
    // The next sentence names no port of its own: its words are about the ports before.
    let next_from = after + next_start;
    let own_ports = spans.iter().any(|s| s.start >= next_from && s.start < next_from + next.len());
    let first = next
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    !own_ports && BACK_REFERENCES.contains(&first.as_str()) && closed_cue(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closed(text: &str, port: &str) -> bool {
        let spans: Vec<Range<usize>> = ["8080", "8443", "749", "443"]
            .iter()
            .filter_map(|p| text.find(p).map(|s| s..s + p.len()))
            .collect();
        let start = text.find(port).expect("port in text");
        is_kept_closed(text, &spans, &(start..start + port.len()))
    }

    /// FreeIPA's page: "ports 8080, 8443 and 749 … must be free … do not open them" was read
    /// as three required rows: rules opening the very ports the vendor said to keep shut.
    #[test]
    fn regression_ports_the_page_says_not_to_open_became_required_rows() {
        let text = "The server also uses ports 8080, 8443 and 749 among themselves. Those must be \
                    free on the host, but do not open them: leave the firewall blocking them.";
        assert!(closed(text, "8080"));
        assert!(closed(text, "8443"));
        assert!(closed(text, "749"));
    }

    #[test]
    fn regression_items_under_a_do_not_open_lead_in_were_ports_to_open() {
        assert!(closes_the_list(
            "Behind a firewall, we recommend that you do not open the following local ports:"
        ));
        assert!(!closes_the_list("Do not open anything else. Make sure these ports are open:"));
        assert!(!closes_the_list("We recommend that you do not open the following ports."));
    }

    #[test]
    fn the_cue_in_the_ports_own_sentence_or_clause() {
        assert!(closed("Port 8080 must never be opened to the network.", "8080"));
        // Another clause's port is not kept closed by it.
        assert!(!closed("Open 443; port 8080 must stay closed.", "443"));
        assert!(closed("Open 443; port 8080 must stay closed.", "8080"));
    }

    #[test]
    fn a_next_sentence_without_a_back_reference_or_with_ports_of_its_own_does_not_count() {
        assert!(!closed("Clients use 443. Do not open anything else.", "443"));
        assert!(!closed("Clients use 443. Those on 8080 must stay closed.", "443"));
        assert!(!closed("Clients use 443. These are all you need.", "443"));
    }

    /// Merge of sessions 15's two readers: "8000: Shutdown control port, bound to the loopback
    /// address only; keep it closed on the firewall" lost its host-local row to the kept-closed
    /// warning (the loopback rule keeps it documented, with no flow).
    #[test]
    fn regression_a_loopback_bound_port_kept_closed_lost_its_host_local_row() {
        let text = "8000: Shutdown control port, bound to the loopback address only; keep it closed \
                    on the firewall.";
        assert!(!closed(text, "8000"));
        assert!(!closed("The agent listens on 127.0.0.1:9000; do not open it.", "9000"));
        assert!(closed("Port 8000 is for shutdown only; keep it closed on the firewall.", "8000"));
    }

    /// The quick check on the whole text: each cue, in any case, in the port's clause or in a
    /// next sentence pointing back, still keeps the port closed; a text without a cue, none.
    #[test]
    fn regression_every_mention_cut_its_text_to_find_no_cue() {
        for cue in CLOSED_CUES {
            let upper = cue.to_uppercase();
            assert!(closed(&format!("Port 8080 {upper} to the network."), "8080"), "{cue}");
            let next = format!("Clients use 443. Those {cue} on the firewall.");
            assert!(closed(&next, "443"), "{cue}");
        }
        assert!(!closed("Port 8080 is open to the network; keep it handy.", "8080"));
    }
}
