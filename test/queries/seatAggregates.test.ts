/**
 * The panel and the admin page each send one GraphQL request, and a `gql`
 * query must be one static template literal, so both queries spell out the
 * same two seat-holder aggregates. This keeps the two copies equal.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
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
});
