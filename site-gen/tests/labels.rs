//! Regression tests for wrong labels a newcomer met on the site built from the shipped
//! `content/` (issue 17, "Wrong labels"; issue 13, "Conflicts by meaning"). Each test is named
//! after what was wrong.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use site_gen::build::build;
use site_gen::config::Config;

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The site of the shipped content, built once for every test here.
fn site() -> &'static BTreeMap<String, String> {
    static SITE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("labels-content");
        let _ = std::fs::remove_dir_all(&out);
        let args = Config {
            content: here().join("../content"),
            out: out.clone(),
            theme: None,
            public: here().join("../public"),
            checker: None,
            site_url: None,
            strict: false,
            bundle: false,
        };
        let report = build(&args).expect("builds");
        assert!(!report.failed, "{:#?}", report.diagnostics);
        site_gen::tree::read_tree(&out)
            .expect("read the output")
            .into_iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, bytes)| (p, String::from_utf8(bytes).expect("utf-8")))
            .collect()
    })
}

fn page(path: &str) -> &'static str {
    site().get(path).unwrap_or_else(|| panic!("no {path}"))
}

/// The text between an element's opening tag holding `marker` and the next `</section>`.
fn section<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn regression_wireguard_port_shown_as_flannel_vxlan() {
    let html = page("ports/51820.html");
    assert!(html.contains("WireGuard"), "51820/udp is WireGuard");
    assert!(!html.contains("Flannel VXLAN"), "51820/udp is not Flannel VXLAN");
}

#[test]
fn regression_api_connect_public_zone_to_gateway_not_open_from_outside() {
    let html = page("platforms/api-connect.html");
    assert!(!html.contains("Open from outside <small>(0)</small>"), "Public zone → Gateway 443");
    let outside = section(html, "class=\"g g-ext\"");
    let outside = &outside[..outside.find("</div>\n<div").unwrap_or(outside.len())];
    assert!(outside.contains(">443<"), "{outside}");
}

#[test]
fn regression_openlm_keep_internal_empty() {
    let html = page("platforms/openlm.html");
    assert!(!html.contains("Keep internal <small>(0)</small>"), "inter-node ports are internal");
    let internal = section(html, "class=\"g g-int\"");
    assert!(internal.contains(">8472<") && internal.contains(">10250<"), "{internal}");
}

#[test]
fn regression_dns_and_snmp_shown_with_a_question_mark_transport() {
    for port in ["53", "161"] {
        let html = page(&format!("ports/{port}.html"));
        assert!(!html.contains("TCP/UDP?"), "{port}: a bare question mark");
        assert!(html.contains("TCP/UDP per IANA (not stated)"), "{port}: says where it comes from");
    }
    for (path, html) in site() {
        assert!(!html.contains("TCP/UDP?"), "{path} shows a transport as a question mark");
    }
}

#[test]
fn regression_udp_ports_listed_inside_activate_tcp_range() {
    let html = page("ports/1024-65535.html");
    // A port page links other port pages by file name (they are all in ports/).
    for udp in ["51820", "8472"] {
        assert!(!html.contains(&format!("href=\"{udp}.html\"")), "{udp}/udp is not in a TCP range");
    }
    assert!(html.contains("href=\"5432.html\""), "5432/tcp is");
}

#[test]
fn regression_conflicts_list_diagram_key_numbers_as_purposes() {
    let html = page("conflicts.html");
    for key in ["(1) ", "(10) ", "(2) ", "(7) "] {
        assert!(!html.contains(key), "diagram key {key} shown as a purpose");
    }
}

#[test]
fn regression_conflicts_list_one_port_of_one_platform_several_times() {
    let html = page("conflicts.html");
    for range in section(html, "id=\"ranges\"").split("<article").skip(1) {
        let listed = range.matches("href=\"ports/44135.html\"").count();
        assert!(listed <= 1, "44135 listed {listed} times in one range overlap");
    }
    let same_port = section(html, "id=\"same-port\"");
    if let Some(at) = same_port.find("id=\"c-8443\"") {
        let c =
            &same_port[at..same_port[at..].find("</article>").map_or(same_port.len(), |e| at + e)];
        assert_eq!(c.matches("Parallel Works ACTIVATE").count(), 1, "{c}");
    }
}

/// Port 80: OpenLM's and ACTIVATE's rows are all HTTP→HTTPS redirects, worded differently.
#[test]
fn regression_http_redirects_on_port_80_listed_as_different_purposes() {
    let html = page("conflicts.html");
    assert!(!section(html, "id=\"same-port\"").contains("id=\"c-80\""));
    assert!(html.contains("id=\"s-80\""), "80 is shared for the same service");
}

/// Role ids appeared on no page: each platform page shows every component's id (site.js adds
/// a copy button after each), and a topology snippet that the checker reads without a naming
/// error.
#[test]
fn regression_role_ids_on_no_page() {
    let files = site_gen::content::read_content_dir(&here().join("../content")).expect("content");
    let catalog = site_gen::content::extract(&files).catalog;
    for platform in &catalog.platforms {
        let html = page(&format!("platforms/{}.html", platform.id));
        for c in &platform.components {
            assert!(
                html.contains(&format!("<td class=\"role\"><code>{}</code>", c.id)),
                "{}: no role id for {}",
                platform.id,
                c.id
            );
        }
        let text = site_gen::snippet::topology(platform);
        let (_, report) = portolan_core::check::check_text(
            &catalog,
            &text,
            "snippet.yaml",
            portolan_core::topology::Format::Yaml,
        );
        let naming: Vec<_> = report
            .findings
            .iter()
            .filter(|f| {
                f.code.starts_with("P00") || f.code.starts_with("P01") || f.code.starts_with("P02")
            })
            .map(|f| format!("{}: {}", f.code, f.message))
            .collect();
        assert!(naming.is_empty(), "{}: {naming:?}\n{text}", platform.id);
    }
}

#[test]
fn every_finding_code_has_a_page() {
    for d in portolan_core::check::codes::ALL {
        let html = page(&d.page());
        let escaped = |text: &str| portolan_core::text::html_text(text);
        assert!(html.contains(&escaped(d.title)) && html.contains(&escaped(d.fix)), "{}", d.code);
    }
    let index = page("findings/index.html");
    assert_eq!(index.matches("<tr><td><a href=").count(), portolan_core::check::codes::ALL.len());
}

/// Port 443 was a conflict of seven wordings, diagram keys included; by meaning it is HTTPS
/// everywhere (rows that name no service, like "EKS API server", by their port's registration).
#[test]
fn regression_443_listed_as_different_purposes_by_wording() {
    let html = page("conflicts.html");
    assert!(!section(html, "id=\"same-port\"").contains("id=\"c-443\""));
    let shared = section(html, "id=\"shared\"");
    let at = shared.find("id=\"s-443\"").expect("443 is shared");
    let article = &shared[at..at + shared[at..].find("</article>").expect("end")];
    assert_eq!(article.matches("<li>").count(), 1, "one group, HTTPS: {article}");
    assert!(article.contains("<li>HTTPS: "), "{article}");
}
