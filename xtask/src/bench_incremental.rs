//! `cargo xtask bench --incremental`: how long `site-gen build` takes when it rebuilds a site it
//! built before (issue 15's goal: under 0.5 s after touching one document of 1,000). On the
//! bench corpus (`portolan-bench corpus`), into one output folder: a clean build, a rebuild
//! with nothing changed, one after `touch` of one document, then edits of one port of one
//! document (the first edit also fills the extraction, page and markdown caches; the next ones
//! are the writer's steady state). Then a clean build into another folder must equal the incremental one byte
//! for byte. Prints a table; corpus and outputs are deleted afterwards.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::{cmd, wasm};

/// Wall, user and system seconds of one run (CPU times from `/usr/bin/time` when present).
fn run_timed(c: &mut Command) -> Result<(f64, Option<(f64, f64)>)> {
    let time = Path::new("/usr/bin/time");
    let scratch = std::env::temp_dir().join(format!("portolan-incr-time-{}", std::process::id()));
    let mut run = if time.is_file() {
        let mut t = Command::new(time);
        t.args(["-f", "%U %S", "-o"]).arg(&scratch).arg(c.get_program()).args(c.get_args());
        t
    } else {
        let mut t = Command::new(c.get_program());
        t.args(c.get_args());
        t
    };
    if let Some(dir) = c.get_current_dir() {
        run.current_dir(dir);
    }
    let started = Instant::now();
    let status = run.status().context("running site-gen")?;
    let wall = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("site-gen failed ({status})");
    }
    let cpu = std::fs::read_to_string(&scratch).ok().and_then(|t| {
        let mut parts = t.split_whitespace().filter_map(|p| p.parse::<f64>().ok());
        Some((parts.next()?, parts.next()?))
    });
    let _ = std::fs::remove_file(&scratch);
    Ok((wall, cpu))
}

/// Moves the first port cell of the document's first port table by `delta`: a change that
/// moves a row from one port page to another (and so touches the conflicts, the search index
/// and the catalog as well as the platform page).
fn edit_port(path: &Path, delta: i64) -> Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut done = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if done || !line.trim_start().starts_with('|') {
                return line.to_owned();
            }
            let cells: Vec<&str> = line.split('|').collect();
            for (i, cell) in cells.iter().enumerate() {
                let number = cell.trim();
                if let Ok(port) = number.parse::<i64>()
                    && (1..65_535).contains(&(port + delta))
                    && !number.is_empty()
                {
                    let mut cells: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
                    cells[i] = cell.replacen(number, &(port + delta).to_string(), 1);
                    done = true;
                    return cells.join("|");
                }
            }
            line.to_owned()
        })
        .collect();
    if !done {
        bail!("{} has no port cell to edit", path.display());
    }
    std::fs::write(path, lines.join("\n") + "\n")
        .with_context(|| format!("cannot write {}", path.display()))
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                let relative = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
                out.insert(relative, bytes);
            }
        }
    }
    out
}

fn remove(path: &Path) -> Result<()> {
    if path.exists() {
        std::fs::remove_dir_all(path)
            .with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(())
}

fn cell((wall, cpu): (f64, Option<(f64, f64)>)) -> String {
    match cpu {
        Some((user, sys)) => format!("{wall:.2} s ({:.2} s CPU)", user + sys),
        None => format!("{wall:.2} s"),
    }
}

pub fn run(root: &Path, sizes: &[usize], edits: usize) -> Result<()> {
    let mut c = cmd::cargo(root);
    c.args(["build", "--release", "-p", "site-gen", "-p", "portolan-bench"]);
    cmd::run(c)?;
    let release = wasm::target_dir(root).join("release");
    let work = wasm::target_dir(root).join("bench-incremental");
    remove(&work)?;
    std::fs::create_dir_all(&work)?;
    let mut table = String::from(
        "| documents | clean build | no change | one document touched | first edit (fills the caches) | edit of one port (median of the next) | equal to a clean build |\n|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for &docs in sizes {
        let corpus = work.join(format!("corpus-{docs}"));
        let mut g = Command::new(release.join("portolan-bench"));
        g.args(["corpus", "--out"]).arg(&corpus).args(["--docs", &docs.to_string()]);
        g.stdout(std::process::Stdio::null());
        cmd::run(g)?;
        let content = corpus.join("portolan/content");
        let build = |out: &PathBuf| {
            let mut b = Command::new(release.join("site-gen"));
            b.current_dir(root)
                // --strict, as the site bench builds; --verbose: each run's phases and the
                // bundle members it copied, in the log.
                .args([
                    "build",
                    "--strict",
                    "--verbose",
                    "--public",
                    "public",
                    "--theme",
                    "themes/default",
                ])
                .arg("--content")
                .arg(&content)
                .arg("--out")
                .arg(out);
            b
        };
        let out = work.join(format!("out-{docs}"));
        let doc = content.join(format!("gen-{:05}.md", docs / 2));
        let clean = run_timed(&mut build(&out))?;
        let same = run_timed(&mut build(&out))?;
        let file = std::fs::File::options().append(true).open(&doc)?;
        file.set_modified(std::time::SystemTime::now())?;
        let touched = run_timed(&mut build(&out))?;
        edit_port(&doc, 1)?;
        let first = run_timed(&mut build(&out))?;
        let mut steady = Vec::new();
        for k in 0..edits.max(1) {
            edit_port(&doc, if k % 2 == 0 { -1 } else { 1 })?;
            steady.push(run_timed(&mut build(&out))?);
        }
        steady.sort_by(|a, b| a.0.total_cmp(&b.0));
        let median = steady[steady.len() / 2];
        let reference = work.join(format!("clean-{docs}"));
        run_timed(&mut build(&reference))?;
        let equal = tree(&out) == tree(&reference);
        eprintln!(
            "incremental, {docs} documents: clean {}, no change {}, touched {}, first edit {}, edit {}, equal to a clean build: {equal}",
            cell(clean),
            cell(same),
            cell(touched),
            cell(first),
            cell(median)
        );
        table.push_str(&format!(
            "| {docs} | {} | {} | {} | {} | {} | {} |\n",
            cell(clean),
            cell(same),
            cell(touched),
            cell(first),
            cell(median),
            if equal { "yes" } else { "**no**" }
        ));
        remove(&corpus)?;
        remove(&out)?;
        remove(&reference)?;
        remove(&work.join(".portolan-cache"))?;
        if !equal {
            println!("{table}");
            bail!("the incremental build differs from a clean build ({docs} documents)");
        }
    }
    remove(&work)?;
    println!("{table}");
    Ok(())
}
