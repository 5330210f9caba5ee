use super::*;

/// The sketch in DESIGN.md, exactly as written there.
pub(crate) const DESIGN_SKETCH: &str = r#"name: openlm-prod
zones:
  internet: { cidrs: [0.0.0.0/0], trust: untrusted }
  corp:     { cidrs: [10.20.0.0/16] }
  cluster:  { cidrs: [10.0.0.0/22] }
hosts:
  cp1:   { zone: cluster, address: 10.0.0.10, roles: [openlm/control-plane] }
  infra: { zone: cluster, address: 10.0.0.11, roles: [openlm/infrastructure] }
services:                       # listeners that are not in the catalog
  - { host: cp1, name: keycloak, ports: [8080/tcp, 8443/tcp] }
enable: [openlm/flannel-wireguard]   # turn on conditional/optional requirements
policy:                         # optional: existing rules to audit
  - { from: internet, to: cp1, ports: [443/tcp, 80/tcp] }
"#;

fn errors(text: &str) -> Vec<ParseError> {
    parse(text, "t.yaml", Format::Yaml).expect_err("should fail")
}

#[test]
fn accepts_the_design_sketch_exactly() {
    let t = parse(DESIGN_SKETCH, "openlm.yaml", Format::Yaml).unwrap();
    assert_eq!(t.name.as_deref(), Some("openlm-prod"));
    assert_eq!(t.zones.len(), 3);
    assert_eq!(t.zones[0].trust, Trust::Untrusted);
    assert_eq!(t.zones[1].trust, Trust::Trusted);
    assert_eq!(t.hosts[0].name, "cp1");
    assert_eq!(t.hosts[0].roles[0].value, "openlm/control-plane");
    assert_eq!(t.hosts[0].roles[0].position, Position { line: 7, column: 55 });
    assert_eq!(t.services[0].ports[1].value.to_string(), "8443/tcp");
    assert_eq!(t.enable[0].value, "openlm/flannel-wireguard");
    let policy = t.policy.unwrap();
    assert_eq!(policy[0].from[0].value, PolicyEndpoint::Name("internet".into()));
    assert_eq!(policy[0].ports.len(), 2);
}

#[test]
fn json_and_toml_give_the_same_topology() {
    let yaml = parse(DESIGN_SKETCH, "a", Format::Yaml).unwrap();
    let json_text = r#"{
	"name": "openlm-prod",
	"zones": {
		"internet": { "cidrs": ["0.0.0.0/0"], "trust": "untrusted" },
		"corp": { "cidrs": ["10.20.0.0/16"] },
		"cluster": { "cidrs": ["10.0.0.0/22"] }
	},
	"hosts": {
		"cp1": { "zone": "cluster", "address": "10.0.0.10", "roles": ["openlm/control-plane"] },
		"infra": { "zone": "cluster", "address": "10.0.0.11", "roles": ["openlm/infrastructure"] }
	},
	"services": [{ "host": "cp1", "name": "keycloak", "ports": ["8080/tcp", "8443/tcp"] }],
	"enable": ["openlm/flannel-wireguard"],
	"policy": [{ "from": "internet", "to": "cp1", "ports": ["443/tcp", "80/tcp"] }]
}"#;
    let json = parse(json_text, "a", Format::Json).unwrap();
    assert_eq!(serde_json::to_value(&yaml).unwrap(), serde_json::to_value(&json).unwrap());
    let toml_text = r#"
name = "openlm-prod"
enable = ["openlm/flannel-wireguard"]

[zones.internet]
cidrs = ["0.0.0.0/0"]
trust = "untrusted"
[zones.corp]
cidrs = ["10.20.0.0/16"]
[zones.cluster]
cidrs = ["10.0.0.0/22"]

[hosts.cp1]
zone = "cluster"
address = "10.0.0.10"
roles = ["openlm/control-plane"]
[hosts.infra]
zone = "cluster"
address = "10.0.0.11"
roles = ["openlm/infrastructure"]

[[services]]
host = "cp1"
name = "keycloak"
ports = ["8080/tcp", "8443/tcp"]

[[policy]]
from = "internet"
to = "cp1"
ports = ["443/tcp", "80/tcp"]
"#;
    let mut toml = parse(toml_text, "a", Format::Toml).unwrap();
    // TOML writes `from = "internet"`, a single string: same meaning.
    assert_eq!(Format::sniff(toml_text), Format::Toml);
    assert_eq!(Format::sniff(json_text), Format::Json);
    assert_eq!(Format::sniff(DESIGN_SKETCH), Format::Yaml);
    toml.file = yaml.file.clone();
    assert_eq!(serde_json::to_value(&yaml).unwrap(), serde_json::to_value(&toml).unwrap());
}

#[test]
fn value_errors_are_all_located() {
    let text = "zones:\n  a: { cidrs: [10.0.0.1/8, nonsense], trust: untrustd }\nhosts:\n  h: { zone: a, address: 10.0.0.300, roles: [x/y] }\nservices:\n  - { host: h, ports: [70000/tcp, 443, 80/icmp, 2380-2379/tcp] }\npolicy:\n  - { from: a, to: h, portz: [1/tcp] }\n";
    let errs = errors(text);
    let show: Vec<String> = errs.iter().map(|e| format!("{e} | {:?}", e.help)).collect();
    let all = show.join("\n");
    assert!(all.contains("2:16: `10.0.0.1/8` has host bits set"), "{all}");
    assert!(all.contains("did you mean `10.0.0.0/8`"), "{all}");
    assert!(all.contains("2:28: `nonsense` is not a CIDR"), "{all}");
    assert!(
        all.contains("unknown trust `untrustd`") && all.contains("did you mean `untrusted`"),
        "{all}"
    );
    assert!(all.contains("4:26: `10.0.0.300` is not an IPv4 or IPv6 address"), "{all}");
    assert!(all.contains("larger than 65535"), "{all}");
    assert!(all.contains("port `443` has no transport"), "{all}");
    assert!(all.contains("unknown transport `icmp`"), "{all}");
    assert!(all.contains("reversed"), "{all}");
    assert!(all.contains("unknown key `portz`") && all.contains("did you mean `ports`"), "{all}");
    assert!(all.contains("a policy rule has no `ports`"), "{all}");
}

#[test]
fn hostile_names_are_bounded() {
    let long = "h".repeat(10_000);
    let errs = errors(&format!("hosts:\n  ? {long}\n  : {{ zone: a, address: 10.0.0.1 }}\n"));
    assert!(errs[0].message.contains("10000 characters"), "{:?}", errs[0]);
    assert!(errs[0].message.len() < 200);
    let errs =
        parse(&format!("{{\"zones\": {{\"{long}\": [\"10.0.0.0/8\"]}}}}"), "t.json", Format::Json)
            .unwrap_err();
    assert!(errs[0].message.len() < 200, "{:?}", errs[0]);
    assert!(!errs.is_empty());
    let errs = errors("hosts:\n  \"a\\nb\": { zone: a, address: 10.0.0.1 }\n");
    assert!(
        errs[0].message.contains("a\\nb") && errs[0].message.contains("control character"),
        "{:?}",
        errs[0]
    );
    // Quotes and unicode are fine.
    let t = parse("hosts:\n  'x\"; flush ruleset #': { zone: a, address: 10.0.0.1 }\n  nœud-é: { zone: a, address: '::1' }\n", "t", Format::Yaml).unwrap();
    assert_eq!(t.hosts[0].name, "x\"; flush ruleset #");
    assert_eq!(t.hosts[1].name, "nœud-é");
}

#[test]
fn syntax_errors_duplicates_and_alias_bombs_are_located() {
    let errs = errors("hosts:\n  cp1: {zone: a\n");
    assert!(errs[0].message.starts_with("YAML syntax error"));
    let errs = errors(
        "hosts:\n  cp1: { zone: a, address: 10.0.0.1 }\n  cp1: { zone: a, address: 10.0.0.2 }\n",
    );
    assert_eq!(errs[0].position.line, 3);
    assert!(errs[0].message.contains("duplicate key `cp1`"));
    let errs = errors("zones: &a {}\nhosts: *b\n");
    assert!(errs[0].message.contains("`*b` names no anchor"), "{:?}", errs[0]);
    assert_eq!(errs[0].position.line, 2);
    let errs = parse("{\"hosts\": {\"a\": }", "t.json", Format::Json).unwrap_err();
    assert!(
        errs[0].message.starts_with("JSON syntax error") && errs[0].position.line == 1,
        "{:?}",
        errs[0]
    );
    let errs = parse("{\"zones\": {}, \"zones\": {}}", "t.json", Format::Json).unwrap_err();
    assert!(errs[0].message.contains("duplicate key"), "{:?}", errs[0]);
    let errs = errors("");
    assert!(errs[0].message.contains("empty"));
    let errs = errors("- a\n- b\n");
    assert!(errs[0].message.contains("must be a mapping"));
}

#[test]
fn port_specs() {
    let spec = |s: &str| parse_port_spec(s).map(|p| p.to_string()).map_err(|e| e.message);
    assert_eq!(spec("443/tcp"), Ok("443/tcp".into()));
    assert_eq!(spec("30000-32767/TCP"), Ok("30000-32767/tcp".into()));
    assert_eq!(spec("53/tcp+udp"), Ok("53/tcp+udp".into()));
    assert_eq!(spec("53/tcp/udp"), Ok("53/tcp+udp".into()));
    assert_eq!(spec("tcp/443"), Ok("443/tcp".into()));
    assert_eq!(spec("any"), Ok("1-65535/tcp+udp".into()));
    assert!(spec("0/tcp").is_err());
    assert!(spec("/tcp").is_err());
}

/// Regression (docker-compose port pasted): `8080:80` was told "has no transport" with the help
/// `write 8080:80/tcp`, which fails again; the published (host) port is what to write.
#[test]
fn a_compose_port_mapping_names_the_host_port_to_write() {
    let help = |s: &str| parse_port_spec(s).err().and_then(|e| e.help);
    for (pasted, want) in [
        ("8080:80", "write `8080/tcp`"),
        ("127.0.0.1:9000:9000", "write `9000/tcp`"),
        ("5353:53/udp", "write `5353/udp`"),
        ("30000-30010:30000-30010/tcp", "write `30000-30010/tcp`"),
    ] {
        let got = help(pasted).unwrap_or_default();
        assert!(got.starts_with(want), "{pasted}: {got}");
    }
    let message = parse_port_spec("8080:80").err().map(|e| e.message).unwrap_or_default();
    assert!(
        message.contains("host's port 8080") && message.contains("container's 80"),
        "{message}"
    );
    // Not a mapping: an IPv6-looking or plain port keeps its own message.
    assert!(help("443").is_some_and(|h| h.contains("443/tcp")));
    assert!(parse_port_spec("tcp/443").is_ok());
}

#[test]
fn endpoints_and_trust_default() {
    assert_eq!(parse_endpoint("any").unwrap(), PolicyEndpoint::Any);
    assert_eq!(
        parse_endpoint("10.0.0.0/8").unwrap(),
        PolicyEndpoint::Cidr("10.0.0.0/8".parse().unwrap())
    );
    assert_eq!(
        parse_endpoint("fd00::1").unwrap(),
        PolicyEndpoint::Cidr("fd00::1/128".parse().unwrap())
    );
    assert_eq!(parse_endpoint("cp1").unwrap(), PolicyEndpoint::Name("cp1".into()));
    assert!(parse_endpoint("10.0.0.300").is_err());
    let t = parse(
        "zones:\n  v6net: [\"::/0\"]\n  x: { cidrs: [0.0.0.0/0], trust: trusted }\n",
        "t",
        Format::Yaml,
    )
    .unwrap();
    assert_eq!(t.zones[0].trust, Trust::Untrusted);
    assert_eq!(t.zones[1].trust, Trust::Trusted);
}

#[test]
fn a_quoted_non_ascii_toml_key_is_still_sniffed_as_toml() {
    assert_eq!(Format::sniff("\"nœud\" = 1\n"), Format::Toml);
    assert_eq!(Format::sniff("nœud: 1\n"), Format::Yaml);
}

#[test]
fn clients_peers_and_variants_are_read_with_positions() {
    let text = "zones: { corp: [10.0.0.0/8] }\nhosts: {}\nclients:\n  lm/web: [corp, lb1]\npeers:\n  lm/r-42: cluster\nvariants:\n  lm: on-premises\n";
    let topology = parse(text, "t.yaml", Format::Yaml).expect("parses");
    let clients = topology.clients_of("lm/web").expect("clients");
    assert_eq!(
        clients.members.iter().map(|m| m.value.as_str()).collect::<Vec<_>>(),
        ["corp", "lb1"]
    );
    assert_eq!(clients.key.position.line, 4);
    assert_eq!(topology.settled_peers("lm/r-42", "lm/x").map(|s| s.members.len()), Some(1));
    assert_eq!(topology.variant_of("lm"), Some("on-premises"));
}

#[test]
fn an_empty_clients_entry_is_a_located_error() {
    let text = "zones: {}\nhosts: {}\nclients:\n  lm/web: []\n";
    let errors = parse(text, "t.yaml", Format::Yaml).expect_err("empty list");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].position.line, 4);
    assert!(errors[0].message.contains("names nothing"));
}

#[test]
fn byte_order_mark_is_not_part_of_the_first_key() {
    // A topology saved by a Windows editor: BOM, CRLF line ends, a comment first.
    let text = "\u{feff}# lab\r\nname: lab\r\nzones:\r\n  lab: { cidrs: [10.0.0.0/24] }\r\n";
    for format in [Format::Yaml, Format::Json, Format::Toml] {
        let body = match format {
            Format::Yaml => text.to_owned(),
            Format::Json => "\u{feff}{\r\n  \"name\": \"lab\"\r\n}\r\n".to_owned(),
            Format::Toml => "\u{feff}# lab\r\nname = \"lab\"\r\n".to_owned(),
        };
        assert_eq!(Format::sniff(&body), format);
        let topology = parse(&body, "t", format).unwrap_or_else(|e| panic!("{format:?}: {e:?}"));
        assert_eq!(topology.name.as_deref(), Some("lab"), "{format:?}");
    }
    // Columns on the first line count from after the mark, as editors show them.
    let errors = errors("\u{feff}nmae: lab\n");
    assert_eq!(errors[0].position, Position { line: 1, column: 1 });
}

/// Regression: `address: 10.1.0.0/24` was answered "write `10.1.0.0`" (a network address, not
/// a host), and a host name got the generic "write an address" with no word on why.
#[test]
fn host_address_given_as_network_or_host_name_says_why() {
    let help = |address: &str| {
        let text = format!(
            "zones:\n  dc: {{ cidrs: [10.1.0.0/16] }}\nhosts:\n  a: {{ zone: dc, address: {address} }}\n"
        );
        let errors = errors(&text);
        assert_eq!(errors[0].position, Position { line: 4, column: 27 }, "{address}");
        errors[0].help.clone().unwrap_or_default()
    };
    assert!(help("10.1.0.0/24").contains("is a network"), "{}", help("10.1.0.0/24"));
    assert!(help("10.1.0.5/24").contains("write `10.1.0.5`"));
    assert!(help("db1.corp.example").contains("host names are not resolved"));
    assert!(help("\"fd00::/64\"").contains("is a network"));
}

/// Regression: a host named like a zone was accepted, and every reference to the name meant
/// the zone: `clients: { x: [db] }` written for host `db` opened the whole zone `db`.
#[test]
fn host_named_like_a_zone_is_refused() {
    let errors = errors(
        "zones:\n  db: { cidrs: [10.5.0.0/24] }\nhosts:\n  db: { zone: db, address: 10.5.0.10 }\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].position, Position { line: 4, column: 3 });
    assert!(errors[0].message.contains("has the name of zone `db` (line 2, column 3)"));
}

/// Regression: `name:` left empty (a section not filled in yet) made the topology unusable.
#[test]
fn empty_name_is_no_name() {
    let topology =
        parse("name:\nzones:\n  a: { cidrs: [10.0.0.0/8] }\n", "t", Format::Yaml).unwrap();
    assert_eq!(topology.name, None);
}

/// Regression: hosts written as an inventory list (`- name: cp1`) got "`hosts` must be a
/// mapping, found a list" and no word on the shape that works.
#[test]
fn hosts_as_a_list_show_the_mapping_shape() {
    let errors = errors("hosts:\n  - name: cp1\n    zone: lab\n");
    assert_eq!(errors[0].position, Position { line: 2, column: 3 });
    let help = errors[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("`hosts: { cp1: { zone: cluster"), "{help}");
}

/// Regression: `zone:` left empty gave two errors, one of them on the next line (where the
/// YAML reader places an empty value).
#[test]
fn empty_zone_is_one_error_at_the_host() {
    let errors = errors(
        "zones:\n  a: { cidrs: [10.0.0.0/8] }\nhosts:\n  h1:\n    zone:\n    address: 10.0.0.1\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].position, Position { line: 4, column: 3 });
    assert!(errors[0].message.contains("has no `zone`"));
}

/// An error in a value an alias copied is located at the alias use and names the anchor's
/// place (the text to fix); `x-` keys hold the anchors and are not unknown keys.
#[test]
fn errors_in_an_aliased_value_point_at_the_alias_and_name_the_anchor() {
    let text = "x-node: &node { zone: lab, adress: 10.0.0.1 }\nzones: { lab: { cidrs: [10.0.0.0/24] } }\nhosts:\n  h1: *node\n";
    let errs = errors(text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].position, Position { line: 4, column: 7 });
    assert!(errs[0].message.contains("unknown key `adress`"), "{:?}", errs[0]);
    assert!(errs[0].message.contains("anchor `&node` at line 1"), "{:?}", errs[0]);
    // Fixed, the copy and a merge of it are hosts like any other.
    let fixed = text
        .replace("adress", "address")
        .replace("  h1: *node\n", "  h1: *node\n  h2: { <<: *node, address: 10.0.0.2 }\n");
    let topology = parse(&fixed, "t.yaml", Format::Yaml).expect("parses");
    let h2 = topology.host("h2").expect("h2");
    assert_eq!(h2.zone.value, "lab");
    assert_eq!(h2.addresses[0].value.to_string(), "10.0.0.2");
    assert_eq!(topology.host("h1").expect("h1").addresses[0].value.to_string(), "10.0.0.1");
}

/// Round 4 keys written wrong: an `environment` that is a list, a service `from` that names
/// no zone or host. Each is located at the value and says what was expected.
#[test]
fn malformed_environment_and_service_from_are_located() {
    let found = errors(
        "zones:\n  dev: { cidrs: [10.0.0.0/24], environment: [dev, test] }\nhosts:\n  a: { zone: dev, address: 10.0.0.5 }\nservices:\n  - { host: a, name: web, ports: [443/tcp], from: [devv] }\n",
    );
    let shown: Vec<String> = found.iter().map(|e| format!("{e:?}")).collect();
    assert_eq!(found.len(), 2, "{shown:#?}");
    assert_eq!(found[0].position, Position { line: 2, column: 45 });
    assert!(shown[0].contains("environment"), "{}", shown[0]);
    assert_eq!(found[1].position, Position { line: 6, column: 52 });
    assert!(shown[1].contains("did you mean `dev`?"), "{}", shown[1]);
    let ok = parse(
        "zones:\n  dev: { cidrs: [10.0.0.0/24], environment: ' dev ' }\nhosts:\n  a: { zone: dev, address: 10.0.0.5 }\nservices:\n  - { host: a, ports: [443/tcp], from: [dev, 192.0.2.0/24, any] }\n",
        "t.yaml",
        Format::Yaml,
    )
    .expect("parses");
    assert_eq!(ok.zones[0].environment.as_deref(), Some("dev"));
    assert_eq!(ok.services[0].from.len(), 3);
}

/// Regression (pasted networks refused): a zone's range copied from an IPAM export
/// (`10.1.0.0 - 10.1.0.255`), a firewall's netmask form (`10.2.0.0/255.255.0.0`,
/// `10.3.0.0 255.255.255.0`) or a comma-joined cell was "not a CIDR". Each reads as the exact
/// networks it names; a range that is not one block is the blocks that make it up.
#[test]
fn regression_zone_ranges_and_netmasks_as_pasted_read_exactly() {
    let text = "zones:\n  a: { cidrs: [10.1.0.0 - 10.1.0.255, 10.2.0.0/255.255.0.0] }\n  b:\n    cidrs:\n      - 10.3.0.0 255.255.255.0\n      - 10.4.0.10-10.4.0.20\n      - 10.5.0.0/24, 10.6.0.1\nhosts:\n  h: { zone: a, address: 10.1.0.5 }\n";
    let t = parse(text, "t.yaml", Format::Yaml).unwrap();
    let nets = |zone: usize| -> Vec<String> {
        t.zones[zone].cidrs.iter().map(|c| c.value.to_string()).collect()
    };
    assert_eq!(nets(0), ["10.1.0.0/24", "10.2.0.0/16"]);
    assert_eq!(
        nets(1),
        [
            "10.3.0.0/24",
            "10.4.0.10/31",
            "10.4.0.12/30",
            "10.4.0.16/30",
            "10.4.0.20/32",
            "10.5.0.0/24",
            "10.6.0.1/32"
        ]
    );
    assert_eq!(t.zones[1].cidrs[1].position, Position { line: 6, column: 9 });
}

/// What would widen or guess is an error with what to write: host bits under a netmask, a
/// Cisco wildcard mask (`0.0.0.255` read as a netmask would be every address), a mask that is
/// neither, a reversed range.
#[test]
fn pasted_networks_that_would_widen_are_located_errors() {
    let text = "zones:\n  a: { cidrs: [10.1.0.5/255.255.255.0, 10.2.0.0 0.0.0.255, 10.3.0.0/255.0.255.0, 10.4.0.9 - 10.4.0.1, 10.5.0.7 0.0.0.0] }\n";
    let errs = errors(text);
    let show: Vec<String> = errs.iter().map(|e| format!("{e} | {:?}", e.help)).collect();
    let all = show.join("\n");
    assert!(all.contains("2:16: `10.1.0.5/255.255.255.0` has host bits set"), "{all}");
    assert!(all.contains("did you mean `10.1.0.0/24`"), "{all}");
    assert!(all.contains("`0.0.0.255` is a wildcard (inverse) mask: write `10.2.0.0/24`"), "{all}");
    assert!(all.contains("`10.3.0.0/255.0.255.0` has a mask that is not a netmask"), "{all}");
    assert!(all.contains("write the lower address first: `10.4.0.1 - 10.4.0.9`"), "{all}");
    assert!(all.contains("write `10.5.0.7/32` or `0.0.0.0/0`"), "{all}");
    assert_eq!(errs.len(), 5, "{all}");
}

/// Regression (session 15, the newcomer's first topology): `description: HAProxy (RHEL 9,
/// firewalld)` inside `{ }` was "unknown key `firewalld)`" with the list of keys; the help now
/// says the comma ended the value before it and to quote it.
#[test]
fn regression_a_comma_in_an_unquoted_flow_value_says_to_quote_it() {
    let text = "zones:\n  z: { cidrs: [10.0.0.0/24] }\nhosts:\n  h: { zone: z, address: 10.0.0.5, description: RHEL 9, firewalld }\n";
    let found = errors(text);
    let help = found.iter().find_map(|e| e.help.clone()).unwrap_or_default();
    assert!(help.contains("quote that value") && help.contains("`description`"), "{found:?}");
    // A key of its own with a value keeps the usual help.
    let text = "zones:\n  z: { cidrs: [10.0.0.0/24] }\nhosts:\n  h: { zone: z, address: 10.0.0.5, colour: red }\n";
    assert!(errors(text).iter().all(|e| !e.help.as_deref().unwrap_or("").contains("quote")));
}
