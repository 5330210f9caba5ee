//! Any bytes, as YAML, JSON and TOML: parse, check and plan must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portolan_core::check::check_text;
use portolan_core::model::Catalog;
use portolan_core::topology::Format;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let catalog = Catalog::default();
    for format in [Format::Yaml, Format::Json, Format::Toml] {
        let _ = check_text(&catalog, text, "fuzz", format);
    }
});
