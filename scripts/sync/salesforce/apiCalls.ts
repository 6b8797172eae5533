/**
 * Counts the API calls a connection makes, as Salesforce counts them: every
 * REST request except OAuth token requests and the API versions list
 * (`GET /services/data`), retries included.
 */
import type { Connection } from 'jsforce';

/** A running count of API calls. */
export interface ApiCallCounter {
    readonly count: number;
}

type HttpRequest = (request: { method?: string; url?: string }, options?: unknown) => unknown;

/**
 * Installs a counter on the connection's transport, the one place that sees
 * every HTTP request jsforce sends, including its own retries of GET requests.
 * NOTE: `_transport` is a private member of jsforce 3.10 (also used by
 * @salesforce/core's connection); recheck it when upgrading jsforce.
 */
export function countApiCalls(conn: Connection): ApiCallCounter {
    const counter = { count: 0 };
    const transport = (conn as unknown as { _transport: { httpRequest: HttpRequest } })._transport;
    const original = transport.httpRequest.bind(transport);
    transport.httpRequest = (request, options) => {
        if (isCountedRequest(request.url ?? '')) {
            counter.count += 1;
        }
        return original(request, options);
    };
    return counter;
}

function isCountedRequest(url: string): boolean {
    const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? '';
    if (path.startsWith('/services/oauth2/')) {
        return false;
    }
    return path !== '/services/data' && path !== '/services/data/';
}
