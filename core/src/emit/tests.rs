use super::hostfw::Family;
use super::*;
use crate::model::{Catalog, Direction, Exposure};
use crate::plan::plan;
use crate::topology::Trust;
use crate::topology::testkit::*;

/// Names no parser would accept (newlines, NUL, tabs) reach the emitters through the library
/// API: every target must still keep them inert.
const EVIL: [&str; 4] = [
    "x\"; flush ruleset #\n-A INPUT -j ACCEPT\nCOMMIT",
    "y'$(touch /tmp/pwned)'`id`\r\n}} table inet evil { chain c { type filter hook input priority -500; policy accept; }",
    "z\u{0}\t<!-- --> ]]> ${var} %{if} \u{2028}|a|b|",
    "ノード=1+2,\"\"",
];

fn hostile() -> (Catalog, Topology) {
    let cat = catalog(vec![platform(
        "lm",
        vec![
            with_exposure(
                req("lm/cp", "r-1", "443", "tcp", Direction::Inbound),
                Exposure::External,
            ),
            req("lm/cp", "r-2", "8080-8081", "tcp", Direction::Inbound),
            req("lm/cp", "r-3", "53", "tcp/udp", Direction::Internal),
            req("lm/cp", "r-4", "3868", "sctp", Direction::Internal),
            with_peer(req("lm/cp", "r-5", "5432", "tcp", Direction::Outbound), "lm/db"),
            req("lm/db", "r-9", "5432", "tcp", Direction::Inbound),
        ],
        &[],
    )]);
    let topo = topology(
        vec![
            zone(EVIL[0], &["0.0.0.0/0", "::/0"], Trust::Untrusted),
            zone(EVIL[1], &["10.20.0.0/16"], Trust::Trusted),
            zone(EVIL[2], &["10.0.0.0/22", "fd00::/64"], Trust::Trusted),
        ],
        vec![
            host(EVIL[0], EVIL[2], &["10.0.0.10", "fd00::10"], &["lm/cp"]),
            host(EVIL[3], EVIL[2], &["10.0.0.11"], &["lm/cp"]),
            host(EVIL[2], EVIL[2], &["10.0.0.20"], &["lm/db"]),
        ],
    );
    (cat, topo)
}

fn all(plan: &FlowPlan, topology: &Topology) -> Vec<(Target, Emitted)> {
    Target::all().map(|t| (t, emit(t, plan, topology, None).expect("emit"))).collect()
}

#[test]
fn registry_names_are_unique_and_parse() {
    let names = Target::names();
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len());
    assert_eq!(names.len(), 10);
    for name in names {
        assert_eq!(Target::parse(name).map(Target::name), Some(name));
    }
    assert_eq!(Target::parse("AWS_Terraform").map(Target::name), Some("aws-terraform"));
    assert!(Target::parse("pf").is_none());
}

/// A newcomer typed `--target nft` and was refused.
#[test]
fn target_nft_short_name_is_accepted() {
    assert_eq!(Target::parse("nft").map(Target::name), Some("nftables"));
    assert_eq!(Target::parse("NFT").map(Target::name), Some("nftables"));
    assert_eq!(Target::parse("ipt").map(Target::name), Some("iptables"));
    assert_eq!(Target::parse("iptables_restore").map(Target::name), Some("iptables"));
    assert_eq!(Target::parse("k8s").map(Target::name), Some("kubernetes"));
}

#[test]
fn every_alias_names_one_registered_target_and_no_target_name() {
    let names = Target::names();
    for (alias, target) in aliases::ALIASES {
        assert!(names.contains(target), "{alias} -> {target} is not a target");
        assert!(!names.contains(alias), "{alias} shadows a target name");
    }
    for (short, candidates) in aliases::AMBIGUOUS {
        assert!(Target::parse(short).is_none(), "{short} must be refused");
        assert_eq!(Target::ambiguous(short), Some(*candidates));
        assert!(candidates.len() > 1 && candidates.iter().all(|c| names.contains(c)));
        assert!(aliases::ALIASES.iter().all(|(a, _)| a != short));
    }
}

#[test]
fn hostile_names_never_escape_their_quoting() {
    let (cat, topo) = hostile();
    let plan = plan(&cat, &topo);
    assert!(!plan.flows.is_empty());
    for (target, out) in all(&plan, &topo) {
        for file in &out.files {
            assert!(
                file.path.split('/').all(|part| !part.is_empty()
                    && part != ".."
                    && part.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))),
                "{target}: unsafe path {}",
                file.path
            );
            let text = &file.contents;
            // The CSV keeps names exactly, inside RFC 4180 quotes (CRLF line ends); every other
            // format holds no raw control character.
            if !file.path.ends_with(".csv") {
                assert!(
                    !text.contains('\0') && !text.contains('\r'),
                    "{target}: control character in {}",
                    file.path
                );
            }
            for line in text.lines().filter(|_| !file.path.ends_with(".csv")) {
                let t = line.trim_start();
                // No line of any format starts with injected content.
                for bad in [
                    "-A INPUT -j ACCEPT",
                    "COMMIT\u{0}",
                    "} table inet evil",
                    "table inet evil",
                    "}} table",
                ] {
                    assert!(!t.starts_with(bad), "{target} {}: injected line `{line}`", file.path);
                }
            }
            match target.name() {
                "nftables" | "iptables" | "ufw" => {
                    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
                        assert!(line.is_ascii(), "{target}: non-ASCII outside comments: {line}");
                        assert!(
                            !line.contains("$(") && !line.contains('`') && !line.contains("evil"),
                            "{target}: {line}"
                        );
                    }
                }
                "aws-cloudformation" => {
                    let value: serde_json::Value =
                        serde_json::from_str(text).expect("CloudFormation is JSON");
                    assert!(value["Resources"].as_object().is_some_and(|r| !r.is_empty()));
                }
                "aws-terraform" | "azure-nsg" | "gcp-terraform" => {
                    // `${` / `%{` only ever appear escaped (`$${`, `%%{`).
                    let code: String = text
                        .lines()
                        .filter(|l| !l.trim_start().starts_with('#'))
                        .collect::<Vec<_>>()
                        .join("\n");
                    let text = &code;
                    let live = text
                        .match_indices("${")
                        .any(|(i, _)| i == 0 || &text[i - 1..i] != "$")
                        || text.match_indices("%{").any(|(i, _)| i == 0 || &text[i - 1..i] != "%");
                    assert!(!live, "{target}: template sequence left live in {}", file.path);
                }
                _ => {}
            }
        }
    }
    // The CSV keeps names exactly (quoted), and reads back to the plan's labels.
    let sheet =
        emit(Target::parse("change-request").expect("t"), &plan, &topo, None).expect("emit");
    let csv = sheet
        .files
        .iter()
        .find(|f| f.path.ends_with(".csv") && !f.path.ends_with("-groups.csv"))
        .expect("csv");
    let groups = match sheet.files.iter().find(|f| f.path.ends_with("-groups.csv")) {
        Some(file) => parse_back::change_request_groups_csv(&file.contents).expect("groups parse"),
        None => Default::default(),
    };
    let back = parse_back::change_request_csv(&csv.contents, &groups).expect("csv parses");
    let labels: Vec<String> = plan.flows.iter().map(|f| f.source.label()).collect();
    assert_eq!(back.iter().map(|f| f.source.clone()).collect::<Vec<_>>(), labels);
    // Host files read back to exactly their rules.
    let nft = emit(Target::parse("nftables").expect("t"), &plan, &topo, None).expect("emit");
    assert_eq!(nft.files.len(), 3);
    for file in &nft.files {
        let back = parse_back::nftables(&file.contents).expect("nft parses back");
        assert!(!back.rules.is_empty());
    }
}

#[test]
fn sctp_is_emitted_where_possible_and_reported_elsewhere() {
    let (cat, topo) = hostile();
    let plan = plan(&cat, &topo);
    assert!(plan.flows.iter().any(|f| f.transport == crate::model::Transport::Sctp));
    for (target, out) in all(&plan, &topo) {
        let reported = out.notes.iter().any(|n| {
            n.kind == EmitNoteKind::NotExpressible
                && n.message.contains("sctp")
                && n.requirements == ["lm/r-4"]
        });
        let emitted = out.files.iter().any(|f| f.contents.to_lowercase().contains("sctp"));
        match target.name() {
            "ufw" | "aws-terraform" | "aws-cloudformation" | "azure-nsg" => {
                assert!(reported, "{target}: sctp not reported")
            }
            _ => assert!(emitted, "{target}: sctp not emitted"),
        }
    }
}

#[test]
fn host_selection_and_errors() {
    let (cat, topo) = hostile();
    let plan = plan(&cat, &topo);
    let nft = Target::parse("nftables").expect("t");
    let one = emit(nft, &plan, &topo, Some(EVIL[3])).expect("one host");
    assert_eq!(one.files.len(), 1);
    assert!(matches!(emit(nft, &plan, &topo, Some("nope")), Err(EmitError::UnknownHost(_))));
    let k8s = Target::parse("kubernetes").expect("t");
    assert!(matches!(emit(k8s, &plan, &topo, Some(EVIL[3])), Err(EmitError::NotPerHost { .. })));
}

#[test]
fn ipv4_only_hosts_get_no_ipv6_rules_and_families_pair() {
    let (cat, topo) = hostile();
    let plan = plan(&cat, &topo);
    let ipt = emit(Target::parse("iptables").expect("t"), &plan, &topo, None).expect("emit");
    // Host EVIL[3] has only IPv4: its v6 file allows nothing but the fixed rules.
    let slug = quote::file_slug(EVIL[3]);
    let v6 = ipt.files.iter().find(|f| f.path == format!("iptables/{slug}.rules.v6")).expect("v6");
    let back = parse_back::iptables(&v6.contents, Family::V6).expect("parses");
    assert!(back.rules.is_empty(), "{:?}", back.rules);
    let v4 = ipt.files.iter().find(|f| f.path == format!("iptables/{slug}.rules.v4")).expect("v4");
    let back = parse_back::iptables(&v4.contents, Family::V4).expect("parses");
    assert!(!back.rules.is_empty());
}

#[test]
fn aws_splits_security_groups_at_the_rule_limit_and_azure_reports_priority_overflow() {
    // 70 hosts of one role, each reaching the db: the db's group sees 70 /32 sources.
    let cat = catalog(vec![platform(
        "lm",
        vec![
            with_peer(req("lm/cp", "r-5", "5432", "tcp", Direction::Outbound), "lm/db"),
            req("lm/db", "r-9", "5432", "tcp", Direction::Inbound),
        ],
        &[],
    )]);
    let mut hosts: Vec<_> = (0..70)
        .map(|i| host(&format!("cp{i}"), "cluster", &[&format!("10.0.1.{i}")], &["lm/cp"]))
        .collect();
    hosts.push(host("db", "cluster", &["10.0.0.5"], &["lm/db"]));
    let topo = topology(vec![zone("cluster", &["10.0.0.0/16"], Trust::Trusted)], hosts);
    let plan = plan(&cat, &topo);
    let tf = emit(Target::parse("aws-terraform").expect("t"), &plan, &topo, None).expect("emit");
    let text = &tf.files[0].contents;
    // Outbound from the group to each cp host's /32 is one rule per host on the group members;
    // the db host sees a membership-group reference (one rule), so nothing splits there, but
    // every cp host's egress to db is a single CIDR. Force a split with many CIDRs instead:
    assert!(text.contains("resource \"aws_security_group\" \"host_db\""));
    let many: Vec<_> = (0..130)
        .map(|i| crate::plan::Flow {
            source: crate::plan::Endpoint::Zone {
                name: format!("z{i}").into(),
                cidrs: vec![
                    format!("{}.{}.0.0/16", 10 + i / 100, (i % 100) * 2 + 1).parse().expect("net"),
                ]
                .into(),
            },
            destination: crate::plan::Endpoint::Host(
                HostRef::from_host(topo.host("db").expect("db")).into(),
            ),
            ports: crate::model::PortRange::single(5432).expect("port"),
            transport: crate::model::Transport::Tcp,
            necessity: crate::model::Necessity::Required,
            requirements: vec![format!("lm/r-{i}")].into(),
            justification: "test".into(),
            location: None,
        })
        .collect();
    let wide = FlowPlan::new(plan.groups.clone(), many, Vec::new());
    let tf = emit(Target::parse("aws-terraform").expect("t"), &wide, &topo, None).expect("emit");
    let text = &tf.files[0].contents;
    assert!(
        text.contains("\"host_db_2\"") && text.contains("\"host_db_3\""),
        "rules split over three groups"
    );
    assert!(!text.contains("\"host_db_4\""));
    // Azure: 130 flows fit; 4000 do not.
    let az = Target::parse("azure-nsg").expect("t");
    assert!(
        emit(az, &wide, &topo, None)
            .expect("emit")
            .notes
            .iter()
            .all(|n| n.kind != EmitNoteKind::Limit)
    );
    let huge: Vec<_> = (0..4000u32)
        .map(|i| {
            let mut f = wide.flows[0].clone();
            f.ports = crate::model::PortRange::single(1000 + i as u16).expect("port");
            f
        })
        .collect();
    let huge = FlowPlan::new(plan.groups.clone(), huge, Vec::new());
    let out = emit(az, &huge, &topo, None).expect("emit");
    assert!(
        out.notes.iter().any(|n| n.kind == EmitNoteKind::Limit && n.message.contains("do not fit"))
    );
    assert!(out.files[0].contents.contains("priority                   = 4095"));
    assert!(!out.files[0].contents.contains("priority                   = 4097"));
}

#[test]
fn long_requirement_lists_are_cut_in_comments_and_read_back_whole() {
    let (cat, topo) = hostile();
    let mut plan = plan(&cat, &topo);
    let ids: Vec<String> = (0..40).map(|i| format!("lm/r-{i:03}-long-anchor")).collect();
    plan.flows[0].requirements = ids.clone().into();
    for (name, max) in [("nftables", nftables::COMMENT_MAX), ("iptables", iptables::COMMENT_MAX)] {
        let out = emit(Target::parse(name).expect("t"), &plan, &topo, None).expect("emit");
        for file in &out.files {
            for line in file.contents.lines().filter(|l| !l.trim_start().starts_with('#')) {
                if let Some((_, rest)) =
                    line.split_once("comment \"").or_else(|| line.split_once("--comment \""))
                {
                    let comment = rest.split('"').next().unwrap_or_default();
                    assert!(comment.len() <= max, "{name}: comment of {} bytes", comment.len());
                }
            }
        }
        let mut found = false;
        for file in &out.files {
            let back = if name == "nftables" {
                parse_back::nftables(&file.contents)
            } else {
                parse_back::iptables(
                    &file.contents,
                    if file.path.ends_with(".v4") { Family::V4 } else { Family::V6 },
                )
            }
            .expect("parses");
            found |= back.rules.iter().any(|r| r.requirements == ids);
        }
        assert!(found, "{name}: the full id list is read back");
    }
}

/// A cluster of `n` hosts of one role in two zones: internal flows among the platform's hosts
/// of a zone (a group source), flows from the zones and from any address.
fn cluster(n: usize) -> (Catalog, Topology) {
    let cat = catalog(vec![platform(
        "lm",
        vec![
            req("lm/node", "r-1", "6443", "tcp", Direction::Internal),
            req("lm/node", "r-2", "8472", "udp", Direction::Internal),
            req("lm/node", "r-3", "22", "tcp", Direction::Inbound),
            with_exposure(
                req("lm/node", "r-4", "443", "tcp", Direction::Inbound),
                Exposure::External,
            ),
            with_peer(req("lm/node", "r-5", "5432", "tcp", Direction::Outbound), "lm/db"),
            req("lm/db", "r-9", "5432", "tcp", Direction::Inbound),
        ],
        &[],
    )]);
    let mut hosts: Vec<_> = (0..n)
        .map(|i| {
            let zone = if i % 2 == 0 { "a" } else { "b" };
            let octet = if i % 2 == 0 { 1 } else { 2 };
            host(
                &format!("n{i}"),
                zone,
                &[&format!("10.{octet}.{}.{}", i / 250, i % 250 + 1)],
                &["lm/node"],
            )
        })
        .collect();
    hosts.push(host("db", "a", &["10.1.200.1"], &["lm/db"]));
    let zones = vec![
        zone("a", &["10.1.0.0/16"], Trust::Trusted),
        zone("b", &["10.2.0.0/16"], Trust::Trusted),
        zone("internet", &["0.0.0.0/0"], Trust::Untrusted),
    ];
    (cat, topology(zones, hosts))
}

/// Network targets write every flow once (ingress at its destination, egress on the policy or
/// group of its source), so doubling the hosts doubles the output. Before, every host carried
/// the egress of its zone and groups: Kubernetes wrote 204,000 lines for 100 generated hosts.
#[test]
fn network_targets_grow_linearly_with_hosts() {
    let size = |n: usize, target: Target| {
        let (cat, topo) = cluster(n);
        let plan = plan(&cat, &topo);
        emit(target, &plan, &topo, None)
            .expect("emit")
            .files
            .iter()
            .map(|f| f.contents.len())
            .sum::<usize>()
    };
    for target in Target::all().filter(|t| t.scope() == Scope::Network) {
        let (small, large) = (size(100, target), size(400, target));
        assert!(
            large * 10 < small * 4 * 10 + small * 8,
            "{target}: {small} bytes at 100 hosts, {large} at 400 (more than 4.8×)"
        );
    }
}

/// Regression: group selectors named `platform@zone` groups that no pod was told to carry.
#[test]
fn kubernetes_selectors_only_use_labels_the_pods_carry() {
    let (cat, topo) = cluster(6);
    let plan = plan(&cat, &topo);
    let out = emit(Target::parse("kubernetes").expect("t"), &plan, &topo, None).expect("emit");
    let text: String = out.files.iter().map(|f| f.contents.as_str()).collect();
    // The header of each zone file lists, per host, the labels its pods carry.
    let mut carried: Vec<&str> = Vec::new();
    for file in &out.files {
        let header = file
            .contents
            .lines()
            .skip_while(|l| !l.starts_with("# Pods of each host"))
            .skip(1)
            .take_while(|l| *l != "---");
        carried.extend(
            header.filter_map(|l| l.split_once(": ")).flat_map(|(_, labels)| labels.split(", ")),
        );
    }
    let mut selectors = 0;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_end().ends_with("matchLabels:") {
            let (key, value) = lines[i + 1].trim().split_once(": ").expect("label");
            let label = format!("{key}={}", value.trim_matches('"'));
            assert!(carried.contains(&label.as_str()), "{label} selected but no pod carries it");
            selectors += 1;
        }
    }
    assert!(selectors > 10, "{selectors}");
    assert!(text.contains("zone.portolan.io/a"), "zone egress selects by zone label");
}
