//! Views (SPEC section 10), for each form net-mesh itself produces:
//!
//! - the nodes' serde JSON, `MaintenanceStateSnapshot` as
//!   `MeshOsSnapshot::from_state` builds it at the node's tick: our
//!   `"snapshot"` dialect, compared as JSON text (our `to_view` +
//!   `StateView::encode`), then decoded by our strict `from_view`;
//! - the SDK's view, `MaintenanceStateView::from_state(state, now)`, at
//!   any `now`: the Rust value behind our `"sdk"` dialect (the TypeScript
//!   SDK's `meshos.ts` receives it through the napi binding as `{kind,
//!   sinceMs, deadlineRemainingMs, reason}` with PascalCase kinds). The
//!   crate gives it no serialized form and the binding is not in the
//!   crate, so it is compared on its values: kind, `since_ms`,
//!   `deadline_remaining_ms` and `reason` against our `StateView`, the
//!   values every dialect encodes.
//!
//! The C ABI's JSON (`"ffi"`, for Go) is produced outside this crate; the
//! package's vectors cover it and the TypeScript shape.

use mesh_maintenance::{api, from_view, to_view, Dialect};
use serde_json::{json, Value};

use super::convert;
use super::net::adapter::net::behavior::meshos::MaintenanceStateView;
use super::node::{self, Node};
use crate::random::Random;
use crate::tally::{self, Difference, Part};

pub const NAME: &str = crate::parts::VIEWS;

pub fn run(node: &Node, mut random: Random, cases: u64, mut part: Part) -> Part {
    for _ in 0..cases {
        let now = random.now();
        let clock = node.clock(now);
        let state = random.state(now);
        // The SDK view is taken at any moment, not only at the tick.
        let at = random.near(now);
        let (Some(mapped), Some(at_instant)) = (convert::state(&state, &clock), clock.instant(at))
        else {
            part.record(tally::Outcome::Documented(Difference::InstantOutOfRange));
            continue;
        };
        let Some(folded) = node.holding(Default::default(), &mapped, &mut part, (&state, now))
        else {
            continue;
        };
        // As text, so the members' order counts too.
        let snapshot_text =
            serde_json::to_string(&node::snapshot(&folded)).expect("a snapshot serializes");
        let snapshot: Value = serde_json::from_str(&snapshot_text).expect("the node's JSON parses");
        let view = to_view(&state, now);
        let ours =
            serde_json::to_string(&view.encode(Dialect::Snapshot)).expect("a view serializes");
        let decoded = api::from_view(
            &Some(&snapshot),
            &Some(&json!(now)),
            &Some(&json!(Dialect::Snapshot.name())),
        )
        .map_err(|error| error.message().to_string());
        let sdk = convert::sdk_view(&MaintenanceStateView::from_state(&mapped, at_instant));
        part.node_said((&snapshot_text, &sdk));
        part.saw(state.kind().name());
        let input = (&state, now, at);
        part.record(tally::Outcome::all([
            tally::Outcome::compare((input, "snapshot JSON"), ours, snapshot_text),
            tally::Outcome::compare(
                (input, "our fromView of the node's snapshot"),
                Ok(from_view(&view, now)),
                decoded,
            ),
            tally::Outcome::compare((input, "SDK view"), Ok(to_view(&state, at)), sdk),
        ]));
    }
    part
}
