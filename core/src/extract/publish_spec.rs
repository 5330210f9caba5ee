//! One published-port mapping as `docker run -p` and Compose's short `ports:` syntax write
//! it: `[IP:][HOST:]CONTAINER[/PROTOCOL]` (`8080:80`, `127.0.0.1:5432:5432`,
//! `[::1]:9000:9000`, `7000-7005:7000-7005`, `5140:5140/udp`, `${WEB_PORT:-3000}:3000`).
//! The port a firewall sees is the HOST side; a mapping without one gets a random host port.

use std::ops::Range;

use crate::model::{PortRange, Transport};

/// What a mapping publishes on the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostSide {
    /// A fixed host port or range, where it is written in the spec, and the variable it is
    /// the default of (`${WEB_PORT:-3000}`), if any.
    Fixed { ports: PortRange, span: Range<usize>, default_of: Option<String> },
    /// `-p 80`, `- "80"`, `127.0.0.1::80`: Docker picks a free host port at start.
    Random,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mapping {
    pub(crate) host: HostSide,
    /// The container side as written (`80`, `7000-7005`).
    pub(crate) container: String,
    pub(crate) transport: Transport,
    /// Bound to a loopback address: reachable from the same host only.
    pub(crate) host_local: bool,
}

/// Why a mapping could not be read (said in a warning with what was expected).
pub(crate) type Unread = String;

/// Reads one mapping; `Err` says what in it could not be read.
pub(crate) fn read(spec: &str) -> Result<Mapping, Unread> {
    let (body, transport) = match spec.rsplit_once('/') {
        Some((body, word)) => match Transport::parse(word) {
            Some(transport) => (body, transport),
            None => return Err(format!("`/{word}` is not tcp, udp or sctp")),
        },
        None => (spec, Transport::Tcp),
    };
    let parts = split_outside_braces(body);
    let (ip, host, container) = match parts.as_slice() {
        [container] => (None, None, *container),
        [host, container] => (None, Some(*host), *container),
        [ip, host, container] => (Some(*ip), Some(*host), *container),
        _ => return Err("more than `IP:HOST:CONTAINER` (an IPv6 address needs [brackets])".into()),
    };
    if container.0.is_empty() {
        return Err("no container port".into());
    }
    // `${BIND_ADDRESS:-127.0.0.1}`: the address the variable defaults to.
    let host_local = ip.is_some_and(|(ip, _)| {
        let ip = ip
            .strip_prefix("${")
            .and_then(|v| v.strip_suffix('}'))
            .and_then(|v| v.split_once(":-").map(|(_, default)| default))
            .unwrap_or(ip);
        is_loopback(ip.trim_matches(['[', ']']))
    });
    let host = match host {
        None | Some(("", _)) => HostSide::Random,
        Some((text, at)) => fixed(text, at)?,
    };
    Ok(Mapping { host, container: container.0.to_owned(), transport, host_local })
}

/// A loopback address: `127.x.x.x`, `::1`, `localhost`.
pub(super) fn is_loopback(ip: &str) -> bool {
    ip.starts_with("127.") || ip == "::1" || ip.eq_ignore_ascii_case("localhost")
}

/// The host side: a port, a range, or a variable with a default (`${VAR:-3000}`).
fn fixed(text: &str, at: usize) -> Result<HostSide, Unread> {
    if let Some(inner) = text.strip_prefix("${").and_then(|t| t.strip_suffix('}')) {
        let Some((name, default)) = inner.split_once(":-").or_else(|| inner.split_once('-')) else {
            return Err(format!("`{text}` is a variable with no default port"));
        };
        let offset = text.len() - 1 - default.len();
        let ports = port_range(default).ok_or_else(|| format!("`{default}` is not a port"))?;
        return Ok(HostSide::Fixed {
            ports,
            span: at + offset..at + offset + default.len(),
            default_of: Some(name.to_owned()),
        });
    }
    if text.starts_with('$') {
        return Err(format!("`{text}` is a variable with no default port"));
    }
    let ports = port_range(text).ok_or_else(|| format!("`{text}` is not a port or a range"))?;
    Ok(HostSide::Fixed { ports, span: at..at + text.len(), default_of: None })
}

/// `8080` or `7000-7005`.
pub(crate) fn port_range(text: &str) -> Option<PortRange> {
    let (first, last) = text.split_once('-').unwrap_or((text, text));
    let number = |t: &str| {
        (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u64>().ok())
            .flatten()
            .and_then(|n| PortRange::port_number(n).ok())
    };
    PortRange::new(number(first)?, number(last)?).ok()
}

/// The `:`-separated parts with their offsets; a `${…}` (whose `:-` is no separator) and a
/// `[…]` address (whose colons are its own) stay whole.
fn split_outside_braces(text: &str) -> Vec<(&str, usize)> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => {
                parts.push((&text[start..i], start));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push((&text[start..], start));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(spec: &str) -> String {
        match read(spec) {
            Ok(Mapping {
                host: HostSide::Fixed { ports, span, .. },
                transport,
                host_local,
                ..
            }) => {
                format!(
                    "{ports}/{transport}{} at {}",
                    if host_local { " local" } else { "" },
                    &spec[span]
                )
            }
            Ok(Mapping { host: HostSide::Random, .. }) => "random".to_owned(),
            Err(why) => format!("error: {why}"),
        }
    }

    #[test]
    fn the_host_side_of_every_published_port_form() {
        assert_eq!(host("8080:80"), "8080/tcp at 8080");
        assert_eq!(host("0.0.0.0:8443:443"), "8443/tcp at 8443");
        assert_eq!(host("5140:5140/udp"), "5140/udp at 5140");
        assert_eq!(host("7000-7005:7000-7005"), "7000-7005/tcp at 7000-7005");
        assert_eq!(host("127.0.0.1:5432:5432"), "5432/tcp local at 5432");
        assert_eq!(host("[::1]:9000:9000"), "9000/tcp local at 9000");
        assert_eq!(host("[::]:9000:9000"), "9000/tcp at 9000");
        assert_eq!(host("${WEB_PORT:-3000}:3000"), "3000/tcp at 3000");
        assert_eq!(host("${BIND:-127.0.0.1}:${PORT:-1293}:2283"), "1293/tcp local at 1293");
        assert_eq!(host("80"), "random");
        assert_eq!(host("127.0.0.1::80"), "random");
        assert!(host("${WEB_PORT}:3000").starts_with("error"));
        assert!(host("8080:80/icmp").starts_with("error"));
        assert!(host("99999:80").starts_with("error"));
    }
}
