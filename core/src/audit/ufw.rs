//! `ufw status verbose` output: the default for incoming traffic and the rule table, read in
//! order (ufw stops at the first rule that matches). `IN` rules are audited; `OUT` and `FWD`
//! are egress and routing, not a host's input.

use super::model::{Chain, Hook, Match, Note, Rule, Ruleset, Verdict, line_start};
use super::words::{nets, port_range};
use crate::data::Position;
use crate::model::{IpFamily, PortRange, Transport};

const ACTIONS: &[&str] = &["ALLOW", "DENY", "REJECT", "LIMIT"];

/// Reads the text of a `ufw status verbose` run.
pub fn read(text: &str) -> Ruleset {
    let mut ruleset = Ruleset::default();
    let start = Position { line: 1, column: 1 };
    let mut chain = Chain {
        name: "ufw-input".to_owned(),
        hook: Some(Hook::Input),
        family: None,
        policy: None,
        rules: Vec::new(),
    };
    let mut active = None;
    for (index, raw) in text.lines().enumerate() {
        let at = line_start(index + 1);
        let line = raw.trim();
        if line.is_empty() || line.starts_with("To ") || line.starts_with("--") {
            continue;
        }
        if let Some(status) = line.strip_prefix("Status:") {
            active = Some(status.trim() == "active");
            continue;
        }
        if let Some(defaults) = line.strip_prefix("Default:") {
            // `deny (incoming), allow (outgoing), disabled (routed)`
            for part in defaults.split(',') {
                let part = part.trim();
                if part.ends_with("(incoming)") {
                    let verdict =
                        if part.starts_with("allow") { Verdict::Accept } else { Verdict::Drop };
                    chain.policy = Some((verdict, at));
                }
            }
            continue;
        }
        if line.starts_with("Logging:") || line.starts_with("New profiles:") {
            continue;
        }
        match row(raw, at) {
            Ok(Some(rule)) => chain.rules.push(rule),
            Ok(None) => {}
            Err(message) => ruleset.notes.push(Note::error(at, message)),
        }
    }
    match active {
        Some(true) => {}
        Some(false) => {
            ruleset.notes.push(Note::assumption(
                start,
                "ufw is inactive: it filters nothing, so everything is read as allowed",
            ));
            chain.rules.clear();
            chain.policy = Some((Verdict::Accept, start));
        }
        None => ruleset
            .notes
            .push(Note::error(start, "no `Status:` line; expected `ufw status verbose` output")),
    }
    if chain.policy.is_none() && active == Some(true) {
        ruleset.notes.push(Note::assumption(start, "no `Default:` line (plain `ufw status`?): incoming traffic is read as denied by default, ufw's stock setting"));
        chain.policy = Some((Verdict::Drop, start));
    }
    ruleset.chains.push(chain);
    ruleset
}

/// `10.0.0.10 443/tcp   ALLOW IN   10.0.0.0/22   # comment`
fn row(raw: &str, at: Position) -> Result<Option<Rule>, String> {
    let body = raw.split(" # ").next().unwrap_or(raw);
    let words: Vec<&str> = body.split_whitespace().collect();
    let Some(action_at) = words.iter().position(|w| ACTIONS.contains(w)) else {
        return Err(format!("`{}` is not a ufw rule row; expected `To  Action  From`", raw.trim()));
    };
    let direction =
        words.get(action_at + 1).copied().filter(|d| matches!(*d, "IN" | "OUT" | "FWD"));
    if matches!(direction, Some("OUT" | "FWD")) {
        return Ok(None);
    }
    let from_at = action_at + 1 + usize::from(direction.is_some());
    let mut m = Match::default();
    let column = raw.find(|c: char| !c.is_whitespace()).map_or(1, |i| i + 1);
    let at = Position { line: at.line, column: u32::try_from(column).unwrap_or(1) };
    side(&words[..action_at], &mut m, true)?;
    side(&words[from_at..], &mut m, false)?;
    let verdict = match words[action_at] {
        "ALLOW" => Verdict::Accept,
        "LIMIT" => {
            m.assumed.push("`LIMIT` (a rate limit)".to_owned());
            Verdict::Accept
        }
        _ => Verdict::Drop,
    };
    Ok(Some(Rule { at, matcher: m, verdict }))
}

/// One side of a row: `Anywhere`, an address or CIDR, a port spec, `on IFACE`, `(v6)`, or an
/// application profile name.
fn side(words: &[&str], m: &mut Match, destination: bool) -> Result<(), String> {
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        match w {
            "Anywhere" => {}
            "(v6)" => m.family = Some(IpFamily::V6),
            "on" => {
                let iface = words.get(i + 1).copied().unwrap_or("");
                m.assumed.push(format!("`on {iface}` (interfaces)"));
                i += 1;
            }
            _ if w.contains('/')
                && !w.chars().next().is_some_and(|c| {
                    c.is_ascii_digit() && !w.contains('.') && !w.contains(':')
                })
                && nets(w).is_some() =>
            {
                set_side(m, destination, nets(w));
            }
            _ if nets(w).is_some()
                && (w.contains('.') || w.contains(':'))
                && port_spec(w).is_none() =>
            {
                set_side(m, destination, nets(w));
            }
            _ => match port_spec(w) {
                Some((ranges, transports)) if destination => {
                    m.ports = Some(ranges);
                    m.transports = transports;
                }
                Some(_) => m.assumed.push(format!("source port `{w}`")),
                None => match application(&words[i..].join(" ")) {
                    Some((ranges, transports)) if destination => {
                        m.ports = Some(ranges);
                        m.transports = Some(transports);
                        return Ok(());
                    }
                    _ => {
                        m.assumed.push(format!(
                            "application profile `{}` (its ports are not known)",
                            words[i..].join(" ")
                        ));
                        return Ok(());
                    }
                },
            },
        }
        i += 1;
    }
    Ok(())
}

fn set_side(m: &mut Match, destination: bool, nets: Option<Vec<ipnet::IpNet>>) {
    if destination {
        m.destinations = nets;
    } else {
        m.sources = nets;
    }
}

/// `443/tcp`, `22` (tcp and udp), `80,443/tcp`, `8000:8080/udp`.
fn port_spec(word: &str) -> Option<(Vec<PortRange>, Option<Vec<Transport>>)> {
    let (ports, transport) = match word.split_once('/') {
        Some((p, t)) => (p, Some(t)),
        None => (word, None),
    };
    if !ports.chars().all(|c| c.is_ascii_digit() || c == ',' || c == ':') {
        return None;
    }
    let ranges: Option<Vec<PortRange>> = ports.split(',').map(port_range).collect();
    let transports = match transport {
        None => Some(vec![Transport::Tcp, Transport::Udp]),
        Some("tcp") => Some(vec![Transport::Tcp]),
        Some("udp") => Some(vec![Transport::Udp]),
        Some(_) => return None,
    };
    Some((ranges?, transports))
}

/// A few application profiles of ufw's stock `applications.d`.
fn application(name: &str) -> Option<(Vec<PortRange>, Vec<Transport>)> {
    let name = name.trim_end_matches(" (v6)");
    let ports: &[u16] = match name {
        "OpenSSH" => &[22],
        "Apache" | "Nginx HTTP" | "WWW" => &[80],
        "Apache Secure" | "Nginx HTTPS" | "WWW Secure" => &[443],
        "Apache Full" | "Nginx Full" | "WWW Full" => &[80, 443],
        _ => return None,
    };
    Some((ports.iter().filter_map(|p| PortRange::single(*p).ok()).collect(), vec![Transport::Tcp]))
}
