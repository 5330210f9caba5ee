//! Running external commands: each is echoed, and a failure names the command.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

use anyhow::{Context, Result, bail};

/// `cargo` as the one that started us (falls back to `cargo` on PATH).
pub fn cargo(root: &Path) -> Command {
    let mut c = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    c.current_dir(root);
    c
}

pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&quote(a));
    }
    s
}

fn quote(a: &OsStr) -> String {
    let a = a.to_string_lossy();
    if a.is_empty() || a.contains(|c: char| c.is_whitespace() || c == '"' || c == '\'') {
        format!("{a:?}")
    } else {
        a.into_owned()
    }
}

/// Runs with inherited stdio; fails with the command line and exit status.
pub fn run(mut cmd: Command) -> Result<()> {
    let line = describe(&cmd);
    eprintln!("$ {line}");
    let started = Instant::now();
    let status = cmd.status().with_context(|| format!("cannot start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status}) after {:.1}s", started.elapsed().as_secs_f64());
    }
    Ok(())
}

/// Runs quietly and returns its output, whatever the exit status; `None` if it cannot start.
pub fn capture(mut cmd: Command) -> Option<Output> {
    cmd.output().ok()
}
