/**
 * `npm run demo`: a local org with a realistic sample organisation, a fake
 * Natterbox serving the shipped sample export, one sync with its seat
 * table, then the sync job watching for Reload Subscriptions requests and
 * the component preview, until Ctrl-C. Everything listens on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
    startFakeNatterbox,
    type FakeNatterbox,
    type FakeSubscription
} from '../natterbox/fakeServer';
import { startOrg, type LocalOrg } from '../org/org';
import { startPreview, type Preview } from '../preview/index';
import { runSyncCommand } from '../sync/command';
import { findProjectRoot } from '../lib/projectRoot';
import { SAMPLE_EXPORT } from '../sync/localOrg';
import { hideSqliteExperimentalWarning } from '../sync/warningFilter';
import { seedDemoOrganisation } from './seed';

const HELP = `Usage: npm run demo -- [--port N] [--no-preview]

Starts a local org (default port 4010) with about 200 sample users, a fake Natterbox
serving ${SAMPLE_EXPORT}, runs one sync, then keeps the sync job serving Reload
Subscriptions requests and the component preview until Ctrl-C.`;

const NATTERBOX_CLIENT_ID = 'demo-client';
const NATTERBOX_CLIENT_SECRET = 'demo-secret-local-only';

async function main(): Promise<void> {
    hideSqliteExperimentalWarning();
    const { values } = parseArgs({
        options: {
            port: { type: 'string', default: '4010' },
            'no-preview': { type: 'boolean', default: false },
            help: { type: 'boolean', default: false }
        }
    });
    if (values.help) {
        console.log(HELP);
        return;
    }
    const root = findProjectRoot();
    const org = await startDemoOrg(root, Number(values.port));
    const seeded = seedDemoOrganisation(org);
    const natterbox = await startNatterbox(root);
    const env = {
        SF_INSTANCE_URL: org.instanceUrl,
        SF_ACCESS_TOKEN: org.accessToken,
        NATTERBOX_BASE_URL: natterbox.baseUrl,
        NATTERBOX_CLIENT_ID,
        NATTERBOX_CLIENT_SECRET
    };
    const io = {
        stdout: (text: string) => process.stdout.write(text),
        stderr: (line: string) => process.stderr.write(`${line}\n`)
    };

    console.log(
        `Local org: ${org.instanceUrl} (${seeded.users} users, ${seeded.inactive} inactive, ${seeded.holders} holding licenses)`
    );
    console.log(`Fake Natterbox: ${natterbox.baseUrl}, serving ${SAMPLE_EXPORT}\n`);
    await runSyncCommand(['--source', 'natterbox'], env, io);

    const preview = values['no-preview'] ? undefined : await startPreviewIfPossible(org);
    printNextSteps(org, preview);

    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    process.once('SIGTERM', () => controller.abort());
    await runSyncCommand(['--watch', '--poll-interval', '2', '--source', 'natterbox'], env, {
        ...io,
        signal: controller.signal
    });

    await preview?.close();
    await natterbox.close();
    await org.close();
    console.log('Demo stopped.');
}

async function startDemoOrg(root: string, port: number): Promise<LocalOrg> {
    const options = {
        metadataFolder: root,
        seed: 'none' as const,
        logError: (message: string) => console.error(message)
    };
    try {
        return await startOrg({ ...options, port });
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
            throw error;
        }
        console.error(`Port ${port} is in use, so the local org listens on a free port instead.`);
        return startOrg({ ...options, port: 0 });
    }
}

function startNatterbox(root: string): Promise<FakeNatterbox> {
    const sample = JSON.parse(readFileSync(path.join(root, SAMPLE_EXPORT), 'utf8')) as {
        subscriptions: FakeSubscription[];
    };
    return startFakeNatterbox({
        clientId: NATTERBOX_CLIENT_ID,
        clientSecret: NATTERBOX_CLIENT_SECRET,
        subscriptions: sample.subscriptions
    });
}

async function startPreviewIfPossible(org: LocalOrg): Promise<Preview | undefined> {
    console.log('\nBuilding the component preview (the first build takes a while)...');
    try {
        return await startPreview({
            instanceUrl: org.instanceUrl,
            accessToken: org.accessToken,
            port: 0
        });
    } catch (error) {
        console.error(
            `The preview could not start (${(error as Error).message}); the demo goes on without it.`
        );
        return undefined;
    }
}

function printNextSteps(org: LocalOrg, preview: Preview | undefined): void {
    const lines = [
        '',
        'The sync job now watches for Reload Subscriptions requests (every 2 s). Next:',
        preview
            ? `  - open ${preview.url}?page=admin and press Reload Subscriptions;`
            : '  - start the preview with npm run preview to see the components;',
        '  - or request a reload from another terminal with the Salesforce CLI installed in',
        '    this project (telemetry off, so nothing leaves this machine):',
        '      export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SF_DISABLE_AUTOUPDATE=true',
        `      SF_ACCESS_TOKEN='${org.accessToken}' scripts/node22.sh npx sf org login access-token --instance-url ${org.instanceUrl} --alias demo --no-prompt`,
        '      scripts/node22.sh npx sf data create record --sobject Natterbox_Sync_Run__c --values "Status__c=\'Requested\'" --target-org demo',
        '  - query the mirrored subscriptions:',
        '      scripts/node22.sh npx sf data query --query "SELECT Name, Purchased_Seats__c FROM Natterbox_Subscription__c" --target-org demo',
        `  The access token above belongs to this throwaway local org only.`,
        'Press Ctrl-C to stop.',
        ''
    ];
    console.log(lines.join('\n'));
}

main().catch((error: Error) => {
    console.error(`demo: ${error.stack ?? error.message}`);
    process.exitCode = 1;
});
