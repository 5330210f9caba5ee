//! `portolan-bench large-page`: extraction of one very large page, timed. A reading that
//! reads every row once per row (session 16's callers scan took minutes on a 10 MB page) shows
//! here as seconds growing with the square of the size, not as CI timing out.

use std::time::Instant;

use anyhow::{Result, ensure};
use portolan_core::extract::{Document, build_catalog};

/// One section of the page, repeated: a table, a ported sentence, the shape of
/// `core/tests/extract_bad_input.rs`'s 10 MB document.
const SECTION: &str = "## Section\n\n| Port | Protocol | Purpose |\n|---|---|---|\n| 443 | TCP | Web |\n| 8472 | UDP | VXLAN |\n\nSome prose about port 22 here.\n\n";

/// The page of about `megabytes` MB, extracted `runs` times: size, rows and each run's
/// seconds (JSON), the median first.
pub fn measure(megabytes: usize, runs: usize) -> Result<serde_json::Value> {
    let page = SECTION.repeat(megabytes * 1024 * 1024 / SECTION.len());
    let mut seconds = Vec::with_capacity(runs);
    let mut rows = 0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let build = build_catalog(&[Document { path: "large.md", bytes: page.as_bytes() }]);
        seconds.push(started.elapsed().as_secs_f64());
        rows = build.catalog.requirements().count();
    }
    ensure!(rows > 0, "the large page read no row");
    let mut sorted = seconds.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or_default();
    Ok(serde_json::json!({
        "bytes": page.len(),
        "rows": rows,
        "median_s": median,
        "runs_s": seconds,
    }))
}
