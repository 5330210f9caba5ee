//! Reading back the rules that hold Docker's published ports to the plan
//! ([`crate::emit::published`]): iptables' `DOCKER-USER` and nftables' `published` chain.
//!
//! A planned rule there matches the address and port a connection was first sent to (before
//! Docker's DNAT), so it comes back as the inbound rule of the host it enforces, in
//! [`RulesetBack::published`]; the fixed lines (the guests' own traffic, the drop of
//! unplanned DNATed connections, the return to Docker's chains) come back as `published:<what>`
//! in `infra`. Anything else, a planned rule after the drop (never reached), or a chain without
//! its drop (nothing held) is an error.

use super::{HostRuleBack, RulesetBack, nets, ports, requirements};
use crate::emit::hostfw::{Family, Way};
use crate::emit::published::{GUESTS, UNPLANNED};
use crate::model::Transport;

/// What one line of the chain was.
enum Line {
    Fixed(&'static str),
    Rule(HostRuleBack),
}

/// Adds a line read, in the chain's order: planned rules, the drop, then the return (`ended`).
fn push(back: &mut RulesetBack, line: Line, ended: &mut bool) -> Result<(), String> {
    let dropped = back.infra.iter().any(|i| i == "published:unplanned-drop");
    if *ended {
        return Err("a line after the return to Docker's chains".to_owned());
    }
    match line {
        Line::Fixed(what) => {
            if what == "unplanned-drop" && dropped {
                return Err("a second drop of unplanned published ports".to_owned());
            }
            if what == "return" {
                *ended = true;
            }
            back.infra.push(format!("published:{what}"));
        }
        Line::Rule(_) if dropped => {
            return Err("a planned published port after the drop is never reached".to_owned());
        }
        Line::Rule(rule) => {
            // A second line of the same match adds nothing: merging it below would hide that
            // the file is not what the plan writes (one line per rule and local net).
            if let Some(earlier) = back.published.iter().find(|r| duplicate(r, &rule)) {
                return Err(format!(
                    "a duplicate published port rule: {}/{} to {} (ids {}) is already there",
                    earlier.ports,
                    earlier.transport,
                    nets_text(&earlier.local),
                    earlier.requirements.join(" ")
                ));
            }
            // iptables writes a line per local net (`--ctorigdst` takes one): one rule again.
            match back.published.last_mut() {
                Some(last)
                    if (&last.peer, last.transport, last.ports, &last.requirements)
                        == (&rule.peer, rule.transport, rule.ports, &rule.requirements) =>
                {
                    let mut local = std::mem::take(&mut last.local);
                    local.extend(rule.local);
                    last.local = ipnet::IpNet::aggregate(&local);
                }
                _ => back.published.push(rule),
            }
        }
    }
    Ok(())
}

/// Do `a` and `b` match the same connections: source, transport and ports, and an address?
fn duplicate(a: &HostRuleBack, b: &HostRuleBack) -> bool {
    (&a.peer, a.transport, a.ports, a.family) == (&b.peer, b.transport, b.ports, b.family)
        && a.local.iter().any(|x| b.local.iter().any(|y| x.contains(y) || y.contains(x)))
}

fn nets_text(nets: &[ipnet::IpNet]) -> String {
    nets.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// Checks the chain, once read, holds something: its drop is there.
pub(super) fn finish(back: &RulesetBack, present: bool) -> Result<(), String> {
    let dropped = back.infra.iter().any(|i| i == "published:unplanned-drop");
    if present && !dropped {
        return Err("the published ports chain has no drop: nothing is held to the plan".to_owned());
    }
    if !present && !back.published.is_empty() {
        return Err("published port rules outside their chain".to_owned());
    }
    Ok(())
}

/// One rule of nftables' `published` chain (`w`: its words, braces and quotes removed).
pub(super) fn nft_line(
    back: &mut RulesetBack,
    w: &[&str],
    full: Option<&str>,
    ended: &mut bool,
) -> Result<(), String> {
    let line = match w {
        ["iifname", _, "accept", "comment", c] if *c == GUESTS => Line::Fixed("guests"),
        ["ct", "state", "new", "ct", "status", "dnat", "drop", "comment", c] if *c == UNPLANNED => {
            Line::Fixed("unplanned-drop")
        }
        _ => Line::Rule(nft_rule(w, full)?),
    };
    push(back, line, ended)
}

fn nft_rule(w: &[&str], full: Option<&str>) -> Result<HostRuleBack, String> {
    let (mut local, mut peer, mut family, mut transport, mut range, mut comment, mut accept) =
        (None, None, None, None, None, None, false);
    let mut set_family = |ip: &str| {
        let f = if ip == "ip" { Family::V4 } else { Family::V6 };
        match family.replace(f) {
            Some(old) if old != f => Err("mixed families".to_owned()),
            _ => Ok(()),
        }
    };
    let mut i = 0;
    while i < w.len() {
        match &w[i..] {
            ["ct", "original", ip @ ("ip" | "ip6"), "daddr", list, ..] if local.is_none() => {
                set_family(ip)?;
                local = Some(nets(list)?);
                i += 5;
            }
            // The source is not rewritten by a DNAT: the packet's own.
            [ip @ ("ip" | "ip6"), "saddr", list, ..] if peer.is_none() => {
                set_family(ip)?;
                peer = Some(nets(list)?);
                i += 3;
            }
            ["meta", "l4proto", p, ..] if transport.is_none() => {
                transport = Some(Transport::parse(p).ok_or_else(|| format!("protocol `{p}`"))?);
                i += 3;
            }
            ["ct", "original", "proto-dst", p, ..] if range.is_none() => {
                range = Some(ports(p, '-')?);
                i += 4;
            }
            ["accept", ..] if !accept => {
                accept = true;
                i += 1;
            }
            ["comment", c, ..] if comment.is_none() => {
                comment = Some(*c);
                i += 2;
            }
            [other, ..] => return Err(format!("unexpected `{other}` in chain published")),
            [] => break,
        }
    }
    rule(local, peer, family, transport, range, comment, accept, full)
}

/// One line appended to iptables' `DOCKER-USER` (after `-A DOCKER-USER`).
pub(super) fn iptables_line(
    back: &mut RulesetBack,
    body: &[&str],
    family: Family,
    full: Option<&str>,
    ended: &mut bool,
) -> Result<(), String> {
    let line = match body {
        ["-i", _, "-m", "comment", "--comment", c, "-j", "RETURN"] if *c == GUESTS => {
            Line::Fixed("guests")
        }
        [
            "-m",
            "conntrack",
            "--ctstate",
            "NEW",
            "-m",
            "conntrack",
            "--ctstate",
            "DNAT",
            "-m",
            "comment",
            "--comment",
            c,
            "-j",
            "DROP",
        ] if *c == UNPLANNED => Line::Fixed("unplanned-drop"),
        ["-j", "RETURN"] => Line::Fixed("return"),
        _ => Line::Rule(iptables_rule(body, family, full)?),
    };
    push(back, line, ended)
}

fn iptables_rule(
    body: &[&str],
    family: Family,
    full: Option<&str>,
) -> Result<HostRuleBack, String> {
    let (mut local, mut peer, mut transport, mut range, mut comment, mut accept) =
        (None, None, None, None, None, false);
    let mut i = 0;
    while i < body.len() {
        match &body[i..] {
            ["-s", list, ..] if peer.is_none() => {
                peer = Some(nets(list)?);
                i += 2;
            }
            ["-p", p, ..] if transport.is_none() => {
                transport = Some(Transport::parse(p).ok_or_else(|| format!("protocol `{p}`"))?);
                i += 2;
            }
            ["-m", "conntrack", "--ctorigdst", net, ..] if local.is_none() => {
                local = Some(nets(net)?);
                i += 4;
            }
            ["--ctorigdstport", p, ..] if local.is_some() && range.is_none() => {
                range = Some(ports(p, ':')?);
                i += 2;
            }
            ["-m", "comment", "--comment", c, ..] if comment.is_none() => {
                comment = Some(*c);
                i += 4;
            }
            // RETURN: on to Docker's chains, which accept what they published.
            ["-j", "RETURN"] if !accept => {
                accept = true;
                i += 2;
            }
            [other, ..] => return Err(format!("unexpected `{other}` in DOCKER-USER")),
            [] => break,
        }
    }
    let wrong = |n: &Option<Vec<ipnet::IpNet>>| {
        n.as_ref().is_some_and(|n| n.iter().any(|n| Family::of(n) != family))
    };
    if wrong(&local) || wrong(&peer) {
        return Err("wrong family in DOCKER-USER".to_owned());
    }
    rule(local, peer, Some(family), transport, range, comment, accept, full)
}

#[allow(clippy::too_many_arguments)]
fn rule(
    local: Option<Vec<ipnet::IpNet>>,
    peer: Option<Vec<ipnet::IpNet>>,
    family: Option<Family>,
    transport: Option<Transport>,
    ports: Option<crate::model::PortRange>,
    comment: Option<&str>,
    passes: bool,
    full: Option<&str>,
) -> Result<HostRuleBack, String> {
    let (true, Some(local), Some(family), Some(transport), Some(ports), Some(comment)) =
        (passes, local, family, transport, ports, comment)
    else {
        return Err("incomplete published port rule".to_owned());
    };
    Ok(HostRuleBack {
        way: Way::In,
        family,
        local,
        peer,
        transport,
        ports,
        requirements: requirements(comment, full)?,
    })
}

#[cfg(test)]
mod tests {
    use crate::emit::hostfw::{Family, Way};
    use crate::emit::parse_back::{iptables, nftables};
    use crate::topology::testkit::emit_topology;

    /// The file `path` that `target` writes for a Docker host h with 8443/tcp planned to it
    /// from the vpn zone.
    fn file(target: &str, path: &str) -> String {
        let yaml = "zones:\n  vpn: { cidrs: [10.9.0.0/24] }\n  srv: { cidrs: [10.0.0.0/24] }\nhosts:\n  h: { zone: srv, address: 10.0.0.5, guest_interfaces: [docker0] }\nmanagement: [{ from: vpn }]\nservices:\n  - { host: h, name: dash, ports: [8443/tcp], from: [vpn] }\n";
        let out = emit_topology(target, yaml, None).expect("emits");
        out.files.iter().find(|f| f.path == path).expect("the file").contents.clone()
    }

    /// Regression (session 14): the strict read-back refused the DOCKER-USER lines and the
    /// published chain every Docker host gets; they come back as the inbound rules they hold.
    #[test]
    fn docker_user_and_the_published_chain_read_back_as_the_inbound_plan() {
        let v4 = iptables(&file("iptables", "iptables/h.rules.v4"), Family::V4).expect("reads");
        let nft = nftables(&file("nftables", "nftables/h.nft")).expect("reads");
        for back in [&v4, &nft] {
            let inbound: Vec<_> = back.rules.iter().filter(|r| r.way == Way::In).collect();
            assert_eq!(back.published.iter().collect::<Vec<_>>(), inbound);
            assert!(back.published.iter().any(|r| r.ports.start() == 8443), "{back:?}");
            assert!(back.infra.iter().any(|i| i == "published:unplanned-drop"), "{back:?}");
        }
    }

    /// Regression (session 15): two identical DOCKER-USER lines were merged into one rule in
    /// silence (the merge of a rule's lines per local net took them for two nets); the nft
    /// chain likewise. A duplicate is refused, naming the rule.
    #[test]
    fn regression_duplicate_published_lines_are_refused_not_merged() {
        let text = file("iptables", "iptables/h.rules.v4");
        let line = text.lines().find(|l| l.contains("--ctorigdstport 8443")).expect("rule");
        let twice = text.replace(line, &format!("{line}\n{line}"));
        let err = iptables(&twice, Family::V4).unwrap_err();
        assert!(err.contains("duplicate") && err.contains("8443/tcp"), "{err}");
        let nft = file("nftables", "nftables/h.nft");
        let line = nft.lines().find(|l| l.contains("proto-dst 8443")).expect("nft rule");
        let twice = nft.replace(line, &format!("{line}\n{line}"));
        assert!(nftables(&twice).unwrap_err().contains("duplicate"));
        // Apart (another rule between) too.
        let v4 = text.lines().find(|l| l.contains("--ctorigdstport 22 ")).expect("ssh");
        let apart = text.replace(
            v4,
            &format!(
                "{line}\n{v4}",
                line = text.lines().find(|l| l.contains("--ctorigdstport 8443")).expect("rule")
            ),
        );
        assert!(iptables(&apart, Family::V4).unwrap_err().contains("duplicate"));
    }

    /// A published port let through from everywhere comes back without a peer (the plan's
    /// comparison sees the exposure); a planned line after the drop, an unknown line, or a
    /// chain without its drop is refused.
    #[test]
    fn widened_reordered_or_unknown_published_lines_do_not_pass() {
        let text = file("iptables", "iptables/h.rules.v4");
        let planned = "-A DOCKER-USER -s 10.9.0.0/24 -p tcp -m conntrack --ctorigdst 10.0.0.5/32 --ctorigdstport 8443";
        assert!(text.contains(planned), "{text}");
        let widened = text.replace(
            "-A DOCKER-USER -s 10.9.0.0/24 -p tcp -m conntrack --ctorigdst 10.0.0.5/32 --ctorigdstport 8443",
            "-A DOCKER-USER -p tcp -m conntrack --ctorigdst 10.0.0.5/32 --ctorigdstport 8443",
        );
        let back = iptables(&widened, Family::V4).expect("reads");
        assert!(back.published.iter().any(|r| r.ports.start() == 8443 && r.peer.is_none()));

        let drop = text.lines().find(|l| l.contains("--ctstate DNAT")).expect("the drop");
        let rule = text.lines().find(|l| l.starts_with(planned)).expect("the rule");
        let late = text.replace(rule, "").replace(drop, &format!("{drop}\n{rule}"));
        assert!(iptables(&late, Family::V4).unwrap_err().contains("never reached"));
        let unknown = text.replace(rule, "-A DOCKER-USER -p tcp --dport 8443 -j ACCEPT");
        assert!(iptables(&unknown, Family::V4).is_err());
        assert!(iptables(&text.replace(drop, ""), Family::V4).unwrap_err().contains("no drop"));

        let nft = file("nftables", "nftables/h.nft");
        let drop = nft.lines().find(|l| l.contains("ct status dnat drop")).expect("nft drop");
        assert!(nftables(&nft.replace(drop, "")).unwrap_err().contains("no drop"));
        // The address after the DNAT (a container's) is not what the plan names.
        let after_dnat = nft.replace("ct original ip daddr", "ip daddr");
        assert!(nftables(&after_dnat).is_err());
    }
}
