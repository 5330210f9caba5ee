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
            Ok(rules) => chain.rules.extend(rules),
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

/// `10.0.0.10 443/tcp   ALLOW IN   10.0.0.0/22   # comment` (`ufw status verbose`), the
/// same without `IN` (`ufw status`) or after `[ 3]` (`ufw status numbered`); one rule per
/// part of an application profile (`Bonjour`: 5353/udp, 5298 tcp and udp).
fn row(raw: &str, at: Position) -> Result<Vec<Rule>, String> {
    let body = raw.split(" # ").next().unwrap_or(raw);
    let body = numbered(body);
    let words: Vec<&str> = body.split_whitespace().collect();
    let Some(action_at) = words.iter().position(|w| ACTIONS.contains(w)) else {
        return Err(format!("`{}` is not a ufw rule row; expected `To  Action  From`", raw.trim()));
    };
    let direction =
        words.get(action_at + 1).copied().filter(|d| matches!(*d, "IN" | "OUT" | "FWD"));
    if matches!(direction, Some("OUT" | "FWD")) {
        return Ok(Vec::new());
    }
    let from_at = action_at + 1 + usize::from(direction.is_some());
    let mut m = Match::default();
    let column = raw.find(|c: char| !c.is_whitespace()).map_or(1, |i| i + 1);
    let at = Position { line: at.line, column: u32::try_from(column).unwrap_or(1) };
    let mut parts = Vec::new();
    side(&words[..action_at], &mut m, true, &mut parts)?;
    side(&words[from_at..], &mut m, false, &mut parts)?;
    let verdict = match words[action_at] {
        "ALLOW" => Verdict::Accept,
        "LIMIT" => {
            m.assumed.push("`LIMIT` (a rate limit)".to_owned());
            Verdict::Accept
        }
        _ => Verdict::Drop,
    };
    if parts.is_empty() {
        return Ok(vec![Rule { at, matcher: m, verdict }]);
    }
    Ok(parts
        .into_iter()
        .map(|(ports, transports)| {
            let matcher = Match { ports: Some(ports), transports, ..m.clone() };
            Rule { at, matcher, verdict: verdict.clone() }
        })
        .collect())
}

/// A row of `ufw status numbered` without its `[ 3]` (the rest keeps its columns' words).
fn numbered(body: &str) -> &str {
    let trimmed = body.trim_start();
    match trimmed.strip_prefix('[').and_then(|rest| rest.split_once(']')) {
        Some((number, rest)) if number.trim().chars().all(|c| c.is_ascii_digit()) => rest,
        _ => body,
    }
}

/// Ports and transports of one part of a profile (`80,443/tcp`, `5298`).
type Part = (Vec<PortRange>, Option<Vec<Transport>>);

/// One side of a row: `Anywhere`, an address or CIDR, a port spec, `on IFACE`, `(v6)`, or an
/// application profile name.
fn side(
    words: &[&str],
    m: &mut Match,
    destination: bool,
    parts: &mut Vec<Part>,
) -> Result<(), String> {
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        match w {
            "Anywhere" => {}
            "(v6)" => m.family = Some(IpFamily::V6),
            // `80,443/tcp (WWW Full (v6))`: the profile the ports before it came from.
            _ if w.starts_with('(') => {
                while let Some(word) = words.get(i) {
                    if *word == "(v6))" || *word == "(v6)" {
                        m.family = Some(IpFamily::V6);
                    }
                    if word.ends_with(')') && word.matches(')').count() >= word.matches('(').count()
                    {
                        break;
                    }
                    i += 1;
                }
            }
            "on" => {
                let iface = words.get(i + 1).copied().unwrap_or("");
                let text = format!("`on {iface}` (interfaces)");
                m.in_interface = Some(super::model::InInterface {
                    names: vec![iface.to_owned()],
                    negated: false,
                    assumed: text.clone(),
                });
                m.assumed.push(text);
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
                    Some(found) if destination => {
                        if words[i..].last() == Some(&"(v6)") {
                            m.family = Some(IpFamily::V6);
                        }
                        *parts = found;
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

/// ufw's application profiles as their `ports=` lines: those ufw ships in `applications.d`
/// and those of the OpenSSH, Apache, Nginx, Postfix and Dovecot packages. `ufw status
/// verbose` prints a profile's ports itself; plain and numbered status name it only.
const PROFILES: &[(&str, &str)] = &[
    ("OpenSSH", "22/tcp"),
    ("SSH", "22/tcp"),
    ("WWW", "80/tcp"),
    ("WWW Secure", "443/tcp"),
    ("WWW Full", "80,443/tcp"),
    ("WWW Cache", "8080/tcp"),
    ("Apache", "80/tcp"),
    ("Apache Secure", "443/tcp"),
    ("Apache Full", "80,443/tcp"),
    ("Nginx HTTP", "80/tcp"),
    ("Nginx HTTPS", "443/tcp"),
    ("Nginx Full", "80,443/tcp"),
    ("Bonjour", "5353/udp|5298"),
    ("DNS", "53"),
    ("LDAP", "389/tcp"),
    ("LDAPS", "636/tcp"),
    ("Kerberos Full", "88,749/tcp|464/udp"),
    ("CIFS", "137,138/udp|139,445/tcp"),
    ("NFS", "2049,111/tcp|2049,111/udp"),
    ("SMTP", "25/tcp"),
    ("Mail submission", "587/tcp"),
    ("IMAP", "143/tcp"),
    ("IMAPS", "993/tcp"),
    ("POP3", "110/tcp"),
    ("POP3S", "995/tcp"),
    ("IPP", "631"),
    ("VNC", "5900/tcp"),
    ("Postfix", "25/tcp"),
    ("Postfix SMTPS", "465/tcp"),
    ("Postfix Submission", "587/tcp"),
    ("Dovecot IMAP", "143/tcp"),
    ("Dovecot Secure IMAP", "993/tcp"),
    ("Dovecot POP3", "110/tcp"),
    ("Dovecot Secure POP3", "995/tcp"),
];

/// A profile by name (`WWW Full`, `Bonjour (v6)`) as its parts.
fn application(name: &str) -> Option<Vec<Part>> {
    let name = name.trim_end_matches(" (v6)");
    let (_, ports) = PROFILES.iter().find(|(n, _)| *n == name)?;
    ports.split('|').map(port_spec).collect()
}
