//! `cargo xtask test`: every test suite, in order, stopping at the first failure.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::{cmd, site, wasm};

pub struct Options {
    pub skip_setup: bool,
    /// `cargo clippy -D warnings` (on by default; `--no-clippy` skips it).
    pub clippy: bool,
}

pub fn run(root: &Path, opts: &Options) -> Result<()> {
    let mut timings: Vec<(&str, f64)> = Vec::new();
    let mut step = |name: &'static str, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        eprintln!("\n==> xtask test: {name}");
        let t = Instant::now();
        let result = f();
        let secs = t.elapsed().as_secs_f64();
        let outcome = if result.is_ok() { "ok" } else { "FAILED" };
        eprintln!("<== xtask test: {name}: {outcome} in {secs:.1}s");
        result.with_context(|| format!("test step `{name}` failed"))?;
        timings.push((name, secs));
        Ok(())
    };

    if !opts.skip_setup {
        step("setup (tests/setup.sh)", &mut || {
            let mut c = Command::new("bash");
            c.current_dir(root).arg("tests/setup.sh");
            cmd::run(c)
        })?;
    }
    step("formatting (cargo fmt --check)", &mut || {
        let mut c = cmd::cargo(root);
        c.args(["fmt", "--all", "--check"]);
        cmd::run(c).context("run `cargo fmt --all` and commit the result")
    })?;
    step("cargo test", &mut || {
        // checker-wasm is a browser crate: it is built for wasm32 by the site step and tested
        // in the browser tests.
        let mut c = cmd::cargo(root);
        c.args(["test", "--workspace", "--exclude", "checker-wasm", "--no-fail-fast"]);
        cmd::run(c)
    })?;
    step("portolan-core builds for wasm32", &mut || {
        wasm::ensure_target()?;
        let mut c = cmd::cargo(root);
        c.args(["build", "--package", "portolan-core", "--target", wasm::TARGET]);
        cmd::run(c)
    })?;
    step("checker-wasm bindings (wasm-bindgen-test, headless Chromium)", &mut || {
        // wasm-bindgen-test-runner (tests/setup.sh installs it) drives Chromium through
        // chromedriver; checker-wasm/webdriver.json gives the flags.
        let mut c = cmd::cargo(root);
        c.args([
            "test",
            "--package",
            "checker-wasm",
            "--target",
            wasm::TARGET,
            "--test",
            "browser",
        ])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner");
        cmd::run(c)
    })?;
    if opts.clippy {
        step("clippy", &mut || {
            let mut c = cmd::cargo(root);
            c.args([
                "clippy",
                "--workspace",
                "--exclude",
                "checker-wasm",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]);
            cmd::run(c)?;
            // Both builds of the page (`wasm::Module`): with the host-file readers and without.
            for features in ["--features=audit", "--no-default-features"] {
                let mut c = cmd::cargo(root);
                c.args([
                    "clippy",
                    "--package",
                    "checker-wasm",
                    "--target",
                    wasm::TARGET,
                    features,
                    "--",
                    "-D",
                    "warnings",
                ]);
                cmd::run(c)?;
            }
            Ok(())
        })?;
    }
    step("docs (cargo doc, warnings denied)", &mut || {
        let mut c = cmd::cargo(root);
        c.args(["doc", "--workspace", "--exclude", "checker-wasm", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings");
        cmd::run(c)?;
        let mut c = cmd::cargo(root);
        c.args(["doc", "--package", "checker-wasm", "--target", wasm::TARGET, "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings");
        cmd::run(c)
    })?;
    // Strict, like the Pages deploy: a content diagnostic fails the tests, not the deploy.
    step("site (cargo xtask site --strict)", &mut || {
        site::run(root, &site::Options { strict: true, setup: false, dev_site_gen: true })
    })?;
    step("bench smoke (cargo xtask bench --smoke)", &mut || {
        crate::bench::run(
            root,
            &crate::bench::Options {
                smoke: true,
                site_only: false,
                no_mdbook: false,
                runs: 1,
                sizes: Vec::new(),
                hosts: Vec::new(),
                incremental: false,
            },
        )
    })?;
    step("browser tests (tests/browser)", &mut || {
        let dir = root.join("tests/browser");
        anyhow::ensure!(
            dir.join("node_modules/playwright-core").is_dir(),
            "{} is missing: run `bash tests/setup.sh`",
            dir.join("node_modules/playwright-core").display()
        );
        let mut c = Command::new("node");
        c.current_dir(&dir).arg("--test").env("PORTOLAN_DIST", root.join(site::DIST));
        cmd::run(c)
    })?;
    let validators = root.join("tests/validators/run.sh");
    if validators.is_file() {
        step("rule validators (tests/validators/run.sh)", &mut || {
            let venv_bin = root.join(".tools/venv/bin");
            let path = std::env::var_os("PATH").unwrap_or_default();
            let mut paths = vec![venv_bin];
            paths.extend(std::env::split_paths(&path));
            let mut c = Command::new("bash");
            c.current_dir(root)
                .arg(&validators)
                .env("PATH", std::env::join_paths(paths).context("PATH")?);
            cmd::run(c)
        })?;
    } else {
        eprintln!("\nxtask test: tests/validators/run.sh not present yet: skipped");
    }

    eprintln!("\nxtask test: all steps passed");
    for (name, secs) in &timings {
        eprintln!("  {secs:>7.1}s  {name}");
    }
    Ok(())
}
