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

/// A state as a node reports it: the state's kind and fields, with `since`
/// holding how long ago it began and `deadline` how long is left (`None`:
/// no deadline), relative to the moment the view was taken, whatever the
/// dialect.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StateView(MaintenanceState);

impl StateView {
    /// A view of `kind` (its `reason` read only for a `DrainFailed`).
    pub fn of_kind(
        kind: StateKind,
        since_ms: Millis,
        deadline_remaining_ms: Option<Millis>,
        reason: impl FnOnce() -> String,
    ) -> StateView {
        StateView(MaintenanceState::of_kind(
            kind,
            since_ms,
            deadline_remaining_ms,
            reason,
        ))
    }

    pub fn kind(&self) -> StateKind {
        self.0.kind()
    }

    /// How long ago the state began; `None` for `Active`.
    pub const fn since_ms(&self) -> Option<Millis> {
        self.0.since()
    }

    /// How long is left of the drain; `None` without a deadline.
    pub const fn deadline_remaining_ms(&self) -> Option<Millis> {
        self.0.deadline()
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
                let value = match field {
                    StateField::Since => time(self.since_ms().unwrap_or(Millis::ZERO)),
                    StateField::Deadline => self.deadline_remaining_ms().map_or(Plain::Null, time),
                    StateField::Reason => {
                        Plain::Text(self.0.reason().unwrap_or_default().to_owned())
                    }
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
}

/// The absolute state a view taken at `observed_at` describes: `since =
/// observed_at - since_ms`, `deadline = observed_at + deadline_remaining_ms`,
/// both saturating.
pub fn from_view(view: &StateView, observed_at: Millis) -> MaintenanceState {
    view.0.map_times(
        |since_ms| observed_at.saturating_since(since_ms),
        |left| observed_at.saturating_add(left),
    )
}

/// `state` as a node would report it at `now`: `since_ms = now - since`,
/// `deadline_remaining_ms = deadline - now`, both saturating at zero.
pub fn to_view(state: &MaintenanceState, now: Millis) -> StateView {
    StateView(state.map_times(
        |since| now.saturating_since(since),
        |deadline| deadline.saturating_since(now),
    ))
}
