//! Ban lists that intrusion-prevention tools keep by themselves (fail2ban, CrowdSec, SSHGuard):
//! the addresses they ban and unban as attacks come and go. A saved ruleset holds the bans of
//! the moment: they are not the team's policy (a banned client of a planned flow is no
//! misconfiguration), so the walk reads their drops as dropping nothing, said once per list.

/// The tool whose ban list `name` is, if any: an iptables chain (`f2b-sshd`, fail2ban before
/// 0.9's `fail2ban-ssh`, CrowdSec's `CROWDSEC_CHAIN`, SSHGuard's `sshguard`), an ipset
/// (`f2b-sshd`, `crowdsec-blacklists`, `sshguard4`), or an nft chain as `FAMILY TABLE/CHAIN`
/// (fail2ban's `f2b-table`, CrowdSec's `crowdsec` and `crowdsec6`, SSHGuard's `sshguard`).
pub fn tool(name: &str) -> Option<&'static str> {
    let (table, chain) = match name.split_once('/') {
        Some((table, chain)) => (table.rsplit(' ').next().unwrap_or(table), chain),
        None => ("", name),
    };
    let lower = chain.to_ascii_lowercase();
    if table == "f2b-table" || lower.starts_with("f2b-") || lower.starts_with("fail2ban-") {
        Some("fail2ban")
    } else if matches!(table, "crowdsec" | "crowdsec6")
        || lower.starts_with("crowdsec-blacklists")
        || lower.starts_with("crowdsec6-blacklists")
        || lower == "crowdsec_chain"
    {
        Some("CrowdSec")
    } else if table == "sshguard"
        || matches!(lower.as_str(), "sshguard" | "sshguard4" | "sshguard6")
    {
        Some("SSHGuard")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::tool;

    #[test]
    fn ban_lists_as_the_tools_name_them() {
        for (name, expected) in [
            ("f2b-sshd", Some("fail2ban")),
            ("fail2ban-ssh", Some("fail2ban")),
            ("inet f2b-table/f2b-chain", Some("fail2ban")),
            ("CROWDSEC_CHAIN", Some("CrowdSec")),
            ("crowdsec-blacklists-0", Some("CrowdSec")),
            ("ip6 crowdsec6/crowdsec6-chain", Some("CrowdSec")),
            ("ip sshguard/blacklist", Some("SSHGuard")),
            ("sshguard", Some("SSHGuard")),
            ("INPUT", None),
            ("inet filter/input", None),
            ("inet host/f2b", None),
        ] {
            assert_eq!(tool(name), expected, "{name}");
        }
    }
}
