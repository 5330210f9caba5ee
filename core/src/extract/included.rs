//! `import PortsCustomNodes from '@site/src/components/PortsCustomNodes'` and, on a line of its
//! own, `<PortsCustomNodes/>`: an MDX page that renders a table (or any content) from another
//! file. Whatever ports it lists are not in this page, so they cannot be read here; a page
//! whose port table is such a component built with no warning and planned nothing for it (a
//! row lost in silence). Each such element is said where it stands. Components of the doc
//! tool's theme (`@theme/…`: `<DocCardList />`, `<TOCInline />`) are page chrome, not content.

/// Each imported component used alone on a line: (offset of the element in `body`, the
/// element as written, the path it is imported from).
pub(super) fn components(body: &str) -> Vec<(usize, String, String)> {
    let mut imports: Vec<(String, String)> = Vec::new();
    let mut uses: Vec<(usize, String, String)> = Vec::new();
    let mut fence: Option<char> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        let fence_char = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'));
        if let Some(c) = fence_char
            && trimmed.starts_with(&c.to_string().repeat(3))
        {
            fence = match fence {
                Some(open) if open == c => None,
                None => Some(c),
                other => other,
            };
            continue;
        }
        if fence.is_some() {
            continue;
        }
        if let Some(import) = import_of(trimmed) {
            imports.push(import);
        } else if let Some(name) = self_closing(trimmed) {
            let indent = line.len() - line.trim_start().len();
            uses.push((start + indent, trimmed.to_owned(), name.to_owned()));
        }
    }
    uses.into_iter()
        .filter_map(|(at, written, name)| {
            let (_, path) = imports.iter().find(|(imported, _)| *imported == name)?;
            (!path.starts_with("@theme/")).then(|| (at, written, path.clone()))
        })
        .collect()
}

/// `import Name from 'path';` (the semicolon optional) → (Name, path).
fn import_of(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("import ")?;
    let (name, path) = rest.split_once(" from ")?;
    let name = name.trim();
    let path = path.trim().trim_end_matches(';').trim().trim_matches(['\'', '"']);
    let simple = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    simple.then(|| (name.to_owned(), path.to_owned()))
}

/// `<Name/>`, `<Name />`, `<Name prop="x" />` alone on a line, the name capitalised (MDX's
/// mark of a component, not an HTML tag) → Name.
fn self_closing(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('<')?.strip_suffix("/>")?;
    let name = inner.split_whitespace().next()?;
    (name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.'))
    .then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_a_table_rendered_by_an_imported_component_was_lost_in_silence() {
        let body = "import Tabs from '@theme/Tabs';\nimport DocCardList from '@theme/DocCardList';\nimport PortsCustomNodes from '@site/src/components/PortsCustomNodes'\nimport Common from '../shared/_common-ports.md';\n\nThe ports:\n\n<PortsCustomNodes/>\n\n  <Common />\n\n<DocCardList />\n\n```mdx\n<PortsCustomNodes/>\n```\n\n<Unimported/>\n";
        let found: Vec<(String, String)> =
            components(body).into_iter().map(|(_, written, path)| (written, path)).collect();
        assert_eq!(
            found,
            [
                (
                    "<PortsCustomNodes/>".to_owned(),
                    "@site/src/components/PortsCustomNodes".to_owned()
                ),
                ("<Common />".to_owned(), "../shared/_common-ports.md".to_owned()),
            ]
        );
    }
}
