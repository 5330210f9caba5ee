//! "Each agent listens on port 7430 for the appliance, which connects to it": the part named
//! after "for" is the other end of the flow (the peer). "listens on 443 for HTTPS requests"
//! names what arrives, not who sends it, so the name counts only when it is a declared part
//! or the sentence says it connects ("which connects to it").

use super::vocabulary::lowercase;

/// The peer a listening sentence names after its port. `before_port` is the port's own words
/// up to the port, `after_port` the rest of its sentence; `declared` says whether a name is a
/// part of the page.
pub(super) fn peer_after_port(
    before_port: &str,
    after_port: &str,
    declared: impl Fn(&str) -> bool,
) -> Option<String> {
    let before = lowercase(before_port);
    let listening = before
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ["listen", "accept", "wait", "serve"].iter().any(|v| w.starts_with(v)));
    if !listening {
        return None;
    }
    // "7430/tcp for …", "7430 (TCP) for …": the transport written after the port is skipped.
    let after = after_port.trim_start_matches(['/', '(', ')']);
    let after = after.trim_start();
    let lower = lowercase(after);
    let skip = ["tcp", "udp", "sctp"].iter().find(|t| lower.starts_with(*t)).map_or(0, |t| t.len());
    let after = after.get(skip..)?.trim_start_matches([')', ' ']);
    let lower = lowercase(after);
    let rest = after.get(lower.strip_prefix("for ").map(|_| 4)?..)?;
    let rest_lower = lowercase(rest);
    let end = [",", ".", ";", "(", " which ", " that ", " to ", " and ", " when ", " if "]
        .iter()
        .filter_map(|stop| rest_lower.find(stop))
        .min()
        .unwrap_or(rest.len());
    let name = without_article(rest.get(..end)?.trim());
    let then = rest_lower.get(end..)?.trim_start_matches([',', ' ']);
    let connects = ["which connect", "that connect", "which call", "which reach", "which open"]
        .iter()
        .any(|p| then.starts_with(p));
    (!name.is_empty() && (connects || declared(name))).then(|| name.to_owned())
}

fn without_article(name: &str) -> &str {
    let lower = lowercase(name);
    ["the ", "a ", "an ", "each ", "every ", "any ", "its "]
        .iter()
        .find(|a| lower.starts_with(*a))
        .and_then(|a| name.get(a.len()..))
        .unwrap_or(name)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::peer_after_port;

    #[test]
    fn listens_on_n_for_the_appliance_had_no_peer() {
        let none = |_: &str| false;
        assert_eq!(
            peer_after_port(
                "Each agent listens on port ",
                "/tcp for the appliance, which connects to it to start jobs.",
                none
            )
            .as_deref(),
            Some("appliance")
        );
        // A declared part needs no "which connects".
        assert_eq!(
            peer_after_port("The node listens on ", " for the console.", |n| n == "console")
                .as_deref(),
            Some("console")
        );
    }

    #[test]
    fn what_arrives_is_no_peer() {
        let none = |_: &str| false;
        assert_eq!(
            peer_after_port("The web server listens on ", " for HTTPS requests.", none),
            None
        );
        // Not a listening sentence: "for" says what the port is for.
        assert_eq!(
            peer_after_port("Open ", " for the appliance, which connects to it.", none),
            None
        );
    }
}
