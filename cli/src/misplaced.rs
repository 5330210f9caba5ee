//! A ruleset given where a socket list is expected (`--listening`), or a socket list given as
//! a ruleset (`--rules`): said at once with the flag to use, instead of one "not a socket" per
//! line (a newcomer passed vk1.nft to `--listening`).

/// The shape of an exported file, from its first meaningful line (and a few markers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `nft list ruleset`, `nft -j`, iptables-save / `iptables -S`, ufw status, firewalld.
    Ruleset(&'static str),
    /// `ss -tulpn`, `netstat -tulpn`, `lsof -nP -i`.
    Sockets(&'static str),
}

pub(crate) fn shape(text: &str) -> Option<Shape> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
    let first = lines.next()?;
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| first.starts_with(p));
    if starts(&["table ", "flush ruleset", "add table "]) {
        return Some(Shape::Ruleset("nft list ruleset"));
    }
    if first.starts_with('{') && text.contains("\"nftables\"") {
        return Some(Shape::Ruleset("nft -j list ruleset"));
    }
    if starts(&["*filter", "*nat", "*mangle", "*raw", ":INPUT", "-P INPUT", "-A INPUT"]) {
        return Some(Shape::Ruleset("iptables-save"));
    }
    if first.starts_with("Status: active") || first.starts_with("Status: inactive") {
        return Some(Shape::Ruleset("ufw status"));
    }
    if text.contains("\n  target: ") && text.contains("\n  rich rules:") {
        return Some(Shape::Ruleset("firewall-cmd --list-all-zones"));
    }
    // Windows: netsh's and PowerShell's rule exports, netstat -ano and Get-NetTCPConnection.
    if portolan_core::audit::netsh::is_netsh(text) {
        return Some(Shape::Ruleset("netsh advfirewall firewall show rule"));
    }
    if portolan_core::audit::ps_firewall::is_csv(text)
        || (first.starts_with(['{', '[']) && portolan_core::audit::ps_firewall::is_json(text))
    {
        return Some(Shape::Ruleset("Get-NetFirewallRule"));
    }
    match portolan_core::audit::detect::sockets_format(text) {
        portolan_core::audit::SocketsFormat::WindowsNetstat => {
            return Some(Shape::Sockets("netstat -ano"));
        }
        portolan_core::audit::SocketsFormat::WindowsTable => {
            return Some(Shape::Sockets("Get-NetTCPConnection"));
        }
        _ => {}
    }
    if starts(&["Netid ", "State "]) {
        return Some(Shape::Sockets("ss"));
    }
    if starts(&["COMMAND ", "COMMAND\t"]) {
        return Some(Shape::Sockets("lsof"));
    }
    if starts(&["Active Internet", "Proto Recv-Q"]) {
        return Some(Shape::Sockets("netstat"));
    }
    let words: Vec<&str> = first.split_whitespace().collect();
    let netid = words.first().is_some_and(|w| matches!(*w, "tcp" | "udp" | "tcp6" | "udp6"));
    let state = words.iter().any(|w| matches!(*w, "LISTEN" | "UNCONN"));
    if netid && state {
        return Some(Shape::Sockets("ss or netstat"));
    }
    None
}

/// Why `text`, given with `--{flag}`, is the other kind of file, and what to pass instead.
pub(crate) fn misplaced(text: &str, flag: &str, host: &str, file: &str) -> Option<String> {
    match (flag, shape(text)?) {
        ("listening", Shape::Ruleset(tool)) => Some(format!(
            "this is a ruleset ({tool}), not a socket list: pass it with `--rules {host}={file}`"
        )),
        ("rules", Shape::Sockets(tool)) => Some(format!(
            "this is a socket list ({tool}), not a ruleset: pass it with `--listening {host}={file}`"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/fixtures/audit/");
        std::fs::read_to_string(format!("{root}{name}")).unwrap_or_default()
    }

    /// A newcomer passed vk1.nft to `--listening` and got "not a socket" per line.
    #[test]
    fn ruleset_passed_to_listening_is_named_with_the_flag_to_use() {
        for name in [
            "openlm/cp1.nft",
            "openlm/cp1.iptables",
            "openlm/cp1.ufw",
            "openlm/cp1.firewalld",
            "openlm/cp1.nft.json",
            "windows/cp1.netsh",
            "windows/cp1-rules.csv",
            "windows/cp1-rules.json",
        ] {
            let text = fixture(name);
            assert!(matches!(shape(&text), Some(Shape::Ruleset(_))), "{name}");
            let said = misplaced(&text, "listening", "cp1", name).unwrap_or_default();
            assert!(said.contains(&format!("`--rules cp1={name}`")), "{name}: {said}");
            assert_eq!(misplaced(&text, "rules", "cp1", name), None, "{name}");
        }
    }

    #[test]
    fn socket_list_passed_to_rules_is_named_with_the_flag_to_use() {
        for name in [
            "cp1.ss",
            "cp1-e.ss",
            "cp1.lsof",
            "cp1.netstat",
            "windows/cp1.netstat-ano",
            "windows/cp1.get-nettcpconnection",
        ] {
            let text = fixture(name);
            assert!(matches!(shape(&text), Some(Shape::Sockets(_))), "{name}");
            let said = misplaced(&text, "rules", "cp1", name).unwrap_or_default();
            assert!(said.contains(&format!("`--listening cp1={name}`")), "{name}: {said}");
            assert_eq!(misplaced(&text, "listening", "cp1", name), None, "{name}");
        }
    }
}
