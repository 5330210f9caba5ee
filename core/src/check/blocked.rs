//! A planned flow the audited policy does not allow, naming the missing rule.

use std::collections::HashMap;

use super::grid::Blocked;
use super::RequirementRef;
use super::{Check, Context, Finding};
use crate::model::Necessity;
use crate::plan::{Endpoint, Flow, FlowPlan};
use crate::topology::parse::printable;

pub(crate) const CHECK: Check = Check {
    code: "P050-flow-blocked",
    name: "flow-blocked",
    summary: "The audited policy does not allow a flow the placed roles need.",
    run,
};

/// How a flow endpoint is written in a policy rule.
pub(crate) fn rule_endpoint(plan: &FlowPlan, endpoint: &Endpoint) -> String {
    match endpoint {
        Endpoint::Any => "any".to_owned(),
        Endpoint::Zone { name, .. } => printable(name),
        Endpoint::Host(host) => printable(&host.name),
        Endpoint::Group { name } => {
            let members = plan.group(name).map_or(&[][..], |g| g.members.as_slice());
            let names: Vec<String> = members.iter().take(6).map(|h| printable(&h.name)).collect();
            if members.len() > names.len() {
                format!("[{}, … {} hosts in all]", names.join(", "), members.len())
            } else {
                format!("[{}]", names.join(", "))
            }
        }
    }
}

pub(crate) fn suggested_rule(plan: &FlowPlan, flow: &Flow) -> String {
    format!(
        "- {{ from: {}, to: {}, ports: [{}/{}] }}",
        rule_endpoint(plan, &flow.source),
        rule_endpoint(plan, &flow.destination),
        flow.ports,
        flow.transport
    )
}

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(grid) = &cx.grid else { return };
    let mut grid = grid.borrow_mut();
    // Many flows share requirements: build each reference once.
    let mut references: HashMap<&str, RequirementRef> = HashMap::new();
    for flow in &cx.plan.flows {
        let Some(blocked) = grid.blocked(&cx.plan, flow) else { continue };
        let (partly, witness) = match &blocked {
            Blocked::Partly(w) => (true, w),
            Blocked::Wholly(w) => (false, w),
        };
        let message = format!(
            "the policy {} {} → {} on {}/{} ({}){}",
            if partly { "does not fully allow" } else { "does not allow" },
            flow.source.label(),
            flow.destination.label(),
            flow.ports,
            flow.transport,
            flow.necessity.as_str(),
            if partly {
                format!(": e.g. {} is denied", witness.describe())
            } else {
                String::new()
            }
        );
        let mut finding = if flow.necessity == Necessity::Required {
            Finding::error(CHECK.code, message)
        } else {
            Finding::warning(CHECK.code, message)
        }
        .at_opt(flow.location.as_deref().cloned())
        .help(format!("add the rule `{}` ({})", suggested_rule(&cx.plan, flow), flow.justification));
        for r in cx.requirements_of(flow) {
            let reference = references.entry(r.id.as_str()).or_insert_with(|| RequirementRef::new(r));
            if !finding.requirements.contains(reference) {
                finding.requirements.push(reference.clone());
            }
        }
        out.push(finding);
    }
}
