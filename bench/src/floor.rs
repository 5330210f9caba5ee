//! `portolan-bench floor`: what a built site costs to write and to compress at the least, with
//! no rendering at all. It answers whether a site-build time goal is reachable for the bytes the
//! site ships: if copying the finished files from memory already takes longer than the goal,
//! no generator can meet it without writing less.
//!
//! Three measures over the files of a built site (read into memory first, untimed):
//! - `write`: every file written into a fresh folder, on every core (what any generator pays to
//!   put these bytes on this disk);
//! - `deflate`: every file deflated as the offline bundle is (libdeflate, level 1), on every core
//!   (what the bundle costs, however it is assembled);
//! - `markdown`: the corpus's markdown rendered to HTML by pulldown-cmark alone (a floor both
//!   Portolan and Hugo pay in some form), on every core.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use rayon::prelude::*;

/// The offline bundle's deflate level (site-gen's `BUNDLE_LEVEL`, libdeflate's scale).
const BUNDLE_LEVEL: i32 = 1;

/// Runs the three measures and returns them as JSON (milliseconds and bytes).
pub fn measure(site: &Path, markdown: &Path, scratch: &Path) -> Result<serde_json::Value> {
    let files = read_tree(site)?;
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let threads = rayon::current_num_threads();

    if scratch.exists() {
        anyhow::bail!(
            "{} exists: give a folder that does not, so that writing starts fresh",
            scratch.display()
        );
    }
    let (started, cpu) = (Instant::now(), cpu_ms());
    write_all(&files, scratch)?;
    let (write_ms, write_cpu_ms) = (started.elapsed().as_secs_f64() * 1e3, cpu_ms() - cpu);

    // The bundle holds every file but itself.
    let to_bundle: Vec<&(PathBuf, Vec<u8>)> =
        files.iter().filter(|(p, _)| p.extension().is_none_or(|e| e != "zip")).collect();
    let (started, cpu) = (Instant::now(), cpu_ms());
    let deflated = deflate_all(&to_bundle)?;
    let (deflate_ms, deflate_cpu_ms) = (started.elapsed().as_secs_f64() * 1e3, cpu_ms() - cpu);
    let to_bundle_bytes: usize = to_bundle.iter().map(|(_, b)| b.len()).sum();

    let docs = read_tree(markdown)?;
    let docs: Vec<(PathBuf, Vec<u8>)> =
        docs.into_iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "md")).collect();
    let markdown_bytes: usize = docs.iter().map(|(_, b)| b.len()).sum();
    let (started, cpu) = (Instant::now(), cpu_ms());
    let html_bytes = render_all(&docs);
    let (markdown_ms, markdown_cpu_ms) = (started.elapsed().as_secs_f64() * 1e3, cpu_ms() - cpu);

    Ok(serde_json::json!({
        "threads": threads,
        "site_files": files.len(),
        "site_bytes": bytes,
        "write_ms": write_ms,
        "write_cpu_ms": write_cpu_ms,
        "deflate_ms": deflate_ms,
        "deflate_cpu_ms": deflate_cpu_ms,
        "bundled_bytes": to_bundle_bytes,
        "deflated_bytes": deflated,
        "markdown_files": docs.len(),
        "markdown_bytes": markdown_bytes,
        "markdown_html_bytes": html_bytes,
        "markdown_ms": markdown_ms,
        "markdown_cpu_ms": markdown_cpu_ms,
    }))
}

/// CPU time (user + system) this process has used so far, in milliseconds, from
/// `/proc/self/stat` (Linux; clock ticks of 10 ms): the machine is shared, so wall time alone
/// says little about what a phase costs. 0 where it cannot be read.
fn cpu_ms() -> f64 {
    let Ok(stat) = fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let Some(rest) = stat.rsplit_once(')').map(|(_, rest)| rest) else { return 0.0 };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) * 10.0
}

/// Every file under `root` (relative path, contents).
fn read_tree(root: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    read_paths(root)?
        .into_iter()
        .map(|rel| {
            let path = root.join(&rel);
            let bytes =
                fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            Ok((rel, bytes))
        })
        .collect()
}

fn read_paths(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = root.join(&rel);
        for entry in fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))? {
            let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
            let name = rel.join(entry.file_name());
            if entry
                .file_type()
                .with_context(|| format!("cannot stat {}", entry.path().display()))?
                .is_dir()
            {
                stack.push(name);
            } else {
                out.push(name);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn write_all(files: &[(PathBuf, Vec<u8>)], out: &Path) -> Result<()> {
    // Folders first (one thread), as a generator knows them before it writes pages.
    let mut dirs: Vec<PathBuf> =
        files.iter().filter_map(|(p, _)| p.parent().map(|d| out.join(d))).collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs.iter().chain(std::iter::once(&out.to_path_buf())) {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    files.par_iter().try_for_each(|(rel, bytes)| {
        let path = out.join(rel);
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    })
}

fn deflate_all(files: &[&(PathBuf, Vec<u8>)]) -> Result<usize> {
    let level = libdeflater::CompressionLvl::new(BUNDLE_LEVEL)
        .map_err(|_| anyhow::anyhow!("{BUNDLE_LEVEL} is not a libdeflate level"))?;
    files
        .par_iter()
        .map(|(_, bytes)| {
            let mut compressor = libdeflater::Compressor::new(level);
            let mut deflated = vec![0; compressor.deflate_compress_bound(bytes.len())];
            let len = compressor.deflate_compress(bytes, &mut deflated).context("deflate")?;
            // The gzip member's CRC-32 is part of the bundle's cost too.
            std::hint::black_box(crc32fast::hash(bytes));
            Ok(len)
        })
        .sum()
}

fn render_all(docs: &[(PathBuf, Vec<u8>)]) -> usize {
    docs.par_iter()
        .map(|(_, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            let options = pulldown_cmark::Options::ENABLE_TABLES
                | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
            let mut html = String::with_capacity(text.len() * 2);
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(&text, options),
            );
            html.len()
        })
        .sum()
}
