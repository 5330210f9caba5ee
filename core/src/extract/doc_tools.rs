//! The wrappers doc tools put around content, taken off before the markdown is read: Hugo
//! shortcodes (`{{< tabs >}}`, `{{% tab name="AWS" %}}`), Docusaurus `<Tabs>`/`<TabItem>`,
//! MkDocs content tabs and admonitions (`=== "AWS"`, `!!! note`, content indented by four),
//! MyST directives (```` ```{tab-set} ````, `:::{tab-item} AWS`) and AsciiDoc-style admonition
//! blocks (`[NOTE]` + `====`). Left in place they hide tables: an indented table is a code
//! block, a table inside a fenced directive is code, a table right after `<TabItem>` is HTML.
//!
//! Every line keeps its place (wrapper lines become blank lines of the same length), so line
//! numbers and offsets stay those of the document; content dedented out of an MkDocs tab moves
//! left within its line, and [`Normalised::original`] maps such offsets back.

use std::borrow::Cow;

/// One tab of a tab group: its label and the byte range of its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tab {
    pub label: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalised {
    pub text: String,
    pub tabs: Vec<Tab>,
    /// Line starts of grid-table lines that continue the row above (see `grid_table`).
    pub grid_continuations: Vec<usize>,
    /// Multi-line grid table headers (see `grid_table::HeaderLines`).
    pub grid_headers: Vec<super::grid_table::HeaderLines>,
    /// pandoc's simple and multiline tables, read as table blocks (their lines blanked in
    /// `text`; see `pandoc_table`).
    pub pandoc_tables: Vec<super::blocks::Block>,
    /// (line start, line end, columns moved left) of every dedented line.
    dedents: Vec<(usize, usize, usize)>,
}

impl Normalised {
    /// The offset in the document of `offset` in [`Normalised::text`].
    pub fn original(&self, offset: usize) -> usize {
        let index = self.dedents.partition_point(|(start, _, _)| *start <= offset);
        match index.checked_sub(1).and_then(|i| self.dedents.get(i)) {
            Some((start, end, moved)) if offset < *end => {
                let shifted = offset + moved;
                if shifted < *end { shifted } else { offset.max(*start) }
            }
            _ => offset,
        }
    }

    /// The innermost tab holding `offset`.
    pub fn tab_at(&self, offset: usize) -> Option<&Tab> {
        self.tabs.iter().filter(|t| t.start <= offset && offset < t.end).max_by_key(|t| t.start)
    }
}

/// MyST directives whose content is more markdown (tabs, admonitions, cards); others (code,
/// math, mermaid) stay code.
const MYST_CONTAINERS: &[&str] = &[
    "tab-set",
    "tab-item",
    "tabs",
    "tab",
    "note",
    "tip",
    "hint",
    "important",
    "warning",
    "caution",
    "attention",
    "danger",
    "error",
    "seealso",
    "admonition",
    "dropdown",
    "card",
    "grid",
    "grid-item",
    "grid-item-card",
    "div",
    "container",
    "important",
    "versionadded",
    "versionchanged",
    "deprecated",
    "applies-to",
    "applies_to",
    "stepper",
    "step",
];

/// JSX/HTML wrapper elements that sit alone on a line around markdown content.
const WRAPPER_TAGS: &[&str] = &[
    "tabs",
    "tabitem",
    "tab",
    "div",
    "details",
    "admonition",
    "callout",
    "note",
    "tip",
    "info",
    "warning",
    "caution",
    "danger",
    "section",
    "codegroup",
];

struct Directive {
    fence: char,
    width: usize,
    tab: Option<usize>,
}

#[derive(Default)]
struct State {
    out: Normalised,
    /// An ordinary code fence: its character and width.
    code: Option<(char, usize)>,
    directives: Vec<Directive>,
    /// MkDocs blocks (tab index, if a tab) whose content is indented four more than the last.
    indented: Vec<Option<usize>>,
    /// Hugo and Docusaurus tabs still open.
    open_tabs: Vec<usize>,
    /// Inside an AsciiDoc `====` block; `Some(false)` right after its `[NOTE]` marker.
    asciidoc: Option<bool>,
    /// The line before was a MyST directive opener (its `:key: value` options follow).
    directive_options: bool,
}

pub fn normalise(markdown: &str) -> Normalised {
    let mut state = State::default();
    // Grid tables become pipe tables of the same bytes per line first.
    let flattened = super::grid_table::flatten(markdown);
    let markdown = match &flattened {
        Some((text, continuations, headers)) => {
            state.out.grid_continuations = continuations.clone();
            state.out.grid_headers = headers.clone();
            text.as_str()
        }
        None => markdown,
    };
    // pandoc's simple and multiline tables become table blocks, their lines blank.
    let pandoc = super::pandoc_table::extract(markdown);
    let markdown = match pandoc {
        Some((text, tables)) => {
            state.out.pandoc_tables = tables;
            Cow::Owned(text)
        }
        None => Cow::Borrowed(markdown),
    };
    // A list inside a table cell (turndown, html2text) is joined onto its row's line.
    let joined = super::cell_lists::join(markdown.as_ref());
    let markdown = joined.as_deref().unwrap_or(markdown.as_ref());
    // Every line keeps its length: the text is the markdown's size.
    state.out.text.reserve(markdown.len());
    let mut offset = 0;
    for raw in markdown.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let (line, newline) = match raw.strip_suffix('\n') {
            Some(l) => (l, "\n"),
            None => (raw, ""),
        };
        state.line(line, newline, start);
    }
    let end = markdown.len();
    for index in state.open_tabs.drain(..).chain(state.indented.drain(..).flatten()) {
        if let Some(tab) = state.out.tabs.get_mut(index) {
            tab.end = end;
        }
    }
    for directive in state.directives.drain(..) {
        if let Some(tab) = directive.tab.and_then(|i| state.out.tabs.get_mut(i)) {
            tab.end = end;
        }
    }
    state.out
}

fn indentation(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ').count()
}

impl State {
    fn line(&mut self, line: &str, newline: &str, start: usize) {
        // No copy of the line on the way (two allocations a line before, issue 15): a line is
        // written as it stands, dedented, or blanked to as many spaces.
        let content = self.dedent(line, start);
        match self.rewrite(&content, start) {
            Written::Kept => self.out.text.push_str(&content),
            Written::Blank => self.out.text.extend(std::iter::repeat_n(' ', content.len())),
        }
        self.out.text.push_str(newline);
    }

    /// Closes MkDocs blocks the line is no longer indented under, and moves the line's content
    /// left by four per open block.
    fn dedent<'l>(&mut self, line: &'l str, start: usize) -> Cow<'l, str> {
        if line.trim().is_empty() || self.code.is_some() && self.indented.is_empty() {
            return Cow::Borrowed(line);
        }
        let indent = indentation(line);
        while !self.indented.is_empty() && indent < 4 * self.indented.len() {
            if let Some(Some(tab)) = self.indented.pop() {
                self.close_tab(tab, start);
            }
        }
        let moved = 4 * self.indented.len();
        if moved == 0 {
            return Cow::Borrowed(line);
        }
        self.out.dedents.push((start, start + line.len(), moved));
        Cow::Owned(format!("{}{}", &line[moved..], " ".repeat(moved)))
    }

    fn close_tab(&mut self, index: usize, at: usize) {
        if let Some(tab) = self.out.tabs.get_mut(index) {
            tab.end = at;
        }
    }

    fn open_tab(&mut self, label: &str, at: usize) -> usize {
        let label = label.trim().trim_matches(['"', '\'']).trim();
        self.out.tabs.push(Tab { label: label.to_owned(), start: at, end: at });
        self.out.tabs.len() - 1
    }

    /// The line as extraction should see it: wrappers blanked, content kept.
    fn rewrite(&mut self, line: &str, start: usize) -> Written {
        let trimmed = line.trim();
        let options = std::mem::take(&mut self.directive_options);
        if let Some((fence, width)) = self.code {
            if closes_fence(trimmed, fence, width) {
                self.code = None;
            }
            return Written::Kept;
        }
        if options && is_directive_option(trimmed) {
            self.directive_options = true;
            return Written::Blank;
        }
        if let Some((fence, width, name, argument)) = directive_opener(trimmed) {
            if MYST_CONTAINERS.contains(&name.as_str()) {
                let tab = matches!(name.as_str(), "tab-item" | "tab")
                    .then(|| self.open_tab(&argument, start + line.len()));
                self.directives.push(Directive { fence, width, tab });
                self.directive_options = true;
                return Written::Blank;
            }
            self.code = Some((fence, width));
            return Written::Kept;
        }
        if let Some(top) = self.directives.last()
            && closes_fence(trimmed, top.fence, top.width)
        {
            if let Some(tab) = self.directives.pop().and_then(|d| d.tab) {
                self.close_tab(tab, start);
            }
            return Written::Blank;
        }
        if let Some((fence, width)) = code_fence(trimmed) {
            self.code = Some((fence, width));
            return Written::Kept;
        }
        if self.asciidoc_line(trimmed) {
            return Written::Blank;
        }
        if let Some(label) = mkdocs_opener(trimmed) {
            let tab = label.map(|l| self.open_tab(&l, start + line.len()));
            self.indented.push(tab);
            return Written::Blank;
        }
        if let Some(shortcode) = hugo_shortcode(trimmed) {
            self.wrapper(shortcode, start, line.len());
            return Written::Blank;
        }
        if let Some(tag) = wrapper_tag(trimmed) {
            self.wrapper(tag, start, line.len());
            return Written::Blank;
        }
        if trimmed.starts_with("import ") && trimmed.contains(" from ") && trimmed.ends_with(';') {
            // MDX imports (`import Tabs from '@theme/Tabs';`) are code, not text.
            return Written::Blank;
        }
        Written::Kept
    }

    /// A tab opener or closer found in a shortcode or wrapper tag.
    fn wrapper(&mut self, wrapper: Wrapper, start: usize, len: usize) {
        match wrapper {
            Wrapper::TabOpen(label) => {
                let tab = self.open_tab(&label, start + len);
                self.open_tabs.push(tab);
            }
            Wrapper::TabClose => {
                if let Some(tab) = self.open_tabs.pop() {
                    self.close_tab(tab, start);
                }
            }
            Wrapper::Other => {}
        }
    }

    /// Whether the line is an AsciiDoc admonition's marker or delimiter (blanked).
    fn asciidoc_line(&mut self, trimmed: &str) -> bool {
        let delimiter = trimmed.len() >= 4 && trimmed.chars().all(|c| c == '=');
        match self.asciidoc {
            Some(false) if delimiter => {
                self.asciidoc = Some(true);
                return true;
            }
            Some(true) if delimiter => {
                self.asciidoc = None;
                return true;
            }
            Some(false) => self.asciidoc = None,
            _ => {}
        }
        let marker = trimmed
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .is_some_and(|k| matches!(k, "NOTE" | "TIP" | "IMPORTANT" | "WARNING" | "CAUTION"));
        if marker {
            self.asciidoc = Some(false);
        }
        marker
    }
}

/// What becomes of a line: written as it stands, or blanked (a wrapper, as many spaces).
enum Written {
    Kept,
    Blank,
}

enum Wrapper {
    TabOpen(String),
    TabClose,
    Other,
}

/// `{{< tabs >}}`, `{{% tab name="AWS" %}}`, `{{< /tab >}}`, `{{< note >}}` alone on a line.
fn hugo_shortcode(trimmed: &str) -> Option<Wrapper> {
    let inner = trimmed
        .strip_prefix("{{<")
        .and_then(|t| t.strip_suffix(">}}"))
        .or_else(|| trimmed.strip_prefix("{{%").and_then(|t| t.strip_suffix("%}}")))?
        .trim();
    if inner.contains("}}") {
        return None;
    }
    Some(tag_wrapper(inner, &["tab"], &["name", "title", "header", "label", "tabname"]))
}

/// `<Tabs>`, `<TabItem value="aws" label="AWS">`, `</TabItem>`, `<div class="x">` alone on a line.
fn wrapper_tag(trimmed: &str) -> Option<Wrapper> {
    let inner = trimmed.strip_prefix('<')?.strip_suffix('>')?.trim_end_matches('/').trim();
    if inner.contains(['<', '>']) {
        return None;
    }
    let name = inner.trim_start_matches('/');
    let name: String = name.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if !WRAPPER_TAGS.contains(&name.to_ascii_lowercase().as_str()) {
        return None;
    }
    Some(tag_wrapper(inner, &["tabitem", "tab"], &["label", "title", "value", "name"]))
}

/// Reads `name attr="v" …` or `/name`: a tab opener (with its label) or closer, or another
/// wrapper.
fn tag_wrapper(inner: &str, tab_names: &[&str], label_keys: &[&str]) -> Wrapper {
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/').trim();
    let name: String = body.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if !tab_names.contains(&name.to_ascii_lowercase().as_str()) {
        return Wrapper::Other;
    }
    if closing {
        return Wrapper::TabClose;
    }
    let rest = &body[name.len()..];
    let label = label_keys
        .iter()
        .find_map(|key| attribute(rest, key))
        .or_else(|| quoted(rest))
        .unwrap_or_else(|| rest.trim().to_owned());
    Wrapper::TabOpen(label)
}

/// `key="value"` (or single-quoted) in `text`.
fn attribute(text: &str, key: &str) -> Option<String> {
    let mut from = 0;
    while let Some(found) = text.get(from..)?.find(key) {
        let at = from + found;
        let before_ok = text[..at].chars().next_back().is_none_or(char::is_whitespace);
        let after = text[at + key.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            return quoted(value.trim_start());
        }
        from = at + key.len();
    }
    None
}

/// The first quoted string in `text`.
fn quoted(text: &str) -> Option<String> {
    let open = text.find(['"', '\''])?;
    let quote = text[open..].chars().next()?;
    let close = text[open + 1..].find(quote)? + open + 1;
    Some(text[open + 1..close].to_owned())
}

/// `=== "AWS"` (a content tab: `Some(label)`), `!!! note`, `??? tip "Title"`, `???+ note`.
fn mkdocs_opener(trimmed: &str) -> Option<Option<String>> {
    if let Some(rest) = trimmed.strip_prefix("===") {
        let rest = rest.trim_start_matches(['!', '+']).trim();
        return quoted(rest).map(Some);
    }
    let rest = trimmed.strip_prefix("!!!").or_else(|| trimmed.strip_prefix("???"))?;
    let rest = rest.trim_start_matches('+');
    let kind = rest.split_whitespace().next()?;
    kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-').then_some(None)
}

/// ```` ```{name} argument ```` or `:::{name} argument`: (fence char, width, name, argument).
fn directive_opener(trimmed: &str) -> Option<(char, usize, String, String)> {
    let fence = trimmed.chars().next().filter(|c| matches!(c, '`' | '~' | ':'))?;
    let width = trimmed.chars().take_while(|c| *c == fence).count();
    if width < 3 {
        return None;
    }
    let rest = trimmed[width..].strip_prefix('{')?;
    let close = rest.find('}')?;
    let name = rest[..close].trim().to_ascii_lowercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || "-_:".contains(c)) {
        return None;
    }
    Some((fence, width, name, rest[close + 1..].trim().to_owned()))
}

/// An ordinary code fence opener: ```` ``` ```` or `~~~` with any info string.
fn code_fence(trimmed: &str) -> Option<(char, usize)> {
    let fence = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let width = trimmed.chars().take_while(|c| *c == fence).count();
    (width >= 3).then_some((fence, width))
}

fn closes_fence(trimmed: &str, fence: char, width: usize) -> bool {
    trimmed.len() >= width && trimmed.chars().all(|c| c == fence)
}

/// `:name: value` lines that follow a MyST directive opener.
fn is_directive_option(trimmed: &str) -> bool {
    trimmed.strip_prefix(':').and_then(|t| t.split_once(':')).is_some_and(|(key, _)| {
        !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: &Normalised) -> Vec<&str> {
        n.text.lines().map(str::trim_end).collect()
    }

    #[test]
    fn hugo_and_docusaurus_tabs_become_blank_lines_with_labelled_ranges() {
        let md = "{{< tabs >}}\n{{% tab name=\"AWS\" %}}\n| Port |\n|---|\n| 1 |\n{{% /tab %}}\n{{< /tabs >}}\n<Tabs>\n<TabItem value=\"gcp\" label=\"Google Cloud\">\n| Port |\n</TabItem>\n</Tabs>\n";
        let n = normalise(md);
        assert_eq!(n.text.len(), md.len());
        assert_eq!(
            lines(&n),
            ["", "", "| Port |", "|---|", "| 1 |", "", "", "", "", "| Port |", "", ""]
        );
        let labels: Vec<&str> = n.tabs.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["AWS", "Google Cloud"]);
        let table = md.find("| 1 |").unwrap_or(0);
        assert_eq!(n.tab_at(table).map(|t| t.label.as_str()), Some("AWS"));
        assert_eq!(n.tab_at(md.find("{{< /tabs").unwrap_or(0)), None);
    }

    #[test]
    fn mkdocs_tabs_are_dedented_and_offsets_map_back() {
        let md = "=== \"On-premises\"\n\n    | Port |\n    |---|\n    | 5044 |\n\nAfter\n";
        let n = normalise(md);
        assert_eq!(lines(&n), ["", "", "| Port |", "|---|", "| 5044 |", "", "After"]);
        let at = n.text.find("5044").unwrap_or(0);
        assert_eq!(&md[n.original(at)..][..4], "5044");
        assert_eq!(n.tab_at(at).map(|t| t.label.as_str()), Some("On-premises"));
        assert_eq!(n.tab_at(n.text.find("After").unwrap_or(0)), None);
    }

    #[test]
    fn myst_containers_are_unwrapped_but_code_stays_code() {
        let md = "````{tab-set}\n```{tab-item} GCP\n:sync: gcp\n| Port |\n```\n````\n```{code-block} yaml\nport: 1\n```\n```bash\n=== \"x\"\n```\n";
        let n = normalise(md);
        assert_eq!(
            lines(&n),
            [
                "",
                "",
                "",
                "| Port |",
                "",
                "",
                "```{code-block} yaml",
                "port: 1",
                "```",
                "```bash",
                "=== \"x\"",
                "```"
            ]
        );
        assert_eq!(n.tabs.len(), 1);
        assert_eq!(n.tabs[0].label, "GCP");
    }

    #[test]
    fn asciidoc_admonitions_do_not_become_setext_headings() {
        let md = "[NOTE]\n====\nport 22 is open\n====\n";
        assert_eq!(lines(&normalise(md)), ["", "", "port 22 is open", ""]);
    }
}
