//! Reads the `management` and `egress` keys (see [`crate::topology::access`]) and checks the
//! names they use once zones and hosts are known: a typo in management access would lock the
//! operator out, so it is an error here, located, with a suggestion.

use super::{ParseError, Reader, parse_endpoint, parse_port_spec, printable};
use crate::data::{Node, NodeValue};
use crate::topology::access::{Access, AccessKind, DEFAULT_MANAGEMENT_PORT};
use crate::topology::model::{Located, PolicyEndpoint, Topology};
use crate::topology::suggest::did_you_mean;

const ENTRY_KEYS: &[&str] = &["from", "to", "ports", "description", "comment"];

impl Reader {
    /// A list of entries; an entry is a mapping or, for short, the peer alone (`- admin`).
    pub(super) fn access(&mut self, node: &Node, kind: AccessKind) -> Vec<Access> {
        let items = match &node.value {
            NodeValue::Sequence(items) => items.as_slice(),
            NodeValue::Null => &[],
            NodeValue::String(_) | NodeValue::Mapping(_) => std::slice::from_ref(node),
            _ => {
                self.error(ParseError::new(
                    node.position,
                    format!("`{}` must be a list of entries, found {}", kind.key(), node.kind()),
                ));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            let before = self.errors.len();
            let mut entry = Access {
                position: item.position,
                peers: Vec::new(),
                ports: Vec::new(),
                hosts: Vec::new(),
            };
            if let NodeValue::String(text) = &item.value {
                match parse_endpoint(text) {
                    Ok(peer) => entry.peers.push(Located::new(peer, item.position)),
                    Err(error) => self.error(error.at(item.position)),
                }
            } else {
                let what = format!("a `{}` entry", kind.key());
                let Some(fields) = self.mapping(item, &what) else { continue };
                self.check_keys(fields, ENTRY_KEYS, &what);
                for (field, v) in fields {
                    match field.name.as_str() {
                        key if key == kind.peer_key() => entry.peers = self.endpoints(v),
                        key if key == kind.hosts_key() => {
                            entry.hosts = self.strings(v, "a host or zone name")
                        }
                        "ports" => entry.ports = self.ports(v),
                        _ => {}
                    }
                }
            }
            if self.errors.len() > before {
                continue;
            }
            if entry.peers.is_empty() {
                let example = match kind {
                    AccessKind::Management => "from: admin",
                    AccessKind::Egress => "to: resolvers",
                };
                self.error(
                    ParseError::new(
                        item.position,
                        format!("a `{}` entry has no `{}`", kind.key(), kind.peer_key()),
                    )
                    .help(format!("add `{example}` (a zone, a host, a CIDR or `any`)")),
                );
                continue;
            }
            if entry.ports.is_empty() {
                match kind {
                    AccessKind::Management => {
                        if let Ok(ssh) = parse_port_spec(DEFAULT_MANAGEMENT_PORT) {
                            entry.ports.push(Located::new(ssh, item.position));
                        }
                    }
                    AccessKind::Egress => {
                        self.error(
                            ParseError::new(item.position, "an `egress` entry has no `ports`")
                                .help("add `ports: [443/tcp]`"),
                        );
                        continue;
                    }
                }
            }
            out.push(entry);
        }
        out
    }

    /// Every zone or host name the entries use must exist.
    pub(super) fn check_access_names(&mut self, topology: &Topology) {
        let names = || {
            topology
                .zones
                .iter()
                .map(|z| z.name.as_str())
                .chain(topology.hosts.iter().map(|h| h.name.as_str()))
        };
        let known = |name: &str| names().any(|n| n == name);
        for (kind, entries) in
            [(AccessKind::Management, &topology.management), (AccessKind::Egress, &topology.egress)]
        {
            for entry in entries {
                let peers = entry.peers.iter().filter_map(|p| match &p.value {
                    PolicyEndpoint::Name(name) => {
                        Some((name.as_str(), p.position, kind.peer_key()))
                    }
                    PolicyEndpoint::Any | PolicyEndpoint::Cidr(_) => None,
                });
                let hosts =
                    entry.hosts.iter().map(|h| (h.value.as_str(), h.position, kind.hosts_key()));
                let unknown: Vec<_> =
                    peers.chain(hosts).filter(|(name, _, _)| !known(name)).collect();
                for (name, position, key) in unknown {
                    let mut error = ParseError::new(
                        position,
                        format!(
                            "`{}` of a `{}` entry names `{}`, which is neither a zone nor a host",
                            key,
                            kind.key(),
                            printable(name)
                        ),
                    );
                    error = match did_you_mean(name, names()) {
                        Some(best) => error.help(format!("did you mean `{best}`?")),
                        None => {
                            error.help("name a zone or host of this topology, a CIDR, or `any`")
                        }
                    };
                    self.error(error);
                }
            }
        }
        // A service's `from` may also name a role some host holds (its hosts reach it).
        let roles = || topology.hosts.iter().flat_map(|h| h.roles.iter().map(|r| r.value.as_str()));
        for service in &topology.services {
            for peer in &service.from {
                let PolicyEndpoint::Name(name) = &peer.value else { continue };
                if known(name) || roles().any(|r| r == name) {
                    continue;
                }
                let mut error = ParseError::new(
                    peer.position,
                    format!(
                        "`from` of service `{}` names `{}`, which is neither a zone, a host nor a role a host holds",
                        printable(&service.name),
                        printable(name)
                    ),
                );
                error = match did_you_mean(name, names().chain(roles())) {
                    Some(best) => error.help(format!("did you mean `{best}`?")),
                    None => error
                        .help("name a zone, a host or a role of this topology, a CIDR, or `any`"),
                };
                self.error(error);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::topology::{Format, PolicyEndpoint, parse};

    fn errors(text: &str) -> Vec<String> {
        match parse(text, "t.yaml", Format::Yaml) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .iter()
                .map(|e| {
                    format!(
                        "{}:{} {} ({})",
                        e.position.line,
                        e.position.column,
                        e.message,
                        e.help.clone().unwrap_or_default()
                    )
                })
                .collect(),
        }
    }

    const BASE: &str = "zones:\n  admin: [10.9.0.0/24]\n  lan: [10.0.0.0/24]\nhosts:\n  a: { zone: lan, address: 10.0.0.5 }\n";

    #[test]
    fn management_defaults_to_ssh_and_every_host() {
        let text = format!("{BASE}management: [admin]\n");
        let topology = parse(&text, "t.yaml", Format::Yaml).expect("valid");
        let [entry] = topology.management.as_slice() else { panic!("one entry") };
        assert_eq!(entry.peers[0].value, PolicyEndpoint::Name("admin".to_owned()));
        assert_eq!(entry.ports[0].value.to_string(), "22/tcp");
        assert!(entry.hosts.is_empty());
        assert_eq!(entry.position.line, 6);
    }

    #[test]
    fn egress_reads_destinations_ports_and_sources() {
        let text = format!(
            "{BASE}egress:\n  - {{ to: [10.9.0.53, a], ports: [53/udp, 53/tcp], from: lan }}\n"
        );
        let topology = parse(&text, "t.yaml", Format::Yaml).expect("valid");
        let [entry] = topology.egress.as_slice() else { panic!("one entry") };
        assert_eq!(entry.peers.len(), 2);
        assert_eq!(entry.ports.len(), 2);
        assert_eq!(entry.hosts[0].value, "lan");
    }

    #[test]
    fn a_misspelt_management_source_is_a_located_error_with_a_suggestion() {
        let found = errors(&format!("{BASE}management:\n  - {{ from: admn }}\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("7:13 "), "{found:?}");
        assert!(
            found[0].contains("`admn`") && found[0].contains("did you mean `admin`?"),
            "{found:?}"
        );
    }

    #[test]
    fn egress_without_ports_and_entries_without_a_peer_are_errors() {
        let found = errors(&format!("{BASE}egress: [{{ to: any }}]\nmanagement: [{{ to: a }}]\n"));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("has no `ports`"), "{found:?}");
        assert!(found[1].contains("has no `from`"), "{found:?}");
    }

    #[test]
    fn unknown_keys_in_an_entry_are_reported() {
        let found = errors(&format!("{BASE}management: [{{ from: admin, port: [22/tcp] }}]\n"));
        assert!(
            found.iter().any(|e| e.contains("unknown key `port`") && e.contains("`ports`")),
            "{found:?}"
        );
    }
}
