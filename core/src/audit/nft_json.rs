//! `nft -j list ruleset` output: the same tables, sets, chains and rules as the text form,
//! as JSON objects. Read with the positioned JSON reader of [`crate::data`] (no serde_json in
//! the page), so every rule keeps its line and column.

use rustc_hash::FxHashMap as HashMap;

use super::model::{
    Chain, Hook, MarkTest, MarkWrite, Match, Note, Rule, Ruleset, Verdict, mark_number,
};
use super::words::{
    complement_nets, complement_ports, json_or_note, narrowed, nets, port_matches, protocol,
    source_ports,
};
use crate::data::{Node, NodeValue, Position};
use crate::model::{IpFamily, Transport};

/// Reads the text of an `nft -j list ruleset` run.
pub fn read(text: &str) -> Ruleset {
    let mut ruleset = Ruleset::default();
    let Some(node) = json_or_note(text, &mut ruleset) else {
        return ruleset;
    };
    let Some(items) = node.get("nftables").and_then(Node::as_sequence) else {
        ruleset.notes.push(Note::error(
            node.position,
            format!(
                "expected an object with an `nftables` list (nft -j list ruleset), found {}",
                node.kind()
            ),
        ));
        return ruleset;
    };
    let mut families: HashMap<String, Option<IpFamily>> = HashMap::default();
    let mut sets: HashMap<(String, String), Vec<Node>> = HashMap::default();
    // The `xt` caveat is said once, at the first rule that has one.
    let mut said_xt = false;
    for item in items {
        if let Some(table) = item.get("table") {
            let (family, name) = (text_of(table, "family"), text_of(table, "name"));
            // `ip filter` and `ip6 filter` are two tables: their chains (and sets) are told
            // apart by family (a jump stays in its own table).
            let key = format!("{family} {name}");
            let fam = match family.as_str() {
                "ip" => Some(Some(IpFamily::V4)),
                "ip6" => Some(Some(IpFamily::V6)),
                "inet" => Some(None),
                _ => None,
            };
            // `"flags": ["dormant"]` (a table switched off): its chains filter nothing.
            let flags = table.get("flags");
            let words: Vec<&str> = match flags {
                Some(f) => f.as_sequence().map_or_else(
                    || f.as_str().into_iter().collect(),
                    |list| list.iter().filter_map(Node::as_str).collect(),
                ),
                None => Vec::new(),
            };
            if let Some(unknown) =
                words.iter().find(|w| !matches!(**w, "dormant" | "owner" | "persist"))
                && let Some(f) = flags
            {
                // nft 1.0.6 prints the table's name here instead of `dormant`.
                ruleset.notes.push(Note::assumption(
                    f.position,
                    format!("table `{family} {name}` has flags `{unknown}`, which Portolan does not read (nft 1.0.6 prints a dormant table's name here): its chains are read as filtering; if the table is dormant, they filter nothing"),
                ));
            }
            let dormant = words.contains(&"dormant");
            match fam {
                Some(_) if dormant => {}
                Some(f) => {
                    families.insert(key, f);
                }
                None => ruleset.notes.push(Note::assumption(
                    table.position,
                    format!("table `{family} {name}` is not audited (only ip, ip6 and inet tables filter what the host accepts)"),
                )),
            }
        } else if let Some(set) = item.get("set").or_else(|| item.get("map")) {
            // A map's elements are `[key, value]` pairs, read where a rule looks it up.
            let elements = set.get("elem").and_then(Node::as_sequence).map(<[Node]>::to_vec);
            sets.insert((table_key(set), text_of(set, "name")), elements.unwrap_or_default());
        } else if let Some(chain) = item.get("chain") {
            let table = table_key(chain);
            let filters = families.contains_key(&table);
            let kind = chain.get("type").and_then(Node::as_str).unwrap_or("filter");
            let hook = match chain.get("hook").and_then(Node::as_str) {
                _ if !filters => Some(Hook::Other),
                Some("input") if kind == "filter" => Some(Hook::Input),
                Some("forward") if kind == "filter" => Some(Hook::Forward),
                Some("output") if kind == "filter" => Some(Hook::Output),
                Some("prerouting") if kind == "filter" => Some(Hook::Prerouting),
                // What nat prerouting DNATs goes to another address, past the input chains.
                Some("prerouting") if kind == "nat" => Some(Hook::Dnat),
                Some(_) => Some(Hook::Other),
                None => None,
            };
            let policy = match chain.get("policy") {
                Some(p) if p.as_str() == Some("accept") => Some((Verdict::Accept, p.position)),
                Some(p) if p.as_str() == Some("drop") => Some((Verdict::Drop, p.position)),
                Some(p) => {
                    ruleset.notes.push(Note::error(
                        p.position,
                        "chain policy; expected \"accept\" or \"drop\"",
                    ));
                    None
                }
                None => None,
            };
            ruleset.chains.push(Chain {
                name: format!("{table}/{}", text_of(chain, "name")),
                hook,
                family: families.get(&table).copied().flatten(),
                policy,
                rules: Vec::new(),
            });
        } else if let Some(rule_node) = item.get("rule") {
            let table = table_key(rule_node);
            let name = format!("{table}/{}", text_of(rule_node, "chain"));
            let family = families.get(&table).copied().flatten();
            let rules = rule(rule_node, family, &table, &sets, &mut ruleset.notes);
            if !said_xt && let Some(at) = first_xt(rule_node) {
                said_xt = true;
                ruleset.notes.push(Note::error(
                    at,
                    "rules iptables-nft wrote use iptables extensions (`xt`), which `nft -j` prints without their options (conntrack states, multiport ports, sets…): those matches are read as matching every packet, so the audit of this file is much wider than the host; import `iptables-save` or `nft list ruleset` instead",
                ));
            }
            match ruleset.chains.iter_mut().find(|c| c.name == name) {
                Some(chain) => chain.rules.extend(rules),
                None => ruleset.notes.push(Note::error(
                    rule_node.position,
                    format!("rule of chain `{name}`, which is not listed before it"),
                )),
            }
        } else if item.get("metainfo").is_none() && !families.is_empty() {
            // Maps, counters, flowtables…: not part of what is accepted.
        }
    }
    super::bridges::nft_bridges(&mut ruleset);
    ruleset
}

/// `ip filter`: the table a chain, set or rule belongs to, by family and name.
fn table_key(node: &Node) -> String {
    format!("{} {}", text_of(node, "family"), text_of(node, "table"))
}

/// Where a rule's first `xt` statement is, if it has one.
fn first_xt(rule: &Node) -> Option<Position> {
    let exprs = rule.get("expr").and_then(Node::as_sequence)?;
    exprs.iter().find_map(|e| e.get("xt").map(|_| e.position))
}

fn text_of(node: &Node, key: &str) -> String {
    node.get(key).and_then(Node::as_str).unwrap_or_default().to_owned()
}

/// A right-hand side as strings: `"10.0.0.1"`, `22`, `{"prefix": …}`, `{"range": [a, b]}`,
/// `{"set": [...]}`, `["established", "related"]`, `"@name"`.
fn values(
    node: &Node,
    table: &str,
    sets: &HashMap<(String, String), Vec<Node>>,
    depth: usize,
) -> Option<Vec<String>> {
    if depth > 4 {
        return None;
    }
    match &node.value {
        NodeValue::String(s) => match s.strip_prefix('@') {
            Some(name) => {
                let elements = sets.get(&(table.to_owned(), name.to_owned()))?;
                let mut out = Vec::new();
                for e in elements {
                    out.extend(values(e, table, sets, depth + 1)?);
                }
                Some(out)
            }
            None => Some(vec![s.clone()]),
        },
        NodeValue::Integer(n) => Some(vec![n.to_string()]),
        // `fib … oif missing` is `false` in JSON.
        NodeValue::Bool(b) => Some(vec![if *b { "exists" } else { "missing" }.to_owned()]),
        NodeValue::Sequence(items) => {
            let mut out = Vec::new();
            for item in items {
                out.extend(values(item, table, sets, depth + 1)?);
            }
            Some(out)
        }
        NodeValue::Mapping(_) => {
            if let Some(prefix) = node.get("prefix") {
                let address = prefix.get("addr").and_then(Node::as_str)?;
                let len = match prefix.get("len")?.value {
                    NodeValue::Integer(n) => n,
                    _ => return None,
                };
                Some(vec![format!("{address}/{len}")])
            } else if let Some(range) = node.get("range").and_then(Node::as_sequence) {
                let ends: Vec<String> = range
                    .iter()
                    .filter_map(|e| values(e, table, sets, depth + 1))
                    .flatten()
                    .collect();
                match ends.as_slice() {
                    [a, b] => Some(vec![format!("{a}-{b}")]),
                    _ => None,
                }
            } else if let Some(set) = node.get("set") {
                values(set, table, sets, depth + 1)
            } else if let Some(elem) = node.get("elem") {
                values(elem.get("val")?, table, sets, depth + 1)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn rule(
    node: &Node,
    family: Option<IpFamily>,
    table: &str,
    sets: &HashMap<(String, String), Vec<Node>>,
    notes: &mut Vec<Note>,
) -> Vec<Rule> {
    let mut m = Match { family, ..Match::default() };
    let mut verdict = Verdict::Continue;
    // `{"vmap": {"key": …, "data": {"set": [[key, verdict], …]}}}`: one rule per element.
    let mut vmap: Option<(&Node, &Node)> = None;
    let narrow = |m: &mut Match, t: Vec<Transport>| {
        m.transports = Some(match m.transports.take() {
            None => t,
            Some(old) => old.into_iter().filter(|o| t.contains(o)).collect(),
        });
    };
    // `{"concat": [ip saddr, meta l4proto, th dport]} == @set`: one rule per element.
    let mut concat: Option<(&[Node], Vec<Node>)> = None;
    // `{"dnat": {"addr": {"map": {"key": …, "data": …}}}}`: one rule per target.
    let mut dnat_map: Option<(&Node, &Node)> = None;
    let exprs = node.get("expr").and_then(Node::as_sequence).unwrap_or_default();
    for expr in exprs {
        let Some(fields) = expr.as_mapping() else { continue };
        let Some((key, body)) = fields.first() else { continue };
        match key.name.as_str() {
            "match"
                if concat.is_none()
                    && body.get("left").is_some_and(|l| l.get("concat").is_some()) =>
            {
                let parts = body
                    .get("left")
                    .and_then(|l| l.get("concat"))
                    .and_then(Node::as_sequence)
                    .unwrap_or_default();
                let negated = body.get("op").and_then(Node::as_str) == Some("!=");
                match body.get("right").and_then(|r| concat_elements(r, table, sets)) {
                    Some(elements) if !negated => concat = Some((parts, elements)),
                    _ => {
                        notes.push(Note::assumption(
                            body.position,
                            "a concatenation Portolan does not read (negated, or its set is not listed): the match is read as always holding",
                        ));
                        m.assumed.push("a concatenation".to_owned());
                    }
                }
            }
            "match" => match_expr(body, table, sets, &mut m, notes, &narrow),
            // A dynamic set (`update @meter { ip saddr limit rate over 3/minute }`): filling it
            // always passes; with a limit inside, the rule matches only over the rate.
            "set" if body.get("op").is_some() => {
                let name = text_of(body, "set");
                let limited = body
                    .get("stmt")
                    .and_then(Node::as_sequence)
                    .unwrap_or_default()
                    .iter()
                    .any(|s| s.get("limit").is_some() || s.get("quota").is_some());
                if limited {
                    m.assumed.push(format!("`{} {name}` with a rate limit", text_of(body, "op")));
                }
            }
            "accept" => verdict = Verdict::Accept,
            "drop" | "reject" => verdict = Verdict::Drop,
            "return" => verdict = Verdict::Return,
            "jump" | "goto" => {
                let target = body.get("target").and_then(Node::as_str).unwrap_or_default();
                let target = format!("{table}/{target}");
                verdict =
                    if key.name == "jump" { Verdict::Jump(target) } else { Verdict::Goto(target) };
            }
            // `meta mark set …`: the walk follows the packet's mark.
            "mangle" if body.get("key").is_some_and(is_meta_mark) => {
                m.sets_mark =
                    Some(body.get("value").map_or(MarkWrite::unknown(u32::MAX), mark_write));
            }
            // `mangle` sets another field; `ct helper` attaches a conntrack helper.
            "counter" | "log" | "comment" | "mangle" | "continue" | "ct helper" => {}
            // `flow add @ft`: a flowtable offloads a connection once the chains let it
            // through; no new connection skips them.
            "flow" => {}
            // Address or port rewriting, conntrack exemption: filtering is left to the
            // filter chains.
            "snat" | "masquerade" | "notrack" => {}
            // The input or forward chains judge what a nat rule rewrites: flatten walks them.
            "redirect" => {
                let port = body.get("port").and_then(|p| values(p, table, sets, 0));
                let written = port.map(|p| p.join(","));
                verdict =
                    Verdict::Nat(super::nat::redirect(written.as_deref()).unwrap_or_else(|| {
                        super::nat::unknown(format!("local port {}", written.unwrap_or_default()))
                    }));
            }
            "dnat" if body.get("addr").is_some_and(|a| a.get("map").is_some()) => {
                // `dnat to numgen inc mod 2 map { 0 : A, 1 : B }`, `dnat ip to tcp dport map
                // { 8081 : B . 5000 }`: each target a rule of its own.
                let map = body.get("addr").and_then(|a| a.get("map"));
                match map.and_then(|map| Some((map.get("key")?, map.get("data")?))) {
                    Some((key, data)) => dnat_map = Some((key, data)),
                    None => notes
                        .push(Note::error(body.position, "a dnat `map` without `key` and `data`")),
                }
            }
            "dnat" => {
                let address = body.get("addr").and_then(|a| values(a, table, sets, 0));
                let port = body.get("port").and_then(|p| values(p, table, sets, 0));
                let to = match (address, port) {
                    // One address (or range) and at most one port: nft's text would print it.
                    (Some(a), Some(p)) if a.len() == 1 && p.len() == 1 => {
                        let a = &a[0];
                        if a.contains(':') {
                            format!("[{a}]:{}", p[0])
                        } else {
                            format!("{a}:{}", p[0])
                        }
                    }
                    (Some(a), None) if a.len() == 1 => a[0].clone(),
                    _ => String::new(),
                };
                verdict = Verdict::Nat(super::nat::destination(&to).unwrap_or_else(|| {
                    super::nat::unknown(if to.is_empty() {
                        "computed (a map)".to_owned()
                    } else {
                        to
                    })
                }));
            }
            "xt" => {
                let name = text_of(body, "name");
                if text_of(body, "type") == "target" && name == "DNAT" {
                    verdict = Verdict::Nat(super::nat::unknown(
                        "not printed by nft (`xt target DNAT`: iptables-save shows it)",
                    ));
                } else {
                    m.assumed.push(format!("`xt {} {name}`", text_of(body, "type")));
                }
            }
            "vmap" => match (body.get("key"), body.get("data")) {
                (Some(key), Some(data)) => vmap = Some((key, data)),
                _ => notes.push(Note::error(expr.position, "a `vmap` without `key` and `data`")),
            },
            "limit" | "quota" => m.assumed.push(format!("`{}`", key.name)),
            "queue" => {
                verdict = Verdict::Accept;
                m.assumed.push("`queue` (a user-space program decides)".to_owned());
            }
            other => {
                notes.push(Note::assumption(
                    expr.position,
                    format!("the `{other}` statement is nft JSON Portolan does not read: read as matching every packet"),
                ));
                m.assumed.push(format!("`{other}`"));
            }
        }
    }
    if let Some((parts, elements)) = concat {
        let mut rules = Vec::new();
        for element in &elements {
            let values = element.get("concat").and_then(Node::as_sequence).unwrap_or_default();
            if values.len() != parts.len() {
                notes.push(Note::error(
                    element.position,
                    format!("a concatenated element of {} part(s) where the match has {}: the element is skipped", values.len(), parts.len()),
                ));
                continue;
            }
            let mut matcher = m.clone();
            for (left, value) in parts.iter().zip(values) {
                match_on(left, value, false, table, sets, &mut matcher, notes, &narrow);
            }
            rules.push(Rule { at: node.position, matcher, verdict: verdict.clone() });
        }
        return rules;
    }
    if let Some((key, data)) = dnat_map {
        let mut rules = Vec::new();
        for (value, target) in map_pairs(data, table, sets, notes) {
            let mut matcher = m.clone();
            if !keyed(key, &value, table, sets, &mut matcher, notes, &narrow) {
                continue;
            }
            let parts = target.get("concat").and_then(Node::as_sequence);
            let text = |n: &Node| values(n, table, sets, 0).unwrap_or_default().join(",");
            let written = match parts {
                Some([address, port]) if text(address).contains(':') => {
                    format!("[{}]:{}", text(address), text(port))
                }
                Some([address, port]) => format!("{}:{}", text(address), text(port)),
                _ => text(&target),
            };
            let translation =
                super::nat::destination(&written).unwrap_or_else(|| super::nat::unknown(written));
            rules.push(Rule { at: node.position, matcher, verdict: Verdict::Nat(translation) });
        }
        return rules;
    }
    let Some((key, data)) = vmap else {
        return vec![Rule { at: node.position, matcher: m, verdict }];
    };
    let mut rules = Vec::new();
    for (value, target) in map_pairs(data, table, sets, notes) {
        let mut matcher = m.clone();
        if !keyed(key, &value, table, sets, &mut matcher, notes, &narrow) {
            continue;
        }
        let Some(verdict) = verdict_of(&target, table) else {
            notes.push(Note::error(target.position, "a verdict map element maps to something other than accept, drop, return, jump or goto"));
            continue;
        };
        rules.push(Rule { at: node.position, matcher, verdict });
    }
    rules
}

/// The `[key, value]` pairs of a map: written in the rule (`{"set": […]}`) or named
/// (`"@service-ips"`, a map of the table).
fn map_pairs(
    data: &Node,
    table: &str,
    sets: &HashMap<(String, String), Vec<Node>>,
    notes: &mut Vec<Note>,
) -> Vec<(Node, Node)> {
    let elements = match data.as_str() {
        Some(name) => {
            let name = name.trim_start_matches('@');
            match sets.get(&(table.to_owned(), name.to_owned())) {
                Some(elements) => elements.clone(),
                None => {
                    notes.push(Note::error(
                        data.position,
                        format!("map `@{name}` is not listed in table `{table}` before this rule: the rule is skipped"),
                    ));
                    return Vec::new();
                }
            }
        }
        None => data.get("set").and_then(Node::as_sequence).unwrap_or_default().to_vec(),
    };
    let mut out = Vec::new();
    for element in elements {
        match element.as_sequence() {
            Some([key, value]) => {
                // An element with options: `{"elem": {"val": …}}`.
                let key = key.get("elem").and_then(|e| e.get("val")).unwrap_or(key);
                out.push((key.clone(), value.clone()));
            }
            _ => notes
                .push(Note::error(element.position, "a map element that is not `[key, value]`")),
        }
    }
    out
}

/// `matcher` narrowed to what a map's key expression `key` equals on element `value` (a
/// concatenation part by part; `numgen`, `jhash`, `symhash`: one branch of a load balancer).
/// False when the element cannot be read (said in an error).
#[allow(clippy::too_many_arguments)]
fn keyed(
    key: &Node,
    value: &Node,
    table: &str,
    sets: &HashMap<(String, String), Vec<Node>>,
    matcher: &mut Match,
    notes: &mut Vec<Note>,
    narrow: &dyn Fn(&mut Match, Vec<Transport>),
) -> bool {
    if let Some(generator) = ["numgen", "jhash", "symhash"].iter().find_map(|k| key.get(k)) {
        let generator = generator.to_json();
        // `mod 1` picks one number, the offset, every time: no balancing at all (the text
        // reader's `VmapKey::Always`).
        if generator["mod"].as_u64() == Some(1) {
            let picked = generator["offset"].as_u64().unwrap_or(0);
            let value = value.to_json();
            let (low, high) = match value["range"].as_array().map(Vec::as_slice) {
                Some([low, high]) => (low.as_u64(), high.as_u64()),
                _ => (value.as_u64(), value.as_u64()),
            };
            if !low.zip(high).is_some_and(|(low, high)| (low..=high).contains(&picked)) {
                matcher.loopback = true;
            }
            return true;
        }
        matcher.balanced = true;
        return true;
    }
    let mut sub = Vec::new();
    if let Some(parts) = key.get("concat").and_then(Node::as_sequence) {
        let values = value.get("concat").and_then(Node::as_sequence).unwrap_or_default();
        if values.len() != parts.len() {
            notes.push(Note::error(
                value.position,
                format!(
                    "a map element of {} part(s) where the key has {}: the element is skipped",
                    values.len(),
                    parts.len()
                ),
            ));
            return false;
        }
        for (left, value) in parts.iter().zip(values) {
            match_on(left, value, false, table, sets, matcher, &mut sub, narrow);
        }
    } else {
        // The key reads as a match of the map's key expression on the element's value.
        match_on(key, value, false, table, sets, matcher, &mut sub, narrow);
    }
    let failed = sub.iter().any(|n| n.error);
    notes.extend(sub);
    !failed
}

/// The elements a concatenation is matched against: a named set's (`"@trusted"`) or a set
/// written in the rule (`{"set": [{"concat": […]}, …]}`), each `{"concat": […]}` (an element
/// with options is `{"elem": {"val": …}}`).
fn concat_elements(
    right: &Node,
    table: &str,
    sets: &HashMap<(String, String), Vec<Node>>,
) -> Option<Vec<Node>> {
    let listed = match right.as_str() {
        Some(name) => sets.get(&(table.to_owned(), name.strip_prefix('@')?.to_owned()))?.clone(),
        None => right.get("set").and_then(Node::as_sequence)?.to_vec(),
    };
    Some(
        listed
            .into_iter()
            .map(|e| e.get("elem").and_then(|x| x.get("val")).cloned().unwrap_or(e))
            .collect(),
    )
}

/// `{"accept": null}`, `{"jump": {"target": "x"}}`…
fn verdict_of(node: &Node, table: &str) -> Option<Verdict> {
    let fields = node.as_mapping()?;
    let (key, body) = fields.first()?;
    Some(match key.name.as_str() {
        "accept" => Verdict::Accept,
        "drop" | "reject" => Verdict::Drop,
        "return" => Verdict::Return,
        "continue" => Verdict::Continue,
        "jump" | "goto" => {
            let target = format!("{table}/{}", body.get("target").and_then(Node::as_str)?);
            if key.name == "jump" { Verdict::Jump(target) } else { Verdict::Goto(target) }
        }
        _ => return None,
    })
}

fn match_expr(
    body: &Node,
    table: &str,
    sets: &HashMap<(String, String), Vec<Node>>,
    m: &mut Match,
    notes: &mut Vec<Note>,
    narrow: &dyn Fn(&mut Match, Vec<Transport>),
) {
    let negated = body.get("op").and_then(Node::as_str) == Some("!=");
    let (Some(left), Some(right)) = (body.get("left"), body.get("right")) else {
        notes.push(Note::error(body.position, "a match without `left` and `right`"));
        return;
    };
    // `tcp flags & (fin | syn | rst | ack) == syn`: a new connection's lone SYN passes or not.
    if let Some([flags, mask]) = left.get("&").and_then(Node::as_sequence)
        && flags.get("payload").is_some_and(|p| text_of(p, "field") == "flags")
    {
        let mask = values(mask, table, sets, 0).unwrap_or_default().join(",");
        let comparison = values(right, table, sets, 0).unwrap_or_default().join(",");
        match super::words::syn_passes(&mask, &comparison) {
            Some(passes) => m.no_new_connections |= passes == negated,
            None => m.assumed.push(format!("`tcp flags {comparison} / {mask}`")),
        }
        return;
    }
    // `meta mark 0x20`, `meta mark & 0x10000 != 0`: the walk decides them.
    if let Some(test) = mark_test(left, right, negated) {
        m.marks.push(test);
        return;
    }
    match_on(left, right, negated, table, sets, m, notes, narrow);
}

fn is_meta_mark(node: &Node) -> bool {
    node.get("meta").is_some_and(|meta| text_of(meta, "key") == "mark")
}

/// A mark as nft -j prints it (a number; `"0x10"` read too).
fn mark_value(node: &Node) -> Option<u32> {
    match &node.value {
        NodeValue::Integer(n) => u32::try_from(*n).ok(),
        NodeValue::String(s) => mark_number(s),
        _ => None,
    }
}

/// `meta mark == V` or `meta mark & M == V` (`!=`), written as nft's text prints it.
fn mark_test(left: &Node, right: &Node, negated: bool) -> Option<MarkTest> {
    let value = mark_value(right)?;
    let op = if negated { "!= " } else { "" };
    if is_meta_mark(left) {
        let written = format!("meta mark {op}{value:#010x}");
        return Some(MarkTest { value, mask: u32::MAX, negated, written });
    }
    let [mark, mask] = left.get("&").and_then(Node::as_sequence)? else { return None };
    let mask = mark_value(mask).filter(|_| is_meta_mark(mark))?;
    let op = if negated { "!=" } else { "==" };
    let written = format!("meta mark & {mask:#010x} {op} {value:#010x}");
    Some(MarkTest { value, mask, negated, written })
}

/// `meta mark set …`'s value: a number, the mark with `&`, `|`, `^` and numbers; anything
/// else (`ct mark`) a value the ruleset does not say.
fn mark_write(value: &Node) -> MarkWrite {
    if let Some(constant) = mark_value(value) {
        return MarkWrite::constant(constant);
    }
    if is_meta_mark(value) {
        return MarkWrite::xmark(0, 0);
    }
    for op in ["&", "|", "^"] {
        if let Some([inner, operand]) = value.get(op).and_then(Node::as_sequence)
            && let Some(operand) = mark_value(operand)
        {
            let inner = mark_write(inner);
            if inner.keep == u32::MAX && inner.unknown == u32::MAX {
                return inner;
            }
            return match op {
                "&" => inner.and(operand),
                "|" => inner.or(operand),
                _ => inner.xor(operand),
            };
        }
    }
    MarkWrite::unknown(u32::MAX)
}

/// `left == right` (or `!=`): a match, or a verdict map's key on one element.
#[allow(clippy::too_many_arguments)]
fn match_on(
    left: &Node,
    right: &Node,
    negated: bool,
    table: &str,
    sets: &HashMap<(String, String), Vec<Node>>,
    m: &mut Match,
    notes: &mut Vec<Note>,
    narrow: &dyn Fn(&mut Match, Vec<Transport>),
) {
    let Some(vals) = values(right, table, sets, 0) else {
        notes.push(Note::assumption(
            right.position,
            "a match value Portolan does not read: the match is read as always holding",
        ));
        m.assumed.push("an unread match value".to_owned());
        return;
    };
    let joined = vals.join(", ");
    if let Some(payload) = left.get("payload") {
        let protocol_name = text_of(payload, "protocol");
        let field = text_of(payload, "field");
        let addresses = matches!(field.as_str(), "saddr" | "daddr");
        match (protocol_name.as_str(), field.as_str()) {
            // ICMP whatever its type (`icmpv6 type != { nd-redirect, 139 }` too): no flow of
            // the plan is ICMP. Regression: that negated set was read as an unmodelled match
            // of an accept, so NixOS's ICMPv6 rule accepted every port.
            ("icmp" | "icmpv6", _) => m.transports = Some(Vec::new()),
            _ if negated && !addresses && !matches!(field.as_str(), "dport" | "sport") => {
                m.assumed.push(format!("`{protocol_name} {field} != {joined}`"))
            }
            ("ip" | "ip6", "saddr" | "daddr") => {
                let family = if protocol_name == "ip" { IpFamily::V4 } else { IpFamily::V6 };
                m.family = Some(family);
                let nets: Option<Vec<_>> =
                    vals.iter().map(|v| nets(v)).collect::<Option<Vec<_>>>().map(|n| n.concat());
                // `ip saddr != 10.0.0.0/8`: every other address of the family.
                let nets =
                    nets.map(|n| if negated { complement_nets(&n, Some(family)) } else { n });
                match nets {
                    Some(nets) if field == "saddr" => {
                        m.sources = Some(narrowed(m.sources.take(), nets))
                    }
                    Some(nets) => m.destinations = Some(narrowed(m.destinations.take(), nets)),
                    None => notes.push(Note::error(
                        right.position,
                        format!("`{joined}` are not addresses or CIDRs Portolan reads: the match is read as any address"),
                    )),
                }
            }
            ("ip", "protocol") | ("ip6", "nexthdr") => {
                narrow(m, vals.iter().filter_map(|v| protocol(v).flatten()).collect());
            }
            ("tcp" | "udp" | "sctp" | "th", "dport") => {
                let t = match protocol_name.as_str() {
                    "tcp" => vec![Transport::Tcp],
                    "udp" => vec![Transport::Udp],
                    "sctp" => vec![Transport::Sctp],
                    _ => Transport::ALL.to_vec(),
                };
                narrow(m, t);
                let ranges = port_matches(vals.iter().map(String::as_str));
                match ranges {
                    // `th dport != 1-1023`: every other port.
                    Some(r) if negated => m.ports = Some(complement_ports(&r)),
                    Some(r) => m.ports = Some(r),
                    None => {
                        notes.push(Note::error(right.position, format!("`{joined}` are not ports")))
                    }
                }
            }
            ("tcp" | "udp" | "sctp" | "th", "sport") => {
                let ranges = port_matches(vals.iter().map(String::as_str))
                    .map(|r| if negated { complement_ports(&r) } else { r });
                let op = if negated { " !=" } else { "" };
                source_ports(m, ranges, format!("`{protocol_name} sport{op} {joined}`"));
            }
            _ => m.assumed.push(format!("`{protocol_name} {field} {joined}`")),
        }
    } else if let Some(meta) = left.get("meta") {
        let key = text_of(meta, "key");
        match key.as_str() {
            "iif" | "iifname" => {
                let names: Vec<&str> = vals.iter().map(String::as_str).collect();
                match super::words::from_network(&names, negated) {
                    super::words::FromNetwork::Never => m.loopback = true,
                    super::words::FromNetwork::Always => {}
                    super::words::FromNetwork::Unknown => {
                        let text =
                            format!("`meta {key}{} {joined}`", if negated { " !=" } else { "" });
                        m.in_interface = Some(super::model::InInterface {
                            names: vals.clone(),
                            negated,
                            assumed: text.clone(),
                        });
                        m.assumed.push(text);
                    }
                }
            }
            // In a forward chain, where the packet leaves (not modelled).
            "oif" | "oifname" => {
                if let [one] = vals.as_slice() {
                    m.out_interface = Some((one.clone(), negated));
                }
                m.assumed.push(super::bridges::nft_out_interface_text(&joined, negated));
            }
            "l4proto" if !negated => {
                narrow(m, vals.iter().filter_map(|v| protocol(v).flatten()).collect())
            }
            "nfproto" if !negated => match vals.first().map(String::as_str) {
                Some("ipv4") => m.family = Some(IpFamily::V4),
                Some("ipv6") => m.family = Some(IpFamily::V6),
                _ => {}
            },
            _ => {
                m.assumed.push(format!("`meta {key}{} {joined}`", if negated { " !=" } else { "" }))
            }
        }
    } else if let Some(ct) = left.get("ct") {
        let key = text_of(ct, "key");
        let new = super::words::new_connections(&vals);
        let no_new = new == Some(false);
        // `ct status dnat`: connections a DNAT rule rewrote, read from the nat chains' dnat.
        let dnat = key == "status" && vals.iter().all(|v| v == "dnat");
        m.replies |= key == "state" && !negated && super::words::established(&vals);
        if key == "state" && no_new && !negated {
            m.no_new_connections = true;
        } else if dnat {
            // The published ports' traffic in forward (`!=`: traffic to the host itself).
            if negated { m.not_dnatted = true } else { m.dnat_only = true }
        } else if !(key == "state" && !negated && new == Some(true)) {
            m.assumed.push(format!("`ct {key}{} {joined}`", if negated { " !=" } else { "" }));
        }
    } else if let Some(fib) = left.get("fib") {
        // `fib daddr type local`: addressed to the host, as every packet audited is.
        let flags = fib.get("flags").and_then(|f| values(f, table, sets, 0)).unwrap_or_default();
        let result = text_of(fib, "result");
        let written = format!("fib {} {result} {joined}", flags.join(" . "));
        if !negated && super::words::reverse_path_check(&written) {
            // Fails only for spoofed sources: no planned connection.
            m.loopback = true;
        } else if negated || flags != ["daddr"] || result != "type" || vals != ["local"] {
            m.assumed.push(format!(
                "`fib {} {result}{} {joined}`",
                flags.join(" . "),
                if negated { " !=" } else { "" }
            ));
        }
    } else {
        m.assumed.push(format!("a match on `{}`", left.kind()));
    }
}
