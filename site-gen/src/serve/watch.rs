//! Watching what a build reads (`cache::inputs_of`: the content, public and theme folders, the
//! checker scripts) and telling the builder, through the channel Ctrl-C also speaks on.
//!
//! Editors save in bursts (a temporary file written then renamed over the document, a backup,
//! a swap file): `settle` waits for a short quiet spell so one save is one build.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::config::Config;

/// What the builder loop hears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// A watched file changed (the first path the event named).
    Changed(PathBuf),
    /// Ctrl-C: finish the build under way, if any, and stop.
    Stop,
}

/// How long the watched files must be still before a build starts.
pub const QUIET: Duration = Duration::from_millis(80);
/// A folder written to without pause (a generator writing many documents) still gets a build.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// The folders watched recursively and the single files (watched through their folder).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Watched {
    pub folders: Vec<PathBuf>,
    pub files: Vec<PathBuf>,
    /// The output, its staging folder and its cache: written by the build itself, never a
    /// reason to build again (they may sit inside a watched folder).
    pub ignored: Vec<PathBuf>,
}

impl Watched {
    pub fn of(config: &Config) -> Self {
        let mut folders = vec![absolute(&config.content), absolute(&config.public)];
        folders.extend(config.theme.as_deref().map(absolute));
        let files =
            config.checker.iter().map(|c| absolute(c)).chain(config.checker_audit()).collect();
        let out = absolute(&config.out);
        let mut staging = out.clone().into_os_string();
        staging.push(".partial");
        let ignored =
            vec![absolute(&crate::cache::dir_of(&config.out)), PathBuf::from(staging), out];
        Self { folders, files, ignored }
    }

    /// Whether a change at `path` can change the build.
    pub fn concerns(&self, path: &Path) -> bool {
        if self.ignored.iter().any(|i| path.starts_with(i)) {
            return false;
        }
        self.folders.iter().any(|f| path.starts_with(f)) || self.files.iter().any(|f| f == path)
    }
}

/// Absolute, with symbolic links resolved where the path exists (inotify reports paths under
/// the one it was given, so both sides of `concerns` must be spelled alike).
fn absolute(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Starts watching; the returned watcher stops when dropped. A path that does not exist is
/// skipped (the build says what is missing).
pub fn start(watched: Watched, signals: Sender<Signal>) -> Result<Box<dyn Watcher + Send>> {
    let filter = watched.clone();
    let handler = move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        // Opening and reading files (the build reads every document) changes nothing.
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        if let Some(path) = event.paths.into_iter().find(|p| filter.concerns(p)) {
            let _ = signals.send(Signal::Changed(path));
        }
    };
    let mut watcher: Box<dyn Watcher + Send> =
        Box::new(notify::recommended_watcher(handler).context("cannot start watching files")?);
    for folder in watched.folders.iter().filter(|f| f.is_dir()) {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", folder.display()))?;
    }
    // A file replaced by a rename is a new file: watch its folder, not the file.
    for parent in watched.files.iter().filter_map(|f| f.parent()).filter(|p| p.is_dir()) {
        watcher
            .watch(parent, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", parent.display()))?;
    }
    Ok(watcher)
}

/// After a first change: waits until nothing changed for `QUIET` (or `LONGEST_WAIT` passed).
/// `Some(Signal::Stop)` when Ctrl-C came meanwhile, or the senders are gone.
pub fn settle(signals: &Receiver<Signal>) -> Option<Signal> {
    let started = Instant::now();
    while started.elapsed() < LONGEST_WAIT {
        match signals.recv_timeout(QUIET) {
            Ok(Signal::Changed(_)) => continue,
            Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return Some(Signal::Stop),
            Err(RecvTimeoutError::Timeout) => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::channel;

    use super::*;

    #[test]
    fn the_output_and_its_cache_are_not_inputs_even_inside_a_watched_folder() {
        let mut config = Config::new("/site/content", "/site/content/dist");
        config.public = PathBuf::from("/site/public");
        let watched = Watched::of(&config);
        assert!(watched.concerns(Path::new("/site/content/a.md")));
        assert!(watched.concerns(Path::new("/site/public/favicon.svg")));
        assert!(!watched.concerns(Path::new("/site/content/dist/index.html")));
        assert!(!watched.concerns(Path::new("/site/content/dist.partial/index.html")));
        assert!(!watched.concerns(Path::new("/site/themes/default/templates/page.html")));
    }

    #[test]
    fn a_burst_of_changes_settles_into_one_build_and_stop_is_heard() {
        let (send, receive) = channel();
        for name in ["a.md~", ".a.md.swp", "a.md"] {
            send.send(Signal::Changed(PathBuf::from(name))).expect("sends");
        }
        assert_eq!(settle(&receive), None);
        assert!(receive.try_recv().is_err(), "the burst was taken whole");
        send.send(Signal::Stop).expect("sends");
        assert_eq!(settle(&receive), Some(Signal::Stop));
    }
}
