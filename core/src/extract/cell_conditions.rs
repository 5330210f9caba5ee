//! A table row's own words that make it conditional, where no cue phrase says so: a notes
//! cell's "if …" / "when …" clause ("Used when mail alerts are configured"), a port cell's
//! parenthesis ("443 (if TLS is enabled)"), a port cell that says the port is off until
//! turned on ("disabled (8501)"), and "Only hosts that run … need these open". Before, such
//! rows were read required and nothing said otherwise.

use super::cues::Cues;
use super::if_clause::condition_of;
use super::vocabulary::contains_ignoring_ascii_case;
use crate::model::Necessity;

/// The condition a row's port cell and purpose (notes) cells state, as cues; empty when
/// they state none. `port_header` names the port column (for "disabled" cells).
pub(super) fn of_row(port_text: &str, purposes: &[&str], port_header: Option<&str>) -> Cues {
    // "4119 (or 4120) | the second when the first is taken": alternatives, whose own
    // condition (alternatives.rs) says more than the clause that picks between them.
    if contains_ignoring_ascii_case(port_text, " or ")
        || contains_ignoring_ascii_case(port_text, "(or ")
    {
        return Cues::default();
    }
    // "6162 (2500 to 3300) | the range takes over when 6162 is taken": a notes clause about
    // the row's own port being unavailable says when *another* port is used, not this one.
    let numbers = |text: &str| -> Vec<u32> {
        text.split(|c: char| !c.is_ascii_digit()).filter_map(|w| w.parse().ok()).collect()
    };
    let not_about_own =
        |c: &String| numbers(port_text).first().is_none_or(|own| !numbers(c).contains(own));
    let condition = disabled_port(port_text, port_header)
        .or_else(|| parenthesised_clause(port_text))
        .or_else(|| {
            purposes
                .iter()
                .filter(|p| may_state_condition(p))
                .flat_map(|p| about_the_row(p, port_text))
                .find_map(|piece| {
                    condition_of(piece)
                        .or_else(|| only_those_that(piece))
                        .or_else(|| feature_needed(piece))
                })
                .filter(not_about_own)
        });
    match condition {
        Some(condition) => Cues {
            necessity: Some(Necessity::Conditional),
            condition: Some(condition),
            ..Cues::default()
        },
        None => Cues::default(),
    }
}

/// Every clause `condition_of` and `only_those_that` read holds "if ", "when ", " until " or
/// "only " (in any ASCII case, as they compare): a notes cell with none of them states no
/// condition, and is not cut into pieces and lowercased piece by piece (every row's notes were).
fn may_state_condition(notes: &str) -> bool {
    ["if ", "when ", " until ", "only ", "for the ", " must be "]
        .iter()
        .any(|w| contains_ignoring_ascii_case(notes, w))
}

/// Words after "must be" that say something is switched on.
const SWITCHED_ON: &[&str] = &["enabled", "switched on", "turned on", "activated"];

/// "For the pod federation feature: traffic between pods", "The gateway must be enabled for
/// it": a port needed only with a feature, or only once something is switched on (such rows
/// were read as always needed).
fn feature_needed(notes: &str) -> Option<String> {
    notes.split(". ").find_map(|sentence| {
        let sentence = sentence.trim().trim_end_matches('.');
        let lower = sentence.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("for the ") {
            let head = rest.split(':').next().unwrap_or(rest);
            let feature = head.strip_suffix(" feature").or_else(|| head.strip_suffix(" option"))?;
            return sentence.get(8..8 + feature.len()).map(|f| format!("the {f} feature is used"));
        }
        let at = lower.find(" must be ")?;
        let after = lower.get(at + " must be ".len()..)?;
        SWITCHED_ON.iter().find(|w| after.starts_with(*w))?;
        let subject = sentence.get(..at)?.rsplit([';', ',']).next()?.trim();
        (!subject.is_empty() && subject.split_whitespace().count() <= 6)
            .then(|| format!("{subject} is enabled"))
    })
}

/// The lines and `;`-clauses of a notes cell that speak of the row's port as a whole: a piece
/// naming other numbers ("5404 for multicast traffic, when multicast is configured" under
/// `UDP 5404-5412`, a list inside the cell) qualifies only the port it names.
fn about_the_row<'a>(notes: &'a str, port_text: &'a str) -> impl Iterator<Item = &'a str> {
    let numbers = |text: &'a str| -> Vec<&'a str> {
        text.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect()
    };
    let row = numbers(port_text);
    notes.split(['\n', ';']).filter(move |piece| {
        let named = numbers(piece);
        named.is_empty() || named == row
    })
}

/// "disabled (8501)*", "off (8502)": the words before the port say it is off by default, so
/// it is needed only once turned on.
fn disabled_port(port_text: &str, header: Option<&str>) -> Option<String> {
    let before = port_text.split(|c: char| c.is_ascii_digit()).next()?;
    let words: Vec<String> = before
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let off = matches!(
        words.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
        ["disabled"] | ["off"] | ["disabled", "by", "default"] | ["off", "by", "default"]
    );
    off.then(|| match header {
        Some(header) => format!("{header}: {}", port_text.trim()),
        None => port_text.trim().to_owned(),
    })
}

/// "443 (if TLS is enabled)", "8443 (only when the portal is on)": the clause inside the
/// port cell's parenthesis.
fn parenthesised_clause(port_text: &str) -> Option<String> {
    let open = port_text.find('(')?;
    let inner = port_text.get(open + 1..)?;
    let inner = inner.get(..inner.find(')').unwrap_or(inner.len()))?;
    // "UDP 514 (TCP 514 when reliable logging is on)": the clause is the inner port's own.
    if super::text::opens_with_port(inner) {
        return None;
    }
    condition_of(inner)
}

/// "Only hosts that run a fault-tolerant pair need these open": the hosts the sentence names
/// are the condition ("hosts that run a fault-tolerant pair").
fn only_those_that(text: &str) -> Option<String> {
    text.split(". ").find_map(|sentence| {
        let sentence = sentence.trim();
        let lower = sentence.to_ascii_lowercase();
        let rest = lower.strip_prefix("only ")?;
        let relative = [" that ", " which ", " who ", " running ", " with "]
            .iter()
            .filter_map(|w| rest.find(w))
            .min()?;
        let need = [" need ", " needs ", " must ", " require ", " requires "]
            .iter()
            .filter_map(|w| rest.find(w))
            .filter(|&at| at > relative)
            .min()?;
        let start = "only ".len();
        sentence.get(start..start + need).map(|s| s.trim().to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::of_row;
    use crate::model::Necessity;

    fn condition(port: &str, notes: &str) -> Option<String> {
        let cues = of_row(port, &[notes], Some("Default Ports"));
        assert_eq!(cues.necessity.is_some(), cues.condition.is_some());
        cues.condition
    }

    #[test]
    fn a_notes_cell_only_used_when_was_read_unconditional() {
        assert_eq!(
            condition("25", "Mail alerts; only used when mail alerts are configured").as_deref(),
            Some("mail alerts are configured")
        );
        assert_eq!(
            condition("6999", "Opened when the overlay bundles are installed. If not, closed.")
                .as_deref(),
            Some("the overlay bundles are installed")
        );
        assert_eq!(condition("443", "The web interface"), None);
        // A moment is no condition.
        assert_eq!(condition("443", "Checked when the agent starts"), None);
    }

    #[test]
    fn only_hosts_that_run_a_pair_need_these_open_was_read_unconditional() {
        assert_eq!(
            condition(
                "8301, 8302 (UDP)",
                "Keeps ports in step. Only hosts that run a pair need these open; others not."
            )
            .as_deref(),
            Some("hosts that run a pair")
        );
        assert_eq!(condition("22", "Only TCP is used"), None);
        assert_eq!(condition("4119 (or 4120)", "The second when the first is taken"), None);
    }

    #[test]
    fn a_when_clause_of_one_port_listed_in_a_range_cell_made_the_range_conditional() {
        let notes = "Required on all nodes for the membership layer:\n5404 for multicast traffic, when multicast is configured;\n5405 and up for unicast traffic.";
        assert_eq!(condition("UDP 5404-5412", notes), None);
        assert_eq!(
            condition("UDP 5404", "Multicast traffic; when multicast is configured").as_deref(),
            Some("multicast is configured")
        );
    }

    #[test]
    fn an_if_clause_inside_a_port_cell_was_read_unconditional() {
        assert_eq!(condition("443 (if TLS is enabled)", "").as_deref(), Some("TLS is enabled"));
        assert_eq!(condition("3478 (and a TCP fallback port if you set one)", ""), None);
    }

    #[test]
    fn disabled_8501_in_a_port_cell_was_read_required() {
        assert_eq!(
            condition("disabled (8501)*", "").as_deref(),
            Some("Default Ports: disabled (8501)*")
        );
        assert_eq!(condition("8501", ""), None);
        let cues = of_row("off (8502)", &[], None);
        assert_eq!(cues.necessity, Some(Necessity::Conditional));
    }

    /// `may_state_condition` passes only notes no clause reader finds a condition in.
    #[test]
    fn notes_passed_unread_state_no_condition() {
        let notes = [
            "Only used when mail alerts are configured",
            "ONLY WHEN the portal is on",
            "If TLS is enabled",
            "Used if clustering is on; otherwise closed",
            "Off until a log target is configured",
            "only hosts that run a fault-tolerant pair need these open",
            "Agent heartbeat",
            "Web UI and REST API (service ab)",
            "Verifies the certificate",
            "Gift shop; whenever; untilted",
        ];
        for text in notes {
            let piece_conditions = super::about_the_row(text, "443")
                .any(|p| super::condition_of(p).is_some() || super::only_those_that(p).is_some());
            if piece_conditions {
                assert!(super::may_state_condition(text), "{text:?}");
            }
        }
        assert!(!super::may_state_condition("Agent heartbeat"));
    }
}

#[cfg(test)]
mod nested_port_tests {
    use crate::extract::{Document, ExtractRecord, extract_document};

    /// "UDP 514 (TCP 514 when reliable logging is on)": TCP 514 was dropped in silence and UDP
    /// 514 made conditional on the other port's clause.
    #[test]
    fn regression_a_port_inside_a_parenthesis_was_dropped_and_its_clause_misplaced() {
        let text = "| Purpose | Port(s) |\n|---|---|\n| Syslog | UDP 514 (TCP 514 when reliable logging is on) |\n| Web | 8080 (8443 when TLS is on) |\n";
        let build = extract_document(Document { path: "n.md", bytes: text.as_bytes() });
        let got: Vec<(String, Option<String>, Option<String>)> = ExtractRecord::all(&build.catalog)
            .into_iter()
            .map(|r| (r.ports, r.protocol, r.necessity))
            .collect();
        let conditional = Some("conditional".to_owned());
        assert_eq!(
            got,
            [
                ("514".into(), Some("udp".into()), None),
                ("514".into(), Some("tcp".into()), conditional.clone()),
                ("8080".into(), Some("tcp".into()), None),
                ("8443".into(), Some("tcp".into()), conditional),
            ]
        );
    }
}

#[cfg(test)]
mod feature_tests {
    use super::of_row;

    /// "For the pod federation feature: …" and "the gateway must be enabled for it" in a notes
    /// cell: such ports were read as always needed.
    #[test]
    fn regression_feature_notes_were_read_as_always_needed() {
        let condition = |notes: &str| of_row("8472", &[notes], None).condition;
        assert_eq!(
            condition(
                "Standard and replica. For the pod federation feature: traffic between pods."
            )
            .as_deref(),
            Some("the pod federation feature is used")
        );
        assert_eq!(
            condition("The browser reaches the gateway here; the gateway must be enabled for it.")
                .as_deref(),
            Some("the gateway is enabled")
        );
        assert_eq!(condition("For the web console"), None);
        assert_eq!(condition("The port must be open to the agents"), None);
    }
}
