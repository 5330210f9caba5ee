//! "The agent works in one of two modes, or both at once." then "- Passive checks: …" and
//! "- Active checks: …": a lead-in that announces modes the reader picks among makes each item
//! labelled with a mode apply only when that mode is run (Zabbix-style passive/active checks).

/// A paragraph saying that what follows are modes to pick among ("works in one of two modes",
/// "either mode", "in one of the following modes").
pub(super) fn announces_modes(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let modes = [" modes", " mode ", " mode,", " mode."].iter().any(|w| lower.contains(w));
    let choice = ["one of", "either", "or both", "two ", "three ", "following"]
        .iter()
        .any(|w| lower.contains(w));
    modes && choice
}

/// "Passive checks: the server polls …": the short label before the item's colon, as the
/// condition the item applies under ("with passive checks"). A label holding a port ("Admin
/// API 8443:") or a long phrase is no mode name.
pub(super) fn mode_condition(item: &str) -> Option<String> {
    let (label, rest) = item.split_once(':')?;
    let label = label.trim().trim_matches('*').trim();
    let words = label.split_whitespace().count();
    let plain = label.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-');
    (plain && (1..=4).contains(&words) && !rest.trim().is_empty())
        .then(|| format!("with {}", label.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_two_modes_announces_modes_and_a_port_sentence_does_not() {
        assert!(announces_modes("The agent works in one of two modes, or both at once."));
        assert!(announces_modes("Pick either mode when you install the relay."));
        assert!(!announces_modes("The agent listens on 10050 for the server."));
        assert!(!announces_modes("Two ports are used by the agent."));
    }

    #[test]
    fn a_short_label_is_the_mode_and_a_label_with_a_port_is_not() {
        assert_eq!(
            mode_condition("Passive checks: the server polls the agent on 10050/TCP."),
            Some("with passive checks".to_owned())
        );
        assert_eq!(mode_condition("Admin API 8443: the console"), None);
        assert_eq!(mode_condition("no label here, 10050/TCP"), None);
    }
}
