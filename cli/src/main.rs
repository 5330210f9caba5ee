//! `portolan`: check a deployment topology against the port catalog, print its flow plan.
//!
//! Exit status: 0 clean (warnings allowed), 1 error findings, 2 unusable input.

mod explain;
mod help;
mod imports;
mod migrate;
mod misplaced;
mod rules;
mod sarif;
mod text;
mod utf8;

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use portolan_core::check::{self, Report};
use portolan_core::model::{Catalog, packed};
use portolan_core::topology::Format;

/// The catalog built from `content/` when this binary was compiled.
const BUILTIN_CATALOG: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

#[derive(Parser)]
#[command(
    name = "portolan",
    version,
    about = "Check deployment topologies against platform port requirements",
    after_help = help::TOP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a topology: collisions, missing peers, policy audit. Exit 0 clean, 1 errors, 2 unusable.
    #[command(visible_alias = "audit", after_help = help::CHECK)]
    Check(CheckArgs),
    /// Print the flows the topology needs (the flow plan: the input of every rule emitter).
    #[command(visible_alias = "plan", after_help = help::FLOWS)]
    Flows(FlowsArgs),
    /// Can A reach B on a port: by which rule, which requirements need it, which planned flow.
    #[command(after_help = help::EXPLAIN)]
    Explain(explain::ExplainArgs),
    /// Generate firewall rules from the flow plan (nftables, iptables, firewalld, ufw, Kubernetes, AWS, Azure, GCP, change request).
    #[command(after_help = help::RULES)]
    Rules(rules::RulesArgs),
    /// Rewrite old line ids (`rabbitmq/r-25`) in files to the content ids the same rows have now.
    MigrateIds(migrate::MigrateArgs),
}

#[derive(clap::Args)]
struct Common {
    /// Topology file (YAML, JSON or TOML by extension; `-` reads standard input).
    topology: String,
    /// Use this catalog (a catalog.json, or a site's assets/catalog.js) instead of the built-in one.
    #[arg(long)]
    catalog: Option<String>,
    /// Syntax of the topology, when the extension does not tell.
    #[arg(long, value_enum)]
    syntax: Option<Syntax>,
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Output: text for people (file:line:col, the line, a hint), json, or sarif for code scanning.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Base URL of the site, to turn requirement links into absolute ones.
    #[arg(long)]
    site: Option<String>,
    #[command(flatten)]
    imports: imports::ImportArgs,
}

#[derive(clap::Args)]
struct FlowsArgs {
    #[command(flatten)]
    common: Common,
    /// Output: text for people, or json (the plan as the rule emitters read it).
    #[arg(long, value_enum, default_value_t = FlowsFormat::Text)]
    format: FlowsFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum Syntax {
    Yaml,
    Json,
    Toml,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum FlowsFormat {
    Text,
    Json,
}

/// Input that cannot be used: exit status 2.
struct Unusable(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check(args) => run_check(args),
        Command::Flows(args) => run_flows(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::MigrateIds(args) => migrate::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Unusable(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn load_catalog(path: Option<&str>) -> Result<Catalog, Unusable> {
    let text = match path {
        None => BUILTIN_CATALOG.to_owned(),
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Unusable(format!("cannot read catalog {path}: {e}")))?,
    };
    // A site ships its catalog once, as `assets/catalog.js` (packed, expanded by the script):
    // that file is accepted as it is.
    let json = catalog_json_of(&text).map_err(|e| {
        Unusable(format!(
            "catalog {} is not a site's catalog script: {e}",
            path.unwrap_or("(built-in)")
        ))
    })?;
    serde_json::from_str(&json).map_err(|e| {
        Unusable(format!(
            "catalog {} is not a Portolan catalog.json: {e}",
            path.unwrap_or("(built-in)")
        ))
    })
}

/// The JSON of a catalog file: `catalog.json` as it is, the packed catalog of a site's
/// `assets/catalog.js` unpacked, or the object an older site's script assigned.
fn catalog_json_of(text: &str) -> Result<std::borrow::Cow<'_, str>, packed::UnpackError> {
    if let Some(packed) = packed::packed_of_script(text) {
        return Ok(packed::unpack(packed)?.into());
    }
    Ok(text
        .trim_start()
        .strip_prefix("window.PORTOLAN_CATALOG")
        .and_then(|rest| rest.trim_start().strip_prefix('='))
        .map_or(text, |rest| rest.trim().trim_end_matches(';'))
        .into())
}

struct Input {
    name: String,
    text: String,
    format: Format,
}

fn read_topology(common: &Common) -> Result<Input, Unusable> {
    let (name, text) = if common.topology == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Unusable(format!("cannot read standard input: {e}")))?;
        ("<stdin>".to_owned(), text)
    } else {
        let bytes = std::fs::read(&common.topology)
            .map_err(|e| Unusable(format!("cannot read {}: {e}", common.topology)))?;
        let text = utf8::text_of(&common.topology, bytes).map_err(Unusable)?;
        (common.topology.clone(), text)
    };
    let format = match common.syntax {
        Some(Syntax::Yaml) => Format::Yaml,
        Some(Syntax::Json) => Format::Json,
        Some(Syntax::Toml) => Format::Toml,
        None if name == "<stdin>" => Format::sniff(&text),
        None => Format::from_path(&name),
    };
    Ok(Input { name, text, format })
}

fn emit(output: &str) {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = stdout.write_all(output.as_bytes());
    let _ = stdout.flush();
}

/// The check's report, with the plan rules are made of: the catalog's flows plus the
/// topology's management access and baseline egress (`flows` and `rules` show and write these).
fn analyse_for_rules(common: &Common) -> Result<(Input, Report), Unusable> {
    let catalog = load_catalog(common.catalog.as_deref())?;
    let input = read_topology(common)?;
    let (topology, mut report) =
        check::check_text(&catalog, &input.text, &input.name, input.format);
    if let (Some(topology), Some(plan)) = (&topology, report.plan.take()) {
        report.plan = Some(portolan_core::plan::access::with_access(plan, topology));
    }
    Ok((input, report))
}

fn run_check(args: &CheckArgs) -> Result<u8, Unusable> {
    let (input, report, files) = imports::analyse(&args.common, &args.imports)?;
    let output = match args.format {
        CheckFormat::Text => {
            let mut out =
                text::render_with(&report, &input.name, &input.text, &files, args.site.as_deref());
            // Rare path (a P010): the catalog is read a second time only to name the next step.
            if report.findings.iter().any(|f| f.code == "P010-unknown-role") {
                let catalog = load_catalog(args.common.catalog.as_deref())?;
                let path = args.common.catalog.as_deref();
                out.extend(text::missing_platform_hint(&report, &catalog, path, &input.name));
            }
            out
        }
        CheckFormat::Json => {
            let value = serde_json::json!({
                "file": input.name,
                "errors": report.errors(),
                "warnings": report.warnings(),
                "notes": report.notes(),
                "unusable": report.unusable,
                "findings": report.findings,
            });
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
        CheckFormat::Sarif => sarif::render(&report, args.site.as_deref()),
    };
    emit(&output);
    Ok(u8::try_from(report.exit_code()).unwrap_or(2))
}

fn run_flows(args: &FlowsArgs) -> Result<u8, Unusable> {
    let (input, report) = analyse_for_rules(&args.common)?;
    let Some(plan) = &report.plan else {
        // The topology cannot be read: show why, like `check` does.
        eprint!("{}", text::render(&report, &input.text, None));
        return Ok(2);
    };
    let output = match args.format {
        FlowsFormat::Text => text::render_flows(plan),
        FlowsFormat::Json => serde_json::to_string_pretty(plan).unwrap_or_default() + "\n",
    };
    emit(&output);
    Ok(0)
}

#[cfg(test)]
mod catalog_file_tests {
    use super::{catalog_json_of, packed};

    /// The site stopped writing catalog.json beside assets/catalog.js (one copy of the catalog):
    /// the CLI reads either.
    #[test]
    fn the_site_catalog_script_reads_as_its_json() {
        let json = "{\"schema_version\":1,\"platforms\":[{\"id\":\"a\"}]}";
        let read = |text: &str| catalog_json_of(text).expect("read").into_owned();
        assert_eq!(read(json), json);
        assert_eq!(read(&format!("window.PORTOLAN_CATALOG = {json};\n")), json);
        let packed = packed::pack_catalog(1, &["{\"id\":\"a\"}".to_owned()]).expect("packs");
        let script =
            format!("window.PORTOLAN_CATALOG = (function (p) {{ return p; }})(\n{packed}\n);\n");
        assert_eq!(read(&script), json);
        assert!(catalog_json_of(&script.replace("\"value\":[0,", "\"value\":[7,")).is_err());
        assert!(super::load_catalog(None).is_ok());
    }
}
