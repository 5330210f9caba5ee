//! Where a nat rule sends a packet, as iptables and nft print it: `--to-destination
//! 172.17.0.2:80`, `[2001:db8::2]:443`, `10.0.0.1-10.0.0.3:8000-8010`, `dnat to 10.30.0.5`,
//! `--to-ports 8080`, `redirect to :8080`.

use super::model::{NatTarget, Translation};
use super::words::{nets, port_range};

/// A DNAT target `ADDRESS[:PORT]` (an IPv6 address in brackets when a port follows).
/// `None` when it is not one (a map, a name): the caller reads it as an unknown target.
pub fn destination(text: &str) -> Option<Translation> {
    let text = text.trim();
    let (address, port) = if let Some(rest) = text.strip_prefix('[') {
        let (address, after) = rest.split_once(']')?;
        match after.strip_prefix(':') {
            Some(port) => (address, Some(port)),
            None if after.is_empty() => (address, None),
            None => return None,
        }
    } else if text.matches(':').count() == 1 {
        // IPv4 with a port (an IPv6 address has several colons and no port without brackets).
        let (address, port) = text.split_once(':')?;
        (address, Some(port))
    } else {
        (text, None)
    };
    let port = match port {
        Some(p) => Some(port_range(p)?),
        None => None,
    };
    let to =
        if address.is_empty() { NatTarget::Local } else { NatTarget::Addresses(nets(address)?) };
    Some(Translation { to, port, written: text.to_owned() })
}

/// A REDIRECT's ports (`8080`, `8080-8090`, nft's `:8080`), or none (the same port).
pub fn redirect(ports: Option<&str>) -> Option<Translation> {
    let written = ports.map(|p| p.trim().trim_start_matches(':')).filter(|p| !p.is_empty());
    let port = match written {
        Some(p) => Some(port_range(p)?),
        None => None,
    };
    Some(Translation {
        to: NatTarget::Local,
        port,
        written: written
            .map_or_else(|| "(the same port)".to_owned(), |p| format!("local port {p}")),
    })
}

/// A target that is not printed or not an address: what it rewrites is read as accepted.
pub fn unknown(written: impl Into<String>) -> Translation {
    Translation { to: NatTarget::Unknown, port: None, written: written.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(t: Option<Translation>) -> String {
        match t {
            None => "none".to_owned(),
            Some(t) => {
                let to = match t.to {
                    NatTarget::Local => "local".to_owned(),
                    NatTarget::Unknown => "unknown".to_owned(),
                    NatTarget::Addresses(a) => {
                        a.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
                    }
                };
                format!("{to} {}", t.port.map_or("-".to_owned(), |p| p.to_string()))
            }
        }
    }

    #[test]
    fn dnat_targets_as_iptables_and_nft_print_them() {
        assert_eq!(show(destination("172.17.0.2:80")), "172.17.0.2/32 80");
        assert_eq!(show(destination("172.17.0.2")), "172.17.0.2/32 -");
        assert_eq!(show(destination("[2001:db8::2]:443")), "2001:db8::2/128 443");
        assert_eq!(show(destination("2001:db8::2")), "2001:db8::2/128 -");
        assert_eq!(show(destination("10.0.0.2-10.0.0.3:8000-8010")), "10.0.0.2/31 8000-8010");
        assert_eq!(show(destination(":8080")), "local 8080");
        assert_eq!(show(destination("ip daddr map @fwd")), "none");
        assert_eq!(show(destination("10.0.0.2:http")), "10.0.0.2/32 80");
        assert_eq!(show(destination("[2001:db8::2")), "none");
        assert_eq!(show(redirect(Some(":8080"))), "local 8080");
        assert_eq!(show(redirect(None)), "local -");
        assert_eq!(show(redirect(Some("x"))), "none");
    }
}
