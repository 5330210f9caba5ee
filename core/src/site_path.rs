//! Where the reference site puts a platform's page, in one place: the site generator writes the
//! page there, and findings, change requests and the checker link to it.

/// A platform's page, relative to the site root: `platforms/openlm.html`.
pub fn platform_page(id: &str) -> String {
    format!("platforms/{}.html", path_text(id))
}

/// A requirement's row on its platform's page: `platforms/openlm.html#r-42-1`.
pub fn requirement_row(platform: &str, anchor: &str) -> String {
    format!("{}#{}", platform_page(platform), path_text(anchor))
}

/// Platform ids are slugs and anchors generated ids (`r-42-1`), which pass unchanged; anything
/// else (an id read back from a plan file) is percent-encoded so it cannot leave the page's
/// directory or break the link.
fn path_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_generated_anchors_pass_unchanged() {
        assert_eq!(platform_page("openlm"), "platforms/openlm.html");
        assert_eq!(requirement_row("open-lm2", "r-42-1"), "platforms/open-lm2.html#r-42-1");
    }

    #[test]
    fn other_text_cannot_leave_the_platforms_directory() {
        assert_eq!(platform_page("../x"), "platforms/%2E%2E%2Fx.html");
        assert_eq!(requirement_row("a b", "r 1\""), "platforms/a%20b.html#r%201%22");
    }
}
