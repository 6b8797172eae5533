import { parse } from 'formulon';
import { LICENSES, RULE_TABLE, validateState } from 'c/licenseRules';
import type { LicenseCode, LicenseState, RuleTable } from 'c/licenseRules';
import path from 'node:path';
import {
    describeDiff,
    diffGeneratedFiles,
    isUpToDate
} from '../../scripts/metadata/generatedFiles';
import {
    buildValidationRules,
    renderValidationRuleFiles,
    SETTINGS,
    VALIDATION_RULE_SUFFIX,
    VALIDATION_RULES_DIR,
    ValidationRuleGenerationError
} from '../../scripts/metadata/generateValidationRules';
import { listFiles, PROJECT_ROOT, readMetadata, text } from './metadataFiles';

const rulesFolder = path.join(PROJECT_ROOT, VALIDATION_RULES_DIR);
const legacyFormula = SETTINGS.legacyCtiAllowed.formula;

/** Lists every combination of the ten license checkboxes: 2^10 = 1,024 states. */
function allStates(): LicenseState[] {
    const count = 2 ** LICENSES.length;
    return Array.from({ length: count }, (_, mask) => {
        const entries = LICENSES.map((license, bit) => [license.code, (mask & (1 << bit)) !== 0]);
        return Object.fromEntries(entries) as LicenseState;
    });
}

function checkbox(value: boolean) {
    return { type: 'literal', dataType: 'checkbox', value, options: {} };
}

function formulaInputs(state: LicenseState, legacyCtiAllowed: boolean) {
    const inputs: Record<string, ReturnType<typeof checkbox>> = {
        [legacyFormula]: checkbox(legacyCtiAllowed)
    };
    for (const license of LICENSES) {
        inputs[license.fieldApiName] = checkbox(state[license.code]);
    }
    return inputs;
}

/** Evaluates a validation rule formula; a formulon error fails the test with the formula in it. */
function evaluate(formula: string, inputs: Record<string, unknown>): boolean {
    const result = parse(formula, inputs) as { type: string; dataType?: string; value?: unknown };
    if (result.type !== 'literal' || result.dataType !== 'checkbox') {
        throw new Error(`formulon could not evaluate ${formula}: ${JSON.stringify(result)}`);
    }
    return result.value === true;
}

function held(state: LicenseState): string {
    const codes = (Object.keys(state) as LicenseCode[]).filter((code) => state[code]);
    return codes.length > 0 ? codes.join('+') : 'no license';
}

describe('generated validation rules', () => {
    it('match the committed files', () => {
        const diff = diffGeneratedFiles(
            rulesFolder,
            renderValidationRuleFiles(),
            VALIDATION_RULE_SUFFIX
        );
        const hint = `${VALIDATION_RULES_DIR} is out of date with the rule table:\n${describeDiff(diff)}\nRun npm run generate:metadata and commit the result.`;
        expect({ upToDate: isUpToDate(diff), hint }).toEqual({ upToDate: true, hint });
    });

    it('cover every hard rule of the table', () => {
        const expected = [
            ...RULE_TABLE.implications,
            ...RULE_TABLE.exclusions,
            ...RULE_TABLE.gates
        ].map((rule) => rule.ruleCode);
        expect(buildValidationRules().map((rule) => rule.ruleCode)).toEqual(expected);
    });

    it('leave suggestions out', () => {
        const codes = buildValidationRules().map((rule) => rule.ruleCode);
        for (const suggestion of RULE_TABLE.suggestions) {
            expect(codes).not.toContain(suggestion.ruleCode);
        }
    });

    it('name a license checkbox as display field', () => {
        const fields = LICENSES.map((license) => license.fieldApiName);
        for (const file of listFiles(rulesFolder)) {
            const rule = readMetadata(file);
            expect(fields).toContain(text(rule, 'errorDisplayField'));
            expect(text(rule, 'active')).toBe('true');
            expect(text(rule, 'errorMessage')?.length ?? 0).toBeGreaterThan(0);
        }
    });

    it('agree with validateState on all 2,048 cases', () => {
        const rules = buildValidationRules();
        const hardCodes = new Set(rules.map((rule) => rule.ruleCode));
        const disagreements: string[] = [];

        for (const legacyCtiAllowed of [false, true]) {
            for (const state of allStates()) {
                const inputs = formulaInputs(state, legacyCtiAllowed);
                const firing = rules
                    .filter((rule) => evaluate(rule.errorConditionFormula, inputs))
                    .map((rule) => rule.ruleCode)
                    .sort();
                const engine = validateState(state, { legacyCtiAllowed })
                    .filter((violation) => violation.severity === 'error')
                    .map((violation) => violation.code)
                    .filter((code) => hardCodes.has(code))
                    .sort();
                if (firing.join() !== engine.join()) {
                    disagreements.push(
                        `${held(state)}, legacy ${legacyCtiAllowed}: formulas [${firing}] engine [${engine}]`
                    );
                }
            }
        }

        expect(disagreements).toEqual([]);
    });

    it('report only known codes from the engine', () => {
        // Any other error code from validateState without seat counts would be
        // a single-record rule that has no validation rule yet.
        const known = new Set(buildValidationRules().map((rule) => rule.ruleCode));
        const unknown = new Set<string>();
        for (const legacyCtiAllowed of [false, true]) {
            for (const state of allStates()) {
                for (const violation of validateState(state, { legacyCtiAllowed })) {
                    if (violation.severity === 'error' && !known.has(violation.code)) {
                        unknown.add(violation.code);
                    }
                }
            }
        }
        expect([...unknown]).toEqual([]);
    });
});

describe('validation rule generator', () => {
    it('rejects a license outside the catalogue', () => {
        const table: RuleTable = {
            ...RULE_TABLE,
            implications: [
                { ruleCode: 'FAX_BRINGS_CTI', license: 'FAX' as LicenseCode, brings: 'CTI' }
            ]
        };
        expect(() => buildValidationRules(table)).toThrow(ValidationRuleGenerationError);
        expect(() => buildValidationRules(table)).toThrow(/FAX/);
    });

    it('rejects an invalid rule name', () => {
        const table: RuleTable = {
            ...RULE_TABLE,
            exclusions: [{ ruleCode: 'FREEDOM__SCV', licenses: ['FREEDOM', 'SCV'] }]
        };
        expect(() => buildValidationRules(table)).toThrow(/not a valid validation rule name/);
    });

    it('rejects a rule the engine does not report', () => {
        const table: RuleTable = {
            ...RULE_TABLE,
            exclusions: [{ ruleCode: 'SMS_EXCLUDES_VOICE', licenses: ['SMS', 'VOICE'] }]
        };
        expect(() => buildValidationRules(table)).toThrow(/the rule table and the engine disagree/);
    });

    it('escapes XML in formulas', () => {
        const files = renderValidationRuleFiles();
        for (const content of files.values()) {
            expect(content).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
        }
    });
});
