//! The catalog's JSON in the compact form the site ships (`assets/catalog.js`), and back.
//!
//! Why: at 10,000 documents the catalog script was 214 MB, most of it the same keys on every
//! row and the same strings (component ids, file paths, transports, sections) again and again.
//! The packed form holds exactly the same JSON value and knows nothing of the catalog's fields
//! (a new field needs no change here):
//! - every object becomes an array `[shape, value…]`: the keys of one place in the document
//!   (say "a requirement's `source`") are written once, and `shape` indexes the key orders seen
//!   there, so the object unpacks with exactly its keys in exactly its order;
//! - the strings of a place that holds only strings are written once, in a dictionary (most
//!   frequent first), and referenced by index, when that is shorter;
//! - a place that holds values of mixed kinds keeps them as they are.
//!
//! Each platform is packed on its own, with its own codec beside its value (kind 4 below): a
//! platform's packed text depends on nothing but the platform, so an edit rebuild packs the
//! changed platforms only and keeps the others' text (site-gen's catalog cache). Dictionaries
//! ranked over the whole catalog moved indexes in every platform when one port changed.
//!
//! The packed JSON is `{"codec":C,"value":V}`, C describing the root place:
//! - `0`: V as it is;
//! - `[1,[strings]]`: V is an index into the strings;
//! - `[2,C]`: V is an array whose elements are of place C;
//! - `[3,[keys],[C per key],[[key index…] per shape]]`: V is `[shape, value per key of the shape]`;
//! - `[4]`: V is `[C', V']`, a value that carries its own codec C' (each platform).
//!
//! The site's script expands it in the page (site-gen `catalog_script`), this module in Rust
//! (the CLI reads a site's `assets/catalog.js`; the tests hold both to `catalog.json`).

use std::borrow::Cow;
use std::fmt::{self, Write};

// Every string and key of the catalog is hashed here, twice: SipHash was a tenth of the
// packing (our own output, so no HashDoS concern).
use rustc_hash::FxHashMap as HashMap;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Serialize};

const RAW: u8 = 0;
const DICTIONARY: u8 = 1;
const ARRAY: u8 = 2;
const OBJECT: u8 = 3;
const CARRIED: u8 = 4;

/// Why the catalog's JSON could not be packed.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("platform {index} of the catalog is not JSON: {source}")]
    NotJson { index: usize, source: serde_json::Error },
    #[error("platform {index} of the catalog has no JSON form: {message}")]
    NotSerializable { index: usize, message: String },
}

/// Why a packed catalog could not be unpacked (a damaged or foreign `assets/catalog.js`).
#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    #[error("the packed catalog is not JSON: {0}")]
    NotJson(#[from] serde_json::Error),
    #[error("the packed catalog: expected {0}")]
    Malformed(&'static str),
}

/// A JSON value that keeps its objects' key order; strings borrow from the text when they can.
#[derive(Debug)]
enum Json<'a> {
    /// `null`, a boolean or a number.
    Scalar(serde_json::Value),
    Str(Cow<'a, str>),
    Arr(Vec<Json<'a>>),
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Json::Scalar(serde_json::Value::Null))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Json::Scalar(v.into()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Json::Scalar(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Json::Scalar(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Json::Scalar(v.into()))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<Json<'de>>()? {
            let Json::Str(key) = key else {
                return Err(de::Error::custom("an object key that is not a string"));
            };
            members.push((key, map.next_value()?));
        }
        Ok(Json::Obj(members))
    }
}

fn push_str(s: &str, out: &mut String) {
    crate::emit::json_text::write_str(out, s);
}

/// A number as JSON, written in place (a `to_string` per index was a tenth of the packing;
/// `write!` through `core::fmt` was still an eighth of it, 264 M instructions of a clean
/// 1,000-document build, issue 15).
fn push_index(n: usize, out: &mut String) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// A scalar as serde_json writes it: integers through `itoa` (serde_json's own writer, so the
/// same text), anything else (floats) through its `Display`.
fn push_scalar(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => out.push_str(itoa::Buffer::new().format(u)),
            (None, Some(i)) => out.push_str(itoa::Buffer::new().format(i)),
            (None, None) => {
                let _ = write!(out, "{n}");
            }
        },
        // Strings, arrays and objects are never a `Json::Scalar`; written as serde_json would.
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

/// The length of `s` as a JSON string literal.
fn json_len(s: &str) -> usize {
    let escaped: usize = s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | 0x08 | 0x0c | b'\n' | b'\r' | b'\t' => 1,
            0..0x20 => 5,
            _ => 0,
        })
        .sum();
    s.len() + escaped + 2
}

fn push_json(value: &Json<'_>, out: &mut String) {
    match value {
        Json::Scalar(v) => push_scalar(v, out),
        Json::Str(s) => push_str(s, out),
        Json::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json(item, out);
            }
            out.push(']');
        }
        Json::Obj(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_str(key, out);
                out.push(':');
                push_json(item, out);
            }
            out.push('}');
        }
    }
}

/// Items ranked most frequent first, ties in order of first appearance (so the output is the
/// same on every build, and the frequent ones get the short indexes).
fn ranked<T>(counted: impl IntoIterator<Item = (T, (usize, usize))>) -> Vec<T> {
    let mut items: Vec<(T, (usize, usize))> = counted.into_iter().collect();
    items.sort_by(|(_, (c1, f1)), (_, (c2, f2))| c2.cmp(c1).then(f1.cmp(f2)));
    items.into_iter().map(|(item, _)| item).collect()
}

fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// What was seen at one place of the document (pass 1).
#[derive(Default)]
struct Place<'a> {
    objects: usize,
    arrays: usize,
    strings: usize,
    others: usize,
    keys: Vec<Cow<'a, str>>,
    key_index: HashMap<Cow<'a, str>, usize>,
    children: Vec<Place<'a>>,
    /// Key orders (as key indexes): times seen, first seen.
    shapes: HashMap<Vec<usize>, (usize, usize)>,
    element: Option<Box<Place<'a>>>,
    /// Strings: times seen, first seen.
    texts: HashMap<Cow<'a, str>, (usize, usize)>,
}

impl<'a> Place<'a> {
    fn observe(&mut self, value: &Json<'a>) {
        match value {
            Json::Scalar(_) => self.others += 1,
            Json::Str(s) => {
                let seen = self.strings;
                self.strings += 1;
                match self.texts.get_mut(s) {
                    Some(counted) => counted.0 += 1,
                    None => {
                        self.texts.insert(s.clone(), (1, seen));
                    }
                }
            }
            Json::Arr(items) => {
                self.arrays += 1;
                let element = self.element.get_or_insert_with(Default::default);
                for item in items {
                    element.observe(item);
                }
            }
            Json::Obj(members) => {
                let seen = self.objects;
                self.objects += 1;
                let mut shape = Vec::with_capacity(members.len());
                for (key, item) in members {
                    let index = match self.key_index.get(key) {
                        Some(index) => *index,
                        None => {
                            self.keys.push(key.clone());
                            self.key_index.insert(key.clone(), self.keys.len() - 1);
                            self.children.push(Place::default());
                            self.keys.len() - 1
                        }
                    };
                    shape.push(index);
                    if let Some(child) = self.children.get_mut(index) {
                        child.observe(item);
                    }
                }
                match self.shapes.get_mut(shape.as_slice()) {
                    Some(counted) => counted.0 += 1,
                    None => {
                        self.shapes.insert(shape, (1, seen));
                    }
                }
            }
        }
    }

    /// How this place is written, from what was seen.
    fn plan(self) -> Plan<'a> {
        let kinds = [self.objects, self.arrays, self.strings, self.others];
        let only = |n: usize| n > 0 && kinds.iter().sum::<usize>() == n;
        if only(self.objects) {
            let shapes = ranked(self.shapes);
            let shape_index = shapes.iter().enumerate().map(|(i, s)| (s.clone(), i)).collect();
            Plan::Object {
                key_index: self.key_index,
                keys: self.keys,
                children: self.children.into_iter().map(Place::plan).collect(),
                shapes,
                shape_index,
            }
        } else if only(self.arrays) {
            Plan::Array(Box::new(self.element.map_or(Plan::Raw, |e| e.plan())))
        } else if only(self.strings) {
            Self::strings_plan(self.texts)
        } else {
            Plan::Raw
        }
    }

    /// A dictionary when it is shorter than the strings written out. The strings move into
    /// the plan: every distinct string of a platform was hashed four more times and copied
    /// twice here (a quarter of the packing's instructions went to planning, issue 15).
    fn strings_plan(texts: HashMap<Cow<'a, str>, (usize, usize)>) -> Plan<'a> {
        // (string, times seen, first seen, length written out)
        let mut order: Vec<(Cow<'a, str>, usize, usize, usize)> = texts
            .into_iter()
            .map(|(s, (count, first))| {
                let len = json_len(&s);
                (s, count, first, len)
            })
            .collect();
        let written: usize = order.iter().map(|(_, count, _, len)| count * len).sum();
        // `ranked`'s order; no two strings were first seen at the same place, so the order is
        // total and an unstable sort gives the same.
        order.sort_unstable_by(|(_, c1, f1, _), (_, c2, f2, _)| c2.cmp(c1).then(f1.cmp(f2)));
        let indexed: usize = order
            .iter()
            .enumerate()
            .map(|(i, (_, count, _, len))| len + 1 + count * digits(i))
            .sum();
        if indexed >= written {
            return Plan::Raw;
        }
        Plan::Dictionary {
            index: order.into_iter().enumerate().map(|(i, (s, ..))| (s, i)).collect(),
        }
    }
}

/// How one place is written (pass 2).
enum Plan<'a> {
    Raw,
    /// Each string with its index, most frequent first.
    Dictionary {
        index: HashMap<Cow<'a, str>, usize>,
    },
    Array(Box<Plan<'a>>),
    Object {
        keys: Vec<Cow<'a, str>>,
        key_index: HashMap<Cow<'a, str>, usize>,
        children: Vec<Plan<'a>>,
        shapes: Vec<Vec<usize>>,
        shape_index: HashMap<Vec<usize>, usize>,
    },
}

impl Plan<'_> {
    fn push_codec(&self, out: &mut String) {
        match self {
            Plan::Raw => push_index(RAW.into(), out),
            Plan::Dictionary { index } => {
                // The indexes are 0..len, each once.
                let mut strings = vec![""; index.len()];
                for (s, &i) in index {
                    if let Some(slot) = strings.get_mut(i) {
                        *slot = s;
                    }
                }
                out.push_str(&format!("[{DICTIONARY},["));
                push_list(&strings, out, |s, out| push_str(s, out));
                out.push_str("]]");
            }
            Plan::Array(element) => {
                out.push_str(&format!("[{ARRAY},"));
                element.push_codec(out);
                out.push(']');
            }
            Plan::Object { keys, children, shapes, .. } => {
                out.push_str(&format!("[{OBJECT},["));
                push_list(keys, out, |k, out| push_str(k, out));
                out.push_str("],[");
                push_list(children, out, Plan::push_codec);
                out.push_str("],[");
                push_list(shapes, out, |shape, out| {
                    out.push('[');
                    push_list(shape, out, |i, out| push_index(*i, out));
                    out.push(']');
                });
                out.push_str("]]");
            }
        }
    }

    /// `value` as this place writes it. Pass 2 sees what pass 1 saw, so every lookup succeeds;
    /// a miss would write the value as it is, which unpacks wrongly, hence the tests.
    fn push_value(&self, value: &Json<'_>, out: &mut String) {
        match (self, value) {
            (Plan::Dictionary { index, .. }, Json::Str(s)) => match index.get(s) {
                Some(i) => push_index(*i, out),
                None => push_json(value, out),
            },
            (Plan::Array(element), Json::Arr(items)) => {
                out.push('[');
                push_list(items, out, |item, out| element.push_value(item, out));
                out.push(']');
            }
            (Plan::Object { key_index, children, shape_index, .. }, Json::Obj(members)) => {
                let shape: Vec<usize> =
                    members.iter().filter_map(|(k, _)| key_index.get(k).copied()).collect();
                out.push('[');
                push_index(shape_index.get(&shape).copied().unwrap_or_default(), out);
                for ((_, item), index) in members.iter().zip(&shape) {
                    out.push(',');
                    match children.get(*index) {
                        Some(child) => child.push_value(item, out),
                        None => push_json(item, out),
                    }
                }
                out.push(']');
            }
            _ => push_json(value, out),
        }
    }
}

fn push_list<T>(items: &[T], out: &mut String, mut each: impl FnMut(&T, &mut String)) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(item, out);
    }
}

/// One platform's JSON, read for packing (see [`pack_platform`]).
pub struct Parsed<'a>(Json<'a>);

/// Reads platform `index`'s JSON text (as `catalog.json` holds it).
pub fn parse_platform(index: usize, text: &str) -> Result<Parsed<'_>, PackError> {
    serde_json::from_str(text).map(Parsed).map_err(|source| PackError::NotJson { index, source })
}

/// One value of the catalog read for packing straight from its serde form, as
/// [`parse_platform`] reads the JSON text `catalog.json` holds for it: the text was serde_json's
/// with every `,"field":null` member left out (the first member of an object stays, whatever
/// it holds), so the tree is built the same way, and no text is written or parsed.
pub fn tree_of<T: Serialize + ?Sized>(
    index: usize,
    value: &T,
) -> Result<Parsed<'static>, PackError> {
    value
        .serialize(Tree)
        .map(Parsed)
        .map_err(|TreeError(message)| PackError::NotSerializable { index, message })
}

/// Why a value has no JSON form (a map key that is not a string, say).
#[derive(Debug)]
pub struct TreeError(String);

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for TreeError {}
impl ser::Error for TreeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        TreeError(message.to_string())
    }
}

/// True for an object member the catalog's JSON text leaves out: not the first, named in
/// lowercase letters and `_` (what `without_nulls` in site-gen matches), and null.
fn left_out(position: usize, key: &str, value: &Json<'_>) -> bool {
    position > 0
        && key_may_be_left_out(key)
        && matches!(value, Json::Scalar(serde_json::Value::Null))
}

/// A key `without_nulls` matches: lowercase letters and `_`.
fn key_may_be_left_out(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// A map key as serde_json writes it: strings as they are, numbers and booleans as their text,
/// a unit variant as its name; anything else has no JSON form.
fn map_key<T: Serialize + ?Sized>(key: &T) -> Result<Cow<'static, str>, TreeError> {
    match key.serialize(Tree)? {
        Json::Str(s) => Ok(s),
        Json::Scalar(v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
            Ok(Cow::Owned(v.to_string()))
        }
        _ => Err(ser::Error::custom("a map key that is not a string")),
    }
}

struct Tree;

/// An object being built: its members so far (left-out nulls never enter).
struct TreeObject {
    members: Vec<(Cow<'static, str>, Json<'static>)>,
    /// How many members serde gave, kept or not: only the first may be a null.
    given: usize,
    /// A map's key, waiting for its value.
    key: Option<Cow<'static, str>>,
    /// An enum variant's name: the object is `{variant: …}` around this one.
    variant: Option<&'static str>,
}

impl TreeObject {
    fn new(variant: Option<&'static str>) -> Self {
        TreeObject { members: Vec::new(), given: 0, key: None, variant }
    }
    fn push(&mut self, key: Cow<'static, str>, value: Json<'static>) {
        if !left_out(self.given, &key, &value) {
            self.members.push((key, value));
        }
        self.given += 1;
    }
    fn end(self) -> Json<'static> {
        wrap(self.variant, Json::Obj(self.members))
    }
}

/// An array being built (a sequence, a tuple, or a tuple variant's fields).
struct TreeArray {
    items: Vec<Json<'static>>,
    variant: Option<&'static str>,
}

/// `{variant: value}`, as serde_json writes an enum variant with content.
fn wrap(variant: Option<&'static str>, value: Json<'static>) -> Json<'static> {
    match variant {
        Some(name) => Json::Obj(vec![(Cow::Borrowed(name), value)]),
        None => value,
    }
}

fn number(value: impl Into<serde_json::Value>) -> Result<Json<'static>, TreeError> {
    Ok(Json::Scalar(value.into()))
}

impl ser::Serializer for Tree {
    type Ok = Json<'static>;
    type Error = TreeError;
    type SerializeSeq = TreeArray;
    type SerializeTuple = TreeArray;
    type SerializeTupleStruct = TreeArray;
    type SerializeTupleVariant = TreeArray;
    type SerializeMap = TreeObject;
    type SerializeStruct = TreeObject;
    type SerializeStructVariant = TreeObject;

    fn serialize_bool(self, v: bool) -> Result<Json<'static>, TreeError> {
        number(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Json<'static>, TreeError> {
        number(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Json<'static>, TreeError> {
        number(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Json<'static>, TreeError> {
        number(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Json<'static>, TreeError> {
        number(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Json<'static>, TreeError> {
        number(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Json<'static>, TreeError> {
        number(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Json<'static>, TreeError> {
        number(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Json<'static>, TreeError> {
        number(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Json<'static>, TreeError> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Json<'static>, TreeError> {
        // serde_json writes a number that is not finite as `null`.
        number(
            serde_json::Number::from_f64(v)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
        )
    }
    fn serialize_char(self, v: char) -> Result<Json<'static>, TreeError> {
        Ok(Json::Str(Cow::Owned(v.to_string())))
    }
    fn serialize_str(self, v: &str) -> Result<Json<'static>, TreeError> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Json<'static>, TreeError> {
        Ok(Json::Arr(v.iter().map(|b| Json::Scalar((*b).into())).collect()))
    }
    fn serialize_none(self) -> Result<Json<'static>, TreeError> {
        Ok(Json::Scalar(serde_json::Value::Null))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Json<'static>, TreeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Json<'static>, TreeError> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Json<'static>, TreeError> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Json<'static>, TreeError> {
        Ok(Json::Str(Cow::Borrowed(variant)))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Json<'static>, TreeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Json<'static>, TreeError> {
        Ok(wrap(Some(variant), value.serialize(self)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<TreeArray, TreeError> {
        Ok(TreeArray { items: Vec::with_capacity(len.unwrap_or(0)), variant: None })
    }
    fn serialize_tuple(self, len: usize) -> Result<TreeArray, TreeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<TreeArray, TreeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<TreeArray, TreeError> {
        Ok(TreeArray { items: Vec::with_capacity(len), variant: Some(variant) })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<TreeObject, TreeError> {
        Ok(TreeObject::new(None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<TreeObject, TreeError> {
        Ok(TreeObject::new(None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<TreeObject, TreeError> {
        Ok(TreeObject::new(Some(variant)))
    }
}

impl TreeArray {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.items.push(value.serialize(Tree)?);
        Ok(())
    }
    fn done(self) -> Result<Json<'static>, TreeError> {
        Ok(wrap(self.variant, Json::Arr(self.items)))
    }
}

impl ser::SerializeSeq for TreeArray {
    type Ok = Json<'static>;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.element(value)
    }
    fn end(self) -> Result<Json<'static>, TreeError> {
        self.done()
    }
}

impl ser::SerializeTuple for TreeArray {
    type Ok = Json<'static>;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.element(value)
    }
    fn end(self) -> Result<Json<'static>, TreeError> {
        self.done()
    }
}

impl ser::SerializeTupleStruct for TreeArray {
    type Ok = Json<'static>;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.element(value)
    }
    fn end(self) -> Result<Json<'static>, TreeError> {
        self.done()
    }
}

impl ser::SerializeTupleVariant for TreeArray {
    type Ok = Json<'static>;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.element(value)
    }
    fn end(self) -> Result<Json<'static>, TreeError> {
        self.done()
    }
}

impl ser::SerializeMap for TreeObject {
    type Ok = Json<'static>;
    type Error = TreeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TreeError> {
        self.key = Some(map_key(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        let key = self.key.take().unwrap_or_default();
        let value = value.serialize(Tree)?;
        self.push(key, value);
        Ok(())
    }
    fn end(self) -> Result<Json<'static>, TreeError> {
        Ok(TreeObject::end(self))
    }
}

impl ser::SerializeStruct for TreeObject {
    type Ok = Json<'static>;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TreeError> {
        let value = value.serialize(Tree)?;
        self.push(Cow::Borrowed(key), value);
        Ok(())
    }
    fn end(self) -> Result<Json<'static>, TreeError> {
        Ok(TreeObject::end(self))
    }
}

impl ser::SerializeStructVariant for TreeObject {
    type Ok = Json<'static>;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TreeError> {
        let value = value.serialize(Tree)?;
        self.push(Cow::Borrowed(key), value);
        Ok(())
    }
    fn end(self) -> Result<Json<'static>, TreeError> {
        Ok(TreeObject::end(self))
    }
}

/// One platform's value packed on its own: `[codec, value]`, the codec planned from this
/// platform alone (see the module's doc: kind 4).
pub fn pack_platform(platform: &Parsed<'_>) -> String {
    let mut place = Place::default();
    place.observe(&platform.0);
    let plan = place.plan();
    let mut out = String::from("[");
    plan.push_codec(&mut out);
    out.push(',');
    plan.push_value(&platform.0, &mut out);
    out.push(']');
    out
}

/// The packed catalog around its platforms, each as [`pack_platform`] packed it.
pub fn catalog_of<S: AsRef<str>>(schema_version: u32, platforms: &[S]) -> String {
    let mut out = format!(
        "{{\"codec\":[{OBJECT},[\"schema_version\",\"platforms\"],[{RAW},[{ARRAY},[{CARRIED}]]],[[0,1]]],\"value\":[0,{schema_version},["
    );
    out.reserve(platforms.iter().map(|p| p.as_ref().len() + 1).sum::<usize>() + 4);
    push_list(platforms, &mut out, |p, out| out.push_str(p.as_ref()));
    out.push_str("]]}");
    out
}

/// The catalog packed from each platform's JSON text (as `catalog.json` holds it).
pub fn pack_catalog(schema_version: u32, platforms: &[String]) -> Result<String, PackError> {
    let packed = platforms
        .iter()
        .enumerate()
        .map(|(index, text)| Ok(pack_platform(&parse_platform(index, text)?)))
        .collect::<Result<Vec<String>, PackError>>()?;
    Ok(catalog_of(schema_version, &packed))
}

enum Codec {
    Raw,
    Dictionary(Vec<String>),
    Array(Box<Codec>),
    Object { keys: Vec<String>, children: Vec<Codec>, shapes: Vec<Vec<usize>> },
    Carried,
}

fn malformed<T>(what: &'static str) -> Result<T, UnpackError> {
    Err(UnpackError::Malformed(what))
}

fn index_of(value: &Json<'_>) -> Option<usize> {
    match value {
        Json::Scalar(serde_json::Value::Number(n)) => n.as_u64().and_then(|n| n.try_into().ok()),
        _ => None,
    }
}

fn strings_of(value: &Json<'_>) -> Option<Vec<String>> {
    let Json::Arr(items) = value else { return None };
    items.iter().map(|s| if let Json::Str(s) = s { Some(s.to_string()) } else { None }).collect()
}

impl Codec {
    fn read(value: &Json<'_>) -> Result<Self, UnpackError> {
        if index_of(value) == Some(usize::from(RAW)) {
            return Ok(Codec::Raw);
        }
        let Json::Arr(parts) = value else { return malformed("a codec: 0 or an array") };
        let kind = parts.first().and_then(index_of);
        match (kind, parts.get(1..).unwrap_or_default()) {
            (Some(k), [strings]) if k == usize::from(DICTIONARY) => match strings_of(strings) {
                Some(strings) => Ok(Codec::Dictionary(strings)),
                None => malformed("a dictionary of strings"),
            },
            (Some(k), []) if k == usize::from(CARRIED) => Ok(Codec::Carried),
            (Some(k), [element]) if k == usize::from(ARRAY) => {
                Ok(Codec::Array(Box::new(Codec::read(element)?)))
            }
            (Some(k), [keys, Json::Arr(children), Json::Arr(shapes)])
                if k == usize::from(OBJECT) =>
            {
                let Some(keys) = strings_of(keys) else { return malformed("object keys") };
                let children = children.iter().map(Codec::read).collect::<Result<Vec<_>, _>>()?;
                if children.len() != keys.len() {
                    return malformed("one codec per object key");
                }
                let shapes = shapes
                    .iter()
                    .map(|shape| match shape {
                        Json::Arr(indexes) => indexes
                            .iter()
                            .map(|i| index_of(i).filter(|i| *i < keys.len()))
                            .collect::<Option<Vec<usize>>>(),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>();
                match shapes {
                    Some(shapes) => Ok(Codec::Object { keys, children, shapes }),
                    None => malformed("object shapes: arrays of key indexes"),
                }
            }
            _ => malformed("a codec [1,strings], [2,codec], [3,keys,codecs,shapes] or [4]"),
        }
    }

    fn push(&self, value: &Json<'_>, out: &mut String) -> Result<(), UnpackError> {
        match self {
            Codec::Raw => push_json(value, out),
            Codec::Dictionary(strings) => match index_of(value).and_then(|i| strings.get(i)) {
                Some(s) => push_str(s, out),
                None => return malformed("an index into a dictionary"),
            },
            Codec::Array(element) => {
                let Json::Arr(items) = value else { return malformed("an array") };
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    element.push(item, out)?;
                }
                out.push(']');
            }
            Codec::Carried => match value {
                Json::Arr(pair) if pair.len() == 2 => match (pair.first(), pair.get(1)) {
                    (Some(codec), Some(value)) => Codec::read(codec)?.push(value, out)?,
                    _ => return malformed("a value with its codec: [codec, value]"),
                },
                _ => return malformed("a value with its codec: [codec, value]"),
            },
            Codec::Object { keys, children, shapes } => {
                let Json::Arr(items) = value else { return malformed("a packed object") };
                let shape = items.first().and_then(index_of).and_then(|i| shapes.get(i));
                let (Some(shape), Some(values)) = (shape, items.get(1..)) else {
                    return malformed("a packed object's shape");
                };
                if shape.len() != values.len() {
                    return malformed("one value per key of the object's shape");
                }
                out.push('{');
                for (i, (key, item)) in shape.iter().zip(values).enumerate() {
                    let (Some(name), Some(child)) = (keys.get(*key), children.get(*key)) else {
                        return malformed("a key of the object's place");
                    };
                    if i > 0 {
                        out.push(',');
                    }
                    push_str(name, out);
                    out.push(':');
                    child.push(item, out)?;
                }
                out.push('}');
            }
        }
        Ok(())
    }
}

/// The JSON text a packed catalog holds (byte for byte the `catalog.json` it was packed from).
pub fn unpack(packed: &str) -> Result<String, UnpackError> {
    let root: Json<'_> = serde_json::from_str(packed)?;
    let Json::Obj(members) = &root else { return malformed("an object {codec, value}") };
    let member = |name: &str| members.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let (Some(codec), Some(value)) = (member("codec"), member("value")) else {
        return malformed("an object {codec, value}");
    };
    let mut out = String::with_capacity(packed.len() * 4);
    Codec::read(codec)?.push(value, &mut out)?;
    Ok(out)
}

/// The packed JSON inside a catalog script: its line that starts with `{"codec":` (the site
/// writes the expanding function, then that line, then the call's end).
pub fn packed_of_script(script: &str) -> Option<&str> {
    script.lines().find(|line| line.starts_with("{\"codec\":"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(platforms: &[&str]) -> (String, String) {
        let parts: Vec<String> = platforms.iter().map(|p| (*p).to_owned()).collect();
        let json = format!("{{\"schema_version\":1,\"platforms\":[{}]}}", parts.join(","));
        let packed = pack_catalog(1, &parts).expect("packs");
        (json, packed)
    }

    #[test]
    fn objects_keep_their_keys_in_their_order_and_nothing_more() {
        let (json, packed) = roundtrip(&[
            r#"{"id":"a","rows":[{"x":1,"y":"t"},{"y":"t","x":2},{"x":3},{}]}"#,
            r#"{"rows":[],"id":"b","extra":true}"#,
        ]);
        assert_eq!(unpack(&packed).expect("unpacks"), json);
        assert!(!packed.contains("\"x\":"), "keys are written once: {packed}");
    }

    /// Inputs are written as serde_json writes them (`catalog_json`'s text): that is the text
    /// unpacking gives back.
    #[test]
    fn nulls_mixed_kinds_escapes_and_odd_keys_come_back_as_they_were() {
        let (json, packed) = roundtrip(&[
            r#"{"a":null,"b":"x","c":[1,"two",{"k":null},[]],"__proto__":{"p":1}}"#,
            r#"{"a":"now a string","b":"line\nbreak \"quoted\" </   é","c":"flat","__proto__":2}"#,
            r#"{"b":1.5e+300,"c":-0.25,"a":[true,false]}"#,
        ]);
        assert_eq!(unpack(&packed).expect("unpacks"), json);
    }

    #[test]
    fn repeated_strings_are_written_once_and_unique_ones_as_they_are() {
        let rows: Vec<String> = (0..50)
            .map(|i| format!(r#"{{"id":"unique-{i}","transport":"tcp","component":"alpha/web"}}"#))
            .collect();
        let platform = format!(r#"{{"id":"alpha","requirements":[{}]}}"#, rows.join(","));
        let (json, packed) = roundtrip(&[&platform]);
        assert_eq!(unpack(&packed).expect("unpacks"), json);
        assert_eq!(packed.matches("alpha/web").count(), 1, "{packed}");
        assert_eq!(packed.matches("\"tcp\"").count(), 1, "{packed}");
        assert_eq!(packed.matches("unique-").count(), 50, "a dictionary would not be shorter");
        assert!(packed.len() < json.len() / 2, "{} of {}", packed.len(), json.len());
    }

    #[test]
    fn no_platforms_and_empty_tables_pack() {
        let (json, packed) = roundtrip(&[]);
        assert_eq!(unpack(&packed).expect("unpacks"), json);
        let (json, packed) = roundtrip(&[r#"{"rows":[]}"#, "{}"]);
        assert_eq!(unpack(&packed).expect("unpacks"), json);
    }

    #[test]
    fn damaged_packs_are_errors_not_panics() {
        let (_, packed) = roundtrip(&[r#"{"id":"a","rows":[{"x":"t"},{"x":"t"},{"x":"t"}]}"#]);
        assert!(unpack(&packed).is_ok());
        for damaged in [
            "",
            "[]",
            "{\"codec\":0}",
            "{\"codec\":[9],\"value\":1}",
            "{\"codec\":[1,[\"a\"]],\"value\":3}",
            "{\"codec\":[3,[\"k\"],[0],[[0]]],\"value\":[1,2]}",
            "{\"codec\":[3,[\"k\"],[0],[[0]]],\"value\":[0]}",
            "{\"codec\":[3,[\"k\"],[0],[[4]]],\"value\":[0,1]}",
            "{\"codec\":[3,[\"k\"],[],[[0]]],\"value\":[0,1]}",
            "{\"codec\":[2,0],\"value\":{}}",
            "{\"codec\":[4],\"value\":[0]}",
            "{\"codec\":[4],\"value\":[[1,[\"a\"]],2]}",
            "{\"codec\":[4,0],\"value\":[0,1]}",
        ] {
            assert!(unpack(damaged).is_err(), "{damaged}");
        }
        let cut = &packed[..packed.len() / 2];
        assert!(matches!(unpack(cut), Err(UnpackError::NotJson(_))));
    }

    fn pack_trees(trees: &[Parsed<'_>]) -> String {
        let parts: Vec<String> = trees.iter().map(pack_platform).collect();
        catalog_of(1, &parts)
    }

    /// What an edit rebuild keeps of the others when one platform changes: each platform's
    /// packed text is the same whatever the platforms beside it (no string, key or shape is
    /// ranked over the catalog).
    #[test]
    fn a_platform_packs_to_the_same_text_whatever_the_others_hold() {
        let a = r#"{"id":"a","rows":[{"port":"443","t":"tcp"},{"port":"443","t":"udp"}]}"#;
        let b = r#"{"id":"b","rows":[{"port":"22","t":"tcp"},{"t":"tcp","port":"22"}]}"#;
        let b_edited = r#"{"id":"b","rows":[{"port":"443","t":"udp"},{"t":"udp","port":"443"}]}"#;
        let packed_a = pack_platform(&parse_platform(0, a).expect("json"));
        for others in [[a, b], [a, b_edited]] {
            let parts: Vec<String> = others.iter().map(|p| (*p).to_owned()).collect();
            let packed = pack_catalog(1, &parts).expect("packs");
            assert!(packed.contains(&format!("[{packed_a},")), "{packed}");
            let json = format!("{{\"schema_version\":1,\"platforms\":[{}]}}", parts.join(","));
            assert_eq!(unpack(&packed).expect("unpacks"), json);
        }
    }

    /// A value read from its serde form packs as the JSON text the site writes for it:
    /// serde_json's, with every `,"field":null` member left out (a first member stays, and so
    /// does a null under a key that is not lowercase letters and `_`).
    #[test]
    fn a_value_packed_from_its_serde_form_is_packed_as_its_json_text() {
        #[derive(serde::Serialize)]
        enum Kind {
            Plain,
            Wrapped(u8),
            Pair(u8, &'static str),
            Named { inner: Option<u8> },
        }
        #[derive(serde::Serialize)]
        struct Row {
            first: Option<&'static str>,
            second: Option<&'static str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
            kinds: Vec<Kind>,
            by_port: std::collections::BTreeMap<u16, Option<bool>>,
            #[serde(rename = "Upper")]
            upper: Option<u8>,
            bytes: &'static [u8],
            ratio: f64,
            letter: char,
            unit: (),
        }
        let rows = [
            Row {
                first: None,
                second: None,
                skipped: None,
                kinds: vec![
                    Kind::Plain,
                    Kind::Wrapped(3),
                    Kind::Pair(1, "x\"y"),
                    Kind::Named { inner: None },
                ],
                by_port: [(22, Some(true)), (443, None)].into_iter().collect(),
                upper: None,
                bytes: b"ab",
                ratio: 0.5,
                letter: 'é',
                unit: (),
            },
            Row {
                first: Some("set"),
                second: Some("</script>"),
                skipped: Some(1),
                kinds: vec![],
                by_port: Default::default(),
                upper: Some(2),
                bytes: b"",
                ratio: -1e300,
                letter: '"',
                unit: (),
            },
        ];
        let texts = [
            r#"{"first":null,"kinds":["Plain",{"Wrapped":3},{"Pair":[1,"x\"y"]},{"Named":{"inner":null}}],"by_port":{"22":true,"443":null},"Upper":null,"bytes":[97,98],"ratio":0.5,"letter":"é"}"#,
            r#"{"first":"set","second":"</script>","skipped":1,"kinds":[],"by_port":{},"Upper":2,"bytes":[],"ratio":-1e300,"letter":"\""}"#,
        ];
        let trees: Vec<Parsed<'_>> =
            rows.iter().enumerate().map(|(i, r)| tree_of(i, r).expect("a tree")).collect();
        let parts: Vec<String> = texts.iter().map(|t| (*t).to_owned()).collect();
        let expected = pack_catalog(1, &parts).expect("packs");
        assert_eq!(pack_trees(&trees), expected);
        let map: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into_iter().collect();
        assert!(matches!(tree_of(7, &map), Err(PackError::NotSerializable { index: 7, .. })));
    }

    #[test]
    fn the_packed_line_is_found_in_its_script() {
        let script =
            "window.X = (function (p) {\n  return p;\n})(\n{\"codec\":0,\"value\":1}\n);\n";
        assert_eq!(packed_of_script(script), Some("{\"codec\":0,\"value\":1}"));
        assert_eq!(packed_of_script("window.X = {\"a\":1};"), None);
    }
}
