//! reStructuredText / pandoc grid tables (`+-----+-----+` borders, `+=====+` under the header),
//! as vendor manuals converted to markdown still carry them. Rewritten in place into a pipe
//! table of the same bytes per line (so every offset and line stays the document's):
//!
//! ```text
//! +------+----------+        (blank)
//! | Port | Protocol |        | Port | Protocol |
//! +======+==========+   →    |------|----------|
//! | 8140 | TCP      |        | 8140 | TCP      |
//! |      | (agents) |        |      | (agents) |   ← continuation of the row above
//! +------+----------+        |      |          |   ← continuation (empty)
//! ```
//!
//! A row's further text lines are *continuations*: after parsing, [`merge_continuations`]
//! appends their cells to the row they continue.

use super::blocks::{Block, Located, Row};

/// A grid table's header written on several text lines (`| Port   |` over `| number |`): the
/// lines above the last one are blanked in the rewrite (a pipe table's header is one line)
/// and kept here, to be put back in front of the header cells by [`merge_continuations`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderLines {
    /// Byte range of the header line that stays (the last one).
    pub header: std::ops::Range<usize>,
    /// The blanked lines above it: (offset, text without the newline).
    pub above: Vec<(usize, String)>,
}

/// The markdown with its grid tables rewritten, the offsets of the continuation lines and the
/// header lines of multi-line headers.
pub(super) fn flatten(markdown: &str) -> Option<(String, Vec<usize>, Vec<HeaderLines>)> {
    // A grid table opens on a border line, whose first character is a `+`: a page without
    // one (nearly every page) is not cut into lines and copied for nothing.
    if !opens_a_line_with_plus(markdown) {
        return None;
    }
    let lines = super::blocks::offset_lines(markdown);
    let mut out = String::with_capacity(markdown.len());
    let mut continuations = Vec::new();
    let mut headers = Vec::new();
    let mut index = 0;
    let mut changed = false;
    while index < lines.len() {
        let Some((end, separator)) = grid_at(&lines, index) else {
            if let Some((_, line)) = lines.get(index) {
                out.push_str(line);
            }
            index += 1;
            continue;
        };
        changed = true;
        // index: top border; index + 1 .. separator: header lines; separator: `+===+`; then
        // the body.
        if separator > index + 2
            && let Some((start, line)) = lines.get(separator - 1)
        {
            let above = lines
                .iter()
                .take(separator - 1)
                .skip(index + 1)
                .map(|(at, l)| (*at, l.trim_end_matches(['\n', '\r']).to_owned()))
                .collect();
            headers.push(HeaderLines { header: *start..*start + line.len(), above });
        }
        for (k, (start, line)) in lines.iter().enumerate().take(end).skip(index) {
            let body = line.trim_end_matches(['\n', '\r']);
            let newline = &line[body.len()..];
            let rewritten: String = if k == index || (k > index && k + 1 < separator) {
                " ".repeat(body.len())
            } else if k == separator {
                body.chars().map(|c| if c == '+' { '|' } else { '-' }).collect()
            } else if is_border(body) {
                continuations.push(*start);
                body.chars().map(|c| if c == '+' { '|' } else { ' ' }).collect()
            } else {
                let previous = lines.get(k - 1).map_or("", |(_, l)| l.trim_end());
                if k > separator + 1 && !is_border(previous) {
                    continuations.push(*start);
                }
                body.to_owned()
            };
            out.push_str(&rewritten);
            out.push_str(newline);
        }
        index = end;
    }
    changed.then_some((out, continuations, headers))
}

/// Some line of `markdown` may have a `+` as its first character after whitespace (as
/// `is_border` trims it; any non-ASCII character is taken for whitespace too). Each `+` looks
/// back only to the character before it that is neither: linear in the page.
fn opens_a_line_with_plus(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    memchr::memchr_iter(b'+', bytes).any(|plus| {
        for &byte in bytes.get(..plus).unwrap_or_default().iter().rev() {
            match byte {
                b'\n' | b'\r' => return true,
                b' ' | b'\t' | 0x0b | 0x0c => {}
                _ if !byte.is_ascii() => {}
                _ => return false,
            }
        }
        true
    })
}

/// `+----+-----+` or `+====+=====+`.
fn is_border(line: &str) -> bool {
    let line = line.trim();
    line.len() > 2
        && line.starts_with('+')
        && line.ends_with('+')
        && line.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

/// Header lines a grid table may have before its `+===+` line: more is no grid table header.
const MAX_HEADER_LINES: usize = 4;

/// The end (exclusive line index) of a grid table starting at `index`, and the index of its
/// `+===+` line: a border, one or more header lines, a `+===+` line, then `|`-rows and borders.
fn grid_at(lines: &[(usize, &str)], index: usize) -> Option<(usize, usize)> {
    let line = |i: usize| lines.get(i).map(|(_, l)| l.trim_end());
    let top = line(index)?;
    if !is_border(top) || top.contains('=') || !line(index + 1)?.trim_start().starts_with('|') {
        return None;
    }
    let mut at = index + 1;
    while line(at).is_some_and(|l| l.trim_start().starts_with('|'))
        && at <= index + MAX_HEADER_LINES
    {
        at += 1;
    }
    let separator = line(at)?;
    if !is_border(separator) || !separator.contains('=') || separator.len() != top.len() {
        return None;
    }
    let separator_index = at;
    let mut end = at + 1;
    while let Some(next) = line(end) {
        if next.trim_start().starts_with('|') || (is_border(next) && !next.contains('=')) {
            end += 1;
        } else {
            break;
        }
    }
    (end > separator_index + 1).then_some((end, separator_index))
}

/// The cells of a `| a | b |` line with the offset each one's text starts at.
fn line_cells(offset: usize, line: &str) -> Vec<(usize, &str)> {
    let lead = line.len() - line.trim_start().len();
    let inner = line.trim().strip_prefix('|').unwrap_or(line.trim());
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut at = offset + lead + usize::from(line.trim_start().starts_with('|'));
    let mut cells = Vec::new();
    for piece in inner.split('|') {
        let pad = piece.len() - piece.trim_start().len();
        cells.push((at + pad, piece.trim()));
        at += piece.len() + 1;
    }
    cells
}

/// Puts the blanked lines of a multi-line header in front of the header cells, column by
/// column (`Port` over `number` → `Port number`).
fn joined_header(header: Vec<Located>, lines: &HeaderLines) -> Vec<Located> {
    let above: Vec<Vec<(usize, &str)>> =
        lines.above.iter().map(|(offset, text)| line_cells(*offset, text)).collect();
    header
        .into_iter()
        .enumerate()
        .map(|(column, cell)| {
            let parts: Vec<(usize, &str)> = above
                .iter()
                .filter_map(|cells| cells.get(column).copied())
                .filter(|(_, text)| !text.is_empty())
                .collect();
            if parts.is_empty() {
                return cell;
            }
            let mut joined = Located::at(parts.first().map_or(cell.start, |(at, _)| *at));
            for (at, text) in parts {
                joined.space();
                joined.push(text, at);
            }
            let own = cell.trimmed();
            if !own.is_empty() {
                let lead = cell.text.len() - cell.text.trim_start().len();
                joined.space();
                joined.push(own, cell.source_offset(lead));
            }
            joined
        })
        .collect()
}

/// Appends every continuation row to the row before it, cell by cell, and gives multi-line
/// headers their upper lines back.
pub(super) fn merge_continuations(
    blocks: Vec<Block>,
    continuations: &[usize],
    headers: &[HeaderLines],
) -> Vec<Block> {
    if continuations.is_empty() && headers.is_empty() {
        return blocks;
    }
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Table { header, rows, start, html } => {
                let header = match header
                    .first()
                    .and_then(|first| headers.iter().find(|h| h.header.contains(&first.start)))
                {
                    Some(lines) => joined_header(header, lines),
                    None => header,
                };
                let mut merged: Vec<Row> = Vec::with_capacity(rows.len());
                for row in rows {
                    let continues = continuations.contains(&row.start);
                    match merged.last_mut() {
                        Some(previous) if continues => {
                            for (cell, more) in previous.cells.iter_mut().zip(&row.cells) {
                                let text = more.trimmed();
                                if text.is_empty() {
                                    continue;
                                }
                                let lead = more.text.len() - more.text.trim_start().len();
                                cell.space();
                                cell.push(text, more.source_offset(lead));
                            }
                        }
                        _ => merged.push(row),
                    }
                }
                Block::Table { header, rows: merged, start, html }
            }
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRID: &str = "+------+----------+\n| Port | Purpose  |\n+======+==========+\n| 8140 | Catalogs |\n|      | for all  |\n+------+----------+\n| 8142 | Events   |\n+------+----------+\n";

    #[test]
    fn grid_table_was_a_paragraph_of_pipes() {
        let (text, continuations, headers) = flatten(GRID).expect("a grid table");
        assert!(headers.is_empty());
        assert_eq!(text.len(), GRID.len());
        assert_eq!(text.lines().count(), GRID.lines().count());
        assert!(text.lines().nth(2).is_some_and(|l| l == "|------|----------|"), "{text}");
        // The row's second text line and the border under it continue the row.
        let starts: Vec<usize> = GRID.match_indices('\n').map(|(i, _)| i + 1).collect();
        assert_eq!(continuations, [starts[3], starts[4], starts[6]]);
    }

    #[test]
    fn plain_markdown_is_left_alone() {
        assert!(flatten("| Port |\n|---|\n| 22 |\n").is_none());
        assert!(flatten("+ a list item\n+ another\n").is_none());
    }
}
