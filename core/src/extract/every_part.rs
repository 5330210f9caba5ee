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
        let mut split = sentence.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
        // The first word decides, before any word is copied: every sentence's words were
        // lowercased into a list to find that most open with none of these (1 % of a clean
        // build, bench/HISTORY.md "Clean build, session 16"). No character outside ASCII
        // lowercases into "every", "each" or "all", so an ASCII comparison tells the same.
        let Some(first) = split.next() else { return false };
        if !EVERY.iter().any(|every| first.eq_ignore_ascii_case(every)) {
            return false;
        }
        // The opening word, up to two more, the part and its verb.
        let words: Vec<String> =
            std::iter::once(first).chain(split).take(5).map(str::to_lowercase).collect();
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

    /// The first word is compared before the words are lowercased: in any case it still
    /// opens the phrase, and a word that only lowercases like one (or a longer one) does not.
    #[test]
    fn regression_every_sentence_was_lowercased_to_read_its_first_word() {
        assert!(says_every_part("EVERY Log Store PROCESS Opens these ports."));
        assert!(says_every_part("Intro: eAcH node listens on 9000"));
        assert!(says_every_part("ALL the big servers expose them"));
        assert!(!says_every_part("Everyone node listens on 9000"));
        assert!(!says_every_part("Ąll nodes listen on 9000"));
        assert!(!says_every_part("All of the many nodes listen on 9000"));
    }
}
