//! Ports a page says a process listens on at a loopback address ("listens for commands on
//! 127.0.0.1:2144", "binds localhost:8125"): reachable from the same host only, so no firewall
//! rule is wanted. A requirement for such a port, with no peer of its own, takes the peer
//! `localhost`: the plan then makes no flow and says so in a host-local note (`plan`), and the
//! row stays documented. Only listening sentences count: "browse to https://localhost:8443"
//! in an install step says nothing about who may reach the port.

use std::collections::BTreeSet;

use crate::model::Requirement;

/// The loopback addresses a port is written after.
const LOOPBACK: &[&str] = &["127.0.0.1:", "localhost:", "[::1]:"];

/// Verbs of a sentence that says a process listens at the address.
const LISTENING: &[&str] =
    &["listen", "listens", "listening", "bind", "binds", "bound", "accepts", "serves"];

/// Phrases of a sentence saying the ports around it serve the host itself only.
const HOST_ONLY: &[&str] = &[
    "inside the host",
    "within the host",
    "on the same host",
    "same host only",
    "from the host itself",
    "on the host itself",
    "local to the host",
];

/// "Used for agent services talking to each other within the host only" (lowercase text): the
/// section's ports are reached from the same host, never over the network.
pub(super) fn says_host_local(lower: &str) -> bool {
    HOST_ONLY.iter().any(|p| lower.contains(p))
}

/// The ports `text` says are listened on at a loopback address.
pub(super) fn listened_ports(text: &str) -> BTreeSet<u16> {
    let mut ports = BTreeSet::new();
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    loopback_named(&paragraphs, &mut ports);
    // Paragraph by paragraph, its lines joined: a wrapped sentence keeps its verb.
    for paragraph in paragraphs {
        let lower = paragraph.to_ascii_lowercase().replace('\n', " ");
        let line = lower.as_str();
        for (start, address) in LOOPBACK.iter().flat_map(|a| line.match_indices(a)) {
            let digits: String =
                line[start + address.len()..].chars().take_while(char::is_ascii_digit).collect();
            let Ok(port) = digits.parse::<u16>() else { continue };
            let url = line[..start].ends_with("://");
            if port > 0 && !url && listening_sentence(line, start) {
                ports.insert(port);
            }
        }
    }
    ports
}

/// "8000: Shutdown control port, bound to the loopback address only" (a definition list, or
/// a term paragraph then its definition): a paragraph saying its one port is listened on at
/// the loopback address or interface, without writing the address.
fn loopback_named(paragraphs: &[&str], ports: &mut BTreeSet<u16>) {
    // html2text's run-together `<dl>`: each term line and the lines under it are one entry.
    let mut entries: Vec<&str> = Vec::new();
    for paragraph in paragraphs {
        let mut from = 0;
        for (at, line) in line_starts(paragraph) {
            if at > from && super::text::is_bare_port(line) {
                entries.push(paragraph.get(from..at).unwrap_or_default());
                from = at;
            }
        }
        entries.push(paragraph.get(from..).unwrap_or_default());
    }
    for (index, paragraph) in entries.iter().enumerate() {
        let lower = paragraph.to_ascii_lowercase().replace('\n', " ");
        let named = ["loopback address", "loopback interface", "localhost only"]
            .iter()
            .any(|phrase| lower.contains(phrase));
        if !named
            || !lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| LISTENING.contains(&w))
        {
            continue;
        }
        let mut found = super::text::port_looking(paragraph);
        let mut source = *paragraph;
        // "The Beats input listens on 5044 … The monitoring API listens on 9600, bound to the
        // loopback address by default." (the newcomer's Logstash, session 17): in a paragraph
        // of several ports, the sentence naming the loopback says which one it is.
        if found.len() > 1
            && let Some(sentence) = loopback_sentence(paragraph)
        {
            found = super::text::port_looking(sentence);
            source = sentence;
        }
        // (turndown: the term "8000" is the paragraph before.)
        if found.is_empty()
            && let Some(term) = index.checked_sub(1).and_then(|i| entries.get(i))
            && super::text::is_bare_port(term)
        {
            found = super::text::port_looking(term);
            source = term;
        }
        if let [one] = found.as_slice()
            && let Some(Ok(port)) = source.get(one.clone()).map(str::parse::<u16>)
        {
            ports.insert(port);
        }
    }
}

/// The one sentence of `paragraph` that names the loopback and has a listening verb, if one
/// does (sentences end at ". ", so an address's own dots do not end one).
fn loopback_sentence(paragraph: &str) -> Option<&str> {
    let mut found = paragraph.split(". ").filter(|sentence| {
        let lower = sentence.to_ascii_lowercase().replace('\n', " ");
        ["loopback address", "loopback interface", "localhost only"]
            .iter()
            .any(|phrase| lower.contains(phrase))
            && lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| LISTENING.contains(&w))
    });
    let one = found.next()?;
    found.next().is_none().then_some(one)
}

/// Whether `text` says a port of it is bound to the loopback, by address or by name ("bound to
/// the loopback address only"). Such a port is a host-local listener, not one to keep closed:
/// its row stays, with no flow (`pin_host_local`).
pub(super) fn says_loopback_bound(text: &str) -> bool {
    let lower = text.to_ascii_lowercase().replace('\n', " ");
    let named = ["loopback address", "loopback interface", "localhost only"]
        .iter()
        .chain(LOOPBACK)
        .any(|phrase| lower.contains(phrase));
    named && lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| LISTENING.contains(&w))
}

/// Each line of `text` with the byte it starts at.
fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split('\n').map(move |line| {
        let start = at;
        at += line.len() + 1;
        (start, line)
    })
}

/// Whether the sentence of `line` (a paragraph) around byte `at` has a listening verb. Sentences end at ". "
/// (an address's own dots are glued to digits).
fn listening_sentence(line: &str, at: usize) -> bool {
    let from = line[..at].rfind(". ").map_or(0, |i| i + 2);
    let to = line[at..].find(". ").map_or(line.len(), |i| at + i);
    line[from..to].split(|c: char| !c.is_ascii_alphanumeric()).any(|w| LISTENING.contains(&w))
}

/// Gives `localhost` as the peer of each requirement without one whose port is `listened`.
pub(super) fn pin_host_local(requirements: &mut [Requirement], listened: &BTreeSet<u16>) {
    for requirement in requirements {
        let ports = requirement.ports;
        if requirement.peer.is_none()
            && requirement.peer_component.is_none()
            && ports.start() == ports.end()
            && listened.contains(&ports.start())
        {
            requirement.peer = Some("localhost".to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::listened_ports;

    /// "8000" then ":   Shutdown control port, bound to the loopback address only" (a
    /// definition list) was a network listener of a part made from the page's title: the
    /// loopback was named, not written as an address.
    #[test]
    fn regression_a_port_bound_to_the_loopback_address_by_name_was_a_network_listener() {
        let listed = |text: &str| listened_ports(text).into_iter().collect::<Vec<_>>();
        assert_eq!(listed("8000\n:   Shutdown port, bound to the loopback address only."), [8000]);
        assert_eq!(listed("8000\n\nShutdown port, bound to the loopback interface only."), [8000]);
        // html2text: the whole list in one paragraph, each term on a line of its own.
        assert_eq!(
            listed("8090\n    Web port.\n8000\n    Shutdown port, bound to the loopback address."),
            [8000]
        );
        // Two ports: which one is bound there is not said.
        assert!(listed("8000 and 8005 are bound to the loopback address.").is_empty());
        assert!(listed("Traffic to 8000 never uses the loopback address.").is_empty());
    }

    #[test]
    fn loopback_listeners_are_found_and_urls_and_other_addresses_are_not() {
        let text = "The agent listens for commands on two ports,\n127.0.0.1:2144 and 127.0.0.1:32000.\n\n\
                    Metrics are bound to [::1]:9125. It binds localhost:8125 too.\n\n\
                    Browse to https://localhost:8443 to finish the install.\n\n\
                    The server listens on 0.0.0.0:9100.\n\n\
                    The proxy forwards to localhost:15001.";
        assert_eq!(listened_ports(text).into_iter().collect::<Vec<_>>(), [2144, 8125, 9125, 32000]);
    }
}

#[cfg(test)]
mod host_only_tests {
    use crate::extract::{Document, ExtractRecord, extract_document};

    /// "Used for agent services talking to each other within the host only" over a list: the
    /// ports were network listeners, made conditional by the sentence's "only".
    #[test]
    fn regression_a_host_only_section_planned_network_listeners() {
        let text = "# Agent\n\n## Inbound\n\nUsed for agent services talking to each other within the host only.\n\n- 5001/tcp: the IPC API\n";
        let build = extract_document(Document { path: "h.md", bytes: text.as_bytes() });
        let got: Vec<(Option<String>, Option<String>)> =
            ExtractRecord::all(&build.catalog).into_iter().map(|r| (r.peer, r.necessity)).collect();
        assert_eq!(got, [(Some("localhost".to_owned()), None)]);
    }
}
