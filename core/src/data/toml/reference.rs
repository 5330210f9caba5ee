//! The previous TOML reader, kept for tests only: `toml`'s document builder (`DeTable`) and
//! the conversion of its tree, as they were before the reader on `toml_parser`'s events
//! replaced them. The differential tests hold the new reader to the same trees and the same
//! error positions.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::data::node::{
    DataError, Key, MAX_DEPTH, MAX_NODES, Node, NodeValue, Position, too_deep_message,
    too_many_values_message,
};

/// Byte offset → line/column (1-based, columns in characters), in O(log lines).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        Self { text, starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|start| *start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0).min(offset);
        let column = self.text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

/// Parses a TOML document into a mapping node.
pub fn parse(text: &str) -> Result<Node, DataError> {
    let index = LineIndex::new(text);
    // The nesting limit is not what the tests compare: the new reader's own check serves both.
    super::check_nesting(text, &crate::diagnostic::LineIndex::new(text))?;
    let table = DeTable::parse(text).map_err(|e| {
        let position =
            e.span().map_or(Position { line: 1, column: 1 }, |span| index.position(span.start));
        let message = e.message().trim().to_owned();
        DataError::new(position, format!("TOML syntax error: {message}"))
    })?;
    let mut converter = Converter { index: &index, nodes: 0 };
    let position = index.position(table.span().start);
    converter.table(table.get_ref(), position, 0)
}

struct Converter<'a, 'b> {
    index: &'a LineIndex<'b>,
    nodes: usize,
}

impl Converter<'_, '_> {
    fn count(&mut self, position: Position) -> Result<(), DataError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(DataError::new(position, too_many_values_message()));
        }
        Ok(())
    }

    fn table(
        &mut self,
        table: &DeTable<'_>,
        position: Position,
        depth: usize,
    ) -> Result<Node, DataError> {
        if depth > MAX_DEPTH {
            return Err(DataError::new(position, too_deep_message()));
        }
        let mut entries: Vec<(&Spanned<_>, &Spanned<DeValue<'_>>)> = table.iter().collect();
        // Keys of tables opened by `[a.b]` headers may carry no useful span; the value's span
        // (the header) orders them instead.
        let start = |(key, value): &(&Spanned<_>, &Spanned<DeValue<'_>>)| {
            if key.span().is_empty() { value.span().start } else { key.span().start }
        };
        crate::order::sort_by(&mut entries, &|a, b| start(a).cmp(&start(b)));
        let mut out = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let key_position = self.index.position(key.span().start);
            let name: &str = key.get_ref().as_ref();
            let node = self.value(value, depth + 1)?;
            out.push((Key { name: name.to_owned(), position: key_position }, node));
        }
        self.count(position)?;
        Ok(Node::new(NodeValue::Mapping(out), position))
    }

    fn value(&mut self, value: &Spanned<DeValue<'_>>, depth: usize) -> Result<Node, DataError> {
        let position = self.index.position(value.span().start);
        if depth > MAX_DEPTH {
            return Err(DataError::new(position, too_deep_message()));
        }
        let node_value = match value.get_ref() {
            DeValue::String(s) => NodeValue::String(s.to_string()),
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => NodeValue::Integer(n),
                Err(_) => {
                    return Err(DataError::new(
                        position,
                        format!("integer `{}` is too large", i.as_str()),
                    ));
                }
            },
            // Changed with the tree (floats are kept as text): was `.parse::<f64>()`.
            DeValue::Float(f) => NodeValue::Float(f.as_str().replace('_', "")),
            DeValue::Boolean(b) => NodeValue::Bool(*b),
            DeValue::Datetime(d) => NodeValue::String(d.to_string()),
            DeValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items.iter() {
                    out.push(self.value(item, depth + 1)?);
                }
                NodeValue::Sequence(out)
            }
            DeValue::Table(table) => return self.table(table, position, depth),
        };
        self.count(position)?;
        Ok(Node::new(node_value, position))
    }
}
