import type { LocalOrg } from '../../scripts/org/org';
import {
    exportOf,
    readSubscriptions,
    runSync,
    seedHolders,
    startTestOrg,
    writeSource
} from './helpers';

const SOURCE = exportOf({
    Freedom: 60_000,
    CTI: 0,
    'Contact Center': 60_000,
    Record: 100,
    Insight: 10
});

describe('API call budget', () => {
    let org: LocalOrg;

    afterEach(async () => {
        await org.close();
    });

    it.each([10, 50_000])(
        'uses at most 4 calls for an unchanged sync with %i holders',
        async (holders) => {
            org = await startTestOrg();
            seedHolders(
                org,
                holders,
                [
                    { Freedom__c: true, CTI__c: true, Voice__c: true },
                    { Freedom__c: true, CTI__c: true, Record__c: true },
                    { Service_Cloud_Voice__c: true }
                ],
                9
            );
            const source = writeSource(SOURCE);
            await runSync(org, ['--source', source]);
            const run = await runSync(org, ['--source', source]);

            expect(run.exitCode).toBe(0);
            expect(run.result.changes.unchanged).toBe(5);
            expect(run.orgApiCalls).toBeLessThanOrEqual(4);
            expect(run.result.apiCalls).toBe(run.orgApiCalls);
            const freedom = run.result.subscriptions.find((row) => row.license === 'FREEDOM');
            const expectedFreedom = Array.from(
                { length: holders },
                (_, index) => index % 3 !== 2
            ).filter(Boolean).length;
            expect(freedom?.assigned).toBe(expectedFreedom);
            const inactive = Array.from({ length: holders }, (_, index) => index).filter(
                (index) => index % 3 !== 2 && (index + 1) % 9 === 0
            ).length;
            expect(freedom?.reclaimable).toBe(inactive);
        },
        30_000
    );

    it('uses at most 4 + ceil(K / 200) calls for K changes', async () => {
        org = await startTestOrg();
        seedHolders(org, 10);
        const names = Object.fromEntries(
            Array.from({ length: 450 }, (_, index) => [`Add-on ${index}`, index])
        );
        await runSync(org, ['--source', writeSource(exportOf({ Freedom: 20 }))]);

        const logStart = org.requestLog.length;
        const run = await runSync(org, [
            '--source',
            writeSource(exportOf({ Freedom: 21, ...names }))
        ]);

        expect(run.exitCode).toBe(0);
        expect(run.result.changes).toEqual({ created: 450, updated: 1, unchanged: 0 });
        expect(run.orgApiCalls).toBeLessThanOrEqual(4 + Math.ceil(451 / 200));
        const upserts = org.requestLog
            .slice(logStart)
            .filter(
                (entry) => entry.method === 'PATCH' && entry.path.includes('/composite/sobjects/')
            );
        expect(upserts).toHaveLength(3);
        expect((await readSubscriptions(org)).size).toBe(451);
    }, 30_000);
});
