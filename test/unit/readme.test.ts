import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../../proto/codes.ts';
import { INGEST_REASONS } from '../../server/ingest/reasons.ts';
import { ingestReasonTable, subscriberErrorTable } from '../../scripts/readme-codes.ts';
import { parseDecimal, readExactBasket, roundHalfUp, ticksOf } from '../support/exact-basket.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('documents every subscriber error code and every ingest reason a client can receive', () => {
    const missing = [...Object.values(ErrorCode), ...INGEST_REASONS.map((r) => r.code)].filter(
      (code) => !readme.includes(`| ${code} |`),
    );
    expect(missing).toEqual([]);
  });

  // A code added to a registry, or a meaning changed there, shows in the README only when it is
  // regenerated: `npx tsx scripts/readme-codes.ts`.
  it.each([
    ['subscriber-errors', subscriberErrorTable],
    ['ingest-reasons', ingestReasonTable],
  ])('has the %s table its registry gives', (name, table) => {
    const block = new RegExp(`<!-- codes:${name} -->\\n\\n([\\s\\S]*?)\\n\\n<!-- /codes -->`).exec(readme);
    expect(block, `README.md has a <!-- codes:${name} --> block`).not.toBeNull();
    expect(block![1]).toBe(table());
  });

  it('gives the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});

/**
 * The README's worked example of the index method, recomputed with exact integers from its own table
 * and from the basket file, so neither its arithmetic nor its inputs can drift from the method.
 */
describe('README worked example', () => {
  const block = /<!-- worked-example:(\S+) -->([\s\S]*?)<!-- \/worked-example -->/.exec(readme);
  const basket = readExactBasket(join(import.meta.dirname, '..', '..', 'data', 'baskets', `${block?.[1]}.basket.csv`));
  const text = block?.[2] ?? '';
  const plain = (s: string) => s.replace(/[,$¢`]/g, '').replace(/−/g, '-').trim();
  /** A decimal from the README (thousands separators, a typographic minus) as an exact fraction. */
  const exact = (s: string) => {
    const t = plain(s);
    const d = parseDecimal(t.replace(/^-/, ''));
    return { num: t.startsWith('-') ? -d.num : d.num, den: d.den };
  };
  /** num/den rounded half away from zero to `digits` decimals, as the README prints it. */
  const rounded = (num: bigint, den: bigint, digits: number) => {
    const scale = 10n ** BigInt(digits);
    const neg = num < 0n !== den < 0n;
    const q = roundHalfUp((num < 0n ? -num : num) * scale, den < 0n ? -den : den);
    const s = q.toString().padStart(digits + 1, '0');
    return `${neg && q !== 0n ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
  };
  const rows = text
    .split('\n')
    .filter((l) => /^\| [A-Z]+ \|/.test(l))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()))
    .map(([ticker, prev, last, shares, value, weight, contribution]) => ({ ticker: ticker!, prev: prev!, last: last!, shares: shares!, value: value!, weight: weight!, contribution: contribution! }));
  const number = (label: RegExp) => {
    const m = label.exec(text);
    if (!m) throw new Error(`README worked example: no match for ${label}`);
    return m[1]!;
  };

  it('has every constituent of its basket, with the basket file\'s shares and previous closes', () => {
    expect(block, 'README has a <!-- worked-example:<basket> --> block').not.toBeNull();
    expect(rows.map((r) => r.ticker).sort()).toEqual(basket.constituents.map((c) => c.ticker).sort());
    for (const r of rows) {
      const c = basket.constituents.find((x) => x.ticker === r.ticker)!;
      expect(BigInt(plain(r.shares)), r.ticker).toBe(c.shares);
      expect(ticksOf(plain(r.prev)), r.ticker).toBe(c.previousCloseTicks);
      expect(c.factor.num, `${r.ticker}: the example assumes factors of 1`).toBe(c.factor.den);
    }
  });

  it('adds up: values, total, divisor (cents per point), level, weights and contributions', () => {
    const cents = (r: (typeof rows)[number]) => ticksOf(plain(r.last)) * BigInt(plain(r.shares)) / 100n;
    let total = 0n;
    let move = 0n;
    for (const r of rows) {
      expect(ticksOf(plain(r.last)) * BigInt(plain(r.shares)) % 100n, `${r.ticker}: a whole cent`).toBe(0n);
      const v = exact(r.value);
      expect(cents(r) * v.den, `${r.ticker} last · shares`).toBe(v.num * 100n);
      total += cents(r);
      move += (ticksOf(plain(r.last)) - ticksOf(plain(r.prev))) * BigInt(plain(r.shares)) / 100n;
    }
    const shownTotal = exact(number(/Σ last · shares = (\$[\d,]+)/));
    expect(total * shownTotal.den).toBe(shownTotal.num * 100n);
    expect(BigInt(plain(number(/= ([\d,]+) ¢ \(`marketCapUsd`/)))).toBe(total);

    const previous = basket.constituents.reduce((acc, c) => acc + (c.previousCloseTicks * c.shares) / 100n, 0n);
    expect(BigInt(plain(number(/Σ previous close · shares = \$[\d,]+ = ([\d,]+) ¢/)))).toBe(previous);
    const divisor = BigInt(plain(number(/divisor\s+([\d,]+) ¢ per point/)));
    expect(divisor * BigInt(basket.baseLevel)).toBe(previous);
    expect(BigInt(plain(number(/`divisor` (\d+)/)))).toBe(divisor);

    const level = number(/level = [\d,]+ ¢ \/ [\d,]+ ¢ per point = ([\d.]+)/);
    expect(level).toBe(rounded(total, divisor, 6));
    const published = Number(number(/`level` ([\d.]+)/));
    expect(Math.abs(published - Number(total) / Number(divisor))).toBeLessThan(1e-12 * published);
    expect(plain(number(/change = [\d.]+ − \d+ = (−?[\d.]+) points/))).toBe(rounded(move, divisor, 6));
    // Read in dollars the same figures give a level 100 times too small: the reason the unit is stated.
    expect(BigInt(plain(number(/Read in dollars instead of cents, (\$[\d,]+) \//)))).toBe(total / 100n);
    expect(BigInt(plain(number(/Read in dollars instead of cents, \$[\d,]+ \/\s+([\d,]+) =/)))).toBe(divisor);
    expect(number(/Read in dollars instead of cents, \$[\d,]+ \/\s+[\d,]+ = ([\d.]+):/)).toBe(rounded(total, divisor * 100n, 2));

    for (const r of rows) {
      expect(r.weight, `${r.ticker} weight`).toBe(rounded(cents(r), total, 6));
      const c = (ticksOf(plain(r.last)) - ticksOf(plain(r.prev))) * BigInt(plain(r.shares));
      expect(plain(r.contribution), `${r.ticker} contribution`).toBe(rounded(c, divisor * 100n, 4).replace(/^-0\.0000$/, '0.0000'));
    }
    const apld = rows.find((r) => r.ticker === 'APLD')!;
    expect(Math.abs(Number(number(/`weight` ([\d.]+)/)) - Number(cents(apld)) / Number(total))).toBeLessThan(1e-15);
    const apldMove = (ticksOf(plain(apld.last)) - ticksOf(plain(apld.prev))) * BigInt(plain(apld.shares));
    expect(Math.abs(Number(plain(number(/`contribution` (−?[\d.]+)/))) - Number(apldMove) / 100 / Number(divisor))).toBeLessThan(1e-15);
  });
});
