//! A host on several networks: a load balancer with a DMZ leg and an internal leg, a storage
//! node with a backup interface. Its `zone` is its main network (trust and environment come
//! from it); each address lies on a *leg*, the zone whose network holds it. Planning reads the
//! legs so that an untrusted zone is only ever let in on the legs it faces
//! ([`crate::plan`]), and exposure checks count every leg.

use std::net::IpAddr;

use super::{Host, Topology, Zone};

impl Topology {
    /// The zone an address of `host` is on: its own zone when that holds the address (or holds
    /// none of the host's addresses: a typo, not a leg, which P021 reports), else the most
    /// specific other declared zone holding it. A zone that holds every address
    /// (`0.0.0.0/0`) is no leg: a public NAT'd address would match it too.
    pub fn address_zone(&self, host: &Host, address: IpAddr) -> Option<&Zone> {
        let own = self.zone(&host.zone.value)?;
        if own.contains(address) || !host.ips().any(|a| own.contains(a)) {
            return Some(own);
        }
        let leg = self
            .zones
            .iter()
            .filter(|z| z.name != own.name)
            .filter_map(|z| {
                z.cidrs
                    .iter()
                    .filter(|c| c.value.prefix_len() > 0 && c.value.contains(&address))
                    .map(|c| c.value.prefix_len())
                    .max()
                    .map(|prefix| (prefix, z))
            })
            // The first declared zone among equally specific ones.
            .fold(None::<(u8, &Zone)>, |best, (prefix, z)| match best {
                Some((p, _)) if p >= prefix => best,
                _ => Some((prefix, z)),
            });
        Some(leg.map_or(own, |(_, z)| z))
    }

    /// The host's legs: each zone its addresses are on (its own zone first, then in address
    /// order) with the addresses on it. One entry for a host on one network.
    pub fn legs<'a>(&'a self, host: &Host) -> Vec<(&'a Zone, Vec<IpAddr>)> {
        let mut legs: Vec<(&Zone, Vec<IpAddr>)> = Vec::new();
        if let Some(own) = self.zone(&host.zone.value) {
            legs.push((own, Vec::new()));
        }
        for address in host.ips() {
            let Some(zone) = self.address_zone(host, address) else { continue };
            match legs.iter_mut().find(|(z, _)| z.name == zone.name) {
                Some((_, addresses)) => addresses.push(address),
                None => legs.push((zone, vec![address])),
            }
        }
        legs
    }

    /// An untrusted zone is on one of the host's legs: its main zone, or a second interface
    /// (a DMZ leg of a host placed in the internal zone).
    pub fn faces_untrusted(&self, host: &Host) -> bool {
        self.legs(host).iter().any(|(zone, _)| zone.is_untrusted())
    }
}

#[cfg(test)]
mod tests {
    use crate::topology::{Format, parse};

    const TWO_LEGS: &str = "zones:\n  internet: {cidrs: [0.0.0.0/0], trust: untrusted}\n  dmz: {cidrs: [192.0.2.0/28], trust: untrusted}\n  lan: {cidrs: [10.0.0.0/16]}\n  lan-db: {cidrs: [10.0.5.0/24]}\nhosts:\n  lb: {zone: lan, address: [10.0.0.2, 192.0.2.2, 10.0.5.2, 198.51.100.7]}\n  app: {zone: lan, address: 10.0.0.3}\n";

    #[test]
    fn a_second_interface_is_on_the_most_specific_other_zone_and_a_public_address_is_no_leg() {
        let topology = parse(TWO_LEGS, "t.yaml", Format::Yaml).expect("parses");
        let lb = topology.host("lb").expect("lb");
        let legs: Vec<(String, Vec<String>)> = topology
            .legs(lb)
            .into_iter()
            .map(|(z, a)| (z.name.clone(), a.iter().map(ToString::to_string).collect()))
            .collect();
        // 10.0.5.2 is in lan itself (its own zone wins); 198.51.100.7 only in 0.0.0.0/0.
        assert_eq!(
            legs,
            [
                (
                    "lan".to_owned(),
                    vec!["10.0.0.2".to_owned(), "10.0.5.2".into(), "198.51.100.7".into()]
                ),
                ("dmz".to_owned(), vec!["192.0.2.2".to_owned()]),
            ]
        );
        assert!(topology.faces_untrusted(lb));
        assert!(!topology.faces_untrusted(topology.host("app").expect("app")));
    }
}
