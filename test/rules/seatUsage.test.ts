import {
    InvalidSeatCountError,
    LICENSE_CODES,
    computeSeatUsage,
    countSeatHolders,
    seatHolderFilter,
    seatUsageFromCounts,
    stateOf
} from 'c/licenseRules';
import type { LicenseCode, SeatHolder, SeatUsage } from 'c/licenseRules';

function holder(licenses: LicenseCode[], active = true): SeatHolder {
    return { licenses: stateOf(licenses), active };
}

function rowOf(rows: SeatUsage[], license: string): SeatUsage {
    const row = rows.find((candidate) => candidate.license === license);
    if (!row) {
        throw new Error(`No seat usage row for ${license}.`);
    }
    return row;
}

const subscriptions = [
    { license: 'VOICE', purchased: 3 },
    { license: 'FREEDOM', purchased: 10 },
    { license: 'CTI', purchased: 2 },
    { license: 'RECORD', purchased: 0 },
    { license: 'OTHER_GLOBAL_CALLS', purchased: 25, label: 'Global Calls' }
];

const holders = [
    holder(['CTI', 'FREEDOM', 'VOICE']),
    holder(['CTI', 'FREEDOM', 'VOICE']),
    holder(['CTI', 'VOICE']),
    holder(['CTI', 'FREEDOM', 'VOICE'], false),
    holder(['CTI', 'VOICE', 'RECORD'], false)
];

describe('computeSeatUsage', () => {
    const rows = computeSeatUsage(subscriptions, holders);

    it('lists catalogue licenses first, then other subscriptions', () => {
        expect(rows.map((row) => row.license)).toEqual([...LICENSE_CODES, 'OTHER_GLOBAL_CALLS']);
    });

    it('shows a downgrade below assigned as over-allocated', () => {
        expect(rowOf(rows, 'VOICE')).toEqual({
            license: 'VOICE',
            label: 'Voice',
            purchased: 3,
            assigned: 5,
            available: 0,
            overAllocatedBy: 2,
            reclaimable: 2,
            assignable: true
        });
    });

    it('shows a license without seats', () => {
        expect(rowOf(rows, 'RECORD')).toMatchObject({
            purchased: 0,
            assigned: 1,
            available: 0,
            overAllocatedBy: 1,
            reclaimable: 1
        });
        expect(rowOf(rows, 'PCI')).toMatchObject({
            purchased: 0,
            assigned: 0,
            available: 0,
            overAllocatedBy: 0,
            assignable: true
        });
    });

    it('counts inactive holders as reclaimable', () => {
        expect(rowOf(rows, 'FREEDOM')).toMatchObject({
            purchased: 10,
            assigned: 3,
            available: 7,
            reclaimable: 1
        });
    });

    it('charges CTI seats only without Freedom', () => {
        expect(rowOf(rows, 'CTI')).toMatchObject({
            purchased: 2,
            assigned: 2,
            available: 0,
            overAllocatedBy: 0,
            reclaimable: 1
        });
    });

    it('keeps an unknown license as non-assignable', () => {
        expect(rowOf(rows, 'OTHER_GLOBAL_CALLS')).toEqual({
            license: 'OTHER_GLOBAL_CALLS',
            label: 'Global Calls',
            purchased: 25,
            assigned: 0,
            available: 25,
            overAllocatedBy: 0,
            reclaimable: 0,
            assignable: false
        });
    });

    it('labels an unknown license by its code without a label', () => {
        const usage = computeSeatUsage([{ license: 'OTHER_NUMBERS', purchased: 1 }], []);

        expect(rowOf(usage, 'OTHER_NUMBERS').label).toBe('OTHER_NUMBERS');
    });

    it('sums duplicate subscriptions of one license', () => {
        const usage = computeSeatUsage(
            [
                { license: 'SMS', purchased: 2 },
                { license: 'SMS', purchased: 3 }
            ],
            []
        );

        expect(rowOf(usage, 'SMS').purchased).toBe(5);
    });

    it('rejects a negative or fractional seat count', () => {
        expect(() => computeSeatUsage([{ license: 'SMS', purchased: -1 }], [])).toThrow(
            InvalidSeatCountError
        );
        expect(() => computeSeatUsage([{ license: 'SMS', purchased: 1.5 }], [])).toThrow(
            'Invalid purchased seats for license "SMS": 1.5. Expected a whole number from 0 to 9007199254740991.'
        );
    });
});

describe('seatUsageFromCounts', () => {
    it('matches computeSeatUsage for the same holders', () => {
        expect(seatUsageFromCounts(subscriptions, countSeatHolders(holders))).toEqual(
            computeSeatUsage(subscriptions, holders)
        );
    });

    it('builds rows from aggregate counts', () => {
        const rows = seatUsageFromCounts(
            [{ license: 'WHATSAPP', purchased: 100 }],
            [{ license: 'WHATSAPP', assigned: 120, reclaimable: 30 }]
        );

        expect(rowOf(rows, 'WHATSAPP')).toMatchObject({
            assigned: 120,
            overAllocatedBy: 20,
            available: 0,
            reclaimable: 30
        });
    });

    it('ignores counts for licenses outside the catalogue', () => {
        const rows = seatUsageFromCounts(
            [{ license: 'OTHER_NUMBERS', purchased: 5 }],
            [{ license: 'OTHER_NUMBERS', assigned: 3, reclaimable: 0 }]
        );

        expect(rowOf(rows, 'OTHER_NUMBERS').assigned).toBe(0);
    });

    it('rejects more reclaimable than assigned seats', () => {
        expect(() =>
            seatUsageFromCounts([], [{ license: 'SMS', assigned: 1, reclaimable: 2 }])
        ).toThrow('Invalid reclaimable seats (more than assigned) for license "SMS": 2.');
    });
});

describe('seatHolderFilter', () => {
    it('selects holders of a license by its checkbox', () => {
        expect(seatHolderFilter('VOICE')).toBe('Voice__c = true');
        expect(seatHolderFilter('SCV')).toBe('Service_Cloud_Voice__c = true');
    });

    it('leaves out CTI holders who also hold Freedom', () => {
        expect(seatHolderFilter('CTI')).toBe('CTI__c = true AND Freedom__c = false');
    });
});
