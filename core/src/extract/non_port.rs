//! Protocols without ports (ICMP, ESP, GRE, VRRP, "IP protocol 50"): Portolan plans only
//! ports, and its rules deny by default, so a row that names one of these and is dropped is an
//! outage nobody was told about. This is the one place that knows their names; the walker
//! warns where one is named (`non-port-protocol`) so the reader allows it by hand.

use std::ops::Range;

/// A non-port protocol named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Named {
    /// Where it is written in the text (for "protocol 50" the whole phrase).
    pub span: Range<usize>,
    /// Its usual name: "ICMP", "ESP", "IP protocol 112".
    pub protocol: String,
}

/// Names matched whatever their case: long enough never to be an English word.
const ANY_CASE: &[(&str, &str)] = &[
    ("icmp", "ICMP"),
    ("icmpv4", "ICMP"),
    ("icmpv6", "ICMPv6"),
    ("icmp6", "ICMPv6"),
    ("ipv6-icmp", "ICMPv6"),
    ("vrrp", "VRRP"),
];

/// Acronyms matched only in capitals: "esp." (especially), "ah", "gre" are words or parts of
/// words in lower case.
const CAPITALS_ONLY: &[(&str, &str)] = &[("ESP", "ESP"), ("AH", "AH"), ("GRE", "GRE")];

/// Non-port protocols named in `text`, in order. A protocol number right beside a name
/// ("ESP (protocol 50)", "IP protocol 50 (ESP)") is one protocol.
pub(super) fn named(text: &str) -> Vec<Named> {
    let words = words(text);
    let mut found: Vec<Named> = Vec::new();
    let mut i = 0;
    while let Some(word) = words.get(i) {
        let written = text.get(word.clone()).unwrap_or_default();
        if !may_name(written) {
            i += 1;
            continue;
        }
        if let Some((span, number, next)) = protocol_number(text, &words, i) {
            match found.last_mut() {
                // "ESP (protocol 50)": the number restates the name just before it.
                Some(last) if text.get(last.span.end..span.start).is_some_and(only_brackets) => {
                    last.span.end = span.end;
                }
                _ => found.push(Named { span, protocol: format!("IP protocol {number}") }),
            }
            i = next;
            continue;
        }
        let name = ANY_CASE
            .iter()
            .find(|(w, _)| super::vocabulary::is_ascii_lower_of(written, w))
            .or_else(|| CAPITALS_ONLY.iter().find(|(w, _)| *w == written))
            .map(|(_, name)| *name);
        if let Some(name) = name {
            match found.last_mut() {
                // "IP protocol 50 (ESP)": the name restates the number just before it.
                Some(last)
                    if last.protocol.starts_with("IP protocol")
                        && text.get(last.span.end..word.start).is_some_and(only_brackets) =>
                {
                    last.span.end = word.end;
                    name.clone_into(&mut last.protocol);
                }
                _ => found.push(Named { span: word.clone(), protocol: name.to_owned() }),
            }
        }
        i += 1;
    }
    found
}

/// The distinct protocol names of `found`, in order, joined for a message.
pub(super) fn names(found: &[Named]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for named in found {
        if !names.contains(&named.protocol.as_str()) {
            names.push(&named.protocol);
        }
    }
    names.join(", ")
}

/// `text` with the protocols it names blanked out: what is left may still hold ports.
pub(super) fn without_names(text: &str) -> String {
    let mut left = String::new();
    let mut at = 0;
    for named in named(text) {
        left.push_str(text.get(at..named.span.start).unwrap_or_default());
        left.push(' ');
        at = named.span.end;
    }
    left.push_str(text.get(at..).unwrap_or_default());
    left
}

/// The message of a `non-port-protocol` warning; `written` is the text the names were read in.
pub(super) fn message(found: &[Named], written: &str) -> String {
    let written: String = written.split_whitespace().collect::<Vec<_>>().join(" ");
    let names = names(found);
    let (what, it) = if names.contains(", ") {
        ("protocols without ports", "them")
    } else {
        ("a protocol without ports", "it")
    };
    format!(
        "`{written}` names {names}, {what}: Portolan plans only TCP, UDP and SCTP ports, so no rule is generated for {it} and a default-deny firewall will drop {it}"
    )
}

/// What the reader must do.
/// It follows "expected" in the message, so it reads as what was expected.
pub(super) const EXPECTED: &str = "a rule you write by hand for this protocol, if the platform needs it (for example `ip protocol esp accept` or `icmp type echo-request accept` in nftables)";

/// "protocol 50", "IP protocol 112", "protocol number 47" starting at word `i`: the span, the
/// number and the index of the word after it.
fn protocol_number(
    text: &str,
    words: &[Range<usize>],
    i: usize,
) -> Option<(Range<usize>, u8, usize)> {
    let word = |k: usize| words.get(k).and_then(|w| text.get(w.clone()));
    let mut k = i;
    if word(k).is_some_and(|w| w.eq_ignore_ascii_case("ip")) {
        k += 1;
    }
    if !word(k).is_some_and(|w| w.eq_ignore_ascii_case("protocol")) {
        return None;
    }
    k += 1;
    if word(k).is_some_and(|w| w.eq_ignore_ascii_case("number")) {
        k += 1;
    }
    let number: u8 = word(k)?.parse().ok()?;
    let start = words.get(i)?.start;
    let end = words.get(k)?.end;
    Some((start..end, number, k + 1))
}

/// False for a word no name and no "protocol N" phrase begins with, by its first byte: every
/// word of every row and sentence comes here, and comparing each with every name was most of
/// the reading (issue 15).
fn may_name(word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else { return false };
    let lower = first.to_ascii_lowercase();
    // `protocol_number`'s first words: "ip", "protocol".
    matches!(lower, b'i' | b'p')
        || ANY_CASE.iter().any(|(name, _)| name.as_bytes().first() == Some(&lower))
        || CAPITALS_ONLY.iter().any(|(name, _)| name.as_bytes().first() == Some(&first))
}

fn only_brackets(between: &str) -> bool {
    between.chars().all(|c| c.is_whitespace() || matches!(c, '(' | '[' | ',' | ':' | '—' | '-'))
}

/// Word spans: letters and digits, with inner hyphens ("ipv6-icmp").
fn words(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    // By byte: a word is ASCII, and no byte of a multi-byte character is ASCII.
    let bytes = text.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        let inner_hyphen =
            c == b'-' && start.is_some() && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
        if c.is_ascii_alphanumeric() || inner_hyphen {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push(s..i);
        }
    }
    if let Some(s) = start {
        words.push(s..text.len());
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protocols(text: &str) -> Vec<(String, &str)> {
        named(text)
            .into_iter()
            .map(|n| (n.protocol, text.get(n.span).unwrap_or_default()))
            .collect()
    }

    /// (line, column, message) of each `non-port-protocol` warning, and every other code.
    fn read(text: &str) -> (Vec<(u32, u32, String)>, Vec<String>, usize) {
        let extracted = super::super::document::extract("ports.md", text);
        let (warned, others): (Vec<_>, Vec<_>) =
            extracted.diagnostics.into_iter().partition(|d| d.code == "non-port-protocol");
        (
            warned.into_iter().map(|d| (d.location.line, d.location.column, d.message)).collect(),
            others.into_iter().map(|d| d.code).collect(),
            extracted.platform.requirements.len(),
        )
    }

    fn located(text: &str) -> Vec<(u32, u32)> {
        read(text).0.into_iter().map(|(line, column, _)| (line, column)).collect()
    }

    #[test]
    fn icmp_table_row_without_a_port_was_dropped_in_silence() {
        let text = "# Ports\n\n| Port | Protocol | Purpose |\n|---|---|---|\n| 443 | TCP | Web |\n| — | ICMP | echo request from monitoring to all nodes |\n";
        let (warned, others, requirements) = read(text);
        assert_eq!(requirements, 1);
        assert_eq!(
            warned.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
            [(6, 7)],
            "{warned:?}"
        );
        assert!(warned[0].2.contains("names ICMP"), "{warned:?}");
        assert!(others.is_empty(), "{others:?}");
    }

    #[test]
    fn icmp_only_in_the_purpose_was_read_as_a_port() {
        // No transport anywhere in the row: the 8 is ICMP's (echo request type), not a port.
        let text = "| Port | Protocol | Purpose |\n|---|---|---|\n| 443 | TCP | Web |\n| 8 |  | ICMP echo request from monitoring |\n";
        let (warned, others, requirements) = read(text);
        assert_eq!(requirements, 1);
        assert_eq!(
            warned.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
            [(4, 10)],
            "{warned:?}"
        );
        assert!(others.is_empty(), "{others:?}");
        // A row that states its transport is a port, whatever its purpose says.
        let text = "| Port | Protocol | Purpose |\n|---|---|---|\n| 7 | UDP | echo, answered like ICMP |\n";
        assert_eq!(read(text).2, 1);
    }

    #[test]
    fn esp_and_gre_table_rows_with_protocol_numbers_make_no_port() {
        let text = "| Port | Protocol | Purpose |\n|---|---|---|\n| 500 | UDP | IKE |\n| 50 | ESP | IPsec data |\n| 51 | | the next row of the same protocol |\n| IP protocol 47 | GRE | tunnels |\n";
        let (warned, others, requirements) = read(text);
        assert_eq!(requirements, 1, "protocol numbers are not ports");
        assert_eq!(
            warned.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
            [(4, 8), (5, 3), (6, 20)],
            "{warned:?}"
        );
        assert!(warned[1].2.contains("`ESP` names ESP"), "{warned:?}");
        assert!(warned[2].2.contains("names GRE"), "{warned:?}");
        assert!(others.is_empty(), "{others:?}");
    }

    #[test]
    fn icmp_and_esp_list_items_each_warn_once() {
        let text = "Open these:\n\n- TCP 22 for SSH\n- ICMP (ping) from anywhere\n- IPsec ESP (protocol 50) and GRE between gateways\n";
        let (warned, others, requirements) = read(text);
        assert_eq!(requirements, 1);
        assert_eq!(
            warned.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
            [(4, 3), (5, 9)],
            "{warned:?}"
        );
        assert!(warned[1].2.contains("names ESP, GRE"), "{warned:?}");
        assert!(others.is_empty(), "{others:?}");
    }

    #[test]
    fn prose_sentences_naming_icmp_or_gre_each_warn_once() {
        let text = "The agent listens on TCP port 9000. Monitoring sends ICMP echo requests to every node, and ICMP replies return.\nOverlay traffic uses GRE between hosts.\n";
        let (warned, others, requirements) = read(text);
        assert_eq!(requirements, 1);
        assert_eq!(
            warned.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
            [(1, 54), (2, 22)],
            "{warned:?}"
        );
        assert!(others.is_empty(), "{others:?}");
        assert_eq!(
            located("Keepalived needs VRRP (IP protocol 112) between the two balancers.\n"),
            [(1, 18)]
        );
    }

    #[test]
    fn icmp_types_in_a_port_cell_are_not_ports() {
        let text = "| Port | Purpose |\n|---|---|\n| ICMP type 8 | echo |\n| 22/tcp, ICMP | SSH and ping |\n| ICMP |\n";
        let (warned, others, requirements) = read(text);
        assert_eq!(requirements, 1, "only 22 is a port");
        assert_eq!(
            warned.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
            [(3, 3), (4, 11), (5, 3)],
            "{warned:?}"
        );
        assert!(others.is_empty(), "{others:?}");
    }

    #[test]
    fn icmp_types_in_list_items_and_prose_are_not_ports() {
        let text = "- ICMP type 8 (echo request) from monitoring\n\nAllow ICMP type 3 code 4 for path MTU discovery.\n";
        let (warned, others, requirements) = read(text);
        assert_eq!(requirements, 0);
        assert_eq!(
            warned.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
            [(1, 3), (3, 7)],
            "{warned:?}"
        );
        assert_eq!(others, ["no-requirements"]);
    }

    #[test]
    fn a_heading_naming_such_a_protocol_warns_once_unless_its_section_does() {
        let text = "# Balancers\n\n## VRRP\n\nKeepalived elects the active balancer.\n\n## ICMP\n\n- ICMP echo from monitoring\n\n## Tunnels: ESP and GRE\n\nAllow ESP between the gateways.\n";
        let (warned, others, _) = read(text);
        let located: Vec<(u32, u32)> = warned.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(located, [(3, 4), (9, 3), (13, 7), (11, 21)], "{warned:?}");
        assert!(warned[0].2.contains("`VRRP` names VRRP"), "{warned:?}");
        assert!(warned[3].2.contains("names GRE, a protocol"), "{warned:?}");
        assert_eq!(others, ["no-requirements"]);
    }

    #[test]
    fn the_coverage_report_counts_such_rows_as_not_read() {
        use super::super::coverage::Status;
        let text = "| Port | Protocol |\n|---|---|\n| 443 | TCP |\n| — | ICMP |\n\n- GRE between gateways\n\nVRRP runs between the balancers.\n";
        let extracted = super::super::document::extract("ports.md", text);
        let blocks: Vec<(usize, usize, Status)> =
            extracted.body.coverage.blocks.iter().map(|b| (b.rows, b.read, b.status)).collect();
        assert_eq!(
            blocks,
            [(2, 1, Status::Partial), (1, 0, Status::Skipped), (1, 0, Status::Skipped)]
        );
    }

    #[test]
    fn a_port_table_without_such_protocols_gives_no_warning() {
        let text = "| Port | Protocol | Purpose |\n|---|---|---|\n| 443 | TCP | Web, especially the GREAT console |\n| — | — | esp. none |\n";
        assert!(located(text).is_empty());
    }

    #[test]
    fn names_and_protocol_numbers_are_found_once_each() {
        assert_eq!(
            protocols("IPsec ESP (protocol 50) and GRE between gateways"),
            [("ESP".to_owned(), "ESP (protocol 50"), ("GRE".to_owned(), "GRE")]
        );
        assert_eq!(protocols("icmp echo request"), [("ICMP".to_owned(), "icmp")]);
        assert_eq!(protocols("Allow ipv6-icmp"), [("ICMPv6".to_owned(), "ipv6-icmp")]);
        assert_eq!(
            protocols("allow IP protocol 50 (ESP)."),
            [("ESP".to_owned(), "IP protocol 50 (ESP")]
        );
        assert_eq!(
            protocols("keepalived uses IP protocol 112"),
            [("IP protocol 112".to_owned(), "IP protocol 112")]
        );
    }

    #[test]
    fn lower_case_words_and_longer_words_are_not_protocols() {
        assert!(named("esp. the agents; ah, the congress of grey EGRESS rules").is_empty());
        assert!(named("HTTP protocol version 2; the protocol 70000").is_empty());
        assert!(named("ICMPX and GREEN").is_empty());
    }

    #[test]
    fn every_name_passes_the_first_byte_filter_in_each_case_it_is_read_in() {
        for (name, _) in ANY_CASE {
            assert!(may_name(name) && may_name(&name.to_ascii_uppercase()), "{name}");
        }
        for (name, _) in CAPITALS_ONLY {
            assert!(may_name(name), "{name}");
        }
        assert!(may_name("IP") && may_name("Protocol"));
        assert!(!may_name("esp") && !may_name("tcp"));
        assert_eq!(
            protocols("Über VRRP, Icmp und Protocol 47"),
            [
                ("VRRP".to_owned(), "VRRP"),
                ("ICMP".to_owned(), "Icmp"),
                ("IP protocol 47".to_owned(), "Protocol 47")
            ]
        );
    }

    #[test]
    fn message_names_each_protocol_once_and_the_text_on_one_line() {
        let text = "ESP and\n  ESP again";
        let message = message(&named(text), text);
        assert!(message.contains("`ESP and ESP again` names ESP, a protocol"), "{message}");
    }
}
