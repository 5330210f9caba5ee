//! "Unless" clauses that hedge a default instead of stating a condition: "27017 unless told
//! otherwise", "the first node runs it unless you move it". The port is still the one to open,
//! so the row stays required. (The fixed phrases are `vocabulary::HEDGES`; these are the
//! shapes that list cannot enumerate.)

/// How many words an "unless … otherwise" may hold ("unless the installer was told otherwise").
const MAX_WORDS: usize = 6;

/// Verbs by which the reader changes a default: "unless you change / move / override it".
/// ("configure" is not one: "80 unless you configure TLS" states a real condition.)
const DEFAULT_VERBS: &[&str] = &[
    "change",
    "changes",
    "changed",
    "move",
    "moves",
    "moved",
    "override",
    "overrides",
    "overridden",
    "reassign",
    "remap",
];

/// Who may change a default, first after "unless".
const READERS: &[&str] = &["you", "we", "an", "the", "administrators", "someone"];

/// `lower` (lowercased) without its default hedges, if it has any.
pub(super) fn without_default_hedges(lower: &str) -> Option<String> {
    let mut plain = String::with_capacity(lower.len());
    let mut rest = lower;
    let mut found = false;
    while let Some(at) = super::vocabulary::find_short(rest, "unless ") {
        let word_start = rest[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let clause_from = at + "unless ".len();
        let clause_len = clause_end(&rest[clause_from..]);
        let clause = &rest[clause_from..clause_from + clause_len];
        let sentence_from = rest[..at].rfind('.').map_or(0, |i| i + 1);
        let sentence_to = rest[at..].find(". ").map_or(rest.len(), |i| at + i);
        let sentence = &rest[sentence_from..sentence_to];
        if word_start && (is_default_hedge(clause) || advises_exposure(sentence)) {
            plain.push_str(&rest[..at]);
            plain.push(' ');
            found = true;
        } else {
            plain.push_str(&rest[..clause_from]);
            rest = &rest[clause_from..];
            continue;
        }
        rest = &rest[clause_from + clause_len..];
    }
    plain.push_str(rest);
    found.then_some(plain)
}

/// Where an "unless" clause ends: at a comma, semicolon, colon or parenthesis, or at a full
/// stop that ends the sentence. A dot inside a word is a file's or a host's name ("unless
/// /etc/gitlab/gitlab.rb says otherwise"): cutting there lost the "otherwise" and made every
/// row of GitLab's defaults table conditional, so none was planned.
fn clause_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    text.char_indices()
        .find(|&(i, c)| {
            matches!(c, ',' | ';' | ':' | '(' | ')')
                || (c == '.' && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()))
        })
        .map_or(text.len(), |(i, _)| i)
}

/// Advice on who may reach a port: an "unless" beside it says when to open the port wider
/// ("keep it inside the cluster's network unless federation needs it", "unless external
/// connections are necessary, these ports should not be exposed"), not when it is needed.
const EXPOSURE_ADVICE: &[&str] = &[
    "keep it inside",
    "keep them inside",
    "keep it within",
    "keep them within",
    "keep it internal",
    "keep them internal",
    "not be exposed",
    "not be publicly exposed",
    "not expose",
    "never expose",
];

fn advises_exposure(sentence: &str) -> bool {
    EXPOSURE_ADVICE.iter().any(|advice| sentence.contains(advice))
}

fn is_default_hedge(clause: &str) -> bool {
    let words: Vec<&str> =
        clause.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > MAX_WORDS {
        return false;
    }
    words.contains(&"otherwise")
        || DEFAULT_VERBS.contains(&words[0])
        || (READERS.contains(&words[0]) && words.iter().take(3).any(|w| DEFAULT_VERBS.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::without_default_hedges;

    /// Regression (session 15, RabbitMQ's 25672): "keep it inside the cluster's network unless
    /// federation … needs it" made the inter-node port conditional, so no rule opened it and
    /// the cluster broke; the "unless" says when to expose it, not when it is needed.
    #[test]
    fn regression_unless_beside_exposure_advice_is_no_condition() {
        for hedged in [
            "25672: inter-node traffic; keep it inside the cluster's network unless federation needs it",
            "unless external connections are really necessary (federation), these ports should not be publicly exposed.",
        ] {
            let plain = without_default_hedges(hedged).unwrap_or_else(|| panic!("{hedged}"));
            assert!(!plain.contains("unless"), "{hedged} → {plain}");
            let cue = crate::extract::vocabulary::necessity_cue(hedged);
            assert_ne!(cue, Some(crate::model::Necessity::Conditional), "{hedged}");
        }
        // A condition in another sentence stays one.
        let other = "keep it inside the cluster. 8080 is opened unless tls is on";
        assert!(without_default_hedges(other).is_none_or(|p| p.contains("unless")), "{other}");
    }

    #[test]
    fn defaults_the_reader_may_change_are_hedges_and_real_conditions_are_not() {
        for hedged in [
            "the database uses these tcp ports unless told otherwise:",
            "the first node runs it unless you move it.",
            "port 8443 unless the installer was told otherwise",
            "9000, unless overridden",
            "unless an administrator changes the default, 5432",
            // A file name's dot is no end of the clause.
            "unless /etc/gitlab/gitlab.rb says otherwise, the linux package starts its services with the defaults below.",
        ] {
            let plain = without_default_hedges(hedged).unwrap_or_else(|| panic!("{hedged}"));
            assert!(!plain.contains("unless"), "{hedged} → {plain}");
        }
        for condition in [
            "port 80 unless you configure tls",
            "open 5701 unless the console runs alone",
            "unless you use the cloud relay, open 443",
            "unless the nodes of the cluster are all in one subnet and otherwise isolated",
        ] {
            assert_eq!(without_default_hedges(condition), None, "{condition}");
        }
    }
}
