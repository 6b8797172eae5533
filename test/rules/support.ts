/**
 * Helpers shared by the rules tests: every license state, every single
 * change, and an independent model of the cascades that the rule table
 * declares, used as the oracle the engine is checked against.
 */
import { LICENSE_CODES, stateOf } from 'c/licenseRules';
import type { Change, LicenseCode, LicenseState, RuleContext, Violation } from 'c/licenseRules';

/** Lists all 1,024 combinations of the ten licenses. */
export function allStates(): LicenseState[] {
    const states: LicenseState[] = [];
    for (let mask = 0; mask < 1 << LICENSE_CODES.length; mask += 1) {
        states.push(stateOf(LICENSE_CODES.filter((_, index) => (mask & (1 << index)) !== 0)));
    }
    return states;
}

/** Lists every single add and remove of a catalogue license. */
export function allChanges(): Change[] {
    return LICENSE_CODES.flatMap((license): Change[] => [
        { license, action: 'add' },
        { license, action: 'remove' }
    ]);
}

/**
 * Applies a change the way the stated rules describe it, without the
 * engine: Freedom brings CTI on add, and takes it away on remove.
 */
export function expectedTransition(state: LicenseState, change: Change): LicenseState {
    const held = new Set(LICENSE_CODES.filter((code) => state[code]));
    if (change.action === 'add') {
        held.add(change.license);
        if (change.license === 'FREEDOM') {
            held.add('CTI');
        }
    } else {
        held.delete(change.license);
        if (change.license === 'FREEDOM') {
            held.delete('CTI');
        }
    }
    return stateOf([...held]);
}

/** Lists the held licenses, for readable assertions. */
export function held(state: LicenseState): LicenseCode[] {
    return LICENSE_CODES.filter((code) => state[code]);
}

/** Builds a context with optional seat counts. */
export function contextOf(legacyCtiAllowed: boolean, seats?: RuleContext['seats']): RuleContext {
    return seats ? { legacyCtiAllowed, seats } : { legacyCtiAllowed };
}

/** Identifies a violation by code and licenses, ignoring the message. */
export function violationKey(violation: Violation): string {
    return `${violation.code}:${[...violation.licenses].sort().join(',')}`;
}

/** Lists the codes of violations of one severity. */
export function codesOf(
    violations: readonly Violation[],
    severity?: 'error' | 'warning'
): string[] {
    return violations
        .filter((violation) => severity === undefined || violation.severity === severity)
        .map((violation) => violation.code);
}

/** Lists the held licenses that use a seat: CTI held with Freedom uses none. */
export function expectedSeatUsers(state: LicenseState): LicenseCode[] {
    return held(state).filter((code) => !(code === 'CTI' && state.FREEDOM));
}

/** Moves a context's seat counts along with one user going from `before` to `after`. */
export function expectedSeatContext(
    context: RuleContext,
    before: LicenseState,
    after: LicenseState
): RuleContext {
    if (!context.seats) {
        return context;
    }
    const usedBefore = new Set(expectedSeatUsers(before));
    const usedAfter = new Set(expectedSeatUsers(after));
    const seats = Object.fromEntries(
        Object.entries(context.seats).map(([license, count]) => {
            const code = license as LicenseCode;
            const delta = Number(usedAfter.has(code)) - Number(usedBefore.has(code));
            return [
                license,
                { purchased: count?.purchased ?? 0, assigned: (count?.assigned ?? 0) + delta }
            ];
        })
    );
    return { ...context, seats };
}
