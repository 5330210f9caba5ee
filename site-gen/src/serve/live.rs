//! Live reload and the error overlay, served beside the site and never written into it.
//!
//! Why script-tag long-polling and not server-sent events: the checker page's CSP says
//! `connect-src 'none'`, which forbids EventSource and fetch, but allows `script-src 'self'`.
//! So each served HTML page gets one `<script src="/__portolan/live.js?build=N">`; that script
//! adds `<script src="/__portolan/wait.js?since=N">`, which the server holds until the build
//! number changes (or `HOLD` passes) and answers with a call carrying the new state. A good
//! build reloads the page; a failed one shows its errors over the page (text nodes, styled by
//! `/__portolan/live.css`: no inline script or style for the CSP to refuse).

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::http::{Request, Response};

/// Longest a `wait.js` request is held before it is answered unchanged (and asked again).
pub const HOLD: Duration = Duration::from_secs(25);

pub const PREFIX: &str = "/__portolan/";

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");

/// What the open pages are told: the number of the last build tried, and its errors when it
/// failed (the pages then still show the last good build's files).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub build: u64,
    pub error: Option<String>,
}

/// The state shared by the builder (which sets it) and the connections (which wait on it).
#[derive(Debug, Default)]
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    pub fn current(&self) -> State {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// A build finished: `error` is `None` when it succeeded. Wakes every waiting page.
    pub fn publish(&self, error: Option<String>) -> u64 {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.build += 1;
        state.error = error;
        self.changed.notify_all();
        state.build
    }

    /// The state once its build number is not `since`, or as it is after `hold`.
    pub fn wait(&self, since: u64, hold: Duration) -> State {
        let deadline = Instant::now() + hold;
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while state.build == since {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            state =
                self.changed.wait_timeout(state, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        state.clone()
    }

    /// The answer to a request under `PREFIX`, `None` for any other path.
    pub fn answer(&self, request: &Request) -> Option<Response> {
        let name = request.path().strip_prefix(PREFIX)?;
        Some(match name {
            "live.js" => Response::new(200, "text/javascript; charset=utf-8", LIVE_JS),
            "live.css" => Response::new(200, "text/css; charset=utf-8", LIVE_CSS),
            "wait.js" => {
                let since = request.query("since").and_then(|s| s.parse().ok()).unwrap_or(0);
                // `now=1`: a page just loaded asks how things stand (a build may have landed
                // since it was sent, or the build may be broken), then polls.
                let now = request.query("now") == Some("1") || request.is_head();
                let state = self.wait(since, if now { Duration::ZERO } else { HOLD });
                Response::new(200, "text/javascript; charset=utf-8", wait_script(&state))
            }
            _ => Response::text(404, "no such live-reload file\n"),
        })
    }
}

/// `window.__portolanLive({"build":N,"error":…})`: the state as a script the page runs.
fn wait_script(state: &State) -> String {
    let json = serde_json::json!({ "build": state.build, "error": state.error });
    format!("window.__portolanLive && window.__portolanLive({json});\n")
}

/// The served copy of an HTML page: the live script before its last `</body>` (or at the end).
pub fn inject(html: Vec<u8>, build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{PREFIX}live.js?build={build}\"></script>");
    let at =
        html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let (before, after) = html.split_at(at);
    [before, tag.as_bytes(), after].concat()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn the_live_script_goes_before_the_body_end() {
        let html = inject(b"<html><body><p>x</p></BODY></html>".to_vec(), 7);
        assert_eq!(
            String::from_utf8(html).expect("utf-8"),
            "<html><body><p>x</p><script src=\"/__portolan/live.js?build=7\"></script></BODY></html>"
        );
        let fragment = inject(b"<p>no body</p>".to_vec(), 1);
        assert!(
            fragment
                .ends_with(b"<p>no body</p><script src=\"/__portolan/live.js?build=1\"></script>")
        );
    }

    #[test]
    fn a_waiting_page_is_woken_by_the_next_build() {
        let live = Arc::new(Live::default());
        live.publish(None);
        let waiter = {
            let live = Arc::clone(&live);
            std::thread::spawn(move || live.wait(1, Duration::from_secs(20)))
        };
        std::thread::sleep(Duration::from_millis(50));
        live.publish(Some("content/a.md:1:1: error[front-matter-unclosed]: …".into()));
        let state = waiter.join().expect("joins");
        assert_eq!(state.build, 2);
        assert!(state.error.expect("the error").contains("a.md:1:1"));
    }

    #[test]
    fn a_page_is_held_until_the_build_changes_or_the_hold_ends() {
        let live = Live::default();
        live.publish(None);
        let started = Instant::now();
        assert_eq!(live.wait(1, Duration::from_millis(80)).build, 1);
        assert!(started.elapsed() >= Duration::from_millis(80));
        // A page from another build: at once.
        assert_eq!(live.wait(0, Duration::from_secs(20)).build, 1);
        live.publish(Some("broken".into()));
        assert_eq!(live.wait(1, Duration::from_secs(20)).error.as_deref(), Some("broken"));
    }

    #[test]
    fn a_page_just_loaded_is_told_the_state_at_once() {
        let live = Live::default();
        live.publish(Some("content/a.md:1:1: error".into()));
        let ask = |target: &str| {
            let request = Request { method: "GET".into(), target: target.into() };
            let started = Instant::now();
            let answer = live.answer(&request).expect("a live file");
            (String::from_utf8(answer.body).expect("utf-8"), started.elapsed())
        };
        let (told, took) = ask("/__portolan/wait.js?since=1&now=1&t=5");
        assert!(told.contains("a.md:1:1") && took < Duration::from_secs(5), "{told}");
        assert_eq!(ask("/__portolan/nothing.js").0, "no such live-reload file\n");
        assert!(
            live.answer(&Request { method: "GET".into(), target: "/index.html".into() }).is_none()
        );
    }

    #[test]
    fn the_state_is_a_script_call_with_the_error_as_json() {
        let script = wait_script(&State { build: 3, error: Some("a \"quoted\" </script>".into()) });
        assert_eq!(
            script,
            "window.__portolanLive && window.__portolanLive({\"build\":3,\"error\":\"a \\\"quoted\\\" </script>\"});\n"
        );
    }
}
