import { PerformanceObserver, constants } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A forced full GC, so heap figures before and after a run compare like with like. */
export function forceGc(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}

/**
 * Counts garbage collections while `fn` runs. A run with no allocation triggers none: even a few
 * bytes per update over millions of updates fills the young generation and forces scavenges.
 */
export async function countGcs(fn: () => void): Promise<{ minor: number; major: number }> {
  let minor = 0;
  let major = 0;
  const obs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
      else major++;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  fn();
  // GC entries are delivered asynchronously.
  await new Promise((r) => setTimeout(r, 50));
  obs.disconnect();
  return { minor, major };
}
