//! `netsh advfirewall firewall show rule name=all verbose` (English): blocks of `Key: value`
//! lines, each opened by `Rule Name:`, optionally followed (or preceded) by `netsh advfirewall
//! show allprofiles` (`Domain Profile Settings:` sections of `Key   value` lines), whose
//! `State` and `Firewall Policy` give each profile's inbound default. The rules' meaning is
//! [`super::windows`]'.

use super::model::{Note, Ruleset, line_start};
use super::windows::{self, Field, HostView, Inbound, Profiles, WinRule};
use crate::data::Position;

/// Whether `text` looks like netsh's rule listing or profile settings.
pub fn is_netsh(text: &str) -> bool {
    text.lines().map(str::trim_start).any(|l| {
        l.starts_with("Rule Name:")
            || (l.ends_with("Profile Settings:")
                && ["Domain", "Private", "Public"].iter().any(|p| l.starts_with(p)))
    })
}

pub fn read(text: &str, host: &HostView<'_>) -> Ruleset {
    let mut rules: Vec<WinRule> = Vec::new();
    let mut profiles = Profiles::default();
    let mut notes = Vec::new();
    // The profile whose settings the lines belong to, when in a settings section.
    let mut profile: Option<String> = None;
    let mut state_on = true;
    for (index, raw) in text.lines().enumerate() {
        let at = line_start(index + 1);
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        // (`#` lines are no netsh output: comments of whoever kept the file.)
        if trimmed.is_empty()
            || trimmed.starts_with("---")
            || trimmed == "Ok."
            || trimmed.starts_with('#')
        {
            continue;
        }
        if let Some(name) = trimmed.strip_suffix(" Profile Settings:") {
            profile = Some(name.trim().to_owned());
            state_on = true;
            continue;
        }
        if let Some(name) = &profile
            && !trimmed.starts_with("Rule Name:")
        {
            settings_line(trimmed, name, at, &mut state_on, &mut profiles);
            continue;
        }
        // A continuation (ICMP's `Type Code` table under `Protocol:`): part of the field above.
        if line.starts_with(char::is_whitespace) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            if trimmed.starts_with("No rules match") {
                continue;
            }
            notes.push(Note::error(at, format!("`{trimmed}` is not a `Key: value` line of netsh's rule listing; expected e.g. `LocalPort:   443` (English output of `netsh advfirewall firewall show rule name=all verbose`)")));
            continue;
        };
        let column = line.len() - value.trim_start().len() + 1;
        let field_at = Position { line: at.line, column: u32::try_from(column).unwrap_or(1) };
        let field = Field::new(value.trim(), field_at);
        if key == "Rule Name" {
            profile = None;
            rules.push(WinRule { at, name: value.trim().to_owned(), ..WinRule::default() });
            continue;
        }
        let Some(rule) = rules.last_mut() else {
            notes.push(Note::error(at, format!("`{key}:` before any `Rule Name:`; expected each rule to start with `Rule Name:`")));
            continue;
        };
        let slot = match key {
            "Enabled" => &mut rule.enabled,
            "Direction" => &mut rule.direction,
            "Profiles" => &mut rule.profiles,
            "LocalIP" => &mut rule.local_address,
            "RemoteIP" => &mut rule.remote_address,
            "Protocol" => &mut rule.protocol,
            "LocalPort" => &mut rule.local_port,
            "RemotePort" => &mut rule.remote_port,
            "Program" => &mut rule.program,
            "Service" => &mut rule.service,
            "InterfaceTypes" => &mut rule.interface_types,
            "Security" => &mut rule.security,
            "Action" => &mut rule.action,
            // Description, Grouping, Edge traversal, Rule source, user and computer groups…
            _ => continue,
        };
        *slot = Some(field);
    }
    if rules.is_empty() && profiles.defaults.is_empty() && !text.contains("No rules match") {
        notes.push(Note::error(
            line_start(1),
            "no `Rule Name:` line; expected the English output of `netsh advfirewall firewall show rule name=all verbose`",
        ));
    }
    windows::ruleset(&rules, &profiles, host, notes)
}

/// `State   ON` and `Firewall Policy   BlockInbound,AllowOutbound` of a profile's settings.
fn settings_line(
    line: &str,
    profile: &str,
    at: Position,
    state_on: &mut bool,
    profiles: &mut Profiles,
) {
    let set = |profiles: &mut Profiles, inbound: Inbound| match profiles
        .defaults
        .iter_mut()
        .find(|(p, _, _)| p == profile)
    {
        Some(entry) => *entry = (profile.to_owned(), inbound, at),
        None => profiles.defaults.push((profile.to_owned(), inbound, at)),
    };
    if let Some(state) = line.strip_prefix("State") {
        *state_on = !state.trim().eq_ignore_ascii_case("off");
        if !*state_on {
            set(profiles, Inbound::Allow);
        }
    } else if let Some(policy) = line.strip_prefix("Firewall Policy") {
        let inbound = policy.trim().split(',').next().unwrap_or_default().to_ascii_lowercase();
        if !*state_on {
            return;
        }
        set(
            profiles,
            match inbound.as_str() {
                "allowinbound" => Inbound::Allow,
                "blockinboundalways" => Inbound::BlockAlways,
                _ => Inbound::Block,
            },
        );
    }
}
