//! Listening directives written `NAME VALUE`, with no `=`: sshd_config's `Port 2222` and
//! `ListenAddress 0.0.0.0:2222`, redis.conf's `port 6380` / `tls-port 6379`, squid's
//! `http_port 3128`, mosquitto's `listener 8883 0.0.0.0`, BIND's `listen-on port 5353 { any; };`.
//! Daemons of the Unix tradition write their files this way; read as nothing, such a page
//! made no rule (an outage). The directive's last word is `port` (or it is a listener
//! directive), so a client's or a peer's setting (`replicaof db 6379`, `cache_peer p 3128 0`)
//! is not one. An address-only `bind 127.0.0.1 ::1` / `ListenAddress 127.0.0.1` makes the
//! block's ports host-local; after an ssh client's `Host` line every port is another machine's.

use crate::model::{PortRange, Transport};

use super::config_listeners::{elsewhere, key_transport, key_words, strip_comment};
use super::publish_spec;
use super::server_listeners::{address, word_at};
use super::snippets::{SnippetPort, Snippets};

/// Languages whose blocks may hold such directives (an untagged block too).
const DIRECTIVE_LANGUAGES: &[&str] = &[
    "",
    "conf",
    "cfg",
    "config",
    "text",
    "plaintext",
    "txt",
    "sshd_config",
    "sshd",
    "redis",
    "squid",
    "named",
    "bind",
    "dns-zone-file",
    "mosquitto",
    "apacheconf",
    "apache",
];

/// One port directive before the block's bind addresses are known.
struct Directive {
    port: SnippetPort,
    /// The directive gave its own address (`http_port 127.0.0.1:3128`): the block's `bind`
    /// says nothing of it.
    own_address: bool,
}

/// Reads the `NAME VALUE` listening directives of `text` (a block in `language`).
pub(super) fn read(text: &str, language: &str, at: &dyn Fn(usize) -> usize, found: &mut Snippets) {
    if !DIRECTIVE_LANGUAGES.contains(&language) {
        return;
    }
    let mut directives = Vec::new();
    // Bind addresses without a port (`bind 127.0.0.1 ::1`): all loopback makes the block's
    // port directives host-local.
    let mut binds: Vec<bool> = Vec::new();
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        let start = position;
        position += line.len();
        let body = strip_comment(line).trim_end();
        let words: Vec<&str> = body.split_whitespace().collect();
        let Some(name) = words.first() else { continue };
        let lower = name.to_ascii_lowercase();
        // An ssh client's `Host bastion`: what follows is about other machines.
        if lower == "host" && words.len() >= 2 && language != "sshd_config" {
            break;
        }
        if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            continue;
        }
        let args = words.get(1..).unwrap_or_default();
        if let Some(local) = bind_only(&lower, args) {
            binds.push(local);
            continue;
        }
        let Some((arg, ports, host_local, port_at, own_address)) = directive(&lower, args) else {
            if let Some(arg) = templated(&lower, args) {
                found.note(
                    at(start + word_at(line, arg)),
                    "snippet-unread",
                    format!(
                        "`{}` listens on a port set elsewhere (a variable): not read",
                        body.trim()
                    ),
                    "the port as a number (`Port 2222`), or stated in a table or a sentence",
                );
            }
            continue;
        };
        let transports = transports(&lower, language);
        for transport in transports {
            directives.push(Directive {
                port: SnippetPort {
                    offset: at(start + word_at(line, arg) + port_at),
                    ports,
                    transport,
                    host_local,
                    part: None,
                    backend: false,
                    purpose: format!("`{}` in the configuration", body.trim()),
                },
                own_address,
            });
        }
    }
    let loopback_only = !binds.is_empty() && binds.iter().all(|local| *local);
    found.ports.extend(directives.into_iter().map(|d| {
        let host_local = d.port.host_local || (loopback_only && !d.own_address);
        SnippetPort { host_local, ..d.port }
    }));
}

/// `bind 127.0.0.1 -::1` (Redis), `ListenAddress 10.0.0.5` (sshd), `bind_address 0.0.0.0`
/// (mosquitto): addresses with no port; whether all of them are loopback.
fn bind_only(name: &str, args: &[&str]) -> Option<bool> {
    let words = key_words(name);
    let binds = matches!(words.first().map(String::as_str), Some("bind"))
        || words.join("") == "listenaddress";
    if !binds || args.is_empty() {
        return None;
    }
    let addresses: Vec<&str> = args.iter().map(|a| a.trim_start_matches('-')).collect();
    let all_ips = addresses.iter().all(|a| {
        a.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok()
            || a.eq_ignore_ascii_case("localhost")
    });
    all_ips.then(|| addresses.iter().all(|a| publish_spec::is_loopback(a.trim_matches(['[', ']']))))
}

/// The port one directive listens on: its argument, the port, whether loopback-bound, the
/// port's offset in the argument, and whether the directive names its own address.
fn directive<'a>(name: &str, args: &[&'a str]) -> Option<(&'a str, PortRange, bool, usize, bool)> {
    let words = key_words(name);
    let last = words.last().map(String::as_str)?;
    // An advertised port (`cluster-announce-port`) or a client's (`upstream_port`) is no
    // listener of this host's.
    if words.iter().any(|w| w == "announce" || w == "advertise") || elsewhere(name) {
        return None;
    }
    match (words.join("-").as_str(), last) {
        // BIND: `listen-on port 5353 { any; };`, `listen-on-v6 port 53 { ::1; };`.
        (joined, _) if joined.starts_with("listen-on") => {
            let at = args.iter().position(|a| a.eq_ignore_ascii_case("port"))?;
            let arg = *args.get(at + 1)?;
            let ports = publish_spec::port_range(arg)?;
            let listed: Vec<&str> = args
                .get(at + 2..)
                .unwrap_or_default()
                .iter()
                .map(|a| a.trim_matches(['{', '}', ';']))
                .filter(|a| !a.is_empty())
                .collect();
            let local = !listed.is_empty() && listed.iter().all(|a| publish_spec::is_loopback(a));
            Some((arg, ports, local, 0, !listed.is_empty()))
        }
        // mosquitto: `listener 8883 [bind address]`.
        ("listener", _) => {
            let arg = *args.first()?;
            let ports = publish_spec::port_range(arg)?;
            let bound = args.get(1).map(|a| publish_spec::is_loopback(a.trim_matches(['[', ']'])));
            Some((arg, ports, bound.unwrap_or(false), 0, bound.is_some()))
        }
        // sshd `ListenAddress 0.0.0.0:2222` (an address alone is `bind_only`'s).
        ("listen-address", _) | ("listenaddress", _) => {
            let arg = *args.first()?;
            let (ports, local, at) = address(arg).filter(|_| arg.contains(':'))?;
            Some((arg, ports, local, at, true))
        }
        // `Port 2222`, `port 6380`, `tls-port 6379`, `http_port 127.0.0.1:3128 intercept`
        // (options follow a named port only: "port 22 is open" is a sentence).
        (_, "port") if words.len() > 1 || args.len() == 1 => {
            let arg = *args.first()?;
            let (ports, local, at) = address(arg)?;
            Some((arg, ports, local, at, arg.contains(':')))
        }
        _ => None,
    }
}

/// A port directive whose value is a variable (`Port ${SSH_PORT}`, `port {{ redis_port }}`).
fn templated<'a>(name: &str, args: &[&'a str]) -> Option<&'a str> {
    let last = key_words(name).last().cloned()?;
    let arg = *args.first()?;
    (last == "port" && !elsewhere(name) && (arg.contains('$') || arg.contains("{{"))).then_some(arg)
}

/// The transports a directive listens on: the key's (`udp_port`), the protocol it names
/// (`http_port`: HTTP is TCP), DNS's both for BIND's `listen-on`, MQTT's TCP for mosquitto's
/// `listener`, or the daemon the block is for (`sshd_config`: SSH is TCP).
fn transports(name: &str, language: &str) -> Vec<Option<Transport>> {
    if name.starts_with("listen-on") {
        return vec![Some(Transport::Tcp), Some(Transport::Udp)];
    }
    if name == "listener" {
        return vec![Some(Transport::Tcp)];
    }
    let named = key_transport(name).or_else(|| {
        key_words(name).iter().chain(key_words(language).first()).find_map(|w| protocol_of(w))
    });
    vec![named]
}

/// The transport of the protocol a word names, a daemon's name too (`sshd` → SSH → TCP).
fn protocol_of(word: &str) -> Option<Transport> {
    let protocol = super::vocabulary::app_protocol(word)
        .or_else(|| word.strip_suffix('d').and_then(super::vocabulary::app_protocol))?;
    protocol.transport
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ports(text: &str, language: &str) -> Vec<String> {
        super::super::snippets::ports_in(read, text, language)
    }

    #[test]
    fn regression_port_directives_without_an_equals_sign_were_unread() {
        let sshd = "# sshd_config\nPort 2222\nListenAddress 0.0.0.0:2200\nPermitRootLogin no\n";
        assert_eq!(ports(sshd, "sshd_config"), ["2222/tcp@22", "2200/tcp@22"]);
        let redis = "bind 0.0.0.0\nport 6380\ntls-port 6390\nreplicaof db.internal 6379\ncluster-announce-port 7000\n";
        // (TLS is over TCP.)
        assert_eq!(ports(redis, "conf"), ["6380/-@63", "6390/tcp@63"]);
        assert_eq!(
            ports(
                "http_port 3128\nhttp_port 127.0.0.1:3129 intercept\ncache_peer up.example parent 3128 0\n",
                ""
            ),
            ["3128/tcp@31", "3129/tcp local@31"]
        );
        assert_eq!(
            ports("options {\n    listen-on port 5353 { any; };\n};\n", "named"),
            ["5353/tcp@53", "5353/udp@53"]
        );
        assert_eq!(
            ports("listener 1883\nlistener 8883 0.0.0.0\nlistener 9001 127.0.0.1\n", "conf"),
            ["1883/tcp@18", "8883/tcp@88", "9001/tcp local@90"]
        );
    }

    #[test]
    fn loopback_binds_client_hosts_and_variables() {
        // Redis bound to loopback only: the port is host-local.
        assert_eq!(ports("bind 127.0.0.1 -::1\nport 6379\n", "redis"), ["6379/- local@63"]);
        // An ssh client's `Host` block: another machine's port.
        assert!(ports("Host bastion\n    HostName b.example\n    Port 2222\n", "").is_empty());
        // Prose-like lines and other languages are not directives.
        assert!(ports("port 22 is open\nPort: 80\n", "").is_empty());
        assert!(ports("Port 2222\n", "python").is_empty());
        let mut found = Snippets::default();
        read("Port ${SSH_PORT}\n", "sshd_config", &|p| p, &mut found);
        assert!(found.ports.is_empty());
        assert_eq!(found.notes.iter().map(|n| n.code).collect::<Vec<_>>(), ["snippet-unread"]);
    }
}
