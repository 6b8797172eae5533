/**
 * Benchmark section of the local org: Collections upsert throughput over
 * HTTP with jsforce, queryMore paging over 100,000 rows and peak memory.
 */
import os from 'node:os';
import { Connection } from 'jsforce';
import { findProjectRoot } from '../lib/projectRoot';
import { startOrg } from '../org/org';

const UPSERT_RECORDS = 10_000;
const TOTAL_ROWS = 100_000;

function licenseRows(count: number, offset: number): Record<string, unknown>[] {
    return Array.from({ length: count }, (_, index) => ({
        User_Id__c: `005BENCH${String(index + offset).padStart(10, '0')}`,
        Freedom__c: true,
        CTI__c: true
    }));
}

/** Samples process RSS every 25 ms and keeps the maximum. */
function sampleMemory(): { stop(): number } {
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);
    return {
        stop() {
            clearInterval(timer);
            return Math.max(peak, process.memoryUsage().rss);
        }
    };
}

/** Runs the local org benchmark and returns its Markdown section. */
export async function runOrgBenchmark(): Promise<string> {
    const memory = sampleMemory();
    const org = await startOrg({ metadataFolder: findProjectRoot() });
    try {
        const conn = new Connection({
            instanceUrl: org.instanceUrl,
            accessToken: org.accessToken,
            version: '64.0'
        });
        const sobject = conn.sobject('Natterbox_User_License__c');

        const upsertStarted = performance.now();
        await sobject.upsert(licenseRows(UPSERT_RECORDS, 0), 'User_Id__c', {
            allOrNone: true,
            allowRecursive: true
        });
        const upsertSeconds = (performance.now() - upsertStarted) / 1000;
        const upsertCalls = org.apiCalls().length;

        const seedStarted = performance.now();
        org.seed.insert(
            'Natterbox_User_License__c',
            licenseRows(TOTAL_ROWS - UPSERT_RECORDS, UPSERT_RECORDS)
        );
        const seedSeconds = (performance.now() - seedStarted) / 1000;

        const queryStarted = performance.now();
        const callsBefore = org.apiCalls().length;
        const result = await conn
            .query('SELECT Id, User_Id__c, CTI__c FROM Natterbox_User_License__c')
            .run({ autoFetch: true, maxFetch: TOTAL_ROWS });
        const querySeconds = (performance.now() - queryStarted) / 1000;
        const queryCalls = org.apiCalls().length - callsBefore;
        const fetched = result.records.length;
        const peakMiB = memory.stop() / 2 ** 20;

        return [
            '## Local org',
            '',
            'Measured by scripts/bench/org.ts: the local org and its jsforce 3.10 client run in one',
            `Node ${process.version} process on ${os.availableParallelism()} cores (\`nproc\`), with the project's metadata.`,
            '',
            '| measure | value |',
            '|---|---|',
            `| Collections upsert of ${UPSERT_RECORDS.toLocaleString('en')} new records (${upsertCalls} calls of 200) | ${Math.round(UPSERT_RECORDS / upsertSeconds).toLocaleString('en')} records/s (${upsertSeconds.toFixed(2)} s) |`,
            `| Direct seeding of ${(TOTAL_ROWS - UPSERT_RECORDS).toLocaleString('en')} rows (\`org.seed.insert\`) | ${Math.round((TOTAL_ROWS - UPSERT_RECORDS) / seedSeconds).toLocaleString('en')} rows/s |`,
            `| Query with queryMore over ${fetched.toLocaleString('en')} rows (${queryCalls} pages of 2,000) | ${querySeconds.toFixed(2)} s |`,
            `| Peak RSS of the process at ${TOTAL_ROWS.toLocaleString('en')} rows (server and client together) | ${peakMiB.toFixed(0)} MiB |`,
            ''
        ].join('\n');
    } finally {
        memory.stop();
        await org.close();
    }
}
