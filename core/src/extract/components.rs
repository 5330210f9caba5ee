//! Which component a requirement belongs to: names in cells, headings and pins resolved
//! against the components the document declares, or new components when it declares none.

use std::cell::RefCell;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::front_matter::ComponentDecl;
use super::vocabulary::{contains_phrase, lowercase};

/// Turns a name into an id part: lowercase ASCII letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.len() > 64 {
        slug.truncate(64);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    slug
}

/// A display name from a heading or cell: without parentheticals and trailing "ports".
pub fn clean_name(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let mut words: Vec<&str> = out.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| ["ports", "port", "-", "–"].iter().any(|end| w.eq_ignore_ascii_case(end)))
    {
        words.pop();
    }
    words.join(" ").trim_matches(|c: char| !c.is_alphanumeric()).to_owned()
}

/// The roles a role cell lists: "Coordinator, proxy", "Master and worker", "Web & API". One
/// name (or none) when the cell is not a short list of names: "Web server (Apache, nginx)"
/// keeps its parenthetical whole, and a part longer than four words is a sentence, not a role.
pub fn role_names(cell: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in cell.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' | ';' | '&' if depth == 0 => {
                parts.push(cell.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            ' ' if depth == 0
                && cell.get(i..i + 5).is_some_and(|w| w.eq_ignore_ascii_case(" and ")) =>
            {
                parts.push(cell.get(start..i).unwrap_or(""));
                start = i + 5;
            }
            _ => {}
        }
    }
    parts.push(cell.get(start..).unwrap_or(""));
    let names: Vec<&str> = parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect();
    if names.len() > 1 && names.iter().all(|n| n.split_whitespace().count() <= 4) {
        names
    } else {
        vec![cell.trim()]
    }
}

/// "all machine" for "all machines": a name of several words ending in a plural, as it reads
/// before another noun. Single words are left alone ("Kubernetes", "Status").
fn modifier_singular(name: &str) -> Option<String> {
    let (_, last) = name.rsplit_once(' ')?;
    let plural = last.len() > 3
        && last.ends_with('s')
        && !["ss", "us", "is"].iter().any(|end| last.ends_with(end));
    plural.then(|| name[..name.len() - 1].to_owned())
}

pub struct Resolver {
    /// (phrase, slug), longest phrases first.
    phrases: Vec<(String, String)>,
    declared: BTreeMap<String, ComponentDecl>,
    /// Components found in the document that were not declared.
    created: BTreeMap<String, String>,
    /// What `resolve` answered for each text asked so far: a document asks the same cell,
    /// heading and peer texts for every row, and the answer depends only on the declared
    /// components (issue 15).
    resolved: RefCell<FxHashMap<String, Option<String>>>,
}

impl Resolver {
    pub fn new(declared: &BTreeMap<String, ComponentDecl>) -> Self {
        let mut phrases = Vec::new();
        for (slug, decl) in declared {
            let mut names = vec![slug.replace('-', " ")];
            if let Some(name) = &decl.name {
                names.push(name.to_lowercase());
                names.push(clean_name(name).to_lowercase());
            }
            names.extend(decl.aliases.iter().map(|a| a.to_lowercase()));
            for name in names {
                let name = name.trim().to_owned();
                if name.len() < 2 {
                    continue;
                }
                phrases.push((format!("{name}s"), slug.clone()));
                // "All machines" written as a modifier: "all-machine communications".
                if let Some(singular) = modifier_singular(&name) {
                    phrases.push((singular, slug.clone()));
                }
                phrases.push((name, slug.clone()));
            }
        }
        phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        phrases.dedup();
        Self {
            phrases,
            declared: declared.clone(),
            created: BTreeMap::new(),
            resolved: RefCell::default(),
        }
    }

    pub fn declares_any(&self) -> bool {
        !self.declared.is_empty()
    }

    pub fn is_declared(&self, slug: &str) -> bool {
        self.declared.contains_key(slug)
    }

    /// The declared components a flow's other side names, each alternative its own ("the
    /// server or proxy", "the Zabbix server (or a proxy)" → "server, proxy"), joined as a peer
    /// list; the one `resolve` gives when the side names one part (or a part whose own name
    /// holds an "and").
    pub fn resolve_alternatives(&self, text: &str) -> Option<String> {
        let whole = self.resolve(text);
        let mut parts: Vec<String> = Vec::new();
        for piece in text.split(['(', ')', ',', ';']) {
            let mut rest = piece;
            loop {
                let lower = rest.to_ascii_lowercase();
                let cut = [" or ", " and "]
                    .iter()
                    .filter_map(|w| lower.find(w).map(|at| (at, w.len())))
                    .min();
                let (head, tail) = match cut {
                    Some((at, len)) => (
                        rest.get(..at).unwrap_or_default(),
                        rest.get(at + len..).unwrap_or_default(),
                    ),
                    None => (rest, ""),
                };
                // "a Manager" for "Ceph Manager": by its head word too.
                if let Some(slug) = self.resolve(head).or_else(|| self.by_head_word(head))
                    && !parts.contains(&slug)
                {
                    parts.push(slug);
                }
                if cut.is_none() {
                    break;
                }
                rest = tail;
            }
        }
        // Two parts named, and the whole names one of them or none ("A Metadata Server or a
        // Manager": each head word matches a part, so the whole matched none).
        if parts.len() > 1 && whole.as_ref().is_none_or(|w| parts.contains(w)) {
            Some(parts.join(", "))
        } else {
            whole
        }
    }

    /// The declared component `text` names: exactly, or as the longest name it contains.
    pub fn resolve(&self, text: &str) -> Option<String> {
        if let Some(known) = self.resolved.borrow().get(text) {
            return known.clone();
        }
        let answer = self.resolve_anew(text);
        self.resolved.borrow_mut().insert(text.to_owned(), answer.clone());
        answer
    }

    fn resolve_anew(&self, text: &str) -> Option<String> {
        let lower = lowercase(text.trim());
        if lower.is_empty() {
            return None;
        }
        if self.declared.contains_key(&*lower) {
            return Some(lower.into_owned());
        }
        let cleaned = clean_name(&lower);
        if let Some((_, slug)) =
            self.phrases.iter().find(|(phrase, _)| *phrase == lower || *phrase == cleaned)
        {
            return Some(slug.clone());
        }
        if let Some((_, slug)) =
            self.phrases.iter().find(|(phrase, _)| contains_phrase(&lower, phrase))
        {
            return Some(slug.clone());
        }
        // "control-plane machine", "all-machine": vendors hyphenate a name used as a modifier.
        if lower.contains('-') {
            let spaced = lower.replace('-', " ");
            return self
                .phrases
                .iter()
                .find(|(phrase, _)| contains_phrase(&spaced, phrase))
                .map(|(_, slug)| slug.clone());
        }
        None
    }

    /// "Multicast node discovery" on a page declaring "Wiki node": the one declared part whose
    /// name's last word (singular or plural) the text holds as a word. `None` when no part's
    /// or more than one part's last word is there. A last resort before a part is made up.
    pub fn by_head_word(&self, text: &str) -> Option<String> {
        let lower = lowercase(text);
        let mut found: Option<&String> = None;
        for (slug, decl) in &self.declared {
            let name = decl.name.as_deref().map_or_else(|| slug.replace('-', " "), clean_name);
            let Some(head) = name.split_whitespace().last().map(str::to_lowercase) else {
                continue;
            };
            if head.len() < 3 {
                continue;
            }
            if contains_phrase(&lower, &head) || contains_phrase(&lower, &format!("{head}s")) {
                if found.is_some_and(|f| f != slug) {
                    return None;
                }
                found = Some(slug);
            }
        }
        found.cloned()
    }

    /// "the wiki" on a page declaring "Wiki node": the one declared part whose name holds a word
    /// of `text` (four letters or more) that no other part's name holds. `None` otherwise.
    pub fn by_name_word(&self, text: &str) -> Option<String> {
        let lower = lowercase(text);
        let words = |slug: &String, decl: &ComponentDecl| -> Vec<String> {
            let name = decl.name.as_deref().map_or_else(|| slug.replace('-', " "), clean_name);
            name.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() >= 4)
                .map(str::to_lowercase)
                .collect()
        };
        let named: Vec<(&String, Vec<String>)> =
            self.declared.iter().map(|(slug, decl)| (slug, words(slug, decl))).collect();
        let mut found: Option<&String> = None;
        for (slug, own) in &named {
            let distinctive = own.iter().any(|w| {
                contains_phrase(&lower, w)
                    && !named.iter().any(|(other, theirs)| other != slug && theirs.contains(w))
            });
            if distinctive {
                if found.is_some() {
                    return None;
                }
                found = Some(slug);
            }
        }
        found.cloned()
    }

    /// A component for a name nobody declared; remembered so the platform lists it.
    pub fn create(&mut self, name: &str) -> Option<String> {
        let name = clean_name(name);
        let slug = slugify(&name);
        if slug.is_empty() {
            return None;
        }
        self.created.entry(slug.clone()).or_insert(name);
        Some(slug)
    }

    /// Every component the front matter declares.
    pub fn declared_slugs(&self) -> Vec<String> {
        self.declared.keys().cloned().collect()
    }

    /// The one component the front matter declares, when it declares exactly one.
    pub fn single_declared(&self) -> Option<String> {
        let mut keys = self.declared.keys();
        match (keys.next(), keys.next()) {
            (Some(only), None) => Some(only.clone()),
            _ => None,
        }
    }

    /// Undeclared components the document used, slug → display name.
    pub fn created(&self) -> &BTreeMap<String, String> {
        &self.created
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Multicast node discovery" under "Cluster ports" on a page declaring "Wiki node": the
    /// row went to a made-up `cluster` part (warned, but no role held it).
    #[test]
    fn regression_a_part_named_by_its_last_word_was_made_up_anew() {
        let mut map = BTreeMap::new();
        for (slug, name) in [("wiki-node", "Wiki node"), ("editor", "Editing service")] {
            map.insert(
                slug.to_owned(),
                ComponentDecl { name: Some(name.into()), ..ComponentDecl::default() },
            );
        }
        let resolver = Resolver::new(&map);
        assert_eq!(resolver.by_head_word("Multicast node discovery").as_deref(), Some("wiki-node"));
        assert_eq!(resolver.by_head_word("between the nodes").as_deref(), Some("wiki-node"));
        // Two parts' last words, or none: no reading.
        assert_eq!(resolver.by_head_word("node and service restarts"), None);
        assert_eq!(resolver.by_head_word("Cluster ports"), None);
        // "the wiki": a word only one part's name has.
        assert_eq!(resolver.by_name_word("the wiki").as_deref(), Some("wiki-node"));
        assert_eq!(resolver.by_name_word("the wiki's editing"), None);
        assert_eq!(resolver.by_name_word("the web"), None);
    }

    fn declared() -> BTreeMap<String, ComponentDecl> {
        let mut map = BTreeMap::new();
        map.insert(
            "control-plane".to_owned(),
            ComponentDecl { name: Some("Master node".into()), ..ComponentDecl::default() },
        );
        map.insert(
            "rabbitmq".to_owned(),
            ComponentDecl { name: Some("RabbitMQ".into()), ..ComponentDecl::default() },
        );
        map.insert(
            "compute-cluster".to_owned(),
            ComponentDecl { name: Some("Compute cluster".into()), ..ComponentDecl::default() },
        );
        map
    }

    #[test]
    fn resolves_names_slugs_plurals_and_contained_names() {
        let resolver = Resolver::new(&declared());
        assert_eq!(
            resolver.resolve("Master Node Ports (Control Plane)").as_deref(),
            Some("control-plane")
        );
        assert_eq!(resolver.resolve("RabbitMQ Management").as_deref(), Some("rabbitmq"));
        assert_eq!(resolver.resolve("Compute clusters").as_deref(), Some("compute-cluster"));
        assert_eq!(resolver.resolve("rabbitmq").as_deref(), Some("rabbitmq"));
        assert_eq!(resolver.resolve("Databases"), None);
    }

    #[test]
    fn an_all_machine_caption_did_not_match_the_declared_all_machines() {
        let mut parts = declared();
        parts.insert(
            "all-machines".to_owned(),
            ComponentDecl { name: Some("All machines".into()), ..ComponentDecl::default() },
        );
        let resolver = Resolver::new(&parts);
        assert_eq!(resolver.resolve("all-machine").as_deref(), Some("all-machines"));
        assert_eq!(resolver.resolve("control-plane machine").as_deref(), Some("control-plane"));
        assert_eq!(resolver.resolve("compute-cluster nodes").as_deref(), Some("compute-cluster"));
        assert_eq!(resolver.resolve("all"), None);
        assert_eq!(modifier_singular("kubernetes"), None);
        assert_eq!(modifier_singular("platform status"), None);
    }

    #[test]
    fn role_cell_listing_two_roles_became_one_joined_component() {
        assert_eq!(role_names("Coordinator, proxy"), ["Coordinator", "proxy"]);
        assert_eq!(role_names("Master and worker"), ["Master", "worker"]);
        assert_eq!(role_names("Web & API; Jobs"), ["Web", "API", "Jobs"]);
        assert_eq!(role_names("Web server (Apache, nginx)"), ["Web server (Apache, nginx)"]);
        assert_eq!(role_names("Proxy"), ["Proxy"]);
        // A sentence is not a list of roles.
        let sentence = "Hosts that run the scheduler, when it is enabled on them";
        assert_eq!(role_names(sentence), [sentence]);
        for odd in ["", ",", " and and ", "a and", "(,", "ł, ü"] {
            let _ = role_names(odd);
        }
    }

    #[test]
    fn slugs_and_clean_names() {
        assert_eq!(slugify("Directory Sync Agent (DSA)"), "directory-sync-agent-dsa");
        assert_eq!(clean_name("Worker Node Ports"), "Worker Node");
        assert_eq!(clean_name("PostgreSQL (Internal Only)"), "PostgreSQL");
        assert_eq!(slugify("  --  "), "");
    }
}
