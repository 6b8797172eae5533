/**
 * Error classes of the sync job. Each one carries the process exit code the
 * command returns for it, so the command maps failures to codes in one place.
 */

/** Exit codes of `npm run sync`, documented in docs/sync.md. */
export const EXIT_CODES = {
    ok: 0,
    failed: 1,
    invalidInput: 2,
    runInProgress: 3
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Base class: a failure the job reports with a message and an exit code. */
export class SyncError extends Error {
    readonly exitCode: ExitCode;

    constructor(message: string, exitCode: ExitCode) {
        super(message);
        this.name = new.target.name;
        this.exitCode = exitCode;
    }
}

/** One problem found in the subscription source. */
export interface SourceIssue {
    /** The problem's position, for example `subscriptions[2].purchased` or `line 4, column purchased`. */
    location: string;
    message: string;
}

/** Raised when the subscription source is malformed, duplicated or empty. Nothing is written. */
export class InvalidSourceError extends SyncError {
    readonly issues: readonly SourceIssue[];

    constructor(sourceLabel: string, issues: readonly SourceIssue[]) {
        super(describeSourceIssues(sourceLabel, issues), EXIT_CODES.invalidInput);
        this.issues = issues;
    }
}

/**
 * Builds the message of InvalidSourceError. A problem with the file itself (not
 * found, a directory, not JSON) reads as one sentence about the file, and
 * problems inside it are listed one per line.
 */
function describeSourceIssues(sourceLabel: string, issues: readonly SourceIssue[]): string {
    const [first] = issues;
    if (issues.length === 1 && first?.location === 'file') {
        return `The subscription source ${sourceLabel} ${first.message}. Nothing was written.`;
    }
    const lines = issues.map((issue) => `  ${issue.location}: ${issue.message}`);
    return `The subscription source ${sourceLabel} is invalid, so nothing was written:\n${lines.join('\n')}`;
}

/** Raised for invalid flags, environment variables or alias files. */
export class InvalidOptionsError extends SyncError {
    constructor(message: string) {
        super(message, EXIT_CODES.invalidInput);
    }
}

/** Raised when another sync run is in progress in the org. */
export class SyncRunInProgressError extends SyncError {
    constructor(runName: string, startedAt: string | null) {
        super(
            `Another sync run (${runName}, started ${startedAt ?? 'at an unknown time'}) is in progress. ` +
                'Wait for it to finish, or mark it Failed in the org if it is stuck, then run again.',
            EXIT_CODES.runInProgress
        );
    }
}

/** Raised when the Natterbox API fails: rejected credentials, an error response, or no response after retries. */
export class NatterboxSourceError extends SyncError {
    constructor(cause: Error) {
        super(`Fetching subscriptions from Natterbox failed: ${cause.message}`, EXIT_CODES.failed);
    }
}

/**
 * Raised when an org read still fails with a 5xx or a dropped connection after
 * jsforce's own retries. `networkFailure` is set when no HTTP response came
 * back at all (connection refused, reset or timed out), so the instance URL
 * itself is the first thing to check.
 */
export class OrgUnavailableError extends SyncError {
    constructor(instanceUrl: string, detail: string, networkFailure: boolean) {
        super(
            networkFailure
                ? `The org at ${instanceUrl} could not be reached: a query still failed after retries with ${detail}. ` +
                      'Nothing was written. Check that SF_INSTANCE_URL, or the instance URL stored for --target-org, ' +
                      'is the right one and that the org is up and reachable from this machine.'
                : `The org at ${instanceUrl} did not answer a query after retries (${detail}). ` +
                      'Nothing more was sent. Try again later.',
            EXIT_CODES.failed
        );
    }
}

/** Raised when the org rejects calls because its API request limit is reached. */
export class ApiLimitExceededError extends SyncError {
    constructor(detail: string) {
        super(
            `The org's API request limit is exceeded (REQUEST_LIMIT_EXCEEDED: ${detail}). ` +
                'The job stopped without retrying. Run it again after the limit resets.',
            EXIT_CODES.failed
        );
    }
}

/**
 * Raised when the org rejects the session and it cannot be renewed: no
 * refresh is configured, or the refresh itself failed (`refreshFailure`).
 */
export class SessionExpiredError extends SyncError {
    constructor(refreshFailure?: string) {
        super(
            refreshFailure === undefined
                ? 'The org rejected the access token (INVALID_SESSION_ID). Get a new token, or ' +
                      'authenticate with --target-org or JWT so the job can refresh the session itself.'
                : `The org rejected the access token (INVALID_SESSION_ID), and the session could not be refreshed: ${refreshFailure}. ` +
                      'Check SF_REFRESH_TOKEN, SF_CLIENT_ID and SF_CLIENT_SECRET, or the JWT settings.',
            EXIT_CODES.failed
        );
    }
}
