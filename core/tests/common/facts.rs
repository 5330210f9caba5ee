//! Facts files: what a firewall engineer must get from a fixture, one requirement a line, cells
//! separated by `|` (`-` for none, `?` for unchecked), `!` lines for diagnostics, `#` comments.
//! One comparison for every fixture suite (`unseen_vendors.rs`, `converted_pages.rs`): each
//! expected fact takes the first extracted one it agrees with; what is left over is invented.
//! Included with `#[path = "common/facts.rs"] mod facts;` by the suites that read facts.

/// One requirement as a facts line states it (or as extracted, every field checked): `None`
/// fields are unchecked, `Some(None)` is "none".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact(pub Vec<Option<Option<String>>>);

impl std::fmt::Display for Fact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown: Vec<&str> = self
            .0
            .iter()
            .map(|v| match v {
                None => "?",
                Some(None) => "-",
                Some(Some(value)) => value,
            })
            .collect();
        write!(f, "{}", shown.join(" | "))
    }
}

impl Fact {
    /// An extracted fact: every field checked.
    pub fn of(fields: impl IntoIterator<Item = Option<String>>) -> Self {
        Self(fields.into_iter().map(Some).collect())
    }

    /// True when every checked field of `self` (expected) equals `got`'s.
    pub fn agrees(&self, got: &Fact) -> bool {
        self.0.len() == got.0.len() && self.0.iter().zip(&got.0).all(|(e, g)| e.is_none() || e == g)
    }
}

fn field(text: &str) -> Option<Option<String>> {
    match text.trim() {
        "?" => None,
        "-" => Some(None),
        value => Some(Some(value.to_owned())),
    }
}

/// A facts file: its facts (each of `cells` cells) and its `!` lines (their text, trimmed).
pub fn parse(text: &str, cells: usize) -> (Vec<Fact>, Vec<String>) {
    let mut facts = Vec::new();
    let mut diagnostics = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(diagnostic) = line.strip_prefix('!') {
            diagnostics.push(diagnostic.trim().to_owned());
            continue;
        }
        let fields: Vec<Option<Option<String>>> = line.split('|').map(field).collect();
        assert_eq!(fields.len(), cells, "a facts line has {cells} cells: {line}");
        facts.push(Fact(fields));
    }
    (facts, diagnostics)
}

/// The expected facts against the extracted ones.
pub struct Compared<'a> {
    pub missing: Vec<&'a Fact>,
    pub invented: Vec<&'a Fact>,
}

pub fn compare<'a>(expected: &'a [Fact], got: &'a [Fact]) -> Compared<'a> {
    let mut invented: Vec<&Fact> = got.iter().collect();
    let mut missing = Vec::new();
    for fact in expected {
        match invented.iter().position(|g| fact.agrees(g)) {
            Some(index) => {
                invented.remove(index);
            }
            None => missing.push(fact),
        }
    }
    Compared { missing, invented }
}
