/**
 * `--watch`: serves Reload Subscriptions requests. The admin view creates a
 * `Natterbox_Sync_Run__c` with Status__c `Requested`. This loop claims each
 * one by setting it Running, syncs, and then reports the outcome on the same
 * record: Succeeded or Failed, with counts and a message.
 */
import {
    ApiLimitExceededError,
    SessionExpiredError,
    SyncError,
    SyncRunInProgressError
} from './errors';
import type { Logger } from './log';
import type { PreparedSource } from './prepare';
import { errorsOf, failedResult, type SyncResult } from './result';
import type { OrgGateway, SyncRunRecord } from './salesforce/gateway';
import { isRecentRun, syncToOrg } from './run';

/** Options of watchRequests. */
export interface WatchOptions {
    pollIntervalSeconds: number;
    releaseInactive: boolean;
    orgId?: string;
    /** Stops the loop; the command aborts it on SIGINT. */
    signal: AbortSignal;
    /** Called after each served request, for output. */
    onResult?: (request: SyncRunRecord, result: SyncResult) => void;
}

/**
 * Polls for requests until the signal aborts. Returns normally on abort and
 * raises ApiLimitExceededError or SessionExpiredError, which no later poll
 * could fix.
 */
export async function watchRequests(
    gateway: OrgGateway,
    loadSource: () => Promise<PreparedSource>,
    options: WatchOptions,
    logger: Logger
): Promise<void> {
    logger.info(
        `Watching for Reload Subscriptions requests every ${options.pollIntervalSeconds} s; press Ctrl-C to stop.`
    );
    const waits = new Set<string>();
    while (!options.signal.aborted) {
        try {
            const requests = await gateway.readRequestedRuns();
            const blocker = requests.length > 0 ? await findRunningRun(gateway) : undefined;
            if (blocker) {
                // Claiming now would only flip the request back to Requested, so wait without writing.
                logWaitOnce(logger, waits, requests, blocker);
                requests.length = 0;
            }
            for (const request of requests) {
                if (options.signal.aborted) {
                    break;
                }
                const served = await serveRequest(gateway, request, loadSource, options, logger);
                if (!served) {
                    break;
                }
            }
        } catch (error) {
            if (error instanceof ApiLimitExceededError || error instanceof SessionExpiredError) {
                throw error;
            }
            logger.error(
                `Polling for requests failed: ${(error as Error).message}; trying again at the next poll.`
            );
        }
        await abortableSleep(options.pollIntervalSeconds * 1000, options.signal);
    }
    logger.info('Stopped watching for requests.');
}

/** Returns a recent Running run, if any. */
async function findRunningRun(gateway: OrgGateway): Promise<SyncRunRecord | undefined> {
    const now = new Date();
    return (await gateway.readRunningRuns()).find((run) => isRecentRun(run, now));
}

/** Logs once per request that it waits for another run, so a long wait does not repeat the line every poll. */
function logWaitOnce(
    logger: Logger,
    waits: Set<string>,
    requests: readonly SyncRunRecord[],
    blocker: SyncRunRecord
): void {
    for (const request of requests) {
        if (!waits.has(request.Id)) {
            waits.add(request.Id);
            logger.info(`Request ${request.Name} waits until sync run ${blocker.Name} finishes.`);
        }
    }
}

/** Serves one request; returns false when another run holds the lock, so the poll ends. */
async function serveRequest(
    gateway: OrgGateway,
    request: SyncRunRecord,
    loadSource: () => Promise<PreparedSource>,
    options: WatchOptions,
    logger: Logger
): Promise<boolean> {
    logger.info(`Claiming request ${request.Name} (${request.Id}).`);
    await gateway.updateSyncRun(request.Id, {
        Status__c: 'Running',
        Started_At__c: new Date().toISOString()
    });
    try {
        const source = await loadSource();
        const result = await syncToOrg(
            gateway,
            source,
            {
                dryRun: request.Dry_Run__c === true,
                releaseInactive: options.releaseInactive,
                requestId: request.Id,
                ...(options.orgId ? { orgId: options.orgId } : {})
            },
            logger
        );
        logger.info(
            `Request ${request.Name} ${result.status}: created ${result.changes.created}, updated ` +
                `${result.changes.updated}, unchanged ${result.changes.unchanged}, ${result.apiCalls} API calls.`
        );
        options.onResult?.(request, result);
        return true;
    } catch (error) {
        if (error instanceof SyncRunInProgressError) {
            logger.warn(`Request ${request.Name} waits: ${error.message}`);
            await gateway.updateSyncRun(request.Id, {
                Status__c: 'Requested',
                Started_At__c: null
            });
            return false;
        }
        await markFailed(gateway, request, error as Error, logger);
        options.onResult?.(request, failedResult(request.Dry_Run__c === true, errorsOf(error)));
        if (error instanceof ApiLimitExceededError || error instanceof SessionExpiredError) {
            throw error;
        }
        return true;
    }
}

async function markFailed(
    gateway: OrgGateway,
    request: SyncRunRecord,
    error: Error,
    logger: Logger
): Promise<void> {
    const message =
        error instanceof SyncError ? error.message : `Unexpected error: ${error.message}`;
    logger.error(`Request ${request.Name} failed: ${message}`);
    try {
        await gateway.updateSyncRun(request.Id, {
            Status__c: 'Failed',
            Finished_At__c: new Date().toISOString(),
            Message__c: logger.redact(message).slice(0, 32_768)
        });
    } catch (updateError) {
        logger.error(
            `Request ${request.Name} could not be marked Failed: ${(updateError as Error).message}`
        );
    }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
        if (signal.aborted) {
            resolve();
            return;
        }
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
        }
        signal.addEventListener('abort', done);
    });
}
