//! Strict JSON syntax (RFC 8259), checked before the YAML reader builds the tree of a `.json`
//! topology.
//!
//! YAML 1.2 contains JSON, so the YAML reader gives a JSON topology its positions and duplicate
//! keys; but it also accepts what JSON does not (`# comments`, unquoted and single-quoted
//! strings, `{a: 1,}`) and words its errors in YAML's terms. This scanner refuses all of that
//! first, at the line and column of the first mistake, saying what JSON expected there. It
//! builds nothing and does not recurse, so it needs no stack for deep input; nesting is still
//! bounded at [`MAX_DEPTH`], the limit of the tree readers.

use super::node::{DataError, MAX_DEPTH, Node, Position, too_deep_message};

/// A JSON text as a positioned data tree. The scanner makes JSON strict and words its errors in
/// JSON's terms; the YAML reader (JSON is YAML 1.2) then gives positions and duplicate-key
/// errors. Tabs are only whitespace in valid JSON.
pub fn parse(text: &str) -> Result<Node, DataError> {
    check(text)?;
    super::yaml::parse(&text.replace('\t', " "))
}

/// `Ok` when `text` is exactly one JSON value, with optional whitespace around it.
pub fn check(text: &str) -> Result<(), DataError> {
    Scanner { text, at: 0 }.document()
}

struct Scanner<'a> {
    text: &'a str,
    /// Byte offset of the next character.
    at: usize,
}

impl Scanner<'_> {
    fn document(&mut self) -> Result<(), DataError> {
        // The open arrays (`[`) and objects (`{`), innermost last.
        let mut open: Vec<u8> = Vec::new();
        loop {
            if self.value(&mut open)? {
                continue;
            }
            // After a value: close what ends here, then a comma leads to the next value.
            loop {
                let value_end = self.at;
                self.skip_whitespace();
                let Some(&container) = open.last() else {
                    return match self.peek() {
                        None => Ok(()),
                        Some(_) => Err(self
                            .fail("expected the end of the text: a JSON document holds one value")),
                    };
                };
                let close = if container == b'[' { b']' } else { b'}' };
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        self.skip_whitespace();
                        if self.peek() == Some(close) {
                            return Err(self.fail(
                                "trailing comma: JSON allows no comma before the closing bracket",
                            ));
                        }
                        if container == b'{' {
                            self.key()?;
                        }
                        break;
                    }
                    Some(c) if c == close => {
                        self.at += 1;
                        open.pop();
                    }
                    Some(b'/' | b'#') => return Err(self.fail(COMMENTS)),
                    _ if container == b'[' => {
                        return Err(self.fail_after(value_end, "expected `,` or `]`"));
                    }
                    _ => return Err(self.fail_after(value_end, "expected `,` or `}`")),
                }
            }
        }
    }

    /// One value; an array or object is only opened (and, when empty, closed). `true` when one
    /// was opened, so that its first value comes next.
    fn value(&mut self, open: &mut Vec<u8>) -> Result<bool, DataError> {
        self.skip_whitespace();
        let Some(first) = self.peek() else {
            return Err(self.fail("expected a value"));
        };
        match first {
            b'[' | b'{' => {
                if open.len() >= MAX_DEPTH {
                    return Err(self.fail_with(too_deep_message()));
                }
                self.at += 1;
                self.skip_whitespace();
                let close = if first == b'[' { b']' } else { b'}' };
                if self.peek() == Some(close) {
                    self.at += 1;
                    return Ok(false);
                }
                open.push(first);
                if first == b'{' {
                    self.key()?;
                }
                Ok(true)
            }
            b'"' => self.string().map(|()| false),
            b'-' | b'0'..=b'9' => self.number().map(|()| false),
            b't' => self.word("true").map(|()| false),
            b'f' => self.word("false").map(|()| false),
            b'n' => self.word("null").map(|()| false),
            b'/' | b'#' => Err(self.fail(COMMENTS)),
            b'\'' => Err(self.fail("expected a value: JSON strings are written in double quotes")),
            c if c.is_ascii_alphabetic() => {
                Err(self.fail("expected a value: JSON strings are written in double quotes"))
            }
            _ => Err(self.fail("expected a value")),
        }
    }

    /// An object key and its colon.
    fn key(&mut self) -> Result<(), DataError> {
        match self.peek() {
            Some(b'"') => self.string()?,
            Some(b'/' | b'#') => return Err(self.fail(COMMENTS)),
            _ => return Err(self.fail("key must be a string in double quotes")),
        }
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            return Err(self.fail("expected `:` after the key"));
        }
        self.at += 1;
        Ok(())
    }

    fn string(&mut self) -> Result<(), DataError> {
        self.at += 1;
        loop {
            match self.peek() {
                None => return Err(self.fail("the string is not closed: expected `\"`")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.at += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.at += 1,
                        Some(b'u') => {
                            self.at += 1;
                            for _ in 0..4 {
                                if !self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                                    return Err(self.fail("expected four hexadecimal digits after `\\u`"));
                                }
                                self.at += 1;
                            }
                        }
                        _ => return Err(self.fail("invalid escape: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")),
                    }
                }
                Some(c) if c < 0x20 => {
                    return Err(self.fail(
                        "control character in a string: write it as an escape (\\n, \\t, \\u00XX)",
                    ));
                }
                Some(_) => self.at += 1,
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<(), DataError> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    return Err(self.fail("invalid number: JSON numbers have no leading zeros"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fail("invalid number: expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.required_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.required_digits()?;
        }
        Ok(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), DataError> {
        if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
            return Err(self.fail("invalid number: expected a digit"));
        }
        self.digits();
        Ok(())
    }

    fn word(&mut self, word: &'static str) -> Result<(), DataError> {
        for expected in word.bytes() {
            if self.peek() != Some(expected) {
                return Err(self.fail_with(format!("expected `{word}`")));
            }
            self.at += 1;
        }
        Ok(())
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// An error about what should follow the value that ends at `value_end`. When the next
    /// character is on a later line, the mistake is where that value ends (a `}` forgotten at
    /// the end of line 12 is reported on line 12, not at the first character of line 13).
    fn fail_after(&self, value_end: usize, message: &'static str) -> DataError {
        let between = self.text.get(value_end..self.at).unwrap_or_default();
        let at = if between.contains('\n') { value_end } else { self.at };
        self.fail_at(at, message.to_owned())
    }

    fn fail(&self, message: &'static str) -> DataError {
        self.fail_with(message.to_owned())
    }

    /// An error at the next character (or the end of the text).
    fn fail_with(&self, message: String) -> DataError {
        self.fail_at(self.at, message)
    }

    /// An error at byte offset `at`; "ends too early" when the scanner has reached the end.
    fn fail_at(&self, at: usize, message: String) -> DataError {
        let (line, column) = crate::diagnostic::line_column(self.text, at);
        let ending = if self.at >= self.text.len() { "the text ends too early; " } else { "" };
        DataError::new(Position { line, column }, format!("JSON syntax error: {ending}{message}"))
    }
}

/// The message of a comment in JSON (the topology reader adds what to do about it).
pub(crate) const COMMENTS: &str = "JSON has no comments";

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn error(text: &str) -> (u32, u32, String) {
        let error = check(text).expect_err(text);
        (error.position.line, error.position.column, error.message)
    }

    fn serde_accepts(text: &str) -> bool {
        serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
    }

    #[test]
    fn valid_documents() {
        for text in [
            "{}",
            "[]",
            " \t\r\n{ } ",
            "0",
            "-0",
            "1.5e+3",
            "-12.25E-2",
            "true",
            "false",
            "null",
            "\"\"",
            "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00 é\"",
            "[1, [2, [3, {}]], {\"a\": {\"b\": []}}]",
            "{\"zones\": {\"lan\": [\"10.0.0.0/8\"]}, \"hosts\": {}}",
            "123456789012345678901234567890",
            "1e400",
        ] {
            assert_eq!(check(text), Ok(()), "{text}");
            assert!(serde_accepts(text), "{text}");
        }
    }

    #[test]
    fn mistakes_are_located_and_named_in_json_terms() {
        for (text, line, column, words) in [
            ("{\"hosts\": {\"a\": }", 1, 17, "expected a value"),
            ("{\"a\": 1,}", 1, 9, "trailing comma"),
            ("[1, 2,\n]", 2, 1, "trailing comma"),
            ("{\"a\": 1 \"b\": 2}", 1, 9, "expected `,` or `}`"),
            ("[1 2]", 1, 4, "expected `,` or `]`"),
            ("{a: 1}", 1, 2, "key must be a string"),
            ("{'a': 1}", 1, 2, "key must be a string"),
            ("{\"a\": 'x'}", 1, 7, "double quotes"),
            ("{\"a\": yes}", 1, 7, "double quotes"),
            ("{\"a\" 1}", 1, 6, "expected `:`"),
            ("{\n  # note\n  \"a\": 1\n}", 2, 3, "no comments"),
            ("[1, // note\n2]", 1, 5, "no comments"),
            ("{\"a\": 1} // end", 1, 10, "one value"),
            ("{\"a\": 1}}", 1, 9, "one value"),
            ("[01]", 1, 3, "leading zeros"),
            ("[1.]", 1, 4, "expected a digit"),
            ("[1e]", 1, 4, "expected a digit"),
            ("[-]", 1, 3, "expected a digit"),
            ("[.5]", 1, 2, "expected a value"),
            ("[+1]", 1, 2, "expected a value"),
            ("[tru]", 1, 5, "expected `true`"),
            ("[nul", 1, 5, "expected `null`"),
            ("\"a\\x\"", 1, 4, "invalid escape"),
            ("\"\\u12G4\"", 1, 6, "hexadecimal"),
            ("\"tab\there\"", 1, 5, "control character"),
            ("\"é\nx\"", 1, 3, "control character"),
            ("{\"a\": [1, 2", 1, 12, "ends too early"),
            ("{\"a\": [1, 2\n", 1, 12, "ends too early"),
            ("{\"a\": [1, 2\n\n  \"b\"]", 1, 12, "expected `,` or `]`"),
            ("{\"a\": \"x", 1, 9, "not closed"),
            ("", 1, 1, "expected a value"),
            ("   \n", 2, 1, "expected a value"),
            ("\u{feff}{}", 1, 1, "expected a value"),
            ("{\"é\": NaN}", 1, 7, "double quotes"),
            ("[Infinity]", 1, 2, "double quotes"),
        ] {
            let (l, c, message) = error(text);
            assert!(
                message.starts_with("JSON syntax error: ") && message.contains(words),
                "{text:?}: {message}"
            );
            assert_eq!((l, c), (line, column), "{text:?}: {message}");
            assert!(!serde_accepts(text), "serde_json accepts {text:?}");
        }
    }

    /// Regression (issue 17): a `}` missing at the end of line 12 was reported on line 13.
    #[test]
    fn a_missing_brace_is_reported_on_its_own_line() {
        let mut lines: Vec<String> = vec!["{".to_owned(), "  \"hosts\": {".to_owned()];
        for i in 3..12 {
            lines.push(format!("    \"h{i}\": {{ \"zone\": \"lan\" }},"));
        }
        lines.push("    \"h12\": { \"zone\": \"lan\"".to_owned());
        lines.push("  \"zones\": {}".to_owned());
        lines.push("}".to_owned());
        let text = lines.join("\n");
        let (line, column, message) = error(&text);
        assert_eq!((line, column), (12, 27), "{message}");
        assert!(message.contains("expected `,` or `}`"), "{message}");
        assert!(!serde_accepts(&text));
    }

    #[test]
    fn nesting_is_bounded_without_recursion() {
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert_eq!(check(&deep), Ok(()));
        let too_deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        let (_, column, message) = error(&too_deep);
        assert!(message.contains("nested"), "{message}");
        assert_eq!(column as usize, MAX_DEPTH + 1);
        let (_, _, message) = error(&"{\"a\":".repeat(1_000_000));
        assert!(message.contains("nested"), "{message}");
    }

    /// JSON text, valid by construction.
    fn json() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_owned()),
            any::<bool>().prop_map(|b| b.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| format!("{f:e}")),
            "\\PC{0,8}".prop_map(|s| serde_json::to_string(&s).unwrap_or_default()),
        ];
        leaf.prop_recursive(4, 24, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5)
                    .prop_map(|items| format!("[{}]", items.join(","))),
                prop::collection::vec(("[a-z\"\\\\é]{0,4}", inner), 0..5).prop_map(|pairs| {
                    let pairs: Vec<String> = pairs
                        .into_iter()
                        .map(|(k, v)| {
                            format!("{} :\n {v}", serde_json::to_string(&k).unwrap_or_default())
                        })
                        .collect();
                    format!("{{ {} }}", pairs.join(" , "))
                }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, .. ProptestConfig::default() })]

        #[test]
        fn valid_json_is_accepted(text in json()) {
            prop_assert!(serde_accepts(&text), "{text:?}");
            prop_assert_eq!(check(&text), Ok(()), "{:?}", text);
        }

        #[test]
        fn damaged_json_is_judged_as_serde_json_judges_it(text in crate::data::damage::damaged(json(), b"[]{},:\"'\\/#\n\t 0-.eEa\x01")) {
            prop_assert_eq!(check(&text).is_ok(), serde_accepts(&text), "{:?}: {:?}", text, check(&text));
        }

        #[test]
        fn json_like_text_is_judged_as_serde_json_judges_it(text in "[\\[\\]{},:\"'\\\\/#0-9a-fnrtuxE.+\\- \\n\\t]{0,40}") {
            prop_assert_eq!(check(&text).is_ok(), serde_accepts(&text), "{:?}: {:?}", text, check(&text));
        }
    }
}
