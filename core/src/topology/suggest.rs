//! "Did you mean …?": the closest candidate by edit distance.

/// Names longer than this are not compared (bounded work on hostile input).
const MAX_COMPARED: usize = 128;

/// Levenshtein distance over characters, ignoring ASCII case, giving up above `limit`. (Not
/// Unicode case: its tables would cost the checker's wasm several KB; a non-ASCII letter in the
/// other case counts as one edit, so such a near-miss is still suggested.)
pub fn edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current[j + 1] = (previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

/// The candidate closest to `word`, if one is close enough to be a plausible typo. A candidate
/// whose last path segment equals `word` (`control-plane` for `openlm/control-plane`) wins.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if word.is_empty() || word.chars().count() > MAX_COMPARED {
        return None;
    }
    let limit = (word.chars().count() / 3).clamp(1, 4);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate.chars().count() > MAX_COMPARED || candidate == word {
            continue;
        }
        let suffix = candidate.rsplit_once('/').map(|(_, s)| s);
        let distance = if suffix.is_some_and(|s| s.eq_ignore_ascii_case(word)) {
            Some(0)
        } else {
            let whole = edit_distance(word, candidate, limit);
            let slug = suffix.and_then(|s| edit_distance(word, s, limit));
            match (whole, slug) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        };
        if let Some(d) = distance
            && best.is_none_or(|(bd, bc)| d < bd || (d == bd && candidate < bc))
        {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Every candidate whose last path segment is `word` (ignoring ASCII case): `control-plane`
/// is a component of several platforms, and naming one of them would be a guess.
pub fn same_slug<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = candidates
        .into_iter()
        .filter(|c| c.rsplit_once('/').is_some_and(|(_, slug)| slug.eq_ignore_ascii_case(word)))
        .collect();
    crate::order::sort_dedup(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting", 5), Some(3));
        assert_eq!(edit_distance("abc", "ABC", 1), Some(0));
        assert_eq!(edit_distance("zöne", "ZÖNE", 2), Some(1));
        assert_eq!(edit_distance("a", "abcdef", 2), None);
    }

    #[test]
    fn suggestions() {
        let roles = ["openlm/control-plane", "openlm/infrastructure", "palette/worker"];
        assert_eq!(did_you_mean("openlm/controlplane", roles), Some("openlm/control-plane"));
        assert_eq!(did_you_mean("control-plane", roles), Some("openlm/control-plane"));
        assert_eq!(did_you_mean("palette/wroker", roles), Some("palette/worker"));
        assert_eq!(did_you_mean("something-else", roles), None);
        assert_eq!(did_you_mean(&"x".repeat(10_000), roles), None);
    }

    #[test]
    fn a_slug_of_several_platforms_gives_them_all() {
        let roles = ["openlm/control-plane", "activate/control-plane", "palette/worker"];
        assert_eq!(
            same_slug("Control-Plane", roles),
            ["activate/control-plane", "openlm/control-plane"]
        );
        assert!(same_slug("control", roles).is_empty());
    }
}
