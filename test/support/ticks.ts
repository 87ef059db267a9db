/** Tick objects as a publisher sends them, stamped at `timeMs`; `extra` overrides any field. */
export function tickBuilders(timeMs: number) {
  type Extra = Record<string, unknown>;
  return {
    trade: (symbol: string, price: number, extra: Extra = {}) => ({ symbol, kind: 0, price, size: 100, timeMs, ...extra }),
    quote: (symbol: string, bid: number, ask: number, extra: Extra = {}) => ({
      symbol,
      kind: 1,
      bid,
      ask,
      bidSize: 300,
      askSize: 200,
      timeMs,
      ...extra,
    }),
    halt: (symbol: string, extra: Extra = {}) => ({ symbol, kind: 2, timeMs, ...extra }),
    resume: (symbol: string, extra: Extra = {}) => ({ symbol, kind: 3, timeMs, ...extra }),
    /** Withdraws this publisher's trade of `symbol` that had seq `originalSeq`. */
    cancel: (symbol: string, originalSeq: number, extra: Extra = {}) => ({ symbol, kind: 4, originalSeq, timeMs, ...extra }),
    /** Restates this publisher's trade of `symbol` that had seq `originalSeq` to `price` (size 100). */
    correct: (symbol: string, originalSeq: number, price: number, extra: Extra = {}) => ({
      symbol,
      kind: 5,
      originalSeq,
      price,
      size: 100,
      timeMs,
      ...extra,
    }),
  };
}
