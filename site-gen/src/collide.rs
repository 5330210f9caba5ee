//! Whether listeners on one port collide across platforms, and whether for different things:
//! the question the conflicts page asks of every port. Asked pair by pair it is quadratic in
//! the listeners of a port (port 22 of a 10,000-document corpus has ~10,000 of them, all SSH,
//! so no early exit), so listeners are grouped into classes that differ only in platform and
//! position, and the question is asked of class pairs.

use std::collections::HashMap;

use portolan_core::model::Transports;

/// What decides a pair's answer, apart from platform and position.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Listener<'a> {
    pub platform: &'a str,
    pub transports: Option<Transports>,
    /// The service (a vocabulary slug): the row's own, else the one the port is registered
    /// for (IANA), which is what a row that names nothing runs by convention.
    pub service: Option<&'a str>,
    /// The purpose, normalised.
    pub purpose: &'a str,
}

pub fn transports_meet(a: Option<Transports>, b: Option<Transports>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.members().iter().any(|t| b.includes(*t)),
        _ => true,
    }
}

/// The transports rows may use, as bits (an unstated transport may be any): two port entries
/// are related (one inside the other) only when their bits meet, so a UDP port is not listed
/// inside a TCP range.
pub fn transport_bits(t: Option<Transports>) -> u8 {
    match t {
        None => u8::MAX,
        Some(t) => t.members().iter().fold(0, |bits, m| {
            bits | match m {
                portolan_core::model::Transport::Tcp => 1,
                portolan_core::model::Transport::Udp => 2,
                portolan_core::model::Transport::Sctp => 4,
            }
        }),
    }
}

/// The pair rule: compared by meaning, not wording. Same service when both have one (seven
/// differently worded "redirect HTTP to HTTPS" rows on port 80 are all HTTP); only when a
/// side has none, the purposes.
fn same_thing(a: &Listener<'_>, b: &Listener<'_>) -> bool {
    match (a.service, b.service) {
        (Some(x), Some(y)) => x == y,
        _ => a.purpose == b.purpose,
    }
}

/// What a class of listeners shares: transports, service, purpose.
type ClassKey<'a> = (Option<Transports>, Option<&'a str>, &'a str);

/// (meets, differs): some pair of listeners of different platforms shares a transport; some
/// such pair (earlier one first) is not the same thing. Equal to asking every pair.
pub fn judge(listeners: &[Listener<'_>]) -> (bool, bool) {
    // Class → its members' (position, platform), in position order.
    let mut index: HashMap<ClassKey<'_>, usize> = HashMap::new();
    let mut classes: Vec<(&Listener<'_>, Vec<(usize, &str)>)> = Vec::new();
    for (position, l) in listeners.iter().enumerate() {
        let at = *index.entry((l.transports, l.service, l.purpose)).or_insert_with(|| {
            classes.push((l, Vec::new()));
            classes.len() - 1
        });
        classes[at].1.push((position, l.platform));
    }
    let (mut meets, mut differs) = (false, false);
    for (i, (a, members_a)) in classes.iter().enumerate() {
        for (j, (b, members_b)) in classes.iter().enumerate() {
            if !transports_meet(a.transports, b.transports) {
                continue;
            }
            let exists = if i == j {
                two_platforms(members_a)
            } else {
                earlier_other_platform(members_a, members_b)
            };
            if exists {
                meets = true;
                differs |= !same_thing(a, b);
                if differs {
                    return (true, true);
                }
            }
        }
    }
    (meets, differs)
}

fn two_platforms(members: &[(usize, &str)]) -> bool {
    members.iter().any(|(_, p)| *p != members[0].1)
}

/// Some `a` of `first` before some `b` of `second`, of another platform. One merge of the two
/// position-ordered lists, remembering up to two platforms of `first` seen so far.
fn earlier_other_platform(first: &[(usize, &str)], second: &[(usize, &str)]) -> bool {
    let mut seen: [Option<&str>; 2] = [None, None];
    let mut next = 0;
    for &(position, platform) in second {
        while next < first.len() && first[next].0 < position {
            let p = first[next].1;
            match seen {
                [None, _] => seen[0] = Some(p),
                [Some(q), None] if q != p => seen[1] = Some(p),
                _ => {}
            }
            next += 1;
        }
        if seen.iter().flatten().any(|p| *p != platform) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: every pair.
    fn pairwise(listeners: &[Listener<'_>]) -> (bool, bool) {
        let (mut meets, mut differs) = (false, false);
        for (n, a) in listeners.iter().enumerate() {
            for b in &listeners[n + 1..] {
                if a.platform == b.platform || !transports_meet(a.transports, b.transports) {
                    continue;
                }
                meets = true;
                differs |= !same_thing(a, b);
            }
        }
        (meets, differs)
    }

    fn listener<'a>(platform: &'a str, service: Option<&'a str>, purpose: &'a str) -> Listener<'a> {
        Listener { platform, transports: Some(Transports::parse("tcp").unwrap()), service, purpose }
    }

    /// Port 80 of the shipped content: rows of two platforms, all HTTP→HTTPS redirects worded
    /// seven ways, were listed as "same port, different purpose".
    #[test]
    fn regression_http_redirects_worded_differently_are_one_service() {
        let rows = [
            listener("openlm", Some("http"), "http ingress that redirects to https"),
            listener("activate", Some("http"), "http redirect"),
            listener("activate", Some("http"), "redirects http to https"),
        ];
        assert_eq!(judge(&rows), (true, false));
        let other = [listener("openlm", Some("http"), "x"), listener("b", Some("grafana"), "x")];
        assert_eq!(judge(&other), (true, true), "different services differ, whatever the words");
    }

    /// Without a service on a side, the purposes decide.
    #[test]
    fn no_service_falls_back_to_the_purpose() {
        let a = listener("a", None, "agent uploads");
        assert_eq!(judge(&[a.clone(), listener("b", Some("https"), "x")]), (true, true));
        assert_eq!(judge(&[a, listener("b", None, "agent uploads")]), (true, false));
    }

    #[test]
    fn equals_asking_every_pair() {
        let platforms = ["a", "b", "c"];
        let transports = [
            None,
            Some(Transports::parse("tcp").unwrap()),
            Some(Transports::parse("udp").unwrap()),
        ];
        let services = [None, Some("ssh"), Some("https")];
        let purposes = ["x", "y"];
        // A small deterministic generator: many short lists over every attribute.
        let mut state: u64 = 7;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % n
        };
        for _ in 0..5_000 {
            let len = 1 + next(6);
            let list: Vec<Listener<'_>> = (0..len)
                .map(|_| {
                    let service = services[next(3)];
                    Listener {
                        platform: platforms[next(3)],
                        transports: transports[next(3)],
                        service,
                        purpose: purposes[next(2)],
                    }
                })
                .collect();
            assert_eq!(judge(&list), pairwise(&list), "{list:?}");
        }
    }
}
