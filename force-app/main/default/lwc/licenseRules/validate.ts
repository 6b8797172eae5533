/**
 * Whole-state validation: every rule of the rule table and, when seat
 * counts are given, the seat rules.
 */
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
 * Lists every violation of a state: hard rules as errors, then seat rules
 * as errors when `context.seats` is given, then suggestions as warnings.
 * `context.seats[license].assigned` must count this user in this state.
 */
export function validateState(state: LicenseState, context: RuleContext): Violation[] {
    const normalized = normalizeState(state);
    const seats = readSeatCounts(context.seats);
    const seatErrors = seats ? checkSeatsOfState(normalized, seats) : [];
    return [
        ...licenseRuleErrors(normalized, context),
        ...seatErrors,
        ...suggestionWarnings(normalized)
    ];
}

/** Lists only the errors of validateState. */
export function stateErrors(state: LicenseState, context: RuleContext): Violation[] {
    return validateState(state, context).filter((violation) => violation.severity === 'error');
}

/** Checks whether a state breaks no hard rule. */
export function isValidState(state: LicenseState, context: RuleContext): boolean {
    return stateErrors(state, context).length === 0;
}
