//! `Get-NetFirewallProfile` as PowerShell prints or exports it (`Format-List`, `Export-Csv`,
//! `ConvertTo-Json`): each profile's `Enabled`, `DefaultInboundAction` and `AllowInboundRules`,
//! which decide what no rule allows. A profile that is off, or whose inbound default is Allow,
//! lets in every port no rule blocks: that must be seen, not audited as if the default were
//! Block. Read by [`super::ps_firewall`], with the rules of the same file or alone.

use super::model::Note;
use super::windows::{Inbound, Profiles};
use crate::data::Position;

/// One field of a record: its name, its value as written, where the value starts.
pub(crate) type Entry<'a> = (&'a str, &'a str, Position);

/// Whether a record with these field names is a profile's, not a rule's.
pub(crate) fn is_profile<'a>(mut keys: impl Iterator<Item = &'a str>) -> bool {
    keys.any(|k| k.trim().eq_ignore_ascii_case("DefaultInboundAction"))
}

/// PowerShell's `GpoBoolean` (as text, or as `ConvertTo-Json`'s number: 0 False, 1 True,
/// 2 NotConfigured).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gpo {
    True,
    False,
    NotConfigured,
}

fn gpo(text: &str) -> Option<Gpo> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Some(Gpo::True),
        "false" | "0" => Some(Gpo::False),
        "notconfigured" | "2" => Some(Gpo::NotConfigured),
        _ => None,
    }
}

/// `Action` (text, or `ConvertTo-Json`'s number: 0 NotConfigured, 2 Allow, 4 Block);
/// `Some(None)`: NotConfigured.
fn action(text: &str) -> Option<Option<Inbound>> {
    match text.trim().to_ascii_lowercase().as_str() {
        "block" | "4" => Some(Some(Inbound::Block)),
        "allow" | "2" => Some(Some(Inbound::Allow)),
        "notconfigured" | "0" => Some(None),
        _ => None,
    }
}

const ACTIVE_STORE: &str =
    "`Get-NetFirewallProfile -PolicyStore ActiveStore` shows what is in force";

/// Reads one profile record (starting at `at`) into `profiles`.
pub(crate) fn read(
    at: Position,
    entries: &[Entry<'_>],
    profiles: &mut Profiles,
    notes: &mut Vec<Note>,
) {
    let get = |name: &str| entries.iter().find(|(k, _, _)| k.trim().eq_ignore_ascii_case(name));
    let name = get("Name")
        .map(|(_, v, _)| v.trim())
        .filter(|v| !v.is_empty())
        .map_or_else(|| format!("line {}", at.line), str::to_owned);
    if let Some((_, value, pos)) = get("Enabled") {
        match gpo(value) {
            Some(Gpo::False) => {
                profiles.set(&name, Inbound::Allow, *pos);
                return;
            }
            Some(Gpo::True) => {}
            Some(Gpo::NotConfigured) => notes.push(Note::assumption(*pos, format!("profile `{name}`: `Enabled` NotConfigured is read as Windows' default, on ({ACTIVE_STORE})"))),
            None => notes.push(Note::error(*pos, format!("profile `{name}`: Enabled `{}`; expected True, False or NotConfigured: read as on (if it is off, every port of this profile is open)", value.trim()))),
        }
    }
    let (mut inbound, mut decided_at) = (Inbound::Block, at);
    match get("DefaultInboundAction") {
        Some((_, value, pos)) => {
            decided_at = *pos;
            match action(value) {
                Some(Some(read)) => inbound = read,
                Some(None) => notes.push(Note::assumption(*pos, format!("profile `{name}`: `DefaultInboundAction` NotConfigured is read as Windows' default, Block ({ACTIVE_STORE})"))),
                None => notes.push(Note::error(*pos, format!("profile `{name}`: DefaultInboundAction `{}`; expected Block, Allow or NotConfigured: read as Block (if it is Allow, every port no rule blocks is open)", value.trim()))),
            }
        }
        None => notes.push(Note::error(
            at,
            format!(
                "profile `{name}` has no `DefaultInboundAction`: read as Windows' default, Block"
            ),
        )),
    }
    // `AllowInboundRules False`: the allow rules are ignored ("block all connections").
    if inbound == Inbound::Block
        && let Some((_, value, pos)) = get("AllowInboundRules")
        && gpo(value) == Some(Gpo::False)
    {
        inbound = Inbound::BlockAlways;
        decided_at = *pos;
    }
    profiles.set(&name, inbound, decided_at);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_one(fields: &[(&str, &str)]) -> (Profiles, Vec<Note>) {
        let at = Position { line: 3, column: 1 };
        let entries: Vec<Entry<'_>> = fields
            .iter()
            .enumerate()
            .map(|(i, (k, v))| {
                (*k, *v, Position { line: 3 + u32::try_from(i).unwrap_or(0), column: 35 })
            })
            .collect();
        let (mut profiles, mut notes) = (Profiles::default(), Vec::new());
        read(at, &entries, &mut profiles, &mut notes);
        (profiles, notes)
    }

    fn inbound(profiles: &Profiles) -> Vec<(&str, Inbound, u32)> {
        profiles.defaults.iter().map(|(n, i, at)| (n.as_str(), *i, at.line)).collect()
    }

    #[test]
    fn text_and_json_numbers_read_alike() {
        for (enabled, default, want) in [
            ("True", "Block", Inbound::Block),
            ("1", "4", Inbound::Block),
            ("True", "Allow", Inbound::Allow),
            ("1", "2", Inbound::Allow),
            ("False", "Block", Inbound::Allow),
            ("0", "4", Inbound::Allow),
        ] {
            let (p, notes) = read_one(&[
                ("Name", "Public"),
                ("Enabled", enabled),
                ("DefaultInboundAction", default),
            ]);
            assert_eq!(inbound(&p)[0].1, want, "{enabled} {default}");
            assert!(notes.is_empty(), "{notes:?}");
        }
    }

    #[test]
    fn not_configured_is_windows_default_said() {
        let (p, notes) = read_one(&[
            ("Name", "Domain"),
            ("Enabled", "NotConfigured"),
            ("DefaultInboundAction", "NotConfigured"),
        ]);
        assert_eq!(inbound(&p), [("Domain", Inbound::Block, 5)]);
        assert_eq!(notes.len(), 2);
        assert!(notes.iter().all(|n| !n.error && n.message.contains("ActiveStore")), "{notes:?}");
    }

    #[test]
    fn unknown_values_are_located_errors() {
        let (p, notes) = read_one(&[
            ("Name", "Public"),
            ("Enabled", "Oui"),
            ("DefaultInboundAction", "Bloquer"),
        ]);
        assert_eq!(inbound(&p), [("Public", Inbound::Block, 5)]);
        let lines: Vec<u32> = notes.iter().filter(|n| n.error).map(|n| n.at.line).collect();
        assert_eq!(lines, [4, 5]);
    }

    #[test]
    fn allow_inbound_rules_false_blocks_every_connection() {
        let (p, _) = read_one(&[
            ("Name", "Public"),
            ("Enabled", "True"),
            ("DefaultInboundAction", "Block"),
            ("AllowInboundRules", "False"),
        ]);
        assert_eq!(inbound(&p), [("Public", Inbound::BlockAlways, 6)]);
    }
}
