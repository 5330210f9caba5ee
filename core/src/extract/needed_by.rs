//! "Clients that mount volumes over NFS also need port 111", "hosts that use LDAP also need
//! 636": the port is needed only by the parts the relative clause picks out, and they are who
//! connects to it. The clause is the row's condition and the row the listener's (inbound).

/// Who a sentence can open with as the ones connecting.
const CALLERS: &[&str] = &[
    "clients",
    "client",
    "hosts",
    "users",
    "machines",
    "systems",
    "workstations",
    "consumers",
    "applications",
    "browsers",
];

const NEED: &[&str] = &["need", "needs", "require", "requires"];

/// The condition "Clients that mount volumes over NFS also need …" states: "clients mount
/// volumes over NFS".
pub(super) fn condition(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower: Vec<String> = words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .collect();
    // "Clients", "Linux clients", "NFS client machines": up to three words, then "that"/"who".
    let relative = lower.iter().take(4).position(|w| w == "that" || w == "who")?;
    let subject = words.get(..relative)?;
    if !relative
        .checked_sub(1)
        .and_then(|i| lower.get(i))
        .is_some_and(|w| CALLERS.contains(&w.as_str()))
    {
        return None;
    }
    let verb_at = relative
        + 1
        + lower.get(relative + 1..)?.iter().position(|w| NEED.contains(&w.as_str()))?;
    let mut clause = words.get(relative + 1..verb_at)?.to_vec();
    if clause.last().is_some_and(|w| w.eq_ignore_ascii_case("also")) {
        clause.pop();
    }
    if clause.is_empty() || clause.len() > 12 {
        return None;
    }
    let subject = subject.join(" ").to_lowercase();
    Some(format!("{subject} {}", clause.join(" ").trim_end_matches(',')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_clients_that_mount_over_nfs_also_need_gave_no_condition_and_no_way() {
        assert_eq!(
            condition("Clients that mount volumes over NFS also need the portmapper, port 111.")
                .as_deref(),
            Some("clients mount volumes over NFS")
        );
        assert_eq!(
            condition("Windows hosts that use LDAP require 636/tcp.").as_deref(),
            Some("windows hosts use LDAP")
        );
        // No relative clause, or not the ones connecting: no condition.
        assert_eq!(condition("Clients need port 111."), None);
        assert_eq!(condition("Ports that are closed need no rule."), None);
        assert_eq!(condition("that need"), None);
        assert_eq!(condition(""), None);
    }
}
