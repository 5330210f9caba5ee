//! `Get-NetFirewallRule` as admins export it with PowerShell: `Select-Object` of the rule's
//! properties (`DisplayName`, `Enabled`, `Direction`, `Action`, `Profile`, `OverrideBlockRules`)
//! and its filters' (`Get-NetFirewallPortFilter`'s `Protocol`, `LocalPort`, `RemotePort`;
//! `Get-NetFirewallAddressFilter`'s `LocalAddress`, `RemoteAddress`;
//! `Get-NetFirewallApplicationFilter`'s `Program`, `Service`), then `Export-Csv` (any
//! delimiter, with or without its `#TYPE` line) or `ConvertTo-Json` (enums as numbers, lists as
//! arrays; a filter's properties may sit in a nested object). `Get-NetFirewallProfile`'s records
//! in the same shapes (before, after or instead of the rules) give the profiles' inbound
//! defaults (`audit::ps_profiles`). Columns are found by name, so
//! the firewall console's "Export List…" (tab- or comma-separated, `Local Port`, `Remote
//! Address`, `Override`, no `Direction`: a list of inbound rules) reads too. The rules'
//! meaning is [`super::windows`]'.

use super::model::{Note, Ruleset, line_start};
use super::ps_profiles;
use super::windows::{self, Field, HostView, Profiles, WinRule};
use super::words::json_or_note;
use crate::data::{Node, NodeValue, Position};

/// The names a column may have, for each field (compared without case).
const COLUMNS: &[(&str, &[&str])] = &[
    ("name", &["DisplayName", "Rule Name"]),
    // The rule's id (`Name`): its name in messages when there is no `DisplayName`.
    ("id", &["Name"]),
    ("enabled", &["Enabled"]),
    ("direction", &["Direction"]),
    ("action", &["Action"]),
    ("profiles", &["Profile", "Profiles"]),
    ("protocol", &["Protocol"]),
    ("local_port", &["LocalPort", "Local Port"]),
    ("remote_port", &["RemotePort", "Remote Port"]),
    ("local_address", &["LocalAddress", "LocalIP", "Local Address"]),
    ("remote_address", &["RemoteAddress", "RemoteIP", "Remote Address"]),
    ("program", &["Program"]),
    ("service", &["Service"]),
    ("interface_types", &["InterfaceType", "InterfaceTypes"]),
    ("override_block", &["OverrideBlockRules", "Override"]),
];

/// A CSV whose header names a firewall rule's `Direction` or `Action` and its `DisplayName`
/// or `LocalPort`, or a profile's `DefaultInboundAction` (`Export-Csv`'s `#TYPE` line skipped).
pub fn is_csv(text: &str) -> bool {
    let Some(header) =
        text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("#TYPE"))
    else {
        return false;
    };
    let lower = header.to_ascii_lowercase().replace(' ', "");
    let rules = (lower.contains("direction") || lower.contains("action"))
        && (lower.contains("displayname") || lower.contains("localport"));
    (rules || lower.contains("defaultinboundaction"))
        && header.contains([',', ';', '\t'])
        && !header.starts_with(['{', '['])
}

/// JSON with PowerShell's property names of a firewall rule (or of a profile).
pub fn is_json(text: &str) -> bool {
    let rules = (text.contains("\"DisplayName\"") || text.contains("\"LocalPort\""))
        && (text.contains("\"Direction\"") || text.contains("\"Action\""));
    rules || text.contains("\"DefaultInboundAction\"")
}

pub fn read(text: &str, host: &HostView<'_>) -> Ruleset {
    let trimmed = text.trim_start();
    if trimmed.starts_with(['{', '[']) {
        return read_json(text, host);
    }
    if is_list(text) {
        return read_list(text, host);
    }
    read_csv(text, host)
}

/// `Key : Value` lines, a blank line between rules: PowerShell's `Format-List`, which it uses
/// for `Get-NetFirewallRule` alone and for a `Select-Object` of five properties or more.
pub fn is_list(text: &str) -> bool {
    let field = |l: &str, key: &str| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(": ") || rest.trim() == ":")
    };
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let rules = lines.iter().any(|l| field(l, "Direction") || field(l, "Action"))
        && lines.iter().any(|l| field(l, "DisplayName") || field(l, "LocalPort"));
    rules || lines.iter().any(|l| field(l, "DefaultInboundAction"))
}

/// One `Key : Value` record of a list, with where it starts.
type ListRecord = (Position, Vec<(String, String, Position)>);

fn list_records(text: &str) -> Vec<ListRecord> {
    let mut out: Vec<ListRecord> = Vec::new();
    let mut open = false;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        let starts_field = !line.starts_with(char::is_whitespace)
            && line.split_once(" :").is_some_and(|(key, _)| !key.trim().contains(' '));
        if starts_field && let Some((key, value)) = line.split_once(" :") {
            // 1-based: the key, " : ", then the value.
            let column = u32::try_from(key.len() + 4).unwrap_or(u32::MAX);
            let field =
                (key.trim().to_owned(), value.trim().to_owned(), Position { line: number, column });
            match out.last_mut() {
                Some((_, fields)) if open => fields.push(field),
                _ => out.push((Position { line: number, column: 1 }, vec![field])),
            }
            open = true;
        } else if let Some((_, fields)) = out.last_mut().filter(|_| open) {
            // A value the display wrapped onto the next lines.
            if let Some((_, value, _)) = fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        }
    }
    out
}

fn read_list(text: &str, host: &HostView<'_>) -> Ruleset {
    let mut notes = Vec::new();
    let mut rules = Vec::new();
    let mut present: Vec<&str> = Vec::new();
    let mut profiles = Profiles::default();
    let records = list_records(text);
    for (at, fields) in &records {
        if ps_profiles::is_profile(fields.iter().map(|(k, _, _)| k.as_str())) {
            let entries: Vec<ps_profiles::Entry<'_>> =
                fields.iter().map(|(k, v, p)| (k.as_str(), v.as_str(), *p)).collect();
            ps_profiles::read(*at, &entries, &mut profiles, &mut notes);
            continue;
        }
        let mut rule = WinRule { at: *at, ..WinRule::default() };
        for (key, value, value_at) in fields {
            let Some((field, _)) =
                COLUMNS.iter().find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(key)))
            else {
                continue;
            };
            if !present.contains(field) {
                present.push(field);
            }
            // A list prints as `{80, 443}`, cut after four values (`{1, 2, 3, 4...}`).
            let inner = value.strip_prefix('{').and_then(|v| v.strip_suffix('}')).unwrap_or(value);
            if inner.ends_with("...") || inner.ends_with('…') {
                notes.push(Note::error(*value_at, format!("`{key}` is cut by PowerShell's display (`{value}`): the values after it are not in the text; export with `Export-Csv` or `ConvertTo-Json`, or set `$FormatEnumerationLimit = -1` first")));
            }
            set(
                &mut rule,
                field,
                inner.trim_end_matches("...").trim_end_matches('…'),
                *value_at,
                &mut notes,
            );
        }
        if rule.name.is_empty() {
            rule.name = format!("line {}", at.line);
        }
        rules.push(rule);
    }
    let first = records.first().map_or(line_start(1), |(at, _)| *at);
    finish(&present, first, notes, rules, &profiles, host)
}

/// The chain of what was read; the rule columns' absence is said when there are rules, or when
/// there are no profiles either (a file of profiles alone is said once).
fn finish(
    present: &[&str],
    first: Position,
    mut notes: Vec<Note>,
    mut rules: Vec<WinRule>,
    profiles: &Profiles,
    host: &HostView<'_>,
) -> Ruleset {
    if rules.is_empty() && !profiles.defaults.is_empty() {
        notes.push(Note::assumption(first, "profile settings only (Get-NetFirewallProfile), no firewall rule: what no rule allows is read from the profiles' defaults; give the host's rules too (Get-NetFirewallRule, in this file or another file of the same host)"));
    } else {
        missing(present, first, &mut notes, &mut rules);
    }
    windows::ruleset(&rules, profiles, host, notes)
}

fn slot<'r>(rule: &'r mut WinRule, field: &str) -> Option<&'r mut Option<Field>> {
    Some(match field {
        "enabled" => &mut rule.enabled,
        "direction" => &mut rule.direction,
        "action" => &mut rule.action,
        "profiles" => &mut rule.profiles,
        "protocol" => &mut rule.protocol,
        "local_port" => &mut rule.local_port,
        "remote_port" => &mut rule.remote_port,
        "local_address" => &mut rule.local_address,
        "remote_address" => &mut rule.remote_address,
        "program" => &mut rule.program,
        "service" => &mut rule.service,
        "interface_types" => &mut rule.interface_types,
        "override_block" => &mut rule.override_block,
        _ => return None,
    })
}

/// Ports and addresses as a `,` list: PowerShell joins an array it turns into a string with
/// spaces (`"$($f.LocalPort)"` is `80 443`), the console with `, `; a console keyword keeps
/// its spaces (`Local subnet`, `RPC Dynamic Ports`).
fn listed(field: &str, text: &str) -> String {
    if !matches!(field, "local_port" | "remote_port" | "local_address" | "remote_address") {
        return text.to_owned();
    }
    let numeric = |w: &str| w.starts_with(|c: char| c.is_ascii_digit()) || w.contains(':');
    let parts: Vec<&str> = if text.contains(',') {
        text.split(',').map(str::trim).collect()
    } else if text.split_whitespace().all(numeric) {
        text.split_whitespace().collect()
    } else {
        vec![text.trim()]
    };
    parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(",")
}

/// Sets one field of `rule`, noting a value PowerShell wrote as its type name (an array
/// through `Export-Csv` without `-join`).
fn set(rule: &mut WinRule, field: &str, text: &str, at: Position, notes: &mut Vec<Note>) {
    if field == "name" || (field == "id" && rule.name.is_empty()) {
        text.trim().clone_into(&mut rule.name);
        return;
    }
    let trimmed = text.trim();
    if trimmed.starts_with("System.") && trimmed.ends_with("[]") {
        // Said here with its fix; the field keeps the text, so what is done with the rule is
        // said where the field is read.
        notes.push(Note::error(at, format!("rule `{}`: `{trimmed}` is how Export-Csv writes a list, whose values are not in the export; write it with `-join ','` in the Select-Object (e.g. `@{{n='LocalPort';e={{($_ | Get-NetFirewallPortFilter).LocalPort -join ','}}}}`)", rule.name)));
    }
    if let Some(s) = slot(rule, field) {
        *s = Some(Field::new(listed(field, trimmed), at));
    }
}

/// What the export leaves out, said once at its header: the columns read as their default.
fn missing(present: &[&str], at: Position, notes: &mut Vec<Note>, rules: &mut [WinRule]) {
    let has = |f: &str| present.contains(&f);
    if !has("direction") {
        notes.push(Note::assumption(at, "no `Direction` column: every rule is read as inbound (export with `-Direction Inbound` and the Direction column to be sure)"));
        for r in rules.iter_mut() {
            r.direction = Some(Field::new("Inbound", r.at));
        }
    }
    if !has("enabled") {
        notes.push(Note::assumption(at, "no `Enabled` column: every rule is read as enabled"));
    }
    if !has("action") {
        notes.push(Note::error(at, "no `Action` column: every rule is read as Allow (a Block rule would then open its port); add `Action` to the Select-Object"));
        for r in rules.iter_mut() {
            r.action = Some(Field::new("Allow", r.at));
        }
    }
    if !has("local_port") || !has("protocol") {
        notes.push(Note::assumption(at, "no `LocalPort` or `Protocol` column (Get-NetFirewallRule alone does not print them; add `Get-NetFirewallPortFilter`'s): every rule is read as for every port and protocol"));
    }
    if !has("remote_address") {
        notes.push(Note::assumption(at, "no `RemoteAddress` column (add `Get-NetFirewallAddressFilter`'s): every rule is read as for any remote address"));
    }
}

/// One CSV cell and where it starts.
type Cell = (String, Position);

/// Splits CSV text into records of cells (`"` quoting, `""` inside quotes, line breaks inside
/// quotes kept), each with the position of the record's first cell.
fn records(text: &str, delimiter: char) -> Vec<(Position, Vec<Cell>)> {
    let mut out = Vec::new();
    let mut record: Vec<Cell> = Vec::new();
    let mut cell = String::new();
    let (mut line, mut column) = (1u32, 1u32);
    let mut cell_at = Position { line, column };
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut started = false;
    while let Some(c) = chars.next() {
        let here = Position { line, column };
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
        if !started {
            cell_at = here;
            started = true;
        }
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
                column += 1;
            }
            '"' => quoted = !quoted,
            _ if quoted => cell.push(c),
            '\r' => {}
            '\n' => {
                record.push((std::mem::take(&mut cell), cell_at));
                if record.iter().any(|(c, _)| !c.trim().is_empty()) {
                    let at = record.first().map_or(here, |(_, p)| *p);
                    out.push((at, std::mem::take(&mut record)));
                }
                record.clear();
                started = false;
            }
            _ if c == delimiter => {
                record.push((std::mem::take(&mut cell), cell_at));
                started = false;
            }
            _ => cell.push(c),
        }
    }
    if started {
        record.push((cell, cell_at));
    }
    if record.iter().any(|(c, _)| !c.trim().is_empty()) {
        let at = record.first().map_or(Position { line, column: 1 }, |(_, p)| *p);
        out.push((at, record));
    }
    out
}

fn read_csv(text: &str, host: &HostView<'_>) -> Ruleset {
    let mut notes = Vec::new();
    // `#TYPE Selected.Microsoft.Management.Infrastructure.CimInstance` (Windows PowerShell).
    let header_line = text.lines().position(|l| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with("#TYPE")
    });
    let header_text = header_line.and_then(|i| text.lines().nth(i)).unwrap_or_default();
    // `-UseCulture` writes `;` in many locales, the console's "Export List…" tabs.
    let delimiter =
        [',', ';', '\t'].into_iter().max_by_key(|d| header_text.matches(*d).count()).unwrap_or(',');
    let mut all = records(text, delimiter)
        .into_iter()
        .filter(|(_, cells)| !cells.first().is_some_and(|(c, _)| c.starts_with("#TYPE")));
    let Some((header_at, header)) = all.next() else {
        notes.push(Note::error(
            line_start(1),
            "an empty file; expected Export-Csv of Get-NetFirewallRule",
        ));
        return windows::ruleset(&[], &Profiles::default(), host, notes);
    };
    let columns: Vec<Option<&str>> = header
        .iter()
        .map(|(name, _)| {
            COLUMNS
                .iter()
                .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(name.trim())))
                .map(|(field, _)| *field)
        })
        .collect();
    let mut rules = Vec::new();
    let mut profiles = Profiles::default();
    let of_profiles = ps_profiles::is_profile(header.iter().map(|(name, _)| name.as_str()));
    for (at, cells) in all {
        if of_profiles {
            let entries: Vec<ps_profiles::Entry<'_>> = header
                .iter()
                .zip(&cells)
                .map(|((name, _), (text, cell_at))| (name.as_str(), text.as_str(), *cell_at))
                .collect();
            ps_profiles::read(at, &entries, &mut profiles, &mut notes);
            continue;
        }
        let mut rule = WinRule { at: Position { line: at.line, column: 1 }, ..WinRule::default() };
        if cells.len() != header.len() {
            notes.push(Note::error(at, format!("{} cells where the header has {}; expected one cell per column (a `{delimiter}` inside a value must be quoted)", cells.len(), header.len())));
        }
        for ((text, cell_at), field) in cells.iter().zip(&columns) {
            if let Some(field) = field {
                set(&mut rule, field, text, *cell_at, &mut notes);
            }
        }
        if rule.name.is_empty() {
            rule.name = format!("row {}", at.line);
        }
        rules.push(rule);
    }
    let present: Vec<&str> = columns.iter().flatten().copied().collect();
    finish(&present, header_at, notes, rules, &profiles, host)
}

/// A JSON value as a field's text: strings as written, numbers (PowerShell's enums), booleans
/// as `True`/`False`, arrays joined with `,`; `None` for `null`.
fn json_text(node: &Node) -> Option<String> {
    match &node.value {
        NodeValue::Null => None,
        NodeValue::Bool(b) => Some(if *b { "True" } else { "False" }.to_owned()),
        NodeValue::Integer(n) => Some(n.to_string()),
        NodeValue::Float(s) | NodeValue::String(s) => Some(s.clone()),
        NodeValue::Sequence(items) => {
            Some(items.iter().filter_map(json_text).collect::<Vec<_>>().join(","))
        }
        NodeValue::Mapping(_) => None,
    }
}

/// `key` in the object, or in an object nested one level below (`PortFilter: { LocalPort }`).
fn lookup<'n>(object: &'n Node, names: &[&str]) -> Option<&'n Node> {
    let entries = object.as_mapping()?;
    let direct = |entries: &'n [(crate::data::Key, Node)]| {
        names.iter().find_map(|n| {
            entries.iter().find(|(k, _)| n.eq_ignore_ascii_case(&k.name)).map(|(_, v)| v)
        })
    };
    direct(entries).or_else(|| entries.iter().find_map(|(_, v)| v.as_mapping().and_then(direct)))
}

fn read_json(text: &str, host: &HostView<'_>) -> Ruleset {
    let mut scratch = Ruleset::default();
    let Some(node) = json_or_note(text, &mut scratch) else {
        return windows::ruleset(&[], &Profiles::default(), host, scratch.notes);
    };
    let mut notes = Vec::new();
    // ConvertTo-Json writes one rule as an object, several as an array.
    let objects: Vec<&Node> = match node.as_sequence() {
        Some(list) => list.iter().collect(),
        None => vec![&node],
    };
    let mut rules = Vec::new();
    let mut present: Vec<&str> = Vec::new();
    let mut profiles = Profiles::default();
    for object in objects {
        let entries = object.as_mapping().unwrap_or_default();
        if ps_profiles::is_profile(entries.iter().map(|(k, _)| k.name.as_str())) {
            let texts: Vec<(&str, String, Position)> = entries
                .iter()
                .filter_map(|(k, v)| json_text(v).map(|t| (k.name.as_str(), t, v.position)))
                .collect();
            let fields: Vec<ps_profiles::Entry<'_>> =
                texts.iter().map(|(k, t, p)| (*k, t.as_str(), *p)).collect();
            ps_profiles::read(object.position, &fields, &mut profiles, &mut notes);
            continue;
        }
        if object.as_mapping().is_none() {
            notes.push(Note::error(object.position, format!("expected a firewall rule object (ConvertTo-Json of Get-NetFirewallRule), found {}", object.kind())));
            continue;
        }
        let mut rule = WinRule { at: object.position, ..WinRule::default() };
        for (field, names) in COLUMNS {
            let Some(value) = lookup(object, names) else { continue };
            if !present.contains(field) {
                present.push(*field);
            }
            if let Some(text) = json_text(value) {
                set(&mut rule, field, &text, value.position, &mut notes);
            }
        }
        if rule.name.is_empty() {
            rule.name = format!("line {}", object.position.line);
        }
        rules.push(rule);
    }
    finish(&present, node.position, notes, rules, &profiles, host)
}
