//! A state written back in the SPEC's shape (what `fromView` and the
//! columns' replay answer): members in the order `js/rules.js` and the SPEC
//! write them.

use mesh_maintenance::{MaintenanceState, StateField};

use crate::answer::Writer;

impl Writer {
    /// `{kind, ...fields}`, a state without a deadline writing `deadline: null`.
    #[inline(never)]
    pub fn state(&mut self, state: &MaintenanceState) -> &mut Self {
        let kind = state.kind();
        self.object(1 + kind.fields().len());
        self.key("kind").string(kind.name());
        for field in kind.fields() {
            self.key(field.name());
            match field {
                StateField::Since => self.nullable(state.since()),
                StateField::Deadline => self.nullable(state.deadline()),
                StateField::Reason => self.string(state.reason().unwrap_or_default()),
            };
        }
        self
    }
}
