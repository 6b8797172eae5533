/**
 * Runs the built fake Natterbox server (`node dist/fake-natterbox.js`) and
 * follows its startup hint with the built sync CLI, as a newcomer would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runNode } from '../sync/helpers';

const ROOT = path.resolve(__dirname, '../..');
const FAKE_SERVER = path.join(ROOT, 'dist/fake-natterbox.js');
const SYNC_CLI = path.join(ROOT, 'dist/sync.js');

beforeAll(() => {
    for (const file of [FAKE_SERVER, SYNC_CLI]) {
        if (!existsSync(file)) {
            throw new Error(`${file} is missing: run npm run build:node before these tests.`);
        }
    }
});

/** Starts the fake server on a free port and resolves with its stdout once the hint is printed. */
function startFakeServer(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
        let output = '';
        child.stdout?.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes('Press Ctrl-C to stop.')) {
                resolve(output);
            }
        });
        child.once('exit', (code) =>
            reject(new Error(`fake-natterbox exited with ${code}: ${output}`))
        );
    });
}

describe('fake Natterbox startup hint', () => {
    let child: ChildProcess;
    let output: string;

    beforeAll(async () => {
        child = spawn(process.execPath, [FAKE_SERVER, '--port', '0'], {
            cwd: ROOT,
            env: { PATH: process.env.PATH ?? '' },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        output = await startFakeServer(child);
    });

    afterAll(async () => {
        const exit = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exit;
    });

    it('names all three variables', () => {
        expect(output).toMatch(/NATTERBOX_BASE_URL=http:\/\/127\.0\.0\.1:\d+ /);
        expect(output).toContain('NATTERBOX_CLIENT_ID=local-client ');
        expect(output).toContain('NATTERBOX_CLIENT_SECRET=local-secret ');
    });

    it('gives settings the sync job accepts', async () => {
        const hint = /^\s*(NATTERBOX_BASE_URL=.*) npm run sync -- --source natterbox$/m.exec(
            output
        );
        expect(hint).not.toBeNull();
        const env = Object.fromEntries(
            (hint?.[1] ?? '').split(' ').map((pair) => pair.split('=', 2) as [string, string])
        );

        const run = await runNode([SYNC_CLI, '--source', 'natterbox', '--json'], env);

        expect(run.stderr).not.toContain('is missing');
        expect(run.exitCode).toBe(0);
        expect(JSON.parse(run.stdout).status).toBe('Succeeded');
    }, 60_000);
});

describe('fake Natterbox default port', () => {
    it('is apart from the preview port', async () => {
        const run = await runNode([FAKE_SERVER, '--help'], {});

        expect(run.stdout).toContain('default 4030');
    });
});
