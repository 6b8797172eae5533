import { compileQuery } from '../../../scripts/org/soql';
import { createTestOrg, ids, NOW, type TestOrg } from './fixture';

let org: TestOrg;

beforeEach(() => {
    org = createTestOrg();
});

afterEach(() => {
    org.db.close();
});

function names(records: Record<string, unknown>[]): unknown[] {
    return records.map((record) => record.Name);
}

describe('SOQL record queries', () => {
    test('record shape follows the REST API', () => {
        const [record] = org.query(
            `SELECT Id, Name, Purchased_Seats__c, Provisioned__c, Last_Synced_At__c, Renewal_Date__c
             FROM Natterbox_Subscription__c WHERE License_Code__c = 'CTI'`
        );

        expect(record).toEqual({
            attributes: {
                type: 'Natterbox_Subscription__c',
                url: `/services/data/v64.0/sobjects/Natterbox_Subscription__c/${ids.cti}`
            },
            Id: ids.cti,
            Name: 'CTI',
            Purchased_Seats__c: 10,
            Provisioned__c: true,
            Last_Synced_At__c: '2026-03-11T00:00:00.000+0000',
            Renewal_Date__c: '2026-03-11'
        });
        expect(Object.keys(record!)).toEqual([
            'attributes',
            'Id',
            'Name',
            'Purchased_Seats__c',
            'Provisioned__c',
            'Last_Synced_At__c',
            'Renewal_Date__c'
        ]);
    });

    test('keys use schema spelling for any case', () => {
        const [record] = org.query(
            "select id, NAME, purchased_seats__C, PROVISIONED__c from natterbox_SUBSCRIPTION__c where license_code__c = 'sms'"
        );

        expect(record).toEqual({
            attributes: {
                type: 'Natterbox_Subscription__c',
                url: `/services/data/v64.0/sobjects/Natterbox_Subscription__c/${ids.sms}`
            },
            Id: ids.sms,
            Name: 'SMS 100%_off',
            Purchased_Seats__c: 2.5,
            Provisioned__c: false
        });
    });

    test('null values stay null', () => {
        const [record] = org.query(
            "SELECT Purchased_Seats__c, Last_Synced_At__c, Renewal_Date__c FROM Natterbox_Subscription__c WHERE License_Code__c = 'WHATSAPP'"
        );

        expect(record?.Purchased_Seats__c).toBeNull();
        expect(record?.Last_Synced_At__c).toBeNull();
        expect(record?.Renewal_Date__c).toBeNull();
    });

    test('url carries the requested API version', () => {
        const [record] = org.query(`SELECT Name FROM Profile WHERE Id = '${ids.admin}'`, {
            apiVersion: '61.0',
            now: NOW
        });

        expect(record?.attributes).toEqual({
            type: 'Profile',
            url: `/services/data/v61.0/sobjects/Profile/${ids.admin}`
        });
        expect(record).not.toHaveProperty('Id');
    });

    test('object alias prefixes resolve', () => {
        const records = org.query(
            "SELECT s.Name FROM Natterbox_Subscription__c s WHERE s.License_Code__c = 'FREEDOM'"
        );

        expect(names(records)).toEqual(['Freedom']);
    });
});

describe('SOQL parent relationships', () => {
    test('one and two levels nest', () => {
        const [record] = org.query(
            `SELECT Name, User__r.IsActive, User__r.Profile.Name, User__r.Name
             FROM Natterbox_User_License__c WHERE Id = '${ids.licenseAda}'`
        );

        expect(record).toEqual({
            attributes: {
                type: 'Natterbox_User_License__c',
                url: `/services/data/v64.0/sobjects/Natterbox_User_License__c/${ids.licenseAda}`
            },
            Name: 'NUL-000001',
            User__r: {
                attributes: { type: 'User', url: `/services/data/v64.0/sobjects/User/${ids.ada}` },
                IsActive: true,
                Profile: {
                    attributes: {
                        type: 'Profile',
                        url: `/services/data/v64.0/sobjects/Profile/${ids.admin}`
                    },
                    Name: 'System Administrator'
                },
                Name: 'Ada Lovelace'
            }
        });
    });

    test('empty lookup gives null parent', () => {
        const [record] = org.query(
            `SELECT Name, User__r.IsActive, User__r.Profile.Name FROM Natterbox_User_License__c
             WHERE Id = '${ids.licenseOrphan}'`
        );

        expect(record?.Name).toBe('NUL-000005');
        expect(record?.User__r).toBeNull();
    });

    test('empty second-level lookup gives null', () => {
        const [record] = org.query(
            `SELECT User__r.Name, User__r.Profile.Name FROM Natterbox_User_License__c
             WHERE Id = '${ids.licenseDev}'`
        );

        const user = record?.User__r as Record<string, unknown>;
        expect(user.Name).toBe('Dev Patel');
        expect(user.Profile).toBeNull();
    });

    test('parent Id is selectable', () => {
        const [record] = org.query(
            `SELECT User__r.Id, User__c FROM Natterbox_User_License__c WHERE Id = '${ids.licenseBob}'`
        );

        expect(record?.User__c).toBe(ids.bob);
        expect((record?.User__r as Record<string, unknown>).Id).toBe(ids.bob);
    });

    test('standard relationship on User', () => {
        const records = org.query('SELECT Name, Profile.Name FROM User ORDER BY Name');

        expect(
            records.map((record) => (record.Profile as { Name?: string } | null)?.Name ?? null)
        ).toEqual([
            'System Administrator',
            'Standard User',
            'Standard User',
            null,
            'System Administrator'
        ]);
    });
});

describe('SOQL ORDER BY', () => {
    test('text sorts case-insensitively', () => {
        const records = org.query('SELECT Name FROM User ORDER BY Name ASC');

        expect(names(records)).toEqual([
            'Ada Lovelace',
            'bob Brown',
            'Cleo Chen',
            'Dev Patel',
            "Eve O'Neil"
        ]);
    });

    test('nulls first ascending by default', () => {
        const records = org.query(
            'SELECT Name FROM Natterbox_Subscription__c ORDER BY Purchased_Seats__c'
        );

        expect(names(records)).toEqual([
            'WhatsApp',
            'SMS 100%_off',
            'Call Recording',
            'Freedom',
            'CTI'
        ]);
    });

    test('nulls last descending by default', () => {
        const records = org.query(
            'SELECT Name FROM Natterbox_Subscription__c ORDER BY Purchased_Seats__c DESC'
        );

        expect(names(records)).toEqual([
            'CTI',
            'Freedom',
            'Call Recording',
            'SMS 100%_off',
            'WhatsApp'
        ]);
    });

    test('explicit NULLS LAST and FIRST', () => {
        const ascending = org.query(
            'SELECT Name FROM Natterbox_Subscription__c ORDER BY Purchased_Seats__c ASC NULLS LAST'
        );
        const descending = org.query(
            'SELECT Name FROM Natterbox_Subscription__c ORDER BY Purchased_Seats__c DESC NULLS FIRST'
        );

        expect(names(ascending)).toEqual([
            'SMS 100%_off',
            'Call Recording',
            'Freedom',
            'CTI',
            'WhatsApp'
        ]);
        expect(names(descending)).toEqual([
            'WhatsApp',
            'CTI',
            'Freedom',
            'Call Recording',
            'SMS 100%_off'
        ]);
    });

    test('several keys and relationship fields', () => {
        const records = org.query(
            'SELECT Name FROM Natterbox_User_License__c ORDER BY User__r.Profile.Name DESC NULLS LAST, Name DESC'
        );

        expect(names(records)).toEqual([
            'NUL-000001',
            'NUL-000003',
            'NUL-000002',
            'NUL-000005',
            'NUL-000004'
        ]);
    });
});

describe('SOQL LIMIT and OFFSET', () => {
    test('pages through ordered records', () => {
        const soql = 'SELECT Name FROM User ORDER BY Name';

        expect(names(org.query(`${soql} LIMIT 2`))).toEqual(['Ada Lovelace', 'bob Brown']);
        expect(names(org.query(`${soql} LIMIT 2 OFFSET 2`))).toEqual(['Cleo Chen', 'Dev Patel']);
        expect(names(org.query(`${soql} LIMIT 2 OFFSET 4`))).toEqual(["Eve O'Neil"]);
        expect(names(org.query(`${soql} OFFSET 3`))).toEqual(['Dev Patel', "Eve O'Neil"]);
    });

    test('binds paging values as parameters', () => {
        const compiled = compileQuery('SELECT Name FROM User LIMIT 7 OFFSET 3', org.schema);

        expect(compiled.sql).toMatch(/LIMIT \? OFFSET \?$/);
        expect(compiled.params).toEqual([7, 3]);
    });
});

describe('SOQL formula fields', () => {
    test('resolver computes selected formulas', () => {
        const requests: string[] = [];
        const [record] = org.query(
            "SELECT Name, Legacy_CTI_Allowed__c FROM Natterbox_Subscription__c WHERE License_Code__c = 'CTI'",
            {
                now: NOW,
                resolveFormula: ({ object, field, recordId }) => {
                    requests.push(`${object.name}.${field.name}:${recordId}`);
                    return true;
                }
            }
        );

        expect(record?.Legacy_CTI_Allowed__c).toBe(true);
        expect(requests).toEqual([`Natterbox_Subscription__c.Legacy_CTI_Allowed__c:${ids.cti}`]);
    });

    test('without resolver formulas read their column', () => {
        org.db
            .prepare('UPDATE natterbox_subscription__c SET legacy_cti_allowed__c = 1 WHERE id = ?')
            .run(ids.cti);
        const [record] = org.query(
            "SELECT Legacy_CTI_Allowed__c FROM Natterbox_Subscription__c WHERE License_Code__c = 'CTI'"
        );

        expect(record).toHaveProperty('Legacy_CTI_Allowed__c', true);
    });
});
