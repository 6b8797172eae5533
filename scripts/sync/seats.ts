/**
 * Seat usage from the holder count groups, through the rules module's
 * precomputed-count variant, so the job never reads every holder record.
 */
import {
    seatConsumingLicenses,
    seatUsageFromCounts,
    type LicenseCode,
    type SeatHolderCount
} from 'c/licenseRules';
import type { DesiredSubscription } from './mapping';
import type { HolderGroup } from './salesforce/gateway';

/** One row of the job's seat table (the JSON `subscriptions` entries). */
export interface SeatRow {
    license: string;
    label: string;
    purchased: number;
    assigned: number;
    available: number;
    overAllocatedBy: number;
    reclaimable: number;
    provisioned: boolean;
    assignable: boolean;
}

/**
 * Turns holder groups into per-license counts. A holder uses a seat of each
 * license the rules module's seatConsumingLicenses returns for its state
 * (CTI that comes with Freedom uses none).
 */
export function countsFromGroups(groups: readonly HolderGroup[]): SeatHolderCount[] {
    const assigned = new Map<LicenseCode, number>();
    const reclaimable = new Map<LicenseCode, number>();
    for (const group of groups) {
        for (const license of seatConsumingLicenses(group.state)) {
            assigned.set(license, (assigned.get(license) ?? 0) + group.holders);
            if (!group.active) {
                reclaimable.set(license, (reclaimable.get(license) ?? 0) + group.holders);
            }
        }
    }
    return [...assigned.entries()].map(([license, count]) => ({
        license,
        assigned: count,
        reclaimable: reclaimable.get(license) ?? 0
    }));
}

/**
 * Builds the seat table: every catalogue license (0 purchased when the source
 * lacks it), then the subscriptions outside the catalogue.
 */
export function buildSeatTable(
    desired: readonly DesiredSubscription[],
    groups: readonly HolderGroup[]
): SeatRow[] {
    const byCode = new Map(desired.map((subscription) => [subscription.code, subscription]));
    const usage = seatUsageFromCounts(
        desired.map((subscription) => ({
            license: subscription.code,
            purchased: subscription.purchased,
            label: subscription.label
        })),
        countsFromGroups(groups)
    );
    return usage.map((row) => ({
        license: row.license,
        label: row.label,
        purchased: row.purchased,
        assigned: row.assigned,
        available: row.available,
        overAllocatedBy: row.overAllocatedBy,
        reclaimable: row.reclaimable,
        provisioned: byCode.get(row.license)?.provisioned ?? false,
        assignable: row.assignable
    }));
}
