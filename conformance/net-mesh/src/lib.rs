//! mesh-maintenance against the published net-mesh nodes.
//!
//! The same random inputs (a fixed seed, boundary-biased) go through this
//! package and through what a node runs, reached only through net-mesh's
//! public API (`net::adapter::net::behavior::meshos`), and every answer is
//! compared. The suite is written once (`src/suite/`) and mounted twice:
//! `seed` against the release the seed describes and `latest` against
//! the latest one we claim, each with its own `net` crate and behind its
//! own feature (two releases cannot share a binary: both export the same
//! C symbols). Each run writes its counts to [`runs`]; the
//! `compatibility` test turns the runs into the table.
//!
//! Where this package deliberately differs from the nodes, a case is
//! counted under a named [`tally::Difference`] (never skipped); every other
//! difference is a disagreement, printed with its input and both answers,
//! and fails the run.

pub mod clock;
pub mod manifest;
pub mod parts;
pub mod random;
pub mod report;
pub mod runs;
pub mod table;
pub mod tally;

#[cfg(feature = "latest")]
pub mod latest;
#[cfg(feature = "seed")]
pub mod seed;

#[cfg(all(feature = "seed", feature = "latest"))]
compile_error!(
    "features `seed` and `latest` exclude each other: two net-mesh releases \
     export the same C symbols and cannot be linked into one binary"
);

/// How much to run: `NET_MESH_CASES` cases per part (default 100 000) from
/// seed `NET_MESH_SEED` (default 16, the number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    pub cases: u64,
    pub seed: u64,
}

impl Settings {
    pub const DEFAULT: Settings = Settings {
        cases: 100_000,
        seed: 16,
    };

    pub fn from_env() -> Settings {
        let read = |name: &str, default: u64| match std::env::var(name) {
            Ok(text) => text
                .parse()
                .unwrap_or_else(|_| panic!("{name}={text} is not a whole number")),
            Err(_) => default,
        };
        Settings {
            cases: read("NET_MESH_CASES", Settings::DEFAULT.cases),
            seed: read("NET_MESH_SEED", Settings::DEFAULT.seed),
        }
    }

    /// Signed commits cost three Ed25519 operations each, the other cases
    /// microseconds: a tenth as many.
    pub fn signed_cases(&self) -> u64 {
        self.cases / 10
    }
}
