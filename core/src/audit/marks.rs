//! Packet marks along one packet's path: the rules that set a mark (`-j MARK --set-xmark`,
//! `meta mark set …`) for the traffic they match, in the order the walk meets them, and what a
//! later mark test (`-m mark --mark 0x10000/0x10000`, `meta mark & 0x10000 != 0`) then
//! matches. Calico's policy chains accept this way: they set an accept bit and return, and
//! `cali-INPUT` accepts what carries it.
//!
//! The walk's regions are the traffic as it arrived, so a mark is a function of where a packet
//! lies in that space: the writes so far cut a rule's region into pieces, each with the mark
//! its packets carry (some bits possibly unknown: `ct mark`, a write on a match Portolan does
//! not model).

use super::model::{MarkTest, MarkWrite};
use super::region::Region;

/// Past this many pieces a test is not decided (read generously, said).
const MAX_PIECES: usize = 512;

/// A packet's mark as far as the ruleset says: the bits of `known` are those of `value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub known: u32,
    pub value: u32,
}

impl Mark {
    /// Every bit 0.
    #[cfg(test)]
    pub const ZERO: Mark = Mark { known: u32::MAX, value: 0 };
    /// Nothing known (a mark set where the walk does not see it).
    pub const UNKNOWN: Mark = Mark { known: 0, value: 0 };

    pub fn after(self, write: MarkWrite) -> Mark {
        let known = (self.known | !write.keep) & !write.unknown;
        Mark { known, value: ((self.value & write.keep) ^ write.flip) & known }
    }

    /// `Some(matches)` when the bits the test reads are known.
    pub fn passes(self, test: &MarkTest) -> Option<bool> {
        if self.known & test.mask != test.mask {
            return None;
        }
        Some(((self.value & test.mask) == test.value) != test.negated)
    }
}

/// A write that may or may not have happened (on a match Portolan does not model): the bits
/// it changes become unknown.
pub fn maybe(write: MarkWrite) -> MarkWrite {
    MarkWrite::unknown(!write.keep | write.flip | write.unknown)
}

/// The writes met so far on the path, in order, each with the traffic it applied to.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub writes: Vec<(Region, MarkWrite)>,
}

/// What a rule's mark tests make of its region: the part they match, and the part they
/// may match (some bit they read is not known), with the tests not decided there.
#[derive(Debug, Default)]
pub struct Split {
    pub matched: Vec<Region>,
    pub unsure: Vec<(Region, String)>,
}

impl History {
    /// `region` cut into pieces by the writes so far, each with its mark (`start` before
    /// them); `None` past [`MAX_PIECES`].
    pub fn marks_of(&self, region: &Region, start: Mark) -> Option<Vec<(Region, Mark)>> {
        let mut pieces = vec![(region.clone(), start)];
        for (applied, write) in &self.writes {
            let mut next = Vec::new();
            for (piece, mark) in pieces {
                let common = piece.intersection(applied);
                if common.is_empty() {
                    next.push((piece, mark));
                    continue;
                }
                next.push((common, mark.after(*write)));
                next.extend(piece.minus(applied).into_iter().map(|rest| (rest, mark)));
            }
            pieces = merged(next);
            if pieces.len() > MAX_PIECES {
                return None;
            }
        }
        Some(pieces)
    }

    /// Splits `region` by `tests` (all must hold). `start`: the mark the path began with.
    pub fn split(&self, region: &Region, tests: &[MarkTest], start: Mark) -> Split {
        let written = || {
            tests
                .iter()
                .map(|t| format!("`{}` (a mark not known here)", t.written))
                .collect::<Vec<_>>()
        };
        let Some(pieces) = self.marks_of(region, start) else {
            return Split {
                matched: Vec::new(),
                unsure: vec![(region.clone(), written().join(", "))],
            };
        };
        let mut split = Split::default();
        for (piece, mark) in pieces {
            let mut unsure = Vec::new();
            let mut fails = false;
            for test in tests {
                match mark.passes(test) {
                    Some(true) => {}
                    Some(false) => fails = true,
                    None => unsure.push(format!("`{}` (a mark not known here)", test.written)),
                }
            }
            if fails {
                continue;
            }
            if unsure.is_empty() {
                split.matched.push(piece);
            } else {
                split.unsure.push((piece, unsure.join(", ")));
            }
        }
        split
    }
}

/// Pieces with the same mark whose regions differ in one dimension only would be merged by a
/// smarter structure; here only identical neighbours are (enough to keep the count low on
/// chains that set and clear the same bits).
fn merged(pieces: Vec<(Region, Mark)>) -> Vec<(Region, Mark)> {
    let mut out: Vec<(Region, Mark)> = Vec::with_capacity(pieces.len());
    for (region, mark) in pieces {
        if region.is_empty() {
            continue;
        }
        if !out.iter().any(|(r, m)| *m == mark && *r == region) {
            out.push((region, mark));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::model::Match;
    use crate::model::Transport;

    fn tcp(port: &str) -> Region {
        Region::of(&Match {
            transports: Some(vec![Transport::Tcp]),
            ports: Some(vec![port.parse().unwrap()]),
            ..Match::default()
        })
    }

    fn test(value: u32, mask: u32, negated: bool) -> MarkTest {
        MarkTest { value, mask, negated, written: format!("{value:#x}/{mask:#x}") }
    }

    #[test]
    fn writes_compose_like_the_kernel() {
        let m = Mark::ZERO.after(MarkWrite::xmark(0x10000, 0x10000));
        assert_eq!(m, Mark { known: u32::MAX, value: 0x10000 });
        // `meta mark set meta mark & 0xffff0100 | 0x100` keeps the high half, sets 0x100.
        let w = MarkWrite { keep: u32::MAX, flip: 0, unknown: 0 }.and(0xffff_0100).or(0x100);
        let m = Mark { known: u32::MAX, value: 0x0001_00ff }.after(w);
        assert_eq!(m.value, 0x0001_0100);
        // `ct mark` restored: unknown bits; a later clear of them makes them known again.
        let m = Mark::ZERO.after(MarkWrite::unknown(0xff)).after(MarkWrite::xmark(0, 0xf));
        assert_eq!(m.known, !0xf0);
        assert_eq!(m.passes(&test(0, 0xf, false)), Some(true));
        assert_eq!(m.passes(&test(0, 0xff, false)), None);
        assert_eq!(m.passes(&test(1, 0xf, true)), Some(true));
    }

    #[test]
    fn a_mark_set_for_one_port_is_tested_for_that_port_only() {
        let history = History { writes: vec![(tcp("443"), MarkWrite::xmark(0x10000, 0x10000))] };
        let split = history.split(&tcp("1-65535"), &[test(0x10000, 0x10000, false)], Mark::ZERO);
        assert_eq!(split.matched, vec![tcp("443")]);
        assert!(split.unsure.is_empty());
        // Whatever the mark was, 443's bit is set; the other ports' is not known.
        let split = history.split(&tcp("1-65535"), &[test(0x10000, 0x10000, false)], Mark::UNKNOWN);
        assert_eq!(split.matched, vec![tcp("443")]);
        assert!(!split.unsure.is_empty(), "{split:?}");
        assert!(split.unsure.iter().all(|(r, _)| r.intersection(&tcp("443")).is_empty()));
        assert_eq!(maybe(MarkWrite::xmark(0x10000, 0x10000)), MarkWrite::unknown(0x10000));
    }
}
