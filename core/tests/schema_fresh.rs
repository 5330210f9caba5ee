//! `schemas/topology.schema.json` must equal the schema generated from the types.
//! Refresh with `PORTOLAN_BLESS=1 cargo test -p portolan-core --test schema_fresh`.

use std::path::PathBuf;

#[test]
fn committed_schema_is_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(portolan_core::topology::schema::SCHEMA_PATH);
    let expected = portolan_core::topology::schema::schema_text();
    if std::env::var_os("PORTOLAN_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("schemas dir")).expect("create schemas/");
        std::fs::write(&path, &expected).expect("write schema");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale: run `PORTOLAN_BLESS=1 cargo test -p portolan-core --test schema_fresh`",
        path.display()
    );
}
