//! `cargo xtask serve`: the writers' and the checker's dev loop. Builds the site as `cargo xtask
//! site` does, serves `dist/` on localhost, watches the sources and rebuilds on change, and
//! reloads open pages when a rebuild lands.
//!
//! Live reload without weakening the pages: the site's CSP forbids `connect-src` and inline
//! scripts, so the served HTML gets one `<script src="/__portolan/reload.js">` (allowed by
//! `script-src 'self'`), which re-adds `/__portolan/build.js` every second; that script compares
//! the build number it carries with the one the page was loaded with and reloads on a change.
//! Nothing of this is written into `dist/`: the published site is unchanged.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

use crate::site;

pub struct Options {
    /// 0 picks a free port.
    pub port: u16,
    /// Serve the `dist/` that is there; rebuild only when a source changes.
    pub no_build: bool,
}

/// The folders whose files trigger a rebuild: what the writers edit, then the Rust sources.
/// A change under `WRITTEN` only reruns the built site-gen (incremental: a one-document edit
/// rewrites the files it changes); a Rust change goes through cargo (`site::run`, which
/// rebuilds the checker's wasm only when its Rust changed). `examples/` is compiled into the
/// checker, so it counts as Rust.
const WRITTEN: &[&str] = &["content", "themes", "public"];
const RUST: &[&str] = &["core/src", "checker-wasm/src", "site-gen/src", "examples"];

const RELOAD_JS: &str = "\
(function () {
  var loaded = null;
  window.__portolanBuild = function (n) {
    if (loaded === null) loaded = n; else if (n !== loaded) location.reload();
  };
  function poll() {
    var s = document.createElement('script');
    s.src = '/__portolan/build.js?' + Date.now();
    s.onload = s.onerror = function () { s.remove(); };
    document.head.appendChild(s);
  }
  poll();
  setInterval(poll, 1000);
})();
";

pub fn run(root: &Path, opts: &Options) -> Result<()> {
    let dist = root.join(site::DIST);
    let dev = site::Options { strict: false, setup: false, dev_site_gen: true };
    if !opts.no_build || !dist.join("index.html").is_file() {
        site::run(root, &site::Options { setup: true, ..dev })?;
    }
    let listener = TcpListener::bind(("127.0.0.1", opts.port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", opts.port))?;
    let address = listener.local_addr().context("listening address")?;
    // The line tests and scripts wait for: keep its shape.
    println!("xtask serve: serving {} on http://{address}/ (Ctrl+C stops)", dist.display());
    let build = Arc::new(AtomicU64::new(1));
    {
        let dist = dist.clone();
        let build = Arc::clone(&build);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let dist = dist.clone();
                let build = Arc::clone(&build);
                std::thread::spawn(move || {
                    // A client that goes away mid-answer is not an error worth a line.
                    let _ = answer(stream, &dist, build.load(Ordering::Relaxed));
                });
            }
        });
    }
    let mut seen = (newest_change(root, WRITTEN), newest_change(root, RUST));
    loop {
        std::thread::sleep(Duration::from_millis(400));
        let now = (newest_change(root, WRITTEN), newest_change(root, RUST));
        if now.0 <= seen.0 && now.1 <= seen.1 {
            continue;
        }
        // Let an editor finish writing (several files, or write-then-rename).
        std::thread::sleep(Duration::from_millis(200));
        let rust_changed = newest_change(root, RUST) > seen.1;
        seen = (newest_change(root, WRITTEN), newest_change(root, RUST));
        eprintln!("xtask serve: change seen, rebuilding");
        let rebuilt = if rust_changed { site::run(root, &dev) } else { site::rerun(root, &dev) };
        match rebuilt {
            Ok(()) => {
                let n = build.fetch_add(1, Ordering::Relaxed) + 1;
                eprintln!("xtask serve: build {n} served; open pages reload");
            }
            // A broken edit keeps the last good site served; the error says what to mend.
            Err(e) => eprintln!("xtask serve: rebuild failed, still serving the last build: {e:#}"),
        }
    }
}

/// The newest modification time under the watched folders (polling: no watcher dependency,
/// and a few thousand `stat`s every 400 ms cost nothing next to a rebuild).
fn newest_change(root: &Path, folders: &[&str]) -> SystemTime {
    let mut newest = SystemTime::UNIX_EPOCH;
    let mut stack: Vec<PathBuf> = folders.iter().map(|d| root.join(d)).collect();
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if let Ok(modified) = meta.modified() {
            newest = newest.max(modified);
        }
        if meta.is_dir()
            && let Ok(entries) = std::fs::read_dir(&path)
        {
            stack.extend(entries.flatten().map(|e| e.path()));
        }
    }
    newest
}

fn answer(stream: TcpStream, dist: &Path, build: u64) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.by_ref().take(8192).read_line(&mut request_line)?;
    // Headers are read and ignored: this server answers GET and HEAD of files only.
    let mut header = String::new();
    while reader.by_ref().take(8192).read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or("/");
    let (status, content_type, body) = if method != "GET" && method != "HEAD" {
        (405, "text/plain; charset=utf-8", b"only GET and HEAD\n".to_vec())
    } else {
        respond(dist, target, build)
    };
    let mut out = stream;
    write!(
        out,
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        reason(status),
        body.len()
    )?;
    if method != "HEAD" {
        out.write_all(&body)?;
    }
    out.flush()
}

/// Status, content type and body for a request target.
fn respond(dist: &Path, target: &str, build: u64) -> (u16, &'static str, Vec<u8>) {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match path {
        "/__portolan/reload.js" => {
            return (200, "text/javascript; charset=utf-8", RELOAD_JS.as_bytes().to_vec());
        }
        "/__portolan/build.js" => {
            let body = format!("window.__portolanBuild && window.__portolanBuild({build});\n");
            return (200, "text/javascript; charset=utf-8", body.into_bytes());
        }
        _ => {}
    }
    let Some(file) = resolve(dist, path) else {
        return not_found(dist);
    };
    match std::fs::read(&file) {
        Ok(bytes) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") { with_reload(bytes) } else { bytes };
            (200, kind, body)
        }
        Err(_) => not_found(dist),
    }
}

fn not_found(dist: &Path) -> (u16, &'static str, Vec<u8>) {
    match std::fs::read(dist.join("404.html")) {
        Ok(bytes) => (404, "text/html; charset=utf-8", with_reload(bytes)),
        Err(_) => (404, "text/plain; charset=utf-8", b"not found\n".to_vec()),
    }
}

/// The file a URL path names inside `dist`: percent-decoded, `..` and absolute parts refused,
/// a folder served by its `index.html`.
fn resolve(dist: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let file = dist.join(relative);
    if file.is_dir() { Some(file.join("index.html")) } else { Some(file) }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn with_reload(html: Vec<u8>) -> Vec<u8> {
    const TAG: &[u8] = b"<script src=\"/__portolan/reload.js\"></script>";
    let at =
        html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(TAG);
    out.extend_from_slice(&html[at..]);
    out
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "wasm" => "application/wasm",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_dist_are_refused() {
        let dist = Path::new("/srv/dist");
        assert_eq!(resolve(dist, "/ports/443.html"), Some(dist.join("ports/443.html")));
        assert_eq!(resolve(dist, "/../etc/passwd"), None);
        assert_eq!(resolve(dist, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(dist, "/a/%2E%2E/%2E%2E/b"), None);
        assert_eq!(resolve(dist, "/%zz"), None);
    }

    #[test]
    fn reload_script_goes_before_the_body_end() {
        let html = with_reload(b"<html><body><p>x</p></BODY></html>".to_vec());
        let html = String::from_utf8(html).expect("utf-8");
        assert_eq!(
            html,
            "<html><body><p>x</p><script src=\"/__portolan/reload.js\"></script></BODY></html>"
        );
    }

    #[test]
    fn build_number_is_served_as_a_script() {
        let (status, kind, body) = respond(Path::new("/nonexistent"), "/__portolan/build.js?1", 7);
        assert_eq!((status, kind), (200, "text/javascript; charset=utf-8"));
        assert_eq!(body, b"window.__portolanBuild && window.__portolanBuild(7);\n");
    }
}
