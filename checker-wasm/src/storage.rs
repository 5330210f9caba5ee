//! The last topology and its host files, kept in localStorage (when the browser allows it:
//! storage can be off or full, and that is never an error worth showing).
//!
//! Host files are kept here and never put in a share link: an exported ruleset or socket list
//! is often hundreds of KB (a link stops at 256 KB and would then carry no topology at all), and
//! it holds a real host's addresses, ports and processes, which a link pasted in a chat would
//! hand to everyone who sees it. The link shares the topology; the files stay in this browser.

use crate::message::FileKind;
use crate::state::Import;

const TEXT: &str = "portolan.checker.text";
const FILE: &str = "portolan.checker.file";
const IMPORTS: &str = "portolan.checker.imports";
/// Host files larger than this together are not kept (localStorage holds about 5 MB an origin,
/// shared with the topology).
pub const MAX_IMPORTS: usize = 2 << 20;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// `(file, text)` of the last topology.
pub fn load() -> Option<(String, String)> {
    let s = storage()?;
    let text = s.get_item(TEXT).ok()??;
    let file = s.get_item(FILE).ok().flatten().unwrap_or_default();
    Some((file, text))
}

pub fn save(file: &str, text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(TEXT, text);
        let _ = s.set_item(FILE, file);
    }
}

/// Keeps the host files (none when together they are larger than [`MAX_IMPORTS`]).
pub fn save_imports(imports: &[Import], texts: &[String]) {
    let Some(s) = storage() else { return };
    let packed = pack(imports, texts);
    if imports.is_empty() || packed.len() > MAX_IMPORTS {
        let _ = s.remove_item(IMPORTS);
    } else {
        let _ = s.set_item(IMPORTS, &packed);
    }
}

/// The host files kept, with their texts (none when the stored value is damaged).
pub fn load_imports() -> Vec<(Import, String)> {
    storage()
        .and_then(|s| s.get_item(IMPORTS).ok().flatten())
        .map(|packed| unpack(&packed))
        .unwrap_or_default()
}

/// One header line per file (`name`, `host`, `kind`, `format`, text length in bytes, tab
/// separated), then its text: a text may hold any character, so it is counted, not delimited.
pub fn pack(imports: &[Import], texts: &[String]) -> String {
    let mut out = String::new();
    for (f, text) in imports.iter().zip(texts) {
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            clean(&f.name),
            clean(&f.host),
            f.kind.key(),
            clean(&f.format),
            text.len()
        ));
        out.push_str(text);
    }
    out
}

pub fn unpack(mut packed: &str) -> Vec<(Import, String)> {
    let mut out = Vec::new();
    while let Some((header, rest)) = packed.split_once('\n') {
        let fields: Vec<&str> = header.split('\t').collect();
        let [name, host, kind, format, len] = fields.as_slice() else { break };
        let Some(text) = len.parse::<usize>().ok().and_then(|n| rest.get(..n)) else { break };
        out.push((
            Import {
                name: (*name).to_owned(),
                host: (*host).to_owned(),
                kind: FileKind::from_key(kind),
                format: (*format).to_owned(),
                lines: crate::state::line_count(text),
            },
            text.to_owned(),
        ));
        packed = &rest[text.len()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_files_read_back_whatever_their_text_holds() {
        let file = |name: &str, kind| Import {
            name: name.into(),
            host: "cp1".into(),
            kind,
            format: String::new(),
            lines: 0,
        };
        let imports = [file("cp1.nft", FileKind::Rules), file("cp1.ss", FileKind::Listening)];
        let texts =
            ["table inet f {\n\tchain x { }\n}\n3\tcp1\n".to_owned(), "é😀\nLISTEN".to_owned()];
        let back = unpack(&pack(&imports, &texts));
        assert_eq!(back.len(), 2);
        for ((i, t), (bi, bt)) in imports.iter().zip(&texts).zip(&back) {
            assert_eq!((&i.name, &i.host, i.kind, t), (&bi.name, &bi.host, bi.kind, bt));
        }
        assert_eq!(back[0].0.lines, 5);
    }

    #[test]
    fn a_damaged_value_gives_what_reads_and_no_panic() {
        let packed = pack(
            &[Import {
                name: "a".into(),
                host: "h".into(),
                kind: FileKind::Rules,
                format: String::new(),
                lines: 0,
            }],
            &["abcdef".to_owned()],
        );
        for cut in 0..packed.len() {
            let _ = unpack(&packed[..cut]);
        }
        assert!(unpack("x\ty\n").is_empty());
        assert!(unpack("a\th\trules\t\t99\nshort").is_empty());
    }
}
