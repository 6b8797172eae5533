/**
 * The typed result of a sync run: what `--json` prints and what the seat
 * table is drawn from. The shape is documented in docs/sync.md.
 */
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
