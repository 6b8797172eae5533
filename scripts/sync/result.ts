/**
 * The typed result of a sync run: what `--json` prints and what the seat
 * table is drawn from. The shape is documented in docs/sync.md.
 */
import { InvalidSourceError, SyncError } from './errors';
import type { SeatRow } from './seats';

/** A user whose licenses `--release-inactive` removed (or would remove, in a dry run). */
export interface ReleasedHolder {
    userId: string;
    username: string | null;
    licenses: string[];
}

/** The result of one sync run. */
export interface SyncResult {
    status: 'Succeeded' | 'Failed';
    dryRun: boolean;
    subscriptions: SeatRow[];
    unmapped: { name: string; purchased: number }[];
    changes: { created: number; updated: number; unchanged: number };
    apiCalls: number;
    warnings: string[];
    errors: string[];
    /** Present only with `--release-inactive`. */
    released?: ReleasedHolder[];
}

/** Returns the result printed for a run that stopped before it finished, with the reasons in `errors`. */
export function failedResult(dryRun: boolean, errors: string[]): SyncResult {
    return {
        status: 'Failed',
        dryRun,
        subscriptions: [],
        unmapped: [],
        changes: { created: 0, updated: 0, unchanged: 0 },
        apiCalls: 0,
        warnings: [],
        errors
    };
}

/** Returns the `errors` entries for an error that stopped a run. */
export function errorsOf(error: unknown): string[] {
    if (error instanceof InvalidSourceError) {
        return error.issues.map((issue) => `${issue.location}: ${issue.message}`);
    }
    if (error instanceof SyncError) {
        return [error.message];
    }
    return [`Unexpected error: ${(error as Error).message ?? String(error)}`];
}
