//! Markdown → HTML for platform pages. A small writer over pulldown-cmark's events, so that it
//! can give table rows and list items their requirement anchors, link port cells to port
//! pages, add fact badges, render `:::info` admonitions as call-outs and drop `portolan:` pins.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use portolan_core::extract::DocumentBody;
use portolan_core::model::{Platform, PortRange, Requirement};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::util::{html_text_into, is_external, join_path, slugify};

/// A link written in a document, resolved to a root-relative target, for checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLink {
    /// File line of the link.
    pub line: u32,
    /// As written.
    pub raw: String,
    /// Root-relative page (`platforms/openlm.html`), or `None` when it names a `.md` file
    /// that is not a content document.
    pub page: Option<String>,
    pub fragment: Option<String>,
}

/// A link (or image) that leaves the content folder: a vendor page's link into its own site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideLink {
    /// File line of the link.
    pub line: u32,
    /// As written.
    pub raw: String,
    /// The vendor URL it now points to, or `None` when it became plain text.
    pub replaced_by: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub links: Vec<ContentLink>,
    /// Requirement anchors that no block of the document could carry.
    pub unplaced: Vec<String>,
    /// (level, id, text) of each heading.
    pub headings: Vec<(u8, String, String)>,
    /// Links that leave the content folder, each a warning.
    pub outside: Vec<OutsideLink>,
    /// What was read from each table and list (the page's "What was read" section).
    pub coverage: Vec<CoverageRow>,
    /// Peers the plan cannot place, listed under the coverage table.
    pub unplaced_peers: Vec<portolan_core::extract::UnresolvedPeer>,
}

/// One line of a platform page's "What was read from this document": a block's coverage with
/// display strings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CoverageRow {
    pub line: u32,
    pub kind: &'static str,
    /// `read`, `partial` or `skipped` (a CSS class).
    pub status: &'static str,
    pub status_label: &'static str,
    pub section: String,
    pub label: Option<String>,
    pub variant: Option<String>,
    pub headers: String,
    pub port_column: Option<String>,
    pub rows: usize,
    pub read: usize,
    pub requirements: usize,
    pub reason: Option<String>,
    pub assumptions: Vec<String>,
}

/// The coverage of a document as the platform page lists it.
pub fn coverage_rows(coverage: &portolan_core::extract::Coverage) -> Vec<CoverageRow> {
    use portolan_core::extract::Status;
    coverage
        .blocks
        .iter()
        .map(|b| CoverageRow {
            line: b.line,
            kind: b.kind.as_str(),
            status: match b.status {
                Status::Read => "read",
                Status::Partial => "partial",
                Status::Skipped => "skipped",
            },
            status_label: b.status.as_str(),
            section: b.section.clone(),
            label: b.label.clone(),
            variant: b.variant.clone(),
            headers: b.headers.join(" | "),
            port_column: b.port_column.clone(),
            rows: b.rows,
            read: b.read,
            requirements: b.requirements,
            reason: b.reason.clone(),
            assumptions: b.assumptions.clone(),
        })
        .collect()
}

pub struct RenderContext<'a> {
    pub body: &'a DocumentBody,
    /// The platform the document defines: its components settle what a row's peer names.
    pub platform: &'a Platform,
    /// This document's requirements.
    pub requirements: Vec<&'a Requirement>,
    /// Prefix from the platform page back to the site root (`../`).
    pub root: &'a str,
    /// Root-relative path of the page being rendered (`platforms/openlm.html`).
    pub page: &'a str,
    pub port_page_exists: &'a dyn Fn(PortRange) -> bool,
    /// Content document path → root-relative page.
    pub documents: &'a BTreeMap<String, String>,
    /// The document's source page (front matter `sources`), that links into the vendor's own
    /// site are resolved against.
    pub source_url: Option<&'a str>,
}

/// The markdown with admonitions turned into HTML blocks and pins removed, and for each of
/// its lines the file line it came from.
struct Prepared {
    text: String,
    line_of: Vec<u32>,
}

fn admonition_title(kind: &str) -> String {
    match kind {
        "note" => "Note".into(),
        "tip" => "Tip".into(),
        "info" => "Info".into(),
        "warning" | "caution" => "Warning".into(),
        "danger" => "Danger".into(),
        other => {
            let mut chars = other.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        }
    }
}

fn prepare(markdown: &str, first_line: u32) -> Prepared {
    let mut text = String::with_capacity(markdown.len() + 256);
    let mut line_of = Vec::new();
    let push = |text: &mut String, line_of: &mut Vec<u32>, line: &str, from: u32| {
        text.push_str(line);
        text.push('\n');
        line_of.push(from);
    };
    let mut fence: Option<String> = None;
    let mut open_admonitions = 0usize;
    let mut in_pin = false;
    for (i, line) in markdown.lines().enumerate() {
        let file_line = first_line + u32::try_from(i).unwrap_or(u32::MAX - first_line);
        let trimmed = line.trim();
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
            }
            push(&mut text, &mut line_of, line, file_line);
            continue;
        }
        if in_pin {
            in_pin = !trimmed.contains("-->");
            push(&mut text, &mut line_of, "", file_line);
            continue;
        }
        if let Some(label) = myst_target(trimmed) {
            // `(ece-inbound)=` labels the next heading (MyST): an anchor, not text.
            let span = format!("<span id=\"{}\"></span>", crate::util::html_text(label));
            push(&mut text, &mut line_of, &span, file_line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_owned());
            push(&mut text, &mut line_of, line, file_line);
            continue;
        }
        if trimmed.starts_with("<!--") && trimmed[4..].trim_start().starts_with("portolan:") {
            in_pin = !trimmed.contains("-->");
            push(&mut text, &mut line_of, "", file_line);
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix(":::") {
            let rest = rest.trim();
            if rest.is_empty() && open_admonitions > 0 {
                open_admonitions -= 1;
                for l in ["", "</aside>", ""] {
                    push(&mut text, &mut line_of, l, file_line);
                }
                continue;
            }
            let kind: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if !kind.is_empty() {
                let title =
                    rest[kind.len()..].trim().trim_start_matches('[').trim_end_matches(']').trim();
                let title = if title.is_empty() {
                    admonition_title(&kind.to_lowercase())
                } else {
                    title.to_owned()
                };
                let mut open = format!(
                    "<aside class=\"callout {}\"><p class=\"callout-title\">",
                    kind.to_lowercase()
                );
                html_text_into(&title, &mut open);
                open.push_str("</p>");
                open_admonitions += 1;
                push(&mut text, &mut line_of, "", file_line);
                push(&mut text, &mut line_of, &open, file_line);
                push(&mut text, &mut line_of, "", file_line);
                continue;
            }
        }
        push(&mut text, &mut line_of, line, file_line);
    }
    for _ in 0..open_admonitions {
        let last = line_of.last().copied().unwrap_or(first_line);
        push(&mut text, &mut line_of, "", last);
        push(&mut text, &mut line_of, "</aside>", last);
    }
    Prepared { text, line_of }
}

/// A heading's id as GitHub-style slug generators write it (Hugo, Docusaurus and MkDocs
/// agree): lowercase, punctuation dropped, each space a hyphen ("Worker node(s)" → `worker-nodes`).
fn tool_slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The label of a MyST target line `(label)=`.
fn myst_target(trimmed: &str) -> Option<&str> {
    let label = trimmed.strip_prefix('(')?.strip_suffix(")=")?;
    (!label.is_empty()
        && label.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')))
    .then_some(label)
}

struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// Index of the prepared line holding byte `offset`.
    fn index(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// One requirement's facts as plain words: transport, direction, necessity, exposure
/// ("TCP, inbound, required, internal only"), which `site.js` turns into badges. Rows are
/// most of the site's bytes, and the words are a third of the badge markup they replace while
/// reading well without the script. What words cannot carry stays an element: the condition
/// (the `conditional` badge's title) and the deployment variant.
pub fn fact_words(r: &Requirement) -> String {
    let necessity = r.necessity.map(|n| match &r.condition {
        Some(condition) => {
            let mut b = format!("<b class=\"bn-{}\" title=\"", n.as_str());
            html_text_into(condition, &mut b);
            b.push_str(&format!("\">{}</b>", n.as_str()));
            b
        }
        None => n.as_str().to_owned(),
    });
    let mut out = crate::site::fact_words(
        crate::site::transport_label(r.transport),
        r.direction.map(|d| d.as_str()),
        necessity.as_deref(),
        r.exposure.map(|e| e.as_str()),
    );
    if let Some(variant) = &r.variant {
        // Rows of one deployment alternative apply to that deployment only.
        out.push_str(", <span class=\"b bv\" title=\"applies to this deployment variant only\">");
        html_text_into(variant, &mut out);
        out.push_str("</span>");
    }
    out
}

/// The facts of the requirements a block claims: one line of words, or one per group of ports
/// that read alike ("80, 443: TCP, inbound").
fn facts(reqs: &[&Requirement], platform: &Platform) -> String {
    // Ports written out only when there are several groups (a row's one group has none).
    let mut groups: Vec<(String, Vec<PortRange>)> = Vec::new();
    for r in reqs {
        let mut b = fact_words(r);
        // What the plan makes of a peer that is no plain flow: the host itself, or a name
        // nothing places (planned from the platform's own hosts only, and flagged).
        if let Some(note) = crate::site::peer_note(r, platform) {
            b.push_str(", <span class=\"b bpeer\">peer: ");
            html_text_into(note, &mut b);
            b.push_str("</span>");
        }
        match groups.iter_mut().find(|(g, _)| *g == b) {
            Some((_, ports)) => ports.push(r.ports),
            None => groups.push((b, vec![r.ports])),
        }
    }
    if groups.len() == 1 {
        return groups.remove(0).0;
    }
    groups
        .into_iter()
        .map(|(b, ports)| {
            let ports: Vec<String> = ports.iter().map(PortRange::to_string).collect();
            format!("<span class=\"fp\">{}:</span> {b}", ports.join(", "))
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The facts after a paragraph or list item's text, set apart so they read as an aside
/// without `site.js` ("… is optional. (TCP, optional)").
fn facts_aside(reqs: &[&Requirement], platform: &Platform) -> String {
    format!(" <span class=\"facts\">({})</span>", facts(reqs, platform))
}

/// A heading being collected: the outer buffer, level, explicit id, classes, plain text.
type OpenHeading = (String, HeadingLevel, Option<String>, Vec<String>, String);

struct Writer<'c, 'a> {
    cx: &'c RenderContext<'a>,
    out: String,
    /// Saved outer buffers while a heading is collected.
    heading: Option<OpenHeading>,
    ids: BTreeSet<String>,
    links: Vec<ContentLink>,
    outside: Vec<OutsideLink>,
    /// Per open link: whether an `<a>` was written (a link out of the content folder without
    /// a source URL is plain text).
    open_links: Vec<bool>,
    headings: Vec<(u8, String, String)>,
    /// Requirements by file line, not yet placed.
    by_line: BTreeMap<u32, Vec<&'a Requirement>>,
    /// Claims of open blocks (for linking ports and for badges at their end).
    claims: Vec<Vec<&'a Requirement>>,
    link_depth: usize,
    image_depth: usize,
    // Table state.
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
    port_column: Option<usize>,
    table_facts: bool,
    header_cells: Vec<String>,
    tbody_open: bool,
    pending_spans: String,
    cell_text: String,
}

impl<'c, 'a> Writer<'c, 'a> {
    fn claim(&mut self, lines: Range<u32>) -> Vec<&'a Requirement> {
        let keys: Vec<u32> = self.by_line.range(lines).map(|(k, _)| *k).collect();
        keys.into_iter().flat_map(|k| self.by_line.remove(&k).unwrap_or_default()).collect()
    }

    /// ` id="…"` for a claiming element, and spans for further anchors.
    fn anchor_attrs(&mut self, claimed: &[&'a Requirement]) -> (String, String) {
        let mut anchors: Vec<&str> = claimed.iter().map(|r| r.anchor.as_str()).collect();
        anchors.dedup();
        let Some((first, rest)) = anchors.split_first() else {
            return (String::new(), String::new());
        };
        let mut id = String::from(" id=\"");
        html_text_into(first, &mut id);
        id.push('"');
        self.ids.insert((*first).to_owned());
        let mut spans = String::new();
        for a in rest {
            if self.ids.insert((*a).to_owned()) {
                spans.push_str("<span id=\"");
                html_text_into(a, &mut spans);
                spans.push_str("\"></span>");
            }
        }
        (id, spans)
    }

    fn link_ports_now(&self) -> bool {
        self.link_depth == 0
            && self.image_depth == 0
            && (self.claims.iter().any(|c| !c.is_empty())
                || (!self.in_head && self.port_column.is_some_and(|c| c == self.column)))
    }

    fn port_link_for(&self, range: PortRange) -> bool {
        let claimed = self.claims.iter().flatten().any(|r| r.ports == range);
        let in_port_column = !self.in_head && self.port_column.is_some_and(|c| c == self.column);
        (claimed || in_port_column) && (self.cx.port_page_exists)(range)
    }

    /// `<a class="port" href="…">` to the port page of `range`, written straight into the page
    /// (not through `format!`: every port cell of the site passes here).
    fn open_port_link(&mut self, range: PortRange) {
        self.out.push_str("<a class=\"port\" href=\"");
        self.out.push_str(self.cx.root);
        self.out.push_str(&crate::site::port_url(range));
        self.out.push_str("\">");
    }

    fn text(&mut self, text: &str) {
        if self.in_head {
            self.cell_text.push_str(text);
        }
        if let Some(h) = &mut self.heading {
            h.4.push_str(text);
        }
        if !self.link_ports_now() {
            html_text_into(text, &mut self.out);
            return;
        }
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut plain_from = 0;
        while i < bytes.len() {
            let boundary_before =
                i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.');
            if !bytes[i].is_ascii_digit() || !boundary_before {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let mut end = i;
            // Optional `-`, `–` or `—` and a second number.
            let rest = &text[i..];
            let after_space = rest.trim_start_matches(' ');
            for dash in ["-", "–", "—"] {
                if let Some(tail) = after_space.strip_prefix(dash) {
                    let tail_trim = tail.trim_start_matches(' ');
                    let digits = tail_trim.bytes().take_while(u8::is_ascii_digit).count();
                    if digits > 0 {
                        end = text.len() - tail_trim.len() + digits;
                    }
                    break;
                }
            }
            let next = text[end..].chars().next();
            let next2 = text[end..].chars().nth(1);
            let ip_like = next == Some('.') && next2.is_some_and(|c| c.is_ascii_digit());
            if next.is_some_and(|c| c.is_alphanumeric()) || ip_like {
                i = end;
                continue;
            }
            let token = &text[start..end];
            match token.parse::<PortRange>() {
                Ok(range) if self.port_link_for(range) => {
                    html_text_into(&text[plain_from..start], &mut self.out);
                    self.open_port_link(range);
                    html_text_into(token, &mut self.out);
                    self.out.push_str("</a>");
                    plain_from = end;
                }
                _ => {}
            }
            i = end;
        }
        html_text_into(&text[plain_from..], &mut self.out);
    }

    fn start_block_claim(&mut self, lines: Range<u32>) -> (String, String) {
        let claimed = self.claim(lines);
        let attrs = self.anchor_attrs(&claimed);
        self.claims.push(claimed);
        attrs
    }

    fn end_block_claim(&mut self) -> Vec<&'a Requirement> {
        self.claims.pop().unwrap_or_default()
    }

    fn event(&mut self, event: Event<'_>, span: Range<u32>) {
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                if let Some(h) = &mut self.heading {
                    h.4.push_str(&code);
                }
                if self.in_head {
                    self.cell_text.push_str(&code);
                }
                let range = code
                    .trim()
                    .parse::<PortRange>()
                    .ok()
                    .filter(|r| self.link_ports_now() && self.port_link_for(*r));
                if let Some(range) = range {
                    self.open_port_link(range);
                    self.out.push_str("<code>");
                    html_text_into(&code, &mut self.out);
                    self.out.push_str("</code></a>");
                } else {
                    self.out.push_str("<code>");
                    html_text_into(&code, &mut self.out);
                    self.out.push_str("</code>");
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let t = html.trim_start();
                let pin = t.starts_with("<!--") && t[4..].trim_start().starts_with("portolan:");
                if !pin {
                    let html = self.raw_html(&html, span.start);
                    self.out.push_str(&html);
                }
            }
            Event::SoftBreak => self.out.push('\n'),
            Event::HardBreak => self.out.push_str("<br>\n"),
            Event::Rule => self.out.push_str("<hr>\n"),
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Range<u32>) {
        match tag {
            Tag::Paragraph => {
                let (id, spans) = self.start_block_claim(span);
                if self.image_depth == 0 {
                    self.out.push_str("<p");
                    self.out.push_str(&id);
                    self.out.push('>');
                    self.out.push_str(&spans);
                }
            }
            Tag::Heading { level, id, classes, .. } => {
                let claimed = self.claim(span.start..span.start + 1);
                let (_, mut spans) = self.anchor_attrs(&claimed);
                if let Some(first) = claimed.first() {
                    // A heading keeps its own id; requirement anchors become spans.
                    spans.insert_str(
                        0,
                        &format!("<span id=\"{}\"></span>", crate::util::html_text(&first.anchor)),
                    );
                }
                self.claims.push(claimed);
                let saved = std::mem::take(&mut self.out);
                self.out.push_str(&spans);
                let classes: Vec<String> = classes.iter().map(|c| c.to_string()).collect();
                self.heading =
                    Some((saved, level, id.map(|i| i.to_string()), classes, String::new()));
            }
            Tag::BlockQuote(_) => self.out.push_str("<blockquote>\n"),
            Tag::CodeBlock(kind) => match kind {
                CodeBlockKind::Fenced(lang) if !lang.is_empty() => {
                    let lang = lang.split_whitespace().next().unwrap_or("");
                    self.out.push_str("<pre><code class=\"language-");
                    html_text_into(lang, &mut self.out);
                    self.out.push_str("\">");
                    self.claims.push(Vec::new());
                    self.link_depth += 1;
                }
                _ => {
                    self.out.push_str("<pre><code>");
                    self.link_depth += 1;
                    self.claims.push(Vec::new());
                }
            },
            Tag::List(Some(start)) if start != 1 => {
                self.out.push_str(&format!("<ol start=\"{start}\">\n"))
            }
            Tag::List(Some(_)) => self.out.push_str("<ol>\n"),
            Tag::List(None) => self.out.push_str("<ul>\n"),
            Tag::Item => {
                let (id, spans) = self.start_block_claim(span.start..span.start + 1);
                self.out.push_str("<li");
                self.out.push_str(&id);
                self.out.push('>');
                self.out.push_str(&spans);
            }
            Tag::Table(alignments) => {
                self.alignments = alignments;
                self.tbody_open = false;
                self.header_cells.clear();
                self.out.push_str(if self.table_facts {
                    "<div class=\"table-wrap\"><table class=\"rf\">\n"
                } else {
                    "<div class=\"table-wrap\"><table>\n"
                });
            }
            Tag::TableHead => {
                self.in_head = true;
                self.column = 0;
                self.out.push_str("<thead><tr>");
            }
            Tag::TableRow => {
                if !self.tbody_open {
                    self.out.push_str("<tbody>\n");
                    self.tbody_open = true;
                }
                self.column = 0;
                let (id, spans) = self.start_block_claim(span.start..span.start + 1);
                self.pending_spans = spans;
                self.out.push_str("<tr");
                self.out.push_str(&id);
                self.out.push('>');
            }
            Tag::TableCell => {
                let tag = if self.in_head { "th" } else { "td" };
                let align = match self.alignments.get(self.column) {
                    Some(Alignment::Left) => " style=\"text-align:left\"",
                    Some(Alignment::Center) => " style=\"text-align:center\"",
                    Some(Alignment::Right) => " style=\"text-align:right\"",
                    _ => "",
                };
                self.out.push('<');
                self.out.push_str(tag);
                self.out.push_str(align);
                self.out.push('>');
                let spans = std::mem::take(&mut self.pending_spans);
                self.out.push_str(&spans);
                self.cell_text.clear();
            }
            Tag::Emphasis => self.out.push_str("<em>"),
            Tag::Strong => self.out.push_str("<strong>"),
            Tag::Strikethrough => self.out.push_str("<del>"),
            Tag::Link { dest_url, title, .. } => {
                self.link_depth += 1;
                let Some(href) = self.rewrite_link(&dest_url, span.start) else {
                    self.open_links.push(false);
                    return;
                };
                self.open_links.push(true);
                self.out.push_str("<a href=\"");
                html_text_into(&href, &mut self.out);
                self.out.push('"');
                if !title.is_empty() {
                    self.out.push_str(" title=\"");
                    html_text_into(&title, &mut self.out);
                    self.out.push('"');
                }
                self.out.push('>');
            }
            Tag::Image { dest_url, title, .. } => {
                // Images stay with the vendor: the content folder ships no image files.
                let src = if is_external(&dest_url) {
                    dest_url.to_string()
                } else {
                    let replaced = self.cx.source_url.and_then(|base| join_url(base, &dest_url));
                    self.outside.push(OutsideLink {
                        line: span.start,
                        raw: dest_url.to_string(),
                        replaced_by: replaced.clone(),
                    });
                    replaced.unwrap_or_else(|| "data:,".to_owned())
                };
                self.out.push_str("<img src=\"");
                html_text_into(&src, &mut self.out);
                if !title.is_empty() {
                    self.out.push_str("\" title=\"");
                    html_text_into(&title, &mut self.out);
                }
                self.out.push_str("\" alt=\"");
                self.image_depth += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                let claimed = self.end_block_claim();
                if !claimed.is_empty() {
                    self.out.push_str(&facts_aside(&claimed, self.cx.platform));
                }
                self.out.push_str("</p>\n");
            }
            TagEnd::Heading(_) => {
                self.claims.pop();
                if let Some((saved, level, mut id, classes, mut text)) = self.heading.take() {
                    let mut inner = std::mem::replace(&mut self.out, saved);
                    // `## Inbound traffic [ece-inbound]` (MyST, Elastic): the id, not text.
                    if let Some(written) = portolan_core::extract::trailing_id(&mut text) {
                        let suffix = format!("[{written}]");
                        if let Some(kept) = inner.trim_end().strip_suffix(&suffix) {
                            inner = kept.trim_end().to_owned();
                        }
                        id = id.or(Some(written));
                    }
                    let mut id = id.unwrap_or_else(|| slugify(&text));
                    if self.ids.contains(&id) {
                        let base = id.clone();
                        let mut n = 1;
                        while self.ids.contains(&id) {
                            id = format!("{base}-{n}");
                            n += 1;
                        }
                    }
                    self.ids.insert(id.clone());
                    // The id the vendor's doc tool gave this heading (GitHub/Hugo/Docusaurus/
                    // MkDocs slugs), so the page's own `#…` links still land.
                    let tool_id = tool_slug(&text);
                    if !tool_id.is_empty() && self.ids.insert(tool_id.clone()) {
                        inner.insert_str(
                            0,
                            &format!("<span id=\"{}\"></span>", crate::util::html_text(&tool_id)),
                        );
                    }
                    let n = level as u8;
                    // Document headings sit under the page's h1: shift them down one level.
                    let shown = (n + 1).min(6);
                    self.out.push_str(&format!("<h{shown} id=\""));
                    html_text_into(&id, &mut self.out);
                    self.out.push('"');
                    if !classes.is_empty() {
                        self.out.push_str(" class=\"");
                        html_text_into(&classes.join(" "), &mut self.out);
                        self.out.push('"');
                    }
                    self.out.push('>');
                    self.out.push_str(&inner);
                    // Named after its heading: a screen reader's list of links told six
                    // "Link to this section" apart by nothing.
                    self.out.push_str(&format!(
                        " <a class=\"hl\" href=\"#{}\" aria-label=\"Link to the section {}\">#</a></h{shown}>\n",
                        crate::util::html_text(&id),
                        crate::util::html_text(text.trim())
                    ));
                    self.headings.push((n, id, text.trim().to_owned()));
                }
            }
            TagEnd::BlockQuote(_) => self.out.push_str("</blockquote>\n"),
            TagEnd::CodeBlock => {
                self.claims.pop();
                self.link_depth = self.link_depth.saturating_sub(1);
                self.out.push_str("</code></pre>\n");
            }
            TagEnd::List(true) => self.out.push_str("</ol>\n"),
            TagEnd::List(false) => self.out.push_str("</ul>\n"),
            TagEnd::Item => {
                let claimed = self.end_block_claim();
                if !claimed.is_empty() {
                    self.out.push_str(&facts_aside(&claimed, self.cx.platform));
                }
                self.out.push_str("</li>\n");
            }
            TagEnd::Table => {
                if self.tbody_open {
                    self.out.push_str("</tbody>");
                }
                self.out.push_str("</table></div>\n");
                self.port_column = None;
            }
            TagEnd::TableHead => {
                if self.table_facts {
                    self.out.push_str("<th class=\"facts\">Reads as</th>");
                }
                self.out.push_str("</tr></thead>\n");
                self.in_head = false;
            }
            TagEnd::TableRow => {
                let claimed = self.end_block_claim();
                if self.table_facts {
                    // The table's class (`rf`) marks its last cells as facts: a class on each
                    // cell would be repeated in every row of the site.
                    self.out.push_str("<td>");
                    if !claimed.is_empty() {
                        self.out.push_str(&facts(&claimed, self.cx.platform));
                    }
                }
                // Body rows and cells end where the next begins (HTML implies `</td>` and
                // `</tr>`): the document tables hold every row of the site.
                self.out.push('\n');
            }
            TagEnd::TableCell => {
                if self.in_head {
                    self.out.push_str("</th>");
                }
                if self.in_head {
                    let header = self.cell_text.to_lowercase();
                    if self.port_column.is_none() && header.contains("port") {
                        self.port_column = Some(self.column);
                    }
                }
                self.column += 1;
            }
            TagEnd::Emphasis => self.out.push_str("</em>"),
            TagEnd::Strong => self.out.push_str("</strong>"),
            TagEnd::Strikethrough => self.out.push_str("</del>"),
            TagEnd::Link => {
                self.link_depth = self.link_depth.saturating_sub(1);
                if self.open_links.pop().unwrap_or(true) {
                    self.out.push_str("</a>");
                }
            }
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                self.out.push_str("\">");
            }
            _ => {}
        }
    }

    /// Raw HTML as written, with its `<a name=…>` anchors given ids and its links that leave
    /// the content folder sent to the source page (or made inert).
    fn raw_html(&mut self, html: &str, line: u32) -> String {
        let mut out = String::with_capacity(html.len());
        let mut copied = 0;
        for (offset, value) in crate::links::attributes_named(html, &["href", "src", "name", "id"])
        {
            let attribute = html[..offset.saturating_sub(2)].rsplit(' ').next().unwrap_or("");
            if attribute == "id" || attribute == "name" {
                if attribute == "name" && self.ids.insert(value.to_owned()) {
                    // Where the anchor's tag starts, a target with the same id.
                    if let Some(tag) = html[copied..offset].rfind('<') {
                        out.push_str(&html[copied..copied + tag]);
                        out.push_str("<span id=\"");
                        html_text_into(value, &mut out);
                        out.push_str("\"></span>");
                        copied += tag;
                    }
                } else {
                    self.ids.insert(value.to_owned());
                }
                continue;
            }
            if is_external(value) || value.starts_with('#') || value.is_empty() {
                continue;
            }
            let doc_dir = self.cx.body.path.rsplit_once('/').map_or("", |(d, _)| d);
            let path = value.split(['#', '?']).next().unwrap_or("");
            let document =
                join_path(doc_dir, path).and_then(|p| self.cx.documents.get(&p).cloned());
            let replacement = match document {
                Some(page) => {
                    let fragment =
                        value.split_once('#').map(|(_, f)| format!("#{f}")).unwrap_or_default();
                    format!("{}{}{fragment}", self.cx.root, page)
                }
                None => {
                    let replaced = self.cx.source_url.and_then(|base| join_url(base, value));
                    self.outside.push(OutsideLink {
                        line,
                        raw: value.to_owned(),
                        replaced_by: replaced.clone(),
                    });
                    let inert = if attribute == "src" { "data:," } else { "#" };
                    replaced.unwrap_or_else(|| inert.to_owned())
                }
            };
            out.push_str(&html[copied..offset]);
            html_text_into(&replacement, &mut out);
            copied = offset + value.len();
        }
        out.push_str(&html[copied..]);
        out
    }

    /// The href a written link gets; `None` when it leaves the content folder and there is no
    /// source URL to send it to (it becomes plain text).
    fn rewrite_link(&mut self, dest: &str, line: u32) -> Option<String> {
        if is_external(dest) {
            return Some(dest.to_owned());
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_owned())),
            None => (dest, None),
        };
        if path.is_empty() {
            self.links.push(ContentLink {
                line,
                raw: dest.to_owned(),
                page: Some(self.cx.page.to_owned()),
                fragment,
            });
            return Some(dest.to_owned());
        }
        let doc_dir = self.cx.body.path.rsplit_once('/').map_or("", |(d, _)| d);
        let path_only = path.split('?').next().unwrap_or(path);
        let page_dir = self.cx.page.rsplit_once('/').map_or("", |(d, _)| d);
        let is_document = path_only.ends_with(".md") || path_only.ends_with(".mdx");
        let target = is_document
            .then(|| join_path(doc_dir, path_only).and_then(|p| self.cx.documents.get(&p).cloned()))
            .flatten();
        if let Some(page) = target {
            let mut href = format!("{}{}", self.cx.root, page);
            if let Some(f) = &fragment {
                href.push('#');
                href.push_str(f);
            }
            self.links.push(ContentLink { line, raw: dest.to_owned(), page: Some(page), fragment });
            return Some(href);
        }
        // A `.md` path that names no content document is a page of the vendor's own tree
        // (`ece-hardware-prereq.md`, `../../tools/x.md`): it leaves the content folder too.
        // A relative link to a file of the site (`../downloads/x.pdf`) stays checked; anything
        // else (`/docs/concepts/…`, `../../tools/x.md` that is no content document, a page of
        // the vendor's site) leaves the content folder.
        let site_file = !is_document
            && !path_only.starts_with('/')
            && has_file_extension(path_only)
            && join_path(page_dir, path_only).is_some();
        if site_file {
            self.links.push(ContentLink {
                line,
                raw: dest.to_owned(),
                page: join_path(page_dir, path_only),
                fragment,
            });
            return Some(dest.to_owned());
        }
        let replaced = self.cx.source_url.and_then(|base| join_url(base, dest));
        self.outside.push(OutsideLink {
            line,
            raw: dest.to_owned(),
            replaced_by: replaced.clone(),
        });
        replaced
    }
}

/// True when the last path segment has an extension other than a page's (`x.pdf`, not `x`,
/// `x/`, `x.html`): a file the site may ship rather than a page of the vendor's site.
fn has_file_extension(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    last.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && !matches!(ext, "html" | "htm" | "md" | "mdx" | "php" | "aspx")
    })
}

/// `target` as the vendor's site would resolve it from the page `base`: absolute paths against
/// the host, relative ones against the page's folder; `.md`/`.mdx` dropped (doc sites serve
/// pages without them). `None` when `base` is no http(s) URL.
pub fn join_url(base: &str, target: &str) -> Option<String> {
    let scheme_end = base.find("://")? + 3;
    if !base[..scheme_end].starts_with("http") {
        return None;
    }
    let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let origin = &base[..host_end];
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    let path = path.strip_suffix(".mdx").or_else(|| path.strip_suffix(".md")).unwrap_or(path);
    let mut joined = if path.starts_with('/') {
        format!("{origin}{path}")
    } else {
        let base_path = &base[host_end..];
        let base_dir = base_path.rsplit_once('/').map_or("", |(d, _)| d);
        let resolved =
            join_path(base_dir, path).unwrap_or_else(|| path.trim_start_matches("../").to_owned());
        let trailing = if path.ends_with('/') && !resolved.ends_with('/') { "/" } else { "" };
        format!("{origin}/{resolved}{trailing}")
    };
    if let Some(f) = fragment {
        joined.push('#');
        joined.push_str(f);
    }
    Some(joined)
}

/// Renders one document body.
pub fn render(cx: &RenderContext<'_>) -> Rendered {
    let first_line = cx.body.line_offset + 1;
    let prepared = prepare(&cx.body.markdown, first_line);
    let lines = Lines::new(&prepared.text);
    let file_line = |offset: usize| -> u32 {
        let index = lines.index(offset);
        prepared
            .line_of
            .get(index)
            .copied()
            .unwrap_or_else(|| prepared.line_of.last().copied().unwrap_or(first_line))
    };
    let mut by_line: BTreeMap<u32, Vec<&Requirement>> = BTreeMap::new();
    for r in &cx.requirements {
        by_line.entry(r.source.line).or_default().push(r);
    }
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH;
    // Sized up front: collected from the parser (no size hint), the events grew by doubling,
    // copied about ten times a document (the bench corpus: one event per 7.5 bytes of text).
    let mut events: Vec<(Event<'_>, Range<usize>)> = Vec::with_capacity(prepared.text.len() / 6);
    events.extend(Parser::new_ext(&prepared.text, options).into_offset_iter());
    // Which tables carry requirements (they get a "Reads as" column).
    let mut table_facts: BTreeMap<usize, bool> = BTreeMap::new();
    let mut current_table = None;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Table(_)) => {
                current_table = Some(i);
                table_facts.insert(i, false);
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = current_table
                    && by_line.contains_key(&file_line(range.start))
                {
                    table_facts.insert(t, true);
                }
            }
            Event::End(TagEnd::Table) => current_table = None,
            _ => {}
        }
    }
    let mut writer = Writer {
        cx,
        out: String::with_capacity(prepared.text.len() * 2),
        heading: None,
        ids: BTreeSet::new(),
        links: Vec::new(),
        outside: Vec::new(),
        open_links: Vec::new(),
        headings: Vec::new(),
        by_line,
        claims: Vec::new(),
        link_depth: 0,
        image_depth: 0,
        alignments: Vec::new(),
        in_head: false,
        column: 0,
        port_column: None,
        table_facts: false,
        header_cells: Vec::new(),
        tbody_open: false,
        pending_spans: String::new(),
        cell_text: String::new(),
    };
    // The tables' marks in event order, met as the events are: no map lookup per event.
    let mut table_marks = table_facts.into_iter().peekable();
    for (i, (event, range)) in events.into_iter().enumerate() {
        if let Some((_, has)) = table_marks.next_if(|(at, _)| *at == i) {
            writer.table_facts = has;
        }
        let start = file_line(range.start);
        let end = file_line(range.end.saturating_sub(1).max(range.start));
        writer.event(event, start..end + 1);
    }
    let mut unplaced = Vec::new();
    let leftovers: Vec<&Requirement> = writer.by_line.values().flatten().copied().collect();
    if !leftovers.is_empty() {
        // Keep every row link working: anchors the document shape could not carry go last.
        let mut html = String::from("<p class=\"unplaced\">");
        for r in leftovers {
            if writer.ids.insert(r.anchor.clone()) {
                html.push_str(&format!(
                    "<span id=\"{}\"></span>",
                    crate::util::html_text(&r.anchor)
                ));
            }
            unplaced.push(r.anchor.clone());
        }
        html.push_str("</p>\n");
        writer.out.push_str(&html);
    }
    Rendered {
        html: writer.out,
        links: writer.links,
        outside: writer.outside,
        coverage: coverage_rows(&cx.body.coverage),
        unplaced_peers: cx.body.coverage.unresolved_peers.clone(),
        unplaced,
        headings: writer.headings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_into_the_vendor_site_resolve_against_the_source_page() {
        let base = "https://docs.example.com/fabric/ports";
        assert_eq!(
            join_url(base, "/docs/concepts/overview#a").as_deref(),
            Some("https://docs.example.com/docs/concepts/overview#a")
        );
        assert_eq!(
            join_url(base, "../../tools/x.md").as_deref(),
            Some("https://docs.example.com/tools/x")
        );
        assert_eq!(
            join_url(base, "install/").as_deref(),
            Some("https://docs.example.com/fabric/install/")
        );
        assert_eq!(join_url("file:///x.md", "a.md"), None);
    }

    fn requirement() -> Requirement {
        use portolan_core::diagnostic::SourceLocation;
        use portolan_core::model::{Direction, Exposure, Necessity, Transport, Transports};
        Requirement {
            id: "k/r-1".to_owned(),
            anchor: "r-1".to_owned(),
            line_id: String::new(),
            component: "k/api".to_owned(),
            section: "Ports".to_owned(),
            ports: "8443".parse().expect("port"),
            transport: Some(Transports::One(Transport::Tcp)),
            app_protocol: None,
            direction: Some(Direction::Inbound),
            peer: None,
            peer_component: None,
            necessity: Some(Necessity::Required),
            condition: None,
            exposure: Some(Exposure::Internal),
            purpose: None,
            variant: None,
            source: SourceLocation::new("k.md", 3, 1),
        }
    }

    /// Issue 15: the "Reads as" cells are words (site.js makes the badges), which must read
    /// on their own; only what words cannot carry stays markup.
    #[test]
    fn reads_as_cells_are_plain_words_without_badge_markup() {
        let r = requirement();
        assert_eq!(fact_words(&r), "TCP, inbound, required, internal only");
        let mut conditional = requirement();
        conditional.necessity = Some(portolan_core::model::Necessity::Conditional);
        conditional.condition = Some("with <HA> on".to_owned());
        conditional.exposure = None;
        conditional.variant = Some("Cluster".to_owned());
        let words = fact_words(&conditional);
        assert!(
            words.starts_with(
                "TCP, inbound, <b class=\"bn-conditional\" title=\"with &lt;HA&gt; on\">conditional</b>, "
            ),
            "{words}"
        );
        assert!(words.contains(">Cluster</span>"), "{words}");
        assert!(!words.contains("badges"), "{words}");
    }

    #[test]
    fn site_files_and_myst_targets_are_told_apart_from_pages() {
        assert!(has_file_extension("../downloads/a.pdf"));
        assert!(!has_file_extension("../concepts/overview"));
        assert!(!has_file_extension("page.html"));
        assert_eq!(myst_target("(ece-inbound)="), Some("ece-inbound"));
        assert_eq!(myst_target("(not a label)="), None);
        assert_eq!(tool_slug("Worker node(s)"), "worker-nodes");
        assert_eq!(tool_slug("Ports & protocols"), "ports--protocols");
    }
}
