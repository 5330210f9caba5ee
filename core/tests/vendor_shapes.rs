//! Vendor document shapes (written for these tests, on invented platforms): exactly which rows
//! are read from each, and the "never silent" property — every table or list holding
//! port-looking cells is read or reported with a located diagnostic.

use std::fs;
use std::path::Path;

use portolan_core::extract::{CatalogBuild, Document, ExtractRecord, Status, extract_document};

const FIXTURES: &[&str] = &[
    "consul-like.md",
    "ece-like.md",
    "flows.md",
    "kube-like.md",
    "mixed-shapes.md",
    "mesh-agent.md",
    "port-cells.md",
    "relay-grid.md",
    "tabs-docusaurus.md",
    "tabs-hugo.md",
    "tabs-mkdocs.md",
    "tabs-myst.md",
    "unread.md",
];

fn text_of(name: &str) -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vendor-shapes").join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn extract(name: &str) -> (CatalogBuild, Vec<ExtractRecord>) {
    let text = text_of(name);
    let build = extract_document(Document { path: name, bytes: text.as_bytes() });
    let records = ExtractRecord::all(&build.catalog);
    (build, records)
}

/// (line, section, component, ports, transport, direction, variant) of a requirement.
type Row = (u32, String, String, String, Option<String>, Option<String>, Option<String>);

fn row(
    line: u32,
    section: &str,
    component: &str,
    ports: &str,
    transport: Option<&str>,
    direction: Option<&str>,
    variant: Option<&str>,
) -> Row {
    let own = |v: Option<&str>| v.map(str::to_owned);
    (
        line,
        section.into(),
        component.into(),
        ports.into(),
        own(transport),
        own(direction),
        own(variant),
    )
}

fn rows_of(name: &str) -> Vec<Row> {
    let (build, _) = extract(name);
    build
        .catalog
        .requirements()
        .map(|r| {
            let component = r.component.split_once('/').map_or("", |(_, c)| c).to_owned();
            (
                r.source.line,
                r.section.clone(),
                component,
                r.ports.to_string(),
                r.transport.map(|t| t.as_str().to_owned()),
                r.direction.map(|d| d.as_str().to_owned()),
                r.variant.clone(),
            )
        })
        .collect()
}

fn codes(name: &str) -> Vec<String> {
    let (build, _) = extract(name);
    build
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.code))
        .collect()
}

#[test]
fn ece_style_role_tables_with_bold_headers_slash_lists_and_bracket_ids() {
    let inbound = "Traffic into the hosts";
    let outbound = "Traffic out of the hosts";
    let i = Some("inbound");
    let o = Some("outbound");
    assert_eq!(
        rows_of("relay-grid.md"),
        vec![
            row(19, inbound, "coordinator", "12300", Some("tcp"), i, None),
            row(19, inbound, "coordinator", "12343", Some("tcp"), i, None),
            row(19, inbound, "coordinator", "12400", Some("tcp"), i, None),
            row(19, inbound, "coordinator", "12443", Some("tcp"), i, None),
            row(20, inbound, "router", "18000-18999", Some("tcp"), i, None),
            row(20, inbound, "router", "20000-20999", Some("tcp"), i, None),
            row(21, inbound, "vault", "2112", None, i, None),
            row(27, inbound, "router", "9243", Some("tcp"), i, None),
            row(33, outbound, "coordinator", "443", None, o, None),
            // "All hosts" is every component of the page, not a component named all-hosts.
            row(34, outbound, "coordinator", "123", Some("udp"), o, None),
            row(34, outbound, "router", "123", Some("udp"), o, None),
            row(34, outbound, "vault", "123", Some("udp"), o, None),
        ]
    );
    assert!(codes("relay-grid.md").is_empty(), "{:?}", codes("relay-grid.md"));
    let (build, records) = extract("relay-grid.md");
    // The "Number" column is a diagram key, kept out of the purpose.
    assert_eq!(records[6].purpose.as_deref(), Some("Metrics scrape"));
    let coverage = &build.documents[0].coverage;
    assert_eq!(coverage.blocks[0].label.as_deref(), Some("Inbound traffic from other grid hosts"));
}

#[test]
fn consul_style_generic_headings_give_the_platform_component() {
    let s = "Ports table";
    // "Every mesh agent … listens on the ports below": the lead-in makes them inbound.
    let i = Some("inbound");
    assert_eq!(
        rows_of("mesh-agent.md"),
        vec![
            row(13, s, "mesh-agent", "8600", Some("tcp+udp"), i, None),
            row(14, s, "mesh-agent", "8500", Some("tcp"), i, None),
            row(15, s, "mesh-agent", "8502", Some("tcp"), i, None),
            row(16, s, "mesh-agent", "8301", Some("tcp+udp"), i, None),
            row(17, s, "mesh-agent", "8300", Some("tcp"), i, None),
        ]
    );
    let (build, _) = extract("mesh-agent.md");
    let components: Vec<&str> =
        build.catalog.platforms[0].components.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(components, ["mesh-agent/mesh-agent"]);
}

#[test]
fn several_ports_per_cell_port_column_last_and_unlabelled() {
    let last = "Port last, with markup in the header";
    let cell = "Transport inside the cell";
    let unlabelled = "A port column nobody labelled";
    let list = "Named ports in a list";
    let columns = "Transports as columns";
    let t = Some("tcp");
    assert_eq!(
        rows_of("port-cells.md"),
        vec![
            row(11, last, "web-console", "80", t, None, None),
            row(11, last, "web-console", "443", t, None, None),
            row(12, last, "cluster-bus", "8300-8302", t, None, None),
            row(18, cell, "transport-inside-the-cell", "8443", t, None, None),
            row(19, cell, "transport-inside-the-cell", "514", Some("udp"), None, None),
            row(20, cell, "transport-inside-the-cell", "53", Some("tcp+udp"), None, None),
            row(21, cell, "transport-inside-the-cell", "80", t, None, None),
            row(21, cell, "transport-inside-the-cell", "443", t, None, None),
            row(27, unlabelled, "a-port-column-nobody-labelled", "7443", t, None, None),
            row(28, unlabelled, "a-port-column-nobody-labelled", "7444", None, None, None),
            row(29, unlabelled, "a-port-column-nobody-labelled", "9464", None, None, None),
            row(40, list, "named-ports-in-a-list", "6500", None, None, None),
            row(40, list, "named-ports-in-a-list", "6501", None, None, None),
            row(41, list, "named-ports-in-a-list", "6600", None, None, None),
            row(42, list, "named-ports-in-a-list", "8443", t, None, None),
            row(49, columns, "transports-as-columns", "445", t, None, None),
            row(50, columns, "transports-as-columns", "53", Some("udp"), None, None),
            row(50, columns, "transports-as-columns", "53", t, None, None),
            row(51, columns, "transports-as-columns", "2701", t, None, None),
        ]
    );
    // The unlabelled column is read, and said to be an assumption; the sizing table is not.
    assert_eq!(codes("port-cells.md"), ["25:1 port-column-inferred"]);
}

#[test]
fn source_destination_tables_put_the_port_on_the_destination() {
    let s = "Management flows";
    let i = Some("inbound");
    assert_eq!(
        rows_of("flows.md"),
        vec![
            row(11, s, "cluster-manager", "9440", Some("tcp"), i, None),
            row(12, s, "storage-node", "2009", Some("tcp"), i, None),
            row(13, s, "time-source", "123", Some("udp"), i, None),
        ]
    );
    let (_, records) = extract("flows.md");
    assert_eq!(records[1].peer.as_deref(), Some("Cluster manager"));
}

#[test]
fn hugo_tabs_are_variants_and_rows_outside_them_apply_to_all() {
    let lb = "Load balancer";
    let t = Some("tcp");
    assert_eq!(
        rows_of("tabs-hugo.md"),
        vec![
            row(11, "Bastion host", "bastion-host", "22", t, None, None),
            row(20, lb, "load-balancer", "443", t, None, Some("aws")),
            row(27, lb, "load-balancer", "443", t, None, Some("azure")),
            row(28, lb, "load-balancer", "65200-65535", t, None, Some("azure")),
        ]
    );
    let (build, _) = extract("tabs-hugo.md");
    let variants: Vec<(&str, &str)> = build.catalog.platforms[0]
        .variants
        .iter()
        .map(|v| (v.slug.as_str(), v.name.as_str()))
        .collect();
    assert_eq!(variants, [("aws", "AWS"), ("azure", "Azure")]);
}

#[test]
fn docusaurus_tab_items_and_html_tables_with_captions() {
    let t = Some("tcp");
    assert_eq!(
        rows_of("tabs-docusaurus.md"),
        vec![
            row(16, "Collector", "collector", "443", t, None, Some("saas")),
            row(21, "Collector", "collector", "4317", t, None, Some("self-hosted")),
            row(30, "Backend", "backend", "4317", t, Some("inbound"), None),
            row(31, "Backend", "backend", "3000", t, Some("inbound"), None),
        ]
    );
    assert!(codes("tabs-docusaurus.md").is_empty(), "{:?}", codes("tabs-docusaurus.md"));
}

#[test]
fn mkdocs_content_tabs_and_admonitions_are_read_with_their_own_columns() {
    let t = Some("tcp");
    assert_eq!(
        rows_of("tabs-mkdocs.md"),
        vec![
            row(13, "Ingest nodes", "ingest-nodes", "5044", t, None, Some("on-premises")),
            row(19, "Ingest nodes", "ingest-nodes", "5045", t, None, Some("cloud")),
            row(25, "Ingest nodes", "ingest-nodes", "9300", t, Some("internal"), None),
            row(31, "Query nodes", "query-nodes", "9200", t, None, None),
        ]
    );
    // Indented by four in the file: the column counts the indentation.
    let (_, records) = extract("tabs-mkdocs.md");
    assert_eq!((records[0].line, records[0].column), (13, 7));
}

/// (The `{code-block} yaml` holds a nested listener key, `listeners:` / `port: 7777`: read
/// since session 16 as the broker's listener, the only place the page gives that port.)
#[test]
fn myst_tab_sets_notes_and_code_block_listeners_are_read() {
    let t = Some("tcp");
    assert_eq!(
        rows_of("tabs-myst.md"),
        vec![
            row(17, "Broker", "broker", "9092", t, None, Some("gcp")),
            row(25, "Broker", "broker", "9093", t, None, Some("on-premises")),
            row(33, "Broker", "broker", "9644", t, None, None),
            row(38, "Broker", "broker", "7777", None, Some("inbound"), None),
            row(43, "Broker", "broker", "8081", None, None, None),
        ]
    );
}

#[test]
fn tables_that_cannot_be_read_are_reported_with_the_pin_that_reads_them() {
    assert_eq!(
        rows_of("unread.md"),
        vec![
            row(11, "Ports in a settings table", "odd", "8080", None, None, None),
            row(11, "Ports in a settings table", "odd", "8443", None, None, None),
            row(12, "Ports in a settings table", "odd", "7946", Some("tcp"), None, None),
        ]
    );
    assert_eq!(
        codes("unread.md"),
        [
            "9:1 port-column-inferred",
            "13:13 port-cell-unreadable",
            "17:1 table-without-port-column",
            "23:1 table-without-port-column",
        ]
    );
    let (build, _) = extract("unread.md");
    let last = build.diagnostics.last().map(ToString::to_string).unwrap_or_default();
    assert!(last.contains("columns: Component, Notes"), "{last}");
    assert!(last.contains("port-column="), "{last}");
    let skipped: Vec<u32> = build.documents[0].coverage.skipped().map(|b| b.line).collect();
    assert_eq!(skipped, [17, 23]);
}

// --- never silent -----------------------------------------------------------------------

/// Column headers whose numbers count things (the test's own list, independent of the
/// extractor's): their cells are not port-looking.
const QUANTITIES: &[&str] = &["nodes", "vcpu", "memory (gb)", "disk", "retries"];

/// A cell that a reader would take for ports: only numbers (20–65535), transports and list
/// glue, or a "port N" phrase.
fn port_looking(cell: &str) -> bool {
    let lower = cell.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let numbers: Vec<u32> = words.iter().filter_map(|w| w.parse().ok()).collect();
    let only_ports = !numbers.is_empty()
        && numbers.iter().all(|n| (20..=65_535).contains(n))
        && words
            .iter()
            .all(|w| w.parse::<u32>().is_ok() || matches!(*w, "tcp" | "udp" | "and" | "or"));
    let phrase =
        words.windows(2).any(|p| matches!(p[0], "port" | "ports") && p[1].parse::<u32>().is_ok());
    only_ports || phrase
}

struct Table {
    line: u32,
    port_rows: usize,
}

/// Markdown tables (indented ones too) and HTML tables, with how many rows look like ports.
fn tables_in(text: &str) -> Vec<Table> {
    let mut tables = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim();
        if trimmed.starts_with('|') {
            let start = i;
            let cells = |l: &str| -> Vec<String> {
                l.trim().trim_matches('|').split('|').map(|c| c.trim().to_lowercase()).collect()
            };
            let header = cells(lines[i]);
            let mut port_rows = 0;
            i += 2;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                let row = cells(lines[i]);
                let looks = row.iter().enumerate().any(|(c, cell)| {
                    !header.get(c).is_some_and(|h| QUANTITIES.contains(&h.as_str()))
                        && port_looking(cell)
                });
                port_rows += usize::from(looks);
                i += 1;
            }
            tables.push(Table { line: u32::try_from(start + 1).unwrap_or(0), port_rows });
            continue;
        }
        if trimmed.starts_with("<table") {
            let start = i;
            let mut port_rows = 0;
            while i < lines.len() && !lines[i].contains("</table") {
                let cells: Vec<&str> = lines[i]
                    .split("<td>")
                    .skip(1)
                    .map(|c| c.split('<').next().unwrap_or(""))
                    .collect();
                port_rows += usize::from(cells.iter().any(|c| port_looking(c)));
                i += 1;
            }
            tables.push(Table { line: u32::try_from(start + 1).unwrap_or(0), port_rows });
        }
        i += 1;
    }
    tables
}

#[test]
fn never_silent_every_port_looking_table_is_read_or_reported() {
    for name in FIXTURES {
        let text = text_of(name);
        let (build, _) = extract(name);
        let coverage = &build.documents[0].coverage;
        let mut looked = 0;
        let mut accounted = 0;
        for table in tables_in(&text).into_iter().filter(|t| t.port_rows > 0) {
            looked += table.port_rows;
            let block = coverage.blocks.iter().find(|b| b.line == table.line);
            let Some(block) = block else {
                panic!(
                    "{name}:{}: a table with {} port-looking row(s) is neither read nor reported",
                    table.line, table.port_rows
                );
            };
            // Rows not read are each covered by a diagnostic inside the table, or the whole
            // table by one at its start.
            let end = table.line + u32::try_from(table.port_rows).unwrap_or(0) + 2;
            let diagnosed = build
                .diagnostics
                .iter()
                .filter(|d| {
                    (table.line..=end).contains(&d.location.line)
                        && d.code != "port-column-inferred"
                })
                .count();
            let whole = block.status == Status::Skipped
                && build.diagnostics.iter().any(|d| d.location.line == table.line);
            accounted +=
                if whole { table.port_rows } else { (block.read + diagnosed).min(table.port_rows) };
        }
        assert_eq!(
            accounted, looked,
            "{name}: port-looking rows {looked}, read or diagnosed {accounted}"
        );
    }
}

#[test]
fn never_silent_holds_on_a_table_the_extractor_could_skip() {
    // The property test must be able to fail: a table whose ports sit in a quantity-looking
    // column of the extractor but not of the test is reported, not dropped.
    let md = "# X\n\n## Hosts\n\n| Item | Size |\n|---|---|\n| api | 8443 |\n| web | 8080 |\n";
    let build = extract_document(Document { path: "x.md", bytes: md.as_bytes() });
    let blocks = &build.documents[0].coverage.blocks;
    assert_eq!(blocks.len(), 1, "{blocks:?}");
    assert!(blocks[0].status == Status::Skipped || blocks[0].read == 2, "{blocks:?}");
    assert!(!build.diagnostics.is_empty());
}

#[test]
fn a_byte_order_mark_does_not_hide_the_front_matter() {
    let md =
        "\u{feff}---\ntitle: Marked\n---\n\n| Port | Purpose |\n|---|---|\n| 8443 | Console |\n";
    let build = extract_document(Document { path: "bom.md", bytes: md.as_bytes() });
    assert_eq!(build.catalog.platforms[0].title, "Marked");
    assert_eq!(build.catalog.requirements().count(), 1);
}

/// (component, ports, transport) of every requirement read from a table row at `line`.
fn at_line(name: &str, line: u32) -> Vec<(String, String, Option<String>)> {
    rows_of(name)
        .into_iter()
        .filter(|r| r.0 == line)
        .map(|(_, _, component, ports, transport, _, _)| (component, ports, transport))
        .collect()
}

#[test]
fn port_slash_protocol_cell_tcp_and_udp_lost_udp() {
    let tcp_udp = Some("tcp+udp".to_owned());
    let tcp = Some("tcp".to_owned());
    // `8301 / TCP & UDP`: both transports; `8300 / TCP`: TCP alone.
    assert_eq!(at_line("consul-like.md", 15)[0].2, tcp);
    for line in [16, 17, 21] {
        let rows = at_line("consul-like.md", line);
        assert!(!rows.is_empty(), "line {line}");
        assert!(rows.iter().all(|r| r.2 == tcp_udp), "line {line}: {rows:?}");
    }
}

#[test]
fn number_key_column_glued_onto_purpose() {
    let (_, records) = extract("ece-like.md");
    let purposes: Vec<&str> = records.iter().filter_map(|r| r.purpose.as_deref()).collect();
    assert!(purposes.contains(&"Installation and troubleshooting SSH access only (TCP)"));
    assert!(purposes.iter().all(|p| !p.starts_with('(')), "{purposes:?}");
}

#[test]
fn role_cell_listing_two_roles_became_one_joined_component() {
    let rows = at_line("ece-like.md", 20);
    let components: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        components,
        [
            "coordinator",
            "coordinator",
            "coordinator",
            "coordinator",
            "proxy",
            "proxy",
            "proxy",
            "proxy"
        ]
    );
    let ports: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(ports[..4], ports[4..]);
    let (build, _) = extract("ece-like.md");
    let declared: Vec<&str> = build.catalog.components().map(|c| c.id.as_str()).collect();
    assert!(!declared.iter().any(|c| c.contains("coordinator-proxy")), "{declared:?}");
    let mut unique = declared.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), declared.len(), "each component declared once: {declared:?}");
}

#[test]
fn role_cell_all_became_a_component_named_all() {
    // Outbound 443 from "All": a row on each component of the page, in page order.
    let components: Vec<String> = at_line("ece-like.md", 36).into_iter().map(|r| r.0).collect();
    assert_eq!(components, ["coordinator", "proxy", "allocator", "director"]);
    let (build, _) = extract("ece-like.md");
    assert!(build.catalog.components().all(|c| !c.id.ends_with("/all")));
}

#[test]
fn default_port_bullets_were_neither_read_nor_reported() {
    // "**Server RPC** (default 8300): … TCP only." restates the table's 8300 row: same
    // component, its own transport words.
    let rpc = at_line("consul-like.md", 27);
    assert_eq!(rpc, [("servers".to_owned(), "8300".to_owned(), Some("tcp".to_owned()))]);
    // 8301's row holds on "All agents" (every component of the page): so does its bullet.
    let serf = at_line("consul-like.md", 28);
    let gossip: Vec<(String, String, Option<String>)> = at_line("consul-like.md", 16);
    assert_eq!(
        serf.iter().map(|r| &r.0).collect::<Vec<_>>(),
        gossip.iter().map(|r| &r.0).collect::<Vec<_>>()
    );
    assert!(serf.iter().all(|r| r.1 == "8301" && r.2.as_deref() == Some("tcp+udp")), "{serf:?}");
    let (build, _) = extract("consul-like.md");
    let list = build.documents[0].coverage.blocks.iter().find(|b| b.line == 27);
    assert!(list.is_some_and(|b| b.read == 2), "the list is in the coverage report");
}

#[test]
fn destination_all_agents_became_a_component() {
    // "| LAN gossip | 8301 / TCP & UDP | All agents | All agents |": the destination listens,
    // and "All agents" is every component of the page, as in a role cell.
    let (build, _) = extract("consul-like.md");
    assert!(build.catalog.components().all(|c| !c.id.ends_with("/all-agents")));
    assert!(at_line("consul-like.md", 16).len() > 1);
}
