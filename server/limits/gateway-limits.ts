/**
 * From the operator's limits (flags) to what the gateway enforces, and the one view of every refusal
 * /metrics shows. The gateway counts its own; the ingest endpoint counts batches refused for rate.
 */
import type { Config } from '../config.ts';
import { DEFAULT_LIMITS, type GatewayLimits } from '../gateway/gateway.ts';
import type { LimitName } from './limit-names.ts';

export function gatewayLimitsOf(config: Config): GatewayLimits {
  const l = config.limits;
  return {
    ...DEFAULT_LIMITS,
    closeGraceMs: config.slowCloseGraceMs,
    maxConnectionsPerAddress: l.maxConnectionsPerAddress,
    connectsPerSecondPerAddress: l.connectsPerSecondPerAddress,
    connectsPerSecond: l.connectsPerSecond,
    maxSubscriptions: l.maxSubscriptions,
    messagesPerSecond: l.clientMessagesPerSecond,
    messageBurst: 2 * l.clientMessagesPerSecond,
    maxMessageBytes: l.maxMessageBytes,
    maxQueuedBytes: l.maxQueuedBytes,
  };
}

export function withIngestRefusals(gateway: ReadonlyMap<LimitName, number>, ingestBatches: number): ReadonlyMap<LimitName, number> {
  const all = new Map(gateway);
  all.set('ingest_batches_per_second', ingestBatches);
  return all;
}
