//! Reading the content folder and running the core extractor over it.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use portolan_core::extract::{CatalogBuild, Document, assemble, extract_one};
use rayon::prelude::*;

/// One markdown document read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as handed to the extractor (relative to the content folder for builds, as given
    /// on the command line for `extract`).
    pub name: String,
    /// Path on disk, for messages.
    pub disk: PathBuf,
    pub text: String,
}

/// Reads a file as UTF-8, naming the path on any failure.
pub fn read_utf8(path: &Path) -> Result<String> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let (line, column) = portolan_core::diagnostic::line_column(
                &String::from_utf8_lossy(&error.as_bytes()[..offset]),
                offset,
            );
            bail!(
                "{}:{line}:{column}: not valid UTF-8 (byte offset {offset}); save the file as UTF-8",
                path.display()
            )
        }
    }
}

/// Every `*.md` (and `*.mdx`, `*.markdown`) under `dir`, hidden files and folders left out,
/// sorted by relative path, so builds do not depend on directory order.
pub fn read_content_dir(dir: &Path) -> Result<Vec<SourceFile>> {
    let mut paths = Vec::new();
    collect_markdown(dir, dir, &mut paths)?;
    paths.sort();
    if paths.is_empty() {
        bail!("no markdown documents (*.md) in {}", dir.display());
    }
    paths
        .into_par_iter()
        .map(|relative| {
            let disk = dir.join(&relative);
            let text = read_utf8(&disk)?;
            Ok(SourceFile { name: relative, disk, text })
        })
        .collect()
}

fn collect_markdown(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    let entries =
        fs::read_dir(dir).with_context(|| format!("cannot read folder {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read folder {}", dir.display()))?;
        let path = entry.path();
        // Hidden entries are not documents: an editor's lock file (Emacs's `.#doc.md`, a link
        // to nowhere while the buffer is unsaved) failed the build, and `site-gen serve`'s
        // rebuilds with it, as the writer typed.
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type().with_context(|| format!("cannot stat {}", path.display()))?;
        if kind.is_dir() {
            collect_markdown(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "md" || e == "mdx" || e == "markdown") {
            // Docusaurus pages are often `.mdx`; dropped in as they are, they are read too.
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let name = relative.to_string_lossy().replace('\\', "/");
            out.push(name);
        }
    }
    Ok(())
}

/// Runs the extractor over the files, one document per task on every core; the catalog is
/// assembled in path order, so the result equals the serial `build_catalog`.
pub fn extract(files: &[SourceFile]) -> CatalogBuild {
    let mut documents: Vec<Document<'_>> =
        files.iter().map(|f| Document { path: &f.name, bytes: f.text.as_bytes() }).collect();
    documents.sort_by(|a, b| a.path.cmp(b.path));
    assemble(documents.into_par_iter().map(extract_one).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editors_lock_file_is_not_read_as_a_document() {
        let dir =
            std::env::temp_dir().join(format!("site-gen-content-lock-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join(".drafts")).expect("mkdir");
        fs::write(dir.join("alpha.md"), "# Alpha\n").expect("write");
        fs::write(dir.join(".drafts/beta.md"), "# Beta\n").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink("user@host.1234:1700000000", dir.join(".#alpha.md"))
            .expect("a lock file as Emacs makes it");
        let names: Vec<String> =
            read_content_dir(&dir).expect("reads").into_iter().map(|f| f.name).collect();
        assert_eq!(names, ["alpha.md"]);
        let _ = fs::remove_dir_all(&dir);
    }
}
