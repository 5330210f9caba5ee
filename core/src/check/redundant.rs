//! A policy rule covered by the union of earlier rules (not only by a single one), decided
//! exactly by [`super::cover`]. When a hostile policy exhausts the work limit, the rules left
//! are reported as undecided (one finding), never passed over in silence.

use super::cover::{Budget, Cover, covered_by_earlier};
use super::{Check, Context, Finding};

pub(crate) const CHECK: Check = Check { code: "P053-rule-redundant", run };

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(policy) = &cx.topology.policy else { return };
    let mut budget = Budget::new(cx.redundancy_work_limit);
    for (index, rule) in policy.iter().enumerate().skip(1) {
        let location = cx.topology.rule_location(rule);
        match covered_by_earlier(&cx.rule_spaces, index, &mut budget) {
            Cover::NotCovered => {}
            Cover::Covered(others) => {
                let mut finding = Finding::warning(
                    CHECK.code,
                    format!(
                        "rule {} is redundant: earlier rules already allow all of it",
                        rule.describe()
                    ),
                )
                .at(location)
                .help("remove it, or merge it into the earlier rules");
                for other in others.into_iter().filter_map(|i| policy.get(i)) {
                    finding = finding.related(
                        cx.topology.rule_location(other),
                        format!("covered in part by rule {}", other.describe()),
                    );
                }
                out.push(finding);
            }
            Cover::Undecided => {
                let after = policy.len() - index - 1;
                let rest = if after == 0 {
                    String::new()
                } else {
                    format!(" (nor the {after} rules after it)")
                };
                out.push(
                    Finding::warning(
                        CHECK.code,
                        format!(
                            "could not decide whether rule {}{rest} is redundant: the policy's rules overlap in too many pieces (more than {} steps)",
                            rule.describe(),
                            cx.redundancy_work_limit
                        ),
                    )
                    .at(location)
                    .help("the other checks are complete; fewer overlapping rules let this one be decided"),
                );
                return;
            }
        }
    }
}
