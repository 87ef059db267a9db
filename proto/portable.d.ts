/**
 * The globals that both browsers and Node (≥ 20) provide, for the layers that run in both: proto/ and
 * the SDK (client/sdk/tsconfig.json includes this file). Neither the DOM library nor Node's types
 * describe only those, so with this instead of either a use of `document` or `Buffer` fails to compile.
 * Add a declaration here only for an API both runtimes have.
 */

// A module (package.json says "type": "module"), so the globals are declared explicitly.
export {};

declare global {
  /** What a timer function returns: a number in browsers, a Timeout object in Node. Only passed back. */
  interface PortableTimerHandle {
    readonly __portableTimerHandle: never;
  }

  function setTimeout(callback: () => void, ms?: number): PortableTimerHandle;
  function clearTimeout(handle: PortableTimerHandle | null | undefined): void;
  function setInterval(callback: () => void, ms?: number): PortableTimerHandle;
  function clearInterval(handle: PortableTimerHandle | null | undefined): void;
  function queueMicrotask(callback: () => void): void;
  function structuredClone<T>(value: T): T;

  var performance: { now(): number } | undefined;

  class TextEncoder {
    encode(input?: string): Uint8Array;
  }

  class URL {
    constructor(url: string, base?: string | URL);
    protocol: string;
    pathname: string;
    toString(): string;
  }
}
