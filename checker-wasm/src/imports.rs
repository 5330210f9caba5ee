//! The host files beside the topology (issue 14): rulesets and listening sockets exported on a
//! host, each in a tab of its own next to the topology's, with line numbers, the host it was
//! exported on, its kind and format. One editor (`#checker-import-text`) shows the file of the
//! tab picked; the texts live in the state. Their findings point at `file:line`, and a click
//! on one opens its tab and selects the line.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::html::{options, plural};
use crate::message::FileKind;
use crate::state::{Import, Page, State};
use crate::{dom, editor, ids};

/// What [`draw`] last drew.
#[derive(Clone, Default, PartialEq)]
pub struct Drawn {
    tabs: String,
    tab: usize,
    hosts: String,
    gutter: Option<editor::Gutter>,
}

/// Draws the tab bar, the panel of the tab shown and, in a file's tab, its fields and gutter.
pub fn draw(state: State, p: &Page, drawn: Option<&Drawn>) -> Drawn {
    let tabs = tabs_html(p);
    if drawn.map(|d| &d.tabs) != Some(&tabs) {
        dom::set_html(ids::TABS, &tabs);
    }
    show_panel(p.tab);
    let mut now = Drawn { tabs, tab: p.tab, ..Drawn::default() };
    let Some((i, f)) = active(p) else { return now };
    dom::set_text(ids::IMPORT_NAME, &f.name);
    let mut hosts: Vec<(&str, &str)> =
        p.outcome.host_names.iter().map(|h| (h.as_str(), h.as_str())).collect();
    let missing = format!("{} (not in the topology)", f.host);
    if !p.outcome.host_names.contains(&f.host) {
        hosts.insert(0, (f.host.as_str(), missing.as_str()));
    }
    now.hosts = options(hosts.into_iter(), &f.host);
    if drawn.map(|d| &d.hosts) != Some(&now.hosts) {
        dom::set_html(ids::IMPORT_HOST, &now.hosts);
    }
    select(ids::IMPORT_KIND, f.kind.key());
    select(ids::IMPORT_FORMAT, &f.format);
    dom::set_disabled(ids::IMPORT_FORMAT, f.kind == FileKind::Listening);
    let read_as = p.outcome.file_formats.get(i).map_or("", String::as_str);
    dom::set_text(
        ids::IMPORT_DETECTED,
        &format!("{read_as} · {} {}", f.lines, plural(f.lines, "line")),
    );
    let (errors, warnings) = p.outcome.marks_of(&f.name);
    let gutter = (f.lines, errors.to_vec(), warnings.to_vec());
    if drawn.and_then(|d| d.gutter.as_ref()) != Some(&gutter) {
        dom::set_html(ids::IMPORT_GUTTER, &editor::gutter(f.lines, errors, warnings));
    }
    now.gutter = Some(gutter);
    // The text is written when the tab changes (typing must not move the cursor), and only when
    // it differs (a click on a finding has already put it there and selected the line).
    if drawn.map(|d| d.tab) != Some(p.tab) {
        fill_editor(state, i);
    }
    now
}

/// The host file shown, with its index.
fn active(p: &Page) -> Option<(usize, &Import)> {
    let i = p.tab.checked_sub(1)?;
    Some((i, p.imports.get(i)?))
}

fn select(id: &str, value: &str) {
    if let Some(select) = dom::by_id::<web_sys::HtmlSelectElement>(id) {
        select.set_value(value);
    }
}

/// Shows the panel of `tab` and marks its button (in place, not redrawn: the focused tab stays
/// the element it is).
fn show_panel(tab: usize) {
    for (i, button) in tab_buttons().into_iter().enumerate() {
        let _ = button.set_attribute("aria-selected", if i == tab { "true" } else { "false" });
    }
    dom::set_hidden(ids::TOPOLOGY_PANEL, tab != 0);
    dom::set_hidden(ids::IMPORT_PANEL, tab == 0);
}

fn fill_editor(state: State, i: usize) {
    let Some(area) = text_area() else { return };
    state.import_text(i, |text| {
        if area.value() != text {
            area.set_value(text);
            area.set_scroll_top(0);
        }
    });
}

fn text_area() -> Option<web_sys::HtmlTextAreaElement> {
    dom::by_id(ids::IMPORT_TEXT)
}

/// The tab bar's buttons, in order.
fn tab_buttons() -> Vec<web_sys::HtmlElement> {
    let Some(bar) = dom::element(ids::TABS) else { return Vec::new() };
    let Ok(list) = bar.query_selector_all("[role=tab]") else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.get(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()))
        .collect()
}

/// The tab bar: the topology, then each host file with its host, kind and findings.
fn tabs_html(p: &Page) -> String {
    use portolan_core::text::html_text;
    let tab = |i: usize, panel: &str, label: &str, detail: &str, marks: usize| {
        let badge = if marks > 0 {
            format!(
                " <span class=\"ck-tab-n\" title=\"lines with a finding\">{marks} {}</span>",
                plural(marks, "line")
            )
        } else {
            String::new()
        };
        format!(
            "<button type=\"button\" role=\"tab\" class=\"ck-tab\" data-tab=\"{i}\" aria-controls=\"{panel}\">{}{}{badge}</button>",
            html_text(label),
            if detail.is_empty() {
                String::new()
            } else {
                format!(" <small>{}</small>", html_text(detail))
            },
        )
    };
    let mut out = tab(0, ids::TOPOLOGY_PANEL, "Topology", "", 0);
    for (i, f) in p.imports.iter().enumerate() {
        let (errors, warnings) = p.outcome.marks_of(&f.name);
        let kind = match f.kind {
            FileKind::Rules => "rules",
            FileKind::Listening => "listening",
        };
        out.push_str(&tab(
            i + 1,
            ids::IMPORT_PANEL,
            &f.name,
            &format!("{} · {kind}", f.host),
            errors.len() + warnings.len(),
        ));
    }
    out
}

/// Shows tab `tab` now (not at the next draw): a click on a finding selects a line in it next.
pub fn open(state: State, tab: usize) {
    state.page.update(|p| p.tab = tab.min(p.imports.len()));
    let tab = state.get(|p| p.tab);
    show_panel(tab);
    if let Some(i) = tab.checked_sub(1) {
        fill_editor(state, i);
    }
}

/// The tab bar's keys (the ARIA tabs pattern): ArrowLeft and ArrowRight move to the previous
/// and next tab (round), Home and End to the first and last; the tab shown follows the focus.
pub fn tab_key(state: State, key: &web_sys::KeyboardEvent, current: &str) -> bool {
    let now: usize = current.parse().unwrap_or(0);
    let count = state.get(|p| p.imports.len()) + 1;
    let next = match key.key().as_str() {
        "ArrowRight" => (now + 1) % count,
        "ArrowLeft" => (now + count - 1) % count,
        "Home" => 0,
        "End" => count - 1,
        _ => return false,
    };
    open(state, next);
    if let Some(tab) = tab_buttons().get(next) {
        let _ = tab.focus();
    }
    true
}

/// A click on `(file, line, column)` of a finding or an answer: its tab, its line.
pub fn goto(state: State, file: Option<&str>, line: u32, column: u32) {
    let tab = match file {
        None => 0,
        Some(name) => match state.get(|p| p.imports.iter().position(|f| f.name == name)) {
            Some(i) => i + 1,
            None => return,
        },
    };
    open(state, tab);
    if tab == 0 {
        editor::goto(line, column);
    } else if let Some(area) = text_area() {
        editor::goto_in(&area, line, column);
    }
}

/// A click in the tab bar or on a host file's buttons.
pub fn clicked(state: State, element: &web_sys::Element) -> bool {
    if let Some(tab) = element.closest("[data-tab]").ok().flatten() {
        let n = tab.get_attribute("data-tab").and_then(|n| n.parse().ok()).unwrap_or(0);
        open(state, n);
        return true;
    }
    match element.id().as_str() {
        ids::NEW_FILE => {
            state.add_import(new_import(state, "host-file.txt", ""), String::new());
            open(state, state.get(|p| p.tab));
            if let Some(area) = text_area() {
                let _ = area.focus();
            }
        }
        ids::IMPORT_REMOVE => {
            if let Some(i) = state.get(|p| p.tab.checked_sub(1)) {
                state.remove_import(i);
                show_panel(0);
            }
        }
        _ => return false,
    }
    true
}

/// A host file's picker changed, or files were added.
pub fn changed(state: State, ev: &web_sys::Event) -> bool {
    let value = dom::event_value(ev);
    let Some(i) = state.get(|p| p.tab.checked_sub(1)) else {
        if dom::event_id(ev) == ids::ADD_FILE {
            add_files(state, ev);
            return true;
        }
        return false;
    };
    match dom::event_id(ev).as_str() {
        ids::ADD_FILE => add_files(state, ev),
        ids::IMPORT_HOST => state.change_import(i, |f| f.host = value),
        ids::IMPORT_KIND => state.change_import(i, |f| f.kind = FileKind::from_key(&value)),
        ids::IMPORT_FORMAT => state.change_import(i, |f| f.format = value),
        _ => return false,
    }
    true
}

/// Typing in the host file shown.
pub fn input(state: State, ev: &web_sys::Event) -> bool {
    if dom::event_id(ev) != ids::IMPORT_TEXT {
        return false;
    }
    if let Some(i) = state.get(|p| p.tab.checked_sub(1)) {
        let text = dom::event_value(ev);
        // Text pasted into a new, empty file says what it is, as an added file's does.
        if state.import_text(i, str::is_empty) == Some(true) {
            let kind = guess_kind(&text);
            state.page.update(|p| {
                if let Some(f) = p.imports.get_mut(i) {
                    f.kind = kind;
                }
            });
        }
        state.import_edited(i, text);
    }
    true
}

fn add_files(state: State, ev: &web_sys::Event) {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if let Some(files) = input.files() {
        read_files(state, &files);
    }
    input.set_value("");
}

/// Files larger than this are refused before reading (as topologies are).
const MAX_FILE: f64 = portolan_core::topology::parse::MAX_TEXT_BYTES as f64;

fn read_files(state: State, files: &web_sys::FileList) {
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        let name = file.name();
        if file.size() > MAX_FILE {
            state.notify(format!(
                "{name} is too large ({} MB); the checker reads host files up to 16 MB.",
                (file.size() / 1e6) as u64
            ));
            continue;
        }
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(value) => {
                    let text = value.as_string().unwrap_or_default();
                    let import = new_import(state, &name, &text);
                    state.add_import(import, text);
                }
                Err(e) => state.notify(format!("Cannot read {name}: {}", dom::describe(e))),
            }
        });
    }
}

/// Drops on the tab bar or on a host file's editor add host files (a drop on the topology's
/// editor replaces the topology, as before).
pub fn attach(state: State) {
    for id in [ids::TABS, ids::IMPORT_CODE] {
        dom::on(id, "dragover", |ev| ev.prevent_default());
        dom::on(id, "drop", move |ev| {
            ev.prevent_default();
            let Some(transfer) =
                ev.dyn_ref::<web_sys::DragEvent>().and_then(web_sys::DragEvent::data_transfer)
            else {
                return;
            };
            match transfer.files().filter(|f| f.length() > 0) {
                Some(files) => read_files(state, &files),
                None => {
                    let text = transfer.get_data("text/plain").unwrap_or_default();
                    if !text.is_empty() {
                        state.add_import(new_import(state, "dropped text", &text), text);
                    }
                }
            }
        });
    }
    dom::on(ids::IMPORT_TEXT, "scroll", move |_| {
        if let (Some(area), Some(gutter)) = (text_area(), dom::element(ids::IMPORT_GUTTER)) {
            gutter.set_scroll_top(area.scroll_top());
        }
    });
}

/// A new host file named `name`: its kind guessed from `text`, its host from the name.
fn new_import(state: State, name: &str, text: &str) -> Import {
    let hosts = state.get(|p| p.outcome.host_names.clone());
    Import {
        name: name.to_owned(),
        host: guess_host(name, &hosts),
        kind: guess_kind(text),
        format: String::new(),
        lines: 0,
    }
}

/// The host a file was exported on, from its name (`cp1.nft`, `cp1-ss.txt` → `cp1`; the
/// longest host name it starts with), else the topology's first host.
pub fn guess_host(name: &str, hosts: &[String]) -> String {
    hosts
        .iter()
        .filter(|h| {
            name.strip_prefix(h.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '-', '_', ' ']))
        })
        .max_by_key(|h| h.len())
        .or_else(|| hosts.first())
        .cloned()
        .unwrap_or_default()
}

/// Socket lists start with their tool's header (`Netid`, `State`, `COMMAND`, `Proto`, `Active
/// Internet`) or, without one, with a protocol and a state; anything else is read as rules.
pub fn guess_kind(text: &str) -> FileKind {
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return FileKind::Rules;
    };
    // Windows too: `netstat -ano` (`Active Connections`, `TCP` rows) and PowerShell's
    // `Get-NetTCPConnection` / `Get-NetUDPEndpoint` (`LocalAddress`, quoted in a CSV).
    let headers = [
        "Netid ",
        "State ",
        "COMMAND ",
        "Proto ",
        "Active Internet",
        "Active Connections",
        "LocalAddress",
        "\"LocalAddress",
    ];
    let word = first.split_whitespace().next().unwrap_or_default();
    let socket_row = matches!(
        word,
        "tcp" | "udp" | "tcp6" | "udp6" | "LISTEN" | "UNCONN" | "ESTAB" | "TCP" | "UDP"
    );
    if headers.iter().any(|h| first.starts_with(h)) || socket_row {
        FileKind::Listening
    } else {
        FileKind::Rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_comes_from_the_file_name() {
        let hosts = vec!["cp1".to_owned(), "cp10".to_owned(), "lb".to_owned()];
        assert_eq!(guess_host("cp10.nft", &hosts), "cp10");
        assert_eq!(guess_host("cp1-ss.txt", &hosts), "cp1");
        assert_eq!(guess_host("lb", &hosts), "lb");
        assert_eq!(guess_host("rules.txt", &hosts), "cp1");
        assert_eq!(guess_host("rules.txt", &[]), "");
    }

    #[test]
    fn socket_lists_are_told_from_rulesets() {
        let fixture = |name: &str| {
            std::fs::read_to_string(format!(
                "{}/../core/tests/fixtures/audit/{name}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        for name in [
            "cp1.ss",
            "cp1-e.ss",
            "cp1.netstat",
            "cp1.lsof",
            "windows/cp1.netstat-ano",
            "windows/cp1.get-nettcpconnection",
            "windows/cp1.get-netudpendpoint.csv",
        ] {
            assert_eq!(guess_kind(&fixture(name)), FileKind::Listening, "{name}");
        }
        for name in [
            "tricky.iptables",
            "tricky.nft",
            "tricky.nft.json",
            "openlm/cp1.ufw",
            "windows/cp1.netsh",
            "windows/cp1-rules.csv",
            "windows/cp1-rules.json",
            "real/csf-host.iptables-L",
            "calico/policies.yaml",
            "cilium/policies.yaml",
        ] {
            assert_eq!(guess_kind(&fixture(name)), FileKind::Rules, "{name}");
        }
        assert_eq!(guess_kind(""), FileKind::Rules);
    }
}
