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
    emptyState,
    stateOf,
    updateSeatContext,
    validateState
} from 'c/licenseRules';
import type { RuleContext } from 'c/licenseRules';
import { codesOf } from './support';

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
