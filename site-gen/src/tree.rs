//! Reading a folder tree into memory (the static folder, theme assets, a built site in tests).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// Every file under `dir`, as (relative path with `/`, bytes), sorted.
pub fn read_tree(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = fs::read_dir(&folder)
            .with_context(|| format!("cannot read folder {}", folder.display()))?;
        for entry in entries {
            let entry =
                entry.with_context(|| format!("cannot read folder {}", folder.display()))?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes =
                    fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
                let relative =
                    path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                out.push((relative, bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}
