/**
 * Output for people: the seat table and the run summary, as plain text.
 * `--json` prints the SyncResult itself instead.
 */
import type { SyncResult } from './result';

const COLUMNS = [
    { title: 'License', align: 'left' },
    { title: 'Purchased', align: 'right' },
    { title: 'Assigned', align: 'right' },
    { title: 'Available', align: 'right' },
    { title: 'Over-allocated', align: 'right' },
    { title: 'Reclaimable', align: 'right' },
    { title: 'Provisioned', align: 'left' },
    { title: 'Assignable', align: 'left' }
] as const;

/** Formats the seat table and summary of a sync result. */
export function formatSyncResult(result: SyncResult): string {
    const rows = result.subscriptions.map((row) => [
        row.label,
        String(row.purchased),
        String(row.assigned),
        String(row.available),
        String(row.overAllocatedBy),
        String(row.reclaimable),
        row.provisioned ? 'yes' : 'no',
        row.assignable ? 'yes' : 'no'
    ]);
    const lines = [formatTable(rows), ''];

    const verb = result.dryRun ? 'Dry run, nothing written. Would create' : 'Created';
    lines.push(
        `${verb} ${result.changes.created}, ${result.dryRun ? 'would update' : 'updated'} ${result.changes.updated}, ` +
            `unchanged ${result.changes.unchanged}. API calls: ${result.apiCalls}. Status: ${result.status}.`
    );
    if (result.unmapped.length > 0) {
        const names = result.unmapped
            .map((entry) => `${entry.name} (${entry.purchased})`)
            .join(', ');
        lines.push(`Outside the catalogue, mirrored as not assignable: ${names}.`);
    }
    if (result.released) {
        lines.push(describeRelease(result.released.length, result.dryRun));
        for (const holder of result.released) {
            lines.push(`  ${holder.username ?? holder.userId}: ${holder.licenses.join(', ')}`);
        }
    }
    for (const warning of result.warnings) {
        lines.push(`Warning: ${warning}`);
    }
    for (const error of result.errors) {
        lines.push(`Error: ${error}`);
    }
    return lines.join('\n');
}

/** Builds the line above the list of released holders, or the whole report when there are none. */
function describeRelease(count: number, dryRun: boolean): string {
    if (count === 0) {
        return dryRun
            ? 'No inactive user holds a license, so none would be released.'
            : 'No inactive user holds a license, so none were released.';
    }
    const users = count === 1 ? '1 inactive user' : `${count} inactive users`;
    return `${dryRun ? 'Would release' : 'Released'} the licenses of ${users}:`;
}

function formatTable(rows: readonly string[][]): string {
    const widths = COLUMNS.map((column, index) =>
        Math.max(column.title.length, ...rows.map((row) => (row[index] ?? '').length))
    );
    const formatRow = (cells: readonly string[]) =>
        cells
            .map((cell, index) => {
                const width = widths[index] ?? 0;
                return COLUMNS[index]?.align === 'right'
                    ? cell.padStart(width)
                    : cell.padEnd(width);
            })
            .join('  ')
            .trimEnd();
    return [
        formatRow(COLUMNS.map((column) => column.title)),
        formatRow(widths.map((width) => '-'.repeat(width))),
        ...rows.map(formatRow)
    ].join('\n');
}
