//! A policy rule covered by the union of earlier rules (not only by a single one).

use super::space::{Coverage, coverage_all};
use super::{Check, Context, Finding};

pub(crate) const CHECK: Check = Check {
    code: "P053-rule-redundant",
    name: "rule-redundant",
    summary: "A policy rule allows nothing that earlier rules, together, do not already allow.",
    run,
};

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(policy) = &cx.topology.policy else { return };
    let mut earlier = Vec::new();
    for (index, (rule, cubes)) in policy.iter().zip(&cx.rule_cubes).enumerate() {
        if !cubes.is_empty() && index > 0 && coverage_all(cubes, &earlier) == Coverage::Covered {
            let mut finding = Finding::warning(CHECK.code, format!("rule {} is redundant: earlier rules already allow all of it", rule.describe()))
                .at(cx.topology.location(rule.position))
                .help("remove it, or merge it into the earlier rules");
            for (other, other_cubes) in policy.iter().zip(&cx.rule_cubes).take(index) {
                if other_cubes.iter().any(|o| cubes.iter().any(|c| c.intersects(o))) {
                    finding = finding.related(cx.topology.location(other.position), format!("covered in part by rule {}", other.describe()));
                }
            }
            out.push(finding);
        }
        earlier.extend(cubes.iter().copied());
    }
}
