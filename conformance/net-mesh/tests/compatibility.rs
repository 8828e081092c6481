//! The compatibility table, from the runs `scripts/conformance.sh` just
//! made (one per release, the same `NET_MESH_RUN_ID`): prints it with
//! whether the releases' own answers were the same, and fails if a run is
//! missing, older or failed, or if `COMPATIBILITY.md` or the README's
//! section differ from it. `NET_MESH_BLESS=1` rewrites both;
//! `NET_MESH_REPORT_ONLY=1` only prints (the check of a candidate release,
//! `scripts/net-mesh-check.sh`). At a seed or case count other than the
//! defaults the table is printed, not checked.

use std::process::ExitCode;

use net_mesh_conformance::report::{self, Run};
use net_mesh_conformance::runs::{self, ALIASES};
use net_mesh_conformance::{table, Settings};

fn flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|value| value == "1")
}

fn main() -> ExitCode {
    let mut failures = Vec::new();
    let mut found: Vec<(Run, Settings)> = Vec::new();
    let run_id = runs::run_id();
    for alias in ALIASES {
        match runs::read(alias) {
            Ok(record) if run_id.is_some() && record.run_id != run_id => failures.push(format!(
                "the run against {alias} is from another invocation ({:?}, not {run_id:?})",
                record.run_id
            )),
            Ok(record) => {
                failures.extend(report::problems(&record.run, &record.settings));
                found.push((record.run, record.settings));
            }
            Err(error) => failures.push(format!("no run against {alias}: {error}")),
        }
    }
    if run_id.is_none() {
        println!("NET_MESH_RUN_ID is not set: using whatever runs target/net-mesh-runs holds");
    }
    let settings = found
        .first()
        .map_or(Settings::DEFAULT, |(_, settings)| *settings);
    if found.iter().any(|(_, other)| *other != settings) {
        failures.push("the runs used different seeds or case counts".into());
    }
    let runs: Vec<Run> = found.into_iter().map(|(run, _)| run).collect();
    if let [first, rest @ ..] = runs.as_slice() {
        for other in rest {
            println!("{}", report::same_answers(first, other));
        }
    }
    println!("\n{}", table::table(&runs));

    if failures.is_empty() {
        let readme_section = table::readme_section(&runs, &settings);
        let compatibility = table::compatibility(&runs, &settings);
        let readme_path = table::readme_path();
        let readme = std::fs::read_to_string(&readme_path).unwrap_or_default();
        let updated = table::with_section(&readme, &readme_section);
        if flag("NET_MESH_REPORT_ONLY") {
            println!("the table was not checked (NET_MESH_REPORT_ONLY=1)");
        } else if flag("NET_MESH_BLESS") {
            std::fs::write(table::compatibility_path(), &compatibility)
                .expect("write COMPATIBILITY.md");
            match updated {
                Some(updated) => std::fs::write(&readme_path, updated).expect("write README.md"),
                None => failures.push(format!(
                    "{} has no section between {} and {}",
                    readme_path.display(),
                    table::BEGIN,
                    table::END
                )),
            }
            println!("rewrote COMPATIBILITY.md and the README's table");
        } else if settings != Settings::DEFAULT {
            println!("the table was not checked (not the default seed and case count)");
        } else {
            let committed =
                std::fs::read_to_string(table::compatibility_path()).unwrap_or_default();
            if committed != compatibility {
                failures.push(
                    "COMPATIBILITY.md is not what these runs generate (NET_MESH_BLESS=1 rewrites it)"
                        .into(),
                );
            }
            if updated.as_deref() != Some(readme.as_str()) {
                failures.push(
                    "README.md's net-mesh section is missing or not what these runs generate \
                     (NET_MESH_BLESS=1 rewrites it)"
                        .into(),
                );
            }
        }
    }

    if failures.is_empty() {
        println!("compatibility table: up to date");
        ExitCode::SUCCESS
    } else {
        for failure in &failures {
            println!("FAILED: {failure}");
        }
        ExitCode::FAILURE
    }
}
