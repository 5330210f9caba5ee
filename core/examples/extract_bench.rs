//! Per-document extraction micro-benchmark (issue 15, bench/HISTORY.md "Extraction CPU"):
//! `cargo run --release -p portolan-core --example extract_bench -- [RUNS] FILE...` reads the
//! files once, then runs `extract_one` over all of them RUNS times on this thread and prints
//! the CPU time per run and per document (the best and the median run).
//! `… --example extract_bench -- --dump FILE...` prints every document's whole extraction
//! (platform, body, coverage, diagnostics) as JSON lines instead: two builds' dumps compared
//! byte for byte show that a speed change left the output as it was.

use std::time::Duration;

use portolan_core::extract::{Document, extract_one};

/// CPU time of this thread so far (Linux), so a loaded machine shows the work, not the waiting.
fn cpu_time() -> Duration {
    let nanos = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(nanos)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--dump") {
        for path in &args[1..] {
            let bytes = std::fs::read(path).unwrap_or_default();
            let read = extract_one(Document { path, bytes: &bytes });
            println!("{}", serde_json::to_string(&read).unwrap_or_default());
        }
        return;
    }
    let runs = match args.first().and_then(|a| a.parse::<usize>().ok()) {
        Some(n) => {
            args.remove(0);
            n
        }
        None => 5,
    };
    let files: Vec<(String, Vec<u8>)> = args
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            Some((path, bytes))
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = cpu_time();
        for (path, text) in &files {
            std::hint::black_box(extract_one(Document { path, bytes: text }));
        }
        times.push(cpu_time() - start);
    }
    times.sort();
    let per_doc = |d: Duration| d.as_secs_f64() * 1e6 / files.len().max(1) as f64;
    let best = times.first().copied().unwrap_or_default();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    println!(
        "{} documents, {bytes} bytes, {runs} runs: best {:.1} ms ({:.0} µs/doc), median {:.1} ms ({:.0} µs/doc)",
        files.len(),
        best.as_secs_f64() * 1e3,
        per_doc(best),
        median.as_secs_f64() * 1e3,
        per_doc(median),
    );
}
