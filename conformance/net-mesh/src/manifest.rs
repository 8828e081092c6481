//! The net-mesh release each mount is pinned to, read from this crate's
//! `Cargo.toml`, so a pin is written once (and `scripts/net-mesh-check.sh`
//! changes only that line).

/// The exact version `alias` is pinned to (`version = "=X.Y.Z"`).
pub fn pinned_version(alias: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let manifest = std::fs::read_to_string(path).expect("read Cargo.toml");
    let line = manifest
        .lines()
        .find(|line| line.starts_with(&format!("{alias} = ")))
        .unwrap_or_else(|| panic!("Cargo.toml declares no dependency {alias}"));
    let start = line
        .find("version = \"=")
        .unwrap_or_else(|| panic!("{alias} is not pinned exactly: {line}"))
        + "version = \"=".len();
    let end = start + line[start..].find('"').expect("a closing quote");
    line[start..end].to_string()
}
