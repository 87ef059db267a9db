/**
 * Maps real (wall-clock) time to simulated exchange time for a live simulator: sim = start + (real −
 * anchor) × speed. The anchor is the real instant at which simulated time was `startSimMs`; it is set
 * explicitly or by the first reading, so a simulator built long before its live loop starts does not
 * begin with a backlog.
 */
export class SimClock {
  readonly startSimMs: number;
  /** Simulated milliseconds per real millisecond. */
  readonly speed: number;
  private anchorMs: number;

  constructor(startSimMs: number, speed: number) {
    this.startSimMs = startSimMs;
    this.speed = speed;
    this.anchorMs = NaN;
  }

  get anchored(): boolean {
    return !Number.isNaN(this.anchorMs);
  }

  /** Real time at which simulated time was `startSimMs`. Re-anchoring moves the mapping (use before a run). */
  anchor(realMs: number): void {
    this.anchorMs = realMs;
  }

  /** Simulated time at a real instant; anchors at `realMs` if not anchored yet. Never before the start. */
  simTimeAt(realMs: number): number {
    if (Number.isNaN(this.anchorMs)) this.anchorMs = realMs;
    const elapsed = realMs - this.anchorMs;
    return this.startSimMs + (elapsed > 0 ? elapsed * this.speed : 0);
  }
}
