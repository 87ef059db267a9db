/**
 * Fixed-point money. Prices are quantised to $0.0001 (the precision of US consolidated trade prints)
 * and market caps are whole cents. Whole cents below 2^53 add and subtract exactly in a double, so the
 * running totals the engine keeps by `sum += new - old` never drift: after any number of updates they
 * equal the sum of the per-constituent figures to the cent. 2^53 cents is about $90 trillion.
 */
export const PRICE_SCALE = 10_000;
export const MAX_EXACT_CENTS = Number.MAX_SAFE_INTEGER;

/**
 * Rounds half up, like Math.round, for 0 ≤ x < 2^52 — every value the engine rounds (prices in ticks,
 * caps in cents, below $45 trillion). Above 2^52 adding 0.5 is itself rounded and the result can be off
 * by one; below 0 the engine never rounds. Math.floor(x + 0.5) compiles to a few instructions, while
 * V8's Math.round measured four times slower on this machine (bench/results/engine.md).
 */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

/** A price in ten-thousandths of a dollar, rounded to the nearest (what the engine stores). */
export function priceTicks(priceUsd: number): number {
  return roundHalfUp(priceUsd * PRICE_SCALE);
}

/**
 * Market cap in whole cents of `shares` at a price given in ticks, rounded half up.
 * ticks·shares is an exact integer while it is below 2^53 (a constituent worth under ~$900B); dividing
 * by 100 is then correctly rounded, so the cent is the decimal answer, not an artefact of binary floats.
 */
export function capCents(ticks: number, shares: number, factor: number): number {
  return roundHalfUp((ticks * shares * factor) / 100);
}

export function centsToUsd(cents: number): number {
  return cents / 100;
}
