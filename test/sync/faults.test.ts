import type { LocalOrg } from '../../scripts/org/org';
import {
    exportOf,
    orgEnv,
    readSubscriptions,
    readSyncRuns,
    runSync,
    seedHolders,
    startTestOrg,
    writeSource
} from './helpers';

const SEATS = { Freedom: 25, Record: 10, Insight: 5, PCI: 2, Numbers: 40 };
const EXPECTED: Record<string, number> = {
    FREEDOM: 25,
    RECORD: 10,
    INSIGHTS: 5,
    PCI: 2,
    OTHER_NUMBERS: 40
};
const UPSERT_PATH = '/composite/sobjects/Natterbox_Subscription__c/License_Code__c';

async function expectAllSynced(org: LocalOrg): Promise<void> {
    const records = await readSubscriptions(org);
    expect(records.size).toBe(Object.keys(EXPECTED).length);
    for (const [code, seats] of Object.entries(EXPECTED)) {
        expect({ code, seats: records.get(code)?.Purchased_Seats__c }).toEqual({ code, seats });
    }
}

describe('sync under faults of the org', () => {
    let org: LocalOrg;
    let source: string;

    beforeEach(async () => {
        org = await startTestOrg();
        seedHolders(org, 5);
        source = writeSource(exportOf(SEATS));
    });

    afterEach(async () => {
        await org.close();
    });

    it('survives a 503 on a query', async () => {
        org.faults.add({ kind: 'serviceUnavailable', method: 'GET', path: '/query', count: 1 });
        const run = await runSync(org, ['--source', source]);

        expect(run.exitCode).toBe(0);
        await expectAllSynced(org);
    });

    it('counts and logs the retries of a query', async () => {
        org.faults.add({ kind: 'serviceUnavailable', method: 'GET', path: '/query', count: 2 });
        const run = await runSync(org, ['--source', source]);

        expect(run.exitCode).toBe(0);
        // The job counts every request it sends; the local org does not count injected faults.
        expect(run.result.apiCalls).toBe(run.orgApiCalls + 2);
        expect(run.stderr).toContain('GET /services/data/v64.0/query failed, retry 1 of 5');
        expect(run.stderr).toContain('retry 2 of 5');
    });

    it('stops with exit 1 when queries stay unavailable', async () => {
        org.faults.add({ kind: 'serviceUnavailable', method: 'GET', path: '/query', count: 20 });
        const run = await runSync(org, ['--source', source]);

        expect(run.exitCode).toBe(1);
        expect(run.result.errors).toEqual([
            expect.stringContaining(
                `The org at ${org.instanceUrl} did not answer a query after retries (SERVER_UNAVAILABLE`
            )
        ]);
        org.faults.clear();
        expect((await readSyncRuns(org)).length).toBe(0);
    }, 30_000);

    it('survives a 503 on the upsert', async () => {
        org.faults.add({
            kind: 'serviceUnavailable',
            method: 'PATCH',
            path: UPSERT_PATH,
            count: 2
        });
        const run = await runSync(org, ['--source', source]);

        expect(run.exitCode).toBe(0);
        expect(run.stderr).toContain('retry 1 of 3');
        await expectAllSynced(org);
    });

    it('records a Failed run when the upsert stays unavailable', async () => {
        org.faults.add({
            kind: 'serviceUnavailable',
            method: 'PATCH',
            path: UPSERT_PATH,
            count: 4
        });
        const run = await runSync(org, ['--source', source]);

        expect(run.exitCode).toBe(1);
        expect(run.result.errors).toHaveLength(5);
        expect(run.result.errors[0]).toContain(
            'Subscription FREEDOM was not saved: SERVER_UNAVAILABLE'
        );
        expect((await readSubscriptions(org)).size).toBe(0);
        const runs = await readSyncRuns(org);
        expect(runs).toHaveLength(1);
        expect(runs[0]).toMatchObject({ Status__c: 'Failed' });
        expect(String(runs[0]?.Message__c)).toContain('Error: Subscription FREEDOM was not saved');
    });

    it('survives a dropped connection on a query and on the upsert', async () => {
        org.faults.add({ kind: 'dropConnection', method: 'GET', path: '/query', count: 1 });
        org.faults.add({ kind: 'dropConnection', method: 'PATCH', path: UPSERT_PATH, count: 1 });
        const run = await runSync(org, ['--source', source]);

        expect(run.exitCode).toBe(0);
        await expectAllSynced(org);
    });

    it('retries only the locked records', async () => {
        org.faults.add({
            kind: 'lockRow',
            method: 'PATCH',
            path: UPSERT_PATH,
            count: 1,
            recordIndexes: [0, 3]
        });
        const run = await runSync(org, ['--source', source]);

        expect(run.exitCode).toBe(0);
        expect(run.stderr).toContain('2 record(s) of the upsert of 5 subscriptions were locked');
        expect(run.result.changes.created).toBe(5);
        await expectAllSynced(org);
    });

    it('reports records still locked after every retry and exits 1', async () => {
        org.faults.add({
            kind: 'lockRow',
            method: 'PATCH',
            path: UPSERT_PATH,
            count: 10,
            recordIndexes: [0]
        });
        const run = await runSync(org, ['--source', source]);

        expect(run.exitCode).toBe(1);
        expect(run.result.status).toBe('Failed');
        expect(run.result.errors).toEqual([
            expect.stringContaining('Subscription FREEDOM was not saved: UNABLE_TO_LOCK_ROW')
        ]);
        const records = await readSubscriptions(org);
        expect(records.has('FREEDOM')).toBe(false);
        expect(records.get('RECORD')?.Purchased_Seats__c).toBe(10);
    });

    it('retries a locked run record create', async () => {
        org.faults.add({ kind: 'lockRow', method: 'POST', path: '/composite/sobjects$', count: 1 });
        const run = await runSync(org, ['--source', source]);

        expect(run.exitCode).toBe(0);
        expect(run.result.errors).toEqual([]);
        expect(run.stderr).toContain('were locked (UNABLE_TO_LOCK_ROW)');
        const runs = await readSyncRuns(org);
        expect(runs).toHaveLength(1);
        expect(runs[0]).toMatchObject({ Status__c: 'Succeeded' });
    });

    it('refreshes an expired session with the refresh token', async () => {
        org.faults.add({ kind: 'expiredSession', method: 'GET', path: '/query', count: 1 });
        const env = orgEnv(org, { SF_REFRESH_TOKEN: org.refreshToken, SF_CLIENT_ID: 'local-sync' });
        const run = await runSync(org, ['--source', source], env);

        expect(run.exitCode).toBe(0);
        expect(
            org.requestLog.some(
                (entry) => entry.path.startsWith('/services/oauth2/token') && entry.status === 200
            )
        ).toBe(true);
        await expectAllSynced(org);
    });

    it('stops with exit 1 on an expired session it cannot refresh', async () => {
        org.faults.add({ kind: 'expiredSession', method: 'GET', path: '/query', count: 1 });
        const run = await runSync(org, ['--source', source]);

        expect(run.exitCode).toBe(1);
        expect(run.stderr).toContain('INVALID_SESSION_ID');
        expect((await readSubscriptions(org)).size).toBe(0);
    });

    it('stops with exit 1 when the refresh is rejected', async () => {
        org.faults.add({ kind: 'expiredSession', method: 'GET', path: '/query', count: 1 });
        const env = orgEnv(org, {
            SF_REFRESH_TOKEN: 'revoked-refresh-token',
            SF_CLIENT_ID: 'local-sync'
        });
        const run = await runSync(org, ['--source', source], env);

        expect(run.exitCode).toBe(1);
        expect(run.result.errors).toEqual([
            expect.stringContaining('the session could not be refreshed')
        ]);
        expect(run.result.errors[0]).not.toContain('Unexpected error');
        expect(run.result.errors[0]).not.toContain('    at ');
        expect((await readSubscriptions(org)).size).toBe(0);
    });

    it('stops cleanly on REQUEST_LIMIT_EXCEEDED without retrying', async () => {
        org.faults.add({ kind: 'requestLimitExceeded', count: 100 });
        const run = await runSync(org, ['--source', source]);
        const sent = org.requestLog.length;

        expect(run.exitCode).toBe(1);
        expect(run.result.errors[0]).toContain("The org's API request limit is exceeded");
        expect(sent).toBe(1);
        org.faults.clear();
        expect((await readSubscriptions(org)).size).toBe(0);
    });
});
