//! A link into the page whose text is a note's label — `[Note 2](#bkmk_note2)`, `[3](#fn3)`,
//! `[*](#star)` — is a footnote mark as HTML exports write it (Microsoft's port tables put
//! one after most ports). The parser kept only the link's text, and "80 Note 3 Update
//! services" read the note's number as port 3: a rule for a port nobody asked for. Such a
//! link is written as the superscript a `<sup>3</sup>` would give (`³`), the footnote mark
//! the rest of the reader knows; a label without a digit of its own is dropped.

/// The footnote mark for a link text that labels a note; `None` for any other link text
/// (read as written: "[the ports below](#ports)").
pub(super) fn as_marker(text: &str) -> Option<&'static str> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = match words.as_slice() {
        [word, number] if is_note_word(word) => *number,
        [only] => only.trim_start_matches('[').trim_end_matches(']'),
        _ => return None,
    };
    if number.chars().all(|c| matches!(c, '*' | '†' | '‡')) && !number.is_empty() {
        return Some("");
    }
    if !number.chars().all(|c| c.is_ascii_digit()) || number.is_empty() {
        return None;
    }
    // Notes past 9 have no superscript the footnote reader matches: the mark goes, the
    // number is never a port.
    Some(super::footnotes::superscript(number).unwrap_or(""))
}

fn is_note_word(word: &str) -> bool {
    ["note", "notes", "footnote"].iter().any(|w| word.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::as_marker;

    #[test]
    fn a_note_label_becomes_its_footnote_mark() {
        assert_eq!(as_marker("Note 3"), Some("³"));
        assert_eq!(as_marker("[2]"), Some("²"));
        assert_eq!(as_marker("1"), Some("¹"));
        assert_eq!(as_marker("Note 12"), Some(""));
        assert_eq!(as_marker("*"), Some(""));
    }

    #[test]
    fn other_link_texts_are_read_as_written() {
        assert_eq!(as_marker("the ports below"), None);
        assert_eq!(as_marker("Firewall rules"), None);
        assert_eq!(as_marker("Note"), None);
    }

    #[test]
    fn regression_note_three_after_two_ports_was_read_as_port_three() {
        let blocks = crate::extract::blocks::parse(
            "| Description | TCP |\n|---|---|\n| HTTP | 80 or 8530 [Note 3](#bkmk_note3) Update services |\n",
        );
        let text = format!("{blocks:?}");
        assert!(text.contains("80 or 8530 ³ Update services"), "{text}");
        assert!(!text.contains("Note 3"), "{text}");
    }
}
