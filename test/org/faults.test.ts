import { Connection } from 'jsforce';
import type { LocalOrg } from '../../scripts/org/org';
import { connect, startFixtureOrg } from './helpers';

describe('local org fault injection', () => {
    let org: LocalOrg;

    beforeEach(async () => {
        org = await startFixtureOrg();
    });

    afterEach(async () => {
        await org.close();
    });

    test('expired session then jsforce refreshes', async () => {
        const conn = new Connection({
            instanceUrl: org.instanceUrl,
            accessToken: org.accessToken,
            refreshToken: org.refreshToken,
            oauth2: {
                clientId: 'local-client',
                clientSecret: 'local-secret',
                loginUrl: org.instanceUrl,
                redirectUri: 'http://127.0.0.1/callback'
            },
            version: '64.0'
        });
        const refreshed: string[] = [];
        conn.on('refresh', (accessToken: string) => refreshed.push(accessToken));
        org.faults.add({ kind: 'expiredSession', method: 'GET', path: '/query$' });
        const result = await conn.query('SELECT Id FROM User');
        expect(result.totalSize).toBe(1);
        expect(refreshed).toHaveLength(1);
        expect(refreshed[0]).not.toBe(org.accessToken);
        expect(
            org.requestLog.map((entry) => [entry.method, entry.path.split('?')[0], entry.status])
        ).toEqual([
            ['GET', '/services/data/v64.0/query', 401],
            ['POST', '/services/oauth2/token', 200],
            ['GET', '/services/data/v64.0/query', 200]
        ]);
        expect(org.apiCalls()).toHaveLength(1);
    });

    test('REQUEST_LIMIT_EXCEEDED is not retried', async () => {
        org.faults.add({ kind: 'requestLimitExceeded', path: '/query$' });
        await expect(connect(org).query('SELECT Id FROM User')).rejects.toMatchObject({
            errorCode: 'REQUEST_LIMIT_EXCEEDED'
        });
        expect(org.requestLog).toHaveLength(1);
        expect(org.requestLog[0]?.status).toBe(403);
    });

    test('503 on GET is retried by jsforce', async () => {
        org.faults.add({ kind: 'serviceUnavailable', method: 'GET', path: '/query$' });
        const result = await connect(org).query('SELECT Id FROM User');
        expect(result.totalSize).toBe(1);
        expect(org.requestLog.map((entry) => entry.status)).toEqual([503, 200]);
    });

    test('503 on PATCH is not retried', async () => {
        org.faults.add({ kind: 'serviceUnavailable', method: 'PATCH' });
        const upsert = connect(org)
            .sobject('Natterbox_Subscription__c')
            .upsert([{ License_Code__c: 'CTI', Name: 'CTI' }], 'License_Code__c');
        await expect(upsert).rejects.toBeDefined();
        expect(org.requestLog.map((entry) => entry.status)).toEqual([503]);
        expect(org.store.count('Natterbox_Subscription__c')).toBe(0);
    });

    test('503 on POST is not retried', async () => {
        org.faults.add({ kind: 'serviceUnavailable', method: 'POST' });
        const create = connect(org)
            .sobject('Natterbox_Subscription__c')
            .create({ License_Code__c: 'CTI', Name: 'CTI' });
        await expect(create).rejects.toBeDefined();
        expect(org.requestLog.map((entry) => entry.status)).toEqual([503]);
        expect(org.store.count('Natterbox_Subscription__c')).toBe(0);
    });

    test('dropped connection on GET is retried', async () => {
        org.faults.add({ kind: 'dropConnection', method: 'GET', path: '/query$' });
        const result = await connect(org).query('SELECT Id FROM User');
        expect(result.totalSize).toBe(1);
        expect(org.requestLog.map((entry) => [entry.status, entry.fault])).toEqual([
            [0, 'dropConnection'],
            [200, undefined]
        ]);
    });

    test('dropped connection on PATCH is not retried', async () => {
        org.faults.add({ kind: 'dropConnection', method: 'PATCH' });
        const upsert = connect(org)
            .sobject('Natterbox_Subscription__c')
            .upsert([{ License_Code__c: 'CTI', Name: 'CTI' }], 'License_Code__c');
        await expect(upsert).rejects.toBeDefined();
        expect(org.requestLog).toHaveLength(1);
    });

    test('UNABLE_TO_LOCK_ROW for chosen records', async () => {
        org.faults.add({
            kind: 'lockRow',
            method: 'PATCH',
            path: '/composite/sobjects/',
            recordIndexes: [1]
        });
        const records = ['CTI', 'FREEDOM', 'SCV'].map((code) => ({
            License_Code__c: code,
            Name: code
        }));
        const results = await connect(org)
            .sobject('Natterbox_Subscription__c')
            .upsert(records, 'License_Code__c');
        expect(results.map((result) => result.success)).toEqual([true, false, true]);
        expect(results[1]?.errors[0]).toMatchObject({ statusCode: 'UNABLE_TO_LOCK_ROW' });
        expect(
            org.store.findIdsByField('Natterbox_Subscription__c', 'License_Code__c', 'FREEDOM')
        ).toEqual([]);
        expect(org.store.count('Natterbox_Subscription__c')).toBe(2);
        expect(org.requestLog[0]?.status).toBe(200);
    });

    test('added latency delays the answer', async () => {
        org.faults.add({ kind: 'latency', latencyMs: 150, path: '/limits$' });
        const started = Date.now();
        await connect(org).request('/services/data/v64.0/limits');
        expect(Date.now() - started).toBeGreaterThanOrEqual(140);
        expect(org.requestLog[0]?.fault).toBe('latency');
    });

    test.each([
        ['null', null],
        ['a null in a list', [{ kind: 'latency' }, null]],
        ['a numeric method', { kind: 'latency', method: 7 }],
        ['an object path', { kind: 'latency', path: {} }],
        ['a text latency', { kind: 'latency', latencyMs: 'slow' }],
        ['negative record indexes', { kind: 'lockRow', recordIndexes: [-1] }]
    ])('control route rejects %s', async (_name, body) => {
        const response = await fetch(`${org.instanceUrl}/__local/faults`, {
            method: 'POST',
            headers: {
                Authorization: `Bearer ${org.accessToken}`,
                'Content-Type': 'application/json'
            },
            body: JSON.stringify(body)
        });
        expect(response.status).toBe(400);
        const [error] = (await response.json()) as { errorCode: string }[];
        expect(error?.errorCode).toBe('INVALID_FAULT');
        expect(org.faults.list()).toEqual([]);
    });

    test('faults over the control route', async () => {
        const headers = {
            Authorization: `Bearer ${org.accessToken}`,
            'Content-Type': 'application/json'
        };
        const denied = await fetch(`${org.instanceUrl}/__local/faults`, {
            method: 'POST',
            body: '{}'
        });
        expect(denied.status).toBe(401);
        const added = await fetch(`${org.instanceUrl}/__local/faults`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ kind: 'serviceUnavailable', path: '/limits$', count: 2 })
        });
        expect(added.status).toBe(201);
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 3; attempt++) {
            statuses.push(
                (await fetch(`${org.instanceUrl}/services/data/v64.0/limits`, { headers })).status
            );
        }
        expect(statuses).toEqual([503, 503, 200]);
        const requests = (await (
            await fetch(`${org.instanceUrl}/__local/requests`, { headers })
        ).json()) as { status: number; apiCall: boolean }[];
        expect(requests.map((entry) => entry.status)).toEqual([401, 201, 503, 503, 200]);
        expect(requests.filter((entry) => entry.apiCall)).toHaveLength(1);
        const limits = await fetch(`${org.instanceUrl}/__local/limits`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ used: 99, dailyApiRequests: 100 })
        });
        expect(await limits.json()).toEqual({ used: 99, dailyApiRequests: 100 });
        const lastCall = await fetch(`${org.instanceUrl}/services/data/v64.0/limits`, { headers });
        expect(lastCall.headers.get('sforce-limit-info')).toBe('api-usage=100/100');
        const overLimit = await fetch(`${org.instanceUrl}/services/data/v64.0/limits`, { headers });
        expect(overLimit.status).toBe(403);
        const invalid = await fetch(`${org.instanceUrl}/__local/faults`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ kind: 'meteor' })
        });
        expect(invalid.status).toBe(400);
    });
});
