//! A lead-in saying every part of the platform has the ports below ("Every log store process
//! opens the HTTP and gRPC ports", "Each node listens on"): the rows of its section are every
//! declared part's, as a role cell of "All" makes them, instead of the one part a purpose
//! happens to name ("such as a distributor handing log lines to an ingester").

/// Words that open the phrase.
const EVERY: &[&str] = &["every", "each", "all"];

/// Nouns for the parts of a platform.
const PARTS: &[&str] = &[
    "process",
    "processes",
    "component",
    "components",
    "node",
    "nodes",
    "instance",
    "instances",
    "server",
    "servers",
    "service",
    "services",
    "member",
    "members",
];

/// Verbs by which the parts hold the ports.
const HOLD: &[&str] = &[
    "open", "opens", "listen", "listens", "expose", "exposes", "serve", "serves", "bind", "binds",
];

/// True when a sentence of `text` opens with "every/each/all [up to two words] <part> <verb>".
pub(super) fn says_every_part(text: &str) -> bool {
    text.split(['.', ';', ':']).any(|sentence| {
        let words: Vec<String> = sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let Some(first) = words.first() else { return false };
        if !EVERY.contains(&first.as_str()) {
            return false;
        }
        (1..=3).any(|at| {
            words.get(at).is_some_and(|w| PARTS.contains(&w.as_str()))
                && words.get(at + 1).is_some_and(|w| HOLD.contains(&w.as_str()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::says_every_part;

    #[test]
    fn every_part_lead_ins_are_told_from_other_sentences() {
        assert!(says_every_part("Every log store process opens the HTTP and gRPC ports."));
        assert!(says_every_part("The cluster is small. Each node listens on the ports below:"));
        assert!(says_every_part("All servers expose these ports"));
        assert!(!says_every_part("Every request goes through the gateway."));
        assert!(!says_every_part("The gateway opens these ports on every node."));
        assert!(!says_every_part("Each process that ships logs connects out."));
    }
}
