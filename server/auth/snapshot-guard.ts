/**
 * `GET /v1/snapshot` is the stream's data over plain HTTP (every index and the status channel), so with
 * `--auth required` it asks for the same token as /v1/stream and shows only what the token grants: an
 * index whose `index.<ID>` channel it covers, the status if it covers `status`. Routes stay unaware of
 * tokens; this wraps them.
 */
import type { HttpHandler, HttpResponse } from '../transport/types.ts';
import { isSubscriberGrant, type SubscriberAccess } from './subscriber-auth.ts';

const SNAPSHOT_PATH = '/v1/snapshot';

export function guardSnapshot(routes: HttpHandler, access: SubscriberAccess): HttpHandler {
  if (!access.required) return routes;
  return async (req) => {
    if (req.path !== SNAPSHOT_PATH) return routes(req);
    const decision = await access.authorize({ path: req.path, query: req.query, headers: req.headers, remoteAddress: req.remoteAddress });
    if (!decision.ok) {
      return {
        status: decision.status,
        headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer', 'cache-control': 'no-store' },
        body: JSON.stringify({ error: decision.message }),
      };
    }
    const grant = decision.user;
    const response = await routes(req);
    if (response.status !== 200 || !isSubscriberGrant(grant)) return response;
    return filtered(response, (channel) => grant.channels.allows(channel));
  };
}

function filtered(response: HttpResponse, allows: (channel: string) => boolean): HttpResponse {
  const body = JSON.parse(typeof response.body === 'string' ? response.body : Buffer.from(response.body).toString('utf8')) as {
    indexes?: Record<string, unknown>;
    status?: unknown;
  };
  if (body.indexes !== undefined) {
    for (const id of Object.keys(body.indexes)) if (!allows(`index.${id}`)) delete body.indexes[id];
  }
  if (!allows('status')) delete body.status;
  return { ...response, body: JSON.stringify(body) };
}
