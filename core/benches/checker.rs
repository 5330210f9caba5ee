//! Check + plan on generated topologies of 100, 1,000 and 10,000 hosts, against the real
//! catalog built from `content/`. Results are recorded in BENCHMARKS.md ("Checker engine").

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use portolan_core::extract::{Document, build_catalog};
use portolan_core::model::Catalog;
use portolan_core::topology::{Format, parse};

fn catalog() -> Catalog {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&content)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
                .filter_map(|e| {
                    Some((
                        format!("content/{}", e.file_name().to_string_lossy()),
                        std::fs::read(e.path()).ok()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let documents: Vec<Document<'_>> =
        files.iter().map(|(p, b)| Document { path: p, bytes: b }).collect();
    build_catalog(&documents).catalog
}

/// The benchmark topology of `hosts` hosts, shared with `cargo xtask bench` so both measure the
/// same input.
fn generate(hosts: usize) -> String {
    portolan_bench_gen::topology::generate(hosts)
}

/// CPU time of this thread so far (Linux `/proc/thread-self/schedstat`), so that a profile on a
/// loaded machine shows the work done rather than time spent waiting for a core.
fn cpu_time() -> Option<std::time::Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(nanos))
}

/// `PORTOLAN_PROFILE=N cargo bench --bench checker`: time each check once on N hosts (wall
/// time, and CPU time where Linux reports it), then the whole check repeated (`PORTOLAN_RUNS`
/// times, default 200,000 / N within 5..=200).
fn profile(catalog: &Catalog, hosts: usize) {
    use std::time::Instant;
    let text = generate(hosts);
    let timed = |label: &str, run: &mut dyn FnMut() -> String| {
        let (wall, cpu) = (Instant::now(), cpu_time());
        let what = run();
        let cpu = cpu
            .zip(cpu_time())
            .map_or_else(|| "?".to_owned(), |(a, b)| format!("{:.2?}", b.saturating_sub(a)));
        eprintln!("{label:32} {what:>18}  wall {:>10.2?}  cpu {cpu:>10}", wall.elapsed());
    };
    let mut topology = None;
    timed("parse", &mut || {
        topology = Some(parse(&text, "generated.yaml", Format::Yaml).expect("parses"));
        format!("{hosts} hosts")
    });
    let topology = topology.expect("parsed");
    timed("plan alone", &mut || {
        format!("{} flows", portolan_core::plan::plan(catalog, &topology).flows.len())
    });
    let mut context = None;
    timed("context (plan, grid)", &mut || {
        let cx = portolan_core::check::Context::new(catalog, &topology);
        let flows = cx.plan.flows.len();
        context = Some(cx);
        format!("{flows} flows")
    });
    let context = context.expect("context");
    for check in portolan_core::check::CHECKS {
        timed(check.code, &mut || {
            let mut out = Vec::new();
            (check.run)(&context, &mut out);
            format!("{} findings", out.len())
        });
    }
    timed("check (all, end to end)", &mut || {
        format!("{} findings", portolan_core::check::check(catalog, &topology).findings.len())
    });
    // Repeated, for steadier figures than one run on a loaded machine: per-run median wall
    // time and mean CPU time (schedstat is only updated at scheduler events, so one short run
    // can read as 0 or a whole tick).
    let runs = std::env::var("PORTOLAN_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or((200_000 / hosts.max(1)).clamp(5, 200))
        .max(1);
    let mut walls = Vec::with_capacity(runs);
    let cpu_start = cpu_time();
    for _ in 0..runs {
        let wall = Instant::now();
        black_box(portolan_core::check::check(catalog, &topology));
        walls.push(wall.elapsed());
    }
    let cpu = cpu_start.zip(cpu_time()).map_or_else(
        || "?".to_owned(),
        |(a, b)| format!("{:.2?}", b.saturating_sub(a) / u32::try_from(runs).unwrap_or(1)),
    );
    walls.sort_unstable();
    eprintln!(
        "{:32} {:>18}  wall {:>10.2?}  cpu {cpu:>10}  (median wall, mean cpu)",
        "check, repeated",
        format!("{runs} runs"),
        walls[runs / 2]
    );
}

fn bench(c: &mut Criterion) {
    let catalog = catalog();
    if let Some(hosts) = std::env::var("PORTOLAN_PROFILE").ok().and_then(|v| v.parse().ok()) {
        profile(&catalog, hosts);
        return;
    }
    let mut group = c.benchmark_group("check+plan");
    group.sample_size(10);
    for hosts in [100usize, 1_000, 10_000] {
        let text = generate(hosts);
        let topology =
            parse(&text, "generated.yaml", Format::Yaml).expect("generated topology parses");
        group.throughput(Throughput::Elements(hosts as u64));
        group.bench_with_input(BenchmarkId::new("check", hosts), &topology, |b, t| {
            b.iter(|| black_box(portolan_core::check::check(&catalog, t)));
        });
        group.bench_with_input(BenchmarkId::new("parse", hosts), &text, |b, t| {
            b.iter(|| black_box(parse(t, "generated.yaml", Format::Yaml)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
