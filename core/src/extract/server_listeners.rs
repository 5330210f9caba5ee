//! Listeners of web servers and proxies in a code block, as their own files write them:
//! nginx's and Apache's `listen 443 ssl;` / `Listen 8443`, HAProxy's `bind *:443 ssl crt …`,
//! systemd's `ListenStream=`/`ListenDatagram=`, a Caddyfile's site address `:8080 {`, and
//! a server's `--web.listen-address=:9100` flag (in a unit's `ExecStart=` or a command).
//! Where such a server sends requests on (`proxy_pass`, `fastcgi_pass`, `ProxyPass`,
//! `reverse_proxy`, an upstream's or backend's `server`) is a flow to a backend, not a
//! listener of the proxy's: a loopback backend is a host-local port, another one is the
//! backend's port, placed by the walker when it names a declared part, else said.

use crate::model::{PortRange, Transport};

use super::config_listeners::strip_comment;
use super::publish_spec;
use super::snippets::{SHELLS, SnippetPort, Snippets};

/// Directives that send requests on to a backend (the address is their last argument).
const PASSES: &[&str] =
    &["proxy_pass", "fastcgi_pass", "grpc_pass", "uwsgi_pass", "scgi_pass", "proxypass"];

/// A listening address as such servers write it: `443`, `*:443`, `[::]:80`, `127.0.0.1:8080`,
/// `http://:80`; the port, whether it is loopback-bound, and the port's offset in `arg`.
pub(super) fn address(arg: &str) -> Option<(PortRange, bool, usize)> {
    let scheme = arg.find("://").map_or(0, |i| i + 3);
    let rest = arg.get(scheme..)?;
    let rest = rest.split('/').next().unwrap_or_default();
    if let Some(ports) = publish_spec::port_range(rest) {
        return Some((ports, false, scheme));
    }
    // Redis's `bind ::1` or `bind 10.0.0.1` is an address with no port (HAProxy's `:::80` is
    // `[::]:80`).
    if rest.parse::<std::net::IpAddr>().is_ok() {
        return None;
    }
    let (host, port) = rest.rsplit_once(':')?;
    let ports = publish_spec::port_range(port)?;
    let host = host.trim_matches(['[', ']']);
    // (The port ends `rest`: it starts its own length before the end.)
    Some((ports, publish_spec::is_loopback(host), scheme + rest.len() - port.len()))
}

/// Reads the listeners and backends of `text` (a block in `language`).
pub(super) fn read(text: &str, language: &str, at: &dyn Fn(usize) -> usize, found: &mut Snippets) {
    // A shell's lines are commands: only their `--…listen-address` flags are read. In a YAML
    // file (a pod's `args:`, a Compose `command:`) a flag sets the container's port, not the
    // host's, as it does after `docker run … IMAGE`.
    let shell = SHELLS.contains(&language);
    let yaml = matches!(language, "yaml" | "yml") || language.contains("compose");
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        let start = position;
        position += line.len();
        let mut put = |port: SnippetPort| {
            found.ports.push(SnippetPort { offset: at(start + port.offset), ..port });
        };
        if !yaml && !in_container(line) {
            flags(line, &mut put);
        }
        if shell {
            continue;
        }
        let body = strip_comment(line);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim().trim_end_matches(';').trim_end();
        if let Some(port) = directive(trimmed) {
            put(SnippetPort { offset: lead + port.offset, ..port });
        } else if let Some(variable) = templated(trimmed) {
            found.note(
                at(start + lead + variable),
                "snippet-unread",
                format!("`{trimmed}` listens on a port set elsewhere (a variable): not read"),
                "the port as a number (`listen 8080;`), or stated in a table or a sentence",
            );
        }
    }
}

/// Where a listening directive's argument is a variable (`listen ${PORT};`, `bind :$PORT`,
/// `ListenStream={{ port }}`): a port this reader cannot tell.
fn templated(line: &str) -> Option<usize> {
    let mut words = line.split_whitespace();
    let first = words.next()?;
    let (key, value) = first.split_once('=').unwrap_or((first, ""));
    let listening = matches!(
        key.to_ascii_lowercase().as_str(),
        "listen" | "bind" | "listenstream" | "listendatagram"
    );
    let arg = if value.is_empty() { words.next()? } else { value };
    (listening && (arg.contains('$') || arg.contains("{{"))).then(|| word_at(line, arg))
}

/// A command that starts a container: its image's flags are the container's.
fn in_container(line: &str) -> bool {
    line.split_whitespace().any(|w| matches!(w, "docker" | "podman" | "nerdctl" | "kubectl"))
}

/// `--web.listen-address=:9100`, `--listen-addr ":8080"` anywhere in a line.
fn flags(line: &str, put: &mut dyn FnMut(SnippetPort)) {
    for (at, _) in line.match_indices("--") {
        let Some(rest) = line.get(at + 2..) else { continue };
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "._-".contains(c)))
            .unwrap_or(rest.len());
        let name = rest.get(..name_len).unwrap_or_default().to_ascii_lowercase();
        if !["listen-address", "listen_address", "listen-addr", "listen_addr"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
        {
            continue;
        }
        let after = rest.get(name_len..).unwrap_or_default();
        let separator = after.len() - after.trim_start_matches(['=', ' ']).len();
        let value = after.get(separator..).unwrap_or_default();
        let quote = value.len() - value.trim_start_matches(['"', '\'']).len();
        let value = value.get(quote..).unwrap_or_default();
        let value = value.split(|c: char| c.is_whitespace() || "\"',".contains(c)).next();
        let Some((ports, local, port_at)) = value.and_then(address) else { continue };
        let flag = format!("--{name}={}", value.unwrap_or_default());
        put(SnippetPort {
            offset: at + 2 + name_len + separator + quote + port_at,
            ports,
            transport: Some(Transport::Tcp),
            host_local: local,
            part: None,
            backend: false,
            purpose: format!("listens as `{flag}` sets"),
        });
    }
}

/// One directive line (its comment and `;` taken off), offsets relative to it.
fn directive(line: &str) -> Option<SnippetPort> {
    let mut words = line.split_whitespace();
    let first = words.next()?;
    let lower = first.to_ascii_lowercase();
    let (key, value) = first.split_once('=').unwrap_or((first, ""));
    let key = key.to_ascii_lowercase();
    // systemd socket units: a path (`/run/x.sock`) or an abstract socket is no port.
    if let Some(transport) = match key.as_str() {
        "listenstream" | "listensequentialpacket" => Some(Transport::Tcp),
        "listendatagram" => Some(Transport::Udp),
        _ => None,
    } {
        let (ports, local, port_at) = address(value)?;
        return Some(listening(line, key.len() + 1 + port_at, ports, transport, local));
    }
    match lower.as_str() {
        // nginx `listen 443 ssl`, `listen 53 udp`; Apache `Listen 8443` / `Listen 10.0.0.1:80`.
        "listen" => {
            let arg = words.next()?;
            let (ports, local, port_at) = address(arg)?;
            let udp =
                words.any(|w| w.eq_ignore_ascii_case("udp") || w.eq_ignore_ascii_case("quic"));
            let transport = if udp { Transport::Udp } else { Transport::Tcp };
            Some(listening(line, word_at(line, arg) + port_at, ports, transport, local))
        }
        // HAProxy `bind *:443 ssl crt …`, `bind :80,:8080`.
        "bind" => {
            let arg = words.next()?;
            let first_address = arg.split(',').next()?;
            let (ports, local, port_at) = address(first_address)?;
            Some(listening(line, word_at(line, arg) + port_at, ports, Transport::Tcp, local))
        }
        "server" | "reverse_proxy" => {
            // nginx upstream `server 10.0.0.5:8080 weight=2`, HAProxy `server web1 10.0.0.5:8080
            // check`, Caddy `reverse_proxy app:3000`: the first argument with a port.
            let arg = words.find(|w| w.contains(':') && address(w).is_some())?;
            backend(line, arg)
        }
        _ if PASSES.contains(&lower.as_str()) => backend(line, words.last()?),
        _ => caddy_site(line),
    }
}

/// The offset of `word` (a slice of `line`) in `line`.
pub(super) fn word_at(line: &str, word: &str) -> usize {
    (word.as_ptr() as usize).saturating_sub(line.as_ptr() as usize)
}

fn listening(
    line: &str,
    offset: usize,
    ports: PortRange,
    transport: Transport,
    host_local: bool,
) -> SnippetPort {
    SnippetPort {
        offset,
        ports,
        transport: Some(transport),
        host_local,
        part: None,
        backend: false,
        purpose: format!("`{line}` in the server's configuration"),
    }
}

/// Where a proxy sends requests on: the backend's port (on this host when loopback).
fn backend(line: &str, arg: &str) -> Option<SnippetPort> {
    let arg = arg.trim_matches(['"', '\'']);
    let (ports, local, port_at) = address(arg)?;
    let scheme = arg.find("://").map_or(0, |i| i + 3);
    let host = arg.get(scheme..)?.rsplit_once(':')?.0.trim_matches(['[', ']']);
    if host.is_empty() || host.starts_with("unix") {
        return None;
    }
    Some(SnippetPort {
        offset: word_at(line, arg) + port_at,
        ports,
        transport: Some(Transport::Tcp),
        host_local: local,
        part: (!local).then(|| host.to_owned()),
        backend: !local,
        purpose: format!("`{line}` sends requests on to `{host}` port {ports}"),
    })
}

/// A Caddyfile site block opened by addresses with a port: `:8080 {`, `example.com:8443 {`.
fn caddy_site(line: &str) -> Option<SnippetPort> {
    let head = line.strip_suffix('{')?.trim_end();
    let sites: Vec<&str> = head.split([',', ' ']).filter(|s| !s.is_empty()).collect();
    let first = *sites.first()?;
    // Every word an address with its port (`:8080`, `host:8443`, `http://host:80`).
    let all = sites.iter().all(|s| s.contains(':') && address(s).is_some_and(|(_, _, at)| at > 0));
    if !all {
        return None;
    }
    let (ports, local, port_at) = address(first)?;
    Some(listening(line, word_at(line, first) + port_at, ports, Transport::Tcp, local))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ports(text: &str, language: &str) -> Vec<String> {
        let mut found = Snippets::default();
        read(text, language, &|p| p, &mut found);
        let described = super::super::snippets::described(&found.ports, text);
        found
            .ports
            .iter()
            .zip(described)
            .map(|(p, d)| match &p.part {
                Some(part) => format!("{d} to {part}"),
                None => d,
            })
            .collect()
    }

    #[test]
    fn web_server_proxy_and_socket_listeners_are_read() {
        let nginx = "server {\n    listen 443 ssl http2;\n    listen [::]:80;\n    listen 127.0.0.1:8080;\n    # listen 8443 ssl;\n    listen 53 udp;\n    server_name example.com;\n}\n";
        assert_eq!(
            ports(nginx, "nginx"),
            ["443/tcp@44", "80/tcp@80", "8080/tcp local@80", "53/udp@53"]
        );
        assert_eq!(
            ports("Listen 8443\nListen 10.0.0.1:8080\n", "apache"),
            ["8443/tcp@84", "8080/tcp@80"]
        );
        assert_eq!(
            ports(
                "frontend web\n    bind *:443 ssl crt /etc/ssl/site.pem\n    bind :::80 v4v6\n",
                ""
            ),
            ["443/tcp@44", "80/tcp@80"]
        );
        assert_eq!(
            ports(
                "[Socket]\nListenStream=0.0.0.0:8022\nListenDatagram=514\nListenStream=/run/app.sock\n",
                "ini"
            ),
            ["8022/tcp@80", "514/udp@51"]
        );
        assert_eq!(
            ports(":8080 {\n    respond \"hi\"\n}\nexample.com:8443 {\n}\nserver {\n}\n", "caddy"),
            ["8080/tcp@80", "8443/tcp@84"]
        );
        assert_eq!(
            ports(
                "ExecStart=/usr/bin/exporter --web.listen-address=:9100 --log.level=info\n",
                "ini"
            ),
            ["9100/tcp@91"]
        );
        assert_eq!(
            ports("prometheus --web.listen-address \"127.0.0.1:9090\"\n", "sh"),
            ["9090/tcp local@90"]
        );
        // A container's flag sets its own port: the host's is the `-p` (`docker_publish`).
        assert!(
            ports("docker run -p 9101:9100 exporter --web.listen-address=:9100\n", "sh").is_empty()
        );
        assert!(ports("args:\n  - --web.listen-address=:9100\n", "yaml").is_empty());
    }

    #[test]
    fn proxy_targets_are_backends_not_the_proxys_listeners() {
        let nginx = "location / {\n    proxy_pass http://127.0.0.1:8080/;\n}\nlocation /api {\n    proxy_pass http://api:9000;\n}\nupstream app {\n    server 10.0.0.5:3000 weight=2;\n}\nlocation /x {\n    proxy_pass http://app;\n}\n";
        assert_eq!(
            ports(nginx, "nginx"),
            ["8080/tcp local@80", "9000/tcp@90 to api", "3000/tcp@30 to 10.0.0.5"]
        );
        assert_eq!(
            ports("backend b\n    server web1 web1.internal:8081 check\n", "haproxy"),
            ["8081/tcp@80 to web1.internal"]
        );
        assert_eq!(ports("reverse_proxy localhost:2283\n", "caddy"), ["2283/tcp local@22"]);
        assert_eq!(
            ports("ProxyPass \"/\" \"http://app.internal:8000/\"\n", "apache"),
            ["8000/tcp@80 to app.internal"]
        );
        // Shell commands name no directive; HCL blocks and prose are no Caddy sites.
        assert!(ports("listen 443\n", "bash").is_empty());
        let mut found = Snippets::default();
        read(
            "server {\n    listen ${PORT};\n    listen unix:/run/x.sock;\n}\nbind 127.0.0.1 ::1\n",
            "nginx",
            &|p| p,
            &mut found,
        );
        assert!(found.ports.is_empty());
        let codes: Vec<(&str, usize)> = found.notes.iter().map(|n| (n.code, n.offset)).collect();
        assert_eq!(codes, [("snippet-unread", 20)]);
        assert!(ports("listener \"tcp\" {\n  listen on port 80\n}\n", "hcl").is_empty());
    }
}
