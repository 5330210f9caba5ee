//! Which tool printed a file, from its first meaningful lines.

/// Ruleset formats Portolan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesFormat {
    /// `iptables-save` / `ip6tables-save`.
    Iptables,
    /// `nft list ruleset`.
    NftText,
    /// `nft -j list ruleset`.
    NftJson,
    /// `aws ec2 describe-security-groups` (the groups the host names in the topology).
    AwsSg,
    /// `az network nsg rule list` / `az network nsg show` JSON (the NSGs the host names).
    AzureNsg,
    /// `gcloud compute firewall-rules list --format=json` (rules by the host's network tags).
    GcpFirewall,
    /// Kubernetes NetworkPolicy YAML (the host's pods carry its labels).
    NetworkPolicy,
    /// `firewall-cmd --list-all-zones`.
    Firewalld,
    /// `ufw status verbose`.
    Ufw,
    /// Windows' `netsh advfirewall firewall show rule name=all verbose` (English).
    Netsh,
    /// PowerShell's `Get-NetFirewallRule` (with its filters) through `Export-Csv` or `ConvertTo-Json`.
    WindowsPs,
}

impl RulesFormat {
    /// `iptables`, `nft`, `nft-json` (and a few spellings people use).
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "iptables" | "ip6tables" | "iptables-save" | "ip6tables-save" => Some(Self::Iptables),
            "nft" | "nftables" | "nft-text" => Some(Self::NftText),
            "nft-json" | "nftables-json" | "json" => Some(Self::NftJson),
            "aws" | "aws-sg" | "security-groups" => Some(Self::AwsSg),
            "azure" | "azure-nsg" | "nsg" => Some(Self::AzureNsg),
            "gcp" | "gcloud" | "gcp-firewall" => Some(Self::GcpFirewall),
            "kubernetes" | "k8s" | "netpol" | "networkpolicy" => Some(Self::NetworkPolicy),
            "firewalld" | "firewall-cmd" => Some(Self::Firewalld),
            "ufw" => Some(Self::Ufw),
            "netsh" | "windows" | "advfirewall" => Some(Self::Netsh),
            "powershell" | "windows-ps" | "get-netfirewallrule" => Some(Self::WindowsPs),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Iptables => "iptables",
            Self::NftText => "nft",
            Self::NftJson => "nft-json",
            Self::AwsSg => "aws-sg",
            Self::AzureNsg => "azure-nsg",
            Self::GcpFirewall => "gcp",
            Self::NetworkPolicy => "kubernetes",
            Self::Firewalld => "firewalld",
            Self::Ufw => "ufw",
            Self::Netsh => "netsh",
            Self::WindowsPs => "powershell",
        }
    }

    /// The syntax a missing rule is suggested in (P050's help names the file and the line).
    pub fn syntax(self) -> crate::topology::RulesetSyntax {
        use crate::topology::RulesetSyntax;
        match self {
            Self::Iptables => RulesetSyntax::Iptables,
            Self::NftText => RulesetSyntax::Nft,
            Self::Firewalld => RulesetSyntax::Firewalld,
            Self::Ufw => RulesetSyntax::Ufw,
            Self::Netsh => RulesetSyntax::Netsh,
            Self::WindowsPs => RulesetSyntax::PowerShell,
            #[allow(unreachable_patterns)] // readers added later fall back to naming the file
            _ => RulesetSyntax::Other,
        }
    }
}

/// Socket list formats Portolan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SocketsFormat {
    /// `ss -tulpn` (with or without `-H`, `-e`).
    Ss,
    /// `netstat -tulpn`.
    Netstat,
    /// `lsof -nP -i`.
    Lsof,
    /// Windows' `netstat -ano` (`-an`, `-anob`).
    WindowsNetstat,
    /// PowerShell's `Get-NetTCPConnection -State Listen` / `Get-NetUDPEndpoint` (table or CSV).
    WindowsTable,
}

impl SocketsFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ss => "ss",
            Self::Netstat => "netstat",
            Self::Lsof => "lsof",
            Self::WindowsNetstat => "netstat-windows",
            Self::WindowsTable => "get-nettcpconnection",
        }
    }
}

fn meaningful(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A JSON object is nft's JSON; `*table` / `:CHAIN` / `-A` / `-P` lines are iptables; anything
/// else is read as `nft list ruleset` (whose reader then says what it does not understand).
pub fn rules_format(text: &str) -> RulesFormat {
    let Some(first) = meaningful(text).next() else { return RulesFormat::NftText };
    if first.starts_with('{') || first.starts_with('[') {
        // Both are JSON: the AWS CLI's top key names the security groups.
        if (text.contains("\"SecurityGroups\"") || text.contains("\"SecurityGroupRules\""))
            && !text.contains("\"nftables\"")
        {
            RulesFormat::AwsSg
        } else if azure_nsg(text) {
            RulesFormat::AzureNsg
        } else if gcp_firewall(text) {
            RulesFormat::GcpFirewall
        } else if super::ps_firewall::is_json(text) && !text.contains("\"nftables\"") {
            RulesFormat::WindowsPs
        } else if text.contains("\"NetworkPolicy\"") && !text.contains("\"nftables\"") {
            // `kubectl get networkpolicy -o json` (JSON is YAML to the policy reader).
            RulesFormat::NetworkPolicy
        } else {
            RulesFormat::NftJson
        }
    } else if super::netsh::is_netsh(text) {
        RulesFormat::Netsh
    } else if super::ps_firewall::is_csv(text) || super::ps_firewall::is_list(text) {
        RulesFormat::WindowsPs
    } else if first.starts_with("Status: ") {
        RulesFormat::Ufw
    } else if text.contains("\n  target: ") && text.contains("\n  rich rules:") {
        RulesFormat::Firewalld
    } else if text.contains("kind: NetworkPolicy")
        || first.starts_with("apiVersion:")
        // Calico's and Cilium's policies (`kind: GlobalNetworkPolicy`, after a `---` too).
        || ["projectcalico.org/", "cilium.io/"]
            .iter()
            .any(|group| text.contains(&format!("apiVersion: {group}")))
    {
        RulesFormat::NetworkPolicy
    } else if first.starts_with('*')
        || first.starts_with(':')
        || super::iptables::is_listing(first)
        || ["-A ", "-P ", "-N ", "create "].iter().any(|p| first.starts_with(p))
    {
        // iptables-save, `iptables -S` (`-P INPUT DROP` first), or `ipset save` then
        // iptables-save (`create NAME hash:net …` first).
        RulesFormat::Iptables
    } else {
        RulesFormat::NftText
    }
}

/// The Azure CLI's NSG keys (camelCase, unlike nft's JSON).
fn azure_nsg(text: &str) -> bool {
    !text.contains("\"nftables\"")
        && (text.contains("\"securityRules\"")
            || text.contains("\"defaultSecurityRules\"")
            || (text.contains("\"access\"") && text.contains("\"direction\"")))
}

/// gcloud's firewall keys.
fn gcp_firewall(text: &str) -> bool {
    !text.contains("\"nftables\"")
        && text.contains("\"direction\"")
        && (text.contains("\"IPProtocol\"") || text.contains("compute#firewall"))
}

/// `COMMAND PID USER` heads lsof; `Active Internet connections` or `Proto Recv-Q` heads
/// netstat; everything else (with or without a header) is read as ss.
pub fn sockets_format(text: &str) -> SocketsFormat {
    let Some(first) = meaningful(text).next() else { return SocketsFormat::Ss };
    if first.starts_with("COMMAND ") {
        SocketsFormat::Lsof
    } else if super::sockets_windows::is_table(first) {
        SocketsFormat::WindowsTable
    } else if super::sockets_windows::is_netstat(first) {
        SocketsFormat::WindowsNetstat
    } else if first.starts_with("Active Internet") || first.starts_with("Proto ") {
        SocketsFormat::Netstat
    } else {
        // netstat without its headers starts rows with `tcp`/`udp` then two numbers; ss rows
        // start with a netid then a state word (or just the state, `-t` alone).
        let words: Vec<&str> = first.split_whitespace().collect();
        let numbers = words.get(1).is_some_and(|w| w.parse::<u64>().is_ok())
            && words.get(2).is_some_and(|w| w.parse::<u64>().is_ok());
        let netstat_proto =
            words.first().is_some_and(|w| matches!(*w, "tcp" | "tcp6" | "udp" | "udp6"));
        if numbers && netstat_proto { SocketsFormat::Netstat } else { SocketsFormat::Ss }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_captured_fixture_is_recognised() {
        let fixture = |name: &str| {
            std::fs::read_to_string(format!(
                "{}/tests/fixtures/audit/{name}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        assert_eq!(rules_format(&fixture("tricky.iptables")), RulesFormat::Iptables);
        assert_eq!(rules_format(&fixture("tricky.nft")), RulesFormat::NftText);
        assert_eq!(rules_format(&fixture("tricky.nft.json")), RulesFormat::NftJson);
        assert_eq!(rules_format(&fixture("aws/security-groups.json")), RulesFormat::AwsSg);
        assert_eq!(rules_format(&fixture("azure/nsg-show.json")), RulesFormat::AzureNsg);
        assert_eq!(rules_format(&fixture("azure/nsg-rule-list.json")), RulesFormat::AzureNsg);
        assert_eq!(rules_format(&fixture("gcp/firewall-rules.json")), RulesFormat::GcpFirewall);
        assert_eq!(rules_format(&fixture("openlm/cp1.firewalld")), RulesFormat::Firewalld);
        assert_eq!(rules_format(&fixture("openlm/cp1.ufw")), RulesFormat::Ufw);
        assert_eq!(rules_format(&fixture("real/ufw-host.iptables-S")), RulesFormat::Iptables);
        assert_eq!(rules_format(&fixture("real/nixos-fw.iptables-L")), RulesFormat::Iptables);
        assert_eq!(
            rules_format(&fixture("real/docker-host-ipsets.iptables")),
            RulesFormat::Iptables
        );
        assert_eq!(
            rules_format(&fixture("real/docker-host-counters.iptables")),
            RulesFormat::Iptables
        );
        assert_eq!(
            rules_format("# policies\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"),
            RulesFormat::NetworkPolicy
        );
        assert_eq!(rules_format(&fixture("calico/policies.yaml")), RulesFormat::NetworkPolicy);
        assert_eq!(
            rules_format("---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\n"),
            RulesFormat::NetworkPolicy
        );
        assert_eq!(rules_format(&fixture("real/csf-host.iptables-L")), RulesFormat::Iptables);
        assert_eq!(rules_format(&fixture("real/ipv6-host.ip6tables-L")), RulesFormat::Iptables);
        assert_eq!(sockets_format(&fixture("cp1.ss")), SocketsFormat::Ss);
        assert_eq!(sockets_format(&fixture("cp1-e.ss")), SocketsFormat::Ss);
        assert_eq!(sockets_format(&fixture("cp1.netstat")), SocketsFormat::Netstat);
        assert_eq!(sockets_format(&fixture("cp1.lsof")), SocketsFormat::Lsof);
    }
}
