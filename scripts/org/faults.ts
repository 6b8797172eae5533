/**
 * Fault injection for tests: the next N requests that match a method and
 * a path pattern fail or slow down in a chosen way.
 */

/**
 * - `expiredSession`: 401 INVALID_SESSION_ID, as for an expired access
 *   token; a refresh through /services/oauth2/token still succeeds.
 * - `requestLimitExceeded`: 403 REQUEST_LIMIT_EXCEEDED.
 * - `serviceUnavailable`: 503 with a SERVER_UNAVAILABLE body.
 * - `dropConnection`: the connection is reset (TCP RST) after the request
 *   is read, with no response, so the client sees ECONNRESET. A plain close
 *   is not used because jsforce 3.10 does not retry "other side closed".
 * - `lockRow`: inside a 200 sObject Collections response, the chosen
 *   records fail with UNABLE_TO_LOCK_ROW and nothing is written for them.
 * - `latency`: the normal response is sent after `latencyMs`.
 */
export type FaultKind =
    | 'expiredSession'
    | 'requestLimitExceeded'
    | 'serviceUnavailable'
    | 'dropConnection'
    | 'lockRow'
    | 'latency';

const FAULT_KINDS: readonly FaultKind[] = [
    'expiredSession',
    'requestLimitExceeded',
    'serviceUnavailable',
    'dropConnection',
    'lockRow',
    'latency'
];

/** A fault description: the kind and the requests it applies to. */
export interface FaultSpec {
    kind: FaultKind;
    /** HTTP method to match; any method when absent. */
    method?: string;
    /**
     * Pattern the URL path (without the query string) must match: a RegExp,
     * or a string compiled as a regular expression. Any path when absent.
     */
    path?: string | RegExp;
    /** How many matching requests the fault applies to (default 1). */
    count?: number;
    /** Delay for `latency`, in milliseconds (default 100). */
    latencyMs?: number;
    /** For `lockRow`: zero-based positions of the records that fail (default: all). */
    recordIndexes?: number[];
}

/** A fault that is still armed. */
export interface ActiveFault {
    id: number;
    kind: FaultKind;
    method?: string;
    path?: RegExp;
    remaining: number;
    latencyMs: number;
    recordIndexes?: number[];
}

/**
 * Checks the JSON types of a fault description, which the control route
 * receives from another process, so a wrong type is INVALID_FAULT and not
 * a crash inside the injector.
 */
function checkFaultShape(spec: unknown): asserts spec is FaultSpec {
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
        throw new InvalidFaultError(
            `A fault must be an object such as { "kind": "latency" }, got ${JSON.stringify(spec)}.`
        );
    }
    const { method, path, latencyMs, recordIndexes } = spec as Record<string, unknown>;
    if (method !== undefined && typeof method !== 'string') {
        throw new InvalidFaultError(
            `Fault method must be a string, got ${JSON.stringify(method)}.`
        );
    }
    if (path !== undefined && typeof path !== 'string' && !(path instanceof RegExp)) {
        throw new InvalidFaultError(`Fault path must be a string, got ${JSON.stringify(path)}.`);
    }
    if (latencyMs !== undefined && !(typeof latencyMs === 'number' && latencyMs >= 0)) {
        throw new InvalidFaultError(
            `Fault latencyMs must be a non-negative number, got ${JSON.stringify(latencyMs)}.`
        );
    }
    const isIndexList =
        Array.isArray(recordIndexes) &&
        recordIndexes.every((index) => Number.isInteger(index) && (index as number) >= 0);
    if (recordIndexes !== undefined && !isIndexList) {
        throw new InvalidFaultError(
            `Fault recordIndexes must be a list of non-negative integers, got ${JSON.stringify(recordIndexes)}.`
        );
    }
}

/** Raised when a fault description is not valid. */
export class InvalidFaultError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'InvalidFaultError';
    }
}

/** Holds the armed faults and hands them to matching requests. */
export class FaultInjector {
    private readonly active: ActiveFault[] = [];
    private nextId = 1;

    /** Arms a fault and returns its ID. */
    add(spec: FaultSpec): number {
        checkFaultShape(spec);
        if (!FAULT_KINDS.includes(spec.kind)) {
            throw new InvalidFaultError(
                `Unknown fault kind ${JSON.stringify(spec.kind)}; use one of ${FAULT_KINDS.join(', ')}.`
            );
        }
        const count = spec.count ?? 1;
        if (!Number.isInteger(count) || count < 1) {
            throw new InvalidFaultError(
                `Fault count must be a positive integer, got ${JSON.stringify(spec.count)}.`
            );
        }
        let path: RegExp | undefined;
        try {
            path = spec.path === undefined ? undefined : new RegExp(spec.path);
        } catch (error) {
            throw new InvalidFaultError(
                `Fault path ${String(spec.path)} is not a valid regular expression: ${(error as Error).message}`
            );
        }
        const fault: ActiveFault = {
            id: this.nextId++,
            kind: spec.kind,
            method: spec.method?.toUpperCase(),
            path,
            remaining: count,
            latencyMs: spec.latencyMs ?? 100,
            recordIndexes: spec.recordIndexes
        };
        this.active.push(fault);
        return fault.id;
    }

    /** Adds several faults: all of them, or none when one is invalid. */
    addAll(specs: FaultSpec[]): number[] {
        const before = this.active.length;
        try {
            return specs.map((spec) => this.add(spec));
        } catch (error) {
            this.active.length = before;
            throw error;
        }
    }

    /** Disarms every fault. */
    clear(): void {
        this.active.length = 0;
    }

    /** Returns the armed faults. */
    list(): ActiveFault[] {
        return this.active.map((fault) => ({ ...fault }));
    }

    /**
     * Takes the first armed fault that matches the request and counts one
     * use of it; returns undefined when none matches.
     */
    take(
        method: string,
        path: string,
        kinds: readonly FaultKind[] = FAULT_KINDS
    ): ActiveFault | undefined {
        const index = this.active.findIndex(
            (fault) =>
                kinds.includes(fault.kind) &&
                (fault.method === undefined || fault.method === method.toUpperCase()) &&
                (fault.path === undefined || fault.path.test(path))
        );
        const fault = this.active[index];
        if (!fault) {
            return undefined;
        }
        fault.remaining--;
        if (fault.remaining === 0) {
            this.active.splice(index, 1);
        }
        return { ...fault };
    }
}
