//! The page's state and the one place checks are run: loading text (example, file, link,
//! storage), debounced live checking, and saving the result to localStorage and the fragment.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use portolan_core::topology::Format;
use wasm_bindgen::JsValue;

use crate::{client, dom, message, share, storage};

/// Typing pauses this long before the topology is checked.
pub const DEBOUNCE: Duration = Duration::from_millis(150);
/// Longest fragment written to the address bar; larger topologies are not shared by link.
pub const MAX_FRAGMENT: usize = 256 * 1024;
/// The file name of text typed from scratch.
pub const DEFAULT_FILE: &str = "topology.yaml";
pub const DEFAULT_TARGET: &str = "nftables";

/// The syntax selector: `Auto` guesses from the text, as `portolan check -` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Auto,
    Yaml,
    Json,
    Toml,
}

impl Syntax {
    pub const ALL: [Syntax; 4] = [Syntax::Auto, Syntax::Yaml, Syntax::Json, Syntax::Toml];

    pub fn key(self) -> &'static str {
        match self {
            Syntax::Auto => "auto",
            Syntax::Yaml => "yaml",
            Syntax::Json => "json",
            Syntax::Toml => "toml",
        }
    }

    pub fn from_key(key: &str) -> Syntax {
        Syntax::ALL.into_iter().find(|s| s.key() == key).unwrap_or(Syntax::Auto)
    }

    pub fn format(self, text: &str) -> Format {
        match self {
            Syntax::Auto => Format::sniff(text),
            Syntax::Yaml => Format::Yaml,
            Syntax::Json => Format::Json,
            Syntax::Toml => Format::Toml,
        }
    }
}

/// About the last check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Run {
    /// Increments with every check (tests wait on it).
    pub seq: u32,
    /// How long the engine took, in milliseconds.
    pub ms: f64,
    pub format: Format,
}

/// A message about loading or sharing (not a finding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
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
    /// Host names, for the rules panel's host picker.
    pub host_names: Vec<String>,
    /// The first [`crate::html::FIRST_FINDINGS`] findings as `<li>`s.
    pub findings_html: String,
    /// Hosts in the port map, and the first [`crate::html::FIRST_HOSTS`] as `<tr>`s.
    pub port_hosts: usize,
    pub ports_html: String,
    pub matrix_html: String,
    pub summary_html: String,
}

impl Outcome {
    fn from_reply(reply: &JsValue) -> Self {
        Self {
            id: message::uint(reply, "check"),
            readable: message::flag(reply, "readable"),
            name: message::string(reply, "name"),
            errors: message::count(reply, "errors"),
            warnings: message::count(reply, "warnings"),
            findings: message::count(reply, "findings"),
            hosts: message::count(reply, "hosts"),
            flows: message::count(reply, "flows"),
            host_names: message::strings(reply, "host_names"),
            findings_html: message::string(reply, "findings_html"),
            port_hosts: message::count(reply, "port_hosts"),
            ports_html: message::string(reply, "ports_html"),
            matrix_html: message::string(reply, "matrix_html"),
            summary_html: message::string(reply, "summary_html"),
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

#[derive(Clone, Copy)]
pub struct State {
    pub catalog: RwSignal<Option<CatalogCounts>>,
    pub text: RwSignal<String>,
    pub file: RwSignal<String>,
    pub syntax: RwSignal<Syntax>,
    pub outcome: RwSignal<Arc<Outcome>>,
    pub run: RwSignal<Run>,
    /// A check is running in the engine.
    pub busy: RwSignal<bool>,
    pub target: RwSignal<String>,
    pub host: RwSignal<String>,
    pub notice: RwSignal<Option<Notice>>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// The number of the newest check asked for; replies to older ones are dropped.
    requested: StoredValue<u32>,
    /// Another check was asked for while one was running: send it when that one returns.
    queued: StoredValue<bool>,
    fragment_gen: StoredValue<u32>,
}

impl Default for State {
    fn default() -> Self {
        Self::new()
    }
}

impl State {
    pub fn new() -> Self {
        Self {
            catalog: RwSignal::new(None),
            text: RwSignal::new(String::new()),
            file: RwSignal::new(DEFAULT_FILE.to_owned()),
            syntax: RwSignal::new(Syntax::Auto),
            outcome: RwSignal::new(Arc::new(Outcome::default())),
            run: RwSignal::new(Run { seq: 0, ms: 0.0, format: Format::Yaml }),
            busy: RwSignal::new(false),
            target: RwSignal::new(DEFAULT_TARGET.to_owned()),
            host: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
            pending: StoredValue::new(None),
            requested: StoredValue::new(0),
            queued: StoredValue::new(false),
            fragment_gen: StoredValue::new(0),
        }
    }

    /// Hands the catalog (the `window.PORTOLAN_CATALOG` object) to the engine, then restores
    /// the first state; the engine queues the first check until it has the catalog.
    pub fn start(&self, catalog: JsValue) {
        let state = *self;
        client::start(catalog, &dom::site_root(), move |reply| match client::error(&reply) {
            Some(e) => state.notice.set(Some(Notice { error: true, text: format!("The checker could not load the port catalog: {e}") })),
            None => state.catalog.set(Some(CatalogCounts {
                platforms: message::count(&reply, "platforms"),
                components: message::count(&reply, "components"),
                requirements: message::count(&reply, "requirements"),
            })),
        });
        self.restore();
    }

    /// The first state: the link's, else the last topology, else an example. (A link's text
    /// is inflated by the browser, asynchronously.)
    pub fn restore(&self) {
        let state = *self;
        leptos::task::spawn_local(async move {
            match share::decode(&dom::fragment()).await {
                Ok(Some(shared)) => return state.apply_shared(shared),
                Ok(None) => {}
                Err(e) => state.notice.set(Some(Notice { error: true, text: format!("This link's topology could not be read: {e}") })),
            }
            if let Some((file, text)) = storage::load() {
                let file = if file.is_empty() { DEFAULT_FILE.to_owned() } else { file };
                return state.load(&file, text);
            }
            let first = &crate::examples::EXAMPLES[0];
            state.load(first.file, first.text.to_owned());
        });
    }

    /// Loads the state of a share link (on start, and when the fragment changes).
    pub fn apply_shared(&self, shared: share::Shared) {
        if portolan_core::emit::Target::parse(&shared.target).is_some() {
            self.target.set(shared.target.clone());
        }
        self.syntax.set(Syntax::from_key(&shared.syntax));
        let file = if shared.file.is_empty() { DEFAULT_FILE.to_owned() } else { shared.file };
        self.load(&file, shared.text);
    }

    /// Replaces the editor's text and checks it at once.
    pub fn load(&self, file: &str, text: String) {
        if let Some(editor) = dom::editor() {
            editor.set_value(&text);
            editor.set_scroll_top(0);
        }
        self.file.set(file.to_owned());
        self.text.set(text);
        self.check_now();
    }

    /// The user typed: check after a pause.
    pub fn edited(&self, text: String) {
        self.text.set(text);
        self.schedule();
    }

    pub fn schedule(&self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let state = *self;
        // The check runs in a worker, so typing never waits for it; the pause only saves work.
        if let Ok(handle) = set_timeout_with_handle(move || state.check_now(), DEBOUNCE) {
            self.pending.set_value(Some(handle));
        }
    }

    /// Asks the engine to check the editor's text. One check runs at a time: asked for while
    /// one runs, it is sent when that one returns, with the text as it is then.
    pub fn check_now(&self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let id = self.requested.try_update_value(|n| {
            *n += 1;
            *n
        });
        let Some(id) = id else { return };
        let file = self.file.get_untracked();
        self.text.with_untracked(|text| storage::save(&file, text));
        self.save_fragment();
        if self.busy.get_untracked() {
            self.queued.set_value(true);
            return;
        }
        self.send_check(id, file);
    }

    fn send_check(&self, id: u32, file: String) {
        let request = message::object();
        message::set(&request, "id", id);
        message::set(&request, "file", file);
        message::set(&request, "syntax", self.syntax.get_untracked().key());
        self.text.with_untracked(|text| message::set(&request, "text", text.as_str()));
        self.busy.set(true);
        let state = *self;
        client::request("check", &request, move |reply| state.checked(&reply));
    }

    /// A check's reply: shown unless a newer check was asked for meanwhile.
    fn checked(&self, reply: &JsValue) {
        self.busy.set(false);
        if self.queued.try_update_value(std::mem::take).unwrap_or(false) {
            let id = self.requested.get_value();
            return self.send_check(id, self.file.get_untracked());
        }
        if let Some(e) = client::error(reply) {
            self.notice.set(Some(Notice { error: true, text: format!("The checker hit a bug while checking this topology: {e}") }));
            return;
        }
        let outcome = Outcome::from_reply(reply);
        if outcome.id != self.requested.get_value() {
            return;
        }
        // Keep the rules panel on a host that exists.
        let host = self.host.get_untracked();
        if !outcome.host_names.contains(&host) {
            self.host.set(outcome.host_names.first().cloned().unwrap_or_default());
        }
        let format = match message::string(reply, "format").as_str() {
            "json" => Format::Json,
            "toml" => Format::Toml,
            _ => Format::Yaml,
        };
        let first = self.run.get_untracked().seq == 0;
        self.outcome.set(Arc::new(outcome));
        let seq = self.run.get_untracked().seq + 1;
        self.run.set(Run { seq, ms: message::number(reply, "ms"), format });
        if first {
            dom::mark_ready();
        }
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
        let generation = self.fragment_gen.try_update_value(|g| {
            *g += 1;
            *g
        })?;
        let shared = share::Shared {
            file: self.file.get_untracked(),
            target: self.target.get_untracked(),
            syntax: match self.syntax.get_untracked() {
                Syntax::Auto => String::new(),
                s => s.key().to_owned(),
            },
            text: self.text.get_untracked(),
        };
        let packed = dom::deflate_raw(shared.text.as_bytes()).await.ok()?;
        if self.fragment_gen.try_get_value() != Some(generation) {
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
