//! Who connects, in the row's own words: a row that states no peer but whose purpose names
//! another component of its document as the one that sends or connects ("for events that
//! Beats send", "sent by the agents", "the collectors connect here") is planned from that
//! component's hosts, not from every host of the platform (a P042 assumption before).
//!
//! Narrow on purpose: a general "callers named elsewhere" rule narrowed rows whose callers
//! were more than the one sentence named (a browser's 443), so only the row's own purpose
//! counts, only components of its own document (never a class such as `clients`), and only
//! as the subject of a sending or connecting verb ("that X send", "X connect here") or its
//! agent ("sent by X", "shipped from the X"). A clause that sends on to a third component
//! ("that X send to Y") is not read.

use crate::model::{Platform, Requirement, read_peer};

/// Verbs whose subject is the party that opens the connection.
const SENDING: &[&str] = &[
    "send", "sends", "ship", "ships", "push", "pushes", "forward", "forwards", "connect",
    "connects",
];
/// The same verbs as participles ("sent by X").
const SENT: &[&str] = &["sent", "shipped", "pushed", "forwarded"];
/// Words a sending subject may follow: the start of the purpose or a relative clause.
const CLAUSE_START: &[&str] = &["that", "which", "where", "when", "as"];
/// The longest component name read, in words ("compute cluster agent").
const LONGEST_NAME: usize = 4;

/// The components of `platform` (the row's document) that `requirement`'s purpose names as
/// its senders; empty when it names none in those words.
pub(super) fn senders(requirement: &Requirement, platform: &Platform) -> Vec<String> {
    let Some(purpose) = requirement.purpose.as_deref() else { return Vec::new() };
    let words: Vec<String> =
        crate::text::ascii_words(purpose).map(str::to_ascii_lowercase).collect();
    let own = requirement.component.as_str();
    let named = |span: &[String]| -> Option<Vec<String>> {
        let reading = read_peer(&span.join(" "), platform);
        let only_components = !reading.components.is_empty()
            && reading.classes.is_empty()
            && reading.unresolved.is_empty()
            && !reading.host_local;
        only_components.then_some(reading.components)
    };
    let others = |components: Vec<String>| -> Option<Vec<String>> {
        if components.iter().any(|c| c == own) { None } else { Some(components) }
    };
    for (i, word) in words.iter().enumerate() {
        if SENDING.contains(&word.as_str()) {
            // The subject: the longest span ending before the verb that starts a clause.
            let found = (1..=LONGEST_NAME.min(i)).rev().find_map(|len| {
                let start = i - len;
                let opens = start == 0
                    || words.get(start - 1).is_some_and(|w| CLAUSE_START.contains(&w.as_str()));
                if opens { named(&words[start..i]) } else { None }
            });
            if let Some(found) = found.and_then(others)
                && !sends_on(&words[i + 1..], own, &named)
            {
                return found;
            }
        }
        if SENT.contains(&word.as_str())
            && words.get(i + 1).is_some_and(|w| w == "by" || w == "from")
        {
            let rest = &words[(i + 2).min(words.len())..];
            let found =
                (1..=LONGEST_NAME.min(rest.len())).rev().find_map(|len| named(&rest[..len]));
            if let Some(found) = found.and_then(others) {
                return found;
            }
        }
    }
    Vec::new()
}

/// Does the clause after a sending verb send on to a component other than the row's own
/// ("… that X send to Y")? Then X is not this row's caller.
fn sends_on(after: &[String], own: &str, named: &dyn Fn(&[String]) -> Option<Vec<String>>) -> bool {
    after.iter().enumerate().any(|(i, w)| {
        w == "to"
            && (1..=LONGEST_NAME).any(|len| {
                after
                    .get(i + 1..i + 1 + len)
                    .and_then(named)
                    .is_some_and(|components| components.iter().any(|c| c != own))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::senders;
    use crate::extract::{Document, extract_document};
    use crate::model::{Direction, Requirement};
    use crate::plan::plan;
    use crate::topology::testkit::*;

    /// A row of `e/logstash` with no peer, whose purpose is `purpose`.
    fn row(purpose: &str) -> Requirement {
        let mut r = req("e/logstash", "r-1", "5044", "tcp", Direction::Inbound);
        r.purpose = Some(purpose.to_owned());
        r
    }

    fn read(purpose: &str) -> Vec<String> {
        let parts = vec![
            row(purpose),
            req("e/beats", "r-2", "1", "tcp", Direction::Outbound),
            req("e/elasticsearch", "r-3", "9200", "tcp", Direction::Inbound),
        ];
        let platform = platform("e", parts, &[]);
        senders(&platform.requirements[0], &platform)
    }

    #[test]
    fn the_sending_subject_or_agent_of_the_rows_own_purpose_is_its_peer() {
        assert_eq!(
            read("The Beats input listens on 5044 for events that e/beats send."),
            ["e/beats"]
        );
        assert_eq!(read("Events sent by the e/beats"), ["e/beats"]);
        assert_eq!(read("e/beats connect here"), ["e/beats"]);
        assert_eq!(read("logs shipped from e/beats on each host"), ["e/beats"]);
    }

    #[test]
    fn words_that_do_not_say_who_sends_name_no_sender() {
        // A bare "from": "from field agents and from web UI users" names one caller of many.
        assert!(read("events from the e/beats").is_empty());
        // The subject of a verb that does not start a clause, a class, the row's own part.
        assert!(read("events the e/beats send").is_empty());
        assert!(read("events that clients send").is_empty());
        assert!(read("events that e/logstash sends").is_empty());
        // Sending on to a third part: e/beats are not this row's callers.
        assert!(read("the port that e/beats send to e/elasticsearch on").is_empty());
    }

    #[test]
    fn regression_beats_input_was_planned_from_every_elastic_host_of_its_zone() {
        let parts = vec![
            row("for events that e/beats send"),
            req("e/beats", "r-2", "5044", "tcp", Direction::Outbound),
            req("e/elasticsearch", "r-3", "9200", "tcp", Direction::Inbound),
        ];
        let cat = catalog(vec![platform("e", parts, &[])]);
        let topo = topology(
            standard_zones(),
            vec![
                host("es1", "cluster", &["10.0.0.11"], &["e/elasticsearch"]),
                host("ls1", "cluster", &["10.0.0.30"], &["e/logstash"]),
                host("web1", "corp", &["10.20.0.21"], &["e/beats"]),
            ],
        );
        let plan = plan(&cat, &topo);
        let sources: Vec<String> = plan
            .flows
            .iter()
            .filter(|f| f.requirements.iter().any(|r| r == "e/r-1"))
            .map(|f| format!("{} -> {}", f.source.label(), f.destination.label()))
            .collect();
        // Before: `group e@cluster` (es1 and ls1's zone) and a P042 note; web1 never in it.
        assert_eq!(sources, ["host web1 -> host ls1"]);
        assert!(
            !plan.notes.iter().any(|n| n.requirement.as_deref() == Some("e/r-1")),
            "{:?}",
            plan.notes
        );
    }

    /// Every page the tests hold (content/, the unseen and extraction fixtures, the walks):
    /// the rows this reading gives a peer. Widening it must add rows here, each checked
    /// against the vendor's words (a wider rule once cost a browser its 443).
    #[test]
    fn the_rows_read_with_a_sender_are_these_only() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut paths = Vec::new();
        let dirs = [
            "content",
            "core/tests/fixtures/unseen",
            "core/tests/fixtures/extract",
            "core/tests/fixtures/vendor-shapes",
            "tests/validators/ceph",
            "tests/validators/elastic",
            "tests/validators/kafka",
            "tests/validators/rabbitmq",
            "tests/validators/zabbix",
        ];
        for dir in dirs {
            let entries = std::fs::read_dir(root.join(dir)).expect("a folder of pages");
            paths.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "md")),
            );
        }
        paths.sort();
        assert!(paths.len() > 100, "{} pages", paths.len());
        let mut read = Vec::new();
        for path in &paths {
            let text = std::fs::read_to_string(path).expect("a page");
            let name = path.display().to_string();
            let build = extract_document(Document { path: &name, bytes: text.as_bytes() });
            for platform in &build.catalog.platforms {
                for r in platform.requirements.iter().filter(|r| r.peer.is_none()) {
                    let found = senders(r, platform);
                    if !found.is_empty() {
                        read.push(format!("{} <- {}", r.id, found.join(", ")));
                    }
                }
            }
        }
        assert_eq!(read, ["elastic/logstash-5044-tcp <- elastic/beats"]);
    }
}
