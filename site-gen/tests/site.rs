//! Fixture-site tests: snapshots of the important HTML (refresh with `UPDATE_EXPECT=1`), the
//! link checker on a deliberately broken fixture, template errors, determinism, and budgets
//! on the shipped content.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use expect_test::expect_file;
use site_gen::build::{BuildReport, build};
use site_gen::config::Config;

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn args(content: &Path, out: &Path) -> Config {
    Config {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        theme: None,
        public: here().join("../public"),
        checker: None,
        site_url: Some("https://example.github.io/portolan/".into()),
        strict: false,
        bundle: true,
    }
}

fn temp_out(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A build and the files it wrote, read back from the output folder.
struct Built {
    report: BuildReport,
    files: BTreeMap<String, Vec<u8>>,
}

impl std::ops::Deref for Built {
    type Target = BuildReport;
    fn deref(&self) -> &BuildReport {
        &self.report
    }
}

fn built(a: &Config) -> Built {
    let report = build(a).expect("builds");
    let files = if report.failed {
        BTreeMap::new()
    } else {
        site_gen::tree::read_tree(&a.out).expect("read the output").into_iter().collect()
    };
    Built { report, files }
}

fn build_fixture(name: &str) -> Built {
    let report = built(&args(&here().join("tests/fixtures/site"), &temp_out(name)));
    assert!(!report.failed, "fixture build failed: {:#?}", report.diagnostics);
    report
}

fn page<'a>(report: &'a Built, path: &str) -> &'a str {
    std::str::from_utf8(report.files.get(path).unwrap_or_else(|| panic!("no {path} in the site")))
        .expect("utf-8")
}

/// The part of a page between `<main` and `</main>`: the header and footer have their own test.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("<main>");
    let end = html.rfind("</main>").expect("</main>") + "</main>".len();
    &html[start..end]
}

fn snapshot_dir() -> PathBuf {
    here().join("tests/snapshots")
}

/// Compares `actual` with `tests/snapshots/<name>` (expect-test prints the diff and rewrites the
/// file when `UPDATE_EXPECT=1` is set).
fn check_snapshot(name: &str, actual: &str) {
    expect_file![snapshot_dir().join(name)].assert_eq(actual);
}

/// A snapshot no test checks any more fails the test, and is deleted when `UPDATE_EXPECT=1` is set.
fn check_no_stale_snapshot(checked: &[&str]) {
    let mut stale: Vec<String> = std::fs::read_dir(snapshot_dir())
        .expect("tests/snapshots/")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !checked.contains(&name.as_str()))
        .collect();
    stale.sort();
    if std::env::var("UPDATE_EXPECT").is_ok() {
        for name in &stale {
            std::fs::remove_file(snapshot_dir().join(name)).expect("remove a stale snapshot");
        }
        return;
    }
    assert!(
        stale.is_empty(),
        "stale snapshots in {} (no test checks them; UPDATE_EXPECT=1 deletes them): {stale:?}",
        snapshot_dir().display()
    );
}

#[test]
fn snapshots_of_every_page_type() {
    let report = build_fixture("snapshots");
    let pages = [
        ("index.html", "index.html"),
        ("platforms/alpha.html", "platform-alpha.html"),
        ("ports/8443.html", "port-8443.html"),
        ("ports/30000-32767.html", "port-range-30000-32767.html"),
        ("ports/index.html", "ports-index.html"),
        ("services/postgresql.html", "service-postgresql.html"),
        ("conflicts.html", "conflicts.html"),
        ("checker.html", "checker.html"),
    ];
    for (path, snapshot) in pages {
        check_snapshot(snapshot, main_of(page(&report, path)));
    }
    let head = page(&report, "index.html");
    check_snapshot("layout.html", &head[..head.find("<main").expect("<main")]);
    let mut checked: Vec<&str> = pages.iter().map(|(_, snapshot)| *snapshot).collect();
    checked.push("layout.html");
    check_no_stale_snapshot(&checked);
}

#[test]
fn platform_page_links_ports_rows_and_hides_pins() {
    let report = build_fixture("platform");
    let html = page(&report, "platforms/alpha.html");
    assert!(!html.contains("portolan:"), "pins must not show");
    assert!(!html.contains("{#web-ports"), "heading attributes must not show");
    assert!(html.contains("<h3 id=\"web-ports\">"), "heading attribute id is used");
    assert!(html.contains("<aside class=\"callout info\">"), ":::info is a call-out");
    assert!(!html.contains(":::"), "admonition fences must not show");
    assert!(html.contains("<tr id=\"r-web-443-tcp\">"), "table rows carry requirement anchors");
    assert!(html.contains("href=\"../ports/30000-32767.html\""), "port cells link to port pages");
    assert!(
        html.contains("href=\"../platforms/beta.html#database\""),
        "links to other documents are rewritten"
    );
    assert!(html.contains("<svg class=\"flow\""), "the flow diagram is inline SVG");
    // The platform's JSON and CSV are made in the page from the catalog (one copy of it); the
    // rows' services come from assets/services.js, not from the page.
    assert!(
        html.contains("data-export=\"platform-json\" data-platform=\"alpha\"")
            && html.contains("data-export=\"platform-csv\" data-platform=\"alpha\"")
            && !html.contains("data-services")
    );
    // Every internal link is relative.
    for (_, link) in site_gen::links::attributes(html, "href") {
        assert!(!link.starts_with('/'), "absolute link {link}");
    }
}

#[test]
fn port_page_shows_overlaps_registry_and_conflicts() {
    let report = build_fixture("ports");
    let inside = page(&report, "ports/30432.html");
    assert!(
        // Port pages link each other by file name (they are all in ports/).
        inside.contains("href=\"30000-32767.html\""),
        "30432 lies inside the NodePort range"
    );
    let https = page(&report, "ports/8443.html");
    assert!(https.contains("pcsync-https"), "IANA name of 8443");
    assert!(
        https.contains("../platforms/alpha.html#r-web-8443-tcp")
            && https.contains("../platforms/beta.html#r-api-8443-tcp")
    );
    let conflicts = page(&report, "conflicts.html");
    assert!(
        conflicts.contains("id=\"c-8443\""),
        "8443 is HTTPS for alpha, gRPC for beta: different services"
    );
    assert!(conflicts.contains("id=\"s-5432\""), "both run PostgreSQL on 5432");
    // A compact reference: the other platform's row, not its purpose.
    assert!(
        conflicts.contains(
            "<a href=\"ports/30432.html\">30432</a> <a href=\"platforms/beta.html#r-api-30432-tcp\">"
        ),
        "30432 inside alpha's NodePort range"
    );
}

#[test]
fn exports_search_and_bundle() {
    let report = build_fixture("exports");
    // One copy of the catalog: the script the checker loads, nothing beside it.
    let script = page(&report, "assets/catalog.js");
    let json = site_gen::exports::json_of_catalog_js(script).expect("the packed catalog");
    let catalog: serde_json::Value = serde_json::from_str(&json).expect("the catalog's JSON");
    assert_eq!(catalog["schema_version"], 1);
    let twice: Vec<&String> = report
        .files
        .keys()
        .filter(|p| *p == "catalog.json" || (p.starts_with("platforms/") && !p.ends_with(".html")))
        .collect();
    assert!(twice.is_empty(), "exports written beside assets/catalog.js: {twice:?}");
    // ports.csv is made in the page (site.js) from the catalog and the rows' services.
    assert!(!report.files.contains_key("ports.csv"), "ports.csv is made in the page");
    let services = page(&report, "assets/services.js");
    let json: serde_json::Value = serde_json::from_str(
        services
            .strip_prefix("window.PORTOLAN_SERVICES = ")
            .and_then(|s| s.trim_end().strip_suffix(';'))
            .expect("window.PORTOLAN_SERVICES = …;"),
    )
    .expect("JSON");
    let names = json["names"].as_array().expect("names");
    let alpha = json["platforms"]["alpha"].as_array().expect("one entry per alpha row");
    let postgres = names.iter().position(|n| n == "PostgreSQL").expect("PostgreSQL read") as i64;
    assert!(alpha.iter().any(|i| i.as_i64() == Some(postgres)), "{services}");
    let search = page(&report, "assets/search-index.js");
    assert!(search.starts_with("window.PORTOLAN_SEARCH = "));
    assert!(search.contains("ports/8443.html") && search.contains("PostgreSQL"));
    let sitemap = page(&report, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.github.io/portolan/ports/8443.html</loc>"));
    assert!(
        page(&report, "robots.txt")
            .contains("Sitemap: https://example.github.io/portolan/sitemap.xml")
    );
    let bundle = &report.files["portolan-site.tar.gz"];
    let mut tar = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bundle[..]), &mut tar)
        .expect("the bundle is gzip");
    assert!(
        tar.windows(b"portolan-site/index.html".len()).any(|w| w == b"portolan-site/index.html")
    );
    assert!(report.files.contains_key("404.html") && report.files.contains_key("favicon.svg"));
}

#[test]
fn builds_are_byte_identical() {
    let one = build_fixture("twice-1");
    let two = build_fixture("twice-2");
    let names = |r: &Built| r.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&one), names(&two));
    for (path, bytes) in &one.files {
        assert!(bytes == &two.files[path], "{path} differs between two builds");
    }
    // The report lists what is on disk.
    let listed: BTreeMap<String, u64> =
        one.files.iter().map(|(p, b)| (p.clone(), b.len() as u64)).collect();
    assert_eq!(listed, one.report.files);
}

/// Rebuilding over a previous build replaces it: no stale files, no staging folder left.
#[test]
fn a_rebuild_replaces_the_previous_output() {
    let out = temp_out("rebuild");
    let first = built(&args(&here().join("tests/fixtures/site"), &out));
    std::fs::write(out.join("stale.html"), "old").expect("write");
    let second = built(&args(&here().join("tests/fixtures/site"), &out));
    assert!(!second.failed && !out.join("stale.html").exists());
    assert_eq!(first.files, second.files);
    assert!(!out.with_file_name("rebuild.partial").exists());
}

#[test]
fn broken_links_fail_the_build_naming_file_and_line() {
    let out = temp_out("broken");
    let report = build(&args(&here().join("tests/fixtures/broken"), &out)).expect("runs");
    assert!(report.failed);
    let text = report.diagnostics.join("\n");
    // A .md link that is no content document points into the vendor's tree: a warning.
    assert!(text.contains("gamma.md:8: warning[link-outside-content]: `nowhere.md`"), "{text}");
    assert!(text.contains("gamma.md:9: error[broken-link]: `#no-such-section`"), "{text}");
    assert!(!out.exists(), "a failed build writes nothing");
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let theme = temp_out("bad-theme");
    std::fs::create_dir_all(theme.join("templates")).expect("mkdir");
    std::fs::write(theme.join("templates/port.html"), "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ entry.label }}</p>\n<p>{{ no_such_value.field }}</p>\n{% endblock %}\n").expect("write");
    let mut a = args(&here().join("tests/fixtures/site"), &temp_out("bad-theme-out"));
    a.theme = Some(theme.clone());
    let error = build(&a).expect_err("the broken template fails the build").to_string();
    let expected = format!("{}:4:", theme.join("templates/port.html").display());
    assert!(error.starts_with(&expected), "{error}");

    std::fs::write(theme.join("templates/port.html"), "{% if %}\n").expect("write");
    let error = build(&a).expect_err("syntax error").to_string();
    assert!(
        error.starts_with(&format!("{}:1:", theme.join("templates/port.html").display())),
        "{error}"
    );
}

#[test]
fn theme_overrides_a_template() {
    let theme = temp_out("override-theme");
    std::fs::create_dir_all(theme.join("templates")).expect("mkdir");
    std::fs::write(
        theme.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<p>Lost at sea</p>{% endblock %}",
    )
    .expect("write");
    let mut a = args(&here().join("tests/fixtures/site"), &temp_out("override-out"));
    a.theme = Some(theme);
    let report = built(&a);
    assert!(page(&report, "404.html").contains("Lost at sea"));
    assert!(
        page(&report, "index.html").contains("Network ports"),
        "other templates come from the default theme"
    );
}

/// Gzip-equivalent size (deflate plus the 18-byte gzip frame), for page-size budgets.
fn gzip_size(bytes: &[u8]) -> usize {
    miniz_oxide::deflate::compress_to_vec(bytes, 9).len() + 18
}

/// The shipped content: every page within 30 KB gzipped, search index under 200 KB.
#[test]
fn shipped_content_fits_the_budgets() {
    let content = here().join("../content");
    if !content.is_dir() {
        return;
    }
    let report = built(&args(&content, &temp_out("content")));
    assert!(!report.failed, "{:#?}", report.diagnostics);
    for (path, bytes) in report.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let gz = gzip_size(bytes);
        assert!(gz <= 30 * 1024, "{path} is {gz} bytes gzipped");
    }
    let index = report.files["assets/search-index.js"].len();
    assert!(index < 200 * 1024, "search index is {index} bytes");
}

/// GitHub Pages serves 404.html for a missing URL at any depth: with the site URL known, a
/// `<base>` keeps its relative links pointing at the site root. No other page gets one.
#[test]
fn regression_404_links_work_at_any_depth() {
    let report = build_fixture("not-found-base");
    assert!(
        page(&report, "404.html").contains(r#"<base href="https://example.github.io/portolan/">"#)
    );
    assert!(!page(&report, "index.html").contains("<base"));
    let mut local = args(&here().join("tests/fixtures/site"), &temp_out("not-found-local"));
    local.site_url = None;
    let report = built(&local);
    assert!(!page(&report, "404.html").contains("<base"));
}

/// The topology schema is published with the site, identical to the committed file.
#[test]
fn publishes_the_topology_schema() {
    let report = build_fixture("schema");
    let committed = std::fs::read_to_string(here().join("../schemas/topology.schema.json"))
        .expect("committed schema");
    assert_eq!(page(&report, site_gen::build::TOPOLOGY_SCHEMA_PATH), committed);
}

/// Two platforms listening on the same 1,001 ports for different things.
fn write_large_content(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("mkdir");
    for (id, purpose) in [("left", "Left agent"), ("right", "Right collector")] {
        let mut md = format!(
            "+++\ntitle = \"{id}\"\nplatform = \"{id}\"\n+++\n\n## Server\n\n| Port | Protocol | Direction | Purpose |\n| --- | --- | --- | --- |\n"
        );
        for port in 1000..=2000 {
            md.push_str(&format!("| {port} | TCP | Inbound | {purpose} {port} |\n"));
        }
        for n in 0..130 {
            md.push_str(&format!("| 443 | TCP | Inbound | {purpose} console {n} |\n"));
        }
        std::fs::write(dir.join(format!("{id}.md")), md).expect("write");
    }
}

/// More than 1,000 ports or conflicts made one page of every one (31 MB of port index and
/// 49 MB of conflicts for the 1,000-document bench corpus): they are now split into parts by
/// port number, behind landing pages, and stay linked (the link checker passes). A port with
/// more than `USES_PER_PAGE` uses gets more pages.
#[test]
fn regression_large_indexes_are_split_into_linked_parts() {
    let content = temp_out("large-content");
    write_large_content(&content);
    let mut a = args(&content, &temp_out("large-out"));
    a.bundle = false;
    let report = built(&a);
    assert!(!report.failed, "{:#?}", report.diagnostics);
    let index = page(&report, "ports/index.html");
    assert!(
        !index.contains("id=\"all-ports\"")
            && index.contains("href=\"../ports/index-0-2047.html\""),
        "{index}"
    );
    let part = page(&report, "ports/index-0-2047.html");
    assert_eq!(part.matches("<tr><td><a href=").count(), 1_002, "ports 1000–2000 and 443");
    let conflicts = page(&report, "conflicts.html");
    assert!(!conflicts.contains("<article"), "{conflicts}");
    // Conflict parts hold a bounded number of entries (a part of a fixed span of ports was
    // 77 KB gzipped on the bench corpus), named by the ports they cover.
    let parts: Vec<&String> = report
        .files
        .keys()
        .filter(|p| p.starts_with("conflicts-") && p.ends_with(".html"))
        .collect();
    assert!(parts.len() >= 1_002 / site_gen::site::CONFLICTS_PER_PART, "{parts:?}");
    for part in &parts {
        assert!(conflicts.contains(&format!("href=\"{part}\"")), "the landing links {part}");
        let articles = page(&report, part).matches("<article").count();
        assert!(articles <= site_gen::site::CONFLICTS_PER_PART, "{part}: {articles}");
        assert!(page(&report, "sitemap.xml").contains(part.as_str()), "{part} in the sitemap");
    }
    let port = page(&report, "ports/1500.html");
    let at = port.find("#c-1500\"").expect("the port page links its conflict");
    let href = &port[port[..at].rfind("href=\"../").expect("a link") + 9..at];
    assert!(page(&report, href).contains("id=\"c-1500\""), "{href}");
    // 260 uses of port 443: two pages, linked both ways (by file name: one folder).
    let first = page(&report, "ports/443.html");
    assert!(first.contains("260 requirements") && first.contains("href=\"443-p2.html\""));
    let second = page(&report, "ports/443-p2.html");
    assert!(
        second.contains("Uses 251–260 of 260") && second.contains("href=\"443.html\""),
        "{second}"
    );
}

/// Issue 13: "self" means no network flow and a peer nothing places is planned from the
/// platform's own hosts; the platform page says both next to the row, not only the plan.
#[test]
fn platform_page_says_what_the_plan_makes_of_a_peer() {
    let report = built(&args(&here().join("tests/fixtures/peers"), &temp_out("peers")));
    assert!(!report.failed, "{:#?}", report.diagnostics);
    let html = page(&report, "platforms/meshd.html");
    assert!(html.contains("peer: the host itself: no network flow"), "{html}");
    assert!(
        html.contains("peer: not placed: planned from the platform&#39;s own hosts only"),
        "{html}"
    );
    // The row whose peer is the platform's own component carries no note.
    assert_eq!(html.matches("class=\"b bpeer\"").count(), 2, "{html}");
    // The "What was read" section lists the peer nothing places, linked to its row.
    assert!(
        html.contains("<code>Monitoring appliance</code> (<a href=\"#r-control-node-7402-tcp\">meshd/control-node-7402-tcp</a>)"),
        "{html}"
    );
}

/// `count` small platforms with names, vendors and summaries that differ from one another (so
/// the pages compress no better than real ones), each with one listening port of its own. Every
/// tenth summary runs on for a couple of thousand characters.
fn write_many_platforms(dir: &Path, count: usize) {
    const FIRST: [&str; 16] = [
        "amber", "birch", "cedar", "delta", "ember", "fjord", "garnet", "harbor", "indigo",
        "juniper", "kestrel", "lagoon", "maple", "nimbus", "onyx", "prairie",
    ];
    const SECOND: [&str; 16] = [
        "relay", "vault", "beacon", "ledger", "forge", "atlas", "pulse", "quarry", "signal",
        "tether", "anvil", "compass", "lantern", "meridian", "orbit", "keel",
    ];
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("mkdir");
    for i in 0..count {
        let (a, b) = (FIRST[i % 16], SECOND[(i / 16) % 16]);
        let id = format!("{a}-{b}-{}", SECOND[(i / 256) % 16]);
        let mut summary = String::new();
        for k in 0..if i % 10 == 0 { 60 } else { 1 } {
            summary.push_str(&format!(
                "Where the {a} {b} keeps its {} and how its {} reach the {} hosts. ",
                SECOND[(i * 7 + k) % 16],
                FIRST[(i * 5 + k * 3) % 16],
                FIRST[(i * 3 + k * 11) % 16],
            ));
        }
        let md = format!(
            "---\ntitle: \"{a} {b} server ({id})\"\nplatform: {id}\nvendor: \"The {b} {a} company\"\n\
             summary: \"{}\"\n\
             verified: \"2026-03-04\"\n---\n\n## Server\n\n| Port | Protocol | Direction | Purpose |\n\
             | --- | --- | --- | --- |\n| {} | TCP | Inbound | {b} console |\n",
            summary.trim_end(),
            20_000 + i
        );
        std::fs::write(dir.join(format!("{id}.md")), md).expect("write");
    }
}

/// Issue 15: at 10,000 documents the home page carried a card for every platform (4.1 MB,
/// 216 KB gzipped). Past `HOME_PLATFORMS` it links parts of the platform list instead; each
/// part fits the 30 KB gzipped budget (long summaries make smaller parts), is in the sitemap and
/// passes the link check, and every platform is on exactly one part.
#[test]
fn regression_home_page_at_scale_links_parts_of_the_platform_list() {
    use site_gen::render::home::{HOME_PLATFORMS, PLATFORMS_PER_PART};
    let count = 2 * PLATFORMS_PER_PART + HOME_PLATFORMS / 2 + 1;
    let content = temp_out("many-platforms");
    write_many_platforms(&content, count);
    let mut a = args(&content, &temp_out("many-platforms-out"));
    a.bundle = false;
    let report = built(&a);
    assert!(!report.failed, "the link check passes: {:#?}", report.diagnostics);
    let home = page(&report, "index.html");
    assert!(!home.contains("class=\"card\""), "no cards on the home page");
    assert!(home.contains("id=\"platforms\""), "the header's Platforms link still lands");
    assert!(gzip_size(home.as_bytes()) <= 30 * 1024);
    let parts: Vec<&String> = report
        .files
        .keys()
        .filter(|p| p.starts_with("platforms-") && p.ends_with(".html"))
        .collect();
    assert!(parts.len() > count.div_ceil(PLATFORMS_PER_PART), "text bounds parts: {parts:?}");
    let sitemap = page(&report, "sitemap.xml");
    let mut listed = 0;
    for part in &parts {
        assert!(home.contains(&format!("href=\"{part}\"")), "the home page links {part}");
        let html = page(&report, part);
        let gz = gzip_size(html.as_bytes());
        assert!(gz <= 30 * 1024, "{part} is {gz} bytes gzipped");
        let cards = html.matches("<li class=\"card\">").count();
        assert!((1..=PLATFORMS_PER_PART).contains(&cards), "{part}: {cards} cards");
        assert!(html.contains("aria-current=\"page\">Platforms "), "{part} marks itself");
        assert!(sitemap.contains(part.as_str()), "{part} in the sitemap");
        listed += cards;
    }
    assert_eq!(listed, count, "every platform on one part");
    let platform_pages: Vec<&String> =
        report.files.keys().filter(|p| p.starts_with("platforms/")).collect();
    assert_eq!(platform_pages.len(), count);
    for platform in platform_pages {
        let linked = parts.iter().filter(|part| page(&report, part).contains(platform.as_str()));
        assert_eq!(linked.count(), 1, "{platform} is on one part");
    }
}

/// A document that yields a platform with no components (prose only, no port) stopped the whole
/// build: the platform template took the first of an empty component list, which is undefined
/// under strict templates (`platform.html:65: undefined value`).
#[test]
fn regression_a_platform_without_components_still_builds() {
    let content = temp_out("no-components-content");
    std::fs::create_dir_all(&content).expect("mkdir");
    std::fs::write(
        content.join("quiet.md"),
        "+++\ntitle = \"Quiet appliance\"\nplatform = \"quiet\"\n+++\n\nThe appliance works offline and opens no network connection of its own.\n",
    )
    .expect("write");
    let report = built(&args(&content, &temp_out("no-components")));
    assert!(!report.failed, "build failed: {:#?}", report.diagnostics);
    let html = page(&report, "platforms/quiet.html");
    assert!(html.contains("Quiet appliance"), "{html}");
    assert!(!html.contains("as in <code>roles:"), "no example role without components");
}
