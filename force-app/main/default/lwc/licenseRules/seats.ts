/**
 * Seat rules for one user: which held licenses consume a seat, and whether
 * a license may be added given the organisation's seat counts.
 */
import { assumptionValue } from './assumptions';
import { LICENSE_CODES, UnknownLicenseError, isLicenseCode } from './catalogue';
import { describeValue, isPlainObject, requireSeatCount } from './inputs';
import { licenseNotPurchased, seatsExceeded } from './messages';
import { RULE_TABLE } from './ruleTable';
import { normalizeState } from './state';
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
    const normalized = normalizeState(state);
    const impliedLicensesAreFree = assumptionValue('CTI_WITH_FREEDOM_USES_NO_SEAT');
    return LICENSE_CODES.filter((license) => normalized[license]).filter(
        (license) => !(impliedLicensesAreFree && comesWithHeldLicense(normalized, license))
    );
}

function isPurchased(count: SeatCount | undefined): count is SeatCount {
    return count !== undefined && count.purchased > 0;
}

/**
 * Copies seat counts after checking them. `undefined` or `null` means no
 * seat counts, and returns undefined. A `null` or `undefined` entry means
 * the license has no subscription and is left out. Throws TypeError when
 * the counts or an entry are not objects, UnknownLicenseError for a key
 * outside the catalogue, and InvalidSeatCountError for a count that is not
 * a whole number from 0 to Number.MAX_SAFE_INTEGER.
 */
export function readSeatCounts(seats: unknown): SeatCounts | undefined {
    if (seats === undefined || seats === null) {
        return undefined;
    }
    if (!isPlainObject(seats)) {
        throw new TypeError(
            `Invalid seat counts ${describeValue(seats)}: expected an object keyed by license code.`
        );
    }
    const counts: Partial<Record<LicenseCode, SeatCount>> = {};
    for (const [license, count] of Object.entries(seats)) {
        if (!isLicenseCode(license)) {
            throw new UnknownLicenseError(license);
        }
        if (count === undefined || count === null) {
            continue;
        }
        if (!isPlainObject(count)) {
            throw new TypeError(
                `Invalid seat count for license "${license}": ${describeValue(count)}. Expected { purchased, assigned }.`
            );
        }
        counts[license] = {
            purchased: requireSeatCount('purchased seats', license, count.purchased),
            assigned: requireSeatCount('assigned seats', license, count.assigned)
        };
    }
    return counts;
}

/**
 * Checks adding a seat for one license: LICENSE_NOT_PURCHASED when the
 * license has no seat count or zero purchased seats, SEATS_EXCEEDED when
 * one more holder would pass the purchased seats. Without seat counts
 * (`undefined` or `null`) no check runs. Throws as readSeatCounts does.
 */
export function checkSeatForAdd(
    license: LicenseCode,
    seats: SeatCounts | undefined
): Violation | undefined {
    if (!isLicenseCode(license)) {
        throw new UnknownLicenseError(license);
    }
    const counts = readSeatCounts(seats);
    if (!counts) {
        return undefined;
    }
    const count = counts[license];
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
 * Moves seat counts that readSeatCounts returned along with one user going
 * from `before` to `after`: each license's `assigned` goes up or down by
 * the seat this user starts or stops consuming.
 */
export function moveSeatCounts(
    seats: SeatCounts,
    before: LicenseState,
    after: LicenseState
): SeatCounts {
    const consumedBefore = new Set(seatConsumingLicenses(before));
    const consumedAfter = new Set(seatConsumingLicenses(after));
    const moved: Partial<Record<LicenseCode, SeatCount>> = {};
    for (const [license, count] of Object.entries(seats) as [LicenseCode, SeatCount][]) {
        const delta = Number(consumedAfter.has(license)) - Number(consumedBefore.has(license));
        // A caller whose `assigned` left out this user would otherwise reach -1 on a removal.
        const assigned = Math.max(0, count.assigned + delta);
        moved[license] = { purchased: count.purchased, assigned };
    }
    return moved;
}

/**
 * Returns the context as it is once a user moves from `before` to `after`,
 * with the seat counts moved as moveSeatCounts moves them. Without seat
 * counts the context is returned unchanged. The seat counts are checked as
 * readSeatCounts checks them.
 */
export function updateSeatContext(
    context: RuleContext,
    before: LicenseState,
    after: LicenseState
): RuleContext {
    const counts = readSeatCounts(context.seats);
    if (!counts) {
        return context;
    }
    return { ...context, seats: moveSeatCounts(counts, before, after) };
}
