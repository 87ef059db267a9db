/**
 * The built-in market simulator: a deterministic, session-aware tape of trades and quotes for a set of
 * symbols, produced as ingest ticks. It does no I/O; the caller hands the batches to the ingest gate or
 * posts them to a server's ingest endpoint.
 *
 * This file is the tape (arrivals → ticks). The factor model's parameters and walk are in model.ts, the
 * halt process in halts.ts, live pacing in live.ts, the public types and option checks in options.ts.
 *
 * Model
 * - Prices are correlated random walks in log space. For symbol i between two of its prints:
 *     Δlog P_i = β_i·ΔB + γ_i·ΔS + σ_e,i·ΔW_i
 *   B is bitcoin's log price (σ 50 %/yr in calendar time: it trades around the clock, so the miners
 *   gap overnight with it), S a sector factor and W_i idiosyncratic noise (both in trading time: the
 *   variance clock runs at 1 in the regular session, 0.15 in extended hours and 0 when closed). Per
 *   symbol, from the seed and the ticker: total volatility 60–120 %/yr, of which 20–35 % of the variance
 *   from bitcoin and 30–45 % from the sector. Every factor is a Brownian motion sampled exactly at the
 *   instants it is needed (lazily, per symbol), so the cost per tick is O(1) whatever the time step.
 * - Arrivals are a Poisson process whose intensity follows the session (none when closed, thin pre- and
 *   after-hours, an opening burst after 09:30, a closing ramp into 16:00), drawn exactly by the
 *   time-change method over piecewise-constant segments (schedule.ts). Each arrival picks a
 *   symbol by its activity weight and is a trade (prob. `tradeFraction`) or a quote.
 * - Quotes: a spread of a few ticks around the model price (a few bp; ×3.5 in extended hours), sizes in
 *   round lots. Trades print at the bid, the ask or the midpoint; sizes are odd lots (1–99), round lots
 *   with a Pareto tail (100–5,000) and some mixed lots. Prices sit on the $0.01 grid at or above $1 and
 *   the $0.0001 grid below it; the simulator works in integer units of $0.0001 so that holds exactly.
 * - Rare events: trading halts (a Poisson process in regular-session time; the halted symbol prints
 *   nothing until it resumes) and, when `badPrintRate` > 0, bad prints 10–50 % away from the last good
 *   trade. Both are reported through `drainEvents()` and counted in `stats`.
 *
 * Determinism: the same symbols, options and sequence of calls give identical ticks. More than that, the
 * tick stream does not depend on how it is cut into batches (event times are drawn ahead, one at a
 * time, independently of the windows asked for), so a live run at any batch interval reproduces the
 * stream of an offline run with the same seed, unless its lag guard had to skip ahead.
 */
import type { hashcap } from '../../../proto/wire.ts';
import { HashcapError, HashcapErrorCode } from '../../errors.ts';
import { NO_CONDITIONS, TICK_QUOTE, TICK_TRADE, type Tick } from '../../tick/tick.ts';
import { Session } from '../../market/session-types.ts';
import { SimClock } from './clock.ts';
import { HaltProcess } from './halts.ts';
import { startLiveLoop } from './live.ts';
import {
  CENT_UNITS,
  ceilToGrid,
  EXTENDED_SPREAD_WIDEN,
  floorToGrid,
  LOT_TABLE_SHIFT,
  lotTable,
  MAX_EXTENDED_QUOTE_LOTS,
  MAX_LOTS,
  MIXED_LOT_SHARE,
  PriceWalk,
  QUOTE_SIZE_ALPHA,
  roundToGrid,
  symbolModel,
  TRADE_SIZE_ALPHA,
  UNITS_PER_USD,
  type SymbolModel,
} from './model.ts';
import {
  DEFAULT_MAX_BATCH_TICKS,
  fail,
  intensityProfile,
  MAX_EPOCH_MS,
  MAX_SYMBOLS,
  option,
  type LiveHandle,
  type LiveOptions,
  type SimEvent,
  type SimulatorOptions,
  type SimulatorStats,
  type SimulatorSymbol,
} from './options.ts';
import { Prng, deriveSeed } from './prng.ts';
import { MIN_REMAINING, SessionSchedule, WALK_HORIZON_MS } from './schedule.ts';

export type { HaltReason, LiveHandle, LiveOptions, SimEvent, SimulatorOptions, SimulatorStats, SimulatorSymbol } from './options.ts';
export type { SymbolModel } from './model.ts';

/** Form T: a trade outside the regular session. */
const FORM_T = Object.freeze(['T']) as unknown as string[];

export class MarketSimulator {
  readonly symbols: readonly string[];
  readonly seed: number;
  readonly startTimeMs: number;
  readonly speed: number;
  readonly clock: SimClock;
  readonly tradeFraction: number;
  readonly badPrintRate: number;
  readonly haltRate: number;

  private readonly n: number;
  private readonly models: readonly SymbolModel[];
  private readonly bySymbol: Map<string, number>;
  private readonly rng: Prng;
  private readonly badRng: Prng;
  private readonly tickSchedule: SessionSchedule;
  private readonly varianceSchedule: SessionSchedule;
  private readonly btcStart: number;

  // Per-symbol parameters and state, indexed by symbol number.
  private readonly cumActivity: Float64Array;
  private readonly spreadFraction: Float64Array;
  private readonly oddLotShare: Float64Array;
  private readonly tradeLots: readonly Uint8Array[];
  private readonly quoteLots: readonly Uint8Array[];
  private readonly extendedQuoteLots: Uint8Array;
  private readonly lastUnits: Float64Array;
  private readonly bidUnits: Float64Array;
  private readonly askUnits: Float64Array;
  private readonly seqs: Float64Array;

  private rate: number;
  private totalActivity: number;
  /** Arrivals per simulated ms at intensity 1, over all symbols. */
  private arrivalsPerMs: number;

  /** The factor model's state: bitcoin, the sector and every symbol's log mid price. */
  private readonly walk: PriceWalk;

  // The last processed arrival (or restart point) and the next one, drawn ahead.
  private lastT: number;
  private lastV: number;
  private pendT: number;
  private pendV: number;
  private pendIsArrival: boolean;
  private pendSession: Session;
  /** Unit-mean exponential still to spend when pend is a checkpoint rather than an arrival. */
  private pendRemaining: number;

  /** Every event with time < dueMs + 1 (i.e. floor(time) ≤ dueMs) is processed unless `backlogged`. */
  private dueMs: number;
  private lastEmittedMs: number;

  private readonly halts: HaltProcess;
  private events: SimEvent[];
  private readonly maxPendingEvents: number;
  private live: LiveHandle | null;

  private nTicks: number;
  private nTrades: number;
  private nQuotes: number;
  private nBadPrints: number;
  private nSuppressed: number;
  private nLagSkips: number;
  private nDroppedEvents: number;
  private batchCounter: number;

  constructor(symbols: readonly SimulatorSymbol[], options: SimulatorOptions) {
    if (!Array.isArray(symbols) || symbols.length === 0) fail('symbols must be a non-empty array');
    if (symbols.length > MAX_SYMBOLS) fail(`at most ${MAX_SYMBOLS} symbols, got ${symbols.length}`);
    if (options === null || typeof options !== 'object') fail('options must be an object');
    if (!Number.isInteger(options.seed)) fail(`seed must be an integer, got ${String(options.seed)}`);
    if (typeof options.startTimeMs !== 'number' || !(Math.abs(options.startTimeMs) < MAX_EPOCH_MS - WALK_HORIZON_MS * 4)) {
      fail(`startTimeMs must be a finite epoch time in ms, got ${String(options.startTimeMs)}`);
    }
    this.seed = options.seed | 0;
    this.startTimeMs = Math.floor(options.startTimeMs);
    this.speed = option('speed', options.speed, 1, Number.MIN_VALUE, 1e9);
    this.btcStart = option('btcSpot', options.btcSpot, 122_000, Number.MIN_VALUE, 1e12);
    this.rate = option('rate', options.rate, 1000, 0, 1e9);
    this.tradeFraction = option('tradeFraction', options.tradeFraction, 0.4, 0, 1);
    this.badPrintRate = option('badPrintRate', options.badPrintRate, 0, 0, 1);
    this.haltRate = option('haltRate', options.haltRate, 0.01, 0, 3600);
    this.maxPendingEvents = option('maxPendingEvents', options.maxPendingEvents, 10_000, 0, 1e9);
    const profile = intensityProfile(options.intensity);

    const n = symbols.length;
    this.n = n;
    this.bySymbol = new Map();
    const models: SymbolModel[] = [];
    for (let i = 0; i < n; i++) {
      const s = symbols[i];
      if (s === null || typeof s !== 'object') fail(`symbols[${i}] must be an object`);
      if (typeof s.ticker !== 'string' || s.ticker.length === 0) fail(`symbols[${i}].ticker must be a non-empty string`);
      if (this.bySymbol.has(s.ticker)) fail(`symbol ${s.ticker} is listed twice`);
      if (typeof s.previousClose !== 'number' || !(s.previousClose > 0 && s.previousClose < 1e9)) {
        fail(`symbols[${i}].previousClose (${s.ticker}) must be a positive price, got ${String(s.previousClose)}`);
      }
      this.bySymbol.set(s.ticker, i);
      models.push(symbolModel(this.seed, s.ticker, s.previousClose));
    }
    // Activity weights are normalised to mean 1 so `rate` means what it says.
    const meanActivity = models.reduce((sum, m) => sum + m.activity, 0) / n;
    this.models = models.map((m) => ({ ...m, activity: m.activity / meanActivity }));
    this.symbols = symbols.map((s) => s.ticker);

    this.cumActivity = new Float64Array(n);
    this.spreadFraction = new Float64Array(n);
    this.oddLotShare = new Float64Array(n);
    const lotTables = new Map<string, Uint8Array>();
    const cachedLotTable = (scale: number, alpha: number, cap: number): Uint8Array => {
      const key = `${scale}/${alpha}/${cap}`;
      let table = lotTables.get(key);
      if (table === undefined) lotTables.set(key, (table = lotTable(scale, alpha, cap)));
      return table;
    };
    this.tradeLots = this.models.map((m) => cachedLotTable(m.lotScale, TRADE_SIZE_ALPHA, MAX_LOTS));
    this.quoteLots = this.models.map((m) => cachedLotTable(m.lotScale, QUOTE_SIZE_ALPHA, MAX_LOTS));
    this.extendedQuoteLots = cachedLotTable(1, QUOTE_SIZE_ALPHA, MAX_EXTENDED_QUOTE_LOTS);
    this.lastUnits = new Float64Array(n);
    this.bidUnits = new Float64Array(n);
    this.askUnits = new Float64Array(n);
    this.seqs = new Float64Array(n);
    let cum = 0;
    for (let i = 0; i < n; i++) {
      const m = this.models[i]!;
      cum += m.activity;
      this.cumActivity[i] = cum;
      this.spreadFraction[i] = m.spreadFraction;
      this.oddLotShare[i] = m.oddLotShare;
      const closeUnits = Math.max(1, roundToGrid(m.previousClose * UNITS_PER_USD));
      this.lastUnits[i] = closeUnits;
      this.bidUnits[i] = NaN;
      this.askUnits[i] = NaN;
    }
    this.totalActivity = cum;
    this.arrivalsPerMs = this.rate / (1000 * this.speed);

    this.rng = new Prng(deriveSeed(this.seed, 'arrivals'));
    this.badRng = new Prng(deriveSeed(this.seed, 'bad-prints'));
    this.tickSchedule = new SessionSchedule(profile, true);
    this.varianceSchedule = new SessionSchedule(profile, false);
    this.clock = new SimClock(this.startTimeMs, this.speed);

    this.walk = new PriceWalk(this.models, this.startTimeMs);

    this.lastT = this.startTimeMs;
    this.lastV = 0;
    this.pendT = Infinity;
    this.pendV = 0;
    this.pendIsArrival = false;
    this.pendSession = Session.Closed;
    this.pendRemaining = 0;
    this.dueMs = this.startTimeMs;
    this.lastEmittedMs = this.startTimeMs;
    this.events = [];
    this.live = null;
    this.nTicks = 0;
    this.nTrades = 0;
    this.nQuotes = 0;
    this.nBadPrints = 0;
    this.nSuppressed = 0;
    this.nLagSkips = 0;
    this.nDroppedEvents = 0;
    this.batchCounter = 0;

    this.walkArrival(this.startTimeMs, 0, this.rng.exponential());
    this.halts = new HaltProcess(
      this.symbols,
      this.haltRate,
      new Prng(deriveSeed(this.seed, 'halts')),
      new SessionSchedule(profile, false),
      this.startTimeMs,
      (event) => this.pushEvent(event),
    );
  }

  // ------------------------------------------------------------------------------------- reading

  /** Simulated time the tape has been produced up to (behind the last requested time while backlogged). */
  get simTimeMs(): number {
    return this.backlogged ? this.lastEmittedMs : this.dueMs;
  }

  /** True when ticks due by the last requested time are still waiting (maxTicks cut the last batch). */
  get backlogged(): boolean {
    const limit = this.dueMs + 1;
    return this.pendT < limit || this.halts.nextHaltMs < limit || this.halts.nextResumeMs < limit;
  }

  /** Current target rate (see SimulatorOptions.rate). */
  get ticksPerSecond(): number {
    return this.rate;
  }

  /** Bitcoin spot in USD as of the last arrival processed. */
  get btcSpot(): number {
    return this.btcStart * Math.exp(this.walk.btcLog);
  }

  get stats(): SimulatorStats {
    return {
      ticks: this.nTicks,
      trades: this.nTrades,
      quotes: this.nQuotes,
      badPrints: this.nBadPrints,
      halts: this.halts.halts,
      resumes: this.halts.resumes,
      suppressed: this.nSuppressed,
      lagSkips: this.nLagSkips,
      droppedEvents: this.nDroppedEvents,
    };
  }

  /** The model parameters of every symbol, in constructor order. */
  get model(): readonly SymbolModel[] {
    return this.models;
  }

  isHalted(ticker: string): boolean {
    return this.halts.halted[this.indexOf(ticker)] === 1;
  }

  /** Last good trade price (the previous close before the first trade), and the last quote (NaN before one). */
  priceOf(ticker: string): { last: number; bid: number; ask: number; seq: number; halted: boolean } {
    const i = this.indexOf(ticker);
    return {
      last: this.lastUnits[i]! / UNITS_PER_USD,
      bid: this.bidUnits[i]! / UNITS_PER_USD,
      ask: this.askUnits[i]! / UNITS_PER_USD,
      seq: this.seqs[i]!,
      halted: this.halts.halted[i] === 1,
    };
  }

  /** Halts, resumes and bad prints since the last drain, in time order; clears the list. */
  drainEvents(): SimEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  // ------------------------------------------------------------------------------------- producing

  /**
   * Advances simulated time to `untilTimeMs` (never backwards: an earlier time advances nothing) and
   * returns the ticks due by then, at most `maxTicks` of them in time order; the rest come first in
   * later calls. Every tick's time_ms is a whole ms in (previous target, untilTimeMs] (from the start
   * time on the first call).
   */
  nextBatch(maxTicks: number, untilTimeMs: number): Tick[] {
    if (!Number.isInteger(maxTicks) || maxTicks < 0) fail(`maxTicks must be a non-negative integer, got ${String(maxTicks)}`);
    if (typeof untilTimeMs !== 'number' || !(Math.abs(untilTimeMs) < MAX_EPOCH_MS - WALK_HORIZON_MS * 4)) {
      fail(`untilTimeMs must be a finite epoch time in ms, got ${String(untilTimeMs)}`);
    }
    const until = Math.floor(untilTimeMs);
    if (until > this.dueMs) this.dueMs = until;
    const limit = this.dueMs + 1;
    const out: Tick[] = [];
    while (out.length < maxTicks) {
      const tp = this.pendT;
      const th = this.halts.nextHaltMs;
      const tr = this.halts.nextResumeMs;
      if (tr <= tp && tr <= th) {
        if (tr >= limit) break;
        this.halts.processResumes(tr);
      } else if (th <= tp) {
        if (th >= limit) break;
        this.halts.processHalt();
      } else {
        if (tp >= limit) break;
        if (this.pendIsArrival) this.processArrival(out);
        else this.walkArrival(this.pendT, this.pendV, this.pendRemaining);
      }
    }
    return out;
  }

  /** `nextBatch` wrapped as an IngestBatch with an increasing batch id (from 1). */
  nextIngestBatch(maxTicks: number, untilTimeMs: number): hashcap.v1.IIngestBatch {
    const ticks = this.nextBatch(maxTicks, untilTimeMs);
    return { batchId: ++this.batchCounter, ticks };
  }

  /**
   * `nextBatch` up to the simulated time of a real instant on `clock` (anchored by the first call).
   * maxTicks defaults to 10,000, the ingest gate's default batch limit.
   */
  advanceTo(realNowMs: number, maxTicks: number = DEFAULT_MAX_BATCH_TICKS): Tick[] {
    return this.nextBatch(maxTicks, this.clock.simTimeAt(realNowMs));
  }

  /**
   * Jumps to `timeMs` without printing what would have traded in between (halts and resumes still take
   * place). Prices move over the gap as they would have. Used by the live loop when it falls behind.
   */
  skipTo(timeMs: number): void {
    if (typeof timeMs !== 'number' || !(Math.abs(timeMs) < MAX_EPOCH_MS - WALK_HORIZON_MS * 4)) {
      fail(`timeMs must be a finite epoch time in ms, got ${String(timeMs)}`);
    }
    const target = Math.floor(timeMs);
    if (target > this.dueMs) this.dueMs = target;
    const limit = this.dueMs + 1;
    for (;;) {
      const th = this.halts.nextHaltMs;
      const tr = this.halts.nextResumeMs;
      if (tr <= th) {
        if (tr >= limit) break;
        this.halts.processResumes(tr);
      } else {
        if (th >= limit) break;
        this.halts.processHalt();
      }
    }
    if (this.pendT < limit) {
      this.restartArrivalsAt(limit);
      this.lastEmittedMs = this.dueMs;
    }
  }

  /** Changes the target rate (see SimulatorOptions.rate) from the current simulated time on. */
  setRate(rate: number): void {
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1e9)) fail(`rate must be a number in [0, 1e9], got ${String(rate)}`);
    this.rate = rate;
    this.arrivalsPerMs = this.rate / (1000 * this.speed);
    // Arrivals are memoryless, so redrawing the next one at the new rate from now on is exact.
    this.restartArrivalsAt(this.backlogged ? this.lastT : this.dueMs + 1);
  }

  /**
   * Runs the simulator against the real clock: every `batchIntervalMs` it produces the ticks due by
   * now (`advanceTo`) and hands a non-empty batch to `onBatch`. One live loop at a time (live.ts).
   */
  startLive(options: LiveOptions): LiveHandle {
    if (this.live !== null && this.live.running) throw new HashcapError(HashcapErrorCode.SIM_LIVE_RUNNING, 'this simulator already has a live loop');
    const handle = startLiveLoop(this, options, {
      lagSkipped: () => this.nLagSkips++,
      stopped: (h) => {
        if (this.live === h) this.live = null;
      },
    });
    this.live = handle;
    return handle;
  }

  // ------------------------------------------------------------------------------------- internals

  private indexOf(ticker: string): number {
    const i = this.bySymbol.get(ticker);
    if (i === undefined) throw new HashcapError(HashcapErrorCode.SIM_SYMBOL, `unknown symbol ${JSON.stringify(ticker)}`);
    return i;
  }

  /**
   * Draws the next arrival by the time-change method: spend a unit exponential `e` against the
   * integrated intensity, segment by segment, from (t, v). Sets pend*; stops at a checkpoint after
   * WALK_HORIZON_MS so a near-zero rate cannot walk the calendar for ever.
   */
  private walkArrival(t: number, v: number, e: number): void {
    const schedule = this.tickSchedule;
    const perMs = this.arrivalsPerMs;
    if (!(perMs > 0)) {
      // Rate 0: nothing arrives until setRate restarts the walk.
      this.pendT = Infinity;
      this.pendV = v;
      this.pendIsArrival = false;
      this.pendRemaining = e;
      return;
    }
    const horizon = t + WALK_HORIZON_MS;
    for (;;) {
      schedule.locate(t);
      const end = schedule.segEnd;
      const lambda = perMs * schedule.segIntensity;
      if (lambda > 0) {
        const dt = e / lambda;
        const at = t + dt;
        if (at < end) {
          this.pendT = at;
          this.pendV = v + schedule.segWeight * dt;
          this.pendIsArrival = true;
          this.pendSession = schedule.segSession;
          return;
        }
        e -= lambda * (end - t);
        if (e < MIN_REMAINING) e = MIN_REMAINING;
      }
      v += schedule.segWeight * (end - t);
      t = end;
      if (t >= horizon) {
        this.pendT = t;
        this.pendV = v;
        this.pendIsArrival = false;
        this.pendRemaining = e;
        return;
      }
    }
  }

  /** Forgets the drawn arrival and draws afresh from `t` (memoryless, so still exact). */
  private restartArrivalsAt(t: number): void {
    if (t > this.lastT) {
      this.lastV += this.varianceSchedule.integrateWeight(this.lastT, t);
      this.lastT = t;
    }
    this.walkArrival(this.lastT, this.lastV, this.rng.exponential());
  }

  private pushEvent(event: SimEvent): void {
    if (this.events.length < this.maxPendingEvents) this.events.push(event);
    else this.nDroppedEvents++;
  }

  /** The hot path: one arrival becomes (at most) one tick. */
  private processArrival(out: Tick[]): void {
    const rng = this.rng;
    const t = this.pendT;
    const v = this.pendV;
    const session = this.pendSession;
    this.lastT = t;
    this.lastV = v;

    // Pick the symbol by activity weight (binary search over the cumulative weights).
    const cum = this.cumActivity;
    const x = rng.next() * this.totalActivity;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    const i = lo;

    if (this.halts.halted[i] === 1) {
      this.nSuppressed++;
    } else {
      this.emitTick(out, i, t, v, session);
    }
    this.walkArrival(t, v, rng.exponential());
  }

  private emitTick(out: Tick[], i: number, t: number, v: number, session: Session): void {
    const rng = this.rng;

    this.walk.advance(i, t, v, rng);
    const logMid = this.walk.logMid[i]!;

    // Quote around the model price, in units of $0.0001.
    const extended = session !== Session.Regular;
    const midUnits = Math.exp(logMid) * UNITS_PER_USD;
    const tickUnits = midUnits >= UNITS_PER_USD ? CENT_UNITS : 1;
    const widen = extended ? EXTENDED_SPREAD_WIDEN : 1;
    let spreadTicks = Math.round((midUnits * this.spreadFraction[i]! * widen * (0.5 + rng.next())) / tickUnits);
    if (spreadTicks < 1) spreadTicks = 1;
    const half = (spreadTicks * tickUnits) / 2;
    let bid = floorToGrid(midUnits - half);
    if (bid < 1) bid = 1;
    let ask = ceilToGrid(midUnits + half);
    if (ask <= bid) ask = ceilToGrid(bid + 1);
    this.bidUnits[i] = bid;
    this.askUnits[i] = ask;
    const quoteLots = extended ? this.extendedQuoteLots : this.quoteLots[i]!;
    const bidSize = 100 * quoteLots[rng.nextUint32() >>> LOT_TABLE_SHIFT]!;
    const askSize = 100 * quoteLots[rng.nextUint32() >>> LOT_TABLE_SHIFT]!;

    const seq = this.seqs[i]! + 1;
    this.seqs[i] = seq;
    const timeMs = Math.floor(t);
    this.lastEmittedMs = timeMs;
    this.nTicks++;

    if (rng.next() < this.tradeFraction) {
      // Trade: at the bid, at the ask, or at the midpoint.
      const side = rng.next();
      let price = side < 0.45 ? bid : side < 0.9 ? ask : roundToGrid((bid + ask) / 2);
      if (price < bid) price = bid;
      else if (price > ask) price = ask;
      let size: number;
      const sizeDraw = rng.next();
      if (sizeDraw < this.oddLotShare[i]!) {
        size = 1 + rng.int(99);
      } else {
        size = 100 * this.tradeLots[i]![rng.nextUint32() >>> LOT_TABLE_SHIFT]!;
        if (sizeDraw > 1 - MIXED_LOT_SHARE) size += 1 + rng.int(99);
      }
      this.nTrades++;
      if (this.badPrintRate > 0 && this.badRng.next() < this.badPrintRate) {
        price = this.badPrint(i, seq, timeMs);
      } else {
        this.lastUnits[i] = price;
      }
      out.push({
        symbol: this.symbols[i]!,
        kind: TICK_TRADE,
        price: price / UNITS_PER_USD,
        size,
        bid: bid / UNITS_PER_USD,
        ask: ask / UNITS_PER_USD,
        bidSize,
        askSize,
        timeMs,
        seq,
        conditions: extended ? FORM_T : NO_CONDITIONS,
        originalSeq: 0,
      });
    } else {
      this.nQuotes++;
      out.push({
        symbol: this.symbols[i]!,
        kind: TICK_QUOTE,
        price: this.lastUnits[i]! / UNITS_PER_USD,
        size: 0,
        bid: bid / UNITS_PER_USD,
        ask: ask / UNITS_PER_USD,
        bidSize,
        askSize,
        timeMs,
        seq,
        conditions: NO_CONDITIONS,
        originalSeq: 0,
      });
    }
  }

  /** A price 10–50 % away from the last good trade (in units), rounded away from it; recorded. */
  private badPrint(i: number, seq: number, timeMs: number): number {
    const rng = this.badRng;
    const reference = this.lastUnits[i]!;
    const deviation = 0.1 + 0.4 * rng.next();
    const down = rng.next() < 0.5;
    let price = down ? floorToGrid(reference * (1 - deviation)) : ceilToGrid(reference * (1 + deviation));
    if (price < 1) price = ceilToGrid(reference * (1 + deviation));
    this.nBadPrints++;
    this.pushEvent({
      type: 'bad-print',
      symbol: this.symbols[i]!,
      seq,
      timeMs,
      price: price / UNITS_PER_USD,
      referencePrice: reference / UNITS_PER_USD,
    });
    return price;
  }
}
