//! The page's state and the one place checks are run: loading text (example, file, link,
//! storage), the host files beside the topology, debounced live checking, and saving the result
//! to localStorage and the fragment.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use portolan_core::topology::Format;
use wasm_bindgen::JsValue;

use crate::message::{FileKind, Request, Syntax, key};
use crate::{client, dom, message, share, storage};

/// Typing pauses this long before the topology is checked.
pub const DEBOUNCE: Duration = Duration::from_millis(150);
/// Longest fragment written to the address bar; larger topologies are not shared by link.
pub const MAX_FRAGMENT: usize = 256 * 1024;
/// The file name of text typed from scratch.
pub const DEFAULT_FILE: &str = "topology.yaml";
/// The file name of text pasted over the whole editor (it is no longer the file it replaced).
pub const PASTED_FILE: &str = "pasted text";
pub const DEFAULT_TARGET: &str = "nftables";

/// About the last check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Run {
    /// Increments with every check (tests wait on it).
    pub seq: u32,
    /// How long the engine took, in milliseconds.
    pub ms: f64,
    pub format: Format,
}

impl Default for Run {
    fn default() -> Self {
        Self { seq: 0, ms: 0.0, format: Format::Yaml }
    }
}

/// What the page shows of one check, as the engine rendered it (HTML escaped there).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// The check's number; 0 before the first result.
    pub id: u32,
    /// `false` when the text could not be read at all (the findings are then parse errors).
    pub readable: bool,
    /// The topology's `name`, "" when none.
    pub name: String,
    pub errors: usize,
    pub warnings: usize,
    pub findings: usize,
    pub hosts: usize,
    pub flows: usize,
    /// Host names, for the rules panel's host picker (and completion).
    pub host_names: Vec<String>,
    pub zone_names: Vec<String>,
    /// Lines with an error, with a warning (sorted), for the gutter's marks.
    pub error_lines: Vec<u32>,
    pub warning_lines: Vec<u32>,
    /// The first `html::FIRST_FINDINGS` findings as `<li>`s.
    pub findings_html: String,
    /// Hosts in the port map, and the first `html::FIRST_HOSTS` as `<tr>`s.
    pub port_hosts: usize,
    pub ports_html: String,
    pub matrix_html: String,
    pub summary_html: String,
    /// Per host file, in tab order: its name and the lines with an error, with a warning.
    pub file_marks: Vec<(String, Vec<u32>, Vec<u32>)>,
    /// Per host file, in tab order: the format it was read as (`nft`, `ss`, …).
    pub file_formats: Vec<String>,
}

impl Outcome {
    /// The marks of the host file `name`: (error lines, warning lines).
    pub fn marks_of(&self, name: &str) -> (&[u32], &[u32]) {
        self.file_marks
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or((&[][..], &[][..]), |(_, e, w)| (e.as_slice(), w.as_slice()))
    }

    fn from_reply(reply: &JsValue) -> Self {
        Self {
            id: message::uint(reply, key::CHECK),
            readable: message::flag(reply, key::READABLE),
            name: message::string(reply, key::NAME),
            errors: message::count(reply, key::ERRORS),
            warnings: message::count(reply, key::WARNINGS),
            findings: message::count(reply, key::FINDINGS),
            hosts: message::count(reply, key::HOSTS),
            flows: message::count(reply, key::FLOWS),
            host_names: message::strings(reply, key::HOST_NAMES),
            zone_names: message::strings(reply, key::ZONE_NAMES),
            error_lines: message::lines(reply, key::ERROR_LINES),
            warning_lines: message::lines(reply, key::WARNING_LINES),
            findings_html: message::string(reply, key::FINDINGS_HTML),
            port_hosts: message::count(reply, key::PORT_HOSTS),
            ports_html: message::string(reply, key::PORTS_HTML),
            matrix_html: message::string(reply, key::MATRIX_HTML),
            summary_html: message::string(reply, key::SUMMARY_HTML),
            file_marks: message::strings(reply, key::FILE_MARKS)
                .chunks_exact(3)
                .filter_map(|m| {
                    let [name, errors, warnings] = m else { return None };
                    let lines = |s: &str| s.split(',').filter_map(|n| n.parse().ok()).collect();
                    Some((name.clone(), lines(errors), lines(warnings)))
                })
                .collect(),
            file_formats: message::strings(reply, key::FILE_FORMATS),
        }
    }
}

/// The catalog's size, as the engine reports it once it has loaded it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CatalogCounts {
    pub platforms: usize,
    pub components: usize,
    pub requirements: usize,
}

/// Everything the page shows, in one signal. Each distinct signal value type carries its own
/// copy of the reactive graph's code in the wasm, so the page keeps one coarse struct; the
/// effects that draw from it remember what they drew and redraw only what changed. (The text
/// itself is not in it: only its number of lines is drawn, so a key that adds no line changes
/// nothing here.)
#[derive(Debug, Clone)]
pub struct Page {
    /// The topology's file name (finding locations, rules, the file bar).
    pub file: String,
    /// Lines of the text, for the gutter.
    pub lines: usize,
    /// The rules target and host, the file picked in the rules panel, and its status line.
    pub target: String,
    pub host: String,
    pub chosen_file: String,
    pub rules_status: String,
    /// The rules view has been opened (scrolled into view, a target or host picked, a share
    /// link that names a target): rules are asked of the engine only from then on, since the
    /// emitters are in the module loaded on demand (`client.rs`).
    pub rules_open: bool,
    /// The catalog's size, once the engine has loaded it.
    pub catalog: Option<CatalogCounts>,
    pub syntax: Syntax,
    /// The last check shown.
    pub outcome: Arc<Outcome>,
    pub run: Run,
    /// A check is running in the engine.
    pub busy: bool,
    /// A problem loading or sharing (not a finding).
    pub notice: Option<String>,
    /// "Show all" was pressed: findings, port map.
    pub all_findings: bool,
    pub all_ports: bool,
    /// The rules for the current check, target and host, and a number that changes with them.
    pub emitted: Result<crate::rules::Emission, String>,
    pub emission: u32,
    /// What replaced the typed text, while it can be undone ("openlm.yaml replaced your text.").
    pub undo: Option<String>,
    /// The host files beside the topology, in tab order (their texts are in the books).
    pub imports: Vec<Import>,
    /// The tab shown: 0 the topology, `i + 1` the host file `imports[i]`.
    pub tab: usize,
}

/// A host file beside the topology: a ruleset or a socket list exported on one host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// Its tab's name and the file name its findings carry (unique among the tabs).
    pub name: String,
    /// The topology's host it was exported on.
    pub host: String,
    pub kind: FileKind,
    /// A ruleset format forced in the tab ("" to detect it).
    pub format: String,
    /// Lines of its text, for its gutter.
    pub lines: usize,
}

/// The page's bookkeeping (no effect reads it).
#[derive(Default)]
struct Books {
    /// The editor's text, as last typed or loaded.
    text: String,
    /// The debounce timer.
    pending: Option<TimeoutHandle>,
    /// The number of the newest check asked for; replies to older ones are dropped.
    requested: u32,
    /// Another check was asked for while one was running: send it when that one returns.
    queued: bool,
    fragment_gen: u32,
    /// The file and text an example, Clear, a file or a drop replaced, and the text that
    /// replaced it: Undo (or Ctrl+Z before any edit) brings it back.
    undo: Option<(String, String, String)>,
    /// The texts of the host files, in the order of `Page::imports`.
    import_texts: Vec<String>,
}

#[derive(Clone, Copy)]
pub struct State {
    pub page: RwSignal<Page>,
    books: StoredValue<Books>,
}

/// Lines in `text` (the gutter's numbers).
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count() + 1
}

impl Default for State {
    fn default() -> Self {
        Self::new()
    }
}

impl State {
    pub fn new() -> Self {
        let page = Page {
            file: DEFAULT_FILE.to_owned(),
            lines: 1,
            target: DEFAULT_TARGET.to_owned(),
            host: String::new(),
            chosen_file: String::new(),
            rules_status: String::new(),
            rules_open: false,
            catalog: None,
            syntax: Syntax::Auto,
            outcome: Arc::default(),
            run: Run::default(),
            busy: false,
            notice: None,
            all_findings: false,
            all_ports: false,
            emitted: Ok(crate::rules::Emission::default()),
            emission: 0,
            undo: None,
            imports: Vec::new(),
            tab: 0,
        };
        Self { page: RwSignal::new(page), books: StoredValue::new(Books::default()) }
    }

    /// Shows a problem (loading, sharing, a crash) above the checker.
    pub fn notify(&self, text: String) {
        self.page.update(|p| p.notice = Some(text));
    }

    pub fn set_syntax(&self, syntax: Syntax) {
        self.page.update(|p| p.syntax = syntax);
    }

    /// The editor's text, as last typed or loaded.
    pub fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> Option<R> {
        self.books.try_with_value(|b| f(&b.text))
    }

    /// A field of the page, read without subscribing.
    pub fn get<R>(&self, f: impl FnOnce(&Page) -> R) -> R {
        self.page.with_untracked(f)
    }

    /// Keeps `text`, and its line count in the page when that changed.
    fn set_text(&self, text: String) {
        let lines = line_count(&text);
        self.books.update_value(|b| b.text = text);
        if self.get(|p| p.lines) != lines {
            self.page.update(|p| p.lines = lines);
        }
    }

    /// Drops the pending debounce timer.
    fn cancel_pending(&self) {
        if let Some(handle) = self.books.try_update_value(|b| b.pending.take()).flatten() {
            handle.clear();
        }
    }

    /// Hands the catalog (the `window.PORTOLAN_CATALOG` object) to the engine, then restores
    /// the first state; the engine queues the first check until it has the catalog.
    pub fn start(&self, catalog: JsValue) {
        let state = *self;
        client::start(catalog, &dom::site_root(), move |reply| match client::error(&reply) {
            Some(e) => state.notify(format!("The checker could not load the port catalog: {e}")),
            None => {
                let counts = CatalogCounts {
                    platforms: message::count(&reply, key::PLATFORMS),
                    components: message::count(&reply, key::COMPONENTS),
                    requirements: message::count(&reply, key::REQUIREMENTS),
                };
                crate::suggest::set_roles(message::strings(&reply, key::COMPONENT_IDS));
                state.page.update(|p| p.catalog = Some(counts));
            }
        });
        self.restore();
    }

    /// The first state: the link's, else the last topology, else an example. (A link's text
    /// is inflated by the browser, asynchronously.)
    pub fn restore(&self) {
        let state = *self;
        leptos::task::spawn_local(async move {
            // A link carries no host files (see `storage`): the ones kept in this browser come
            // back with the topology they were kept with (a reload keeps the page's own link),
            // never beside someone else's.
            let kept = storage::load();
            match share::decode(&dom::fragment()).await {
                Ok(Some(shared)) => {
                    if kept.as_ref().is_some_and(|(_, text)| *text == shared.text) {
                        state.restore_imports(storage::load_imports());
                    }
                    return state.apply_shared(shared);
                }
                Ok(None) => {}
                Err(e) => state.notify(format!("This link's topology could not be read: {e}")),
            }
            state.restore_imports(storage::load_imports());
            if let Some((file, text)) = kept {
                let file = if file.is_empty() { DEFAULT_FILE.to_owned() } else { file };
                return state.load(&file, text);
            }
            let first = &crate::examples::EXAMPLES[0];
            state.load(first.file, first.text.to_owned());
        });
    }

    /// Loads the state of a share link (on start, and when the fragment changes).
    pub fn apply_shared(&self, shared: share::Shared) {
        // A link names a target only when its rules view was open: it opens here too.
        if crate::rules::is_target(&shared.target) {
            self.page.update(|p| {
                p.target = shared.target.clone();
                p.rules_open = true;
            });
        }
        self.set_syntax(Syntax::from_key(&shared.syntax));
        let file = if shared.file.is_empty() { DEFAULT_FILE.to_owned() } else { shared.file };
        self.load(&file, shared.text);
    }

    /// Replaces the editor's text and checks it at once.
    pub fn load(&self, file: &str, text: String) {
        if let Some(editor) = dom::editor() {
            editor.set_value(&text);
            editor.set_scroll_top(0);
        }
        self.page.update(|p| p.file = file.to_owned());
        self.set_text(text);
        self.check_now();
    }

    /// Replaces the editor's text on the user's word (an example, Clear, a file): when that
    /// drops typed text, it can be undone until the next edit; `what` says what happened.
    pub fn replace(&self, file: &str, text: String, what: &str) {
        let old_file = self.get(|p| p.file.clone());
        let old = self.with_text(str::to_owned).unwrap_or_default();
        let keep = !old.trim().is_empty() && old != text;
        let undo = keep.then(|| (old_file, old, text.clone()));
        self.books.update_value(|b| b.undo = undo);
        self.page.update(|p| {
            p.undo = keep.then(|| what.to_owned());
        });
        self.load(file, text);
    }

    /// Undo of the last [`State::replace`]: `true` when there was one to undo and the text
    /// is still what replaced it.
    pub fn undo_replacement(&self) -> bool {
        let Some(Some((file, old, new))) = self.books.try_update_value(|b| b.undo.take()) else {
            return false;
        };
        if self.with_text(|t| t != new).unwrap_or(true) {
            return false;
        }
        self.page.update(|p| p.undo = None);
        self.load(&file, old);
        true
    }

    /// The user typed: check after a pause. A replacement can no longer be undone (the
    /// editor's own undo covers typing).
    pub fn edited(&self, text: String) {
        self.set_text(text);
        if self.get(|p| p.undo.is_some()) {
            self.books.update_value(|b| b.undo = None);
            self.page.update(|p| p.undo = None);
        }
        self.schedule();
    }

    pub fn schedule(&self) {
        self.cancel_pending();
        let state = *self;
        // The check runs in a worker, so typing never waits for it; the pause only saves work.
        if let Ok(handle) = set_timeout_with_handle(move || state.check_now(), DEBOUNCE) {
            self.books.update_value(|b| b.pending = Some(handle));
        }
    }

    /// Asks the engine to check the editor's text. One check runs at a time: asked for while
    /// one runs, it is sent when that one returns, with the text as it is then.
    pub fn check_now(&self) {
        self.cancel_pending();
        let busy = self.page.with_untracked(|p| p.busy);
        let id = self.books.try_update_value(|b| {
            b.requested += 1;
            b.queued = busy;
            b.requested
        });
        let Some(id) = id else { return };
        let file = self.get(|p| p.file.clone());
        self.with_text(|text| storage::save(&file, text));
        self.save_imports();
        self.save_fragment();
        if busy {
            return;
        }
        self.send_check(id, file);
    }

    fn send_check(&self, id: u32, file: String) {
        let request = message::object();
        message::set(&request, key::ID, id);
        message::set(&request, key::FILE, file);
        message::set(&request, key::SYNTAX, self.page.with_untracked(|p| p.syntax.key()));
        self.with_text(|text| message::set(&request, key::TEXT, text));
        message::set(&request, key::IMPORTS, self.imports_message());
        self.page.update(|p| p.busy = true);
        let state = *self;
        client::request(Request::Check, &request, move |reply| state.checked(&reply));
    }

    /// A check's reply: shown unless a newer check was asked for meanwhile.
    fn checked(&self, reply: &JsValue) {
        let (queued, requested) = self
            .books
            .try_update_value(|b| (std::mem::take(&mut b.queued), b.requested))
            .unwrap_or_default();
        if queued {
            return self.send_check(requested, self.get(|p| p.file.clone()));
        }
        if let Some(e) = client::error(reply) {
            // Not a bug: `checker-audit.js` could not be loaded, and the error says so.
            let notice = if message::flag(reply, key::UNAVAILABLE) {
                e
            } else {
                format!("The checker hit a bug while checking this topology: {e}")
            };
            return self.page.update(|p| {
                p.busy = false;
                p.notice = Some(notice);
            });
        }
        let outcome = Outcome::from_reply(reply);
        if outcome.id != requested {
            return self.page.update(|p| p.busy = false);
        }
        let format = match message::string(reply, key::FORMAT).as_str() {
            "json" => Format::Json,
            "toml" => Format::Toml,
            _ => Format::Yaml,
        };
        let first = self.page.with_untracked(|p| p.run.seq == 0);
        let ms = message::number(reply, key::MS);
        self.page.update(|p| {
            p.busy = false;
            // Keep the rules panel on a host that exists.
            if !outcome.host_names.contains(&p.host) {
                p.host = outcome.host_names.first().cloned().unwrap_or_default();
            }
            if outcome.readable {
                crate::suggest::set_topology_names(
                    outcome.zone_names.clone(),
                    outcome.host_names.clone(),
                );
            }
            p.outcome = Arc::new(outcome);
            p.run = Run { seq: p.run.seq + 1, ms, format };
        });
        if first {
            dom::mark_ready();
        }
    }

    /// The text of the host file `i` (in tab order).
    pub fn import_text<R>(&self, i: usize, f: impl FnOnce(&str) -> R) -> Option<R> {
        self.books.try_with_value(|b| b.import_texts.get(i).map(|t| f(t))).flatten()
    }

    /// Adds a host file (its name made unique among the tabs), shows its tab and checks.
    pub fn add_import(&self, mut import: Import, text: String) {
        let base = import.name.clone();
        let mut n = 1;
        while self.get(|p| p.file == import.name || p.imports.iter().any(|i| i.name == import.name))
        {
            n += 1;
            import.name = format!("{base} ({n})");
        }
        import.lines = line_count(&text);
        self.books.update_value(|b| b.import_texts.push(text));
        self.page.update(|p| {
            p.imports.push(import);
            p.tab = p.imports.len();
        });
        self.check_now();
    }

    /// The user typed in the host file `i`: check after a pause.
    pub fn import_edited(&self, i: usize, text: String) {
        let lines = line_count(&text);
        self.books.update_value(|b| {
            if let Some(t) = b.import_texts.get_mut(i) {
                *t = text;
            }
        });
        if self.get(|p| p.imports.get(i).map(|f| f.lines)) != Some(lines) {
            self.page.update(|p| {
                if let Some(f) = p.imports.get_mut(i) {
                    f.lines = lines;
                }
            });
        }
        self.schedule();
    }

    /// Changes the host, kind or format of the host file `i`, and checks again.
    pub fn change_import(&self, i: usize, change: impl FnOnce(&mut Import)) {
        self.page.update(|p| {
            if let Some(f) = p.imports.get_mut(i) {
                change(f);
            }
        });
        self.check_now();
    }

    /// Removes the host file `i`; the topology's tab shows.
    pub fn remove_import(&self, i: usize) {
        self.books.update_value(|b| {
            if i < b.import_texts.len() {
                b.import_texts.remove(i);
            }
        });
        self.page.update(|p| {
            if i < p.imports.len() {
                p.imports.remove(i);
            }
            p.tab = 0;
        });
        self.check_now();
    }

    /// The host files as the check request carries them: `[name, host, kind, format, text, …]`.
    fn imports_message(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        self.page.with_untracked(|p| {
            for (i, f) in p.imports.iter().enumerate() {
                out.push(&f.name.as_str().into());
                out.push(&f.host.as_str().into());
                out.push(&f.kind.key().into());
                out.push(&f.format.as_str().into());
                out.push(&self.import_text(i, str::to_owned).unwrap_or_default().into());
            }
        });
        out
    }

    fn save_imports(&self) {
        let texts = self.books.try_with_value(|b| b.import_texts.clone()).unwrap_or_default();
        self.page.with_untracked(|p| storage::save_imports(&p.imports, &texts));
    }

    /// The host files kept in this browser, back in their tabs (the topology's tab shows).
    fn restore_imports(&self, imports: Vec<(Import, String)>) {
        let (imports, texts): (Vec<Import>, Vec<String>) = imports.into_iter().unzip();
        self.books.update_value(|b| b.import_texts = texts);
        self.page.update(|p| {
            p.imports = imports;
            p.tab = 0;
        });
    }

    /// Writes the current state to the address bar (no history entry, no request). The
    /// compression is the browser's and asynchronous; a newer call wins.
    pub fn save_fragment(&self) {
        let state = *self;
        leptos::task::spawn_local(async move {
            let _ = state.fragment_now().await;
        });
    }

    /// Encodes the state into the fragment now; `None` when it is too large for a link.
    pub async fn fragment_now(&self) -> Option<String> {
        let generation = self.books.try_update_value(|b| {
            b.fragment_gen += 1;
            b.fragment_gen
        })?;
        let shared = share::Shared {
            file: self.get(|p| p.file.clone()),
            target: self.get(|p| if p.rules_open { p.target.clone() } else { String::new() }),
            syntax: match self.page.with_untracked(|p| p.syntax) {
                Syntax::Auto => String::new(),
                s => s.key().to_owned(),
            },
            text: self.with_text(str::to_owned).unwrap_or_default(),
        };
        let packed = dom::deflate_raw(shared.text.as_bytes()).await.ok()?;
        if self.books.try_with_value(|b| b.fragment_gen) != Some(generation) {
            return None;
        }
        let fragment = share::encode(&shared, &packed);
        if fragment.len() <= MAX_FRAGMENT {
            dom::set_fragment(&fragment);
            Some(fragment)
        } else {
            dom::set_fragment("");
            None
        }
    }
}
