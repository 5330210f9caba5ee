//! A list inside a table cell (`<td><p>Required …:</p><ul><li>…</li></ul></td>`), as turndown and
//! html2text write it: the cell's blocks go on lines of their own, blank lines around the list,
//! which ends the pipe table there. The rows after it became a paragraph of pipes (lost), and
//! the cell lost its list. Both shapes are joined back onto the row's line before the markdown
//! is parsed (newlines become spaces, the list markers blanks: same bytes, so every offset stays
//! the document's and locations are unchanged):
//! - turndown opens the cell on the row line and closes it on a line of its own:
//!   `| UDP 5404-5412 | Cluster node | ` / `Required …:` / `` / `-   5404 for …` / ` |`;
//! - html2text ends the row line with the cell's first paragraph, the list after a blank line,
//!   then the table's next rows after another: joined when those rows follow (a line stating
//!   the table's cells, or a one-cell group title followed by one).

use super::converter_shapes::stated_cells;

/// The text with every cell's list joined onto its row's line, when it has one.
pub(super) fn join(markdown: &str) -> Option<String> {
    let lines = super::blocks::offset_lines(markdown);
    let text = |i: usize| lines.get(i).map_or("", |(_, l)| l.trim_end_matches(['\n', '\r']));
    // Byte ranges whose newlines become spaces and list markers blanks.
    let mut joins: Vec<(usize, usize)> = Vec::new();
    let mut columns: Option<usize> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = text(index);
        if line.trim().is_empty() {
            columns = None;
        } else if index > 0 && is_delimiter_row(line) {
            columns = Some(stated_cells(line));
        } else if let Some(columns) = columns
            && let Some(last) = turndown_close(&lines, index, columns)
                .or_else(|| html2text_resume(&lines, index, columns))
        {
            let from = lines[index].0 + line.len();
            let to = lines.get(last).map_or(markdown.len(), |(start, _)| *start) - 1;
            joins.push((from, to));
            index = last;
            continue;
        }
        index += 1;
    }
    if joins.is_empty() {
        return None;
    }
    let mut out = markdown.as_bytes().to_vec();
    for (from, to) in joins {
        let mut line_start = true;
        let mut at = from;
        while at < to {
            match out[at] {
                b'\n' | b'\r' => {
                    out[at] = b' ';
                    line_start = true;
                }
                b' ' | b'\t' => {}
                _ if line_start => {
                    let marker = list_marker(&out[at..to]);
                    out[at..at + marker].fill(b' ');
                    line_start = false;
                }
                _ => {}
            }
            at += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `| --- | :---: |`, `---|---`.
fn is_delimiter_row(line: &str) -> bool {
    line.contains('-')
        && line.contains('|')
        && line.trim().chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The bytes of a list marker (`-   `, `* `, `+ `, `12. `) at the start of `rest`, 0 if none.
fn list_marker(rest: &[u8]) -> usize {
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker = match rest.get(digits) {
        Some(b'.' | b')') if digits > 0 => digits + 1,
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        _ => return 0,
    };
    if rest.get(marker).is_some_and(|b| *b == b' ') { marker } else { 0 }
}

/// turndown: the row line at `index` opens its last cell (`… | ` with a cell to go) and a
/// line ` |` further down closes it. The index of the line after the closing one.
fn turndown_close(lines: &[(usize, &str)], index: usize, columns: usize) -> Option<usize> {
    let line = lines.get(index)?.1.trim_end_matches(['\n', '\r']);
    if !line.trim_start().starts_with('|') || !line.ends_with("| ") {
        return None;
    }
    if stated_cells(line) + 1 != columns {
        return None;
    }
    for (k, (_, next)) in lines.iter().enumerate().skip(index + 1).take(40) {
        let next = next.trim();
        if next == "|" {
            // Joined up to the closing line's end: the line after it is the next row.
            return Some(k + 1);
        }
        if next.starts_with('|') {
            return None;
        }
    }
    None
}

/// html2text: the full row line at `index` (no outer pipes) is followed by a blank line, list
/// items, blank lines, then the table's rows again. The index of the line the rows resume on.
fn html2text_resume(lines: &[(usize, &str)], index: usize, columns: usize) -> Option<usize> {
    let text = |i: usize| lines.get(i).map(|(_, l)| l.trim_end_matches(['\n', '\r']));
    let line = text(index)?;
    if line.trim_start().starts_with('|') || stated_cells(line) != columns {
        return None;
    }
    let mut k = index + 1;
    if !text(k)?.trim().is_empty() {
        return None;
    }
    let mut items = 0;
    while let Some(next) = text(k) {
        let trimmed = next.trim_start();
        if trimmed.is_empty() {
            k += 1;
        } else if list_marker(trimmed.as_bytes()) > 0 && !trimmed.contains('|') {
            items += 1;
            k += 1;
        } else {
            break;
        }
    }
    let resumed = text(k)?;
    let is_row = |l: &str| !l.trim_start().starts_with('|') && stated_cells(l) == columns;
    let resumes = is_row(resumed)
        || (!resumed.contains('|') && text(k + 1).is_some_and(is_row) && columns > 1);
    (items > 0 && resumes).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::{Block, parse};

    fn rows(markdown: &str) -> Vec<Vec<String>> {
        let joined = join(markdown).expect("joined");
        assert_eq!(joined.len(), markdown.len());
        match parse(&joined).into_iter().find(|b| matches!(b, Block::Table { .. })) {
            Some(Block::Table { rows, .. }) => rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.trimmed().to_owned()).collect())
                .collect(),
            other => panic!("no table: {other:?}"),
        }
    }

    #[test]
    fn a_list_in_a_turndown_cell_ended_the_table_and_lost_the_rows_after_it() {
        let markdown = "| Port | Role | When |\n| --- | --- | --- |\n| TCP 2224 | Node | Always |\n| UDP 5404 | Node | \nRequired for membership:\n\n-   5404 for multicast;\n-   5405 for unicast.\n\n |\n| TCP 3121 | Remote | Always |\n";
        let rows = rows(markdown);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(
            rows[1][2].split_whitespace().collect::<Vec<_>>().join(" "),
            "Required for membership: 5404 for multicast; 5405 for unicast."
        );
        assert_eq!(rows[2][0], "TCP 3121");
    }

    #[test]
    fn a_list_in_an_html2text_cell_ended_the_table_and_lost_the_rows_after_it() {
        let markdown = "Port| Role| When  \n---|---|---  \nTCP 2224| Node| Always  \nUDP 5404| Node| Required for membership:\n\n  * 5404 for multicast;\n  * 5405 for unicast.\n\n  \n_Other hosts_  \nTCP 3121| Remote| Always  \n";
        let rows = rows(markdown);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[3][0], "TCP 3121");
    }

    #[test]
    fn a_list_after_a_table_is_left_alone() {
        assert!(
            join("| Port | Role |\n| --- | --- |\n| 22 | SSH |\n\n- a list item\n\nText.\n")
                .is_none()
        );
        assert!(
            join("Port| Role  \n---|---  \n22| SSH  \n\n  * an item\n\nA paragraph after.\n")
                .is_none()
        );
    }
}
