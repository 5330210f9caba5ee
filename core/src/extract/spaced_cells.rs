//! A `<br>` that markdownify writes as a space: `<td>514<br>1514</td><td>UDP<br>TCP (TLS)</td>`
//! becomes `| 514 1514 | UDP TCP (TLS) |`, and both ports were read as TCP and UDP (a widened
//! transport, in silence). When a row's port cell is only ports separated by spaces and its
//! protocol cell as many transports separated by spaces (each maybe with its parenthesis), the
//! spaces were line breaks: both cells get their lines back, so that the n-th port pairs with
//! the n-th transport as for every other converter. A comma, a word or a count that differs
//! leaves the cells as written (`80 443` beside `TCP` is two TCP ports either way).

use super::blocks::{Located, Row};
use super::vocabulary::{ColumnRole, column_role};
use crate::model::Transports;

/// The rows with their space-joined port and transport lines split back.
pub(super) fn split(header: &[Located], mut rows: Vec<Row>) -> Vec<Row> {
    // Each header cell's role read once, not once per role asked for.
    let roles: Vec<Option<ColumnRole>> = header.iter().map(|h| column_role(h.trimmed())).collect();
    let role = |wanted: ColumnRole| {
        let mut columns = roles.iter().enumerate().filter(|(_, role)| **role == Some(wanted));
        match (columns.next(), columns.next()) {
            (Some((column, _)), None) => Some(column),
            _ => None,
        }
    };
    let (Some(port), Some(protocol)) = (role(ColumnRole::Port), role(ColumnRole::Protocol)) else {
        return rows;
    };
    for row in &mut rows {
        let (Some(ports), Some(transports)) = (row.cells.get(port), row.cells.get(protocol)) else {
            continue;
        };
        let port_items = port_items(ports);
        let transport_items = transport_items(transports);
        if port_items.len() < 2 || port_items.len() != transport_items.len() {
            continue;
        }
        let (ports, transports) = (lines(ports, &port_items), lines(transports, &transport_items));
        row.cells[port] = ports;
        row.cells[protocol] = transports;
    }
    rows
}

/// Byte ranges (in the cell's text) of whitespace-separated words.
pub(super) fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), open) {
            (false, None) => open = Some(i),
            (true, Some(start)) => {
                out.push((start, i));
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The cell's ports when it is only single ports or ranges separated by spaces, two or more
/// (none for one: a cell holding one port has nothing to split, and most cells are such).
pub(super) fn port_items(cell: &Located) -> Vec<(usize, usize)> {
    if cell.text.contains('\n') || cell.text.split_whitespace().nth(1).is_none() {
        return Vec::new();
    }
    let items = words(&cell.text);
    let all_ports = items.iter().all(|&(s, e)| {
        let word = &cell.text[s..e];
        word.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '–'))
            && super::text::looks_like_ports(word)
    });
    if all_ports { items } else { Vec::new() }
}

/// The cell's transports when it is only transports (each maybe followed by a parenthesis)
/// separated by spaces.
fn transport_items(cell: &Located) -> Vec<(usize, usize)> {
    if cell.text.contains('\n') {
        return Vec::new();
    }
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    for (start, end) in words(&cell.text) {
        let word = &cell.text[start..end];
        if depth > 0 || word.starts_with('(') {
            let Some(last) = items.last_mut() else { return Vec::new() };
            last.1 = end;
        } else if Transports::parse(word).is_some() {
            items.push((start, end));
        } else {
            return Vec::new();
        }
        depth = (depth + word.matches('(').count()).saturating_sub(word.matches(')').count());
    }
    items
}

/// The cell written again with each item on a line of its own.
pub(super) fn lines(cell: &Located, items: &[(usize, usize)]) -> Located {
    let mut out = Located::at(cell.start);
    for &(start, end) in items {
        out.line_break();
        out.push(&cell.text[start..end], cell.source_offset(start));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Row {
        let cells = cells
            .iter()
            .map(|text| {
                let mut located = Located::at(0);
                located.push(text, 0);
                located
            })
            .collect();
        Row { cells, start: 0 }
    }

    fn texts(header: &[&str], cells: &[&str]) -> Vec<String> {
        let header = row(header).cells;
        let rows = split(&header, vec![row(cells)]);
        rows[0].cells.iter().map(|c| c.text.clone()).collect()
    }

    #[test]
    fn a_br_that_markdownify_wrote_as_a_space_widened_both_ports_to_both_transports() {
        assert_eq!(
            texts(&["Port", "Protocol", "Purpose"], &["514 1514", "UDP TCP (TLS)", "Logging"]),
            ["514\n1514", "UDP\nTCP (TLS)", "Logging"]
        );
    }

    #[test]
    fn cells_that_do_not_pair_are_left_as_written() {
        let header = ["Port", "Protocol", "Purpose"];
        assert_eq!(texts(&header, &["80 443", "TCP", "Web"]), ["80 443", "TCP", "Web"]);
        assert_eq!(texts(&header, &["80, 443", "TCP UDP", "Web"]), ["80, 443", "TCP UDP", "Web"]);
        assert_eq!(
            texts(&header, &["514 1514", "UDP or TCP", "Logs"]),
            ["514 1514", "UDP or TCP", "Logs"]
        );
    }
}
