/**
 * Malformed inputs a caller can pass: each is either read one documented
 * way or rejected with a named error, never half-read. A seat count that
 * is silently misread would let an add pass the purchased seats.
 */
import {
    InvalidSeatCountError,
    UnknownLicenseError,
    applyChange,
    checkSeatForAdd,
    computeSeatUsage,
    countSeatHolders,
    diffStates,
    emptyState,
    heldLicenses,
    isValidState,
    sameState,
    seatConsumingLicenses,
    stateFromRecord,
    stateOf,
    stateToRecordFields,
    seatUsageFromCounts,
    suggestLegacyCtiAllowed,
    updateSeatContext,
    validateState,
    withLicense
} from 'c/licenseRules';
import type {
    LicenseCode,
    LicenseState,
    RuleContext,
    SeatHolder,
    SeatHolderCount,
    Subscription
} from 'c/licenseRules';
import { codesOf, held } from './support';

/** Builds a context whose seat counts come from outside the type system. */
function seatContext(seats: unknown): RuleContext {
    return { legacyCtiAllowed: false, seats } as RuleContext;
}

const addVoice = { license: 'VOICE', action: 'add' } as const;

/** Seat counts that are not a whole number from 0 to Number.MAX_SAFE_INTEGER, by name. */
const badCounts: readonly (readonly [string, unknown])[] = [
    ['undefined', undefined],
    ['null', null],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-1', -1],
    ['1.5', 1.5],
    ['2 ** 53', 2 ** 53],
    ['the text "5"', '5']
];

describe('seat counts in the rule context', () => {
    it.each(badCounts)('rejects assigned %s', (_, value) => {
        const context = seatContext({ VOICE: { purchased: 5, assigned: value } });

        expect(() => applyChange(emptyState(), addVoice, context)).toThrow(InvalidSeatCountError);
        expect(() => validateState(stateOf(['VOICE']), context)).toThrow(InvalidSeatCountError);
    });

    it.each(badCounts)('rejects purchased %s', (_, value) => {
        const context = seatContext({ VOICE: { purchased: value, assigned: 0 } });

        expect(() => applyChange(emptyState(), addVoice, context)).toThrow(InvalidSeatCountError);
        expect(() => checkSeatForAdd('VOICE', context.seats ?? {})).toThrow(InvalidSeatCountError);
    });

    it('names the license and value in the error', () => {
        const context = seatContext({ VOICE: { purchased: 5, assigned: Number.NaN } });

        expect(() => applyChange(emptyState(), addVoice, context)).toThrow(
            'Invalid assigned seats for license "VOICE": NaN.'
        );
    });

    it('checks counts of licenses the change leaves alone', () => {
        const context = seatContext({
            VOICE: { purchased: 5, assigned: 0 },
            SMS: { purchased: 5 }
        });

        expect(() => applyChange(emptyState(), addVoice, context)).toThrow(
            'Invalid assigned seats for license "SMS"'
        );
    });

    it('rejects counts for a license outside the catalogue', () => {
        const context = seatContext({ VOICE: { purchased: 5, assigned: 0 }, sms: {} });

        expect(() => applyChange(emptyState(), addVoice, context)).toThrow(UnknownLicenseError);
    });

    it('rejects seats that are not an object', () => {
        expect(() => applyChange(emptyState(), addVoice, seatContext(5))).toThrow(TypeError);
        expect(() => applyChange(emptyState(), addVoice, seatContext([]))).toThrow(TypeError);
    });

    it('treats a null entry as not purchased', () => {
        const context = seatContext({ VOICE: null });

        expect(codesOf(applyChange(emptyState(), addVoice, context).violations)).toEqual([
            'LICENSE_NOT_PURCHASED'
        ]);
        expect(
            applyChange(stateOf(['VOICE']), { license: 'VOICE', action: 'remove' }, context)
                .accepted
        ).toBe(true);
        expect(checkSeatForAdd('VOICE', { VOICE: null } as never)?.code).toBe(
            'LICENSE_NOT_PURCHASED'
        );
        expect(updateSeatContext(context, emptyState(), stateOf(['VOICE'])).seats).toEqual({});
    });

    it('treats null seats as no seat counts', () => {
        const result = applyChange(emptyState(), addVoice, seatContext(null));

        expect(result.accepted).toBe(true);
        expect(result.violations).toEqual([]);
    });

    it('tells an empty seat map from no seat counts', () => {
        expect(applyChange(emptyState(), addVoice, seatContext({})).accepted).toBe(false);
        expect(applyChange(emptyState(), addVoice, seatContext(undefined)).accepted).toBe(true);
    });

    it('runs no check in checkSeatForAdd without seat counts', () => {
        expect(checkSeatForAdd('VOICE', undefined as never)).toBeUndefined();
    });

    it('never moves assigned below zero', () => {
        const context = seatContext({ VOICE: { purchased: 5, assigned: 0 } });

        expect(updateSeatContext(context, stateOf(['VOICE']), emptyState()).seats).toEqual({
            VOICE: { purchased: 5, assigned: 0 }
        });
    });
});

describe('legacy CTI setting in the rule context', () => {
    const addCti = { license: 'CTI', action: 'add' } as const;
    const notBoolean: readonly (readonly [string, unknown])[] = [
        ['the text "false"', 'false'],
        ['the text "true"', 'true'],
        ['a GraphQL { value } field', { value: false }],
        ['1', 1],
        ['null', null],
        ['undefined', undefined]
    ];

    it.each(notBoolean)('rejects %s', (_, value) => {
        const context = { legacyCtiAllowed: value } as unknown as RuleContext;

        expect(() => applyChange(emptyState(), addCti, context)).toThrow(
            'Invalid rule context: legacyCtiAllowed must be true or false'
        );
        expect(() => validateState(stateOf(['CTI']), context)).toThrow(TypeError);
        expect(() => isValidState(stateOf(['CTI']), context)).toThrow(TypeError);
    });

    it('rejects a missing context', () => {
        expect(() => applyChange(emptyState(), addCti, undefined as never)).toThrow(
            'Invalid rule context undefined'
        );
        expect(() => validateState(emptyState(), null as never)).toThrow(TypeError);
    });
});

/** Builds a state from values outside the type system. */
function looseState(values: Record<string, unknown>): LicenseState {
    return { ...emptyState(), ...values } as unknown as LicenseState;
}

describe('license states with values other than true', () => {
    it('reads only true as held when adding', () => {
        const result = applyChange(
            looseState({ FREEDOM: 'false' }),
            { license: 'FREEDOM', action: 'add' },
            { legacyCtiAllowed: false }
        );

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual(['CTI', 'FREEDOM']);
        expect(result.cascades.map((cascade) => cascade.license)).toEqual(['CTI']);
    });

    it('reads only true as held when removing', () => {
        const result = applyChange(
            looseState({ CTI: true, FREEDOM: 'true' }),
            { license: 'CTI', action: 'remove' },
            { legacyCtiAllowed: true }
        );

        expect(result.accepted).toBe(true);
        expect(held(result.state)).toEqual([]);
    });

    it('reads only true as held in every helper', () => {
        const state = looseState({ VOICE: 'false', SMS: 1, CTI: true, FREEDOM: 'true' });

        expect(heldLicenses(state)).toEqual(['CTI']);
        expect(seatConsumingLicenses(state)).toEqual(['CTI']);
        expect(diffStates(emptyState(), state)).toEqual({ added: ['CTI'], removed: [] });
        expect(sameState(state, stateOf(['CTI']))).toBe(true);
        expect(sameState(looseState({ VOICE: 'false' }), stateOf(['VOICE']))).toBe(false);
        expect(stateToRecordFields(state).Voice__c).toBe(false);
    });

    it('reads a partial state as not holding the rest', () => {
        const partial = { FREEDOM: true, CTI: true } as unknown as LicenseState;

        expect(heldLicenses(partial)).toEqual(['CTI', 'FREEDOM']);
        expect(validateState(partial, { legacyCtiAllowed: false })).toEqual([]);
    });

    it('rejects a state that is not an object', () => {
        const context = { legacyCtiAllowed: false };
        const change = { license: 'SMS', action: 'add' } as const;

        for (const state of [undefined, null, 'CTI', ['CTI']] as unknown as LicenseState[]) {
            expect(() => applyChange(state, change, context)).toThrow('Invalid license state');
            expect(() => validateState(state, context)).toThrow(TypeError);
            expect(() => heldLicenses(state)).toThrow(TypeError);
            expect(() => seatConsumingLicenses(state)).toThrow(TypeError);
            expect(() => diffStates(state, emptyState())).toThrow(TypeError);
            expect(() => stateToRecordFields(state)).toThrow(TypeError);
        }
    });
});

describe('stateFromRecord with odd field values', () => {
    it('reads the text true and false', () => {
        const state = stateFromRecord({
            Voice__c: 'true',
            SMS__c: { value: 'TRUE' },
            PCI__c: 'false',
            Record__c: { value: 'False' }
        });

        expect(held(state)).toEqual(['VOICE', 'SMS']);
    });

    it('reads GraphQL nulls as not held', () => {
        const state = stateFromRecord({
            Voice__c: null,
            SMS__c: { value: null },
            PCI__c: { value: null, displayValue: null },
            CTI__c: { value: true }
        });

        expect(held(state)).toEqual(['CTI']);
    });

    const unreadable: readonly (readonly [string, unknown])[] = [
        ['1', 1],
        ['0', 0],
        ['the text "yes"', 'yes'],
        ['an empty text', ''],
        ['an object without value', { displayValue: 'true' }],
        ['an array', [true]],
        ['a { value } of 1', { value: 1 }]
    ];

    it.each(unreadable)('rejects a checkbox of %s', (_, value) => {
        expect(() => stateFromRecord({ Id: 'a01', Voice__c: value })).toThrow(
            'Invalid value for checkbox field Voice__c'
        );
    });

    it('reads a null or undefined record as holding nothing', () => {
        expect(held(stateFromRecord(null))).toEqual([]);
        expect(held(stateFromRecord(undefined))).toEqual([]);
    });

    it('rejects a record that is not an object', () => {
        for (const record of ['a01', 7, [{ CTI__c: true }]]) {
            expect(() => stateFromRecord(record)).toThrow('Invalid license record');
        }
    });
});

/** Finds the seat table row of one license. */
function rowOf(rows: ReturnType<typeof computeSeatUsage>, license: string) {
    return rows.find((row) => row.license === license);
}

describe('subscriptions with odd values', () => {
    const noLicense: readonly (readonly [string, unknown])[] = [
        ['undefined', undefined],
        ['null', null],
        ['an empty code', ''],
        ['a number', 5]
    ];

    it.each(noLicense)('rejects a license code of %s', (_, license) => {
        const subscriptions = [{ license, purchased: 3 }] as unknown as Subscription[];

        expect(() => computeSeatUsage(subscriptions, [])).toThrow(
            'Invalid subscription at index 0'
        );
        expect(() => suggestLegacyCtiAllowed(subscriptions)).toThrow(TypeError);
    });

    it('rejects a subscription that is not an object', () => {
        const subscriptions = [{ license: 'SMS', purchased: 1 }, null] as unknown as Subscription[];

        expect(() => computeSeatUsage(subscriptions, [])).toThrow(
            'Invalid subscription at index 1: null.'
        );
    });

    it('rejects a list that is not an array', () => {
        expect(() => computeSeatUsage(undefined as never, [])).toThrow(
            'Invalid subscriptions undefined'
        );
    });

    it('rejects a label that is not text', () => {
        const subscriptions = [
            { license: 'OTHER_NUMBERS', purchased: 1, label: 7 }
        ] as unknown as Subscription[];

        expect(() => computeSeatUsage(subscriptions, [])).toThrow(TypeError);
    });

    it('rejects seats past the safe integer range', () => {
        expect(() => computeSeatUsage([{ license: 'SMS', purchased: 2 ** 53 }], [])).toThrow(
            InvalidSeatCountError
        );
        expect(() => computeSeatUsage([{ license: 'SMS', purchased: 1e21 }], [])).toThrow(
            InvalidSeatCountError
        );
    });

    it('rejects duplicates whose sum passes the range', () => {
        const half = 2 ** 52;

        expect(() =>
            computeSeatUsage(
                [
                    { license: 'SMS', purchased: half },
                    { license: 'SMS', purchased: half }
                ],
                []
            )
        ).toThrow('Invalid purchased seats (sum of duplicate entries) for license "SMS"');
    });

    it('names NaN in the message', () => {
        expect(() => computeSeatUsage([{ license: 'SMS', purchased: Number.NaN }], [])).toThrow(
            'Invalid purchased seats for license "SMS": NaN.'
        );
    });

    it('keeps a code in the wrong case as non-assignable', () => {
        const rows = computeSeatUsage([{ license: 'sms', purchased: 4 }], []);

        expect(rowOf(rows, 'sms')?.assignable).toBe(false);
        expect(rowOf(rows, 'SMS')?.purchased).toBe(0);
    });
});

describe('seat holders with missing keys', () => {
    const active = { licenses: stateOf(['SMS']), active: true };

    it.each([
        ['missing', undefined],
        ['the text "false"', 'false'],
        ['null', null]
    ] as const)('rejects an active flag that is %s', (_, flag) => {
        const holders = [active, { licenses: stateOf(['SMS']), active: flag }];

        expect(() => countSeatHolders(holders as unknown as SeatHolder[])).toThrow(
            'Invalid seat holder at index 1: active must be true or false'
        );
    });

    it('rejects a holder without licenses', () => {
        const holders = [{ active: true }] as unknown as SeatHolder[];

        expect(() => computeSeatUsage([], holders)).toThrow(
            'Invalid seat holder at index 0: licenses must be a license state, got undefined.'
        );
    });

    it('rejects a holder that is not an object', () => {
        expect(() => countSeatHolders([null] as unknown as SeatHolder[])).toThrow(
            'Invalid seat holder at index 0: null.'
        );
    });

    it('counts only licenses held as true', () => {
        const holders = [
            { licenses: looseState({ SMS: 'true', VOICE: true }), active: false }
        ] as SeatHolder[];
        const counts = countSeatHolders(holders);

        expect(counts.find((count) => count.license === 'SMS')?.assigned).toBe(0);
        expect(counts.find((count) => count.license === 'VOICE')).toEqual({
            license: 'VOICE',
            assigned: 1,
            reclaimable: 1
        });
    });
});

describe('holder counts with odd values', () => {
    it('sums duplicate counts of one license', () => {
        const rows = seatUsageFromCounts(
            [{ license: 'SMS', purchased: 3 }],
            [
                { license: 'SMS', assigned: 2, reclaimable: 0 },
                { license: 'SMS', assigned: 2, reclaimable: 1 }
            ]
        );

        expect(rowOf(rows, 'SMS')).toMatchObject({
            assigned: 4,
            reclaimable: 1,
            overAllocatedBy: 1
        });
    });

    it('rejects a count entry without a number', () => {
        const counts = [{ license: 'SMS', assigned: 2 }] as unknown as SeatHolderCount[];

        expect(() => seatUsageFromCounts([], counts)).toThrow(
            'Invalid reclaimable seats for license "SMS": undefined.'
        );
    });

    it('rejects a count entry that is not an object', () => {
        expect(() => seatUsageFromCounts([], [null] as unknown as SeatHolderCount[])).toThrow(
            'Invalid seat holder count at index 0: null.'
        );
        expect(() =>
            seatUsageFromCounts([], [{ assigned: 1, reclaimable: 0 }] as SeatHolderCount[])
        ).toThrow('Invalid seat holder count at index 0');
    });

    it('rejects counts past the safe integer range', () => {
        expect(() =>
            seatUsageFromCounts([], [{ license: 'SMS', assigned: 2 ** 60, reclaimable: 0 }])
        ).toThrow(InvalidSeatCountError);
    });
});

describe('state builders with unknown codes', () => {
    it('rejects an unknown code in stateOf', () => {
        expect(() => stateOf(['VOICE', 'sms'] as LicenseCode[])).toThrow(
            'Unknown license code "sms"'
        );
        expect(() => stateOf([undefined] as unknown as LicenseCode[])).toThrow(UnknownLicenseError);
    });

    it('rejects a list that is not an array in stateOf', () => {
        expect(() => stateOf('VOICE' as unknown as LicenseCode[])).toThrow(
            'Invalid license list "VOICE"'
        );
    });

    it('rejects an unknown code in withLicense', () => {
        expect(() => withLicense(emptyState(), 'sms' as LicenseCode, true)).toThrow(
            UnknownLicenseError
        );
    });

    it('rejects a held flag that is not a boolean', () => {
        expect(() => withLicense(emptyState(), 'SMS', 'yes' as unknown as boolean)).toThrow(
            'Invalid held flag for license "SMS": "yes"'
        );
    });
});
