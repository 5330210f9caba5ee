//! Located messages about user input: what was found, where, and what was expected.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A place in a user's file. Lines and columns count from 1; columns count characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SourceLocation {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl SourceLocation {
    pub fn new(file: impl Into<String>, line: u32, column: u32) -> Self {
        Self { file: file.into(), line, column }
    }
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Nothing is wrong, but a choice is left to the user (a conditional row not enabled):
    /// said where it is made, never failing a build or a check.
    Note,
    Warning,
    Error,
}

/// A problem in an input file, reported the rustc way: `file:line:col: warning[code]: …`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier, e.g. `port-out-of-range`.
    pub code: String,
    pub location: SourceLocation,
    /// What was found.
    pub message: String,
    /// What would have been accepted.
    pub expected: Option<String>,
}

impl Diagnostic {
    pub fn warning(code: &str, location: SourceLocation, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            code: code.to_owned(),
            location,
            message: message.into(),
            expected: None,
        }
    }

    pub fn error(code: &str, location: SourceLocation, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code: code.to_owned(),
            location,
            message: message.into(),
            expected: None,
        }
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}: {severity}[{}]: {}", self.location, self.code, self.message)?;
        if let Some(expected) = &self.expected {
            write!(f, "; expected {expected}")?;
        }
        Ok(())
    }
}

/// Line and column (1-based, in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let mut cut = offset;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = &text[..cut];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (saturate(line), saturate(column))
}

/// Line starts of a text, so that many offsets can be turned into line and column without
/// rescanning the text each time (a 10 MB document has hundreds of thousands of rows).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts =
            std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { text, starts }
    }

    /// Same answer as [`line_column`], in O(log lines + line length).
    pub fn line_column(&self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|start| *start <= offset);
        let line_start = self.starts[line.saturating_sub(1)];
        let column = self.text[line_start..offset].chars().count() + 1;
        (saturate(line), saturate(column))
    }
}

fn saturate(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "ab\nc–d x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // 'x' sits after a 3-byte en dash: column counts it once.
        let x = text.find('x').unwrap();
        assert_eq!(line_column(text, x), (2, 5));
        // An offset inside a multi-byte character snaps back to its start.
        assert_eq!(line_column(text, 5), (2, 2));
        assert_eq!(line_column(text, 1000), line_column(text, text.len()));
    }

    #[test]
    fn line_index_agrees_with_line_column() {
        let text = "ab\nc–d x\n\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 3 {
            assert_eq!(index.line_column(offset), line_column(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn display_is_rustc_like() {
        let d = Diagnostic::warning(
            "port-out-of-range",
            SourceLocation::new("a.md", 3, 7),
            "port 70000 is larger than 65535",
        )
        .expected("a port from 1 to 65535");
        assert_eq!(
            d.to_string(),
            "a.md:3:7: warning[port-out-of-range]: port 70000 is larger than 65535; expected a port from 1 to 65535"
        );
    }
}
