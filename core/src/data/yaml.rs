//! YAML (and therefore JSON, which YAML 1.2 contains) into a positioned [`Node`] tree.
//!
//! Aliases are refused rather than expanded: expansion is how "billion laughs" documents blow
//! up, and a topology has no need for them. Depth and size are bounded.

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
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    // The first document's events, as `Parser::load` would pass them on, but without its
    // recursion and its `println!` of an unexpected event (which brought stdout, `Debug` of
    // events and `io::Error`'s messages into the checker's wasm). The builder ignores events
    // after its first error; a syntax error met later still wins, as with `load`.
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            Err(e) => {
                // The scanner's message already names the problem ("did not find expected key").
                return Err(DataError::new(
                    position(e.marker()),
                    format!("YAML syntax error: {}", e.info()),
                ));
            }
        };
        let last = matches!(event, Event::DocumentEnd | Event::StreamEnd);
        builder.on_event(event, mark);
        if last {
            break;
        }
    }
    if let Some(error) = builder.error {
        return Err(error);
    }
    Ok(builder.root.unwrap_or(Node::new(NodeValue::Null, Position { line: 1, column: 1 })))
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
    Sequence(Position, Vec<Node>),
    Mapping(MappingFrame),
}

/// A mapping being read: its entries, the key waiting for its value, and what finds a
/// duplicate key.
struct MappingFrame {
    start: Position,
    entries: Vec<(Key, Node)>,
    pending_key: Option<Key>,
    keys: KeyIndex,
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

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    error: Option<DataError>,
    nodes: usize,
    documents: usize,
}

impl Builder {
    fn fail(&mut self, position: Position, message: String) {
        if self.error.is_none() {
            self.error = Some(DataError::new(position, message));
        }
    }

    /// Whether the next value is a mapping key (the innermost frame is a mapping with no key
    /// waiting for its value).
    fn awaiting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Mapping(mapping)) if mapping.pending_key.is_none())
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
            Some(Frame::Sequence(_, items)) => items.push(node),
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

impl MarkedEventReceiver for Builder {
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
            Event::Alias(_) => {
                self.fail(
                    at,
                    "YAML aliases (`*name`) are not supported; write the value out".to_owned(),
                );
            }
            Event::Scalar(text, style, _, tag) => {
                let value = if style == TScalarStyle::Plain && tag.is_none() {
                    plain_scalar(text, self.awaiting_key())
                } else {
                    NodeValue::String(text)
                };
                self.push_value(Node::new(value, at));
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.fail(at, too_deep_message());
                    return;
                }
                self.stack.push(match event {
                    Event::SequenceStart(..) => Frame::Sequence(at, Vec::new()),
                    _ => Frame::Mapping(MappingFrame {
                        start: at,
                        entries: Vec::new(),
                        pending_key: None,
                        keys: KeyIndex::default(),
                    }),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Frame::Sequence(start, items)) => {
                        Node::new(NodeValue::Sequence(items), start)
                    }
                    Some(Frame::Mapping(mapping)) => {
                        Node::new(NodeValue::Mapping(mapping.entries), mapping.start)
                    }
                    None => return,
                };
                // The node was already counted item by item; do not count the container twice.
                self.nodes = self.nodes.saturating_sub(1);
                self.push_value(node);
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
    }
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
    fn regression_billion_laughs_is_refused_not_expanded() {
        let bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n";
        let error = parse(bomb).unwrap_err();
        assert!(error.message.contains("aliases"), "{error}");
        assert_eq!(error.position.line, 2);
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
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        if let Err(e) = parser.load(&mut builder, false) {
            return Err(DataError::new(
                position(e.marker()),
                format!("YAML syntax error: {}", e.info()),
            ));
        }
        if let Some(error) = builder.error {
            return Err(error);
        }
        Ok(builder.root.unwrap_or(Node::new(NodeValue::Null, Position { line: 1, column: 1 })))
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
