/**
 * Requests a client should never send: each must get a Salesforce-shaped
 * error (a JSON array of `{ errorCode, message, fields }`), no 500, and no
 * change to the database.
 */
import type { LocalOrg } from '../../scripts/org/org';
import { startFixtureOrg } from './helpers';

const BASE = '/services/data/v64.0';
const SUBSCRIPTION = 'Natterbox_Subscription__c';

interface Reply {
    status: number;
    body: unknown;
    text: string;
}

async function send(
    org: LocalOrg,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {}
): Promise<Reply> {
    let payload: string | undefined;
    if (typeof body === 'string') {
        payload = body;
    } else if (body !== undefined) {
        payload = JSON.stringify(body);
    }
    const response = await fetch(`${org.instanceUrl}${path}`, {
        method,
        headers: {
            Authorization: `Bearer ${org.accessToken}`,
            'Content-Type': 'application/json',
            ...headers
        },
        body: payload
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
}

/** Snapshot of every table the fixture org writes, to prove a request changed nothing. */
function snapshot(org: LocalOrg): string {
    const tables = ['user', 'natterbox_subscription__c', 'natterbox_user_license__c', '_sequence'];
    return JSON.stringify(
        tables.map((table) => org.store.db.prepare(`SELECT * FROM "${table}" ORDER BY 1`).all())
    );
}

function expectSalesforceError(reply: Reply, status: number, errorCode: string): void {
    expect(reply.status).toBe(status);
    expect(Array.isArray(reply.body)).toBe(true);
    const [error] = reply.body as { errorCode: string; message: string; fields: string[] }[];
    expect(error?.errorCode).toBe(errorCode);
    expect(typeof error?.message).toBe('string');
    expect(Array.isArray(error?.fields)).toBe(true);
    expect(reply.text).not.toMatch(/\n\s+at /);
}

describe('local org bad requests', () => {
    let org: LocalOrg;
    const logged: string[] = [];

    beforeAll(async () => {
        org = await startFixtureOrg({ logError: (message) => logged.push(message) });
        org.seed.insert(SUBSCRIPTION, [
            { Name: 'Twin A', License_Code__c: 'TWIN_A', Source_Name__c: 'Twin' },
            { Name: 'Twin B', License_Code__c: 'TWIN_B', Source_Name__c: 'Twin' }
        ]);
    });

    afterAll(async () => {
        await org.close();
    });

    afterEach(() => {
        expect(logged.splice(0)).toEqual([]);
    });

    test.each([
        ['a null record', 'POST', `${BASE}/composite/sobjects`, { records: [null] }],
        ['a number record', 'POST', `${BASE}/composite/sobjects`, { records: [7] }],
        ['an array record', 'PATCH', `${BASE}/composite/sobjects`, { records: [[]] }],
        [
            'a null upsert record',
            'PATCH',
            `${BASE}/composite/sobjects/${SUBSCRIPTION}/License_Code__c`,
            { records: [null] }
        ],
        [
            'a string allOrNone',
            'POST',
            `${BASE}/composite/sobjects`,
            {
                allOrNone: 'yes',
                records: [{ attributes: { type: SUBSCRIPTION }, Name: 'x', License_Code__c: 'X' }]
            }
        ],
        [
            'non-string retrieve fields',
            'POST',
            `${BASE}/composite/sobjects/${SUBSCRIPTION}`,
            { ids: ['a01000000000001AAA'], fields: [5] }
        ],
        [
            'non-string retrieve ids',
            'POST',
            `${BASE}/composite/sobjects/${SUBSCRIPTION}`,
            { ids: [{}], fields: ['Name'] }
        ]
    ])('Collections body with %s', async (_name, method, path, body) => {
        const before = snapshot(org);
        const reply = await send(org, method, path, body);
        expectSalesforceError(reply, 400, 'JSON_PARSER_ERROR');
        expect(snapshot(org)).toBe(before);
    });

    test.each([
        ['1e300', 1e300, 'NUMBER_OUTSIDE_VALID_RANGE'],
        ['1e9 as text', '1e9', 'NUMBER_OUTSIDE_VALID_RANGE'],
        ['hexadecimal text', '0x10', 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
        ['binary text', '0b11', 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
        ['Infinity text', 'Infinity', 'INVALID_TYPE_ON_FIELD_IN_RECORD']
    ])('number field given %s', async (_name, value, errorCode) => {
        const before = snapshot(org);
        const reply = await send(org, 'POST', `${BASE}/sobjects/${SUBSCRIPTION}`, {
            Name: 'Seats',
            License_Code__c: 'SEATS',
            Purchased_Seats__c: value
        });
        expectSalesforceError(reply, 400, errorCode);
        expect((reply.body as { fields: string[] }[])[0]?.fields).toEqual(['Purchased_Seats__c']);
        expect(snapshot(org)).toBe(before);
    });

    test.each([
        ['a day past the month end', '2024-02-30T10:00:00Z'],
        ['month 13', '2024-13-01T10:00:00Z'],
        ['hour 25', '2024-02-01T25:00:00Z'],
        ['a bare number', '1'],
        ['English text', 'March 7, 2024']
    ])('datetime field given %s', async (_name, value) => {
        const before = snapshot(org);
        const reply = await send(org, 'POST', `${BASE}/sobjects/${SUBSCRIPTION}`, {
            Name: 'Synced',
            License_Code__c: 'SYNCED',
            Last_Synced_At__c: value
        });
        expectSalesforceError(reply, 400, 'INVALID_TYPE_ON_FIELD_IN_RECORD');
        expect(snapshot(org)).toBe(before);
    });

    test.each([
        ['2024-02-29T23:30:00.000+0100', '2024-02-29T22:30:00.000+0000'],
        ['2024-02-29T23:30:00Z', '2024-02-29T23:30:00.000+0000'],
        ['2024-02-29T23:30:00-05:00', '2024-03-01T04:30:00.000+0000']
    ])('datetime field keeps %s', async (value, stored) => {
        const reply = await send(org, 'POST', `${BASE}/sobjects/${SUBSCRIPTION}`, {
            Name: 'Synced',
            License_Code__c: `SYNCED_${value}`,
            Last_Synced_At__c: value
        });
        expect(reply.status).toBe(201);
        const id = (reply.body as { id: string }).id;
        expect(org.store.read(SUBSCRIPTION, id)?.Last_Synced_At__c).toBe(stored);
    });

    test.each([
        ['a malformed Id', 'abc', 400, 'MALFORMED_ID'],
        ['an Id of another object', 'USER', 400, 'MALFORMED_ID'],
        ['an Id of no record', 'a01000000000zzzAAA', 404, 'NOT_FOUND']
    ])('upsert by Id with %s', async (_name, value, status, errorCode) => {
        const id = value === 'USER' ? org.adminUserId : value;
        const before = snapshot(org);
        const reply = await send(org, 'PATCH', `${BASE}/sobjects/${SUBSCRIPTION}/Id/${id}`, {
            Name: 'By Id'
        });
        expectSalesforceError(reply, status, errorCode);
        expect(snapshot(org)).toBe(before);
    });

    test('Collections results carry 18-character IDs', async () => {
        const [id] = org.seed.insert(SUBSCRIPTION, [{ Name: 'Short', License_Code__c: 'SHORT' }]);
        const short = (id as string).slice(0, 15);
        const updated = await send(org, 'PATCH', `${BASE}/composite/sobjects`, {
            records: [{ attributes: { type: SUBSCRIPTION }, id: short, Name: 'Short again' }]
        });
        expect((updated.body as { id: string }[])[0]?.id).toBe(id);
        const deleted = await send(org, 'DELETE', `${BASE}/composite/sobjects?ids=${short}`);
        expect((deleted.body as { id: string }[])[0]?.id).toBe(id);
    });

    test.each([
        ['no at sign', 'admin.example.com'],
        ['a space', 'ad min@example.com'],
        ['no domain dot', 'admin@example']
    ])('email field given %s', async (_name, value) => {
        const before = snapshot(org);
        const reply = await send(org, 'PATCH', `${BASE}/sobjects/User/${org.adminUserId}`, {
            Email: value
        });
        expectSalesforceError(reply, 400, 'INVALID_EMAIL_ADDRESS');
        expect((reply.body as { fields: string[] }[])[0]?.fields).toEqual(['Email']);
        expect(snapshot(org)).toBe(before);
    });

    test('number field keeps decimal text', async () => {
        const reply = await send(org, 'POST', `${BASE}/sobjects/${SUBSCRIPTION}`, {
            Name: 'Seats',
            License_Code__c: 'SEATS_TEXT',
            Purchased_Seats__c: ' 12 '
        });
        expect(reply.status).toBe(201);
        const id = (reply.body as { id: string }).id;
        expect(org.store.read(SUBSCRIPTION, id)?.Purchased_Seats__c).toBe(12);
    });

    test.each([
        [
            'LIMIT past any integer',
            'SELECT Id FROM User LIMIT 99999999999999999999',
            'MALFORMED_QUERY'
        ],
        ['OFFSET past 2000', 'SELECT Id FROM User OFFSET 2001', 'NUMBER_OUTSIDE_VALID_RANGE'],
        [
            'COUNT() with OFFSET past 2000',
            'SELECT COUNT() FROM User OFFSET 2001',
            'NUMBER_OUTSIDE_VALID_RANGE'
        ]
    ])('query with %s', async (_name, soql, errorCode) => {
        const reply = await send(org, 'GET', `${BASE}/query?q=${encodeURIComponent(soql)}`);
        expectSalesforceError(reply, 400, errorCode);
    });

    test('query with OFFSET 2000 runs', async () => {
        const reply = await send(
            org,
            'GET',
            `${BASE}/query?q=${encodeURIComponent('SELECT Id FROM User OFFSET 2000')}`
        );
        expect(reply.status).toBe(200);
    });

    test('malformed percent-encoding in the path', async () => {
        const reply = await send(org, 'GET', `${BASE}/sobjects/%E0%A4%A`);
        expectSalesforceError(reply, 404, 'NOT_FOUND');
    });

    test.each([
        ['PUT', `${BASE}/sobjects/${SUBSCRIPTION}`],
        ['DELETE', `${BASE}/sobjects/${SUBSCRIPTION}`],
        ['POST', `${BASE}/sobjects/${SUBSCRIPTION}/describe`],
        ['PATCH', `${BASE}/sobjects`]
    ])('%s on %s is METHOD_NOT_ALLOWED', async (method, path) => {
        const before = snapshot(org);
        const reply = await send(org, method, path, {});
        expectSalesforceError(reply, 405, 'METHOD_NOT_ALLOWED');
        expect(snapshot(org)).toBe(before);
    });

    test('deleting a user is rejected', async () => {
        const before = snapshot(org);
        const single = await send(org, 'DELETE', `${BASE}/sobjects/User/${org.adminUserId}`);
        expectSalesforceError(single, 400, 'INVALID_TYPE_FOR_OPERATION');
        const collection = await send(
            org,
            'DELETE',
            `${BASE}/composite/sobjects?ids=${org.adminUserId}`
        );
        expect(collection.status).toBe(200);
        const [result] = collection.body as {
            success: boolean;
            errors: { statusCode: string }[];
        }[];
        expect(result?.success).toBe(false);
        expect(result?.errors[0]?.statusCode).toBe('INVALID_TYPE_FOR_OPERATION');
        expect(snapshot(org)).toBe(before);
    });

    test('Collections upsert matching two records', async () => {
        const before = snapshot(org);
        const reply = await send(
            org,
            'PATCH',
            `${BASE}/composite/sobjects/${SUBSCRIPTION}/Source_Name__c`,
            {
                allOrNone: false,
                records: [{ attributes: { type: SUBSCRIPTION }, Source_Name__c: 'Twin', Name: 'x' }]
            }
        );
        expect(reply.status).toBe(200);
        const [result] = reply.body as { success: boolean; errors: { statusCode: string }[] }[];
        expect(result?.success).toBe(false);
        expect(result?.errors[0]?.statusCode).toBe('MULTIPLE_CHOICES');
        expect(snapshot(org)).toBe(before);
    });

    test('concurrent upserts of one external ID', async () => {
        const replies = await Promise.all(
            Array.from({ length: 40 }, (_, index) =>
                send(org, 'PATCH', `${BASE}/sobjects/${SUBSCRIPTION}/License_Code__c/RACE`, {
                    Name: `Race ${index}`,
                    Purchased_Seats__c: index
                })
            )
        );
        const statuses = replies.map((reply) => reply.status);
        expect(statuses.filter((status) => status === 201)).toHaveLength(1);
        expect(statuses.filter((status) => status === 200)).toHaveLength(39);
        expect(org.store.findIdsByField(SUBSCRIPTION, 'License_Code__c', 'RACE')).toHaveLength(1);
    });

    test('concurrent creates of one unique value', async () => {
        const replies = await Promise.all(
            Array.from({ length: 20 }, () =>
                send(org, 'POST', `${BASE}/sobjects/${SUBSCRIPTION}`, {
                    Name: 'Unique',
                    License_Code__c: 'UNIQUE_RACE'
                })
            )
        );
        expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
        for (const reply of replies.filter((entry) => entry.status !== 201)) {
            expectSalesforceError(reply, 400, 'DUPLICATE_VALUE');
        }
        expect(
            org.store.findIdsByField(SUBSCRIPTION, 'License_Code__c', 'UNIQUE_RACE')
        ).toHaveLength(1);
    });
});
