/**
 * The SDK's public entry (`@hashcap/client`): the client, the contract types, and the few helpers a
 * bot needs to read channel states without knowing the protobuf shapes.
 */
import type { ChannelState } from './types.ts';

export { HashcapClient, LOCAL_ERROR_CODE } from './client.ts';
/** The server's error and close codes (the README's tables), to branch on an `error` event or a close. */
export { CloseCode, ErrorCode } from '../../proto/codes.ts';
export { Backoff, backoffCeiling, fullJitterDelay, DEFAULT_BACKOFF, MIN_RETRY_DELAY_MS, type BackoffOptions, type BackoffStep } from './backoff.ts';
export type * from './types.ts';
export { barsChannel, barsOwner, feedSource, feedSourceName, marketTimeMs, type BarInterval, type FeedSourceInfo, type FeedSourceName } from './feed-info.ts';

export interface IndexSummary {
  readonly id: string;
  readonly name: string;
  readonly level: number;
  /** Points and percent against the previous official close. */
  readonly change: number;
  readonly changePct: number;
  /** Total market cap of the constituents, USD (exact to the cent). */
  readonly marketCapUsd: number;
  readonly marketCapChangeUsd: number;
  readonly nextMilestoneUsd: number | null;
  /** Every milestone of the basket (USD, ascending), reached or not. */
  readonly milestonesUsd: readonly number[];
  /** True while a constituent is halted or stale. */
  readonly indicative: boolean;
}

/** The headline figures of an `index.<ID>` channel state, or undefined for another channel. */
export function indexSummary(state: ChannelState | undefined): IndexSummary | undefined {
  const ix = state?.index;
  if (!ix) return undefined;
  return {
    id: ix.id ?? '',
    name: ix.name ?? ix.id ?? '',
    level: ix.level ?? 0,
    change: ix.change ?? 0,
    changePct: ix.changePct ?? 0,
    marketCapUsd: ix.marketCapUsd ?? 0,
    marketCapChangeUsd: ix.marketCapChangeUsd ?? 0,
    nextMilestoneUsd: ix.nextMilestoneUsd ?? null,
    milestonesUsd: [...(ix.milestonesUsd ?? [])],
    indicative: ix.indicative === true,
  };
}

export type SessionName = 'closed' | 'pre' | 'regular' | 'post';

/** A Session enum (a number in SDK states; a name in raw JSON frames) as a short name. */
export function sessionName(session: unknown): SessionName {
  switch (session) {
    case 1:
    case 'SESSION_PRE':
      return 'pre';
    case 2:
    case 'SESSION_REGULAR':
      return 'regular';
    case 3:
    case 'SESSION_POST':
      return 'post';
    default:
      return 'closed';
  }
}
