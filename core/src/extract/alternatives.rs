//! "8443 or 443", "9443 (or 443)", "80, 443 or 8443": one of several ports, whichever the
//! deployment uses. Both rows are kept (dropping one is an outage) and made conditional with
//! the alternative named (requiring both opens a port nobody uses). "80/443" and "80, 443"
//! mean both, and stay as they are. A slash pair followed by its own condition ("8080/8443 if
//! TLS is on") takes that condition: read as both ports or either, it holds only when the
//! condition does — unless the clause names one port of the pair (by number, by service name,
//! or as the secure port of a plain/secure pair: "80/443 if HTTPS is on"), when only that port
//! takes it and the other always applies. (A single port's "if …" is left to the necessity cues: in prose, "check
//! 443 if the page does not load" is no condition of the port.)

use std::ops::Range;

use super::vocabulary::app_protocol;
use crate::model::{Transports, alternatives_condition};

/// How two neighbouring ports are joined in the text between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// "8443 or 443", "9443 (or 443)", "8443/tcp or 443/tcp".
    Or,
    /// "80, 443".
    Comma,
    /// "80/443".
    Slash,
    /// Anything else: "and", other words, a sentence break.
    Other,
}

fn link(between: &str) -> Link {
    if between.contains(['.', ';', '!', '?']) {
        return Link::Other;
    }
    let words: Vec<String> = between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| {
            Transports::parse(w).is_none()
                && app_protocol(w).is_none()
                && !matches!(w.as_str(), "port" | "ports" | "either")
        })
        .collect();
    // "5432 for PostgreSQL, 1433 for SQL Server or 3306": what each port is for names the
    // alternative, it does not break the list.
    let mut for_phrase = words.first().is_some_and(|w| w == "for");
    let words: Vec<String> = words
        .into_iter()
        .filter(|w| {
            for_phrase &= !matches!(w.as_str(), "or" | "and");
            !for_phrase
        })
        .collect();
    // "514/udp (514/tcp if reliable logging is on)": the next port opens a parenthesis of
    // its own; the slash is the first port's transport, no pair ("(or 443)" still is one).
    let opens_paren = between.contains('(') && !between.contains(')');
    match words.as_slice() {
        [or] if or == "or" => Link::Or,
        _ if opens_paren => Link::Other,
        [] if between.contains(',') => Link::Comma,
        [] if between.contains('/') => Link::Slash,
        _ => Link::Other,
    }
}

/// Words that open a port's own condition right after it.
const CONDITION_OPENERS: &[&str] = &["if", "unless"];

/// For each port (its span in `text`), the condition its neighbours give it: `Some` for a port
/// that is one of several alternatives, or that is followed by its own "if …" clause.
pub(super) fn conditions(text: &str, spans: &[Range<usize>]) -> Vec<Option<String>> {
    let mut out = vec![None; spans.len()];
    let mut start = 0;
    while start < spans.len() {
        // A run of ports joined by commas and "or" (or by slashes).
        let mut end = start;
        let mut links = Vec::new();
        while let (Some(a), Some(b)) = (spans.get(end), spans.get(end + 1)) {
            let kind = link(text.get(a.end..b.start).unwrap_or_default());
            let joins = match links.first() {
                None => kind != Link::Other,
                Some(Link::Slash) => kind == Link::Slash,
                Some(_) => matches!(kind, Link::Or | Link::Comma),
            };
            if !joins {
                // "443, 8443/8444 if clustered": the slash pair is a run of its own.
                if kind == Link::Slash && end > start && links.pop().is_some() {
                    end -= 1;
                }
                break;
            }
            links.push(kind);
            end += 1;
        }
        let run = spans.get(start..=end).unwrap_or_default();
        let written: Vec<&str> = run.iter().filter_map(|s| text.get(s.clone())).collect();
        let mut only = None;
        let condition = if links.contains(&Link::Or) {
            Some(alternatives_condition(&one_of(&written)))
        } else if !links.is_empty() && links.iter().all(|l| *l == Link::Slash) {
            let clause = run.last().and_then(|last| {
                own_condition(text, run.first().map_or(0, |f| f.start), last.end)
                    .map(|c| (c, text.get(last.end..).unwrap_or_default()))
            });
            clause.map(|(condition, rest)| {
                only = conditioned_part(&written, rest);
                condition
            })
        } else {
            None
        };
        if let Some(condition) = condition {
            for (k, slot) in out.get_mut(start..=end).into_iter().flatten().enumerate() {
                if only.is_none_or(|o| o == k) {
                    *slot = Some(condition.clone());
                }
            }
        }
        start = end + 1;
    }
    // "5432 (PostgreSQL) / 3306 (MySQL)": one port per product of one kind, whatever joins
    // them, is a choice the topology makes (see `backends`).
    for (run, written) in super::backends::runs(text, spans) {
        for slot in out.get_mut(run).into_iter().flatten() {
            *slot = Some(alternatives_condition(&written));
        }
    }
    // "6162 (2500 to 3300)": the port, else one in the range. The port always applies; the
    // range only when the port is taken.
    for (k, pair) in spans.windows(2).enumerate() {
        if let [port, range] = pair
            && let Some(slot) = out.get_mut(k + 1).filter(|slot| slot.is_none())
            && is_fallback_range(text, port, range)
        {
            *slot = Some(fallback_condition(text.get(port.clone()).unwrap_or_default()));
        }
    }
    out
}

/// The condition of a fallback range: used only when `port` is taken.
pub(super) fn fallback_condition(port: &str) -> String {
    format!("if {port} is taken")
}

/// `port` then `(range)` right after it, the range alone in the parenthetical.
fn is_fallback_range(text: &str, port: &Range<usize>, range: &Range<usize>) -> bool {
    let written_port = text.get(port.clone()).unwrap_or_default();
    let written_range = text.get(range.clone()).unwrap_or_default();
    text.get(port.end..range.start).is_some_and(|between| between.trim() == "(")
        && text.get(range.end..).is_some_and(|rest| rest.trim_start().starts_with(')'))
        && written_port.chars().all(|c| c.is_ascii_digit())
        && !written_range.chars().all(|c| c.is_ascii_digit())
}

/// "80/443 if HTTPS is enabled", "389/636 if LDAPS is used", "8080/8443 if TLS is on": the
/// clause after a slash pair (`rest`, from its last port) speaks of one port of the pair only;
/// the other always applies. The index of that port in `written`, when the clause names it:
/// by number, by its registered service name, or (for a pair of two) as the secure port of a
/// plain/secure pair, written second.
fn conditioned_part(written: &[&str], rest: &str) -> Option<usize> {
    let clause_end = rest.find(['.', ';', ',', '\n']).unwrap_or(rest.len());
    let clause = rest.get(..clause_end)?.to_lowercase();
    let words: Vec<&str> = clause
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let named: Vec<usize> = written
        .iter()
        .enumerate()
        .filter(|(_, port)| {
            words.iter().any(|w| {
                w == *port
                    || super::vocabulary::service_port(w)
                        .is_some_and(|(number, _)| port.parse::<u16>() == Ok(number))
            })
        })
        .map(|(k, _)| k)
        .collect();
    match named.as_slice() {
        [one] if written.len() > 1 => return Some(*one),
        [] => {}
        _ => return None,
    }
    let encryption = words.iter().any(|w| super::vocabulary::ENCRYPTION_WORDS.contains(w));
    (encryption && written.len() == 2).then_some(1)
}

/// "8443 or 443", "80, 443 or 8443".
fn one_of(written: &[&str]) -> String {
    match written.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => written.concat(),
    }
}

/// "8080/8443 if TLS is enabled": the clause right after the ports (past a transport or a
/// parenthetical), from the first port to the end of the clause.
fn own_condition(text: &str, from: usize, after: usize) -> Option<String> {
    let rest = text.get(after..)?;
    let clause_end = rest.find(['.', ';', ',', '\n']).unwrap_or(rest.len());
    let clause = rest.get(..clause_end)?;
    let first_word = clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .find(|w| Transports::parse(w).is_none() && app_protocol(w).is_none())?;
    if !CONDITION_OPENERS.contains(&first_word.to_lowercase().as_str()) {
        return None;
    }
    let written = text.get(from..after + clause_end)?.trim();
    Some(written.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Where each of `ports` is written in `text`, in order.
    pub(in super::super) fn spans_of(text: &str, ports: &[&str]) -> Vec<Range<usize>> {
        let mut from = 0;
        ports
            .iter()
            .map(|p| {
                let at = from + text[from..].find(p).expect("port in text");
                from = at + p.len();
                at..from
            })
            .collect()
    }

    fn read(text: &str, ports: &[&str]) -> Vec<Option<String>> {
        conditions(text, &spans_of(text, ports))
    }

    fn whichever(text: &str) -> Option<String> {
        Some(alternatives_condition(text))
    }

    #[test]
    fn a_fallback_range_in_a_port_cell_was_left_unread() {
        let text = "6162 (2500 to 3300)";
        assert_eq!(
            read(text, &["6162", "2500 to 3300"]),
            vec![None, Some(fallback_condition("6162"))]
        );
        // A parenthetical single port is an alternative, not a fallback range.
        assert_eq!(read("9443 (443)", &["9443", "443"]), vec![None, None]);
    }

    #[test]
    fn eight_four_four_three_or_four_four_three_was_two_required_rows() {
        assert_eq!(read("8443 or 443", &["8443", "443"]), vec![whichever("8443 or 443"); 2]);
        assert_eq!(read("9443 (or 443)", &["9443", "443"]), vec![whichever("9443 or 443"); 2]);
        assert_eq!(
            read("8443/tcp or 443/tcp", &["8443", "443"]),
            vec![whichever("8443 or 443"); 2]
        );
        assert_eq!(
            read("80, 443 or 8443", &["80", "443", "8443"]),
            vec![whichever("80, 443 or 8443"); 3]
        );
        assert_eq!(
            read("SMTP on 25 or 587; IMAP on 993", &["25", "587", "993"]),
            [whichever("25 or 587"), whichever("25 or 587"), None]
        );
    }

    #[test]
    fn regression_one_port_per_product_was_one_row_and_two_unread_numbers() {
        let one_of = whichever("5432 (PostgreSQL), 1433 (SQL Server) or 3306 (MySQL)");
        assert_eq!(
            read(
                "5432 for PostgreSQL, 1433 for SQL Server or 3306 for MySQL",
                &["5432", "1433", "3306"]
            ),
            [one_of.clone(), one_of.clone(), one_of]
        );
    }

    #[test]
    fn lists_that_mean_every_port_stay_required() {
        assert_eq!(read("80/443", &["80", "443"]), [None, None]);
        assert_eq!(read("80, 443", &["80", "443"]), [None, None]);
        assert_eq!(read("80 and 443", &["80", "443"]), [None, None]);
        assert_eq!(read("22 SSH, 9090 HTTPS", &["22", "9090"]), [None, None]);
        // Another verb's port: "or" with words between is no list.
        assert_eq!(read("uses 25 or, for submission, 587", &["25", "587"]), [None, None]);
        assert_eq!(read("listens on 80. Or 443 with TLS", &["80", "443"]), [None, None]);
    }

    #[test]
    fn a_slash_pair_with_its_own_condition_was_required() {
        let condition = Some("8080/8443 if the web console is enabled".to_owned());
        assert_eq!(
            read("8080/8443 if the web console is enabled", &["8080", "8443"]),
            [condition.clone(), condition]
        );
        assert_eq!(
            read("9090/9091 (TCP) unless the proxy is used", &["9090", "9091"]),
            vec![Some("9090/9091 (TCP) unless the proxy is used".to_owned()); 2]
        );
        assert_eq!(read("Check 443 if the page does not load", &["443"]), [None]);
        assert_eq!(read("8080/8443 for the web UI", &["8080", "8443"]), [None, None]);
    }

    #[test]
    fn a_slash_pair_if_clause_made_the_part_that_always_applies_conditional() {
        let tls = Some("8080/8443 if TLS is enabled".to_owned());
        assert_eq!(read("8080/8443 if TLS is enabled", &["8080", "8443"]), [None, tls]);
        let https = Some("80/443 if HTTPS is turned on".to_owned());
        assert_eq!(read("80/443 if HTTPS is turned on", &["80", "443"]), [None, https]);
        let ldaps = Some("636/389 if LDAPS is used".to_owned());
        assert_eq!(read("636/389 if LDAPS is used", &["636", "389"]), [ldaps, None]);
        let named = Some("9000/9001 if 9001 is moved off the host".to_owned());
        assert_eq!(
            read("9000/9001 if 9001 is moved off the host", &["9000", "9001"]),
            [None, named]
        );
        // A clause about both, or about a pair of more than two, conditions every port.
        let clustered = Some("5701/5702 if the console is clustered".to_owned());
        assert_eq!(
            read("5701/5702 if the console is clustered", &["5701", "5702"]),
            [clustered.clone(), clustered]
        );
        // The pair after a comma is a run of its own: the port before it always applies.
        let pair = Some("8443/8444 if clustered".to_owned());
        assert_eq!(
            read("443, 8443/8444 if clustered", &["443", "8443", "8444"]),
            [None, pair.clone(), pair]
        );
    }
}
