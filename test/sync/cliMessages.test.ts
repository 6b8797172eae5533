/**
 * Runs the real CLI (`node dist/sync.js`, built by `npm run build:node`) to
 * check the wording of its logs, errors and help: what a newcomer reads first.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { LocalOrg } from '../../scripts/org/org';
import {
    CLI,
    exportOf,
    orgEnv,
    runCli,
    SAMPLE_JSON,
    seedHolders,
    startTestOrg,
    writeSource
} from './helpers';

beforeAll(() => {
    if (!existsSync(CLI)) {
        throw new Error(`${CLI} is missing: run npm run build:node before these tests.`);
    }
});

/** Returns a port on 127.0.0.1 that nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (address === null || typeof address === 'string') {
        throw new Error('The probe server has no TCP address.');
    }
    return address.port;
}

describe('sync CLI with an unreachable org', () => {
    let url: string;
    let run: Awaited<ReturnType<typeof runCli>>;

    beforeAll(async () => {
        url = `http://127.0.0.1:${await closedPort()}`;
        run = await runCli(['--source', SAMPLE_JSON], {
            SF_INSTANCE_URL: url,
            SF_ACCESS_TOKEN: 'unused-token'
        });
    }, 60_000);

    it('exits 1', () => {
        expect(run.exitCode).toBe(1);
    });

    it('does not claim a connection', () => {
        expect(run.stderr).not.toContain('Connected to');
        expect(run.stderr).toContain(`Using the org at ${url}`);
    });

    it('names the URL, the cause and the fix', () => {
        const errorLines = run.stderr.split('\n').filter((line) => line.includes(' ERROR '));
        expect(errorLines).toHaveLength(1);
        expect(errorLines[0]).toContain(url);
        expect(errorLines[0]).toContain('connection refused');
        expect(errorLines[0]).toContain('Check that SF_INSTANCE_URL');
        expect(errorLines[0]).toContain('reachable from this machine');
    });

    it('prints no stack trace', () => {
        expect(run.stderr).not.toMatch(/^\s+at /m);
    });
});

describe('sync CLI source errors', () => {
    it('reports a missing file as not found', async () => {
        const run = await runCli(['--source', '/nonexistent/export.json'], {});

        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain(
            'The subscription source /nonexistent/export.json was not found. Check the path. Nothing was written.'
        );
        expect(run.stderr).not.toContain('ENOENT');
        expect(run.stderr).not.toContain('is invalid');
    });

    it('locates a bad CSV value by line and column', async () => {
        const file = writeSource('name,purchased\nFreedom,abc\n', 'export.csv');
        const run = await runCli(['--source', file], {});

        expect(run.exitCode).toBe(2);
        expect(run.stderr).toContain(
            'line 2, column purchased: must be a whole number of seats, got "abc"'
        );
        expect(run.stderr).not.toContain('line 2.purchased');
    });
});

describe('sync CLI release report', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg();
        seedHolders(org, 3);
    });

    afterAll(async () => {
        await org.close();
    });

    it('words a release of no holders', async () => {
        const source = writeSource(exportOf({ Freedom: 10 }));
        const run = await runCli(['--source', source, '--release-inactive'], orgEnv(org));

        expect(run.exitCode).toBe(0);
        expect(run.stdout).toContain('No inactive user holds a license, so none were released.');
        expect(run.stdout).not.toMatch(/inactive users:\s*$/m);
    }, 30_000);
});

describe('sync CLI help', () => {
    it('shows the silent npm form for --json', async () => {
        const run = await runCli(['--help'], {});

        expect(run.exitCode).toBe(0);
        expect(run.stdout).toContain('npm run -s sync -- --json');
    });
});
