//! The bundle's deflate alone: a tar (e.g. `gzip -dc dist/portolan-site.tar.gz > site.tar`) cut
//! into members of `bundle::MEMBER_BYTES`, each gzipped on one thread by zlib-rs (flate2) and
//! by libdeflate at a few levels, as CPU time of that thread (Linux:
//! `/proc/thread-self/schedstat`, so other processes' load does not count) and gzip bytes, a few
//! rounds alternating. From the repository root:
//! `cargo run --release -p site-gen --example deflate_bench -- site.tar [ROUNDS]`.

use std::io::Write;

/// CPU time of this thread so far, in microseconds.
fn cpu_micros() -> u64 {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    text.split_whitespace().next().and_then(|ns| ns.parse::<u64>().ok()).unwrap_or(0) / 1000
}

fn zlib_rs(level: u32, member: &[u8]) -> usize {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::with_capacity(member.len() / 4), flate2::Compression::new(level));
    encoder.write_all(member).expect("in memory");
    encoder.finish().expect("in memory").len()
}

fn libdeflate(level: i32, member: &[u8]) -> usize {
    let level = libdeflater::CompressionLvl::new(level).expect("a libdeflate level");
    let mut compressor = libdeflater::Compressor::new(level);
    let mut out = vec![0; compressor.gzip_compress_bound(member.len())];
    compressor.gzip_compress(member, &mut out).expect("the bound is enough")
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let tar = std::fs::read(args.next().unwrap_or_else(|| "site.tar".into()))?;
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3);
    let members: Vec<&[u8]> = tar.chunks(site_gen::bundle::MEMBER_BYTES as usize).collect();
    type Codec = (&'static str, Box<dyn Fn(&[u8]) -> usize>);
    let codecs: Vec<Codec> = vec![
        ("zlib-rs 1", Box::new(|m| zlib_rs(1, m))),
        ("zlib-rs 3", Box::new(|m| zlib_rs(3, m))),
        ("zlib-rs 6", Box::new(|m| zlib_rs(6, m))),
        ("libdeflate 1", Box::new(|m| libdeflate(1, m))),
        ("libdeflate 2", Box::new(|m| libdeflate(2, m))),
        ("libdeflate 3", Box::new(|m| libdeflate(3, m))),
        ("libdeflate 4", Box::new(|m| libdeflate(4, m))),
        ("libdeflate 5", Box::new(|m| libdeflate(5, m))),
        ("libdeflate 6", Box::new(|m| libdeflate(6, m))),
    ];
    println!("{} bytes of tar, {} members", tar.len(), members.len());
    for round in 0..rounds {
        for (name, codec) in &codecs {
            let start = cpu_micros();
            let bytes: usize = members.iter().map(|m| codec(m)).sum();
            let cpu = cpu_micros() - start;
            println!(
                "round {round} {name:>14}: {bytes:>10} bytes, {:>6.1} ms CPU",
                cpu as f64 / 1e3
            );
        }
    }
    Ok(())
}
