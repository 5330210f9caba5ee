//! Host addresses against their zones: IPv4/IPv6 mismatch, outside the CIDRs, duplicates.

use rustc_hash::FxHashMap as HashMap;
use std::net::IpAddr;

use super::{Check, Context, Finding};
use crate::text::printable;

pub(crate) const FAMILY_MISMATCH: Check =
    Check { code: "P020-address-family-mismatch", run: family_mismatch };

pub(crate) const OUTSIDE_ZONE: Check =
    Check { code: "P021-address-outside-zone", run: outside_zone };

pub(crate) const DUPLICATE_ADDRESS: Check =
    Check { code: "P022-duplicate-address", run: duplicate_address };

fn family(address: IpAddr) -> &'static str {
    if address.is_ipv4() { "IPv4" } else { "IPv6" }
}

fn family_mismatch(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for host in &cx.topology.hosts {
        let Some(zone) = cx.topology.zone(&host.zone.value) else { continue };
        if zone.cidrs.is_empty() {
            continue;
        }
        for address in &host.addresses {
            let fam = family(address.value);
            if zone.nets().any(|n| {
                matches!(
                    (n, address.value),
                    (ipnet::IpNet::V4(_), IpAddr::V4(_)) | (ipnet::IpNet::V6(_), IpAddr::V6(_))
                )
            }) {
                continue;
            }
            let nets: Vec<String> = zone.nets().map(|n| n.to_string()).collect();
            out.push(
                Finding::error(
                    FAMILY_MISMATCH.code,
                    format!(
                        "host `{}` has {fam} address {} but zone `{}` has no {fam} network ({})",
                        printable(&host.name),
                        address.value,
                        printable(&zone.name),
                        nets.join(", ")
                    ),
                )
                .at(cx.topology.location(address.position))
                .help(format!(
                    "add an {fam} CIDR to zone `{}`, or fix the address",
                    printable(&zone.name)
                )),
            );
        }
    }
}

fn outside_zone(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for host in &cx.topology.hosts {
        let Some(zone) = cx.topology.zone(&host.zone.value) else { continue };
        for address in &host.addresses {
            let same_family = zone.nets().any(|n| n.addr().is_ipv4() == address.value.is_ipv4());
            if !same_family || zone.contains(address.value) {
                continue;
            }
            let nets: Vec<String> = zone
                .nets()
                .filter(|n| n.addr().is_ipv4() == address.value.is_ipv4())
                .map(|n| n.to_string())
                .collect();
            if let Some(other) = second_interface(cx, host, zone, address.value) {
                out.push(
                    Finding::warning(
                        OUTSIDE_ZONE.code,
                        format!(
                            "{}: read as a second interface",
                            in_other_zone(address.value, host, zone, Some(&nets), other)
                        ),
                    )
                    .at(cx.topology.location(address.position))
                    .help(format!(
                        "`{}`'s environment and its zone's flows are `{}`'s; an untrusted zone reaches it on its untrusted legs' addresses only, and exposure checks count every leg; fix the address if it is a typo",
                        printable(&host.name),
                        printable(&zone.name)
                    )),
                );
                continue;
            }
            let mut finding = Finding::error(
                OUTSIDE_ZONE.code,
                format!(
                    "address {} of host `{}` is outside zone `{}` ({})",
                    address.value,
                    printable(&host.name),
                    printable(&zone.name),
                    nets.join(", ")
                ),
            )
            .at(cx.topology.location(address.position));
            let better =
                cx.topology.zones.iter().find(|z| {
                    z.name != zone.name && z.contains(address.value) && !z.is_untrusted()
                });
            finding = match better {
                Some(z) => finding.help(format!(
                    "the address is in zone `{}`: did you mean `zone: {}`?",
                    printable(&z.name),
                    printable(&z.name)
                )),
                None => finding.help("fix the address or add its network to the zone"),
            };
            out.push(finding);
        }
    }
}

/// How P021 (a second interface) and P023 (a nested untrusted network) name a host's address
/// that lies in a zone other than its own: "address A of host `h` (zone `z`: its networks) is
/// in [untrusted] zone `o`". One builder, so the two findings name the same fact the same way.
pub(super) fn in_other_zone(
    address: IpAddr,
    host: &crate::topology::Host,
    own: &crate::topology::Zone,
    own_nets: Option<&[String]>,
    other: &crate::topology::Zone,
) -> String {
    let nets = own_nets.map(|n| format!(": {}", n.join(", "))).unwrap_or_default();
    format!(
        "address {address} of host `{}` (zone `{}`{nets}) is in {}zone `{}`",
        printable(&host.name),
        printable(&own.name),
        if other.is_untrusted() { "untrusted " } else { "" },
        printable(&other.name)
    )
}

/// A host on two networks (a load balancer's front and back, a storage interface): another
/// of its addresses is in its own zone and this one in another declared zone (not one that
/// holds every address, which a public NAT'd address would also match).
fn second_interface<'a>(
    cx: &Context<'a>,
    host: &crate::topology::Host,
    zone: &crate::topology::Zone,
    address: IpAddr,
) -> Option<&'a crate::topology::Zone> {
    // The planner's reading ([`crate::topology::Topology::legs`]), so the warning names the
    // zone the flows use.
    cx.topology.address_zone(host, address).filter(|z| z.name != zone.name)
}

fn duplicate_address(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen: HashMap<IpAddr, (&str, crate::data::Position)> = HashMap::default();
    for host in &cx.topology.hosts {
        for address in &host.addresses {
            match seen.get(&address.value) {
                Some((first, position)) if *first != host.name => out.push(
                    Finding::warning(
                        DUPLICATE_ADDRESS.code,
                        format!(
                            "hosts `{}` and `{}` share address {}",
                            printable(first),
                            printable(&host.name),
                            address.value
                        ),
                    )
                    .at(cx.topology.location(address.position))
                    .related(
                        cx.topology.location(*position),
                        format!("`{}` has it too", printable(first)),
                    )
                    // A failover pair's virtual address is the usual reason; its VRRP (IP
                    // protocol 112) has no port, so no generated rule carries it.
                    .help(
                        "if it is a virtual address moved between them (keepalived, VRRP), that is fine: flows to either host reach it; allow VRRP (IP protocol 112) between them by hand, since host firewalls made from this plan drop it",
                    ),
                ),
                Some(_) => {}
                None => {
                    seen.insert(address.value, (host.name.as_str(), address.position));
                }
            }
        }
    }
}
