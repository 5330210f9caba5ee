//! Shapes that HTML-to-markdown converters give vendors' tables, undone at block level before
//! the tables are read (see README "Content format", converted pages):
//! - a header over two rows (a `colspan` group over its sub-columns): see `header_rows`;
//! - a `<br>` that markdownify writes as a space (`| 514 1514 | UDP TCP (TLS) |`): see
//!   `spaced_cells`; in a purpose cell beside such a port cell: see `spaced_purpose` (the one
//!   shape here that is reported, as a located warning: where the lines were is a guess);
//! - a `<br>` that html2text writes as a line break in a table without outer pipes: see
//!   `rejoined_pipeless`;
//! - a table whose header cells sit in its body (Confluence writes `<th>` in `<tbody>`): pandoc
//!   writes an empty header row and the real header as the first row → that row is the header;
//! - a `<br>` inside a cell that turndown writes as a hard line break (two spaces and a
//!   newline), which cuts the row over several lines (`| 514  ` / `1514 | UDP  ` /
//!   `TCP (TLS) | Syslog collector |`): a row line that opens with `|` but does not close with
//!   one goes on in the lines after it, until one closes → one row, the cut cells joined by a
//!   line break (so that `514`/`1514` pair with `UDP`/`TCP (TLS)`).

use super::blocks::{Block, Located, Row};
use super::short_rows::{Holds, holds};
use super::spaced_purpose::JoinedPurpose;

/// The tables of `blocks` (parsed from `text`) with their converter shapes undone, and the
/// purpose cells found run together (each to be reported).
pub(super) fn undo(blocks: Vec<Block>, text: &str) -> (Vec<Block>, Vec<JoinedPurpose>) {
    let mut joined = Vec::new();
    let blocks = blocks.into_iter().map(|block| undo_table(block, text, &mut joined)).collect();
    (blocks, joined)
}

fn undo_table(block: Block, text: &str, joined: &mut Vec<JoinedPurpose>) -> Block {
    match block {
        Block::Table { header, mut rows, start, html }
            if !rows.is_empty() && header.iter().all(|cell| cell.trimmed().is_empty()) =>
        {
            let first = rows.remove(0);
            Block::Table { header: first.cells, rows: rejoined(rows, text), start, html }
        }
        Block::Table { header, rows, start, html: false } => {
            let (header, rows) = super::header_rows::undo(header, rows, start, text);
            let rows = rejoined_pipeless(rejoined(rows, text), text, header.len());
            let rows = super::spaced_cells::split(&header, rows);
            let rows = super::spaced_purpose::split(&header, rows, joined);
            Block::Table { header, rows, start, html: false }
        }
        other => other,
    }
}

/// The source line a row starts on, without its newline. (Found with `memchr2`: splitting at
/// a set of chars went char by char, for every row of every table, twice.)
pub(super) fn line_at(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or_default();
    let end = memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len());
    rest.get(..end).unwrap_or_default()
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

/// The cells a pipe-table line states (outer pipes dropped; escaped pipes not split).
pub(super) fn line_cells(line: &str) -> Vec<&str> {
    let trimmed = line.trim();
    let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let inner = inner.strip_suffix('|').filter(|i| !i.ends_with('\\')).unwrap_or(inner);
    let mut cells = Vec::with_capacity(stated_cells(line));
    let (mut from, mut escaped) = (0, false);
    for (i, c) in inner.char_indices() {
        match c {
            '\\' => escaped = !escaped,
            '|' if !escaped => {
                cells.push(inner[from..i].trim());
                from = i + 1;
            }
            _ => escaped = false,
        }
    }
    cells.push(inner[from..].trim());
    cells
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
                let count = join_into(&mut joined, count, row, stated);
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

/// `next` (stating `stated` cells) continues `joined` (`count` cells so far): its first cell
/// goes on a new line of `joined`'s last, the others after it. The cells stated now.
fn join_into(joined: &mut Row, count: usize, next: Row, stated: usize) -> usize {
    let mut more = next.cells.into_iter().take(stated);
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
    at
}

/// html2text writes no outer pipes and ends every row line with two spaces, so a row that a
/// `<br>` cut (`80  ` / `443| TCP| Host manager| …`; `514  ` / `1514| UDP  ` / `TCP (TLS)| …`)
/// is told by its count: a line stating fewer cells than the header, whose first cell fits the
/// first column (a port under ports, a short name under short names: not a one-cell group title
/// like `_Other hosts_`), and the lines after it that bring the row to exactly the header's
/// cells. A one-line sentence right after such a row goes on in its last cell (`SIP over TLS,
/// when …`, the second line of a purpose cut by the same `<br>`).
fn rejoined_pipeless(rows: Vec<Row>, text: &str, columns: usize) -> Vec<Row> {
    let lines: Vec<&str> = rows.iter().map(|r| line_at(text, r.start)).collect();
    if columns < 2 || lines.iter().any(|l| l.trim_start().starts_with('|')) {
        return rows;
    }
    let stated: Vec<usize> = lines.iter().map(|l| stated_cells(l)).collect();
    let full: Vec<&str> = rows
        .iter()
        .zip(&stated)
        .filter(|(_, s)| **s == columns)
        .filter_map(|(r, _)| r.cells.first().map(Located::trimmed))
        .collect();
    if full.len() == rows.len() || full.is_empty() {
        return rows;
    }
    let first_holds = [Holds::Ports, Holds::Transports]
        .into_iter()
        .find(|&kind| full.iter().filter(|c| holds(c) == kind).count() * 2 > full.len())
        .unwrap_or(Holds::Names);
    let longest = full.iter().map(|c| c.split_whitespace().count()).max().unwrap_or(0);
    let fits_first = |cell: &str| {
        let kind = holds(cell);
        (kind == first_holds || (kind == Holds::Names && first_holds != Holds::Ports))
            && (kind != Holds::Names || cell.split_whitespace().count() <= (2 * longest).max(3))
    };
    let emphasis = |line: &str| {
        let line = line.trim();
        line.len() > 2
            && (line.starts_with('_') || line.starts_with('*'))
            && line.ends_with(['_', '*'])
    };
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut after_cut = false;
    let mut rows = rows.into_iter().enumerate();
    while let Some((i, row)) = rows.next() {
        let first = row.cells.first().map_or("", Located::trimmed);
        if stated[i] < columns && !emphasis(lines[i]) && fits_first(first) {
            let mut count = stated[i];
            let mut end = i + 1;
            while count < columns && end < stated.len() {
                count += stated[end].saturating_sub(1);
                end += 1;
            }
            if count == columns && end > i + 1 {
                let mut joined = row;
                let mut so_far = stated[i];
                for _ in i + 1..end {
                    let Some((k, next)) = rows.next() else { break };
                    so_far = join_into(&mut joined, so_far, next, stated[k]);
                }
                out.push(joined);
                after_cut = true;
                continue;
            }
        }
        if after_cut
            && stated[i] == 1
            && !emphasis(lines[i])
            && let Some(last) = out.last_mut().and_then(|r| r.cells.get_mut(columns - 1))
            && let Some(cell) = row.cells.first()
        {
            append_line(last, cell);
            continue;
        }
        after_cut = false;
        out.push(row);
    }
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
        match undo(parse(markdown), markdown).0.into_iter().next() {
            Some(Block::Table { header, rows, .. }) => {
                (header.iter().map(|c| c.trimmed().to_owned()).collect(), rows.len())
            }
            other => panic!("no table: {other:?}"),
        }
    }

    #[test]
    fn a_br_in_a_turndown_cell_cut_the_row_over_three_lines() {
        let markdown = "| Port | Protocol | Purpose |\n| --- | --- | --- |\n| 902 | UDP | Heartbeat |\n| 514  \n1514 | UDP  \nTCP (TLS) | Remote logging |\n| 123 | UDP | Time |\n";
        let rows: Vec<Vec<String>> = match undo(parse(markdown), markdown).0.into_iter().next() {
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

    fn cells(markdown: &str) -> Vec<Vec<String>> {
        match undo(parse(markdown), markdown).0.into_iter().next() {
            Some(Block::Table { rows, .. }) => rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.trimmed().to_owned()).collect())
                .collect(),
            other => panic!("no table: {other:?}"),
        }
    }

    #[test]
    fn a_br_that_html2text_wrote_as_a_pipeless_line_break_cut_the_row() {
        let markdown = "Port| Protocol| Peer| Purpose  \n---|---|---|---  \n80  \n443| TCP| Manager| Web  \n902| UDP| Manager| Heartbeat  \n514  \n1514| UDP  \nTCP (TLS)| Collector| Logs  \n";
        assert_eq!(
            cells(markdown),
            [
                ["80\n443", "TCP", "Manager", "Web"],
                ["902", "UDP", "Manager", "Heartbeat"],
                ["514\n1514", "UDP\nTCP (TLS)", "Collector", "Logs"],
            ]
        );
        // The purpose's second line, on a line of its own after the row.
        let purpose = "From| To| Port| Purpose  \n---|---|---|---  \nPhone| Server| 5060  \n5061| SIP  \nSIP over TLS, when encrypted  \nPhone| Server| 69| TFTP  \n";
        assert_eq!(
            cells(purpose),
            [
                ["Phone", "Server", "5060\n5061", "SIP\nSIP over TLS, when encrypted"],
                ["Phone", "Server", "69", "TFTP"],
            ]
        );
    }

    #[test]
    fn a_group_title_in_an_html2text_table_is_no_cut_row() {
        let markdown =
            "Port| Role| When  \n---|---|---  \n_Cluster nodes_  \nTCP 2224| Node| Always  \n";
        assert_eq!(cells(markdown).len(), 2);
    }

    #[test]
    fn a_confluence_table_converted_by_pandoc_had_an_empty_header() {
        let markdown = "|   |   |\n|---|---|\n| Port | Protocol |\n| 5801 | TCP |\n";
        assert_eq!(header_and_rows(markdown), (vec!["Port".into(), "Protocol".into()], 1));
        let ordinary = "| Port | Protocol |\n|---|---|\n| 5801 | TCP |\n";
        assert_eq!(header_and_rows(ordinary), (vec!["Port".into(), "Protocol".into()], 1));
    }
}
