//! Sentences and clauses of a paragraph: which words qualify which port mention.

use std::ops::Range;

use super::vocabulary::is_clause_verb;

/// Where `part`, a slice borrowed from `text` (a sentence, a clause, a cell's ports), starts in
/// `text`, in bytes. Zero for a `part` that is not inside `text`, rather than a wrapped number.
pub(super) fn offset_in(text: &str, part: &str) -> usize {
    let (start, part_start) = (text.as_ptr() as usize, part.as_ptr() as usize);
    let inside = part_start >= start && part_start + part.len() <= start + text.len();
    if inside { part_start - start } else { 0 }
}

/// The words that qualify the port at `position`: its sentence, or only its clause when other
/// ports of the sentence sit in other clauses ("UDP 8472 between nodes; if you choose BGP,
/// TCP 179" — the condition is 179's alone).
pub(super) fn own_words<'a>(text: &'a str, spans: &[Range<usize>], position: usize) -> &'a str {
    let sentence = sentence_around(text, position);
    let start = offset_in(text, sentence);
    let clauses: Vec<Range<usize>> = {
        let mut ranges = Vec::new();
        let mut from = start;
        for (i, c) in sentence.char_indices() {
            if c == ';' {
                ranges.push(from..start + i);
                from = start + i + 1;
            }
            // "on 5672 and, when TLS is on, on 5671": a conjunction and a comma open a new
            // clause whose own condition follows. "TCP 4145 when you pick TCP, and the admin
            // daemons talk on 8199": so do a comma and a conjunction before words (not before
            // the last port of a list: ", and 8443").
            let conjunction_before = || {
                sentence[..i].rsplit(|c: char| !c.is_alphanumeric()).next().is_some_and(|w| {
                    matches!(w.to_ascii_lowercase().as_str(), "and" | "but" | "or")
                })
            };
            if c == ',' && (conjunction_before() || conjunction_then_words(&sentence[i + 1..])) {
                ranges.push(from..start + i);
                from = start + i + 1;
            }
            // "listens on 9273 and connects to the server on 7790": a conjunction and a verb of
            // its own open a clause without a comma; the conjunction opens it.
            if c == ' '
                && !sentence[..i].ends_with(',')
                && opens_with_shared_subject(&sentence[i + 1..])
            {
                ranges.push(from..start + i);
                from = start + i + 1;
            }
        }
        ranges.push(from..start + sentence.len());
        ranges
    };
    let clause_of = |at: usize| clauses.iter().position(|c| c.contains(&at));
    let mut with_ports: Vec<usize> = spans
        .iter()
        .filter(|s| s.start >= start && s.start < start + sentence.len())
        .filter_map(|s| clause_of(s.start))
        .collect();
    with_ports.dedup();
    match clause_of(position) {
        Some(own) if with_ports.len() > 1 => {
            clauses.get(own).and_then(|c| text.get(c.clone())).unwrap_or(sentence)
        }
        _ => sentence,
    }
}

/// `rest` (after a comma) opens with "and" / "but" / "while" / "whereas" and then a word.
fn conjunction_then_words(rest: &str) -> bool {
    let mut words = rest.split_whitespace();
    let conjunction = words.next().is_some_and(|w| {
        matches!(w.to_ascii_lowercase().as_str(), "and" | "but" | "while" | "whereas")
    });
    conjunction && words.next().is_some_and(|w| w.starts_with(|c: char| c.is_alphabetic()))
}

/// `clause` opens with "and" / "then" and a verb whose subject is the sentence's ("and
/// connects to the server on 7790"): its subject is before it.
pub(super) fn opens_with_shared_subject(clause: &str) -> bool {
    let mut words = clause
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase());
    let conjunction = words.next().is_some_and(|w| matches!(w.as_str(), "and" | "then"));
    conjunction && words.next().is_some_and(|w| is_clause_verb(&w))
}

/// Where the clause that says the flow of a port starts in `before_port` (the words before it):
/// after the last colon or semicolon followed by a subject and a flow verb of its own ("The
/// agent fetches its items from the server: the agent connects out to the server on" → "the
/// agent connects out to the server on"), else 0. A verb right after the colon has no subject
/// of its own ("Agent (active mode): connects out to …"): the words before it are kept.
pub(super) fn flow_clause_start(before_port: &str) -> usize {
    let Some(at) = before_port.rfind([':', ';']) else { return 0 };
    let tail = before_port.get(at + 1..).unwrap_or_default();
    let words: Vec<String> = tail
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase())
        .collect();
    match words.iter().position(|w| is_clause_verb(w)) {
        Some(verb) if verb > 0 => at + 1,
        _ => 0,
    }
}

/// The paragraph without the sentences that hold one of `spans`: its lead-in words.
pub(super) fn without_sentences_of(text: &str, spans: &[Range<usize>]) -> String {
    let mut taken: Vec<Range<usize>> = spans
        .iter()
        .map(|s| {
            let sentence = sentence_around(text, s.start);
            let start = offset_in(text, sentence);
            start..start + sentence.len()
        })
        .collect();
    taken.sort_by_key(|r| r.start);
    let mut out = String::new();
    let mut at = 0;
    for range in taken {
        if range.start > at {
            out.push_str(text.get(at..range.start).unwrap_or_default());
            out.push(' ');
        }
        at = at.max(range.end);
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

pub(super) fn sentence_around(text: &str, position: usize) -> &str {
    let boundary = |c: char| matches!(c, '.' | '!' | '?');
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i >= position {
            break;
        }
        if boundary(c) && text[i + c.len_utf8()..].starts_with(' ') {
            start = i + c.len_utf8();
        }
    }
    let end = text[position..]
        .char_indices()
        .find(|(i, c)| {
            boundary(*c)
                && text[position + i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(i, c)| position + i + c.len_utf8());
    text[start..end].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_in_finds_a_borrowed_part_and_never_wraps_for_another_string() {
        let text = "Agents poll 8080. Then 8443.";
        let then = text.find("Then").unwrap_or_default();
        assert_eq!(offset_in(text, &text[then..]), then);
        let sentence = sentence_around(text, text.find("8443").unwrap_or_default());
        assert_eq!(&text[offset_in(text, sentence)..], sentence);
        assert_eq!(offset_in(text, "elsewhere"), 0);
    }

    #[test]
    fn condition_after_and_comma_qualified_both_ports() {
        let text = "Brokers accept clients on 5672/tcp and, when TLS is on, on 5671/tcp.";
        let spans = spans(text, &["5672", "5671"]);
        assert_eq!(
            own_words(text, &spans, spans[0].start),
            "Brokers accept clients on 5672/tcp and"
        );
        assert_eq!(own_words(text, &spans, spans[1].start), " when TLS is on, on 5671/tcp.");
    }

    fn spans(text: &str, needles: &[&str]) -> Vec<Range<usize>> {
        needles.iter().filter_map(|n| text.find(n).map(|s| s..s + n.len())).collect()
    }

    #[test]
    fn a_condition_in_one_clause_was_applied_to_every_port_of_the_paragraph() {
        let text = "The overlay uses UDP 8472 between nodes; if you choose BGP instead, nodes peer over TCP 179.";
        let read = spans(text, &["8472", "179"]);
        let at = |n: &str| text.find(n).unwrap_or(0);
        assert_eq!(own_words(text, &read, at("8472")), "The overlay uses UDP 8472 between nodes");
        assert!(own_words(text, &read, at("179")).contains("if you choose BGP"));
        // One port in the sentence: the whole sentence qualifies it.
        let single = "Open TCP 179; only if you choose BGP.";
        assert_eq!(own_words(single, &spans(single, &["179"]), 9), single);
    }

    #[test]
    fn listens_and_connects_to_x_on_n_gave_both_ports_the_listening_clause() {
        let text = "The agent listens on 9273/TCP for polls from the server and connects to the server on 7790/TCP.";
        let read = spans(text, &["9273", "7790"]);
        let at = |n: &str| text.find(n).unwrap_or(0);
        assert_eq!(
            own_words(text, &read, at("9273")),
            "The agent listens on 9273/TCP for polls from the server"
        );
        assert_eq!(own_words(text, &read, at("7790")), "and connects to the server on 7790/TCP.");
        assert!(opens_with_shared_subject("and connects to the server on 7790"));
        // "and" before a noun, or a list of ports, opens no clause.
        assert!(!opens_with_shared_subject("and the admin daemons talk on 8199"));
        let list = "The agent listens on 9273 and 9274.";
        assert_eq!(own_words(list, &spans(list, &["9273", "9274"]), 20), list);
    }

    #[test]
    fn regression_a_clause_after_a_colon_gave_its_port_to_the_first_clauses_parts() {
        // The newcomer's Zabbix (session 16): the active check's 10051 went to the server,
        // with the server as its peer (no flow), from the clause before the colon.
        let before = "The agent fetches its items from the server or proxy: the agent connects out to the server or proxy on ";
        assert_eq!(
            &before[flow_clause_start(before)..],
            " the agent connects out to the server or proxy on "
        );
        // No subject after the colon, or no colon: the whole text.
        assert_eq!(flow_clause_start("Agent (active mode): connects out to the server on "), 0);
        assert_eq!(flow_clause_start("The agent connects to the server on "), 0);
    }

    #[test]
    fn lead_in_sentences_are_what_remains_without_the_port_sentences() {
        let text = "These are optional. Port 80 redirects. Port 443 serves the UI.";
        let lead = without_sentences_of(text, &spans(text, &["80", "443"]));
        assert_eq!(lead.trim(), "These are optional.");
    }
}
