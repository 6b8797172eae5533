import {
    NatterboxAuthError,
    NatterboxClient,
    NatterboxResponseError,
    NatterboxUnavailableError
} from '../../scripts/natterbox/client';
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
});
