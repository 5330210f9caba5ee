//! Zones whose trust says less than their networks: a zone marked trusted that holds every
//! address of a family (`0.0.0.0/0` written `trust: trusted`), or a trusted and an untrusted
//! zone declaring the same network. Rules planned from such a zone open its ports to
//! addresses the topology itself calls untrusted, so it is said, never left silent.

use super::{Check, Context, Finding};
use crate::text::printable;

pub(crate) const CHECK: Check = Check {
    code: "P023-trust-ambiguous",
    name: "trust-ambiguous",
    summary: "A trusted zone holds every address of a family, or the same network as an untrusted zone.",
    run,
};

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
}
