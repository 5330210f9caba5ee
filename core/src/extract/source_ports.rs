//! Ports a page gives as the connecting side's own (source) ports: "plus the ephemeral port
//! range (1024–65535) for the replies" under a stateless ACL, "return traffic on 1024-65535".
//! No listener is there, so no requirement is made from them, and the warning says so where
//! they stand (a table row's port cell, or the number in the sentence).

use crate::diagnostic::{Diagnostic, SourceLocation};

/// How many words either side of a number may name it as source ports: the noun phrase the
/// number belongs to ("the ephemeral port range (1024–65535)"), never the rest of the sentence
/// ("connects from an ephemeral port to the server on 443" keeps 443).
const NEAR_WORDS: usize = 4;

/// True when the words right before `before`'s end, or right after `after`'s start, within
/// one clause, name the connecting side's own ports.
pub(super) fn named_next_to(before: &str, after: &str) -> bool {
    let stop = |c: char| matches!(c, ',' | ';' | ':' | '.' | '!' | '?');
    let before_clause = before.rsplit(stop).next().unwrap_or_default();
    let after_clause = after.split(stop).next().unwrap_or_default();
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut last = words(before_clause);
    let last = last.split_off(last.len().saturating_sub(NEAR_WORDS)).join(" ");
    let first: Vec<String> = words(after_clause).into_iter().take(NEAR_WORDS).collect();
    let near = format!("{last} | {}", first.join(" "));
    if !super::vocabulary::names_source_ports(&near) {
        return false;
    }
    // "Ephemeral" alone is also how pages name a listener's dynamic range ("RPC uses the
    // ephemeral range 49152-65535"): only replies or return traffic make it the caller's.
    let clause = format!("{before_clause} {after_clause}").to_lowercase();
    let unambiguous = ["source port", "return traffic"];
    unambiguous.iter().any(|p| super::vocabulary::contains_phrase(&near.to_lowercase(), p))
        || REPLY_WORDS.iter().any(|w| super::vocabulary::contains_phrase(&clause, w))
}

/// Words saying the ports carry the replies of connections made the other way.
const REPLY_WORDS: &[&str] =
    &["reply", "replies", "response", "responses", "return", "returning", "stateless"];

/// The warning for `written`, source ports read nowhere as a listener's.
pub(super) fn warning(location: SourceLocation, written: &str) -> Diagnostic {
    Diagnostic::warning(
        "port-source-only",
        location,
        format!("`{written}` is the connecting side's own (source) ports, as the text says: no listener is there, so no requirement was made from it"),
    )
    .expected("the port the connection goes to (53 for recursive lookups), in the port column")
}

#[cfg(test)]
mod tests {
    use super::named_next_to;

    #[test]
    fn the_ephemeral_range_for_replies_is_named_but_a_later_port_is_not() {
        assert!(named_next_to(
            "rule each way, plus the ephemeral port range (",
            ") for the replies."
        ));
        assert!(named_next_to("Allow return traffic on ", "."));
        assert!(named_next_to("Open ", " (ephemeral ports) for replies"));
        // The phrase belongs to another part of the sentence.
        assert!(!named_next_to(
            "The agent connects from an ephemeral source port to the management server on ",
            "."
        ));
        assert!(!named_next_to("Source ports are ephemeral; the server listens on ", "."));
        // A listener's dynamic range, no replies.
        assert!(!named_next_to("RPC endpoints use the ephemeral port range ", " on the server."));
    }
}
