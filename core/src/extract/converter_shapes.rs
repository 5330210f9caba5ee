//! Shapes that HTML-to-markdown converters give vendors' tables, undone at block level before
//! the tables are read (see README "Content format", converted pages):
//! - a table whose header cells sit in its body (Confluence writes `<th>` in `<tbody>`): pandoc
//!   writes an empty header row and the real header as the first row → that row is the header;
//! - a `<br>` inside a cell that turndown writes as a hard line break (two spaces and a
//!   newline), which cuts the row over several lines (`| 514  ` / `1514 | UDP  ` /
//!   `TCP (TLS) | Syslog collector |`): a row line that opens with `|` but does not close with
//!   one goes on in the lines after it, until one closes → one row, the cut cells joined by a
//!   line break (so that `514`/`1514` pair with `UDP`/`TCP (TLS)`).

use super::blocks::{Block, Located, Row};

/// The tables of `blocks` (parsed from `text`) with their converter shapes undone.
pub(super) fn undo(blocks: Vec<Block>, text: &str) -> Vec<Block> {
    blocks.into_iter().map(|block| undo_table(block, text)).collect()
}

fn undo_table(block: Block, text: &str) -> Block {
    match block {
        Block::Table { header, mut rows, start, html }
            if !rows.is_empty() && header.iter().all(|cell| cell.trimmed().is_empty()) =>
        {
            let first = rows.remove(0);
            Block::Table { header: first.cells, rows: rejoined(rows, text), start, html }
        }
        Block::Table { header, rows, start, html: false } => {
            Block::Table { header, rows: rejoined(rows, text), start, html: false }
        }
        other => other,
    }
}

/// The source line a row starts on, without its newline.
fn line_at(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or_default();
    rest.split(['\n', '\r']).next().unwrap_or_default()
}

/// How many cells a row line states (pipes not escaped, the outer ones not counted).
pub(super) fn stated_cells(line: &str) -> usize {
    let trimmed = line.trim();
    let mut pipes: usize = 0;
    let mut escaped = false;
    for c in trimmed.chars() {
        match c {
            '\\' => escaped = !escaped,
            '|' if !escaped => pipes += 1,
            _ => escaped = false,
        }
    }
    let outer = usize::from(trimmed.starts_with('|')) + usize::from(trimmed.ends_with('|'));
    (pipes + 1).saturating_sub(outer)
}

/// A row line cut by a hard break: it opens with a pipe, ends with two spaces, closes with none.
pub(super) fn is_cut(line: &str) -> bool {
    line.trim_start().starts_with('|') && line.ends_with("  ") && !line.trim_end().ends_with('|')
}

/// Rows cut over several lines by a hard break, joined back (see the module's doc).
fn rejoined(rows: Vec<Row>, text: &str) -> Vec<Row> {
    if !rows.iter().any(|r| is_cut(line_at(text, r.start))) {
        return rows;
    }
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    // The row being joined, and how many of its cells are stated so far.
    let mut open: Option<(Row, usize)> = None;
    for row in rows {
        let line = line_at(text, row.start);
        let stated = stated_cells(line);
        match open.take() {
            Some((mut joined, count)) => {
                let mut more = row.cells.into_iter().take(stated);
                if let (Some(last), Some(first)) =
                    (count.checked_sub(1).and_then(|i| joined.cells.get_mut(i)), more.next())
                {
                    append_line(last, &first);
                }
                let mut at = count;
                for cell in more {
                    match joined.cells.get_mut(at) {
                        Some(slot) => *slot = cell,
                        None => joined.cells.push(cell),
                    }
                    at += 1;
                }
                let count = at;
                if line.trim_end().ends_with('|') || !line.ends_with("  ") {
                    out.push(joined);
                } else {
                    open = Some((joined, count));
                }
            }
            None if is_cut(line) => open = Some((row, stated)),
            None => out.push(row),
        }
    }
    out.extend(open.map(|(row, _)| row));
    out
}

/// `next` written on the line after `cell`'s last (a `<br>`).
fn append_line(cell: &mut Located, next: &Located) {
    let text = next.trimmed();
    if text.is_empty() {
        return;
    }
    let lead = next.text.len() - next.text.trim_start().len();
    cell.line_break();
    cell.push(text, next.source_offset(lead));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::parse;

    fn header_and_rows(markdown: &str) -> (Vec<String>, usize) {
        match undo(parse(markdown), markdown).into_iter().next() {
            Some(Block::Table { header, rows, .. }) => {
                (header.iter().map(|c| c.trimmed().to_owned()).collect(), rows.len())
            }
            other => panic!("no table: {other:?}"),
        }
    }

    #[test]
    fn a_br_in_a_turndown_cell_cut_the_row_over_three_lines() {
        let markdown = "| Port | Protocol | Purpose |\n| --- | --- | --- |\n| 902 | UDP | Heartbeat |\n| 514  \n1514 | UDP  \nTCP (TLS) | Remote logging |\n| 123 | UDP | Time |\n";
        let rows: Vec<Vec<String>> = match undo(parse(markdown), markdown).into_iter().next() {
            Some(Block::Table { rows, .. }) => rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.text.trim().to_owned()).collect())
                .collect(),
            other => panic!("no table: {other:?}"),
        };
        assert_eq!(
            rows,
            [
                ["902", "UDP", "Heartbeat"],
                ["514\n1514", "UDP\nTCP (TLS)", "Remote logging"],
                ["123", "UDP", "Time"]
            ]
        );
    }

    #[test]
    fn a_confluence_table_converted_by_pandoc_had_an_empty_header() {
        let markdown = "|   |   |\n|---|---|\n| Port | Protocol |\n| 5801 | TCP |\n";
        assert_eq!(header_and_rows(markdown), (vec!["Port".into(), "Protocol".into()], 1));
        let ordinary = "| Port | Protocol |\n|---|---|\n| 5801 | TCP |\n";
        assert_eq!(header_and_rows(ordinary), (vec!["Port".into(), "Protocol".into()], 1));
    }
}
