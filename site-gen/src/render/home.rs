//! The home page's list of platforms at scale. At 10,000 documents one card per platform made a
//! 4.1 MB home page (216 KB gzipped, over the 30 KB page budget); past `HOME_PLATFORMS` the home
//! page links parts of the list instead, each holding `PLATFORMS_PER_PART` cards in catalog order.

/// The most platforms the home page lists itself; the shipped content (a handful) stays as is.
pub const HOME_PLATFORMS: usize = 100;

/// Cards per part of the split list: a card is a title, vendor, summary and counts, well under
/// 300 bytes gzipped, so a part stays far below the 30 KB budget.
pub const PLATFORMS_PER_PART: usize = 100;

/// Whether the home page links parts instead of listing every platform.
pub fn is_split(platforms: usize) -> bool {
    platforms > HOME_PLATFORMS
}

/// How many parts `platforms` platforms fill when split.
pub fn part_count(platforms: usize) -> usize {
    platforms.div_ceil(PLATFORMS_PER_PART)
}

/// The positions (in catalog order) of the platforms part `part` holds.
pub fn part_range(part: usize, platforms: usize) -> std::ops::Range<usize> {
    let from = (part * PLATFORMS_PER_PART).min(platforms);
    from..(from + PLATFORMS_PER_PART).min(platforms)
}

/// The page of one part: at the root, next to `index.html` (not under `platforms/`, where a
/// platform's id could name the same file).
pub fn part_url(part: usize) -> String {
    format!("platforms-{}.html", part + 1)
}

/// A part's label: the positions it holds, counted from 1 ("101–200").
pub fn part_label(part: usize, platforms: usize) -> String {
    let range = part_range(part, platforms);
    format!("{}–{}", range.start + 1, range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_every_platform_once() {
        let n = 2 * PLATFORMS_PER_PART + 7;
        let covered: Vec<usize> = (0..part_count(n)).flat_map(|p| part_range(p, n)).collect();
        assert_eq!(covered, (0..n).collect::<Vec<_>>());
        assert_eq!(part_label(2, n), format!("{}–{n}", 2 * PLATFORMS_PER_PART + 1));
    }

    #[test]
    fn small_catalogs_are_not_split() {
        assert!(!is_split(HOME_PLATFORMS));
        assert!(is_split(HOME_PLATFORMS + 1));
    }
}
