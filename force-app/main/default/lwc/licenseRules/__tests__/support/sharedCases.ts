/**
 * Runner for the shared case table in ../data/sharedCases.json. The LWC
 * test and the Node test pass in the rules module as each of them imports
 * it, so both check the same expectations against their own copy.
 */
import type { ApplyResult, Change, LicenseCode, LicenseState, RuleContext } from 'c/licenseRules';
import table from '../data/sharedCases.json';

/** Result of one case, reduced to what the table states. */
export interface CaseOutcome {
    accepted: boolean;
    state: string[];
    cascades: { action: string; license: string; ruleCode: string }[];
    violations: string[];
}

/** One row of the shared table. */
export interface SharedCase {
    title: string;
    state: string[];
    change: { license: string; action: string };
    context: RuleContext;
    expected: CaseOutcome;
}

/** The parts of the rules module a case needs. */
export interface RulesUnderTest {
    applyChange(current: LicenseState, change: Change, context: RuleContext): ApplyResult;
    stateOf(licenses: readonly LicenseCode[]): LicenseState;
    LICENSE_CODES: readonly LicenseCode[];
}

/** Every case of the shared table. */
export const SHARED_CASES: SharedCase[] = table.cases as SharedCase[];

/** Runs one case through the given rules module and reduces its result. */
export function runSharedCase(rules: RulesUnderTest, testCase: SharedCase): CaseOutcome {
    const result = rules.applyChange(
        rules.stateOf(testCase.state as LicenseCode[]),
        testCase.change as Change,
        testCase.context
    );
    return {
        accepted: result.accepted,
        state: rules.LICENSE_CODES.filter((code) => result.state[code]),
        cascades: result.cascades.map(({ action, license, ruleCode }) => ({
            action,
            license,
            ruleCode
        })),
        violations: result.violations.map((violation) => violation.code)
    };
}

/** Lists the expected state in catalogue order, so a table row may list licenses in any order. */
export function expectedOutcome(rules: RulesUnderTest, testCase: SharedCase): CaseOutcome {
    return {
        ...testCase.expected,
        state: rules.LICENSE_CODES.filter((code) => testCase.expected.state.includes(code))
    };
}
