/**
 * Counts the API calls a connection makes, as Salesforce counts them: every
 * REST request except OAuth token requests and the API versions list
 * (`GET /services/data`), retries included.
 * NOTE: whether Salesforce counts a request that failed with a 5xx is not
 * documented, so retries after one may make this count higher than the org's.
 */
import type { Connection } from 'jsforce';

/** A running count of API calls. */
export interface ApiCallCounter {
    readonly count: number;
}

/** Options of countApiCalls. */
export interface ApiCallHooks {
    /** Receives each retry jsforce makes by itself (GET after a 5xx or a dropped connection). */
    onRetry?: (description: string, retry: number, maxRetries: number) => void;
    /** First delay of jsforce's own retries in milliseconds (jsforce's default is 500). */
    retryMinTimeoutMs?: number;
}

type RetryOptions = { maxRetries?: number; minTimeout?: number };
type HttpRequest = (
    request: { method?: string; url?: string },
    options?: { retry?: RetryOptions }
) => { stream?: () => { on: (event: string, listener: (retry: number) => void) => unknown } };

/** jsforce 3.10's default number of retries (lib/request.js). */
const JSFORCE_MAX_RETRIES = 5;

/**
 * Installs a counter on the connection's transport, the one place that
 * receives every HTTP request jsforce sends. jsforce retries a GET inside one
 * transport call, so each retry is counted from the request stream's
 * `retry` event.
 * NOTE: `_transport` is a private member of jsforce 3.10 (also used by
 * @salesforce/core's connection), and jsforce marks the `retry` event as
 * test-only; recheck both when upgrading jsforce.
 */
export function countApiCalls(conn: Connection, hooks: ApiCallHooks = {}): ApiCallCounter {
    const counter = { count: 0 };
    const transport = (conn as unknown as { _transport: { httpRequest: HttpRequest } })._transport;
    const original = transport.httpRequest.bind(transport);
    transport.httpRequest = (request, options) => {
        const counted = isCountedRequest(request.url ?? '');
        if (counted) {
            counter.count += 1;
        }
        const retry: RetryOptions = {
            ...options?.retry,
            ...(hooks.retryMinTimeoutMs !== undefined
                ? { minTimeout: hooks.retryMinTimeoutMs }
                : {})
        };
        const result = original(request, { ...options, retry });
        const maxRetries = retry.maxRetries ?? JSFORCE_MAX_RETRIES;
        result.stream?.().on('retry', (retryIndex: number) => {
            if (counted) {
                counter.count += 1;
            }
            hooks.onRetry?.(
                `${request.method ?? 'GET'} ${pathOf(request.url ?? '')}`,
                retryIndex + 1,
                maxRetries
            );
        });
        return result;
    };
    return counter;
}

function pathOf(url: string): string {
    return url.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? '';
}

function isCountedRequest(url: string): boolean {
    const path = pathOf(url);
    if (path.startsWith('/services/oauth2/')) {
        return false;
    }
    return path !== '/services/data' && path !== '/services/data/';
}
