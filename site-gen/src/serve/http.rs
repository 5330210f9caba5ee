//! The smallest HTTP/1.1 a local preview needs, over `std::net`: GET and HEAD of files under the
//! output folder, one request per connection (`Connection: close`). A crate (tiny_http, hyper)
//! would bring a dozen dependencies for what is a request line, a blank line and a file.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// The request line and headers together may not be longer (a browser's are a few hundred bytes).
const MAX_HEAD: u64 = 16 * 1024;

/// What a client asked for: the method and the path of its target, query and all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub target: String,
}

impl Request {
    /// The path part of the target (no query, no fragment), as sent (still percent-encoded).
    pub fn path(&self) -> &str {
        self.target.split(['?', '#']).next().unwrap_or("/")
    }

    /// The value of `key` in the target's query (`?since=3&now=1`), as sent.
    pub fn query(&self, key: &str) -> Option<&str> {
        let (_, query) = self.target.split_once('?')?;
        query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k == key).then_some(v)
        })
    }

    pub fn is_head(&self) -> bool {
        self.method == "HEAD"
    }
}

/// An answer, written by `write_response`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// `Location` of a redirect (a folder asked for without its trailing slash).
    pub location: Option<String>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Self { status, content_type, body: body.into(), location: None }
    }

    pub fn text(status: u16, body: &str) -> Self {
        Self::new(status, "text/plain; charset=utf-8", body.as_bytes())
    }
}

/// What came in on a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    Request(Request),
    /// Bytes that are not an HTTP/1.x request line: answered 400.
    Malformed,
    /// Nothing (the client closed, or a browser's spare connection idled out): no answer.
    Nothing,
}

/// Reads the request line and the headers (ignored: nothing here depends on them).
pub fn read_request(stream: &TcpStream) -> Incoming {
    let Some(clone) = stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .and_then(|()| stream.try_clone())
        .ok()
    else {
        return Incoming::Nothing;
    };
    let mut reader = BufReader::new(clone.take(MAX_HEAD));
    let mut line = String::new();
    match reader.read_line(&mut line) {
        Ok(1..) => {}
        Ok(0) | Err(_) => return Incoming::Nothing,
    }
    let mut header = String::new();
    loop {
        header.clear();
        // A head longer than MAX_HEAD ends as a read of 0 bytes: answered as what it asked for
        // so far, which is at most a file.
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header.trim_end().is_empty() => break,
            Ok(_) => {}
        }
    }
    parse_request_line(&line).map_or(Incoming::Malformed, Incoming::Request)
}

fn parse_request_line(line: &str) -> Option<Request> {
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let mut target = parts.next()?.to_owned();
    if !parts.next()?.starts_with("HTTP/1.") {
        return None;
    }
    // The absolute form (`GET http://host/path`) a proxy would send.
    if let Some(rest) = target.strip_prefix("http://").or_else(|| target.strip_prefix("https://")) {
        target = rest.find('/').map_or_else(|| "/".to_owned(), |at| rest[at..].to_owned());
    }
    Some(Request { method, target })
}

pub fn write_response(
    mut stream: &TcpStream,
    response: &Response,
    head_only: bool,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    if response.status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// What a URL path names inside `root`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without the trailing slash: its relative links need one.
    Folder(String),
    /// Outside `root`, undecodable, or nothing there.
    Missing,
}

/// The file a URL path names inside `root`: percent-decoded; any `..`, root or prefix part
/// refused before touching the disk, and a symbolic link leading out of `root` refused after;
/// a folder served by its `index.html`.
pub fn resolve(root: &Path, url_path: &str) -> Resolved {
    let Some(decoded) = percent_decode(url_path) else { return Resolved::Missing };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Resolved::Missing;
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Resolved::Missing;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Folder(format!("{url_path}/"));
        }
        file.push("index.html");
    }
    match (file.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(root)) if real.starts_with(&root) && real.is_file() => Resolved::File(real),
        _ => Resolved::Missing,
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(byte);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a file by its extension. `.gz` is the file itself (the offline bundle
/// is downloaded as a gzip file), never `Content-Encoding`.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "gz" | "tgz" => "application/gzip",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "yaml" | "yml" => "application/yaml",
        "zip" => "application/zip",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> PathBuf {
        let root = std::env::temp_dir().join(format!("site-gen-serve-http-{}", std::process::id()));
        let out = root.join("dist");
        std::fs::create_dir_all(out.join("ports")).expect("mkdir");
        std::fs::write(out.join("ports/index.html"), "ports").expect("write");
        std::fs::write(out.join("ports/443.html"), "443").expect("write");
        std::fs::write(root.join("secret.txt"), "secret").expect("write");
        out
    }

    #[test]
    fn paths_outside_the_output_are_refused() {
        let out = site();
        let real = out.canonicalize().expect("real");
        assert_eq!(resolve(&out, "/ports/443.html"), Resolved::File(real.join("ports/443.html")));
        assert_eq!(resolve(&out, "/ports/"), Resolved::File(real.join("ports/index.html")));
        assert_eq!(resolve(&out, "/ports"), Resolved::Folder("/ports/".into()));
        for path in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/ports/%2E%2E/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/ports/..%5c..%5csecret.txt",
            "/%00",
            "/%zz",
            "/%",
            "/nothing.html",
        ] {
            assert_eq!(resolve(&out, path), Resolved::Missing, "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_output_is_refused() {
        let out = site();
        let link = out.join("escape.txt");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(out.join("../secret.txt"), &link).expect("symlink");
        assert_eq!(resolve(&out, "/escape.txt"), Resolved::Missing);
    }

    #[test]
    fn request_lines_are_read_in_origin_and_absolute_form() {
        let request = parse_request_line("GET /a/b.html?since=3&now=1 HTTP/1.1\r\n");
        let request = request.expect("a request");
        assert_eq!((request.method.as_str(), request.path()), ("GET", "/a/b.html"));
        assert_eq!((request.query("since"), request.query("now")), (Some("3"), Some("1")));
        assert_eq!(request.query("build"), None);
        let absolute = parse_request_line("HEAD http://127.0.0.1:8000/x.css HTTP/1.1");
        assert_eq!(absolute.expect("a request").target, "/x.css");
        assert_eq!(parse_request_line("GET /\r\n"), None);
        assert_eq!(parse_request_line("hello\r\n"), None);
    }

    #[test]
    fn content_types_of_what_the_site_ships() {
        for (name, kind) in [
            ("index.html", "text/html; charset=utf-8"),
            ("assets/checker.js", "text/javascript; charset=utf-8"),
            ("catalog.json", "application/json"),
            ("ports.csv", "text/csv; charset=utf-8"),
            ("portolan-site.tar.gz", "application/gzip"),
            ("checker_bg.wasm", "application/wasm"),
            ("favicon.svg", "image/svg+xml"),
            ("assets/site.CSS", "text/css; charset=utf-8"),
            ("LICENSE", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), kind, "{name}");
        }
    }
}
