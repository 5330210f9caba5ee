//! Listening sockets as `ss -tulpn` (with or without `-H`, `-e`), `netstat -tulpn` and
//! `lsof -nP -i` print them: transport, local address (or every address), port, process.

use std::net::IpAddr;

use super::detect::{SocketsFormat, sockets_format};
use super::model::{Note, line_start};
use crate::data::Position;
use crate::model::Transport;

/// One listening (TCP) or bound (UDP) socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Socket {
    pub at: Position,
    pub transport: Transport,
    /// `None`: every address (`0.0.0.0`, `::`, `*`).
    pub address: Option<IpAddr>,
    pub port: u16,
    /// `sshd`, `python3 (pid 812)`… when the tool printed it.
    pub process: Option<String>,
}

impl Socket {
    /// `0.0.0.0:5432/tcp` / `[::]:6443/tcp` / `*:443/tcp`.
    pub fn describe(&self) -> String {
        let address = match self.address {
            None => "*".to_owned(),
            Some(IpAddr::V6(a)) => format!("[{a}]"),
            Some(IpAddr::V4(a)) => a.to_string(),
        };
        format!("{address}:{}/{}", self.port, self.transport)
    }

    pub fn is_loopback(&self) -> bool {
        self.address.is_some_and(|a| a.is_loopback())
    }
}

/// Reads a socket list in the given format (detected when `None`).
pub fn read(text: &str, format: Option<SocketsFormat>) -> (Vec<Socket>, Vec<Note>) {
    let format = format.unwrap_or_else(|| sockets_format(text));
    let mut sockets = Vec::new();
    let mut notes = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let at = line_start(index + 1);
        let line = raw.trim();
        if line.is_empty() || is_header(line) {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let parsed = match format {
            SocketsFormat::Ss => ss(&words),
            SocketsFormat::Netstat => netstat(&words),
            SocketsFormat::Lsof => lsof(&words),
        };
        match parsed {
            Ok(Some((transport, address, port, process))) => {
                sockets.push(Socket { at, transport, address, port, process })
            }
            Ok(None) => {}
            Err(expected) => notes.push(Note::error(
                at,
                format!("this line is not a socket Portolan reads; expected {expected} (is it from another version of the tool?)"),
            )),
        }
    }
    (sockets, notes)
}

fn is_header(line: &str) -> bool {
    line.starts_with("Netid")
        || line.starts_with("State ")
        || line.starts_with("Active ")
        || line.starts_with("Proto ")
        || line.starts_with("COMMAND ")
}

type Parsed = Result<Option<(Transport, Option<IpAddr>, u16, Option<String>)>, &'static str>;

/// `0.0.0.0:22`, `[::]:22`, `*:22`, `:::22` (netstat), `10.0.0.1%eth0:53`, `127.0.0.53%lo:53`.
fn endpoint(text: &str) -> Option<(Option<IpAddr>, u16)> {
    let (address, port) = text.rsplit_once(':')?;
    let port: u16 = port.parse().ok()?;
    let address = address.trim_start_matches('[').trim_end_matches(']');
    let address = address.split('%').next().unwrap_or(address);
    let address = match address {
        "*" | "0.0.0.0" | "::" | "" => None,
        other => Some(other.parse::<IpAddr>().ok()?),
    };
    Some((address, port))
}

fn transport_of(word: &str) -> Option<Transport> {
    match word.to_ascii_lowercase().trim_end_matches('6') {
        "tcp" => Some(Transport::Tcp),
        "udp" => Some(Transport::Udp),
        "sctp" => Some(Transport::Sctp),
        _ => None,
    }
}

/// `users:(("sshd",pid=812,fd=3))` → `sshd (pid 812)`.
fn ss_process(words: &[&str]) -> Option<String> {
    let users = words.iter().find(|w| w.starts_with("users:"))?;
    let name = users.split('"').nth(1)?;
    let pid = users.split("pid=").nth(1).and_then(|p| p.split([',', ')']).next());
    Some(match pid {
        Some(pid) => format!("{name} (pid {pid})"),
        None => name.to_owned(),
    })
}

/// `tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(…)`; with `-t` alone the netid is missing.
fn ss(words: &[&str]) -> Parsed {
    const EXPECTED: &str = "`Netid State Recv-Q Send-Q Local:Port Peer:Port Process` (ss -tulpn)";
    let (transport, rest) = match words.first().and_then(|w| transport_of(w)) {
        Some(t) => (t, &words[1..]),
        None => (Transport::Tcp, words),
    };
    let state = rest.first().ok_or(EXPECTED)?;
    if !matches!(*state, "LISTEN" | "UNCONN") {
        // Established connections (`ss -tupn`) are not listeners.
        return if state.chars().all(|c| c.is_ascii_uppercase() || c == '-') {
            Ok(None)
        } else {
            Err(EXPECTED)
        };
    }
    let local = rest.get(3).ok_or(EXPECTED)?;
    let (address, port) = endpoint(local).ok_or(EXPECTED)?;
    Ok(Some((transport, address, port, ss_process(words))))
}

/// `tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 812/sshd` (UDP rows have no state).
fn netstat(words: &[&str]) -> Parsed {
    const EXPECTED: &str =
        "`Proto Recv-Q Send-Q Local-Address Foreign-Address State PID/Program` (netstat -tulpn)";
    let transport = words.first().and_then(|w| transport_of(w)).ok_or(EXPECTED)?;
    let local = words.get(3).ok_or(EXPECTED)?;
    let (address, port) = endpoint(local).ok_or(EXPECTED)?;
    let state = words.get(5).copied().unwrap_or("");
    if transport == Transport::Tcp && state != "LISTEN" {
        return Ok(None);
    }
    let process = words.last().and_then(|w| w.split_once('/')).map(|(pid, name)| {
        if pid.chars().all(|c| c.is_ascii_digit()) {
            format!("{name} (pid {pid})")
        } else {
            name.to_owned()
        }
    });
    Ok(Some((transport, address, port, process)))
}

/// `sshd 812 root 3u IPv4 1234 0t0 TCP *:22 (LISTEN)`.
fn lsof(words: &[&str]) -> Parsed {
    const EXPECTED: &str = "`COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME` (lsof -nP -i)";
    let node = words.iter().position(|w| matches!(*w, "TCP" | "UDP" | "SCTP")).ok_or(EXPECTED)?;
    let transport = transport_of(words[node]).ok_or(EXPECTED)?;
    let name = words.get(node + 1).ok_or(EXPECTED)?;
    if name.contains("->") {
        return Ok(None); // a connection, not a listener
    }
    if transport == Transport::Tcp && words.get(node + 2).copied() != Some("(LISTEN)") {
        return Ok(None);
    }
    let (address, port) = endpoint(name).ok_or(EXPECTED)?;
    let process = match (words.first(), words.get(1)) {
        (Some(command), Some(pid)) => Some(format!("{command} (pid {pid})")),
        (Some(command), None) => Some((*command).to_owned()),
        _ => None,
    };
    Ok(Some((transport, address, port, process)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/audit/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    /// The same listeners, captured four ways, read the same.
    #[test]
    fn four_captures_of_one_host_agree() {
        let mut seen: Vec<Vec<String>> = Vec::new();
        for name in ["cp1.ss", "cp1-e.ss", "cp1.netstat", "cp1.lsof"] {
            let (sockets, notes) = read(&fixture(name), None);
            assert!(notes.is_empty(), "{name}: {notes:?}");
            let mut described: Vec<String> = sockets.iter().map(Socket::describe).collect();
            described.sort();
            assert!(
                sockets
                    .iter()
                    .all(|s| s.process.as_deref().is_some_and(|p| p.starts_with("python3"))),
                "{name}"
            );
            seen.push(described);
        }
        assert_eq!(seen[0].len(), 8);
        for other in &seen[1..] {
            assert_eq!(other, &seen[0]);
        }
        assert!(seen[0].contains(&"127.0.0.1:10248/tcp".to_owned()));
        assert!(seen[0].contains(&"*:8472/udp".to_owned()));
        assert!(seen[0].contains(&"10.0.0.10:22/tcp".to_owned()));
    }

    #[test]
    fn output_of_an_unknown_version_is_a_located_note() {
        let text = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\ntcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\ntcp LISTEN 0 128 somewhere 0.0.0.0:*\n";
        let (sockets, notes) = read(text, None);
        assert_eq!(sockets.len(), 1);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].at.line, 3);
    }
}
