/**
 * The `channels` claim of a subscriber token: patterns naming the channels it may read. A pattern is a
 * channel name (`quotes.IREN`, `status`), a prefix ending in `.*` (`index.*`, `bars.miners.*`), or `*`
 * (everything). `quotes.*` as a pattern covers every `quotes.<SYMBOL>` channel and the `quotes.*`
 * channel itself; `quotes.IREN` does not grant `quotes.*` (that would be every symbol).
 */

export interface ChannelPatterns {
  /** True when some pattern covers the channel name (checked before the channel is parsed). */
  allows(channel: string): boolean;
  /** The patterns as given, for messages. */
  readonly source: readonly string[];
}

/** A pattern: lower/upper letters, digits, '.', '-', '_', optionally ending in `.*`, or `*` alone. */
const PATTERN = /^(\*|[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*(\.\*)?)$/;
const MAX_PATTERNS = 256;

export type PatternParse = { readonly ok: true; readonly patterns: ChannelPatterns } | { readonly ok: false; readonly message: string };

/** Checks the claim's shape (an array of pattern strings); anything else is a reason, never a throw. */
export function parseChannelPatterns(claim: unknown): PatternParse {
  if (!Array.isArray(claim)) return { ok: false, message: 'the "channels" claim must be an array of channel patterns' };
  if (claim.length > MAX_PATTERNS) return { ok: false, message: `the "channels" claim has more than ${MAX_PATTERNS} patterns` };
  const exact = new Set<string>();
  const prefixes: string[] = [];
  let all = false;
  for (const p of claim) {
    if (typeof p !== 'string' || p.length > 64 || !PATTERN.test(p)) {
      return { ok: false, message: 'a "channels" pattern must be a channel name, a prefix ending in ".*", or "*"' };
    }
    if (p === '*') all = true;
    else if (p.endsWith('.*')) prefixes.push(p.slice(0, -1)); // keeps the dot: "index." never matches "indexes"
    else exact.add(p);
  }
  const source = claim.slice() as string[];
  return {
    ok: true,
    patterns: {
      source,
      allows(channel: string): boolean {
        if (all || exact.has(channel)) return true;
        for (const prefix of prefixes) if (channel.startsWith(prefix)) return true;
        return false;
      },
    },
  };
}

/** Every channel: the grant of an open stream (`--auth none`). */
export const ALL_CHANNELS: ChannelPatterns = { source: ['*'], allows: () => true };
