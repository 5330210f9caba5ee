//! Command line: `site-gen build …`, `site-gen serve …` and `site-gen extract FILE.md…`.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::Config;

#[derive(Debug, Parser)]
#[command(
    name = "site-gen",
    version,
    about = "Builds the Portolan reference site from markdown port documents"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the content folder into a static site.
    Build(BuildArgs),
    /// Build the site, serve it on localhost, rebuild when an input changes and reload the
    /// open pages (a writer's live preview; the output folder is what `build` writes).
    Serve(ServeArgs),
    /// Print what the extractor read from documents, as a JSON array (diagnostics on stderr).
    Extract(ExtractArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// Folder of markdown port documents.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Output folder (replaced on every build).
    #[arg(long, default_value = "dist")]
    pub out: PathBuf,
    /// Theme folder; its `templates/` and `assets/` override the built-in default theme.
    #[arg(long)]
    pub theme: Option<PathBuf>,
    /// Folder of static files copied as-is into the site root.
    #[arg(long, default_value = "public")]
    pub public: PathBuf,
    /// The built checker script, copied to `assets/checker.js`.
    #[arg(long)]
    pub checker: Option<PathBuf>,
    /// Absolute URL the site is served from (sitemap, robots.txt), e.g. from configure-pages.
    #[arg(long, env = "PORTOLAN_SITE_URL")]
    pub site_url: Option<String>,
    /// Fail the build on extraction warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Skip writing the offline bundle (`portolan-site.tar.gz`).
    #[arg(long)]
    pub no_bundle: bool,
    /// Print timings and sizes.
    #[arg(long, short)]
    pub verbose: bool,
}

impl BuildArgs {
    /// The library's build configuration these arguments ask for (`--verbose` stays here: it
    /// is how the command prints the report, not part of the build).
    pub fn config(&self) -> Config {
        Config {
            content: self.content.clone(),
            out: self.out.clone(),
            theme: self.theme.clone(),
            public: self.public.clone(),
            checker: self.checker.clone(),
            site_url: self.site_url.clone(),
            strict: self.strict,
            bundle: !self.no_bundle,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Address to listen on. The preview is for this machine: keep it a loopback address.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
}

#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// Markdown documents to read.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Print, per document and per table or list, what was read or skipped and why (text)
    /// instead of the JSON rows.
    #[arg(long)]
    pub report: bool,
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => {
            let report = crate::build::build_then_exit(&args.config())?;
            for diagnostic in &report.diagnostics {
                eprintln!("{diagnostic}");
            }
            if report.failed {
                eprintln!("error: build failed: {}", report.failure_reason());
                return Ok(ExitCode::FAILURE);
            }
            if args.verbose {
                eprintln!("{}", report.summary());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => crate::serve::run(&crate::serve::Options {
            config: args.build.config(),
            bind: args.bind,
            port: args.port,
            verbose: args.build.verbose,
        }),
        Command::Extract(args) => crate::extract_cmd::run(&args),
    }
}
