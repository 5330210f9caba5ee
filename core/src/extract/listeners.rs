//! Listener addresses as configuration writes them (Kafka's `PLAINTEXT://:9092`,
//! `http://0.0.0.0:8090`, `` `9999` `` in code quotes): in a settings table's value column
//! they are the ports, and a column of them is a port column.

use super::text;

/// True when `cell` is a listener address or a port in code quotes: `SCHEME://[host]:port`,
/// optionally followed by a path, or something [`text::looks_like_ports`] accepts.
pub(super) fn is_port_value(cell: &str) -> bool {
    let bare = cell.trim().trim_matches('`').trim();
    text::looks_like_ports(bare) || listener_port(bare).is_some()
}

/// The port of `SCHEME://host:port[/path]` (`PLAINTEXT://:9092`, `http://0.0.0.0:8090`).
fn listener_port(text: &str) -> Option<u16> {
    let (scheme, rest) = text.split_once("://")?;
    if scheme.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let authority = rest.split('/').next().unwrap_or_default();
    let (_, port) = authority.rsplit_once(':')?;
    port.parse::<u16>().ok().filter(|p| *p > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listener_urls_in_a_settings_table_were_no_port_column() {
        for cell in
            ["`PLAINTEXT://:9092`", "CONTROLLER://:9093", "`http://0.0.0.0:8090/`", "`9999`"]
        {
            assert!(is_port_value(cell), "{cell}");
        }
        for cell in ["`listeners`", "http://example.net/docs", "PLAINTEXT", "host:"] {
            assert!(!is_port_value(cell), "{cell}");
        }
    }
}
