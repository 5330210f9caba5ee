//! "**DNS and HTTP.** An agent binds its DNS interface and its HTTP API to the loopback
//! address" under a table whose rows are named "DNS" and "HTTP" (Consul's port details): a
//! paragraph that says ports are bound to the loopback and names them by the names the table
//! gives its rows, not by number. Such rows are host-local listeners (peer `localhost`, no
//! flow, as `loopback::pin_host_local` does for a port written by number); they were opened to
//! the platform's hosts, and a Vault server reached a Consul server's HTTP API.

use crate::model::Requirement;

/// The longest row name a paragraph may name this way ("LAN Serf", "gRPC TLS").
const MAX_NAME_WORDS: usize = 3;

/// The paragraphs of `text` (lowercase, lines joined) that say something is bound to the
/// loopback and write no port number.
pub(super) fn loopback_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .filter(|p| {
            super::loopback::says_loopback_bound(p) && super::text::port_looking(p).is_empty()
        })
        .map(|p| p.to_ascii_lowercase().replace('\n', " "))
        .collect()
}

/// Gives `localhost` as the peer of each requirement without one whose row name (the part of
/// its purpose before ` — `, the table's name column) a loopback paragraph names as a word.
pub(super) fn pin_named_host_local(requirements: &mut [Requirement], paragraphs: &[String]) {
    if paragraphs.is_empty() {
        return;
    }
    for requirement in requirements {
        if requirement.peer.is_some() || requirement.peer_component.is_some() {
            continue;
        }
        let Some(name) = requirement.purpose.as_deref().and_then(row_name) else { continue };
        if paragraphs.iter().any(|p| names_word(p, &name)) {
            requirement.peer = Some("localhost".to_owned());
        }
    }
}

/// "DNS — The DNS server" → "dns"; a purpose with no name column gives none.
fn row_name(purpose: &str) -> Option<String> {
    let (name, _) = purpose.split_once(" — ")?;
    let name = name.trim().to_ascii_lowercase();
    let words = name.split_whitespace().count();
    (words > 0 && words <= MAX_NAME_WORDS).then_some(name)
}

/// Whether `paragraph` holds `name` as whole words ("http" in "its http api", not in "https").
fn names_word(paragraph: &str, name: &str) -> bool {
    paragraph.match_indices(name).any(|(at, _)| {
        let before = paragraph[..at].chars().next_back();
        let after = paragraph[at + name.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::{Document, ExtractRecord, extract_document};

    /// Consul's page: the tables name their rows "DNS", "HTTP", "HTTPS"; the port details
    /// say the DNS interface and the HTTP API are bound to the loopback, by name. Those two
    /// rows were network listeners, open to every host of the platform.
    #[test]
    fn regression_rows_bound_to_the_loopback_by_their_names_were_network_listeners() {
        let text = "# Ports\n\n| Port name | Use | Protocol | Default port |\n|---|---|---|---|\n| DNS | The DNS server | TCP and UDP | 8600 |\n| HTTP | The HTTP API | TCP | 8500 |\n| HTTPS | The HTTPS API | TCP | 8501 |\n| LAN Serf | Gossip | TCP and UDP | 8301 |\n\n## Details\n\n**DNS and HTTP.** An agent binds its DNS interface and its HTTP API to the loopback address unless told otherwise.\n\n**LAN Serf.** Every agent gossips with every other agent.\n";
        let build = extract_document(Document { path: "c.md", bytes: text.as_bytes() });
        let got: Vec<(String, Option<String>)> =
            ExtractRecord::all(&build.catalog).into_iter().map(|r| (r.ports, r.peer)).collect();
        let local = Some("localhost".to_owned());
        assert_eq!(
            got,
            [
                ("8600".to_owned(), local.clone()),
                ("8500".to_owned(), local),
                ("8501".to_owned(), None),
                ("8301".to_owned(), None),
            ]
        );
    }
}
