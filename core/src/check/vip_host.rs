//! A virtual address (keepalived, VRRP, a cloud floating IP) written as a host of its own.
//! Rules for that "host" are applied by no machine, and the balancers that hold the address
//! open their connections from their own addresses: backends opened to the VIP only are an
//! outage, and a silent one. Read from what the topology says: a host with no role whose
//! every address two other hosts list too (or one, when it is named like a VIP), or one with
//! no role and no service named like a VIP and standing as a peer of flows.

use super::{Check, Context, Finding};
use crate::order::sort_dedup;
use crate::plan::Endpoint;
use crate::text::printable;
use crate::topology::{Host, PolicyEndpoint, Topology};

pub(crate) const CHECK: Check = Check { code: "P024-vip-as-host", run };

/// Words a VIP's host name carries (`lb-vip`, `floating-ip`, `keepalived-addr`).
const VIP_WORDS: [&str; 5] = ["vip", "virtual", "floating", "vrrp", "keepalived"];

fn named_like_a_vip(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| VIP_WORDS.contains(&word))
}

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let topology = cx.topology;
    for host in topology.hosts.iter().filter(|h| h.roles.is_empty()) {
        let holders = holders(topology, host);
        let has_service = topology.services.iter().any(|s| s.host.value == host.name);
        // A failover pair holds a VIP; one other holder alone is more likely a duplicate
        // (P022 says it) unless the name says VIP.
        let shared = holders.len() >= 2 || (holders.len() == 1 && named_like_a_vip(&host.name));
        let a_peer = cx.plan.flows.iter().any(|f| names(&f.source, &host.name));
        let looks_like_one = a_peer && !has_service && named_like_a_vip(&host.name);
        if !shared && !looks_like_one {
            continue;
        }
        let name = printable(&host.name);
        let addresses: Vec<String> = host.ips().map(|a| a.to_string()).collect();
        let (message, help) = if shared {
            let held: Vec<String> = holders.iter().map(|h| format!("`{}`", printable(h))).collect();
            (
                format!(
                    "host `{name}` holds no role and its address {} is listed by {} too: read as their virtual address written as a host; no machine applies `{name}`'s rules, and {} open connections from their own addresses, so flows from `{name}` match nothing",
                    addresses.join(", "),
                    held.join(", "),
                    held.join(", ")
                ),
                format!(
                    "remove host `{name}` and name {} wherever `{name}` is named (clients, peers, services' from and host); keep {} in their address lists",
                    held.join(", "),
                    addresses.join(", ")
                ),
            )
        } else {
            (
                format!(
                    "host `{name}` holds no role and no service and is named like a virtual address: if it is one (keepalived, VRRP, a floating IP), the machines holding it connect from their own addresses, so flows from `{name}` match nothing"
                ),
                format!(
                    "list {} among the addresses of the hosts that hold it, remove host `{name}` and name those hosts where `{name}` is named; if `{name}` is a real machine, rename it",
                    addresses.join(", ")
                ),
            )
        };
        // The clients-reach-the-VIP, balancers-reach-the-members reading is a `vips` entry.
        let help = format!(
            "{help}; or, for a balancer in front of a role, declare it: `vips: {{ {name}: {{ address: {}, hosts: [<holders>], role: <component behind it> }} }}`",
            addresses.join(", ")
        );
        let mut finding =
            Finding::warning(CHECK.code, message).at(topology.location(host.position)).help(help);
        for (at, what) in mentions(topology, &host.name) {
            finding = finding.related(topology.location(at), what);
        }
        out.push(finding);
    }
}

/// The other hosts that list every address of `host` (none when one address is its own),
/// sorted, each once.
fn holders<'a>(topology: &'a Topology, host: &Host) -> Vec<&'a str> {
    let mut all: Option<Vec<&str>> = None;
    for address in host.ips() {
        let mut here: Vec<&str> = topology
            .hosts
            .iter()
            .filter(|h| h.name != host.name && h.ips().any(|a| a == address))
            .map(|h| h.name.as_str())
            .collect();
        sort_dedup(&mut here);
        all = Some(match all {
            None => here,
            Some(mut before) => {
                before.retain(|name| here.binary_search(name).is_ok());
                before
            }
        });
    }
    all.unwrap_or_default()
}

fn names(endpoint: &Endpoint, host: &str) -> bool {
    matches!(endpoint, Endpoint::Host(h) if h.name == host)
}

/// Where the topology names the host as someone's peer: `clients`, `peers`, services' `from`.
fn mentions(topology: &Topology, host: &str) -> Vec<(crate::data::Position, String)> {
    let mut out = Vec::new();
    for (section, settlements) in [("clients", &topology.clients), ("peers", &topology.peers)] {
        for s in settlements {
            for m in s.members.iter().filter(|m| m.value == host) {
                out.push((
                    m.position,
                    format!("named in `{section}` of `{}`", printable(&s.key.value)),
                ));
            }
        }
    }
    for service in &topology.services {
        for from in &service.from {
            if matches!(&from.value, PolicyEndpoint::Name(n) if n == host) {
                out.push((
                    from.position,
                    format!("named in the `from` of service `{}`", printable(&service.name)),
                ));
            }
        }
    }
    sort_dedup(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::named_like_a_vip;

    #[test]
    fn vip_words_are_whole_words() {
        assert!(named_like_a_vip("lb-VIP"));
        assert!(named_like_a_vip("floating_ip"));
        assert!(!named_like_a_vip("vipul-laptop"));
        assert!(!named_like_a_vip("db1"));
    }
}
