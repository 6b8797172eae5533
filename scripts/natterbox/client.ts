/**
 * The Natterbox client: the one module that talks to Natterbox.
 *
 * NOTE: Natterbox publishes no public API reference for subscriptions. The
 * endpoints, auth and JSON shapes here are this project's assumption,
 * written down in docs/natterbox-api.md and served by the fake server in
 * ./fakeServer. When the real endpoint is known, only this module changes.
 */
import { validateSubscriptionEntries, type SourceSubscription } from '../sync/source';

/** Settings of the client. The base URL has no default, so nothing is called by accident. */
export interface NatterboxClientOptions {
    /** Base URL, for example `http://127.0.0.1:4030` (env `NATTERBOX_BASE_URL`). */
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    /** Retries after a 429, a 5xx or a dropped connection; default 3. */
    maxRetries?: number;
    /** First backoff delay in milliseconds, doubled on each retry; default 250. */
    retryDelayMs?: number;
    /** Per-request timeout in milliseconds; default 10,000. */
    timeoutMs?: number;
    /** Receives one line per retry, for the job's log. */
    onRetry?: (message: string) => void;
}

/** Raised when Natterbox rejects the client credentials or the token. */
export class NatterboxAuthError extends Error {
    override name = 'NatterboxAuthError';
}

/** Raised when Natterbox responds with an error status, malformed JSON or an unexpected shape. */
export class NatterboxResponseError extends Error {
    override name = 'NatterboxResponseError';
}

/** Raised when Natterbox stays unreachable or unavailable after every retry. */
export class NatterboxUnavailableError extends Error {
    override name = 'NatterboxUnavailableError';
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Checks a base URL (Natterbox's, or an org's instance or login URL): an
 * absolute http or https URL with no user name, password, query or
 * fragment, because clients append paths to it and the job logs it.
 * Returns the problem, or undefined when the URL is usable.
 */
export function baseUrlProblem(baseUrl: string): string | undefined {
    let url: URL;
    try {
        url = new URL(baseUrl);
    } catch {
        return 'is not an absolute URL. Write it like https://api.example.com or http://127.0.0.1:4030';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return `uses ${url.protocol.replace(/:$/, '')}, but only http and https are supported`;
    }
    if (url.username !== '' || url.password !== '') {
        return 'contains a user name or password. Remove them from the URL and pass credentials in their own settings';
    }
    if (url.search !== '' || url.hash !== '') {
        return 'contains a query string or fragment. Give only the scheme, host, port and base path';
    }
    return undefined;
}

/** Page size the client requests; the server may return fewer. */
const PAGE_SIZE = 100;

/**
 * Largest response body the client reads: 1 MiB. A page of 100 subscriptions
 * is about 10 KB, so a larger body means a wrong endpoint or a broken server.
 */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Maximum pages the client follows: 1,000 pages of 100 subscriptions. */
const MAX_PAGES = 1000;

/** Client for the Natterbox subscriptions endpoint (client credentials OAuth 2.0). */
export class NatterboxClient {
    private readonly options: Required<Omit<NatterboxClientOptions, 'onRetry'>> &
        Pick<NatterboxClientOptions, 'onRetry'>;
    private accessToken: string | undefined;
    /** Every token issued to this client, kept out of quoted response text. */
    private readonly tokens = new Set<string>();

    constructor(options: NatterboxClientOptions) {
        const problem = baseUrlProblem(options.baseUrl);
        if (problem !== undefined) {
            // The URL is left out of the message, because an invalid one may carry credentials.
            throw new TypeError(`The Natterbox base URL ${problem}.`);
        }
        this.options = { maxRetries: 3, retryDelayMs: 250, timeoutMs: 10_000, ...options };
        this.options.baseUrl = options.baseUrl.replace(/\/+$/, '');
    }

    /**
     * Fetches every subscription, following `nextCursor` pages, and validates
     * the entries. Gets a new token once when the current one is rejected.
     */
    async listSubscriptions(): Promise<SourceSubscription[]> {
        const entries: unknown[] = [];
        const seenCursors = new Set<string>();
        let cursor: string | null = null;
        do {
            const query = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
            if (cursor !== null) {
                query.set('cursor', cursor);
            }
            const page = await this.getAuthorised(`/v1/subscriptions?${query.toString()}`);
            const { subscriptions, nextCursor } = readPage(page);
            entries.push(...subscriptions);
            if (nextCursor !== null) {
                // A server that hands out a cursor again would keep the loop paging forever.
                if (seenCursors.has(nextCursor) || seenCursors.size >= MAX_PAGES) {
                    throw new NatterboxResponseError(
                        seenCursors.has(nextCursor)
                            ? `The Natterbox subscriptions endpoint returned the cursor ${JSON.stringify(nextCursor.slice(0, 40))} a second time, so paging stopped.`
                            : `The Natterbox subscriptions endpoint returned more than ${MAX_PAGES} pages, so paging stopped.`
                    );
                }
                seenCursors.add(nextCursor);
            }
            cursor = nextCursor;
        } while (cursor !== null);
        return validateSubscriptionEntries(entries, 'from Natterbox', 'subscriptions');
    }

    private async getAuthorised(pathAndQuery: string): Promise<unknown> {
        const token = this.accessToken ?? (await this.fetchToken());
        const first = await this.send(pathAndQuery, {
            headers: { authorization: `Bearer ${token}` }
        });
        if (first.status !== 401) {
            return this.readJson(first, pathAndQuery);
        }
        // An expired or revoked token: get a new one once, then give up.
        this.options.onRetry?.(
            `Natterbox rejected the access token on ${pathPart(pathAndQuery)}, so a new token is requested`
        );
        const fresh = await this.fetchToken();
        const second = await this.send(pathAndQuery, {
            headers: { authorization: `Bearer ${fresh}` }
        });
        if (second.status === 401) {
            throw new NatterboxAuthError(
                'Natterbox rejected a freshly issued access token (401). Check the client credentials.'
            );
        }
        return this.readJson(second, pathAndQuery);
    }

    private async fetchToken(): Promise<string> {
        const body = new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: this.options.clientId,
            client_secret: this.options.clientSecret
        });
        const response = await this.send('/oauth/token', {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: body.toString()
        });
        if (response.status === 400 || response.status === 401) {
            throw new NatterboxAuthError(
                `Natterbox rejected the client credentials (${response.status}). ` +
                    'Check NATTERBOX_CLIENT_ID and NATTERBOX_CLIENT_SECRET.'
            );
        }

        // The token response body is never quoted in a message, because it may carry a token.
        let parsed: unknown;
        try {
            parsed = response.ok ? JSON.parse(response.text) : undefined;
        } catch {
            parsed = undefined;
        }
        const token = (parsed as { access_token?: unknown } | undefined)?.access_token;
        if (typeof token !== 'string' || token === '') {
            throw new NatterboxResponseError(
                response.ok
                    ? 'The Natterbox token response is not JSON with an access_token.'
                    : `Natterbox responded ${response.status} to /oauth/token.`
            );
        }
        // RFC 6750 tokens use letters, digits and -._~+/=. Any visible ASCII passes here, and only
        // characters that would break or inject into the Authorization header are rejected.
        if (!/^[\x21-\x7E]+$/.test(token)) {
            throw new NatterboxResponseError(
                'The Natterbox token response has an access_token with characters not allowed in an HTTP header.'
            );
        }

        this.accessToken = token;
        this.tokens.add(token);
        return token;
    }

    /**
     * Sends one request and reads its body, retrying 429, 5xx, timeouts and
     * dropped connections with exponential backoff. Redirects are not
     * followed, so no request leaves the configured base URL.
     */
    private async send(pathAndQuery: string, init: RequestInit): Promise<TextResponse> {
        const url = `${this.options.baseUrl}${pathAndQuery}`;
        for (let attempt = 0; ; attempt += 1) {
            let failure: string;
            try {
                // The timeout covers the body too, so a body that stalls is retried like a slow response.
                const response = await fetch(url, {
                    ...init,
                    redirect: 'manual',
                    signal: AbortSignal.timeout(this.options.timeoutMs)
                });
                if (!RETRY_STATUSES.has(response.status)) {
                    return {
                        status: response.status,
                        ok: response.ok,
                        text: await readLimitedText(response, pathAndQuery)
                    };
                }
                await response.body?.cancel();
                failure = `status ${response.status}`;
            } catch (error) {
                if (error instanceof NatterboxResponseError) {
                    throw error;
                }
                // undici may quote a rejected header value, token included, in its message.
                failure = this.scrub(describeFetchError(error));
            }
            if (attempt >= this.options.maxRetries) {
                throw new NatterboxUnavailableError(
                    `Natterbox request ${pathPart(pathAndQuery)} failed after ${attempt + 1} attempts (last: ${failure}). ` +
                        'Check NATTERBOX_BASE_URL and try again later.'
                );
            }
            const delay = this.options.retryDelayMs * 2 ** attempt;
            this.options.onRetry?.(
                `Natterbox request ${pathPart(pathAndQuery)} failed (${failure}), retry ${attempt + 1} of ${this.options.maxRetries} in ${delay} ms`
            );
            await new Promise((resolve) => setTimeout(resolve, delay));
        }
    }

    private readJson(response: TextResponse, pathAndQuery: string): unknown {
        if (!response.ok) {
            throw new NatterboxResponseError(
                `Natterbox responded ${response.status} to ${pathPart(pathAndQuery)}: ${this.scrub(response.text.slice(0, 200))}`
            );
        }
        try {
            return JSON.parse(response.text);
        } catch {
            throw new NatterboxResponseError(
                `Natterbox responded to ${pathPart(pathAndQuery)} with malformed JSON (starts with ${JSON.stringify(this.scrub(response.text.slice(0, 40)))}).`
            );
        }
    }

    /** Replaces the client secret and every issued token in text quoted from a response. */
    private scrub(text: string): string {
        let result = text;
        const secret = this.options.clientSecret;
        for (const value of [secret, encodeURIComponent(secret), ...this.tokens]) {
            if (value !== '') {
                result = result.split(value).join('[redacted]');
            }
        }
        return result;
    }
}

/** A response whose body has been read. */
interface TextResponse {
    status: number;
    ok: boolean;
    text: string;
}

/** Reads a body as UTF-8 text, raising NatterboxResponseError past MAX_RESPONSE_BYTES. */
async function readLimitedText(response: Response, pathAndQuery: string): Promise<string> {
    const declared = Number(response.headers.get('content-length') ?? '0');
    const tooLarge = () =>
        new NatterboxResponseError(
            `The Natterbox response to ${pathPart(pathAndQuery)} is larger than ${MAX_RESPONSE_BYTES} bytes, so it was not read.`
        );
    if (declared > MAX_RESPONSE_BYTES) {
        await response.body?.cancel();
        throw tooLarge();
    }
    if (response.body === null) {
        return '';
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) {
            return Buffer.concat(chunks).toString('utf8');
        }
        size += value.byteLength;
        if (size > MAX_RESPONSE_BYTES) {
            await reader.cancel();
            throw tooLarge();
        }
        chunks.push(value);
    }
}

function readPage(page: unknown): { subscriptions: unknown[]; nextCursor: string | null } {
    const body = page as { subscriptions?: unknown; nextCursor?: unknown };
    if (typeof page !== 'object' || page === null || !Array.isArray(body.subscriptions)) {
        throw new NatterboxResponseError(
            'The Natterbox subscriptions response has no "subscriptions" array.'
        );
    }
    const cursor = body.nextCursor;
    if (cursor !== undefined && cursor !== null && typeof cursor !== 'string') {
        throw new NatterboxResponseError(
            `The Natterbox subscriptions response has an invalid nextCursor: ${JSON.stringify(cursor).slice(0, 40)}.`
        );
    }
    return { subscriptions: body.subscriptions, nextCursor: cursor || null };
}

/** Drops the query string, which may carry a cursor, from paths shown in messages. */
function pathPart(pathAndQuery: string): string {
    return pathAndQuery.split('?')[0] ?? pathAndQuery;
}

function describeFetchError(error: unknown): string {
    // The abort error is a DOMException, which is not always an Error instance of this realm.
    if ((error as { name?: unknown }).name === 'TimeoutError') {
        return 'timed out';
    }
    // undici's "fetch failed" names the reason only in its cause, by code (ECONNREFUSED) or message ("bad port").
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
}
