// Declarations of build-state.mjs (plain JavaScript so that `npm start` needs no TypeScript tool).
export declare const REPO_ROOT: string;
export declare const BUILD_STAMP: string;
export declare const BUILD_SOURCES: readonly string[];
export declare const BUILD_OUTPUTS: readonly string[];
export type BuildState = 'fresh' | 'stale' | 'missing';
export declare function buildState(root?: string): BuildState;
