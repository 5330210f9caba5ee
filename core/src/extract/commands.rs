//! Firewall commands in code blocks (`firewall-cmd --add-port=631/tcp`, `ufw allow 9100/tcp`,
//! `iptables … --dport 515`): examples of how to open what the page states, not statements of
//! their own. Their ports are never requirements; one the page states nowhere else is reported
//! (`port-in-command`) so it is not lost in silence.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::blocks::options;
use crate::model::{PortRange, Transport};

/// Words that make a code line a firewall command.
pub(super) const FIREWALL_TOOLS: &[&str] =
    &["firewall-cmd", "ufw", "iptables", "ip6tables", "nft", "netsh", "new-netfirewallrule"];

/// A port a command opens: where (offset in the markdown), which, and how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CommandPort {
    pub offset: usize,
    pub ports: PortRange,
    pub transport: Option<Transport>,
    pub written: String,
}

/// Every port the firewall commands of `markdown`'s code blocks open.
pub(super) fn ports_in_commands(markdown: &str) -> Vec<CommandPort> {
    // A command line names its tool: a page that names none (most pages) is not parsed a
    // second time to find code blocks (issue 15).
    if !names_a_tool(markdown) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut in_code = false;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if in_code => {
                let mut at = range.start;
                for line in text.split_inclusive('\n') {
                    found.extend(line_ports(line, at));
                    at += line.len();
                }
            }
            _ => {}
        }
    }
    found
}

/// Whether a firewall tool's name occurs anywhere in `markdown`, in any ASCII case (a command
/// line's words are compared lowercased, so a line with a tool has its name in the text).
fn names_a_tool(markdown: &str) -> bool {
    let mut first_bytes = [false; 256];
    for tool in FIREWALL_TOOLS {
        if let Some(&b) = tool.as_bytes().first() {
            first_bytes[usize::from(b.to_ascii_lowercase())] = true;
            first_bytes[usize::from(b.to_ascii_uppercase())] = true;
        }
    }
    let hay = markdown.as_bytes();
    hay.iter().enumerate().any(|(start, &b)| {
        first_bytes[usize::from(b)]
            && FIREWALL_TOOLS.iter().any(|tool| {
                hay.get(start..start + tool.len())
                    .is_some_and(|candidate| candidate.eq_ignore_ascii_case(tool.as_bytes()))
            })
    })
}

/// The ports of one command line: each number (or `N-M` / `N:M` range) right after a port
/// option (`--add-port=`, `--dport`, `--dports`, `localport=`, `-LocalPort`, `dport`) or after
/// `allow` / `deny` in ufw, with a `/tcp` or `/udp` glued to it.
fn line_ports(line: &str, offset: usize) -> Vec<CommandPort> {
    let lower = line.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if !words.iter().any(|w| FIREWALL_TOOLS.contains(w)) {
        return Vec::new();
    }
    // `iptables -p tcp … --dport 6789`, `nft … tcp dport 6789`: the line's transport, for a
    // port without a `/tcp` of its own.
    let line_transport = words.windows(2).find_map(|pair| match pair {
        [option, word] if matches!(*option, "-p" | "--protocol" | "--proto" | "proto") => {
            Transport::parse(word)
        }
        [word, "dport" | "sport"] => Transport::parse(word),
        _ => None,
    });
    let mut ports = Vec::new();
    let mut previous = "";
    let mut position = 0;
    for word in lower.split_whitespace() {
        let start = lower[position..].find(word).map_or(position, |i| position + i);
        position = start + word.len();
        let (value, value_start) = match word.split_once('=') {
            Some((key, value)) if key.ends_with("port") || key.ends_with("ports") => {
                (value, start + key.len() + 1)
            }
            _ if matches!(
                previous,
                "--dport" | "--dports" | "--sport" | "dport" | "-localport" | "allow" | "deny"
            ) =>
            {
                (word, start)
            }
            _ => {
                previous = word;
                continue;
            }
        };
        previous = word;
        let (number, transport) = match value.split_once('/') {
            Some((n, t)) => (n, Transport::parse(t)),
            None => (value, line_transport),
        };
        for part in number.split(',') {
            let range = part.split_once(['-', ':']).map_or((part, part), |(a, b)| (a, b));
            let (Ok(first), Ok(last)) = (range.0.parse::<u16>(), range.1.parse::<u16>()) else {
                continue;
            };
            let Ok(ports_range) = PortRange::new(first, last) else { continue };
            ports.push(CommandPort {
                offset: offset + value_start,
                ports: ports_range,
                transport,
                written: value.to_owned(),
            });
        }
    }
    ports
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(markdown: &str) -> Vec<String> {
        ports_in_commands(markdown).into_iter().map(|p| p.ports.to_string()).collect()
    }

    #[test]
    fn pages_are_parsed_for_commands_only_when_they_name_a_tool() {
        assert!(names_a_tool("```\nsudo UFW allow 5353/udp\n```"));
        assert!(names_a_tool("    New-NetFirewallRule -LocalPort 443"));
        assert!(!names_a_tool("| Port | Purpose |\n| 443 | HTTPS |\nÜber uf w"));
        // In any case the tool is written, the command is still read.
        assert_eq!(written("```\nSUDO UFW ALLOW 5353/UDP\n```\n"), ["5353"]);
    }

    #[test]
    fn ports_in_firewall_commands_were_dropped_in_silence() {
        let markdown = "```sh\nfirewall-cmd --permanent --add-port=631/tcp\nsudo ufw allow 5353/udp\niptables -A INPUT -p tcp --dport 515 -j ACCEPT\nfirewall-cmd --add-port=6000-6010/tcp\n```\n";
        assert_eq!(written(markdown), ["631", "5353", "515", "6000-6010"]);
        let found = ports_in_commands(markdown);
        assert_eq!(found[1].transport, Some(Transport::Udp));
        assert_eq!(&markdown[found[1].offset..found[1].offset + 4], "5353");
    }

    fn codes(text: &str) -> Vec<String> {
        let build = crate::extract::extract_document(crate::extract::Document {
            path: "c.md",
            bytes: text.as_bytes(),
        });
        build
            .diagnostics
            .iter()
            .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.code))
            .collect()
    }

    #[test]
    fn a_command_port_the_page_states_elsewhere_is_not_reported() {
        let text = "# Printer\n\nClients print on port 631/tcp.\n\n```sh\nufw allow 631/tcp\nufw allow 5353/udp\n```\n";
        assert_eq!(codes(text), ["7:11 port-in-command"]);
    }

    #[test]
    fn pinned_undeclared_component_warning_was_dropped() {
        // Settling components runs after the walk; its warnings were never handed on.
        let text = "---\ntitle: T\ncomponents:\n  web: { name: Web }\n---\n<!-- portolan: component=db -->\n| Port | Purpose |\n|---|---|\n| 5432 | Database |\n";
        assert!(
            codes(text).iter().any(|c| c.ends_with("pin-unknown-component")),
            "{:?}",
            codes(text)
        );
    }

    #[test]
    fn regression_a_row_without_transport_ignored_the_pages_own_iptables_rule() {
        // The newcomer's Ceph (session 16): "Monitors listen on 3300 and 6789" over the page's
        // `iptables -p tcp --dport 6789`; the rows named no transport, so no rule opened them.
        let markdown = "```sh\nsudo iptables -A INPUT -p tcp --dport 6789 -j ACCEPT\nnft add rule inet f input udp dport 4789 accept\n```\n";
        let found = ports_in_commands(markdown);
        assert_eq!(found[0].transport, Some(Transport::Tcp));
        assert_eq!(found[1].transport, Some(Transport::Udp));
        let text = "# Monitors\n\nMonitors listen on 3300 and 6789.\n\n```sh\nsudo iptables -A INPUT -p tcp --dport 6789 -j ACCEPT\n```\n";
        let build = crate::extract::extract_document(crate::extract::Document {
            path: "c.md",
            bytes: text.as_bytes(),
        });
        let transport = |port: &str| {
            build
                .catalog
                .requirements()
                .find(|r| r.ports.to_string() == port)
                .map(|r| r.transport.map(|t| t.as_str().to_owned()))
        };
        assert_eq!(transport("6789"), Some(Some("tcp".to_owned())));
        // 3300 is in no command: still said to name no transport, not guessed.
        assert_eq!(transport("3300"), Some(None));
    }

    #[test]
    fn numbers_in_other_code_are_not_commands() {
        assert!(written("```\ncurl http://host:8080/ --retry 3\n```\n").is_empty());
        assert!(written("Run `ufw allow 22/tcp` inline.\n").is_empty());
    }
}
