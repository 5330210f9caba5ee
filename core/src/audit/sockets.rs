//! Listening sockets as `ss -tulpn` (with or without `-H`, `-e`), `netstat -tulpn` and
//! `lsof -nP -i` print them: transport, local address (or every address), port, the interface
//! a socket is bound to (`127.0.0.53%lo`, `[fe80::1]%eth0`), process(es). One socket shared by
//! several processes (a master and its workers) is one socket, with all of them.

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
    /// `lo`, `eth0`: the interface the socket is bound to (`SO_BINDTODEVICE`, a link-local
    /// scope), when the tool printed it.
    pub interface: Option<String>,
    /// `sshd`, `python3 (pid 812)`, `nginx (pid 1, 2)`… when the tool printed it.
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
        let scope = self.interface.as_deref().map(|i| format!("%{i}")).unwrap_or_default();
        format!("{address}{scope}:{}/{}", self.port, self.transport)
    }

    /// Bound to a loopback address (`::ffff:127.0.0.1` too) or to the loopback interface.
    pub fn is_loopback(&self) -> bool {
        self.address.is_some_and(|a| a.to_canonical().is_loopback())
            || self.interface.as_deref() == Some("lo")
    }
}

/// Reads a socket list in the given format (detected when `None`).
pub fn read(text: &str, format: Option<SocketsFormat>) -> (Vec<Socket>, Vec<Note>) {
    let format = format.unwrap_or_else(|| sockets_format(text));
    match format {
        SocketsFormat::WindowsNetstat => return super::sockets_windows::read_netstat(text),
        SocketsFormat::WindowsTable => return super::sockets_windows::read_table(text),
        _ => {}
    }
    let mut sockets: Vec<Socket> = Vec::new();
    let mut processes: Vec<Vec<Process>> = Vec::new();
    let mut ids: Vec<Option<String>> = Vec::new();
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
            SocketsFormat::WindowsNetstat | SocketsFormat::WindowsTable => {
                Err("a Linux socket list")
            }
        };
        match parsed {
            Ok(Some(Parsed { transport, endpoint, process, socket_id })) => {
                let Endpoint { address, port, interface } = endpoint;
                // lsof lists a shared socket once per process: one socket, with them all.
                let seen = socket_id.as_ref().and_then(|id| ids.iter().position(|i| i.as_ref() == Some(id)));
                match seen {
                    Some(i) => processes[i].extend(process),
                    None => {
                        sockets.push(Socket { at, transport, address, port, interface, process: None });
                        processes.push(process);
                        ids.push(socket_id);
                    }
                }
            }
            Ok(None) => {}
            Err(expected) => notes.push(Note::error(
                at,
                format!("this line is not a socket Portolan reads; expected {expected} (is it from another version of the tool?)"),
            )),
        }
    }
    for (socket, list) in sockets.iter_mut().zip(processes) {
        socket.process = describe_processes(&list);
    }
    (sockets, notes)
}

/// A process as the tools print it: its name and, when shown, its pid.
type Process = (String, Option<String>);

/// `nginx (pid 1, 2)`, `nginx (pid 1), php-fpm (pid 7)`, `sshd`.
fn describe_processes(list: &[Process]) -> Option<String> {
    let mut names: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, pid) in list {
        let entry = match names.iter().position(|(n, _)| n == name) {
            Some(i) => &mut names[i].1,
            None => {
                names.push((name, Vec::new()));
                &mut names.last_mut()?.1
            }
        };
        if let Some(pid) = pid.as_deref().filter(|p| !entry.contains(p)) {
            entry.push(pid);
        }
    }
    let described: Vec<String> = names
        .iter()
        .map(|(name, pids)| {
            if pids.is_empty() {
                (*name).to_owned()
            } else {
                format!("{name} (pid {})", pids.join(", "))
            }
        })
        .collect();
    (!described.is_empty()).then(|| described.join(", "))
}

fn is_header(line: &str) -> bool {
    line.starts_with("Netid")
        || line.starts_with("State ")
        || line.starts_with("Active ")
        || line.starts_with("Proto ")
        || line.starts_with("COMMAND ")
}

/// A local address as the tools print it.
struct Endpoint {
    /// `None`: every address.
    address: Option<IpAddr>,
    port: u16,
    interface: Option<String>,
}

struct Parsed {
    transport: Transport,
    endpoint: Endpoint,
    process: Vec<Process>,
    /// lsof's DEVICE: the same socket, listed once per process that holds it.
    socket_id: Option<String>,
}

type ParsedLine = Result<Option<Parsed>, &'static str>;

/// [`endpoint`]'s parts: every address as `None`, the port, the interface or scope.
pub(crate) fn endpoint_of(text: &str) -> Option<(Option<IpAddr>, u16, Option<String>)> {
    endpoint(text).map(|e| (e.address, e.port, e.interface))
}

/// `0.0.0.0:22`, `[::]:22`, `*:22`, `:::22` (netstat), `127.0.0.53%lo:53`, `0.0.0.0%eth0:68`,
/// `[fe80::1]%eth0:123` (ss), `[fe80::1%eth0]:123`, `[::ffff:127.0.0.1]:8081` (an IPv4 address
/// on an IPv6 socket: read as the IPv4 address).
fn endpoint(text: &str) -> Option<Endpoint> {
    let (address, port) = text.rsplit_once(':')?;
    let port: u16 = port.parse().ok()?;
    // The scope may follow the address, inside or outside the brackets.
    let unbracketed: String = address.chars().filter(|c| !matches!(c, '[' | ']')).collect();
    let (address, interface) = match unbracketed.split_once('%') {
        Some((a, scope)) if !scope.is_empty() => (a.to_owned(), Some(scope.to_owned())),
        Some((a, _)) => (a.to_owned(), None),
        None => (unbracketed, None),
    };
    let address = match address.as_str() {
        "*" | "0.0.0.0" | "::" | "" => None,
        // `::ffff:0.0.0.0` is every IPv4 address, like `0.0.0.0`.
        other => Some(other.parse::<IpAddr>().ok()?.to_canonical())
            .filter(|a: &IpAddr| !a.is_unspecified()),
    };
    Some(Endpoint { address, port, interface })
}

fn transport_of(word: &str) -> Option<Transport> {
    match word.to_ascii_lowercase().trim_end_matches('6') {
        "tcp" => Some(Transport::Tcp),
        "udp" => Some(Transport::Udp),
        "sctp" => Some(Transport::Sctp),
        _ => None,
    }
}

/// `users:(("sshd",pid=812,fd=3))`, `users:(("nginx",pid=1,fd=6),("nginx",pid=2,fd=6))`.
fn ss_processes(words: &[&str]) -> Vec<Process> {
    let Some(users) = words.iter().find(|w| w.starts_with("users:")) else { return Vec::new() };
    users
        .split("),(")
        .filter_map(|one| {
            let name = one.split('"').nth(1)?;
            let pid = one.split("pid=").nth(1).and_then(|p| p.split([',', ')']).next());
            Some((name.to_owned(), pid.map(str::to_owned)))
        })
        .collect()
}

/// `tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(…)`; with `-t` alone the netid is missing.
fn ss(words: &[&str]) -> ParsedLine {
    const EXPECTED: &str = "`Netid State Recv-Q Send-Q Local:Port Peer:Port Process` (ss -tulpn)";
    let (transport, rest) = match words.first().and_then(|w| transport_of(w)) {
        Some(t) => (t, words.get(1..).unwrap_or_default()),
        // `ss -ulnp`: a UDP socket is UNCONN, a TCP one LISTEN.
        None if words.first() == Some(&"UNCONN") => (Transport::Udp, words),
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
    let endpoint = endpoint(local).ok_or(EXPECTED)?;
    Ok(Some(Parsed { transport, endpoint, process: ss_processes(words), socket_id: None }))
}

/// `tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 812/sshd` (UDP rows have no state).
fn netstat(words: &[&str]) -> ParsedLine {
    const EXPECTED: &str = "`Proto Recv-Q Send-Q Local-Address Foreign-Address State PID/Program` (netstat -tulpn; `netstat -tulpnW` keeps long IPv6 addresses whole)";
    let transport = words.first().and_then(|w| transport_of(w)).ok_or(EXPECTED)?;
    let local = words.get(3).ok_or(EXPECTED)?;
    let endpoint = endpoint(local).ok_or(EXPECTED)?;
    let state = words.get(5).copied().unwrap_or("");
    if transport == Transport::Tcp && state != "LISTEN" {
        return Ok(None);
    }
    let process = words.last().and_then(|w| w.split_once('/')).map(|(pid, name)| {
        if pid.chars().all(|c| c.is_ascii_digit()) {
            (name.to_owned(), Some(pid.to_owned()))
        } else {
            (name.to_owned(), None)
        }
    });
    Ok(Some(Parsed {
        transport,
        endpoint,
        process: process.into_iter().collect(),
        socket_id: None,
    }))
}

/// `sshd 812 root 3u IPv4 1234 0t0 TCP *:22 (LISTEN)`.
fn lsof(words: &[&str]) -> ParsedLine {
    const EXPECTED: &str = "`COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME` (lsof -nP -i)";
    let node = words.iter().position(|w| matches!(*w, "TCP" | "UDP" | "SCTP")).ok_or(EXPECTED)?;
    let transport = words.get(node).and_then(|w| transport_of(w)).ok_or(EXPECTED)?;
    let name = words.get(node + 1).ok_or(EXPECTED)?;
    if name.contains("->") {
        return Ok(None); // a connection, not a listener
    }
    if transport == Transport::Tcp && words.get(node + 2).copied() != Some("(LISTEN)") {
        return Ok(None);
    }
    let endpoint = endpoint(name).ok_or(EXPECTED)?;
    let process =
        words.first().map(|command| ((*command).to_owned(), words.get(1).map(|p| (*p).to_owned())));
    // DEVICE, two columns before NODE: the socket's own id.
    let socket_id = node.checked_sub(2).and_then(|i| words.get(i)).map(|d| (*d).to_owned());
    Ok(Some(Parsed { transport, endpoint, process: process.into_iter().collect(), socket_id }))
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

    /// Regression: `[::ffff:0.0.0.0]` (every IPv4 address, on an IPv6 socket) was read as
    /// the single address 0.0.0.0, so the socket looked bound to one address, not to all.
    #[test]
    fn ipv4_mapped_any_address_is_every_address() {
        let text = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\ntcp LISTEN 0 128 [::ffff:0.0.0.0]:8080 *:* users:((\"java\",pid=7,fd=3))\ntcp LISTEN 0 128 [::ffff:10.0.0.10]:8443 *:* users:((\"java\",pid=7,fd=4))\n";
        let (sockets, notes) = read(text, None);
        assert!(notes.is_empty(), "{notes:?}");
        let described: Vec<String> = sockets.iter().map(Socket::describe).collect();
        assert_eq!(described, ["*:8080/tcp", "10.0.0.10:8443/tcp"]);
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
