/**
 * One test per assumption: its declared value, and the behaviour that
 * value selects. The "flipped" tests load the module with one assumption
 * turned off, which shows that the code reads the table instead of
 * repeating the decision.
 */
import * as rules from 'c/licenseRules';
import { ASSUMPTIONS, assumptionValue, computeSeatUsage, stateOf } from 'c/licenseRules';
import type { AssumptionId } from 'c/licenseRules';

type RulesModule = typeof rules;

const ASSUMPTIONS_PATH = '../../force-app/main/default/lwc/licenseRules/assumptions';

/** Loads a fresh copy of the rules module with one assumption's value set to false. */
function loadWithAssumptionOff(id: AssumptionId): RulesModule {
    let loaded: RulesModule | undefined;
    jest.isolateModules(() => {
        jest.doMock(ASSUMPTIONS_PATH, () => {
            const actual = jest.requireActual(
                ASSUMPTIONS_PATH
            ) as typeof import('../../force-app/main/default/lwc/licenseRules/assumptions');
            const table = actual.ASSUMPTIONS.map((assumption) =>
                assumption.id === id ? { ...assumption, value: false } : assumption
            );
            return {
                ASSUMPTIONS: table,
                assumptionValue: (wanted: AssumptionId) =>
                    table.find((assumption) => assumption.id === wanted)?.value
            };
        });
        loaded = jest.requireActual('c/licenseRules') as RulesModule;
    });
    jest.dontMock(ASSUMPTIONS_PATH);
    if (!loaded) {
        throw new Error('The rules module did not load inside jest.isolateModules.');
    }
    return loaded;
}

const inactiveCtiHolder = { licenses: stateOf(['CTI', 'FREEDOM']), active: false };
const legacyCtiHolder = { licenses: stateOf(['CTI']), active: true };

describe('ASSUMPTIONS', () => {
    it('lists five assumptions with unique ids', () => {
        expect(ASSUMPTIONS.map((assumption) => assumption.id)).toEqual([
            'CTI_WITH_FREEDOM_USES_NO_SEAT',
            'STANDALONE_CTI_SEATS_MEAN_LEGACY',
            'SEATS_COUNT_INACTIVE_HOLDERS',
            'DOWNGRADE_REMOVES_NOTHING',
            'UNKNOWN_SUBSCRIPTIONS_MIRRORED'
        ]);
    });

    it('marks every statement as an assumption', () => {
        for (const assumption of ASSUMPTIONS) {
            expect(assumption.statement).toMatch(/^Assumption: /);
            expect(assumption.appliedBy.length).toBeGreaterThan(0);
        }
    });

    it('throws for an undeclared id', () => {
        expect(() => assumptionValue('NOT_DECLARED' as AssumptionId)).toThrow(
            'Unknown assumption "NOT_DECLARED"'
        );
    });
});

describe('assumption CTI_WITH_FREEDOM_USES_NO_SEAT', () => {
    it('is true', () => {
        expect(assumptionValue('CTI_WITH_FREEDOM_USES_NO_SEAT')).toBe(true);
    });

    it('charges no CTI seat for CTI with Freedom', () => {
        expect(rules.seatConsumingLicenses(stateOf(['CTI', 'FREEDOM']))).toEqual(['FREEDOM']);
        expect(rules.seatConsumingLicenses(stateOf(['CTI']))).toEqual(['CTI']);
        expect(rules.seatHolderFilter('CTI')).toBe('CTI__c = true AND Freedom__c = false');
    });

    it('charges a CTI seat for CTI with Freedom when off', () => {
        const flipped = loadWithAssumptionOff('CTI_WITH_FREEDOM_USES_NO_SEAT');

        expect(flipped.seatConsumingLicenses(stateOf(['CTI', 'FREEDOM']))).toEqual([
            'CTI',
            'FREEDOM'
        ]);
        expect(flipped.seatHolderFilter('CTI')).toBe('CTI__c = true');
        const result = flipped.applyChange(
            stateOf([]),
            { license: 'FREEDOM', action: 'add' },
            { legacyCtiAllowed: false, seats: { FREEDOM: { purchased: 1, assigned: 0 } } }
        );
        expect(result.violations.map((violation) => violation.code)).toEqual([
            'LICENSE_NOT_PURCHASED'
        ]);
    });
});

describe('assumption STANDALONE_CTI_SEATS_MEAN_LEGACY', () => {
    it('is true', () => {
        expect(assumptionValue('STANDALONE_CTI_SEATS_MEAN_LEGACY')).toBe(true);
    });

    it('suggests legacy CTI when CTI seats are purchased', () => {
        expect(rules.suggestLegacyCtiAllowed([{ license: 'CTI', purchased: 3 }])).toBe(true);
        expect(rules.suggestLegacyCtiAllowed([{ license: 'CTI', purchased: 0 }])).toBe(false);
        expect(rules.suggestLegacyCtiAllowed([{ license: 'FREEDOM', purchased: 3 }])).toBe(false);
    });

    it('never suggests legacy CTI when off', () => {
        const flipped = loadWithAssumptionOff('STANDALONE_CTI_SEATS_MEAN_LEGACY');

        expect(flipped.suggestLegacyCtiAllowed([{ license: 'CTI', purchased: 3 }])).toBe(false);
    });
});

describe('assumption SEATS_COUNT_INACTIVE_HOLDERS', () => {
    it('is true', () => {
        expect(assumptionValue('SEATS_COUNT_INACTIVE_HOLDERS')).toBe(true);
    });

    it('counts inactive holders and shows them as reclaimable', () => {
        const freedom = computeSeatUsage(
            [{ license: 'FREEDOM', purchased: 2 }],
            [inactiveCtiHolder]
        ).find((row) => row.license === 'FREEDOM');

        expect(freedom).toMatchObject({ assigned: 1, reclaimable: 1, available: 1 });
    });

    it('counts only active holders when off', () => {
        const flipped = loadWithAssumptionOff('SEATS_COUNT_INACTIVE_HOLDERS');
        const freedom = flipped
            .computeSeatUsage([{ license: 'FREEDOM', purchased: 2 }], [inactiveCtiHolder])
            .find((row) => row.license === 'FREEDOM');

        expect(freedom).toMatchObject({ assigned: 0, reclaimable: 0, available: 2 });
    });
});

describe('assumption DOWNGRADE_REMOVES_NOTHING', () => {
    it('is true', () => {
        expect(assumptionValue('DOWNGRADE_REMOVES_NOTHING')).toBe(true);
    });

    it('keeps holders beyond the seats and blocks new ones', () => {
        const rows = computeSeatUsage(
            [{ license: 'CTI', purchased: 0 }],
            [legacyCtiHolder, legacyCtiHolder]
        );
        const context = { legacyCtiAllowed: true, seats: { CTI: { purchased: 1, assigned: 2 } } };

        expect(rows.find((row) => row.license === 'CTI')).toMatchObject({
            assigned: 2,
            overAllocatedBy: 2
        });
        expect(
            rules.applyChange(stateOf(['CTI']), { license: 'CTI', action: 'remove' }, context)
                .accepted
        ).toBe(true);
        expect(
            rules.applyChange(stateOf([]), { license: 'CTI', action: 'add' }, context).accepted
        ).toBe(false);
    });
});

describe('assumption UNKNOWN_SUBSCRIPTIONS_MIRRORED', () => {
    it('is true', () => {
        expect(assumptionValue('UNKNOWN_SUBSCRIPTIONS_MIRRORED')).toBe(true);
    });

    it('keeps a subscription outside the catalogue as a row', () => {
        const rows = computeSeatUsage([{ license: 'OTHER_GLOBAL_CALLS', purchased: 4 }], []);

        expect(rows.map((row) => row.license)).toContain('OTHER_GLOBAL_CALLS');
    });

    it('drops subscriptions outside the catalogue when off', () => {
        const flipped = loadWithAssumptionOff('UNKNOWN_SUBSCRIPTIONS_MIRRORED');
        const rows = flipped.computeSeatUsage(
            [{ license: 'OTHER_GLOBAL_CALLS', purchased: 4 }],
            []
        );

        expect(rows.map((row) => row.license)).not.toContain('OTHER_GLOBAL_CALLS');
        expect(rows).toHaveLength(10);
    });
});
