//! A box of traffic (sources × destinations × ports × transports) with the set operations the
//! chain walk needs: a later accept minus the earlier drops that shadow it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use super::model::Match;
use crate::check::space::{AddressSet, Family, Span, all};
use crate::model::{PortRange, Transport};

/// Traffic a rule (or what is left of it) matches. Empty in any dimension = matches nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub sources: AddressSet,
    pub destinations: AddressSet,
    /// Sorted, disjoint.
    pub ports: Vec<PortRange>,
    pub transports: Vec<Transport>,
}

/// Every port (a rule without a port match).
pub fn every_port() -> PortRange {
    match PortRange::new(1, u16::MAX) {
        Ok(range) => range,
        // A constant range, valid by construction (not user input).
        Err(_) => unreachable!("1-65535 is a valid port range"),
    }
}

impl Region {
    pub fn everything() -> Self {
        Self {
            sources: AddressSet::everything(),
            destinations: AddressSet::everything(),
            ports: vec![every_port()],
            transports: Transport::ALL.to_vec(),
        }
    }

    /// The traffic a match stands for (its unmodelled parts are read as matching).
    pub fn of(matcher: &Match) -> Self {
        let family_space = match matcher.family {
            None => AddressSet::everything(),
            Some(f) => AddressSet::from_spans(f, all(f)),
        };
        let side = |nets: &Option<Vec<IpNet>>| match nets {
            None => family_space.clone(),
            Some(nets) => AddressSet::from_nets(nets.iter().copied()).intersection(&family_space),
        };
        let mut ports = matcher.ports.clone().unwrap_or_else(|| vec![every_port()]);
        normalize_ports(&mut ports);
        let mut transports = matcher.transports.clone().unwrap_or_else(|| Transport::ALL.to_vec());
        crate::order::sort_dedup(&mut transports);
        Self {
            sources: side(&matcher.sources),
            destinations: side(&matcher.destinations),
            ports,
            transports,
        }
        .paired()
    }

    /// Keeps only the families both sides have (`Anywhere` to an IPv4 address is IPv4 only).
    fn paired(mut self) -> Self {
        for family in Family::BOTH {
            if self.sources.family(family).is_empty() || self.destinations.family(family).is_empty()
            {
                let other = AddressSet::from_spans(family, all(family));
                self.sources = self.sources.minus(&other);
                self.destinations = self.destinations.minus(&other);
            }
        }
        self
    }

    /// Empty when no family has both a source and a destination (an IPv4 source never
    /// reaches an IPv6 destination), or no port, or no transport.
    pub fn is_empty(&self) -> bool {
        let paired = Family::BOTH.iter().any(|f| {
            !self.sources.family(*f).is_empty() && !self.destinations.family(*f).is_empty()
        });
        !paired || self.ports.is_empty() || self.transports.is_empty()
    }

    pub fn intersection(&self, other: &Region) -> Region {
        Region {
            sources: self.sources.intersection(&other.sources),
            destinations: self.destinations.intersection(&other.destinations),
            ports: intersect_ports(&self.ports, &other.ports),
            transports: self
                .transports
                .iter()
                .filter(|t| other.transports.contains(t))
                .copied()
                .collect(),
        }
        .paired()
    }

    /// Whether every packet of `self` is in `other`.
    pub fn within(&self, other: &Region) -> bool {
        self.sources.minus(&other.sources).is_empty()
            && self.destinations.minus(&other.destinations).is_empty()
            && subtract_ports(&self.ports, &other.ports).is_empty()
            && self.transports.iter().all(|t| other.transports.contains(t))
    }

    /// `self` and `other` as one box, when their union is one: one holds the other, or they
    /// differ in one dimension only.
    pub fn union_exact(&self, other: &Region) -> Option<Region> {
        if self.within(other) {
            return Some(other.clone());
        }
        if other.within(self) {
            return Some(self.clone());
        }
        let same_sources = self.sources == other.sources;
        let same_destinations = self.destinations == other.destinations;
        let same_ports = self.ports == other.ports;
        let same_transports = self.transports == other.transports;
        let mut union = self.clone();
        match (same_sources, same_destinations, same_ports, same_transports) {
            (true, true, true, false) => {
                union.transports.extend(other.transports.iter().copied());
                crate::order::sort_dedup(&mut union.transports);
            }
            (true, true, false, true) => {
                union.ports.extend(other.ports.iter().copied());
                normalize_ports(&mut union.ports);
            }
            (true, false, true, true) => {
                union.destinations = self.destinations.union(&other.destinations);
            }
            (false, true, true, true) => union.sources = self.sources.union(&other.sources),
            _ => return None,
        }
        Some(union)
    }

    /// `self` minus `other`, as disjoint boxes (at most four).
    pub fn minus(&self, other: &Region) -> Vec<Region> {
        let common = self.intersection(other);
        if common.is_empty() {
            return vec![self.clone()];
        }
        let mut out = Vec::new();
        let other_transports: Vec<Transport> =
            self.transports.iter().filter(|t| !other.transports.contains(t)).copied().collect();
        out.push(Region { transports: other_transports, ..self.clone() });
        out.push(Region {
            transports: common.transports.clone(),
            ports: subtract_ports(&self.ports, &other.ports),
            ..self.clone()
        });
        out.push(Region {
            transports: common.transports.clone(),
            ports: common.ports.clone(),
            sources: self.sources.minus(&other.sources),
            destinations: self.destinations.clone(),
        });
        out.push(Region {
            transports: common.transports,
            ports: common.ports,
            sources: common.sources,
            destinations: self.destinations.minus(&other.destinations),
        });
        out.retain(|r| !r.is_empty());
        out
    }
}

fn normalize_ports(ports: &mut Vec<PortRange>) {
    crate::order::sort_by(ports, &Ord::cmp);
    let mut merged: Vec<PortRange> = Vec::with_capacity(ports.len());
    for range in ports.drain(..) {
        match merged.last_mut() {
            Some(last) if last.overlaps(range) || last.adjoins(range) => *last = last.hull(range),
            _ => merged.push(range),
        }
    }
    *ports = merged;
}

pub(crate) fn intersect_ports(a: &[PortRange], b: &[PortRange]) -> Vec<PortRange> {
    let mut out: Vec<PortRange> =
        a.iter().flat_map(|x| b.iter().filter_map(move |y| x.intersection(*y))).collect();
    normalize_ports(&mut out);
    out
}

fn subtract_ports(a: &[PortRange], b: &[PortRange]) -> Vec<PortRange> {
    let mut current: Vec<PortRange> = a.to_vec();
    for cut in b {
        let mut next = Vec::new();
        for range in current {
            if !range.overlaps(*cut) {
                next.push(range);
                continue;
            }
            if range.start() < cut.start()
                && let Ok(left) = PortRange::new(range.start(), cut.start() - 1)
            {
                next.push(left);
            }
            if range.end() > cut.end()
                && let Ok(right) = PortRange::new(cut.end() + 1, range.end())
            {
                next.push(right);
            }
        }
        current = next;
    }
    normalize_ports(&mut current);
    current
}

/// The CIDRs that make up a set of addresses (fewest per interval).
pub fn nets_of(set: &AddressSet) -> Vec<IpNet> {
    let mut out = Vec::new();
    for family in Family::BOTH {
        for span in set.family(family) {
            span_nets(family, *span, &mut out);
        }
    }
    out
}

fn span_nets(family: Family, span: Span, out: &mut Vec<IpNet>) {
    let bits: u32 = match family {
        Family::V4 => 32,
        Family::V6 => 128,
    };
    let mut start = span.start;
    loop {
        // The largest block aligned at `start` that stays inside the span.
        let fits = |k: u32| {
            if k >= 128 {
                start == 0 && span.end == u128::MAX
            } else {
                start.checked_add((1u128 << k) - 1).is_some_and(|last| last <= span.end)
            }
        };
        let mut size_bits = if start == 0 { bits } else { start.trailing_zeros().min(bits) };
        while size_bits > 0 && !fits(size_bits) {
            size_bits -= 1;
        }
        let prefix = u8::try_from(bits - size_bits).unwrap_or(0);
        let net = match family {
            Family::V4 => {
                let address = Ipv4Addr::from(u32::try_from(start).unwrap_or(u32::MAX));
                IpNet::new(IpAddr::V4(address), prefix)
            }
            Family::V6 => IpNet::new(IpAddr::V6(Ipv6Addr::from(start)), prefix),
        };
        if let Ok(net) = net {
            out.push(net);
        }
        let block_end = if size_bits >= 128 {
            u128::MAX
        } else {
            start.saturating_add((1u128 << size_bits) - 1)
        };
        if block_end >= span.end {
            return;
        }
        start = block_end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(text: &str) -> IpNet {
        text.parse().unwrap()
    }

    #[test]
    fn nets_of_rebuilds_the_cidrs() {
        let set = AddressSet::from_nets([net("10.0.0.0/22"), net("10.0.4.0/24"), net("::/0")]);
        let nets = nets_of(&set);
        assert_eq!(nets, vec![net("10.0.0.0/22"), net("10.0.4.0/24"), net("::/0")]);
        assert_eq!(nets_of(&AddressSet::everything()), vec![net("0.0.0.0/0"), net("::/0")]);
        let hole = AddressSet::from_nets([net("0.0.0.0/0")])
            .minus(&AddressSet::from_nets([net("10.0.0.10/32")]));
        let back = AddressSet::from_nets(nets_of(&hole));
        assert_eq!(back, hole);
        assert_eq!(nets_of(&hole).len(), 32);
    }

    #[test]
    fn minus_leaves_the_unshadowed_part() {
        let accept = Region::of(&Match {
            transports: Some(vec![Transport::Tcp]),
            ports: Some(vec!["5400-5500".parse().unwrap()]),
            ..Match::default()
        });
        let drop = Region::of(&Match {
            transports: Some(vec![Transport::Tcp]),
            ports: Some(vec!["5432".parse().unwrap()]),
            ..Match::default()
        });
        let left = accept.minus(&drop);
        let ports: Vec<String> =
            left.iter().flat_map(|r| &r.ports).map(|p| p.to_string()).collect();
        assert_eq!(ports, ["5400-5431", "5433-5500"]);
        assert!(drop.minus(&accept).is_empty());
    }
}
