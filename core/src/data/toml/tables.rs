//! TOML's table rules, applied to `toml_parser`'s events: keys and values decoded, dotted keys,
//! `[table]` and `[[array of tables]]` headers attached where they belong, and every
//! redefinition refused (a key written twice, a table defined twice, a dotted key reaching into
//! an inline table or a value).
//!
//! The events come from a document the parser accepted, so their order follows the grammar;
//! anything else is still an error, never a panic. Values keep their byte offsets; the caller
//! turns them into lines and columns.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry as Slot;

use toml_parser::decoder::ScalarKind;
use toml_parser::parser::{Event, EventKind};
use toml_parser::{ParseError, Source, Span};

use super::datetime;

/// Dotted keys and headers with more parts than this are refused, as `toml` does.
const MAX_KEY_PARTS: usize = 80;

/// A table as written: entries by name (each remembers where its key was written), and how it
/// came to exist, which decides whether it may be reopened.
#[derive(Debug, Default)]
pub struct Table {
    pub entries: BTreeMap<String, Entry>,
    /// Created on the way to a deeper key (`[a.b]` creates `a`) rather than defined.
    implicit: bool,
    /// Created by a dotted key (`a.b = 1` creates `a`).
    dotted: bool,
    /// Written inline (`{ … }`), or created inside an inline table: closed once written.
    inline: bool,
}

#[derive(Debug)]
pub struct Entry {
    /// Byte offset of the key.
    pub key_at: usize,
    pub item: Item,
}

/// A value and the byte offset where it starts.
#[derive(Debug)]
pub struct Item {
    pub at: usize,
    pub value: Value,
}

#[derive(Debug)]
pub enum Value {
    String(String),
    /// Digits (and sign) as decoded, and their radix: converted later, so that a too-large
    /// integer is reported after every error of the document's structure.
    Integer(String, u32),
    /// The decoded text (`1e3`, `inf`, `nan`, …).
    Float(String),
    Bool(bool),
    Array {
        items: Vec<Item>,
        of_tables: bool,
    },
    Table(Table),
}

/// One part of a key, decoded.
struct KeyPart {
    name: String,
    span: Span,
}

struct Header {
    parents: Vec<KeyPart>,
    key: KeyPart,
    at: usize,
    is_array: bool,
}

/// Builds the document's root table from the events of a parsed document.
pub fn document(source: Source<'_>, events: &[Event]) -> Result<Table, ParseError> {
    let mut reader = Reader { source, events, next: 0 };
    let mut root = Table::default();
    // The body of the table being written: attached to the root when the next header comes,
    // so that it can be checked against what the root already holds.
    let mut body = Table::default();
    let mut header: Option<Header> = None;
    while let Some(event) = reader.next() {
        match event.kind() {
            EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                attach(&mut root, std::mem::take(&mut body), header.take())?;
                let next = reader.header(event)?;
                if !next.is_array {
                    body = reopen(&mut root, &next)?;
                }
                header = Some(next);
            }
            EventKind::SimpleKey => {
                let (path, key) = reader.key_value_key(event)?;
                let item = reader.value()?;
                insert(&mut body, &path, key, item, false)?;
            }
            _ => return Err(unexpected(event)),
        }
    }
    attach(&mut root, body, header)?;
    Ok(root)
}

struct Reader<'i, 'e> {
    source: Source<'i>,
    events: &'e [Event],
    next: usize,
}

impl Reader<'_, '_> {
    /// The next event that is not whitespace, a comment or a newline.
    fn next(&mut self) -> Option<Event> {
        let event = self.peek()?;
        self.next += 1;
        Some(event)
    }

    fn peek(&mut self) -> Option<Event> {
        while let Some(event) = self.events.get(self.next) {
            if !matches!(
                event.kind(),
                EventKind::Whitespace | EventKind::Comment | EventKind::Newline
            ) {
                return Some(*event);
            }
            self.next += 1;
        }
        None
    }

    fn expect(&mut self, kinds: &[EventKind]) -> Result<Event, ParseError> {
        match self.next() {
            Some(event) if kinds.contains(&event.kind()) => Ok(event),
            Some(event) => Err(unexpected(event)),
            None => Err(ParseError::new("unexpected end of the document")),
        }
    }

    /// A key, dotted or not, starting at `first`: its parents and its last part.
    fn key(&mut self, first: Event) -> Result<(Vec<KeyPart>, KeyPart), ParseError> {
        let mut parts = vec![self.key_part(first)?];
        while self.peek().is_some_and(|e| e.kind() == EventKind::KeySep) {
            self.next += 1;
            let event = self.expect(&[EventKind::SimpleKey])?;
            parts.push(self.key_part(event)?);
        }
        if parts.len() > MAX_KEY_PARTS {
            return Err(
                ParseError::new("the key has too many dotted parts").with_unexpected(first.span())
            );
        }
        let last = parts.pop().ok_or_else(|| unexpected(first))?;
        Ok((parts, last))
    }

    fn key_part(&self, event: Event) -> Result<KeyPart, ParseError> {
        let raw = self.source.get(event).ok_or_else(|| unexpected(event))?;
        let mut name = String::new();
        let mut error = None;
        raw.decode_key(&mut name, &mut error);
        match error {
            Some(error) => Err(error),
            None => Ok(KeyPart { name, span: event.span() }),
        }
    }

    /// The key of `key = value` and its `=`.
    fn key_value_key(&mut self, first: Event) -> Result<(Vec<KeyPart>, KeyPart), ParseError> {
        let key = self.key(first)?;
        self.expect(&[EventKind::KeyValSep])?;
        Ok(key)
    }

    fn header(&mut self, open: Event) -> Result<Header, ParseError> {
        let first = self.expect(&[EventKind::SimpleKey])?;
        let (parents, key) = self.key(first)?;
        self.expect(&[EventKind::StdTableClose, EventKind::ArrayTableClose])?;
        Ok(Header {
            parents,
            key,
            at: open.span().start(),
            is_array: open.kind() == EventKind::ArrayTableOpen,
        })
    }

    fn value(&mut self) -> Result<Item, ParseError> {
        let event =
            self.expect(&[EventKind::Scalar, EventKind::ArrayOpen, EventKind::InlineTableOpen])?;
        let at = event.span().start();
        let value = match event.kind() {
            EventKind::ArrayOpen => {
                let mut items = Vec::new();
                loop {
                    match self.peek().map(|e| e.kind()) {
                        Some(EventKind::ArrayClose) => break,
                        Some(EventKind::ValueSep) => self.next += 1,
                        _ => items.push(self.value()?),
                    }
                }
                self.next += 1;
                Value::Array { items, of_tables: false }
            }
            EventKind::InlineTableOpen => {
                let mut table = Table { inline: true, ..Table::default() };
                loop {
                    let event = self.expect(&[
                        EventKind::InlineTableClose,
                        EventKind::ValueSep,
                        EventKind::SimpleKey,
                    ])?;
                    if event.kind() == EventKind::InlineTableClose {
                        break;
                    }
                    if event.kind() == EventKind::SimpleKey {
                        let (path, key) = self.key_value_key(event)?;
                        let item = self.value()?;
                        insert(&mut table, &path, key, item, true)?;
                    }
                }
                Value::Table(table)
            }
            _ => self.scalar(event)?,
        };
        Ok(Item { at, value })
    }

    fn scalar(&self, event: Event) -> Result<Value, ParseError> {
        let raw = self.source.get(event).ok_or_else(|| unexpected(event))?;
        let mut decoded = Cow::Borrowed("");
        let mut error = None;
        let kind = raw.decode_scalar(&mut decoded, &mut error);
        if let Some(error) = error {
            return Err(error);
        }
        let decoded = decoded.into_owned();
        Ok(match kind {
            ScalarKind::String => Value::String(decoded),
            ScalarKind::Boolean(b) => Value::Bool(b),
            ScalarKind::Float => Value::Float(decoded),
            ScalarKind::Integer(radix) => Value::Integer(decoded, radix.value()),
            ScalarKind::DateTime => match datetime::canonical(&decoded) {
                Ok(text) => Value::String(text),
                Err(expected) => {
                    let message = format!("invalid date-time `{decoded}`: expected {expected}");
                    return Err(ParseError::new(message).with_unexpected(event.span()));
                }
            },
        })
    }
}

/// Puts a finished table body in its place: the root itself before any header, under its
/// header's key, or appended to its array of tables.
fn attach(root: &mut Table, body: Table, header: Option<Header>) -> Result<(), ParseError> {
    let Some(header) = header else {
        *root = body;
        return Ok(());
    };
    let parent = descend(root, &header.parents, false, false)?;
    let item = Item { at: header.at, value: Value::Table(body) };
    let key_at = header.key.span.start();
    if !header.is_array {
        parent.entries.insert(header.key.name, Entry { key_at, item });
        return Ok(());
    }
    let entry = parent.entries.entry(header.key.name.clone()).or_insert_with(|| Entry {
        key_at,
        item: Item { at: header.at, value: Value::Array { items: Vec::new(), of_tables: true } },
    });
    match &mut entry.item.value {
        Value::Array { items, of_tables: true } => {
            items.push(item);
            Ok(())
        }
        _ => Err(duplicate(&header.key)),
    }
}

/// The body a `[table]` header continues: a table so far only implied by deeper headers
/// (`[a.b]` before `[a]`) keeps what they put in it; any other earlier definition is refused.
fn reopen(root: &mut Table, header: &Header) -> Result<Table, ParseError> {
    let parent = descend(root, &header.parents, false, false)?;
    let mut body = match parent.entries.remove(&header.key.name) {
        None => Table::default(),
        Some(Entry { item: Item { value: Value::Table(table), .. }, .. })
            if table.implicit && !table.dotted =>
        {
            table
        }
        Some(_) => return Err(duplicate(&header.key)),
    };
    body.implicit = false;
    body.dotted = false;
    Ok(body)
}

/// Inserts `key = item` under `path` (the parts of a dotted key before the last).
fn insert(
    table: &mut Table,
    path: &[KeyPart],
    key: KeyPart,
    item: Item,
    inline: bool,
) -> Result<(), ParseError> {
    let parent = descend(table, path, true, inline)?;
    // A dotted key may not add to a table defined by a header, nor a plain key to one made by
    // dotted keys.
    if parent.dotted == path.is_empty() {
        return Err(duplicate(&key));
    }
    match parent.entries.entry(key.name) {
        Slot::Vacant(slot) => {
            slot.insert(Entry { key_at: key.span.start(), item });
            Ok(())
        }
        Slot::Occupied(slot) => Err(duplicate_at(slot.key(), key.span)),
    }
}

/// The table at `path` below `table`, creating the missing ones as implicit tables; an array of
/// tables leads into its last table.
fn descend<'t>(
    mut table: &'t mut Table,
    path: &[KeyPart],
    dotted: bool,
    inline: bool,
) -> Result<&'t mut Table, ParseError> {
    for part in path {
        let entry = table.entries.entry(part.name.clone()).or_insert_with(|| Entry {
            key_at: part.span.start(),
            item: Item {
                at: part.span.start(),
                value: Value::Table(Table { implicit: true, dotted, inline, ..Table::default() }),
            },
        });
        let found = match &mut entry.item.value {
            Value::Array { items, of_tables: true } => match items.last_mut() {
                Some(Item { value: Value::Table(last), .. }) => Some(last),
                _ => None,
            },
            Value::Table(next) if next.inline && !inline => {
                return Err(ParseError::new("an inline table cannot be extended")
                    .with_unexpected(part.span));
            }
            Value::Table(next) if dotted && !next.implicit => return Err(duplicate(part)),
            Value::Table(next) => Some(next),
            _ => None,
        };
        table = found.ok_or_else(|| {
            ParseError::new(format!("`{}` is a value, not a table", part.name))
                .with_unexpected(part.span)
        })?;
    }
    Ok(table)
}

fn duplicate(key: &KeyPart) -> ParseError {
    duplicate_at(&key.name, key.span)
}

fn duplicate_at(name: &str, span: Span) -> ParseError {
    ParseError::new(format!("duplicate key `{name}`")).with_unexpected(span)
}

fn unexpected(event: Event) -> ParseError {
    ParseError::new(format!("unexpected {}", event.kind().description()))
        .with_unexpected(event.span())
}
