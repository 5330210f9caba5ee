//! The checker's wasm: target check, cargo build, wasm-bindgen (no-modules), optional wasm-opt.
//! The crate is built twice ([`Module`]): the page's module without the rule emitters, the
//! host-file readers and explain, and the one with them that the page loads when first needed.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use wasm_bindgen_cli_support::Bindgen;

use crate::{cmd, fsx, unused_exports, wasm_names};

pub const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
const CRATE: &str = "checker-wasm";
/// The basename wasm-bindgen gives its outputs (`checker_wasm.js`, `checker_wasm_bg.wasm`).
const STEM: &str = "checker_wasm";

/// The two builds of the checker crate. Only `checker-wasm` itself and the link differ: its
/// dependencies (portolan-core with them) are built once for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    /// Without the `audit`, `rules` and `toml` features: inside `checker.js`, what the page loads.
    Base,
    /// With them (the rule emitters, the host-file readers and explain of
    /// `portolan_core::emit` and `::audit`, the TOML reader): `checker-audit.js`, loaded when the
    /// rules view opens, rules are downloaded, a host file is added, a TOML topology checked or
    /// a question asked. One module for
    /// all of them (not one for the emitters and one for the rest): measured, a third build
    /// would save a rules-only visitor about 46 KB and ship a third script of about 293 KB
    /// (bench/HISTORY.md, "Rules on demand, session 8").
    OnDemand,
}

impl Module {
    fn cargo_args(self) -> &'static [&'static str] {
        match self {
            Module::Base => &["--no-default-features"],
            Module::OnDemand => &["--features", "audit rules toml"],
        }
    }

    /// Names the copy of the rustc output, and the wasm-bindgen output folder in the target dir.
    pub fn name(self) -> &'static str {
        match self {
            Module::Base => "checker",
            Module::OnDemand => "checker-audit",
        }
    }
}

/// The checker after wasm-bindgen (and wasm-opt when it ran).
pub struct Checker {
    /// The no-modules glue: defines the global `wasm_bindgen` init function.
    pub glue: PathBuf,
    /// The raw `rustc` output, for size reports.
    pub rustc_wasm: PathBuf,
    /// The wasm to ship.
    pub wasm: PathBuf,
    pub optimized: bool,
}

/// Adds the wasm32 target through rustup unless it is already installed.
pub fn ensure_target() -> Result<()> {
    let Some(out) = cmd::capture({
        let mut c = Command::new("rustup");
        c.args(["target", "list", "--installed"]);
        c
    }) else {
        eprintln!("xtask: rustup not found; assuming the {TARGET} target is installed");
        return Ok(());
    };
    if out.status.success()
        && String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == TARGET)
    {
        return Ok(());
    }
    let mut add = Command::new("rustup");
    add.args(["target", "add", TARGET]);
    cmd::run(add).context("the checker needs the wasm32 target")
}

/// `cargo build` of the checker crate for wasm32; returns a copy of the `.wasm` rustc wrote,
/// named after `module` (the other module's build writes the same path).
pub fn cargo_build(root: &Path, module: Module) -> Result<PathBuf> {
    let mut c = cmd::cargo(root);
    c.args(["build", "--package", CRATE, "--target", TARGET, "--profile", PROFILE]);
    c.args(module.cargo_args());
    cmd::run(c)?;
    let dir = target_dir(root).join(TARGET).join(PROFILE);
    let wasm = dir.join(format!("{STEM}.wasm"));
    anyhow::ensure!(wasm.is_file(), "cargo build succeeded but {} is missing", wasm.display());
    // Same file name in a folder of its own: wasm-bindgen names its outputs after it.
    let copy = dir.join(module.name()).join(format!("{STEM}.wasm"));
    fsx::create_dir_all(&dir.join(module.name()))?;
    std::fs::copy(&wasm, &copy)
        .with_context(|| format!("copying {} to {}", wasm.display(), copy.display()))?;
    Ok(copy)
}

/// wasm-bindgen `--target no-modules` into `out_dir` (emptied first), then wasm-opt if present.
/// Skipped (about 10 s saved) when the rustc output and the wasm-opt choice are the same as
/// last time: `out_dir/inputs.stamp` records them.
pub fn bindgen_and_opt(root: &Path, rustc_wasm: &Path, out_dir: &Path) -> Result<Checker> {
    let wasm_opt = wasm_opt_path(root);
    let stamp = out_dir.join("inputs.stamp");
    let key = format!(
        "wasm-bindgen 0.2.130 no-modules, unused stream classes and their frees dropped, short import/export names; wasm-opt {} ({}); {} bytes, hash {:016x}\n",
        wasm_opt.is_some(),
        WASM_OPT_FLAGS.join(" "),
        std::fs::metadata(rustc_wasm).map(|m| m.len()).unwrap_or(0),
        content_hash(&fsx::read(rustc_wasm)?)
    );
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == key) {
        let previous = outputs(rustc_wasm, out_dir, wasm_opt.is_some());
        if previous.glue.is_file() && previous.wasm.is_file() {
            eprintln!("xtask: checker wasm unchanged: reusing {}", out_dir.display());
            return Ok(previous);
        }
    }
    let checker = bindgen_and_opt_uncached(rustc_wasm, out_dir, wasm_opt)?;
    fsx::write(&stamp, key)?;
    Ok(checker)
}

/// Where [`bindgen_and_opt`] leaves its outputs.
fn outputs(rustc_wasm: &Path, out_dir: &Path, optimized: bool) -> Checker {
    let wasm = if optimized { format!("{STEM}_bg.opt.wasm") } else { format!("{STEM}_bg.wasm") };
    Checker {
        glue: out_dir.join(format!("{STEM}.js")),
        rustc_wasm: rustc_wasm.to_path_buf(),
        wasm: out_dir.join(wasm),
        optimized,
    }
}

/// FNV-1a over the bytes: enough to notice a rebuilt wasm.
fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn bindgen_and_opt_uncached(
    rustc_wasm: &Path,
    out_dir: &Path,
    wasm_opt: Option<PathBuf>,
) -> Result<Checker> {
    fsx::remove_dir_all_if_exists(out_dir)?;
    fsx::create_dir_all(out_dir)?;
    let mut output = Bindgen::new()
        .input_path(rustc_wasm)
        .no_modules(true)?
        .omit_default_module_path(false)
        .typescript(false)
        // npm binaryen's wasm-opt needs the name section; it drops it itself (--strip-debug).
        .remove_name_section(wasm_opt.is_none())
        .remove_producers_section(true)
        .generate_output()
        .with_context(|| format!("wasm-bindgen on {}", rustc_wasm.display()))?;
    unused_exports::drop_from_wasm(output.wasm_mut())?;
    let renames = wasm_names::shorten(output.wasm_mut(), &format!("./{STEM}_bg.js"));
    output
        .emit(out_dir)
        .with_context(|| format!("writing wasm-bindgen's output into {}", out_dir.display()))?;
    let glue = out_dir.join(format!("{STEM}.js"));
    let bg = out_dir.join(format!("{STEM}_bg.wasm"));
    anyhow::ensure!(
        glue.is_file() && bg.is_file(),
        "wasm-bindgen did not write {} and {}",
        glue.display(),
        bg.display()
    );
    let kept = unused_exports::drop_from_glue(&fsx::read_string(&glue)?)
        .with_context(|| format!("removing unused exported classes from {}", glue.display()))?;
    let renamed = wasm_names::apply_to_glue(&kept, &renames).with_context(|| {
        format!("renaming the wasm's imports and exports in {}", glue.display())
    })?;
    fsx::write(&glue, renamed)?;

    let Some(wasm_opt) = wasm_opt else {
        eprintln!(
            "xtask: no wasm-opt: shipping the wasm as wasm-bindgen wrote it (about 13% larger once \
             inflated, the same size to download); `npm ci` installs node_modules/.bin/wasm-opt"
        );
        return Ok(Checker {
            glue,
            rustc_wasm: rustc_wasm.to_path_buf(),
            wasm: bg,
            optimized: false,
        });
    };
    let opt = out_dir.join(format!("{STEM}_bg.opt.wasm"));
    let mut c = Command::new(&wasm_opt);
    c.args(WASM_OPT_FLAGS).arg(&bg).arg("-o").arg(&opt);
    cmd::run(c)?;
    Ok(Checker { glue, rustc_wasm: rustc_wasm.to_path_buf(), wasm: opt, optimized: true })
}

/// npm binaryen's wasm-opt over wasm-bindgen's output (the stamp names them: a change rebuilds).
// --low-memory-unused: rustc's wasm keeps the first 1 MiB for the stack, so binaryen may fold
// small constant addresses; --converge repeats -Oz until it stops shrinking. Together about
// 4 KB less LZMA'd wasm (measured; --gufa and -Os gain nothing more).
// --merge-similar-functions folds monomorphised copies that differ only in constants:
// about 14 KB less wasm, 1 KB less LZMA'd (measured at 032abb1).
// --reorder-functions-by-name: functions sorted by name, so that a generic's copies (and a
// module's functions) sit side by side, where LZMA finds their likeness at short distances:
// 4.3 KB less LZMA'd for 7 B more wasm (measured). Needs the name section, so before
// --strip-debug.
// --dealign: every load and store says alignment 1. Alignment is a hint that does not change
// what an access does (x86-64 and ARM64 load unaligned words as fast), and one value everywhere
// instead of 0–3 by type compresses better: about 1.1 KB less LZMA'd, the same wasm bytes
// (bench/HISTORY.md "Checker page, session 14").
// --strip-target-features: the feature list rustc writes is read by no engine or tool here.
const WASM_OPT_FLAGS: &[&str] = &[
    "--low-memory-unused",
    "--merge-similar-functions",
    "-Oz",
    "--converge",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
    "--reorder-functions-by-name",
    "--dealign",
    "--strip-debug",
    "--strip-producers",
    "--strip-target-features",
];

/// `node_modules/.bin/wasm-opt`, unless missing or `PORTOLAN_NO_WASM_OPT` is set.
fn wasm_opt_path(root: &Path) -> Option<PathBuf> {
    if std::env::var_os("PORTOLAN_NO_WASM_OPT").is_some() {
        return None;
    }
    let p = root.join("node_modules").join(".bin").join("wasm-opt");
    p.is_file().then_some(p)
}

/// `CARGO_TARGET_DIR` when set, else `<root>/target`.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => root.join(d),
        None => root.join("target"),
    }
}
