//! A lead-in that makes the first table the one always needed and the rest optional extras:
//! "The core cluster table lists the ports every cluster needs. Add rows from the other tables
//! only where they match what you deploy." The sections after the first table take the
//! sentence as their condition (a row's own necessity still wins); before, the extras read as
//! required as the core.

/// How a lead-in names the tables after the first.
const LATER_TABLES: &[&str] = &[
    "other tables",
    "supporting tables",
    "additional tables",
    "remaining tables",
    "tables that follow",
    "later tables",
];

/// Words that limit them to some deployments.
const LIMITERS: &[&str] = &["only", "if", "where", "when", "as needed", "match", "matches"];

/// The sentence of `text` that makes the later tables conditional, if one does.
pub(super) fn condition(text: &str) -> Option<String> {
    text.split_inclusive(['.', ';']).find_map(|sentence| {
        let lower = sentence.to_lowercase();
        let names = LATER_TABLES.iter().any(|t| super::vocabulary::contains_phrase(&lower, t));
        let limits = LIMITERS.iter().any(|l| super::vocabulary::contains_phrase(&lower, l));
        (names && limits).then(|| sentence.trim().trim_end_matches(['.', ';']).to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::condition;

    #[test]
    fn extras_lead_ins_are_told_from_other_sentences() {
        let text = "The core table lists the ports every cluster needs. Add rows from the other \
                    tables only where they match what you deploy (storage, plugins).";
        assert_eq!(
            condition(text).as_deref(),
            Some(
                "Add rows from the other tables only where they match what you deploy (storage, plugins)"
            )
        );
        assert_eq!(condition("See the other tables for details."), None);
        assert_eq!(condition("Open these ports only if clustering is on."), None);
    }
}
