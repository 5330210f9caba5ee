//! Short names for the wasm's imports and exports, in the wasm and in its glue alike.
//!
//! wasm-bindgen names each import after the JS it calls plus a 16-digit hash
//! (`__wbg_appendChild_dbf7ad2f48413560`) and some exports after a closure's hash. The page
//! carries every such name twice, once in the LZMA'd wasm and once in the gzipped glue, and the
//! hashes do not compress: renaming them to `a`, `b`, … saves a few KB sent (measured in
//! bench/HISTORY.md, "Checker page size"). The glue only ever names an import as a key of its
//! imports object and an export as `wasm.NAME`, so both are renamed token by token, and the
//! renaming is checked: an old name left in the glue is an error, not a broken page.

use std::collections::HashMap;

use anyhow::{Result, ensure};

/// What was renamed: old name → new name, for imports and exports separately.
#[derive(Debug, Default)]
pub struct Renames {
    imports: HashMap<String, String>,
    exports: HashMap<String, String>,
}

/// Renames, in place, the imports wasm-bindgen's glue provides (those of `glue_module`) and
/// every export.
pub fn shorten(module: &mut walrus::Module, glue_module: &str) -> Renames {
    let mut renames = Renames::default();
    for (i, import) in module.imports.iter_mut().filter(|i| i.module == glue_module).enumerate() {
        let short = short_name(i);
        renames.imports.insert(std::mem::replace(&mut import.name, short.clone()), short);
    }
    for (i, export) in module.exports.iter_mut().enumerate() {
        let short = short_name(i);
        renames.exports.insert(std::mem::replace(&mut export.name, short.clone()), short);
    }
    renames
}

/// Applies `renames` to wasm-bindgen's glue: import names wherever they stand as a token (they
/// are unique, hash-suffixed or `__wbindgen_`-prefixed), exports where read as `wasm.NAME`.
pub fn apply_to_glue(glue: &str, renames: &Renames) -> Result<String> {
    let mut out = String::with_capacity(glue.len());
    let mut last = 0;
    for (start, end, of_wasm) in tokens(glue) {
        let token = &glue[start..end];
        let new = if of_wasm { renames.exports.get(token) } else { None }
            .or_else(|| renames.imports.get(token));
        if let Some(new) = new {
            out.push_str(&glue[last..start]);
            out.push_str(new);
            last = end;
        }
    }
    out.push_str(&glue[last..]);
    for (start, end, of_wasm) in tokens(&out) {
        let token = &out[start..end];
        ensure!(
            !renames.imports.contains_key(token),
            "the glue still names the import `{token}` after renaming"
        );
        ensure!(
            !(of_wasm && renames.exports.contains_key(token)),
            "the glue still reads the export `wasm.{token}` after renaming"
        );
    }
    // Another object's `.wasm.NAME` is not this glue's: it would be left behind, unrenamed.
    for old in renames.exports.keys() {
        ensure!(
            !out.contains(&format!(".wasm.{old}")),
            "the glue reads `.wasm.{old}`, which this renaming cannot follow"
        );
    }
    Ok(out)
}

/// Identifier-like tokens as (start, end, read as `wasm.TOKEN`). Strings and comments are not
/// told apart: a renamed name appearing in one is renamed too, which is harmless.
fn tokens(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !is_token_byte(bytes[i]) {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && is_token_byte(bytes[i]) {
            i += 1;
        }
        let before = &bytes[..start];
        let of_wasm = before.ends_with(b"wasm.")
            && !before[..before.len() - 5].last().is_some_and(|&b| is_token_byte(b) || b == b'.');
        Some((start, i, of_wasm))
    })
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// `a`…`z`, `A`…`Z`, then two letters and so on: valid JS property names and wasm names.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % 52]);
        n /= 52;
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_distinct_letters() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(names[0], "a");
        assert_eq!(names[51], "Z");
        assert_eq!(names[52], "aa");
        let unique: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert!(names.iter().all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }

    #[test]
    fn glue_names_are_renamed_as_tokens_only() {
        let renames = Renames {
            imports: HashMap::from([("__wbg_append_0123".to_owned(), "a".to_owned())]),
            exports: HashMap::from([
                ("memory".to_owned(), "b".to_owned()),
                ("run".to_owned(), "c".to_owned()),
            ]),
        };
        let glue = "x = { __wbg_append_0123: function(m) { return wasm.memory.buffer; } };\nfunction run() { wasm.run(); memory(); }";
        let out = apply_to_glue(glue, &renames).expect("renamed");
        assert_eq!(
            out,
            "x = { a: function(m) { return wasm.b.buffer; } };\nfunction run() { wasm.c(); memory(); }"
        );
    }

    #[test]
    fn an_export_read_another_way_is_an_error() {
        let renames = Renames {
            imports: HashMap::new(),
            exports: HashMap::from([("run".to_owned(), "c".to_owned())]),
        };
        assert_eq!(
            apply_to_glue("wasm.run(); x.run();", &renames).expect("renamed"),
            "wasm.c(); x.run();"
        );
        // `other.wasm.run` may be this module's export under another name: refuse to guess.
        assert!(apply_to_glue("wasm.run(); other.wasm.run();", &renames).is_err());
    }
}
