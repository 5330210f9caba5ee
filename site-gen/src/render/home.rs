//! The home page's list of platforms at scale. At 10,000 documents one card per platform made a
//! 4.1 MB home page (216 KB gzipped, over the 30 KB page budget); past `HOME_PLATFORMS` the home
//! page links parts of the list instead, each a run of cards in catalog order.

use std::ops::Range;

/// The most platforms the home page lists itself; the shipped content (a handful) stays as is.
pub const HOME_PLATFORMS: usize = 100;

/// The most cards on one part of the split list. A card of the shipped content is about 160
/// bytes gzipped, so 100 of them and the page around them stay well under 30 KB.
pub const PLATFORMS_PER_PART: usize = 100;

/// The most text (titles, vendors, summaries) on one part: a summary is as long as its author
/// wrote it, and 100 cards of long summaries would not fit the budget by count alone. Prose
/// gzips to under half its size, so this much text is at most about 16 KB of a part.
pub const PART_TEXT_BYTES: usize = 40_000;

/// Whether the home page links parts instead of listing every platform.
pub fn is_split(platforms: usize) -> bool {
    platforms > HOME_PLATFORMS
}

/// The parts of the split list, from each card's text length in catalog order: a part takes
/// cards until it holds `PLATFORMS_PER_PART` or the next card would pass `PART_TEXT_BYTES`
/// (a card longer than that alone gets a part of its own).
pub fn parts(card_text: impl IntoIterator<Item = usize>) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let (mut start, mut text, mut end) = (0, 0, 0);
    for (i, len) in card_text.into_iter().enumerate() {
        if i > start && (i - start == PLATFORMS_PER_PART || text + len > PART_TEXT_BYTES) {
            parts.push(start..i);
            (start, text) = (i, 0);
        }
        text += len;
        end = i + 1;
    }
    if end > start {
        parts.push(start..end);
    }
    parts
}

/// The page of one part: at the root, next to `index.html` (not under `platforms/`, where a
/// platform's id could name the same file).
pub fn part_url(part: usize) -> String {
    format!("platforms-{}.html", part + 1)
}

/// A part's label: the positions it holds, counted from 1 ("101–200").
pub fn part_label(range: &Range<usize>) -> String {
    format!("{}–{}", range.start + 1, range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(parts: &[Range<usize>]) -> Vec<usize> {
        parts.iter().flat_map(Clone::clone).collect()
    }

    #[test]
    fn parts_hold_a_bounded_count_and_cover_every_platform_once() {
        let n = 2 * PLATFORMS_PER_PART + 7;
        let parts = parts(std::iter::repeat_n(150, n));
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| p.len() <= PLATFORMS_PER_PART), "{parts:?}");
        assert_eq!(covered(&parts), (0..n).collect::<Vec<_>>());
        assert_eq!(part_label(&parts[2]), format!("{}–{n}", 2 * PLATFORMS_PER_PART + 1));
    }

    #[test]
    fn long_summaries_make_smaller_parts() {
        let long = PART_TEXT_BYTES / 10;
        let parts = parts(std::iter::repeat_n(long, 25));
        assert!(parts.iter().all(|p| p.len() * long <= PART_TEXT_BYTES), "{parts:?}");
        assert_eq!(covered(&parts), (0..25).collect::<Vec<_>>());
        // One card longer than the budget still gets a part.
        assert_eq!(super::parts([10, PART_TEXT_BYTES * 2, 10]), vec![0..1, 1..2, 2..3]);
    }

    #[test]
    fn small_catalogs_are_not_split() {
        assert!(!is_split(HOME_PLATFORMS));
        assert!(is_split(HOME_PLATFORMS + 1));
        assert!(parts([]).is_empty());
    }
}
