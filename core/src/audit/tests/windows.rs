//! Windows Defender Firewall's exports (`netsh`, PowerShell's CSV and JSON) and Windows'
//! socket lists, over fixtures typed from the documented formats (`fixtures/audit/windows/`;
//! no Windows host is reachable to capture them).

use super::super::windows::HostView;
use super::super::{detect, netsh, ps_firewall};
use super::*;

const CLUSTER: &str = "10.0.0.0/22";

fn win(name: &str) -> String {
    fixture(&format!("windows/{name}"))
}

fn read_with(format: &str, text: &str) -> (Vec<Allowed>, Vec<Note>) {
    let cidrs: Vec<ipnet::IpNet> = vec![CLUSTER.parse().unwrap()];
    let host = HostView { zone: Some(("cluster", &cidrs)) };
    let ruleset = match format {
        "netsh" => netsh::read(text, &host),
        _ => ps_firewall::read(text, &host),
    };
    walk(&ruleset)
}

fn errors(notes: &[Note]) -> Vec<&Note> {
    notes.iter().filter(|n| n.error).collect()
}

/// The same eleven rules, exported three ways, read the same: disabled and outbound rules do
/// nothing, the block of 445 wins over the allow of it (written before it), ICMP concerns no
/// flow, `LocalSubnet` is the host's zone, keywords the export cannot resolve are said.
#[test]
fn netsh_csv_and_json_exports_of_one_host_agree() {
    let mut seen = Vec::new();
    for (format, name) in
        [("netsh", "cp1.netsh"), ("ps", "cp1-rules.csv"), ("ps", "cp1-rules.json")]
    {
        let text = win(name);
        let (a, notes) = read_with(format, &text);
        assert!(errors(&notes).is_empty(), "{name}: {notes:#?}");
        let said = |what: &str| notes.iter().any(|n| n.message.contains(what));
        assert!(said("LocalSubnet"), "{name}: {notes:#?}");
        assert!(said("`Intranet`"), "{name}: {notes:#?}");
        assert!(said("the Domain profile only"), "{name}: {notes:#?}");
        assert!(said("kubelet.exe"), "{name}: {notes:#?}");
        assert!(said("every profile are read as in force"), "{name}: {notes:#?}");
        seen.push((name, accepted(&a)));
    }
    let (_, first) = &seen[0];
    assert_eq!(
        first,
        &[
            "0.0.0.0/0 -> 10.0.0.10/32 80,443/tcp",
            // `Intranet` read as any address (said).
            "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 8080/tcp",
            // RPC-EPMap, Domain profile only (said).
            "10.0.0.0/22 -> 0.0.0.0/0 135/tcp",
            "10.0.0.0/22 -> 0.0.0.0/0 6443,10250/tcp",
            "10.0.0.0/22 -> 0.0.0.0/0 8472/udp",
            "10.0.0.0/22,10.20.0.0/16 -> 0.0.0.0/0 22/tcp",
        ]
    );
    for (name, other) in &seen[1..] {
        assert_eq!(other, first, "{name}");
    }
}

/// Each rule's notes point at the file: the `LocalSubnet` reading at the `RemoteIP:` value, the
/// program at the rule's first line.
#[test]
fn netsh_notes_point_at_the_rule_and_the_field() {
    let text = win("cp1.netsh");
    let (_, notes) = read_with("netsh", &text);
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let subnet = notes.iter().find(|n| n.message.contains("Cluster SSH")).expect("LocalSubnet");
    assert_eq!(subnet.at.line as usize, line_of("10.20.0.0/255.255.0.0,LocalSubnet"));
    assert_eq!(subnet.at.column, 39);
    let program = notes.iter().find(|n| n.message.contains("kubelet.exe")).expect("program");
    assert_eq!(program.at.line as usize, line_of("Kubernetes API and kubelet"));
}

/// `RPC` opens the dynamic range (said), `RPC-EPMap` 135, `IPHTTPS` 443, `mDNS` 5353/udp;
/// `Teredo` is a port picked at run time (every port, said); a word that is none of these is
/// an error, the allow read as every port, a block left out.
#[test]
fn port_keywords_resolve_or_are_said() {
    let rule = |port: &str, action: &str| {
        format!(
            "Rule Name: r\nEnabled: Yes\nDirection: In\nProfiles: Domain,Private,Public\nRemoteIP: 10.1.0.0/16\nProtocol: Any\nLocalPort: {port}\nAction: {action}\n"
        )
    };
    let cases = [
        ("RPC", "10.1.0.0/16 -> 0.0.0.0/0 49152-65535/tcp", Some("dynamic range")),
        ("RPC-EPMap", "10.1.0.0/16 -> 0.0.0.0/0 135/tcp", None),
        ("IPHTTPS", "10.1.0.0/16 -> 0.0.0.0/0 443/tcp", None),
        ("mDNS", "10.1.0.0/16 -> 0.0.0.0/0 5353/udp", None),
        ("Teredo", "10.1.0.0/16 -> 0.0.0.0/0 1-65535/tcp+udp+sctp", Some("`Teredo`")),
    ];
    for (port, want, note) in cases {
        let (a, notes) = read_with("netsh", &rule(port, "Allow"));
        assert!(errors(&notes).is_empty(), "{port}: {notes:#?}");
        assert_eq!(accepted(&a), [want], "{port}");
        if let Some(note) = note {
            assert!(notes.iter().any(|n| n.message.contains(note)), "{port}: {notes:#?}");
        }
    }
    let (a, notes) = read_with("netsh", &rule("Gopher", "Allow"));
    assert_eq!(errors(&notes).len(), 1, "{notes:#?}");
    assert_eq!(errors(&notes)[0].at.line, 7);
    assert_eq!(accepted(&a), ["10.1.0.0/16 -> 0.0.0.0/0 1-65535/tcp+udp+sctp"]);
    let both = format!("{}\n{}", rule("Gopher", "Block"), rule("22", "Allow"));
    let (a, notes) = read_with("netsh", &both);
    assert!(errors(&notes).iter().any(|n| n.message.contains("block is left out")));
    assert_eq!(accepted(&a), ["10.1.0.0/16 -> 0.0.0.0/0 22/tcp+udp+sctp"]);
}

/// Address keywords Windows resolves on the host (`Internet`, `DNS`…) are read as any address
/// and said, never silently; a block of one blocks nothing (said); without a zone to read it
/// as, `LocalSubnet` is said the same way.
#[test]
fn address_keywords_are_said_never_silently_widened() {
    let text = "Rule Name: web\nEnabled: Yes\nDirection: In\nProfiles: Domain,Private,Public\nRemoteIP: 192.0.2.0/24,Internet\nProtocol: TCP\nLocalPort: 443\nAction: Allow\n\nRule Name: no dns\nEnabled: Yes\nDirection: In\nProfiles: Domain,Private,Public\nRemoteIP: DNS\nProtocol: TCP\nLocalPort: 443\nAction: Block\n";
    let (a, notes) = read_with("netsh", text);
    assert_eq!(
        accepted(&a),
        ["0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 443/tcp", "192.0.2.0/24 -> 0.0.0.0/0 443/tcp"]
    );
    assert!(notes.iter().any(|n| n.at.line == 1 && n.message.contains("`Internet`")), "{notes:#?}");
    assert!(notes.iter().any(|n| n.at.line == 10 && n.message.contains("`DNS`")), "{notes:#?}");
    let no_zone = HostView { zone: None };
    let subnet = text.replace("192.0.2.0/24,Internet", "LocalSubnet");
    let (_, notes) = walk(&netsh::read(&subnet, &no_zone));
    assert!(
        notes.iter().any(|n| n.message.contains("`LocalSubnet` (the host's zone has no CIDRs"))
    );
}

/// `netsh advfirewall show allprofiles` appended: a profile whose firewall is off or whose
/// inbound default is Allow lets in what no rule blocks (said); Block is the default.
#[test]
fn profile_settings_decide_the_default() {
    let rules = "Rule Name: ssh\nEnabled: Yes\nDirection: In\nProfiles: Domain,Private,Public\nProtocol: TCP\nLocalPort: 22\nAction: Allow\n\nRule Name: no telnet\nEnabled: Yes\nDirection: In\nProfiles: Domain,Private,Public\nProtocol: TCP\nLocalPort: 23\nAction: Block\nOk.\n\n";
    let settings = |public: &str, policy: &str| {
        format!(
            "Domain Profile Settings:\n----------------------------------------------------------------------\nState                                 ON\nFirewall Policy                       BlockInbound,AllowOutbound\n\nPrivate Profile Settings:\n----------------------------------------------------------------------\nState                                 ON\nFirewall Policy                       BlockInbound,AllowOutbound\n\nPublic Profile Settings:\n----------------------------------------------------------------------\nState                                 {public}\nFirewall Policy                       {policy},AllowOutbound\nOk.\n"
        )
    };
    let (a, notes) = read_with("netsh", &format!("{rules}{}", settings("ON", "BlockInbound")));
    assert_eq!(accepted(&a), ["0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 22/tcp"]);
    assert!(notes.iter().any(|n| n.message.contains("inbound defaults are read from this file")));
    for (state, policy) in [("OFF", "BlockInbound"), ("ON", "AllowInbound")] {
        let (a, notes) = read_with("netsh", &format!("{rules}{}", settings(state, policy)));
        assert_eq!(
            accepted(&a),
            [
                "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 1-21,24-65535/tcp",
                "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 1-65535/udp+sctp",
                "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 22/tcp",
            ],
            "{state} {policy}"
        );
        let open =
            notes.iter().find(|n| n.message.contains("the Public profile lets in")).expect("said");
        assert!(open.at.line > 17, "{open:?}");
    }
}

/// Regression (found while typing the JSON fixture): `ConvertTo-Json` writes PowerShell's
/// enums as numbers, `Enabled` 2 is *disabled* and `Action` 4 is Block. Read as text, the
/// disabled rule (a non-zero number) would open its port and the block would be unreadable.
#[test]
fn regression_json_enums_are_numbers_enabled_2_is_disabled_action_4_is_block() {
    let text = r#"[
  {"DisplayName": "old RDP", "Enabled": 2, "Direction": 1, "Profile": 0, "Action": 2, "LocalPort": "3389", "Protocol": "TCP"},
  {"DisplayName": "web", "Enabled": 1, "Direction": 1, "Profile": 0, "Action": 2, "LocalPort": ["80", "443"], "Protocol": "TCP"},
  {"DisplayName": "no http", "Enabled": 1, "Direction": 1, "Profile": 0, "Action": 4, "LocalPort": "80", "Protocol": "TCP"},
  {"DisplayName": "out", "Enabled": 1, "Direction": 2, "Profile": 0, "Action": 2, "LocalPort": "Any", "Protocol": "TCP"},
  {"DisplayName": "domain only", "Enabled": true, "Direction": 1, "Profile": 1, "Action": 2, "LocalPort": "8443", "Protocol": "TCP"}
]"#;
    assert_eq!(detect::rules_format(text), super::super::RulesFormat::WindowsPs);
    let (a, notes) = read_with("ps", text);
    assert!(errors(&notes).is_empty(), "{notes:#?}");
    assert_eq!(
        accepted(&a),
        ["0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 443/tcp", "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 8443/tcp"],
        "{notes:#?}"
    );
    assert!(notes.iter().any(|n| n.message.contains("the Domain profile only")), "{notes:#?}");
}

/// Regression: `Export-Csv` writes a list it is handed as its type name (`System.Object[]`):
/// read as text it is no port, so the rule would have been unreadable without saying why. It
/// is said at its cell, with the `-join` that fixes the export; the allow is read as every port.
#[test]
fn regression_export_csv_lists_written_as_type_names_are_said_at_their_cell() {
    let text = "\"DisplayName\",\"Enabled\",\"Direction\",\"Action\",\"Protocol\",\"LocalPort\",\"RemoteAddress\"\n\"web\",\"True\",\"Inbound\",\"Allow\",\"TCP\",\"System.Object[]\",\"10.1.0.0/16\"\n";
    let (a, notes) = read_with("ps", text);
    let said = errors(&notes);
    assert!(
        said.iter().any(|n| n.at.line == 2 && n.at.column == 38 && n.message.contains("-join ','")),
        "{notes:#?}"
    );
    assert_eq!(accepted(&a), ["10.1.0.0/16 -> 0.0.0.0/0 1-65535/tcp"]);
    // Said twice at the cell: how to fix the export, and what the rule is read as.
    assert!(said.iter().any(|n| n.message.contains("read as every port")), "{notes:#?}");
}

/// `-UseCulture` in many locales writes `;`; a CSV without the filters' columns (Get-NetFirewallRule
/// alone) reads every rule as for every port, which is said at the header.
#[test]
fn csv_with_semicolons_and_without_port_columns() {
    let text = "#TYPE Selected.Microsoft.Management.Infrastructure.CimInstance\n\"DisplayName\";\"Enabled\";\"Direction\";\"Action\"\n\"web\";\"True\";\"Inbound\";\"Allow\"\n";
    assert_eq!(detect::rules_format(text), super::super::RulesFormat::WindowsPs);
    let (a, notes) = read_with("ps", text);
    assert!(
        notes.iter().any(|n| n.at.line == 2 && n.message.contains("no `LocalPort`")),
        "{notes:#?}"
    );
    assert_eq!(accepted(&a), ["0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 1-65535/tcp+udp+sctp"]);
}

#[test]
fn windows_exports_are_detected() {
    assert_eq!(detect::rules_format(&win("cp1.netsh")), super::super::RulesFormat::Netsh);
    assert_eq!(detect::rules_format(&win("cp1-rules.csv")), super::super::RulesFormat::WindowsPs);
    assert_eq!(detect::rules_format(&win("cp1-rules.json")), super::super::RulesFormat::WindowsPs);
    for name in ["cp1.netstat-ano", "cp1.netstat-anb"] {
        assert_eq!(
            detect::sockets_format(&win(name)),
            detect::SocketsFormat::WindowsNetstat,
            "{name}"
        );
    }
    for name in ["cp1.get-nettcpconnection", "cp1.get-netudpendpoint.csv"] {
        assert_eq!(
            detect::sockets_format(&win(name)),
            detect::SocketsFormat::WindowsTable,
            "{name}"
        );
    }
    // Linux's netstat keeps its reader.
    assert_eq!(detect::sockets_format(&fixture("cp1.netstat")), detect::SocketsFormat::Netstat);
}

/// The listeners of cp1.ss, listed by Windows' tools, read the same (established and
/// time-wait connections are no listeners; UDP rows have no state).
#[test]
fn windows_socket_lists_agree_with_ss() {
    let describe = |text: &str| {
        let (sockets, notes) = sockets::read(text, None);
        assert!(notes.is_empty(), "{notes:#?}");
        let mut d: Vec<String> = sockets.iter().map(sockets::Socket::describe).collect();
        d.sort();
        (d, sockets)
    };
    let (want, _) = describe(&fixture("cp1.ss"));
    let (ano, sockets) = describe(&win("cp1.netstat-ano"));
    assert_eq!(ano, want);
    assert!(sockets.iter().all(|s| s.process.as_deref() == Some("process (pid 30537)")));
    let (anb, sockets) = describe(&win("cp1.netstat-anb"));
    assert_eq!(anb, want);
    let ssh = sockets.iter().find(|s| s.port == 22).expect("ssh");
    assert_eq!(ssh.process.as_deref(), Some("python3.exe, service sshd"));
    let table = format!("{}\n{}", win("cp1.get-nettcpconnection"), "");
    let (tcp, _) = describe(&table);
    let (udp, _) = describe(&win("cp1.get-netudpendpoint.csv"));
    assert_eq!(tcp, want);
    assert_eq!(udp, ["*:8472/udp"]);
}

/// Rows a socket list cannot be read from are said at their line; a long IPv6 address
/// PowerShell cut short (`…`) is one of them.
#[test]
fn unreadable_windows_socket_rows_are_located() {
    let text = "  Proto  Local Address          Foreign Address        State           PID\n  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4\n  TCP    nowhere                0.0.0.0:0              LISTENING       4\n";
    let (sockets, notes) = sockets::read(text, None);
    assert_eq!(sockets.len(), 1);
    assert_eq!(notes.iter().map(|n| n.at.line).collect::<Vec<_>>(), [3]);
    let table = "LocalAddress                        LocalPort RemoteAddress                       RemotePort State       AppliedSetting OwningProcess\n------------                        --------- -------------                       ---------- -----       -------------- -------------\nfe80::9d4c:12ab:4f3e:77a1%12        5985      ::                                  0          Listen                     4\nfe80::9d4c:12ab:4f3e:77a1:9a7f:2…   5986      ::                                  0          Listen                     4\n";
    let (sockets, notes) = sockets::read(table, None);
    assert_eq!(sockets.len(), 1, "{notes:#?}");
    assert_eq!(sockets[0].describe(), "[fe80::9d4c:12ab:4f3e:77a1]%12:5985/tcp");
    assert_eq!(notes.iter().map(|n| n.at.line).collect::<Vec<_>>(), [4]);
}

/// Damaged exports never panic.
#[test]
fn damaged_windows_exports_never_panic() {
    let cidrs: Vec<ipnet::IpNet> = vec![CLUSTER.parse().unwrap()];
    let host = HostView { zone: Some(("cluster", &cidrs)) };
    for name in ["cp1.netsh", "cp1-rules.csv", "cp1-rules.json"] {
        let text = win(name);
        // Every prefix, cut at a character boundary.
        for (i, _) in text.char_indices().step_by(7) {
            let part = &text[..i];
            let _ = allowed(&netsh::read(part, &host));
            let _ = allowed(&ps_firewall::read(part, &host));
        }
    }
    for name in ["cp1.netstat-ano", "cp1.netstat-anb", "cp1.get-nettcpconnection"] {
        let text = win(name);
        for (i, _) in text.char_indices().step_by(5) {
            let _ = sockets::read(&text[..i], None);
        }
    }
}

/// Regression: the firewall console's "Export List…" (tab-separated, `Local Port`, `Remote
/// Address`, no `Direction`) writes keywords in words: `Local subnet` was cut at its space
/// into two unknown keywords (read as any address) instead of the host's zone, and `RPC
/// Endpoint Mapper` was no port.
#[test]
fn regression_console_export_list_keywords_in_words() {
    let text = "Name\tGroup\tProfile\tEnabled\tAction\tOverride\tProgram\tLocal Address\tRemote Address\tProtocol\tLocal Port\tRemote Port\n\
        Peer discovery (WSD-In)\tDiscovery\tAll\tYes\tAllow\tNo\t%systemroot%\\system32\\svchost.exe\tAny\tLocal subnet\tUDP\t3702\tAny\n\
        Event log (RPC-EPMAP)\tEvent log\tDomain\tYes\tAllow\tNo\tAny\tAny\tLocal subnet\tTCP\tRPC Endpoint Mapper\tAny\n\
        Web\t\tAll\tYes\tAllow\tNo\tAny\tAny\tAny\tTCP\t80, 443\tAny\n\
        Old share\t\tAll\tNo\tAllow\tNo\tAny\tAny\tAny\tTCP\t445\tAny\n";
    assert_eq!(detect::rules_format(text), super::super::RulesFormat::WindowsPs);
    let (a, notes) = read_with("ps", text);
    assert!(errors(&notes).is_empty(), "{notes:#?}");
    assert_eq!(
        accepted(&a),
        [
            "0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 80,443/tcp",
            "10.0.0.0/22 -> 0.0.0.0/0 135/tcp",
            "10.0.0.0/22 -> 0.0.0.0/0 3702/udp",
        ]
    );
    assert!(notes.iter().any(|n| n.at.line == 1 && n.message.contains("no `Direction` column")));
}

/// Regression: PowerShell's `Format-List` (how `Get-NetFirewallRule` and a `Select-Object` of
/// five properties or more print by default) was not recognised: read as nft text, every line
/// an error. It reads like the CSV of the same rules (arrays as `{a, b}`, wrapped values).
#[test]
fn regression_a_get_netfirewallrule_list_reads_like_its_csv() {
    let list = win("cp1-rules.list");
    assert_eq!(detect::rules_format(&list), detect::RulesFormat::WindowsPs);
    let (from_list, notes) = read_with("ps", &list);
    assert!(errors(&notes).is_empty(), "{notes:#?}");
    let (from_csv, _) = read_with("ps", &win("cp1-rules.csv"));
    assert_eq!(accepted(&from_list), accepted(&from_csv));
    // Findings point at the list: the `LocalSubnet` reading at its `RemoteAddress` line.
    let line =
        1 + list.lines().position(|l| l.contains("{10.20.0.0/255.255.0.0, LocalSubnet}")).unwrap();
    assert!(
        notes.iter().any(|n| n.at.line as usize == line && n.message.contains("LocalSubnet")),
        "{notes:#?}"
    );
}

/// `Get-NetFirewallRule` alone prints no ports or addresses, and a long list is cut by the
/// display (`{1, 2, 3, 4...}`): both said at their line, never read in silence.
#[test]
fn a_list_without_ports_or_cut_short_is_said() {
    let bare = "\r\n\r\nName                          : {2a1b7c7e-0000-4c1d-9f00-1f2e3d4c5b6a}\r\nDisplayName                   : Allow SSH\r\nDescription                   :\r\nEnabled                       : True\r\nProfile                       : Any\r\nDirection                     : Inbound\r\nAction                        : Allow\r\nPrimaryStatus                 : OK\r\n";
    assert_eq!(detect::rules_format(bare), detect::RulesFormat::WindowsPs);
    let (_, notes) = read_with("ps", bare);
    assert!(
        notes.iter().any(|n| n.at.line == 3 && n.message.contains("Get-NetFirewallPortFilter")),
        "{notes:#?}"
    );
    let cut = "DisplayName   : Web\nEnabled       : True\nDirection     : Inbound\nAction        : Allow\nProtocol      : TCP\nLocalPort     : {80, 443, 8080, 8443...}\n";
    let (a, notes) = read_with("ps", cut);
    let found = errors(&notes);
    assert_eq!(found.len(), 1, "{notes:#?}");
    assert_eq!((found[0].at.line, found[0].at.column), (6, 17));
    assert!(found[0].message.contains("FormatEnumerationLimit"), "{found:#?}");
    assert!(accepted(&a).iter().any(|l| l.contains("80,443,8080,8443/tcp")), "{:?}", accepted(&a));
}

/// Regression: `Get-NetFirewallProfile` was not read (a profile list was not even detected),
/// so a host whose Public profile is off was audited as if its default were Block: every open
/// port unseen. Its records are read in the list, CSV and JSON shapes, alone or with the rules.
#[test]
fn regression_get_netfirewallprofile_off_or_allow_default_is_seen() {
    let profiles = win("cp1-profiles.list");
    assert_eq!(detect::rules_format(&profiles), super::super::RulesFormat::WindowsPs);
    // Alone: the Public profile is off, so every port is open; said where it is written.
    let (a, notes) = read_with("ps", &profiles);
    assert_eq!(
        accepted(&a),
        ["0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 1-65535/tcp+udp+sctp"],
        "{notes:#?}"
    );
    let open =
        notes.iter().find(|n| n.message.contains("the Public profile lets in")).expect("said");
    assert_eq!(open.at.line, 19, "at `Enabled : False`");
    assert!(notes.iter().any(|n| n.message.contains("profile settings only")), "{notes:#?}");
    assert!(
        notes
            .iter()
            .any(|n| !n.error && n.message.contains("`DefaultInboundAction` NotConfigured"))
    );
    assert!(errors(&notes).is_empty(), "{notes:#?}");
    // With the rules after it (one file): the blocks still win over the open default.
    let both = format!("{profiles}{}", win("cp1-rules.list"));
    let (a, notes) = read_with("ps", &both);
    assert!(notes.iter().any(|n| n.message.contains("the Public profile lets in")), "{notes:#?}");
    let got = accepted(&a);
    assert!(got.iter().any(|l| l.ends_with(" 1-21,23-79,81-442,444,446-65535/tcp")), "{got:#?}");
    assert!(got.iter().any(|l| l.ends_with(" 1-65535/sctp")), "{got:#?}");
    // JSON (enums as numbers: Enabled 1 True, DefaultInboundAction 2 Allow) and CSV.
    let json = r#"[
  {"Name": "Domain", "Enabled": 1, "DefaultInboundAction": 4, "AllowInboundRules": 1},
  {"Name": "Private", "Enabled": 1, "DefaultInboundAction": 2, "AllowInboundRules": 1},
  {"DisplayName": "ssh", "Enabled": 1, "Direction": 1, "Profile": 0, "Action": 2, "LocalPort": "22", "Protocol": "TCP"}
]"#;
    assert_eq!(detect::rules_format(json), super::super::RulesFormat::WindowsPs);
    let (a, notes) = read_with("ps", json);
    let open =
        notes.iter().find(|n| n.message.contains("the Private profile lets in")).expect("said");
    assert_eq!((open.at.line, open.at.column), (3, 61));
    assert!(accepted(&a).iter().any(|l| l.contains("1-65535/")), "{notes:#?}");
    let csv = "\"Name\",\"Enabled\",\"DefaultInboundAction\",\"AllowInboundRules\"\r\n\"Domain\",\"True\",\"Block\",\"True\"\r\n\"Public\",\"True\",\"Block\",\"False\"\r\n";
    assert_eq!(detect::rules_format(csv), super::super::RulesFormat::WindowsPs);
    let (a, notes) = read_with("ps", csv);
    assert!(a.is_empty(), "{a:#?}");
    assert!(!notes.iter().any(|n| n.message.contains("lets in")), "{notes:#?}");
}

/// Regression: a netsh listing in another display language was read line by line as broken
/// English (one error per line, or no netsh at all and nft's errors): the field names of other
/// languages are not guessed, the file is said to be unread once, at its first heading. (The
/// German-like words below are only a shape: no key of them is read.)
#[test]
fn regression_non_english_netsh_is_said_once_never_guessed() {
    let dashes = "-".repeat(70);
    let text = format!(
        "\r\nRegelname:                            SSH\r\n{dashes}\r\nAktiviert:                            Ja\r\nRichtung:                             Eingehend\r\nLokaler Port:                         22\r\nAktion:                               Zulassen\r\n\r\nRegelname:                            Web\r\n{dashes}\r\nAktiviert:                            Ja\r\nOk.\r\n"
    );
    assert_eq!(detect::rules_format(&text), super::super::RulesFormat::Netsh);
    let (a, notes) = read_with("netsh", &text);
    assert!(a.is_empty());
    let errors = errors(&notes);
    assert_eq!(errors.len(), 1, "{notes:#?}");
    assert_eq!(errors[0].at.line, 2);
    assert!(errors[0].message.contains("2 such sections"), "{}", errors[0].message);
    assert!(errors[0].message.contains("nothing in this file is read"), "{}", errors[0].message);
    // An English listing with a section it does not know: the rules still read, the rest said.
    let mixed = format!("{}\nDomänenprofil:\n{dashes}\nStatus    EIN\n", win("cp1.netsh"));
    let (_, notes) = read_with("netsh", &mixed);
    let errors: Vec<&Note> =
        notes.iter().filter(|n| n.error && n.message.contains("does not read")).collect();
    assert_eq!(errors.len(), 1, "{notes:#?}");
    assert!(errors[0].message.contains("their lines are not read"));
}

/// A profile's `State` or `Firewall Policy` in words the reader does not know (a localized
/// `ON`) is a located error saying what it was read as, never a silent Block.
#[test]
fn regression_unknown_profile_state_is_located() {
    let text = "Public Profile Settings:\n----------------------------------------------------------------------\nState                                 EIN\nFirewall Policy                       Blockieren,Zulassen\nOk.\n";
    let (_, notes) = read_with("netsh", text);
    let errors: Vec<(u32, u32)> = errors(&notes).iter().map(|n| (n.at.line, n.at.column)).collect();
    assert_eq!(errors, [(3, 39), (4, 39)], "{notes:#?}");
}

/// `netsh advfirewall show currentprofile` prints the active profile's section alone (with
/// its `Logging:` part): read like `show allprofiles`, an AllowInbound default said open.
#[test]
fn currentprofile_alone_is_read_like_allprofiles() {
    let dashes = "-".repeat(70);
    let text = format!(
        "\r\nPrivate Profile Settings: \r\n{dashes}\r\nState                                 ON\r\nFirewall Policy                       AllowInbound,AllowOutbound\r\nLocalFirewallRules                    N/A (GPO-store only)\r\nInboundUserNotification               Disable\r\n\r\nLogging:\r\nLogAllowedConnections                 Disable\r\nMaxFileSize                           4096\r\n\r\nOk.\r\n\r\n"
    );
    assert_eq!(detect::rules_format(&text), super::super::RulesFormat::Netsh);
    let (a, notes) = read_with("netsh", &text);
    assert!(errors(&notes).is_empty(), "{notes:#?}");
    assert_eq!(accepted(&a), ["0.0.0.0/0,::/0 -> 0.0.0.0/0,::/0 1-65535/tcp+udp+sctp"]);
    let open =
        notes.iter().find(|n| n.message.contains("the Private profile lets in")).expect("said");
    assert_eq!(open.at.line, 5);
}
