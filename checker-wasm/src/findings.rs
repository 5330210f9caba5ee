//! The findings list (its markup is the page's): severity, code, message, location; a click puts
//! the cursor on the line, and each requirement behind a finding links to its row on the
//! reference site.

use leptos::prelude::*;

use crate::html::{FIRST_FINDINGS, plural};
use crate::state::State;
use crate::{dom, lists};

pub fn attach(state: State) {
    let show_all = RwSignal::new(false);
    lists::show_rest_when(state, show_all, "checker-findings", "findings");
    Effect::new(move |_| {
        state.outcome.with(|o| {
            dom::set_text("checker-count", &format!("{} {}, {} {}", o.errors, plural(o.errors, "error"), o.warnings, plural(o.warnings, "warning")));
            dom::set_hidden("checker-clean", o.findings > 0 || !o.readable);
            dom::set_html("checker-findings", &o.findings_html);
        });
    });
    Effect::new(move |_| {
        let findings = state.outcome.with(|o| o.findings);
        dom::set_hidden("checker-more-findings", show_all.get() || findings <= FIRST_FINDINGS);
        dom::set_text("checker-more-findings", &format!("Show all {findings} findings"));
    });
    dom::on("checker-findings", "click", |ev| {
        if let Some((line, column)) = crate::html::goto_target(&ev) {
            crate::editor::goto(line, column);
        }
    });
    dom::on("checker-more-findings", "click", move |_| show_all.set(true));
}
