import { generateKeyPairSync, sign } from 'node:crypto';
import type { LocalOrg } from '../../scripts/org/org';
import { startFixtureOrg } from './helpers';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

function jwt(claims: Record<string, unknown>, privateKey = keys.privateKey): string {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'RS256' })}.${encode(claims)}`;
    return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

async function tokenRequest(
    org: LocalOrg,
    form: Record<string, string>
): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${org.instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString()
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('local org OAuth token endpoint', () => {
    let org: LocalOrg;
    const jwtGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    const future = () => Math.floor(Date.now() / 1000) + 180;

    beforeAll(async () => {
        org = await startFixtureOrg({
            clientId: 'local-consumer-key',
            jwtPublicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
        });
        org.seed.insert('User', [
            {
                LastName: 'Gone',
                Username: 'gone@example.invalid',
                Email: 'gone@example.invalid',
                IsActive: false
            }
        ]);
    });

    afterAll(async () => {
        await org.close();
    });

    test('JWT bearer grant issues a working token', async () => {
        const assertion = jwt({
            iss: 'local-consumer-key',
            sub: 'admin@local-org.invalid',
            aud: 'https://login.salesforce.com',
            exp: future()
        });
        const { status, body } = await tokenRequest(org, { grant_type: jwtGrant, assertion });
        expect(status).toBe(200);
        expect(body.instance_url).toBe(org.instanceUrl);
        expect(body.token_type).toBe('Bearer');
        const userinfo = await fetch(`${org.instanceUrl}/services/oauth2/userinfo`, {
            headers: { Authorization: `Bearer ${String(body.access_token)}` }
        });
        expect(((await userinfo.json()) as Record<string, unknown>).user_id).toBe(org.adminUserId);
        expect(org.apiCalls()).toHaveLength(0);
    });

    test.each([
        [
            'a signature from another key',
            () =>
                jwt(
                    { iss: 'local-consumer-key', sub: 'admin@local-org.invalid', exp: future() },
                    otherKeys.privateKey
                ),
            'invalid_grant'
        ],
        [
            'an expired assertion',
            () => jwt({ iss: 'local-consumer-key', sub: 'admin@local-org.invalid', exp: 1000 }),
            'invalid_grant'
        ],
        [
            'an inactive user',
            () => jwt({ iss: 'local-consumer-key', sub: 'gone@example.invalid', exp: future() }),
            'invalid_grant'
        ],
        [
            'another consumer key',
            () => jwt({ iss: 'someone-else', sub: 'admin@local-org.invalid', exp: future() }),
            'invalid_client_id'
        ],
        ['text that is not a JWT', () => 'not-a-jwt', 'invalid_grant']
    ])('JWT rejected for %s', async (_case, assertion, error) => {
        const { status, body } = await tokenRequest(org, {
            grant_type: jwtGrant,
            assertion: assertion()
        });
        expect(status).toBe(400);
        expect(body.error).toBe(error);
        expect(typeof body.error_description).toBe('string');
    });

    test('refresh token grant', async () => {
        const good = await tokenRequest(org, {
            grant_type: 'refresh_token',
            refresh_token: org.refreshToken,
            client_id: 'local-consumer-key'
        });
        expect(good.status).toBe(200);
        expect(good.body.access_token).not.toBe(org.accessToken);
        const bad = await tokenRequest(org, {
            grant_type: 'refresh_token',
            refresh_token: 'stale',
            client_id: 'local-consumer-key'
        });
        expect(bad).toEqual({
            status: 400,
            body: { error: 'invalid_grant', error_description: 'expired access/refresh token' }
        });
    });

    test('unknown grant type', async () => {
        const { status, body } = await tokenRequest(org, { grant_type: 'password' });
        expect(status).toBe(400);
        expect(body.error).toBe('unsupported_grant_type');
    });
});
