//! The rules' slow path: when `js/rules.js` cannot vouch for a call's
//! arguments, it sends them here whole, and the core's strict decoders
//! check them in the call's order ([`mesh_maintenance::api::Call`]), so a
//! malformed one is named exactly as every build names it. Otherwise the
//! answer is empty, and `js/rules.js` runs the fast path on the plain copy
//! of what it sent: the rules themselves only ever run on the fast path.

use mesh_maintenance::api::{self, Call};
use mesh_maintenance::InputError;

use crate::answer::Writer;
use crate::exchange::answer;
use crate::value::Args;

/// Checks the arguments of the call numbered `call` in `Call::ALL`.
#[export_name = "slowCheck"]
pub extern "C" fn slow_check(call: u32) -> u32 {
    answer(
        &|args: &mut Args<'_>, _: &mut Writer| -> Result<(), InputError> {
            let call = usize::try_from(call)
                .ok()
                .and_then(|call| Call::ALL.get(call));
            match call {
                Some(call) => call.check(|| args.next_value()),
                None => Ok(()),
            }
        },
    )
}

/// `replay`'s `entries`: an array; its length is the answer.
#[export_name = "slowReplayEntries"]
pub extern "C" fn slow_replay_entries() -> u32 {
    answer(
        &|args: &mut Args<'_>, out: &mut Writer| -> Result<(), InputError> {
            let length = api::replay_entries(&args.next_value())?;
            out.number(length as f64);
            Ok(())
        },
    )
}

/// One entry of `replay`'s chain: `(entry, index)`.
#[export_name = "slowReplayEntry"]
pub extern "C" fn slow_replay_entry() -> u32 {
    answer(
        &|args: &mut Args<'_>, _: &mut Writer| -> Result<(), InputError> {
            let entry = args.next_value();
            api::replay_entry(&entry, args.next_index()).map(drop)
        },
    )
}
