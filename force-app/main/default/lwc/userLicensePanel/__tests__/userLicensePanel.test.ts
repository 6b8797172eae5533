import { createElement } from 'lwc';
import UserLicensePanel from 'c/userLicensePanel';
import { LICENSES, LICENSE_CODES } from 'c/licenseRules';
import { CONNECTION_LOST_MESSAGE } from 'c/ldsErrors';
import { parse } from 'graphql';
import { gql, graphql } from 'lightning/graphql';
import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { NO_PERMISSION_REASON, SAVING_REASON } from '../panelModel';

// Fixtures come from test/setup/lwcFixtures/buildLwcFixtures.ts, which
// derives them from one sample organisation.
const priyaPayload = require('./data/graphqlPanel.priya.json');
const tomPayload = require('./data/graphqlPanel.tom.json');
const lenaPayload = require('./data/graphqlPanel.lena.json');
const samPayload = require('./data/graphqlPanel.sam.json');
const objectInfoFixture = require('./data/getObjectInfo.json');

// The sfdx-lwc-jest stubs add test methods that the platform types lack.
interface GraphqlTestAdapter {
    emit(data: unknown, filter?: unknown, refresh?: () => Promise<unknown>): void;
    emitErrors(errors: unknown[]): void;
    getLastConfig(): { variables?: Record<string, string> };
}
interface LdsTestAdapter {
    emit(data: unknown): void;
    error(body?: unknown, status?: number, statusText?: string): void;
}
const graphqlAdapter = graphql as unknown as GraphqlTestAdapter;
// The lint rule allows wire adapters only in @wire; tests drive the stub directly.
// eslint-disable-next-line @lwc/lwc/no-unexpected-wire-adapter-usages
const objectInfoAdapter = getObjectInfo as unknown as LdsTestAdapter;
const updateRecordMock = updateRecord as jest.MockedFunction<typeof updateRecord>;
const createRecordMock = createRecord as jest.MockedFunction<typeof createRecord>;

// gql is a jest.fn in the stub; its calls hold the query text the module sent.
const panelQueryText = (gql as unknown as jest.Mock).mock.calls
    .map(([literals]: [TemplateStringsArray]) => literals.join(''))
    .join('\n');

const PRIYA_ID = priyaPayload.uiapi.query.User.edges[0].node.Id;
const PRIYA_RECORD_ID = priyaPayload.uiapi.query.Natterbox_User_License__c.edges[0].node.Id;
const SAM_ID = samPayload.uiapi.query.User.edges[0].node.Id;

type PanelElement = HTMLElement & { recordId?: string };

interface MountOptions {
    payload?: unknown;
    objectInfo?: unknown;
    recordId?: string;
    refresh?: () => Promise<unknown>;
}

// A few microtask turns let wire emits, re-renders and awaited mocks settle.
function flush(): Promise<void> {
    let chain = Promise.resolve();
    for (let turn = 0; turn < 5; turn++) {
        chain = chain.then(() => undefined);
    }
    return chain;
}

/**
 * Creates a refresh function that emits the queued payloads one per call
 * and then keeps emitting the last one, as a server whose data stopped
 * changing would.
 */
function serverRefresh(queue: unknown[]): jest.Mock {
    let last: unknown;
    const refresh = jest.fn(() => {
        last = queue.shift() ?? last;
        if (last) {
            graphqlAdapter.emit(last, undefined, refresh);
        }
        return Promise.resolve();
    });
    return refresh;
}

/**
 * Mounts the panel, emits the wire payloads that are given, and waits for
 * rendering. Unless a test passes its own, refresh emits the same payload
 * again, as the org would with unchanged data.
 */
async function mountPanel(options: MountOptions = {}): Promise<PanelElement> {
    const element = createElement('c-user-license-panel', { is: UserLicensePanel }) as PanelElement;
    element.recordId = options.recordId ?? PRIYA_ID;
    document.body.appendChild(element);
    if (options.objectInfo !== null) {
        objectInfoAdapter.emit(options.objectInfo ?? objectInfoFixture);
    }
    if (options.payload !== null) {
        const payload = options.payload ?? priyaPayload;
        const refresh = options.refresh ?? serverRefresh([payload]);
        graphqlAdapter.emit(payload, undefined, refresh);
    }
    await flush();
    return element;
}

function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

interface HolderGroups {
    edges: { node: { aggregate: Record<string, unknown> } }[];
}

/**
 * Returns a copy of the payload in which `count` users hold a seat of the
 * license: the license is cleared from every holder group, and one group
 * of `count` holders of only that license is added. Use it only for a
 * license that no other license brings, such as SMS or VOICE, because
 * clearing a license that brings another would change that one's count.
 */
function withAssigned<T>(payload: T, code: string, count: number): T {
    const copy = clone(payload) as { uiapi: { aggregate: { holders: HolderGroups } } };
    const field = LICENSES.find((license) => license.code === code)!.fieldApiName;
    const groups = copy.uiapi.aggregate.holders.edges;
    const added: Record<string, unknown> = {};
    for (const key of Object.keys(groups[0]!.node.aggregate)) {
        added[key] = { value: false };
    }
    for (const group of groups) {
        group.node.aggregate[field] = { value: false };
    }
    added[field] = { value: true };
    added.Id = { count: { value: count } };
    groups.push({ node: { aggregate: added } });
    return copy as T;
}

function query(element: HTMLElement, selector: string): HTMLElement | null {
    return element.shadowRoot!.querySelector(selector);
}

function queryAll(element: HTMLElement, selector: string): HTMLElement[] {
    return Array.from(element.shadowRoot!.querySelectorAll(selector));
}

function textOf(element: HTMLElement, selector: string): string {
    return (query(element, selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

type ToggleElement = HTMLElement & {
    label: string;
    fieldLevelHelp: string;
    checked: boolean;
    disabled: boolean;
};

function toggleOf(element: HTMLElement, code: string): ToggleElement {
    const toggle = query(element, `lightning-input[data-license="${code}"]`);
    if (!toggle) {
        throw new Error(`No toggle for license ${code} is rendered.`);
    }
    return toggle as ToggleElement;
}

function licenseText(element: HTMLElement, code: string, part: string): string {
    return textOf(element, `li[data-license="${code}"] .${part}`);
}

async function flip(element: HTMLElement, code: string, checked: boolean): Promise<void> {
    const toggle = toggleOf(element, code);
    toggle.checked = checked;
    toggle.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
    await flush();
}

async function clickButton(element: HTMLElement, className: string): Promise<void> {
    query(element, `lightning-button.${className}`)!.click();
    await flush();
}

function validationError(message: string, fieldErrors: Record<string, unknown[]> = {}) {
    return {
        ok: false,
        status: 400,
        statusText: 'Bad Request',
        body: {
            message: 'An error occurred while trying to update the record. Please try again.',
            statusCode: 400,
            enhancedErrorType: 'RecordError',
            output: {
                errors: message
                    ? [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message }]
                    : [],
                fieldErrors
            }
        }
    };
}

describe('c-user-license-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    describe('query', () => {
        it('parses as GraphQL', () => {
            expect(() => parse(panelQueryText)).not.toThrow();
        });

        it('selects every license field of the user record', () => {
            for (const license of LICENSES) {
                expect(panelQueryText).toContain(
                    `${license.fieldApiName}: ${license.fieldApiName}`
                );
            }
        });

        it('sends an 18-character Id for a 15-character record Id', async () => {
            await mountPanel({ recordId: PRIYA_ID.slice(0, 15) });
            const variables = graphqlAdapter.getLastConfig().variables;
            expect(variables?.userId).toBe(PRIYA_ID);
            expect(variables?.userExternalId).toBe(PRIYA_ID);
        });
    });

    describe('license groups', () => {
        it('renders the three groups in catalogue order', async () => {
            const element = await mountPanel();
            const headings = queryAll(element, 'section.license-group h3').map(
                (h) => h.textContent
            );
            expect(headings).toEqual(['Interfaces', 'Voice features', 'Digital channels']);
        });

        it('places each license under its group', async () => {
            const element = await mountPanel();
            const byGroup = (group: string) =>
                queryAll(element, `section[data-group="${group}"] lightning-input`).map(
                    (toggle) => (toggle as ToggleElement).label
                );
            expect(byGroup('INTERFACE')).toEqual(['CTI', 'Freedom', 'Service Cloud Voice']);
            expect(byGroup('VOICE_FEATURE')).toEqual([
                'Voice',
                'Record',
                'PCI',
                'Insights',
                'AI Prompt Studio'
            ]);
            expect(byGroup('DIGITAL_CHANNEL')).toEqual(['SMS', 'WhatsApp']);
        });

        it('takes help text from the catalogue', async () => {
            const element = await mountPanel();
            for (const license of LICENSES) {
                expect(toggleOf(element, license.code).fieldLevelHelp).toBe(license.description);
            }
        });

        it('checks the licenses the user holds', async () => {
            const element = await mountPanel();
            const checked = LICENSE_CODES.filter((code) => toggleOf(element, code).checked);
            expect(checked).toEqual(['CTI', 'FREEDOM', 'VOICE', 'RECORD', 'INSIGHTS']);
        });

        it('lists digital features as included with a held channel', async () => {
            const element = await mountPanel({ payload: lenaPayload });
            const features = queryAll(element, '.included-features li').map((li) => li.textContent);
            expect(features).toEqual([
                'Digital Messaging',
                'Digital Wrap-Ups',
                'Digital Reporting',
                'Digital Templates',
                'Digital Routing'
            ]);
            expect(textOf(element, '.included-features p')).toBe(
                'Included with the channel license:'
            );
        });

        it('says no channel is held when none is', async () => {
            const element = await mountPanel();
            expect(textOf(element, '.included-features p')).toBe(
                'Included with any channel license (none held):'
            );
        });
    });

    describe('seat counts', () => {
        it('shows assigned of purchased and available', async () => {
            const element = await mountPanel();
            expect(licenseText(element, 'VOICE', 'seats-assigned')).toBe('6 of 25 assigned');
            expect(licenseText(element, 'VOICE', 'seats-available')).toBe('· 19 available');
        });

        it('counts CTI seats only without Freedom', async () => {
            const element = await mountPanel();
            expect(licenseText(element, 'CTI', 'seats-assigned')).toBe('1 of 5 assigned');
            expect(licenseText(element, 'FREEDOM', 'seats-assigned')).toBe('4 of 20 assigned');
        });

        it('highlights an over-allocated license', async () => {
            const element = await mountPanel();
            const available = query(
                element,
                'li[data-license="AI_PROMPT_STUDIO"] .seats-available'
            );
            expect(available?.textContent).toContain('Over-allocated by 1');
            expect(available?.classList.contains('slds-text-color_error')).toBe(true);
        });

        it('says when no seats are purchased', async () => {
            const element = await mountPanel();
            expect(licenseText(element, 'WHATSAPP', 'seats-assigned')).toBe(
                '0 assigned, none purchased'
            );
        });

        it('offers no seats of an unprovisioned subscription', async () => {
            const payload = clone(priyaPayload);
            const sms = payload.uiapi.query.Natterbox_Subscription__c.edges.find(
                (edge: { node: { License_Code__c: { value: string } } }) =>
                    edge.node.License_Code__c.value === 'SMS'
            );
            sms.node.Provisioned__c.value = false;
            const element = await mountPanel({ payload });
            expect(licenseText(element, 'SMS', 'disabled-reason')).toBe('Not purchased');
        });
    });

    describe('disabled reasons', () => {
        it('says CTI comes with Freedom', async () => {
            const element = await mountPanel();
            expect(toggleOf(element, 'CTI').disabled).toBe(true);
            expect(licenseText(element, 'CTI', 'disabled-reason')).toBe('Comes with Freedom');
        });

        it('says a license is not purchased', async () => {
            const element = await mountPanel();
            expect(toggleOf(element, 'WHATSAPP').disabled).toBe(true);
            expect(licenseText(element, 'WHATSAPP', 'disabled-reason')).toBe('Not purchased');
        });

        it('says no seats are left', async () => {
            const element = await mountPanel();
            expect(toggleOf(element, 'PCI').disabled).toBe(true);
            expect(licenseText(element, 'PCI', 'disabled-reason')).toBe('No seats left');
        });

        it('blocks adding an over-allocated license', async () => {
            const element = await mountPanel();
            expect(licenseText(element, 'AI_PROMPT_STUDIO', 'disabled-reason')).toBe(
                'No seats left'
            );
        });

        it('says SCV cannot be combined with Freedom', async () => {
            const element = await mountPanel();
            expect(toggleOf(element, 'SCV').disabled).toBe(true);
            expect(licenseText(element, 'SCV', 'disabled-reason')).toBe(
                'Cannot be combined with Freedom'
            );
        });

        it('says Freedom cannot be combined with SCV', async () => {
            const element = await mountPanel({ payload: tomPayload });
            expect(toggleOf(element, 'FREEDOM').disabled).toBe(true);
            expect(licenseText(element, 'FREEDOM', 'disabled-reason')).toBe(
                'Cannot be combined with Service Cloud Voice'
            );
        });

        it('blocks CTI alone outside legacy organisations', async () => {
            const element = await mountPanel({ payload: samPayload, recordId: SAM_ID });
            expect(toggleOf(element, 'CTI').disabled).toBe(true);
            expect(licenseText(element, 'CTI', 'disabled-reason')).toContain(
                'CTI alone is not allowed in this organisation'
            );
        });

        it('allows CTI alone in a legacy organisation', async () => {
            const payload = clone(samPayload);
            for (const edge of payload.uiapi.query.Natterbox_Subscription__c.edges) {
                edge.node.Legacy_CTI_Allowed__c.value = true;
            }
            const element = await mountPanel({ payload, recordId: SAM_ID });
            expect(toggleOf(element, 'CTI').disabled).toBe(false);
            expect(query(element, 'li[data-license="CTI"] .disabled-reason')).toBeNull();
        });

        it('leaves an allowed toggle enabled without a reason', async () => {
            const element = await mountPanel();
            expect(toggleOf(element, 'RECORD').disabled).toBe(false);
            expect(query(element, 'li[data-license="RECORD"] .disabled-reason')).toBeNull();
        });
    });

    describe('read-only access', () => {
        it('disables every toggle without update access', async () => {
            const objectInfo = { ...clone(objectInfoFixture), updateable: false };
            const element = await mountPanel({ objectInfo });
            for (const code of LICENSE_CODES) {
                expect(toggleOf(element, code).disabled).toBe(true);
                expect(licenseText(element, code, 'disabled-reason')).toBe(NO_PERMISSION_REASON);
            }
            expect(textOf(element, '.read-only-banner')).toContain('but not change them');
        });

        it('needs create access when the user has no record', async () => {
            const objectInfo = { ...clone(objectInfoFixture), createable: false };
            const element = await mountPanel({ objectInfo, payload: samPayload, recordId: SAM_ID });
            expect(toggleOf(element, 'VOICE').disabled).toBe(true);
            expect(licenseText(element, 'VOICE', 'disabled-reason')).toBe(NO_PERMISSION_REASON);
        });

        it('disables a field the user may not edit', async () => {
            const objectInfo = clone(objectInfoFixture);
            objectInfo.fields.Record__c.updateable = false;
            const element = await mountPanel({ objectInfo });
            expect(licenseText(element, 'RECORD', 'disabled-reason')).toBe(NO_PERMISSION_REASON);
            expect(toggleOf(element, 'SMS').disabled).toBe(false);
        });

        it('is read-only when object info fails to load', async () => {
            const element = await mountPanel({ objectInfo: null });
            objectInfoAdapter.error({ message: 'You do not have access to this object.' }, 403);
            await flush();
            expect(toggleOf(element, 'SMS').disabled).toBe(true);
            expect(query(element, '.read-only-banner')).not.toBeNull();
        });

        it('shows no banner with edit access', async () => {
            const element = await mountPanel();
            expect(query(element, '.read-only-banner')).toBeNull();
        });
    });

    describe('inactive user', () => {
        it('shows the reclaimable seats of an inactive user', async () => {
            const element = await mountPanel({ payload: lenaPayload });
            expect(textOf(element, '.inactive-banner')).toBe(
                'Lena Ortiz is inactive but still holds 4 seats (Freedom, Voice, PCI, SMS). Remove these licenses to reclaim the seats for other users.'
            );
        });

        it('shows no banner for an active user', async () => {
            const element = await mountPanel();
            expect(query(element, '.inactive-banner')).toBeNull();
        });
    });

    describe('pending change preview', () => {
        it('previews the CTI that Freedom adds', async () => {
            const element = await mountPanel({ payload: samPayload, recordId: SAM_ID });
            await flip(element, 'FREEDOM', true);
            expect(textOf(element, '.preview-changes')).toBe('Add Freedom');
            expect(textOf(element, '.preview-cascades')).toBe('Adding Freedom also adds CTI.');
            expect(toggleOf(element, 'CTI').checked).toBe(true);
        });

        it('previews the CTI that removing Freedom removes', async () => {
            const element = await mountPanel();
            await flip(element, 'FREEDOM', false);
            expect(textOf(element, '.preview-cascades')).toBe('Removing Freedom also removes CTI.');
            expect(toggleOf(element, 'CTI').checked).toBe(false);
        });

        it('warns about Insights without AI Prompt Studio', async () => {
            const element = await mountPanel({ payload: samPayload, recordId: SAM_ID });
            await flip(element, 'INSIGHTS', true);
            expect(textOf(element, '.preview-warnings')).toContain(
                'Insights is usually assigned together with AI Prompt Studio'
            );
        });

        it('drops the preview when a change is undone', async () => {
            const element = await mountPanel({ payload: samPayload, recordId: SAM_ID });
            await flip(element, 'FREEDOM', true);
            await flip(element, 'FREEDOM', false);
            expect(query(element, '.preview')).toBeNull();
            expect(toggleOf(element, 'CTI').checked).toBe(false);
        });

        it('restores the saved state on Cancel', async () => {
            const element = await mountPanel();
            await flip(element, 'RECORD', false);
            await clickButton(element, 'cancel');
            expect(query(element, '.preview')).toBeNull();
            expect(toggleOf(element, 'RECORD').checked).toBe(true);
        });

        it('keeps Save disabled without a change', async () => {
            const element = await mountPanel();
            const save = query(element, 'lightning-button.save') as HTMLElement & {
                disabled: boolean;
            };
            expect(save.disabled).toBe(true);
        });
    });

    describe('save', () => {
        it('updates the record once with the changed fields', async () => {
            const refresh = jest.fn().mockResolvedValue(undefined);
            const element = await mountPanel({ refresh });
            const toasts: CustomEvent[] = [];
            element.addEventListener('lightning__showtoast', (event) =>
                toasts.push(event as CustomEvent)
            );

            await flip(element, 'RECORD', false);
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');

            expect(updateRecordMock).toHaveBeenCalledTimes(1);
            expect(updateRecordMock).toHaveBeenCalledWith({
                fields: { Id: PRIYA_RECORD_ID, Record__c: false, SMS__c: true }
            });
            expect(createRecordMock).not.toHaveBeenCalled();
            expect(toasts).toHaveLength(1);
            expect(toasts[0]!.detail).toEqual({
                title: 'Licenses saved for Priya Shah',
                message: 'Added SMS. Removed Record.',
                variant: 'success'
            });
            // Once to check the seats again before the write, once after it.
            expect(refresh).toHaveBeenCalledTimes(2);
            expect(refresh.mock.invocationCallOrder[0]).toBeLessThan(
                updateRecordMock.mock.invocationCallOrder[0]!
            );
            expect(refresh.mock.invocationCallOrder[1]).toBeGreaterThan(
                updateRecordMock.mock.invocationCallOrder[0]!
            );
            expect(query(element, '.preview')).toBeNull();
        });

        it('writes once on a double click', async () => {
            const element = await mountPanel();
            await flip(element, 'SMS', true);
            const save = query(element, 'lightning-button.save')!;
            save.click();
            save.click();
            await flush();

            expect(updateRecordMock).toHaveBeenCalledTimes(1);
        });

        it('creates the first record with the user lookup', async () => {
            const element = await mountPanel({ payload: samPayload, recordId: SAM_ID });
            await flip(element, 'FREEDOM', true);
            await clickButton(element, 'save');

            expect(createRecordMock).toHaveBeenCalledTimes(1);
            expect(createRecordMock).toHaveBeenCalledWith({
                apiName: 'Natterbox_User_License__c',
                fields: { User__c: SAM_ID, User_Id__c: SAM_ID, CTI__c: true, Freedom__c: true }
            });
            expect(updateRecordMock).not.toHaveBeenCalled();
        });

        it('locks the toggles while saving', async () => {
            let finishSave: (value: never) => void = () => undefined;
            updateRecordMock.mockReturnValueOnce(
                new Promise((resolve) => {
                    finishSave = resolve;
                })
            );
            const element = await mountPanel();
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');

            expect(toggleOf(element, 'VOICE').disabled).toBe(true);
            expect(licenseText(element, 'VOICE', 'disabled-reason')).toBe(SAVING_REASON);

            finishSave({} as never);
            await flush();
            expect(toggleOf(element, 'VOICE').disabled).toBe(false);
        });

        it('shows a validation rule message and keeps the change', async () => {
            updateRecordMock.mockRejectedValueOnce(
                validationError('Record is required for users in a call recording group.')
            );
            const element = await mountPanel();
            const toasts: Event[] = [];
            element.addEventListener('lightning__showtoast', (event) => toasts.push(event));

            await flip(element, 'RECORD', false);
            await clickButton(element, 'save');

            expect(textOf(element, '.save-error')).toContain(
                'Record is required for users in a call recording group.'
            );
            expect(toggleOf(element, 'RECORD').checked).toBe(false);
            expect(textOf(element, '.preview-changes')).toBe('Remove Record');
            expect(toasts).toHaveLength(0);
        });

        it('shows a field error beside its toggle', async () => {
            updateRecordMock.mockRejectedValueOnce(
                validationError('', {
                    SMS__c: [
                        {
                            errorCode: 'INVALID_FIELD',
                            field: 'SMS__c',
                            message: 'SMS is switched off.'
                        }
                    ]
                })
            );
            const element = await mountPanel();
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');
            expect(licenseText(element, 'SMS', 'field-error')).toBe('SMS is switched off.');
        });

        it('reports a lost connection', async () => {
            updateRecordMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
            const element = await mountPanel();
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');
            expect(textOf(element, '.save-error')).toContain(CONNECTION_LOST_MESSAGE);
            expect(toggleOf(element, 'SMS').checked).toBe(true);
        });
    });

    describe('seat check around the save', () => {
        it('stops the save when the last seat went', async () => {
            // Another admin gave the last SMS seats away after this panel loaded.
            const refresh = serverRefresh([withAssigned(priyaPayload, 'SMS', 10)]);
            const element = await mountPanel({ refresh });
            const toasts: Event[] = [];
            element.addEventListener('lightning__showtoast', (event) => toasts.push(event));

            await flip(element, 'SMS', true);
            await clickButton(element, 'save');

            expect(refresh).toHaveBeenCalledTimes(1);
            expect(updateRecordMock).not.toHaveBeenCalled();
            expect(toasts).toHaveLength(0);
            expect(textOf(element, '.save-error')).toContain(
                'SMS needs 11 seats but only 10 seats are purchased.'
            );
            expect(textOf(element, '.save-error')).toContain('The seats were taken after');
            expect(licenseText(element, 'SMS', 'seats-assigned')).toBe('10 of 10 assigned');
            expect(toggleOf(element, 'SMS').checked).toBe(true);
        });

        it('saves when seats are still free', async () => {
            const refresh = serverRefresh([withAssigned(priyaPayload, 'SMS', 9)]);
            const element = await mountPanel({ refresh });
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');

            expect(updateRecordMock).toHaveBeenCalledTimes(1);
            expect(query(element, '.save-error')).toBeNull();
        });

        it('ignores seats of licenses already held', async () => {
            // Priya holds Voice; the count passing the purchased seats does not block other changes.
            const refresh = serverRefresh([withAssigned(priyaPayload, 'VOICE', 30)]);
            const element = await mountPanel({ refresh });
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');

            expect(updateRecordMock).toHaveBeenCalledTimes(1);
        });

        it('stops when the user changed elsewhere', async () => {
            const changed = clone(priyaPayload);
            changed.uiapi.query.Natterbox_User_License__c.edges[0].node.SMS__c.value = true;
            const refresh = serverRefresh([changed]);
            const element = await mountPanel({ refresh });
            await flip(element, 'RECORD', false);
            await clickButton(element, 'save');

            expect(updateRecordMock).not.toHaveBeenCalled();
            expect(textOf(element, '.save-error')).toContain(
                'The licenses of Priya Shah were changed elsewhere after this panel loaded'
            );
            expect(toggleOf(element, 'SMS').checked).toBe(true);
            expect(toggleOf(element, 'RECORD').checked).toBe(true);
            expect(query(element, '.preview')).toBeNull();
        });

        it('stops when the seats cannot be read', async () => {
            const refresh = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));
            const element = await mountPanel({ refresh });
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');

            expect(updateRecordMock).not.toHaveBeenCalled();
            expect(textOf(element, '.save-error')).toContain(
                'The seat counts could not be read again, so nothing was saved: Failed to fetch'
            );
            expect(toggleOf(element, 'SMS').disabled).toBe(false);
        });

        it('warns when a parallel save over-allocated', async () => {
            // The check before the write still sees a free seat; the read after it does not.
            const refresh = serverRefresh([
                withAssigned(priyaPayload, 'SMS', 9),
                withAssigned(priyaPayload, 'SMS', 11)
            ]);
            const element = await mountPanel({ refresh });
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');

            expect(updateRecordMock).toHaveBeenCalledTimes(1);
            expect(textOf(element, '.seat-warning')).toBe(
                'SMS is over-allocated by 1 after this save: another user was given a seat at the same time. Remove SMS from one user to free the seat.'
            );
        });

        it('gives no warning after a clean save', async () => {
            const refresh = serverRefresh([
                withAssigned(priyaPayload, 'SMS', 9),
                withAssigned(priyaPayload, 'SMS', 10)
            ]);
            const element = await mountPanel({ refresh });
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');

            expect(query(element, '.seat-warning')).toBeNull();
        });
    });

    describe('malformed payloads', () => {
        it('shows an error for a negative seat count', async () => {
            const payload = clone(priyaPayload);
            payload.uiapi.query.Natterbox_Subscription__c.edges[0].node.Purchased_Seats__c.value =
                -1;
            const element = await mountPanel({ payload });

            expect(textOf(element, '.load-error')).toContain('The license data is not readable');
            expect(textOf(element, '.load-error')).toContain('-1');
            expect(queryAll(element, 'lightning-input')).toHaveLength(0);
        });

        it('shows an error without the uiapi block', async () => {
            const element = await mountPanel({ payload: {} });

            expect(textOf(element, '.load-error')).toContain('The response has no User records.');
        });

        it('shows an error without the license block', async () => {
            const payload = clone(priyaPayload);
            delete payload.uiapi.query.Natterbox_User_License__c;
            const element = await mountPanel({ payload });

            expect(textOf(element, '.load-error')).toContain(
                'The response has no Natterbox_User_License__c records.'
            );
        });

        it('reads missing and null fields as empty', async () => {
            const payload = clone(priyaPayload);
            const user = payload.uiapi.query.User.edges[0].node;
            delete user.Name;
            user.IsActive = null;
            const voice = payload.uiapi.query.Natterbox_Subscription__c.edges.find(
                (edge: { node: { License_Code__c: { value: string } } }) =>
                    edge.node.License_Code__c.value === 'VOICE'
            );
            delete voice.node.Purchased_Seats__c;
            const { holders, inactiveHolders } = payload.uiapi.aggregate;
            for (const group of [...holders.edges, ...inactiveHolders.edges]) {
                group.node.aggregate.SMS__c = null;
            }
            inactiveHolders.edges.push({ node: {} });
            const element = await mountPanel({ payload });

            expect(query(element, '.load-error')).toBeNull();
            expect(licenseText(element, 'VOICE', 'seats-assigned')).toBe(
                '6 assigned, none purchased'
            );
            expect(licenseText(element, 'SMS', 'seats-assigned')).toBe('0 of 10 assigned');
        });

        it('treats a user without a record as holding nothing', async () => {
            const payload = clone(priyaPayload);
            payload.uiapi.query.Natterbox_User_License__c.edges = [];
            const element = await mountPanel({ payload });

            const checked = LICENSE_CODES.filter((code) => toggleOf(element, code).checked);
            expect(checked).toEqual([]);
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');
            expect(createRecordMock).toHaveBeenCalledWith({
                apiName: 'Natterbox_User_License__c',
                fields: { User__c: PRIYA_ID, User_Id__c: PRIYA_ID, SMS__c: true }
            });
        });

        it('shows an error for a wire error object', async () => {
            const element = await mountPanel({ payload: null });
            graphqlAdapter.emitErrors([
                { status: 0, body: { message: 'The network connection was lost.' } }
            ]);
            await flush();

            expect(textOf(element, '.load-error')).toContain('The network connection was lost.');
        });
    });

    describe('load states', () => {
        it('shows a spinner until data arrives', async () => {
            const element = await mountPanel({ payload: null });
            expect(query(element, 'lightning-spinner')).not.toBeNull();
            expect(queryAll(element, 'lightning-input')).toHaveLength(0);
        });

        it('says when no subscriptions are synced yet', async () => {
            const payload = clone(priyaPayload);
            payload.uiapi.query.Natterbox_Subscription__c.edges = [];
            const element = await mountPanel({ payload });
            expect(textOf(element, '.empty')).toContain(
                'No Natterbox subscriptions have been synced'
            );
            expect(queryAll(element, 'lightning-input')).toHaveLength(0);
        });

        it('shows GraphQL errors', async () => {
            const element = await mountPanel({ payload: null });
            graphqlAdapter.emitErrors([{ message: 'Natterbox_User_License__c is not supported.' }]);
            await flush();
            expect(textOf(element, '.load-error')).toContain(
                'Natterbox_User_License__c is not supported.'
            );
        });

        it('says when the user is not found', async () => {
            const payload = clone(priyaPayload);
            payload.uiapi.query.User.edges = [];
            const element = await mountPanel({ payload });
            expect(textOf(element, '.load-error')).toContain(
                `No user was found with the Id ${PRIYA_ID}`
            );
        });
    });

    describe('accessibility', () => {
        it('is accessible with data', async () => {
            const element = await mountPanel({ payload: lenaPayload });
            await expect(element).toBeAccessible();
        });

        it('is accessible with a pending change', async () => {
            const element = await mountPanel({ payload: samPayload, recordId: SAM_ID });
            await flip(element, 'INSIGHTS', true);
            await expect(element).toBeAccessible();
        });

        it('is accessible after a failed save', async () => {
            updateRecordMock.mockRejectedValueOnce(validationError('Seat limit reached.'));
            const element = await mountPanel();
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');
            await expect(element).toBeAccessible();
        });

        it('is accessible when read-only', async () => {
            const element = await mountPanel({
                objectInfo: { ...objectInfoFixture, updateable: false }
            });
            await expect(element).toBeAccessible();
        });

        it('is accessible while loading', async () => {
            const element = await mountPanel({ payload: null });
            await expect(element).toBeAccessible();
        });

        it('is accessible when empty', async () => {
            const payload = clone(priyaPayload);
            payload.uiapi.query.Natterbox_Subscription__c.edges = [];
            const element = await mountPanel({ payload });
            await expect(element).toBeAccessible();
        });

        it('is accessible with a seat warning', async () => {
            const refresh = serverRefresh([
                withAssigned(priyaPayload, 'SMS', 9),
                withAssigned(priyaPayload, 'SMS', 11)
            ]);
            const element = await mountPanel({ refresh });
            await flip(element, 'SMS', true);
            await clickButton(element, 'save');
            await expect(element).toBeAccessible();
        });

        it('is accessible with errors', async () => {
            const element = await mountPanel({ payload: null });
            graphqlAdapter.emitErrors([{ message: 'Request failed.' }]);
            await flush();
            await expect(element).toBeAccessible();
        });
    });
});
