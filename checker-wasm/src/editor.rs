//! The topology editor (its markup is the page's): a textarea with a line-number gutter; paste,
//! type, drop a file, open a file, or load an example. Jumping to a finding's line lives here too.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom;
use crate::ids;
use crate::message::{self, Syntax};
use crate::state::{DEFAULT_FILE, PASTED_FILE, Page, State};

/// Files larger than this are refused before reading.
const MAX_FILE: f64 = portolan_core::topology::parse::MAX_TEXT_BYTES as f64;

/// Draws the gutter (when its lines or marks are not the ones `drawn`, not on every key), the
/// file bar, and the syntax picker, which follows the state (a link, an example, Clear).
pub fn draw(p: &Page, drawn: Option<&Gutter>) -> Gutter {
    let n = p.lines;
    let now = (n, p.outcome.error_lines.clone(), p.outcome.warning_lines.clone());
    if drawn != Some(&now) {
        dom::set_html(ids::GUTTER, &gutter(n, &now.1, &now.2));
    }
    dom::set_hidden(ids::UNDO_BAR, p.undo.is_none());
    dom::set_text(ids::UNDO_TEXT, p.undo.as_deref().unwrap_or_default());
    dom::set_text(ids::FILE, &p.file);
    dom::set_text(
        ids::DETECTED,
        &format!("{} · {n} {}", p.run.format.as_str(), if n == 1 { "line" } else { "lines" }),
    );
    if let Some(select) = dom::by_id::<web_sys::HtmlSelectElement>(ids::SYNTAX) {
        select.set_value(p.syntax.key());
    }
    now
}

/// What the gutter shows: lines, and the lines marked as errors and as warnings.
pub type Gutter = (usize, Vec<u32>, Vec<u32>);

/// The gutter's line numbers; lines with an error or warning are marked with a sign as well as
/// a colour (the gutter is hidden from screen readers, which have the findings list). The line
/// lists are sorted.
pub fn gutter(lines: usize, errors: &[u32], warnings: &[u32]) -> String {
    let mut out = String::with_capacity(lines * 5);
    for i in 1..=lines {
        let line = u32::try_from(i).unwrap_or(u32::MAX);
        let mark = if errors.binary_search(&line).is_ok() {
            Some("ck-mark-error")
        } else if warnings.binary_search(&line).is_ok() {
            Some("ck-mark-warning")
        } else {
            None
        };
        match mark {
            Some(class) => {
                out.push_str("<span class=\"");
                out.push_str(class);
                out.push_str("\">");
                out.push_str(&i.to_string());
                out.push_str("</span>\n");
            }
            None => {
                out.push_str(&i.to_string());
                out.push('\n');
            }
        }
    }
    out
}

/// Wires the editor's drop zone and gutter scrolling (typing and the toolbar reach it through
/// the page's delegated listeners).
pub fn attach(state: State) {
    dom::on(ids::CODE, "dragover", move |ev| {
        ev.prevent_default();
        set_dragging(true);
    });
    dom::on(ids::CODE, "dragleave", move |_| set_dragging(false));
    dom::on(ids::CODE, "drop", move |ev| {
        ev.prevent_default();
        set_dragging(false);
        let Some(transfer) =
            ev.dyn_ref::<web_sys::DragEvent>().and_then(web_sys::DragEvent::data_transfer)
        else {
            return;
        };
        if let Some(file) = transfer.files().and_then(|f| f.get(0)) {
            read_file(state, file);
        } else if let Ok(text) = transfer.get_data("text/plain")
            && !text.is_empty()
        {
            state.replace(DEFAULT_FILE, text, "The dropped text replaced yours.");
        }
    });
    // A paste that replaces the whole text is no longer the file it replaced.
    dom::on(dom::EDITOR_ID, "paste", move |_| {
        let Some(editor) = dom::editor() else { return };
        let all = editor.value().encode_utf16().count() as u32;
        let start = editor.selection_start().ok().flatten().unwrap_or(0);
        let end = editor.selection_end().ok().flatten().unwrap_or(0);
        if all == 0 || (start == 0 && end >= all) {
            state.page.update(|p| p.file = PASTED_FILE.to_owned());
        }
    });
    dom::on(dom::EDITOR_ID, "scroll", move |_| {
        if let (Some(editor), Some(gutter)) = (dom::editor(), dom::element(ids::GUTTER)) {
            gutter.set_scroll_top(editor.scroll_top());
        }
    });
}

/// The drop zone's outline while a file is dragged over it.
fn set_dragging(on: bool) {
    if let Some(code) = dom::element(ids::CODE) {
        let _ = code.class_list().toggle_with_force("ck-dragging", on);
    }
}

const SHARE: &str = "Copy share link";

/// A toolbar control changed: an example picked, a file opened, a syntax chosen.
pub fn toolbar_changed(state: State, ev: &web_sys::Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return;
    };
    match target.id().as_str() {
        ids::EXAMPLE => {
            let Ok(select) = target.dyn_into::<web_sys::HtmlSelectElement>() else { return };
            crate::keys::example_changed(state, &select);
        }
        ids::OPEN => {
            let Ok(input) = target.dyn_into::<web_sys::HtmlInputElement>() else { return };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(state, file);
            }
            input.set_value("");
        }
        ids::SYNTAX => {
            let Ok(select) = target.dyn_into::<web_sys::HtmlSelectElement>() else { return };
            state.set_syntax(Syntax::from_key(&select.value()));
            state.check_now();
        }
        _ => {}
    }
}

/// Loads the example the picker shows (a choice: a pointer pick, or Enter), undoably.
pub fn load_example(state: State, select: &web_sys::HtmlSelectElement) {
    let file = select.value();
    select.set_value("");
    if let Some(example) = crate::examples::by_file(&file) {
        return show_example(state, example.file, example.text.to_owned());
    }
    if !crate::examples::ON_DEMAND.contains(&file.as_str()) {
        return;
    }
    // Its text is in the on-demand module, which checking it needs anyway.
    let request = message::object();
    message::set(&request, message::key::FILE, file.as_str());
    crate::client::request(message::Request::Example, &request, move |reply| {
        match crate::client::error(&reply) {
            Some(e) => state.notify(format!("The example {file} could not be loaded: {e}")),
            None => show_example(state, &file, message::string(&reply, message::key::TEXT)),
        }
    });
}

fn show_example(state: State, file: &str, text: String) {
    state.set_syntax(Syntax::Auto);
    state.replace(file, text, &format!("The example {file} replaced your text."));
}

/// "Copy share link": the link to this state, copied; the button says so for a moment.
pub fn share(state: State, button: web_sys::Element) {
    leptos::task::spawn_local(async move {
        let Some(fragment) = state.fragment_now().await else {
            state.notify(
                "This topology is too large to share by link: download it and send the file."
                    .into(),
            );
            return;
        };
        match dom::copy(dom::link_with(&fragment)).await {
            Ok(()) => {
                // Host files are never in a link (`storage` says why).
                let said = if state.get(|p| p.imports.is_empty()) {
                    "Link copied"
                } else {
                    "Link copied (the topology only, not the host files)"
                };
                button.set_text_content(Some(said));
                set_timeout(
                    move || button.set_text_content(Some(SHARE)),
                    std::time::Duration::from_secs(3),
                );
            }
            Err(e) => state.notify(e),
        }
    });
}

/// "Clear": an empty editor, focused.
pub fn clear(state: State) {
    state.set_syntax(Syntax::Auto);
    state.replace(DEFAULT_FILE, String::new(), "The editor was cleared.");
    if let Some(e) = dom::editor() {
        let _ = e.focus();
    }
}

/// Reads a dropped or opened file into the editor.
fn read_file(state: State, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_FILE {
        state.notify(format!(
            "{name} is too large ({} MB); the checker reads topologies up to 16 MB.",
            (file.size() / 1e6) as u64
        ));
        return;
    }
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(value) => {
                let text = value.as_string().unwrap_or_default();
                state.set_syntax(Syntax::Auto);
                state.page.update(|p| p.notice = None);
                state.replace(&name, text, &format!("{name} replaced your text."));
            }
            Err(e) => state.notify(format!("Cannot read {name}: {}", dom::describe(e))),
        }
    });
}

/// Puts the cursor at `line:column` (1-based, columns in characters), selects the rest of the
/// line so it shows, and scrolls it into view.
pub fn goto(line: u32, column: u32) {
    if let Some(editor) = dom::editor() {
        goto_in(&editor, line, column);
    }
}

/// [`goto`] in `editor` (the topology's, or a host file's).
pub fn goto_in(editor: &web_sys::HtmlTextAreaElement, line: u32, column: u32) {
    let text = editor.value();
    let (start, end) = utf16_span(&text, line, column);
    let _ = editor.focus();
    let _ = editor.set_selection_range(start, end);
    // JS's parseFloat reads "19.5px": Rust's float parsing would be the page's only one (about
    // 10 KB sent with its tables).
    let line_height = web_sys::window()
        .and_then(|w| w.get_computed_style(editor).ok().flatten())
        .and_then(|s| s.get_property_value("line-height").ok())
        .map(|v| js_sys::parse_float(&v))
        .filter(|h| h.is_finite() && *h > 0.0)
        .unwrap_or(20.0);
    let top = (f64::from(line.saturating_sub(1)) * line_height
        - f64::from(editor.client_height()) / 3.0)
        .max(0.0);
    editor.set_scroll_top(top as i32);
    // `wrap=off`: a column past the visible width is scrolled to (monospace: about 0.6em a
    // character), a little left of the middle so the line's context shows too.
    let font_size = web_sys::window()
        .and_then(|w| w.get_computed_style(editor).ok().flatten())
        .and_then(|s| s.get_property_value("font-size").ok())
        .map(|v| js_sys::parse_float(&v))
        .filter(|h| h.is_finite() && *h > 0.0)
        .unwrap_or(14.0);
    let x = f64::from(column.saturating_sub(1)) * font_size * 0.6;
    let width = f64::from(editor.client_width());
    let left = if x < width * 0.8 { 0.0 } else { x - width / 3.0 };
    editor.set_scroll_left(left as i32);
}

/// UTF-16 offsets (what the DOM counts) of `line:column` and of the end of that line.
pub fn utf16_span(text: &str, line: u32, column: u32) -> (u32, u32) {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            let col: u32 = l
                .chars()
                .take(column.saturating_sub(1) as usize)
                .map(|c| c.len_utf16() as u32)
                .sum();
            let len: u32 = l.trim_end_matches('\r').chars().map(|c| c.len_utf16() as u32).sum();
            let start = offset + col.min(len);
            return (start, (offset + len).max(start));
        }
        offset += l.chars().map(|c| c.len_utf16() as u32).sum::<u32>() + 1;
    }
    (offset.saturating_sub(1), offset.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::utf16_span;

    #[test]
    fn gutter_marks_lines_with_findings() {
        let html = super::gutter(4, &[2], &[2, 4]);
        assert_eq!(
            html,
            "1\n<span class=\"ck-mark-error\">2</span>\n3\n<span class=\"ck-mark-warning\">4</span>\n"
        );
    }

    #[test]
    fn spans_count_utf16_units() {
        let text = "ab\nc😀d: x\n";
        assert_eq!(utf16_span(text, 1, 1), (0, 2));
        assert_eq!(utf16_span(text, 2, 3), (3 + 3, 3 + 7));
        assert_eq!(utf16_span(text, 9, 1), (11, 11));
    }
}
