/**
 * A batch of trade prints in columns (struct of arrays). The ingest gate decodes a publisher's batch
 * into reusable columns once; the engine reads doubles straight out of them, so no price or time is
 * ever boxed on the way in.
 */
export interface TradeColumns {
  readonly prices: Float64Array;
  readonly sizes: Float64Array;
  readonly times: Float64Array;
  readonly sessions: Uint8Array;
}

export function tradeColumns(capacity: number): TradeColumns {
  return {
    prices: new Float64Array(capacity),
    sizes: new Float64Array(capacity),
    times: new Float64Array(capacity),
    sessions: new Uint8Array(capacity),
  };
}
