//! Markdown → a flat list of located blocks: headings, pins, tables, list items and
//! paragraphs. Code blocks are dropped here, so numbers inside them can never become ports.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::html_table;

/// Text gathered from inline events, with a map from text positions back to source offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Located {
    pub text: String,
    /// (position in `text`, offset in the source) at the start of each inline piece.
    marks: Vec<(usize, usize)>,
    /// Source offset of the block start.
    pub start: usize,
    /// Labels of the markdown footnotes (`[^label]`) the text points at.
    pub footnotes: Vec<String>,
    /// For a paragraph of a footnote definition (`[^label]: …`), its label.
    pub footnote_of: Option<String>,
    /// For an item of a nested list, what the item holding the list says before it
    /// (`- Indexer` over `  - 8089/tcp: …`): the inner items are often that one's.
    pub parent_item: Option<String>,
    /// Where the text's current line starts, and where each definition-list term after the
    /// first starts (see `push_space`).
    line_start: usize,
    terms: Vec<usize>,
}

impl Located {
    pub(super) fn at(start: usize) -> Self {
        Self { start, ..Self::default() }
    }

    pub(super) fn push(&mut self, piece: &str, source_offset: usize) {
        self.marks.push((self.text.len(), source_offset));
        self.text.push_str(piece);
    }

    /// A `<br>` inside a table cell: a line break, kept so that the n-th line of one cell can
    /// be paired with the n-th line of another (see `cell_shapes`).
    pub(super) fn line_break(&mut self) {
        let trimmed = self.text.trim_end_matches(' ').len();
        self.text.truncate(trimmed);
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    pub(super) fn space(&mut self) {
        if !self.text.ends_with(' ') && !self.text.is_empty() {
            self.text.push(' ');
        }
    }

    /// A list item (`<li>`) opened inside a table cell after some text: a `; ` between the
    /// items, so "server nodes" and "agent nodes" stay two names (peers are split on it)
    /// instead of running together as "server nodesagent nodes".
    pub(super) fn item_break(&mut self) {
        let trimmed = self.text.trim_end_matches([' ', '\n']).len();
        self.text.truncate(trimmed);
        if !self.text.is_empty() && !self.text.ends_with([';', ',', ':', '.']) {
            self.text.push_str("; ");
        } else {
            self.space();
        }
    }

    /// A definition list's term written as a paragraph of its own (turndown writes `<dt>8090`
    /// and `<dd>…` as two paragraphs): one text, "8090: …" as a term and its definition are
    /// read (`text::is_port_term`), each piece at its own place.
    pub(super) fn term_and_definition(term: &Located, definition: &Located) -> Located {
        let mut joined = term.clone();
        joined.text.push_str(": ");
        let shift = joined.text.len();
        joined.marks.extend(definition.marks.iter().map(|(at, source)| (at + shift, *source)));
        joined.text.push_str(&definition.text);
        joined.footnotes.extend(definition.footnotes.iter().cloned());
        joined
    }

    /// The paragraph cut where each later definition-list term starts (html2text's run-together
    /// `<dl>`): one paragraph per term, each piece at its own place.
    fn split_terms(self) -> Vec<Located> {
        if self.terms.is_empty() {
            return vec![self];
        }
        let mut cuts = vec![0];
        cuts.extend(self.terms.iter().copied());
        cuts.push(self.text.len());
        let mut pieces = Vec::with_capacity(cuts.len() - 1);
        for pair in cuts.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            let Some(text) = self.text.get(from..to) else { return vec![self] };
            let start = self.source_offset(from);
            let mut marks = vec![(0, start)];
            marks.extend(
                self.marks
                    .iter()
                    .filter(|(at, _)| *at > from && *at < to)
                    .map(|(at, s)| (at - from, *s)),
            );
            pieces.push(Located {
                text: text.trim_end().to_owned(),
                marks,
                start,
                footnotes: self.footnotes.clone(),
                footnote_of: self.footnote_of.clone(),
                ..Located::default()
            });
        }
        pieces
    }

    /// Source offset of a byte position in `text`.
    pub fn source_offset(&self, position: usize) -> usize {
        match self.marks.iter().rev().find(|(text_pos, _)| *text_pos <= position) {
            Some((text_pos, source)) => source + (position - text_pos),
            None => self.start,
        }
    }

    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: Located,
        /// `key=value` heading attributes (`{#id component=x}`), id included as `id`.
        attributes: Vec<(String, String)>,
    },
    /// `<!-- portolan: … -->`: the raw inside after `portolan:`.
    Pin {
        body: String,
        start: usize,
        /// What the pin applies to: the next block, or the item or table row it is written in.
        scope: PinScope,
    },
    Table {
        header: Vec<Located>,
        rows: Vec<Row>,
        start: usize,
        /// Written as an HTML `<table>` rather than a markdown table.
        html: bool,
    },
    ListItem(Located),
    Paragraph(Located),
    /// A paragraph that is only bold or italic text ("**Inbound traffic from other hosts**"),
    /// or an HTML table's `<caption>`: vendors title the next table this way.
    Label(Located),
}

impl Block {
    /// Where the block starts in the markdown.
    pub fn start(&self) -> usize {
        match self {
            Block::Heading { text, .. } => text.start,
            Block::Pin { start, .. } | Block::Table { start, .. } => *start,
            Block::ListItem(text) | Block::Paragraph(text) | Block::Label(text) => text.start,
        }
    }
}

/// Where a pin was written, hence what it pins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinScope {
    /// On its own (before a table, list or paragraph): the next block, or every item of a list.
    Block,
    /// Inside a list item: that item alone.
    Item,
    /// Inside a table row's cell (`| 443 | Out | API <!-- portolan: peer=x --> |`): that row
    /// alone, named by the row's start. Written in the header, it pins the table.
    Row(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Located>,
    pub start: usize,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
}

/// What is being gathered right now.
enum Open {
    None,
    Heading(u8, Located, Vec<(String, String)>),
    Paragraph(Located),
    Item(Located),
    Cell(Located),
}

pub fn parse(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open = Open::None;
    let mut table: Option<(Vec<Located>, Vec<Row>, usize)> = None;
    let mut in_head = false;
    let mut row: Option<Row> = None;
    let mut code_depth = 0usize;
    // Items of enclosing lists, suspended while a nested list is read.
    let mut item_stack: Vec<Located> = Vec::new();
    let mut html = String::new();
    let mut html_start = 0;
    // The footnote definition being read: its paragraphs explain rows that point at it.
    let mut footnote: Option<String> = None;
    // Inside inline `<sup>…</sup>`.
    let mut superscript_open = false;
    // Per open list: whether its item markers are ports (see `marker_is_a_port`).
    let mut port_markers: Vec<bool> = Vec::new();
    // The text of an open link into the page (`[Note 2](#bkmk_note2)`), see `note_links`.
    let mut page_link: Option<String> = None;

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if code_depth > 0 {
            if let Event::End(TagEnd::CodeBlock) = event {
                code_depth -= 1;
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::Start(Tag::Heading { level, id, attrs, .. }) => {
                let mut attributes: Vec<(String, String)> = attrs
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.map(|v| v.to_string()).unwrap_or_default()))
                    .collect();
                if let Some(id) = id {
                    attributes.insert(0, ("id".to_owned(), id.to_string()));
                }
                open = Open::Heading(heading_level(level), Located::at(range.start), attributes);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Open::Heading(level, mut text, mut attributes) =
                    std::mem::replace(&mut open, Open::None)
                {
                    if let Some(id) = trailing_id(&mut text.text)
                        && !attributes.iter().any(|(k, _)| k == "id")
                    {
                        attributes.insert(0, ("id".to_owned(), id));
                    }
                    blocks.push(Block::Heading { level, text, attributes });
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => footnote = Some(label.to_string()),
            Event::End(TagEnd::FootnoteDefinition) => footnote = None,
            Event::FootnoteReference(label) => {
                if let Some(located) = target(&mut open) {
                    located.footnotes.push(label.to_string());
                }
            }
            Event::Start(Tag::Paragraph) => {
                // A paragraph inside a list item is part of the item's text.
                if !matches!(open, Open::Item(_)) {
                    let mut located = Located::at(range.start);
                    located.footnote_of.clone_from(&footnote);
                    open = Open::Paragraph(located);
                } else if let Open::Item(item) = &mut open {
                    item.space();
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if matches!(open, Open::Paragraph(_))
                    && let Open::Paragraph(mut text) = std::mem::replace(&mut open, Open::None)
                {
                    blank_callout_marker(&mut text);
                    let source = markdown.get(range.clone()).unwrap_or("");
                    if is_emphasis_only(source) {
                        blocks.push(Block::Label(text));
                    } else {
                        blocks.extend(text.split_terms().into_iter().map(Block::Paragraph));
                    }
                }
            }
            Event::Start(Tag::List(first)) => {
                let empty_item = matches!(&open, Open::Item(item) if item.trimmed().is_empty());
                port_markers.push(first.is_some_and(|n| marker_is_a_port(n, empty_item)));
            }
            Event::End(TagEnd::List(_)) => {
                port_markers.pop();
            }
            Event::Start(Tag::Item) => {
                let mut item = Located::at(range.start);
                if port_markers.last() == Some(&true) {
                    // The number the parser took for the marker, and its `.` or `)`.
                    let source = markdown.get(range.start..).unwrap_or_default();
                    let digits = source.bytes().take_while(u8::is_ascii_digit).count();
                    if let Some(marker) = source.get(..digits + 1).filter(|_| digits > 0) {
                        item.push(marker, range.start);
                        item.space();
                    }
                }
                if let Open::Item(parent) = std::mem::replace(&mut open, Open::None) {
                    item.parent_item =
                        Some(parent.trimmed().to_owned()).filter(|text| !text.is_empty());
                    item_stack.push(parent);
                }
                open = Open::Item(item);
            }
            Event::End(TagEnd::Item) => {
                if let Open::Item(text) = std::mem::replace(&mut open, Open::None) {
                    blocks.push(Block::ListItem(text));
                }
                if let Some(parent) = item_stack.pop() {
                    open = Open::Item(parent);
                }
            }
            Event::Start(Tag::Table(_)) => table = Some((Vec::new(), Vec::new(), range.start)),
            Event::End(TagEnd::Table) => {
                if let Some((header, rows, start)) = table.take() {
                    blocks.push(Block::Table { header, rows, start, html: false });
                }
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => {
                row = Some(Row { cells: Vec::new(), start: range.start })
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(finished), Some((_, rows, _))) = (row.take(), table.as_mut()) {
                    rows.push(finished);
                }
            }
            Event::Start(Tag::TableCell) => open = Open::Cell(Located::at(range.start)),
            Event::End(TagEnd::TableCell) => {
                if let Open::Cell(cell) = std::mem::replace(&mut open, Open::None) {
                    match (in_head, table.as_mut(), row.as_mut()) {
                        (true, Some((header, _, _)), _) => header.push(cell),
                        (false, _, Some(row)) => row.cells.push(cell),
                        _ => {}
                    }
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                html.clear();
                html_start = range.start;
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(body) = pin_body(&html) {
                    blocks.push(Block::Pin { body, start: html_start, scope: PinScope::Block });
                } else {
                    blocks.extend(html_table::tables(&html, html_start));
                }
            }
            Event::Html(text) => html.push_str(&text),
            Event::InlineHtml(text) => {
                if text.eq_ignore_ascii_case("<sup>") || text.eq_ignore_ascii_case("</sup>") {
                    superscript_open = text.len() == "<sup>".len();
                }
                if let Some(body) = pin_body(&text) {
                    let scope = match (&open, &row) {
                        (Open::Cell(_), Some(row)) if !in_head => PinScope::Row(row.start),
                        (Open::Item(_), _) => PinScope::Item,
                        _ if !item_stack.is_empty() => PinScope::Item,
                        _ => PinScope::Block,
                    };
                    blocks.push(Block::Pin { body, start: range.start, scope });
                } else if is_item_open(&text) {
                    match &mut open {
                        Open::Cell(cell) => cell.item_break(),
                        _ => push_space(&mut open),
                    }
                } else if text.eq_ignore_ascii_case("<br>")
                    || text.eq_ignore_ascii_case("<br/>")
                    || text.eq_ignore_ascii_case("<br />")
                {
                    match &mut open {
                        Open::Cell(cell) => cell.line_break(),
                        _ => push_space(&mut open),
                    }
                }
            }
            // `<sup>1</sup>` and pandoc's `^1^`: a footnote number, matched to its note as `¹`.
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with('#') => {
                page_link = Some(String::new());
            }
            Event::Text(text) if page_link.is_some() => {
                if let Some(link) = &mut page_link {
                    link.push_str(&text);
                }
            }
            Event::End(TagEnd::Link) if page_link.is_some() => {
                let link = page_link.take().unwrap_or_default();
                let written = super::note_links::as_marker(&link).unwrap_or(&link);
                push_text(&mut open, written, range.start);
            }
            Event::Text(text) if superscript_open => match super::footnotes::superscript(&text) {
                Some(sup) => push_text(&mut open, sup, range.start),
                None => push_text(&mut open, &text, range.start),
            },
            Event::Text(text) => {
                push_text(&mut open, &super::footnotes::caret_superscripts(&text), range.start)
            }
            Event::Code(text) => push_text(&mut open, &text, range.start),
            Event::SoftBreak | Event::HardBreak => push_space(&mut open),
            _ => {}
        }
    }
    blocks
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn target(open: &mut Open) -> Option<&mut Located> {
    match open {
        Open::Heading(_, text, _) | Open::Paragraph(text) | Open::Item(text) | Open::Cell(text) => {
            Some(text)
        }
        Open::None => None,
    }
}

/// `<li>` or `<li class="…">`.
/// "- 10800. Thin clients talk to the cluster on it.": CommonMark reads "10800." as the
/// marker of a numbered list, and the port was gone without a word. Steps are numbered from 1:
/// a list numbered from 1000 on, or from 10 on as the first thing of a bullet item, numbers
/// its items with ports, kept in their text.
fn marker_is_a_port(first: u64, first_in_empty_item: bool) -> bool {
    first >= 1000 || (first >= 10 && first_in_empty_item)
}

pub(super) fn is_item_open(tag: &str) -> bool {
    tag.get(..3).is_some_and(|t| t.eq_ignore_ascii_case("<li"))
        && matches!(tag.as_bytes().get(3), Some(b'>' | b' ' | b'\t'))
}

fn push_text(open: &mut Open, text: &str, source_offset: usize) {
    if let Some(located) = target(open) {
        located.push(text, source_offset);
    }
}

fn push_space(open: &mut Open) {
    // "8090" on a line of its own, then its definition (pandoc's gfm writes `<dt>8090</dt>
    // <dd>…</dd>` with a hard break, html2text with the definition indented under the term):
    // read as the term "8090: …" (`text::is_port_term`).
    if let Open::Paragraph(located) = open {
        let line = located.text.get(located.line_start..).unwrap_or_default();
        // html2text runs a whole list together: "8090", its definition, "8091", its … as the
        // lines of one paragraph. Each later term line starts a term of its own.
        let term = super::text::is_bare_port(line)
            && (located.line_start == 0 || super::text::is_port_term(&located.text));
        if term {
            if located.line_start > 0 {
                located.terms.push(located.line_start);
            }
            located.text.push_str(": ");
            return;
        }
        located.space();
        located.line_start = located.text.len();
        return;
    }
    if let Some(located) = target(open) {
        located.space();
    }
}

/// A call-out's marker that shares the paragraph's first line (`:::warning If you enable …`,
/// `[!NOTE] Clients …` from `> [!NOTE]`) is markup, not words of the paragraph: blanked (same
/// length, so positions still map to the source). The page renders the call-out from the source.
fn blank_callout_marker(located: &mut Located) {
    let lead = located.text.len() - located.text.trim_start().len();
    let rest = &located.text[lead..];
    let marker = if let Some(kind) = rest.strip_prefix(":::") {
        let colons = rest.len() - rest.trim_start_matches(':').len();
        let word = kind.trim_start_matches(':').split_whitespace().next().unwrap_or("");
        word.chars()
            .all(|c| c.is_ascii_alphabetic())
            .then(|| rest[colons..].find(word).map_or(colons, |i| colons + i + word.len()))
    } else if rest.starts_with("[!") {
        rest.find(']')
            .filter(|&end| rest[2..end].chars().all(|c| c.is_ascii_alphabetic()))
            .map(|end| end + 1)
    } else {
        None
    };
    if let Some(length) = marker {
        located.text.replace_range(lead..lead + length, &" ".repeat(length));
    }
    // The closing `:::` of a call-out with no blank line before it.
    let end = located.text.trim_end().len();
    if located.text[..end].ends_with(" :::") || located.text[..end].ends_with("\n:::") {
        located.text.replace_range(end - 3..end, "   ");
    }
}

/// A paragraph written wholly in `**…**`, `__…__`, `*…*` or `_…_`, optionally ending in a colon.
fn is_emphasis_only(source: &str) -> bool {
    let text = source.trim().trim_end_matches(':').trim_end();
    ["**", "__", "*", "_"].iter().any(|mark| {
        text.len() > 2 * mark.len()
            && text.starts_with(mark)
            && text.ends_with(mark)
            && !text[mark.len()..text.len() - mark.len()].contains(mark)
            && !text.contains('\n')
    })
}

/// A heading id written MyST/Elastic style at the end of the heading text
/// (`Inbound traffic [ece-inbound]`): taken off the text and returned.
pub fn trailing_id(text: &mut String) -> Option<String> {
    let trimmed = text.trim_end();
    let inner = trimmed.strip_suffix(']')?;
    let open = inner.rfind('[')?;
    let id = &inner[open + 1..];
    let valid = !id.is_empty()
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        && !inner[..open].trim().is_empty();
    if !valid {
        return None;
    }
    let id = id.to_owned();
    let keep = inner[..open].trim_end().len();
    text.truncate(keep);
    Some(id)
}

/// The inside of `<!-- portolan: … -->`, if the HTML is such a comment.
fn pin_body(html: &str) -> Option<String> {
    let inner = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let body = inner.strip_prefix("portolan:")?;
    Some(body.trim().to_owned())
}

/// The text's lines, each with its byte offset and its line ending kept (grid and pandoc
/// tables are found line by line and must point back into the document).
pub(super) fn offset_lines(text: &str) -> Vec<(usize, &str)> {
    // `split_inclusive('\n')`'s lines, found with one `memchr` iterator over the page (each
    // page is cut into lines three times before it is read).
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut lines = Vec::with_capacity(newlines.clone().count() + 1);
    let mut start = 0;
    for newline in newlines {
        lines.extend(text.get(start..=newline).map(|line| (start, line)));
        start = newline + 1;
    }
    if start < text.len() {
        lines.extend(text.get(start..).map(|line| (start, line)));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_lines_are_the_inclusive_lines_with_their_offsets() {
        for text in ["", "\n", "a", "a\n", "a\r\nb", "\n\nü\nlast", "| x |\n|---|\n"] {
            let mut at = 0;
            let expected: Vec<(usize, &str)> = text
                .split_inclusive('\n')
                .map(|line| {
                    at += line.len();
                    (at - line.len(), line)
                })
                .collect();
            assert_eq!(offset_lines(text), expected, "{text:?}");
        }
    }

    #[test]
    fn regression_a_port_that_opens_a_bullet_item_was_taken_for_a_list_number() {
        let items = |md: &str| -> Vec<String> {
            parse(md)
                .into_iter()
                .filter_map(|b| match b {
                    Block::ListItem(item) if !item.trimmed().is_empty() => {
                        Some(item.trimmed().to_owned())
                    }
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            items("- 10800. Thin clients.\n- 47400. Discovery.\n"),
            ["10800. Thin clients.", "47400. Discovery."]
        );
        assert_eq!(
            items("10800. Thin clients.\n11211. JDBC.\n"),
            ["10800. Thin clients.", "11211. JDBC."]
        );
        // Steps keep their text as it was.
        assert_eq!(items("1. Install.\n2. Start.\n"), ["Install.", "Start."]);
        // The number is where the source has it.
        let md = "- 10800. Thin clients.\n";
        let Some(Block::ListItem(item)) = parse(md)
            .into_iter()
            .find(|b| matches!(b, Block::ListItem(i) if !i.trimmed().is_empty()))
        else {
            panic!()
        };
        assert_eq!(md.get(item.source_offset(0)..item.source_offset(0) + 5), Some("10800"));
    }

    #[test]
    fn blocks_in_order_with_code_dropped() {
        let md = "# Title {#top component=x}\n\n<!-- portolan: component=web -->\n| Port | Purpose |\n|---|---|\n| 443 | HTTPS |\n\n```\nport 22\n```\n\n- 161 (inbound) SNMP\n  - nested 162\n- second\n\nSome text with port 80.\n";
        let blocks = parse(md);
        let kinds: Vec<&str> = blocks
            .iter()
            .map(|b| match b {
                Block::Heading { .. } => "h",
                Block::Pin { .. } => "pin",
                Block::Table { .. } => "table",
                Block::ListItem(_) => "li",
                Block::Paragraph(_) => "p",
                Block::Label(_) => "label",
            })
            .collect();
        assert_eq!(kinds, ["h", "pin", "table", "li", "li", "li", "p"]);
        let Block::Heading { text, attributes, .. } = &blocks[0] else { panic!() };
        assert_eq!(text.trimmed(), "Title");
        assert!(attributes.contains(&("component".to_owned(), "x".to_owned())));
        let Block::Table { header, rows, .. } = &blocks[2] else { panic!() };
        assert_eq!(header[0].trimmed(), "Port");
        assert_eq!(rows[0].cells[0].trimmed(), "443");
        assert_eq!(&md[rows[0].cells[0].source_offset(0)..][..3], "443");
        // Nested item comes out before its parent finishes.
        let Block::ListItem(nested) = &blocks[3] else { panic!() };
        assert_eq!(nested.trimmed(), "nested 162");
        // It knows what its parent says before it; an outer item has no parent.
        assert_eq!(nested.parent_item.as_deref(), Some("161 (inbound) SNMP"));
        let Block::ListItem(outer) = &blocks[4] else { panic!() };
        assert_eq!(outer.parent_item, None);
        let Block::Paragraph(p) = &blocks[6] else { panic!() };
        let at = p.text.find("80").unwrap();
        assert_eq!(&md[p.source_offset(at)..][..2], "80");
    }

    #[test]
    fn callout_marker_leaked_into_the_condition() {
        let blocks = parse(
            ":::warning\nIf you enable the bridge, open 515/tcp.\n:::\n\n> [!NOTE]\n> Clients use 631/tcp.\n",
        );
        let texts: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.trimmed()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["If you enable the bridge, open 515/tcp.", "Clients use 631/tcp."]);
    }

    #[test]
    fn emphasis_only_paragraphs_are_labels_and_heading_ids_in_brackets_are_ids() {
        let md = "## Inbound traffic [fab-in]\n\n**Inbound traffic from other hosts**\n\n*Note:* port 1 is **open**\n";
        let blocks = parse(md);
        let Some(Block::Heading { text, attributes, .. }) = blocks.first() else { panic!() };
        assert_eq!(text.trimmed(), "Inbound traffic");
        assert_eq!(attributes.first(), Some(&("id".to_owned(), "fab-in".to_owned())));
        assert!(
            matches!(&blocks[1], Block::Label(l) if l.trimmed() == "Inbound traffic from other hosts")
        );
        assert!(matches!(&blocks[2], Block::Paragraph(_)));
    }
}
