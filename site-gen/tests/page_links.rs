//! The link check of the pages, read as each page is made (`links::PageScan`): a strict build
//! with a page holding one broken link of each kind fails, naming the page and the line of each.

use std::path::{Path, PathBuf};

use site_gen::build::build;
use site_gen::config::Config;

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn config(theme: &Path, out: &Path) -> Config {
    Config {
        content: here().join("tests/fixtures/site"),
        out: out.to_path_buf(),
        theme: Some(theme.to_path_buf()),
        public: here().join("../public"),
        checker: None,
        site_url: None,
        strict: true,
        bundle: true,
    }
}

#[test]
fn every_kind_of_broken_page_link_fails_the_strict_build_naming_page_and_line() {
    let theme = temp("page-links-theme");
    std::fs::create_dir_all(theme.join("templates")).expect("mkdir");
    // The not-found page: its path sorts before the home page it links into, so that link's
    // fragment is settled only once every page is made.
    let links = [
        ("/absolute.html", "absolute path"),
        ("../../above.html", "climbs above the site root"),
        ("ports/no-such-port.html", "no file ports/no-such-port.html in the site"),
        ("#not-on-this-page", "404.html has no element with id `not-on-this-page`"),
        (
            "index.html#not-on-the-home-page",
            "index.html has no element with id `not-on-the-home-page`",
        ),
    ];
    let body: String =
        links.iter().map(|(href, _)| format!("<a href=\"{href}\">x</a>\n")).collect();
    std::fs::write(
        theme.join("templates/404.html"),
        format!("{{% extends \"base.html\" %}}{{% block main %}}\n{body}{{% endblock %}}"),
    )
    .expect("write");
    let out = temp("page-links-out");
    let report = build(&config(&theme, &out)).expect("runs");
    assert!(report.failed && report.broken_links == links.len(), "{:#?}", report.diagnostics);
    let text = report.diagnostics.join("\n");
    for (href, reason) in links {
        let shown = format!("404.html:{{line}}: error[broken-link]: `{href}`: {reason}");
        let found = text.lines().any(|line| {
            line.contains("/404.html:")
                && line.contains(&format!("error[broken-link]: `{href}`: {reason}"))
        });
        assert!(found, "no line like {shown}:\n{text}");
    }
    // The same theme without the broken links builds: the check is not failing for another reason.
    std::fs::write(
        theme.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<a href=\"index.html\">home</a>{% endblock %}",
    )
    .expect("write");
    let report = build(&config(&theme, &temp("page-links-fixed"))).expect("runs");
    assert!(!report.failed, "{:#?}", report.diagnostics);
}
