/**
 * The aggregator's bus, with its output held while the state is being restored: replaying the log
 * drives the feed batch by batch (so bars and seqs come out as in an uninterrupted run), and none of
 * those intermediate frames may reach gateways. Once restored, `release()` and the feed's `rebaseAll()`
 * put every topic's restored state on the bus at once. A standby holds its output until it is active.
 */
import type { Bus, BusFrame, BusState, BusStats, TopicStart } from '../bus/types.ts';

export class HeldBus implements Bus {
  readonly name: string;
  private held: boolean;

  constructor(
    private readonly inner: Bus,
    held: boolean,
  ) {
    this.name = inner.name;
    this.held = held;
  }

  get isHeld(): boolean {
    return this.held;
  }

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
  }

  publish(frame: BusFrame): void {
    if (!this.held) this.inner.publish(frame);
  }

  putBase(frame: BusFrame): void {
    if (!this.held) this.inner.putBase(frame);
  }

  subscribe(topic: string, onFrame: (frame: BusFrame) => void): Promise<void> {
    return this.inner.subscribe(topic, onFrame);
  }

  unsubscribe(topic: string): Promise<void> {
    return this.inner.unsubscribe(topic);
  }

  load(topic: string): Promise<TopicStart> {
    return this.inner.load(topic);
  }

  onState(listener: (state: BusState) => void): void {
    this.inner.onState(listener);
  }

  stats(): BusStats {
    return this.inner.stats();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
