/** One member of an index basket, as loaded from a basket file. */
export interface Constituent {
  /** Exchange ticker, upper case, e.g. "IREN". Unique within a basket. */
  readonly ticker: string;
  readonly name: string;
  /** Primary listing, e.g. "NASDAQ". */
  readonly exchange: string;
  /** Shares outstanding: a positive integer. */
  readonly sharesOutstanding: number;
  /** Investable fraction of shares, in (0, 1]. Defaults to 1. */
  readonly floatFactor: number;
  /** Capping factor applied by the methodology, in (0, 1]. Defaults to 1. */
  readonly capFactor: number;
  /** Previous official close in USD (> 0): the reference for change and for the base level. */
  readonly previousClose: number;
  /** Where the share count came from, and as of when (ISO date). */
  readonly sharesSource: string;
  readonly sharesDate: string;
  /** Where the previous close came from, and as of when (ISO date). */
  readonly priceSource: string;
  readonly priceDate: string;
}

/** A versioned index definition: which constituents, and how the level is based. */
export interface Basket {
  /** Index id used in channel names (`index.<id>`): lower-case letters, digits, '-' and '_'. */
  readonly id: string;
  readonly name: string;
  /** Basket file format version (currently 1). */
  readonly formatVersion: number;
  /** The basket's own revision, bumped by whoever edits it (e.g. "2025-11-28.1"). */
  readonly revision: string;
  /** Level at the reference prices (the previous closes in the file). Usually 1000. */
  readonly baseLevel: number;
  /** ISO date the base level refers to. */
  readonly referenceDate: string;
  /** Total-market-cap thresholds in USD whose crossings are reported (e.g. 100e9). Sorted ascending. */
  readonly milestonesUsd: readonly number[];
  readonly constituents: readonly Constituent[];
  /** The file it was loaded from (for messages), or "<inline>". */
  readonly source: string;
}
