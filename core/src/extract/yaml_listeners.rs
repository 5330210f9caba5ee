//! Listener keys nested in a YAML file in a code block, read with the project's YAML reader:
//! Spring Boot's `server:` / `port: 8443`, `metrics:` / `port: 9100`, `web:` /
//! `listen-address: ":9090"`. The keys above a value say whose port it is, so a client's
//! settings (`datasource`, `redis`, `upstream`, `*-url`) stay unread, as in `config_listeners`.
//! Kubernetes' own words settle which side is the host's: a Service's `nodePort` and a pod's
//! `hostPort` are opened on the node; a Service's `port` is the cluster's (the load balancer's
//! for `type: LoadBalancer`) and a `containerPort` / `targetPort` the pod's: said, never opened.
//! Helm values name them the same way (`service:` / `port:`, `nodePorts:` / `http: 30080`).

use crate::data::{Node, NodeValue, Position, offset_of, yaml};
use crate::model::Transport;

use super::compose_ports::scalar;
use super::config_listeners::{HostKey, elsewhere, host_key, key_transport, key_words as words};
use super::publish_spec;
use super::server_listeners::address;
use super::snippets::{SnippetNote, SnippetPort, Snippets};

/// Whose port a key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Opened on the host: `port`, `http_port`, `nodePort`, `hostPort`.
    Host,
    /// A Kubernetes Service's own port: reached inside the cluster only.
    Service,
    /// The container's or pod's port (`containerPort`, `targetPort`): no host port.
    Pod,
    /// A listening address (`listen-address: ":9090"`, a listener's `address`).
    Address,
    /// Where a sender sends to (an OpenTelemetry collector exporter's `endpoint`): another
    /// service's port, unless the address binds this host (the Prometheus exporter's).
    Sender,
}

/// How a Service is reached from outside the cluster (its `type:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exposed {
    /// `ClusterIP` (or not said): inside the cluster only.
    Cluster,
    /// `NodePort`: on every node, at its `nodePort`.
    NodePort,
    /// `LoadBalancer`: at the balancer's `port`.
    Balancer,
    /// A pod with `hostNetwork: true`: its `containerPort`s are the node's.
    HostNetwork,
}

/// What the keys beside a port say of its host: bound to loopback (host-local), or another
/// machine's (`host: db.internal`); see `config_listeners::host_key`.
fn beside(scalars: &[(&str, &Node)]) -> (bool, bool) {
    let said: Vec<HostKey> = scalars
        .iter()
        .filter_map(|(key, value)| value.as_str().map(|v| host_key(&words(key), v)))
        .collect();
    (said.contains(&HostKey::Loopback), said.contains(&HostKey::Elsewhere))
}

/// The path element of a list's item.
const ITEM: &str = "[]";

/// A YAML document of the block, with where it starts.
struct Doc<'a> {
    start: usize,
    text: &'a str,
    root: Node,
}

/// Reads `text` as YAML. Returns false when it is not YAML mappings (the line reader of
/// `config_listeners` reads it then).
pub(super) fn read(text: &str, at: &dyn Fn(usize) -> usize, found: &mut Snippets) -> bool {
    let mut docs = Vec::new();
    for (start, part) in documents(text) {
        let Ok(root) = yaml::parse(part) else { return false };
        docs.push(Doc { start, text: part, root });
    }
    if !docs.iter().any(|d| d.root.as_mapping().is_some()) {
        return false;
    }
    for doc in &docs {
        // A Compose file is `compose_ports`'s: its keys are the containers' settings.
        if super::compose_ports::is_compose_file(&doc.root) {
            continue;
        }
        let kind = doc.root.get("kind").and_then(Node::as_str).unwrap_or_default();
        let name = doc.root.get("metadata").and_then(|m| m.get("name")).and_then(Node::as_str);
        let walk = Walk {
            doc,
            at,
            kubernetes: doc.root.get("apiVersion").is_some(),
            service: kind.eq_ignore_ascii_case("service"),
            name,
        };
        walk.mapping(&doc.root, &mut Vec::new(), Exposed::Cluster, found);
    }
    true
}

/// Whether an untagged block is YAML by its shape: it parses as a mapping and nests a
/// mapping or a list under one of its keys (a Helm values excerpt). A flat `Port: 80` is as
/// often a command's output, and is left to the line readers.
pub(super) fn shaped(text: &str) -> bool {
    documents(text).into_iter().any(|(_, part)| {
        yaml::parse(part).ok().and_then(|root| match root.value {
            NodeValue::Mapping(entries) => Some(entries.iter().any(|(_, value)| {
                matches!(&value.value, NodeValue::Mapping(m) if !m.is_empty())
                    || matches!(&value.value, NodeValue::Sequence(s) if !s.is_empty())
            })),
            _ => None,
        }) == Some(true)
    })
}

/// The `---`-separated documents of `text`, with their offsets.
fn documents(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let (mut start, mut position) = (0, 0);
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            found.push((start, text.get(start..position).unwrap_or_default()));
            start = position + line.len();
        }
        position += line.len();
    }
    found.push((start, text.get(start..).unwrap_or_default()));
    found
}

struct Walk<'a> {
    doc: &'a Doc<'a>,
    at: &'a dyn Fn(usize) -> usize,
    kubernetes: bool,
    /// A Kubernetes `kind: Service`.
    service: bool,
    /// `metadata.name`: the part the ports may belong to.
    name: Option<&'a str>,
}

impl Walk<'_> {
    /// The markdown offset of a value (past a quote).
    fn place(&self, position: Position) -> usize {
        let start = offset_of(self.doc.text, position);
        let quote = usize::from(matches!(self.doc.text.as_bytes().get(start), Some(b'"' | b'\'')));
        (self.at)(self.doc.start + start + quote)
    }

    /// Reads one mapping; returns what it says of a Service's port with no host port yet,
    /// settled by the Service's own mapping (`service:` in Helm values, a list item, the root):
    /// `service.ports.http: 80` beside `service.nodePorts.http: 30080` is no warning.
    fn mapping(
        &self,
        node: &Node,
        path: &mut Vec<String>,
        exposed: Exposed,
        found: &mut Snippets,
    ) -> Vec<SnippetNote> {
        let Some(entries) = node.as_mapping() else { return Vec::new() };
        let exposed = match node.get("type").and_then(Node::as_str).map(str::to_ascii_lowercase) {
            Some(t) if t == "loadbalancer" => Exposed::Balancer,
            Some(t) if t == "nodeport" => Exposed::NodePort,
            // A pod on the host's network: its containers' ports are the host's.
            _ if matches!(
                node.get("hostNetwork").map(|n| &n.value),
                Some(NodeValue::Bool(true))
            ) =>
            {
                Exposed::HostNetwork
            }
            _ => exposed,
        };
        let before = found.ports.len();
        let mut pending = Vec::new();
        let mut scalars = Vec::new();
        for (key, value) in entries {
            // A client's setting (`datasource:`, `redis_port`), but for a `targetPort`.
            if elsewhere(&words(&key.name).join("_"))
                && !matches!(role(&key.name, path, self), Some(Role::Pod | Role::Sender))
                && collector_key(&key.name, path).is_none()
            {
                continue;
            }
            path.push(key.name.clone());
            match &value.value {
                NodeValue::Mapping(_) => pending.extend(self.mapping(value, path, exposed, found)),
                NodeValue::Sequence(items) if scrape_targets(path) => {
                    for item in items {
                        self.sent(item, path, found);
                    }
                }
                NodeValue::Sequence(items) => {
                    // (An item's keys are not named by the list's plural: `ports: [{port: 443}]`.)
                    path.push(ITEM.to_owned());
                    for item in items {
                        let at_item = found.ports.len();
                        let notes = self.mapping(item, path, exposed, found);
                        settle(notes, found.ports.len() > at_item, found);
                    }
                    path.pop();
                }
                _ => scalars.push((key.name.as_str(), value)),
            }
            path.pop();
        }
        match self.scalars(node, &scalars, path, exposed, found) {
            Some(note) if note.code == "snippet-container-only" => found.notes.push(note),
            note => pending.extend(note),
        }
        let settles = path.is_empty()
            || path.last().is_some_and(|p| {
                matches!(words(p).last().map(String::as_str), Some("service" | "svc"))
            });
        if settles {
            settle(pending, found.ports.len() > before, found);
            return Vec::new();
        }
        pending
    }

    /// The port keys of one mapping, read together: a pod's or Service's port is said only when
    /// the mapping opens no host port.
    fn scalars(
        &self,
        node: &Node,
        scalars: &[(&str, &Node)],
        path: &[String],
        exposed: Exposed,
        found: &mut Snippets,
    ) -> Option<SnippetNote> {
        let transport = node
            .get("protocol")
            .and_then(Node::as_str)
            .and_then(Transport::parse)
            .or(self.kubernetes.then_some(Transport::Tcp));
        // Spring's `server.address: 127.0.0.1` beside `server.port`: host-local. A `host:`
        // naming another machine makes the port that machine's (an agent's `server:` /
        // `host: manager.example.com` / `port: 1514`): a client setting, no listener here.
        let (local, remote) = beside(scalars);
        if remote {
            return None;
        }
        let mut said = None;
        let before = found.ports.len();
        for (key, value) in scalars {
            let Some(mut role) = role(key, path, self) else { continue };
            if (role == Role::Service && exposed == Exposed::Balancer)
                || (role == Role::Pod && exposed == Exposed::HostNetwork)
            {
                role = Role::Host;
            }
            let dotted = path
                .iter()
                .map(String::as_str)
                .filter(|p| *p != ITEM)
                .chain([*key])
                .collect::<Vec<_>>()
                .join(".");
            let written = scalar(value);
            let offset = self.place(value.position);
            if role == Role::Sender
                && self.sent(value, &[path, &[(*key).to_owned()]].concat(), found)
            {
                continue;
            }
            if matches!(role, Role::Service | Role::Pod) {
                said = said.or(Some((role, offset, format!("`{key}: {written}`"))));
                continue;
            }
            // (`8080/tcp`, as an Ansible task writes it: the transport is the value's.)
            // (Traefik's `address: ":443/udp"` too.)
            let (number, named) = match written.rsplit_once('/') {
                Some((number, word)) => (number, Transport::parse(word)),
                None => (written.as_str(), None),
            };
            let read = match role {
                Role::Address | Role::Sender => address(without_scheme(&written)),
                _ => publish_spec::port_range(number)
                    .filter(|_| number == written || named.is_some())
                    .map(|p| (p, false, 0)),
            };
            let Some((ports, loopback, port_at)) = read else {
                // A bare bind address (`address: 0.0.0.0` beside Envoy's `port_value`) has no
                // port to read.
                let bare = written.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok();
                let addressed = matches!(role, Role::Address | Role::Sender);
                if !written.is_empty() && !(addressed && (bare || written == "*")) {
                    found.note(
                        offset,
                        "snippet-unread",
                        format!(
                            "`{dotted}: {written}` names a listening port that could not be read"
                        ),
                        "a port number (`8443`) or an address with its port (`0.0.0.0:9090`)",
                    );
                }
                continue;
            };
            let whose = match self.name.filter(|_| self.kubernetes) {
                Some(name) if self.service => format!(" of Service `{name}`"),
                Some(name) => format!(" of `{name}`"),
                None => String::new(),
            };
            found.ports.push(SnippetPort {
                offset: offset + port_at,
                ports,
                transport: named
                    .or_else(|| key_transport(key))
                    .or(transport)
                    .or_else(|| collector_transport(path)),
                host_local: local || loopback,
                part: self.name.filter(|_| self.kubernetes).map(str::to_owned),
                backend: false,
                purpose: format!("`{dotted}: {written}`{whose} in the configuration"),
            });
        }
        if found.ports.len() == before
            && let Some((role, offset, written)) = said
        {
            let (code, message, expected) = match role {
                Role::Service if exposed == Exposed::NodePort => (
                    "snippet-random-host-port",
                    format!(
                        "{written} is a `type: NodePort` Service's port with no `nodePort:`: Kubernetes picks the node port at random, no fixed port to open"
                    ),
                    "`nodePort:` with the port every node opens",
                ),
                Role::Service => (
                    "snippet-cluster-only",
                    format!(
                        "{written} is a Kubernetes Service's port, reached inside the cluster: no port is opened on the hosts for it"
                    ),
                    "a `nodePort:` (or `type: LoadBalancer`), or the port stated in a table or a sentence, if clients outside the cluster reach it",
                ),
                _ => (
                    "snippet-container-only",
                    format!(
                        "{written} is the container's own port: no port is opened on the host for it"
                    ),
                    "a `hostPort:` or a Service's `nodePort:`, or the port stated in a table or a sentence, if clients outside reach it",
                ),
            };
            return Some(SnippetNote { offset, code, message, expected });
        }
        None
    }
}

/// Says the notes of a Service's ports unless its mapping opened a host port.
fn settle(notes: Vec<SnippetNote>, opened: bool, found: &mut Snippets) {
    if !opened {
        found.notes.extend(notes);
    }
}

/// Whose port `key` (under `path`) names, if a port at all. Under a plural `…Ports:` mapping
/// (`nodePorts: { http: 30080 }`), the key names the application and the plural the role.
fn role(key: &str, path: &[String], walk: &Walk<'_>) -> Option<Role> {
    // A probe's `port` is the kubelet checking the pod, nothing opened.
    if path.iter().any(|p| words(p).iter().any(|w| w == "probe")) {
        return None;
    }
    if let Some(role) = collector_key(key, path) {
        return Some(role);
    }
    let own = words(key);
    let parent = path.last().map(|p| words(p)).unwrap_or_default();
    // Envoy's `listeners:`, Traefik's `entryPoints:`: what they hold listens.
    let listener = path.iter().any(|p| {
        let w = words(p);
        w.iter().any(|w| w.starts_with("listener")) || w.join("-") == "entry-points"
    });
    let (role_words, in_plural) = if own.last().is_some_and(|w| w == "port") {
        (own.clone(), false)
    } else if listener && own.join("_") == "port_value" {
        (vec!["port".to_owned()], false)
    } else if parent.last().is_some_and(|w| w == "ports") {
        (parent, true)
    } else {
        let joined = own.join("-");
        let address = joined.ends_with("listen-address")
            || joined.ends_with("listen-addr")
            || joined == "listen"
            || (listener && matches!(own.last().map(String::as_str), Some("address" | "addr")));
        return address.then_some(Role::Address);
    };
    let first = role_words.first().map(String::as_str);
    let in_service = walk.service
        || path
            .iter()
            .any(|p| matches!(words(p).last().map(String::as_str), Some("service" | "svc")));
    Some(match (first, role_words.len()) {
        (Some("node" | "host"), 2) => Role::Host,
        (Some("container" | "target"), 2) => Role::Pod,
        // `ports: [{ port: 443 }]` of a Service, Helm's `service: { port: 80 }`.
        (_, 1) if in_service => Role::Service,
        _ if in_plural && in_service => Role::Service,
        _ if walk.kubernetes && !in_service => Role::Pod,
        _ => Role::Host,
    })
}

/// An OpenTelemetry collector's `endpoint` / `listen_address`: under `receivers:` or
/// `extensions:` the collector listens there (OTLP's `0.0.0.0:4317`, a health check's
/// `:13133`); under `exporters:` it sends there (another service's port).
fn collector_key(key: &str, path: &[String]) -> Option<Role> {
    let own = words(key).join("_");
    if !matches!(own.as_str(), "endpoint" | "listen_address") {
        return None;
    }
    let section = path.iter().rev().find_map(|p| match p.as_str() {
        "receivers" | "extensions" => Some(Role::Address),
        "exporters" if own == "endpoint" => Some(Role::Sender),
        _ => None,
    })?;
    Some(section)
}

/// The transport a collector's section names: `udp:` / `tcp:`, OTLP's `grpc:` and `http:`
/// (TCP), Jaeger's `thrift_compact` / `thrift_binary` (UDP agents' protocols).
fn collector_transport(path: &[String]) -> Option<Transport> {
    if !path.iter().any(|p| matches!(p.as_str(), "receivers" | "extensions" | "exporters")) {
        return None;
    }
    path.iter().rev().find_map(|p| {
        let lower = p.to_ascii_lowercase();
        if matches!(lower.as_str(), "thrift_compact" | "thrift_binary") {
            return Some(Transport::Udp);
        }
        key_transport(&lower).or_else(|| {
            words(&lower).iter().find_map(|w| super::vocabulary::app_protocol(w)?.transport)
        })
    })
}

/// A Prometheus `scrape_configs` job's `targets:` (in prometheus.yml or a collector's
/// `prometheus` receiver): the hosts scraped, flows out to their ports.
fn scrape_targets(path: &[String]) -> bool {
    path.last().is_some_and(|p| p == "targets") && path.iter().any(|p| p == "scrape_configs")
}

/// `http://host:4318/v1` → `host:4318` (the scheme and path taken off).
fn without_scheme(written: &str) -> &str {
    let rest = written.find("://").map_or(written, |i| written.get(i + 3..).unwrap_or_default());
    rest.split('/').next().unwrap_or_default()
}

impl Walk<'_> {
    /// Where a sender sends (`otel-backend:4317`, a scrape target `app:9100`): a flow to that
    /// host's port, a backend placed by the walker or said. True when read as such; a bind
    /// address (`0.0.0.0:8889`) is left to be read as this host's listener.
    fn sent(&self, value: &Node, path: &[String], found: &mut Snippets) -> bool {
        let written = scalar(value);
        let target = without_scheme(&written);
        let Some((ports, local, port_at)) = address(target) else { return false };
        let host = target.rsplit_once(':').map_or("", |(h, _)| h).trim_matches(['[', ']']);
        if matches!(host, "" | "0.0.0.0" | "::" | "*") {
            return false;
        }
        let scheme = written.find("://").map_or(0, |i| i + 3);
        let dotted: Vec<&str> = path.iter().map(String::as_str).filter(|p| *p != ITEM).collect();
        found.ports.push(SnippetPort {
            offset: self.place(value.position) + scheme + port_at,
            ports,
            transport: collector_transport(path).or(Some(Transport::Tcp)),
            host_local: local,
            part: (!local).then(|| host.to_owned()),
            backend: !local,
            purpose: format!("`{}: {written}` sends to `{host}` port {ports}", dotted.join(".")),
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::snippets::described;
    use super::*;

    fn read_text(text: &str) -> Snippets {
        let mut found = Snippets::default();
        assert!(read(text, &|p| p, &mut found), "not read as YAML: {text}");
        found
    }

    fn ports(text: &str) -> Vec<String> {
        described(&read_text(text).ports, text)
    }

    fn codes(text: &str) -> Vec<&'static str> {
        read_text(text).notes.iter().map(|n| n.code).collect()
    }

    #[test]
    fn nested_listener_keys_are_read_and_client_sections_are_not() {
        let spring = "server:\n  port: 8443\n  ssl:\n    enabled: true\nmanagement:\n  server:\n    port: 9464\nspring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n  redis:\n    port: 6379\nupstream:\n  port: 9000\n";
        assert_eq!(ports(spring), ["8443/-@84", "9464/-@94"]);
        assert_eq!(
            ports("server:\n  address: 127.0.0.1\n  port: 8080\nmetrics:\n  port: 9100\n"),
            ["8080/- local@80", "9100/-@91"]
        );
        assert_eq!(ports("web:\n  listen-address: \"0.0.0.0:9090\"\n"), ["9090/-@90"]);
        assert_eq!(
            ports("server:\n  http_listen_port: 3100\n  grpc_udp_port: 9096\n"),
            ["3100/-@31", "9096/udp@90"]
        );
        assert_eq!(codes("server:\n  port: \"${PORT}\"\n"), ["snippet-unread"]);
        let traefik =
            "entryPoints:\n  web:\n    address: \":80\"\n  websecure:\n    address: \":443/udp\"\n";
        assert_eq!(ports(traefik), ["80/-@80", "443/udp@44"]);
        let envoy = "static_resources:\n  listeners:\n    - address:\n        socket_address:\n          address: 0.0.0.0\n          port_value: 10000\n  clusters:\n    - load_assignment:\n        endpoints:\n          - lb_endpoints:\n              - endpoint:\n                  address:\n                    socket_address:\n                      address: app\n                      port_value: 8080\n";
        assert_eq!(ports(envoy), ["10000/-@10"]);
        assert!(codes(envoy).is_empty());
        assert_eq!(ports("firewalld:\n  port: 8125/udp\n"), ["8125/udp@81"]);
        assert!(codes("firewalld:\n  port: 8125/udp\n").is_empty());
    }

    #[test]
    fn regression_a_port_beside_another_machines_host_was_read_as_a_listener() {
        // An agent's settings name the manager it connects to: the manager's port, not the
        // agent's (an exposure if opened on the agent).
        let agent = "server:\n  host: manager.example.com\n  port: 1514\ncache:\n  host: 10.0.0.9\n  port: 11211\n";
        assert!(ports(agent).is_empty());
        assert!(codes(agent).is_empty());
        // A bind address is this host's.
        assert_eq!(
            ports(
                "server:\n  host: 0.0.0.0\n  port: 8080\nadmin:\n  address: 10.0.0.5\n  port: 9000\n"
            ),
            ["8080/-@80", "9000/-@90"]
        );
    }

    #[test]
    fn kubernetes_says_which_side_is_the_hosts() {
        let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: intake\nspec:\n  type: NodePort\n  ports:\n    - port: 514\n      targetPort: 5514\n      nodePort: 30514\n      protocol: UDP\n    - port: 8080\n      targetPort: 8080\n";
        assert_eq!(ports(service), ["30514/udp@30"]);
        assert_eq!(read_text(service).ports[0].part.as_deref(), Some("intake"));
        assert_eq!(codes(service), ["snippet-random-host-port"]);
        let cluster = "apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 443\n      targetPort: 8443\n";
        assert!(ports(cluster).is_empty());
        assert_eq!(codes(cluster), ["snippet-cluster-only"]);
        let balancer = "kind: Service\napiVersion: v1\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 443\n      targetPort: 8443\n";
        assert_eq!(ports(balancer), ["443/tcp@44"]);
        let daemon = "apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - ports:\n            - containerPort: 8125\n              hostPort: 8125\n              protocol: UDP\n            - containerPort: 8126\n          livenessProbe:\n            httpGet:\n              port: 8126\n";
        assert_eq!(ports(daemon), ["8125/udp@81"]);
        assert_eq!(codes(daemon), ["snippet-container-only"]);
        let host_network = "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true\n  containers:\n    - ports:\n        - containerPort: 9100\n";
        assert_eq!(ports(host_network), ["9100/tcp@91"]);
    }

    #[test]
    fn regression_collector_receiver_endpoints_were_skipped() {
        let collector = "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\n      http:\n        endpoint: \"0.0.0.0:4318\"\n  jaeger:\n    protocols:\n      thrift_compact:\n        endpoint: 0.0.0.0:6831\n  prometheus:\n    config:\n      scrape_configs:\n        - job_name: app\n          static_configs:\n            - targets: ['app.internal:9100']\nextensions:\n  health_check:\n    endpoint: localhost:13133\nexporters:\n  otlp:\n    endpoint: backend.example:4317\n  otlphttp:\n    endpoint: https://traces.example:4318/v1\n  prometheus:\n    endpoint: 0.0.0.0:8889\n";
        let found = read_text(collector);
        assert_eq!(
            described(&found.ports, collector),
            [
                "4317/tcp@43",
                "4318/tcp@43",
                "6831/udp@68",
                "9100/tcp@91",
                "13133/- local@13",
                "4317/tcp@43",
                "4318/tcp@43",
                "8889/-@88"
            ]
        );
        // The scrape target and the exporters' endpoints are flows out to other services.
        let sent: Vec<Option<&str>> = found.ports.iter().map(|p| p.part.as_deref()).collect();
        assert_eq!(
            sent,
            [
                None,
                None,
                None,
                Some("app.internal"),
                None,
                Some("backend.example"),
                Some("traces.example"),
                None
            ]
        );
        assert!(found.notes.is_empty());
    }

    #[test]
    fn regression_an_untagged_yaml_block_was_read_as_lines() {
        assert!(shaped("server:\n  port: 8443\n"));
        assert!(shaped("service:\n  type: NodePort\n  nodePort: 30080\n"));
        // A flat `Key: value` listing is as often a command's output; `key = value` is no YAML.
        assert!(!shaped("Port: 80\nState: open\n"));
        assert!(!shaped("[server]\nhttp_port = 3000\n"));
        assert!(!shaped("Port 2222\nListenAddress 0.0.0.0\n"));
    }

    #[test]
    fn helm_values_name_the_service_and_its_node_ports() {
        assert_eq!(
            ports("service:\n  type: NodePort\n  port: 80\n  nodePort: 30080\n"),
            ["30080/-@30"]
        );
        let plural = "containerPorts:\n  http: 8080\nservice:\n  ports:\n    http: 80\n  nodePorts:\n    http: 30081\n";
        assert_eq!(ports(plural), ["30081/-@30"]);
        assert_eq!(codes(plural), ["snippet-container-only"]);
        // Compose files and their long syntax stay `compose_ports`'s.
        assert!(ports("services:\n  web:\n    environment:\n      HTTP_PORT: 3000\n").is_empty());
        assert!(ports("ports:\n  - target: 80\n    published: 8080\n").is_empty());
        let mut found = Snippets::default();
        assert!(!read("[server]\nhttp_port = 3000\n", &|p| p, &mut found));
    }
}
