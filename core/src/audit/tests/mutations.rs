//! Regressions the mutation suite (`core/tests/audit_mutations.rs`) found, over its captures
//! (`fixtures/audit/mutations/`, `tests/audit/capture.sh` part 5) and the real hosts'.

use super::super::model::Hook;
use super::super::{replies, unreached};
use super::*;

/// Regression: an accept moved into a chain nothing jumps to was dropped from the walk (its
/// flows then blocked) without a word at the line the operator believes runs.
#[test]
fn an_accept_in_a_chain_nothing_jumps_to_is_said_never_reached() {
    for name in ["mutations/unreached-chain.iptables", "mutations/unreached-chain.nft"] {
        let text = fixture(name);
        let moved = text
            .lines()
            .position(|l| l.starts_with("-A PORTOLAN-UNUSED") || l == "\tchain unused {")
            .map(|i| if name.ends_with(".nft") { i + 2 } else { i + 1 })
            .expect("the moved accept");
        let ruleset =
            if name.ends_with(".nft") { nft_text::read(&text) } else { iptables::read(&text) };
        let notes = unreached::notes(&ruleset);
        assert_eq!(lines_of(&notes), vec![u32::try_from(moved).unwrap()], "{name}: {notes:#?}");
        assert!(notes[0].message.contains("never reached"), "{name}");
        assert!(text.lines().nth(moved - 1).is_some_and(|l| l.contains("dport 22")), "{name}");
    }
    // The captures as the examples' rules are written: every chain is reached.
    for (example, host) in captured_hosts() {
        for suffix in ["nft", "iptables"] {
            let Ok(text) = std::fs::read_to_string(format!(
                "{}/tests/fixtures/audit/{example}/{host}.{suffix}",
                env!("CARGO_MANIFEST_DIR")
            )) else {
                continue;
            };
            let ruleset =
                if suffix == "nft" { nft_text::read(&text) } else { iptables::read(&text) };
            assert!(unreached::notes(&ruleset).is_empty(), "{example}/{host}.{suffix}");
        }
    }
}

/// Regression: without its `ct state established,related accept`, a host drops the replies to
/// every connection it opens; the audit read only new connections and said nothing.
#[test]
fn the_established_accept_removed_is_where_the_replies_drop() {
    let text = fixture("openlm/node2.nft");
    let cut: String = text
        .lines()
        .enumerate()
        .filter(|(i, l)| !(*i < 10 && l.contains("ct state established,related accept")))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    assert_eq!(replies::dropped_at(&nft_text::read(&text), Hook::Input), None);
    let (at, family) = replies::dropped_at(&nft_text::read(&cut), Hook::Input).expect("drops");
    assert_eq!((at.line, family), (3, None), "the input chain's `policy drop`");
    // The output chain still accepts them.
    assert_eq!(replies::dropped_at(&nft_text::read(&cut), Hook::Output), None);
    let ipt = fixture("openlm/node2.iptables");
    let cut: String = ipt
        .lines()
        .filter(|l| !(l.starts_with("-A PORTOLAN-OUTPUT") && l.contains("RELATED,ESTABLISHED")))
        .map(|l| format!("{l}\n"))
        .collect();
    let (at, _) = replies::dropped_at(&iptables::read(&cut), Hook::Output).expect("drops");
    assert!(
        cut.lines()
            .nth(at.line as usize - 1)
            .is_some_and(|l| l.starts_with("-A PORTOLAN-OUTPUT") && l.ends_with("-j DROP"))
    );
}

/// The real hosts' rulesets that accept established traffic, however they reach that accept
/// (ufw's and firewalld's chains, a `ct state` verdict map, Shorewall's blacklist jumps first):
/// none is said to drop replies.
#[test]
fn real_hosts_accepting_established_traffic_drop_no_replies() {
    let dir = format!("{}/tests/fixtures/audit/real", env!("CARGO_MANIFEST_DIR"));
    let mut read = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let text = fixture(&format!("real/{name}"));
        let ruleset = if name.ends_with(".nft") {
            nft_text::read(&text)
        } else if name.ends_with(".iptables") || name.ends_with(".ip6tables") {
            iptables::read(&text)
        } else {
            continue;
        };
        if !text.to_ascii_lowercase().contains("established") {
            continue;
        }
        read += 1;
        for hook in [Hook::Input, Hook::Output] {
            assert_eq!(replies::dropped_at(&ruleset, hook), None, "{name} {hook:?}");
        }
    }
    assert!(read > 20, "{read}");
}

/// Regression: a firewalld zone's `target:` was located at the zone's name: a zone flipped to
/// `target: ACCEPT` is now pointed at where it says so.
#[test]
fn a_zone_target_decides_at_its_own_line() {
    let original = fixture("openlm/node2.firewalld");
    let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
    let target = lines.iter().position(|l| l == "public").expect("public zone") + 1;
    assert_eq!(lines[target], "  target: DROP");
    lines[target] = "  target: ACCEPT".to_owned();
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let (allowed, _) = walk(&firewalld::read(&text));
    let line = u32::try_from(target + 1).unwrap();
    assert!(allowed.iter().any(|a| a.at.line == line), "{allowed:#?}");
}
