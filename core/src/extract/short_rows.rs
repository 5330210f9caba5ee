//! A merged (rowspan) cell that an HTML-to-markdown converter flattened (turndown, markdownify,
//! html2text): the rows it spanned are written with fewer cells than the header, their cells
//! shifted left (`| TCP | 443 | … |` under `Source | Destination | Type | Port | Details`).
//! Read as written, a transport lands in the peer column and a port in the type column: a wrong
//! fact in silence. So every pipe-table row stating fewer cells than its header, in a table
//! whose other rows are full, is reported, and
//! - when its cells fit the columns to their right (its ports land in the port column, its
//!   transports in the transport column) and only name columns are missing at the left, it is
//!   read as the rowspan meant: the missing cells repeat the row above's;
//! - otherwise it is left unread (which column is missing cannot be told).

use super::blocks::{Block, Located, Row};
use super::converter_shapes::{is_cut, stated_cells};
use super::text;
use crate::model::Transports;

/// A row written with fewer cells than its table's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ShortRow {
    /// Source offset of the row's first line.
    pub start: usize,
    pub stated: usize,
    pub columns: usize,
    /// True when the row was read with its missing leading cells repeated from the row above.
    pub mended: bool,
}

/// The tables of `blocks` (parsed from `text`) with their short rows mended or dropped, and
/// what was done to each.
pub(super) fn mend(blocks: Vec<Block>, text: &str) -> (Vec<Block>, Vec<ShortRow>) {
    let mut found = Vec::new();
    let blocks = blocks
        .into_iter()
        .map(|block| match block {
            Block::Table { header, rows, start, html: false } => {
                let rows = mend_table(&header, rows, text, &mut found);
                Block::Table { header, rows, start, html: false }
            }
            other => other,
        })
        .collect();
    (blocks, found)
}

/// What a column holds in the table's full rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holds {
    Ports,
    Transports,
    Names,
}

fn is_transport(cell: &str) -> bool {
    Transports::parse(cell.trim()).is_some()
}

pub(super) fn holds(cell: &str) -> Holds {
    let cell = cell.trim();
    if is_transport(cell) {
        Holds::Transports
    } else if text::looks_like_ports(cell) {
        Holds::Ports
    } else {
        Holds::Names
    }
}

fn mend_table(
    header: &[Located],
    rows: Vec<Row>,
    text: &str,
    found: &mut Vec<ShortRow>,
) -> Vec<Row> {
    let columns = header.len();
    let stated: Vec<usize> = rows.iter().map(|row| stated_cells_of_row(text, row.start)).collect();
    let full: Vec<&Row> =
        rows.iter().zip(&stated).filter(|(_, s)| **s == columns).map(|(r, _)| r).collect();
    // A one-cell row is a group title (`| _Full cluster nodes_ |`), not a flattened row.
    if columns < 2 || full.is_empty() || !stated.iter().any(|&s| s > 1 && s < columns) {
        return rows;
    }
    // What each column holds in most full rows.
    let column_holds: Vec<Holds> = (0..columns)
        .map(|column| {
            let count = |kind: Holds| {
                full.iter()
                    .filter(|row| row.cells.get(column).is_some_and(|c| holds(c.trimmed()) == kind))
                    .count()
            };
            [Holds::Ports, Holds::Transports]
                .into_iter()
                .find(|&kind| count(kind) * 2 > full.len())
                .unwrap_or(Holds::Names)
        })
        .collect();
    // The most words a cell of each column holds in the full rows: a sentence under a column
    // of two-word names (`Required on all nodes if …` under `Node role`) was shifted there.
    let column_words: Vec<usize> = (0..columns)
        .map(|column| {
            full.iter()
                .filter_map(|row| row.cells.get(column))
                .map(|c| c.trimmed().split_whitespace().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    for (row, stated) in rows.into_iter().zip(stated) {
        if stated <= 1 || stated >= columns {
            out.push(row);
            continue;
        }
        let missing = columns - stated;
        let written: Vec<&Located> = row.cells.iter().take(stated).collect();
        let fits_at = |shift: usize, sentences_checked: bool| {
            written.iter().enumerate().all(|(i, cell)| {
                let kind = holds(cell.trimmed());
                let column = column_holds.get(i + shift).copied().unwrap_or(Holds::Names);
                let words = cell.trimmed().split_whitespace().count();
                let longest = column_words.get(i + shift).copied().unwrap_or(0);
                (kind == column || (kind == Holds::Names && column != Holds::Ports))
                    && (!sentences_checked || kind != Holds::Names || words <= (2 * longest).max(3))
            })
        };
        // GFM lets a row leave its last cells out (`| 443 | TCP | HTTPS |` under a Notes
        // column too): a row whose cells fit the columns they are written under is read as is.
        if fits_at(0, true) {
            out.push(row);
            continue;
        }
        let fits = fits_at(missing, false)
            && written.iter().any(|cell| holds(cell.trimmed()) == Holds::Ports)
            && column_holds.iter().take(missing).all(|&h| h == Holds::Names);
        let above = out.last().filter(|above| above.cells.len() >= columns);
        match (fits, above) {
            (true, Some(above)) => {
                let mut cells: Vec<Located> = above.cells.iter().take(missing).cloned().collect();
                cells.extend(row.cells.into_iter().take(stated));
                found.push(ShortRow { start: row.start, stated, columns, mended: true });
                out.push(Row { cells, start: row.start });
            }
            _ => found.push(ShortRow { start: row.start, stated, columns, mended: false }),
        }
    }
    out
}

/// How many cells the row starting at `start` states in the source: the cells of its line, and
/// of the lines a hard break cut it over (see `converter_shapes`), less the cells those cuts
/// split in two.
fn stated_cells_of_row(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or_default();
    let mut lines = rest.split('\n').map(|l| l.trim_end_matches('\r'));
    let Some(first) = lines.next() else { return 0 };
    let mut count = stated_cells(first);
    if is_cut(first) {
        for next in lines {
            count += stated_cells(next).saturating_sub(1);
            if next.trim_end().ends_with('|') || !next.ends_with("  ") {
                break;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::parse;

    fn mended(markdown: &str) -> (Vec<Vec<String>>, Vec<ShortRow>) {
        let (blocks, found) = mend(parse(markdown), markdown);
        let rows = match blocks.into_iter().next() {
            Some(Block::Table { rows, .. }) => rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.trimmed().to_owned()).collect())
                .collect(),
            other => panic!("no table: {other:?}"),
        };
        (rows, found)
    }

    #[test]
    fn a_rowspan_flattened_by_turndown_shifted_the_cells_left_in_silence() {
        let markdown = "| Source | Destination | Type | Port | Details |\n| --- | --- | --- | --- | --- |\n| Broker | Agent | TCP | 80 | Registration |\n| TCP | 443 | Registration over TLS |\n| Licences | TCP | 27000 | Check-out |\n";
        let (rows, found) = mended(markdown);
        assert_eq!(
            rows,
            [
                ["Broker", "Agent", "TCP", "80", "Registration"],
                ["Broker", "Agent", "TCP", "443", "Registration over TLS"],
                ["Broker", "Licences", "TCP", "27000", "Check-out"],
            ]
        );
        assert_eq!(
            found.iter().map(|f| (f.stated, f.mended)).collect::<Vec<_>>(),
            [(3, true), (4, true)]
        );
    }

    #[test]
    fn a_short_row_whose_missing_column_cannot_be_told_is_dropped_not_misread() {
        // The Node role column is missing in the middle: the port stays in the port column.
        let markdown = "| Port | Node role | When required |\n| --- | --- | --- |\n| TCP 2224 | Cluster node | Always |\n| TCP 21064 | If the lock manager is used |\n";
        let (rows, found) = mended(markdown);
        assert_eq!(rows, [["TCP 2224", "Cluster node", "Always"]]);
        assert_eq!(found.iter().map(|f| (f.stated, f.mended)).collect::<Vec<_>>(), [(2, false)]);
    }

    #[test]
    fn a_row_leaving_out_its_last_empty_cells_is_read_as_written_without_a_warning() {
        let markdown = "| Port | Protocol | Service | Notes |\n| --- | --- | --- | --- |\n| 80 | TCP | HTTP | Redirects to 443 |\n| 443 | TCP | HTTPS |\n";
        let (rows, found) = mended(markdown);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][..3], ["443", "TCP", "HTTPS"]);
        assert!(found.is_empty());
    }

    #[test]
    fn group_title_rows_and_tables_of_full_rows_are_left_alone() {
        let markdown = "| Port | Role | When |\n| --- | --- | --- |\n| _Cluster nodes_ |\n| 2224 | Node | Always |\n";
        let (rows, found) = mended(markdown);
        assert_eq!(rows.len(), 2);
        assert!(found.is_empty());
    }
}
