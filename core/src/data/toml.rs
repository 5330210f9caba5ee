//! TOML into the same positioned [`Node`] tree as YAML and JSON.
//!
//! `toml_parser` lexes, parses and decodes (strings, escapes, numbers) and reports syntax errors
//! with byte spans; `tables` applies TOML's table rules to its events; here the result becomes
//! a [`Node`] tree with lines and columns. Not `toml`'s own document builder: that and its
//! date-time type are about 18 KB of the checker's wasm for what these few hundred lines do.
//!
//! Errors come in the order `toml` reports them (the first syntax error anywhere, then the first
//! problem of structure in document order, then a too-large integer), so that both readers
//! locate a broken document at the same place. Tables keep document order (entries sorted by
//! where their key was written). Nesting is bounded before parsing so that `[[[[…` cannot
//! exhaust the stack.

mod datetime;
mod tables;

#[cfg(test)]
mod differential;
#[cfg(test)]
mod reference;

use toml_parser::parser::{RecursionGuard, ValidateWhitespace};
use toml_parser::{Expected, ParseError, Source};

use self::tables::{Item, Table, Value};
use super::node::{
    DataError, Key, MAX_DEPTH, MAX_NODES, Node, NodeValue, Position, too_deep_message,
    too_many_values_message,
};
use crate::diagnostic::LineIndex;

/// How deep the parser itself lets arrays and inline tables nest (the limit `toml` uses;
/// [`check_nesting`] stops documents at [`MAX_DEPTH`] before that).
const PARSER_DEPTH_LIMIT: u32 = 80;

/// Parses a TOML document into a mapping node.
pub fn parse(text: &str) -> Result<Node, DataError> {
    let lines = LineIndex::new(text);
    check_nesting(text, &lines)?;
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut events = Vec::with_capacity(tokens.len());
    let mut first_error: Option<ParseError> = None;
    {
        let mut validated = ValidateWhitespace::new(&mut events, source);
        let mut guarded = RecursionGuard::new(&mut validated, PARSER_DEPTH_LIMIT);
        toml_parser::parser::parse_document(&tokens, &mut guarded, &mut first_error);
    }
    if let Some(error) = first_error {
        return Err(located(&lines, &error));
    }
    let root = tables::document(source, &events).map_err(|error| located(&lines, &error))?;
    let mut converter = Converter { lines: &lines, nodes: 0 };
    converter.table(root, 0, 0)
}

/// A parser error as a [`DataError`]: where it points, and what was expected there.
fn located(lines: &LineIndex<'_>, error: &ParseError) -> DataError {
    let mut message = format!("TOML syntax error: {}", error.description());
    if let Some(expected) = error.expected() {
        for (i, item) in expected.iter().enumerate() {
            message.push_str(if i == 0 { ", expected " } else { ", " });
            match item {
                Expected::Literal("\n") => message.push_str("a newline"),
                Expected::Literal(literal) => {
                    message.push('`');
                    message.push_str(literal);
                    message.push('`');
                }
                Expected::Description(description) => message.push_str(description),
                _ => message.push_str("something else"),
            }
        }
    }
    DataError::new(
        error
            .unexpected()
            .map_or(Position { line: 1, column: 1 }, |span| position(lines, span.start())),
        message,
    )
}

fn position(lines: &LineIndex<'_>, offset: usize) -> Position {
    let (line, column) = lines.line_column(offset);
    Position { line, column }
}

/// Refuses brackets nested deeper than [`MAX_DEPTH`], outside strings and comments.
fn check_nesting(text: &str, lines: &LineIndex<'_>) -> Result<(), DataError> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    for (offset, c) in text.char_indices() {
        if comment {
            comment = c != '\n';
            continue;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '#' => comment = true,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(position(lines, offset)));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn too_deep(position: Position) -> DataError {
    DataError::new(position, too_deep_message())
}

/// The built tables as [`Node`]s, with positions, a depth bound and a node count bound.
struct Converter<'a, 'b> {
    lines: &'a LineIndex<'b>,
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

    fn table(&mut self, table: Table, at: usize, depth: usize) -> Result<Node, DataError> {
        let position = position(self.lines, at);
        if depth > MAX_DEPTH {
            return Err(too_deep(position));
        }
        let mut entries: Vec<_> = table.entries.into_iter().collect();
        crate::order::sort_by(&mut entries, &|(_, a), (_, b)| a.key_at.cmp(&b.key_at));
        let mut out = Vec::with_capacity(entries.len());
        for (name, entry) in entries {
            let key = Key { name, position: self::position(self.lines, entry.key_at) };
            out.push((key, self.value(entry.item, depth + 1)?));
        }
        self.count(position)?;
        Ok(Node::new(NodeValue::Mapping(out), position))
    }

    fn value(&mut self, item: Item, depth: usize) -> Result<Node, DataError> {
        let position = position(self.lines, item.at);
        if depth > MAX_DEPTH {
            return Err(too_deep(position));
        }
        let node_value = match item.value {
            Value::String(s) => NodeValue::String(s),
            Value::Integer(digits, radix) => match i64::from_str_radix(&digits, radix) {
                Ok(n) => NodeValue::Integer(n),
                Err(_) => {
                    return Err(DataError::new(
                        position,
                        format!("integer `{digits}` is too large"),
                    ));
                }
            },
            Value::Float(text) => NodeValue::Float(text.replace('_', "")),
            Value::Bool(b) => NodeValue::Bool(b),
            Value::Array { items, .. } => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.value(item, depth + 1)?);
                }
                NodeValue::Sequence(out)
            }
            Value::Table(table) => return self.table(table, item.at, depth),
        };
        self.count(position)?;
        Ok(Node::new(node_value, position))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_keep_document_order_and_positions() {
        let text = "name = \"x\"\n\n[zones.internet]\ncidrs = [\"0.0.0.0/0\"]\n\n[hosts.cp1]\nzone = \"cluster\"\nroles = [\"a/b\"]\n";
        let node = parse(text).unwrap();
        let keys: Vec<&str> =
            node.as_mapping().unwrap().iter().map(|(k, _)| k.name.as_str()).collect();
        assert_eq!(keys, ["name", "zones", "hosts"]);
        let cp1 = node.get("hosts").unwrap().get("cp1").unwrap();
        assert_eq!(cp1.get("zone").unwrap().position, Position { line: 7, column: 8 });
        let roles = cp1.get("roles").unwrap().as_sequence().unwrap();
        assert_eq!(roles[0].position, Position { line: 8, column: 10 });
    }

    #[test]
    fn syntax_errors_and_duplicates_are_located() {
        let error = parse("a = 1\nb = [1,\n").unwrap_err();
        assert!(error.message.starts_with("TOML syntax error"), "{error}");
        let error = parse("a = 1\na = 2\n").unwrap_err();
        assert_eq!(error.position, Position { line: 2, column: 1 }, "{error}");
        assert!(error.message.contains("duplicate key `a`"), "{error}");
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("a = {}", "[".repeat(100_000));
        let error = parse(&deep).unwrap_err();
        assert!(error.message.contains("nested"), "{error}");
        let long_key = format!("{} = 1", vec!["k"; 81].join("."));
        let error = parse(&long_key).unwrap_err();
        assert_eq!(error.position, Position { line: 1, column: 1 }, "{error}");
        let deep_key = format!("{} = 1", vec!["k"; 70].join("."));
        let error = parse(&deep_key).unwrap_err();
        assert!(error.message.contains("nested"), "{error}");
    }

    #[test]
    fn values_of_every_kind() {
        let text = concat!(
            "s = \"a\\tb\\u00e9\"\nl = 'C:\\x'\nm = \"\"\"\nline\\\n  more\"\"\"\nml = '''\nraw\\n'''\n",
            "i = [+1_000, -7, 0xff, 0o17, 0b101]\nf = [1.5, -2e3, 6.626_07e-34]\nb = [true, false]\n",
            "d = 1979-05-27 07:32:00-00:00\nt = 07:32\n\"quoted key\".x = 1\n",
        );
        let node = parse(text).unwrap();
        assert_eq!(node.get("s").unwrap().as_str(), Some("a\tbé"));
        assert_eq!(node.get("l").unwrap().as_str(), Some("C:\\x"));
        assert_eq!(node.get("m").unwrap().as_str(), Some("linemore"));
        assert_eq!(node.get("ml").unwrap().as_str(), Some("raw\\n"));
        let ints: Vec<&NodeValue> =
            node.get("i").unwrap().as_sequence().unwrap().iter().map(|n| &n.value).collect();
        assert_eq!(
            ints,
            [
                &NodeValue::Integer(1000),
                &NodeValue::Integer(-7),
                &NodeValue::Integer(255),
                &NodeValue::Integer(15),
                &NodeValue::Integer(5)
            ]
        );
        let floats: Vec<&NodeValue> =
            node.get("f").unwrap().as_sequence().unwrap().iter().map(|n| &n.value).collect();
        assert_eq!(
            floats,
            [
                &NodeValue::Float("1.5".into()),
                &NodeValue::Float("-2e3".into()),
                &NodeValue::Float("6.62607e-34".into())
            ]
        );
        assert_eq!(node.get("b").unwrap().as_sequence().unwrap()[1].value, NodeValue::Bool(false));
        assert_eq!(node.get("d").unwrap().as_str(), Some("1979-05-27T07:32:00+00:00"));
        assert_eq!(node.get("t").unwrap().as_str(), Some("07:32:00"));
        assert_eq!(node.get("quoted key").unwrap().get("x").unwrap().value, NodeValue::Integer(1));
    }

    #[test]
    fn redefinitions_are_refused_where_written() {
        for (text, line, column) in [
            ("[a]\nx = 1\n[a]\n", 3, 2),
            ("a.b = 1\n[a]\n", 2, 2),
            ("[a]\nb.c = 1\n[a.b]\n", 3, 4),
            ("a = {x = 1}\na.y = 2\n", 2, 1),
            ("a = [1]\n[[a]]\n", 2, 3),
            ("[[a]]\n[a]\n", 2, 2),
            ("a = 1\na.b = 2\n", 2, 1),
            ("t = {x = 1, x = 2}\n", 1, 13),
            ("[a.b.c]\n[a]\nb.x = 1\n", 3, 3),
        ] {
            let error = parse(text).unwrap_err();
            assert_eq!(error.position, Position { line, column }, "{text:?}: {error}");
        }
    }

    #[test]
    fn tables_may_be_completed_in_any_order() {
        let node =
            parse("[a.b.c]\nx = 1\n[a]\ny = 2\n[[t]]\nn = 1\n[t.sub]\nm = 2\n[[t]]\nn = 3\n")
                .unwrap();
        assert_eq!(
            node.get("a").unwrap().get("b").unwrap().get("c").unwrap().get("x").unwrap().value,
            NodeValue::Integer(1)
        );
        assert_eq!(node.get("a").unwrap().get("y").unwrap().value, NodeValue::Integer(2));
        let tables = node.get("t").unwrap().as_sequence().unwrap();
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].get("sub").unwrap().get("m").unwrap().value, NodeValue::Integer(2));
        assert_eq!(tables[0].position, Position { line: 5, column: 1 });
    }

    #[test]
    fn value_errors_say_what_was_expected() {
        let error = parse("a = 1979-13-01\n").unwrap_err();
        assert_eq!(error.position, Position { line: 1, column: 5 }, "{error}");
        assert!(error.message.contains("expected a month"), "{error}");
        let error = parse("a = \"\\q\"\n").unwrap_err();
        assert_eq!(error.position.line, 1, "{error}");
        assert!(error.message.contains("expected"), "{error}");
        let error = parse("a = 9223372036854775808\n").unwrap_err();
        assert!(error.message.contains("too large"), "{error}");
    }
}
