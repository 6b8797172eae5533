/**
 * Runs the built CLI on invalid flags and sources: each run exits 2, writes
 * nothing to the org and, under --json, still prints the documented shape.
 */
import { existsSync } from 'node:fs';
import type { LocalOrg } from '../../scripts/org/org';
import { startFakeNatterbox, type FakeNatterbox } from '../../scripts/natterbox/fakeServer';
import {
    CLI,
    exportOf,
    orgEnv,
    readSubscriptions,
    readSyncRuns,
    runCli,
    runSync,
    seedHolders,
    startTestOrg,
    writeSource,
    type ChildRun
} from './helpers';

const RESULT_KEYS = [
    'apiCalls',
    'changes',
    'dryRun',
    'errors',
    'status',
    'subscriptions',
    'unmapped',
    'warnings'
];

/** Parses --json output and checks it has exactly the documented keys. */
function parseResult(run: Pick<ChildRun, 'stdout'>): Record<string, unknown> {
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(RESULT_KEYS);
    expect(Object.keys(result.changes as object).sort()).toEqual([
        'created',
        'unchanged',
        'updated'
    ]);
    return result;
}

async function snapshot(org: LocalOrg): Promise<unknown> {
    return {
        subscriptions: [...(await readSubscriptions(org)).entries()],
        runs: await readSyncRuns(org)
    };
}

beforeAll(() => {
    if (!existsSync(CLI)) {
        throw new Error(`${CLI} is missing: run npm run build:node before these tests.`);
    }
});

describe('sync CLI on invalid input', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg();
        seedHolders(org, 3);
        org.seed.insert('Natterbox_Subscription__c', [
            {
                Name: 'Freedom',
                License_Code__c: 'FREEDOM',
                Purchased_Seats__c: 12,
                Provisioned__c: true,
                Assignable__c: true,
                Source_Name__c: 'Freedom'
            }
        ]);
    });

    afterAll(async () => {
        await org.close();
    });

    const valid = () => writeSource(exportOf({ Freedom: 5 }));
    const cases: [string, () => string[], string][] = [
        ['an unknown flag', () => ['--frobnicate'], "Unknown option '--frobnicate'"],
        ['an empty --source', () => ['--source', ''], '--source has an empty value'],
        ['no --source with an org', () => [], 'An org is given but no --source'],
        ['a repeated flag', () => ['--source', valid(), '--source', valid()], 'more than once'],
        [
            '--watch with --dry-run',
            () => ['--watch', '--dry-run', '--source', valid()],
            '--dry-run cannot be combined with --watch'
        ],
        [
            'a malformed alias file',
            () => ['--aliases', writeSource('{"Web Phone": ', 'aliases.json'), '--source', valid()],
            'could not be read as JSON'
        ],
        [
            'an alias to an unknown code',
            () => [
                '--aliases',
                writeSource({ 'Web Phone': 'PHONE' }, 'aliases.json'),
                '--source',
                valid()
            ],
            'which is not a license code'
        ],
        [
            'a binary source',
            () => ['--source', writeSource('\u0000\u0001{}', 'export.json')],
            'contains a NUL byte'
        ],
        [
            'a UTF-16 source',
            () => [
                '--source',
                writeSource(Buffer.from('\uFEFFname,purchased\nFreedom,3\n', 'utf16le'), 'x.csv')
            ],
            'is not UTF-8 text'
        ],
        [
            'a CSV row with a stray comma',
            () => ['--source', writeSource('name,purchased\nCloud, PBX,3\n', 'export.csv')],
            'has 3 fields, but the header has 2'
        ],
        [
            'a misspelt CSV column',
            () => [
                '--source',
                writeSource('name,purchased,provisoned\nFreedom,3,no\n', 'export.csv')
            ],
            'unknown column "provisoned"'
        ],
        [
            'a name with a zero-width space',
            () => ['--source', writeSource(exportOf({ 'Free\u200Bdom': 3 }))],
            'U+200B'
        ],
        [
            'a full-width duplicate name',
            () => ['--source', writeSource(exportOf({ Freedom: 3, Ｆｒｅｅｄｏｍ: 4 }))],
            'is listed twice'
        ]
    ];

    it('exits 2 with JSON and writes nothing', async () => {
        const before = await snapshot(org);
        const writesBefore = org.requestLog.filter((entry) => entry.method !== 'GET').length;
        const runs: ChildRun[] = [];
        for (const [, args] of cases) {
            const run = await runSync(org, args());
            runs.push({ exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr });
        }

        runs.forEach((run, index) => {
            const [name, , message] = cases[index] ?? ['', [], ''];
            expect({ name, exitCode: run.exitCode }).toEqual({ name, exitCode: 2 });
            expect(run.stderr).toContain(message);
            const result = parseResult(run);
            expect(result.status).toBe('Failed');
            expect((result.errors as string[]).join('\n')).toContain(message);
        });
        expect(org.requestLog.filter((entry) => entry.method !== 'GET').length).toBe(writesBefore);
        expect(await snapshot(org)).toEqual(before);
    }, 30_000);

    it('exits 2 from the built CLI', async () => {
        const before = await snapshot(org);
        const spawned = cases.filter(([name]) =>
            ['an unknown flag', 'an empty --source', 'a binary source'].includes(name)
        );
        const runs = await Promise.all(
            spawned.map(([, args]) => runCli(['--json', ...args()], orgEnv(org)))
        );

        runs.forEach((run, index) => {
            const [name, , message] = spawned[index] ?? ['', [], ''];
            expect({ name, exitCode: run.exitCode }).toEqual({ name, exitCode: 2 });
            expect(run.stderr).toContain(message);
            expect(parseResult(run).status).toBe('Failed');
        });
        expect(await snapshot(org)).toEqual(before);
    }, 20_000);

    it('reads a BOM, CRLF and quoted commas', async () => {
        const csv = writeSource(
            '\uFEFFname,purchased,provisioned\r\n"Cloud, PBX",2,no\r\nFreedom,7,yes\r\n',
            'export.csv'
        );
        const json = writeSource('\uFEFF{"subscriptions":[{"name":"Freedom","purchased":7}]}');
        const csvRun = await runSync(org, ['--dry-run', '--source', csv]);
        const jsonRun = await runSync(org, ['--dry-run', '--source', json]);

        expect(csvRun.exitCode).toBe(0);
        expect(parseResult(csvRun).unmapped).toEqual([{ name: 'Cloud, PBX', purchased: 2 }]);
        expect(jsonRun.exitCode).toBe(0);
        expect(parseResult(jsonRun).status).toBe('Succeeded');
    }, 20_000);
});

describe('sync CLI --json on early stops', () => {
    let org: LocalOrg;
    let natterbox: FakeNatterbox;

    beforeAll(async () => {
        org = await startTestOrg();
        natterbox = await startFakeNatterbox({
            clientId: 'cli-input',
            clientSecret: 'cli-input-secret',
            subscriptions: [{ name: 'Freedom', purchased: 2 }]
        });
    });

    afterAll(async () => {
        await natterbox.close();
        await org.close();
    });

    it('prints the shape on exit 1 and exit 3', async () => {
        const rejected = await runCli(['--json', '--source', 'natterbox'], {
            ...orgEnv(org),
            NATTERBOX_BASE_URL: natterbox.baseUrl,
            NATTERBOX_CLIENT_ID: 'cli-input',
            NATTERBOX_CLIENT_SECRET: 'wrong-secret'
        });
        org.seed.insert('Natterbox_Sync_Run__c', [
            { Status__c: 'Running', Started_At__c: new Date().toISOString() }
        ]);
        const blocked = await runCli(
            ['--json', '--source', writeSource(exportOf({ Freedom: 1 }))],
            orgEnv(org)
        );

        expect(rejected.exitCode).toBe(1);
        expect(parseResult(rejected).errors).toEqual([
            expect.stringContaining('Natterbox rejected the client credentials')
        ]);
        expect(blocked.exitCode).toBe(3);
        expect(parseResult(blocked).errors).toEqual([expect.stringContaining('is in progress')]);
        // The Running runs query is the one call the blocked run made.
        expect(parseResult(blocked).apiCalls).toBe(1);
    }, 20_000);
});
