/**
 * The org half of a sync: read what the org holds, write only what changed,
 * count seats with one aggregate query and record the run. The API calls it
 * makes are listed in docs/sync.md ("API budget").
 */
import { suggestLegacyCtiAllowed } from 'c/licenseRules';
import { SyncRunInProgressError } from './errors';
import type { Logger } from './log';
import type { DesiredSubscription } from './mapping';
import { planSubscriptionWrites, type SubscriptionRecord, type SyncPlan } from './planner';
import type { PreparedSource } from './prepare';
import { releaseInactiveHolders } from './release';
import type { ReleasedHolder, SyncResult } from './result';
import {
    OrgGateway,
    type HolderGroup,
    type SyncRunRecord,
    type WriteOutcome
} from './salesforce/gateway';
import { SETTINGS_OBJECT, SYNC_RUN_OBJECT } from './salesforce/queries';
import { buildSeatTable, type SeatRow } from './seats';
import { describeRun, overAllocationWarnings, reclaimableWarning } from './warnings';

/** Options of syncToOrg. */
export interface SyncToOrgOptions {
    dryRun: boolean;
    releaseInactive: boolean;
    /** The Reload Subscriptions request being served; its record is updated instead of creating one. */
    requestId?: string;
    /** The organisation ID, for the legacy CTI setting's org default; omitted when unknown. */
    orgId?: string;
    /** A Running run older than this many minutes is treated as abandoned; default 30. */
    staleRunMinutes?: number;
    now?: () => Date;
}

const DEFAULT_STALE_RUN_MINUTES = 30;

/** `Message__c` is a Long Text Area(32768). */
const MAX_MESSAGE_LENGTH = 32_768;

/**
 * Syncs a prepared source into the org and returns the result. Raises
 * SyncRunInProgressError when another recent run is Running, and the
 * gateway's fatal errors (API limit, expired session) unchanged.
 */
export async function syncToOrg(
    gateway: OrgGateway,
    source: PreparedSource,
    options: SyncToOrgOptions,
    logger: Logger
): Promise<SyncResult> {
    const now = options.now ?? (() => new Date());
    const startedAt = now().toISOString();
    // Under --watch one connection serves many runs, so each run counts its own calls.
    const callsBefore = gateway.apiCalls;
    const callsSoFar = () => gateway.apiCalls - callsBefore;
    const warnings: string[] = [];
    const errors: string[] = [];

    await checkNoRunInProgress(gateway, options, now(), warnings);
    const current = await gateway.readSubscriptions();
    const groups = await gateway.countHolders();
    const plan = planSubscriptionWrites(current, source.desired, startedAt);
    const seats = buildSeatTable(source.desired, groups);
    warnings.push(...overAllocationWarnings(seats), ...droppedWarnings(plan));
    const reclaimable = reclaimableWarning(seats, options.releaseInactive);
    if (reclaimable) {
        warnings.push(reclaimable);
    }
    logger.info(
        `Plan: ${plan.created.length} to create, ${plan.updated.length} to update, ${plan.unchanged.length} unchanged` +
            (options.dryRun ? ' (dry run: nothing is written).' : '.')
    );

    if (!options.dryRun && plan.writes.length > 0) {
        errors.push(...failedWrites(await gateway.upsertSubscriptions(plan.writes)));
    }
    let released: ReleasedHolder[] | undefined;
    if (options.releaseInactive) {
        const release = await releaseInactiveHolders(gateway, options.dryRun, logger);
        released = release.released;
        errors.push(...release.errors);
    }

    const result: SyncResult = {
        status: errors.length === 0 ? 'Succeeded' : 'Failed',
        dryRun: options.dryRun,
        subscriptions: seats,
        unmapped: source.unmapped,
        changes: {
            created: plan.created.length,
            updated: plan.updated.length,
            unchanged: plan.unchanged.length
        },
        apiCalls: 0,
        warnings,
        errors,
        ...(released ? { released } : {})
    };
    await recordRun(gateway, source, result, {
        callsSoFar,
        ...options,
        startedAt,
        now,
        current,
        groups,
        logger
    });
    result.apiCalls = callsSoFar();
    result.status = result.errors.length === 0 ? 'Succeeded' : 'Failed';
    return result;
}

async function checkNoRunInProgress(
    gateway: OrgGateway,
    options: SyncToOrgOptions,
    now: Date,
    warnings: string[]
): Promise<void> {
    const staleMinutes = options.staleRunMinutes ?? DEFAULT_STALE_RUN_MINUTES;
    for (const run of await gateway.readRunningRuns()) {
        if (run.Id === options.requestId) {
            continue;
        }
        const started = run.Started_At__c ?? run.CreatedDate ?? null;
        if (isRecentRun(run, now, staleMinutes)) {
            throw new SyncRunInProgressError(run.Name, started);
        }
        warnings.push(
            `Sync run ${run.Name} has been Running since ${started ?? 'an unknown time'}, longer than ` +
                `${staleMinutes} minutes, so it was treated as abandoned. Mark it Failed in the org.`
        );
    }
}

/**
 * Tells whether a Running run started less than `staleMinutes` ago. A run
 * with no start time is treated as abandoned.
 */
export function isRecentRun(
    run: SyncRunRecord,
    now: Date,
    staleMinutes = DEFAULT_STALE_RUN_MINUTES
): boolean {
    const started = run.Started_At__c ?? run.CreatedDate ?? null;
    return started !== null && now.getTime() - Date.parse(started) < staleMinutes * 60_000;
}

function droppedWarnings(plan: SyncPlan): string[] {
    return plan.droppedFromSource.map(
        (code) =>
            `${code} is no longer in the source, so its purchased seats were set to 0 (the record is kept).`
    );
}

function failedWrites(outcomes: readonly WriteOutcome[]): string[] {
    return outcomes
        .filter((outcome) => !outcome.success)
        .map(
            (outcome) => `Subscription ${outcome.key} was not saved: ${outcome.errors.join('; ')}`
        );
}

interface RecordContext extends SyncToOrgOptions {
    startedAt: string;
    /** API calls of this run so far. */
    callsSoFar: () => number;
    now: () => Date;
    current: readonly SubscriptionRecord[];
    groups: readonly HolderGroup[];
    logger: Logger;
}

/**
 * Records the run (and, when needed, the legacy CTI setting's org default)
 * in one sObject Collections create. A dry run writes nothing, unless it
 * serves a request, whose record then gets the outcome.
 */
async function recordRun(
    gateway: OrgGateway,
    source: PreparedSource,
    result: SyncResult,
    context: RecordContext
): Promise<void> {
    const createSetting = !result.dryRun && needsLegacySetting(source.desired, context.current);
    if (result.dryRun && context.requestId === undefined) {
        return;
    }
    const runFields = syncRunFields(source, result, context, context.callsSoFar() + 1);
    const creates: { type: string; key: string; fields: Record<string, unknown> }[] = [];
    if (context.requestId === undefined) {
        creates.push({
            type: SYNC_RUN_OBJECT,
            key: 'run',
            fields: { Status__c: result.status, ...runFields }
        });
    }
    if (createSetting) {
        creates.push({
            type: SETTINGS_OBJECT,
            key: 'setting',
            fields: {
                Legacy_CTI_Allowed__c: true,
                ...(context.orgId ? { SetupOwnerId: context.orgId } : {})
            }
        });
    }
    try {
        if (creates.length > 0) {
            const outcomes = await gateway.createRecords(creates);
            readCreateOutcomes(outcomes, result, context.logger);
        }
        if (context.requestId !== undefined) {
            await gateway.updateSyncRun(context.requestId, {
                ...syncRunFields(source, result, context, context.callsSoFar() + 1),
                Status__c: result.errors.length === 0 ? 'Succeeded' : 'Failed'
            });
        }
    } catch (error) {
        // The subscriptions are written by now; report the missing run record instead of hiding the result.
        result.errors.push(`The sync run could not be recorded: ${(error as Error).message}`);
    }
}

/**
 * Tells whether to create the legacy CTI setting's org default: standalone
 * CTI seats are purchased and the CTI subscription's formula field does not
 * already read the setting as true. The create goes out without reading the
 * setting first, which saves an API call. When an org default exists, the
 * second one is rejected as a duplicate, so the admin's value stays.
 */
function needsLegacySetting(
    desired: readonly DesiredSubscription[],
    current: readonly SubscriptionRecord[]
): boolean {
    const suggested = suggestLegacyCtiAllowed(
        desired.map((subscription) => ({
            license: subscription.code,
            purchased: subscription.purchased
        }))
    );
    const ctiRecord = current.find((record) => record.License_Code__c === 'CTI');
    return suggested && ctiRecord?.Legacy_CTI_Allowed__c !== true;
}

function readCreateOutcomes(
    outcomes: readonly WriteOutcome[],
    result: SyncResult,
    logger: Logger
): void {
    for (const outcome of outcomes) {
        if (outcome.key === 'setting') {
            if (outcome.success) {
                result.warnings.push(
                    `Created the org default of ${SETTINGS_OBJECT} with Legacy_CTI_Allowed__c = true, because standalone ` +
                        'CTI seats are purchased. From now on the admin owns this value.'
                );
            } else if (isDuplicateSetting(outcome)) {
                logger.debug(
                    `The org default of ${SETTINGS_OBJECT} exists already, so it was left unchanged.`
                );
            } else {
                result.warnings.push(
                    `The org default of ${SETTINGS_OBJECT} could not be created (${outcome.errors.join('; ')}). ` +
                        'Creating it needs the Customize Application permission, so ask an admin to create it ' +
                        'with Legacy_CTI_Allowed__c checked if users may hold CTI without Freedom.'
                );
            }
        } else if (!outcome.success) {
            result.errors.push(`The sync run could not be recorded: ${outcome.errors.join('; ')}`);
        }
    }
}

/**
 * Tells whether a failed create of the org default means one exists already.
 * NOTE: the local org returns DUPLICATE_VALUE on `SetupOwnerId`. Which code a
 * real org returns is unverified, so the message text of
 * FIELD_INTEGRITY_EXCEPTION ("already") is accepted too.
 */
function isDuplicateSetting(outcome: WriteOutcome): boolean {
    return (
        outcome.errorCodes.includes('DUPLICATE_VALUE') ||
        outcome.errors.some(
            (error) => error.startsWith('FIELD_INTEGRITY_EXCEPTION') && /already/i.test(error)
        )
    );
}

function syncRunFields(
    source: PreparedSource,
    result: SyncResult,
    context: RecordContext,
    apiCalls: number
): Record<string, unknown> {
    return {
        Dry_Run__c: result.dryRun,
        Started_At__c: context.startedAt,
        Finished_At__c: context.now().toISOString(),
        Created_Count__c: result.changes.created,
        Updated_Count__c: result.changes.updated,
        Unchanged_Count__c: result.changes.unchanged,
        Api_Calls__c: apiCalls,
        Source__c: source.label.slice(0, 255),
        // The message is stored in the org, so it goes through the same secret filter as the log.
        Message__c: context.logger.redact(describeRun(result)).slice(0, MAX_MESSAGE_LENGTH)
    };
}

export type { SeatRow };
