//! Footnotes that qualify table rows: a cell marked `†`, `*` or `[^label]` points at a note
//! ("† Only if you publish NodePort Services") whose necessity and condition hold for the row.

use std::collections::HashMap;

use super::blocks::{Block, Located};

/// Characters vendors mark footnotes with; a run of them ("††") is one marker.
const SYMBOLS: &[char] = &['†', '‡', '§', '¶', '*', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// A footnote number as converters write it (`<sup>1</sup>`, pandoc's `^1^`) in the
/// superscript the notes are matched by: `1` → `¹`. Only 1–9: SYMBOLS has no other digits.
pub(super) fn superscript(digits: &str) -> Option<&'static str> {
    match digits {
        "1" => Some("¹"),
        "2" => Some("²"),
        "3" => Some("³"),
        "4" => Some("⁴"),
        "5" => Some("⁵"),
        "6" => Some("⁶"),
        "7" => Some("⁷"),
        "8" => Some("⁸"),
        "9" => Some("⁹"),
        _ => None,
    }
}

/// `text` with pandoc's `^1^` footnote numbers written as `¹` (nothing else changed).
pub(super) fn caret_superscripts(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('^') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('^') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digit = after.get(..1).and_then(superscript).filter(|_| after.get(1..2) == Some("^"));
        match digit {
            Some(sup) => {
                out.push_str(sup);
                rest = &after[2..];
            }
            None => {
                out.push('^');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Every footnote of a document, by marker (`†`, `**`) or markdown label (`[^label]`).
#[derive(Debug, Default)]
pub(super) struct Footnotes {
    by_marker: HashMap<String, String>,
}

impl Footnotes {
    pub(super) fn collect(blocks: &[Block]) -> Self {
        let mut by_marker = HashMap::new();
        for block in blocks {
            let Block::Paragraph(paragraph) = block else { continue };
            if let Some(label) = &paragraph.footnote_of {
                by_marker
                    .entry(label_key(label))
                    .and_modify(|t: &mut String| t.push_str(&format!(" {}", paragraph.trimmed())))
                    .or_insert_with(|| paragraph.trimmed().to_owned());
            } else if let Some((digit, text)) = bare_definition(paragraph.trimmed()) {
                by_marker.entry(bare_key(digit)).or_insert_with(|| text.to_owned());
            } else if symbol_definition(paragraph.trimmed()).is_some() {
                for (marker, text) in symbol_definitions(paragraph.trimmed()) {
                    by_marker.entry(marker.to_owned()).or_insert(text);
                }
            }
        }
        Self { by_marker }
    }

    /// Texts of the footnotes the cells point at, each once.
    pub(super) fn for_cells<'a>(&'a self, cells: &[Located]) -> Vec<&'a str> {
        if self.by_marker.is_empty() {
            // Most documents have no footnotes: rows cost nothing extra.
            return Vec::new();
        }
        let mut keys: Vec<String> = Vec::new();
        for cell in cells {
            keys.extend(cell.footnotes.iter().map(|l| label_key(l)));
            keys.extend(symbol_markers(cell.trimmed()).map(str::to_owned));
            keys.extend(bare_mark(cell.trimmed()).map(bare_key));
        }
        keys.dedup();
        let mut texts: Vec<&str> = Vec::new();
        for key in &keys {
            if let Some(text) = self.by_marker.get(key)
                && !texts.contains(&text.as_str())
            {
                texts.push(text);
            }
        }
        texts
    }
}

impl Footnotes {
    /// The note a port in prose points at with a marker glued after it or after its transport:
    /// `3000¹`, `162/UDP¹`. `tail` is the text right after the port number.
    pub(super) fn after_port(&self, tail: &str) -> Option<&str> {
        if self.by_marker.is_empty() {
            return None;
        }
        let glued = tail.split(char::is_whitespace).next()?;
        let start = glued.find(|c: char| SYMBOLS.contains(&c))?;
        let before = glued.get(..start)?;
        if !before.chars().all(|c| c.is_ascii_alphanumeric() || c == '/') {
            return None;
        }
        let rest = glued.get(start..)?;
        let end = rest.find(|c: char| !SYMBOLS.contains(&c)).unwrap_or(rest.len());
        self.by_marker.get(rest.get(..end)?).map(String::as_str)
    }
}

/// A paragraph that defines a symbol footnote: "† Only if …", "\* Optional …" — the marker run,
/// then whitespace, then the note.
pub(super) fn symbol_definition(text: &str) -> Option<(&str, &str)> {
    let end = text.find(|c: char| !SYMBOLS.contains(&c))?;
    let (marker, rest) = text.split_at(end);
    let starts_with_space = rest.starts_with(char::is_whitespace);
    (!marker.is_empty() && starts_with_space && !rest.trim().is_empty())
        .then(|| (marker, rest.trim()))
}

/// "¹ Only on secondaries. ² When TLS is on.": notes written one after the other in a
/// paragraph (its lines joined), each a definition of its own: a marker run that opens the
/// text, or follows the end of a sentence, starts the next note.
fn symbol_definitions(text: &str) -> Vec<(&str, String)> {
    let mut starts = vec![0];
    let mut previous: Option<char> = None;
    let mut before_space: Option<char> = None;
    for (i, c) in text.char_indices() {
        if SYMBOLS.contains(&c)
            && i > 0
            && previous.is_some_and(char::is_whitespace)
            && before_space.is_some_and(|b| matches!(b, '.' | '!' | '?' | ')' | '\n'))
            && symbol_definition(text.get(i..).unwrap_or_default()).is_some()
        {
            starts.push(i);
        }
        if !c.is_whitespace() || c == '\n' {
            before_space = Some(c);
        }
        previous = Some(c);
    }
    let mut found = Vec::new();
    for (k, start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        let part = text.get(*start..end).unwrap_or_default().trim();
        if let Some((marker, note)) = symbol_definition(part) {
            found.push((marker, note.split_whitespace().collect::<Vec<_>>().join(" ")));
        }
    }
    found
}

/// turndown, markdownify and html2text write `<sup>1</sup>` as a bare digit: the note as a
/// paragraph "1 Only needed when …" (one digit, a space, a capital), the mark glued to the
/// cell's last word ("Remote desktop fallback1"). Both must be there for the row to be tied.
fn bare_definition(text: &str) -> Option<(char, &str)> {
    let mut chars = text.chars();
    let digit = chars.next().filter(|c| matches!(c, '1'..='9'))?;
    let rest = chars.as_str().strip_prefix(' ')?;
    rest.starts_with(|c: char| c.is_uppercase()).then_some((digit, rest.trim()))
}

/// The bare digit glued to the end of a cell after three or more lowercase letters (`fallback1`;
/// not `TCP 2224`, `SHA1` or `v2`).
fn bare_mark(cell: &str) -> Option<char> {
    let mut chars = cell.chars().rev();
    let digit = chars.next().filter(|c| matches!(c, '1'..='9'))?;
    let before: Vec<char> = chars.take(3).collect();
    (before.len() == 3 && before.iter().all(char::is_ascii_lowercase)).then_some(digit)
}

fn bare_key(digit: char) -> String {
    format!("bare:{digit}")
}

fn label_key(label: &str) -> String {
    format!("[^{label}]")
}

/// Maximal runs of footnote symbols glued to the end of a word: `Services†`, `8080*`.
fn symbol_markers(text: &str) -> impl Iterator<Item = &str> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let symbol = SYMBOLS.contains(&c);
        match (symbol, start) {
            (true, None) if previous.is_some_and(char::is_alphanumeric) => start = Some(i),
            (false, Some(from)) => {
                runs.push(&text[from..i]);
                start = None;
            }
            _ => {}
        }
        previous = Some(c);
    }
    runs.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_footnotes_are_found_by_their_markers() {
        assert_eq!(
            symbol_definition("† Only if you publish them."),
            Some(("†", "Only if you publish them."))
        );
        assert_eq!(symbol_definition("** Optional."), Some(("**", "Optional.")));
        assert_eq!(symbol_definition("*emphasis* is no footnote"), None);
        assert_eq!(symbol_markers("NodePort Services†").collect::<Vec<_>>(), ["†"]);
        assert_eq!(symbol_markers("8080** and 9090‡").collect::<Vec<_>>(), ["**", "‡"]);
        assert_eq!(symbol_markers("a * b").count(), 0);
    }

    #[test]
    fn a_superscript_footnote_number_written_bare_by_a_converter_was_not_tied_to_its_note() {
        assert_eq!(
            bare_definition("1 Only needed when a plain client is used."),
            Some(('1', "Only needed when a plain client is used."))
        );
        assert_eq!(bare_definition("10 Gbit links"), None);
        assert_eq!(bare_definition("1 x"), None);
        assert_eq!(bare_mark("Remote desktop fallback1"), Some('1'));
        for cell in ["TCP 2224", "SHA1", "v2", "1494", "fallback10"] {
            assert_eq!(bare_mark(cell), None, "{cell}");
        }
    }

    #[test]
    fn two_notes_in_one_paragraph_were_read_as_one() {
        assert_eq!(
            symbol_definitions("¹ Only on secondaries.\n² When TLS\nis turned on."),
            [("¹", "Only on secondaries.".to_owned()), ("²", "When TLS is turned on.".to_owned())]
        );
        assert_eq!(
            symbol_definitions("† Only if used. ‡ Optional."),
            [("†", "Only if used.".to_owned()), ("‡", "Optional.".to_owned())]
        );
        // A star inside a sentence opens no note.
        assert_eq!(
            symbol_definitions("* Needs a * b here."),
            [("*", "Needs a * b here.".to_owned())]
        );
    }
}
