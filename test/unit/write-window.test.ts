/**
 * The write window's length against the event loop's utilisation (server/transport/write-window.ts),
 * measured on this process's real loop: busy work stretches it, idle time shrinks it back.
 */
import { describe, expect, it } from 'vitest';

import { WriteWindow, windowFor } from '../../server/transport/write-window.ts';

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // no idle time at all
  }
}
const idleFor = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('write window', () => {
  it('is the quiet length on an idle loop, the loaded length on a busy one, linear between', () => {
    expect(windowFor(0, 1, 4)).toBe(1);
    expect(windowFor(0.3, 1, 4)).toBe(1);
    expect(windowFor(0.55, 1, 4)).toBeCloseTo(2.5, 5);
    expect(windowFor(0.8, 1, 4)).toBe(4);
    expect(windowFor(1, 1, 4)).toBe(4);
  });

  it('stays fixed when the loaded length is not above the quiet one', async () => {
    const fixed = new WriteWindow(1, 1);
    expect(fixed.adapts).toBe(false);
    fixed.next();
    busyFor(150);
    expect(fixed.next()).toBe(1);
    expect(new WriteWindow(2, 0).next()).toBe(2);
    expect(new WriteWindow(0, 0).next()).toBe(0);
    await idleFor(1);
  });

  it('stretches while the loop is busy and comes back once it is quiet', async () => {
    const window = new WriteWindow(1, 4);
    expect(window.next()).toBe(1);
    busyFor(250);
    expect(window.next()).toBeGreaterThan(3.5);
    await idleFor(400);
    expect(window.next()).toBeLessThan(1.5);
  });
});
