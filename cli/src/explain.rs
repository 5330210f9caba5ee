//! `portolan explain TOPOLOGY --from A --to B --port 443/tcp [--rules HOST=FILE …]`: the core
//! answers (`portolan_core::audit::explain`); this prints it. Exit 0 allowed, 1 denied or
//! partly allowed, 2 unusable input.

use portolan_core::audit::{self, explain::Verdict};

use super::imports::{ImportArgs, host_files};
use super::{Common, Unusable, emit, load_catalog, read_topology};

#[derive(clap::Args)]
pub(crate) struct ExplainArgs {
    #[command(flatten)]
    pub common: Common,
    /// Source: a host, a zone or an address.
    #[arg(long)]
    pub from: String,
    /// Destination: a host, a zone or an address.
    #[arg(long)]
    pub to: String,
    /// Port and transport, e.g. 443/tcp.
    #[arg(long)]
    pub port: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Base URL of the site, to turn requirement links into absolute ones.
    #[arg(long)]
    pub site: Option<String>,
    #[command(flatten)]
    pub imports: ImportArgs,
}

pub(crate) fn run(args: &ExplainArgs) -> Result<u8, Unusable> {
    let catalog = load_catalog(args.common.catalog.as_deref())?;
    let input = read_topology(&args.common)?;
    let files = host_files(&input, &args.imports)?;
    let topology =
        portolan_core::topology::parse(&input.text, &input.name, input.format).map_err(|_| {
            Unusable(format!("{}: the topology cannot be read (run `portolan check`)", input.name))
        })?;
    let imported = audit::import(&catalog, &topology, &files);
    let answer =
        audit::explain::explain(&catalog, &imported.topology, &args.from, &args.to, &args.port)
            .map_err(|e| Unusable(e.to_string()))?;
    if args.json {
        emit(&(serde_json::to_string_pretty(&answer).unwrap_or_default() + "\n"));
    } else {
        emit(&answer.to_text(args.site.as_deref()));
    }
    Ok(match answer.verdict {
        Verdict::Allowed | Verdict::NotAudited => 0,
        Verdict::Denied | Verdict::PartlyAllowed => 1,
    })
}
