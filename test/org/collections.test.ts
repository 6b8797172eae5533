import type { LocalOrg } from '../../scripts/org/org';
import { connect, startFixtureOrg } from './helpers';

function licenseRecords(count: number, offset = 0): Record<string, unknown>[] {
    return Array.from({ length: count }, (_, index) => ({
        User_Id__c: `005EXT${String(index + offset).padStart(12, '0')}`,
        Freedom__c: true,
        CTI__c: true
    }));
}

describe('local org sObject Collections', () => {
    let org: LocalOrg;

    beforeEach(async () => {
        org = await startFixtureOrg();
    });

    afterEach(async () => {
        await org.close();
    });

    test('450 records upsert in 3 requests', async () => {
        const conn = connect(org);
        const before = org.requestLog.length;
        const results = await conn
            .sobject('Natterbox_User_License__c')
            .upsert(licenseRecords(450), 'User_Id__c', { allOrNone: true, allowRecursive: true });
        const requests = org.requestLog.slice(before);
        expect(requests).toHaveLength(3);
        expect(
            requests.every(
                (entry) =>
                    entry.method === 'PATCH' &&
                    entry.path ===
                        '/services/data/v64.0/composite/sobjects/Natterbox_User_License__c/User_Id__c'
            )
        ).toBe(true);
        expect(results).toHaveLength(450);
        expect(results.every((result) => result.success && result.created)).toBe(true);
        expect(org.store.count('Natterbox_User_License__c')).toBe(450);

        const again = await conn
            .sobject('Natterbox_User_License__c')
            .upsert(licenseRecords(450), 'User_Id__c', { allOrNone: true, allowRecursive: true });
        expect(again.every((result) => result.success && result.created === false)).toBe(true);
        expect(org.store.count('Natterbox_User_License__c')).toBe(450);
    });

    test('more than 200 records is rejected', async () => {
        const conn = connect(org);
        await expect(
            conn.sobject('Natterbox_User_License__c').upsert(licenseRecords(201), 'User_Id__c')
        ).rejects.toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' });
        expect(org.store.count('Natterbox_User_License__c')).toBe(0);
    });

    test('allOrNone rolls back the whole batch', async () => {
        const conn = connect(org);
        const records = licenseRecords(3);
        records[1] = { ...records[1], CTI__c: true, Freedom__c: false };
        const results = await conn
            .sobject('Natterbox_User_License__c')
            .upsert(records, 'User_Id__c', { allOrNone: true });
        expect(results.map((result) => result.success)).toEqual([false, false, false]);
        expect(results[1]?.errors[0]).toMatchObject({
            statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            fields: ['CTI__c']
        });
        expect(results[0]?.errors[0]).toMatchObject({
            statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK'
        });
        expect(org.store.count('Natterbox_User_License__c')).toBe(0);
    });

    test('without allOrNone other records are saved', async () => {
        const conn = connect(org);
        const records = licenseRecords(3);
        records[2] = { ...records[2], Freedom__c: false };
        const results = await conn
            .sobject('Natterbox_User_License__c')
            .upsert(records, 'User_Id__c', { allOrNone: false });
        expect(results.map((result) => result.success)).toEqual([true, true, false]);
        expect(org.store.count('Natterbox_User_License__c')).toBe(2);
    });

    test('one batch holding an external ID twice', async () => {
        const conn = connect(org);
        const records = [...licenseRecords(2), ...licenseRecords(1)];
        const results = await conn
            .sobject('Natterbox_User_License__c')
            .upsert(records, 'User_Id__c');
        expect(results.map((result) => result.success)).toEqual([false, true, false]);
        expect(results[0]?.errors[0]).toMatchObject({ statusCode: 'DUPLICATE_VALUE' });
        expect(org.store.count('Natterbox_User_License__c')).toBe(1);
    });

    test('create, update and delete collections', async () => {
        const conn = connect(org);
        const created = await conn.sobject('Natterbox_Subscription__c').create([
            { Name: 'Freedom', License_Code__c: 'FREEDOM', Purchased_Seats__c: 1 },
            { Name: 'CTI', License_Code__c: 'CTI', Purchased_Seats__c: 2 }
        ]);
        expect(created.map((result) => result.success)).toEqual([true, true]);
        const ids = created.map((result) => result.id as string);
        const updated = await conn
            .sobject('Natterbox_Subscription__c')
            .update(ids.map((Id) => ({ Id, Purchased_Seats__c: 7 })));
        expect(updated.map((result) => result.success)).toEqual([true, true]);
        expect(
            org.store.read('Natterbox_Subscription__c', ids[1] as string)?.Purchased_Seats__c
        ).toBe(7);
        const deleted = await conn.sobject('Natterbox_Subscription__c').destroy(ids);
        expect(deleted.map((result) => result.success)).toEqual([true, true]);
        expect(org.store.count('Natterbox_Subscription__c')).toBe(0);
    });
});
