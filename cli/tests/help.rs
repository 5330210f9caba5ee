//! Every `--help` carries an example, and every example runs as written from the repository's
//! root (a newcomer copies them first: one that fails is the worst first minute).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn help_of(subcommand: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_portolan"))
        .args(subcommand)
        .arg("--help")
        .output()
        .expect("run portolan --help");
    assert!(output.status.success(), "{subcommand:?} --help failed");
    String::from_utf8(output.stdout).expect("utf-8 help")
}

fn examples_in(help: &str) -> Vec<Vec<String>> {
    help.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("portolan "))
        .map(|l| l.split_whitespace().skip(1).map(str::to_owned).collect())
        .collect()
}

#[test]
fn every_help_has_an_example_that_runs() {
    for subcommand in
        [&[][..], &["check"], &["flows"], &["plan"], &["audit"], &["explain"], &["rules"]]
    {
        let examples = examples_in(&help_of(subcommand));
        assert!(!examples.is_empty(), "`portolan {subcommand:?} --help` shows no example");
        for args in examples {
            let output = Command::new(env!("CARGO_BIN_EXE_portolan"))
                .current_dir(root())
                .args(&args)
                .output()
                .expect("run the example");
            // 0 clean, 1 findings (the examples carry deliberate mistakes); 2 is unusable input.
            let code = output.status.code();
            assert!(
                matches!(code, Some(0 | 1)) && !output.stdout.is_empty(),
                "example `portolan {}` exited {code:?}: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

/// The README and the task words say "plan" and "audit"; both name the existing commands.
#[test]
fn plan_and_audit_are_the_flows_and_check_commands() {
    assert!(help_of(&["plan"]).contains("Print the flows the topology needs"));
    assert!(help_of(&["audit"]).contains("Check a topology"));
}
