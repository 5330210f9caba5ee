//! Session 16's newcomer walks (tests/netns/newcomer.py): a Zabbix page and a Ceph page in our
//! own words (tests/validators/), read as a newcomer drops them in; and each reading bug the
//! walks found, in a page of its own.

use std::fs;
use std::path::Path;

use portolan_core::extract::{CatalogBuild, Document, ExtractRecord, extract_document};

fn read(path: &str, text: &str) -> (CatalogBuild, Vec<ExtractRecord>) {
    let build = extract_document(Document { path, bytes: text.as_bytes() });
    let records = ExtractRecord::all(&build.catalog);
    (build, records)
}

fn walk_page(name: &str) -> (CatalogBuild, Vec<ExtractRecord>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/validators").join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read(name, &text)
}

/// (component, ports, transport, direction, peer) of every row.
fn rows(records: &[ExtractRecord]) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} {}",
                r.component,
                r.ports,
                r.protocol.as_deref().unwrap_or("-"),
                r.direction.as_deref().unwrap_or("-"),
                r.peer.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

const ZABBIX_PARTS: &str = "---\ntitle: Z\nplatform: z\ncomponents:\n  server: { name: \"Zabbix server\" }\n  proxy: { name: \"Zabbix proxy\" }\n  agent: { name: \"Zabbix agent\" }\n---\n\n";

#[test]
fn regression_a_second_sentence_about_a_port_lost_its_parts_row() {
    // One section, one port, two parts that call it: the proxy's row was merged into the
    // agent's and lost (the proxy never reached the server's 10051).
    let text = format!(
        "{ZABBIX_PARTS}## Checks\n\nThe agent connects out to the server on 10051/tcp.\n\nAn active proxy connects to the server on 10051/tcp.\n"
    );
    let (_, records) = read("z.md", &text);
    assert_eq!(
        rows(&records),
        ["z/agent 10051 tcp outbound server", "z/proxy 10051 tcp outbound server"]
    );
}

#[test]
fn regression_a_flow_sides_alternatives_kept_only_the_first_part() {
    // "the server (or a proxy)", "the server or proxy": each part a side names.
    let text = format!(
        "{ZABBIX_PARTS}## Checks\n\nIn a passive check the Zabbix server (or a proxy) connects to the agent on 10050/tcp.\n\nIn an active check the agent connects out to the server or proxy on 10051/tcp.\n"
    );
    let (_, records) = read("z.md", &text);
    assert_eq!(
        rows(&records),
        [
            "z/server 10050 tcp outbound agent",
            "z/proxy 10050 tcp outbound agent",
            "z/agent 10051 tcp outbound server, proxy",
        ]
    );
}

#[test]
fn regression_a_peerless_table_row_ignored_who_the_page_says_connects() {
    let text = format!(
        "{ZABBIX_PARTS}## Default ports\n\n| Zabbix component | Port number | Protocol |\n| --- | --- | --- |\n| Zabbix agent | 10050 | TCP |\n| Zabbix proxy | 10051 | TCP |\n\n## Checks\n\nThe server (or a proxy) connects to the agent on 10050/tcp. The agent connects out to the proxy on 10051/tcp.\n"
    );
    let (build, records) = read("z.md", &text);
    let table: Vec<String> = rows(&records).into_iter().take(2).collect();
    assert_eq!(
        table,
        ["z/agent 10050 tcp inbound server, proxy", "z/proxy 10051 tcp inbound agent"]
    );
    assert!(build.diagnostics.is_empty(), "{:?}", build.diagnostics);
}

#[test]
fn regression_a_port_range_named_as_a_range_was_left_unread() {
    let text = "---\ntitle: C\nplatform: c\ncomponents:\n  osd: { name: \"Ceph OSD\" }\n  mds: { name: \"Ceph Metadata Server\" }\n  mgr: { name: \"Ceph Manager\" }\n---\n\n## OSD\n\nAn OSD takes the first free port from 6800 up, so open the whole 6800-7568 range.\n\n## MDS and Manager\n\nOpen the 6800-7568 port range.\n";
    let (build, records) = read("c.md", text);
    // The range's first port, said before it, is the range's, not a port left unread; a
    // heading naming two parts gives the row to both.
    assert!(build.diagnostics.iter().all(|d| d.code != "port-unread"), "{:?}", build.diagnostics);
    assert_eq!(
        rows(&records),
        ["c/osd 6800-7568 - - -", "c/mds 6800-7568 - - -", "c/mgr 6800-7568 - - -"]
    );
}

#[test]
fn the_zabbix_walks_page_is_read_whole() {
    let (build, records) = walk_page("zabbix/zabbix.md");
    assert!(build.diagnostics.is_empty(), "{:?}", build.diagnostics);
    assert_eq!(
        rows(&records),
        [
            "zabbix/agent 10050 tcp inbound server, proxy",
            "zabbix/agent 10050 tcp inbound server, proxy",
            "zabbix/server 10051 tcp inbound agent, proxy",
            "zabbix/proxy 10051 tcp inbound agent",
            "zabbix/java-gateway 10052 tcp inbound server",
            // The sentence about the web service's 10053 is not read (left: P042 in the plan,
            // settled in the walk's topology).
            "zabbix/web-service 10053 tcp - -",
            "zabbix/frontend 80 tcp - -",
            "zabbix/frontend 443 tcp - -",
            "zabbix/server 10051 tcp inbound agent, proxy",
            "zabbix/server 10050 tcp outbound agent",
            "zabbix/proxy 10050 tcp outbound agent",
            "zabbix/agent 10051 tcp outbound server, proxy",
            "zabbix/proxy 10051 tcp outbound server",
            "zabbix/server 10052 tcp outbound java-gateway",
        ]
    );
}

#[test]
fn the_ceph_walks_page_is_read_with_one_warning_left() {
    let (build, records) = walk_page("ceph/ceph.md");
    let said: Vec<String> = build
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.code))
        .collect();
    // "from 6800 up" in one paragraph, the range in the next: left, located.
    assert_eq!(said, ["51:62 port-unread"]);
    assert_eq!(
        rows(&records),
        [
            "ceph/mon 3300 tcp inbound -",
            "ceph/mon 6789 tcp inbound -",
            "ceph/mds 6800-7568 tcp inbound -",
            "ceph/mgr 6800-7568 tcp inbound -",
            "ceph/osd 6800-7568 tcp inbound -",
        ]
    );
}
