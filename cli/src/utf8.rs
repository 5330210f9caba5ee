//! Reading a file that must be UTF-8 text, with an error that says where it is not and what
//! to do (a Latin-1 `é` from an old editor, a UTF-16 export from a Windows tool).

/// The file's text, or a message naming `path:line:column` of the first byte that is not
/// UTF-8 (or saying the file is UTF-16).
pub fn text_of(path: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
            return format!(
                "{path} is UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8"
            );
        }
        let at = error.utf8_error().valid_up_to();
        let before = bytes.get(..at).unwrap_or_default();
        // The prefix is valid UTF-8 (that is what `valid_up_to` says), so lines and columns
        // count characters as an editor does.
        let before = std::str::from_utf8(before).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let byte = bytes.get(at).copied().unwrap_or_default();
        format!(
            "{path}:{line}:{column}: byte 0x{byte:02X} is not UTF-8 text: save the file as UTF-8 (it looks like Latin-1 or another legacy encoding)"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::text_of;

    #[test]
    fn latin1_byte_is_located_by_line_and_column() {
        let message = text_of("t.yaml", b"name: x\nhosts:\n  caf\xe9: {}\n".to_vec()).unwrap_err();
        assert!(message.starts_with("t.yaml:3:6: byte 0xE9 is not UTF-8"), "{message}");
    }

    #[test]
    fn utf16_is_named() {
        let message = text_of("t.yaml", vec![0xff, 0xfe, b'n', 0]).unwrap_err();
        assert!(message.contains("UTF-16"), "{message}");
        assert_eq!(text_of("t.yaml", b"ok".to_vec()).as_deref(), Ok("ok"));
    }
}
