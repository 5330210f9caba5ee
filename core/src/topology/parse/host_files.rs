//! The host keys that name what to audit on it: `rules:` and `listening:` (files, relative to
//! the topology, read by the caller), `security_groups:` (which groups of an AWS export apply)
//! `pod_labels:` (what NetworkPolicy selectors see) and `interfaces:` (the host's network
//! interfaces, which decide an imported ruleset's `-i eth0`), `network_tags:` (which rules of a
//! GCP firewall export target it). See [`crate::audit`]. Also `guest_interfaces:` (the
//! interfaces of the host's containers or VMs, which its generated host firewall leaves to
//! their runtime: [`crate::emit::guests`]).

use super::{ParseError, Reader};
use crate::data::Node;
use crate::topology::HostFiles;

/// The keys read here (the parser's host keys include them).
pub(super) const KEYS: [&str; 7] = [
    "rules",
    "listening",
    "security_groups",
    "pod_labels",
    "interfaces",
    "network_tags",
    "guest_interfaces",
];

impl Reader {
    pub(super) fn host_file(&mut self, key: &str, v: &Node, files: &mut HostFiles) {
        match key {
            "rules" => files.rules = self.strings(v, "a ruleset file"),
            "listening" => files.listening = self.strings(v, "a sockets file"),
            "interfaces" => files.interfaces = self.strings(v, "an interface name"),
            "network_tags" => files.network_tags = self.strings(v, "a GCP network tag"),
            "guest_interfaces" => {
                let names = self.strings(v, "an interface name");
                for name in &names {
                    if !is_interface_pattern(&name.value) {
                        self.error(ParseError::new(
                            name.position,
                            format!(
                                "`{}` is not an interface name: expected 1 to 15 letters, digits, `_`, `.` or `-`, optionally ending in `*` for a prefix (docker0, virbr0, br-*)",
                                name.value
                            ),
                        ));
                    }
                }
                files.guest_interfaces =
                    names.into_iter().filter(|n| is_interface_pattern(&n.value)).collect();
            }
            "security_groups" => {
                files.security_groups = self.strings(v, "a security group id or name")
            }
            // `pod_labels: null` is no labels, the key left out.
            "pod_labels" if matches!(v.value, crate::data::NodeValue::Null) => {}
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

/// A Linux interface name (at most 15 bytes of a safe charset), or such a prefix and `*`: it
/// is written into nft, iptables, ufw and firewalld files as is, so nothing else gets in.
pub(crate) fn is_interface_pattern(name: &str) -> bool {
    let stem = name.strip_suffix('*').unwrap_or(name);
    (1..=15).contains(&stem.len())
        && stem.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

#[cfg(test)]
mod tests {
    use crate::topology::{Format, parse};

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

    #[test]
    fn guest_interfaces_are_read_and_a_name_that_is_no_interface_is_refused() {
        let text = "zones: { z: { cidrs: [10.0.0.0/8] } }\nhosts:\n  h1:\n    zone: z\n    address: 10.0.0.1\n    guest_interfaces: [docker0, br-*]\n";
        let topology = parse(text, "t.yaml", Format::Yaml).expect("parses");
        let names: Vec<&str> =
            topology.hosts[0].files.guest_interfaces.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(names, ["docker0", "br-*"]);
        let bad = text.replace("br-*", "'eth0 accept'");
        let errors = parse(&bad, "t.yaml", Format::Yaml).expect_err("refused");
        let text = format!("{errors:?}");
        assert!(text.contains("is not an interface name") && text.contains("line: 6"), "{text}");
    }
}
