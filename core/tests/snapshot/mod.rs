//! Golden folders checked with expect-test: every file compared by `expect_file!` (a diff on
//! failure, rewritten when `UPDATE_EXPECT=1` is set), plus the two things expect-test leaves to
//! its user: line endings, and files that no test produces any more.

use std::collections::BTreeSet;
use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

use expect_test::expect_file;

/// True when this run refreshes the goldens (expect-test's own switch).
pub fn updating() -> bool {
    std::env::var("UPDATE_EXPECT").is_ok()
}

/// `actual` must equal the file at `path` byte for byte.
pub fn assert_file(path: &Path, actual: &str) {
    if fs::read(path).is_ok_and(|old| old == actual.as_bytes()) {
        return;
    }
    // expect-test writes the file but does not create its folder (a new example or target).
    if updating()
        && let Some(dir) = path.parent()
    {
        fs::create_dir_all(dir).expect("create the golden's folder");
    }
    expect_file![path].assert_eq(actual);
    // Still here: expect-test reads files with CRLF folded into LF, so it took for equal a file
    // that differs only in line endings (the change request's CSV is CRLF on purpose).
    if updating() {
        fs::write(path, actual).expect("write the golden");
    } else {
        panic!("{} differs from the output only in line endings (CRLF against LF)", path.display());
    }
}

/// How many diffs a failing folder prints: one emitter change can touch hundreds of goldens, and
/// expect-test prints each whole file twice before its diff.
const DIFFS_SHOWN: usize = 3;

/// Every `(path, contents)` of `expected` matches its file, and `dir` holds no other file except
/// those named in `keep` (relative to `dir`): a stale golden fails the test and is deleted when
/// `UPDATE_EXPECT=1` is set. Every problem is listed, the first [`DIFFS_SHOWN`] with
/// expect-test's diff, before the test fails.
pub fn assert_folder(dir: &Path, expected: &[(PathBuf, String)], keep: &[&str]) {
    let mut problems = Vec::new();
    let mut diffs_shown = 0;
    for (path, contents) in expected {
        if fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
            continue;
        }
        if !updating() && !path.exists() {
            problems.push(format!("{} is missing", path.display()));
        } else if updating() || diffs_shown < DIFFS_SHOWN {
            diffs_shown += 1;
            if panic::catch_unwind(|| assert_file(path, contents)).is_err() {
                problems.push(format!("{} differs", path.display()));
            }
        } else {
            problems.push(format!("{} differs (diff not shown)", path.display()));
        }
    }
    let wanted: BTreeSet<&Path> = expected.iter().map(|(path, _)| path.as_path()).collect();
    let kept: BTreeSet<PathBuf> = keep.iter().map(|name| dir.join(name)).collect();
    for path in files_under(dir) {
        if wanted.contains(path.as_path()) || kept.contains(&path) {
            continue;
        }
        if updating() {
            fs::remove_file(&path).expect("remove a stale golden");
        } else {
            problems.push(format!("{} is stale (no test produces it)", path.display()));
        }
    }
    if updating() {
        remove_empty_folders(dir);
    }
    assert!(
        problems.is_empty(),
        "goldens out of date (run the test with UPDATE_EXPECT=1 to refresh them, then review the diff):\n{}",
        problems.join("\n")
    );
}

/// Every file below `dir`, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Removes the folders below `dir` that a refresh left empty (git does not keep them, so a
/// leftover one would only differ between checkouts).
fn remove_empty_folders(dir: &Path) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_empty_folders(&path);
            // Fails, as wanted, while the folder still holds something.
            let _ = fs::remove_dir(&path);
        }
    }
}
