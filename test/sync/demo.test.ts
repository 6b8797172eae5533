import type { LocalOrg } from '../../scripts/org/org';
import { seedDemoOrganisation } from '../../scripts/demo/seed';
import { runSync, SAMPLE_JSON, startTestOrg } from './helpers';

describe('demo organisation', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg();
    });

    afterAll(async () => {
        await org.close();
    });

    it('fits the sample export with reclaimable seats and no over-allocation', async () => {
        const seeded = seedDemoOrganisation(org);
        const run = await runSync(org, ['--source', SAMPLE_JSON]);

        expect(seeded).toEqual({ users: 200, inactive: 22, holders: 130 });
        expect(run.exitCode).toBe(0);
        expect(run.result.subscriptions.filter((row) => row.overAllocatedBy > 0)).toEqual([]);
        expect(run.result.subscriptions.find((row) => row.license === 'FREEDOM')).toMatchObject({
            assigned: 112,
            reclaimable: 12
        });
        expect(run.result.subscriptions.find((row) => row.license === 'CTI')).toMatchObject({
            assigned: 8
        });
    });
});
