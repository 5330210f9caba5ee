//! A table's first column written as groups: each name once, on the first row of its group,
//! the rows under it left blank (a merged cell flattened to markdown):
//!
//! | Peer     | Purpose | Port |
//! | Firewall | Tunnel  | 541  |
//! |          | Logs    | 514  |
//!
//! Why the shape test: a blank end cell in a table that writes its names out row by row is a
//! genuinely empty cell (no peer stated), and carrying the row above down would widen or
//! narrow the row's peer on a guess.

use super::blocks::Row;

/// True when `column` is the table's first column, its first row names something, some later
/// row leaves it blank, and no name repeats (a repeated name means the table writes its names
/// per row, so a blank there says nothing).
pub fn is_grouped(rows: &[Row], column: usize) -> bool {
    if column != 0 {
        return false;
    }
    let cells: Vec<&str> =
        rows.iter().map(|row| row.cells.get(column).map_or("", |cell| cell.trimmed())).collect();
    let Some(first) = cells.first() else { return false };
    if is_blank(first) || !cells.iter().any(|cell| is_blank(cell)) {
        return false;
    }
    let mut named: Vec<String> =
        cells.iter().filter(|cell| !is_blank(cell)).map(|cell| cell.to_lowercase()).collect();
    let count = named.len();
    named.sort();
    named.dedup();
    named.len() == count
}

/// An empty cell or a ditto mark: the cell above continues.
pub fn is_blank(value: &str) -> bool {
    let value = value.trim();
    value.is_empty() || value == "\"" || value == "〃"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::Located;

    fn cell(text: &str) -> Located {
        let mut cell = Located::at(0);
        cell.push(text, 0);
        cell
    }

    fn table(first_column: &[&str]) -> Vec<Row> {
        first_column
            .iter()
            .map(|text| Row { cells: vec![cell(text), cell("Purpose")], start: 0 })
            .collect()
    }

    #[test]
    fn a_blank_peer_cell_under_a_grouped_first_column_was_not_carried_down() {
        assert!(is_grouped(&table(&["Firewall", "", "", "Others", ""]), 0));
    }

    #[test]
    fn a_table_writing_its_names_per_row_is_not_grouped() {
        // "Browser" repeats: the blank row genuinely states no peer.
        assert!(!is_grouped(&table(&["Browser", "Browser", "", "Agent"]), 0));
        // No blank, a blank first row, or a later column: no grouping shown.
        assert!(!is_grouped(&table(&["Browser", "Agent"]), 0));
        assert!(!is_grouped(&table(&["", "Agent", ""]), 0));
        assert!(!is_grouped(&table(&["Firewall", ""]), 1));
    }
}
