//! Coverage at the granularity users write rules in, for `P050-flow-blocked` and
//! `P052-rule-too-wide`.
//!
//! # What counts
//!
//! Only addresses that stand for something in the topology matter (the *universe*): every
//! host address; the addresses of a zone where no host lives (`internet`, an office network),
//! which stand for that zone as a whole; and addresses in no zone. The unused addresses of a
//! zone that has hosts (10.0.0.0 in a `10.0.0.0/22` cluster) stand for nothing: no flow needs
//! them and a rule to the zone is not "wide" because of them. An address belongs to its most
//! specific zone, so `internet: 0.0.0.0/0` around `cluster: 10.0.0.0/22` is host-less.
//!
//! # How it is decided
//!
//! Destinations are *cells*: each host address, and the pieces of host-less zones (cut where
//! a rule's destination starts or ends, so every rule and flow holds a cell whole or not at
//! all). Per cell the question is two-dimensional: is `sources × ports` inside the union of
//! what the rules at that cell allow (P050), or of what the planned flows at that cell
//! need (P052)? Ports are cut into the intervals where the same rules (flows) apply, and for
//! each the source set is compared with the union of theirs. Source sets are interned and the
//! answers memoised per (source set, set of covering source sets), so a topology of thousands
//! of hosts, whose cells mostly ask the same few questions, costs about one pass over its cells
//! and flows. The answers are exact: there is no budget and no cap. A host never needs a rule
//! to reach itself, so a host's own addresses are left out at its cells.

use rustc_hash::FxHashMap as HashMap;

use crate::check::cell_lists::{CellLists, CellListsBuilder};
use crate::check::space::{AddressSet, Family, Span, show_address};
use crate::model::{PortRange, Transport};
use crate::order;
use crate::plan::{Endpoint, Flow, FlowPlan};
use crate::text::printable;
use crate::topology::Topology;

/// What a destination cell stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// An address of this host (index into `topology.hosts`).
    Host(usize),
    /// Part of a host-less zone (index into `topology.zones`), or of no zone.
    Zone(Option<usize>),
}

#[derive(Debug, Clone, Copy)]
pub struct Cell {
    pub family: Family,
    pub span: Span,
    pub kind: CellKind,
}

/// One side of a coverage question: a source set, a port interval and a transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Part {
    set: u32,
    ports: Span,
    transport: Transport,
}

/// The answer to "is set A inside the union of sets B…": what is left, and whether the union
/// met A at all.
#[derive(Debug, Clone)]
struct Answer {
    rest: AddressSet,
    met: bool,
}

/// A concrete pair that a rule lets through and nothing needs, or a flow needs and no rule
/// lets through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witness {
    /// `host lb1`, `zone internet`, `address 203.0.113.9`.
    pub source: String,
    pub destination: String,
    pub port: u16,
    pub transport: Transport,
}

impl Witness {
    /// `host lb1 → host cp1 port 6443/tcp`.
    pub fn describe(&self) -> String {
        format!("{} → {} port {}/{}", self.source, self.destination, self.port, self.transport)
    }
}

/// The outcome of judging a flow against the policy: where it is denied. Naming the witness
/// is left to [`Grid::witness`], so that judging thousands of flows formats nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked {
    /// Part of the flow is allowed (false: nothing of it is).
    pub partly: bool,
    cell: usize,
    address: u128,
    port: u128,
    transport: Transport,
}

/// The outcome of judging a rule against the flows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Width {
    /// Everything the rule allows is needed.
    Fits,
    /// The rule's destination holds no host and no host-less zone.
    NoDestination,
    /// The rule's source holds no host and no host-less zone.
    NoSource,
    /// Some of it is needed, this is not.
    Wider(Witness),
    /// None of it is needed.
    Unneeded(Witness),
}

pub struct Grid {
    universe: AddressSet,
    /// Sorted by (family, start), disjoint.
    cells: Vec<Cell>,
    /// Per host: its addresses, as (family, value).
    host_addresses: Vec<Vec<(Family, u128)>>,
    /// (family, address) → host, for naming witnesses.
    host_at: HashMap<(Family, u128), usize>,
    /// Sorted (family, span, most specific zone) pieces of the zones, for naming witnesses.
    zone_pieces: Vec<(Family, Span, usize)>,
    host_index: HashMap<String, usize>,
    zone_names: Vec<String>,
    host_names: Vec<String>,
    /// Interned source sets (already cut to the universe).
    sets: Vec<AddressSet>,
    set_ids: HashMap<SetKey, u32>,
    /// Interned sorted lists of set ids.
    combos: HashMap<Vec<u32>, u32>,
    memo: HashMap<(u32, u32), u32>,
    answers: Vec<Answer>,
    /// Interned lists of parts (cells whose rules, or needs, are the same list ask the same
    /// questions), and each cell's list id (rules, needs).
    signatures: HashMap<Vec<Part>, u32>,
    cell_signatures: Vec<[Option<u32>; 2]>,
    /// (parts list, source set, ports, transport, rules?) → steps: the port intervals of the
    /// question and the answer for each, as a range of `steps`.
    questions: HashMap<QuestionKey, (u32, u32)>,
    steps: Vec<(u128, u32)>,
    recent_sources: Vec<(Endpoint, u32)>,
    /// Per policy rule: its source set id, its destination and the hosts holding it.
    rules: Vec<(u32, AddressSet, Vec<usize>)>,
    /// Per cell: the rule parts that reach it.
    rules_at: CellLists<Part>,
    /// Per cell: the planned flow parts (catalog and `services`) that end there.
    needs_at: CellLists<Part>,
    scratch_parts: Vec<Part>,
    scratch_points: Vec<u128>,
    scratch_combo: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum SetKey {
    Everything,
    Zone(std::sync::Arc<str>),
    Group(std::sync::Arc<str>),
    /// A host of the topology (by index), or one the plan names and the topology does not.
    Host(usize),
    OtherHost(String),
    Rule(usize),
}

/// (parts list id, source set id, ports, transport, judged against rules rather than needs).
type QuestionKey = (u32, u32, Span, Transport, bool);

/// How many recent flow sources [`Grid::flow_source`] remembers.
const RECENT_SOURCES: usize = 8;

fn port_span(ports: PortRange) -> Span {
    Span::new(u128::from(ports.start()), u128::from(ports.end()))
}

/// Sorted zone pieces: every address of a zone CIDR, assigned to its most specific zone.
fn zone_pieces(topology: &Topology) -> Vec<(Family, Span, usize)> {
    let mut nets: Vec<(Family, Span, u8, usize)> = Vec::new();
    for (index, zone) in topology.zones.iter().enumerate() {
        for net in zone.nets() {
            let (family, span) = super::space::net_span(net);
            nets.push((family, span, net.prefix_len(), index));
        }
    }
    let mut out: Vec<(Family, Span, usize)> = Vec::new();
    for family in Family::BOTH {
        let mine: Vec<&(Family, Span, u8, usize)> = nets.iter().filter(|n| n.0 == family).collect();
        let mut points: Vec<u128> = Vec::new();
        for n in &mine {
            points.push(n.1.start);
            if let Some(after) = n.1.end.checked_add(1) {
                points.push(after);
            }
        }
        points.sort_unstable();
        points.dedup();
        for (i, &start) in points.iter().enumerate() {
            let end = match points.get(i + 1) {
                Some(&next) => next - 1,
                None => super::space::all(family).end,
            };
            if start > end {
                continue;
            }
            // CIDRs are nested or disjoint: the longest prefix holding the piece owns it.
            let owner = mine
                .iter()
                .filter(|n| n.1.start <= start && end <= n.1.end)
                .max_by_key(|n| (n.2, std::cmp::Reverse(n.3)))
                .map(|n| n.3);
            if let Some(zone) = owner {
                match out.last_mut() {
                    Some((f, span, z))
                        if *f == family && *z == zone && span.end.checked_add(1) == Some(start) =>
                    {
                        span.end = end
                    }
                    _ => out.push((family, Span::new(start, end), zone)),
                }
            }
        }
    }
    out
}

impl Grid {
    /// `rule_sets`: per policy rule, its `from` and `to` address sets and the hosts whose own
    /// firewall holds it (empty: a network rule, by address alone).
    pub fn new(
        topology: &Topology,
        plan: &FlowPlan,
        rule_sets: &[(AddressSet, AddressSet, Vec<usize>)],
        rule_ports: &[Vec<(PortRange, Transport)>],
    ) -> Self {
        let host_addresses: Vec<Vec<(Family, u128)>> = topology
            .hosts
            .iter()
            .map(|h| {
                // A VIP's address is a cell of each holder: the flows to it are judged at every box
                // that answers on it (regression: at the first holder only, so one box's accept
                // on the address hid the other box's missing one).
                topology
                    .answers_on(h)
                    .map(|a| {
                        let (family, span) = super::space::addr_span(a);
                        (family, span.start)
                    })
                    .collect()
            })
            .collect();
        let mut host_at: HashMap<(Family, u128), usize> = HashMap::default();
        for (index, addresses) in host_addresses.iter().enumerate() {
            for a in addresses {
                host_at.entry(*a).or_insert(index);
            }
        }
        let mut hosts = AddressSet::default();
        for (family, value) in host_at.keys() {
            hosts.push(*family, Span::new(*value, *value));
        }
        hosts.normalize();

        // Host-less zones and addresses in no zone.
        let pieces = zone_pieces(topology);
        let mut populated = vec![false; topology.zones.len()];
        for (family, value) in host_at.keys() {
            if let Some(zone) = piece_at(&pieces, *family, *value) {
                populated[zone] = true;
            }
        }
        let mut zoned = AddressSet::default();
        let mut hostless: Vec<(Family, Span, Option<usize>)> = Vec::new();
        for (family, span, zone) in &pieces {
            zoned.push(*family, *span);
            if !populated[*zone] {
                hostless.push((*family, *span, Some(*zone)));
            }
        }
        zoned.normalize();
        for family in Family::BOTH {
            for span in AddressSet::from_spans(family, super::space::all(family))
                .minus(&zoned)
                .family(family)
            {
                hostless.push((family, *span, None));
            }
        }
        // One shared sort (crate::order) instead of a copy per key type: wasm size.
        order::sort_by(&mut hostless, &|a, b| (a.0, a.1.start).cmp(&(b.0, b.1.start)));

        // Cut host-less pieces where a rule's destination or a zone starts or ends, and take
        // host addresses out of them (a host in no zone).
        let mut cuts: Vec<(Family, u128)> = Vec::new();
        for (_, to, _) in rule_sets {
            for family in Family::BOTH {
                for span in to.family(family) {
                    cuts.push((family, span.start));
                    if let Some(after) = span.end.checked_add(1) {
                        cuts.push((family, after));
                    }
                }
            }
        }
        order::sort_dedup(&mut cuts);
        let mut cells: Vec<Cell> = Vec::new();
        for (family, span, zone) in &hostless {
            let piece = AddressSet::from_spans(*family, *span).minus(&hosts);
            for part in piece.family(*family) {
                let mut start = part.start;
                let from = cuts.partition_point(|c| *c <= (*family, part.start));
                for &(f, at) in &cuts[from..] {
                    if f != *family || at > part.end {
                        break;
                    }
                    cells.push(Cell {
                        family: *family,
                        span: Span::new(start, at - 1),
                        kind: CellKind::Zone(*zone),
                    });
                    start = at;
                }
                cells.push(Cell {
                    family: *family,
                    span: Span::new(start, part.end),
                    kind: CellKind::Zone(*zone),
                });
            }
        }
        let mut by_address: Vec<(Family, u128, usize)> = host_addresses
            .iter()
            .enumerate()
            .flat_map(|(host, addresses)| addresses.iter().map(move |(f, v)| (*f, *v, host)))
            .collect();
        order::sort_dedup(&mut by_address);
        for (family, value, host) in by_address {
            cells.push(Cell { family, span: Span::new(value, value), kind: CellKind::Host(host) });
        }
        // The holders of one address share its span: ordered by host after the address.
        let holder = |c: &Cell| match c.kind {
            CellKind::Host(host) => host,
            CellKind::Zone(_) => 0,
        };
        order::sort_by(&mut cells, &|a, b| {
            (a.family, a.span.start, holder(a)).cmp(&(b.family, b.span.start, holder(b)))
        });

        let mut universe = hosts;
        for cell in &cells {
            universe.push(cell.family, cell.span);
        }
        universe.normalize();

        let mut grid = Grid {
            universe,
            cells,
            host_addresses,
            host_at,
            zone_pieces: pieces,
            host_index: topology
                .hosts
                .iter()
                .enumerate()
                .map(|(i, h)| (h.name.clone(), i))
                .collect::<HashMap<String, usize>>(),
            zone_names: topology.zones.iter().map(|z| z.name.clone()).collect(),
            host_names: topology.hosts.iter().map(|h| h.name.clone()).collect(),
            sets: Vec::new(),
            set_ids: HashMap::default(),
            combos: HashMap::default(),
            memo: HashMap::default(),
            answers: Vec::new(),
            signatures: HashMap::default(),
            cell_signatures: Vec::new(),
            questions: HashMap::default(),
            steps: Vec::new(),
            recent_sources: Vec::new(),
            rules: Vec::new(),
            rules_at: CellLists::empty(),
            needs_at: CellLists::empty(),
            scratch_parts: Vec::new(),
            scratch_points: Vec::new(),
            scratch_combo: Vec::new(),
        };
        grid.cell_signatures = vec![[None, None]; grid.cells.len()];
        let (mut rules_at, mut needs_at) = (CellListsBuilder::new(), CellListsBuilder::new());

        for (index, ((from, to, held_by), ports)) in rule_sets.iter().zip(rule_ports).enumerate() {
            let set = grid.intern(SetKey::Rule(index), || from.clone());
            let cells = grid.rule_cells(to, held_by);
            for (range, transport) in ports {
                rules_at.push(
                    cells.iter().copied(),
                    Part { set, ports: port_span(*range), transport: *transport },
                );
            }
            grid.rules.push((set, to.clone(), held_by.clone()));
        }
        // Flows come sorted by destination: consecutive ones mostly share their cells.
        let mut last: Option<(&Endpoint, Vec<usize>)> = None;
        for flow in &plan.flows {
            let set = grid.flow_source(plan, &flow.source);
            let cells = match last.take() {
                Some((destination, cells)) if same_shared(destination, &flow.destination) => cells,
                _ => grid.flow_cells(plan, &flow.destination),
            };
            needs_at.push(
                cells.iter().copied(),
                Part { set, ports: port_span(flow.ports), transport: flow.transport },
            );
            last = Some((&flow.destination, cells));
        }
        // A `services` listener needs only what its `from` names, and the plan already holds
        // those as flows: counting its ports as needed from everyone made any rule on them fit,
        // so a database opened to the internet while planned from one zone was never P052.
        grid.rules_at = rules_at.pack(grid.cells.len());
        grid.needs_at = needs_at.pack(grid.cells.len());
        grid
    }

    fn intern(&mut self, key: SetKey, make: impl FnOnce() -> AddressSet) -> u32 {
        if let Some(&id) = self.set_ids.get(&key) {
            return id;
        }
        let set = make().intersection(&self.universe);
        let id = u32::try_from(self.sets.len()).unwrap_or(u32::MAX);
        self.sets.push(set);
        self.set_ids.insert(key, id);
        id
    }

    fn flow_source(&mut self, plan: &FlowPlan, endpoint: &Endpoint) -> u32 {
        // A few recent sources: flows sorted by destination cycle through the same few, and
        // comparing shared endpoints is a pointer comparison.
        if let Some((_, id)) = self.recent_sources.iter().find(|(e, _)| same_shared(e, endpoint)) {
            return *id;
        }
        let id = self.intern_source(plan, endpoint);
        if self.recent_sources.len() == RECENT_SOURCES {
            self.recent_sources.remove(0);
        }
        self.recent_sources.push((endpoint.clone(), id));
        id
    }

    fn intern_source(&mut self, plan: &FlowPlan, endpoint: &Endpoint) -> u32 {
        let key = match endpoint {
            Endpoint::Any => SetKey::Everything,
            Endpoint::Zone { name, .. } => SetKey::Zone(name.clone()),
            Endpoint::Group { name } => SetKey::Group(name.clone()),
            Endpoint::Host(host) => match self.host_index.get(host.name.as_str()) {
                Some(&index) => SetKey::Host(index),
                None => SetKey::OtherHost(host.name.clone()),
            },
        };
        self.intern(key, || match plan.networks(endpoint) {
            None => AddressSet::everything(),
            Some(nets) => AddressSet::from_nets(nets),
        })
    }

    /// Cells of a host (its addresses).
    fn host_cells(&self, host: usize) -> Vec<usize> {
        self.host_addresses
            .get(host)
            .into_iter()
            .flatten()
            .filter_map(|(family, value)| self.host_cell(Some(host), *family, *value))
            .collect()
    }

    /// The cells a rule reaches: every cell in its destination, or for a host's own rule
    /// (`held_by`), that host's cells there only.
    fn rule_cells(&self, to: &AddressSet, held_by: &[usize]) -> Vec<usize> {
        let mut cells = self.cells_in(to);
        if !held_by.is_empty() {
            cells.retain(|&c| {
                matches!(self.cells[c].kind, CellKind::Host(h) if held_by.binary_search(&h).is_ok())
            });
        }
        cells
    }

    /// Cells of the addresses a flow reaches a host on: all of its own, one leg's (an untrusted
    /// source's), or a VIP it holds. Regression: a flow to a VIP was judged at the holder's own
    /// addresses, so the holder's rules accepting on the VIP read as blocking it.
    fn endpoint_cells(&self, host: &crate::plan::HostRef) -> Vec<usize> {
        let index = self.host_index.get(host.name.as_str()).copied();
        host.addresses
            .iter()
            .filter_map(|a| {
                let (family, span) = super::space::addr_span(*a);
                self.host_cell(index, family, span.start)
            })
            .collect()
    }

    /// Cells inside (meeting) an address set.
    fn cells_in(&self, set: &AddressSet) -> Vec<usize> {
        let mut out = Vec::new();
        for family in Family::BOTH {
            for span in set.family(family) {
                // Cells are sorted and disjoint but for the holders of one address, which share
                // its span: the first that may meet `span` is the first of those starting where
                // the last one starting at or before it starts.
                let mut at = self
                    .cells
                    .partition_point(|c| (c.family, c.span.start) <= (family, span.start))
                    .saturating_sub(1);
                while at > 0
                    && self.cells.get(at - 1).map(|c| (c.family, c.span.start))
                        == self.cells.get(at).map(|c| (c.family, c.span.start))
                {
                    at -= 1;
                }
                while let Some(cell) = self.cells.get(at) {
                    if cell.family > family || (cell.family == family && cell.span.start > span.end)
                    {
                        break;
                    }
                    if cell.family == family && cell.span.end >= span.start {
                        out.push(at);
                    }
                    at += 1;
                }
            }
        }
        out.dedup();
        out
    }

    fn flow_cells(&self, plan: &FlowPlan, endpoint: &Endpoint) -> Vec<usize> {
        match endpoint {
            Endpoint::Any => (0..self.cells.len()).collect(),
            Endpoint::Host(host) => match self.host_index.get(&host.name) {
                Some(_) => self.endpoint_cells(host),
                None => self
                    .cells_in(&AddressSet::from_nets(plan.networks(endpoint).unwrap_or_default())),
            },
            Endpoint::Group { .. } => {
                let mut out: Vec<usize> = plan
                    .hosts(endpoint)
                    .iter()
                    .filter_map(|h| self.host_index.get(&h.name))
                    .flat_map(|&i| self.host_cells(i))
                    .collect();
                out.sort_unstable();
                out.dedup();
                out
            }
            Endpoint::Zone { cidrs, .. } => {
                self.cells_in(&AddressSet::from_nets(cidrs.iter().copied()))
            }
        }
    }

    /// Is set `a` inside the union of `combo`'s sets? Memoised; the index of the answer.
    fn answer(&mut self, a: u32, combo: &[u32]) -> u32 {
        let combo_id = match self.combos.get(combo) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.combos.len()).unwrap_or(u32::MAX);
                self.combos.insert(combo.to_vec(), id);
                id
            }
        };
        if let Some(&index) = self.memo.get(&(a, combo_id)) {
            return index;
        }
        let target = &self.sets[a as usize];
        let mut union = AddressSet::default();
        for &b in combo {
            union.extend(&self.sets[b as usize]);
        }
        union.normalize();
        let rest = target.minus(&union);
        let met = rest != *target;
        let index = u32::try_from(self.answers.len()).unwrap_or(u32::MAX);
        self.answers.push(Answer { rest, met });
        self.memo.insert((a, combo_id), index);
        index
    }

    /// The id of a cell's list of rule (or need) parts.
    fn signature(&mut self, cell: usize, rules: bool) -> u32 {
        let slot = usize::from(!rules);
        if let Some(id) = self.cell_signatures[cell][slot] {
            return id;
        }
        let parts = if rules { self.rules_at.get(cell) } else { self.needs_at.get(cell) };
        let next = u32::try_from(self.signatures.len()).unwrap_or(u32::MAX);
        let id = match self.signatures.get(parts) {
            Some(&id) => id,
            None => {
                self.signatures.insert(parts.to_vec(), next);
                next
            }
        };
        self.cell_signatures[cell][slot] = Some(id);
        id
    }

    /// `host cp1`, `zone internet`, `address 203.0.113.9`.
    fn name_address(&self, family: Family, value: u128) -> String {
        if let Some(&host) = self.host_at.get(&(family, value)) {
            return format!("host {}", printable(&self.host_names[host]));
        }
        match piece_at(&self.zone_pieces, family, value) {
            Some(zone) => format!("zone {}", printable(&self.zone_names[zone])),
            None => format!("address {}", show_address(family, value)),
        }
    }

    fn name_cell(&self, cell: &Cell) -> String {
        match cell.kind {
            CellKind::Host(host) => format!("host {}", printable(&self.host_names[host])),
            CellKind::Zone(Some(zone)) => format!("zone {}", printable(&self.zone_names[zone])),
            CellKind::Zone(None) => {
                format!("address {} (in no zone)", show_address(cell.family, cell.span.start))
            }
        }
    }

    /// Judges `source × ports` at one cell against the rules there (`rules`) or the needs
    /// there. Returns the first uncovered (address, port), and whether any of it is covered.
    fn judge(
        &mut self,
        cell: usize,
        source: u32,
        ports: Span,
        transport: Transport,
        rules: bool,
    ) -> (Option<(u128, u128)>, bool) {
        let c = self.cells[cell];
        // Borrowed out and put back below: `answer` needs `self` mutably.
        let own = match c.kind {
            CellKind::Host(host) => std::mem::take(&mut self.host_addresses[host]),
            CellKind::Zone(_) => Vec::new(),
        };
        let result = self.judge_outside(cell, &own, source, ports, transport, rules);
        if let CellKind::Host(host) = c.kind {
            self.host_addresses[host] = own;
        }
        result
    }

    fn judge_outside(
        &mut self,
        cell: usize,
        own: &[(Family, u128)],
        source: u32,
        ports: Span,
        transport: Transport,
        rules: bool,
    ) -> (Option<(u128, u128)>, bool) {
        let c = self.cells[cell];
        if first_outside(&self.sets[source as usize], c.family, own).is_none() {
            return (None, false); // only the host itself
        }
        // Cells with the same parts ask the same question of `source`: its port intervals and
        // their answers are worked out once; only the host's own addresses differ per cell.
        let key = (self.signature(cell, rules), source, ports, transport, rules);
        let (offset, len) = match self.questions.get(&key) {
            Some(&range) => range,
            None => {
                let range = self.question_steps(cell, source, ports, transport, rules);
                self.questions.insert(key, range);
                range
            }
        };
        let mut met = false;
        let mut gap = None;
        for step in offset..offset + len {
            let (start, answer) = self.steps[step as usize];
            let answer = &self.answers[answer as usize];
            match first_outside(&answer.rest, c.family, own) {
                Some(address) => {
                    met |= answer.met;
                    if gap.is_none() {
                        gap = Some((address, start));
                    }
                }
                None => met = true,
            }
            if gap.is_some() && met {
                break;
            }
        }
        (gap, met)
    }

    /// The port intervals of `ports` over which the same parts at `cell` apply, each with the
    /// answer for `source`: appended to `steps`, returned as (offset, length).
    fn question_steps(
        &mut self,
        cell: usize,
        source: u32,
        ports: Span,
        transport: Transport,
        rules: bool,
    ) -> (u32, u32) {
        let parts = if rules { self.rules_at.get(cell) } else { self.needs_at.get(cell) };
        let mut relevant = std::mem::take(&mut self.scratch_parts);
        relevant.clear();
        relevant.extend(parts.iter().filter(|p| {
            p.transport == transport && p.ports.start <= ports.end && ports.start <= p.ports.end
        }));
        // Port intervals over which the same parts apply.
        let mut points = std::mem::take(&mut self.scratch_points);
        points.clear();
        points.push(ports.start);
        for p in &relevant {
            if p.ports.start > ports.start {
                points.push(p.ports.start);
            }
            if p.ports.end < ports.end {
                points.push(p.ports.end + 1);
            }
        }
        points.sort_unstable();
        points.dedup();
        let mut combo = std::mem::take(&mut self.scratch_combo);
        let offset = u32::try_from(self.steps.len()).unwrap_or(u32::MAX);
        for &start in &points {
            combo.clear();
            combo.extend(
                relevant
                    .iter()
                    .filter(|p| p.ports.start <= start && start <= p.ports.end)
                    .map(|p| p.set),
            );
            combo.sort_unstable();
            combo.dedup();
            let answer = self.answer(source, &combo);
            self.steps.push((start, answer));
        }
        let len = u32::try_from(points.len()).unwrap_or(u32::MAX);
        self.scratch_parts = relevant;
        self.scratch_points = points;
        self.scratch_combo = combo;
        (offset, len)
    }

    /// Does the policy allow all of `flow`?
    pub fn blocked(&mut self, plan: &FlowPlan, flow: &Flow) -> Option<Blocked> {
        let source = self.flow_source(plan, &flow.source);
        let ports = port_span(flow.ports);
        let mut covered_some = false;
        let mut first: Option<Blocked> = None;
        let mut judge = |grid: &mut Self, cell: usize| {
            let (gap, met) = grid.judge(cell, source, ports, flow.transport, true);
            covered_some |= met;
            if let (Some((address, port)), None) = (gap, &first) {
                first =
                    Some(Blocked { partly: false, cell, address, port, transport: flow.transport });
            }
            first.is_some() && covered_some
        };
        // A host destination (most flows) is judged without collecting its cells.
        let host = match &flow.destination {
            Endpoint::Host(host) => self.host_index.get(host.name.as_str()).copied(),
            _ => None,
        };
        if let (Some(index), Endpoint::Host(host)) = (host, &flow.destination) {
            for address in host.addresses.iter() {
                let (family, span) = super::space::addr_span(*address);
                if let Some(cell) = self.host_cell(Some(index), family, span.start)
                    && judge(self, cell)
                {
                    break;
                }
            }
        } else {
            for cell in self.flow_cells(plan, &flow.destination) {
                if judge(self, cell) {
                    break;
                }
            }
        }
        first.map(|b| Blocked { partly: covered_some, ..b })
    }

    /// Names where a flow is denied: `host lb1 → host cp1 port 6443/tcp`.
    pub fn witness(&self, blocked: &Blocked) -> Witness {
        let c = self.cells[blocked.cell];
        Witness {
            source: self.name_address(c.family, blocked.address),
            destination: self.name_cell(&c),
            port: u16::try_from(blocked.port).unwrap_or(u16::MAX),
            transport: blocked.transport,
        }
    }

    /// The cell of one host address: `host`'s own when it answers on it (a VIP has one per
    /// holder), else the address's first.
    fn host_cell(&self, host: Option<usize>, family: Family, value: u128) -> Option<usize> {
        let at = self.cells.partition_point(|c| (c.family, c.span.start) < (family, value));
        let here = |i: &usize| {
            self.cells.get(*i).is_some_and(|c| c.family == family && c.span.start == value)
        };
        let mut holders = (at..).take_while(here);
        match host {
            Some(host) => (at..)
                .take_while(here)
                .find(|&i| self.cells[i].kind == CellKind::Host(host))
                .or_else(|| holders.next()),
            None => holders.next(),
        }
    }

    /// Is everything policy rule `index` allows needed by a planned flow (catalog or `services`)?
    pub fn width(&mut self, index: usize, ports: &[(PortRange, Transport)]) -> Width {
        let (source, to, held_by) = self.rules[index].clone();
        let cells = self.rule_cells(&to, &held_by);
        if cells.is_empty() {
            return Width::NoDestination;
        }
        if self.sets[source as usize].is_empty() {
            return Width::NoSource;
        }
        let mut needed = false;
        let mut first: Option<Witness> = None;
        for cell in cells {
            for (range, transport) in ports {
                let (gap, met) = self.judge(cell, source, port_span(*range), *transport, false);
                needed |= met;
                if let (Some((address, port)), None) = (gap, &first) {
                    let c = self.cells[cell];
                    first = Some(Witness {
                        source: self.name_address(c.family, address),
                        destination: self.name_cell(&c),
                        port: u16::try_from(port).unwrap_or(u16::MAX),
                        transport: *transport,
                    });
                }
                if first.is_some() && needed {
                    break;
                }
            }
            if first.is_some() && needed {
                break;
            }
        }
        match first {
            None => Width::Fits,
            Some(w) if needed => Width::Wider(w),
            Some(w) => Width::Unneeded(w),
        }
    }
}

/// Whether two endpoints share their names (or host): the plan clones one interned endpoint
/// into every flow, so this is a pointer comparison where `==` compared names and addresses.
/// Equal endpoints that do not share (none in a plan) only cost a second lookup, never a wrong
/// answer: callers fall back to interning by value.
fn same_shared(a: &Endpoint, b: &Endpoint) -> bool {
    match (a, b) {
        (Endpoint::Any, Endpoint::Any) => true,
        (Endpoint::Host(a), Endpoint::Host(b)) => std::sync::Arc::ptr_eq(a, b),
        (Endpoint::Group { name: a }, Endpoint::Group { name: b }) => std::sync::Arc::ptr_eq(a, b),
        (
            Endpoint::Zone { name: a, cidrs: a_cidrs },
            Endpoint::Zone { name: b, cidrs: b_cidrs },
        ) => std::sync::Arc::ptr_eq(a, b) && std::sync::Arc::ptr_eq(a_cidrs, b_cidrs),
        _ => false,
    }
}

fn piece_at(pieces: &[(Family, Span, usize)], family: Family, value: u128) -> Option<usize> {
    let at = pieces.partition_point(|(f, s, _)| (*f, s.start) <= (family, value));
    let (f, span, zone) = pieces.get(at.checked_sub(1)?)?;
    (*f == family && span.start <= value && value <= span.end).then_some(*zone)
}

/// The first address of one family of `rest` that is not one of `own` (a host's addresses).
fn first_outside(rest: &AddressSet, family: Family, own: &[(Family, u128)]) -> Option<u128> {
    for span in rest.family(family) {
        let mut candidate = span.start;
        loop {
            if !own.contains(&(family, candidate)) {
                return Some(candidate);
            }
            if candidate == span.end {
                break;
            }
            candidate += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::same_shared;
    use crate::plan::Endpoint;

    #[test]
    fn same_shared_is_identity_not_equality() {
        let name: Arc<str> = Arc::from("openlm");
        let group = Endpoint::Group { name: Arc::clone(&name) };
        assert!(same_shared(&group, &group.clone()));
        // Equal but not shared: the caller interns it by value instead.
        assert!(!same_shared(&group, &Endpoint::Group { name: Arc::from("openlm") }));
        assert!(same_shared(&Endpoint::Any, &Endpoint::Any));
        assert!(!same_shared(&Endpoint::Any, &group));
    }
}
