//! The explain form's answer as HTML (rendered by the engine, every value escaped): the verdict,
//! the rules that decide it (topology line or host file:line, a click shows it), the planned
//! flows that carry the connection and the document rows that need it (links to the site).

// `verdict_key` and `html` are the engine's, in `checker-audit.js`'s module only; `problem` is
// the page's too.
#![cfg_attr(not(feature = "audit"), allow(dead_code))]

use std::fmt::Write;

use portolan_core::audit::explain::{Answer, Verdict};
use portolan_core::text::html_text;

use crate::html::{place, requirement_list};

/// `allowed`, `partly-allowed`, `denied`, `not-audited` (the answer's `data-verdict`).
pub fn verdict_key(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Allowed => "allowed",
        Verdict::PartlyAllowed => "partly-allowed",
        Verdict::Denied => "denied",
        Verdict::NotAudited => "not-audited",
    }
}

/// A question that has no answer (an unknown name, a bad port): what was expected.
pub fn problem(message: &str) -> String {
    format!("<p class=\"ck-explain-problem\" role=\"alert\">{}</p>", html_text(message))
}

pub fn html(a: &Answer, root: &str, topology_file: &str) -> String {
    let verdict = match a.verdict {
        Verdict::Allowed => "Allowed",
        Verdict::PartlyAllowed => "Partly allowed: only some of the addresses",
        Verdict::Denied => "Denied: no rule of the audited policy allows it",
        Verdict::NotAudited => {
            "Not audited: no policy and no imported ruleset decides it (add a ruleset for the host)"
        }
    };
    let mut out = format!(
        "<p class=\"ck-verdict ck-verdict-{key}\" data-verdict=\"{key}\"><strong>{verdict}</strong>: {} → {} on {}/{}</p>",
        html_text(&a.from),
        html_text(&a.to),
        a.port,
        a.transport.as_str(),
        key = verdict_key(a.verdict),
    );
    if !a.rules.is_empty() {
        out.push_str("<ul class=\"ck-explain-rules\" aria-label=\"Rules that allow it\">");
        for (i, rule) in a.rules.iter().enumerate() {
            let (goto, said) = place(&rule.location, topology_file);
            let _ = write!(
                out,
                "<li>{} rule {}{} <button type=\"button\" class=\"ck-link\"{goto}>{said}</button></li>",
                if i == 0 { "By" } else { "Also" },
                html_text(&rule.description),
                if rule.whole { "" } else { " (in part)" },
            );
        }
        out.push_str("</ul>");
    }
    if a.flows.is_empty() {
        out.push_str(
            "<p class=\"ck-muted\">No planned flow needs it: no requirement of the documents asks for this connection.</p>",
        );
    } else {
        out.push_str("<ul class=\"ck-explain-flows\" aria-label=\"Planned flows that carry it\">");
        for flow in &a.flows {
            let _ = write!(
                out,
                "<li>Carried by the planned flow {} → {} {} ({})",
                html_text(&flow.source),
                html_text(&flow.destination),
                html_text(&flow.ports),
                html_text(&flow.justification),
            );
            if let Some(l) = &flow.location {
                let (goto, said) = place(l, topology_file);
                let _ =
                    write!(out, " <button type=\"button\" class=\"ck-link\"{goto}>{said}</button>");
            }
            requirement_list(&mut out, &flow.requirements, "Requirements that need it", root);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out
}

#[cfg(test)]
mod tests {
    use portolan_core::audit::explain::{FlowRef, RuleRef};
    use portolan_core::diagnostic::SourceLocation;
    use portolan_core::model::Transport;

    use super::*;

    fn answer(verdict: Verdict) -> Answer {
        Answer {
            from: "zone <corp>".into(),
            to: "host cp1".into(),
            port: 6443,
            transport: Transport::Tcp,
            verdict,
            rules: vec![RuleRef {
                location: SourceLocation::new("cp1.nft", 12, 5),
                description: "tcp dport 6443 accept".into(),
                whole: true,
            }],
            unaudited: false,
            flows: vec![FlowRef {
                source: "corp".into(),
                destination: "cp1".into(),
                ports: "6443/tcp".into(),
                justification: "api".into(),
                location: Some(SourceLocation::new("t.yaml", 4, 3)),
                requirements: Vec::new(),
            }],
        }
    }

    #[test]
    fn the_rule_that_decides_links_its_file_and_line() {
        let html = html(&answer(Verdict::Allowed), "", "t.yaml");
        assert!(html.contains("data-verdict=\"allowed\""), "{html}");
        assert!(html.contains("zone &lt;corp&gt;"), "{html}");
        assert!(
            html.contains("data-goto=\"12:5\" data-file=\"cp1.nft\">cp1.nft line 12, col 5"),
            "{html}"
        );
        assert!(html.contains("data-goto=\"4:3\">line 4, col 3"), "{html}");
    }

    #[test]
    fn a_denied_connection_says_so() {
        let mut a = answer(Verdict::Denied);
        a.rules.clear();
        a.flows.clear();
        let html = html(&a, "", "t.yaml");
        assert!(html.contains("data-verdict=\"denied\""), "{html}");
        assert!(html.contains("No planned flow needs it"), "{html}");
    }
}
