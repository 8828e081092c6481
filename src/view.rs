//! Node snapshot views (SPEC section 10): a state with its times relative
//! to when the snapshot was taken (`since_ms` ago, `deadline_remaining_ms`
//! left), as the nodes and their SDKs report it, in three dialects.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::plain::Plain;
use crate::state::{MaintenanceState, StateField, StateKind};
use crate::time::Millis;

/// The JSON dialects a node's view arrives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dialect {
    /// The TypeScript SDK (`sdk-ts` `meshos.ts`): `{kind, sinceMs,
    /// deadlineRemainingMs, reason}` with PascalCase kinds and bigint times.
    Sdk,
    /// The C ABI's JSON for Go (`meshos-ffi`): snake_case kinds and fields;
    /// Go's `omitempty` drops zero values, which read back as their zeros.
    Ffi,
    /// The nodes' own serde JSON (`MaintenanceStateSnapshot`): externally
    /// tagged, `"Active"` or `{"Maintenance": {"since_ms": N}}`.
    Snapshot,
}

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::Sdk, Dialect::Ffi, Dialect::Snapshot];
    /// Every dialect string, in the order of [`Dialect::ALL`]. A static, so
    /// decoders can cache per-list lookups by its address.
    pub const NAMES: &'static [&'static str; 3] = &DIALECT_NAMES;

    pub const fn name(self) -> &'static str {
        match self {
            Dialect::Sdk => "sdk",
            Dialect::Ffi => "ffi",
            Dialect::Snapshot => "snapshot",
        }
    }

    /// The `kind` strings of this dialect, in the order of [`StateKind::ALL`].
    pub const fn kind_names(self) -> &'static [&'static str; 6] {
        match self {
            Dialect::Sdk | Dialect::Snapshot => StateKind::NAMES,
            Dialect::Ffi => &FFI_KIND_NAMES,
        }
    }

    /// The `kind` string of `kind` in this dialect.
    pub const fn kind_name(self, kind: StateKind) -> &'static str {
        match self {
            Dialect::Sdk | Dialect::Snapshot => kind.name(),
            Dialect::Ffi => ffi_kind_name(kind),
        }
    }

    /// The name of a state field's relative form in this dialect.
    pub const fn field(self, field: StateField) -> &'static str {
        match (self, field) {
            (Dialect::Sdk, StateField::Since) => "sinceMs",
            (Dialect::Sdk, StateField::Deadline) => "deadlineRemainingMs",
            (Dialect::Ffi | Dialect::Snapshot, StateField::Since) => "since_ms",
            (Dialect::Ffi | Dialect::Snapshot, StateField::Deadline) => "deadline_remaining_ms",
            (_, StateField::Reason) => "reason",
        }
    }
}

static DIALECT_NAMES: [&str; 3] = [
    Dialect::Sdk.name(),
    Dialect::Ffi.name(),
    Dialect::Snapshot.name(),
];

/// The C ABI's snake_case kinds.
const fn ffi_kind_name(kind: StateKind) -> &'static str {
    match kind {
        StateKind::Active => "active",
        StateKind::EnteringMaintenance => "entering_maintenance",
        StateKind::Maintenance => "maintenance",
        StateKind::ExitingMaintenance => "exiting_maintenance",
        StateKind::DrainFailed => "drain_failed",
        StateKind::Recovery => "recovery",
    }
}

static FFI_KIND_NAMES: [&str; 6] = [
    ffi_kind_name(StateKind::Active),
    ffi_kind_name(StateKind::EnteringMaintenance),
    ffi_kind_name(StateKind::Maintenance),
    ffi_kind_name(StateKind::ExitingMaintenance),
    ffi_kind_name(StateKind::DrainFailed),
    ffi_kind_name(StateKind::Recovery),
];

/// A state as a node reports it: times relative to the moment the view was
/// taken, whatever the dialect.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StateView {
    Active,
    EnteringMaintenance {
        since_ms: Millis,
        /// `None`: a drain without deadline.
        deadline_remaining_ms: Option<Millis>,
    },
    Maintenance {
        since_ms: Millis,
    },
    ExitingMaintenance {
        since_ms: Millis,
    },
    DrainFailed {
        since_ms: Millis,
        reason: String,
    },
    Recovery {
        since_ms: Millis,
    },
}

impl StateView {
    pub const fn kind(&self) -> StateKind {
        match self {
            StateView::Active => StateKind::Active,
            StateView::EnteringMaintenance { .. } => StateKind::EnteringMaintenance,
            StateView::Maintenance { .. } => StateKind::Maintenance,
            StateView::ExitingMaintenance { .. } => StateKind::ExitingMaintenance,
            StateView::DrainFailed { .. } => StateKind::DrainFailed,
            StateView::Recovery { .. } => StateKind::Recovery,
        }
    }

    /// This view in `dialect`'s JSON shape; `"ffi"` writes every field of
    /// the kind, zeros included.
    pub fn encode(&self, dialect: Dialect) -> Plain {
        let kind = self.kind();
        let time = |millis: Millis| match dialect {
            Dialect::Sdk => Plain::BigInt(millis.get()),
            Dialect::Ffi | Dialect::Snapshot => Plain::Number(millis.get()),
        };
        let fields: Vec<(&'static str, Plain)> = kind
            .fields()
            .iter()
            .map(|field| {
                let value = match (field, self) {
                    (StateField::Since, _) => time(self.since_ms().unwrap_or(Millis::ZERO)),
                    (
                        StateField::Deadline,
                        StateView::EnteringMaintenance {
                            deadline_remaining_ms: Some(left),
                            ..
                        },
                    ) => time(*left),
                    (StateField::Reason, StateView::DrainFailed { reason, .. }) => {
                        Plain::Text(reason.clone())
                    }
                    (StateField::Deadline | StateField::Reason, _) => Plain::Null,
                };
                (dialect.field(*field), value)
            })
            .collect();
        let name = dialect.kind_name(kind);
        match (dialect, kind) {
            (Dialect::Snapshot, StateKind::Active) => Plain::Text(name.to_owned()),
            (Dialect::Snapshot, _) => Plain::Object(vec![(name, Plain::Object(fields))]),
            (Dialect::Sdk | Dialect::Ffi, _) => {
                let mut members = vec![("kind", Plain::Text(name.to_owned()))];
                members.extend(fields);
                Plain::Object(members)
            }
        }
    }

    /// `since_ms`, `None` for `Active`.
    pub const fn since_ms(&self) -> Option<Millis> {
        match self {
            StateView::Active => None,
            StateView::EnteringMaintenance { since_ms, .. }
            | StateView::Maintenance { since_ms }
            | StateView::ExitingMaintenance { since_ms }
            | StateView::DrainFailed { since_ms, .. }
            | StateView::Recovery { since_ms } => Some(*since_ms),
        }
    }
}

/// The absolute state a view taken at `observed_at` describes: `since =
/// observed_at - since_ms`, `deadline = observed_at + deadline_remaining_ms`,
/// both saturating.
pub fn from_view(view: &StateView, observed_at: Millis) -> MaintenanceState {
    let since = |since_ms: &Millis| observed_at.saturating_since(*since_ms);
    match view {
        StateView::Active => MaintenanceState::Active,
        StateView::EnteringMaintenance {
            since_ms,
            deadline_remaining_ms,
        } => MaintenanceState::EnteringMaintenance {
            since: since(since_ms),
            deadline: deadline_remaining_ms.map(|left| observed_at.saturating_add(left)),
        },
        StateView::Maintenance { since_ms } => MaintenanceState::Maintenance {
            since: since(since_ms),
        },
        StateView::ExitingMaintenance { since_ms } => MaintenanceState::ExitingMaintenance {
            since: since(since_ms),
        },
        StateView::DrainFailed { since_ms, reason } => MaintenanceState::DrainFailed {
            since: since(since_ms),
            reason: reason.clone(),
        },
        StateView::Recovery { since_ms } => MaintenanceState::Recovery {
            since: since(since_ms),
        },
    }
}

/// `state` as a node would report it at `now`: `since_ms = now - since`,
/// `deadline_remaining_ms = deadline - now`, both saturating at zero.
pub fn to_view(state: &MaintenanceState, now: Millis) -> StateView {
    let ago = |since: &Millis| now.saturating_since(*since);
    match state {
        MaintenanceState::Active => StateView::Active,
        MaintenanceState::EnteringMaintenance { since, deadline } => {
            StateView::EnteringMaintenance {
                since_ms: ago(since),
                deadline_remaining_ms: deadline.map(|deadline| deadline.saturating_since(now)),
            }
        }
        MaintenanceState::Maintenance { since } => StateView::Maintenance {
            since_ms: ago(since),
        },
        MaintenanceState::ExitingMaintenance { since } => StateView::ExitingMaintenance {
            since_ms: ago(since),
        },
        MaintenanceState::DrainFailed { since, reason } => StateView::DrainFailed {
            since_ms: ago(since),
            reason: reason.clone(),
        },
        MaintenanceState::Recovery { since } => StateView::Recovery {
            since_ms: ago(since),
        },
    }
}
