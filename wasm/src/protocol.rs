//! The boundary between JavaScript and the module, declared once.
//!
//! The fast path crosses it with numbers only: `js/rules.js` reads an
//! argument whole (a `kind` string becomes its code, each field becomes a
//! tag and a number) and calls one export; the export judges those numbers
//! with the core's rules and answers with one status word and a few numbers
//! in [`Out`]; `js/rules.js` builds the result objects. Every table the JS side
//! needs (names, codes, field order per kind, bit layouts) is in this file,
//! and `js/protocol.js` is generated from it (`cargo run -p
//! mesh-maintenance-wasm --example protocol`); a test fails on any drift.
//! Anything the fast path cannot vouch for goes down the slow path: the
//! arguments travel whole, written by `js/codec.js` in the value encoding
//! of [`ValueTag`], and the module decodes them strictly (naming any
//! malformed value) and writes them back canonically, for the fast path to
//! run again. The gate's and the columns' functions only have that path.

#[cfg(not(target_arch = "wasm32"))]
use mesh_maintenance::{
    Condition, EventKind, InputErrorCode, Outcome, Profile, RejectCode, Stage, StateField,
    StateKind,
};

/// Declares a tag enum once: its variants in code order (so `ALL[code]` is
/// the variant with that code, by construction) and the name
/// `js/protocol.js` gives each.
macro_rules! tags {
    ($(#[$meta:meta])* pub enum $name:ident: $repr:ident {
        $($(#[$variant_meta:meta])* $variant:ident => $js:literal,)+
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr($repr)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// Every variant, in code order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name `js/protocol.js` gives it.
            pub const fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $js,)+
                }
            }
        }
    };
}

tags! {
    /// What the reader saw in a field, before any judgement.
    pub enum Tag: u32 {
        /// A number (any: the module judges it); its value travels beside.
        Number => "NUMBER",
        /// `undefined`, or no such field.
        Absent => "ABSENT",
        Null => "NULL",
        True => "TRUE",
        False => "FALSE",
        /// A string; for a reason, its UTF-16 length travels beside.
        String => "STRING",
        /// Anything else.
        Other => "OTHER",
    }
}

impl Tag {
    pub fn of(bits: u32) -> Tag {
        Tag::ALL
            .get((bits & TAG_MASK) as usize)
            .copied()
            .unwrap_or(Tag::Other)
    }
}

/// A tag takes three bits.
pub const TAG_BITS: u32 = 3;
pub const TAG_MASK: u32 = 0b111;
/// A code that names none of the list (an unknown `kind` or `type`).
pub const UNKNOWN: u32 = 7;
/// Key counts are capped here by the reader (more keys: the slow path).
pub const MAX_KEYS: u32 = 31;

/// Declares a bit layout once: a module of shifts, and the list of them
/// that [`javascript`] writes out under `js` (so a constant cannot be
/// declared here and missing there).
macro_rules! layout {
    ($(#[$doc:meta])* $module:ident as $js:literal {
        $($(#[$field_doc:meta])* $field:ident = $value:expr;)*
    }) => {
        $(#[$doc])*
        pub mod $module {
            $($(#[$field_doc])* pub const $field: u32 = $value;)*
            /// The layout's name in `protocol.js`, and every constant.
            #[cfg(not(target_arch = "wasm32"))]
            pub const JS: (&str, &[(&str, u32)]) = ($js, &[$((stringify!($field), $field)),*]);
        }
    };
}

/// A key count takes five bits ([`MAX_KEYS`] is the largest).
pub const KEY_BITS: u32 = 5;

layout! {
    /// A state object: `meta` packs the kind's code, the key count and one
    /// tag per field of [`StateKind::fields`] order (`since`, `deadline`,
    /// `reason`); two numbers (`since`, `deadline`) and the reason's UTF-16
    /// length travel beside.
    state_meta as "STATE_META" {
        KIND = 0;
        KEYS = 3;
        SINCE = 8;
        DEADLINE = 11;
        REASON = 14;
    }
}

layout! {
    /// An event object: its type's code, its key count, the tag of its one
    /// scalar field (`drainForMs` or `force`) and the tag of `conditions` or
    /// `state` (which travel as their own records).
    event_meta as "EVENT_META" {
        TYPE = 0;
        KEYS = 3;
        FIELD = 8;
        NESTED = 11;
        /// Set when an observed state's reason is the current state's
        /// (read only when both are `DrainFailed`).
        SAME_REASON = 14;
    }
}

layout! {
    /// A conditions object: one tag per [`Condition`], the key count, and the
    /// tag of the value itself (`OTHER` for an object, as for every nested or
    /// optional object argument).
    conditions_meta as "CONDITIONS_META" {
        FLAGS = 0;
        KEYS = 12;
        SHAPE = 17;
    }
}

layout! {
    /// A config argument: its tag (absent, or `OTHER` for an object), key
    /// count, the profile (0 absent, 1 + its code when a known name,
    /// [`UNKNOWN`] otherwise) and the tags of its two numbers.
    config_meta as "CONFIG_META" {
        SHAPE = 0;
        KEYS = 3;
        PROFILE = 8;
        DEFAULT_DRAIN = 11;
        RAMP = 14;
    }
}

layout! {
    /// `admit`'s request besides its state, event and config: its key
    /// count and the tags of `frozenUntil` and `issuedAt` (their values
    /// travel beside).
    request_meta as "REQUEST_META" {
        KEYS = 0;
        FROZEN = 5;
        ISSUED = 8;
    }
}

layout! {
    /// `admit`'s policy argument: its tag (absent, or `OTHER` for an
    /// object), key count and the tags of its two numbers.
    policy_meta as "POLICY_META" {
        SHAPE = 0;
        KEYS = 3;
        WINDOW = 8;
        SKEW = 11;
    }
}

layout! {
    /// The answer of a verdict-giving fast export (`fastTransition`,
    /// `fastReconcile`, `fastAdmit`): zero sends the caller down the slow
    /// path.
    status as "STATUS" {
        /// Set on every fast answer.
        OK = 1;
        OUTCOME = 1;
        CODE = 3;
        REASON = 6;
        TO_KIND = 8;
        /// Set when `to` has a deadline ([`super::Out::deadline`]).
        HAS_DEADLINE = 11;
        /// The message's number ([`mesh_maintenance::Message::id`]), when
        /// [`TEXT`] is clear.
        MESSAGE = 12;
        /// `admit`'s stage, in `Stage::ALL` order.
        STAGE = 26;
        /// Set when the message has no number (it names times): its text
        /// is the answer in the output buffer.
        TEXT = 28;
    }
}

layout! {
    /// Where a new `DrainFailed` reason comes from, in [`status::REASON`].
    reason as "REASON" {
        NONE = 0;
        /// The observed state's own (the caller has it).
        OBSERVED = 1;
        /// Reconcile's: render it with `elapsedReason(Out.waited)`.
        ELAPSED = 2;
    }
}

layout! {
    /// `fastAllowed`'s answer: [`status::OK`] and one flag bit per button.
    allowed as "ALLOWED" {
        ENTER = 1;
        EXIT = 2;
        FORCE = 3;
    }
}

tags! {
    /// The value encoding of the slow path (`js/codec.js` writes arguments in
    /// it; the module writes its answers in it): a tag byte, then the tag's
    /// payload, little-endian. `str` below is a u32 byte length and UTF-8.
    pub enum ValueTag: u8 {
        Undefined => "UNDEFINED",
        Null => "NULL",
        False => "FALSE",
        True => "TRUE",
        /// f64.
        Number => "NUMBER",
        /// f64, then JavaScript's own rendering as a `str` (a number that is no
        /// plain integer, so an error message quotes it as JavaScript would).
        NumberText => "NUMBER_TEXT",
        /// `str`.
        String => "STRING",
        /// A string too long to copy: its UTF-16 length (u32), then its head
        /// as a `str` (enough to quote in an error message).
        LongString => "LONG_STRING",
        /// A bigint: its decimal digits (with `-` if negative) as a `str`, or
        /// only a head of them when they are many ([`BIGINT_DIGITS`]).
        BigInt => "BIGINT",
        /// An object: u32 count, u32 byte length of what follows (0 in an
        /// answer: only the module skips objects), then `count` times a key
        /// (`str`, or the length [`LONG_KEY`] alone for a key too long to copy)
        /// and a value.
        Object => "OBJECT",
        /// An object with more keys than the codec copies: u32 count.
        ManyKeys => "MANY_KEYS",
        /// An object whose keys cannot be listed: what listing threw (a
        /// [`ValueTag::Thrown`] payload).
        Unlistable => "UNLISTABLE",
        /// An array: u32 length (the elements travel one at a time).
        Array => "ARRAY",
        /// A `Uint8Array`: u32 length, u32 count copied (all, up to
        /// [`COPIED_BYTES`]), the bytes.
        Bytes => "BYTES",
        /// A `Float64Array`: u32 length, u32 count copied, the f64s.
        Floats => "FLOATS",
        /// A `Uint32Array` (answers only): u32 length, the u32s.
        Words => "WORDS",
        /// A read threw: the thrown value's `message` when it is a string, else
        /// the thrown value itself, as one value.
        Thrown => "THROWN",
        Date => "DATE",
        Symbol => "SYMBOL",
        Function => "FUNCTION",
        /// An object or array nested deeper than [`MAX_DEPTH`].
        Deep => "DEEP",
        /// Anything else.
        Other => "OTHER",
    }
}

impl ValueTag {
    pub fn of(byte: u8) -> Option<ValueTag> {
        ValueTag::ALL.get(usize::from(byte)).copied()
    }
}

/// How deep the codec walks into nested objects (an argument's own fields
/// are depth 1); below that, a value is [`ValueTag::Deep`]. The deepest
/// argument the API reads is a replay entry's observed state's field.
pub const MAX_DEPTH: u32 = 6;
/// The most keys of one object the codec copies (a registry names up to
/// 4096 operators; one more tells that it names too many).
pub const MAX_OBJECT_KEYS: u32 = 4097;
/// The longest key copied, in UTF-16 units; longer keys travel as [`LONG_KEY`].
pub const KEY_UNITS: u32 = 64;
/// The key length that stands for a key too long to copy.
pub const LONG_KEY: u32 = u32::MAX;
/// The longest string copied, in UTF-16 units (a `DrainFailed` reason
/// holds at most 4096 UTF-8 bytes, so at most 4096 units).
pub const STRING_UNITS: u32 = 4096;
/// The head of a string too long to copy, in UTF-16 units.
pub const HEAD_UNITS: u32 = 48;
/// The most digits of a bigint copied (2^64 has 20).
pub const BIGINT_DIGITS: u32 = 48;
/// The most elements of a typed array copied (a signature or a key is far
/// shorter; columns are only measured on this path).
pub const COPIED_BYTES: u32 = 4096;

tags! {
    /// The first byte of an answer of the slow path.
    pub enum AnswerTag: u8 {
        /// Values follow, as many as the call answers.
        Values => "VALUES",
        /// Malformed input: the code (its position in `ERROR_CODES`), the path
        /// and the message, as `str`s after the code byte.
        Error => "ERROR",
    }
}

/// The numbers a fast answer leaves in the module's memory.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Out {
    /// `to`'s `since`, when applied.
    pub since: f64,
    /// `to`'s deadline, when applied and it has one.
    pub deadline: f64,
    /// How long a failed drain waited, for its reason ([`reason::ELAPSED`]).
    pub waited: f64,
    /// The length of the message's text in the output buffer ([`status::TEXT`]).
    pub text: f64,
}

/// The length of [`Out`] in `f64`s.
pub const OUT_LEN: usize = 4;

/// `js/protocol.js`: every table above, and a state factory per kind in
/// the field order of [`StateKind::fields`]. Native only: it runs at build
/// and test time, never in the module.
#[cfg(not(target_arch = "wasm32"))]
pub fn javascript() -> std::string::String {
    use std::borrow::ToOwned;
    use std::format;
    use std::string::{String, ToString};
    use std::vec::Vec;

    let mut js = String::new();
    js.push_str("// Generated from wasm/src/protocol.rs by `cargo run -p mesh-maintenance-wasm --example protocol`.\n");
    js.push_str("// Do not edit: wasm/tests/protocol.rs fails when this file and the table drift apart.\n\n");
    let list = |names: Vec<&str>| {
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        format!("[{}]", quoted.join(", "))
    };
    js.push_str(&format!(
        "export const STATE_KINDS = {};\n",
        list(StateKind::ALL.iter().map(|k| k.name()).collect())
    ));
    js.push_str(&format!(
        "export const EVENT_TYPES = {};\n",
        list(EventKind::ALL.iter().map(|k| k.name()).collect())
    ));
    js.push_str(&format!(
        "export const PROFILES = {};\n",
        list(Profile::ALL.iter().map(|p| p.name()).collect())
    ));
    js.push_str(&format!(
        "export const CONDITIONS = {};\n",
        list(Condition::ALL.iter().map(|c| c.name()).collect())
    ));
    js.push_str(&format!(
        "export const OUTCOMES = {};\n",
        list(Outcome::ALL.iter().map(|o| o.as_str()).collect())
    ));
    js.push_str(&format!(
        "export const REJECT_CODES = {};\n",
        list(RejectCode::ALL.iter().map(|c| c.as_str()).collect())
    ));
    js.push_str(&format!(
        "export const STAGES = {};\n",
        list(Stage::ALL.iter().map(|s| s.as_str()).collect())
    ));
    js.push_str(&format!(
        "/** The calls whose arguments `slowCheck` checks, by number. */\nexport const CALLS = {};\n",
        list(
            mesh_maintenance::api::Call::ALL
                .iter()
                .map(|c| c.name())
                .collect()
        )
    ));
    js.push_str(&format!(
        "export const ERROR_CODES = {};\n",
        list(InputErrorCode::ALL.iter().map(|c| c.as_str()).collect())
    ));
    // The predicates of each kind: `rank`, `isNonActive` and
    // `isSteadyMaintenance` depend on the kind alone (SPEC section 2).
    let ranks: Vec<String> = StateKind::ALL
        .iter()
        .map(|k| k.rank().to_string())
        .collect();
    js.push_str(&format!("export const RANKS = [{}];\n", ranks.join(", ")));
    let flags = |predicate: fn(&mesh_maintenance::MaintenanceState) -> bool| -> String {
        StateKind::ALL
            .iter()
            .map(|k| {
                let state = mesh_maintenance::MaintenanceState::of_kind(
                    *k,
                    mesh_maintenance::Millis::ZERO,
                    None,
                    String::new,
                );
                predicate(&state).to_string()
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    js.push_str(&format!(
        "export const NON_ACTIVE = [{}];\n",
        flags(mesh_maintenance::MaintenanceState::is_non_active)
    ));
    js.push_str(&format!(
        "export const STEADY = [{}];\n",
        flags(mesh_maintenance::MaintenanceState::is_steady_maintenance)
    ));
    js.push_str(&format!(
        "/** The fields of each kind besides `kind`, in order. */\nexport const STATE_FIELDS = [{}];\n",
        StateKind::ALL
            .iter()
            .map(|k| list(k.fields().iter().map(|f| f.name()).collect()))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    js.push('\n');
    for &tag in Tag::ALL {
        js.push_str(&format!("export const {} = {};\n", tag.name(), tag as u32));
    }
    js.push_str(&format!(
        "export const UNKNOWN = {UNKNOWN};\nexport const MAX_KEYS = {MAX_KEYS};\nexport const KEY_BITS = {KEY_BITS};\n\n"
    ));
    js.push_str("\n/** The value encoding of the slow path (wasm/src/protocol.rs `ValueTag`). */\nexport const VALUE = { ");
    let tags: Vec<String> = ValueTag::ALL
        .iter()
        .map(|t| format!("{}: {}", t.name(), *t as u8))
        .collect();
    js.push_str(&tags.join(", "));
    js.push_str(" };\n");
    js.push_str(&format!(
        "export const CODEC = {{ MAX_DEPTH: {MAX_DEPTH}, MAX_OBJECT_KEYS: {MAX_OBJECT_KEYS}, KEY_UNITS: {KEY_UNITS}, LONG_KEY: {LONG_KEY}, STRING_UNITS: {STRING_UNITS}, HEAD_UNITS: {HEAD_UNITS}, BIGINT_DIGITS: {BIGINT_DIGITS}, COPIED_BYTES: {COPIED_BYTES} }};\n"
    ));
    let answers: Vec<String> = AnswerTag::ALL
        .iter()
        .map(|t| format!("{}: {}", t.name(), *t as u8))
        .collect();
    js.push_str(&format!(
        "export const ANSWER = {{ {} }};\n\n",
        answers.join(", ")
    ));
    for (name, fields) in [
        state_meta::JS,
        event_meta::JS,
        conditions_meta::JS,
        config_meta::JS,
        request_meta::JS,
        policy_meta::JS,
        status::JS,
        reason::JS,
        allowed::JS,
    ] {
        let members: Vec<String> = fields.iter().map(|(n, v)| format!("{n}: {v}")).collect();
        js.push_str(&format!(
            "export const {name} = {{ {} }};\n",
            members.join(", ")
        ));
    }
    js.push_str(&format!("export const OUT_LEN = {OUT_LEN};\n"));
    js.push_str(&format!(
        "/** Message numbers are below this (the JS cache is an array of this length). */\nexport const MESSAGE_COUNT = {};\n\n",
        mesh_maintenance::Message::COUNT
    ));
    js.push_str("/** A fresh state object of each kind, fields in the SPEC's order: `(since, deadline, reason)`. */\nexport const MAKE_STATE = [\n");
    for kind in StateKind::ALL {
        let fields = kind.fields();
        let members: Vec<String> = std::iter::once(format!("kind: \"{}\"", kind.name()))
            .chain(fields.iter().map(|f| match f {
                // A state without deadline writes `deadline: null`.
                StateField::Deadline => "deadline: deadline ?? null".to_owned(),
                other => other.name().to_owned(),
            }))
            .collect();
        js.push_str(&format!(
            "  (since, deadline, reason) => ({{ {} }}),\n",
            members.join(", ")
        ));
    }
    js.push_str("];\n");
    js
}
