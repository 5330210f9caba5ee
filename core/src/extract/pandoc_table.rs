//! pandoc's own table shapes, as `pandoc -t markdown` writes a vendor's HTML table: a *simple*
//! table (a header line over dash runs, one line per row, ended by a blank line) and a
//! *multiline* table (a dash line above the header, rows of several lines separated by blank
//! lines, a dash line below). Columns are where the dash runs under the header are:
//!
//! ```text
//!   Port    Protocol   Purpose                    --------------------------------------
//!   ------- ---------- ------------------         Port    Protocol   Purpose
//!   2224    TCP        Management daemon          ------- ---------- ------------------
//!   3121    TCP        Remote nodes               1494\   TCP        Session protocol
//!                                                 2598                 (two ports)
//!                                                                                       ← next row
//!                                                 --------------------------------------
//! ```
//!
//! Neither is markdown to pulldown-cmark (a simple table is a paragraph, its rows one line of
//! text), so the table is read here into a table block and its lines are blanked in the text
//! (same bytes per line: offsets and lines stay the document's). A line ending in `\` inside
//! a cell is a line break (`<br>`), kept so that the n-th port pairs with the n-th protocol.

use super::blocks::{Block, Located, Row};

/// The text with its pandoc tables blanked, and the tables, when it has any.
pub(super) fn extract(markdown: &str) -> Option<(String, Vec<Block>)> {
    let lines: Vec<(usize, &str)> = super::blocks::offset_lines(markdown)
        .into_iter()
        .map(|(start, line)| (start, line.trim_end_matches(['\n', '\r'])))
        .collect();
    let mut tables = Vec::new();
    let mut blanked: Vec<std::ops::Range<usize>> = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        // pandoc opens a fenced div (`::: table-wrap`, a wrapping `<div class>`) right above.
        let after_blank = index == 0
            || lines.get(index - 1).is_some_and(|(_, l)| l.trim().is_empty() || is_div_fence(l));
        let found = if after_blank {
            multiline_at(&lines, index)
                .or_else(|| simple_at(&lines, index))
                .or_else(|| headerless_at(&lines, index))
        } else {
            None
        };
        match found {
            Some((table, end)) => {
                tables.push(table);
                blanked.push(index..end);
                index = end;
            }
            None => index += 1,
        }
    }
    if tables.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(markdown.len());
    for (line, raw) in markdown.split_inclusive('\n').enumerate() {
        if blanked.iter().any(|range| range.contains(&line)) {
            let body = raw.trim_end_matches(['\n', '\r']);
            out.push_str(&" ".repeat(body.len()));
            out.push_str(&raw[body.len()..]);
        } else {
            out.push_str(raw);
        }
    }
    Some((out, tables))
}

/// `::: table-wrap`, `::: {.note}`, `:::`: a pandoc fenced div's opening or closing line.
fn is_div_fence(line: &str) -> bool {
    line.trim_start().starts_with(":::")
}

/// The tables put among the parsed blocks, each before the first block that starts after it.
pub(super) fn insert(mut blocks: Vec<Block>, tables: &[Block]) -> Vec<Block> {
    for table in tables {
        let at = Block::start(table);
        let index = blocks.iter().position(|b| Block::start(b) > at).unwrap_or(blocks.len());
        blocks.insert(index, table.clone());
    }
    blocks
}

/// Char ranges of the dash runs of a line made only of dashes and spaces (`None` otherwise).
fn dash_runs(line: &str) -> Option<Vec<(usize, usize)>> {
    if line.trim().is_empty() || !line.chars().all(|c| c == '-' || c == ' ') {
        return None;
    }
    let mut runs = Vec::new();
    let mut open = None;
    for (i, c) in line.chars().chain(std::iter::once(' ')).enumerate() {
        match (c, open) {
            ('-', None) => open = Some(i),
            (' ', Some(start)) => {
                runs.push((start, i));
                open = None;
            }
            _ => {}
        }
    }
    Some(runs)
}

/// Column lines have at least two runs; a run shorter than 3 dashes is no column.
fn columns(line: &str) -> Option<Vec<usize>> {
    let runs = dash_runs(line)?;
    (runs.len() >= 2 && runs.iter().all(|(s, e)| e - s >= 3))
        .then(|| runs.iter().map(|(s, _)| *s).collect())
}

/// A full-width dash line (a multiline table's top or bottom).
fn is_rule(line: &str) -> bool {
    dash_runs(line).is_some_and(|runs| runs.len() == 1 && runs.iter().all(|(s, e)| e - s >= 10))
}

/// Header line at `index`, column line after it, one-line rows until a blank line.
fn simple_at(lines: &[(usize, &str)], index: usize) -> Option<(Block, usize)> {
    let (header_start, header_line) = *lines.get(index)?;
    if header_line.trim().is_empty()
        || dash_runs(header_line).is_some()
        || is_div_fence(header_line)
    {
        return None;
    }
    let starts = columns(lines.get(index + 1)?.1)?;
    let header = cells(header_start, header_line, &starts);
    let mut rows = Vec::new();
    let mut end = index + 2;
    while let Some((start, line)) = lines.get(end) {
        if line.trim().is_empty() || is_rule(line) {
            break;
        }
        rows.push(Row { cells: cells(*start, line, &starts), start: *start });
        end += 1;
    }
    if rows.is_empty() {
        return None;
    }
    Some((Block::Table { header, rows, start: header_start, html: false }, end))
}

/// A headerless table (pandoc writes one for an HTML table whose `<th>` cells sit in its body,
/// as Confluence's do): a column line, one-line rows, the same column line. Its first row is
/// the header, as for an HTML table without `<th>` cells.
fn headerless_at(lines: &[(usize, &str)], index: usize) -> Option<(Block, usize)> {
    let (table_start, column_line) = *lines.get(index)?;
    let starts = columns(column_line)?;
    let mut rows: Vec<Row> = Vec::new();
    let mut end = index + 1;
    loop {
        let (start, line) = *lines.get(end)?;
        end += 1;
        if columns(line).as_ref() == Some(&starts) {
            break;
        }
        if line.trim().is_empty() {
            return None;
        }
        rows.push(Row { cells: cells(start, line, &starts), start });
    }
    if rows.len() < 2 {
        return None;
    }
    let header = rows.remove(0).cells;
    Some((Block::Table { header, rows, start: table_start, html: false }, end))
}

/// Rule at `index`, header lines, column line, rows separated by blank lines, rule.
fn multiline_at(lines: &[(usize, &str)], index: usize) -> Option<(Block, usize)> {
    if !is_rule(lines.get(index)?.1) {
        return None;
    }
    // The column line comes after one to four header lines.
    let column_line = (index + 2..=index + 5)
        .find(|&k| lines.get(k).is_some_and(|(_, l)| columns(l).is_some()))?;
    let starts = columns(lines.get(column_line)?.1)?;
    if (index + 1..column_line).any(|k| lines.get(k).is_none_or(|(_, l)| l.trim().is_empty())) {
        return None;
    }
    let mut header: Option<Vec<Located>> = None;
    for (start, line) in lines.get(index + 1..column_line)? {
        let more = cells(*start, line, &starts);
        header = Some(match header {
            None => more,
            Some(above) => joined(above, more),
        });
    }
    let header = header?;
    let mut rows: Vec<Row> = Vec::new();
    let mut open: Option<Row> = None;
    let mut end = column_line + 1;
    loop {
        let (start, line) = *lines.get(end)?;
        end += 1;
        if is_rule(line) {
            rows.extend(open.take());
            break;
        }
        if line.trim().is_empty() {
            rows.extend(open.take());
            continue;
        }
        let more = cells(start, line, &starts);
        open = Some(match open.take() {
            None => Row { cells: more, start },
            Some(row) => Row { cells: joined(row.cells, more), start: row.start },
        });
    }
    (!rows.is_empty())
        .then(|| (Block::Table { header, rows, start: lines[index].0, html: false }, end))
}

/// A row's cells continued by the cells of its next line: a space between, or a line break
/// where the line above ended its cell with `\`.
fn joined(mut above: Vec<Located>, more: Vec<Located>) -> Vec<Located> {
    for (cell, next) in above.iter_mut().zip(more) {
        if next.trimmed().is_empty() {
            continue;
        }
        if cell.text.ends_with('\\') {
            cell.text.pop();
            cell.line_break();
        } else {
            cell.space();
        }
        let lead = next.text.len() - next.text.trim_start().len();
        cell.push(next.trimmed(), next.source_offset(lead));
    }
    above
}

/// The cells of one text line, cut at the columns' starts (in characters).
fn cells(line_start: usize, line: &str, starts: &[usize]) -> Vec<Located> {
    let bytes: Vec<usize> = line.char_indices().map(|(i, _)| i).chain([line.len()]).collect();
    let byte = |char_index: usize| bytes.get(char_index).copied().unwrap_or(line.len());
    starts
        .iter()
        .enumerate()
        .map(|(k, &from)| {
            // The first column takes the line's indentation too; the others start at their run.
            let from = if k == 0 { 0 } else { byte(from) };
            let to = starts.get(k + 1).map_or(line.len(), |&next| byte(next));
            let text = line.get(from..to.max(from)).unwrap_or_default();
            let lead = text.len() - text.trim_start().len();
            cell(line_start + from + lead, text.trim())
        })
        .collect()
}

/// A cell's markdown made text: `[88](url)` → `88`, `\_` → `_`, `**`/`` ` `` dropped, `^1^` → `¹`;
/// a trailing `\` (a line break) is kept for [`joined`].
fn cell(offset: usize, text: &str) -> Located {
    let mut located = Located::at(offset);
    let mut rest = text;
    let mut at = offset;
    while let Some(c) = rest.chars().next() {
        let width = c.len_utf8();
        let next = rest.get(width..).and_then(|r| r.chars().next());
        let skip = match (c, next) {
            ('\\', Some(p)) if p.is_ascii_punctuation() => {
                located.push(&p.to_string(), at + 1);
                width + 1
            }
            ('^', Some(d)) if rest.get(2..3) == Some("^") => {
                match super::footnotes::superscript(&d.to_string()) {
                    Some(sup) => located.push(sup, at),
                    None => located.push(&d.to_string(), at + 1),
                }
                3
            }
            ('*' | '`' | '^', _) => width,
            ('[', _) => match link_text(rest) {
                Some((inner, taken)) => {
                    located.push(inner, at + 1);
                    taken
                }
                None => {
                    located.push("[", at);
                    width
                }
            },
            _ => {
                located.push(&rest[..width], at);
                width
            }
        };
        at += skip;
        rest = rest.get(skip..).unwrap_or_default();
    }
    located
}

/// `[text](url)` or `[text]{#id}`: the text and the bytes the whole takes.
fn link_text(text: &str) -> Option<(&str, usize)> {
    let close = text.find(']')?;
    let inner = text.get(1..close)?;
    let after = text.get(close + 1..)?;
    let end = match after.chars().next()? {
        '(' => after.find(')')?,
        '{' => after.find('}')?,
        _ => return None,
    };
    Some((inner, close + 1 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(markdown: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let (text, tables) = extract(markdown).expect("a table");
        assert_eq!(text.len(), markdown.len());
        assert_eq!(text.lines().count(), markdown.lines().count());
        match tables.into_iter().next() {
            Some(Block::Table { header, rows, .. }) => (
                header.iter().map(|c| c.trimmed().to_owned()).collect(),
                rows.iter().map(|r| r.cells.iter().map(|c| c.text.clone()).collect()).collect(),
            ),
            other => panic!("no table: {other:?}"),
        }
    }

    #[test]
    fn a_pandoc_simple_table_was_a_paragraph() {
        let markdown = "Intro.\n\n  Port   Protocol   Purpose\n  ------ ---------- ----------------\n  2224   TCP        Management\n  3121   TCP        [Remote](https://x.invalid) nodes\n\nAfter.\n";
        let (header, rows) = table(markdown);
        assert_eq!(header, ["Port", "Protocol", "Purpose"]);
        assert_eq!(rows, [["2224", "TCP", "Management"], ["3121", "TCP", "Remote nodes"]]);
    }

    #[test]
    fn a_br_separated_port_list_in_a_pandoc_multiline_cell_is_every_port() {
        let markdown = "  -----------------------------------------\n  Port     Type    Details\n  -------- ------- --------------------\n  1494     TCP     Session\n\n  1494\\    UDP     Adaptive\n  2598             transport\n  -----------------------------------------\n";
        let (header, rows) = table(markdown);
        assert_eq!(header, ["Port", "Type", "Details"]);
        assert_eq!(rows, [["1494", "TCP", "Session"], ["1494\n2598", "UDP", "Adaptive transport"]]);
    }

    #[test]
    fn a_pandoc_table_right_under_a_fenced_div_was_a_paragraph() {
        let markdown = "::: table-wrap\n  ------ ---------- ------------\n  Port   Protocol   Used for\n  5801   TCP        Cache\n  ------ ---------- ------------\n:::\n";
        let (header, rows) = table(markdown);
        assert_eq!(header, ["Port", "Protocol", "Used for"]);
        assert_eq!(rows, [["5801", "TCP", "Cache"]]);
    }

    #[test]
    fn setext_headings_front_matter_and_rules_are_no_tables() {
        assert!(extract("Title\n-----\n\ntext\n").is_none());
        assert!(extract("---\ntitle: x\n---\n\n# A\n").is_none());
        assert!(extract("text\n\n----------------\n\nmore\n").is_none());
    }

    #[test]
    fn a_cell_with_a_multibyte_character_is_cut_at_its_column() {
        let (_, rows) =
            table("  Port          Purpose\n  ------------- --------\n  49152–65535   RPC\n");
        assert_eq!(rows, [["49152–65535", "RPC"]]);
    }
}
