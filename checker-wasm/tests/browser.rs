//! wasm-bindgen tests in headless Chromium (`wasm-bindgen-test-runner` with chromedriver):
//! the catalog binding, the browser's CompressionStream behind share links and the zip, and the
//! whole app mounted on a page, checked against the example codes of `examples/README.md`.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test -p checker-wasm --target wasm32-unknown-unknown` (`cargo xtask test` does).
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeSet;
use std::time::Duration;

use checker_wasm::{analysis, catalog, dom, examples, share, zip};
use portolan_core::extract::{Document, build_catalog};
use portolan_core::model::Catalog;
use portolan_core::topology::Format;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const CONTENT: &[(&str, &[u8])] = &[
    ("content/activate.md", include_bytes!("../../content/activate.md")),
    ("content/api-connect.md", include_bytes!("../../content/api-connect.md")),
    ("content/omero-k8s.md", include_bytes!("../../content/omero-k8s.md")),
    ("content/openlm.md", include_bytes!("../../content/openlm.md")),
    ("content/palette.md", include_bytes!("../../content/palette.md")),
];

/// The catalog the site is built from (same extractor, same documents).
fn the_catalog() -> Catalog {
    let documents: Vec<Document<'_>> =
        CONTENT.iter().map(|(path, bytes)| Document { path, bytes }).collect();
    build_catalog(&documents).catalog
}

/// `file → codes` from the table in examples/README.md.
fn expected_codes() -> Vec<(String, BTreeSet<String>)> {
    include_str!("../../examples/README.md")
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let file = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            let codes = cells
                .get(3)?
                .split('`')
                .filter(|c| c.starts_with('P'))
                .map(str::to_owned)
                .collect();
            Some((file.to_owned(), codes))
        })
        .collect()
}

async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        leptos::prelude::set_timeout(
            move || drop(resolve.call0(&JsValue::NULL)),
            Duration::from_millis(ms),
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
fn catalog_binding_reads_an_object_and_a_string() {
    let catalog = the_catalog();
    let json = serde_json::to_string(&catalog).unwrap();
    let object = js_sys::JSON::parse(&json).unwrap();
    assert_eq!(catalog::from_value(object).unwrap(), catalog);
    assert_eq!(catalog::from_value(JsValue::from_str(&json)).unwrap(), catalog);
    let missing = catalog::from_value(JsValue::UNDEFINED).unwrap_err();
    assert!(missing.contains("not set"), "{missing}");
    let wrong = catalog::from_value(JsValue::from_str("{\"platforms\": 3}")).unwrap_err();
    assert!(wrong.contains("does not match") && wrong.contains("schema_version"), "{wrong}");
    // An error names the field: a bad port range deep inside the catalog.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["platforms"][0]["requirements"][0]["ports"] = "70000".into();
    let bad_port = catalog::from_value(JsValue::from_str(&value.to_string())).unwrap_err();
    assert!(
        bad_port.contains("platforms[0].requirements[0].ports: expected a port or range"),
        "{bad_port}"
    );
}

#[wasm_bindgen_test]
fn examples_give_the_readme_codes_in_wasm() {
    let catalog = the_catalog();
    let expected = expected_codes();
    assert!(expected.len() >= 6);
    for (file, codes) in expected {
        let example =
            examples::by_file(&file).unwrap_or_else(|| panic!("{file} is not compiled in"));
        let a = analysis::analyse(
            &catalog,
            example.text,
            example.file,
            Format::sniff(example.text),
            Vec::new(),
        );
        let got: BTreeSet<String> = a.findings.iter().map(|f| f.code.to_owned()).collect();
        assert_eq!(got, codes, "{file}");
    }
}

#[wasm_bindgen_test]
async fn share_links_round_trip_through_the_browser_deflater() {
    let shared = share::Shared {
        file: "big one.yaml".into(),
        target: "ufw".into(),
        syntax: String::new(),
        text: examples::EXAMPLES[0].text.repeat(3),
    };
    let packed = dom::deflate_raw(shared.text.as_bytes()).await.unwrap();
    assert!(
        packed.len() < shared.text.len() / 3,
        "{} bytes deflated from {}",
        packed.len(),
        shared.text.len()
    );
    let fragment = share::encode(&shared, &packed);
    assert_eq!(share::decode(&fragment).await.unwrap(), Some(shared));
    // A damaged link is an error, not a panic; one that expands past the limit is refused.
    assert!(share::decode("#t=AAAA").await.is_err());
    let bomb = dom::deflate_raw(&vec![b'a'; share::MAX_TEXT + 1]).await.unwrap();
    assert!(dom::inflate_raw(&bomb, share::MAX_TEXT).await.unwrap_err().contains("more than"));
}

#[wasm_bindgen_test]
async fn zip_entries_deflated_by_the_browser_inflate_back() {
    let text = "table inet portolan {}\n".repeat(40);
    let deflated = dom::deflate_raw(text.as_bytes()).await.unwrap();
    let inflated = miniz_oxide::inflate::decompress_to_vec(&deflated).unwrap();
    assert_eq!(inflated, text.as_bytes());
    let bytes = zip::zip(&[zip::Entry {
        path: "nftables/a.nft".into(),
        contents: text.clone().into_bytes(),
        deflated: Some(deflated.clone()),
    }]);
    // Local header: method 8 (deflate), the CRC of the text, sizes.
    assert_eq!(&bytes[8..10], &8u16.to_le_bytes());
    assert_eq!(&bytes[14..18], &zip::crc32(text.as_bytes()).to_le_bytes());
    assert_eq!(&bytes[18..22], &(deflated.len() as u32).to_le_bytes());
}

/// The inner markup of `#checker-root` as site-gen renders it: the checker template's own text
/// (the part between the root's opening tag and its end marker), with the rules targets.
fn page_markup() -> String {
    const TEMPLATE: &str = include_str!("../../themes/default/templates/checker.html");
    const OPEN: &str = "<div id=\"checker-root\" class=\"checker-root\">";
    let start = TEMPLATE.find(OPEN).expect("the template has the checker's root") + OPEN.len();
    let end =
        TEMPLATE.find("</div>{# end of checker-root").expect("the template marks the root's end");
    let targets: Vec<minijinja::Value> = portolan_core::emit::Target::all()
        .map(|t| minijinja::context! { name => t.name(), description => t.description() })
        .collect();
    minijinja::Environment::new()
        .render_str(&TEMPLATE[start..end], minijinja::context! { targets => targets })
        .unwrap()
}

/// The elements matching `selector`, as elements.
fn all(document: &web_sys::Document, selector: &str) -> Vec<web_sys::Element> {
    let list = document.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| wasm_bindgen::JsCast::dyn_into(list.get(i).unwrap()).unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn the_page_lists_every_example_and_target() {
    let document = web_sys::window().unwrap().document().unwrap();
    let holder = document.create_element("div").unwrap();
    holder.set_inner_html(&page_markup());
    let values = |selector: &str| -> Vec<String> {
        let list = holder.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| {
                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlOptionElement>(list.get(i).unwrap())
                    .unwrap()
                    .value()
            })
            .collect()
    };
    let files: Vec<String> = examples::EXAMPLES.iter().map(|e| e.file.to_owned()).collect();
    assert_eq!(values("#checker-example option:not([value=''])"), files);
    let targets: Vec<String> =
        portolan_core::emit::Target::all().map(|t| t.name().to_owned()).collect();
    assert_eq!(values("#checker-target option"), targets);
    assert_eq!(values("#checker-syntax option"), ["auto", "yaml", "json", "toml"]);
}

#[wasm_bindgen_test]
async fn the_app_mounts_checks_and_links_rows() {
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    let json = serde_json::to_string(&the_catalog()).unwrap();
    js_sys::Reflect::set(&window, &"PORTOLAN_CATALOG".into(), &js_sys::JSON::parse(&json).unwrap())
        .unwrap();
    // Start from the broken example through a share link in the fragment.
    let broken = examples::by_file("broken.yaml").unwrap();
    let packed = dom::deflate_raw(broken.text.as_bytes()).await.unwrap();
    let fragment = share::encode(
        &share::Shared {
            file: broken.file.into(),
            target: "kubernetes".into(),
            syntax: String::new(),
            text: broken.text.into(),
        },
        &packed,
    );
    dom::set_fragment(&fragment);
    let root = document.create_element("div").unwrap();
    root.set_id(checker_wasm::ROOT_ID);
    root.set_inner_html(&page_markup());
    document.body().unwrap().append_child(&root).unwrap();
    // Before the app starts, the page says it is loading and its controls are disabled.
    let status = document.get_element_by_id("checker-status").unwrap();
    assert_eq!(status.text_content().unwrap(), "Loading the checker…");
    assert!(
        all(&document, "#checker-root select, #checker-root textarea, #checker-root button")
            .iter()
            .all(|e| e.has_attribute("disabled") || e.closest("[hidden]").unwrap().is_some())
    );
    assert!(!root.has_attribute("data-ready"));
    checker_wasm::start();
    // The app attaches to the markup, it does not replace it.
    assert!(root.has_attribute("data-ready"));
    assert!(document.get_element_by_id("checker-status").unwrap().is_same_node(Some(&status)));
    assert!(!document.get_element_by_id("checker-topology").unwrap().has_attribute("disabled"));
    // The first check and then the rules run on the page here (no worker in the test page); a
    // loaded machine needs more than the usual few hundred milliseconds, so wait, up to 10 s.
    for _ in 0..100 {
        let rules_shown =
            document.query_selector("#checker-rules-output[data-file]").ok().flatten().is_some();
        if root.get_attribute("data-interactive").is_some() && rules_shown {
            break;
        }
        sleep(100).await;
    }

    assert!(root.get_attribute("data-interactive").is_some(), "{}", root.inner_html());
    let codes: BTreeSet<String> = all(&document, "#checker-findings > li")
        .iter()
        .map(|el| el.get_attribute("data-code").unwrap())
        .collect();
    let expected = expected_codes().into_iter().find(|(f, _)| f == "broken.yaml").unwrap().1;
    assert_eq!(codes, expected);
    // Requirement links point at rows of the site's platform pages.
    let link = document.query_selector("#checker-findings .ck-reqs a").unwrap().unwrap();
    let href = link.get_attribute("href").unwrap();
    assert!(href.starts_with("platforms/") && href.contains(".html#"), "{href}");
    // The target came from the link; its output is shown.
    let output = document.query_selector("#checker-rules-output").unwrap().unwrap();
    assert!(output.get_attribute("data-file").unwrap().starts_with("kubernetes/"));
    assert!(document.query_selector(".checker-error").unwrap().is_none());
    // The status, the file bar and the gutter are filled in the page's own elements.
    assert!(
        status.text_content().unwrap().starts_with("Checked broken.yaml"),
        "{:?}",
        status.text_content()
    );
    assert_eq!(
        document.get_element_by_id("checker-file").unwrap().text_content().unwrap(),
        "broken.yaml"
    );
    let lines = broken.text.lines().count();
    assert!(
        document
            .get_element_by_id("checker-gutter")
            .unwrap()
            .text_content()
            .unwrap()
            .lines()
            .count()
            >= lines
    );
    assert_eq!(
        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(
            document.get_element_by_id("checker-target").unwrap()
        )
        .unwrap()
        .value(),
        "kubernetes"
    );
}
