//! YAML (and therefore JSON, which YAML 1.2 contains) into a positioned [`Node`] tree.
//!
//! Anchors and aliases are expanded (`&defaults`, `*zone`, merge keys `<<: *defaults`), as
//! teams write shared roles and host defaults once. Expansion is how "billion laughs" documents
//! blow up, so every expanded value counts against the same node budget as written ones (a
//! located error, never a hang), and depth stays bounded. A value copied from an anchor takes
//! the position of the alias that copied it: errors found in it point at the alias use, and
//! [`AliasUse`] tells where its anchor is.

use std::hash::BuildHasher;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use rustc_hash::{FxBuildHasher, FxHashMap};

use super::node::{
    DataError, Key, MAX_DEPTH, MAX_NODES, Node, NodeValue, Position, too_deep_message,
    too_many_values_message,
};

/// Parses the first YAML document of `text`. An empty document is `Null`.
pub fn parse(text: &str) -> Result<Node, DataError> {
    parse_with_aliases(text).map(|(node, _)| node)
}

/// Where an alias was used and where the anchor it copies is: a value copied from an anchor
/// carries the alias use's position, so an error found in it later can say where the anchor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasUse {
    pub at: Position,
    pub name: String,
    pub anchor: Position,
}

impl AliasUse {
    /// " (copied by alias `*x` from its anchor `&x` at line L, column C)": what an error
    /// located at an alias use adds to its message.
    pub fn describe(&self) -> String {
        format!(
            "copied by alias `*{name}` from its anchor `&{name}` at line {}, column {}",
            self.anchor.line,
            self.anchor.column,
            name = self.name
        )
    }
}

/// [`parse`], with the aliases the document used (in document order).
pub fn parse_with_aliases(text: &str) -> Result<(Node, Vec<AliasUse>), DataError> {
    let mut builder = Builder::new(text);
    let mut parser = Parser::new_from_str(text);
    // The first document's events, as `Parser::load` would pass them on, but without its
    // recursion and its `println!` of an unexpected event (which brought stdout, `Debug` of
    // events and `io::Error`'s messages into the checker's wasm). The builder ignores events
    // after its first error; a syntax error met later still wins, as with `load`.
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            Err(e) => return Err(scan_error(text, &e)),
        };
        let last = matches!(event, Event::DocumentEnd | Event::StreamEnd);
        builder.on_event(event, mark);
        if last {
            break;
        }
    }
    builder.finish()
}

/// A scanner or parser error, located. An alias naming no anchor is said in those words.
fn scan_error(text: &str, e: &yaml_rust2::ScanError) -> DataError {
    let at = position(e.marker());
    if e.info().contains("unknown anchor") {
        let name = alias_name(text, e.marker().index());
        return DataError::new(
            at,
            format!(
                "alias `*{name}` names no anchor: expected `&{name}` on a value written before it"
            ),
        );
    }
    // The scanner's message already names the problem ("did not find expected key").
    DataError::new(at, format!("YAML syntax error: {}", e.info()))
}

/// The name of the alias whose `*` is at character `index` of `text`.
fn alias_name(text: &str, index: usize) -> String {
    text.chars()
        .skip(index)
        .skip_while(|c| *c == '*')
        .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
        .take(200)
        .collect()
}

/// Parses YAML into plain JSON; errors carry a byte offset into `text`.
pub fn to_json_with_offset(text: &str) -> Result<serde_json::Value, (usize, String)> {
    parse(text).map(|node| node.to_json()).map_err(|e| {
        let offset = super::offset_of(text, e.position);
        (offset, e.message)
    })
}

fn position(mark: &Marker) -> Position {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Position {
        line: u32::try_from(mark.line()).unwrap_or(u32::MAX).max(1),
        column: u32::try_from(mark.col()).unwrap_or(u32::MAX).saturating_add(1),
    }
}

enum Frame {
    /// Start, items, anchor id (0: none).
    Sequence(Position, Vec<Node>, usize),
    Mapping(MappingFrame),
}

/// A mapping being read: its entries, the key waiting for its value, and what finds a
/// duplicate key.
struct MappingFrame {
    start: Position,
    entries: Vec<(Key, Node)>,
    pending_key: Option<Key>,
    keys: KeyIndex,
    anchor: usize,
    /// A plain `<<` key was read: the next value is merged, not an entry.
    merge_pending: Option<Position>,
    /// The mappings of `<<` values, in the order they are to be tried (the first wins).
    merged: Vec<Node>,
}

/// Mappings with at most this many keys find duplicates by scanning their keys: most are a
/// host's `{ zone, address, roles }`, for which a hash map per mapping cost more than the rest
/// of reading it (two allocations, a copy of every key).
const SCANNED_KEYS: usize = 16;

/// Where the keys of a large mapping were written, by the hash of their name (`hosts:` of a
/// 10,000-host topology is one mapping: rescanning it for each key would be quadratic).
/// A hash shared by two names falls back to a scan, so a duplicate is never missed.
#[derive(Default)]
struct KeyIndex {
    /// The hash as two halves → the first entry with it. The same map type as the flow plan's
    /// location index, so the wasm carries no second copy of the hash map code.
    by_hash: Option<FxHashMap<(u32, u32), u32>>,
}

impl KeyIndex {
    fn hash(name: &str) -> (u32, u32) {
        let hash = FxBuildHasher.hash_one(name);
        ((hash >> 32) as u32, hash as u32)
    }

    /// The entry (index into `entries`) of an earlier key named `name`.
    fn find(&self, entries: &[(Key, Node)], name: &str) -> Option<usize> {
        let scan = || entries.iter().position(|(key, _)| key.name == name);
        match &self.by_hash {
            None => scan(),
            Some(by_hash) => {
                let at = *by_hash.get(&Self::hash(name))? as usize;
                if entries.get(at).is_some_and(|(key, _)| key.name == name) {
                    Some(at)
                } else {
                    scan()
                }
            }
        }
    }

    /// Records that the entry at `at` (not pushed yet: its value is still to come) is `name`.
    fn add(&mut self, entries: &[(Key, Node)], name: &str, at: usize) {
        if self.by_hash.is_none() && at < SCANNED_KEYS {
            return;
        }
        let by_hash = self.by_hash.get_or_insert_with(|| {
            let mut by_hash = FxHashMap::default();
            for (i, (key, _)) in entries.iter().enumerate() {
                Self::remember(&mut by_hash, &key.name, i);
            }
            by_hash
        });
        Self::remember(by_hash, name, at);
    }

    /// Keeps the first entry of a hash.
    fn remember(by_hash: &mut FxHashMap<(u32, u32), u32>, name: &str, at: usize) {
        let hash = Self::hash(name);
        if by_hash.get(&hash).is_none() {
            by_hash.insert(hash, u32::try_from(at).unwrap_or(u32::MAX));
        }
    }
}

/// An anchored value, kept to copy at each alias of it.
struct Anchor {
    node: Node,
    /// Where the anchored value is written.
    position: Position,
    /// Its values (containers, keys and scalars), charged to the budget at each copy.
    size: usize,
    /// Its nesting depth (1 for a scalar).
    depth: usize,
}

struct Builder<'t> {
    text: &'t str,
    stack: Vec<Frame>,
    root: Option<Node>,
    error: Option<DataError>,
    nodes: usize,
    documents: usize,
    anchors: FxHashMap<usize, Anchor>,
    aliases: Vec<AliasUse>,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            stack: Vec::new(),
            root: None,
            error: None,
            nodes: 0,
            documents: 0,
            anchors: FxHashMap::default(),
            aliases: Vec::new(),
        }
    }

    fn finish(self) -> Result<(Node, Vec<AliasUse>), DataError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let root = self.root.unwrap_or(Node::new(NodeValue::Null, Position { line: 1, column: 1 }));
        Ok((root, self.aliases))
    }

    fn fail(&mut self, position: Position, message: String) {
        if self.error.is_none() {
            self.error = Some(DataError::new(position, message));
        }
    }

    /// Keeps an anchored value (anchor id `id`, 0 for none) for its aliases.
    fn remember_anchor(&mut self, id: usize, node: &Node) {
        if id == 0 {
            return;
        }
        let (size, depth) = measure(node);
        let anchor = Anchor { node: node.clone(), position: node.position, size, depth };
        self.anchors.insert(id, anchor);
    }

    /// The copy of anchor `id` an alias at `mark` stands for, charged to the node budget.
    fn expand_alias(&mut self, id: usize, mark: &Marker) {
        let at = position(mark);
        let name = alias_name(self.text, mark.index());
        let Some(anchor) = self.anchors.get(&id) else {
            // The parser knows the anchor, the builder has not finished its value: the alias
            // is inside the value it names.
            return self.fail(
                at,
                format!("alias `*{name}` is inside the value of its own anchor `&{name}`: expected an alias of a finished value"),
            );
        };
        let (anchor_at, size, depth) = (anchor.position, anchor.size, anchor.depth);
        let from = format!(
            "alias `*{name}` (anchor `&{name}` at line {}, column {})",
            anchor_at.line, anchor_at.column
        );
        if self.nodes.saturating_add(size) > MAX_NODES {
            return self.fail(
                at,
                format!("{from} makes the document larger than {MAX_NODES} values once expanded (aliases of aliases grow it exponentially): expected each shared value written once"),
            );
        }
        if self.stack.len() + depth > MAX_DEPTH {
            return self.fail(at, format!("{from}: {}", too_deep_message()));
        }
        let copy = relocated(&anchor.node, at);
        self.aliases.push(AliasUse { at, name, anchor: anchor_at });
        // `push_value` counts one; the rest of the copy is charged here.
        self.nodes += size.saturating_sub(1);
        self.push_value(copy);
    }

    /// Whether the next value is a mapping key (the innermost frame is a mapping with no key
    /// waiting for its value).
    fn awaiting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Mapping(mapping))
            if mapping.pending_key.is_none() && mapping.merge_pending.is_none())
    }

    fn push_value(&mut self, node: Node) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.fail(node.position, too_many_values_message());
            return;
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Sequence(_, items, _)) => items.push(node),
            Some(Frame::Mapping(mapping)) if mapping.merge_pending.is_some() => {
                mapping.merge_pending = None;
                let position = node.position;
                match node.value {
                    NodeValue::Mapping(_) => mapping.merged.push(node),
                    NodeValue::Sequence(items)
                        if items.iter().all(|i| i.as_mapping().is_some()) =>
                    {
                        mapping.merged.extend(items);
                    }
                    _ => self.fail(
                        position,
                        "a merge key `<<` takes a mapping, an alias of one or a list of them"
                            .to_owned(),
                    ),
                }
            }
            Some(Frame::Mapping(mapping)) => match mapping.pending_key.take() {
                None => {
                    let position = node.position;
                    let name = match key_text(node) {
                        Ok(name) => name,
                        Err(kind) => {
                            return self.fail(
                                position,
                                format!("a mapping key must be a plain value, found {kind}"),
                            );
                        }
                    };
                    if let Some(first) = mapping.keys.find(&mapping.entries, &name) {
                        let first = mapping.entries[first].0.position;
                        let message = format!(
                            "duplicate key `{name}` (first written at line {}, column {})",
                            first.line, first.column
                        );
                        return self.fail(position, message);
                    }
                    mapping.keys.add(&mapping.entries, &name, mapping.entries.len());
                    mapping.pending_key = Some(Key { name, position });
                }
                Some(key) => mapping.entries.push((key, node)),
            },
        }
    }
}

/// The text of a scalar used as a mapping key (moved, not copied), or the kind of a
/// collection, which cannot be a key.
fn key_text(node: Node) -> Result<String, &'static str> {
    match node.value {
        NodeValue::String(s) => Ok(s),
        NodeValue::Integer(i) => Ok(i.to_string()),
        NodeValue::Bool(b) => Ok(b.to_string()),
        NodeValue::Null => Ok("null".to_owned()),
        // A float-looking key stays text (see `plain_scalar`), so a float here is not reached;
        // were it, it is refused rather than named wrongly (formatting it would bring Rust's
        // float formatting back into the page).
        NodeValue::Float(_) | NodeValue::Sequence(_) | NodeValue::Mapping(_) => Err(node.kind()),
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let at = position(&mark);
        match event {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    self.fail(
                        at,
                        "only one YAML document is allowed (found a second `---`)".to_owned(),
                    );
                }
            }
            Event::Alias(id) => self.expand_alias(id, &mark),
            Event::Scalar(text, style, anchor, tag) => {
                let plain = style == TScalarStyle::Plain && tag.is_none();
                // A plain `<<` key is YAML's merge key (a quoted one is an ordinary key).
                if plain
                    && anchor == 0
                    && text == "<<"
                    && self.awaiting_key()
                    && let Some(Frame::Mapping(mapping)) = self.stack.last_mut()
                {
                    mapping.merge_pending = Some(at);
                    return;
                }
                let value = if plain {
                    plain_scalar(text, self.awaiting_key())
                } else {
                    NodeValue::String(text)
                };
                let node = Node::new(value, at);
                self.remember_anchor(anchor, &node);
                self.push_value(node);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.fail(at, too_deep_message());
                    return;
                }
                self.stack.push(match event {
                    Event::SequenceStart(anchor, _) => Frame::Sequence(at, Vec::new(), anchor),
                    Event::MappingStart(anchor, _) => Frame::Mapping(MappingFrame {
                        start: at,
                        entries: Vec::new(),
                        pending_key: None,
                        keys: KeyIndex::default(),
                        anchor,
                        merge_pending: None,
                        merged: Vec::new(),
                    }),
                    _ => return,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Sequence(start, items, anchor)) => {
                        (Node::new(NodeValue::Sequence(items), start), anchor)
                    }
                    Some(Frame::Mapping(mapping)) => {
                        let (start, anchor) = (mapping.start, mapping.anchor);
                        (Node::new(NodeValue::Mapping(merge(mapping)), start), anchor)
                    }
                    None => return,
                };
                // The node was already counted item by item; do not count the container twice.
                self.nodes = self.nodes.saturating_sub(1);
                self.remember_anchor(anchor, &node);
                self.push_value(node);
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
    }
}

/// A mapping's entries with its merge keys applied: the keys written in it win, then the
/// merged mappings in the order given (YAML's merge key: `<<: [*a, *b]` takes `a`'s first).
fn merge(mapping: MappingFrame) -> Vec<(Key, Node)> {
    let mut entries = mapping.entries;
    if mapping.merged.is_empty() {
        return entries;
    }
    let mut seen: FxHashMap<String, ()> =
        entries.iter().map(|(key, _)| (key.name.clone(), ())).collect();
    for source in mapping.merged {
        let NodeValue::Mapping(merged) = source.value else { continue };
        for (key, value) in merged {
            if seen.insert(key.name.clone(), ()).is_none() {
                entries.push((key, value));
            }
        }
    }
    entries
}

/// The values (containers, keys, scalars) of `node` and its nesting depth.
fn measure(node: &Node) -> (usize, usize) {
    match &node.value {
        NodeValue::Sequence(items) => items.iter().fold((1, 1), |(size, depth), item| {
            let (s, d) = measure(item);
            (size.saturating_add(s), depth.max(d + 1))
        }),
        NodeValue::Mapping(entries) => entries.iter().fold((1, 1), |(size, depth), (_, value)| {
            let (s, d) = measure(value);
            (size.saturating_add(s).saturating_add(1), depth.max(d + 1))
        }),
        _ => (1, 1),
    }
}

/// A copy of `node` placed at `at` (the alias that copies it), keys and values alike.
fn relocated(node: &Node, at: Position) -> Node {
    let value = match &node.value {
        NodeValue::Sequence(items) => {
            NodeValue::Sequence(items.iter().map(|item| relocated(item, at)).collect())
        }
        NodeValue::Mapping(entries) => NodeValue::Mapping(
            entries
                .iter()
                .map(|(key, value)| {
                    (Key { name: key.name.clone(), position: at }, relocated(value, at))
                })
                .collect(),
        ),
        other => other.clone(),
    };
    Node::new(value, at)
}

/// YAML 1.2 core schema resolution of an unquoted scalar. A float-looking mapping key
/// (`as_key`) stays the text as written: `1.50:` is named `1.50` in messages, not `1.5`, and
/// the page's wasm carries no float formatting (Rust's is ~21 KB of code).
fn plain_scalar(text: String, as_key: bool) -> NodeValue {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return NodeValue::Null,
        "true" | "True" | "TRUE" => return NodeValue::Bool(true),
        "false" | "False" | "FALSE" => return NodeValue::Bool(false),
        _ => {}
    }
    if let Some(integer) = parse_integer(&text) {
        return NodeValue::Integer(integer);
    }
    let looks_numeric = text
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.')
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
    if looks_numeric && !as_key && is_decimal_number(&text) {
        return NodeValue::Float(text);
    }
    NodeValue::String(text)
}

/// Whether `text` is a number as Rust's `f64` parser reads one (without `inf` and `nan`, which
/// YAML spells `.inf` and `.nan`): `[+-]? (D+ | D+ . D* | D* . D+) ([eE] [+-]? D+)?`. Checked
/// by its shape so that the float parser stays out of the checker's wasm.
fn is_decimal_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits = |at: &mut usize| {
        let start = *at;
        while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
        *at - start
    };
    let mut mantissa = digits(&mut at);
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        mantissa += digits(&mut at);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        at += usize::from(matches!(bytes.get(at), Some(b'+' | b'-')));
        if digits(&mut at) == 0 {
            return false;
        }
    }
    at == bytes.len()
}

fn parse_integer(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let value = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()?
    } else if let Some(octal) = digits.strip_prefix("0o") {
        i64::from_str_radix(octal, 8).ok()?
    } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for i64: keep it a string-like float rather than failing.
        digits.parse::<i64>().ok()?
    } else {
        return None;
    };
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let node = parse("name: x\nhosts:\n  cp1: { zone: cluster }\n").unwrap();
        let hosts = node.get("hosts").unwrap();
        let (key, cp1) = &hosts.as_mapping().unwrap()[0];
        assert_eq!(key.name, "cp1");
        assert_eq!(key.position, Position { line: 3, column: 3 });
        assert_eq!(cp1.get("zone").unwrap().position, Position { line: 3, column: 16 });
    }

    #[test]
    fn scalars_resolve_like_yaml_1_2() {
        let node = parse("a: 443\nb: '443'\nc: true\nd: ~\ne: 1.5\nf: 443/tcp\ng: 0x1F").unwrap();
        assert_eq!(node.get("a").unwrap().value, NodeValue::Integer(443));
        assert_eq!(node.get("b").unwrap().value, NodeValue::String("443".into()));
        assert_eq!(node.get("c").unwrap().value, NodeValue::Bool(true));
        assert_eq!(node.get("d").unwrap().value, NodeValue::Null);
        assert_eq!(node.get("e").unwrap().value, NodeValue::Float("1.5".into()));
        assert_eq!(node.get("f").unwrap().value, NodeValue::String("443/tcp".into()));
        assert_eq!(node.get("g").unwrap().value, NodeValue::Integer(31));
    }

    #[test]
    fn json_is_yaml() {
        let node = parse("{\"hosts\": {\"a\": {\"roles\": [\"x/y\"]}}}").unwrap();
        assert!(node.get("hosts").unwrap().get("a").is_some());
    }

    #[test]
    fn regression_billion_laughs_is_a_located_error_not_a_hang() {
        // Nine aliases a level: 9^7 copies of the first list, past the budget at a late level.
        let mut bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n".to_owned();
        for level in 1..=8 {
            let previous = format!("*a{}", level - 1);
            let items = [previous.as_str(); 9].join(", ");
            bomb.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        let error = parse(&bomb).unwrap_err();
        assert!(error.message.contains("larger than"), "{error}");
        assert!(error.message.contains("anchor `&a"), "{error}");
        assert!(error.position.line > 2 && error.position.line <= 9, "{error}");
        // The same shape made of empty lists is charged too (they cost memory, not values).
        let empty = bomb.replace(
            "[lol, lol, lol, lol, lol, lol, lol, lol, lol]",
            "[[], [], [], [], [], [], [], [], []]",
        );
        assert!(parse(&empty).unwrap_err().message.contains("larger than"));
    }

    #[test]
    fn anchors_and_aliases_are_expanded() {
        let text =
            "roles: &roles [a/x, a/y]\nzone: &zone lab\nh1: { zone: *zone, roles: *roles }\n";
        let (node, aliases) = parse_with_aliases(text).unwrap();
        let h1 = node.get("h1").unwrap();
        assert_eq!(h1.get("zone").unwrap().value, NodeValue::String("lab".into()));
        let roles = h1.get("roles").unwrap().as_sequence().unwrap();
        assert_eq!(roles.len(), 2);
        // A copied value is placed at the alias that copied it, which knows its anchor.
        assert_eq!(roles[1].position, Position { line: 3, column: 27 });
        assert_eq!(aliases.len(), 2);
        assert_eq!(aliases[1].name, "roles");
        assert_eq!(aliases[1].at, Position { line: 3, column: 27 });
        assert_eq!(aliases[1].anchor.line, 1);
        assert!(aliases[1].describe().contains("anchor `&roles` at line 1"), "{:?}", aliases[1]);
    }

    #[test]
    fn merge_keys_take_one_or_several_mappings_and_local_keys_win() {
        let text = "base: &base { zone: k8s, roles: [a/x] }\nextra: &extra { zone: dmz, description: d }\none: { <<: *base, zone: lab }\nmany:\n  <<: [*base, *extra]\n  address: 10.0.0.1\n";
        let node = parse(text).unwrap();
        let one = node.get("one").unwrap();
        assert_eq!(one.get("zone").unwrap().value, NodeValue::String("lab".into()));
        assert!(one.get("roles").is_some() && one.get("<<").is_none());
        let many = node.get("many").unwrap();
        let keys: Vec<&str> =
            many.as_mapping().unwrap().iter().map(|(k, _)| k.name.as_str()).collect();
        assert_eq!(keys, ["address", "zone", "roles", "description"]);
        // The first merged mapping wins over the later ones.
        assert_eq!(many.get("zone").unwrap().value, NodeValue::String("k8s".into()));
        // A quoted `<<` is an ordinary key; a merge of a scalar is a located error.
        assert!(parse("'<<': 1\n").unwrap().get("<<").is_some());
        let error = parse("a: &a 1\nb: { <<: *a }\n").unwrap_err();
        assert!(error.message.contains("merge key"), "{error}");
        assert_eq!(error.position.line, 2);
    }

    #[test]
    fn nested_aliases_copy_what_their_anchor_holds() {
        let text = "z: &z lab\nh: &h { zone: *z, roles: [r/a] }\nall: &all [*h, *h]\nhosts: { a: *all, b: { <<: *h, roles: [r/b] } }\n";
        let node = parse(text).unwrap();
        let hosts = node.get("hosts").unwrap();
        let a = hosts.get("a").unwrap().as_sequence().unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].get("zone").unwrap().value, NodeValue::String("lab".into()));
        let b = hosts.get("b").unwrap();
        assert_eq!(b.get("zone").unwrap().value, NodeValue::String("lab".into()));
        assert_eq!(
            b.get("roles").unwrap().as_sequence().unwrap()[0].value,
            NodeValue::String("r/b".into())
        );
    }

    #[test]
    fn an_undefined_alias_is_a_located_error_naming_it() {
        let error = parse("a: 1\nb: [x, *missing]\n").unwrap_err();
        assert!(error.message.contains("`*missing` names no anchor"), "{error}");
        assert_eq!(error.position.line, 2);
        // An alias inside its own anchor's value has nothing finished to copy.
        let error = parse("a: &a [1, *a]\n").unwrap_err();
        assert!(error.message.contains("inside the value of its own anchor"), "{error}");
        assert_eq!(error.position.line, 1);
    }

    #[test]
    fn duplicate_keys_name_both_places() {
        let error = parse("zones: {}\nname: a\nname: b\n").unwrap_err();
        assert_eq!(error.position, Position { line: 3, column: 1 });
        assert!(error.message.contains("line 2"), "{error}");
    }

    #[test]
    fn large_maps_keep_every_key_and_still_find_a_late_duplicate() {
        let mut big: String = (0..20_000).map(|i| format!("h{i}: {{ zone: a }}\n")).collect();
        let node = parse(&big).expect("parses");
        assert_eq!(node.as_mapping().map(<[_]>::len), Some(20_000));
        big.push_str("h7: { zone: b }\n");
        let error = parse(&big).unwrap_err();
        assert_eq!(error.position.line, 20_001);
        assert!(error.message.contains("line 8"), "{error}");
    }

    #[test]
    fn duplicates_are_found_on_both_sides_of_the_scanned_limit() {
        for keys in [2, SCANNED_KEYS - 1, SCANNED_KEYS, SCANNED_KEYS + 1, 40] {
            let mut text: String = (0..keys).map(|i| format!("k{i}: {i}\n")).collect();
            assert!(parse(&text).is_ok(), "{keys} keys");
            for repeated in [0, keys / 2, keys - 1] {
                let with_duplicate = format!("{text}k{repeated}: again\n");
                let error = parse(&with_duplicate).unwrap_err();
                assert_eq!(error.position.line as usize, keys + 1, "{keys} keys, k{repeated}");
                assert!(error.message.contains(&format!("line {}", repeated + 1)), "{error}");
            }
            text.push_str("other: 1\n");
            assert!(parse(&text).is_ok());
        }
    }

    #[test]
    fn a_float_key_is_named_as_written_and_a_float_value_is_still_a_float() {
        let node = parse("1.50: 2.50\n1e3: x\n0x10: y\n").unwrap();
        assert_eq!(node.get("1.50").unwrap().value, NodeValue::Float("2.50".into()));
        assert!(node.get("1e3").is_some());
        // Integer keys keep their YAML 1.2 value, as before.
        assert!(node.get("16").is_some());
        let error = parse("1.5: a\n1.50: b\n1.5: c\n").unwrap_err();
        assert!(error.message.contains("duplicate key `1.5`"), "{error}");
        // A float in a list or as a nested mapping's value is not a key.
        let node = parse("a: [1.5, {b: 2.5}]\n").unwrap();
        let list = node.get("a").unwrap().as_sequence().unwrap();
        assert_eq!(list[0].value, NodeValue::Float("1.5".into()));
        assert_eq!(list[1].get("b").unwrap().value, NodeValue::Float("2.5".into()));
    }

    #[test]
    fn a_collection_is_not_a_key() {
        let error = parse("? [a, b]\n: 1\n").unwrap_err();
        assert!(error.message.contains("found a list"), "{error}");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "[".repeat(10_000);
        let error = parse(&deep).unwrap_err();
        assert!(error.message.contains("nested") || error.message.contains("syntax"), "{error}");
    }

    #[test]
    fn syntax_errors_are_located() {
        let error = parse("hosts:\n  cp1: {zone: a\n").unwrap_err();
        assert!(error.message.starts_with("YAML syntax error"), "{error}");
        assert!(error.position.line >= 2);
    }

    #[test]
    fn offset_maps_back_to_bytes() {
        let text = "a: 1\nb: [x\n";
        let (offset, _) = to_json_with_offset(text).unwrap_err();
        assert!(offset >= 5, "{offset}");
    }

    #[test]
    fn numbers_are_recognised_by_shape_as_rust_parses_them() {
        for text in ["1.5", "-2e3", "+.5", "5.", "1.e5", "1E+05", "99999999999999999999", "007.5"] {
            assert!(is_decimal_number(text) && text.parse::<f64>().is_ok(), "{text}");
        }
        for text in
            ["", ".", "-", "+.", "e5", ".e5", "1e", "1e+", "1.2.3", "1-2", "--1", "1e5.0", "1ee5"]
        {
            assert!(!is_decimal_number(text) && text.parse::<f64>().is_err(), "{text}");
        }
        assert_eq!(
            parse("a: 1.5e3\n").unwrap().get("a").unwrap().to_json(),
            serde_json::json!(1500.0)
        );
    }

    proptest::proptest! {
        #[test]
        fn number_shape_agrees_with_rusts_float_parser(text in "[0-9+\\-.eE]{0,8}") {
            proptest::prop_assert_eq!(is_decimal_number(&text), text.parse::<f64>().is_ok(), "{:?}", text);
        }
    }

    /// `parse` as it was, through `Parser::load`, to hold the event loop to the same results.
    fn parse_with_load(text: &str) -> Result<Node, DataError> {
        let mut builder = Builder::new(text);
        let mut parser = Parser::new_from_str(text);
        if let Err(e) = parser.load(&mut builder, false) {
            return Err(scan_error(text, &e));
        }
        builder.finish().map(|(node, _)| node)
    }

    #[test]
    fn the_event_loop_reads_what_load_read() {
        for text in [
            "",
            "a: 1\n",
            "a: [1, {b: 2}]\n---\nc: 3\n",
            "a: 1\na: 2\nb: [\n",
            "- &x 1\n- *x\n",
            "a: {b: [c, d], e: f}\n",
            "? [a]\n: 1\n",
        ] {
            assert_eq!(
                format!("{:?}", parse(text)),
                format!("{:?}", parse_with_load(text)),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn the_event_loop_reads_what_load_read_on_any_text(text in "[a-c0-9:{}\\[\\],\\-. \n\"'&*!|>#?]{0,80}") {
            proptest::prop_assert_eq!(format!("{:?}", parse(&text)), format!("{:?}", parse_with_load(&text)), "{:?}", text);
        }
    }
}
