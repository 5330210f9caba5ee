//! "for communication between nodes": a row with no peer whose own words say its traffic runs
//! between nodes is planned, like every row read as internal, from every host of its platform
//! in the destination's zone. When some of those hosts hold none of the row's part (the
//! newcomer's Elastic Stack, session 17: Kibana and Logstash reached the cluster's transport
//! port 9300, which the page keeps to the nodes), the plan stays (the nodes may be of several
//! parts), but which hosts it opens the port to is said (P042) with how to keep it to the part.

/// Phrases of a row's own words saying its traffic runs between nodes.
const BETWEEN_NODES: &[&str] =
    &["between nodes", "between the nodes", "node-to-node", "inter-node"];

/// Whether `purpose` says the row's traffic runs between nodes.
pub(super) fn says_between_nodes(purpose: &str) -> bool {
    let lower = purpose.to_ascii_lowercase();
    BETWEEN_NODES.iter().any(|phrase| lower.contains(phrase))
}

/// The hosts of `platform_hosts` that hold none of the row's part (`part_hosts`) and share a
/// network with one that does (`network_of`), in topology order.
pub(super) fn other_parts_hosts<'n>(
    platform_hosts: &[usize],
    part_hosts: &[usize],
    network_of: impl Fn(usize) -> &'n str,
) -> Vec<usize> {
    let networks: Vec<&str> = part_hosts.iter().map(|&h| network_of(h)).collect();
    platform_hosts
        .iter()
        .copied()
        .filter(|h| !part_hosts.contains(h) && networks.contains(&network_of(*h)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_phrases_and_the_hosts_of_other_parts_in_the_nodes_networks() {
        assert!(says_between_nodes("The transport port, for communication between nodes."));
        assert!(says_between_nodes("Node-to-node replication"));
        assert!(!says_between_nodes("between the controller and compute nodes"));
        let zone = |h: usize| if h < 4 { "elk" } else { "corp" };
        // Hosts 0-2 hold the part; 3 another part in their zone, 4 another zone's.
        assert_eq!(other_parts_hosts(&[0, 1, 2, 3, 4], &[0, 1, 2], zone), [3]);
        assert!(other_parts_hosts(&[0, 1], &[0, 1], zone).is_empty());
    }
}
