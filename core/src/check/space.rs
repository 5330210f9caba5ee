//! Address × address × port boxes, for the policy checks: does a union of rules cover a flow,
//! is a rule covered by earlier ones, does a rule allow more than the flows need.
//!
//! Addresses are intervals of `u128` within one family; a box is source interval × destination
//! interval × port interval for one family and one transport. Coverage questions are decided
//! per cell ([`super::grid`]) and per piece ([`super::cover`]), not by splitting boxes.

use std::net::IpAddr;

use ipnet::IpNet;

use crate::model::{PortRange, Transport};

pub use crate::model::IpFamily as Family;

/// An inclusive interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: u128,
    pub end: u128,
}

impl Span {
    pub fn new(start: u128, end: u128) -> Self {
        Self { start, end }
    }

    fn intersects(self, other: Span) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    fn intersection(self, other: Span) -> Option<Span> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(Span { start, end })
    }
}

/// A network as a family and an interval.
pub fn net_span(net: IpNet) -> (Family, Span) {
    match net {
        IpNet::V4(n) => (
            Family::V4,
            Span::new(u128::from(u32::from(n.network())), u128::from(u32::from(n.broadcast()))),
        ),
        IpNet::V6(n) => (Family::V6, Span::new(u128::from(n.network()), u128::from(n.broadcast()))),
    }
}

pub fn addr_span(address: IpAddr) -> (Family, Span) {
    net_span(IpNet::from(address))
}

/// Every address of a family.
pub fn all(family: Family) -> Span {
    Span::new(0, family.max_value())
}

/// Shows an address of a family.
pub fn show_address(family: Family, value: u128) -> String {
    match family {
        Family::V4 => {
            std::net::Ipv4Addr::from(u32::try_from(value).unwrap_or(u32::MAX)).to_string()
        }
        Family::V6 => std::net::Ipv6Addr::from(value).to_string(),
    }
}

/// A set of addresses: sorted, disjoint, non-adjacent intervals per family.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressSet {
    pub v4: Vec<Span>,
    pub v6: Vec<Span>,
}

impl AddressSet {
    /// One interval of one family.
    pub fn from_spans(family: Family, span: Span) -> Self {
        let mut set = AddressSet::default();
        set.family_mut(family).push(span);
        set
    }

    /// Sorted, disjoint intervals of one family.
    pub fn from_spans_list(family: Family, spans: &[Span]) -> Self {
        let mut set = AddressSet::default();
        set.family_mut(family).extend_from_slice(spans);
        set
    }

    pub fn everything() -> Self {
        Self { v4: vec![all(Family::V4)], v6: vec![all(Family::V6)] }
    }

    /// The addresses a host answers on: its own and the VIPs it holds
    /// ([`crate::topology::Topology::answers_on`]).
    pub fn of_host(topology: &crate::topology::Topology, host: &crate::topology::Host) -> Self {
        Self::from_nets(topology.answers_on(host).map(IpNet::from))
    }

    pub fn from_nets(nets: impl IntoIterator<Item = IpNet>) -> Self {
        let mut set = AddressSet::default();
        for net in nets {
            let (family, span) = net_span(net);
            set.family_mut(family).push(span);
        }
        set.normalize();
        set
    }

    pub fn family(&self, family: Family) -> &[Span] {
        match family {
            Family::V4 => &self.v4,
            Family::V6 => &self.v6,
        }
    }

    fn family_mut(&mut self, family: Family) -> &mut Vec<Span> {
        match family {
            Family::V4 => &mut self.v4,
            Family::V6 => &mut self.v6,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.v4.is_empty() && self.v6.is_empty()
    }

    pub fn normalize(&mut self) {
        for list in [&mut self.v4, &mut self.v6] {
            crate::order::sort_by(list, &Ord::cmp);
            let mut merged: Vec<Span> = Vec::with_capacity(list.len());
            for span in list.drain(..) {
                match merged.last_mut() {
                    Some(last) if span.start <= last.end.saturating_add(1) => {
                        last.end = last.end.max(span.end)
                    }
                    _ => merged.push(span),
                }
            }
            *list = merged;
        }
    }

    pub fn union(&self, other: &AddressSet) -> AddressSet {
        let mut out = AddressSet {
            v4: [self.v4.clone(), other.v4.clone()].concat(),
            v6: [self.v6.clone(), other.v6.clone()].concat(),
        };
        out.normalize();
        out
    }

    pub fn intersection(&self, other: &AddressSet) -> AddressSet {
        let mut out = AddressSet::default();
        for family in Family::BOTH {
            let (a, b) = (self.family(family), other.family(family));
            let (mut i, mut j) = (0, 0);
            while i < a.len() && j < b.len() {
                if let Some(s) = a[i].intersection(b[j]) {
                    out.family_mut(family).push(s);
                }
                if a[i].end < b[j].end { i += 1 } else { j += 1 }
            }
        }
        out
    }

    /// The addresses of `self` not in `other`, in one merge pass per family.
    pub fn minus(&self, other: &AddressSet) -> AddressSet {
        let mut out = AddressSet::default();
        for family in Family::BOTH {
            let cuts = other.family(family);
            let list = out.family_mut(family);
            let mut j = 0;
            for span in self.family(family) {
                let mut start = span.start;
                let mut open = true;
                while j < cuts.len() && cuts[j].end < start {
                    j += 1;
                }
                let mut k = j;
                while k < cuts.len() && cuts[k].start <= span.end {
                    let cut = cuts[k];
                    if cut.start > start {
                        list.push(Span::new(start, cut.start - 1));
                    }
                    if cut.end >= span.end {
                        open = false;
                        break;
                    }
                    start = start.max(cut.end + 1);
                    k += 1;
                }
                if open {
                    list.push(Span::new(start, span.end));
                }
            }
        }
        out
    }

    /// Adds one interval; call [`AddressSet::normalize`] after the last.
    pub fn push(&mut self, family: Family, span: Span) {
        self.family_mut(family).push(span);
    }

    /// Adds every interval of `other`; call [`AddressSet::normalize`] after the last.
    pub fn extend(&mut self, other: &AddressSet) {
        self.v4.extend_from_slice(&other.v4);
        self.v6.extend_from_slice(&other.v6);
    }

    /// Any one address of the set, for messages.
    pub fn sample(&self) -> Option<(Family, u128)> {
        self.v4
            .first()
            .map(|s| (Family::V4, s.start))
            .or_else(|| self.v6.first().map(|s| (Family::V6, s.start)))
    }
}

/// Source × destination × ports for one family and transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cube {
    pub family: Family,
    pub transport: Transport,
    pub source: Span,
    pub destination: Span,
    pub ports: Span,
}

impl Cube {
    /// Every cube of `sources` × `destinations` × `ports` (same family pairs only).
    pub fn product(
        sources: &AddressSet,
        destinations: &AddressSet,
        ports: PortRange,
        transport: Transport,
    ) -> Vec<Cube> {
        let port_span = Span::new(u128::from(ports.start()), u128::from(ports.end()));
        let mut out = Vec::new();
        for family in Family::BOTH {
            for s in sources.family(family) {
                for d in destinations.family(family) {
                    out.push(Cube {
                        family,
                        transport,
                        source: *s,
                        destination: *d,
                        ports: port_span,
                    });
                }
            }
        }
        out
    }

    pub fn intersects(&self, other: &Cube) -> bool {
        self.family == other.family
            && self.transport == other.transport
            && self.source.intersects(other.source)
            && self.destination.intersects(other.destination)
            && self.ports.intersects(other.ports)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(nets: &[&str]) -> AddressSet {
        AddressSet::from_nets(nets.iter().map(|n| n.parse::<IpNet>().unwrap()))
    }

    #[test]
    fn set_algebra() {
        let internet = set(&["0.0.0.0/0"]);
        let trusted = set(&["10.0.0.0/8"]);
        let untrusted = internet.minus(&trusted);
        assert_eq!(untrusted.v4.len(), 2);
        assert!(set(&["10.1.0.0/16"]).minus(&trusted).is_empty());
        assert_eq!(
            set(&["10.0.0.0/8"]).intersection(&set(&["10.5.0.0/16", "11.0.0.0/8"])),
            set(&["10.5.0.0/16"])
        );
        assert_eq!(set(&["10.0.0.0/25", "10.0.0.128/25"]), set(&["10.0.0.0/24"]));
        assert!(
            Cube::product(
                &set(&["::/0"]),
                &set(&["10.0.0.1/32"]),
                PortRange::single(1).unwrap(),
                Transport::Tcp
            )
            .is_empty()
        );
    }
}
