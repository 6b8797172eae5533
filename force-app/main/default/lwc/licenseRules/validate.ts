/**
 * Whole-state validation: every rule of the rule table and, when seat
 * counts are given, the seat rules.
 */
import { describeValue, isPlainObject } from './inputs';
import { excludedPair, gatedLicense, missingImpliedLicense, suggestedLicense } from './messages';
import { RULE_TABLE } from './ruleTable';
import { checkSeatsOfState, readSeatCounts } from './seats';
import { normalizeState } from './state';
import type { LicenseState, RuleContext, Violation } from './types';

/** Lists the hard-rule errors of a state, seat rules excluded. */
function licenseRuleErrors(state: LicenseState, context: RuleContext): Violation[] {
    const errors: Violation[] = [];
    for (const rule of RULE_TABLE.implications) {
        if (state[rule.license] && !state[rule.brings]) {
            errors.push(missingImpliedLicense(rule));
        }
    }
    for (const rule of RULE_TABLE.exclusions) {
        if (rule.licenses.every((license) => state[license])) {
            errors.push(excludedPair(rule));
        }
    }
    for (const rule of RULE_TABLE.gates) {
        if (state[rule.license] && !state[rule.unlessHolding] && !context[rule.setting]) {
            errors.push(gatedLicense(rule));
        }
    }
    return errors;
}

/** Lists the soft-rule warnings of a state. */
function suggestionWarnings(state: LicenseState): Violation[] {
    return RULE_TABLE.suggestions
        .filter((rule) => state[rule.license] && !state[rule.suggests])
        .map((rule) => suggestedLicense(rule));
}

/**
 * Returns a copy of the context after checking it: `legacyCtiAllowed`
 * must be a boolean, and the seat counts are read by readSeatCounts.
 * Throws TypeError for a context that is not an object or a setting that
 * is not a boolean, so the text "false" never turns legacy CTI on.
 */
export function readRuleContext(context: RuleContext): RuleContext {
    if (!isPlainObject(context)) {
        throw new TypeError(
            `Invalid rule context ${describeValue(context)}: expected { legacyCtiAllowed, seats }.`
        );
    }
    const legacyCtiAllowed: unknown = context.legacyCtiAllowed;
    if (typeof legacyCtiAllowed !== 'boolean') {
        throw new TypeError(
            `Invalid rule context: legacyCtiAllowed must be true or false, got ${describeValue(legacyCtiAllowed)}.`
        );
    }
    const seats = readSeatCounts(context.seats);
    return seats ? { legacyCtiAllowed, seats } : { legacyCtiAllowed };
}

/**
 * Lists every violation of a state that normalizeState returned, under a
 * context that readRuleContext returned. The engine calls it to skip
 * checking the same inputs again on every step.
 */
export function checkedViolations(state: LicenseState, context: RuleContext): Violation[] {
    const seatErrors = context.seats ? checkSeatsOfState(state, context.seats) : [];
    return [...licenseRuleErrors(state, context), ...seatErrors, ...suggestionWarnings(state)];
}

/**
 * Lists every violation of a state: hard rules as errors, then seat rules
 * as errors when `context.seats` is given, then suggestions as warnings.
 * `context.seats[license].assigned` must count this user in this state.
 * Throws as normalizeState and readRuleContext do.
 */
export function validateState(state: LicenseState, context: RuleContext): Violation[] {
    return checkedViolations(normalizeState(state), readRuleContext(context));
}

/** Lists only the errors of validateState. */
export function stateErrors(state: LicenseState, context: RuleContext): Violation[] {
    return validateState(state, context).filter((violation) => violation.severity === 'error');
}

/** Checks whether a state breaks no hard rule. */
export function isValidState(state: LicenseState, context: RuleContext): boolean {
    return stateErrors(state, context).length === 0;
}
