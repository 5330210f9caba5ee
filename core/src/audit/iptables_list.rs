//! `iptables -L -n -v` (and `ip6tables`, `--line-numbers`, `-x`, `-t nat -L` appended): the
//! listing people read and paste. Each row is written back as the `iptables-save` line it was
//! printed from (the extensions' printed words, `tcp dpt:22`, `ctstate NEW`, `mark match
//! 0x1/0x1`, `[goto]`, as their save options) and the iptables-save reader reads the result;
//! positions are then mapped back to the listing's lines. What the listing does not print in a
//! readable form (`limit: avg 3/min`, a host name when `-n` was left out) is kept as written
//! and read as any unmodelled match (generously, said at its line). Without `-v` the listing
//! has no interface columns (`-i lo` looks like every packet): that is an error, not a guess.

use super::model::{Note, Ruleset, line_start};
use crate::data::Position;

/// Built-in chains in the order `iptables -L` prints a table's: a section (one table) starts
/// again at a built-in chain that cannot follow what came before it.
const BUILT_IN: [&str; 5] = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"];

/// The option unread listing text is written back as: the iptables-save reader keeps it as an
/// unmodelled match, whose message is then rewritten to quote the listing.
const AS_LISTED: &str = "--as-listed";

struct ChainHead {
    line: usize,
    name: String,
    policy: String,
}

struct Section {
    chains: Vec<ChainHead>,
    /// (listing line, the row's words).
    rows: Vec<(usize, String)>,
    last_line: usize,
}

/// Whether the first meaningful line heads an `iptables -L` listing (see
/// [`super::iptables::is_listing`]).
pub fn read(text: &str) -> Ruleset {
    let mut notes = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut counters = None::<bool>;
    let mut line_numbers = false;
    let mut v6 = false;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        // Regression: ip6tables-nft appends its warning about legacy tables to the last row
        // (no newline before it): the row was unreadable, the other tables unsaid.
        let line = match raw.split_once("# Warning:") {
            Some((before, warning)) => {
                notes.push(Note::assumption(
                    line_start(line_no),
                    format!(
                        "iptables says:{} — the kernel runs those tables too, and their rules are not in this listing",
                        warning.trim_end()
                    ),
                ));
                before.trim()
            }
            None => raw.trim(),
        };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("Chain ") {
            let head = chain_head(rest, line_no);
            let position = BUILT_IN.iter().position(|b| *b == head.name);
            let fresh = match sections.last() {
                None => true,
                Some(section) => position.is_some_and(|p| {
                    section
                        .chains
                        .iter()
                        .any(|c| BUILT_IN.iter().position(|b| *b == c.name).is_none_or(|q| q >= p))
                }),
            };
            if fresh {
                sections.push(Section { chains: Vec::new(), rows: Vec::new(), last_line: line_no });
            }
            if let Some(section) = sections.last_mut() {
                section.chains.push(head);
                section.last_line = line_no;
            }
            continue;
        }
        let first = line.split_whitespace().next().unwrap_or("");
        if first == "target" || first == "pkts" || first == "num" {
            // The column header: it says whether `-v` (counters, interfaces) was given.
            let verbose = line.split_whitespace().any(|w| w == "pkts");
            line_numbers = first == "num";
            if counters.is_none() && !verbose {
                notes.push(Note::error(
                    line_start(line_no),
                    "this `iptables -L` listing was printed without `-v`: it has no interface columns, so a rule bound to `lo` or `docker0` looks like one for every packet; paste `sudo iptables -L -n -v` (or `sudo iptables-save`) instead",
                ));
                return Ruleset { chains: Vec::new(), notes };
            }
            counters = Some(verbose);
            continue;
        }
        let Some(section) = sections.last_mut() else {
            notes.push(Note::error(
                line_start(line_no),
                "a row before any `Chain NAME (…)` line; expected the listing of `iptables -L -n -v`",
            ));
            continue;
        };
        let mut words: Vec<&str> = line.split_whitespace().collect();
        if line_numbers && words.first().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) {
            words.remove(0);
        }
        // pkts and bytes (`12K`, `3M` without `-x`).
        words.drain(..words.len().min(2));
        match row(&words) {
            Ok(row) => {
                v6 |= row.v6;
                let chain = section.chains.last().map_or("", |c| c.name.as_str());
                section.rows.push((line_no, format!("-A {chain} {}", row.save)));
            }
            Err(message) => notes.push(Note::error(line_start(line_no), message)),
        }
        section.last_line = line_no;
    }
    let (save, origin) = as_save(&sections, v6, &mut notes);
    let mut ruleset = super::iptables::read(&save);
    let back = |at: Position| line_start(origin.get(at.line as usize).copied().unwrap_or(1));
    for chain in &mut ruleset.chains {
        if let Some((_, at)) = &mut chain.policy {
            *at = back(*at);
        }
        for rule in &mut chain.rules {
            rule.at = back(rule.at);
            for assumed in &mut rule.matcher.assumed {
                if let Some(listed) = assumed.strip_prefix(&format!("`{AS_LISTED} ")) {
                    *assumed = as_listed(listed.trim_end_matches('`'));
                }
            }
        }
    }
    for note in &mut ruleset.notes {
        note.at = back(note.at);
    }
    notes.append(&mut ruleset.notes);
    ruleset.notes = notes;
    ruleset
}

/// The message of listing words the reader could not translate.
fn as_listed(listed: &str) -> String {
    let mut parts = listed.split(' ');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("source" | "destination"), Some(_), None) => format!(
            "`{listed}` (a name: `iptables -L` without `-n` prints names, not the addresses they had; paste `iptables -L -n -v`)"
        ),
        _ => format!("`{listed}` (as `iptables -L` prints it)"),
    }
}

fn chain_head(rest: &str, line: usize) -> ChainHead {
    let (name, tail) = rest.split_once(' ').unwrap_or((rest, ""));
    // `(policy DROP 0 packets, 0 bytes)` on a built-in chain, `(2 references)` on another.
    let policy = tail
        .trim()
        .strip_prefix("(policy ")
        .and_then(|p| p.split_whitespace().next())
        .unwrap_or("-")
        .to_owned();
    ChainHead { line, name: name.to_owned(), policy }
}

/// The iptables-save text of the sections, and for each of its lines (1-based) the listing's.
fn as_save(sections: &[Section], v6: bool, notes: &mut Vec<Note>) -> (String, Vec<usize>) {
    let mut save = String::new();
    let mut origin = vec![1];
    let mut push = |text: &str, line: usize| {
        save.push_str(text);
        save.push('\n');
        origin.push(line);
    };
    // The save reader tells the family by this header (the listing's `::/0` are left out).
    push(if v6 { "# Generated by ip6tables-save" } else { "# Generated by iptables-save" }, 1);
    let mut tables: Vec<&str> = Vec::new();
    for section in sections {
        let has = |name: &str| section.chains.iter().any(|c| c.name == name);
        let table = if has("PREROUTING") && has("FORWARD") {
            "mangle"
        } else if has("PREROUTING") && has("POSTROUTING") {
            "nat"
        } else if has("PREROUTING") {
            "raw"
        } else {
            "filter"
        };
        let first = section.chains.first().map_or(1, |c| c.line);
        if tables.contains(&table) {
            notes.push(Note::error(
                line_start(first),
                format!("a second listing of table `{table}` (built-in chains again): only the first is read"),
            ));
            continue;
        }
        tables.push(table);
        push(&format!("*{table}"), first);
        for chain in &section.chains {
            push(&format!(":{} {} [0:0]", chain.name, chain.policy), chain.line);
        }
        for (line, rule) in &section.rows {
            push(rule, *line);
        }
        push("COMMIT", section.last_line);
    }
    if !tables.contains(&"nat") && !tables.is_empty() {
        notes.push(Note::assumption(
            line_start(1),
            "`iptables -L` lists the filter table only: the nat table's DNATs (published and forwarded ports, judged in FORWARD) and the mangle and raw tables' drops are not in the text and are read as absent; append `sudo iptables -t nat -L -n -v`, or paste `sudo iptables-save`",
        ));
    }
    (save, origin)
}

/// One row as iptables-save options (without `-A CHAIN`).
struct Row {
    save: String,
    v6: bool,
}

/// `[target] prot [opt] in out source destination [what the matches print]`.
fn row(words: &[&str]) -> Result<Row, String> {
    let mut i = 0;
    let at = |i: usize| words.get(i).copied().unwrap_or("");
    // A rule without a target (a counter) prints nothing in its column.
    let target = if is_protocol(at(0)) {
        None
    } else {
        i += 1;
        Some(at(0))
    };
    let protocol = at(i);
    i += 1;
    // ip6tables of older releases leaves the `opt` column blank.
    if matches!(at(i), "--" | "-f" | "!f") {
        i += 1;
    }
    let (input, output, source, destination) = (at(i), at(i + 1), at(i + 2), at(i + 3));
    if destination.is_empty() {
        return Err(format!(
            "`{}` is not a row of `iptables -L -n -v`; expected target, prot, opt, in, out, source, destination",
            words.join(" ")
        ));
    }
    let mut save: Vec<String> = Vec::new();
    let negated =
        |w: &str| w.strip_prefix('!').map_or((false, w.to_owned()), |r| (true, r.to_owned()));
    let option = |save: &mut Vec<String>, flag: &str, value: &str, any: &[&str]| {
        let (not, value) = negated(value);
        if any.contains(&value.as_str()) && !not {
            return;
        }
        if not {
            save.push("!".to_owned());
        }
        save.push(flag.to_owned());
        save.push(value);
    };
    if !matches!(protocol, "0" | "all") {
        option(&mut save, "-p", protocol, &[]);
    }
    option(&mut save, "-i", input, &["*", "any"]);
    option(&mut save, "-o", output, &["*", "any"]);
    let mut v6 = false;
    for (flag, address, side) in [("-s", source, "source"), ("-d", destination, "destination")] {
        let bare = address.trim_start_matches('!');
        v6 |= bare.contains(':');
        if super::words::net(bare).is_some() || bare == "anywhere" {
            option(&mut save, flag, address, &["0.0.0.0/0", "::/0", "anywhere"]);
        } else {
            // `iptables -L` without `-n` prints names: nothing here says which addresses.
            unread(&mut save, &format!("{side} {address}"));
        }
    }
    let mut target_options = Vec::new();
    let goto = matches(&mut save, &mut target_options, words.get(i + 4..).unwrap_or_default());
    if let Some(target) = target.filter(|t| !t.is_empty()) {
        save.push(if goto { "-g" } else { "-j" }.to_owned());
        save.push(target.to_owned());
        save.append(&mut target_options);
    }
    Ok(Row { save: save.join(" "), v6 })
}

fn is_protocol(word: &str) -> bool {
    let word = word.trim_start_matches('!');
    word == "all" || super::words::protocol(word).is_some()
}

fn unread(save: &mut Vec<String>, text: &str) {
    save.push(AS_LISTED.to_owned());
    save.push(format!("\"{}\"", text.replace('"', "\\\"")));
}

/// The words the matches and the target print after the addresses, as iptables-save options
/// pushed on `save` (the target's on `target`, which go after `-j`); true when the row is a
/// `-g` (`[goto]`).
fn matches(save: &mut Vec<String>, target: &mut Vec<String>, words: &[&str]) -> bool {
    let mut goto = false;
    let mut not = false;
    // Words no known extension printed, kept together until a known one starts.
    let mut pending: Vec<&str> = Vec::new();
    let mut i = 0;
    let at = |i: usize| words.get(i).copied().unwrap_or("");
    while i < words.len() {
        let word = at(i);
        let next = at(i + 1);
        let mut used = 1;
        let mut known = true;
        match word {
            "!" => {
                not = true;
                i += 1;
                flush(save, &mut pending);
                continue;
            }
            "[goto]" => goto = true,
            w if w.starts_with("/*") => {
                // A comment, to its closing `*/`.
                while i + used < words.len() && !at(i + used - 1).ends_with("*/") {
                    used += 1;
                }
            }
            "tcp" | "udp" | "sctp" | "dccp" | "udplite"
                if port_word(next).is_some() || next.starts_with("flags:") =>
            {
                while let Some(option) = port_word(at(i + used)) {
                    save.extend(option);
                    used += 1;
                }
                while let Some(flags) = at(i + used).strip_prefix("flags:").and_then(tcp_flags) {
                    save.extend(flags);
                    used += 1;
                }
            }
            "multiport" if matches!(next, "dports" | "sports" | "ports") => {
                let (inverted, list, taken) = negatable(words, i + 2);
                used = 2 + taken;
                module(save, "multiport", inverted, &format!("--{next}"), list);
            }
            "state" | "ctstate" | "ctstatus" | "ctdir" | "ctorigdstport" if !next.is_empty() => {
                let name = if word == "state" { "state" } else { "conntrack" };
                module(save, name, not, &format!("--{word}"), next);
                used = 2;
            }
            "mark" if next == "match" => {
                let (inverted, value, taken) = negatable(words, i + 2);
                used = 2 + taken;
                module(save, "mark", inverted || not, "--mark", value);
            }
            "match-set" if !next.is_empty() => {
                module(save, "set", not, "--match-set", next);
                save.push(at(i + 2).to_owned());
                used = 3;
            }
            "ADDRTYPE" if next == "match" => {
                save.extend(["-m".into(), "addrtype".into()]);
                used = 2;
                while let Some((side, value)) = at(i + used).split_once("-type") {
                    if !matches!(side, "src" | "dst") {
                        break;
                    }
                    let mut value = value.trim_start();
                    used += 1;
                    if value.is_empty() {
                        value = at(i + used);
                        used += 1;
                    }
                    let (inverted, value) =
                        value.strip_prefix('!').map_or((false, value), |v| (true, v));
                    if inverted {
                        save.push("!".to_owned());
                    }
                    save.extend([format!("--{side}-type"), value.to_owned()]);
                }
                if let Some(flag) = match at(i + used) {
                    "limit-in" => Some("--limit-iface-in"),
                    "limit-out" => Some("--limit-iface-out"),
                    _ => None,
                } {
                    save.push(flag.to_owned());
                    used += 1;
                }
            }
            "source" | "destination" if next == "IP" && at(i + 2) == "range" => {
                let (inverted, range, taken) = negatable(words, i + 3);
                used = 3 + taken;
                let flag = if word == "source" { "--src-range" } else { "--dst-range" };
                module(save, "iprange", inverted, flag, range);
            }
            // ICMP types (the rule concerns no planned flow) and the targets' own options.
            "icmptype" | "ipv6-icmptype" | "code" | "reject-with" | "nflog-prefix"
            | "nflog-group" | "nflog-range" | "nflog-threshold"
                if !next.is_empty() =>
            {
                used = 2;
            }
            "LOG" if next == "flags" => {
                // `LOG flags 0 level 4 [prefix "…"]`: the rest of the row.
                used = words.len() - i;
            }
            "MARK" if !next.is_empty() => {
                let flag = match next {
                    "and" => Some("--and-mark"),
                    "or" => Some("--or-mark"),
                    "xor" => Some("--xor-mark"),
                    "xset" => Some("--set-xmark"),
                    "set" => Some("--set-mark"),
                    _ => None,
                };
                if let Some(flag) = flag {
                    target.extend([flag.to_owned(), at(i + 2).to_owned()]);
                    used = 3;
                } else {
                    known = false;
                }
            }
            w if w.starts_with("to:") => {
                target.extend(["--to-destination".into(), w.trim_start_matches("to:").to_owned()]);
            }
            "redir" if next == "ports" => {
                target.extend(["--to-ports".into(), at(i + 2).to_owned()]);
                used = 3;
            }
            _ => known = false,
        }
        if known {
            flush(save, &mut pending);
        } else {
            if not {
                pending.push("!");
            }
            pending.push(word);
        }
        not = false;
        i += used;
    }
    flush(save, &mut pending);
    goto
}

/// The value at `index`, negated by a `!` word before it or a `!` in front (`multiport
/// dports  !22`, `mark match ! 0x1`): (negated, value, words taken).
fn negatable<'w>(words: &[&'w str], index: usize) -> (bool, &'w str, usize) {
    let at = |i: usize| words.get(i).copied().unwrap_or("");
    match at(index) {
        "!" => (true, at(index + 1), 2),
        word => word.strip_prefix('!').map_or((false, word, 1), |rest| (true, rest, 1)),
    }
}

/// `-m MODULE [!] FLAG VALUE`.
fn module(save: &mut Vec<String>, name: &str, negated: bool, flag: &str, value: &str) {
    save.extend(["-m".to_owned(), name.to_owned()]);
    if negated {
        save.push("!".to_owned());
    }
    save.extend([flag.to_owned(), value.to_owned()]);
}

fn flush(save: &mut Vec<String>, pending: &mut Vec<&str>) {
    if !pending.is_empty() {
        unread(save, &pending.join(" "));
        pending.clear();
    }
}

/// `dpt:22`, `dpts:1000:2000`, `spt:!53` → `--dport 22` …
fn port_word(word: &str) -> Option<Vec<String>> {
    let (flag, value) = if let Some(v) = word.strip_prefix("dpts:").or(word.strip_prefix("dpt:")) {
        ("--dport", v)
    } else if let Some(v) = word.strip_prefix("spts:").or(word.strip_prefix("spt:")) {
        ("--sport", v)
    } else {
        return None;
    };
    let mut out = Vec::new();
    let value = match value.strip_prefix('!') {
        Some(rest) => {
            out.push("!".to_owned());
            rest
        }
        None => value,
    };
    out.extend([flag.to_owned(), value.to_owned()]);
    Some(out)
}

/// `flags:0x17/0x02` (mask/comparison in hex; `!` before) → `--tcp-flags FIN,SYN,RST,ACK SYN`.
fn tcp_flags(text: &str) -> Option<Vec<String>> {
    let (not, text) = text.strip_prefix('!').map_or((false, text), |t| (true, t));
    let names = |hex: &str| -> Option<String> {
        let bits = u8::from_str_radix(hex.trim_start_matches("0x"), 16).ok()?;
        let all = ["FIN", "SYN", "RST", "PSH", "ACK", "URG"];
        let set: Vec<&str> =
            all.iter().enumerate().filter(|(n, _)| bits & (1 << n) != 0).map(|(_, f)| *f).collect();
        Some(if set.is_empty() { "NONE".to_owned() } else { set.join(",") })
    };
    let (mask, comparison) = text.split_once('/')?;
    let mut out = Vec::new();
    if not {
        out.push("!".to_owned());
    }
    out.extend(["--tcp-flags".to_owned(), names(mask)?, names(comparison)?]);
    Some(out)
}
