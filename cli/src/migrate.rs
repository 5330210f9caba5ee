//! `portolan migrate-ids FILE… [--catalog F | --content DIR] [--check]`: rewrites old line ids
//! (`rabbitmq/r-25`, `rabbitmq/r-25.2`) in topologies, tests or docs to the content ids the same
//! rows have in the catalog (built from the current content). The core does the rewriting
//! (`model::migrate_line_ids`); an id no row of the catalog had is reported and left as is.
//! Exit 0 done, 1 ids left unplaced (or, with `--check`, ids to rewrite), 2 unusable input.

use std::path::Path;

use portolan_core::extract::{Document, build_catalog};
use portolan_core::model::{Catalog, migrate_line_ids};

use super::{Unusable, load_catalog, utf8};

#[derive(clap::Args)]
pub(crate) struct MigrateArgs {
    /// Files to rewrite in place (any text: YAML, JSON, TOML, Rust, Markdown).
    #[arg(required = true)]
    files: Vec<String>,
    /// Use this catalog (a catalog.json, or a site's assets/catalog.js) instead of the built-in one.
    #[arg(long, conflicts_with = "content")]
    catalog: Option<String>,
    /// Build the catalog from this folder of markdown documents instead (e.g. `content`).
    #[arg(long)]
    content: Option<String>,
    /// Change nothing: list what would be rewritten, exit 1 if anything would be.
    #[arg(long)]
    check: bool,
}

pub(crate) fn run(args: &MigrateArgs) -> Result<u8, Unusable> {
    let catalog = match &args.content {
        Some(dir) => catalog_of_folder(dir)?,
        None => load_catalog(args.catalog.as_deref())?,
    };
    let (mut rewritten, mut unplaced) = (0usize, 0usize);
    for file in &args.files {
        let bytes =
            std::fs::read(file).map_err(|e| Unusable(format!("cannot read {file}: {e}")))?;
        let text = utf8::text_of(file, bytes).map_err(Unusable)?;
        let (migrated, uses) = migrate_line_ids(&text, &catalog);
        for found in &uses {
            match &found.new {
                Some(new) => {
                    rewritten += 1;
                    println!("{file}:{}:{}: {} -> {new}", found.line, found.column, found.old);
                }
                None => {
                    unplaced += 1;
                    eprintln!(
                        "{file}:{}:{}: `{}` is a line id no row of the catalog had: left as is; find the row on the platform page and write its id",
                        found.line, found.column, found.old
                    );
                }
            }
        }
        if !args.check && migrated != text {
            std::fs::write(file, migrated)
                .map_err(|e| Unusable(format!("cannot write {file}: {e}")))?;
        }
    }
    let verb = if args.check { "to rewrite" } else { "rewritten" };
    eprintln!("{rewritten} line id(s) {verb}, {unplaced} left unplaced");
    Ok(u8::from(unplaced > 0 || (args.check && rewritten > 0)))
}

/// The catalog of every `.md` file of `dir` (not recursive), named `content/<file>` as the
/// built-in catalog names them.
fn catalog_of_folder(dir: &str) -> Result<Catalog, Unusable> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Unusable(format!("cannot read folder {dir}: {e}")))?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            let bytes = std::fs::read(&path)
                .map_err(|e| Unusable(format!("cannot read {}: {e}", path.display())))?;
            let name = Path::new("content").join(entry.file_name());
            files.push((name.to_string_lossy().replace('\\', "/"), bytes));
        }
    }
    files.sort();
    let documents: Vec<Document<'_>> =
        files.iter().map(|(path, bytes)| Document { path, bytes }).collect();
    Ok(build_catalog(&documents).catalog)
}
