//! "6800 | Takes the first free port of the 6800-7300 range": a daemon that binds the first
//! port it finds free in a range. The cell gives where the range starts; a firewall that opens
//! only that port fails every daemon after the first on the host (an outage), so the row is
//! the range. Read when the row's own words say "first free/available/open/unused port" and
//! name a range that starts at the cell's port ("binds to the first available port from
//! 6800-7300", "listens on the first available port of the 6800-7300 range").

use super::text::{self, Mention};
use crate::model::PortRange;

/// The range `purposes` give for the single port `port`, when they say it binds the first
/// free port of that range.
pub(super) fn range_started_by(port: PortRange, purposes: &[&str]) -> Option<PortRange> {
    if port.start() != port.end() {
        return None;
    }
    purposes.iter().filter(|p| says_first_free(p)).find_map(|purpose| {
        text::port_cell(purpose).into_iter().find_map(|m: Mention| {
            m.ports.ok().filter(|r| r.start() == port.start() && r.end() > r.start())
        })
    })
}

/// "the first free port", "first available port", "the first unused ports".
fn says_first_free(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words
        .windows(3)
        .any(|w| matches!(w, ["first", "free" | "available" | "open" | "unused", "port" | "ports"]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_first_free_port_of_a_range_was_read_as_its_start_only() {
        let single = PortRange::single(6800).unwrap();
        let range = |purpose: &str| range_started_by(single, &[purpose]);
        assert_eq!(
            range("Listens on the first available port of the 6800-7300 range"),
            Some(PortRange::new(6800, 7300).unwrap())
        );
        assert_eq!(
            range("Binds to the first free port from 6800-7300"),
            Some(PortRange::new(6800, 7300).unwrap())
        );
        // A range that starts elsewhere, or words that say nothing of binding the first free
        // port, leave the cell's port alone.
        assert_eq!(range("Takes the first free port of the 6900-7300 range"), None);
        assert_eq!(range("Replication peers use 6800-7300"), None);
    }
}
