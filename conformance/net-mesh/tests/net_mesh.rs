//! The suite against the net-mesh release this build mounts (`--features
//! seed` or `--features latest`): prints the report, keeps the run for
//! the compatibility table (`target/net-mesh-runs/`), and exits nonzero on
//! any undocumented disagreement or on a part that reached none of the
//! boundaries it must. `NET_MESH_CASES` and `NET_MESH_SEED` change the
//! run. `scripts/conformance.sh` runs it once per release, then the
//! `compatibility` test.

use std::process::ExitCode;

#[cfg(not(any(feature = "seed", feature = "latest")))]
fn main() -> ExitCode {
    println!(
        "choose the net-mesh release to run against: --features seed or --features latest \
         (scripts/conformance.sh runs both)"
    );
    ExitCode::FAILURE
}

#[cfg(any(feature = "seed", feature = "latest"))]
fn main() -> ExitCode {
    use std::time::Instant;

    #[cfg(feature = "latest")]
    use net_mesh_conformance::latest as release;
    use net_mesh_conformance::manifest::pinned_version;
    use net_mesh_conformance::report::{self, Run};
    use net_mesh_conformance::runs::{self, Record};
    #[cfg(feature = "seed")]
    use net_mesh_conformance::seed as release;
    use net_mesh_conformance::Settings;

    let settings = Settings::from_env();
    let version = pinned_version(release::ALIAS);
    println!(
        "net-mesh {version} ({}): seed {}, {} cases per part",
        release::ALIAS,
        settings.seed,
        settings.cases
    );
    let started = Instant::now();
    let run = Run {
        parts: release::run(&version, &settings),
        version,
    };
    println!("ran in {:.1} s", started.elapsed().as_secs_f64());
    print!("{}", report::text(std::slice::from_ref(&run)));
    let problems = report::problems(&run, &settings);
    let disagreements = runs::write_disagreements(release::ALIAS, &run);
    if run.disagreements() > 0 {
        println!("every disagreement: {}", disagreements.display());
    }
    runs::write(&Record {
        alias: release::ALIAS.to_string(),
        run_id: runs::run_id(),
        settings,
        run,
    });
    if problems.is_empty() {
        println!("no undocumented disagreement");
        ExitCode::SUCCESS
    } else {
        for problem in &problems {
            println!("FAILED: {problem}");
        }
        ExitCode::FAILURE
    }
}
