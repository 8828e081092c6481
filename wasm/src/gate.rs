//! The gate's functions (node snapshot views, the signing payload, signed
//! commits and operator registries): a module of their own, so that a page
//! that only checks rules never downloads them. Each has one path: the
//! arguments arrive whole, the core decodes them strictly and answers, and
//! the answer is written back in the SPEC's shapes.

use mesh_maintenance::{api, CommitVerdict, InputError, Plain, Verification};

use crate::answer::Writer;
use crate::exchange::answer;
use crate::value::Args;

impl Writer {
    /// A view in its dialect's shape: objects member by member, `bigint`s
    /// where the dialect has them.
    pub fn plain(&mut self, plain: &Plain) -> &mut Self {
        match plain {
            Plain::Null => self.null(),
            Plain::Number(n) => self.number(*n as f64),
            Plain::BigInt(n) => self.bigint(*n),
            Plain::Text(text) => self.string(text),
            Plain::Object(members) => {
                self.object(members.len());
                for (name, value) in members {
                    self.key(name).plain(value);
                }
                self
            }
        }
    }

    /// `{outcome, stage, code?, operatorId, message}`, the operator id as a
    /// decimal string (a u64 does not fit a number).
    pub fn commit_verdict(&mut self, verdict: &CommitVerdict) -> &mut Self {
        let decimal = mesh_maintenance::input::decimal;
        match verdict {
            CommitVerdict::Verified {
                operator_id,
                message,
            } => {
                self.object(4);
                self.key("outcome").string("verified");
                self.key("stage").string("signature");
                self.key("operatorId").string(&decimal(*operator_id));
                self.key("message").string(message)
            }
            CommitVerdict::Rejected {
                stage,
                code,
                operator_id,
                message,
            } => {
                self.object(5);
                self.key("outcome").string("rejected");
                self.key("stage").string(stage.as_str());
                self.key("code").string(code.as_str());
                self.key("operatorId").string(&decimal(*operator_id));
                self.key("message").string(message)
            }
        }
    }

    /// `{verdict}` when decided, else what the signature check needs and
    /// the verdict for each answer.
    pub fn verification(&mut self, verification: &Verification) -> &mut Self {
        match verification {
            Verification::Decided(verdict) => self.object(1).key("verdict").commit_verdict(verdict),
            Verification::Check {
                public_key,
                payload,
                signature,
                valid,
                invalid,
            } => {
                self.object(5);
                self.key("publicKey").bytes(public_key.as_slice());
                self.key("payload").bytes(payload);
                self.key("signature").bytes(signature);
                self.key("valid").commit_verdict(valid);
                self.key("invalid").commit_verdict(invalid)
            }
        }
    }
}

/// Declares an export: its name in JavaScript and its body.
macro_rules! gate_export {
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

gate_export! {
    /// `fromView(view, observedAt, dialect)`.
    "fromView" fn from_view(args, out) {
        let state = api::from_view(&args.next_value(), &args.next_value(), &args.next_value())?;
        out.state(&state);
    }
}

gate_export! {
    /// `toView(state, now, dialect)`.
    "toView" fn to_view(args, out) {
        let view = api::to_view(&args.next_value(), &args.next_value(), &args.next_value())?;
        out.plain(&view);
    }
}

gate_export! {
    /// `adminSigningPayload(command, issuedAt)`.
    "adminSigningPayload" fn admin_signing_payload(args, out) {
        let payload = api::admin_signing_payload(&args.next_value(), &args.next_value())?;
        out.bytes(&payload);
    }
}

gate_export! {
    /// `prepareAdminCommit(commit, now, registry, policy)`.
    "prepareAdminCommit" fn prepare_admin_commit(args, out) {
        let verification = api::prepare_admin_commit(
            &args.next_value(),
            &args.next_value(),
            &args.next_value(),
            &args.next_value(),
        )?;
        out.verification(&verification);
    }
}

gate_export! {
    /// `checkOperatorRegistry(registry)`: how many operators it names.
    "checkOperatorRegistry" fn check_operator_registry(args, out) {
        let operators = api::operator_registry(&args.next_value())?;
        out.number(operators as f64);
    }
}
