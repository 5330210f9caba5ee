//! Raw HTML `<table>`s inside markdown (Docusaurus/MDX and HTML-to-markdown exports keep them):
//! rows and cells with their source offsets, tags stripped, entities decoded.

use super::blocks::{Block, Located, Row};
use super::header_rows;

/// Every table in an HTML block. `start` is the block's offset in the markdown.
pub fn tables(html: &str, start: usize) -> Vec<Block> {
    let lower = html.to_ascii_lowercase();
    let mut blocks = Vec::new();
    let mut from = 0;
    while let Some(open) = find_tag(&lower, "table", from) {
        let end = lower[open..].find("</table").map_or(html.len(), |i| open + i);
        if let Some(block) = table(html, &lower, open, end, start) {
            if let Some(caption) = caption(html, &lower, open, end, start) {
                blocks.push(Block::Label(caption));
            }
            blocks.push(block);
        }
        from = end.max(open + 1);
    }
    blocks
}

fn table(html: &str, lower: &str, open: usize, end: usize, start: usize) -> Option<Block> {
    let mut header: Vec<Located> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut at = open;
    // Cells spanning rows below (`rowspan`), by column: the cell and how many rows it still
    // covers. Vendors merge the protocol or role cell of a group of rows this way.
    let mut spans: Vec<Option<(Located, usize)>> = Vec::new();
    // The header row merged cells (`rowspan`, `colspan`): a second header row may follow.
    let mut header_spans = false;
    while let Some(tr) = find_tag(lower, "tr", at).filter(|&i| i < end) {
        let tr_end = find_tag(lower, "tr", tr + 3).filter(|&i| i < end).unwrap_or(end);
        let mut cells: Vec<Located> = Vec::new();
        let mut all_th = true;
        let mut row_spans = false;
        let mut cell_at = tr;
        loop {
            let td = find_tag(lower, "td", cell_at).filter(|&i| i < tr_end);
            let th = find_tag(lower, "th", cell_at).filter(|&i| i < tr_end);
            let (cell, is_th) = match (td, th) {
                (Some(d), Some(h)) if h < d => (h, true),
                (Some(d), _) => (d, false),
                (None, Some(h)) => (h, true),
                (None, None) => break,
            };
            all_th &= is_th;
            let content_start = lower[cell..].find('>').map_or(tr_end, |i| cell + i + 1);
            let tag = &lower[cell..content_start];
            let (row_span, col_span) = (span_of(tag, "rowspan"), span_of(tag, "colspan"));
            row_spans |= row_span > 1 || col_span > 1;
            let next = [
                find_tag(lower, "td", content_start),
                find_tag(lower, "th", content_start),
                lower[content_start..].find("</t").map(|i| content_start + i),
            ]
            .into_iter()
            .flatten()
            .filter(|&i| i <= tr_end)
            .min()
            .unwrap_or(tr_end);
            let text = cell_text(html, content_start, next, start);
            for _ in 0..col_span {
                fill_spanned(&mut cells, &mut spans);
                if row_span > 1 {
                    if spans.len() <= cells.len() {
                        spans.resize(cells.len() + 1, None);
                    }
                    if let Some(slot) = spans.get_mut(cells.len()) {
                        *slot = Some((text.clone(), row_span - 1));
                    }
                }
                cells.push(text.clone());
            }
            cell_at = next.max(cell + 1);
        }
        // Spanned cells at the end of the row.
        while spans.get(cells.len()).is_some_and(Option::is_some) {
            fill_spanned(&mut cells, &mut spans);
        }
        if !cells.is_empty() {
            if header.is_empty() && all_th {
                header = cells;
                header_spans = row_spans;
            } else if all_th && header_spans && rows.is_empty() {
                // A second header row under a `colspan` group (see `header_rows`); the cells
                // the rows above span are the same cells again.
                header =
                    header
                        .iter()
                        .zip(&cells)
                        .map(|(above, sub)| {
                            if above == sub {
                                above.clone()
                            } else {
                                header_rows::joined(above, sub)
                            }
                        })
                        .chain(header.iter().skip(cells.len()).cloned())
                        .collect();
            } else {
                rows.push(Row { cells, start: start + tr });
            }
        }
        at = tr_end.max(tr + 1);
    }
    if header.is_empty() && rows.len() > 1 {
        // A table without `<th>` cells: its first row is the header.
        header = rows.remove(0).cells;
    }
    (!header.is_empty()).then_some(Block::Table { header, rows, start: start + open, html: true })
}

/// The `<caption>` of the table between `open` and `end`.
fn caption(html: &str, lower: &str, open: usize, end: usize, start: usize) -> Option<Located> {
    let tag = find_tag(lower, "caption", open).filter(|&i| i < end)?;
    let content = lower[tag..].find('>').map(|i| tag + i + 1)?;
    let close = lower[content..].find("</caption").map_or(end, |i| content + i);
    let text = cell_text(html, content, close.min(end), start);
    (!text.trimmed().is_empty()).then_some(text)
}

/// Puts the cells that rows above span into this row, at the columns they occupy.
fn fill_spanned(cells: &mut Vec<Located>, spans: &mut [Option<(Located, usize)>]) {
    while let Some(slot) = spans.get_mut(cells.len()) {
        let Some((cell, remaining)) = slot.take() else { break };
        if remaining > 1 {
            *slot = Some((cell.clone(), remaining - 1));
        }
        cells.push(cell);
    }
}

/// `rowspan="3"` / `colspan=2` in a cell's opening tag; 1 when absent, at most 100.
fn span_of(tag: &str, name: &str) -> usize {
    let Some(at) = tag.find(name) else { return 1 };
    let value: String = tag[at + name.len()..]
        .trim_start_matches(|c: char| c == '=' || c == '"' || c == '\'' || c.is_whitespace())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    value.parse::<usize>().map_or(1, |n| n.clamp(1, 100))
}

/// Offset of `<name` followed by `>` or whitespace, from `from`.
fn find_tag(lower: &str, name: &str, from: usize) -> Option<usize> {
    let needle = format!("<{name}");
    let mut at = from;
    while let Some(found) = lower.get(at..)?.find(&needle) {
        let index = at + found;
        let after = lower.as_bytes().get(index + needle.len()).copied();
        if matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            return Some(index);
        }
        at = index + 1;
    }
    None
}

/// The text of a cell: tags dropped (a `<br>` becomes a line break), common entities decoded.
fn cell_text(html: &str, from: usize, to: usize, start: usize) -> Located {
    let mut located = Located::at(start + from);
    let raw = &html[from..to];
    let mut index = 0;
    while index < raw.len() {
        let rest = &raw[index..];
        // `<sup>1</sup>`: a footnote number, matched to its note as `¹`.
        if let Some(inner) =
            rest.get(..5).filter(|t| t.eq_ignore_ascii_case("<sup>")).and(rest.get(5..))
            && let Some(end) = inner.find("</sup>").or_else(|| inner.find("</SUP>"))
            && let Some(sup) =
                inner.get(..end).and_then(|d| super::footnotes::superscript(d.trim()))
        {
            located.push(sup, start + from + index);
            index += 5 + end + "</sup>".len();
            continue;
        }
        if rest.starts_with('<') {
            let close = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = rest[1..close].trim_start_matches('/').trim_start();
            if tag.get(..2).is_some_and(|t| t.eq_ignore_ascii_case("br")) {
                located.line_break();
            } else if super::blocks::is_item_open(&rest[..close]) {
                // The uses or sources a cell lists stay apart ("…from agents; The console …").
                located.item_break();
            } else {
                located.space();
            }
            index += close;
        } else if rest.starts_with('&') {
            let end = rest.find(';').filter(|&i| i <= 8);
            let decoded = end.and_then(|e| match &rest[1..e] {
                "amp" => Some("&"),
                "lt" => Some("<"),
                "gt" => Some(">"),
                "quot" => Some("\""),
                "nbsp" | "#160" => Some(" "),
                "ndash" | "#8211" => Some("–"),
                "mdash" | "#8212" => Some("—"),
                _ => None,
            });
            match (decoded, end) {
                (Some(text), Some(e)) => {
                    located.push(text, start + from + index);
                    index += e + 1;
                }
                _ => {
                    located.push("&", start + from + index);
                    index += 1;
                }
            }
        } else {
            let next = rest.find(['<', '&']).unwrap_or(rest.len());
            located.push(&rest[..next], start + from + index);
            index += next;
        }
    }
    located
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_header_rows_and_cells_with_offsets() {
        let html = "<table>\n<thead><tr><th>Port</th><th>Protocol</th></tr></thead>\n<tbody>\n<tr><td>8443</td><td>TCP<br/>(HTTPS)</td></tr>\n<tr><td>30000&ndash;32767</td><td>TCP</td></tr>\n</tbody></table>";
        let blocks = tables(html, 100);
        let [Block::Table { header, rows, .. }] = blocks.as_slice() else { panic!("{blocks:?}") };
        assert_eq!(header.iter().map(Located::trimmed).collect::<Vec<_>>(), ["Port", "Protocol"]);
        assert_eq!(rows.len(), 2);
        // A `<br>` is kept as a line break, so lines of two cells can be paired.
        assert_eq!(rows[0].cells[1].trimmed(), "TCP\n(HTTPS)");
        assert_eq!(rows[1].cells[0].trimmed(), "30000–32767");
        let cell = &rows[0].cells[0];
        assert_eq!(&html[cell.source_offset(0) - 100..][..4], "8443");
    }

    #[test]
    fn rowspan_and_colspan_cells_fill_the_columns_they_cover() {
        let html = "<table><tr><th>Protocol</th><th>Port</th><th>Purpose</th></tr>\n<tr><td rowspan=\"2\">TCP</td><td>80</td><td>Web</td></tr>\n<tr><td>443</td><td>Secure web</td></tr>\n<tr><td>UDP</td><td colspan=\"2\">53</td></tr></table>";
        let blocks = tables(html, 0);
        let [Block::Table { rows, .. }] = blocks.as_slice() else { panic!("{blocks:?}") };
        let texts: Vec<Vec<&str>> =
            rows.iter().map(|r| r.cells.iter().map(Located::trimmed).collect()).collect();
        assert_eq!(
            texts,
            [vec!["TCP", "80", "Web"], vec!["TCP", "443", "Secure web"], vec!["UDP", "53", "53"]]
        );
    }

    #[test]
    fn a_two_row_header_with_a_colspan_group_was_read_as_a_data_row() {
        let html = "<table><thead><tr><th rowspan=\"2\">From (Sender)</th><th colspan=\"2\">Destination port</th><th rowspan=\"2\">Purpose</th></tr>\n<tr><th>Protocol</th><th>Port</th></tr></thead>\n<tbody><tr><td>IP phone</td><td>TCP</td><td>2000</td><td>Call control</td></tr></tbody></table>";
        let blocks = tables(html, 0);
        let [Block::Table { header, rows, .. }] = blocks.as_slice() else { panic!("{blocks:?}") };
        assert_eq!(
            header.iter().map(Located::trimmed).collect::<Vec<_>>(),
            ["From (Sender)", "Protocol", "Destination port Port", "Purpose"]
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].cells[2].trimmed(), "2000");
    }

    #[test]
    fn odd_html_never_panics() {
        for html in [
            "<table>",
            "<table><tr><td>",
            "<table><tr><th>Port</th></tr><tr><td>&",
            "<TABLE><TR><TD>1</TD></TR></TABLE>",
            "<tablex>",
            "<table><tr><td>é&#x;</td>",
        ] {
            let _ = tables(html, 0);
        }
    }
}
