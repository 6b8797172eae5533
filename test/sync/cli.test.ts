/**
 * Runs the real CLI (`node dist/sync.js`, built by `npm run build:node`) as a
 * child process against a local org in this process, to check exit codes,
 * that bad input writes nothing, and that secrets never reach the output.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalOrg } from '../../scripts/org/org';
import { startFakeNatterbox, type FakeNatterbox } from '../../scripts/natterbox/fakeServer';
import {
    CLI,
    exportOf,
    orgEnv,
    ROOT,
    runCli,
    runNode,
    seedHolders,
    startTestOrg,
    writeSource
} from './helpers';

function writesIn(org: LocalOrg, from: number): string[] {
    return org.requestLog
        .slice(from)
        .filter((entry) => entry.method !== 'GET')
        .map((entry) => `${entry.method} ${entry.path}`);
}

beforeAll(() => {
    if (!existsSync(CLI)) {
        throw new Error(`${CLI} is missing: run npm run build:node before these tests.`);
    }
});

describe('sync CLI exit codes', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg();
        seedHolders(org, 5);
    });

    afterAll(async () => {
        await org.close();
    });

    it.each([
        ['malformed JSON', '{"subscriptions": [', 'export.json', 'is not valid JSON'],
        [
            'the same name twice',
            JSON.stringify(exportOf({ Freedom: 1, ' freedom ': 2 })),
            'export.json',
            'is listed twice'
        ],
        [
            'two names for one license',
            JSON.stringify(exportOf({ Insight: 1, Insights: 2 })),
            'export.json',
            'both map to INSIGHTS'
        ],
        [
            'a negative count',
            JSON.stringify(exportOf({ Freedom: -4 })),
            'export.json',
            'must be between 0 and 999999999, got -4'
        ],
        [
            'a non-numeric count',
            'name,purchased\nFreedom,lots\n',
            'export.csv',
            'must be a whole number of seats, got "lots"'
        ],
        ['an empty source', JSON.stringify({ subscriptions: [] }), 'export.json', '--allow-empty']
    ])('exits 2 on %s and writes nothing', async (_case, content, fileName, message) => {
        const from = org.requestLog.length;
        const run = await runCli(['--source', writeSource(content, fileName)], orgEnv(org));

        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain(message);
        expect(run.stderr).toMatch(/nothing was written/i);
        expect(org.requestLog.length).toBe(from);
    });

    it('accepts an empty source with --allow-empty', async () => {
        const run = await runCli(
            ['--allow-empty', '--json', '--source', writeSource({ subscriptions: [] })],
            orgEnv(org)
        );

        expect(run.exitCode).toBe(0);
        expect(JSON.parse(run.stdout).status).toBe('Succeeded');
    });

    it('exits 2 on an unknown flag', async () => {
        const run = await runCli(['--frobnicate'], orgEnv(org));

        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain('--help');
    });

    it('exits 3 while another run is in progress', async () => {
        const [runId] = org.seed.insert('Natterbox_Sync_Run__c', [
            { Status__c: 'Running', Started_At__c: new Date().toISOString() }
        ]);
        const from = org.requestLog.length;
        const run = await runCli(
            ['--json', '--source', writeSource(exportOf({ Freedom: 3 }))],
            orgEnv(org)
        );
        org.store.update(
            'Natterbox_Sync_Run__c',
            String(runId),
            { Status__c: 'Failed' },
            { validate: false }
        );

        expect(run.exitCode).toBe(3);
        expect(run.stderr).toContain('is in progress');
        expect(JSON.parse(run.stdout).status).toBe('Failed');
        expect(writesIn(org, from)).toEqual([]);
    });

    it('ignores a Running run older than 30 minutes', async () => {
        const old = new Date(Date.now() - 31 * 60_000).toISOString();
        const [runId] = org.seed.insert('Natterbox_Sync_Run__c', [
            { Status__c: 'Running', Started_At__c: old }
        ]);
        const run = await runCli(
            ['--json', '--source', writeSource(exportOf({ Freedom: 3 }))],
            orgEnv(org)
        );
        org.store.update(
            'Natterbox_Sync_Run__c',
            String(runId),
            { Status__c: 'Failed' },
            { validate: false }
        );

        expect(run.exitCode).toBe(0);
        expect(JSON.parse(run.stdout).warnings.join(' ')).toContain('treated as abandoned');
    });
});

describe('sync CLI with no flags', () => {
    it('syncs the sample export into an embedded local org', async () => {
        const run = await runCli([], {});

        expect(run.exitCode).toBe(0);
        expect(run.stderr).toContain('No org given, so the job runs on an in-process local org');
        expect(run.stdout).toContain('Freedom');
        expect(run.stdout).toMatch(/Status: Succeeded/);
    }, 20_000);
});

describe('sync CLI with --target-org', () => {
    let org: LocalOrg;
    let home: string;

    beforeAll(async () => {
        org = await startTestOrg();
        home = mkdtempSync(path.join(tmpdir(), 'sync-sf-home-'));
    });

    afterAll(async () => {
        await org.close();
    });

    it('uses the Salesforce CLI stored auth', async () => {
        // The sf CLI keeps its auth under HOME and the XDG folders, all pointed at a temp folder here.
        const sfEnv = {
            HOME: home,
            SF_DATA_DIR: path.join(home, 'sf'),
            XDG_CONFIG_HOME: path.join(home, 'config'),
            XDG_DATA_HOME: path.join(home, 'data'),
            XDG_CACHE_HOME: path.join(home, 'cache'),
            SF_DISABLE_TELEMETRY: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            SF_DISABLE_AUTOUPDATE: 'true'
        };
        const login = await runNode(
            [
                path.join(ROOT, 'node_modules/@salesforce/cli/bin/run.js'),
                'org',
                'login',
                'access-token',
                '--instance-url',
                org.instanceUrl,
                '--alias',
                'local-sync',
                '--no-prompt'
            ],
            { ...sfEnv, SF_ACCESS_TOKEN: org.accessToken }
        );
        expect(login.exitCode).toBe(0);

        const run = await runCli(
            [
                '--json',
                '--target-org',
                'local-sync',
                '--source',
                writeSource(exportOf({ Freedom: 11 }))
            ],
            sfEnv
        );

        expect(run.exitCode).toBe(0);
        expect(run.stderr).toContain('Salesforce CLI auth local-sync');
        expect(JSON.parse(run.stdout).changes.created).toBe(1);
        expect(run.stdout.includes(org.accessToken)).toBe(false);
        expect(run.stderr.includes(org.accessToken)).toBe(false);
    }, 30_000);

    it('exits 1 for an unknown alias', async () => {
        const run = await runCli(
            ['--target-org', 'no-such-alias', '--source', writeSource(exportOf({ Freedom: 11 }))],
            {
                HOME: home,
                SF_DATA_DIR: path.join(home, 'sf'),
                SF_DISABLE_TELEMETRY: 'true'
            }
        );

        expect(run.exitCode).toBe(1);
        expect(run.stderr).toContain(
            'No Salesforce CLI auth was found for --target-org no-such-alias: '
        );
        expect(run.stderr).not.toContain('.).');
        expect(run.stderr).toContain('Log in first');

        const help = await runCli(['--help'], {});
        expect(help.stdout).toContain('auth failed or no stored\nauth for --target-org');
    }, 30_000);
});

describe('sync CLI secrets', () => {
    let org: LocalOrg;
    let natterbox: FakeNatterbox;
    const natterboxSecret = 'natterbox-secret-3f9c1a77';

    beforeAll(async () => {
        org = await startTestOrg();
        natterbox = await startFakeNatterbox({
            clientId: 'sync-cli',
            clientSecret: natterboxSecret,
            subscriptions: [{ name: 'Freedom', purchased: 10 }]
        });
    });

    afterAll(async () => {
        await natterbox.close();
        await org.close();
    });

    it('keeps tokens and client secrets out of every output', async () => {
        const env = orgEnv(org, {
            SF_REFRESH_TOKEN: org.refreshToken,
            SF_CLIENT_ID: 'local-sync',
            SF_CLIENT_SECRET: 'sf-client-secret-81d0e2',
            NATTERBOX_BASE_URL: natterbox.baseUrl,
            NATTERBOX_CLIENT_ID: 'sync-cli',
            NATTERBOX_CLIENT_SECRET: natterboxSecret
        });
        const secrets = [
            org.accessToken,
            org.refreshToken,
            'sf-client-secret-81d0e2',
            natterboxSecret
        ];
        const runs = [
            await runCli(['--json', '--verbose', '--source', 'natterbox'], env),
            await runCli(['--verbose', '--source', 'natterbox'], env),
            await runCli(['--json', '--source', writeSource('{ bad')], env),
            await runCli(['--json', '--source', 'natterbox'], {
                ...env,
                NATTERBOX_CLIENT_SECRET: `${natterboxSecret}-wrong`
            })
        ];

        expect(runs.map((run) => run.exitCode)).toEqual([0, 0, 2, 1]);
        for (const run of runs) {
            for (const secret of secrets) {
                expect(run.stdout.includes(secret)).toBe(false);
                expect(run.stderr.includes(secret)).toBe(false);
            }
        }
        expect(runs[3]?.stderr).toContain('Natterbox rejected the client credentials');
        expect(runs[3]?.stderr).not.toContain('Unexpected error');
    }, 20_000);
});
