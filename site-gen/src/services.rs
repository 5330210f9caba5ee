//! The service vocabulary (`data/services.txt`): which service a requirement belongs to, for
//! the service pages. One line per service; see the file's header for the format.

use portolan_core::extract::PhraseIndex;
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
    /// Every term of every service, in order, by first word, and the (service, term) of each:
    /// every row is compared with the whole vocabulary, and the index skips the terms that
    /// cannot occur in its texts without scanning them (issue 15).
    terms: PhraseIndex,
    term_of: Vec<(usize, usize)>,
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
            .collect::<Vec<Service>>();
        let term_of: Vec<(usize, usize)> = services
            .iter()
            .enumerate()
            .flat_map(|(s, service)| (0..service.terms.len()).map(move |t| (s, t)))
            .collect();
        let terms =
            PhraseIndex::new(services.iter().flat_map(|s| s.terms.iter().map(String::as_str)));
        Self { services, terms, term_of }
    }

    /// `text` with the (service, term) pairs whose term may occur in it, in vocabulary order.
    fn text<'t>(&self, text: &'t str) -> Text<'t> {
        let terms = self.terms.candidates(text);
        Text {
            text,
            terms: terms.into_iter().filter_map(|k| self.term_of.get(k).copied()).collect(),
        }
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
        let ports = Some(requirement.ports);
        let (protocol, purpose, component) =
            (self.text(&protocol), self.text(&purpose), self.text(&component));
        // Among bare protocols the one written first wins ("HTTP ingress that redirects to
        // HTTPS" is HTTP); among specific services, the vocabulary's order.
        let first = |generic: bool, text: &Text<'_>| {
            let found = text.services().filter(|&s| self.is_generic(s) == generic);
            let found = if generic {
                found
                    .filter_map(|s| Some((self.position(s, text, ports)?, s)))
                    .min_by_key(|(at, _)| *at)
                    .map(|(_, s)| s)
            } else {
                found.into_iter().find(|&s| self.position(s, text, ports).is_some())
            };
            found.and_then(|s| self.services.get(s))
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
        let name = self.text(&name);
        let first = |generic: bool| {
            name.services()
                .find(|&s| self.is_generic(s) == generic && self.position(s, &name, None).is_some())
                .and_then(|s| self.services.get(s))
        };
        first(false).or_else(|| first(true))
    }

    fn is_generic(&self, service: usize) -> bool {
        self.services.get(service).is_some_and(|s| s.generic)
    }

    /// Where a term of the service first occurs in `text` as a word, not tied to a port other
    /// than `ports` ("over SSH (port 22) and HTTPS (port 443)" is not SSH for the 443 row).
    fn position(&self, service: usize, text: &Text<'_>, ports: Option<PortRange>) -> Option<usize> {
        let terms = &self.services.get(service)?.terms;
        text.terms
            .iter()
            .filter(|(s, _)| *s == service)
            .filter_map(|(_, t)| find_word(text.text, terms.get(*t)?, ports))
            .min()
    }
}

/// A lowercased text and the (service, term) pairs of the vocabulary that may occur in it.
struct Text<'a> {
    text: &'a str,
    terms: Vec<(usize, usize)>,
}

impl Text<'_> {
    /// The services with a term that may occur in the text, in vocabulary order, once each.
    fn services(&self) -> impl Iterator<Item = usize> + '_ {
        let mut last = None;
        self.terms.iter().map(|(s, _)| *s).filter(move |s| last.replace(*s) != Some(*s))
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

    /// The term index only skips terms that cannot match: for every term of the vocabulary in
    /// a few surroundings, `classify_name` equals a search of every term of every service.
    #[test]
    fn term_index_gives_the_same_service_as_searching_every_term() {
        let vocabulary = Vocabulary::builtin();
        let every_term = |name: &str, generic: bool| {
            vocabulary.services.iter().find(|s| {
                s.generic == generic && s.terms.iter().any(|t| find_word(name, t, None).is_some())
            })
        };
        let mut named = 0;
        for service in &vocabulary.services {
            for term in &service.terms {
                for name in [term.clone(), format!("x-{term} (legacy)"), format!("{term}s")] {
                    let expected = every_term(&name, false).or_else(|| every_term(&name, true));
                    let found = vocabulary.classify_name(&name);
                    assert_eq!(found.map(|s| &s.slug), expected.map(|s| &s.slug), "{name:?}");
                    named += usize::from(found.is_some());
                }
            }
        }
        assert!(named > vocabulary.services.len(), "{named}");
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
