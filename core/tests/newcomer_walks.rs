//! The newcomer walks (tests/netns/newcomer.py): session 16's Zabbix and Ceph pages and
//! session 17's Elastic Stack and Kafka (KRaft) pages in our own words (tests/validators/),
//! read as a newcomer drops them in; and each reading bug the walks found, in a page of its own.

use std::fs;
use std::path::Path;

use portolan_core::extract::{CatalogBuild, Document, ExtractRecord, extract_document};
use portolan_core::plan;
use portolan_core::topology::{Format, parse};

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

// Session 18's walks: GitLab split the reference-architecture way (the package defaults table,
// Gitaly Cluster's From/To matrix, prose per component) and Vault on Consul storage (Consul's
// server and client port tables, Vault's Source → Destination table).

/// The hosts the plan lets reach `host` on `port`, sorted.
fn sources_to(catalog_text: &str, topology_text: &str, host: &str, port: u16) -> Vec<String> {
    let (build, _) = read("g.md", catalog_text);
    let topology = parse(topology_text, "t.yaml", Format::Yaml).expect("topology");
    let plan = plan::plan(&build.catalog, &topology);
    let mut sources: Vec<String> = plan
        .flows
        .iter()
        .filter(|f| {
            f.ports.contains_port(port) && plan.hosts(&f.destination).iter().any(|h| h.name == host)
        })
        .flat_map(|f| plan.hosts(&f.source).into_iter().map(|h| h.name.clone()))
        .collect();
    sources.sort();
    sources.dedup();
    sources
}

#[test]
fn regression_a_peer_naming_two_parts_was_planned_from_one_of_them() {
    // "The Rails and Sidekiq nodes connect to PgBouncer": the row's peer reads "rails,
    // sidekiq", but the first part found stood for the list, so the Rails nodes never reached
    // PgBouncer (nor Redis, in the same shape).
    let page = "---\ntitle: G\nplatform: g\ncomponents:\n  rails: { name: \"GitLab Rails\" }\n  sidekiq: { name: \"Sidekiq\" }\n  pgbouncer: { name: \"PgBouncer\" }\n---\n\n## Database\n\nThe Rails and Sidekiq nodes connect to PgBouncer on 6432/tcp.\n";
    let topology = "name: t\nzones:\n  z: { cidrs: [10.0.0.0/24] }\nhosts:\n  web: { zone: z, address: 10.0.0.1, roles: [g/rails] }\n  jobs: { zone: z, address: 10.0.0.2, roles: [g/sidekiq] }\n  pool: { zone: z, address: 10.0.0.3, roles: [g/pgbouncer] }\n";
    assert_eq!(sources_to(page, topology, "pool", 6432), ["jobs", "web"]);
}

#[test]
fn regression_a_file_name_in_an_unless_clause_made_the_defaults_table_conditional() {
    // "Unless /etc/gitlab/gitlab.rb says otherwise, …": the clause was cut at the file name's
    // dot, lost its "otherwise", and every row of the table became conditional (no rule).
    let text = "---\ntitle: G\nplatform: g\ncomponents:\n  shell: { name: \"GitLab Shell\" }\n  nginx-status: { name: \"NGINX status\" }\n---\n\n## Package defaults\n\nUnless `/etc/gitlab/gitlab.rb` says otherwise, the package starts its services with the defaults below.\n\n| Component | On by default | Communicates via | Alternative | Connection port |\n|---|---|---|---|---|\n| GitLab Shell | Yes | Port | X | 22 |\n| NGINX status | Yes | Port | X | 8060 |\n\nAll of these ports are TCP.\n";
    let (build, records) = read("g.md", text);
    let necessities: Vec<(String, Option<String>)> = records
        .iter()
        .map(|r| (format!("{} {}", r.component, r.ports), r.necessity.clone()))
        .collect();
    assert_eq!(
        necessities,
        [("g/shell 22".to_owned(), None), ("g/nginx-status 8060".to_owned(), None)],
        "{:?}",
        build.diagnostics
    );
}

#[test]
fn the_gitlab_walks_page_is_read_with_the_gitlab_peer_warned() {
    let (build, records) = walk_page("gitlab/gitlab.md");
    let said: Vec<String> = build
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.code))
        .collect();
    // "GitLab" in the From column names the product, no part (left, located; the walk's
    // topology settles it with `peers`).
    assert_eq!(said, ["129:53 peer-unresolved", "129:68 peer-unresolved"]);
    let rows = rows(&records);
    let has = |row: &str| rows.iter().any(|r| r == row);
    // The defaults table's rows are required (no row of it is conditional but the "A or B
    // (TLS)" pairs), and the sockets (Puma, Workhorse, PostgreSQL, Redis) are no ports.
    assert!(has("gitlab/gitaly-exporter 9236 tcp - -"), "{rows:#?}");
    assert!(
        records
            .iter()
            .filter(|r| r.necessity.is_some())
            .all(|r| { ["80", "443", "8075", "9999", "2305", "3305"].contains(&r.ports.as_str()) })
    );
    assert!(!rows.iter().any(|r| r.contains(" 8080 ") || r.contains(" 8181 ")), "{rows:#?}");
    // Each part a sentence names as the caller is a peer of the row.
    assert!(has("gitlab/pgbouncer 6432 tcp inbound rails, sidekiq"), "{rows:#?}");
    assert!(has("gitlab/redis 6379 tcp inbound rails, sidekiq"), "{rows:#?}");
    // Gitaly Cluster's From/To table: each route a row.
    assert!(has("gitlab/gitaly 8075 tcp inbound Praefect"), "{rows:#?}");
    assert!(has("gitlab/gitaly 8075 tcp inbound Gitaly"), "{rows:#?}");
    assert!(has("gitlab/gitaly 80 tcp outbound GitLab (internal API)"), "{rows:#?}");
    assert!(has("gitlab/praefect 2305 tcp inbound Gitaly"), "{rows:#?}");
    // Left (the walk's topology settles or lives with them, each said by `portolan check`):
    // "PostgreSQL listens on 5432/tcp and Redis on 6379/tcp" gives PostgreSQL 6379 too (P042);
    // a heading naming two parts gives each sentence's row to both (PgBouncer's 6432 also on
    // PostgreSQL); the exporters listed as "Redis's on 9121/tcp, …" go to the one part the
    // sentence names (the GitLab exporter).
    assert!(has("gitlab/postgresql 6379 tcp inbound -"), "{rows:#?}");
    assert!(has("gitlab/postgresql 6432 tcp inbound rails, sidekiq"), "{rows:#?}");
    assert!(has("gitlab/gitlab-exporter 9121 tcp - -"), "{rows:#?}");
}

#[test]
fn the_vault_consul_walks_page_is_read_whole() {
    let (build, records) = walk_page("vault-consul/vault-consul.md");
    assert!(build.diagnostics.is_empty(), "{:?}", build.diagnostics);
    assert_eq!(
        rows(&records),
        [
            // Consul's tables: the direction column read, no peer (P042: the walk's topology
            // settles 8300, 8301 and 8302 from the page's words). "Binds its DNS interface and
            // its HTTP API to the loopback address" names the rows "DNS" and "HTTP" by name:
            // host-local, no flow (they were open to the platform's hosts at first).
            "hashi/consul-server 8600 tcp+udp inbound localhost",
            "hashi/consul-server 8500 tcp inbound localhost",
            "hashi/consul-server 8501 tcp inbound -",
            "hashi/consul-server 8502 tcp inbound -",
            "hashi/consul-server 8300 tcp bidirectional -",
            "hashi/consul-server 8301 tcp+udp bidirectional -",
            "hashi/consul-server 8302 tcp+udp bidirectional -",
            "hashi/consul-client 8600 tcp+udp inbound localhost",
            "hashi/consul-client 8500 tcp inbound localhost",
            "hashi/consul-client 8301 tcp+udp bidirectional -",
            // Left: "clients call the servers on 8300" and "every agent, server or client,
            // gossips with every other agent" name no way and no peer.
            "hashi/consul-server 8300 tcp - -",
            "hashi/consul-server 8301 tcp+udp - -",
            // Vault's Source → Destination column.
            "hashi/vault 8200 tcp inbound Vault clients",
            "hashi/vault 8200 tcp bidirectional Vault servers",
            "hashi/vault 8201 tcp bidirectional Vault servers",
        ]
    );
}
