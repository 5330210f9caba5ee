//! A digest of any serialisable value, for the caches of an edit rebuild: the value is walked
//! by serde into a byte stream (a tag per kind, every length, every byte), and that stream is
//! digested (`cache::Digest`). No field of the model is named here, so a new field is keyed
//! without a change; and nothing is formatted, escaped or allocated per value, which made
//! `serde_json::to_vec` as a cache key cost as much as the work it saved.
//!
//! Two values with the same digest serialise to the same stream: equal for serde, which is what
//! every cache here stores and renders from.

use std::cell::RefCell;
use std::fmt;

use serde::ser::{self, Serialize};

use crate::cache::Digest;

/// The digest of `value` as serde walks it.
pub fn of<T: Serialize + ?Sized>(value: &T) -> Digest {
    digest_of_stream(|out| {
        // Never fails: every kind of value has a byte form.
        let _ = value.serialize(Stream(out));
    })
}

/// The digest of several values in a row (each delimited by its own stream).
pub fn of_all(parts: &[&dyn erased::Part]) -> Digest {
    digest_of_stream(|out| {
        for part in parts {
            part.feed(out);
        }
    })
}

/// Digests what `write` streams into this thread's reused buffer (freed when a huge value
/// left it larger than 16 MiB, so one big build does not keep it for the process's life).
fn digest_of_stream(write: impl FnOnce(&mut Vec<u8>)) -> Digest {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|out| {
        out.clear();
        write(out);
        let digest = Digest::of(out);
        if out.capacity() > 1 << 24 {
            *out = Vec::new();
        }
        digest
    })
}

pub mod erased {
    use super::Stream;

    /// A value fed to [`super::of_all`].
    pub trait Part {
        fn feed(&self, out: &mut Vec<u8>);
    }

    impl<T: serde::Serialize> Part for T {
        fn feed(&self, out: &mut Vec<u8>) {
            let _ = self.serialize(Stream(out));
        }
    }
}

/// Never raised: the byte stream takes every value.
#[derive(Debug)]
pub struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unreachable")
    }
}
impl std::error::Error for Never {}
impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Never
    }
}

/// The kinds of value, each its own tag, so `Some("")` and `""`, `[]` and `{}` differ.
mod tag {
    pub const BOOL: u8 = 1;
    pub const INT: u8 = 2;
    pub const UINT: u8 = 3;
    pub const FLOAT: u8 = 4;
    pub const STR: u8 = 5;
    pub const BYTES: u8 = 6;
    pub const NONE: u8 = 7;
    pub const SOME: u8 = 8;
    pub const UNIT: u8 = 9;
    pub const VARIANT: u8 = 10;
    pub const SEQ: u8 = 11;
    pub const MAP: u8 = 12;
    pub const STRUCT: u8 = 13;
    pub const END: u8 = 14;
    pub const NEWTYPE: u8 = 15;
}

pub struct Stream<'a>(pub &'a mut Vec<u8>);

impl Stream<'_> {
    fn str(&mut self, v: &str) {
        self.0.push(tag::STR);
        self.0.extend_from_slice(&(v.len() as u64).to_le_bytes());
        self.0.extend_from_slice(v.as_bytes());
    }
    fn variant(&mut self, index: u32) {
        self.0.push(tag::VARIANT);
        self.0.extend_from_slice(&index.to_le_bytes());
    }
    fn again(&mut self) -> Stream<'_> {
        Stream(self.0)
    }
}

impl<'a> ser::Serializer for Stream<'a> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Stream<'a>;
    type SerializeTuple = Stream<'a>;
    type SerializeTupleStruct = Stream<'a>;
    type SerializeTupleVariant = Stream<'a>;
    type SerializeMap = Stream<'a>;
    type SerializeStruct = Stream<'a>;
    type SerializeStructVariant = Stream<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Never> {
        self.0.extend_from_slice(&[tag::BOOL, u8::from(v)]);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Never> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Never> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Never> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Never> {
        self.0.push(tag::INT);
        self.0.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Never> {
        self.0.push(tag::INT);
        self.0.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Never> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Never> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Never> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Never> {
        self.0.push(tag::UINT);
        self.0.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Never> {
        self.0.push(tag::UINT);
        self.0.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Never> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Never> {
        self.0.push(tag::FLOAT);
        self.0.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(mut self, v: char) -> Result<(), Never> {
        self.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(mut self, v: &str) -> Result<(), Never> {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Never> {
        self.0.push(tag::BYTES);
        self.0.extend_from_slice(&(v.len() as u64).to_le_bytes());
        self.0.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        self.0.push(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Never> {
        self.0.push(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        self.0.push(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        mut self,
        _: &'static str,
        index: u32,
        _: &'static str,
    ) -> Result<(), Never> {
        self.variant(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.0.push(tag::NEWTYPE);
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.variant(index);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.0.push(tag::SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.variant(index);
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        self.0.push(tag::MAP);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.0.push(tag::STRUCT);
        Ok(self)
    }
    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.variant(index);
        self.serialize_struct("", 0)
    }
}

impl ser::SerializeSeq for Stream<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(self.again())
    }
    fn end(self) -> Result<(), Never> {
        self.0.push(tag::END);
        Ok(())
    }
}

impl ser::SerializeTuple for Stream<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(self.again())
    }
    fn end(self) -> Result<(), Never> {
        self.0.push(tag::END);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Stream<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(self.again())
    }
    fn end(self) -> Result<(), Never> {
        self.0.push(tag::END);
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Stream<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(self.again())
    }
    fn end(self) -> Result<(), Never> {
        self.0.push(tag::END);
        Ok(())
    }
}

impl ser::SerializeMap for Stream<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        key.serialize(self.again())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(self.again())
    }
    fn end(self) -> Result<(), Never> {
        self.0.push(tag::END);
        Ok(())
    }
}

impl ser::SerializeStruct for Stream<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.str(key);
        value.serialize(self.again())
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), Never> {
        // A skipped field and a field that is absent read alike; still, say which was skipped.
        self.0.push(tag::NONE);
        self.str(key);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.0.push(tag::END);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Stream<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.str(key);
        value.serialize(self.again())
    }
    fn end(self) -> Result<(), Never> {
        self.0.push(tag::END);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_serialise_apart_digest_apart() {
        let pairs: [(Digest, Digest); 5] = [
            (of(&Some("")), of(&"")),
            (of(&(vec!["ab"], "c")), of(&(vec!["a"], "bc"))),
            (of(&Vec::<u8>::new()), of(&std::collections::BTreeMap::<u8, u8>::new())),
            (of(&(1u16, 2u16)), of(&(2u16, 1u16))),
            (of(&None::<u8>), of(&())),
        ];
        for (i, (a, b)) in pairs.iter().enumerate() {
            assert_ne!(a, b, "pair {i}");
        }
        assert_eq!(of(&("x", 3u32)), of(&("x", 3u64)), "the same serde value, the same digest");
        assert_eq!(of_all(&[&"a", &1u8]), of_all(&[&"a", &1u8]));
        assert_ne!(of_all(&[&"a", &"b"]), of_all(&[&"ab", &""]));
    }
}
