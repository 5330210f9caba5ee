//! The fix of a blocked flow (P050) when its destinations' policy is an imported ruleset
//! (`--rules HOST=FILE`): a line in that file, in its own syntax, not a topology `policy` rule
//! (a newcomer was told to add a `policy` entry while auditing an nft file).
//!
//! The audit hands this writer to the checks ([`crate::check::check_with`]): only a topology the
//! audit imported has rulesets, so the checks of a topology alone (the checker page's base
//! module) never link it.

use std::net::IpAddr;

use ipnet::IpNet;

use crate::check::{BlockedFix, Context};
use crate::model::{PortRange, Transport};
use crate::plan::Endpoint;
use crate::topology::{ImportedRuleset, RulesetSyntax};

/// Files named in one help before "and N more".
const FILES_SHOWN: usize = 3;

/// The help when every destination host has an imported ruleset; `None` otherwise.
pub(crate) fn help(cx: &Context<'_>, rule: &BlockedFix<'_>) -> Option<String> {
    let BlockedFix { destinations, source, ports, transport, why } = *rule;
    if destinations.is_empty() || cx.topology.rulesets.is_empty() {
        return None;
    }
    let mut files: Vec<&ImportedRuleset> = Vec::new();
    for host in destinations {
        let ruleset = cx.topology.rulesets.iter().find(|r| r.host == host.name)?;
        if !files.iter().any(|f| f.file == ruleset.file) {
            files.push(ruleset);
        }
    }
    let sources = source_nets(cx, source);
    let mut parts: Vec<String> = files
        .iter()
        .take(FILES_SHOWN)
        .map(|r| {
            let lines = lines(r.syntax, sources.as_deref(), ports, transport);
            if lines.is_empty() {
                format!(
                    "in {} (host {}) allow {} on {ports}/{transport}",
                    r.file,
                    r.host,
                    source.label()
                )
            } else {
                format!("in {} (host {}) {}", r.file, r.host, lines.join(" and "))
            }
        })
        .collect();
    if files.len() > FILES_SHOWN {
        parts.push(format!("and likewise in {} more files", files.len() - FILES_SHOWN));
    }
    Some(format!(
        "the policy here is the imported ruleset, so the fix is in that file, not in the topology's `policy`: {} ({why})",
        parts.join("; ")
    ))
}

/// The source's networks; `None` for any address.
fn source_nets(cx: &Context<'_>, source: &Endpoint) -> Option<Vec<IpNet>> {
    match source {
        Endpoint::Any => None,
        Endpoint::Zone { cidrs, .. } => Some(cidrs.to_vec()),
        Endpoint::Host(_) | Endpoint::Group { .. } => Some(
            cx.plan
                .hosts(source)
                .iter()
                .flat_map(|h| h.addresses.iter().copied().map(IpNet::from))
                .collect(),
        ),
    }
}

/// The lines (or commands) to add, one per address family; empty for a syntax not written.
fn lines(
    syntax: RulesetSyntax,
    sources: Option<&[IpNet]>,
    ports: PortRange,
    transport: Transport,
) -> Vec<String> {
    let families: Vec<(bool, Vec<String>)> = match sources {
        None => vec![],
        Some(nets) => [true, false]
            .into_iter()
            .map(|v4| {
                let of: Vec<String> = nets
                    .iter()
                    .filter(|n| matches!(n.addr(), IpAddr::V4(_)) == v4)
                    .map(|n| written(*n))
                    .collect();
                (v4, of)
            })
            .filter(|(_, of)| !of.is_empty())
            .collect(),
    };
    let (first, last) = (ports.start(), ports.end());
    let colon = if ports.is_single() { first.to_string() } else { format!("{first}:{last}") };
    match syntax {
        RulesetSyntax::Nft => {
            let rule = |saddr: String| {
                format!(
                    "add to the input chain, before its drop: `{saddr}{transport} dport {ports} accept`"
                )
            };
            if sources.is_none() {
                return vec![rule(String::new())];
            }
            families
                .into_iter()
                .map(|(v4, of)| {
                    let set = if of.len() == 1 {
                        of.join("")
                    } else {
                        format!("{{ {} }}", of.join(", "))
                    };
                    rule(format!("{} saddr {set} ", if v4 { "ip" } else { "ip6" }))
                })
                .collect()
        }
        RulesetSyntax::Iptables => {
            let rule = |source: String, file: &str| {
                format!(
                    "add to *filter{file}, before the INPUT chain's drop: `-A INPUT{source} -p {transport} -m {transport} --dport {colon} -j ACCEPT`"
                )
            };
            if sources.is_none() {
                return vec![rule(String::new(), "")];
            }
            families
                .into_iter()
                .map(|(v4, of)| {
                    rule(
                        format!(" -s {}", of.join(",")),
                        if v4 { " (iptables-save)" } else { " (ip6tables-save)" },
                    )
                })
                .collect()
        }
        RulesetSyntax::Ufw => match sources {
            None => vec![format!("run `ufw allow {colon}/{transport}`")],
            Some(nets) => nets
                .iter()
                .map(|n| {
                    format!(
                        "run `ufw allow proto {transport} from {} to any port {colon}`",
                        written(*n)
                    )
                })
                .collect(),
        },
        RulesetSyntax::Firewalld => {
            let range = ports.to_string();
            match sources {
                None => vec![format!(
                    "run `firewall-cmd --permanent --add-port={range}/{transport}` (in the host's zone)"
                )],
                Some(nets) => nets
                    .iter()
                    .map(|n| {
                        let family = if matches!(n.addr(), IpAddr::V4(_)) { "ipv4" } else { "ipv6" };
                        format!(
                            "run `firewall-cmd --permanent --add-rich-rule='rule family=\"{family}\" source address=\"{}\" port port=\"{range}\" protocol=\"{transport}\" accept'`",
                            written(*n)
                        )
                    })
                    .collect(),
            }
        }
        // Windows: one rule, the sources as a `,` list (both families in one).
        RulesetSyntax::Netsh | RulesetSyntax::PowerShell => {
            let dash = ports.to_string();
            let upper = transport.as_str().to_ascii_uppercase();
            let remote =
                sources.map(|n| n.iter().map(|n| written(*n)).collect::<Vec<_>>().join(","));
            let name = format!("Allow {dash}/{transport}");
            vec![if syntax == RulesetSyntax::Netsh {
                let remote = remote.map(|r| format!(" remoteip={r}")).unwrap_or_default();
                format!(
                    "run `netsh advfirewall firewall add rule name=\"{name}\" dir=in action=allow protocol={upper} localport={dash}{remote}`"
                )
            } else {
                let remote = remote.map(|r| format!(" -RemoteAddress {r}")).unwrap_or_default();
                format!(
                    "run `New-NetFirewallRule -DisplayName \"{name}\" -Direction Inbound -Action Allow -Protocol {upper} -LocalPort {dash}{remote}`"
                )
            }]
        }
        RulesetSyntax::Other => Vec::new(),
    }
}

/// A network as a rule writes it: a host's address without its `/32` or `/128`.
fn written(net: IpNet) -> String {
    if net.prefix_len() == net.max_prefix_len() { net.addr().to_string() } else { net.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().filter_map(|n| n.parse().ok()).collect()
    }

    #[test]
    fn iptables_line_per_family_with_a_colon_range() {
        let sources = nets(&["10.0.0.5/32", "10.1.0.0/16", "fd00::5/128"]);
        let ports = PortRange::new(7420, 7421).expect("range");
        let lines = lines(RulesetSyntax::Iptables, Some(&sources), ports, Transport::Tcp);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].contains("(iptables-save)"), "{lines:?}");
        assert!(
            lines[0].contains(
                "`-A INPUT -s 10.0.0.5,10.1.0.0/16 -p tcp -m tcp --dport 7420:7421 -j ACCEPT`"
            ),
            "{lines:?}"
        );
        assert!(
            lines[1].contains("(ip6tables-save)") && lines[1].contains("-s fd00::5 "),
            "{lines:?}"
        );
    }

    /// The page's base module links no ruleset writer: the checks of a topology alone write
    /// the `policy` rule, and the audit (CLI and `checker-audit.js` alike) writes the same P050
    /// in the imported file's syntax, as before the writer moved out of the checks.
    #[test]
    fn regression_p050_of_an_imported_ruleset_is_written_by_the_audit_alone() {
        use crate::audit::{self, FileKind, HostFile};
        use crate::model::Direction;
        use crate::topology::testkit::*;

        let catalog = catalog(vec![platform(
            "vk",
            vec![
                with_peer(req("vk/agent", "r-1", "7421", "tcp", Direction::Outbound), "vk/server"),
                with_peer_text(
                    req("vk/server", "r-2", "7421", "tcp", Direction::Inbound),
                    "internal",
                ),
            ],
            &[],
        )]);
        let topology = topology(
            vec![zone("lan", &["10.10.0.0/24"], crate::topology::Trust::Trusted)],
            vec![
                host("agent1", "lan", &["10.10.0.20"], &["vk/agent"]),
                host("vk1", "lan", &["10.10.0.5"], &["vk/server"]),
            ],
        );
        let nft = "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\ttcp dport 22 accept\n\t}\n}\n";
        let files = [HostFile {
            host: "vk1".to_owned(),
            file: "vk1.nft".to_owned(),
            text: nft.to_owned(),
            kind: FileKind::Rules(None),
        }];
        let help = |report: &crate::check::Report| -> Vec<String> {
            report
                .findings
                .iter()
                .filter(|f| f.code == "P050-flow-blocked")
                .map(|f| f.help.clone().unwrap_or_default())
                .collect()
        };
        let audited = help(&audit::check(&catalog, &topology, &files));
        assert_eq!(audited.len(), 1, "{audited:?}");
        assert!(
            audited[0].starts_with(
                "the policy here is the imported ruleset, so the fix is in that file, not in the topology's `policy`: in vk1.nft (host vk1) add to the input chain, before its drop: `ip saddr 10.10.0.0/24 tcp dport 7421 accept`"
            ),
            "{audited:?}"
        );
        let imported = audit::import(&catalog, &topology, &files).topology;
        let alone = help(&crate::check::check(&catalog, &imported));
        assert_eq!(alone.len(), 1, "{alone:?}");
        assert!(
            alone[0].starts_with("add the rule `- { from: lan, to: vk1, ports: [7421/tcp] }`"),
            "{alone:?}"
        );
    }

    #[test]
    fn any_source_writes_no_source_match() {
        let ports = PortRange::single(443).expect("port");
        let nft = lines(RulesetSyntax::Nft, None, ports, Transport::Tcp);
        assert!(nft[0].ends_with("`tcp dport 443 accept`"), "{nft:?}");
        let ufw = lines(RulesetSyntax::Ufw, None, ports, Transport::Udp);
        assert_eq!(ufw, ["run `ufw allow 443/udp`"]);
        assert!(lines(RulesetSyntax::Other, None, ports, Transport::Tcp).is_empty());
    }
}
