//! Ports derived from another port: "the data port + 10000 (16379 with the default)", "the
//! client port plus 10000, so 16379", "(by default the messaging port + 20000)". The offset is
//! no port; the value written after it is one. A derived port whose value the text does not
//! write, in a text that states no port, is a located `port-template` warning (never guessed).

use std::ops::Range;

/// One "port + N" expression of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Derived {
    /// Where "N" stands: an offset, never a port.
    pub offset: Range<usize>,
    /// Where the resulting port is written right after ("(16379 …)", ", so 16379"), if it is.
    pub value: Option<Range<usize>>,
}

/// Words that make the number after "+" an offset from a port.
const BASE_WORDS: &[&str] = &["port", "ports", "port's"];

/// Every "port + N" / "port plus N" of `text`.
pub(super) fn derived_ports(text: &str) -> Vec<Derived> {
    let mut found = Vec::new();
    // Runs on every paragraph and list item: most hold neither operator.
    if !text.contains('+') && !contains_ignoring_case(text, b"plus") {
        return found;
    }
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = next_operator(&lower, from) {
        let (operator_start, operator_end) = at;
        from = operator_end;
        // "the distribution port (+ 10000 to + 10010)": a parenthesis may open before the
        // operator, and the far end of an offset range follows "to".
        let before = lower.get(..operator_start).unwrap_or_default().trim_end();
        let before = before.strip_suffix('(').unwrap_or(before).trim_end();
        let base = before.rsplit(|c: char| !c.is_alphanumeric() && c != '\'').next();
        let range_end = matches!(base, Some("to" | "through"))
            && found.last().is_some_and(|d: &Derived| {
                lower.get(d.offset.end..operator_start).is_some_and(|gap| gap.len() <= 6)
            });
        if !base.is_some_and(|w| BASE_WORDS.contains(&w)) && !range_end {
            continue;
        }
        let Some(offset) = digits_at(text, skip_spaces(text, operator_end)) else { continue };
        let value = value_after(text, offset.end);
        from = offset.end;
        found.push(Derived { offset, value });
    }
    found
}

pub(super) fn contains_ignoring_case(text: &str, word: &[u8]) -> bool {
    text.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word))
}

/// The next "+" or word "plus" at or after `from`: its start and end.
fn next_operator(lower: &str, from: usize) -> Option<(usize, usize)> {
    let rest = lower.get(from..)?;
    let plus = rest.find('+').map(|at| (from + at, from + at + 1));
    let word = rest
        .match_indices("plus")
        .find(|(at, _)| {
            let start = from + at;
            let before = lower.get(..start).and_then(|b| b.chars().next_back());
            let after = lower.get(start + 4..).and_then(|a| a.chars().next());
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|(at, _)| (from + at, from + at + 4));
    match (plus, word) {
        (Some(p), Some(w)) => Some(if p.0 < w.0 { p } else { w }),
        (p, w) => p.or(w),
    }
}

fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    at + (rest.len() - rest.trim_start().len())
}

/// The run of digits starting at `at`, if one does and ends at a word boundary.
fn digits_at(text: &str, at: usize) -> Option<Range<usize>> {
    let rest = text.get(at..)?;
    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let next = rest.get(len..).and_then(|r| r.chars().next());
    (len > 0 && next.is_none_or(|c| !c.is_alphanumeric())).then_some(at..at + len)
}

/// "(16379 with the default)", ", so 16379", " = 16379": the port the expression gives.
fn value_after(text: &str, after: usize) -> Option<Range<usize>> {
    let rest = text.get(after..)?;
    let trimmed = rest.trim_start();
    let at = after + (rest.len() - trimmed.len());
    let lead = ["(", "= ", "=", ", so ", ", i.e. ", ", that is "]
        .iter()
        .find(|lead| trimmed.to_ascii_lowercase().starts_with(**lead))?;
    let value = digits_at(text, skip_spaces(text, at + lead.len()))?;
    let port = text.get(value.clone())?.parse::<u32>().ok()?;
    (1..=65535).contains(&port).then_some(value)
}

/// The message of the warning for a derived port whose value is not written.
pub(super) fn message(written: &str) -> String {
    format!(
        "a port is given as another port + {written}: no port is guessed and no requirement was made from it"
    )
}

/// What would make it read.
pub(super) const EXPECTED: &str = "the resulting port written out beside it (\"the data port + 10000 (16379 by default)\"), or a table row";

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (session 15, RabbitMQ's CLI range): "(+ 10000 to + 10010)" after the port
    /// were two `port-unread` warnings; both are offsets.
    #[test]
    fn regression_an_offset_range_in_parentheses_is_offsets() {
        let text = "a range taken from the distribution port (+ 10000 to + 10010) when they talk";
        assert_eq!(read(text), [("10000", None), ("10010", None)]);
    }

    fn read(text: &str) -> Vec<(&str, Option<&str>)> {
        derived_ports(text)
            .into_iter()
            .map(|d| (text.get(d.offset).unwrap_or_default(), d.value.and_then(|v| text.get(v))))
            .collect()
    }

    #[test]
    fn a_bus_port_given_as_port_plus_ten_thousand_was_reported_as_a_stray_port() {
        assert_eq!(
            read("always the data port + 10000 (16379 with the default)"),
            [("10000", Some("16379"))]
        );
        assert_eq!(read("the client port plus 10000, so 16379"), [("10000", Some("16379"))]);
        assert_eq!(read("(by default the messaging port + 20000)"), [("20000", None)]);
        assert_eq!(read("the port + 10000 = 16379"), [("10000", Some("16379"))]);
        // Not derived from a port: sums, versions, "C++".
        assert!(read("3 + 4 nodes, C++ 17, 10 plus 20 disks").is_empty());
        assert!(read("port + 10000 (90000 on old hosts)").iter().all(|(_, v)| v.is_none()));
    }
}
