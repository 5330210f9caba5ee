//! A port a changelog adds ("Version 12: the console now also accepts reports on 10005") that
//! no table gives belongs to the part the entry names, not to the page's own title: the
//! changelog's heading names a release, and the page's title is the product, not a part.

use super::vocabulary::is_generic_heading;

/// The part of `parts` (slugs, in page order) that `entry` names first (the entry's subject:
/// "the console now also accepts agent reports" is the console's); when it names none and the
/// page has a single part, that part. `None` when nothing settles it.
pub(super) fn part_named(entry: &str, parts: &[String]) -> Option<String> {
    let words: Vec<String> = words_of(entry);
    let first_mention = |part: &String| {
        part.split('-')
            .filter(|w| w.len() > 2 && !is_generic_heading(w))
            .map(singular)
            .filter_map(|w| words.iter().position(|x| *x == w))
            .min()
    };
    let named = parts.iter().filter_map(|p| Some((first_mention(p)?, p))).min_by_key(|(at, _)| *at);
    match (named, parts) {
        (Some((_, part)), _) => Some(part.clone()),
        (None, [only]) => Some(only.clone()),
        _ => None,
    }
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(|w| singular(&w.to_lowercase()))
        .collect()
}

fn singular(word: &str) -> String {
    match word.strip_suffix('s') {
        Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem.to_owned(),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(slugs: &[&str]) -> Vec<String> {
        slugs.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn new_changelog_port_went_to_the_pages_title() {
        let entry = "Version 12: the console now also accepts agent reports on 10005/TCP.";
        assert_eq!(
            part_named(entry, &parts(&["console-service", "agent-gateway"])),
            Some("console-service".to_owned())
        );
        // Named by none, one part on the page: that part.
        assert_eq!(
            part_named("Version 3: metrics on 9300.", &parts(&["collector"])),
            Some("collector".to_owned())
        );
        // Named by none among several: no guess.
        assert_eq!(part_named("Version 3: metrics on 9300.", &parts(&["collector", "ui"])), None);
    }
}
