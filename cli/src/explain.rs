//! `portolan explain TOPOLOGY --from A --to B --port 443/tcp [--rules HOST=FILE …]`: the core
//! answers (`portolan_core::audit::explain`); this prints it. Exit 0 allowed, 1 denied or
//! partly allowed, 2 unusable input.

use portolan_core::audit::{self, explain::Verdict};
use portolan_core::text::printable;

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
    let Ok(topology) = portolan_core::topology::parse(&input.text, &input.name, input.format)
    else {
        // Show why, located, as `check` and `flows` do.
        let (_, report) =
            portolan_core::check::check_text(&catalog, &input.text, &input.name, input.format);
        eprint!("{}", super::text::render(&report, &input.text, None));
        return Ok(2);
    };
    // Roles the catalog lacks carry no requirement, so the answer would say "no requirement
    // asks for it" of a connection the team's own document needs (the built-in catalog and a
    // vendor of one's own): say so before answering.
    for host in &topology.hosts {
        for role in host.roles.iter().filter(|r| catalog.component(&r.value).is_none()) {
            eprintln!(
                "warning: {}: host `{}` has role `{}`, which the catalog ({}) lacks: its \
                 requirements are not part of this answer (`portolan check` says more)",
                topology.location(role.position),
                printable(&host.name),
                printable(&role.value),
                args.common.catalog.as_deref().unwrap_or("built-in; --catalog FILE for your own")
            );
        }
    }
    let imported = audit::import(&catalog, &topology, &files);
    let answer =
        audit::explain::explain(&catalog, &imported.topology, &args.from, &args.to, &args.port)
            .map_err(|e| Unusable(with_suggestion(&topology, &e)))?;
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

/// The error, with "did you mean" for a side that is a typo of a host or zone name (as check
/// and flows suggest; a newcomer typed `--from offce`).
fn with_suggestion(
    topology: &portolan_core::topology::Topology,
    error: &audit::explain::ExplainError,
) -> String {
    let audit::explain::ExplainError::UnknownSide(name) = error else { return error.to_string() };
    let names = topology
        .hosts
        .iter()
        .map(|h| h.name.as_str())
        .chain(topology.zones.iter().map(|z| z.name.as_str()));
    match portolan_core::topology::suggest::did_you_mean(name, names) {
        Some(near) => format!("{error}: did you mean `{}`?", printable(near)),
        None => error.to_string(),
    }
}
