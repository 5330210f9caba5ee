//! A settings table with no port column ("Parameter | Required | Description/value", a
//! clustered tracker's `cluster.properties`): each row a configuration key, its port written in
//! the description ("Port the node listens on. Default = 40001"). The table was skipped without
//! a word (two replication ports lost). Its rows about a port are read as "`key`: description"
//! items; its "Required" column says whether the *setting* must be written, not whether the port
//! is needed, so it is left out of the item. Rows about no port (a timeout "in milliseconds",
//! "Default = 2000") are not read: their numbers are no ports.

use super::blocks::{Located, Row};
use super::vocabulary::{ColumnRole, normalise};

/// Headers of a column of configuration keys.
const KEY_HEADERS: &[&str] = &[
    "parameter",
    "parameters",
    "parameter name",
    "property",
    "properties",
    "property name",
    "setting",
    "settings",
    "setting name",
    "option",
    "options",
    "configuration key",
    "config key",
    "key",
    "variable",
];

/// The column of configuration keys, when the table is a settings table: a key header over
/// cells most of which are written as keys (`tracker.node.id`, `listen_port`).
pub(super) fn key_column(headers: &[String], rows: &[Row]) -> Option<usize> {
    let column = headers.iter().position(|h| KEY_HEADERS.contains(&normalise(h).as_str()))?;
    let keys = rows.iter().filter(|r| r.cells.get(column).is_some_and(|c| is_key(c.trimmed())));
    (keys.count() * 2 > rows.len()).then_some(column)
}

/// `tracker.node.id`, `ehcache.listener.port`, `listen_port`: one word with a dot or an
/// underscore, or anything in code quotes.
fn is_key(cell: &str) -> bool {
    let quoted = cell.len() > 2 && cell.starts_with('`') && cell.ends_with('`');
    let bare = cell.trim_matches('`');
    !bare.is_empty() && !bare.contains(char::is_whitespace) && (quoted || bare.contains(['.', '_']))
}

/// The row as a "`key`: description" item, when it speaks of a port and writes a number: the
/// key, then the cells that describe (no necessity, no row number).
pub(super) fn row_item(row: &Row, key: usize, roles: &[Option<ColumnRole>]) -> Option<Located> {
    let term = row.cells.get(key)?;
    let mut item = term.clone();
    for (i, cell) in row.cells.iter().enumerate() {
        let describes = matches!(roles.get(i).copied().flatten(), None | Some(ColumnRole::Purpose));
        if i != key && describes && !cell.trimmed().is_empty() {
            item = Located::term_and_definition(&item, cell);
        }
    }
    (names_port(&item.text) && super::text::has_digit(&item.text)).then_some(item)
}

/// True when a word of `text` is "port" or "ports" (`ehcache.listener.port` counts).
fn names_port(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("port") || w.eq_ignore_ascii_case("ports"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_words_with_dots_or_underscores_or_code() {
        for key in ["`tracker.node.id`", "ehcache.listener.port", "listen_port", "`port`"] {
            assert!(is_key(key), "{key}");
        }
        for not in ["Web console", "8080", "", "``"] {
            assert!(!is_key(not), "{not}");
        }
    }

    #[test]
    fn a_timeout_in_milliseconds_names_no_port() {
        assert!(names_port("ehcache.listener.port: Default = 40001"));
        assert!(!names_port("socketTimeoutMillis: how long, in milliseconds. Default = 2000"));
        assert!(!names_port("important: reports"));
    }
}
