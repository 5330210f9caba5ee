//! Vendor document shapes the shipped content does not use, each with exactly what must be read
//! from it — and nothing more.

use std::fs;
use std::path::Path;

use portolan_core::extract::{CatalogBuild, Document, ExtractRecord, extract_document};

fn extract(name: &str) -> (CatalogBuild, Vec<ExtractRecord>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract").join(name);
    let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let build = extract_document(Document { path: name, bytes: &bytes });
    let records = ExtractRecord::all(&build.catalog);
    (build, records)
}

/// (section, ports, protocol) of every record, in document order.
fn summary(records: &[ExtractRecord]) -> Vec<(String, String, Option<String>)> {
    records.iter().map(|r| (r.section.clone(), r.ports.clone(), r.protocol.clone())).collect()
}

fn row(section: &str, ports: &str, protocol: Option<&str>) -> (String, String, Option<String>) {
    (section.to_owned(), ports.to_owned(), protocol.map(str::to_owned))
}

#[test]
fn kubernetes_style_tables_with_used_by_column() {
    let (build, records) = extract("kubernetes-style.md");
    // Only the peers nothing places are questioned ("kube-apiserver, etcd", "Load balancers").
    let questioned: Vec<(u32, &str)> =
        build.diagnostics.iter().map(|d| (d.location.line, d.code.as_str())).collect();
    assert_eq!(
        questioned,
        [(15, "peer-unresolved"), (25, "peer-unresolved")],
        "{:?}",
        build.diagnostics
    );
    let cp = "Control plane";
    let w = "Worker node(s)";
    assert_eq!(
        summary(&records),
        vec![
            row(cp, "6443", Some("tcp")),
            row(cp, "2379-2380", Some("tcp")),
            row(cp, "10250", Some("tcp")),
            row(cp, "10259", Some("tcp")),
            row(cp, "10257", Some("tcp")),
            row(w, "10250", Some("tcp")),
            row(w, "10256", Some("tcp")),
            row(w, "30000-32767", Some("tcp")),
            row(w, "30000-32767", Some("udp")),
        ]
    );
    assert!(records.iter().all(|r| r.direction.as_deref() == Some("inbound")));
    assert_eq!(records[0].peer.as_deref(), Some("All"));
    assert_eq!(records[0].component, "kubernetes-style/control-plane");
    assert_eq!(records[5].component, "kubernetes-style/worker-node");
    assert_eq!((records[0].line, records[0].column), (14, 19));
}

#[test]
fn swarm_style_list_items_and_prose() {
    let (build, records) = extract("swarm-style.md");
    // "IP protocol 50 (ESP)" and "ICMP (ping) from anywhere" were dropped in silence: each is
    // now one warning where it is named, since no rule is made for them.
    let warned: Vec<(u32, u32, &str)> = build
        .diagnostics
        .iter()
        .map(|d| (d.location.line, d.location.column, d.code.as_str()))
        .collect();
    assert_eq!(warned, [(11, 51, "non-port-protocol"), (23, 3, "non-port-protocol")]);
    let s = "Open protocols and ports between the hosts";
    assert_eq!(
        summary(&records),
        vec![
            row(s, "2377", Some("tcp")),
            row(s, "7946", Some("tcp+udp")),
            row(s, "4789", Some("udp")),
            row("Ingress", "80", None),
            row("Ingress", "443", None),
            row("Cheat sheet", "6443", Some("tcp")),
            row("Cheat sheet", "53", Some("tcp+udp")),
            row("Cheat sheet", "30000-32767", Some("tcp")),
        ]
    );
    assert_eq!(records[5].direction.as_deref(), Some("inbound"));
    assert!(records[..3].iter().all(|r| r.necessity.as_deref() == Some("required")), "{records:?}");
}

#[test]
fn combined_port_protocol_cells_lists_continuation_rows_and_html_tables() {
    let (build, records) = extract("mixed-tables.md");
    assert!(build.diagnostics.is_empty(), "{:?}", build.diagnostics);
    assert_eq!(
        summary(&records),
        vec![
            row("Services", "9200", Some("tcp")),
            row("Services", "9300", Some("tcp")),
            row("Services", "5601", Some("tcp")),
            row("Edge", "53", Some("tcp+udp")),
            row("Edge", "853", Some("tcp")),
            row("Edge", "80", Some("tcp")),
            row("Edge", "443", Some("tcp")),
            row("Edge", "30000-30010", Some("udp")),
            row("Console", "8443", Some("tcp")),
            row("Console", "9000-9001", Some("tcp")),
            row("Console", "80", Some("tcp")),
            row("Console", "443", Some("tcp")),
            row("Agents", "8600", Some("tcp+udp")),
            row("Agents", "8301", Some("udp")),
            row("Agents", "2379-2380", Some("tcp")),
            row("Agents", "6443", Some("tcp")),
        ]
    );
    // The empty component cell continues the row above it.
    assert_eq!(records[4].component, "mixed-tables/dns-server");
    assert_eq!(records[0].component, "mixed-tables/elasticsearch-http");
}

#[test]
fn decoys_are_never_ports() {
    let (build, records) = extract("decoys.md");
    assert!(records.is_empty(), "invented: {:?}", summary(&records));
    // The ESP and AH rows hold protocol numbers, not ports: no requirement, but a warning each,
    // since the firewall must still let them through.
    let codes: Vec<(u32, &str)> =
        build.diagnostics.iter().map(|d| (d.location.line, d.code.as_str())).collect();
    // The Kubernetes `service:` snippet's `port` is the cluster's: no row, but said.
    assert_eq!(
        codes,
        [
            (14, "non-port-protocol"),
            (15, "non-port-protocol"),
            (25, "snippet-cluster-only"),
            (1, "no-requirements")
        ]
    );
}

#[test]
fn unreadable_rows_are_located_diagnostics() {
    let (build, records) = extract("broken-rows.md");
    assert_eq!(
        summary(&records),
        vec![row("Listeners", "8080", None), row("Listeners", "443", Some("tcp"))]
    );
    let found: Vec<String> = build
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.code))
        .collect();
    assert_eq!(
        found,
        [
            "7:3 port-out-of-range",
            "8:3 port-out-of-range",
            "9:3 port-range-reversed",
            "10:10 unknown-transport",
            "11:3 port-cell-unreadable",
            "16:1 table-without-port-column",
        ]
    );
    assert!(build.diagnostics.iter().all(|d| d.expected.is_some() && !d.is_error()));
    let rendered = build.diagnostics[0].to_string();
    assert!(rendered.starts_with("broken-rows.md:7:3: warning[port-out-of-range]: port 70000 is larger than 65535; expected"), "{rendered}");
}

/// Regression (a pin inside a list item pinned the rest of the list): a pin written at the end
/// of one bullet, to settle that bullet's peer without a new line (requirement ids are line
/// numbers), went on pinning every bullet after it. It pins its own item now; a pin before the
/// list still pins every item.
#[test]
fn regression_a_pin_inside_a_list_item_pinned_every_item_after_it() {
    let text = "---\ntitle: Gear\nplatform: gear\ncomponents:\n  box: { name: Box }\n  admin: { name: Admin }\n---\n\n## Box\n\nThese ports must be open on the box:\n\n- 161 (inbound) SNMP\n- 3000 (inbound) HTTPS, local endpoint <!-- portolan: peer=admin -->\n- 5550 (inbound) XML management interface\n";
    assert_eq!(
        peers_by_port(text),
        [
            ("161".to_owned(), None),
            ("3000".to_owned(), Some("gear/admin".to_owned())),
            ("5550".to_owned(), None)
        ]
    );
}

/// Regression (a pin inside a table row pinned the whole table): a pin written in one row's
/// purpose cell, to name that row's peer without a new line (requirement ids are line numbers),
/// was read as a pin before the table and pinned every row. It pins its own row now; a pin
/// before the table still pins every row.
#[test]
fn regression_a_pin_inside_a_table_row_pinned_every_row() {
    let text = "---\ntitle: Gear\nplatform: gear\ncomponents:\n  box: { name: Box }\n  hub: { name: Hub }\n---\n\n## Box\n\nRequired from each box:\n\n| Port | Direction | Purpose |\n| :--- | :--- | :--- |\n| 53 | OUTBOUND | Name lookups |\n| 4222 | OUTBOUND | Agent messages <!-- portolan: peer=hub --> |\n| 123 | OUTBOUND | Time sync |\n";
    assert_eq!(
        peers_by_port(text),
        [
            ("53".to_owned(), None),
            ("4222".to_owned(), Some("gear/hub".to_owned())),
            ("123".to_owned(), None)
        ]
    );
    let pinned_before = text.replace("| Port |", "<!-- portolan: peer=hub -->\n| Port |");
    assert!(
        peers_by_port(&pinned_before).iter().all(|(_, peer)| peer.as_deref() == Some("gear/hub"))
    );
}

/// Each requirement's ports and peer, in order, from a page `gear.md`.
fn peers_by_port(text: &str) -> Vec<(String, Option<String>)> {
    let build = extract_document(Document { path: "gear.md", bytes: text.as_bytes() });
    build.catalog.requirements().map(|r| (r.ports.to_string(), r.peer_component.clone())).collect()
}
