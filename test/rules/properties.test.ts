/**
 * Property tests: random sequences of changes from a valid start state,
 * with random seat counts for the other users of the organisation. The
 * test keeps its own seat ledger (other holders plus this user) and checks
 * after every step that the state breaks no hard rule, that no license the
 * sequence added took a seat that was not free, and that the cascades are
 * exactly the difference between the states.
 */
import fc from 'fast-check';
import {
    LICENSE_CODES,
    applyChange,
    diffStates,
    isValidState,
    sameState,
    stateErrors,
    stateOf,
    updateSeatContext
} from 'c/licenseRules';
import type { Change, LicenseCode, LicenseState, RuleContext, SeatCount } from 'c/licenseRules';
import { expectedSeatUsers, held } from './support';

type Ledger = Record<LicenseCode, { purchased: number; others: number }>;

const licenseArbitrary = fc.constantFrom(...LICENSE_CODES);
const changeArbitrary: fc.Arbitrary<Change> = fc.record({
    license: licenseArbitrary,
    action: fc.constantFrom<'add' | 'remove'>('add', 'remove')
});

/** Seat counts of the organisation without this user, or none at all. */
const ledgerArbitrary: fc.Arbitrary<Ledger | undefined> = fc.option(
    fc.record(
        Object.fromEntries(
            LICENSE_CODES.map((code) => [
                code,
                fc.record({
                    purchased: fc.integer({ min: 0, max: 4 }),
                    others: fc.integer({ min: 0, max: 5 })
                })
            ])
        ) as Record<LicenseCode, fc.Arbitrary<{ purchased: number; others: number }>>
    ),
    { nil: undefined }
);

const scenarioArbitrary = fc
    .record({
        legacyCtiAllowed: fc.boolean(),
        start: fc.subarray([...LICENSE_CODES]),
        ledger: ledgerArbitrary,
        changes: fc.array(changeArbitrary, { maxLength: 25 })
    })
    .filter(({ legacyCtiAllowed, start }) => isValidState(stateOf(start), { legacyCtiAllowed }));

/** Builds the rule context for this user's current state from the ledger. */
function contextFor(
    legacyCtiAllowed: boolean,
    ledger: Ledger | undefined,
    state: LicenseState
): RuleContext {
    if (!ledger) {
        return { legacyCtiAllowed };
    }
    const using = new Set(expectedSeatUsers(state));
    const seats: Partial<Record<LicenseCode, SeatCount>> = {};
    for (const code of LICENSE_CODES) {
        seats[code] = {
            purchased: ledger[code].purchased,
            assigned: ledger[code].others + Number(using.has(code))
        };
    }
    return { legacyCtiAllowed, seats };
}

function cascadeEntries(state: LicenseState, next: LicenseState, change: Change): string[] {
    const diff = diffStates(state, next);
    return [
        ...diff.added.map((code) => `add ${code}`),
        ...diff.removed.map((code) => `remove ${code}`)
    ]
        .filter((entry) => entry !== `${change.action} ${change.license}`)
        .sort();
}

describe('applyChange over random change sequences', () => {
    it('keeps every invariant after each step', () => {
        fc.assert(
            fc.property(scenarioArbitrary, ({ legacyCtiAllowed, start, ledger, changes }) => {
                let state = stateOf(start);
                const addedBySequence = new Set<LicenseCode>();

                for (const change of changes) {
                    const context = contextFor(legacyCtiAllowed, ledger, state);
                    const result = applyChange(state, change, context);

                    if (!result.accepted) {
                        expect(result.state).toBe(state);
                        expect(result.cascades).toEqual([]);
                        expect(result.violations.length).toBeGreaterThan(0);
                        continue;
                    }

                    const licenseRuleErrors = stateErrors(result.state, { legacyCtiAllowed });
                    expect(licenseRuleErrors).toEqual([]);
                    expect(result.cascades.map((c) => `${c.action} ${c.license}`).sort()).toEqual(
                        cascadeEntries(state, result.state, change)
                    );
                    expect(result.state[change.license]).toBe(change.action === 'add');

                    const usedBefore = new Set(expectedSeatUsers(state));
                    for (const code of expectedSeatUsers(result.state)) {
                        if (!usedBefore.has(code)) {
                            addedBySequence.add(code);
                        }
                    }
                    for (const code of diffStates(state, result.state).removed) {
                        addedBySequence.delete(code);
                    }

                    const nextContext = contextFor(legacyCtiAllowed, ledger, result.state);
                    expect(updateSeatContext(context, state, result.state)).toEqual(nextContext);
                    state = result.state;
                }

                if (ledger) {
                    const overSeats = [...addedBySequence].filter(
                        (code) =>
                            expectedSeatUsers(state).includes(code) &&
                            ledger[code].others + 1 > ledger[code].purchased
                    );
                    expect(overSeats).toEqual([]);
                }
            }),
            { numRuns: 400 }
        );
    });

    it('changes nothing when a change is applied twice', () => {
        fc.assert(
            fc.property(
                scenarioArbitrary,
                changeArbitrary,
                ({ legacyCtiAllowed, start, ledger }, change) => {
                    const state = stateOf(start);
                    const first = applyChange(
                        state,
                        change,
                        contextFor(legacyCtiAllowed, ledger, state)
                    );
                    const secondContext = contextFor(legacyCtiAllowed, ledger, first.state);
                    const second = applyChange(first.state, change, secondContext);

                    expect(sameState(second.state, first.state)).toBe(true);
                    expect(second.cascades).toEqual([]);
                    if (first.accepted) {
                        expect(second.accepted).toBe(true);
                        expect(second.state).toBe(first.state);
                    }
                }
            ),
            { numRuns: 400 }
        );
    });

    it('reaches a valid state from any valid start', () => {
        fc.assert(
            fc.property(scenarioArbitrary, ({ legacyCtiAllowed, start, changes }) => {
                const context = { legacyCtiAllowed };
                const final = changes.reduce(
                    (state, change) => applyChange(state, change, context).state,
                    stateOf(start)
                );
                expect({ held: held(final), valid: isValidState(final, context) }).toEqual({
                    held: held(final),
                    valid: true
                });
            }),
            { numRuns: 200 }
        );
    });
});
