/**
 * A fake Natterbox server for tests and the demo. It serves the contract in
 * docs/natterbox-api.md on 127.0.0.1: a client credentials token endpoint and
 * the paged subscriptions endpoint, with faults that tests switch on.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A subscription as the fake server returns it. */
export interface FakeSubscription {
    name: string;
    purchased: number;
    provisioned?: boolean;
}

/**
 * A fault for the next `times` matching requests:
 * - `expired-token`: 401 on the subscriptions endpoint, as for an expired token;
 * - `error-500`, `error-503`: that status;
 * - `malformed-json`: 200 with a body that is not JSON;
 * - `slow`: the normal response after `delayMs`;
 * - `drop`: the connection is closed without a response;
 * - `stalled-body`: the status and the first bytes of the body, the rest after `delayMs`;
 * - `huge`: 200 with a valid JSON body of about `sizeBytes` bytes (default 2 MiB);
 * - `wrong-shape`: 200 with `subscriptions` as an object instead of an array;
 * - `repeat-cursor`: the normal page, with a `nextCursor` that points at the same page;
 * - `redirect`: 307 to `location`;
 * - `echo-request`: 400 with a body that repeats the request's Authorization header and body;
 * - `invalid-token`: on the token endpoint, 200 with an access token that contains a line break.
 */
export interface FakeFault {
    kind:
        | 'expired-token'
        | 'error-500'
        | 'error-503'
        | 'malformed-json'
        | 'slow'
        | 'drop'
        | 'stalled-body'
        | 'huge'
        | 'wrong-shape'
        | 'repeat-cursor'
        | 'redirect'
        | 'echo-request'
        | 'invalid-token';
    /** `token` or `subscriptions`; default `subscriptions`. */
    endpoint?: 'token' | 'subscriptions';
    times?: number;
    delayMs?: number;
    /** Body size of `huge`. */
    sizeBytes?: number;
    /** Target of `redirect`. */
    location?: string;
}

/** One request the fake server received. */
export interface FakeRequestLogEntry {
    method: string;
    path: string;
    status: number;
}

/** Options of startFakeNatterbox. */
export interface FakeNatterboxOptions {
    /** Port on 127.0.0.1; 0 (the default) picks a free one. */
    port?: number;
    clientId: string;
    clientSecret: string;
    subscriptions?: FakeSubscription[];
    /** Maximum entries per page; default 50. */
    maxPageSize?: number;
}

/** A running fake server. */
export interface FakeNatterbox {
    baseUrl: string;
    port: number;
    requestLog: FakeRequestLogEntry[];
    /** Replaces the subscriptions the server returns, as after a purchase. */
    setSubscriptions(subscriptions: FakeSubscription[]): void;
    addFault(fault: FakeFault): void;
    close(): Promise<void>;
}

interface ActiveFault extends FakeFault {
    remaining: number;
}

/** Starts the fake Natterbox server on 127.0.0.1. */
export async function startFakeNatterbox(options: FakeNatterboxOptions): Promise<FakeNatterbox> {
    const state = {
        subscriptions: options.subscriptions ?? [],
        tokens: new Set<string>(),
        faults: [] as ActiveFault[],
        requestLog: [] as FakeRequestLogEntry[],
        timers: new Set<NodeJS.Timeout>()
    };
    const maxPageSize = options.maxPageSize ?? 50;

    const takeFault = (endpoint: 'token' | 'subscriptions'): ActiveFault | undefined => {
        const fault = state.faults.find(
            (candidate) => (candidate.endpoint ?? 'subscriptions') === endpoint
        );
        if (fault) {
            fault.remaining -= 1;
            if (fault.remaining <= 0) {
                state.faults.splice(state.faults.indexOf(fault), 1);
            }
        }
        return fault;
    };

    const send = (
        request: IncomingMessage,
        response: ServerResponse,
        status: number,
        body: string
    ) => {
        state.requestLog.push({
            method: request.method ?? '',
            path: (request.url ?? '').split('?')[0] ?? '',
            status
        });
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body);
    };

    const handleToken = async (request: IncomingMessage, response: ServerResponse) => {
        const form = new URLSearchParams(await readBody(request));
        if (form.get('grant_type') !== 'client_credentials') {
            send(request, response, 400, JSON.stringify({ error: 'unsupported_grant_type' }));
            return;
        }
        if (
            form.get('client_id') !== options.clientId ||
            form.get('client_secret') !== options.clientSecret
        ) {
            send(request, response, 401, JSON.stringify({ error: 'invalid_client' }));
            return;
        }
        const token = randomBytes(24).toString('base64url');
        state.tokens.add(token);
        send(
            request,
            response,
            200,
            JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 })
        );
    };

    const handleSubscriptions = (
        request: IncomingMessage,
        response: ServerResponse,
        url: URL,
        repeatCursor = false
    ) => {
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        if (token === undefined || !state.tokens.has(token)) {
            send(request, response, 401, JSON.stringify({ error: 'invalid_token' }));
            return;
        }
        const offset = Number(url.searchParams.get('cursor') ?? '0');
        const requested = Number(url.searchParams.get('pageSize') ?? String(maxPageSize));
        const size = Math.max(
            1,
            Math.min(maxPageSize, Number.isFinite(requested) ? requested : maxPageSize)
        );
        const page = state.subscriptions.slice(offset, offset + size);
        const next = repeatCursor
            ? String(offset)
            : offset + size < state.subscriptions.length
              ? String(offset + size)
              : null;
        send(request, response, 200, JSON.stringify({ subscriptions: page, nextCursor: next }));
    };

    const server = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const endpoint =
            request.method === 'POST' && url.pathname === '/oauth/token'
                ? 'token'
                : request.method === 'GET' && url.pathname === '/v1/subscriptions'
                  ? 'subscriptions'
                  : undefined;
        if (endpoint === undefined) {
            send(request, response, 404, JSON.stringify({ error: 'not_found' }));
            return;
        }
        const fault = takeFault(endpoint);
        const handle = (repeatCursor = false) => {
            if (endpoint === 'token') {
                handleToken(request, response).catch(() =>
                    send(request, response, 500, '{"error":"server_error"}')
                );
            } else {
                handleSubscriptions(request, response, url, repeatCursor);
            }
        };
        if (fault === undefined) {
            handle();
            return;
        }
        applyFault(fault, request, response, send, handle, state.timers);
    });

    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return {
        baseUrl: `http://127.0.0.1:${port}`,
        port,
        requestLog: state.requestLog,
        setSubscriptions(subscriptions) {
            state.subscriptions = subscriptions;
        },
        addFault(fault) {
            state.faults.push({ ...fault, remaining: fault.times ?? 1 });
        },
        close() {
            for (const timer of state.timers) {
                clearTimeout(timer);
            }
            return new Promise((resolve, reject) => {
                server.close((error) => (error ? reject(error) : resolve()));
                server.closeAllConnections();
            });
        }
    };
}

function applyFault(
    fault: ActiveFault,
    request: IncomingMessage,
    response: ServerResponse,
    send: (
        request: IncomingMessage,
        response: ServerResponse,
        status: number,
        body: string
    ) => void,
    handle: (repeatCursor?: boolean) => void,
    timers: Set<NodeJS.Timeout>
): void {
    const later = (action: () => void) => {
        const timer = setTimeout(() => {
            timers.delete(timer);
            action();
        }, fault.delayMs ?? 1000);
        timers.add(timer);
    };
    switch (fault.kind) {
        case 'expired-token':
            send(
                request,
                response,
                401,
                JSON.stringify({ error: 'invalid_token', error_description: 'token expired' })
            );
            return;
        case 'error-500':
            send(request, response, 500, JSON.stringify({ error: 'server_error' }));
            return;
        case 'error-503':
            send(request, response, 503, JSON.stringify({ error: 'temporarily_unavailable' }));
            return;
        case 'malformed-json':
            send(request, response, 200, '{"subscriptions": [ {"name": "Freedom", ');
            return;
        case 'slow':
            later(handle);
            return;
        case 'drop':
            request.socket.destroy();
            return;
        case 'stalled-body':
            response.writeHead(200, { 'content-type': 'application/json' });
            response.write('{"subscriptions": [');
            later(() => response.end('], "nextCursor": null}'));
            return;
        case 'huge': {
            const padding = 'x'.repeat(fault.sizeBytes ?? 2 * 1024 * 1024);
            send(request, response, 200, JSON.stringify({ subscriptions: [], padding }));
            return;
        }
        case 'wrong-shape':
            send(
                request,
                response,
                200,
                JSON.stringify({ subscriptions: { name: 'Freedom', purchased: 3 } })
            );
            return;
        case 'repeat-cursor':
            handle(true);
            return;
        case 'redirect':
            response.writeHead(307, { location: fault.location ?? 'http://127.0.0.1:9/' });
            response.end();
            return;
        case 'invalid-token':
            send(
                request,
                response,
                200,
                JSON.stringify({
                    access_token: 'fake-token-0451\nX-Injected: 1',
                    token_type: 'Bearer'
                })
            );
            return;
        case 'echo-request':
            readBody(request).then(
                (body) =>
                    send(
                        request,
                        response,
                        400,
                        JSON.stringify({
                            error: 'invalid_request',
                            authorization: request.headers.authorization ?? null,
                            body
                        })
                    ),
                () => request.socket.destroy()
            );
            return;
    }
}

function readBody(request: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        request.on('error', reject);
    });
}
