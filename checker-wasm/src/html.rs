//! The result panels as HTML text. Lists of hundreds of findings or hosts are rendered as one
//! string (every value escaped) and set with `inner_html`, and clicks are delegated: this keeps
//! the wasm small and large results fast. The page's structure is the site's template
//! (`checker.html`); Leptos signals hold the state these strings are drawn from.

use std::fmt::Write;

use portolan_core::Severity;
use portolan_core::check::{Finding, RequirementRef};
use portolan_core::diagnostic::SourceLocation;
#[cfg(feature = "rules")]
use portolan_core::emit::EmitNote;
use portolan_core::text::html_text;

use crate::analysis::{Analysis, HostPorts};

/// Findings shown before "Show all".
pub const FIRST_FINDINGS: usize = 100;
/// Hosts shown in the port map before "Show all".
pub const FIRST_HOSTS: usize = 30;
/// Ports listed in one matrix cell before "+N more".
const CELL_PORTS: usize = 8;

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_owned() } else { format!("{word}s") }
}

/// `<li>` items of the findings list. `data-goto="line:column"` marks what a click jumps to;
/// `data-file` names the host file it is in when that is not the topology (`topology_file`).
pub fn findings(findings: &[Finding], limit: usize, root: &str, topology_file: &str) -> String {
    let mut out = String::new();
    for f in findings.iter().take(limit) {
        finding(&mut out, f, root, topology_file);
    }
    out
}

/// ` data-goto="3:1"`, with ` data-file="cp1.nft"` for a place in a host file, and how it reads
/// (`line 3, col 1`, `cp1.nft line 3, col 1`).
pub fn place(l: &SourceLocation, topology_file: &str) -> (String, String) {
    let mut goto = format!(" data-goto=\"{}:{}\"", l.line, l.column);
    let mut said = format!("line {}, col {}", l.line, l.column);
    if l.file != topology_file {
        let _ = write!(goto, " data-file=\"{}\"", html_text(&l.file));
        said = format!("{} {said}", html_text(&l.file));
    }
    (goto, said)
}

fn finding(out: &mut String, f: &Finding, root: &str, topology_file: &str) {
    let (severity, label) = match f.severity {
        Severity::Error => ("error", "Error"),
        Severity::Warning => ("warning", "Warning"),
        Severity::Note => ("note", "Note"),
    };
    let (goto, line_attr, said) = match &f.location {
        Some(l) => {
            let (goto, said) = place(l, topology_file);
            (goto, format!(" data-line=\"{}\"", l.line), said)
        }
        None => (String::new(), String::new(), "no location".to_owned()),
    };
    let _ = write!(
        out,
        "<li class=\"ck-finding ck-{severity}\" data-code=\"{code}\" data-severity=\"{severity}\"{line_attr}>\
         <button type=\"button\" class=\"ck-finding-main\" title=\"Show this line in the editor\"{goto}>\
         <span class=\"ck-sev ck-sev-{severity}\">{label}</span> <code class=\"ck-code-id\">{code}</code> \
         <span class=\"ck-loc\">{said}</span><span class=\"ck-msg\">{message}</span></button>",
        code = html_text(f.code),
        message = html_text(&f.message),
    );
    if let Some(help) = &f.help {
        let _ = write!(out, "<p class=\"ck-hint\">{}</p>", html_text(help));
    }
    // The site's page about the code: what it means, why, what to do.
    let short = portolan_core::check::codes::short(f.code);
    let _ = write!(
        out,
        "<a class=\"ck-explain\" href=\"{root}{page}\">What {short} means and how to fix it</a>",
        root = html_text(root),
        page = portolan_core::check::codes::page(f.code),
        short = html_text(short),
    );
    if !f.related.is_empty() {
        out.push_str("<ul class=\"ck-related\">");
        for r in &f.related {
            let (goto, said) = place(&r.location, topology_file);
            let _ = write!(
                out,
                "<li><button type=\"button\" class=\"ck-link\"{goto}>{said}</button> {}</li>",
                html_text(&r.message),
            );
        }
        out.push_str("</ul>");
    }
    requirement_list(out, &f.requirements, "Requirements behind this finding", root);
    out.push_str("</li>");
}

/// The document rows behind a finding or a planned flow, each linked to its row on the site
/// (nothing when there are none).
pub fn requirement_list(
    out: &mut String,
    requirements: &[RequirementRef],
    label: &str,
    root: &str,
) {
    if requirements.is_empty() {
        return;
    }
    let _ = write!(out, "<ul class=\"ck-reqs\" aria-label=\"{}\">", html_text(label));
    for r in requirements {
        let _ = write!(
            out,
            "<li><a href=\"{}{}\">{}</a> <span class=\"ck-muted\">{}</span></li>",
            html_text(root),
            html_text(&r.link),
            html_text(&r.id),
            html_text(&r.summary)
        );
    }
    out.push_str("</ul>");
}

/// The summary as a `<dl>`'s contents.
pub fn summary(a: &Analysis, file: &str, ms: &str) -> String {
    let s = &a.summary;
    let policy = match s.policy_rules {
        Some(n) => format!("{n} {} audited", plural(n, "rule")),
        None => "none (not audited)".to_owned(),
    };
    let name = s.name.clone().unwrap_or_else(|| file.to_owned());
    let items: [(&str, String); 8] = [
        ("Topology", name),
        ("Zones", s.zones.to_string()),
        ("Hosts", s.hosts.to_string()),
        ("Roles placed", s.roles.to_string()),
        ("Extra services", s.services.to_string()),
        ("Planned flows", s.flows.to_string()),
        ("Policy", policy),
        ("Checked in", format!("{ms} ms")),
    ];
    let mut out = String::new();
    for (k, v) in items {
        let _ = write!(out, "<div><dt>{k}</dt><dd>{}</dd></div>", html_text(&v));
    }
    out
}

/// Port map rows (`<tr>`s). Each row is one tab stop (the host's button); its port links are
/// reached with the arrow keys (`tabindex="-1"`, see `keys::port_map`), so that a map of many
/// hosts does not cost hundreds of Tab presses.
pub fn port_rows(hosts: &[HostPorts], limit: usize, root: &str) -> String {
    let mut out = String::new();
    for h in &hosts[..hosts.len().min(limit)] {
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><button type=\"button\" class=\"ck-link\" title=\"Show this host in the editor\" data-goto=\"{}:1\">{}</button><small>{} · {}</small></th><td>",
            h.line,
            html_text(&h.host),
            html_text(&h.zone),
            html_text(&h.addresses.join(", "))
        );
        if h.listeners.is_empty() {
            out.push_str("<span class=\"ck-muted\">nothing listens</span>");
        }
        out.push_str("<ul class=\"ck-ports\">");
        for l in &h.listeners {
            port_chip(&mut out, l, root);
        }
        out.push_str("</ul></td></tr>");
    }
    out
}

/// One port of one owner. A collision or a dynamic range is said in words and marked with a
/// sign, not by colour alone.
fn port_chip(out: &mut String, l: &crate::analysis::PortRow, root: &str) {
    let (class, sign, said) = if l.clash {
        (
            "ck-port ck-clash",
            "<span class=\"ck-sign\" aria-hidden=\"true\">⚠</span>",
            "<span class=\"vh\"> (collision)</span>",
        )
    } else if l.dynamic {
        (
            "ck-port ck-dynamic",
            "<span class=\"ck-sign\" aria-hidden=\"true\">↔</span>",
            "<span class=\"vh\"> (dynamic range)</span>",
        )
    } else {
        ("ck-port", "", "")
    };
    let title = if l.purposes.is_empty() {
        l.owner.clone()
    } else {
        format!("{}: {}", l.owner, l.purposes.join("; "))
    };
    let label = format!("{}/{}", l.ports, l.transport);
    let port = match l.links.first() {
        Some((_, link)) => format!(
            "<a tabindex=\"-1\" href=\"{}{}\">{label}</a>",
            html_text(root),
            html_text(link)
        ),
        None => format!("<span>{label}</span>"),
    };
    let _ = write!(
        out,
        "<li class=\"{class}\" title=\"{}\">{sign}{port}{said} <span class=\"ck-owner\">{}</span>",
        html_text(&title),
        html_text(&l.owner)
    );
    if l.links.len() > 1 {
        out.push_str(" <span class=\"ck-rows\">rows");
        for (id, link) in &l.links {
            let anchor = id.rsplit('/').next().unwrap_or(id);
            let _ = write!(
                out,
                " <a tabindex=\"-1\" href=\"{}{}\" aria-label=\"{} row {}\">{}</a>",
                html_text(root),
                html_text(link),
                html_text(&l.owner),
                html_text(anchor),
                html_text(anchor)
            );
        }
        out.push_str("</span>");
    }
    out.push_str("</li>");
}

/// The zone × zone matrix as a whole `<table>`, or a sentence when there are no flows.
pub fn matrix(a: &Analysis) -> String {
    let m = &a.matrix;
    if m.cells.is_empty() {
        return "<p class=\"ck-muted\">No flows planned yet: place catalog roles on hosts.</p>"
            .to_owned();
    }
    let mut out = String::from(
        "<div class=\"ck-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Flow matrix, scrollable table\"><table id=\"checker-matrix\" class=\"ck-table ck-matrix\">\
         <caption class=\"ck-muted\">Planned flows: rows are sources, columns destinations; each cell counts port/transport pairs.</caption>\
         <thead><tr><td>from \\ to</td>",
    );
    for d in &m.destinations {
        let _ = write!(out, "<th scope=\"col\">{}</th>", html_text(d));
    }
    out.push_str("</tr></thead><tbody>");
    for s in &m.sources {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", html_text(s));
        for d in &m.destinations {
            match m.cell(s, d) {
                None => {
                    out.push_str("<td class=\"ck-none\"><span class=\"vh\">no flow</span></td>")
                }
                Some(ports) => {
                    let all: Vec<&str> = ports.iter().map(String::as_str).collect();
                    let mut text =
                        all.iter().take(CELL_PORTS).copied().collect::<Vec<_>>().join(" ");
                    if all.len() > CELL_PORTS {
                        let _ = write!(text, " +{} more", all.len() - CELL_PORTS);
                    }
                    let _ = write!(
                        out,
                        "<td title=\"{}\" data-from=\"{}\" data-to=\"{}\"><span class=\"ck-n\">{}</span> <span class=\"ck-cellports\">{}</span></td>",
                        html_text(&all.join(", ")),
                        html_text(s),
                        html_text(d),
                        all.len(),
                        html_text(&text)
                    );
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The emitter's notes as `<li>`s (the engine's, in the on-demand module only).
#[cfg(feature = "rules")]
pub fn notes(notes: &[EmitNote]) -> String {
    let mut out = String::new();
    for n in notes {
        let kind = n.kind.label();
        let ids = if n.requirements.is_empty() {
            String::new()
        } else {
            format!(" [{}]", n.requirements.join(", "))
        };
        let _ = write!(
            out,
            "<li><span class=\"ck-sev ck-sev-note\">{kind}</span> {}{}</li>",
            html_text(&n.message),
            html_text(&ids)
        );
    }
    out
}

/// `<option>`s with `selected` on the current value.
pub fn options<'a>(values: impl Iterator<Item = (&'a str, &'a str)>, current: &str) -> String {
    let mut out = String::new();
    for (value, label) in values {
        let selected = if value == current { " selected" } else { "" };
        let _ = write!(
            out,
            "<option value=\"{}\"{selected}>{}</option>",
            html_text(value),
            html_text(label)
        );
    }
    out
}

/// Where a click landed (the nearest `[data-goto]`), for delegated handlers: the host file
/// (`None` for the topology) and its `line:column`.
pub fn goto_target(ev: &web_sys::Event) -> Option<(Option<String>, u32, u32)> {
    use wasm_bindgen::JsCast;
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let element = target.closest("[data-goto]").ok()??;
    let attr = element.get_attribute("data-goto")?;
    let (line, column) = attr.split_once(':')?;
    Some((element.get_attribute("data-file"), line.parse().ok()?, column.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped() {
        assert_eq!(html_text(r#"x"; <b>&'"#), "x&quot;; &lt;b&gt;&amp;&#39;");
        let mut f = Finding::error("P010-unknown-role", "role `<script>` is unknown");
        f.help = Some("did you mean \"a\"?".into());
        let html = findings(&[f], 10, "", "t.yaml");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    /// Every finding links the site's page about its code (what, why, what to do).
    #[test]
    fn findings_link_the_page_about_their_code() {
        let f = Finding::error("P050-flow-blocked", "blocked");
        let html = findings(&[f], 10, "../", "t.yaml");
        assert!(html.contains("href=\"../findings/P050.html\">What P050 means"), "{html}");
    }

    /// A finding in a host file names the file and carries it to the click (issue 14); one in
    /// the topology does not.
    #[test]
    fn findings_in_a_host_file_name_it() {
        let at = |file: &str| SourceLocation::new(file, 7, 3);
        let imported =
            Finding::error("P060-import-unreadable", "cut short").at(at("cp1 \"x\".nft"));
        let html = findings(&[imported], 10, "", "t.yaml");
        assert!(html.contains("data-goto=\"7:3\" data-file=\"cp1 &quot;x&quot;.nft\""), "{html}");
        assert!(html.contains("cp1 &quot;x&quot;.nft line 7, col 3"), "{html}");
        let own = Finding::error("P010-unknown-role", "no such role").at(at("t.yaml"));
        let html = findings(&[own], 10, "", "t.yaml");
        assert!(html.contains("data-goto=\"7:3\">") && !html.contains("data-file"), "{html}");
    }

    /// P045 (conditional rows not enabled) is a note: said as one, not as a warning.
    #[test]
    fn a_note_is_labelled_as_a_note() {
        let f = Finding::note("P045-conditional-unenabled", "a/web has 1 conditional row");
        let html = findings(&[f], 10, "", "t.yaml");
        assert!(html.contains("data-severity=\"note\"") && html.contains(">Note</span>"), "{html}");
        assert!(!html.contains("Warning"), "{html}");
    }

    #[test]
    fn findings_link_to_the_page_of_their_code() {
        let f = Finding::warning("P052-rule-too-wide", "rule x is wide");
        let html = findings(&[f], 10, "../", "t.yaml");
        assert!(html.contains("href=\"../findings/P052.html\""), "{html}");
    }

    #[test]
    fn a_collision_is_said_in_words_not_colour_alone() {
        let row = crate::analysis::PortRow {
            ports: "443".into(),
            transport: "tcp",
            owner: "a/web".into(),
            purposes: vec!["HTTPS".into()],
            links: vec![
                ("a/r-1".into(), "platforms/a.html#r-1".into()),
                ("a/r-9".into(), "platforms/a.html#r-9".into()),
            ],
            dynamic: false,
            clash: true,
        };
        let mut html = String::new();
        port_chip(&mut html, &row, "");
        assert!(html.contains("(collision)") && html.contains("⚠"), "{html}");
        assert_eq!(html.matches("<li").count(), 1, "{html}");
        assert!(html.contains("#r-9") && html.contains("a/web row r-9"), "{html}");
    }
}
