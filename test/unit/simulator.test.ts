import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { wire, type hashcap } from '../../proto/wire.ts';
import { HashcapError } from '../../server/errors.ts';
import type { Tick } from '../../server/tick/tick.ts';
import { Prng, deriveSeed } from '../../server/sources/simulator/prng.ts';
import { MarketSimulator, type SimEvent, type SimulatorOptions } from '../../server/sources/simulator/simulator.ts';
import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';
import { Session } from '../../server/market/session-types.ts';
import { dayInfo, sessionAt, type TradingDayInfo } from '../../server/market/sessions.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const TRADE = wire.TickKind.TICK_TRADE;
const QUOTE = wire.TickKind.TICK_QUOTE;

const basket = await loadBasketFile(defaultBasketPaths()[0]!);
const SYMBOLS = basket.constituents;

function tradingDay(date: string): TradingDayInfo {
  const info = dayInfo(date);
  if (!info.isTradingDay) throw new Error(`${date} is not a trading day`);
  return info;
}

// An ordinary week: Monday 2026-03-02 … Friday 2026-03-06 (EST).
const MON = tradingDay('2026-03-02');
const TUE = tradingDay('2026-03-03');

function sim(options: Partial<SimulatorOptions> & { startTimeMs: number }): MarketSimulator {
  return new MarketSimulator(SYMBOLS, { seed: 7, ...options });
}

/** Runs the simulator to `endMs` in windows of `stepMs`, collecting every tick. */
function run(s: MarketSimulator, endMs: number, stepMs = MINUTE): Tick[] {
  const all: Tick[] = [];
  for (let t = s.simTimeMs + stepMs; ; t += stepMs) {
    const until = Math.min(t, endMs);
    for (const tick of s.nextBatch(1_000_000, until)) all.push(tick);
    if (until === endMs) break;
  }
  return all;
}

function countIn(ticks: readonly Tick[], from: number, to: number): number {
  let n = 0;
  for (const t of ticks) if (t.timeMs! >= from && t.timeMs! < to) n++;
  return n;
}

function onGrid(price: number): boolean {
  const scale = price >= 1 ? 100 : 10_000;
  return Math.abs(price * scale - Math.round(price * scale)) < 1e-6;
}

/** Every invariant a single tick must satisfy; returns the first violation or null. */
function tickProblem(t: Tick): string | null {
  const { price, bid, ask, size, bidSize, askSize, timeMs, kind } = t as Required<hashcap.v1.ITick>;
  if (!(bid! > 0 && ask! > 0 && price! > 0)) return 'non-positive price';
  if (!(bid! < ask!)) return `crossed or locked quote ${bid}/${ask}`;
  if (!onGrid(bid!) || !onGrid(ask!) || !onGrid(price!)) return `off the tick grid: ${price} ${bid}/${ask}`;
  if (!(bidSize! >= 100 && bidSize! <= 5000 && bidSize! % 100 === 0)) return `bid size ${bidSize}`;
  if (!(askSize! >= 100 && askSize! <= 5000 && askSize! % 100 === 0)) return `ask size ${askSize}`;
  if (!Number.isInteger(timeMs)) return `time ${timeMs} not a whole ms`;
  const session = sessionAt(timeMs!);
  if (session === Session.Closed) return `tick while closed at ${new Date(timeMs!).toISOString()}`;
  if (kind === TRADE) {
    if (!(Number.isInteger(size) && size! >= 1 && size! <= 5099)) return `trade size ${size}`;
    if (!(price! >= bid! && price! <= ask!)) return `trade ${price} outside ${bid}/${ask}`;
    const expected = session === Session.Regular ? [] : ['T'];
    if (JSON.stringify(t.conditions) !== JSON.stringify(expected)) return `conditions ${JSON.stringify(t.conditions)}`;
  } else if (kind === QUOTE) {
    if (size !== 0 || t.conditions!.length !== 0) return 'quote with a size or conditions';
  } else {
    return `kind ${kind}`;
  }
  return null;
}

function sampleCorrelation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    sxy += (x[k]! - mx) * (y[k]! - my);
    sxx += (x[k]! - mx) ** 2;
    syy += (y[k]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Large tapes are compared as JSON text: exact, and far faster than a structural deep-equal. */
function sameTape(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err: unknown) {
    return err instanceof HashcapError ? err.code : `not a HashcapError: ${String(err)}`;
  }
  return undefined;
}

// One ordinary Monday at a modest rate, shared by the session-shape and invariant tests.
const DAY_RATE = 20;
const day = sim({ startTimeMs: MON.startMs, rate: DAY_RATE });
const dayTicks = run(day, MON.endMs);

describe('Prng', () => {
  it('reproduces the xoshiro128** reference output', () => {
    const p = Prng.fromState(1, 2, 3, 4);
    const out = Array.from({ length: 10 }, () => p.nextUint32());
    expect(out).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('is deterministic per seed, uniform in [0, 1) and gives standard normals', () => {
    const a = new Prng(123);
    const b = new Prng(123);
    const c = new Prng(124);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs).not.toEqual(Array.from({ length: 1000 }, () => c.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);

    const p = new Prng(deriveSeed(5, 'normals'));
    let sum = 0;
    let sumSq = 0;
    let uniformSum = 0;
    const n = 200_000;
    for (let k = 0; k < n; k++) {
      const z = p.normal();
      sum += z;
      sumSq += z * z;
      uniformSum += p.next();
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02);
    expect(Math.abs(uniformSum / n - 0.5)).toBeLessThan(0.005);
  });

  it('derives different seeds for different streams', () => {
    expect(deriveSeed(1, 'MARA')).not.toBe(deriveSeed(1, 'RIOT'));
    expect(deriveSeed(1, 'MARA')).not.toBe(deriveSeed(2, 'MARA'));
    expect(deriveSeed(1, 'MARA')).toBe(deriveSeed(1, 'MARA'));
  });
});

describe('MarketSimulator: determinism', () => {
  const start = MON.regularOpenMs - 10 * MINUTE;
  const end = MON.regularOpenMs + 20 * MINUTE;

  it('gives deep-equal and byte-identical batches for the same seed and calls', () => {
    const a = sim({ startTimeMs: start, rate: 200 });
    const b = sim({ startTimeMs: start, rate: 200 });
    let batches = 0;
    for (let t = start + 30 * SECOND; t <= end; t += 30 * SECOND) {
      const ba = a.nextIngestBatch(5000, t);
      const bb = b.nextIngestBatch(5000, t);
      expect(ba.batchId).toBe(++batches);
      expect(bb.ticks!.length).toBe(ba.ticks!.length);
      expect(sameTape(ba.ticks!, bb.ticks!)).toBe(true);
      const bytesA = Buffer.from(wire.IngestBatch.encode(ba).finish());
      const bytesB = Buffer.from(wire.IngestBatch.encode(bb).finish());
      expect(bytesA.equals(bytesB)).toBe(true);
    }
    // The first batch, structurally and through a protobuf round trip.
    const c = sim({ startTimeMs: start, rate: 200 });
    const d = sim({ startTimeMs: start, rate: 200 });
    const first = c.nextBatch(50, end);
    expect(first).toEqual(d.nextBatch(50, end));
    const decoded = wire.IngestBatch.decode(wire.IngestBatch.encode({ batchId: 1, ticks: first }).finish());
    expect(wire.IngestBatch.toObject(decoded, { defaults: true }).ticks).toEqual(first);
    expect(a.stats.ticks).toBeGreaterThan(1000);
    expect(a.btcSpot).toBe(b.btcSpot);
    expect(a.drainEvents()).toEqual(b.drainEvents());
  });

  it('gives a different tape for a different seed', () => {
    const a = run(sim({ startTimeMs: start, seed: 1, rate: 200 }), end);
    const b = run(sim({ startTimeMs: start, seed: 2, rate: 200 }), end);
    expect(a.length).toBeGreaterThan(1000);
    expect(sameTape(a, b)).toBe(false);
    expect(a.slice(0, 20)).not.toEqual(b.slice(0, 20));
  });

  it('gives the same tape however it is cut into batches (property)', () => {
    const reference = run(sim({ startTimeMs: start, rate: 20 }), end, end - start);
    fc.assert(
      fc.property(
        fc.array(fc.record({ stepMs: fc.integer({ min: 0, max: 5 * MINUTE }), maxTicks: fc.integer({ min: 0, max: 3000 }) }), {
          minLength: 1,
          maxLength: 30,
        }),
        (calls) => {
          const s = sim({ startTimeMs: start, rate: 20 });
          const got: Tick[] = [];
          let until = start;
          for (const { stepMs, maxTicks } of calls) {
            until = Math.min(end, until + stepMs);
            got.push(...s.nextBatch(maxTicks, until));
          }
          // Drain the rest in one go.
          while (s.backlogged || s.simTimeMs < end) got.push(...s.nextBatch(100_000, end));
          expect(sameTape(got, reference)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('MarketSimulator: sessions', () => {
  it('prints nothing while the market is closed', () => {
    const cases: [string, number, number][] = [
      ['Saturday', dayInfo('2026-03-07').startMs, dayInfo('2026-03-07').endMs],
      ['Sunday into Monday 04:00', dayInfo('2026-03-01').startMs, MON.preOpenMs],
      ['02:00–04:00 ET on a Tuesday', TUE.startMs + 2 * HOUR, TUE.preOpenMs],
      ['after 20:00 ET', MON.postCloseMs, MON.endMs],
      ['Thanksgiving 2026-11-26', dayInfo('2026-11-26').startMs, dayInfo('2026-11-26').endMs],
    ];
    for (const [name, from, to] of cases) {
      const s = sim({ startTimeMs: from, rate: 10_000 });
      // `to` is where the closed stretch ends (exclusive); windows are inclusive of their end.
      const ticks = run(s, to - 1, 17 * MINUTE);
      expect({ name, ticks: ticks.length }).toEqual({ name, ticks: 0 });
      expect(s.simTimeMs).toBe(to - 1);
    }
    // …and it does print right after: Monday's pre-market opens at 04:00.
    const s = sim({ startTimeMs: MON.preOpenMs - MINUTE, rate: 10_000 });
    expect(s.nextBatch(10, MON.preOpenMs - 1)).toEqual([]);
    expect(s.nextBatch(10, MON.preOpenMs + MINUTE).length).toBe(10);
  });

  it('keeps extended hours thin: 5–10 % of the regular intensity', () => {
    const perMinute = (from: number, to: number): number => countIn(dayTicks, from, to) / ((to - from) / MINUTE);
    const regular = perMinute(MON.regularOpenMs + HOUR, MON.regularCloseMs - HOUR);
    const pre = perMinute(MON.preOpenMs, MON.regularOpenMs);
    const post = perMinute(MON.regularCloseMs, MON.postCloseMs);
    // rate is ticks per real second at mid-session intensity, at speed 1.
    expect(regular / 60).toBeGreaterThan(DAY_RATE * 0.95);
    expect(regular / 60).toBeLessThan(DAY_RATE * 1.05);
    expect(pre / regular).toBeGreaterThan(0.05);
    expect(pre / regular).toBeLessThan(0.1);
    expect(post / regular).toBeGreaterThan(0.05);
    expect(post / regular).toBeLessThan(0.1);
  });

  it('bursts after the open and ramps into the close', () => {
    const regularAverage = countIn(dayTicks, MON.regularOpenMs, MON.regularCloseMs) / 390;
    const firstFive = countIn(dayTicks, MON.regularOpenMs, MON.regularOpenMs + 5 * MINUTE) / 5;
    const firstMinute = countIn(dayTicks, MON.regularOpenMs, MON.regularOpenMs + MINUTE);
    const midday = countIn(dayTicks, MON.regularOpenMs + 2 * HOUR, MON.regularOpenMs + 3 * HOUR) / 60;
    const lastFive = countIn(dayTicks, MON.regularCloseMs - 5 * MINUTE, MON.regularCloseMs) / 5;
    expect(firstFive).toBeGreaterThan(1.5 * regularAverage);
    expect(firstMinute).toBeGreaterThan(3 * midday);
    expect(lastFive).toBeGreaterThan(1.3 * midday);
    expect(lastFive).toBeLessThan(firstFive);
  });

  it('follows half days: the regular session ends at 13:00', () => {
    const half = tradingDay('2026-11-27');
    expect(half.earlyClose).toBe(true);
    const ticks = run(sim({ startTimeMs: half.startMs, rate: 20 }), half.endMs);
    const regularTrades = ticks.filter((t) => t.kind === TRADE && t.conditions!.length === 0);
    expect(regularTrades.length).toBeGreaterThan(1000);
    expect(Math.max(...regularTrades.map((t) => t.timeMs!))).toBeLessThan(half.regularCloseMs);
    expect(ticks.every((t) => t.timeMs! < half.postCloseMs)).toBe(true);
  });
});

describe('MarketSimulator: tape invariants', () => {
  it('keeps every tick well-formed over a whole day', () => {
    expect(dayTicks.length).toBeGreaterThan(400_000);
    let problem: string | null = null;
    for (const t of dayTicks) {
      problem = tickProblem(t);
      if (problem !== null) break;
    }
    expect(problem).toBeNull();
  });

  it('numbers each symbol from 1 without gaps and keeps time non-decreasing', () => {
    const lastSeq = new Map<string, number>();
    let lastTime = -Infinity;
    let ordered = true;
    let contiguous = true;
    for (const t of dayTicks) {
      const prev = lastSeq.get(t.symbol!) ?? 0;
      if (t.seq !== prev + 1) contiguous = false;
      lastSeq.set(t.symbol!, t.seq!);
      if (t.timeMs! < lastTime) ordered = false;
      lastTime = t.timeMs!;
    }
    expect(contiguous).toBe(true);
    expect(ordered).toBe(true);
    expect([...lastSeq.keys()].sort()).toEqual(SYMBOLS.map((c) => c.ticker).sort());
  });

  it('returns only ticks inside the requested window', () => {
    const s = sim({ startTimeMs: MON.regularOpenMs, rate: 500 });
    let from = MON.regularOpenMs;
    for (let k = 1; k <= 60; k++) {
      const until = MON.regularOpenMs + k * 7_777;
      const batch = s.nextBatch(1_000_000, until);
      expect(batch.length).toBeGreaterThan(0);
      const times = batch.map((t) => t.timeMs!);
      expect(Math.min(...times)).toBeGreaterThanOrEqual(from);
      expect(Math.max(...times)).toBeLessThanOrEqual(until);
      from = until + 1;
    }
    // Time never goes backwards: asking for an earlier time advances nothing.
    const now = s.simTimeMs;
    expect(s.nextBatch(1000, now - MINUTE)).toEqual([]);
    expect(s.simTimeMs).toBe(now);
  });

  it('mixes trades and quotes with realistic sizes and spreads', () => {
    const regular = dayTicks.filter((t) => t.timeMs! >= MON.regularOpenMs && t.timeMs! < MON.regularCloseMs);
    const trades = regular.filter((t) => t.kind === TRADE);
    const tradeShare = trades.length / regular.length;
    expect(tradeShare).toBeGreaterThan(0.37);
    expect(tradeShare).toBeLessThan(0.43);
    const oddLots = trades.filter((t) => t.size! < 100).length / trades.length;
    const roundLots = trades.filter((t) => t.size! % 100 === 0).length / trades.length;
    const blocks = trades.filter((t) => t.size! >= 2000).length / trades.length;
    expect(oddLots).toBeGreaterThan(0.1);
    expect(oddLots).toBeLessThan(0.4);
    expect(roundLots).toBeGreaterThan(0.5);
    expect(blocks).toBeGreaterThan(0.001);
    expect(blocks).toBeLessThan(0.1);

    // Spread in ticks: a few in the regular session, wider after hours.
    const spreadTicks = (t: Tick): number => Math.round(((t.ask! - t.bid!) * 100) / (t.bid! >= 1 ? 1 : 0.01));
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const post = dayTicks.filter((t) => t.timeMs! >= MON.regularCloseMs);
    const iren = (ts: Tick[]) => ts.filter((t) => t.symbol === 'IREN').map(spreadTicks);
    const regularSpread = median(iren(regular));
    const postSpread = median(iren(post));
    expect(regularSpread).toBeGreaterThanOrEqual(1);
    expect(regularSpread).toBeLessThanOrEqual(5);
    expect(postSpread).toBeGreaterThan(2 * regularSpread);
  });

  it('keeps prices positive, on the grid and uncrossed for any seed and window (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 5 * 24 * HOUR }),
        fc.array(fc.record({ stepMs: fc.integer({ min: 1, max: 2 * HOUR }), maxTicks: fc.integer({ min: 1, max: 2000 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        // Include sub-dollar and four-figure stocks.
        fc.constantFrom(0.05, 0.97, 1.01, 3.84, 48.45, 2150),
        (seed, offsetMs, calls, oddPrice) => {
          const symbols = [...SYMBOLS.slice(0, 4), { ticker: 'ODD', previousClose: oddPrice }];
          const s = new MarketSimulator(symbols, { seed, startTimeMs: MON.startMs + offsetMs, rate: 50, speed: 1, haltRate: 0.5 });
          const lastSeq = new Map<string, number>();
          let lastTime = -Infinity;
          let due = s.simTimeMs;
          let completedTo = -Infinity;
          for (const { stepMs, maxTicks } of calls) {
            due += stepMs;
            const batch = s.nextBatch(maxTicks, due);
            expect(batch.length).toBeLessThanOrEqual(maxTicks);
            for (const t of batch) {
              const problem =
                tickProblem(t) ??
                (t.seq !== (lastSeq.get(t.symbol!) ?? 0) + 1 ? `seq ${t.seq} after ${lastSeq.get(t.symbol!)}` : null) ??
                (t.timeMs! < lastTime ? 'time went backwards' : null) ??
                (t.timeMs! <= completedTo || t.timeMs! > due ? `time ${t.timeMs} outside (${completedTo}, ${due}]` : null);
              if (problem !== null) expect.fail(`${t.symbol}: ${problem}`);
              lastSeq.set(t.symbol!, t.seq!);
              lastTime = t.timeMs!;
            }
            if (!s.backlogged) completedTo = due;
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('MarketSimulator: price model', () => {
  it('moves the miners together with bitcoin and the sector (positive correlation of returns)', () => {
    const s = sim({ startTimeMs: MON.startMs, rate: 20, seed: 11 });
    const mids = new Map<string, number>();
    const returns = new Map<string, number[]>(SYMBOLS.map((c) => [c.ticker, []]));
    const btc: number[] = [];
    for (const date of ['2026-03-02', '2026-03-03', '2026-03-04']) {
      const d = tradingDay(date);
      s.skipTo(d.regularOpenMs + 10 * MINUTE);
      let btcBefore = NaN;
      const before = new Map<string, number>();
      for (let t = d.regularOpenMs + 15 * MINUTE; t <= d.regularCloseMs - 15 * MINUTE; t += 5 * MINUTE) {
        for (const tick of s.nextBatch(1_000_000, t)) mids.set(tick.symbol!, (tick.bid! + tick.ask!) / 2);
        if (before.size === SYMBOLS.length) {
          for (const [ticker, mid] of mids) returns.get(ticker)!.push(Math.log(mid / before.get(ticker)!));
          btc.push(Math.log(s.btcSpot / btcBefore));
        }
        for (const [ticker, mid] of mids) before.set(ticker, mid);
        btcBefore = s.btcSpot;
      }
    }
    const r = (ticker: string): number[] => returns.get(ticker)!;
    expect(r('MARA').length).toBeGreaterThan(200);
    expect(sampleCorrelation(r('MARA'), r('RIOT'))).toBeGreaterThan(0.2);
    const pairs: number[] = [];
    for (let a = 0; a < SYMBOLS.length; a++) {
      for (let b = a + 1; b < SYMBOLS.length; b++) {
        pairs.push(sampleCorrelation(r(SYMBOLS[a]!.ticker), r(SYMBOLS[b]!.ticker)));
      }
    }
    const mean = pairs.reduce((x, y) => x + y, 0) / pairs.length;
    expect(mean).toBeGreaterThan(0.3);
    expect(Math.min(...pairs)).toBeGreaterThan(0.1);
    // Each miner has a positive bitcoin beta.
    expect(sampleCorrelation(r('IREN'), btc)).toBeGreaterThan(0.05);
  });

  it('draws per-symbol parameters in range, from the seed and the ticker only', () => {
    const model = sim({ startTimeMs: MON.startMs }).model;
    for (const m of model) {
      expect(m.annualVol).toBeGreaterThanOrEqual(0.6);
      expect(m.annualVol).toBeLessThanOrEqual(1.2);
      expect(m.beta).toBeGreaterThan(0);
      const varianceSum = (m.beta * 0.5) ** 2 + (m.sectorLoading * 0.55) ** 2 + m.idioVol ** 2;
      expect(varianceSum).toBeCloseTo(m.annualVol ** 2, 10);
    }
    const reordered = new MarketSimulator([...SYMBOLS].reverse(), { seed: 7, startTimeMs: MON.startMs }).model;
    const byTicker = (ms: typeof model, t: string) => ms.find((m) => m.ticker === t)!;
    expect(byTicker(reordered, 'MARA').annualVol).toBe(byTicker(model, 'MARA').annualVol);
  });

  it('starts at the previous close and gaps overnight with bitcoin', () => {
    const s = sim({ startTimeMs: MON.preOpenMs, rate: 20 });
    const first = s.nextBatch(1_000_000, MON.preOpenMs + 30 * MINUTE);
    const firstMara = first.find((t) => t.symbol === 'MARA')!;
    expect(Math.abs(firstMara.bid! / 15.87 - 1)).toBeLessThan(0.02);
    const btcBefore = s.btcSpot;
    expect(btcBefore).toBeGreaterThan(115_000);
    expect(btcBefore).toBeLessThan(130_000);
    s.nextBatch(1_000_000, TUE.preOpenMs + 30 * MINUTE);
    expect(s.btcSpot).not.toBe(btcBefore);
  });
});

describe('MarketSimulator: halts and bad prints', () => {
  it('flags bad prints 10–50 % off the last good trade, only when enabled', () => {
    expect(day.stats.badPrints).toBe(0);
    expect(day.drainEvents().filter((e) => e.type === 'bad-print')).toEqual([]);

    const start = MON.regularOpenMs + HOUR;
    const end = start + HOUR;
    const clean = run(sim({ startTimeMs: start, rate: 50, haltRate: 0 }), end);
    const dirtySim = sim({ startTimeMs: start, rate: 50, haltRate: 0, badPrintRate: 0.01 });
    const dirty = run(dirtySim, end);
    const events = dirtySim.drainEvents().filter((e): e is Extract<SimEvent, { type: 'bad-print' }> => e.type === 'bad-print');
    expect(events.length).toBe(dirtySim.stats.badPrints);
    const trades = dirtySim.stats.trades;
    expect(events.length).toBeGreaterThan(trades * 0.007);
    expect(events.length).toBeLessThan(trades * 0.013);

    // The dirty tape is the clean one with the flagged trade prices replaced, nothing else.
    expect(dirty.length).toBe(clean.length);
    const flagged = new Map(events.map((e) => [`${e.symbol}#${e.seq}`, e]));
    const lastGood = new Map(SYMBOLS.map((c) => [c.ticker, c.previousClose]));
    const mismatches: string[] = [];
    let checked = 0;
    dirty.forEach((t, k) => {
      const c = clean[k]!;
      const event = flagged.get(`${t.symbol}#${t.seq}`);
      if (JSON.stringify({ ...t, price: 0 }) !== JSON.stringify({ ...c, price: 0 })) mismatches.push(`${k}: ${JSON.stringify(t)}`);
      if (event === undefined) {
        if (t.kind === TRADE) {
          if (t.price !== c.price) mismatches.push(`${k}: price ${t.price} vs ${c.price}`);
          lastGood.set(t.symbol!, t.price!);
        } else if (t.price !== lastGood.get(t.symbol!)) {
          // A quote carries the last good trade: a bad print never becomes the last price.
          mismatches.push(`${k}: quote carries ${t.price}, last good trade ${lastGood.get(t.symbol!)}`);
        }
        return;
      }
      expect(t.kind).toBe(TRADE);
      expect(t.price).toBe(event.price);
      expect(event.referencePrice).toBe(lastGood.get(t.symbol!));
      const deviation = Math.abs(t.price! / event.referencePrice - 1);
      expect(deviation).toBeGreaterThanOrEqual(0.1 - 1e-9);
      expect(deviation).toBeLessThanOrEqual(0.5 + 0.01);
      checked++;
    });
    expect(mismatches).toEqual([]);
    expect(checked).toBe(events.length);
  });

  it('halts a symbol for a while (no prints) and resumes it, in the regular session only', () => {
    const s = sim({ startTimeMs: MON.startMs, rate: 20, haltRate: 0.5 });
    const ticks = run(s, MON.endMs);
    const events = s.drainEvents();
    const halts = events.filter((e): e is Extract<SimEvent, { type: 'halt' }> => e.type === 'halt');
    const resumes = events.filter((e) => e.type === 'resume');
    expect(halts.length).toBeGreaterThan(5);
    expect(resumes.length).toBe(halts.length);
    expect(s.stats.halts).toBe(halts.length);
    expect(s.stats.suppressed).toBeGreaterThan(0);
    for (const h of halts) {
      expect(sessionAt(h.timeMs)).toBe(Session.Regular);
      expect(h.resumeAtMs).toBeGreaterThan(h.timeMs);
      expect(h.resumeAtMs).toBeLessThanOrEqual(MON.regularCloseMs);
      expect(resumes).toContainEqual({ type: 'resume', symbol: h.symbol, timeMs: h.resumeAtMs });
      const during = ticks.filter((t) => t.symbol === h.symbol && t.timeMs! > h.timeMs && t.timeMs! < h.resumeAtMs);
      expect(during).toEqual([]);
      // It trades again after the resume.
      expect(ticks.some((t) => t.symbol === h.symbol && t.timeMs! >= h.resumeAtMs)).toBe(true);
    }
    // Halt state can be read while it lasts.
    const again = sim({ startTimeMs: MON.startMs, rate: 20, haltRate: 0.5 });
    const h = halts[0]!;
    again.nextBatch(1_000_000, h.timeMs + 1000);
    expect(again.isHalted(h.symbol)).toBe(true);
    expect(again.priceOf(h.symbol).halted).toBe(true);
    again.nextBatch(1_000_000, h.resumeAtMs);
    expect(again.isHalted(h.symbol)).toBe(false);
  });
});

describe('MarketSimulator: control', () => {
  it('holds back ticks beyond maxTicks and delivers them next, in order', () => {
    const s = sim({ startTimeMs: MON.regularOpenMs, rate: 1000 });
    const first = s.nextBatch(100, MON.regularOpenMs + 10 * SECOND);
    expect(first.length).toBe(100);
    expect(s.backlogged).toBe(true);
    expect(s.simTimeMs).toBe(first[99]!.timeMs);
    const rest = s.nextBatch(1_000_000, MON.regularOpenMs + 10 * SECOND);
    expect(s.backlogged).toBe(false);
    expect(s.simTimeMs).toBe(MON.regularOpenMs + 10 * SECOND);
    expect([...first, ...rest]).toEqual(run(sim({ startTimeMs: MON.regularOpenMs, rate: 1000 }), MON.regularOpenMs + 10 * SECOND));
  });

  it('runs a live clock at `speed` and delivers about `rate` ticks per real second', () => {
    const s = sim({ startTimeMs: MON.regularOpenMs + HOUR, rate: 2000, speed: 10 });
    s.clock.anchor(0);
    let total = 0;
    for (let real = 100; real <= 5000; real += 100) total += s.advanceTo(real, 1_000_000).length;
    expect(s.simTimeMs).toBe(MON.regularOpenMs + HOUR + 50 * SECOND);
    expect(total / 5).toBeGreaterThan(2000 * 0.9);
    expect(total / 5).toBeLessThan(2000 * 1.1);
  });

  it('skips ahead without printing the gap, and changes rate on the fly', () => {
    const s = sim({ startTimeMs: MON.regularOpenMs + HOUR, rate: 100 });
    s.nextBatch(1_000_000, MON.regularOpenMs + HOUR + MINUTE);
    s.skipTo(MON.regularOpenMs + 2 * HOUR);
    const after = s.nextBatch(1_000_000, MON.regularOpenMs + 2 * HOUR + MINUTE);
    expect(after.length).toBeGreaterThan(4000);
    expect(after.every((t) => t.timeMs! > MON.regularOpenMs + 2 * HOUR)).toBe(true);
    s.setRate(10);
    const slower = s.nextBatch(1_000_000, MON.regularOpenMs + 2 * HOUR + 2 * MINUTE);
    expect(slower.length).toBeGreaterThan(400);
    expect(slower.length).toBeLessThan(800);
    expect(s.ticksPerSecond).toBe(10);
  });

  it('startLive emits batches on a timer and stops cleanly', async () => {
    const s = sim({ startTimeMs: MON.regularOpenMs + HOUR, rate: 5000 });
    const batches: Tick[][] = [];
    let handle: ReturnType<MarketSimulator['startLive']> | undefined;
    const done = new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('no batches within 5 s')), 5000);
      handle = s.startLive({
        batchIntervalMs: 5,
        onBatch: (ticks) => {
          batches.push(ticks);
          if (batches.length === 3) {
            handle!.stop();
            clearTimeout(timeout);
            resolve();
          }
        },
      });
    });
    await done;
    expect(handle!.running).toBe(false);
    expect(handle!.batches).toBe(3);
    expect(batches.every((b) => b.length > 0)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches.length).toBe(3);
    // Stopped loops free the simulator for a new one; a second concurrent loop is refused.
    const again = s.startLive({ batchIntervalMs: 1000, onBatch: () => {} });
    expect(errorCode(() => s.startLive({ batchIntervalMs: 1000, onBatch: () => {} }))).toBe('SIM_LIVE_RUNNING');
    again.stop();
    again.stop();
  });

  it('startLive waits for an async onBatch and skips ahead when it falls too far behind', async () => {
    const s = sim({ startTimeMs: MON.regularOpenMs + HOUR, rate: 1000 });
    let realMs = 0;
    let release: () => void = () => {};
    const sizes: number[] = [];
    const handle = s.startLive({
      batchIntervalMs: 2,
      maxBatchTicks: 500,
      maxLagMs: 1000,
      now: () => realMs,
      onBatch: (ticks) => {
        sizes.push(ticks.length);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      realMs = 100;
      for (let k = 0; k < 200 && sizes.length === 0; k++) await sleep(5);
      expect(sizes.length).toBe(1);
      // The consumer is busy for a (simulated) minute: nothing else is produced meanwhile.
      realMs = 60_000;
      await sleep(30);
      expect(sizes.length).toBe(1);
      release();
      for (let k = 0; k < 200 && sizes.length < 2; k++) await sleep(5);
      expect(sizes[1]).toBe(500);
      // Far more than 500 ticks were due; the loop delivered one bounded batch and skipped the rest.
      expect(s.stats.lagSkips).toBe(1);
      expect(s.backlogged).toBe(false);
      expect(s.simTimeMs).toBe(MON.regularOpenMs + HOUR + 60_000);
    } finally {
      handle.stop();
      release();
    }
  });

  it('startLive stops and reports when onBatch fails', async () => {
    const s = sim({ startTimeMs: MON.regularOpenMs + HOUR, rate: 5000 });
    const error = await new Promise<unknown>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('no error within 5 s')), 5000);
      const handle = s.startLive({
        batchIntervalMs: 5,
        onBatch: () => Promise.reject(new Error('ingest endpoint down')),
        onError: (err) => {
          clearTimeout(timeout);
          expect(handle.running).toBe(false);
          resolve(err);
        },
      });
    });
    expect((error as Error).message).toBe('ingest endpoint down');
  });

  it('refuses bad options with a typed error', () => {
    const ok = { seed: 1, startTimeMs: MON.startMs };
    expect(errorCode(() => new MarketSimulator([], ok))).toBe('SIM_OPTION');
    expect(errorCode(() => new MarketSimulator(SYMBOLS, { ...ok, seed: 1.5 }))).toBe('SIM_OPTION');
    expect(errorCode(() => new MarketSimulator(SYMBOLS, { ...ok, startTimeMs: NaN }))).toBe('SIM_OPTION');
    expect(errorCode(() => new MarketSimulator(SYMBOLS, { ...ok, rate: -1 }))).toBe('SIM_OPTION');
    expect(errorCode(() => new MarketSimulator(SYMBOLS, { ...ok, speed: 0 }))).toBe('SIM_OPTION');
    expect(errorCode(() => new MarketSimulator(SYMBOLS, { ...ok, badPrintRate: 2 }))).toBe('SIM_OPTION');
    expect(errorCode(() => new MarketSimulator([{ ticker: 'X', previousClose: 0 }], ok))).toBe('SIM_OPTION');
    expect(errorCode(() => new MarketSimulator([SYMBOLS[0]!, SYMBOLS[0]!], ok))).toBe('SIM_OPTION');
    const s = new MarketSimulator(SYMBOLS, ok);
    expect(errorCode(() => s.nextBatch(-1, MON.endMs))).toBe('SIM_OPTION');
    expect(errorCode(() => s.nextBatch(10, Infinity))).toBe('SIM_OPTION');
    expect(errorCode(() => s.isHalted('NOPE'))).toBe('SIM_SYMBOL');
    expect(errorCode(() => s.startLive({ batchIntervalMs: 0, onBatch: () => {} }))).toBe('SIM_OPTION');
  });
});
