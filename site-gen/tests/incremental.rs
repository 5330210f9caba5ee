//! Incremental builds end byte for byte as a clean build of the same inputs: one output folder
//! is rebuilt through a series of changes (no change, a document whose ports change, a document
//! removed, one added, a template changed, the output edited by hand), and after each one it is
//! compared, file by file and folder by folder, with a clean build into a fresh folder.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use site_gen::build::{BuildReport, build, build_remembering};
use site_gen::config::Config;
use site_gen::memory::Memory;

thread_local! {
    /// Set by a test that builds as `site-gen serve` does: each build of the incremental folder
    /// takes the last one's extractions and page entries from memory (`build_remembering`).
    static MEMORY: std::cell::RefCell<Option<Memory>> = const { std::cell::RefCell::new(None) };
}

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn config(content: &Path, theme: Option<&Path>, out: &Path) -> Config {
    Config {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        theme: theme.map(Path::to_path_buf),
        public: here().join("../public"),
        checker: None,
        site_url: Some("https://example.github.io/portolan/".into()),
        strict: false,
        bundle: true,
    }
}

/// Every file (path → bytes) and every folder under `dir`.
fn tree(dir: &Path) -> (BTreeMap<String, Vec<u8>>, BTreeSet<String>) {
    let files = site_gen::tree::read_tree(dir).expect("read the output").into_iter().collect();
    let mut folders = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("read a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.insert(path.strip_prefix(dir).expect("inside").display().to_string());
                stack.push(path);
            }
        }
    }
    (files, folders)
}

fn run(config: &Config) -> BuildReport {
    let report = build(config).expect("builds");
    assert!(!report.failed, "the build failed: {:#?}", report.diagnostics);
    report
}

/// Builds into the incremental folder, then cleanly (no output, no cache) into another, and
/// compares the two trees.
fn rebuild_and_compare(
    root: &Path,
    content: &Path,
    theme: Option<&Path>,
    step: &str,
) -> BuildReport {
    let dist = config(content, theme, &root.join("dist"));
    let remembered = MEMORY.with_borrow_mut(|memory| {
        memory.as_mut().map(|memory| build_remembering(&dist, memory).expect("builds"))
    });
    let incremental = match remembered {
        Some(report) => {
            assert!(!report.failed, "the build failed: {:#?}", report.diagnostics);
            report
        }
        None => run(&dist),
    };
    let clean_out = root.join("clean");
    let _ = fs::remove_dir_all(&clean_out);
    let _ = fs::remove_dir_all(site_gen::cache::dir_of(&clean_out));
    let clean = run(&config(content, theme, &clean_out));
    let (a, a_folders) = tree(&root.join("dist"));
    let (b, b_folders) = tree(&clean_out);
    let only = |x: &BTreeMap<String, Vec<u8>>, y: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        x.keys().filter(|k| !y.contains_key(*k)).cloned().collect()
    };
    assert_eq!(only(&a, &b), Vec::<String>::new(), "{step}: files only the incremental build has");
    assert_eq!(only(&b, &a), Vec::<String>::new(), "{step}: files only the clean build has");
    let differ: Vec<&String> =
        a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).map(|(k, _)| k).collect();
    assert!(differ.is_empty(), "{step}: files that differ from a clean build: {differ:?}");
    assert_eq!(a_folders, b_folders, "{step}: folders");
    assert_eq!(incremental.diagnostics, clean.diagnostics, "{step}: diagnostics");
    assert_eq!(incremental.files, clean.files, "{step}: reported files");
    incremental
}

fn modified(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).and_then(|m| m.modified()).expect("stat")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn incremental_builds_equal_clean_builds_through_edits_removals_additions_and_templates() {
    edits_removals_additions_and_templates("incremental");
}

/// The same series built as `site-gen serve` builds: a stale extraction or page entry kept in
/// memory after an edit is the bug.
#[test]
fn builds_remembering_the_last_equal_clean_builds_through_the_same_changes() {
    MEMORY.with_borrow_mut(|memory| *memory = Some(Memory::default()));
    edits_removals_additions_and_templates("remembering");
}

fn edits_removals_additions_and_templates(folder: &str) {
    let remembering = MEMORY.with_borrow(Option::is_some);
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(folder);
    let _ = fs::remove_dir_all(&root);
    let content = root.join("content");
    fs::create_dir_all(&content).expect("mkdir");
    for (name, bytes) in site_gen::tree::read_tree(&here().join("../content")).expect("content") {
        fs::write(content.join(name), bytes).expect("copy");
    }
    let first = rebuild_and_compare(&root, &content, None, "first build");
    assert!(first.phases.iter().all(|(name, _)| *name != "up to date"));
    let robots = root.join("dist/robots.txt");
    let robots_written = modified(&robots);

    let again = rebuild_and_compare(&root, &content, None, "no change");
    assert_eq!(again.phases.first().map(|(name, _)| *name), Some("up to date"));

    // A port of one document moves: its platform page, the old and new port pages, the
    // conflicts, the search index and the catalog change; robots.txt does not.
    edit(&content.join("palette.md"), "tcp/4222) | INBOUND", "tcp/4333) | INBOUND");
    let edited = rebuild_and_compare(&root, &content, None, "a port changed");
    // The first edit fills the page cache (serve's first build does); the next ones render
    // only what they reach.
    let (rendered, all) = edited.pages_rendered;
    match remembering {
        false => assert_eq!(rendered, all),
        true => assert!(rendered > 0 && rendered * 2 < all, "{rendered} of {all} pages rendered"),
    }
    assert_eq!(modified(&robots), robots_written, "an unchanged file was written again");

    // A component renamed: the platform page, its rows on port, service and conflict pages.
    edit(&content.join("palette.md"), "{ name: \"Workload Cluster\"", "{ name: \"Tenant Cluster\"");
    let renamed = rebuild_and_compare(&root, &content, None, "a component renamed");
    let (rendered, all) = renamed.pages_rendered;
    assert!(rendered > 0 && rendered * 2 < all, "{rendered} of {all} pages rendered");

    // A platform retitled: every page that names it (and the home page's list), not every
    // page (regression: every page's context held the list of every platform, unused).
    edit(
        &content.join("palette.md"),
        "title: \"Spectro Cloud Palette: Network Ports\"",
        "title: \"Palette by Spectro Cloud: Network Ports\"",
    );
    let retitled = rebuild_and_compare(&root, &content, None, "a platform retitled");
    let (rendered, all) = retitled.pages_rendered;
    assert!(rendered > 0 && rendered < all, "{rendered} of {all} pages rendered");

    // The port moved back: the port page it left comes back, pages kept from before link to it.
    edit(&content.join("palette.md"), "tcp/4333) | INBOUND", "tcp/4222) | INBOUND");
    rebuild_and_compare(&root, &content, None, "a port moved back");

    // A port its platform's flow diagram shows (cached by the rows it is drawn from).
    edit(&content.join("openlm.md"), "| Infrastructure | 30432 |", "| Infrastructure | 30433 |");
    rebuild_and_compare(&root, &content, None, "a port in a diagram changed");

    // A range of another document grows over palette's 4222: the page of 4222 now lists it
    // ("Inside these ranges") though none of its own rows changed. Regression for pages keyed
    // by their inputs (`render::keys`): a key of a port page's rows alone keeps the page stale.
    edit(&content.join("omero-k8s.md"), "| TCP      | 2379-2380   |", "| TCP      | 2379-4300   |");
    let grown = rebuild_and_compare(&root, &content, None, "a range grew over another port");
    let (rendered, all) = grown.pages_rendered;
    assert!(rendered > 0 && rendered * 2 < all, "{rendered} of {all} pages rendered");

    // One of 4222's rows changes transport: its row on the port index says "TCP, UDP" now
    // (regression for an index keyed without its entries' rows).
    edit(&content.join("palette.md"), "NATS (tcp/4222) | INBOUND", "NATS (udp/4222) | INBOUND");
    rebuild_and_compare(&root, &content, None, "a transport changed");

    fs::remove_file(content.join("openlm.md")).expect("remove");
    rebuild_and_compare(&root, &content, None, "a document removed");

    fs::write(
        content.join("tiny-relay.md"),
        "+++\ntitle = \"Tiny Relay\"\nplatform = \"tiny-relay\"\nvendor = \"Example\"\n\
         summary = \"A relay made up for this test.\"\n+++\n\n## Relay\n\n\
         | Port | Protocol | Direction | Purpose |\n|---|---|---|---|\n\
         | 7447 | TCP | Inbound | Relay clients connect here |\n| 7448 | UDP | Inbound | Relay heartbeats |\n",
    )
    .expect("add");
    let added = rebuild_and_compare(&root, &content, None, "a document added");
    // Its pages, its ports' pages and the lists that name it; not every page.
    let (rendered, all) = added.pages_rendered;
    assert!(rendered > 0 && rendered * 2 < all, "{rendered} of {all} pages rendered");

    // A template every page extends: every page changes.
    let theme = root.join("theme");
    fs::create_dir_all(theme.join("templates")).expect("mkdir");
    let base =
        fs::read_to_string(here().join("../themes/default/templates/base.html")).expect("base");
    fs::write(theme.join("templates/base.html"), format!("{base}\n<!-- edited -->\n"))
        .expect("write");
    rebuild_and_compare(&root, &content, Some(&theme), "a template changed");

    // A template only some pages use (included by none): those pages change.
    let port = fs::read_to_string(here().join("../themes/default/templates/port.html"))
        .expect("port template");
    fs::write(theme.join("templates/port.html"), format!("{port}\n<!-- port edited -->\n"))
        .expect("write");
    rebuild_and_compare(&root, &content, Some(&theme), "a port template changed");

    // The output edited by hand and given a stray file: the next build (inputs unchanged) puts
    // it back as a clean build has it.
    fs::write(root.join("dist/index.html"), "edited by hand").expect("write");
    fs::write(root.join("dist/stray.txt"), "not ours").expect("write");
    rebuild_and_compare(&root, &content, Some(&theme), "output edited by hand");

    let _ = fs::remove_dir_all(&root);
}

/// A page the rebuild keeps (its context did not change) may still link to a page the edit
/// removed: a theme's 404 page links to one port page by its number. The rebuild must find that
/// broken link as a clean build does, not trust the kept page.
#[test]
fn regression_a_kept_page_linking_to_a_removed_page_is_still_checked() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("incremental-kept-link");
    let _ = fs::remove_dir_all(&root);
    let content = root.join("content");
    fs::create_dir_all(&content).expect("mkdir");
    for (name, bytes) in site_gen::tree::read_tree(&here().join("../content")).expect("content") {
        fs::write(content.join(name), bytes).expect("copy");
    }
    let theme = root.join("theme");
    fs::create_dir_all(theme.join("templates")).expect("mkdir");
    let not_found =
        fs::read_to_string(here().join("../themes/default/templates/404.html")).expect("404");
    let linked = not_found.replacen(
        "{% endblock %}",
        "<p><a href=\"{{ root }}ports/4333.html\">NATS, moved</a></p>\n{% endblock %}",
        1,
    );
    fs::write(theme.join("templates/404.html"), linked).expect("write");
    edit(&content.join("palette.md"), "tcp/4222) | INBOUND", "tcp/4333) | INBOUND");
    rebuild_and_compare(&root, &content, Some(&theme), "first build");
    edit(&content.join("palette.md"), "| INBOUND   | Agents", "| INBOUND   | The agents");
    rebuild_and_compare(&root, &content, Some(&theme), "the page cache filled");
    // Port 4333 is palette's alone: its page goes; the 404 page's context does not change.
    edit(&content.join("palette.md"), "tcp/4333) | INBOUND", "tcp/4222) | INBOUND");
    let incremental = build(&config(&content, Some(&theme), &root.join("dist"))).expect("runs");
    let clean_out = root.join("clean");
    let _ = fs::remove_dir_all(&clean_out);
    let _ = fs::remove_dir_all(site_gen::cache::dir_of(&clean_out));
    let clean = build(&config(&content, Some(&theme), &clean_out)).expect("runs");
    assert!(clean.failed && clean.broken_links > 0, "{:#?}", clean.diagnostics);
    assert!(incremental.failed, "the kept 404 page's broken link was not found");
    let (rendered, all) = incremental.pages_rendered;
    assert!(rendered < all, "the 404 page was rendered again: {rendered} of {all}");
    let shown = |report: &BuildReport, out: &Path| -> Vec<String> {
        let prefix = out.display().to_string();
        report.diagnostics.iter().map(|d| d.replace(&prefix, "OUT")).collect()
    };
    assert_eq!(shown(&incremental, &root.join("dist")), shown(&clean, &clean_out));
    let _ = fs::remove_dir_all(&root);
}

/// The site URL is not in the documents or the theme, but pages use it (the 404 page's
/// `<base>`, the sitemap): a rebuild with another one must not keep the pages of the last
/// (fails when the page cache keeps the 404 page whatever its key).
#[test]
fn regression_a_changed_site_url_is_not_served_from_the_page_cache() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("incremental-options");
    let _ = fs::remove_dir_all(&root);
    let content = root.join("content");
    fs::create_dir_all(&content).expect("mkdir");
    for (name, bytes) in site_gen::tree::read_tree(&here().join("../content")).expect("content") {
        fs::write(content.join(name), bytes).expect("copy");
    }
    let with_url = |url: &str, out: &Path| Config {
        site_url: Some(url.to_owned()),
        ..config(&content, None, out)
    };
    let dist = root.join("dist");
    run(&with_url("https://a.example/", &dist));
    edit(&content.join("palette.md"), "tcp/4222) | INBOUND", "tcp/4333) | INBOUND");
    run(&with_url("https://a.example/", &dist));
    let moved = run(&with_url("https://b.example/docs/", &dist));
    assert!(moved.pages_rendered.0 > 0, "no page rendered for a new site URL");
    let clean = root.join("clean");
    run(&with_url("https://b.example/docs/", &clean));
    let (a, _) = tree(&dist);
    let (b, _) = tree(&clean);
    let differ: Vec<&String> =
        a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).map(|(k, _)| k).collect();
    assert!(differ.is_empty() && a.len() == b.len(), "differ from a clean build: {differ:?}");
    let _ = fs::remove_dir_all(&root);
}

/// Moves the first port cell of the first table row of `path` up by one.
fn move_first_port(path: &Path) {
    let text = fs::read_to_string(path).expect("read");
    let mut moved = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if moved || !line.trim_start().starts_with('|') {
                return line.to_owned();
            }
            let mut cells: Vec<String> = line.split('|').map(str::to_owned).collect();
            for cell in &mut cells {
                if let Ok(port) = cell.trim().parse::<u16>()
                    && port < 65_000
                {
                    *cell = cell.replacen(cell.trim(), &(port + 1).to_string(), 1);
                    moved = true;
                    break;
                }
            }
            cells.join("|")
        })
        .collect();
    assert!(moved, "{} has no port cell", path.display());
    fs::write(path, lines.join("\n") + "\n").expect("write");
}

/// The catalog script of 150 generated documents is larger than two bundle members, so the
/// bundle cuts it into pieces at points its bytes choose (`bundle::split_tars`). An edit of one
/// document's port changes its part of the script: the rebuild deflates the pieces around it
/// and copies the script's other pieces from the last bundle, which still ends byte for byte
/// as a clean build's (before, the script was one member, deflated again whole on every edit).
#[test]
fn an_edit_copies_the_catalog_script_pieces_it_did_not_touch() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("incremental-split");
    let _ = fs::remove_dir_all(&root);
    let content = root.join("content");
    fs::create_dir_all(&content).expect("mkdir");
    let mut edited = PathBuf::new();
    for i in 0..150 {
        let doc = portolan_bench_gen::corpus::document(7, i);
        let path = content.join(format!("{}.md", doc.slug));
        fs::write(&path, doc.markdown()).expect("write");
        if i == 75 {
            edited = path;
        }
    }
    rebuild_and_compare(&root, &content, None, "first build");
    let script = fs::metadata(root.join("dist/assets/catalog.js")).expect("the script").len();
    assert!(
        site_gen::bundle::is_split(script, site_gen::bundle::MEMBER_BYTES),
        "the catalog script ({script} bytes) is not cut into pieces"
    );
    let pieces = |out: &Path| -> Vec<site_gen::cache::Digest> {
        let manifest = site_gen::cache::Manifest::load(out).expect("a manifest");
        let script = manifest.members.iter().filter(|m| m.first == "assets/catalog.js");
        script.filter_map(|m| m.piece).collect()
    };
    let before = pieces(&root.join("dist"));
    move_first_port(&edited);
    rebuild_and_compare(&root, &content, None, "a port of one document moved");
    let after = pieces(&root.join("dist"));
    let kept = after.iter().filter(|piece| before.contains(piece)).count();
    // Of the script's pieces, its header and padding (when its size changed), the piece the
    // edit is in and the one after it may change.
    assert!(after.len() >= 5, "{} pieces", after.len());
    assert!(kept >= 2 && kept + 4 >= after.len(), "{kept} of {} pieces kept", after.len());
    let _ = fs::remove_dir_all(&root);
}
