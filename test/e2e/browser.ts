/**
 * Shared setup of the end-to-end tests: Debian's chromium driven by
 * playwright-core, the preview against an in-process local org, and
 * helpers to read the org's request log.
 */
import { Connection } from 'jsforce';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { RequestLogEntry } from '../../scripts/org/accounting';
import type { LocalOrg } from '../../scripts/org/org';
import { startPreview, type Preview } from '../../scripts/preview/index';

const browserPath = '/usr/bin/chromium';

/** Folder the tests write their screenshots to. */
export const SCREENSHOT_DIR = path.join(process.cwd(), 'artifacts/screenshots');

/** A preview, a browser and a jsforce connection to the preview's org. */
export interface E2eSession {
    preview: Preview;
    org: LocalOrg;
    context: BrowserContext;
    conn: Connection;
    close(): Promise<void>;
}

/** Starts the preview (building or reusing the bundle) and a headless browser. */
export async function startSession(): Promise<E2eSession> {
    if (!existsSync(browserPath)) {
        throw new Error(
            `${browserPath} is missing: run scripts/ci/install-browser.sh to install Debian's chromium.`
        );
    }
    const preview = await startPreview({ port: 0 });
    const org = preview.org;
    if (!org) {
        await preview.close();
        throw new Error('The preview did not start an in-process org.');
    }
    const profileDir = mkdtempSync(path.join(tmpdir(), 'natterbox-e2e-'));
    // playwright-core rejects a --user-data-dir argument, so the profile
    // folder goes through launchPersistentContext.
    const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: browserPath,
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync'
        ]
    });
    const conn = new Connection({
        instanceUrl: org.instanceUrl,
        accessToken: org.accessToken,
        version: '64.0'
    });
    return {
        preview,
        org,
        context,
        conn,
        close: async () => {
            await context.close();
            await preview.close();
            rmSync(profileDir, { recursive: true, force: true });
        }
    };
}

/** A page of the preview and the uncaught errors it has raised so far. */
export interface PreviewPage {
    page: Page;
    errors: string[];
}

/** Opens the preview with the given query string; toasts stay up so tests can read them. */
export async function openPage(session: E2eSession, query: string): Promise<PreviewPage> {
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${session.preview.url}?${query}&keepToasts`);
    return { page, errors };
}

/** Inserts an active user with no license record and returns its Id. */
export function createUser(org: LocalOrg, lastName: string): string {
    const username = `${lastName.toLowerCase()}@e2e.example.invalid`;
    const [id] = org.seed.insert('User', [
        {
            FirstName: 'E2E',
            LastName: lastName,
            Username: username,
            Email: username,
            ProfileId: org.base.standardProfileId
        }
    ]);
    if (!id) {
        throw new Error(`Inserting the user ${lastName} returned no Id.`);
    }
    return id;
}

/** Returns the request log entries after `mark`, an earlier length of the log. */
export function requestsSince(org: LocalOrg, mark: number): RequestLogEntry[] {
    return org.requestLog.slice(mark);
}

/** Counts GraphQL requests among log entries. */
export function countGraphQl(entries: RequestLogEntry[]): number {
    return entries.filter((entry) => entry.method === 'POST' && /\/graphql(\?|$)/.test(entry.path))
        .length;
}

/** Counts UI API record writes (create or update) among log entries. */
export function countRecordWrites(entries: RequestLogEntry[]): number {
    return entries.filter(
        (entry) =>
            (entry.method === 'POST' || entry.method === 'PATCH') &&
            entry.path.includes('/ui-api/records')
    ).length;
}

/** Saves a full-page screenshot under artifacts/screenshots and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
}
