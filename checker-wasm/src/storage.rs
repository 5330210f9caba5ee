//! The last topology, kept in localStorage (when the browser allows it: storage can be off or
//! full, and that is never an error worth showing).

const TEXT: &str = "portolan.checker.text";
const FILE: &str = "portolan.checker.file";

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
