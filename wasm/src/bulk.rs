//! The columnar API (`replayPacked`, `reconcileFleet`): `js/bulk.js` copies
//! the columns into the module a chunk at a time (at [`chain_chunk`] or
//! [`fleet_chunk`], and [`chunk_bytes`]) and these runs fold them with the core's
//! [`mesh_maintenance::packed`] loops. Columns the JavaScript side cannot
//! vouch for travel whole to the slow path, which names what is wrong.

use alloc::vec::Vec;

use mesh_maintenance::api::{self, FleetOutcome};
use mesh_maintenance::packed::{self, FleetColumns, PackedOutcome, PackedReplay};
use mesh_maintenance::{Config, InputError, Millis};

use crate::answer::Writer;
use crate::exchange::answer;
use crate::value::Args;

/// A fleet reconcile in progress.
struct FleetRun {
    now: Millis,
    config: Config,
    offset: usize,
    changed: Vec<u32>,
}

/// The chunk being handed over, and the runs in progress (one of each at
/// most: a run starts and finishes inside one synchronous JS call).
#[derive(Default)]
struct Bulk {
    floats: Vec<f64>,
    bytes: Vec<u8>,
    replay: Option<PackedReplay>,
    fleet: Option<FleetRun>,
}

global! {
    bulk: Bulk = Bulk { floats: Vec::new(), bytes: Vec::new(), replay: None, fleet: None }
}

/// Makes room for a chunk of `floats` f64s and `bytes` bytes.
fn chunk(floats: u32, bytes: u32) -> *mut f64 {
    bulk(|bulk| {
        bulk.floats.clear();
        bulk.floats
            .resize(usize::try_from(floats).unwrap_or(0), 0.0);
        bulk.bytes.clear();
        bulk.bytes.resize(usize::try_from(bytes).unwrap_or(0), 0);
        bulk.floats.as_mut_ptr()
    })
}

/// A chain chunk of `n` entries: `at` then `param` here, `kind` at
/// [`chunk_bytes`].
#[export_name = "chainChunk"]
pub extern "C" fn chain_chunk(n: u32) -> *mut f64 {
    chunk(n.saturating_mul(2), n)
}

/// A fleet chunk of `n` nodes: `since` then `deadline` here, `kind` then
/// `conditions` at [`chunk_bytes`].
#[export_name = "fleetChunk"]
pub extern "C" fn fleet_chunk(n: u32) -> *mut f64 {
    chunk(n.saturating_mul(2), n.saturating_mul(2))
}

/// Where the chunk's byte columns start.
#[export_name = "chunkBytes"]
pub extern "C" fn chunk_bytes() -> *mut u8 {
    bulk(|bulk| bulk.bytes.as_mut_ptr())
}

impl Writer {
    /// `{state, applied, unchanged, rejected: Uint32Array}`.
    pub fn packed_outcome(&mut self, outcome: &PackedOutcome) -> &mut Self {
        self.object(4);
        self.key("state").state(&outcome.state);
        self.key("applied").number(outcome.applied as f64);
        self.key("unchanged").number(outcome.unchanged as f64);
        self.key("rejected").words(&outcome.rejected)
    }

    /// `{kind, since, deadline, changed}`: new columns and who moved.
    pub fn fleet_outcome(&mut self, outcome: &FleetOutcome) -> &mut Self {
        self.object(4);
        self.key("kind").bytes(&outcome.kind);
        self.key("since").floats(&outcome.since);
        self.key("deadline").floats(&outcome.deadline);
        self.key("changed").words(&outcome.changed)
    }
}

/// `replayPacked`'s options (in the input buffer) start a run.
#[export_name = "packedStart"]
pub extern "C" fn packed_start() -> u32 {
    answer(
        &|args: &mut Args<'_>, _: &mut Writer| -> Result<(), InputError> {
            let (initial, config) = api::replay_options(&args.next_value())?;
            bulk(|bulk| bulk.replay = Some(PackedReplay::new(initial, config)));
            Ok(())
        },
    )
}

/// Folds the chain chunk of `n` entries; a malformed entry is the answer's
/// error, naming its index in the whole chain.
#[export_name = "packedPush"]
pub extern "C" fn packed_push(n: u32) -> u32 {
    answer(
        &|_: &mut Args<'_>, _: &mut Writer| -> Result<(), InputError> {
            bulk(|bulk| {
                let n = usize::try_from(n).unwrap_or(0);
                let (at, param) = bulk.floats.split_at(n.min(bulk.floats.len()));
                match bulk.replay.as_mut() {
                    Some(replay) => replay.push(&bulk.bytes, at, param),
                    None => Ok(()),
                }
            })
        },
    )
}

/// The run's outcome.
#[export_name = "packedFinish"]
pub extern "C" fn packed_finish() -> u32 {
    answer(
        &|_: &mut Args<'_>, out: &mut Writer| -> Result<(), InputError> {
            if let Some(replay) = bulk(|bulk| bulk.replay.take()) {
                out.packed_outcome(&replay.finish());
            }
            Ok(())
        },
    )
}

/// `reconcileFleet`'s `now` and `config` (in the input buffer) start a run.
#[export_name = "fleetStart"]
pub extern "C" fn fleet_start() -> u32 {
    answer(
        &|args: &mut Args<'_>, _: &mut Writer| -> Result<(), InputError> {
            let now = api::timestamp(&args.next_value())?;
            let config = api::config(&args.next_value())?;
            bulk(|bulk| {
                bulk.fleet = Some(FleetRun {
                    now,
                    config,
                    offset: 0,
                    changed: Vec::new(),
                })
            });
            Ok(())
        },
    )
}

/// Reconciles the fleet chunk of `n` nodes in place.
#[export_name = "fleetReconcile"]
pub extern "C" fn fleet_reconcile(n: u32) -> u32 {
    answer(
        &|_: &mut Args<'_>, _: &mut Writer| -> Result<(), InputError> {
            bulk(|bulk| {
                let n = usize::try_from(n).unwrap_or(0);
                let Bulk {
                    floats,
                    bytes,
                    fleet,
                    ..
                } = bulk;
                let Some(run) = fleet.as_mut() else {
                    return Ok(());
                };
                let (float_count, byte_count) = (floats.len(), bytes.len());
                let (since, deadline) = floats.split_at_mut(n.min(float_count));
                let (kinds, conditions) = bytes.split_at_mut(n.min(byte_count));
                let columns = FleetColumns {
                    kinds,
                    since,
                    deadline,
                    conditions,
                };
                packed::reconcile_fleet(
                    columns,
                    run.offset,
                    run.now,
                    &run.config,
                    &mut run.changed,
                )?;
                run.offset = run.offset.saturating_add(n);
                Ok(())
            })
        },
    )
}

/// The indices of the nodes that moved.
#[export_name = "fleetFinish"]
pub extern "C" fn fleet_finish() -> u32 {
    answer(
        &|_: &mut Args<'_>, out: &mut Writer| -> Result<(), InputError> {
            if let Some(run) = bulk(|bulk| bulk.fleet.take()) {
                out.words(&run.changed);
            }
            Ok(())
        },
    )
}

/// `replayPacked(columns, options)` on columns the fast path refused.
#[export_name = "slowReplayPacked"]
pub extern "C" fn slow_replay_packed() -> u32 {
    answer(
        &|args: &mut Args<'_>, out: &mut Writer| -> Result<(), InputError> {
            let outcome = api::replay_packed(&args.next_value(), &args.next_value())?;
            out.packed_outcome(&outcome);
            Ok(())
        },
    )
}

/// `reconcileFleet(fleet, now, config)` on columns the fast path refused.
#[export_name = "slowReconcileFleet"]
pub extern "C" fn slow_reconcile_fleet() -> u32 {
    answer(
        &|args: &mut Args<'_>, out: &mut Writer| -> Result<(), InputError> {
            let outcome =
                api::reconcile_fleet(&args.next_value(), &args.next_value(), &args.next_value())?;
            out.fleet_outcome(&outcome);
            Ok(())
        },
    )
}
