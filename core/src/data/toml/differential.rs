//! The reader on `toml_parser`'s events against the previous one on `toml`'s `DeTable`: the
//! same tree (values, keys, order, positions), or an error at the same line and column, on the
//! shipped examples, the TOML the repository's tests use, hand-written edge cases and generated
//! documents, well-formed and not.

use proptest::prelude::*;

use super::{parse, reference};

/// `Ok` when both readers agree on `text`; otherwise what each gave.
fn compare(text: &str) -> Result<(), String> {
    match (parse(text), reference::parse(text)) {
        // Debug text compares NaN equal to NaN, which `PartialEq` on the trees does not.
        (Ok(new), Ok(old)) if format!("{new:?}") == format!("{old:?}") => Ok(()),
        (Err(new), Err(old)) if new.position == old.position => Ok(()),
        (new, old) => Err(format!("{text:?}\n  new: {new:?}\n  old: {old:?}")),
    }
}

fn assert_same(texts: &[&str]) {
    let failures: Vec<String> = texts.iter().filter_map(|text| compare(text).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        texts.len(),
        failures.join("\n")
    );
}

#[test]
fn shipped_examples() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("examples folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            texts.push(std::fs::read_to_string(&path).expect("example"));
        }
    }
    assert!(!texts.is_empty(), "no TOML example in {}", folder.display());
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    assert_same(&refs);
    for text in &refs {
        assert!(parse(text).is_ok(), "an example does not parse");
    }
}

/// The TOML of the repository's other tests (topology parsing, front matter, this reader's).
const TEST_FIXTURES: &[&str] = &[
    "name = \"x\"\n\n[zones.internet]\ncidrs = [\"0.0.0.0/0\"]\n\n[hosts.cp1]\nzone = \"cluster\"\nroles = [\"a/b\"]\n",
    "name = \"demo\"\nenable = [\"openlm/x\"]\n[zones.internet]\ncidrs = [\"0.0.0.0/0\"]\ntrust = \"untrusted\"\n[zones.lan]\ncidrs = [\"10.0.0.0/24\"]\n[hosts.web]\nzone = \"lan\"\naddress = \"10.0.0.5\"\nroles = [\"openlm/server\"]\n[[services]]\nname = \"dns\"\nlisten = [\"53/udp\"]\n[[policy]]\nfrom = \"internet\"\nto = \"web\"\nports = [\"443/tcp\", \"8000-8010/tcp\"]\n",
    "title = \"OpenLM\"\n[components.control-plane]\nname = \"Control plane\"\n",
    "a = 1\nb = [1,\n",
    "a = 1\na = 2\n",
];

const EDGE_CASES: &[&str] = &[
    "",
    "# only a comment\n",
    "\u{feff}a = 1\n",
    "a = 1\r\nb = 2\r\n",
    "a = \"\\u00e9\\U0001F600\\b\\f\\n\\r\\t\\\"\\\\\"\n",
    "a = \"\\x41\\e\"\n",
    "a = \"\\q\"\n",
    "a = \"\\uD800\"\n",
    "a = \"\"\"\n  one\\\n   two\"\"\"\n",
    "a = \"\"\"\"\"\"\"\n",
    "a = '''it's'''\n",
    "a = 'no\\escape'\n",
    "a = \"unterminated\n",
    "a = \"tab\there\"\n",
    "a = \"ctrl\u{1}\"\n",
    "a = +1_000\nb = -0\nc = 0xDEAD_beef\nd = 0o755\ne = 0b1101\n",
    "a = 0x\n",
    "a = 0X1F\n",
    "a = +0x1\n",
    "a = 1__2\n",
    "a = _1\n",
    "a = 1_\n",
    "a = 012\n",
    "a = 0d12\n",
    "a = 9223372036854775807\nb = -9223372036854775808\n",
    "a = 9223372036854775808\n",
    "a = 0x8000000000000000\n",
    "a = 1.5\nb = 1e10\nc = -2E-3\nd = 6.626_07e-34\ne = inf\nf = -inf\ng = nan\nh = +nan\ni = -0.0\n",
    "a = 1.\n",
    "a = .5\n",
    "a = 1e\n",
    "a = 01.5\n",
    "a = 1.5_\n",
    "a = Inf\n",
    "a = nAn\n",
    "a = ++1\n",
    "a = true\nb = false\n",
    "a = True\n",
    "a = tru\n",
    "a = 1979-05-27T07:32:00Z\nb = 1979-05-27 07:32:00.123-07:00\nc = 1979-05-27\nd = 07:32:00\ne = 07:32\nf = 1979-05-27t07:32:00z\n",
    "a = 1979-05-27T07:32:00.1234567891+00:00\nb = 1979-05-27T00:32:00-00:00\n",
    "a = 1979-13-27\n",
    "a = 1979-02-29\n",
    "a = 2000-02-29\n",
    "a = 1979-05-27T25:00:00\n",
    "a = 07:32:00Z\n",
    "a = 1979-05-27T07:32:00+24:00\n",
    "a = 1979-05-27X07:32:00\n",
    "a = 79-05-27\n",
    "a = 1979-05-27T07:32:00.\n",
    "a = []\nb = [1, \"two\", [3], {x = 4},]\nc = [\n  1, # one\n  2,\n]\n",
    "a = [1 2]\n",
    "a = [,]\n",
    "a = [1,,2]\n",
    "a = [\n",
    "a = {}\nb = {x = 1, y.z = 2, y.w = 3}\n",
    "a = {x = 1,}\n",
    "a = {\n  x = 1,\n  y = 2\n}\n",
    "a = {x = 1, x = 2}\n",
    "a = {x.y = 1, x = 2}\n",
    "a = {x = {y = 1}, x.z = 2}\n",
    "a = {x = [1], x.y = 2}\n",
    "a.b.c = 1\na.b.d = 2\na.e = 3\n",
    "a.b = 1\na.b.c = 2\n",
    "a = 1\na.b = 2\n",
    "a = [1]\na.b = 2\n",
    "a = {}\na.b = 1\n",
    "\"a.b\" = 1\n'c d' = 2\n\"\" = 3\na.\"b c\".'d' = 4\n",
    "a . b = 1\n",
    "a. = 1\n",
    ".a = 1\n",
    "a = \n",
    "= 1\n",
    "a = 1 b = 2\n",
    "a b = 1\n",
    "\"\"\"a\"\"\" = 1\n",
    "'''a''' = 1\n",
    "[a]\nx = 1\n[b]\ny = 2\n[a.c]\nz = 3\n",
    "[a.b.c]\n[a]\nx = 1\n",
    "[a.b.c]\n[a]\n[a]\n",
    "[a]\n[a]\n",
    "[a]\nb = 1\n[a.b]\n",
    "[a]\nb.c = 1\n[a.b]\n",
    "[a]\nb.c = 1\n[a.b.d]\n",
    "a.b = 1\n[a]\n",
    "a.b = 1\n[a.c]\n",
    "[a.b.c]\n[a]\nb.x = 1\n",
    "[[a]]\nx = 1\n[[a]]\nx = 2\n[a.b]\ny = 3\n[[a.c]]\nz = 4\n",
    "[[a]]\n[a]\n",
    "[a]\n[[a]]\n",
    "a = [1]\n[[a]]\n",
    "a = []\n[[a]]\n",
    "[[a.b]]\n[a]\nb.c = 1\n",
    "[[a]]\nb = \"\\q\"\n",
    "a = 1\n[[a]]\nb = \"\\q\"\n",
    "a = 1\n[[a]]\n[b]\nc = 99999999999999999999\n",
    "a = 99999999999999999999\nb = \"\\q\"\n",
    "a = 99999999999999999999\n[a]\n",
    "[ a . b ]\n[ \"c\" ]\n[[ d ]]\n",
    "[a\n",
    "[a]]\n",
    "[[a]\n",
    "[]\n",
    "[a.]\n",
    "[a] x = 1\n",
    "[a]\n\n\n# comment\n  \tx = 1 # trailing\n",
    "a = 1 # comment \u{7f}\n",
    "a = 1 # ok é\n",
    "\n\n\n   [x]\n      y = [\"a\",\n \"b\"]\n",
    "é = 1\n",
    "a = \"é\"\n[\"ü\"]\nb = 2\nc = \"\\q\"\n",
    "a = 1\r\n",
    "a = 1\rb = 2\n",
];

#[test]
fn repository_test_fixtures() {
    assert_same(TEST_FIXTURES);
}

#[test]
fn hand_written_edge_cases() {
    assert_same(EDGE_CASES);
}

#[test]
fn edge_cases_cut_short_at_every_character() {
    let mut texts = Vec::new();
    for text in EDGE_CASES.iter().chain(TEST_FIXTURES) {
        for (cut, _) in text.char_indices() {
            texts.push(&text[..cut]);
        }
    }
    assert_same(&texts);
}

/// Deliberate difference: a key of more than 80 dotted parts is refused at the key, where the
/// previous reader (whose `toml` said only "recursion limit") put the error at line 1, column 1.
#[test]
fn too_many_key_parts_are_located_at_the_key() {
    let text = format!("x = 1\n{} = 1\n", vec!["k"; 81].join("."));
    assert_eq!(
        reference::parse(&text).unwrap_err().position,
        crate::data::Position { line: 1, column: 1 }
    );
    assert_eq!(parse(&text).unwrap_err().position, crate::data::Position { line: 2, column: 1 });
}

fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "a", "b", "c", "a.b", "b.c", "a.b.c", "\"a\"", "'b'", "\"x y\"", "a . c", "1", "-",
        "a.\"\"", "é",
    ])
    .prop_map(str::to_owned)
}

fn scalar() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "1",
        "-12",
        "+3",
        "1_000",
        "0x1f",
        "0o7",
        "0b1",
        "9223372036854775808",
        "1.5",
        "-1e3",
        "inf",
        "nan",
        "true",
        "false",
        "\"s\"",
        "'l'",
        "\"\\n\\u00e9\"",
        "\"\"\"m\nl\"\"\"",
        "'''r'''",
        "1979-05-27",
        "1979-05-27T07:32:00Z",
        "07:32",
        "1979-05-27 07:32:00.5-01:00",
        "1979-02-30",
        "0x",
        "1__0",
        "\"\\q\"",
        "tru",
        "01",
        "1.",
        "'",
    ])
    .prop_map(str::to_owned)
}

fn value() -> impl Strategy<Value = String> {
    scalar().prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(", "))),
            prop::collection::vec((key(), inner), 0..3).prop_map(|pairs| {
                let pairs: Vec<String> =
                    pairs.into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{{}}}", pairs.join(", "))
            }),
        ]
    })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (key(), value()).prop_map(|(k, v)| format!("{k} = {v}")),
        2 => key().prop_map(|k| format!("[{k}]")),
        2 => key().prop_map(|k| format!("[[{k}]]")),
        1 => Just("# comment".to_owned()),
        1 => Just(String::new()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..10).prop_map(|lines| lines.join("\n") + "\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, .. ProptestConfig::default() })]

    #[test]
    fn generated_documents_agree(text in document()) {
        compare(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn damaged_documents_agree(text in crate::data::damage::damaged(document(), b"[]{}=.,\"'#\n \\x0_-+:")) {
        compare(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn arbitrary_toml_like_text_agrees(text in "[a-c0-9 =.\\[\\]{},\"'#\\n\\\\_:+-]{0,60}") {
        compare(&text).map_err(TestCaseError::fail)?;
    }
}
