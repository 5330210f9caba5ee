//! Every element id the page looks up, in one place: the template (`checker.html`) and the
//! code name the same elements, and a test reads the template for each of them.

pub const ADD_FILE: &str = "checker-add-file";
pub const CLEAN: &str = "checker-clean";
pub const CLEAR: &str = "checker-clear";
pub const CODE: &str = "checker-code";
pub const COMPLETE: &str = "checker-complete";
pub const COPY: &str = "checker-copy";
pub const COUNT: &str = "checker-count";
pub const DETECTED: &str = "checker-detected";
pub const DISMISS: &str = "checker-dismiss";
pub const DOWNLOAD: &str = "checker-download";
pub const EXAMPLE: &str = "checker-example";
pub const EXPLAIN: &str = "checker-explain";
pub const EXPLAIN_FROM: &str = "checker-explain-from";
pub const EXPLAIN_NAMES: &str = "checker-explain-names";
pub const EXPLAIN_OUT: &str = "checker-explain-out";
pub const EXPLAIN_PORT: &str = "checker-explain-port";
pub const EXPLAIN_TO: &str = "checker-explain-to";
pub const FILE: &str = "checker-file";
pub const FINDINGS: &str = "checker-findings";
pub const FLOWS: &str = "checker-flows";
pub const GUTTER: &str = "checker-gutter";
pub const HOST: &str = "checker-host";
pub const HOST_FIELD: &str = "checker-host-field";
pub const IMPORT_CODE: &str = "checker-import-code";
pub const IMPORT_DETECTED: &str = "checker-import-detected";
pub const IMPORT_FORMAT: &str = "checker-import-format";
pub const IMPORT_GUTTER: &str = "checker-import-gutter";
pub const IMPORT_HOST: &str = "checker-import-host";
pub const IMPORT_KIND: &str = "checker-import-kind";
pub const IMPORT_NAME: &str = "checker-import-name";
pub const IMPORT_PANEL: &str = "checker-import-panel";
pub const IMPORT_REMOVE: &str = "checker-import-remove";
pub const IMPORT_TEXT: &str = "checker-import-text";
pub const MORE_FINDINGS: &str = "checker-more-findings";
pub const MORE_PORTS: &str = "checker-more-ports";
pub const NEW_FILE: &str = "checker-new-file";
pub const NOTES: &str = "checker-notes";
pub const NOTES_COUNT: &str = "checker-notes-count";
pub const NOTES_LIST: &str = "checker-notes-list";
pub const NOTICE: &str = "checker-notice";
pub const NOTICE_TEXT: &str = "checker-notice-text";
pub const OPEN: &str = "checker-open";
pub const OVERVIEW: &str = "checker-overview";
pub const PORTS: &str = "checker-ports";
pub const ROOT: &str = "checker-root";
/// The rules panel: seeing it opens the rules view (the emitters' module loads).
pub const RULES: &str = "checker-rules";
pub const RULES_ERROR: &str = "checker-rules-error";
pub const RULES_FILE: &str = "checker-rules-file";
pub const RULES_FILES: &str = "checker-rules-files";
pub const RULES_OUTPUT: &str = "checker-rules-output";
pub const RULES_STATUS: &str = "checker-rules-status";
pub const SHARE: &str = "checker-share";
pub const STATUS: &str = "checker-status";
pub const SUMMARY: &str = "checker-summary";
pub const SYNTAX: &str = "checker-syntax";
pub const TABS: &str = "checker-tabs";
pub const TARGET: &str = "checker-target";
pub const TOPOLOGY: &str = "checker-topology";
pub const TOPOLOGY_PANEL: &str = "checker-topology-panel";
pub const UNDO: &str = "checker-undo";
pub const UNDO_BAR: &str = "checker-undo-bar";
pub const UNDO_TEXT: &str = "checker-undo-text";
pub const UNREADABLE: &str = "checker-unreadable";
pub const ZIP: &str = "checker-zip";

/// Every id above (the test checks each is in the template).
pub const ALL: &[&str] = &[
    ADD_FILE,
    CLEAN,
    CLEAR,
    CODE,
    COMPLETE,
    COPY,
    COUNT,
    DETECTED,
    DISMISS,
    DOWNLOAD,
    EXAMPLE,
    EXPLAIN,
    EXPLAIN_FROM,
    EXPLAIN_NAMES,
    EXPLAIN_OUT,
    EXPLAIN_PORT,
    EXPLAIN_TO,
    FILE,
    FINDINGS,
    FLOWS,
    GUTTER,
    HOST,
    HOST_FIELD,
    IMPORT_CODE,
    IMPORT_DETECTED,
    IMPORT_FORMAT,
    IMPORT_GUTTER,
    IMPORT_HOST,
    IMPORT_KIND,
    IMPORT_NAME,
    IMPORT_PANEL,
    IMPORT_REMOVE,
    IMPORT_TEXT,
    MORE_FINDINGS,
    MORE_PORTS,
    NEW_FILE,
    NOTES,
    NOTES_COUNT,
    NOTES_LIST,
    NOTICE,
    NOTICE_TEXT,
    OPEN,
    OVERVIEW,
    PORTS,
    ROOT,
    RULES,
    RULES_ERROR,
    RULES_FILE,
    RULES_FILES,
    RULES_OUTPUT,
    RULES_STATUS,
    SHARE,
    STATUS,
    SUMMARY,
    SYNTAX,
    TABS,
    TARGET,
    TOPOLOGY,
    TOPOLOGY_PANEL,
    UNDO,
    UNDO_BAR,
    UNDO_TEXT,
    UNREADABLE,
    ZIP,
];

#[cfg(test)]
mod tests {
    const TEMPLATE: &str = include_str!("../../themes/default/templates/checker.html");

    /// Each id the code looks up is an element of the template (a renamed or removed element
    /// would leave a control dead without any other test failing).
    #[test]
    fn every_id_is_in_the_template() {
        // The page with the checker built (the other branch is the page without it).
        let start = TEMPLATE.find("{% if has_checker %}").expect("the checker's branch");
        let end = TEMPLATE[start..].find("{% else %}").map_or(TEMPLATE.len(), |e| start + e);
        let page = &TEMPLATE[start..end];
        for id in super::ALL {
            let attribute = format!("id=\"{id}\"");
            assert_eq!(page.matches(&attribute).count(), 1, "{attribute} once in checker.html");
        }
    }

    /// Ids are spelled here only: no other module writes a `"checker-…"` literal.
    #[test]
    fn no_id_is_spelled_outside_this_module() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == "ids.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // `checker-error` is a class (the panic alert); `\"checker-…` is markup the
            // engine writes (the matrix's table), not an element the page looks up.
            let spelled = text.matches("\"checker-").count()
                - text.matches("\"checker-error\"").count()
                - text.matches("\\\"checker-").count();
            assert_eq!(spelled, 0, "an id spelled in {}", path.display());
        }
    }
}
