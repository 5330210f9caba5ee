//! `schemas/topology.schema.json` must equal the schema generated from the types.
//! Refresh with `UPDATE_EXPECT=1 cargo test -p portolan-core --test schema_fresh`.

use std::path::PathBuf;

use expect_test::expect_file;

#[test]
fn committed_schema_is_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(portolan_core::topology::schema::SCHEMA_PATH);
    expect_file![path].assert_eq(&portolan_core::topology::schema::schema_text());
}
