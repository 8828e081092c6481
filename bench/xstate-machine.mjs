// The same maintenance machine in XState v5, as a team using XState would
// model it: the six states, the guarded forced exit, the deadline and the
// timestamps as context data, and `now` carried by every event.
import { assign, createMachine } from "xstate";

const DEFAULT_DRAIN_FOR_MS = 600_000;
const RECOVERY_RAMP_WINDOW_MS = 300_000;

export const maintenanceMachine = createMachine({
  id: "maintenance",
  initial: "Active",
  context: { since: null, deadline: null, reason: null },
  states: {
    Active: {
      on: {
        EnterMaintenance: {
          target: "EnteringMaintenance",
          actions: assign(({ event }) => {
            const window = event.drainForMs ?? DEFAULT_DRAIN_FOR_MS;
            return { since: event.now, deadline: Math.min(Number.MAX_SAFE_INTEGER, event.now + window), reason: null };
          }),
        },
      },
    },
    EnteringMaintenance: {
      on: {
        Reconcile: [
          {
            guard: ({ event }) => event.conditions.replicasDrained && event.conditions.daemonsStopped,
            target: "Maintenance",
            actions: assign(({ event }) => ({ since: event.now, deadline: null })),
          },
          {
            guard: ({ context, event }) => context.deadline !== null && event.now >= context.deadline,
            target: "DrainFailed",
            actions: assign(({ context, event }) => ({
              since: event.now,
              deadline: null,
              reason: `drain deadline elapsed after ${Math.max(0, event.now - context.since)}ms`,
            })),
          },
        ],
      },
    },
    Maintenance: {
      on: { ExitMaintenance: { target: "ExitingMaintenance", actions: assign(({ event }) => ({ since: event.now })) } },
    },
    DrainFailed: {
      on: {
        ExitMaintenance: {
          guard: ({ event }) => event.force === true,
          target: "ExitingMaintenance",
          actions: assign(({ event }) => ({ since: event.now, reason: null })),
        },
      },
    },
    ExitingMaintenance: {
      on: {
        Reconcile: {
          guard: ({ event }) => event.conditions.daemonsHealthy,
          target: "Recovery",
          actions: assign(({ event }) => ({ since: event.now })),
        },
      },
    },
    Recovery: {
      on: {
        Reconcile: {
          guard: ({ context, event }) => Math.max(0, event.now - context.since) >= RECOVERY_RAMP_WINDOW_MS,
          target: "Active",
          actions: assign(() => ({ since: null })),
        },
      },
    },
  },
});
