import type { LocalOrg } from '../../scripts/org/org';
import { connect, startFixtureOrg } from './helpers';

describe('local org query', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startFixtureOrg();
        const records = Array.from({ length: 5000 }, (_, index) => ({
            User_Id__c: `005Q${String(index).padStart(14, '0')}`,
            Freedom__c: index % 2 === 0,
            CTI__c: index % 2 === 0
        }));
        org.seed.insert('Natterbox_User_License__c', records);
    });

    afterAll(async () => {
        await org.close();
    });

    test('pages of 2000 with nextRecordsUrl', async () => {
        const conn = connect(org);
        const soql = encodeURIComponent(
            'SELECT Id, User_Id__c FROM Natterbox_User_License__c ORDER BY User_Id__c'
        );
        const first = await conn.request<{
            totalSize: number;
            done: boolean;
            records: unknown[];
            nextRecordsUrl?: string;
        }>(`/services/data/v64.0/query?q=${soql}`);
        expect(first.totalSize).toBe(5000);
        expect(first.done).toBe(false);
        expect(first.records).toHaveLength(2000);
        expect(first.nextRecordsUrl).toMatch(
            /^\/services\/data\/v64\.0\/query\/0r8[A-Za-z0-9]+-2000$/
        );
        const second = await conn.request<{ records: { User_Id__c: string }[] }>(
            first.nextRecordsUrl as string
        );
        expect(second.records).toHaveLength(2000);
        expect(second.records[0]?.User_Id__c).toBe(`005Q${String(2000).padStart(14, '0')}`);
    });

    test('paging by a non-unique field loses and repeats nothing', async () => {
        const conn = connect(org);
        const soql = encodeURIComponent(
            'SELECT Id, Freedom__c FROM Natterbox_User_License__c ORDER BY Freedom__c DESC'
        );
        const headers = { 'Sforce-Query-Options': 'batchSize=300' };
        type Page = {
            totalSize: number;
            records: { Id: string; Freedom__c: boolean }[];
            nextRecordsUrl?: string;
        };
        let page = await conn.request<Page>({
            method: 'GET',
            url: `/services/data/v64.0/query?q=${soql}`,
            headers
        });
        const seen = [...page.records];
        let pages = 1;
        // A new index changes SQLite's plan between pages, as an ANALYZE or
        // a schema change can; the order of ties must not depend on the plan.
        org.store.db.exec(
            'CREATE INDEX "license_freedom_idx" ON "natterbox_user_license__c" ("freedom__c")'
        );
        try {
            while (page.nextRecordsUrl) {
                page = await conn.request<Page>({
                    method: 'GET',
                    url: page.nextRecordsUrl,
                    headers
                });
                seen.push(...page.records);
                pages++;
            }
        } finally {
            org.store.db.exec('DROP INDEX "license_freedom_idx"');
        }
        const ids = seen.map((record) => record.Id);
        expect(pages).toBe(17);
        expect(ids).toHaveLength(5000);
        expect(new Set(ids).size).toBe(5000);
        // Ties on the ORDER BY field come back in Id order on every page.
        const compareIds = (a: string, b: string): number => {
            if (a === b) {
                return 0;
            }
            return a < b ? -1 : 1;
        };
        const expected = [...seen].sort(
            (a, b) => Number(b.Freedom__c) - Number(a.Freedom__c) || compareIds(a.Id, b.Id)
        );
        expect(ids).toEqual(expected.map((record) => record.Id));
    });

    test('paging honours the query LIMIT and OFFSET', async () => {
        const conn = connect(org);
        const all = await conn.query<{ Id: string }>(
            'SELECT Id FROM Natterbox_User_License__c ORDER BY CTI__c, Id'
        );
        const window = all.records.length;
        expect(window).toBe(2000);
        const soql = encodeURIComponent(
            'SELECT Id FROM Natterbox_User_License__c ORDER BY CTI__c LIMIT 4100 OFFSET 7'
        );
        type Page = { totalSize: number; records: { Id: string }[]; nextRecordsUrl?: string };
        let page = await conn.request<Page>(`/services/data/v64.0/query?q=${soql}`);
        expect(page.totalSize).toBe(4100);
        const ids = page.records.map((record) => record.Id);
        while (page.nextRecordsUrl) {
            page = await conn.request<Page>(page.nextRecordsUrl);
            ids.push(...page.records.map((record) => record.Id));
        }
        expect(ids).toHaveLength(4100);
        expect(new Set(ids).size).toBe(4100);
        expect(ids.slice(0, 1993)).toEqual(all.records.slice(7).map((record) => record.Id));
    });

    test('autoFetch reads all 5000 in 3 requests', async () => {
        const conn = connect(org);
        const before = org.requestLog.length;
        const records: unknown[] = [];
        await new Promise<void>((resolve, reject) => {
            conn.query('SELECT Id FROM Natterbox_User_License__c')
                .on('record', (record) => records.push(record))
                .on('end', () => resolve())
                .on('error', reject)
                .run({ autoFetch: true, maxFetch: 10000 });
        });
        expect(records).toHaveLength(5000);
        expect(
            org.requestLog
                .slice(before)
                .map((entry) => entry.path.split('?')[0]?.replace(/0r8\w+-\d+/, 'LOCATOR'))
        ).toEqual([
            '/services/data/v64.0/query',
            '/services/data/v64.0/query/LOCATOR',
            '/services/data/v64.0/query/LOCATOR'
        ]);
    });

    test('autoFetch stops silently at maxFetch', async () => {
        const conn = connect(org);
        const before = org.requestLog.length;
        const result = await conn
            .query('SELECT Id FROM Natterbox_User_License__c')
            .run({ autoFetch: true, maxFetch: 3000 });
        expect(result.records).toHaveLength(3000);
        expect(result.totalSize).toBe(5000);
        expect(org.requestLog.length - before).toBe(2);
    });

    test('count query returns totalSize only', async () => {
        const conn = connect(org);
        const result = await conn.query(
            'SELECT COUNT() FROM Natterbox_User_License__c WHERE Freedom__c = true'
        );
        expect(result.totalSize).toBe(2500);
        expect(result.records).toEqual([]);
    });

    test('relationship field Profile.Name', async () => {
        const conn = connect(org);
        const result = await conn.query<{ Profile: { Name: string } }>(
            `SELECT Id, Profile.Name FROM User WHERE Id = '${org.adminUserId}'`
        );
        expect(result.records[0]?.Profile.Name).toBe('System Administrator');
    });

    test('unknown locator is INVALID_QUERY_LOCATOR', async () => {
        const conn = connect(org);
        await expect(
            conn.queryMore('/services/data/v64.0/query/0r8AAAAAAAAAAAAAAA-2000')
        ).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
    });
});
