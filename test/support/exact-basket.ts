/**
 * The index arithmetic done again from a basket file with exact integers (BigInt), sharing nothing
 * with the server: its own CSV reading, its own decimal parsing, its own rounding. Tests compare what
 * the server publishes against this.
 */
import { readFileSync } from 'node:fs';

/** A non-negative decimal as an exact fraction num/den (den a power of ten). */
export interface Decimal {
  readonly num: bigint;
  readonly den: bigint;
}

export function parseDecimal(text: string): Decimal {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a plain decimal: "${text}"`);
  const frac = m[2] ?? '';
  return { num: BigInt(m[1]! + frac), den: 10n ** BigInt(frac.length) };
}

/** Rounds num/den (both positive) to the nearest integer, halves up. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** A price in $0.0001 ticks, rounded half up from its decimal text (as a publisher writes it). */
export function ticksOf(price: string | number): bigint {
  // String(number) is the shortest decimal that reads back as the same double: the price as written.
  const d = parseDecimal(String(price));
  return roundHalfUp(d.num * 10_000n, d.den);
}

export interface ExactConstituent {
  readonly ticker: string;
  readonly shares: bigint;
  /** floatFactor · capFactor as an exact fraction. */
  readonly factor: Decimal;
  readonly previousCloseTicks: bigint;
}

export interface ExactBasket {
  readonly id: string;
  readonly baseLevel: number;
  readonly constituents: readonly ExactConstituent[];
}

/** Reads a basket file (format 1) with no help from the server's parser. */
export function readExactBasket(path: string): ExactBasket {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim().length > 0);
  const header = new Map<string, string>();
  for (const l of lines) {
    const m = /^#\s*([a-z_-]+):\s*(.*)$/.exec(l);
    if (m) header.set(m[1]!, m[2]!.trim());
  }
  const rows = lines.filter((l) => !l.startsWith('#')).map((l) => l.split(','));
  const columns = rows[0]!;
  const col = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
  const factorOf = (text: string): Decimal => (text.trim() === '' ? { num: 1n, den: 1n } : parseDecimal(text));
  return {
    id: header.get('id')!,
    baseLevel: Number(header.get('base_level')),
    constituents: rows.slice(1).map((row) => {
      const float = factorOf(col(row, 'float_factor'));
      const cap = factorOf(col(row, 'cap_factor'));
      return {
        ticker: col(row, 'ticker'),
        shares: BigInt(col(row, 'shares_outstanding')),
        factor: { num: float.num * cap.num, den: float.den * cap.den },
        previousCloseTicks: ticksOf(col(row, 'previous_close')),
      };
    }),
  };
}

/** Market cap in whole cents of `shares` at `ticks`: ticks·shares/100, rounded half up. */
export function capCentsExact(ticks: bigint, shares: bigint): bigint {
  return roundHalfUp(ticks * shares, 100n);
}

/** The float- and cap-adjusted value in whole cents (what index weights are shares of). */
export function adjustedCentsExact(ticks: bigint, c: ExactConstituent): bigint {
  return roundHalfUp(ticks * c.shares * c.factor.num, 100n * c.factor.den);
}

/** Every figure of one index derived from its members' last prices (ticks by ticker). */
export function exactIndexFigures(basket: ExactBasket, lastTicks: ReadonlyMap<string, bigint>) {
  let totalCap = 0n;
  let totalAdjusted = 0n;
  let previousAdjusted = 0n;
  const members = basket.constituents.map((c) => {
    const ticks = lastTicks.get(c.ticker) ?? c.previousCloseTicks;
    const capCents = capCentsExact(ticks, c.shares);
    const adjustedCents = adjustedCentsExact(ticks, c);
    const previousAdjustedCents = adjustedCentsExact(c.previousCloseTicks, c);
    totalCap += capCents;
    totalAdjusted += adjustedCents;
    previousAdjusted += previousAdjustedCents;
    return { ticker: c.ticker, ticks, capCents, adjustedCents, previousAdjustedCents };
  });
  return { members, totalCap, totalAdjusted, previousAdjusted };
}
