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
}
