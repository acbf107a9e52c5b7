import { describe, expect, it } from 'vitest';
import { createFrameScheduler } from './frame-scheduler';

/** A frame clock the test advances by hand, like a browser's animation frames. */
function manualFrames() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    request: (callback: () => void) => {
      pending.set(++next, callback);
      return next;
    },
    cancel: (handle: number) => void pending.delete(handle),
    tick() {
      const due = [...pending.values()];
      pending.clear();
      for (const callback of due) callback();
    },
    get pending() {
      return pending.size;
    },
  };
}

describe('createFrameScheduler', () => {
  it('flushes once per frame however many requests arrive', () => {
    const frames = manualFrames();
    let flushes = 0;
    const scheduler = createFrameScheduler(() => flushes++, frames.request, frames.cancel);
    for (let i = 0; i < 1000; i++) scheduler.request();
    expect(frames.pending).toBe(1);
    frames.tick();
    expect(flushes).toBe(1);
    frames.tick();
    expect(flushes).toBe(1);
    scheduler.request();
    frames.tick();
    expect(flushes).toBe(2);
  });

  it('flushes a pending request at once on demand, and nothing after dispose', () => {
    const frames = manualFrames();
    let flushes = 0;
    const scheduler = createFrameScheduler(() => flushes++, frames.request, frames.cancel);
    scheduler.flushNow();
    expect(flushes).toBe(0);
    scheduler.request();
    scheduler.flushNow();
    expect(flushes).toBe(1);
    expect(frames.pending).toBe(0);
    scheduler.request();
    scheduler.dispose();
    scheduler.request();
    frames.tick();
    expect(flushes).toBe(1);
  });

  it('falls back to a timer where there are no animation frames (Node)', async () => {
    let flushes = 0;
    const scheduler = createFrameScheduler(() => flushes++);
    scheduler.request();
    scheduler.request();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(flushes).toBe(1);
  });
});
