//! What a heading, lead-in sentence, cell or pin says about the requirements near it, and how
//! the more specific statement wins over the more general one.

use super::vocabulary::{self, direction_cue, exposure_cue, necessity_cue};
use crate::model::{Direction, Exposure, Necessity, Transports};

/// Partial knowledge about requirements; each layer fills what it knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cues {
    pub component: Option<String>,
    pub direction: Option<Direction>,
    pub necessity: Option<Necessity>,
    pub condition: Option<String>,
    pub exposure: Option<Exposure>,
    pub transport: Option<Transports>,
    pub app_protocol: Option<String>,
    pub peer: Option<String>,
    /// The deployment variant (slug) rows belong to: a `variant=` pin or a variant heading.
    pub variant: Option<String>,
    /// `port-column=Header`: which column of the next table holds the ports.
    pub port_column: Option<String>,
}

impl Cues {
    /// Reads cue phrases from free text.
    pub fn from_text(text: &str) -> Cues {
        let (necessity, direction, exposure) = vocabulary::text_cues(text);
        Cues {
            direction,
            exposure,
            condition: (necessity == Some(Necessity::Conditional)).then(|| condition_text(text)),
            necessity,
            ..Cues::default()
        }
    }

    /// `self` refined by `specific`: every field `specific` knows wins.
    pub fn overlay(&self, specific: &Cues) -> Cues {
        let necessity = specific.necessity.or(self.necessity);
        Cues {
            component: specific.component.clone().or_else(|| self.component.clone()),
            direction: specific.direction.or(self.direction),
            condition: if specific.necessity.is_some() {
                specific.condition.clone()
            } else {
                self.condition.clone()
            }
            .filter(|_| necessity == Some(Necessity::Conditional)),
            necessity,
            exposure: specific.exposure.or(self.exposure),
            transport: specific.transport.or(self.transport),
            app_protocol: specific.app_protocol.clone().or_else(|| self.app_protocol.clone()),
            peer: specific.peer.clone().or_else(|| self.peer.clone()),
            variant: specific.variant.clone().or_else(|| self.variant.clone()),
            port_column: specific.port_column.clone().or_else(|| self.port_column.clone()),
        }
    }

    /// [`Cues::overlay`] taking both by value: what `specific` knows is moved in rather than
    /// cloned (rows and sentences layer several cues each).
    pub fn refine(self, specific: Cues) -> Cues {
        let necessity = specific.necessity.or(self.necessity);
        Cues {
            component: specific.component.or(self.component),
            direction: specific.direction.or(self.direction),
            condition: if specific.necessity.is_some() {
                specific.condition
            } else {
                self.condition
            }
            .filter(|_| necessity == Some(Necessity::Conditional)),
            necessity,
            exposure: specific.exposure.or(self.exposure),
            transport: specific.transport.or(self.transport),
            app_protocol: specific.app_protocol.or(self.app_protocol),
            peer: specific.peer.or(self.peer),
            variant: specific.variant.or(self.variant),
            port_column: specific.port_column.or(self.port_column),
        }
    }

    /// Reads `key=value` pairs from a pin (`<!-- portolan: … -->` or heading attributes).
    /// Unknown keys and values are returned as errors for a diagnostic.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Cues, Vec<String>) {
        let mut cues = Cues::default();
        let mut problems = Vec::new();
        for (key, value) in pairs {
            let value = value.trim();
            match key.trim().to_ascii_lowercase().as_str() {
                "component" => cues.component = Some(value.to_owned()),
                "peer" => cues.peer = Some(value.to_owned()),
                "direction" => match direction_cue(value) {
                    Some(d) => cues.direction = Some(d),
                    None => problems.push(format!("direction `{value}` is not one of inbound, outbound, bidirectional, internal")),
                },
                "necessity" | "required" => match vocabulary::necessity_cell(value) {
                    Some(n) => cues.necessity = Some(n),
                    None => problems.push(format!("necessity `{value}` is not one of required, recommended, optional, conditional")),
                },
                "condition" => cues.condition = Some(value.to_owned()),
                "exposure" => match exposure_cue(value) {
                    Some(e) => cues.exposure = Some(e),
                    None => problems.push(format!("exposure `{value}` is not one of external, internal")),
                },
                "protocol" | "transport" => match Transports::parse(value) {
                    Some(t) => cues.transport = Some(t),
                    None => problems.push(format!("transport `{value}` is not one of tcp, udp, sctp, tcp+udp")),
                },
                "app" | "app_protocol" => cues.app_protocol = Some(value.to_ascii_lowercase()),
                "variant" => match super::components::slugify(value) {
                    slug if slug.is_empty() => problems.push(format!("variant `{value}` has no letters or digits")),
                    slug => cues.variant = Some(slug),
                },
                "port-column" | "port_column" | "ports-column" => {
                    cues.port_column = Some(value.trim_matches(['"', '\'']).to_owned())
                }
                // Heading ids and classes travel with heading attributes; they are not pins.
                "id" | "class" => {}
                other => problems.push(format!("unknown pin key `{other}`")),
            }
        }
        if cues.condition.is_some() && cues.necessity.is_none() {
            cues.necessity = Some(Necessity::Conditional);
        }
        (cues, problems)
    }
}

/// The clause that states a condition, shortened for display.
fn condition_text(text: &str) -> String {
    let trimmed = text.trim();
    let clause = clauses(trimmed)
        .into_iter()
        .find(|s| necessity_cue(s) == Some(Necessity::Conditional))
        .unwrap_or(trimmed)
        .trim()
        .trim_matches(['(', ')']);
    // "the web console (only if its plugin is enabled; configurable)" cut at the ';': the
    // parenthesis the cut left open is closed.
    let open = clause.matches('(').count().saturating_sub(clause.matches(')').count());
    let closed = format!("{clause}{}", ")".repeat(open));
    let clause = closed.as_str();
    let mut short: String = clause.chars().take(160).collect();
    if clause.chars().count() > 160 {
        short.push('…');
    }
    short
}

/// `text` cut at each `;` and at each `.` that ends a sentence (a space or the end after it):
/// the dot inside "H.323" or "v2.1" is no boundary.
fn clauses(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut from = 0;
    for (at, c) in text.char_indices() {
        let ends = match c {
            ';' => true,
            '.' => {
                text.get(at + 1..).and_then(|r| r.chars().next()).is_none_or(char::is_whitespace)
            }
            _ => false,
        };
        if ends {
            parts.extend(text.get(from..at));
            from = at + 1;
        }
    }
    parts.extend(text.get(from..));
    parts
}

/// Parses `key=value key="quoted value"` (the inside of a pin comment).
pub fn parse_pairs(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq].trim().to_owned();
        let after = rest[eq + 1..].trim_start();
        let (value, remainder) = if let Some(quoted) = after.strip_prefix('"') {
            match quoted.find('"') {
                Some(end) => (quoted[..end].to_owned(), &quoted[end + 1..]),
                None => (quoted.to_owned(), ""),
            }
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (after[..end].to_owned(), &after[end..])
        };
        if key.contains(char::is_whitespace) {
            // "garbage key=value": keep only the last word as the key.
            let key = key.rsplit(char::is_whitespace).next().unwrap_or_default().to_owned();
            pairs.push((key, value));
        } else {
            pairs.push((key, value));
        }
        rest = remainder.trim_start();
    }
    pairs
}

/// Traffic described as a phrase: "from Public zone to Gateway zone", "Management servers to
/// and from Gateway servers", "Control plane → Storage".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowPhrase {
    pub source: String,
    pub destination: String,
    pub both_ways: bool,
}

/// Whether `text` is written as an arrow between two ends ("Server → Agent").
pub fn is_arrow_flow(text: &str) -> bool {
    ["→", "->", "⟶", "↔", "⟷"].iter().any(|arrow| text.contains(arrow))
}

/// "Client -> Controller port is :9200": an item that opens on two ends joined by an arrow (a
/// short name before it, no number), as an item that opens on its port and then an arrow does.
pub fn opens_with_arrow(text: &str) -> bool {
    ["-->", "->", "→", "⟶"].iter().any(|arrow| {
        vocabulary::find_short(text, arrow).is_some_and(|at| {
            let before = text.get(..at).unwrap_or_default();
            let words = before.split_whitespace().count();
            (1..=4).contains(&words) && !before.bytes().any(|b| b.is_ascii_digit())
        })
    })
}

/// Finds a flow phrase in `text`. Returns `None` when there is none.
pub fn flow_phrase(text: &str) -> Option<FlowPhrase> {
    // (`find_short`, not `str::find`: a searcher set up per arrow per cell was most of this.)
    let lower = vocabulary::lowercase(text);
    if let Some(at) = find_word(&lower, "to and from") {
        let source = trailing_name(&text[..at])?;
        let destination = leading_name(&text[at + "to and from".len()..])?;
        return Some(FlowPhrase { source, destination, both_ways: true });
    }
    // "Site server <--> Distribution point": either end may start.
    for arrow in ["<-->", "<->", "↔", "⟷"] {
        if let Some(at) = vocabulary::find_short(text, arrow) {
            let source = trailing_name(&text[..at])?;
            let destination = leading_name(&text[at + arrow.len()..])?;
            return Some(FlowPhrase { source, destination, both_ways: true });
        }
    }
    for arrow in ["→", "-->", "->", "⟶"] {
        if let Some(at) = vocabulary::find_short(text, arrow) {
            let source = trailing_name(&text[..at])?;
            let destination = leading_name(&text[at + arrow.len()..])?;
            return Some(FlowPhrase { source, destination, both_ways: false });
        }
    }
    if let Some(from) = find_word(&lower, "from") {
        let after_from = from + "from".len();
        if let Some(to) = find_word(&lower[after_from..], "to") {
            let source = leading_name(&text[after_from..after_from + to])?;
            let destination = leading_name(&text[after_from + to + 2..])?;
            // "a range taken from the distribution port (+ 10000 to + 10010)": numbers
            // between ports, no parties.
            if !names_a_port(&source) && !names_a_port(&destination) {
                return Some(FlowPhrase { source, destination, both_ways: false });
            }
        }
    }
    // "Management servers to Developer Portal servers": no "from", a plain "X to Y" between names.
    if let Some(to) = find_word(&lower, "to") {
        let source = trailing_name(&text[..to])?;
        let destination = leading_name(&text[to + 2..])?;
        if starts_upper(&source) && starts_upper(&destination) {
            return Some(FlowPhrase { source, destination, both_ways: false });
        }
    }
    None
}

/// A port or a range, named as one ("the distribution port", "+ 10010"): never a party.
fn names_a_port(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    let last = lower.rsplit(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty());
    matches!(last, Some("port" | "ports" | "range" | "ranges"))
        || lower.starts_with(|c: char| c.is_ascii_digit() || c == '+')
}

/// A cell of a flow column (`Connections initiated`): a flow phrase, or "A to B" in any case
/// ("Management server to the database"), articles left off the names.
pub fn flow_cell(text: &str) -> Option<FlowPhrase> {
    let phrase = flow_phrase(text).or_else(|| {
        let lower = text.to_lowercase();
        if let Some(to) = find_word(&lower, "to") {
            let source = trailing_name(text.get(..to)?)?;
            let destination = leading_name(text.get(to + 2..)?)?;
            return Some(FlowPhrase { source, destination, both_ways: false });
        }
        // Exchange's "Directory access from Hub Transport server": what is reached, then
        // "from" the part that reaches it.
        let from = find_word(&lower, "from")?;
        let destination = trailing_name(text.get(..from)?)?;
        let source = leading_name(text.get(from + 4..)?)?;
        Some(FlowPhrase { source, destination, both_ways: false })
    })?;
    Some(FlowPhrase {
        source: without_article(&phrase.source),
        destination: without_article(&phrase.destination),
        both_ways: phrase.both_ways,
    })
}

/// One word in "-ing" ("Connecting", "Forwarding"): an activity, not a party to a flow
/// ("Connecting to a remote agent" names no peer).
pub fn is_gerund(name: &str) -> bool {
    let name = name.trim();
    !name.contains(' ') && name.len() > 5 && name.to_ascii_lowercase().ends_with("ing")
}

fn without_article(name: &str) -> String {
    let lower = name.to_lowercase();
    ["the ", "a ", "an ", "any "]
        .iter()
        .find(|a| lower.starts_with(*a))
        .and_then(|a| name.get(a.len()..))
        .unwrap_or(name)
        .trim()
        .to_owned()
}

/// Verbs that end an opening "A to B" flow: "Master server to media server requires …".
const FLOW_VERBS: &[&str] = &[
    "requires", "require", "needs", "need", "uses", "use", "must", "should", "connects", "connect",
    "reaches", "reach",
];

/// An item or sentence that opens with "A to B" and a verb ("Media server to client requires
/// the TCP port for vnetd 13724"): its two ends, as written, when `is_part` knows both (a plain
/// "X to Y" elsewhere is too loose to read without the page's parts).
pub fn opening_flow(text: &str, is_part: impl Fn(&str) -> bool) -> Option<FlowPhrase> {
    let lower = vocabulary::lowercase(text);
    let verb = lower
        .split_whitespace()
        .scan(0usize, |at, word| {
            let start = lower[*at..].find(word).map_or(*at, |i| *at + i);
            *at = start + word.len();
            Some((start, word))
        })
        .find(|(_, w)| FLOW_VERBS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))?
        .0;
    let opening = text.get(..verb)?;
    let to = find_word(&lower[..verb], "to")?;
    let source = opening.get(..to)?.trim();
    let destination = opening.get(to + 2..)?.trim();
    (is_part(source) && is_part(destination)).then(|| FlowPhrase {
        source: source.to_owned(),
        destination: destination.to_owned(),
        both_ways: false,
    })
}

fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

fn find_word(haystack: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = vocabulary::find_short(&haystack[from..], word) {
        let start = from + found;
        let end = start + word.len();
        let before_ok = haystack[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = haystack[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(start);
        }
        from = end;
    }
    None
}

/// Stops a name at punctuation or at words that begin another clause.
const NAME_STOPS: &[&str] = &[
    "within", "for", "via", "over", "using", "when", "if", "and", "which", "so", "to", "on", "in",
    "(", "with", "through", "is", "are",
];

fn leading_name(text: &str) -> Option<String> {
    let text = text.trim_start();
    let end = text.find([',', '.', ';', ':', '(', '\n']).unwrap_or(text.len());
    let mut words = Vec::new();
    let all: Vec<&str> = text[..end].split_whitespace().collect();
    for (i, &word) in all.iter().enumerate() {
        let lower = vocabulary::lowercase(word);
        if !words.is_empty() && NAME_STOPS.contains(&&*lower) {
            break;
        }
        // "Client -> Controller port is :9200": the name ends where its port is spoken of
        // ("the backend port" alone is a port, no party: see `names_a_port`).
        let spoken_of = all
            .get(i + 1)
            .is_some_and(|next| matches!(vocabulary::lowercase(next).as_ref(), "is" | "are"));
        if !words.is_empty() && matches!(lower.as_ref(), "port" | "ports") && spoken_of {
            break;
        }
        words.push(word);
    }
    let name = words.join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    (!name.is_empty() && name.chars().count() <= 80).then_some(name)
}

/// The name right before a phrase: words back to the last number, protocol word or punctuation.
fn trailing_name(text: &str) -> Option<String> {
    let start = text.rfind([',', '.', ';', ':', ')', '\n']).map_or(0, |i| i + 1);
    let mut words: Vec<&str> = Vec::new();
    for word in text[start..].split_whitespace().rev() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty()
            || bare.bytes().all(|b| b.is_ascii_digit())
            || vocabulary::app_protocol(bare).is_some()
            || Transports::parse(bare).is_some()
        {
            break;
        }
        words.push(word);
    }
    words.reverse();
    let name = words.join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    (!name.is_empty() && name.chars().count() <= 80).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// NetBackup: "Master server to media server requires the TCP ports for vnetd 13724 …" gave
    /// every row to the master with no way (the lowercase "media server" is no "X to Y").
    #[test]
    fn regression_an_item_opening_with_a_to_b_and_a_verb_named_no_flow() {
        let parts = |name: &str| {
            ["master server", "media server", "client"].contains(&name.to_lowercase().as_str())
        };
        let flow = opening_flow(
            "Master server to media server requires the TCP ports for PBX 1556",
            parts,
        )
        .expect("a flow");
        assert_eq!(
            (flow.source.as_str(), flow.destination.as_str()),
            ("Master server", "media server")
        );
        let flow =
            opening_flow("Client to master server needs vnetd 13724", parts).expect("a flow");
        assert_eq!(flow.destination, "master server");
        // Ends that are not the page's parts: no flow.
        assert!(opening_flow("Upgrade to version 9 requires port 443", parts).is_none());
    }

    /// Regression (session 15, RabbitMQ's CLI range): "a range taken from the distribution port
    /// (+ 10000 to + 10010)" made "the distribution port" the rows' peer (peer-unresolved).
    #[test]
    fn regression_ports_and_offsets_are_no_flow_parties() {
        let cli = "35672-35682: client ports, a range taken from the distribution port (+ 10000 to + 10010)";
        assert_eq!(flow_phrase(cli), None);
        assert_eq!(flow_phrase("traffic from the web port to the backend port"), None);
        assert!(flow_phrase("443 from Public zone to Gateway zone").is_some());
    }

    #[test]
    fn flow_phrases() {
        assert_eq!(
            flow_phrase("443 HTTPS from Public zone to Gateway zone"),
            Some(FlowPhrase {
                source: "Public zone".into(),
                destination: "Gateway zone".into(),
                both_ways: false
            })
        );
        assert_eq!(
            flow_phrase(
                "3000 or 443 (dependent on configuration) HTTPS Management servers to and from Gateway servers for webhook delivery"
            ),
            Some(FlowPhrase {
                source: "Management servers".into(),
                destination: "Gateway servers".into(),
                both_ways: true
            })
        );
        assert_eq!(
            flow_phrase("Control plane → Storage"),
            Some(FlowPhrase {
                source: "Control plane".into(),
                destination: "Storage".into(),
                both_ways: false
            })
        );
        assert_eq!(
            flow_phrase(
                "443 HTTPS from Developer Portal servers to Management servers within Management zone"
            ),
            Some(FlowPhrase {
                source: "Developer Portal servers".into(),
                destination: "Management servers".into(),
                both_ways: false
            })
        );
        assert_eq!(
            flow_phrase(
                "443 HTTPS Management servers to Developer Portal servers for webhook delivery"
            ),
            Some(FlowPhrase {
                source: "Management servers".into(),
                destination: "Developer Portal servers".into(),
                both_ways: false
            })
        );
        assert_eq!(flow_phrase("Platform web UI, REST API"), None);
        assert_eq!(flow_phrase("used to synchronise counts"), None);
    }

    #[test]
    fn connections_initiated_column_in_lower_case_was_no_flow() {
        assert_eq!(
            flow_cell("Management server to the database"),
            Some(FlowPhrase {
                source: "Management server".into(),
                destination: "database".into(),
                both_ways: false
            })
        );
        assert_eq!(
            flow_cell("Managed devices and admin workstations to the management server")
                .map(|f| f.destination),
            Some("management server".into())
        );
        assert_eq!(flow_cell("Monitoring agents"), None);
    }

    #[test]
    fn data_path_through_a_service_and_access_from_a_server_were_no_flow() {
        assert_eq!(
            flow_cell("Mailbox server to Hub relay server through the submission service")
                .map(|f| f.destination),
            Some("Hub relay server".into())
        );
        assert_eq!(
            flow_cell("Directory access from Hub relay server"),
            Some(FlowPhrase {
                source: "Hub relay server".into(),
                destination: "Directory access".into(),
                both_ways: false
            })
        );
    }

    #[test]
    fn pins_parse_quoted_values_and_report_unknown_keys() {
        let pairs = parse_pairs(
            r#"component=control-plane direction=inbound condition="CAC deployments" bogus=1"#,
        );
        let (cues, problems) =
            Cues::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(cues.component.as_deref(), Some("control-plane"));
        assert_eq!(cues.direction, Some(Direction::Inbound));
        assert_eq!(cues.necessity, Some(Necessity::Conditional));
        assert_eq!(cues.condition.as_deref(), Some("CAC deployments"));
        assert_eq!(problems, ["unknown pin key `bogus`"]);
    }

    #[test]
    fn the_dot_in_h_323_cut_the_condition_in_two() {
        assert_eq!(
            condition_text("H.323 call setup, only for gateways registered as H.323"),
            "H.323 call setup, only for gateways registered as H.323"
        );
        assert_eq!(condition_text("Web console. Only if TLS is on."), "Only if TLS is on");
    }

    #[test]
    fn refine_is_overlay_by_value() {
        let texts = ["Optional, only required if HA is on", "Inbound from the internet", ""];
        for general in texts {
            for specific in texts {
                let mut a = Cues::from_text(general);
                a.peer = Some("agent".into());
                a.condition = Some("when HA".into());
                let mut b = Cues::from_text(specific);
                b.app_protocol = Some("https".into());
                assert_eq!(a.overlay(&b), a.clone().refine(b.clone()), "{general:?} {specific:?}");
                assert_eq!(b.overlay(&a), b.clone().refine(a.clone()), "{general:?} {specific:?}");
            }
        }
    }

    #[test]
    fn specific_cues_win() {
        let section = Cues {
            necessity: Some(Necessity::Required),
            exposure: Some(Exposure::External),
            ..Cues::default()
        };
        let row = Cues::from_text("Optional management UI. Do not expose externally.");
        let merged = section.overlay(&row);
        assert_eq!(merged.necessity, Some(Necessity::Optional));
        assert_eq!(merged.exposure, Some(Exposure::Internal));
    }
}
