//! Short names people type for a target (`nft`, `k8s`), read as the target's full name.
//!
//! Only names that point at one target are aliases. Names that could mean several (`terraform`,
//! `aws`) are listed in [`AMBIGUOUS`] so the refusal can name the candidates instead of
//! guessing.

/// (alias, target name). Every alias names exactly one registered target.
pub const ALIASES: &[(&str, &str)] = &[
    ("nft", "nftables"),
    ("ipt", "iptables"),
    ("iptables-restore", "iptables"),
    ("iptables-save", "iptables"),
    ("firewall-cmd", "firewalld"),
    ("k8s", "kubernetes"),
    ("networkpolicy", "kubernetes"),
    ("cloudformation", "aws-cloudformation"),
    ("cfn", "aws-cloudformation"),
    ("nsg", "azure-nsg"),
    ("azure", "azure-nsg"),
    ("gcp", "gcp-terraform"),
];

/// (name, the targets it could mean): refused with the candidates.
pub const AMBIGUOUS: &[(&str, &[&str])] = &[
    ("terraform", &["aws-terraform", "gcp-terraform"]),
    ("tf", &["aws-terraform", "gcp-terraform"]),
    ("aws", &["aws-terraform", "aws-cloudformation"]),
];

/// The target name an alias stands for (`name` already lower-cased, `_` read as `-`).
pub fn resolve(name: &str) -> Option<&'static str> {
    ALIASES.iter().find(|(alias, _)| *alias == name).map(|(_, target)| *target)
}

/// The targets an ambiguous short name could mean.
pub fn candidates(name: &str) -> Option<&'static [&'static str]> {
    AMBIGUOUS.iter().find(|(short, _)| *short == name).map(|(_, targets)| *targets)
}
