use std::process::ExitCode;

use clap::Parser;

/// A build allocates and frees millions of small strings on two threads: glibc's malloc and
/// free took about 11% of a clean build's samples (issue 15, bench/HISTORY.md), mimalloc
/// about 3%.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = site_gen::cli::Cli::parse();
    match site_gen::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
