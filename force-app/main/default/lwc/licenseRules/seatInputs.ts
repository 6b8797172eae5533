/**
 * Checks of the lists the seat table is built from: subscriptions, seat
 * holders and precomputed holder counts. Each error names the list index.
 */
import { InvalidSeatCountError, describeValue, isPlainObject, requireSeatCount } from './inputs';
import { normalizeState } from './state';
import type { LicenseState, SeatHolder, SeatHolderCount, Subscription } from './types';

/** A subscription after checking, with duplicates of its license summed. */
export interface SummedSubscription {
    readonly license: string;
    readonly purchased: number;
    readonly label: string | undefined;
}

function requireList(name: string, list: unknown): readonly unknown[] {
    if (!Array.isArray(list)) {
        throw new TypeError(`Invalid ${name} ${describeValue(list)}: expected an array.`);
    }
    return list;
}

function requireEntry(
    name: string,
    index: number,
    entry: unknown
): Readonly<Record<string, unknown>> {
    if (!isPlainObject(entry)) {
        throw new TypeError(`Invalid ${name} at index ${index}: ${describeValue(entry)}.`);
    }
    return entry;
}

function requireLicenseName(name: string, index: number, license: unknown): string {
    if (typeof license !== 'string' || license.length === 0) {
        throw new TypeError(
            `Invalid ${name} at index ${index}: license must be a non-empty code, got ${describeValue(license)}.`
        );
    }
    return license;
}

/** Adds two seat counts, and throws InvalidSeatCountError when the sum is not a safe integer. */
function addCounts(what: string, license: string, left: number, right: number): number {
    const sum = left + right;
    if (!Number.isSafeInteger(sum)) {
        throw new InvalidSeatCountError(`${what} (sum of duplicate entries)`, license, sum);
    }
    return sum;
}

/**
 * Checks the subscriptions and sums the purchased seats per license code,
 * keeping first-seen order and the first label given. Throws TypeError for
 * a list, entry, code or label of the wrong type, and InvalidSeatCountError
 * for purchased seats that are not a seat count, alone or summed.
 */
export function sumSubscriptions(
    subscriptions: readonly Subscription[]
): Map<string, SummedSubscription> {
    const byLicense = new Map<string, SummedSubscription>();
    requireList('subscriptions', subscriptions).forEach((entry, index) => {
        const subscription = requireEntry('subscription', index, entry);
        const license = requireLicenseName('subscription', index, subscription.license);
        const purchased = requireSeatCount('purchased seats', license, subscription.purchased);
        const label = subscription.label;
        if (label !== undefined && label !== null && typeof label !== 'string') {
            throw new TypeError(
                `Invalid subscription at index ${index}: label must be text, got ${describeValue(label)}.`
            );
        }
        const seen = byLicense.get(license);
        byLicense.set(license, {
            license,
            label: seen?.label ?? label ?? undefined,
            purchased: seen
                ? addCounts('purchased seats', license, seen.purchased, purchased)
                : purchased
        });
    });
    return byLicense;
}

/** Seat holder after checking. */
export interface CheckedSeatHolder {
    readonly licenses: LicenseState;
    readonly active: boolean;
}

/**
 * Checks the seat holders. Throws TypeError for a holder that is not an
 * object, whose licenses are not a state, or whose `active` is not a
 * boolean. A missing flag would otherwise count an active user as
 * reclaimable, and the sync job can release reclaimable seats.
 */
export function readSeatHolders(holders: readonly SeatHolder[]): CheckedSeatHolder[] {
    return requireList('seat holders', holders).map((entry, index) => {
        const holder = requireEntry('seat holder', index, entry);
        if (!isPlainObject(holder.licenses)) {
            throw new TypeError(
                `Invalid seat holder at index ${index}: licenses must be a license state, got ${describeValue(holder.licenses)}.`
            );
        }
        if (typeof holder.active !== 'boolean') {
            throw new TypeError(
                `Invalid seat holder at index ${index}: active must be true or false, got ${describeValue(holder.active)}.`
            );
        }
        return { licenses: normalizeState(holder.licenses), active: holder.active };
    });
}

/**
 * Checks precomputed holder counts and sums duplicate entries of one
 * license. Throws TypeError for an entry or license of the wrong type, and
 * InvalidSeatCountError for a count that is missing or not a seat count.
 */
export function sumHolderCounts(
    counts: readonly SeatHolderCount[]
): Map<string, { assigned: number; reclaimable: number }> {
    const byLicense = new Map<string, { assigned: number; reclaimable: number }>();
    requireList('seat holder counts', counts).forEach((entry, index) => {
        const count = requireEntry('seat holder count', index, entry);
        const license = requireLicenseName('seat holder count', index, count.license);
        const assigned = requireSeatCount('assigned seats', license, count.assigned);
        const reclaimable = requireSeatCount('reclaimable seats', license, count.reclaimable);
        const seen = byLicense.get(license);
        byLicense.set(
            license,
            seen
                ? {
                      assigned: addCounts('assigned seats', license, seen.assigned, assigned),
                      reclaimable: addCounts(
                          'reclaimable seats',
                          license,
                          seen.reclaimable,
                          reclaimable
                      )
                  }
                : { assigned, reclaimable }
        );
    });
    return byLicense;
}
