//! Finding port numbers in a piece of text, and telling them apart from decoys: IP addresses,
//! CIDR prefixes, versions, decimals and counts ("6–7 nodes").
//!
//! Three readings, from most to least permissive:
//! - [`port_cell`]: a cell of a port column, where every free-standing number is a port;
//! - [`leading_port`]: a list item that starts with a port ("161 (inbound and outbound) SNMP");
//! - [`prose`]: running text, where only numbers introduced by "port"/"ports" (or written as
//!   `443/tcp`, `tcp/443`) count.

use std::borrow::Cow;
use std::ops::Range;

use super::vocabulary::{
    MOVE_VERBS, PORT_PREPOSITIONS, REDIRECT_VERBS, app_protocol, is_network_verb,
    is_numbering_word, is_opening_verb, is_unit_word, is_well_known_low_port, lowercase,
};
use crate::model::{PortError, PortRange, Transport, Transports};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind<'a> {
    /// Digits; `decoy` when the number is part of an address, version or decimal.
    Number {
        value: u64,
        decoy: bool,
    },
    /// Lowercase; borrowed from the text when it is written in lowercase ASCII (no copy per
    /// word).
    Word(Cow<'a, str>),
    Punct(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Token<'a> {
    kind: Kind<'a>,
    span: Range<usize>,
    /// Whitespace right before the token.
    spaced: bool,
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut spaced = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some((i, d)) = chars.peek().copied() {
                if d.is_ascii_digit() || (d == ',' && is_thousands_group(text, i)) {
                    end = i + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            let written = &text[start..end];
            // Too many digits for u64 saturates: still "too large to be a port".
            let value = if written.contains(',') {
                let digits: String = written.chars().filter(char::is_ascii_digit).collect();
                digits.parse::<u64>().unwrap_or(u64::MAX)
            } else {
                written.parse::<u64>().unwrap_or(u64::MAX)
            };
            tokens.push(Token {
                kind: Kind::Number { value, decoy: false },
                span: start..end,
                spaced,
            });
        } else if is_word_char(c) {
            let mut end = start + c.len_utf8();
            while let Some((i, d)) = chars.peek().copied() {
                if is_word_char(d) || d == '-' && next_is_alpha(text, i) {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token {
                kind: Kind::Word(lowercase(&text[start..end])),
                span: start..end,
                spaced,
            });
        } else {
            tokens.push(Token { kind: Kind::Punct(c), span: start..start + c.len_utf8(), spaced });
        }
        spaced = false;
    }
    mark_decoys(&mut tokens);
    tokens
}

/// Letters, digits and `_`; a superscript digit is a footnote marker (`162/UDP¹`), not part of
/// the word it is glued to.
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !matches!(c, '¹' | '²' | '³' | '⁰' | '⁴'..='⁹')
}

/// `1,024` is one number when exactly three digits follow the comma and the whole still fits a
/// port; `80,443` (a list written without a space) is two.
fn is_thousands_group(text: &str, comma: usize) -> bool {
    let rest = &text.as_bytes()[comma + 1..];
    let three_digits = rest.len() >= 3
        && rest[..3].iter().all(u8::is_ascii_digit)
        && rest.get(3).is_none_or(|b| !b.is_ascii_digit());
    if !three_digits {
        return false;
    }
    let before: String = text[..comma]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let combined = format!("{before}{}", std::str::from_utf8(&rest[..3]).unwrap_or("999"));
    combined.parse::<u64>().is_ok_and(|v| v <= 65_535)
}

fn next_is_alpha(text: &str, index: usize) -> bool {
    text[index + 1..].chars().next().is_some_and(char::is_alphabetic)
}

/// Marks numbers that belong to dotted forms (10.0.0.0, v1.28, 1.5), CIDR prefixes (/22 not
/// after a port or transport), and numbers glued to letters (`8x`, `3rd`).
fn mark_decoys(tokens: &mut [Token<'_>]) {
    let len = tokens.len();
    for i in 0..len {
        let Kind::Number { .. } = tokens[i].kind else { continue };
        let glued_before = |j: usize| !tokens[j].spaced;
        let prev = i.checked_sub(1).map(|j| &tokens[j]);
        let next = tokens.get(i + 1);
        let mut decoy = false;
        // Dotted: a '.' glued on either side with a number beyond it.
        if let Some(p) = prev
            && p.kind == Kind::Punct('.')
            && !tokens[i].spaced
            && i >= 2
            && matches!(tokens[i - 2].kind, Kind::Number { .. } | Kind::Word(_))
            && !p.spaced
        {
            decoy = true;
        }
        if let Some(n) = next
            && n.kind == Kind::Punct('.')
            && !n.spaced
            && tokens.get(i + 2).is_some_and(|t| matches!(t.kind, Kind::Number { .. }) && !t.spaced)
        {
            decoy = true;
        }
        // CIDR prefix: '/' glued before, and what precedes the slash is not a port or transport.
        if let Some(p) = prev
            && p.kind == Kind::Punct('/')
            && glued_before(i)
        {
            let before_slash = i.checked_sub(2).map(|j| &tokens[j]);
            let after_port_or_transport = before_slash.is_some_and(|t| {
                !p.spaced
                    && match &t.kind {
                        Kind::Number { decoy, .. } => !decoy,
                        Kind::Word(w) => Transport::parse(w).is_some(),
                        Kind::Punct(_) => false,
                    }
            });
            if !after_port_or_transport {
                decoy = true;
            }
        }
        // Glued to a following letter run that is not a transport: `8x`, `3rd`, `10GbE`.
        if let Some(n) = next
            && let Kind::Word(w) = &n.kind
            && !n.spaced
            && Transport::parse(w).is_none()
        {
            decoy = true;
        }
        // `~29`, `#3`, `$5`, `v` handled by the word tokenizer.
        if let Some(p) = prev
            && matches!(p.kind, Kind::Punct('~' | '#' | '$' | '≈' | '+' | '<' | '>' | '@'))
            && !tokens[i].spaced
        {
            decoy = true;
        }
        if let Kind::Number { decoy: d, .. } = &mut tokens[i].kind {
            *d = *d || decoy;
        }
    }
    // A chain of three or more numbers glued by hyphens is a version or a date ("AMQP 0-9-1",
    // "2024-01-15"), not a port range and a stray number: every part is a decoy.
    for i in 0..len {
        let glued = |j: usize, kind: fn(&Kind<'_>) -> bool| {
            tokens.get(j).is_some_and(|t| !t.spaced && kind(&t.kind))
        };
        let number = |k: &Kind<'_>| matches!(k, Kind::Number { .. });
        let hyphen = |k: &Kind<'_>| *k == Kind::Punct('-');
        if matches!(tokens[i].kind, Kind::Number { .. })
            && glued(i + 1, hyphen)
            && glued(i + 2, number)
            && glued(i + 3, hyphen)
            && glued(i + 4, number)
        {
            for j in [i, i + 2, i + 4] {
                if let Some(Token { kind: Kind::Number { decoy, .. }, .. }) = tokens.get_mut(j) {
                    *decoy = true;
                }
            }
        }
    }
    // A dotted quad marks all four parts, including the first.
    for i in 0..len {
        if let Some(n) = tokens.get(i + 1)
            && n.kind == Kind::Punct('.')
            && !n.spaced
            && tokens.get(i + 2).is_some_and(|t| matches!(t.kind, Kind::Number { decoy: true, .. }))
            && let Kind::Number { decoy, .. } = &mut tokens[i].kind
        {
            *decoy = true;
        }
    }
}

/// One port or range found in text, with what its surroundings say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub ports: Result<PortRange, PortError>,
    /// Byte span of the number or range in the scanned text.
    pub span: Range<usize>,
    pub transport: Option<Transports>,
    /// Application protocol word attached to this port (`https`, `ssh`).
    pub app: Option<String>,
    /// Text of a parenthetical right after the port, e.g. `inbound and outbound`.
    pub parenthetical: Option<String>,
}

/// Reads `N`, `N-M`, `N – M` starting at token `i`. Returns the range and the index after it.
fn range_at(
    tokens: &[Token<'_>],
    i: usize,
) -> Option<(Result<PortRange, PortError>, Range<usize>, usize)> {
    let Kind::Number { value: start, decoy: false } = tokens.get(i)?.kind else { return None };
    let start_span = tokens[i].span.clone();
    // `N-M` (a spaced dash only when ascending, so "443 - 8443" is still a range but "5 - 3" is
    // not read as one), and `N to M` / `N through M` when ascending.
    let joined_by_word = |t: &Token<'_>| matches!(&t.kind, Kind::Word(w) if w == "to" || w == "through" || w == "thru");
    // "moved from 8080 to 8443": two ports, the old and the new, not the range 8080-8443 (which
    // "ranges from 30000 to 32767" is).
    let moved = word_at(tokens, i.wrapping_sub(1)) == Some("from")
        && (2..=5).any(|back| {
            word_at(tokens, i.wrapping_sub(back)).is_some_and(|w| MOVE_VERBS.contains(&w))
        });
    let redirected = redirected_port(tokens, i);
    if let (Some(dash), Some(end_token)) = (tokens.get(i + 1), tokens.get(i + 2))
        && (matches!(dash.kind, Kind::Punct('-' | '–' | '—')) || joined_by_word(dash))
        && let Kind::Number { value: end, decoy: false } = end_token.kind
        && ((!dash.spaced && !joined_by_word(dash)) || end >= start)
        && !((moved || redirected) && joined_by_word(dash))
    {
        let ports = PortRange::port_number(start)
            .and_then(|s| PortRange::port_number(end).and_then(|e| PortRange::new(s, e)));
        return Some((ports, start_span.start..end_token.span.end, i + 3));
    }
    // "49152--65535": pandoc's markdown writes an en dash as two hyphens.
    if let (Some(first), Some(second), Some(end_token)) =
        (tokens.get(i + 1), tokens.get(i + 2), tokens.get(i + 3))
        && first.kind == Kind::Punct('-')
        && second.kind == Kind::Punct('-')
        && !first.spaced
        && !second.spaced
        && !end_token.spaced
        && let Kind::Number { value: end, decoy: false } = end_token.kind
        && end >= start
    {
        let ports = PortRange::port_number(start)
            .and_then(|s| PortRange::port_number(end).and_then(|e| PortRange::new(s, e)));
        return Some((ports, start_span.start..end_token.span.end, i + 4));
    }
    // "49152+", "49152 and above": an open range up to the last port. Only from the
    // registered range up, so "10+ nodes" stays a count.
    if start >= 1024 {
        let open_end = match (tokens.get(i + 1), word_at(tokens, i + 1), word_at(tokens, i + 2)) {
            (Some(plus), _, _) if plus.kind == Kind::Punct('+') && !plus.spaced => Some(i + 2),
            (_, Some("and" | "or"), Some("above" | "up" | "higher")) => Some(i + 3),
            _ => None,
        };
        if let Some(after) = open_end {
            let end = tokens.get(after - 1).map_or(start_span.end, |t| t.span.end);
            let ports = PortRange::port_number(start).and_then(|s| PortRange::new(s, u16::MAX));
            return Some((ports, start_span.start..end, after));
        }
    }
    Some((PortRange::port_number(start).and_then(PortRange::single), start_span, i + 1))
}

/// "forward 514 to 5140", "redirect port 80 to 8080", "map TCP 80 to 8080": the port a
/// redirect verb sends on (one port, and the one it goes to), not the start of a range. A
/// plural ("forward ports 8000 to 8100") is still a range.
fn redirected_port(tokens: &[Token<'_>], i: usize) -> bool {
    let verb_at = |j: usize| word_at(tokens, j).is_some_and(|w| REDIRECT_VERBS.contains(&w));
    let Some(before) = i.checked_sub(1) else { return false };
    verb_at(before)
        || (word_at(tokens, before).is_some_and(|w| w == "port" || Transports::parse(w).is_some())
            && before.checked_sub(1).is_some_and(verb_at))
}

/// Way words right after a port that end its clause (`in;`, `out,`, `both directions` at the
/// end): the words, and the index after them. "443 in the DMZ" has none.
fn way_words(text: &str, tokens: &[Token<'_>], i: usize) -> Option<(String, usize)> {
    let first = word_at(tokens, i)?;
    let len = match first {
        "in" | "out" | "inbound" | "outbound" | "incoming" | "outgoing" | "bidirectional" => 1,
        "both" if matches!(word_at(tokens, i + 1), Some("directions" | "ways")) => 2,
        "both" => 1,
        _ => return None,
    };
    let after = i + len;
    let closes = after >= tokens.len() || matches!(punct_at(tokens, after), Some(';' | ','));
    let words = text.get(tokens.get(i)?.span.start..tokens.get(after - 1)?.span.end)?;
    closes.then(|| (words.to_owned(), after))
}

/// Does the text at token `i` open on a port: `514 when …`, `TCP 514 …`, `514/tcp if …`?
fn opens_on_port(tokens: &[Token<'_>], i: usize) -> bool {
    let at = if transport_word(tokens, i).is_some() { i + 1 } else { i };
    range_at(tokens, at).is_some_and(|(ports, _, _)| ports.is_ok())
}

/// Where the parenthesis that ends before token `after` closes (its `)`), in bytes.
fn after_paren_end(tokens: &[Token<'_>], after: usize) -> usize {
    tokens.get(after.saturating_sub(1)).map_or(usize::MAX, |t| t.span.end)
}

/// The text opens on a port (`TCP 514 when reliable logging is on`): a parenthesis that is
/// a port of its own, not a clause about the port before it.
pub fn opens_with_port(text: &str) -> bool {
    has_digit(text) && opens_on_port(&tokenize(text), 0)
}

/// The ports of every parenthesis after byte `from` that opens on a port and says it is one
/// more ("(5269 TCP is also used for linked servers)"), each carrying the parenthesis' words.
pub fn ports_in_later_parentheses(text: &str, from: usize) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut at = from;
    while let Some(open) = text.get(at..).and_then(|t| t.find('(')).map(|i| i + at) {
        let inner_start = open + 1;
        let close = text.get(inner_start..).and_then(|t| t.find(')')).map(|i| i + inner_start);
        let inner = text.get(inner_start..close.unwrap_or(text.len())).unwrap_or_default();
        // "(19200 by default)" restates a port of another row; "(5269 TCP is also used …)",
        // "(8443 when TLS is on)" add one.
        let lower = inner.to_ascii_lowercase();
        let adds = [" also ", " as well", " additionally", " if ", " when "]
            .iter()
            .any(|w| lower.contains(w));
        if adds && opens_with_port(inner) {
            for mut mention in port_cell(inner) {
                mention.span = mention.span.start + inner_start..mention.span.end + inner_start;
                mention.parenthetical.get_or_insert_with(|| inner.to_owned());
                found.push(mention);
            }
        }
        at = close.unwrap_or(text.len()).max(inner_start);
    }
    found
}

/// `(or 443)` at `i`: an alternative port written in a parenthetical.
fn alternative_in_paren(tokens: &[Token<'_>], i: usize) -> bool {
    punct_at(tokens, i) == Some('(')
        && word_at(tokens, i + 1) == Some("or")
        && matches!(tokens.get(i + 2).map(|t| &t.kind), Some(Kind::Number { decoy: false, .. }))
}

/// `(2500 to 3300)`, `(2500-3300)` at `i`: a parenthetical that is one port range only.
fn fallback_range_in_paren(tokens: &[Token<'_>], i: usize) -> bool {
    punct_at(tokens, i) == Some('(')
        && range_at(tokens, i + 1).is_some_and(|(ports, _, after)| {
            ports.is_ok_and(|p| p.start() != p.end()) && punct_at(tokens, after) == Some(')')
        })
}

fn word_at<'t>(tokens: &'t [Token<'_>], i: usize) -> Option<&'t str> {
    match &tokens.get(i)?.kind {
        Kind::Word(w) => Some(w),
        _ => None,
    }
}

fn punct_at(tokens: &[Token<'_>], i: usize) -> Option<char> {
    match tokens.get(i)?.kind {
        Kind::Punct(c) => Some(c),
        _ => None,
    }
}

/// A parenthetical starting at `i` (which must be `(`): its inner text and the index after `)`.
fn parenthetical(text: &str, tokens: &[Token<'_>], i: usize) -> Option<(String, usize)> {
    if punct_at(tokens, i)? != '(' {
        return None;
    }
    let close = (i + 1..tokens.len()).find(|&j| punct_at(tokens, j) == Some(')'))?;
    let inner = if close > i + 1 {
        text[tokens[i + 1].span.start..tokens[close - 1].span.end].to_owned()
    } else {
        String::new()
    };
    Some((inner, close + 1))
}

/// Transport and app protocol glued to a port: `443/tcp`, `tcp/443`, `udp:53`.
fn glued_transport(tokens: &[Token<'_>], first: usize, after: usize) -> Option<Transports> {
    if first >= 2
        && matches!(punct_at(tokens, first - 1), Some('/' | ':'))
        && let Some(word) = word_at(tokens, first - 2)
        && let Some(t) = Transports::parse(word)
    {
        // "TCP or UDP/514": the transports joined before the glued one count too.
        let mut union = t;
        let mut at = first - 2;
        while joins_previous_transport(tokens, at)
            && let Some(earlier) = transport_word(tokens, at - 2)
        {
            union = union.union(earlier).unwrap_or(union);
            at -= 2;
        }
        return Some(union);
    }
    if matches!(punct_at(tokens, after), Some('/'))
        && let Some(word) = word_at(tokens, after + 1)
        && let Some(t) = Transports::parse(word)
    {
        return Some(t);
    }
    None
}

/// Whether the transport word at `i` is joined to a transport word just before it by `/`,
/// `&`, `+`, `,`, `and` or `or` — one list of transports, not a new group. A transport lost
/// here would close a port the vendor says is needed ("TCP or UDP/514": syslog over either,
/// so both are opened).
fn joins_previous_transport(tokens: &[Token<'_>], i: usize) -> bool {
    let Some(before) = i.checked_sub(2) else { return false };
    let joiner = matches!(punct_at(tokens, i - 1), Some('/' | '&' | '+' | ','))
        || matches!(word_at(tokens, i - 1), Some("and" | "or"));
    joiner && transport_word(tokens, before).is_some()
}

/// A list of transports from `i`: `TCP`, `TCP/UDP`, `TCP & UDP`, `TCP and UDP`: their union
/// and the index after the list.
fn transports_at(tokens: &[Token<'_>], i: usize) -> Option<(Transports, usize)> {
    let mut union = transport_word(tokens, i)?;
    let mut next = i + 1;
    while let Some(t) = transport_word(tokens, next + 1)
        && joins_previous_transport(tokens, next + 1)
    {
        union = union.union(t).unwrap_or(union);
        next += 2;
    }
    Some((union, next))
}

fn app_word(tokens: &[Token<'_>], i: usize) -> Option<&'static str> {
    word_at(tokens, i).and_then(app_protocol).map(|a| a.name)
}

fn transport_word(tokens: &[Token<'_>], i: usize) -> Option<Transports> {
    word_at(tokens, i).and_then(Transports::parse)
}

/// Every free-standing port in a port-column cell: `443`, `80, 443`, `3000 or 443`, `80/443`,
/// `HTTPS (tcp/443)`, `22 SSH, 9090 HTTPS from Protected zone to Gateway zone`.
pub fn port_cell(text: &str) -> Vec<Mention> {
    // Every reading below starts at a number: text without a digit is not tokenized (most
    // sentences and many cells have none).
    if !has_digit(text) {
        return Vec::new();
    }
    let tokens = tokenize(text);
    let mut mentions: Vec<Mention> = Vec::new();
    // Ports waiting for a protocol word that follows them ("3000 or 443 … HTTPS").
    let mut pending: Vec<usize> = Vec::new();
    let mut leading_app: Option<&'static str> = None;
    let mut leading_transport: Option<Transports> = None;
    // Parentheses that open on a port: their span and their words.
    let mut nested: Vec<(Range<usize>, String)> = Vec::new();
    // Ports whose transport is a parenthesised label of their own ("8301 (UDP)").
    let mut labelled: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((ports, span, after)) = range_at(&tokens, i) {
            let transport = glued_transport(&tokens, i, after).or(leading_transport);
            let mut next = after;
            if transport.is_some()
                && matches!(punct_at(&tokens, after), Some('/'))
                && transport_word(&tokens, after + 1).is_some()
            {
                next = after + 2;
            }
            // "9443 (or 443)": the alternative in the parenthetical is a port of the cell too.
            // "6162 (2500 to 3300)": the fallback range in the parenthetical is read too.
            let paren = parenthetical(text, &tokens, next).filter(|_| {
                !alternative_in_paren(&tokens, next) && !fallback_range_in_paren(&tokens, next)
            });
            let mut mention = Mention {
                ports,
                span,
                transport,
                app: leading_app.map(str::to_owned),
                parenthetical: None,
            };
            // "UDP 514 (TCP 514 when reliable logging is on)", "8080 (8443 when TLS is on)":
            // a parenthesis that opens on a port of its own gives one more port, with its own
            // clause (the port inside was dropped in silence, its clause put on the outer one).
            if let Some((inner, after_paren)) = &paren
                && opens_on_port(&tokens, next + 1)
            {
                nested.push((
                    tokens[next].span.start..after_paren_end(&tokens, *after_paren),
                    inner.clone(),
                ));
                mentions.push(mention);
                pending.retain(|&p| p < mentions.len());
                pending.push(mentions.len() - 1);
                i = next + 1;
                continue;
            }
            if let Some((inner, after_paren)) = paren {
                let (t, app) = super::vocabulary::protocol_cell(&inner);
                // "(TCP)", "(HTTPS/WSS)" label the port; "(and a TCP fallback port if set)"
                // is a sentence about another port, not this port's transport.
                let label = inner.split_whitespace().count() <= 3;
                if label && (app.is_some() || t.is_some()) {
                    mention.app = mention.app.or(app);
                    if mention.transport.is_none() && t.is_some() {
                        labelled.push(mentions.len());
                    }
                    mention.transport = mention.transport.or(t);
                } else {
                    mention.parenthetical = Some(inner);
                }
                next = after_paren;
            }
            // "TCP 4172 in; UDP 4172 both directions": a way word closing the port's clause is
            // that port's own (kept as its words; the table reads the way from them).
            if mention.parenthetical.is_none()
                && let Some((way, after_way)) = way_words(text, &tokens, next)
            {
                mention.parenthetical = Some(way);
                next = after_way;
            }
            // "3268/TCP (global catalog), 88/TCP/UDP (Kerberos)": a port with its own
            // transport and its own words waits for no later protocol word.
            let own_words = mention.transport.is_some() && mention.parenthetical.is_some();
            if mention.app.is_none() && !own_words {
                pending.push(mentions.len());
            }
            mentions.push(mention);
            i = next;
            continue;
        }
        if let Some(app) = app_word(&tokens, i) {
            // "5432; MySQL: 3306": a protocol word before a colon and a port labels that port,
            // not the ports before it.
            let labels_next =
                punct_at(&tokens, i + 1) == Some(':') && range_at(&tokens, i + 2).is_some();
            if labels_next {
                pending.clear();
            }
            if pending.is_empty() {
                leading_app = Some(app);
            } else {
                for index in pending.drain(..) {
                    mentions[index].app = Some(app.to_owned());
                }
            }
        } else if let Some(t) = transport_word(&tokens, i) {
            // "TCP 22" or "22 TCP": a transport word next to ports applies to them.
            // "53 TCP/UDP", "8301 / TCP & UDP", "TCP and UDP", "tcp, udp": a second transport
            // joined to the first adds to it.
            let joined = joins_previous_transport(&tokens, i);
            // "88/TCP/UDP": the second transport joins the one glued to the port before it,
            // and that port alone ("3268/TCP, 88/TCP/UDP" leaves 3268 TCP).
            if joined
                && i >= 4
                && matches!(punct_at(&tokens, i - 3), Some('/'))
                && let Some(last) = mentions.last_mut()
                && tokens[i - 4].span.end == last.span.end
                && let Some(first) = last.transport
            {
                last.transport = Some(first.union(t).unwrap_or(first));
                i += 1;
                continue;
            }
            // "TCP 80 UDP 53": a transport word after ports that already have one starts a
            // new group rather than restating theirs.
            let new_group = !joined
                && !pending.is_empty()
                && pending.iter().all(|&p| mentions.get(p).is_some_and(|m| m.transport.is_some()));
            if new_group {
                pending.clear();
                leading_transport = Some(t);
            } else if pending.is_empty() {
                leading_transport = match (joined, leading_transport) {
                    (true, Some(first)) => Some(first.union(t).unwrap_or(first)),
                    _ => Some(t),
                };
            } else {
                for index in &pending {
                    let mention = &mut mentions[*index];
                    mention.transport = match (joined, mention.transport) {
                        (true, Some(first)) => Some(first.union(t).unwrap_or(first)),
                        (_, existing) => Some(existing.unwrap_or(t)),
                    };
                }
            }
        } else if let Some(word) = word_at(&tokens, i)
            && is_unit_word(word)
            && let Some(last) = mentions.last()
            && last.span.end <= tokens[i].span.start
            && i > 0
            && tokens[i - 1].span.end == last.span.end
        {
            // "3 nodes" in a port column is a count, not a port.
            mentions.pop();
            pending.retain(|&p| p < mentions.len());
        }
        i += 1;
    }
    // A port inside such a parenthesis carries its words (its "when …" is its own condition).
    for (span, words) in &nested {
        for mention in mentions.iter_mut().filter(|m| span.contains(&m.span.start)) {
            mention.parenthetical.get_or_insert_with(|| words.clone());
        }
    }
    // Transport stated once for a list ("TCP 80, 443", "80, 443 (TCP)") reaches ports before
    // it as well. A label in parentheses on a port other ports follow is that port's alone:
    // "9300, 9301 (UDP), 9302" under a TCP column put 9300 and 9302 on UDP (their TCP lost).
    let last = mentions.len().saturating_sub(1);
    let speaks_for_list = |index: &usize| *index == last || !labelled.contains(index);
    let stated = || {
        mentions
            .iter()
            .enumerate()
            .filter(|(index, _)| speaks_for_list(index))
            .filter_map(|(_, m)| m.transport)
    };
    let shared_transport = stated().next();
    if stated().all(|t| Some(t) == shared_transport) {
        for mention in &mut mentions {
            mention.transport = mention.transport.or(shared_transport);
        }
    }
    mentions
}

const PORT_KEYWORDS: &[&str] = &["port", "ports"];

/// Ports in running text: `port 443`, `ports 389 (LDAP) and 636 (LDAPS)`, `UDP port 8472`,
/// `SSH (port 22)`, `443/tcp`.
pub fn prose(text: &str) -> Vec<Mention> {
    if !has_digit(text) {
        return Vec::new();
    }
    let tokens = tokenize(text);
    let mut mentions = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let keyword = word_at(&tokens, i).is_some_and(|w| PORT_KEYWORDS.contains(&w));
        if keyword {
            let before_transport = transport_before(&tokens, i);
            let before_app = app_before(&tokens, i);
            let mut j = i + 1;
            // "port number 443", "port range 30000-32767", "port (5432)".
            if word_at(&tokens, j)
                .is_some_and(|w| w == "number" || w == "numbers" || w == "range" || w == "ranges")
            {
                j += 1;
            }
            // "Worker -> Controller port is :9201", "the default port is 8300".
            if word_at(&tokens, j).is_some_and(|w| w == "is" || w == "are")
                && matches!(
                    tokens.get(j + 1).map(|t| &t.kind),
                    Some(Kind::Number { .. } | Kind::Punct(':'))
                )
            {
                j += 1;
            }
            // "port (5432)", "ports: 80, 443", "its data port, 6379 unless …"
            if matches!(punct_at(&tokens, j), Some('(' | ':' | ',')) {
                j += 1;
            }
            let mut found = list_at(text, &tokens, j, before_transport, before_app, &mut mentions);
            // "the TCP ports for vnetd 13724 and PBX 1556": each port after the daemon's name.
            if found == j && word_at(&tokens, j) == Some("for") {
                found = named_list_at(&tokens, j + 1, before_transport, &mut mentions);
            }
            i = if found > j { found } else { i + 1 };
            continue;
        }
        // "recommends TCP 30000-32767", "over UDP 8472": a transport word right before a port;
        // "TCP and UDP 53", "UDP/TCP 88": a list of them.
        if let Some((transport, first)) = transports_at(&tokens, i)
            && !matches!(punct_at(&tokens, first), Some('/' | ':'))
            && range_at(&tokens, first).is_some()
            && !matches!(punct_at(&tokens, first + 1), Some('-') if word_at(&tokens, first + 2).is_some())
        {
            let found = list_at(text, &tokens, first, Some(transport), None, &mut mentions);
            i = if found > first { found } else { i + 1 };
            continue;
        }
        // "Open 9090, 9091 and 9093", "allow 8443": an opening verb right before ports.
        if word_at(&tokens, i).is_some_and(is_opening_verb)
            && matches!(tokens.get(i + 1).map(|t| &t.kind), Some(Kind::Number { value, decoy: false }) if *value >= 20)
            && bare_port_follows(&tokens, i + 1)
        {
            let found = list_at(text, &tokens, i + 1, None, None, &mut mentions);
            i = if found > i + 1 { found } else { i + 1 };
            continue;
        }
        // "the registered 4145 UDP port number", "8472 UDP port": the number, its transport,
        // then the word port.
        if let Some((ports, span, after)) = range_at(&tokens, i)
            && let Some((transport, after_transport)) = transports_at(&tokens, after)
            && word_at(&tokens, after_transport).is_some_and(|w| w == "port" || w == "ports")
            && tokens.get(after).is_none_or(|t| t.spaced)
        {
            mentions.push(Mention {
                ports,
                span,
                transport: Some(transport),
                app: None,
                parenthetical: None,
            });
            i = after_transport + 1;
            continue;
        }
        // "the console moved from 8080 to 8443": the old port and the new one (retired.rs
        // tells which is history). "changed from 3 to 5 replicas" counts, and is left alone.
        if word_at(&tokens, i) == Some("from")
            && (1..=4).any(|back| {
                i.checked_sub(back)
                    .and_then(|j| word_at(&tokens, j))
                    .is_some_and(|w| MOVE_VERBS.contains(&w))
            })
            && let Some((old, old_span, after_old)) = range_at(&tokens, i + 1)
            && word_at(&tokens, after_old) == Some("to")
            && let Some((new, new_span, after_new)) = range_at(&tokens, after_old + 1)
            && [i + 1, after_old + 1].iter().all(|&j| {
                bare_port_follows(&tokens, j)
                    && matches!(tokens.get(j).map(|t| &t.kind), Some(Kind::Number { value, .. }) if *value >= 20)
            })
        {
            for (ports, span, at, after) in
                [(old, old_span, i + 1, after_old), (new, new_span, after_old + 1, after_new)]
            {
                let transport = glued_transport(&tokens, at, after);
                mentions.push(Mention { ports, span, transport, app: None, parenthetical: None });
            }
            i = after_new;
            continue;
        }
        // "listens on 9200", "calls the nodes over 8443 (HTTPS)": a bare number after a
        // preposition, in a clause whose verb is about listening or connecting.
        if word_at(&tokens, i).is_some_and(|w| PORT_PREPOSITIONS.contains(&w))
            && bare_port_follows(&tokens, i + 1)
            && (network_verb_before(&tokens, i) || i > 0 && app_word(&tokens, i - 1).is_some())
        {
            // "SMTP on 25 or 587": the protocol names the ports after it.
            let app = i.checked_sub(1).and_then(|j| app_word(&tokens, j)).map(str::to_owned);
            let found = list_at(text, &tokens, i + 1, None, app, &mut mentions);
            i = if found > i + 1 { found } else { i + 1 };
            continue;
        }
        // "users only need to reach 443": a connecting verb right before the port.
        if word_at(&tokens, i).is_some_and(is_network_verb)
            && matches!(tokens.get(i + 1).map(|t| &t.kind), Some(Kind::Number { value, decoy: false }) if *value >= 20)
            && bare_port_follows(&tokens, i + 1)
        {
            let found = list_at(text, &tokens, i + 1, None, None, &mut mentions);
            i = if found > i + 1 { found } else { i + 1 };
            continue;
        }
        // "0.0.0.0:9100", "[::]:9100", "localhost:8080": an address with its port.
        if let Some((ports, span, after)) = range_at(&tokens, i)
            && after_address(&tokens, i)
        {
            mentions.push(Mention {
                ports,
                span,
                transport: glued_transport(&tokens, i, after),
                app: None,
                parenthetical: None,
            });
            i = after;
            continue;
        }
        // "8443 (HTTPS)": a number named by the protocol that runs on it.
        if let Some((ports, span, after)) = range_at(&tokens, i)
            && let Some((inner, after_paren)) = parenthetical(text, &tokens, after)
            && let (transport, app @ Some(_)) = super::vocabulary::protocol_cell(&inner)
        {
            mentions.push(Mention { ports, span, transport, app, parenthetical: None });
            i = after_paren;
            continue;
        }
        // "open the whole 6800-7568 range", "the 30000-32767 port range": a range of ports
        // named as one (the newcomer's Ceph, session 16: the OSDs' range was left unread).
        if let Some((Ok(ports), span, after)) = range_at(&tokens, i)
            && !ports.is_single()
            && ports.start() >= 20
            && tokens.get(after).is_some_and(|t| t.spaced)
            && {
                let range_word =
                    |j| word_at(&tokens, j).is_some_and(|w| w == "range" || w == "ranges");
                range_word(after)
                    || word_at(&tokens, after).is_some_and(|w| w == "port" || w == "ports")
                        && range_word(after + 1)
            }
        {
            mentions.push(Mention {
                ports: Ok(ports),
                span,
                transport: None,
                app: None,
                parenthetical: None,
            });
            i = after;
            continue;
        }
        // `443/tcp` or `tcp/443` anywhere.
        if let Some((ports, span, after)) = range_at(&tokens, i)
            && let Some(transport) = glued_transport(&tokens, i, after)
        {
            mentions.push(Mention {
                ports,
                span,
                transport: Some(transport),
                app: app_before(&tokens, i),
                parenthetical: None,
            });
            i = after;
            continue;
        }
        i += 1;
    }
    mentions
}

/// After a preposition, a number that reads as a port rather than a quantity: not followed by
/// a unit word ("on 3 nodes"), a percent sign, or a clock's colon ("at 10:30").
fn bare_port_follows(tokens: &[Token<'_>], i: usize) -> bool {
    let Some((Ok(_), _, after)) = range_at(tokens, i) else { return false };
    let counted = word_at(tokens, after).is_some_and(is_unit_word);
    let glued_unit = tokens.get(after).is_some_and(|t| {
        !t.spaced
            && matches!(t.kind, Kind::Punct('%' | ':' | '.' | '\'' | '’'))
            && tokens.get(after + 1).is_some_and(|n| !n.spaced && !matches!(n.kind, Kind::Punct(_)))
    });
    let percent = punct_at(tokens, after) == Some('%');
    !counted && !glued_unit && !percent
}

/// Whether a listening or connecting verb comes shortly before `i`, in the same clause.
fn network_verb_before(tokens: &[Token<'_>], i: usize) -> bool {
    let from = i.saturating_sub(8);
    for j in (from..i).rev() {
        match &tokens[j].kind {
            Kind::Punct('.' | ';' | '!' | '?') => return false,
            Kind::Word(w) if is_network_verb(w) => return true,
            _ => {}
        }
    }
    false
}

/// A port glued after an address: `0.0.0.0:9100` (the quad's numbers are decoys), `[::]:9100`,
/// `localhost:8080`, `host.example.com:8443`. A clock (`10:30`) or ratio (`16:9`) has a plain
/// number before its colon; `tcp:443` is a transport, read elsewhere.
fn after_address(tokens: &[Token<'_>], i: usize) -> bool {
    if i < 1 || tokens[i].spaced || punct_at(tokens, i - 1) != Some(':') {
        return false;
    }
    // "runs on :9200", "port is :9201": an address with no host (Go's listen address), the
    // colon after a space or opening the text.
    if i == 1 || tokens[i - 1].spaced {
        return true;
    }
    if i < 2 {
        return false;
    }
    match &tokens[i - 2].kind {
        Kind::Number { decoy, .. } => *decoy,
        Kind::Punct(']') => true,
        Kind::Word(w) => Transports::parse(w).is_none(),
        Kind::Punct(_) => false,
    }
}

/// A list item's default port: "**Server RPC** (default 8300): …", "HTTP API (defaults to 8500)",
/// "DNS — default: 8600". Only in list items, where a bold name and its default port are a
/// vendor's way of listing ports; in running text "default 30" is as likely a timeout.
pub fn default_port(text: &str) -> Vec<Mention> {
    if !has_digit(text) {
        return Vec::new();
    }
    let tokens = tokenize(text);
    let mut mentions = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !word_at(&tokens, i).is_some_and(|w| w == "default" || w == "defaults") {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if word_at(&tokens, j).is_some_and(|w| matches!(w, "to" | "is" | "of"))
            || matches!(punct_at(&tokens, j), Some(':' | '='))
        {
            j += 1;
        }
        let found = list_at(text, &tokens, j, None, None, &mut mentions);
        i = if found > j { found } else { i + 1 };
    }
    mentions
}

/// The transport named right before `port`: `UDP port`, `TCP/UDP port`, `TCP and UDP ports`.
fn transport_before(tokens: &[Token<'_>], keyword: usize) -> Option<Transports> {
    // "TCP and UDP traffic on ports 24007 and 24008", "UDP packets to port 53": the transport
    // names the traffic that reaches the port.
    if keyword >= 3
        && word_at(tokens, keyword - 1).is_some_and(|w| matches!(w, "on" | "to" | "at" | "over"))
        && word_at(tokens, keyword - 2).is_some_and(|w| TRAFFIC_WORDS.contains(&w))
    {
        return transport_before(tokens, keyword - 2);
    }
    let last = transport_word(tokens, keyword.checked_sub(1)?)?;
    let joined = keyword.checked_sub(2).is_some_and(|j| {
        punct_at(tokens, j) == Some('/')
            || punct_at(tokens, j) == Some('&')
            || word_at(tokens, j).is_some_and(|w| w == "and" || w == "or")
    });
    if joined && let Some(first) = keyword.checked_sub(3).and_then(|j| transport_word(tokens, j)) {
        return first.union(last).or(Some(last));
    }
    Some(last)
}

/// What a transport word may name before "on port N": the traffic, not the port itself.
const TRAFFIC_WORDS: &[&str] =
    &["traffic", "connections", "connection", "packets", "requests", "sessions"];

/// An app protocol word right before `port` or before the `(` that opens `(port N)`.
fn app_before(tokens: &[Token<'_>], keyword: usize) -> Option<String> {
    let mut j = keyword;
    for _ in 0..3 {
        j = j.checked_sub(1)?;
        if let Some(app) = app_word(tokens, j) {
            return Some(app.to_owned());
        }
        let linking_word = word_at(tokens, j)
            .is_some_and(|w| matches!(w, "on" | "over" | "via" | "at" | "uses" | "use" | "using"));
        if !(matches!(punct_at(tokens, j), Some('(' | '/' | ':'))
            || transport_word(tokens, j).is_some()
            || linking_word)
        {
            return None;
        }
    }
    None
}

/// Reads `NAME N [, NAME N]* [and NAME N]` from `j` (a daemon or protocol name before each
/// port: "vnetd 13724 and PBX 1556"), pushing mentions. Returns the index after the list (== `j`
/// when nothing was read).
fn named_list_at(
    tokens: &[Token<'_>],
    mut j: usize,
    transport: Option<Transports>,
    out: &mut Vec<Mention>,
) -> usize {
    let start = j;
    while word_at(tokens, j).is_some()
        && let Some((ports, span, after)) = range_at(tokens, j + 1)
        && !word_at(tokens, after).is_some_and(is_unit_word)
    {
        let app = app_word(tokens, j).map(str::to_owned);
        let transport = transport.or_else(|| {
            app.as_deref().and_then(app_protocol).and_then(|a| a.transport).map(Transports::One)
        });
        out.push(Mention { ports, span, transport, app, parenthetical: None });
        j = after;
        match (punct_at(tokens, j), word_at(tokens, j)) {
            (Some(','), _) => {
                j += 1;
                if word_at(tokens, j) == Some("and") {
                    j += 1;
                }
            }
            (_, Some("and")) => j += 1,
            _ => break,
        }
    }
    if j > start && out.last().is_some() { j } else { start }
}

/// Reads `N [(x)] [, N [(x)]]* [and|or N [(x)]]` from `j`, pushing mentions. Returns the index
/// after the list (== `j` when nothing was read).
/// Past a code mark (`` ` ``) at `j`, if there is one.
fn past_code_mark(tokens: &[Token<'_>], j: usize) -> usize {
    if punct_at(tokens, j) == Some('`') { j + 1 } else { j }
}

/// "for SQL Server, " / "for PostgreSQL or " after a port of a list: the token after the short
/// "for …" phrase (one to four words), when a separator and another port follow it.
fn past_for_phrase(tokens: &[Token<'_>], j: usize) -> Option<usize> {
    if word_at(tokens, j) != Some("for") {
        return None;
    }
    let words = (1..=4)
        .take_while(|k| word_at(tokens, j + k).is_some_and(|w| w != "and" && w != "or"))
        .count();
    let end = j + 1 + words;
    let next = match (punct_at(tokens, end), word_at(tokens, end)) {
        (Some(','), _) if matches!(word_at(tokens, end + 1), Some("and" | "or")) => end + 2,
        (Some(','), _) | (_, Some("and" | "or")) => end + 1,
        _ => return None,
    };
    (words > 0 && range_at(tokens, past_code_mark(tokens, next)).is_some()).then_some(end)
}

fn list_at(
    text: &str,
    tokens: &[Token<'_>],
    mut j: usize,
    transport: Option<Transports>,
    app: Option<String>,
    out: &mut Vec<Mention>,
) -> usize {
    let start = j;
    let first_index = out.len();
    while let Some((ports, span, after)) = range_at(tokens, j) {
        // "port 3 times", "ports 2 nodes": a count, not a port.
        if word_at(tokens, after).is_some_and(is_unit_word) {
            break;
        }
        let mut mention = Mention {
            ports,
            span,
            transport: glued_transport(tokens, j, after).or(transport),
            app: None,
            parenthetical: None,
        };
        j = after;
        if mention.transport.is_some()
            && punct_at(tokens, j) == Some('/')
            && transport_word(tokens, j + 1).is_some()
        {
            j += 2;
        }
        if punct_at(tokens, j) == Some(')') {
            j += 1;
        }
        if alternative_in_paren(tokens, j) {
            // "on 9443 (or 443)": the list goes on inside the parenthetical.
            out.push(mention);
            j += 2;
            continue;
        }
        if let Some((inner, after_paren)) = parenthetical(text, tokens, j) {
            let (t, a) = super::vocabulary::protocol_cell(&inner);
            if a.is_some() || t.is_some() {
                mention.app = a;
                mention.transport = mention.transport.or(t);
            } else {
                mention.parenthetical = Some(inner);
            }
            j = after_paren;
        } else if let Some(a) = word_at(tokens, j)
            .filter(|w| *w == "for" || *w == "over" || *w == "via")
            .and(app_word(tokens, j + 1))
        {
            // "port 22 for SSH"
            mention.app = Some(a.to_owned());
        } else if let Some(a) = app_word(tokens, j) {
            // "port 443 HTTPS"
            mention.app = Some(a.to_owned());
            j += 1;
        } else if let Some((transport, after)) = transports_at(tokens, j) {
            // "Port 2377 TCP", "port 7946 TCP/UDP", "port 8301 TCP and UDP"
            j = after;
            mention.transport = Some(transport);
        } else if word_at(tokens, j).is_some_and(|w| matches!(w, "over" | "via" | "using"))
            && let Some((transport, after)) = transports_at(tokens, j + 1)
        {
            // "port 111 over TCP and UDP", "port 514 via UDP"
            j = after;
            mention.transport = Some(transport);
        }
        out.push(mention);
        // "`5432` for PostgreSQL, `1433` for SQL Server or `3306` for MySQL": one port per
        // product, the list going on past each short "for …" and the code marks.
        j = past_code_mark(tokens, j);
        if let Some(after) = past_for_phrase(tokens, j) {
            j = after;
        }
        match (punct_at(tokens, j), word_at(tokens, j)) {
            (Some(','), _) => {
                j += 1;
                if word_at(tokens, j).is_some_and(|w| w == "and" || w == "or") {
                    j += 1;
                }
            }
            (_, Some("and" | "or")) => j += 1,
            (Some('&' | '/'), _) => j += 1,
            _ => break,
        }
        j = past_code_mark(tokens, j);
    }
    // The protocol before `port` applies to the list when the items name none themselves.
    for mention in &mut out[first_index..] {
        if mention.app.is_none() {
            mention.app.clone_from(&app);
        }
        if mention.transport.is_none() {
            mention.transport = mention
                .app
                .as_deref()
                .and_then(app_protocol)
                .and_then(|a| a.transport)
                .map(Transports::One);
        }
    }
    if out.len() == first_index { start } else { j }
}

/// A list item that starts with a port: `161 (inbound and outbound) SNMP`, `53 (outbound) DNS`,
/// `443 HTTPS from …`, `8192–60000: srun`. Counts (`6–7 nodes`, `3 (one per zone)`) are not.
pub fn leading_port(text: &str) -> Vec<Mention> {
    if !has_digit(text) {
        return Vec::new();
    }
    let tokens = tokenize(text);
    // "TCP 6443 (API server) from anywhere", "TCP/UDP 53 …": a transport may lead the port.
    // "TCP and UDP 53 …" too.
    // "TCP: 32400 (access to the server)": the transport as the item's label.
    let (first, transport) = match transports_at(&tokens, 0) {
        Some((t, after)) if punct_at(&tokens, after) == Some(':') => (after + 1, Some(t)),
        Some((t, after)) => (after, Some(t)),
        None => (0, None),
    };
    let Some((_, _, after)) = range_at(&tokens, first) else { return Vec::new() };
    // "3-way": a dash glued to a word makes the number part of a compound, not a port.
    let dash_compound = matches!(punct_at(&tokens, after), Some('-' | '–'))
        && tokens.get(after + 1).is_some_and(|t| !t.spaced && matches!(t.kind, Kind::Word(_)));
    let follows_ok = !dash_compound
        && match tokens.get(after).map(|t| &t.kind) {
            None => true,
            // "80 & 8080 TCP - admin web panel": an ampersand joins ports as "and" does.
            // "47500 - 47509. The nodes discover each other on these ports.": the item's
            // port, then its sentence (a full stop followed by a space).
            Some(Kind::Punct('.')) => tokens.get(after + 1).is_none_or(|t| t.spaced),
            Some(Kind::Punct(c)) => {
                matches!(c, '(' | ':' | ',' | '/' | '–' | '—' | '-' | ')' | '&')
            }
            Some(Kind::Word(w)) => {
                app_protocol(w).is_some()
                    || Transports::parse(w).is_some()
                    || matches!(
                        w.as_ref(),
                        "and"
                            | "or"
                            | "for"
                            | "is"
                            | "are"
                            | "used"
                            // "3306 serves client connections", "4444 carries snapshot
                            // transfers": the item's port, then what it does.
                            | "serves"
                            | "carries"
                            | "handles"
                            | "accepts"
                            | "open"
                            | "port"
                            | "ports"
                            | "inbound"
                            | "outbound"
                    )
            }
            Some(Kind::Number { .. }) => false,
        };
    if !follows_ok {
        return Vec::new();
    }
    // A parenthetical of counting words ("3 (one per availability zone)") is not about a port.
    const COUNTING: &[&str] = &["one", "two", "three", "four", "five", "each", "per", "every"];
    if let Some((inner, _)) = parenthetical(text, &tokens, after)
        && inner
            .split_whitespace()
            .next()
            .is_some_and(|w| COUNTING.contains(&w.to_lowercase().as_str()))
    {
        return Vec::new();
    }
    // Read the leading list like a port cell, but only up to the first plain word that is not a
    // protocol: the rest is description.
    let head_end = tokens
        .iter()
        .enumerate()
        .skip(after)
        .find(|(index, t)| match &t.kind {
            Kind::Word(w) => {
                app_protocol(w).is_none()
                    && Transports::parse(w).is_none()
                    && !matches!(w.as_ref(), "and" | "or")
                    && !inside_paren(&tokens, *index)
            }
            _ => false,
        })
        .map_or(text.len(), |(_, t)| t.span.start);
    let mut mentions = port_cell(&text[tokens[first].span.start..head_end]);
    let shift = tokens[first].span.start;
    for mention in &mut mentions {
        mention.span = mention.span.start + shift..mention.span.end + shift;
        if mention.transport.is_none() {
            mention.transport = transport;
        }
    }
    mentions
}

fn inside_paren(tokens: &[Token<'_>], index: usize) -> bool {
    let mut depth = 0i32;
    for token in &tokens[..index] {
        match token.kind {
            Kind::Punct('(') => depth += 1,
            Kind::Punct(')') => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// A paragraph that is a port term and its definition: `9997 : Forwarded data`,
/// `8089/tcp: management`.
pub fn is_port_term(text: &str) -> bool {
    // The term is the text's first token, so the text starts with a digit (`tokenize` skips
    // the same whitespace as `trim_start`): most paragraphs start with a word, and tokenizing
    // each whole paragraph to look at its first token was a third of its tokenizing (issue 15).
    if !text.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let tokens = tokenize(text);
    let Some((Ok(ports), _, mut j)) = range_at(&tokens, 0) else { return false };
    if ports.start() < 10 {
        // "1: Install": a step, not a port.
        return false;
    }
    if punct_at(&tokens, j) == Some('/') && transport_word(&tokens, j + 1).is_some() {
        j += 2;
    }
    if let Some((_, after)) = parenthetical(text, &tokens, j) {
        j = after;
    }
    punct_at(&tokens, j) == Some(':')
}

/// A paragraph that is nothing but one port ("8090", "8090/tcp"): a definition list's term
/// when a definition follows it.
pub fn is_bare_port(text: &str) -> bool {
    let text = text.trim();
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let tokens = tokenize(text);
    let Some((Ok(ports), _, mut j)) = range_at(&tokens, 0) else { return false };
    if punct_at(&tokens, j) == Some('/') && transport_word(&tokens, j + 1).is_some() {
        j += 2;
    }
    ports.start() >= 10 && j == tokens.len()
}

/// Numbers in running text that could be ports though no reading took them: what the "never
/// silent" report checks against the mentions read. Left out: decoys (addresses, versions,
/// decimals), numbers below 100 other than well-known ports (counts, versions, footnotes),
/// counts ("3 nodes", "50%"), numbers after a numbering word ("RFC 6335", "HTTP status 404",
/// "PostgreSQL 15"), clock times, and four-digit years from 1990 to 2039 standing alone.
pub fn port_looking(text: &str) -> Vec<Range<usize>> {
    if !has_digit(text) {
        return Vec::new();
    }
    let tokens = tokenize(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some((ports, span, after)) = range_at(&tokens, i) else {
            i += 1;
            continue;
        };
        let ranged = after > i + 1;
        let single_value = match &tokens[i].kind {
            Kind::Number { value, .. } => *value,
            _ => 0,
        };
        let small = !ranged && single_value < 100 && !is_well_known_low_port(single_value);
        let year = !ranged && (1990..=2039).contains(&single_value);
        let numbered = i >= 1 && word_at(&tokens, i - 1).is_some_and(is_numbering_word);
        let after_colon_number = i >= 2
            && punct_at(&tokens, i - 1) == Some(':')
            && !tokens[i].spaced
            && matches!(tokens[i - 2].kind, Kind::Number { decoy: false, .. });
        if ports.is_ok()
            && !small
            && !year
            && !numbered
            && !after_colon_number
            && bare_port_follows(&tokens, i)
        {
            found.push(span);
        }
        i = after;
    }
    found
}

/// Does the text contain any digit at all? Cells without one are statements, not port rows.
/// True when a cell holds nothing but ports, ranges, transports and list glue (`12300/12343,
/// 12400/12443`, `TCP: 80, 443`, `53 (UDP)`): what a port column's cells look like, used to
/// find a port column under a header the vocabulary lacks.
pub fn looks_like_ports(text: &str) -> bool {
    if !has_digit(text) {
        return false;
    }
    let tokens = tokenize(text);
    let mut numbers = 0;
    for token in &tokens {
        match &token.kind {
            Kind::Number { value, decoy } => {
                if *decoy || *value == 0 || *value > 65_535 {
                    return false;
                }
                numbers += 1;
            }
            Kind::Punct(c) => {
                if !matches!(c, '-' | '–' | '—' | '/' | ',' | ';' | ':' | '(' | ')' | '&' | '*')
                {
                    return false;
                }
            }
            Kind::Word(w) => {
                // "25 (TCP, outgoing)": a way word beside the transport is no name.
                let glue = matches!(
                    w.as_ref(),
                    "and"
                        | "or"
                        | "to"
                        | "through"
                        | "port"
                        | "ports"
                        | "inbound"
                        | "outbound"
                        | "incoming"
                        | "outgoing"
                );
                if !glue && Transports::parse(w).is_none() && app_protocol(w).is_none() {
                    return false;
                }
            }
        }
    }
    numbers > 0
}

pub fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ports(mentions: &[Mention]) -> Vec<String> {
        mentions
            .iter()
            .map(|m| m.ports.as_ref().map_or_else(|e| format!("err:{e}"), ToString::to_string))
            .collect()
    }

    /// Regression (session 18, a service mesh agent's "8300, 8301(TCP and UDP), 8500, 8600"):
    /// a transport in parentheses on one port of a list was spread to every port of the cell,
    /// so under a TCP column "9300, 9301 (UDP), 9302" lost 9300's and 9302's TCP.
    #[test]
    fn regression_one_ports_transport_label_was_spread_to_the_whole_cell() {
        assert_eq!(transports(&port_cell("9300, 9301 (UDP), 9302")), [None, Some("udp"), None]);
        assert_eq!(transports(&port_cell("8301 (UDP), 8302")), [Some("udp"), None]);
        assert_eq!(
            transports(&port_cell("8300, 8301(TCP and UDP), 8500, 8600")),
            [None, Some("tcp+udp"), None, None]
        );
        // The list's last port's label still speaks for the list, as a leading word does.
        assert_eq!(transports(&port_cell("80, 443 (TCP)")), [Some("tcp"), Some("tcp")]);
        assert_eq!(transports(&port_cell("TCP 80, 443")), [Some("tcp"), Some("tcp")]);
    }

    /// Regression (session 18, a multi-primary SQL cluster's "* 3306 serves client
    /// connections", "* 4444 carries state snapshot transfers"): an item's leading port followed
    /// by what it does was unread (only "is"/"are"/"used" were known after it).
    #[test]
    fn regression_an_item_port_followed_by_its_verb_was_unread() {
        assert_eq!(ports(&leading_port("3306 serves client connections")), ["3306"]);
        assert_eq!(ports(&leading_port("4444 carries state snapshot transfers.")), ["4444"]);
        assert_eq!(ports(&leading_port("8086 handles the HTTP API and the UI")), ["8086"]);
        assert_eq!(ports(&leading_port("5044 accepts events from the shippers")), ["5044"]);
    }

    /// Regression (session 18, a log server's note "or forward 514 to 5140 on the host"): the
    /// two ports of a redirect were read as the range 514-5140, 4,627 ports opened for two.
    #[test]
    fn regression_forward_a_port_to_another_was_read_as_the_range_between() {
        // 514 alone: "to 5140" has no cue of its own here (the page's "at 5140" gives it one).
        assert_eq!(ports(&prose("or forward 514 to 5140 on the host")), ["514"]);
    }

    /// Regression (session 15, RabbitMQ's port list): "AMQP 0-9-1" was the range 0-9 (a
    /// `port-out-of-range` warning) and a stray 1; a hyphen chain is a version or a date.
    #[test]
    fn regression_hyphen_chains_are_versions_not_ranges() {
        assert_eq!(ports(&prose("AMQP 0-9-1 clients use port 5672")), ["5672"]);
        assert_eq!(ports(&prose("released 2024-01-15, it listens on port 8443")), ["8443"]);
        assert_eq!(ports(&prose("open ports 2379-2380")), ["2379-2380"]);
        assert!(port_looking("AMQP 0-9-1 and AMQP 1.0 clients").is_empty());
        assert_eq!(ports(&leading_port("5672, 5671: AMQP 0-9-1 clients")), ["5672", "5671"]);
    }

    fn apps(mentions: &[Mention]) -> Vec<Option<&str>> {
        mentions.iter().map(|m| m.app.as_deref()).collect()
    }

    fn transports(mentions: &[Mention]) -> Vec<Option<&str>> {
        mentions.iter().map(|m| m.transport.map(Transports::as_str)).collect()
    }

    /// NetBackup: "requires the TCP ports for vnetd 13724 and PBX 1556" read no port at all
    /// (two port-unread warnings, no rows: an outage).
    #[test]
    fn regression_ports_for_a_daemon_name_and_its_number_were_unread() {
        let m = prose("Master to media requires the TCP ports for vnetd 13724 and PBX 1556.");
        assert_eq!(ports(&m), ["13724", "1556"]);
        assert_eq!(transports(&m), [Some("tcp"), Some("tcp")]);
        let m = prose("Clients need the ports for HTTP 80, HTTPS 443 and SSH 22.");
        assert_eq!(ports(&m), ["80", "443", "22"]);
        // "ports for 3 nodes": a count, not a port.
        assert!(prose("Plan the ports for 3 nodes.").is_empty());
    }

    /// GlusterFS: "accept TCP and UDP traffic on ports 24007 and 24008" and "the portmapper,
    /// port 111 over TCP and UDP" gave rows with no transport (no rule opens them).
    #[test]
    fn regression_transport_of_the_traffic_and_over_tcp_after_the_port_were_lost() {
        let m = prose("Servers must accept TCP and UDP traffic on ports 24007 and 24008.");
        assert_eq!(ports(&m), ["24007", "24008"]);
        assert_eq!(transports(&m), [Some("tcp+udp"), Some("tcp+udp")]);
        let m = prose("Clients also need the portmapper, port 111 over TCP and UDP.");
        assert_eq!(transports(&m), [Some("tcp+udp")]);
        assert_eq!(transports(&prose("UDP packets to port 514 are dropped.")), [Some("udp")]);
    }

    #[test]
    fn pandoc_markdowns_double_hyphen_range_was_two_ports() {
        assert_eq!(ports(&port_cell("49152--65535 (TCP)")), ["49152-65535"]);
        assert_eq!(ports(&port_cell("8080 -- 8443")), ["8080", "8443"]);
    }

    #[test]
    fn open_range_49152_plus_was_read_as_one_port() {
        assert_eq!(ports(&port_cell("49152+")), ["49152-65535"]);
        assert_eq!(ports(&port_cell("49152 and above")), ["49152-65535"]);
        assert_eq!(ports(&port_cell("5000-5010 TCP; 5353 UDP")), ["5000-5010", "5353"]);
        // A small number with a plus counts something.
        assert_eq!(ports(&port_cell("10+")), ["10"]);
    }

    #[test]
    fn bare_port_after_a_listening_verb_was_neither_read_nor_reported() {
        assert_eq!(ports(&prose("The agent listens on 10050 for checks.")), ["10050"]);
        let runners = prose("Runners make outbound connections to the forge on 443 (HTTPS).");
        assert_eq!(
            (ports(&runners), transports(&runners)),
            (vec!["443".to_owned()], vec![Some("tcp")])
        );
        assert_eq!(ports(&prose("Nodes talk to each other over 9300 and 9301.")), ["9300", "9301"]);
        // Counts, clocks and sentences about something else are no ports.
        assert!(prose("The job listens on 3 nodes and runs at 10:30.").is_empty());
        assert!(prose("Upgrade on 2024 hardware over 12 months.").is_empty());
    }

    #[test]
    fn listen_addresses_with_ports_were_not_read() {
        let text = "It binds to [::]:9100 and 0.0.0.0:9101, or localhost:8080.";
        assert_eq!(ports(&prose(text)), ["9100", "9101", "8080"]);
        assert!(prose("Meet at 10:30; the ratio is 16:9.").is_empty());
    }

    #[test]
    fn definition_list_port_terms_were_reported_but_not_read() {
        assert!(is_port_term("9997 : Forwarded data from the agents"));
        assert!(is_port_term("8089/tcp (management): REST API"));
        assert!(!is_port_term("1: Install the agent"));
        assert!(!is_port_term("9997 is the forwarding port: keep it open"));
        // The term is the first token, whitespace before it skipped (the quick first-byte test).
        assert!(is_port_term("\u{a0} \t9997 : Forwarded data"));
        assert!(!is_port_term("Port 9997: forwarded data"));
        assert!(!is_port_term("(9997): forwarded data"));
    }

    #[test]
    fn open_followed_by_ports_and_transport_lists_before_a_port_were_not_read() {
        assert_eq!(
            ports(&prose("Open 9090, 9091 and 9093 for the metrics stack.")),
            ["9090", "9091", "9093"]
        );
        assert!(prose("Open 3 terminals and allow 5 minutes.").is_empty());
        let both = prose("It answers on TCP and UDP 53 and on UDP/TCP 88.");
        assert_eq!(
            (ports(&both), transports(&both)),
            (vec!["53".to_owned(), "88".to_owned()], vec![Some("tcp+udp"), Some("tcp+udp")])
        );
    }

    #[test]
    fn an_alternative_port_in_parentheses_was_dropped() {
        assert_eq!(ports(&port_cell("9443 (or 443)")), ["9443", "443"]);
        assert_eq!(ports(&port_cell("9443 (or 443) HTTPS")), ["9443", "443"]);
        assert_eq!(ports(&prose("The console listens on 9443 (or 443).")), ["9443", "443"]);
        // A parenthetical that is no port stays a parenthetical.
        assert_eq!(ports(&port_cell("9443 (or your own port)")), ["9443"]);
    }

    #[test]
    fn port_named_by_its_protocol_in_prose_was_not_read() {
        let mentions = prose("Health probes hit 8443 (HTTPS) from the balancer.");
        assert_eq!(
            (ports(&mentions), apps(&mentions)),
            (vec!["8443".to_owned()], vec![Some("https")])
        );
        assert!(prose("Version 2 (beta) ships in 3 (three) parts.").is_empty());
    }

    #[test]
    fn port_cells_with_lists_ranges_and_protocols() {
        assert_eq!(ports(&port_cell("443")), ["443"]);
        assert_eq!(ports(&port_cell("2379-2380")), ["2379-2380"]);
        assert_eq!(ports(&port_cell("8192–60000")), ["8192-60000"]);
        assert_eq!(ports(&port_cell("80, 443")), ["80", "443"]);
        assert_eq!(ports(&port_cell("3000 or 443")), ["3000", "443"]);
        assert_eq!(ports(&port_cell("80/443")), ["80", "443"]);
        assert_eq!(ports(&port_cell("80,443")), ["80", "443"]);
        assert_eq!(ports(&port_cell("1,024-65,535")), ["1024-65535"]);
        assert_eq!(ports(&port_cell("12300/12343")), ["12300", "12343"]);
        let https = port_cell("HTTPS (tcp/443)");
        assert_eq!(
            (ports(&https), apps(&https), transports(&https)),
            (vec!["443".to_owned()], vec![Some("https")], vec![Some("tcp")])
        );
        let key = port_cell("22 SSH, 9090 HTTPS from Protected zone to Gateway zone");
        assert_eq!(ports(&key), ["22", "9090"]);
        assert_eq!(apps(&key), [Some("ssh"), Some("https")]);
        let either = port_cell(
            "3000 or 443 (dependent on configuration) HTTPS, Management servers to and from Gateway servers",
        );
        assert_eq!(ports(&either), ["3000", "443"]);
        assert_eq!(apps(&either), [Some("https"), Some("https")]);
        assert_eq!(transports(&port_cell("tcp/443")), [Some("tcp")]);
        assert_eq!(transports(&port_cell("53/udp")), [Some("udp")]);
        assert_eq!(transports(&port_cell("TCP 80, 443")), [Some("tcp"), Some("tcp")]);
    }

    #[test]
    fn a_fallback_range_in_a_port_cell_was_left_unread() {
        let read: Vec<String> = port_cell("6162 (2500 to 3300)")
            .into_iter()
            .filter_map(|m| m.ports.ok())
            .map(|p| p.to_string())
            .collect();
        assert_eq!(read, ["6162", "2500-3300"]);
        // A parenthetical of words about the port stays its note.
        let noted = port_cell("6162 (taken from 2500 on)");
        assert_eq!(noted.len(), 1);
    }

    #[test]
    fn port_cells_report_bad_numbers() {
        assert_eq!(ports(&port_cell("70000")), ["err:port 70000 is larger than 65535"]);
        assert_eq!(ports(&port_cell("0")), ["err:port 0 is reserved and cannot be opened"]);
        assert_eq!(
            ports(&port_cell("2380-2379")),
            ["err:range 2380-2379 is reversed (the start is larger than the end)"]
        );
    }

    #[test]
    fn regression_a_protocol_label_before_a_port_went_to_the_port_before_it() {
        let read = port_cell("PostgreSQL: 5432; MySQL: 3306");
        let apps: Vec<Option<&str>> = read.iter().map(|m| m.app.as_deref()).collect();
        assert_eq!(apps, [None, Some("mysql")]);
    }

    #[test]
    fn decoys_are_not_ports() {
        assert!(port_cell("10.0.0.0/22").is_empty());
        assert!(port_cell("/22 block").is_empty());
        assert!(port_cell("v8").is_empty());
        assert!(port_cell("1.28").is_empty());
        assert!(port_cell("~29").is_empty());
        assert!(prose("Scheduled for removal in v8, see RFC 1918 and 6–7 nodes").is_empty());
        assert!(
            prose("A /22 block (for example, 10.0.0.0/22) provides 1,024 addresses").is_empty()
        );
        assert!(leading_port("6–7 nodes provide ~174–203 pod IPs").is_empty());
        assert!(leading_port("3 (one per availability zone) – EKS nodes").is_empty());
        assert!(
            leading_port("1, for outbound internet").is_empty()
                || ports(&leading_port("1, for outbound internet")) == ["1"]
        );
    }

    #[test]
    fn prose_ports_need_the_word_port() {
        assert_eq!(
            ports(&prose("It exposes a single HTTPS (port 443) ingress endpoint.")),
            ["443"]
        );
        assert_eq!(
            apps(&prose("It exposes a single HTTPS (port 443) ingress endpoint.")),
            [Some("https")]
        );
        let ldap = prose("OpenLDAP uses the standard ports 389 (LDAP) and 636 (LDAPS).");
        assert_eq!(ports(&ldap), ["389", "636"]);
        assert_eq!(apps(&ldap), [Some("ldap"), Some("ldaps")]);
        assert_eq!(
            transports(&prose("Flannel VXLAN (UDP port 8472) carries the overlay")),
            [Some("udp")]
        );
        assert_eq!(ports(&prose("Omero needs ports 4061-4064 for data")), ["4061-4064"]);
        assert_eq!(ports(&prose("forwarding on ports 443 and 80.")), ["443", "80"]);
        let ssh = prose("You can expose inbound port 22 for SSH if you like.");
        assert_eq!(
            (ports(&ssh), apps(&ssh), transports(&ssh)),
            (vec!["22".to_owned()], vec![Some("ssh")], vec![Some("tcp")])
        );
        assert_eq!(ports(&prose("Do not open the PostgreSQL port (5432) externally.")), ["5432"]);
        assert_eq!(ports(&prose("Port 80 (HTTP) redirects.")), ["80"]);
        assert_eq!(ports(&prose("Allow 443/tcp from anywhere")), ["443"]);
        assert!(prose("The port is configurable and 443 is typical.").is_empty());
        let swarm = prose(
            "Open TCP and UDP port 7946 for node communication and UDP port 4789 for overlay traffic.",
        );
        assert_eq!(
            (ports(&swarm), transports(&swarm)),
            (vec!["7946".to_owned(), "4789".to_owned()], vec![Some("tcp+udp"), Some("udp")])
        );
        assert_eq!(ports(&prose("NodePort services use ports 30000 to 32767.")), ["30000-32767"]);
        assert_eq!(ports(&prose("Allow ports: 80, 443 and 8080.")), ["80", "443", "8080"]);
        assert_eq!(ports(&port_cell("30000 through 32767")), ["30000-32767"]);
    }

    #[test]
    fn leading_port_items() {
        let snmp = leading_port("161 (inbound and outbound) SNMP");
        assert_eq!(ports(&snmp), ["161"]);
        assert_eq!(snmp[0].parenthetical.as_deref(), Some("inbound and outbound"));
        assert_eq!(apps(&snmp), [Some("snmp")]);
        assert_eq!(ports(&leading_port("44135 (inbound and outbound)")), ["44135"]);
        assert_eq!(ports(&leading_port("161 for SNMP is required")), ["161"]);
        assert_eq!(apps(&leading_port("22 (inbound and outbound) SSH")), [Some("ssh")]);
        assert_eq!(
            ports(&leading_port("5554 (inbound) REST management port (if enabled; configurable)")),
            ["5554"]
        );
        assert_eq!(ports(&leading_port("443 HTTPS from Public zone to Gateway zone")), ["443"]);
        let led = leading_port("TCP 2379-2380 (etcd) from master subnet");
        assert_eq!(
            (ports(&led), transports(&led)),
            (vec!["2379-2380".to_owned()], vec![Some("tcp")])
        );
        assert_eq!(led[0].span, 4..13);
        assert_eq!(transports(&leading_port("TCP/UDP 53 (DNS)")), [Some("tcp+udp")]);
        // Exchange-style lists: a port/TCP/UDP part widened the TCP-only part before it.
        assert_eq!(
            transports(&port_cell(
                "389/TCP/UDP (LDAP), 3268/TCP (global catalog), 88/TCP/UDP (Kerberos)"
            )),
            [Some("tcp+udp"), Some("tcp"), Some("tcp+udp")]
        );
        assert!(leading_port("ICMP (ping) from anywhere").is_empty());
        assert!(leading_port("TCP 3-way handshakes").is_empty());
        assert_eq!(
            ports(&prose("Kubernetes recommends TCP 30000-32767 for node port services.")),
            ["30000-32767"]
        );
        assert!(prose("A TCP 3-way handshake").is_empty());
    }

    #[test]
    fn tokenizer_never_panics_on_odd_text() {
        for text in [
            "",
            "(",
            ")",
            "port",
            "port (",
            "ports 1,",
            "9999999999999999999999999",
            "–",
            "1–",
            "€1",
            "ł/443",
            "443/",
            "/",
        ] {
            let _ = port_cell(text);
            let _ = prose(text);
            let _ = leading_port(text);
        }
    }

    #[test]
    fn transports_apply_to_their_own_group_of_ports() {
        let read = |cell: &str| -> Vec<(String, Option<Transports>)> {
            port_cell(cell)
                .into_iter()
                .map(|m| (m.ports.map(|p| p.to_string()).unwrap_or_default(), m.transport))
                .collect()
        };
        let tcp = Some(Transports::One(Transport::Tcp));
        let udp = Some(Transports::One(Transport::Udp));
        assert_eq!(read("TCP 80 UDP 53"), [("80".into(), tcp), ("53".into(), udp)]);
        assert_eq!(read("80 TCP, 53 UDP"), [("80".into(), tcp), ("53".into(), udp)]);
        assert_eq!(
            read("53 TCP/UDP")[0].1,
            Transports::One(Transport::Tcp).union(Transports::One(Transport::Udp))
        );
        assert_eq!(read("TCP: 80, 443"), [("80".into(), tcp), ("443".into(), tcp)]);
        assert!(looks_like_ports("12300/12343, 12400/12443") && !looks_like_ports("10.0.0.1"));
    }

    #[test]
    fn default_port_bullets_were_neither_read_nor_reported() {
        assert_eq!(
            ports(&default_port("**Server RPC** (default 8300): servers. TCP only.")),
            ["8300"]
        );
        assert_eq!(ports(&default_port("HTTP API (defaults to 8500)")), ["8500"]);
        assert_eq!(ports(&default_port("DNS - default: 8600, 8601")), ["8600", "8601"]);
        // A default that counts something is not a port.
        assert!(default_port("Retries (default 3 times)").is_empty());
        assert!(default_port("The default is on").is_empty());
        // "TCP & UDP port 8301" in prose keeps both transports.
        assert_eq!(prose("TCP & UDP port 8301")[0].transport, Some(Transports::TcpAndUdp));
        // (tcp_or_udp_514_lost_tcp) "TCP or UDP/514": either transport, so both.
        assert_eq!(port_cell("TCP or UDP/514")[0].transport, Some(Transports::TcpAndUdp));
        assert_eq!(
            port_cell("TCP 80 or UDP 53")[0].transport,
            Some(Transports::One(Transport::Tcp))
        );
    }

    #[test]
    fn transports_joined_by_and_after_a_prose_port_or_before_a_leading_port_were_lost() {
        let both = Some(Transports::TcpAndUdp);
        assert_eq!(prose("open port 8301 TCP and UDP")[0].transport, both);
        assert_eq!(prose("open port 8301 TCP/UDP")[0].transport, both);
        assert_eq!(leading_port("TCP and UDP 53: DNS")[0].transport, both);
        assert_eq!(leading_port("TCP/UDP 53 DNS")[0].transport, both);
        assert_eq!(leading_port("UDP 53 DNS")[0].transport, Some(Transports::One(Transport::Udp)));
    }

    #[test]
    fn second_transport_joined_by_ampersand_and_or_comma_is_not_lost() {
        let both = Some(Transports::TcpAndUdp);
        for cell in [
            "8301 / TCP & UDP",
            "8301 TCP and UDP",
            "8301 TCP/UDP",
            "8301 UDP & TCP",
            "8301 tcp, udp",
            "TCP & UDP 8301",
            "8301/tcp & udp",
        ] {
            let read = port_cell(cell);
            assert_eq!(read.len(), 1, "{cell}");
            assert_eq!(read[0].transport, both, "{cell}");
        }
        // Groups stay apart: a transport after another group's port starts its own group.
        let read = port_cell("TCP 80, UDP 53");
        assert_eq!(read[0].transport, Some(Transports::One(Transport::Tcp)));
        assert_eq!(read[1].transport, Some(Transports::One(Transport::Udp)));
    }
}

#[cfg(test)]
mod round_13b_tests {
    use super::{leading_port, port_cell, prose};
    use crate::model::{Transport, Transports};

    /// "TCP 4172 in; UDP 4172 both directions": each port's way was lost (read inbound).
    #[test]
    fn regression_way_words_after_each_port_were_lost() {
        let ways: Vec<Option<String>> = port_cell("TCP 4172 in; UDP 4172 both directions")
            .into_iter()
            .map(|m| m.parenthetical)
            .collect();
        assert_eq!(ways, [Some("in".to_owned()), Some("both directions".to_owned())]);
        assert_eq!(port_cell("443 in the DMZ")[0].parenthetical, None);
    }

    /// "80 & 8080 TCP - admin web panel" in a list was no port item (two ports lost).
    #[test]
    fn regression_ports_joined_by_an_ampersand_led_no_item() {
        let ports: Vec<String> = leading_port("80 & 8080 TCP - admin web panel")
            .into_iter()
            .filter_map(|m| m.ports.ok().map(|p| p.to_string()))
            .collect();
        assert_eq!(ports, ["80", "8080"]);
    }

    /// "UDP: 32410, 32412, 32413, 32414 (discovery)": an item labelled with its transport read
    /// its first port only, under a part named "udp-32410-…"; the others were said unread.
    #[test]
    fn regression_a_transport_label_before_the_ports_of_an_item() {
        let read = |text: &str| -> Vec<(String, Option<Transports>)> {
            leading_port(text)
                .into_iter()
                .filter_map(|m| m.ports.ok().map(|p| (p.to_string(), m.transport)))
                .collect()
        };
        let udp = Some(Transports::One(Transport::Udp));
        assert_eq!(
            read("UDP: 32410, 32412, 32413, 32414 (current discovery)"),
            [
                ("32410".to_owned(), udp),
                ("32412".to_owned(), udp),
                ("32413".to_owned(), udp),
                ("32414".to_owned(), udp)
            ]
        );
        assert_eq!(read("TCP: 32400 (access to the server) [required]").len(), 1);
    }

    /// "Client -> Controller port is :9200", "By default it runs on :9203": a port after
    /// "port is", and an address with no host, were said unread.
    #[test]
    fn regression_port_is_and_hostless_addresses_were_unread() {
        let ports = |text: &str| -> Vec<String> {
            prose(text).into_iter().filter_map(|m| m.ports.ok().map(|p| p.to_string())).collect()
        };
        assert_eq!(ports("Client -> Controller port is :9200"), ["9200"]);
        assert_eq!(ports("The default port is 8300."), ["8300"]);
        assert_eq!(ports("By default it runs on :9203."), ["9203"]);
        assert!(ports("Meet at 10:30, see note: 3.").is_empty());
    }

    /// "47500 - 47509. The grid nodes discover each other on these ports.": an item whose port
    /// ends a sentence of its own was said unread.
    #[test]
    fn regression_an_item_port_followed_by_a_full_stop_was_unread() {
        let ports = |text: &str| -> Vec<String> {
            leading_port(text)
                .into_iter()
                .filter_map(|m| m.ports.ok().map(|p| p.to_string()))
                .collect()
        };
        assert_eq!(
            ports("47500 - 47509. The nodes discover each other on these ports."),
            ["47500-47509"]
        );
        assert_eq!(ports("10800. Thin clients talk to the cluster on it."), ["10800"]);
        assert!(ports("8.11 needs two nodes").is_empty());
    }

    /// "5222 TCP - desktop client (5269 TCP is also used for linked servers)": the item's
    /// second port was said unread; "(19200 by default)" still restates another row's port.
    #[test]
    fn regression_a_port_in_a_later_parenthesis_of_an_item_was_unread() {
        let text = "5222 TCP - desktop client (5269 TCP is also used for linked servers)";
        let extra: Vec<String> = super::ports_in_later_parentheses(text, 4)
            .into_iter()
            .filter_map(|m| m.ports.ok().map(|p| p.to_string()))
            .collect();
        assert_eq!(extra, ["5269"]);
        assert!(
            super::ports_in_later_parentheses("19202: above the port (19200 by default)", 5)
                .is_empty()
        );
    }
}
