//! Rewrites old line ids (`rabbitmq/r-25`, `rabbitmq/r-25.2`) in any text (topologies, tests,
//! docs) to the content ids the same rows have in a catalog built from the current content.
//! Used by `portolan migrate-ids`; an id the catalog cannot place is reported, never guessed.

use super::{Catalog, requirement_id::is_line_id};

/// One line id found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIdUse {
    /// 1-based line and column (in characters) of the id in the text.
    pub line: u32,
    pub column: u32,
    pub old: String,
    /// The id written instead; `None` when the catalog has no row with that line id (left as is).
    pub new: Option<String>,
}

/// `text` with every line id of a catalog platform replaced, and each id found.
pub fn migrate_line_ids(text: &str, catalog: &Catalog) -> (String, Vec<LineIdUse>) {
    let id_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut uses = Vec::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find("/r-")) {
        let slash = from + found;
        from = slash + 3;
        let start = bytes
            .get(..slash)
            .and_then(|b| b.iter().rposition(|&b| !id_byte(b)))
            .map_or(0, |p| p + 1);
        let mut end = from;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end += 1;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
        let (Some(platform), Some(local)) = (text.get(start..slash), text.get(slash + 1..end))
        else {
            continue;
        };
        // `x/r-25-tls` or `x/r-25x` is some other name, not a line id.
        if start == slash
            || bytes.get(end).copied().is_some_and(id_byte)
            || !is_line_id(local)
            || catalog.platform(platform).is_none()
        {
            continue;
        }
        let old = format!("{platform}/{local}");
        let new = catalog
            .platform(platform)
            .and_then(|p| p.requirements.iter().find(|r| r.line_id == local))
            .map(|r| r.id.clone());
        let (line, column) = position(text, start);
        if let (Some(new), Some(before)) = (&new, text.get(copied..start)) {
            out.push_str(before);
            out.push_str(new);
            copied = end;
        }
        uses.push(LineIdUse { line, column, old, new });
        from = end;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    (out, uses)
}

fn position(text: &str, offset: usize) -> (u32, u32) {
    let before = text.get(..offset).unwrap_or("");
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}
