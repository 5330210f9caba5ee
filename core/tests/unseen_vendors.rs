//! Vendor-style port documents the extractor was not written against (fixtures in
//! `fixtures/unseen/`, invented platforms in our own words, each in a shape real vendors use).
//! Next to each document, `NAME.facts` lists by hand every requirement it must yield — no more,
//! no fewer — and every diagnostic it must raise:
//!
//! ```text
//! line | component | ports | transport | direction | necessity     (`-` none, `?` unchecked)
//! ! line:column code
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use portolan_core::extract::{CatalogBuild, Document, ExtractRecord, extract_document};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen")
}

/// One expected (or extracted) requirement; `None` fields of an expectation are unchecked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fact {
    line: u32,
    component: String,
    ports: String,
    fields: [Option<Option<String>>; 3],
}

impl std::fmt::Display for Fact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown: Vec<&str> = self
            .fields
            .iter()
            .map(|v| match v {
                None => "?",
                Some(None) => "-",
                Some(Some(value)) => value,
            })
            .collect();
        write!(f, "{} | {} | {} | {}", self.line, self.component, self.ports, shown.join(" | "))
    }
}

fn listed(facts: &[&Fact]) -> String {
    facts.iter().map(|f| format!("\n  {f}")).collect()
}

fn field(text: &str) -> Option<Option<String>> {
    match text.trim() {
        "?" => None,
        "-" => Some(None),
        value => Some(Some(value.to_owned())),
    }
}

fn parse_facts(text: &str) -> (Vec<Fact>, Vec<String>) {
    let mut facts = Vec::new();
    let mut diagnostics = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(diagnostic) = line.strip_prefix('!') {
            diagnostics.push(diagnostic.trim().to_owned());
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 6, "a facts line has six cells: {line}");
        facts.push(Fact {
            line: cells[0].parse().expect("line number"),
            component: cells[1].to_owned(),
            ports: cells[2].to_owned(),
            fields: [field(cells[3]), field(cells[4]), field(cells[5])],
        });
    }
    (facts, diagnostics)
}

fn extracted(record: &ExtractRecord) -> Fact {
    Fact {
        line: record.line,
        component: record.component.split_once('/').map_or("", |(_, c)| c).to_owned(),
        ports: record.ports.clone(),
        fields: [
            Some(record.protocol.clone()),
            Some(record.direction.clone()),
            Some(record.necessity.clone()),
        ],
    }
}

fn agrees(expected: &Fact, got: &Fact) -> bool {
    expected.line == got.line
        && expected.component == got.component
        && expected.ports == got.ports
        && expected.fields.iter().zip(&got.fields).all(|(e, g)| e.is_none() || e == g)
}

fn read(name: &str) -> (CatalogBuild, Vec<Fact>, Vec<String>) {
    let text = fs::read_to_string(dir().join(format!("{name}.md"))).expect("fixture");
    let facts = fs::read_to_string(dir().join(format!("{name}.facts"))).expect("facts");
    let (expected, diagnostics) = parse_facts(&facts);
    let build = extract_document(Document { path: name, bytes: text.as_bytes() });
    (build, expected, diagnostics)
}

/// Every fact is extracted, nothing else is, and the diagnostics are exactly those listed.
fn check(name: &str) {
    let (build, expected, expected_diagnostics) = read(name);
    let got: Vec<Fact> = ExtractRecord::all(&build.catalog).iter().map(extracted).collect();
    let mut unmatched: Vec<&Fact> = got.iter().collect();
    let mut missing = Vec::new();
    for fact in &expected {
        match unmatched.iter().position(|g| agrees(fact, g)) {
            Some(index) => {
                unmatched.remove(index);
            }
            None => missing.push(fact),
        }
    }
    assert!(
        missing.is_empty() && unmatched.is_empty(),
        "{name}: missing{}\ninvented{}",
        listed(&missing),
        listed(&unmatched)
    );
    let diagnostics: Vec<String> = build
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.code))
        .collect();
    assert_eq!(diagnostics, expected_diagnostics, "{name}: {:#?}", build.diagnostics);
}

#[test]
fn kubernetes_style_role_tables_with_ranges_and_a_footnote() {
    check("kube-nodes");
}

#[test]
fn search_stack_prose_and_slash_pairs() {
    check("search-stack");
}

#[test]
fn wide_source_target_table() {
    check("hypervisor-manager");
}

#[test]
fn ports_you_must_open_list_and_an_outbound_only_sentence() {
    check("code-forge");
}

#[test]
fn several_ports_and_transports_per_cell() {
    check("directory-services");
}

#[test]
fn definition_lists_port_headings_and_all_agents() {
    check("log-indexer");
}

#[test]
fn html_table_and_an_ipv6_section() {
    check("html-gateway");
}

#[test]
fn listen_and_connect_sentences_and_listen_addresses() {
    check("monitor-agent");
}

#[test]
fn security_group_table_with_cidr_sources_and_an_outbound_paragraph() {
    check("cloud-security-group");
}

#[test]
fn prose_only_page_with_bare_ports_and_clauses() {
    check("wiki-server");
}

#[test]
fn transport_columns_with_ticks_and_yes_no() {
    check("call-server");
}

#[test]
fn merged_cells_flattened_to_blanks_and_ditto_marks() {
    check("backup-appliance");
}

#[test]
fn role_matrix_of_sources_and_destinations() {
    check("job-cluster");
}

#[test]
fn port_cells_with_qualifiers_open_ranges_and_cloud_peers() {
    check("access-broker");
}

#[test]
fn deployment_mode_headings() {
    check("message-queue");
}

#[test]
fn confluence_export_with_line_breaks_in_cells() {
    check("team-calendar");
}

#[test]
fn restructuredtext_grid_table() {
    check("config-agent");
}

#[test]
fn retired_ports_in_a_table_and_a_changelog() {
    check("telemetry-collector");
}

#[test]
fn callouts_and_firewall_commands() {
    check("print-server");
}

#[test]
fn service_names_in_the_port_column() {
    check("identity-sync");
}

/// Never silent: a block (table, list, paragraph, heading) that holds port-looking text it did
/// not turn into requirements has a located warning (other than a peer question) between its
/// first line and the next block, in every fixture.
#[test]
fn every_port_looking_number_is_read_or_reported() {
    let mut names: Vec<String> = fs::read_dir(dir())
        .expect("fixtures")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_owned))
        .collect();
    names.sort();
    names.dedup();
    assert!(names.len() >= 6, "{names:?}");
    let mut partly = 0;
    for name in names {
        let (build, _, _) = read(&name);
        let blocks = &build.documents[0].coverage.blocks;
        for (index, block) in blocks.iter().enumerate() {
            if block.read >= block.rows {
                continue;
            }
            partly += 1;
            let end = blocks.get(index + 1).map_or(u32::MAX, |next| next.line);
            let reported = build.diagnostics.iter().any(|d| {
                d.code != "peer-unresolved" && (block.line..end).contains(&d.location.line)
            });
            assert!(
                reported,
                "{name}: block at {}:{} left rows unread in silence",
                block.line, block.column
            );
        }
    }
    // The fixtures do hold numbers left unread (so the property is exercised).
    assert!(partly >= 2, "{partly}");
}

#[test]
fn slash_pair_9300_9343_transport_client_got_no_transport() {
    let text =
        "# Search\n\nNodes talk on TCP 9300.\n\n- 9300/9343 Transport client\n- 9500, 9501 Other\n";
    let build = extract_document(Document { path: "pair.md", bytes: text.as_bytes() });
    let got: Vec<(String, Option<String>)> = ExtractRecord::all(&build.catalog)
        .into_iter()
        .filter(|r| r.line == 5)
        .map(|r| (r.ports, r.protocol))
        .collect();
    let tcp = Some("tcp".to_owned());
    assert_eq!(got, [("9300".to_owned(), tcp.clone()), ("9343".to_owned(), tcp)]);
    // A comma list is no pair: nothing is said of 9500's or 9501's transport.
    let listed = ExtractRecord::all(&build.catalog).into_iter().filter(|r| r.line == 6);
    assert!(listed.into_iter().all(|r| r.protocol.is_none()));
}
