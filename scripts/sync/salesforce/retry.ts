/**
 * Retries for the writes jsforce does not retry itself (it retries GET but
 * never POST or PATCH), and the translation of fatal org errors into the
 * job's error classes.
 */
import { ApiLimitExceededError, SessionExpiredError } from '../errors';
import type { Logger } from '../log';

/** Retry settings; tests shorten the delay. */
export interface RetryPolicy {
    /** Attempts in total, the first one included; default 4. */
    attempts: number;
    /** Delay before the first retry in milliseconds, doubled each time; default 500. */
    baseDelayMs: number;
}

/** Default retry policy of the sync job. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 500 };

const NETWORK_ERROR_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED'
]);

/** Returns the Salesforce error code of a jsforce error, or undefined. */
export function errorCodeOf(error: unknown): string | undefined {
    const code = (error as { errorCode?: unknown }).errorCode;
    return typeof code === 'string' ? code : undefined;
}

/**
 * Tells whether a failed request may be sent again: a 5xx response, a dropped
 * connection or a locked row. `allowNetworkErrors` is false for requests
 * that are not idempotent, because a dropped connection can hide a success.
 */
export function isTransientError(error: unknown, allowNetworkErrors: boolean): boolean {
    const code = errorCodeOf(error);
    if (
        code === 'UNABLE_TO_LOCK_ROW' ||
        code === 'SERVER_UNAVAILABLE' ||
        /^ERROR_HTTP_5\d\d$/.test(code ?? '')
    ) {
        return true;
    }
    if (!allowNetworkErrors) {
        return false;
    }
    const causeCode = (error as { cause?: { code?: unknown } }).cause?.code;
    const ownCode = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : '';
    return (
        NETWORK_ERROR_CODES.has(String(causeCode)) ||
        NETWORK_ERROR_CODES.has(String(ownCode)) ||
        /socket hang up|fetch failed|other side closed/i.test(message)
    );
}

/** Plain words for the network error codes of a request that got no HTTP response. */
const NETWORK_ERROR_WORDS: Readonly<Record<string, string>> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    EPIPE: 'connection closed while sending',
    ETIMEDOUT: 'connection timed out',
    UND_ERR_SOCKET: 'connection closed',
    UND_ERR_CLOSED: 'connection closed'
};

/**
 * Describes a request that failed without an HTTP response, for example
 * `connection refused (ECONNREFUSED)`. Returns undefined when a response came
 * back. undici's "fetch failed" names the reason only in its cause.
 */
export function describeNetworkFailure(error: unknown): string | undefined {
    const causeCode = (error as { cause?: { code?: unknown } }).cause?.code;
    const ownCode = (error as { code?: unknown }).code;
    const code = [causeCode, ownCode].find(
        (value): value is string => typeof value === 'string' && NETWORK_ERROR_CODES.has(value)
    );
    if (code !== undefined) {
        return `${NETWORK_ERROR_WORDS[code] ?? 'network error'} (${code})`;
    }
    const message = error instanceof Error ? error.message : '';
    return /socket hang up|fetch failed|other side closed/i.test(message)
        ? `connection failed: ${message}`
        : undefined;
}

/**
 * The message jsforce 3.10 raises when its refresh function fails
 * (lib/session-refresh-delegate.js), with the refresh error after the colon.
 */
const REFRESH_FAILURE = /^Unable to refresh session due to: ([\s\S]*)$/;

/**
 * Raises the job's error for failures that no retry can fix: the API limit
 * and an expired session that could not be refreshed. Returns otherwise.
 */
export function raiseIfFatal(error: unknown): void {
    const refreshFailure = REFRESH_FAILURE.exec(error instanceof Error ? error.message : '');
    if (refreshFailure !== null) {
        throw new SessionExpiredError(refreshFailure[1]);
    }
    const code = errorCodeOf(error);
    if (code === 'REQUEST_LIMIT_EXCEEDED') {
        throw new ApiLimitExceededError((error as Error).message);
    }
    if (code === 'INVALID_SESSION_ID') {
        throw new SessionExpiredError();
    }
}

/** Runs `action`, retrying transient failures with exponential backoff. */
export async function withRetry<T>(
    description: string,
    action: () => Promise<T>,
    options: { policy: RetryPolicy; logger: Logger; idempotent: boolean }
): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
        try {
            return await action();
        } catch (error) {
            raiseIfFatal(error);
            if (
                attempt >= options.policy.attempts ||
                !isTransientError(error, options.idempotent)
            ) {
                throw error;
            }
            const delay = backoffDelay(options.policy, attempt);
            options.logger.warn(
                `${description} failed (${errorCodeOf(error) ?? (error as Error).message}), ` +
                    `retry ${attempt} of ${options.policy.attempts - 1} in ${delay} ms`
            );
            await sleep(delay);
        }
    }
}

/** Returns the delay before retry number `attempt` (1-based). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
    return policy.baseDelayMs * 2 ** (attempt - 1);
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
