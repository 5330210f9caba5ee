//! The findings list (its markup is the page's): severity, code, message, location; a click puts
//! the cursor on the line, and each requirement behind a finding links to its row on the
//! reference site.

use crate::dom;
use crate::html::{FIRST_FINDINGS, plural};
use crate::ids;
use crate::state::Page;

/// Draws the findings panel; the list only when the check is not the one `drawn` ("Show all"
/// may have filled it since).
pub fn draw(p: &Page, drawn: Option<u32>) {
    let o = &p.outcome;
    if drawn != Some(o.id) {
        dom::set_text(
            ids::COUNT,
            &format!(
                "{} {}, {} {}",
                o.errors,
                plural(o.errors, "error"),
                o.warnings,
                plural(o.warnings, "warning")
            ),
        );
        dom::set_hidden(ids::CLEAN, o.findings > 0 || !o.readable);
        dom::set_html(ids::FINDINGS, &o.findings_html);
        dom::set_text(ids::MORE_FINDINGS, &format!("Show all {} findings", o.findings));
    }
    dom::set_hidden(ids::MORE_FINDINGS, p.all_findings || o.findings <= FIRST_FINDINGS);
}
