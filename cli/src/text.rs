//! rustc-style text: `error[CODE]: message`, `--> file:line:col`, the source line and a caret.

use std::fmt::Write;

use portolan_core::audit::HostFile;
use portolan_core::check::{Finding, Report, codes};
use portolan_core::diagnostic::{Severity, SourceLocation};
use portolan_core::model::Catalog;
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

/// Like [`render`], with findings in imported files shown against their own text; `topology`
/// (its file name) is named in the next step after a clean check.
pub fn render_with(
    report: &Report,
    topology: &str,
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
    // `findings/P010.html` alone reads as a file to look for beside the topology.
    if site.is_none() && !report.findings.is_empty() {
        let _ = writeln!(
            out,
            "(`findings/…` and `platforms/…` are pages of the Portolan site, dist/ after `cargo \
             xtask site`; `--site URL` prints them as links)"
        );
    }
    let (errors, warnings, notes) = (report.errors(), report.warnings(), report.notes());
    if report.unusable {
        let _ = writeln!(out, "the topology cannot be used: {errors} error(s)");
    } else if errors + warnings + notes == 0 {
        let flows = report.plan.as_ref().map_or(0, |p| p.flows.len());
        let _ = writeln!(out, "ok: no findings ({flows} flows planned)");
        // The step after a clean check, which a newcomer otherwise looks up in the README.
        if !topology.is_empty() {
            let _ = writeln!(
                out,
                "next: `portolan plan {topology}` lists the flows; `portolan rules {topology} \
                 --target nftables -o DIR` writes a firewall per host"
            );
        }
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

/// The role a `P010-unknown-role` finding names (its message ends with "unknown role `X`").
fn unknown_role_of(f: &Finding) -> Option<&str> {
    if f.code != "P010-unknown-role" {
        return None;
    }
    let (_, rest) = f.message.split_once("unknown role `")?;
    rest.split_once('`').map(|(role, _)| role)
}

/// The next step when roles name a platform the catalog lacks: most often a newcomer's own
/// vendor, whose document is not in the built-in catalog (the P010 help names the platforms but
/// not how to add one). `catalog` is the `--catalog` path, `None` for the built-in one.
pub fn missing_platform_hint(
    report: &Report,
    catalog: &Catalog,
    catalog_path: Option<&str>,
    topology: &str,
) -> Option<String> {
    let mut missing: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| !f.help.as_deref().is_some_and(|h| h.starts_with("did you mean")))
        .filter_map(unknown_role_of)
        .filter_map(|role| role.split_once('/').map(|(platform, _)| platform))
        .filter(|platform| catalog.platform(platform).is_none())
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        return None;
    }
    let named = format!("`{}`", missing.join("`, `"));
    let (is_not, platform) =
        if missing.len() > 1 { ("are not", "platforms") } else { ("is not", "a platform") };
    let known: Vec<&str> = catalog.platforms.iter().map(|p| p.id.as_str()).collect();
    let known = known.join(", ");
    Some(match catalog_path {
        None => format!(
            "hint: {named} {is_not} {platform} of the built-in catalog ({known}: the documents of \
             content/ when this portolan was built). For a vendor of your own, put its document \
             in a content folder and check against the catalog the site build makes:\n  \
             site-gen build --content DIR --out SITE\n  \
             portolan check {topology} --catalog SITE/assets/catalog.js\n"
        ),
        Some(path) => format!(
            "hint: the catalog {path} has no platform {named} (it has {known}). The slug is the \
             document's front-matter `platform:`; was that document in the content folder the \
             site was built from?\n"
        ),
    })
}

#[cfg(test)]
mod tests {
    use portolan_core::check::check_text;
    use portolan_core::model::Catalog;
    use portolan_core::topology::Format;

    use super::missing_platform_hint;

    fn hint_for(topology: &str, catalog_path: Option<&str>) -> Option<String> {
        let catalog: Catalog =
            serde_json::from_str(crate::BUILTIN_CATALOG).expect("built-in catalog");
        let (_, report) = check_text(&catalog, topology, "t.yaml", Format::Yaml);
        missing_platform_hint(&report, &catalog, catalog_path, "t.yaml")
    }

    const OWN_VENDOR: &str = "zones: { lan: { cidrs: [10.0.0.0/24] } }\nhosts:\n  \
                              vk1: { zone: lan, address: 10.0.0.5, roles: [vaultkeep/appliance] }\n";

    /// Regression: a newcomer's own vendor was only "unknown role", with no word of `--catalog`.
    #[test]
    fn own_vendor_role_names_the_site_build_and_catalog_step() {
        let hint = hint_for(OWN_VENDOR, None).expect("a hint");
        assert!(hint.contains("`vaultkeep` is not a platform of the built-in catalog"), "{hint}");
        assert!(hint.contains("site-gen build --content DIR --out SITE"), "{hint}");
        assert!(hint.contains("portolan check t.yaml --catalog SITE/assets/catalog.js"), "{hint}");
        let given = hint_for(OWN_VENDOR, Some("site/assets/catalog.js")).expect("a hint");
        assert!(given.contains("the catalog site/assets/catalog.js has no platform `vaultkeep`"));
    }

    /// Regression (the newcomer walk): "about P010: findings/P010.html" did not say where that
    /// file is.
    #[test]
    fn relative_page_links_say_they_are_pages_of_the_site() {
        let catalog: Catalog =
            serde_json::from_str(crate::BUILTIN_CATALOG).expect("built-in catalog");
        let (_, report) = check_text(&catalog, OWN_VENDOR, "t.yaml", Format::Yaml);
        let bare = super::render(&report, OWN_VENDOR, None);
        assert!(bare.contains("are pages of the Portolan site"), "{bare}");
        let linked = super::render(&report, OWN_VENDOR, Some("https://example.org"));
        assert!(!linked.contains("are pages of the Portolan site"), "{linked}");
    }

    #[test]
    fn a_known_platform_or_a_near_typo_gets_no_hint() {
        let typo = OWN_VENDOR.replace("vaultkeep/appliance", "openlm/ingres");
        assert_eq!(hint_for(&typo, None), None);
        let known = OWN_VENDOR.replace("vaultkeep/appliance", "openlm/ingress");
        assert_eq!(hint_for(&known, None), None);
    }
}
