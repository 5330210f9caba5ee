//! A platform's rows as the extraction cache stores them: every string of every row in one
//! text, and every length, number and choice in one run of bytes (LEB128). Read as MessagePack
//! maps, each row cost a field name matched, a UTF-8 check and an allocation per value, and a
//! string parsed again for its port range and its transport: about 7,600 instructions a row,
//! a fifth of a one-port edit at 1,000 documents, for 999 platforms that did not change
//! (bench/HISTORY.md "Edit rebuild, session 15"). Here the text is checked once and each
//! string is a slice of it.
//!
//! Rows that this cannot write (a transport, direction, necessity or exposure it does not
//! know) are not packed: the caller then keeps no entry, and the document is extracted again.

use std::fmt;

use portolan_core::diagnostic::SourceLocation;
use portolan_core::model::{
    Direction, Exposure, Necessity, PortRange, Requirement, Transport, Transports,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The transports a row may name, by their number here (0 is none).
const TRANSPORTS: [Transports; 4] = [
    Transports::One(Transport::Tcp),
    Transports::One(Transport::Udp),
    Transports::One(Transport::Sctp),
    Transports::TcpAndUdp,
];

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PackedRows {
    text: String,
    numbers: Bytes,
}

/// Bytes written as one MessagePack `bin` (serde writes a `Vec<u8>` as an array of numbers,
/// each read back on its own).
#[derive(Debug, Default, PartialEq)]
struct Bytes(Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, bytes: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(bytes.to_vec()))
            }
            fn visit_byte_buf<E>(self, bytes: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(bytes))
            }
        }
        deserializer.deserialize_bytes(Visitor)
    }
}

#[derive(Default)]
struct Writer {
    text: String,
    numbers: Vec<u8>,
}

impl Writer {
    fn num(&mut self, mut n: u64) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.numbers.push(low);
                return;
            }
            self.numbers.push(low | 0x80);
        }
    }

    fn text(&mut self, text: &str) {
        self.num(text.len() as u64);
        self.text.push_str(text);
    }

    /// 0 for none, else the length plus one.
    fn maybe(&mut self, text: Option<&str>) {
        match text {
            None => self.num(0),
            Some(text) => {
                self.num(text.len() as u64 + 1);
                self.text.push_str(text);
            }
        }
    }

    /// 0 for none, else the value's place in `all` plus one; `None` when it is not there.
    fn choice<T: PartialEq>(&mut self, value: Option<T>, all: &[T]) -> Option<()> {
        let n = match value {
            None => 0,
            Some(value) => all.iter().position(|v| *v == value)? + 1,
        };
        self.num(n as u64);
        Some(())
    }
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
    numbers: &'a [u8],
    next: usize,
}

impl Reader<'_> {
    fn num(&mut self) -> Option<u64> {
        let (mut value, mut shift) = (0u64, 0u32);
        loop {
            let byte = *self.numbers.get(self.next)?;
            self.next += 1;
            if shift >= 64 {
                return None;
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
            shift += 7;
        }
    }

    fn small<T: TryFrom<u64>>(&mut self) -> Option<T> {
        T::try_from(self.num()?).ok()
    }

    fn string(&mut self, len: usize) -> Option<String> {
        let end = self.at.checked_add(len)?;
        let text = self.text.get(self.at..end)?;
        self.at = end;
        Some(text.to_owned())
    }

    fn text(&mut self) -> Option<String> {
        let len = self.small()?;
        self.string(len)
    }

    fn maybe(&mut self) -> Option<Option<String>> {
        match self.small::<usize>()? {
            0 => Some(None),
            n => self.string(n - 1).map(Some),
        }
    }

    fn choice<T: Copy>(&mut self, all: &[T]) -> Option<Option<T>> {
        match self.small::<usize>()? {
            0 => Some(None),
            n => all.get(n - 1).copied().map(Some),
        }
    }
}

/// `rows` packed; `None` when one holds a value this cannot write.
pub fn pack(rows: &[Requirement]) -> Option<PackedRows> {
    let mut w = Writer::default();
    w.num(rows.len() as u64);
    let mut last_file: Option<&str> = None;
    for row in rows {
        // Exhaustive: a field added to the model does not compile until it is packed.
        let Requirement {
            id,
            anchor,
            line_id,
            component,
            section,
            ports,
            transport,
            app_protocol,
            direction,
            peer,
            peer_component,
            necessity,
            condition,
            exposure,
            purpose,
            variant,
            source,
        } = row;
        let SourceLocation { file, line, column } = source;
        w.text(id);
        w.text(anchor);
        w.text(line_id);
        w.text(component);
        w.text(section);
        w.num(ports.start().into());
        w.num(ports.end().into());
        w.choice(*transport, &TRANSPORTS)?;
        w.maybe(app_protocol.as_deref());
        w.choice(*direction, &Direction::ALL)?;
        w.maybe(peer.as_deref());
        w.maybe(peer_component.as_deref());
        w.choice(*necessity, &Necessity::ALL)?;
        w.maybe(condition.as_deref());
        w.choice(*exposure, &Exposure::ALL)?;
        w.maybe(purpose.as_deref());
        w.maybe(variant.as_deref());
        // Every row of a document has its file: none stands for the row before's.
        let same = last_file == Some(file.as_str());
        w.maybe((!same).then_some(file.as_str()));
        last_file = Some(file);
        w.num((*line).into());
        w.num((*column).into());
    }
    Some(PackedRows { text: w.text, numbers: Bytes(w.numbers) })
}

/// The rows `pack` was given; `None` when `packed` does not read as rows (a damaged entry).
pub fn unpack(packed: &PackedRows) -> Option<Vec<Requirement>> {
    let mut r = Reader { text: &packed.text, at: 0, numbers: &packed.numbers.0, next: 0 };
    let count: usize = r.small()?;
    // A damaged count must not reserve more than the bytes could hold.
    let mut rows = Vec::with_capacity(count.min(packed.numbers.0.len()));
    let mut last_file: Option<String> = None;
    for _ in 0..count {
        let (id, anchor, line_id) = (r.text()?, r.text()?, r.text()?);
        let (component, section) = (r.text()?, r.text()?);
        let ports = PortRange::new(r.small()?, r.small()?).ok()?;
        let transport = r.choice(&TRANSPORTS)?;
        let app_protocol = r.maybe()?;
        let direction = r.choice(&Direction::ALL)?;
        let (peer, peer_component) = (r.maybe()?, r.maybe()?);
        let necessity = r.choice(&Necessity::ALL)?;
        let condition = r.maybe()?;
        let exposure = r.choice(&Exposure::ALL)?;
        let (purpose, variant) = (r.maybe()?, r.maybe()?);
        let file = match r.maybe()? {
            Some(file) => file,
            None => last_file.clone()?,
        };
        last_file = Some(file.clone());
        let source = SourceLocation { file, line: r.small()?, column: r.small()? };
        rows.push(Requirement {
            id,
            anchor,
            line_id,
            component,
            section,
            ports,
            transport,
            app_protocol,
            direction,
            peer,
            peer_component,
            necessity,
            condition,
            exposure,
            purpose,
            variant,
            source,
        });
    }
    let whole = r.at == packed.text.len() && r.next == packed.numbers.0.len();
    whole.then_some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: u16) -> Requirement {
        Requirement {
            id: format!("p/r-{n}"),
            anchor: format!("r-{n}"),
            line_id: if n.is_multiple_of(2) { String::new() } else { format!("r-{n}.2") },
            component: "p/server".into(),
            section: "Serveur · ports".into(),
            ports: PortRange::new(n, n + 2).expect("range"),
            transport: None,
            app_protocol: None,
            direction: None,
            peer: None,
            peer_component: None,
            necessity: None,
            condition: None,
            exposure: None,
            purpose: None,
            variant: None,
            source: SourceLocation::new("docs/p.md", u32::from(n), 3),
        }
    }

    /// A row read back other than written is a stale page: every field, set and unset, with
    /// text that is not ASCII, empty strings, a file that changes between rows, reads back
    /// as it was.
    #[test]
    fn regression_packed_rows_read_back_as_written() {
        let mut rows: Vec<Requirement> = Vec::new();
        for (i, transport) in [None].into_iter().chain(TRANSPORTS.map(Some)).enumerate() {
            let mut r = row(100 + i as u16);
            r.transport = transport;
            r.direction = Direction::ALL.get(i).copied();
            r.necessity = Necessity::ALL.get(i % 4).copied();
            r.exposure = Exposure::ALL.get(i % 3).copied();
            if i % 2 == 1 {
                r.app_protocol = Some("https".into());
                r.peer = Some("Zone publique — ingress".into());
                r.peer_component = Some("p/ingress".into());
                r.condition = Some(String::new());
                r.purpose = Some("Web UI 🌐".into());
                r.variant = Some("aws".into());
            }
            if i == 3 {
                r.source.file = "docs/other.md".into();
            }
            rows.push(r);
        }
        rows.push(row(65_533));
        let packed = pack(&rows).expect("packs");
        assert_eq!(unpack(&packed), Some(rows.clone()));
        // Through the cache's own encoding too.
        let bytes = crate::cache::entry_bytes(&packed).expect("bytes");
        let back: PackedRows = crate::cache::entry_of(&bytes).expect("reads");
        assert_eq!(unpack(&back), Some(rows));
        assert_eq!(unpack(&pack(&[]).expect("packs")), Some(Vec::new()));
    }

    /// A damaged entry is made again, never read as other rows: cut or lengthened text or
    /// numbers do not read.
    #[test]
    fn a_damaged_pack_does_not_read() {
        let rows = vec![row(10), row(20)];
        let packed = pack(&rows).expect("packs");
        let mut cut =
            PackedRows { text: packed.text.clone(), numbers: Bytes(packed.numbers.0.clone()) };
        cut.text.pop();
        assert_eq!(unpack(&cut), None);
        let mut longer =
            PackedRows { text: packed.text.clone(), numbers: Bytes(packed.numbers.0.clone()) };
        longer.numbers.0.push(0);
        assert_eq!(unpack(&longer), None);
        let mut short = PackedRows { text: packed.text.clone(), numbers: Bytes(packed.numbers.0) };
        short.numbers.0.pop();
        assert_eq!(unpack(&short), None);
    }
}
