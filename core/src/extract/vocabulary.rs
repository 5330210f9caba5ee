//! Every word list the extractor knows, in one place. A new header synonym, protocol or cue
//! phrase is one line here plus a test.

use crate::model::{Direction, Exposure, Necessity, Transport, Transports};
use std::borrow::Cow;
use std::sync::LazyLock;

/// What a table column holds, recognised from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    Port,
    /// The last port of a range whose first port has its own column (`Start port | End port`).
    PortEnd,
    Protocol,
    Direction,
    /// Who connects to the component (`Source`, `Allowed source`, `From`).
    Source,
    /// Who the component connects to (`Destination`, `To`).
    Destination,
    /// The other end, whichever way the row's direction runs (`Peer`, `Remote end`).
    Peer,
    Component,
    Necessity,
    /// Whether the row may be left out (`Optional`: TRUE / FALSE, Yes / No): a tick says
    /// optional, a cross says required — `Necessity` read the other way round.
    Optional,
    Exposure,
    Purpose,
    /// A diagram key number; kept out of the purpose.
    Key,
    /// The connecting side's own (ephemeral) ports (`Src. ports`, `Client port(s)`): no
    /// listener is there, so no requirement is made of them.
    SourcePort,
    /// A flow written as "A to B" (`Connections initiated`): A connects to B.
    Flow,
}

/// Header texts, lowercase, exact match after trimming and collapsing spaces.
const HEADERS: &[(&str, ColumnRole)] = &[
    ("port", ColumnRole::Port),
    ("ports", ColumnRole::Port),
    ("port range", ColumnRole::Port),
    ("port ranges", ColumnRole::Port),
    ("port number", ColumnRole::Port),
    ("port numbers", ColumnRole::Port),
    ("default port", ColumnRole::Port),
    ("default port number", ColumnRole::Port),
    ("default ports", ColumnRole::Port),
    // Hortonworks' HDFS table: "Service | Servers | Default Ports Used | Protocol | …".
    ("default ports used", ColumnRole::Port),
    ("default port used", ColumnRole::Port),
    ("port(s)", ColumnRole::Port),
    ("listening port", ColumnRole::Port),
    ("destination port", ColumnRole::Port),
    ("destination ports", ColumnRole::Port),
    ("dst port", ColumnRole::Port),
    ("start port", ColumnRole::Port),
    ("from port", ColumnRole::Port),
    ("port from", ColumnRole::Port),
    ("first port", ColumnRole::Port),
    ("min port", ColumnRole::Port),
    ("end port", ColumnRole::PortEnd),
    ("to port", ColumnRole::PortEnd),
    ("port to", ColumnRole::PortEnd),
    ("last port", ColumnRole::PortEnd),
    ("max port", ColumnRole::PortEnd),
    // What vendors write over their port columns (ECE, Consul, Exchange, Splunk …).
    ("inbound port", ColumnRole::Port),
    ("inbound ports", ColumnRole::Port),
    ("outbound port", ColumnRole::Port),
    ("outbound ports", ColumnRole::Port),
    ("listen port", ColumnRole::Port),
    ("listen ports", ColumnRole::Port),
    ("listening ports", ColumnRole::Port),
    ("ports used", ColumnRole::Port),
    ("port used", ColumnRole::Port),
    ("required ports", ColumnRole::Port),
    ("network port", ColumnRole::Port),
    ("network ports", ColumnRole::Port),
    ("protocol/port", ColumnRole::Port),
    ("protocol / port", ColumnRole::Port),
    ("protocol/ports", ColumnRole::Port),
    ("port/protocol", ColumnRole::Port),
    ("port / protocol", ColumnRole::Port),
    ("ports/protocols", ColumnRole::Port),
    ("port and protocol", ColumnRole::Port),
    ("ports and protocols", ColumnRole::Port),
    ("protocol and port", ColumnRole::Port),
    ("protocols and ports", ColumnRole::Port),
    ("port (protocol)", ColumnRole::Port),
    ("service port", ColumnRole::Port),
    ("service ports", ColumnRole::Port),
    // Splunk-style "Component | Communicates on | Listens on": each column holds the ports of
    // one direction (see `port_header_cues`).
    ("listens on", ColumnRole::Port),
    ("listening on", ColumnRole::Port),
    ("connects out on", ColumnRole::Port),
    ("connects on", ColumnRole::Port),
    ("communicates on", ColumnRole::Port),
    ("sends on", ColumnRole::Port),
    ("protocol", ColumnRole::Protocol),
    ("protocols", ColumnRole::Protocol),
    ("transport", ColumnRole::Protocol),
    ("proto", ColumnRole::Protocol),
    ("l4 protocol", ColumnRole::Protocol),
    ("ip protocol", ColumnRole::Protocol),
    ("tcp/udp", ColumnRole::Protocol),
    ("type", ColumnRole::Protocol),
    ("transport protocol", ColumnRole::Protocol),
    ("network protocol", ColumnRole::Protocol),
    ("protocol(s)", ColumnRole::Protocol),
    ("direction", ColumnRole::Direction),
    ("traffic direction", ColumnRole::Direction),
    ("flow", ColumnRole::Direction),
    // A daemon table's "Daemon | Port | Proto | Dir | Source / Destination".
    ("dir", ColumnRole::Direction),
    ("dir.", ColumnRole::Direction),
    ("source", ColumnRole::Source),
    ("peer", ColumnRole::Peer),
    ("peers", ColumnRole::Peer),
    ("remote end", ColumnRole::Peer),
    ("other end", ColumnRole::Peer),
    ("counterpart", ColumnRole::Peer),
    ("sources", ColumnRole::Source),
    ("allowed source", ColumnRole::Source),
    ("allowed sources", ColumnRole::Source),
    ("from", ColumnRole::Source),
    ("used by", ColumnRole::Source),
    ("allowed ip", ColumnRole::Source),
    ("allowed ips", ColumnRole::Source),
    ("source ip", ColumnRole::Source),
    ("source cidr", ColumnRole::Source),
    ("allowed cidrs", ColumnRole::Source),
    ("accessed by", ColumnRole::Source),
    ("source zone", ColumnRole::Source),
    ("source host", ColumnRole::Source),
    ("client", ColumnRole::Source),
    ("clients", ColumnRole::Source),
    ("initiator", ColumnRole::Source),
    ("source host role", ColumnRole::Source),
    ("source role", ColumnRole::Source),
    ("source node", ColumnRole::Source),
    ("connection from", ColumnRole::Source),
    ("connections from", ColumnRole::Source),
    ("from host", ColumnRole::Source),
    // Splunk's "Client instance | Server instance | Default ports": the server listens.
    ("client instance", ColumnRole::Source),
    ("client instances", ColumnRole::Source),
    ("originator", ColumnRole::Source),
    // "Receiver | Port | Sender" (a device manager's port table): the receiver listens.
    ("sender", ColumnRole::Source),
    ("senders", ColumnRole::Source),
    // A daemon table's "Consumers": who connects to the daemon.
    ("consumer", ColumnRole::Source),
    ("consumers", ColumnRole::Source),
    ("destination", ColumnRole::Destination),
    ("destinations", ColumnRole::Destination),
    ("to", ColumnRole::Destination),
    ("destination host", ColumnRole::Destination),
    ("destination zone", ColumnRole::Destination),
    ("remote", ColumnRole::Destination),
    ("target", ColumnRole::Destination),
    ("endpoint", ColumnRole::Destination),
    ("destination host role", ColumnRole::Destination),
    ("destination role", ColumnRole::Destination),
    ("destination node", ColumnRole::Destination),
    ("connects to", ColumnRole::Destination),
    ("to host", ColumnRole::Destination),
    ("server instance", ColumnRole::Destination),
    ("server instances", ColumnRole::Destination),
    ("receiver", ColumnRole::Destination),
    ("receivers", ColumnRole::Destination),
    ("node role", ColumnRole::Component),
    ("role", ColumnRole::Component),
    ("node", ColumnRole::Component),
    ("node type", ColumnRole::Component),
    ("service", ColumnRole::Component),
    ("services", ColumnRole::Component),
    ("component", ColumnRole::Component),
    ("subsystem", ColumnRole::Component),
    ("location", ColumnRole::Component),
    ("host", ColumnRole::Component),
    ("server", ColumnRole::Component),
    // Role-like headers name the host a row belongs to.
    ("host role", ColumnRole::Component),
    ("host roles", ColumnRole::Component),
    ("server role", ColumnRole::Component),
    ("server roles", ColumnRole::Component),
    ("node roles", ColumnRole::Component),
    ("node types", ColumnRole::Component),
    ("host type", ColumnRole::Component),
    ("server type", ColumnRole::Component),
    ("machine role", ColumnRole::Component),
    ("roles", ColumnRole::Component),
    ("hosts", ColumnRole::Component),
    ("servers", ColumnRole::Component),
    ("nodes", ColumnRole::Component),
    ("components", ColumnRole::Component),
    ("component name", ColumnRole::Component),
    ("service name", ColumnRole::Component),
    // "Application name | Port number | Description": the part that listens (a column of
    // protocol names is read as the purpose instead, see `service_column_names_protocols`).
    ("application name", ColumnRole::Component),
    ("instance", ColumnRole::Component),
    ("instance type", ColumnRole::Component),
    ("tier", ColumnRole::Component),
    ("required", ColumnRole::Necessity),
    ("requirement", ColumnRole::Necessity),
    ("necessity", ColumnRole::Necessity),
    ("mandatory", ColumnRole::Necessity),
    ("optional", ColumnRole::Optional),
    ("optional?", ColumnRole::Optional),
    ("is optional", ColumnRole::Optional),
    ("exposure", ColumnRole::Exposure),
    ("exposed", ColumnRole::Exposure),
    ("access requirement", ColumnRole::Exposure),
    ("access requirements", ColumnRole::Exposure),
    ("access", ColumnRole::Exposure),
    // "Port | Service | External" with `yes` / `no`: whether the port is reached from outside.
    ("external", ColumnRole::Exposure),
    ("externally accessible", ColumnRole::Exposure),
    ("internet facing", ColumnRole::Exposure),
    ("purpose", ColumnRole::Purpose),
    ("service description", ColumnRole::Purpose),
    ("description", ColumnRole::Purpose),
    ("usage description", ColumnRole::Purpose),
    ("usage", ColumnRole::Purpose),
    ("notes", ColumnRole::Purpose),
    ("note", ColumnRole::Purpose),
    ("comment", ColumnRole::Purpose),
    ("comments", ColumnRole::Purpose),
    ("details", ColumnRole::Purpose),
    ("used for", ColumnRole::Purpose),
    // "Required For | Name resolution": what the port is needed for, not whether it is (a
    // "TFTP Server (optional)" there was lost when the column was read as no column).
    ("required for", ColumnRole::Purpose),
    ("needed for", ColumnRole::Purpose),
    // Red Hat's "Port | When required": the cell says on which nodes and under what condition.
    ("when required", ColumnRole::Purpose),
    ("use", ColumnRole::Purpose),
    ("traffic type", ColumnRole::Purpose),
    ("what", ColumnRole::Purpose),
    ("function", ColumnRole::Purpose),
    ("reason", ColumnRole::Purpose),
    ("remarks", ColumnRole::Purpose),
    ("remark", ColumnRole::Purpose),
    ("explanation", ColumnRole::Purpose),
    ("information", ColumnRole::Purpose),
    ("name", ColumnRole::Purpose),
    ("feature", ColumnRole::Purpose),
    ("application", ColumnRole::Purpose),
    ("key", ColumnRole::Key),
    ("#", ColumnRole::Key),
    ("no.", ColumnRole::Key),
    ("ref", ColumnRole::Key),
    // ECE numbers its rows after a diagram ("| **Number** | **Host role** | …").
    ("number", ColumnRole::Key),
    ("no", ColumnRole::Key),
    ("item", ColumnRole::Key),
    // "Port name | Use | Protocol | Default port": a port's name ("DNS", "HTTP") is what the
    // row is, not a service name to read as a number.
    ("port name", ColumnRole::Purpose),
    ("port names", ColumnRole::Purpose),
    // Cisco's "Src. IP | Src. ports | Dest. IP | Dst. ports".
    ("src. ip", ColumnRole::Source),
    ("src ip", ColumnRole::Source),
    ("dest. ip", ColumnRole::Destination),
    ("dest ip", ColumnRole::Destination),
    ("dst. ip", ColumnRole::Destination),
    ("dst ip", ColumnRole::Destination),
    ("destination ip", ColumnRole::Destination),
    // IBM-style rule tables: "S/L IP | S/L Port | D/R IP | D/R Port" (source or local end,
    // destination or remote end).
    ("s/l ip", ColumnRole::Source),
    ("s/l port", ColumnRole::SourcePort),
    ("s/l ports", ColumnRole::SourcePort),
    ("d/r ip", ColumnRole::Destination),
    ("d/r port", ColumnRole::Port),
    ("d/r ports", ColumnRole::Port),
    ("who connects", ColumnRole::Source),
    // The VMware ports tool's "Product | Release | Port | … | Source | Target": the product
    // whose ports the row gives.
    ("product", ColumnRole::Component),
    // Jamf's "Connections initiated": "Managed devices to the management server".
    ("connections initiated", ColumnRole::Flow),
    ("connection initiated", ColumnRole::Flow),
    ("initiated", ColumnRole::Flow),
    // Exchange's "Data path | Required ports": "Hub Transport server to Edge Transport server".
    ("data path", ColumnRole::Flow),
    ("data paths", ColumnRole::Flow),
    // Consul's "Default status": Enabled / Disabled.
    ("default status", ColumnRole::Necessity),
    ("enabled by default", ColumnRole::Necessity),
];

/// Recognises a header cell. Besides the exact list, a header that *names* a protocol and a
/// port (`TCP (HTTPS)`, `HTTPS (tcp/443)`) is a protocol column: vendors title columns that way.
pub fn column_role(header: &str) -> Option<ColumnRole> {
    // "Proto- col", "Ser- vice": a header word a converter split at its soft hyphen, read
    // whole when the header as written names no column.
    role_of(header).or_else(|| super::split_words::joined(header).and_then(|h| role_of(&h)))
}

fn role_of(header: &str) -> Option<ColumnRole> {
    let normal = normalise(header);
    if let Some((_, role)) = HEADERS.iter().find(|(text, _)| *text == normal) {
        return Some(*role);
    }
    let words: Vec<&str> =
        normal.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // "Direction (seen from the node)", "Direction of traffic": the direction column.
    if words.len() <= 6 && words.first() == Some(&"direction") {
        return Some(ColumnRole::Direction);
    }
    // "Inbound/ Outbound", "Incoming / Outgoing": a column saying which way each row runs.
    if matches!(
        words.as_slice(),
        ["inbound", "outbound"] | ["incoming", "outgoing"] | ["in", "out"]
    ) {
        return Some(ColumnRole::Direction);
    }
    // "Source / Destination", "Source or destination", "From/To" beside a Direction column:
    // one column naming the caller of inbound rows and the called end of outbound ones.
    if let Some(role) = both_ends_header(&words) {
        return Some(role);
    }
    // "Src. ports", "Client port(s)", "Source port range": the caller's own ports.
    if words.len() <= 4
        && words.iter().any(|w| matches!(*w, "port" | "ports"))
        && words.first().is_some_and(|w| {
            matches!(*w, "source" | "src" | "client" | "clients" | "originating" | "local")
        })
    {
        return Some(ColumnRole::SourcePort);
    }
    // "TCP ports", "Inbound TCP port", "Destination port(s)": a header that ends on the word
    // port names the port column, whatever qualifies it.
    if words.len() <= 5
        && words.last().is_some_and(|w| matches!(*w, "port" | "ports" | "s" | "number" | "numbers"))
        && words.iter().any(|w| *w == "port" || *w == "ports")
    {
        return Some(ColumnRole::Port);
    }
    // "Port (TCP/UDP)": the port column, its transport in parentheses.
    if words.first().is_some_and(|w| *w == "port" || *w == "ports") {
        return Some(ColumnRole::Port);
    }
    if words.iter().any(|w| Transport::parse(w).is_some()) && words.len() <= 4 {
        return Some(ColumnRole::Protocol);
    }
    // "Zabbix component", "Source server", "Target node role": a role-like last word names the
    // host; a first word of source or destination says which side. "Node to node", "Client to
    // node" name a kind of traffic between two ends (a matrix's Yes/No column), not a host.
    if words.len() <= 4
        && !is_flow_label(&words)
        && words.last().is_some_and(|w| {
            matches!(
                *w,
                "component"
                    | "components"
                    | "role"
                    | "roles"
                    | "server"
                    | "servers"
                    | "node"
                    | "nodes"
                    | "host"
                    | "hosts"
                    | "machine"
                    | "system"
                    | "daemon"
                    | "daemons"
                    // GitLab Geo's "Source site | Destination site".
                    | "site"
                    | "sites"
            )
        })
    {
        return Some(match words.first().copied() {
            Some("source" | "from" | "src" | "client" | "originating") => ColumnRole::Source,
            Some("destination" | "target" | "to" | "dst" | "dest" | "remote") => {
                ColumnRole::Destination
            }
            _ => ColumnRole::Component,
        });
    }
    // "From (Sender)", "To (Listener)": a header glossed in parentheses is its first words'.
    if let Some((head, _)) = normal.split_once('(')
        && normal.ends_with(')')
        && !head.trim().is_empty()
    {
        return column_role(head.trim());
    }
    None
}

/// "Node to node", "client-to-node": two ends joined by "to", a kind of traffic.
pub fn is_flow_label(words: &[&str]) -> bool {
    words.len() >= 3 && words.iter().skip(1).take(words.len() - 2).any(|w| *w == "to")
}

/// A header naming both ends at once ("Source / Destination", "Destination or source",
/// "Src/Dst host"): the peer column, whichever way each row runs. A header naming one end
/// ("Source host") is left to the rules after it.
fn both_ends_header(words: &[&str]) -> Option<ColumnRole> {
    let source = |w: &str| matches!(w, "source" | "src" | "from");
    let destination = |w: &str| matches!(w, "destination" | "dest" | "dst" | "to" | "target");
    // "Source/destination host", "Source or destination IP": a trailing word saying what
    // names the end.
    let ends = match words {
        [ends @ .., last]
            if matches!(
                *last,
                "host"
                    | "hosts"
                    | "ip"
                    | "ips"
                    | "address"
                    | "addresses"
                    | "system"
                    | "node"
                    | "nodes"
                    | "zone"
                    | "zones"
                    | "role"
                    | "roles"
                    | "component"
                    | "components"
            ) =>
        {
            ends
        }
        ends => ends,
    };
    let pair = match ends {
        [a, b] | [a, "or" | "and", b] => (*a, *b),
        _ => return None,
    };
    let both = (source(pair.0) && destination(pair.1)) || (destination(pair.0) && source(pair.1));
    both.then_some(ColumnRole::Peer)
}

/// Port column headers that say which way the part's traffic runs though no prose cue does:
/// a part that "communicates on" a port (Splunk's `Communicates on | Listens on`) connects out.
const PORT_HEADER_DIRECTIONS: &[(&str, Direction)] = &[
    ("communicates on", Direction::Outbound),
    ("connects on", Direction::Outbound),
    ("sends on", Direction::Outbound),
    ("sends to", Direction::Outbound),
];

/// What a port column's header says about every row under it: "Inbound ports" (direction),
/// "UDP ports" (transport).
pub fn port_header_cues(header: &str) -> (Option<Direction>, Option<Transports>) {
    let normal = normalise(header);
    let transport = normal
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(Transports::parse)
        .reduce(|a, b| a.union(b).unwrap_or(a));
    let direction = direction_cue(&normal)
        .or_else(|| PORT_HEADER_DIRECTIONS.iter().find(|(h, _)| *h == normal).map(|(_, d)| *d));
    (direction, transport)
}

/// Header words of columns that count or measure (sizing tables): their numbers are no ports.
const QUANTITY_HEADER_WORDS: &[&str] = &[
    "cpu",
    "cpus",
    "vcpu",
    "vcpus",
    "core",
    "cores",
    "memory",
    "ram",
    "disk",
    "disks",
    "storage",
    "size",
    "gb",
    "gib",
    "mb",
    "mib",
    "tb",
    "tib",
    "count",
    "nodes",
    "replicas",
    "instances",
    "version",
    "versions",
    "year",
    "price",
    "cost",
    "quantity",
    "qty",
    "amount",
    "id",
    "limit",
    "timeout",
    "seconds",
    "minutes",
    "hours",
    "days",
    "percent",
    "weight",
    "priority",
    "order",
    "step",
    "level",
    "iops",
    "bandwidth",
    "mbps",
    "gbps",
    "users",
    "devices",
    "hosts",
    "servers",
    "vms",
    "threads",
    "connections",
    "max",
    "min",
    "minimum",
    "maximum",
    "days",
    "release",
];

/// True when a column header names a quantity ("vCPU", "Memory (GB)", "Disk"), not ports.
pub fn is_quantity_header(header: &str) -> bool {
    normalise(header)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| QUANTITY_HEADER_WORDS.contains(&w))
}

/// Words of headings that name a table rather than a part of the platform: "Ports table",
/// "Port information", "Required ports", "Inbound traffic". A heading made only of these is no
/// component name.
const GENERIC_HEADING_WORDS: &[&str] = &[
    "port",
    "ports",
    // "Ports to allow", "Cloud security group example": what the section shows, not a part.
    "allow",
    "example",
    "examples",
    "cloud",
    "table",
    "tables",
    "information",
    "info",
    "required",
    "requirements",
    "requirement",
    "network",
    "networking",
    "protocol",
    "protocols",
    "firewall",
    "rules",
    "rule",
    "traffic",
    "inbound",
    "outbound",
    "incoming",
    "outgoing",
    "ingress",
    "egress",
    "default",
    "defaults",
    "list",
    "reference",
    "prerequisites",
    "prerequisite",
    "and",
    "of",
    "the",
    "for",
    "used",
    "use",
    "usage",
    "open",
    "opening",
    "summary",
    "overview",
    "communication",
    "communications",
    "connectivity",
    // "## Endpoints", "## Traffic types": what the section lists, not a part.
    "endpoints",
    "types",
    "connections",
    "connection",
    "access",
    "details",
    "other",
    "additional",
    "optional",
    "all",
    "a",
    "to",
    "from",
    "by",
    "in",
    "on",
    "with",
    "tcp",
    "udp",
    "settings",
    "configuration",
    "requirements",
    "ip",
    "addresses",
    "address",
    "internal",
    "external",
    "common",
    "standard",
    "general",
    "system",
    "systems",
    "considerations",
    "important",
    "notes",
    "note",
    "see",
    "also",
    "number",
    "numbers",
    "range",
    "ranges",
    // "Security group rules", "Inbound rules of the security group": cloud firewall wording.
    "security",
    "group",
    "groups",
    // "Hardening", "Securing your network": advice on the ports given above, no new part.
    "hardening",
    "harden",
    "securing",
    "secure",
    "your",
    // "Ports by component": how the page is ordered, not a part of it.
    "component",
    "components",
    // "Ports you must open", "Ports we need": the reader is addressed, no part is named.
    "you",
    "must",
    "need",
    "needed",
    "should",
    "we",
    // "Optional services", "Other services": a category of ports, not one component.
    "service",
    "services",
    // "IPv6", "IPv4 and IPv6": an address family is a topic, not a component.
    "ipv4",
    "ipv6",
    "dual",
    "stack",
    // "Application ports for end users", "Administrative ports", "Media", "Signalling": who
    // the ports serve or what traffic they carry, not a part of the platform.
    "application",
    "administrative",
    "end",
    "user",
    "users",
    "media",
    "signalling",
    "signaling",
    // "What changed in 5.2", "Release notes": a changelog's sections name releases, not parts.
    "what",
    "changed",
    "change",
    "changes",
    "changelog",
    "release",
    "releases",
    "version",
    "versions",
];

/// Phrases of a changelog heading ("What changed in 5.2", "Release notes", "What's new in 13").
const CHANGELOG_PHRASES: &[&str] = &[
    "what changed",
    "changes in",
    "changed in",
    "changelog",
    "change log",
    "release notes",
    "what's new",
    "whats new",
    "what’s new",
    "new in",
    "version history",
    "revision history",
];

/// A heading over a changelog: the ports under it restate the page's, and belong to whichever
/// part the page gives them, not to the heading above the changelog.
pub fn is_changelog_heading(title: &str) -> bool {
    let normal = normalise(title);
    CHANGELOG_PHRASES.iter().any(|phrase| contains_phrase(&normal, phrase))
}

/// "Inbound to managers:", "Ingress to the worker nodes (from the swarm)": a table's title
/// that names the part it opens, the listening side of every row under it.
pub fn label_part(label: &str) -> Option<&str> {
    let trimmed = label.trim().trim_matches('*').trim().trim_end_matches(':').trim();
    let lower = trimmed.to_ascii_lowercase();
    let Some(opener) = ["inbound to ", "ingress to ", "incoming to ", "inbound traffic to "]
        .iter()
        .find(|o| lower.starts_with(**o))
    else {
        return part_before_way(trimmed);
    };
    let rest = trimmed.get(opener.len()..)?;
    let lower_rest = lower.get(opener.len()..)?;
    let end = [lower_rest.find(" from "), lower_rest.find('('), lower_rest.find(':')]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    let part = rest.get(..end)?.trim();
    (!part.is_empty()).then_some(part)
}

/// "Table 8.1. Hub Server incoming traffic", "Relay outgoing connections": a caption naming
/// the part before the way its rows run (two such tables on one page were both the page's).
fn part_before_way(caption: &str) -> Option<&str> {
    let text = if is_table_caption(caption) {
        let rest = caption.get("Table ".len()..)?;
        let number = rest.find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'))?;
        rest.get(number..)?.trim_start_matches([':', ' '])
    } else {
        caption
    };
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let [.., way, kind] = words.as_slice() else { return None };
    if !matches!(*way, "incoming" | "outgoing" | "inbound" | "outbound")
        || !matches!(*kind, "traffic" | "connections" | "ports")
    {
        return None;
    }
    let end = lower.rfind(way)?;
    let part = text.get(..end)?.trim();
    let named = part.split_whitespace().count();
    (named > 0 && named <= 4 && !part.chars().any(|c| c.is_ascii_digit())).then_some(part)
}

/// "Table 12. Incoming Firewall Connections": a numbered caption titles the one table after
/// it, never the rest of its section (a later caption that names no way must not inherit it).
pub fn is_table_caption(text: &str) -> bool {
    let trimmed = text.trim().trim_matches('*').trim_start();
    let Some(rest) = trimmed.strip_prefix("Table ").or_else(|| trimmed.strip_prefix("TABLE "))
    else {
        return false;
    };
    let digits = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-' || *c == '.').count();
    rest.chars().next().is_some_and(|c| c.is_ascii_digit())
        && rest.chars().nth(digits).is_none_or(|c| matches!(c, ' ' | ':' | '.'))
}

/// Words around a flow in a table's title: "Ports used for A to B communications".
const FLOW_TITLE_OPENERS: &[&str] =
    &["ports used for ", "ports required for ", "ports needed for ", "ports for "];
const FLOW_TITLE_CLOSERS: &[&str] =
    &[" communications", " communication", " traffic", " connections", " connectivity"];

/// The flow a table's title states, without what wraps it: "Table 3. Ports used for A to B
/// communications" and "Table 1 - A to B" give "A to B" (the caption's number and the words
/// around the flow would otherwise be read as the names of its ends).
pub fn title_flow(title: &str) -> &str {
    let mut flow = title.trim().trim_matches('*').trim();
    if is_table_caption(flow) {
        let rest = flow.get("Table ".len()..).unwrap_or("");
        let number = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'))
            .unwrap_or(rest.len());
        // "Table 3-2: …", "Table 3. …", "Table 1 - …".
        flow = rest.get(number..).unwrap_or("").trim_start_matches([' ', ':', '.', '-', '–']);
    }
    if let Some(opener) = FLOW_TITLE_OPENERS
        .iter()
        .find(|o| flow.get(..o.len()).is_some_and(|p| p.eq_ignore_ascii_case(o)))
    {
        flow = flow.get(opener.len()..).unwrap_or(flow);
    }
    if let Some(closer) = FLOW_TITLE_CLOSERS.iter().find(|c| {
        flow.len()
            .checked_sub(c.len())
            .and_then(|at| flow.get(at..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(c))
    }) {
        flow = flow.get(..flow.len() - closer.len()).unwrap_or(flow);
    }
    flow.trim()
}

/// Phrases of a row that gives the connecting side's own ports, not a listener's.
pub(super) const SOURCE_PORT_PHRASES: &[&str] =
    &["source port", "source ports", "ephemeral port", "ephemeral ports", "return traffic"];

/// "Source ports of recursive lookups", "Ephemeral ports for replies": a row's words that make
/// its ports the caller's own.
pub fn names_source_ports(cell: &str) -> bool {
    // Every phrase holds "port" or "traffic": a cell with neither in any ASCII case holds none
    // (no character outside ASCII lowercases into either word), and most cells are passed
    // here without a lowercase copy and five searches.
    if !contains_ignoring_ascii_case(cell, "port") && !contains_ignoring_ascii_case(cell, "traffic")
    {
        return false;
    }
    let lower = lowercase(cell);
    SOURCE_PORT_PHRASES.iter().any(|phrase| contains_phrase(&lower, phrase))
}

/// True when a heading names a table or a topic, not a component ("Ports table").
pub fn is_generic_heading(title: &str) -> bool {
    // "What network ports do I need to allow through my firewall?": a question names no part
    // (a one-part page's rows went to "what-network-ports-do-i-need-…").
    let normal = normalise(title);
    if title.trim_end().ends_with('?') {
        return true;
    }
    let words: Vec<&str> =
        normal.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| GENERIC_HEADING_WORDS.contains(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// A heading that states when its section applies ("If clustering is enabled", "HA only",
/// "When TLS is on"): a condition of the rows under it, not a component.
pub fn is_condition_heading(title: &str) -> bool {
    let normal = normalise(title);
    let normal = normal.trim_end_matches(|c: char| !c.is_alphanumeric());
    // "When to open ports" asks a question; it states no condition.
    let question = ["when to ", "when do ", "when does ", "if you need help"]
        .iter()
        .any(|p| normal.starts_with(p));
    !question
        && (["if ", "when ", "only if ", "only when ", "only with "]
            .iter()
            .any(|p| normal.starts_with(p))
            || (normal.ends_with(" only") && exposure_cue(title).is_none())
            || names_a_mode(normal))
}

/// "Ports for external mode", "Internal mode", "In standalone mode", "Cluster mode ports": a
/// heading naming the deployment mode its section applies in (ODF's, Vault's, Nomad's pages).
fn names_a_mode(normal: &str) -> bool {
    let mut words: Vec<&str> = normal.split_whitespace().collect();
    if words.last().is_some_and(|w| matches!(*w, "ports" | "port")) {
        words.pop();
    }
    let opener = [&["ports", "for"][..], &["ports", "in"], &["ports", "used", "in"], &["in"]]
        .into_iter()
        .find(|o| words.starts_with(o))
        .map_or(0, <[&str]>::len);
    let rest = words.get(opener..).unwrap_or_default();
    (2..=3).contains(&rest.len()) && rest.last() == Some(&"mode")
}

/// Names of deployment alternatives, (phrase as written lowercase, slug, display name).
const VARIANTS: &[(&str, &str, &str)] = &[
    ("on-premises", "on-premises", "On-premises"),
    ("on-premise", "on-premises", "On-premises"),
    ("on premises", "on-premises", "On-premises"),
    ("on premise", "on-premises", "On-premises"),
    ("on-prem", "on-premises", "On-premises"),
    ("on prem", "on-premises", "On-premises"),
    ("self-hosted", "self-hosted", "Self-hosted"),
    ("self hosted", "self-hosted", "Self-hosted"),
    ("self-managed", "self-managed", "Self-managed"),
    ("self managed", "self-managed", "Self-managed"),
    ("saas", "saas", "SaaS"),
    ("cloud", "cloud", "Cloud"),
    ("public cloud", "cloud", "Cloud"),
    ("private cloud", "private-cloud", "Private cloud"),
    ("hybrid", "hybrid", "Hybrid"),
    ("aws", "aws", "AWS"),
    ("amazon web services", "aws", "AWS"),
    ("amazon", "aws", "AWS"),
    ("azure", "azure", "Azure"),
    ("microsoft azure", "azure", "Azure"),
    ("gcp", "gcp", "GCP"),
    ("google cloud", "gcp", "GCP"),
    ("google cloud platform", "gcp", "GCP"),
    ("bare metal", "bare-metal", "Bare metal"),
    ("bare-metal", "bare-metal", "Bare metal"),
];

/// Words around a variant name in a heading or tab label: "AWS deployment", "For Azure",
/// "On-premises installation".
const VARIANT_FILLERS: &[&str] = &[
    "deployment",
    "deployments",
    "deploy",
    "deploying",
    "installation",
    "installations",
    "install",
    "installing",
    "environment",
    "environments",
    "edition",
    "editions",
    "only",
    "for",
    "on",
    "in",
    "with",
    "hosted",
    "host",
    "hosting",
    "setup",
    "option",
    "customers",
    "users",
    "platform",
    "infrastructure",
    "version",
    "machines",
    "machine",
    "servers",
    "nodes",
    "hosts",
    "private",
    "public",
    "a",
    "the",
    "an",
    "and",
    "model",
];

/// The deployment variant a heading or tab names, as (slug, name): the heading must be only a
/// variant name and filler words, so "Cloud connector ports" is no variant.
pub fn variant_of(title: &str) -> Option<(&'static str, &'static str)> {
    // "Private cloud (AWS)": the parenthetical is the more specific name.
    if let Some((_, inner)) = title.split_once('(')
        && let Some((inner, _)) = inner.split_once(')')
        && let Some(found) = variant_words(inner)
    {
        return Some(found);
    }
    variant_words(title)
}

fn variant_words(title: &str) -> Option<(&'static str, &'static str)> {
    let normal = normalise(title);
    let cleaned: String =
        normal.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { ' ' }).collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    // Later entries are the longer phrases ("google cloud" before "cloud").
    for (phrase, slug, name) in VARIANTS.iter().rev() {
        // (Compared word by word: a Vec of each phrase's words per heading was most of the
        // cost of a heading, issue 15.)
        let n = phrase.split(' ').count();
        if let Some(at) = (0..=words.len().saturating_sub(n))
            .find(|&i| words.get(i..i + n).is_some_and(|w| w.iter().copied().eq(phrase.split(' '))))
        {
            let rest_is_filler = words
                .iter()
                .enumerate()
                .filter(|(i, _)| *i < at || *i >= at + n)
                .all(|(_, w)| VARIANT_FILLERS.contains(w));
            if rest_is_filler {
                return Some((slug, name));
            }
        }
    }
    None
}

/// Lowercase, trimmed, inner whitespace collapsed, markdown emphasis removed.
pub fn normalise(text: &str) -> String {
    if !text.is_ascii() {
        return text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_matches(NORMALISE_TRIMMED)
            .to_lowercase();
    }
    // ASCII (nearly every header and cell): the same in one copy, lowercased as it is joined
    // (lowercasing neither makes nor changes a trimmed character).
    let mut joined = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    let trimmed = joined.trim_matches(NORMALISE_TRIMMED);
    if trimmed.len() == joined.len() { joined } else { trimmed.to_owned() }
}

const NORMALISE_TRIMMED: [char; 4] = ['*', '_', '`', ':'];

/// An application protocol and the transport it implies, when it implies exactly one.
pub struct AppProtocol {
    pub name: &'static str,
    pub transport: Option<Transport>,
}

/// Application protocols by the words documents use for them (lowercase).
/// `None` transport: the protocol runs over more than one (DNS, SNMP, syslog …).
const APP_PROTOCOLS: &[(&str, &str, Option<Transport>)] = &[
    ("https", "https", Some(Transport::Tcp)),
    ("http", "http", Some(Transport::Tcp)),
    ("http2", "http2", Some(Transport::Tcp)),
    ("grpc", "grpc", Some(Transport::Tcp)),
    ("wss", "wss", Some(Transport::Tcp)),
    ("ws", "ws", Some(Transport::Tcp)),
    ("websocket", "websocket", Some(Transport::Tcp)),
    ("websockets", "websocket", Some(Transport::Tcp)),
    ("ssh", "ssh", Some(Transport::Tcp)),
    ("sftp", "sftp", Some(Transport::Tcp)),
    ("scp", "scp", Some(Transport::Tcp)),
    ("ftp", "ftp", Some(Transport::Tcp)),
    ("ftps", "ftps", Some(Transport::Tcp)),
    ("telnet", "telnet", Some(Transport::Tcp)),
    ("smtp", "smtp", Some(Transport::Tcp)),
    ("smtps", "smtps", Some(Transport::Tcp)),
    ("starttls", "starttls", Some(Transport::Tcp)),
    ("imap", "imap", Some(Transport::Tcp)),
    ("imaps", "imaps", Some(Transport::Tcp)),
    ("pop3", "pop3", Some(Transport::Tcp)),
    ("pop3s", "pop3s", Some(Transport::Tcp)),
    ("ldap", "ldap", Some(Transport::Tcp)),
    ("ldaps", "ldaps", Some(Transport::Tcp)),
    ("amqp", "amqp", Some(Transport::Tcp)),
    ("amqps", "amqps", Some(Transport::Tcp)),
    ("mqtt", "mqtt", Some(Transport::Tcp)),
    ("nats", "nats", Some(Transport::Tcp)),
    ("nfs", "nfs", Some(Transport::Tcp)),
    ("smb", "smb", Some(Transport::Tcp)),
    ("cifs", "cifs", Some(Transport::Tcp)),
    ("rdp", "rdp", Some(Transport::Tcp)),
    ("vnc", "vnc", Some(Transport::Tcp)),
    ("bgp", "bgp", Some(Transport::Tcp)),
    ("iscsi", "iscsi", Some(Transport::Tcp)),
    ("mtls", "mtls", Some(Transport::Tcp)),
    ("tls", "tls", Some(Transport::Tcp)),
    ("ntp", "ntp", Some(Transport::Udp)),
    ("vxlan", "vxlan", Some(Transport::Udp)),
    ("wireguard", "wireguard", Some(Transport::Udp)),
    ("geneve", "geneve", Some(Transport::Udp)),
    ("tftp", "tftp", Some(Transport::Udp)),
    ("dhcp", "dhcp", Some(Transport::Udp)),
    ("quic", "quic", Some(Transport::Udp)),
    ("ike", "ike", Some(Transport::Udp)),
    // Database wire protocols, written in protocol columns ("3306 | MySQL").
    ("mysql", "mysql", Some(Transport::Tcp)),
    ("tds", "tds", Some(Transport::Tcp)),
    ("dns", "dns", None),
    ("snmp", "snmp", None),
    ("syslog", "syslog", None),
    ("kerberos", "kerberos", None),
    ("radius", "radius", None),
    ("sip", "sip", None),
];

pub fn app_protocol(word: &str) -> Option<AppProtocol> {
    APP_PROTOCOLS
        .iter()
        .find(|(text, _, _)| is_ascii_lower_of(word, text))
        .map(|(_, name, transport)| AppProtocol { name, transport: *transport })
}

/// Phrases by which a lead-in speaks for every port after it ("Every port in the matrix is
/// TCP", "All ports are UDP unless noted").
const BLANKET_PHRASES: &[&str] = &[
    "all ports",
    "every port",
    "all the ports",
    "each port",
    "all traffic",
    "all connections",
    "all port numbers",
    "every port number",
    // "Both ports are TCP." over a two-row table.
    "both ports",
    "both of them",
    // "the ports below, all of them TCP".
    "all of them",
    "all of which",
];

/// The one transport a lead-in sentence gives every port after it, if it does.
pub fn blanket_transport(text: &str) -> Option<Transports> {
    let lower = text.to_lowercase();
    if BLANKET_PHRASES.iter().any(|p| contains_affirmed(&lower, p)) {
        return one_transport_named(&lower);
    }
    // "Port numbers are TCP unless noted otherwise": that sentence alone speaks. One about
    // every port that names no transport ("Ports are incoming unless otherwise noted") leaves
    // the lead-in's own "opens these TCP ports" to speak.
    sentence_of_all_ports(&lower)
        .and_then(one_transport_named)
        .or_else(|| pointed_transport_ports(&lower))
}

/// The one transport a blanket sentence names, up to its hedge.
fn one_transport_named(lower: &str) -> Option<Transports> {
    // "All port numbers are TCP unless UDP is written beside them": the exception is the
    // row's to state; the rule is the transport before it.
    let lower = match transport_hedge(lower) {
        Some(at) => lower.get(..at).unwrap_or_default(),
        None => lower,
    };
    let mut found = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(Transport::parse)
        .collect::<Vec<_>>();
    found.dedup();
    match found.as_slice() {
        [one] => Some(Transports::One(*one)),
        _ => None,
    }
}

/// "Port numbers are TCP unless noted otherwise", "Ports are TCP.": a sentence whose subject
/// is the ports with no word narrowing them ("some", "these two") speaks of every port.
fn sentence_of_all_ports(lower: &str) -> Option<&str> {
    lower.split(['.', ';', '\n']).find(|sentence| {
        let words: Vec<&str> = sentence
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let subject = match words.as_slice() {
            ["the", rest @ ..] => rest,
            rest => rest,
        };
        matches!(subject, ["ports", "are", ..] | ["port", "numbers", "are", ..])
    })
}

/// Words by which a lead-in points at the ports after it ("the following TCP ports").
const POINTERS: &[&str] = &["following", "these", "below", "table", "list", "lists"];

/// "The following table lists the default TCP ports", "uses these TCP ports": a lead-in that
/// calls the ports after it `<transport> ports` gives them that transport (one sentence, one
/// transport named, and a word pointing at what follows).
fn pointed_transport_ports(lower: &str) -> Option<Transports> {
    lower.split(['.', ';']).find_map(|sentence| {
        let words: Vec<&str> = sentence
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut named: Vec<Transport> = words.iter().filter_map(|w| Transport::parse(w)).collect();
        named.dedup();
        let [one] = named.as_slice() else { return None };
        let called = words
            .windows(2)
            .any(|pair| Transport::parse(pair[0]).is_some() && matches!(pair[1], "port" | "ports"));
        (called && words.iter().any(|w| POINTERS.contains(w))).then_some(Transports::One(*one))
    })
}

/// Where an "unless …" that names a transport begins ("TCP unless UDP is written beside
/// it"): a hedge about the transport, not a condition on the port.
pub fn transport_hedge(lower: &str) -> Option<usize> {
    let at = find_short(lower, "unless ")?;
    let next: Vec<&str> = lower
        .get(at + "unless ".len()..)
        .unwrap_or_default()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    // "… unless the protocol column says otherwise": the row's own transport is the exception;
    // so is "unless noted otherwise", "unless a row says otherwise" (the row notes it).
    let otherwise = lower
        .get(at + "unless ".len()..)
        .unwrap_or_default()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .any(|w| w == "otherwise");
    // (Only after a transport it hedges: "Unless a note says otherwise, every port below must
    // be open" hedges the necessity that follows, not a transport.)
    let transport_before = lower
        .get(..at)
        .unwrap_or_default()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| Transport::parse(w).is_some());
    (otherwise && transport_before
        || next
            .iter()
            .any(|w| Transport::parse(w).is_some() || matches!(*w, "protocol" | "transport")))
    .then_some(at)
}

/// Words of a port cell without a number that says the port is picked at run time
/// ("Dynamic", "Chosen at start-up", "detected automatically"): a listener Portolan cannot
/// write a rule for until the port is fixed.
const UNSTATED_PORT_WORDS: &[&str] = &[
    "dynamic",
    "dynamically",
    "ephemeral",
    "random",
    "automatic",
    "automatically",
    "assigned",
    "chosen",
    "varies",
    "variable",
];

/// True when a port cell without digits says its port is chosen at run time.
pub fn is_unstated_port(cell: &str) -> bool {
    normalise(cell).split(|c: char| !c.is_alphanumeric()).any(|w| UNSTATED_PORT_WORDS.contains(&w))
}

/// Words of a port cell without digits that put the port elsewhere: "Provider dependent",
/// "Value from `spec.gateway.port`", "Configurable", "Set by the installer". A row nobody can
/// write a rule for until the number is looked up: said, never skipped as a mere statement.
const ELSEWHERE_PORT_WORDS: &[&str] = &[
    "dependent",
    "depends",
    "depending",
    "configurable",
    "configured",
    "value",
    "setting",
    "defined",
    "specified",
];

/// True when a port cell without digits says its port is set elsewhere (a provider, a setting).
pub fn is_port_set_elsewhere(cell: &str) -> bool {
    normalise(cell).split(|c: char| !c.is_alphanumeric()).any(|w| ELSEWHERE_PORT_WORDS.contains(&w))
}

/// Words in a port column's header that give another offering's port (`Managed-service port`,
/// `HCP-managed port`, `Cloud port`): not the ports of the deployment the page describes.
const OTHER_OFFERING_WORDS: &[&str] = &["managed", "hosted", "hcp", "saas", "cloud"];

/// True when a port column's header names another offering than the one the page describes.
pub fn is_other_offering_port_header(header: &str) -> bool {
    let normal = normalise(header);
    let words: Vec<&str> =
        normal.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| matches!(*w, "port" | "ports"))
        && words.iter().any(|w| OTHER_OFFERING_WORDS.contains(w))
        && !words.iter().any(|w| matches!(*w, "self" | "on" | "premises" | "default"))
}

/// Registered service names vendors write in a port column instead of the number ("ldaps",
/// "microsoft-ds"): (name, port, transport when the service has one).
const SERVICE_PORTS: &[(&str, u16, Option<Transport>)] = &[
    ("ftp", 21, Some(Transport::Tcp)),
    ("ssh", 22, Some(Transport::Tcp)),
    ("telnet", 23, Some(Transport::Tcp)),
    ("smtp", 25, Some(Transport::Tcp)),
    ("dns", 53, None),
    ("domain", 53, None),
    ("http", 80, Some(Transport::Tcp)),
    ("kerberos", 88, None),
    ("pop3", 110, Some(Transport::Tcp)),
    ("ntp", 123, Some(Transport::Udp)),
    ("msrpc", 135, Some(Transport::Tcp)),
    ("epmap", 135, Some(Transport::Tcp)),
    ("netbios-ssn", 139, Some(Transport::Tcp)),
    ("imap", 143, Some(Transport::Tcp)),
    ("snmp", 161, Some(Transport::Udp)),
    ("snmptrap", 162, Some(Transport::Udp)),
    ("ldap", 389, Some(Transport::Tcp)),
    ("https", 443, Some(Transport::Tcp)),
    ("microsoft-ds", 445, Some(Transport::Tcp)),
    ("smb", 445, Some(Transport::Tcp)),
    ("kpasswd", 464, None),
    ("syslog", 514, Some(Transport::Udp)),
    ("submission", 587, Some(Transport::Tcp)),
    ("ldaps", 636, Some(Transport::Tcp)),
    ("imaps", 993, Some(Transport::Tcp)),
    ("pop3s", 995, Some(Transport::Tcp)),
    ("rdp", 3389, Some(Transport::Tcp)),
    ("ms-wbt-server", 3389, Some(Transport::Tcp)),
];

/// Words of a condition about encryption: "8080/8443 if TLS is enabled" conditions the second
/// port of a plain/secure pair only (see `alternatives`).
pub const ENCRYPTION_WORDS: &[&str] =
    &["tls", "ssl", "https", "secure", "encrypted", "encryption", "ssl/tls", "mtls"];

/// The registered port (and transport) of a service name written in place of a port.
pub fn service_port(name: &str) -> Option<(u16, Option<Transport>)> {
    let lower = normalise(name);
    SERVICE_PORTS
        .iter()
        .find(|(n, _, _)| *n == lower)
        .map(|(_, port, transport)| (*port, *transport))
}

/// Cells of a per-transport column ("| Port | TCP | UDP |") that tick it, and that leave it
/// blank; anything else in such a column is not a tick.
const TICKS: &[&str] = &["✓", "✔", "✅", "☑", "x", "yes", "y", "●", "true"];
const NO_TICKS: &[&str] = &["", "✗", "✘", "❌", "no", "n", "-", "—", "–", "false"];

/// `Some(true)` for a tick, `Some(false)` for a blank or a cross, `None` for anything else.
pub fn tick(cell: &str) -> Option<bool> {
    let lower = normalise(cell);
    if TICKS.contains(&lower.as_str()) {
        Some(true)
    } else {
        NO_TICKS.contains(&lower.as_str()).then_some(false)
    }
}

/// Cells that repeat the cell above them (a merged cell flattened to markdown).
const DITTO_MARKS: &[&str] = &["〃", "\"", "''", "ditto", "same as above", "as above", "same", "^"];

/// The first bytes of the ASCII [`DITTO_MARKS`] (a test holds them to the list).
const DITTO_FIRST_BYTES: &[u8] = b"\"'dsa^";

pub fn is_ditto(cell: &str) -> bool {
    // Every cell of every table is asked (issue 15): an ASCII cell whose first character past
    // blanks and emphasis opens no mark is none, and is not copied by `normalise` to say so.
    if cell.is_ascii() {
        let first =
            cell.bytes().find(|b| !matches!(b, b'\t'..=b'\r' | b' ' | b'*' | b'_' | b'`' | b':'));
        if !first.is_some_and(|b| DITTO_FIRST_BYTES.contains(&b.to_ascii_lowercase())) {
            return false;
        }
    }
    DITTO_MARKS.contains(&normalise(cell).as_str())
}

/// Phrases saying a port is no longer used: its row or clause is history, not a requirement.
/// "deprecated" alone is not one (deprecated ports still work), nor "to be removed in v8".
pub(super) const RETIRED_CUES: &[&str] = &[
    "no longer used",
    "no longer needed",
    "no longer required",
    "no longer in use",
    "no longer open",
    // "releases 7.5 and later no longer use 2513": the verb's other forms (a version-bound
    // retirement is still one: the page describes the releases it documents).
    "no longer use",
    "no longer need",
    "no longer require",
    // "Legacy, not needed for brokers of release 7": kept for old installs only.
    "legacy, not needed",
    "legacy, not used",
    "legacy, not required",
    "legacy; not needed",
    "legacy - not needed",
    "not used anymore",
    "not used any more",
    "not needed anymore",
    "not needed any more",
    "removed in",
    "was removed",
    "were removed",
    "has been removed",
    "have been removed",
    "retired in",
    "was retired",
    "obsolete",
    // "1.x only; replaced by 4739 in 2.0": the row's port gave way to another.
    "replaced by",
    "superseded by",
    // "9092 - UNALLOCATED": a port a list names only to say nothing uses it.
    "unallocated",
    "not allocated",
    "unassigned",
    "kept free",
];

/// Verbs of a move: "the console moved from 8080 to 8443" (8080 is history, 8443 is no range's
/// end but the port now in use).
pub const MOVE_VERBS: &[&str] =
    &["moved", "changed", "migrated", "switched", "relocated", "moves", "move", "changes"];

/// Verbs that send one port on to another ("forward 514 to 5140", "redirect port 80 to
/// 8080"): the two ports of a mapping, never the range between them.
pub const REDIRECT_VERBS: &[&str] =
    &["forward", "forwards", "redirect", "redirects", "map", "maps", "remap", "translate"];

/// True when `text` says its port is retired ("9440 is no longer used", "removed in 5.2").
pub fn retired_cue(text: &str) -> bool {
    // ASCII text keeps its bytes' places when lowercased: it is scanned as written, its case
    // folded by the scan (most cells; no lowercase copy of each).
    let lower =
        if text.is_ascii() && RETIRED_SCAN.folds { Cow::Borrowed(text) } else { lowercase(text) };
    // Where each phrase's search resumes: past its last occurrence that was still in use
    // (occurrences of one phrase do not overlap, as a search from there finds them).
    let mut from = [0usize; RETIRED_CUES.len()];
    RETIRED_SCAN.any_occurrence(&lower, |phrase, start| {
        let Some((resume, phrase)) = from.get_mut(phrase).zip(RETIRED_CUES.get(phrase)) else {
            return false;
        };
        if start < *resume {
            return false;
        }
        let before = lower.get(..start).unwrap_or_default().trim_end();
        // "to be removed in v8", "will be replaced by": still in use today.
        if !(ends_with_folded(before, "to be") || ends_with_folded(before, "will be")) {
            return true;
        }
        *resume = start + phrase.len();
        false
    })
}

static RETIRED_SCAN: LazyLock<PhraseScan> = LazyLock::new(|| PhraseScan::new(RETIRED_CUES));

/// Words that, right after a number, say it counts something rather than names a port.
const UNIT_WORDS: &[&str] = &[
    "node",
    "nodes",
    "pod",
    "pods",
    "ip",
    "ips",
    "address",
    "addresses",
    "gb",
    "gib",
    "mb",
    "mib",
    "kb",
    "tb",
    "tib",
    "cpu",
    "cpus",
    "vcpu",
    "vcpus",
    "core",
    "cores",
    "replica",
    "replicas",
    "subnet",
    "subnets",
    "zone",
    "zones",
    "instance",
    "instances",
    "server",
    "servers",
    "machine",
    "machines",
    "vm",
    "vms",
    "disk",
    "disks",
    "user",
    "users",
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "ms",
    "s",
    "x",
    "times",
    "percent",
    "gateway",
    "gateways",
    "bit",
    "bits",
    "byte",
    "bytes",
    "step",
    "steps",
    "year",
    "years",
    "month",
    "months",
    "cluster",
    "clusters",
    "availability",
    "per",
    "worker",
    "workers",
    "master",
    "masters",
    "rule",
    "rules",
    "entries",
    "entry",
    "requests",
    "connections",
    "threads",
    "gbps",
    "mbps",
    "tables",
    "table",
    "characters",
    "items",
    "version",
    "versions",
    "release",
    "releases",
];

/// Verbs whose subject connects to their object: "the server polls the agent on 10050" (the
/// agent listens), "operators reach the dashboard on 3000". See `flow_verbs`.
pub const POLLING_VERBS: &[&str] = &[
    "poll",
    "polls",
    "polled",
    "query",
    "queries",
    "queried",
    "scrape",
    "scrapes",
    "scraped",
    "reach",
    "reaches",
    "reached",
    "contact",
    "contacts",
    "contacted",
    // "the node connects to the meeting cloud on 5061": the subject connects out.
    "connect",
    "connects",
    // "the forwarder sends its events to the indexers on 9997": the sender connects out, what
    // it sends to listens (Splunk's, Graylog's, syslog's wording). See `SENDING_VERBS`.
    "send",
    "sends",
    "forward",
    "forwards",
    // "client agents talk to the servers on 4647".
    "talk",
    "talks",
    // "Beats ship their events to Logstash on 5044", "Logstash writes the events to
    // Elasticsearch on 9200" (the newcomer's Elastic Stack, session 17): sending, with a "to".
    "ship",
    "ships",
    "write",
    "writes",
];

/// The polling verbs that send: they say who listens only with a "to" ("sends heartbeats on
/// 4145 between the nodes", "the daemons talk on 8199" name no listener).
pub const SENDING_VERBS: &[&str] =
    &["send", "sends", "forward", "forwards", "talk", "talks", "ship", "ships", "write", "writes"];

/// Words of a flow verb's side that are never its head noun: articles, quantifiers and
/// auxiliaries ("every relay must reach …"). See `flow_verbs::side_names`.
pub const NO_HEAD_WORDS: &[&str] = &[
    "the", "its", "their", "each", "every", "all", "any", "other", "and", "must", "should", "can",
    "could", "will", "would", "may", "might", "shall", "need", "needs", "also", "only", "always",
    "then", "still", "does", "not",
];

/// Prepositions that end the head of a flow verb's side ("the relay in each site": relay).
pub const HEAD_ENDING_PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "for", "with", "behind", "inside", "within", "across", "under", "via", "over",
];

/// Verbs whose subject listens: "the relay receives alerts on 8162" (the relay is reached),
/// "alerts are received by the relay on 8162". See `flow_verbs`. ("collects" is left out:
/// a collector that scrapes its targets is the one that connects.)
pub const RECEIVING_VERBS: &[&str] = &[
    "receive", "receives", "received", "accept", "accepts", "accepted", "ingest", "ingests",
    "ingested",
];

/// Verbs of a part's own port that open a clause of their own ("the agent listens on 9273 and
/// connects to the server on 7790"): with the flow verbs, what `is_clause_verb` knows.
const LISTENING_VERBS: &[&str] = &[
    "listen",
    "listens",
    "serve",
    "serves",
    "exposes",
    "binds",
    "opens",
    "pushes",
    "communicates",
];

/// A verb (lowercase, as written) that starts a clause saying which side connects: a flow
/// verb or a listening one. "and connects to …" after a port opens another clause, and the
/// subject of "the agent listens … and connects …" ends at the first such verb.
pub fn is_clause_verb(word: &str) -> bool {
    is_listening_verb(word) || POLLING_VERBS.contains(&word) || RECEIVING_VERBS.contains(&word)
}

/// "listens", "serve", "exposes": a verb whose subject is the side that listens.
pub fn is_listening_verb(word: &str) -> bool {
    LISTENING_VERBS.contains(&word)
}

/// A ports-tool export's `Classification` column (VMware's ports and protocols tool), or an
/// endpoint list's `Category` (Microsoft 365's `Optimize Required`, `Default Optional`): its
/// cells are read by what they say, a direction or a necessity. See `document.rs`.
pub fn is_classification_header(header: &str) -> bool {
    matches!(normalise(header).as_str(), "classification" | "port classification" | "category")
}

/// What a part "receives" that others send to it: it listens ("the relay receives alerts from
/// the agents on 8162"). Checked by `flow_verbs` for "receive" only: a part that accepts or
/// ingests is always the one reached.
pub const PUSHED_THINGS: &[&str] = &[
    "connection",
    "connections",
    "request",
    "requests",
    "traffic",
    "call",
    "calls",
    "message",
    "messages",
    "log",
    "logs",
    "syslog",
    "event",
    "events",
    "trap",
    "traps",
    "alert",
    "alerts",
    "report",
    "reports",
    "data",
    "metric",
    "metrics",
    "packet",
    "packets",
    "notification",
    "notifications",
    "webhook",
    "webhooks",
    "heartbeat",
    "heartbeats",
    "telemetry",
    "trace",
    "traces",
    "span",
    "spans",
    "record",
    "records",
    "result",
    "results",
    "upload",
    "uploads",
    "submission",
    "submissions",
    "callback",
    "callbacks",
    "session",
    "sessions",
    "probe",
    "probes",
    "query",
    "queries",
    "incoming",
    "inbound",
    "sent",
    "pushed",
    "forwarded",
    "posted",
    "uploaded",
    "streamed",
];

/// What a part "receives" by fetching it: it is the client, and the side it receives from
/// listens ("the agent receives its configuration from the server on 443": the agent connects
/// out). An answer to the part's own call is on the part's connection as well.
pub const FETCHED_THINGS: &[&str] = &[
    "configuration",
    "configurations",
    "config",
    "configs",
    "update",
    "updates",
    "definition",
    "definitions",
    "signature",
    "signatures",
    "policy",
    "policies",
    "file",
    "files",
    "package",
    "packages",
    "licence",
    "licences",
    "license",
    "licenses",
    "certificate",
    "certificates",
    "patch",
    "patches",
    "image",
    "images",
    "artifact",
    "artifacts",
    "artefact",
    "artefacts",
    "rule",
    "rules",
    "ruleset",
    "rulesets",
    "content",
    "binary",
    "binaries",
    "installer",
    "installers",
    "upgrade",
    "upgrades",
    "response",
    "responses",
    "reply",
    "replies",
    "token",
    "tokens",
    "list",
    "lists",
    "downloaded",
    "fetched",
    "pulled",
    "retrieved",
    "downloads",
];

/// Prepositions that introduce a bare port after a listening or connecting verb: "listens on
/// 9200", "connect over 8443", "reach it at 5601".
pub const PORT_PREPOSITIONS: &[&str] = &["on", "over", "via", "at"];

/// Verbs (as written) that make a sentence about a listener or a connection, so that a number
/// after "on"/"over" in it is a port.
const NETWORK_VERBS: &[&str] = &[
    "listen",
    "listens",
    "listening",
    "open",
    "connect",
    "connects",
    "connecting",
    "connections",
    "serve",
    "serves",
    "serving",
    "accept",
    "accepts",
    "accepting",
    "answer",
    "answers",
    "expose",
    "exposes",
    "exposed",
    "bind",
    "binds",
    "bound",
    "reach",
    "reaches",
    "reachable",
    "receive",
    "receives",
    "send",
    "sends",
    "talk",
    "talks",
    "communicate",
    "communicates",
    "available",
    "runs",
    "traffic",
    "requests",
    "probes",
];

/// Words that, right before a number, say it numbers something other than a port: "IP
/// protocol 50", "RFC 6335", "step 12", "version 10".
const NUMBERING_WORDS: &[&str] = &[
    "protocol",
    "rfc",
    "version",
    "release",
    "step",
    "section",
    "chapter",
    "figure",
    "table",
    // "[Note 3](#bkmk_note3)", "see note 2": a note's number (Microsoft's port tables).
    "note",
    "notes",
    "page",
    "item",
    "option",
    "phase",
    "level",
    "tier",
    "cve",
    "kb",
    "issue",
    "ticket",
    "build",
    "patch",
    "update",
    "sp",
    "line",
    "id",
    "vlan",
    "as",
    "asn",
    "number",
    "no",
    "error",
    "status",
    "code",
    "returns",
    "returned",
    "java",
    "jdk",
    "python",
    "node",
    "postgresql",
    "postgres",
    "mysql",
    "rhel",
    "centos",
    "debian",
    "ubuntu",
    "fedora",
    "kernel",
    "openssl",
    "tls",
];

/// Ports below 100 that documents name bare: a two-digit number in prose is otherwise far more
/// often a count or a version ("PostgreSQL 15") than a port, so only these are reported unread.
const WELL_KNOWN_LOW_PORTS: &[u64] = &[20, 21, 22, 23, 25, 53, 67, 68, 69, 80, 88];

pub fn is_well_known_low_port(value: u64) -> bool {
    WELL_KNOWN_LOW_PORTS.contains(&value)
}

pub fn is_numbering_word(word: &str) -> bool {
    NUMBERING_WORDS.iter().any(|w| is_ascii_lower_of(word, w))
}

/// Verbs that, right before a number, open it as a port: "Open 9090 and 9091", "allow 8443".
const OPENING_VERBS: &[&str] =
    &["open", "opens", "allow", "permit", "unblock", "forward", "expose"];

pub fn is_opening_verb(word: &str) -> bool {
    OPENING_VERBS.iter().any(|w| is_ascii_lower_of(word, w))
}

pub fn is_network_verb(word: &str) -> bool {
    NETWORK_VERBS.iter().any(|w| is_ascii_lower_of(word, w))
}

pub fn is_unit_word(word: &str) -> bool {
    UNIT_WORDS.iter().any(|w| is_ascii_lower_of(word, w))
}

/// `word.to_ascii_lowercase() == lower`, without making the lowercase copy (these lists are
/// asked about every word of every cell and sentence).
pub fn is_ascii_lower_of(word: &str, lower: &str) -> bool {
    word.len() == lower.len()
        && word.bytes().zip(lower.bytes()).all(|(w, l)| w.to_ascii_lowercase() == l)
}

/// `text.to_lowercase()`, borrowed when the text is lowercase ASCII already and copied
/// byte for byte when it is other ASCII: lowercasing every cell and sentence once per cue
/// table was a large part of extraction's cost (issue 15). Other text takes the Unicode path.
pub fn lowercase(text: &str) -> Cow<'_, str> {
    let mut upper = false;
    for b in text.bytes() {
        if !b.is_ascii() {
            return Cow::Owned(text.to_lowercase());
        }
        upper |= b.is_ascii_uppercase();
    }
    if upper { Cow::Owned(text.to_ascii_lowercase()) } else { Cow::Borrowed(text) }
}

/// Cue phrases, checked in order; the first that occurs (case-insensitive) wins. Negated and
/// conditional phrasings come first so that "required only for" is not read as "required".
const NECESSITY_CUES: &[(&str, Necessity)] = &[
    ("only required when", Necessity::Conditional),
    ("only required if", Necessity::Conditional),
    ("only required for", Necessity::Conditional),
    ("required only when", Necessity::Conditional),
    ("required only if", Necessity::Conditional),
    ("required only for deployments", Necessity::Conditional),
    ("needed only for", Necessity::Conditional),
    ("needed only when", Necessity::Conditional),
    ("only needed", Necessity::Conditional),
    // "Not needed when a hosted filter delivers your mail": needed unless that holds.
    ("not needed when", Necessity::Conditional),
    ("not needed if", Necessity::Conditional),
    ("not required when", Necessity::Conditional),
    ("not required if", Necessity::Conditional),
    ("if enabled", Necessity::Conditional),
    ("when enabled", Necessity::Conditional),
    // "Syslog collector (disabled by default)": there once someone turns it on.
    ("disabled by default", Necessity::Conditional),
    ("off by default", Necessity::Conditional),
    ("is switched on", Necessity::Conditional),
    ("is turned on", Necessity::Conditional),
    // "when that plugin is on": a port a plugin opens is there only with the plugin.
    ("plugin is on", Necessity::Conditional),
    ("plugin is enabled", Necessity::Conditional),
    ("plugin is installed", Necessity::Conditional),
    // "HTTPS, when a certificate is configured".
    ("when a certificate is", Necessity::Conditional),
    ("if not using", Necessity::Conditional),
    ("if using", Necessity::Conditional),
    ("unless", Necessity::Conditional),
    ("if you use", Necessity::Conditional),
    ("if you choose", Necessity::Conditional),
    ("when you choose", Necessity::Conditional),
    ("if you pick", Necessity::Conditional),
    ("when you pick", Necessity::Conditional),
    ("when you select", Necessity::Conditional),
    // "whichever you use", "whichever you run": one of several alternatives.
    ("whichever", Necessity::Conditional),
    ("if you enable", Necessity::Conditional),
    ("if you select", Necessity::Conditional),
    ("when you enable", Necessity::Conditional),
    ("if your deployment uses", Necessity::Conditional),
    ("if the platform", Necessity::Conditional),
    ("if configured", Necessity::Conditional),
    ("when configured", Necessity::Conditional),
    // "27018: when running with --shardsvr": the port of one role or start-up flag.
    ("when running with", Necessity::Conditional),
    ("when it runs with", Necessity::Conditional),
    ("when started with", Necessity::Conditional),
    ("when running as", Necessity::Conditional),
    ("when it runs as", Necessity::Conditional),
    ("only for", Necessity::Conditional),
    ("only with", Necessity::Conditional),
    ("only when", Necessity::Conditional),
    ("only if", Necessity::Conditional),
    ("dependent on configuration", Necessity::Conditional),
    // "Installation (temporary)", "open temporarily during the upgrade": needed for a step,
    // not for the running platform (a rule kept open after it is an exposure).
    ("temporary", Necessity::Conditional),
    ("temporarily", Necessity::Conditional),
    ("during installation", Necessity::Conditional),
    ("conditional", Necessity::Conditional),
    ("optional", Necessity::Optional),
    ("optionally", Necessity::Optional),
    ("not required", Necessity::Optional),
    ("can be omitted", Necessity::Optional),
    ("if you would like", Necessity::Optional),
    ("if you want", Necessity::Optional),
    ("recommended", Necessity::Recommended),
    ("must be open", Necessity::Required),
    ("must be reachable", Necessity::Required),
    ("must be available", Necessity::Required),
    ("need to be available", Necessity::Required),
    ("needs to be reachable", Necessity::Required),
    ("need to be reachable", Necessity::Required),
    ("should be open", Necessity::Required),
    ("must allow", Necessity::Required),
    ("must be exposed", Necessity::Required),
    ("must be able", Necessity::Required),
    ("must be allowed", Necessity::Required),
    ("needs to be open", Necessity::Required),
    ("need to be open", Necessity::Required),
    ("is required", Necessity::Required),
    ("are required", Necessity::Required),
    ("required ports", Necessity::Required),
    ("required", Necessity::Required),
    ("mandatory", Necessity::Required),
    ("are necessary", Necessity::Required),
    ("is necessary", Necessity::Required),
    // "Every relay must reach the broker on 5671": a connection the part cannot do without.
    ("must reach", Necessity::Required),
    ("must connect", Necessity::Required),
    ("needs to reach", Necessity::Required),
    ("need to reach", Necessity::Required),
];

/// Necessity as a table cell states it (`Yes`, `Optional`, `Conditional`).
const NECESSITY_CELLS: &[(&str, Necessity)] = &[
    ("yes", Necessity::Required),
    ("y", Necessity::Required),
    ("required", Necessity::Required),
    ("mandatory", Necessity::Required),
    ("must", Necessity::Required),
    ("true", Necessity::Required),
    ("✓", Necessity::Required),
    ("✔", Necessity::Required),
    ("no", Necessity::Optional),
    ("optional", Necessity::Optional),
    ("recommended", Necessity::Recommended),
    ("conditional", Necessity::Conditional),
    ("if enabled", Necessity::Conditional),
    ("sometimes", Necessity::Conditional),
    // "Default status: Disabled": open only once someone turns it on.
    ("disabled", Necessity::Conditional),
];

/// Exposure cues; internal phrasings first since they often contain the word "external".
const EXPOSURE_CUES: &[(&str, Exposure)] = &[
    ("internal only", Exposure::Internal),
    // "These further ports serve other features, inside the local network only:".
    ("local network only", Exposure::Internal),
    ("inside the local network", Exposure::Internal),
    ("within the local network", Exposure::Internal),
    ("internal-only", Exposure::Internal),
    ("not be exposed", Exposure::Internal),
    ("never be open", Exposure::Internal),
    ("never be exposed", Exposure::Internal),
    ("not be open to users", Exposure::Internal),
    ("not expose", Exposure::Internal),
    ("never expose", Exposure::Internal),
    ("not externally exposed", Exposure::Internal),
    ("not be open externally", Exposure::Internal),
    ("not recommended to open", Exposure::Internal),
    ("not need external", Exposure::Internal),
    ("no external exposure", Exposure::Internal),
    ("no public", Exposure::Internal),
    ("not publicly", Exposure::Internal),
    ("only be accessible within", Exposure::Internal),
    ("only inside the cluster", Exposure::Internal),
    ("only within the cluster", Exposure::Internal),
    ("inside the cluster only", Exposure::Internal),
    ("only reachable from inside", Exposure::Internal),
    ("accessed internally", Exposure::Internal),
    ("keep internal", Exposure::Internal),
    ("stays internal", Exposure::Internal),
    ("stay internal", Exposure::Internal),
    ("internal ports", Exposure::Internal),
    ("internal cluster", Exposure::Internal),
    ("cluster internal", Exposure::Internal),
    ("internal", Exposure::Internal),
    ("external ports", Exposure::External),
    ("external clients", Exposure::External),
    ("external traffic", Exposure::External),
    ("external users", Exposure::External),
    ("external entry point", Exposure::External),
    ("external access", Exposure::External),
    ("must be exposed", Exposure::External),
    ("exposed externally", Exposure::External),
    ("expose externally", Exposure::External),
    ("externally exposed", Exposure::External),
    ("external exposure", Exposure::External),
    ("from outside", Exposure::External),
    ("from the internet", Exposure::External),
    ("publicly", Exposure::External),
    ("public-facing", Exposure::External),
    ("public facing", Exposure::External),
    ("internet-facing", Exposure::External),
    ("external", Exposure::External),
];

/// Direction cues; two-way phrasings first.
const DIRECTION_CUES: &[(&str, Direction)] = &[
    ("inbound and outbound", Direction::Bidirectional),
    // Consul's and Cisco's "Incoming and outgoing".
    ("incoming and outgoing", Direction::Bidirectional),
    ("outgoing and incoming", Direction::Bidirectional),
    ("incoming/outgoing", Direction::Bidirectional),
    ("incoming, outgoing", Direction::Bidirectional),
    ("outbound and inbound", Direction::Bidirectional),
    ("in and out", Direction::Bidirectional),
    ("inbound/outbound", Direction::Bidirectional),
    ("in/out", Direction::Bidirectional),
    ("bi-directional", Direction::Bidirectional),
    ("bidirectional", Direction::Bidirectional),
    ("both directions", Direction::Bidirectional),
    ("to and from", Direction::Bidirectional),
    ("both", Direction::Bidirectional),
    ("inbound", Direction::Inbound),
    ("listens on", Direction::Inbound),
    ("listen on", Direction::Inbound),
    ("listening on", Direction::Inbound),
    // "accepts clients on 5672", "accepts connections on 8443".
    ("accepts connections", Direction::Inbound),
    ("accept connections", Direction::Inbound),
    ("accepts clients", Direction::Inbound),
    // "serves clients on its data port, 6379".
    ("serves clients", Direction::Inbound),
    ("serve clients", Direction::Inbound),
    ("accepts requests", Direction::Inbound),
    // "must accept TCP and UDP traffic on ports 24007 and 24008": every port of the clause.
    ("accept traffic", Direction::Inbound),
    ("accepts traffic", Direction::Inbound),
    ("accept tcp", Direction::Inbound),
    ("accepts tcp", Direction::Inbound),
    ("accept udp", Direction::Inbound),
    ("accepts udp", Direction::Inbound),
    // "Traffic must be able to reach the meeting server on these ports": it is reached.
    ("traffic must be able to reach", Direction::Inbound),
    ("traffic must reach", Direction::Inbound),
    // "must be reachable on the storage nodes", "reachable at 8443": someone else connects.
    ("reachable on", Direction::Inbound),
    ("reachable at", Direction::Inbound),
    ("incoming", Direction::Inbound),
    ("ingress", Direction::Inbound),
    // "8000/tcp: web interface for users": people are served, they never listen; the part
    // they reach does.
    ("for users", Direction::Inbound),
    ("for end users", Direction::Inbound),
    ("for browsers", Direction::Inbound),
    ("for administrators", Direction::Inbound),
    ("outbound", Direction::Outbound),
    ("connects out", Direction::Outbound),
    ("connect out", Direction::Outbound),
    ("outgoing", Direction::Outbound),
    ("egress", Direction::Outbound),
    ("inter-node", Direction::Internal),
    ("between nodes", Direction::Internal),
    ("node-to-node", Direction::Internal),
    // "the port mapper the nodes ask to find each other" (RabbitMQ's epmd, 4369): the parties
    // are the component's own hosts, not its clients (session 15: it was opened to the apps
    // zone through the VIP and not between the nodes). Discovery only: "talk to each other"
    // also opens sentences about a section's every port, clients' included.
    ("find each other", Direction::Internal),
    ("find one another", Direction::Internal),
    ("look each other up", Direction::Internal),
    ("discover each other", Direction::Internal),
    ("locate each other", Direction::Internal),
    ("between services", Direction::Internal),
    ("inside the cluster", Direction::Internal),
    ("within the cluster", Direction::Internal),
    ("internal", Direction::Internal),
];

/// Single words that are cues only in label-like text (a heading, a short cell): in a sentence,
/// "internal operators" or "sits behind the ingress" says nothing about the port.
const LABEL_ONLY: &[&str] = &["internal", "external", "both", "ingress", "egress"];

/// Label-like: a heading or cell of a few words, not a sentence.
pub fn is_label(text: &str) -> bool {
    // "Both ports are TCP.": a short sentence (three words or more, a full stop) is no label;
    // its "both" is not a way.
    if text.trim_end().ends_with('.') && text.split_whitespace().nth(2).is_some() {
        return false;
    }
    if !text.is_ascii() {
        return text.split_whitespace().nth(5).is_none();
    }
    // ASCII: words counted over bytes (the whitespace `split_whitespace` knows in ASCII).
    let mut words = 0;
    let mut in_word = false;
    for b in text.bytes() {
        let space = matches!(b, b'\t'..=b'\r' | b' ');
        if !space && !in_word {
            words += 1;
            if words > 5 {
                return false;
            }
        }
        in_word = !space;
    }
    true
}

/// Finds the first cue of `table` that occurs in `text` as whole words. `index` is the
/// table's [`PhraseIndex`]: only the phrases it names for the text are searched for.
fn first_cue<T: Copy>(table: &[(&str, T)], index: &PhraseIndex, text: &str) -> Option<T> {
    first_cue_in(table, index, &lowercase(text), is_label(text))
}

/// [`first_cue`] of a text already lowercased (`lower`), `label` when the text is label-like.
fn first_cue_in<T: Copy>(
    table: &[(&str, T)],
    index: &PhraseIndex,
    lower: &str,
    label: bool,
) -> Option<T> {
    index.first_match(lower, |i| cue_at(table, i, lower, label))
}

/// The value of phrase `i` of `table` when it occurs affirmed in `lower`.
fn cue_at<T: Copy>(table: &[(&str, T)], i: usize, lower: &str, label: bool) -> Option<T> {
    let (phrase, value) = table.get(i)?;
    ((label || !LABEL_ONLY.contains(phrase)) && contains_affirmed(lower, phrase)).then_some(*value)
}

/// The phrases of a list by their first word, to search a text only for the phrases that can
/// occur in it: searching every cue phrase in every heading, cell and sentence was the largest
/// cost of extraction (issue 15). A phrase that occurs bounded by non-alphanumerics begins
/// with a whole word of the text (its first run of alphanumerics), so a phrase whose first
/// word is not one of the text's cannot match: skipping it changes no result.
#[derive(Debug, Clone, Default)]
pub struct PhraseIndex {
    by_first_word: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Phrases that open with punctuation: no first word to look up, always searched.
    always: Vec<usize>,
    /// How many phrases.
    phrases: usize,
    /// Lengths (bit n: a first word of n bytes, the last bit for 63 and more) and first bytes
    /// of the first words: most words of a text are ruled out by these before hashing.
    word_lengths: u64,
    first_bytes: [u64; 4],
}

/// Phrases a [`PhraseIndex`] can mark in a fixed bit set; longer lists take the Vec path.
const MARKED_PHRASES: usize = 256;

type Marked = [u64; MARKED_PHRASES / 64];

fn mark(marked: &mut Marked, i: usize) {
    if let Some(bits) = marked.get_mut(i / 64) {
        *bits |= 1 << (i % 64);
    }
}

impl PhraseIndex {
    pub fn new<'p>(phrases: impl IntoIterator<Item = &'p str>) -> PhraseIndex {
        let mut index = PhraseIndex::default();
        for (i, phrase) in phrases.into_iter().enumerate() {
            index.phrases = i + 1;
            match phrase.split(|c: char| !c.is_alphanumeric()).next() {
                None | Some("") => index.always.push(i),
                Some(first) => {
                    index.word_lengths |= 1 << first.len().min(63);
                    if let Some(&byte) = first.as_bytes().first()
                        && let Some(bits) = index.first_bytes.get_mut(usize::from(byte / 64))
                    {
                        *bits |= 1 << (byte % 64);
                    }
                    index.by_first_word.entry(first.to_owned()).or_default().push(i)
                }
            }
        }
        index
    }

    /// The first candidate (in [`PhraseIndex::candidates`] order) for which `found` says
    /// something, without building the list: candidates are marked in a bit set on the stack,
    /// so a cue lookup allocates nothing.
    pub fn first_match<R>(&self, text: &str, found: impl FnMut(usize) -> Option<R>) -> Option<R> {
        if self.phrases > MARKED_PHRASES {
            return self.candidates(text).into_iter().find_map(found);
        }
        let mut marked = self.always_marked();
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            self.mark_word(word, &mut marked);
        }
        self.first_marked(&marked, found)
    }

    /// The phrases searched for in every text, marked.
    fn always_marked(&self) -> Marked {
        let mut marked = [0u64; MARKED_PHRASES / 64];
        self.always.iter().for_each(|&i| mark(&mut marked, i));
        marked
    }

    /// The phrases whose first word is `word` (ASCII) lowercased, lowercased on the stack in
    /// `buffer` only when its length and first letter are some first word's.
    fn phrases_opened_by<'s>(&'s self, word: &[u8], buffer: &mut [u8; 64]) -> &'s [usize] {
        let Some(first) = word.first() else { return &[] };
        if !self.may_open(first.to_ascii_lowercase(), word.len()) {
            return &[];
        }
        let found = match buffer.get_mut(..word.len()) {
            Some(lower) => {
                for (to, from) in lower.iter_mut().zip(word) {
                    *to = from.to_ascii_lowercase();
                }
                std::str::from_utf8(lower).ok().and_then(|lower| self.by_first_word.get(lower))
            }
            // Longer than the buffer: looked up as a lowercase copy.
            None => self.by_first_word.get(&String::from_utf8_lossy(word).to_ascii_lowercase()),
        };
        found.map_or(&[], Vec::as_slice)
    }

    /// Marks the phrases whose first word is `word`.
    fn mark_word(&self, word: &str, marked: &mut Marked) {
        if self.may_be_key(word)
            && let Some(phrases) = self.by_first_word.get(word)
        {
            phrases.iter().for_each(|&i| mark(marked, i));
        }
    }

    /// `found` of the marked phrases in ascending order, until it says something.
    fn first_marked<R>(
        &self,
        marked: &Marked,
        mut found: impl FnMut(usize) -> Option<R>,
    ) -> Option<R> {
        for (block, bits) in marked.iter().enumerate() {
            let mut bits = *bits;
            while bits != 0 {
                let i = block * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let Some(result) = found(i) {
                    return Some(result);
                }
            }
        }
        None
    }

    /// False when `word` is certainly no first word of a phrase (its length or first byte is
    /// no key's).
    fn may_be_key(&self, word: &str) -> bool {
        word.as_bytes().first().is_some_and(|&byte| self.may_open(byte, word.len()))
    }

    /// False when no key opens with `byte` or has `len` bytes.
    fn may_open(&self, byte: u8, len: usize) -> bool {
        self.word_lengths & (1 << len.min(63)) != 0
            && self
                .first_bytes
                .get(usize::from(byte / 64))
                .is_some_and(|bits| bits & (1 << (byte % 64)) != 0)
    }

    /// The positions, ascending, of the phrases that may occur in `text` as whole words;
    /// every other phrase of the list does not.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let mut found = self.always.clone();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            if let Some(phrases) = self.by_first_word.get(word) {
                found.extend_from_slice(phrases);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

fn cue_index<T>(table: &[(&'static str, T)]) -> PhraseIndex {
    PhraseIndex::new(table.iter().map(|(phrase, _)| *phrase))
}

static NECESSITY_INDEX: LazyLock<PhraseIndex> = LazyLock::new(|| cue_index(NECESSITY_CUES));
static EXPOSURE_INDEX: LazyLock<PhraseIndex> = LazyLock::new(|| cue_index(EXPOSURE_CUES));
static DIRECTION_INDEX: LazyLock<PhraseIndex> = LazyLock::new(|| cue_index(DIRECTION_CUES));

/// Words that deny the cue right after them: "they need no inbound port" says nothing inbound.
const NEGATIONS: &[&str] = &["no", "not", "never", "without"];

/// `contains_phrase`, but an occurrence right after a negation does not count.
fn contains_affirmed(haystack: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(found) = find_short(&haystack[from..], phrase) {
        let start = from + found;
        let end = start + phrase.len();
        let before_ok = haystack[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = haystack[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        let negated = || {
            haystack[..start]
                .split(|c: char| !c.is_alphanumeric())
                .rev()
                .find(|w| !w.is_empty())
                .is_some_and(|w| NEGATIONS.contains(&w))
        };
        if before_ok && after_ok && !negated() {
            return true;
        }
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// `haystack.find(needle)` for the short cells and phrases extraction compares: `str::find`
/// sets up a two-way searcher per call, which was most of the cost of cue matching (millions
/// of calls for a large corpus). A byte match of a UTF-8 needle starts on a char boundary.
/// The needle's first byte is found with `memchr` (a paragraph's sentences are searched for
/// each cue phrase their words may start: hundreds of bytes each, visited one by one before).
pub fn find_short(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else { return Some(0) };
    let last_start = hay.len().checked_sub(needle.len())?;
    let mut at = 0;
    while at <= last_start {
        let offset = memchr::memchr(first, &hay[at..=last_start])?;
        let start = at + offset;
        if &hay[start + 1..start + needle.len()] == rest {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// True when `needle` (lowercase ASCII) occurs in `haystack` in any ASCII case, without a
/// lowercase copy of the haystack: a cheap test that a text may hold a phrase list's phrases
/// before the list is searched (issue 15: every cell of every row was lowercased for lists
/// it almost never holds).
pub fn contains_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else { return true };
    let Some(last_start) = hay.len().checked_sub(needle.len()) else { return false };
    let mut at = 0;
    while let Some(window) = hay.get(at..=last_start) {
        let Some(offset) = memchr::memchr2(first, first.to_ascii_uppercase(), window) else {
            return false;
        };
        let start = at + offset;
        if hay.get(start + 1..start + needle.len()).is_some_and(|r| r.eq_ignore_ascii_case(rest)) {
            return true;
        }
        at = start + 1;
    }
    false
}

/// True when `phrase` occurs in `haystack` (both lowercase) bounded by non-alphanumerics.
/// Role-cell texts that mean every host of the platform rather than a role named "all".
const EVERY_HOST: &[&str] = &[
    "all",
    "all hosts",
    "all host",
    "every host",
    "each host",
    "all nodes",
    "every node",
    "each node",
    "all machines",
    "every machine",
    "all roles",
    "any host",
    "any node",
    "all agents",
    "every agent",
    "each agent",
    "all servers",
    "every server",
    "all instances",
    "every instance",
    "all members",
    "all systems",
];

/// Words of a cell naming the outside world rather than a host ("Internet (any)", "Any",
/// "0.0.0.0/0"); at least one of the first group must be there.
const OUTSIDE_WORLD: &[&str] =
    &["internet", "any", "anywhere", "everywhere", "world", "0.0.0.0/0", "::/0"];
const OUTSIDE_FILLERS: &[&str] = &["the", "public", "host", "hosts", "address", "addresses", "ip"];

/// A source or destination cell naming the internet or any address, not a host of the page.
pub fn is_outside_world(cell: &str) -> bool {
    let normal = normalise(cell);
    let words: Vec<&str> = normal
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| OUTSIDE_WORLD.contains(w))
        && words.iter().all(|w| OUTSIDE_WORLD.contains(w) || OUTSIDE_FILLERS.contains(w))
}

/// "224.1.1.2", "10.0.0.0/8": an IPv4 address or network written as the other end of a
/// row, which no component of the page is.
pub fn is_address_literal(cell: &str) -> bool {
    let cell = cell.trim().trim_matches('`');
    let address = cell
        .split_once('/')
        .map_or(cell, |(a, mask)| if mask.parse::<u8>().is_ok_and(|m| m <= 32) { a } else { "" });
    let parts: Vec<&str> = address.split('.').collect();
    parts.len() == 4 && parts.iter().all(|p| p.parse::<u8>().is_ok())
}

/// A role cell saying "All", "All hosts", "Every host", "All nodes".
pub fn is_every_host(cell: &str) -> bool {
    let normal = normalise(cell);
    EVERY_HOST.contains(&normal.trim_end_matches('.'))
}

pub fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(found) = find_short(&haystack[from..], phrase) {
        let start = from + found;
        let end = start + phrase.len();
        let before_ok = haystack[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = haystack[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Hedges that sound like conditions but state none: "Unless a note says otherwise, every port
/// must be open" is a requirement with exceptions written elsewhere, not a conditional one.
const HEDGES: &[&str] = &[
    "unless a note says otherwise",
    "unless noted otherwise",
    "unless otherwise noted",
    "unless otherwise stated",
    "unless stated otherwise",
    "unless otherwise specified",
    "unless specified otherwise",
    "unless otherwise indicated",
    "unless indicated otherwise",
    // A default the reader may change: "6379 unless you change it" is still the port to open.
    "unless you change it",
    "unless you change them",
    "unless you change the default",
    "unless you change that",
    "unless configured otherwise",
    "unless you configure another",
    "unless you configure it otherwise",
    "unless changed",
];

pub fn necessity_cue(text: &str) -> Option<Necessity> {
    necessity_in(&lowercase(text), is_label(text))
}

/// [`necessity_cue`] of a text already lowercased (`lower`), `label` when it is label-like.
fn necessity_in(lower: &str, label: bool) -> Option<Necessity> {
    let general = super::hedges::without_default_hedges(lower);
    if general.is_some() || HEDGE_SCAN.any_occurrence(lower, |_, _| true) {
        let mut plain = general.unwrap_or_else(|| lower.to_owned());
        for hedge in HEDGES {
            plain = plain.replace(hedge, " ");
        }
        first_cue(NECESSITY_CUES, &NECESSITY_INDEX, &plain)
    } else {
        first_cue_in(NECESSITY_CUES, &NECESSITY_INDEX, lower, label)
    }
}

static HEDGE_SCAN: LazyLock<PhraseScan> = LazyLock::new(|| PhraseScan::new(HEDGES));

/// Necessity, direction and exposure cues of one text (what `Cues::from_text` reads), its
/// words looked up once in [`CUE_INDEX`] for the three tables.
pub fn text_cues(text: &str) -> (Option<Necessity>, Option<Direction>, Option<Exposure>) {
    if text.is_ascii() && CUE_INDEX.always.is_empty() {
        ascii_text_cues(text)
    } else {
        general_text_cues(text)
    }
}

/// [`text_cues`] of any text: lowercased, its words marking the phrases to search for.
fn general_text_cues(text: &str) -> (Option<Necessity>, Option<Direction>, Option<Exposure>) {
    let lower = lowercase(text);
    let label = is_label(text);
    let mut marked = CUE_INDEX.always_marked();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        CUE_INDEX.mark_word(word, &mut marked);
    }
    let [necessity, direction, exposure] = CUE_TABLES.map(|range| only_in(&marked, range));
    let necessity = if find_short(&lower, "unless ").is_some() {
        necessity_in(&lower, label)
    } else {
        CUE_INDEX.first_marked(&necessity, |i| cue_at(NECESSITY_CUES, i, &lower, label))
    };
    let [_, direction_from, exposure_from] = CUE_TABLES.map(|range| range.start);
    (
        necessity,
        CUE_INDEX
            .first_marked(&direction, |i| cue_at(DIRECTION_CUES, i - direction_from, &lower, label))
            .or_else(|| accepts_sent(&lower)),
        CUE_INDEX
            .first_marked(&exposure, |i| cue_at(EXPOSURE_CUES, i - exposure_from, &lower, label)),
    )
}

/// [`text_cues`] of an ASCII text in one pass over its words, with no lowercase copy: a phrase
/// that occurs as whole words begins at a word equal to its first word, so each phrase is
/// compared only where such a word stands, not searched for through the text (a text with
/// "if" or "for" in it was searched once per phrase opening with them, byte by byte for the
/// phrase's first letter: most of the cost of every cell's cues, issue 15). Each table's cue
/// is its lowest phrase that occurs affirmed, as [`first_cue_in`] finds it. The text is
/// lowercased only for a hedge or an "accept" word, read as before.
fn ascii_text_cues(text: &str) -> (Option<Necessity>, Option<Direction>, Option<Exposure>) {
    let bytes = text.as_bytes();
    // Per table, the lowest phrase (by position in `CUE_INDEX`) found affirmed so far.
    let mut best = CUE_TABLES.map(|range| range.end);
    let mut label = None;
    // "unless " anywhere (every hedge opens with it; `necessity_in` reads hedged texts), and
    // a word `accepts_sent` reads.
    let (mut unless, mut accept) = (false, false);
    let mut previous: &[u8] = &[];
    let mut buffer = [0u8; 64];
    let mut at = 0;
    for word in bytes.split(|b| !b.is_ascii_alphanumeric()) {
        let start = at;
        at += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        if word.len() >= 6 {
            unless |= bytes.get(start + word.len()) == Some(&b' ')
                && word
                    .get(word.len() - 6..)
                    .is_some_and(|end| end.eq_ignore_ascii_case(b"unless"));
            accept |= ["accept", "accepts", "accepted", "accepting"]
                .iter()
                .any(|form| word.eq_ignore_ascii_case(form.as_bytes()));
        }
        for &i in CUE_INDEX.phrases_opened_by(word, &mut buffer) {
            let Some(table) = CUE_TABLES.iter().position(|range| range.contains(&i)) else {
                continue;
            };
            let Some(phrase) = cue_phrase(i) else { continue };
            let phrase = phrase.as_bytes();
            let end = start + phrase.len();
            let found = best.get(table).is_some_and(|&b| i < b)
                && bytes.get(start..end).is_some_and(|here| here.eq_ignore_ascii_case(phrase))
                && !bytes.get(end).is_some_and(u8::is_ascii_alphanumeric)
                && !NEGATIONS.iter().any(|n| previous.eq_ignore_ascii_case(n.as_bytes()))
                && (!LABEL_ONLY.iter().any(|l| l.as_bytes() == phrase)
                    || *label.get_or_insert_with(|| is_label(text)));
            if found && let Some(b) = best.get_mut(table) {
                *b = i;
            }
        }
        previous = word;
    }
    let [necessity_from, direction_from, exposure_from] = CUE_TABLES.map(|range| range.start);
    let [necessity, direction, exposure] = best;
    let necessity = if unless {
        necessity_in(&lowercase(text), is_label(text))
    } else {
        NECESSITY_CUES.get(necessity - necessity_from).map(|(_, n)| *n)
    };
    let direction = DIRECTION_CUES
        .get(direction - direction_from)
        .map(|(_, d)| *d)
        .or_else(|| accept.then(|| accepts_sent(&lowercase(text))).flatten());
    let exposure = EXPOSURE_CUES.get(exposure - exposure_from).map(|(_, e)| *e);
    (necessity, direction, exposure)
}

/// Phrase `i` of [`CUE_INDEX`].
fn cue_phrase(i: usize) -> Option<&'static str> {
    let [necessity, direction, exposure] = CUE_TABLES;
    if necessity.contains(&i) {
        NECESSITY_CUES.get(i).map(|(phrase, _)| *phrase)
    } else if direction.contains(&i) {
        DIRECTION_CUES.get(i - direction.start).map(|(phrase, _)| *phrase)
    } else {
        EXPOSURE_CUES.get(i.checked_sub(exposure.start)?).map(|(phrase, _)| *phrase)
    }
}

/// The three cue tables' phrases in one index (necessity, then direction, then exposure, at
/// the positions [`CUE_TABLES`] gives): a text's words are looked up once, not once per table.
static CUE_INDEX: LazyLock<PhraseIndex> = LazyLock::new(|| {
    PhraseIndex::new(
        (NECESSITY_CUES.iter().map(|(phrase, _)| *phrase))
            .chain(DIRECTION_CUES.iter().map(|(phrase, _)| *phrase))
            .chain(EXPOSURE_CUES.iter().map(|(phrase, _)| *phrase)),
    )
});

// The three tables' phrases fit one bit set (`text_cues` marks them all in one).
const _: () = assert!(CUE_TABLES[2].end <= MARKED_PHRASES, "the cue tables outgrew `Marked`");

/// Where each table's phrases sit in [`CUE_INDEX`].
const CUE_TABLES: [std::ops::Range<usize>; 3] = {
    let direction = NECESSITY_CUES.len();
    let exposure = direction + DIRECTION_CUES.len();
    [0..direction, direction..exposure, exposure..exposure + EXPOSURE_CUES.len()]
};

/// The marks of `marked` within `range`, the others cleared.
fn only_in(marked: &Marked, range: std::ops::Range<usize>) -> Marked {
    let mut only = *marked;
    for (block, bits) in only.iter_mut().enumerate() {
        let (low, high) = (block * 64, block * 64 + 64);
        let from = range.start.clamp(low, high) - low;
        let to = range.end.clamp(low, high) - low;
        // Bits `from..to` of this block (none when the range misses it).
        let keep = if from >= to { 0 } else { (u64::MAX >> (64 - (to - from))) << from };
        *bits &= keep;
    }
    only
}

/// Every occurrence of a list's phrases in a text, found in one pass: at each byte only the
/// phrases that begin with it are compared. Searching phrase after phrase through every cell
/// (retired and hedge phrases) cost a pass of the text per phrase (issue 15).
struct PhraseScan {
    /// Phrase positions by first byte (both ASCII cases when the scan folds case).
    by_first_byte: Vec<Vec<usize>>,
    phrases: Vec<&'static [u8]>,
    /// No phrase has an ASCII capital: the scan ignores ASCII case, so an ASCII text need not
    /// be lowercased first (a lowercase text matches as it would exactly).
    folds: bool,
    /// The shortest phrase's length: a shorter text holds none.
    shortest: usize,
    /// The bytes some phrase begins with (both cases when folding), when there are at most
    /// three: the text is then searched for them with `memchr`, not visited byte by byte (the
    /// hedge phrases all begin with `unless`, and every cue text is scanned for them).
    few_first_bytes: Option<Vec<u8>>,
    /// The first two bytes of every phrase (both ASCII cases of each when folding), one bit per
    /// byte pair; `None` when a phrase is shorter than two bytes. The retired phrases begin
    /// with a dozen common letters, and comparing every phrase of a letter at each of them was
    /// most of the scan of every table cell: a pair no phrase opens with is passed at once.
    first_pairs: Option<Box<[u64; 1024]>>,
}

/// `byte` in both ASCII cases when `folds` (once when it has no case).
fn cases(byte: u8, folds: bool) -> impl Iterator<Item = u8> {
    let other = (folds && byte.is_ascii_alphabetic()).then_some(byte ^ 0x20);
    std::iter::once(byte).chain(other)
}

/// The bit of the byte pair `(a, b)` in `PhraseScan::first_pairs`.
fn pair_bit(a: u8, b: u8) -> (usize, u64) {
    let pair = usize::from(a) << 8 | usize::from(b);
    (pair / 64, 1 << (pair % 64))
}

impl PhraseScan {
    fn new(phrases: &[&'static str]) -> PhraseScan {
        let folds = phrases.iter().all(|p| !p.bytes().any(|b| b.is_ascii_uppercase()));
        let mut by_first_byte = vec![Vec::new(); 256];
        for (i, phrase) in phrases.iter().enumerate() {
            let Some(&first) = phrase.as_bytes().first() else { continue };
            let mut firsts = vec![first];
            if folds && first.is_ascii_lowercase() {
                firsts.push(first.to_ascii_uppercase());
            }
            for b in firsts {
                if let Some(list) = by_first_byte.get_mut(usize::from(b)) {
                    list.push(i);
                }
            }
        }
        let firsts: Vec<u8> = (0..=u8::MAX)
            .filter(|&b| by_first_byte.get(usize::from(b)).is_some_and(|l| !l.is_empty()))
            .collect();
        let few_first_bytes = (1..=3).contains(&firsts.len()).then_some(firsts);
        let mut first_pairs = Box::new([0u64; 1024]);
        for phrase in phrases.iter().filter(|p| !p.is_empty()) {
            let &[a, b, ..] = phrase.as_bytes() else {
                first_pairs = Box::new([u64::MAX; 1024]);
                break;
            };
            for (a, b) in cases(a, folds).flat_map(|a| cases(b, folds).map(move |b| (a, b))) {
                let (word, bit) = pair_bit(a, b);
                if let Some(w) = first_pairs.get_mut(word) {
                    *w |= bit;
                }
            }
        }
        let all_pairs = first_pairs.iter().all(|&w| w == u64::MAX);
        PhraseScan {
            by_first_byte,
            phrases: phrases.iter().map(|p| p.as_bytes()).collect(),
            folds,
            shortest: phrases.iter().map(|p| p.len()).filter(|&n| n > 0).min().unwrap_or(0),
            few_first_bytes,
            first_pairs: (!all_pairs).then_some(first_pairs),
        }
    }

    /// Calls `visit(phrase, start)` for every occurrence, by ascending start (phrases of one
    /// start in list order), until it returns true; whether it did. (A match begins with the
    /// phrase's first byte, which never sits inside a UTF-8 character: `start` is a char
    /// boundary.) Empty phrases are never visited. `text` is lowercase, or ASCII when the
    /// scan folds case.
    fn any_occurrence(&self, text: &str, mut visit: impl FnMut(usize, usize) -> bool) -> bool {
        let hay = text.as_bytes();
        if hay.len() < self.shortest {
            return false;
        }
        let opens = |start: usize, b: u8| match (&self.first_pairs, hay.get(start + 1)) {
            (None, _) => true,
            (Some(pairs), Some(&next)) => {
                let (word, bit) = pair_bit(b, next);
                pairs.get(word).is_some_and(|w| w & bit != 0)
            }
            // Every phrase has two bytes or more: none starts at the last byte.
            (Some(_), None) => false,
        };
        let mut at = |start: usize, b: u8| {
            opens(start, b)
                && self.by_first_byte.get(usize::from(b)).is_some_and(|list| {
                    list.iter().any(|&i| {
                        self.phrases.get(i).is_some_and(|phrase| {
                            hay.get(start..start + phrase.len()).is_some_and(|here| {
                                if self.folds {
                                    here.eq_ignore_ascii_case(phrase)
                                } else {
                                    here == *phrase
                                }
                            }) && visit(i, start)
                        })
                    })
                })
        };
        // Only where a phrase can begin (ascending, as the byte-by-byte visit below).
        let at_found = |start: usize| hay.get(start).is_some_and(|&b| at(start, b));
        match self.few_first_bytes.as_deref() {
            Some(&[a]) => memchr::memchr_iter(a, hay).any(at_found),
            Some(&[a, b]) => memchr::memchr2_iter(a, b, hay).any(at_found),
            Some(&[a, b, c]) => memchr::memchr3_iter(a, b, c, hay).any(at_found),
            _ => hay.iter().enumerate().any(|(start, &b)| at(start, b)),
        }
    }
}

/// `text.ends_with(suffix)` ignoring ASCII case (`suffix` lowercase).
fn ends_with_folded(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text
            .as_bytes()
            .get(text.len() - suffix.len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// The fast paths above against the plain code they replaced, on texts in several scripts
/// and cases: each must give the same answer.
#[cfg(test)]
mod fast_path_tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "",
        "Port 9440 is no longer used",
        "TO BE REMOVED IN v8; was removed in 5.2",
        "Will be replaced by 4739, replaced by 4740",
        "ÜBER Obsolete ports – İstanbul ΣΊΣΥΦΟΣ",
        "not needed anymore (not needed any more)",
        "Required only if HA; unless otherwise noted, Inbound from the Internet",
        "Optional: do not expose externally. No inbound port.",
        "ingress egress internal external both",
        "the hosts need no outbound access",
        "unless a note says otherwise every port must be open",
    ];

    /// What `retired_cue` was: each phrase searched for in turn.
    fn retired_cue_before(text: &str) -> bool {
        let lower = text.to_lowercase();
        RETIRED_CUES.iter().any(|phrase| {
            let mut from = 0;
            while let Some(found) = find_short(&lower[from..], phrase) {
                let start = from + found;
                let before = lower[..start].trim_end();
                if !(before.ends_with("to be") || before.ends_with("will be")) {
                    return true;
                }
                from = start + phrase.len();
            }
            false
        })
    }

    /// What `first_cue` was: the candidate list built, then searched.
    fn first_cue_before<T: Copy>(
        table: &[(&str, T)],
        index: &PhraseIndex,
        text: &str,
    ) -> Option<T> {
        let lower = text.to_lowercase();
        let label = text.split_whitespace().count() <= 5;
        index
            .candidates(&lower)
            .into_iter()
            .filter_map(|i| table.get(i))
            .filter(|(phrase, _)| label || !LABEL_ONLY.contains(phrase))
            .find(|(phrase, _)| contains_affirmed(&lower, phrase))
            .map(|(_, value)| *value)
    }

    fn variants() -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for text in TEXTS {
            texts.extend([text.to_string(), text.to_uppercase(), text.to_lowercase()]);
        }
        let cue_phrases = NECESSITY_CUES
            .iter()
            .map(|(p, _)| *p)
            .chain(DIRECTION_CUES.iter().map(|(p, _)| *p))
            .chain(EXPOSURE_CUES.iter().map(|(p, _)| *p));
        for phrase in cue_phrases {
            texts.extend([
                format!("Ports {} for Ü", phrase.to_uppercase()),
                format!("never {phrase}, but {phrase}"),
            ]);
        }
        for phrase in RETIRED_CUES.iter().chain(HEDGES) {
            texts.extend([
                phrase.to_string(),
                format!("to be {phrase}"),
                format!("x{phrase}y {phrase}"),
                // Either case of the first two bytes (the scan's pair filter folds both).
                format!("Port 9440: {}", phrase.to_uppercase()),
                format!(
                    "{}{}",
                    phrase.get(..1).unwrap_or("").to_uppercase(),
                    phrase.get(1..).unwrap_or("")
                ),
                format!(
                    "{}{}",
                    phrase.get(..1).unwrap_or(""),
                    phrase.get(1..).unwrap_or("").to_uppercase()
                ),
            ]);
        }
        texts
    }

    /// The pair filter passes only positions where some phrase's first two bytes are, in
    /// either ASCII case when the scan folds; a one-byte phrase turns it off.
    #[test]
    fn phrase_scan_pair_filter_keeps_every_occurrence() {
        let found = |scan: &PhraseScan, text: &str| {
            let mut all = Vec::new();
            scan.any_occurrence(text, |phrase, start| {
                all.push((phrase, start));
                false
            });
            all
        };
        let scan = PhraseScan::new(&["no longer", "é-x", "kept free"]);
        assert!(scan.first_pairs.is_some());
        assert_eq!(found(&scan, "No Longer used; KEPT free; é-x"), [(0, 0), (2, 16), (1, 27)]);
        assert_eq!(found(&scan, "nothing kept here, n"), []);
        let exact = PhraseScan::new(&["Legacy", "x"]);
        assert!(exact.first_pairs.is_none());
        assert_eq!(found(&exact, "legacy Legacy x"), [(0, 7), (1, 14)]);
        let cased = PhraseScan::new(&["Legacy", "old"]);
        assert_eq!(found(&cased, "legacy Legacy OLD old"), [(0, 7), (1, 18)]);
    }

    /// The memchr path of `PhraseScan` is the one the hedges take (the tests below compare
    /// its answers with plain searches), the byte-by-byte one the retired phrases'.
    #[test]
    fn hedge_scan_searches_for_its_first_bytes() {
        assert_eq!(HEDGE_SCAN.few_first_bytes.as_deref(), Some(&b"Uu"[..]));
        assert!(RETIRED_SCAN.few_first_bytes.is_none());
    }

    #[test]
    fn normalise_of_ascii_is_the_general_normalise() {
        let general = |text: &str| {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .trim_matches(['*', '_', '`', ':'])
                .to_lowercase()
        };
        let mut texts = variants();
        texts.extend(
            ["  **Port** ", ":_x_:", "*", "", " \t ", "`TCP`  /  `UDP`:", "A\n b"]
                .map(String::from),
        );
        for text in texts {
            assert_eq!(normalise(&text), general(&text), "{text:?}");
        }
    }

    #[test]
    fn lowercase_is_to_lowercase() {
        for text in variants() {
            assert_eq!(lowercase(&text), text.to_lowercase(), "{text:?}");
        }
    }

    #[test]
    fn label_word_count_is_split_whitespace() {
        let mut texts = variants();
        texts.extend(
            [
                "a b c d e",
                "a b c d e f",
                " a\tb\nc\rd\x0be\x0c ",
                "a\x0bb c d e f",
                "a b c d e\u{a0}f",
            ]
            .map(String::from),
        );
        for text in texts {
            assert_eq!(is_label(&text), text.split_whitespace().count() <= 5, "{text:?}");
        }
    }

    #[test]
    fn ascii_lower_comparison_is_a_lowercase_copy_compared() {
        for (word, lower) in
            [("TCP", "tcp"), ("tcp", "tcp"), ("Tcp", "tc"), ("ÜDP", "üdp"), ("", "")]
        {
            assert_eq!(is_ascii_lower_of(word, lower), word.to_ascii_lowercase() == lower);
        }
    }

    #[test]
    fn one_pass_cues_equal_the_searches_they_replaced() {
        for text in variants() {
            assert_eq!(retired_cue(&text), retired_cue_before(&text), "{text:?}");
            // (A hedged text is read by the same code as before: its hedges taken out.)
            if !HEDGES.iter().any(|h| text.to_lowercase().contains(h)) {
                assert_eq!(
                    necessity_cue(&text),
                    first_cue_before(NECESSITY_CUES, &NECESSITY_INDEX, &text),
                    "{text:?}"
                );
            }
            assert_eq!(
                direction_cue(&text),
                first_cue_before(DIRECTION_CUES, &DIRECTION_INDEX, &text),
                "{text:?}"
            );
            assert_eq!(
                exposure_cue(&text),
                first_cue_before(EXPOSURE_CUES, &EXPOSURE_INDEX, &text),
                "{text:?}"
            );
            assert_eq!(
                text_cues(&text),
                (necessity_cue(&text), direction_cue(&text), exposure_cue(&text)),
                "{text:?}"
            );
            let lower = text.to_lowercase();
            let scanned = HEDGE_SCAN.any_occurrence(&lower, |_, _| true);
            assert_eq!(scanned, HEDGES.iter().any(|h| find_short(&lower, h).is_some()), "{text:?}");
        }
    }

    /// The one pass over an ASCII text's words against the searches it replaced, on the texts
    /// above and on edges of its own: a hedge or "accept" inside a longer word, a phrase at
    /// the text's end, a negation before a phrase, a word longer than its stack buffer.
    #[test]
    fn ascii_cues_equal_the_general_cues() {
        assert!(CUE_INDEX.always.is_empty());
        assert!(HEDGES.iter().all(|hedge| hedge.starts_with("unless ")));
        for phrase in (0..CUE_TABLES[2].end).map(cue_phrase) {
            let phrase = phrase.expect("every position names a phrase");
            assert!(phrase.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()), "{phrase}");
        }
        let mut texts = variants();
        texts.extend(
            [
                "Xunless changed, required",
                "UNLESS CHANGED required only if HA",
                "unacceptable; it accepts HTTPS traffic from agents",
                "The console ACCEPTS requests",
                "not internal",
                "Internal",
                "required,required only when",
                "outbound-only (if enabled)",
                &format!("{} required if HA", "x".repeat(80)),
                &format!("only {} required", "Required".repeat(10)),
            ]
            .map(String::from),
        );
        for text in texts.iter().filter(|text| text.is_ascii()) {
            assert_eq!(ascii_text_cues(text), general_text_cues(text), "{text:?}");
        }
    }
}

pub fn necessity_cell(text: &str) -> Option<Necessity> {
    let normal = normalise(text);
    NECESSITY_CELLS
        .iter()
        // The cell word alone or before a space ("yes (if HA)" too): compared in place, not
        // through two formatted copies per table entry.
        .find(|(cell, _)| {
            normal.strip_prefix(cell).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
        .map(|(_, value)| *value)
        .or_else(|| necessity_cue(text))
}

/// A yes/no cell of an exposure column: `External | yes` is reached from outside, `no` only
/// from inside (the header's word says which way "yes" points).
pub fn exposure_tick(header: &str, cell: &str) -> Option<Exposure> {
    let yes = tick(cell)?;
    let outward = match exposure_cue(header)? {
        Exposure::External => yes,
        Exposure::Internal => !yes,
    };
    Some(if outward { Exposure::External } else { Exposure::Internal })
}

pub fn exposure_cue(text: &str) -> Option<Exposure> {
    first_cue(EXPOSURE_CUES, &EXPOSURE_INDEX, text)
}

/// A Direction column's cell: a cue phrase, or what such a column alone says with a word or
/// an arrow: `IN`, `OUT` (a daemon table's `Dir`), `<->` (either end starts; a bare `->`
/// between Source and Destination columns says no more than they do).
pub fn direction_cell(text: &str) -> Option<Direction> {
    match lowercase(text.trim()).as_ref() {
        "in" => Some(Direction::Inbound),
        "out" => Some(Direction::Outbound),
        "<->" | "<-->" | "↔" | "⟷" | "<=>" => Some(Direction::Bidirectional),
        _ => direction_cue(text),
    }
}

/// "bi-directional", "runs both ways", "in both directions": a row's words saying either end
/// may open the connection (stricter than the `both` cue, which may name two parts).
pub fn says_both_ways(text: &str) -> bool {
    let lower = lowercase(text);
    ["bi-directional", "bidirectional", "both ways", "both directions"]
        .iter()
        .any(|phrase| contains_phrase(&lower, phrase))
}

pub fn direction_cue(text: &str) -> Option<Direction> {
    first_cue(DIRECTION_CUES, &DIRECTION_INDEX, text).or_else(|| accepts_sent(&lowercase(text)))
}

/// What a part accepts from others: it listens.
const ACCEPTED: &[&str] =
    &["traffic", "requests", "connections", "responses", "clients", "messages", "calls"];

/// "The console accepts HTTPS traffic from end users", "the orchestrator accepts responses
/// from agents": whoever accepts what others send listens, whichever part the sentence names
/// (the fixed phrases "accepts traffic", "accepts requests" miss a protocol or transport
/// written between, as vendors write them). `lower` is lowercased.
fn accepts_sent(lower: &str) -> Option<Direction> {
    find_short(lower, "accept")?;
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let accepted = words.iter().enumerate().any(|(i, word)| {
        let negated =
            i > 0 && words.get(i - 1).is_some_and(|w| matches!(*w, "not" | "never" | "t"));
        let between = |w: &&str| {
            Transport::parse(w).is_some()
                || app_protocol(w).is_some()
                || matches!(*w, "and" | "or" | "incoming")
        };
        matches!(*word, "accept" | "accepts" | "accepted" | "accepting")
            && !negated
            && words
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .take(4)
                .position(|w| ACCEPTED.contains(w))
                .is_some_and(|at| {
                    words.get(i + 1..i + 1 + at).unwrap_or_default().iter().all(between)
                })
    });
    accepted.then_some(Direction::Inbound)
}

/// Reads a transport column cell: `TCP`, `UDP`, `TCP/UDP`, `TCP (HTTPS)`, `HTTPS`, `HTTPS/WSS`,
/// `SMTP/STARTTLS`, `HTTPS (mTLS)`. Returns the transport (stated or implied with certainty)
/// and the application protocol as written.
pub fn protocol_cell(text: &str) -> (Option<Transports>, Option<String>) {
    // (Both lookups ignore ASCII case: the words are not lowercased first.)
    let words =
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '+')).filter(|w| !w.is_empty());
    let mut transport: Option<Transports> = None;
    let mut apps: Vec<&'static str> = Vec::new();
    let mut implied: Option<Transports> = None;
    let mut implied_conflict = false;
    for word in words {
        if let Some(t) = Transport::parse(word) {
            transport = Some(match transport {
                Some(existing) => existing.union(Transports::One(t)).unwrap_or(existing),
                None => Transports::One(t),
            });
        } else if let Some(app) = app_protocol(word) {
            if !apps.contains(&app.name) {
                apps.push(app.name);
            }
            match (app.transport, implied) {
                (Some(t), None) if !implied_conflict => implied = Some(Transports::One(t)),
                (Some(t), Some(existing)) if existing != Transports::One(t) => {
                    implied_conflict = true
                }
                (None, _) => implied_conflict = true,
                _ => {}
            }
        }
    }
    if implied_conflict {
        implied = None;
    }
    let app = (!apps.is_empty()).then(|| apps.join("/"));
    (transport.or(implied), app)
}

/// The transport a description states outright: "(TCP and UDP)", "TCP only", "over UDP".
/// Falls back to application protocols named in it when they all imply the same transport.
pub fn transport_in_text(text: &str) -> Option<Transports> {
    // (Both lookups ignore ASCII case: the words are not lowercased first.)
    let words = || text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
    let mut stated: Option<Transports> = None;
    for word in words() {
        if let Some(t) = Transport::parse(word) {
            stated = Some(match stated {
                Some(existing) => existing.union(Transports::One(t)).unwrap_or(existing),
                None => Transports::One(t),
            });
        }
    }
    if stated.is_some() {
        return stated;
    }
    let mut implied: Option<Transport> = None;
    for word in words() {
        if let Some(app) = app_protocol(word) {
            match (app.transport, implied) {
                (None, _) => return None,
                (Some(t), None) => implied = Some(t),
                (Some(t), Some(existing)) if t != existing => return None,
                _ => {}
            }
        }
    }
    implied.map(Transports::One)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_a_heading_naming_a_deployment_mode_was_no_condition() {
        for title in
            ["Ports for external mode", "Internal mode", "In standalone mode", "HA mode ports"]
        {
            assert!(is_condition_heading(title), "{title}");
        }
        for title in [
            "Mode",
            "Ports",
            "Ports for the storage cluster",
            "Choosing a deployment mode for your cluster",
        ] {
            assert!(!is_condition_heading(title), "{title}");
        }
    }

    #[test]
    fn is_ditto_rules_out_only_cells_normalise_would() {
        for mark in DITTO_MARKS.iter().filter(|m| m.is_ascii()) {
            assert!(mark.bytes().next().is_some_and(|b| DITTO_FIRST_BYTES.contains(&b)), "{mark}");
        }
        let cells = [
            "\"",
            " \" ",
            "''",
            "Ditto",
            "**Same**",
            "_same as above_",
            "  As   Above ",
            "^",
            "`^`",
            ":same:",
            "\u{b}same",
            "\tditto\n",
            "〃",
            " 〃 ",
            "same-ish",
            "* same",
            "443",
            "",
            "  ",
            "**",
            "TCP",
            "as",
            "Sâme",
            "sAME AS ABOVE",
        ];
        for cell in cells {
            assert_eq!(is_ditto(cell), DITTO_MARKS.contains(&normalise(cell).as_str()), "{cell:?}");
        }
    }

    #[test]
    fn a_row_to_a_multicast_address_was_read_as_the_source_listening() {
        assert!(is_address_literal("224.1.1.2"));
        assert!(is_address_literal("10.0.0.0/8"));
        assert!(!is_address_literal("10.0.0/8"));
        assert!(!is_address_literal("Console"));
        assert!(!is_address_literal("1.2.3.4/40"));
    }

    #[test]
    fn each_port_is_tcp_unless_the_protocol_column_says_otherwise_was_a_condition() {
        let lead = "Each port is TCP unless the protocol column says otherwise.";
        assert_eq!(blanket_transport(lead), Some(Transports::One(Transport::Tcp)));
        assert!(transport_hedge(&lead.to_lowercase()).is_some());
        assert_eq!(transport_hedge("needed unless the proxy is used"), None);
    }

    #[test]
    fn from_sender_and_to_listener_headers_named_no_end() {
        assert_eq!(column_role("From (Sender)"), Some(ColumnRole::Source));
        assert_eq!(column_role("To (Listener)"), Some(ColumnRole::Destination));
        assert_eq!(column_role("Port (TCP/UDP)"), Some(ColumnRole::Port));
        assert_eq!(column_role("(Sender)"), None);
    }

    #[test]
    fn a_when_required_column_was_not_read_for_its_conditions() {
        assert_eq!(column_role("When required"), Some(ColumnRole::Purpose));
    }

    #[test]
    fn s_l_and_d_r_rule_columns_were_no_port_column() {
        assert_eq!(column_role("S/L Port"), Some(ColumnRole::SourcePort));
        assert_eq!(column_role("S/L IP"), Some(ColumnRole::Source));
        assert_eq!(column_role("D/R IP"), Some(ColumnRole::Destination));
        assert_eq!(column_role("D/R Port"), Some(ColumnRole::Port));
    }

    #[test]
    fn an_inbound_slash_outbound_header_was_no_direction_column() {
        for header in ["Inbound/ Outbound", "Inbound/Outbound", "Incoming / Outgoing"] {
            assert_eq!(column_role(header), Some(ColumnRole::Direction), "{header}");
        }
    }

    #[test]
    fn a_table_caption_without_a_direction_inherited_the_previous_captions() {
        assert!(is_table_caption("Table 14. Ports of services not shown by default"));
        assert!(is_table_caption("Table 3-2: Outgoing connections"));
        assert!(!is_table_caption("Table of contents"));
        assert!(!is_table_caption("Tables 2 and 3 list the ports."));
    }

    #[test]
    fn ports_used_for_a_to_b_communications_captions_named_no_ends() {
        assert_eq!(
            title_flow("Table 4. Ports used for all-machine to control plane communications"),
            "all-machine to control plane"
        );
        assert_eq!(
            title_flow("Table 2 - Sync server to the cloud directory"),
            "Sync server to the cloud directory"
        );
        assert_eq!(title_flow("Table 3-2: Outgoing connections"), "Outgoing");
        assert_eq!(
            title_flow("Sync server to domain controllers"),
            "Sync server to domain controllers"
        );
    }

    #[test]
    fn source_port_and_other_offering_headers_were_read_as_listening_ports() {
        for header in ["Src. ports", "Client port(s)", "Source port range", "Source ports"] {
            assert_eq!(column_role(header), Some(ColumnRole::SourcePort), "{header}");
        }
        assert_eq!(column_role("Dst. Ports"), Some(ColumnRole::Port));
        assert_eq!(column_role("Server port"), Some(ColumnRole::Port));
        assert_eq!(column_role("Port name"), Some(ColumnRole::Purpose));
        assert!(is_other_offering_port_header("HCP-managed port"));
        assert!(is_other_offering_port_header("Managed-service port"));
        assert!(!is_other_offering_port_header("Default port"));
        assert!(!is_other_offering_port_header("Self-managed port"));
        assert!(is_unstated_port("Dynamic"));
        assert!(is_unstated_port("detected automatically"));
        assert!(!is_unstated_port("Standard NTP"));
    }

    #[test]
    fn tcp_unless_udp_gave_no_blanket_transport() {
        let text = "All port numbers on this page are TCP unless UDP is written beside them.";
        assert_eq!(blanket_transport(text), Some(Transports::One(Transport::Tcp)));
        assert!(transport_hedge(&text.to_ascii_lowercase()).is_some());
        assert!(transport_hedge("open it unless you use a proxy").is_none());
    }

    #[test]
    fn internet_any_cell_was_read_as_a_host() {
        assert!(is_outside_world("Internet (any)"));
        assert!(is_outside_world("the public internet"));
        assert!(is_outside_world("0.0.0.0/0"));
        assert!(is_outside_world("Any"));
        assert!(!is_outside_world("Internet gateway"));
        assert!(!is_outside_world("Mailbox server"));
    }

    #[test]
    fn unless_otherwise_noted_hedge_read_as_a_condition() {
        assert_eq!(
            necessity_cue("Unless otherwise noted, these ports must be open"),
            Some(Necessity::Required)
        );
        assert_eq!(necessity_cue("Unless a note says otherwise, open them"), None);
        assert_eq!(necessity_cue("Open it unless you use a proxy"), Some(Necessity::Conditional));
        assert_eq!(
            necessity_cue("Not needed when a filter relays mail"),
            Some(Necessity::Conditional)
        );
    }

    #[test]
    fn condition_headings_were_read_as_components() {
        assert!(is_condition_heading("If clustering is enabled"));
        assert!(is_condition_heading("HA only"));
        assert!(is_condition_heading("When TLS is on:"));
        assert!(!is_condition_heading("Internal only"));
        assert!(!is_condition_heading("Broker"));
        assert!(!is_condition_heading("When to open these ports"));
    }

    #[test]
    fn retired_ports_were_read_as_requirements() {
        assert!(retired_cue("Agent reports before 5.2 (no longer used)"));
        assert!(retired_cue("Deprecated: console up to 5.1, removed in 5.2"));
        assert!(!retired_cue("Legacy API (to be removed in v8)"));
        assert!(!retired_cue("Deprecated, still served"));
    }

    #[test]
    fn a_lead_in_giving_every_port_a_transport_was_ignored() {
        assert_eq!(
            blanket_transport("Every port in the matrix is TCP."),
            Some(Transports::One(Transport::Tcp))
        );
        assert_eq!(
            blanket_transport("All ports are UDP unless noted."),
            Some(Transports::One(Transport::Udp))
        );
        assert_eq!(blanket_transport("All ports below, TCP or UDP."), None);
        assert_eq!(blanket_transport("The agent uses TCP."), None);
    }

    #[test]
    fn a_peer_column_was_not_read() {
        assert_eq!(column_role("Peer"), Some(ColumnRole::Peer));
    }

    #[test]
    fn source_slash_destination_column_was_not_read_as_the_peer() {
        for header in [
            "Source / Destination",
            "Source/Destination",
            "Source or destination",
            "Destination / source",
            "From/To",
            "Src/Dst",
            "Source/destination host",
            "Source or destination IP",
            "Remote end",
        ] {
            assert_eq!(column_role(header), Some(ColumnRole::Peer), "{header}");
        }
        // One end named: still that end's column.
        assert_eq!(column_role("Source host"), Some(ColumnRole::Source));
        assert_eq!(column_role("Destination"), Some(ColumnRole::Destination));
        assert_eq!(column_role("To host"), Some(ColumnRole::Destination));
        // A client/server pair names components, not one column's two ends.
        assert_eq!(column_role("Source server"), Some(ColumnRole::Source));
    }

    #[test]
    fn negated_direction_no_inbound_port_was_read_as_inbound() {
        let text = "Runners make outbound connections only; they need no inbound port.";
        assert_eq!(direction_cue(text), Some(Direction::Outbound));
        assert_eq!(direction_cue("They need no inbound port."), None);
        assert_eq!(direction_cue("The agent listens on TCP 10050."), Some(Direction::Inbound));
        assert_eq!(direction_cue("It does not accept HTTPS connections."), None);
        assert_eq!(direction_cue("It connects out to the server."), Some(Direction::Outbound));
    }

    #[test]
    fn ports_you_must_open_heading_became_a_component() {
        assert!(is_generic_heading("Ports you must open"));
        assert!(is_generic_heading("Optional services"));
        assert!(is_generic_heading("IPv6"));
        assert!(!is_generic_heading("Web service"));
        assert!(!is_generic_heading("Runners"));
    }

    #[test]
    fn all_agents_role_or_destination_became_a_component() {
        assert!(is_every_host("All agents"));
        assert!(is_every_host("every server"));
        assert!(!is_every_host("Agents"));
    }

    #[test]
    fn protocol_cell_with_two_transports_keeps_both() {
        for cell in ["TCP & UDP", "TCP and UDP", "TCP/UDP", "UDP & TCP", "tcp, udp"] {
            assert_eq!(protocol_cell(cell).0, Some(Transports::TcpAndUdp), "{cell}");
        }
    }

    #[test]
    fn role_cell_all_became_a_component_named_all() {
        for cell in ["All", "All hosts", "**Every host**", "all nodes", "Each node."] {
            assert!(is_every_host(cell), "{cell}");
        }
        for cell in ["Allocator", "All-in-one", "Servers", "All agents on the edge"] {
            assert!(!is_every_host(cell), "{cell}");
        }
    }

    #[test]
    fn vendor_headers_name_their_columns() {
        let cases = [
            ("Port (TCP/UDP)", Some(ColumnRole::Port)),
            ("**Inbound ports**", Some(ColumnRole::Port)),
            ("Number", Some(ColumnRole::Key)),
            ("Host role", Some(ColumnRole::Component)),
            ("Zabbix component", Some(ColumnRole::Component)),
            ("Source server", Some(ColumnRole::Source)),
            ("Target node", Some(ColumnRole::Destination)),
            ("TCP (HTTPS)", Some(ColumnRole::Protocol)),
            ("Listener", None),
        ];
        for (header, role) in cases {
            assert_eq!(column_role(header), role, "{header}");
        }
        assert_eq!(port_header_cues("Inbound UDP ports").0, Some(Direction::Inbound));
        assert_eq!(variant_of("Private cloud (AWS)"), Some(("aws", "AWS")));
        assert_eq!(variant_of("On-premise machines"), Some(("on-premises", "On-premises")));
        assert_eq!(variant_of("Cloud connector ports"), None);
        assert!(is_generic_heading("Ports table") && is_generic_heading("Port information"));
        assert!(!is_generic_heading("Control plane"));
        assert_eq!(exposure_cue("Inbound traffic from the Internet"), Some(Exposure::External));
    }

    #[test]
    fn headers_in_any_case_and_vendor_spelling() {
        assert_eq!(column_role("Port Range"), Some(ColumnRole::Port));
        assert_eq!(column_role("  Default port number "), Some(ColumnRole::Port));
        assert_eq!(column_role("PROTOCOL"), Some(ColumnRole::Protocol));
        assert_eq!(column_role("TCP/UDP"), Some(ColumnRole::Protocol));
        assert_eq!(column_role("Allowed source"), Some(ColumnRole::Source));
        assert_eq!(column_role("Node role"), Some(ColumnRole::Component));
        assert_eq!(column_role("INBOUND"), None);
        assert_eq!(column_role("**Purpose**"), Some(ColumnRole::Purpose));
        assert_eq!(column_role("Detail"), None);
        assert_eq!(column_role("end port"), Some(ColumnRole::PortEnd));
        assert_eq!(column_role("Proto"), Some(ColumnRole::Protocol));
    }

    #[test]
    fn protocol_cells() {
        let tcp = Some(Transports::One(Transport::Tcp));
        assert_eq!(protocol_cell("TCP (HTTPS)"), (tcp, Some("https".into())));
        assert_eq!(protocol_cell("HTTPS/WSS"), (tcp, Some("https/wss".into())));
        assert_eq!(protocol_cell("UDP"), (Some(Transports::One(Transport::Udp)), None));
        assert_eq!(protocol_cell("TCP/UDP"), (Some(Transports::TcpAndUdp), None));
        assert_eq!(protocol_cell("DNS"), (None, Some("dns".into())));
        assert_eq!(protocol_cell("SMTP/STARTTLS"), (tcp, Some("smtp/starttls".into())));
        assert_eq!(protocol_cell("HTTPS (mTLS)"), (tcp, Some("https/mtls".into())));
        // A stated transport wins over the implied one.
        assert_eq!(
            protocol_cell("UDP (DNS)"),
            (Some(Transports::One(Transport::Udp)), Some("dns".into()))
        );
    }

    #[test]
    fn cues_prefer_negated_and_conditional_phrasings() {
        assert_eq!(
            necessity_cue("Required only for deployments using CAC"),
            Some(Necessity::Conditional)
        );
        assert_eq!(
            necessity_cue("This is entirely optional and not required"),
            Some(Necessity::Optional)
        );
        assert_eq!(
            necessity_cue("These ports must be open on all subsystems"),
            Some(Necessity::Required)
        );
        assert_eq!(necessity_cue("Flannel WireGuard (if enabled)"), Some(Necessity::Conditional));
        assert_eq!(necessity_cue("Kubelet metrics"), None);
        assert_eq!(
            exposure_cue("They should not be exposed externally."),
            Some(Exposure::Internal)
        );
        assert_eq!(exposure_cue("PostgreSQL (Internal Only)"), Some(Exposure::Internal));
        assert_eq!(exposure_cue("External Ports"), Some(Exposure::External));
        assert_eq!(exposure_cue("Interval"), None);
        assert_eq!(direction_cue("22 (inbound and outbound) SSH"), Some(Direction::Bidirectional));
        assert_eq!(direction_cue("Outbound (from agent)"), Some(Direction::Outbound));
        assert_eq!(direction_cue("Inter-node ports (all nodes)"), Some(Direction::Internal));
    }

    #[test]
    fn transports_stated_in_descriptions() {
        assert_eq!(
            transport_in_text("DNS: The DNS server (TCP and UDP)"),
            Some(Transports::TcpAndUdp)
        );
        assert_eq!(
            transport_in_text("HTTP: The HTTP API (TCP Only)"),
            Some(Transports::One(Transport::Tcp))
        );
        assert_eq!(
            transport_in_text("Redirects HTTP to HTTPS"),
            Some(Transports::One(Transport::Tcp))
        );
        assert_eq!(transport_in_text("DNS over TLS"), None);
        assert_eq!(transport_in_text("Kubelet API"), None);
    }

    /// Microsoft 365-style endpoint rows: `Optimize Required` in a `Category` column was not
    /// read, and the rows had no necessity.
    #[test]
    fn a_category_column_saying_required_was_not_read() {
        assert!(is_classification_header("Category"));
        assert_eq!(necessity_cell("Optimize Required"), Some(Necessity::Required));
        assert_eq!(necessity_cell("Default Optional"), Some(Necessity::Optional));
        assert_eq!(necessity_cell("Allow"), None);
    }

    #[test]
    fn necessity_cells() {
        assert_eq!(necessity_cell("Yes"), Some(Necessity::Required));
        assert_eq!(necessity_cell("Optional"), Some(Necessity::Optional));
        assert_eq!(necessity_cell("Conditional"), Some(Necessity::Conditional));
        assert_eq!(necessity_cell("Recommended"), Some(Necessity::Recommended));
    }

    #[test]
    fn phrases_match_whole_words_only() {
        assert!(contains_phrase("the internal network", "internal"));
        for (hay, needle) in [
            ("abcabd", "abd"),
            ("aaa", "aa"),
            ("x", "xy"),
            ("", ""),
            ("héllo wörld", "wö"),
            ("port 443", "443"),
            ("ab", ""),
            // Longer than a vector of bytes, with the first byte met before the match.
            ("Management servers to Developer Portal servers → Gateway ⟶ servers", "→"),
            ("the port is opened only when the cluster runs, when it is enabled", " when it"),
            ("a sentence with no such needle anywhere in its words at all", " until "),
        ] {
            assert_eq!(find_short(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
        }
        assert!(!contains_phrase("internally routed", "internal"));
        assert!(!contains_phrase("bothersome", "both"));
    }

    #[test]
    fn ignoring_ascii_case_finds_what_a_lowercase_copy_finds() {
        let texts = [
            "",
            "p",
            "Source Port",
            "EPHEMERAL PORTS for replies",
            "pPort",
            "Return TRAFFIC",
            "héllo Pörts PORT",
            "İf the Kelvin sign \u{212A} is set, WHEN until",
            "only",
            "ONLY hosts that run a pair need these open",
        ];
        for text in texts {
            for needle in ["port", "traffic", "if ", "when ", " until ", "only ", "", "x"] {
                assert_eq!(
                    contains_ignoring_ascii_case(text, needle),
                    text.to_ascii_lowercase().contains(needle),
                    "{text:?} {needle:?}"
                );
            }
        }
    }

    /// The filter in `names_source_ports` passes only cells the phrase search rejects.
    #[test]
    fn source_port_filter_keeps_every_phrase() {
        let old = |cell: &str| {
            let lower = lowercase(cell);
            SOURCE_PORT_PHRASES.iter().any(|phrase| contains_phrase(&lower, phrase))
        };
        let mut cells: Vec<String> = Vec::new();
        for phrase in SOURCE_PORT_PHRASES {
            let upper = phrase.to_uppercase();
            let title: String = phrase
                .split(' ')
                .map(|w| w[..1].to_uppercase() + &w[1..])
                .collect::<Vec<_>>()
                .join(" ");
            for p in [phrase.to_string(), upper, title] {
                cells.push(p.clone());
                cells.push(format!("Ünïcode {p} of recursive lookups"));
                cells.push(format!("{p}s"));
                cells.push(format!("\u{212A}{p}"));
            }
        }
        cells.extend(["Agent heartbeat", "Web UI and REST API", "Reporting", ""].map(String::from));
        for cell in &cells {
            assert_eq!(names_source_ports(cell), old(cell), "{cell:?}");
        }
        assert!(names_source_ports("Ephemeral Ports for replies"));
    }

    /// The phrase index of `first_cue` only skips searches: every cue phrase of every table,
    /// on texts that hold it in varied surroundings (punctuation, Unicode, negation, phrase at
    /// either end), is a candidate whenever the plain search finds it.
    #[test]
    fn cue_phrase_index_skips_only_phrases_that_cannot_match() {
        let tables: [(Vec<&str>, &PhraseIndex); 3] = [
            (NECESSITY_CUES.iter().map(|(p, _)| *p).collect(), &NECESSITY_INDEX),
            (EXPOSURE_CUES.iter().map(|(p, _)| *p).collect(), &EXPOSURE_INDEX),
            (DIRECTION_CUES.iter().map(|(p, _)| *p).collect(), &DIRECTION_INDEX),
        ];
        let mut matched = 0;
        let mut phrases_seen = 0;
        for (phrases, index) in &tables {
            for (i, phrase) in phrases.iter().enumerate() {
                phrases_seen += 1;
                for text in [
                    phrase.to_string(),
                    format!("the port is {phrase}."),
                    format!("({phrase}) for the agents"),
                    format!("no {phrase}"),
                    format!("x{phrase}"),
                    format!("{phrase}y and more"),
                    format!("Überall – {phrase}/ü"),
                    format!("{phrase}-{phrase}"),
                ] {
                    let lower = text.to_lowercase();
                    let found = contains_affirmed(&lower, phrase);
                    let candidates = index.candidates(&lower);
                    assert!(!found || candidates.contains(&i), "{phrase:?} in {text:?}");
                    assert!(candidates.is_sorted(), "{candidates:?}");
                    matched += usize::from(found);
                }
            }
        }
        // The texts do exercise matches, not only misses.
        assert!(matched >= phrases_seen * 3, "{matched}");
        let index = PhraseIndex::new(["egress", "ingress port", "/x"]);
        assert_eq!(index.candidates("the ingress port"), vec![1, 2]);
    }

    #[test]
    fn regression_a_named_part_accepting_traffic_gave_no_direction() {
        let said = |text: &str| text_cues(text).1;
        assert_eq!(
            said("The console accepts HTTPS traffic from end users on this port."),
            Some(Direction::Inbound)
        );
        assert_eq!(
            said("The orchestrator accepts responses from agents."),
            Some(Direction::Inbound)
        );
        assert_eq!(said("The relay accepts TCP and UDP messages."), Some(Direction::Inbound));
        assert_eq!(
            direction_cue("The gateway accepts SMTP connections."),
            Some(Direction::Inbound)
        );
        // What stands between must be a protocol or a transport: "accepts the licence terms
        // before requests" says nothing.
        assert_eq!(said("The installer accepts the licence terms before requests."), None);
    }
}
