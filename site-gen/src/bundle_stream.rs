//! The bundle made while the site is written (clean builds): each file goes into the tar as it
//! is made, in path order, and each gzip member is deflated as soon as its files are in, on
//! whichever core made its last file, while the other core renders pages. The bundle used to
//! wait for the last page, then read the whole site back from disk and deflate it (a quarter
//! of a second of wall time at 1,000 documents, the pages phase's other core idle meanwhile).
//!
//! The member cuts are `bundle::members`' (same rule, same sizes), so the bytes are those the
//! bundle made at the end would have; `Output::write_bundle` checks the files are the ones
//! the stream expected and makes the bundle the usual way when not.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use anyhow::{Context, Result};

use crate::bundle::{BLOCK, Gzipped, append, gzip, is_split, member_full, split_tars};
use crate::cache::Digest;

/// Where a file of the bundle is.
enum Slot {
    /// Not made yet.
    Waiting,
    /// Written before the stream began (read back from the staging folder when its turn comes).
    OnDisk,
    /// Made, waiting for the files before it.
    Ready(Vec<u8>),
    /// In a member's tar.
    Taken,
}

struct State {
    /// Every file of the bundle, sorted, and where each stands.
    paths: Vec<String>,
    slots: Vec<Slot>,
    by_path: HashMap<String, usize>,
    /// The first file not yet in a tar.
    next: usize,
    /// The tar of the member being filled, and the bytes `bundle::members` counts for it.
    tar: Vec<u8>,
    counted: u64,
    /// Each gzip member, once deflated.
    members: Vec<Option<Gzipped>>,
    /// How many gzip members each of `bundle::members`' members is (a split file's pieces).
    groups: Vec<usize>,
    /// A file came that the stream did not expect (or twice): the bundle is made the usual way.
    abandoned: bool,
}

pub struct Stream {
    root: PathBuf,
    prefix: String,
    member_bytes: u64,
    state: Mutex<State>,
}

/// A poisoned lock only means a member failed to deflate, an error reported already.
fn lock(mutex: &Mutex<State>) -> MutexGuard<'_, State> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Stream {
    /// A stream of the files `written` (already in `root`) and `coming` (to be `feed`), under the
    /// folder `prefix/`, cut into members of `member_bytes` of tar.
    pub fn new(
        root: PathBuf,
        prefix: &str,
        member_bytes: u64,
        written: impl IntoIterator<Item = String>,
        coming: impl IntoIterator<Item = String>,
    ) -> Stream {
        let mut files: Vec<(String, bool)> = written
            .into_iter()
            .map(|path| (path, true))
            .chain(coming.into_iter().map(|path| (path, false)))
            .collect();
        files.sort();
        let abandoned = files.windows(2).any(|pair| pair[0].0 == pair[1].0);
        let slots = files
            .iter()
            .map(|(_, on_disk)| if *on_disk { Slot::OnDisk } else { Slot::Waiting })
            .collect();
        let paths: Vec<String> = files.into_iter().map(|(path, _)| path).collect();
        let by_path = paths.iter().enumerate().map(|(i, path)| (path.clone(), i)).collect();
        let state = State {
            paths,
            slots,
            by_path,
            next: 0,
            tar: Vec::new(),
            counted: 0,
            members: Vec::new(),
            groups: Vec::new(),
            abandoned,
        };
        Stream { root, prefix: prefix.to_owned(), member_bytes, state: Mutex::new(state) }
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Takes the file `path` just made; deflates the members it completes (here, on this core).
    pub fn feed(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        let done = {
            let mut state = lock(&self.state);
            if state.abandoned {
                return Ok(());
            }
            match state.by_path.get(path).copied() {
                Some(i) if matches!(state.slots[i], Slot::Waiting) => {
                    state.slots[i] = Slot::Ready(bytes)
                }
                _ => {
                    state.abandon();
                    return Ok(());
                }
            }
            self.advance(&mut state)?
        };
        for (member, tar, piece) in done {
            let piece = piece.then(|| Digest::of(&tar));
            let gzipped = Gzipped { bytes: gzip(&tar)?, piece };
            if let Some(slot) = lock(&self.state).members.get_mut(member) {
                *slot = Some(gzipped);
            }
        }
        Ok(())
    }

    /// Puts the files ready in path order into the tar; returns the members they complete (each
    /// with its index and whether it is a piece of a split file).
    fn advance(&self, state: &mut State) -> Result<Vec<(usize, Vec<u8>, bool)>> {
        let mut done = Vec::new();
        while let Some(slot) = state.slots.get_mut(state.next) {
            let path = &state.paths[state.next];
            let bytes = match std::mem::replace(slot, Slot::Taken) {
                Slot::Ready(bytes) => bytes,
                Slot::OnDisk => {
                    let file = self.root.join(path);
                    std::fs::read(&file)
                        .with_context(|| format!("cannot read {}", file.display()))?
                }
                waiting => {
                    *slot = waiting;
                    break;
                }
            };
            let name = format!("{}/{path}", self.prefix);
            state.next += 1;
            // `bundle::members`' cuts: a split file ends the member before it and is cut into
            // members of its own.
            if is_split(bytes.len() as u64, self.member_bytes) {
                if !state.tar.is_empty() {
                    done.push(self.close(state));
                }
                let pieces = split_tars(&name, &bytes, self.member_bytes)?;
                state.groups.push(pieces.len());
                for tar in pieces {
                    done.push((state.members.len(), tar, true));
                    state.members.push(None);
                }
                continue;
            }
            append(&mut state.tar, &name, &bytes)?;
            state.counted += bytes.len() as u64 + BLOCK as u64;
            if member_full(state.counted, self.member_bytes) {
                done.push(self.close(state));
            }
        }
        Ok(done)
    }

    /// Ends the member being filled: its index and tar.
    fn close(&self, state: &mut State) -> (usize, Vec<u8>, bool) {
        state.counted = 0;
        // The next member's tar holds about `member_bytes`, and goes past them by the file
        // that fills it: room for half a member more up front spares copying the whole tar
        // as it grows (every member did, 256 KB each, with room for exactly `member_bytes`).
        let room = usize::try_from(self.member_bytes + self.member_bytes / 2).unwrap_or(0);
        let next = Vec::with_capacity(room);
        let tar = std::mem::replace(&mut state.tar, next);
        state.groups.push(1);
        state.members.push(None);
        (state.members.len() - 1, tar, false)
    }

    /// The gzip members of the bundle of `files` (sorted paths), the last one deflated now,
    /// grouped as `bundle::members` cuts the files; `None` when these are not the files the
    /// stream was given (then the caller makes the bundle the usual way).
    pub fn finish(&self, files: &[(String, u64)]) -> Result<Option<Vec<Vec<Gzipped>>>> {
        let tar = {
            let mut state = lock(&self.state);
            let complete = !state.abandoned
                && state.next == state.paths.len()
                && state.paths.len() == files.len()
                && state.paths.iter().zip(files).all(|(a, (b, _))| a == b);
            if !complete {
                state.abandon();
                return Ok(None);
            }
            let mut tar = std::mem::take(&mut state.tar);
            // The end of the archive: two empty blocks.
            tar.resize(tar.len() + 2 * BLOCK, 0);
            tar
        };
        let last = Gzipped { bytes: gzip(&tar)?, piece: None };
        let mut state = lock(&self.state);
        let members: Option<Vec<Gzipped>> =
            std::mem::take(&mut state.members).into_iter().collect();
        let Some(members) = members else { return Ok(None) };
        let mut members = members.into_iter();
        let mut groups: Vec<Vec<Gzipped>> =
            state.groups.iter().map(|&n| members.by_ref().take(n).collect()).collect();
        groups.push(vec![last]);
        Ok(Some(groups))
    }
}

#[cfg(test)]
impl Stream {
    /// True when the stream gave up (its bundle was or will be made the usual way).
    pub fn abandoned(&self) -> bool {
        lock(&self.state).abandoned
    }
}

impl State {
    /// Gives up the stream and the bytes it holds.
    fn abandon(&mut self) {
        self.abandoned = true;
        self.slots.clear();
        self.tar = Vec::new();
        self.members.clear();
        self.groups.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files of a site: some written before the stream starts (on disk), the others fed in an
    /// order that is not the path order, as two cores finish pages; two files larger than two
    /// members (split into pieces), one of them on disk.
    #[test]
    fn a_streamed_bundle_is_the_bundle_made_at_the_end() {
        let root =
            std::env::temp_dir().join(format!("portolan-bundle-stream-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let files: Vec<(String, Vec<u8>)> = (0..40)
            .map(|i| {
                let path = format!("{}/{i:02}.html", ["a", "p", "z"][i % 3]);
                (path, (0..(100 + 37 * i)).map(|j| (j * 13 + i) as u8).collect())
            })
            .chain(
                [("m/big.js", 1), ("p/big.js", 2)]
                    .map(|(path, seed)| (path.to_owned(), crate::bundle::noise(20_000, seed))),
            )
            .collect();
        let member_bytes = 3 * 1024;
        let (written, coming): (Vec<_>, Vec<_>) =
            files.iter().partition(|(p, _)| p.starts_with('p'));
        for (path, bytes) in &written {
            std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
            std::fs::write(root.join(path), bytes).unwrap();
        }
        let stream = Stream::new(
            root.clone(),
            "site",
            member_bytes,
            written.iter().map(|(p, _)| p.clone()),
            coming.iter().map(|(p, _)| p.clone()),
        );
        let mut shuffled = coming.clone();
        shuffled.reverse();
        shuffled.swap(0, 5);
        for (path, bytes) in shuffled {
            stream.feed(path, bytes.clone()).unwrap();
        }
        let mut sorted: Vec<(String, u64)> =
            files.iter().map(|(p, b)| (p.clone(), b.len() as u64)).collect();
        sorted.sort();
        let streamed = stream.finish(&sorted).unwrap().expect("every file came");
        let by_path: HashMap<&str, &Vec<u8>> = files.iter().map(|(p, b)| (p.as_str(), b)).collect();
        let read = |path: &str| -> Result<Vec<u8>> { Ok(by_path[path].clone()) };
        let members = crate::bundle::members(&sorted, member_bytes);
        assert_eq!(members.iter().filter(|m| m.split).count(), 2);
        let at_the_end: Vec<Vec<Vec<u8>>> = members
            .iter()
            .map(|member| {
                let gzipped = crate::bundle::gzip_member(member, "site", &read, &|_| None);
                gzipped.unwrap().into_iter().map(|g| g.bytes).collect()
            })
            .collect();
        let streamed: Vec<Vec<Vec<u8>>> = streamed
            .into_iter()
            .map(|group| group.into_iter().map(|g| g.bytes).collect())
            .collect();
        assert!(at_the_end.len() >= 3, "{} members", at_the_end.len());
        assert!(at_the_end.iter().any(|group| group.len() > 3), "no file split into pieces");
        assert!(streamed == at_the_end, "the streamed members differ");
        let _ = std::fs::remove_dir_all(root);
    }

    /// A file the stream was not told of: it gives up (the bundle is then made the usual way).
    #[test]
    fn a_file_the_stream_did_not_expect_makes_it_give_up() {
        let stream = Stream::new(PathBuf::from("/nonexistent"), "site", 1 << 20, [], ["a".into()]);
        stream.feed("a", b"1".to_vec()).unwrap();
        stream.feed("b", b"2".to_vec()).unwrap();
        let files = [("a".to_owned(), 1), ("b".to_owned(), 1)];
        assert!(stream.finish(&files).unwrap().is_none());
    }
}
