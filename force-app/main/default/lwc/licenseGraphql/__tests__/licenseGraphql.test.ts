import { readSeatCounts } from 'c/licenseGraphql';
import type { HolderGroupNode, SeatAggregates } from 'c/licenseGraphql';
import { LICENSES } from 'c/licenseRules';
import type { LicenseCode } from 'c/licenseRules';

/** Builds one holder group: the licenses held and the group's record count. */
function group(licenses: LicenseCode[], count: number): { node: HolderGroupNode } {
    const aggregate: Record<string, unknown> = {};
    for (const license of LICENSES) {
        aggregate[license.fieldApiName] = { value: licenses.includes(license.code) };
    }
    aggregate.Id = { count: { value: count } };
    return { node: { aggregate: aggregate as HolderGroupNode['aggregate'] } };
}

function countsOf(aggregates: SeatAggregates, license: LicenseCode) {
    return readSeatCounts(aggregates).find((count) => count.license === license);
}

describe('readSeatCounts', () => {
    it('sums the groups holding each license', () => {
        const aggregates = {
            holders: { edges: [group(['VOICE', 'SMS'], 3), group(['VOICE'], 2)] },
            inactiveHolders: { edges: [group(['VOICE'], 1)] }
        };

        expect(countsOf(aggregates, 'VOICE')).toEqual({
            license: 'VOICE',
            assigned: 5,
            reclaimable: 1
        });
        expect(countsOf(aggregates, 'SMS')).toEqual({
            license: 'SMS',
            assigned: 3,
            reclaimable: 0
        });
    });

    it('charges no CTI seat to Freedom holders', () => {
        const aggregates = {
            holders: { edges: [group(['CTI', 'FREEDOM'], 4), group(['CTI'], 1)] },
            inactiveHolders: { edges: [group(['CTI', 'FREEDOM'], 2)] }
        };

        expect(countsOf(aggregates, 'CTI')).toEqual({
            license: 'CTI',
            assigned: 1,
            reclaimable: 0
        });
        expect(countsOf(aggregates, 'FREEDOM')).toEqual({
            license: 'FREEDOM',
            assigned: 4,
            reclaimable: 2
        });
    });

    it('returns every catalogue license in order', () => {
        const counts = readSeatCounts({ holders: { edges: [group(['PCI'], 1)] } });

        expect(counts.map((count) => count.license)).toEqual(LICENSES.map(({ code }) => code));
    });

    it('counts missing aggregates as zero', () => {
        const counts = readSeatCounts({ holders: null });

        expect(counts.every((count) => count.assigned === 0 && count.reclaimable === 0)).toBe(true);
    });

    it('skips a group without a count', () => {
        const countless = group(['SMS'], 0);
        delete (countless.node.aggregate as Record<string, unknown>).Id;
        const aggregates = { holders: { edges: [countless, group(['SMS'], 2)] } };

        expect(countsOf(aggregates, 'SMS')?.assigned).toBe(2);
    });

    it('reads a missing checkbox as not held', () => {
        const partial = group(['SMS', 'VOICE'], 2);
        delete partial.node.aggregate.SMS__c;
        const aggregates = { holders: { edges: [partial] } };

        expect(countsOf(aggregates, 'SMS')?.assigned).toBe(0);
        expect(countsOf(aggregates, 'VOICE')?.assigned).toBe(2);
    });

    it('rejects a checkbox value that is not a boolean', () => {
        const invalid = group(['SMS'], 1);
        invalid.node.aggregate.SMS__c = { value: 'yes' };

        expect(() => readSeatCounts({ holders: { edges: [invalid] } })).toThrow(TypeError);
    });
});
