//! Each release's run, kept for the compatibility table between the
//! per-release builds: `target/net-mesh-runs/<alias>.json`, tagged with
//! the `NET_MESH_RUN_ID` of the script that ran it so a table is never
//! made from an older run.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::report::Run;
use crate::Settings;

/// The mounts, in table order: the seed's release, then the latest.
pub const ALIASES: [&str; 2] = ["net_seed", "net_latest"];

#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    pub alias: String,
    pub run_id: Option<String>,
    pub settings: Settings,
    pub run: Run,
}

pub fn run_id() -> Option<String> {
    std::env::var("NET_MESH_RUN_ID").ok()
}

fn path(alias: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/net-mesh-runs")
        .join(format!("{alias}.json"))
}

/// Every disagreement of `run` into `target/net-mesh-runs/<alias>-disagreements.txt`
/// (emptied when there are none); returns the file's path.
pub fn write_disagreements(alias: &str, run: &Run) -> PathBuf {
    let path = path(alias).with_file_name(format!("{alias}-disagreements.txt"));
    std::fs::create_dir_all(path.parent().expect("a parent directory"))
        .expect("create target/net-mesh-runs");
    let texts: Vec<&str> = run
        .parts
        .iter()
        .flat_map(|part| part.disagreement_texts.iter().map(String::as_str))
        .collect();
    std::fs::write(&path, texts.join("\n")).expect("write the disagreements");
    path
}

pub fn write(record: &Record) {
    let path = path(&record.alias);
    std::fs::create_dir_all(path.parent().expect("a parent directory"))
        .expect("create target/net-mesh-runs");
    let text = serde_json::to_string_pretty(record).expect("a run serializes");
    std::fs::write(&path, text).expect("write a run");
}

/// The last run against `alias`, if any.
pub fn read(alias: &str) -> Result<Record, String> {
    let path = path(alias);
    let text =
        std::fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
    serde_json::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))
}
