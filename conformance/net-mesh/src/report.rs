//! The run's report: per release and per part, cases, agreements,
//! documented differences (by name) and disagreements.

use std::fmt::Write;

use crate::parts;
use crate::tally::{Difference, Part};
use crate::Settings;

/// One release's run.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Run {
    pub version: String,
    pub parts: Vec<Part>,
}

impl Run {
    pub fn disagreements(&self) -> u64 {
        self.parts.iter().map(|part| part.disagreements).sum()
    }

    pub fn part(&self, name: &str) -> Option<&Part> {
        self.parts.iter().find(|part| part.name == name)
    }
}

/// What the suite does not compare, and why: nothing here is skipped
/// silently.
pub const NOT_COMPARED: [&str; 6] = [
    "`rank`: private in net-mesh (`maintenance.rs` `fn rank`)",
    "`is_frozen`: `pub(crate)` in net-mesh (`state.rs`); read through reconcile's freeze gate instead",
    "`MeshOsSnapshot::from_state_at`: `pub(crate)` where it exists; `from_state` (at the tick) and \
     `MaintenanceStateView::from_state` (at any time) are compared instead",
    "the `since` of a state reconcile moves to: a node commits only the kind (and a `DrainFailed` \
     reason); the chain commit that comes back sets `since`",
    "a node anchors operator commands, reconcile and snapshots on its last tick: every case ticks \
     the node at the case's `now`, which is the time this package is given",
    "the Go/C (`ffi`) dialect and the TypeScript field names of `sdk`: produced outside net-mesh; \
     the package's vectors cover them",
];

/// How many cases of each run landed on `difference`: `0.21.0: 12, 0.46.0: 12`.
pub fn counted(runs: &[Run], difference: Difference) -> String {
    runs.iter()
        .map(|run| {
            let count: u64 = run
                .parts
                .iter()
                .filter_map(|part| part.documented.get(&difference))
                .sum();
            format!("{}: {}", run.version, thousands(count))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong with a run: a disagreement, counts that do not add up,
/// a part that ran nothing or (at 1000 cases or more) missed a boundary
/// it must reach. Empty when the run passes.
pub fn problems(run: &Run, settings: &Settings) -> Vec<String> {
    let mut problems = Vec::new();
    for name in parts::ALL {
        let Some(part) = run.part(name) else {
            problems.push(format!("{} {name}: the part did not run", run.version));
            continue;
        };
        if !part.is_consistent() {
            problems.push(format!("{} {name}: counts do not add up", run.version));
        }
        if part.cases == 0 {
            problems.push(format!("{} {name}: no cases ran", run.version));
        }
        if part.disagreements > 0 {
            problems.push(format!(
                "{} {name}: {} undocumented disagreements",
                run.version, part.disagreements
            ));
        }
        if settings.cases >= 1000 {
            for what in parts::required(name) {
                if !part.seen.contains_key(*what) {
                    problems.push(format!(
                        "{} {name}: no case reached {what:?} (reached: {:?})",
                        run.version, part.seen
                    ));
                }
            }
        }
    }
    problems
}

/// `1234567` as `1 234 567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

/// The documented differences a part landed on, `name: count` each.
pub fn documented(part: &Part) -> String {
    part.documented
        .iter()
        .map(|(difference, count)| format!("{}: {}", difference.name(), thousands(*count)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as text: a block per release, the documented differences,
/// and whether the releases' own answers were the same.
pub fn text(runs: &[Run]) -> String {
    let mut out = String::new();
    for run in runs {
        let _ = writeln!(out, "net-mesh {}", run.version);
        for part in &run.parts {
            let _ = write!(
                out,
                "  {:<26} {:>9} cases {:>9} agree {:>7} documented {:>5} disagree",
                part.name,
                thousands(part.cases),
                thousands(part.agreements),
                thousands(part.documented_total()),
                thousands(part.disagreements),
            );
            if !part.documented.is_empty() {
                let _ = write!(out, "  ({})", documented(part));
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "documented differences:");
    for difference in Difference::ALL {
        let _ = writeln!(
            out,
            "  {} ({} cases): here {}; a node {}",
            difference.name(),
            counted(runs, difference),
            difference.ours(),
            difference.upstream()
        );
    }
    let _ = writeln!(out, "not compared:");
    for note in NOT_COMPARED {
        let _ = writeln!(out, "  {note}");
    }
    if let [first, rest @ ..] = runs {
        for other in rest {
            let _ = writeln!(out, "{}", same_answers(first, other));
        }
    }
    out
}

/// The parts in which `a` and `b` gave different answers.
pub fn differing_parts<'a>(a: &'a Run, b: &Run) -> Vec<&'a str> {
    a.parts
        .iter()
        .filter(|part| b.part(&part.name).map(|other| other.answers) != Some(part.answers))
        .map(|part| part.name.as_str())
        .collect()
}

/// Whether two releases gave the same answers, part by part (the digests
/// of their answers in our terms).
pub fn same_answers(a: &Run, b: &Run) -> String {
    let differing = differing_parts(a, b);
    if differing.is_empty() {
        format!(
            "net-mesh {} and {} gave the same answers in every part",
            a.version, b.version
        )
    } else {
        format!(
            "net-mesh {} and {} answered differently in: {}",
            a.version,
            b.version,
            differing.join(", ")
        )
    }
}
