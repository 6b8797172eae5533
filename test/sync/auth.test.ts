import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOrg, type LocalOrg } from '../../scripts/org/org';
import { exportOf, readSubscriptions, ROOT, runSync, writeSource } from './helpers';

const ADMIN_USERNAME = 'admin@local-org.invalid';

describe('sync with the JWT bearer flow', () => {
    let org: LocalOrg;
    let keyFile: string;
    let wrongKeyFile: string;

    beforeAll(async () => {
        const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
        keyFile = writeSource(
            pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
            'server.key'
        );
        wrongKeyFile = writeSource(
            other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
            'other.key'
        );
        org = await startOrg({
            metadataFolder: ROOT,
            seed: 'none',
            clientId: 'jwt-client',
            jwtPublicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
            logError: () => undefined
        });
    });

    afterAll(async () => {
        await org.close();
    });

    const jwtArgs = (key: string) => [
        '--client-id',
        'jwt-client',
        '--username',
        ADMIN_USERNAME,
        '--jwt-key-file',
        key,
        '--instance-url',
        org.instanceUrl
    ];

    it('logs in and syncs', async () => {
        const run = await runSync(
            org,
            [...jwtArgs(keyFile), '--source', writeSource(exportOf({ Freedom: 7 }))],
            {}
        );

        expect(run.exitCode).toBe(0);
        expect(run.stderr).toContain(`JWT bearer as ${ADMIN_USERNAME}`);
        expect((await readSubscriptions(org)).get('FREEDOM')?.Purchased_Seats__c).toBe(7);
    });

    it('signs in again when the session expires', async () => {
        org.faults.add({ kind: 'expiredSession', method: 'GET', path: '/query', count: 1 });
        const tokenRequests = () =>
            org.requestLog.filter((entry) => entry.path.startsWith('/services/oauth2/token'))
                .length;
        const before = tokenRequests();
        const run = await runSync(
            org,
            [...jwtArgs(keyFile), '--source', writeSource(exportOf({ Freedom: 8 }))],
            {}
        );

        expect(run.exitCode).toBe(0);
        expect(tokenRequests() - before).toBe(2);
        expect(run.stderr).toContain('a new one was obtained with the JWT bearer flow');
        expect((await readSubscriptions(org)).get('FREEDOM')?.Purchased_Seats__c).toBe(8);
    });

    it('exits 1 with the reason when the key does not match', async () => {
        const run = await runSync(
            org,
            [...jwtArgs(wrongKeyFile), '--source', writeSource(exportOf({ Freedom: 9 }))],
            {}
        );

        expect(run.exitCode).toBe(1);
        expect(run.stderr).toContain('The JWT bearer token request');
        expect(run.stderr).toContain('invalid_grant');
    });

    it('exits 1 when the login server is unreachable', async () => {
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const { port } = closed.address() as AddressInfo;
        await new Promise((resolve) => closed.close(resolve));
        const args = jwtArgs(keyFile);
        args[args.indexOf('--instance-url') + 1] = `http://127.0.0.1:${port}`;
        const run = await runSync(
            org,
            [...args, '--source', writeSource(exportOf({ Freedom: 9 }))],
            {}
        );

        expect(run.exitCode).toBe(1);
        expect(run.result.errors).toEqual([
            expect.stringContaining(
                `The JWT bearer token request to http://127.0.0.1:${port} failed (ECONNREFUSED)`
            )
        ]);
    });

    it('exits 2 when a JWT setting is missing', async () => {
        const run = await runSync(
            org,
            ['--jwt-key-file', keyFile, '--source', writeSource(exportOf({ Freedom: 9 }))],
            {}
        );

        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain(
            '--client-id (or SF_CLIENT_ID), --username (or SF_USERNAME), --instance-url (or SF_LOGIN_URL)'
        );
    });
});
