//! Columns of ticks, one per kind of installation, under a spanning header:
//!
//! ```text
//! | Port | TCP/UDP | Used by ... | TYPE OF INSTALLATION | |
//! | | | | All | Distributed / High Availability |
//! | 8000-9000 | TCP | Dynamic mapping | | X |
//! ```
//!
//! A row ticked under a column for every installation ("All") applies always; a row ticked
//! only under others ("Distributed / High Availability") applies to those installations alone:
//! it is conditional, its condition the ticked columns' names. Before, the tick columns were
//! no column at all and every row read as required. The rewrite drops the tick columns (and the
//! row naming them) and adds one `Requirement` column saying so ("only for Distributed / High
//! Availability").

use super::blocks::{Located, Row};
use super::vocabulary::{ColumnRole, normalise, tick};

/// Names of a column that stands for every installation.
const EVERY_INSTALLATION: &[&str] =
    &["all", "always", "any", "every", "all installations", "all deployments", "all types"];

/// The table rewritten, with a note, when it has two or more scenario tick columns.
#[allow(clippy::type_complexity)]
pub(super) fn rewrite(
    header: &[Located],
    rows: &[Row],
    roles: &[Option<ColumnRole>],
) -> Option<(Vec<Located>, Vec<Row>, Vec<Option<ColumnRole>>, String)> {
    let port = roles.iter().position(|r| *r == Some(ColumnRole::Port))?;
    let has_port =
        |row: &Row| row.cells.get(port).is_some_and(|c| super::text::has_digit(c.trimmed()));
    // The row naming the tick columns: no port, its written cells under unnamed columns only.
    let label_row =
        rows.first().filter(|row| {
            !has_port(row)
                && row.cells.iter().enumerate().all(|(i, c)| {
                    c.trimmed().is_empty() || roles.get(i).copied().flatten().is_none()
                })
        });
    let data: Vec<&Row> = rows.iter().filter(|r| has_port(r)).collect();
    let ticks: Vec<usize> = (0..header.len())
        .filter(|&i| i != port && roles.get(i).copied().flatten().is_none())
        .filter(|&i| {
            let cells: Vec<Option<bool>> = data
                .iter()
                .map(|r| r.cells.get(i).map_or(Some(false), |c| tick(c.trimmed())))
                .collect();
            cells.iter().all(Option::is_some) && cells.contains(&Some(true))
        })
        .collect();
    if ticks.len() < 2 || data.is_empty() {
        return None;
    }
    let label = |i: usize| -> String {
        let own = label_row.and_then(|r| r.cells.get(i)).map(|c| c.trimmed()).unwrap_or_default();
        if own.is_empty() {
            header.get(i).map(|h| h.trimmed().to_owned()).unwrap_or_default()
        } else {
            own.to_owned()
        }
    };
    let labels: Vec<String> = ticks.iter().map(|&i| label(i)).collect();
    if labels.iter().any(String::is_empty) {
        return None;
    }
    // The spanning header over the tick columns ("TYPE OF INSTALLATION"), if one is written.
    let group = ticks
        .iter()
        .filter_map(|&i| header.get(i))
        .find(|h| !h.trimmed().is_empty() && label_row.is_some())
        .map_or_else(|| "Installation".to_owned(), |h| h.trimmed().to_owned());
    // "Node to node | Node to client | Cluster administration | XDCR": columns of traffic
    // between two ends say who reaches the port, not which installation needs it (a port ticked
    // under "Node to node" but not "Node to client" was made conditional: a cluster outage).
    let peers = labels.iter().any(|l| {
        let normal = normalise(l);
        let words: Vec<&str> =
            normal.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
        super::vocabulary::is_flow_label(&words)
    });
    let keep: Vec<usize> = (0..header.len()).filter(|i| !ticks.contains(i)).collect();
    let at = header.get(ticks[0]).map_or(0, |h| h.start);
    let mut new_header: Vec<Located> =
        keep.iter().filter_map(|&i| header.get(i).cloned()).collect();
    // (Named so that the table, read again, takes it for a necessity column.)
    let mut group_cell = Located::at(at);
    group_cell.push(if peers { "Peer" } else { "Requirement" }, at);
    new_header.push(group_cell);
    let mut new_roles: Vec<Option<ColumnRole>> =
        keep.iter().map(|&i| roles.get(i).copied().flatten()).collect();
    new_roles.push(Some(if peers { ColumnRole::Peer } else { ColumnRole::Necessity }));
    let new_rows = rows
        .iter()
        .filter(|row| label_row.is_none_or(|l| !std::ptr::eq(*row, l)))
        .map(|row| {
            let mut cells: Vec<Located> =
                keep.iter().filter_map(|&i| row.cells.get(i).cloned()).collect();
            let ticked: Vec<(usize, &String)> = ticks
                .iter()
                .zip(&labels)
                .filter(|(i, _)| {
                    row.cells.get(**i).is_some_and(|c| tick(c.trimmed()) == Some(true))
                })
                .map(|(i, l)| (*i, l))
                .collect();
            let always =
                ticked.iter().any(|(_, l)| EVERY_INSTALLATION.contains(&normalise(l).as_str()));
            let said = if peers {
                let names: Vec<&str> = ticked.iter().map(|(_, l)| l.as_str()).collect();
                names.join("; ")
            } else if ticked.is_empty() || always || ticked.len() == ticks.len() {
                String::new()
            } else {
                let names: Vec<&str> = ticked.iter().map(|(_, l)| l.as_str()).collect();
                format!("only for {}", names.join(", "))
            };
            let at =
                ticked.first().and_then(|(i, _)| row.cells.get(*i)).map_or(row.start, |c| c.start);
            let mut cell = Located::at(at);
            cell.push(&said, at);
            cells.push(cell);
            Row { cells, start: row.start }
        })
        .collect();
    let note = if peers {
        format!(
            "columns {} hold ticks per kind of traffic: a ticked column names who reaches the port",
            labels.join(", ")
        )
    } else {
        format!(
            "columns {} hold ticks per {}: a row ticked only under some of them applies to those alone",
            labels.join(", "),
            group.to_lowercase()
        )
    };
    Some((new_header, new_rows, new_roles, note))
}
