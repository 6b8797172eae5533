import type { LocalOrg } from '../../scripts/org/org';
import { connect, startFixtureOrg } from './helpers';

interface ErrorShape {
    errorCode: string;
    message: string;
    fields: string[];
}

async function rawRequest(
    org: LocalOrg,
    method: string,
    path: string,
    body?: unknown,
    token = org.accessToken
): Promise<{ status: number; body: unknown; limitInfo: string | null }> {
    const response = await fetch(`${org.instanceUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        limitInfo: response.headers.get('sforce-limit-info')
    };
}

describe('local org error responses', () => {
    let org: LocalOrg;
    const base = '/services/data/v64.0';

    beforeAll(async () => {
        org = await startFixtureOrg();
        org.seed.insert('Natterbox_Subscription__c', [
            { Name: 'Freedom', License_Code__c: 'FREEDOM' }
        ]);
    });

    afterAll(async () => {
        await org.close();
    });

    test.each([
        [
            'MALFORMED_QUERY',
            'GET',
            `${base}/query?q=${encodeURIComponent('SELEC Id FROM User')}`,
            undefined,
            400
        ],
        [
            'INVALID_FIELD',
            'GET',
            `${base}/query?q=${encodeURIComponent('SELECT Nope__c FROM User')}`,
            undefined,
            400
        ],
        [
            'INVALID_TYPE',
            'GET',
            `${base}/query?q=${encodeURIComponent('SELECT Id FROM Nope__c')}`,
            undefined,
            400
        ],
        [
            'NOT_FOUND',
            'GET',
            `${base}/sobjects/Natterbox_Subscription__c/a01000000000000AAA`,
            undefined,
            404
        ],
        [
            'DUPLICATE_VALUE',
            'POST',
            `${base}/sobjects/Natterbox_Subscription__c`,
            { Name: 'Again', License_Code__c: 'freedom' },
            400
        ],
        [
            'REQUIRED_FIELD_MISSING',
            'POST',
            `${base}/sobjects/Natterbox_Subscription__c`,
            { Name: 'No code' },
            400
        ],
        [
            'STRING_TOO_LONG',
            'POST',
            `${base}/sobjects/Natterbox_Subscription__c`,
            { Name: 'Long', License_Code__c: 'X'.repeat(65) },
            400
        ],
        [
            'INVALID_TYPE_ON_FIELD_IN_RECORD',
            'POST',
            `${base}/sobjects/Natterbox_Subscription__c`,
            { Name: 'Seats', License_Code__c: 'S1', Purchased_Seats__c: 'many' },
            400
        ],
        [
            'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            'POST',
            `${base}/sobjects/Natterbox_Subscription__c`,
            { Name: 'Neg', License_Code__c: 'NEG', Purchased_Seats__c: -1 },
            400
        ],
        [
            'INVALID_FIELD',
            'POST',
            `${base}/sobjects/Natterbox_Subscription__c`,
            { Name: 'X', License_Code__c: 'X1', Nope__c: 1 },
            400
        ],
        [
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            'POST',
            `${base}/sobjects/Natterbox_Subscription__c`,
            { Name: 'P', License_Code__c: 'P1', Status__c: 'Gone' },
            400
        ]
    ])('%s from %s %s', async (errorCode, method, path, body, status) => {
        const response = await rawRequest(org, method, path, body);
        expect(response.status).toBe(status);
        const errors = response.body as ErrorShape[];
        expect(Array.isArray(errors)).toBe(true);
        expect(errors[0]?.errorCode).toBe(errorCode);
        expect(typeof errors[0]?.message).toBe('string');
    });

    test('validation error names the display field', async () => {
        const response = await rawRequest(
            org,
            'POST',
            `${base}/sobjects/Natterbox_Subscription__c`,
            { Name: 'Neg', License_Code__c: 'NEG2', Purchased_Seats__c: -5 }
        );
        expect(response.body).toEqual([
            {
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                message: 'Purchased seats cannot be negative.',
                fields: ['Purchased_Seats__c']
            }
        ]);
    });

    test('validation rule reads $Setup org default', async () => {
        const conn = connect(org);
        const record = { User__c: org.adminUserId, User_Id__c: org.adminUserId, CTI__c: true };
        await expect(
            conn.sobject('Natterbox_User_License__c').create(record)
        ).rejects.toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });
        org.seed.insert('Natterbox_Licensing_Settings__c', [{ Legacy_CTI_Allowed__c: true }]);
        const created = await conn.sobject('Natterbox_User_License__c').create(record);
        expect(created.success).toBe(true);
    });

    test('ISNEW, ISCHANGED and PRIORVALUE see the stored record', async () => {
        const conn = connect(org);
        const created = await conn
            .sobject('Natterbox_User_License__c')
            .create({ User_Id__c: '005PRIOR0000000000', Record__c: true });
        expect(created.success).toBe(true);
        const [id] = org.seed.insert('Natterbox_User_License__c', [
            { User_Id__c: '005PRIOR0000000001' }
        ]);
        const update = conn
            .sobject('Natterbox_User_License__c')
            .update({ Id: id as string, Record__c: true });
        await expect(update).rejects.toMatchObject({
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'Record needs CTI or Freedom.'
        });
        expect(org.store.read('Natterbox_User_License__c', id as string)?.Record__c).toBe(false);
    });

    test('bad token is 401 INVALID_SESSION_ID', async () => {
        const response = await rawRequest(org, 'GET', `${base}/limits`, undefined, 'not-a-token');
        expect(response.status).toBe(401);
        expect(response.body).toEqual([
            { errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid', fields: [] }
        ]);
    });

    test('used-up daily limit is 403 REQUEST_LIMIT_EXCEEDED', async () => {
        org.setLimits({ dailyApiRequests: 100, used: 100 });
        const response = await rawRequest(org, 'GET', `${base}/limits`);
        org.setLimits({ dailyApiRequests: 15000, used: 0 });
        expect(response.status).toBe(403);
        expect((response.body as ErrorShape[])[0]?.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    });

    test('limits and the Sforce-Limit-Info header agree', async () => {
        org.setLimits({ dailyApiRequests: 15000, used: 41 });
        const response = await rawRequest(org, 'GET', `${base}/limits`);
        expect(response.limitInfo).toBe('api-usage=42/15000');
        expect((response.body as Record<string, unknown>).DailyApiRequests).toEqual({
            Max: 15000,
            Remaining: 14958
        });
        const versions = await rawRequest(org, 'GET', '/services/data');
        expect(versions.limitInfo).toBeNull();
        expect(org.requestLog.at(-1)).toMatchObject({ path: '/services/data', apiCall: false });
        expect(org.requestLog.at(-2)).toMatchObject({
            path: `${base}/limits`,
            apiCall: true,
            status: 200
        });
    });
});
