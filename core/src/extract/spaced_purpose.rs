//! A `<br>` that markdownify writes as a space in a purpose cell too: `<td>5060<br>5061</td>`
//! … `<td>SIP signalling<br>SIP over TLS, when the profile is encrypted</td>` becomes
//! `| 5060 5061 | … | SIP signalling SIP over TLS, when the profile is encrypted |`. Every other
//! converter keeps the lines, and the n-th line of the purpose speaks of the n-th port
//! (`cell_shapes`); run together, the condition of the last line reached every port: a port
//! the page requires read as conditional, in silence.
//!
//! When a row's port cell is only ports separated by spaces (n of them) and a purpose cell of
//! one line states a condition, the purpose is cut where a new line would start: before a
//! capitalised word that follows a word a phrase can end on (not "over", "the", "and", …) and
//! is not inside a parenthesis. Exactly n − 1 such places: both cells get their lines back,
//! paired as for every other converter, and a located warning says what was assumed. Some
//! other number: which ports the condition qualifies cannot be told, the row is read as
//! written (the condition on every port) and a located warning says so. None: the purpose is
//! one phrase, as every converter gives it, and nothing is said.

use super::blocks::{Located, Row};
use super::cues::Cues;
use super::spaced_cells::{lines, port_items, words};
use super::vocabulary::{ColumnRole, column_role};
use crate::diagnostic::{Diagnostic, SourceLocation};
use crate::model::Necessity;

/// A row whose spaced port cell stands beside a one-line purpose stating a condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct JoinedPurpose {
    /// Source offset of the purpose cell's first word.
    pub offset: usize,
    pub ports: String,
    pub purpose: String,
    /// The purpose's lines as read, one per port; empty when they could not be told.
    pub lines: Vec<String>,
}

impl JoinedPurpose {
    /// The warning at `location` (the purpose cell).
    pub(super) fn diagnostic(&self, location: SourceLocation) -> Diagnostic {
        let ports: Vec<&str> = self.ports.split_whitespace().collect();
        let message = if self.lines.is_empty() {
            format!(
                "`{}` beside the purpose `{}`: the purpose may be one line per port that a converter ran together (a `<br>` written as a space), so which ports its condition qualifies cannot be told; read as qualifying all {}",
                self.ports,
                self.purpose,
                ports.len()
            )
        } else {
            let read: Vec<String> = ports
                .iter()
                .zip(&self.lines)
                .map(|(port, line)| format!("{port}: `{line}`"))
                .collect();
            format!(
                "`{}` beside the purpose `{}` is read as one line per port that a converter ran together (a `<br>` written as a space): {}",
                self.ports,
                self.purpose,
                read.join("; ")
            )
        };
        Diagnostic::warning("cell-lines-joined", location, message).expected(
            "one port and one purpose per line (`5060<br>5061`), or a converter that keeps line breaks in cells (pandoc, turndown)",
        )
    }
}

/// The rows with a purpose cell run together beside a spaced port cell cut back into lines
/// where that can be told; each such row (cut or not) is added to `found`.
pub(super) fn split(
    header: &[Located],
    mut rows: Vec<Row>,
    found: &mut Vec<JoinedPurpose>,
) -> Vec<Row> {
    let roles: Vec<Option<ColumnRole>> = header.iter().map(|h| column_role(h.trimmed())).collect();
    let mut ports = roles.iter().enumerate().filter(|(_, r)| **r == Some(ColumnRole::Port));
    let (Some((port, _)), None) = (ports.next(), ports.next()) else { return rows };
    let purposes: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == Some(ColumnRole::Purpose))
        .map(|(i, _)| i)
        .collect();
    for row in &mut rows {
        let Some(port_items) = row.cells.get(port).map(port_items) else { continue };
        if port_items.len() < 2 {
            continue;
        }
        for &column in &purposes {
            let Some(cell) = row.cells.get(column) else { continue };
            let port_text = row.cells[port].trimmed();
            if cell.text.contains('\n') || !states_a_condition(port_text, cell.trimmed()) {
                continue;
            }
            let cuts = cuts(&cell.text);
            if cuts.is_empty() {
                continue;
            }
            let first = words(&cell.text).first().map_or(0, |w| w.0);
            let mut joined = JoinedPurpose {
                offset: cell.source_offset(first),
                ports: row.cells[port].trimmed().to_owned(),
                purpose: cell.trimmed().to_owned(),
                lines: Vec::new(),
            };
            if cuts.len() + 1 == port_items.len() {
                let end = cell.text.trim_end().len();
                let bounds: Vec<usize> =
                    std::iter::once(first).chain(cuts.iter().copied()).chain([end]).collect();
                let segments: Vec<(usize, usize)> = bounds
                    .windows(2)
                    .map(|w| (w[0], w[0] + cell.text[w[0]..w[1]].trim_end().len()))
                    .collect();
                joined.lines = segments.iter().map(|&(s, e)| cell.text[s..e].to_owned()).collect();
                let purpose = lines(cell, &segments);
                let ports = lines(&row.cells[port], &port_items);
                row.cells[column] = purpose;
                row.cells[port] = ports;
            }
            found.push(joined);
            break;
        }
    }
    rows
}

/// The purpose says the row is needed only sometimes ("when …", "if …", "optional"), as the
/// row reading takes it (cue phrases, then the cell's own clause).
fn states_a_condition(port_text: &str, purpose: &str) -> bool {
    let cues = Cues::from_text(purpose);
    cues.condition.is_some()
        || matches!(cues.necessity, Some(Necessity::Conditional | Necessity::Optional))
        || super::cell_conditions::of_row(port_text, &[purpose], None).condition.is_some()
}

/// Words a phrase does not end on: after one, a capitalised word goes on the same line.
const GOES_ON: &[&str] = &[
    "a", "an", "the", "of", "to", "for", "from", "over", "with", "without", "by", "on", "in", "at",
    "via", "into", "onto", "through", "between", "and", "or", "nor", "but", "as", "than", "is",
    "are", "was", "be", "when", "if", "unless", "only", "per", "its", "their", "your",
];

/// Byte positions in `text` where a new line would start: a capitalised word, outside any
/// parenthesis, after a word a phrase can end on (one that starts in lowercase or with a
/// digit, or that ends a sentence or a parenthesis).
fn cuts(text: &str) -> Vec<usize> {
    let words = words(text);
    let mut depth = 0usize;
    let mut found = Vec::new();
    for (i, &(start, end)) in words.iter().enumerate() {
        let word = &text[start..end];
        if i > 0 && depth == 0 && word.starts_with(|c: char| c.is_uppercase()) {
            let (s, e) = words[i - 1];
            let before = &text[s..e];
            let bare = before.trim_end_matches(['.', ')']).to_lowercase();
            let ends_phrase = before.ends_with(['.', ')'])
                || (before.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
                    && before.ends_with(|c: char| c.is_alphanumeric()));
            if ends_phrase && !GOES_ON.contains(&bare.as_str()) {
                found.push(start);
            }
        }
        depth = (depth + word.matches('(').count()).saturating_sub(word.matches(')').count());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(text: &str) -> Located {
        let mut cell = Located::at(0);
        cell.push(text, 0);
        cell
    }

    fn read(cells: &[&str]) -> (Vec<String>, Vec<JoinedPurpose>) {
        let header: Vec<Located> =
            ["From", "To", "Protocol", "Port", "Purpose"].iter().map(|h| located(h)).collect();
        let row = Row { cells: cells.iter().map(|c| located(c)).collect(), start: 0 };
        let mut found = Vec::new();
        let rows = split(&header, vec![row], &mut found);
        (rows[0].cells.iter().map(|c| c.text.clone()).collect(), found)
    }

    #[test]
    fn a_purpose_run_together_by_markdownify_gave_its_condition_to_every_port() {
        let (cells, found) = read(&[
            "Phone",
            "Server",
            "TCP",
            "5060 5061",
            "SIP signalling SIP over TLS, when the profile is encrypted",
        ]);
        assert_eq!(cells[3], "5060\n5061");
        assert_eq!(cells[4], "SIP signalling\nSIP over TLS, when the profile is encrypted");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].lines.len(), 2);
    }

    #[test]
    fn a_purpose_that_cannot_be_cut_per_port_is_kept_whole_and_warned() {
        // Three places a line could start for two ports: which one cannot be told.
        let purpose = "Call control Web UI and remote Admin API, only when encrypted";
        let (cells, found) = read(&["Phone", "Server", "TCP", "5060 5061", purpose]);
        assert_eq!(cells[3], "5060 5061");
        assert_eq!(cells[4], purpose);
        assert_eq!(found.len(), 1);
        assert!(found[0].lines.is_empty());
    }

    #[test]
    fn one_phrase_or_no_condition_beside_spaced_ports_is_left_alone() {
        for purpose in [
            "Web traffic, when TLS is enabled",
            "Signalling over TLS, when the profile is encrypted",
            "SIP signalling SIP over TLS",
        ] {
            let (cells, found) = read(&["Phone", "Server", "TCP", "5060 5061", purpose]);
            assert_eq!(cells[4], purpose);
            assert!(found.is_empty(), "{purpose}");
        }
        // One port: nothing to pair.
        let (_, found) = read(&[
            "Phone",
            "Server",
            "TCP",
            "5061",
            "SIP signalling SIP over TLS, when encrypted",
        ]);
        assert!(found.is_empty());
    }

    #[test]
    fn no_cut_inside_a_parenthesis_or_after_a_word_that_goes_on() {
        assert_eq!(cuts("Skinny control (SCCP Phones) for the Manager"), Vec::<usize>::new());
        assert_eq!(cuts("Screenshots (SCCP) Voice media"), vec![19]);
        assert_eq!(cuts("media 2. Video"), vec![9]);
    }
}
