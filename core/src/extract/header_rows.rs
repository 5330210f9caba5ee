//! A header written over two rows: a group cell spanning sub-columns (`colspan`) above them,
//! the cells beside it spanning both rows (`rowspan`):
//!
//! ```text
//! | From (Sender) | To (Listener) |   Destination port   | Purpose |
//! |               |               | Protocol |   Port    |         |
//! ```
//!
//! Each sub-column's header is the group's words before its own when that still names a column
//! (`Source` over `Port` → `Source Port`, the caller's port, not the listening one), else its
//! own words (`Destination port` over `Protocol` → `Protocol`). The converters write the shape
//! differently; `converter_shapes` and `html_table` find it, this module joins the two rows.

use super::blocks::{Block, Located, Row};
use super::converter_shapes::{line_at, line_cells};
use super::short_rows::{Holds, holds};
use super::vocabulary::{ColumnRole, column_role};

/// The header of one sub-column: `sub` under the group cell `group`.
pub(super) fn joined(group: &Located, sub: &Located) -> Located {
    let (group_text, own) = (group.trimmed(), sub.trimmed());
    if own.is_empty() || group_text.is_empty() || group_text == own {
        return if own.is_empty() { group.clone() } else { sub.clone() };
    }
    let both = format!("{group_text} {own}");
    if column_role(&both).is_none() && column_role(own).is_some() {
        return sub.clone();
    }
    let lead = |cell: &Located| cell.text.len() - cell.text.trim_start().len();
    let mut out = Located::at(group.start);
    out.push(group_text, group.source_offset(lead(group)));
    out.space();
    out.push(own, sub.source_offset(lead(sub)));
    out
}

/// True when the cells are a second header row: every written cell names a column (`Protocol`,
/// `Port`), at least one is written, and none is a port or a transport (a data row's).
pub(super) fn is_sub_header<'a>(cells: impl IntoIterator<Item = &'a str>) -> bool {
    let mut written = 0;
    for cell in cells.into_iter().map(str::trim).filter(|c| !c.is_empty()) {
        let data =
            super::text::looks_like_ports(cell) || crate::model::Transports::parse(cell).is_some();
        if data || column_role(cell).is_none() {
            return false;
        }
        written += 1;
    }
    written > 0
}

/// The header with the sub-header `subs` joined under its groups, where a group is a written
/// cell followed by empty ones (the cells a converter wrote for its `colspan`): the sub cells
/// fill the group columns in order. `None` when the counts disagree.
pub(super) fn under_groups(header: &[Located], subs: &[&Located]) -> Option<Vec<Located>> {
    let mut group_columns = Vec::new();
    let mut group: Option<usize> = None;
    for (column, cell) in header.iter().enumerate() {
        if cell.trimmed().is_empty() {
            let owner = group?;
            if group_columns.last() != Some(&owner) {
                group_columns.push(owner);
            }
            group_columns.push(column);
        } else {
            group = Some(column);
        }
    }
    if group_columns.is_empty() || group_columns.len() != subs.len() {
        return None;
    }
    let mut out: Vec<Located> = header.to_vec();
    let mut owner = None;
    for (&column, sub) in group_columns.iter().zip(subs) {
        if header.get(column).is_some_and(|c| !c.trimmed().is_empty()) {
            owner = Some(column);
        }
        let group = owner.and_then(|o| header.get(o))?;
        if let Some(slot) = out.get_mut(column) {
            *slot = joined(group, sub);
        }
    }
    Some(out)
}

/// A pipe table (header, rows, its start in `text`) with a second header row in its first row
/// joined into the header, as the converters write it:
/// - markdownify: an empty header cell after each group cell, the sub-header a short row
///   (`| Protocol | Port |`); pandoc's multiline table: the sub-header its first row, empty but
///   under the groups → the sub cells fill the group columns;
/// - turndown (the sub-header followed by a `| --- | --- |` row of its own) and html2text: one
///   header cell per group, so the data rows state more cells than the header, and
///   pulldown-cmark drops the extra ones → the group is the one header cell whose sub-columns
///   hold what their names say (ports under `Port`, transports under `Protocol`), and the
///   table is read again under the joined header.
///
/// Returns the table unchanged when its first row is no sub-header or the group is not told.
pub(super) fn undo(
    header: Vec<Located>,
    rows: Vec<Row>,
    start: usize,
    text: &str,
) -> (Vec<Located>, Vec<Row>) {
    let Some(first) = rows.first() else { return (header, rows) };
    let subs: Vec<&Located> = first.cells.iter().filter(|c| !c.trimmed().is_empty()).collect();
    if !is_sub_header(subs.iter().map(|c| c.trimmed())) {
        return (header, rows);
    }
    if header.iter().any(|c| c.trimmed().is_empty()) {
        return match under_groups(&header, &subs) {
            Some(joined) => (joined, rows.into_iter().skip(1).collect()),
            None => (header, rows),
        };
    }
    match reread(&header, &rows, &subs, start, text) {
        Some(table) => table,
        None => (header, rows),
    }
}

/// The turndown / html2text shape (see [`undo`]): the data rows read again under the header
/// with its group cell split into the sub-columns.
fn reread(
    header: &[Located],
    rows: &[Row],
    subs: &[&Located],
    start: usize,
    text: &str,
) -> Option<(Vec<Located>, Vec<Row>)> {
    // turndown's `| --- | --- |` under its sub-header row.
    let dashes = |row: &Row| {
        let written: Vec<&str> =
            row.cells.iter().map(|c| c.trimmed()).filter(|t| !t.is_empty()).collect();
        !written.is_empty()
            && written.iter().all(|t| t.trim_matches(':').chars().all(|ch| ch == '-'))
    };
    let skip = if rows.get(1).is_some_and(dashes) { 2 } else { 1 };
    let data = rows.get(skip..).filter(|d| !d.is_empty())?;
    let lines: Vec<Vec<&str>> = data.iter().map(|r| line_cells(line_at(text, r.start))).collect();
    // The cell count most data rows state: a `<br>` cuts some rows over shorter lines.
    let columns = (header.len() + 1..=header.len() + subs.len())
        .max_by_key(|&n| lines.iter().filter(|l| l.len() == n).count())?;
    let full: Vec<&Vec<&str>> = lines.iter().filter(|l| l.len() == columns).collect();
    if full.len() * 2 <= lines.len() || columns + 1 != header.len() + subs.len() {
        return None;
    }
    let candidates: Vec<Vec<Located>> = (0..header.len())
        .filter(|&group| {
            subs.iter().enumerate().all(|(i, sub)| {
                let named = joined(&header[group], sub);
                holds_what_it_names(named.trimmed(), &full, group + i)
            })
        })
        .map(|group| split_at(header, group, subs))
        .collect();
    let [joined] = candidates.as_slice() else { return None };
    let data_start = data.first()?.start;
    let end = table_end(text, data_start);
    let head: String = format!("|{}\n|{}\n", "a|".repeat(joined.len()), "-|".repeat(joined.len()));
    let region = text.get(start..data_start)?;
    if region.len() < head.len() + 1 {
        return None;
    }
    let mut synthetic = String::with_capacity(end);
    synthetic.extend(text.get(..start)?.bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }));
    synthetic.push_str(&" ".repeat(region.len() - head.len() - 1));
    synthetic.push('\n');
    synthetic.push_str(&head);
    synthetic.push_str(text.get(data_start..end)?);
    let reread = super::blocks::parse(&synthetic).into_iter().find_map(|block| match block {
        Block::Table { rows, .. } => Some(rows),
        _ => None,
    })?;
    Some((joined.clone(), reread))
}

/// The header with its cell `group` replaced by the sub-columns under it.
fn split_at(header: &[Located], group: usize, subs: &[&Located]) -> Vec<Located> {
    let mut out: Vec<Located> = header.iter().take(group).cloned().collect();
    out.extend(subs.iter().map(|sub| joined(&header[group], sub)));
    out.extend(header.iter().skip(group + 1).cloned());
    out
}

/// True when most full rows' cells at `column` hold what the header `named` says: ports under
/// a port column, transports under a protocol column, neither under any other.
fn holds_what_it_names(named: &str, full: &[&Vec<&str>], column: usize) -> bool {
    let expected = match column_role(named) {
        Some(ColumnRole::Port) => Holds::Ports,
        Some(ColumnRole::Protocol) => Holds::Transports,
        _ => Holds::Names,
    };
    let agreeing =
        full.iter().filter(|cells| cells.get(column).is_some_and(|c| holds(c) == expected));
    agreeing.count() * 2 > full.len()
}

/// Where the pipe table whose rows start at `from` ends: its first blank line.
fn table_end(text: &str, from: usize) -> usize {
    let mut at = from;
    for line in text.get(from..).unwrap_or_default().split_inclusive('\n') {
        if line.trim().is_empty() {
            break;
        }
        at += line.len();
    }
    at
}

#[cfg(test)]
mod tests {

    use super::*;

    fn cell(text: &str) -> Located {
        let mut located = Located::at(0);
        located.push(text, 0);
        located
    }

    #[test]
    fn a_sub_column_keeps_its_groups_words_only_when_they_still_name_a_column() {
        let text = |group: &str, sub: &str| joined(&cell(group), &cell(sub)).trimmed().to_owned();
        assert_eq!(text("Destination port", "Protocol"), "Protocol");
        assert_eq!(text("Destination port", "Port"), "Destination port Port");
        assert_eq!(text("Source", "Port"), "Source Port");
        assert_eq!(text("Source", "Host"), "Source Host");
        assert_eq!(text("Purpose", "Purpose"), "Purpose");
    }

    #[test]
    fn a_second_header_row_names_columns_and_holds_no_data() {
        assert!(is_sub_header(["Protocol", "Port"]));
        assert!(is_sub_header(["", "", "Protocol", "Port", ""]));
        assert!(!is_sub_header(["TCP", "2000"]));
        assert!(!is_sub_header(["IP phone", "Call server"]));
        assert!(!is_sub_header(["", ""]));
    }

    #[test]
    fn sub_cells_fill_the_empty_cells_a_converter_wrote_for_a_colspan() {
        let header: Vec<Located> =
            ["From", "To", "Destination port", "", "Purpose"].into_iter().map(cell).collect();
        let (protocol, port) = (cell("Protocol"), cell("Port"));
        let joined = under_groups(&header, &[&protocol, &port]).expect("joined");
        let texts: Vec<&str> = joined.iter().map(Located::trimmed).collect();
        assert_eq!(texts, ["From", "To", "Protocol", "Destination port Port", "Purpose"]);
        assert!(under_groups(&header, &[&protocol]).is_none());
        let no_group: Vec<Located> = ["", "Port"].into_iter().map(cell).collect();
        assert!(under_groups(&no_group, &[&protocol]).is_none());
    }

    fn table(markdown: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let (blocks, _) =
            super::super::converter_shapes::undo(super::super::blocks::parse(markdown), markdown);
        match blocks.into_iter().find(|b| matches!(b, Block::Table { .. })) {
            Some(Block::Table { header, rows, .. }) => (
                header.iter().map(|c| c.trimmed().to_owned()).collect(),
                rows.iter()
                    .map(|r| r.cells.iter().map(|c| c.trimmed().to_owned()).collect())
                    .collect(),
            ),
            other => panic!("no table: {other:?}"),
        }
    }

    #[test]
    fn a_two_row_colspan_header_from_every_converter_was_not_read() {
        let want_header = ["From", "To", "Protocol", "Destination port Port", "Purpose"];
        let want_rows = [
            ["Phone", "Server", "TCP", "2000", "Control"],
            ["Server", "Phone", "UDP", "69", "Files"],
        ];
        for markdown in [
            // markdownify: an empty cell after the group, the sub-header a short row.
            "| From | To | Destination port | | Purpose |\n| --- | --- | --- | --- | --- |\n| Protocol | Port |\n| Phone | Server | TCP | 2000 | Control |\n| Server | Phone | UDP | 69 | Files |\n",
            // turndown: one cell per group, the sub-header with a delimiter row of its own.
            "Intro.\n\n| From | To | Destination port | Purpose |\n| --- | --- | --- | --- |\n| Protocol | Port |\n| --- | --- |\n| Phone | Server | TCP | 2000 | Control |\n| Server | Phone | UDP | 69 | Files |\n",
            // html2text: the same without outer pipes.
            "From| To| Destination port| Purpose  \n---|---|---|---  \nProtocol| Port  \nPhone| Server| TCP| 2000| Control  \nServer| Phone| UDP| 69| Files  \n",
        ] {
            let (header, rows) = table(markdown);
            assert_eq!(header, want_header, "{markdown}");
            assert_eq!(rows, want_rows, "{markdown}");
        }
    }

    #[test]
    fn a_first_row_of_data_or_a_group_that_cannot_be_told_is_left_as_written() {
        let plain = "| Port | Protocol |\n| --- | --- |\n| 443 | TCP |\n";
        assert_eq!(table(plain).1, [["443", "TCP"]]);
        // Two header cells could be the group: neither is guessed.
        let unclear = "| Name | Other | Note |\n| --- | --- | --- |\n| Protocol | Port |\n| a | b | c | d |\n";
        assert_eq!(table(unclear).0, ["Name", "Other", "Note"]);
    }
}
