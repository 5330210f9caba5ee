//! Header words a converter split where the page had a soft hyphen: `Proto- col`,
//! `Ser- vice`, `Desti- nation`. HTML and PDF exports keep the hyphen and the line break (or a
//! space) the browser drew, and the header no longer names its column: the Protocol column of
//! such a table was not read, and every row lost its transport. Why only a lowercase letter
//! after the space: `Inbound- Outbound` or `TCP- UDP` are two words, not one cut in two.

/// The header with its split words joined again, if it has any.
pub(super) fn joined(header: &str) -> Option<String> {
    let mut out = String::with_capacity(header.len());
    let mut changed = false;
    let mut chars = header.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        if c == '-' && previous.is_some_and(|p| p.is_ascii_lowercase()) {
            let mut rest = chars.clone();
            if rest.next() == Some(' ') && rest.next().is_some_and(|n| n.is_ascii_lowercase()) {
                chars.next();
                changed = true;
                previous = Some(' ');
                continue;
            }
        }
        out.push(c);
        previous = Some(c);
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::joined;

    #[test]
    fn a_word_cut_at_its_soft_hyphen_is_joined() {
        assert_eq!(joined("proto- col").as_deref(), Some("protocol"));
        assert_eq!(joined("desti- nation host").as_deref(), Some("destination host"));
    }

    #[test]
    fn two_words_joined_by_a_dash_stay_apart() {
        assert_eq!(joined("port - protocol"), None);
        assert_eq!(joined("inbound-outbound"), None);
        assert_eq!(joined("tcp- UDP"), None);
        assert_eq!(joined("protocol"), None);
    }
}
