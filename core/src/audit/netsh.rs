//! `netsh advfirewall firewall show rule name=all verbose` (English): blocks of `Key: value`
//! lines, each opened by `Rule Name:`, optionally followed (or preceded) by `netsh advfirewall
//! show allprofiles` (`Domain Profile Settings:` sections of `Key   value` lines), whose
//! `State` and `Firewall Policy` give each profile's inbound default (`show currentprofile`
//! prints the same sections, for the active profiles only). The rules' meaning is
//! [`super::windows`]'.
//!
//! netsh writes its field names in the system's display language, and Portolan can confirm
//! only the English ones: a section whose heading (the line above netsh's dashed line) is not
//! `Rule Name:` or `… Profile Settings:` is not read, and that is said at its heading, never
//! guessed (PowerShell's exports keep their property names in every language).

use super::model::{Note, Ruleset, line_start};
use super::windows::{self, Field, HostView, Inbound, Profiles, WinRule};
use crate::data::Position;

/// Whether `text` looks like netsh's rule listing or profile settings (in English, or in
/// netsh's shape: a `Name:` heading over a long dashed line).
pub fn is_netsh(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let headed = headings(&lines);
    lines.iter().zip(&headed).map(|(l, h)| (l.trim_start(), *h)).any(|(l, heading)| {
        l.starts_with("Rule Name:")
            || (l.ends_with("Profile Settings:")
                && ["Domain", "Private", "Public"].iter().any(|p| l.starts_with(p)))
            || (heading && l.contains(':'))
    })
}

/// For each line, whether it heads a netsh section: the next line is only dashes (netsh
/// draws 70).
fn headings(lines: &[&str]) -> Vec<bool> {
    let dashes = |l: &str| {
        let l = l.trim();
        l.len() >= 40 && l.bytes().all(|b| b == b'-')
    };
    (0..lines.len())
        .map(|i| {
            lines.get(i).is_some_and(|l| !l.trim().is_empty() && !dashes(l))
                && lines.get(i + 1).is_some_and(|next| dashes(next))
        })
        .collect()
}

/// The section headings this reader knows (English netsh).
fn known_heading(trimmed: &str) -> bool {
    trimmed.starts_with("Rule Name:") || trimmed.ends_with(" Profile Settings:")
}

pub fn read(text: &str, host: &HostView<'_>) -> Ruleset {
    let mut rules: Vec<WinRule> = Vec::new();
    let mut profiles = Profiles::default();
    let mut notes = Vec::new();
    // The profile whose settings the lines belong to, when in a settings section.
    let mut profile: Option<String> = None;
    let mut state_on = true;
    let lines: Vec<&str> = text.lines().collect();
    let headed = headings(&lines);
    // Sections under a heading not read: the first one's line and heading, and their count.
    let mut unread: Option<(Position, String)> = None;
    let mut unread_count = 0usize;
    let mut skipping = false;
    for (index, raw) in lines.iter().enumerate() {
        let at = line_start(index + 1);
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if headed.get(index) == Some(&true) {
            skipping = !known_heading(trimmed);
            if skipping {
                profile = None;
                unread_count += 1;
                unread.get_or_insert_with(|| (at, trimmed.to_owned()));
                continue;
            }
        }
        if skipping {
            continue;
        }
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
            settings_line(trimmed, name, at, &mut state_on, &mut profiles, &mut notes);
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
    if let Some((at, heading)) = &unread {
        let nothing_read = rules.is_empty() && profiles.defaults.is_empty();
        notes.push(Note::error(*at, format!(
            "`{heading}` heads a netsh section Portolan does not read ({unread_count} such section{} in this file): only English netsh output (`Rule Name:`, `Domain Profile Settings:`) is read, and field names in another display language are not guessed{}; export the rules with PowerShell instead (`Get-NetFirewallRule` with its filters through `ConvertTo-Json`, and `Get-NetFirewallProfile`), whose property names do not change with the language",
            if unread_count == 1 { "" } else { "s" },
            if nothing_read { ": nothing in this file is read" } else { ": their lines are not read" },
        )));
    } else if rules.is_empty() && profiles.defaults.is_empty() && !text.contains("No rules match") {
        notes.push(Note::error(
            line_start(1),
            "no `Rule Name:` line; expected the English output of `netsh advfirewall firewall show rule name=all verbose`",
        ));
    }
    windows::ruleset(&rules, &profiles, host, notes)
}

/// `State   ON` and `Firewall Policy   BlockInbound,AllowOutbound` of a profile's settings
/// (`NotConfigured`, in a Group Policy store: Windows' default, Block). A value of neither is
/// said where it is, with what it was read as.
fn settings_line(
    line: &str,
    profile: &str,
    at: Position,
    state_on: &mut bool,
    profiles: &mut Profiles,
    notes: &mut Vec<Note>,
) {
    let value_at = |rest: &str| Position {
        line: at.line,
        column: u32::try_from(line.len() - rest.trim_start().len() + 1).unwrap_or(1),
    };
    if let Some(state) = line.strip_prefix("State") {
        match state.trim().to_ascii_lowercase().as_str() {
            "on" | "notconfigured" => *state_on = true,
            "off" => {
                *state_on = false;
                profiles.set(profile, Inbound::Allow, at);
            }
            other => {
                *state_on = true;
                notes.push(Note::error(value_at(state), format!("{profile} profile: State `{other}`; expected ON or OFF (English output): read as ON (if the firewall is off, every port of this profile is open)")));
            }
        }
    } else if let Some(policy) = line.strip_prefix("Firewall Policy") {
        if !*state_on {
            return;
        }
        let inbound = policy.trim().split(',').next().unwrap_or_default().to_ascii_lowercase();
        let read = match inbound.as_str() {
            "allowinbound" => Inbound::Allow,
            "blockinboundalways" => Inbound::BlockAlways,
            "blockinbound" | "notconfigured" => Inbound::Block,
            _ => {
                notes.push(Note::error(value_at(policy), format!("{profile} profile: Firewall Policy `{}`; expected BlockInbound, AllowInbound or BlockInboundAlways first: read as BlockInbound (if it is AllowInbound, every port no rule blocks is open)", policy.trim())));
                Inbound::Block
            }
        };
        profiles.set(profile, read, at);
    }
}
