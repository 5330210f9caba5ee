//! The "Explain a connection" form: from (host, zone or address), to, port → the engine's
//! answer (allowed or denied, by which rule, which requirements need it, which planned flow
//! carries it; `answer` renders it). Once asked, the answer follows every new check, so it
//! stays true while the topology or a host file is edited.

use crate::message::{Request, key};
use crate::state::Page;
use crate::{client, dom, ids, message};

/// Asks the engine about the connection the form describes.
pub fn ask() {
    let value = |id: &str| {
        dom::by_id::<web_sys::HtmlInputElement>(id).map(|i| i.value()).unwrap_or_default()
    };
    let request = message::object();
    message::set(&request, key::FROM, value(ids::EXPLAIN_FROM));
    message::set(&request, key::TO, value(ids::EXPLAIN_TO));
    message::set(&request, key::PORT, value(ids::EXPLAIN_PORT));
    dom::set_attr(ids::EXPLAIN_OUT, "aria-busy", "true");
    client::request(Request::Explain, &request, |reply| {
        let (html, verdict) = match client::error(&reply) {
            Some(e) => (crate::answer::problem(&e), "invalid".to_owned()),
            None => {
                (message::string(&reply, key::EXPLAIN_HTML), message::string(&reply, key::VERDICT))
            }
        };
        dom::set_html(ids::EXPLAIN_OUT, &html);
        dom::set_attr(ids::EXPLAIN_OUT, "data-verdict", &verdict);
        dom::set_attr(ids::EXPLAIN_OUT, "aria-busy", "false");
    });
}

/// After a new check (not the one `drawn`): the names the form offers, and the answer again.
pub fn draw(p: &Page, drawn: Option<u32>) {
    let o = &p.outcome;
    if drawn == Some(o.id) {
        return;
    }
    let mut names = String::new();
    for name in o.host_names.iter().chain(&o.zone_names) {
        names.push_str("<option value=\"");
        names.push_str(&portolan_core::text::html_text(name));
        names.push_str("\">");
    }
    dom::set_html(ids::EXPLAIN_NAMES, &names);
    let asked = dom::element(ids::EXPLAIN_OUT).is_some_and(|out| out.has_attribute("data-verdict"));
    if asked && drawn.is_some() {
        ask();
    }
}
