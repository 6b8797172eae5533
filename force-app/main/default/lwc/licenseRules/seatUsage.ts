/**
 * The organisation's seat table: purchased, assigned, available,
 * over-allocated and reclaimable seats per license.
 */
import { assumptionValue } from './assumptions';
import { LICENSES, getLicense, isLicenseCode } from './catalogue';
import { InvalidSeatCountError } from './inputs';
import { RULE_TABLE } from './ruleTable';
import { readSeatHolders, sumHolderCounts, sumSubscriptions } from './seatInputs';
import { seatConsumingLicenses } from './seats';
import type { LicenseCode, SeatHolder, SeatHolderCount, SeatUsage, Subscription } from './types';

/**
 * Counts, per catalogue license, the holders consuming a seat and the
 * inactive ones among them. Every holder is counted, and whether inactive
 * holders use a seat is decided by seatUsageFromCounts. Throws TypeError
 * for a malformed holder, as readSeatHolders describes.
 */
export function countSeatHolders(holders: readonly SeatHolder[]): SeatHolderCount[] {
    const assigned = new Map<LicenseCode, number>();
    const reclaimable = new Map<LicenseCode, number>();
    for (const holder of readSeatHolders(holders)) {
        for (const license of seatConsumingLicenses(holder.licenses)) {
            assigned.set(license, (assigned.get(license) ?? 0) + 1);
            if (!holder.active) {
                reclaimable.set(license, (reclaimable.get(license) ?? 0) + 1);
            }
        }
    }
    return LICENSES.map(({ code }) => ({
        license: code,
        assigned: assigned.get(code) ?? 0,
        reclaimable: reclaimable.get(code) ?? 0
    }));
}

function usageRow(
    license: string,
    label: string,
    purchased: number,
    assigned: number,
    reclaimable: number,
    assignable: boolean
): SeatUsage {
    return {
        license,
        label,
        purchased,
        assigned,
        available: Math.max(0, purchased - assigned),
        overAllocatedBy: Math.max(0, assigned - purchased),
        reclaimable,
        assignable
    };
}

/**
 * Builds the seat table from purchased seats and precomputed holder counts,
 * for callers that count holders with an aggregate query (see
 * seatHolderFilter) instead of reading every record. `counts[].assigned`
 * counts holders active or not, and `reclaimable` the inactive ones among
 * them. Rows come in catalogue order, then subscriptions outside the
 * catalogue in input order as non-assignable rows with no holders.
 * Duplicate subscriptions of one license are summed, and so are duplicate
 * counts. Counts of licenses outside the catalogue are ignored. Throws
 * InvalidSeatCountError for a count that is not a whole number from 0 to
 * Number.MAX_SAFE_INTEGER, and TypeError for a malformed entry.
 */
export function seatUsageFromCounts(
    subscriptions: readonly Subscription[],
    counts: readonly SeatHolderCount[]
): SeatUsage[] {
    const purchasedByLicense = sumSubscriptions(subscriptions);
    const countsByLicense = sumHolderCounts(counts);
    const countInactive = assumptionValue('SEATS_COUNT_INACTIVE_HOLDERS');

    const rows = LICENSES.map(({ code, label }) => {
        const count = countsByLicense.get(code);
        const assigned = count?.assigned ?? 0;
        const inactive = count?.reclaimable ?? 0;
        if (inactive > assigned) {
            throw new InvalidSeatCountError(
                'reclaimable seats (more than assigned)',
                code,
                inactive
            );
        }
        const purchased = purchasedByLicense.get(code)?.purchased ?? 0;
        return countInactive
            ? usageRow(code, label, purchased, assigned, inactive, true)
            : usageRow(code, label, purchased, assigned - inactive, 0, true);
    });

    if (!assumptionValue('UNKNOWN_SUBSCRIPTIONS_MIRRORED')) {
        return rows;
    }
    for (const subscription of purchasedByLicense.values()) {
        if (!isLicenseCode(subscription.license)) {
            const label = subscription.label ?? subscription.license;
            rows.push(usageRow(subscription.license, label, subscription.purchased, 0, 0, false));
        }
    }
    return rows;
}

/**
 * Builds the seat table from purchased seats and every holder record.
 * Under the SEATS_COUNT_INACTIVE_HOLDERS assumption inactive holders use a
 * seat and show as reclaimable. See seatUsageFromCounts for the row order.
 */
export function computeSeatUsage(
    subscriptions: readonly Subscription[],
    holders: readonly SeatHolder[]
): SeatUsage[] {
    return seatUsageFromCounts(subscriptions, countSeatHolders(holders));
}

/**
 * Returns the SOQL condition on `Natterbox_User_License__c` that selects
 * the holders consuming a seat of the license, for example
 * `CTI__c = true AND Freedom__c = false`. `SELECT COUNT() ... WHERE` the
 * condition gives `assigned` for seatUsageFromCounts, and the same query
 * with `AND User__r.IsActive = false` gives `reclaimable`.
 */
export function seatHolderFilter(license: LicenseCode): string {
    const conditions = [`${getLicense(license).fieldApiName} = true`];
    if (assumptionValue('CTI_WITH_FREEDOM_USES_NO_SEAT')) {
        for (const rule of RULE_TABLE.implications) {
            if (rule.brings === license) {
                conditions.push(`${getLicense(rule.license).fieldApiName} = false`);
            }
        }
    }
    return conditions.join(' AND ');
}

/**
 * Suggests the legacy CTI setting for an organisation whose admin has not
 * set it: true when standalone CTI seats are purchased, under the
 * STANDALONE_CTI_SEATS_MEAN_LEGACY assumption.
 */
export function suggestLegacyCtiAllowed(subscriptions: readonly Subscription[]): boolean {
    if (!assumptionValue('STANDALONE_CTI_SEATS_MEAN_LEGACY')) {
        return false;
    }
    return (sumSubscriptions(subscriptions).get('CTI')?.purchased ?? 0) > 0;
}
