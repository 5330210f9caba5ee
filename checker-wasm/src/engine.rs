//! The engine side of the page: parses and checks topologies, renders the result panels as
//! HTML and emits rules, on requests from [`crate::client`]. It runs in a Web Worker (the
//! loader in `checker.js` starts one from this same wasm), so a long check never blocks the
//! page; when no worker can be made it runs on the page, between tasks. It keeps the catalog
//! and the last check, so rules and the rest of long lists are asked for without re-checking.

use std::cell::RefCell;

use js_sys::{Array, Object};
use portolan_core::emit::{self, Input, Scope, Target};
use portolan_core::model::Catalog;
use portolan_core::topology::Format;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::analysis::{self, Analysis};
use crate::html::{self, FIRST_FINDINGS, FIRST_HOSTS};
use crate::message::{self, get, set, string, uint};
use crate::state::Syntax;

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: on a page and in a worker alike.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

#[derive(Default)]
struct Engine {
    catalog: Option<Catalog>,
    /// The site root relative to the checker page, for links in the HTML.
    root: String,
    /// The id of the last check and its result.
    last: Option<(u32, Analysis)>,
}

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::default();
}

/// Answers one request; every request gets exactly one reply, carrying its `req` number.
#[wasm_bindgen(js_name = portolan_engine)]
pub fn handle(request: JsValue) -> JsValue {
    let reply = message::object();
    set(&reply, "req", get(&request, "req"));
    let result = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        match string(&request, "kind").as_str() {
            "init" => engine.init(&request, &reply),
            "check" => engine.check(&request, &reply),
            "emit" => engine.emit(&request, &reply),
            "all" => engine.all(&reply),
            "more" => engine.more(&request, &reply),
            other => Err(format!("unknown request {other:?}")),
        }
    });
    if let Err(e) = result {
        set(&reply, "error", e);
    }
    reply.into()
}

impl Engine {
    fn init(&mut self, request: &JsValue, reply: &Object) -> Result<(), String> {
        self.root = string(request, "root");
        let catalog = crate::catalog::from_value(get(request, "catalog"))?;
        set(reply, "platforms", catalog.platforms.len() as u32);
        set(reply, "components", catalog.components().count() as u32);
        set(reply, "requirements", catalog.requirements().count() as u32);
        let ids: Vec<&str> = catalog.components().map(|c| c.id.as_str()).collect();
        set(reply, "component_ids", message::to_array(&ids));
        self.catalog = Some(catalog);
        Ok(())
    }

    fn catalog(&self) -> Result<&Catalog, String> {
        self.catalog.as_ref().ok_or_else(|| "the port catalog is not loaded".to_owned())
    }

    fn check(&mut self, request: &JsValue, reply: &Object) -> Result<(), String> {
        let id = uint(request, "id");
        let text = string(request, "text");
        let file = string(request, "file");
        let format = Syntax::from_key(&string(request, "syntax")).format(&text);
        let started = performance_now();
        let analysis = analysis::analyse(self.catalog()?, &text, &file, format);
        let ms = performance_now() - started;
        describe(reply, id, ms, format, &file, &analysis, &self.root);
        self.last = Some((id, analysis));
        Ok(())
    }

    fn last(&self, reply: &Object) -> Result<&Analysis, String> {
        let (id, analysis) = self.last.as_ref().ok_or("nothing has been checked yet")?;
        set(reply, "check", *id);
        Ok(analysis)
    }

    /// The files of one target (one host's, for host firewalls) and the emitter's notes.
    fn emit(&self, request: &JsValue, reply: &Object) -> Result<(), String> {
        let name = string(request, "target");
        let target = Target::parse(&name).ok_or_else(|| format!("unknown target {name}"))?;
        let host = string(request, "host");
        let analysis = self.last(reply)?;
        let host = (!host.is_empty() && target.scope() == Scope::Host).then_some(host.as_str());
        let emitted = emit_target(self.catalog()?, analysis, target, host)?;
        set(reply, "files", files_array(emitted.files.into_iter().map(|f| (f.path, f.contents))));
        set(reply, "notes", emitted.notes.len() as u32);
        set(reply, "notes_html", html::notes(&emitted.notes));
        Ok(())
    }

    /// Every target's files, host firewalls for every host (`portolan rules --target all`).
    fn all(&self, reply: &Object) -> Result<(), String> {
        let analysis = self.last(reply)?;
        let catalog = self.catalog()?;
        let mut files = Vec::new();
        for target in Target::all() {
            files.extend(
                emit_target(catalog, analysis, target, None)?
                    .files
                    .into_iter()
                    .map(|f| (f.path, f.contents)),
            );
        }
        set(reply, "files", files_array(files.into_iter()));
        Ok(())
    }

    /// The rest of a long list, after what the check's reply held, in chunks of that size.
    fn more(&self, request: &JsValue, reply: &Object) -> Result<(), String> {
        let analysis = self.last(reply)?;
        let root = &self.root;
        let chunks: Array = match string(request, "what").as_str() {
            "findings" => analysis
                .findings
                .chunks(FIRST_FINDINGS)
                .skip(1)
                .map(|c| JsValue::from(html::findings(c, usize::MAX, root)))
                .collect(),
            "ports" => analysis
                .ports
                .chunks(FIRST_HOSTS)
                .skip(1)
                .map(|c| JsValue::from(html::port_rows(c, usize::MAX, root)))
                .collect(),
            other => return Err(format!("no list called {other:?}")),
        };
        set(reply, "chunks", chunks);
        Ok(())
    }
}

fn emit_target(
    catalog: &Catalog,
    analysis: &Analysis,
    target: Target,
    host: Option<&str>,
) -> Result<emit::Emitted, String> {
    let (Some(topology), Some(plan)) = (&analysis.topology, &analysis.plan) else {
        return Err("Fix the errors in the topology to generate rules.".to_owned());
    };
    // Rules keep the topology's management access and baseline egress open, as `portolan rules` does.
    let plan = &portolan_core::plan::access::with_access(plan.clone(), topology);
    emit::emit_with(target, &Input { plan, topology, catalog: Some(catalog), host })
        .map_err(|e| format!("{target}: {e}"))
}

/// `[path, contents, path, contents, …]`.
fn files_array(files: impl Iterator<Item = (String, String)>) -> Array {
    let out = Array::new();
    for (path, contents) in files {
        out.push(&JsValue::from(path));
        out.push(&JsValue::from(contents));
    }
    out
}

/// What the page shows of one check (`Outcome::from_reply` in `state.rs` reads it back).
fn describe(
    reply: &Object,
    id: u32,
    ms: f64,
    format: Format,
    file: &str,
    a: &Analysis,
    root: &str,
) {
    let s = &a.summary;
    set(reply, "check", id);
    set(reply, "ms", ms);
    set(reply, "format", format_key(format));
    set(reply, "readable", a.topology.is_some());
    set(reply, "name", s.name.clone().unwrap_or_default());
    set(reply, "errors", s.errors as u32);
    set(reply, "warnings", s.warnings as u32);
    set(reply, "hosts", s.hosts as u32);
    set(reply, "flows", s.flows as u32);
    let names: Vec<&str> = a
        .topology
        .as_ref()
        .map(|t| t.hosts.iter().map(|h| h.name.as_str()).collect())
        .unwrap_or_default();
    set(reply, "host_names", message::to_array(&names));
    let zones: Vec<&str> = a
        .topology
        .as_ref()
        .map(|t| t.zones.iter().map(|z| z.name.as_str()).collect())
        .unwrap_or_default();
    set(reply, "zone_names", message::to_array(&zones));
    set(reply, "error_lines", finding_lines(a, true));
    set(reply, "warning_lines", finding_lines(a, false));
    set(reply, "findings", a.findings.len() as u32);
    set(reply, "findings_html", html::findings(&a.findings, FIRST_FINDINGS, root));
    set(reply, "port_hosts", a.ports.len() as u32);
    set(reply, "ports_html", html::port_rows(&a.ports, FIRST_HOSTS, root));
    set(reply, "matrix_html", html::matrix(a));
    set(reply, "summary_html", html::summary(a, file, &crate::dom::ms2(ms)));
}

/// The sorted lines of the errors (or warnings), as `"3,12,40"`.
fn finding_lines(a: &Analysis, errors: bool) -> String {
    let mut lines: Vec<u32> = a
        .findings
        .iter()
        .filter(|f| f.is_error() == errors)
        .filter_map(|f| f.location.as_ref().map(|l| l.line))
        .collect();
    portolan_core::order::sort_dedup(&mut lines);
    lines.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

pub fn format_key(format: Format) -> &'static str {
    match format {
        Format::Yaml => "yaml",
        Format::Json => "json",
        Format::Toml => "toml",
    }
}
