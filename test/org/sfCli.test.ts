import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LocalOrg } from '../../scripts/org/org';
import { startFixtureOrg } from './helpers';

const run = promisify(execFile);
const sfBin = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'sf');

jest.setTimeout(180_000);

describe('local org with the sf CLI', () => {
    let org: LocalOrg;
    let home: string;

    beforeAll(async () => {
        org = await startFixtureOrg();
        home = mkdtempSync(path.join(os.tmpdir(), 'local-org-sf-'));
    });

    afterAll(async () => {
        await org.close();
        rmSync(home, { recursive: true, force: true });
    });

    /** Runs sf with Node 22 first on PATH and every config folder inside the temp home. */
    async function sf(...args: string[]): Promise<Record<string, unknown>> {
        const env = {
            PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
            HOME: home,
            SF_DATA_DIR: path.join(home, 'sf-data'),
            XDG_CONFIG_HOME: path.join(home, 'config'),
            XDG_DATA_HOME: path.join(home, 'data'),
            XDG_CACHE_HOME: path.join(home, 'cache'),
            SF_DISABLE_TELEMETRY: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            SF_DISABLE_AUTOUPDATE: 'true',
            SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
            SF_ACCESS_TOKEN: org.accessToken
        };
        try {
            const { stdout } = await run(sfBin, args, { env, cwd: home, maxBuffer: 16 * 2 ** 20 });
            return JSON.parse(stdout) as Record<string, unknown>;
        } catch (error) {
            const failure = error as { stdout?: string; stderr?: string };
            const requests = org.requestLog
                .map((entry) => `${entry.method} ${entry.path} ${entry.status}`)
                .join('\n');
            throw new Error(
                `sf ${args.join(' ')} failed:\n${failure.stdout ?? ''}\n${failure.stderr ?? ''}\nrequests:\n${requests}`
            );
        }
    }

    test('login, query and create record', async () => {
        const login = await sf(
            'org',
            'login',
            'access-token',
            '--instance-url',
            org.instanceUrl,
            '--alias',
            'local',
            '--no-prompt',
            '--json'
        );
        expect(login.status).toBe(0);
        expect((login.result as Record<string, unknown>).orgId).toBe(org.organizationId);

        const created = await sf(
            'data',
            'create',
            'record',
            '--sobject',
            'Natterbox_Subscription__c',
            '--values',
            "Name='Freedom' License_Code__c=FREEDOM Purchased_Seats__c=25",
            '--target-org',
            'local',
            '--json'
        );
        expect(created.status).toBe(0);
        const id = (created.result as { id: string }).id;
        expect(org.store.read('Natterbox_Subscription__c', id)).toMatchObject({
            License_Code__c: 'FREEDOM',
            Purchased_Seats__c: 25
        });

        const queried = await sf(
            'data',
            'query',
            '--query',
            'SELECT Id, License_Code__c, Purchased_Seats__c FROM Natterbox_Subscription__c',
            '--target-org',
            'local',
            '--json'
        );
        expect(queried.status).toBe(0);
        const result = queried.result as { totalSize: number; records: Record<string, unknown>[] };
        expect(result.totalSize).toBe(1);
        expect(result.records[0]).toMatchObject({
            Id: id,
            License_Code__c: 'FREEDOM',
            Purchased_Seats__c: 25
        });
    });

    // Unless SF_DISABLE_AUTOUPDATE is set, the CLI's update hook spawns a
    // detached `sf update --autoupdate` that reaches for the network. The
    // hook leaves an `autoupdate` marker in the cache folder when it does.
    test('spawns no CLI self-update', () => {
        expect(existsSync(path.join(home, 'cache', 'sf', 'autoupdate'))).toBe(false);
    });
});
