//! Which rarely written readings a page can need at all, found in one pass over the page
//! before it is read. Retired ports ("no longer used"), ports kept closed ("do not open"),
//! source ports ("ephemeral ports for replies") and parts that open nothing ("agents need no
//! inbound ports") are each said on few pages, yet their readers asked every cell, sentence
//! and port mention of every page (issue 15: a pass of each text per reading). The page is
//! read once into the set of letter triples it holds; a reading whose phrases cannot all be
//! spelled from that set is skipped for the whole page.
//!
//! Why the answer is exact. Every text those readers are given (a cell, a paragraph, a list
//! item, a clause of one, words of one joined by spaces) is made of pieces of the page with
//! markup, spaces and punctuation taken out or changed, lowercased; a phrase word the reader
//! finds lies inside one piece. So its letters stand in the page in order, with at most ASCII
//! punctuation or non-ASCII characters between them, which the triples skip (they are taken
//! over letters and digits alone, lowercased). Two characters outside ASCII lowercase into
//! ASCII letters (the Kelvin sign into `k`, `İ` into `i` and a dot) and are read as those. A
//! letter written as a numeric entity (`&#101;`) is decoded into a piece but not spelled in
//! the page: a page holding `&#` is taken to hold every phrase. An inline tag inside a word
//! (`obso<wbr>lete`) is dropped from the texts: the triples are spelled both with and without
//! the tags.

use super::closed_parts::{OPENED_ON, VERBS as NEEDS_NONE};
use super::commands::FIREWALL_TOOLS;
use super::kept_closed::CLOSED_CUES;
use super::vocabulary::{MOVE_VERBS, RETIRED_CUES, SOURCE_PORT_PHRASES};

/// Letters and digits: the symbols of a triple.
const SYMBOLS: usize = 36;

/// One bit per triple of symbols.
const WORDS: usize = SYMBOLS * SYMBOLS * SYMBOLS / 64 + 1;

/// The readings a page may need (`false`: none of the reading's phrases can be in the page).
#[derive(Debug, Clone, Copy)]
pub(super) struct PageCues {
    /// A cell saying its port is retired (`vocabulary::retired_cue`).
    pub retired_cells: bool,
    /// A sentence retiring a port (`retired::is_retired`: the cues, moves, "instead of",
    /// "replaced by").
    pub retired_prose: bool,
    /// A port kept closed (`kept_closed::is_kept_closed`).
    pub kept_closed: bool,
    /// A cell or the words near a port naming source ports (`vocabulary::names_source_ports`).
    pub source_ports: bool,
    /// A part that needs nothing opened (`closed_parts::closed_parts`).
    pub closed_parts: bool,
    /// A firewall command in a code block (`commands::ports_in_commands`: the page itself,
    /// searched for each tool's name, twice per page).
    pub commands: bool,
    /// A port listened on at a loopback address (`loopback::listened_ports`: each paragraph
    /// of the page lowercased, twice).
    pub loopback: bool,
}

impl PageCues {
    pub(super) fn of(page: &str) -> PageCues {
        let triples = Triples::of(page);
        let any = |phrases: &[&str]| phrases.iter().any(|phrase| triples.may_hold(phrase));
        let retired_cells = any(RETIRED_CUES);
        PageCues {
            retired_cells,
            retired_prose: retired_cells
                || any(MOVE_VERBS)
                || any(&["instead", "replaced", "superseded"]),
            kept_closed: any(CLOSED_CUES),
            source_ports: any(SOURCE_PORT_PHRASES),
            closed_parts: any(&OPENED_ON) || any(&NEEDS_NONE),
            commands: any(FIREWALL_TOOLS),
            // `[::1]:` spells no triple: looked for as written.
            loopback: any(&["127", "localhost", "loopback"])
                || super::vocabulary::find_short(page, "::1]").is_some(),
        }
    }
}

/// The triples of letters and digits a page spells, skipping every other character (and, as
/// well, the inline tags).
struct Triples {
    bits: Box<[u64; WORDS]>,
    /// The page writes characters as numeric entities: every phrase may be in it.
    every: bool,
}

impl Triples {
    fn of(page: &str) -> Triples {
        let mut bits = Box::new([0u64; WORDS]);
        let bytes = page.as_bytes();
        // The last two symbols read, and the same as if every inline tag (`<…>`) were not
        // there: the readers' texts drop tags (`obso<wbr>lete` is read `obsolete`), and a `<`
        // may also be only a sign ("port < 1024"), so both are spelled.
        let mut kept: Window = (None, None);
        let mut untagged: Window = (None, None);
        let mut in_tag = false;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            at += 1;
            let symbol = match symbol_of(byte) {
                Some(symbol) => symbol,
                // U+212A KELVIN SIGN lowercases into `k`, U+0130 into `i` and a dot.
                None if byte == 0xE2 && bytes.get(at..at + 2) == Some(&[0x84, 0xAA]) => {
                    usize::from(b'k' - b'a')
                }
                None if byte == 0xC4 && bytes.get(at) == Some(&0xB0) => usize::from(b'i' - b'a'),
                None => {
                    in_tag = match byte {
                        b'<' => true,
                        b'>' => false,
                        _ => in_tag,
                    };
                    continue;
                }
            };
            spell(&mut bits, &mut kept, symbol);
            if !in_tag {
                spell(&mut bits, &mut untagged, symbol);
            }
        }
        let every = super::vocabulary::find_short(page, "&#").is_some();
        Triples { bits, every }
    }

    /// False when some word of `phrase` (lowercase ASCII) of three symbols or more has a
    /// triple the page does not spell: then no piece of the page holds the phrase.
    fn may_hold(&self, phrase: &str) -> bool {
        self.every
            || phrase.split(|c: char| !c.is_ascii_alphanumeric()).all(|word| {
                let mut symbols = word.bytes().filter_map(symbol_of);
                let (Some(mut a), Some(mut b)) = (symbols.next(), symbols.next()) else {
                    return true;
                };
                symbols.all(|c| {
                    let held = get(&self.bits, (a * SYMBOLS + b) * SYMBOLS + c);
                    (a, b) = (b, c);
                    held
                })
            })
    }
}

fn symbol_of(byte: u8) -> Option<usize> {
    match byte {
        b'a'..=b'z' => Some(usize::from(byte - b'a')),
        b'A'..=b'Z' => Some(usize::from(byte - b'A')),
        b'0'..=b'9' => Some(usize::from(byte - b'0') + 26),
        _ => None,
    }
}

/// The two symbols before the next one.
type Window = (Option<usize>, Option<usize>);

/// `symbol` read after `window`: the triple they make is spelled.
fn spell(bits: &mut [u64; WORDS], window: &mut Window, symbol: usize) {
    if let (Some(a), Some(b)) = *window {
        set(bits, (a * SYMBOLS + b) * SYMBOLS + symbol);
    }
    *window = (window.1, Some(symbol));
}

fn set(bits: &mut [u64; WORDS], triple: usize) {
    if let Some(word) = bits.get_mut(triple / 64) {
        *word |= 1 << (triple % 64);
    }
}

fn get(bits: &[u64; WORDS], triple: usize) -> bool {
    bits.get(triple / 64).is_some_and(|word| word & (1 << (triple % 64)) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_is_held_when_its_words_are_spelled_across_markup_and_case() {
        let triples = Triples::of("| 9440 | Agent | **No** lon*ger* USED |");
        assert!(triples.may_hold("no longer used"));
        assert!(!triples.may_hold("replaced by"));
        // Words of fewer than three symbols say nothing either way.
        assert!(triples.may_hold("by"));
    }

    #[test]
    fn characters_that_lowercase_into_ascii_letters_are_read_as_them() {
        // "\u{212A}ept free": the Kelvin sign lowercases into `k`.
        assert!(Triples::of("\u{212A}ept free").may_hold("kept free"));
        assert!(Triples::of("\u{130}NSTEAD").may_hold("instead"));
    }

    #[test]
    fn a_word_cut_by_an_inline_tag_is_spelled_whole_and_a_sign_keeps_its_letters() {
        // The readers drop inline tags: `obso<wbr>lete` is read `obsolete`.
        assert!(Triples::of("Port 8080 (obso<wbr>lete)").may_hold("obsolete"));
        assert!(Triples::of("re<em>moved</em> in 5.2").may_hold("removed in"));
        // "port < 1024 is retired >": the letters after a lone `<` are still the text's.
        assert!(Triples::of("port < 1024 is retired > here").may_hold("retired"));
    }

    #[test]
    fn a_page_writing_entities_may_hold_anything() {
        assert!(Triples::of("remov&#101;d in 5.2").may_hold("removed in"));
        assert!(!Triples::of("removd in 5.2").may_hold("removed in"));
    }

    #[test]
    fn regression_every_cell_and_sentence_was_asked_for_readings_its_page_never_says() {
        let plain = PageCues::of(
            "## Ports\n\n| Port | Purpose |\n|---|---|\n| 443 | Web UI |\n\nThe server listens on port 22 for SSH.\n",
        );
        assert!(!plain.retired_cells && !plain.retired_prose && !plain.kept_closed);
        assert!(!plain.source_ports && !plain.closed_parts && !plain.commands && !plain.loopback);
        let says = PageCues::of(
            "Port 9440 is NO LONGER USED. Keep it closed. Ephemeral ports for replies. Agents need no inbound ports. `sudo UFW allow 443/tcp`",
        );
        assert!(says.retired_cells && says.retired_prose && says.kept_closed);
        assert!(says.source_ports && says.closed_parts && says.commands);
        assert!(PageCues::of("It listens on [::1]:8125.").loopback);
        assert!(PageCues::of("bound to the LOOPBACK interface").loopback);
        assert!(PageCues::of("The console moved from 8080 to 8443.").retired_prose);
        assert!(!PageCues::of("The console moved from 8080 to 8443.").retired_cells);
    }
}
