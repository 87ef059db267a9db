/**
 * Which topic names the bus carries. The feed's topic keys (server/feed/channels.ts topicKey) all pass;
 * the braces are refused because Redis Cluster hashes the text between the first '{' and '}' of a key,
 * and every key of a topic must hash the same.
 */

import { HashcapError, HashcapErrorCode } from '../errors.ts';

export const MAX_TOPIC_LENGTH = 128;

export function checkTopic(topic: string): void {
  if (topic.length === 0 || topic.length > MAX_TOPIC_LENGTH || topic.includes('{') || topic.includes('}')) {
    throw new HashcapError(
      HashcapErrorCode.BUS_TOPIC,
      `bus topic must be 1–${MAX_TOPIC_LENGTH} characters without '{' or '}', got ${JSON.stringify(topic.slice(0, MAX_TOPIC_LENGTH + 1))}`,
    );
  }
}
