//! Vendor table and list shapes, recognised before rows are read: which column holds the
//! ports when no header says so, transports written as columns, ports named in a list item,
//! how much of a table looks like ports (for the report of a table not read), and the names
//! generic headings and tabs give.

use super::blocks::{Located, Row};
use super::components::{clean_name, slugify};
use super::text;
use super::vocabulary::{
    ColumnRole, is_quantity_header, normalise, port_header_cues, protocol_cell, variant_of,
};
use crate::model::{Direction, Transports};

/// "Mesh Agent required ports" → "Mesh Agent": a heading's trailing generic words ("required
/// ports", "port requirements") are not part of the name it gives a component.
pub(super) fn without_generic_tail(name: &str) -> String {
    const TAIL: &[&str] = &[
        "port",
        "ports",
        "required",
        "requirements",
        "requirement",
        "table",
        "tables",
        "information",
        "info",
        "reference",
        "overview",
        "prerequisites",
        "rules",
        "firewall",
        "network",
        "traffic",
        "networking",
        "protocols",
        "protocol",
        "used",
        "list",
        "considerations",
        "and",
        "&",
    ];
    const CONNECTORS: &[&str] = &["in", "a", "an", "of", "the", "for", "to", "on", "by", "with"];
    let cleaned = clean_name(name);
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| TAIL.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    // "Named ports in a list" would leave "Named ports in a": keep the heading whole.
    if words.last().is_some_and(|w| CONNECTORS.contains(&w.to_lowercase().as_str())) {
        return cleaned;
    }
    words.join(" ")
}

/// `| Service | Port/protocol |` with services such as Kerberos, DNS, LDAP, SMB (how directory
/// and Windows pages list ports): the services are protocols of one host, not components. True
/// when the column is headed Service and at least half its filled cells name a protocol.
pub(super) fn service_column_names_protocols(header: &str, rows: &[Row], column: usize) -> bool {
    if !matches!(normalise(header).as_str(), "service" | "services" | "service name") {
        return false;
    }
    let cells = filled_cells(rows, column);
    let protocols = cells
        .iter()
        .filter(|cell| {
            cell.split(|c: char| !c.is_alphanumeric())
                .any(|word| super::vocabulary::app_protocol(word).is_some())
        })
        .count();
    !cells.is_empty() && protocols * 2 >= cells.len()
}

/// `| Service Name | Port |` with `ssh`, `https`, `Metrics`, `Database`: IANA's term for what
/// runs on a port (its registry is "Service Name and Transport Protocol Port Number"), the
/// protocol or feature, not a part of the platform. True when the column is headed so and
/// fewer than half its filled cells name a declared part (`names_part`).
pub(super) fn service_name_column_names_no_part(
    header: &str,
    rows: &[Row],
    column: usize,
    names_part: &dyn Fn(&str) -> bool,
) -> bool {
    if !matches!(normalise(header).as_str(), "service name" | "service names") {
        return false;
    }
    let cells = filled_cells(rows, column);
    let parts = cells.iter().filter(|cell| names_part(cell)).count();
    !cells.is_empty() && parts * 2 < cells.len()
}

/// The filled cells of one column.
fn filled_cells(rows: &[Row], column: usize) -> Vec<&str> {
    rows.iter()
        .filter_map(|row| row.cells.get(column).map(|c| c.trimmed()))
        .filter(|c| !c.is_empty())
        .collect()
}

/// Salt's `| Port | Type | Description |` with "Publisher/subscriber port (jobs and events go
/// out …)" under `Type`: a vague header over cells that name no transport or protocol is a
/// description, not the transport column (its cells were unknown-transport warnings, and a
/// lead-in's "Both ports are TCP." never reached the rows). True when the column is headed
/// `Type` and none of its filled cells reads as a transport or application protocol.
pub(super) fn type_column_describes(header: &str, rows: &[Row], column: usize) -> bool {
    if normalise(header) != "type" {
        return false;
    }
    let cells = filled_cells(rows, column);
    !cells.is_empty()
        && cells.iter().all(|cell| {
            let (transport, app) = protocol_cell(cell);
            transport.is_none() && app.is_none()
        })
}

/// "Security group rules for the appliance" → "appliance", "Ports for the worker nodes" →
/// "worker nodes": a heading made of generic words and then "for NAME" names NAME. Any other
/// heading is returned as it is.
pub(super) fn named_after_for(title: &str) -> String {
    let lower = title.to_lowercase();
    let Some(at) = super::vocabulary::find_short(&lower, " for ") else { return title.to_owned() };
    let (head, rest) = (&title[..at], &title[at + " for ".len()..]);
    let name = rest
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split_once(' ')
        .filter(|(first, _)| {
            matches!(first.to_lowercase().as_str(), "the" | "a" | "an" | "your" | "each" | "every")
        })
        .map_or(rest.trim(), |(_, name)| name.trim());
    if super::vocabulary::is_generic_heading(head) && !name.is_empty() {
        name.to_owned()
    } else {
        title.to_owned()
    }
}

/// `| Description | UDP | TCP |` with ports in the transport columns (how Microsoft lists
/// ports): the same table as `| Description | Port | Protocol |`, one row per transport that
/// has ports. `None` for any other table.
pub(super) fn transport_columns_as_rows(
    header: &[Located],
    rows: &[Row],
    roles: &[Option<ColumnRole>],
) -> Option<(Vec<Located>, Vec<Row>)> {
    if roles.contains(&Some(ColumnRole::Port)) {
        return None;
    }
    let transports: Vec<(usize, &str)> = header
        .iter()
        .enumerate()
        // "UDP", or a transport with a qualifier ("TCP (TLS)", "TCP SSL"): the header names
        // the transport of every port under it.
        .filter(|(i, h)| {
            Transports::parse(&normalise(h.trimmed())).is_some()
                || (roles.get(*i).copied().flatten() == Some(ColumnRole::Protocol)
                    && protocol_cell(h.trimmed()).0.is_some())
        })
        .map(|(i, h)| (i, h.trimmed()))
        // (A cell may open with its ports and go on with a note: "80 (see note 2, alternate
        // port available)".)
        .filter(|(i, _)| {
            rows.iter().any(|r| {
                r.cells.get(*i).is_some_and(|c| {
                    text::looks_like_ports(c.trimmed())
                        || !text::leading_port(c.trimmed()).is_empty()
                })
            })
        })
        .collect();
    if transports.is_empty() {
        return None;
    }
    let others: Vec<usize> =
        (0..header.len()).filter(|i| !transports.iter().any(|(t, _)| t == i)).collect();
    let mut new_header: Vec<Located> =
        others.iter().filter_map(|&i| header.get(i).cloned()).collect();
    let mut port_header = Located::at(header.first().map_or(0, |h| h.start));
    port_header.push("Port", port_header.start);
    let mut protocol_header = Located::at(port_header.start);
    protocol_header.push("Protocol", port_header.start);
    new_header.push(port_header);
    new_header.push(protocol_header);
    let mut new_rows = Vec::new();
    for row in rows {
        for (column, transport) in &transports {
            let Some(cell) = row.cells.get(*column).filter(|c| text::has_digit(c.trimmed())) else {
                continue;
            };
            let mut cells: Vec<Located> =
                others.iter().filter_map(|&i| row.cells.get(i).cloned()).collect();
            cells.push(cell.clone());
            let mut protocol = Located::at(cell.start);
            protocol.push(transport, cell.start);
            cells.push(protocol);
            new_rows.push(Row { cells, start: row.start });
        }
    }
    Some((new_header, new_rows))
}

/// Several columns headed as ports, each holding ports (`| Component | Connects out on |
/// Listens on |`, `| Service | Ports on interface 0 | Ports on interface 1 |`): one row per
/// column that has ports, so that no column but the first is dropped. A column's header
/// direction ("Listens on" inbound, "Connects out on" outbound) becomes the row's Direction
/// cell when the table has no direction column; a cell whose numbers an earlier port column of
/// the row already gave with the same direction adds no row. `None` for any other table.
pub(super) fn port_columns_as_rows(
    header: &[Located],
    rows: &[Row],
    roles: &[Option<ColumnRole>],
) -> Option<(Vec<Located>, Vec<Row>, String)> {
    let ports: Vec<usize> = (0..header.len())
        .filter(|&i| roles.get(i).copied().flatten() == Some(ColumnRole::Port))
        .filter(|&i| {
            rows.iter().any(|r| r.cells.get(i).is_some_and(|c| text::has_digit(c.trimmed())))
        })
        .collect();
    if ports.len() < 2 {
        return None;
    }
    let directions: Vec<Option<Direction>> = ports
        .iter()
        .map(|&i| header.get(i).and_then(|h| port_header_cues(h.trimmed()).0))
        .collect();
    let add_direction =
        directions.iter().any(Option::is_some) && !roles.contains(&Some(ColumnRole::Direction));
    // "UDP port | TCP port": each column's header names its ports' transport; without a
    // protocol column it becomes the row's Protocol cell (the first header spoke for all).
    let transports: Vec<Option<Transports>> = ports
        .iter()
        .map(|&i| header.get(i).and_then(|h| port_header_cues(h.trimmed()).1))
        .collect();
    let add_transport =
        transports.iter().any(Option::is_some) && !roles.contains(&Some(ColumnRole::Protocol));
    let first = ports.first().copied().unwrap_or(0);
    let others: Vec<usize> = (0..header.len()).filter(|i| !ports[1..].contains(i)).collect();
    let mut new_header: Vec<Located> =
        others.iter().filter_map(|&i| header.get(i).cloned()).collect();
    if add_direction {
        let at = header.get(first).map_or(0, |h| h.start);
        let mut direction = Located::at(at);
        direction.push("Direction", at);
        new_header.push(direction);
    }
    let at_port = others.iter().position(|&i| i == first).unwrap_or(0);
    if add_transport {
        let at = header.get(first).map_or(0, |h| h.start);
        let mut protocol = Located::at(at);
        protocol.push("Protocol", at);
        new_header.push(protocol);
        // The port column is headed plainly: its first header's transport is no longer all.
        if let Some(slot) = new_header.get_mut(at_port) {
            let mut port = Located::at(at);
            port.push("Port", at);
            *slot = port;
        }
    }
    let mut new_rows = Vec::new();
    for row in rows {
        let mut given: Vec<(Option<Direction>, Option<Transports>, Vec<String>)> = Vec::new();
        let mut emitted = false;
        for ((&column, &direction), &transport) in ports.iter().zip(&directions).zip(&transports) {
            let Some(cell) = row.cells.get(column).filter(|c| text::has_digit(c.trimmed())) else {
                continue;
            };
            let numbers: Vec<String> = cell
                .trimmed()
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| n.parse::<u32>().is_ok_and(|v| (1..=65_535).contains(&v)))
                .map(str::to_owned)
                .collect();
            // "Same as interface 0", "Not applicable": no port of its own.
            if numbers.is_empty() {
                continue;
            }
            let known = given.iter().any(|(d, t, seen)| {
                *d == direction && *t == transport && numbers.iter().all(|n| seen.contains(n))
            });
            if known {
                continue;
            }
            given.push((direction, transport, numbers));
            let mut cells: Vec<Located> =
                others.iter().filter_map(|&i| row.cells.get(i).cloned()).collect();
            if let Some(slot) = cells.get_mut(at_port) {
                *slot = cell.clone();
            }
            if add_direction {
                let mut said = Located::at(cell.start);
                said.push(direction.map_or("", |d| d.as_str()), cell.start);
                cells.push(said);
            }
            if add_transport {
                let mut said = Located::at(cell.start);
                said.push(transport.map_or("", |t| t.as_str()), cell.start);
                cells.push(said);
            }
            new_rows.push(Row { cells, start: row.start });
            emitted = true;
        }
        if !emitted {
            new_rows.push(Row {
                cells: others.iter().filter_map(|&i| row.cells.get(i).cloned()).collect(),
                start: row.start,
            });
        }
    }
    let shown: Vec<&str> =
        ports.iter().filter_map(|&i| header.get(i).map(Located::trimmed)).collect();
    let note = format!(
        "columns {} all hold ports: one row per column with ports, a port an earlier column gave left out",
        shown.join(", ")
    );
    Some((new_header, new_rows, note))
}

/// The slug of a tab's variant: a known deployment name ("Google Cloud" → `gcp`) or the label.
pub(super) fn tab_slug(label: &str) -> String {
    variant_of(label).map_or_else(|| slugify(label), |(slug, _)| slug.to_owned())
}

/// The column whose cells mostly read as ports, among columns no header names: what a
/// vendor's unlabeled or oddly labeled port column looks like. A column counting rows
/// (1, 2, 3 …) is a key, not ports.
pub(super) fn inferred_port_column(
    headers: &[String],
    roles: &[Option<ColumnRole>],
    rows: &[Row],
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (column, role) in roles.iter().enumerate() {
        if role.is_some() || headers.get(column).is_some_and(|h| is_quantity_header(h)) {
            continue;
        }
        let values: Vec<&str> = rows
            .iter()
            .filter_map(|row| row.cells.get(column))
            .map(Located::trimmed)
            .filter(|v| !v.is_empty() && !matches!(*v, "-" | "—" | "–"))
            .collect();
        if values.is_empty() {
            continue;
        }
        // Listener addresses (`PLAINTEXT://:9092`) and ports in code quotes count too.
        let ports = values.iter().filter(|v| super::listeners::is_port_value(v)).count();
        let counting = values.len() > 1
            && values.iter().enumerate().all(|(i, v)| v.parse::<usize>().ok() == Some(i + 1));
        // Ports below 20 are rare; a column of small numbers counts something.
        let small = values.iter().all(|v| v.parse::<u32>().is_ok_and(|n| n < 20));
        // Most cells, and more than one unless the table has a single row.
        if counting || small || ports * 10 < values.len() * 7 || (ports < 2 && rows.len() > 1) {
            continue;
        }
        if best.is_none_or(|(_, count)| ports > count) {
            best = Some((column, ports));
        }
    }
    best.map(|(column, _)| column)
}

/// Cells of a table that hold port-like values (for the report of a table not read): a
/// "port 443" anywhere, or a cell of nothing but ports in a column whose header could be a
/// port header (not a key, protocol or quantity column).
pub(super) fn port_like_cells(
    headers: &[String],
    roles: &[Option<ColumnRole>],
    rows: &[Row],
) -> usize {
    rows.iter()
        .flat_map(|row| row.cells.iter().enumerate())
        .filter(|(column, cell)| {
            let value = cell.trimmed();
            let unnamed = matches!(roles.get(*column), None | Some(None));
            let quantity = headers.get(*column).is_some_and(|h| is_quantity_header(h));
            // Under a quantity header ("Size") only numbers too large for a size in GB
            // ("8443") are worth a word.
            let large = value
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .all(|n| n.parse::<u32>().is_ok_and(|n| n >= 1024));
            (unnamed && (!quantity || large) && text::looks_like_ports(value))
                || !text::prose(value).is_empty()
        })
        .count()
}

/// "Admin API: 12300/12343" → ("Admin API", "12300/12343"): a list item naming something,
/// then only ports.
pub(super) fn labelled_ports(text: &str) -> Option<(&str, &str)> {
    // "Web console (8443/tcp)": a name, then its ports in parentheses at the end.
    if let Some(inner) = text.trim_end().trim_end_matches('.').strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let (name, ports) = (&inner[..open], &inner[open + 1..]);
        let all_large = ports
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .all(|n| n.parse::<u32>().is_ok_and(|n| n >= 20));
        if !name.trim().is_empty() && all_large && text::looks_like_ports(ports) {
            return Some((name, ports));
        }
    }
    let (name, ports) = text
        .split_once(": ")
        .or_else(|| text.split_once(" – "))
        .or_else(|| text.split_once(" — "))
        .or_else(|| text.split_once(" - "))?;
    let ports = ports.trim_end_matches('.');
    (!name.trim().is_empty() && text::looks_like_ports(ports)).then_some((name, ports))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::{self, Block};

    fn rows_of(markdown: &str) -> Vec<Row> {
        match blocks::parse(markdown).into_iter().next() {
            Some(Block::Table { rows, .. }) => rows,
            _ => Vec::new(),
        }
    }

    #[test]
    fn service_column_of_protocols_became_one_component_per_protocol() {
        let protocols = rows_of(
            "| Service | Port |\n| --- | --- |\n| Kerberos | 88 |\n| DNS | 53 |\n| Global catalog | 3268 |\n",
        );
        assert!(service_column_names_protocols("Service", &protocols, 0));
        // Services that are parts of the platform stay components.
        let parts =
            rows_of("| Service | Port |\n| --- | --- |\n| Scheduler | 10259 |\n| API | 6443 |\n");
        assert!(!service_column_names_protocols("Service", &parts, 0));
        assert!(!service_column_names_protocols("Role", &protocols, 0));
    }

    #[test]
    fn regression_a_service_name_column_was_read_as_parts() {
        let named = rows_of(
            "| Service Name | Port |\n| --- | --- |\n| ssh | 22 |\n| Metrics | 8067 |\n| Database | 5432 |\n",
        );
        assert!(service_name_column_names_no_part("Service Name", &named, 0, &|_| false));
        // Values that name declared parts stay components.
        assert!(!service_name_column_names_no_part("Service Name", &named, 0, &|c| c != "ssh"));
        assert!(!service_name_column_names_no_part("Service", &named, 0, &|_| false));
    }

    #[test]
    fn regression_a_type_column_of_descriptions_was_read_as_the_transport() {
        let described = rows_of(
            "| Type |\n| --- |\n| Publisher/subscriber port (jobs and events go out to the minions) |\n| Payloads and minion returns (file server, returned data) |\n",
        );
        assert!(type_column_describes("Type", &described, 0));
        let mixed = rows_of("| Type |\n| --- |\n| TCP |\n| Publisher port |\n");
        assert!(!type_column_describes("Type", &mixed, 0));
        assert!(!type_column_describes("Protocol", &described, 0));
    }

    #[test]
    fn heading_rules_for_a_named_part_named_nothing() {
        assert_eq!(named_after_for("Security group rules for the appliance"), "appliance");
        assert_eq!(named_after_for("Ports for worker nodes"), "worker nodes");
        assert_eq!(named_after_for("Agent for Linux"), "Agent for Linux");
    }
}
