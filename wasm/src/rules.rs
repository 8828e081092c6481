//! The rules' slow path: when `js/api.js` cannot vouch for its arguments,
//! it sends them here whole. Each export decodes the arguments of one API
//! function strictly, in the core's order (`mesh_maintenance::api`), so a
//! malformed one is named exactly as every build names it; valid ones are
//! answered back in their canonical shapes, and the fast path runs on
//! those. The rules themselves only ever run on the fast path.

use mesh_maintenance::{api, InputError};

use crate::answer::Writer;
use crate::exchange::answer;
use crate::value::Args;

/// Declares a slow export: its name in JavaScript, and how it decodes its
/// arguments and writes them back.
macro_rules! normalizer {
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

normalizer! {
    /// `isValidSuccessor(from, to)`.
    "slowSuccessor" fn slow_successor(args, out) {
        let (from, to) = api::successor_args(&args.next_value(), &args.next_value())?;
        out.state(&from).state(&to);
    }
}

normalizer! {
    /// `transition(state, event, now, config)`.
    "slowTransition" fn slow_transition(args, out) {
        let (state, event, now, config) = api::transition_args(
            &args.next_value(),
            &args.next_value(),
            &args.next_value(),
            &args.next_value(),
        )?;
        out.state(&state).event(&event).millis(now).config(&config);
    }
}

normalizer! {
    /// `reconcile(state, conditions, now, config)`.
    "slowReconcile" fn slow_reconcile(args, out) {
        let (state, conditions, now, config) = api::reconcile_args(
            &args.next_value(),
            &args.next_value(),
            &args.next_value(),
            &args.next_value(),
        )?;
        out.state(&state).conditions(&conditions).millis(now).config(&config);
    }
}

normalizer! {
    /// The predicates' one argument, a state.
    "slowState" fn slow_state(args, out) {
        out.state(&api::state(&args.next_value())?);
    }
}

normalizer! {
    /// `new Machine(options)`: the state and the config.
    "slowMachineOptions" fn slow_machine_options(args, out) {
        let (state, config) = api::machine_options(&args.next_value())?;
        out.state(&state).config(&config);
    }
}

normalizer! {
    /// `Machine.check(event, now)` and `Machine.apply(event, now)`.
    "slowEventAt" fn slow_event_at(args, out) {
        let (event, now) = api::event_at(&args.next_value(), &args.next_value())?;
        out.event(&event).millis(now);
    }
}

normalizer! {
    /// `Machine.allowedActions(now, options)`: `now` and `frozenUntil`.
    "slowAllowed" fn slow_allowed(args, out) {
        let (now, frozen_until) = api::allowed_at(&args.next_value(), &args.next_value())?;
        out.millis(now).nullable(frozen_until);
    }
}

normalizer! {
    /// `replay`'s options: the initial state and the config.
    "slowReplayOptions" fn slow_replay_options(args, out) {
        let (initial, config) = api::replay_options(&args.next_value())?;
        out.state(&initial).config(&config);
    }
}

normalizer! {
    /// `replay`'s `entries`: an array (its length answered).
    "slowReplayEntries" fn slow_replay_entries(args, out) {
        let length = api::replay_entries(&args.next_value())?;
        out.number(length as f64);
    }
}

normalizer! {
    /// One entry of `replay`'s chain: `(entry, index)`, answered as
    /// `{at, event}`.
    "slowReplayEntry" fn slow_replay_entry(args, out) {
        let entry = args.next_value();
        let index = args.next_index();
        let entry = api::replay_entry(&entry, index)?;
        out.object(2);
        out.key("at").millis(entry.at);
        out.key("event").event(&entry.event);
    }
}

normalizer! {
    /// `admit(request, now, policy)`.
    "slowAdmit" fn slow_admit(args, out) {
        let (request, now, policy) = api::admission_args(
            &args.next_value(),
            &args.next_value(),
            &args.next_value(),
        )?;
        out.admission_request(&request).millis(now).policy(&policy);
    }
}
