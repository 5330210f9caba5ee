//! A two-column table whose header names the flow: `| Central site → | Remote site(s) |`,
//! `| Node 1 <-> | Node 2 |`. The left header (ending in an arrow) is the side that connects,
//! the right one the side that listens; each row gives the port (`DST 6557/tcp`) and what it
//! is for. Monitoring suites and appliance guides write their site-to-site and cluster tables
//! this way. Rewritten to `| Source | Destination | Port | Purpose |` rows (with a Direction: `Both`
//! for a two-way arrow between two parts, `Internal` between the hosts of one part).

use super::blocks::{Located, Row};
use super::text::{has_digit, looks_like_ports};
use super::vocabulary::ColumnRole;

/// Arrows that end a header cell: one way, or both ways.
const ONE_WAY: &[&str] = &["→", "->", "=>", "⟶", "⇒", "➔", "➜"];
const BOTH_WAYS: &[&str] = &["↔", "<->", "<=>", "⇄", "⇔", "⟷"];

/// The header and rows in Source / Destination / Direction / Port / Purpose form.
pub(super) fn rewrite(
    header: &[Located],
    rows: &[Row],
    roles: &[Option<ColumnRole>],
) -> Option<(Vec<Located>, Vec<Row>)> {
    let [left, right] = header else { return None };
    // The arrow is the sign; a side named like a column ("Site", "Hosts") is still a side.
    if roles.contains(&Some(ColumnRole::Port)) {
        return None;
    }
    let (from, both) = strip_arrow(left.trimmed())?;
    let to = right.trimmed().trim_end_matches(['→', '←']).trim();
    if from.is_empty() || to.is_empty() || has_digit_only(to) {
        return None;
    }
    // "Node 1 <-> Node 2": two hosts of one part, the part named without its number.
    let (from, to) = match (numbered_stem(from), numbered_stem(to)) {
        (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => (a, a),
        _ => (from, to),
    };
    // The port column is the one whose cells look like ports in most rows.
    let ports_in = |column: usize| {
        rows.iter().filter(|r| r.cells.get(column).is_some_and(|c| port_like(c.trimmed()))).count()
    };
    let (port, purpose) = if ports_in(0) >= ports_in(1) { (0, 1) } else { (1, 0) };
    if ports_in(port) == 0 {
        return None;
    }
    let placeholder = |at: usize, text: &str| {
        let mut located = Located::at(at);
        located.push(text, at);
        located
    };
    let at = left.start;
    // Both ways between two parts; between the hosts of one part the rows are internal.
    let direction = match (both, from == to) {
        (_, true) => Some("Internal"),
        (true, false) => Some("Both"),
        (false, false) => None,
    };
    let names: &[&str] = if direction.is_some() {
        &["Source", "Destination", "Direction", "Port", "Purpose"]
    } else {
        &["Source", "Destination", "Port", "Purpose"]
    };
    let new_header = names.iter().map(|h| placeholder(at, h)).collect();
    let mut new_rows = Vec::new();
    for row in rows {
        let Some(port_cell) = row.cells.get(port) else { continue };
        // "Further ports, for example those of active checks": no port, no row.
        if !has_digit(port_cell.trimmed()) {
            continue;
        }
        let purpose_cell =
            row.cells.get(purpose).cloned().unwrap_or_else(|| placeholder(row.start, ""));
        let mut cells = vec![placeholder(port_cell.start, from), placeholder(port_cell.start, to)];
        if let Some(direction) = direction {
            cells.push(placeholder(port_cell.start, direction));
        }
        cells.extend([port_cell.clone(), purpose_cell]);
        new_rows.push(Row { cells, start: row.start });
    }
    Some((new_header, new_rows))
}

/// `Central site →` → ("Central site", one way); `Node 1 <->` → ("Node 1", both ways).
fn strip_arrow(text: &str) -> Option<(&str, bool)> {
    let text = text.trim();
    if let Some(arrow) = BOTH_WAYS.iter().find(|a| text.ends_with(*a)) {
        return text.strip_suffix(arrow).map(|t| (t.trim(), true));
    }
    ONE_WAY
        .iter()
        .find(|a| text.ends_with(*a))
        .and_then(|a| text.strip_suffix(a))
        .map(|t| (t.trim(), false))
}

/// "Appliance node 1" → "Appliance node"; "Server B" → "Server"; a name without a trailing
/// number or single letter → none.
fn numbered_stem(name: &str) -> Option<&str> {
    let (stem, last) = name.trim().rsplit_once(' ')?;
    let numbered = last.chars().all(|c| c.is_ascii_digit())
        || (last.len() == 1 && last.chars().all(|c| c.is_ascii_uppercase()));
    (numbered && !stem.trim().is_empty()).then_some(stem.trim())
}

fn has_digit_only(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
}

/// `DST 6557/tcp`, `TCP 7789 DRBD`: ports, perhaps behind a destination mark or before the
/// protocol's name.
fn port_like(text: &str) -> bool {
    let text = text.strip_prefix("DST ").or_else(|| text.strip_prefix("Dst ")).unwrap_or(text);
    looks_like_ports(text) || text.split_whitespace().any(looks_like_ports)
}

#[cfg(test)]
mod tests {
    use crate::extract::{Document, ExtractRecord, extract_document};

    fn rows(text: &str) -> Vec<(String, String, Option<String>, Option<String>)> {
        let build = extract_document(Document { path: "f.md", bytes: text.as_bytes() });
        ExtractRecord::all(&build.catalog)
            .into_iter()
            .map(|r| (r.component, r.ports, r.direction, r.peer))
            .collect()
    }

    /// `| Central site → | Remote site |` tables gave no row (table-without-port-column).
    #[test]
    fn regression_arrow_headers_gave_no_port_column() {
        let text = "| Central site → | Remote site |\n|---|---|\n| DST 6557/tcp | Status |\n";
        let inbound = Some("inbound".to_owned());
        assert_eq!(
            rows(text),
            [("f/remote-site".into(), "6557".into(), inbound, Some("Central site".into()))]
        );
    }

    /// `| Node 1 <-> | Node 2 |`: one part's hosts, each way (not two parts).
    #[test]
    fn regression_numbered_nodes_on_both_sides_were_two_parts() {
        let text = "| Node 1 <-> | Node 2 |\n|---|---|\n| TCP 7789 | Replication |\n";
        let got = rows(text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "f/node");
        assert_eq!(got[0].2.as_deref(), Some("internal"));
    }
}
