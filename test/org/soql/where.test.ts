import fc from 'fast-check';
import { compileQuery } from '../../../scripts/org/soql';
import { createTestOrg, ids, NOW, type TestOrg } from './fixture';

let org: TestOrg;

beforeEach(() => {
    org = createTestOrg();
});

afterEach(() => {
    org.db.close();
});

function subscriptionCodes(where: string, now = NOW): unknown[] {
    return org
        .query(
            `SELECT License_Code__c FROM Natterbox_Subscription__c WHERE ${where} ORDER BY License_Code__c`,
            { now }
        )
        .map((record) => record.License_Code__c);
}

function licenseNames(where: string): unknown[] {
    return org
        .query(`SELECT Name FROM Natterbox_User_License__c WHERE ${where} ORDER BY Name`)
        .map((record) => record.Name);
}

describe('SOQL WHERE comparisons', () => {
    test.each([
        ['Purchased_Seats__c = 5', ['FREEDOM']],
        ['Purchased_Seats__c != 5', ['CTI', 'OTHER_CALL_RECORDING', 'SMS', 'WHATSAPP']],
        ['Purchased_Seats__c <> 5', ['CTI', 'OTHER_CALL_RECORDING', 'SMS', 'WHATSAPP']],
        ['Purchased_Seats__c < 5', ['OTHER_CALL_RECORDING', 'SMS']],
        ['Purchased_Seats__c <= 5', ['FREEDOM', 'OTHER_CALL_RECORDING', 'SMS']],
        ['Purchased_Seats__c > 5', ['CTI']],
        ['Purchased_Seats__c >= 5', ['CTI', 'FREEDOM']],
        ['Purchased_Seats__c > 2.4', ['CTI', 'FREEDOM', 'OTHER_CALL_RECORDING', 'SMS']],
        ['Purchased_Seats__c > -1', ['CTI', 'FREEDOM', 'OTHER_CALL_RECORDING', 'SMS']]
    ])('numbers: %s', (where, expected) => {
        expect(subscriptionCodes(where)).toEqual(expected);
    });

    test.each([
        ["Name = 'freedom'", ['FREEDOM']],
        ["Name != 'FREEDOM'", ['CTI', 'OTHER_CALL_RECORDING', 'SMS', 'WHATSAPP']],
        ["Name < 'D'", ['CTI', 'OTHER_CALL_RECORDING']],
        ["Name >= 'w'", ['WHATSAPP']]
    ])('text ignores case: %s', (where, expected) => {
        expect(subscriptionCodes(where)).toEqual(expected);
    });

    test('case-sensitive fields compare exactly', () => {
        expect(licenseNames(`User_Id__c = '${ids.ada}'`)).toEqual(['NUL-000001']);
        expect(licenseNames(`User_Id__c = '${ids.ada.toLowerCase()}'`)).toEqual([]);
    });

    test('booleans compare with TRUE and FALSE', () => {
        expect(subscriptionCodes('Provisioned__c = TRUE')).toEqual([
            'CTI',
            'FREEDOM',
            'OTHER_CALL_RECORDING'
        ]);
        expect(subscriptionCodes('Provisioned__c = false')).toEqual(['SMS', 'WHATSAPP']);
        expect(subscriptionCodes('Provisioned__c != true')).toEqual(['SMS', 'WHATSAPP']);
    });

    test('null comparisons', () => {
        expect(subscriptionCodes('Purchased_Seats__c = null')).toEqual(['WHATSAPP']);
        expect(subscriptionCodes('Purchased_Seats__c != NULL')).toEqual([
            'CTI',
            'FREEDOM',
            'OTHER_CALL_RECORDING',
            'SMS'
        ]);
        expect(licenseNames('User__c = null')).toEqual(['NUL-000005']);
    });

    test('checkbox null means false', () => {
        expect(subscriptionCodes('Provisioned__c = null')).toEqual(['SMS', 'WHATSAPP']);
        expect(subscriptionCodes('Provisioned__c != null')).toEqual([
            'CTI',
            'FREEDOM',
            'OTHER_CALL_RECORDING'
        ]);
    });

    test('missing parent reads as null', () => {
        expect(licenseNames('User__r.Name = null')).toEqual(['NUL-000005']);
        expect(licenseNames('User__r.Profile.Name = null')).toEqual(['NUL-000004', 'NUL-000005']);
    });

    test('IDs accept the 15-character form', () => {
        expect(licenseNames(`User__c = '${ids.bob.slice(0, 15)}'`)).toEqual(['NUL-000002']);
        expect(licenseNames(`Id = '${ids.licenseCleo}'`)).toEqual(['NUL-000003']);
    });
});

describe('SOQL WHERE logic', () => {
    test('AND, OR and parentheses', () => {
        expect(licenseNames('CTI__c = true AND Freedom__c = false')).toEqual([
            'NUL-000002',
            'NUL-000004'
        ]);
        expect(licenseNames('Freedom__c = true OR SMS__c = true')).toEqual([
            'NUL-000001',
            'NUL-000002',
            'NUL-000005'
        ]);
        expect(licenseNames('(Freedom__c = true OR SMS__c = true) AND CTI__c = true')).toEqual([
            'NUL-000001',
            'NUL-000002'
        ]);
        expect(licenseNames('Freedom__c = true OR (SMS__c = true AND CTI__c = false)')).toEqual([
            'NUL-000001',
            'NUL-000005'
        ]);
        expect(
            licenseNames('((CTI__c = true)) AND ((SMS__c = true) OR (Freedom__c = true))')
        ).toEqual(['NUL-000001', 'NUL-000002']);
    });

    test('NOT negates the next condition', () => {
        expect(licenseNames('NOT CTI__c = true')).toEqual(['NUL-000003', 'NUL-000005']);
        expect(licenseNames('NOT (CTI__c = true OR SMS__c = true)')).toEqual(['NUL-000003']);
        expect(licenseNames('SMS__c = false AND (NOT Freedom__c = true)')).toEqual([
            'NUL-000003',
            'NUL-000004'
        ]);
    });

    test('NOT keeps null fields matching', () => {
        // SOQL has no unknown truth value: a null seat count is simply not equal to 5.
        expect(subscriptionCodes('NOT Purchased_Seats__c = 5')).toEqual([
            'CTI',
            'OTHER_CALL_RECORDING',
            'SMS',
            'WHATSAPP'
        ]);
        expect(subscriptionCodes('NOT Purchased_Seats__c > 4')).toEqual([
            'OTHER_CALL_RECORDING',
            'SMS',
            'WHATSAPP'
        ]);
    });
});

describe('SOQL WHERE IN and LIKE', () => {
    test('IN and NOT IN lists', () => {
        expect(subscriptionCodes("License_Code__c IN ('cti', 'SMS', 'NONE')")).toEqual([
            'CTI',
            'SMS'
        ]);
        expect(subscriptionCodes("License_Code__c NOT IN ('CTI', 'SMS')")).toEqual([
            'FREEDOM',
            'OTHER_CALL_RECORDING',
            'WHATSAPP'
        ]);
        expect(subscriptionCodes('Purchased_Seats__c IN (5, 10)')).toEqual(['CTI', 'FREEDOM']);
        expect(subscriptionCodes('Purchased_Seats__c NOT IN (5, 10)')).toEqual([
            'OTHER_CALL_RECORDING',
            'SMS',
            'WHATSAPP'
        ]);
    });

    test('IN lists may hold null', () => {
        expect(subscriptionCodes('Purchased_Seats__c IN (null, 5)')).toEqual([
            'FREEDOM',
            'WHATSAPP'
        ]);
        expect(subscriptionCodes('Purchased_Seats__c NOT IN (null, 5)')).toEqual([
            'CTI',
            'OTHER_CALL_RECORDING',
            'SMS'
        ]);
    });

    test('LIKE ignores case', () => {
        expect(subscriptionCodes("Name LIKE 'c%'")).toEqual(['CTI', 'OTHER_CALL_RECORDING']);
        expect(subscriptionCodes("Name LIKE '%APP'")).toEqual(['WHATSAPP']);
        expect(subscriptionCodes("Name LIKE 'f_eedom'")).toEqual(['FREEDOM']);
        expect(subscriptionCodes("NOT Name LIKE '%a%'")).toEqual(['CTI', 'FREEDOM', 'SMS']);
    });

    test('LIKE escapes match literally', () => {
        expect(subscriptionCodes("Name LIKE '%100\\%\\_off'")).toEqual(['SMS']);
        expect(subscriptionCodes("Name LIKE '%\\%'")).toEqual([]);
        expect(subscriptionCodes("Name LIKE 'SMS 100_\\_off'")).toEqual(['SMS']);
    });

    test('string escapes decode', () => {
        const records = org.query("SELECT Name FROM User WHERE Name = 'Eve O\\'Neil'");

        expect(records.map((record) => record.Name)).toEqual(["Eve O'Neil"]);
        expect(org.query("SELECT Name FROM User WHERE Name = 'Eve O\\u0027Neil'")).toHaveLength(1);
    });
});

describe('SOQL WHERE dates', () => {
    test('date values on date fields', () => {
        expect(subscriptionCodes('Renewal_Date__c = 2026-03-10')).toEqual(['FREEDOM']);
        expect(subscriptionCodes('Renewal_Date__c > 2026-03-10')).toEqual([
            'CTI',
            'OTHER_CALL_RECORDING'
        ]);
    });

    test('datetime values with offsets', () => {
        expect(subscriptionCodes('Last_Synced_At__c = 2026-03-10T12:00:00Z')).toEqual(['FREEDOM']);
        expect(subscriptionCodes('Last_Synced_At__c = 2026-03-10T13:30:00+01:30')).toEqual([
            'FREEDOM'
        ]);
        expect(subscriptionCodes('Last_Synced_At__c = 2026-03-10T07:00:00-05:00')).toEqual([
            'FREEDOM'
        ]);
        expect(subscriptionCodes('Last_Synced_At__c >= 2026-03-11T00:00:00.000Z')).toEqual([
            'CTI',
            'OTHER_CALL_RECORDING'
        ]);
    });

    test('TODAY and YESTERDAY on datetimes', () => {
        expect(subscriptionCodes('Last_Synced_At__c = TODAY')).toEqual(['CTI']);
        expect(subscriptionCodes('Last_Synced_At__c = YESTERDAY')).toEqual(['FREEDOM']);
        expect(subscriptionCodes('Last_Synced_At__c > TODAY')).toEqual(['OTHER_CALL_RECORDING']);
        expect(subscriptionCodes('Last_Synced_At__c < YESTERDAY')).toEqual(['SMS']);
        expect(subscriptionCodes('Last_Synced_At__c != TODAY')).toEqual([
            'FREEDOM',
            'OTHER_CALL_RECORDING',
            'SMS',
            'WHATSAPP'
        ]);
    });

    test('TODAY follows the given now', () => {
        const nextDay = new Date('2026-03-12T00:00:00.000Z');

        expect(subscriptionCodes('Last_Synced_At__c = TODAY', nextDay)).toEqual([
            'OTHER_CALL_RECORDING'
        ]);
        expect(subscriptionCodes('Last_Synced_At__c = YESTERDAY', nextDay)).toEqual(['CTI']);
    });

    test('LAST_N_DAYS includes today', () => {
        expect(subscriptionCodes('Last_Synced_At__c = LAST_N_DAYS:1')).toEqual(['CTI', 'FREEDOM']);
        expect(subscriptionCodes('Last_Synced_At__c = LAST_N_DAYS:7')).toEqual([
            'CTI',
            'FREEDOM',
            'SMS'
        ]);
        expect(subscriptionCodes('Last_Synced_At__c = LAST_N_DAYS:0')).toEqual(['CTI']);
    });

    test('date literals on date fields', () => {
        expect(subscriptionCodes('Renewal_Date__c = TODAY')).toEqual(['CTI']);
        expect(subscriptionCodes('Renewal_Date__c >= YESTERDAY')).toEqual([
            'CTI',
            'FREEDOM',
            'OTHER_CALL_RECORDING'
        ]);
        expect(subscriptionCodes('Renewal_Date__c <= YESTERDAY')).toEqual(['FREEDOM', 'SMS']);
        expect(subscriptionCodes('Renewal_Date__c = LAST_N_DAYS:7')).toEqual([
            'CTI',
            'FREEDOM',
            'SMS'
        ]);
        expect(subscriptionCodes('Renewal_Date__c = NEXT_MONTH')).toEqual(['OTHER_CALL_RECORDING']);
        expect(subscriptionCodes('Renewal_Date__c IN (TODAY, YESTERDAY)')).toEqual([
            'CTI',
            'FREEDOM'
        ]);
    });

    test('user login dates relative to now', () => {
        const records = org.query(
            'SELECT Name FROM User WHERE LastLoginDate = LAST_N_DAYS:14 ORDER BY Name',
            { now: NOW }
        );

        expect(records.map((record) => record.Name)).toEqual([
            'Ada Lovelace',
            'bob Brown',
            'Cleo Chen'
        ]);
    });
});

describe('SOQL WHERE relationships', () => {
    test('filters on parent fields', () => {
        expect(licenseNames('User__r.IsActive = true')).toEqual([
            'NUL-000001',
            'NUL-000002',
            'NUL-000004'
        ]);
        expect(licenseNames("User__r.Profile.Name = 'standard user'")).toEqual([
            'NUL-000002',
            'NUL-000003'
        ]);
        expect(licenseNames("User__r.Profile.Name != 'Standard User'")).toEqual([
            'NUL-000001',
            'NUL-000004',
            'NUL-000005'
        ]);
    });

    test('OR keeps records without parent', () => {
        expect(licenseNames("User__r.Name LIKE 'Ada%' OR SMS__c = true")).toEqual([
            'NUL-000001',
            'NUL-000002',
            'NUL-000005'
        ]);
    });

    test('one join per relationship path', () => {
        const compiled = compileQuery(
            `SELECT User__r.Name, User__r.Profile.Name FROM Natterbox_User_License__c
             WHERE User__r.IsActive = true AND User__r.Profile.Name != null
             ORDER BY User__r.Name`,
            org.schema
        );

        expect(compiled.sql.match(/LEFT JOIN/g)).toHaveLength(2);
    });
});

describe('SOQL injection', () => {
    test('quotes in values stay values', () => {
        const attack = "x\\' OR \\'1\\'=\\'1";
        const soql = `SELECT Name FROM User WHERE Name = '${attack}'`;
        const compiled = compileQuery(soql, org.schema);

        expect(compiled.params).toEqual(["x' OR '1'='1"]);
        expect(compiled.sql).not.toContain("'");
        expect(org.query(soql)).toEqual([]);
    });

    test('SQL in values does not run', () => {
        const attack = '\\\'; DROP TABLE "user"; --';
        const soql = `SELECT Name FROM User WHERE Name = '${attack}' OR Name LIKE '%\\'--'`;
        const compiled = compileQuery(soql, org.schema);

        expect(compiled.sql).not.toContain('DROP');
        expect(org.query(soql)).toEqual([]);
        expect(org.count('SELECT COUNT() FROM User')).toBe(5);
    });

    test('any escaped string round-trips', () => {
        // Escapes the way a careful client does: backslash first, then quote and line breaks.
        const escape = (text: string) =>
            text
                .replace(/\\/g, '\\\\')
                .replace(/'/g, "\\'")
                .replace(/\n/g, '\\n')
                .replace(/\r/g, '\\r')
                .replace(/\t/g, '\\t');
        const insert = org.db.prepare('INSERT INTO "profile" ("id", "name") VALUES (?, ?)');
        const remove = org.db.prepare('DELETE FROM "profile" WHERE "id" = ?');

        fc.assert(
            // NUL is left out: text read back through node:sqlite 22.23 stops at the first NUL.
            fc.property(
                fc.string({ unit: 'binary', maxLength: 40 }).filter((text) => !text.includes('\0')),
                (name) => {
                    const soql = `SELECT Name FROM Profile WHERE Name = '${escape(name)}'`;
                    const compiled = compileQuery(soql, org.schema);
                    expect(compiled.params).toEqual([name]);

                    insert.run('00eHu00000PrOpTIAV', name);
                    try {
                        const found = org.query(soql).map((record) => record.Name);
                        expect(found).toContain(name);
                    } finally {
                        remove.run('00eHu00000PrOpTIAV');
                    }
                }
            ),
            { numRuns: 200 }
        );
    });

    test('unparsable text is rejected', () => {
        const attack =
            "SELECT Name FROM User WHERE Name = 'a' UNION SELECT name FROM sqlite_master";

        expect(() => compileQuery(attack, org.schema)).toThrow(
            expect.objectContaining({ errorCode: 'MALFORMED_QUERY' })
        );
    });
});
