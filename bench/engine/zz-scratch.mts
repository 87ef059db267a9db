import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';
import { printStream } from './fixtures.ts';
const miners = await loadBasketFile(defaultBasketPaths()[0]!);
const s = printStream(miners, 1_024_000);
const lastAt = new Int32Array(64).fill(-1), lastReg = new Int32Array(64), high = new Float64Array(64), low = new Float64Array(64), touched = new Int32Array(64);
function phase1(slots: Int32Array, prices: Float64Array, sessions: Uint8Array, start: number, end: number, mode: number): number {
  let m = 0;
  for (let k = start; k < end; k++) {
    const slot = slots[k]!;
    const p = prices[k]!;
    if (lastAt[slot]! < 0) { touched[m++] = slot; high[slot] = p; low[slot] = p; lastReg[slot] = -1; }
    else if (mode === 1) { high[slot] = Math.max(high[slot]!, p); low[slot] = Math.min(low[slot]!, p); }
    else if (mode === 2) { if (p > high[slot]!) high[slot] = p; if (p < low[slot]!) low[slot] = p; }
    lastAt[slot] = k;
    if (sessions[k] === 1) lastReg[slot] = k;
  }
  for (let i = 0; i < m; i++) lastAt[touched[i]!] = -1;
  return m;
}
for (const mode of [0, 1, 2, 1, 2, 0]) {
  let sink = 0;
  const c0 = process.cpuUsage();
  for (let r = 0; r < 20; r++) for (let b = 0; b < 1024; b++) sink += phase1(s.slots, s.columns.prices, s.columns.sessions, b * 1000, b * 1000 + 1000, mode);
  const c = process.cpuUsage(c0);
  console.log(mode, ((c.user + c.system) * 1000) / (20 * 1024000), 'ns/print', sink);
}
