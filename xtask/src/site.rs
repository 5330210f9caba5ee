//! `cargo xtask site`: the checker (wasm → `target/checker/checker.js`, and the on-demand
//! module's `checker-audit.js` beside it: rule emitters, host-file readers, explain), then the
//! whole site into `dist/` by `site-gen build`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::wasm::Module;
use crate::{bundle, cmd, fsx, sizes, wasm};

pub struct Options {
    pub strict: bool,
    /// Run `tests/setup.sh --site` first (the wasm target, xz, the npm tools the checker is
    /// built with), so the README's first command ships the page CI ships. `cargo xtask test`
    /// has run the whole setup already.
    pub setup: bool,
    /// Build and run site-gen in the dev profile instead of release. Same output (it is
    /// deterministic); `cargo xtask test` uses it because `cargo test` has just built it, which
    /// saves the release build's minutes of LTO.
    pub dev_site_gen: bool,
}

pub const DIST: &str = "dist";

pub fn run(root: &Path, opts: &Options) -> Result<()> {
    let started = Instant::now();
    // Two builds in one tree would overwrite each other's target/checker/ and dist/.
    let _lock = fsx::lock_exclusive(&wasm::target_dir(root).join("xtask-site.lock"))?;
    if opts.setup {
        let mut c = Command::new("bash");
        c.current_dir(root).args(["tests/setup.sh", "--site"]);
        cmd::run(c).context("installing what the site build uses (tests/setup.sh --site)")?;
    }
    let checker_js = build_checker(root)?;
    build_site(root, &checker_js, opts)?;
    eprintln!("xtask: site built into {}/ in {:.1}s", DIST, started.elapsed().as_secs_f64());
    Ok(())
}

/// `cargo xtask checker`: the checker alone, under the same lock as a site build (measuring the
/// page's wasm does not need site-gen's release build).
/// `base_only` builds the page's module alone (`checker.js`, not `checker-audit.js`): what the
/// size test counts, in about half the build time.
pub fn checker_only(root: &Path, base_only: bool) -> Result<()> {
    let _lock = fsx::lock_exclusive(&wasm::target_dir(root).join("xtask-site.lock"))?;
    if base_only {
        return build_base_checker(root);
    }
    build_checker(root).map(|_| ())
}

/// `target/checker/checker.js` alone, from the base module; reports its sizes.
fn build_base_checker(root: &Path) -> Result<()> {
    let t = Instant::now();
    wasm::ensure_target()?;
    let rustc_wasm = wasm::cargo_build(root, Module::Base)?;
    let base = wasm::bindgen_and_opt(
        root,
        &rustc_wasm,
        &wasm::target_dir(root).join(Module::Base.name()),
    )?;
    let js = checker_path(root);
    bundle::write_checker_js(root, &base, &js)?;
    eprintln!("xtask: base module ready in {:.1}s", t.elapsed().as_secs_f64());
    report_sizes(root, &base, &js)
}

/// The rustc output, the shipped wasm and the script of one module.
fn report_sizes(root: &Path, checker: &wasm::Checker, script: &Path) -> Result<()> {
    sizes::report("rustc wasm", root, &checker.rustc_wasm)?;
    let label = if checker.optimized { "wasm (opt -Oz)" } else { "wasm (no opt)" };
    sizes::report(label, root, &checker.wasm)?;
    let name = script.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    sizes::report(name, root, script)
}

/// Builds `target/checker/checker.js` and `checker-audit.js` beside it, and reports their sizes.
pub fn build_checker(root: &Path) -> Result<PathBuf> {
    let t = Instant::now();
    wasm::ensure_target()?;
    let out_dir = |module: Module| wasm::target_dir(root).join(module.name());
    let base_wasm = wasm::cargo_build(root, Module::Base)?;
    eprintln!("xtask: base module compiled at {:.1}s", t.elapsed().as_secs_f64());
    // The base module's wasm-bindgen and wasm-opt run while cargo builds the other one, and
    // then beside the other one's: one wasm-opt pass per module, both at once on two cores.
    let (base, audit) = std::thread::scope(|s| {
        let base = s.spawn(|| {
            let built = wasm::bindgen_and_opt(root, &base_wasm, &out_dir(Module::Base));
            eprintln!("xtask: base module ready at {:.1}s", t.elapsed().as_secs_f64());
            built
        });
        let audit = wasm::cargo_build(root, Module::OnDemand).and_then(|wasm| {
            eprintln!("xtask: on-demand module compiled at {:.1}s", t.elapsed().as_secs_f64());
            wasm::bindgen_and_opt(root, &wasm, &out_dir(Module::OnDemand))
        });
        eprintln!("xtask: on-demand module ready at {:.1}s", t.elapsed().as_secs_f64());
        (base.join(), audit)
    });
    let base = base.map_err(|_| anyhow::anyhow!("the base module's wasm-bindgen panicked"))??;
    let audit = audit?;
    let js = checker_path(root);
    bundle::write_checker_js(root, &base, &js)?;
    let audit_js = js.with_file_name(bundle::AUDIT_JS);
    bundle::write_audit_js(root, &audit, &audit_js)?;
    eprintln!("xtask: checker built in {:.1}s", t.elapsed().as_secs_f64());
    for (checker, script) in [(&base, &js), (&audit, &audit_js)] {
        report_sizes(root, checker, script)?;
    }
    Ok(js)
}

fn build_site(root: &Path, checker_js: &Path, opts: &Options) -> Result<()> {
    let t = Instant::now();
    let mut c = cmd::cargo(root);
    c.args(["build", "--package", "site-gen"]);
    if !opts.dev_site_gen {
        c.arg("--release");
    }
    cmd::run(c)?;
    run_site_gen(root, checker_js, opts)?;
    eprintln!("xtask: site-gen done in {:.1}s", t.elapsed().as_secs_f64());
    Ok(())
}

/// The site-gen binary `build_site` builds.
fn site_gen_path(root: &Path, opts: &Options) -> PathBuf {
    wasm::target_dir(root)
        .join(if opts.dev_site_gen { "debug" } else { "release" })
        .join(format!("site-gen{}", std::env::consts::EXE_SUFFIX))
}

/// The checker script `build_checker` writes (`checker-audit.js` beside it).
pub fn checker_path(root: &Path) -> PathBuf {
    wasm::target_dir(root).join("checker").join("checker.js")
}

/// Rebuilds `dist/` with the site-gen and checker already built (no cargo run): what `serve`
/// does when only content, templates or static files changed. site-gen's build is
/// incremental, so a one-document edit rewrites only the files it changes.
pub fn rerun(root: &Path, opts: &Options) -> Result<()> {
    let _lock = fsx::lock_exclusive(&wasm::target_dir(root).join("xtask-site.lock"))?;
    let checker_js = checker_path(root);
    let readers = checker_js.with_file_name(bundle::AUDIT_JS);
    if !site_gen_path(root, opts).is_file() || !checker_js.is_file() || !readers.is_file() {
        return run(root, opts);
    }
    let t = Instant::now();
    run_site_gen(root, &checker_js, opts)?;
    eprintln!("xtask: site-gen done in {:.2}s", t.elapsed().as_secs_f64());
    Ok(())
}

fn run_site_gen(root: &Path, checker_js: &Path, opts: &Options) -> Result<()> {
    let site_gen = site_gen_path(root, opts);
    let dist = root.join(DIST);
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
    // The catalog, shipped once (catalog.json is made from it in the page).
    let catalog = dist.join("assets/catalog.js");
    if catalog.is_file() {
        sizes::report("assets/catalog.js", root, &catalog)?;
    }
    Ok(())
}
