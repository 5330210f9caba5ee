//! Reading generated rules back into flows, to prove them equal to the plan: nftables and
//! iptables-restore files (per host, address level), the `DOCKER-USER` lines a ufw script
//! appends to its after rules ([`ufw_after`]) and the change-request CSV (flow level).
//!
//! The readers are strict: anything they do not recognise is an error, so a rule the emitter
//! should not have written cannot hide. The fixed rules every host file has (loopback,
//! established/related, invalid, IPv6 neighbour discovery) are returned apart as `infra`.

mod published;
mod ufw;

pub use ufw::ufw_after;

use std::collections::HashMap;

use ipnet::IpNet;

use super::hostfw::{Family, Way};
use super::quote;
use crate::model::{PortRange, Transport};

/// An allow rule read back from a host file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HostRuleBack {
    pub way: Way,
    pub family: Family,
    pub local: Vec<IpNet>,
    pub peer: Option<Vec<IpNet>>,
    pub transport: Transport,
    pub ports: PortRange,
    pub requirements: Vec<String>,
}

/// A host file read back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RulesetBack {
    pub rules: Vec<HostRuleBack>,
    /// The fixed rules, as `<way>:<what>` (`in:loopback`, `out:established`, …).
    pub infra: Vec<String>,
    /// Chain policies, as `<chain>:<policy>` (`input:drop`).
    pub policies: Vec<String>,
    /// The inbound rules Docker's published ports are held to on a Docker host (`DOCKER-USER`,
    /// nft chain `published`): each the planned flow it lets through ([`published`]).
    pub published: Vec<HostRuleBack>,
}

fn nets(list: &str) -> Result<Vec<IpNet>, String> {
    let mut out = Vec::new();
    for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let net = match item.parse::<IpNet>() {
            Ok(n) => n,
            Err(_) => IpNet::from(
                item.parse::<std::net::IpAddr>()
                    .map_err(|_| format!("not an address: `{item}`"))?,
            ),
        };
        out.push(net);
    }
    Ok(IpNet::aggregate(&out))
}

fn ports(text: &str, separator: char) -> Result<PortRange, String> {
    let range = match text.split_once(separator) {
        Some((a, b)) => PortRange::new(
            a.parse().map_err(|_| format!("bad port `{text}`"))?,
            b.parse().map_err(|_| format!("bad port `{text}`"))?,
        ),
        None => PortRange::single(text.parse().map_err(|_| format!("bad port `{text}`"))?),
    };
    range.map_err(|e| e.to_string())
}

/// Requirement ids from a rule comment; a `+N` cut means the ids are on the last
/// `# requirements:` line.
fn requirements(comment: &str, full: Option<&str>) -> Result<Vec<String>, String> {
    let words: Vec<&str> = comment.split_whitespace().collect();
    if words.last().is_some_and(|w| w.starts_with('+')) {
        let full = full
            .ok_or_else(|| format!("cut comment `{comment}` without a `# requirements:` line"))?;
        let ids: Vec<String> = full.split_whitespace().map(str::to_owned).collect();
        // The list is the last one seen: it must be this rule's (its kept ids, then N more),
        // never an earlier rule's borrowed by a cut comment that has none of its own.
        let (more, kept) = words.split_last().unwrap_or((&"", &[]));
        let more = more.strip_prefix('+').and_then(|n| n.parse::<usize>().ok());
        let same = ids.len() >= kept.len() && ids.iter().zip(kept).all(|(id, k)| id == k);
        if !same || more != Some(ids.len() - kept.len()) {
            return Err(format!("cut comment `{comment}` is not the list before it: `{full}`"));
        }
        return Ok(ids);
    }
    if words.is_empty() {
        return Err("rule without requirement ids".to_owned());
    }
    Ok(words.into_iter().map(str::to_owned).collect())
}

/// Splits a line into words; `"…"` is one word (quotes removed), `{ a, b }` is one word `a,b`.
fn words(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut word = String::new();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some(c) => word.push(c),
                    None => return Err(format!("unterminated string in `{line}`")),
                }
            }
            out.push(word);
        } else if c == '{' {
            chars.next();
            let mut word = String::new();
            loop {
                match chars.next() {
                    Some('}') => break,
                    Some(c) if c.is_whitespace() => {}
                    Some(c) => word.push(c),
                    None => return Err(format!("unterminated set in `{line}`")),
                }
            }
            out.push(word);
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                word.push(c);
                chars.next();
            }
            out.push(word);
        }
    }
    Ok(out)
}

/// Reads a generated nftables file.
pub fn nftables(text: &str) -> Result<RulesetBack, String> {
    let mut back = RulesetBack::default();
    let mut chain: Option<Way> = None;
    let mut chain_name = String::new();
    // The chain holding published ports ([`published`]): in it now, seen, ended (iptables).
    let (mut in_published, mut has_published, mut ended) = (false, false, false);
    let mut full: Option<String> = None;
    for (number, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let at = |e: String| format!("line {}: {e}", number + 1);
        if let Some(rest) = line.strip_prefix("# requirements:") {
            full = Some(rest.trim().to_owned());
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line {
            "table inet portolan"
            | "delete table inet portolan"
            | "table inet portolan {"
            | "}" => continue,
            _ => {}
        }
        if let Some(name) = line.strip_prefix("chain ").and_then(|l| l.strip_suffix(" {")) {
            chain_name = name.to_owned();
            in_published = name == super::published::NFT_CHAIN;
            if in_published && std::mem::replace(&mut has_published, true) {
                return Err(at(format!("a second chain `{name}`")));
            }
            chain = match name {
                "input" => Some(Way::In),
                "output" => Some(Way::Out),
                "forward" => None,
                _ if in_published => None,
                other => return Err(at(format!("unexpected chain `{other}`"))),
            };
            continue;
        }
        if let Some(rest) = line.strip_prefix("type filter hook ") {
            let policy = rest.rsplit("policy ").next().unwrap_or("").trim_end_matches(';');
            back.policies.push(format!("{chain_name}:{policy}"));
            continue;
        }
        let w = words(line).map_err(at)?;
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        if in_published {
            published::nft_line(&mut back, &w, full.as_deref(), &mut ended).map_err(at)?;
            continue;
        }
        let way = chain.ok_or_else(|| at(format!("rule outside input/output: `{line}`")))?;
        let infra = match w.as_slice() {
            ["iif" | "oif", "lo", "accept", "comment", _] => Some("loopback"),
            ["iifname" | "oifname", _, "accept", "comment", _] => Some("guests"),
            ["ct", "state", "established,related", "accept", "comment", _] => Some("established"),
            ["ct", "state", "invalid", "drop", "comment", _] => Some("invalid"),
            [
                "icmpv6",
                "type",
                "nd-router-solicit,nd-router-advert,nd-neighbor-solicit,nd-neighbor-advert",
                "accept",
                "comment",
                _,
            ] => Some("neighbour-discovery"),
            _ => None,
        };
        if let Some(what) = infra {
            back.infra.push(format!("{}:{what}", way.as_str()));
            continue;
        }
        let (mut local, mut peer, mut family, mut transport, mut range, mut comment, mut verdict) =
            (None, None, None, None, None, None, None);
        let mut i = 0;
        while i < w.len() {
            match (w[i], w.get(i + 1).copied(), w.get(i + 2).copied()) {
                (ip @ ("ip" | "ip6"), Some(dir @ ("saddr" | "daddr")), Some(list)) => {
                    let f = if ip == "ip" { Family::V4 } else { Family::V6 };
                    if family.replace(f).is_some_and(|old| old != f) {
                        return Err(at("mixed families".to_owned()));
                    }
                    let is_local = (dir == "daddr") == (way == Way::In);
                    let slot = if is_local { &mut local } else { &mut peer };
                    if slot.replace(nets(list).map_err(at)?).is_some() {
                        return Err(at(format!("two {dir} matches")));
                    }
                    i += 3;
                }
                (proto @ ("tcp" | "udp" | "sctp"), Some("dport"), Some(p)) => {
                    transport = Transport::parse(proto);
                    range = Some(ports(p, '-').map_err(at)?);
                    i += 3;
                }
                ("accept", _, _) => {
                    verdict = Some("accept");
                    i += 1;
                }
                ("comment", Some(c), _) => {
                    comment = Some(c.to_string());
                    i += 2;
                }
                (other, _, _) => return Err(at(format!("unexpected `{other}` in `{line}`"))),
            }
        }
        if verdict != Some("accept") {
            return Err(at(format!("rule without accept: `{line}`")));
        }
        let (Some(local), Some(family), Some(transport), Some(ports), Some(comment)) =
            (local, family, transport, range, comment)
        else {
            return Err(at(format!("incomplete rule: `{line}`")));
        };
        back.rules.push(HostRuleBack {
            way,
            family,
            local,
            peer,
            transport,
            ports,
            requirements: requirements(&comment, full.as_deref()).map_err(at)?,
        });
    }
    published::finish(&back, has_published)?;
    Ok(back)
}

/// Reads a generated iptables-restore (or ip6tables-restore) file of `family`.
pub fn iptables(text: &str, family: Family) -> Result<RulesetBack, String> {
    let mut back = RulesetBack::default();
    let mut full: Option<String> = None;
    let mut table = false;
    let mut committed = false;
    let mut jumps: Vec<String> = Vec::new();
    let (mut has_published, mut ended) = (false, false);
    for (number, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let at = |e: String| format!("line {}: {e}", number + 1);
        if let Some(rest) = line.strip_prefix("# requirements:") {
            full = Some(rest.trim().to_owned());
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if committed {
            return Err(at(format!("content after COMMIT: `{line}`")));
        }
        match line {
            "*filter" => {
                table = true;
                continue;
            }
            "COMMIT" => {
                committed = true;
                continue;
            }
            _ => {}
        }
        if !table {
            return Err(at(format!("outside *filter: `{line}`")));
        }
        if let Some(rest) = line.strip_prefix(':') {
            // Its own chains, declared for --noflush: a built-in chain's policy is never set.
            let chain = rest.split_whitespace().next().unwrap_or("");
            if chain == super::published::CHAIN {
                if std::mem::replace(&mut has_published, true) {
                    return Err(at(format!("declares {chain} twice")));
                }
                continue;
            }
            if !super::iptables::CHAINS.iter().any(|(own, _)| *own == chain) {
                return Err(at(format!("declares a chain it does not own: `{line}`")));
            }
            continue;
        }
        let w = words(line).map_err(at)?;
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        if let ["-A", builtin, "-m", "comment", "--comment", _, "-j", own] = w.as_slice()
            && super::iptables::CHAINS.contains(&(own, builtin))
        {
            jumps.push(builtin.to_lowercase());
            continue;
        }
        if let ["-A", own, "-m", "comment", "--comment", _, "-j", "DROP"] = w.as_slice()
            && let Some((_, builtin)) = super::iptables::CHAINS.iter().find(|(c, _)| c == own)
        {
            back.policies.push(format!("{}:drop", builtin.to_lowercase()));
            continue;
        }
        if let ["-A", chain, body @ ..] = w.as_slice()
            && *chain == super::published::CHAIN
        {
            if !has_published {
                return Err(at(format!("{chain} filled but not declared: `{line}`")));
            }
            published::iptables_line(&mut back, body, family, full.as_deref(), &mut ended)
                .map_err(at)?;
            continue;
        }
        let way = match w.get(..2) {
            Some(["-A", "PORTOLAN-INPUT"]) => Way::In,
            Some(["-A", "PORTOLAN-OUTPUT"]) => Way::Out,
            _ => return Err(at(format!("unexpected line `{line}`"))),
        };
        let body = &w[2..];
        let infra = match body {
            ["-i" | "-o", "lo", "-m", "comment", "--comment", _, "-j", "ACCEPT"] => {
                Some("loopback")
            }
            ["-i" | "-o", _, "-m", "comment", "--comment", _, "-j", "ACCEPT"] => Some("guests"),
            [
                "-m",
                "conntrack",
                "--ctstate",
                "RELATED,ESTABLISHED",
                "-m",
                "comment",
                "--comment",
                _,
                "-j",
                "ACCEPT",
            ] => Some("established"),
            [
                "-m",
                "conntrack",
                "--ctstate",
                "INVALID",
                "-m",
                "comment",
                "--comment",
                _,
                "-j",
                "DROP",
            ] => Some("invalid"),
            [
                "-p",
                "ipv6-icmp",
                "-m",
                "icmp6",
                "--icmpv6-type",
                t,
                "-m",
                "comment",
                "--comment",
                _,
                "-j",
                "ACCEPT",
            ] if family == Family::V6 => {
                back.infra.push(format!("{}:icmpv6-{t}", way.as_str()));
                continue;
            }
            _ => None,
        };
        if let Some(what) = infra {
            back.infra.push(format!("{}:{what}", way.as_str()));
            continue;
        }
        let (mut local, mut peer, mut transport, mut range, mut comment, mut verdict) =
            (None, None, None, None, None, None);
        let mut i = 0;
        while i < body.len() {
            match (body[i], body.get(i + 1).copied()) {
                (flag @ ("-s" | "-d"), Some(list)) => {
                    let is_local = (flag == "-d") == (way == Way::In);
                    let parsed = nets(list).map_err(at)?;
                    if parsed.iter().any(|n| Family::of(n) != family) {
                        return Err(at(format!("wrong family in `{list}`")));
                    }
                    let slot = if is_local { &mut local } else { &mut peer };
                    if slot.replace(parsed).is_some() {
                        return Err(at(format!("two {flag}")));
                    }
                    i += 2;
                }
                ("-p", Some(p)) => {
                    transport =
                        Some(Transport::parse(p).ok_or_else(|| at(format!("protocol `{p}`")))?);
                    i += 2;
                }
                ("-m", Some(m))
                    if Transport::parse(m).is_some() && Transport::parse(m) == transport =>
                {
                    i += 2
                }
                ("--dport", Some(p)) => {
                    range = Some(ports(p, ':').map_err(at)?);
                    i += 2;
                }
                ("-m", Some("comment")) => i += 2,
                ("--comment", Some(c)) => {
                    comment = Some(c.to_string());
                    i += 2;
                }
                ("-j", Some(j)) => {
                    verdict = Some(j.to_string());
                    i += 2;
                }
                (other, _) => return Err(at(format!("unexpected `{other}` in `{line}`"))),
            }
        }
        if verdict.as_deref() != Some("ACCEPT") {
            return Err(at(format!("rule without ACCEPT: `{line}`")));
        }
        let (Some(local), Some(transport), Some(ports), Some(comment)) =
            (local, transport, range, comment)
        else {
            return Err(at(format!("incomplete rule: `{line}`")));
        };
        back.rules.push(HostRuleBack {
            way,
            family,
            local,
            peer,
            transport,
            ports,
            requirements: requirements(&comment, full.as_deref()).map_err(at)?,
        });
    }
    if !committed {
        return Err("no COMMIT".to_owned());
    }
    published::finish(&back, has_published)?;
    if has_published && !ended {
        return Err(format!("{} does not end with its return", super::published::CHAIN));
    }
    // Every chain that drops is jumped to from its built-in chain, each once (an own chain
    // without a drop, PORTOLAN-FORWARD on a host with guests, may be jumped to: it returns).
    let dropping: Vec<&str> = back.policies.iter().map(|p| p.trim_end_matches(":drop")).collect();
    let mut once = jumps.clone();
    once.sort();
    once.dedup();
    if once.len() != jumps.len() || !dropping.iter().all(|d| jumps.iter().any(|j| j == d)) {
        return Err(format!("jumps from {jumps:?} but default drops in {dropping:?}"));
    }
    Ok(back)
}

/// A change-request row read back.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SheetFlow {
    pub source: String,
    /// `None` for any.
    pub source_addresses: Option<Vec<IpNet>>,
    pub destination: String,
    pub destination_addresses: Option<Vec<IpNet>>,
    pub ports: PortRange,
    pub transport: Transport,
    pub requirements: Vec<String>,
}

/// Reads a generated groups sheet: group name → its members' addresses.
pub fn change_request_groups_csv(text: &str) -> Result<HashMap<String, Vec<IpNet>>, String> {
    let records = quote::csv_parse(text)?;
    let (header, rows) = records.split_first().ok_or("empty groups sheet")?;
    if header.iter().map(String::as_str).collect::<Vec<_>>() != super::change_request::GROUP_COLUMNS
    {
        return Err(format!("unexpected groups header {header:?}"));
    }
    let mut groups: HashMap<String, Vec<IpNet>> = HashMap::new();
    for (n, row) in rows.iter().enumerate() {
        if row.len() != header.len() {
            return Err(format!(
                "group row {}: {} fields, expected {}",
                n + 1,
                row.len(),
                header.len()
            ));
        }
        let addresses = quote::csv_unguard(&row[4]);
        let list = groups.entry(quote::csv_unguard(&row[1])).or_default();
        if !addresses.is_empty() {
            list.extend(nets(&addresses.replace(' ', ","))?);
        }
    }
    Ok(groups)
}

/// Reads a generated change-request CSV; addresses of the groups its rows name come from the
/// groups sheet (`groups`, read by [`change_request_groups_csv`]).
pub fn change_request_csv(
    text: &str,
    groups: &HashMap<String, Vec<IpNet>>,
) -> Result<Vec<SheetFlow>, String> {
    let records = quote::csv_parse(text)?;
    let (header, rows) = records.split_first().ok_or("empty sheet")?;
    if header.iter().map(String::as_str).collect::<Vec<_>>() != super::change_request::COLUMNS {
        return Err(format!("unexpected header {header:?}"));
    }
    let column: HashMap<&str, usize> =
        super::change_request::COLUMNS.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let mut flows = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        if row.len() != header.len() {
            return Err(format!("row {}: {} fields, expected {}", n + 1, row.len(), header.len()));
        }
        let cell = |name: &str| quote::csv_unguard(&row[column[name]]);
        let addresses = |text: String| -> Result<Option<Vec<IpNet>>, String> {
            if text == "any" {
                return Ok(None);
            }
            if let Some(group) = text.strip_prefix("group ") {
                let members = groups.get(group).ok_or_else(|| {
                    format!("row {}: group {group} is not in the groups sheet", n + 1)
                })?;
                return Ok(Some(IpNet::aggregate(members)));
            }
            nets(&text.replace(' ', ",")).map(Some)
        };
        flows.push(SheetFlow {
            source: cell("source"),
            source_addresses: addresses(cell("source addresses"))?,
            destination: cell("destination"),
            destination_addresses: addresses(cell("destination addresses"))?,
            ports: cell("port").parse().map_err(|e| format!("row {}: {e}", n + 1))?,
            transport: Transport::parse(&cell("protocol"))
                .ok_or_else(|| format!("row {}: protocol", n + 1))?,
            requirements: cell("requirements").split_whitespace().map(str::to_owned).collect(),
        });
    }
    Ok(flows)
}
