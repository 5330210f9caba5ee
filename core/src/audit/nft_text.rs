//! `nft list ruleset` output: tables of the `ip`, `ip6` and `inet` families, their named sets,
//! base chains (hook and policy) and rules. Chains are named `table/chain` so that two tables
//! may both have an `input`.

use rustc_hash::FxHashMap as HashMap;

use super::model::{Chain, Hook, Match, Note, Rule, Ruleset, Verdict, line_start};
use super::words::{Word, nets, port_range, protocol, words};
use crate::data::Position;
use crate::model::{IpFamily, Transport};

#[derive(Debug)]
enum Block {
    Table {
        name: String,
        family: Option<IpFamily>,
        filters: bool,
    },
    Chain {
        index: usize,
    },
    Set {
        table: String,
        name: String,
        elements: Vec<String>,
        collecting: bool,
    },
    /// A map, flowtable, named counter…: skipped.
    Other,
}

/// Reads the text of an `nft list ruleset` run.
pub fn read(text: &str) -> Ruleset {
    let mut ruleset = Ruleset::default();
    let mut stack: Vec<Block> = Vec::new();
    let mut sets: HashMap<(String, String), Vec<String>> = HashMap::default();
    let mut last = 1;
    for (index, raw) in text.lines().enumerate() {
        let at = line_start(index + 1);
        last = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let ws = words(raw, true);
        let first = ws.first().map_or("", |w| &*w.text);
        // Inside a set: only its elements matter.
        if let Some(Block::Set { elements, collecting, .. }) = stack.last_mut() {
            if first == "}" && !*collecting {
                if let Some(Block::Set { table, name, elements, .. }) = stack.pop() {
                    sets.insert((table, name), elements);
                }
                continue;
            }
            let mut tokens = ws.iter().map(|w| &*w.text).peekable();
            if first == "elements" {
                *collecting = true;
                tokens.by_ref().find(|t| *t == "{");
            }
            if *collecting {
                for token in tokens {
                    match token {
                        "}" => *collecting = false,
                        "," | "{" | "=" => {}
                        value => elements.push(value.to_owned()),
                    }
                }
            }
            continue;
        }
        if first == "}" {
            if stack.pop().is_none() {
                ruleset.notes.push(Note::error(at, "a `}` that closes nothing"));
            }
            continue;
        }
        let opens = ws.last().is_some_and(|w| w.text == "{");
        match stack.last() {
            None => {
                if first == "table" && opens {
                    let (family, name) = match ws.len() {
                        4 => (ws[1].text.to_string(), ws[2].text.to_string()),
                        _ => (
                            "ip".to_owned(),
                            ws.get(1).map_or(String::new(), |w| w.text.to_string()),
                        ),
                    };
                    let (fam, filters) = match family.as_str() {
                        "ip" => (Some(IpFamily::V4), true),
                        "ip6" => (Some(IpFamily::V6), true),
                        "inet" => (None, true),
                        _ => (None, false),
                    };
                    if !filters {
                        ruleset.notes.push(Note::assumption(
                            at,
                            format!("table `{family} {name}` is not audited (only ip, ip6 and inet tables filter what the host accepts)"),
                        ));
                    }
                    stack.push(Block::Table { name, family: fam, filters });
                } else {
                    ruleset.notes.push(Note::error(
                        at,
                        format!(
                            "`{}` is not an nft ruleset line; expected `table FAMILY NAME {{`",
                            shorten(line)
                        ),
                    ));
                    if opens {
                        stack.push(Block::Other);
                    }
                }
            }
            Some(Block::Table { name: table, filters, family }) => {
                let table = table.clone();
                let filters = *filters;
                let family = *family;
                match (first, opens) {
                    ("chain", true) => {
                        let name = ws.get(1).map_or(String::new(), |w| w.text.to_string());
                        let index = ruleset.chains.len();
                        ruleset.chains.push(Chain {
                            name: format!("{table}/{name}"),
                            hook: if filters { None } else { Some(Hook::Other) },
                            family,
                            policy: None,
                            rules: Vec::new(),
                        });
                        stack.push(Block::Chain { index });
                    }
                    ("set", true) => {
                        let name = ws.get(1).map_or(String::new(), |w| w.text.to_string());
                        stack.push(Block::Set {
                            table,
                            name,
                            elements: Vec::new(),
                            collecting: false,
                        });
                    }
                    (_, true) => stack.push(Block::Other),
                    _ => ruleset.notes.push(Note::assumption(
                        at,
                        format!("`{}` in a table is not read", shorten(line)),
                    )),
                }
            }
            Some(Block::Chain { index }) => {
                let index = *index;
                let (table, family) = table_of(&stack);
                if first == "type" {
                    chain_type(&ws, at, &mut ruleset, index);
                } else if opens {
                    stack.push(Block::Other);
                } else if first == "policy" {
                    // `policy drop;` on its own line (some nft versions).
                    chain_type(&ws, at, &mut ruleset, index);
                } else {
                    let rule = rule(&ws, at, family, &table, &sets, &mut ruleset.notes);
                    if let Some(chain) = ruleset.chains.get_mut(index) {
                        chain.rules.push(rule);
                    }
                }
            }
            Some(Block::Set { .. }) | Some(Block::Other) => {
                if opens {
                    stack.push(Block::Other);
                }
            }
        }
    }
    if !stack.is_empty() {
        ruleset.notes.push(Note::error(
            line_start(last),
            format!("the ruleset ends with {} block(s) still open: it looks truncated; what was read is audited", stack.len()),
        ));
    }
    // A table of another family never filters input: its chains are hooked "elsewhere".
    ruleset
}

fn shorten(line: &str) -> String {
    let mut s: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        s.push('…');
    }
    s
}

fn table_of(stack: &[Block]) -> (String, Option<IpFamily>) {
    stack
        .iter()
        .rev()
        .find_map(|b| match b {
            Block::Table { name, family, .. } => Some((name.clone(), *family)),
            _ => None,
        })
        .unwrap_or_default()
}

/// `type filter hook input priority filter; policy drop;`
fn chain_type(ws: &[Word<'_>], at: Position, ruleset: &mut Ruleset, index: usize) {
    let Some(chain) = ruleset.chains.get_mut(index) else { return };
    let filters = chain.hook != Some(Hook::Other);
    for (i, w) in ws.iter().enumerate() {
        let next = ws.get(i + 1).map(|w| &*w.text);
        match &*w.text {
            "hook" if filters => {
                chain.hook = Some(if next == Some("input") { Hook::Input } else { Hook::Other });
            }
            "type" if next.is_some_and(|t| t != "filter") => {
                // nat / route chains do not decide what is accepted.
                chain.hook = Some(Hook::Other);
            }
            "policy" => {
                let position = Position { line: at.line, column: w.column };
                match next {
                    Some("accept") => chain.policy = Some((Verdict::Accept, position)),
                    Some("drop") => chain.policy = Some((Verdict::Drop, position)),
                    other => ruleset.notes.push(Note::error(
                        position,
                        format!("policy `{}`; expected accept or drop", other.unwrap_or("")),
                    )),
                }
            }
            _ => {}
        }
    }
}

/// The values after a selector: one word, `{ a, b }`, or `@set`.
fn values(
    ws: &[Word<'_>],
    i: &mut usize,
    table: &str,
    sets: &HashMap<(String, String), Vec<String>>,
) -> Result<Vec<String>, String> {
    let Some(first) = ws.get(*i) else {
        return Err("a value is missing at the end of the rule".to_owned());
    };
    *i += 1;
    if first.text == "{" {
        let mut out = Vec::new();
        while let Some(w) = ws.get(*i) {
            *i += 1;
            match &*w.text {
                "}" => return Ok(out),
                "," => {}
                v => out.push(v.to_owned()),
            }
        }
        return Err("a `{` list is not closed".to_owned());
    }
    if let Some(name) = first.text.strip_prefix('@') {
        return sets.get(&(table.to_owned(), name.to_owned())).cloned().ok_or_else(|| {
            format!("set `@{name}` is not defined in table `{table}` above this rule")
        });
    }
    // `established,related`: a list without braces.
    let mut out = vec![first.text.to_string()];
    while ws.get(*i).is_some_and(|w| w.text == ",") {
        match ws.get(*i + 1) {
            Some(next) => out.push(next.text.to_string()),
            None => break,
        }
        *i += 2;
    }
    Ok(out)
}

const VERDICTS: &[&str] =
    &["accept", "drop", "reject", "return", "jump", "goto", "continue", "queue"];

fn rule(
    ws: &[Word<'_>],
    at: Position,
    family: Option<IpFamily>,
    table: &str,
    sets: &HashMap<(String, String), Vec<String>>,
    notes: &mut Vec<Note>,
) -> Rule {
    let mut m = Match { family, ..Match::default() };
    let mut verdict = Verdict::Continue;
    let mut i = 0;
    let position = |w: &Word<'_>| Position { line: at.line, column: w.column };
    let narrow_transports = |m: &mut Match, t: Vec<Transport>| {
        m.transports = Some(match m.transports.take() {
            None => t,
            Some(old) => old.into_iter().filter(|o| t.contains(o)).collect(),
        });
    };
    while i < ws.len() {
        let word = &ws[i];
        let head = &*word.text;
        i += 1;
        let key = ws.get(i).map_or("", |w| &*w.text);
        match head {
            "ip" | "ip6" if matches!(key, "saddr" | "daddr") => {
                i += 1;
                m.family = Some(if head == "ip" { IpFamily::V4 } else { IpFamily::V6 });
                let negated = ws.get(i).is_some_and(|w| w.text == "!=");
                if negated {
                    i += 1;
                }
                match values(ws, &mut i, table, sets) {
                    Ok(vals) if negated => {
                        m.assumed.push(format!("`{head} {key} != {}`", vals.join(", ")))
                    }
                    Ok(vals) => {
                        let nets: Option<Vec<_>> = vals
                            .iter()
                            .map(|v| nets(v))
                            .collect::<Option<Vec<_>>>()
                            .map(|n| n.concat());
                        match nets {
                            Some(nets) if key == "saddr" => m.sources = Some(nets),
                            Some(nets) => m.destinations = Some(nets),
                            None => {
                                notes.push(Note::error(position(word), format!("`{head} {key}` values `{}` are not addresses or CIDRs Portolan reads (address ranges are not modelled): the match is read as any address", vals.join(", "))));
                            }
                        }
                    }
                    Err(message) => notes.push(Note::error(position(word), message)),
                }
            }
            "ip" | "ip6" if matches!(key, "protocol" | "nexthdr") => {
                i += 1;
                match values(ws, &mut i, table, sets) {
                    Ok(vals) => {
                        let t = vals.iter().filter_map(|v| protocol(v).flatten()).collect();
                        narrow_transports(&mut m, t);
                    }
                    Err(message) => notes.push(Note::error(position(word), message)),
                }
            }
            "tcp" | "udp" | "sctp" | "th" | "udplite" | "dccp" => {
                i += 1;
                let t = match head {
                    "tcp" => vec![Transport::Tcp],
                    "udp" => vec![Transport::Udp],
                    "sctp" => vec![Transport::Sctp],
                    "th" => Transport::ALL.to_vec(),
                    _ => Vec::new(),
                };
                narrow_transports(&mut m, t);
                let negated = ws.get(i).is_some_and(|w| w.text == "!=");
                if negated {
                    i += 1;
                }
                match values(ws, &mut i, table, sets) {
                    Ok(vals) if key == "dport" && !negated => {
                        let ranges: Option<Vec<_>> = vals.iter().map(|v| port_range(v)).collect();
                        match ranges {
                            Some(r) => m.ports = Some(r),
                            None => notes.push(Note::error(position(word), format!("`{head} dport` values `{}` are not ports; expected numbers or ranges such as 8000-8080", vals.join(", ")))),
                        }
                    }
                    Ok(vals) => m.assumed.push(format!(
                        "`{head} {key}{} {}`",
                        if negated { " !=" } else { "" },
                        vals.join(", ")
                    )),
                    Err(message) => notes.push(Note::error(position(word), message)),
                }
            }
            "meta" | "ct" => {
                i += 1;
                let negated = ws.get(i).is_some_and(|w| w.text == "!=");
                if negated {
                    i += 1;
                }
                let vals = match values(ws, &mut i, table, sets) {
                    Ok(vals) => vals,
                    Err(message) => {
                        notes.push(Note::error(position(word), message));
                        continue;
                    }
                };
                match (head, key) {
                    ("meta", "l4proto") if !negated => {
                        let t = vals.iter().filter_map(|v| protocol(v).flatten()).collect();
                        narrow_transports(&mut m, t);
                    }
                    ("meta", "nfproto") if !negated => match vals.first().map(String::as_str) {
                        Some("ipv4") => m.family = Some(IpFamily::V4),
                        Some("ipv6") => m.family = Some(IpFamily::V6),
                        _ => {}
                    },
                    ("meta", "iif" | "iifname") => interface(&mut m, &vals, negated),
                    ("meta", "oif" | "oifname") => {}
                    ("ct", "state") if !negated => {
                        let no_new = vals
                            .iter()
                            .all(|v| matches!(v.as_str(), "established" | "related" | "invalid"));
                        if no_new {
                            m.no_new_connections = true;
                        } else if !vals
                            .iter()
                            .all(|v| matches!(v.as_str(), "new" | "established" | "related"))
                        {
                            m.assumed.push(format!("`ct state {}`", vals.join(",")));
                        }
                    }
                    _ => m.assumed.push(format!(
                        "`{head} {key}{} {}`",
                        if negated { " !=" } else { "" },
                        vals.join(", ")
                    )),
                }
            }
            "iif" | "iifname" => {
                let negated = key == "!=";
                if negated {
                    i += 1;
                }
                match values(ws, &mut i, table, sets) {
                    Ok(vals) => interface(&mut m, &vals, negated),
                    Err(message) => notes.push(Note::error(position(word), message)),
                }
            }
            "oif" | "oifname" => {
                i += usize::from(key == "!=") + 1;
            }
            "icmp" | "icmpv6" => {
                // ICMP: no flow of the plan is ICMP, so the rule concerns none.
                m.transports = Some(Vec::new());
                i += 1;
                let _ = values(ws, &mut i, table, sets);
            }
            "counter" => {
                // `counter packets 12 bytes 800`
                while ws.get(i).is_some_and(|w| matches!(&*w.text, "packets" | "bytes")) {
                    i += 2;
                }
            }
            "comment" => i += 1,
            "log" => {
                while let Some(w) = ws.get(i) {
                    if VERDICTS.contains(&&*w.text) || w.text == "counter" || w.text == "comment" {
                        break;
                    }
                    i += 1;
                }
            }
            "limit" | "quota" => {
                let mut text = head.to_owned();
                while let Some(w) = ws.get(i) {
                    if VERDICTS.contains(&&*w.text) || w.text == "counter" || w.text == "comment" {
                        break;
                    }
                    text.push(' ');
                    text.push_str(&w.text);
                    i += 1;
                }
                m.assumed.push(format!("`{text}`"));
            }
            "accept" => verdict = Verdict::Accept,
            "drop" => verdict = Verdict::Drop,
            "reject" => {
                verdict = Verdict::Drop;
                if key == "with" {
                    // `reject with tcp reset`, `reject with icmp type port-unreachable`
                    i = ws.len().min(i + 1);
                    while ws
                        .get(i)
                        .is_some_and(|w| !VERDICTS.contains(&&*w.text) && w.text != "comment")
                    {
                        i += 1;
                    }
                }
            }
            "return" => verdict = Verdict::Return,
            "jump" | "goto" => {
                i += 1;
                let target = format!("{table}/{key}");
                verdict =
                    if head == "jump" { Verdict::Jump(target) } else { Verdict::Goto(target) };
            }
            "continue" => verdict = Verdict::Continue,
            "queue" => {
                verdict = Verdict::Accept;
                m.assumed.push("`queue` (a user-space program decides)".to_owned());
                i = ws.len();
            }
            other => {
                // Syntax Portolan does not know: read as a match that always holds, up to the
                // next word it knows.
                let mut text = other.to_owned();
                while let Some(w) = ws.get(i) {
                    if is_known_head(&w.text) {
                        break;
                    }
                    text.push(' ');
                    text.push_str(&w.text);
                    i += 1;
                }
                notes.push(Note::assumption(
                    position(word),
                    format!(
                        "`{}` is nft syntax Portolan does not read: read as matching every packet",
                        shorten(&text)
                    ),
                ));
                m.assumed.push(format!("`{}`", shorten(&text)));
            }
        }
    }
    // Notes for unknown syntax were made above; the walk notes the other assumptions.
    Rule {
        at: Position { line: at.line, column: ws.first().map_or(1, |w| w.column) },
        matcher: m,
        verdict,
    }
}

fn is_known_head(word: &str) -> bool {
    VERDICTS.contains(&word)
        || matches!(
            word,
            "ip" | "ip6"
                | "tcp"
                | "udp"
                | "sctp"
                | "th"
                | "meta"
                | "ct"
                | "iif"
                | "iifname"
                | "oif"
                | "oifname"
                | "icmp"
                | "icmpv6"
                | "counter"
                | "comment"
                | "log"
                | "limit"
                | "quota"
        )
}

fn interface(m: &mut Match, names: &[String], negated: bool) {
    if !negated && names.iter().all(|n| n == "lo") {
        m.loopback = true;
    } else {
        m.assumed.push(format!(
            "`iif{} {}` (interfaces)",
            if negated { " !=" } else { "" },
            names.join(", ")
        ));
    }
}
