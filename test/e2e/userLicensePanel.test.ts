/**
 * The license panel in a real browser against the local org: the LWC
 * compiler's output, the base components, SLDS and synthetic shadow, with
 * data through the GraphQL and UI API endpoints.
 */
import type { Page } from 'playwright-core';
import {
    countGraphQl,
    countRecordWrites,
    createUser,
    openPage,
    requestsSince,
    saveScreenshot,
    startSession,
    type E2eSession
} from './browser';

// The first run builds the bundle (about 26 s); later runs reuse the cache.
jest.setTimeout(120_000);

let session: E2eSession;

beforeAll(async () => {
    session = await startSession();
});

afterAll(async () => {
    await session?.close();
});

const panel = 'c-user-license-panel';

function licenseItem(page: Page, code: string) {
    return page.locator(`${panel} li.license[data-license="${code}"]`);
}

function licenseSwitch(page: Page, code: string) {
    return licenseItem(page, code).locator('input[type="checkbox"]');
}

async function openUser(userId: string) {
    const opened = await openPage(session, `page=user&userId=${userId}`);
    await licenseSwitch(opened.page, 'FREEDOM').waitFor();
    return opened;
}

async function toggleLicense(page: Page, code: string): Promise<void> {
    // The SLDS toggle hides the checkbox behind its styled track, so the click goes to the label.
    await licenseItem(page, code).locator('label').first().click();
}

async function saveChanges(page: Page): Promise<void> {
    await page
        .locator(`${panel} lightning-button.save button, ${panel} button:has-text("Save")`)
        .first()
        .click();
}

async function readLicenseRecord(userId: string): Promise<Record<string, unknown> | undefined> {
    const result = await session.conn.query<Record<string, unknown>>(
        `SELECT Id, Freedom__c, CTI__c, Voice__c FROM Natterbox_User_License__c WHERE User_Id__c = '${userId}'`
    );
    return result.records[0];
}

describe('user license panel in the browser', () => {
    it('Freedom brings CTI and persists', async () => {
        const userId = createUser(session.org, 'Freedom');
        const mark = session.org.requestLog.length;
        const { page, errors } = await openUser(userId);
        await page.waitForLoadState('networkidle');

        expect(countGraphQl(requestsSince(session.org, mark))).toBe(1);
        expect(await licenseSwitch(page, 'FREEDOM').isChecked()).toBe(false);
        expect(await licenseSwitch(page, 'CTI').isChecked()).toBe(false);

        await toggleLicense(page, 'FREEDOM');

        expect(await licenseSwitch(page, 'FREEDOM').isChecked()).toBe(true);
        expect(await licenseSwitch(page, 'CTI').isChecked()).toBe(true);
        await saveScreenshot(page, 'user-license-panel');

        const beforeSave = session.org.requestLog.length;
        await saveChanges(page);
        await page.locator('.preview-toasts .slds-notify_toast[data-variant="success"]').waitFor();
        await page.waitForLoadState('networkidle');

        expect(countRecordWrites(requestsSince(session.org, beforeSave))).toBe(1);
        // The panel reads the seats again before the write and refreshes after it.
        expect(countGraphQl(requestsSince(session.org, beforeSave))).toBe(2);
        const stored = await readLicenseRecord(userId);
        expect(stored?.Freedom__c).toBe(true);
        expect(stored?.CTI__c).toBe(true);

        await page.reload();
        await licenseSwitch(page, 'FREEDOM').waitFor();
        await page.waitForLoadState('networkidle');

        expect(await licenseSwitch(page, 'FREEDOM').isChecked()).toBe(true);
        expect(await licenseSwitch(page, 'CTI').isChecked()).toBe(true);
        expect(errors).toEqual([]);
        await page.close();
    });

    /** Sets Voice's purchased seats to one more than its holders, and returns that number. */
    async function leaveOneVoiceSeat(): Promise<number> {
        const held = await session.conn.query(
            'SELECT COUNT() FROM Natterbox_User_License__c WHERE Voice__c = true'
        );
        const subscription = await session.conn.query<{ Id: string }>(
            "SELECT Id FROM Natterbox_Subscription__c WHERE License_Code__c = 'VOICE'"
        );
        const voiceId = subscription.records[0]?.Id ?? '';
        await session.conn
            .sobject('Natterbox_Subscription__c')
            .update({ Id: voiceId, Purchased_Seats__c: held.totalSize + 1 });
        return held.totalSize + 1;
    }

    it('last seat blocks the next user', async () => {
        const firstUser = createUser(session.org, 'SeatFirst');
        const secondUser = createUser(session.org, 'SeatSecond');
        const purchased = await leaveOneVoiceSeat();

        const first = await openUser(firstUser);
        await toggleLicense(first.page, 'VOICE');
        await saveChanges(first.page);
        await first.page
            .locator('.preview-toasts .slds-notify_toast[data-variant="success"]')
            .waitFor();
        expect((await readLicenseRecord(firstUser))?.Voice__c).toBe(true);

        const second = await openUser(secondUser);
        const voice = licenseSwitch(second.page, 'VOICE');
        await second.page.waitForLoadState('networkidle');

        expect(await voice.isDisabled()).toBe(true);
        expect(await voice.isChecked()).toBe(false);
        expect(await licenseItem(second.page, 'VOICE').locator('.seats').innerText()).toContain(
            `${purchased} of ${purchased} assigned`
        );
        // Playwright clicks a disabled control only when forced; the forced click lands as a user's would.
        await licenseItem(second.page, 'VOICE').locator('label').first().click({ force: true });
        expect(await voice.isChecked()).toBe(false);
        expect(await second.page.locator(`${panel} .preview`).count()).toBe(0);
        expect(await readLicenseRecord(secondUser)).toBeUndefined();
        expect(first.errors).toEqual([]);
        expect(second.errors).toEqual([]);
        await first.page.close();
        await second.page.close();
    });

    it('second open panel loses the last seat', async () => {
        const firstUser = createUser(session.org, 'RaceFirst');
        const secondUser = createUser(session.org, 'RaceSecond');
        const purchased = await leaveOneVoiceSeat();

        // Both panels load while one seat is still free.
        const first = await openUser(firstUser);
        const second = await openUser(secondUser);
        await toggleLicense(first.page, 'VOICE');
        await toggleLicense(second.page, 'VOICE');

        await saveChanges(first.page);
        await first.page
            .locator('.preview-toasts .slds-notify_toast[data-variant="success"]')
            .waitFor();
        const beforeSecondSave = session.org.requestLog.length;
        await saveChanges(second.page);
        const saveError = second.page.locator(`${panel} .save-error`);
        await saveError.waitFor();

        expect(await saveError.innerText()).toContain(
            `Voice needs ${purchased + 1} seats but only ${purchased} seats are purchased.`
        );
        expect(countRecordWrites(requestsSince(session.org, beforeSecondSave))).toBe(0);
        expect((await readLicenseRecord(firstUser))?.Voice__c).toBe(true);
        expect(await readLicenseRecord(secondUser)).toBeUndefined();
        expect(await licenseItem(second.page, 'VOICE').locator('.seats').innerText()).toContain(
            `${purchased} of ${purchased} assigned`
        );
        expect(first.errors).toEqual([]);
        expect(second.errors).toEqual([]);
        await first.page.close();
        await second.page.close();
    });

    it('lost connection saves nothing', async () => {
        const userId = createUser(session.org, 'Offline');
        const { page, errors } = await openUser(userId);
        await page.waitForLoadState('networkidle');
        // The browser drops the record write as a lost network would; the
        // GraphQL requests around it still go through.
        await page.route('**/ui-api/records**', (route) => route.abort('internetdisconnected'));

        await toggleLicense(page, 'FREEDOM');
        await saveChanges(page);
        const saveError = page.locator(`${panel} .save-error`);
        await saveError.waitFor();

        expect(await saveError.innerText()).toContain('Salesforce could not be reached');
        expect(await readLicenseRecord(userId)).toBeUndefined();
        expect(await licenseSwitch(page, 'FREEDOM').isChecked()).toBe(true);
        expect(await page.locator(`${panel} .preview`).count()).toBe(1);
        expect(await page.locator('.preview-toasts .slds-notify_toast').count()).toBe(0);
        expect(errors).toEqual([]);
        await page.close();
    });

    it('shows a plain-text gateway error', async () => {
        const userId = createUser(session.org, 'Gateway');
        const { page, errors } = await openUser(userId);
        await page.waitForLoadState('networkidle');
        // The preview server sends a plain-text 502 when the org is down.
        await page.route('**/ui-api/records**', (route) =>
            route.fulfill({
                status: 502,
                contentType: 'text/plain',
                body: 'The local org at http://127.0.0.1:1 did not answer: connect ECONNREFUSED'
            })
        );

        await toggleLicense(page, 'FREEDOM');
        await saveChanges(page);
        const saveError = page.locator(`${panel} .save-error`);
        await saveError.waitFor();

        expect(await saveError.innerText()).toContain('did not answer: connect ECONNREFUSED');
        expect(await readLicenseRecord(userId)).toBeUndefined();
        expect(errors).toEqual([]);
        await page.close();
    });
});
