//! Ports a page gives only in a configuration snippet: a `docker run -p` command
//! (`docker_publish`), a Compose file's `ports:` (`compose_ports`), or a listener key of a
//! configuration file (`config_listeners`). Self-hosted apps document their ports this way;
//! read as nothing, such a page made no rule (an outage). What a snippet publishes is read
//! here with where it was written; the walker makes rows of the ports the page states nowhere
//! else, and reports what it cannot place.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::blocks::{Located, options};
use super::publish_spec::{self, HostSide};
use crate::model::{PortRange, Transport};

/// A fenced or indented code block: its info string's first word, lowercased, and its text.
#[derive(Debug, Clone)]
pub(super) struct CodeBlock {
    pub language: String,
    pub text: Located,
}

/// A port a snippet publishes or listens on (offsets are in the markdown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SnippetPort {
    pub offset: usize,
    pub ports: PortRange,
    pub transport: Option<Transport>,
    /// Bound to a loopback address: documented, but no network flow.
    pub host_local: bool,
    /// The Compose service or `--name` of the container, which may name a declared part.
    pub part: Option<String>,
    /// A proxy's backend: the port is `part`'s, the host a proxy sends requests on to. A row
    /// of that part's when it names a declared one; else a located warning, never a row.
    pub backend: bool,
    pub purpose: String,
}

/// Something a snippet states that gives no port to open (a random host port, host
/// networking, a port only other containers reach) or that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SnippetNote {
    pub offset: usize,
    pub code: &'static str,
    pub message: String,
    pub expected: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Snippets {
    pub ports: Vec<SnippetPort>,
    pub notes: Vec<SnippetNote>,
}

impl Snippets {
    pub(super) fn note(
        &mut self,
        offset: usize,
        code: &'static str,
        message: String,
        expected: &'static str,
    ) {
        self.notes.push(SnippetNote { offset, code, message, expected });
    }
}

/// What is expected of a snippet entry that could not be read.
pub(super) const EXPECTED_MAPPING: &str =
    "a published port as `HOST:CONTAINER`, `IP:HOST:CONTAINER` or `HOST:CONTAINER/udp`";

/// What is expected of a mapping with a random host port.
pub(super) const EXPECTED_FIXED: &str =
    "a fixed host port (`8080:8080`), or the port stated in a table or a sentence";

/// Where a published mapping was written and what it says of itself.
pub(super) struct Written<'a> {
    /// The mapping as a `docker run` command or a Compose file writes it.
    pub spec: &'a str,
    /// The markdown offset of each position of `spec`.
    pub at: &'a dyn Fn(usize) -> usize,
    /// How messages name it ("`docker run -p 80`", "`80` under `ports:` of service `web`").
    pub named: String,
    /// The container or Compose service.
    pub part: Option<&'a str>,
    /// A purpose the snippet gives (a comment beside it).
    pub purpose: Option<String>,
}

/// One `-p` value or Compose short-syntax entry, read into a port or a note.
pub(super) fn publish(written: Written<'_>, found: &mut Snippets) {
    let Written { spec, at, named, part, purpose } = written;
    match publish_spec::read(spec) {
        Ok(mapping) => match mapping.host {
            HostSide::Fixed { ports, span, default_of } => {
                let default =
                    default_of.map(|var| format!(", the default of `{var}`")).unwrap_or_default();
                found.ports.push(SnippetPort {
                    offset: at(span.start),
                    ports,
                    transport: Some(mapping.transport),
                    host_local: mapping.host_local,
                    part: part.map(str::to_owned),
                    backend: false,
                    purpose: purpose.unwrap_or_else(|| {
                        format!(
                            "published by {named}: host port {ports}{default} to the container's {}",
                            mapping.container
                        )
                    }),
                });
            }
            HostSide::Random => found.note(
                at(0),
                "snippet-random-host-port",
                format!(
                    "{named} publishes container port {} on a random host port: no fixed port to open",
                    mapping.container
                ),
                EXPECTED_FIXED,
            ),
        },
        Err(why) => found.note(
            at(0),
            "snippet-unread",
            format!("{named} could not be read: {why}"),
            EXPECTED_MAPPING,
        ),
    }
}

/// The code blocks of `markdown`, in order. Pages without a fence are not parsed again.
pub(super) fn code_blocks(markdown: &str) -> Vec<CodeBlock> {
    if !markdown.contains("```") && !markdown.contains("~~~") {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut open: Option<CodeBlock> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    // "yaml title=…", "{code-block} ini" (MyST): the language word.
                    CodeBlockKind::Fenced(info) => {
                        let mut words = info
                            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}'))
                            .filter(|w| !w.is_empty());
                        let first = words.next().unwrap_or_default();
                        let word = if matches!(first, "code-block" | "code" | "sourcecode") {
                            words.next().unwrap_or_default()
                        } else {
                            first
                        };
                        word.to_ascii_lowercase()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                open = Some(CodeBlock { language, text: Located::at(range.start) });
            }
            Event::Text(text) => {
                if let Some(block) = &mut open {
                    block.text.push(&text, range.start);
                }
            }
            Event::End(TagEnd::CodeBlock) => found.extend(open.take()),
            _ => {}
        }
    }
    found
}

/// Languages whose blocks are shell commands.
pub(super) const SHELLS: &[&str] =
    &["sh", "bash", "shell", "console", "zsh", "shell-session", "powershell", "ps1", "cmd"];

/// Reads one code block.
pub(super) fn read(block: &CodeBlock) -> Snippets {
    let mut found = Snippets::default();
    let text = &block.text.text;
    let language = block.language.as_str();
    let at = |position: usize| block.text.source_offset(position);
    super::docker_publish::read(text, &at, &mut found);
    let mut yaml_read = false;
    if matches!(language, "yaml" | "yml" | "") || language.contains("compose") {
        super::compose_ports::read(text, &at, &mut found);
        // Nested keys when the block says it is YAML, or nests keys as only YAML does (an
        // untagged flat `Port: 80` is as often a command's output); else the line readers.
        yaml_read = (!language.is_empty() || super::yaml_listeners::shaped(text))
            && super::yaml_listeners::read(text, &at, &mut found);
    }
    if !SHELLS.contains(&language) && !yaml_read {
        super::config_listeners::read(text, language, &at, &mut found);
        super::directive_listeners::read(text, language, &at, &mut found);
    }
    super::server_listeners::read(text, language, &at, &mut found);
    found
}

/// A reader of one snippet shape (`docker_publish::read`, `compose_ports::read`).
#[cfg(test)]
pub(super) type Reader = fn(&str, &dyn Fn(usize) -> usize, &mut Snippets);

/// What a reader finds in `text` at its own positions (the readers' tests).
#[cfg(test)]
pub(super) fn read_by(reader: Reader, text: &str) -> Snippets {
    let mut found = Snippets::default();
    reader(text, &|p| p, &mut found);
    found
}

/// What a reader of blocks in a language finds in `text`, as `described` (the readers' tests).
#[cfg(test)]
pub(super) fn ports_in(
    reader: fn(&str, &str, &dyn Fn(usize) -> usize, &mut Snippets),
    text: &str,
    language: &str,
) -> Vec<String> {
    let mut found = Snippets::default();
    reader(text, language, &|p| p, &mut found);
    described(&found.ports, text)
}

/// `ports` as `PORTS/TRANSPORT[ local]@` and two characters of `text` where each is written
/// (the readers' tests).
#[cfg(test)]
pub(super) fn described(ports: &[SnippetPort], text: &str) -> Vec<String> {
    ports
        .iter()
        .map(|p| {
            let transport = p.transport.map_or("-", |t| t.as_str());
            let local = if p.host_local { " local" } else { "" };
            let written = text.get(p.offset..p.offset + 2).unwrap_or_default();
            format!("{}/{transport}{local}@{written}", p.ports)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_keep_their_language_and_where_their_text_is() {
        let md = "Intro\n\n```yaml title=\"compose.yaml\"\nports:\n  - 80:80\n```\n\n~~~{code-block} ini\nport = 1\n~~~\n";
        let blocks = code_blocks(md);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].language, "yaml");
        assert_eq!(blocks[1].language, "ini");
        let at = blocks[0].text.text.find("80:80").unwrap_or_default();
        assert_eq!(&md[blocks[0].text.source_offset(at)..][..5], "80:80");
        assert!(code_blocks("no fences here\n\n    indented\n").is_empty());
    }

    #[test]
    fn regression_commands_about_other_hosts_are_no_listeners() {
        // Ports of other hosts in commands and client settings: nothing of this platform's.
        let md = "```\nssh -p 2222 admin@bastion.example\npsql -h db.example -p 5432\ncurl http://repo.example:8081/\nupstream_port = 9000\ndatabase_url = postgres://db:5432/app\n```\n\n```yaml\napiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 80\n      targetPort: 8080\n```\n";
        let blocks = code_blocks(md);
        assert_eq!(blocks.first().map(read), Some(Snippets::default()));
        // A Service's `port` is the cluster's: no host port, but said (no longer in silence).
        let service = blocks.get(1).map(read).unwrap_or_default();
        assert!(service.ports.is_empty());
        let codes: Vec<&str> = service.notes.iter().map(|n| n.code).collect();
        assert_eq!(codes, ["snippet-cluster-only"]);
    }
}
