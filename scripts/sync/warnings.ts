/**
 * Report lines of a sync run: warnings about seats and the summary stored
 * in the sync run's `Message__c`.
 */
import type { SyncResult } from './result';
import type { SeatRow } from './seats';

/** Returns one warning per over-allocated license; a downgrade never removes licenses. */
export function overAllocationWarnings(seats: readonly SeatRow[]): string[] {
    return seats
        .filter((row) => row.overAllocatedBy > 0)
        .map(
            (row) =>
                `${row.label} is over-allocated by ${row.overAllocatedBy}: ${row.assigned} seats assigned, ` +
                `${row.purchased} purchased. Nothing was removed, and new assignments are blocked until seats are ` +
                'bought or released.'
        );
}

/** Returns a warning about seats held by inactive users, unless they are being released. */
export function reclaimableWarning(
    seats: readonly SeatRow[],
    releasing: boolean
): string | undefined {
    const total = seats.reduce((sum, row) => sum + row.reclaimable, 0);
    if (total === 0 || releasing) {
        return undefined;
    }
    const licenses = seats
        .filter((row) => row.reclaimable > 0)
        .map((row) => `${row.label} ${row.reclaimable}`);
    return `${total} seats are held by inactive users (${licenses.join(', ')}). Run with --release-inactive to free them.`;
}

/** Summarises a run for the sync run record's `Message__c`. */
export function describeRun(result: SyncResult): string {
    const lines = [
        `${result.dryRun ? 'Dry run: would create' : 'Created'} ${result.changes.created}, ` +
            `${result.dryRun ? 'would update' : 'updated'} ${result.changes.updated}, ` +
            `unchanged ${result.changes.unchanged}.`
    ];
    if (result.unmapped.length > 0) {
        lines.push(
            `Outside the catalogue: ${result.unmapped.map((entry) => entry.name).join(', ')}.`
        );
    }
    if (result.released) {
        lines.push(`Released the licenses of ${result.released.length} inactive users.`);
    }
    lines.push(...result.warnings.map((warning) => `Warning: ${warning}`));
    lines.push(...result.errors.map((error) => `Error: ${error}`));
    return lines.join('\n');
}
