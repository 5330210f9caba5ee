//! Share links: the state in the URL fragment, deflated and base64url-encoded, so the link
//! reproduces the page and no server ever sees the topology (fragments are not sent).
//!
//! Format: `#v=1&f=<file name>[&r=<rules target>][&s=<syntax>]&t=<base64url(raw deflate(text))>`
//! (`r` only when the rules view was open: a link that names a target opens it); the values
//! other than `t` are percent-encoded. Unknown keys are ignored. Deflating and inflating are
//! the browser's (`CompressionStream`, `DecompressionStream`), so no deflate code is in the wasm.

/// Largest topology a link may expand to.
pub const MAX_TEXT: usize = portolan_core::topology::parse::MAX_TEXT_BYTES;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub file: String,
    pub target: String,
    /// `yaml`, `json`, `toml`, or empty for "detect".
    pub syntax: String,
    pub text: String,
}

/// The fragment for `state`; `packed` is `state.text` deflated (raw deflate, no header): the
/// page uses the browser's `CompressionStream`, so the deflater is not in the wasm.
pub fn encode(state: &Shared, packed: &[u8]) -> String {
    let optional = |key: &str, value: &str| {
        if value.is_empty() { String::new() } else { format!("{key}={}&", percent(value)) }
    };
    format!(
        "v=1&f={}&{}{}t={}",
        percent(&state.file),
        optional("r", &state.target),
        optional("s", &state.syntax),
        base64url_encode(packed)
    )
}

/// A link's state with the text still deflated (`text` holds raw deflate bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    pub file: String,
    pub target: String,
    pub syntax: String,
    pub text: Vec<u8>,
}

impl Packed {
    /// The state, given `text` inflated.
    pub fn unpack(self, inflated: Vec<u8>) -> Result<Shared, String> {
        let text = String::from_utf8(inflated)
            .map_err(|_| "the link's topology is not UTF-8 text".to_owned())?;
        Ok(Shared { file: self.file, target: self.target, syntax: self.syntax, text })
    }
}

/// The state in a fragment (with or without the leading `#`), its text inflated by the
/// browser; `Ok(None)` when it holds none.
pub async fn decode(fragment: &str) -> Result<Option<Shared>, String> {
    let Some(packed) = parse(fragment)? else { return Ok(None) };
    let inflated = crate::dom::inflate_raw(&packed.text, MAX_TEXT).await.map_err(|e| {
        format!("the link's topology cannot be decompressed (was it cut short?): {e}")
    })?;
    packed.unpack(inflated).map(Some)
}

/// The state in a fragment, text still deflated; `Ok(None)` when it holds none.
pub fn parse(fragment: &str) -> Result<Option<Packed>, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut file = None;
    let mut target = None;
    let mut syntax = None;
    let mut text = None;
    for pair in fragment.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "f" => file = Some(unpercent(v)),
            "r" => target = Some(unpercent(v)),
            "s" => syntax = Some(unpercent(v)),
            "t" => text = Some(v),
            _ => {}
        }
    }
    let Some(t) = text else { return Ok(None) };
    let packed = base64url_decode(t)
        .ok_or("the link's topology is not valid base64url (was it cut short?)")?;
    Ok(Some(Packed {
        file: file.unwrap_or_default(),
        target: target.unwrap_or_default(),
        syntax: syntax.unwrap_or_default(),
        text: packed,
    }))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = acc << 6 | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn unpercent(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = Shared {
            file: "my topo.yaml".into(),
            target: "nftables".into(),
            syntax: "yaml".into(),
            text: "name: ü\nhosts: {}\n".repeat(50),
        };
        let deflated = miniz_oxide::deflate::compress_to_vec(s.text.as_bytes(), 9);
        let enc = encode(&s, &deflated);
        assert!(enc.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%=&".contains(&b)), "{enc}");
        let packed = parse(&format!("#{enc}")).unwrap().unwrap();
        assert_eq!(packed.text, deflated);
        let inflated = miniz_oxide::inflate::decompress_to_vec(&packed.text).unwrap();
        assert_eq!(packed.unpack(inflated).unwrap(), s);
    }

    /// A link made before the rules view was opened names no target, so opening it does not
    /// open the view (nor load the emitters' module).
    #[test]
    fn a_link_without_rules_open_names_no_target() {
        let s = Shared {
            file: "a.yaml".into(),
            target: String::new(),
            syntax: String::new(),
            text: "hosts: {}\n".into(),
        };
        let deflated = miniz_oxide::deflate::compress_to_vec(s.text.as_bytes(), 9);
        let enc = encode(&s, &deflated);
        assert!(enc.starts_with("v=1&f=a.yaml&t="), "{enc}");
        let packed = parse(&enc).unwrap().unwrap();
        assert_eq!(packed.target, "");
        let inflated = miniz_oxide::inflate::decompress_to_vec(&packed.text).unwrap();
        assert_eq!(packed.unpack(inflated).unwrap(), s);
    }

    #[test]
    fn base64url_matches_known_values() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("\u{ff}\u{fe}", "w7_Dvg"),
        ] {
            assert_eq!(base64url_encode(raw.as_bytes()), enc);
            assert_eq!(base64url_decode(enc).unwrap(), raw.as_bytes());
        }
    }

    #[test]
    fn bad_links_are_errors_not_panics() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("#r-42").unwrap(), None);
        assert!(parse("#t=!!").is_err());
        let not_utf8 = parse("#t=AAAA").unwrap().unwrap();
        assert!(not_utf8.unpack(vec![0xff, 0xfe]).is_err());
        assert_eq!(unpercent("a%2"), "a%2");
        assert_eq!(unpercent("%41%"), "A%");
    }
}
