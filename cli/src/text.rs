//! rustc-style text: `error[CODE]: message`, `--> file:line:col`, the source line and a caret.

use std::fmt::Write;

use portolan_core::audit::HostFile;
use portolan_core::check::{Finding, Report, codes};
use portolan_core::diagnostic::{Severity, SourceLocation};
use portolan_core::plan::{Endpoint, FlowPlan};

fn link(site: Option<&str>, relative: &str) -> String {
    match site {
        Some(base) => format!("{}/{relative}", base.trim_end_matches('/')),
        None => relative.to_owned(),
    }
}

/// The source line with a caret under `column`; tabs kept so the caret lines up.
fn snippet(out: &mut String, source: &str, location: &SourceLocation) {
    let Some(line) = source.lines().nth(location.line.saturating_sub(1) as usize) else { return };
    let number = location.line.to_string();
    let pad = " ".repeat(number.len());
    let shown: String = line.chars().take(200).collect();
    let caret: String = line
        .chars()
        .take(location.column.saturating_sub(1) as usize)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{number} | {shown}");
    let _ = writeln!(out, "{pad} | {caret}^");
}

fn finding(out: &mut String, f: &Finding, source: &str, site: Option<&str>) {
    let pad = " ".repeat(f.location.as_ref().map_or(1, |l| l.line.to_string().len()));
    let severity = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    let _ = writeln!(out, "{severity}[{}]: {}", f.code, f.message);
    if let Some(location) = &f.location {
        let _ = writeln!(out, "{pad}--> {location}");
        snippet(out, source, location);
    }
    for related in &f.related {
        let _ = writeln!(out, "{pad} = note: {} ({})", related.message, related.location);
    }
    if let Some(help) = &f.help {
        let _ = writeln!(out, "{pad} = help: {help}");
    }
    // What the code means and what to do: the site's page about it.
    let _ = writeln!(
        out,
        "{pad} = about {}: {}",
        codes::short(f.code),
        link(site, &codes::page(f.code))
    );
    for r in &f.requirements {
        let _ = writeln!(
            out,
            "{pad} = requirement: {} {} ({}:{}) {}",
            r.id,
            r.summary,
            r.source.file,
            r.source.line,
            link(site, &r.link)
        );
    }
    out.push('\n');
}

pub fn render(report: &Report, source: &str, site: Option<&str>) -> String {
    render_with(report, "", source, &[], site)
}

/// Like [`render`], with findings in imported files shown against their own text.
pub fn render_with(
    report: &Report,
    _topology: &str,
    source: &str,
    files: &[HostFile],
    site: Option<&str>,
) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let text = f
            .location
            .as_ref()
            .and_then(|l| files.iter().find(|file| file.file == l.file))
            .map_or(source, |file| file.text.as_str());
        finding(&mut out, f, text, site);
    }
    let (errors, warnings, notes) = (report.errors(), report.warnings(), report.notes());
    if report.unusable {
        let _ = writeln!(out, "the topology cannot be used: {errors} error(s)");
    } else if errors + warnings + notes == 0 {
        let flows = report.plan.as_ref().map_or(0, |p| p.flows.len());
        let _ = writeln!(out, "ok: no findings ({flows} flows planned)");
    } else if notes == 0 {
        let _ = writeln!(out, "{errors} error(s), {warnings} warning(s)");
    } else {
        let _ = writeln!(out, "{errors} error(s), {warnings} warning(s), {notes} note(s)");
    }
    out
}

fn endpoint(e: &Endpoint) -> String {
    match e {
        Endpoint::Any => "any".to_owned(),
        Endpoint::Zone { name, cidrs } => {
            let nets: Vec<String> = cidrs.iter().map(ToString::to_string).collect();
            format!("zone {name} ({})", nets.join(", "))
        }
        Endpoint::Group { name } => format!("group {name}"),
        Endpoint::Host(h) => {
            let addresses: Vec<String> = h.addresses.iter().map(ToString::to_string).collect();
            format!("host {} ({})", h.name, addresses.join(", "))
        }
    }
}

pub fn render_flows(plan: &FlowPlan) -> String {
    let mut out = String::new();
    for group in &plan.groups {
        let members: Vec<String> = group.members.iter().map(|m| m.name.clone()).collect();
        let _ =
            writeln!(out, "group {}: {} ({})", group.name, members.join(", "), group.description);
    }
    if !plan.groups.is_empty() {
        out.push('\n');
    }
    for flow in &plan.flows {
        let _ = writeln!(
            out,
            "{} -> {}  {}/{}  {}  [{}]\n    # {}",
            endpoint(&flow.source),
            endpoint(&flow.destination),
            flow.ports,
            flow.transport,
            flow.necessity.as_str(),
            flow.requirements.join(", "),
            flow.justification
        );
    }
    if !plan.notes.is_empty() {
        out.push('\n');
    }
    for note in &plan.notes {
        let at = note.location.as_ref().map(|l| format!("{l}: ")).unwrap_or_default();
        let _ = writeln!(out, "note: {at}{}", note.message);
    }
    let _ = writeln!(
        out,
        "{} flows, {} groups, {} notes",
        plan.flows.len(),
        plan.groups.len(),
        plan.notes.len()
    );
    out
}
