//! The output folder. Files are written as soon as they are made, into a staging folder beside
//! the output; then their bytes are dropped (given to the bundle being made alongside, see
//! `bundle_stream`; an incremental build's bundle reads them back at the end). The
//! 10,000-document site was 2.9 GB: holding all of it until the end took 6 GB of memory, and
//! zeroing fresh pages for it was 14% of the build. When the build succeeds the staging folder
//! replaces the output (a failed build leaves the previous output as it was).
//!
//! Incremental builds: when the last build into the same folder left its manifest (`cache`),
//! a file whose bytes are what that build wrote is not written again; the staging folder then
//! holds only the changed files, which replace theirs in the output on success, and files no
//! longer made are removed, so the output ends byte for byte as a clean build's. The bundle's
//! gzip members whose files are all unchanged are copied from the previous bundle; the others
//! are made again from the staged and the unchanged files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::bundle::{Gzipped, Member};
use crate::cache::{Digest, FileRecord, Manifest, MemberRecord, Stamp};

pub struct Output {
    out: PathBuf,
    staging: PathBuf,
    bundle: bool,
    /// The last build's manifest (files still as it wrote them): the output is updated in
    /// place. `None`: everything is written and the staging folder replaces the output.
    previous: Option<Manifest>,
    /// Tar bytes per gzip member of the bundle (`bundle::MEMBER_BYTES`; smaller in tests).
    member_bytes: u64,
    /// Path → size of every file written.
    sizes: Mutex<BTreeMap<String, u64>>,
    /// What this build made, for the next build's manifest.
    records: Mutex<BTreeMap<String, FileRecord>>,
    /// The files of the staging folder (new or changed since the last build).
    changed: Mutex<BTreeSet<String>>,
    /// The folders made in the staging folder (relative, with `/`).
    folders: Mutex<rustc_hash::FxHashSet<String>>,
    /// The bundle's name, folder and members, once written.
    bundle_written: Mutex<Option<(String, String, Vec<MemberRecord>)>>,
    /// The bundle being made as the files are written (`stream_bundle`). Each `put` holds it
    /// (read) from recording its file on: a file is either written before the stream starts
    /// (and read back when its turn comes) or fed to it, never both nor neither.
    stream: RwLock<Option<crate::bundle_stream::Stream>>,
}

/// True when `out` may be replaced: missing, empty, or a previous site build (its catalog script,
/// or the `catalog.json` builds wrote before the catalog was shipped once).
fn replaceable(out: &Path) -> Result<bool> {
    if !out.exists() {
        return Ok(true);
    }
    let non_empty = fs::read_dir(out)
        .with_context(|| format!("cannot read {}", out.display()))?
        .next()
        .is_some();
    Ok(!non_empty
        || out.join(crate::exports::CATALOG_SCRIPT).is_file()
        || out.join("catalog.json").is_file())
}

fn refuse(out: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "refusing to replace {}: it is not empty and holds no previous site build (no {} or catalog.json)",
        out.display(),
        crate::exports::CATALOG_SCRIPT
    )
}

/// A poisoned lock only means another file failed to write, an error reported already.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Every file under `dir` (relative paths with `/`), and every folder, deepest first.
fn walk(dir: &Path) -> Result<(Vec<String>, Vec<PathBuf>)> {
    let (mut files, mut folders) = (Vec::new(), Vec::new());
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries =
            fs::read_dir(&folder).with_context(|| format!("cannot read {}", folder.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", folder.display()))?;
            let path = entry.path();
            let kind =
                entry.file_type().with_context(|| format!("cannot stat {}", path.display()))?;
            if kind.is_dir() {
                folders.push(path.clone());
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap_or(&path);
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    Ok((files, folders))
}

/// True when the files under `out` are exactly the ones `manifest` lists, as it wrote them:
/// a build whose inputs did not change has nothing to do.
pub fn up_to_date(out: &Path, manifest: &Manifest) -> bool {
    manifest.intact
        && walk(out).is_ok_and(|(files, _)| {
            files.len() == manifest.files.len()
                && files.iter().all(|f| manifest.files.contains_key(f))
        })
}

impl Output {
    /// Refuses an output folder that is not empty and holds no previous site build, then makes
    /// an empty staging folder (`OUT.partial`) beside it.
    pub fn open(out: &Path, bundle: bool) -> Result<Output> {
        if !replaceable(out)? {
            return Err(refuse(out));
        }
        let Some(name) = out.file_name() else {
            bail!("the output folder {} needs a name", out.display())
        };
        let staging = out.with_file_name(format!("{}.partial", name.to_string_lossy()));
        if staging.exists() {
            fs::remove_dir_all(&staging).with_context(|| {
                format!("cannot remove the unfinished build {}", staging.display())
            })?;
        }
        fs::create_dir_all(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        let previous = if out.is_dir() { Manifest::load(out) } else { None };
        Ok(Output {
            out: out.to_path_buf(),
            staging,
            bundle,
            previous,
            member_bytes: crate::bundle::MEMBER_BYTES,
            sizes: Mutex::default(),
            records: Mutex::default(),
            changed: Mutex::default(),
            folders: Mutex::default(),
            bundle_written: Mutex::default(),
            stream: RwLock::new(None),
        })
    }

    /// Writes one file (path relative to the site root, with `/`); a file the last build wrote
    /// with the same bytes is left as it is.
    pub fn put(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        let digest = Digest::of(&bytes);
        let same = self
            .previous
            .as_ref()
            .and_then(|m| m.files.get(&path))
            .filter(|record| record.digest == digest);
        let stamp = match same {
            Some(record) => record.stamp,
            None => {
                let stamp = self.write_staged(&path, &bytes)?;
                lock(&self.changed).insert(path.clone());
                stamp
            }
        };
        let stream = self.stream.read().unwrap_or_else(PoisonError::into_inner);
        lock(&self.sizes).insert(path.clone(), bytes.len() as u64);
        lock(&self.records).insert(path.clone(), FileRecord { digest, stamp });
        match &*stream {
            Some(stream) => stream.feed(&path, bytes),
            None => Ok(()),
        }
    }

    /// Writes `bytes` to `path` in the staging folder, and returns the file's stamp. Each folder
    /// is made once (the staging folder starts empty), and the stamp is read from the open file:
    /// a page cost six system calls on paths, two of them for a folder that was there.
    fn write_staged(&self, path: &str, bytes: &[u8]) -> Result<Stamp> {
        let staged = self.staging.join(path);
        if let Some((folder, _)) = path.rsplit_once('/')
            && !lock(&self.folders).contains(folder)
        {
            let parent = self.staging.join(folder);
            fs::create_dir_all(&parent)
                .with_context(|| format!("cannot create folder {}", parent.display()))?;
            lock(&self.folders).insert(folder.to_owned());
        }
        let mut file = fs::File::create(&staged)
            .with_context(|| format!("cannot write {}", staged.display()))?;
        file.write_all(bytes).with_context(|| format!("cannot write {}", staged.display()))?;
        let meta = file.metadata();
        meta.ok()
            .as_ref()
            .and_then(Stamp::of_metadata)
            .with_context(|| format!("cannot read back {}", staged.display()))
    }

    /// From now on the bundle is made as the files are written (see `bundle_stream`): the
    /// files written so far, and those of `files` not written yet, are every file the build
    /// writes until `write_bundle`. Clean builds only: an incremental one copies most members
    /// from the last bundle instead.
    pub fn stream_bundle(&self, prefix: &str, files: impl IntoIterator<Item = String>) {
        if !self.bundle || self.previous.is_some() {
            return;
        }
        let mut stream = self.stream.write().unwrap_or_else(PoisonError::into_inner);
        let written = lock(&self.sizes);
        let coming: Vec<String> = files.into_iter().filter(|f| !written.contains_key(f)).collect();
        *stream = Some(crate::bundle_stream::Stream::new(
            self.staging.clone(),
            prefix,
            self.member_bytes,
            written.keys().cloned(),
            coming,
        ));
    }

    /// Records `path` as made by this build without its bytes, when the last build wrote it
    /// with `digest` and it is still in the output as written (see `Manifest::load`). False
    /// otherwise: then the caller makes the file and `put`s it.
    pub fn keep(&self, path: &str, digest: &Digest) -> bool {
        let Some(record) = self
            .previous
            .as_ref()
            .and_then(|m| m.files.get(path))
            .filter(|record| record.digest == *digest)
        else {
            return false;
        };
        lock(&self.sizes).insert(path.to_owned(), digest.len);
        lock(&self.records).insert(path.to_owned(), record.clone());
        true
    }

    /// The last build's manifest, when this build updates its output in place.
    pub fn previous(&self) -> Option<&Manifest> {
        self.previous.as_ref()
    }

    /// `put` for many files, on every core.
    pub fn put_all(&self, files: Vec<(String, Vec<u8>)>) -> Result<()> {
        files.into_par_iter().try_for_each(|(path, bytes)| self.put(path, bytes))
    }

    /// Every path written so far, with its size.
    pub fn sizes(&self) -> BTreeMap<String, u64> {
        lock(&self.sizes).clone()
    }

    /// Writes the bundle `name`: every file so far, sorted by path, under the folder `prefix/`.
    /// Returns how many of its gzip members were copied from the previous bundle, and of how many.
    pub fn write_bundle(&self, name: &str, prefix: &str) -> Result<(usize, usize)> {
        if !self.bundle {
            return Ok((0, 0));
        }
        // Sorted by path (a BTreeMap), so two builds give the same archive.
        let files: Vec<(String, u64)> = self.sizes().into_iter().collect();
        let changed = lock(&self.changed).clone();
        // A changed file is in the staging folder, an unchanged one still in the output.
        let read = |path: &str| -> Result<Vec<u8>> {
            let root = if changed.contains(path) { &self.staging } else { &self.out };
            let file = root.join(path);
            fs::read(&file).with_context(|| format!("cannot read {}", file.display()))
        };
        let members = crate::bundle::members(&files, self.member_bytes);
        let reusable = self.reusable_members(prefix, &members, &changed);
        // A split file's pieces the last bundle held, by their tar's digest: an edit of the
        // file deflates the pieces it changed, wherever the others moved to.
        let pieces: HashMap<Digest, &MemberRecord> = self
            .previous_bundle(prefix)
            .map(|m| m.members.iter().filter_map(|r| Some((r.piece?, r))).collect())
            .unwrap_or_default();
        let copied = AtomicUsize::new(0);
        let kept = |digest: &Digest| {
            let record = pieces.get(digest)?;
            copied.fetch_add(1, Ordering::Relaxed);
            Some(self.previous_member(record))
        };
        let streamed = match &*self.stream.read().unwrap_or_else(PoisonError::into_inner) {
            Some(stream) if stream.prefix() == prefix => stream.finish(&files)?,
            _ => None,
        };
        let gzipped: Vec<Vec<Gzipped>> = match streamed.filter(|gz| gz.len() == members.len()) {
            Some(gzipped) => gzipped,
            None => members
                .par_iter()
                .zip(&reusable)
                .map(|(member, reuse)| match reuse {
                    Some(records) => {
                        copied.fetch_add(records.len(), Ordering::Relaxed);
                        records
                            .iter()
                            .map(|r| {
                                Ok(Gzipped { bytes: self.previous_member(r)?, piece: r.piece })
                            })
                            .collect()
                    }
                    None => crate::bundle::gzip_member(member, prefix, &read, &kept),
                })
                .collect::<Result<_>>()?,
        };
        let path = self.staging.join(name);
        let file =
            fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
        let mut writer = BufWriter::with_capacity(1 << 20, file);
        let mut records = Vec::with_capacity(members.len());
        let mut offset = 0;
        for (member, group) in members.iter().zip(&gzipped) {
            let (first, last) = match (member.files.first(), member.files.last()) {
                (Some(first), Some(last)) => (first.0.clone(), last.0.clone()),
                _ => (String::new(), String::new()),
            };
            for gzipped in group {
                let bytes = &gzipped.bytes;
                writer
                    .write_all(bytes)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                let len = bytes.len() as u64;
                records.push(MemberRecord {
                    first: first.clone(),
                    last: last.clone(),
                    count: member.files.len(),
                    ends: member.last,
                    offset,
                    len,
                    piece: gzipped.piece,
                });
                offset += len;
            }
        }
        writer
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", path.display()))?;
        let stamp = Stamp::of(&path).with_context(|| format!("cannot read {}", path.display()))?;
        // The bundle is never compared by its bytes (it is written whenever the build runs):
        // its record only proves, by its stamp, that it is still the one written.
        let digest = Digest { len: stamp.len, crc: 0, fx: 0 };
        lock(&self.records).insert(name.to_owned(), FileRecord { digest, stamp });
        lock(&self.changed).insert(name.to_owned());
        lock(&self.sizes).insert(name.to_owned(), stamp.len);
        let total = records.len();
        *lock(&self.bundle_written) = Some((name.to_owned(), prefix.to_owned(), records));
        Ok((copied.into_inner(), total))
    }

    /// The last build's manifest when its bundle's members may be copied: the same folder in
    /// the bundle, the same site-gen (another may gzip the same tar to other bytes), the bundle
    /// still as written.
    fn previous_bundle(&self, prefix: &str) -> Option<&Manifest> {
        self.previous.as_ref().filter(|m| {
            m.bundle_prefix == prefix
                && m.generator == crate::cache::generator()
                && m.bundle.as_ref().is_some_and(|b| m.files.contains_key(b))
        })
    }

    /// For each member, the previous bundle's members with the same files, when every one of
    /// them is unchanged. Same first and last path and the same count, all files unchanged (so
    /// all in the previous build, between those two paths): the same run of files, so the same
    /// tar, which the same site-gen gzips to the same bytes. An unchanged split file: the
    /// pieces it was cut into (the same bytes cut the same way).
    fn reusable_members(
        &self,
        prefix: &str,
        members: &[Member<'_>],
        changed: &BTreeSet<String>,
    ) -> Vec<Option<Vec<MemberRecord>>> {
        let (mut by_first, mut pieces) = (HashMap::new(), HashMap::new());
        for record in self.previous_bundle(prefix).iter().flat_map(|m| &m.members) {
            match record.piece {
                None => {
                    by_first.insert(record.first.as_str(), record);
                }
                Some(_) => {
                    pieces.entry(record.first.as_str()).or_insert_with(Vec::new).push(record)
                }
            }
        }
        members
            .iter()
            .map(|member| {
                let (first, last) = (member.files.first()?, member.files.last()?);
                if member.files.iter().any(|(path, _)| changed.contains(path)) {
                    return None;
                }
                if member.split {
                    let pieces = pieces.get(first.0.as_str())?;
                    return Some(pieces.iter().map(|r| (*r).clone()).collect());
                }
                let record = by_first.get(first.0.as_str())?;
                let same = record.last == last.0
                    && record.count == member.files.len()
                    && record.ends == member.last;
                same.then(|| vec![(*record).clone()])
            })
            .collect()
    }

    /// The bytes of a member of the previous bundle (still in the output: its stamp was checked).
    fn previous_member(&self, record: &MemberRecord) -> Result<Vec<u8>> {
        let name = self.previous.as_ref().and_then(|m| m.bundle.as_deref()).unwrap_or_default();
        let path = self.out.join(name);
        let mut file =
            fs::File::open(&path).with_context(|| format!("cannot read {}", path.display()))?;
        file.seek(SeekFrom::Start(record.offset))
            .with_context(|| format!("cannot read {}", path.display()))?;
        let len = usize::try_from(record.len).context("a bundle member past the address space")?;
        let mut bytes = vec![0; len];
        file.read_exact(&mut bytes).with_context(|| format!("cannot read {}", path.display()))?;
        Ok(bytes)
    }

    /// The build succeeded: the staging folder becomes the output (or, updating in place, its
    /// files replace theirs and files no longer made go), and the manifest is kept for the next
    /// build. Returns path → size.
    pub fn commit(self, mut manifest: Manifest) -> Result<BTreeMap<String, u64>> {
        // Checked again: something may have been put there during the build.
        if !replaceable(&self.out)? {
            return Err(refuse(&self.out));
        }
        // Forgotten first: an update stopped halfway must not be trusted by the next build.
        Manifest::forget(&self.out)?;
        let records = self.records.into_inner().unwrap_or_else(PoisonError::into_inner);
        if self.previous.is_some() {
            let changed = self.changed.into_inner().unwrap_or_else(PoisonError::into_inner);
            changed.par_iter().try_for_each(|path| -> Result<()> {
                let (from, to) = (self.staging.join(path), self.out.join(path));
                if let Some(parent) = to.parent() {
                    fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                fs::rename(&from, &to)
                    .with_context(|| format!("cannot move {} to {}", from.display(), to.display()))
            })?;
            let (files, folders) = walk(&self.out)?;
            for stale in files.iter().filter(|f| !records.contains_key(*f)) {
                let path = self.out.join(stale);
                fs::remove_file(&path)
                    .with_context(|| format!("cannot remove {}", path.display()))?;
            }
            // A clean build makes no empty folder; `remove_dir` fails on the others (kept).
            for folder in folders {
                let _ = fs::remove_dir(folder);
            }
            fs::remove_dir_all(&self.staging).with_context(|| {
                format!("cannot remove the staging folder {}", self.staging.display())
            })?;
        } else {
            if self.out.exists() {
                fs::remove_dir_all(&self.out).with_context(|| {
                    format!("cannot remove the previous build {}", self.out.display())
                })?;
            }
            fs::rename(&self.staging, &self.out).with_context(|| {
                format!("cannot move {} to {}", self.staging.display(), self.out.display())
            })?;
        }
        if let Some((name, prefix, members)) =
            self.bundle_written.into_inner().unwrap_or_else(PoisonError::into_inner)
        {
            (manifest.bundle, manifest.bundle_prefix, manifest.members) =
                (Some(name), prefix, members);
        }
        manifest.files = records;
        manifest.save(&self.out)?;
        Ok(self.sizes.into_inner().unwrap_or_else(PoisonError::into_inner))
    }

    /// The build failed: the staging folder goes, the previous output stays.
    pub fn discard(self) -> Result<()> {
        fs::remove_dir_all(&self.staging).with_context(|| {
            format!("cannot remove the unfinished build {}", self.staging.display())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("portolan-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_discarded_build_leaves_the_previous_output() {
        let root = temp("discard");
        let out = root.join("dist");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("catalog.json"), "{}").unwrap();
        let output = Output::open(&out, false).unwrap();
        output.put("index.html".into(), b"new".to_vec()).unwrap();
        output.discard().unwrap();
        assert!(out.join("catalog.json").is_file() && !out.join("index.html").exists());
        assert!(!root.join("dist.partial").exists());
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn a_committed_build_replaces_the_output_and_lists_its_files() {
        let root = temp("commit");
        let out = root.join("dist");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("catalog.json"), "{}").unwrap();
        fs::write(out.join("stale.html"), "old").unwrap();
        let output = Output::open(&out, true).unwrap();
        output
            .put_all(vec![
                ("a/b.html".into(), b"<p>b</p>".to_vec()),
                ("catalog.json".into(), b"{}".to_vec()),
            ])
            .unwrap();
        output.write_bundle("site.tar.gz", "site").unwrap();
        let sizes = output.commit(Manifest::default()).unwrap();
        assert_eq!(
            sizes.keys().map(String::as_str).collect::<Vec<_>>(),
            ["a/b.html", "catalog.json", "site.tar.gz"]
        );
        assert!(!out.join("stale.html").exists() && out.join("a/b.html").is_file());
        assert_eq!(&fs::read(out.join("site.tar.gz")).unwrap()[..2], [0x1f, 0x8b]);
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn a_build_that_ships_the_catalog_script_only_is_replaceable() {
        let root = temp("script-only");
        let out = root.join("dist");
        fs::create_dir_all(out.join("assets")).unwrap();
        fs::write(out.join(crate::exports::CATALOG_SCRIPT), "window.PORTOLAN_CATALOG = {};")
            .unwrap();
        let output = Output::open(&out, false).unwrap();
        output.put("index.html".into(), b"new".to_vec()).unwrap();
        output.commit(Manifest::default()).unwrap();
        assert!(out.join("index.html").is_file());
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn refuses_a_folder_that_is_not_a_site() {
        let root = temp("refuse");
        fs::write(root.join("precious.txt"), "keep").unwrap();
        assert!(Output::open(&root, false).is_err());
        assert!(root.join("precious.txt").is_file());
        let _ = fs::remove_dir_all(root);
    }

    /// One build of `files` into `out` with members of two 600-byte files: its bundle, how many
    /// gzip members it copied from the previous one and how many it has.
    fn small_member_build(
        out: &Path,
        files: &BTreeMap<String, Vec<u8>>,
    ) -> (Vec<u8>, (usize, usize)) {
        let mut output = Output::open(out, true).unwrap();
        output.member_bytes = 2 * (600 + 512);
        output.put_all(files.clone().into_iter().collect()).unwrap();
        let members = output.write_bundle("site.tar.gz", "site").unwrap();
        output.commit(Manifest::new(0)).unwrap();
        (fs::read(out.join("site.tar.gz")).unwrap(), members)
    }

    /// A clean build's bundle, made as its files are written (some before the stream starts,
    /// the others out of path order), is the bundle made from the files at the end.
    #[test]
    fn a_bundle_made_as_files_are_written_equals_one_made_at_the_end() {
        let root = temp("stream");
        let files: Vec<(String, Vec<u8>)> = (0..30)
            .map(|i| {
                (format!("{}/{i:02}.html", ["a", "m", "z"][i % 3]), vec![i as u8; 300 + 41 * i])
            })
            .chain([("catalog.json".to_owned(), b"{}".to_vec())])
            .collect();
        let build = |name: &str, stream: bool| {
            let out = root.join(name);
            let mut output = Output::open(&out, true).unwrap();
            output.member_bytes = 2 * 1024;
            let (first, later): (Vec<_>, Vec<_>) =
                files.iter().cloned().partition(|(path, _)| path.starts_with('m'));
            output.put_all(first).unwrap();
            if stream {
                output.stream_bundle("site", later.iter().map(|(path, _)| path.clone()));
            }
            for (path, bytes) in later.into_iter().rev() {
                output.put(path, bytes).unwrap();
            }
            output.write_bundle("site.tar.gz", "site").unwrap();
            let streamed = output.stream.read().unwrap().as_ref().is_some_and(|s| !s.abandoned());
            output.commit(Manifest::new(0)).unwrap();
            (fs::read(out.join("site.tar.gz")).unwrap(), streamed)
        };
        let (streamed, used) = build("streamed", true);
        let (at_the_end, _) = build("at-the-end", false);
        assert!(used, "the clean build streamed its bundle");
        assert!(streamed == at_the_end, "the streamed bundle differs");
        let _ = fs::remove_dir_all(crate::cache::dir_of(&root.join("streamed")));
        let _ = fs::remove_dir_all(crate::cache::dir_of(&root.join("at-the-end")));
        let _ = fs::remove_dir_all(root);
    }

    /// The bundle of an incremental build copies the gzip members whose files are all unchanged,
    /// and still equals a clean build's, also when a change moves the cuts after it.
    #[test]
    fn incremental_bundle_reuses_unchanged_members_and_equals_a_clean_one() {
        let root = temp("members");
        let page = |i: usize, v: u8| (0..600).map(|j| (j * 7 + i) as u8 ^ v).collect::<Vec<u8>>();
        let mut files: BTreeMap<String, Vec<u8>> =
            (0..20).map(|i| (format!("p/{i:02}.html"), page(i, 0))).collect();
        // What makes the folder a site build (`replaceable`).
        files.insert("catalog.json".into(), b"{}".to_vec());
        let (_, (reused, _)) = small_member_build(&root.join("dist"), &files);
        assert_eq!(reused, 0, "a first build has nothing to copy");
        type Change = fn(&mut BTreeMap<String, Vec<u8>>);
        let steps: [(&str, Change); 3] = [
            ("one page edited, same size", |f| {
                f.insert("p/07.html".into(), vec![b'e'; 600]);
            }),
            ("one page grows: the cuts after it move", |f| {
                f.insert("p/11.html".into(), vec![b'g'; 1900]);
            }),
            ("one page removed", |f| {
                f.remove("p/03.html");
            }),
        ];
        for (step, change) in steps {
            change(&mut files);
            let (incremental, (reused, _)) = small_member_build(&root.join("dist"), &files);
            let _ = fs::remove_dir_all(root.join("clean"));
            let _ = fs::remove_dir_all(crate::cache::dir_of(&root.join("clean")));
            let (clean, _) = small_member_build(&root.join("clean"), &files);
            assert!(incremental == clean, "{step}: the bundle differs from a clean build's");
            assert!(reused >= 3, "{step}: only {reused} member(s) copied");
        }
        // The catalog script, larger than two members: cut into pieces. An edit in its middle
        // deflates the pieces around it; the others are copied from the last bundle.
        files.insert("assets/catalog.js".into(), crate::bundle::noise(200_000, 3));
        let (_, (reused, _)) = small_member_build(&root.join("dist"), &files);
        assert!(reused >= 3, "the split file's step: only {reused} member(s) copied");
        let script = files.get_mut("assets/catalog.js").unwrap();
        script.splice(100_000..100_000, *b"one more platform");
        let (incremental, (reused, _)) = small_member_build(&root.join("dist"), &files);
        let _ = fs::remove_dir_all(root.join("clean"));
        let _ = fs::remove_dir_all(crate::cache::dir_of(&root.join("clean")));
        let (clean, (_, total)) = small_member_build(&root.join("clean"), &files);
        assert!(incremental == clean, "the edited split file: the bundle differs");
        assert!(total > 80, "{total} members: the script was not cut into pieces");
        assert!(reused + 6 >= total, "the edited split file: {reused} of {total} copied");
        // A bundle another site-gen wrote: its members may be other bytes, none is copied.
        let mut manifest = Manifest::load(&root.join("dist")).unwrap();
        manifest.generator ^= 1;
        manifest.save(&root.join("dist")).unwrap();
        let (_, (reused, _)) = small_member_build(&root.join("dist"), &files);
        assert_eq!(reused, 0, "members of another generator's bundle copied");
        let _ = fs::remove_dir_all(crate::cache::dir_of(&root.join("dist")));
        let _ = fs::remove_dir_all(root);
    }
}
