//! What to type next: role ids (from the catalog), zone and host names (from the topology) for
//! the word at the editor's cursor. Pure text work, no DOM; `suggest` draws the list.
//!
//! The context is read from the line before the cursor, the same way in YAML, JSON and TOML:
//! the nearest key before the word (`roles`, `zone`, `host`, `from`, `to`) says what it names.

/// What the word at the cursor names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Role,
    Zone,
    Host,
    /// A policy side: a zone or a host.
    Endpoint,
    /// No key says (Ctrl+Space anywhere): every name.
    Any,
}

/// The names completions are drawn from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub roles: Vec<String>,
    pub zones: Vec<String>,
    pub hosts: Vec<String>,
}

/// At most this many completions are listed.
pub const MAX_SHOWN: usize = 12;

/// Characters of a name (role ids hold `/`). ASCII only, as the engine reads names: Unicode's
/// letter tables would cost the page about 13 KB for names no topology uses.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.' | '@')
}

/// The word being typed at the end of `before` (the line up to the cursor), as a byte offset
/// into `before`, and what it names. `None` when no key before it calls for a name.
pub fn context(before: &str) -> Option<(usize, Kind)> {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name_char(*c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let head = before.get(..start)?;
    // Inside a list (`roles: [a, b`) the key is before the last unclosed `[`.
    let in_list = head.rfind('[').filter(|&open| !head[open..].contains(']'));
    let key_end = match in_list {
        Some(open) => open,
        None => {
            // `zone: ` / `"zone": "` / `zone = "`: only quotes and spaces after the separator.
            let trimmed = head.trim_end_matches([' ', '"', '\'']);
            let sep = trimmed.strip_suffix([':', '='])?;
            sep.len()
        }
    };
    let key_text = head.get(..key_end)?.trim_end_matches([' ', ':', '=', '"', '\'']);
    let key: String = key_text
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let kind = match key.as_str() {
        "roles" => Kind::Role,
        "zone" => Kind::Zone,
        "host" => Kind::Host,
        "from" | "to" => Kind::Endpoint,
        _ => return None,
    };
    Some((start, kind))
}

/// The names for `kind` that start with `prefix` (case-insensitive), then those that contain
/// it, without the word itself, at most [`MAX_SHOWN`].
pub fn candidates(names: &Names, kind: Kind, prefix: &str) -> Vec<String> {
    let pool: Vec<&String> = match kind {
        Kind::Role => names.roles.iter().collect(),
        Kind::Zone => names.zones.iter().collect(),
        Kind::Host => names.hosts.iter().collect(),
        Kind::Endpoint => names.zones.iter().chain(&names.hosts).collect(),
        Kind::Any => names.roles.iter().chain(&names.zones).chain(&names.hosts).collect(),
    };
    let prefix = prefix.to_ascii_lowercase();
    let mut starts = Vec::new();
    let mut contains = Vec::new();
    for name in pool {
        let lower = name.to_ascii_lowercase();
        if lower == prefix || starts.contains(name) || contains.contains(name) {
            continue;
        }
        if lower.starts_with(&prefix) {
            starts.push(name.clone());
        } else if !prefix.is_empty() && lower.contains(&prefix) {
            contains.push(name.clone());
        }
    }
    starts.extend(contains);
    starts.truncate(MAX_SHOWN);
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names {
            roles: vec!["openlm/ingress".into(), "openlm/node".into(), "omero-k8s/worker".into()],
            zones: vec!["corp".into(), "cluster".into()],
            hosts: vec!["cp1".into(), "node2".into()],
        }
    }

    #[test]
    fn roles_are_completed_inside_the_roles_list_in_every_syntax() {
        for line in [
            "  cp1: { zone: corp, roles: [openlm/in",
            "  roles: [openlm/node, openlm/in",
            "      \"roles\": [\"openlm/in",
            "roles = [\"openlm/in",
        ] {
            let (start, kind) = context(line).expect(line);
            assert_eq!(kind, Kind::Role, "{line}");
            assert_eq!(&line[start..], "openlm/in", "{line}");
            assert_eq!(candidates(&names(), kind, &line[start..]), ["openlm/ingress"]);
        }
        let (start, kind) = context("  cp1: { roles: [").expect("empty list");
        assert_eq!((kind, start), (Kind::Role, 17));
        assert_eq!(candidates(&names(), kind, "").len(), 3);
    }

    #[test]
    fn zones_hosts_and_policy_sides() {
        assert_eq!(context("  cp1: { zone: cl").map(|c| c.1), Some(Kind::Zone));
        assert_eq!(context("    \"zone\": \"c").map(|c| c.1), Some(Kind::Zone));
        assert_eq!(context("  - { host: no").map(|c| c.1), Some(Kind::Host));
        assert_eq!(context("  - { from: [corp, cl").map(|c| c.1), Some(Kind::Endpoint));
        assert_eq!(candidates(&names(), Kind::Endpoint, "c"), ["corp", "cluster", "cp1"]);
        assert_eq!(candidates(&names(), Kind::Zone, "corp"), Vec::<String>::new());
    }

    #[test]
    fn no_completion_where_no_name_goes() {
        assert_eq!(context("  cp1: { address: 10.0"), None);
        assert_eq!(context("name: my-"), None);
        assert_eq!(context("  roles: [a, b] # c"), None);
        assert_eq!(context(""), None);
        assert_eq!(context("é: ["), None);
    }
}
