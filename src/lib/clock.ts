// Time source injected everywhere so tests can drive time (FakeClock in test/support).
// nowMs is wall-clock milliseconds; timers come back through setTimer so fakes can fire them.

export interface Clock {
  nowMs(): number;
  setTimer(ms: number, fn: () => void): TimerHandle;
}

export interface TimerHandle {
  cancel(): void;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

export const nowSeconds = (clock: Clock): number => Math.floor(clock.nowMs() / 1000);
