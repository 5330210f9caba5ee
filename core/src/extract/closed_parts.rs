//! Parts a page says open nothing: "nothing has to be opened on the minions", "agents need no
//! inbound ports", "clients require no open ports". Such a part never listens, so a row whose
//! cells name it (as who connects: "Minions connect only to send data") is not its row.

/// Where `opened_on` cuts a clause, in order.
pub(super) const OPENED_ON: [&str; 2] = [" opened on ", " open on "];

/// The verbs `needs_none` cuts a clause at, in order.
pub(super) const VERBS: [&str; 4] = [" needs no ", " need no ", " requires no ", " require no "];

/// The names (as written) of the parts `text` says need nothing opened on them.
pub(super) fn closed_parts(text: &str) -> Vec<String> {
    // Most pages never say so: nothing to split. The check was `contains("no")`, true of
    // nearly every page ("not", "node"), and each clause then searched for the verbs with a
    // searcher built per call: 3 % of a clean build's instructions at 1,000 documents
    // (bench/HISTORY.md "Clean build, session 16"). A clause is a piece of `lower` and the
    // phrases hold no delimiter, so a page without one of them has no clause with one.
    let lower = text.to_lowercase();
    if !OPENED_ON.iter().chain(&VERBS).any(|saying| lower.contains(saying)) {
        return Vec::new();
    }
    lower
        .split(['.', ';', ':', ',', '\n', '!', '?'])
        .filter_map(|clause| {
            let clause = clause.trim();
            opened_on(clause).or_else(|| needs_none(clause)).map(str::to_owned)
        })
        .filter(|name| !name.is_empty() && name.split_whitespace().count() <= 4)
        .collect()
}

/// "so nothing has to be opened on the minions", "no ports need to be opened on agents": the
/// words after "opened on".
fn opened_on(clause: &str) -> Option<&str> {
    let denies = clause.starts_with("nothing")
        || clause.contains(" nothing ")
        || clause.contains("no port")
        || clause.contains("no inbound port");
    if !denies {
        return None;
    }
    let [opened, open] = OPENED_ON;
    let (_, after) = clause.split_once(opened).or_else(|| clause.split_once(open))?;
    Some(after.trim().trim_start_matches("the ").trim())
}

/// "agents need no inbound ports", "the client requires no open ports": the words before the
/// verb, when what is denied is a port.
fn needs_none(clause: &str) -> Option<&str> {
    let (at, verb) = VERBS.iter().find_map(|verb| clause.find(verb).map(|at| (at, verb.len())))?;
    let denied = clause.get(at + verb..)?;
    let port = ["port", "inbound", "open"].iter().any(|w| denied.starts_with(w));
    let subject = clause.get(..at)?.trim();
    port.then(|| subject.trim_start_matches("the ").trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_rows_went_to_the_part_the_page_says_opens_nothing() {
        let lead_in = "The minions always open the connections; the master never connects to a \
                       minion, so nothing has to be opened on the minions.";
        assert_eq!(closed_parts(lead_in), ["minions"]);
        assert_eq!(closed_parts("Agents need no inbound ports."), ["agents"]);
        assert_eq!(closed_parts("The client requires no open ports."), ["client"]);
        assert_eq!(closed_parts("No ports need to be opened on the workers."), ["workers"]);
        // Saying nothing of a part's ports, or denying something else, closes nothing.
        assert!(closed_parts("The server needs no restart. Open 443 on the server.").is_empty());
        assert!(closed_parts("Nothing else is required.").is_empty());
        assert!(closed_parts("").is_empty());
    }

    /// The quick check skips only pages whose every clause `opened_on` and `needs_none` pass:
    /// each saying alone, in any case and across lines, still finds its part; a page that
    /// holds the words but not a saying finds none.
    #[test]
    fn regression_every_page_with_no_in_it_was_split_into_clauses() {
        assert_eq!(closed_parts("Nothing has to be OPENED ON the minions."), ["minions"]);
        assert_eq!(closed_parts("so nothing is open on\nthe minions"), Vec::<String>::new());
        assert_eq!(closed_parts("No port needs to be open on the agents"), ["agents"]);
        assert_eq!(closed_parts("Agents NEEDS NO inbound ports"), ["agents"]);
        assert_eq!(closed_parts("The agent need no open ports"), ["agent"]);
        assert_eq!(closed_parts("Clients require no inbound ports."), ["clients"]);
        assert_eq!(closed_parts("The node requires no port forwarding"), ["node"]);
        // "no" everywhere, no saying: nothing.
        assert!(closed_parts("No node is opened. Not now; none needed, no ports.").is_empty());
        // The verbs are tried in their order, as before.
        assert_eq!(closed_parts("web needs no port and requires no open one"), ["web"]);
        assert_eq!(closed_parts("ÉDGE nodes need no inbound ports"), ["édge nodes"]);
    }
}
