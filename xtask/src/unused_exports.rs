//! Exported classes the checker page never uses, dropped from the wasm and from its glue.
//!
//! `wasm-streams` (a dependency of Leptos's `server_fn`, which a client-side page without server
//! functions never calls) exports three `#[wasm_bindgen]` classes for JS stream interop. An
//! export keeps its code alive through every optimiser, and wasm-bindgen writes a JS class for
//! each; nothing in the page constructs them. Removing the exports lets wasm-opt drop their code
//! and the futures they poll. Each step checks that it found what it removes, so a new
//! wasm-bindgen or wasm-streams that writes them differently fails the build instead of
//! shipping a half-removed class.

use anyhow::{Context, Result, bail, ensure};

/// JS class names as wasm-bindgen exports them.
pub const UNUSED_CLASSES: &[&str] =
    &["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

/// Removes the classes' exports (`intounderlyingsink_write`, …, and `__wbg_intounderlyingsink_free`,
/// which only the classes and their finalization registries call) from the wasm; returns how
/// many. The frees kept the classes' drop code: 677 B of wasm after wasm-opt.
pub fn drop_from_wasm(module: &mut walrus::Module) -> Result<usize> {
    let lower: Vec<String> = UNUSED_CLASSES.iter().map(|c| c.to_lowercase()).collect();
    let prefixes: Vec<String> = lower.iter().map(|c| format!("{c}_")).collect();
    let frees: Vec<String> = lower.iter().map(|c| format!("__wbg_{c}_free")).collect();
    let doomed: Vec<walrus::ExportId> = module
        .exports
        .iter()
        .filter(|e| {
            prefixes.iter().any(|p| e.name.starts_with(p.as_str())) || frees.contains(&e.name)
        })
        .map(|e| e.id())
        .collect();
    for prefix in &prefixes {
        ensure!(
            module.exports.iter().any(|e| e.name.starts_with(prefix.as_str())),
            "the wasm exports nothing named `{prefix}*`: update xtask/src/unused_exports.rs"
        );
    }
    for free in &frees {
        ensure!(
            module.exports.iter().any(|e| e.name == *free),
            "the wasm exports no `{free}`: update xtask/src/unused_exports.rs"
        );
    }
    for id in &doomed {
        module.exports.delete(*id);
    }
    Ok(doomed.len())
}

/// Removes each class (from `class NAME {` to `exports.NAME = NAME;`) and its finalization
/// registry from wasm-bindgen's no-modules glue; an error if any is missing or still named after.
pub fn drop_from_glue(glue: &str) -> Result<String> {
    let mut out = glue.to_owned();
    for class in UNUSED_CLASSES {
        out = cut(
            &out,
            &format!("\n    class {class} {{"),
            &format!("\n    exports.{class} = {class};\n"),
        )
        .with_context(|| format!("the glue's class {class}"))?;
        out = cut(&out, &format!("\n    const {class}Finalization = "), ";\n")
            .with_context(|| format!("the glue's {class}Finalization"))?;
        ensure!(!out.contains(class), "the glue still names {class} after its class was removed");
    }
    Ok(out)
}

/// `text` without the whole lines from the one `start` begins (its leading newline kept) to
/// the first `end` after it (which ends with a newline), inclusive; `start` must occur once.
fn cut(text: &str, start: &str, end: &str) -> Result<String> {
    let Some(from) = text.find(start) else { bail!("`{}` not found", start.trim()) };
    ensure!(text[from + start.len()..].find(start).is_none(), "`{}` found twice", start.trim());
    let Some(len) = text[from..].find(end) else {
        bail!("no `{}` after `{}`", end.trim(), start.trim())
    };
    let to = from + len + end.len();
    Ok(format!("{}{}", &text[..from + 1], &text[to..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glue_with_classes() -> String {
        let mut glue = String::from("let wasm_bindgen = (function(exports) {\n");
        for class in UNUSED_CLASSES {
            glue.push_str(&format!(
                "    class {class} {{\n        free() {{\n            {class}Finalization.unregister(this);\n        }}\n    }}\n    if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n    exports.{class} = {class};\n\n"
            ));
        }
        glue.push_str("    function kept() {}\n");
        for class in UNUSED_CLASSES {
            glue.push_str(&format!(
                "    const {class}Finalization = (typeof FinalizationRegistry === 'undefined')\n        ? {{ register: () => {{}}, unregister: () => {{}} }}\n        : new FinalizationRegistry(ptr => wasm.b(ptr, 1));\n"
            ));
        }
        glue.push_str("    const after = 1;\n})({});\n");
        glue
    }

    #[test]
    fn classes_and_registries_leave_the_glue_and_the_rest_stays() {
        let out = drop_from_glue(&glue_with_classes()).expect("removed");
        assert_eq!(
            out,
            "let wasm_bindgen = (function(exports) {\n\n\n\n    function kept() {}\n    const after = 1;\n})({});\n"
        );
    }

    #[test]
    fn a_glue_without_the_classes_is_an_error_not_a_silent_pass() {
        assert!(drop_from_glue("let wasm_bindgen = (function(exports) {})({});\n").is_err());
        // A class still named elsewhere (say, wrapped by an import) cannot be removed.
        let glue = glue_with_classes() + "    IntoUnderlyingSink.__wrap(1);\n";
        assert!(drop_from_glue(&glue).is_err());
    }
}
