/**
 * The seat-holder aggregates of the components' GraphQL queries. The panel
 * and the admin page each send one GraphQL request, and a `gql` query must
 * be one static template literal, so both queries spell out the same two
 * aggregates: these tests check their shape once and keep the copies equal.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LICENSES } from 'c/licenseRules';
import { readAggregateFields } from '../setup/graphqlAggregates';

const lwcRoot = path.resolve(__dirname, '../../force-app/main/default/lwc');

/** Returns the text of the one gql template literal in a query module. */
function readQueryText(file: string): string {
    const source = readFileSync(path.join(lwcRoot, file), 'utf8');
    const literals = [...source.matchAll(/gql`([^`]*)`/g)].map((match) => match[1] ?? '');
    expect(literals).toHaveLength(1);
    return literals[0] ?? '';
}

describe('seat holder aggregates', () => {
    const admin = readAggregateFields(readQueryText('licenseAdmin/adminQuery.ts'));
    const panel = readAggregateFields(readQueryText('userLicensePanel/panelQuery.ts'));

    it.each(['holders', 'inactiveHolders'])('%s is the same in both queries', (alias) => {
        expect(admin[alias]).toBeDefined();
        expect(panel[alias]).toEqual(admin[alias]);
    });

    it('groups both counts by every license field', () => {
        const fields = LICENSES.map((license) => license.fieldApiName).sort();

        expect(Object.keys(admin).sort()).toEqual(['holders', 'inactiveHolders']);
        for (const alias of ['holders', 'inactiveHolders']) {
            const args = admin[alias]!.args;
            expect(Object.keys(args.groupBy as object).sort()).toEqual(fields);
            expect(args.first).toBe(1024);
            expect(admin[alias]!.selected.sort()).toEqual([...fields, 'Id'].sort());
        }
        expect(admin.holders!.args.where).toBeUndefined();
        expect(admin.inactiveHolders!.args.where).toEqual({
            User__r: { IsActive: { eq: false } }
        });
    });
});
