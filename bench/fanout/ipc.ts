/** What the bench and its hashcap child say to each other over IPC. */

/** The publisher token every bench server uses (fixed: inputs stay the same from run to run). */
export const BENCH_TOKEN = 'bench-token-0123456789abcdef';

export type ParentMessage = { type: 'publish-start'; rate: number; topic: string } | { type: 'publish-stop' } | { type: 'counters' };
