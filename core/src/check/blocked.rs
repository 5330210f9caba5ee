//! A planned flow the audited policy does not allow, naming the missing rule.

use super::space::{Coverage, coverage_all};
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
        Endpoint::Group { .. } => {
            let hosts = plan.hosts(endpoint);
            let names: Vec<String> = hosts.iter().take(6).map(|h| printable(&h.name)).collect();
            if hosts.len() > names.len() {
                format!("[{}, … {} hosts in all]", names.join(", "), hosts.len())
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
    if cx.topology.policy.is_none() {
        return;
    }
    let rules = super::space::compact(cx.all_rule_cubes());
    for flow in &cx.plan.flows {
        let cubes = cx.cubes_of_flow(flow);
        let cubes = &cubes;
        let Coverage::Uncovered(part) = coverage_all(cubes, &rules) else { continue };
        let partly = cubes.len() != 1 || *cubes.first().map_or(&part, |c| c) != part;
        let message = format!(
            "the policy {} {} → {} on {}/{} ({}){}",
            if partly { "does not fully allow" } else { "does not allow" },
            flow.source.label(),
            flow.destination.label(),
            flow.ports,
            flow.transport,
            flow.necessity.as_str(),
            if partly { format!(": e.g. {} is denied", part.witness()) } else { String::new() }
        );
        let mut finding = if flow.necessity == Necessity::Required {
            Finding::error(CHECK.code, message)
        } else {
            Finding::warning(CHECK.code, message)
        }
        .at_opt(flow.location.clone())
        .help(format!("add the rule `{}` ({})", suggested_rule(&cx.plan, flow), flow.justification));
        for r in cx.requirements_of(flow) {
            finding = finding.requirement(r);
        }
        out.push(finding);
    }
}
