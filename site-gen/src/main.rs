use std::process::ExitCode;

use clap::Parser;

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
