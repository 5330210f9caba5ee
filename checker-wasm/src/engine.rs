//! The engine side of the page: parses and checks topologies, renders the result panels as
//! HTML and emits rules, on requests from [`crate::client`]. It runs in a Web Worker (the
//! loader in `checker.js` starts one from this same wasm), so a long check never blocks the
//! page; when no worker can be made it runs on the page, between tasks. It keeps the catalog
//! and the last check, so rules and the rest of long lists are asked for without re-checking.

use std::cell::RefCell;

use js_sys::{Array, Object};
use portolan_core::Severity;
use portolan_core::audit::HostFile;
#[cfg(feature = "audit")]
use portolan_core::audit::{self, RulesFormat};
#[cfg(feature = "rules")]
use portolan_core::emit::{self, Input, Scope, Target};
use portolan_core::model::Catalog;
use portolan_core::topology::Format;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::analysis::{self, Analysis};
use crate::html::{self, FIRST_FINDINGS, FIRST_HOSTS};
use crate::message::{self, get, set, string, uint};
use crate::message::{Request, Syntax, key};

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
    set(&reply, key::REQ, get(&request, key::REQ));
    let result = ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        let kind = string(&request, key::KIND);
        match Request::from_key(&kind) {
            Some(Request::Init) => engine.init(&request, &reply),
            Some(Request::Check) => engine.check(&request, &reply),
            #[cfg(feature = "rules")]
            Some(Request::Emit) => engine.emit(&request, &reply),
            #[cfg(feature = "rules")]
            Some(Request::All) => engine.all(&reply),
            // The page asks the on-demand module (`client::needs_on_demand`).
            #[cfg(not(feature = "rules"))]
            Some(Request::Emit | Request::All) => Err(NO_RULES.to_owned()),
            Some(Request::More) => engine.more(&request, &reply),
            #[cfg(feature = "audit")]
            Some(Request::Explain) => engine.explain(&request, &reply),
            // The page asks the on-demand module (`client::needs_on_demand`).
            #[cfg(not(feature = "audit"))]
            Some(Request::Explain) => Err(NO_HOST_FILE_READERS.to_owned()),
            Some(Request::Example) => example(&request, &reply),
            None => Err(format!("unknown request {kind:?}")),
        }
    });
    if let Err(e) = result {
        set(&reply, key::ERROR, e);
    }
    reply.into()
}

/// The text of the example the request names (the on-demand module has them all).
fn example(request: &JsValue, reply: &Object) -> Result<(), String> {
    let file = string(request, key::FILE);
    let example = crate::examples::by_file(&file).ok_or_else(|| format!("no example {file:?}"))?;
    set(reply, key::TEXT, example.text);
    Ok(())
}

impl Engine {
    fn init(&mut self, request: &JsValue, reply: &Object) -> Result<(), String> {
        self.root = string(request, key::ROOT);
        let catalog = crate::catalog::from_value(get(request, key::CATALOG))?;
        set(reply, key::PLATFORMS, catalog.platforms.len() as u32);
        set(reply, key::COMPONENTS, catalog.components().count() as u32);
        set(reply, key::REQUIREMENTS, catalog.requirements().count() as u32);
        let ids: Vec<&str> = catalog.components().map(|c| c.id.as_str()).collect();
        set(reply, key::COMPONENT_IDS, message::to_array(&ids));
        self.catalog = Some(catalog);
        Ok(())
    }

    fn catalog(&self) -> Result<&Catalog, String> {
        self.catalog.as_ref().ok_or_else(|| "the port catalog is not loaded".to_owned())
    }

    fn check(&mut self, request: &JsValue, reply: &Object) -> Result<(), String> {
        let id = uint(request, key::ID);
        let text = string(request, key::TEXT);
        let file = string(request, key::FILE);
        let format = Syntax::from_key(&string(request, key::SYNTAX)).format(&text);
        let files = host_files(request)?;
        let started = performance_now();
        let analysis = analysis::analyse(self.catalog()?, &text, &file, format, files);
        let ms = performance_now() - started;
        describe(reply, id, ms, format, &file, &analysis, &self.root);
        self.last = Some((id, analysis));
        Ok(())
    }

    fn last(&self, reply: &Object) -> Result<&Analysis, String> {
        let (id, analysis) = self.last.as_ref().ok_or("nothing has been checked yet")?;
        set(reply, key::CHECK, *id);
        Ok(analysis)
    }

    /// The files of one target (one host's, for host firewalls) and the emitter's notes.
    /// Only in the on-demand module (`checker-audit.js`): the emitters are about 44 KB of
    /// `checker.js` gzipped, so the page loads that module when the rules view opens.
    #[cfg(feature = "rules")]
    fn emit(&self, request: &JsValue, reply: &Object) -> Result<(), String> {
        let name = string(request, key::TARGET);
        let target = Target::parse(&name).ok_or_else(|| format!("unknown target {name}"))?;
        let host = string(request, key::HOST);
        let analysis = self.last(reply)?;
        let host = (!host.is_empty() && target.scope() == Scope::Host).then_some(host.as_str());
        let emitted = emit_target(self.catalog()?, analysis, target, host)?;
        set(
            reply,
            key::FILES,
            files_array(emitted.files.into_iter().map(|f| (f.path, f.contents))),
        );
        set(reply, key::NOTES, emitted.notes.len() as u32);
        set(reply, key::PER_HOST, target.scope() == Scope::Host);
        set(reply, key::NOTES_HTML, html::notes(&emitted.notes));
        Ok(())
    }

    /// Every target's files, host firewalls for every host (`portolan rules --target all`).
    #[cfg(feature = "rules")]
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
        set(reply, key::FILES, files_array(files.into_iter()));
        Ok(())
    }

    /// The rest of a long list, after what the check's reply held, in chunks of that size.
    fn more(&self, request: &JsValue, reply: &Object) -> Result<(), String> {
        let analysis = self.last(reply)?;
        let root = &self.root;
        let chunks: Array = match string(request, key::WHAT).as_str() {
            "findings" => analysis
                .findings
                .chunks(FIRST_FINDINGS)
                .skip(1)
                .map(|c| JsValue::from(html::findings(c, usize::MAX, root, &analysis.file)))
                .collect(),
            "ports" => analysis
                .ports
                .chunks(FIRST_HOSTS)
                .skip(1)
                .map(|c| JsValue::from(html::port_rows(c, usize::MAX, root)))
                .collect(),
            other => return Err(format!("no list called {other:?}")),
        };
        set(reply, key::CHUNKS, chunks);
        Ok(())
    }

    /// One connection (`from`, `to`, `port`) explained against the last check, with its host
    /// files as the policy (as `portolan explain --rules …` does). A question the topology
    /// cannot answer (an unknown name, a bad port) is an answer too: it says what was expected.
    /// Only in `checker-audit.js`'s module: explain is about 4.4 KB of `checker.js` gzipped,
    /// so the page loads that module the first time a question is asked.
    #[cfg(feature = "audit")]
    fn explain(&self, request: &JsValue, reply: &Object) -> Result<(), String> {
        let analysis = self.last(reply)?;
        let catalog = self.catalog()?;
        let Some(topology) = &analysis.topology else {
            set(reply, key::VERDICT, "unreadable");
            set(
                reply,
                key::EXPLAIN_HTML,
                crate::answer::problem("Fix the errors in the topology to explain a connection."),
            );
            return Ok(());
        };
        let policy = audit::import(catalog, topology, &analysis.files).topology;
        let (from, to, port) =
            (string(request, key::FROM), string(request, key::TO), string(request, key::PORT));
        match audit::explain::explain(catalog, &policy, from.trim(), to.trim(), port.trim()) {
            Ok(answer) => {
                set(reply, key::VERDICT, crate::answer::verdict_key(answer.verdict));
                set(
                    reply,
                    key::EXPLAIN_HTML,
                    crate::answer::html(&answer, &self.root, &analysis.file),
                );
            }
            Err(e) => {
                set(reply, key::VERDICT, "invalid");
                set(reply, key::EXPLAIN_HTML, crate::answer::problem(&e.to_string()));
            }
        }
        Ok(())
    }
}

/// What the base module's engine says to a check with host files or a question to explain. The
/// page sends those to the module of `checker-audit.js` (`client.rs`), so this is only seen if
/// that was bypassed.
#[cfg(not(feature = "audit"))]
pub const NO_HOST_FILE_READERS: &str =
    "this engine has no host-file readers or explain (they are in assets/checker-audit.js)";

/// What the base module's engine says to a request for rules: the page sends those to the
/// on-demand module (`client.rs`), so this is only seen if that was bypassed.
#[cfg(not(feature = "rules"))]
pub const NO_RULES: &str = "this engine has no rule emitters (they are in assets/checker-audit.js)";

/// The host files of a check request: `[name, host, kind, format, text, …]`.
#[cfg(not(feature = "audit"))]
fn host_files(request: &JsValue) -> Result<Vec<HostFile>, String> {
    if message::strings(request, key::IMPORTS).is_empty() {
        Ok(Vec::new())
    } else {
        Err(NO_HOST_FILE_READERS.to_owned())
    }
}

/// The host files of a check request: `[name, host, kind, format, text, …]`.
#[cfg(feature = "audit")]
fn host_files(request: &JsValue) -> Result<Vec<HostFile>, String> {
    Ok(message::strings(request, key::IMPORTS)
        .chunks_exact(5)
        .filter_map(|f| {
            let [name, host, kind, format, text] = f else { return None };
            let kind = match message::FileKind::from_key(kind) {
                message::FileKind::Listening => audit::FileKind::Listening,
                message::FileKind::Rules => audit::FileKind::Rules(RulesFormat::parse(format)),
            };
            Some(HostFile { host: host.clone(), file: name.clone(), text: text.clone(), kind })
        })
        .collect())
}

/// The format a host file is read as: the one forced, else the one detected.
#[cfg(feature = "audit")]
fn read_as(file: &HostFile) -> &'static str {
    match file.kind {
        audit::FileKind::Rules(forced) => {
            forced.unwrap_or_else(|| audit::detect::rules_format(&file.text)).as_str()
        }
        audit::FileKind::Listening => audit::detect::sockets_format(&file.text).as_str(),
    }
}

/// The base module checks no host files, so has no format to name.
#[cfg(not(feature = "audit"))]
fn read_as(_: &HostFile) -> &'static str {
    ""
}

#[cfg(feature = "rules")]
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
#[cfg(feature = "rules")]
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
    set(reply, key::CHECK, id);
    set(reply, key::MS, ms);
    set(reply, key::FORMAT, format_key(format));
    set(reply, key::READABLE, a.topology.is_some());
    set(reply, key::NAME, s.name.clone().unwrap_or_default());
    set(reply, key::ERRORS, s.errors as u32);
    set(reply, key::WARNINGS, s.warnings as u32);
    set(reply, key::HOSTS, s.hosts as u32);
    set(reply, key::FLOWS, s.flows as u32);
    let names: Vec<&str> = a
        .topology
        .as_ref()
        .map(|t| t.hosts.iter().map(|h| h.name.as_str()).collect())
        .unwrap_or_default();
    set(reply, key::HOST_NAMES, message::to_array(&names));
    let zones: Vec<&str> = a
        .topology
        .as_ref()
        .map(|t| t.zones.iter().map(|z| z.name.as_str()).collect())
        .unwrap_or_default();
    set(reply, key::ZONE_NAMES, message::to_array(&zones));
    set(reply, key::ERROR_LINES, finding_lines(a, file, true));
    set(reply, key::WARNING_LINES, finding_lines(a, file, false));
    let mut marks = Vec::new();
    for f in &a.files {
        marks.push(f.file.clone());
        marks.push(finding_lines(a, &f.file, true));
        marks.push(finding_lines(a, &f.file, false));
    }
    set(reply, key::FILE_MARKS, message::to_array(&marks));
    let formats: Vec<&str> = a.files.iter().map(read_as).collect();
    set(reply, key::FILE_FORMATS, message::to_array(&formats));
    set(reply, key::FINDINGS, a.findings.len() as u32);
    set(reply, key::FINDINGS_HTML, html::findings(&a.findings, FIRST_FINDINGS, root, file));
    set(reply, key::PORT_HOSTS, a.ports.len() as u32);
    set(reply, key::PORTS_HTML, html::port_rows(&a.ports, FIRST_HOSTS, root));
    set(reply, key::MATRIX_HTML, html::matrix(a));
    set(reply, key::SUMMARY_HTML, html::summary(a, file, &crate::dom::ms2(ms)));
}

/// The sorted lines of the errors (or warnings) in `file`, as `"3,12,40"`.
fn finding_lines(a: &Analysis, file: &str, errors: bool) -> String {
    let mut lines: Vec<u32> = a
        .findings
        .iter()
        // Notes (a choice left open, P045) mark no line: the gutter is for problems.
        .filter(|f| if errors { f.is_error() } else { f.severity == Severity::Warning })
        .filter_map(|f| f.location.as_ref().filter(|l| l.file == file).map(|l| l.line))
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
