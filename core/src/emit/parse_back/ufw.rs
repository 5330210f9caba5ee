//! Reading back what a ufw script appends to `/etc/ufw/after.rules` and `after6.rules`: the
//! `DOCKER-USER` lines that hold Docker's published ports to the plan
//! ([`crate::emit::ufw_routed::published`]).
//!
//! Each block is an iptables-restore fragment in a `portolan_after FILE <<'PORTOLAN'` here
//! document; it is read by the iptables reader and must hold that chain and nothing else (no
//! chain of Portolan's own, no policy). Strict like the other readers: a file appended to twice,
//! an unknown file, a block never closed, only one of the two families, or a rule line outside
//! a block is an error naming the script's line.

use super::{RulesetBack, iptables};
use crate::emit::hostfw::Family;
use crate::emit::ufw_routed::AFTER_RULES;

const END: &str = "PORTOLAN";

/// The `DOCKER-USER` chain a ufw script appends, per family (V4 from `after.rules`, V6 from
/// `after6.rules`); empty when the script appends nothing (a host without Docker).
pub fn ufw_after(script: &str) -> Result<Vec<(Family, RulesetBack)>, String> {
    let mut out: Vec<(Family, RulesetBack)> = Vec::new();
    let mut lines = script.lines().enumerate();
    while let Some((number, raw)) = lines.next() {
        let line = raw.trim();
        let at = |e: String| format!("line {}: {e}", number + 1);
        let Some(file) = line
            .strip_prefix("portolan_after ")
            .and_then(|rest| rest.strip_suffix(" <<'PORTOLAN'"))
        else {
            // What only a block may hold, outside one, is never loaded by ufw as written.
            if line.starts_with("-A ") || line == "*filter" || line == "COMMIT" {
                return Err(at(format!("rule line outside an after-rules block: `{line}`")));
            }
            continue;
        };
        let family = AFTER_RULES
            .iter()
            .find(|(known, _)| *known == file)
            .map(|(_, family)| *family)
            .ok_or_else(|| at(format!("appends to `{file}`, not ufw's after rules")))?;
        if out.iter().any(|(f, _)| *f == family) {
            return Err(at(format!("appends to `{file}` a second time")));
        }
        let mut block = String::new();
        let mut closed = false;
        for (_, raw) in lines.by_ref() {
            if raw.trim() == END {
                closed = true;
                break;
            }
            block.push_str(raw);
            block.push('\n');
        }
        if !closed {
            return Err(at(format!("the block for `{file}` is never closed by {END}")));
        }
        let back = iptables(&block, family).map_err(|e| at(format!("{file}: {e}")))?;
        if !back.rules.is_empty() || !back.policies.is_empty() {
            return Err(at(format!("{file}: rules other than DOCKER-USER in the block")));
        }
        if !back.infra.iter().any(|i| i == "published:unplanned-drop") {
            return Err(at(format!("{file}: no DOCKER-USER chain in the block")));
        }
        out.push((family, back));
    }
    if out.len() == 1 {
        return Err("DOCKER-USER appended for one IP family only: the other's published ports \
                    answer every address"
            .to_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::ufw_after;
    use crate::emit::hostfw::{Family, Way};
    use crate::topology::testkit::emit_topology;

    const DOCKER: &str = "zones:\n  vpn: { cidrs: [10.9.0.0/24, fd00:9::/64] }\n  srv: { cidrs: [10.0.0.0/24, fd00:1::/64] }\nhosts:\n  h: { zone: srv, addresses: [10.0.0.5, fd00:1::5], guest_interfaces: [docker0] }\nmanagement: [{ from: vpn }]\nservices:\n  - { host: h, name: dash, ports: [8443/tcp], from: [vpn] }\n";

    fn script(yaml: &str) -> String {
        let out = emit_topology("ufw", yaml, None).expect("emits");
        out.files.iter().find(|f| f.path == "ufw/h.sh").expect("the script").contents.clone()
    }

    /// Regression (session 15): ufw's DOCKER-USER lines were only compared to goldens; they
    /// read back, per family, as the host's planned inbound rules.
    #[test]
    fn regression_ufw_after_rules_read_back_as_the_published_plan() {
        let back = ufw_after(&script(DOCKER)).expect("reads");
        assert_eq!(back.iter().map(|(f, _)| *f).collect::<Vec<_>>(), Family::BOTH.to_vec());
        for (family, back) in &back {
            let ports: Vec<u16> = back.published.iter().map(|r| r.ports.start()).collect();
            assert_eq!(ports, [22, 8443], "{family:?}: {back:?}");
            assert!(back.published.iter().all(|r| r.way == Way::In && r.family == *family));
        }
        let plain = DOCKER.replace("guest_interfaces: [docker0]", "guest_interfaces: [podman0]");
        assert!(ufw_after(&script(&plain)).expect("reads").is_empty());
    }

    /// A block for one family only, one appended twice, one never closed, a rule outside it or
    /// a rule of another chain inside it is refused.
    #[test]
    fn regression_ufw_after_rules_that_are_not_the_plan_are_refused() {
        let text = script(DOCKER);
        let v6 = text.find("portolan_after /etc/ufw/after6.rules").expect("v6 block");
        let end = text[v6..].find("\nPORTOLAN\n").expect("its end") + v6 + "\nPORTOLAN\n".len();
        let without_v6 = format!("{}{}", &text[..v6], &text[end..]);
        assert!(ufw_after(&without_v6).unwrap_err().contains("one IP family"));
        let twice = text.replace("after6.rules <<", "after.rules <<");
        assert!(ufw_after(&twice).unwrap_err().contains("second time"));
        let open = format!("{}\n", &text[..end - "PORTOLAN\n".len()]);
        assert!(ufw_after(&open).unwrap_err().contains("never closed"));
        let outside = format!("{text}\n-A DOCKER-USER -j ACCEPT\n");
        assert!(ufw_after(&outside).unwrap_err().contains("outside"));
        let other = text.replacen(
            ":DOCKER-USER - [0:0]",
            ":DOCKER-USER - [0:0]\n-A INPUT -p tcp --dport 8443 -j ACCEPT",
            1,
        );
        assert!(ufw_after(&other).is_err());
    }
}
