//! Ports a page says are no longer used: "9440 is no longer used", "moved from 8080 to 8443",
//! "8081 was replaced by 8443", a row "removed in 5.2". Such a port is history, not a
//! requirement: it is never planned (an open port nobody uses is an attack surface), and it is
//! warned of at its column so the reader sees it was not lost.

use super::sentences::{offset_in, own_words};
use super::vocabulary::{MOVE_VERBS, lowercase, retired_cue};
use std::borrow::Cow;
use std::ops::Range;

/// True when the mention at `span` of `text` (one of `spans`) is a port the text retires.
pub(super) fn is_retired(text: &str, spans: &[Range<usize>], span: &Range<usize>) -> bool {
    let clause = own_words(text, spans, span.start);
    // Only the two words before the port and the three after it are read: lowercasing every
    // word of the paragraph per port was most of this test's cost (issue 15).
    let before = text.get(..span.start).unwrap_or_default();
    let previous: Vec<Cow<'_, str>> = split_words(before).rev().take(2).map(lowercase).collect();
    let previous: Vec<&str> = previous.iter().map(AsRef::as_ref).collect();
    let after: Vec<Cow<'_, str>> =
        split_words(text.get(span.end..).unwrap_or_default()).take(3).map(lowercase).collect();
    // "moved from 8080 to 8443": the port after `from`, in a clause with a verb of moving.
    let moved_from = previous.first() == Some(&"from")
        && words(clause).iter().any(|w| MOVE_VERBS.contains(&w.as_str()));
    // "uses 8443 instead of 8080".
    let instead_of = previous == ["of", "instead"];
    // "8081 was replaced by 8443", "8081 is superseded by 8443".
    let replaced = matches!(
        after.iter().map(AsRef::as_ref).collect::<Vec<&str>>().as_slice(),
        ["was" | "is" | "were", "replaced" | "superseded", ..]
            | ["has" | "have", "been", "replaced" | "superseded"]
    );
    // Another port of the clause may be the one retired ("9443 replaces 9440, which is no
    // longer used" splits at the comma only when `;`-separated): with several ports in one
    // clause, only a move or replacement phrase speaks for one of them.
    let clause_start = offset_in(text, clause);
    let clause_span = clause_start..clause_start + clause.len();
    let ports_in_clause = spans.iter().filter(|s| clause_span.contains(&s.start)).count();
    moved_from || instead_of || replaced || (ports_in_clause <= 1 && retired_cue(clause))
}

fn words(text: &str) -> Vec<String> {
    split_words(text).map(str::to_lowercase).collect()
}

fn split_words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retired(text: &str, port: &str) -> bool {
        let spans: Vec<Range<usize>> = ["8080", "8443", "9440", "9443"]
            .iter()
            .filter_map(|p| text.find(p).map(|s| s..s + p.len()))
            .collect();
        let start = text.find(port).expect("port in text");
        is_retired(text, &spans, &(start..start + port.len()))
    }

    #[test]
    fn a_move_retires_the_old_port_only() {
        let text = "The console moved from 8080 to 8443.";
        assert!(retired(text, "8080"));
        assert!(!retired(text, "8443"));
    }

    #[test]
    fn no_longer_used_retires_its_sentence_port_not_the_one_before() {
        let text = "Agents report on 9443/tcp. Port 9440 is no longer used and can be closed.";
        assert!(retired(text, "9440"));
        assert!(!retired(text, "9443"));
    }

    #[test]
    fn replaced_by_and_instead_of_retire_the_old_port() {
        assert!(retired("Port 8080 was replaced by 8443.", "8080"));
        assert!(!retired("Port 8080 was replaced by 8443.", "8443"));
        assert!(retired("Agents now use 9443 instead of 9440.", "9440"));
        assert!(!retired("Agents now use 9443 instead of 9440.", "9443"));
    }

    #[test]
    fn a_port_to_be_removed_later_is_still_in_use() {
        assert!(!retired("Legacy API on 8080, to be removed in v8.", "8080"));
        assert!(!retired("Port 8080 will be replaced by 8443 in 6.0.", "8080"));
    }
}
