//! `iptables -L -n -v` as people paste it (`tests/audit/capture.sh real`: the listing of hosts
//! whose saves are fixtures too), read like those saves.

use super::*;

fn real(name: &str) -> String {
    fixture(&format!("real/{name}"))
}

fn errors(notes: &[Note]) -> Vec<&Note> {
    notes.iter().filter(|n| n.error).collect()
}

/// What the listing and the save accept, the host's interfaces unknown and known (`eth0`).
fn both(listing: &str, save: &str) -> [(Vec<String>, Vec<String>, Vec<Note>); 2] {
    let (l, s) = (iptables::read(&real(listing)), iptables::read(&real(save)));
    [Vec::new(), vec!["eth0".to_owned()]].map(|uplinks| {
        let (a, mut notes) = super::super::flatten::allowed_on(&l, &probe_server(), &uplinks);
        let (b, _) = super::super::flatten::allowed_on(&s, &probe_server(), &uplinks);
        notes.extend(l.notes.iter().cloned());
        (per_transport(&accepted(&a)), per_transport(&accepted(&b)), notes)
    })
}

/// `S -> D P/tcp+udp` as one line per transport (readers may group transports differently).
fn per_transport(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = lines
        .iter()
        .flat_map(|line| match line.rsplit_once('/') {
            Some((head, transports)) if !transports.contains(' ') => {
                transports.split('+').map(|t| format!("{head}/{t}")).collect()
            }
            _ => vec![line.clone()],
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Regression: `iptables -L -n -v` (the listing people read and paste) was refused as a
/// whole (one error naming iptables-save): the hosts it lists read as their saves do.
#[test]
fn regression_iptables_listing_reads_like_the_save_of_the_same_tables() {
    for (listing, save) in [
        ("csf-host.iptables-L", "csf-host.iptables"),
        ("csf-host-legacy.iptables-L", "csf-host.iptables"),
        ("shapes.iptables-L", "shapes.iptables"),
        ("kube-router.iptables-L", "kube-router.iptables"),
        ("calico-hep.iptables-L", "calico-hep.iptables"),
        ("cilium-node.iptables-L", "cilium-node.iptables"),
        ("tailscale-host.iptables-L", "tailscale-host.iptables-S"),
        ("nixos-fw.iptables-L", "nixos-fw.iptables"),
        ("ipv6-host.ip6tables-L", "ipv6-host.ip6tables"),
        // With the nat table appended (`iptables -t nat -L -n -v`): the published ports.
        ("docker-host.iptables-L", "docker-host.iptables"),
        ("kube-node.iptables-L", "kube-node.iptables"),
    ] {
        for (from_listing, from_save, notes) in both(listing, save) {
            assert!(errors(&notes).is_empty(), "{listing}: {notes:#?}");
            assert!(!from_save.is_empty(), "{save}");
            assert_eq!(from_listing, from_save, "{listing}");
        }
    }
}

/// What the listing prints in words no save option matches (`limit: avg …`, `#conn src/32 >
/// 50`) is an unmodelled match, said at the listing's line, as `-m limit` is in the save.
#[test]
fn unread_listing_words_are_assumptions_at_their_row() {
    let [(_, _, notes), _] = both("csf-host.iptables-L", "csf-host.iptables");
    let text = real("csf-host.iptables-L");
    let row = text.lines().position(|l| l.contains("tcp dpt:22 ctstate NEW limit:")).unwrap();
    let said: Vec<&Note> =
        notes.iter().filter(|n| n.message.contains("limit: avg 6/min burst 12")).collect();
    assert!(!said.is_empty(), "{notes:#?}");
    assert!(said.iter().all(|n| n.at.line as usize == row + 1), "{said:#?}");
    // Only the filter table was listed: said once.
    assert_eq!(notes.iter().filter(|n| n.message.contains("filter table only")).count(), 1);
}

/// A listing has no ipset members and no mangle table: an old host's `match-set` accept is
/// read generously and said, where its save (with `ipset save`) reads the set's pairs (so do
/// Proxmox's management set and every other host with sets: compared with their saves, not
/// equal).
#[test]
fn a_listing_says_the_sets_and_tables_it_does_not_hold() {
    let [(_, _, proxmox), _] = both("proxmox-host.iptables-L", "proxmox-host.iptables");
    assert!(errors(&proxmox).is_empty(), "{proxmox:#?}");
    assert!(proxmox.iter().any(|n| n.message.contains("PVEFW-0-management-v4")));
    let [(listing, save, notes), _] = both("old-host.iptables-L", "old-host.iptables");
    assert!(errors(&notes).is_empty(), "{notes:#?}");
    assert_ne!(listing, save);
    let row =
        1 + real("old-host.iptables-L").lines().position(|l| l.contains("match-set")).unwrap();
    assert!(
        notes.iter().any(|n| n.at.line as usize == row && n.message.contains("svc-clients")),
        "{notes:#?}"
    );
    assert!(notes.iter().any(|n| n.message.contains("mangle and raw")), "{notes:#?}");
}

/// `iptables -L -v` without `-n` prints names (`anywhere`, `http`): a host name says no
/// address, so a rule on one is an assumption naming `-n`, never any address in silence.
#[test]
fn a_listing_without_dash_n_reads_names_and_says_so() {
    let ruleset = iptables::read(&real("csf-host-names.iptables-L"));
    let (a, notes) = walk(&ruleset);
    assert!(errors(&notes).is_empty(), "{notes:#?}");
    let (save, _) = walk(&iptables::read(&real("csf-host.iptables")));
    // This host's addresses are all written as numbers where no name resolves them.
    assert_eq!(accepted(&a), accepted(&save));
    let named = iptables::read(
        "Chain INPUT (policy DROP 0 packets, 0 bytes)\n pkts bytes target     prot opt in     out     source               destination\n    0     0 ACCEPT     tcp  --  any    any     office.example.com   anywhere             tcp dpt:ssh\n",
    );
    let (a, notes) = walk(&named);
    assert!(
        notes.iter().any(|n| n.at.line == 3 && n.message.contains("without `-n`")),
        "{notes:#?}"
    );
    assert!(!a.is_empty());
}

/// Regression: `iptables -L -n` (no `-v`) has no interface columns: its `-i lo` accept
/// reads as every packet. It is a located error naming `-v`, not a host read as open.
#[test]
fn regression_a_listing_without_dash_v_is_an_error_naming_it() {
    let ruleset = iptables::read(&real("nixos-fw-no-v.iptables-L"));
    assert!(ruleset.chains.is_empty());
    let found = errors(&ruleset.notes);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].at.line, 2);
    assert!(found[0].message.contains("-v"), "{found:#?}");
}

/// Regression: ip6tables-nft prints its warning about legacy tables at the end of the last
/// row, without a newline (seen here): the row stays readable and the warning is said.
#[test]
fn regression_the_legacy_tables_warning_on_a_row_is_said() {
    let text = "Chain INPUT (policy DROP 0 packets, 0 bytes)\n pkts bytes target     prot opt in     out     source               destination\n    0     0 ACCEPT     6    --  *      *       ::/0                 ::/0                 tcp dpt:22\n    0     0 RETURN     0    --  *      *       ::/0                 ::/0                # Warning: iptables-legacy tables present, use iptables-legacy to see them\n";
    let ruleset = iptables::read(text);
    assert!(errors(&ruleset.notes).is_empty(), "{:#?}", ruleset.notes);
    assert_eq!(ruleset.chain("INPUT").map(|c| c.rules.len()), Some(2));
    assert!(ruleset.notes.iter().any(|n| n.at.line == 4 && n.message.contains("legacy")));
}

/// Regression: `firewall-cmd --list-all` (the default zone alone, not marked default) of a
/// host whose default zone is `internal` was one error, "no zone found": it is that zone.
#[test]
fn regression_firewall_cmd_list_all_of_a_default_zone_not_public() {
    let ruleset = firewalld::read(&real("firewalld-list-all.firewalld"));
    let (a, notes) = walk(&ruleset);
    assert!(errors(&notes).is_empty(), "{notes:#?}");
    assert!(notes.iter().any(|n| n.at.line == 1 && n.message.contains("--list-all")), "{notes:#?}");
    let got = accepted_v4(&a);
    assert!(got.iter().any(|l| l.ends_with(" 5432/tcp")), "{got:#?}");
    // ssh, but not from the rejected network.
    assert!(
        got.iter().any(|l| l.ends_with(" 22/tcp") && !l.contains("203.0.113.0/24")),
        "{got:#?}"
    );
}

/// Regression: iptables-nft's warning that legacy tables are loaded too was a comment to the
/// save reader, passed over in silence: it is said at its line.
#[test]
fn regression_the_legacy_tables_warning_in_a_save_is_said() {
    let text = "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n";
    let ruleset = iptables::read(text);
    assert!(errors(&ruleset.notes).is_empty(), "{:#?}", ruleset.notes);
    assert!(ruleset.notes.iter().any(|n| n.at.line == 1 && n.message.contains("legacy")));
}
