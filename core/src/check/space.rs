//! Address × address × port boxes, for the policy checks: does a union of rules cover a flow,
//! is a rule covered by earlier ones, does a rule allow more than the flows need.
//!
//! Addresses are intervals of `u128` within one family; a box is source interval × destination
//! interval × port interval for one family and one transport. Coverage by a union of boxes is
//! decided by splitting (iteratively, with a work budget, so hostile input stays bounded).

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

    fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    fn intersection(self, other: Span) -> Option<Span> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(Span { start, end })
    }

    /// The parts of `self` outside `cut` (0, 1 or 2 intervals).
    fn minus(self, cut: Span) -> impl Iterator<Item = Span> {
        let below = (cut.start > self.start).then(|| Span::new(self.start, (cut.start - 1).min(self.end)));
        let above = (cut.end < self.end).then(|| Span::new((cut.end + 1).max(self.start), self.end));
        below.into_iter().chain(above).filter(|s| s.start <= s.end)
    }
}

/// A network as a family and an interval.
pub fn net_span(net: IpNet) -> (Family, Span) {
    match net {
        IpNet::V4(n) => (Family::V4, Span::new(u128::from(u32::from(n.network())), u128::from(u32::from(n.broadcast())))),
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
        Family::V4 => std::net::Ipv4Addr::from(u32::try_from(value).unwrap_or(u32::MAX)).to_string(),
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

    pub fn everything() -> Self {
        Self { v4: vec![all(Family::V4)], v6: vec![all(Family::V6)] }
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
            list.sort();
            let mut merged: Vec<Span> = Vec::with_capacity(list.len());
            for span in list.drain(..) {
                match merged.last_mut() {
                    Some(last) if span.start <= last.end.saturating_add(1) => last.end = last.end.max(span.end),
                    _ => merged.push(span),
                }
            }
            *list = merged;
        }
    }

    pub fn union(&self, other: &AddressSet) -> AddressSet {
        let mut out = AddressSet { v4: [self.v4.clone(), other.v4.clone()].concat(), v6: [self.v6.clone(), other.v6.clone()].concat() };
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
        self.v4.first().map(|s| (Family::V4, s.start)).or_else(|| self.v6.first().map(|s| (Family::V6, s.start)))
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
    pub fn product(sources: &AddressSet, destinations: &AddressSet, ports: PortRange, transport: Transport) -> Vec<Cube> {
        let port_span = Span::new(u128::from(ports.start()), u128::from(ports.end()));
        let mut out = Vec::new();
        for family in Family::BOTH {
            for s in sources.family(family) {
                for d in destinations.family(family) {
                    out.push(Cube { family, transport, source: *s, destination: *d, ports: port_span });
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

    fn contains(&self, other: &Cube) -> bool {
        self.family == other.family
            && self.transport == other.transport
            && self.source.contains(other.source)
            && self.destination.contains(other.destination)
            && self.ports.contains(other.ports)
    }

    /// `self` minus `cut`, as disjoint cubes (at most 6).
    fn minus(&self, cut: &Cube) -> Vec<Cube> {
        let mut out = Vec::new();
        let mut rest = *self;
        for piece in rest.source.minus(cut.source) {
            out.push(Cube { source: piece, ..rest });
        }
        let Some(source) = rest.source.intersection(cut.source) else { return vec![*self] };
        rest.source = source;
        for piece in rest.destination.minus(cut.destination) {
            out.push(Cube { destination: piece, ..rest });
        }
        let Some(destination) = rest.destination.intersection(cut.destination) else { return vec![*self] };
        rest.destination = destination;
        for piece in rest.ports.minus(cut.ports) {
            out.push(Cube { ports: piece, ..rest });
        }
        out
    }

    /// A one-line description of a corner of the cube: `10.0.0.1 → 10.0.0.10 port 443/tcp`.
    pub fn witness(&self) -> String {
        format!(
            "{} → {} port {}/{}",
            show_address(self.family, self.source.start),
            show_address(self.family, self.destination.start),
            self.ports.start,
            self.transport
        )
    }
}

/// The same union with fewer cubes: cubes equal in all but one dimension whose intervals touch
/// are merged (hosts with consecutive addresses become one interval).
pub fn compact(mut cubes: Vec<Cube>) -> Vec<Cube> {
    type Key = (Family, Transport, Span, Span);
    fn pass(cubes: &mut Vec<Cube>, key: fn(&Cube) -> Key, get: fn(&Cube) -> Span, set: fn(&mut Cube, Span)) {
        cubes.sort_by_key(|c| (key(c), get(c)));
        let mut out: Vec<Cube> = Vec::with_capacity(cubes.len());
        for cube in cubes.drain(..) {
            if let Some(last) = out.last_mut()
                && key(last) == key(&cube)
                && get(&cube).start <= get(last).end.saturating_add(1)
            {
                let merged = Span::new(get(last).start, get(last).end.max(get(&cube).end));
                set(last, merged);
                continue;
            }
            out.push(cube);
        }
        *cubes = out;
    }
    for _ in 0..2 {
        pass(&mut cubes, |c| (c.family, c.transport, c.source, c.ports), |c| c.destination, |c, s| c.destination = s);
        pass(&mut cubes, |c| (c.family, c.transport, c.destination, c.ports), |c| c.source, |c, s| c.source = s);
        pass(&mut cubes, |c| (c.family, c.transport, c.source, c.destination), |c| c.ports, |c, s| c.ports = s);
    }
    cubes
}

/// The result of a coverage question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    Covered,
    /// A part not covered.
    Uncovered(Cube),
    /// The work budget ran out (hostile or huge input): no answer.
    Unknown,
}

/// Splitting steps allowed for one coverage question.
pub const BUDGET: usize = 20_000;

/// Is `target` inside the union of `cover`?
pub fn coverage(target: &Cube, cover: &[Cube]) -> Coverage {
    coverage_within(target, cover, BUDGET)
}

/// [`coverage`] with an explicit budget of splitting steps.
pub fn coverage_within(target: &Cube, cover: &[Cube], budget: usize) -> Coverage {
    let relevant: Vec<&Cube> = cover.iter().filter(|c| c.intersects(target)).collect();
    if let Some(gap) = projection_gap(target, &relevant) {
        return Coverage::Uncovered(gap);
    }
    let mut stack: Vec<(Cube, usize)> = vec![(*target, 0)];
    let mut budget = budget;
    while let Some((piece, from)) = stack.pop() {
        if budget == 0 {
            return Coverage::Unknown;
        }
        budget -= 1;
        let next = relevant.iter().enumerate().skip(from).find(|(_, c)| c.intersects(&piece));
        match next {
            None => return Coverage::Uncovered(piece),
            Some((_, c)) if c.contains(&piece) => {}
            Some((index, c)) => {
                // Source pieces are explored first: a source wider than the cover is the
                // commonest reason for a gap, so a witness is found quickly.
                for part in piece.minus(c).into_iter().rev() {
                    stack.push((part, index + 1));
                }
            }
        }
    }
    Coverage::Covered
}

/// A point of `target` that no cube reaches in some single dimension (a quick, exact
/// sufficient test for "uncovered"): e.g. a source address no cube's source contains.
fn projection_gap(target: &Cube, relevant: &[&Cube]) -> Option<Cube> {
    type Get = fn(&Cube) -> Span;
    type Set = fn(&mut Cube, Span);
    let dims: [(Get, Set); 3] = [
        (|c| c.source, |c, s| c.source = s),
        (|c| c.destination, |c, s| c.destination = s),
        (|c| c.ports, |c, s| c.ports = s),
    ];
    for (get, set) in dims {
        let mut spans: Vec<Span> = relevant.iter().map(|c| get(c)).collect();
        spans.sort();
        let want = get(target);
        let mut next = want.start;
        let mut gap = None;
        for span in spans {
            if span.start > next {
                gap = Some(next);
                break;
            }
            if span.end >= want.end {
                gap = None;
                break;
            }
            next = next.max(span.end + 1);
            gap = Some(next);
        }
        let gap = if relevant.is_empty() { Some(want.start) } else { gap };
        if let Some(point) = gap
            && point <= want.end
        {
            let mut cube = *target;
            set(&mut cube, Span::new(point, point));
            return Some(cube);
        }
    }
    None
}

/// Is every cube of `targets` covered? Returns the first uncovered part.
pub fn coverage_all(targets: &[Cube], cover: &[Cube]) -> Coverage {
    let mut unknown = false;
    for target in targets {
        match coverage(target, cover) {
            Coverage::Covered => {}
            Coverage::Unknown => unknown = true,
            uncovered @ Coverage::Uncovered(_) => return uncovered,
        }
    }
    if unknown { Coverage::Unknown } else { Coverage::Covered }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(nets: &[&str]) -> AddressSet {
        AddressSet::from_nets(nets.iter().map(|n| n.parse::<IpNet>().unwrap()))
    }

    fn cube(src: &[&str], dst: &[&str], ports: (u16, u16)) -> Vec<Cube> {
        Cube::product(&set(src), &set(dst), PortRange::new(ports.0, ports.1).unwrap(), Transport::Tcp)
    }

    #[test]
    fn union_of_two_rules_covers_what_neither_covers_alone() {
        let target = cube(&["10.0.0.0/24"], &["10.1.0.5/32"], (80, 443))[0];
        let a = cube(&["10.0.0.0/25"], &["10.1.0.0/24"], (1, 65535));
        let b = cube(&["10.0.0.128/25"], &["10.1.0.0/24"], (1, 1000));
        assert!(matches!(coverage(&target, &a), Coverage::Uncovered(_)));
        assert!(matches!(coverage(&target, &b), Coverage::Uncovered(_)));
        let both = [a, b].concat();
        assert_eq!(coverage(&target, &both), Coverage::Covered);
    }

    #[test]
    fn witness_names_an_uncovered_corner() {
        let target = cube(&["10.0.0.0/24"], &["10.1.0.5/32"], (443, 443))[0];
        let cover = cube(&["10.0.0.0/25"], &["10.1.0.0/24"], (443, 443));
        let Coverage::Uncovered(rest) = coverage(&target, &cover) else { panic!() };
        assert_eq!(rest.witness(), "10.0.0.128 → 10.1.0.5 port 443/tcp");
    }

    #[test]
    fn set_algebra() {
        let internet = set(&["0.0.0.0/0"]);
        let trusted = set(&["10.0.0.0/8"]);
        let untrusted = internet.minus(&trusted);
        assert_eq!(untrusted.v4.len(), 2);
        assert!(set(&["10.1.0.0/16"]).minus(&trusted).is_empty());
        assert_eq!(set(&["10.0.0.0/8"]).intersection(&set(&["10.5.0.0/16", "11.0.0.0/8"])), set(&["10.5.0.0/16"]));
        assert_eq!(set(&["10.0.0.0/25", "10.0.0.128/25"]), set(&["10.0.0.0/24"]));
        assert!(Cube::product(&set(&["::/0"]), &set(&["10.0.0.1/32"]), PortRange::single(1).unwrap(), Transport::Tcp).is_empty());
    }
}
