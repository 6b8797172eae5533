/**
 * The HTTP front of the local org: authentication, API accounting, fault
 * injection and JSON encoding around the route handlers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError } from '../errors';
import { InvalidFaultError } from '../faults';
import { controlRoute } from '../routes/control';
import { token, type OAuthSettings } from '../routes/oauth';
import { isServedVersion, LATEST_VERSION, userInfo, versionsList } from '../routes/resources';
import { routeRest } from '../routes/rest';
import type { Session } from '../auth';
import type { OrgRuntime, RestReply } from './types';

/** Route family of a request, which decides authentication and API accounting. */
type RouteClass = 'rest' | 'oauth' | 'versions' | 'control' | 'identity' | 'unknown';

function classify(path: string): RouteClass {
    if (path === '/services/data' || path === '/services/data/') return 'versions';
    if (path.startsWith('/services/data/')) return 'rest';
    if (path.startsWith('/services/oauth2/')) return 'oauth';
    if (path.startsWith('/id/')) return 'identity';
    if (path.startsWith('/__local/')) return 'control';
    return 'unknown';
}

function readBody(request: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => resolve(Buffer.concat(chunks)));
        request.on('error', reject);
    });
}

function parseJson(raw: Buffer): unknown {
    if (raw.length === 0) {
        return undefined;
    }
    try {
        return JSON.parse(raw.toString('utf8'));
    } catch (error) {
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            `The request body is not valid JSON: ${(error as Error).message}`
        );
    }
}

/** Decodes one path segment; malformed percent-encoding names no resource, so it is NOT_FOUND. */
function decodeSegment(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        throw new ApiError(
            404,
            'NOT_FOUND',
            `The requested resource does not exist: the path segment ${segment} is not valid percent-encoding.`
        );
    }
}

function bearer(request: IncomingMessage): string | undefined {
    const header = request.headers.authorization ?? '';
    const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header);
    return match?.[1]?.trim();
}

const SESSION_INVALID = new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

function errorReply(error: ApiError): RestReply {
    return { status: error.status, body: [error.toBody()] };
}

function delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Dependencies of the HTTP front besides the runtime. */
export interface ServerSettings {
    oauth: OAuthSettings;
    /** Logs errors that the server returns as 500. */
    logError: (message: string) => void;
}

class RequestHandler {
    constructor(
        private readonly org: OrgRuntime,
        private readonly settings: ServerSettings
    ) {}

    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
        const started = Date.now();
        const method = request.method ?? 'GET';
        const rawPath = request.url ?? '/';
        // Clients that keep the instance URL with a trailing slash send `//services/...`;
        // collapse it, because `new URL` would read `//services` as a host name.
        const url = new URL(rawPath.replace(/^\/+/, '/'), 'http://127.0.0.1');
        const kind = classify(url.pathname);
        const raw = await readBody(request);
        const accounting = { apiCall: false };
        let faultName: string | undefined;
        let reply: RestReply;
        try {
            const fault =
                kind === 'control'
                    ? undefined
                    : this.org.faults.take(method, url.pathname, [
                          'dropConnection',
                          'latency',
                          'expiredSession',
                          'requestLimitExceeded',
                          'serviceUnavailable'
                      ]);
            faultName = fault?.kind;
            if (fault?.kind === 'dropConnection') {
                this.log(method, rawPath, 0, false, started, faultName);
                // A TCP reset, as when a proxy or load balancer drops the connection.
                request.socket.resetAndDestroy();
                return;
            }
            if (fault?.kind === 'latency') {
                await delay(fault.latencyMs);
            }
            if (fault?.kind === 'expiredSession') throw SESSION_INVALID;
            if (fault?.kind === 'requestLimitExceeded')
                throw new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
            if (fault?.kind === 'serviceUnavailable')
                throw new ApiError(
                    503,
                    'SERVER_UNAVAILABLE',
                    'The local org is unavailable (injected fault). Retry later.'
                );
            reply = this.dispatch(kind, method, url, raw, request, accounting);
        } catch (error) {
            reply = this.failure(error, method, rawPath);
        }
        this.send(response, kind, reply);
        this.log(method, rawPath, reply.status, accounting.apiCall, started, faultName);
    }

    private failure(error: unknown, method: string, path: string): RestReply {
        if (error instanceof ApiError && error.choices) {
            // REST API Developer Guide: sObject Rows by External ID: a 300 lists the matching records.
            const version = /\/services\/data\/v(\d+\.\d)\//.exec(path)?.[1] ?? LATEST_VERSION;
            const { objectName, ids } = error.choices;
            return {
                status: 300,
                body: ids.map((id) => `/services/data/v${version}/sobjects/${objectName}/${id}`)
            };
        }
        if (error instanceof ApiError) {
            return errorReply(error);
        }
        if (error instanceof InvalidFaultError) {
            return errorReply(new ApiError(400, 'INVALID_FAULT', error.message));
        }
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        this.settings.logError(`local org: ${method} ${path} failed: ${message}`);
        return errorReply(
            new ApiError(
                500,
                'UNKNOWN_EXCEPTION',
                `The local org failed on ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`
            )
        );
    }

    private session(request: IncomingMessage): Session {
        const accessToken = bearer(request);
        const session = accessToken ? this.org.tokens.session(accessToken) : undefined;
        if (!session) {
            throw SESSION_INVALID;
        }
        return session;
    }

    /**
     * Routes one request. Only REST resources under /services/data/vXX.X
     * count as API calls. `accounting.apiCall` is set once the request has
     * been counted, so a request that fails afterwards still shows as counted.
     */
    private dispatch(
        kind: RouteClass,
        method: string,
        url: URL,
        raw: Buffer,
        request: IncomingMessage,
        accounting: { apiCall: boolean }
    ): RestReply {
        switch (kind) {
            case 'versions':
                // REST API Developer Guide: Limit Info Header: the versions list does not count against limits.
                return versionsList();
            case 'oauth':
                return this.oauth(method, url, raw, request);
            case 'identity': {
                const session = this.session(request);
                const info = userInfo(this.org, session.userId);
                return info ? { status: 200, body: info } : errorReply(SESSION_INVALID);
            }
            case 'control':
                this.session(request);
                return controlRoute(this.org, method, url.pathname, parseJson(raw));
            case 'rest':
                return this.rest(method, url, raw, request, accounting);
            default:
                throw new ApiError(
                    404,
                    'NOT_FOUND',
                    `The requested resource does not exist: ${url.pathname}`
                );
        }
    }

    private rest(
        method: string,
        url: URL,
        raw: Buffer,
        request: IncomingMessage,
        accounting: { apiCall: boolean }
    ): RestReply {
        const match = /^\/services\/data\/(?:v(\d+\.\d)|(latest))(?:\/(.*))?$/.exec(url.pathname);
        const version = match?.[2] ? LATEST_VERSION : (match?.[1] ?? '');
        if (!match || !isServedVersion(version)) {
            throw new ApiError(
                404,
                'NOT_FOUND',
                `The requested resource does not exist: API version ${version || '(none)'} is not served; use 51.0 to ${LATEST_VERSION}, or latest.`
            );
        }
        const session = this.session(request);
        if (this.org.accounting.exhausted()) {
            throw new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
        }
        this.org.accounting.count();
        accounting.apiCall = true;
        const segments = (match[3] ?? '').split('/').filter(Boolean).map(decodeSegment);
        const body = parseJson(raw);
        const path = url.pathname + url.search;
        return routeRest(
            { method, segments, version, query: url.searchParams, body, session, path },
            this.org,
            request.headers
        );
    }

    private oauth(method: string, url: URL, raw: Buffer, request: IncomingMessage): RestReply {
        if (url.pathname === '/services/oauth2/token' && method === 'POST') {
            return token(this.org, this.settings.oauth, new URLSearchParams(raw.toString('utf8')));
        }
        if (url.pathname === '/services/oauth2/userinfo') {
            const info = userInfo(this.org, this.session(request).userId);
            return info ? { status: 200, body: info } : errorReply(SESSION_INVALID);
        }
        if (url.pathname === '/services/oauth2/revoke') {
            const revoked =
                new URLSearchParams(raw.toString('utf8')).get('token') ??
                url.searchParams.get('token');
            if (revoked) {
                this.org.tokens.revoke(revoked);
            }
            return { status: 200 };
        }
        throw new ApiError(
            404,
            'NOT_FOUND',
            `The requested resource does not exist: ${url.pathname}`
        );
    }

    private send(response: ServerResponse, kind: RouteClass, reply: RestReply): void {
        const headers: Record<string, string> = { ...reply.headers };
        if (kind === 'rest') {
            headers['Sforce-Limit-Info'] = this.org.accounting.header();
        }
        if (reply.body === undefined) {
            response.writeHead(reply.status, headers);
            response.end();
            return;
        }
        headers['Content-Type'] = 'application/json;charset=UTF-8';
        response.writeHead(reply.status, headers);
        response.end(JSON.stringify(reply.body));
    }

    private log(
        method: string,
        path: string,
        status: number,
        apiCall: boolean,
        started: number,
        fault?: string
    ): void {
        this.org.accounting.record({
            method,
            path,
            status,
            apiCall,
            at: new Date(started).toISOString(),
            durationMs: Date.now() - started,
            ...(fault ? { fault } : {})
        });
    }
}

/** Creates the HTTP server of a local org (not yet listening). */
export function createOrgServer(org: OrgRuntime, settings: ServerSettings): Server {
    const handler = new RequestHandler(org, settings);
    return createServer((request, response) => {
        handler.handle(request, response).catch((error: unknown) => {
            settings.logError(`local org: request failed before a response: ${String(error)}`);
            response.destroy();
        });
    });
}
