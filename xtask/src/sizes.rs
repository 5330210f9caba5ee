//! Reporting artifact sizes, raw and gzipped (what a web server would send).

use std::path::Path;

use anyhow::Result;

use crate::fsx;

/// Size of `bytes` gzipped at the best level: the deflate stream plus gzip's 18-byte frame.
pub fn gzipped_len(bytes: &[u8]) -> usize {
    miniz_oxide::deflate::compress_to_vec(bytes, 10).len() + 18
}

/// One line: `label  path  raw KiB  gzip KiB`.
pub fn report(label: &str, root: &Path, path: &Path) -> Result<()> {
    let bytes = fsx::read(path)?;
    let gz = gzipped_len(&bytes);
    let shown = path.strip_prefix(root).unwrap_or(path);
    eprintln!(
        "  {label:<14} {:<40} {:>9} raw {:>9} gzip",
        shown.display(),
        kib(bytes.len()),
        kib(gz)
    );
    Ok(())
}

fn kib(n: usize) -> String {
    format!("{:.1} KiB", n as f64 / 1024.0)
}
