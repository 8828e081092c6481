//! The rules' slow path: when `js/api.js` cannot vouch for its arguments,
//! it sends them here whole. Each export decodes the arguments of one API
//! function strictly, in the core's order (`mesh_maintenance::api`), so a
//! malformed one is named exactly as every build names it; otherwise the
//! answer is empty, and `js/rules.js` runs the fast path on the plain copy
//! of what it sent. The rules themselves only ever run on the fast path.

use mesh_maintenance::{api, InputError};

use crate::answer::Writer;
use crate::exchange::answer;
use crate::value::Args;

/// Declares a slow export: its name in JavaScript, and how it decodes its
/// arguments (and, for the one that answers something, what).
macro_rules! check {
    ($(#[$doc:meta])* $js:literal fn $name:ident($args:ident, $out:ident) $body:block) => {
        $(#[$doc])*
        #[export_name = $js]
        pub extern "C" fn $name() -> u32 {
            answer(&|$args: &mut Args<'_>, $out: &mut Writer| -> Result<(), InputError> {
                $body
                Ok(())
            })
        }
    };
}

check! {
    /// `isValidSuccessor(from, to)`.
    "slowSuccessor" fn slow_successor(args, _out) {
        api::successor_args(&args.next_value(), &args.next_value())?;
    }
}

check! {
    /// `transition(state, event, now, config)`.
    "slowTransition" fn slow_transition(args, _out) {
        api::transition_args(&args.next_value(), &args.next_value(), &args.next_value(), &args.next_value())?;
    }
}

check! {
    /// `reconcile(state, conditions, now, config)`.
    "slowReconcile" fn slow_reconcile(args, _out) {
        api::reconcile_args(&args.next_value(), &args.next_value(), &args.next_value(), &args.next_value())?;
    }
}

check! {
    /// The predicates' one argument, a state.
    "slowState" fn slow_state(args, _out) {
        api::state(&args.next_value())?;
    }
}

check! {
    /// `new Machine(options)`.
    "slowMachineOptions" fn slow_machine_options(args, _out) {
        api::machine_options(&args.next_value())?;
    }
}

check! {
    /// `Machine.check(event, now)` and `Machine.apply(event, now)`.
    "slowEventAt" fn slow_event_at(args, _out) {
        api::event_at(&args.next_value(), &args.next_value())?;
    }
}

check! {
    /// `Machine.allowedActions(now, options)`.
    "slowAllowed" fn slow_allowed(args, _out) {
        api::allowed_at(&args.next_value(), &args.next_value())?;
    }
}

check! {
    /// `replay`'s options.
    "slowReplayOptions" fn slow_replay_options(args, _out) {
        api::replay_options(&args.next_value())?;
    }
}

check! {
    /// `replay`'s `entries`: an array; its length is the answer.
    "slowReplayEntries" fn slow_replay_entries(args, out) {
        let length = api::replay_entries(&args.next_value())?;
        out.number(length as f64);
    }
}

check! {
    /// One entry of `replay`'s chain: `(entry, index)`.
    "slowReplayEntry" fn slow_replay_entry(args, _out) {
        let entry = args.next_value();
        api::replay_entry(&entry, args.next_index())?;
    }
}

check! {
    /// `admit(request, now, policy)`.
    "slowAdmit" fn slow_admit(args, _out) {
        api::admission_args(&args.next_value(), &args.next_value(), &args.next_value())?;
    }
}
