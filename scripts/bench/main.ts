/**
 * `npm run bench`: runs every benchmark section and writes docs/benchmarks.md.
 *
 * Each section measures its subject and a baseline in the same run, so the
 * ratios stay comparable across machines. Absolute times depend on the
 * machine described at the top of the page.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runOrgBenchmark } from './org';
import { runSyncBenchmark } from './sync';
import { findProjectRoot } from '../lib/projectRoot';

const pagePath = path.join(findProjectRoot(), 'docs/benchmarks.md');

/** Describes the machine the figures were measured on. */
function describeMachine(): string {
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(0);
    return `${os.cpus().length} cores (${cpu}), ${memoryGiB} GiB memory, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

async function main(): Promise<void> {
    const started = new Date();
    console.error('bench: local org section');
    const orgSection = await runOrgBenchmark();
    console.error('bench: sync job section');
    const syncSection = await runSyncBenchmark();

    const page = [
        '# Benchmarks',
        '',
        'Written by `npm run bench` (scripts/bench/main.ts); do not edit by hand.',
        '',
        `- Measured: ${started.toISOString()}`,
        `- Machine: ${describeMachine()}`,
        '- Every ratio compares two runs measured in the same process on the same machine.',
        '',
        orgSection.trim(),
        '',
        syncSection.trim(),
        ''
    ].join('\n');
    writeFileSync(pagePath, page);
    console.error(`bench: wrote ${path.relative(process.cwd(), pagePath)}`);
}

main().catch((error: unknown) => {
    console.error(error);
    // A failed section may leave its local org listening; exit so the
    // run ends instead of hanging on the open server.
    process.exit(1);
});
