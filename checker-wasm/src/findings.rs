//! The findings list (its markup is the page's): severity, code, message, location; a click puts
//! the cursor on the line, and each requirement behind a finding links to its row on the
//! reference site.

use leptos::prelude::*;

use crate::html::{FIRST_FINDINGS, plural};
use crate::state::State;
use crate::{dom, lists};

pub fn attach(state: State) {
    lists::show_rest_when(state, |p| p.all_findings, "checker-findings", "findings");
    Effect::new(move |drawn: Option<u32>| {
        state.page.with(|p| {
            let o = &p.outcome;
            // The list only when the check changed: "Show all" may have filled it since.
            if drawn != Some(o.id) {
                dom::set_text("checker-count", &format!("{} {}, {} {}", o.errors, plural(o.errors, "error"), o.warnings, plural(o.warnings, "warning")));
                dom::set_hidden("checker-clean", o.findings > 0 || !o.readable);
                dom::set_html("checker-findings", &o.findings_html);
                dom::set_text("checker-more-findings", &format!("Show all {} findings", o.findings));
            }
            dom::set_hidden("checker-more-findings", p.all_findings || o.findings <= FIRST_FINDINGS);
            o.id
        })
    });
}
