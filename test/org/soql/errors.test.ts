import { compileQuery, SoqlError } from '../../../scripts/org/soql';
import { testSchema } from './fixture';

const schema = testSchema();

function compileError(soql: string): SoqlError {
    try {
        compileQuery(soql, schema, { now: new Date('2026-03-11T09:30:00Z') });
    } catch (error) {
        if (error instanceof SoqlError) {
            return error;
        }
        throw error;
    }
    throw new Error(`Expected a SoqlError for: ${soql}`);
}

describe('SOQL unknown names', () => {
    test('unknown object is INVALID_TYPE', () => {
        const error = compileError('SELECT Id FROM Natterbox_Licence__c');

        expect(error.errorCode).toBe('INVALID_TYPE');
        expect(error.message).toContain("sObject type 'Natterbox_Licence__c' is not supported");
    });

    test.each([
        [
            'SELECT Id, Seats__c FROM Natterbox_Subscription__c',
            'Seats__c',
            'Natterbox_Subscription__c'
        ],
        ["SELECT Id FROM User WHERE Nickname = 'a'", 'Nickname', 'User'],
        ['SELECT Id FROM User ORDER BY Rank', 'Rank', 'User'],
        ['SELECT User__r.Nickname FROM Natterbox_User_License__c', 'Nickname', 'User'],
        ['SELECT User__r.Profile.Code FROM Natterbox_User_License__c', 'Code', 'Profile'],
        [
            'SELECT COUNT(Seats__c) FROM Natterbox_Subscription__c',
            'Seats__c',
            'Natterbox_Subscription__c'
        ]
    ])('unknown field: %s', (soql, fieldName, objectName) => {
        const error = compileError(soql);

        expect(error.errorCode).toBe('INVALID_FIELD');
        expect(error.message).toContain(`No such column '${fieldName}' on entity '${objectName}'`);
    });

    test('unknown relationship is INVALID_FIELD', () => {
        const error = compileError('SELECT Owner__r.Name FROM Natterbox_User_License__c');

        expect(error.errorCode).toBe('INVALID_FIELD');
        expect(error.message).toContain("'Owner__r' on entity 'Natterbox_User_License__c'");
    });

    test('lookup field is not a relationship', () => {
        const error = compileError('SELECT User__c.Name FROM Natterbox_User_License__c');

        expect(error.errorCode).toBe('INVALID_FIELD');
        expect(error.message).toContain("'User__c'");
    });
});

describe('SOQL value type errors', () => {
    test.each([
        [
            "SELECT Id FROM Natterbox_Subscription__c WHERE Purchased_Seats__c = '5'",
            'Purchased_Seats__c'
        ],
        ['SELECT Id FROM Natterbox_Subscription__c WHERE Name = 5', 'Name'],
        [
            "SELECT Id FROM Natterbox_Subscription__c WHERE Provisioned__c = 'true'",
            'Provisioned__c'
        ],
        ['SELECT Id FROM Natterbox_Subscription__c WHERE Provisioned__c > false', 'Provisioned__c'],
        [
            'SELECT Id FROM Natterbox_Subscription__c WHERE Renewal_Date__c = 2026-03-11T00:00:00Z',
            'Renewal_Date__c'
        ],
        [
            'SELECT Id FROM Natterbox_Subscription__c WHERE Last_Synced_At__c = 2026-03-11',
            'Last_Synced_At__c'
        ],
        ['SELECT Id FROM Natterbox_Subscription__c WHERE Name = TODAY', 'Name'],
        [
            "SELECT Id FROM Natterbox_Subscription__c WHERE Purchased_Seats__c LIKE '5%'",
            'Purchased_Seats__c'
        ],
        ['SELECT Id FROM Natterbox_Sync_Run__c WHERE Message__c = null', 'Message__c'],
        ['SELECT SUM(Name) FROM Natterbox_Subscription__c', 'Name'],
        ['SELECT MAX(Provisioned__c) FROM Natterbox_Subscription__c', 'Provisioned__c']
    ])('%s', (soql, fieldName) => {
        const error = compileError(soql);

        expect(error.errorCode).toBe('INVALID_FIELD');
        expect(error.message).toContain(fieldName);
    });
});

describe('SOQL malformed queries', () => {
    test.each([
        ['SELECT FROM User', 'not valid SOQL'],
        [
            "SELECT Id FROM User WHERE Name = 'a' AND IsActive = true OR Name = 'b'",
            'mixes AND and OR'
        ],
        ['SELECT Name, COUNT(Id) FROM User', 'Field must be grouped or aggregated: Name'],
        [
            'SELECT Name, COUNT(Id) FROM User GROUP BY IsActive',
            'Field must be grouped or aggregated'
        ],
        ['SELECT IsActive, COUNT(Id) FROM User GROUP BY IsActive ORDER BY Name', 'Ordered field'],
        ['SELECT COUNT(), Name FROM User', 'COUNT() must be the only item'],
        ['SELECT COUNT() FROM User ORDER BY Name', 'COUNT() cannot be combined'],
        ['SELECT Name, name FROM User', 'duplicate field selected'],
        ['SELECT Name n FROM User', 'Only aggregate queries may alias fields'],
        ['SELECT Id FROM User WHERE LastLoginDate > null', 'null can only be compared'],
        ["SELECT Id FROM User WHERE Name = 'a\\qb'", 'Invalid escape sequence'],
        ["SELECT Id FROM User WHERE Name = 'a\\%'", 'only valid in a LIKE pattern'],
        ['SELECT Id FROM User WHERE LastLoginDate > 2026-02-30T00:00:00Z', 'Invalid datetime'],
        [
            'SELECT Id FROM Natterbox_Subscription__c WHERE Renewal_Date__c = 2026-13-01',
            'Invalid date'
        ],
        ['SELECT Id FROM User WHERE LastLoginDate = LAST_N_DAYS:999999999999', 'outside the years'],
        ['SELECT Id FROM User WHERE LastLoginDate = N_DAYS_AGO:800000', 'outside the years'],
        ['SELECT Id FROM User WHERE LastLoginDate = NEXT_N_DAYS:3000000', 'outside the years'],
        ['SELECT Id FROM User LIMIT 99999999999999999999', 'not a valid row count']
    ])('%s', (soql, messagePart) => {
        const error = compileError(soql);

        expect(error.errorCode).toBe('MALFORMED_QUERY');
        expect(error.message).toContain(messagePart);
    });
});

describe('SOQL OFFSET range', () => {
    test.each(['SELECT Id FROM User OFFSET 2001', 'SELECT COUNT() FROM User OFFSET 5000'])(
        '%s',
        (soql) => {
            const error = compileError(soql);

            expect(error.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
            expect(error.message).toContain('the maximum OFFSET is 2000');
        }
    );
});

describe('SOQL OFFSET above the default limit', () => {
    test('maxOffset option allows it', () => {
        const compiled = compileQuery('SELECT Id FROM User OFFSET 5000', schema, {
            maxOffset: Number.MAX_SAFE_INTEGER
        });

        expect(compiled.params).toContain(5000);
    });
});

describe('SOQL unsupported features', () => {
    test.each([
        ['SELECT Id, (SELECT Id FROM Licenses__r) FROM User', 'child relationship subqueries'],
        [
            'SELECT Id FROM User WHERE Id IN (SELECT User__c FROM Natterbox_User_License__c)',
            'semi-join'
        ],
        [
            'SELECT TYPEOF SetupOwner WHEN User THEN Name END FROM Natterbox_Licensing_Settings__c',
            'TYPEOF'
        ],
        ['SELECT Id FROM User WITH SECURITY_ENFORCED', 'WITH'],
        ['SELECT Id FROM User WITH USER_MODE', 'WITH'],
        ['SELECT Id FROM User FOR UPDATE', 'FOR UPDATE'],
        ['SELECT Id FROM User FOR VIEW', 'FOR VIEW'],
        ['SELECT Id FROM User UPDATE TRACKING', 'UPDATE TRACKING'],
        ['SELECT Id FROM User USING SCOPE mine', 'USING SCOPE'],
        ['SELECT IsActive, COUNT(Id) FROM User GROUP BY IsActive HAVING COUNT(Id) > 1', 'HAVING'],
        ['SELECT IsActive, COUNT(Id) FROM User GROUP BY ROLLUP(IsActive)', 'ROLLUP'],
        ["SELECT Id FROM User WHERE Name INCLUDES ('a')", 'INCLUDES'],
        ['SELECT toLabel(Status__c) FROM Natterbox_Sync_Run__c', 'toLabel'],
        ['SELECT Id FROM User WHERE CALENDAR_YEAR(LastLoginDate) = 2026', 'functions'],
        ['SELECT Id FROM User WHERE LastLoginDate = THIS_WEEK', 'THIS_WEEK'],
        ['SELECT Id FROM User WHERE LastLoginDate = LAST_N_WEEKS:2', 'LAST_N_WEEKS:2'],
        ['SELECT Id FROM Natterbox_Subscription__c WHERE Purchased_Seats__c = USD5', 'currency'],
        [
            'SELECT Id FROM Natterbox_Subscription__c WHERE Legacy_CTI_Allowed__c = true',
            'formula field'
        ],
        [
            'SELECT Id FROM Natterbox_Subscription__c ORDER BY Legacy_CTI_Allowed__c',
            'formula field'
        ],
        ['SELECT SetupOwner.Name FROM Natterbox_Licensing_Settings__c', 'polymorphic'],
        ['SELECT Id FROM User ORDER BY MAX(Name)', 'outside an aggregate query']
    ])('%s', (soql, messagePart) => {
        const error = compileError(soql);

        expect(error.errorCode).toBe('MALFORMED_QUERY');
        expect(error.message).toContain('The local org does not support');
        expect(error.message).toContain(messagePart);
    });
});
