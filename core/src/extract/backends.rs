//! "5432 (PostgreSQL) / 3306 (MySQL)", "PostgreSQL: 5432; MySQL: 3306", "Oracle 1521 | SQL
//! Server 1433 | PostgreSQL 5432": one port per product the operator picks among (the database
//! the server uses). Why: read as a list, every ruleset opened a port for a backend nobody runs
//! (a silent widening). Only ports each labelled with a *different product of one kind* are a
//! choice: "80 (HTTP) / 443 (HTTPS)" names protocols served together, "6379 (Redis) / 5432
//! (PostgreSQL)" two backends of different kinds, used together; both stay required.

use std::ops::Range;

use super::vocabulary::app_protocol;
use crate::model::Transports;

/// What a product is: products of one kind replace each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A relational database the platform stores its data in.
    Database,
    /// A message broker the platform queues work through.
    Broker,
}

/// Products by the names documents write (ASCII lowercase), with a canonical name so that
/// "Postgres" and "PostgreSQL" are one product. Longer names first where one starts another.
const PRODUCTS: &[(&str, &str, Kind)] = &[
    ("microsoft sql server", "sqlserver", Kind::Database),
    ("sql server", "sqlserver", Kind::Database),
    ("mssql", "sqlserver", Kind::Database),
    ("ms sql", "sqlserver", Kind::Database),
    ("postgresql", "postgresql", Kind::Database),
    ("postgres", "postgresql", Kind::Database),
    ("timescaledb", "timescaledb", Kind::Database),
    ("mysql", "mysql", Kind::Database),
    ("mariadb", "mariadb", Kind::Database),
    ("oracle database", "oracle", Kind::Database),
    ("oracle", "oracle", Kind::Database),
    ("db2", "db2", Kind::Database),
    ("cockroachdb", "cockroachdb", Kind::Database),
    ("rabbitmq", "rabbitmq", Kind::Broker),
    ("activemq", "activemq", Kind::Broker),
    ("kafka", "kafka", Kind::Broker),
];

/// The product `label` names, whole ("PostgreSQL", "SQL Server", "Oracle Database").
fn product(label: &str) -> Option<(&'static str, Kind)> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let label = words.join(" ");
    PRODUCTS
        .iter()
        .find(|(name, _, _)| label.eq_ignore_ascii_case(name))
        .map(|(_, canonical, kind)| (*canonical, *kind))
}

/// The product named at the very end of `before` ("…; MySQL: " → MySQL), with its text.
fn product_before(before: &str) -> Option<(&str, &'static str, Kind)> {
    let trimmed = before.trim_end().trim_end_matches([':', '=']).trim_end();
    PRODUCTS.iter().find_map(|(name, canonical, kind)| {
        let at = trimmed.len().checked_sub(name.len())?;
        let tail = trimmed.get(at..)?;
        let bounded = trimmed.get(..at).is_some_and(|head| {
            head.chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric())
        });
        (bounded && tail.eq_ignore_ascii_case(name)).then_some((tail, *canonical, *kind))
    })
}

/// The product written right after a port, in parentheses ("5432 (PostgreSQL)") or after
/// "for" ("5432 for PostgreSQL"), with its text and how far it runs in `after`.
fn product_after(after: &str) -> Option<(&str, &'static str, Kind, usize)> {
    let lead = after.len() - past_transport(after).trim_start().len();
    let rest = after.get(lead..)?;
    if let Some(inner) = rest.strip_prefix('(') {
        let close = inner.find(')')?;
        let label = inner.get(..close)?.trim();
        let (canonical, kind) = product(label)?;
        return Some((label, canonical, kind, lead + close + 2));
    }
    let word = rest.get(..4).filter(|w| w.eq_ignore_ascii_case("for "))?;
    let tail = rest.get(word.len()..)?.trim_start();
    PRODUCTS.iter().find_map(|(name, canonical, kind)| {
        let label = tail.get(..name.len())?;
        let bounded = tail
            .get(name.len()..)
            .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_ascii_alphanumeric()));
        (bounded && label.eq_ignore_ascii_case(name)).then(|| {
            let end = after.len() - tail.len() + name.len();
            (label, *canonical, *kind, end)
        })
    })
}

/// `after` past a transport written right after the port ("/tcp", " TCP").
fn past_transport(after: &str) -> &str {
    let rest = after.trim_start();
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let word_end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    match rest.get(..word_end) {
        Some(word) if !word.is_empty() && Transports::parse(word).is_some() => {
            rest.get(word_end..).unwrap_or_default()
        }
        _ => after,
    }
}

/// Whether `gap` (between two labelled ports, labels taken out) only separates them: "/",
/// ",", ";", "|", "or", a transport ("/tcp"), a protocol name; with `and`, "and" and "&" too.
fn only_separates(gap: &str, and: bool) -> bool {
    gap.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).all(|w| {
        w.eq_ignore_ascii_case("or")
            || (and && w.eq_ignore_ascii_case("and"))
            || Transports::parse(w).is_some()
            || app_protocol(w).is_some()
    }) && !gap.contains(['.', '!', '?', '\n'])
        && (and || !gap.contains('&'))
}

/// Ports (their spans in `text`) that are one per product of one kind: the index range of each
/// such run and how it reads as a choice ("5432 (PostgreSQL) or 3306 (MySQL)").
pub(super) fn runs(text: &str, spans: &[Range<usize>]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < spans.len() {
        let end = run_from(text, spans, start, false);
        if end > start {
            let labels: Vec<String> = (start..=end)
                .filter_map(|k| {
                    let span = spans.get(k)?;
                    let label = label_of(text, spans, k)?;
                    Some(format!("{} ({label})", text.get(span.clone())?))
                })
                .collect();
            out.push((start..end + 1, one_of(&labels)));
        }
        start = end + 1;
    }
    out
}

/// "5432 (PostgreSQL) and 3306 (MySQL)": ports of products of one kind joined by "and", which
/// may mean both or the one installed. Read as both (never a port lost); each such run (index
/// range, as written) is said so the author can write which.
pub(super) fn unsure_runs(text: &str, spans: &[Range<usize>]) -> Vec<(Range<usize>, String)> {
    if !text.contains("and") && !text.contains('&') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < spans.len() {
        let end = run_from(text, spans, start, true);
        if end > start && run_from(text, spans, start, false) < end {
            let from = spans.get(start).map_or(0, |s| s.start);
            let to = spans.get(end).map_or(from, |s| {
                s.end + text.get(s.end..).and_then(product_after).map_or(0, |(.., len)| len)
            });
            out.push((start..end + 1, text.get(from..to).unwrap_or_default().to_owned()));
        }
        start = end + 1;
    }
    out
}

/// The last index of the run of labelled ports from `start` (`start` itself when none); with
/// `and`, ports joined by "and" run on too.
fn run_from(text: &str, spans: &[Range<usize>], start: usize, and: bool) -> usize {
    // Labels after the ports ("5432 (PostgreSQL) / 3306 (MySQL)"), else before them.
    for after in [true, false] {
        let mut seen: Vec<(&str, Kind)> = Vec::new();
        let mut end = start;
        for k in start..spans.len() {
            let Some(span) = spans.get(k) else { break };
            let (canonical, kind, gap_from) = if after {
                let Some((_, c, kind, len)) = text.get(span.end..).and_then(product_after) else {
                    break;
                };
                (c, kind, span.end + len)
            } else {
                let from = if k == start { 0 } else { spans.get(k - 1).map_or(0, |s| s.end) };
                let Some((_, c, kind)) = text.get(from..span.start).and_then(product_before) else {
                    break;
                };
                (c, kind, span.end)
            };
            if seen.iter().any(|(c, kd)| *c == canonical || *kd != kind) {
                break;
            }
            seen.push((canonical, kind));
            end = k;
            // The next port joins when only separators stand between (its label taken out).
            let Some(next) = spans.get(k + 1) else { break };
            let gap_to = if after {
                next.start
            } else {
                let between = text.get(gap_from..next.start).unwrap_or_default();
                match product_before(between) {
                    Some((label, _, _)) => {
                        let cut = between.trim_end().trim_end_matches([':', '=']).trim_end();
                        gap_from + cut.len() - label.len()
                    }
                    None => break,
                }
            };
            if !text.get(gap_from..gap_to).is_some_and(|gap| only_separates(gap, and)) {
                break;
            }
        }
        if end > start {
            return end;
        }
    }
    start
}

/// The product label of port `k`, after it or before it.
fn label_of<'t>(text: &'t str, spans: &[Range<usize>], k: usize) -> Option<&'t str> {
    let span = spans.get(k)?;
    if let Some((label, _, _, _)) = text.get(span.end..).and_then(product_after) {
        return Some(label);
    }
    let from = k.checked_sub(1).and_then(|p| spans.get(p)).map_or(0, |s| s.end);
    text.get(from..span.start).and_then(product_before).map(|(label, _, _)| label)
}

/// Headers of a column whose rows name the backend each row's port is for ("Database",
/// "Backend", "DB engine", "Broker"): only under such a header are rows a choice.
const CHOICE_HEADERS: &[&str] =
    &["database", "databases", "db", "dbms", "rdbms", "backend", "engine", "broker", "store"];

/// Whether `header` heads a column of backends to pick among.
pub(super) fn is_choice_header(header: &str) -> bool {
    header
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| CHOICE_HEADERS.iter().any(|h| w.eq_ignore_ascii_case(h)))
}

/// The product a table cell names ("PostgreSQL", "**MySQL**", "Oracle (19c and later)"): its
/// canonical name and kind, when the cell starts with one.
fn product_cell(cell: &str) -> Option<(&'static str, Kind)> {
    let cell = cell.trim().trim_start_matches(['*', '_', '`']);
    PRODUCTS.iter().find_map(|(name, canonical, kind)| {
        let head = cell.get(..name.len())?;
        let bounded = cell
            .get(name.len()..)
            .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_ascii_alphanumeric()));
        (bounded && head.eq_ignore_ascii_case(name)).then_some((*canonical, *kind))
    })
}

/// Rows (each the cell of a backend column, `None` for a row without one) that name, one row
/// each, different products of one kind: each run of two or more such rows, as row indexes.
pub(super) fn row_runs(cells: &[Option<&str>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < cells.len() {
        let mut seen: Vec<(&str, Kind)> = Vec::new();
        let mut end = start;
        for cell in cells.get(start..).unwrap_or_default() {
            let Some((canonical, kind)) = cell.and_then(product_cell) else { break };
            if seen.iter().any(|(c, k)| *c == canonical || *k != kind) {
                break;
            }
            seen.push((canonical, kind));
            end += 1;
        }
        if end - start >= 2 {
            out.push(start..end);
            start = end;
        } else {
            start += 1;
        }
    }
    out
}

/// "5432 (PostgreSQL), 3306 (MySQL) or 1521 (Oracle)".
pub(super) fn one_of(written: &[String]) -> String {
    match written.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => written.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::alternatives::tests::spans_of;

    fn read(text: &str, ports: &[&str]) -> Vec<(Range<usize>, String)> {
        runs(text, &spans_of(text, ports))
    }

    #[test]
    fn regression_database_alternatives_read_as_both_required() {
        let both = vec![(0..2, "5432 (PostgreSQL) or 3306 (MySQL)".to_owned())];
        assert_eq!(read("5432 (PostgreSQL) / 3306 (MySQL)", &["5432", "3306"]), both);
        assert_eq!(read("PostgreSQL: 5432; MySQL: 3306", &["5432", "3306"]), both);
        assert_eq!(read("5432/tcp (Postgres), 3306/tcp (MySQL)", &["5432", "3306"]), {
            vec![(0..2, "5432 (Postgres) or 3306 (MySQL)".to_owned())]
        });
        assert_eq!(
            read("Oracle 1521 | SQL Server 1433 | PostgreSQL 5432", &["1521", "1433", "5432"]),
            [(0..3, "1521 (Oracle), 1433 (SQL Server) or 5432 (PostgreSQL)".to_owned())]
        );
        assert_eq!(
            read("5432 for PostgreSQL, 3306 for MariaDB", &["5432", "3306"]),
            [(0..2, "5432 (PostgreSQL) or 3306 (MariaDB)".to_owned())]
        );
    }

    #[test]
    fn rows_of_one_backend_each_are_a_choice() {
        let cells = [Some("MySQL"), Some("**PostgreSQL**"), Some("TimescaleDB (extension)")];
        assert_eq!(row_runs(&cells), vec![Range { start: 0, end: 3 }]);
        assert!(row_runs(&[Some("PostgreSQL"), Some("Redis")]).is_empty());
        assert!(row_runs(&[Some("PostgreSQL"), None, Some("MySQL")]).is_empty());
        assert!(row_runs(&[Some("PostgreSQL"), Some("Postgres")]).is_empty());
        assert!(is_choice_header("Database"));
        assert!(is_choice_header("DB engine"));
        assert!(!is_choice_header("Service"));
    }

    #[test]
    fn protocols_and_backends_of_different_kinds_are_no_choice() {
        assert!(read("80 (HTTP) / 443 (HTTPS)", &["80", "443"]).is_empty());
        assert!(read("6379 (Redis) / 5432 (PostgreSQL)", &["6379", "5432"]).is_empty());
        assert!(read("5432 (PostgreSQL) / 5672 (RabbitMQ)", &["5432", "5672"]).is_empty());
        assert!(read("5432 (PostgreSQL) / 5433 (PostgreSQL)", &["5432", "5433"]).is_empty());
        // Words between the two say more than a list: left to the other readings.
        assert!(read("5432 (PostgreSQL) and then 3306 (MySQL)", &["5432", "3306"]).is_empty());
        assert!(read("PostgreSQL: 5432. MySQL: 3306", &["5432", "3306"]).is_empty());
        // "and" may mean both: read as both, and said (`unsure_runs`).
        let and = "5432 (PostgreSQL) and 3306 (MySQL)";
        assert!(read(and, &["5432", "3306"]).is_empty());
        let unsure = |text: &str, ports: &[&str]| unsure_runs(text, &spans_of(text, ports));
        assert_eq!(unsure(and, &["5432", "3306"]), [(0..2, and.to_owned())]);
        assert!(unsure("5432 (PostgreSQL) / 3306 (MySQL)", &["5432", "3306"]).is_empty());
        assert!(unsure("6379 (Redis) and 5432 (PostgreSQL)", &["6379", "5432"]).is_empty());
        // One labelled port alone is no choice.
        assert!(read("Database: 5432 (PostgreSQL)", &["5432"]).is_empty());
    }
}
