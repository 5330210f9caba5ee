//! Ports a page gives only in a configuration snippet: a `docker run -p` command
//! (`docker_publish`), a Compose file's `ports:` (`compose_ports`), or a listener key of a
//! configuration file (`config_listeners`). Self-hosted apps document their ports this way;
//! read as nothing, such a page made no rule (an outage). What a snippet publishes is read
//! here with where it was written; the walker makes rows of the ports the page states nowhere
//! else, and reports what it cannot place.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::blocks::{Located, options};
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
const SHELLS: &[&str] =
    &["sh", "bash", "shell", "console", "zsh", "shell-session", "powershell", "ps1", "cmd"];

/// Reads one code block.
pub(super) fn read(block: &CodeBlock) -> Snippets {
    let mut found = Snippets::default();
    let text = &block.text.text;
    let language = block.language.as_str();
    let at = |position: usize| block.text.source_offset(position);
    super::docker_publish::read(text, &at, &mut found);
    if matches!(language, "yaml" | "yml" | "") || language.contains("compose") {
        super::compose_ports::read(text, &at, &mut found);
    }
    if !SHELLS.contains(&language) {
        super::config_listeners::read(text, language, &at, &mut found);
    }
    found
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
}
