//! The service vocabulary (`data/services.txt`): which service a requirement belongs to, for
//! the service pages. One line per service; see the file's header for the format.

use portolan_core::model::Requirement;

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
    pub fn classify(&self, requirement: &Requirement, component_name: &str) -> Option<&Service> {
        let own = format!(
            "{} {}",
            requirement.app_protocol.as_deref().unwrap_or(""),
            requirement.purpose.as_deref().unwrap_or("")
        )
        .to_lowercase();
        let component = component_name.to_lowercase();
        let specific = self.services.iter().filter(|s| !s.generic);
        let generic = self.services.iter().filter(|s| s.generic);
        specific
            .clone()
            .find(|s| s.matches(&own))
            .or_else(|| specific.clone().find(|s| s.matches(&component)))
            .or_else(|| generic.clone().find(|s| s.matches(&own)))
    }
}

impl Service {
    fn matches(&self, text: &str) -> bool {
        self.terms.iter().any(|term| contains_word(text, term))
    }
}

/// True when `term` occurs in `text` with no letter or digit right before or after it.
fn contains_word(text: &str, term: &str) -> bool {
    let mut from = 0;
    while let Some(found) = portolan_core::extract::find_short(&text[from..], term) {
        let start = from + found;
        let end = start + term.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return true;
        }
        from = start + term.len().max(1);
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_not_substrings() {
        assert!(contains_word("postgresql database", "postgresql"));
        assert!(!contains_word("ldaps (ldap over tls)", "ldapx"));
        assert!(contains_word("ldaps (ldap over tls)", "ldap"));
        assert!(!contains_word("https", "http"));
        assert!(contains_word("wss/https", "https"));
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
