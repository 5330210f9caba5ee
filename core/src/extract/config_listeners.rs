//! Listener keys of a configuration file in a code block: HCL's `address = "0.0.0.0:8200"`
//! inside a `listener` block, ini/toml's `http_port = 3000` or `port = 3000`, `listen = ":8080"`,
//! properties' `server.port=8080`, and dotted YAML keys (`http.port: 9200`). Only these key
//! shapes: a client setting (`upstream`, `remote`, `client`, a `[database]` section, a `*_url`)
//! names a port somewhere else, not one this platform listens on.

use crate::model::{PortRange, Transport};

use super::publish_spec;
use super::snippets::{SnippetPort, Snippets};

/// Words of a key or of its section that make it a setting about another host.
const ELSEWHERE: &[&str] = &[
    "upstream",
    "remote",
    "client",
    "url",
    "uri",
    "endpoint",
    "target",
    "backend",
    "proxy",
    "smtp",
    "mail",
    "email",
    "db",
    "database",
    "datasource",
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "mongo",
    "mongodb",
    "redis",
    "ldap",
    "rabbitmq",
    "amqp",
    "destination",
    "forward",
    "sink",
];

/// Languages whose blocks may hold such keys (an untagged block too).
const CONFIG_LANGUAGES: &[&str] = &[
    "",
    "hcl",
    "terraform",
    "tf",
    "ini",
    "toml",
    "properties",
    "conf",
    "cfg",
    "config",
    "text",
    "plaintext",
    "txt",
    "yaml",
    "yml",
    "env",
    "dosini",
    "nginx",
];

/// Enclosing HCL blocks (`listener "tcp" {`, with the transport their label names) and the
/// ini section (`[server]`) of a line.
#[derive(Default)]
struct Context {
    blocks: Vec<(String, Option<Transport>)>,
    section: String,
    /// The file nests `name {` blocks (a message bus's server file, HOCON): its `key: value`
    /// lines are assignments, as `key = value` ones are (see `key_value`).
    braced: bool,
}

/// Reads the listener keys of `text` (a block in `language`).
pub(super) fn read(text: &str, language: &str, at: &dyn Fn(usize) -> usize, found: &mut Snippets) {
    if !CONFIG_LANGUAGES.contains(&language) {
        return;
    }
    let yaml = matches!(language, "yaml" | "yml");
    let mut context = Context {
        braced: text.lines().any(|l| strip_comment(l).trim_end().ends_with('{')),
        ..Context::default()
    };
    let mut position = 0;
    // Ports with their scope and key prefix, and the scopes/prefixes whose host is another
    // machine's (`[agent]` `server_host = manager.example.com`: `server_port` is the manager's).
    let mut read: Vec<(String, String, SnippetPort)> = Vec::new();
    let mut remote: Vec<(String, String)> = Vec::new();
    // Scopes bound to loopback only (postgresql.conf's `listen_addresses = 'localhost'`): their
    // ports are host-local.
    let mut local: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        let start = position;
        position += line.len();
        let body = strip_comment(line).trim();
        if let Some(name) = body.strip_prefix('[').and_then(|b| b.strip_suffix(']')) {
            context.section = name.trim().to_ascii_lowercase();
            continue;
        }
        if body.starts_with('}') {
            context.blocks.pop();
            continue;
        }
        let Some((head, rest)) = body.split_once('{') else {
            let scope = context.scope();
            if let Some((key, value, _)) = key_value(line, yaml, context.braced) {
                let words = key_words(key);
                if host_key(&words, value) == HostKey::Elsewhere {
                    remote.push((scope.clone(), prefix(&words)));
                }
                if loopback_bind(&words, value) {
                    local.push(scope.clone());
                }
                if let Some(mut port) = listener(line, yaml, &context) {
                    port.offset = at(start + port.offset);
                    read.push((scope, prefix(&words), port));
                }
            }
            continue;
        };
        let mut words = head.split_whitespace();
        let name = words.next().unwrap_or_default().to_ascii_lowercase();
        let transport = words.next().and_then(|w| Transport::parse(w.trim_matches('"')));
        context.blocks.push((name, transport));
        // `listener "tcp" { address = "0.0.0.0:8200" }` on one line: the block and its key.
        if let Some(inner) = rest.trim_end().strip_suffix('}') {
            let inner_at = start + (line.len() - line.trim_start().len()) + head.len() + 1;
            if let Some(mut port) = listener(inner, yaml, &context) {
                port.offset = at(inner_at + port.offset);
                read.push((context.scope(), String::new(), port));
            }
            context.blocks.pop();
        }
    }
    found.ports.extend(read.into_iter().filter_map(|(scope, prefix, port)| {
        let elsewhere = remote.iter().any(|(s, p)| *s == scope && (p.is_empty() || *p == prefix));
        let host_local = port.host_local || local.contains(&scope);
        (!elsewhere).then_some(SnippetPort { host_local, ..port })
    }));
}

/// A `listen…` / `bind…` key whose every address is loopback (`listen_addresses =
/// 'localhost'`, `bind_address = 127.0.0.1,::1`): the scope listens on this host only.
fn loopback_bind(words: &[String], value: &str) -> bool {
    let binds = words.iter().any(|w| w == "bind" || w == "listen");
    let hosts: Vec<&str> = value
        .split([',', ' '])
        .map(|h| h.trim().trim_matches(['[', ']']))
        .filter(|h| !h.is_empty())
        .collect();
    binds && !hosts.is_empty() && hosts.iter().all(|h| publish_spec::is_loopback(h))
}

impl Context {
    /// The section and enclosing blocks a key sits in.
    fn scope(&self) -> String {
        let blocks: Vec<&str> = self.blocks.iter().map(|(name, _)| name.as_str()).collect();
        format!("{}/{}", self.section, blocks.join("/"))
    }
}

/// A key's words: `server_host` → `server`, `host`; `nodePort` → `node`, `port`.
pub(super) fn key_words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut last_lower = false;
    for c in key.chars() {
        if (matches!(c, '_' | '.' | '-' | ' ') || (c.is_ascii_uppercase() && last_lower))
            && !word.is_empty()
        {
            words.push(std::mem::take(&mut word));
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
        last_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// A key's words but its last (`server_port` → `server`).
fn prefix(words: &[String]) -> String {
    words.split_last().map(|(_, rest)| rest.join("_")).unwrap_or_default()
}

/// What a key says of the host its section's ports are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HostKey {
    /// Not a host key, or one naming this host (`0.0.0.0`, `*`, a bind address).
    Own,
    /// Bound to loopback: host-local.
    Loopback,
    /// Another machine (`host: db.internal`, `server = manager.example.com`).
    Elsewhere,
}

/// `host`, `hostname`, `server`, `address`, `bind…`, `listen…` keys and what their value says.
pub(super) fn host_key(words: &[String], value: &str) -> HostKey {
    let Some(last) = words.last().map(String::as_str) else { return HostKey::Own };
    let binds = words.iter().any(|w| w == "bind" || w == "listen");
    if !(binds || matches!(last, "host" | "hostname" | "address" | "addr" | "server")) {
        return HostKey::Own;
    }
    let value = value.trim();
    // `manager.example.com:1514`: the host part (an IPv6 address keeps its colons).
    let host = match value.rsplit_once(':') {
        Some((host, port))
            if value.parse::<std::net::IpAddr>().is_err()
                && port
                    .split('/')
                    .next()
                    .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            host
        }
        _ => value,
    };
    let host = host.trim_matches(['[', ']']);
    if publish_spec::is_loopback(host) {
        HostKey::Loopback
    } else if binds
        || matches!(host, "" | "0.0.0.0" | "::" | "*")
        || host.contains(['$', '%', '{', ' '])
        || (matches!(last, "address" | "addr") && host.parse::<std::net::IpAddr>().is_ok())
    {
        HostKey::Own
    } else {
        HostKey::Elsewhere
    }
}

/// The listener one `key = value` line states, its offset relative to `line`.
fn listener(line: &str, yaml: bool, context: &Context) -> Option<SnippetPort> {
    let (written_key, value, value_at) = key_value(line, yaml, context.braced)?;
    let key = written_key.to_ascii_lowercase();
    let in_listener = context.blocks.iter().any(|(name, _)| name.starts_with("listener"));
    if elsewhere(&context.section)
        || context.blocks.iter().any(|(b, _)| elsewhere(b))
        || elsewhere(&key)
    {
        return None;
    }
    // zoo.cfg's `clientPort=2181`, `secureClientPort`: a camel-case key ending in `Port` is a
    // port key as `client_port` is (the lowercased `clientport` hid its last word).
    let camel_port = key_words(written_key).last().is_some_and(|w| w == "port");
    let (ports, host_local, span) =
        listener_value(if camel_port { "port" } else { &key }, value, in_listener)?;
    let block_transport = context.blocks.iter().rev().find_map(|(_, t)| *t);
    Some(SnippetPort {
        offset: value_at + span,
        ports,
        transport: key_transport(&key).or(block_transport),
        host_local,
        part: None,
        backend: false,
        purpose: format!(
            "`{}` in the configuration",
            strip_comment(line).trim().trim_end_matches(',')
        ),
    })
}

/// `key = value`, `key: value` (YAML: dotted keys only), `key=value`; the value's offset in
/// `line`, quotes taken off.
fn key_value(line: &str, yaml: bool, braced: bool) -> Option<(&str, &str, usize)> {
    let body = strip_comment(line);
    let (split, _) =
        body.char_indices().find(|(_, c)| *c == '=' || (*c == ':' && !body.contains('=')))?;
    let key = body.get(..split)?.trim();
    let separator = body.as_bytes().get(split).copied();
    // (`--flag=value` is a command's flag: `server_listeners` reads the listening ones.)
    if key.is_empty()
        || key.starts_with('-')
        || !key.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return None;
    }
    // A YAML `port:` nested in a mapping says nothing of whose port it is (a Service's, a
    // client's): only a dotted key names its owner (`http.port: 9200`).
    // In a brace-nested file (`cluster { listen: 0.0.0.0:6222 }`) the blocks name the owner.
    if separator == Some(b':') && !braced && (!yaml || !key.contains('.')) {
        return None;
    }
    let raw = body.get(split + 1..)?;
    let lead = raw.len() - raw.trim_start().len();
    let value = raw.trim();
    let quote = value.len() - value.trim_start_matches(['"', '\'']).len();
    let value = value.trim_matches(['"', '\'', ',', ';']);
    Some((key, value, split + 1 + lead + quote))
}

/// A `#`/`;` comment taken off (a `#` glued to a word is kept: `a#b`).
pub(super) fn strip_comment(line: &str) -> &str {
    let cut = line
        .match_indices([' ', '\t'])
        .find(|(i, _)| matches!(line.as_bytes().get(i + 1), Some(b'#' | b';')))
        .map_or(line.len(), |(i, _)| i);
    let line = &line[..cut];
    if line.trim_start().starts_with(['#', ';']) { "" } else { line }
}

/// Whether a key or section names a setting about another host.
pub(super) fn elsewhere(name: &str) -> bool {
    name.split(['_', '.', '-', ' ', '"'])
        .any(|word| ELSEWHERE.contains(&word.to_ascii_lowercase().as_str()))
}

/// The port a listener key's value gives, whether it is loopback-bound, and where the port is
/// in the value.
fn listener_value(key: &str, value: &str, in_listener: bool) -> Option<(PortRange, bool, usize)> {
    let last = key.rsplit(['.', '_', '-']).next().unwrap_or(key);
    let port_key = last == "port" || key == "port";
    let address_key = (in_listener && (last == "address" || last == "addr"))
        || key == "listen"
        || last == "listen"
        || key.ends_with("listen_address")
        || key.ends_with("listen_addr")
        || key.ends_with("bind_address");
    if port_key {
        return publish_spec::port_range(value).map(|ports| (ports, false, 0));
    }
    if address_key {
        // "0.0.0.0:8200", ":8080", "[::1]:8200", "127.0.0.1:9000"; of a list, the first. An
        // address alone has no port (`::1`'s last colon is no port's).
        let value = value.split([',', ' ']).find(|item| !item.is_empty())?;
        if value.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok() {
            return None;
        }
        let (host, port) = value.rsplit_once(':')?;
        let ports = publish_spec::port_range(port)?;
        let local = publish_spec::is_loopback(host.trim_matches(['[', ']']));
        return Some((ports, local, host.len() + 1));
    }
    None
}

/// `syslog_udp_port`, `grpc_tcp_port`: the transport the key names.
pub(super) fn key_transport(key: &str) -> Option<Transport> {
    key.split(['.', '_', '-']).find_map(Transport::parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ports(text: &str, language: &str) -> Vec<String> {
        super::super::snippets::ports_in(read, text, language)
    }

    /// Regression (session 18): a message bus's server file (`port: 4222`, `cluster { listen:
    /// 0.0.0.0:6222 }`) and an actor system's HOCON (`remote { port: 25520 }`) write their
    /// assignments with a colon inside brace blocks, and a coordination service's zoo.cfg its
    /// `clientPort=2181` in camel case: no row and no word for any of them.
    #[test]
    fn regression_colon_keys_in_brace_blocks_and_camel_case_port_keys_were_unread() {
        let bus = "port: 4222\n\ncluster {\n  name: east\n  listen: 0.0.0.0:6222\n}\nleafnodes {\n  port: 7422\n}\n";
        assert_eq!(ports(bus, ""), ["4222/-@42", "6222/-@62", "7422/-@74"]);
        let hocon = "actors {\n  cluster {\n    transport: tcp\n    port: 25520\n  }\n}\n";
        assert_eq!(ports(hocon, "conf"), ["25520/-@25"]);
        // A flat `Port: 80` of a command's output stays unread: no brace block.
        assert!(ports("Name: web\nPort: 80\n", "").is_empty());
        let zoo = "tickTime=2000\nclientPort=2181\nsecureClientPort=2281\n";
        assert_eq!(ports(zoo, "properties"), ["2181/-@21", "2281/-@22"]);
    }

    #[test]
    fn listener_keys_of_hcl_ini_properties_and_dotted_yaml_are_read() {
        let hcl = "storage \"raft\" {\n  path = \"/data\"\n}\nlistener \"tcp\" {\n  address         = \"0.0.0.0:8200\"\n  cluster_address = \"0.0.0.0:8201\"\n}\napi_addr = \"https://vault.example:8200\"\n";
        assert_eq!(ports(hcl, "hcl"), ["8200/tcp@82", "8201/tcp@82"]);
        let ini = "[server]\nprotocol = http\nhttp_port = 3000\n\n[database]\nhost = 127.0.0.1:3306\nport = 5432\n";
        assert_eq!(ports(ini, "ini"), ["3000/-@30"]);
        assert_eq!(
            ports("server.port=8080\nspring.redis.port=6379\n", "properties"),
            ["8080/-@80"]
        );
        assert_eq!(
            ports("http.port: 9200\ntransport.port: 9300-9400\n", "yaml"),
            ["9200/-@92", "9300-9400/-@93"]
        );
        assert_eq!(ports("listen = \":8080\"\n", "toml"), ["8080/-@80"]);
        assert_eq!(
            ports("listener \"tcp\" { address = \"0.0.0.0:8200\" }\n", "hcl"),
            ["8200/tcp@82"]
        );
        assert_eq!(
            ports("listener \"tcp\" {\n  address = \"127.0.0.1:8200\"\n}\n", "hcl"),
            ["8200/tcp local@82"]
        );
    }

    #[test]
    fn client_settings_nested_yaml_and_shell_are_no_listeners() {
        // A Kubernetes Service's `port:` and a client's upstream are not this host's listeners.
        assert!(ports("service:\n  port: 8080\n  targetPort: 8443\n", "yaml").is_empty());
        assert!(ports("upstream_port = 9000\nremote.port=22\nclient_port = 1\n", "ini").is_empty());
        assert!(ports("smtp_url = smtp://mail:25\n", "").is_empty());
        assert!(ports("export HTTP_PORT=3000\n", "python").is_empty());
    }

    #[test]
    fn regression_a_port_beside_a_loopback_listen_address_was_network_reachable() {
        // postgresql.conf bound to localhost: its port is this host's own, no network flow.
        let postgres = "listen_addresses = 'localhost'\nport = 5433\n";
        assert_eq!(ports(postgres, "conf"), ["5433/- local@54"]);
        assert_eq!(ports("listen_addresses = '*'\nport = 5433\n", "conf"), ["5433/-@54"]);
        assert_eq!(
            ports("[web]\nbind_address = 127.0.0.1, ::1\nport = 8080\n[api]\nport = 9000\n", "ini"),
            ["8080/- local@80", "9000/-@90"]
        );
        // (`::1` was read as port 1.)
        assert!(ports("bind_address = 127.0.0.1, ::1\n", "ini").is_empty());
    }

    #[test]
    fn regression_an_agents_server_port_was_read_as_its_own_listener() {
        // The agent connects to the manager on 1514: the manager's port, not the agent's.
        let agent = "[agent]\nserver_host = manager.example.com\nserver_port = 1514\nstatus_port = 9101\n\n[relay]\nhost = relay.internal\nport = 6000\n";
        assert_eq!(ports(agent, "ini"), ["9101/-@91"]);
        let bound = "[web]\nhost = 0.0.0.0\nport = 8080\n[admin]\nhttp_addr = %(domain)s\nhttp_port = 3001\n";
        assert_eq!(ports(bound, "ini"), ["8080/-@80", "3001/-@30"]);
    }
}
