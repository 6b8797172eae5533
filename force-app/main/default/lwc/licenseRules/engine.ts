/**
 * The rules engine: applies one change to one user's licenses, with the
 * cascades the rule table implies, and rejects changes that would break a
 * hard rule.
 */
import { UnknownLicenseError, isLicenseCode } from './catalogue';
import { cascadeOf, impliedLicenseRemoval } from './messages';
import { RULE_CODES, RULE_TABLE } from './ruleTable';
import { moveSeatCounts } from './seats';
import { diffStates, normalizeState, withLicense } from './state';
import { checkedViolations, readRuleContext } from './validate';
import type {
    ApplyResult,
    Cascade,
    Change,
    LicenseCode,
    LicenseState,
    RuleContext,
    Violation
} from './types';

const SEAT_RULE_CODES: ReadonlySet<string> = new Set([
    RULE_CODES.SEATS_EXCEEDED,
    RULE_CODES.LICENSE_NOT_PURCHASED
]);

/** Error for a change whose action is neither `add` nor `remove`. */
export class InvalidChangeError extends Error {
    constructor(change: unknown) {
        super(
            `Invalid license change ${JSON.stringify(change)}: expected { license, action } with action 'add' or 'remove'.`
        );
        this.name = 'InvalidChangeError';
    }
}

interface Transition {
    readonly state: LicenseState;
    readonly cascades: Cascade[];
}

/** Adds a license and every license its implications bring, transitively. */
function addWithImplications(current: LicenseState, license: LicenseCode): Transition {
    let state = withLicense(current, license, true);
    const cascades: Cascade[] = [];
    const added = new Set<LicenseCode>([license]);
    let pending = true;
    while (pending) {
        pending = false;
        for (const rule of RULE_TABLE.implications) {
            if (added.has(rule.license) && !state[rule.brings]) {
                state = withLicense(state, rule.brings, true);
                added.add(rule.brings);
                cascades.push(cascadeOf(rule, 'add'));
                pending = true;
            }
        }
    }
    return { state, cascades };
}

/** Checks whether some held license other than the removed ones still brings the license. */
function isStillBrought(state: LicenseState, license: LicenseCode): boolean {
    return RULE_TABLE.implications.some((rule) => rule.brings === license && state[rule.license]);
}

/**
 * Removes a license and every license it brought, unless another held
 * license still brings it. Removing Freedom removes CTI in every
 * organisation, legacy CTI ones included, because the source states that
 * rule without exception. A legacy organisation may add CTI back alone.
 */
function removeWithImplications(current: LicenseState, license: LicenseCode): Transition {
    let state = withLicense(current, license, false);
    const cascades: Cascade[] = [];
    const removed = new Set<LicenseCode>([license]);
    let pending = true;
    while (pending) {
        pending = false;
        for (const rule of RULE_TABLE.implications) {
            if (
                removed.has(rule.license) &&
                state[rule.brings] &&
                !isStillBrought(state, rule.brings)
            ) {
                state = withLicense(state, rule.brings, false);
                removed.add(rule.brings);
                cascades.push(cascadeOf(rule, 'remove'));
                pending = true;
            }
        }
    }
    return { state, cascades };
}

function violationKey(violation: Violation): string {
    return `${violation.code}:${[...violation.licenses].sort().join(',')}`;
}

function errorsOf(violations: readonly Violation[]): Violation[] {
    return violations.filter((violation) => violation.severity === 'error');
}

/** Returns the checked context with the seat counts moved along with this user. */
function movedContext(
    context: RuleContext,
    current: LicenseState,
    next: LicenseState
): RuleContext {
    return context.seats
        ? { ...context, seats: moveSeatCounts(context.seats, current, next) }
        : context;
}

/**
 * Lists the errors the transition introduces: errors of the new state that
 * the current state did not have. Seat errors count only for licenses the
 * transition adds, so a removal is never blocked by seats, even on an
 * over-allocated license. Both states are normalized and the context is
 * checked.
 */
function introducedErrors(
    current: LicenseState,
    next: LicenseState,
    context: RuleContext
): Violation[] {
    const existing = new Set(errorsOf(checkedViolations(current, context)).map(violationKey));
    const added = new Set(diffStates(current, next).added);
    return errorsOf(checkedViolations(next, movedContext(context, current, next))).filter(
        (violation) =>
            !existing.has(violationKey(violation)) &&
            (!SEAT_RULE_CODES.has(violation.code) ||
                violation.licenses.every((license) => added.has(license)))
    );
}

function validateChange(change: Change): void {
    const valid =
        typeof change === 'object' &&
        change !== null &&
        (change.action === 'add' || change.action === 'remove');
    if (!valid) {
        throw new InvalidChangeError(change);
    }
    if (!isLicenseCode(change.license)) {
        throw new UnknownLicenseError(change.license);
    }
}

function rejected(current: LicenseState, violations: Violation[]): ApplyResult {
    return { accepted: false, state: current, cascades: [], violations };
}

/**
 * Applies one change to a user's licenses. Implied licenses follow in the
 * same change (adding Freedom adds CTI, removing Freedom removes CTI). The
 * change is rejected, with the errors that explain why and `state` equal
 * to `current`, when it would introduce a hard-rule error: removing CTI
 * while holding Freedom, combining Freedom with Service Cloud Voice, CTI
 * without Freedom outside a legacy CTI organisation, or adding a license
 * without a free seat when `context.seats` is given. Errors the current
 * state already has do not block a change. A change that is already true
 * returns `current` with no cascades. A license counts as held only when
 * its value is exactly `true`. Throws InvalidChangeError or
 * UnknownLicenseError for a malformed change, and throws as validateState
 * does for a malformed state or context.
 */
export function applyChange(
    current: LicenseState,
    change: Change,
    context: RuleContext
): ApplyResult {
    validateChange(change);
    const held = normalizeState(current);
    const checked = readRuleContext(context);
    const adding = change.action === 'add';
    if (held[change.license] === adding) {
        return {
            accepted: true,
            state: current,
            cascades: [],
            violations: checkedViolations(held, checked)
        };
    }

    if (!adding) {
        const blockers = RULE_TABLE.implications.filter(
            (rule) => rule.brings === change.license && held[rule.license]
        );
        if (blockers.length > 0) {
            return rejected(current, blockers.map(impliedLicenseRemoval));
        }
    }

    const transition = adding
        ? addWithImplications(held, change.license)
        : removeWithImplications(held, change.license);
    const errors = introducedErrors(held, transition.state, checked);
    if (errors.length > 0) {
        return rejected(current, errors);
    }
    return {
        accepted: true,
        state: transition.state,
        cascades: transition.cascades,
        violations: checkedViolations(
            transition.state,
            movedContext(checked, held, transition.state)
        )
    };
}
