//! `cargo xtask site`: the checker (wasm → `target/checker/checker.js`), then the whole site
//! into `dist/` by `site-gen build`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::{bundle, cmd, fsx, sizes, wasm};

pub struct Options {
    pub strict: bool,
}

pub const DIST: &str = "dist";

pub fn run(root: &Path, opts: &Options) -> Result<()> {
    let started = Instant::now();
    let checker_js = build_checker(root)?;
    build_site(root, &checker_js, opts)?;
    eprintln!(
        "xtask: site built into {}/ in {:.1}s",
        DIST,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Builds `target/checker/checker.js` and reports its sizes.
pub fn build_checker(root: &Path) -> Result<PathBuf> {
    let t = Instant::now();
    wasm::ensure_target()?;
    let rustc_wasm = wasm::cargo_build(root)?;
    let out_dir = wasm::target_dir(root).join("checker");
    let checker = wasm::bindgen_and_opt(root, &rustc_wasm, &out_dir)?;
    let js = out_dir.join("checker.js");
    bundle::write_checker_js(&checker, &js)?;
    eprintln!("xtask: checker built in {:.1}s", t.elapsed().as_secs_f64());
    sizes::report("rustc wasm", root, &checker.rustc_wasm)?;
    let label = if checker.optimized {
        "wasm (opt -Oz)"
    } else {
        "wasm (no opt)"
    };
    sizes::report(label, root, &checker.wasm)?;
    sizes::report("checker.js", root, &js)?;
    Ok(js)
}

fn build_site(root: &Path, checker_js: &Path, opts: &Options) -> Result<()> {
    let t = Instant::now();
    let mut c = cmd::cargo(root);
    c.args(["build", "--release", "--package", "site-gen"]);
    cmd::run(c)?;
    let site_gen = wasm::target_dir(root)
        .join("release")
        .join(format!("site-gen{}", std::env::consts::EXE_SUFFIX));
    let dist = root.join(DIST);
    if !has_build_subcommand(&site_gen) {
        eprintln!(
            "xtask: {} has no `build` subcommand yet: writing a placeholder site",
            site_gen.display()
        );
        return write_placeholder_site(&dist, checker_js);
    }
    let mut c = Command::new(&site_gen);
    c.current_dir(root)
        .args([
            "build",
            "--content",
            "content",
            "--out",
            DIST,
            "--theme",
            "themes/default",
            "--checker",
        ])
        .arg(checker_js);
    if opts.strict {
        c.arg("--strict");
    }
    cmd::run(c).context("site-gen failed")?;
    eprintln!("xtask: site-gen done in {:.1}s", t.elapsed().as_secs_f64());
    for extra in ["assets/catalog.js", "catalog.json"] {
        let p = dist.join(extra);
        if p.is_file() {
            sizes::report(extra, root, &p)?;
        }
    }
    Ok(())
}

/// Whether this site-gen already has `build` (the stub it replaces accepts anything silently).
fn has_build_subcommand(site_gen: &Path) -> bool {
    let mut c = Command::new(site_gen);
    c.args(["build", "--help"]);
    cmd::capture(c).is_some_and(|o| {
        o.status.success() && String::from_utf8_lossy(&o.stdout).contains("--content")
    })
}

/// Stand-in until site-gen renders the site: enough for the checker to run end to end.
fn write_placeholder_site(dist: &Path, checker_js: &Path) -> Result<()> {
    fsx::remove_dir_all_if_exists(dist)?;
    let page = |title: &str, body: &str| {
        format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title} · Portolan</title>\n<link rel=\"icon\" href=\"data:,\">\n</head>\n<body>\n{body}\n</body>\n</html>\n"
        )
    };
    fsx::write(
        &dist.join("index.html"),
        page(
            "Portolan",
            "<h1>Portolan</h1>\n<p>The site generator is not built yet. <a href=\"checker.html\">Checker</a></p>",
        ),
    )?;
    fsx::write(
        &dist.join("checker.html"),
        page(
            "Checker",
            "<h1>Checker</h1>\n<div id=\"checker-root\"><noscript>The checker needs JavaScript.</noscript></div>\n\
             <script src=\"assets/catalog.js\"></script>\n<script src=\"assets/checker.js\"></script>",
        ),
    )?;
    fsx::write(
        &dist.join("assets/catalog.js"),
        "window.PORTOLAN_CATALOG = {\"schema_version\":1,\"platforms\":[]};\n",
    )?;
    fsx::copy(checker_js, &dist.join("assets/checker.js"))
}
