//! The columnar API (`replayPacked`, `reconcileFleet`): `js/api.js` hands
//! the columns over a chunk at a time (wasm-bindgen copies a typed array
//! into the module and, for `&mut`, back out), and these runs fold them
//! with the core's [`mesh_maintenance::packed`] loops. The whole-value slow
//! path is for columns the JS side cannot vouch for.

use alloc::vec::Vec;

use js_sys::Uint32Array;
use mesh_maintenance::packed::{self, FleetColumns, PackedReplay};
use mesh_maintenance::{api, Config, Millis};
use wasm_bindgen::prelude::*;

use crate::error::thrown;
use crate::js::JS;
use crate::output::ToJs;

/// A packed replay fed chunk by chunk.
#[wasm_bindgen(js_name = PackedReplayRun)]
pub struct PackedReplayRun {
    replay: PackedReplay,
}

#[wasm_bindgen(js_class = PackedReplayRun)]
impl PackedReplayRun {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<PackedReplayRun, JsValue> {
        let (initial, config) = api::replay_options(&JS(options)).map_err(thrown)?;
        Ok(PackedReplayRun {
            replay: PackedReplay::new(initial, config),
        })
    }

    /// The next entries; a malformed one throws, naming its index in the
    /// whole chain.
    pub fn push(&mut self, kind: &[u8], at: &[f64], param: &[f64]) -> Result<(), JsValue> {
        self.replay.push(kind, at, param).map_err(thrown)
    }

    /// `{state, applied, unchanged, rejected: Uint32Array}`.
    pub fn finish(self) -> JsValue {
        self.replay.finish().to_js()
    }
}

/// A fleet reconcile fed chunk by chunk.
#[wasm_bindgen(js_name = FleetRun)]
pub struct FleetRun {
    now: Millis,
    config: Config,
    offset: usize,
    changed: Vec<u32>,
}

#[wasm_bindgen(js_class = FleetRun)]
impl FleetRun {
    #[wasm_bindgen(constructor)]
    pub fn new(now: JsValue, config: JsValue) -> Result<FleetRun, JsValue> {
        let now = api::timestamp(&JS(now)).map_err(thrown)?;
        let config = api::config(&JS(config)).map_err(thrown)?;
        Ok(FleetRun {
            now,
            config,
            offset: 0,
            changed: Vec::new(),
        })
    }

    /// Reconciles the next nodes in place (the caller's copies).
    pub fn reconcile(
        &mut self,
        kind: &mut [u8],
        since: &mut [f64],
        deadline: &mut [f64],
        conditions: &[u8],
    ) -> Result<(), JsValue> {
        let length = kind.len();
        let columns = FleetColumns {
            kinds: kind,
            since,
            deadline,
            conditions,
        };
        packed::reconcile_fleet(
            columns,
            self.offset,
            self.now,
            &self.config,
            &mut self.changed,
        )
        .map_err(thrown)?;
        self.offset = self.offset.saturating_add(length);
        Ok(())
    }

    /// The indices of the nodes that moved.
    pub fn finish(self) -> Uint32Array {
        Uint32Array::from(self.changed.as_slice())
    }
}

#[wasm_bindgen(js_name = slowReplayPacked)]
pub fn slow_replay_packed(columns: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    api::replay_packed(&JS(columns), &JS(options))
        .map(|outcome| outcome.to_js())
        .map_err(thrown)
}

#[wasm_bindgen(js_name = slowReconcileFleet)]
pub fn slow_reconcile_fleet(
    fleet: JsValue,
    now: JsValue,
    config: JsValue,
) -> Result<JsValue, JsValue> {
    api::reconcile_fleet(&JS(fleet), &JS(now), &JS(config))
        .map(|outcome| outcome.to_js())
        .map_err(thrown)
}
