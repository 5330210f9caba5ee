//! Group rows inside a table: `| **Inter-node ports** | | |` heads the rows under it, as a
//! sub-heading would. Skipped before, with no word; now read as the part it names or the
//! condition it states, or reported.

use super::blocks::{Located, Row};

/// The one cell of `row` when the row is a group heading: one non-empty cell with no digit
/// (a port row missing cells has its port), in the first column or written in bold/italics,
/// in a row of two or more cells, with a word in it.
pub(super) fn heading<'a>(row: &'a Row, markdown: &str) -> Option<&'a Located> {
    if row.cells.len() < 2 {
        return None;
    }
    let mut filled = row.cells.iter().enumerate().filter(|(_, c)| !c.trimmed().is_empty());
    let (index, cell) = filled.next()?;
    // Words, and no number: a port row missing cells has its port; a converter's "-" or ":"
    // in a continuation line is no heading.
    let text = cell.trimmed();
    if filled.next().is_some()
        || text.bytes().any(|b| b.is_ascii_digit())
        || !text.chars().any(char::is_alphabetic)
    {
        return None;
    }
    let source = markdown.get(cell.source_offset(0).saturating_sub(2)..).unwrap_or_default();
    let emphasised = source.starts_with("**")
        || source.starts_with("__")
        || markdown.get(cell.start..).is_some_and(|s| s.trim_start().starts_with(['*', '_']));
    (index == 0 || emphasised).then_some(cell)
}

/// The warning's message for a group row that names no part and states no condition.
pub(super) fn unread_message(text: &str) -> String {
    format!(
        "`{text}` heads the rows under it, but names no declared part and states no condition: the rows under it are read without it"
    )
}

/// What would make it read.
pub(super) const EXPECTED: &str = "a part declared in the front matter (`components:`), a condition (\"Optional\", \"If you use LDAP\"), or a heading above the rows";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::{Block, parse};

    fn headings(markdown: &str) -> Vec<String> {
        let Some(Block::Table { rows, .. }) = parse(markdown).into_iter().next() else {
            return Vec::new();
        };
        rows.iter().filter_map(|r| heading(r, markdown)).map(|c| c.trimmed().to_owned()).collect()
    }

    #[test]
    fn group_rows_are_one_cell_without_a_port() {
        let md = "| Port | Protocol | Purpose |\n|---|---|---|\n| **Inter-node ports** | | |\n| 7946 | TCP | Gossip |\n| | | **Optional** |\n| | | continued text |\n| 80 | | |\n| - | | |\n";
        assert_eq!(headings(md), ["Inter-node ports", "Optional"]);
    }
}
