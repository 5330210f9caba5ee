//! The "Examples" part of each `--help`: one command that runs as written from the repository's
//! root (`cli/tests/help.rs` runs every line that starts with `portolan`), so a newcomer can copy
//! it before writing a topology of their own.

pub const TOP: &str = "\
Examples (from the repository's root):
  portolan check examples/openlm.yaml
  portolan plan examples/openlm.yaml
  portolan rules examples/openlm.yaml --target nftables --host cp1

Roles name `platform/component` of the built-in catalog (the documents of content/ when this
binary was built). For a vendor of your own: write its document, `site-gen build --content DIR
--out SITE`, then pass `--catalog SITE/assets/catalog.js` (README, \"Quick start\").";

pub const CHECK: &str = "\
Example (from the repository's root; `audit` is the same command):
  portolan check examples/openlm.yaml --rules cp1=core/tests/fixtures/audit/openlm/cp1.iptables --listening cp1=core/tests/fixtures/audit/cp1.ss";

pub const FLOWS: &str = "\
Example (from the repository's root; `plan` is the same command):
  portolan flows examples/openlm.yaml";

pub const EXPLAIN: &str = "\
Example (from the repository's root):
  portolan explain examples/openlm.yaml --from corp --to cp1 --port 443/tcp";

pub const RULES: &str = "\
Example (from the repository's root; without --host, several files need -o DIR):
  portolan rules examples/openlm.yaml --target nftables --host cp1";
