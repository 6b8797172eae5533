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
            'Assumption: a user who has CTI through Freedom takes no CTI seat. Only standalone CTI holders are counted against CTI seats.',
        value: true,
        appliedBy:
            'seatConsumingLicenses, and through it applyChange, validateState and computeSeatUsage'
    }),
    Object.freeze({
        id: 'STANDALONE_CTI_SEATS_MEAN_LEGACY',
        statement:
            'Assumption: buying standalone CTI seats marks an organisation as legacy CTI, unless an admin turns the legacy CTI setting off.',
        value: true,
        appliedBy:
            'suggestLegacyCtiAllowed, read by the sync job when the setting has no org default yet'
    }),
    Object.freeze({
        id: 'SEATS_COUNT_INACTIVE_HOLDERS',
        statement:
            'Assumption: deactivated Salesforce users still take up the seats of the licenses they hold, and those seats are listed as reclaimable.',
        value: true,
        appliedBy: 'computeSeatUsage and seatUsageFromCounts'
    }),
    Object.freeze({
        id: 'DOWNGRADE_REMOVES_NOTHING',
        statement:
            'Assumption: when an organisation has fewer purchased seats than assigned ones, every holder keeps the license. The license is flagged as over-allocated and cannot be given to anyone else until seats free up.',
        value: true,
        // NOTE: the rules module never removes a license by itself, so no code here reads this
        // value. applyChange blocks adds and allows removals on an over-allocated license either way.
        appliedBy:
            'the sync job, which reports over-allocated licenses instead of unassigning their holders'
    }),
    Object.freeze({
        id: 'UNKNOWN_SUBSCRIPTIONS_MIRRORED',
        statement:
            'Assumption: a subscription the catalogue does not know is still stored and reported, but nobody can be given it.',
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
