/**
 * What the fan-out benches watch on a server process while load runs, in one place (the sweep, the
 * ws-transport bench and low-rate.ts used to carry a copy each): a memory watchdog that ends the run
 * when the server's RSS passes a cap (peers without backpressure buffer without bound past their
 * capacity), its peak RSS, and its CPU (user and system apart) over each measurement window.
 */
import { cpuSplit, rssBytes } from './proc.ts';

export interface CpuWindow {
  readonly userS: number;
  readonly systemS: number;
  readonly wallS: number;
}

const EMPTY: CpuWindow = { userS: 0, systemS: 0, wallS: 0 };

export class ServerMeter {
  /** Aborted (with the reason) when the server passes the RSS cap: hand its signal to runLoad. */
  readonly abort = new AbortController();
  overloaded = false;
  rssPeak: number;
  private readonly windows: { user0: number; system0: number; t0: number; user1: number; system1: number; t1: number }[] = [];
  private current = -1;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    private readonly alive: () => boolean,
    rssCapBytes: number,
  ) {
    this.rssPeak = rssBytes(pid);
    this.watchdog = setInterval(() => {
      if (!this.alive()) return;
      const rss = rssBytes(pid);
      this.rssPeak = Math.max(this.rssPeak, rss);
      if (rss > rssCapBytes && !this.overloaded) {
        this.overloaded = true;
        // The window in progress ends here: what follows is a server being killed.
        const w = this.windows[this.current];
        if (w !== undefined && w.t1 === 0) this.close(w);
        this.abort.abort(`server RSS over ${(rssCapBytes / 2 ** 30).toFixed(1)} GiB`);
      }
    }, 250);
  }

  /** Starts measurement window `i` (a sweep point). */
  start(i: number): void {
    const { user, system } = cpuSplit(this.pid);
    this.windows[i] = { user0: user, system0: system, t0: performance.now(), user1: 0, system1: 0, t1: 0 };
    this.current = i;
  }

  /** Ends window `i`, unless the server is gone or was cut off (then the watchdog already ended it). */
  end(i: number): void {
    const w = this.windows[i];
    if (w === undefined || w.t1 > 0 || this.overloaded || !this.alive()) return;
    this.close(w);
  }

  /** Server CPU over window `i`; zeros when it was never measured. */
  cpu(i: number): CpuWindow {
    const w = this.windows[i];
    if (w === undefined || w.t1 <= w.t0) return EMPTY;
    return { userS: w.user1 - w.user0, systemS: w.system1 - w.system0, wallS: (w.t1 - w.t0) / 1000 };
  }

  stop(): void {
    clearInterval(this.watchdog);
  }

  private close(w: { user1: number; system1: number; t1: number }): void {
    const { user, system } = cpuSplit(this.pid);
    w.user1 = user;
    w.system1 = system;
    w.t1 = performance.now();
  }
}
