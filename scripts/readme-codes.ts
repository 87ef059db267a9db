/**
 * The README's tables of wire codes, written from their registries so the two cannot drift: the
 * subscriber errors from proto/codes.ts (with the server's default limits) and the ingest reasons from
 * server/ingest/reasons.ts. Each table sits between `<!-- codes:<name> -->` and `<!-- /codes -->`.
 * `npx tsx scripts/readme-codes.ts` rewrites them in place; test/unit/readme.test.ts fails while
 * README.md differs from what this would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_DESCRIPTIONS, ErrorCode } from '../proto/codes.ts';
import { DEFAULT_LIMITS } from '../server/gateway/gateway.ts';
import { INGEST_REASONS } from '../server/ingest/reasons.ts';

export const README_PATH = join(import.meta.dirname, '..', 'README.md');

/** The default limit behind each limit code, as the README states it. */
const DEFAULT_LIMIT_NOTES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.MessageTooLarge]: `${DEFAULT_LIMITS.maxMessageBytes / 1024} KiB`,
  [ErrorCode.TooManySubscriptions]: `${DEFAULT_LIMITS.maxSubscriptions}`,
  [ErrorCode.RateLimited]: `${DEFAULT_LIMITS.messagesPerSecond}/s, burst ${DEFAULT_LIMITS.messageBurst}`,
  [ErrorCode.TooManyConnections]: `${DEFAULT_LIMITS.maxConnectionsPerAddress} per address`,
  [ErrorCode.ConnectRateLimited]: `${DEFAULT_LIMITS.connectsPerSecondPerAddress}/s per address, ${DEFAULT_LIMITS.connectsPerSecond}/s in total, bursts twice that`,
  [ErrorCode.ServerBusy]: `${DEFAULT_LIMITS.maxQueuedBytes / 2 ** 20} MiB`,
};

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function subscriberErrorTable(): string {
  const rows = Object.values(ErrorCode).map((code) => {
    const note = DEFAULT_LIMIT_NOTES[code];
    return `| ${code} | ${cell(ERROR_DESCRIPTIONS[code])}${note === undefined ? '' : ` (${note})`} |`;
  });
  return ['| code | meaning |', '| --- | --- |', ...rows].join('\n');
}

export function ingestReasonTable(): string {
  const rows = INGEST_REASONS.map((r) => `| ${r.code} | \`${r.name}\` | ${r.scope} | ${cell(r.description)} |`);
  return ['| code | name | scope | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const TABLES: Readonly<Record<string, () => string>> = {
  'subscriber-errors': subscriberErrorTable,
  'ingest-reasons': ingestReasonTable,
};

/** The README with every code table replaced by the one its registry gives; throws on a missing marker. */
export function withCodeTables(readme: string): string {
  let out = readme;
  for (const [name, table] of Object.entries(TABLES)) {
    const block = new RegExp(`(<!-- codes:${name} -->\\n)[\\s\\S]*?(\\n<!-- /codes -->)`);
    if (!block.test(out)) throw new Error(`README.md has no <!-- codes:${name} --> … <!-- /codes --> block`);
    // Blank lines around the table, so no markdown reader takes the closing marker for a row.
    out = out.replace(block, (_, open: string, close: string) => `${open}\n${table()}\n${close}`);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(README_PATH, 'utf8');
  const updated = withCodeTables(readme);
  if (updated !== readme) writeFileSync(README_PATH, updated);
  console.log(updated === readme ? 'README.md code tables are up to date' : 'README.md code tables rewritten');
}
