//! Small readers shared by the ruleset formats: shell-like words with their columns, ports,
//! port lists and addresses as the tools print them.

use std::net::IpAddr;

use ipnet::IpNet;

use super::model::{Match, Note, Ruleset};
use super::region::nets_of;
use crate::check::space::{AddressSet, Span, addr_span, all, net_span};
use crate::data::Node;
use crate::model::{IpFamily, PortRange, Transport};

/// `text` read as JSON; when it is not, `None`, and the reason is noted in `ruleset` where the
/// text stops being JSON (the first step of every JSON listing's reader).
pub fn json_or_note(text: &str, ruleset: &mut Ruleset) -> Option<Node> {
    match crate::data::json_syntax::parse(text) {
        Ok(node) => Some(node),
        Err(error) => {
            ruleset.notes.push(Note::error(
                error.position,
                format!("not JSON Portolan can read: {}", error.message),
            ));
            None
        }
    }
}

/// A word of a line and the column (1-based, in characters) it starts at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: std::borrow::Cow<'a, str>,
    pub column: u32,
}

/// Splits on whitespace; `"…"` is one word (quotes removed, `\"` kept as `"`). `{`, `}` and `,`
/// are words of their own when `punctuation` is set (nft), part of words otherwise.
pub fn words(line: &str, punctuation: bool) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    let column = |index: usize| u32::try_from(index + 1).unwrap_or(u32::MAX);
    while i < chars.len() {
        let (byte, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '"' {
            let mut text = String::new();
            let start = i;
            i += 1;
            while i < chars.len() && chars[i].1 != '"' {
                if chars[i].1 == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                text.push(chars[i].1);
                i += 1;
            }
            i += 1;
            out.push(Word { text: text.into(), column: column(start) });
            continue;
        }
        if punctuation && matches!(c, '{' | '}' | ',' | ';') {
            out.push(Word { text: line[byte..byte + 1].into(), column: column(i) });
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && !chars[i].1.is_whitespace()
            && !(punctuation && matches!(chars[i].1, '{' | '}' | ',' | ';'))
        {
            i += 1;
        }
        let end = chars.get(i).map_or(line.len(), |(b, _)| *b);
        out.push(Word { text: line[byte..end].into(), column: column(start) });
    }
    out
}

/// `443`, `8472:8473` (iptables) or `8472-8473` (nft), or a well-known service name.
pub fn port_range(text: &str) -> Option<PortRange> {
    let single = |t: &str| -> Option<u16> {
        t.parse::<u16>().ok().or_else(|| service_port(t)).filter(|p| *p > 0)
    };
    // Regression: `ftp-data` and `http-alt` (names with a dash) were read as ranges.
    let split = text.split_once(':').or_else(|| match service_port(text) {
        Some(_) => None,
        None => text.split_once('-'),
    });
    if let Some((a, b)) = split {
        let start = if a.is_empty() { 1 } else { single(a)? };
        let end = if b.is_empty() { u16::MAX } else { single(b)? };
        return PortRange::new(start, end).ok();
    }
    PortRange::single(single(text)?).ok()
}

/// A port match as written (`--dport 0:1023`, `th dport 0`): [`port_range`], but port 0, which
/// no connection is addressed to or comes from, may start a range (`0:1023` is 1-1023) or
/// stand alone (no port: the match concerns no connection).
/// Regression: arno-iptables-firewall's `--dport 0` and `--dport 0:1023` were unreadable, and
/// its `-p tcp --dport 0 -j DROP` read as dropping every TCP connection.
pub fn port_match(text: &str) -> Option<Vec<PortRange>> {
    let zero = |t: &str| t.parse::<u16>().ok() == Some(0);
    match text.split_once(':').or_else(|| text.split_once('-')) {
        _ if zero(text) => Some(Vec::new()),
        Some((a, b)) if zero(a) && zero(b) => Some(Vec::new()),
        Some((a, b)) if zero(a) => port_range(&format!("1:{b}")).map(|r| vec![r]),
        _ => port_range(text).map(|r| vec![r]),
    }
}

/// A list of port matches (nft's `{ 0, 80-443 }` as its values, iptables' `80,443` split on
/// commas), each read by [`port_match`]; `None` when one is not a port.
pub fn port_matches<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<Vec<PortRange>> {
    values.into_iter().map(port_match).collect::<Option<Vec<_>>>().map(|p| p.concat())
}

/// A source-port match (`--sport`, `tcp sport`; `ranges` already complemented when negated,
/// `None` when not ports) on `m`. Clients connect from unprivileged ports (Linux 32768-60999,
/// Windows 49152-65535, all above 1023): a match holding all of them concerns every client
/// connection (FireHOL's `--sport 1024:65535` on each server rule), one holding no port
/// (arno's and Shorewall's `--sport 0` drops) none; any other is assumed, as `written`.
pub fn source_ports(m: &mut Match, ranges: Option<Vec<PortRange>>, written: String) {
    let clients = PortRange::new(1024, u16::MAX).ok();
    let covered = |r: &[PortRange]| {
        clients.is_some_and(|c| r.iter().any(|x| x.start() <= c.start() && x.end() >= c.end()))
    };
    match ranges {
        Some(r) if covered(&r) => {}
        Some(r) if r.is_empty() => m.no_new_connections = true,
        _ => m.assumed.push(written),
    }
}

/// Service names `nft` and iptables may print instead of numbers (`/etc/services`' names
/// of the ports hosts filter most; `iptables -L` without `-n` prints them). Another name is
/// an error at its line, never a guess.
fn service_port(name: &str) -> Option<u16> {
    Some(match name {
        "tcpmux" => 1,
        "ftp-data" => 20,
        "ftp" => 21,
        "ssh" => 22,
        "telnet" => 23,
        "smtp" => 25,
        "domain" => 53,
        "bootps" => 67,
        "bootpc" => 68,
        "tftp" => 69,
        "http" => 80,
        "kerberos" => 88,
        "pop3" => 110,
        "sunrpc" => 111,
        "ntp" => 123,
        "epmap" => 135,
        "netbios-ns" => 137,
        "netbios-dgm" => 138,
        "netbios-ssn" => 139,
        "imap2" | "imap" => 143,
        "snmp" => 161,
        "snmp-trap" => 162,
        "ldap" => 389,
        "https" => 443,
        "microsoft-ds" => 445,
        "submissions" => 465,
        "syslog" => 514,
        "submission" => 587,
        "ldaps" => 636,
        "rsync" => 873,
        "imaps" => 993,
        "pop3s" => 995,
        "openvpn" => 1194,
        "ms-sql-s" => 1433,
        "mysql" => 3306,
        "postgresql" => 5432,
        "http-alt" => 8080,
        _ => return None,
    })
}

/// `10.0.0.0/22`, `10.0.0.10` (a /32), `::1`, `10.0.0.0/255.255.252.0` (iptables' mask form).
pub fn net(text: &str) -> Option<IpNet> {
    if let Ok(net) = text.parse::<IpNet>() {
        return Some(net.trunc());
    }
    if let Ok(address) = text.parse::<IpAddr>() {
        return Some(IpNet::from(address));
    }
    let (address, mask) = text.split_once('/')?;
    let address: IpAddr = address.parse().ok()?;
    let mask: IpAddr = mask.parse().ok()?;
    let prefix = match mask {
        IpAddr::V4(m) => u32::from(m).leading_ones(),
        IpAddr::V6(m) => u128::from(m).leading_ones(),
    };
    IpNet::new(address, u8::try_from(prefix).ok()?).ok().map(|n| n.trunc())
}

/// A CIDR, an address, or an address range `10.0.0.10-10.0.0.12` (nft prints merged
/// intervals that way) as the CIDRs that make it up.
pub fn nets(text: &str) -> Option<Vec<IpNet>> {
    if let Some(one) = net(text) {
        return Some(vec![one]);
    }
    let (a, b) = text.split_once('-')?;
    let (a, b): (IpAddr, IpAddr) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    let (fa, sa) = addr_span(a);
    let (fb, sb) = addr_span(b);
    if fa != fb || sa.start > sb.start {
        return None;
    }
    Some(nets_of(&AddressSet::from_spans(fa, Span::new(sa.start, sb.start))))
}

/// Every address but `nets` (`! -s 10.0.0.0/8`, `ip saddr != 10.0.0.0/8`), within `family`
/// when the table or rule says it, else within the families `nets` are of (`ip saddr !=`
/// matches IPv4 packets only).
pub fn complement_nets(nets: &[IpNet], family: Option<IpFamily>) -> Vec<IpNet> {
    let excluded = AddressSet::from_nets(nets.iter().copied());
    let mut space = AddressSet::default();
    for f in [IpFamily::V4, IpFamily::V6] {
        let present = nets.iter().any(|n| net_span(*n).0 == f);
        if family.map_or(present, |only| only == f) {
            space.push(f, all(f));
        }
    }
    nets_of(&space.minus(&excluded))
}

/// The addresses both lists hold: a second address match narrows the first (`-s` with
/// `--src-range`, `ip saddr 10.0.0.0/8 ip saddr != 10.0.0.66`). `None` for the first match.
pub fn narrowed(old: Option<Vec<IpNet>>, new: Vec<IpNet>) -> Vec<IpNet> {
    match old {
        None => new,
        Some(old) => nets_of(&AddressSet::from_nets(old).intersection(&AddressSet::from_nets(new))),
    }
}

/// Every port 1-65535 but `ranges` (`! --dport 1:1023`, `th dport != 1-1023`).
pub fn complement_ports(ranges: &[PortRange]) -> Vec<PortRange> {
    let mut sorted: Vec<(u16, u16)> = ranges.iter().map(|r| (r.start(), r.end())).collect();
    sorted.sort_unstable();
    let mut out = Vec::new();
    let mut next: u32 = 1;
    for (start, end) in sorted {
        if u32::from(start) > next {
            let from = u16::try_from(next).unwrap_or(u16::MAX);
            out.extend(PortRange::new(from, start - 1).ok());
        }
        next = next.max(u32::from(end) + 1);
    }
    if next <= u32::from(u16::MAX) {
        let from = u16::try_from(next).unwrap_or(u16::MAX);
        out.extend(PortRange::new(from, u16::MAX).ok());
    }
    out
}

/// Does the first packet of a new TCP connection (SYN alone) pass a flags test: the flags of
/// `mask` compared with those of `comparison` (iptables `--tcp-flags FIN,SYN,RST,ACK SYN`, nft
/// `tcp flags syn / fin,syn,rst,ack`; upper or lower case, `ALL`, `NONE`)? `None` when a
/// word is not a flag.
pub fn syn_passes(mask: &str, comparison: &str) -> Option<bool> {
    let bits = |list: &str| -> Option<u8> {
        list.split([',', '|'])
            .map(|f| match f.trim().to_ascii_uppercase().as_str() {
                "FIN" => Some(1),
                "SYN" => Some(2),
                "RST" => Some(4),
                "PSH" => Some(8),
                "ACK" => Some(16),
                "URG" => Some(32),
                "ECN" | "ECE" => Some(64),
                "CWR" => Some(128),
                "ALL" => Some(63),
                "NONE" => Some(0),
                _ => None,
            })
            .try_fold(0u8, |acc, b| b.map(|b| acc | b))
    };
    let (mask, comparison) = (bits(mask)?, bits(comparison)?);
    Some(2 & mask == comparison & mask)
}

/// Whether a packet from the network may come in on interfaces `names` (`-i`, `iifname`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FromNetwork {
    /// Loopback or a bridge of this host's containers: never traffic from the network.
    Never,
    /// `! -i docker0`: every packet from the network.
    Always,
    /// Another interface: which one a packet comes in on is not modelled.
    Unknown,
}

/// `-i NAME` (`negated`: `! -i NAME`). Traffic from the network never comes in on loopback or
/// on the bridges container engines create for their own containers (`docker0`, Docker's
/// `br-` + 12 hex digits, `cni0`, Calico's `cali…`, `veth…`, libvirt's `virbr…`, podman's, LXD's),
/// and the DNAT'd traffic to a published port comes in from the network.
pub fn from_network(names: &[&str], negated: bool) -> FromNetwork {
    let local = |name: &str| {
        let name = name.trim_end_matches(['+', '*']);
        let docker_network = name
            .strip_prefix("br-")
            .is_some_and(|id| id.len() == 12 && id.chars().all(|c| c.is_ascii_hexdigit()));
        name == "lo"
            || docker_network
            || matches!(name, "docker0" | "docker_gwbridge" | "cni0" | "kube-bridge" | "lxcbr0")
            || ["cali", "veth", "virbr", "podman", "lxdbr"].iter().any(|p| {
                name.strip_prefix(p)
                    .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_alphanumeric()))
            })
    };
    if names.is_empty() || !names.iter().all(|n| local(n)) {
        FromNetwork::Unknown
    } else if negated {
        FromNetwork::Always
    } else {
        FromNetwork::Never
    }
}

/// Whether connection states (`established,related`) include the established ones: the
/// replies to connections the host opened.
pub fn established(states: &[impl AsRef<str>]) -> bool {
    states.iter().any(|s| s.as_ref().eq_ignore_ascii_case("established"))
}

/// What a conntrack state list (`--ctstate`, `ct state`) says of new connections. The list is
/// an "or": one holding `new` (or `untracked`, a new connection exempted from tracking)
/// matches every new connection whatever else it lists (Shorewall's `INVALID,NEW,UNTRACKED`),
/// one of `established`, `related`, `invalid` only matches none; `None` for anything else.
pub fn new_connections(states: &[impl AsRef<str>]) -> Option<bool> {
    let is = |s: &str, names: &[&str]| names.iter().any(|n| s.eq_ignore_ascii_case(n));
    if states.iter().any(|s| is(s.as_ref(), &["new", "untracked"])) {
        Some(true)
    } else if !states.is_empty()
        && states.iter().all(|s| is(s.as_ref(), &["established", "related", "invalid"]))
    {
        Some(false)
    } else {
        None
    }
}

/// `fib saddr . mark . iif oif missing` (firewalld's and the nft wiki's reverse-path filter):
/// true only for a packet whose source is not routed back through the interface it came in
/// on, a spoofed one; no planned connection fails it.
pub fn reverse_path_check(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().filter(|w| *w != ".").collect();
    matches!(words.as_slice(), ["fib", "saddr", flags @ .., "oif", "missing" | "0"]
        if flags.iter().all(|f| matches!(*f, "mark" | "iif")))
}

/// `tcp`, `udp`, `sctp`, or a protocol number; `Some(None)` for a protocol Portolan does not
/// plan (`icmp`, `esp`…), `None` when it is not a protocol at all.
pub fn protocol(text: &str) -> Option<Option<Transport>> {
    let lower = text.to_ascii_lowercase();
    match lower.as_str() {
        "tcp" | "6" => Some(Some(Transport::Tcp)),
        "udp" | "17" => Some(Some(Transport::Udp)),
        "sctp" | "132" => Some(Some(Transport::Sctp)),
        "icmp" | "1" | "icmpv6" | "ipv6-icmp" | "58" | "esp" | "50" | "ah" | "51" | "gre"
        | "47" | "igmp" | "2" | "vrrp" | "112" | "udplite" | "136" | "dccp" | "33" => Some(None),
        _ if lower.parse::<u8>().is_ok() => Some(None),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: `iptables -L` without `-n` prints `/etc/services` names, some with a dash
    /// (`ftp-data`, `http-alt`), which were split as a range of two unknown names.
    #[test]
    fn regression_service_names_with_a_dash_are_one_port() {
        assert_eq!(port_range("ftp-data"), PortRange::single(20).ok());
        assert_eq!(port_range("http-alt"), PortRange::single(8080).ok());
        assert_eq!(port_range("epmap:netbios-ssn"), PortRange::new(135, 139).ok());
        assert_eq!(port_range("8000-8080"), PortRange::new(8000, 8080).ok());
        assert_eq!(port_range("no-such-name"), None);
    }

    #[test]
    fn words_keep_quotes_and_columns() {
        let w = words(r#"-A INPUT -m comment --comment "a b" -j ACCEPT"#, false);
        let texts: Vec<&str> = w.iter().map(|w| &*w.text).collect();
        assert_eq!(texts, ["-A", "INPUT", "-m", "comment", "--comment", "a b", "-j", "ACCEPT"]);
        assert_eq!(w[5].column, 31);
        let w = words("tcp dport { 80, 443 } accept", true);
        let texts: Vec<&str> = w.iter().map(|w| &*w.text).collect();
        assert_eq!(texts, ["tcp", "dport", "{", "80", ",", "443", "}", "accept"]);
    }

    #[test]
    fn ports_and_nets_as_the_tools_print_them() {
        assert_eq!(port_range("8472:8473").map(|r| r.to_string()).as_deref(), Some("8472-8473"));
        assert_eq!(port_range("8472-8473").map(|r| r.to_string()).as_deref(), Some("8472-8473"));
        assert_eq!(port_range("ssh").map(|r| r.to_string()).as_deref(), Some("22"));
        assert_eq!(port_range("0"), None);
        assert_eq!(port_match("0"), Some(Vec::new()));
        assert_eq!(port_match("0:0"), Some(Vec::new()));
        let low = port_match("0:1023").unwrap_or_default();
        assert_eq!(low.iter().map(ToString::to_string).collect::<Vec<_>>(), ["1-1023"]);
        assert_eq!(port_match("443").map(|r| r.len()), Some(1));
        assert_eq!(port_match("x:80"), None);
        assert_eq!(new_connections(&["INVALID", "NEW", "UNTRACKED"]), Some(true));
        assert_eq!(new_connections(&["established", "related"]), Some(false));
        assert_eq!(new_connections(&["SNAT"]), None);
        assert_eq!(port_range("70000"), None);
        assert_eq!(net("10.0.0.5/255.255.255.0"), Some("10.0.0.0/24".parse().unwrap()));
        assert_eq!(net("10.0.0.5"), Some("10.0.0.5/32".parse().unwrap()));
        assert_eq!(net("nonsense"), None);
        let range: Vec<String> =
            nets("10.0.0.10-10.0.0.12").unwrap().iter().map(|n| n.to_string()).collect();
        assert_eq!(range, ["10.0.0.10/31", "10.0.0.12/32"]);
        assert_eq!(nets("10.0.0.12-10.0.0.10"), None);
    }

    #[test]
    fn negated_addresses_and_ports_are_their_complements() {
        let show = |n: Vec<IpNet>| n.iter().map(ToString::to_string).collect::<Vec<_>>();
        let not_ten = complement_nets(&[net("10.0.0.0/8").unwrap()], None);
        assert_eq!(show(not_ten.clone())[..2], ["0.0.0.0/5", "8.0.0.0/7"]);
        assert!(!not_ten.iter().any(|n| n.contains(&net("10.1.2.3").unwrap())));
        assert!(not_ten.iter().all(|n| matches!(n, IpNet::V4(_))));
        let v6 = complement_nets(&[net("10.0.0.0/8").unwrap()], Some(IpFamily::V6));
        assert_eq!(show(v6), ["::/0"]);
        assert_eq!(show(narrowed(Some(vec![net("10.0.0.0/8").unwrap()]), not_ten)), [""; 0]);
        let ports = |r: Vec<PortRange>| r.iter().map(ToString::to_string).collect::<Vec<_>>();
        let low = PortRange::new(1, 1023).unwrap();
        assert_eq!(ports(complement_ports(&[low])), ["1024-65535"]);
        let two = [PortRange::single(22).unwrap(), PortRange::new(80, 443).unwrap()];
        assert_eq!(ports(complement_ports(&two)), ["1-21", "23-79", "444-65535"]);
        assert_eq!(ports(complement_ports(&[PortRange::new(1, 65535).unwrap()])), [""; 0]);
    }

    #[test]
    fn container_bridges_never_carry_traffic_from_the_network() {
        for name in [
            "lo",
            "docker0",
            "br-5e1c0a7d9f21",
            "cni0",
            "cali+",
            "cali12ab34",
            "veth9f3a",
            "virbr0",
        ] {
            assert_eq!(from_network(&[name], false), FromNetwork::Never, "{name}");
            assert_eq!(from_network(&[name], true), FromNetwork::Always, "{name}");
        }
        for name in ["eth0", "br-lan", "br0", "ens3", "wg0", "flannel.1", "vethx.1"] {
            assert_eq!(from_network(&[name], false), FromNetwork::Unknown, "{name}");
        }
        assert_eq!(from_network(&["docker0", "eth0"], false), FromNetwork::Unknown);
        assert_eq!(from_network(&[], false), FromNetwork::Unknown);
    }

    #[test]
    fn the_reverse_path_filter_is_recognised() {
        assert!(reverse_path_check("fib saddr . mark . iif oif missing"));
        assert!(reverse_path_check("fib saddr . iif oif 0"));
        assert!(!reverse_path_check("fib daddr type local"));
        assert!(!reverse_path_check("fib saddr . iif oif eth0"));
    }

    #[test]
    fn a_lone_syn_passes_the_syn_tests_only() {
        assert_eq!(syn_passes("FIN,SYN,RST,ACK", "SYN"), Some(true));
        assert_eq!(syn_passes("ALL", "NONE"), Some(false));
        assert_eq!(syn_passes("SYN,ACK", "SYN,ACK"), Some(false));
        assert_eq!(syn_passes("fin,syn,rst,ack", "syn"), Some(true));
        assert_eq!(syn_passes("ACK", "NONE"), Some(true));
        assert_eq!(syn_passes("SYN", "BOGUS"), None);
    }
}
