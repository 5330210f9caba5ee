//! ufw on a host with guests: which routed traffic of their interfaces passes ufw's FORWARD
//! chains. ufw's routed default (DROP) sits in iptables' FORWARD, where a drop is final over
//! the accepts of a runtime that keeps its rules in an nftables table of its own (Podman 5's
//! netavark, LXD, Incus), so ufw must accept the guests' traffic itself, and no more than that:
//!
//! * out of the guests (`route allow in on <guest>`): their connections out, and a tunnel's
//!   traffic arriving for the guests behind it;
//! * into the guests only what their runtime published by DNAT (a conntrack state ufw has no
//!   command for: one line in ufw's before rules per family). A plain `route allow out on
//!   <guest>` let a client that routes to the guests' networks reach every port of them on a
//!   Docker host whose rules leave that to the FORWARD policy (tests/netns/runtime.py,
//!   `unpublished`); replies come back through ufw's own RELATED,ESTABLISHED accept.

use super::hostfw::{Family, HostRule};
use super::{guests, quote};

/// Comment of the rules that let the guests' own traffic out.
pub const GUESTS_ROUTED: &str = "portolan: routed by the runtime";

/// ufw's before rules per family: the file and its forward chain's established-traffic line,
/// after which the DNAT accepts go.
const BEFORE_RULES: [(&str, &str); 2] = [
    ("/etc/ufw/before.rules", "ufw-before-forward"),
    ("/etc/ufw/before6.rules", "ufw6-before-forward"),
];

/// The script lines for `guests` (names checked by the topology parser: `[A-Za-z0-9_.-]`,
/// an optional trailing `*`, so they need no quoting in sed or the shell).
pub fn commands(names: &[&str]) -> Vec<String> {
    let mut lines = vec![
        "# Connections to the guests pass ufw only as the DNAT of their runtime publishes them: ufw has no"
            .to_owned(),
        "# command for a conntrack state, so one line per interface goes into the before rules of ufw (put back"
            .to_owned(),
        "# by the reset above; with --dry-run the lines are only said)".to_owned(),
        "case \"$UFW\" in".to_owned(),
        "*--dry-run*)".to_owned(),
    ];
    for (file, chain) in BEFORE_RULES {
        for name in names {
            lines.push(format!(
                "  echo {}",
                quote::shell_word(&format!(
                    "portolan: would add to {file}: {}",
                    dnat_accept(chain, name)
                ))
            ));
        }
    }
    lines.push("  ;;".to_owned());
    lines.push("*)".to_owned());
    for (file, chain) in BEFORE_RULES {
        let after = format!("-A {chain} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
        for name in names {
            let rule = dnat_accept(chain, name);
            lines.push(format!("  sed -i '/^{after}$/a {rule}' {file}"));
            lines.push(format!(
                "  grep -qF -- '{rule}' {file} || {{ echo 'portolan: {file} has no line \"{after}\" to follow; ufw stays off (reset)' >&2; exit 1; }}"
            ));
        }
    }
    lines.push("  ;;".to_owned());
    lines.push("esac".to_owned());
    for name in names {
        lines.push(format!(
            "$UFW route allow in on {} comment {}",
            guests::plus_wildcard(name),
            quote::shell_word(GUESTS_ROUTED)
        ));
    }
    lines
}

/// ufw's after rules per family, and the family of their rules.
pub const AFTER_RULES: [(&str, Family); 2] =
    [("/etc/ufw/after.rules", Family::V4), ("/etc/ufw/after6.rules", Family::V6)];

/// The script lines that hold Docker's published ports to the plan ([`super::published`]): a
/// block appended to ufw's after rules (put back by the reset above, loaded by ufw's start with
/// iptables-restore -n, so each start refills DOCKER-USER); with --dry-run it is only printed.
pub fn published(rules: &[HostRule<'_>], names: &[&str]) -> Vec<String> {
    let mut lines = vec![
        "# Ports Docker publishes, held to the plan in its DOCKER-USER chain (see the header)".to_owned(),
        "portolan_after() { case \"$UFW\" in *--dry-run*) echo \"portolan: would append to $1:\"; cat ;; *) cat >> \"$1\" ;; esac; }".to_owned(),
    ];
    for (file, family) in AFTER_RULES {
        lines.push(format!("portolan_after {file} <<'PORTOLAN'"));
        lines.push("*filter".to_owned());
        lines.extend(super::published::iptables(
            rules,
            family,
            names,
            super::iptables::COMMENT_MAX,
        ));
        lines.push("COMMIT".to_owned());
        lines.push("PORTOLAN".to_owned());
    }
    lines
}

/// The before-rules line accepting connections DNATed to the guests behind `name`.
fn dnat_accept(chain: &str, name: &str) -> String {
    format!(
        "-A {chain} -o {} -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT",
        guests::plus_wildcard(name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (tests/netns/runtime.py, docker `unpublished`): `route allow out on docker0`
    /// let a client routing to 172.17.0.0/16 reach a container's unpublished port.
    #[test]
    fn ufw_routes_only_the_guests_traffic_out_and_what_their_runtime_dnats_to_them() {
        let text = commands(&["docker0", "br-*"]).join("\n");
        assert!(!text.contains("route allow out"), "{text}");
        assert!(text.contains("$UFW route allow in on docker0 comment"), "{text}");
        assert!(text.contains("$UFW route allow in on br-+ comment"), "{text}");
        for (file, chain) in BEFORE_RULES {
            for name in ["docker0", "br-+"] {
                let rule = format!("-A {chain} -o {name} -m conntrack --ctstate DNAT");
                assert!(
                    text.contains(&format!("/a {rule}")) && text.contains(file),
                    "{chain} {name}: {text}"
                );
            }
        }
        // --dry-run touches no file.
        let dry = text.split("*--dry-run*)").nth(1).and_then(|t| t.split(";;").next());
        assert!(dry.is_some_and(|d| !d.contains("sed") && d.contains("would add")), "{text}");
    }
}
