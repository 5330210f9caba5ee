//! Ports written as templates: SAP's `32NN` (the dispatcher of instance NN), `5NN13`,
//! `443NN`, `32<NN>`, `80xx`. The port depends on a number the page leaves to the reader, so
//! no port is guessed: each template is a located `port-template` warning.

use std::ops::Range;

/// Spans of `text` that are port templates: digits and a placeholder of two or more `N` or
/// `x` (either case, optionally in angle brackets), nothing else.
pub(super) fn port_templates(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().chain(std::iter::once(&b' ')).enumerate() {
        let part = b.is_ascii_alphanumeric() || b == b'<' || b == b'>';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                if let Some(word) = text.get(from..i)
                    && is_template(word)
                {
                    found.push(from..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    found
}

fn is_template(word: &str) -> bool {
    // Byte checks only: this runs on every word of every paragraph.
    let bare = word.bytes().filter(|b| *b != b'<' && *b != b'>');
    if word.len() > 7 {
        return false;
    }
    let digits = bare.clone().filter(u8::is_ascii_digit).count();
    if digits < 2 {
        return false;
    }
    let only = bare.clone().all(|b| b.is_ascii_digit() || matches!(b, b'N' | b'n' | b'X' | b'x'));
    let letters: Vec<u8> = bare.filter(|b| !b.is_ascii_digit()).collect();
    let placeholder = letters.windows(2).any(|w| matches!(w, b"NN" | b"nn" | b"XX" | b"xx"));
    // "32NN", "5NN13", "443NN": a port of up to five places once the placeholder is filled;
    // one digit is an HTTP status class ("4xx").
    digits >= 2 && only && placeholder && digits + letters.len() <= 5
}

/// Words that may stand between "instance" and its number: "instance number 00",
/// "instance no. 00", "Instance nr: 00", "instance ID is 00".
const INSTANCE_FILLERS: &[&str] =
    &["number", "numbers", "no", "nr", "id", "ids", "is", "are", "of"];

/// Headers of a table column that lists instance numbers.
const INSTANCE_HEADERS: &[&str] =
    &["instance", "instance number", "instance no", "instance nr", "instance id", "instance #"];

/// The instance number `text` states, when it states exactly one: "instance number 00",
/// "instances 00 and 01" (two: none), or the cells of an `Instance number` column. Two-digit
/// numbers only, as the templates' `NN` has two places.
pub(super) fn the_instance(text: &str) -> Option<String> {
    // Most pages never say "instance": nothing to split.
    if !super::derived::contains_ignoring_case(text, b"instance") {
        return None;
    }
    let mut found: Vec<&str> = Vec::new();
    let words: Vec<&str> =
        text.split(|c: char| !c.is_alphanumeric() && c != '#').filter(|w| !w.is_empty()).collect();
    for (k, word) in words.iter().enumerate() {
        if !matches!(word.to_ascii_lowercase().as_str(), "instance" | "instances") {
            continue;
        }
        let mut rest = words.get(k + 1..).unwrap_or_default().iter().peekable();
        while rest
            .next_if(|w| INSTANCE_FILLERS.contains(&w.to_ascii_lowercase().as_str()))
            .is_some()
        {}
        // "00, 01 and 02": the list the word opens.
        while let Some(number) = rest.next_if(|w| is_instance_number(w)) {
            found.push(number);
            rest.next_if(|w| matches!(w.to_ascii_lowercase().as_str(), "and" | "or"));
        }
    }
    found.extend(instance_column_cells(text));
    found.sort_unstable();
    found.dedup();
    match found.as_slice() {
        [one] => Some((*one).to_owned()),
        _ => None,
    }
}

fn is_instance_number(word: &str) -> bool {
    word.len() == 2 && word.bytes().all(|b| b.is_ascii_digit())
}

/// The cells of the `Instance number` column of every pipe table of `text`.
fn instance_column_cells(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut column: Option<usize> = None;
    for line in text.lines().map(str::trim) {
        if !line.starts_with('|') {
            column = None;
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        match column {
            None => {
                column = cells.iter().position(|c| {
                    let header = c.trim_matches('*').to_ascii_lowercase();
                    INSTANCE_HEADERS.contains(&header.trim_end_matches('.'))
                });
            }
            Some(at) => {
                if let Some(cell) = cells.get(at).filter(|c| is_instance_number(c)) {
                    found.push(*cell);
                }
            }
        }
    }
    found
}

/// The port `written` (a template: "32NN", "5NN13", "32<NN>") names for `instance` ("00").
pub(super) fn fill(written: &str, instance: &str) -> Option<u16> {
    let bare: String = written.chars().filter(|c| *c != '<' && *c != '>').collect();
    let at = bare.find(|c: char| c.is_ascii_alphabetic())?;
    let placeholder = bare.get(at..at + 2)?;
    if !matches!(placeholder, "NN" | "nn" | "XX" | "xx") {
        return None;
    }
    let filled = format!("{}{instance}{}", bare.get(..at)?, bare.get(at + 2..)?);
    filled.parse::<u16>().ok().filter(|port| *port > 0)
}

/// How a row filled from a template says so.
pub(super) fn filled_note(written: &str, instance: &str, port: u16) -> String {
    format!(
        "{port} is `{written}` for instance number {instance}, the only instance the page states"
    )
}

/// Doc-tool placeholders standing for a port: `{{< region-param key="tcp_port" >}}/tcp`,
/// `{{ .Values.service.port }}`, `${HTTP_PORT}/tcp`: a placeholder glued to a transport, or
/// one whose name says port. The site generator fills them in; the page as written states no
/// port (a definition-list term written so was dropped without a word).
pub(super) fn placeholder_ports(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|t| t.find(['{', '$'])).map(|i| i + from) {
        let rest = text.get(open..).unwrap_or_default();
        let close = if rest.starts_with("{{") {
            rest.find("}}").map(|i| i + 2)
        } else if rest.starts_with("${") {
            rest.find('}').map(|i| i + 1)
        } else {
            None
        };
        let Some(close) = close else {
            from = open + 1;
            continue;
        };
        let inner = rest.get(..close).unwrap_or_default().to_ascii_lowercase();
        let after = rest.get(close..).unwrap_or_default().to_ascii_lowercase();
        let transport = ["/tcp", "/udp", "/sctp"].iter().any(|t| after.starts_with(t));
        if transport || inner.contains("port") {
            found.push(open..open + close);
        }
        from = open + close;
    }
    found
}

/// The message of a placeholder's `port-template` warning.
pub(super) fn placeholder_message(written: &str) -> String {
    format!(
        "`{written}` is filled in by the site generator: the page as written states no port, so no requirement was made from it"
    )
}

/// The message of a `port-template` warning.
pub(super) fn message(written: &str) -> String {
    format!(
        "`{written}` is a port built from a number the page leaves to you (an instance number, say): no port is guessed and no requirement was made from it"
    )
}

/// What would make it read.
pub(super) const EXPECTED: &str =
    "the port for your installation written out (3200 for instance 00), in the table or a pin";

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(text: &str) -> Vec<&str> {
        port_templates(text).into_iter().filter_map(|r| text.get(r)).collect()
    }

    #[test]
    fn instance_number_templates_were_dropped_in_silence() {
        assert_eq!(templates("32NN (ldgdpNN)"), ["32NN"]);
        assert_eq!(templates("5NN13"), ["5NN13"]);
        assert_eq!(templates("listens on 36NN, and port 39NN"), ["36NN", "39NN"]);
        assert_eq!(templates("443NN or 32<NN> or 80xx"), ["443NN", "32<NN>", "80xx"]);
        // Not templates: names, hex, plain numbers, words.
        assert!(templates("sapdpNN NN 0x1F 3200 Nginx 4xx errors in 1xxxx").is_empty());
    }

    #[test]
    fn a_template_was_never_filled_from_the_one_instance_number_the_page_states() {
        assert_eq!(the_instance("The system runs as instance number 00."), Some("00".to_owned()));
        assert_eq!(the_instance("Instance no. 02 on host a; instance 02 again"), Some("02".into()));
        assert_eq!(
            the_instance("| SID | Instance number |\n| --- | --- |\n| PRD | 10 |\n"),
            Some("10".to_owned())
        );
        // Two instance numbers, or none: nothing is filled.
        assert_eq!(the_instance("instance 00 on 3200, instance 07 on 3207"), None);
        assert_eq!(the_instance("instances 00 and 01"), None);
        assert_eq!(the_instance("| Instance |\n|---|\n| 00 |\n| 01 |"), None);
        assert_eq!(the_instance("its instance number NN; 3 instances"), None);
        assert_eq!(fill("32NN", "00"), Some(3200));
        assert_eq!(fill("5NN13", "07"), Some(50713));
        assert_eq!(fill("32<NN>", "10"), Some(3210));
        assert_eq!(fill("80xx", "01"), Some(8001));
        assert_eq!(fill("99NNN", "00"), None);
    }
}

#[cfg(test)]
mod placeholder_tests {
    use super::placeholder_ports;

    /// `{{< region-param key="tcp_endpoint_port_ssl" >}}/tcp` as a definition term was dropped
    /// without a word.
    #[test]
    fn regression_a_shortcode_port_was_dropped_in_silence() {
        let text = "{{< region-param key=\"tcp_endpoint_port_ssl\" >}}/tcp : Log shipping";
        let spans = |text: &str| -> Vec<(usize, usize)> {
            placeholder_ports(text).into_iter().map(|r| (r.start, r.end)).collect()
        };
        assert_eq!(spans(text), [(0, 48)]);
        assert_eq!(spans("${HTTP_PORT}/udp"), [(0, 12)]);
        assert_eq!(spans("{{ .Values.service.port }}"), [(0, 26)]);
        assert!(placeholder_ports("{{< note >}} Use {{ .Values.name }}.").is_empty());
    }
}
