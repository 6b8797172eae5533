/**
 * Every one of the 1,024 license states, every single add and remove of
 * the ten licenses, in legacy CTI orgs and others: 40,960 changes, each
 * checked against the stated rules.
 *
 * The invariant, with expected(S, C) the state the stated cascades give
 * (Freedom brings CTI on add and takes it on remove):
 * - a change that is already true is accepted with `state` === S and no
 *   cascades;
 * - otherwise the change is rejected exactly when expected(S, C) has a
 *   hard-rule error that S does not have. A rejection keeps `state` === S
 *   and lists those new errors, each of which validateState reports for
 *   expected(S, C);
 * - an accepted change yields expected(S, C) and adds no error: when S is
 *   valid, or the change fixes S (expected(S, C) is valid), the result
 *   breaks no hard rule;
 * - the cascades are exactly the difference between S and the result,
 *   minus the requested license;
 * - applying the same change again changes nothing.
 */
import { applyChange, diffStates, sameState, stateErrors, validateState } from 'c/licenseRules';
import type {
    ApplyResult,
    Cascade,
    Change,
    LicenseState,
    RuleContext,
    Violation
} from 'c/licenseRules';
import {
    allChanges,
    allStates,
    contextOf,
    expectedSeatContext,
    expectedSeatUsers,
    expectedTransition,
    held,
    violationKey
} from './support';

const states = allStates();
const changes = allChanges();

interface Tally {
    accepted: number;
    rejected: number;
    noop: number;
    fixed: number;
    failures: string[];
}

function errorKeys(state: LicenseState, context: RuleContext): Set<string> {
    return new Set(stateErrors(state, context).map(violationKey));
}

function sortedKeys(violations: readonly Violation[]): string {
    return violations.map(violationKey).sort().join(' ');
}

function cascadeEntries(cascades: readonly Cascade[]): string {
    return cascades
        .map((cascade) => `${cascade.action} ${cascade.license}`)
        .sort()
        .join(' ');
}

/** Lists what is wrong with a rejection of a change that introduces `introduced`. */
function checkRejected(state: LicenseState, result: ApplyResult, introduced: string[]): string[] {
    const problems: string[] = [];
    if (result.accepted) {
        problems.push(`accepted although it introduces ${introduced.join(' ')}`);
    }
    if (result.state !== state) {
        problems.push('rejected but state is not the input state');
    }
    if (result.cascades.length > 0) {
        problems.push('rejected with cascades');
    }
    if (sortedKeys(result.violations) !== introduced.join(' ')) {
        problems.push(
            `violations ${sortedKeys(result.violations)}, expected ${introduced.join(' ')}`
        );
    }
    if (result.violations.some((violation) => violation.severity !== 'error')) {
        problems.push('a rejection lists a warning');
    }
    return problems;
}

/** Lists what is wrong with an accepted change. */
function checkAccepted(
    state: LicenseState,
    change: Change,
    result: ApplyResult,
    expected: LicenseState,
    contextAfter: RuleContext
): string[] {
    const problems: string[] = [];
    if (!result.accepted) {
        problems.push(`rejected with ${sortedKeys(result.violations)}`);
        return problems;
    }
    if (!sameState(result.state, expected)) {
        problems.push(
            `state [${held(result.state).join(', ')}], expected [${held(expected).join(', ')}]`
        );
    }
    const diff = diffStates(state, result.state);
    const cascaded = [
        ...diff.added.map((license) => `add ${license}`),
        ...diff.removed.map((license) => `remove ${license}`)
    ].filter((entry) => entry !== `${change.action} ${change.license}`);
    if (cascadeEntries(result.cascades) !== cascaded.sort().join(' ')) {
        problems.push(`cascades ${cascadeEntries(result.cascades)}, diff ${cascaded.join(' ')}`);
    }
    if (sortedKeys(result.violations) !== sortedKeys(validateState(result.state, contextAfter))) {
        problems.push('violations differ from validateState of the new state');
    }
    return problems;
}

/** Lists licenses an accepted change started using a seat of without a free seat. */
function checkSeatsOfAdded(
    state: LicenseState,
    next: LicenseState,
    context: RuleContext
): string[] {
    if (!context.seats) {
        return [];
    }
    const usedBefore = new Set(expectedSeatUsers(state));
    return expectedSeatUsers(next)
        .filter((license) => !usedBefore.has(license))
        .filter((license) => {
            const count = context.seats?.[license];
            return !count || count.assigned + 1 > count.purchased;
        })
        .map((license) => `took a ${license} seat that was not free`);
}

/** Checks one case and records a failure naming it when the invariant breaks. */
function checkCase(state: LicenseState, change: Change, context: RuleContext, tally: Tally): void {
    const name = `${change.action} ${change.license} on [${held(state).join(', ')}] (legacy ${context.legacyCtiAllowed})`;
    const result = applyChange(state, change, context);
    const problems: string[] = [];

    if (state[change.license] === (change.action === 'add')) {
        if (!result.accepted || result.state !== state || result.cascades.length > 0) {
            problems.push('a change already true is not a no-op');
        }
        tally.noop += 1;
    } else {
        const expected = expectedTransition(state, change);
        const contextAfter = expectedSeatContext(context, state, expected);
        const before = errorKeys(state, context);
        const after = errorKeys(expected, contextAfter);
        const introduced = [...after].filter((key) => !before.has(key)).sort();

        if (introduced.length > 0) {
            problems.push(...checkRejected(state, result, introduced));
            tally.rejected += 1;
        } else {
            problems.push(...checkAccepted(state, change, result, expected, contextAfter));
            const resultErrors = errorKeys(result.state, contextAfter);
            if ((before.size === 0 || after.size === 0) && resultErrors.size > 0) {
                problems.push(
                    `valid input or fixing change left errors ${[...resultErrors].join(' ')}`
                );
            }
            problems.push(...checkSeatsOfAdded(state, result.state, context));
            tally.accepted += 1;
            tally.fixed += before.size > 0 && resultErrors.size === 0 ? 1 : 0;
        }
    }

    const again = applyChange(
        result.state,
        change,
        expectedSeatContext(context, state, result.state)
    );
    if (!sameState(again.state, result.state) || again.cascades.length > 0) {
        problems.push('applying the change twice changed the state again');
    }
    if (result.accepted && !again.accepted) {
        problems.push('the second application was rejected');
    }
    tally.failures.push(...problems.map((problem) => `${name}: ${problem}`));
}

function runAll(context: RuleContext): Tally {
    const tally: Tally = { accepted: 0, rejected: 0, noop: 0, fixed: 0, failures: [] };
    for (const state of states) {
        for (const change of changes) {
            checkCase(state, change, context, tally);
        }
    }
    return tally;
}

describe('applyChange over every state and change', () => {
    it('covers 1,024 states and 20 changes', () => {
        expect(states).toHaveLength(1024);
        expect(new Set(states.map((state) => held(state).join(','))).size).toBe(1024);
        expect(changes).toHaveLength(20);
    });

    it.each([false, true])('keeps the invariant with legacy CTI %s', (legacyCtiAllowed) => {
        const tally = runAll(contextOf(legacyCtiAllowed));

        expect(tally.failures.slice(0, 20)).toEqual([]);
        expect(tally.accepted + tally.rejected + tally.noop).toBe(1024 * 20);
        expect(tally.noop).toBe(1024 * 10);
        expect(tally.rejected).toBeGreaterThan(0);
        expect(tally.fixed).toBeGreaterThan(0);
    });

    it('keeps the invariant when no seat is free', () => {
        const seats = Object.fromEntries(
            changes.map((change) => [change.license, { purchased: 1, assigned: 1 }])
        );
        const tally = runAll(contextOf(true, seats));

        expect(tally.failures.slice(0, 20)).toEqual([]);
        expect(tally.rejected).toBeGreaterThan(0);
        expect(tally.accepted).toBeGreaterThan(0);
    });
});
