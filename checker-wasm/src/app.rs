//! The checker page: the static markup of `#checker-root` (site-gen renders it) brought to life.
//! No Leptos view: signals hold the state and effects write the parts that change, by id, so
//! the wasm carries none of the page's static structure.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::html::plural;
use crate::ids;
use crate::state::{Page, State};
use crate::{
    dom, editor, explain, findings, imports, keys, lists, overview, rules, share, suggest,
};

/// Attaches the app to `root` and starts the engine with `catalog`.
pub fn run(root: &web_sys::HtmlElement, catalog: JsValue) {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // The owner of every signal and effect; it lives as long as the page.
    let owner = Owner::new();
    let state = owner.with(|| {
        let state = State::new();
        editor::attach(state);
        suggest::attach(state);
        rules::attach(state);
        imports::attach(state);
        page(state);
        state
    });
    std::mem::forget(owner);
    // The controls were disabled until now (the page looks loading); the effects above disable
    // again what the state calls for.
    if let Ok(disabled) = root.query_selector_all("[disabled]") {
        for i in 0..disabled.length() {
            if let Some(element) =
                disabled.get(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                element.remove_attribute("disabled").ok();
            }
        }
    }
    // One listener per event type for the whole page (each listener is its own code in the
    // wasm): the element an event came from says what it is.
    dom::listen(root, "click", move |ev| clicked(state, &ev));
    dom::listen(root, "change", move |ev| changed(state, &ev));
    dom::listen(root, "submit", move |ev| {
        if dom::event_id(&ev) == ids::EXPLAIN {
            ev.prevent_default();
            explain::ask();
        }
    });
    dom::listen(root, "input", move |ev| {
        if imports::input(state, &ev) {
            return;
        }
        if dom::event_id(&ev) == dom::EDITOR_ID {
            state.edited(dom::event_value(&ev));
            suggest::typed();
        }
    });
    dom::listen(root, "keydown", move |ev| keys::keydown(state, &ev));
    dom::listen(root, "pointerdown", move |ev| {
        if dom::event_id(&ev) == ids::EXAMPLE {
            keys::example_pointer();
        }
    });
    let _ = root.set_attribute("data-ready", "");
    // The engine gets the catalog, then the first check. The page counts as interactive when
    // that check is shown.
    queue_microtask(move || state.start(catalog));
}

/// What the page effect last drew, so that it redraws only what changed.
#[derive(Clone, Default)]
struct Drawn {
    /// The check the lists and tables show.
    check: Option<u32>,
    /// Lines in the gutter, and its marks.
    gutter: Option<editor::Gutter>,
    /// The check each "Show all" list was filled for.
    asked: [u32; 2],
    rules: Option<rules::Drawn>,
    imports: Option<imports::Drawn>,
}

/// Everything that follows the page signal, and share links opened in this tab.
fn page(state: State) {
    // One effect draws it all (each effect is its own code in the wasm); the lists, tables, the
    // gutter and the rules output only when what they show changed.
    Effect::new(move |drawn: Option<Drawn>| {
        let drawn = drawn.unwrap_or_default();
        state.page.with(|p| {
            if let Some(c) = p.catalog {
                dom::set_attr(ids::SUMMARY, "data-platforms", &c.platforms.to_string());
                dom::set_attr(ids::SUMMARY, "data-components", &c.components.to_string());
                dom::set_attr(ids::SUMMARY, "data-requirements", &c.requirements.to_string());
                dom::set_text(
                    ids::SUMMARY,
                    &format!(
                        "Checking against the catalog: {} {}, {} {}, {} {}.",
                        c.platforms,
                        plural(c.platforms, "platform"),
                        c.components,
                        plural(c.components, "component"),
                        c.requirements,
                        plural(c.requirements, "port requirement")
                    ),
                );
            }
            dom::set_hidden(ids::NOTICE, p.notice.is_none());
            dom::set_text(ids::NOTICE_TEXT, p.notice.as_deref().unwrap_or_default());
            findings::draw(p, drawn.check);
            explain::draw(p, drawn.check);
            let imports = imports::draw(state, p, drawn.imports.as_ref());
            overview::draw(p, drawn.check);
            dom::set_disabled(ids::ZIP, !p.outcome.readable);
            let gutter = editor::draw(p, drawn.gutter.as_ref());
            // Last: the status carries the check number tests wait on.
            status(p);
            Drawn {
                check: Some(p.outcome.id),
                gutter: Some(gutter),
                asked: lists::show_rest(state, p, drawn.asked),
                rules: Some(rules::draw_panel(p, drawn.rules.as_ref())),
                imports: Some(imports),
            }
        })
    });

    // A share link opened in this tab (the fragment changed without a reload).
    if let Some(window) = web_sys::window() {
        dom::listen(&window, "hashchange", move |_| {
            leptos::task::spawn_local(async move {
                match share::decode(&dom::fragment()).await {
                    Ok(Some(shared)) if state.with_text(|t| t != shared.text) == Some(true) => {
                        state.apply_shared(shared)
                    }
                    Ok(_) => {}
                    Err(e) => state.notify(format!("This link's topology could not be read: {e}")),
                }
            });
        });
    }
}

/// A click in the checker: a finding or host (to its line), or a button.
fn clicked(state: State, ev: &web_sys::Event) {
    if let Some((file, line, column)) = crate::html::goto_target(ev) {
        return imports::goto(state, file.as_deref(), line, column);
    }
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("button").ok().flatten())
    else {
        return;
    };
    if imports::clicked(state, &button) {
        return;
    }
    match button.id().as_str() {
        ids::DISMISS => state.page.update(|p| p.notice = None),
        ids::MORE_FINDINGS => state.page.update(|p| p.all_findings = true),
        ids::MORE_PORTS => state.page.update(|p| p.all_ports = true),
        ids::SHARE => editor::share(state, button),
        ids::CLEAR => editor::clear(state),
        ids::UNDO => {
            state.undo_replacement();
        }
        ids::COPY => rules::copy(state),
        ids::DOWNLOAD => rules::download(state),
        ids::ZIP => rules::download_zip(state),
        _ => {}
    }
}

/// A picker changed or a file was opened.
fn changed(state: State, ev: &web_sys::Event) {
    if imports::changed(state, ev) {
        return;
    }
    let value = dom::event_value(ev);
    match dom::event_id(ev).as_str() {
        ids::EXAMPLE | ids::OPEN | ids::SYNTAX => editor::toolbar_changed(state, ev),
        ids::TARGET => rules::pick_target(state, value),
        ids::HOST => state.page.update(|p| {
            p.host = value;
            p.rules_open = true;
        }),
        ids::RULES_FILE => state.page.update(|p| p.chosen_file = value),
        _ => {}
    }
}

/// The status line: the last check's counts and time, busy while the engine checks.
fn status(p: &Page) {
    let run = p.run;
    dom::set_attr(ids::STATUS, "aria-busy", if p.busy || run.seq == 0 { "true" } else { "false" });
    if run.seq == 0 {
        return;
    }
    let o = &p.outcome;
    let counts = format!(
        "{} {}, {} {}",
        o.errors,
        plural(o.errors, "error"),
        o.warnings,
        plural(o.warnings, "warning")
    );
    let text = if !o.readable {
        format!("The topology cannot be read ({}): {counts}.", run.format.as_str())
    } else {
        format!(
            "Checked {} ({}) in {} ms: {counts}.",
            p.file,
            run.format.as_str(),
            dom::ms2(run.ms)
        )
    };
    dom::set_text(ids::STATUS, &text);
    dom::set_attr(ids::STATUS, "data-errors", &o.errors.to_string());
    dom::set_attr(ids::STATUS, "data-ms", &dom::ms2(run.ms));
    // Last: tests wait on the check number.
    dom::set_attr(ids::STATUS, "data-seq", &run.seq.to_string());
}
