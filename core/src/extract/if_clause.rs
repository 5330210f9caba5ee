//! "The agent opens 9600 when the debug console is turned on", "If replication is enabled, the
//! replica receives copies on 7450": the clause after "if" / "when" is the condition itself,
//! whatever words it uses, so the row is conditional on exactly that clause (not on the
//! whole sentence, and not only when a cue phrase such as "if enabled" happens to occur).

use super::cues::Cues;
use super::vocabulary::find_short;
use crate::model::Necessity;

/// A prose port's own words with an "if …" / "when …" clause: conditional on that clause.
/// (Only prose: a cell's "(if you set one)" qualifies the cell's words, not its row.) A cue
/// that says otherwise ("required", "optional") wins.
pub(super) fn condition_the_clause_states(own: &mut Cues, own_text: &str) {
    let clause = condition_of(own_text);
    // "… must be open if TLS is not required": the "not required" that said optional is the
    // clause's own word, so the clause is the condition.
    let said_by_the_clause = clause.as_deref().is_some_and(|c| {
        super::vocabulary::necessity_cue(c).is_some_and(|n| Some(n) == own.necessity)
    });
    if own.necessity.is_some_and(|n| n != Necessity::Conditional) && !said_by_the_clause {
        return;
    }
    if let Some(clause) = clause {
        own.necessity = Some(Necessity::Conditional);
        own.condition = Some(clause);
    }
}

/// "## Replication (optional)": the rows under it apply when that feature is used, a
/// condition a topology can state, rather than a bare "optional".
pub(super) fn optional_heading(cues: &mut Cues, title: &str) {
    let trimmed = title.trim();
    let Some(feature) = trimmed
        .len()
        .checked_sub("(optional)".len())
        .and_then(|at| {
            trimmed
                .get(at..)
                .filter(|t| t.eq_ignore_ascii_case("(optional)"))
                .and_then(|_| trimmed.get(..at))
        })
        .map(str::trim)
        .filter(|f| !f.is_empty())
    else {
        return;
    };
    if cues.necessity.is_none_or(|n| n == Necessity::Optional) {
        cues.necessity = Some(Necessity::Conditional);
        cues.condition = Some(format!("{feature} is used"));
    }
}

/// The condition an "if …" / "when …" clause of `text` states, without its "if" / "when".
/// A leading clause runs to its comma; a trailing one to the end of its clause. "When" counts
/// only before a state ("when TLS is on"), since "connects when it starts" is a moment, not a
/// condition. Questions ("when to open") and asides ("if you need help") state none.
pub(super) fn condition_of(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    for lead in ["if ", "when ", "only if ", "only when "] {
        if lower.starts_with(lead) {
            let rest = trimmed.get(lead.len()..)?;
            let end = rest.find([',', ';', '.', ':']).unwrap_or(rest.len());
            return stated(lead, rest.get(..end)?);
        }
    }
    for word in [" if ", " when "] {
        let mut from = 0;
        // (`find_short`: `str::find` set up a searcher per call, for every notes cell.)
        while let Some(at) = lower.get(from..).and_then(|l| find_short(l, word)) {
            let start = from + at + word.len();
            from = start;
            if last_of_several_uses(lower.get(..start - word.len()).unwrap_or_default()) {
                continue;
            }
            let rest = trimmed.get(start..)?;
            let end = rest.find([',', ';', ':', '(']).unwrap_or(rest.len());
            let end = sentence_end(rest).min(end);
            if let Some(condition) = stated(word.trim_start(), rest.get(..end)?) {
                return Some(condition);
            }
        }
    }
    off_until(trimmed, &lower)
}

/// "Listens for elections, for control traffic, and for content transfer when connectionless
/// mode is on": the clause qualifies the last of the uses the sentence lists, not the port (its
/// elections and control traffic were made conditional). `head` is the text before the word.
fn last_of_several_uses(head: &str) -> bool {
    let sentence = head.rsplit(". ").next().unwrap_or(head);
    let joined =
        [", and for ", ", or for ", " and for ", " or for "].iter().any(|j| sentence.contains(j));
    joined && sentence.matches("for ").count() >= 2
}

/// "Off until a log target is configured", "disabled until clustering is turned on": the port
/// is needed once the clause after "until" holds.
fn off_until(trimmed: &str, lower: &str) -> Option<String> {
    let at = find_short(lower, " until ")?;
    let before = lower.get(..at)?.trim_end();
    let off = ["off", "disabled", "closed", "inactive", "unused"]
        .iter()
        .any(|w| before == *w || before.ends_with(&format!(" {w}")));
    if !off {
        return None;
    }
    let rest = trimmed.get(at + " until ".len()..)?;
    let end = rest.find([',', ';', ':', '(']).unwrap_or(rest.len());
    stated("when ", rest.get(..sentence_end(rest).min(end))?)
}

/// Where a sentence ends in `rest`: a full stop followed by a space or the end.
fn sentence_end(rest: &str) -> usize {
    rest.char_indices()
        .find(|(i, c)| {
            *c == '.' && rest.get(i + 1..).is_none_or(|r| r.is_empty() || r.starts_with(' '))
        })
        .map_or(rest.len(), |(i, _)| i)
}

/// The clause as a condition, or `None` when it states none.
fn stated(word: &str, clause: &str) -> Option<String> {
    let clause = clause.trim();
    let lower = clause.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    // "If no router lives on the host, the port can stay closed": when it is *not* needed.
    let aside = ["you need help", "any", "in doubt", "unsure", "not", "no", "so", "possible"]
        .iter()
        .any(|a| lower == *a || lower.starts_with(&format!("{a} ")));
    let question = words.first().is_some_and(|w| matches!(*w, "to" | "do" | "does" | "should"));
    let state = words.iter().any(|w| matches!(*w, "is" | "are" | "enabled" | "on" | "used"));
    let when = word.trim() == "when" || word.ends_with("when ");
    // "only works when specific ports are open": the ports being open is what is asked for.
    let about_ports = words.iter().any(|w| w.starts_with("port"));
    // "If you restrict them, keep 443 open": advice to the reader (the "if you enable …"
    // cues read the reader's choices that are conditions).
    let advice = words.first().is_some_and(|w| matches!(*w, "you" | "they" | "it"));
    if words.len() < 2 || aside || question || about_ports || advice || (when && !state) {
        return None;
    }
    Some(clause.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{Cues, Necessity, condition_of, optional_heading};

    #[test]
    fn an_optional_heading_left_its_rows_merely_optional() {
        let mut cues = Cues { necessity: Some(Necessity::Optional), ..Cues::default() };
        optional_heading(&mut cues, "Replication (optional)");
        assert_eq!(cues.necessity, Some(Necessity::Conditional));
        assert_eq!(cues.condition.as_deref(), Some("Replication is used"));
        // "Optional services" names no feature that is switched on: left optional.
        let mut services = Cues { necessity: Some(Necessity::Optional), ..Cues::default() };
        optional_heading(&mut services, "Optional services");
        assert_eq!(services.necessity, Some(Necessity::Optional));
    }

    #[test]
    fn opens_n_when_the_console_is_turned_on_was_port_unread() {
        assert_eq!(
            condition_of("The agent opens 9600 when the debug console is turned on.").as_deref(),
            Some("the debug console is turned on")
        );
        assert_eq!(
            condition_of("The collector opens 9811/tcp if remote profiling is allowed").as_deref(),
            Some("remote profiling is allowed")
        );
    }

    #[test]
    fn regression_a_clause_on_the_last_of_several_uses_made_the_port_conditional() {
        let notes = "The agent's port for elections, for control traffic, and for content \
                     transfer when connectionless mode is on.";
        assert_eq!(condition_of(notes), None);
        // One use alone is still conditional.
        assert_eq!(
            condition_of("Used for content transfer when connectionless mode is on.").as_deref(),
            Some("connectionless mode is on")
        );
    }

    #[test]
    fn a_leading_if_clause_runs_to_its_comma() {
        assert_eq!(
            condition_of("If replication is enabled, the replica receives copies on 7450/tcp.")
                .as_deref(),
            Some("replication is enabled")
        );
    }

    #[test]
    fn off_until_a_log_target_is_configured_was_read_required() {
        assert_eq!(
            condition_of("Off until a log target is configured").as_deref(),
            Some("a log target is configured")
        );
        assert_eq!(condition_of("Retries until the server answers"), None);
    }

    #[test]
    fn moments_questions_and_asides_state_no_condition() {
        assert_eq!(condition_of("The agent connects to 443 when it starts."), None);
        assert_eq!(condition_of("When to open 8443: during the install."), None);
        assert_eq!(condition_of("Ask support if you need help with 8443."), None);
        assert_eq!(condition_of("The console listens on 443."), None);
        assert_eq!(condition_of("It only works when specific ports are open."), None);
    }
}
