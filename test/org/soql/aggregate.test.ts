import { compileQuery } from '../../../scripts/org/soql';
import { createTestOrg, type TestOrg } from './fixture';

let org: TestOrg;

beforeEach(() => {
    org = createTestOrg();
});

afterEach(() => {
    org.db.close();
});

const AGGREGATE = { type: 'AggregateResult' };

describe('SOQL COUNT()', () => {
    test('counts every record', () => {
        expect(org.count('SELECT COUNT() FROM Natterbox_User_License__c')).toBe(5);
    });

    test('counts filtered records', () => {
        expect(org.count('SELECT COUNT() FROM Natterbox_User_License__c WHERE CTI__c = true')).toBe(
            3
        );
        expect(
            org.count(
                'SELECT COUNT() FROM Natterbox_User_License__c WHERE User__r.IsActive = false'
            )
        ).toBe(1);
    });

    test('LIMIT caps the count', () => {
        expect(org.count('SELECT COUNT() FROM User LIMIT 2')).toBe(2);
        expect(org.count('SELECT COUNT() FROM User LIMIT 10 OFFSET 4')).toBe(1);
    });

    test('compiles to a countOnly statement', () => {
        const compiled = compileQuery("SELECT count() FROM User WHERE Name = 'x'", org.schema);

        expect(compiled.countOnly).toBe(true);
        expect(compiled.objectName).toBe('User');
        expect(compiled.params).toEqual(['x']);
        expect(() => compiled.toRecord({ totalSize: 1 })).toThrow(/totalSize/);
    });
});

describe('SOQL aggregate functions', () => {
    test('COUNT and SUM without GROUP BY', () => {
        const records = org.query(
            'SELECT COUNT(Id), SUM(Purchased_Seats__c), COUNT(Purchased_Seats__c) FROM Natterbox_Subscription__c'
        );

        expect(records).toEqual([{ attributes: AGGREGATE, expr0: 5, expr1: 20.5, expr2: 4 }]);
    });

    test('GROUP BY with SUM and aliases', () => {
        const records = org.query(
            `SELECT Provisioned__c, SUM(Purchased_Seats__c) seats, COUNT(Id)
             FROM Natterbox_Subscription__c GROUP BY Provisioned__c ORDER BY Provisioned__c`
        );

        expect(records).toEqual([
            { attributes: AGGREGATE, Provisioned__c: false, seats: 2.5, expr0: 2 },
            { attributes: AGGREGATE, Provisioned__c: true, seats: 18, expr0: 3 }
        ]);
    });

    test('expr numbering skips aliased items', () => {
        const [record] = org.query(
            'SELECT COUNT(Id), SUM(Api_Calls__c) total, MAX(Api_Calls__c), MIN(Name) FROM Natterbox_Sync_Run__c'
        );

        expect(record).toEqual({
            attributes: AGGREGATE,
            expr0: 3,
            total: 12,
            expr1: 6,
            expr2: 'SYNC-000001'
        });
    });

    test('GROUP BY on a relationship field', () => {
        const records = org.query(
            `SELECT Requested_By__r.Name, COUNT(Id) runs, SUM(Api_Calls__c)
             FROM Natterbox_Sync_Run__c GROUP BY Requested_By__r.Name ORDER BY COUNT(Id) DESC`
        );

        expect(records).toEqual([
            { attributes: AGGREGATE, Name: 'Ada Lovelace', runs: 2, expr0: 10 },
            { attributes: AGGREGATE, Name: 'bob Brown', runs: 1, expr0: 2 }
        ]);
    });

    test('ORDER BY an aggregate and LIMIT', () => {
        const records = org.query(
            `SELECT Status__c, SUM(Api_Calls__c) FROM Natterbox_Sync_Run__c
             GROUP BY Status__c ORDER BY SUM(Api_Calls__c) ASC LIMIT 1`
        );

        expect(records).toEqual([{ attributes: AGGREGATE, Status__c: 'Failed', expr0: 2 }]);
    });

    test('SUM of no rows is null', () => {
        const records = org.query(
            "SELECT SUM(Purchased_Seats__c), COUNT(Id) FROM Natterbox_Subscription__c WHERE Name = 'none'"
        );

        expect(records).toEqual([{ attributes: AGGREGATE, expr0: null, expr1: 0 }]);
    });

    test('COUNT_DISTINCT and grouping per user', () => {
        const [distinct] = org.query('SELECT COUNT_DISTINCT(Status__c) FROM Natterbox_Sync_Run__c');
        const perUser = org.query(
            `SELECT User__r.IsActive active, COUNT(Id) FROM Natterbox_User_License__c
             WHERE User__c != null GROUP BY User__r.IsActive ORDER BY User__r.IsActive DESC`
        );

        expect(distinct).toEqual({ attributes: AGGREGATE, expr0: 2 });
        expect(perUser).toEqual([
            { attributes: AGGREGATE, active: true, expr0: 3 },
            { attributes: AGGREGATE, active: false, expr0: 1 }
        ]);
    });

    test('GROUP BY several fields', () => {
        const records = org.query(
            `SELECT User__r.IsActive, CTI__c, Freedom__c, SMS__c, COUNT(Id) holders
             FROM Natterbox_User_License__c WHERE CTI__c = true OR Freedom__c = true OR SMS__c = true
             GROUP BY User__r.IsActive, CTI__c, Freedom__c, SMS__c
             ORDER BY User__r.IsActive, CTI__c, Freedom__c, SMS__c`
        );

        expect(records).toEqual([
            {
                attributes: AGGREGATE,
                IsActive: null,
                CTI__c: false,
                Freedom__c: false,
                SMS__c: true,
                holders: 1
            },
            {
                attributes: AGGREGATE,
                IsActive: true,
                CTI__c: true,
                Freedom__c: false,
                SMS__c: false,
                holders: 1
            },
            {
                attributes: AGGREGATE,
                IsActive: true,
                CTI__c: true,
                Freedom__c: false,
                SMS__c: true,
                holders: 1
            },
            {
                attributes: AGGREGATE,
                IsActive: true,
                CTI__c: true,
                Freedom__c: true,
                SMS__c: false,
                holders: 1
            }
        ]);
    });
});
