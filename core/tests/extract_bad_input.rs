//! Hostile and broken documents: each gives a located diagnostic or is handled, never a panic.

use portolan_core::extract::{
    Document, ExtractRecord, MAX_DOCUMENT_BYTES, build_catalog, extract_document,
};
use proptest::prelude::*;

fn run(path: &str, bytes: &[u8]) -> (Vec<ExtractRecord>, Vec<String>) {
    let build = extract_document(Document { path, bytes });
    let records = ExtractRecord::all(&build.catalog);
    let diagnostics = build.diagnostics.iter().map(ToString::to_string).collect();
    (records, diagnostics)
}

#[test]
fn malformed_front_matter_is_located_and_the_body_still_reads() {
    let text = "---\ntitle: Ports\nsources: [unclosed\n---\n\n| Port | Purpose |\n|---|---|\n| 443 | Web |\n";
    let (records, diagnostics) = run("bad-front.md", text.as_bytes());
    assert_eq!(records.len(), 1);
    assert!(
        diagnostics[0].starts_with("bad-front.md:4:1: error[front-matter-invalid]"),
        "{diagnostics:?}"
    );
}

#[test]
fn front_matter_of_the_wrong_shape_names_the_problem() {
    let (_, diagnostics) = run("shape.md", b"---\nsources: 42\n---\nport 22\n");
    assert!(
        diagnostics[0].contains("front-matter-invalid") && diagnostics[0].contains("sources"),
        "{diagnostics:?}"
    );
}

#[test]
fn ragged_rows_with_missing_and_extra_cells() {
    let text = "| Port | Protocol | Purpose |\n|---|---|---|\n| 22 |\n| 443 | TCP | Web | extra | cells |\n| | UDP |\n";
    let (records, diagnostics) = run("ragged.md", text.as_bytes());
    let ports: Vec<(&str, Option<&str>)> =
        records.iter().map(|r| (r.ports.as_str(), r.protocol.as_deref())).collect();
    assert_eq!(ports, [("22", None), ("443", Some("tcp"))]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn non_utf8_names_line_and_column() {
    let mut bytes = b"# Ports\n\nport 22 is \xff here\n".to_vec();
    bytes.extend_from_slice(b"more");
    let (records, diagnostics) = run("latin1.md", &bytes);
    assert!(records.is_empty());
    assert_eq!(
        diagnostics,
        [
            "latin1.md:3:12: error[not-utf8]: byte 0xff is not valid UTF-8; expected a UTF-8 encoded markdown file"
        ]
    );
}

#[test]
fn empty_and_blank_files() {
    for text in ["", "\n\n", "---\n---\n", "+++\n+++\n"] {
        let (records, diagnostics) = run("empty.md", text.as_bytes());
        assert!(records.is_empty());
        assert!(
            diagnostics.iter().any(|d| d.contains("no-requirements")),
            "{text:?}: {diagnostics:?}"
        );
    }
}

#[test]
fn a_ten_megabyte_document_is_read_and_an_oversized_one_refused() {
    let table = "## Section\n\n| Port | Protocol | Purpose |\n|---|---|---|\n| 443 | TCP | Web |\n| 8472 | UDP | VXLAN |\n\nSome prose about port 22 here.\n\n";
    let big = table.repeat(10 * 1024 * 1024 / table.len());
    let build = build_catalog(&[Document { path: "big.md", bytes: big.as_bytes() }]);
    assert!(build.catalog.requirements().count() > 100_000);
    let huge = vec![b'a'; MAX_DOCUMENT_BYTES + 1];
    let (_, diagnostics) = run("huge.md", &huge);
    assert!(diagnostics[0].contains("document-too-large"), "{diagnostics:?}");
}

#[test]
fn duplicate_platform_ids_are_an_error() {
    let a = b"---\nplatform: same\n---\nport 22\n";
    let build =
        build_catalog(&[Document { path: "a.md", bytes: a }, Document { path: "b.md", bytes: a }]);
    assert_eq!(build.catalog.platforms.len(), 1);
    assert!(
        build
            .diagnostics
            .iter()
            .any(|d| d.code == "duplicate-platform" && d.location.file == "b.md")
    );
}

#[test]
fn pages_named_alike_in_two_folders_take_their_ids_from_the_path() {
    let page = b"# Ports\n\n| Port | Purpose |\n|---|---|\n| 8500 | API |\n";
    let build = build_catalog(&[
        Document { path: "consul/ports.md", bytes: page },
        Document { path: "nomad/ports.md", bytes: page },
    ]);
    let ids: Vec<&str> = build.catalog.platforms.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["ports", "nomad-ports"]);
    assert!(!build.has_errors(), "{:?}", build.diagnostics);
    let second = &build.catalog.platforms[1];
    assert!(
        second
            .requirements
            .iter()
            .all(|r| r.id.starts_with("nomad-ports/") && r.component.starts_with("nomad-ports/"))
    );
    assert!(second.components.iter().all(|c| c.id.starts_with("nomad-ports/")));
}

#[test]
fn invalid_pins_are_reported_not_fatal() {
    let text = "<!-- portolan: direction=sideways colour=red -->\n| Port | Purpose |\n|---|---|\n| 443 | Web |\n";
    let (records, diagnostics) = run("pins.md", text.as_bytes());
    assert_eq!(records.len(), 1);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    assert!(diagnostics[0].starts_with("pins.md:1:1: warning[pin-invalid]: direction `sideways`"));
}

/// Markdown-flavoured noise: table pipes, list markers, dashes, digits and protocol words.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "| ",
        " |",
        "|---|---|\n",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "# ",
        "## ",
        "port ",
        "ports ",
        "443",
        "0",
        "70000",
        "2379-2380",
        "8192–60000",
        "99999999999999999999",
        "tcp/",
        "/udp",
        "TCP",
        "HTTPS (tcp/443)",
        "(",
        ")",
        ",",
        " and ",
        " or ",
        " to ",
        "–",
        "-",
        "Port",
        "Protocol",
        "Direction",
        "Source",
        "INBOUND",
        "```\n",
        "<!-- portolan: component=x direction=",
        "-->",
        "{#id component=y}",
        ":::info\n",
        "---\n",
        "+++\n",
        "10.0.0.0/22",
        "v1.2",
        "~29",
        "é",
        "\u{202e}",
        "\t",
        "*",
        "`",
        "\\",
        "[a](b)",
        "<br>",
        "&amp;",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = run("any.md", text.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = run("bytes.md", &bytes);
    }

    #[test]
    fn markdownish_text_never_panics_and_every_location_is_inside_the_file(text in markdownish()) {
        let (records, _) = run("md.md", text.as_bytes());
        let lines = text.split('\n').count() as u32;
        for record in records {
            prop_assert!(record.line >= 1 && record.line <= lines, "line {} of {}", record.line, lines);
            prop_assert!(record.column >= 1);
        }
    }
}
