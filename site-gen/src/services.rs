//! The service vocabulary (`data/services.txt`): which service a requirement belongs to, for
//! the service pages. One line per service; see the file's header for the format.

use portolan_core::extract::Words;
use portolan_core::model::{PortRange, Requirement};

const VOCABULARY: &str = include_str!("../../data/services.txt");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub slug: String,
    pub name: String,
    pub terms: Vec<String>,
    pub generic: bool,
}

#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub services: Vec<Service>,
}

impl Vocabulary {
    /// The vocabulary shipped in the repository.
    pub fn builtin() -> Self {
        Self::parse(VOCABULARY)
    }

    pub fn parse(text: &str) -> Self {
        let services = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.split('|').map(str::trim);
                let slug = fields.next()?.to_owned();
                let name = fields.next()?.to_owned();
                let terms = fields
                    .next()?
                    .split(',')
                    .map(|t| t.trim().to_lowercase())
                    .filter(|t| !t.is_empty())
                    .collect();
                let generic = fields.next() == Some("generic");
                Some(Service { slug, name, terms, generic })
            })
            .collect();
        Self { services }
    }

    pub fn get(&self, slug: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.slug == slug)
    }

    /// The service a requirement belongs to, if the vocabulary knows it.
    /// Specific services first (application protocol, purpose, component name), then the bare
    /// protocols (application protocol before purpose: a row stated as `https` whose purpose
    /// mentions "443 (HTTPS) and 80 (HTTP)" is HTTPS).
    pub fn classify(&self, requirement: &Requirement, component_name: &str) -> Option<&Service> {
        let protocol = requirement.app_protocol.as_deref().unwrap_or("").to_lowercase();
        let purpose = requirement.purpose.as_deref().unwrap_or("").to_lowercase();
        let component = component_name.to_lowercase();
        let ports = requirement.ports;
        let (protocol, purpose, component) =
            (Text::of(&protocol), Text::of(&purpose), Text::of(&component));
        // Among bare protocols the one written first wins ("HTTP ingress that redirects to
        // HTTPS" is HTTP); among specific services, the vocabulary's order.
        let first = |generic: bool, text: &Text<'_>| {
            let found = self.services.iter().filter(|s| s.generic == generic);
            if generic {
                found
                    .filter_map(|s| Some((s.position(text, Some(ports))?, s)))
                    .min_by_key(|(at, _)| *at)
                    .map(|(_, s)| s)
            } else {
                found.into_iter().find(|s| s.matches(text, Some(ports)))
            }
        };
        first(false, &protocol)
            .or_else(|| first(false, &purpose))
            .or_else(|| first(false, &component))
            .or_else(|| first(true, &protocol))
            .or_else(|| first(true, &purpose))
    }

    /// The service a registered port name stands for (`https`, `pcsync-https` → HTTPS), to
    /// read a row that names no service by its port's registration.
    pub fn classify_name(&self, name: &str) -> Option<&Service> {
        let name = name.to_lowercase();
        let name = Text::of(&name);
        let first = |generic: bool| {
            self.services.iter().find(|s| s.generic == generic && s.matches(&name, None))
        };
        first(false).or_else(|| first(true))
    }
}

impl Service {
    /// A term of the service occurs in `text` as a word, and not tied to a port other than
    /// `ports` ("over SSH (port 22) and HTTPS (port 443)" is not SSH for the 443 row).
    fn matches(&self, text: &Text<'_>, ports: Option<PortRange>) -> bool {
        self.position(text, ports).is_some()
    }

    /// Where a term of the service first occurs in `text` as a word.
    fn position(&self, text: &Text<'_>, ports: Option<PortRange>) -> Option<usize> {
        self.terms
            .iter()
            .filter(|term| text.words.may_hold(term))
            .filter_map(|term| find_word(text.text, term, ports))
            .min()
    }
}

/// A lowercased text with its words: every requirement is compared with every term of the
/// vocabulary, and the words skip the terms that cannot occur in it without scanning it for
/// each (that scan was the largest cost of the site data, issue 15).
struct Text<'a> {
    text: &'a str,
    words: Words<'a>,
}

impl<'a> Text<'a> {
    fn of(text: &'a str) -> Text<'a> {
        Text { text, words: Words::of(text) }
    }
}

/// The text right after a term names another port: `(port 22)`, ` on port 8080`.
fn tied_to_other_port(after: &str, ports: PortRange) -> bool {
    let rest = after.trim_start_matches([' ', '(']);
    let rest = rest.strip_prefix("on ").unwrap_or(rest).trim_start();
    let Some(rest) = rest.strip_prefix("port") else { return false };
    let digits: String =
        rest.trim_start_matches(['s', ' ', ':']).chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u16>().is_ok_and(|p| p < ports.start() || p > ports.end())
}

#[cfg(test)]
/// True when `term` occurs in `text` with no letter or digit right before or after it (and,
/// given `ports`, not tied to another port).
fn contains_word(text: &str, term: &str, ports: Option<PortRange>) -> bool {
    find_word(text, term, ports).is_some()
}

/// Where `term` first occurs in `text` as a word (see [`contains_word`]).
fn find_word(text: &str, term: &str, ports: Option<PortRange>) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = portolan_core::extract::find_short(&text[from..], term) {
        let start = from + found;
        let end = start + term.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        let other_port = ports.is_some_and(|p| tied_to_other_port(&text[end..], p));
        if boundary(before) && boundary(after) && !other_port {
            return Some(start);
        }
        from = start + term.len().max(1);
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_not_substrings() {
        assert!(contains_word("postgresql database", "postgresql", None));
        assert!(!contains_word("ldaps (ldap over tls)", "ldapx", None));
        assert!(contains_word("ldaps (ldap over tls)", "ldap", None));
        assert!(!contains_word("https", "http", None));
        assert!(contains_word("wss/https", "https", None));
    }

    /// A requirement from the JSON the catalog exports (fields left out are `None`).
    fn requirement(ports: &str, app_protocol: Option<&str>, purpose: &str) -> Requirement {
        serde_json::from_value(serde_json::json!({
            "id": "p/r-1", "anchor": "r-1", "component": "p/node", "section": "Ports",
            "ports": ports, "app_protocol": app_protocol, "purpose": purpose,
            "source": { "file": "p.md", "line": 1, "column": 1 },
        }))
        .expect("a requirement")
    }

    /// 51820/udp "Flannel WireGuard backend" was shown as "Service: Flannel VXLAN": the
    /// product's line came first and carried one of its backends in its name.
    #[test]
    fn regression_flannel_wireguard_backend_is_wireguard_not_flannel_vxlan() {
        let vocabulary = Vocabulary::builtin();
        let classify = |ports, purpose| {
            vocabulary.classify(&requirement(ports, None, purpose), "Node").map(|s| s.name.clone())
        };
        assert_eq!(
            classify("51820", "Flannel WireGuard backend (if enabled)").as_deref(),
            Some("WireGuard")
        );
        assert_eq!(classify("8472", "Flannel VXLAN overlay").as_deref(), Some("VXLAN overlay"));
        assert_eq!(classify("8285", "Flannel UDP backend").as_deref(), Some("Flannel"));
    }

    /// On 443, "Server access works over SSH (port 22) and HTTPS (port 443)" was SSH, and a
    /// row stated as `https` whose purpose names "443 (HTTPS) and 80 (HTTP)" was HTTP: both
    /// kept 443 on the conflicts page.
    #[test]
    fn regression_443_rows_naming_other_ports_protocols_are_https() {
        let vocabulary = Vocabulary::builtin();
        let name = |r: Requirement| vocabulary.classify(&r, "Server").map(|s| s.name.clone());
        let ssh_too = "Server access works over SSH (port 22) and HTTPS (port 443).";
        assert_eq!(name(requirement("443", Some("https"), ssh_too)).as_deref(), Some("HTTPS"));
        assert_eq!(name(requirement("22", Some("ssh"), ssh_too)).as_deref(), Some("SSH"));
        let both = "traffic arrives on ports 443 (HTTPS) and 80 (HTTP)";
        assert_eq!(name(requirement("443", Some("https"), both)).as_deref(), Some("HTTPS"));
        assert_eq!(
            name(requirement("443", Some("https/wss"), "tunnels")).as_deref(),
            Some("HTTPS")
        );
        let redirect = "HTTP ingress that redirects to HTTPS";
        assert_eq!(name(requirement("80", None, redirect)).as_deref(), Some("HTTP"));
        let keycloak = "Keycloak serves HTTP on port 8080 and HTTPS on port 8443.";
        assert_eq!(name(requirement("8443", Some("https"), keycloak)).as_deref(), Some("Keycloak"));
    }

    #[test]
    fn builtin_vocabulary_parses_with_unique_slugs() {
        let vocabulary = Vocabulary::builtin();
        assert!(vocabulary.services.len() > 20);
        let mut slugs: Vec<_> = vocabulary.services.iter().map(|s| &s.slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), vocabulary.services.len());
        assert!(vocabulary.get("https").is_some_and(|s| s.generic));
    }
}
