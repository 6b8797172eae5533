import * as rules from 'c/licenseRules';
import { applyChange, emptyState, LICENSES, stateFromRecord } from 'c/licenseRules';
import { findApiMismatches } from './support/documentedApi';

describe('c-license-rules', () => {
    it('exports the documented API', () => {
        expect(findApiMismatches(rules)).toEqual([]);
    });

    it('applies a change compiled by the LWC transformer', () => {
        const result = applyChange(
            emptyState(),
            { license: 'FREEDOM', action: 'add' },
            { legacyCtiAllowed: false }
        );

        expect(result.accepted).toBe(true);
        expect(result.cascades.map((cascade) => cascade.reason)).toEqual([
            'Adding Freedom also adds CTI.'
        ]);
    });

    it('reads a GraphQL record', () => {
        const state = stateFromRecord({ Freedom__c: { value: true }, CTI__c: { value: true } });

        expect(state.FREEDOM).toBe(true);
        expect(state.CTI).toBe(true);
        expect(LICENSES).toHaveLength(10);
    });
});
