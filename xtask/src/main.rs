//! `cargo xtask`: the project's build orchestration.
//!
//! - `cargo xtask site [--strict]`: the checker wasm, then the whole site into `dist/`.
//! - `cargo xtask checker [--base-only]`: only the checker's `target/checker/checker.js`, with
//!   its sizes.
//! - `cargo xtask test [--skip-setup] [--no-clippy]`: installs what the tests need
//!   (`tests/setup.sh`), then every test suite, stopping at the first failure.

mod bench;
mod bench_incremental;
mod bundle;
mod cmd;
mod fsx;
mod serve;
mod site;
mod sizes;
mod test;
mod unused_exports;
mod wasm;
mod wasm_names;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  site [--strict] [--skip-setup]  install what the build uses (tests/setup.sh --site), then build
                                  the checker (wasm) and the site into dist/
  checker [--base-only]           build only the checker (target/checker/checker.js) and report
                                  its sizes; for measuring the page's wasm without site-gen
                                  (--base-only: checker.js alone, without checker-audit.js)
  serve [--port N] [--no-build]   build the site, serve dist/ on 127.0.0.1 (default port 8000),
                                  rebuild when content/, themes/ or the Rust changes, reload pages
  test [--skip-setup] [--no-clippy]
                                  install test tools (tests/setup.sh) and run every test suite
  bench [--smoke] [--site-only] [--incremental] [--runs N] [--sizes 100,1000,10000] [--hosts 100,1000,10000]
                                  Portolan vs Hugo, mdBook and Aerleon; writes BENCHMARKS.md
                                  (--incremental: site-gen rebuilds of one folder at 1,000
                                  documents: no change, touch, one port edited; prints a table)

--strict        diagnostics in content/ fail the site build
--skip-setup    do not run tests/setup.sh (or its --site part) first
--no-clippy     skip cargo clippy -D warnings (native crates with their tests, checker-wasm for wasm32)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("site") => parse_flags(&args[1..], &["--strict", "--skip-setup"]).and_then(|f| {
            site::run(
                &workspace_root(),
                &site::Options {
                    strict: f.contains(&"--strict"),
                    setup: !f.contains(&"--skip-setup"),
                    dev_site_gen: false,
                },
            )
        }),
        Some("checker") => parse_flags(&args[1..], &["--base-only"])
            .and_then(|f| site::checker_only(&workspace_root(), f.contains(&"--base-only"))),
        Some("test") => parse_flags(&args[1..], &["--skip-setup", "--no-clippy"]).and_then(|f| {
            let opts = test::Options {
                skip_setup: f.contains(&"--skip-setup"),
                clippy: !f.contains(&"--no-clippy"),
            };
            test::run(&workspace_root(), &opts)
        }),
        Some("serve") => parse_serve(&args[1..]).and_then(|o| serve::run(&workspace_root(), &o)),
        Some("bench") => {
            bench::Options::parse(&args[1..]).and_then(|o| bench::run(&workspace_root(), &o))
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(anyhow::anyhow!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(anyhow::anyhow!("no command given\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The flags given, each checked against `allowed`.
fn parse_flags(args: &[String], allowed: &[&'static str]) -> anyhow::Result<Vec<&'static str>> {
    args.iter()
        .map(|a| {
            allowed.iter().copied().find(|f| f == a).ok_or_else(|| {
                anyhow::anyhow!("unknown option `{a}` (allowed: {})\n\n{USAGE}", allowed.join(", "))
            })
        })
        .collect()
}

fn parse_serve(args: &[String]) -> anyhow::Result<serve::Options> {
    let mut opts = serve::Options { port: 8000, no_build: false };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-build" => opts.no_build = true,
            "--port" => {
                let value = args.next().ok_or_else(|| anyhow::anyhow!("--port needs a number"))?;
                opts.port = value.parse().map_err(|_| {
                    anyhow::anyhow!("--port `{value}`: expected a port from 0 to 65535")
                })?;
            }
            other => anyhow::bail!("unknown option `{other}` for serve\n\n{USAGE}"),
        }
    }
    Ok(opts)
}

/// The workspace root: the parent of this crate's manifest directory. `cargo run` sets
/// `CARGO_MANIFEST_DIR` at run time too, which stays right if the checkout moved since the build.
fn workspace_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
