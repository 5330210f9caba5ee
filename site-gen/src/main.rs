use std::process::ExitCode;

use clap::Parser;

/// A build allocates and frees millions of small strings on two threads: glibc's malloc took
/// about a sixth of a clean build's CPU time (issue 15), mimalloc a fraction of that.
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
