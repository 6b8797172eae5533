/**
 * The sync job's reads and writes against the org, over one jsforce
 * connection. Counts API calls and retries what is safe to retry.
 */
import type { Connection } from 'jsforce';
import { stateFromRecord, type LicenseState } from 'c/licenseRules';
import type { Logger } from '../log';
import type { SubscriptionRecord, SubscriptionWrite } from '../planner';
import { countApiCalls, type ApiCallCounter } from './apiCalls';
import {
    HOLDER_COUNTS_QUERY,
    INACTIVE_HOLDERS_QUERY,
    REQUESTED_RUNS_QUERY,
    RUNNING_RUNS_QUERY,
    SUBSCRIPTION_EXTERNAL_ID,
    SUBSCRIPTION_OBJECT,
    SUBSCRIPTIONS_QUERY,
    SYNC_RUN_OBJECT
} from './queries';
import { OrgUnavailableError, SyncError } from '../errors';
import {
    backoffDelay,
    describeNetworkFailure,
    errorCodeOf,
    isTransientError,
    raiseIfFatal,
    sleep,
    withRetry,
    type RetryPolicy
} from './retry';

/** sObject Collections accept at most 200 records per request. */
export const COLLECTION_BATCH_SIZE = 200;

/** One group of the holder count query: holders sharing a license state and activity. */
export interface HolderGroup {
    state: LicenseState;
    active: boolean;
    holders: number;
}

/** A sync run record as the job reads it. */
export interface SyncRunRecord {
    Id: string;
    Name: string;
    Started_At__c?: string | null;
    Dry_Run__c?: boolean;
    CreatedDate?: string;
}

/** The outcome of writing one record. */
export interface WriteOutcome {
    key: string;
    success: boolean;
    created: boolean;
    /** Error codes and messages, when the write failed. */
    errors: string[];
    errorCodes: string[];
}

/** A per-user license record of an inactive user. */
export interface InactiveHolder {
    Id: string;
    userId: string;
    username: string | null;
    state: LicenseState;
}

interface SaveResultLike {
    id?: string;
    success: boolean;
    created?: boolean;
    errors?: ({ statusCode?: string; errorCode?: string; message?: string } | string)[];
}

/** Reads and writes the sync job's records in the org. */
export class OrgGateway {
    readonly conn: Connection;
    private readonly counter: ApiCallCounter;
    private readonly logger: Logger;
    private readonly policy: RetryPolicy;

    constructor(conn: Connection, logger: Logger, policy: RetryPolicy) {
        this.conn = conn;
        // jsforce retries a GET by itself; each retry is logged like the job's own.
        this.counter = countApiCalls(conn, {
            retryMinTimeoutMs: policy.baseDelayMs,
            onRetry: (request, retry, maxRetries) =>
                logger.warn(`${request} failed, retry ${retry} of ${maxRetries} (jsforce)`)
        });
        this.logger = logger;
        this.policy = policy;
    }

    /** API calls sent through this gateway's connection so far. */
    get apiCalls(): number {
        return this.counter.count;
    }

    /** Reads every subscription record (one call for up to 2,000 records). */
    async readSubscriptions(): Promise<SubscriptionRecord[]> {
        return this.queryAll<SubscriptionRecord>(SUBSCRIPTIONS_QUERY);
    }

    /** Counts holders per license state and user activity with one aggregate query. */
    async countHolders(): Promise<HolderGroup[]> {
        const rows = await this.queryAll<Record<string, unknown>>(HOLDER_COUNTS_QUERY);
        return rows.map((row) => ({
            state: stateFromRecord(row),
            // A record whose user lookup is empty has no active user, so its seats are reclaimable.
            active: row.IsActive === true,
            holders: Number(row.holders ?? 0)
        }));
    }

    /** Reads sync runs marked Running. */
    async readRunningRuns(): Promise<SyncRunRecord[]> {
        return this.queryAll<SyncRunRecord>(RUNNING_RUNS_QUERY);
    }

    /** Reads Reload Subscriptions requests (status Requested), oldest first. */
    async readRequestedRuns(): Promise<SyncRunRecord[]> {
        return this.queryAll<SyncRunRecord>(REQUESTED_RUNS_QUERY);
    }

    /** Reads the license records of inactive users holding at least one license. */
    async readInactiveHolders(): Promise<InactiveHolder[]> {
        const rows = await this.queryAll<Record<string, unknown>>(INACTIVE_HOLDERS_QUERY);
        return rows.map((row) => ({
            Id: String(row.Id),
            userId: String(row.User_Id__c ?? row.User__c ?? ''),
            username: ((row.User__r as { Username?: string } | null)?.Username ?? null) as
                string | null,
            state: stateFromRecord(row)
        }));
    }

    /**
     * Upserts subscriptions on `License_Code__c`, one sObject Collections call
     * per 200 records. Records that fail with a transient error are sent
     * again with backoff (an upsert by external ID is idempotent).
     */
    async upsertSubscriptions(writes: readonly SubscriptionWrite[]): Promise<WriteOutcome[]> {
        const outcomes: WriteOutcome[] = [];
        for (let start = 0; start < writes.length; start += COLLECTION_BATCH_SIZE) {
            const batch = writes.slice(start, start + COLLECTION_BATCH_SIZE);
            outcomes.push(
                ...(await this.writeWithRecordRetries(
                    batch.map((write) => ({ key: write.License_Code__c, record: write })),
                    (records) =>
                        this.conn
                            .sobject(SUBSCRIPTION_OBJECT)
                            .upsert(records as never[], SUBSCRIPTION_EXTERNAL_ID, {
                                allOrNone: false
                            }) as Promise<unknown>,
                    `upsert of ${batch.length} subscriptions`
                ))
            );
        }
        return outcomes;
    }

    /**
     * Updates records of one object by Id, 200 per call, retrying
     * transient per-record failures (setting the same values again is safe).
     */
    async updateRecords(
        objectName: string,
        records: readonly ({ Id: string } & Record<string, unknown>)[]
    ): Promise<WriteOutcome[]> {
        const outcomes: WriteOutcome[] = [];
        for (let start = 0; start < records.length; start += COLLECTION_BATCH_SIZE) {
            const batch = records.slice(start, start + COLLECTION_BATCH_SIZE);
            outcomes.push(
                ...(await this.writeWithRecordRetries(
                    batch.map((record) => ({ key: record.Id, record })),
                    (items) =>
                        this.conn
                            .sobject(objectName)
                            .update(items as never[], { allOrNone: false }) as Promise<unknown>,
                    `update of ${batch.length} ${objectName} records`
                ))
            );
        }
        return outcomes;
    }

    /**
     * Creates records of several objects in one sObject Collections call
     * ("sObject Collections Create", REST API Developer Guide, which accepts
     * mixed object types). A create is not idempotent, so it is retried only
     * after errors that mean nothing was saved (5xx, locked rows, where only
     * the locked records are sent again), never after a dropped connection.
     */
    async createRecords(
        records: readonly ({ type: string; key: string } & { fields: Record<string, unknown> })[]
    ): Promise<WriteOutcome[]> {
        return this.writeWithRecordRetries(
            records.map((record) => ({
                key: record.key,
                record: { attributes: { type: record.type }, ...record.fields }
            })),
            (items) =>
                this.conn.request<SaveResultLike[]>({
                    method: 'POST',
                    url: `/services/data/v${this.conn.version}/composite/sobjects`,
                    body: JSON.stringify({ allOrNone: false, records: items }),
                    headers: { 'content-type': 'application/json' }
                }),
            `create of ${records.length} records`,
            false
        );
    }

    /** Updates one sync run record; retried, since setting the same values twice is safe. */
    async updateSyncRun(id: string, fields: Record<string, unknown>): Promise<void> {
        await withRetry(
            `update of sync run ${id}`,
            () =>
                this.conn
                    .sobject(SYNC_RUN_OBJECT)
                    .update({ Id: id, ...fields }) as Promise<unknown>,
            { policy: this.policy, logger: this.logger, idempotent: true }
        ).then((result) => {
            const outcome = toOutcome(id, result as SaveResultLike);
            if (!outcome.success) {
                throw new Error(
                    `The sync run ${id} could not be updated: ${outcome.errors.join('; ')}`
                );
            }
        });
    }

    private async queryAll<T>(soql: string): Promise<T[]> {
        try {
            // jsforce retries a GET itself on 5xx and dropped connections.
            const result = await this.conn.query<Record<string, unknown>>(soql, {
                autoFetch: true,
                maxFetch: 100_000
            });
            if (result.records.length < result.totalSize) {
                throw new Error(
                    `The query returned ${result.records.length} of ${result.totalSize} records: ${soql}`
                );
            }
            return result.records as T[];
        } catch (error) {
            raiseIfFatal(error);
            if (isTransientError(error, true)) {
                const code = errorCodeOf(error);
                const message = (error as Error).message;
                const networkFailure = describeNetworkFailure(error);
                throw new OrgUnavailableError(
                    this.conn.instanceUrl,
                    networkFailure ?? (code ? `${code}: ${message}` : message),
                    networkFailure !== undefined
                );
            }
            throw error;
        }
    }

    /**
     * Sends a collection write, then sends again only the records that failed
     * with a transient error, with backoff, until none are left or the
     * attempts run out. Request-level transient failures retry the whole batch,
     * and with `idempotent` false a dropped connection is not among them.
     */
    private async writeWithRecordRetries(
        items: readonly { key: string; record: object }[],
        send: (records: object[]) => Promise<unknown>,
        description: string,
        idempotent = true
    ): Promise<WriteOutcome[]> {
        const outcomes = new Map<string, WriteOutcome>();
        let pending = [...items];
        for (let attempt = 1; pending.length > 0; attempt += 1) {
            let results: SaveResultLike[];
            try {
                results = (await withRetry(
                    description,
                    () => send(pending.map((item) => item.record)),
                    { policy: this.policy, logger: this.logger, idempotent }
                )) as SaveResultLike[];
            } catch (error) {
                if (error instanceof SyncError) {
                    throw error;
                }
                // The whole request failed after its retries: report each record and go on.
                const code = errorCodeOf(error) ?? 'ERROR';
                for (const item of pending) {
                    outcomes.set(item.key, failedOutcome(item.key, code, (error as Error).message));
                }
                break;
            }
            const retry: typeof pending = [];
            results.forEach((result, index) => {
                const item = pending[index];
                if (item === undefined) {
                    return;
                }
                const outcome = toOutcome(item.key, result);
                const transient = outcome.errorCodes.includes('UNABLE_TO_LOCK_ROW');
                if (!outcome.success && transient && attempt < this.policy.attempts) {
                    retry.push(item);
                } else {
                    outcomes.set(item.key, outcome);
                }
            });
            if (retry.length > 0) {
                const delay = backoffDelay(this.policy, attempt);
                this.logger.warn(
                    `${retry.length} record(s) of the ${description} were locked (UNABLE_TO_LOCK_ROW): ` +
                        `${retry.map((item) => item.key).join(', ')}, retry ${attempt} of ${this.policy.attempts - 1} in ${delay} ms`
                );
                await sleep(delay);
            }
            pending = retry;
        }
        return items.map((item) => outcomes.get(item.key) as WriteOutcome);
    }
}

function failedOutcome(key: string, code: string, message: string): WriteOutcome {
    return {
        key,
        success: false,
        created: false,
        errors: [`${code}: ${message}`],
        errorCodes: [code]
    };
}

function toOutcome(key: string, result: SaveResultLike | undefined): WriteOutcome {
    const errors = (result?.errors ?? []).map((error) =>
        typeof error === 'string'
            ? { code: 'ERROR', message: error }
            : { code: error.statusCode ?? error.errorCode ?? 'ERROR', message: error.message ?? '' }
    );
    return {
        key,
        success: result?.success === true,
        created: result?.created === true,
        errors: errors.map((error) => `${error.code}: ${error.message}`),
        errorCodes: errors.map((error) => error.code)
    };
}
