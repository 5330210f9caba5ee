//! The rules panel: pick a target (and a host for host firewalls), see the generated files
//! exactly as `portolan rules` writes them, copy or download one, or download every target as
//! a zip built in the page.

use leptos::prelude::*;
use portolan_core::emit::{self, Emitted, Input, Scope, Target};

use crate::state::{Notice, State};
use crate::{dom, html, zip};

/// Emits `target` for the current analysis (`host` only for host-firewall targets).
fn emit_target(state: State, target: Target, host: Option<&str>) -> Result<Emitted, String> {
    state.analysis.with_untracked(|a| {
        let (Some(topology), Some(plan)) = (&a.topology, &a.plan) else {
            return Err("Fix the errors in the topology to generate rules.".to_owned());
        };
        let catalog = state.catalog.get_value();
        let host = host.filter(|h| !h.is_empty() && target.scope() == Scope::Host);
        emit::emit_with(target, &Input { plan, topology, catalog: Some(&catalog), host }).map_err(|e| format!("{target}: {e}"))
    })
}

/// Every target's files (host firewalls for every host), as `portolan rules --target all -o DIR`.
pub fn all_files(state: State) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    for target in Target::all() {
        for f in emit_target(state, target, None)?.files {
            files.push((f.path, f.contents));
        }
    }
    Ok(files)
}

/// The zip of every target, each file deflated by the browser.
async fn zip_all(state: State) -> Result<(String, Vec<u8>, usize), String> {
    let files = all_files(state)?;
    let mut entries = Vec::with_capacity(files.len());
    for (path, contents) in files {
        let deflated = dom::deflate_raw(contents.as_bytes()).await.ok();
        entries.push(zip::Entry { path, contents: contents.into_bytes(), deflated });
    }
    let slug = state.analysis.with_untracked(|a| a.topology.as_ref().and_then(|t| t.name.clone())).unwrap_or_else(|| "topology".into());
    let name = format!("{}-rules.zip", emit::quote::file_slug(&slug));
    Ok((name, zip::zip(&entries), entries.len()))
}

#[component]
pub fn Rules() -> impl IntoView {
    let state = expect_context::<State>();
    let chosen_file = RwSignal::new(String::new());
    let scope = Memo::new(move |_| Target::parse(&state.target.get()).map(Target::scope));
    let emitted = Memo::new(move |_| {
        state.analysis.track();
        let target = Target::parse(&state.target.get()).ok_or_else(|| format!("unknown target {}", state.target.get()))?;
        let host = state.host.get();
        emit_target(state, target, Some(&host))
    });
    let hosts = Memo::new(move |_| state.analysis.with(|a| a.topology.as_ref().map(|t| t.hosts.iter().map(|h| h.name.clone()).collect::<Vec<_>>()).unwrap_or_default()));
    // The file shown: the chosen one if the output still has it, else the first.
    let shown = Memo::new(move |_| {
        emitted.with(|e| {
            let files = e.as_ref().ok()?;
            let wanted = chosen_file.get();
            files.files.iter().find(|f| f.path == wanted).or(files.files.first()).cloned()
        })
    });
    let status = RwSignal::new(String::new());

    let copy = move |_| {
        let Some(file) = shown.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            match dom::copy(file.contents).await {
                Ok(()) => status.set(format!("Copied {}.", file.path)),
                Err(e) => state.notice.set(Some(Notice { error: true, text: e })),
            }
        });
    };
    let download = move |_| {
        let Some(file) = shown.get_untracked() else { return };
        let name = file.path.rsplit('/').next().unwrap_or(&file.path).to_owned();
        match dom::download(&name, file.contents.as_bytes(), "text/plain;charset=utf-8") {
            Ok(()) => status.set(format!("Downloaded {name}.")),
            Err(e) => state.notice.set(Some(Notice { error: true, text: e })),
        }
    };
    let download_zip = move |_| {
        status.set("Building the zip…".into());
        leptos::task::spawn_local(async move {
            let result = zip_all(state).await.and_then(|(name, bytes, n)| dom::download(&name, &bytes, "application/zip").map(|()| format!("Downloaded {name} ({n} files).")));
            match result {
                Ok(message) => status.set(message),
                Err(e) => {
                    status.set(String::new());
                    state.notice.set(Some(Notice { error: true, text: e }));
                }
            }
        });
    };

    let output = move || match emitted.get() {
        Err(e) => view! { <p class="ck-muted" id="checker-rules-error">{e}</p> }.into_any(),
        Ok(out) => {
            let file_picker = (out.files.len() > 1).then(|| {
                let current = shown.get().map(|f| f.path).unwrap_or_default();
                let options = html::options(out.files.iter().map(|f| (f.path.as_str(), f.path.as_str())), &current);
                view! {
                    <label class="ck-field">
                        <span>"File"</span>
                        <select id="checker-rules-file" inner_html=options on:change=move |ev| chosen_file.set(event_target_value(&ev))></select>
                    </label>
                }
            });
            let notes = html::notes(&out.notes);
            let has_notes = !out.notes.is_empty();
            let body = match shown.get() {
                Some(f) => view! { <pre id="checker-rules-output" class="ck-output" tabindex="0" data-file=f.path.clone() aria-label=format!("Contents of {}", f.path)>{f.contents}</pre> }.into_any(),
                None => view! { <p class="ck-muted" id="checker-rules-error">"No files: there is nothing to allow for this selection."</p> }.into_any(),
            };
            view! {
                {file_picker}
                {body}
                {has_notes.then(|| view! { <details class="ck-notes"><summary>{format!("{} notes: what the rules could not express", out.notes.len())}</summary><ul inner_html=notes></ul></details> })}
            }
            .into_any()
        }
    };

    view! {
        <section class="ck-panel ck-rules" aria-labelledby="checker-rules-h">
            <h2 id="checker-rules-h">"Rules"</h2>
            <div class="ck-toolbar">
                <label class="ck-field">
                    <span>"Target"</span>
                    <select
                        id="checker-target"
                        on:change=move |ev| {
                            state.target.set(event_target_value(&ev));
                            chosen_file.set(String::new());
                            state.save_fragment();
                        }
                    >
                        {Target::all()
                            .map(|t| {
                                let name = t.name();
                                view! { <option value=name title=t.description() prop:selected=move || state.target.get() == name>{format!("{name}: {}", t.description())}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                {move || {
                    (scope.get() == Some(Scope::Host) && !hosts.get().is_empty()).then(|| {
                        let current = state.host.get_untracked();
                        let options = hosts.with(|h| html::options(h.iter().map(|h| (h.as_str(), h.as_str())), &current));
                        view! {
                            <label class="ck-field">
                                <span>"Host"</span>
                                <select id="checker-host" inner_html=options on:change=move |ev| state.host.set(event_target_value(&ev))></select>
                            </label>
                        }
                    })
                }}
            </div>
            <div class="ck-toolbar">
                <button type="button" class="ck-button" id="checker-copy" on:click=copy disabled=move || shown.with(Option::is_none)>"Copy"</button>
                <button type="button" class="ck-button" id="checker-download" on:click=download disabled=move || shown.with(Option::is_none)>"Download file"</button>
                <button type="button" class="ck-button" id="checker-zip" on:click=download_zip disabled=move || state.analysis.with(|a| a.plan.is_none())>"Download every target (.zip)"</button>
                <span class="ck-muted" role="status">{move || status.get()}</span>
            </div>
            {output}
        </section>
    }
}
