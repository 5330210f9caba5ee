//! Never silent: a port-looking number in a paragraph, list item or heading that no reading
//! turned into a requirement is reported where it stands, so a reviewer sees what was left.

use std::ops::Range;

use super::text;

/// Spans of `text` that look like ports and overlap none of the `read` spans.
pub(super) fn unread(text: &str, read: &[Range<usize>]) -> Vec<Range<usize>> {
    text::port_looking(text)
        .into_iter()
        .filter(|span| !read.iter().any(|r| r.start < span.end && span.start < r.end))
        .collect()
}

/// The message of a `port-unread` warning.
pub(super) fn message(token: &str) -> String {
    format!(
        "`{token}` looks like a port, but nothing around it says which port it is or for what, so no requirement was made from it"
    )
}

/// What would make it read.
pub(super) const EXPECTED: &str = "\"port 443\", \"443/tcp\", \"TCP 443\", \"listens on 443\", a port table row, or a list item that starts with the port";

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens<'a>(text: &'a str, read: &[Range<usize>]) -> Vec<&'a str> {
        unread(text, read).into_iter().filter_map(|r| text.get(r)).collect()
    }

    #[test]
    fn bare_ports_left_unread_are_found_but_counts_years_and_versions_are_not() {
        let text = "Older releases used 1025-5000. Version 8.11 needs 2 nodes, 50% heap, since 2019, at 10:30, see note 3.";
        assert_eq!(tokens(text, &[]), ["1025-5000"]);
    }

    #[test]
    fn versions_status_codes_and_small_counts_were_reported_as_ports() {
        let text =
            "Needs PostgreSQL 15 and Java 17; errors return status 503; keep 12 replicas of 40 GB.";
        assert!(tokens(text, &[]).is_empty(), "{:?}", tokens(text, &[]));
        assert_eq!(tokens("Forward 22 and 8443 as well.", &[]), ["22", "8443"]);
    }

    #[test]
    fn ports_already_read_are_not_reported_again() {
        let text = "The deployment server also listens on 8089, unlike 8090.";
        let read = text.find("8089").map(|s| s..s + 4).into_iter().collect::<Vec<_>>();
        assert_eq!(tokens(text, &read), ["8090"]);
    }
}
