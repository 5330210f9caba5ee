//! Vendor pages as teams bring them: HTML (`fixtures/converted/NAME.html`, invented vendors in our
//! own words, in the shapes real vendors publish) converted to markdown by the converters teams
//! use (pandoc to gfm, markdown and commonmark_x; turndown with its GFM plugin; markdownify;
//! html2text). `tests/convert/capture.sh` wrote `fixtures/converted/NAME/CONVERTER.md`; CI needs
//! no converter. `NAME.facts` lists by hand what a firewall engineer must get from the page,
//! whatever converter wrote it: line numbers differ between converters, so a fact is
//!
//! ```text
//! component | ports | transport | direction | peer | necessity   (`-` none, `?` unchecked)
//! ! code                    every output raises this diagnostic (at a line of its own)
//! ! CONVERTER code          only that converter's output does (it destroyed something)
//! ```
//!
//! Every output must yield exactly the page's facts (no lost row, no invented one, no widened
//! peer, no wrong direction or necessity) and exactly the listed diagnostic codes.

use std::fs;
use std::path::{Path, PathBuf};

use portolan_core::extract::{Document, ExtractRecord, extract_document};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/converted")
}

const CONVERTERS: [&str; 6] = [
    "pandoc-gfm",
    "pandoc-markdown",
    "pandoc-commonmark_x",
    "turndown",
    "markdownify",
    "html2text",
];

#[path = "common/facts.rs"]
mod facts;
use facts::Fact;

struct Expected {
    facts: Vec<Fact>,
    /// (converter or `None` for all, code)
    diagnostics: Vec<(Option<String>, String)>,
}

fn parse_facts(text: &str) -> Expected {
    let (facts, lines) = facts::parse(text, 6);
    let diagnostics = lines
        .iter()
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                [code] => (None, (*code).to_owned()),
                [converter, code] => {
                    assert!(CONVERTERS.contains(converter), "unknown converter in: {line}");
                    (Some((*converter).to_owned()), (*code).to_owned())
                }
                _ => panic!("a diagnostic line is `! code` or `! converter code`: {line}"),
            }
        })
        .collect();
    Expected { facts, diagnostics }
}

/// `component | ports | transport | direction | peer | necessity`.
fn extracted(record: &ExtractRecord) -> Fact {
    Fact::of([
        Some(record.component.split_once('/').map_or("", |(_, c)| c).to_owned()),
        Some(record.ports.clone()),
        record.protocol.clone(),
        record.direction.clone(),
        record.peer.clone(),
        record.necessity.clone(),
    ])
}

/// What one converter's output of one page yields against the page's facts: the facts found, the
/// facts expected, and the problems, one per line (empty when it reads right).
fn problems(page: &str, converter: &str) -> (usize, usize, String) {
    let facts = fs::read_to_string(dir().join(format!("{page}.facts"))).expect("facts");
    let expected = parse_facts(&facts);
    let path = format!("{page}/{converter}.md");
    let text = fs::read_to_string(dir().join(&path)).expect("captured output");
    let build = extract_document(Document { path: &path, bytes: text.as_bytes() });
    let got: Vec<Fact> = ExtractRecord::all(&build.catalog).iter().map(extracted).collect();
    let compared = facts::compare(&expected.facts, &got);
    let mut report = String::new();
    for fact in &compared.missing {
        report.push_str(&format!("  missing  {fact}\n"));
    }
    for fact in &compared.invented {
        report.push_str(&format!("  invented {fact}\n"));
    }
    let mut codes: Vec<String> = build.diagnostics.iter().map(|d| d.code.clone()).collect();
    for (only, code) in &expected.diagnostics {
        if only.as_deref().is_some_and(|c| c != converter) {
            continue;
        }
        match codes.iter().position(|c| c == code) {
            Some(index) => {
                codes.remove(index);
            }
            None => report.push_str(&format!("  no diagnostic {code}\n")),
        }
    }
    for diagnostic in build.diagnostics.iter().filter(|d| codes.contains(&d.code)) {
        report.push_str(&format!(
            "  unexpected {}:{} {} {}\n",
            diagnostic.location.line,
            diagnostic.location.column,
            diagnostic.code,
            diagnostic.message
        ));
    }
    (expected.facts.len() - compared.missing.len(), expected.facts.len(), report)
}

const PAGES: [&str; 6] =
    ["desk-broker", "vm-host", "sync-service", "team-wiki", "ha-cluster", "call-manager"];

/// The outputs the extraction still misreads, and why (the report's "what is left"). Each must
/// still fail: an output that reads right must leave this list.
const KNOWN_MISREADS: &[(&str, &str, &str)] = &[];

/// The outputs that lose facts but say so: every row they leave unread is under a located
/// warning the facts file lists (`table-row-short`), and nothing is read wrong. Each must still
/// lose something: an output that reads right must leave this list.
const WARNED: &[(&str, &str, &str)] = &[
    (
        "desk-broker",
        "html2text",
        "rowspan flattened and a `<br>` cut `UDP | 1494 2598` over two pipe-less lines: 2 cells of 5",
    ),
    (
        "ha-cluster",
        "turndown",
        "rowspan flattened: `TCP 21064 | Required …` has 2 cells of 3, which is missing cannot be told",
    ),
    (
        "ha-cluster",
        "markdownify",
        "rowspan flattened: `TCP 21064 | Required …` has 2 cells of 3, which is missing cannot be told",
    ),
    (
        "ha-cluster",
        "html2text",
        "rowspan flattened: `TCP 21064| Required …` has 2 cells of 3, which is missing cannot be told",
    ),
];

/// True when every problem is a missing fact (nothing invented, every diagnostic as listed).
fn only_missing(problems: &str) -> bool {
    !problems.is_empty() && problems.lines().all(|line| line.starts_with("  missing "))
}

/// Every converter's output of every page gives the page's facts and diagnostics, but for the
/// known misreads, which must still fail, and the warned outputs, which may only lose facts.
#[test]
fn every_converted_output_gives_its_pages_facts() {
    let mut report = String::new();
    for page in PAGES {
        for converter in CONVERTERS {
            let (_, _, problems) = problems(page, converter);
            let listed = |list: &[(&str, &str, &str)]| {
                list.iter().any(|(p, c, _)| *p == page && *c == converter)
            };
            let (known, warned) = (listed(KNOWN_MISREADS), listed(WARNED));
            if std::env::var("PORTOLAN_SHOW").is_ok() && !problems.is_empty() {
                println!("{page}/{converter}.md:\n{problems}");
            }
            match (problems.is_empty(), known, warned) {
                (true, true, _) => report.push_str(&format!(
                    "{page}/{converter}.md reads right now: take it off KNOWN_MISREADS\n"
                )),
                (true, _, true) => report.push_str(&format!(
                    "{page}/{converter}.md reads right now: take it off WARNED\n"
                )),
                (false, false, true) if !only_missing(&problems) => report.push_str(&format!(
                    "{page}/{converter}.md is WARNED, so it may only miss facts:\n{problems}"
                )),
                (false, false, false) => {
                    report.push_str(&format!("{page}/{converter}.md:\n{problems}"))
                }
                _ => {}
            }
        }
    }
    assert!(report.is_empty(), "\n{report}");
}

/// `cargo test -p portolan-core --test converted_pages facts_found -- --nocapture` prints the
/// facts found of the facts expected, per converter (the numbers in the report).
#[test]
fn facts_found_per_converter() {
    for converter in CONVERTERS {
        let (found, expected) = PAGES.iter().fold((0, 0), |(f, e), page| {
            let (found, expected, _) = problems(page, converter);
            (f + found, e + expected)
        });
        assert!(found <= expected);
        println!("{converter:<20} {found:>3} / {expected}");
    }
}

/// `PORTOLAN_DUMP=page cargo test -p portolan-core --test converted_pages dump -- --nocapture`
/// prints what each converter's output yields, to write a facts file from.
#[test]
fn dump() {
    let Ok(page) = std::env::var("PORTOLAN_DUMP") else { return };
    for converter in CONVERTERS {
        let path = format!("{page}/{converter}.md");
        let text = fs::read_to_string(dir().join(&path)).expect("captured output");
        let build = extract_document(Document { path: &path, bytes: text.as_bytes() });
        println!("== {converter}");
        for record in ExtractRecord::all(&build.catalog) {
            println!("{:>3} {}   ({:?})", record.line, extracted(&record), record.condition);
        }
        for d in &build.diagnostics {
            println!("  ! {}:{} {} {}", d.location.line, d.location.column, d.code, d.message);
        }
    }
}

/// What `markdown` yields: (component, ports, direction, peer) of each requirement.
fn read_inline(markdown: &str) -> Vec<(String, String, Option<String>, Option<String>)> {
    let build = extract_document(Document { path: "inline.md", bytes: markdown.as_bytes() });
    ExtractRecord::all(&build.catalog)
        .into_iter()
        .map(|r| (r.component, r.ports, r.direction, r.peer))
        .collect()
}

/// Microsoft-style "Table 1 - Sync server to domain controllers" headings over each table: the
/// rows were the heading's second part listening with no peer, and "… to the cloud directory"
/// made the sync server listen on 443.
#[test]
fn a_heading_a_to_b_over_a_table_was_not_read_as_the_flow() {
    let markdown = "---\nplatform: s\ncomponents:\n  sync: { name: Sync server }\n  dc: { name: Domain controller }\n---\n\n## Table 1 - Sync server to domain controllers\n\n| Protocol | Ports | Description |\n|---|---|---|\n| LDAP | 389 (TCP) | Import |\n\n## Table 2 - Sync server to the cloud directory\n\n| Protocol | Ports | Description |\n|---|---|---|\n| HTTPS | 443 (TCP) | Export |\n";
    let row = |component: &str, port: &str, direction: &str, peer: &str| {
        (component.to_owned(), port.to_owned(), Some(direction.to_owned()), Some(peer.to_owned()))
    };
    assert_eq!(
        read_inline(markdown),
        [
            row("s/dc", "389", "inbound", "Sync server"),
            row("s/sync", "443", "outbound", "cloud directory")
        ]
    );
}

/// `<sup>1</sup>` (pandoc's gfm, and its raw HTML tables) and `^1^` (pandoc's markdown) mark a
/// row's footnote: the row was read required, its note ("Only needed when …") unread.
#[test]
fn a_numbered_superscript_footnote_of_a_converted_cell_was_not_tied_to_its_note() {
    let note = "Only needed when administrators use a plain remote desktop client.";
    for (row, mark) in [
        ("| 3389 | TCP | Remote desktop<sup>1</sup> |", "<sup>1</sup>"),
        ("| 3389 | TCP | Remote desktop^1^ |", "^1^"),
        (
            "<table><tr><th>Port</th><th>Protocol</th><th>Purpose</th></tr><tr><td>3389</td><td>TCP</td><td>Remote desktop<sup>1</sup></td></tr></table>",
            "<sup>1</sup>",
        ),
    ] {
        let head = if row.starts_with('|') {
            "| Port | Protocol | Purpose |\n|---|---|---|\n"
        } else {
            ""
        };
        let markdown = format!("# Agent\n\n{head}{row}\n\n{mark} {note}\n");
        let build = extract_document(Document { path: "inline.md", bytes: markdown.as_bytes() });
        let necessity: Vec<Option<String>> =
            ExtractRecord::all(&build.catalog).into_iter().map(|r| r.necessity).collect();
        assert_eq!(necessity, [Some("conditional".to_owned())], "{row}");
    }
}

/// turndown, markdownify and html2text flatten a rowspan into rows written short, their cells
/// shifted left: `| TCP | 443 | … |` under five columns was read with `TCP` as the peer, and
/// `| TCP 21064 | Required … |` under three with its condition as the node role, in silence.
#[test]
fn a_rowspan_flattened_by_a_converter_was_read_shifted_in_silence() {
    let markdown = "# Broker\n\n| Source | Destination | Type | Port | Details |\n| --- | --- | --- | --- | --- |\n| Client devices | Desktop agent | TCP | 1494 | Sessions |\n| TCP | 2598 | Sessions with reliability |\n\n# Cluster\n\n| Port | Node role | When required |\n| --- | --- | --- |\n| TCP 2224 | Cluster node | Always |\n| TCP 21064 | Required if the lock manager is used |\n";
    let build = extract_document(Document { path: "inline.md", bytes: markdown.as_bytes() });
    let warnings: Vec<(u32, u32)> = build
        .diagnostics
        .iter()
        .filter(|d| d.code == "table-row-short")
        .map(|d| (d.location.line, d.location.column))
        .collect();
    assert_eq!(warnings, [(6, 1), (13, 1)]);
    let read: Vec<(String, Option<String>)> =
        ExtractRecord::all(&build.catalog).into_iter().map(|r| (r.ports, r.peer)).collect();
    // The shifted row is read as the rowspan meant; the one whose missing cell cannot be told
    // is not read at all.
    assert!(read.contains(&("2598".to_owned(), Some("Client devices".to_owned()))), "{read:?}");
    assert!(!read.iter().any(|(ports, peer)| ports == "21064" || peer.as_deref() == Some("TCP")));
}

/// markdownify writes a `<br>` as a space in every cell: `| 5060 5061 | SIP signalling SIP over
/// TLS, when … |` made the condition of the purpose's second line reach 5060 as well, in silence.
/// The purpose is cut where its second line starts, and a warning at the purpose cell says so.
#[test]
fn a_purpose_run_together_by_markdownify_made_its_condition_reach_every_port() {
    let markdown = "# Server\n\n| From | To | Protocol | Port | Purpose |\n| --- | --- | --- | --- | --- |\n| Phone | Server | TCP | 5060 5061 | SIP signalling SIP over TLS, when the profile is encrypted |\n| Phone | Server | UDP | 69 | TFTP |\n";
    let build = extract_document(Document { path: "inline.md", bytes: markdown.as_bytes() });
    let conditions: Vec<(String, Option<String>)> =
        ExtractRecord::all(&build.catalog).into_iter().map(|r| (r.ports, r.condition)).collect();
    assert_eq!(
        conditions,
        [
            ("5060".to_owned(), None),
            ("5061".to_owned(), Some("the profile is encrypted".to_owned())),
            ("69".to_owned(), None),
        ]
    );
    let warnings: Vec<(u32, u32, &str)> = build
        .diagnostics
        .iter()
        .filter(|d| d.code == "cell-lines-joined")
        .map(|d| (d.location.line, d.location.column, d.code.as_str()))
        .collect();
    // At the purpose cell's first word.
    assert_eq!(warnings, [(5, 38, "cell-lines-joined")]);
}

/// "Each wiki node connects to the database on its listening port: `5432` for PostgreSQL,
/// `1433` for SQL Server or `3306` for MySQL." under "Database": 5432 was one required row with
/// no way (the subject and the heading, both parts, were read as one side), and 1433 and 3306
/// were unread numbers. A port per product is a list of alternatives, each conditional; the
/// heading's part is the side the verb reads, the subject's the other (the peer).
#[test]
fn regression_one_database_port_per_product_in_prose_was_one_required_row() {
    let markdown = "---\nplatform: w\ncomponents:\n  node: { name: Wiki node }\n  database: { name: Database }\n---\n\n## Database\n\nEach wiki node connects to the database on its listening port: `5432` for PostgreSQL, `1433` for SQL Server or `3306` for MySQL.\n";
    let build = extract_document(Document { path: "inline.md", bytes: markdown.as_bytes() });
    let rows: Vec<String> = ExtractRecord::all(&build.catalog)
        .into_iter()
        .map(|r| format!("{} {:?} {:?} {:?}", r.ports, r.direction, r.peer, r.necessity))
        .collect();
    let row = |port: &str| format!("{port} Some(\"inbound\") Some(\"node\") Some(\"conditional\")");
    assert_eq!(rows, [row("5432"), row("1433"), row("3306")]);
    assert!(build.diagnostics.is_empty(), "{:?}", build.diagnostics);
}

/// `<dl><dt>8091</dt><dd>…</dd></dl>` as the converters write it: pandoc's gfm puts the term on a
/// line of its own (a hard break), html2text indents the definition under it, turndown makes
/// two paragraphs. Each was a bare number, `port-unread`; the colon form (`8091` then `:   …`)
/// was read. All four are a term and its definition.
#[test]
fn regression_a_definition_list_of_ports_was_read_only_in_its_colon_form() {
    let definition = "Editing service: the wiki node connects to it on this port.";
    let front = "---\nplatform: w\ncomponents:\n  node: { name: Wiki node }\n  editor: { name: Editing service }\n---\n\n## Default ports\n\n";
    for shape in [
        format!("8091\n:   {definition}\n"),
        format!("8091  \n{definition}\n"),
        format!("8091\n    {definition}\n"),
        format!("8091\n\n{definition}\n"),
    ] {
        let markdown = format!("{front}{shape}");
        let rows = read_inline(&markdown);
        assert_eq!(
            rows,
            [(
                "w/editor".to_owned(),
                "8091".to_owned(),
                Some("inbound".to_owned()),
                Some("wiki node".to_owned())
            )],
            "{shape:?}"
        );
    }
}

/// html2text writes a whole `<dl>` as one paragraph: "8090", its definition indented, "8091",
/// its definition … Only the first term was read; 8091 was an unread number. Each term line
/// starts a term of its own.
#[test]
fn regression_a_definition_list_run_together_by_html2text_read_only_its_first_term() {
    let markdown = "---\nplatform: w\ncomponents:\n  node: { name: Wiki node }\n  editor: { name: Editing service }\n---\n\n## Default ports\n\n8090\n    Web connector: browsers reach the wiki here.\n8091\n    Editing service: the wiki node connects to it on this port.\n";
    let rows: Vec<(String, String)> = read_inline(markdown)
        .into_iter()
        .map(|(component, ports, _, _)| (component, ports))
        .collect();
    assert_eq!(
        rows,
        [("w/node".to_owned(), "8090".to_owned()), ("w/editor".to_owned(), "8091".to_owned())]
    );
}
