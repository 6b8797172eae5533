import type { LocalOrg } from '../../scripts/org/org';
import { connect, startFixtureOrg } from './helpers';

describe('local org sObject rows', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startFixtureOrg();
    });

    afterAll(async () => {
        await org.close();
    });

    test('create, read, update and delete one record', async () => {
        const conn = connect(org);
        const created = await conn.sobject('Natterbox_Subscription__c').create({
            Name: 'Freedom',
            License_Code__c: 'FREEDOM',
            Purchased_Seats__c: 12
        });
        expect(created.success).toBe(true);
        expect(created.id).toMatch(/^a[0-9a-z]{2}[A-Za-z0-9]{15}$/);

        const read = await conn.sobject('Natterbox_Subscription__c').retrieve(created.id as string);
        expect(read.Purchased_Seats__c).toBe(12);
        expect(read.Provisioned__c).toBe(false);
        expect(read.OwnerId).toBe(org.adminUserId);

        const updated = await conn
            .sobject('Natterbox_Subscription__c')
            .update({ Id: created.id as string, Purchased_Seats__c: 20 });
        expect(updated.success).toBe(true);
        expect(
            org.store.read('Natterbox_Subscription__c', created.id as string)?.Purchased_Seats__c
        ).toBe(20);

        await conn.sobject('Natterbox_Subscription__c').destroy(created.id as string);
        expect(org.store.read('Natterbox_Subscription__c', created.id as string)).toBeNull();
    });

    test('read with fields returns only those fields', async () => {
        const conn = connect(org);
        const id = org.seed.insert('Natterbox_Subscription__c', [
            { Name: 'SMS', License_Code__c: 'SMS', Purchased_Seats__c: 3 }
        ])[0] as string;
        const response = await conn.request<Record<string, unknown>>(
            `/services/data/v64.0/sobjects/Natterbox_Subscription__c/${id}?fields=Name,Purchased_Seats__c`
        );
        expect(Object.keys(response).sort()).toEqual(['Name', 'Purchased_Seats__c', 'attributes']);
        expect(response.Name).toBe('SMS');
    });

    test('upsert by external ID reports created then updated', async () => {
        const conn = connect(org);
        const first = await conn.request<Record<string, unknown>>({
            method: 'PATCH',
            url: '/services/data/v64.0/sobjects/Natterbox_Subscription__c/License_Code__c/VOICE',
            body: JSON.stringify({ Name: 'Voice', Purchased_Seats__c: 5 }),
            headers: { 'content-type': 'application/json' }
        });
        expect(first).toEqual({ id: expect.any(String), success: true, errors: [], created: true });
        const second = await conn.request<Record<string, unknown>>({
            method: 'PATCH',
            url: '/services/data/v64.0/sobjects/Natterbox_Subscription__c/License_Code__c/VOICE',
            body: JSON.stringify({ Purchased_Seats__c: 9 }),
            headers: { 'content-type': 'application/json' }
        });
        expect(second).toEqual({ id: first.id, success: true, errors: [], created: false });
        const statuses = org.requestLog
            .filter((entry) => entry.path.includes('License_Code__c/VOICE'))
            .map((entry) => entry.status);
        expect(statuses).toEqual([201, 200]);
        expect(
            org.store.read('Natterbox_Subscription__c', first.id as string)?.Purchased_Seats__c
        ).toBe(9);
    });

    test('auto number and formula fields on read', async () => {
        const conn = connect(org);
        const settings = await conn
            .sobject('Natterbox_Licensing_Settings__c')
            .create({ Legacy_CTI_Allowed__c: true });
        expect(settings.success).toBe(true);
        const first = await conn
            .sobject('Natterbox_User_License__c')
            .create({ User__c: org.adminUserId, User_Id__c: org.adminUserId, CTI__c: true });
        const license = await conn
            .sobject('Natterbox_User_License__c')
            .retrieve(first.id as string);
        expect(license.Name).toMatch(/^NUL-\d{6}$/);
        const subscription = await conn
            .sobject('Natterbox_Subscription__c')
            .create({ Name: 'CTI', License_Code__c: 'CTI', Purchased_Seats__c: 4 });
        const read = await conn
            .sobject('Natterbox_Subscription__c')
            .retrieve(subscription.id as string);
        expect(read.Legacy_CTI_Allowed__c).toBe(true);
        expect(read.Seat_Label__c).toBe('CTI (4)');
        await conn.sobject('Natterbox_Licensing_Settings__c').destroy(settings.id as string);
        const after = await conn
            .sobject('Natterbox_Subscription__c')
            .retrieve(subscription.id as string);
        expect(after.Legacy_CTI_Allowed__c).toBe(false);
    });

    test('describe lists fields with types', async () => {
        const conn = connect(org);
        const describe = await conn.sobject('Natterbox_User_License__c').describe();
        const userField = describe.fields.find((field) => field.name === 'User__c');
        expect(userField?.type).toBe('reference');
        expect(userField?.referenceTo).toEqual(['User']);
        expect(userField?.relationshipName).toBe('User__r');
        const external = describe.fields.find((field) => field.name === 'User_Id__c');
        expect(external?.externalId).toBe(true);
        expect(external?.unique).toBe(true);
        const global = await conn.describeGlobal();
        expect(global.sobjects.map((object) => object.name)).toEqual(
            expect.arrayContaining(['User', 'Profile', 'Organization', 'Natterbox_User_License__c'])
        );
        const user = await conn.sobject('User').describe();
        expect(
            user.childRelationships.map((relationship) => relationship.relationshipName)
        ).toContain('Natterbox_User_Licenses__r');
    });

    test('external ID matching two records is 300', async () => {
        const ids = org.seed.insert('Natterbox_Subscription__c', [
            { Name: 'Twin A', License_Code__c: 'TWIN_A', Source_Name__c: 'Twin' },
            { Name: 'Twin B', License_Code__c: 'TWIN_B', Source_Name__c: 'Twin' }
        ]);
        const response = await fetch(
            `${org.instanceUrl}/services/data/v64.0/sobjects/Natterbox_Subscription__c/Source_Name__c/Twin`,
            {
                method: 'PATCH',
                headers: {
                    Authorization: `Bearer ${org.accessToken}`,
                    'Content-Type': 'application/json'
                },
                body: JSON.stringify({ Purchased_Seats__c: 1 })
            }
        );
        expect(response.status).toBe(300);
        const body = (await response.json()) as string[];
        expect(body.sort()).toEqual(
            ids.map((id) => `/services/data/v64.0/sobjects/Natterbox_Subscription__c/${id}`).sort()
        );
        expect(
            org.store.read('Natterbox_Subscription__c', ids[0] as string)?.Purchased_Seats__c
        ).toBeNull();
    });

    test('upsert with updateOnly does not create', async () => {
        const response = await fetch(
            `${org.instanceUrl}/services/data/v64.0/sobjects/Natterbox_Subscription__c/License_Code__c/NEVER?updateOnly=true`,
            {
                method: 'PATCH',
                headers: {
                    Authorization: `Bearer ${org.accessToken}`,
                    'Content-Type': 'application/json'
                },
                body: JSON.stringify({ Name: 'Never' })
            }
        );
        expect(response.status).toBe(404);
        expect(
            org.store.findIdsByField('Natterbox_Subscription__c', 'License_Code__c', 'NEVER')
        ).toEqual([]);
    });

    test('latest alias and versions list', async () => {
        const headers = { Authorization: `Bearer ${org.accessToken}` };
        const versions = (await (await fetch(`${org.instanceUrl}/services/data`)).json()) as {
            version: string;
            url: string;
        }[];
        const newest = versions.at(-1);
        expect(newest?.version).toBe('67.0');
        expect(versions.map((entry) => entry.version)).toContain('51.0');
        const latest = await fetch(
            `${org.instanceUrl}/services/data/latest/sobjects/User/${org.adminUserId}`,
            { headers }
        );
        expect(latest.status).toBe(200);
        expect(((await latest.json()) as { attributes: { url: string } }).attributes.url).toBe(
            `/services/data/v67.0/sobjects/User/${org.adminUserId}`
        );
        const old = await fetch(`${org.instanceUrl}/services/data/v40.0/limits`, { headers });
        expect(old.status).toBe(404);
    });
});
