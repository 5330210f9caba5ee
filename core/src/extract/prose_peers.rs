//! A row that states neither a way nor a peer ("Zabbix agent | 10050 | TCP"), when a sentence
//! elsewhere on the page says who connects to that part on that port ("the server (or a
//! proxy) connects to the agent on 10050"): the sentence's callers are the row's peers, and
//! the row is inbound. Without it the row was planned from every host of the platform (the
//! narrow reading, P042): the newcomer's Zabbix (session 16) opened each agent's 10050 to the
//! other agents and the Java gateway's 10052 to every agent, though the page says who calls.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Direction, PortRange, Transports};

/// What `callers` reads of one row: its ports, transport, parts, way and peers (parts, as
/// the page's resolver names them; `None` for a peer that names no part).
pub(super) struct Row<'a> {
    pub ports: PortRange,
    pub transport: Option<Transports>,
    pub parts: &'a [String],
    pub direction: Option<Direction>,
    pub peers: Option<Vec<String>>,
}

/// What makes two peerless rows ask the same question: port, transport and parts.
type RowKey<'a> = (PortRange, Option<Transports>, &'a [String]);

/// For each row with no way and no peer, the parts other rows of the same port say call its
/// parts (joined as a peer list), in page order; `None` where nothing says.
pub(super) fn callers(rows: &[Row<'_>]) -> Vec<Option<String>> {
    // Only rows with a way and peers can name callers; indexed by port so that a page of
    // many thousand rows is not read once per row (a 10 MB document took minutes).
    let mut speaking: HashMap<PortRange, Vec<usize>> = HashMap::default();
    for (index, row) in rows.iter().enumerate() {
        if row.direction.is_some() && row.peers.is_some() {
            speaking.entry(row.ports).or_default().push(index);
        }
    }
    // Rows alike in port, transport and parts get the same answer: asked once (a page that
    // repeats one table thousands of times stays linear).
    let mut answered: HashMap<RowKey<'_>, Option<String>> = HashMap::default();
    rows.iter()
        .enumerate()
        .map(|(index, row)| {
            if row.direction.is_some() || row.peers.is_some() || row.parts.is_empty() {
                return None;
            }
            let key = (row.ports, row.transport, row.parts);
            if let Some(answer) = answered.get(&key) {
                return answer.clone();
            }
            let mut found: Vec<&str> = Vec::new();
            let same_ports = speaking.get(&row.ports).map(Vec::as_slice).unwrap_or_default();
            for (other_index, other) in
                same_ports.iter().filter_map(|&i| rows.get(i).map(|other| (i, other)))
            {
                let same_port = other.ports == row.ports
                    && match (other.transport, row.transport) {
                        (Some(a), Some(b)) => a == b,
                        _ => true,
                    };
                if other_index == index || !same_port {
                    continue;
                }
                let Some(peers) = &other.peers else { continue };
                let calling: Vec<&String> = match other.direction {
                    // "the server connects to the agent on 10050": the server calls.
                    Some(Direction::Outbound) if peers.iter().any(|p| row.parts.contains(p)) => {
                        other.parts.iter().collect()
                    }
                    // "the agent accepts the server's polls on 10050": the server calls.
                    Some(Direction::Inbound)
                        if other.parts.iter().any(|p| row.parts.contains(p)) =>
                    {
                        peers.iter().collect()
                    }
                    _ => continue,
                };
                for part in calling {
                    if !row.parts.contains(part) && !found.contains(&part.as_str()) {
                        found.push(part);
                    }
                }
            }
            let answer = (!found.is_empty()).then(|| found.join(", "));
            answered.insert(key, answer.clone());
            answer
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Transport;

    fn row<'a>(
        port: u16,
        parts: &'a [String],
        direction: Option<Direction>,
        peers: Option<&[&str]>,
    ) -> Row<'a> {
        Row {
            ports: PortRange::single(port).unwrap_or_else(|_| unreachable!()),
            transport: Some(Transports::One(Transport::Tcp)),
            parts,
            direction,
            peers: peers.map(|p| p.iter().map(|s| (*s).to_owned()).collect()),
        }
    }

    #[test]
    fn regression_a_peerless_table_row_ignored_the_sentence_saying_who_connects() {
        let agent = ["agent".to_owned()];
        let server = ["server".to_owned()];
        let proxy = ["proxy".to_owned()];
        let rows = [
            row(10050, &agent, None, None),
            row(10051, &server, None, None),
            row(10050, &server, Some(Direction::Outbound), Some(&["agent"])),
            row(10050, &proxy, Some(Direction::Outbound), Some(&["agent"])),
            row(10051, &agent, Some(Direction::Outbound), Some(&["server", "proxy"])),
            row(10051, &proxy, Some(Direction::Inbound), Some(&["agent"])),
        ];
        let found = callers(&rows);
        assert_eq!(found[0].as_deref(), Some("server, proxy"));
        assert_eq!(found[1].as_deref(), Some("agent"));
        // Rows that say their way or peer keep it.
        assert!(found[2..].iter().all(Option::is_none));
    }

    #[test]
    fn another_port_or_a_sentence_about_another_part_gives_no_peer() {
        let agent = ["agent".to_owned()];
        let server = ["server".to_owned()];
        let rows = [
            row(10050, &agent, None, None),
            row(10052, &server, Some(Direction::Outbound), Some(&["agent"])),
            row(10050, &server, Some(Direction::Outbound), Some(&["gateway"])),
        ];
        assert_eq!(callers(&rows)[0], None);
    }
}
