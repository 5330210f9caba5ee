//! The host keys that name what to audit on it: `rules:` and `listening:` (files, relative to
//! the topology, read by the caller), `security_groups:` (which groups of an AWS export apply)
//! `pod_labels:` (what NetworkPolicy selectors see) and `interfaces:` (the host's network
//! interfaces, which decide an imported ruleset's `-i eth0`), `network_tags:` (which rules of a
//! GCP firewall export target it). See [`crate::audit`].

use super::{ParseError, Reader};
use crate::data::Node;
use crate::topology::HostFiles;

/// The keys read here (also listed in the parser's host keys).
pub(super) const KEYS: &[&str] =
    &["rules", "listening", "security_groups", "pod_labels", "interfaces", "network_tags"];

impl Reader {
    pub(super) fn host_file(&mut self, key: &str, v: &Node, files: &mut HostFiles) {
        match key {
            "rules" => files.rules = self.strings(v, "a ruleset file"),
            "listening" => files.listening = self.strings(v, "a sockets file"),
            "interfaces" => files.interfaces = self.strings(v, "an interface name"),
            "network_tags" => files.network_tags = self.strings(v, "a GCP network tag"),
            "security_groups" => {
                files.security_groups = self.strings(v, "a security group id or name")
            }
            "pod_labels" => match v.as_mapping() {
                Some(labels) => {
                    for (label, value) in labels {
                        match value.as_str() {
                            Some(text) => {
                                files.pod_labels.push((label.name.clone(), text.to_owned()))
                            }
                            None => self.error(ParseError::new(
                                value.position,
                                format!(
                                    "pod label `{}` must be a string, found {}",
                                    label.name,
                                    value.kind()
                                ),
                            )),
                        }
                    }
                }
                None => self.error(ParseError::new(
                    v.position,
                    format!("`pod_labels` must be a mapping of label to value, found {}", v.kind()),
                )),
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::topology::{Format, parse};

    /// Regression: `pod_labels` was read here but missing from the host keys, so refused.
    #[test]
    fn every_key_read_here_is_a_host_key() {
        for key in super::KEYS {
            assert!(super::super::HOST_KEYS.contains(key), "{key}");
        }
    }

    #[test]
    fn hosts_name_their_files_groups_and_labels() {
        let text = "zones: { z: { cidrs: [10.0.0.0/8] } }\nhosts:\n  h1:\n    zone: z\n    address: 10.0.0.1\n    rules: [h1.nft, h1.v6]\n    listening: h1.ss\n    security_groups: sg-1\n    pod_labels: { app: web }\n    interfaces: [eth0]\n    network_tags: [web, h-h1]\n";
        let topology = parse(text, "t.yaml", Format::Yaml).unwrap();
        let files = &topology.hosts[0].files;
        let rules: Vec<&str> = files.rules.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(rules, ["h1.nft", "h1.v6"]);
        assert_eq!(files.listening[0].value, "h1.ss");
        assert_eq!((files.listening[0].position.line, files.listening[0].position.column), (7, 16));
        assert_eq!(files.security_groups[0].value, "sg-1");
        assert_eq!(files.pod_labels, [("app".to_owned(), "web".to_owned())]);
        assert_eq!(files.interfaces.iter().map(|i| i.value.as_str()).collect::<Vec<_>>(), ["eth0"]);
        assert_eq!(
            files.network_tags.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
            ["web", "h-h1"]
        );
        let bad = "zones: { z: { cidrs: [10.0.0.0/8] } }\nhosts:\n  h1: { zone: z, address: 10.0.0.1, pod_labels: [a] }\n";
        let errors = parse(bad, "t.yaml", Format::Yaml).unwrap_err();
        assert!(errors.iter().any(|e| e.message.contains("pod_labels") && e.position.line == 3));
    }
}
