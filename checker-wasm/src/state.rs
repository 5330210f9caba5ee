//! The page's state and the one place checks are run: loading text (example, file, link,
//! storage), debounced live checking, and saving the result to localStorage and the fragment.

use std::sync::Arc;
use std::time::Duration;

use leptos::html::Textarea;
use leptos::prelude::*;
use portolan_core::model::Catalog;
use portolan_core::topology::Format;

use crate::analysis::{self, Analysis};
use crate::{dom, share, storage};

/// Typing pauses this long before the topology is checked (plus twice the last check's time,
/// up to one second more, for big topologies).
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

    pub fn label(self) -> &'static str {
        match self {
            Syntax::Auto => "Detect",
            Syntax::Yaml => "YAML",
            Syntax::Json => "JSON",
            Syntax::Toml => "TOML",
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

#[derive(Clone, Copy)]
pub struct State {
    pub catalog: StoredValue<Arc<Catalog>>,
    pub text: RwSignal<String>,
    pub file: RwSignal<String>,
    pub syntax: RwSignal<Syntax>,
    pub analysis: RwSignal<Arc<Analysis>>,
    pub run: RwSignal<Run>,
    pub target: RwSignal<String>,
    pub host: RwSignal<String>,
    pub notice: RwSignal<Option<Notice>>,
    pub editor: NodeRef<Textarea>,
    pending: StoredValue<Option<TimeoutHandle>>,
    fragment_gen: StoredValue<u32>,
}

impl State {
    pub fn new(catalog: Catalog) -> Self {
        Self {
            catalog: StoredValue::new(Arc::new(catalog)),
            text: RwSignal::new(String::new()),
            file: RwSignal::new(DEFAULT_FILE.to_owned()),
            syntax: RwSignal::new(Syntax::Auto),
            analysis: RwSignal::new(Arc::new(Analysis::default())),
            run: RwSignal::new(Run { seq: 0, ms: 0.0, format: Format::Yaml }),
            target: RwSignal::new(DEFAULT_TARGET.to_owned()),
            host: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
            editor: NodeRef::new(),
            pending: StoredValue::new(None),
            fragment_gen: StoredValue::new(0),
        }
    }

    /// The first state: the link's, else the last topology, else an example.
    pub fn restore(&self) {
        match share::decode(&dom::fragment()) {
            Ok(Some(shared)) => return self.apply_shared(shared),
            Ok(None) => {}
            Err(e) => self.notice.set(Some(Notice { error: true, text: format!("This link's topology could not be read: {e}") })),
        }
        if let Some((file, text)) = storage::load() {
            let file = if file.is_empty() { DEFAULT_FILE.to_owned() } else { file };
            return self.load(&file, text);
        }
        let first = &crate::examples::EXAMPLES[0];
        self.load(first.file, first.text.to_owned());
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
        if let Some(editor) = self.editor.get_untracked() {
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
        // Big topologies take long to check: wait longer for a pause in typing, so a check
        // (which blocks the page while it runs) does not land between two keystrokes.
        let last = self.run.get_untracked().ms.clamp(0.0, 500.0) as u64;
        let delay = DEBOUNCE + Duration::from_millis(2 * last);
        if let Ok(handle) = set_timeout_with_handle(move || state.check_now(), delay) {
            self.pending.set_value(Some(handle));
        }
    }

    pub fn check_now(&self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let started = dom::now();
        let file = self.file.get_untracked();
        let analysis = self.text.with_untracked(|text| {
            let format = self.syntax.get_untracked().format(text);
            let catalog = self.catalog.get_value();
            (analysis::analyse(&catalog, text, &file, format), format)
        });
        let (analysis, format) = analysis;
        let ms = dom::now() - started;
        // Keep the rules panel on a host that exists.
        if let Some(t) = &analysis.topology {
            let host = self.host.get_untracked();
            if !t.hosts.iter().any(|h| h.name == host) {
                self.host.set(t.hosts.first().map(|h| h.name.clone()).unwrap_or_default());
            }
        }
        self.analysis.set(Arc::new(analysis));
        let seq = self.run.get_untracked().seq + 1;
        self.run.set(Run { seq, ms, format });
        self.text.with_untracked(|text| storage::save(&file, text));
        self.save_fragment();
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
