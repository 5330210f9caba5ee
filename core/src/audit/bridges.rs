//! The network behind a bridge of this host's containers or VMs (`docker0`, `virbr0`): a
//! forwarded packet leaves on that bridge exactly when it is addressed into that network, so
//! `-o virbr0` / `oif "virbr0"` in a forward chain is a destination match, not an assumption.
//! Shared by the iptables and nft readers (Docker's masquerade is iptables' own, in
//! `iptables::bridge_networks`).

use ipnet::IpNet;

use super::model::{Ruleset, Verdict};
use super::words::{FromNetwork, complement_nets, from_network, narrowed};

/// A bridge's name and its network.
pub type BridgeNetwork = (String, Vec<IpNet>);

/// libvirt lets forwarded traffic out on a network's bridge only back to that network
/// (`-A LIBVIRT_FWI -d 192.168.122.0/24 -o virbr0 … -j ACCEPT`, then `-A LIBVIRT_FWI -o virbr0
/// -j REJECT`; with nftables, `oif "virbr0" ip daddr 192.168.122.0/24 … accept`, then `oif
/// "virbr0" reject`): a chain that accepts `-d NET -o BRIDGE` and then drops every other
/// packet out on that bridge names the bridge's network. `text` is how the reader wrote the
/// out-interface match in `assumed`. Regression: the REJECT was read as never matching, so a
/// port forwarded to a guest that no forward rule accepts read as open.
pub fn libvirt_networks(
    ruleset: &Ruleset,
    text: &dyn Fn(&str, bool) -> String,
) -> Vec<BridgeNetwork> {
    let mut networks = Vec::new();
    for chain in &ruleset.chains {
        for (index, rule) in chain.rules.iter().enumerate() {
            let m = &rule.matcher;
            let (Some((bridge, false)), Some(nets), Verdict::Accept) =
                (&m.out_interface, &m.destinations, &rule.verdict)
            else {
                continue;
            };
            if from_network(&[bridge.as_str()], false) != FromNetwork::Never {
                continue;
            }
            let rest_dropped = chain.rules.iter().skip(index + 1).any(|later| {
                let l = &later.matcher;
                later.verdict == Verdict::Drop
                    && l.out_interface.as_ref() == Some(&(bridge.clone(), false))
                    && l.sources.is_none()
                    && l.destinations.is_none()
                    && l.assumed.iter().all(|a| *a == text(bridge, false))
            });
            if rest_dropped {
                networks.push((bridge.clone(), nets.clone()));
            }
        }
    }
    networks
}

/// Every out-interface match on one of `networks`' bridges (outside the chains whose name
/// starts with `skip`, nat's) turned into a destination match, its assumption dropped.
pub fn as_destinations(
    ruleset: &mut Ruleset,
    networks: &[BridgeNetwork],
    text: &dyn Fn(&str, bool) -> String,
    skip: &str,
) {
    if networks.is_empty() {
        return;
    }
    for chain in ruleset.chains.iter_mut().filter(|c| skip.is_empty() || !c.name.starts_with(skip))
    {
        for rule in &mut chain.rules {
            let m = &mut rule.matcher;
            let Some((name, negated)) = m.out_interface.clone() else { continue };
            let Some((_, nets)) = networks.iter().find(|(n, _)| *n == name) else { continue };
            let nets = if negated { complement_nets(nets, m.family) } else { nets.clone() };
            m.destinations = Some(narrowed(m.destinations.take(), nets));
            let written = text(&name, negated);
            m.assumed.retain(|a| *a != written);
        }
    }
}

/// What the nft readers write in `assumed` for `oif "virbr0"` (`oif != "virbr0"`).
pub fn nft_out_interface_text(name: &str, negated: bool) -> String {
    format!("`oif{} {name}` (interfaces)", if negated { " !=" } else { "" })
}

/// The nft readers' pass: libvirt's networks learned, their bridges read as destinations.
pub fn nft_bridges(ruleset: &mut Ruleset) {
    let networks = libvirt_networks(ruleset, &nft_out_interface_text);
    as_destinations(ruleset, &networks, &nft_out_interface_text, "");
}
