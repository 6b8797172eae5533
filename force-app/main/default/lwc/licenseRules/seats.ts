/**
 * Seat rules for one user: which held licenses consume a seat, and whether
 * a license may be added given the organisation's seat counts.
 */
import { assumptionValue } from './assumptions';
import { licenseNotPurchased, seatsExceeded } from './messages';
import { RULE_TABLE } from './ruleTable';
import { heldLicenses } from './state';
import type { LicenseCode, LicenseState, RuleContext, SeatCount, Violation } from './types';

type SeatCounts = NonNullable<RuleContext['seats']>;

/** Checks whether a held license comes with another held license through an implication. */
function comesWithHeldLicense(state: LicenseState, license: LicenseCode): boolean {
    return RULE_TABLE.implications.some((rule) => rule.brings === license && state[rule.license]);
}

/**
 * Lists the held licenses that consume a seat, in catalogue order. Under
 * the CTI_WITH_FREEDOM_USES_NO_SEAT assumption, CTI held together with
 * Freedom consumes no CTI seat.
 */
export function seatConsumingLicenses(state: LicenseState): LicenseCode[] {
    const impliedLicensesAreFree = assumptionValue('CTI_WITH_FREEDOM_USES_NO_SEAT');
    return heldLicenses(state).filter(
        (license) => !(impliedLicensesAreFree && comesWithHeldLicense(state, license))
    );
}

function isPurchased(count: SeatCount | undefined): count is SeatCount {
    return count !== undefined && count.purchased > 0;
}

/**
 * Checks adding a seat for one license: LICENSE_NOT_PURCHASED when the
 * license has no seat count or zero purchased seats, SEATS_EXCEEDED when
 * one more holder would pass the purchased seats.
 */
export function checkSeatForAdd(license: LicenseCode, seats: SeatCounts): Violation | undefined {
    const count = seats[license];
    if (!isPurchased(count)) {
        return licenseNotPurchased(license);
    }
    if (count.assigned + 1 > count.purchased) {
        return seatsExceeded(license, count.purchased, count.assigned + 1);
    }
    return undefined;
}

/**
 * Checks the seats of every license the state consumes a seat for:
 * LICENSE_NOT_PURCHASED without purchased seats, SEATS_EXCEEDED when
 * `assigned` (which counts this user) passes `purchased`.
 */
export function checkSeatsOfState(state: LicenseState, seats: SeatCounts): Violation[] {
    const violations: Violation[] = [];
    for (const license of seatConsumingLicenses(state)) {
        const count = seats[license];
        if (!isPurchased(count)) {
            violations.push(licenseNotPurchased(license));
        } else if (count.assigned > count.purchased) {
            violations.push(seatsExceeded(license, count.purchased, count.assigned));
        }
    }
    return violations;
}

/**
 * Returns the context as it is once a user moves from `before` to `after`:
 * each license's `assigned` goes up or down by the seat this user starts or
 * stops consuming. Without seat counts the context is returned unchanged.
 */
export function updateSeatContext(
    context: RuleContext,
    before: LicenseState,
    after: LicenseState
): RuleContext {
    if (!context.seats) {
        return context;
    }
    const consumedBefore = new Set(seatConsumingLicenses(before));
    const consumedAfter = new Set(seatConsumingLicenses(after));
    const seats: Partial<Record<LicenseCode, SeatCount>> = {};
    for (const [license, count] of Object.entries(context.seats) as [LicenseCode, SeatCount][]) {
        const delta = Number(consumedAfter.has(license)) - Number(consumedBefore.has(license));
        seats[license] = { purchased: count.purchased, assigned: count.assigned + delta };
    }
    return { ...context, seats };
}
