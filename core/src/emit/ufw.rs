//! ufw: one POSIX shell script of `ufw` commands per host. It resets ufw (saying so on the
//! terminal when ufw is active), denies incoming,
//! outgoing and routed traffic by default, adds one `allow in`/`allow out` per flow and
//! address pair (ufw takes one source and one destination per rule) and enables ufw. ufw's
//! own before-rules accept loopback, established/related traffic and IPv6 neighbour
//! discovery. Set `UFW="ufw --dry-run"` to check the script without applying it.
//! ufw has no SCTP: SCTP flows are reported, not emitted.

use std::fmt::Write as _;

use super::hostfw::{self, HostRule, Way};
use super::{
    EmitError, EmitNoteKind, Emitted, Input, Scope, Spec, guests, quote, safety, ufw_routed,
};
use crate::model::Transport;

pub const SPEC: Spec =
    Spec { name: "ufw", description: "ufw command script per host", scope: Scope::Host, emit };

/// Said on a host without guests: ufw's routed default comes after a runtime's own FORWARD
/// rules, but its output default cuts the host's traffic to the guests.
const ROUTED: [&str; 3] = [
    "Routed packets no earlier FORWARD rule accepts are dropped (default deny routed; the rules of a",
    "runtime there run first), and the host traffic to and from containers or VMs is cut: on",
    "such a host name their interfaces in the topology (guest_interfaces: [docker0]) and generate this again.",
];

/// Said on a host with guests: which routed traffic of their interfaces ufw lets pass (see
/// [`super::ufw_routed`]).
const ROUTED_GUESTS: [&str; 8] = [
    "Routed traffic out of those interfaces is allowed (ufw route allow in on), and into them only",
    "what their runtime publishes by DNAT (a line per interface in /etc/ufw/before.rules and",
    "before6.rules, --ctstate DNAT): a runtime that keeps its rules in nftables (Podman 5, LXD, Incus)",
    "needs both; a client that routes to the networks of the guests reaches no unpublished port. Other",
    "routed traffic keeps the DEFAULT_FORWARD_POLICY of /etc/default/ufw.",
    "The way back above puts the FORWARD policy back as it was; ufw --force disable alone sets it to",
    "ACCEPT (as ufw stopping does): on Docker, whose DROP keeps routing clients from unpublished ports,",
    "those are then open until iptables -P FORWARD DROP or a restart of Docker.",
];

/// Comment of the rules that accept a host's traffic on its guests' interfaces.
pub const GUESTS: &str = "portolan: guests of the runtime";

/// ufw stores comments; keep them short and inert.
pub const COMMENT_MAX: usize = 200;

/// What the script does to an existing ufw, how to check it first, and a way back that
/// outlives the SSH session (a systemd timer: a background job dies with the session) and puts
/// back what was there: `ufw --force disable` set iptables' FORWARD policy to ACCEPT, over the
/// DROP of Docker, which opened unpublished container ports to clients routing to them
/// (tests/netns/reapply.py).
const APPLY: [&str; 9] = [
    "This script resets ufw (ufw --force reset): every existing ufw rule is removed and ufw is",
    "off until its last line enables it with the rules below, management rules first.",
    "Check it first without applying (above); then run it from a console, or with a way back",
    "that outlives your SSH session (sh <this file> save keeps ufw files and the iptables filter",
    "rules as they are now in /root/portolan-before, or PORTOLAN_BEFORE, and writes undo.sh there):",
    "  sh <this file> save && systemd-run --unit=portolan-undo --on-active=120 sh /root/portolan-before/undo.sh && sh <this file>",
    "and open a new SSH session: if it works, cancel the way back (systemctl stop",
    "portolan-undo.timer); if not, wait two minutes: ufw and the filter rules are then as before",
    "(rules a runtime added meanwhile, such as a container started, come back when it restarts).",
];

/// The script's `save` step: ufw's files and both families' filter rules (a runtime's chains
/// and FORWARD policy with them) copied to `$BEFORE`, and `undo.sh` there to put them back.
const SAVE: &str = r#"BEFORE="${PORTOLAN_BEFORE:-/root/portolan-before}"
if [ "${1:-}" = save ]; then
  rm -rf "$BEFORE"
  mkdir -p "$BEFORE"
  cp -a /etc/ufw "$BEFORE/etc-ufw"
  cp -a /etc/default/ufw "$BEFORE/default-ufw"
  iptables-save -t filter > "$BEFORE/filter.v4"
  ip6tables-save -t filter > "$BEFORE/filter.v6" 2>/dev/null || rm -f "$BEFORE/filter.v6"
  cat > "$BEFORE/undo.sh" <<UNDO
#!/bin/sh
# The way back of a Portolan ufw script: ufw files and the iptables filter rules as they were.
set -eu
cp -a "$BEFORE/etc-ufw/." /etc/ufw/
cp -a "$BEFORE/default-ufw" /etc/default/ufw
iptables-restore "$BEFORE/filter.v4"
if [ -s "$BEFORE/filter.v6" ]; then ip6tables-restore "$BEFORE/filter.v6"; fi
echo "portolan: ufw files and the filter rules put back from $BEFORE" >&2
UNDO
  echo "portolan: the way back is saved: sh $BEFORE/undo.sh puts ufw and the filter rules back as they are now" >&2
  exit 0
fi
"#;

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    for (host, rules) in hostfw::per_host(input) {
        let mut text = String::new();
        let _ = writeln!(text, "#!/bin/sh");
        let _ = writeln!(
            text,
            "{}",
            quote::hash_comment(&format!(
                "Portolan firewall for host {} (zone {}), topology {}",
                host.name,
                host.zone,
                super::topology_name(input.topology)
            ))
        );
        let _ = writeln!(
            text,
            "# Generated from the flow plan: default deny in, out and routed; each rule names the"
        );
        let _ = writeln!(
            text,
            "# requirement ids it implements. Check without applying: UFW=\"ufw --dry-run\" sh <this file>"
        );
        let guests = guests::of(input.topology, &host);
        let mut apply: Vec<String> = APPLY.iter().map(|l| (*l).to_owned()).collect();
        if guests.is_empty() {
            apply.extend(ROUTED.iter().map(|l| (*l).to_owned()));
        } else {
            apply.extend(guests::header(&guests, SPEC.name));
            apply.extend(ROUTED_GUESTS.iter().map(|l| (*l).to_owned()));
        }
        apply.extend(super::tunnels::header(input.topology, &host, &rules, SPEC.name, out));
        let apply: Vec<&str> = apply.iter().map(String::as_str).collect();
        for line in safety::header(SPEC.name, &host, &rules, &apply, out) {
            let _ = writeln!(text, "{}", quote::hash_comment(&line));
        }
        let _ = writeln!(text, "set -eu");
        text.push_str(SAVE);
        let _ = writeln!(text, "UFW=\"${{UFW:-ufw}}\"");
        // Said on the terminal too: a reset of an active ufw is not silent.
        let _ = writeln!(text, "if $UFW status 2>/dev/null | grep -q '^Status: active'; then");
        let _ = writeln!(
            text,
            "  echo 'portolan: ufw is active: resetting it (every existing rule removed), then enabling it with the rules below' >&2"
        );
        let _ = writeln!(text, "fi");
        let _ = writeln!(text, "$UFW --force reset");
        let _ = writeln!(text, "$UFW default deny incoming");
        let _ = writeln!(text, "$UFW default deny outgoing");
        if guests.is_empty() {
            let _ = writeln!(text, "$UFW default deny routed");
        }
        let mut last: *const crate::plan::Flow = std::ptr::null();
        for rule in &rules {
            if rule.transport == Transport::Sctp {
                out.note(
                    EmitNoteKind::NotExpressible,
                    SPEC.name,
                    format!(
                        "ufw has no SCTP: {} -> {} {}/sctp not emitted for host {}",
                        rule.flow.source.label(),
                        rule.flow.destination.label(),
                        rule.ports,
                        host.name
                    ),
                    &rule.flow.requirements,
                );
                continue;
            }
            let (comment, cut) = hostfw::rule_comment(&rule.flow.requirements, COMMENT_MAX);
            if !std::ptr::eq(last, rule.flow) {
                for line in hostfw::explain(rule, cut) {
                    let _ = writeln!(text, "{line}");
                }
            }
            last = rule.flow;
            for command in commands(rule, &comment) {
                let _ = writeln!(text, "{command}");
            }
        }
        for name in &guests {
            for way in ["in", "out"] {
                let _ = writeln!(
                    text,
                    "$UFW allow {way} on {} comment {}",
                    guests::plus_wildcard(name),
                    quote::shell_word(GUESTS)
                );
            }
        }
        if !guests.is_empty() {
            for line in ufw_routed::commands(&guests) {
                let _ = writeln!(text, "{line}");
            }
        }
        if super::published::held(SPEC.name, &guests) {
            for line in ufw_routed::published(&rules, &guests) {
                let _ = writeln!(text, "{line}");
            }
        }
        let _ = writeln!(text, "$UFW --force enable");
        out.file(format!("ufw/{}.sh", quote::file_slug(&host.name)), text);
    }
    Ok(())
}

/// `$UFW allow in proto tcp from A to B port 80:81 comment '…'`, one per address pair.
fn commands(rule: &HostRule<'_>, comment: &str) -> Vec<String> {
    let peers: Vec<String> = match &rule.peer {
        None => vec!["any".to_owned()],
        Some(nets) => nets.iter().map(ToString::to_string).collect(),
    };
    let ports = if rule.ports.is_single() {
        rule.ports.start().to_string()
    } else {
        format!("{}:{}", rule.ports.start(), rule.ports.end())
    };
    let mut lines = Vec::new();
    for peer in &peers {
        for local in &rule.local {
            let (way, from, to) = match rule.way {
                Way::In => ("in", peer.clone(), local.to_string()),
                Way::Out => ("out", local.to_string(), peer.clone()),
            };
            lines.push(format!(
                "$UFW allow {way} proto {} from {from} to {to} port {ports} comment {}",
                rule.transport.as_str(),
                quote::shell_word(comment)
            ));
        }
    }
    lines
}
