import * as rules from 'c/licenseRules';
import { SHARED_CASES, expectedOutcome, runSharedCase } from './support/sharedCases';

describe('c-license-rules shared cases', () => {
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
