//! A Docker Compose file in a code block: each service's `ports:` (short syntax
//! `"[IP:]HOST:CONTAINER[/udp]"`, or long syntax `target`/`published`/`protocol`/`host_ip`) is a
//! port the host opens, at its published side. `expose:` is reached by other containers only:
//! no host port, said when a service has nothing else. Read with the project's YAML reader,
//! so quoting, flow lists and anchors are Compose's own.

use crate::data::{Node, NodeValue, Position, offset_of, yaml};
use crate::model::{PortRange, Transport};

use super::publish_spec;
use super::snippets::{self, EXPECTED_MAPPING, SnippetPort, Snippets, Written};

/// Reads `text` when it is a Compose file (a top-level `services:` mapping) or a fragment of
/// one service (a top-level `ports:` list, nothing of Kubernetes' `apiVersion`/`kind`).
pub(super) fn read(text: &str, at: &dyn Fn(usize) -> usize, found: &mut Snippets) {
    // Only text that has the keys: most YAML blocks are not Compose files.
    if !text.contains("ports:") && !text.contains("expose:") && !text.contains("network_mode") {
        return;
    }
    let root = match yaml::parse(text) {
        Ok(root) => root,
        Err(error) => {
            if text.lines().any(|line| line.trim_end() == "services:") {
                found.note(
                    at(offset_of(text, error.position)),
                    "snippet-unread",
                    format!("the Compose file could not be read as YAML: {}", error.message),
                    "a Compose file that `docker compose config` accepts",
                );
            }
            return;
        }
    };
    let services: Vec<(Option<&str>, &Node)> = match root.get("services") {
        Some(services) => services
            .as_mapping()
            .unwrap_or_default()
            .iter()
            .map(|(key, service)| (Some(key.name.as_str()), service))
            .collect(),
        None if root.get("apiVersion").is_none() && root.get("kind").is_none() => {
            vec![(None, &root)]
        }
        None => return,
    };
    let place = |position: Position| at(offset_of(text, position));
    for (name, service) in services {
        read_service(text, name, service, &place, found);
    }
}

/// Keys only a Compose service has: what a container runs and how it is published.
const SERVICE_KEYS: &[&str] = &[
    "image",
    "build",
    "ports",
    "expose",
    "network_mode",
    "container_name",
    "depends_on",
    "environment",
    "volumes",
    "command",
    "entrypoint",
    "restart",
];

/// Whether `root` is a Compose file: a `services:` mapping one of whose services has a key of
/// a container's. A workflow server's own `services:` / `frontend:` / `rpc:` is its
/// configuration, whose ports the YAML listener reader reads (it was skipped as a Compose file
/// and its ports were lost without a word).
pub(super) fn is_compose_file(root: &Node) -> bool {
    root.get("services").and_then(Node::as_mapping).is_some_and(|services| {
        services.iter().any(|(_, service)| {
            service.as_mapping().is_some_and(|keys| {
                keys.iter().any(|(key, _)| SERVICE_KEYS.contains(&key.name.as_str()))
            })
        })
    })
}

fn read_service(
    text: &str,
    name: Option<&str>,
    service: &Node,
    place: &dyn Fn(Position) -> usize,
    found: &mut Snippets,
) {
    let published = found.ports.len();
    if let Some(mode) = service.get("network_mode").filter(|m| m.as_str() == Some("host")) {
        found.note(
            place(mode.position),
            "snippet-host-network",
            format!("{} shares the host's network: its ports are the host's, and the Compose file does not say which", who(name)),
            "the ports the application listens on, stated in a table or a sentence",
        );
    }
    for entry in service.get("ports").and_then(Node::as_sequence).unwrap_or_default() {
        match &entry.value {
            NodeValue::Mapping(_) => long_syntax(name, entry, place, found),
            NodeValue::Integer(port) => found.note(
                place(entry.position),
                "snippet-random-host-port",
                format!("`{port}` under `ports:` of {} publishes container port {port} on a random host port: no fixed port to open", who(name)),
                snippets::EXPECTED_FIXED,
            ),
            NodeValue::String(spec) => short_syntax(text, name, spec, entry.position, place, found),
            _ => found.note(
                place(entry.position),
                "snippet-unread",
                format!("{} under `ports:` of {} is no published port", entry.kind(), who(name)),
                EXPECTED_MAPPING,
            ),
        }
    }
    if found.ports.len() == published
        && let Some(first) =
            service.get("expose").and_then(Node::as_sequence).and_then(<[_]>::first)
    {
        found.note(
            place(first.position),
            "snippet-container-only",
            format!("{} only exposes ports to other containers (`expose:`): no port is published on the host, so none is a host requirement", who(name)),
            "a `ports:` entry, or the port stated in a table or a sentence, if clients outside the host reach it",
        );
    }
}

/// "service `web`", or "the service" for a fragment.
fn who(name: Option<&str>) -> String {
    name.map_or_else(|| "the service".to_owned(), |n| format!("service `{n}`"))
}

fn short_syntax(
    text: &str,
    name: Option<&str>,
    spec: &str,
    position: Position,
    place: &dyn Fn(Position) -> usize,
    found: &mut Snippets,
) {
    let start = offset_of(text, position);
    // A quoted scalar's position is its opening quote.
    let quote = usize::from(matches!(text.as_bytes().get(start), Some(b'"' | b'\'')));
    let at_spec = place(position) + quote;
    let written = Written {
        spec,
        at: &|i| at_spec + i,
        named: format!("`{spec}` under `ports:` of {}", who(name)),
        part: name,
        purpose: line_comment(text, start),
    };
    snippets::publish(written, found);
}

/// `target: 80`, `published: "8080"`, `protocol: udp`, `host_ip: 127.0.0.1`.
fn long_syntax(
    name: Option<&str>,
    entry: &Node,
    place: &dyn Fn(Position) -> usize,
    found: &mut Snippets,
) {
    let target = entry.get("target").map(scalar).unwrap_or_default();
    let Some(published) = entry.get("published") else {
        found.note(
            place(entry.position),
            "snippet-random-host-port",
            format!("the `ports:` entry of {} with target `{target}` has no `published` port: Docker picks a random host port, no fixed port to open", who(name)),
            "`published:` with the host port",
        );
        return;
    };
    let written = scalar(published);
    let transport = match entry.get("protocol").map(scalar) {
        None => Some(Transport::Tcp),
        Some(word) => Transport::parse(&word),
    };
    let (Some(ports), Some(transport)) = (publish_spec::port_range(&written), transport) else {
        found.note(
            place(published.position),
            "snippet-unread",
            format!(
                "the `ports:` entry of {} (published `{written}`) could not be read",
                who(name)
            ),
            "`published:` a port or range, `protocol:` tcp or udp",
        );
        return;
    };
    let host_local = entry
        .get("host_ip")
        .and_then(Node::as_str)
        .is_some_and(|ip| publish_spec::is_loopback(ip.trim_matches(['[', ']'])));
    push_long(name, place(published.position), ports, transport, host_local, &target, found);
}

fn push_long(
    name: Option<&str>,
    offset: usize,
    ports: PortRange,
    transport: Transport,
    host_local: bool,
    target: &str,
    found: &mut Snippets,
) {
    found.ports.push(SnippetPort {
        offset,
        ports,
        transport: Some(transport),
        host_local,
        part: name.map(str::to_owned),
        backend: false,
        purpose: format!(
            "published by {}: host port {ports} to the container's {target}",
            who(name)
        ),
    });
}

/// A scalar as text (`80`, `"8080"`, `8080-8081`); also `yaml_listeners`'.
pub(super) fn scalar(node: &Node) -> String {
    match &node.value {
        NodeValue::Integer(n) => n.to_string(),
        NodeValue::String(s) => s.clone(),
        NodeValue::Float(f) => f.clone(),
        _ => String::new(),
    }
}

/// The comment at the end of the line holding `offset` (`- "8443:8443"  # dashboard`).
fn line_comment(text: &str, offset: usize) -> Option<String> {
    let rest = text.get(offset..)?;
    let line = rest.split('\n').next().unwrap_or_default();
    let (_, comment) = line.split_once(" #")?;
    let comment = comment.trim();
    (!comment.is_empty()).then(|| comment.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Snippets {
        snippets::read_by(read, text)
    }

    fn ports(text: &str) -> Vec<String> {
        let found = read_text(text);
        let parts = found.ports.iter().map(|p| p.part.as_deref().unwrap_or("-"));
        let described = snippets::described(&found.ports, text);
        parts.zip(described).map(|(part, port)| format!("{part} {port}")).collect()
    }

    #[test]
    fn short_and_long_compose_ports_are_read_at_the_published_side() {
        let text = "services:\n  web:\n    image: x\n    ports:\n      - \"8443:443\"   # the dashboard\n      - 5140:5140/udp\n      - 127.0.0.1:5432:5432\n      - target: 9000\n        published: \"9001\"\n        protocol: udp\n        host_ip: \"[::1]\"\n  db:\n    ports: [\"7000-7005:7000-7005\"]\n";
        assert_eq!(
            ports(text),
            [
                "web 8443/tcp@84",
                "web 5140/udp@51",
                "web 5432/tcp local@54",
                "web 9001/udp local@\"9",
                "db 7000-7005/tcp@70"
            ]
        );
        assert_eq!(read_text(text).ports[0].purpose, "the dashboard");
    }

    #[test]
    fn expose_random_ports_and_kubernetes_manifests_make_no_host_port() {
        let found = read_text(
            "services:\n  api:\n    expose:\n      - \"3000\"\n  cache:\n    ports:\n      - \"6379\"\n      - target: 80\n",
        );
        assert!(found.ports.is_empty());
        let codes: Vec<&str> = found.notes.iter().map(|n| n.code).collect();
        assert_eq!(
            codes,
            ["snippet-container-only", "snippet-random-host-port", "snippet-random-host-port"]
        );
        // A Kubernetes Service is not a Compose file; a fragment of one service is.
        assert!(read_text("apiVersion: v1\nkind: Service\nports:\n  - 80:80\n").ports.is_empty());
        assert_eq!(ports("ports:\n  - 3000:3000\n"), ["- 3000/tcp@30"]);
    }

    #[test]
    fn a_broken_compose_file_is_said_where_it_breaks() {
        let found = read_text("services:\n  web:\n    ports:\n      - \"80:80\n    image: [\n");
        assert_eq!(found.notes.first().map(|n| n.code), Some("snippet-unread"));
    }
}
