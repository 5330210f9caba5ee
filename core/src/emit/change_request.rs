//! The change-request sheet firewall teams ask for: one row per flow, as CSV (RFC 4180, with
//! spreadsheet formula guard) and as a Markdown table. Each row references the document rows
//! behind it (`platforms/<platform>.html#<anchor>`) and, with a catalog, their `file:line`.
//! A plan group's addresses are listed once, in the groups sheet (`<topology>-groups.csv` and
//! `.md`, one row per member), and rows name the group (`group openlm@cluster`), the way
//! firewall teams define object groups: the sheets grow with the flows, not hosts × flows.

use std::fmt::Write as _;

use super::{EmitError, Emitted, Input, Scope, Spec, quote};
use crate::plan::access::{is_access_id, is_egress, is_management};
use crate::plan::{Endpoint, Flow, FlowPlan};

pub const SPEC: Spec = Spec {
    name: "change-request",
    description: "firewall change-request sheet (CSV and Markdown), one row per flow",
    scope: Scope::Network,
    emit,
};

/// The columns of the groups sheet.
pub const GROUP_COLUMNS: [&str; 5] = ["#", "group", "description", "member", "addresses"];

/// What the address cells say for a plan group: its members are in the groups sheet.
pub fn group_cell(name: &str) -> String {
    format!("group {name}")
}

pub const COLUMNS: [&str; 13] = [
    "#",
    "source",
    "source addresses",
    "destination",
    "destination addresses",
    "port",
    "protocol",
    "direction",
    "necessity",
    "justification",
    "requirements",
    "references",
    "document locations",
];

/// One row of the sheet, as text cells (the CSV parse-back reads the same shape).
pub fn row(index: usize, flow: &Flow, plan: &FlowPlan, input: &Input<'_>) -> [String; 13] {
    let addresses = |e: &Endpoint| match (e, plan.networks(e)) {
        (Endpoint::Group { name }, _) => group_cell(name),
        (_, None) => "any".to_owned(),
        (_, Some(nets)) => nets.iter().map(ToString::to_string).collect::<Vec<_>>().join(" "),
    };
    let direction = match flow.destination {
        Endpoint::Host(_) | Endpoint::Group { .. } => "inbound",
        Endpoint::Zone { .. } | Endpoint::Any => "outbound",
    };
    // Management access and baseline egress come from the topology, not a document.
    let topology_place = || match &flow.location {
        Some(at) => format!("{}:{}", at.file, at.line),
        None => input.topology.file.clone(),
    };
    let references = flow
        .requirements
        .iter()
        .map(|id| if is_access_id(id) { topology_place() } else { reference(id, input) })
        .collect::<Vec<_>>()
        .join(" ");
    let locations = flow
        .requirements
        .iter()
        .map(|id| match input.catalog.and_then(|c| c.requirement(id)) {
            Some(r) => format!("{}:{}", r.source.file, r.source.line),
            None if is_access_id(id) => topology_place(),
            None => "-".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    [
        (index + 1).to_string(),
        flow.source.label(),
        addresses(&flow.source),
        flow.destination.label(),
        addresses(&flow.destination),
        flow.ports.to_string(),
        flow.transport.as_str().to_owned(),
        direction.to_owned(),
        flow.necessity.as_str().to_owned(),
        flow.justification.to_string(),
        flow.requirements.join(" "),
        references,
        locations,
    ]
}

/// `platforms/openlm.html#r-ingress-80-tcp-nopeer` for requirement `openlm/ingress-80-tcp-nopeer`.
fn reference(id: &str, input: &Input<'_>) -> String {
    let (platform, anchor) = match input.catalog.and_then(|c| c.requirement(id)) {
        Some(r) => (r.platform().to_owned(), r.anchor.clone()),
        None => match id.split_once('/') {
            Some((p, a)) => (p.to_owned(), a.to_owned()),
            None => (id.to_owned(), String::new()),
        },
    };
    crate::site_path::requirement_row(&platform, &anchor)
}

/// A sheet as CSV (RFC 4180 with the formula guard).
fn csv_sheet<const N: usize>(columns: &[&str; N], rows: &[[String; N]]) -> String {
    let mut csv = String::new();
    for cells in std::iter::once(columns.map(str::to_owned)).chain(rows.iter().cloned()) {
        let cells: Vec<String> = cells.iter().map(|c| quote::csv_field(c)).collect();
        let _ = write!(csv, "{}\r\n", cells.join(","));
    }
    csv
}

/// A sheet as a Markdown table, appended to `md`.
fn markdown_table<const N: usize>(md: &mut String, columns: &[&str; N], rows: &[[String; N]]) {
    let _ = writeln!(md, "| {} |", columns.join(" | "));
    let _ = writeln!(md, "|{}", "---|".repeat(N));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| quote::markdown_cell(c)).collect();
        let _ = writeln!(md, "| {} |", cells.join(" | "));
    }
}

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    let plan = input.plan;
    let name = super::topology_name(input.topology);
    let slug = quote::file_slug(&name);
    let rows: Vec<[String; 13]> =
        plan.flows.iter().enumerate().map(|(i, f)| row(i, f, plan, input)).collect();
    out.file(format!("change-request/{slug}.csv"), csv_sheet(&COLUMNS, &rows));

    let mut md = String::new();
    let _ = writeln!(md, "# Firewall change request: {}\n", quote::markdown_cell(&name));
    let _ = writeln!(
        md,
        "Generated by Portolan from the flow plan: {} flows, default deny for everything else.\n",
        rows.len()
    );
    for line in lockout_notice(plan) {
        let _ = writeln!(md, "{line}");
    }
    markdown_table(&mut md, &COLUMNS, &rows);
    if !plan.notes.is_empty() {
        let _ = writeln!(md, "\n## Not planned or assumed\n");
        for note in &plan.notes {
            let _ = writeln!(md, "- {}", quote::markdown_cell(&note.message));
        }
    }
    out.file(format!("change-request/{slug}.md"), md);

    // The groups the rows name, each member once.
    let mut named: Vec<&str> = plan
        .flows
        .iter()
        .flat_map(|f| [&f.source, &f.destination])
        .filter_map(|e| if let Endpoint::Group { name } = e { Some(&**name) } else { None })
        .collect();
    crate::order::sort_dedup(&mut named);
    if !named.is_empty() {
        let mut rows: Vec<[String; 5]> = Vec::new();
        for group in named.iter().filter_map(|n| plan.group(n)) {
            for member in &group.members {
                let addresses =
                    member.addresses.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ");
                rows.push([
                    (rows.len() + 1).to_string(),
                    group.name.to_string(),
                    group.description.to_string(),
                    member.name.to_string(),
                    addresses,
                ]);
            }
        }
        out.file(format!("change-request/{slug}-groups.csv"), csv_sheet(&GROUP_COLUMNS, &rows));
        let mut md = String::new();
        let _ =
            writeln!(md, "# Host groups of the change request: {}\n", quote::markdown_cell(&name));
        let _ =
            writeln!(md, "The rows of the change request that name a group mean these hosts.\n");
        markdown_table(&mut md, &GROUP_COLUMNS, &rows);
        out.file(format!("change-request/{slug}-groups.md"), md);
    }
    Ok(())
}

/// What applying the change cuts and keeps, above the table: management and egress rows, or a
/// warning when no row keeps management access (SSH) open.
fn lockout_notice(plan: &FlowPlan) -> Vec<String> {
    let rows = |keep: fn(&Flow) -> bool| {
        plan.flows
            .iter()
            .enumerate()
            .filter(|(_, f)| keep(f))
            .map(|(i, _)| format!("#{}", i + 1))
            .collect::<Vec<_>>()
    };
    let management = rows(is_management);
    let egress = rows(is_egress);
    let mut lines = Vec::new();
    if management.is_empty() {
        lines.push("**Warning: no management access.** The topology names no `management` entry, so no row below keeps SSH open: applying these rules on hosts reached over SSH locks the operators out. Add `management: [{ from: <admin zone or host>, ports: [22/tcp] }]` to the topology.\n".to_owned());
    } else {
        lines.push(format!(
            "Management access (kept open on every host it names): rows {}.\n",
            management.join(", ")
        ));
    }
    if !egress.is_empty() {
        lines.push(format!(
            "Baseline egress (DNS, NTP and the topology's `egress`): rows {}.\n",
            egress.join(", ")
        ));
    }
    lines
}
