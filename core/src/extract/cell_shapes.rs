//! Table cells as vendors flatten them, made plain before the rows are read:
//! - one column per transport holding ticks (`| Port | TCP | UDP |` with ✓ / Yes / blank) →
//!   one protocol column (`TCP/UDP`);
//! - a ditto mark (`〃`, `"`, "same as above", "ditto") → the cell above;
//! - a row whose port cell is blank (a merged cell flattened to markdown: `|  | UDP |  |`) →
//!   the port and every other blank cell of the row above;
//! - a port cell and a protocol cell of n `<br>`-separated lines each (`5801<br>5701` |
//!   `TCP<br>UDP`) → n rows, the k-th line of each such cell in the k-th;
//! - a service name in the port column (`ldaps`, `https`) → its registered port;
//! - a matrix (`| From \\ To | Manager | Worker |`, the connecting role per row, the listening
//!   role per column, ports in the cells) → `| Source | Destination | Port |` rows.
//!
//! Each rewrite is said in the table's coverage ("what was assumed").

use std::borrow::Cow;

use super::blocks::{Located, Row};
use super::vocabulary::{ColumnRole, is_ditto, normalise, service_port, tick};
use crate::model::Transport;

/// The table with its cells made plain, and a note per kind of rewrite made.
pub(super) fn plain_cells(
    header: &[Located],
    rows: &[Row],
    roles: &[Option<ColumnRole>],
) -> Option<(Vec<Located>, Vec<Row>, Vec<String>)> {
    if let Some((header, rows)) = matrix(header, rows, roles) {
        let note = "a matrix: the row names who connects, the column who listens".to_owned();
        return Some((header, rows, vec![note]));
    }
    if let Some((header, rows)) = super::flow_header::rewrite(header, rows, roles) {
        let note = "the header names the flow: the left side connects to the right".to_owned();
        return Some((header, rows, vec![note]));
    }
    let mut notes = Vec::new();
    // Borrowed until a rewrite changes them: most tables need none, and copying every row of
    // every table to find that out was a visible part of extraction (issue 15).
    // "| All | Distributed / High Availability |" ticks: a row's installations.
    let scenarios = super::scenario_ticks::rewrite(header, rows, roles);
    let (header, rows, roles) = match &scenarios {
        Some((header, rows, roles, note)) => {
            notes.push(note.clone());
            (header.as_slice(), rows.as_slice(), roles.as_slice())
        }
        None => (header, rows, roles),
    };
    let (header, mut rows, roles): (Cow<'_, [Located]>, Cow<'_, [Row]>, Cow<'_, [_]>) =
        match tick_columns(header, rows, roles) {
            Some((header, rows, roles, note)) => {
                notes.push(note);
                (header.into(), rows.into(), roles.into())
            }
            None => (header.into(), rows.into(), roles.into()),
        };
    let port = roles.iter().position(|r| *r == Some(ColumnRole::Port));
    if let Some(port) = port
        && let Some((split, note)) = paired_lines(&rows, &roles, port)
    {
        rows = split.into();
        notes.push(note);
    }
    if let Some(note) = fill_merged(&mut rows, &roles, port) {
        notes.push(note);
    }
    if let Some(note) = fill_merged_ends(&mut rows, &roles, port) {
        notes.push(note);
    }
    if let Some(note) = fill_merged_leading(&mut rows, port) {
        notes.push(note);
    }
    if let Some(port) = port
        && let Some(note) = service_names(&mut rows, port)
    {
        notes.push(note);
    }
    (!notes.is_empty()).then(|| (header.into_owned(), rows.into_owned(), notes))
}

/// A cell that says `text` where `cell` stands (its location kept).
fn restated(cell: &Located, text: &str) -> Located {
    let mut located = Located::at(cell.start);
    located.push(text, cell.source_offset(0));
    located
}

/// Columns headed by one transport whose cells are all ticks or blanks.
#[allow(clippy::type_complexity)]
fn tick_columns(
    header: &[Located],
    rows: &[Row],
    roles: &[Option<ColumnRole>],
) -> Option<(Vec<Located>, Vec<Row>, Vec<Option<ColumnRole>>, String)> {
    if !roles.contains(&Some(ColumnRole::Port)) {
        return None;
    }
    let ticked: Vec<(usize, Transport)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| Some((i, Transport::parse(&normalise(h.trimmed()))?)))
        .filter(|(i, _)| {
            let cells: Vec<Option<bool>> = rows
                .iter()
                .map(|r| r.cells.get(*i).map_or(Some(false), |c| tick(c.trimmed())))
                .collect();
            cells.iter().all(Option::is_some) && cells.contains(&Some(true))
        })
        .collect();
    if ticked.is_empty() {
        return None;
    }
    let keep: Vec<usize> =
        (0..header.len()).filter(|i| !ticked.iter().any(|(t, _)| t == i)).collect();
    let mut new_header: Vec<Located> =
        keep.iter().filter_map(|&i| header.get(i).cloned()).collect();
    let first = ticked.first().and_then(|(i, _)| header.get(*i)).map_or(0, |h| h.start);
    let mut protocol = Located::at(first);
    protocol.push("Protocol", first);
    new_header.push(protocol);
    let mut new_roles: Vec<Option<ColumnRole>> =
        keep.iter().map(|&i| roles.get(i).copied().flatten()).collect();
    new_roles.push(Some(ColumnRole::Protocol));
    let new_rows = rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Located> =
                keep.iter().filter_map(|&i| row.cells.get(i).cloned()).collect();
            let on: Vec<(&Located, Transport)> = ticked
                .iter()
                .filter_map(|(i, t)| {
                    let cell = row.cells.get(*i)?;
                    (tick(cell.trimmed()) == Some(true)).then_some((cell, *t))
                })
                .collect();
            let names: Vec<&str> = on.iter().map(|(_, t)| t.as_str()).collect();
            let at = on.first().map_or(row.start, |(cell, _)| cell.start);
            let mut cell = Located::at(at);
            cell.push(&names.join("/").to_uppercase(), at);
            cells.push(cell);
            Row { cells, start: row.start }
        })
        .collect();
    let shown: Vec<String> =
        ticked.iter().filter_map(|(i, _)| header.get(*i).map(|h| h.trimmed().to_owned())).collect();
    let note =
        format!("columns {} hold ticks: a ticked column is the row's transport", shown.join(", "));
    Some((new_header, new_rows, new_roles, note))
}

/// The `<br>`-separated lines of a cell, each with the position it starts at.
fn lines(cell: &Located) -> Vec<(usize, &str)> {
    let mut at = 0;
    let mut found = Vec::new();
    for line in cell.text.split('\n') {
        if !line.trim().is_empty() {
            found.push((at + line.len() - line.trim_start().len(), line.trim()));
        }
        at += line.len() + 1;
    }
    found
}

/// Lines that are one sentence broken over several: a line ending in a comma, or one that
/// starts in lowercase after the first.
fn wrapped_sentence(lines: &[(usize, &str)]) -> bool {
    lines.iter().any(|(_, line)| line.ends_with(','))
        || lines.iter().skip(1).any(|(_, line)| line.starts_with(|c: char| c.is_lowercase()))
}

/// Rows whose port cell and protocol cell hold as many lines each (more than one): one row
/// per line, every cell of that many lines giving its own line, the others kept whole.
fn paired_lines(
    rows: &[Row],
    roles: &[Option<ColumnRole>],
    port: usize,
) -> Option<(Vec<Row>, String)> {
    let protocol = roles.iter().position(|r| *r == Some(ColumnRole::Protocol));
    // (lines in the port cell, paired with the protocol cell's, paired with another cell's)
    let pairing = |row: &Row| {
        let count = row.cells.get(port).map_or(0, |c| lines(c).len());
        let paired = count > 1
            && protocol.and_then(|p| row.cells.get(p)).is_some_and(|c| lines(c).len() == count);
        // `8080<br>8443` beside `HTTP<br>HTTPS, when a certificate is configured` in a notes
        // column: each line of the notes speaks of the port on its line.
        // ("Either engine,<br>whichever you run" is one sentence wrapped: no pairing.)
        let paired_other = count > 1
            && !paired
            && row.cells.iter().enumerate().any(|(column, c)| {
                let own = lines(c);
                column != port && own.len() == count && !wrapped_sentence(&own)
            });
        (count, paired, paired_other)
    };
    // Nearly no table pairs lines: it is not copied row by row to find that out (issue 15).
    if !rows.iter().any(|row| {
        let (_, paired, paired_other) = pairing(row);
        paired || paired_other
    }) {
        return None;
    }
    let mut split = 0;
    let mut by_other = 0;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let (count, paired, paired_other) = pairing(row);
        by_other += usize::from(paired_other);
        if !paired && !paired_other {
            out.push(row.clone());
            continue;
        }
        split += 1;
        for k in 0..count {
            let cells = row
                .cells
                .iter()
                .map(|cell| {
                    let own = lines(cell);
                    match own.get(k) {
                        Some((at, text)) if own.len() == count => {
                            let mut located = Located::at(cell.start);
                            located.push(text, cell.source_offset(*at));
                            located
                        }
                        _ => cell.clone(),
                    }
                })
                .collect();
            out.push(Row { cells, start: row.start });
        }
    }
    let split = split - by_other;
    match (split, by_other) {
        (0, 0) => None,
        (split, 0) => Some((
            out,
            format!(
                "{split} row(s) pair the lines of their port and protocol cells (one port per transport line)"
            ),
        )),
        (0, other) => Some((
            out,
            format!(
                "{other} row(s) pair the lines of their port cell with those of a cell of as many lines (one port per line)"
            ),
        )),
        (split, other) => Some((
            out,
            format!(
                "{split} row(s) pair the lines of their port and protocol cells (one port per transport line); {other} row(s) pair the lines of their port cell with those of a cell of as many lines"
            ),
        )),
    }
}

/// Ditto marks and rows continuing a merged port cell take the cells above them.
fn fill_merged(
    rows: &mut Cow<'_, [Row]>,
    roles: &[Option<ColumnRole>],
    port: Option<usize>,
) -> Option<String> {
    let mut dittos = 0;
    let mut continued = 0;
    for index in 1..rows.len() {
        // Rows are copied only when one of them changes.
        let (Some(above), Some(row)) = (rows.get(index - 1), rows.get(index)) else { continue };
        // "|  | UDP |  | Heartbeats |": the port is missing, and the row states a protocol and
        // something more of its own: the merged port cell above spans it. A lone "| | UDP |"
        // is a ragged row, not a continuation.
        let stated = row.cells.iter().filter(|c| !c.trimmed().is_empty()).count();
        let merged_port = stated >= 2
            && port.is_some_and(|p| {
                row.cells.get(p).is_some_and(|c| c.trimmed().is_empty())
                    && above.cells.get(p).is_some_and(|c| !c.trimmed().is_empty())
                    && row.cells.iter().enumerate().any(|(i, c)| {
                        roles.get(i).copied().flatten() == Some(ColumnRole::Protocol)
                            && !c.trimmed().is_empty()
                    })
            });
        if merged_port {
            continued += 1;
        }
        let changes = row.cells.iter().zip(&above.cells).any(|(cell, _)| {
            let value = cell.trimmed();
            is_ditto(value) || (merged_port && value.is_empty())
        });
        if !changes {
            continue;
        }
        let (done, rest) = rows.to_mut().split_at_mut(index);
        let (Some(above), Some(row)) = (done.last(), rest.first_mut()) else { continue };
        for (column, cell) in row.cells.iter_mut().enumerate() {
            let Some(upper) = above.cells.get(column) else { continue };
            let value = cell.trimmed();
            let ditto = is_ditto(value);
            if ditto || (merged_port && value.is_empty()) {
                dittos += usize::from(ditto);
                *cell = restated(cell, upper.trimmed());
            }
        }
    }
    let mut said = Vec::new();
    if dittos > 0 {
        said.push(format!("{dittos} ditto cell(s) (〃, \"same as above\") read as the cell above"));
    }
    if continued > 0 {
        said.push(format!(
            "{continued} row(s) with a blank port cell read as continuing the merged cells above"
        ));
    }
    (!said.is_empty()).then(|| said.join("; "))
}

/// "| Delivery controller | Desktop agent | TCP | 80 |" then "|  |  | TCP | 443 |": in a
/// `Source | Destination` table, a row with a port of its own and a blank Source or Destination
/// continues a merged (`rowspan`) cell that a converter flattened to blanks (pandoc does): the
/// blank end is the one above, not "anyone".
fn fill_merged_ends(
    rows: &mut Cow<'_, [Row]>,
    roles: &[Option<ColumnRole>],
    port: Option<usize>,
) -> Option<String> {
    let port = port?;
    let ends: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Some(ColumnRole::Source | ColumnRole::Destination)))
        .map(|(i, _)| i)
        .collect();
    if ends.len() < 2 {
        return None;
    }
    // A column blank in its first row uses blank for a meaning of its own ("the part itself":
    // `| CLIENTS |  | INBOUND |`), not for a merged cell.
    let first = rows.first()?;
    let ends: Vec<usize> = ends
        .into_iter()
        .filter(|&i| first.cells.get(i).is_some_and(|c| !c.trimmed().is_empty()))
        .collect();
    let blank = |cells: &[Located], i: usize| cells.get(i).is_some_and(|c| c.trimmed().is_empty());
    let continued = fill_from_above(rows, port, |above, row| {
        ends.iter().copied().filter(|&i| blank(&row.cells, i) && !blank(&above.cells, i)).collect()
    });
    (continued > 0).then(|| {
        format!(
            "{continued} row(s) with a blank Source or Destination cell read as continuing the merged cell above"
        )
    })
}

/// "| Firewall | Web filter lookups* | UDP/53 |" then "|  |  | TCP/80 |": a row whose every
/// cell before its port (two or more) is blank continues the merged (`rowspan`) cells above
/// it, which a converter flattened to blanks; the purpose and its footnote mark are the row
/// above's (they were lost, and a conditional port was read as always needed).
fn fill_merged_leading(rows: &mut Cow<'_, [Row]>, port: Option<usize>) -> Option<String> {
    let port = port.filter(|&p| p >= 2)?;
    let continued = fill_from_above(rows, port, |above, row| {
        let leading_blank =
            (0..port).all(|i| row.cells.get(i).is_some_and(|c| c.trimmed().is_empty()));
        (0..port)
            .filter(|&i| {
                leading_blank && above.cells.get(i).is_some_and(|c| !c.trimmed().is_empty())
            })
            .collect()
    });
    (continued > 0).then(|| {
        format!(
            "{continued} row(s) blank before the port read as continuing the merged cells above"
        )
    })
}

/// For each row with a port of its own, the cells `pick` chooses (from the row above and the
/// row) take the text of the cell above them; how many rows changed.
fn fill_from_above(
    rows: &mut Cow<'_, [Row]>,
    port: usize,
    pick: impl Fn(&Row, &Row) -> Vec<usize>,
) -> usize {
    let mut continued = 0;
    for index in 1..rows.len() {
        let (Some(above), Some(row)) = (rows.get(index - 1), rows.get(index)) else { continue };
        let own_port = row.cells.get(port).is_some_and(|c| super::text::has_digit(c.trimmed()));
        let fills = if own_port { pick(above, row) } else { Vec::new() };
        if fills.is_empty() {
            continue;
        }
        let (done, rest) = rows.to_mut().split_at_mut(index);
        let (Some(above), Some(row)) = (done.last(), rest.first_mut()) else { continue };
        for column in fills {
            if let (Some(cell), Some(upper)) = (row.cells.get_mut(column), above.cells.get(column))
            {
                *cell = restated(cell, upper.trimmed());
            }
        }
        continued += 1;
    }
    continued
}

/// `ldaps` in the port column: its registered port, and its transport.
fn service_names(rows: &mut Cow<'_, [Row]>, port: usize) -> Option<String> {
    let mut read = Vec::new();
    for index in 0..rows.len() {
        // Read first, and the rows copied only when a cell is rewritten.
        let Some(cell) = rows.get(index).and_then(|row| row.cells.get(port)) else { continue };
        let name = cell.trimmed();
        // "ldaps", or "microsoft-ds (445)": a name, and at most its own number beside it.
        let words: Vec<&str> = name
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        // Only the name itself: "443 HTTPS from Public zone" says more than a service name.
        let Some((number, transport)) = (match words.as_slice() {
            [word] => service_port(word),
            _ => None,
        }) else {
            continue;
        };
        let numbers: Vec<&str> =
            name.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect();
        if !(numbers.is_empty() || numbers == [number.to_string().as_str()]) {
            continue;
        }
        let text = match transport {
            Some(t) => format!("{number}/{}", t.as_str()),
            None => number.to_string(),
        };
        let name = name.to_owned();
        let Some(cell) = rows.to_mut().get_mut(index).and_then(|row| row.cells.get_mut(port))
        else {
            continue;
        };
        *cell = restated(cell, &text);
        read.push(format!("`{name}` as {text}"));
    }
    (!read.is_empty()).then(|| {
        format!(
            "service names in the port column read as their registered ports: {}",
            read.join(", ")
        )
    })
}

/// Words of a matrix's corner cell: one names the rows' side, one the columns' side.
const CORNER_FROM: &[&str] = &["from", "source", "src", "client", "initiator"];
const CORNER_TO: &[&str] = &["to", "destination", "dst", "target", "server", "listener"];

/// `| From \ To | A | B |` with roles in the first column and ports in the cells.
fn matrix(
    header: &[Located],
    rows: &[Row],
    roles: &[Option<ColumnRole>],
) -> Option<(Vec<Located>, Vec<Row>)> {
    let corner = normalise(header.first()?.trimmed());
    let words: Vec<&str> =
        corner.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let cornered = words.len() <= 4
        && words.iter().any(|w| CORNER_FROM.contains(w))
        && words.iter().any(|w| CORNER_TO.contains(w));
    // Every other column is a role: no header of a port table (Port, Protocol, Purpose …).
    if !cornered || header.len() < 2 || roles.iter().skip(1).any(Option::is_some) {
        return None;
    }
    let placeholder = |at: usize, text: &str| {
        let mut located = Located::at(at);
        located.push(text, at);
        located
    };
    let at = header.first().map_or(0, |h| h.start);
    let new_header =
        vec![placeholder(at, "Source"), placeholder(at, "Destination"), placeholder(at, "Port")];
    let mut new_rows = Vec::new();
    for row in rows {
        let Some(source) = row.cells.first() else { continue };
        for (column, cell) in row.cells.iter().enumerate().skip(1) {
            let Some(destination) = header.get(column) else { continue };
            if !super::text::has_digit(cell.trimmed()) {
                continue;
            }
            let cells = vec![source.clone(), restated(cell, destination.trimmed()), cell.clone()];
            new_rows.push(Row { cells, start: row.start });
        }
    }
    Some((new_header, new_rows))
}

#[cfg(test)]
mod tests {
    use crate::extract::{Document, ExtractRecord, extract_document};

    /// (line, ports, transport) of every requirement read from `text`.
    fn read(text: &str) -> Vec<(u32, String, Option<String>)> {
        let build = extract_document(Document { path: "t.md", bytes: text.as_bytes() });
        ExtractRecord::all(&build.catalog)
            .into_iter()
            .map(|r| (r.line, r.ports, r.protocol))
            .collect()
    }

    fn row(line: u32, ports: &str, transport: Option<&str>) -> (u32, String, Option<String>) {
        (line, ports.to_owned(), transport.map(str::to_owned))
    }

    #[test]
    fn ticks_under_transport_columns_were_no_transport() {
        let text = "| Port | TCP | UDP |\n|---|---|---|\n| 5060 | ✓ | ✓ |\n| 5061 | Yes | No |\n| 3478 |  | ✔ |\n";
        assert_eq!(
            read(text),
            [
                row(3, "5060", Some("tcp+udp")),
                row(4, "5061", Some("tcp")),
                row(5, "3478", Some("udp"))
            ]
        );
    }

    #[test]
    fn a_rowspan_source_flattened_to_blanks_by_pandoc_was_read_as_anyone() {
        let text = "---\nplatform: p\ncomponents:\n  controller: { name: Controller }\n  agent: { name: Agent }\n---\n| Source | Destination | Type | Port |\n|---|---|---|---|\n| Controller | Agent | TCP | 80 |\n|  |  | TCP | 443 |\n";
        let build = extract_document(Document { path: "t.md", bytes: text.as_bytes() });
        let got: Vec<(String, String, Option<String>)> = ExtractRecord::all(&build.catalog)
            .into_iter()
            .map(|r| (r.component, r.ports, r.peer))
            .collect();
        let agent = |port: &str| ("p/agent".to_owned(), port.to_owned(), Some("Controller".into()));
        assert_eq!(got, [agent("80"), agent("443")]);
    }

    #[test]
    fn ditto_marks_and_merged_port_cells_lost_the_cell_above() {
        let text = "| Port | Protocol | Purpose |\n|---|---|---|\n| 8400 | TCP | Control |\n| 8401 | 〃 | Data |\n| 8402 | same as above | Media |\n|  | UDP | Heartbeat |\n";
        assert_eq!(
            read(text),
            [
                row(3, "8400", Some("tcp")),
                row(4, "8401", Some("tcp")),
                row(5, "8402", Some("tcp")),
                row(6, "8402", Some("udp")),
            ]
        );
    }

    #[test]
    fn service_names_in_the_port_column_were_dropped_in_silence() {
        let text = "| Port | Purpose |\n|---|---|\n| ldaps | Directory |\n| microsoft-ds (445) | Files |\n| kerberos | Sign-in |\n";
        assert_eq!(
            read(text),
            [row(3, "636", Some("tcp")), row(4, "445", Some("tcp")), row(5, "88", None)]
        );
        // A cell that says more than a name keeps what it says (its flow phrase).
        let text =
            "| Key | Port |\n|---|---|\n| 1 | 443 HTTPS from Public zone to Gateway zone |\n";
        let build = extract_document(Document { path: "t.md", bytes: text.as_bytes() });
        let records = ExtractRecord::all(&build.catalog);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].peer.as_deref(), Some("Public zone"));
    }

    #[test]
    fn br_lines_of_port_and_protocol_cells_were_not_paired() {
        let text = "<table><tr><th>Port</th><th>Protocol</th></tr>\n<tr><td>5801<br>5701</td><td>TCP<br/>UDP</td></tr>\n<tr><td>80<br>443</td><td>TCP</td></tr></table>\n";
        assert_eq!(
            read(text),
            [
                row(2, "5801", Some("tcp")),
                row(2, "5701", Some("udp")),
                row(3, "80", Some("tcp")),
                row(3, "443", Some("tcp")),
            ]
        );
    }

    #[test]
    fn role_matrix_was_read_as_one_component_per_row() {
        let text = "# Roles\n\nAll ports are TCP.\n\n| From \\ To | Manager | Worker |\n|---|---|---|\n| Manager | — | 7001 |\n| Worker | 7000 | n/a |\n";
        let build = extract_document(Document { path: "m.md", bytes: text.as_bytes() });
        let got: Vec<(String, String, Option<String>, Option<String>)> =
            ExtractRecord::all(&build.catalog)
                .into_iter()
                .map(|r| (r.component, r.ports, r.peer, r.protocol))
                .collect();
        let tcp = Some("tcp".to_owned());
        assert_eq!(
            got,
            [
                ("m/worker".to_owned(), "7001".to_owned(), Some("Manager".to_owned()), tcp.clone()),
                ("m/manager".to_owned(), "7000".to_owned(), Some("Worker".to_owned()), tcp),
            ]
        );
    }
}
