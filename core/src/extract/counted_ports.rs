//! Numbers a page gives as other than today's ports: "open one port for each brick, counting
//! up from 49152" (a base the deployment counts up from: how many is not said, so no range is
//! guessed) and "releases before 3.4 counted from 24009 instead" (history). Neither is a
//! requirement, and each is said as what it is rather than as a plain unread number.

use std::ops::Range;

use super::sentences::sentence_around;

/// Words of a sentence that count ports up from a base, one per instance of something.
const COUNTING: &[&str] = &[
    "counting up",
    "counting from",
    "counting upward",
    "count up",
    "counts up",
    "incrementing",
    "one port per",
    "one port for each",
    "a port per",
    "a port for each",
    "one additional port per",
];

/// Words saying what follows held in releases before the current one.
const EARLIER_RELEASES: &[&str] = &[
    "releases before",
    "release before",
    "versions before",
    "version before",
    "releases prior to",
    "versions prior to",
    "older releases",
    "older versions",
    "earlier releases",
    "earlier versions",
    "before version",
    "prior to version",
];

/// True when the number at `span` of `text` is the base ports are counted up from.
pub(super) fn is_base_port(text: &str, span: &Range<usize>) -> bool {
    let before = text.get(..span.start).unwrap_or_default();
    let previous = before.split(|c: char| !c.is_alphanumeric()).rev().find(|w| !w.is_empty());
    if !previous.is_some_and(|w| w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("at")) {
        return false;
    }
    let sentence = sentence_around(text, span.start).to_lowercase();
    COUNTING.iter().any(|c| sentence.contains(c))
}

/// True when the number at `span` of `text` is said of earlier releases in place of today's:
/// "(releases before 3.4 counted from 24009 instead)". Its parenthetical, or else its sentence,
/// is read. Without "instead" ("older releases used 1025-5000") it may still be theirs: unread.
pub(super) fn is_earlier_release(text: &str, span: &Range<usize>) -> bool {
    // A parenthetical speaks of its own numbers, not of the sentence's.
    let scope = parenthetical_around(text, span)
        .map_or_else(|| outside_parentheses(sentence_around(text, span.start)), str::to_lowercase);
    scope.contains("instead") && EARLIER_RELEASES.iter().any(|e| scope.contains(e))
}

/// The parenthetical `span` stands in, when it stands in one.
fn parenthetical_around<'a>(text: &'a str, span: &Range<usize>) -> Option<&'a str> {
    let before = text.get(..span.start)?;
    let open = before.rfind('(')?;
    if before.get(open..)?.contains(')') {
        return None;
    }
    let close = span.end + text.get(span.end..)?.find(')')?;
    text.get(open..=close)
}

/// `text` lowercased without its parentheticals.
fn outside_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// The message of a base port's `port-template` warning.
pub(super) fn message(written: &str) -> String {
    format!(
        "`{written}` is the first of ports counted up one per instance (one per brick, say): how many depends on your deployment, so no range is guessed and no requirement was made from it"
    )
}

/// What would make a base port read.
pub(super) const EXPECTED: &str =
    "the range for your deployment written out (49152-49156 for five), in a row or a pin";

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, port: &str) -> Range<usize> {
        let at = text.find(port).unwrap_or_default();
        at..at + port.len()
    }

    #[test]
    fn regression_a_base_port_counted_up_per_brick_was_a_plain_unread_number() {
        let text = "Open one port for each brick, counting up from 49152 (releases before 3.4 \
                    counted from 24009 instead). Five bricks need 49152 to 49156.";
        assert!(is_base_port(text, &span(text, "49152")));
        assert!(is_earlier_release(text, &span(text, "24009")));
        assert!(!is_earlier_release(text, &span(text, "49152")));
        let other = "Agents allocate a port per job, starting at 30000.";
        assert!(is_base_port(other, &span(other, "30000")));
        let older = "Older versions used 8080 instead.";
        assert!(is_earlier_release(older, &span(older, "8080")));
        let theirs = "Older releases used 1025-5000.";
        assert!(!is_earlier_release(theirs, &span(theirs, "1025")));
        // A worked example or a port of today is neither.
        let example = "A server with five bricks needs 49152 to 49156 open.";
        assert!(!is_base_port(example, &span(example, "49152")));
        assert!(!is_earlier_release(example, &span(example, "49152")));
    }
}
