import type { LocalOrg } from '../../scripts/org/org';
import {
    connect,
    exportOf,
    orgEnv,
    readSubscriptions,
    readSyncRuns,
    runSync,
    seedHolders,
    startTestOrg,
    writeSource
} from './helpers';

const BASE = { Freedom: 25, CTI: 0, 'Contact Center': 30, Record: 10, Insight: 5, Numbers: 40 };

describe('sync against the local org', () => {
    let org: LocalOrg;

    beforeEach(async () => {
        org = await startTestOrg();
        // 12 holders of Freedom (with CTI) and Voice, every 4th user inactive.
        seedHolders(org, 12, [{ Freedom__c: true, CTI__c: true, Voice__c: true }], 4);
    });

    afterEach(async () => {
        await org.close();
    });

    it('creates every subscription on the first sync', async () => {
        const run = await runSync(org, ['--source', writeSource(exportOf(BASE))]);

        expect(run.exitCode).toBe(0);
        expect(run.result.status).toBe('Succeeded');
        expect(run.result.changes).toEqual({ created: 6, updated: 0, unchanged: 0 });
        const records = await readSubscriptions(org);
        expect([...records.keys()].sort()).toEqual([
            'CTI',
            'FREEDOM',
            'INSIGHTS',
            'OTHER_NUMBERS',
            'RECORD',
            'VOICE'
        ]);
        expect(records.get('VOICE')).toMatchObject({
            Name: 'Voice',
            Purchased_Seats__c: 30,
            Source_Name__c: 'Contact Center',
            Assignable__c: true
        });
        expect(records.get('OTHER_NUMBERS')).toMatchObject({
            Name: 'Numbers',
            Purchased_Seats__c: 40,
            Assignable__c: false
        });
        expect(run.result.unmapped).toEqual([{ name: 'Numbers', purchased: 40 }]);
    });

    it('counts seats with inactive holders as reclaimable', async () => {
        const run = await runSync(org, ['--source', writeSource(exportOf(BASE))]);
        const freedom = run.result.subscriptions.find((row) => row.license === 'FREEDOM');
        const cti = run.result.subscriptions.find((row) => row.license === 'CTI');

        expect(freedom).toEqual({
            license: 'FREEDOM',
            label: 'Freedom',
            purchased: 25,
            assigned: 12,
            available: 13,
            overAllocatedBy: 0,
            reclaimable: 3,
            provisioned: true,
            assignable: true
        });
        // CTI that comes with Freedom uses no CTI seat.
        expect(cti?.assigned).toBe(0);
        expect(run.result.subscriptions.find((row) => row.license === 'SMS')).toMatchObject({
            purchased: 0,
            provisioned: false
        });
    });

    it('changes nothing on a second identical sync', async () => {
        const source = writeSource(exportOf(BASE));
        await runSync(org, ['--source', source]);
        const before = await readSubscriptions(org);
        const second = await runSync(org, ['--source', source]);

        expect(second.exitCode).toBe(0);
        expect(second.result.changes).toEqual({ created: 0, updated: 0, unchanged: 6 });
        expect(second.result.apiCalls).toBeLessThanOrEqual(4);
        expect(second.result.apiCalls).toBe(second.orgApiCalls);
        const after = await readSubscriptions(org);
        expect(after.get('FREEDOM')?.Last_Synced_At__c).toBe(
            before.get('FREEDOM')?.Last_Synced_At__c
        );
        const runs = await readSyncRuns(org);
        expect(runs).toHaveLength(2);
        expect(runs[1]).toMatchObject({
            Status__c: 'Succeeded',
            Created_Count__c: 0,
            Updated_Count__c: 0,
            Unchanged_Count__c: 6,
            Api_Calls__c: second.orgApiCalls
        });
    });

    it('raises a count after a purchase', async () => {
        await runSync(org, ['--source', writeSource(exportOf(BASE))]);
        const run = await runSync(org, [
            '--source',
            writeSource(exportOf({ ...BASE, Freedom: 40 }))
        ]);

        expect(run.result.changes).toEqual({ created: 0, updated: 1, unchanged: 5 });
        expect(run.orgApiCalls).toBeLessThanOrEqual(5);
        expect((await readSubscriptions(org)).get('FREEDOM')?.Purchased_Seats__c).toBe(40);
        expect(run.result.subscriptions.find((row) => row.license === 'FREEDOM')?.available).toBe(
            28
        );
    });

    it('reports a downgrade below assigned and removes nothing', async () => {
        await runSync(org, ['--source', writeSource(exportOf(BASE))]);
        const run = await runSync(org, [
            '--source',
            writeSource(exportOf({ ...BASE, Freedom: 8 }))
        ]);

        expect(run.exitCode).toBe(0);
        const freedom = run.result.subscriptions.find((row) => row.license === 'FREEDOM');
        expect(freedom).toMatchObject({
            purchased: 8,
            assigned: 12,
            available: 0,
            overAllocatedBy: 4
        });
        expect(
            run.result.warnings.some((warning) =>
                warning.startsWith('Freedom is over-allocated by 4')
            )
        ).toBe(true);
        const holders = await connect(org).query(
            'SELECT COUNT() FROM Natterbox_User_License__c WHERE Freedom__c = true'
        );
        expect(holders.totalSize).toBe(12);
    });

    it('writes nothing in a dry run', async () => {
        const run = await runSync(org, ['--dry-run', '--source', writeSource(exportOf(BASE))]);

        expect(run.result.dryRun).toBe(true);
        expect(run.result.changes.created).toBe(6);
        expect((await readSubscriptions(org)).size).toBe(0);
        expect(await readSyncRuns(org)).toHaveLength(0);
        expect(org.requestLog.filter((entry) => entry.method !== 'GET')).toHaveLength(0);
    });

    it('sets a subscription the source dropped to 0 seats', async () => {
        await runSync(org, ['--source', writeSource(exportOf(BASE))]);
        const withoutRecord = Object.fromEntries(
            Object.entries(BASE).filter(([name]) => name !== 'Record')
        );
        const run = await runSync(org, ['--source', writeSource(exportOf(withoutRecord))]);

        expect(run.result.changes.updated).toBe(1);
        expect((await readSubscriptions(org)).get('RECORD')).toMatchObject({
            Purchased_Seats__c: 0,
            Provisioned__c: false
        });
        expect(
            run.result.warnings.some((warning) =>
                warning.startsWith('RECORD is no longer in the source')
            )
        ).toBe(true);
    });

    it('creates the legacy CTI setting once when CTI seats are bought', async () => {
        const source = writeSource(exportOf({ ...BASE, CTI: 5 }));
        const first = await runSync(org, ['--source', source]);

        expect(org.store.orgDefault('Natterbox_Licensing_Settings__c')).toMatchObject({
            Legacy_CTI_Allowed__c: true
        });
        expect(
            first.result.warnings.some((warning) => warning.startsWith('Created the org default'))
        ).toBe(true);
        expect(first.orgApiCalls).toBeLessThanOrEqual(5);

        const second = await runSync(org, ['--source', source]);
        expect(
            second.result.warnings.some((warning) => warning.startsWith('Created the org default'))
        ).toBe(false);
        expect(second.orgApiCalls).toBeLessThanOrEqual(4);
    });

    it('leaves an admin-owned legacy setting alone', async () => {
        org.seed.insert('Natterbox_Licensing_Settings__c', [{ Legacy_CTI_Allowed__c: false }]);
        const run = await runSync(org, ['--source', writeSource(exportOf({ ...BASE, CTI: 5 }))]);

        expect(run.exitCode).toBe(0);
        expect(run.result.errors).toEqual([]);
        expect(org.store.orgDefault('Natterbox_Licensing_Settings__c')).toMatchObject({
            Legacy_CTI_Allowed__c: false
        });
        expect(org.store.count('Natterbox_Licensing_Settings__c')).toBe(1);
        expect(
            run.result.warnings.some((warning) => warning.startsWith('Created the org default'))
        ).toBe(false);
    });

    it('releases the licenses of inactive users', async () => {
        const run = await runSync(org, [
            '--release-inactive',
            '--source',
            writeSource(exportOf(BASE))
        ]);

        expect(run.exitCode).toBe(0);
        expect(run.result.released).toHaveLength(3);
        expect(run.result.released?.[0]?.licenses).toEqual(['CTI', 'Freedom', 'Voice']);
        const remaining = await connect(org).query(
            'SELECT COUNT() FROM Natterbox_User_License__c WHERE Freedom__c = true'
        );
        expect(remaining.totalSize).toBe(9);
    });

    it('reads a CSV export', async () => {
        const csv = 'name,purchased,provisioned\n"Freedom",25,true\n"Personalised SMS",3,false\n';
        const run = await runSync(org, ['--source', writeSource(csv, 'export.csv')]);

        expect(run.exitCode).toBe(0);
        expect((await readSubscriptions(org)).get('SMS')).toMatchObject({
            Purchased_Seats__c: 3,
            Provisioned__c: false,
            Source_Name__c: 'Personalised SMS'
        });
    });

    it('maps extra aliases from a file', async () => {
        const aliases = writeSource({ 'Web Phone': 'FREEDOM' }, 'aliases.json');
        const run = await runSync(org, [
            '--aliases',
            aliases,
            '--source',
            writeSource(exportOf({ 'Web Phone': 30 }))
        ]);

        expect(run.result.unmapped).toEqual([]);
        expect((await readSubscriptions(org)).get('FREEDOM')).toMatchObject({
            Purchased_Seats__c: 30,
            Source_Name__c: 'Web Phone'
        });
    });

    it('redacts secrets in the run message', async () => {
        // A secret can reach the message through any text the run reports, here an item name.
        const secret = 'client-secret-5d1e9a';
        const env = orgEnv(org, { SF_CLIENT_SECRET: secret });
        const run = await runSync(
            org,
            ['--source', writeSource(exportOf({ ...BASE, [`Numbers ${secret}`]: 1 }))],
            env
        );
        const [record] = await readSyncRuns(org);

        expect(run.exitCode).toBe(0);
        expect(run.stdout).not.toContain(secret);
        expect(String(record?.Message__c)).toContain('Numbers [redacted]');
        expect(String(record?.Message__c)).not.toContain(secret);
    });

    it('sees a recent run behind many abandoned ones', async () => {
        const minutesAgo = (minutes: number) =>
            new Date(Date.now() - minutes * 60_000).toISOString().replace('Z', '+0000');
        const [recent] = org.seed.insert('Natterbox_Sync_Run__c', [
            { Status__c: 'Running', Started_At__c: minutesAgo(1) }
        ]);
        org.seed.insert(
            'Natterbox_Sync_Run__c',
            Array.from({ length: 25 }, () => ({
                Status__c: 'Running',
                Started_At__c: minutesAgo(120)
            }))
        );
        // A request created long ago and claimed a minute ago: the newest created runs are the abandoned ones.
        org.store.db
            .prepare('UPDATE natterbox_sync_run__c SET createddate = ? WHERE id = ?')
            .run(minutesAgo(300), String(recent));
        const run = await runSync(org, ['--source', writeSource(exportOf(BASE))]);

        expect(run.exitCode).toBe(3);
        expect((await readSubscriptions(org)).size).toBe(0);
    });
});
