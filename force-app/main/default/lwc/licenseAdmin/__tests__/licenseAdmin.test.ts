import { createElement } from 'lwc';
import LicenseAdmin from 'c/licenseAdmin';
import { LICENSES } from 'c/licenseRules';
import { parse } from 'graphql';
import { gql, graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import { PICKUP_TIMEOUT_MS, POLL_INTERVAL_MS } from '../reloadProgress';

// The fixture comes from test/setup/lwcFixtures/buildLwcFixtures.ts, which
// derives it from the same sample organisation as the panel's fixtures.
const adminPayload = require('./data/graphqlAdmin.json');

// The sfdx-lwc-jest stub adds test methods that the platform types lack.
interface GraphqlTestAdapter {
    emit(data: unknown, filter?: unknown, refresh?: () => Promise<unknown>): void;
    emitErrors(errors: unknown[]): void;
}
const graphqlAdapter = graphql as unknown as GraphqlTestAdapter;
const createRecordMock = createRecord as jest.MockedFunction<typeof createRecord>;

// gql is a jest.fn in the stub; its calls hold the query text the module sent.
const adminQueryText = (gql as unknown as jest.Mock).mock.calls
    .map(([literals]: [TemplateStringsArray]) => literals.join(''))
    .join('\n');

// The user Id that sfdx-lwc-jest substitutes for @salesforce/user/Id.
const RUNNING_USER_ID = '005000000000000000';
const NEW_RUN_ID = 'a03Hs00000Sy0003IAA';

type Payload = typeof adminPayload;
type RunFields = Partial<Record<string, string | number | null>>;

function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

/** Returns a copy of the payload whose latest sync run is the given run. */
function withRun(payload: Payload, id: string, fields: RunFields): Payload {
    const copy = clone(payload);
    const node: Record<string, unknown> = { Id: id };
    const defaults: RunFields = {
        Name: 'SYNC-000003',
        CreatedDate: '2026-12-03T22:30:00.000Z',
        Started_At__c: null,
        Finished_At__c: null,
        Created_Count__c: null,
        Updated_Count__c: null,
        Unchanged_Count__c: null,
        Source__c: null,
        Message__c: null
    };
    for (const [field, raw] of Object.entries({ ...defaults, ...fields })) {
        node[field] = { value: raw };
    }
    copy.uiapi.query.Natterbox_Sync_Run__c.edges = [{ node }];
    return copy;
}

/** Returns a copy of the payload with other purchased seats for one license. */
function withPurchased(payload: Payload, code: string, seats: number): Payload {
    const copy = clone(payload);
    for (const edge of copy.uiapi.query.Natterbox_Subscription__c.edges) {
        if (edge.node.License_Code__c.value === code) {
            edge.node.Purchased_Seats__c.value = seats;
        }
    }
    return copy;
}

// A few microtask turns let wire emits, re-renders and awaited mocks settle.
function flush(): Promise<void> {
    let chain = Promise.resolve();
    for (let turn = 0; turn < 6; turn++) {
        chain = chain.then(() => undefined);
    }
    return chain;
}

/**
 * Creates a refresh function that emits the queued payloads one per call
 * and then keeps emitting the last one, as a server whose data stopped
 * changing would.
 */
function serverRefresh(queue: Payload[]): jest.Mock {
    let last: Payload | undefined;
    const refresh = jest.fn(() => {
        last = queue.shift() ?? last;
        if (last) {
            graphqlAdapter.emit(last, undefined, refresh);
        }
        return Promise.resolve();
    });
    return refresh;
}

/** Mounts the admin page, emits the payload when one is given, and waits for rendering. */
async function mountAdmin(payload: Payload | null = adminPayload, refresh?: jest.Mock) {
    const element = createElement('c-license-admin', { is: LicenseAdmin });
    document.body.appendChild(element);
    if (payload) {
        graphqlAdapter.emit(payload, undefined, refresh);
    }
    await flush();
    return element;
}

function query(element: HTMLElement, selector: string): HTMLElement | null {
    return element.shadowRoot!.querySelector(selector);
}

function queryAll(element: HTMLElement, selector: string): HTMLElement[] {
    return Array.from(element.shadowRoot!.querySelectorAll(selector));
}

function textOf(element: HTMLElement | null, selector?: string): string {
    const target = selector && element ? query(element, selector) : element;
    return (target?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function seatCell(element: HTMLElement, code: string, column: string): string {
    return textOf(element, `tr[data-license="${code}"] .${column}`);
}

async function clickReload(element: HTMLElement): Promise<void> {
    query(element, 'lightning-button.reload')!.click();
    await flush();
}

async function advance(milliseconds: number): Promise<void> {
    jest.advanceTimersByTime(milliseconds);
    await flush();
}

function validationError(message: string) {
    return {
        ok: false,
        status: 400,
        statusText: 'Bad Request',
        body: {
            message: 'An error occurred while trying to create the record.',
            output: { errors: [{ errorCode: 'INSUFFICIENT_ACCESS', message }], fieldErrors: {} }
        }
    };
}

describe('c-license-admin', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    describe('query', () => {
        it('parses as GraphQL', () => {
            expect(() => parse(adminQueryText)).not.toThrow();
        });

        it('reads the latest sync run first', () => {
            expect(adminQueryText).toContain(
                'Natterbox_Sync_Run__c(first: 1, orderBy: { CreatedDate: { order: DESC } })'
            );
        });
    });

    describe('seat table', () => {
        it('lists catalogue licenses in order', async () => {
            const element = await mountAdmin();
            const labels = queryAll(element, 'tr.seat-row th').map((cell) => cell.textContent);
            expect(labels).toEqual(LICENSES.map((license) => license.label));
        });

        it('shows purchased, assigned and available', async () => {
            const element = await mountAdmin();
            expect(seatCell(element, 'VOICE', 'purchased')).toBe('25');
            expect(seatCell(element, 'VOICE', 'assigned')).toBe('6');
            expect(seatCell(element, 'VOICE', 'available')).toBe('19');
        });

        it('counts CTI seats only without Freedom', async () => {
            const element = await mountAdmin();
            expect(seatCell(element, 'CTI', 'assigned')).toBe('1');
            expect(seatCell(element, 'CTI', 'available')).toBe('4');
        });

        it('highlights an over-allocated license', async () => {
            const element = await mountAdmin();
            const row = query(element, 'tr[data-license="AI_PROMPT_STUDIO"]');
            expect(row?.classList.contains('over-allocated')).toBe(true);
            expect(seatCell(element, 'AI_PROMPT_STUDIO', 'over-allocation')).toBe(
                'Over-allocated by 1'
            );
            expect(seatCell(element, 'AI_PROMPT_STUDIO', 'available')).toBe('0');
        });

        it('leaves other rows unhighlighted', async () => {
            const element = await mountAdmin();
            const row = query(element, 'tr[data-license="VOICE"]');
            expect(row?.classList.contains('over-allocated')).toBe(false);
            expect(seatCell(element, 'VOICE', 'over-allocation')).toBe('');
        });

        it('shows seats held by inactive users', async () => {
            const element = await mountAdmin();
            expect(seatCell(element, 'FREEDOM', 'reclaimable')).toBe('1');
            expect(seatCell(element, 'AI_PROMPT_STUDIO', 'reclaimable')).toBe('1');
            expect(seatCell(element, 'CTI', 'reclaimable')).toBe('0');
        });

        it('shows an unpurchased license with no seats', async () => {
            const element = await mountAdmin();
            expect(seatCell(element, 'WHATSAPP', 'purchased')).toBe('0');
            expect(seatCell(element, 'WHATSAPP', 'available')).toBe('0');
        });
    });

    describe('subscriptions outside the catalogue', () => {
        it('lists them apart from the seat table', async () => {
            const element = await mountAdmin();
            const rows = queryAll(element, 'tr.other-subscription').map((row) =>
                Array.from(row.children).map((cell) => cell.textContent)
            );
            expect(rows).toEqual([
                ['Global Calls', 'Global Calls', '50', 'Provisioned'],
                ['Numbers', 'Numbers', '30', 'Not provisioned']
            ]);
        });

        it('keeps them out of the seat table', async () => {
            const element = await mountAdmin();
            expect(query(element, 'tr[data-license="OTHER_GLOBAL_CALLS"]')).toBeNull();
        });

        it('hides the list when there are none', async () => {
            const payload = clone(adminPayload);
            payload.uiapi.query.Natterbox_Subscription__c.edges =
                payload.uiapi.query.Natterbox_Subscription__c.edges.filter(
                    (edge: { node: { Assignable__c: { value: boolean } } }) =>
                        edge.node.Assignable__c.value
                );
            const element = await mountAdmin(payload);
            expect(query(element, '.other-subscriptions')).toBeNull();
        });
    });

    describe('last sync', () => {
        it('shows the latest run', async () => {
            const element = await mountAdmin();
            expect(textOf(element, '.run-name')).toBe('SYNC-000002');
            expect(textOf(element, '.run-status')).toBe('Succeeded');
            expect(textOf(element, '.run-counts')).toBe('0 created, 1 updated, 10 unchanged');
            expect(textOf(element, '.run-message')).toContain('AI Prompt Studio is over-allocated');
        });

        it('passes the run times to the formatter', async () => {
            const element = await mountAdmin();
            const created = query(element, '.run-created') as HTMLElement & { value: string };
            const finished = query(element, '.run-finished') as HTMLElement & { value: string };
            expect(created.value).toBe('2026-12-03T06:00:00.000Z');
            expect(finished.value).toBe('2026-12-03T06:00:07.000Z');
        });

        it('says when no sync has run', async () => {
            const payload = clone(adminPayload);
            payload.uiapi.query.Natterbox_Sync_Run__c.edges = [];
            const element = await mountAdmin(payload);
            expect(textOf(element, '.no-sync')).toBe('No sync has run yet.');
        });
    });

    describe('load states', () => {
        it('shows a spinner until data arrives', async () => {
            const element = await mountAdmin(null);
            expect(query(element, '.loading lightning-spinner')).not.toBeNull();
            expect(query(element, '.seat-table')).toBeNull();
        });

        it('shows GraphQL errors', async () => {
            const element = await mountAdmin(null);
            graphqlAdapter.emitErrors([{ message: 'Natterbox_Sync_Run__c is not supported.' }]);
            await flush();
            expect(textOf(element, '.load-error')).toContain(
                'Natterbox_Sync_Run__c is not supported.'
            );
        });

        it('says when no subscriptions are synced', async () => {
            const payload = clone(adminPayload);
            payload.uiapi.query.Natterbox_Subscription__c.edges = [];
            const element = await mountAdmin(payload);
            expect(textOf(element, '.empty')).toContain(
                'No Natterbox subscriptions have been synced'
            );
            expect(query(element, '.seat-table')).toBeNull();
        });
    });

    describe('malformed payloads', () => {
        it('shows an error for a negative seat count', async () => {
            const element = await mountAdmin(withPurchased(adminPayload, 'VOICE', -1));

            expect(textOf(element, '.load-error')).toContain('The seat data is not readable');
            expect(textOf(element, '.load-error')).toContain('-1');
            expect(query(element, '.seat-table')).toBeNull();
        });

        it('shows an error without the sync run block', async () => {
            const payload = clone(adminPayload);
            delete payload.uiapi.query.Natterbox_Sync_Run__c;
            const element = await mountAdmin(payload);

            expect(textOf(element, '.load-error')).toContain(
                'The response has no Natterbox_Sync_Run__c records.'
            );
        });

        it('reads a run with missing fields', async () => {
            const payload = withRun(adminPayload, NEW_RUN_ID, { Status__c: 'Failed' });
            const node = payload.uiapi.query.Natterbox_Sync_Run__c.edges[0].node;
            delete node.Name;
            delete node.Message__c;
            delete node.Created_Count__c;
            const element = await mountAdmin(payload);

            expect(query(element, '.load-error')).toBeNull();
            expect(textOf(element, '.run-name')).toBe(NEW_RUN_ID);
            expect(textOf(element, '.run-status')).toBe('Failed');
            expect(textOf(element, '.run-counts')).toBe('');
        });

        it('shows an empty table for zero subscriptions', async () => {
            const payload = clone(adminPayload);
            payload.uiapi.query.Natterbox_Subscription__c.edges = [];
            payload.uiapi.aggregate = {};
            const element = await mountAdmin(payload);

            expect(textOf(element, '.empty')).toContain('No Natterbox subscriptions');
            expect(textOf(element, '.run-name')).toBe('SYNC-000002');
        });
    });

    describe('reload subscriptions', () => {
        beforeEach(() => {
            jest.useFakeTimers();
            createRecordMock.mockResolvedValue({
                id: NEW_RUN_ID,
                apiName: 'Natterbox_Sync_Run__c',
                fields: {}
            });
        });

        it('requests a sync run once', async () => {
            const refresh = serverRefresh([
                withRun(adminPayload, NEW_RUN_ID, { Status__c: 'Requested' })
            ]);
            const element = await mountAdmin(adminPayload, refresh);
            await clickReload(element);

            expect(createRecordMock).toHaveBeenCalledTimes(1);
            expect(createRecordMock).toHaveBeenCalledWith({
                apiName: 'Natterbox_Sync_Run__c',
                fields: { Status__c: 'Requested', Requested_By__c: RUNNING_USER_ID }
            });
            expect(textOf(element, '.reload-message')).toBe(
                'Reload requested (SYNC-000003). Waiting for the sync job to start it.'
            );
            const button = query(element, 'lightning-button.reload') as HTMLElement & {
                disabled: boolean;
            };
            expect(button.disabled).toBe(true);
        });

        it('requests once on a double click', async () => {
            const refresh = serverRefresh([
                withRun(adminPayload, NEW_RUN_ID, { Status__c: 'Requested' })
            ]);
            const element = await mountAdmin(adminPayload, refresh);
            const button = query(element, 'lightning-button.reload')!;
            button.click();
            button.click();
            await flush();

            expect(createRecordMock).toHaveBeenCalledTimes(1);
        });

        it('follows a run to success and refreshes the table', async () => {
            const refresh = serverRefresh([
                withRun(adminPayload, NEW_RUN_ID, { Status__c: 'Requested' }),
                withRun(adminPayload, NEW_RUN_ID, { Status__c: 'Running' }),
                withRun(withPurchased(adminPayload, 'AI_PROMPT_STUDIO', 5), NEW_RUN_ID, {
                    Status__c: 'Succeeded',
                    Updated_Count__c: 1,
                    Created_Count__c: 0,
                    Unchanged_Count__c: 10,
                    Message__c: 'Synced 11 subscriptions: 0 created, 1 updated, 10 unchanged.'
                })
            ]);
            const element = await mountAdmin(adminPayload, refresh);
            await clickReload(element);
            expect(seatCell(element, 'AI_PROMPT_STUDIO', 'purchased')).toBe('3');

            await advance(POLL_INTERVAL_MS);
            expect(textOf(element, '.reload-message')).toBe(
                'The sync job is reloading the subscriptions (SYNC-000003).'
            );
            expect(textOf(element, '.run-status')).toBe('Running');

            await advance(POLL_INTERVAL_MS);
            expect(textOf(element, '.reload-message')).toBe(
                'Subscriptions reloaded (SYNC-000003). Synced 11 subscriptions: 0 created, 1 updated, 10 unchanged.'
            );
            expect(seatCell(element, 'AI_PROMPT_STUDIO', 'purchased')).toBe('5');
            expect(seatCell(element, 'AI_PROMPT_STUDIO', 'over-allocation')).toBe('');
            expect(jest.getTimerCount()).toBe(0);
        });

        it('shows the message of a failed run', async () => {
            const refresh = serverRefresh([
                withRun(adminPayload, NEW_RUN_ID, { Status__c: 'Requested' }),
                withRun(adminPayload, NEW_RUN_ID, {
                    Status__c: 'Failed',
                    Message__c: 'Natterbox rejected the API token (HTTP 401).'
                })
            ]);
            const element = await mountAdmin(adminPayload, refresh);
            await clickReload(element);
            await advance(POLL_INTERVAL_MS);

            expect(textOf(element, '.reload-message')).toBe(
                'The reload failed (SYNC-000003): Natterbox rejected the API token (HTTP 401).'
            );
            expect(
                query(element, '.reload-status')?.classList.contains('slds-text-color_error')
            ).toBe(true);
            expect(jest.getTimerCount()).toBe(0);
        });

        it('times out when no job starts the run', async () => {
            const refresh = serverRefresh([
                withRun(adminPayload, NEW_RUN_ID, { Status__c: 'Requested' })
            ]);
            const element = await mountAdmin(adminPayload, refresh);
            await clickReload(element);

            await advance(PICKUP_TIMEOUT_MS - POLL_INTERVAL_MS);
            expect(textOf(element, '.reload-message')).toContain('Waiting for the sync job');

            await advance(POLL_INTERVAL_MS);
            expect(textOf(element, '.reload-message')).toContain(
                'No sync job started SYNC-000003 within 2 minutes.'
            );
            expect(jest.getTimerCount()).toBe(0);
        });

        it('stops polling on disconnect', async () => {
            const refresh = serverRefresh([
                withRun(adminPayload, NEW_RUN_ID, { Status__c: 'Requested' })
            ]);
            const element = await mountAdmin(adminPayload, refresh);
            await clickReload(element);
            expect(jest.getTimerCount()).toBe(1);

            document.body.removeChild(element);
            expect(jest.getTimerCount()).toBe(0);
        });

        it('resumes a run in progress on load', async () => {
            const running = withRun(adminPayload, NEW_RUN_ID, { Status__c: 'Running' });
            const refresh = serverRefresh([running]);
            const element = await mountAdmin(running, refresh);
            expect(textOf(element, '.reload-message')).toBe(
                'The sync job is reloading the subscriptions (SYNC-000003).'
            );
            expect(jest.getTimerCount()).toBe(1);
        });

        it('shows why the request failed', async () => {
            createRecordMock.mockReset();
            createRecordMock.mockRejectedValueOnce(
                validationError('You do not have permission to create sync runs.')
            );
            const element = await mountAdmin();
            await clickReload(element);

            expect(textOf(element, '.reload-message')).toBe(
                'The reload could not be requested: You do not have permission to create sync runs.'
            );
            expect(jest.getTimerCount()).toBe(0);
        });

        it('reports a failed refresh and keeps polling', async () => {
            const refresh = jest.fn().mockRejectedValue({ body: { message: 'Failed to fetch' } });
            const element = await mountAdmin(adminPayload, refresh);
            await clickReload(element);

            expect(textOf(element, '.refresh-error')).toContain('Failed to fetch');
            expect(jest.getTimerCount()).toBe(1);
        });
    });

    describe('accessibility', () => {
        it('is accessible with data', async () => {
            const element = await mountAdmin();
            await expect(element).toBeAccessible();
        });

        it('is accessible while a reload runs', async () => {
            const running = withRun(adminPayload, NEW_RUN_ID, { Status__c: 'Running' });
            const element = await mountAdmin(running);
            await expect(element).toBeAccessible();
        });

        it('is accessible with a failed last run', async () => {
            const failed = withRun(adminPayload, NEW_RUN_ID, {
                Status__c: 'Failed',
                Message__c: 'Natterbox could not be reached.'
            });
            const element = await mountAdmin(failed);
            await expect(element).toBeAccessible();
        });

        it('is accessible after a failed request', async () => {
            createRecordMock.mockRejectedValueOnce(validationError('Sync runs are read-only.'));
            const element = await mountAdmin();
            await clickReload(element);
            await expect(element).toBeAccessible();
        });

        it('is accessible while loading', async () => {
            const element = await mountAdmin(null);
            await expect(element).toBeAccessible();
        });

        it('is accessible when empty', async () => {
            const payload = clone(adminPayload);
            payload.uiapi.query.Natterbox_Subscription__c.edges = [];
            const element = await mountAdmin(payload);
            await expect(element).toBeAccessible();
        });

        it('is accessible with errors', async () => {
            const element = await mountAdmin(null);
            graphqlAdapter.emitErrors([{ message: 'Request failed.' }]);
            await flush();
            await expect(element).toBeAccessible();
        });
    });
});
