import { parseQuery, type Query, type WhereClause } from '@jetstreamapp/soql-parser-js';
import * as queries from '../../scripts/sync/salesforce/queries';
import { readObjectFields, text } from './metadataFiles';

// Every field the sync job's SOQL names must exist in the object metadata,
// with lookups for the relationships it follows. Standard fields are
// checked against the short lists below, which name only what this
// product reads.

const STANDARD_FIELDS = new Set([
    'Id',
    'Name',
    'CreatedDate',
    'LastModifiedDate',
    'OwnerId',
    'SetupOwnerId'
]);
const USER_FIELDS = new Set(['Id', 'IsActive', 'Username', 'Name', 'Email']);

const soqlExports = Object.entries(queries).filter(
    (entry): entry is [string, string] =>
        typeof entry[1] === 'string' && /^SELECT\s/i.test(entry[1])
);

function whereFields(where: WhereClause | undefined): string[] {
    if (!where) {
        return [];
    }
    const left = where.left as { field?: string } | null;
    const right = 'right' in where ? where.right : undefined;
    return [...(left?.field ? [left.field] : []), ...whereFields(right)];
}

function fieldPaths(query: Query): string[] {
    const selected = (query.fields ?? []).flatMap((field) => {
        if (field.type === 'Field') {
            return [field.field];
        }
        if (field.type === 'FieldRelationship') {
            return [[...field.relationships, field.field].join('.')];
        }
        return [];
    });
    const grouped = (query.groupBy ? [query.groupBy].flat() : []).flatMap((group) =>
        'field' in group && group.field ? [group.field] : []
    );
    const ordered = (query.orderBy ? [query.orderBy].flat() : []).flatMap((order) =>
        'field' in order && order.field ? [order.field] : []
    );
    return [...selected, ...whereFields(query.where), ...grouped, ...ordered];
}

/** Returns why a field path does not resolve on an object, or undefined when it does. */
function problemWith(object: string, fieldPath: string): string | undefined {
    const fields = readObjectFields(object);
    const [first = '', second, ...deeper] = fieldPath.split('.');
    if (second === undefined) {
        const known = STANDARD_FIELDS.has(first) || fields.has(first);
        return known ? undefined : `${object} has no field ${first}`;
    }
    if (deeper.length > 0 || !first.endsWith('__r')) {
        return `${fieldPath} follows a relationship this test does not check`;
    }
    const lookup = fields.get(first.replace(/__r$/, '__c'));
    if (!lookup || text(lookup, 'type') !== 'Lookup') {
        return `${object} has no lookup behind ${first}`;
    }
    const target = text(lookup, 'referenceTo') ?? '';
    if (target === 'User') {
        return USER_FIELDS.has(second)
            ? undefined
            : `User field ${second} is not in the known list`;
    }
    return problemWith(target, second);
}

describe('sync job SOQL', () => {
    it('is exported by the query module', () => {
        expect(soqlExports.length).toBeGreaterThan(0);
    });

    it('flags unknown fields and relationships', () => {
        const object = 'Natterbox_User_License__c';
        expect(problemWith(object, 'Bogus__c')).toMatch(/has no field Bogus__c/);
        expect(problemWith(object, 'Owner__r.Id')).toMatch(/no lookup behind Owner__r/);
        expect(problemWith(object, 'User__r.Phone')).toMatch(/Phone is not in the known list/);
        expect(problemWith(object, 'User__r.IsActive')).toBeUndefined();
    });

    it.each(soqlExports)('%s names existing fields', (_name, soql) => {
        const query = parseQuery(soql);
        const object = query.sObject ?? '';
        expect(readObjectFields(object).size).toBeGreaterThan(0);
        const paths = fieldPaths(query);
        expect(paths.length).toBeGreaterThan(0);
        const problems = paths.map((path) => problemWith(object, path)).filter(Boolean);
        expect(problems).toEqual([]);
    });
});
