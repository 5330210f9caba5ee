//! Windows' socket lists: `netstat -ano` (also `-an`, and `-anob`, whose process names follow
//! each row on lines of their own), and PowerShell's `Get-NetTCPConnection -State Listen` /
//! `Get-NetUDPEndpoint` tables (or their `Export-Csv`), columns found by the header.

use super::model::{Note, line_start};
use super::sockets::Socket;
use crate::data::Position;
use crate::model::Transport;

/// `Active Connections`, or `Proto  Local Address  Foreign Address  State  [PID]` (no
/// `Recv-Q`, unlike Linux's netstat), or a row starting `TCP`/`UDP` in capitals.
pub fn is_netstat(first: &str) -> bool {
    first.starts_with("Active Connections")
        || (first.starts_with("Proto")
            && first.contains("Local Address")
            && !first.contains("Recv-Q"))
        || (first.starts_with("TCP ") || first.starts_with("UDP "))
}

/// The header of `Get-NetTCPConnection` / `Get-NetUDPEndpoint` (a table or its CSV).
pub fn is_table(first: &str) -> bool {
    let first = first.trim_start_matches('"');
    first.starts_with("LocalAddress") && first.contains("LocalPort")
}

/// A row of `netstat -ano`: its transport, local address and pid.
type Row = (Transport, String, Option<String>);

/// `None`: the text is no netstat row (a header, a process line of `-b`); `Some(Err)`: a row
/// that cannot be read; `Some(Ok(None))`: a connection, no listener.
fn netstat_row(words: &[&str]) -> Option<Result<Option<Row>, ()>> {
    let transport = match *words.first()? {
        "TCP" => Transport::Tcp,
        "UDP" => Transport::Udp,
        _ => return None,
    };
    let Some(local) = words.get(1).copied() else { return Some(Err(())) };
    // TCP: Proto Local Foreign State [PID]; UDP: Proto Local Foreign [PID] (no state).
    let (state, pid) = match transport {
        Transport::Tcp => (words.get(3).copied(), words.get(4).copied()),
        _ => (None, words.get(3).copied()),
    };
    if transport == Transport::Tcp && state != Some("LISTENING") {
        return Some(if state.is_some() { Ok(None) } else { Err(()) });
    }
    Some(Ok(Some((transport, local.to_owned(), pid.map(str::to_owned)))))
}

/// The last socket read and what `-b` prints on the lines after it.
struct Pending {
    index: usize,
    pid: Option<String>,
    service: Option<String>,
    exe: Option<String>,
}

impl Pending {
    /// `svchost.exe (pid 912)`, `process (pid 912)`, `svchost.exe, service RpcSs`.
    fn describe(&self) -> Option<String> {
        let named = match (&self.exe, &self.pid) {
            (Some(n), Some(p)) => format!("{n} (pid {p})"),
            (Some(n), None) => n.clone(),
            (None, Some(p)) => format!("process (pid {p})"),
            (None, None) => return None,
        };
        Some(match &self.service {
            Some(s) => format!("{named}, service {s}"),
            None => named,
        })
    }

    fn settle(pending: Option<Self>, sockets: &mut [Socket]) {
        if let Some(p) = pending
            && let Some(s) = sockets.get_mut(p.index)
        {
            s.process = p.describe();
        }
    }
}

const NETSTAT_EXPECTED: &str = "`Proto  Local Address  Foreign Address  State  PID` (netstat -ano on Windows; UDP rows have no state)";

pub fn read_netstat(text: &str) -> (Vec<Socket>, Vec<Note>) {
    let mut sockets: Vec<Socket> = Vec::new();
    let mut notes = Vec::new();
    let mut pending: Option<Pending> = None;
    let unreadable =
        || format!("this line is not a socket Portolan reads; expected {NETSTAT_EXPECTED}");
    for (index, raw) in text.lines().enumerate() {
        let at = line_start(index + 1);
        let line = raw.trim();
        if line.is_empty() || line.starts_with("Active Connections") || line.starts_with("Proto") {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        match netstat_row(&words) {
            // `-b`: `[svchost.exe]`, a service name, or "Can not obtain ownership information".
            None => match &mut pending {
                Some(p) if line.starts_with('[') && line.ends_with(']') => {
                    p.exe = Some(line.trim_matches(['[', ']']).to_owned());
                }
                Some(p) if words.len() == 1 => p.service = Some(line.to_owned()),
                Some(_) if line.starts_with("Can not obtain") => {}
                _ => notes.push(Note::error(at, unreadable())),
            },
            Some(Err(())) => notes.push(Note::error(at, unreadable())),
            Some(Ok(None)) => Pending::settle(pending.take(), &mut sockets),
            Some(Ok(Some((transport, local, pid)))) => {
                Pending::settle(pending.take(), &mut sockets);
                match super::sockets::endpoint_of(&local) {
                    Some((address, port, interface)) => {
                        sockets.push(Socket { at, transport, address, port, interface, process: None });
                        pending = Some(Pending { index: sockets.len() - 1, pid, service: None, exe: None });
                    }
                    None => notes.push(Note::error(at, format!("`{local}` is not an address and port; expected e.g. 0.0.0.0:135, [::]:445 (netstat -ano)"))),
                }
            }
        }
    }
    Pending::settle(pending, &mut sockets);
    (sockets, notes)
}

/// Column spans of a table from its dashes line (`------------ ---------`): each column runs
/// from its dashes to the next column's, so right-aligned numbers and empty cells
/// (`AppliedSetting`) fall in place.
fn spans(dashes: &str) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    let mut previous = ' ';
    for (i, c) in dashes.char_indices() {
        if c == '-' && previous == ' ' {
            starts.push(i);
        }
        previous = c;
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, s)| (*s, starts.get(k + 1).copied().unwrap_or(usize::MAX)))
        .collect()
}

fn cell(line: &str, (start, end): (usize, usize)) -> &str {
    let end = end.min(line.len());
    line.get(start.min(end)..end).unwrap_or_default().trim()
}

/// One table (or CSV) section: its header's column names, and how to cut its rows.
struct Section {
    names: Vec<String>,
    cut: Cut,
}

enum Cut {
    /// From the dashes line under the header.
    Spans(Vec<(usize, usize)>),
    /// Export-Csv: `"…","…"`.
    Csv,
    /// No dashes seen yet: by whitespace until they come.
    Words,
}

const TABLE_EXPECTED: &str = "a row of `Get-NetTCPConnection -State Listen` or `Get-NetUDPEndpoint` under its header (LocalAddress, LocalPort…; `| Format-Table -AutoSize | Out-String -Width 4096` keeps long IPv6 addresses whole)";

pub fn read_table(text: &str) -> (Vec<Socket>, Vec<Note>) {
    let mut sockets = Vec::new();
    let mut notes = Vec::new();
    let mut section: Option<Section> = None;
    for (index, raw) in text.lines().enumerate() {
        let at = line_start(index + 1);
        let line = raw.trim_end();
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("#TYPE") {
            continue;
        }
        if is_table(trimmed) {
            let csv = trimmed.starts_with('"') || trimmed.contains(',');
            let names = if csv {
                trimmed.split(',').map(|n| n.trim_matches('"').to_owned()).collect()
            } else {
                trimmed.split_whitespace().map(str::to_owned).collect()
            };
            section = Some(Section { names, cut: if csv { Cut::Csv } else { Cut::Words } });
            continue;
        }
        let Some(current) = section.as_mut() else {
            notes.push(Note::error(
                at,
                format!("this line is not a socket Portolan reads; expected {TABLE_EXPECTED}"),
            ));
            continue;
        };
        if trimmed.chars().all(|c| c == '-' || c == ' ') {
            current.cut = Cut::Spans(spans(line));
            continue;
        }
        let cells: Vec<String> = match &current.cut {
            Cut::Spans(spans) => spans.iter().map(|s| cell(line, *s).to_owned()).collect(),
            Cut::Csv => trimmed.split(',').map(|c| c.trim_matches('"').to_owned()).collect(),
            Cut::Words => trimmed.split_whitespace().map(str::to_owned).collect(),
        };
        let get = |name: &str| {
            current
                .names
                .iter()
                .position(|n| n.eq_ignore_ascii_case(name))
                .and_then(|i| cells.get(i))
                .map(String::as_str)
                .filter(|c| !c.is_empty())
        };
        // Get-NetTCPConnection has a State and a RemoteAddress; Get-NetUDPEndpoint neither.
        let tcp = current.names.iter().any(|n| n == "State" || n == "RemoteAddress");
        if tcp && get("State").is_some_and(|s| !s.eq_ignore_ascii_case("Listen") && s != "2") {
            continue;
        }
        let (Some(address), Some(port)) = (get("LocalAddress"), get("LocalPort")) else {
            notes.push(Note::error(
                at,
                format!("this line is not a socket Portolan reads; expected {TABLE_EXPECTED}"),
            ));
            continue;
        };
        let bracketed = if address.contains(':') {
            format!("[{address}]:{port}")
        } else {
            format!("{address}:{port}")
        };
        let Some((address, port, interface)) = super::sockets::endpoint_of(&bracketed) else {
            notes.push(Note::error(at, format!("`{address}` port `{port}` is not an address and a port (a long address cut short with `…`?); expected {TABLE_EXPECTED}")));
            continue;
        };
        let transport = if tcp { Transport::Tcp } else { Transport::Udp };
        let process = get("OwningProcess").map(|pid| format!("process (pid {pid})"));
        sockets.push(Socket {
            at: Position { line: at.line, column: 1 },
            transport,
            address,
            port,
            interface,
            process,
        });
    }
    (sockets, notes)
}
