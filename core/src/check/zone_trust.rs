//! Zones whose trust says less than their networks: a zone marked trusted that holds every
//! address of a family (`0.0.0.0/0` written `trust: trusted`), or a trusted and an untrusted
//! zone declaring the same network. Rules planned from such a zone open its ports to
//! addresses the topology itself calls untrusted, so it is said, never left silent. Also a
//! host of a trusted zone whose address lies in an untrusted zone nested in it (a kiosk on
//! the guest VLAN filed under the campus /8): flows from its zone leave the nested network
//! out, so the host is not among them, an outage nothing else would report.

use super::addresses::in_other_zone;
use super::{Check, Context, Finding};
use crate::text::printable;

pub(crate) const CHECK: Check = Check { code: "P023-trust-ambiguous", run };

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    hosts_on_nested_untrusted(cx, out);
    let topology = cx.topology;
    for zone in topology.trusted_zones() {
        for cidr in &zone.cidrs {
            let net = cidr.value;
            let at = topology.location(cidr.position);
            if net.prefix_len() == 0 {
                out.push(
                    Finding::warning(
                        CHECK.code,
                        format!(
                            "zone `{}` is marked trusted but holds every {} address ({net}): whatever it may reach, the whole internet may",
                            printable(&zone.name),
                            if net.addr().is_ipv4() { "IPv4" } else { "IPv6" }
                        ),
                    )
                    .at(at)
                    .help("mark the zone `trust: untrusted`, or give it the networks it really has"),
                );
                continue;
            }
            let twin = topology
                .untrusted_zones()
                .find_map(|u| u.cidrs.iter().find(|c| c.value == net).map(|c| (u, c)));
            if let Some((untrusted, other)) = twin {
                out.push(
                    Finding::warning(
                        CHECK.code,
                        format!(
                            "network {net} is in trusted zone `{}` and in untrusted zone `{}`: rules from `{}` let the untrusted addresses in",
                            printable(&zone.name),
                            printable(&untrusted.name),
                            printable(&zone.name)
                        ),
                    )
                    .at(at)
                    .related(
                        topology.location(other.position),
                        format!("zone `{}` declares it too", printable(&untrusted.name)),
                    )
                    .help("keep the network in one zone, or split it so each part has one trust"),
                );
            }
        }
    }
}

/// A host of a trusted zone with an address inside an untrusted zone nested in that zone
/// (the most specific zone holding an address is the one policies read it in). Which zone
/// wins is said, not guessed: the host keeps its written zone for its own flows, but flows
/// *from* its zone ([`crate::topology::trusted_nets::flow_nets`]) leave the nested network out, so they do
/// not let the host in.
fn hosts_on_nested_untrusted(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let topology = cx.topology;
    for host in &topology.hosts {
        let Some(own) = topology.zone(&host.zone.value).filter(|z| !z.is_untrusted()) else {
            continue;
        };
        for address in &host.addresses {
            let Some(own_prefix) =
                own.nets().filter(|n| n.contains(&address.value)).map(|n| n.prefix_len()).max()
            else {
                continue;
            };
            let nested = topology.untrusted_zones().find(|u| {
                u.nets().any(|n| n.contains(&address.value) && n.prefix_len() > own_prefix)
            });
            let Some(nested) = nested else { continue };
            out.push(
                Finding::warning(
                    CHECK.code,
                    format!(
                        "{}, nested in `{own}`: the host is planned as a `{own}` host, but flows from `{own}` leave `{}` out, so they do not let `{}` in",
                        in_other_zone(address.value, host, own, None, nested),
                        printable(&nested.name),
                        printable(&host.name),
                        own = printable(&own.name),
                    ),
                )
                .at(topology.location(address.position))
                .help(format!(
                    "if the host sits on that network, write `zone: {}` (and name it where it must be let in, e.g. in `clients`); if the address is a typo, fix it",
                    printable(&nested.name)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::check_text;
    use crate::model::Catalog;
    use crate::topology::Format;

    fn warned(zones: &str) -> Vec<(u32, u32, String)> {
        let text = format!("zones:\n{zones}hosts: {{}}\n");
        let (_, report) = check_text(&Catalog::default(), &text, "t.yaml", Format::Yaml);
        report
            .findings
            .iter()
            .filter(|f| f.code == super::CHECK.code)
            .map(|f| {
                let at = f.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
                (at.0, at.1, f.message.clone())
            })
            .collect()
    }

    #[test]
    fn a_trusted_zone_of_every_address_is_warned_per_family() {
        let found = warned("  all: {cidrs: [0.0.0.0/0, \"::/0\"], trust: trusted}\n");
        assert_eq!(found.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), [(2, 17), (2, 28)]);
        assert!(found[0].2.contains("every IPv4 address") && found[1].2.contains("every IPv6"));
        // Untrusted by default or by hand: nothing to say.
        assert!(warned("  internet: {cidrs: [0.0.0.0/0]}\n").is_empty());
    }

    #[test]
    fn the_same_network_trusted_and_untrusted_is_warned_but_nesting_is_not() {
        let twin = warned(
            "  servers: {cidrs: [10.8.0.0/24]}\n  vpn: {cidrs: [10.8.0.0/24], trust: untrusted}\n",
        );
        assert_eq!(twin.len(), 1);
        assert!(twin[0].2.contains("`servers`") && twin[0].2.contains("`vpn`"), "{twin:?}");
        // A guest /24 inside a trusted /16 is nesting (the flows leave it out), not a conflict.
        let nested = warned(
            "  campus: {cidrs: [10.5.0.0/16]}\n  guest: {cidrs: [10.5.9.0/24], trust: untrusted}\n",
        );
        assert!(nested.is_empty(), "{nested:?}");
    }

    /// Regression (a kiosk on the guest VLAN filed under the campus): a host of a trusted
    /// zone whose address lies in an untrusted zone nested in it was silent, while every flow
    /// from its zone left that network out (the host cut off from what its zone may reach).
    #[test]
    fn regression_host_of_a_trusted_zone_on_a_nested_untrusted_network_was_silent() {
        let zones =
            "  corp: {cidrs: [10.0.0.0/8]}\n  guest: {cidrs: [10.9.0.0/16], trust: untrusted}\n";
        let text = format!(
            "zones:\n{zones}hosts:\n  kiosk: {{zone: corp, address: 10.9.4.40}}\n  desk: {{zone: corp, address: 10.1.0.5}}\n  visitor: {{zone: guest, address: 10.9.0.7}}\n"
        );
        let (_, report) = check_text(&Catalog::default(), &text, "t.yaml", Format::Yaml);
        let found: Vec<(u32, u32, String)> = report
            .findings
            .iter()
            .filter(|f| f.code == super::CHECK.code)
            .map(|f| {
                let at = f.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
                (at.0, at.1, f.message.clone())
            })
            .collect();
        // The kiosk only (the desk is on corp's own network, the visitor in its own zone),
        // at its address.
        assert_eq!(found.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), [(5, 32)], "{found:?}");
        assert!(
            found[0].2.contains("`kiosk`") && found[0].2.contains("untrusted zone `guest`"),
            "{found:?}"
        );
    }
}
