//! `portolan-bench`: the in-process half of `cargo xtask bench` (xtask runs it, times the
//! external tools and writes BENCHMARKS.md).
//!
//! ```text
//! portolan-bench corpus --out DIR --docs N [--seed S]      corpus in three layouts; JSON stats
//! portolan-bench catalog [--content D]                    the catalog as JSON on stdout
//! portolan-bench topology --hosts N                         a generated topology on stdout
//! portolan-bench checker --hosts N [--runs R] [--content D] phase medians (ms), JSON
//! portolan-bench aerleon --hosts N --out DIR [--content D]  the flow plan as Aerleon policies
//! portolan-bench rules --hosts N --target T [--runs R]      emit-only medians for one target
//! portolan-bench floor --site DIR --markdown DIR --scratch DIR  write/deflate/markdown floors, JSON
//! portolan-bench large-page [--mb 10] [--runs 3]              extraction of one large page, JSON
//! ```

mod aerleon;
mod checker;
mod floor;
mod large_page;
mod stats;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};

const USAGE: &str = "usage: portolan-bench corpus|topology|checker|aerleon|rules|floor|large-page [options] (see src/main.rs)";

struct Args(Vec<String>);

impl Args {
    fn value(&self, name: &str) -> Option<&str> {
        self.0.iter().position(|a| a == name).and_then(|i| self.0.get(i + 1)).map(String::as_str)
    }
    fn number(&self, name: &str, default: Option<usize>) -> Result<usize> {
        match self.value(name) {
            Some(v) => {
                v.replace('_', "").parse().with_context(|| format!("{name}: not a number: {v}"))
            }
            None => default.ok_or_else(|| anyhow!("{name} is required\n{USAGE}")),
        }
    }
    fn path(&self, name: &str, default: Option<&str>) -> Result<PathBuf> {
        self.value(name)
            .or(default)
            .map(PathBuf::from)
            .ok_or_else(|| anyhow!("{name} is required\n{USAGE}"))
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(&argv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("portolan-bench: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(argv: &[String]) -> Result<()> {
    let Some(command) = argv.first() else { bail!("{USAGE}") };
    let args = Args(argv[1..].to_vec());
    match command.as_str() {
        "corpus" => {
            let out = args.path("--out", None)?;
            let docs = args.number("--docs", None)?;
            let seed = args.number("--seed", Some(7))? as u64;
            let w = portolan_bench_gen::corpus::write_corpus(&out, seed, docs)
                .with_context(|| format!("cannot write the corpus into {}", out.display()))?;
            println!(
                "{}",
                serde_json::json!({"documents": w.documents, "rows": w.rows, "bytes": w.bytes})
            );
            Ok(())
        }
        "catalog" => {
            let catalog = checker::load_catalog(&args.path("--content", Some("content"))?)?;
            println!("{}", serde_json::to_string(&catalog)?);
            Ok(())
        }
        "topology" => {
            print!("{}", portolan_bench_gen::topology::generate(args.number("--hosts", None)?));
            Ok(())
        }
        "checker" => {
            let catalog = checker::load_catalog(&args.path("--content", Some("content"))?)?;
            let hosts = args.number("--hosts", None)?;
            let runs = args.number("--runs", Some(5))?;
            println!("{}", checker::measure(&catalog, hosts, runs)?);
            Ok(())
        }
        "rules" => {
            let catalog = checker::load_catalog(&args.path("--content", Some("content"))?)?;
            let hosts = args.number("--hosts", None)?;
            let runs = args.number("--runs", Some(5))?;
            let target = args.value("--target").ok_or_else(|| anyhow!("--target is required"))?;
            println!("{}", checker::measure_target(&catalog, hosts, target, runs)?);
            Ok(())
        }
        "aerleon" => {
            let catalog = checker::load_catalog(&args.path("--content", Some("content"))?)?;
            let hosts = args.number("--hosts", None)?;
            let out = args.path("--out", None)?;
            println!("{}", aerleon::write(&catalog, hosts, &out)?);
            Ok(())
        }
        "floor" => {
            let (site, markdown, scratch) = (
                args.path("--site", None)?,
                args.path("--markdown", None)?,
                args.path("--scratch", None)?,
            );
            println!("{}", floor::measure(&site, &markdown, &scratch)?);
            Ok(())
        }
        "large-page" => {
            let megabytes = args.number("--mb", Some(10))?;
            let runs = args.number("--runs", Some(3))?;
            println!("{}", large_page::measure(megabytes, runs)?);
            Ok(())
        }
        other => bail!("unknown command `{other}`\n{USAGE}"),
    }
}
