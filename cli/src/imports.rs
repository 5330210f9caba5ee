//! `--rules HOST=FILE`, `--listening HOST=FILE` and the `rules:` / `listening:` a host names in
//! the topology: read here (relative to the topology for the latter), audited by the core.

use std::path::Path;

use portolan_core::audit::{self, FileKind, HostFile, RulesFormat};
use portolan_core::check::Report;

use super::{Common, Input, Unusable, load_catalog, read_topology};

#[derive(clap::Args, Default)]
pub(crate) struct ImportArgs {
    /// A firewall ruleset exported on a host (iptables-save, ip6tables-save, nft list ruleset,
    /// nft -j list ruleset, firewall-cmd --list-all-zones, ufw status verbose,
    /// aws ec2 describe-security-groups, az network nsg rule list / show,
    /// gcloud compute firewall-rules list, Kubernetes NetworkPolicy YAML, Windows' netsh
    /// advfirewall firewall show rule name=all verbose, Get-NetFirewallRule through Export-Csv or
    /// ConvertTo-Json), audited as the policy for traffic to it. Repeatable.
    #[arg(long = "rules", value_name = "HOST=FILE")]
    pub rules: Vec<String>,
    /// A host's listening sockets (ss -tulpn, netstat -tulpn, lsof -nP -i; on Windows netstat
    /// -ano, Get-NetTCPConnection -State Listen, Get-NetUDPEndpoint). Repeatable.
    #[arg(long = "listening", value_name = "HOST=FILE")]
    pub listening: Vec<String>,
    /// Force the ruleset format instead of detecting it: iptables, nft, nft-json, firewalld,
    /// ufw, aws-sg, azure-nsg, gcp, kubernetes, netsh, powershell.
    #[arg(long = "rules-format", value_name = "FORMAT")]
    pub rules_format: Option<String>,
}

fn read_file(path: &str) -> Result<String, Unusable> {
    let bytes = std::fs::read(path).map_err(|e| Unusable(format!("cannot read {path}: {e}")))?;
    crate::utf8::text_of(path, bytes).map_err(Unusable)
}

fn split(pair: &str, flag: &str) -> Result<(String, String), Unusable> {
    pair.split_once('=')
        .filter(|(h, f)| !h.is_empty() && !f.is_empty())
        .map(|(h, f)| (h.to_owned(), f.to_owned()))
        .ok_or_else(|| Unusable(format!("`--{flag} {pair}`: expected HOST=FILE")))
}

/// The files named on the command line and in the topology, read.
pub(crate) fn host_files(input: &Input, args: &ImportArgs) -> Result<Vec<HostFile>, Unusable> {
    let forced = match &args.rules_format {
        None => None,
        Some(name) => Some(RulesFormat::parse(name).ok_or_else(|| {
            Unusable(format!(
                "unknown --rules-format `{name}`: use iptables, nft, nft-json, firewalld, ufw, aws-sg, azure-nsg, gcp, kubernetes, netsh or powershell"
            ))
        })?),
    };
    let mut files = Vec::new();
    for (pairs, flag, kind) in [
        (&args.rules, "rules", FileKind::Rules(forced)),
        (&args.listening, "listening", FileKind::Listening),
    ] {
        for pair in pairs {
            let (host, file) = split(pair, flag)?;
            let text = read_file(&file)
                .map_err(|Unusable(m)| Unusable(format!("`--{flag} {pair}`: {m}")))?;
            if let Some(said) = crate::misplaced::misplaced(&text, flag, &host, &file) {
                return Err(Unusable(format!("`--{flag} {pair}`: {said}")));
            }
            files.push(HostFile { host, file, text, kind });
        }
    }
    // Files the topology names, relative to it (a topology read from stdin names none).
    if input.name != "<stdin>"
        && let Ok(topology) = portolan_core::topology::parse(&input.text, &input.name, input.format)
    {
        let base = Path::new(&input.name).parent().unwrap_or(Path::new(""));
        for host in &topology.hosts {
            for (list, kind) in [
                (&host.files.rules, FileKind::Rules(forced)),
                (&host.files.listening, FileKind::Listening),
            ] {
                for entry in list {
                    let path = base.join(&entry.value);
                    let file = path.to_string_lossy().into_owned();
                    let text = read_file(&file).map_err(|Unusable(m)| {
                        Unusable(format!(
                            "{}:{}:{}: host `{}` names {m}",
                            input.name, entry.position.line, entry.position.column, host.name
                        ))
                    })?;
                    let (key, other) = match kind {
                        FileKind::Rules(_) => ("rules", "listening"),
                        FileKind::Listening => ("listening", "rules"),
                    };
                    if crate::misplaced::misplaced(&text, key, &host.name, &file).is_some() {
                        return Err(Unusable(format!(
                            "{}:{}:{}: host `{}` names {file} under `{key}:`, but it is {}: name it under `{other}:`",
                            input.name,
                            entry.position.line,
                            entry.position.column,
                            host.name,
                            if key == "rules" { "a socket list" } else { "a ruleset" }
                        )));
                    }
                    files.push(HostFile { host: host.name.clone(), file, text, kind });
                }
            }
        }
    }
    Ok(files)
}

/// Reads the topology and its imported files and checks them together.
pub(crate) fn analyse(
    common: &Common,
    args: &ImportArgs,
) -> Result<(Input, Report, Vec<HostFile>), Unusable> {
    let catalog = load_catalog(common.catalog.as_deref())?;
    let input = read_topology(common)?;
    let files = host_files(&input, args)?;
    let (_, report) = audit::check_text(&catalog, &input.text, &input.name, input.format, &files);
    Ok((input, report, files))
}
