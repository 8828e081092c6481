//! The sentence a verdict carries for a console. A [`Message`] is small and
//! `Copy`: the hot paths (replay, the bindings) keep it as a key, or as its
//! numeric [`Message::id`], and only render the text when someone reads it.

use alloc::string::String;
use core::fmt;

use crate::event::EventKind;
use crate::freshness::Stale;
use crate::state::StateKind;
use crate::text::Text;
use crate::time::Millis;

/// One human sentence naming the event and both states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    pub(crate) event: EventKind,
    pub(crate) from: StateKind,
    pub(crate) to: StateKind,
    pub(crate) form: Form,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Form {
    Moved,
    MovedBecause(Why),
    Refreshed,
    Stays(Why),
    Refused(Why),
    NeedsForce,
    NotSuccessor,
    /// The `node` profile's silent no-op.
    Ignored,
    /// A cluster freeze holds until `until`, `left` from now.
    Frozen {
        until: Millis,
        left: Millis,
    },
    /// A signed envelope that is not fresh.
    Stale(Stale),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Why {
    AlreadyEntering,
    AlreadyExiting,
    Identical,
    EnterOnlyFromActive,
    ExitOnlyFromMaintenance,
    DrainedAndStopped,
    DeadlineElapsed,
    DrainIncomplete,
    DaemonsHealthy,
    DaemonsUnhealthy,
    RampElapsed,
    RampNotElapsed,
    NothingToDo,
    SameWindow,
    NodeRestartsWindow,
    NodeEntersFromAnyState,
    Frozen,
}

impl Why {
    const ALL: [Why; 17] = [
        Why::AlreadyEntering,
        Why::AlreadyExiting,
        Why::Identical,
        Why::EnterOnlyFromActive,
        Why::ExitOnlyFromMaintenance,
        Why::DrainedAndStopped,
        Why::DeadlineElapsed,
        Why::DrainIncomplete,
        Why::DaemonsHealthy,
        Why::DaemonsUnhealthy,
        Why::RampElapsed,
        Why::RampNotElapsed,
        Why::NothingToDo,
        Why::SameWindow,
        Why::NodeRestartsWindow,
        Why::NodeEntersFromAnyState,
        Why::Frozen,
    ];

    const fn text(self) -> &'static str {
        match self {
            Why::AlreadyEntering => "it is already entering maintenance",
            Why::AlreadyExiting => "it is already exiting maintenance",
            Why::Identical => "the observed state is identical",
            Why::EnterOnlyFromActive => "maintenance can only be entered from Active",
            Why::ExitOnlyFromMaintenance => {
                "maintenance can only be exited from Maintenance or DrainFailed"
            }
            Why::DrainedAndStopped => "replicas are drained and daemons stopped",
            Why::DeadlineElapsed => "the drain deadline elapsed",
            Why::DrainIncomplete => "the drain is not complete and its deadline has not passed",
            Why::DaemonsHealthy => "daemons are healthy",
            Why::DaemonsUnhealthy => "daemons are not healthy yet",
            Why::RampElapsed => "the recovery ramp window elapsed",
            Why::RampNotElapsed => "the recovery ramp window has not elapsed",
            Why::NothingToDo => "reconcile has nothing to do in this state",
            Why::SameWindow => "the node would restart the same drain window at the same time",
            Why::NodeRestartsWindow => {
                "the node restarts the drain window on every EnterMaintenance"
            }
            Why::NodeEntersFromAnyState => {
                "the node accepts EnterMaintenance in any state and starts a new drain"
            }
            Why::Frozen => "the cluster is frozen, so reconcile moves no node",
        }
    }

    /// Its position in [`Why::ALL`] (the declaration order, which `ALL`
    /// follows; the id round-trip test fails otherwise).
    const fn code(self) -> u32 {
        self as u32
    }
}

/// How many [`Form`]s a message id distinguishes: five without a reason,
/// then one per reason for each of the three forms that carry one.
#[allow(clippy::cast_possible_truncation)] // 17
const WHYS: u32 = Why::ALL.len() as u32;
const FORMS: u32 = 5 + 3 * WHYS;
/// State kinds: a message names two (`from`, `to`).
#[allow(clippy::cast_possible_truncation)] // 6
const KINDS: u32 = StateKind::ALL.len() as u32;

impl Message {
    /// Every [`Message::id`] is below this.
    #[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)] // a constant
    pub const COUNT: u32 = EventKind::ALL.len() as u32 * KINDS * KINDS * FORMS;

    /// The message's number, for bindings that cache rendered messages:
    /// `None` for the forms that carry times (one sentence per time).
    #[allow(clippy::arithmetic_side_effects)] // below COUNT
    pub fn id(&self) -> Option<u32> {
        let form = match self.form {
            Form::Moved => 0,
            Form::Refreshed => 1,
            Form::NeedsForce => 2,
            Form::NotSuccessor => 3,
            Form::Ignored => 4,
            Form::MovedBecause(why) => 5 + why.code(),
            Form::Stays(why) => 5 + WHYS + why.code(),
            Form::Refused(why) => 5 + 2 * WHYS + why.code(),
            Form::Frozen { .. } | Form::Stale(_) => return None,
        };
        let kinds = (u32::from(self.event.code()) * KINDS + u32::from(self.from.code())) * KINDS
            + u32::from(self.to.code());
        Some(kinds * FORMS + form)
    }

    /// The message a number from [`Message::id`] stands for.
    #[allow(clippy::arithmetic_side_effects)] // each subtraction follows its bound check
    pub fn from_id(id: u32) -> Option<Message> {
        let (kinds, form) = (id / FORMS, id % FORMS);
        let to = StateKind::ALL.get((kinds % KINDS) as usize).copied()?;
        let from = StateKind::ALL
            .get((kinds / KINDS % KINDS) as usize)
            .copied()?;
        let event = EventKind::ALL
            .get((kinds / (KINDS * KINDS)) as usize)
            .copied()?;
        let why = |index: u32| Why::ALL.get(index as usize).copied();
        let form = match form {
            0 => Form::Moved,
            1 => Form::Refreshed,
            2 => Form::NeedsForce,
            3 => Form::NotSuccessor,
            4 => Form::Ignored,
            f if f < 5 + WHYS => Form::MovedBecause(why(f - 5)?),
            f if f < 5 + 2 * WHYS => Form::Stays(why(f - 5 - WHYS)?),
            f => Form::Refused(why(f - 5 - 2 * WHYS)?),
        };
        Some(Message {
            event,
            from,
            to,
            form,
        })
    }

    /// The sentence: one of three openings (the node moved, stayed, or
    /// could not move), then the form's own ending.
    pub fn render(&self) -> String {
        let Message {
            event,
            from,
            to,
            form,
        } = *self;
        let (event, from, to) = (event.name(), from.name(), to.name());
        let text = Text::new().s(event);
        let text = match form {
            Form::Moved | Form::MovedBecause(_) | Form::Refreshed => {
                text.s(" moved the node from ").s(from).s(" to ").s(to)
            }
            Form::Stays(_) | Form::Ignored => text.s(" leaves the node in ").s(from),
            Form::Refused(_)
            | Form::NeedsForce
            | Form::NotSuccessor
            | Form::Frozen { .. }
            | Form::Stale(_) => text
                .s(" cannot move the node from ")
                .s(from)
                .s(" to ")
                .s(to),
        };
        match form {
            Form::Moved => text.s("."),
            Form::MovedBecause(why) | Form::Stays(why) | Form::Refused(why) => {
                text.s(": ").s(why.text()).s(".")
            }
            Form::Refreshed => text.s(", refreshing its fields."),
            Form::NeedsForce => {
                text.s(" without force: the drain failed, so exiting needs force: true.")
            }
            Form::NotSuccessor => text
                .s(": ")
                .s(to)
                .s(" is not a valid successor of ")
                .s(from)
                .s("."),
            Form::Ignored => text
                .s(": the node ignores ")
                .s(event)
                .s(" while in ")
                .s(from)
                .s("."),
            Form::Frozen { until, left } => text
                .s(": the cluster is frozen until ")
                .n(until.get())
                .s(" (")
                .n(left.get())
                .s(" ms from now)."),
            Form::Stale(stale) => stale_clause(text.s(": "), stale).s("."),
        }
        .done()
    }
}

/// "the signed envelope was issued N ms ago, more than the W ms freshness
/// window", appended to `text`.
pub(crate) fn stale_clause(text: Text, stale: Stale) -> Text {
    match stale {
        Stale::FromFuture { ahead, skew } => text
            .s("the signed envelope is dated ")
            .n(ahead.get())
            .s(" ms ahead of now, more than the ")
            .n(skew.get())
            .s(" ms allowed"),
        Stale::Expired { age, window } => text
            .s("the signed envelope was issued ")
            .n(age.get())
            .s(" ms ago, more than the ")
            .n(window.get())
            .s(" ms freshness window"),
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_for_every_message_without_times() {
        let mut count = 0;
        for event in EventKind::ALL {
            for from in StateKind::ALL {
                for to in StateKind::ALL {
                    let mut forms = alloc::vec![
                        Form::Moved,
                        Form::Refreshed,
                        Form::NeedsForce,
                        Form::NotSuccessor,
                        Form::Ignored,
                    ];
                    for why in Why::ALL {
                        forms.extend([
                            Form::MovedBecause(why),
                            Form::Stays(why),
                            Form::Refused(why),
                        ]);
                    }
                    for form in forms {
                        let message = Message {
                            event,
                            from,
                            to,
                            form,
                        };
                        let id = message.id().expect("an id");
                        assert_eq!(Message::from_id(id), Some(message));
                        count += 1;
                    }
                }
            }
        }
        assert_eq!(count, Message::COUNT as usize);
        assert_eq!(Message::from_id(Message::COUNT), None);
    }
}

/// Every message form has a line in the golden file that `tests/golden.rs`
/// generates and compares, so a new form (or a new [`Why`]) cannot ship
/// without its sentence being pinned and reviewed.
#[cfg(test)]
mod golden {
    use super::*;
    use alloc::collections::BTreeSet;
    use alloc::vec::Vec;

    const GOLDEN: &str = include_str!("../tests/golden/messages.txt");

    /// The sentences of the golden file: each line's text after `] `.
    fn sentences() -> BTreeSet<&'static str> {
        GOLDEN
            .lines()
            .filter_map(|line| line.split_once(" => "))
            .filter_map(|(_, rest)| rest.split_once("] "))
            .map(|(_, sentence)| sentence)
            .collect()
    }

    /// Whether some message of `form` is in the golden file.
    fn pinned(sentences: &BTreeSet<&str>, form: Form) -> bool {
        EventKind::ALL.into_iter().any(|event| {
            StateKind::ALL.into_iter().any(|from| {
                StateKind::ALL.into_iter().any(|to| {
                    let message = Message {
                        event,
                        from,
                        to,
                        form,
                    };
                    sentences.contains(message.render().as_str())
                })
            })
        })
    }

    #[test]
    fn every_form_and_reason_has_a_golden_line() {
        let sentences = sentences();
        let mut missing: Vec<Form> = [
            Form::Moved,
            Form::Refreshed,
            Form::NeedsForce,
            Form::NotSuccessor,
            Form::Ignored,
        ]
        .into_iter()
        .filter(|form| !pinned(&sentences, *form))
        .collect();
        // Each reason in at least one of the forms that carry one, and each
        // of those forms with at least one reason.
        let carriers: [fn(Why) -> Form; 3] = [Form::MovedBecause, Form::Stays, Form::Refused];
        for why in Why::ALL {
            if !carriers.iter().any(|form| pinned(&sentences, form(why))) {
                missing.push(Form::Stays(why));
            }
        }
        for form in carriers {
            if !Why::ALL
                .into_iter()
                .any(|why| pinned(&sentences, form(why)))
            {
                missing.push(form(Why::Frozen));
            }
        }
        // The forms with times, at the times the golden file uses.
        let enter = |form| Message {
            event: EventKind::EnterMaintenance,
            from: StateKind::Active,
            to: StateKind::EnteringMaintenance,
            form,
        };
        let millis = Millis::saturating_from;
        for form in [
            Form::Frozen {
                until: millis(400_001),
                left: millis(1),
            },
            Form::Stale(Stale::FromFuture {
                ahead: millis(30_001),
                skew: millis(30_000),
            }),
            Form::Stale(Stale::Expired {
                age: millis(300_001),
                window: millis(300_000),
            }),
        ] {
            if !sentences.contains(enter(form).render().as_str()) {
                missing.push(form);
            }
        }
        assert!(
            missing.is_empty(),
            "forms with no line in tests/golden/messages.txt: {missing:?}"
        );
    }
}
