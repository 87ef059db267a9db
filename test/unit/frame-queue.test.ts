import { describe, expect, it } from 'vitest';
import { FrameQueue } from '../../server/feed/frame-queue.ts';
import type { FramePublisher } from '../../server/feed/topic.ts';

function recorder(): FramePublisher & { sent: [string, Uint8Array | string][] } {
  const sent: [string, Uint8Array | string][] = [];
  return { sent, publish: (t, d) => void sent.push([t, d]), subscriberCount: () => 1 };
}

describe('FrameQueue', () => {
  it('hands frames over after the current turn, in order, in one flush', async () => {
    const target = recorder();
    const q = new FrameQueue(target);
    q.publish('a', 'one');
    q.publish('b', new Uint8Array([2]));
    q.publish('a', 'three');
    expect(target.sent).toEqual([]);
    expect(q.pending).toBe(3);
    await new Promise((r) => setImmediate(r));
    expect(target.sent.map(([t, d]) => [t, typeof d === 'string' ? d : [...d]])).toEqual([
      ['a', 'one'],
      ['b', [2]],
      ['a', 'three'],
    ]);
    expect(q.pending).toBe(0);
  });

  it('flushes on demand (before a snapshot is sent), and the scheduled flush then finds nothing', async () => {
    const target = recorder();
    const q = new FrameQueue(target);
    q.publish('a', 'x');
    q.flush();
    expect(target.sent).toEqual([['a', 'x']]);
    q.publish('a', 'y');
    await new Promise((r) => setImmediate(r));
    expect(target.sent).toEqual([
      ['a', 'x'],
      ['a', 'y'],
    ]);
  });
});
