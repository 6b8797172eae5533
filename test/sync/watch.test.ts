import { writeFileSync } from 'node:fs';
import type { LocalOrg } from '../../scripts/org/org';
import {
    HOLDER_COUNTS_QUERY,
    REQUESTED_RUNS_QUERY,
    RUNNING_RUNS_QUERY,
    SUBSCRIPTIONS_QUERY
} from '../../scripts/sync/salesforce/queries';
import {
    connect,
    exportOf,
    readSubscriptions,
    readSyncRuns,
    runSync,
    seedHolders,
    startTestOrg,
    writeSource,
    type CommandRun
} from './helpers';

async function waitFor<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs = 5_000
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await read();
        if (done(value) || Date.now() > deadline) {
            return value;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

describe('sync --watch', () => {
    let org: LocalOrg;
    let controller: AbortController;
    let watching: Promise<CommandRun>;

    const startWatching = (source: string) => {
        controller = new AbortController();
        watching = runSync(
            org,
            ['--watch', '--poll-interval', '0.05', '--source', source],
            { SF_INSTANCE_URL: org.instanceUrl, SF_ACCESS_TOKEN: org.accessToken },
            controller.signal
        );
    };

    const requestReload = async (fields: Record<string, unknown> = {}) => {
        // The admin view's Reload Subscriptions button creates exactly this record.
        const created = await connect(org)
            .sobject('Natterbox_Sync_Run__c')
            .create({ Status__c: 'Requested', Requested_By__c: org.adminUserId, ...fields });
        return (created as { id: string }).id;
    };

    const readRun = async (id: string) => (await readSyncRuns(org)).find((run) => run.Id === id);

    beforeEach(async () => {
        org = await startTestOrg();
        seedHolders(org, 4);
    });

    afterEach(async () => {
        controller.abort();
        await watching;
        await org.close();
    });

    it('serves a Reload Subscriptions request and marks it Succeeded', async () => {
        startWatching(writeSource(exportOf({ Freedom: 30, Record: 3 })));
        const id = await requestReload();
        const run = await waitFor(
            () => readRun(id),
            (value) => value?.Status__c === 'Succeeded'
        );

        expect(run).toMatchObject({
            Status__c: 'Succeeded',
            Created_Count__c: 2,
            Updated_Count__c: 0,
            Unchanged_Count__c: 0,
            Dry_Run__c: false
        });
        expect(run?.Started_At__c).toEqual(expect.any(String));
        expect(run?.Finished_At__c).toEqual(expect.any(String));
        expect(Number(run?.Api_Calls__c)).toBeGreaterThan(0);
        expect((await readSubscriptions(org)).get('FREEDOM')?.Purchased_Seats__c).toBe(30);
        expect(await readSyncRuns(org)).toHaveLength(1);
    });

    it('counts the API calls of each request', async () => {
        startWatching(writeSource(exportOf({ Freedom: 30, Record: 3 })));
        const first = await requestReload();
        await waitFor(
            () => readRun(first),
            (value) => value?.Status__c === 'Succeeded'
        );
        const second = await requestReload();
        const run = await waitFor(
            () => readRun(second),
            (value) => value?.Status__c === 'Succeeded'
        );

        expect(run).toMatchObject({
            Status__c: 'Succeeded',
            Created_Count__c: 0,
            Unchanged_Count__c: 2
        });
        // Running runs, subscriptions and holder counts, then the update that reports back.
        expect(run?.Api_Calls__c).toBe(4);
    });

    it('measures the API calls of one served request', async () => {
        const source = writeSource(exportOf({ Freedom: 30, Record: 3 }));
        // A one-shot run first, so the served request has nothing to change either.
        expect((await runSync(org, ['--source', source])).exitCode).toBe(0);
        const oneShotStart = org.requestLog.length;
        expect((await runSync(org, ['--source', source])).exitCode).toBe(0);
        const oneShotCalls = org.requestLog.slice(oneShotStart).filter((entry) => entry.apiCall);

        const id = await requestReload();
        const logStart = org.requestLog.length;
        // A long interval, so the watcher polls once at start and the log contains one poll only.
        controller = new AbortController();
        watching = runSync(
            org,
            ['--watch', '--poll-interval', '600', '--source', source],
            { SF_INSTANCE_URL: org.instanceUrl, SF_ACCESS_TOKEN: org.accessToken },
            controller.signal
        );
        // Wait on the org's log, not with queries of this test, which the log would count too.
        const watcherCalls = () => org.requestLog.slice(logStart).filter((entry) => entry.apiCall);
        await waitFor(
            async () => watcherCalls().filter((entry) => entry.method === 'PATCH').length,
            (patches) => patches >= 2
        );
        const names: Record<string, string> = {
            [REQUESTED_RUNS_QUERY]: 'poll',
            [RUNNING_RUNS_QUERY]: 'running runs',
            [SUBSCRIPTIONS_QUERY]: 'subscriptions',
            [HOLDER_COUNTS_QUERY]: 'holder counts'
        };
        const describeCall = (entry: { method: string; path: string }) => {
            const soql = new URL(entry.path, org.instanceUrl).searchParams.get('q');
            return soql === null ? entry.method : (names[soql] ?? soql);
        };
        const servedCalls = watcherCalls().map(describeCall);
        expect((await readRun(id))?.Status__c).toBe('Succeeded');

        expect(oneShotCalls.map(describeCall)).toEqual([
            'running runs',
            'subscriptions',
            'holder counts',
            'POST'
        ]);
        // The poll, the Running check before the claim, the claim, then the run itself.
        expect(servedCalls).toEqual([
            'poll',
            'running runs',
            'PATCH',
            'running runs',
            'subscriptions',
            'holder counts',
            'PATCH'
        ]);
        expect(servedCalls.length - oneShotCalls.length).toBe(3);
    });

    it('honours a requested dry run', async () => {
        startWatching(writeSource(exportOf({ Freedom: 30 })));
        const id = await requestReload({ Dry_Run__c: true });
        const run = await waitFor(
            () => readRun(id),
            (value) => value?.Status__c === 'Succeeded'
        );

        expect(run).toMatchObject({ Status__c: 'Succeeded', Created_Count__c: 1 });
        expect((await readSubscriptions(org)).size).toBe(0);
    });

    it('exits 2 at start when the source file is invalid', async () => {
        startWatching(writeSource(exportOf({ Freedom: -1 })));
        const output = await watching;

        expect(output.exitCode).toBe(2);
        expect(output.result.errors).toEqual([
            expect.stringContaining('must be between 0 and 999999999, got -1')
        ]);
        expect(await readSyncRuns(org)).toEqual([]);
    });

    it('marks a request Failed with the message when the source is invalid', async () => {
        const source = writeSource(exportOf({ Freedom: 1 }));
        startWatching(source);
        // The file turns invalid after the watcher started, as when an export job writes a bad file.
        writeFileSync(source, JSON.stringify(exportOf({ Freedom: -1 })));
        const id = await requestReload();
        const run = await waitFor(
            () => readRun(id),
            (value) => value?.Status__c === 'Failed'
        );

        expect(run?.Status__c).toBe('Failed');
        expect(String(run?.Message__c)).toContain('must be between 0 and 999999999, got -1');
        expect((await readSubscriptions(org)).size).toBe(0);
        controller.abort();
        const output = await watching;
        expect(output.result.status).toBe('Failed');
        expect(output.result.errors).toEqual([
            expect.stringContaining('must be between 0 and 999999999, got -1')
        ]);
    });

    it('leaves a request waiting while another run is Running', async () => {
        const [otherId] = org.seed.insert('Natterbox_Sync_Run__c', [
            { Status__c: 'Running', Started_At__c: new Date().toISOString() }
        ]);
        startWatching(writeSource(exportOf({ Freedom: 30 })));
        const id = await requestReload();
        await new Promise((resolve) => setTimeout(resolve, 300));

        expect((await readRun(id))?.Status__c).toBe('Requested');
        org.store.update(
            'Natterbox_Sync_Run__c',
            String(otherId),
            { Status__c: 'Succeeded' },
            { validate: false }
        );
        const run = await waitFor(
            () => readRun(id),
            (value) => value?.Status__c === 'Succeeded'
        );
        expect(run?.Status__c).toBe('Succeeded');
        controller.abort();
        const output = await watching;
        expect(output.stderr.split('waits until sync run').length - 1).toBe(1);
    });

    it('stops when aborted and exits 0', async () => {
        startWatching(writeSource(exportOf({ Freedom: 30 })));
        await new Promise((resolve) => setTimeout(resolve, 100));
        controller.abort();
        const result = await watching;

        expect(result.exitCode).toBe(0);
        expect(result.stderr).toContain('Stopped watching for requests.');
    });

    it('stops on the API limit with a one-line result', async () => {
        org.faults.add({ kind: 'requestLimitExceeded', method: 'GET', path: '/query', count: 100 });
        startWatching(writeSource(exportOf({ Freedom: 30 })));
        const output = await watching;
        org.faults.clear();

        expect(output.exitCode).toBe(1);
        const lines = output.stdout.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(JSON.parse(lines[0] ?? '').errors).toEqual([
            expect.stringContaining("The org's API request limit is exceeded")
        ]);
    });
});
