/**
 * Full views of the engine's state in wire shape (plain objects for the generated protobuf code).
 * Non-finite values (no bid yet, say) are left out rather than sent as NaN.
 */
import type { hashcap } from '../../proto/wire.ts';
import type { IndexEngine } from '../engine/index-engine.ts';
import type { QuoteState } from '../engine/market-engine.ts';
import type { Slot } from '../engine/ids.ts';

type IIndexState = hashcap.v1.IIndexState;
type IConstituentState = hashcap.v1.IConstituentState;
type IQuote = hashcap.v1.IQuote;

/** Index-level figures, without the constituents list. */
export function indexLevelView(ix: IndexEngine): IIndexState {
  const s = ix.state();
  const view: IIndexState = {
    id: s.id,
    name: s.name,
    level: s.level,
    previousLevel: s.previousLevel,
    change: s.change,
    changePct: s.changePct,
    marketCapUsd: s.totalMarketCapUsd,
    previousMarketCapUsd: s.previousMarketCapUsd,
    marketCapChangeUsd: s.marketCapChangeUsd,
    divisor: s.divisor,
    advancers: s.advancers,
    decliners: s.decliners,
    unchanged: s.unchanged,
    indicative: s.indicative,
    milestonesReachedUsd: [...s.milestonesReached],
    eventAdjustment: s.eventAdjustment,
  };
  if (s.nextMilestoneUsd !== null) view.nextMilestoneUsd = s.nextMilestoneUsd;
  return view;
}

export function constituentView(ix: IndexEngine, slot: Slot): IConstituentState {
  const c = ix.constituent(slot);
  const view: IConstituentState = {
    ticker: c.ticker,
    name: c.name,
    last: c.last,
    previousClose: c.previousClose,
    change: c.change,
    changePct: c.changePct,
    marketCapUsd: c.marketCapUsd,
    weight: c.weight,
    contribution: c.contribution,
    session: c.session,
    lastTimeMs: c.lastTimeMs,
    halted: c.halted,
    stale: c.stale,
    shares: c.shares,
  };
  if (c.changeSinceClose !== null) view.changeSinceClose = c.changeSinceClose;
  return view;
}

export function fullIndexView(ix: IndexEngine): IIndexState {
  const view = indexLevelView(ix);
  // The basket's whole ladder, for a progress scale: fixed, so in the snapshot only (deltas never carry it).
  view.milestonesUsd = ix.allMilestonesUsd();
  view.constituents = ix
    .activeSlots()
    .map((slot) => constituentView(ix, slot))
    .sort((a, b) => (a.ticker! < b.ticker! ? -1 : a.ticker! > b.ticker! ? 1 : 0));
  return view;
}

export function quoteView(q: QuoteState): IQuote {
  const view: IQuote = { symbol: q.symbol, previousClose: q.previousClose, session: q.session, volume: q.volume };
  const put = (key: 'last' | 'lastSize' | 'bid' | 'ask' | 'bidSize' | 'askSize' | 'timeMs', v: number) => {
    if (Number.isFinite(v)) view[key] = v;
  };
  put('last', q.last);
  put('lastSize', q.lastSize);
  put('bid', q.bid);
  put('ask', q.ask);
  put('bidSize', q.bidSize);
  put('askSize', q.askSize);
  put('timeMs', q.timeMs);
  view.changePct = ((q.last - q.previousClose) / q.previousClose) * 100;
  return view;
}
