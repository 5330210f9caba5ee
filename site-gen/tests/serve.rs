//! `site-gen serve` end to end: the binary on an ephemeral port, over real HTTP. A page is
//! served with the live script (and the output on disk is a `site-gen build`'s, byte for byte),
//! an edit saved as editors save (a temporary file renamed over the document) is rebuilt and
//! announced to a waiting page, a broken document is shown as an overlay while the last good
//! build stays served, nothing outside the output folder is reachable, and Ctrl-C stops it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh folder with the fixture documents in `content/` and a `public/` holding files of
/// the types the site serves; the output goes to `dist/`.
fn workspace(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content")).expect("mkdir content");
    std::fs::create_dir_all(root.join("public")).expect("mkdir public");
    for doc in ["alpha.md", "beta.md"] {
        std::fs::copy(here().join("tests/fixtures/site").join(doc), root.join("content").join(doc))
            .expect("copy a fixture");
    }
    std::fs::copy(here().join("../public/favicon.svg"), root.join("public/favicon.svg"))
        .expect("copy the favicon the pages link to");
    std::fs::write(root.join("public/module.wasm"), b"\0asm\x01\0\0\0").expect("write");
    std::fs::write(root.join("public/sample.csv"), "port,protocol\n443,tcp\n").expect("write");
    std::fs::write(root.join("secret.txt"), "not for the browser").expect("write");
    root
}

/// The arguments of a build of `root` into `out`, shared by `serve` and `build`.
fn build_args(root: &Path, out: &str) -> Vec<String> {
    let path = |p: &str| root.join(p).display().to_string();
    vec![
        "--content".into(),
        path("content"),
        "--public".into(),
        path("public"),
        "--out".into(),
        path(out),
    ]
}

/// How long a test waits for a line serve writes (generous: the machine may be loaded).
const STDERR_DEADLINE: Duration = Duration::from_secs(60);
/// How long a test waits for the build after a save (several of serve's 25 s holds).
const BUILD_DEADLINE: Duration = Duration::from_secs(120);

struct Server {
    child: Child,
    address: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_site-gen"))
            .arg("serve")
            .args(build_args(root, "dist"))
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("site-gen serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("stderr");
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n @ 1..) = pipe.read(&mut buffer) {
                let text = String::from_utf8_lossy(buffer.get(..n).unwrap_or_default());
                collected.lock().unwrap_or_else(PoisonError::into_inner).push_str(&text);
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("reads");
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| {
                panic!("no address in {line:?}; stderr: {}", stderr.lock().expect("lock"))
            });
        Self { child, address, stderr }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The stderr collected so far, once `holds` is true of it. Serve writes a build's lines
    /// before it tells the pages, but the thread collecting them can lag behind the answer a
    /// test just had, so a test waits for them (a missing line still fails, at the deadline).
    fn stderr_once(&self, what: &str, holds: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + STDERR_DEADLINE;
        loop {
            let text = self.stderr();
            if holds(&text) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "no {what} on stderr within {STDERR_DEADLINE:?}: {text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn raw(&self, request: &str) -> Response {
        send(self.address, request)
    }

    fn get(&self, target: &str) -> Response {
        get(self.address, target)
    }

    fn next_build(&self, since: u64) -> String {
        next_build(self.address, since)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `request` as written (so paths an HTTP client would tidy up reach the server).
fn send(address: SocketAddr, request: &str) -> Response {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    stream.write_all(request.as_bytes()).expect("sends");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("reads the answer");
    let at = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
    let head = String::from_utf8_lossy(&bytes[..at]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
    Response { status, head, body: bytes[at + 4..].to_vec() }
}

fn get(address: SocketAddr, target: &str) -> Response {
    send(address, &format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n"))
}

/// What a page's poll for the build after `since` is answered with. Serve holds a poll for
/// `HOLD` (25 s) and then answers with the same build, as a page is told to ask again; a loaded
/// machine can take that long, so the test asks again too, up to a generous deadline.
fn next_build(address: SocketAddr, since: u64) -> String {
    let deadline = Instant::now() + BUILD_DEADLINE;
    loop {
        let asked = Instant::now();
        let told = get(address, &format!("/__portolan/wait.js?since={since}")).text();
        if !told.contains(&format!("{{\"build\":{since},")) {
            return told;
        }
        // Answered with the same build: only after a hold, or the pages would poll hot.
        assert!(asked.elapsed() >= Duration::from_secs(20), "the poll was not held: {told}");
        assert!(Instant::now() < deadline, "no build after {since} within {BUILD_DEADLINE:?}");
    }
}

struct Response {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then_some(value.trim())
        })
    }
}

/// Saves as editors do: the new text to a temporary file beside the document, renamed over it.
fn save(path: &Path, text: &str) {
    let temporary = path.with_extension("md.tmp");
    std::fs::write(&temporary, text).expect("write the temporary file");
    std::fs::rename(&temporary, path).expect("rename over the document");
}

/// The (rendered, of all) page counts of each "built in" line serve wrote, in order.
fn rendered(stderr: &str) -> Vec<(u32, u32)> {
    stderr
        .lines()
        .filter_map(|line| line.split(" ms (").nth(1)?.split(" pages rendered").next())
        .filter_map(|counts| counts.split_once(" of "))
        .filter_map(|(made, all)| Some((made.parse().ok()?, all.parse().ok()?)))
        .collect()
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    site_gen::tree::read_tree(dir).expect("read a built site")
}

#[test]
fn serve_rebuilds_an_edited_page_and_tells_the_open_pages() {
    let root = workspace("serve-edit");
    let server = Server::start(&root);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(home.text().contains("<script src=\"/__portolan/live.js?build=1\"></script></body>"));
    let on_disk = std::fs::read_to_string(root.join("dist/index.html")).expect("index.html");
    assert!(!on_disk.contains("__portolan"), "the live script was written into the output");
    assert_eq!(home.header("content-length"), Some(home.body.len().to_string().as_str()));

    // The output is what `site-gen build` writes with the same options.
    let built = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .arg("build")
        .args(build_args(&root, "built"))
        .output()
        .expect("site-gen build runs");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    assert!(
        files(&root.join("dist")) == files(&root.join("built")),
        "serve's output differs from build's"
    );

    for (path, kind) in [
        ("/assets/site.js", "text/javascript; charset=utf-8"),
        ("/assets/site.css", "text/css; charset=utf-8"),
        ("/schemas/topology.schema.json", "application/json"),
        ("/sample.csv", "text/csv; charset=utf-8"),
        ("/portolan-site.tar.gz", "application/gzip"),
        ("/module.wasm", "application/wasm"),
        ("/__portolan/live.js", "text/javascript; charset=utf-8"),
    ] {
        let response = server.get(path);
        assert_eq!((response.status, response.header("content-type")), (200, Some(kind)), "{path}");
    }
    let bundle = server.get("/portolan-site.tar.gz");
    assert_eq!(bundle.body, std::fs::read(root.join("dist/portolan-site.tar.gz")).expect("bundle"));
    assert_eq!(bundle.header("content-encoding"), None, "the bundle is downloaded as a file");
    let head = server.raw("HEAD /index.html HTTP/1.1\r\n\r\n");
    assert_eq!((head.status, head.body.len()), (200, 0));

    // A page waiting for the next build; then the edit.
    let waiting = {
        let address = server.address;
        std::thread::spawn(move || (next_build(address, 1), Instant::now()))
    };
    std::thread::sleep(Duration::from_millis(300));
    let alpha = root.join("content/alpha.md");
    let text = std::fs::read_to_string(&alpha).expect("alpha.md");
    assert!(text.contains("title: \"Alpha Platform\""), "the fixture's title moved");
    // Compared with the answer's instant, not with a duration the (maybe late) thread measured.
    let saved = Instant::now();
    save(
        &alpha,
        &text.replace("title: \"Alpha Platform\"", "title: \"Alpha Platform, edited live\""),
    );
    let (told, answered) = waiting.join().expect("the waiting page");
    assert_eq!(
        told.trim(),
        "window.__portolanLive && window.__portolanLive({\"build\":2,\"error\":null});"
    );
    assert!(answered >= saved, "answered before the edit: {told}");
    let page = server.get("/platforms/alpha.html");
    assert!(page.text().contains("Alpha Platform, edited live"), "the page was not rebuilt");
    assert!(page.text().contains("live.js?build=2"));

    // The first save after starting on a fresh folder is already incremental (serve's first
    // build keeps the caches), and ends as a clean build of the edited documents.
    let stderr = server.stderr_once("second build's line", |text| rendered(text).len() >= 2);
    let rendered = rendered(&stderr);
    assert!(
        matches!(rendered.as_slice(), [(a, b), (c, d)] if a == b && c < d),
        "{rendered:?}: {stderr}"
    );
    // A clean build: no output, no caches.
    let _ = std::fs::remove_dir_all(root.join("built"));
    let _ = std::fs::remove_dir_all(site_gen::cache::dir_of(&root.join("built")));
    let built = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .arg("build")
        .args(build_args(&root, "built"))
        .output()
        .expect("site-gen build runs");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    assert!(files(&root.join("dist")) == files(&root.join("built")), "the edit's output differs");
}

#[test]
fn a_broken_document_is_shown_over_the_pages_until_it_is_mended() {
    let root = workspace("serve-broken");
    let mut server = Server::start(&root);
    assert_eq!(server.get("/").status, 200);
    let alpha = root.join("content/alpha.md");
    let good = std::fs::read_to_string(&alpha).expect("alpha.md");
    // Front matter that is never closed: an extraction error at line 1, column 1.
    save(
        &alpha,
        "---\ntitle: \"Alpha Platform\"\nplatform: alpha\n\n| Port | Protocol |\n| 443 | TCP |\n",
    );
    let told = server.next_build(1);
    assert!(told.contains("\"build\":2"), "{told}");
    let error = "alpha.md:1:1: error[front-matter-unclosed]";
    assert!(told.contains(error), "{told}");
    server.stderr_once(error, |text| text.contains(error));
    // Still serving the last good build; a page opened now shows the error at once.
    let page = server.get("/platforms/alpha.html");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Alpha Platform") && page.text().contains("live.js?build=2"));
    let first = server.get("/__portolan/wait.js?since=2&now=1").text();
    assert!(first.contains("front-matter-unclosed"), "{first}");
    let script = server.get("/__portolan/live.js").text();
    assert!(script.contains("portolan-live-overlay") && script.contains("textContent = error"));
    assert_eq!(
        server.get("/__portolan/live.css").header("content-type"),
        Some("text/css; charset=utf-8")
    );

    save(&alpha, &good);
    let told = server.next_build(2);
    assert_eq!(
        told.trim(),
        "window.__portolanLive && window.__portolanLive({\"build\":3,\"error\":null});"
    );

    // Ctrl-C (SIGINT) stops it cleanly.
    let pid = server.child.id().to_string();
    let signalled = Command::new("kill").args(["-INT", &pid]).status().expect("kill runs");
    assert!(signalled.success());
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let stopped = "site-gen serve: stopped";
    server.stderr_once(stopped, |text| text.contains(stopped));
}

#[test]
fn nothing_outside_the_output_is_served_and_missing_pages_are_the_404_page() {
    let root = workspace("serve-paths");
    let server = Server::start(&root);
    assert_eq!(server.get("/").status, 200);
    let not_found = std::fs::read_to_string(root.join("dist/404.html")).expect("404.html");
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/platforms/%2E%2E/%2E%2E/secret.txt",
        "/..%2f..%2fsecret.txt",
        "/platforms/..%5c..%5csecret.txt",
        "//../secret.txt",
        "http://localhost/../secret.txt",
        "/no-such-page.html",
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 404, "{target}");
        assert!(!response.text().contains("not for the browser"), "{target} escaped the output");
        assert_eq!(response.header("content-type"), Some("text/html; charset=utf-8"));
        assert!(
            response.text().starts_with(not_found.split("</body>").next().expect("a page")),
            "{target}: not the site's 404 page"
        );
    }
    let folder = server.get("/platforms");
    assert_eq!((folder.status, folder.header("location")), (301, Some("/platforms/")));
    assert_eq!(server.raw("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").status, 405);
    assert_eq!(server.raw("nonsense\r\n\r\n").status, 400);
}

/// A first build that fails still leaves a server: the 404 answer carries the live script and
/// the error, and the first good save brings the site.
#[test]
fn a_first_build_that_fails_still_serves_and_the_fix_brings_the_site() {
    let root = workspace("serve-first-broken");
    let alpha = root.join("content/alpha.md");
    let good = std::fs::read_to_string(&alpha).expect("alpha.md");
    std::fs::write(&alpha, "+++\ntitle = \"Alpha\"\n\n| Port |\n| 443 |\n").expect("write");
    let server = Server::start(&root);
    let home = server.get("/");
    assert_eq!(home.status, 404);
    assert!(home.text().contains("live.js?build=1"), "{}", home.text());
    let told = server.get("/__portolan/wait.js?since=1&now=1").text();
    assert!(told.contains("alpha.md:1:1: error[front-matter-unclosed]"), "{told}");
    save(&alpha, &good);
    assert!(server.next_build(1).contains("\"build\":2,\"error\":null"));
    assert_eq!(server.get("/").status, 200);
}
