/**
 * The admin page in a real browser against the local org, with the sync
 * job's watcher serving the Reload Subscriptions request in-process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runSyncCommand } from '../../scripts/sync/command';
import { openPage, saveScreenshot, startSession, type E2eSession } from './browser';

// The first run builds the bundle (about 26 s); later runs reuse the cache.
jest.setTimeout(120_000);

let session: E2eSession;
let exportDir: string;

beforeAll(async () => {
    session = await startSession();
    exportDir = mkdtempSync(path.join(tmpdir(), 'natterbox-export-'));
});

afterAll(async () => {
    await session?.close();
    rmSync(exportDir, { recursive: true, force: true });
});

/** Writes the shipped sample export with Freedom's purchased seats changed, and returns its path. */
function writeExport(freedomSeats: number): string {
    const sample = JSON.parse(readFileSync('samples/natterbox-subscriptions.json', 'utf8')) as {
        subscriptions: { name: string; purchased: number }[];
    };
    for (const subscription of sample.subscriptions) {
        if (subscription.name === 'Freedom') {
            subscription.purchased = freedomSeats;
        }
    }
    const file = path.join(exportDir, 'subscriptions.json');
    writeFileSync(file, JSON.stringify(sample));
    return file;
}

/** Starts `npm run sync -- --watch` in-process; the returned function stops it and returns its exit code. */
function startWatcher(source: string): () => Promise<number> {
    const controller = new AbortController();
    const output: string[] = [];
    const exitCode = runSyncCommand(
        ['--watch', '--poll-interval', '0.5', '--source', source],
        { SF_INSTANCE_URL: session.org.instanceUrl, SF_ACCESS_TOKEN: session.org.accessToken },
        {
            stdout: (text) => output.push(text),
            stderr: (line) => output.push(line),
            signal: controller.signal
        }
    );
    return async () => {
        controller.abort();
        return exitCode;
    };
}

describe('license admin page in the browser', () => {
    it('reload updates the seat table', async () => {
        const { page, errors } = await openPage(session, 'page=admin');
        const freedomPurchased = page.locator(
            'c-license-admin tr[data-license="FREEDOM"] td.purchased'
        );
        await freedomPurchased.waitFor();
        const before = Number(await freedomPurchased.innerText());
        const after = before + 25;
        const stopWatcher = startWatcher(writeExport(after));

        try {
            await page.locator('c-license-admin button:has-text("Reload Subscriptions")').click();
            // The page polls the run every 5 s until the sync job reports it finished.
            await page
                .locator(
                    `c-license-admin tr[data-license="FREEDOM"] td.purchased:text-is("${after}")`
                )
                .waitFor({ timeout: 60_000 });
        } finally {
            expect(await stopWatcher()).toBe(0);
        }

        const stored = await session.conn.query<{ Purchased_Seats__c: number }>(
            "SELECT Purchased_Seats__c FROM Natterbox_Subscription__c WHERE License_Code__c = 'FREEDOM'"
        );
        expect(stored.records[0]?.Purchased_Seats__c).toBe(after);
        const runs = await session.conn.query<{ Status__c: string }>(
            'SELECT Status__c FROM Natterbox_Sync_Run__c ORDER BY CreatedDate DESC LIMIT 1'
        );
        expect(runs.records[0]?.Status__c).toBe('Succeeded');
        await page.locator('c-license-admin .last-sync').waitFor();
        await saveScreenshot(page, 'license-admin');
        expect(errors).toEqual([]);
        await page.close();
    });
});
