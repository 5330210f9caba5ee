//! The output folder. Files are written as soon as they are made, into a staging folder beside
//! the output; then their bytes are dropped (the bundle reads them back at the end). The
//! 10,000-document site was 2.9 GB: holding all of it until the end took 6 GB of memory, and
//! zeroing fresh pages for it was 14% of the build. When the build succeeds the staging folder
//! replaces the output (a failed build leaves the previous output as it was).

use std::collections::BTreeMap;
use std::fs;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

pub struct Output {
    out: PathBuf,
    staging: PathBuf,
    bundle: bool,
    /// Path → size of every file written.
    sizes: Mutex<BTreeMap<String, u64>>,
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
        Ok(Output { out: out.to_path_buf(), staging, bundle, sizes: Mutex::default() })
    }

    /// Writes one file (path relative to the site root, with `/`).
    pub fn put(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        crate::util::write_file(&self.staging.join(&path), &bytes)?;
        lock(&self.sizes).insert(path, bytes.len() as u64);
        Ok(())
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
    pub fn write_bundle(&self, name: &str, prefix: &str) -> Result<()> {
        if !self.bundle {
            return Ok(());
        }
        // Sorted by path (a BTreeMap), so two builds give the same archive.
        let files: Vec<(String, u64)> = self.sizes().into_iter().collect();
        let path = self.staging.join(name);
        let file =
            fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
        let mut writer = BufWriter::with_capacity(1 << 20, file);
        crate::bundle::write_tar_gz(&self.staging, &files, prefix, &mut writer)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let file = writer
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", path.display()))?;
        let size =
            file.metadata().with_context(|| format!("cannot read {}", path.display()))?.len();
        lock(&self.sizes).insert(name.to_owned(), size);
        Ok(())
    }

    /// The build succeeded: the staging folder becomes the output. Returns path → size.
    pub fn commit(self) -> Result<BTreeMap<String, u64>> {
        if self.out.exists() {
            // Checked again: something may have been put there during the build.
            if !replaceable(&self.out)? {
                return Err(refuse(&self.out));
            }
            fs::remove_dir_all(&self.out).with_context(|| {
                format!("cannot remove the previous build {}", self.out.display())
            })?;
        }
        fs::rename(&self.staging, &self.out).with_context(|| {
            format!("cannot move {} to {}", self.staging.display(), self.out.display())
        })?;
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
        let sizes = output.commit().unwrap();
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
        output.commit().unwrap();
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
}
