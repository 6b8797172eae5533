/**
 * Progress of a Reload Subscriptions request, as pure transitions. The page
 * creates a Natterbox_Sync_Run__c with status Requested, and the sync job
 * moves it to Running and then to Succeeded or Failed. The page polls the
 * run until it finishes or keeps one status for too long.
 */
import type { SyncRunView } from './adminModel';

/** Stage of a reload request. */
export type ReloadPhase =
    'idle' | 'requesting' | 'waiting' | 'succeeded' | 'failed' | 'timedOut' | 'requestFailed';

/** State of the reload request the page tracks. */
export interface ReloadProgress {
    phase: ReloadPhase;
    /** Id of the tracked Natterbox_Sync_Run__c, once created. */
    runId: string | null;
    runName: string;
    /** Last Status__c value seen for the tracked run. */
    status: string;
    /** Epoch milliseconds when the status last changed. */
    changedAt: number;
    message: string;
}

/** Milliseconds between two polls of the tracked run. */
export const POLL_INTERVAL_MS = 5_000;

/** Milliseconds a run may stay Requested before the page stops waiting for a sync job. */
export const PICKUP_TIMEOUT_MS = 2 * 60_000;

/** Milliseconds a run may stay Running before the page stops waiting for it to finish. */
export const RUN_TIMEOUT_MS = 10 * 60_000;

/** Progress before any reload is requested. */
export const IDLE: ReloadProgress = Object.freeze({
    phase: 'idle',
    runId: null,
    runName: '',
    status: '',
    changedAt: 0,
    message: ''
});

function waitingMessage(runName: string, status: string): string {
    return status === 'Running'
        ? `The sync job is reloading the subscriptions (${runName}).`
        : `Reload requested (${runName}). Waiting for the sync job to start it.`;
}

/** Marks the moment the page sends the create request for a run. */
export function requestSent(now: number): ReloadProgress {
    return {
        ...IDLE,
        phase: 'requesting',
        changedAt: now,
        message: 'Requesting a subscription reload.'
    };
}

/** Tracks a run the page has just created with status Requested. */
export function requestCreated(runId: string, now: number): ReloadProgress {
    return {
        phase: 'waiting',
        runId,
        runName: runId,
        status: 'Requested',
        changedAt: now,
        message: waitingMessage(runId, 'Requested')
    };
}

/** Records that the run could not be created, with the messages of the error. */
export function requestFailed(messages: string[]): ReloadProgress {
    return {
        ...IDLE,
        phase: 'requestFailed',
        message: `The reload could not be requested: ${messages.join(' ')}`
    };
}

/**
 * Tracks a run that is already Requested or Running when the page loads,
 * so reopening the page during a sync keeps showing its progress. Returns
 * null for a finished run.
 */
export function resumeRun(run: SyncRunView | null, now: number): ReloadProgress | null {
    if (!run || (run.status !== 'Requested' && run.status !== 'Running')) {
        return null;
    }
    return {
        phase: 'waiting',
        runId: run.id,
        runName: run.name,
        status: run.status,
        changedAt: now,
        message: waitingMessage(run.name, run.status)
    };
}

/**
 * Moves the progress on from the latest run the query returned. A run
 * other than the tracked one, or an unchanged status, leaves it as it is.
 */
export function observeRun(
    progress: ReloadProgress,
    run: SyncRunView | null,
    now: number
): ReloadProgress {
    if (progress.phase !== 'waiting' || !run || run.id !== progress.runId) {
        return progress;
    }
    if (run.status === progress.status && run.name === progress.runName) {
        return progress;
    }
    const base = { ...progress, runName: run.name, status: run.status, changedAt: now };
    switch (run.status) {
        case 'Succeeded':
            return {
                ...base,
                phase: 'succeeded',
                message: `Subscriptions reloaded (${run.name}). ${run.message}`.trim()
            };
        case 'Failed':
            return {
                ...base,
                phase: 'failed',
                message: `The reload failed (${run.name}): ${run.message || 'the sync job gave no message.'}`
            };
        default:
            return { ...base, message: waitingMessage(run.name, run.status) };
    }
}

/** Stops waiting when the tracked run has kept one status for too long. */
export function checkTimeout(progress: ReloadProgress, now: number): ReloadProgress {
    if (progress.phase !== 'waiting') {
        return progress;
    }
    const waited = now - progress.changedAt;
    if (progress.status === 'Requested' && waited >= PICKUP_TIMEOUT_MS) {
        return {
            ...progress,
            phase: 'timedOut',
            message: `No sync job started ${progress.runName} within ${PICKUP_TIMEOUT_MS / 60_000} minutes. Check that the sync job is scheduled and running, then reload this page. The run stays recorded as Requested.`
        };
    }
    if (progress.status === 'Running' && waited >= RUN_TIMEOUT_MS) {
        return {
            ...progress,
            phase: 'timedOut',
            message: `${progress.runName} has been running for over ${RUN_TIMEOUT_MS / 60_000} minutes without finishing. Check the sync job's log, then reload this page.`
        };
    }
    return progress;
}

/** Checks whether the page is still waiting on the request. */
export function isInProgress(progress: ReloadProgress): boolean {
    return progress.phase === 'requesting' || progress.phase === 'waiting';
}
