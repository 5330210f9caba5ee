//! Conditional and optional rows of a placed component that `enable` does not name. They are
//! planned only when enabled (see [`crate::plan::is_active`]), so a deployment that meets the
//! condition ("if clustering is enabled") gets no rule for them: an outage nobody was told
//! about. One note per component, at its first role line, with the rows attached, so a
//! platform with twenty optional ports does not bury the real warnings. Groups of alternatives
//! ("8443 or 443") are P044's and left out here.

use std::collections::HashSet;

use super::{Check, Context, Finding};
use crate::model::{Necessity, Requirement};
use crate::plan;

pub(crate) const CHECK: Check = Check { code: "P045-conditional-unenabled", run };

/// How many rows the message itself names; the rest are in the finding's requirements.
const NAMED_IN_MESSAGE: usize = 4;

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen: HashSet<&str> = HashSet::new();
    let placed = cx.roles.iter().flatten().filter(|(component, _)| seen.insert(component));
    for &(component, position) in placed {
        let rows: Vec<&Requirement> = cx
            .catalog
            .requirements()
            .filter(|r| r.component == component && r.alternatives().is_none())
            .filter(|r| plan::applies(r, cx.topology) && !plan::is_active(r, &cx.enabled))
            .collect();
        let Some(first) = rows.first() else { continue };
        let named: Vec<String> = rows.iter().take(NAMED_IN_MESSAGE).map(|r| describe(r)).collect();
        let more = match rows.len().saturating_sub(NAMED_IN_MESSAGE) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let finding = Finding::note(
            CHECK.code,
            format!(
                "{component} has {} conditional or optional row(s) `enable` does not name, so no rule opens them: {}{more}",
                rows.len(),
                named.join("; ")
            ),
        )
        .at(cx.topology.location(position))
        .help(format!(
            "if your deployment meets a row's condition, add its id to `enable` (e.g. `enable: [{}]`), or `{component}` for all of them",
            first.id
        ))
        .requirements(rows.iter().copied());
        out.push(finding);
    }
}

/// Conditions longer than this are cut in the message (the linked row has them whole).
const CONDITION_CHARS: usize = 60;

/// `8472/udp (conditional: flannel's VXLAN backend, openlm/node-8472-udp)`.
fn describe(row: &Requirement) -> String {
    let ports = match row.transport {
        Some(t) => format!("{}/{t}", row.ports),
        None => row.ports.to_string(),
    };
    let cut = |text: &str| {
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let cut: String = words.chars().take(CONDITION_CHARS).collect();
        if cut.len() < words.len() { format!("{}…", cut.trim_end()) } else { cut }
    };
    let condition = row.condition.as_deref().filter(|c| !restates_necessity(c));
    let why = match (row.necessity, condition, row.purpose.as_deref()) {
        (Some(Necessity::Conditional), Some(condition), _) => {
            format!("conditional: {}", cut(condition))
        }
        // No condition worth the words: what the port is for says more.
        (necessity, _, Some(purpose)) if !purpose.trim().is_empty() => {
            format!("{}, {}", necessity.map_or("optional", Necessity::as_str), cut(purpose))
        }
        (necessity, _, _) => necessity.map_or("optional", Necessity::as_str).to_owned(),
    };
    format!("{ports} ({why}, {})", row.id)
}

/// A condition that only repeats the cell it came from ("Required: Conditional"): no condition.
fn restates_necessity(condition: &str) -> bool {
    let words: Vec<&str> = crate::text::ascii_words(condition).collect();
    words.len() <= 2
        && words
            .last()
            .is_some_and(|w| Necessity::ALL.iter().any(|n| n.as_str().eq_ignore_ascii_case(w)))
}
