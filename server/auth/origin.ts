/**
 * `--allow-origin`: the web origins whose pages may open a websocket here. Browsers send `Origin` on
 * every websocket upgrade and let any page open one to any host, so without this check any site a
 * user visits could read the feed with that user's network position (and cookies, were there any).
 * Programs (bots, publishers) send no `Origin` and are not affected: the check keeps other sites'
 * pages out, not other clients, which is what tokens are for.
 */
import type { UpgradeDecision, UpgradeRequest, WebSocketHandlers } from '../transport/types.ts';

/** `scheme://host[:port]`, as browsers serialise an origin: lower-case, no path, no trailing slash. */
export function normaliseOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.origin === 'null' || url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return null;
  // new URL() accepts "https://a.example/" too; an origin has no trailing slash.
  return value.replace(/\/$/, '').toLowerCase() === url.origin ? url.origin : null;
}

export class OriginPolicy {
  /** Upgrades refused for their origin, since start. */
  refused = 0;
  private readonly allowed: ReadonlySet<string>;

  /** `allowed` already normalised (config.ts checks each value); empty = every origin. */
  constructor(allowed: readonly string[]) {
    this.allowed = new Set(allowed);
  }

  get restricted(): boolean {
    return this.allowed.size > 0;
  }

  /** null when the upgrade may go on; a 403 otherwise. */
  check(req: UpgradeRequest): UpgradeDecision | null {
    if (this.allowed.size === 0) return null;
    const origin = req.headers['origin'];
    if (origin === undefined || this.allowed.has(origin.toLowerCase())) return null;
    this.refused++;
    return { ok: false, status: 403, message: 'origin not allowed' };
  }

  /**
   * The same handlers with the origin checked before their own `authorize` (a refused origin never
   * costs a token verification). Unchanged when no list is set.
   */
  guard(handlers: WebSocketHandlers): WebSocketHandlers {
    if (!this.restricted) return handlers;
    const inner = handlers.authorize?.bind(handlers);
    return {
      ...handlers,
      authorize: (req) => this.check(req) ?? (inner ? inner(req) : { ok: true }),
    };
  }
}
