// The same table as the LWC test of the module, here with `c/licenseRules`
// resolved the way Node code resolves it (Jest moduleNameMapper).
import * as rules from 'c/licenseRules';
import {
    SHARED_CASES,
    expectedOutcome,
    runSharedCase
} from '../../force-app/main/default/lwc/licenseRules/__tests__/support/sharedCases';

describe('shared cases through Node', () => {
    it('loads the shared table', () => {
        expect(SHARED_CASES.length).toBeGreaterThan(20);
    });

    it.each(SHARED_CASES.map((testCase) => [testCase.title, testCase] as const))(
        '%s',
        (_, testCase) => {
            expect(runSharedCase(rules, testCase)).toEqual(expectedOutcome(rules, testCase));
        }
    );
});
