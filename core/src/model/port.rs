//! Ports, port ranges and transports: the vocabulary every other module speaks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An inclusive range of TCP/UDP/SCTP ports, `start <= end`, never containing port 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PortRange {
    start: u16,
    end: u16,
}

/// Why a port or range could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PortError {
    #[error("port 0 is reserved and cannot be opened")]
    Zero,
    #[error("port {0} is larger than 65535")]
    TooLarge(u64),
    #[error("range {start}-{end} is reversed (the start is larger than the end)")]
    Reversed { start: u16, end: u16 },
    #[error("`{0}` is not a port number")]
    NotANumber(String),
}

impl PortRange {
    /// A range from `start` to `end` inclusive.
    pub fn new(start: u16, end: u16) -> Result<Self, PortError> {
        if start == 0 {
            return Err(PortError::Zero);
        }
        if start > end {
            return Err(PortError::Reversed { start, end });
        }
        Ok(Self { start, end })
    }

    /// A single port.
    pub fn single(port: u16) -> Result<Self, PortError> {
        Self::new(port, port)
    }

    /// Checks a number as written in a document, which may exceed u16.
    pub fn port_number(value: u64) -> Result<u16, PortError> {
        match value {
            0 => Err(PortError::Zero),
            1..=65535 => Ok(value as u16),
            _ => Err(PortError::TooLarge(value)),
        }
    }

    pub fn start(self) -> u16 {
        self.start
    }

    pub fn end(self) -> u16 {
        self.end
    }

    pub fn is_single(self) -> bool {
        self.start == self.end
    }

    /// Number of ports in the range.
    pub fn len(self) -> u32 {
        u32::from(self.end) - u32::from(self.start) + 1
    }

    /// Always false: a range holds at least one port. Present for clippy's `len_without_is_empty`.
    pub fn is_empty(self) -> bool {
        false
    }

    pub fn contains_port(self, port: u16) -> bool {
        self.start <= port && port <= self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(self, other: PortRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: PortRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The ports both ranges share, if any.
    pub fn intersection(self, other: PortRange) -> Option<PortRange> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(PortRange { start, end })
    }

    /// True when the two ranges overlap or touch, so that their union is one range.
    pub fn adjoins(self, other: PortRange) -> bool {
        u32::from(self.start) <= u32::from(other.end) + 1
            && u32::from(other.start) <= u32::from(self.end) + 1
    }

    /// The smallest range covering both.
    pub fn hull(self, other: PortRange) -> PortRange {
        PortRange { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

impl FromStr for PortRange {
    type Err = PortError;

    /// Parses `443`, `2379-2380` or `8192–60000` (en dash).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let number = |part: &str| -> Result<u16, PortError> {
            let part = part.trim();
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(PortError::NotANumber(part.to_owned()));
            }
            // More than 6 digits cannot be a port; saturate instead of overflowing.
            let value = part.parse::<u64>().unwrap_or(u64::MAX);
            PortRange::port_number(value)
        };
        match text.split_once(['-', '–', '—']) {
            Some((start, end)) => {
                let start = number(start)?;
                let end = number(end)?;
                PortRange::new(start, end)
            }
            None => PortRange::single(number(text)?),
        }
    }
}

impl Serialize for PortRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PortRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A transport protocol as a firewall sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Tcp,
    Udp,
    Sctp,
}

impl Transport {
    pub const ALL: [Transport; 3] = [Transport::Tcp, Transport::Udp, Transport::Sctp];

    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Tcp => "tcp",
            Transport::Udp => "udp",
            Transport::Sctp => "sctp",
        }
    }

    /// Reads `tcp`, `UDP`, `sctp` (any case).
    pub fn parse(word: &str) -> Option<Transport> {
        // Compared without a lowercase copy: extraction asks this of every word it reads.
        let word = word.trim();
        [("tcp", Transport::Tcp), ("udp", Transport::Udp), ("sctp", Transport::Sctp)]
            .into_iter()
            .find(|(name, _)| word.eq_ignore_ascii_case(name))
            .map(|(_, transport)| transport)
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The transports a requirement names: one, or TCP and UDP together (`TCP/UDP` in a document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Transports {
    One(Transport),
    TcpAndUdp,
}

impl Transports {
    pub fn members(self) -> &'static [Transport] {
        match self {
            Transports::One(Transport::Tcp) => &[Transport::Tcp],
            Transports::One(Transport::Udp) => &[Transport::Udp],
            Transports::One(Transport::Sctp) => &[Transport::Sctp],
            Transports::TcpAndUdp => &[Transport::Tcp, Transport::Udp],
        }
    }

    pub fn includes(self, transport: Transport) -> bool {
        self.members().contains(&transport)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Transports::One(t) => t.as_str(),
            Transports::TcpAndUdp => "tcp+udp",
        }
    }

    /// Reads `tcp`, `udp`, `sctp`, `tcp+udp`, `TCP/UDP`, `udp/tcp`.
    pub fn parse(text: &str) -> Option<Transports> {
        let text = text.trim();
        if ["tcp+udp", "tcp/udp", "udp/tcp", "udp+tcp", "tcp & udp", "tcp and udp"]
            .iter()
            .any(|both| text.eq_ignore_ascii_case(both))
        {
            return Some(Transports::TcpAndUdp);
        }
        Transport::parse(text).map(Transports::One)
    }

    /// Combines two statements about the same port: TCP and UDP together make `TcpAndUdp`.
    pub fn union(self, other: Transports) -> Option<Transports> {
        if self == other {
            return Some(self);
        }
        let both_tcp_udp =
            self.members().iter().chain(other.members()).all(|t| *t != Transport::Sctp);
        both_tcp_udp.then_some(Transports::TcpAndUdp)
    }
}

impl From<Transport> for Transports {
    fn from(transport: Transport) -> Self {
        Transports::One(transport)
    }
}

impl fmt::Display for Transports {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Transports {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Transports {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Transports::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown transport `{text}`: expected tcp, udp, sctp or tcp+udp"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_single_ports_and_ranges_with_hyphen_or_en_dash() {
        assert_eq!("443".parse::<PortRange>(), PortRange::single(443));
        assert_eq!("2379-2380".parse::<PortRange>(), PortRange::new(2379, 2380));
        assert_eq!("8192–60000".parse::<PortRange>(), PortRange::new(8192, 60000));
        assert_eq!(" 30000 - 32767 ".parse::<PortRange>(), PortRange::new(30000, 32767));
    }

    #[test]
    fn rejects_zero_too_large_reversed_and_garbage() {
        assert_eq!("0".parse::<PortRange>(), Err(PortError::Zero));
        assert_eq!("70000".parse::<PortRange>(), Err(PortError::TooLarge(70000)));
        assert_eq!(
            "99999999999999999999999".parse::<PortRange>(),
            Err(PortError::TooLarge(u64::MAX))
        );
        assert_eq!(
            "2380-2379".parse::<PortRange>(),
            Err(PortError::Reversed { start: 2380, end: 2379 })
        );
        assert!(matches!("https".parse::<PortRange>(), Err(PortError::NotANumber(_))));
        assert!(matches!("-5".parse::<PortRange>(), Err(PortError::NotANumber(_))));
    }

    #[test]
    fn range_relations() {
        let nodeport = PortRange::new(30000, 32767).unwrap();
        let pg = PortRange::single(30432).unwrap();
        assert!(nodeport.contains(pg));
        assert!(nodeport.overlaps(pg));
        assert_eq!(nodeport.intersection(pg), Some(pg));
        assert!(!pg.overlaps(PortRange::single(443).unwrap()));
        assert!(PortRange::new(1, 5).unwrap().adjoins(PortRange::new(6, 9).unwrap()));
        assert!(!PortRange::new(1, 5).unwrap().adjoins(PortRange::new(7, 9).unwrap()));
        assert_eq!(PortRange::new(1, 65535).unwrap().len(), 65535);
    }

    #[test]
    fn transports_parse_and_union() {
        assert_eq!(Transports::parse("TCP/UDP"), Some(Transports::TcpAndUdp));
        assert_eq!(Transports::parse("udp"), Some(Transports::One(Transport::Udp)));
        assert_eq!(Transports::parse("icmp"), None);
        let tcp = Transports::One(Transport::Tcp);
        let udp = Transports::One(Transport::Udp);
        assert_eq!(tcp.union(udp), Some(Transports::TcpAndUdp));
        assert_eq!(tcp.union(Transports::One(Transport::Sctp)), None);
        assert_eq!(serde_json::to_string(&Transports::TcpAndUdp).unwrap(), "\"tcp+udp\"");
    }
}
