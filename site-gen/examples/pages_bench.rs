//! The pages phase's CPU, without the disk or the other phases: every page's context
//! (`Renderer::job`, and dropping it), its rendering and its link scan, on one thread, as CPU time of that
//! thread (Linux: `/proc/thread-self/schedstat`, so other processes' load does not count), per
//! template, a few rounds. Documents and diagrams are left empty (their HTML is one safe
//! string per platform page). From the repository root:
//! `cargo run --release -p site-gen --example pages_bench -- CONTENT [ROUNDS]`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use site_gen::links::PageScan;
use site_gen::render::Theme;
use site_gen::render::pages::{Page, Renderer};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU time of this thread so far, in microseconds.
fn cpu_micros() -> u64 {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    text.split_whitespace().next().and_then(|ns| ns.parse::<u64>().ok()).unwrap_or(0) / 1000
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let content = PathBuf::from(args.next().unwrap_or_else(|| "content".into()));
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3);
    let sources = site_gen::content::read_content_dir(&content)?;
    let extracted = site_gen::content::extract(&sources);
    let catalog = &extracted.catalog;
    let site = std::sync::Arc::new(site_gen::site::SiteData::new(
        catalog,
        &site_gen::services::Vocabulary::builtin(),
        &site_gen::iana::Registry::builtin(),
    ));
    let theme = Theme::new(None)?;
    let documents = vec![site_gen::markdown::Rendered::default(); catalog.platforms.len()];
    let texts: Vec<_> = (0..catalog.platforms.len())
        .map(|_| site_gen::markdown_cache::DocumentText::made(String::new(), None))
        .collect();
    for round in 0..rounds {
        let renderer = Renderer {
            site_url: None,
            env: theme.environment(),
            theme: &theme,
            catalog,
            site: &site,
            documents: &documents,
            texts: &texts,
            has_checker: true,
            has_bundle: true,
            lazy: Default::default(),
        };
        let pages = renderer.pages();
        let mut by_template: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
        for page in &pages {
            by_template.entry(page.template()).or_default().push(page);
        }
        let (mut total, mut bytes) = ([0u64; 3], 0usize);
        let mut lines = Vec::new();
        for (template, pages) in by_template {
            let t0 = cpu_micros();
            let jobs: Vec<_> =
                pages.iter().map(|page| renderer.job(page)).collect::<Result<_, _>>()?;
            let t1 = cpu_micros();
            let html: Vec<String> =
                jobs.iter().map(|job| renderer.render_job(job)).collect::<Result<_, _>>()?;
            let t2 = cpu_micros();
            let scans: Vec<PageScan> = jobs
                .iter()
                .zip(&html)
                .map(|(job, html)| PageScan::new(&job.path, html, |_| Some(true), |_| true))
                .collect();
            let t3 = cpu_micros();
            bytes += html.iter().map(String::len).sum::<usize>() + scans.len();
            drop(jobs);
            let spent = [t1 - t0 + cpu_micros() - t3, t2 - t1, t3 - t2];
            (0..3).for_each(|i| total[i] += spent[i]);
            lines.push(format!(
                "  {template}: {} pages, contexts {} ms, render {} ms, scan {} ms",
                pages.len(),
                spent[0] / 1000,
                spent[1] / 1000,
                spent[2] / 1000
            ));
        }
        println!(
            "round {round}: {} pages, {bytes} bytes: contexts {} ms, render {} ms, scan {} ms (CPU)",
            pages.len(),
            total[0] / 1000,
            total[1] / 1000,
            total[2] / 1000
        );
        lines.iter().for_each(|line| println!("{line}"));
    }
    Ok(())
}
