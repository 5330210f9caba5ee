//! `nft list ruleset` output: tables of the `ip`, `ip6` and `inet` families, their named sets,
//! base chains (hook and policy) and rules. Chains are named `table/chain` so that two tables
//! may both have an `input`.

use rustc_hash::FxHashMap as HashMap;

use super::model::{
    Chain, Hook, InInterface, MarkTest, MarkWrite, Match, Note, Rule, Ruleset, Translation,
    Verdict, line_start, mark_number,
};
use super::words::{
    Word, complement_nets, complement_ports, narrowed, nets, port_match, port_matches, protocol,
    source_ports, words,
};
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
    /// A flowtable, named counter…: skipped. (A flowtable offloads connections the forward
    /// chain already let through: no new connection skips the chains the audit walks.)
    Other,
}

/// Reads the text of an `nft list ruleset` run.
pub fn read(text: &str) -> Ruleset {
    let mut ruleset = Ruleset::default();
    let mut stack: Vec<Block> = Vec::new();
    let mut sets: HashMap<(String, String), Vec<String>> = HashMap::default();
    let mut last = 1;
    // `define NAME = VALUE` of a configuration file (`/etc/nftables.conf`), longest first.
    let mut defines: Vec<(String, String)> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let at = line_start(index + 1);
        last = index + 1;
        let uncommented = without_comment(raw);
        let substituted;
        let raw = if uncommented.contains('$') {
            substituted = substitute(uncommented, &defines);
            substituted.as_str()
        } else {
            uncommented
        };
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if stack.is_empty() && config_line(line, at, &mut defines, &mut ruleset.notes) {
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
                // A set with `counter` (or timeouts) prints each element's own:
                // `198.51.100.0/24 counter packets 0 bytes 0`, `10.0.0.5 expires 58s`.
                let mut skip = 0;
                for token in tokens {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match token {
                        "}" => *collecting = false,
                        "," | "{" | "=" | "counter" => {}
                        "packets" | "bytes" | "timeout" | "expires" | "comment" => skip = 1,
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
                    // `ip filter` and `ip6 filter` are two tables: their chains (and sets)
                    // are told apart by family (a jump stays in its own table).
                    let name = format!("{family} {name}");
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
                    // A named map's elements (`key : verdict`, `key : address`) are kept as
                    // its words, read where a rule looks it up (`vmap @name`, `map @name`).
                    ("set" | "map", true) => {
                        let name = ws.get(1).map_or(String::new(), |w| w.text.to_string());
                        stack.push(Block::Set {
                            table,
                            name,
                            elements: Vec::new(),
                            collecting: false,
                        });
                    }
                    (_, true) => stack.push(Block::Other),
                    // A table switched off (`flags dormant`, printed before its chains): its
                    // chains are not hooked, so they filter nothing.
                    ("flags", false) => {
                        if ws.iter().any(|w| w.text == "dormant")
                            && let Some(Block::Table { filters, .. }) = stack.last_mut()
                        {
                            *filters = false;
                        }
                    }
                    // A table's remark (kube-proxy: `comment "rules for kube-proxy"`).
                    ("comment", false) => {}
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
                    let rules = rule(&ws, at, family, &table, &sets, &mut ruleset.notes);
                    if let Some(chain) = ruleset.chains.get_mut(index) {
                        chain.rules.extend(rules);
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
    super::bridges::nft_bridges(&mut ruleset);
    // A table of another family never filters input: its chains are hooked "elsewhere".
    ruleset
}

/// The line before a `#` comment (`nft -a`'s `# handle 4`, a configuration file's remarks),
/// a `#` inside a quoted comment kept.
fn without_comment(raw: &str) -> &str {
    let mut quoted = false;
    for (i, c) in raw.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => return raw.get(..i).unwrap_or(raw),
            _ => {}
        }
    }
    raw
}

/// `$NAME` replaced by its `define`d value.
fn substitute(raw: &str, defines: &[(String, String)]) -> String {
    let mut out = raw.to_owned();
    for (name, value) in defines {
        out = out.replace(&format!("${name}"), value);
    }
    out
}

/// The top-level lines of a configuration file (`nft -f` input) rather than a listing:
/// `flush ruleset` (nothing to audit), `define NAME = VALUE` (kept for `$NAME`), `include
/// "FILE"` (not in this text: an error, the rest is audited). False for any other line.
fn config_line(
    line: &str,
    at: Position,
    defines: &mut Vec<(String, String)>,
    notes: &mut Vec<Note>,
) -> bool {
    let mut parts = line.splitn(2, char::is_whitespace);
    let (first, rest) = (parts.next().unwrap_or(""), parts.next().unwrap_or("").trim());
    match first {
        "flush" | "delete" | "destroy" => true,
        "define" | "redefine" => {
            if let Some((name, value)) = rest.split_once('=') {
                defines
                    .push((name.trim().to_owned(), value.trim().trim_end_matches(';').to_owned()));
                defines.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
            }
            true
        }
        "include" => {
            notes.push(Note::error(
                at,
                format!("`include {rest}`: the included file is not in this text, so its rules are not audited (`nft list ruleset` prints everything loaded)"),
            ));
            true
        }
        _ => false,
    }
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

/// `type filter hook input priority filter; policy drop;`; `type nat hook prerouting …`
/// is the DNAT walk (what it rewrites goes to another address, past the input chains).
fn chain_type(ws: &[Word<'_>], at: Position, ruleset: &mut Ruleset, index: usize) {
    let Some(chain) = ruleset.chains.get_mut(index) else { return };
    let filters = chain.hook != Some(Hook::Other);
    let word_after = |key: &str| {
        ws.iter().position(|w| w.text == key).and_then(|i| ws.get(i + 1)).map(|w| &*w.text)
    };
    if let Some(hook) = word_after("hook").filter(|_| filters) {
        chain.hook = Some(match (word_after("type").unwrap_or("filter"), hook) {
            ("filter", "input") => Hook::Input,
            ("filter", "forward") => Hook::Forward,
            ("filter", "output") => Hook::Output,
            ("filter", "prerouting") => Hook::Prerouting,
            ("nat", "prerouting") => Hook::Dnat,
            _ => Hook::Other,
        });
    }
    for (i, w) in ws.iter().enumerate() {
        let next = ws.get(i + 1).map(|w| &*w.text);
        if w.text == "policy" {
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
) -> Vec<Rule> {
    let mut m = Match { family, ..Match::default() };
    let mut verdict = Verdict::Continue;
    // `… vmap { key : verdict, … }`: one rule per element, in order.
    let mut vmap: Option<(VmapKey, Vec<(String, Verdict)>)> = None;
    let mut i = 0;
    let position = |w: &Word<'_>| Position { line: at.line, column: w.column };
    let narrow_transports = |m: &mut Match, t: Vec<Transport>| {
        m.transports = Some(match m.transports.take() {
            None => t,
            Some(old) => old.into_iter().filter(|o| t.contains(o)).collect(),
        });
    };
    // `ip saddr . tcp dport @pairs`: one rule per element of the set, in order; of a verdict
    // map (`ip daddr . meta l4proto . th dport vmap @service-ips`), each with its verdict.
    let mut concat: Option<(Vec<String>, Vec<Element>)> = None;
    // `dnat to numgen inc mod 2 map { 0 : 10.0.0.5, 1 : 10.0.0.6 }`: one rule per target.
    let mut dnat_map: Option<(VmapKey, Vec<(String, Translation)>)> = None;
    while i < ws.len() {
        let word = &ws[i];
        if let Some((selectors, after)) = concatenation(ws, i) {
            i = after;
            if ws.get(i).is_some_and(|w| w.text == "vmap") {
                let read =
                    vmap_elements(ws, &mut i, table, sets).and_then(|elements| {
                        match elements.iter().find(|(key, _)| key.len() != selectors.len()) {
                            Some((key, _)) => Err(format!(
                                "element `{}` has {} part(s) where the selectors have {}",
                                key.join(" . "),
                                key.len(),
                                selectors.len()
                            )),
                            None => Ok(elements),
                        }
                    });
                match read {
                    Ok(elements) if concat.is_none() => {
                        let elements = elements.into_iter().map(|(k, v)| (k, Some(v))).collect();
                        concat = Some((selectors, elements));
                    }
                    Ok(_) => notes.push(Note::error(
                        position(word),
                        "a second concatenation in one rule is not read: the rule is skipped",
                    )),
                    Err(message) => notes.push(Note::error(
                        position(word),
                        format!("`{}`: {message}: the rule is skipped", selectors.join(" . ")),
                    )),
                }
                if concat.is_none() {
                    return Vec::new();
                }
                continue;
            }
            let negated = ws.get(i).is_some_and(|w| w.text == "!=");
            i += usize::from(negated);
            let read = values(ws, &mut i, table, sets)
                .and_then(|vals| tuples(&vals, selectors.len()))
                .map_err(|e| format!("`{}`: {e}", selectors.join(" . ")));
            match read {
                Ok(elements) if !negated && concat.is_none() => {
                    concat = Some((selectors, elements.into_iter().map(|e| (e, None)).collect()))
                }
                Ok(_) => m.assumed.push(format!("`{} !=` a set", selectors.join(" . "))),
                Err(message) => {
                    notes.push(Note::error(position(word), message));
                    m.assumed.push(format!("`{}` (unread)", selectors.join(" . ")));
                }
            }
            continue;
        }
        let head = &*word.text;
        i += 1;
        let key = ws.get(i).map_or("", |w| &*w.text);
        match head {
            "ip" | "ip6" if matches!(key, "saddr" | "daddr") => {
                i += 1;
                m.family = Some(if head == "ip" { IpFamily::V4 } else { IpFamily::V6 });
                if ws.get(i).is_some_and(|w| w.text == "vmap") {
                    let side = if key == "saddr" { VmapKey::Source } else { VmapKey::Destination };
                    match vmap_elements(ws, &mut i, table, sets).and_then(single_keys) {
                        Ok(elements) => vmap = Some((side, elements)),
                        Err(message) => notes.push(Note::error(position(word), message)),
                    }
                    continue;
                }
                let negated = ws.get(i).is_some_and(|w| w.text == "!=");
                if negated {
                    i += 1;
                }
                let family = m.family;
                match values(ws, &mut i, table, sets) {
                    Ok(vals) => {
                        let nets: Option<Vec<_>> = vals
                            .iter()
                            .map(|v| nets(v))
                            .collect::<Option<Vec<_>>>()
                            .map(|n| n.concat());
                        // `ip saddr != 10.0.0.0/8`: every other address of the family.
                        let nets =
                            nets.map(|n| if negated { complement_nets(&n, family) } else { n });
                        match nets {
                            Some(nets) if key == "saddr" => {
                                m.sources = Some(narrowed(m.sources.take(), nets))
                            }
                            Some(nets) => {
                                m.destinations = Some(narrowed(m.destinations.take(), nets))
                            }
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
                if key == "dport" && ws.get(i).is_some_and(|w| w.text == "vmap") {
                    match vmap_elements(ws, &mut i, table, sets).and_then(single_keys) {
                        Ok(elements) => vmap = Some((VmapKey::Port, elements)),
                        Err(message) => notes.push(Note::error(position(word), message)),
                    }
                    continue;
                }
                let negated = ws.get(i).is_some_and(|w| w.text == "!=");
                if negated {
                    i += 1;
                }
                if head == "tcp" && key == "flags" {
                    tcp_flags(ws, &mut i, negated, &mut m);
                    continue;
                }
                match values(ws, &mut i, table, sets) {
                    Ok(vals) if key == "dport" => {
                        let ranges = port_matches(vals.iter().map(String::as_str));
                        match ranges {
                            // `th dport != 1-1023`: every other port.
                            Some(r) if negated => m.ports = Some(complement_ports(&r)),
                            Some(r) => m.ports = Some(r),
                            None => notes.push(Note::error(position(word), format!("`{head} dport` values `{}` are not ports; expected numbers or ranges such as 8000-8080", vals.join(", ")))),
                        }
                    }
                    Ok(vals) if key == "sport" => {
                        let ranges = port_matches(vals.iter().map(String::as_str))
                            .map(|r| if negated { complement_ports(&r) } else { r });
                        let written = format!(
                            "`{head} sport{} {}`",
                            if negated { " !=" } else { "" },
                            vals.join(", ")
                        );
                        source_ports(&mut m, ranges, written);
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
                // `ct state vmap { established : accept, … }`, `meta l4proto vmap { tcp : jump
                // tcp_in, … }`: the nftables documentation's server ruleset.
                let on = match (head, key) {
                    ("ct", "state") => Some(VmapKey::CtState),
                    ("meta", "l4proto") => Some(VmapKey::L4proto),
                    _ => None,
                };
                // `ct helper set "x"`, `meta mark set meta mark | 0x4000`: a statement, not a
                // match; its value runs to the next statement or verdict.
                if ws.get(i).is_some_and(|w| w.text == "set") {
                    i += 1;
                    if (head, key) == ("meta", "mark") {
                        m.sets_mark = Some(mark_write(ws, &mut i));
                        continue;
                    }
                    let _ = values(ws, &mut i, table, sets);
                    while ws.get(i).is_some_and(|w| {
                        matches!(&*w.text, "|" | "^" | "&" | "or" | "xor" | "and" | "mark")
                            || w.text.starts_with("0x")
                    }) {
                        i += 1;
                    }
                    continue;
                }
                // `meta mark & 0x4000 == 0x4000`: a masked test of the mark, which the walk
                // decides.
                if (head, key) == ("meta", "mark")
                    && let Some(test) = masked_mark_test(ws, &mut i)
                {
                    m.marks.push(test);
                    continue;
                }
                // Another masked comparison (`ct mark & 0x4000 == 0x4000`): not modelled.
                if ws.get(i).is_some_and(|w| matches!(&*w.text, "&" | "|" | "^" | "and")) {
                    let mut text = format!("{head} {key}");
                    while ws.get(i).is_some_and(|w| !is_known_head(&w.text)) {
                        text.push(' ');
                        text.push_str(&ws[i].text);
                        i += 1;
                    }
                    m.assumed.push(format!("`{}`", shorten(&text)));
                    continue;
                }
                if let Some(on) = on.filter(|_| ws.get(i).is_some_and(|w| w.text == "vmap")) {
                    match vmap_elements(ws, &mut i, table, sets).and_then(single_keys) {
                        Ok(elements) => vmap = Some((on, elements)),
                        Err(message) => notes.push(Note::error(position(word), message)),
                    }
                    continue;
                }
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
                    ("meta", "mark")
                        if vals.len() == 1 && vals.iter().all(|v| mark_number(v).is_some()) =>
                    {
                        let value = vals.first().and_then(|v| mark_number(v)).unwrap_or_default();
                        let written = format!(
                            "meta mark {}{}",
                            if negated { "!= " } else { "" },
                            vals.join("")
                        );
                        m.marks.push(MarkTest { value, mask: u32::MAX, negated, written });
                    }
                    ("meta", "iif" | "iifname") => interface(&mut m, &vals, negated),
                    ("meta", "oif" | "oifname") => out_interface(&mut m, &vals, negated),
                    // Connections a DNAT rule rewrote: the published ports' traffic in forward.
                    ("ct", "status") if vals.iter().all(|v| v == "dnat") => {
                        if negated {
                            m.not_dnatted = true
                        } else {
                            m.dnat_only = true
                        }
                    }
                    ("ct", "state") if !negated => {
                        m.replies |= super::words::established(&vals);
                        match super::words::new_connections(&vals) {
                            Some(true) => {}
                            Some(false) => m.no_new_connections = true,
                            None => m.assumed.push(format!("`ct state {}`", vals.join(","))),
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
                let negated = key == "!=";
                if negated {
                    i += 1;
                }
                match values(ws, &mut i, table, sets) {
                    Ok(vals) => out_interface(&mut m, &vals, negated),
                    Err(message) => notes.push(Note::error(position(word), message)),
                }
            }
            "icmp" | "icmpv6" => {
                // ICMP: no flow of the plan is ICMP, so the rule concerns none.
                m.transports = Some(Vec::new());
                i += 1;
                // `icmpv6 type != { nd-redirect, 139 }` (NixOS): every type but those, still
                // ICMP. Regression: the `!=` was taken for the value and the set left unread.
                if ws.get(i).is_some_and(|w| w.text == "!=" || w.text == "==") {
                    i += 1;
                }
                let _ = values(ws, &mut i, table, sets);
            }
            "counter" => {
                // `counter packets 12 bytes 800`; a named counter: `counter name "ssh_hits"`.
                while ws.get(i).is_some_and(|w| matches!(&*w.text, "packets" | "bytes" | "name")) {
                    i += 2;
                }
            }
            "add" | "update" | "delete" if key.starts_with('@') => {
                // `update @meter { ip saddr limit rate over 3/minute }`: a dynamic set. Filling
                // it always passes; with a limit inside, the rule matches only over the rate.
                let mut text = format!("{head} {key}");
                i += 1;
                let mut depth = 0;
                while let Some(w) = ws.get(i) {
                    i += 1;
                    text.push(' ');
                    text.push_str(&w.text);
                    match &*w.text {
                        "{" => depth += 1,
                        "}" => depth -= 1,
                        _ => {}
                    }
                    if depth <= 0 {
                        break;
                    }
                }
                if text.contains(" limit ") || text.contains(" quota ") {
                    m.assumed.push(format!("`{}`", shorten(&text)));
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
            "fib" => {
                // `fib daddr type local`: addressed to the host, as every packet audited is.
                // `fib FLAG[ . FLAG…] RESULT [!=] VALUE`.
                let mut text = head.to_owned();
                let mut take = |i: &mut usize| {
                    if let Some(w) = ws.get(*i) {
                        text.push(' ');
                        text.push_str(&w.text);
                        *i += 1;
                    }
                };
                take(&mut i);
                while ws.get(i).is_some_and(|w| w.text == ".") {
                    take(&mut i);
                    take(&mut i);
                }
                take(&mut i); // the result: type, oif, oifname
                if ws.get(i).is_some_and(|w| w.text == "!=" || w.text == "==") {
                    take(&mut i);
                }
                match values(ws, &mut i, table, sets) {
                    Ok(vals) => {
                        text.push(' ');
                        text.push_str(&vals.join(", "));
                    }
                    Err(message) => notes.push(Note::error(position(word), message)),
                }
                if super::words::reverse_path_check(&text) {
                    // Fails only for spoofed sources: no planned connection.
                    m.loopback = true;
                } else if text != "fib daddr type local" {
                    m.assumed.push(format!("`{}`", shorten(&text)));
                }
            }
            "xt" => {
                // iptables-nft's extensions nft cannot print (`xt match set`).
                let name = ws.get(i + 1).map_or("", |w| &*w.text);
                i = (i + 2).min(ws.len());
                if key == "target" && name == "DNAT" {
                    verdict = Verdict::Nat(super::nat::unknown(
                        "not printed by nft (`xt target DNAT`: iptables-save shows it)",
                    ));
                } else {
                    m.assumed.push(format!(
                        "`xt {key} {name}` (an iptables extension nft does not print: iptables-save shows it)"
                    ));
                }
            }
            "numgen" | "jhash" | "symhash" => {
                // `numgen random mod 2 [offset 1]`, `jhash ip saddr . tcp sport mod 2 [seed
                // 0x1]`, `symhash mod 2`: a number picked per connection, by chance or by hash.
                let mut text = head.to_owned();
                let mut take = |i: &mut usize| {
                    if let Some(w) = ws.get(*i) {
                        text.push(' ');
                        text.push_str(&w.text);
                        *i += 1;
                    }
                };
                while ws.get(i).is_some_and(|w| w.text != "mod") {
                    take(&mut i);
                }
                take(&mut i);
                let modulus = ws.get(i).and_then(|w| w.text.parse::<u64>().ok());
                take(&mut i);
                let mut offset = 0;
                while ws.get(i).is_some_and(|w| matches!(&*w.text, "seed" | "offset")) {
                    if ws.get(i).is_some_and(|w| w.text == "offset") {
                        offset = ws.get(i + 1).and_then(|w| w.text.parse().ok()).unwrap_or(0);
                    }
                    take(&mut i);
                    take(&mut i);
                }
                // `mod 1` picks one number, the offset, every time: no balancing at all.
                let key = match modulus {
                    Some(1) => VmapKey::Always(offset),
                    _ => VmapKey::Balanced,
                };
                if ws.get(i).is_some_and(|w| w.text == "vmap") {
                    match vmap_elements(ws, &mut i, table, sets).and_then(single_keys) {
                        Ok(elements) => vmap = Some((key, elements)),
                        Err(message) => notes.push(Note::error(position(word), message)),
                    }
                } else {
                    // Compared with a value: part of the connections, which ones not known.
                    while ws.get(i).is_some_and(|w| !is_known_head(&w.text)) {
                        take(&mut i);
                    }
                    m.assumed.push(format!("`{}` (load balancing)", shorten(&text)));
                }
            }
            "flow" if matches!(key, "add" | "offload") => {
                // `flow add @ft`: the connection's later packets bypass the chains through
                // the flowtable, once this rule has seen it; a new connection still meets
                // every rule, so the audit reads on as if the statement were not there.
                i += 2;
            }
            "dnat" if dnat_map_at(ws, i).is_some() => {
                // `dnat to numgen inc mod 2 map { 0 : 10.0.0.5, 1 : 10.0.0.6 }`, `dnat ip to
                // tcp dport map { 8443 : 192.168.1.20 . 443 }`: each target a rule of its own.
                let (selector, at_map) = dnat_map_at(ws, i).unwrap_or_default();
                let key = match selector.as_slice() {
                    [first, ..] if matches!(first.as_str(), "numgen" | "jhash" | "symhash") => {
                        Some(VmapKey::Balanced)
                    }
                    [proto, port] if port == "dport" => {
                        let t = match proto.as_str() {
                            "tcp" => vec![Transport::Tcp],
                            "udp" => vec![Transport::Udp],
                            "sctp" => vec![Transport::Sctp],
                            _ => Transport::ALL.to_vec(),
                        };
                        narrow_transports(&mut m, t);
                        Some(VmapKey::Port)
                    }
                    [ip, side] if matches!(ip.as_str(), "ip" | "ip6") && side == "saddr" => {
                        Some(VmapKey::Source)
                    }
                    [ip, side] if matches!(ip.as_str(), "ip" | "ip6") && side == "daddr" => {
                        Some(VmapKey::Destination)
                    }
                    _ => None,
                };
                i = at_map + 1;
                let read = map_words(ws, &mut i, table, sets).and_then(|w| map_entries(&w));
                let Some(key) = key else {
                    let targets = read.map(|e| e.len()).unwrap_or_default();
                    verdict = Verdict::Nat(super::nat::unknown(format!(
                        "one of {targets} picked by `{}`, which Portolan does not read",
                        selector.join(" ")
                    )));
                    continue;
                };
                match read {
                    Ok(entries) => {
                        let mut targets = Vec::new();
                        for (keys, value) in entries {
                            let written = match value.as_slice() {
                                [address, port] if address.contains(':') => {
                                    format!("[{address}]:{port}")
                                }
                                [address, port] => format!("{address}:{port}"),
                                _ => value.join(" . "),
                            };
                            let translation = super::nat::destination(&written)
                                .unwrap_or_else(|| super::nat::unknown(written));
                            targets.push((keys.join(" . "), translation));
                        }
                        dnat_map = Some((key, targets));
                    }
                    Err(message) => notes.push(Note::error(position(word), message)),
                }
            }
            "dnat" => {
                // `dnat to 10.0.0.5:443`, `dnat ip to …`: forwarded, past the input chains.
                let mut to = String::new();
                while let Some(w) = ws
                    .get(i)
                    .filter(|w| matches!(&*w.text, "to" | "ip" | "ip6") || !is_known_head(&w.text))
                {
                    if !matches!(&*w.text, "to" | "ip" | "ip6") {
                        to.push_str(&w.text);
                    }
                    i += 1;
                }
                verdict = Verdict::Nat(
                    super::nat::destination(&to).unwrap_or_else(|| super::nat::unknown(to)),
                );
            }
            "redirect" => {
                // `redirect to :8080`: to a local port, which the input chains then judge.
                let mut to = String::new();
                while let Some(w) = ws.get(i).filter(|w| w.text == "to" || !is_known_head(&w.text))
                {
                    if w.text != "to" {
                        to.push_str(w.text.trim_start_matches(':'));
                    }
                    i += 1;
                }
                let written = if to.is_empty() { None } else { Some(to.as_str()) };
                verdict = Verdict::Nat(
                    super::nat::redirect(written)
                        .unwrap_or_else(|| super::nat::unknown(format!("local port {to}"))),
                );
            }
            "snat" | "masquerade" | "notrack" => {
                // Address or port rewriting, conntrack exemption: filtering is left to the
                // filter chains (a redirect's new port meets the input chains).
                while ws.get(i).is_some_and(|w| !is_known_head(&w.text)) {
                    i += 1;
                }
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
    let at = Position { line: at.line, column: ws.first().map_or(1, |w| w.column) };
    if let Some((selectors, elements)) = concat {
        let mut rules = Vec::new();
        for (element, own) in elements {
            let mut matcher = m.clone();
            for (selector, value) in selectors.iter().zip(&element) {
                if let Err(message) = concatenated(selector, value, &mut matcher) {
                    notes.push(Note::error(at, message));
                }
            }
            rules.push(Rule { at, matcher, verdict: own.unwrap_or_else(|| verdict.clone()) });
        }
        return rules;
    }
    if let Some((key, targets)) = dnat_map {
        let mut rules = Vec::new();
        for (value, translation) in targets {
            let mut matcher = m.clone();
            if keyed(key, &value, &mut matcher).is_none() {
                notes.push(Note::error(
                    at,
                    format!("dnat map key `{value}` is not a port or address Portolan reads; expected 443, 8000-8080 or 10.0.0.0/24: the element is skipped"),
                ));
                continue;
            }
            rules.push(Rule { at, matcher, verdict: Verdict::Nat(translation) });
        }
        return rules;
    }
    let Some((key, elements)) = vmap else {
        return vec![Rule { at, matcher: m, verdict }];
    };
    let mut rules = Vec::new();
    for (value, verdict) in elements {
        let mut matcher = m.clone();
        let read = keyed(key, &value, &mut matcher);
        if read.is_none() {
            notes.push(Note::error(
                at,
                format!("verdict map key `{value}` is not a port, address, protocol or connection state Portolan reads; expected 443, 8000-8080, 10.0.0.0/24, tcp or established: the element is skipped"),
            ));
            continue;
        }
        rules.push(Rule { at, matcher, verdict });
    }
    rules
}

/// `matcher` narrowed to the traffic a map's key `value` stands for; `None` when the value is
/// not one of `key`'s.
fn keyed(key: VmapKey, value: &str, matcher: &mut Match) -> Option<()> {
    match key {
        VmapKey::CtState => match value {
            "established" | "related" | "invalid" => {
                matcher.no_new_connections = true;
                matcher.replies = value == "established";
                Some(())
            }
            "new" | "untracked" => Some(()),
            _ => None,
        },
        VmapKey::L4proto => protocol(value).map(|t| {
            let t: Vec<Transport> = t.into_iter().collect();
            matcher.transports = Some(match matcher.transports.take() {
                None => t,
                Some(old) => old.into_iter().filter(|o| t.contains(o)).collect(),
            });
        }),
        VmapKey::Port => port_match(value).map(|r| matcher.ports = Some(r)),
        VmapKey::Source => nets(value).map(|n| matcher.sources = Some(n)),
        VmapKey::Destination => nets(value).map(|n| matcher.destinations = Some(n)),
        // `numgen random mod 2`, `jhash ip saddr mod 2`: which connections take which branch
        // is not known, but every branch takes some of them.
        VmapKey::Balanced => {
            matcher.balanced = true;
            Some(())
        }
        // Regression: `numgen random mod 1 vmap { 0 : goto endpoint }` was read as one branch
        // of a balancer (its drops not counted); the one number it picks is always taken.
        VmapKey::Always(picked) => {
            let (low, high) = match value.split_once('-') {
                Some((low, high)) => (low.parse::<u64>().ok()?, high.parse::<u64>().ok()?),
                None => (value.parse::<u64>().ok()?, value.parse::<u64>().ok()?),
            };
            if !(low..=high).contains(&picked) {
                // Never picked: a key no packet has (read like loopback, from nowhere).
                matcher.loopback = true;
            }
            Some(())
        }
    }
}

/// `ip saddr . meta l4proto . th dport` starting at `i`: the selectors (as written) and where
/// the values begin, when at least two are joined by `.`.
fn concatenation(ws: &[Word<'_>], i: usize) -> Option<(Vec<String>, usize)> {
    let text = |j: usize| ws.get(j).map_or("", |w| &*w.text);
    let selector = |j: usize| -> Option<(String, usize)> {
        match (text(j), text(j + 1)) {
            ("iif" | "iifname", _) => Some((text(j).to_owned(), j + 1)),
            ("ip" | "ip6", "saddr" | "daddr" | "protocol" | "nexthdr")
            | ("meta", "l4proto" | "iifname" | "iif" | "nfproto")
            | ("tcp" | "udp" | "sctp" | "th", "dport" | "sport") => {
                Some((format!("{} {}", text(j), text(j + 1)), j + 2))
            }
            _ => None,
        }
    };
    let (first, mut next) = selector(i)?;
    let mut out = vec![first];
    while text(next) == "." {
        let (more, after) = selector(next + 1)?;
        out.push(more);
        next = after;
    }
    (out.len() > 1).then_some((out, next))
}

/// The values of a concatenated set (`10.0.0.0/24 . tcp . 5432`, each `.` a word) as tuples
/// of `width`.
fn tuples(values: &[String], width: usize) -> Result<Vec<Vec<String>>, String> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut joined = true;
    for value in values {
        if value == "." {
            joined = true;
            continue;
        }
        if !joined {
            out.push(std::mem::take(&mut current));
        }
        current.push(value.clone());
        joined = false;
    }
    if !current.is_empty() {
        out.push(current);
    }
    match out.iter().find(|t| t.len() != width) {
        Some(t) => Err(format!(
            "element `{}` has {} part(s) where the selectors have {width}",
            t.join(" . "),
            t.len()
        )),
        None => Ok(out),
    }
}

/// One part of a concatenated element, as the single match it stands for.
fn concatenated(selector: &str, value: &str, m: &mut Match) -> Result<(), String> {
    let transports = |m: &mut Match, t: Vec<Transport>| {
        m.transports = Some(match m.transports.take() {
            None => t,
            Some(old) => old.into_iter().filter(|o| t.contains(o)).collect(),
        });
    };
    let (head, key) = selector.split_once(' ').unwrap_or((selector, ""));
    match (head, key) {
        ("ip" | "ip6", "saddr" | "daddr") => {
            let found = nets(value)
                .ok_or_else(|| format!("`{selector}` value `{value}` is not an address or CIDR"))?;
            m.family = Some(if head == "ip" { IpFamily::V4 } else { IpFamily::V6 });
            if key == "saddr" {
                m.sources = Some(narrowed(m.sources.take(), found));
            } else {
                m.destinations = Some(narrowed(m.destinations.take(), found));
            }
        }
        ("ip", "protocol") | ("ip6", "nexthdr") | ("meta", "l4proto") => {
            let t = protocol(value)
                .ok_or_else(|| format!("`{selector}` value `{value}` is not a protocol"))?;
            transports(m, t.into_iter().collect());
        }
        ("tcp" | "udp" | "sctp" | "th", "dport") => {
            let ranges = port_match(value).ok_or_else(|| {
                format!("`{selector}` value `{value}` is not a port or a range such as 8000-8080")
            })?;
            match head {
                "tcp" => transports(m, vec![Transport::Tcp]),
                "udp" => transports(m, vec![Transport::Udp]),
                "sctp" => transports(m, vec![Transport::Sctp]),
                _ => {}
            }
            m.ports = Some(ranges);
        }
        ("iif" | "iifname", _) | ("meta", "iif" | "iifname") => {
            interface(m, &[value.to_owned()], false);
        }
        _ => m.assumed.push(format!("`{selector} {value}`")),
    }
    Ok(())
}

/// `tcp flags syn / fin,syn,rst,ack` (the flags of the mask compared), `tcp flags == syn`
/// (all of them), `tcp flags syn` (any of them set): a new connection's lone SYN passes or not.
fn tcp_flags(ws: &[Word<'_>], i: &mut usize, negated: bool, m: &mut Match) {
    let list = |i: &mut usize| {
        let mut out = Vec::new();
        while let Some(w) = ws.get(*i) {
            match &*w.text {
                "," | "|" | "(" | ")" => {}
                "==" if out.is_empty() => {}
                t if t.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, '|' | '(' | ')'))
                    && !is_known_head(t) =>
                {
                    out.push(t.trim_matches(['(', ')']).to_owned())
                }
                _ => break,
            }
            *i += 1;
        }
        out.join(",")
    };
    let exact = ws.get(*i).is_some_and(|w| w.text == "==");
    let comparison = list(i);
    let mask = if ws.get(*i).is_some_and(|w| w.text == "/") {
        *i += 1;
        list(i)
    } else if exact || negated {
        "ALL,ECN,CWR".to_owned()
    } else {
        // Any of the flags set: a lone SYN passes when SYN is one of them.
        let any = comparison.split(',').any(|f| f.eq_ignore_ascii_case("syn"));
        m.no_new_connections |= !any;
        return;
    };
    match super::words::syn_passes(&mask, &comparison) {
        Some(passes) => m.no_new_connections |= passes == negated,
        None => m.assumed.push(format!("`tcp flags {comparison} / {mask}`")),
    }
}

/// One element of a concatenated set or verdict map: its parts, and its own verdict (a map's).
type Element = (Vec<String>, Option<Verdict>);

/// One element of a map: its key's parts and its value's.
type Entry = (Vec<String>, Vec<String>);

/// What a verdict map is keyed on.
#[derive(Clone, Copy)]
enum VmapKey {
    CtState,
    L4proto,
    Port,
    Source,
    Destination,
    /// `numgen …`, `jhash …`, `symhash …`: load balancing.
    Balanced,
    /// `numgen random mod 1 [offset N]` (a load balancer left with one endpoint): always N.
    Always(u64),
}

/// The words of the map at `i` (`{ … }` written in the rule, or a named map `@name` defined
/// above the rule), `i` moved past it.
fn map_words(
    ws: &[Word<'_>],
    i: &mut usize,
    table: &str,
    sets: &HashMap<(String, String), Vec<String>>,
) -> Result<Vec<String>, String> {
    let Some(first) = ws.get(*i) else {
        return Err("a map is missing at the end of the rule".to_owned());
    };
    *i += 1;
    if let Some(name) = first.text.strip_prefix('@') {
        return sets.get(&(table.to_owned(), name.to_owned())).cloned().ok_or_else(|| {
            format!("map `@{name}` is not defined in table `{table}` above this rule")
        });
    }
    if first.text != "{" {
        return Err(format!(
            "`{}` is not a map; expected `{{ KEY : VALUE, … }}` or `@NAME`",
            first.text
        ));
    }
    let mut out = Vec::new();
    while let Some(w) = ws.get(*i) {
        *i += 1;
        match &*w.text {
            "}" => return Ok(out),
            "," => {}
            v => out.push(v.to_owned()),
        }
    }
    Err("a map `{` is not closed".to_owned())
}

/// A map's elements, `KEY[ . KEY…] : VALUE[ . VALUE…]` one after the other (commas already
/// dropped): each key's parts and its value's parts. A verdict value is one word, or two for
/// `jump NAME` / `goto NAME`.
fn map_entries(words: &[String]) -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    // `a . b . c`, starting at `i`: its parts, the `:` of `22:` taken off.
    // (Its parts, and whether the last one ended in a stuck `:`.)
    let joined = |i: &mut usize| -> (Vec<String>, bool) {
        let mut parts = Vec::new();
        while let Some(w) = words.get(*i) {
            *i += 1;
            parts.push(w.trim_end_matches(':').to_owned());
            if w.len() > 1 && w.ends_with(':') {
                return (parts, true);
            }
            if words.get(*i).is_none_or(|n| n != ".") {
                break;
            }
            *i += 1;
        }
        (parts, false)
    };
    while i < words.len() {
        let (key, colon_stuck) = joined(&mut i);
        if !colon_stuck {
            if words.get(i).is_none_or(|w| w != ":") {
                return Err(format!("map element `{}` has no `:` and value", key.join(" . ")));
            }
            i += 1;
        }
        let value = match words.get(i).map(String::as_str) {
            Some("jump" | "goto") => {
                let v = words.get(i..i + 2).map(<[String]>::to_vec);
                i += 2;
                v.ok_or_else(|| {
                    format!("map element `{}`: a jump names no chain", key.join(" . "))
                })?
            }
            Some(_) => joined(&mut i).0,
            None => return Err(format!("map element `{}` has no value", key.join(" . "))),
        };
        out.push((key, value));
    }
    Ok(out)
}

/// The elements of a map keyed on one selector (`tcp dport vmap { 22 : accept }`).
fn single_keys(elements: Vec<(Vec<String>, Verdict)>) -> Result<Vec<(String, Verdict)>, String> {
    elements
        .into_iter()
        .map(|(key, verdict)| match <[String; 1]>::try_from(key) {
            Ok([one]) => Ok((one, verdict)),
            Err(key) => Err(format!(
                "verdict map key `{}` has {} parts where the rule names one selector",
                key.join(" . "),
                key.len()
            )),
        })
        .collect()
}

/// `vmap { 22 : jump ssh_in, 25 : drop, 8080 : accept }` or `vmap @name` (a map of the
/// table): each key's parts and its verdict.
fn vmap_elements(
    ws: &[Word<'_>],
    i: &mut usize,
    table: &str,
    sets: &HashMap<(String, String), Vec<String>>,
) -> Result<Vec<(Vec<String>, Verdict)>, String> {
    *i += 1; // `vmap`
    let words = map_words(ws, i, table, sets)?;
    let mut out = Vec::new();
    for (key, value) in map_entries(&words)? {
        let word = |j: usize| value.get(j).map_or("", String::as_str);
        let verdict = match word(0) {
            "accept" => Verdict::Accept,
            "drop" | "reject" => Verdict::Drop,
            "return" => Verdict::Return,
            "continue" => Verdict::Continue,
            "jump" => Verdict::Jump(format!("{table}/{}", word(1))),
            "goto" => Verdict::Goto(format!("{table}/{}", word(1))),
            other => {
                return Err(format!(
                    "verdict map element `{}` maps to `{other}`; expected accept, drop, return, jump or goto",
                    key.join(" . ")
                ));
            }
        };
        out.push((key, verdict));
    }
    Ok(out)
}

/// `meta mark set …` from the word after `set`: a number (`0x00000020`), the mark itself with
/// `&`, `|`, `^` (or `and`, `or`, `xor`) and numbers, read left to right as nft prints them;
/// anything else (`ct mark`, a map) is a value the ruleset does not say.
fn mark_write(ws: &[Word<'_>], i: &mut usize) -> MarkWrite {
    let text = |at: usize| ws.get(at).map_or("", |w| &*w.text);
    let mut write = if let Some(value) = mark_number(text(*i)) {
        *i += 1;
        MarkWrite::constant(value)
    } else if text(*i) == "mark" || (text(*i) == "meta" && text(*i + 1) == "mark") {
        *i += if text(*i) == "mark" { 1 } else { 2 };
        MarkWrite::xmark(0, 0)
    } else {
        // `ct mark`, `numgen …`, a map: the value's words run to the next statement.
        *i += 1;
        while ws.get(*i).is_some_and(|w| !is_known_head(&w.text)) {
            *i += 1;
        }
        return MarkWrite::unknown(u32::MAX);
    };
    while let (op @ ("&" | "|" | "^" | "and" | "or" | "xor"), Some(value)) =
        (text(*i), mark_number(text(*i + 1)))
    {
        write = match op {
            "&" | "and" => write.and(value),
            "|" | "or" => write.or(value),
            _ => write.xor(value),
        };
        *i += 2;
    }
    if ws.get(*i).is_some_and(|w| matches!(&*w.text, "&" | "|" | "^" | "and" | "or" | "xor")) {
        // An operand that is no number (`meta mark & ct mark`): unread.
        while ws.get(*i).is_some_and(|w| !is_known_head(&w.text)) {
            *i += 1;
        }
        return MarkWrite::unknown(u32::MAX);
    }
    write
}

/// `meta mark & 0x00010000 != 0x00000000` from the word after `mark` (`and` and an implicit
/// `==` as hand-written files have them); `None` (nothing read) for another shape.
fn masked_mark_test(ws: &[Word<'_>], i: &mut usize) -> Option<MarkTest> {
    let text = |at: usize| ws.get(at).map_or("", |w| &*w.text);
    if !matches!(text(*i), "&" | "and") {
        return None;
    }
    let mask = mark_number(text(*i + 1))?;
    let (negated, value_at) = match text(*i + 2) {
        "==" => (false, *i + 3),
        "!=" => (true, *i + 3),
        _ => (false, *i + 2),
    };
    let value = mark_number(text(value_at))?;
    let written = (i.saturating_sub(2)..=value_at).map(text).collect::<Vec<_>>().join(" ");
    *i = value_at + 1;
    Some(MarkTest { value, mask, negated, written })
}

fn is_known_head(word: &str) -> bool {
    VERDICTS.contains(&word)
        || matches!(
            word,
            "ip" | "ip6"
                | "fib"
                | "xt"
                | "dnat"
                | "snat"
                | "masquerade"
                | "redirect"
                | "notrack"
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
                | "numgen"
                | "jhash"
                | "symhash"
                | "flow"
        )
}

/// `dnat [ip|ip6] to SELECTOR… map …` at `i` (the word after `dnat`): the selector's words
/// and where `map` is.
fn dnat_map_at(ws: &[Word<'_>], i: usize) -> Option<(Vec<String>, usize)> {
    let mut j = i;
    while ws.get(j).is_some_and(|w| matches!(&*w.text, "ip" | "ip6" | "to")) {
        j += 1;
    }
    let start = j;
    while let Some(w) = ws.get(j) {
        if w.text == "map" {
            let selector = ws.get(start..j)?.iter().map(|w| w.text.to_string()).collect();
            return Some((selector, j));
        }
        if VERDICTS.contains(&&*w.text) || matches!(&*w.text, "comment" | "{") {
            return None;
        }
        j += 1;
    }
    None
}

/// `oifname "docker0"`: in a forward chain, where the packet leaves (not modelled, but for a
/// bridge whose network the ruleset names: `bridges::nft_bridges`).
fn out_interface(m: &mut Match, names: &[String], negated: bool) {
    if let [one] = names {
        m.out_interface = Some((one.clone(), negated));
    }
    m.assumed.push(super::bridges::nft_out_interface_text(&names.join(", "), negated));
}

fn interface(m: &mut Match, names: &[String], negated: bool) {
    let list: Vec<&str> = names.iter().map(String::as_str).collect();
    match super::words::from_network(&list, negated) {
        super::words::FromNetwork::Never => m.loopback = true,
        super::words::FromNetwork::Always => {}
        super::words::FromNetwork::Unknown => {
            let text = format!(
                "`iif{} {}` (interfaces)",
                if negated { " !=" } else { "" },
                names.join(", ")
            );
            m.in_interface =
                Some(InInterface { names: names.to_vec(), negated, assumed: text.clone() });
            m.assumed.push(text);
        }
    }
}
