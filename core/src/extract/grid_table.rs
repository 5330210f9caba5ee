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

use super::blocks::{Block, Row};

/// The markdown with its grid tables rewritten, and the offsets of the continuation lines.
pub(super) fn flatten(markdown: &str) -> Option<(String, Vec<usize>)> {
    let lines: Vec<(usize, &str)> = {
        let mut at = 0;
        markdown
            .split_inclusive('\n')
            .map(|line| {
                let start = at;
                at += line.len();
                (start, line)
            })
            .collect()
    };
    let mut out = String::with_capacity(markdown.len());
    let mut continuations = Vec::new();
    let mut index = 0;
    let mut changed = false;
    while index < lines.len() {
        let Some(end) = grid_at(&lines, index) else {
            if let Some((_, line)) = lines.get(index) {
                out.push_str(line);
            }
            index += 1;
            continue;
        };
        changed = true;
        // index: top border; index + 1: header; index + 2: `+===+`; then the body.
        for (k, (start, line)) in lines.iter().enumerate().take(end).skip(index) {
            let body = line.trim_end_matches(['\n', '\r']);
            let newline = &line[body.len()..];
            let rewritten: String = if k == index {
                " ".repeat(body.len())
            } else if k == index + 2 {
                body.chars().map(|c| if c == '+' { '|' } else { '-' }).collect()
            } else if is_border(body) {
                continuations.push(*start);
                body.chars().map(|c| if c == '+' { '|' } else { ' ' }).collect()
            } else {
                let previous = lines.get(k - 1).map_or("", |(_, l)| l.trim_end());
                if k > index + 3 && !is_border(previous) {
                    continuations.push(*start);
                }
                body.to_owned()
            };
            out.push_str(&rewritten);
            out.push_str(newline);
        }
        index = end;
    }
    changed.then_some((out, continuations))
}

/// `+----+-----+` or `+====+=====+`.
fn is_border(line: &str) -> bool {
    let line = line.trim();
    line.len() > 2
        && line.starts_with('+')
        && line.ends_with('+')
        && line.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

/// The end (exclusive line index) of a grid table starting at `index`: a border, one header
/// line, a `+===+` line, then `|`-rows and borders. Only one-line headers are rewritten.
fn grid_at(lines: &[(usize, &str)], index: usize) -> Option<usize> {
    let line = |i: usize| lines.get(i).map(|(_, l)| l.trim_end());
    let top = line(index)?;
    let header = line(index + 1)?;
    let separator = line(index + 2)?;
    if !is_border(top) || top.contains('=') || !header.trim_start().starts_with('|') {
        return None;
    }
    if !is_border(separator) || !separator.contains('=') || separator.len() != top.len() {
        return None;
    }
    let mut end = index + 3;
    while let Some(next) = line(end) {
        if next.trim_start().starts_with('|') || (is_border(next) && !next.contains('=')) {
            end += 1;
        } else {
            break;
        }
    }
    (end > index + 3).then_some(end)
}

/// Appends every continuation row to the row before it, cell by cell.
pub(super) fn merge_continuations(blocks: Vec<Block>, continuations: &[usize]) -> Vec<Block> {
    if continuations.is_empty() {
        return blocks;
    }
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Table { header, rows, start, html } => {
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
        let (text, continuations) = flatten(GRID).expect("a grid table");
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
