/**
 * `--release-inactive`: removes every license held by an inactive user, so
 * the seats return to the pool. Offboarding a user in Natterbox also removes
 * all of their licenses, and clearing every license at once passes every
 * rule (no implication or gate can break on an empty state).
 */
import { LICENSES, emptyState, heldLicenses, stateToRecordFields } from 'c/licenseRules';
import type { Logger } from './log';
import type { ReleasedHolder } from './result';
import type { OrgGateway } from './salesforce/gateway';
import { USER_LICENSE_OBJECT } from './salesforce/queries';

/** Releases the licenses of inactive users, or lists them in a dry run. */
export async function releaseInactiveHolders(
    gateway: OrgGateway,
    dryRun: boolean,
    logger: Logger
): Promise<{ released: ReleasedHolder[]; errors: string[] }> {
    const holders = await gateway.readInactiveHolders();
    const listed = holders.map((holder) => ({
        userId: holder.userId,
        username: holder.username,
        licenses: heldLicenses(holder.state).map(
            (code) => LICENSES.find((license) => license.code === code)?.label ?? code
        )
    }));
    if (dryRun || holders.length === 0) {
        return { released: listed, errors: [] };
    }
    const cleared = stateToRecordFields(emptyState());
    const outcomes = await gateway.updateRecords(
        USER_LICENSE_OBJECT,
        holders.map((holder) => ({ Id: holder.Id, ...cleared }))
    );
    const failedIds = new Set(
        outcomes.filter((outcome) => !outcome.success).map((outcome) => outcome.key)
    );
    const errors = outcomes
        .filter((outcome) => !outcome.success)
        .map(
            (outcome) =>
                `The licenses of inactive holder record ${outcome.key} were not released: ${outcome.errors.join('; ')}`
        );
    const released = listed.filter((_, index) => !failedIds.has(holders[index]?.Id ?? ''));
    logger.info(`Released the licenses of ${released.length} inactive users.`);
    return { released, errors };
}
