import type { Basket } from '../../server/market/basket-types.ts';
import type { TradeColumns } from '../../server/engine/trade-columns.ts';

/**
 * The fair baselines for the engine (issue 15): what a competent first version would write, with
 * none of the engine's tricks (typed columns, branch-free counting, locals written back once).
 *
 * - PlainIncrementalIndex: an object per constituent and running sums kept with `sum += new − old`
 *   per print, in the same exact cents as the engine (so the same arithmetic per print), advancers and
 *   decliners adjusted on a change of side, a dirty flag per constituent, and the milestone bounds
 *   checked on every print.
 * - BatchRecomputeIndex: the prices of a batch stored on the objects, then the whole index
 *   recomputed once per batch — less work than the engine when the result is read only once per
 *   batch, as here (it cannot say what the index was after each print).
 */
interface Member {
  shares: number;
  factor: number;
  previousCloseTicks: number;
  priceTicks: number;
  mcapCents: number;
  idxCents: number;
  side: number;
  lastTimeMs: number;
  dirty: boolean;
}

/** Prices in 1/10,000 of a dollar, as the engine's PRICE_SCALE; caps in whole cents. */
const SCALE = 10_000;

function members(basket: Basket): Member[] {
  return basket.constituents.map((c) => {
    const ticks = Math.round(c.previousClose * SCALE);
    const mcap = Math.round((ticks * c.sharesOutstanding) / 100);
    return {
      shares: c.sharesOutstanding,
      factor: c.floatFactor * c.capFactor,
      previousCloseTicks: ticks,
      priceTicks: ticks,
      mcapCents: mcap,
      idxCents: Math.round((ticks * c.sharesOutstanding * c.floatFactor * c.capFactor) / 100),
      side: 0,
      lastTimeMs: 0,
      dirty: false,
    };
  });
}

export class PlainIncrementalIndex {
  private readonly members: Member[];
  private readonly dirtyList: number[] = [];
  private sumMcapCents = 0;
  private sumIdxCents = 0;
  private readonly divisor: number;
  private nextUpCents = Infinity;
  private nextDownCents = -Infinity;
  advancers = 0;
  decliners = 0;
  milestones = 0;

  constructor(basket: Basket) {
    this.members = members(basket);
    for (const m of this.members) {
      this.sumMcapCents += m.mcapCents;
      this.sumIdxCents += m.idxCents;
    }
    this.divisor = this.sumIdxCents / 100 / basket.baseLevel;
    // A $1B band around the start: crossings are rare, as in the engine's milestone list.
    this.nextUpCents = this.sumMcapCents + 1e11;
    this.nextDownCents = this.sumMcapCents - 1e11;
  }

  get level(): number {
    return this.sumIdxCents / 100 / this.divisor;
  }

  applyTrades(slots: Int32Array, columns: TradeColumns, start: number, end: number): void {
    for (let k = start; k < end; k++) {
      const m = this.members[slots[k]!]!;
      const ticks = Math.round(columns.prices[k]! * SCALE);
      const mcap = Math.round((ticks * m.shares) / 100);
      this.sumMcapCents += mcap - m.mcapCents;
      m.mcapCents = mcap;
      const idx = Math.round((ticks * m.shares * m.factor) / 100);
      this.sumIdxCents += idx - m.idxCents;
      m.idxCents = idx;
      m.priceTicks = ticks;
      const side = ticks > m.previousCloseTicks ? 1 : ticks < m.previousCloseTicks ? -1 : 0;
      if (side !== m.side) {
        if (m.side === 1) this.advancers--;
        else if (m.side === -1) this.decliners--;
        if (side === 1) this.advancers++;
        else if (side === -1) this.decliners++;
        m.side = side;
      }
      m.lastTimeMs = columns.times[k]!;
      if (!m.dirty) {
        m.dirty = true;
        this.dirtyList.push(slots[k]!);
      }
      if (this.sumMcapCents >= this.nextUpCents || this.sumMcapCents < this.nextDownCents) {
        this.milestones++;
        this.nextUpCents = this.sumMcapCents + 1e11;
        this.nextDownCents = this.sumMcapCents - 1e11;
      }
    }
  }

  setShares(slot: number, shares: number): void {
    const m = this.members[slot]!;
    const mcap = Math.round((m.priceTicks * shares) / 100);
    const idx = Math.round((m.priceTicks * shares * m.factor) / 100);
    this.sumMcapCents += mcap - m.mcapCents;
    this.sumIdxCents += idx - m.idxCents;
    m.mcapCents = mcap;
    m.idxCents = idx;
    m.shares = shares;
    if (!m.dirty) {
      m.dirty = true;
      this.dirtyList.push(slot);
    }
  }

  /** What the frame builder reads: the constituents changed since the last drain. */
  drainDirty(): number {
    const n = this.dirtyList.length;
    for (const slot of this.dirtyList) this.members[slot]!.dirty = false;
    this.dirtyList.length = 0;
    return n;
  }
}

export class BatchRecomputeIndex {
  private readonly members: Member[];
  private readonly divisor: number;
  private sumIdxCents = 0;
  sumMcapCents = 0;
  advancers = 0;
  decliners = 0;

  constructor(basket: Basket) {
    this.members = members(basket);
    this.recompute();
    this.divisor = this.sumIdxCents / 100 / basket.baseLevel;
  }

  get level(): number {
    return this.sumIdxCents / 100 / this.divisor;
  }

  /** Stores the batch's prices, then recomputes every sum once. */
  applyTrades(slots: Int32Array, columns: TradeColumns, start: number, end: number): void {
    for (let k = start; k < end; k++) {
      const m = this.members[slots[k]!]!;
      m.priceTicks = Math.round(columns.prices[k]! * SCALE);
      m.lastTimeMs = columns.times[k]!;
      m.dirty = true;
    }
    this.recompute();
  }

  setShares(slot: number, shares: number): void {
    this.members[slot]!.shares = shares;
    this.recompute();
  }

  drainDirty(): number {
    let n = 0;
    for (const m of this.members) {
      if (m.dirty) n++;
      m.dirty = false;
    }
    return n;
  }

  private recompute(): void {
    let mcap = 0;
    let idx = 0;
    let adv = 0;
    let dec = 0;
    for (const m of this.members) {
      m.mcapCents = Math.round((m.priceTicks * m.shares) / 100);
      m.idxCents = Math.round((m.priceTicks * m.shares * m.factor) / 100);
      mcap += m.mcapCents;
      idx += m.idxCents;
      if (m.priceTicks > m.previousCloseTicks) adv++;
      else if (m.priceTicks < m.previousCloseTicks) dec++;
    }
    this.sumMcapCents = mcap;
    this.sumIdxCents = idx;
    this.advancers = adv;
    this.decliners = dec;
  }
}
