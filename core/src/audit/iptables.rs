//! `iptables-save` / `ip6tables-save` output (`-c` counters too), or `iptables -S` (the filter
//! table's `-P`/`-N`/`-A` lines alone): the `*filter` table's chains,
//! their policies and `-A` rules, and the `*nat` table's `PREROUTING` walk, whose `DNAT` rules
//! (Docker's published ports, kube-proxy's node ports) send traffic through `FORWARD` instead
//! of `INPUT`. Its chains are named `nat/CHAIN` (Docker has a `DOCKER` chain in both tables);
//! `mangle/` and `raw/` chains likewise (their `PREROUTING`, `INPUT` and `FORWARD` drops filter
//! too). Other tables (`security`) are not audited, and a note says so when they hold rules.

use super::model::{
    Chain, Hook, InInterface, MarkTest, MarkWrite, Match, Note, Rule, Ruleset, Verdict, line_start,
    mark_number,
};
use super::words::{
    Word, complement_nets, complement_ports, narrowed, net, nets, new_connections, port_matches,
    port_range, protocol, source_ports, words,
};
use crate::data::Position;
use crate::model::{IpFamily, PortRange};

/// `Chain INPUT (policy DROP 0 packets, 0 bytes)` / `Chain f2b (1 references)`: the first line
/// of `iptables -L`, a table for people.
pub fn is_listing(first_line: &str) -> bool {
    first_line.starts_with("Chain ")
        && (first_line.contains("(policy ") || first_line.ends_with("references)"))
}

/// Reads the text of an `iptables-save` (or `ip6tables-save`) run.
pub fn read(text: &str) -> Ruleset {
    // `iptables -L -n -v` pasted (people do): its rows are written back as save lines.
    if text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| is_listing(l.trim())) {
        return super::iptables_list::read(text);
    }
    let mut ruleset = Ruleset::default();
    let family = family_of(text);
    let mut table: Option<(String, Position)> = None;
    let mut saw_table = false;
    // The first line of `iptables -S` output (the filter table alone), when it is that.
    let mut listed_filter_only: Option<Position> = None;
    let mut other_tables_with_rules: Vec<(String, Position)> = Vec::new();
    let mut last_line = 1;
    let mut ipsets = Ipsets::new();
    for (index, raw) in text.lines().enumerate() {
        let at = line_start(index + 1);
        last_line = index + 1;
        let line = raw.trim();
        // Regression: iptables-nft's `# Warning: iptables-legacy tables present, use
        // iptables-legacy-save to see them` was a comment, passed over: the kernel runs those
        // rules too and they are not in the text.
        if let Some(warning) = line.strip_prefix("# Warning:").filter(|w| w.contains("legacy")) {
            ruleset.notes.push(Note::assumption(
                at,
                format!("iptables says:{warning} — the kernel runs those tables too, and their rules are not in this file"),
            ));
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // `ipset save` printed before the tables (`ipset save; iptables-save`): the sets
        // that `-m set --match-set` rules name.
        if table.is_none() && ipset_line(line, &mut ipsets) {
            continue;
        }
        if let Some(name) = line.strip_prefix('*') {
            if let Some((open, open_at)) = &table {
                ruleset.notes.push(Note::error(
                    *open_at,
                    format!("table `{open}` has no `COMMIT` before the next table: iptables-restore would refuse the file; its rules are audited as written"),
                ));
            }
            table = Some((name.trim().to_owned(), at));
            saw_table = true;
            continue;
        }
        if line == "COMMIT" {
            if table.is_none() {
                ruleset.notes.push(Note::error(at, "`COMMIT` outside a table"));
            }
            table = None;
            continue;
        }
        // `iptables-save -c` puts each rule's counters first: `[12:800] -A INPUT …`.
        let body = without_counters(line);
        // `iptables -S` lists one table (filter) without `*filter` and `COMMIT`: `-P CHAIN
        // POLICY`, `-N CHAIN`, `-A …`.
        if table.is_none() && !saw_table {
            if ["-P ", "-N ", "-A "].iter().any(|p| body.starts_with(p)) {
                listed_filter_only.get_or_insert(at);
            }
            if let Some(rest) = body.strip_prefix("-P ") {
                chain_header(rest, at, family, "", &mut ruleset);
                continue;
            }
            if let Some(rest) = body.strip_prefix("-N ") {
                chain_header(&format!("{} -", rest.trim()), at, family, "", &mut ruleset);
                continue;
            }
            if body.starts_with("-A ") {
                rule(raw, at, family, "", &ipsets, &mut ruleset);
                continue;
            }
        }
        let Some((table_name, _)) = &table else {
            ruleset.notes.push(
                Note::error(at, format!("`{}` is outside a table", shorten(line))).expected_table(),
            );
            continue;
        };
        let prefix = match table_name.as_str() {
            "filter" => "",
            "nat" => NAT,
            // Their drops filter too (mangle's and raw's PREROUTING before nat, mangle's
            // INPUT and FORWARD beside filter's); their marks and NOTRACKs go on.
            "mangle" => "mangle/",
            "raw" => "raw/",
            _ => "-",
        };
        if prefix == "-" {
            if body.starts_with("-A")
                && !other_tables_with_rules.iter().any(|(t, _)| t == table_name)
            {
                other_tables_with_rules.push((table_name.clone(), at));
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix(':') {
            chain_header(rest, at, family, prefix, &mut ruleset);
        } else if ["-A ", "--append ", "-I ", "--insert "].iter().any(|p| body.starts_with(p)) {
            // `-I CHAIN [N]` (iptables-restore takes it; hand-kept files such as ufw's use it).
            rule(raw, at, family, prefix, &ipsets, &mut ruleset);
        } else {
            ruleset.notes.push(Note::error(
                at,
                format!("`{}` is not an iptables-save line; expected `*table`, `:CHAIN POLICY [p:b]`, `-A CHAIN …` or `COMMIT`", shorten(line)),
            ));
        }
    }
    if let Some((open, _)) = table {
        ruleset.notes.push(Note::error(
            line_start(last_line),
            format!("the file ends inside table `{open}` (no `COMMIT`): it looks truncated; the rules before this point are audited"),
        ));
    }
    for (name, at) in other_tables_with_rules {
        ruleset.notes.push(Note::assumption(
            at,
            format!("table `{name}` is not audited (only `filter` decides what the host accepts)"),
        ));
    }
    // Regression: Tailscale's host as `iptables -S` read its forwarded port as closed, silently:
    // that listing has no nat table, so the DNATs the kernel runs were not in the text.
    if let Some(at) = listed_filter_only.filter(|_| !saw_table) {
        ruleset.notes.push(Note::assumption(
            at,
            "`iptables -S` lists the filter table only: the nat table's DNATs (published and forwarded ports, judged in FORWARD) are not in the text and are read as absent; `sudo iptables-save` prints every table",
        ));
    }
    fragment(&mut ruleset);
    bridge_networks(&mut ruleset);
    ruleset
}

/// iptables-save always prints the filter table's built-in chains: filter chains without an
/// `INPUT` are part of a ruleset (ufw's `/etc/ufw/user.rules`, `iptables -S CHAIN`), whose
/// way in and policy are not in the text. Regression: ufw's user.rules pasted as is was read
/// as a host without an input chain, accepting everything.
fn fragment(ruleset: &mut Ruleset) {
    let filter: Vec<&str> =
        ruleset.chains.iter().map(|c| c.name.as_str()).filter(|n| !n.contains('/')).collect();
    if filter.is_empty() || filter.iter().any(|n| ["INPUT", "FORWARD", "OUTPUT"].contains(n)) {
        return;
    }
    let ufw = filter.iter().any(|n| n.starts_with("ufw-") || n.starts_with("ufw6-"));
    let named: Vec<String> = filter.iter().take(3).map(|n| format!("`{n}`")).collect();
    let more = if filter.len() > 3 { ", …" } else { "" };
    let what = if ufw {
        "ufw's rules file (`/etc/ufw/user.rules`): the rules `ufw allow` adds, without the chains ufw reaches them from nor its default policy; paste `sudo ufw status verbose` or `sudo iptables-save` instead"
    } else {
        "part of a ruleset (`iptables -S CHAIN` lists one chain): what reaches these chains and the INPUT policy are not in the text; paste all of `sudo iptables-save` instead"
    };
    ruleset.notes.push(Note::error(
        line_start(1),
        format!(
            "the filter table declares {}{more} but no `INPUT` chain, which iptables-save always prints: this is {what}",
            named.join(", ")
        ),
    ));
}

fn out_interface_text(name: &str, negated: bool) -> String {
    format!("`{}-o {name}` (interfaces)", if negated { "! " } else { "" })
}

/// Docker masquerades each bridge's network where it leaves by another interface
/// (`-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE`): that network is the
/// bridge's, so a forwarded packet leaves on the bridge exactly when it is addressed there.
/// `-o docker0` in FORWARD is then a destination match, not an assumption.
fn bridge_networks(ruleset: &mut Ruleset) {
    let mut networks: Vec<(String, Vec<ipnet::IpNet>)> = Vec::new();
    if let Some(chain) = ruleset.chain(&format!("{NAT}POSTROUTING")) {
        for rule in &chain.rules {
            let m = &rule.matcher;
            if let (Some((name, true)), Some(sources), Verdict::Continue) =
                (&m.out_interface, &m.sources, &rule.verdict)
                && super::words::from_network(&[name.as_str()], false)
                    == super::words::FromNetwork::Never
            {
                networks.push((name.clone(), sources.clone()));
            }
        }
    }
    networks.extend(super::bridges::libvirt_networks(ruleset, &out_interface_text));
    super::bridges::as_destinations(ruleset, &networks, &out_interface_text, NAT);
}

trait ExpectedTable {
    fn expected_table(self) -> Self;
}

impl ExpectedTable for Note {
    fn expected_table(mut self) -> Self {
        self.message.push_str("; expected a `*filter` line first");
        self
    }
}

/// The line without the `[packets:bytes] ` that `iptables-save -c` writes before a rule.
fn without_counters(line: &str) -> &str {
    let Some(rest) = line.strip_prefix('[') else { return line };
    let Some((counters, after)) = rest.split_once(']') else { return line };
    let is_counters = counters.split_once(':').is_some_and(|(p, b)| is_number(p) && is_number(b));
    if is_counters { after.trim_start() } else { line }
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

fn shorten(line: &str) -> String {
    let mut s: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        s.push('…');
    }
    s
}

/// The save's own first line says which tool printed it (`# Generated by ip6tables-save` or
/// `iptables-save`); without one (`iptables -S`, a paste), IPv6 addresses and ICMPv6 names
/// say IPv6, anything else is IPv4.
/// Regression: Portolan's IPv4 file, whose header names the `ip6tables-restore` of the
/// other family, was read as IPv6 (every IPv4 flow blocked).
/// Regression: ferm's IPv4 save, whose `domain (ip ip6)` block also wrote `-p ipv6-icmp -j
/// ACCEPT` into the IPv4 table, was read as IPv6 (every IPv4 flow blocked).
fn family_of(text: &str) -> IpFamily {
    for line in text.lines().map(str::trim_start) {
        if line.starts_with("# Generated by ip6tables") {
            return IpFamily::V6;
        }
        if line.starts_with("# Generated by iptables") {
            return IpFamily::V4;
        }
    }
    let text: String =
        text.lines().filter(|l| !l.trim_start().starts_with('#')).flat_map(|l| [l, "\n"]).collect();
    let v6 = text.contains("ip6tables")
        || text.contains("ipv6-icmp")
        || text.contains("icmp6")
        || text.split_whitespace().any(|w| {
            w.contains("::")
                || (w.contains(':') && w.contains('/') && w.parse::<ipnet::Ipv6Net>().is_ok())
        });
    if v6 { IpFamily::V6 } else { IpFamily::V4 }
}

/// Prefix of the `nat` table's chain names.
const NAT: &str = "nat/";

fn chain_header(rest: &str, at: Position, family: IpFamily, prefix: &str, ruleset: &mut Ruleset) {
    let mut parts = rest.split_whitespace();
    let Some(name) = parts.next() else {
        ruleset.notes.push(Note::error(
            at,
            "a chain line without a name; expected `:CHAIN POLICY [packets:bytes]`",
        ));
        return;
    };
    let policy = match parts.next() {
        Some("ACCEPT") => Some((Verdict::Accept, at)),
        Some("DROP") => Some((Verdict::Drop, at)),
        Some("-") | None => None,
        Some(other) => {
            ruleset.notes.push(Note::error(
                at,
                format!("chain `{name}` has policy `{other}`; expected ACCEPT, DROP or `-`"),
            ));
            None
        }
    };
    let hook = match (prefix, name) {
        ("" | "mangle/", "INPUT") => Some(Hook::Input),
        ("" | "mangle/", "FORWARD") => Some(Hook::Forward),
        ("", "OUTPUT") => Some(Hook::Output),
        ("mangle/" | "raw/", "PREROUTING") => Some(Hook::Prerouting),
        // nat's policy only says "no translation": it accepts nothing of its own.
        (NAT, "PREROUTING") => Some(Hook::Dnat),
        (_, "INPUT" | "FORWARD" | "OUTPUT" | "PREROUTING" | "POSTROUTING") => Some(Hook::Other),
        _ => None,
    };
    let policy = if prefix == NAT { None } else { policy };
    let name = format!("{prefix}{name}");
    if ruleset.chain(&name).is_none() {
        ruleset.chains.push(Chain { name, hook, family: Some(family), policy, rules: Vec::new() });
    }
}

/// The built-in chains of each table iptables-restore knows without a `:CHAIN` line.
fn is_built_in(prefix: &str, name: &str) -> bool {
    let built_in: &[&str] = match prefix {
        "" => &["INPUT", "FORWARD", "OUTPUT"],
        NAT => &["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
        "mangle/" => &["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
        "raw/" => &["PREROUTING", "OUTPUT"],
        _ => &[],
    };
    built_in.contains(&name)
}

/// A rule appended to a built-in chain the file does not declare: a file for
/// `iptables-restore --noflush` (Portolan's own: its chains, then `-A INPUT -j PORTOLAN-INPUT`),
/// added to what already runs. The chain is read as holding only this file's rules; its policy
/// and the rules already in it are not in the text, which a located assumption says.
/// Regression: Portolan's own iptables file was refused line by line and read as open.
fn added_to_built_in(
    chain_name: &str,
    prefix: &str,
    at: Position,
    family: IpFamily,
    ruleset: &mut Ruleset,
) {
    let name = chain_name.strip_prefix(prefix).unwrap_or(chain_name);
    if !is_built_in(prefix, name) {
        return;
    }
    chain_header(&format!("{name} -"), at, family, prefix, ruleset);
    // The kernel's default policy (ACCEPT), written here: what reaches the chain's end is
    // accepted at this line, which the note explains.
    let filters = prefix != NAT;
    if let Some(chain) = ruleset.chains.iter_mut().find(|c| c.name == chain_name)
        && filters
    {
        chain.policy = Some((Verdict::Accept, at));
    }
    ruleset.notes.push(Note::assumption(
        at,
        format!(
            "`{chain_name}` has no `:{name}` line: the file adds to the rules that already run (`iptables-restore --noflush`); read as {name}'s only rules, its policy taken as ACCEPT (the kernel's default). The rules already in {name} run first (an ACCEPT there wins) and its policy is not in the text: `sudo iptables-save` shows both"
        ),
    ));
}

/// Set name → (type, members), from `create NAME TYPE …` / `add NAME MEMBER` lines.
type Ipsets = std::collections::HashMap<String, (String, Vec<String>)>;

/// Reads an `ipset save` line into `sets`; false when the line is not one.
fn ipset_line(line: &str, sets: &mut Ipsets) -> bool {
    let mut words = line.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some("create"), Some(name), Some(kind)) => {
            sets.insert(name.to_owned(), (kind.to_owned(), Vec::new()));
            true
        }
        (Some("add"), Some(name), Some(member)) => {
            if let Some((_, members)) = sets.get_mut(name) {
                members.push(member.to_owned());
            }
            true
        }
        _ => false,
    }
}

/// `--match-set NAME src|dst` over a set of addresses (`hash:ip`, `hash:net`) listed in the
/// file: its members as CIDRs. `None` for another kind of set, or one the file does not list.
fn set_members(sets: &Ipsets, name: &str, flags: &str) -> Option<Vec<ipnet::IpNet>> {
    let (kind, members) = sets.get(name)?;
    if !matches!(kind.as_str(), "hash:ip" | "hash:net" | "bitmap:ip") || flags.contains(',') {
        return None;
    }
    let nets: Option<Vec<Vec<ipnet::IpNet>>> = members.iter().map(|m| nets(m)).collect();
    nets.map(|n| n.concat())
}

fn rule(
    raw: &str,
    at: Position,
    family: IpFamily,
    prefix: &str,
    ipsets: &Ipsets,
    ruleset: &mut Ruleset,
) {
    let mut ws = words(raw, false);
    if ws.first().is_some_and(|w| without_counters(&w.text).is_empty()) {
        ws.remove(0);
    }
    let mut matcher = Match { family: Some(family), ..Match::default() };
    // `-m set` over a set of (address, port) pairs: one rule per pair.
    let mut pairs: Option<SetPairs> = None;
    let mut verdict = Verdict::Continue;
    let mut chain_name = String::new();
    // `-I`: the index the rule goes in at (`None`: `-A`, appended).
    let mut insert_at: Option<usize> = None;
    let mut negate = false;
    // The last `-m` module: `--mark` is the packet's mark after `-m mark`, the connection's
    // after `-m connmark`.
    let mut module = "";
    let mut i = 0;
    let mut errors = Vec::new();
    let at_word = |w: &Word<'_>| Position { line: at.line, column: w.column };
    while i < ws.len() {
        let word = &ws[i];
        let value = ws.get(i + 1);
        let option = &*word.text;
        let mut used = 2;
        match option {
            "!" => {
                negate = true;
                i += 1;
                continue;
            }
            "-A" | "--append" => {
                chain_name = format!("{prefix}{}", value.map_or("", |v| &*v.text));
            }
            "-I" | "--insert" => {
                chain_name = format!("{prefix}{}", value.map_or("", |v| &*v.text));
                // `-I CHAIN 3`: before the third rule; without a number, first.
                let number = ws.get(i + 2).and_then(|w| w.text.parse::<usize>().ok());
                if number.is_some() {
                    used = 3;
                }
                insert_at = Some(number.unwrap_or(1).saturating_sub(1));
            }
            "-m" | "--match" => match value.map(|v| &*v.text) {
                Some(
                    name @ ("tcp" | "udp" | "sctp" | "multiport" | "conntrack" | "state"
                    | "comment" | "iprange" | "addrtype" | "set" | "mark"),
                ) => module = name,
                Some(name) => {
                    module = name;
                    matcher.assumed.push(format!("`-m {name}`"))
                }
                None => errors.push((at_word(word), "`-m` without a module name".to_owned())),
            },
            // `-m mark --mark 0x10000/0x10000`: the walk decides it from the marks set before.
            "--mark" if module == "mark" => match value.and_then(|v| mark_test(&v.text, negate)) {
                Some(test) => matcher.marks.push(test),
                None => errors.push((
                    at_word(value.unwrap_or(word)),
                    format!(
                        "`--mark` needs a value such as 0x10000/0x10000, found `{}`",
                        value.map_or("", |v| &*v.text)
                    ),
                )),
            },
            "-s" | "--source" | "-d" | "--destination" => {
                let nets: Option<Vec<_>> =
                    value.map(|v| v.text.split(',').map(net).collect()).unwrap_or(None);
                let source = option.starts_with("-s") || option == "--source";
                // `! -s 10.0.0.0/8`: every other address of the table's family.
                let nets = nets.map(|n| if negate { complement_nets(&n, Some(family)) } else { n });
                match nets {
                    Some(nets) if source => {
                        matcher.sources = Some(narrowed(matcher.sources.take(), nets))
                    }
                    Some(nets) => {
                        matcher.destinations = Some(narrowed(matcher.destinations.take(), nets))
                    }
                    None => errors.push((
                        at_word(value.unwrap_or(word)),
                        format!(
                            "`{option}` needs an address or CIDR, found `{}`",
                            value.map_or("", |v| &*v.text)
                        ),
                    )),
                }
            }
            "--match-set" if !negate => {
                let name = value.map_or("", |v| &*v.text);
                let flags = ws.get(i + 2).map_or("", |w| &*w.text);
                matcher.ban = super::bans::tool(name);
                // (With `-s` / `-d` in the same rule, both hold.)
                match (set_members(ipsets, name, flags), set_pairs(ipsets, name, flags)) {
                    (Some(nets), _) if flags == "src" => {
                        matcher.sources = Some(narrowed(matcher.sources.take(), nets))
                    }
                    (Some(nets), _) => {
                        matcher.destinations = Some(narrowed(matcher.destinations.take(), nets))
                    }
                    (None, Some(found)) => pairs = Some(found),
                    (None, None) if ipsets.contains_key(name) => matcher.assumed.push(format!(
                        "`--match-set {name} {flags}` (a set of kind `{}` matched on `{flags}`, which Portolan does not model)",
                        ipsets.get(name).map_or("", |s| s.0.as_str())
                    )),
                    (None, None) => matcher.assumed.push(format!(
                        "`--match-set {name} {flags}` (the set's members are not in the file: `ipset save` before `iptables-save` adds them)"
                    )),
                }
                used = 3;
            }
            "--src-range" | "--dst-range" => {
                // `-m iprange`: an address range, as the CIDRs that make it up; `!
                // --src-range`: every other address of the table's family. With `-s` / `-d`
                // in the same rule, both hold.
                let found = value.and_then(|v| nets(&v.text));
                let found =
                    found.map(|n| if negate { complement_nets(&n, Some(family)) } else { n });
                match found {
                    Some(nets) if option == "--src-range" => {
                        matcher.sources = Some(narrowed(matcher.sources.take(), nets))
                    }
                    Some(nets) => {
                        matcher.destinations = Some(narrowed(matcher.destinations.take(), nets))
                    }
                    None => errors.push((
                        at_word(value.unwrap_or(word)),
                        format!(
                            "`{option}` needs a range such as 10.0.0.10-10.0.0.20; found `{}`",
                            value.map_or("", |v| &*v.text)
                        ),
                    )),
                }
            }
            // Every packet the input chains see is addressed to the host (in nat
            // PREROUTING, the packets to the host are the ones audited).
            "--dst-type" if !negate && value.is_some_and(|v| v.text == "LOCAL") => {}
            "--ctstatus" if value.is_some_and(|v| v.text == "DNAT") => {
                // Connections a nat rule rewrote: the published ports' traffic in FORWARD.
                if negate { matcher.not_dnatted = true } else { matcher.dnat_only = true }
            }
            "-p" | "--protocol" => match value.map(|v| protocol(&v.text)) {
                _ if negate => {
                    matcher.assumed.push(format!("`! -p {}`", value.map_or("", |v| &*v.text)))
                }
                Some(Some(Some(t))) => matcher.transports = Some(vec![t]),
                Some(Some(None)) => matcher.transports = Some(Vec::new()),
                _ if value.is_some_and(|v| v.text == "all") => {}
                _ => errors.push((
                    at_word(value.unwrap_or(word)),
                    format!(
                        "unknown protocol `{}`; expected tcp, udp, sctp, icmp, all or a number",
                        value.map_or("", |v| &*v.text)
                    ),
                )),
            },
            "--dport" | "--destination-port" | "--dports" | "--destination-ports" => {
                let ranges = value.and_then(|v| port_matches(v.text.split(',')));
                match ranges {
                    // `! --dport 1:1023`: every other port.
                    Some(ranges) if negate => matcher.ports = Some(complement_ports(&ranges)),
                    Some(ranges) => matcher.ports = Some(ranges),
                    None => errors.push((
                        at_word(value.unwrap_or(word)),
                        format!(
                            "`{option}` needs ports such as 443, 8000:8080 or 80,443; found `{}`",
                            value.map_or("", |v| &*v.text)
                        ),
                    )),
                }
            }
            "--sport" | "--source-port" | "--sports" | "--source-ports" => {
                let ranges = value
                    .and_then(|v| port_matches(v.text.split(',')))
                    .map(|r| if negate { complement_ports(&r) } else { r });
                let written = format!(
                    "`{}{option} {}`",
                    if negate { "! " } else { "" },
                    value.map_or("", |v| &*v.text)
                );
                source_ports(&mut matcher, ranges, written);
            }
            // The port first addressed, before a DNAT (Docker's way to name a published port
            // in DOCKER-USER); the walk compares it with what the DNAT matched.
            "--ctorigdstport" => match value.and_then(|v| port_range(&v.text)) {
                Some(range) if negate => matcher.original_ports = Some(complement_ports(&[range])),
                Some(range) => matcher.original_ports = Some(vec![range]),
                None => errors.push((
                    at_word(value.unwrap_or(word)),
                    format!(
                        "`--ctorigdstport` needs a port, found `{}`",
                        value.map_or("", |v| &*v.text)
                    ),
                )),
            },
            // New connections go in the original direction; replies never start one.
            "--ctdir" => match value.map(|v| v.text.to_ascii_uppercase()).as_deref() {
                Some("ORIGINAL") if !negate => {}
                Some("REPLY") if negate => {}
                _ => matcher.no_new_connections = true,
            },
            "--ctstate" | "--state" => {
                let states: Vec<String> = value
                    .map(|v| v.text.split(',').map(|s| s.to_ascii_uppercase()).collect())
                    .unwrap_or_default();
                let no_new = states
                    .iter()
                    .all(|s| matches!(s.as_str(), "ESTABLISHED" | "RELATED" | "INVALID"));
                matcher.replies |= !negate && super::words::established(&states);
                // DNAT: connections a nat rule rewrote (the published ports' traffic).
                let dnat = states
                    .iter()
                    .all(|s| matches!(s.as_str(), "ESTABLISHED" | "RELATED" | "INVALID" | "DNAT"));
                if negate && dnat && states.iter().any(|s| s == "DNAT") {
                    // Not rewritten, not established: a new connection to the host itself.
                    matcher.not_dnatted = true;
                } else if negate && no_new && !states.is_empty() {
                    // `! --ctstate ESTABLISHED,RELATED`: every new connection.
                } else if negate {
                    matcher.assumed.push(format!("`! {option} {}`", states.join(",")));
                } else if new_connections(&states) == Some(true) {
                    // Regression: Shorewall's `--ctstate INVALID,NEW,UNTRACKED` jump to its
                    // blacklist was an assumption, its drops read as blocking nothing.
                } else if no_new && !states.is_empty() {
                    matcher.no_new_connections = true;
                } else if dnat && !states.is_empty() {
                    matcher.dnat_only = true;
                } else if !states
                    .iter()
                    // UNTRACKED: exempted from conntrack (`notrack`), a new connection too.
                    .all(|s| matches!(s.as_str(), "NEW" | "ESTABLISHED" | "RELATED" | "UNTRACKED"))
                {
                    matcher.assumed.push(format!("`{option} {}`", states.join(",")));
                }
            }
            "-i" | "--in-interface" => {
                let name = value.map_or("", |v| &*v.text);
                match super::words::from_network(&[name], negate) {
                    super::words::FromNetwork::Never => matcher.loopback = true,
                    super::words::FromNetwork::Always => {}
                    super::words::FromNetwork::Unknown => {
                        let text =
                            format!("`{}-i {name}` (interfaces)", if negate { "! " } else { "" });
                        matcher.in_interface = Some(InInterface {
                            names: vec![name.to_owned()],
                            negated: negate,
                            assumed: text.clone(),
                        });
                        matcher.assumed.push(text);
                    }
                }
            }
            // Only FORWARD and OUTPUT rules have one (INPUT's would not load).
            "-o" | "--out-interface" => {
                let name = value.map_or("", |v| &*v.text);
                matcher.out_interface = Some((name.to_owned(), negate));
                matcher.assumed.push(out_interface_text(name, negate));
            }
            "--comment" => {}
            "-j" | "--jump" | "-g" | "--goto" => {
                let target = value.map_or("", |v| &*v.text);
                let in_nat = prefix == NAT;
                verdict = match target {
                    // The forward chains (or the input chains, to the host) judge what
                    // they rewrite: flatten walks them.
                    "DNAT" if in_nat => {
                        let to = option_value(&ws, "--to-destination");
                        Verdict::Nat(to.and_then(super::nat::destination).unwrap_or_else(|| {
                            super::nat::unknown(to.map_or("not written", |t| t).to_owned())
                        }))
                    }
                    // nat: `ACCEPT` ends translation; the others rewrite sources or ports and
                    // leave filtering to the filter table.
                    "ACCEPT" if in_nat => Verdict::Return,
                    "REDIRECT" if in_nat => {
                        let to = option_value(&ws, "--to-ports");
                        Verdict::Nat(super::nat::redirect(to).unwrap_or_else(|| {
                            super::nat::unknown(format!("local port {}", to.unwrap_or("")))
                        }))
                    }
                    "SNAT" | "MASQUERADE" | "NETMAP" if in_nat => Verdict::Continue,
                    "ACCEPT" => Verdict::Accept,
                    // mangle PREROUTING: hands the packet to a local socket (a proxy) with
                    // a mark, and ends the chain as an accept does; input then judges it.
                    "TPROXY" => Verdict::Accept,
                    "DROP" | "REJECT" => Verdict::Drop,
                    "RETURN" => Verdict::Return,
                    "LOG" | "NFLOG" | "ULOG" | "MARK" | "CONNMARK" | "AUDIT" | "TRACE" | "SET"
                    | "CT" | "NOTRACK" | "TCPMSS" | "CLASSIFY" | "DSCP" | "TOS" | "TTL" | "HL"
                    | "CHECKSUM" | "SECMARK" | "CONNSECMARK" | "TEE" => Verdict::Continue,
                    "" => {
                        errors.push((at_word(word), format!("`{option}` without a target")));
                        Verdict::Continue
                    }
                    chain if option == "-g" || option == "--goto" => {
                        Verdict::Goto(format!("{prefix}{chain}"))
                    }
                    chain
                        if chain.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                            && ruleset.chain(&format!("{prefix}{chain}")).is_none() =>
                    {
                        errors.push((at_word(value.unwrap_or(word)), format!("target `{chain}` is not modelled: the rule is read as letting the packet go on")));
                        Verdict::Continue
                    }
                    chain => Verdict::Jump(format!("{prefix}{chain}")),
                };
                matcher.sets_mark = mark_write(target, &ws);
                // Target options (`--reject-with`, `--log-prefix`) follow; they change nothing
                // (but a MARK's, read above).
                i += used;
                while i < ws.len() && ws[i].text.starts_with("--") {
                    i += 1;
                    while i < ws.len() && !ws[i].text.starts_with('-') {
                        i += 1;
                    }
                }
                negate = false;
                continue;
            }
            // A new connection's first packet is a lone SYN: `--syn` holds for it, `! --syn`
            // and `--tcp-flags ALL NONE` never do (the rule concerns no new connection).
            "--syn" => {
                matcher.no_new_connections |= negate;
                used = 1;
            }
            "--tcp-flags" => {
                let comparison = ws.get(i + 2).map_or("", |w| &*w.text);
                match super::words::syn_passes(value.map_or("", |v| &*v.text), comparison) {
                    Some(passes) => matcher.no_new_connections |= passes == negate,
                    None => matcher.assumed.push(format!(
                        "`{}--tcp-flags {} {comparison}`",
                        if negate { "! " } else { "" },
                        value.map_or("", |v| &*v.text)
                    )),
                }
                used = 3;
            }
            "-f" | "--fragment" => {
                matcher.assumed.push("`-f` (fragments)".to_owned());
                used = 1;
            }
            other if other.starts_with("--") => {
                // An option of a module Portolan does not model: keep its values, as written.
                let mut text = format!("{}{other}", if negate { "! " } else { "" });
                used = 1;
                while let Some(v) =
                    ws.get(i + used).filter(|v| !v.text.starts_with('-') && v.text != "!")
                {
                    text.push(' ');
                    text.push_str(&v.text);
                    used += 1;
                }
                matcher.assumed.push(format!("`{text}`"));
            }
            other => {
                errors.push((
                    at_word(word),
                    format!("`{other}` is not an iptables option Portolan knows"),
                ));
                used = 1;
            }
        }
        negate = false;
        i += used;
    }
    // A module's own name says nothing once its options were listed.
    dedupe_modules(&mut matcher.assumed);
    let had_errors = !errors.is_empty();
    for (position, message) in errors {
        ruleset.notes.push(Note::error(position, message));
    }
    if ruleset.chain(&chain_name).is_none() {
        added_to_built_in(&chain_name, prefix, at, family, ruleset);
    }
    let Some(chain) = ruleset.chains.iter_mut().find(|c| c.name == chain_name) else {
        ruleset.notes.push(Note::error(
            at,
            format!(
                "rule appends to chain `{chain_name}`, which has no `:{chain_name}` line above it"
            ),
        ));
        return;
    };
    if had_errors && verdict == Verdict::Accept {
        // The rule is half-read: keep it as an accept of what was read (the generous reading).
        matcher.assumed.push("parts Portolan could not read".to_owned());
    }
    let mut put = |rule: Rule| match &mut insert_at {
        Some(index) => {
            let place = (*index).min(chain.rules.len());
            chain.rules.insert(place, rule);
            *index = place + 1;
        }
        None => chain.rules.push(rule),
    };
    match pairs {
        None => put(Rule { at, matcher, verdict }),
        Some((net_is_source, members)) => {
            for (net, transport, port) in members {
                let mut m = matcher.clone();
                if net_is_source {
                    m.sources = Some(narrowed(m.sources.take(), vec![net]));
                } else {
                    m.destinations = Some(narrowed(m.destinations.take(), vec![net]));
                }
                if m.transports.as_ref().is_some_and(|t| !t.contains(&transport)) {
                    continue;
                }
                m.transports = Some(vec![transport]);
                m.ports = Some(match m.ports.take() {
                    None => vec![port],
                    Some(ranges) => ranges.iter().filter_map(|r| r.intersection(port)).collect(),
                });
                put(Rule { at, matcher: m, verdict: verdict.clone() });
            }
        }
    }
}

/// Whether the set's address is the source, and its members: (address, transport, port).
type SetPairs = (bool, Vec<(ipnet::IpNet, crate::model::Transport, PortRange)>);

/// `--match-set NAME src,dst` (or `dst,dst`) over `hash:net,port` / `hash:ip,port`: members
/// `10.0.0.0/24,tcp:5432` (`80` alone is TCP). `None` for another kind or another direction
/// of the port (a source port), or a member Portolan cannot read.
fn set_pairs(sets: &Ipsets, name: &str, flags: &str) -> Option<SetPairs> {
    let (kind, members) = sets.get(name)?;
    if !matches!(kind.as_str(), "hash:net,port" | "hash:ip,port") {
        return None;
    }
    let net_is_source = match flags {
        "src,dst" => true,
        "dst,dst" => false,
        _ => return None,
    };
    let mut out = Vec::new();
    for member in members {
        let (address, port) = member.split_once(',')?;
        let (proto, port) = port.split_once(':').unwrap_or(("tcp", port));
        let transport = protocol(proto)??;
        let port = port_range(port)?;
        for net in nets(address)? {
            out.push((net, transport, port));
        }
    }
    Some((net_is_source, out))
}

/// The word after `option` in the rule (a target's option: `--to-destination 172.17.0.2:80`).
fn option_value<'a>(ws: &'a [Word<'_>], option: &str) -> Option<&'a str> {
    ws.iter().skip_while(|w| w.text != option).nth(1).map(|w| &*w.text)
}

/// `--mark 0x10000/0x10000` (`0x1`: every bit compared).
fn mark_test(text: &str, negated: bool) -> Option<MarkTest> {
    let (value, mask) = match text.split_once('/') {
        Some((value, mask)) => (mark_number(value)?, mark_number(mask)?),
        None => (mark_number(text)?, u32::MAX),
    };
    let written = format!("{}--mark {text}", if negated { "! " } else { "" });
    Some(MarkTest { value, mask, negated, written })
}

/// What `-j MARK` (iptables-save prints every form as `--set-xmark value/mask`) and `-j
/// CONNMARK --restore-mark` (the connection's mark, not in the ruleset) do to the packet's
/// mark. `CONNMARK --set-xmark` marks the connection, not the packet: `None`.
fn mark_write(target: &str, ws: &[Word<'_>]) -> Option<MarkWrite> {
    let masked = |option: &str| {
        let text = option_value(ws, option)?;
        match text.split_once('/') {
            Some((value, mask)) => Some((mark_number(value)?, mark_number(mask)?)),
            None => Some((mark_number(text)?, u32::MAX)),
        }
    };
    match target {
        "MARK" => {
            if let Some((value, mask)) = masked("--set-xmark") {
                return Some(MarkWrite::xmark(value, mask));
            }
            if let Some((value, mask)) = masked("--set-mark") {
                return Some(MarkWrite::xmark(value, mask | value));
            }
            let one = |option| option_value(ws, option).and_then(mark_number);
            let all = MarkWrite::xmark(0, 0);
            match (one("--and-mark"), one("--or-mark"), one("--xor-mark")) {
                (Some(and), _, _) => Some(all.and(and)),
                (_, Some(or), _) => Some(all.or(or)),
                (_, _, Some(xor)) => Some(all.xor(xor)),
                // Unread: any bit may change.
                _ => Some(MarkWrite::unknown(u32::MAX)),
            }
        }
        "TPROXY" => masked("--tproxy-mark").map(|(value, mask)| MarkWrite::xmark(value, mask)),
        "CONNMARK" if ws.iter().any(|w| w.text == "--restore-mark") => {
            let mask = option_value(ws, "--nfmask").and_then(mark_number).unwrap_or(u32::MAX);
            Some(MarkWrite::unknown(mask))
        }
        _ => None,
    }
}

/// `-m mark --mark 0x1` reads best as "`-m mark`, `--mark 0x1`": keep the option, drop the
/// module name when an option follows it.
fn dedupe_modules(assumed: &mut Vec<String>) {
    let options = assumed.iter().filter(|a| a.starts_with("`--") || a.starts_with("`! --")).count();
    if options > 0 {
        assumed.retain(|a| !a.starts_with("`-m "));
    }
}
