//! Windows Defender Firewall's semantics, shared by its two exports (`netsh advfirewall firewall
//! show rule name=all verbose` in [`super::netsh`], `Get-NetFirewallRule` through `Export-Csv`
//! or `ConvertTo-Json` in [`super::ps_firewall`]): each reader gathers a rule's fields as
//! written, this turns them into one input chain.
//!
//! Windows has no rule order: a Block rule wins over every Allow rule (an authenticated
//! bypass, netsh's `Bypass` or PowerShell's `OverrideBlockRules`, wins over the blocks), a
//! disabled rule does nothing, and what no rule allows meets the profile's default inbound
//! action (Block unless the profile settings say otherwise). So the chain is: bypasses, then
//! blocks, then allows, then the default. Which profile (Domain, Private, Public) is active is
//! not in the topology: a rule of any profile is read as in force (said once per file, and on
//! each rule limited to some profiles), so an exposure under one profile is not hidden.

use ipnet::IpNet;

use super::model::{Chain, Hook, Match, Note, Rule, Ruleset, Verdict};
use super::words::{nets, port_range, protocol, source_ports};
use crate::data::Position;
use crate::model::{PortRange, Transport};

/// One field of a rule as written (a list joined with `,`) and where its value starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    pub text: String,
    pub at: Position,
}

impl Field {
    pub fn new(text: impl Into<String>, at: Position) -> Self {
        Self { text: text.into(), at }
    }

    fn lower(&self) -> String {
        self.text.trim().to_ascii_lowercase()
    }

    /// `Any`, `*` or nothing written.
    fn is_any(&self) -> bool {
        matches!(self.lower().as_str(), "" | "any" | "*")
    }
}

/// A rule as an export writes it, each field in the export's words (netsh's `Yes`/`In`,
/// PowerShell's `True`/`Inbound`); `None`: the export has no such field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WinRule {
    /// Where the rule starts (`Rule Name:`, its CSV row, its JSON object).
    pub at: Position,
    pub name: String,
    pub enabled: Option<Field>,
    pub direction: Option<Field>,
    pub action: Option<Field>,
    pub profiles: Option<Field>,
    pub protocol: Option<Field>,
    pub local_port: Option<Field>,
    pub remote_port: Option<Field>,
    pub local_address: Option<Field>,
    pub remote_address: Option<Field>,
    pub program: Option<Field>,
    pub service: Option<Field>,
    pub interface_types: Option<Field>,
    /// netsh's `Security` (`NotRequired`, `Authenticate`…).
    pub security: Option<Field>,
    /// PowerShell's `OverrideBlockRules` (`True`: an authenticated bypass).
    pub override_block: Option<Field>,
}

/// A profile's default for inbound traffic, when the file carries the profiles' settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inbound {
    /// `BlockInbound`: what no rule allows is blocked.
    Block,
    /// `BlockInboundAlways` ("block all connections"): the allow rules are ignored too.
    BlockAlways,
    /// `AllowInbound`, or the firewall of that profile is off.
    Allow,
}

/// What the file says of the profiles (`netsh advfirewall show allprofiles`, appended).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Profiles {
    /// `(profile, its default, where it is written)`.
    pub defaults: Vec<(String, Inbound, Position)>,
}

impl Profiles {
    /// Records `profile`'s inbound default (a later line of the same profile wins).
    pub fn set(&mut self, profile: &str, inbound: Inbound, at: Position) {
        match self.defaults.iter_mut().find(|(p, _, _)| p == profile) {
            Some(entry) => *entry = (profile.to_owned(), inbound, at),
            None => self.defaults.push((profile.to_owned(), inbound, at)),
        }
    }
}

/// Who the host is, as Windows' address keywords name it.
pub struct HostView<'a> {
    /// The topology zone the host is placed in and its CIDRs: `LocalSubnet` is read as it.
    pub zone: Option<(&'a str, &'a [IpNet])>,
}

/// The Windows dynamic port range RPC services are given (what the `RPC` keyword opens).
const RPC_DYNAMIC: (u16, u16) = (49152, 65535);

/// Builds the input chain of `rules` (in the export's order), adding to `notes`.
pub(crate) fn ruleset(
    rules: &[WinRule],
    profiles: &Profiles,
    host: &HostView<'_>,
    mut notes: Vec<Note>,
) -> Ruleset {
    let start = Position { line: 1, column: 1 };
    let (mut bypasses, mut blocks, mut allows) = (Vec::new(), Vec::new(), Vec::new());
    for rule in rules {
        let Some(kind) = kind_of(rule, &mut notes) else { continue };
        let verdict = if kind == Kind::Block { Verdict::Drop } else { Verdict::Accept };
        let out = match kind {
            Kind::Bypass => &mut bypasses,
            Kind::Block => &mut blocks,
            Kind::Allow => &mut allows,
        };
        transcribe(rule, &verdict, host, out, &mut notes);
    }
    let always = !profiles.defaults.is_empty()
        && profiles.defaults.iter().all(|(_, d, _)| *d == Inbound::BlockAlways);
    if always {
        notes.push(Note::assumption(
            profiles.defaults.first().map_or(start, |(_, _, at)| *at),
            "every profile blocks all inbound connections (`BlockInboundAlways`): the allow rules are read as allowing nothing",
        ));
        allows.clear();
    }
    let open: Vec<&(String, Inbound, Position)> =
        profiles.defaults.iter().filter(|(_, d, _)| *d == Inbound::Allow).collect();
    let policy = match open.first() {
        Some((_, _, at)) => {
            let names: Vec<&str> = open.iter().map(|(n, _, _)| n.as_str()).collect();
            notes.push(Note::assumption(
                *at,
                format!("the {} profile lets in what no rule blocks (its firewall is off or its inbound default is Allow): read as in force, so every port not blocked is open", names.join(", ")),
            ));
            (Verdict::Accept, *at)
        }
        None => (Verdict::Drop, profiles.defaults.first().map_or(start, |(_, _, at)| *at)),
    };
    let settings = if profiles.defaults.is_empty() {
        "no profile settings in this file (append `netsh advfirewall show allprofiles` to read them): what no rule allows is read as blocked, Windows' default inbound action"
    } else {
        "the profiles' inbound defaults are read from this file"
    };
    notes.insert(0, Note::assumption(
        start,
        format!("Windows Defender Firewall: the topology does not say whether the Domain, Private or Public profile is active, so the rules of every profile are read as in force (an allow of one profile opens the port, a block of one profile blocks nothing); {settings}"),
    ));
    let mut chain_rules = bypasses;
    chain_rules.extend(blocks);
    chain_rules.extend(allows);
    Ruleset {
        chains: vec![Chain {
            name: "windows-inbound".to_owned(),
            hook: Some(Hook::Input),
            family: None,
            policy: Some(policy),
            rules: chain_rules,
        }],
        notes,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bypass,
    Block,
    Allow,
}

/// `Yes`, `True`, `1`… (netsh, PowerShell's CSV, its JSON enum `Enabled`: 1 True, 2 False).
fn yes(field: &Field) -> Option<bool> {
    match field.lower().as_str() {
        "yes" | "true" | "1" => Some(true),
        "no" | "false" | "2" | "0" => Some(false),
        _ => None,
    }
}

/// Whether the rule is an enabled inbound rule, and what it does; notes what cannot be read.
fn kind_of(rule: &WinRule, notes: &mut Vec<Note>) -> Option<Kind> {
    let name = &rule.name;
    match &rule.direction {
        Some(d) => match d.lower().as_str() {
            "in" | "inbound" | "1" => {}
            "out" | "outbound" | "2" => return None,
            _ => {
                notes.push(Note::error(d.at, format!("rule `{name}`: direction `{}`; expected In or Out (Inbound or Outbound): the rule is left out", d.text)));
                return None;
            }
        },
        None => {
            notes.push(Note::error(rule.at, format!("rule `{name}` has no direction; expected `Direction` In or Out: the rule is left out")));
            return None;
        }
    }
    if let Some(e) = &rule.enabled {
        match yes(e) {
            Some(false) => return None,
            Some(true) => {}
            None => notes.push(Note::error(
                e.at,
                format!("rule `{name}`: enabled `{}`; expected Yes or No (True or False): read as enabled", e.text),
            )),
        }
    }
    let Some(action) = &rule.action else {
        notes.push(Note::error(rule.at, format!("rule `{name}` has no action; expected `Action` Allow or Block: the rule is left out")));
        return None;
    };
    let overrides = rule.override_block.as_ref().and_then(yes) == Some(true);
    // PowerShell's JSON writes the enum Action as a number: 2 Allow, 4 Block.
    match action.lower().as_str() {
        "allow" | "2" if overrides => Some(Kind::Bypass),
        "allow" | "2" => Some(Kind::Allow),
        "bypass" => Some(Kind::Bypass),
        "block" | "4" => Some(Kind::Block),
        _ => {
            notes.push(Note::error(action.at, format!("rule `{name}`: action `{}`; expected Allow, Block or Bypass: the rule is left out", action.text)));
            None
        }
    }
}

/// The profiles a rule is limited to, when it is not every profile.
fn limited_profiles(field: &Field) -> Option<String> {
    let lower = field.lower();
    // PowerShell's JSON: a bit mask (0 Any, 1 Domain, 2 Private, 4 Public).
    if let Ok(mask) = lower.parse::<u8>() {
        let names: Vec<&str> = [(1, "Domain"), (2, "Private"), (4, "Public")]
            .iter()
            .filter(|(bit, _)| mask & bit != 0)
            .map(|(_, n)| *n)
            .collect();
        return (mask != 0 && mask & 7 != 7).then(|| names.join(","));
    }
    let parts: Vec<&str> = lower.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let every = parts.contains(&"any")
        || parts.contains(&"all")
        || ["domain", "private", "public"].iter().all(|p| parts.contains(p));
    (!every && !parts.is_empty()).then(|| field.text.trim().to_owned())
}

/// Pushes the rule's matches with `verdict` (one per address keyword it names).
fn transcribe(
    rule: &WinRule,
    verdict: &Verdict,
    host: &HostView<'_>,
    out: &mut Vec<Rule>,
    notes: &mut Vec<Note>,
) {
    let allows = *verdict == Verdict::Accept;
    let name = &rule.name;
    let mut base = Match::default();
    if let Some(profiles) = rule.profiles.as_ref().and_then(limited_profiles) {
        base.assumed
            .push(format!("the {profiles} profile only (which profile is active is not known)"));
    }
    if let Some(p) = &rule.protocol
        && !p.is_any()
    {
        match p.lower().as_str() {
            "icmpv4" | "icmpv6" => base.transports = Some(Vec::new()),
            other => match protocol(other) {
                Some(Some(t)) => base.transports = Some(vec![t]),
                Some(None) => base.transports = Some(Vec::new()),
                None => {
                    notes.push(Note::error(p.at, format!("rule `{name}`: protocol `{}`; expected TCP, UDP, ICMPv4, ICMPv6, Any or a number: the rule is left out", p.text)));
                    return;
                }
            },
        }
    }
    match rule.local_port.as_ref().map(|f| local_ports(f, &base.transports)) {
        None | Some(Ports::Any) => {}
        Some(Ports::Some(ranges, transport, assumed)) => {
            base.ports = Some(ranges);
            if let Some(t) = transport {
                base.transports = Some(vec![t]);
            }
            base.assumed.extend(assumed);
        }
        Some(Ports::Keyword(what)) => base.assumed.push(what),
        Some(Ports::Unreadable(word)) => {
            let at = rule.local_port.as_ref().map_or(rule.at, |f| f.at);
            if allows {
                notes.push(Note::error(at, format!("rule `{name}`: local port `{word}` is not a port, a range or a keyword Portolan knows (RPC, RPC-EPMap, IPHTTPS, Teredo, PlayToDiscovery, mDNS, Any): the allow is read as every port")));
            } else {
                notes.push(Note::error(at, format!("rule `{name}`: local port `{word}` is not a port, a range or a keyword Portolan knows: the block is left out")));
                return;
            }
        }
    }
    if let Some(r) = &rule.remote_port
        && !r.is_any()
    {
        let ranges: Option<Vec<PortRange>> =
            r.text.split(',').map(|p| port_range(p.trim())).collect();
        source_ports(&mut base, ranges, format!("remote port `{}`", r.text.trim()));
    }
    for (key, field) in [("program", &rule.program), ("service", &rule.service)] {
        if let Some(f) = field
            && !f.is_any()
        {
            base.assumed.push(format!(
                "{key} `{}` (only its sockets are let in, but the port is open to it)",
                f.text.trim()
            ));
        }
    }
    if let Some(f) = &rule.interface_types
        && !f.is_any()
    {
        base.assumed.push(format!("interface types `{}`", f.text.trim()));
    }
    if let Some(f) = &rule.security
        && !f.is_any()
        && f.lower() != "notrequired"
    {
        base.assumed.push(format!("IPsec `{}` (only peers IPsec authenticates)", f.text.trim()));
    }
    let sources = sides(rule.remote_address.as_ref(), "remote", host, allows, name, notes);
    let destinations = sides(rule.local_address.as_ref(), "local", host, allows, name, notes);
    for source in &sources {
        for destination in &destinations {
            let mut matcher = base.clone();
            matcher.sources = source.nets.clone();
            matcher.destinations = destination.nets.clone();
            matcher.assumed.extend(source.assumed.iter().chain(&destination.assumed).cloned());
            out.push(Rule { at: rule.at, matcher, verdict: verdict.clone() });
        }
    }
}

/// A local port field read.
enum Ports {
    Any,
    /// Ports, the transport a keyword implies, and what was assumed.
    Some(Vec<PortRange>, Option<Transport>, Vec<String>),
    /// A port Windows picks at run time: every port, assumed.
    Keyword(String),
    Unreadable(String),
}

/// `Any`, `80,443`, `5000-5010`, or Windows' keywords: `RPC-EPMap` (netsh; `RPCEPMap` in
/// PowerShell) is 135/tcp, `IPHTTPS` (`IPHTTPSIn`) 443/tcp, `mDNS` 5353/udp, `RPC` the dynamic
/// ports of RPC services (read as Windows' dynamic range, said); `Teredo`, `PlayToDiscovery`
/// and the like are ports Windows picks at run time (read as every port, said).
fn local_ports(field: &Field, transports: &Option<Vec<Transport>>) -> Ports {
    if field.is_any() {
        return Ports::Any;
    }
    let mut ranges = Vec::new();
    let mut transport = None;
    let mut assumed = Vec::new();
    for word in field.text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        // The console writes its keywords in words (`RPC Dynamic Ports`).
        let lower = word.to_ascii_lowercase().replace(' ', "");
        let fixed = |port: u16| PortRange::single(port).ok();
        let (range, implied) = match lower.as_str() {
            "any" | "*" => return Ports::Any,
            "rpc-epmap" | "rpcepmap" | "rpcendpointmapper" => (fixed(135), Some(Transport::Tcp)),
            "iphttps" | "iphttpsin" => (fixed(443), Some(Transport::Tcp)),
            "mdns" => (fixed(5353), Some(Transport::Udp)),
            "rpc" | "rpcdynamicports" => {
                assumed.push(format!("`{word}`: the ports RPC services are given at run time, read as Windows' dynamic range {}-{}", RPC_DYNAMIC.0, RPC_DYNAMIC.1));
                (PortRange::new(RPC_DYNAMIC.0, RPC_DYNAMIC.1).ok(), Some(Transport::Tcp))
            }
            "teredo" | "playtodiscovery" | "iphttpsout" | "dhcp" | "ply2disc" => {
                return Ports::Keyword(format!(
                    "local port `{word}` (a port Windows picks at run time: read as every port)"
                ));
            }
            _ => (
                port_range(word).filter(|_| word.chars().all(|c| c.is_ascii_digit() || c == '-')),
                None,
            ),
        };
        let Some(range) = range else { return Ports::Unreadable(word.to_owned()) };
        ranges.push(range);
        // A keyword's transport narrows a rule written for Any protocol.
        if implied.is_some() && transports.is_none() {
            transport = implied;
        }
    }
    Ports::Some(ranges, transport, assumed)
}

/// One address side of a rule: these addresses (`None`: any), and what was assumed.
#[derive(Clone)]
struct Side {
    nets: Option<Vec<IpNet>>,
    assumed: Vec<String>,
}

/// The addresses of a `RemoteIP`/`LocalIP` field: one side for the addresses written, one per
/// keyword Portolan cannot resolve (read as any address, said), `LocalSubnet` as the host's
/// zone (said).
fn sides(
    field: Option<&Field>,
    which: &str,
    host: &HostView<'_>,
    allows: bool,
    name: &str,
    notes: &mut Vec<Note>,
) -> Vec<Side> {
    let any = vec![Side { nets: None, assumed: Vec::new() }];
    let Some(field) = field.filter(|f| !f.is_any()) else { return any };
    let mut written: Vec<IpNet> = Vec::new();
    let mut out = Vec::new();
    for item in field.text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        // `Local subnet`, `Default gateway`: the console writes keywords in words.
        let lower = item.to_ascii_lowercase().replace(' ', "");
        let keyword = lower.trim_end_matches(['4', '6']);
        if matches!(lower.as_str(), "any" | "*") {
            return any;
        }
        if keyword == "localsubnet" {
            match host.zone {
                Some((zone, cidrs)) if !cidrs.is_empty() => {
                    let shown: Vec<String> = cidrs.iter().map(ToString::to_string).collect();
                    notes.push(Note::assumption(field.at, format!("rule `{name}`: {which} address `{item}` (the subnets of the host's own interfaces) is read as the host's zone `{zone}` ({})", shown.join(", "))));
                    written.extend(cidrs.iter().copied());
                }
                _ => out.push(Side {
                    nets: None,
                    assumed: vec![format!(
                        "{which} address `{item}` (the host's zone has no CIDRs to read it as)"
                    )],
                }),
            }
            continue;
        }
        if let Some(n) = nets(item) {
            written.extend(n);
            continue;
        }
        if lower.chars().all(|c| c.is_ascii_alphanumeric()) {
            // Internet, Intranet, IntranetRemoteAccess, DNS, DHCP, WINS, DefaultGateway,
            // PlayToDevice, CaptivePortal…: Windows resolves them on the host.
            out.push(Side {
                nets: None,
                assumed: vec![format!("{which} address keyword `{item}` (Windows resolves it on the host; its addresses are not in the export)")],
            });
            continue;
        }
        let what =
            if allows { "read as any address" } else { "this address is left out of the block" };
        notes.push(Note::error(field.at, format!("rule `{name}`: {which} address `{item}` is not an address, a range, a subnet or a keyword; expected e.g. 10.0.0.0/24, 10.0.0.1-10.0.0.9, LocalSubnet: {what}")));
        if allows {
            out.push(Side {
                nets: None,
                assumed: vec![format!("unreadable {which} address `{item}`")],
            });
        }
    }
    if !written.is_empty() {
        out.insert(0, Side { nets: Some(written), assumed: Vec::new() });
    }
    out
}
