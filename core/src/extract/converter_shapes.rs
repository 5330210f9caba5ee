//! Shapes that HTML-to-markdown converters give vendors' tables, undone at block level before
//! the tables are read (see README "Content format", converted pages):
//! - a table whose header cells sit in its body (Confluence writes `<th>` in `<tbody>`): pandoc
//!   writes an empty header row and the real header as the first row → that row is the header.

use super::blocks::Block;

/// The tables of `blocks` with their converter shapes undone.
pub(super) fn undo(blocks: Vec<Block>) -> Vec<Block> {
    blocks.into_iter().map(undo_table).collect()
}

fn undo_table(block: Block) -> Block {
    match block {
        Block::Table { header, mut rows, start, html }
            if !rows.is_empty() && header.iter().all(|cell| cell.trimmed().is_empty()) =>
        {
            let first = rows.remove(0);
            Block::Table { header: first.cells, rows, start, html }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::parse;

    fn header_and_rows(markdown: &str) -> (Vec<String>, usize) {
        match undo(parse(markdown)).into_iter().next() {
            Some(Block::Table { header, rows, .. }) => {
                (header.iter().map(|c| c.trimmed().to_owned()).collect(), rows.len())
            }
            other => panic!("no table: {other:?}"),
        }
    }

    #[test]
    fn a_confluence_table_converted_by_pandoc_had_an_empty_header() {
        let markdown = "|   |   |\n|---|---|\n| Port | Protocol |\n| 5801 | TCP |\n";
        assert_eq!(header_and_rows(markdown), (vec!["Port".into(), "Protocol".into()], 1));
        let ordinary = "| Port | Protocol |\n|---|---|\n| 5801 | TCP |\n";
        assert_eq!(header_and_rows(ordinary), (vec!["Port".into(), "Protocol".into()], 1));
    }
}
