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
    /** Base URL, for example `http://127.0.0.1:4020` (env `NATTERBOX_BASE_URL`). */
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

/** Page size the client requests; the server may return fewer. */
const PAGE_SIZE = 100;

/** Client for the Natterbox subscriptions endpoint (client credentials OAuth 2.0). */
export class NatterboxClient {
    private readonly options: Required<Omit<NatterboxClientOptions, 'onRetry'>> &
        Pick<NatterboxClientOptions, 'onRetry'>;
    private accessToken: string | undefined;

    constructor(options: NatterboxClientOptions) {
        this.options = { maxRetries: 3, retryDelayMs: 250, timeoutMs: 10_000, ...options };
        this.options.baseUrl = options.baseUrl.replace(/\/+$/, '');
    }

    /**
     * Fetches every subscription, following `nextCursor` pages, and validates
     * the entries. Gets a new token once when the current one is rejected.
     */
    async listSubscriptions(): Promise<SourceSubscription[]> {
        const entries: unknown[] = [];
        let cursor: string | null = null;
        do {
            const query = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
            if (cursor !== null) {
                query.set('cursor', cursor);
            }
            const page = await this.getAuthorised(`/v1/subscriptions?${query.toString()}`);
            const { subscriptions, nextCursor } = readPage(page);
            entries.push(...subscriptions);
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
            return readJson(first, pathAndQuery);
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
        return readJson(second, pathAndQuery);
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
        const parsed = await readJson(response, '/oauth/token');
        const token = (parsed as { access_token?: unknown }).access_token;
        if (typeof token !== 'string' || token === '') {
            throw new NatterboxResponseError('The Natterbox token response has no access_token.');
        }
        this.accessToken = token;
        return token;
    }

    /** Sends one request, retrying 429, 5xx, timeouts and dropped connections with exponential backoff. */
    private async send(pathAndQuery: string, init: RequestInit): Promise<Response> {
        const url = `${this.options.baseUrl}${pathAndQuery}`;
        for (let attempt = 0; ; attempt += 1) {
            let failure: string;
            try {
                const response = await fetch(url, {
                    ...init,
                    signal: AbortSignal.timeout(this.options.timeoutMs)
                });
                if (!RETRY_STATUSES.has(response.status)) {
                    return response;
                }
                await response.body?.cancel();
                failure = `status ${response.status}`;
            } catch (error) {
                failure = describeFetchError(error);
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
            `The Natterbox subscriptions response has an invalid nextCursor: ${JSON.stringify(cursor)}.`
        );
    }
    return { subscriptions: body.subscriptions, nextCursor: cursor || null };
}

async function readJson(response: Response, pathAndQuery: string): Promise<unknown> {
    const text = await response.text();
    if (!response.ok) {
        throw new NatterboxResponseError(
            `Natterbox responded ${response.status} to ${pathPart(pathAndQuery)}: ${text.slice(0, 200)}`
        );
    }
    try {
        return JSON.parse(text);
    } catch {
        throw new NatterboxResponseError(
            `Natterbox responded to ${pathPart(pathAndQuery)} with malformed JSON (starts with ${JSON.stringify(text.slice(0, 40))}).`
        );
    }
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
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as Error).message;
}
