//! "Skip 4569 if you do not link servers", "Omit port 8443 when TLS is off", "5269 is not
//! needed if nobody chats with outside contacts": a sentence telling the reader when a port
//! may be left shut. The port's rows (in a list or table of the same section) apply only
//! under that sentence: the sentence, as written, is their condition. Why: read as an unread
//! number, the port stayed required and the vendor's words were lost.

use std::ops::Range;

use crate::model::PortRange;

/// Openers that tell the reader to leave the port(s) after them out (ASCII lowercase).
const SKIP_OPENERS: &[&str] = &[
    "you can skip ",
    "you may skip ",
    "you can omit ",
    "you may omit ",
    "you can leave out ",
    "skip ",
    "omit ",
    "leave out ",
];

/// What may follow a port to say it is not always needed (ASCII lowercase).
const NOT_NEEDED: &[&str] = &[
    " is not needed ",
    " is not required ",
    " isn't needed ",
    " can be skipped ",
    " may be skipped ",
    " can be omitted ",
    " may be omitted ",
    " can be left out ",
];

/// Words that open the clause saying when the port may be left out.
const CLAUSE_WORDS: &[&str] = &["if ", "when ", "unless ", "where "];

/// A port as written: where in the text, and which.
pub(super) type Written = (Range<usize>, PortRange);

/// One "skip" sentence: the ports it names (and where they are written in the text) and the
/// condition the port's rows take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Skip {
    pub ports: Vec<Written>,
    pub condition: String,
}

/// Every "skip" sentence of `text`.
pub(super) fn skips(text: &str) -> Vec<Skip> {
    // Most paragraphs hold none: the cheap test first.
    let lower = text.to_ascii_lowercase();
    let cue = SKIP_OPENERS.iter().chain(NOT_NEEDED).any(|c| lower.contains(c.trim()));
    if !cue {
        return Vec::new();
    }
    sentences(text).filter_map(|range| skip_in(text, range)).collect()
}

/// Sentence ranges of `text`: split after ". ", "! ", "? " and line breaks.
fn sentences(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        let end_mark = matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
        if end_mark || *b == b'\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..text.len());
    out.into_iter()
}

fn skip_in(text: &str, range: Range<usize>) -> Option<Skip> {
    let sentence = text.get(range.clone())?;
    let lead = sentence.len() - sentence.trim_start().len();
    let trimmed = sentence.trim();
    let lower = trimmed.to_ascii_lowercase();
    // "Skip 4569 if …": the opener, the ports, the clause.
    let opener = SKIP_OPENERS.iter().find(|o| lower.starts_with(**o));
    let (ports_from, clause_at) = match opener {
        Some(opener) => {
            let (ports, at) = ports_then(trimmed, opener.len())?;
            let rest = lower.get(at..)?;
            CLAUSE_WORDS.iter().any(|w| rest.starts_with(w)).then_some(())?;
            (ports, at)
        }
        None => {
            // "4569 is not needed if …", "Port 4569 can be skipped when …".
            let (ports, at) = ports_then(trimmed, 0)?;
            let rest = lower.get(at..)?;
            let phrase = NOT_NEEDED.iter().find(|p| rest.starts_with(p.trim_start()))?;
            let after = rest.get(phrase.trim_start().len()..)?;
            CLAUSE_WORDS.iter().any(|w| after.starts_with(w)).then_some(())?;
            (ports, at)
        }
    };
    let condition = trimmed.get(..clause_at).is_some().then(|| trimmed.to_owned())?;
    let shift = range.start + lead;
    let ports = ports_from
        .into_iter()
        .map(|(span, ports)| (span.start + shift..span.end + shift, ports))
        .collect();
    Some(Skip { ports, condition })
}

/// From `at` in `sentence`: "port(s)", then one or more ports joined by ",", "and", "or", each
/// maybe with its transport ("4569/udp", "4569 UDP"). The ports (spans in `sentence`) and where
/// the words after them start.
fn ports_then(sentence: &str, at: usize) -> Option<(Vec<Written>, usize)> {
    let mut found = Vec::new();
    let mut i = at;
    loop {
        i = skip_words(sentence, i, &["the", "port", "ports", "tcp", "udp", "and", "or"]);
        let rest = sentence.get(i..)?;
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits == 0 {
            break;
        }
        let mut end = i + digits;
        let mut value: PortRange = sentence.get(i..end)?.parse().ok()?;
        // "4000-4031": a range.
        if let Some(tail) = sentence.get(end..).and_then(|t| t.strip_prefix('-'))
            && let Some(len) = tail.find(|c: char| !c.is_ascii_digit()).or(Some(tail.len()))
            && len > 0
        {
            value = sentence.get(i..end + 1 + len)?.parse().ok()?;
            end += 1 + len;
        }
        found.push((i..end, value));
        i = end;
        // "/udp" glued to the port.
        if let Some(tail) = sentence.get(i..).and_then(|t| t.strip_prefix('/')) {
            let word = tail.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(tail.len());
            i += 1 + word;
        }
        i += sentence.get(i..)?.len() - sentence.get(i..)?.trim_start_matches([',', ' ']).len();
    }
    let i = skip_words(sentence, i, &["tcp", "udp"]);
    (!found.is_empty()).then_some((found, i))
}

/// Past any of `words` (whole, ASCII case-insensitive) and spaces from `at`.
fn skip_words(sentence: &str, mut at: usize, words: &[&str]) -> usize {
    loop {
        let rest = sentence.get(at..).unwrap_or_default();
        let trimmed = rest.trim_start();
        let spaces = rest.len() - trimmed.len();
        let word_len = trimmed.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(trimmed.len());
        let word = trimmed.get(..word_len).unwrap_or_default();
        if word_len > 0 && words.iter().any(|w| word.eq_ignore_ascii_case(w)) {
            at += spaces + word_len;
        } else {
            return at + spaces;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Vec<String>, String)> {
        skips(text)
            .into_iter()
            .map(|s| {
                let ports = s.ports.iter().map(|(span, _)| text[span.clone()].to_owned()).collect();
                (ports, s.condition)
            })
            .collect()
    }

    #[test]
    fn regression_skip_sentence_condition_was_not_kept() {
        let text = "Forward all of these to the server. Skip 4569 if you do not link servers.";
        assert_eq!(
            read(text),
            [(vec!["4569".to_owned()], "Skip 4569 if you do not link servers".to_owned())]
        );
        assert_eq!(
            read("You can omit ports 8443/tcp and 8444 when TLS is off"),
            [(
                vec!["8443".to_owned(), "8444".to_owned()],
                "You can omit ports 8443/tcp and 8444 when TLS is off".to_owned()
            )]
        );
        assert_eq!(
            read("Port 5269 is not needed if nobody chats outside."),
            [(
                vec!["5269".to_owned()],
                "Port 5269 is not needed if nobody chats outside".to_owned()
            )]
        );
    }

    #[test]
    fn other_skips_state_no_port_condition() {
        assert!(read("Skip this step if you use the installer.").is_empty());
        assert!(read("Skip 4569 and move on.").is_empty());
        assert!(read("Open 4569 if you link servers.").is_empty());
        assert!(read("Port 5269 is needed if you chat.").is_empty());
    }
}
