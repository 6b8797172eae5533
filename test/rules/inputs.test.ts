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
    diffStates,
    emptyState,
    heldLicenses,
    isValidState,
    sameState,
    seatConsumingLicenses,
    stateFromRecord,
    stateOf,
    stateToRecordFields,
    updateSeatContext,
    validateState
} from 'c/licenseRules';
import type { LicenseState, RuleContext } from 'c/licenseRules';
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
