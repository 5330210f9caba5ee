//! Topology text (YAML, JSON or TOML) → [`Topology`], with every error located.
//!
//! Parsing reads structure and values (a CIDR must be a CIDR, a port a port); it does not
//! resolve names against the catalog or across sections: the checks do that, so that a single
//! run reports an unknown role and a port collision together.

use std::fmt::{self, Display};
use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;

use super::access::AccessKind;
use super::model::{
    Host, HostFiles, Located, PolicyEndpoint, PolicyRule, PortSpec, Service, Settlement, Topology,
    Trust, VariantChoice, Zone,
};
use super::suggest::did_you_mean;
use crate::data::yaml::AliasUse;
use crate::data::{DataError, Key, Node, NodeValue, Position};
use crate::model::{PortRange, Transports};
use crate::text::printable;

/// The largest topology accepted, in bytes.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// The longest zone, host, service or rule name, in characters.
pub const MAX_NAME_CHARS: usize = 256;

/// The syntax a topology is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Yaml,
    Json,
    Toml,
}

impl Format {
    /// From a file name: `.json` is JSON, `.toml` TOML, anything else YAML.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Format::Json
        } else if lower.ends_with(".toml") {
            Format::Toml
        } else {
            Format::Yaml
        }
    }

    /// Guesses the syntax of pasted text: `{` starts JSON; a first meaningful line like
    /// `key = value` or `[table]` is TOML; anything else YAML.
    pub fn sniff(text: &str) -> Format {
        let first = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("");
        if first.starts_with('{') {
            return Format::Json;
        }
        let is_table = first.starts_with('[')
            && first.ends_with(']')
            && !first.contains(',')
            && !first.contains(':');
        let is_assignment = first.split_once('=').is_some_and(|(key, _)| {
            let key = key.trim();
            // Bare keys are ASCII; anything else can only be inside a quoted key.
            !key.is_empty()
                && !key.contains(':')
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || !c.is_ascii() || "_-.\"' ".contains(c))
        });
        if is_table || is_assignment { Format::Toml } else { Format::Yaml }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Json => "JSON",
            Format::Toml => "TOML",
        }
    }
}

/// A located problem in a topology that makes it unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{}: {message}", position.line, position.column)]
pub struct ParseError {
    pub position: Position,
    pub message: String,
    pub help: Option<String>,
}

impl ParseError {
    fn new(position: Position, message: impl Into<String>) -> Self {
        Self { position, message: message.into(), help: None }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl From<DataError> for ParseError {
    fn from(error: DataError) -> Self {
        ParseError::new(error.position, error.message)
    }
}

/// Parses `text` in `format`; `file` names it in locations. All value errors are collected.
pub fn parse(text: &str, file: &str, format: Format) -> Result<Topology, Vec<ParseError>> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(vec![ParseError::new(
            Position { line: 1, column: 1 },
            format!("the topology is {} bytes; at most {MAX_TEXT_BYTES} are accepted", text.len()),
        )]);
    }
    // Editors on Windows save a byte order mark; it is not part of the first key.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (node, aliases) = match format {
        // JSON has no aliases; YAML's are kept to say where a copied value's anchor is.
        Format::Yaml => crate::data::yaml::parse_with_aliases(text)
            .map_err(|e| vec![syntax_help(e.into(), text)])?,
        _ => (parse_data(text, format).map_err(|e| vec![syntax_help(e, text)])?, Vec::new()),
    };
    from_node(&node, file).map_err(|errors| with_anchors(errors, &aliases))
}

/// What to do about two syntax errors whose reader's words do not say it: a JSON file with
/// comments (JSONC, as editors' settings are written), and a template not rendered yet.
fn syntax_help(error: ParseError, text: &str) -> ParseError {
    let line = text.lines().nth(error.position.line.saturating_sub(1) as usize).unwrap_or("");
    if line.contains("{{") || line.contains("{%") {
        error.help("this line holds template markup (`{{ … }}`, `{% … %}`): check the rendered file (the template's output), not the template")
    } else if error.message.contains(crate::data::json_syntax::COMMENTS) {
        error.help("JSON has none: delete it, or keep it as a `#` comment in a YAML topology (`.yaml`), which reads this JSON as it is")
    } else {
        error
    }
}

/// Errors found in a value an alias copied are located at the alias use; they also say where
/// the anchor (the text to fix) is.
fn with_anchors(mut errors: Vec<ParseError>, aliases: &[AliasUse]) -> Vec<ParseError> {
    if aliases.is_empty() {
        return errors;
    }
    for error in &mut errors {
        if let Some(alias) = aliases.iter().find(|a| a.at == error.position) {
            error.message = format!("{} ({})", error.message, alias.describe());
        }
    }
    errors
}

/// The positioned data tree of a topology text.
pub fn parse_data(text: &str, format: Format) -> Result<Node, ParseError> {
    match format {
        Format::Yaml => Ok(crate::data::yaml::parse(text)?),
        Format::Toml => Ok(crate::data::toml::parse(text)?),
        Format::Json => Ok(crate::data::json_syntax::parse(text)?),
    }
}

/// Builds a topology from an already parsed data tree.
pub fn from_node(node: &Node, file: &str) -> Result<Topology, Vec<ParseError>> {
    let mut reader = Reader { errors: Vec::new(), zoneless: Vec::new() };
    let topology = reader.topology(node, file);
    if reader.errors.is_empty() { Ok(topology) } else { Err(reader.errors) }
}

const TOP_KEYS: &[&str] = &[
    "$schema",
    "name",
    "description",
    "zones",
    "hosts",
    "services",
    "enable",
    "clients",
    "peers",
    "variants",
    "policy",
    "management",
    "egress",
    "vips",
];
const ZONE_KEYS: &[&str] = &["cidrs", "cidr", "trust", "description", "environment"];
/// A host's own keys, then those `host_files` reads (what to audit on it): one list, so a key
/// read there is never refused here.
const HOST_KEYS: [&str; 5 + host_files::KEYS.len()] =
    concat_keys(["zone", "address", "addresses", "roles", "description"], host_files::KEYS);

/// `a` then `b`, at compile time (`N` is their total length, or the build fails).
const fn concat_keys<const A: usize, const B: usize, const N: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; N] {
    assert!(A + B == N, "the key list's length is the sum of its parts");
    let mut out = [""; N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - A];
        i += 1;
    }
    out
}
/// Other tools' names for our keys (an inventory's `ansible_host`, a VLAN plan's `subnet`):
/// too far from ours for "did you mean", and the `x-` advice would keep the value out.
const SYNONYMS: &[(&str, &str)] = &[
    ("ansible_host", "address"),
    ("ip", "address"),
    ("ipv4", "address"),
    ("ipv6", "address"),
    ("ip_address", "address"),
    ("private_ip", "address"),
    ("ips", "addresses"),
    ("ip_addresses", "addresses"),
    ("subnet", "cidrs"),
    ("subnets", "cidrs"),
    ("network", "cidrs"),
    ("networks", "cidrs"),
    ("cidr_block", "cidrs"),
    ("prefix", "cidrs"),
    ("role", "roles"),
];
const SERVICE_KEYS: &[&str] = &["host", "name", "ports", "description", "from"];
const RULE_KEYS: &[&str] = &["name", "comment", "from", "to", "ports", "action"];

struct Reader {
    errors: Vec<ParseError>,
    /// Hosts written without a zone: the error's index and the addresses they have, to name
    /// the zone that holds them once every zone is read (zones may follow hosts).
    zoneless: Vec<(usize, Vec<IpAddr>)>,
}

impl Reader {
    fn error(&mut self, error: ParseError) {
        self.errors.push(error);
    }

    fn mapping<'n>(&mut self, node: &'n Node, what: &dyn Display) -> Option<&'n [(Key, Node)]> {
        match &node.value {
            NodeValue::Mapping(entries) => Some(entries),
            NodeValue::Null => Some(&[]),
            _ => {
                self.error(ParseError::new(
                    node.position,
                    format!("{what} must be a mapping, found {}", node.kind()),
                ));
                None
            }
        }
    }

    fn check_keys(&mut self, entries: &[(Key, Node)], allowed: &[&str], what: &dyn Display) {
        for (at, (key, node)) in entries.iter().enumerate() {
            let before = self.errors.len();
            self.check_key(key, allowed, what);
            // `{ description: HAProxy (RHEL 9, firewalld) }`: a comma inside `{ }` ended the
            // value before it, and its tail became a key without a value (session 15).
            if self.errors.len() > before
                && matches!(node.value, NodeValue::Null)
                && let Some((previous, NodeValue::String(_))) =
                    at.checked_sub(1).and_then(|i| entries.get(i)).map(|(k, n)| (k, &n.value))
                && let Some(error) = self.errors.last_mut()
            {
                let help = format!(
                    "inside `{{ }}` a comma ends a value: if `{}` is the rest of `{}`'s value, quote that value (`{}: \"…, {}\"`)",
                    printable(&key.name),
                    printable(&previous.name),
                    printable(&previous.name),
                    printable(&key.name)
                );
                error.help = Some(help);
            }
        }
    }

    fn check_key(&mut self, key: &Key, allowed: &[&str], what: &dyn Display) {
        // `x-` keys are the document's own at every level, as at the top (docker-compose's
        // convention): a CMDB export's ids and states, a generator's notes.
        if !allowed.contains(&key.name.as_str()) && !key.name.starts_with("x-") {
            let mut error = ParseError::new(
                key.position,
                format!("unknown key `{}` in {what}", printable(&key.name)),
            );
            let ours = SYNONYMS.iter().find(|(theirs, ours)| {
                key.name.eq_ignore_ascii_case(theirs) && allowed.contains(ours)
            });
            error = match (ours, did_you_mean(&key.name, allowed.iter().copied())) {
                // Not the `x-` advice: the value would be kept out of the plan.
                (Some((_, ours)), _) => error.help(format!(
                    "did you mean `{ours}`? (`{}` is what Portolan calls `{ours}`)",
                    printable(&key.name)
                )),
                (None, Some(best)) => error.help(format!("did you mean `{best}`?")),
                (None, None) => error.help(format!(
                    "expected one of: {}; a key of your own (an export's ids, notes) is kept when it starts with `x-`: `x-{}`",
                    allowed.join(", "),
                    printable(&key.name)
                )),
            };
            self.error(error);
        }
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            NodeValue::String(s) => Some(s.clone()),
            _ => {
                self.error(ParseError::new(
                    node.position,
                    format!("{what} must be a string, found {}", node.kind()),
                ));
                None
            }
        }
    }

    /// A string or a list of strings.
    fn strings(&mut self, node: &Node, what: &str) -> Vec<Located<String>> {
        match &node.value {
            NodeValue::String(s) => vec![Located::new(s.clone(), node.position)],
            NodeValue::Null => Vec::new(),
            NodeValue::Sequence(items) => items
                .iter()
                .filter_map(|item| self.string(item, what).map(|s| Located::new(s, item.position)))
                .collect(),
            _ => {
                self.error(ParseError::new(
                    node.position,
                    format!("{what} must be a string or a list of strings, found {}", node.kind()),
                ));
                Vec::new()
            }
        }
    }

    /// Calls `read` with each scalar of a scalar or a list of scalars (integers as text) and
    /// where it was written; a value that is not a scalar is an error.
    fn each_scalar(
        &mut self,
        node: &Node,
        what: &str,
        read: &mut dyn FnMut(&mut Self, &str, Position),
    ) {
        let items = match &node.value {
            NodeValue::Sequence(items) => items.as_slice(),
            NodeValue::Null => &[],
            _ => std::slice::from_ref(node),
        };
        for item in items {
            match &item.value {
                NodeValue::String(s) => read(self, s, item.position),
                NodeValue::Integer(i) => read(self, &i.to_string(), item.position),
                _ => self.error(ParseError::new(
                    item.position,
                    format!("{what} must be a string, found {}", item.kind()),
                )),
            }
        }
    }

    fn name_ok(&mut self, name: &str, position: Position, what: &str) -> bool {
        let length = name.chars().count();
        if name.trim().is_empty() {
            self.error(ParseError::new(position, format!("{what} name is empty")));
            false
        } else if length > MAX_NAME_CHARS {
            self.error(ParseError::new(
                position,
                format!(
                    "{what} name is {length} characters long; at most {MAX_NAME_CHARS} are accepted"
                ),
            ));
            false
        } else if name.chars().any(char::is_control) {
            self.error(
                ParseError::new(position, format!("{what} name `{}` contains a control character (newline, tab…)", printable(name)))
                    .help("names end up in messages and firewall rules; use letters, digits, `-`, `_` or `.`"),
            );
            false
        } else {
            true
        }
    }

    fn topology(&mut self, node: &Node, file: &str) -> Topology {
        let mut topology = Topology { file: file.to_owned(), ..Topology::default() };
        if matches!(node.value, NodeValue::Null) {
            self.error(
                ParseError::new(node.position, "the topology is empty")
                    .help("start with `zones:` and `hosts:`"),
            );
            return topology;
        }
        let Some(entries) = self.mapping(node, &"the topology") else { return topology };
        // `x-` keys are the document's own (docker-compose's convention): where teams keep
        // the anchors their hosts copy (`x-worker: &worker {...}`).
        for (key, value) in entries.iter().filter(|(key, _)| !key.name.starts_with("x-")) {
            let near = did_you_mean(&key.name, TOP_KEYS.iter().copied()).is_some();
            if near || TOP_KEYS.contains(&key.name.as_str()) {
                self.check_key(key, TOP_KEYS, &"the topology");
                continue;
            }
            if let Some(help) = inventory_help(&key.name, value) {
                self.error(
                    ParseError::new(
                        key.position,
                        format!("unknown key `{}` in the topology", printable(&key.name)),
                    )
                    .help(help),
                );
                continue;
            }
            // A script's own metadata (`generated_by`) has a place that is not an error.
            self.error(
                ParseError::new(
                    key.position,
                    format!("unknown key `{}` in the topology", printable(&key.name)),
                )
                .help(format!(
                    "expected one of: {}; a key of your own (a generator's metadata, shared anchors) is kept when it starts with `x-`: `x-{}`",
                    TOP_KEYS.join(", "),
                    printable(&key.name)
                )),
            );
        }
        for (key, value) in entries {
            let value = terraform_output_value(value);
            match key.name.as_str() {
                // `name:` left empty is no name, like the other empty sections.
                "name" if matches!(value.value, NodeValue::Null) => {}
                "name" => topology.name = self.string(value, "`name`"),
                "zones" => topology.zones = self.zones(value),
                "hosts" => topology.hosts = self.hosts(value),
                "services" => topology.services = self.services(value),
                "enable" => topology.enable = self.strings(value, "an `enable` entry"),
                "clients" => topology.clients = self.settlements(value, "`clients`"),
                "peers" => topology.peers = self.settlements(value, "`peers`"),
                "variants" => topology.variants = self.variant_choices(value),
                "policy" if matches!(value.value, NodeValue::Null) => {
                    // `policy:` left empty (or a script's `null`) is no policy yet, not a
                    // policy denying everything: `policy: []` says that.
                }
                "policy" => topology.policy = Some(self.policy(value)),
                "management" => topology.management = self.access(value, AccessKind::Management),
                "egress" => {
                    topology.egress = self.access(value, AccessKind::Egress);
                    let empty =
                        matches!(&value.value, NodeValue::Sequence(items) if items.is_empty());
                    topology.egress_closed = empty.then_some(value.position);
                }
                "vips" => topology.vips = self.vips(value),
                _ => {}
            }
        }
        self.check_access_names(&topology);
        self.check_zone_host_clashes(&topology);
        self.name_zones_of_zoneless_hosts(&topology);
        topology
    }

    /// A host with no `zone` whose address a zone holds: the help names that zone (the most
    /// specific one, as a /24 inside a /16 is meant before the /16).
    fn name_zones_of_zoneless_hosts(&mut self, topology: &Topology) {
        for (index, addresses) in std::mem::take(&mut self.zoneless) {
            let holder = topology
                .zones
                .iter()
                .filter_map(|z| {
                    let longest = z
                        .cidrs
                        .iter()
                        .filter(|c| {
                            c.value.prefix_len() > 0
                                && addresses.iter().any(|a| c.value.contains(a))
                        })
                        .map(|c| c.value.prefix_len())
                        .max()?;
                    Some((longest, z))
                })
                .max_by_key(|(longest, _)| *longest)
                .map(|(_, z)| z);
            let (Some(zone), Some(error)) = (holder, self.errors.get_mut(index)) else { continue };
            error.help = Some(format!(
                "add `zone: {}` (the zone whose network holds its address)",
                printable(&zone.name)
            ));
        }
    }

    /// A host named like a zone: policy rules, `clients`, `peers`, `management` and `egress`
    /// name zones and hosts alike and take the zone, so `clients: { x: [db] }` meant for host
    /// `db` would open the whole zone `db`.
    fn check_zone_host_clashes(&mut self, topology: &Topology) {
        for host in &topology.hosts {
            let Some(zone) = topology.zone(&host.name) else { continue };
            self.error(
                ParseError::new(
                    host.position,
                    format!(
                        "host `{}` has the name of zone `{}` (line {}, column {})",
                        printable(&host.name),
                        printable(&zone.name),
                        zone.position.line,
                        zone.position.column
                    ),
                )
                .help("rules, `clients` and `peers` name zones and hosts alike: rename the host or the zone"),
            );
        }
    }

    /// `key: [member, ...]` entries (`clients`, `peers`); names are checked against the
    /// catalog and the topology by the checks, not here.
    fn settlements(&mut self, node: &Node, what: &str) -> Vec<Settlement> {
        let Some(entries) = self.mapping(node, &what) else { return Vec::new() };
        let mut out = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let members = self.strings(value, "a zone, host or role name");
            if members.is_empty() {
                self.error(
                    ParseError::new(
                        key.position,
                        format!("{what} entry `{}` names nothing", printable(&key.name)),
                    )
                    .help("list zones, hosts or roles, e.g. `[office, cluster]`"),
                );
                continue;
            }
            out.push(Settlement { key: Located::new(key.name.clone(), key.position), members });
        }
        out
    }

    fn variant_choices(&mut self, node: &Node) -> Vec<VariantChoice> {
        let Some(entries) = self.mapping(node, &"`variants`") else { return Vec::new() };
        let mut out = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            // `openlm: null`: no variant chosen, as if the key were left out.
            if matches!(value.value, NodeValue::Null) {
                continue;
            }
            let Some(variant) = self.string(value, "a variant") else { continue };
            out.push(VariantChoice {
                platform: Located::new(key.name.clone(), key.position),
                variant: Located::new(variant, value.position),
            });
        }
        out
    }

    /// `zones` and `hosts` written as a list (`- name: cp1`, as inventories do): said with the
    /// shape that works, since names are the keys here.
    fn keyed_by_name<'n>(
        &mut self,
        node: &'n Node,
        section: &str,
        example: &str,
    ) -> Option<&'n [(Key, Node)]> {
        if let NodeValue::Sequence(_) = node.value {
            self.error(
                ParseError::new(
                    node.position,
                    format!("`{section}` must be a mapping keyed by name, found a list"),
                )
                .help(format!("write the names as keys: `{section}: {{ {example} }}`")),
            );
            return None;
        }
        self.mapping(node, &format!("`{section}`"))
    }

    fn zones(&mut self, node: &Node) -> Vec<Zone> {
        let Some(entries) = self.keyed_by_name(node, "zones", "cluster: { cidrs: [10.0.0.0/22] }")
        else {
            return Vec::new();
        };
        let mut zones = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            if !self.name_ok(&key.name, key.position, "zone") {
                continue;
            }
            let mut zone = Zone {
                name: key.name.clone(),
                position: key.position,
                cidrs: Vec::new(),
                trust: Trust::Trusted,
                description: None,
                environment: None,
            };
            let mut trust = None;
            match &value.value {
                // Shorthand: `corp: [10.20.0.0/16]` or `corp: 10.20.0.0/16`.
                NodeValue::String(_) | NodeValue::Sequence(_) => zone.cidrs = self.cidrs(value),
                _ => {
                    let what = Named("zone", &key.name);
                    let Some(fields) = self.mapping(value, &what) else { continue };
                    self.check_keys(fields, ZONE_KEYS, &what);
                    for (field, v) in fields {
                        match field.name.as_str() {
                            "cidrs" | "cidr" => zone.cidrs.extend(self.cidrs(v)),
                            // A script's `None` for an unset field is the field left out (as
                            // `description` below): Terraform and Python exports write every key.
                            "trust" | "environment" if matches!(v.value, NodeValue::Null) => {}
                            "trust" => trust = self.trust(v),
                            // A script's `None` (`"description": null`) is no description.
                            "description" if matches!(v.value, NodeValue::Null) => {}
                            "description" => zone.description = self.string(v, "`description`"),
                            "environment" => {
                                zone.environment = self
                                    .string(v, "`environment` (a name such as `prod`)")
                                    .map(|e| e.trim().to_owned())
                                    .filter(|e| !e.is_empty());
                            }
                            _ => {}
                        }
                    }
                }
            }
            first_of_each(&mut zone.cidrs);
            let everything = zone.cidrs.iter().any(|c| c.value.prefix_len() == 0);
            zone.trust =
                trust.unwrap_or(if everything { Trust::Untrusted } else { Trust::Trusted });
            zones.push(zone);
        }
        zones
    }

    fn trust(&mut self, node: &Node) -> Option<Trust> {
        let text = self.string(node, "`trust`")?;
        match text.trim().to_ascii_lowercase().as_str() {
            "trusted" => Some(Trust::Trusted),
            "untrusted" => Some(Trust::Untrusted),
            other => {
                let mut error =
                    ParseError::new(node.position, format!("unknown trust `{}`", printable(other)));
                error = error.help(match did_you_mean(other, ["trusted", "untrusted"]) {
                    Some(best) => format!("did you mean `{best}`? (trusted or untrusted)"),
                    None => "expected `trusted` or `untrusted`".to_owned(),
                });
                self.error(error);
                None
            }
        }
    }

    fn cidrs(&mut self, node: &Node) -> Vec<Located<IpNet>> {
        let mut out = Vec::new();
        self.each_scalar(node, "a CIDR", &mut |reader, text, position| match parse_cidrs(text) {
            Ok(nets) => out.extend(nets.into_iter().map(|net| Located::new(net, position))),
            Err(error) => reader.error(error.at(position)),
        });
        out
    }

    fn hosts(&mut self, node: &Node) -> Vec<Host> {
        if let Some(error) = host_lines_error(node) {
            self.error(error);
            return Vec::new();
        }
        let Some(entries) =
            self.keyed_by_name(node, "hosts", "cp1: { zone: cluster, address: 10.0.0.10 }")
        else {
            return Vec::new();
        };
        let mut hosts = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            if !self.name_ok(&key.name, key.position, "host") {
                continue;
            }
            let what = Named("host", &key.name);
            let before = self.errors.len();
            if let NodeValue::Sequence(items) = &value.value {
                self.error(
                    ParseError::new(
                        value.position,
                        format!("{what} must be a mapping, found a list"),
                    )
                    .help(host_list_help(&key.name, items)),
                );
                continue;
            }
            let Some(fields) = self.mapping(value, &what) else { continue };
            let before_keys = self.errors.len();
            self.check_keys(fields, &HOST_KEYS, &what);
            self.help_with_group_keys(fields, before_keys, &key.name);
            let mut zone = None;
            // A `zone` that could not be read is said there, not again as no `zone`.
            let mut zone_written = false;
            let mut addresses = Vec::new();
            let mut roles = Vec::new();
            let mut files = HostFiles::default();
            for (field, v) in fields {
                match field.name.as_str() {
                    // `zone:` left empty is "no zone" (said once, at the host): the reader
                    // places an empty value at the next token, often the line below.
                    "zone" if matches!(v.value, NodeValue::Null) => {}
                    "zone" => {
                        zone_written = true;
                        if let NodeValue::Sequence(items) = &v.value {
                            self.error(zone_list_error(&what, v.position, items));
                        } else {
                            zone = self.string(v, "`zone`").map(|z| Located::new(z, v.position));
                        }
                    }
                    "address" | "addresses" => {
                        self.each_scalar(v, "an address", &mut |reader, text, position| {
                            match parse_address(text) {
                                Ok(address) => addresses.push(Located::new(address, position)),
                                Err(error) => reader.error(error.at(position)),
                            }
                        })
                    }
                    "roles" => roles = self.strings(v, "a role"),
                    other if host_files::KEYS.contains(&other) => {
                        self.host_file(other, v, &mut files)
                    }
                    _ => {}
                }
            }
            first_of_each(&mut addresses);
            let Some(zone) = zone else {
                if zone_written {
                    continue;
                }
                self.zoneless
                    .push((self.errors.len(), addresses.iter().map(|a| a.value).collect()));
                self.error(
                    ParseError::new(key.position, format!("{what} has no `zone`"))
                        .help("add `zone: <name of a zone>`"),
                );
                continue;
            };
            if addresses.is_empty() {
                if self.errors.len() > before {
                    continue;
                }
                self.error(
                    ParseError::new(key.position, format!("{what} has no `address`"))
                        .help("add `address: 10.0.0.10` (IPv4 or IPv6, or a list)"),
                );
                continue;
            }
            hosts.push(Host {
                name: key.name.clone(),
                position: key.position,
                zone,
                addresses,
                roles,
                files,
            });
        }
        hosts
    }

    fn services(&mut self, node: &Node) -> Vec<Service> {
        let items = match &node.value {
            NodeValue::Sequence(items) => items.as_slice(),
            NodeValue::Null => &[],
            _ => {
                self.error(ParseError::new(
                    node.position,
                    format!("`services` must be a list, found {}", node.kind()),
                ));
                return Vec::new();
            }
        };
        let mut services = Vec::new();
        for item in items {
            let before = self.errors.len();
            let Some(fields) = self.mapping(item, &"a service") else { continue };
            self.check_keys(fields, SERVICE_KEYS, &"a service");
            // One listener per host: `host: [w1, w2]` (a sidecar or an exporter on several
            // hosts) is that many services, each located at its host's name.
            let mut hosts: Vec<Located<String>> = Vec::new();
            let mut name = None;
            let mut ports = Vec::new();
            let mut from = Vec::new();
            for (field, v) in fields {
                match field.name.as_str() {
                    // `from: null` is no `from`: the service stays closed, as a note says.
                    "from" if matches!(v.value, NodeValue::Null) => {}
                    "from" => from = self.endpoints(v),
                    "host" => hosts = self.strings(v, "`host`"),
                    "name" if matches!(v.value, NodeValue::Null) => {}
                    "name" => {
                        name = self
                            .string(v, "`name`")
                            .filter(|n| self.name_ok(n, v.position, "service"))
                    }
                    "ports" => ports = self.ports(v),
                    _ => {}
                }
            }
            if hosts.is_empty() {
                if self.errors.len() == before {
                    self.error(
                        ParseError::new(item.position, "a service has no `host`")
                            .help("add `host: <name of a host>` (or `host: [<host>, <host>]`)"),
                    );
                }
                continue;
            }
            if ports.is_empty() {
                if self.errors.len() > before {
                    continue;
                }
                self.error(
                    ParseError::new(item.position, "a service has no `ports`")
                        .help("add `ports: [8080/tcp]`"),
                );
                continue;
            }
            for host in hosts {
                let name = name.clone().unwrap_or_else(|| format!("service on {}", host.value));
                let (ports, from) = (ports.clone(), from.clone());
                services.push(Service { name, position: item.position, host, ports, from });
            }
        }
        services
    }

    fn ports(&mut self, node: &Node) -> Vec<Located<PortSpec>> {
        let items: Vec<&Node> = match &node.value {
            NodeValue::Sequence(items) => items.iter().collect(),
            // `ports: null` is the key left out: the caller says what that means (SSH for a
            // `management` entry, an error where ports are needed).
            NodeValue::Null => Vec::new(),
            _ => vec![node],
        };
        let mut out = Vec::new();
        for item in items {
            match &item.value {
                NodeValue::String(text) => match parse_port_spec(text) {
                    Ok(spec) => out.push(Located::new(spec, item.position)),
                    Err(error) => self.error(error.at(item.position)),
                },
                NodeValue::Integer(i) => self.error(
                    ParseError::new(item.position, format!("port `{i}` has no transport"))
                        .help(format!("write `{i}/tcp` or `{i}/udp`")),
                ),
                _ => self.error(ParseError::new(
                    item.position,
                    format!("a port must be a string like `443/tcp`, found {}", item.kind()),
                )),
            }
        }
        out
    }

    fn policy(&mut self, node: &Node) -> Vec<PolicyRule> {
        let items = match &node.value {
            NodeValue::Sequence(items) => items.as_slice(),
            NodeValue::Null => &[],
            _ => {
                self.error(ParseError::new(
                    node.position,
                    format!("`policy` must be a list of rules, found {}", node.kind()),
                ));
                return Vec::new();
            }
        };
        let mut rules = Vec::new();
        for item in items {
            let Some(fields) = self.mapping(item, &"a policy rule") else { continue };
            self.check_keys(fields, RULE_KEYS, &"a policy rule");
            let mut rule = PolicyRule {
                position: item.position,
                name: None,
                from: Vec::new(),
                to: Vec::new(),
                ports: Vec::new(),
                origin: None,
                held_by: Vec::new(),
            };
            let (mut has_from, mut has_to, mut has_ports) = (false, false, false);
            for (field, v) in fields {
                match field.name.as_str() {
                    // A script's `null` is the key left out (said below when it is needed).
                    "from" | "to" | "ports" | "name" | "comment" | "action"
                        if matches!(v.value, NodeValue::Null) => {}
                    "name" | "comment" => rule.name = self.string(v, "a rule name"),
                    "from" => {
                        has_from = true;
                        rule.from = self.endpoints(v);
                    }
                    "to" => {
                        has_to = true;
                        rule.to = self.endpoints(v);
                    }
                    "ports" => {
                        has_ports = true;
                        rule.ports = self.ports(v);
                    }
                    "action" => {
                        if let Some(action) = self.string(v, "`action`")
                            && !action.eq_ignore_ascii_case("allow")
                            && !action.eq_ignore_ascii_case("accept")
                        {
                            self.error(
                                ParseError::new(
                                    v.position,
                                    format!("action `{}` cannot be audited", printable(&action)),
                                )
                                .help(
                                    "list the allow rules only: everything else is taken as denied",
                                ),
                            );
                        }
                    }
                    _ => {}
                }
            }
            for (present, key, example) in [
                (has_from, "from", "from: internet"),
                (has_to, "to", "to: cp1"),
                (has_ports, "ports", "ports: [443/tcp]"),
            ] {
                if !present {
                    self.error(
                        ParseError::new(item.position, format!("a policy rule has no `{key}`"))
                            .help(format!("add `{example}`")),
                    );
                }
            }
            rules.push(rule);
        }
        rules
    }

    fn endpoints(&mut self, node: &Node) -> Vec<Located<PolicyEndpoint>> {
        let before = self.errors.len();
        let mut out = Vec::new();
        self.each_scalar(
            node,
            "a rule endpoint",
            &mut |reader, text, position| match parse_endpoint(text) {
                Ok(endpoint) => out.push(Located::new(endpoint, position)),
                Err(error) => reader.error(error.at(position)),
            },
        );
        if out.is_empty() && self.errors.len() == before {
            self.error(
                ParseError::new(node.position, "a rule endpoint list is empty")
                    .help("name a zone, a host, a CIDR or `any`"),
            );
        }
        out
    }
}

/// Keys of a group of machines (a Terraform module's `count`, an autoscaling group's sizes,
/// a Compose service's `replicas`): a host is one machine.
const GROUP_KEYS: &[&str] =
    &["count", "replicas", "instances", "size", "desired_capacity", "min_size", "max_size"];

impl Reader {
    /// An unknown key of a host that sizes a group (`count: 3`): its help says how a group
    /// is written, where "expected one of …" would have the key deleted and the group read
    /// as one machine holding every address.
    fn help_with_group_keys(&mut self, fields: &[(Key, Node)], from: usize, host: &str) {
        for (key, _) in fields.iter().filter(|(k, _)| GROUP_KEYS.contains(&k.name.as_str())) {
            let Some(error) =
                self.errors.iter_mut().skip(from).find(|e| e.position == key.position)
            else {
                continue;
            };
            error.help = Some(format!(
                "a host is one machine (its rules are its own): list each machine of the group as a host with its own address, e.g. `{name}-1: {{ zone: <zone>, address: <address>, roles: [...] }}` (a YAML anchor shares the common fields); a pool whose addresses are not known (autoscaled) is a zone `{{ cidrs: [<subnet>] }}` named in `clients`/`peers`",
                name = printable(host)
            ));
        }
    }
}

/// `hosts:` as a spreadsheet's lines, `- cp1 10.0.0.10 openlm/node`: the help writes the first
/// line as a host, since the generic "names as keys" example would be retyped by hand.
fn host_lines_error(node: &Node) -> Option<ParseError> {
    let NodeValue::Sequence(items) = &node.value else { return None };
    let first = items.first()?;
    let NodeValue::String(line) = &first.value else { return None };
    let mut words =
        line.split(|c: char| c.is_whitespace() || ",;|".contains(c)).filter(|w| !w.is_empty());
    let name = words.next()?;
    let (mut address, mut roles) = (None, Vec::new());
    for word in words {
        if address.is_none() && IpAddr::from_str(word).is_ok() {
            address = Some(word);
        } else if word.contains('/') {
            roles.push(printable(word));
        }
    }
    let address = address?;
    Some(
        ParseError::new(
            first.position,
            "`hosts` must be a mapping keyed by name, found a list of lines",
        )
        .help(format!(
            "write each line as a host with its zone: `{}: {{ zone: <zone>, address: {address}, roles: [{}] }}`",
            printable(name),
            roles.join(", ")
        )),
    )
}

/// `zone: [servers, dmz]`: a host with a NIC in each. Its rules hang on one zone; an address
/// in another zone's network is read as a second interface (P021), so the list is not needed.
fn zone_list_error(host: &dyn Display, position: Position, items: &[Node]) -> ParseError {
    let first = items.iter().find_map(|item| match &item.value {
        NodeValue::String(text) => Some(printable(text)),
        _ => None,
    });
    ParseError::new(position, format!("{host} has a list of zones; a host is in one zone"))
        .help(format!(
            "write the zone of its main interface (`zone: {}`) and list every address under `address`: an address in another zone's network is read as the host's interface there",
            first.unwrap_or_else(|| "<zone>".to_owned())
        ))
}

/// The help for a host written as a list: most often a role with the names of its hosts
/// (`openlm/node: [n1, n2]`, as a CMDB export lists them), which `hosts` cannot take.
fn host_list_help(name: &str, items: &[Node]) -> String {
    let first = items.iter().find_map(|item| match &item.value {
        NodeValue::String(text) => Some(printable(text)),
        _ => None,
    });
    match (name.contains('/'), first) {
        (true, first) => format!(
            "`hosts` is keyed by host name, and `{role}` reads as a role: list each host once with its roles, e.g. `{host}: {{ zone: <zone>, address: <address>, roles: [{role}] }}` (YAML anchors can share the common fields)",
            role = printable(name),
            host = first.unwrap_or_else(|| "cp1".to_owned())
        ),
        (false, _) => format!(
            "write the host as a mapping: `{}: {{ zone: <zone>, address: <address>, roles: [<platform/component>] }}`",
            printable(name)
        ),
    }
}

/// The help for an unknown top-level key holding an inventory group (Ansible's `all:` with
/// `children:` or `hosts:`): renaming it `x-…`, the usual help, would leave a topology
/// without hosts, which plans nothing and says nothing.
fn inventory_help(key: &str, value: &Node) -> Option<String> {
    let NodeValue::Mapping(entries) = &value.value else { return None };
    let group = entries.iter().any(|(k, _)| k.name == "children" || k.name == "hosts");
    group.then(|| {
        format!(
            "`{}` reads as an inventory group (`children:`/`hosts:`), which is not a topology: list each machine under a top-level `hosts:` with its `zone`, `address` (the inventory's `ansible_host`) and `roles`, and declare its networks under `zones:`",
            printable(key)
        )
    })
}

/// A section as `terraform output -json` writes each output, `{ sensitive, type, value }`:
/// its `value` (`type` is Terraform's description of that value, not data of the topology).
fn terraform_output_value(node: &Node) -> &Node {
    let NodeValue::Mapping(entries) = &node.value else { return node };
    let has = |name: &str| entries.iter().any(|(key, _)| key.name == name);
    let value = entries.iter().find(|(key, _)| key.name == "value").map(|(_, value)| value);
    match value {
        Some(value) if entries.len() == 3 && has("sensitive") && has("type") => value,
        _ => node,
    }
}

/// Keeps the first of values written twice: an export writing a host's primary `address`
/// and all its `addresses`, or a zone's `cidr` and `cidrs`, names one address once (it was
/// listed twice in every message, sheet and group). Through `order`'s one sort, not a hash set
/// per value type: the checker page's size.
pub(crate) fn first_of_each<T: Ord>(values: &mut Vec<Located<T>>) {
    crate::order::first_of_each_by(values, &|a, b| a.value.cmp(&b.value));
}

/// "host `cp1`" in messages, written only when a message is (not once per host read).
struct Named<'a>(&'static str, &'a str);

impl Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}`", self.0, printable(self.1))
    }
}

/// An error about a value, placed once its position is known.
#[derive(Debug)]
pub(crate) struct ValueError {
    message: String,
    help: Option<String>,
}

impl ValueError {
    fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), help: None }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn at(self, position: Position) -> ParseError {
        ParseError { position, message: self.message, help: self.help }
    }
}

/// `10.0.0.0/16`, `fd00::/64`, or a bare address (a /32 or /128). Host bits must be zero.
pub(crate) fn parse_cidr(text: &str) -> Result<IpNet, ValueError> {
    let trimmed = text.trim();
    if let Ok(address) = IpAddr::from_str(trimmed) {
        return Ok(IpNet::from(address));
    }
    let net = IpNet::from_str(trimmed).map_err(|_| {
        let error = ValueError::new(format!("`{}` is not a CIDR", printable(text)));
        // `fe80::%ens192/64` as `ip -6 route` prints it: a network has no zone index.
        let unscoped = trimmed.split_once('%').and_then(|(address, rest)| {
            let prefix = rest.split_once('/').map_or("", |(_, prefix)| prefix);
            let net = format!("{address}/{prefix}");
            IpNet::from_str(&net).is_ok().then_some(net)
        });
        match unscoped {
            Some(net) => error.help(format!("networks have no zone index (`%…`): write `{net}`")),
            None => error.help("write a network like `10.0.0.0/16` or `fd00::/64`"),
        }
    })?;
    if net.trunc() != net {
        return Err(ValueError::new(format!("`{}` has host bits set", printable(text)))
            .help(format!("did you mean `{}`?", net.trunc())));
    }
    Ok(net)
}

/// A zone's network as teams paste it from an IPAM or a firewall: a CIDR or an address
/// ([`parse_cidr`]), a range `10.1.0.0 - 10.1.0.255` (the CIDRs that make it up, exactly), a
/// netmask `10.1.0.0/255.255.255.0` or `10.1.0.0 255.255.255.0`, or several of them joined by
/// commas. Nothing is widened: host bits, a reversed range or a mask that is not one (a Cisco
/// wildcard `0.0.0.255`) is an error saying what to write.
pub(crate) fn parse_cidrs(text: &str) -> Result<Vec<IpNet>, ValueError> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match parse_cidr(part) {
            Ok(net) => out.push(net),
            Err(error) => out.extend(pasted_network(part).ok_or(error)??),
        }
    }
    if out.is_empty() {
        return parse_cidr(text).map(|net| vec![net]);
    }
    Ok(out)
}

/// A range or a netmask form of one network (`None`: neither; the CIDR error stands).
fn pasted_network(part: &str) -> Option<Result<Vec<IpNet>, ValueError>> {
    let bad = |message: String, help: String| Some(Err(ValueError::new(message).help(help)));
    if let Some((a, b)) = part.split_once('-') {
        let (a, b): (IpAddr, IpAddr) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        if a.is_ipv4() != b.is_ipv4() {
            return bad(
                format!("range `{}` mixes IPv4 and IPv6", printable(part)),
                "write one range per address family".to_owned(),
            );
        }
        if a > b {
            return bad(
                format!("range `{}` runs backwards", printable(part)),
                format!("write the lower address first: `{b} - {a}`"),
            );
        }
        return crate::audit::words::nets(&format!("{a}-{b}")).map(Ok);
    }
    // `10.1.0.0/255.255.255.0`, `10.1.0.0 255.255.255.0`.
    let (address, mask) = part.split_once('/').or_else(|| part.split_once(char::is_whitespace))?;
    let (address, mask): (IpAddr, IpAddr) =
        (address.trim().parse().ok()?, mask.trim().parse().ok()?);
    let (bits, width) = match mask {
        IpAddr::V4(m) => (u128::from(u32::from(m)), 32u32),
        IpAddr::V6(m) => (u128::from(m), 128u32),
    };
    // `10.2.0.7 0.0.0.0`: every address as a netmask, one host as a Cisco wildcard.
    if bits == 0 && !address.is_unspecified() {
        return bad(
            format!("`{}` has the mask `{mask}`, which is ambiguous", printable(part)),
            format!(
                "as a netmask it is every address, as a wildcard `{address}` alone: write `{address}/{width}` or `{}`",
                if address.is_ipv4() { "0.0.0.0/0" } else { "::/0" }
            ),
        );
    }
    // Ones then zeros: the ones at the top, the zeros all below them.
    let ones = (bits << (128 - width)).leading_ones();
    if bits != 0 && ones + bits.trailing_zeros() != width {
        // Zeros then ones: a Cisco ACL's wildcard, the netmask's inverse.
        let help = if bits.trailing_ones() == bits.count_ones() {
            let prefix = width - bits.count_ones();
            format!("`{mask}` is a wildcard (inverse) mask: write `{address}/{prefix}`")
        } else {
            "a netmask is ones then zeros, like `255.255.255.0`: write the network as a CIDR"
                .to_owned()
        };
        return bad(format!("`{}` has a mask that is not a netmask", printable(part)), help);
    }
    let net = crate::audit::words::net(&format!("{address}/{mask}"))?;
    if net.addr() != address {
        return bad(
            format!("`{}` has host bits set", printable(part)),
            format!("did you mean `{net}`?"),
        );
    }
    Some(Ok(vec![net]))
}

pub(crate) fn parse_address(text: &str) -> Result<IpAddr, ValueError> {
    let trimmed = text.trim();
    IpAddr::from_str(trimmed).map_err(|_| {
        let error =
            ValueError::new(format!("`{}` is not an IPv4 or IPv6 address", printable(text)));
        match (trimmed.split_once('/'), IpNet::from_str(trimmed)) {
            // `10.1.0.0/24`: a network, not one host with a prefix written after it.
            (_, Ok(net)) if net.trunc() == net && net.prefix_len() < net.max_prefix_len() => {
                // A pool the team knows only by its subnet (autoscaled workers): a host's rules
                // are per machine, so the pool is a zone, and each machine of it a host.
                error.help(format!(
                    "`{net}` is a network: a host needs its own address; networks go under a zone's `cidrs`. For a pool known only by its subnet (autoscaled nodes), declare a zone `{{ cidrs: [{net}] }}`, name it in `clients`/`peers`/services' `from`, and list each machine that runs a role as a host"
                ))
            }
            (Some((address, _)), _) if IpAddr::from_str(address).is_ok() => {
                error.help(format!("a host has addresses, not networks: write `{address}`"))
            }
            // `fe80::1%eth0` as `ip addr` prints it: rules match the address, never the scope.
            _ if trimmed.split_once('%').is_some_and(|(a, _)| IpAddr::from_str(a).is_ok()) => {
                let address = trimmed.split_once('%').map_or(trimmed, |(a, _)| a);
                let link_local = matches!(IpAddr::from_str(address), Ok(IpAddr::V6(a)) if a.segments()[0] & 0xffc0 == 0xfe80);
                error.help(format!(
                    "rules match addresses without a zone index: write `{address}`{}",
                    if link_local {
                        " (a link-local address is only valid on its link: prefer the host's global or ULA address)"
                    } else {
                        ""
                    }
                ))
            }
            // `10.50.1.256`: a generated list ran past .255.
            _ if octet_out_of_range(trimmed).is_some() => error.help(format!(
                "each of an IPv4 address's four numbers runs from 0 to 255, and `{}` is larger",
                octet_out_of_range(trimmed).unwrap_or_default()
            )),
            // `db1.corp.example`: rules match addresses, and core does no I/O to resolve it.
            _ if looks_like_host_name(trimmed) => error.help(format!(
                "host names are not resolved: write the address `{}` has, like `10.0.0.10` or `fd00::10`",
                printable(trimmed)
            )),
            _ => error.help("write an address like `10.0.0.10` or `fd00::10`"),
        }
    })
}

/// The part over 255 of an address written as four dotted numbers (`10.50.1.256`).
fn octet_out_of_range(text: &str) -> Option<&str> {
    let parts: Vec<&str> = text.split('.').collect();
    let numbers = parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit()));
    if !numbers {
        return None;
    }
    parts.into_iter().find(|p| p.parse::<u32>().is_ok_and(|n| n > 255))
}

/// `db1`, `db1.corp.example`: letters, digits, dots and dashes, with a letter somewhere.
fn looks_like_host_name(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && text.chars().any(|c| c.is_ascii_alphabetic())
}

/// `443/tcp`, `30000-32767/tcp`, `53/tcp+udp`, `tcp/443`, or `any` (every port, TCP and UDP).
pub(crate) fn parse_port_spec(text: &str) -> Result<PortSpec, ValueError> {
    let trimmed = text.trim();
    if trimmed.eq_ignore_ascii_case("any") || trimmed == "*" {
        let all = PortRange::new(1, 65535).map_err(|e| ValueError::new(e.to_string()))?;
        return Ok(PortSpec { ports: all, transport: Transports::TcpAndUdp });
    }
    if let Some(error) = published_mapping(trimmed) {
        return Err(error);
    }
    let Some((left, right)) = trimmed.split_once('/') else {
        return Err(ValueError::new(format!("port `{}` has no transport", printable(text)))
            .help(format!("write `{trimmed}/tcp` or `{trimmed}/udp`")));
    };
    // Either `443/tcp` or `tcp/443`.
    let (ports, transport) =
        if Transports::parse(left).is_some() && Transports::parse(right).is_none() {
            (right, left)
        } else {
            (left, right)
        };
    let transport = Transports::parse(transport).ok_or_else(|| {
        ValueError::new(format!(
            "unknown transport `{}` in `{}`",
            printable(transport),
            printable(text)
        ))
        .help("expected tcp, udp, sctp or tcp+udp")
    })?;
    let ports = PortRange::from_str(ports).map_err(|e| {
        ValueError::new(format!("`{}`: {e}", printable(text)))
            .help("ports run from 1 to 65535; a range is written `30000-32767`")
    })?;
    Ok(PortSpec { ports, transport })
}

/// `8080:80`, `127.0.0.1:8080:80/udp`: a port pasted from docker-compose or `docker run -p`,
/// the host's port then the container's. The host's is the one clients connect to; the other
/// is never seen on the host's address, so reading either silently could open the wrong port.
fn published_mapping(text: &str) -> Option<ValueError> {
    use crate::extract::publish_spec::{self, HostSide};
    let (mapping, transport) = match text.rsplit_once('/') {
        Some((mapping, transport)) => (mapping, Some(transport.trim())),
        None => (text, None),
    };
    // The one reader of `[IP:]HOST:CONTAINER` (the extractor's, for `docker run -p` and
    // Compose); a topology's mapping is a literal pair of ports, never a variable.
    let read = publish_spec::read(mapping.trim()).ok()?;
    let HostSide::Fixed { ports: host, default_of: None, .. } = read.host else { return None };
    let container = publish_spec::port_range(read.container.trim())?;
    let transport = transport.filter(|t| Transports::parse(t).is_some()).unwrap_or("tcp");
    Some(
        ValueError::new(format!(
            "`{}` maps the host's port {host} to the container's {container}: a topology names the port clients connect to",
            printable(text)
        ))
        .help(format!(
            "write `{host}/{transport}` (the published port; Docker forwards it to the container, see the rules' note on forwarded traffic)"
        )),
    )
}

pub(crate) fn parse_endpoint(text: &str) -> Result<PolicyEndpoint, ValueError> {
    let trimmed = text.trim();
    if trimmed.eq_ignore_ascii_case("any") || trimmed == "*" {
        return Ok(PolicyEndpoint::Any);
    }
    let looks_like_address = trimmed.contains(':')
        || trimmed.chars().next().is_some_and(|c| c.is_ascii_digit()) && trimmed.contains('.');
    if looks_like_address
        || trimmed.contains('/') && trimmed.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        return parse_cidr(trimmed).map(PolicyEndpoint::Cidr);
    }
    if trimmed.is_empty() {
        return Err(ValueError::new("a rule endpoint is empty")
            .help("name a zone, a host, a CIDR or `any`"));
    }
    Ok(PolicyEndpoint::Name(trimmed.to_owned()))
}

mod access;
mod host_files;
#[cfg(test)]
mod tests;
mod vips;
