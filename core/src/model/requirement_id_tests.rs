use super::*;
use crate::check::check_text;
use crate::extract::{Document, extract_document};
use crate::model::{Exposure, Necessity, migrate_line_ids};
use crate::topology::Format;
use crate::topology::testkit::{req, with_peer, with_peer_text};

fn ids(mut rows: Vec<Requirement>) -> Vec<String> {
    assign("mq", &mut rows);
    rows.into_iter().map(|r| r.id).collect()
}

#[test]
fn an_id_is_component_ports_transport() {
    let got = ids(vec![
        req("mq/broker", "", "25672", "tcp", Direction::Inbound),
        req("mq/broker", "", "2379-2380", "tcp+udp", Direction::Inbound),
        req("mq/agent", "", "161", "", Direction::Inbound),
    ]);
    assert_eq!(got, ["mq/broker-25672-tcp", "mq/broker-2379-2380-tcp-udp", "mq/agent-161-any"]);
    let mut rows = vec![req("mq/broker", "", "443", "tcp", Direction::Inbound)];
    assign("mq", &mut rows);
    assert_eq!(rows[0].anchor, "r-broker-443-tcp");
    // Plain YAML key, URL fragment and HTML id: letters, digits, `-` and one `/`.
    assert!(rows[0].id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/'));
}

#[test]
fn facts_are_added_in_order_only_when_rows_share_the_base() {
    let got = ids(vec![
        req("mq/broker", "", "5672", "tcp", Direction::Inbound),
        req("mq/broker", "", "5672", "tcp", Direction::Outbound),
        with_peer(req("mq/node", "", "4369", "tcp", Direction::Inbound), "mq/broker"),
        with_peer_text(req("mq/node", "", "4369", "tcp", Direction::Inbound), "CLI tools"),
        req("mq/node", "", "9100", "tcp", Direction::Inbound),
    ]);
    assert_eq!(
        got,
        [
            "mq/broker-5672-tcp-in",
            "mq/broker-5672-tcp-out",
            // Same direction: only the peer tells them apart, so only the peer is written.
            "mq/node-4369-tcp-broker",
            "mq/node-4369-tcp-cli-tools",
            "mq/node-9100-tcp",
        ]
    );
}

#[test]
fn rows_told_apart_by_purpose_take_its_first_words() {
    let mut ui = req("mq/broker", "", "443", "tcp", Direction::Inbound);
    ui.purpose = Some("Web console for operators".to_owned());
    let mut api = req("mq/broker", "", "443", "tcp", Direction::Inbound);
    api.purpose = Some("REST API (HTTPS)".to_owned());
    assert_eq!(
        ids(vec![ui, api]),
        ["mq/broker-443-tcp-web-console-for", "mq/broker-443-tcp-rest-api-https"]
    );
}

#[test]
fn rows_differing_only_in_necessity_get_a_digest_not_a_number() {
    let mut optional = req("mq/broker", "", "15672", "tcp", Direction::Inbound);
    optional.necessity = Some(Necessity::Optional);
    let required = req("mq/broker", "", "15672", "tcp", Direction::Inbound);
    let got = ids(vec![optional.clone(), required.clone()]);
    assert!(got.iter().all(|id| id.starts_with("mq/broker-15672-tcp-h")), "{got:?}");
    assert_ne!(got[0], got[1]);
    // The digest is the row's own: the other row gone, or the order swapped, it stays.
    assert_eq!(ids(vec![required.clone(), optional.clone()]), [got[1].clone(), got[0].clone()]);
}

/// Identical rows (a page stating one port twice) are one fact: `-2` in page order is safe,
/// whichever the id names it opens the same flow for the same reason.
#[test]
fn identical_rows_are_numbered_in_page_order() {
    let mut second = req("mq/broker", "", "5672", "tcp", Direction::Inbound);
    second.source.line = 40;
    let first = req("mq/broker", "", "5672", "tcp", Direction::Inbound);
    let got = ids(vec![second, first]);
    assert_eq!(got, ["mq/broker-5672-tcp-2", "mq/broker-5672-tcp"]);
}

#[test]
fn a_slug_spelling_another_id_never_shares_it() {
    let mut exposed = with_peer_text(req("mq/a", "", "80", "tcp", Direction::Inbound), "x");
    exposed.exposure = Some(Exposure::External);
    let got = ids(vec![
        with_peer_text(req("mq/a", "", "80", "tcp", Direction::Inbound), "x-nopeer"),
        with_peer_text(req("mq/a", "", "80", "tcp", Direction::Inbound), "x"),
        req("mq/a", "", "80", "tcp", Direction::Outbound),
    ]);
    let unique: HashSet<&String> = got.iter().collect();
    assert_eq!(unique.len(), got.len(), "{got:?}");
}

#[test]
fn line_ids_are_told_apart_from_content_ids() {
    for line_id in ["r-25", "r-25.2", "r-1.10"] {
        assert!(is_line_id(line_id), "{line_id}");
    }
    for other in ["r-25-tcp", "r-", "r-25.", "r-x", "broker-25672-tcp", "r-25.2.3"] {
        assert!(!is_line_id(other), "{other}");
    }
    assert!(is_requirement_id_shaped("mq/broker-25672-tcp"));
    assert!(is_requirement_id_shaped("mq/broker-2379-2380-tcp-udp-in"));
    assert!(!is_requirement_id_shaped("mq/flannel-wireguard"));
    assert!(!is_requirement_id_shaped("mq/r-25"));
}

const PAGE: &str = "---\ntitle: Broker\nplatform: mq\n---\n\n# Broker\n\n## Node\n\n| Port | Protocol | Required | Description |\n| --- | --- | --- | --- |\n| 5672 | TCP | Yes | Clients |\n| 25672 | TCP | Conditional | Inter-node traffic, only if clustering is enabled |\n| 15672 | TCP | Optional | Management console |\n";

fn catalog_of(page: &str) -> Catalog {
    extract_document(Document { path: "mq.md", bytes: page.as_bytes() }).catalog
}

fn id_of(catalog: &Catalog, port: u16) -> String {
    catalog.requirements().find(|r| r.ports.start() == port).map(|r| r.id.clone()).unwrap_or_else(
        || panic!("no row for {port}: {:?}", catalog.requirements().collect::<Vec<_>>()),
    )
}

fn check(catalog: &Catalog, enable: &str) -> crate::check::Report {
    let text = format!(
        "zones:\n  cluster: {{ cidrs: [10.0.0.0/22] }}\nhosts:\n  m1: {{ zone: cluster, address: 10.0.0.10, roles: [mq/node] }}\n  m2: {{ zone: cluster, address: 10.0.0.11, roles: [mq/node] }}\nenable: [{enable}]\n"
    );
    check_text(catalog, &text, "t.yaml", Format::Yaml).1
}

fn finding_of<'r>(report: &'r crate::check::Report, code: &str) -> &'r crate::check::Finding {
    report
        .findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code}: {:?}", report.findings))
}

/// What a topology's `enable` of `enable` opens: the ports of the flows planned for that id.
fn enabled_ports(catalog: &Catalog, enable: &str) -> Vec<String> {
    let text = format!(
        "zones:\n  cluster: {{ cidrs: [10.0.0.0/22] }}\nhosts:\n  m1: {{ zone: cluster, address: 10.0.0.10, roles: [mq/node] }}\n  m2: {{ zone: cluster, address: 10.0.0.11, roles: [mq/node] }}\nenable: [{enable}]\n"
    );
    let topology = crate::topology::parse(&text, "t.yaml", Format::Yaml).expect("topology");
    let plan = crate::plan::plan(catalog, &topology);
    let mut ports: Vec<String> = plan
        .flows
        .iter()
        .filter(|f| f.requirements.iter().any(|r| r == enable))
        .map(|f| f.ports.to_string())
        .collect();
    ports.sort();
    ports.dedup();
    ports
}

#[test]
fn regression_id_survives_edit_above() {
    let before = catalog_of(PAGE);
    let id = id_of(&before, 25672);
    assert_eq!(id, "mq/node-25672-tcp");
    // A paragraph and a whole table inserted above the row, and a row added before it.
    let edited = PAGE
        .replace(
            "## Node\n",
            "Read this first.\n\n| Port | Protocol | Description |\n| --- | --- | --- |\n| 9999 | TCP | Old console |\n\n## Node\n",
        )
        .replace("| 5672 | TCP | Yes | Clients |\n", "| 5672 | TCP | Yes | Clients |\n| 5671 | TCP | Yes | Clients over TLS |\n");
    let after = catalog_of(&edited);
    assert_eq!(id_of(&after, 25672), id);
    assert_eq!(id_of(&after, 5672), id_of(&before, 5672));
    assert_eq!(enabled_ports(&after, &id), enabled_ports(&before, &id));
    assert_eq!(enabled_ports(&after, &id), ["25672"]);
    assert!(check(&after, &id).findings.iter().all(|f| f.code != "P013-unknown-enable"));
}

#[test]
fn regression_old_line_id_is_located_error() {
    let catalog = catalog_of(PAGE);
    let cluster = catalog.requirements().find(|r| r.ports.start() == 25672).expect("row");
    assert_eq!(cluster.line_id, "r-13");
    let report = check(&catalog, "mq/r-13");
    let finding = finding_of(&report, "P013-unknown-enable");
    assert!(finding.is_error(), "{finding:?}");
    let at = finding.location.as_ref().expect("located");
    assert_eq!((at.file.as_str(), at.line, at.column), ("t.yaml", 6, 10));
    assert!(finding.message.contains("line id"), "{}", finding.message);
    let help = finding.help.as_deref().unwrap_or("");
    assert!(help.contains("`mq/node-25672-tcp`"), "{help}");
    // The same in `peers:` keys.
    let text = "zones:\n  cluster: { cidrs: [10.0.0.0/22] }\nhosts:\n  m1: { zone: cluster, address: 10.0.0.10, roles: [mq/node] }\npeers:\n  mq/r-13: [cluster]\n";
    let report = check_text(&catalog, text, "t.yaml", Format::Yaml).1;
    let finding = finding_of(&report, "P015-unknown-settlement");
    assert!(finding.is_error());
    assert_eq!(finding.location.as_ref().map(|l| (l.line, l.column)), Some((6, 3)));
    assert!(finding.help.as_deref().unwrap_or("").contains("`mq/node-25672-tcp`"));
}

#[test]
fn a_changed_port_makes_the_old_id_an_error() {
    let before = catalog_of(PAGE);
    let id = id_of(&before, 25672);
    let after = catalog_of(&PAGE.replace("| 25672 |", "| 25673 |"));
    assert!(after.requirement(&id).is_none());
    let report = check(&after, &id);
    let finding = finding_of(&report, "P013-unknown-enable");
    assert!(finding.is_error(), "{finding:?}");
    assert!(finding.help.as_deref().unwrap_or("").starts_with("did you mean `mq/node-"));
    // And nothing else took the old id's place: no flow is planned for it.
    assert!(enabled_ports(&after, &id).is_empty());
}

#[test]
fn migration_rewrites_line_ids_it_can_place_and_reports_the_rest() {
    let catalog = catalog_of(PAGE);
    let text =
        "enable: [mq/r-13, mq/r-14]\npeers: { \"mq/r-99\": [x] }\nother: [zz/r-10, mq/r-10-tls]\n";
    let (out, uses) = migrate_line_ids(text, &catalog);
    assert_eq!(
        out,
        "enable: [mq/node-25672-tcp, mq/node-15672-tcp]\npeers: { \"mq/r-99\": [x] }\nother: [zz/r-10, mq/r-10-tls]\n"
    );
    let shown: Vec<(u32, u32, &str, Option<&str>)> =
        uses.iter().map(|u| (u.line, u.column, u.old.as_str(), u.new.as_deref())).collect();
    assert_eq!(
        shown,
        [
            (1, 10, "mq/r-13", Some("mq/node-25672-tcp")),
            (1, 19, "mq/r-14", Some("mq/node-15672-tcp")),
            (2, 11, "mq/r-99", None),
        ]
    );
}
