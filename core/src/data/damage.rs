//! Tests only: documents damaged the way typing damages them, for the readers' property tests.

use proptest::prelude::*;

/// `documents` with one to three characters deleted, replaced or inserted (the new ones drawn
/// from `alphabet`: the characters that matter to the format's syntax).
pub fn damaged(
    documents: impl Strategy<Value = String>,
    alphabet: &'static [u8],
) -> impl Strategy<Value = String> {
    let edits = prop::collection::vec(
        (any::<prop::sample::Index>(), 0u8..3, prop::sample::select(alphabet)),
        1..4,
    );
    (documents, edits).prop_map(|(text, edits)| {
        let mut chars: Vec<char> = text.chars().collect();
        for (at, kind, c) in edits {
            if chars.is_empty() {
                chars.push(char::from(c));
                continue;
            }
            let i = at.index(chars.len());
            match kind {
                0 => {
                    chars.remove(i);
                }
                1 => chars[i] = char::from(c),
                _ => chars.insert(i, char::from(c)),
            }
        }
        chars.into_iter().collect()
    })
}
