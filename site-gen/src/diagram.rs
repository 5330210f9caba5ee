//! The flow diagram on a platform page, drawn as inline SVG at build time: zones and their
//! clients on the left, the platform's components in the middle, outbound destinations on the
//! right, arrows labelled with ports. Pure function of the catalog, so byte-stable.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use portolan_core::model::Platform;

use crate::site::ReqView;
use crate::util::html_text;

const NODE_W: i32 = 200;
/// Components are wider: their incoming port labels sit inside them.
const COMP_W: i32 = 250;
const GAP: i32 = 150;
const MARGIN: i32 = 12;
const SLOT: i32 = 22;
const TITLE_H: i32 = 28;
const SOURCE_H: i32 = 30;
const ZONE_HEAD: i32 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Zone {
    External,
    Internal,
    Unstated,
}

impl Zone {
    fn of(r: &ReqView) -> Zone {
        match r.exposure {
            Some("external") => Zone::External,
            Some("internal") => Zone::Internal,
            _ => Zone::Unstated,
        }
    }

    fn title(self) -> &'static str {
        match self {
            Zone::External => "Outside (exposed)",
            Zone::Internal => "Internal only",
            Zone::Unstated => "Exposure not stated",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Zone::External => "ext",
            Zone::Internal => "int",
            Zone::Unstated => "uns",
        }
    }

    fn default_peer(self) -> &'static str {
        match self {
            Zone::External => "Any external client",
            Zone::Internal => "Internal clients",
            Zone::Unstated => "Clients",
        }
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// `TCP 6443, 2379-2380 +3 · UDP 8472`: ports grouped by transport, at most four shown.
fn port_label(ports: &[(String, String)]) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (port, transport) in ports {
        match groups.iter_mut().find(|(t, _)| t == transport) {
            Some((_, list)) => list.push(port),
            None => groups.push((transport, vec![port])),
        }
    }
    let mut budget = 3usize;
    let parts: Vec<String> = groups
        .iter()
        .map(|(transport, list)| {
            let shown: Vec<&str> = list.iter().take(budget.max(1)).copied().collect();
            budget = budget.saturating_sub(shown.len());
            let mut part = format!("{} {}", transport.to_uppercase(), shown.join(", "));
            if list.len() > shown.len() {
                let _ = write!(part, " +{}", list.len() - shown.len());
            }
            part
        })
        .collect();
    truncate(&parts.join(" · "), 36)
}

struct Edge {
    from: usize,
    to: usize,
    zone: Zone,
    ports: Vec<(String, String)>,
}

/// Draws the diagram; `None` when the platform has no requirements.
pub fn flow_svg(platform: &Platform, reqs: &[&ReqView]) -> Option<String> {
    if reqs.is_empty() {
        return None;
    }
    // Components, in the document's order, that own at least one requirement.
    let mut components: Vec<(String, String)> = Vec::new();
    for c in &platform.components {
        if reqs.iter().any(|r| r.component == c.id) {
            components.push((c.id.clone(), c.name.clone()));
        }
    }
    for r in reqs {
        if !components.iter().any(|(id, _)| *id == r.component) {
            components.push((r.component.clone(), r.component_name.clone()));
        }
    }
    // Components fed from outside first, then internal ones, then the rest: fewer crossings.
    let zone_rank = |id: &str| {
        reqs.iter()
            .filter(|r| r.component == id && r.direction != Some("outbound"))
            .map(|r| Zone::of(r))
            .min()
    };
    let mut ranked: Vec<(Option<Zone>, usize, (String, String))> = components
        .into_iter()
        .enumerate()
        .map(|(i, c)| (zone_rank(&c.0).or(Some(Zone::Unstated)), i, c))
        .collect();
    ranked.sort_by_key(|(zone, i, _)| (*zone, *i));
    let components: Vec<(String, String)> = ranked.into_iter().map(|(_, _, c)| c).collect();
    // Sources (left, by zone) and destinations (right).
    let mut sources: BTreeMap<(Zone, String), usize> = BTreeMap::new();
    let mut destinations: BTreeMap<String, usize> = BTreeMap::new();
    let mut inbound: BTreeMap<(usize, usize, Zone), Vec<(String, String)>> = BTreeMap::new();
    let mut outbound: BTreeMap<(usize, usize, Zone), Vec<(String, String)>> = BTreeMap::new();
    let component_index = |id: &str| components.iter().position(|(c, _)| c == id).unwrap_or(0);
    for r in reqs {
        let zone = Zone::of(r);
        let port = (r.ports.clone(), r.transport.unwrap_or("?").to_owned());
        let to = component_index(&r.component);
        let peer = r.peer.clone().unwrap_or_else(|| zone.default_peer().to_owned());
        if r.direction == Some("outbound") {
            let next = destinations.len();
            let d = *destinations.entry(peer).or_insert(next);
            let list = outbound.entry((to, d, zone)).or_default();
            if !list.contains(&port) {
                list.push(port);
            }
        } else {
            let next = sources.len();
            let s = *sources.entry((zone, peer)).or_insert(next);
            let list = inbound.entry((s, to, zone)).or_default();
            if !list.contains(&port) {
                list.push(port);
            }
        }
    }
    // Sources are laid out in key order (zone, then name); renumber them by that order.
    let source_order: Vec<((Zone, String), usize)> = sources.into_iter().collect();
    let mut source_pos = vec![0usize; source_order.len()];
    for (pos, (_, original)) in source_order.iter().enumerate() {
        source_pos[*original] = pos;
    }
    let dest_order: Vec<(String, usize)> = destinations.into_iter().collect();
    let mut dest_pos = vec![0usize; dest_order.len()];
    for (pos, (_, original)) in dest_order.iter().enumerate() {
        dest_pos[*original] = pos;
    }
    let inbound: Vec<Edge> = inbound
        .into_iter()
        .map(|((s, to, zone), ports)| Edge { from: source_pos[s], to, zone, ports })
        .collect();
    let outbound: Vec<Edge> = outbound
        .into_iter()
        .map(|((from, d, zone), ports)| Edge { from, to: dest_pos[d], zone, ports })
        .collect();

    let has_right = !dest_order.is_empty();
    let x_left = MARGIN + 8;
    let x_mid = x_left + NODE_W + GAP;
    let x_right = x_mid + COMP_W + GAP;
    let width = if has_right { x_right + NODE_W + MARGIN + 8 } else { x_mid + COMP_W + MARGIN + 8 };

    // Left column: zones with their sources.
    let mut y = MARGIN;
    let mut source_y = vec![0i32; source_order.len()];
    let mut zones_svg = String::new();
    let mut nodes_svg = String::new();
    let mut current: Option<(Zone, i32)> = None;
    let close_zone = |zones_svg: &mut String, zone: Zone, top: i32, bottom: i32| {
        let _ = write!(
            zones_svg,
            "<rect class=\"zone z{}\" x=\"{}\" y=\"{top}\" width=\"{}\" height=\"{}\" rx=\"8\"/><text class=\"zt\" x=\"{}\" y=\"{}\">{}</text>",
            zone.class(),
            MARGIN,
            NODE_W + 16,
            bottom - top,
            MARGIN + 8,
            top + 16,
            zone.title()
        );
    };
    for (pos, ((zone, name), _)) in source_order.iter().enumerate() {
        if current.map(|(z, _)| z) != Some(*zone) {
            if let Some((z, top)) = current {
                close_zone(&mut zones_svg, z, top, y);
                y += 12;
            }
            current = Some((*zone, y));
            y += ZONE_HEAD;
        }
        source_y[pos] = y + SOURCE_H / 2;
        let _ = write!(
            nodes_svg,
            "<rect class=\"node src\" x=\"{x_left}\" y=\"{y}\" width=\"{NODE_W}\" height=\"{SOURCE_H}\" rx=\"5\"/><text x=\"{}\" y=\"{}\">{}</text>",
            x_left + 10,
            y + 19,
            html_text(&truncate(name, 28))
        );
        y += SOURCE_H + 8;
    }
    if let Some((z, top)) = current {
        close_zone(&mut zones_svg, z, top, y);
        y += 4;
    }
    let left_bottom = y;

    // Middle column: components with one slot per incoming and outgoing edge.
    let mut in_slots: Vec<Vec<usize>> = vec![Vec::new(); components.len()];
    let mut out_slots: Vec<Vec<usize>> = vec![Vec::new(); components.len()];
    for (i, e) in inbound.iter().enumerate() {
        in_slots[e.to].push(i);
    }
    for (i, e) in outbound.iter().enumerate() {
        out_slots[e.from].push(i);
    }
    for slots in &mut in_slots {
        slots.sort_by_key(|&i| (source_y[inbound[i].from], i));
    }
    let mut y = MARGIN + ZONE_HEAD;
    let mut in_y = vec![0i32; inbound.len()];
    let mut out_y = vec![0i32; outbound.len()];
    for (c, (_, name)) in components.iter().enumerate() {
        let rows = in_slots[c].len().max(out_slots[c].len()).max(1) as i32;
        let height = TITLE_H + rows * SLOT + 4;
        let _ = write!(
            nodes_svg,
            "<rect class=\"node comp\" x=\"{x_mid}\" y=\"{y}\" width=\"{COMP_W}\" height=\"{height}\" rx=\"6\"/><text class=\"ct\" x=\"{}\" y=\"{}\">{}</text>",
            x_mid + 10,
            y + 19,
            html_text(&truncate(name, 26))
        );
        for (k, &e) in in_slots[c].iter().enumerate() {
            in_y[e] = y + TITLE_H + k as i32 * SLOT + SLOT / 2;
        }
        for (k, &e) in out_slots[c].iter().enumerate() {
            out_y[e] = y + TITLE_H + k as i32 * SLOT + SLOT / 2;
        }
        y += height + 12;
    }
    let mid_bottom = y;
    let _ = write!(
        zones_svg,
        "<rect class=\"zone zplat\" x=\"{}\" y=\"{MARGIN}\" width=\"{}\" height=\"{}\" rx=\"8\"/><text class=\"zt\" x=\"{}\" y=\"{}\">Components</text>",
        x_mid - 8,
        COMP_W + 16,
        mid_bottom - MARGIN - 4,
        x_mid,
        MARGIN + 16
    );

    // Right column: destinations.
    let mut y = MARGIN + ZONE_HEAD;
    let mut dest_y = vec![0i32; dest_order.len()];
    for (pos, (name, _)) in dest_order.iter().enumerate() {
        dest_y[pos] = y + SOURCE_H / 2;
        let _ = write!(
            nodes_svg,
            "<rect class=\"node dst\" x=\"{x_right}\" y=\"{y}\" width=\"{NODE_W}\" height=\"{SOURCE_H}\" rx=\"5\"/><text x=\"{}\" y=\"{}\">{}</text>",
            x_right + 10,
            y + 19,
            html_text(&truncate(name, 28))
        );
        y += SOURCE_H + 8;
    }
    if has_right {
        let _ = write!(
            zones_svg,
            "<rect class=\"zone zdst\" x=\"{}\" y=\"{MARGIN}\" width=\"{}\" height=\"{}\" rx=\"8\"/><text class=\"zt\" x=\"{}\" y=\"{}\">Connects out to</text>",
            x_right - 8,
            NODE_W + 16,
            y - MARGIN,
            x_right,
            MARGIN + 16
        );
    }
    let right_bottom = y;

    // Edges and labels.
    let mut edges_svg = String::new();
    let mut labels_svg = String::new();
    let curve = |x1: i32, y1: i32, x2: i32, y2: i32| {
        let dx = (x2 - x1) / 2;
        format!("M{x1} {y1}C{} {y1} {} {y2} {x2} {y2}", x1 + dx, x2 - dx)
    };
    for (i, e) in inbound.iter().enumerate() {
        let (x1, y1) = (x_left + NODE_W, source_y[e.from]);
        let (x2, y2) = (x_mid - 2, in_y[i]);
        let _ = write!(
            edges_svg,
            "<path class=\"e e{}\" d=\"{}\"/>",
            e.zone.class(),
            curve(x1, y1, x2, y2)
        );
        let _ = write!(
            labels_svg,
            "<text class=\"fl\" x=\"{}\" y=\"{}\">{}</text>",
            x_mid + 12,
            y2 + 4,
            html_text(&port_label(&e.ports))
        );
    }
    for (i, e) in outbound.iter().enumerate() {
        let (x1, y1) = (x_mid + COMP_W, out_y[i]);
        let (x2, y2) = (x_right - 2, dest_y[e.to]);
        let _ = write!(
            edges_svg,
            "<path class=\"e e{}\" d=\"{}\"/>",
            e.zone.class(),
            curve(x1, y1, x2, y2)
        );
        let _ = write!(
            labels_svg,
            "<text class=\"fl fo\" x=\"{}\" y=\"{}\">{}</text>",
            x1 + 8,
            y1 - 4,
            html_text(&port_label(&e.ports))
        );
    }

    let height = left_bottom.max(mid_bottom).max(right_bottom) + MARGIN;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"flow\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"flow-title\"><title id=\"flow-title\">Flows for {}: {} connections into {} components{}</title>",
        html_text(&platform.title),
        inbound.len(),
        components.len(),
        if outbound.is_empty() { String::new() } else { format!(", {} outbound", outbound.len()) }
    );
    svg.push_str("<defs><marker id=\"ah\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L8 4L0 8z\"/></marker></defs>");
    let _ = write!(
        svg,
        "<g class=\"zones\">{zones_svg}</g><g class=\"edges\">{edges_svg}</g><g class=\"nodes\">{nodes_svg}</g><g class=\"labels\">{labels_svg}</g></svg>"
    );
    Some(svg)
}
