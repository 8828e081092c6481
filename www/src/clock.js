// The simulated clock: the only source of `now` in the console. Every call
// into the rules receives its value explicitly.

export const SPEEDS = [1, 10, 60, 600];
/** Simulated time between two reconcile passes. */
export const TICK_MS = 1000;

export class SimClock {
  constructor({ now = 0, speed = 10, playing = true } = {}) {
    this.now = now;
    this.speed = speed;
    this.playing = playing;
    this.carry = 0;
  }

  /** Real milliseconds elapsed → whole simulated ticks to run. */
  ticksFor(realMs) {
    if (!this.playing) return 0;
    this.carry += realMs * this.speed;
    const ticks = Math.floor(this.carry / TICK_MS);
    this.carry -= ticks * TICK_MS;
    return ticks;
  }
}
