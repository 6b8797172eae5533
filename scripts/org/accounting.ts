/**
 * The org's daily API request counter and the request log that tests read
 * to assert exact call counts.
 */

/** One request the server handled. */
export interface RequestLogEntry {
    method: string;
    /** Path and query string as the client sent them. */
    path: string;
    status: number;
    /** True when the request counted against the daily API request limit. */
    apiCall: boolean;
    /** ISO 8601 time the request arrived. */
    at: string;
    durationMs: number;
    /** The injected fault, when one replaced or delayed the response. */
    fault?: string;
}

/** The DailyApiRequests limit as `/limits` and the `Sforce-Limit-Info` header report it. */
export interface ApiLimits {
    /** Daily API request limit. */
    dailyApiRequests: number;
    /** Requests already used today. */
    used: number;
}

/**
 * Default daily limit: 15,000, the Developer Edition allocation.
 * Enterprise Edition orgs start at 100,000 plus 1,000 per user license, so
 * pass `dailyApiRequests` to model one.
 */
export const DEFAULT_DAILY_API_REQUESTS = 15_000;

/** Counts API requests and keeps the request log. */
export class ApiAccounting {
    readonly requestLog: RequestLogEntry[] = [];
    private limits: ApiLimits;

    constructor(dailyApiRequests = DEFAULT_DAILY_API_REQUESTS) {
        this.limits = { dailyApiRequests, used: 0 };
    }

    /** Sets the daily limit and/or the used count, for tests of limit handling. */
    setLimits(limits: Partial<ApiLimits>): void {
        this.limits = { ...this.limits, ...limits };
    }

    /** Returns a copy of the current limit and usage. */
    current(): ApiLimits {
        return { ...this.limits };
    }

    /** Returns true when the daily limit is used up. */
    exhausted(): boolean {
        return this.limits.used >= this.limits.dailyApiRequests;
    }

    /** Counts one API request. */
    count(): void {
        this.limits.used++;
    }

    /**
     * Returns the `Sforce-Limit-Info` value (REST API Developer Guide: Limit
     * Info Header): `api-usage=used/limit`.
     */
    header(): string {
        return `api-usage=${this.limits.used}/${this.limits.dailyApiRequests}`;
    }

    /** Appends an entry to the request log. */
    record(entry: RequestLogEntry): void {
        this.requestLog.push(entry);
    }

    /** Returns the logged requests that counted as API calls. */
    apiCalls(): RequestLogEntry[] {
        return this.requestLog.filter((entry) => entry.apiCall);
    }

    /** Empties the request log; the usage counter is kept. */
    clearLog(): void {
        this.requestLog.length = 0;
    }
}
