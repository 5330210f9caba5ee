//! "X polls Y on N", "Y is polled by X on N", "operators reach the poller's dashboard on N":
//! the port is Y's, the side that is polled or reached. Which way the traffic runs for the
//! section's component depends on which side of the verb names it: the subject polls out, the
//! object listens. "X receives … from Y on N" depends on what X receives: what others send it
//! (connections, requests, logs, alerts) makes X the listener; what X fetches (configuration,
//! updates, policies, licences) makes X the client and Y the listener. When what is received
//! does not settle it, the reading is `Unclear` (a located warning, never a guess). When
//! neither side names the component, nothing is said.

use super::vocabulary::{
    FETCHED_THINGS, HEAD_ENDING_PREPOSITIONS, NO_HEAD_WORDS, POLLING_VERBS, PUSHED_THINGS,
    RECEIVING_VERBS, SENDING_VERBS, contains_ignoring_ascii_case, is_clause_verb, normalise,
};
use crate::model::Direction;

/// What a flow verb says about the section's component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VerbReading {
    /// The verb settles which way the component's traffic runs.
    Said(Direction),
    /// "The agent receives jobs from the server on 443": the component is a side of "receives",
    /// but what it receives does not say whether it listens or connects out.
    Unclear,
    /// No flow verb, or it names another part.
    Silent,
}

/// Whether what a part "receives" is sent to it or fetched by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Received {
    Pushed,
    Fetched,
    Unclear,
}

/// The direction `before_port` (a clause up to the port: "The server polls the poller on")
/// gives `component` (a section title: "Poller", "Agents").
pub(super) fn direction_for(before_port: &str, component: &str) -> VerbReading {
    let names: Vec<String> = normalise(component)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(singular)
        .collect();
    if names.is_empty() {
        return VerbReading::Silent;
    }
    let Some(sides) = sides(before_port) else { return VerbReading::Silent };
    // A side names the part by its head word, not by any word it shares with it: "the meeting
    // cloud" is no "Meeting node" (see `side_names`).
    let names_it = |part: &[String]| side_names(part, &names);
    // "the controllers connect to each other on": the part listens, its own hosts call.
    if sides.mutual {
        return match names_it(&sides.subject) {
            true => VerbReading::Said(Direction::Inbound),
            false => VerbReading::Silent,
        };
    }
    // "every node must reach every other node": both sides are alike, no side is the caller.
    if names_it(&sides.subject) && names_it(&sides.object) {
        return VerbReading::Silent;
    }
    match (names_it(&sides.listener), names_it(&sides.caller)) {
        _ if !names_it(&sides.listener) && !names_it(&sides.caller) => VerbReading::Silent,
        _ if sides.unclear => VerbReading::Unclear,
        (true, false) => VerbReading::Said(Direction::Inbound),
        (false, true) => VerbReading::Said(Direction::Outbound),
        _ => VerbReading::Silent,
    }
}

/// The two sides of the flow verb of `before_port`, words in order, lowercase.
struct Sides {
    subject: Vec<String>,
    object: Vec<String>,
    /// The side that is reached: "the agent" of "the server polls the agent on".
    listener: Vec<String>,
    /// The side that connects.
    caller: Vec<String>,
    /// "receives jobs from …": what is received does not say which side listens.
    unclear: bool,
    /// "connect to each other": the subject is the listener and the caller.
    mutual: bool,
}

/// The listening and the connecting side of a flow verb ("the monitoring server polls the
/// agent on" → "the agent", "the monitoring server"), as written in lowercase, so that a page
/// declaring its parts can tell whose port it is. `None` without a flow verb, or when what is
/// received leaves it unclear.
pub(super) fn listener_and_caller(before_port: &str) -> Option<(String, String)> {
    let sides = sides(before_port).filter(|s| !s.unclear)?;
    Some((sides.listener.join(" "), sides.caller.join(" ")))
}

fn sides(before_port: &str) -> Option<Sides> {
    // The subject starts after the last comma before the verb ("In a cluster, every node …").
    let normal = normalise(before_port);
    let mut words: Vec<&str> = normal
        .split(|c: char| !c.is_alphanumeric() && c != ',')
        .filter(|w| !w.is_empty())
        .collect();
    // "receives its updates from the server on 443 or 8443": the ports before this one in the
    // same list ("on 443 or") are the same verb's; the clause is read up to their preposition.
    if let Some(at) = words.iter().rposition(|w| matches!(*w, "on" | "over" | "at" | "via"))
        && words.len() > at + 1
        && words.get(at + 1..).unwrap_or_default().iter().all(|w| {
            let w = w.trim_matches(',');
            w.bytes().all(|b| b.is_ascii_digit())
                || matches!(w, "and" | "or" | "tcp" | "udp" | "sctp")
        })
    {
        words.truncate(at + 1);
    }
    // "on its listening port: 5432 for PostgreSQL, 1433 for SQL Server or": the ports before
    // this one in the same list, each with what it is for, are the same verb's too.
    if let Some(first) = words.iter().position(|w| is_number(w.trim_matches(',')))
        && is_port_list_for(words.get(first..).unwrap_or_default())
    {
        words.truncate(first);
    }
    let is_verb = |w: &&str| POLLING_VERBS.contains(w) || RECEIVING_VERBS.contains(w);
    let verb = words.iter().rposition(is_verb)?;
    let receiving = words.get(verb).is_some_and(|w| RECEIVING_VERBS.contains(w));
    let receive = words.get(verb).is_some_and(|w| w.starts_with("receiv"));
    let after_verb = words.get(verb + 1..).unwrap_or_default();
    // "polls each switch on 161 and forwards traps on 162": 162 is another verb's.
    // "receives data on 9997/tcp: replicates buckets on 9887": a port between the verb and
    // this one was the verb's; this one is another's.
    // ("receives licences and scan definitions": a list of what is received is no new clause;
    // "and forwards traps" is, its first word a verb.)
    let thing_word = |w: &&str| PUSHED_THINGS.contains(w) || FETCHED_THINGS.contains(w);
    let listed = |k: usize| {
        after_verb.get(k + 1).is_some_and(thing_word)
            || (after_verb.get(k + 1).is_some_and(|w| !w.ends_with('s'))
                && after_verb.get(k + 2).is_some_and(thing_word))
    };
    if after_verb.iter().enumerate().any(|(k, w)| {
        (matches!(*w, "and" | "then" | "but" | "while" | ",") && !listed(k))
            || w.bytes().all(|b| b.is_ascii_digit())
    }) {
        return None;
    }
    let subject_start = words.get(..verb).unwrap_or_default().iter().rposition(|w| *w == ",");
    let subject_start = subject_start.map_or(0, |c| c + 1);
    // "The poller polls each switch on 161 and receives traps on", "The agent listens on 9273
    // … and connects to the server on": the subject of both verbs is what comes before the
    // first.
    let subject_end = words
        .get(subject_start..verb)
        .and_then(|part| part.iter().position(|w| is_clause_verb(w)))
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
    // "sends heartbeats on 4145 between the nodes": a sending verb names who listens only
    // where it says to whom ("sends its events to the indexers on").
    let sending = words.get(verb).is_some_and(|w| SENDING_VERBS.contains(w));
    let nouns = |part: &[&str]| -> Vec<String> { part.iter().map(|w| (*w).to_owned()).collect() };
    if sending && !object.contains(&"to") {
        return None;
    }
    // "the controllers connect to each other on 9093": the subject is both sides, each of its
    // hosts listening and calling the others (the newcomer's Kafka, session 17: the row took
    // the callers of another sentence about the port, the brokers, and the quorum was cut).
    if object.windows(2).any(|w| matches!(w, ["each", "other"] | ["one", "another"])) {
        return Some(Sides {
            subject: nouns(subject),
            object: Vec::new(),
            listener: nouns(subject),
            caller: nouns(subject),
            unclear: false,
            mutual: true,
        });
    }
    let from = object.iter().position(|w| *w == "from");
    // The receiving side, the sending side, and for "receive" what is received: "the agent
    // receives its configuration from the server", "updates are received by the agent from
    // the server".
    let (receiver, sender, thing): (&[&str], &[&str], &[&str]) = match (passive, from) {
        (false, Some(f)) => (subject, object, object.get(..f).unwrap_or_default()),
        (false, None) => (subject, object, object),
        (true, Some(f)) => {
            (object.get(..f).unwrap_or_default(), object.get(f + 1..).unwrap_or_default(), subject)
        }
        (true, None) => (object, &[], subject),
    };
    let received = if receive { what_is_received(thing, from.is_some()) } else { Received::Pushed };
    let (listener, caller) = match (receiving, received) {
        // A polling verb: the subject polls out, unless "is polled by".
        (false, _) if passive => (nouns(subject), nouns(object)),
        (false, _) => (nouns(object), nouns(subject)),
        (true, Received::Fetched) => (nouns(sender), nouns(receiver)),
        (true, _) => (nouns(receiver), nouns(sender)),
    };
    Some(Sides {
        subject: nouns(subject),
        object: nouns(object),
        listener,
        caller,
        unclear: receiving && received == Received::Unclear,
        mutual: false,
    })
}

/// What every word of `POLLING_VERBS` begins with (test `polling_stems_open_every_polling_verb`).
const POLLING_STEMS: &[&str] = &[
    "poll", "quer", "scrape", "reach", "contact", "connect", "send", "forward", "talk", "ship",
    "write",
];

/// "Remote probes connect here", "agents connect to this port": a port's purpose naming who
/// connects to it, the caller of a flow verb whose object is the port itself. The caller's
/// words (lowercase, without articles), or `None`.
pub(super) fn caller_of_this_port(purpose: &str) -> Option<String> {
    // Without a polling verb's stem (ASCII, any case: no other character lowercases into
    // one) no clause has the verb: most purposes are passed without a copy per clause.
    if !POLLING_STEMS.iter().any(|stem| contains_ignoring_ascii_case(purpose, stem)) {
        return None;
    }
    purpose.split(['.', ';', ':', ',', '(', ')']).find_map(|clause| {
        let normal = normalise(clause);
        let words: Vec<&str> =
            normal.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let verb = words.iter().position(|w| POLLING_VERBS.contains(w))?;
        let this_port = matches!(
            words.get(verb + 1..).unwrap_or_default(),
            ["here", ..]
                | ["to" | "on", "it" | "here", ..]
                | ["to" | "on", "this" | "that" | "the", "port", ..]
        );
        let subject: Vec<&str> = words
            .get(..verb)
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|w| !NO_HEAD_WORDS.contains(w) && !matches!(*w, "your" | "our"))
            .collect();
        // "is reached here by": the subject is the port's own side.
        let passive = words
            .get(..verb)
            .and_then(|w| w.last())
            .is_some_and(|w| matches!(*w, "is" | "are" | "be" | "being"));
        (this_port && !passive && !subject.is_empty()).then(|| subject.join(" "))
    })
}

/// "browsers reach the wiki here", "clients query the directory on this port": a port's
/// purpose naming the side it reaches, the object of a flow verb whose place is the port
/// itself. That side's words (lowercase), or `None`.
pub(super) fn reached_here(purpose: &str) -> Option<String> {
    purpose.split(['.', ';', ':', ',', '(', ')']).find_map(|clause| {
        let normal = normalise(clause);
        let words: Vec<&str> =
            normal.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let verb =
            words.iter().position(|w| POLLING_VERBS.contains(w) && !SENDING_VERBS.contains(w))?;
        let after = words.get(verb + 1..).unwrap_or_default();
        let here = after.iter().position(|w| *w == "here").or_else(|| {
            after.windows(3).position(|w| matches!(w, ["on" | "to", "this" | "that", "port"]))
        })?;
        let object: Vec<&str> = after
            .get(..here)
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|w| !NO_HEAD_WORDS.contains(w))
            .collect();
        // (Passive "is reached here by" speaks of the port's own side: not this reading.)
        let passive = words
            .get(..verb)
            .and_then(|w| w.last())
            .is_some_and(|w| matches!(*w, "is" | "are" | "be" | "being"));
        (!passive && !object.is_empty() && verb > 0).then(|| object.join(" "))
    })
}

/// "Receives syslog from the switches" in a row's purpose cell, "8089: receives its
/// configuration from the deployment server" after a list item's port: a receiving verb with
/// no subject speaks of the row's own part. What is received settles the way as in
/// [`direction_for`]; a text that does not open with such a verb is `Silent`.
pub(super) fn subjectless(text: &str) -> VerbReading {
    // "management port, reached by the other tiers", "polled by the server": a participle
    // clause with its agent speaks of the port itself, which is reached.
    let reached = text.split([',', ';', '(', ')']).any(|clause| {
        let normal = normalise(clause);
        let mut words = normal.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
        matches!(
            (words.next(), words.next()),
            (Some(verb), Some("by")) if verb.ends_with("ed") && POLLING_VERBS.contains(&verb)
        )
    });
    if reached {
        return VerbReading::Said(Direction::Inbound);
    }
    let normal = normalise(text);
    let words: Vec<&str> =
        normal.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // "Used to receive …", "To receive …", "It receives …": still the row's part.
    let skip = match words.as_slice() {
        ["used", "to", ..] => 2,
        ["to" | "it" | "this" | "service", ..] => 1,
        _ => 0,
    };
    let Some(verb) = words.get(skip) else { return VerbReading::Silent };
    if !RECEIVING_VERBS.contains(verb) {
        return VerbReading::Silent;
    }
    // A second verb after "and" is another clause ("receives traps and polls switches"):
    // what is received is read up to it, as far as "from" or a preposition of the port.
    let after = words.get(skip + 1..).unwrap_or_default();
    let end = after
        .iter()
        .position(|w| matches!(*w, "and" | "then" | "but" | "while"))
        .unwrap_or(after.len());
    let clause = after.get(..end).unwrap_or_default();
    let from = clause.iter().position(|w| *w == "from");
    let thing_end = from
        .or_else(|| clause.iter().position(|w| matches!(*w, "on" | "over" | "at" | "via")))
        .unwrap_or(clause.len());
    let thing = clause.get(..thing_end).unwrap_or_default();
    if !verb.starts_with("receiv") {
        // "Accepts connections", "Ingests events": the part is reached.
        return VerbReading::Said(Direction::Inbound);
    }
    match what_is_received(thing, from.is_some()) {
        Received::Pushed => VerbReading::Said(Direction::Inbound),
        Received::Fetched => VerbReading::Said(Direction::Outbound),
        Received::Unclear => VerbReading::Unclear,
    }
}

/// Whether `side` ("Agent", "the relay") names the part whose headings are `part` ("Metrics
/// agent Connections"): a word of both, singular.
pub(super) fn names_part(side: &str, part: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        normalise(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(singular)
            .collect()
    };
    let names = words(part);
    words(side).iter().any(|w| names.contains(w))
}

/// The part a flow sentence names as its subject, as written: "If mirroring is enabled, the
/// mirror vault receives copies from the primary on" → "the mirror vault". A clause before a
/// comma ("If …,", "In a cluster,") is no subject. `None` without a flow verb or a subject.
pub(super) fn subject_of(before_port: &str) -> Option<String> {
    let words: Vec<&str> = before_port.split_whitespace().collect();
    let is_verb =
        |w: &&str| is_clause_verb(&normalise(w.trim_matches(|c: char| !c.is_alphanumeric())));
    let verb = words.iter().position(is_verb)?;
    let before = words.get(..verb)?;
    let start = before.iter().rposition(|w| w.ends_with(',')).map_or(0, |c| c + 1);
    let subject = before.get(start..)?;
    // "is polled by", "are received by": the subject is what the verb is done to.
    let subject = match subject.last() {
        Some(w) if matches!(normalise(w).as_str(), "is" | "are" | "be" | "being") => {
            subject.get(..subject.len() - 1)?
        }
        _ => subject,
    };
    (!subject.is_empty()).then(|| subject.join(" "))
}

/// The message of a `direction-unclear` warning for the port written `port`.
pub(super) fn unclear_message(port: &str, component: &str) -> String {
    format!(
        "`{port}`: the sentence says {component} receives something, but not whether it is sent to {component} (then {component} listens on {port}) or fetched by it (then {component} connects out to {port}); the row is kept without a direction, which is planned as inbound"
    )
}

/// Whether the words naming what is received (`thing`) say it is sent to the receiver or
/// fetched by it. "receives on 8162" with nothing named is a listener's wording; "receives
/// jobs from the server" is not settled by either list.
fn what_is_received(thing: &[&str], from_named: bool) -> Received {
    let pushed = thing.iter().any(|w| PUSHED_THINGS.contains(w));
    let fetched = thing.iter().any(|w| FETCHED_THINGS.contains(w));
    let named = thing.iter().any(|w| w.len() > 3 && !matches!(*w, "their" | "its" | "the"));
    match (pushed, fetched) {
        (true, false) => Received::Pushed,
        (false, true) => Received::Fetched,
        (false, false) if !named && !from_named => Received::Pushed,
        _ => Received::Unclear,
    }
}

/// Whether a side of a flow verb (`side`, its words in order: "the meeting cloud", "the
/// poller's dashboard", "the dashboard of the poller") names the part whose words are
/// `names`: its head word (the last word before a preposition) is one of them, or a word of
/// them owns the head ("poller's", "of the poller"). A word shared as a modifier only ("the
/// *meeting* cloud" beside "Meeting node") names another thing.
fn side_names(side: &[String], names: &[String]) -> bool {
    let is_name = |w: &String| w.len() > 2 && names.contains(&singular(w));
    let mut head: Option<&String> = None;
    for (index, word) in side.iter().enumerate() {
        // "poller" "s" "dashboard": the possessive names its owner.
        if is_name(word) && side.get(index + 1).is_some_and(|next| next == "s") {
            return true;
        }
        if head.is_some() && word == "of" {
            // "the dashboard of the poller": the owner after "of" names the part as well.
            return head.is_some_and(is_name)
                || side_names(side.get(index + 1..).unwrap_or_default(), names);
        }
        if head.is_some() && HEAD_ENDING_PREPOSITIONS.contains(&word.as_str()) {
            break;
        }
        if word.len() > 2 && !NO_HEAD_WORDS.contains(&word.as_str()) {
            head = Some(word);
        }
    }
    head.is_some_and(is_name)
}

/// "pollers" → "poller", "poller's" is split before this; short words are left alone.
fn singular(word: &str) -> String {
    let word = word.strip_suffix("'s").unwrap_or(word);
    match word.strip_suffix('s') {
        Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem.to_owned(),
        _ => word.to_owned(),
    }
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// "5432 for postgresql, 1433 for sql server or": ports each followed by a short "for …"
/// phrase (up to four words), joined by commas, "and" or "or", up to the port being read.
fn is_port_list_for(words: &[&str]) -> bool {
    let mut i = 0;
    let mut named_for = false;
    while let Some(raw) = words.get(i) {
        let word = raw.trim_matches(',');
        i += 1;
        if word.is_empty() || is_number(word) || matches!(word, "and" | "or" | "tcp" | "udp") {
            continue;
        }
        if word != "for" {
            return false;
        }
        named_for = true;
        for _ in 0..4 {
            let Some(next) = words.get(i) else { break };
            let bare = next.trim_matches(',');
            if matches!(bare, "and" | "or") || is_number(bare) {
                break;
            }
            i += 1;
            if next.ends_with(',') {
                break;
            }
        }
    }
    named_for
}

#[cfg(test)]
mod tests {
    use super::VerbReading::{Said, Silent, Unclear};
    use super::*;

    /// "8090: HTTP connector: browsers reach the wiki here": the row went to a part made from
    /// the page's title, with no way; the side reached here is the row's part, listening.
    #[test]
    fn regression_browsers_reach_the_wiki_here_named_no_listening_part() {
        assert_eq!(
            reached_here("HTTP connector: browsers reach the wiki here (behind a proxy)")
                .as_deref(),
            Some("wiki")
        );
        assert_eq!(
            reached_here("clients query the directory on this port").as_deref(),
            Some("directory")
        );
        // Who connects here is the caller (`caller_of_this_port`), the port's side is unnamed.
        assert_eq!(reached_here("remote probes connect here"), None);
        assert_eq!(reached_here("the console is reached here by operators"), None);
        assert_eq!(reached_here("sends its logs here"), None);
    }

    #[test]
    fn polling_stems_open_every_polling_verb() {
        for verb in POLLING_VERBS {
            assert!(POLLING_STEMS.iter().any(|stem| verb.starts_with(stem)), "{verb}");
        }
        // Passed by the stems: no caller, as the clause reading says.
        assert_eq!(caller_of_this_port("Agent heartbeat (service ab)"), None);
        assert_eq!(
            caller_of_this_port("Remote probes CONNECT here"),
            Some("remote probes".to_owned())
        );
    }

    /// The newcomer's walk (session 14): "remote probes connect here" made the probe the port's
    /// owner.
    #[test]
    fn a_purpose_saying_who_connects_here_names_the_caller() {
        assert_eq!(
            caller_of_this_port("7800/tcp: remote probes connect here to fetch their checks")
                .as_deref(),
            Some("remote probes")
        );
        assert_eq!(caller_of_this_port("Agents connect to this port.").as_deref(), Some("agents"));
        assert_eq!(
            caller_of_this_port("Web console. Managed firewalls connect here").as_deref(),
            Some("managed firewalls")
        );
        assert_eq!(caller_of_this_port("The server connects to the agent"), None);
        assert_eq!(caller_of_this_port("Connect here with a browser"), None);
    }

    #[test]
    fn connects_to_x_on_n_after_listens_read_the_subject_as_listening() {
        let before = "The agent listens on 9273/TCP for status polls from the server and connects to the server on";
        assert_eq!(direction_for(before, "Agent"), Said(Direction::Outbound));
        assert_eq!(direction_for(before, "Server"), Said(Direction::Inbound));
        assert_eq!(subject_of(before).as_deref(), Some("The agent"));
    }

    #[test]
    fn receive_in_table_cells_and_list_items_was_read_only_in_paragraphs() {
        assert_eq!(subjectless("Receives syslog from network devices"), Said(Direction::Inbound));
        assert_eq!(
            subjectless("receives its signature updates from the vendor cloud"),
            Said(Direction::Outbound)
        );
        assert_eq!(subjectless("Used to receive alerts"), Said(Direction::Inbound));
        assert_eq!(subjectless("Accepts client connections"), Said(Direction::Inbound));
        assert_eq!(subjectless("receives jobs from the scheduler"), Unclear);
        assert_eq!(subjectless("Receives"), Said(Direction::Inbound));
        // Not a receiving verb first: nothing said.
        assert_eq!(subjectless("Web UI; receives nothing"), Silent);
        assert_eq!(subjectless("Sends logs to the collector"), Silent);
    }

    #[test]
    fn receives_on_n_had_no_direction() {
        let relay = "Relay node";
        assert_eq!(direction_for("The relay receives alerts on", relay), Said(Direction::Inbound));
        assert_eq!(
            direction_for("Alerts are received by the relay on", relay),
            Said(Direction::Inbound)
        );
        assert_eq!(
            direction_for("The collector receives reports from each relay on", relay),
            Said(Direction::Outbound)
        );
        assert_eq!(
            direction_for(
                "The poller polls each switch on 161/UDP and receives traps on",
                "Poller"
            ),
            Said(Direction::Inbound)
        );
        // The switch is no subject of "receives": the poller is.
        assert_eq!(
            direction_for(
                "The poller polls each switch on 161/UDP and receives traps on",
                "Switch"
            ),
            Silent
        );
        assert_eq!(direction_for("The server receives files on", relay), Silent);
        assert_eq!(
            direction_for("The relay receives data on 9997/tcp: replicates buckets on", relay),
            Silent
        );
        assert_eq!(direction_for("The relay receives alerts and forwards traps on", relay), Silent);
    }

    #[test]
    fn polls_x_on_n_had_no_direction() {
        let poller = "Poller";
        assert_eq!(
            direction_for("The poller polls each switch on", poller),
            Said(Direction::Outbound)
        );
        assert_eq!(
            direction_for("The central server polls the poller on", poller),
            Said(Direction::Inbound)
        );
        assert_eq!(
            direction_for("The poller is polled by the server on", poller),
            Said(Direction::Inbound)
        );
        assert_eq!(
            direction_for("Operators reach the poller's dashboard on", poller),
            Said(Direction::Inbound)
        );
        // Neither side names the section's part: nothing is said.
        assert_eq!(direction_for("The server polls each switch on", poller), Silent);
        assert_eq!(direction_for("Pollers poll other pollers on", poller), Silent);
        assert_eq!(
            direction_for("In a cluster, every node must reach every other node on", "Cluster"),
            Silent
        );
    }

    #[test]
    fn receives_its_configuration_from_the_server_made_the_agent_the_listener() {
        let agent = "Agent";
        let server = "Management server";
        // Fetched content: the agent connects out, the server listens.
        for sentence in [
            "The agent receives its configuration from the management server on",
            "Each agent receives policy updates from the server on",
            "Agents receive licences and certificates from the management server over",
            "Each agent receives its policies and scan definitions from the management server on",
            "Updates are received by the agent from the management server on",
        ] {
            assert_eq!(direction_for(sentence, agent), Said(Direction::Outbound), "{sentence}");
            assert_eq!(direction_for(sentence, server), Said(Direction::Inbound), "{sentence}");
        }
        // Sent to it: the agent listens, the server connects.
        for sentence in [
            "The agent receives connections from the management server on",
            "The agent receives requests from the server on",
            "The agent receives events pushed by the management server on",
        ] {
            assert_eq!(direction_for(sentence, agent), Said(Direction::Inbound), "{sentence}");
        }
        assert_eq!(
            direction_for("The agent receives connections from the management server on", server),
            Said(Direction::Outbound)
        );
        // Not settled by what is received: said to be unclear, never guessed.
        for sentence in [
            "The agent receives jobs from the management server on",
            "The agent receives from the server on",
            "The agent receives status updates and events from the server on",
        ] {
            assert_eq!(direction_for(sentence, agent), Unclear, "{sentence}");
        }
        // "accepts" is always the side reached.
        assert_eq!(
            direction_for("The agent accepts updates from the server on", agent),
            Said(Direction::Inbound)
        );
        // A later port of the same list is the same verb's.
        assert_eq!(
            direction_for("The agent receives its updates from the server on 443 or", agent),
            Said(Direction::Outbound)
        );
        assert_eq!(
            direction_for("The agent receives alerts on 7001, 7002 and", agent),
            Said(Direction::Inbound)
        );
        // Another part's receipt: the agent is not named, nothing is said.
        assert_eq!(direction_for("The proxy receives jobs from the server on", agent), Silent);
    }

    #[test]
    fn the_meeting_cloud_named_the_meeting_node_by_a_shared_word() {
        let node = "Meeting node";
        // The cloud is another thing; its shared modifier does not name the node.
        assert_eq!(direction_for("Clients reach the meeting cloud on", node), Silent);
        assert_eq!(
            direction_for("The node connects to the meeting cloud on", node),
            Said(Direction::Outbound)
        );
        assert_eq!(
            direction_for("The meeting node is reached by clients on", node),
            Said(Direction::Inbound)
        );
        // The head word names the part; an owner does too ("the node's", "of the node").
        assert_eq!(
            direction_for("Operators reach the dashboard of the node on", node),
            Said(Direction::Inbound)
        );
        assert_eq!(
            direction_for("Every node must reach the meeting cloud on", node),
            Said(Direction::Outbound)
        );
        // "Monitoring server" and "Monitoring agent" share a word, not a head.
        let agent = "Monitoring agent";
        assert_eq!(
            direction_for("The monitoring server polls the agent on", agent),
            Said(Direction::Inbound)
        );
        assert_eq!(
            direction_for("The agent connects to the monitoring server on", agent),
            Said(Direction::Outbound)
        );
    }
}
