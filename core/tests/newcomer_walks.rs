//! The newcomer walks (tests/netns/newcomer.py): session 16's Zabbix and Ceph pages and
//! session 17's Elastic Stack and Kafka (KRaft) pages in our own words (tests/validators/),
//! read as a newcomer drops them in; and each reading bug the walks found, in a page of its own.

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

// Session 17's walks: an Elastic Stack (Elasticsearch, Kibana, Logstash, Beats) and Kafka in
// KRaft mode (controllers, brokers, clients).

const ELASTIC_PARTS: &str = "---\ntitle: E\nplatform: e\ncomponents:\n  elasticsearch: { name: \"Elasticsearch\" }\n  logstash: { name: \"Logstash\" }\n  beats: { name: \"Beats\" }\n---\n\n";

#[test]
fn regression_a_part_writing_or_shipping_to_another_was_read_as_listening() {
    // "Logstash writes the events to Elasticsearch on 9200" made Logstash listen on 9200 (open
    // to the platform's hosts) and never reach Elasticsearch; "Beats ship … to Logstash on
    // 5044" said no way and no peer.
    let text = format!(
        "{ELASTIC_PARTS}## Logstash\n\nLogstash writes the events to Elasticsearch over HTTP on port 9200.\n\n## Beats\n\nFilebeat and the other Beats ship their events to Logstash on port 5044/tcp.\n"
    );
    let (_, records) = read("e.md", &text);
    assert_eq!(
        rows(&records),
        ["e/logstash 9200 tcp outbound elasticsearch", "e/beats 5044 tcp outbound logstash"]
    );
}

#[test]
fn regression_a_loopback_port_in_a_paragraph_of_several_ports_was_a_network_listener() {
    let text = format!(
        "{ELASTIC_PARTS}## Logstash\n\nThe Beats input listens on port 5044/tcp. The Logstash monitoring API listens on 9600/tcp, bound to the loopback address by default.\n"
    );
    let (_, records) = read("e.md", &text);
    assert_eq!(
        rows(&records),
        ["e/logstash 5044 tcp inbound -", "e/logstash 9600 tcp inbound localhost"]
    );
}

#[test]
fn regression_parts_connecting_to_each_other_took_another_sentences_callers() {
    // "The controllers connect to each other on 9093" took the brokers (the callers the next
    // item names) as its peer: the quorum's own flows were never planned.
    let text = "---\ntitle: K\nplatform: k\ncomponents:\n  controller: { name: \"Controller\" }\n  broker: { name: \"Broker\" }\n  client: { name: \"Client\" }\n---\n\n## Who connects where\n\n- The controllers connect to each other on 9093/tcp to elect the active controller.\n- Brokers connect to the controllers on 9093/tcp to fetch metadata.\n- Brokers connect to each other on 9092/tcp to replicate partitions.\n- Clients connect to the brokers on 9092/tcp only.\n\n## Prose\n\nThe brokers talk to one another on 9094/tcp.\n";
    let (_, records) = read("k.md", text);
    assert_eq!(
        rows(&records),
        [
            "k/controller 9093 tcp inbound controller",
            "k/controller 9093 tcp inbound broker",
            "k/broker 9092 tcp inbound broker",
            "k/broker 9092 tcp inbound client",
            "k/broker 9094 tcp inbound broker",
        ]
    );
}

#[test]
fn the_elastic_walks_page_is_read_whole() {
    let (build, records) = walk_page("elastic/elastic.md");
    assert!(build.diagnostics.is_empty(), "{:?}", build.diagnostics);
    assert_eq!(
        rows(&records),
        [
            // The REST port takes the callers the page's sentences name.
            "elastic/elasticsearch 9200 tcp inbound kibana, logstash",
            // "between nodes": every elastic host of the zone in the plan, the other parts'
            // hosts named (P042; the walk's topology keeps it to the nodes).
            "elastic/elasticsearch 9300 tcp internal -",
            "elastic/kibana 5601 tcp - -",
            "elastic/kibana 9200 tcp outbound elasticsearch",
            // "for events that Beats send": no peer in the row, but the plan reads Beats as
            // its sender (plan/sender.rs) and plans it from the Beats hosts.
            "elastic/logstash 5044 tcp inbound -",
            "elastic/logstash 9200 tcp outbound elasticsearch",
            "elastic/logstash 9600 tcp inbound localhost",
            "elastic/beats 5044 tcp outbound logstash",
        ]
    );
}

#[test]
fn the_kafka_walks_page_is_read_with_one_warning_left() {
    let (build, records) = walk_page("kafka/kafka.md");
    let said: Vec<String> = build
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.code))
        .collect();
    // "A broker, taking clients and the other brokers on 9092:" (left, located; the list
    // below says the same flows).
    assert_eq!(said, ["45:51 port-unread"]);
    assert_eq!(
        rows(&records),
        [
            // "A controller, here listening on 9093": no peer (P042: the platform's hosts of
            // the zone, controllers and brokers, which the list below names anyway).
            "kafka/controller 9093 tcp inbound -",
            "kafka/controller 9093 tcp inbound controller",
            "kafka/controller 9093 tcp inbound broker",
            "kafka/broker 9092 tcp inbound broker",
            "kafka/broker 9092 tcp inbound client",
        ]
    );
}
