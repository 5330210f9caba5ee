//! The findings list (its markup is the page's): severity, code, message, location; a click puts
//! the cursor on the line, and each requirement behind a finding links to its row on the
//! reference site.

use crate::dom;
use crate::html::{FIRST_FINDINGS, plural};
use crate::state::Page;

/// Draws the findings panel; the list only when the check is not the one `drawn` ("Show all"
/// may have filled it since).
pub fn draw(p: &Page, drawn: Option<u32>) {
    let o = &p.outcome;
    if drawn != Some(o.id) {
        dom::set_text(
            "checker-count",
            &format!(
                "{} {}, {} {}",
                o.errors,
                plural(o.errors, "error"),
                o.warnings,
                plural(o.warnings, "warning")
            ),
        );
        dom::set_hidden("checker-clean", o.findings > 0 || !o.readable);
        dom::set_html("checker-findings", &o.findings_html);
        dom::set_text("checker-more-findings", &format!("Show all {} findings", o.findings));
    }
    dom::set_hidden("checker-more-findings", p.all_findings || o.findings <= FIRST_FINDINGS);
}
