/**
 * The sync job's benchmark section: a full sync at 10, 1,000 and 50,000
 * per-user license records against the local org, compared with a naive
 * baseline measured in the same run that reads each holder record and
 * writes each subscription with one API call each.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Connection } from 'jsforce';
import { LICENSES, seatConsumingLicenses, stateFromRecord } from 'c/licenseRules';
import { startOrg, type LocalOrg } from '../org/org';
import { runSyncCommand } from '../sync/command';
import { findProjectRoot } from '../lib/projectRoot';
import { SAMPLE_EXPORT } from '../sync/localOrg';

const SIZES = [10, 1_000, 50_000];

/**
 * The naive baseline reads at most this many holder records one by one;
 * larger runs are scaled up from it. At 50,000 the full baseline takes
 * about 45 s on a 2-core machine, so every size above is measured in full.
 */
const NAIVE_SAMPLE = 50_000;

const PATTERNS = [
    { Freedom__c: true, CTI__c: true, Voice__c: true },
    {
        Freedom__c: true,
        CTI__c: true,
        Record__c: true,
        Insights__c: true,
        AI_Prompt_Studio__c: true
    },
    { Service_Cloud_Voice__c: true, Voice__c: true },
    { Freedom__c: true, CTI__c: true, SMS__c: true }
];

interface Measurement {
    holders: number;
    jobMs: number;
    jobCalls: number;
    naiveMs: number;
    naiveCalls: number;
    /** True when the naive figures are scaled up from NAIVE_SAMPLE records. */
    naiveScaled: boolean;
    jobPeakRssMiB: number | undefined;
}

/** Runs the sync benchmark and returns its markdown section. */
export async function runSyncBenchmark(): Promise<string> {
    const root = findProjectRoot();
    // A first, unrecorded run loads and compiles the code paths, so the 10-holder row is not a cold start.
    await measure(root, SIZES[0] ?? 10);
    const rows: Measurement[] = [];
    for (const holders of SIZES) {
        rows.push(await measure(root, holders));
    }
    return formatSection(rows);
}

async function measure(root: string, holders: number): Promise<Measurement> {
    const jobOrg = await seededOrg(root, holders);
    const env = { SF_INSTANCE_URL: jobOrg.instanceUrl, SF_ACCESS_TOKEN: jobOrg.accessToken };
    const sample = path.join(root, SAMPLE_EXPORT);
    const callsBefore = jobOrg.apiCalls().length;
    const started = performance.now();
    const exitCode = await runSyncCommand(['--json', '--source', sample], env, {
        stdout: () => undefined,
        stderr: () => undefined
    });
    const jobMs = performance.now() - started;
    const jobCalls = jobOrg.apiCalls().length - callsBefore;
    if (exitCode !== 0) {
        throw new Error(`The benchmarked sync exited with ${exitCode} at ${holders} holders.`);
    }
    await jobOrg.close();

    const jobPeakRssMiB = await measureChildPeakRss(root, holders, sample);

    const naiveOrg = await seededOrg(root, holders);
    const naive = await runNaiveSync(naiveOrg, sample, Math.min(holders, NAIVE_SAMPLE));
    await naiveOrg.close();
    const scale = holders / Math.min(holders, NAIVE_SAMPLE);
    return {
        holders,
        jobMs,
        jobCalls,
        naiveMs: naive.readMs * scale + naive.writeMs,
        naiveCalls: Math.round(naive.readCalls * scale) + naive.writeCalls,
        naiveScaled: scale > 1,
        jobPeakRssMiB
    };
}

async function seededOrg(root: string, holders: number): Promise<LocalOrg> {
    // The baseline needs about one call per holder, past the local org's
    // default daily limit of 15,000 (a Developer Edition's), so the bench
    // orgs get a limit that no row reaches.
    const org = await startOrg({
        metadataFolder: root,
        seed: 'none',
        dailyApiRequests: 1_000_000,
        logError: () => undefined
    });
    const users = Array.from({ length: holders }, (_, index) => ({
        FirstName: 'Bench',
        LastName: `User ${index}`,
        Username: `bench${index}@bench.invalid`,
        Email: `bench${index}@bench.invalid`,
        Alias: `b${index}`.slice(0, 8),
        IsActive: index % 10 !== 9,
        ProfileId: org.base.standardProfileId,
        TimeZoneSidKey: 'Europe/London',
        LocaleSidKey: 'en_GB',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8'
    }));
    const userIds = org.seed.insert('User', users);
    org.seed.insert(
        'Natterbox_User_License__c',
        userIds.map((userId, index) => ({
            User__c: userId,
            User_Id__c: userId,
            ...PATTERNS[index % PATTERNS.length]
        }))
    );
    return org;
}

/**
 * Runs the baseline: one query for the holder IDs, then one GET per holder
 * record to count seats, then one upsert call per subscription.
 */
async function runNaiveSync(org: LocalOrg, sample: string, readCount: number) {
    const conn = new Connection({
        instanceUrl: org.instanceUrl,
        accessToken: org.accessToken,
        version: '64.0'
    });
    const callsBefore = org.apiCalls().length;
    const readStarted = performance.now();
    // queryMore through every page: one query call returns at most 2,000 records.
    let page = await conn.query<{ Id: string }>(
        `SELECT Id FROM Natterbox_User_License__c LIMIT ${readCount}`
    );
    const ids = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
        page = await conn.queryMore<{ Id: string }>(page.nextRecordsUrl);
        ids.push(...page.records);
    }
    if (ids.length !== readCount) {
        throw new Error(`The baseline read ${ids.length} holder IDs, expected ${readCount}.`);
    }
    const assigned = new Map<string, number>();
    for (const { Id } of ids) {
        const record = await conn.sobject('Natterbox_User_License__c').retrieve(Id);
        for (const license of seatConsumingLicenses(stateFromRecord(record))) {
            assigned.set(license, (assigned.get(license) ?? 0) + 1);
        }
    }
    const readMs = performance.now() - readStarted;
    const readCalls = org.apiCalls().length - callsBefore;

    const subscriptions = (
        JSON.parse(readFileSync(sample, 'utf8')) as {
            subscriptions: { name: string; purchased: number }[];
        }
    ).subscriptions;
    const writeStarted = performance.now();
    for (const subscription of subscriptions) {
        const code =
            LICENSES.find((license) => license.label === subscription.name)?.code ??
            `OTHER_${subscription.name.toUpperCase().replace(/\W+/g, '_')}`;
        await conn.sobject('Natterbox_Subscription__c').upsert(
            {
                License_Code__c: code,
                Name: subscription.name,
                Purchased_Seats__c: subscription.purchased
            },
            'License_Code__c'
        );
    }
    const writeMs = performance.now() - writeStarted;
    return {
        readMs,
        readCalls,
        writeMs,
        writeCalls: org.apiCalls().length - callsBefore - readCalls
    };
}

/**
 * Runs the bundled job (dist/sync.js) as a child process against an org in
 * this process and samples its peak resident set size (VmHWM in
 * /proc/PID/status, Linux only), so the org's memory is not counted.
 */
async function measureChildPeakRss(
    root: string,
    holders: number,
    sample: string
): Promise<number | undefined> {
    const bundle = path.join(root, 'dist/sync.js');
    if (!existsSync(bundle) || !existsSync('/proc/self/status')) {
        return undefined;
    }
    const org = await seededOrg(root, holders);
    try {
        const child = spawn(process.execPath, [bundle, '--json', '--source', sample], {
            env: {
                ...process.env,
                SF_INSTANCE_URL: org.instanceUrl,
                SF_ACCESS_TOKEN: org.accessToken
            },
            stdio: ['ignore', 'ignore', 'ignore']
        });
        let peakKiB = 0;
        const sampler = setInterval(() => {
            try {
                const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
                peakKiB = Math.max(peakKiB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
            } catch {
                // The child has exited between two samples.
            }
        }, 10);
        await new Promise((resolve) => child.on('exit', resolve));
        clearInterval(sampler);
        return peakKiB > 0 ? peakKiB / 1024 : undefined;
    } finally {
        await org.close();
    }
}

function formatSection(rows: readonly Measurement[]): string {
    const lines = [
        '## Sync job',
        '',
        'A full sync of the shipped sample export (13 subscriptions) into an empty local org holding N per-user',
        'license records, against a naive baseline in the same run that reads each holder record with one',
        'GET and writes each subscription with one upsert call. Script: scripts/bench/sync.ts.',
        '',
        '| holders | job wall time | job API calls | baseline wall time | baseline API calls | time ratio (baseline / job) | job peak RSS |',
        '|---:|---:|---:|---:|---:|---:|---:|'
    ];
    for (const row of rows) {
        const scaled = row.naiveScaled ? ' (est.)' : '';
        lines.push(
            `| ${row.holders.toLocaleString('en-GB')} | ${row.jobMs.toFixed(0)} ms | ${row.jobCalls} | ` +
                `${row.naiveMs.toFixed(0)} ms${scaled} | ${row.naiveCalls.toLocaleString('en-GB')}${scaled} | ` +
                `${(row.naiveMs / row.jobMs).toFixed(1)} | ${row.jobPeakRssMiB === undefined ? 'n/a' : `${row.jobPeakRssMiB.toFixed(0)} MiB`} |`
        );
    }
    lines.push('');
    if (rows.some((row) => row.naiveScaled)) {
        lines.push(
            `- Rows marked (est.) read ${NAIVE_SAMPLE.toLocaleString('en-GB')} holder records one by one and scale the read time and`,
            '  calls up to N linearly, so the baseline stays bounded; the writes are measured in full.'
        );
    } else {
        lines.push(
            '- The baseline is measured in full at every size: it reads every holder record.'
        );
    }
    lines.push(
        '- The job runs in-process for the time; its peak RSS is measured on a separate run of the bundled',
        '  `dist/sync.js` as a child process (VmHWM), so the local org serving it is not counted.',
        '- The bench orgs allow 1,000,000 API calls a day. A Developer Edition allows 15,000, so there',
        '  the baseline stops with REQUEST_LIMIT_EXCEEDED before it has counted 50,000 holders.',
        '- The local org answers on 127.0.0.1 with no network latency. Against a real org each call costs',
        "  a round trip, so the gap in wall time grows with the baseline's call count."
    );
    return lines.join('\n');
}
