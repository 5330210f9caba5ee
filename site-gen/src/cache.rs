//! The build cache: what the last successful build into an output folder wrote, so the next
//! build writes (and deflates for the bundle) only the files whose bytes changed, and skips the
//! whole build when none of its inputs changed. It lives beside the output
//! (`<parent>/.portolan-cache/<output name>/`), never inside it: the output is what ships.
//!
//! Nothing here knows what a page contains: files are compared by their bytes, and the inputs
//! by theirs, so a change to the templates or to what pages hold needs no change here.

use std::collections::BTreeMap;
use std::fs;
use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Bumped when the manifest's meaning changes; a manifest of another schema is ignored.
const SCHEMA: u32 = 4;
/// MessagePack after a head of its schema and inputs (`Manifest::save`). As JSON, reading it
/// (twice: its inputs, then all of it) and writing it again were 4% of a one-port edit's
/// instructions at 1,000 documents, all on one core (bench/HISTORY.md "Edit rebuild, session 15").
const MANIFEST: &str = "manifest.mp";
/// The head's bytes: the schema (u32) and the inputs (u64), little-endian.
const HEAD: usize = 12;

/// The bytes of a file, as far as the cache compares them: length, CRC-32 and a 64-bit Fx
/// hash. 96 bits of two unrelated hashes plus the length: an
/// accidental collision between two versions of one of our own files is not a real risk (the
/// inputs are not adversarial: a writer edits their own documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Digest {
    pub len: u64,
    pub crc: u32,
    pub fx: u64,
}

impl Digest {
    pub fn of(bytes: &[u8]) -> Digest {
        let mut fx = rustc_hash::FxHasher::default();
        fx.write(bytes);
        // crc32fast: the same CRC-32 as flate2's, about ten times faster here (zlib-rs's is a
        // portable loop; this one uses the CPU's carry-less multiply), and every file of every
        // build and every page key goes through it.
        Digest { len: bytes.len() as u64, crc: crc32fast::hash(bytes), fx: fx.finish() }
    }
}

/// A file's modification time and size as seen on disk: how the cache knows that the file in
/// the output is still the one it wrote (someone may have edited or replaced it since).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub secs: u64,
    pub nanos: u32,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::of_metadata(&fs::metadata(path).ok()?)
    }

    /// The stamp of a file already open (no second look-up of its path).
    pub fn of_metadata(meta: &fs::Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp { len: meta.len(), secs: modified.as_secs(), nanos: modified.subsec_nanos() })
    }
}

/// One gzip member of the bundle that build wrote (see `bundle::members`): the run of files it
/// holds, named by its first and last path and their count, and where its bytes sit. A member
/// of the next build holding the same run, every file unchanged, is copied from there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRecord {
    pub first: String,
    pub last: String,
    pub count: usize,
    /// The member ends the archive (two empty tar blocks follow its files).
    pub ends: bool,
    pub offset: u64,
    pub len: u64,
    /// A piece of a split file (`bundle::split_tars`): the digest of its tar, by which the next
    /// build finds it wherever an edit of the file moved it.
    pub piece: Option<Digest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    pub digest: Digest,
    pub stamp: Stamp,
}

/// What one successful build wrote, and the report it printed (replayed when nothing changed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    /// Hash of every input of the build (see [`Inputs`]).
    pub inputs: u64,
    /// Path in the output → record. The bundle is one of them.
    pub files: BTreeMap<String, FileRecord>,
    /// The bundle's path in the output, when the build wrote one.
    pub bundle: Option<String>,
    /// The folder the bundle's files sit under, and its gzip members in order.
    pub bundle_prefix: String,
    pub members: Vec<MemberRecord>,
    /// The site-gen that wrote the bundle (see `Inputs::default`): another one (a newer
    /// deflate, another level) may gzip the same tar to other bytes, so its members are not
    /// copied.
    pub generator: u64,
    pub diagnostics: Vec<String>,
    pub warnings: usize,
    /// Set by `load`: every file the manifest lists is still on disk as written.
    #[serde(skip)]
    pub intact: bool,
}

/// An entry of the extraction or markdown cache as bytes: MessagePack with field names
/// (self-describing, so the model's `skip_serializing_if` fields read back, which bincode-like
/// formats cannot), read about twice as fast as the JSON it replaced (no escapes, no number
/// text; bench/HISTORY.md, "Edit rebuild, session 10").
pub fn entry_bytes<T: Serialize>(value: &T) -> Option<Vec<u8>> {
    rmp_serde::to_vec_named(value).ok()
}

/// [`entry_bytes`] for a value of site-gen's own types, none of whose fields is skipped: its
/// fields by their place, not their name (a name read back and matched per field was most of
/// reading the page cache's 7,000 small entries). [`entry_of`] reads both forms.
pub fn compact_bytes<T: Serialize>(value: &T) -> Option<Vec<u8>> {
    rmp_serde::to_vec(value).ok()
}

/// An entry written by [`entry_bytes`] or [`compact_bytes`]; `None` when it does not read as a `T` (another
/// site-gen's, damaged): the caller makes it again.
pub fn entry_of<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    rmp_serde::from_slice(bytes).ok()
}

/// Writes `bytes` to `dir/name`, aside then renamed: a half-written entry is never read back.
/// A failure leaves no entry (the caches are an optimisation).
pub fn write_entry(dir: &Path, name: &str, bytes: &[u8]) {
    let partial = dir.join(format!("{name}.partial"));
    if fs::write(&partial, bytes).is_ok() {
        let _ = fs::rename(&partial, dir.join(name));
    }
}

/// The cache folder of the output folder `out`.
pub fn dir_of(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(".portolan-cache").join(name)
}

impl Manifest {
    /// The last build's manifest, keeping only the files that are still on disk as it wrote
    /// them. `None` when there is none, it is unreadable, or of another schema: then the
    /// build writes everything, as a first build does.
    pub fn load(out: &Path) -> Option<Manifest> {
        let bytes = fs::read(dir_of(out).join(MANIFEST)).ok()?;
        let (schema, _) = head_of(&bytes)?;
        if schema != SCHEMA {
            return None;
        }
        // Positional MessagePack: the manifest is site-gen's own, with no field skipped.
        let mut manifest: Manifest = rmp_serde::from_slice(bytes.get(HEAD..)?).ok()?;
        if manifest.schema != SCHEMA {
            return None;
        }
        // Each file looked at on every core (thousands of system calls).
        let changed: Vec<String> = manifest
            .files
            .par_iter()
            .filter(|(path, record)| Stamp::of(&out.join(path)) != Some(record.stamp))
            .map(|(path, _)| path.clone())
            .collect();
        for path in &changed {
            manifest.files.remove(path);
        }
        manifest.intact = changed.is_empty();
        Some(manifest)
    }

    /// The `inputs` of the last build's manifest, read without its file list (no record made,
    /// no file looked at): the up-to-date test of an edit rebuild, which fails, then loads the
    /// manifest once (`Output::open`) instead of twice.
    pub fn last_inputs(out: &Path) -> Option<u64> {
        let mut head = [0u8; HEAD];
        fs::File::open(dir_of(out).join(MANIFEST)).ok()?.read_exact(&mut head).ok()?;
        let (schema, inputs) = head_of(&head)?;
        (schema == SCHEMA).then_some(inputs)
    }

    /// True when a build into `out` has left its manifest (the next build updates in place).
    pub fn exists(out: &Path) -> bool {
        dir_of(out).join(MANIFEST).is_file()
    }

    pub fn save(&self, out: &Path) -> Result<()> {
        let dir = dir_of(out);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(MANIFEST);
        let mut text = Vec::with_capacity(1 << 20);
        text.extend_from_slice(&self.schema.to_le_bytes());
        text.extend_from_slice(&self.inputs.to_le_bytes());
        rmp_serde::encode::write(&mut text, self).context("cannot encode the build manifest")?;
        // Written aside then renamed: a build stopped halfway leaves no half manifest.
        let partial = dir.join(format!("{MANIFEST}.partial"));
        fs::write(&partial, text).with_context(|| format!("cannot write {}", partial.display()))?;
        fs::rename(&partial, &path).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Forgets the manifest (before the output is changed in place: if the build stops
    /// halfway, the next one must not trust what it says).
    pub fn forget(out: &Path) -> Result<()> {
        let path = dir_of(out).join(MANIFEST);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("cannot remove {}", path.display()))
            }
            _ => Ok(()),
        }
    }

    pub fn new(inputs: u64) -> Manifest {
        Manifest { schema: SCHEMA, inputs, generator: generator(), ..Manifest::default() }
    }
}

/// The schema and inputs a manifest file starts with (`Manifest::save`).
fn head_of(bytes: &[u8]) -> Option<(u32, u64)> {
    let schema = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
    let inputs = u64::from_le_bytes(bytes.get(4..HEAD)?.try_into().ok()?);
    Some((schema, inputs))
}

/// Which site-gen this is: its version and its binary (the hash an empty input set starts from).
pub fn generator() -> u64 {
    Inputs::default().finish()
}

/// A running hash of everything a build reads: each piece is fed with its name and length,
/// so no two different input sets feed the same stream.
#[derive(Clone)]
pub struct Inputs(rustc_hash::FxHasher);

impl Default for Inputs {
    fn default() -> Self {
        let mut inputs = Inputs(rustc_hash::FxHasher::default());
        inputs.add("schema", &SCHEMA.to_le_bytes());
        inputs.add("site-gen", env!("CARGO_PKG_VERSION").as_bytes());
        // The generator itself: a rebuilt site-gen (new templates compiled in, a changed
        // renderer) must not reuse what the old one made. Its size and time stand for its bytes.
        if let Some(stamp) = std::env::current_exe().ok().and_then(|exe| Stamp::of(&exe)) {
            inputs.add(
                "exe",
                &[stamp.len, stamp.secs, u64::from(stamp.nanos)].map(u64::to_le_bytes).concat(),
            );
        }
        inputs
    }
}

impl Inputs {
    pub fn add(&mut self, name: &str, bytes: &[u8]) {
        self.add_digest(name, &Digest::of(bytes));
    }

    /// `add` of bytes whose digest is known already (a document's text, digested once).
    pub fn add_digest(&mut self, name: &str, digest: &Digest) {
        self.0.write(name.as_bytes());
        self.0.write_u8(0);
        self.0.write_u64(digest.len);
        self.0.write_u32(digest.crc);
        self.0.write_u64(digest.fx);
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// The hash of everything a build of `config` reads: the documents (already read), the theme
/// and static folders, the checker script, the options, and site-gen itself.
pub fn inputs_of(
    config: &crate::config::Config,
    sources: &[crate::content::SourceFile],
) -> Result<u64> {
    let mut inputs = Inputs::default();
    let options = format!(
        "{:?}|{:?}|{:?}|{:?}|{}|{}",
        config.content, config.theme, config.public, config.site_url, config.strict, config.bundle
    );
    inputs.add("options", options.as_bytes());
    for source in sources {
        inputs.add(&format!("content/{}", source.name), source.text.as_bytes());
    }
    if let Some(theme) = config.theme.as_deref().filter(|t| t.is_dir()) {
        for (path, bytes) in crate::tree::read_tree(theme)? {
            inputs.add(&format!("theme/{path}"), &bytes);
        }
    }
    if config.public.is_dir() {
        for (path, bytes) in crate::tree::read_tree(&config.public)? {
            inputs.add(&format!("public/{path}"), &bytes);
        }
    }
    if let Some(checker) = config.checker.as_deref().filter(|c| c.is_file()) {
        let bytes =
            fs::read(checker).with_context(|| format!("cannot read {}", checker.display()))?;
        inputs.add("checker", &bytes);
    }
    if let Some(readers) = config.checker_audit() {
        let bytes =
            fs::read(&readers).with_context(|| format!("cannot read {}", readers.display()))?;
        inputs.add("checker-audit", &bytes);
    }
    Ok(inputs.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_crc_is_the_one_earlier_manifests_hold() {
        let bytes = b"123456789 and some more bytes than one block of the fast path".repeat(9);
        let mut flate = flate2::Crc::new();
        flate.update(&bytes);
        assert_eq!(Digest::of(&bytes).crc, flate.sum());
        assert_eq!(Digest::of(b"123456789").crc, 0xcbf4_3926);
    }

    #[test]
    fn the_inputs_of_a_manifest_of_another_schema_are_not_read() {
        let root = std::env::temp_dir().join(format!("portolan-schema-{}", std::process::id()));
        let out = root.join("dist");
        let _ = fs::remove_dir_all(&root);
        let mut manifest = Manifest::new(7);
        manifest.schema = SCHEMA + 1;
        manifest.save(&out).unwrap();
        assert_eq!(Manifest::last_inputs(&out), None);
        manifest.schema = SCHEMA;
        manifest.save(&out).unwrap();
        assert_eq!(Manifest::last_inputs(&out), Some(7));
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn the_cache_sits_beside_the_output_not_in_it() {
        assert_eq!(dir_of(Path::new("site/dist")), Path::new("site/.portolan-cache/dist"));
    }

    #[test]
    fn inputs_that_differ_only_in_where_a_byte_sits_hash_apart() {
        let hash = |pieces: &[(&str, &[u8])]| {
            let mut inputs = Inputs::default();
            for (name, bytes) in pieces {
                inputs.add(name, bytes);
            }
            inputs.finish()
        };
        assert_ne!(hash(&[("a", b"xy"), ("b", b"")]), hash(&[("a", b"x"), ("b", b"y")]));
        assert_eq!(hash(&[("a", b"xy")]), hash(&[("a", b"xy")]));
    }

    #[test]
    fn a_file_changed_on_disk_is_dropped_from_the_manifest() {
        let root = std::env::temp_dir().join(format!("portolan-cache-{}", std::process::id()));
        let out = root.join("dist");
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("a.html"), "a").unwrap();
        fs::write(out.join("b.html"), "b").unwrap();
        let mut manifest = Manifest::new(7);
        for name in ["a.html", "b.html"] {
            let bytes = fs::read(out.join(name)).unwrap();
            let stamp = Stamp::of(&out.join(name)).unwrap();
            manifest.files.insert(name.into(), FileRecord { digest: Digest::of(&bytes), stamp });
        }
        manifest.save(&out).unwrap();
        fs::write(out.join("b.html"), "changed by hand").unwrap();
        let loaded = Manifest::load(&out).unwrap();
        assert_eq!(loaded.files.keys().collect::<Vec<_>>(), ["a.html"]);
        assert!(!loaded.intact);
        // The up-to-date test's look at the inputs reads them as `load` does.
        assert_eq!(Manifest::last_inputs(&out), Some(loaded.inputs));
        assert_eq!(loaded.inputs, 7);
        Manifest::forget(&out).unwrap();
        assert_eq!(Manifest::last_inputs(&out), None);
        assert!(Manifest::load(&out).is_none());
        let _ = fs::remove_dir_all(root);
    }
}
