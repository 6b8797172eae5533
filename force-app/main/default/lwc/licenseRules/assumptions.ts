/**
 * Decisions taken where the licensing source is silent. They are
 * assumptions, not stated rules: each is declared once here, and the code
 * named in `appliedBy` reads its value, so changing a value here changes
 * behaviour everywhere.
 */
import type { Assumption, AssumptionId } from './types';

/** Every assumption the product makes, with the policy value the code applies. */
export const ASSUMPTIONS: readonly Assumption[] = Object.freeze([
    Object.freeze({
        id: 'CTI_WITH_FREEDOM_USES_NO_SEAT',
        statement:
            'Assumption: CTI that comes with Freedom consumes no CTI seat, so CTI seats count only users who hold CTI without Freedom.',
        value: true,
        appliedBy:
            'seatConsumingLicenses, and through it applyChange, validateState and computeSeatUsage'
    }),
    Object.freeze({
        id: 'STANDALONE_CTI_SEATS_MEAN_LEGACY',
        statement:
            'Assumption: an organisation that bought standalone CTI seats is a legacy CTI organisation until an admin setting says otherwise.',
        value: true,
        appliedBy:
            'suggestLegacyCtiAllowed, read by the sync job when the setting has no org default yet'
    }),
    Object.freeze({
        id: 'SEATS_COUNT_INACTIVE_HOLDERS',
        statement:
            'Assumption: seats are counted over every holder, active or not, and holders whose Salesforce user is inactive are shown as reclaimable.',
        value: true,
        appliedBy: 'computeSeatUsage and seatUsageFromCounts'
    }),
    Object.freeze({
        id: 'DOWNGRADE_REMOVES_NOTHING',
        statement:
            'Assumption: when purchased seats drop below assigned seats, no license is removed automatically. The license shows as over-allocated, and new assignments of it are blocked.',
        value: true,
        // NOTE: the rules module never removes a license by itself, so no code here reads this
        // value. applyChange blocks adds and allows removals on an over-allocated license either way.
        appliedBy:
            'the sync job, which reports over-allocated licenses instead of unassigning their holders'
    }),
    Object.freeze({
        id: 'UNKNOWN_SUBSCRIPTIONS_MIRRORED',
        statement:
            'Assumption: a subscription outside the catalogue is kept as a non-assignable row and reported, never dropped.',
        value: true,
        appliedBy: 'computeSeatUsage and seatUsageFromCounts'
    })
] as const);

/** Returns the value of an assumption, and throws for an id that is not declared. */
export function assumptionValue(id: AssumptionId): boolean {
    const assumption = ASSUMPTIONS.find((candidate) => candidate.id === id);
    if (!assumption) {
        throw new Error(
            `Unknown assumption ${JSON.stringify(id)}: it is not declared in ASSUMPTIONS.`
        );
    }
    return assumption.value;
}
