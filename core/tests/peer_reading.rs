//! The peers of the shipped documents: every peer text is placed (a component, a kind of peer,
//! the host itself) or reported as a located build warning, and what the documents name is
//! read as the documents mean it.

use std::fs;
use std::path::Path;

use portolan_core::extract::{Document, build_catalog};
use portolan_core::model::{
    Catalog, PeerClass, peer_diagnostics, read_peer, read_requirement_peer,
};

fn content_catalog() -> (Catalog, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("content/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (name, fs::read_to_string(&p).expect("readable"))
        })
        .collect();
    files.sort();
    let documents: Vec<Document<'_>> =
        files.iter().map(|(path, text)| Document { path, bytes: text.as_bytes() }).collect();
    let build = build_catalog(&documents);
    let warnings =
        build.catalog.platforms.iter().flat_map(peer_diagnostics).map(|d| d.to_string()).collect();
    (build.catalog, warnings)
}

#[test]
fn shipped_documents_peers_are_placed_or_reported() {
    let (catalog, warnings) = content_catalog();
    let mut texts = 0;
    for platform in &catalog.platforms {
        for r in &platform.requirements {
            let Some(text) = r.peer.as_deref() else { continue };
            texts += 1;
            // None: the text only names the row's own component ("Outbound (from agent)").
            let Some(reading) = read_requirement_peer(r, platform) else { continue };
            let placed = r.peer_component.is_some()
                || reading.host_local
                || !reading.components.is_empty()
                || !reading.classes.is_empty();
            let reported = warnings.iter().any(|w| w.contains(&r.source.to_string()));
            assert!(placed || reported, "{}: peer `{text}` neither placed nor reported", r.id);
        }
    }
    assert!(texts > 40, "{texts} peer texts");
    // Every peer the shipped documents write is placed: `site-gen build --strict` stays clean.
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
}

#[test]
fn the_aws_security_group_rows_read_as_the_cluster() {
    let (catalog, _) = content_catalog();
    let openlm = catalog.platform("openlm").expect("openlm");
    let row = openlm
        .requirements
        .iter()
        .find(|r| r.peer.as_deref() == Some("EKS cluster security group"))
        .expect("the RDS row");
    assert_eq!(read_peer("EKS cluster security group", openlm).classes, [PeerClass::PlatformHosts]);
    assert!(row.peer_component.is_none());
}
