//! One markdown document → one platform with its requirements.
//!
//! Cues are layered from general to specific: ancestor headings and their lead-in sentences,
//! heading-attribute pins, a pin comment before the block, then what the row or sentence says
//! itself. The most specific statement wins.

use std::collections::{BTreeMap, BTreeSet};

// Maps keyed by one document's ports and anchors: Fx hashing, SipHash's resistance buys
// nothing here (issue 15). No output depends on their order.
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::DocumentBody;
use super::alternatives;
use super::blocks::{self, Block, Located, PinScope, Row};
use super::cell_shapes;
use super::components::{Resolver, clean_name, role_names, slugify};
use super::coverage::{BlockCoverage, BlockKind, Coverage};
use super::cues::{Cues, flow_phrase, parse_pairs};
use super::doc_tools::{self, Normalised};
use super::flow_verbs;
use super::footnotes::{self, Footnotes};
use super::front_matter::{self, FrontMatter};
use super::if_clause;
use super::listen_peer;
use super::non_port;
use super::page_cues::PageCues;
use super::retired;
use super::sentences::{own_words, sentence_around, without_sentences_of};
use super::shapes::{
    inferred_port_column, labelled_ports, named_after_for, port_columns_as_rows, port_like_cells,
    service_column_names_protocols, tab_slug, transport_columns_as_rows, without_generic_tail,
};
use super::stray;
use super::text::{self, Mention};
use super::vocabulary::{
    ColumnRole, app_protocol, column_role, direction_cell, direction_cue, is_changelog_heading,
    is_condition_heading, is_every_host, is_generic_heading, is_other_offering_port_header,
    is_outside_world, is_unstated_port, necessity_cell, normalise, port_header_cues, protocol_cell,
    retired_cue, variant_of,
};
use crate::diagnostic::{Diagnostic, LineIndex, SourceLocation, line_column};
use crate::model::{
    Component, Direction, Platform, PortError, PortRange, Requirement, Transports, Variant,
};

// Rows from `docker run`, Compose and configuration snippets: the walker's part of `snippets`.
#[path = "snippet_rows.rs"]
mod snippet_rows;

/// A requirement before its component is settled and ids are assigned.
struct Draft {
    ports: PortRange,
    cues: Cues,
    section: String,
    /// Which heading the draft sits under (titles repeat: "Ingress" under AWS and Azure).
    section_index: usize,
    purpose: Option<String>,
    /// Texts that may name the component, most specific first (pins come before these).
    component_hints: Vec<String>,
    /// Explicit pinned components (may be a comma list), most specific first.
    pinned_components: Vec<String>,
    /// Byte offset of the mention (for the line/column) and of its block (for the anchor).
    offset: usize,
    block_offset: usize,
    /// Prose mentions merge per section and port instead of repeating.
    prose: bool,
    /// Deployment variant slug (pin, tab, or variant heading).
    variant: Option<String>,
    /// The purpose (last hint) may name a new component.
    purpose_creates: bool,
    /// The role cell said "All" / "All hosts": the row holds on every component of the page.
    every_component: bool,
    /// A list item's "(default 8300)" restates a port a table gives: it belongs to that row's
    /// component when there is one.
    restates_port: bool,
    /// Ports written as a slash pair ("9300/9343") share a group: one transport.
    slash_group: Option<usize>,
}

/// "platform/name": `format!` costs about ten times this, for every requirement's id and parts.
fn under(platform: &str, name: &str) -> String {
    let mut joined = String::with_capacity(platform.len() + 1 + name.len());
    joined.push_str(platform);
    joined.push('/');
    joined.push_str(name);
    joined
}

/// The value itself when `last` (its owner is done with it), else a copy.
fn take_or_clone<T: Clone + Default>(last: bool, value: &mut T) -> T {
    if last { std::mem::take(value) } else { value.clone() }
}

struct Section {
    level: u8,
    title: String,
    /// Heading cue phrases, attribute pins and lead-in sentences.
    cues: Cues,
    pinned_component: Option<String>,
    /// The component hint the heading gives, read once at the heading rather than at every
    /// row under it: `None` for a heading that names a table or topic ("Ports table") or a
    /// variant ("AWS"), after which no component is named.
    hint: Option<String>,
    /// A heading naming a protocol without ports ("### VRRP"): warned of when the section
    /// ends unless something under it was.
    non_port: Option<(Vec<(SourceLocation, non_port::Named)>, String)>,
    /// Ports its tables and list items gave: what numbered steps under it restate.
    listed: BTreeSet<PortRange>,
    /// A lead-in said every part has its ports ("Every … process opens …").
    every_part: bool,
}

pub(super) struct Extracted {
    pub platform: Platform,
    pub body: DocumentBody,
    pub diagnostics: Vec<Diagnostic>,
}

pub(super) fn extract(path: &str, text: &str) -> Extracted {
    let (split, mut diagnostics) = front_matter::split(path, text);
    let front = split.front_matter.clone();
    let platform_id = front
        .platform
        .clone()
        .filter(|p| !p.trim().is_empty())
        .map_or_else(|| file_stem(path), |p| slugify(&p));
    let normalised = doc_tools::normalise(split.body);
    let instance = super::templates::the_instance(&normalised.text);
    let resolver = Resolver::new(&front.components);
    let page = PageCues::of(&normalised.text);
    let closed_parts = if page.closed_parts {
        super::closed_parts::closed_parts(&normalised.text)
            .iter()
            .filter_map(|name| resolver.resolve(name))
            .collect()
    } else {
        BTreeSet::new()
    };
    let mut walker = Walker {
        path,
        lines: LineIndex::new(text),
        body_offset: split.body_offset,
        resolver,
        closed_parts,
        page,
        sections: Vec::new(),
        page_transport: None,
        section_count: 0,
        pin: None,
        pin_variant: None,
        item_pin: None,
        row_pins: Vec::new(),
        drafts: Vec::new(),
        diagnostics: Vec::new(),
        title_from_h1: None,
        normalised,
        coverage: Vec::new(),
        label: None,
        reached: None,
        list_run: None,
        variants: Vec::new(),
        table_ports: HashMap::default(),
        listed: BTreeSet::new(),
        items_listed: BTreeSet::new(),
        skips: Vec::new(),
        footnotes: Footnotes::default(),
        slash_groups: 0,
        instance,
        heading_drafts: None,
        table_transports: HashMap::default(),
        modes_lead_in: false,
        closed_lead_in: false,
        undeclared_blocks: BTreeSet::new(),
        later_tables: None,
        code_blocks: std::collections::VecDeque::new(),
        snippet_drafts: Vec::new(),
    };
    // `<PortsCustomNodes/>`: content rendered from another file is not read here; said.
    for (at, written, from) in super::included::components(split.body) {
        let (line, column) = walker.lines.line_column(split.body_offset + at);
        walker.diagnostics.push(
            Diagnostic::warning("content-included", SourceLocation::new(path, line, column), format!("`{written}` renders content imported from `{from}`, which is not in this page: any port it lists is not read"))
                .expected("the component's rows written in the page as a table, or a copy of the page with them inlined"),
        );
    }
    // Every tab of a tab group is a deployment alternative, rows or not.
    let tabs: Vec<(usize, String, String)> = walker
        .normalised
        .tabs
        .iter()
        .map(|tab| (tab.start, tab_slug(&tab.label), tab.label.clone()))
        .collect();
    walker.variants.extend(tabs);
    let (blocks, joined_purposes) = super::converter_shapes::undo(
        super::pandoc_table::insert(
            super::grid_table::merge_continuations(
                blocks::parse(&walker.normalised.text),
                &walker.normalised.grid_continuations,
                &walker.normalised.grid_headers,
            ),
            &walker.normalised.pandoc_tables,
        ),
        &walker.normalised.text,
    );
    // A purpose run together by a converter: where its lines were is a guess, said where made.
    for joined in &joined_purposes {
        let diagnostic = joined.diagnostic(walker.location(joined.offset));
        walker.diagnostics.push(diagnostic);
    }
    let (blocks, short_rows) = super::short_rows::mend(blocks, &walker.normalised.text);
    walker.report_short_rows(&short_rows);
    walker.table_transports = table_transports_per_section(&blocks);
    let table_ports = table_ports_per_section(&blocks, &walker.table_transports);
    walker.listed = table_ports.values().flatten().copied().collect();
    walker.table_ports = table_ports.clone();
    walker.footnotes = Footnotes::collect(&blocks);
    walker.code_blocks = super::snippets::code_blocks(&walker.normalised.text).into();
    walker.walk(&blocks, &table_ports);
    walker.apply_skips();
    walker.keep_snippet_rows();
    diagnostics.append(&mut walker.diagnostics);
    let title = front
        .title
        .clone()
        .or_else(|| walker.title_from_h1.clone())
        .unwrap_or_else(|| platform_id.clone());
    let mut requirements = walker.finish(&platform_id, &title);
    // Ports bound to the loopback, by number or by their rows' names (page cue gated).
    if walker.page.loopback {
        let listened = super::loopback::listened_ports(&walker.normalised.text);
        super::loopback::pin_host_local(&mut requirements, &listened);
        let paragraphs = super::named_loopback::loopback_paragraphs(&walker.normalised.text);
        super::named_loopback::pin_named_host_local(&mut requirements, &paragraphs);
    }
    walker.report_command_ports(&requirements);
    // What settling the components found (an undeclared pinned component) is reported too.
    diagnostics.append(&mut walker.diagnostics);
    let components = components_of(&platform_id, &front, walker.resolver.created());
    let mut variants = walker.variants();
    // One deployment named alone ("Existing clusters (on-premises)") is no alternative to
    // anything: its rows apply to every deployment, and no topology has a choice to make.
    if variants.len() < 2 {
        variants.clear();
        for requirement in &mut requirements {
            requirement.variant = None;
        }
    }
    crate::model::requirement_id::assign(&platform_id, &mut requirements);
    for block in &mut walker.coverage {
        if block.status != super::coverage::Status::Read && block.reason.is_none() {
            block.reason = Some("some rows hold no readable port; see the warnings".to_owned());
        }
    }
    if requirements.is_empty() {
        diagnostics.push(
            Diagnostic::warning("no-requirements", SourceLocation::new(path, 1, 1), "no port requirement was found in this document")
                .expected("a table with a port column, a list item starting with a port, prose such as \"port 443\", or a published port in a `docker run -p` / Compose `ports:` snippet"),
        );
    }
    let line_offset = line_column(text, split.body_offset).0.saturating_sub(1);
    Extracted {
        platform: Platform {
            id: platform_id.clone(),
            title,
            vendor: front.vendor.clone(),
            summary: front.summary.clone().or_else(|| front.description.clone()),
            sources: if front.sources.is_empty() {
                // A vendor page names its own URL in other keys; links into its site resolve there.
                front
                    .canonical_url
                    .iter()
                    .chain(front.mapped_pages.iter())
                    .take(1)
                    .map(|url| crate::model::Source {
                        title: "Original page".to_owned(),
                        url: url.clone(),
                    })
                    .collect()
            } else {
                front.sources.clone()
            },
            verified: front.verified.clone(),
            file: path.to_owned(),
            components,
            variants,
            requirements,
        },
        body: DocumentBody {
            platform: platform_id,
            path: path.to_owned(),
            // Doc-tool wrappers blanked, lines kept: the page renders the tables that were read.
            markdown: walker.normalised.text.clone(),
            line_offset,
            coverage: Coverage { blocks: walker.coverage, unresolved_peers: Vec::new() },
        },
        diagnostics,
    }
}

pub(super) fn file_stem(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let slug = slugify(stem);
    if slug.is_empty() { "platform".to_owned() } else { slug }
}

fn components_of(
    platform: &str,
    front: &FrontMatter,
    created: &BTreeMap<String, String>,
) -> Vec<Component> {
    let mut components: Vec<Component> = front
        .components
        .iter()
        .map(|(slug, decl)| Component {
            id: format!("{platform}/{slug}"),
            name: decl.name.clone().unwrap_or_else(|| slug.replace('-', " ")),
            description: decl.description.clone(),
            external: decl.external,
        })
        .collect();
    for (slug, name) in created {
        if !front.components.contains_key(slug) {
            components.push(Component {
                id: format!("{platform}/{slug}"),
                name: name.clone(),
                description: None,
                external: false,
            });
        }
    }
    components.sort_by(|a, b| a.id.cmp(&b.id));
    components
}

/// The roles of a table's header cells and the column holding its ports: the one its header
/// names, else the one its cells show (as the walker reads the table).
fn roles_and_port_column(
    header: &[Located],
    rows: &[Row],
) -> (Vec<Option<ColumnRole>>, Option<usize>) {
    let roles: Vec<Option<ColumnRole>> = header.iter().map(|h| column_role(h.trimmed())).collect();
    let port_column = roles.iter().position(|r| *r == Some(ColumnRole::Port)).or_else(|| {
        let headers: Vec<String> = header.iter().map(|h| h.trimmed().to_owned()).collect();
        inferred_port_column(&headers, &roles, rows)
    });
    (roles, port_column)
}

/// Ports that tables list, per section index: prose about the same port there is commentary.
/// A table counts for the sections that enclose its own too: "If the server sits behind a
/// firewall, open 1099 and 40002" over a `## Product ports` table listing both sums it up
/// (it made two more rows, conditional on the firewall). The ports are read from
/// `table_transports_per_section`'s keys (every port it found), not by parsing every port
/// cell again (issue 15).
fn table_ports_per_section(
    blocks: &[Block],
    transports: &HashMap<(usize, PortRange), Vec<Option<Transports>>>,
) -> HashMap<usize, BTreeSet<PortRange>> {
    // Each section's enclosing sections, outermost first.
    let mut enclosing: HashMap<usize, Vec<usize>> = HashMap::default();
    let mut section = 0;
    let mut open: Vec<(u8, usize)> = Vec::new();
    for block in blocks {
        if let Block::Heading { level, .. } = block {
            section += 1;
            while open.last().is_some_and(|(l, _)| l >= level) {
                open.pop();
            }
            enclosing.insert(section, open.iter().map(|(_, s)| *s).collect());
            open.push((*level, section));
        }
    }
    let mut map: HashMap<usize, BTreeSet<PortRange>> = HashMap::default();
    for (section, ports) in transports.keys() {
        map.entry(*section).or_default().insert(*ports);
        for outer in enclosing.get(section).into_iter().flatten() {
            map.entry(*outer).or_default().insert(*ports);
        }
    }
    map
}

/// The transports the tables state for each port, per section index (`None` for a row that
/// states none): prose naming another transport of a listed port is no commentary on its row
/// ("answers queries on TCP and UDP 53" over a table giving only UDP 53).
fn table_transports_per_section(
    blocks: &[Block],
) -> HashMap<(usize, PortRange), Vec<Option<Transports>>> {
    let mut map: HashMap<(usize, PortRange), Vec<Option<Transports>>> = HashMap::default();
    let mut section = 0;
    for block in blocks {
        match block {
            Block::Heading { .. } => section += 1,
            Block::Table { header, rows, .. } => {
                let (roles, Some(port_column)) = roles_and_port_column(header, rows) else {
                    continue;
                };
                let protocol_column = roles.iter().position(|r| *r == Some(ColumnRole::Protocol));
                for row in rows {
                    let Some(cell) = row.cells.get(port_column) else { continue };
                    let stated = protocol_column
                        .and_then(|c| row.cells.get(c))
                        .and_then(|c| protocol_cell(c.trimmed()).0);
                    for mention in text::port_cell(cell.trimmed()) {
                        if let Ok(ports) = mention.ports {
                            map.entry((section, ports))
                                .or_default()
                                .push(mention.transport.or(stated));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    map
}

struct Walker<'a> {
    path: &'a str,
    lines: LineIndex<'a>,
    body_offset: usize,
    resolver: Resolver,
    sections: Vec<Section>,
    /// The transport the page's opening words give every port ("all ports are TCP" before its
    /// first heading, on a page titled by its front matter): no section holds them.
    page_transport: Option<Transports>,
    section_count: usize,
    /// A pin comment waiting for its block, and the kind of block it has started applying to.
    pin: Option<(Cues, Vec<String>, Option<&'static str>)>,
    /// The variant the pin applying now names (it wins over tabs and headings).
    pin_variant: Option<String>,
    /// A pin written inside a list item, for that item alone (the item's block comes next).
    item_pin: Option<Cues>,
    /// Pins written inside a table row, for that row alone, by the row's start (the table's
    /// block comes after them).
    row_pins: Vec<(usize, Cues)>,
    drafts: Vec<Draft>,
    diagnostics: Vec<Diagnostic>,
    /// Sections already warned of rows of an undeclared component (`warn_undeclared`).
    undeclared_blocks: BTreeSet<(usize, String)>,
    title_from_h1: Option<String>,
    /// The body with doc-tool wrappers taken off, and where its tabs are.
    normalised: Normalised,
    coverage: Vec<BlockCoverage>,
    /// A bold lead-in or caption waiting for the table it titles.
    label: Option<String>,
    /// The part a lead-in says is reached on the ports below ("make sure the browser can
    /// reach the TURN servers on these:"): it listens, whatever way the items word it.
    reached: Option<(String, String)>,
    /// The coverage entry of the list being read.
    list_run: Option<usize>,
    /// (offset, slug, name) of every variant heading and tab.
    variants: Vec<(usize, String, String)>,
    /// Ports the tables list, per section index.
    table_ports: HashMap<usize, BTreeSet<PortRange>>,
    /// Every port a table of the document lists: a number in prose that is one of them refers
    /// to that row ("Do not expose PostgreSQL (5432)"), so it is not reported as unread.
    listed: BTreeSet<PortRange>,
    /// The ports the list items of the current section so far start with.
    items_listed: BTreeSet<PortRange>,
    /// "Skip 4569 if you do not link servers": (section index, port, the sentence, offset),
    /// applied to the port's rows of that section once the page is read (`apply_skips`).
    skips: Vec<(usize, PortRange, String, usize)>,
    /// Footnotes rows point at (`†`, `[^label]`).
    footnotes: Footnotes,
    /// Slash-pair groups handed out so far.
    slash_groups: usize,
    /// The one instance number the page states: port templates (`32NN`) are filled from it.
    instance: Option<String>,
    /// Declared parts the page says open nothing ("nothing has to be opened on the minions").
    closed_parts: BTreeSet<String>,
    /// The rarely written readings this page can need (`page_cues`).
    page: PageCues,
    /// The drafts the last heading stated (its section's number, their indexes).
    heading_drafts: Option<(usize, Range<usize>)>,
    /// The transports the tables state per section and port.
    table_transports: HashMap<(usize, PortRange), Vec<Option<Transports>>>,
    /// The paragraph before the list being read announced modes to pick among (`modes`).
    modes_lead_in: bool,
    /// The paragraph before the list says to keep its ports closed ("do not open the
    /// following ports:").
    closed_lead_in: bool,
    /// "Add rows from the other tables only where …": that condition, and how many tables
    /// were read since it was said (the sections after the first table take it).
    later_tables: Option<(String, usize)>,
    /// Code blocks not yet reached by the walk (`snippet_rows`).
    code_blocks: std::collections::VecDeque<super::snippets::CodeBlock>,
    /// Rows the code blocks' snippets give, kept where nothing else states their port.
    /// Snippet rows with their coverage entry, and whether each is a backend's (another
    /// part's port the snippet sends to).
    snippet_drafts: Vec<(usize, Draft, bool)>,
}

impl Walker<'_> {
    /// Rows a converter flattened from a merged (rowspan) cell: never read in silence.
    fn report_short_rows(&mut self, rows: &[super::short_rows::ShortRow]) {
        for row in rows {
            let (seen, done) = if row.mended {
                (
                    "its cells fit the columns to their right",
                    "read with the missing leading cells repeated from the row above",
                )
            } else {
                ("which columns are missing cannot be told", "not read")
            };
            self.diagnostics.push(
                Diagnostic::warning(
                    "table-row-short",
                    self.location(row.start),
                    format!(
                        "row has {} cells where the header has {}: a merged (rowspan) cell flattened by a converter? {seen}: {done}",
                        row.stated, row.columns
                    ),
                )
                .expected("every row with the header's cells: convert with pandoc, or repeat the merged cell in each row"),
            );
        }
    }

    fn location(&self, body_offset: usize) -> SourceLocation {
        let (line, column) = self.position(body_offset);
        SourceLocation::new(self.path, line, column)
    }

    /// File line and column of an offset in the normalised body.
    fn position(&self, body_offset: usize) -> (u32, u32) {
        self.lines.line_column(self.body_offset + self.normalised.original(body_offset))
    }

    /// The platform's variants in document order, each slug once.
    fn variants(&self) -> Vec<Variant> {
        let mut found = self.variants.clone();
        found.sort_by_key(|(offset, _, _)| *offset);
        let mut variants: Vec<Variant> = Vec::new();
        for (_, slug, name) in found {
            if !variants.iter().any(|v| v.slug == slug) {
                variants.push(Variant { slug, name });
            }
        }
        variants
    }

    /// The variant of a block at `offset`: the pin's, the tab's, then the headings'.
    fn variant_at(&self, offset: usize, cues: &Cues) -> Option<String> {
        self.pin_variant
            .clone()
            .or_else(|| self.tab_variant(offset))
            .or_else(|| cues.variant.clone())
    }

    fn tab_variant(&self, offset: usize) -> Option<String> {
        self.normalised.tab_at(offset).map(|tab| tab_slug(&tab.label))
    }

    fn coverage_entry(&self, kind: BlockKind, offset: usize) -> BlockCoverage {
        let (line, column) = self.position(offset);
        BlockCoverage {
            kind,
            line,
            column,
            section: self.section_title(),
            label: None,
            variant: self.variant_at(offset, &self.section_cues()),
            headers: Vec::new(),
            port_column: None,
            rows: 0,
            read: 0,
            requirements: 0,
            status: super::coverage::Status::Skipped,
            reason: None,
            assumptions: Vec::new(),
        }
    }

    fn section_title(&self) -> String {
        self.sections.last().map_or_else(String::new, |s| s.title.clone())
    }

    fn section_index(&self) -> usize {
        self.section_count
    }

    /// Cues of the whole section chain, outermost first.
    fn section_cues(&self) -> Cues {
        let page = Cues { transport: self.page_transport, ..Cues::default() };
        self.sections.iter().fold(page, |acc, s| acc.overlay(&s.cues))
    }

    fn pinned_components(&self) -> Vec<String> {
        let mut pinned = Vec::new();
        if let Some((cues, _, _)) = &self.pin
            && let Some(c) = &cues.component
        {
            pinned.push(c.clone());
        }
        pinned.extend(self.sections.iter().rev().filter_map(|s| s.pinned_component.clone()));
        pinned
    }

    /// Heading titles that may name a component, innermost first; `None` stands for a generic
    /// heading ("Ports table", "AWS") that names none.
    fn heading_hints(&self) -> Vec<Option<String>> {
        self.sections.iter().rev().map(|s| s.hint.clone()).collect()
    }

    /// Applies the waiting pin to a block of `kind`; a different kind of block ends it.
    fn take_pin(&mut self, kind: &'static str) -> Cues {
        let cues = self.take_pin_cues(kind);
        self.pin_variant = cues.variant.clone();
        cues
    }

    fn take_pin_cues(&mut self, kind: &'static str) -> Cues {
        match &mut self.pin {
            Some((cues, _, applied)) => match applied {
                None => {
                    *applied = Some(kind);
                    cues.clone()
                }
                Some(k) if *k == kind && kind == "item" => cues.clone(),
                Some(_) => {
                    self.pin = None;
                    Cues::default()
                }
            },
            None => Cues::default(),
        }
    }

    fn walk(&mut self, blocks: &[Block], table_ports: &HashMap<usize, BTreeSet<PortRange>>) {
        let mut term: Option<Located> = None;
        for (index, block) in blocks.iter().enumerate() {
            self.read_code_before(block.start());
            // "8090" then "HTTP connector: …" as two paragraphs (turndown's `<dl>`): the term
            // and its definition are read as one.
            if let Block::Paragraph(paragraph) = block
                && text::is_bare_port(&paragraph.text)
                && matches!(blocks.get(index + 1), Some(Block::Paragraph(next)) if !text::is_bare_port(&next.text) && text::leading_port(next.trimmed()).is_empty())
            {
                term = Some(paragraph.clone());
                continue;
            }
            let joined = match (term.take(), block) {
                (Some(term), Block::Paragraph(definition)) => {
                    Some(Block::Paragraph(Located::term_and_definition(&term, definition)))
                }
                _ => None,
            };
            let block = joined.as_ref().unwrap_or(block);
            // A list ends the pin when something else follows it.
            if !matches!(block, Block::ListItem(_) | Block::Pin { .. })
                && matches!(self.pin, Some((_, _, Some("item"))))
            {
                self.pin = None;
            }
            if !matches!(block, Block::ListItem(_) | Block::Pin { .. }) {
                self.list_run = None;
            }
            match block {
                Block::Heading { level, text, attributes } => {
                    self.label = None;
                    self.reached = None;
                    self.modes_lead_in = false;
                    self.closed_lead_in = false;
                    self.items_listed.clear();
                    self.heading(*level, text, attributes)
                }
                Block::Pin { body, start, scope: PinScope::Block } => self.read_pin(body, *start),
                Block::Pin { body, start, scope } => {
                    // Pins its own item or row only: the item or table is the next block (they
                    // are listed when they end). A pin before the list or table pins all of it.
                    let waiting = self.pin.take();
                    self.read_pin(body, *start);
                    let own = self.pin.take().map(|(cues, _, _)| cues);
                    self.pin = waiting;
                    match (scope, own) {
                        (PinScope::Row(row), Some(cues)) => self.row_pins.push((*row, cues)),
                        (_, own) => self.item_pin = own,
                    }
                }
                Block::Table { header, rows, start, html } => {
                    if let Some((_, tables)) = &mut self.later_tables {
                        *tables += 1;
                    }
                    let pin = self.take_pin("table");
                    let before = self.drafts.len();
                    self.table(header, rows, *start, *html, &pin);
                    self.row_pins.clear();
                    self.note_listed(before);
                    self.label = None;
                    self.reached = None;
                    self.modes_lead_in = false;
                    self.closed_lead_in = false;
                }
                Block::ListItem(item) if self.closed_lead_in => self.kept_closed_item(item),
                Block::ListItem(item) => {
                    let pin = match self.item_pin.take() {
                        Some(own) => self.take_pin("item").refine(own),
                        None => self.take_pin("item"),
                    };
                    let leading: Vec<PortRange> = text::leading_port(item.trimmed())
                        .into_iter()
                        .filter_map(|m| m.ports.ok())
                        .collect();
                    // "4. The controller connects straight to the agent on port 19202."
                    let listed: BTreeSet<PortRange> =
                        self.sections.iter().flat_map(|s| s.listed.iter().copied()).collect();
                    let named = super::steps::ports_named(item.trimmed());
                    // (A pinned step is the author's own row.)
                    if leading.is_empty()
                        && pin == Cues::default()
                        && super::steps::is_numbered(&self.normalised.text, item.start)
                        && super::steps::restates(&named, &listed)
                    {
                        self.restated_step(item, named.len());
                        continue;
                    }
                    let before = self.drafts.len();
                    self.list_item(item, &pin);
                    self.note_listed(before);
                    self.items_listed.extend(leading);
                }
                Block::Label(label) if text::prose(&label.text).is_empty() => {
                    // Titles the next table; said of the section only if no table follows.
                    self.label = Some(label.trimmed().to_owned());
                }
                Block::Paragraph(paragraph) | Block::Label(paragraph) => {
                    self.modes_lead_in = super::modes::announces_modes(&paragraph.text);
                    self.closed_lead_in = super::kept_closed::closes_the_list(&paragraph.text);
                    let pin = self.take_pin("paragraph");
                    let none = BTreeSet::new();
                    let ports_in_tables = table_ports.get(&self.section_index()).unwrap_or(&none);
                    // "The two ports 5004 and 5005 above": prose after list items that start
                    // with those ports is commentary on them, as on a table's rows.
                    if self.items_listed.is_empty() {
                        self.paragraph(paragraph, &pin, ports_in_tables);
                    } else {
                        let listed: BTreeSet<PortRange> =
                            ports_in_tables.union(&self.items_listed).copied().collect();
                        self.paragraph(paragraph, &pin, &listed);
                    }
                }
            }
        }
        self.read_code_before(usize::MAX);
        while !self.sections.is_empty() {
            self.end_section();
        }
    }

    fn heading(&mut self, level: u8, text: &Located, attributes: &[(String, String)]) {
        self.pin = None;
        self.section_count += 1;
        while self.sections.last().is_some_and(|s| s.level >= level) {
            self.end_section();
        }
        let title = text.trimmed().to_owned();
        if level == 1 && self.title_from_h1.is_none() {
            self.title_from_h1 = Some(title.clone());
        }
        let (pinned, problems) =
            Cues::from_pairs(attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for problem in problems {
            self.diagnostics.push(
                Diagnostic::warning("pin-invalid", self.location(text.start), problem)
                    .expected("heading attributes such as {#id component=slug direction=inbound exposure=internal necessity=required}"),
            );
        }
        let mut cues = Cues::from_text(&title);
        // A section after the core table, the lead-in having made the others extras.
        if let Some((condition, tables)) = &self.later_tables
            && *tables > 0
            && cues.necessity.is_none()
        {
            cues.necessity = Some(crate::model::Necessity::Conditional);
            cues.condition = Some(condition.clone());
        }
        // "Client --> Management point" (Configuration Manager's section titles): the machine
        // on the right answers, so the rows are its own, inbound from the one on the left;
        // "Site server <--> Distribution point": either starts, the rows go both ways.
        let arrow = super::cues::is_arrow_flow(&title).then(|| flow_phrase(&title)).flatten();
        if let Some(phrase) = &arrow {
            let way = if phrase.both_ways { Direction::Bidirectional } else { Direction::Inbound };
            cues.direction.get_or_insert(way);
            cues.peer.get_or_insert_with(|| phrase.source.clone());
        }
        // A heading names a section, not a flow: "Inbound traffic" is a direction, but a heading's
        // "internal" is about exposure and placement alike.
        cues = cues.overlay(&Cues { component: None, ..pinned.clone() });
        let named_variant = variant_of(&title);
        if let Some(slug) =
            pinned.variant.clone().or_else(|| named_variant.map(|(s, _)| s.to_owned()))
        {
            self.variants.push((text.start, slug.clone(), title.clone()));
            cues.variant = Some(slug);
        }
        // "### 8089 (management)": a heading that is a port names a row, not a component,
        // unless a table under it lists the port (then it titles that row). A port named
        // inside a heading ("SSH access (port 22)") titles the prose below, which is read.
        let mentions: Vec<Mention> = text::leading_port(&title)
            .into_iter()
            .filter(|m| {
                m.ports.as_ref().map_or(true, |p| {
                    !self.table_ports.get(&self.section_count).is_some_and(|t| t.contains(p))
                })
            })
            .collect();
        let mut mentions = mentions;
        mentions.extend(self.filled_templates(&title).into_iter().map(|(mention, _)| mention));
        let from_start = !text::leading_port(&title).is_empty() || !mentions.is_empty();
        // "If clustering is enabled", "HA only": when the section applies, not a part.
        let condition = is_condition_heading(&title);
        if condition && cues.necessity.is_none() {
            cues.necessity = Some(crate::model::Necessity::Conditional);
            cues.condition = Some(title.clone());
        }
        if_clause::optional_heading(&mut cues, &title);
        // "What's new in 12": a changelog's heading names a release, not a part.
        let generic = is_generic_heading(&title)
            || named_variant.is_some()
            || from_start
            || condition
            || is_changelog_heading(&title);
        let shift = text.text.len() - text.text.trim_start().len();
        let named: Vec<(SourceLocation, non_port::Named)> = non_port::named(&title)
            .into_iter()
            .map(|n| (self.location(text.source_offset(shift + n.span.start)), n))
            .collect();
        let non_port = (!named.is_empty()).then(|| (named, title.clone()));
        // The page's own title ("# Chat service network ports") names the platform: where the
        // front matter declares a single part and the title names none, rows that name no part
        // are that part's, not a new one made from the title.
        let page_title = level == 1
            && self.title_from_h1.as_deref() == Some(title.as_str())
            && self.resolver.single_declared().is_some()
            && self.resolver.resolve(&title).is_none();
        let mut hint = (!generic && !page_title).then(|| match &arrow {
            Some(phrase) => phrase.destination.clone(),
            None => named_after_for(&title),
        });
        // "MDS and Manager IP tables" (the newcomer's Ceph, session 16): a heading naming two
        // declared parts gives its rows to both, not to the first.
        if let Some(named) = &hint
            && let Some(parts) = self.resolver.resolve_alternatives(named)
            && parts.contains(", ")
        {
            hint = Some(parts);
        }
        // "Table 1 - Sync server to domain controllers": the rows are that flow.
        if cues.direction.is_none()
            && let Some((part, direction, peer)) = self.heading_flow(&title)
        {
            hint = Some(part);
            cues.direction = Some(direction);
            cues.peer = cues.peer.or(peer);
        }
        self.sections.push(Section {
            level,
            title: title.clone(),
            cues,
            pinned_component: pinned.component,
            hint,
            non_port,
            listed: BTreeSet::new(),
            every_part: false,
        });
        self.heading_ports(text, &title, mentions);
        // "### 32NN (dispatcher)": a template is said wherever it stands.
        self.report_templates(text, shift, &title);
    }

    /// A heading written as a flow between a part of the page and something else ("Sync server
    /// to domain controllers", "Table 2 - Sync server to the cloud directory"): the part that
    /// listens (the destination, when it is a part), or else the source connecting out; and
    /// the other end as the peer.
    fn heading_flow(&self, title: &str) -> Option<(String, Direction, Option<String>)> {
        let phrase = super::cues::flow_cell(super::vocabulary::title_flow(title))?;
        if phrase.both_ways {
            return None;
        }
        if self.resolver.resolve(&phrase.destination).is_some() {
            // "Connecting to a remote agent": the agent listens; the activity is no peer.
            let peer = (!super::cues::is_gerund(&phrase.source)).then_some(phrase.source);
            return Some((phrase.destination, Direction::Inbound, peer));
        }
        self.resolver
            .resolve(&phrase.source)
            .map(|_| (phrase.source, Direction::Outbound, Some(phrase.destination)))
    }

    /// "Directory access from Hub relay server" (Exchange's data paths), "Agent → license
    /// portal": on a page declaring its parts, a flow whose source names one of them and whose
    /// destination names none is that part connecting out, as the `From`/`To` columns are read
    /// (the destination was made a part of its own, listening). `None` when the ends do not
    /// say so; the destination stays the peer, questioned where it resolves to nothing.
    fn outward_flow(&self, phrase: &super::cues::FlowPhrase) -> Option<Direction> {
        let outward = !phrase.both_ways
            && self.resolver.declares_any()
            && self.resolver.resolve(&phrase.source).is_some()
            && !is_every_host(&phrase.destination)
            && self.resolver.resolve(&phrase.destination).is_none();
        outward.then_some(Direction::Outbound)
    }

    /// What the bold lead-in or caption over the next table says of its rows, and the part
    /// they are: "Inbound to managers:" names the listening part; "Table 4. Ports used for
    /// all-machine to control plane communications" a flow, read as a heading's would be.
    fn label_cues(&self) -> (Cues, Option<String>) {
        let Some(label) = self.label.as_deref() else {
            return (Cues::default(), None);
        };
        let mut cues = Cues::from_text(label);
        if let Some(part) = super::vocabulary::label_part(label) {
            return (cues, Some(part.to_owned()));
        }
        let lead_in = label.trim_end().ends_with(':');
        if cues.direction.is_none()
            && (super::vocabulary::is_table_caption(label) || lead_in)
            && let Some((part, direction, peer)) = self.heading_flow(label)
        {
            cues.direction = Some(direction);
            cues.peer = cues.peer.or(peer);
            return (cues, Some(part));
        }
        (cues, None)
    }

    /// The ports a heading states are rows of its section.
    fn heading_ports(&mut self, text: &Located, title: &str, mentions: Vec<Mention>) {
        if mentions.is_empty() {
            return;
        }
        let shift = text.text.len() - text.text.trim_start().len();
        let mut entry = self.coverage_entry(BlockKind::Heading, text.start);
        let drafts_before = self.drafts.len();
        let cues = self.section_cues();
        entry.rows = mentions.len();
        for mention in mentions {
            let offset = text.source_offset(shift + mention.span.start);
            self.push_mention(
                mention,
                &cues,
                offset,
                text.start,
                Some(title.to_owned()),
                Vec::new(),
                false,
            );
        }
        entry.requirements = self.drafts.len() - drafts_before;
        entry.read = entry.requirements.min(entry.rows);
        entry.status = BlockCoverage::status_of(entry.rows, entry.read);
        self.coverage.push(entry);
        self.heading_drafts = Some((self.section_count, drafts_before..self.drafts.len()));
    }

    /// "### UDP 50000–59999" then "Room systems also need this range outbound": the rows the
    /// heading stated take what the sentences without ports under it say, where they say
    /// nothing themselves.
    fn qualify_heading_rows(&mut self, cues: &Cues) {
        let Some((section, drafts)) = self.heading_drafts.clone() else { return };
        if section != self.section_count {
            return;
        }
        for draft in self.drafts.get_mut(drafts).into_iter().flatten() {
            let own = &mut draft.cues;
            own.direction = own.direction.or(cues.direction);
            own.exposure = own.exposure.or(cues.exposure);
            if own.necessity.is_none() && cues.necessity.is_some() {
                own.necessity = cues.necessity;
                own.condition = cues.condition.clone();
            }
        }
    }

    /// Warns of each port-looking number of `text` (at `shift` in `located`) outside `read`;
    /// returns how many there were.
    fn report_unread(
        &mut self,
        located: &Located,
        shift: usize,
        text: &str,
        read: &[Range<usize>],
    ) -> usize {
        // Nothing looks like a port in a text without a digit.
        if !text::has_digit(text) {
            return 0;
        }
        // "protocol 50" is a protocol number, warned of as such, not a port.
        let read: Vec<Range<usize>> =
            read.iter().cloned().chain(non_port::named(text).into_iter().map(|n| n.span)).collect();
        // "22 TCP - only over SSH (change it if your sshd does not use 22)": a number the same
        // text already read as a port restates it; so does one inside a range it read ("from
        // 6800 up … open the whole 6800-7568 range": the range's first port).
        let read_here: BTreeSet<PortRange> = read
            .iter()
            .flat_map(|r| text::port_cell(text.get(r.clone()).unwrap_or_default()))
            .filter_map(|m| m.ports.ok())
            .collect();
        let spans: Vec<Range<usize>> = stray::unread(text, &read)
            .into_iter()
            .filter(|span| {
                let token = text.get(span.clone()).unwrap_or_default();
                !text::port_cell(token).iter().any(|m| {
                    m.ports.as_ref().is_ok_and(|p| {
                        self.listed.contains(p) || read_here.iter().any(|r| r.contains(*p))
                    })
                })
            })
            .collect();
        for span in &spans {
            let token = text.get(span.clone()).unwrap_or_default();
            let offset = located.source_offset(shift + span.start);
            // History and a base counted up from are said as what they are.
            if super::counted_ports::is_earlier_release(text, span) {
                self.report_retired(offset, token);
                continue;
            }
            let location = self.location(offset);
            let warning = if super::counted_ports::is_base_port(text, span) {
                Diagnostic::warning("port-template", location, super::counted_ports::message(token))
                    .expected(super::counted_ports::EXPECTED)
            } else {
                Diagnostic::warning("port-unread", location, stray::message(token))
                    .expected(stray::EXPECTED)
            };
            self.diagnostics.push(warning);
        }
        spans.len()
    }

    /// Warns of each port template (`32NN`, `5NN13`) of `text` (at `shift` in `located`);
    /// returns how many there were.
    fn report_templates(&mut self, located: &Located, shift: usize, text: &str) -> usize {
        let mut spans = super::templates::port_templates(text);
        // Filled from the page's one instance number: read, see `filled_templates`.
        spans.retain(|span| self.filled(text.get(span.clone()).unwrap_or_default()).is_none());
        for span in &spans {
            let written = text.get(span.clone()).unwrap_or_default();
            let location = self.location(located.source_offset(shift + span.start));
            self.diagnostics.push(
                Diagnostic::warning("port-template", location, super::templates::message(written))
                    .expected(super::templates::EXPECTED),
            );
        }
        spans.len()
    }

    /// `{{< region-param key="tcp_port" >}}/tcp`: a port the site generator fills in, said.
    fn report_placeholder_ports(&mut self, located: &Located, text: &str) {
        if !text.contains("{{") && !text.contains("${") {
            return;
        }
        for span in super::templates::placeholder_ports(text) {
            let written = text.get(span.clone()).unwrap_or_default();
            let location = self.location(located.source_offset(span.start));
            self.diagnostics.push(
                Diagnostic::warning(
                    "port-template",
                    location,
                    super::templates::placeholder_message(written),
                )
                .expected(super::templates::EXPECTED),
            );
        }
    }

    /// The port a template stands for on this page, with the note its row carries.
    fn filled(&self, written: &str) -> Option<(u16, String)> {
        let instance = self.instance.as_deref()?;
        let port = super::templates::fill(written, instance)?;
        Some((port, super::templates::filled_note(written, instance, port)))
    }

    /// The templates of `text` filled from the page's one instance number, as mentions, with
    /// the note each row carries.
    fn filled_templates(&self, text: &str) -> Vec<(Mention, String)> {
        if self.instance.is_none() {
            return Vec::new();
        }
        super::templates::port_templates(text)
            .into_iter()
            .filter_map(|span| {
                let (port, note) = self.filled(text.get(span.clone())?)?;
                let mention = Mention {
                    ports: PortRange::single(port),
                    span,
                    transport: None,
                    app: None,
                    parenthetical: None,
                };
                Some((mention, note))
            })
            .collect()
    }

    /// "the data port + 10000 (16379 with the default)": adds the written value of each derived
    /// port of `text` (at `shift` in `located`) to `mentions` and returns the offsets' spans
    /// (no ports). A derived port without its value, in a text that states no port, is warned
    /// of where its offset stands.
    fn derived_ports(
        &mut self,
        located: &Located,
        shift: usize,
        text: &str,
        mentions: &mut Vec<Mention>,
    ) -> Vec<Range<usize>> {
        let found = super::derived::derived_ports(text);
        let states_ports = !mentions.is_empty() || found.iter().any(|d| d.value.is_some());
        let mut offsets = Vec::new();
        for derived in found {
            match derived.value {
                Some(value) => {
                    let overlaps = mentions
                        .iter()
                        .any(|m| m.span.start < value.end && value.start < m.span.end);
                    let port = text.get(value.clone()).and_then(|v| v.parse::<u16>().ok());
                    if let (false, Some(port)) = (overlaps, port) {
                        mentions.push(Mention {
                            ports: PortRange::single(port),
                            span: value,
                            transport: None,
                            app: None,
                            parenthetical: None,
                        });
                    }
                }
                None if !states_ports => {
                    let written = text.get(derived.offset.clone()).unwrap_or_default();
                    let location =
                        self.location(located.source_offset(shift + derived.offset.start));
                    self.diagnostics.push(
                        Diagnostic::warning(
                            "port-template",
                            location,
                            super::derived::message(written),
                        )
                        .expected(super::derived::EXPECTED),
                    );
                }
                None => {}
            }
            offsets.push(derived.offset);
        }
        offsets
    }

    /// Port columns whose header names another offering than the page's (`Managed-service
    /// port`): left unread, each with a located warning; returns the coverage notes.
    fn other_offering_columns(
        &mut self,
        header: &[Located],
        rows: &[Row],
        roles: &mut [Option<ColumnRole>],
    ) -> Vec<String> {
        let mut notes = Vec::new();
        let ports = roles.iter().filter(|r| **r == Some(ColumnRole::Port)).count();
        for (column, role) in roles.iter_mut().enumerate() {
            let Some(cell) = header.get(column) else { continue };
            if *role != Some(ColumnRole::Port)
                || ports < 2
                || !is_other_offering_port_header(cell.trimmed())
            {
                continue;
            }
            *role = Some(ColumnRole::Key);
            let with_ports = rows
                .iter()
                .any(|r| r.cells.get(column).is_some_and(|c| text::has_digit(c.trimmed())));
            if !with_ports {
                continue;
            }
            let shown = cell.trimmed();
            let note = format!(
                "column `{shown}` gives the ports of another offering than the one this page describes: not read"
            );
            let at = cell.source_offset(cell.text.len() - cell.text.trim_start().len());
            self.diagnostics.push(
                Diagnostic::warning("port-column-skipped", self.location(at), note.clone())
                    .expected(format!("the pin <!-- portolan: port-column=\"{shown}\" --> before the table to read that column instead")),
            );
            notes.push(note);
        }
        notes
    }

    /// Warns once that `written` (at `shift` in `located`) names protocols without ports;
    /// returns whether it did.
    fn report_non_port(&mut self, located: &Located, shift: usize, written: &str) -> bool {
        let found = non_port::named(written);
        let Some(first) = found.first() else { return false };
        let location = self.location(located.source_offset(shift + first.span.start));
        self.push_non_port(location, &found, written);
        true
    }

    /// Closes the innermost section, warning of a protocol its heading named that nothing
    /// under it did.
    fn end_section(&mut self) {
        if let Some(Section { non_port: Some((pending, title)), .. }) = self.sections.pop()
            && let Some((location, _)) = pending.first()
        {
            let found: Vec<non_port::Named> = pending.iter().map(|(_, n)| n.clone()).collect();
            self.push_non_port(location.clone(), &found, &title);
        }
    }

    fn push_non_port(
        &mut self,
        location: SourceLocation,
        found: &[non_port::Named],
        written: &str,
    ) {
        // Said under a heading that names it: one warning is enough.
        for section in &mut self.sections {
            if let Some((pending, _)) = &mut section.non_port {
                pending.retain(|(_, p)| !found.iter().any(|f| f.protocol == p.protocol));
                if pending.is_empty() {
                    section.non_port = None;
                }
            }
        }
        self.diagnostics.push(
            Diagnostic::warning("non-port-protocol", location, non_port::message(found, written))
                .expected(non_port::EXPECTED),
        );
    }

    /// One `non-port-protocol` warning per sentence of a paragraph that names such protocols;
    /// returns how many.
    fn report_non_port_sentences(&mut self, paragraph: &Located, text: &str) -> usize {
        let mut warned = 0;
        let mut sentence_starts: Vec<usize> = Vec::new();
        for named in non_port::named(text) {
            let sentence = sentence_around(text, named.span.start);
            let start = super::sentences::offset_in(text, sentence);
            if sentence_starts.contains(&start) {
                continue;
            }
            sentence_starts.push(start);
            if self.report_non_port(paragraph, start, sentence) {
                warned += 1;
            }
        }
        warned
    }

    fn read_pin(&mut self, body: &str, start: usize) {
        let pairs = parse_pairs(body);
        let (cues, problems) =
            Cues::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for problem in &problems {
            self.diagnostics.push(
                Diagnostic::warning("pin-invalid", self.location(start), problem.clone())
                    .expected("<!-- portolan: key=value … --> with keys component, peer, direction, necessity, condition, exposure, protocol, app, variant, port-column"),
            );
        }
        self.pin = Some((cues, problems, None));
    }

    fn table(&mut self, header: &[Located], rows: &[Row], start: usize, html: bool, pin: &Cues) {
        let roles: Vec<Option<ColumnRole>> =
            header.iter().map(|h| column_role(h.trimmed())).collect();
        if let Some((header, rows, notes)) = cell_shapes::plain_cells(header, rows, &roles) {
            let before = self.coverage.len();
            self.table(&header, &rows, start, html, pin);
            if let Some(entry) = self.coverage.get_mut(before) {
                entry.assumptions.extend(notes);
            }
            return;
        }
        self.plain_table(header, rows, start, html, pin, roles);
    }

    /// A table whose cells say what they mean (see `cell_shapes`).
    fn plain_table(
        &mut self,
        header: &[Located],
        rows: &[Row],
        start: usize,
        html: bool,
        pin: &Cues,
        mut roles: Vec<Option<ColumnRole>>,
    ) {
        let offering_notes = self.other_offering_columns(header, rows, &mut roles);
        // "Client port(s)" beside "Server port": the caller's ephemeral ports, no listener's.
        // Alone in a table it is the only port column there is ("Client port | 2181").
        let source_ports: Vec<String> = if roles.contains(&Some(ColumnRole::Port)) {
            roles
                .iter()
                .zip(header)
                .filter(|(r, _)| **r == Some(ColumnRole::SourcePort))
                .map(|(_, h)| h.trimmed().to_owned())
                .collect()
        } else {
            for role in roles.iter_mut().filter(|r| **r == Some(ColumnRole::SourcePort)) {
                *role = Some(ColumnRole::Port);
            }
            Vec::new()
        };
        if let Some((header, rows)) = transport_columns_as_rows(header, rows, &roles) {
            return self.table(&header, &rows, start, html, pin);
        }
        if let Some((header, rows, note)) = port_columns_as_rows(header, rows, &roles) {
            let before = self.coverage.len();
            self.table(&header, &rows, start, html, pin);
            if let Some(entry) = self.coverage.get_mut(before) {
                entry.assumptions.push(note);
            }
            return;
        }
        let headers: Vec<String> = header.iter().map(|h| h.trimmed().to_owned()).collect();
        let kind = if html { BlockKind::HtmlTable } else { BlockKind::Table };
        let mut protocol_services = None;
        let mut service_names = None;
        for (column, role) in roles.iter_mut().enumerate() {
            if *role == Some(ColumnRole::Component)
                && service_column_names_protocols(
                    headers.get(column).map_or("", String::as_str),
                    rows,
                    column,
                )
            {
                *role = Some(ColumnRole::Purpose);
                protocol_services = headers.get(column).cloned();
            } else if *role == Some(ColumnRole::Component)
                && super::shapes::service_name_column_names_no_part(
                    headers.get(column).map_or("", String::as_str),
                    rows,
                    column,
                    &|cell| self.resolver.resolve(cell).is_some(),
                )
            {
                *role = Some(ColumnRole::Purpose);
                service_names = headers.get(column).cloned();
            }
            if *role == Some(ColumnRole::Protocol)
                && super::shapes::type_column_describes(
                    headers.get(column).map_or("", String::as_str),
                    rows,
                    column,
                )
            {
                *role = Some(ColumnRole::Purpose);
            }
        }
        let mut entry = self.coverage_entry(kind, start);
        entry.headers = headers.clone();
        entry.label = self.label.clone();
        entry.assumptions.extend(offering_notes);
        for column in &source_ports {
            entry.assumptions.push(format!("column `{column}` holds the connecting side's own ports: no listener is there, so only the destination's ports are read"));
        }
        if let Some(column) = service_names {
            entry.assumptions.push(format!("column `{column}` names what runs on each port (a protocol or feature), not a declared part: read as the purpose, not as components"));
        }
        if let Some(column) = protocol_services {
            entry.assumptions.push(format!("column `{column}` names protocols (Kerberos, DNS …) of one host: read as the purpose, not as components"));
        }
        let pinned_column = self.section_cues().overlay(pin).port_column;
        let pinned = pinned_column.as_deref().and_then(|wanted| {
            let wanted = normalise(wanted);
            headers.iter().position(|h| normalise(h) == wanted).or_else(|| {
                // `port-column=2`: a 1-based column number.
                wanted
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .filter(|&i| i < headers.len())
            })
        });
        if let Some(column) = pinned {
            entry.assumptions.push(format!(
                "ports read from column `{}` as the pin says",
                headers.get(column).map_or("", String::as_str)
            ));
        }
        // A column headed as ports that holds no number while another column holds ports
        // ("Listener | Value") names things, not ports.
        let named = roles.iter().position(|r| *r == Some(ColumnRole::Port)).filter(|&column| {
            rows.iter()
                .any(|row| row.cells.get(column).is_some_and(|c| text::has_digit(c.trimmed())))
        });
        let inferred = || inferred_port_column(&headers, &roles, rows);
        let port_column = match pinned.or(named) {
            Some(column) => Some(column),
            None => inferred().inspect(|&column| {
                let shown = headers.get(column).map_or("", String::as_str);
                let note = format!("column `{shown}` is read as the port column: its cells are ports, though its header is not a port header");
                self.diagnostics.push(
                    Diagnostic::warning("port-column-inferred", self.location(start), note.clone())
                        .expected(format!("a column headed Port, or the pin <!-- portolan: port-column=\"{shown}\" --> to confirm")),
                );
                entry.assumptions.push(note);
            }),
        };
        let Some(port_column) = port_column else {
            // "Parameter | Required | Description/value": ports said in a settings table's
            // descriptions ("Default = 40001"), read as the keys' items.
            if let Some(key) = super::settings_rows::key_column(&headers, rows) {
                let items: Vec<Located> = rows
                    .iter()
                    .filter_map(|row| super::settings_rows::row_item(row, key, &roles))
                    .collect();
                if !items.is_empty() {
                    for item in &items {
                        self.list_item(item, pin);
                    }
                    return;
                }
            }
            let non_port_rows = self.report_non_port_rows(rows, &mut entry);
            let port_cells = port_like_cells(&headers, &roles, rows);
            let port_like_headers = roles
                .iter()
                .filter(|r| matches!(r, Some(ColumnRole::Protocol | ColumnRole::Direction)))
                .count();
            if port_cells > 0 || port_like_headers >= 2 {
                let why = if port_cells > 0 {
                    format!(
                        "{port_cells} cell(s) hold port-like values, but no column is headed as ports and none holds mostly ports"
                    )
                } else {
                    "its headers look like a port table's but no column holds ports".to_owned()
                };
                self.diagnostics.push(
                    Diagnostic::warning("table-without-port-column", self.location(start), format!("this table looks like a port table (columns: {}) but has no port column: {why}", headers.join(", ")))
                        .expected("a column headed Port, Ports, Port Range or Default port number, or the pin <!-- portolan: port-column=\"Header\" --> before the table"),
                );
                entry.rows = rows.len();
                entry.reason = Some(format!(
                    "not read: {why}; head the port column `Port` or put <!-- portolan: port-column=\"Header\" --> before the table"
                ));
                self.coverage.push(entry);
            } else if non_port_rows > 0 {
                entry.reason = Some(format!(
                    "{non_port_rows} row(s) name protocols without ports, which Portolan does not plan (see the non-port-protocol warnings)"
                ));
                self.coverage.push(entry);
            }
            return;
        };
        if (pinned.is_some() || named.is_none())
            && let Some(role) = roles.get_mut(port_column)
        {
            *role = Some(ColumnRole::Port);
        }
        entry.port_column = headers.get(port_column).cloned();
        let inferred_column = pinned.is_none() && named.is_none();
        // Without a purpose or component column, the first column that is neither ports nor
        // a known role says what the row is ("What | Port/Protocol").
        let fallback_purpose = (!roles
            .iter()
            .any(|r| matches!(r, Some(ColumnRole::Purpose | ColumnRole::Component))))
        .then(|| (0..roles.len()).find(|&c| c != port_column && roles.get(c) == Some(&None)))
        .flatten();
        // "Inbound ports", "UDP ports": the port header speaks for every row under it.
        let (header_direction, header_transport) =
            headers.get(port_column).map_or((None, None), |h| port_header_cues(h));
        let header_cues =
            Cues { direction: header_direction, transport: header_transport, ..Cues::default() };
        if let Some(direction) = header_direction {
            entry.assumptions.push(format!(
                "direction {} from the header `{}`",
                direction.as_str(),
                headers.get(port_column).map_or("", String::as_str)
            ));
        }
        // A bold lead-in or caption ("**Inbound traffic from other hosts**") titles this table.
        let (label_cues, label_part) = self.label_cues();
        let label_cues = within_condition(&self.section_cues(), label_cues);
        if let (Some(label), Some(direction)) = (&self.label, label_cues.direction) {
            entry
                .assumptions
                .push(format!("direction {} from the title `{label}`", direction.as_str()));
        }
        let mut section_cues =
            self.section_cues().overlay(&label_cues).overlay(&header_cues).overlay(pin);
        if self.reached.is_some() && section_cues.direction.is_none() {
            section_cues.direction = Some(Direction::Inbound);
        }
        let drafts_before = self.drafts.len();
        // Source and Target columns name both ends: they, not a Classification cell, say the way.
        let ends_named = roles.contains(&Some(ColumnRole::Source))
            || roles.contains(&Some(ColumnRole::Destination));
        // Vendors leave the component cell empty on continuation rows ("", "", "8472 UDP").
        let component_column = roles.iter().position(|r| *r == Some(ColumnRole::Component));
        let mut previous_component: Option<String> = None;
        // "| Worker | Hypervisor | 8006 |" then "| | Backup server | 10006 |": a From cell merged
        // down the rows it spans (flattened to blanks) continues the one above.
        let source_column = roles.iter().position(|r| *r == Some(ColumnRole::Source));
        let mut previous_source: Option<String> = None;
        // "| Firewall | Tunnel | 541 |" then "| | Logs | 514 |": a grouped first column naming
        // the other end (Peer, Source, Destination) continues down its group's blank rows.
        let grouped_end = roles
            .first()
            .copied()
            .flatten()
            .filter(|role| {
                matches!(role, ColumnRole::Peer | ColumnRole::Source | ColumnRole::Destination)
            })
            .filter(|_| super::grouped_column::is_grouped(rows, 0))
            .map(|_| 0);
        let mut previous_group: Option<String> = None;
        // An empty protocol cell under a stated one continues it (rowspans flattened to
        // markdown leave the later rows blank).
        let mut previous_protocol: Option<String> = None;
        // A group row (`| **Inter-node ports** | | |`): the part or condition of the rows under it.
        let mut group: Option<(Option<String>, Cues)> = None;
        for row in rows {
            if let Some(cell) = super::group_rows::heading(row, &self.normalised.text)
                && non_port::named(cell.trimmed()).is_empty()
            {
                group = self.group_heading(cell, &mut entry, component_column.is_some());
                continue;
            }
            let Some(port_cell) = row.cells.get(port_column) else {
                // A short row ("| ICMP |") may still name a flow the firewall must pass.
                if self.report_non_port_row(row) {
                    entry.rows += 1;
                }
                continue;
            };
            let port_text = port_cell.trimmed();
            // "Dynamic", "Chosen at start-up": a listener whose port nobody can write a rule
            // for until it is fixed; said, not dropped.
            if !text::has_digit(port_text) && is_unstated_port(port_text) {
                entry.rows += 1;
                self.diagnostics.push(
                    Diagnostic::warning("port-unstated", self.location(port_cell.source_offset(0)), format!("the port cell `{port_text}` says the port is picked at run time: no rule can be planned for it"))
                        .expected("a fixed port configured on the product and written in the table (or a pin)"),
                );
                continue;
            }
            // "Management | Ping | ICMP": a row read as no port still names the part that the
            // blank cells under it continue (they took the part of an earlier row).
            if !text::has_digit(port_text)
                && let Some(cell) = component_column.and_then(|c| row.cells.get(c))
                && !cell.trimmed().is_empty()
            {
                previous_component = Some(cell.trimmed().to_owned());
            }
            if !text::has_digit(port_text) {
                // "Standard NTP", "—": a statement without a port, not a broken row; but "ICMP"
                // is a flow the firewall must still let through.
                if self.report_non_port_row(row) {
                    entry.rows += 1;
                } else if super::vocabulary::is_port_set_elsewhere(port_text) {
                    // "Provider dependent", "Value from `spec.port`": a row whose port is
                    // looked up elsewhere was skipped as a statement, and lost in silence.
                    entry.rows += 1;
                    self.diagnostics.push(
                        Diagnostic::warning("port-unstated", self.location(port_cell.source_offset(0)), format!("the port cell `{port_text}` gives no number: the port is set elsewhere, so no rule can be planned for it"))
                            .expected("the port number written in the table (or a pin)"),
                    );
                }
                continue;
            }
            entry.rows += 1;
            // "Agent reports before 5.2 (no longer used)": a retired port is no requirement.
            if self.page.retired_cells && row.cells.iter().any(|cell| retired_cue(cell.trimmed())) {
                self.report_retired(port_cell.source_offset(0), port_text);
                continue;
            }
            // "49152–65535 | Source ports of recursive lookups": the caller's own ports, no
            // listener's; a rule to them would open what nobody listens on.
            if self.page.source_ports
                && row.cells.iter().enumerate().any(|(index, cell)| {
                    index != port_column && super::vocabulary::names_source_ports(cell.trimmed())
                })
            {
                let location = self.location(port_cell.source_offset(0));
                self.diagnostics.push(super::source_ports::warning(location, port_text));
                continue;
            }
            // "ESP | 50" or "ICMP | 8": the number is a protocol or ICMP type, not a port.
            // An empty protocol cell continues the one above, as below.
            let non_port_protocol = row.cells.iter().enumerate().find_map(|(index, cell)| {
                if roles.get(index).copied().flatten() != Some(ColumnRole::Protocol) {
                    return None;
                }
                let stated = cell.trimmed();
                let value = if stated.is_empty() { previous_protocol.as_deref()? } else { stated };
                (protocol_cell(value).0.is_none() && !non_port::named(value).is_empty())
                    .then(|| (cell, value.to_owned(), stated.is_empty()))
            });
            if let Some((cell, value, inherited)) = non_port_protocol {
                if inherited {
                    // Said in the row above: the warning stands at this row's port.
                    let location = self.location(port_cell.source_offset(0));
                    self.push_non_port(location, &non_port::named(&value), &value);
                } else {
                    self.report_non_port(
                        cell,
                        cell.text.len() - cell.text.trim_start().len(),
                        &value,
                    );
                }
                previous_protocol = Some(value);
                continue;
            }
            // "| 8 |  | ICMP echo request |": no transport stated in the row and a purpose that
            // names a protocol without ports: the number is that protocol's (a type, a code),
            // not a port.
            let transport_stated = protocol_cell(port_text).0.is_some()
                || row.cells.iter().enumerate().any(|(index, cell)| {
                    roles.get(index).copied().flatten() == Some(ColumnRole::Protocol)
                        && protocol_cell(cell.trimmed()).0.is_some()
                });
            // (A blank protocol cell continues the one above, but not against a purpose that
            // names a protocol without ports: the row's own words are more specific.)
            let non_port_purpose = (!transport_stated)
                .then(|| {
                    row.cells.iter().enumerate().find(|(index, cell)| {
                        let purpose = roles.get(*index).copied().flatten()
                            == Some(ColumnRole::Purpose)
                            || (roles.get(*index) == Some(&None)
                                && fallback_purpose == Some(*index));
                        purpose
                            && !non_port::named(cell.trimmed()).is_empty()
                            && super::vocabulary::transport_in_text(cell.trimmed()).is_none()
                    })
                })
                .flatten();
            if let Some((_, cell)) = non_port_purpose {
                self.report_non_port(
                    cell,
                    cell.text.len() - cell.text.trim_start().len(),
                    cell.trimmed(),
                );
                continue;
            }
            if self.report_non_port(
                port_cell,
                port_cell.text.len() - port_cell.text.trim_start().len(),
                port_text,
            ) {
                if protocol_cell(port_text).0.is_none()
                    || !text::has_digit(&non_port::without_names(port_text))
                {
                    // "IP protocol 50", "ICMP type 8": without TCP or UDP beside it, the
                    // cell's numbers are the protocol's, not ports.
                    continue;
                }
                // "22, ICMP": the ports are read, the protocol is left to the reader.
                entry.rows += 1;
            }
            if inferred_column && port_text.trim_matches('`').parse::<u32>().is_ok_and(|n| n < 20) {
                // "retries | 3" in a column read as ports only by its looks: a count.
                self.diagnostics.push(
                    Diagnostic::warning("port-cell-unreadable", self.location(port_cell.source_offset(0)), format!("`{port_text}` in a column read as ports by its looks is taken for a count, not a port"))
                        .expected("a column headed Port, or the pin <!-- portolan: port-column=\"Header\" --> to read every number in it as a port"),
                );
                continue;
            }
            let row_drafts = self.drafts.len();
            let mut row_cues = Cues::default();
            let mut purposes: Vec<&str> = Vec::new();
            let mut component_cell: Option<&str> = None;
            let continued = component_column.and_then(|c| row.cells.get(c)).is_some_and(|cell| {
                cell.trimmed().is_empty() || cell.trimmed() == "\"" || cell.trimmed() == "〃"
            });
            let inherited = if continued { previous_component.clone() } else { None };
            let source_merged = source_column.and_then(|c| row.cells.get(c)).is_some_and(|cell| {
                cell.trimmed().is_empty() || cell.trimmed() == "\"" || cell.trimmed() == "〃"
            });
            let inherited_source = if source_merged { previous_source.clone() } else { None };
            let group_cell = grouped_end.and_then(|c| row.cells.get(c)).map(|c| c.trimmed());
            let inherited_group = match group_cell {
                Some(value) if super::grouped_column::is_blank(value) => previous_group.clone(),
                Some(value) => {
                    previous_group = Some(value.to_owned());
                    None
                }
                None => None,
            };
            let mut source_cell: Option<&str> = None;
            let mut destination_cell: Option<&str> = None;
            let mut peer_cell: Option<&str> = None;
            let mut flow_cell: Option<&str> = None;
            // "Server → Agent" in a Direction column, "Relay → hosted instance" in a `Used By`
            // column: both ends of the flow, not a way or a peer.
            let mut arrow_cell: Option<&str> = None;
            for (index, cell) in row.cells.iter().enumerate() {
                let mut value = cell.trimmed();
                if Some(index) == grouped_end
                    && let Some(group) = inherited_group.as_deref()
                {
                    value = group;
                }
                if value.is_empty() || value == "-" || value == "—" {
                    continue;
                }
                match roles.get(index).copied().flatten() {
                    Some(ColumnRole::Purpose) => purposes.push(value),
                    None if fallback_purpose == Some(index) => purposes.push(value),
                    // A diagram key ("Number": 1, 2, 3) says nothing of the row: left out.
                    Some(ColumnRole::Key) => {}
                    Some(ColumnRole::Peer | ColumnRole::Direction | ColumnRole::Source)
                        if direction_cell(value).is_none() && super::cues::is_arrow_flow(value) =>
                    {
                        arrow_cell = Some(value);
                    }
                    // "Service: DataNode | Servers: All worker nodes": of two part columns,
                    // the cell naming a declared part says whose row it is, else the last.
                    Some(ColumnRole::Component)
                        if component_cell
                            .is_none_or(|kept| self.resolver.resolve(kept).is_none()) =>
                    {
                        component_cell = Some(value);
                    }
                    Some(ColumnRole::Component) => {}
                    Some(ColumnRole::Source) => source_cell = Some(value),
                    Some(ColumnRole::Destination) => destination_cell = Some(value),
                    Some(ColumnRole::Peer) => peer_cell = Some(value),
                    Some(ColumnRole::Flow) => flow_cell = Some(value),
                    _ => {}
                }
            }
            // "Service: Discovery | Source: Console | Destination: 224.1.1.2": where the ends
            // are named and one is a part of the page, a service cell naming no part says what
            // the row is for, not which part listens (the row was the service's, inbound, and
            // the address-as-outside rule below never ran).
            if let Some(service) = component_cell
                && self.resolver.resolve(service).is_none()
                && [source_cell, destination_cell]
                    .into_iter()
                    .flatten()
                    .any(|end| self.resolver.resolve(end).is_some())
            {
                purposes.push(service);
                component_cell = None;
                // "Source: Console | Destination: Console": the part talks to its own kind.
                if let (Some(source), Some(destination)) = (source_cell, destination_cell)
                    && self.resolver.resolve(source) == self.resolver.resolve(destination)
                {
                    component_cell = Some(source);
                }
            }
            if component_cell.is_none() {
                component_cell = inherited.as_deref();
            }
            previous_component = component_cell.map(str::to_owned);
            if source_cell.is_none() && destination_cell.is_some() {
                source_cell = inherited_source.as_deref();
            }
            previous_source = source_cell.map(str::to_owned);
            // Purpose phrases, words around the port number ("dependent on configuration") and
            // the component cell ("Internal") are the weakest row cues: below flow phrases and
            // explicit columns.
            let mut weak_cues = Cues::default();
            for purpose in &purposes {
                weak_cues = weak_cues.refine(Cues::from_text(purpose));
            }
            // "9000, 9001 (optional)": the note is 9001's alone (read per port below).
            let per_port_notes =
                port_text.contains('(') && super::port_notes::per_port(&text::port_cell(port_text));
            let cell_words = if per_port_notes {
                super::port_notes::outside_notes(port_text)
            } else {
                std::borrow::Cow::Borrowed(port_text)
            };
            let mut port_words = Cues::from_text(&cell_words);
            // "514/udp (514/tcp if reliable logging is on)": the cue is the inner port's.
            if port_text.split_once('(').is_some_and(|(_, inner)| text::opens_with_port(inner)) {
                port_words.necessity = None;
                port_words.condition = None;
            }
            weak_cues = weak_cues.refine(Cues {
                necessity: port_words.necessity,
                condition: port_words.condition,
                exposure: port_words.exposure,
                ..Cues::default()
            });
            if let Some(component) = component_cell {
                let cell_cues = Cues::from_text(component);
                weak_cues =
                    weak_cues.refine(Cues { necessity: None, condition: None, ..cell_cues });
            }
            // "NodePort Services†" … "† Only if you publish NodePort Services": the note the
            // row points at qualifies it, above its purpose words, below explicit columns.
            for note in self.footnotes.for_cells(&row.cells) {
                let note_cues = Cues::from_text(note);
                weak_cues = weak_cues.refine(Cues {
                    necessity: note_cues.necessity,
                    condition: note_cues.condition,
                    exposure: note_cues.exposure,
                    ..Cues::default()
                });
            }
            // A notes cell's own "when …" clause, "443 (if TLS is enabled)", "disabled (8501)":
            // conditional where no cue phrase said so (cell_conditions), or where the only cue
            // is the word "required" that the clause qualifies ("Required on all nodes if the
            // cluster has any remote nodes").
            if weak_cues.necessity.is_none()
                || (weak_cues.necessity == Some(crate::model::Necessity::Required)
                    && weak_cues.condition.is_none())
            {
                let header = headers.get(port_column).map(String::as_str);
                weak_cues = weak_cues.refine(super::cell_conditions::of_row(
                    &cell_words,
                    &purposes,
                    header,
                ));
            }
            for (index, cell) in row.cells.iter().enumerate() {
                let mut value = cell.trimmed();
                if roles.get(index).copied().flatten() == Some(ColumnRole::Protocol) {
                    if value.is_empty() {
                        value = previous_protocol.as_deref().unwrap_or("");
                        // A blank cell may be a flattened rowspan or a transport nobody wrote
                        // ("623 | | | BMC power"): the reading is shown, not made in silence.
                        if !value.is_empty() {
                            entry.assumptions.push(format!(
                                "the blank protocol cell of `{port_text}` continues `{value}` from the row above"
                            ));
                        }
                    } else {
                        previous_protocol = Some(value.to_owned());
                    }
                }
                match roles.get(index).copied().flatten() {
                    Some(ColumnRole::Protocol) if !value.is_empty() => {
                        let (transport, app) = protocol_cell(value);
                        if transport.is_none()
                            && app.is_none()
                            && value.chars().any(char::is_alphabetic)
                        {
                            self.diagnostics.push(
                                Diagnostic::warning("unknown-transport", self.location(cell.source_offset(0)), format!("protocol `{value}` is not a transport or a known application protocol"))
                                    .expected("TCP, UDP, SCTP, TCP/UDP, or a protocol such as HTTPS, SSH, DNS"),
                            );
                        }
                        row_cues.transport = transport.or(row_cues.transport);
                        row_cues.app_protocol = app.or(row_cues.app_protocol.take());
                        // "UDP (optional)", "TCP and UDP (optional)", "TCP (if enabled)": the
                        // bracket qualifies the row, not the transport; a condition the
                        // purpose states ("disabled by default") says more than "optional".
                        if let Some(inner) = bracketed(value)
                            && let Some(necessity) = super::vocabulary::necessity_cue(inner)
                            && weak_cues.necessity != Some(crate::model::Necessity::Conditional)
                        {
                            row_cues.necessity = Some(necessity);
                            row_cues.condition = (necessity
                                == crate::model::Necessity::Conditional)
                                .then(|| inner.to_owned());
                        }
                    }
                    Some(ColumnRole::Direction) if !value.is_empty() => {
                        if let Some(direction) = direction_cell(value) {
                            row_cues.direction = Some(direction);
                        }
                        if let Some(peer) = parenthesised_from(value) {
                            row_cues.peer = Some(peer);
                        }
                        // "Inbound from the internet": who may connect, said with the way.
                        if let Some(exposure) = super::vocabulary::exposure_cue(value) {
                            row_cues.exposure = Some(exposure);
                        }
                    }
                    Some(ColumnRole::Necessity) if !value.is_empty() => {
                        necessity_from_cell(&mut row_cues, headers.get(index), value);
                    }
                    Some(ColumnRole::Optional) if !value.is_empty() => {
                        if let Some(optional) = super::vocabulary::tick(value) {
                            row_cues.necessity = Some(if optional {
                                crate::model::Necessity::Optional
                            } else {
                                crate::model::Necessity::Required
                            });
                            row_cues.condition = None;
                        }
                    }
                    Some(ColumnRole::Exposure) if !value.is_empty() => {
                        let header = headers.get(index).map_or("", String::as_str);
                        if let Some(exposure) = super::vocabulary::exposure_cue(value)
                            .or_else(|| super::vocabulary::exposure_tick(header, value))
                        {
                            row_cues.exposure = Some(exposure);
                        }
                    }
                    // A ports-tool `Classification` cell: `Incoming`/`Outgoing` (a direction,
                    // below Source/Target columns, which name both ends) or `Optional`/
                    // `Required` (a necessity): read by what it says, never dropped.
                    None if !value.is_empty()
                        && headers
                            .get(index)
                            .is_some_and(|h| super::vocabulary::is_classification_header(h)) =>
                    {
                        necessity_from_cell(&mut row_cues, headers.get(index), value);
                        if !ends_named {
                            row_cues.direction = direction_cue(value).or(row_cues.direction);
                        }
                    }
                    _ => {}
                }
            }
            // "## Incoming ports" over "| Product | Purpose | Protocol and Port |" on the page of
            // one product: each row's Product is the one that connects in (or, under outgoing
            // ports, is connected to), not a listener of its own; the product of the page's
            // heading is its own peer (an HA pair). Per-product port pages are written so.
            if row_cues.direction.is_none()
                && source_cell.is_none()
                && destination_cell.is_none()
                && peer_cell.is_none()
                && matches!(section_cues.direction, Some(Direction::Inbound | Direction::Outbound))
                && component_column
                    .and_then(|c| headers.get(c))
                    .is_some_and(|h| matches!(normalise(h).as_str(), "product" | "products"))
                && let Some(product) = component_cell.take()
            {
                if self
                    .sections
                    .iter()
                    .any(|s| clean_name(&s.title).eq_ignore_ascii_case(&clean_name(product)))
                {
                    row_cues.direction = Some(Direction::Internal);
                }
                row_cues.peer.get_or_insert_with(|| product.to_owned());
            }
            let explicit_direction = row_cues.direction.or(section_cues.direction);
            let mut hints: Vec<String> = Vec::new();
            if let Some(component) = component_cell {
                hints.push(component.to_owned());
            } else if let Some(part) = group.as_ref().and_then(|(part, _)| part.clone()) {
                hints.push(part);
            } else if let Some(part) = &label_part {
                // "Inbound to managers:" or "Table 4. Ports used for all machines to the
                // control plane" over the table: the part every row is (listening on it,
                // unless the caption's flow names no part at its destination).
                hints.push(part.clone());
            }
            // A peer column names the other end, whichever the direction.
            if let Some(peer) = peer_cell {
                row_cues.peer.get_or_insert_with(|| peer.to_owned());
            }
            // "Product: Appliance | Source: Appliance | Target: Directory": the product's own
            // connection out; source and target both the product: between its hosts.
            if explicit_direction.is_none()
                && let (Some(component), Some(source)) = (component_cell, source_cell)
                && clean_name(component).eq_ignore_ascii_case(&clean_name(source))
            {
                match destination_cell {
                    Some(destination)
                        if clean_name(destination).eq_ignore_ascii_case(&clean_name(component)) =>
                    {
                        row_cues.direction.get_or_insert(Direction::Internal);
                        row_cues.peer.get_or_insert_with(|| source.to_owned());
                    }
                    Some(destination) => {
                        row_cues.direction.get_or_insert(Direction::Outbound);
                        row_cues.peer.get_or_insert_with(|| destination.to_owned());
                    }
                    None => {}
                }
                source_cell = None;
                destination_cell = None;
            }
            // Source and destination columns name the peer, and imply the direction.
            let mut every_destination = false;
            // "Edge relay | Internet (any)": a row to the outside world belongs to its source,
            // which connects out; the internet listens on no component of the page.
            let outward = component_cell.is_none()
                && explicit_direction.is_none()
                && source_cell.is_some_and(|s| !is_outside_world(s))
                && destination_cell.is_some_and(|d| {
                    is_outside_world(d) || super::vocabulary::is_address_literal(d)
                });
            // "Source: Console | Destination: Vendor cloud | OUTBOUND": the stated way makes
            // the source the row's part, connecting out (before, the destination was).
            let outward = outward
                || (component_cell.is_none()
                    && explicit_direction == Some(Direction::Outbound)
                    && source_cell.is_some()
                    && destination_cell.is_some());
            // "From: Hub server | To: Domain controller" on a page that declares its parts: a
            // destination naming none of them while the source names one is somewhere the part
            // connects out to (it was made a component of its own, listening).
            let outward = outward
                || (component_cell.is_none()
                    && explicit_direction.is_none()
                    && self.resolver.declares_any()
                    && source_cell.is_some_and(|s| self.resolver.resolve(s).is_some())
                    && destination_cell
                        .is_some_and(|d| !is_every_host(d) && self.resolver.resolve(d).is_none()));
            if outward && let (Some(source), Some(destination)) = (source_cell, destination_cell) {
                hints.insert(0, source.to_owned());
                row_cues.peer.get_or_insert_with(|| destination.to_owned());
                row_cues.direction.get_or_insert(Direction::Outbound);
            }
            if let Some(source) = source_cell.filter(|_| !outward) {
                row_cues.peer.get_or_insert_with(|| source.to_owned());
                if row_cues.direction.is_none() && explicit_direction.is_none() {
                    row_cues.direction = Some(Direction::Inbound);
                }
            }
            if let Some(destination) = destination_cell.filter(|_| !outward) {
                if explicit_direction == Some(Direction::Inbound)
                    || (source_cell.is_some() && component_cell.is_none())
                {
                    // "Inbound | Destination: Controller node", or "Source | Destination | Port"
                    // (VMware, Nutanix): the destination listens; it is the component. "All
                    // agents" there is every component of the page, as in a role cell.
                    if is_every_host(destination) {
                        every_destination = true;
                    } else {
                        hints.insert(0, destination.to_owned());
                    }
                } else {
                    row_cues.peer.get_or_insert_with(|| destination.to_owned());
                    if row_cues.direction.is_none() && explicit_direction.is_none() {
                        row_cues.direction = Some(Direction::Outbound);
                    }
                }
            }
            // "from Public zone to Gateway zone" in the port cell or "A → B" in the location cell.
            let mut flowed = false;
            if let Some(phrase) = arrow_cell.and_then(flow_phrase) {
                if explicit_direction.is_some() {
                    // A pinned or stated way decides which end is the row's.
                    apply_flow(&mut row_cues, &mut hints, explicit_direction, &phrase);
                } else {
                    let part: Vec<&str> = self.sections.iter().map(|s| s.title.as_str()).collect();
                    apply_part_flow(&mut row_cues, &mut hints, &phrase, &part.join(" "));
                }
                flowed = true;
            }
            for phrase_text in
                [Some(port_text), component_cell].into_iter().flatten().filter(|_| !flowed)
            {
                if let Some(phrase) = flow_phrase(phrase_text) {
                    let way = explicit_direction.or_else(|| self.outward_flow(&phrase));
                    apply_flow(&mut row_cues, &mut hints, way, &phrase);
                    flowed = true;
                    break;
                }
            }
            // "Management server to the database" in a `Connections initiated` column.
            if !flowed && let Some(phrase) = flow_cell.and_then(super::cues::flow_cell) {
                let way = explicit_direction.or_else(|| self.outward_flow(&phrase));
                apply_flow(&mut row_cues, &mut hints, way, &phrase);
            }
            let purpose = if purposes.is_empty() {
                component_cell.map(str::to_owned)
            } else {
                Some(purposes.join(" — "))
            };
            let mut mentions = text::port_cell(port_text);
            // "32NN" on a page that states one instance number: that instance's port.
            let filled = self.filled_templates(port_text);
            let purpose = with_filled_notes(purpose, &filled);
            mentions.extend(filled.into_iter().map(|(mention, _)| mention));
            // "base port + 4" in a port cell: the 4 is an offset, never port 4; the value
            // written after it is the port, and an unwritten one is a port-template warning.
            if port_text.contains('+') || super::derived::contains_ignoring_case(port_text, b"plus")
            {
                let offsets: Vec<Range<usize>> = super::derived::derived_ports(port_text)
                    .into_iter()
                    .map(|d| d.offset)
                    .collect();
                mentions.retain(|m| {
                    !offsets.iter().any(|o| m.span.start < o.end && o.start < m.span.end)
                });
                let lead = port_cell.text.len() - port_cell.text.trim_start().len();
                let warned = self.diagnostics.len();
                self.derived_ports(port_cell, lead, port_text, &mut mentions);
                if mentions.is_empty() && self.diagnostics.len() > warned {
                    continue;
                }
            }
            mentions.sort_by_key(|m| m.span.start);
            // `Start port | End port`: the end column closes the range the port column opens.
            if let Some(end_column) = roles.iter().position(|r| *r == Some(ColumnRole::PortEnd))
                && let Some(end_cell) = row.cells.get(end_column)
                && let [first] = mentions.as_mut_slice()
                && let [end] = text::port_cell(end_cell.trimmed()).as_slice()
                && let (Ok(start), Ok(last)) = (&first.ports, &end.ports)
                && last.end() != start.start()
            {
                first.ports = PortRange::new(start.start(), last.end());
            }
            // "6800 | Takes the first free port of the 6800-7300 range": the range is the row's.
            for mention in &mut mentions {
                if let Ok(port) = mention.ports
                    && let Some(range) = super::first_free::range_started_by(port, &purposes)
                {
                    mention.ports = Ok(range);
                }
            }
            // A description that names its transport ("DNS server (TCP and UDP)") is the last
            // resort, below the protocol column and the port cell itself.
            if row_cues.transport.is_none()
                && let Some(transport) =
                    purposes.iter().find_map(|p| super::vocabulary::transport_in_text(p))
            {
                weak_cues.transport = Some(transport);
            }
            let shift = port_cell.text.len() - port_cell.text.trim_start().len();
            let templates = self.report_templates(port_cell, shift, port_text);
            if mentions.is_empty() && templates > 0 {
                continue;
            }
            // "7001 (first zone; 7002 for a second zone)": a number the cell's reading left.
            // (Only a cell with more numbers than readings can hold one: most hold one port.)
            let numbers = port_text
                .as_bytes()
                .split(|b| !b.is_ascii_digit())
                .filter(|run| !run.is_empty())
                .count();
            if numbers > mentions.len() {
                let read_spans: Vec<Range<usize>> =
                    mentions.iter().map(|m| m.span.clone()).collect();
                self.report_unread(port_cell, shift, port_text, &read_spans);
            }
            if mentions.is_empty() {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "port-cell-unreadable",
                        self.location(port_cell.source_offset(0)),
                        format!("the port cell `{port_text}` holds no port number"),
                    )
                    .expected("a port (443), a range (2379-2380), or a list (80, 443)"),
                );
                continue;
            }
            // "Receives syslog from the switches" in the purpose: the row's part is the
            // receiver; what it receives says whether it listens or connects out.
            if explicit_direction.is_none()
                && row_cues.direction.is_none()
                && weak_cues.direction.is_none()
                && let Some(reading) = purposes
                    .iter()
                    .map(|p| flow_verbs::subjectless(p))
                    .find(|r| *r != flow_verbs::VerbReading::Silent)
            {
                match reading {
                    flow_verbs::VerbReading::Said(direction) => {
                        weak_cues.direction = Some(direction)
                    }
                    _ => {
                        let part =
                            component_cell.map_or_else(|| self.section_title(), str::to_owned);
                        self.diagnostics.push(
                            Diagnostic::warning("direction-unclear", self.location(port_cell.source_offset(shift)), flow_verbs::unclear_message(port_text, &part))
                                .expected("a Direction column, or the pin <!-- portolan: direction=inbound --> (it listens) or <!-- portolan: direction=outbound --> (it connects out) before the table"),
                        );
                    }
                }
            }
            let group_cues = group.as_ref().map(|(_, cues)| cues.clone()).unwrap_or_default();
            let mut cues = section_cues.overlay(&group_cues).overlay(&weak_cues).refine(row_cues);
            // "Source: Controller | Destination: Execution node | … 27199 is bi-directional":
            // the ends say who usually starts; the row's own words say either may (read as
            // the destination's inbound only, the other end's connections were refused).
            if matches!(cues.direction, Some(Direction::Inbound | Direction::Outbound))
                && purposes.iter().any(|p| super::vocabulary::says_both_ways(p))
            {
                cues.direction = Some(Direction::Bidirectional);
            }
            // The author's pin in the row's own cells wins over what its cells were read to say.
            // (Found, not taken: a row some shapes split in two keeps its start in both.)
            let cues = match self.row_pins.iter().find(|(at, _)| *at == row.start) {
                Some((_, own)) => cues.refine(own.clone()),
                None => cues,
            };
            for (role_hints, every_component) in role_hints_of(&hints, component_cell) {
                let first = self.drafts.len();
                for mention in &mentions {
                    let offset = port_cell.source_offset(mention.span.start);
                    let before = self.drafts.len();
                    // "(TCP 514 when reliable logging is on)": that port's own condition.
                    let own = mention.parenthetical.as_deref().and_then(if_clause::condition_of);
                    let mut cues = match own {
                        Some(condition) => Cues {
                            necessity: Some(crate::model::Necessity::Conditional),
                            condition: Some(condition),
                            ..cues.clone()
                        },
                        None => cues.clone(),
                    };
                    // "9000, 9001 (optional)": that port's own necessity.
                    if per_port_notes
                        && let Some(note) =
                            mention.parenthetical.as_deref().and_then(super::port_notes::note_cues)
                    {
                        cues.necessity = note.necessity;
                        cues.condition = note.condition;
                    }
                    // "TCP 4172 in; UDP 4172 both directions": each port's own way.
                    if let Some(way) = mention.parenthetical.as_deref().and_then(direction_cell) {
                        cues.direction = Some(way);
                    }
                    self.push_mention(
                        mention.clone(),
                        &cues,
                        offset,
                        row.start,
                        purpose.clone(),
                        role_hints.clone(),
                        false,
                    );
                    if self.drafts.len() > before
                        && let Some(draft) = self.drafts.last_mut()
                    {
                        draft.every_component |= every_component || every_destination;
                    }
                }
                self.pair_slashed(port_text, &mentions, first);
            }
            let spans: Vec<Range<usize>> = mentions.iter().map(|m| m.span.clone()).collect();
            self.mark_alternatives(
                port_text,
                &spans,
                |at| port_cell.source_offset(at),
                row_drafts,
                pin,
            );
            if self.drafts.len() > row_drafts {
                entry.read += 1;
            }
        }
        self.mark_backend_rows(&headers, rows, drafts_before, pin);
        entry.requirements = self.drafts.len() - drafts_before;
        entry.status = BlockCoverage::status_of(entry.rows, entry.read);
        if entry.rows == 0 {
            entry.reason = Some("no row has a port in the port column".to_owned());
        }
        self.coverage.push(entry);
    }

    /// One `non-port-protocol` warning for a table row, at the first cell that names one.
    fn report_non_port_row(&mut self, row: &Row) -> bool {
        row.cells.iter().any(|cell| {
            self.report_non_port(
                cell,
                cell.text.len() - cell.text.trim_start().len(),
                cell.trimmed(),
            )
        })
    }

    /// A group row's reading (`group_rows`): the part it names and the condition it states; on
    /// a page that declares parts, a row that gives neither over rows that do not name their
    /// parts (`rows_name_parts`: a component column) is reported, and the rows under it are
    /// read without it.
    fn group_heading(
        &mut self,
        cell: &Located,
        entry: &mut BlockCoverage,
        rows_name_parts: bool,
    ) -> Option<(Option<String>, Cues)> {
        let text = cell.trimmed().trim_end_matches(':').trim();
        let part = self.part_named(text).or_else(|| self.part_named(&without_generic_tail(text)));
        let mut cues = Cues::from_text(text);
        if_clause::condition_the_clause_states(&mut cues, text);
        if part.is_none() && cues == Cues::default() {
            // A page that declares no parts: a group row names one as a heading would.
            if !self.resolver.declares_any() && !is_generic_heading(text) {
                entry.assumptions.push(format!("the rows under `{text}` are its part's"));
                return Some((Some(text.to_owned()), cues));
            }
            // "*Other hosts*" over rows that each name their part: nothing of them is lost.
            if rows_name_parts {
                entry
                    .assumptions
                    .push(format!("the group row `{text}` is read from its rows' parts"));
                return None;
            }
            let location = self.location(cell.source_offset(0));
            self.diagnostics.push(
                Diagnostic::warning(
                    "table-group-row",
                    location,
                    super::group_rows::unread_message(text),
                )
                .expected(super::group_rows::EXPECTED),
            );
            return None;
        }
        entry.assumptions.push(format!("the rows under `{text}` are its group"));
        Some((part, cues))
    }

    /// Warns of every row of a table without a port column that names a protocol without
    /// ports, and counts them as rows not read.
    fn report_non_port_rows(&mut self, rows: &[Row], entry: &mut BlockCoverage) -> usize {
        let warned = rows.iter().filter(|row| self.report_non_port_row(row)).count();
        entry.rows += warned;
        warned
    }

    fn list_item(&mut self, item: &Located, pin: &Cues) {
        let text = item.trimmed();
        let leading = text::leading_port(text);
        let leading_trim = item.text.len() - item.text.trim_start().len();
        let (mut mentions, from_start) =
            if leading.is_empty() { (text::prose(text), false) } else { (leading, true) };
        // "5222 TCP - desktop client (5269 TCP is also used for linked servers)": a later
        // parenthesis that opens on a port gives the item one more port (it was said unread).
        if from_start && let Some(head_end) = mentions.iter().map(|m| m.span.end).max() {
            mentions.extend(text::ports_in_later_parentheses(text, head_end));
        }
        // "Admin API: 12300/12343": a name, then nothing but ports.
        let mut shift = 0;
        if mentions.is_empty()
            && let Some((_, ports)) = labelled_ports(text)
        {
            shift = super::sentences::offset_in(text, ports);
            mentions = text::port_cell(ports);
        }
        let filled = self.filled_templates(text.get(shift..).unwrap_or_default());
        let filled_purpose = with_filled_notes(Some(text.to_owned()), &filled);
        mentions.extend(filled.into_iter().map(|(mention, _)| mention));
        let offsets = if shift == 0 {
            self.derived_ports(item, leading_trim, text, &mut mentions)
        } else {
            Vec::new()
        };
        mentions.sort_by_key(|m| m.span.start);
        // "**Server RPC** (default 8300): … TCP only."
        let mut restates_port = false;
        if mentions.is_empty() {
            mentions = text::default_port(text);
            restates_port = true;
        }
        // "HTTP API (default 4646). Clients and servers both serve … on it. TCP only.": the
        // transport a sentence of its own states, and the parts the "on it" clause names.
        let default_transport =
            restates_port.then(|| super::default_items::transport_sentence(text)).flatten();
        let it_reading = restates_port.then(|| self.parts_of_it(text)).flatten();
        let read: Vec<Range<usize>> =
            mentions.iter().map(|m| m.span.start + shift..m.span.end + shift).collect();
        let read_or_offsets: Vec<Range<usize>> = read.iter().cloned().chain(offsets).collect();
        let unread = self.report_unread(item, leading_trim, text, &read_or_offsets)
            + self.report_templates(item, leading_trim, text)
            + usize::from(self.report_non_port(item, leading_trim, text));
        if mentions.is_empty() {
            if unread > 0 {
                let entry_index = self.list_entry(item);
                self.finish_list_item(entry_index, self.drafts.len());
            }
            return;
        }
        let drafts_before = self.drafts.len();
        let entry_index = self.list_entry(item);
        if unread > 0
            && let Some(entry) = self.coverage.get_mut(entry_index)
        {
            // The item's unread numbers (and protocols without ports) count as rows not read:
            // the list is only partly read.
            entry.rows += unread;
        }
        let label_cues = self.label.as_deref().map(Cues::from_text).unwrap_or_default();
        // "- Inbound port TCP 61616 must be open … if TLS is not required": the item's own
        // if-clause is its condition, as in prose.
        // "2049, 111 (only for NFSv3): file shares": the note is 111's alone (read per port).
        let per_port_notes = super::port_notes::per_port(&mentions);
        let own_text = match per_port_notes {
            true => super::port_notes::outside_notes(text),
            false => std::borrow::Cow::Borrowed(text),
        };
        let mut own = Cues::from_text(&own_text);
        if_clause::condition_the_clause_states(&mut own, &own_text);
        // "Passive checks: …" after "works in one of two modes": applies with that mode.
        if self.modes_lead_in
            && own.necessity.is_none()
            && let Some(condition) = super::modes::mode_condition(text)
        {
            own.necessity = Some(crate::model::Necessity::Conditional);
            own.condition = Some(condition);
        }
        let mut cues = self.section_cues().overlay(&label_cues).overlay(pin).overlay(&own);
        let mut hints = Vec::new();
        // "5060 UDP - SIP registration from remote phones and carriers": a declared part named
        // after "from" connects in (it was made the item's own part, listening). The peer is
        // the part itself, so that it is placed.
        if cues.peer.is_none()
            && cues.direction != Some(Direction::Outbound)
            && let Some(caller) = from_phrase(text)
            && let Some(part) =
                self.resolver.resolve(&caller).or_else(|| self.resolver.by_head_word(&caller))
        {
            cues.peer = Some(part.rsplit('/').next().unwrap_or(&part).to_owned());
            cues.direction.get_or_insert(Direction::Inbound);
        }
        if let Some((part, lead_in)) = self.reached.clone() {
            cues.direction = Some(Direction::Inbound);
            hints.push(part);
            // "If the browser cannot use the UDP range, make sure it can reach …:".
            if cues.necessity.is_none() {
                if_clause::condition_the_clause_states(&mut cues, &lead_in);
            }
        }
        // "Management broker:" over the list: every item is that part's, whatever other part
        // the item names ("… communication with the sync agents").
        if let Some(part) = self.label.as_deref().and_then(|l| self.named_part(l)) {
            hints.push(part);
        }
        // "- Indexer" holding "  - 8089/tcp: management port": an outer item that is only a
        // declared part's name makes the inner items that part's, as a caption does.
        let outer_part = item
            .parent_item
            .as_deref()
            .and_then(|p| self.part_named(p).or_else(|| self.undeclared_outer_part(p)));
        if let Some(part) = &outer_part {
            hints.push(part.clone());
        }
        // Whose clauses the item's subjectless verbs are: the outer item's part, else the
        // section's ("- Forwarder" holding "sends its events to the indexers on 9997/tcp").
        let speaker = outer_part.clone().unwrap_or_else(|| self.section_title());
        if (from_start || super::cues::opens_with_arrow(text))
            && let Some(phrase) = flow_phrase(text)
        {
            let explicit = cues.direction;
            apply_flow(&mut cues, &mut hints, explicit, &phrase);
        } else if let Some(phrase) =
            super::cues::opening_flow(text, |name| self.part_named(name).is_some())
        {
            // "Media server to client requires the TCP port for vnetd 13724": the second end
            // listens ("…, bidirectional": both may start).
            let explicit = cues.direction;
            apply_flow(&mut cues, &mut hints, explicit, &phrase);
        }
        let all_mentions = mentions.clone();
        let first = self.drafts.len();
        for mention in mentions {
            let offset = item.source_offset(leading_trim + shift + mention.span.start);
            let span = mention.span.start + shift..mention.span.end + shift;
            if self.page.retired_prose && retired::is_retired(text, &read, &span) {
                let written = text.get(span).unwrap_or_default().to_owned();
                self.report_retired(offset, &written);
                continue;
            }
            if self.page.kept_closed && super::kept_closed::is_kept_closed(text, &read, &span) {
                let written = text.get(span).unwrap_or_default().to_owned();
                self.report_kept_closed(offset, &written);
                continue;
            }
            let mut cues = cues.clone();
            if let Some(paren) = &mention.parenthetical
                && let Some(direction) = direction_cue(paren)
            {
                cues.direction = Some(direction);
            }
            if per_port_notes
                && let Some(note) =
                    mention.parenthetical.as_deref().and_then(super::port_notes::note_cues)
            {
                cues.necessity = note.necessity;
                cues.condition = note.condition;
            }
            // "8089: receives its configuration from the deployment server", "the relay
            // receives alerts on 8162": a receiving verb in the item, read as in prose.
            if cues.direction.is_none() {
                let tail_from = all_mentions.last().map_or(0, |m| m.span.end + shift);
                match item_verb_reading(text, span.start, from_start.then_some(tail_from), &speaker)
                {
                    flow_verbs::VerbReading::Said(direction) => {
                        cues.direction = Some(direction);
                        // "sends its events to the indexers on 9997": the other side, when it
                        // names a part, is the row's peer.
                        let before = text.get(..span.start).unwrap_or_default();
                        if let Some((listener, caller)) =
                            flow_verbs::listener_and_caller(&with_subject(before, &speaker))
                        {
                            let other =
                                if direction == Direction::Outbound { listener } else { caller };
                            if let Some(peer) = self.resolver.resolve(&other) {
                                cues.peer.get_or_insert(peer);
                            }
                        }
                    }
                    flow_verbs::VerbReading::Unclear => {
                        let written = text.get(span.clone()).unwrap_or_default();
                        self.diagnostics.push(
                            Diagnostic::warning("direction-unclear", self.location(offset), flow_verbs::unclear_message(written, &speaker))
                                .expected("the pin <!-- portolan: direction=inbound --> (it listens) or <!-- portolan: direction=outbound --> (it connects out) before the list"),
                        );
                    }
                    flow_verbs::VerbReading::Silent => {}
                }
            }
            let mut hints = hints.clone();
            if hints.is_empty()
                && let Some(part) =
                    self.verb_part(text.get(..span.start).unwrap_or_default(), &mut cues)
            {
                hints.push(part);
            }
            if mention.transport.is_none() && cues.transport.is_none() {
                cues.transport = default_transport;
            }
            // One row per part the "on it" clause names ("Clients and servers both serve …").
            let parts: Vec<Option<String>> = match &it_reading {
                Some(reading) if hints.is_empty() => {
                    if let Some(direction) = reading.direction {
                        cues.direction.get_or_insert(direction);
                    }
                    if let Some(peer) = &reading.peer {
                        cues.peer.get_or_insert_with(|| peer.clone());
                    }
                    reading.parts.iter().cloned().map(Some).collect()
                }
                _ => vec![None],
            };
            for part in parts {
                let before = self.drafts.len();
                let mut hints = hints.clone();
                hints.extend(part.clone());
                self.push_mention(
                    mention.clone(),
                    &cues,
                    offset,
                    item.start,
                    filled_purpose.clone(),
                    hints,
                    false,
                );
                if self.drafts.len() > before
                    && let Some(draft) = self.drafts.last_mut()
                {
                    // A part the item itself names is whose port it is, table or none.
                    draft.restates_port = restates_port && part.is_none();
                }
            }
        }
        self.pair_slashed(text.get(shift..).unwrap_or_default(), &all_mentions, first);
        self.mark_alternatives(text, &read, |at| item.source_offset(leading_trim + at), first, pin);
        self.finish_list_item(entry_index, drafts_before);
    }

    /// What the "on it" clause of a default-port item says of its port (see `default_items`):
    /// the parts a listening verb's subject or a flow verb's listening side names (each a row,
    /// inbound, the caller its peer), or else the parts its subject names, with no way. `None`
    /// when the clause names no declared part.
    fn parts_of_it(&self, text: &str) -> Option<ItReading> {
        let clause = super::default_items::clause_before_it(text)?;
        let parts = |side: &str| -> Vec<String> {
            let mut parts: Vec<String> = Vec::new();
            for name in role_names(side) {
                if let Some(slug) = self.resolver.resolve(name)
                    && !parts.contains(&slug)
                {
                    parts.push(slug);
                }
            }
            parts
        };
        // "Client agents talk to the servers on": the servers listen, the clients call.
        if let Some((listener, caller)) = flow_verbs::listener_and_caller(&clause) {
            let listening = parts(&listener);
            if !listening.is_empty() {
                let peer = self.resolver.resolve(&caller);
                return Some(ItReading {
                    parts: listening,
                    direction: Some(Direction::Inbound),
                    peer,
                });
            }
        }
        let words: Vec<&str> = clause.split_whitespace().collect();
        let verb = words
            .iter()
            .position(|w| super::vocabulary::is_listening_verb(&w.to_ascii_lowercase()));
        // "Clients and servers both serve the HTTP API on": each subject listens.
        if let Some(verb) = verb {
            let subject = words.get(..verb).unwrap_or_default().join(" ");
            let listening = parts(&subject);
            if !listening.is_empty() {
                return Some(ItReading {
                    parts: listening,
                    direction: Some(Direction::Inbound),
                    peer: None,
                });
            }
        }
        // "Servers gossip with the other servers on": whose port, not which way.
        let end = words
            .iter()
            .position(|w| {
                matches!(w.to_ascii_lowercase().as_str(), "with" | "to" | "on" | "over" | "from")
            })
            .unwrap_or(words.len());
        let subject = words.get(..end).unwrap_or_default().join(" ");
        let named = parts(&subject);
        (!named.is_empty()).then_some(ItReading { parts: named, direction: None, peer: None })
    }

    /// The ports of the rows made since `before`, listed in the current section (what numbered
    /// steps after them restate).
    fn note_listed(&mut self, before: usize) {
        let ports: Vec<PortRange> = self.drafts[before..].iter().map(|d| d.ports).collect();
        if let Some(section) = self.sections.last_mut() {
            section.listed.extend(ports);
        }
    }

    /// A numbered step restating `ports` ports listed above: read as commentary on them.
    fn restated_step(&mut self, item: &Located, ports: usize) {
        let entry_index = self.list_entry(item);
        if let Some(entry) = self.coverage.get_mut(entry_index) {
            entry.rows += ports;
            entry.read += ports;
            let note =
                "numbered steps restate ports listed above: read as commentary on those rows";
            if !entry.assumptions.iter().any(|a| a == note) {
                entry.assumptions.push(note.to_owned());
            }
            entry.status = BlockCoverage::status_of(entry.rows, entry.read);
        }
    }

    /// The coverage entry of the list `item` belongs to, opened by its first item.
    fn list_entry(&mut self, item: &Located) -> usize {
        match self.list_run {
            Some(index) => index,
            None => {
                let mut entry = self.coverage_entry(BlockKind::List, item.start);
                entry.label = self.label.clone();
                self.coverage.push(entry);
                self.list_run = Some(self.coverage.len() - 1);
                self.coverage.len() - 1
            }
        }
    }

    /// "9300/9343", "12300/12343": ports written as a slash pair (plain and TLS) are one
    /// service; a transport the document states for one of them holds for the other. Marks
    /// the drafts made from `mentions` (from index `first`) with a shared group.
    fn pair_slashed(&mut self, text: &str, mentions: &[Mention], first: usize) {
        if self.drafts.len() - first != mentions.len() {
            // A mention was not a port: indexes no longer line up, pair nothing.
            return;
        }
        for (k, pair) in mentions.windows(2).enumerate() {
            let between = text.get(pair[0].span.end..pair[1].span.start).unwrap_or_default();
            if between.trim() != "/" {
                continue;
            }
            let group = match self.drafts.get(first + k).and_then(|d| d.slash_group) {
                Some(group) => group,
                None => {
                    self.slash_groups += 1;
                    self.slash_groups
                }
            };
            for index in [first + k, first + k + 1] {
                if let Some(draft) = self.drafts.get_mut(index) {
                    draft.slash_group = Some(group);
                }
            }
        }
    }

    /// "8443 or 443", "9443 (or 443)", "8080/8443 if TLS is on": the drafts made from index
    /// `first` for these ports (found by their offsets) are conditional, the alternative or
    /// condition named. A pinned necessity, an optional row and a condition the row already
    /// states stand.
    fn mark_alternatives(
        &mut self,
        text: &str,
        spans: &[Range<usize>],
        offset_of: impl Fn(usize) -> usize,
        first: usize,
        pin: &Cues,
    ) {
        if pin.necessity.is_some() || spans.is_empty() {
            return;
        }
        for (run, written) in super::backends::unsure_runs(text, spans) {
            let at = spans.get(run.start).map_or(0, |s| offset_of(s.start));
            self.diagnostics.push(
                Diagnostic::warning(
                    "alternatives-unsure",
                    self.location(at),
                    format!("`{written}` names one port per product of one kind joined by \"and\": read as every port required, though a deployment may run only one of them"),
                )
                .expected("\"or\" or \"/\" between the ports when the deployment uses one of them (each then waits for `enable`), or leave \"and\" when every one is needed"),
            );
        }
        for (span, condition) in spans.iter().zip(alternatives::conditions(text, spans)) {
            let Some(condition) = condition else { continue };
            let offset = offset_of(span.start);
            for draft in self.drafts.iter_mut().skip(first).filter(|d| d.offset == offset) {
                let cues = &mut draft.cues;
                // "3000 or 443 (dependent on configuration)": a condition the alternatives' own
                // words state is theirs; the group stands.
                let own_words = cues.condition.as_deref().is_some_and(|stated| {
                    crate::model::is_alternatives_condition(&condition) && text.contains(stated)
                });
                let stated = match cues.necessity {
                    Some(crate::model::Necessity::Optional) => true,
                    Some(crate::model::Necessity::Conditional) => {
                        cues.condition.is_some() && !own_words
                    }
                    _ => false,
                };
                if !stated {
                    cues.necessity = Some(crate::model::Necessity::Conditional);
                    cues.condition = Some(condition.clone());
                }
            }
        }
    }

    /// `| Database | Port |` over `| PostgreSQL | 5432 |`, `| MySQL | 3306 |`: one row per
    /// backend the operator picks (see `backends`), so the rows are alternatives, not each
    /// required. Only under a backend header ("Database", "Backend", "Engine").
    fn mark_backend_rows(&mut self, headers: &[String], rows: &[Row], first: usize, pin: &Cues) {
        if pin.necessity.is_some() {
            return;
        }
        let Some(column) = headers.iter().position(|h| super::backends::is_choice_header(h)) else {
            return;
        };
        let cells: Vec<Option<&str>> =
            rows.iter().map(|row| row.cells.get(column).map(Located::trimmed)).collect();
        let runs = super::backends::row_runs(&cells);
        if runs.is_empty() {
            return;
        }
        // The table's drafts by row, found once (a long table must not be scanned per run).
        let mut by_row: HashMap<usize, Vec<usize>> = HashMap::default();
        for (k, draft) in self.drafts.iter().enumerate().skip(first) {
            by_row.entry(draft.block_offset).or_default().push(k);
        }
        for run in runs {
            let rows = rows.get(run.clone()).unwrap_or_default();
            // Every row of the run gave its port(s): else the choice is not whole, leave it.
            let per_row: Vec<Vec<usize>> = rows
                .iter()
                .map(|row| by_row.get(&row.start).cloned().unwrap_or_default())
                .collect();
            if per_row.iter().any(Vec::is_empty) {
                continue;
            }
            let written: Vec<String> = rows
                .iter()
                .zip(&per_row)
                .map(|(row, drafts)| {
                    let ports: Vec<String> = drafts
                        .iter()
                        .filter_map(|&k| self.drafts.get(k).map(|d| d.ports.to_string()))
                        .collect();
                    let label = row.cells.get(column).map_or("", Located::trimmed);
                    let label = label.trim_matches(['*', '_', '`']);
                    format!("{} ({label})", ports.join(" and "))
                })
                .collect();
            let condition =
                crate::model::alternatives_condition(&super::backends::one_of(&written));
            for k in per_row.into_iter().flatten() {
                if let Some(draft) = self.drafts.get_mut(k)
                    && draft.cues.necessity != Some(crate::model::Necessity::Optional)
                {
                    draft.cues.necessity = Some(crate::model::Necessity::Conditional);
                    draft.cues.condition = Some(condition.clone());
                }
            }
        }
    }

    /// "Skip 4569 if you do not link servers": the rows of 4569 in that section apply only
    /// under the sentence (a necessity or condition the row states stands). A port no row of
    /// the section gives is said, as an unread port was.
    fn apply_skips(&mut self) {
        let skips = std::mem::take(&mut self.skips);
        if skips.is_empty() {
            return;
        }
        // Drafts by section and port, found once (not every row once per sentence).
        let mut by_port: HashMap<(usize, PortRange), Vec<usize>> = HashMap::default();
        for (k, draft) in self.drafts.iter().enumerate() {
            by_port.entry((draft.section_index, draft.ports)).or_default().push(k);
        }
        let mut applied: BTreeSet<(usize, PortRange)> = BTreeSet::new();
        for (section, ports, condition, at) in skips {
            let drafts = by_port.get(&(section, ports)).map_or(&[][..], Vec::as_slice);
            let placed = !drafts.is_empty();
            // The port's first sentence of the section is its condition: a later one would
            // find the rows conditional already (and each pass costs a pass over the rows).
            let first = applied.insert((section, ports));
            for &k in drafts.iter().filter(|_| first) {
                let Some(draft) = self.drafts.get_mut(k) else { continue };
                let cues = &mut draft.cues;
                let stated = match cues.necessity {
                    None => false,
                    Some(crate::model::Necessity::Required) => cues.condition.is_some(),
                    Some(_) => true,
                };
                if !stated {
                    cues.necessity = Some(crate::model::Necessity::Conditional);
                    cues.condition = Some(condition.clone());
                }
            }
            if !placed {
                let location = self.location(at);
                self.diagnostics.push(
                    Diagnostic::warning(
                        "port-unread",
                        location,
                        format!("`{condition}` names port {ports}, but no row of this section gives it: no requirement was made from it"),
                    )
                    .expected(stray::EXPECTED),
                );
            }
        }
    }

    fn finish_list_item(&mut self, entry_index: usize, drafts_before: usize) {
        let made = self.drafts.len() - drafts_before;
        if let Some(entry) = self.coverage.get_mut(entry_index) {
            entry.rows += 1;
            entry.read += usize::from(made > 0);
            entry.requirements += made;
            entry.status = BlockCoverage::status_of(entry.rows, entry.read);
        }
    }

    fn paragraph(
        &mut self,
        paragraph: &Located,
        pin: &Cues,
        ports_in_tables: &BTreeSet<PortRange>,
    ) {
        self.label = None;
        self.reached = None;
        let text = &paragraph.text;
        // A definition list (`9997` then `: Forwarded data`) reaches here as one paragraph,
        // "9997 : Forwarded data": a port term, read like a list item.
        if text::is_port_term(text) {
            self.list_item(paragraph, pin);
            return;
        }
        let mut mentions = text::prose(text);
        let filled = self.filled_templates(text);
        let filled_notes: Vec<(Range<usize>, String)> =
            filled.iter().map(|(m, note)| (m.span.clone(), note.clone())).collect();
        mentions.extend(filled.into_iter().map(|(mention, _)| mention));
        let mut offsets = self.derived_ports(paragraph, 0, text, &mut mentions);
        // "Skip 4569 if …": the port's rows take the sentence as condition (`apply_skips`).
        for skip in super::skip_clause::skips(text) {
            for (span, ports) in skip.ports {
                let at = paragraph.source_offset(span.start);
                self.skips.push((self.section_index(), ports, skip.condition.clone(), at));
                offsets.push(span);
            }
        }
        mentions.sort_by_key(|m| m.span.start);
        if mentions.is_empty() {
            self.report_placeholder_ports(paragraph, text);
        }
        // A footnote speaks of the rows that point at it, not of the section.
        let footnote = paragraph.footnote_of.is_some()
            || footnotes::symbol_definition(paragraph.trimmed()).is_some();
        if mentions.is_empty() {
            // A sentence without ports sets the tone for what follows in its section.
            // "All ports are TCP unless UDP is written beside them": the "unless" is about the
            // transport, not a condition on the ports.
            let lower = text.to_ascii_lowercase();
            let unhedged = super::vocabulary::transport_hedge(&lower)
                .and_then(|at| text.get(..at))
                .unwrap_or(text);
            let mut cues = Cues::from_text(unhedged).overlay(pin);
            // "Every port in the matrix is TCP."
            cues.transport = cues.transport.or_else(|| super::vocabulary::blanket_transport(text));
            let caption = super::vocabulary::is_table_caption(text);
            if !footnote && !caption {
                self.qualify_heading_rows(&cues);
            }
            if caption {
                self.label = Some(paragraph.trimmed().to_owned());
            } else if !footnote && let Some(section) = self.sections.last_mut() {
                let mut cues = within_condition(&section.cues, cues);
                // "Used by agent services talking to each other within the host only": the
                // section's listeners are host-local (they were planned as network ports, and
                // the sentence's "only for" made them conditional).
                let host_local = super::loopback::says_host_local(&lower);
                if host_local {
                    cues.necessity = None;
                    cues.condition = None;
                }
                section.cues = section.cues.overlay(&Cues { component: None, peer: None, ..cues });
                if host_local {
                    section.cues.peer = Some("localhost".to_owned());
                }
                section.every_part |= super::every_part::says_every_part(text);
            } else if !footnote && self.sections.is_empty() {
                // Before any heading: only a blanket transport speaks for the whole page (a
                // condition or a direction of its introduction is not every row's).
                self.page_transport =
                    self.page_transport.or_else(|| super::vocabulary::blanket_transport(text));
            }
            if let Some(condition) = super::later_tables::condition(text) {
                self.later_tables = Some((condition, 0));
            }
            // "Inbound to managers:" right before a table titles it, as a bold label would;
            // so does "Management broker:" before a list (a declared part's name alone).
            // So does "… must be reachable from the platform nodes to the storage cluster:", a
            // lead-in naming a flow with a part at one end (read as a caption's flow).
            // "The browser must reach the conference server on these ports:": that part listens
            // on what follows ("Outgoing … to port 3478" is the caller's side of it).
            if text.trim_end().ends_with(':') {
                self.reached = reach_object(text)
                    .and_then(|object| self.part_named(object))
                    .map(|part| (part, text.clone()));
            }
            // "… other features, inside the local network only:": the list's exposure.
            if text.trim_end().ends_with(':')
                && (super::vocabulary::label_part(text).is_some()
                    || super::vocabulary::exposure_cue(text).is_some()
                    || self.named_part(text).is_some()
                    || (flow_phrase(text).is_some() && self.heading_flow(text).is_some()))
            {
                self.label = Some(paragraph.trimmed().to_owned());
            }
            let unread = self.report_unread(paragraph, 0, text, &offsets)
                + self.report_templates(paragraph, 0, text);
            let non_port = self.report_non_port_sentences(paragraph, text);
            if unread + non_port > 0 {
                let mut entry = self.coverage_entry(BlockKind::Paragraph, paragraph.start);
                entry.rows = unread + non_port;
                entry.reason = Some(if unread > 0 {
                    format!(
                        "{unread} number(s) look like ports, but no sentence says they are (see the port-unread warnings)"
                    )
                } else {
                    format!(
                        "{non_port} sentence(s) name protocols without ports, which Portolan does not plan (see the non-port-protocol warnings)"
                    )
                });
                self.coverage.push(entry);
            }
            return;
        }
        let read: Vec<Range<usize>> = mentions.iter().map(|m| m.span.clone()).collect();
        // Necessity and condition come from the sentences that state no port (lead-ins) and
        // from the mention's own words; another port's sentence does not qualify this one.
        let whole = Cues::from_text(text);
        let lead = Cues::from_text(&without_sentences_of(text, &read));
        let paragraph_cues = self
            .section_cues()
            .overlay(&Cues { necessity: None, condition: None, ..whole })
            .overlay(&Cues {
                necessity: lead.necessity,
                condition: lead.condition,
                ..Cues::default()
            })
            .overlay(pin);
        let mut entry = self.coverage_entry(BlockKind::Paragraph, paragraph.start);
        let drafts_before = self.drafts.len();
        let mut commentary = 0;
        // (The sections do not change while the paragraph is read.)
        let section_direction = self.section_cues().direction;
        // Ports of one sentence share its cues: read once per sentence.
        let mut sentence_cues: Option<(&str, Cues)> = None;
        for mention in mentions {
            entry.rows += 1;
            // A port a table of this section lists is commentary on that row, unless the
            // paragraph speaks of the other direction ("outbound rules … keep TCP 443 open"
            // under inbound rules).
            let other_direction = matches!(
                (paragraph_cues.direction, section_direction),
                (Some(here), Some(section)) if here != section
            );
            // "TCP and UDP 53" over a table row of UDP 53: TCP 53 is no row's.
            let other_transport = match (&mention.ports, mention.transport) {
                (Ok(ports), Some(said)) => self
                    .table_transports
                    .get(&(self.section_index(), *ports))
                    .is_some_and(|stated| {
                        stated.iter().all(|s| {
                            s.is_some_and(|s| !said.members().iter().all(|m| s.includes(*m)))
                        })
                    }),
                _ => false,
            };
            if let Ok(ports) = &mention.ports
                && ports_in_tables.contains(ports)
                && !other_direction
                && !other_transport
            {
                commentary += 1;
                continue;
            }
            if self.page.retired_prose && retired::is_retired(text, &read, &mention.span) {
                let written = text.get(mention.span.clone()).unwrap_or_default().to_owned();
                self.report_retired(paragraph.source_offset(mention.span.start), &written);
                continue;
            }
            if self.page.kept_closed
                && super::kept_closed::is_kept_closed(text, &read, &mention.span)
            {
                let written = text.get(mention.span.clone()).unwrap_or_default().to_owned();
                self.report_kept_closed(paragraph.source_offset(mention.span.start), &written);
                continue;
            }
            // "plus the ephemeral port range (1024–65535) for the replies": no listener's.
            if self.page.source_ports
                && super::source_ports::named_next_to(
                    text.get(..mention.span.start).unwrap_or_default(),
                    text.get(mention.span.end..).unwrap_or_default(),
                )
            {
                let written = text.get(mention.span.clone()).unwrap_or_default();
                let location = self.location(paragraph.source_offset(mention.span.start));
                self.diagnostics.push(super::source_ports::warning(location, written));
                continue;
            }
            let sentence = sentence_around(text, mention.span.start);
            let own_text = own_words(text, &read, mention.span.start);
            let mut own = Cues::from_text(own_text);
            if_clause::condition_the_clause_states(&mut own, own_text);
            // "Clients that mount volumes over NFS also need port 111": only for them, who
            // connect to it.
            if own.necessity.is_none_or(|n| n == crate::model::Necessity::Conditional)
                && let Some(condition) = super::needed_by::condition(own_text)
            {
                own.necessity = Some(crate::model::Necessity::Conditional);
                own.condition = own.condition.or(Some(condition));
                own.direction = own.direction.or(Some(Direction::Inbound));
            }
            // "The server polls the poller on 10052": which side the section's part is on.
            let mut verb_unclear = false;
            let mut verb_peer: Option<String> = None;
            let mut unclear_subject: Option<String> = None;
            // "… and connects to the server on 7790": the clause's subject is the sentence's.
            let from = if super::sentences::opens_with_shared_subject(own_text) {
                super::sentences::offset_in(text, sentence)
            } else {
                super::sentences::offset_in(text, own_text)
            };
            // The clause after a colon, with a subject and a verb of its own, says the flow.
            let from = from
                + super::sentences::flow_clause_start(
                    text.get(from..mention.span.start.max(from)).unwrap_or_default(),
                );
            let before_port = text.get(from..mention.span.start.max(from)).unwrap_or_default();
            if own.direction == Some(Direction::Outbound) {
                // "It connects out to the server on 7800/tcp" (the newcomer's walk, session
                // 14): the way is said; the verb's object, when it names a part, is the peer.
                verb_peer = flow_verbs::listener_and_caller(before_port)
                    .and_then(|(listener, _)| self.resolver.resolve_alternatives(&listener));
            }
            if own.direction.is_none() {
                // "If mirroring is enabled, the mirror vault receives …" under "Mirroring
                // (optional)": the subject names a declared part, so it is read as that part's.
                let subject = flow_verbs::subject_of(before_port)
                    .and_then(|s| self.resolver.resolve(&s).map(|slug| (s, slug)));
                // "Each wiki node connects to the database on" under "Database": a heading
                // naming a part is the side read; a subject naming another part is the other
                // side (both read as the part, the sentence said nothing).
                let heading_part = self
                    .heading_hints()
                    .into_iter()
                    .flatten()
                    .find_map(|h| self.resolver.resolve(&h));
                let part = match &subject {
                    Some((_, slug)) if heading_part.as_ref().is_some_and(|h| h != slug) => {
                        self.section_title()
                    }
                    // (The subject as written too: "the mirror vault" is the part `mirror`.)
                    Some((written, slug)) => {
                        format!("{} {} {written}", self.section_title(), slug.replace('-', " "))
                    }
                    None => self.section_title(),
                };
                let subject = subject.map(|(written, _)| written);
                unclear_subject = subject;
                match flow_verbs::direction_for(before_port, &part) {
                    flow_verbs::VerbReading::Said(direction) => {
                        own.direction = Some(direction);
                        // "… connects to the collector on 6620": the other side, when it
                        // names a part, is the row's peer.
                        verb_peer = flow_verbs::listener_and_caller(before_port)
                            .map(|(listener, caller)| match direction {
                                Direction::Outbound => listener,
                                _ => caller,
                            })
                            .and_then(|other| self.resolver.resolve_alternatives(&other));
                    }
                    flow_verbs::VerbReading::Unclear => verb_unclear = true,
                    flow_verbs::VerbReading::Silent => {}
                }
            }
            // "162/UDP¹" … "¹ Only when traps are sent": the note the port points at.
            if let Some(note) =
                self.footnotes.after_port(text.get(mention.span.end..).unwrap_or_default())
            {
                let note = Cues::from_text(note);
                if own.necessity.is_none() {
                    own.necessity = note.necessity;
                    own.condition = note.condition;
                }
            }
            let said = match &sentence_cues {
                Some((read, cues)) if *read == sentence => cues.clone(),
                _ => {
                    let cues = Cues::from_text(sentence);
                    sentence_cues = Some((sentence, cues.clone()));
                    cues
                }
            };
            // "listens on 7430 for the appliance, which connects to it": the appliance.
            let peer = {
                let from = super::sentences::offset_in(text, own_text);
                let end = super::sentences::offset_in(text, sentence) + sentence.len();
                listen_peer::peer_after_port(
                    text.get(from..mention.span.start.max(from)).unwrap_or_default(),
                    text.get(mention.span.end..end.max(mention.span.end)).unwrap_or_default(),
                    |name| self.resolver.resolve(name).is_some(),
                )
            };
            let mut cues = paragraph_cues
                .overlay(&Cues { necessity: None, condition: None, ..said })
                .overlay(&Cues {
                    necessity: own.necessity,
                    condition: own.condition,
                    direction: own.direction,
                    peer: peer.or(verb_peer),
                    ..Cues::default()
                })
                .overlay(pin);
            // "The agent connects to the monitoring server on 10051": the way was the agent's
            // but the row went to the longest part name of the sentence (the server, outbound).
            let verb_hints: Vec<String> = {
                let from = super::sentences::offset_in(text, own_text);
                let from = from
                    + super::sentences::flow_clause_start(
                        text.get(from..mention.span.start.max(from)).unwrap_or_default(),
                    );
                let before_port = text.get(from..mention.span.start.max(from)).unwrap_or_default();
                self.verb_part(before_port, &mut cues).into_iter().collect()
            };
            let offset = paragraph.source_offset(mention.span.start);
            // "The agent receives jobs from the server on 443": kept, and said to be unclear.
            if verb_unclear && cues.direction.is_none() {
                let written = text.get(mention.span.clone()).unwrap_or_default();
                self.diagnostics.push(
                    Diagnostic::warning("direction-unclear", self.location(offset), flow_verbs::unclear_message(written, unclear_subject.as_deref().unwrap_or(&self.section_title())))
                        .expected("the pin <!-- portolan: direction=inbound --> (it listens) or <!-- portolan: direction=outbound --> (it connects out) before the paragraph"),
                );
            }
            let note = filled_notes.iter().find(|(span, _)| *span == mention.span);
            let purpose = match note {
                Some((_, note)) => format!("{} ({note})", sentence.trim()),
                None => sentence.trim().to_owned(),
            };
            // "Every node listens on TCP port 5665": the port is every part's, as a lead-in
            // saying so makes the rows below it (the sentence's own port only).
            // (On a page declaring its parts: elsewhere the parts are the headings' own.)
            let every =
                self.resolver.declares_any() && super::every_part::says_every_part(sentence);
            let saved = self.sections.last().map(|s| s.every_part);
            if every && let Some(section) = self.sections.last_mut() {
                section.every_part = true;
            }
            self.push_mention(
                mention,
                &cues,
                offset,
                paragraph.start,
                Some(purpose),
                verb_hints,
                true,
            );
            if let (Some(section), Some(saved)) = (self.sections.last_mut(), saved) {
                section.every_part = saved;
            }
        }
        self.mark_alternatives(text, &read, |at| paragraph.source_offset(at), drafts_before, pin);
        entry.requirements = self.drafts.len() - drafts_before;
        entry.read = entry.requirements.min(entry.rows);
        let read_or_offsets: Vec<Range<usize>> = read.iter().cloned().chain(offsets).collect();
        entry.rows += self.report_unread(paragraph, 0, text, &read_or_offsets);
        entry.rows += self.report_templates(paragraph, 0, text);
        entry.rows += self.report_non_port_sentences(paragraph, text);
        if commentary > 0 {
            entry.assumptions.push(format!("{commentary} port(s) also listed in a table of this section: read as commentary on those rows"));
            entry.read = (entry.read + commentary).min(entry.rows);
        }
        entry.status = BlockCoverage::status_of(entry.rows, entry.read);
        self.coverage.push(entry);
    }

    /// "The monitoring server polls the agent on 10050" on a page that declares its parts,
    /// under headings naming none: the part the flow verb makes the listener owns the port
    /// (inbound, the caller its peer), or the caller when the text says the port is outbound
    /// from it. Before, the first part the sentence named took the port, whichever side it was.
    fn verb_part(&self, before_port: &str, cues: &mut Cues) -> Option<String> {
        if !self.resolver.declares_any()
            || self
                .heading_hints()
                .into_iter()
                .flatten()
                .any(|h| self.resolver.resolve(&h).is_some())
        {
            return None;
        }
        let (listener, caller) = flow_verbs::listener_and_caller(before_port)?;
        // "The server (or a proxy) connects to …": each part a side names takes a row.
        let listening = self.resolver.resolve_alternatives(&listener);
        let calling = self.resolver.resolve_alternatives(&caller);
        let (part, peer, way) = match (cues.direction, listening, calling) {
            (Some(Direction::Outbound), _, Some(calling)) => {
                (calling, listener, Direction::Outbound)
            }
            (None | Some(Direction::Inbound), Some(listening), _) => {
                (listening, caller, Direction::Inbound)
            }
            (None, None, Some(calling)) => (calling, listener, Direction::Outbound),
            _ => return None,
        };
        cues.direction = Some(way);
        // The other side, by the parts it names (its words carry the sentence's lead-in).
        if let Some(peer) = self.resolver.resolve_alternatives(&peer) {
            cues.peer.get_or_insert(peer);
        }
        Some(part)
    }

    #[allow(clippy::too_many_arguments)]
    fn push_mention(
        &mut self,
        mention: Mention,
        cues: &Cues,
        offset: usize,
        block_offset: usize,
        purpose: Option<String>,
        hints: Vec<String>,
        prose: bool,
    ) {
        let ports = match mention.ports {
            Ok(ports) => ports,
            Err(error) => {
                self.report_port_error(&error, offset);
                return;
            }
        };
        let mut cues = cues.clone();
        if let Some(app) = mention.app {
            let implied = app_protocol(&app).and_then(|a| a.transport).map(Transports::One);
            cues.app_protocol = Some(app);
            if mention.transport.is_none() && cues.transport.is_none() {
                cues.transport = implied;
            }
        }
        if let Some(transport) = mention.transport {
            cues.transport = Some(transport);
        }
        if cues.transport.is_none()
            && let Some(app) = cues.app_protocol.as_deref()
        {
            cues.transport = implied_by_app_list(app);
        }
        // "7800/tcp: remote probes connect here": the purpose names the port's peer, which
        // connects in.
        if cues.peer.is_none()
            && let Some(caller) = purpose.as_deref().and_then(flow_verbs::caller_of_this_port)
            && self.resolver.resolve(&caller).is_some()
        {
            cues.peer = Some(caller);
            cues.direction.get_or_insert(Direction::Inbound);
        }
        // "HTTP connector: browsers reach the wiki here": the side reached here is the row's
        // part, listening, when it names one (by name, last word, or a word only its name has).
        let mut hints = hints;
        if hints.is_empty()
            && let Some(reached) = purpose.as_deref().and_then(flow_verbs::reached_here)
            && let Some(part) = self
                .resolver
                .resolve(&reached)
                .or_else(|| self.resolver.by_head_word(&reached))
                .or_else(|| self.resolver.by_name_word(&reached))
        {
            hints.push(part);
            cues.direction.get_or_insert(Direction::Inbound);
        }
        // Cells and flow phrases name the component most directly; then the headings; the
        // purpose text last, since it often names the *other* side ("API access to the
        // management platform" under "Workload Cluster").
        let mut component_hints = hints;
        let headings = self.heading_hints();
        let only_generic = !headings.is_empty() && headings.iter().all(Option::is_none);
        component_hints.extend(headings.into_iter().flatten());
        // Under headings that name no component ("Ports table"), the purpose ("HTTP API") may
        // name a declared component but no new one: the platform's default takes the row.
        let purpose_creates = !only_generic;
        component_hints.extend(purpose.clone());
        let variant = self.variant_at(block_offset, &cues);
        // "Every log store process opens …" over the rows, none pinned to a part.
        let every_component = self.sections.iter().any(|s| s.every_part)
            && cues.component.is_none()
            && self.pinned_components().is_empty();
        self.drafts.push(Draft {
            ports,
            cues,
            section: self.section_title(),
            section_index: self.section_index(),
            purpose: purpose.map(|p| squeeze(&p)),
            component_hints,
            pinned_components: self.pinned_components(),
            offset,
            block_offset,
            prose,
            variant,
            purpose_creates,
            every_component,
            restates_port: false,
            slash_group: None,
        });
    }

    fn report_port_error(&mut self, error: &PortError, offset: usize) {
        let code = match error {
            PortError::Zero | PortError::TooLarge(_) => "port-out-of-range",
            PortError::Reversed { .. } => "port-range-reversed",
            PortError::NotANumber(_) => "port-not-a-number",
        };
        self.diagnostics.push(
            Diagnostic::warning(code, self.location(offset), error.to_string())
                .expected("a port from 1 to 65535, or an ascending range such as 2379-2380"),
        );
    }

    /// Ports that firewall commands in code blocks open but no row, item or sentence states.
    fn report_command_ports(&mut self, requirements: &[Requirement]) {
        if !self.page.commands {
            return;
        }
        for command in super::commands::ports_in_commands(&self.normalised.text) {
            let stated = requirements.iter().any(|r| {
                r.ports.contains(command.ports)
                    && match (r.transport, command.transport) {
                        (Some(ts), Some(t)) => ts.includes(t),
                        _ => true,
                    }
            });
            if stated {
                continue;
            }
            self.diagnostics.push(
                Diagnostic::warning(
                    "port-in-command",
                    self.location(command.offset),
                    format!("`{}` is opened by a firewall command in a code block, but no row, list item or sentence of the page states it: commands are examples, so no requirement was made", command.written),
                )
                .expected("the port stated in a table, a list or a sentence (\"mDNS on 5353/udp\")"),
            );
        }
    }

    /// An item of a list the lead-in says to keep closed: each port it names is warned of, none
    /// is a requirement.
    fn kept_closed_item(&mut self, item: &Located) {
        let text = item.trimmed();
        let leading_trim = item.text.len() - item.text.trim_start().len();
        let mut mentions = text::leading_port(text);
        if mentions.is_empty() {
            mentions = text::prose(text);
        }
        for mention in mentions {
            let written = text.get(mention.span.clone()).unwrap_or_default().to_owned();
            self.report_kept_closed(
                item.source_offset(leading_trim + mention.span.start),
                &written,
            );
        }
    }

    /// A port the page says is no longer used: no requirement, a warning at its column.
    fn report_kept_closed(&mut self, offset: usize, written: &str) {
        self.diagnostics.push(
            Diagnostic::warning(
                "port-kept-closed",
                self.location(offset),
                format!("`{written}` is described as a port to keep closed: no requirement is made of it"),
            )
            .expected("a port the product needs open; keep this one blocked as the page says"),
        );
    }

    fn report_retired(&mut self, offset: usize, written: &str) {
        self.diagnostics.push(
            Diagnostic::warning(
                "port-retired",
                self.location(offset),
                format!("`{written}` is described as not (or no longer) in use: no requirement is made of it"),
            )
            .expected("a port the product still uses; close this one if it is still open"),
        );
    }

    /// Settles components, merges repeated prose mentions, fills transports the document states
    /// elsewhere for the same port, and assigns ids.
    fn finish(&mut self, platform: &str, title: &str) -> Vec<Requirement> {
        let drafts = std::mem::take(&mut self.drafts);
        let mut merged: Vec<Draft> = Vec::new();
        let mut prose_seen: HashMap<(usize, PortRange, Option<Transports>), usize> =
            HashMap::default();
        for draft in drafts {
            if draft.prose {
                // "4145 UDP" and "TCP 4145" in one section are two requirements.
                let key = (draft.section_index, draft.ports, draft.cues.transport);
                // A sentence about another part's side of the port is a row of its own (the
                // newcomer's Zabbix: "the agent connects out to the server on 10051" and "an
                // active proxy connects to the server on 10051" made one row, the proxy's lost).
                if let Some(&index) = prose_seen.get(&key)
                    && !self.says_another_flow(&merged[index], &draft)
                {
                    let kept = &mut merged[index];
                    kept.cues = draft.cues.overlay(&kept.cues);
                    continue;
                }
                prose_seen.insert(key, merged.len());
            }
            merged.push(draft);
        }
        infer_transports(&mut merged);
        // "Ceph Monitors listen on … 6789" over `iptables … -p tcp --dport 6789` (the newcomer's
        // Ceph, session 16): a row naming no transport takes the one the page's own firewall
        // commands open its ports with, when they agree.
        if self.page.commands && merged.iter().any(|d| d.cues.transport.is_none()) {
            let commands = super::commands::ports_in_commands(&self.normalised.text);
            for draft in merged.iter_mut().filter(|d| d.cues.transport.is_none()) {
                let mut said =
                    commands.iter().filter(|c| c.ports == draft.ports).filter_map(|c| c.transport);
                if let Some(first) = said.next()
                    && said.all(|t| t == first)
                {
                    draft.cues.transport = Some(Transports::One(first));
                }
            }
        }
        // Under a changelog heading ("What changed in 5.2") a port the page gives elsewhere
        // restates it: it is that row's part's, not the heading's above the changelog.
        // (Each heading read once, the ports outside changelogs kept in a set: big documents
        // have many drafts.)
        let mut previous: Option<(&str, bool)> = None;
        let in_changelog: Vec<bool> = merged
            .iter()
            .map(|d| match previous {
                // Drafts of one section follow each other: its heading is read once.
                Some((section, log)) if section == d.section => log,
                _ => {
                    let log = is_changelog_heading(&d.section);
                    previous = Some((&d.section, log));
                    log
                }
            })
            .collect();
        let ports_elsewhere: BTreeSet<PortRange> = merged
            .iter()
            .zip(&in_changelog)
            .filter(|(_, log)| !**log)
            .map(|(d, _)| d.ports)
            .collect();
        let restated: Vec<bool> = merged
            .iter()
            .zip(&in_changelog)
            .map(|(draft, log)| {
                *log && draft.pinned_components.is_empty() && ports_elsewhere.contains(&draft.ports)
            })
            .collect();
        for (draft, restates) in merged.iter_mut().zip(restated) {
            draft.restates_port |= restates;
        }
        let resolved: Vec<Option<Vec<String>>> =
            merged.iter().map(|d| self.declared_components_for(d)).collect();
        let owners = same_port_owners(&merged, &resolved);
        let mut settled: Vec<Vec<String>> = Vec::with_capacity(merged.len());
        // The first part settled for each port (and transport): who a restated port is.
        let mut earlier: HashMap<(PortRange, Option<Transports>), Vec<String>> = HashMap::default();
        // The parts rows outside changelogs were given so far, in page order.
        let mut parts_outside_changelogs: Vec<String> = Vec::new();
        let mut parts_seen: BTreeSet<String> = BTreeSet::new();
        for (index, draft) in merged.iter().enumerate() {
            let components = if draft.every_component || draft.restates_port {
                Vec::new()
            } else {
                match &resolved[index] {
                    Some(components) => components.clone(),
                    None => match owners.get(&(draft.ports, draft.cues.transport)) {
                        Some(owner) => vec![owner.clone()],
                        // Under headings that name no part ("Hardening"), a port a row above
                        // gives is that row's part's rather than the page's.
                        None => {
                            match earlier.get(&(draft.ports, draft.cues.transport)).filter(|_| {
                                !draft.purpose_creates
                                    && draft.component_hints.len()
                                        <= usize::from(draft.purpose.is_some())
                            }) {
                                Some(components) => components.clone(),
                                // A port a changelog adds: the part the entry names.
                                None => match in_changelog[index]
                                    .then(|| {
                                        super::changelog::part_named(
                                            draft.purpose.as_deref().unwrap_or_default(),
                                            &parts_outside_changelogs,
                                        )
                                    })
                                    .flatten()
                                    .filter(|_| draft.pinned_components.is_empty())
                                {
                                    Some(part) => vec![part],
                                    None => vec![self.create_component_for(draft, platform, title)],
                                },
                            }
                        }
                    },
                }
            };
            if !in_changelog[index] {
                for component in &components {
                    if parts_seen.insert(component.clone()) {
                        parts_outside_changelogs.push(component.clone());
                    }
                }
            }
            if !components.is_empty() {
                earlier
                    .entry((draft.ports, draft.cues.transport))
                    .or_insert_with(|| components.clone());
                earlier.entry((draft.ports, None)).or_insert_with(|| components.clone());
            }
            settled.push(components);
        }
        // The row's direction and peer are the table's too: a bullet restating a port rarely
        // says them.
        let mut owner_cues: Vec<(usize, Cues)> = Vec::new();
        let mut restating_everyone: Vec<usize> = Vec::new();
        for (index, draft) in merged.iter().enumerate() {
            if draft.restates_port {
                // The row it restates holds on every component ("All agents"): so does it.
                let every = merged.iter().find(|other| {
                    !other.restates_port
                        && other.ports == draft.ports
                        && (other.cues.transport == draft.cues.transport
                            || draft.cues.transport.is_none())
                });
                if let Some(other) = every.filter(|other| other.every_component) {
                    owner_cues.push((
                        index,
                        Cues {
                            direction: other.cues.direction,
                            peer: other.cues.peer.clone(),
                            ..Cues::default()
                        },
                    ));
                    restating_everyone.push(index);
                    continue;
                }
                let owner = merged
                    .iter()
                    .zip(&settled)
                    .find(|(other, components)| {
                        !components.is_empty()
                            && other.ports == draft.ports
                            && (other.cues.transport == draft.cues.transport
                                || draft.cues.transport.is_none())
                    })
                    .and_then(|(other, components)| Some((components.first()?.clone(), other)));
                let component = match owner {
                    Some((component, other)) => {
                        let table = Cues {
                            direction: other.cues.direction,
                            peer: other.cues.peer.clone(),
                            ..Cues::default()
                        };
                        owner_cues.push((index, table));
                        component
                    }
                    None => self.create_component_for(draft, platform, title),
                };
                if let Some(slot) = settled.get_mut(index) {
                    *slot = vec![component];
                }
            }
        }
        for (index, table) in owner_cues {
            if let Some(draft) = merged.get_mut(index) {
                draft.cues = table.overlay(&draft.cues);
            }
        }
        // A row saying no way and no peer takes the callers a sentence names (prose_peers).
        let callers = {
            let rows: Vec<super::prose_peers::Row<'_>> = merged
                .iter()
                .zip(&settled)
                .map(|(draft, parts)| super::prose_peers::Row {
                    ports: draft.ports,
                    transport: draft.cues.transport,
                    parts,
                    direction: draft.cues.direction,
                    peers: draft.cues.peer.as_deref().map(|peer| {
                        role_names(peer)
                            .into_iter()
                            .filter_map(|p| self.resolver.resolve(p))
                            .collect()
                    }),
                })
                .collect();
            super::prose_peers::callers(&rows)
        };
        for (draft, callers) in merged.iter_mut().zip(callers) {
            if let Some(callers) = callers {
                draft.cues.peer = Some(callers);
                draft.cues.direction = Some(Direction::Inbound);
            }
        }
        // "All" / "All hosts" in a role cell: every component the page declares or gives rows to,
        // in page order (the platform as far as this document knows it).
        let mut everyone: Vec<String> = self.resolver.declared_slugs();
        for component in settled.iter().flatten() {
            if !everyone.contains(component) {
                everyone.push(component.clone());
            }
        }
        for index in restating_everyone {
            if let Some(draft) = merged.get_mut(index) {
                draft.every_component = true;
            }
        }
        for (index, draft) in merged.iter().enumerate() {
            if draft.every_component {
                settled[index] = if everyone.is_empty() {
                    vec![self.create_component_for(draft, platform, title)]
                } else {
                    everyone.clone()
                };
            }
        }
        // Most drafts make one requirement: sized once, and each draft's last requirement takes
        // its strings instead of copying them (the drafts are done with).
        let mut requirements = Vec::with_capacity(merged.len());
        // Ids and anchors come from each row's facts (`model::requirement_id`, once the
        // platform's rows are final); the line id is kept to answer topologies naming it.
        let mut per_line: HashMap<u32, usize> = HashMap::default();
        for (mut draft, components) in merged.into_iter().zip(settled) {
            let (line, column) = self.position(draft.offset);
            let block_line = self.position(draft.block_offset).0;
            let last = components.len().saturating_sub(1);
            for (i, component) in components.iter().enumerate() {
                let count = per_line.entry(block_line).or_insert(0);
                *count += 1;
                let line_id = if *count == 1 {
                    format!("r-{block_line}")
                } else {
                    format!("r-{block_line}.{count}")
                };
                // A peer naming several parts ("rails, sidekiq") is no one part: the plan
                // reads the list (the first name found stood for all: the Rails nodes never
                // reached PgBouncer or Redis).
                let peer_component = draft
                    .cues
                    .peer
                    .as_deref()
                    .filter(|p| {
                        self.resolver.resolve_alternatives(p).is_none_or(|all| !all.contains(", "))
                    })
                    .and_then(|p| self.resolver.resolve(p))
                    .map(|slug| under(platform, &slug));
                let moved = i == last;
                let cues = &mut draft.cues;
                requirements.push(Requirement {
                    id: String::new(),
                    anchor: String::new(),
                    line_id,
                    component: under(platform, component),
                    section: take_or_clone(moved, &mut draft.section),
                    ports: draft.ports,
                    transport: cues.transport,
                    app_protocol: take_or_clone(moved, &mut cues.app_protocol),
                    direction: cues.direction,
                    peer: take_or_clone(moved, &mut cues.peer),
                    peer_component,
                    necessity: cues.necessity,
                    condition: take_or_clone(moved, &mut cues.condition),
                    exposure: cues.exposure,
                    purpose: take_or_clone(moved, &mut draft.purpose),
                    variant: take_or_clone(moved, &mut draft.variant),
                    source: SourceLocation::new(self.path, line, column),
                });
            }
        }
        requirements
    }

    /// Whether two prose drafts of one port in one section speak of different flows: both
    /// say a way and the ways differ, both name a peer and the peers differ, or both name the
    /// part whose row it is and the parts differ. Restating the same flow merges.
    fn says_another_flow(&self, kept: &Draft, draft: &Draft) -> bool {
        let differ =
            |a: Option<String>, b: Option<String>| matches!((a, b), (Some(a), Some(b)) if a != b);
        let part = |d: &Draft| d.component_hints.iter().find_map(|h| self.resolver.resolve(h));
        let peer = |d: &Draft| {
            d.cues.peer.as_deref().map(|p| self.resolver.resolve(p).unwrap_or_else(|| p.to_owned()))
        };
        matches!((kept.cues.direction, draft.cues.direction), (Some(a), Some(b)) if a != b)
            || differ(peer(kept), peer(draft))
            || differ(part(kept), part(draft))
    }

    /// "Management broker:", "Sync agents:": a caption that is only a declared part's name
    /// (a few words and a colon), as written.
    fn named_part(&self, caption: &str) -> Option<String> {
        let name = caption.trim().trim_matches('*').trim().strip_suffix(':')?;
        self.part_named(name)
    }

    /// `text` when it is only a declared part's name (a few words, maybe emphasised).
    /// "- Schema registry ports" holding "  - external: 8081": on a page that declares no
    /// parts, an outer item that is only a short name (its generic tail "ports" set aside)
    /// names the part of the items under it, as a group row does; the items went to the
    /// section, every component's ports on one part.
    fn undeclared_outer_part(&self, outer: &str) -> Option<String> {
        let name = without_generic_tail(outer.trim().trim_end_matches(':').trim());
        let name = name.trim();
        (!self.resolver.declares_any()
            && !name.is_empty()
            && !text::has_digit(name)
            && name.split_whitespace().count() <= 4
            && !is_generic_heading(name))
        .then(|| name.to_owned())
    }

    fn part_named(&self, text: &str) -> Option<String> {
        let name = text.trim().trim_matches('*').trim_matches('_').trim();
        (name.split_whitespace().count() <= 4 && self.resolver.resolve(name).is_some())
            .then(|| name.to_owned())
    }

    /// Components named by pins or hints. `None` when nothing names a declared component.
    fn declared_components_for(&mut self, draft: &Draft) -> Option<Vec<String>> {
        for pinned in &draft.pinned_components {
            let slugs: Vec<String> = pinned
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .filter_map(|name| {
                    self.resolver.resolve(name).or_else(|| self.undeclared(name, draft.offset))
                })
                .collect();
            if !slugs.is_empty() {
                return Some(slugs);
            }
        }
        // The purpose (the last hint) naming the row's peer names who connects ("remote probes
        // connect here"), not the part that listens.
        let peer = draft.cues.peer.as_deref().and_then(|p| self.resolver.resolve(p));
        let purpose_at = draft.component_hints.len() - usize::from(draft.purpose.is_some());
        let mut named_closed = false;
        let found = draft
            .component_hints
            .iter()
            .enumerate()
            .filter_map(|(i, hint)| self.resolver.resolve(hint).map(|slug| (i, slug)))
            // A part the page says opens nothing is who connects, never the listener.
            .filter(|(_, slug)| {
                let closed = self.closed_parts.contains(slug);
                named_closed |= closed;
                !closed
            })
            .find(|(i, slug)| *i < purpose_at || peer.as_ref() != Some(slug))
            .map(|(i, slug)| {
                // A flow verb's side naming alternatives ("server, proxy"): each part.
                // (Only a list of parts a flow verb's side named, as `verb_part` joins them:
                // a cell or sentence naming two parts, "Web and Server need 4061-4064", does
                // not say both listen.)
                let hint = draft.component_hints.get(i).map_or("", String::as_str);
                let parts: Vec<String> = hint.split(", ").map(str::to_owned).collect();
                let listed = parts.len() > 1 && parts.iter().all(|p| self.resolver.is_declared(p));
                if listed && parts.contains(&slug) { parts } else { vec![slug] }
            });
        found.or_else(|| named_closed.then(|| self.only_open_part()).flatten())
    }

    /// The one declared part the page does not rule out as a listener: "the master must
    /// accept inbound connections … nothing has to be opened on the minions" leaves the master.
    fn only_open_part(&self) -> Option<Vec<String>> {
        let mut open = self
            .resolver
            .declared_slugs()
            .into_iter()
            .filter(|slug| !self.closed_parts.contains(slug));
        match (open.next(), open.next()) {
            (Some(only), None) => Some(vec![only]),
            _ => None,
        }
    }

    /// Nothing declared matches: a component named after the most specific short hint, or the
    /// heading.
    fn create_component_for(&mut self, draft: &Draft, platform: &str, title: &str) -> String {
        // The page's title over a single declared part names the platform (see `heading`).
        let page_title = |s: &str| {
            self.resolver.single_declared().is_some() && self.title_from_h1.as_deref() == Some(s)
        };
        let section = Some(draft.section.as_str()).filter(|s| {
            !is_generic_heading(s)
                && variant_of(s).is_none()
                && !is_changelog_heading(s)
                && !page_title(s)
        });
        // "## Client rules" over rows whose source is "CLIENTS": the heading names who
        // connects, the row's other end, never the part that listens.
        let peer = draft.cues.peer.as_deref().map(singular_name);
        let not_the_peer = |h: &str| peer.as_deref() != Some(singular_name(h).as_str());
        let heading_is_peer = !not_the_peer(&draft.section);
        let usable = if (draft.purpose_creates && !heading_is_peer) || draft.purpose.is_none() {
            draft.component_hints.len()
        } else {
            draft.component_hints.len().saturating_sub(1)
        };
        let section = section.filter(|s| not_the_peer(s));
        // "Multicast node discovery" under "Cluster ports", on a page declaring "Wiki node":
        // a hint naming a declared part by its last word is that part, not a new one.
        if let Some(part) = draft
            .component_hints
            .iter()
            .take(usable)
            .filter(|h| !heading_is_peer || *h != &draft.section)
            .find_map(|h| self.resolver.by_head_word(h))
            .filter(|part| {
                // (Not the part the row's peer names: that one connects in.)
                let peer = draft.cues.peer.as_deref();
                peer.and_then(|p| {
                    self.resolver.resolve(p).or_else(|| self.resolver.by_head_word(p))
                })
                .as_ref()
                    != Some(part)
            })
        {
            return part;
        }
        let made = draft
            .component_hints
            .iter()
            .take(usable)
            .filter(|h| clean_name(h).split_whitespace().count() <= 5)
            .filter(|h| !names_transport_or_ports_only(&clean_name(h)))
            .filter(|h| !heading_is_peer || **h != draft.section)
            .find_map(|h| self.resolver.create(&without_generic_tail(h)))
            .or_else(|| section.and_then(|s| self.resolver.create(s)))
            .or_else(|| self.resolver.single_declared())
            // A title such as "Required ports" names no component: the platform id does.
            .or_else(|| {
                self.resolver.create(if is_generic_heading(title) { platform } else { title })
            })
            .unwrap_or_else(|| "platform".to_owned());
        self.warn_undeclared(draft, &made);
        made
    }

    /// The newcomer's walk (session 14): on a page declaring `server` and `probe`, the rows
    /// under "Which ports to open" went to a component of that name, which no role of the
    /// topology held: the server got no port, and nothing said so. Said once per section and part.
    fn warn_undeclared(&mut self, draft: &Draft, made: &str) {
        if !self.resolver.declares_any()
            || self.resolver.is_declared(made)
            || !self.undeclared_blocks.insert((draft.section_index, made.to_owned()))
        {
            return;
        }
        let declared = self.resolver.declared_slugs().join(", ");
        let location = self.location(draft.offset);
        self.diagnostics.push(
            Diagnostic::warning(
                "component-undeclared",
                location,
                format!(
                    "these rows name none of the components the front matter declares ({declared}): read as a component of their own, `{made}`, which a role of a declared part does not hold"
                ),
            )
            .expected("the part they belong to: a pin before the block, <!-- portolan: component=<a declared component> -->, or a heading that names it"),
        );
    }

    /// A pinned component the front matter does not declare.
    fn undeclared(&mut self, name: &str, offset: usize) -> Option<String> {
        if self.resolver.declares_any() {
            let location = self.location(offset);
            let known = !self.resolver.is_declared(&slugify(name));
            if known {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "pin-unknown-component",
                        location,
                        format!("pinned component `{name}` is not declared in the front matter"),
                    )
                    .expected("a key of the front matter's `components` map"),
                );
            }
        }
        self.resolver.create(name)
    }
}

/// "Client rules", "CLIENTS", "clients": one name, lowercase, without a generic tail or a
/// plural s.
fn singular_name(text: &str) -> String {
    let name = without_generic_tail(text).to_lowercase();
    name.strip_suffix('s').map_or_else(|| name.clone(), str::to_owned)
}

/// One set of component hints per role the row's role cell names: "Coordinator, proxy" is a row
/// of each; "All" / "All hosts" is a row of every component (flagged, settled in `finish`).
fn role_hints_of(hints: &[String], component_cell: Option<&str>) -> Vec<(Vec<String>, bool)> {
    let Some(cell) = component_cell else { return vec![(hints.to_vec(), false)] };
    let at = hints.iter().position(|h| h == cell);
    let with = |role: Option<&str>| {
        let mut own = hints.to_vec();
        match (at, role) {
            (Some(at), Some(role)) => {
                if let Some(slot) = own.get_mut(at) {
                    *slot = role.to_owned();
                }
            }
            (Some(at), None) => {
                own.remove(at);
            }
            (None, _) => {}
        }
        own
    };
    if is_every_host(cell) {
        return vec![(with(None), true)];
    }
    match role_names(cell) {
        names if names.len() > 1 => names.into_iter().map(|n| (with(Some(n)), false)).collect(),
        _ => vec![(hints.to_vec(), false)],
    }
}

/// The component that owns the same port (and transport) elsewhere in the document: "Flannel
/// VXLAN (UDP port 8472)" in a notes list belongs to whoever the 8472 table row belongs to.
fn same_port_owners(
    drafts: &[Draft],
    resolved: &[Option<Vec<String>>],
) -> HashMap<(PortRange, Option<Transports>), String> {
    let mut owners = HashMap::default();
    for (draft, components) in drafts.iter().zip(resolved) {
        // A part connecting out to the port is not the one listening on it (the newcomer's
        // walk, session 14: "the probe connects out to the server on 7800" made the probe
        // the owner of the server's 7800).
        if draft.cues.direction == Some(Direction::Outbound) {
            continue;
        }
        if let Some(first) = components.as_ref().and_then(|c| c.first()) {
            owners.entry((draft.ports, draft.cues.transport)).or_insert_with(|| first.clone());
            owners.entry((draft.ports, None)).or_insert_with(|| first.clone());
        }
    }
    owners
}

/// A necessity cell (a `Required` column, a ports tool's `Classification`) sets the row's
/// necessity; a conditional one is also its condition, named by its header ("Default status:
/// Disabled").
fn necessity_from_cell(row_cues: &mut Cues, header: Option<&String>, value: &str) {
    if let Some(necessity) = necessity_cell(value) {
        row_cues.necessity = Some(necessity);
        row_cues.condition =
            (necessity == crate::model::Necessity::Conditional).then(|| match header {
                Some(header) => format!("{header}: {value}"),
                None => value.to_owned(),
            });
    }
}

/// The words inside a cell's first brackets: "UDP (optional)" → "optional".
fn bracketed(text: &str) -> Option<&str> {
    let open = text.find('(')?;
    let close = text.get(open..)?.find(')')? + open;
    text.get(open + 1..close).map(str::trim).filter(|inner| !inner.is_empty())
}

/// What a default-port item's "on it" clause says: the parts whose port it is, which way, and
/// the part that calls them.
struct ItReading {
    parts: Vec<String>,
    direction: Option<Direction>,
    peer: Option<String>,
}

/// "must be reachable …" under "Ports for external mode": a lead-in's `must` says the rows are
/// needed where the section applies, not that the section's condition is lifted. A required
/// necessity (with no condition of its own) under a conditional section keeps the section's.
fn within_condition(section: &Cues, mut cues: Cues) -> Cues {
    if section.necessity == Some(crate::model::Necessity::Conditional)
        && cues.necessity == Some(crate::model::Necessity::Required)
        && cues.condition.is_none()
    {
        cues.necessity = None;
    }
    cues
}

/// "Outbound (from agent)" → "agent".
fn parenthesised_from(text: &str) -> Option<String> {
    let open = text.find('(')?;
    let close = text[open..].find(')')? + open;
    let inner = text[open + 1..close].trim();
    let lower = inner.to_lowercase();
    let rest = lower.strip_prefix("from ").or_else(|| lower.strip_prefix("to "))?;
    let start = inner.len() - rest.len();
    let peer = inner[start..].trim();
    (!peer.is_empty()).then(|| peer.to_owned())
}

fn apply_flow(
    cues: &mut Cues,
    hints: &mut Vec<String>,
    explicit: Option<Direction>,
    phrase: &super::cues::FlowPhrase,
) {
    if phrase.both_ways {
        cues.direction = Some(Direction::Bidirectional);
        hints.insert(0, phrase.source.clone());
        cues.peer.get_or_insert_with(|| phrase.destination.clone());
    } else if explicit == Some(Direction::Outbound) {
        hints.insert(0, phrase.source.clone());
        cues.peer.get_or_insert_with(|| phrase.destination.clone());
        cues.direction.get_or_insert(Direction::Outbound);
    } else {
        hints.insert(0, phrase.destination.clone());
        cues.peer.get_or_insert_with(|| phrase.source.clone());
        if explicit.is_none() {
            cues.direction = Some(Direction::Inbound);
        }
    }
}

/// "Agent → Server" in a row of the agent's page: the end that names the page's part (`part`,
/// its headings) is the row's component, connecting out when it is the source and listening
/// when it is the destination. When neither end (or both) names it, the destination listens,
/// as in [`apply_flow`].
fn apply_part_flow(
    cues: &mut Cues,
    hints: &mut Vec<String>,
    phrase: &super::cues::FlowPhrase,
    part: &str,
) {
    let source = flow_verbs::names_part(&phrase.source, part);
    let destination = flow_verbs::names_part(&phrase.destination, part);
    if source && !destination && !phrase.both_ways {
        hints.insert(0, phrase.source.clone());
        cues.peer.get_or_insert_with(|| phrase.destination.clone());
        cues.direction = Some(Direction::Outbound);
    } else {
        apply_flow(cues, hints, None, phrase);
    }
}

/// For `wss/https`-style lists: the transport when every named protocol implies the same one.
fn implied_by_app_list(apps: &str) -> Option<Transports> {
    let mut implied = None;
    for part in apps.split('/') {
        let transport = app_protocol(part)?.transport?;
        match implied {
            None => implied = Some(transport),
            Some(t) if t != transport => return None,
            _ => {}
        }
    }
    implied.map(Transports::One)
}

/// A requirement with no transport takes the one the document states for the same port or
/// for ports inside its range, when every such statement agrees.
fn infer_transports(drafts: &mut [Draft]) {
    // Per stated range: its transport, or `None` when the document states several.
    let mut stated: BTreeMap<PortRange, Option<Transports>> = BTreeMap::new();
    for draft in drafts.iter() {
        if let Some(transport) = draft.cues.transport {
            stated
                .entry(draft.ports)
                .and_modify(|t| {
                    if *t != Some(transport) {
                        *t = None
                    }
                })
                .or_insert(Some(transport));
        }
    }
    for draft in drafts.iter_mut().filter(|d| d.cues.transport.is_none()) {
        let (start, end) = (draft.ports.start(), draft.ports.end());
        let lowest = PortRange::single(start).unwrap_or(draft.ports);
        let mut agreed: Option<Transports> = None;
        let mut conflict = false;
        // Ranges ordered by start: every range starting inside ours, kept if it also ends inside.
        for (ports, transport) in stated.range(lowest..).take_while(|(p, _)| p.start() <= end) {
            if ports.end() > end {
                continue;
            }
            match (transport, agreed) {
                (None, _) => conflict = true,
                (Some(t), None) => agreed = Some(*t),
                (Some(t), Some(a)) if *t != a => conflict = true,
                _ => {}
            }
        }
        if !conflict {
            draft.cues.transport = agreed;
        }
    }
    // A slash pair's partner without a transport takes the one its group agrees on.
    let mut groups: BTreeMap<usize, Option<Transports>> = BTreeMap::new();
    for draft in drafts.iter() {
        if let (Some(group), Some(transport)) = (draft.slash_group, draft.cues.transport) {
            groups
                .entry(group)
                .and_modify(|t| {
                    if *t != Some(transport) {
                        *t = None
                    }
                })
                .or_insert(Some(transport));
        }
    }
    for draft in drafts.iter_mut().filter(|d| d.cues.transport.is_none()) {
        if let Some(Some(transport)) = draft.slash_group.and_then(|g| groups.get(&g)) {
            draft.cues.transport = Some(*transport);
        }
    }
}

/// The sentence of `text` that contains byte `position`.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A row's purpose with the notes of the templates filled in it ("3200 is `32NN` for instance
/// number 00 …").
fn with_filled_notes(purpose: Option<String>, filled: &[(Mention, String)]) -> Option<String> {
    if filled.is_empty() {
        return purpose;
    }
    let notes: Vec<&str> = filled.iter().map(|(_, note)| note.as_str()).collect();
    let notes = notes.join("; ");
    Some(match purpose {
        Some(purpose) => format!("{purpose} ({notes})"),
        None => notes,
    })
}

/// What a receiving verb of a list item says of the port at `port_start`: the words before it
/// ("the relay receives alerts on 8162"), or, for an item that opens with its ports, the words
/// after them from `tail_from` ("8089: receives its configuration from the server").
fn item_verb_reading(
    text: &str,
    port_start: usize,
    tail_from: Option<usize>,
    section: &str,
) -> flow_verbs::VerbReading {
    let before = text.get(..port_start).unwrap_or_default();
    let reading = flow_verbs::direction_for(&with_subject(before, section), section);
    let Some(from) = tail_from else { return reading };
    if reading != flow_verbs::VerbReading::Silent {
        return reading;
    }
    // Past the separator and a transport written after the port ("5044/tcp: …").
    let mut tail = text.get(from..).unwrap_or_default();
    loop {
        tail = tail.trim_start_matches(|c: char| !c.is_alphanumeric());
        let word_end = tail.find(|c: char| !c.is_alphanumeric()).unwrap_or(tail.len());
        let word = tail.get(..word_end).unwrap_or_default();
        if word.is_empty() || Transports::parse(&word.to_ascii_lowercase()).is_none() {
            break;
        }
        tail = tail.get(word_end..).unwrap_or_default();
    }
    match flow_verbs::subjectless(tail) {
        flow_verbs::VerbReading::Silent => flow_verbs::direction_for(tail, section),
        said => said,
    }
}

/// "sends its events to the indexers on": a list item's clause that opens with its verb speaks
/// of the item's part (`part`: the outer item's or the heading's), which is its subject. Other
/// clauses are returned as written.
fn with_subject(before_port: &str, part: &str) -> String {
    let first = before_port
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    if super::vocabulary::is_clause_verb(&first.to_ascii_lowercase()) {
        format!("{part} {before_port}")
    } else {
        before_port.to_owned()
    }
}

/// "SIP registration from remote phones and carriers": the first name after "from" in a
/// clause (up to "and", "or", a comma or the clause's end), or `None`.
fn from_phrase(purpose: &str) -> Option<String> {
    purpose.split(['.', ';', ':', ',', '(', ')']).find_map(|clause| {
        let lower = clause.to_ascii_lowercase();
        let at = lower.find(" from ")? + " from ".len();
        let rest = clause.get(at..)?;
        let lower_rest = rest.to_ascii_lowercase();
        let end = [" and ", " or ", " to ", " on ", " via "]
            .iter()
            .filter_map(|w| lower_rest.find(w))
            .min()
            .unwrap_or(rest.len());
        let name = rest.get(..end)?.trim();
        (!name.is_empty() && name.split_whitespace().count() <= 4).then(|| name.to_owned())
    })
}

/// What a lead-in says is reached: "… can reach the TURN servers on these:" → "TURN servers".
fn reach_object(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    let at = [" reach the ", " reach ", " connect to the ", " connect to "]
        .iter()
        .find_map(|verb| lower.find(verb).map(|i| i + verb.len()))?;
    let rest = text.get(at..)?;
    let lower_rest = rest.to_ascii_lowercase();
    let end = [" on ", " at ", " over ", " through ", " using ", ":"]
        .iter()
        .filter_map(|w| lower_rest.find(w))
        .min()
        .unwrap_or(rest.len());
    rest.get(..end).map(str::trim).filter(|o| !o.is_empty())
}

/// "TCP: 32400 (…)": an item's label that is only its transport (or its ports) names no part
/// (each such item was a part of its own, "tcp-32400").
fn names_transport_or_ports_only(hint: &str) -> bool {
    let mut words = hint.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
    let mut any = false;
    let only = words.all(|w| {
        any = true;
        w.bytes().all(|b| b.is_ascii_digit()) || Transports::parse(w).is_some()
    });
    any && only
}
