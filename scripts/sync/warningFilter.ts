/**
 * Keeps Node's "SQLite is an experimental feature" warning out of the job's
 * stderr. The embedded local org loads `node:sqlite`, which Node 22 flags
 * as experimental on first use. Operators alert on stderr lines, and this
 * one carries no information about the run.
 */

/** Replaces Node's default warning printer with one that skips only the SQLite ExperimentalWarning. */
export function hideSqliteExperimentalWarning(): void {
    // Node emits warnings on the next tick, so a listener installed when the
    // entry point starts still receives the one raised while its imports loaded.
    process.removeAllListeners('warning');
    process.on('warning', (warning) => {
        if (warning.name === 'ExperimentalWarning' && /SQLite/i.test(warning.message)) {
            return;
        }
        process.stderr.write(`${warning.name}: ${warning.message}\n`);
    });
}
