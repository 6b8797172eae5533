/**
 * Control routes for tests that run the org in another process: faults,
 * limits and the request log over HTTP. They need the access token and do
 * not count as API calls.
 */
import { ApiError } from '../errors';
import type { FaultSpec } from '../faults';
import type { OrgRuntime, RestReply } from '../http/types';

function faults(org: OrgRuntime, method: string, body: unknown): RestReply {
    if (method === 'POST') {
        const specs = (Array.isArray(body) ? body : [body]) as FaultSpec[];
        return { status: 201, body: { ids: org.faults.addAll(specs) } };
    }
    if (method === 'DELETE') {
        org.faults.clear();
        return { status: 204 };
    }
    const armed = org.faults.list().map((fault) => ({ ...fault, path: fault.path?.source }));
    return { status: 200, body: armed };
}

function limits(org: OrgRuntime, method: string, body: unknown): RestReply {
    if (method === 'POST') {
        const { dailyApiRequests, used } = (body ?? {}) as Record<string, unknown>;
        for (const [name, value] of Object.entries({ dailyApiRequests, used })) {
            if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0)) {
                throw new ApiError(
                    400,
                    'INVALID_LIMITS',
                    `${name} must be a non-negative integer, got ${JSON.stringify(value)}.`
                );
            }
        }
        org.accounting.setLimits({
            ...(dailyApiRequests === undefined
                ? {}
                : { dailyApiRequests: dailyApiRequests as number }),
            ...(used === undefined ? {} : { used: used as number })
        });
    }
    return { status: 200, body: org.accounting.current() };
}

function requests(org: OrgRuntime, method: string): RestReply {
    if (method === 'DELETE') {
        org.accounting.clearLog();
        return { status: 204 };
    }
    return { status: 200, body: org.accounting.requestLog };
}

/** Routes `/__local/faults`, `/__local/limits` and `/__local/requests`. */
export function controlRoute(
    org: OrgRuntime,
    method: string,
    pathname: string,
    body: unknown
): RestReply {
    switch (pathname) {
        case '/__local/faults':
            return faults(org, method, body);
        case '/__local/limits':
            return limits(org, method, body);
        case '/__local/requests':
            return requests(org, method);
        default:
            throw new ApiError(
                404,
                'NOT_FOUND',
                `Unknown control route ${pathname}; use /__local/faults, /__local/limits or /__local/requests.`
            );
    }
}
