//! Counting a part's cases: agreements, documented differences (by name)
//! and disagreements, each disagreement printed with its input and both
//! answers.

use std::collections::BTreeMap;
use std::fmt::Debug;

use serde::{Deserialize, Serialize};

/// A place where this package deliberately differs from the nodes. A case
/// that lands on one is counted under its name, never skipped silently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Difference {
    /// `now + drainForMs` past 2^53 - 1: this package saturates the
    /// deadline at 2^53 - 1 (SPEC section 1); a node holds `anchor +
    /// drain_for` exactly.
    DeadlinePastDomain,
    /// A time of the case that `std::time::Instant` cannot hold on this
    /// platform, counted from the node's tick: there is nothing to ask a
    /// node (none ever arises on Linux, whose `Instant` spans far more than
    /// 2^53 ms either way).
    InstantOutOfRange,
}

impl Difference {
    pub const ALL: [Difference; 2] = [
        Difference::DeadlinePastDomain,
        Difference::InstantOutOfRange,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Difference::DeadlinePastDomain => "deadline past 2^53 - 1",
            Difference::InstantOutOfRange => "time outside Instant",
        }
    }

    /// What a node does, and the node code it traces to.
    pub fn upstream(self) -> &'static str {
        match self {
            Difference::DeadlinePastDomain => {
                "keeps `anchor + drain_for` exactly (state.rs, `MeshOsState::apply` -> `apply_admin`)"
            }
            Difference::InstantOutOfRange => {
                "cannot be asked (std `Instant`: `checked_add`/`checked_sub`; none arises on Linux)"
            }
        }
    }

    /// What this package does.
    pub fn ours(self) -> &'static str {
        match self {
            Difference::DeadlinePastDomain => "the deadline saturates at 2^53 - 1 (SPEC section 1)",
            Difference::InstantOutOfRange => "the case is counted, not run",
        }
    }
}

/// How one case came out.
#[derive(Debug)]
pub enum Outcome {
    Agree,
    Documented(Difference),
    Disagree {
        input: String,
        ours: String,
        theirs: String,
    },
}

impl Outcome {
    pub fn disagree(input: impl Debug, ours: impl Debug, theirs: impl Debug) -> Outcome {
        Outcome::Disagree {
            input: format!("{input:?}"),
            ours: format!("{ours:?}"),
            theirs: format!("{theirs:?}"),
        }
    }

    /// `Agree` when `ours == theirs`, else a disagreement about `input`.
    pub fn compare<T: PartialEq + Debug>(input: impl Debug, ours: T, theirs: T) -> Outcome {
        if ours == theirs {
            Outcome::Agree
        } else {
            Outcome::disagree(input, ours, theirs)
        }
    }

    /// The first outcome that is not an agreement, or `Agree`.
    pub fn all(outcomes: impl IntoIterator<Item = Outcome>) -> Outcome {
        outcomes
            .into_iter()
            .find(|outcome| !matches!(outcome, Outcome::Agree))
            .unwrap_or(Outcome::Agree)
    }
}

/// Disagreements printed per part on the console; all of them go to
/// [`crate::runs::write_disagreements`]'s file.
const SHOWN: u64 = 20;

/// One part of the suite against one release.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Part {
    pub version: String,
    pub name: String,
    pub cases: u64,
    pub agreements: u64,
    pub documented: BTreeMap<Difference, u64>,
    pub disagreements: u64,
    /// FNV-1a over the node's answers, stated in our terms (milliseconds,
    /// never `Instant`s), so runs against two releases can be compared.
    pub answers: u32,
    /// How often each kind of answer came up: the boundaries a part must
    /// reach are checked against these.
    pub seen: BTreeMap<String, u64>,
    /// Every disagreement, as printed (the console shows the first few).
    #[serde(skip)]
    pub disagreement_texts: Vec<String>,
}

impl Part {
    pub fn new(version: &str, name: &str) -> Part {
        Part {
            version: version.to_string(),
            name: name.to_string(),
            cases: 0,
            agreements: 0,
            documented: BTreeMap::new(),
            disagreements: 0,
            answers: 0x811C_9DC5,
            seen: BTreeMap::new(),
            disagreement_texts: Vec::new(),
        }
    }

    /// Counts one more case that reached `what`.
    pub fn saw(&mut self, what: &str) {
        *self.seen.entry(what.to_string()).or_default() += 1;
    }

    /// Feeds the node's answer to a case into [`Part::answers`].
    pub fn node_said(&mut self, answer: impl Debug) {
        for byte in format!("{answer:?}\n").bytes() {
            self.answers = (self.answers ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
    }

    pub fn record(&mut self, outcome: Outcome) {
        self.cases += 1;
        match outcome {
            Outcome::Agree => self.agreements += 1,
            Outcome::Documented(difference) => {
                *self.documented.entry(difference).or_default() += 1;
            }
            Outcome::Disagree {
                input,
                ours,
                theirs,
            } => {
                self.disagreements += 1;
                let text = format!(
                    "DISAGREEMENT net-mesh {} {} #{}\n  input:    {input}\n  ours:     {ours}\n  net-mesh: {theirs}",
                    self.version, self.name, self.cases
                );
                if self.disagreements <= SHOWN {
                    println!("{text}");
                }
                self.disagreement_texts.push(text);
            }
        }
    }

    pub fn documented_total(&self) -> u64 {
        self.documented.values().sum()
    }

    /// `cases == agreements + documented + disagreements`, always.
    pub fn is_consistent(&self) -> bool {
        self.cases == self.agreements + self.documented_total() + self.disagreements
    }
}
