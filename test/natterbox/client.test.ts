import {
    NatterboxAuthError,
    NatterboxClient,
    NatterboxResponseError,
    NatterboxUnavailableError
} from '../../scripts/natterbox/client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeNatterbox, type FakeNatterbox } from '../../scripts/natterbox/fakeServer';
import { InvalidSourceError } from '../../scripts/sync/errors';

const CLIENT_ID = 'test-client';
const CLIENT_SECRET = 'test-secret-value';

const subscriptions = Array.from({ length: 7 }, (_, index) => ({
    name: `Item ${index}`,
    purchased: index * 10,
    provisioned: index % 2 === 0
}));

describe('NatterboxClient against the fake server', () => {
    let server: FakeNatterbox;
    let retries: string[];

    const client = (overrides: Partial<ConstructorParameters<typeof NatterboxClient>[0]> = {}) =>
        new NatterboxClient({
            baseUrl: server.baseUrl,
            clientId: CLIENT_ID,
            clientSecret: CLIENT_SECRET,
            retryDelayMs: 5,
            onRetry: (message) => retries.push(message),
            ...overrides
        });

    beforeEach(async () => {
        server = await startFakeNatterbox({
            clientId: CLIENT_ID,
            clientSecret: CLIENT_SECRET,
            subscriptions,
            maxPageSize: 3
        });
        retries = [];
    });

    afterEach(async () => {
        await server.close();
    });

    it('reads every page after one token request', async () => {
        const result = await client().listSubscriptions();
        expect(result.map((entry) => entry.name)).toEqual(subscriptions.map((entry) => entry.name));
        expect(result[1]).toEqual({
            name: 'Item 1',
            purchased: 10,
            provisioned: false,
            location: 'subscriptions[1]'
        });
        expect(
            server.requestLog.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)
        ).toEqual([
            'POST /oauth/token 200',
            'GET /v1/subscriptions 200',
            'GET /v1/subscriptions 200',
            'GET /v1/subscriptions 200'
        ]);
    });

    it('rejects wrong client credentials', async () => {
        await expect(client({ clientSecret: 'wrong-secret' }).listSubscriptions()).rejects.toThrow(
            NatterboxAuthError
        );
    });

    it('gets a new token once after a 401', async () => {
        server.addFault({ kind: 'expired-token' });
        const result = await client().listSubscriptions();
        expect(result).toHaveLength(7);
        expect(server.requestLog.filter((entry) => entry.path === '/oauth/token')).toHaveLength(2);
        expect(retries[0]).toContain('rejected the access token');
    });

    it('retries 500 and 503 with backoff', async () => {
        server.addFault({ kind: 'error-500' });
        server.addFault({ kind: 'error-503' });
        const result = await client().listSubscriptions();
        expect(result).toHaveLength(7);
        expect(retries).toHaveLength(2);
        expect(retries[1]).toContain('status 503');
    });

    it('retries a dropped connection', async () => {
        server.addFault({ kind: 'drop' });
        await expect(client().listSubscriptions()).resolves.toHaveLength(7);
        expect(retries).toHaveLength(1);
    });

    it('gives up after the last retry', async () => {
        server.addFault({ kind: 'error-503', times: 10 });
        await expect(client({ maxRetries: 2 }).listSubscriptions()).rejects.toThrow(
            NatterboxUnavailableError
        );
        expect(server.requestLog.filter((entry) => entry.status === 503)).toHaveLength(3);
    });

    it('reports malformed JSON', async () => {
        server.addFault({ kind: 'malformed-json' });
        await expect(client().listSubscriptions()).rejects.toThrow(NatterboxResponseError);
    });

    it('times out a slow answer and retries', async () => {
        server.addFault({ kind: 'slow', delayMs: 300 });
        await expect(client({ timeoutMs: 100 }).listSubscriptions()).resolves.toHaveLength(7);
        expect(retries[0]).toContain('timed out');
    });

    it('validates what the server returns', async () => {
        server.setSubscriptions([{ name: 'Freedom', purchased: -2 }]);
        await expect(client().listSubscriptions()).rejects.toThrow(InvalidSourceError);
    });

    it('never sends the secret in a URL', async () => {
        await client().listSubscriptions();
        expect(server.requestLog.some((entry) => entry.path.includes(CLIENT_SECRET))).toBe(false);
    });

    it('names the cause of a failed fetch', async () => {
        // Port 9 is on the fetch standard's list of blocked ports, so no request is sent.
        const unreachable = client({ baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
        await expect(unreachable.listSubscriptions()).rejects.toThrow('(last: bad port)');
    });

    it('does not follow a redirect to another host', async () => {
        const other = await startCatchAll();
        try {
            server.addFault({ kind: 'redirect', endpoint: 'token', location: other.url });
            await expect(client().listSubscriptions()).rejects.toThrow(NatterboxResponseError);
            expect(other.requests).toEqual([]);
        } finally {
            await other.close();
        }
    });

    it('rejects a subscriptions object of the wrong shape', async () => {
        server.addFault({ kind: 'wrong-shape' });
        await expect(client().listSubscriptions()).rejects.toThrow('has no "subscriptions" array');
    });

    it('rejects a response over the size limit', async () => {
        server.addFault({ kind: 'huge', sizeBytes: 3 * 1024 * 1024 });
        await expect(client().listSubscriptions()).rejects.toThrow(
            /Natterbox response to \/v1\/subscriptions is larger than 1048576 bytes/
        );
    });

    it('times out a body that stalls and retries', async () => {
        server.addFault({ kind: 'stalled-body', delayMs: 400 });
        await expect(client({ timeoutMs: 100 }).listSubscriptions()).resolves.toHaveLength(7);
        expect(retries[0]).toContain('timed out');
    });

    it('stops when a cursor repeats', async () => {
        server.addFault({ kind: 'repeat-cursor', times: 5 });
        await expect(client().listSubscriptions()).rejects.toThrow(
            'returned the cursor "0" a second time'
        );
    });

    it('keeps credentials out of error messages', async () => {
        server.addFault({ kind: 'echo-request', endpoint: 'token' });
        const tokenError = await client()
            .listSubscriptions()
            .catch((error: Error) => error);
        expect(String(tokenError)).not.toContain(CLIENT_SECRET);

        server.addFault({ kind: 'echo-request' });
        const pageError = await client()
            .listSubscriptions()
            .catch((error: Error) => error);
        expect(String(pageError)).toContain('Natterbox responded 400 to /v1/subscriptions');
        expect(String(pageError)).not.toMatch(/Bearer [A-Za-z0-9_-]{8}/);
    });

    it('rejects a token unfit for a header', async () => {
        server.addFault({ kind: 'invalid-token', endpoint: 'token' });
        const error = await client()
            .listSubscriptions()
            .catch((caught: Error) => caught);

        expect(error).toBeInstanceOf(NatterboxResponseError);
        expect(String(error)).toContain('not allowed in an HTTP header');
        expect(String(error)).not.toContain('fake-token-0451');
        expect(retries.join('\n')).not.toContain('fake-token-0451');
    });

    it.each([
        ['not a URL', 'natterbox.example'],
        ['another scheme', 'file:///etc/passwd'],
        ['credentials', 'http://user:pass@127.0.0.1:4020'],
        ['a query string', 'http://127.0.0.1:4020/?token=1']
    ])('rejects a base URL with %s', (_case, baseUrl) => {
        expect(() => client({ baseUrl })).toThrow('The Natterbox base URL');
        expect(() => client({ baseUrl })).not.toThrow('pass@');
    });
});

/** Starts a server on another port that records every request, standing in for a foreign host. */
async function startCatchAll(): Promise<{
    url: string;
    requests: string[];
    close: () => Promise<void>;
}> {
    const requests: string[] = [];
    const other: Server = createServer((request, response) => {
        requests.push(`${request.method} ${request.url}`);
        response.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}/steal`,
        requests,
        close: () => new Promise((resolve) => other.close(() => resolve()))
    };
}
