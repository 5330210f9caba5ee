//! `site-gen serve`: a writer's live preview. Builds once (the incremental build: a one-document
//! edit rewrites only what it changes), serves the output folder on localhost, rebuilds when
//! an input changes and reloads the open pages; a failed build is shown over the pages and on
//! stderr while the last good build stays served. The output folder is exactly what `site-gen
//! build` writes: the live-reload script is added to the HTML as it is sent, never on disk.

pub mod http;
pub mod live;
pub mod watch;

use std::collections::HashSet;
use std::io::Write;
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::build::BuildReport;
use crate::config::Config;
use http::{Request, Resolved, Response};
use live::Live;
use watch::{Signal, Watched};

pub struct Options {
    pub config: Config,
    pub bind: IpAddr,
    /// 0 picks a free port (the tests do).
    pub port: u16,
    /// Print each build's phases and sizes.
    pub verbose: bool,
}

/// The diagnostics shown in the browser at most (the rest are on stderr).
const OVERLAY_LINES: usize = 60;

/// What the connections share with the builder.
struct Shared {
    out: PathBuf,
    live: Live,
    /// Held for writing while a build runs, for reading while a file is read: a page is never
    /// sent half old, half new (an incremental build moves its files into place one by one).
    site: RwLock<()>,
}

pub fn run(options: &Options) -> Result<ExitCode> {
    let config = &options.config;
    let listener = TcpListener::bind((options.bind, options.port))
        .with_context(|| format!("cannot listen on {}:{}", options.bind, options.port))?;
    let address = listener.local_addr().context("the listening address")?;
    if !options.bind.is_loopback() {
        eprintln!(
            "site-gen serve: listening on {}: anyone who can reach it sees the preview and its files",
            options.bind
        );
    }
    let shared =
        Arc::new(Shared { out: config.out.clone(), live: Live::default(), site: RwLock::new(()) });
    let (signals, heard) = channel();
    stop_on_ctrl_c(signals.clone());
    let _watcher = watch::start(Watched::of(config), signals)?;

    let mut builder = Builder::new(options);
    {
        // The first build holds the site before any connection is taken: an early request waits
        // for it instead of finding no site.
        let _building = shared.site.write().unwrap_or_else(PoisonError::into_inner);
        let accepting = Arc::clone(&shared);
        std::thread::spawn(move || accept(&listener, &accepting));
        // The line tests and scripts wait for: keep its shape.
        println!(
            "site-gen serve: serving {} on http://{address}/ (Ctrl+C stops)",
            config.out.display()
        );
        let _ = std::io::stdout().flush();
        let error = builder.build(true);
        shared.live.publish(error);
    }
    while let Ok(signal) = heard.recv() {
        if signal == Signal::Stop || watch::settle(&heard) == Some(Signal::Stop) {
            break;
        }
        let _building = shared.site.write().unwrap_or_else(PoisonError::into_inner);
        let was_broken = shared.live.current().error.is_some();
        let error = builder.build(false);
        // Nothing the build reads changed (a swap file, a save of the same bytes): the open
        // pages stay, unless they show an error this build no longer has.
        if error.is_some() || !builder.last_up_to_date || was_broken {
            let build = shared.live.publish(error);
            if options.verbose {
                eprintln!("site-gen serve: build {build} published");
            }
        }
    }
    eprintln!("site-gen serve: stopped");
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C asks the builder loop to stop (after the build under way, so the output is whole);
/// a second Ctrl-C stops at once.
fn stop_on_ctrl_c(signals: Sender<Signal>) {
    let mut asked = false;
    let handler = move || {
        if asked {
            std::process::exit(130);
        }
        asked = true;
        let _ = signals.send(Signal::Stop);
    };
    if let Err(error) = ctrlc::set_handler(handler) {
        eprintln!("site-gen serve: Ctrl+C will stop without waiting for a build: {error}");
    }
}

/// Runs the builds and says on stderr what each did.
struct Builder<'a> {
    options: &'a Options,
    /// The diagnostics of the last build: a rebuild prints only the new ones.
    shown: HashSet<String>,
    last_up_to_date: bool,
    /// The extractions and page entries of the last build, kept for the next.
    memory: crate::memory::Memory,
}

impl<'a> Builder<'a> {
    fn new(options: &'a Options) -> Self {
        Self {
            options,
            shown: HashSet::new(),
            last_up_to_date: false,
            memory: crate::memory::Memory::default(),
        }
    }

    /// One build; its error text when it failed.
    fn build(&mut self, first: bool) -> Option<String> {
        let started = Instant::now();
        let result = crate::build::build_remembering(&self.options.config, &mut self.memory);
        self.last_up_to_date = result.as_ref().is_ok_and(up_to_date);
        match result {
            Err(error) => {
                let error = format!("{error:#}");
                eprintln!(
                    "site-gen serve: build failed, still serving the last good build: {error}"
                );
                self.shown.clear();
                Some(error)
            }
            Ok(report) => {
                for line in report.diagnostics.iter().filter(|d| !self.shown.contains(*d)) {
                    eprintln!("{line}");
                }
                self.shown = report.diagnostics.iter().cloned().collect();
                if report.failed {
                    let reason = report.failure_reason();
                    eprintln!(
                        "site-gen serve: build failed ({reason}), still serving the last good build"
                    );
                    return Some(overlay_text(&report, &reason));
                }
                if self.options.verbose {
                    eprintln!("{}", report.summary());
                }
                if first || !self.last_up_to_date {
                    let (rendered, pages) = report.pages_rendered;
                    eprintln!(
                        "site-gen serve: built in {} ms ({rendered} of {pages} pages rendered, {} warning(s))",
                        started.elapsed().as_millis(),
                        report.warnings
                    );
                }
                None
            }
        }
    }
}

/// True when the build found nothing changed since the last one (`build::build`'s first phase).
fn up_to_date(report: &BuildReport) -> bool {
    report.phases.first().is_some_and(|(name, _)| *name == "up to date")
}

/// The failure as the overlay shows it: why, then the diagnostics that failed the build
/// (errors; warnings too under `--strict`), each with its file:line:column.
fn overlay_text(report: &BuildReport, reason: &str) -> String {
    let failing: Vec<&String> =
        report.diagnostics.iter().filter(|d| !d.contains(": warning[") || report.strict).collect();
    let mut text = format!("{reason}\n");
    for line in failing.iter().take(OVERLAY_LINES) {
        text.push('\n');
        text.push_str(line);
    }
    if failing.len() > OVERLAY_LINES {
        text.push_str(&format!("\n… and {} more on stderr", failing.len() - OVERLAY_LINES));
    }
    text
}

fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(shared);
        std::thread::spawn(move || handle(&stream, &shared));
    }
}

fn handle(stream: &TcpStream, shared: &Shared) {
    let request = match http::read_request(stream) {
        http::Incoming::Request(request) => request,
        http::Incoming::Malformed => {
            let _ = http::write_response(stream, &Response::text(400, "bad request\n"), false);
            return;
        }
        http::Incoming::Nothing => return,
    };
    let response = respond(shared, &request);
    // A page closed mid-answer (a reload) is not worth a line.
    let _ = http::write_response(stream, &response, request.is_head());
}

fn respond(shared: &Shared, request: &Request) -> Response {
    if request.method != "GET" && request.method != "HEAD" {
        return Response::text(405, "site-gen serve answers GET and HEAD only\n");
    }
    if let Some(answer) = shared.live.answer(request) {
        return answer;
    }
    let _reading = shared.site.read().unwrap_or_else(PoisonError::into_inner);
    let build = shared.live.current().build;
    match http::resolve(&shared.out, request.path()) {
        Resolved::File(path) => match std::fs::read(&path) {
            Ok(bytes) => {
                let kind = http::content_type(&path);
                let body =
                    if kind.starts_with("text/html") { live::inject(bytes, build) } else { bytes };
                Response::new(200, kind, body)
            }
            Err(_) => not_found(shared, build),
        },
        Resolved::Folder(location) => Response {
            location: Some(location),
            ..Response::text(301, "moved to the folder's index\n")
        },
        Resolved::Missing => not_found(shared, build),
    }
}

/// The site's own 404 page (with the live script: a page that does not exist yet appears when
/// the build that makes it lands), or a line of text before the first good build.
fn not_found(shared: &Shared, build: u64) -> Response {
    match std::fs::read(shared.out.join("404.html")) {
        Ok(page) => Response::new(404, "text/html; charset=utf-8", live::inject(page, build)),
        Err(_) => Response::new(
            404,
            "text/html; charset=utf-8",
            live::inject(b"<!doctype html><title>Not found</title><body><p>Not found (no site built yet).</p></body>".to_vec(), build),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `up_to_date` reads the build's first phase by name: if `build::build` renames it, a save
    /// of unchanged bytes would reload every open page, and this fails first.
    #[test]
    fn a_build_with_nothing_changed_is_told_apart() {
        let root =
            std::env::temp_dir().join(format!("site-gen-serve-up-to-date-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut config = Config::new(fixtures.join("tests/fixtures/site"), root.join("dist"));
        config.public = fixtures.join("../public");
        config.bundle = false;
        let first = crate::build::build(&config).expect("builds");
        assert!(!first.failed, "{:#?}", first.diagnostics);
        assert!(!up_to_date(&first));
        assert!(up_to_date(&crate::build::build(&config).expect("builds again")));
        let failed = BuildReport { errors: 1, failed: true, ..BuildReport::default() };
        let text = overlay_text(
            &BuildReport {
                diagnostics: vec![
                    "content/a.md:3:1: warning[port-unread]: …".into(),
                    "content/a.md:1:1: error[front-matter-unclosed]: …".into(),
                ],
                ..failed
            },
            "1 extraction error(s)",
        );
        assert_eq!(
            text,
            "1 extraction error(s)\n\ncontent/a.md:1:1: error[front-matter-unclosed]: …"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
