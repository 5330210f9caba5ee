//! "X polls Y on N", "Y is polled by X on N", "operators reach the poller's dashboard on N":
//! the port is Y's, the side that is polled or reached. Which way the traffic runs for the
//! section's component depends on which side of the verb names it: the subject polls out, the
//! object listens. "X receives … on N" is the other way round: the subject listens, and a
//! "from Y" in the object names the caller. When neither side names it, nothing is said.

use super::vocabulary::{POLLING_VERBS, RECEIVING_VERBS, normalise};
use crate::model::Direction;

/// The direction `before_port` (a clause up to the port: "The server polls the poller on")
/// gives `component` (a section title: "Poller", "Agents").
pub(super) fn direction_for(before_port: &str, component: &str) -> Option<Direction> {
    let names: Vec<String> = normalise(component)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(singular)
        .collect();
    if names.is_empty() {
        return None;
    }
    // The subject starts after the last comma before the verb ("In a cluster, every node …").
    let normal = normalise(before_port);
    let words: Vec<&str> = normal
        .split(|c: char| !c.is_alphanumeric() && c != ',')
        .filter(|w| !w.is_empty())
        .collect();
    let is_verb = |w: &&str| POLLING_VERBS.contains(w) || RECEIVING_VERBS.contains(w);
    let verb = words.iter().rposition(is_verb)?;
    let receiving = words.get(verb).is_some_and(|w| RECEIVING_VERBS.contains(w));
    let after_verb = words.get(verb + 1..).unwrap_or_default();
    // "polls each switch on 161 and forwards traps on 162": 162 is another verb's.
    // "receives data on 9997/tcp: replicates buckets on 9887": a port between the verb and
    // this one was the verb's; this one is another's.
    if after_verb.iter().any(|w| {
        matches!(*w, "and" | "then" | "but" | "while" | ",")
            || w.bytes().all(|b| b.is_ascii_digit())
    }) {
        return None;
    }
    let subject_start = words.get(..verb).unwrap_or_default().iter().rposition(|w| *w == ",");
    let subject_start = subject_start.map_or(0, |c| c + 1);
    // "The poller polls each switch on 161 and receives traps on": the subject of both verbs
    // is what comes before the first.
    let subject_end = words
        .get(subject_start..verb)
        .and_then(|part| part.iter().position(is_verb))
        .map_or(verb, |first| subject_start + first);
    let subject = words.get(subject_start..subject_end).unwrap_or_default();
    // "is polled by", "are reached by": the subject is the side polled.
    let passive = subject.last().is_some_and(|w| matches!(*w, "is" | "are" | "be" | "being"))
        && after_verb.first() == Some(&"by");
    let object_end = after_verb
        .iter()
        .rposition(|w| matches!(*w, "on" | "over" | "at" | "via"))
        .unwrap_or(after_verb.len());
    let object = after_verb.get(..object_end).unwrap_or_default();
    let nouns = |part: &[&str]| -> Vec<String> {
        part.iter().filter(|w| w.len() > 2).map(|w| singular(w)).collect()
    };
    let (subject, object) = (nouns(subject), nouns(object));
    // "every node must reach every other node": both sides are alike, no side is the caller.
    if subject.iter().any(|w| names.contains(w)) && object.iter().any(|w| names.contains(w)) {
        return None;
    }
    let names_it = |part: &[String]| part.iter().any(|w| names.contains(w));
    // A receiving verb's subject is the listener: the roles of polling, swapped.
    let (listener, caller) = if passive != receiving {
        (names_it(&subject), names_it(&object))
    } else {
        (names_it(&object), names_it(&subject))
    };
    match (listener, caller) {
        (true, false) => Some(Direction::Inbound),
        (false, true) => Some(Direction::Outbound),
        _ => None,
    }
}

/// "pollers" → "poller", "poller's" is split before this; short words are left alone.
fn singular(word: &str) -> String {
    let word = word.strip_suffix("'s").unwrap_or(word);
    match word.strip_suffix('s') {
        Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem.to_owned(),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receives_on_n_had_no_direction() {
        let relay = "Relay node";
        assert_eq!(direction_for("The relay receives alerts on", relay), Some(Direction::Inbound));
        assert_eq!(
            direction_for("Alerts are received by the relay on", relay),
            Some(Direction::Inbound)
        );
        assert_eq!(
            direction_for("The collector receives reports from each relay on", relay),
            Some(Direction::Outbound)
        );
        assert_eq!(
            direction_for(
                "The poller polls each switch on 161/UDP and receives traps on",
                "Poller"
            ),
            Some(Direction::Inbound)
        );
        // The switch is no subject of "receives": the poller is.
        assert_eq!(
            direction_for(
                "The poller polls each switch on 161/UDP and receives traps on",
                "Switch"
            ),
            None
        );
        assert_eq!(direction_for("The server receives files on", relay), None);
        assert_eq!(
            direction_for("The relay receives data on 9997/tcp: replicates buckets on", relay),
            None
        );
    }

    #[test]
    fn polls_x_on_n_had_no_direction() {
        let poller = "Poller";
        assert_eq!(
            direction_for("The poller polls each switch on", poller),
            Some(Direction::Outbound)
        );
        assert_eq!(
            direction_for("The central server polls the poller on", poller),
            Some(Direction::Inbound)
        );
        assert_eq!(
            direction_for("The poller is polled by the server on", poller),
            Some(Direction::Inbound)
        );
        assert_eq!(
            direction_for("Operators reach the poller's dashboard on", poller),
            Some(Direction::Inbound)
        );
        // Neither side names the section's part: nothing is said.
        assert_eq!(direction_for("The server polls each switch on", poller), None);
        assert_eq!(direction_for("Pollers poll other pollers on", poller), None);
        assert_eq!(
            direction_for("In a cluster, every node must reach every other node on", "Cluster"),
            None
        );
    }
}
