//! `portolan rules TOPOLOGY --target T [--host H] [-o DIR]`: firewall rules from the flow plan.
//!
//! Without `-o`, a single file goes to standard output and several are listed (with their
//! sizes) so the user knows to pass `-o`. `--target all` needs `-o` and writes every target
//! into its own folder. Notes (what a target could not express) go to standard error.

use std::path::{Component, Path, PathBuf};

use portolan_core::emit::{self, Emitted, Input, Scope, Target};

use super::{Common, Unusable, analyse_for_rules, load_catalog};

#[derive(clap::Args)]
pub(crate) struct RulesArgs {
    #[command(flatten)]
    pub common: Common,
    /// Target format (`all` for every target), one of: nftables, iptables, firewalld, ufw,
    /// kubernetes, aws-terraform, aws-cloudformation, azure-nsg, gcp-terraform, change-request.
    /// Short names: nft; ipt, iptables-restore; firewall-cmd; k8s; cfn, cloudformation;
    /// nsg, azure; gcp (`terraform` and `aws` are refused: they name two targets).
    #[arg(long, short = 't')]
    pub target: String,
    /// Only this host (host firewalls: nftables, iptables, firewalld, ufw).
    #[arg(long)]
    pub host: Option<String>,
    /// Write the files under this folder instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Do not print notes to standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

pub(crate) fn run(args: &RulesArgs) -> Result<u8, Unusable> {
    let targets: Vec<Target> = if args.target.eq_ignore_ascii_case("all") {
        Target::all().collect()
    } else {
        match Target::parse(&args.target) {
            Some(t) => vec![t],
            None if Target::ambiguous(&args.target).is_some() => {
                let candidates = Target::ambiguous(&args.target).unwrap_or_default();
                return Err(Unusable(format!(
                    "target `{}` names more than one target: use one of {}",
                    args.target,
                    candidates.join(", ")
                )));
            }
            None => {
                return Err(Unusable(format!(
                    "unknown target `{}`: use one of all, {}",
                    args.target,
                    Target::names().join(", ")
                )));
            }
        }
    };
    let catalog = load_catalog(args.common.catalog.as_deref())?;
    let (input, report) = analyse_for_rules(&args.common)?;
    let (Some(plan), false) = (&report.plan, report.unusable) else {
        eprint!("{}", super::text::render(&report, &input.text, None));
        return Ok(2);
    };
    let topology = portolan_core::topology::parse(&input.text, &input.name, input.format)
        .map_err(|_| Unusable(format!("{}: the topology cannot be read", input.name)))?;
    let mut emitted: Vec<(Target, Emitted)> = Vec::new();
    for target in &targets {
        // With `all`, --host applies to the host firewalls only.
        let host = if targets.len() > 1 && target.scope() != Scope::Host {
            None
        } else {
            args.host.as_deref()
        };
        let input = Input { plan, topology: &topology, catalog: Some(&catalog), host };
        let result =
            emit::emit_with(*target, &input).map_err(|e| Unusable(format!("{target}: {e}")))?;
        emitted.push((*target, result));
    }
    if !args.quiet {
        for (_, result) in &emitted {
            for note in &result.notes {
                let kind = note.kind.label();
                let ids = if note.requirements.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", note.requirements.join(", "))
                };
                eprintln!("note[{}] {kind}: {}{ids}", note.target, note.message);
            }
        }
    }
    let files: Vec<&emit::EmittedFile> = emitted.iter().flat_map(|(_, e)| &e.files).collect();
    match &args.output {
        Some(dir) => {
            for file in &files {
                let path = safe_join(dir, &file.path)?;
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        Unusable(format!("cannot create {}: {e}", parent.display()))
                    })?;
                }
                std::fs::write(&path, &file.contents)
                    .map_err(|e| Unusable(format!("cannot write {}: {e}", path.display())))?;
            }
            if !args.quiet {
                eprintln!("wrote {} files under {}", files.len(), dir.display());
            }
        }
        None if files.len() == 1 => super::emit(&files[0].contents),
        None => {
            let mut listing = String::new();
            for file in &files {
                listing.push_str(&format!("{}\t{} bytes\n", file.path, file.contents.len()));
            }
            super::emit(&listing);
            eprintln!("{} files: pass -o DIR to write them, or --host H for one host", files.len());
        }
    }
    Ok(0)
}

/// `dir/relative`, refusing anything but plain relative components (emitters only produce
/// sanitised names, this is defence in depth).
fn safe_join(dir: &Path, relative: &str) -> Result<PathBuf, Unusable> {
    let rel = Path::new(relative);
    if rel.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(dir.join(rel))
    } else {
        Err(Unusable(format!("refusing to write outside the output folder: {relative}")))
    }
}
