/**
 * Generates the validation rules of `Natterbox_User_License__c` from the
 * shared rule table, so that the org enforces the same hard rules as the
 * rules engine. Every rule that one record can check becomes one rule: the
 * implications, the exclusions and the gates. Suggestions are warnings and
 * never block a save, and seat rules need counts over many records, so
 * neither becomes a validation rule.
 */
import { LICENSES, RULE_TABLE, validateState } from 'c/licenseRules';
import type {
    ExclusionRule,
    GateRule,
    ImplicationRule,
    LicenseCode,
    LicenseDefinition,
    LicenseState,
    RuleContext,
    RuleTable
} from 'c/licenseRules';

/** Object whose records the generated rules check. */
export const USER_LICENSE_OBJECT = 'Natterbox_User_License__c';

/** Folder of the generated rules, relative to the project root. */
export const VALIDATION_RULES_DIR = `force-app/main/default/objects/${USER_LICENSE_OBJECT}/validationRules`;

/** Suffix of a validation rule file in source format. */
export const VALIDATION_RULE_SUFFIX = '.validationRule-meta.xml';

/** Formula and label of one rule-context setting, as generated rules use them. */
export interface SettingReference {
    /**
     * Formula expression of the setting. Validation rules read the hierarchy
     * custom setting through `$Setup`, which returns the value for the
     * running user, falling back to the org default.
     */
    formula: string;
    /** Name and location of the setting in Setup, for rule descriptions. */
    label: string;
}

/** The formula and label of each setting a gate reads. */
export const SETTINGS: Readonly<Record<GateRule['setting'], SettingReference>> = Object.freeze({
    legacyCtiAllowed: Object.freeze({
        formula: '$Setup.Natterbox_Licensing_Settings__c.Legacy_CTI_Allowed__c',
        label: 'Legacy CTI Allowed in Natterbox Licensing Settings'
    })
});

/** One generated validation rule, before it is written as XML. */
export interface GeneratedValidationRule {
    /** Rule name in the org: the rule code of the table. */
    fullName: string;
    ruleCode: string;
    description: string;
    /** Formula that is true when the record breaks the rule. */
    errorConditionFormula: string;
    /** Checkbox field the error is shown beside. */
    errorDisplayField: string;
    errorMessage: string;
}

/** Raised when the rule table cannot be turned into valid validation rules. */
export class ValidationRuleGenerationError extends Error {
    override name = 'ValidationRuleGenerationError';
}

// Name pattern and message limit: Metadata API Developer Guide, page
// "ValidationRule". Name and description limits: Salesforce Help, page
// "Validation Rules Fields".
const MAX_RULE_NAME_LENGTH = 40;
const MAX_ERROR_MESSAGE_LENGTH = 255;
const MAX_DESCRIPTION_LENGTH = 255;
const RULE_NAME_PATTERN = /^[A-Za-z](?!.*__)[A-Za-z0-9_]*[A-Za-z0-9]$/;

function definitionOf(license: LicenseCode): LicenseDefinition {
    const definition = LICENSES.find((candidate) => candidate.code === license);
    if (!definition) {
        throw new ValidationRuleGenerationError(
            `License ${license} from the rule table is missing from LICENSES; add it to the catalogue in c/licenseRules.`
        );
    }
    return definition;
}

function fieldOf(license: LicenseCode): string {
    return definitionOf(license).fieldApiName;
}

function labelOf(license: LicenseCode): string {
    return definitionOf(license).label;
}

function stateHolding(licenses: readonly LicenseCode[]): LicenseState {
    const state = Object.fromEntries(LICENSES.map((license) => [license.code, false]));
    for (const license of licenses) {
        state[license] = true;
    }
    return state as LicenseState;
}

/**
 * Takes the error message from the rules engine itself, by validating the
 * smallest state that breaks the rule, so the org and the components show
 * the same sentence.
 */
function engineMessage(ruleCode: string, heldLicenses: readonly LicenseCode[]): string {
    const context: RuleContext = { legacyCtiAllowed: false };
    const violation = validateState(stateHolding(heldLicenses), context).find(
        (candidate) => candidate.code === ruleCode && candidate.severity === 'error'
    );
    if (!violation) {
        throw new ValidationRuleGenerationError(
            `validateState reports no error ${ruleCode} for a user holding only ${heldLicenses.join(', ')}; the rule table and the engine disagree.`
        );
    }
    return violation.message;
}

function ruleDescription(ruleCode: string, summary: string): string {
    return `${summary} Generated from ${ruleCode} in RULE_TABLE (c/licenseRules) by npm run generate:metadata. Edit the table, not this rule.`;
}

function fromImplication(rule: ImplicationRule): GeneratedValidationRule {
    return {
        fullName: rule.ruleCode,
        ruleCode: rule.ruleCode,
        description: ruleDescription(
            rule.ruleCode,
            `Blocks holding ${labelOf(rule.license)} without ${labelOf(rule.brings)}.`
        ),
        errorConditionFormula: `AND(${fieldOf(rule.license)}, NOT(${fieldOf(rule.brings)}))`,
        errorDisplayField: fieldOf(rule.brings),
        errorMessage: engineMessage(rule.ruleCode, [rule.license])
    };
}

function fromExclusion(rule: ExclusionRule): GeneratedValidationRule {
    const [first, second] = rule.licenses;
    return {
        fullName: rule.ruleCode,
        ruleCode: rule.ruleCode,
        description: ruleDescription(
            rule.ruleCode,
            `Blocks holding ${labelOf(first)} and ${labelOf(second)} together.`
        ),
        errorConditionFormula: `AND(${fieldOf(first)}, ${fieldOf(second)})`,
        errorDisplayField: fieldOf(second),
        errorMessage: engineMessage(rule.ruleCode, rule.licenses)
    };
}

function fromGate(rule: GateRule): GeneratedValidationRule {
    const setting = SETTINGS[rule.setting];
    if (!setting) {
        throw new ValidationRuleGenerationError(
            `Gate ${rule.ruleCode} reads setting ${rule.setting}, which has no formula; add it to SETTINGS.`
        );
    }
    const license = fieldOf(rule.license);
    return {
        fullName: rule.ruleCode,
        ruleCode: rule.ruleCode,
        description: ruleDescription(
            rule.ruleCode,
            `Blocks holding ${labelOf(rule.license)} without ${labelOf(rule.unlessHolding)} unless ${setting.label} is checked.`
        ),
        errorConditionFormula: `AND(${license}, NOT(${fieldOf(rule.unlessHolding)}), NOT(${setting.formula}))`,
        errorDisplayField: license,
        errorMessage: engineMessage(rule.ruleCode, [rule.license])
    };
}

function checkRuleName(ruleCode: string): void {
    if (ruleCode.length > MAX_RULE_NAME_LENGTH || !RULE_NAME_PATTERN.test(ruleCode)) {
        throw new ValidationRuleGenerationError(
            `Rule code ${ruleCode} is not a valid validation rule name: use at most ${MAX_RULE_NAME_LENGTH} letters, digits and single underscores, starting with a letter.`
        );
    }
}

function checkLengths(rule: GeneratedValidationRule): void {
    if (rule.errorMessage.length > MAX_ERROR_MESSAGE_LENGTH) {
        throw new ValidationRuleGenerationError(
            `The message of ${rule.ruleCode} has ${rule.errorMessage.length} characters; validation rule messages allow ${MAX_ERROR_MESSAGE_LENGTH}. Shorten it in c/licenseRules.`
        );
    }
    if (rule.description.length > MAX_DESCRIPTION_LENGTH) {
        throw new ValidationRuleGenerationError(
            `The description of ${rule.ruleCode} has ${rule.description.length} characters; validation rule descriptions allow ${MAX_DESCRIPTION_LENGTH}. Shorten the license labels or the summary in this generator.`
        );
    }
}

/**
 * Builds one validation rule per implication, exclusion and gate of the
 * table, in table order.
 *
 * @throws ValidationRuleGenerationError when a rule names a license outside
 * the catalogue or a setting without a formula, or yields an invalid name,
 * a message or a description that is too long.
 */
export function buildValidationRules(table: RuleTable = RULE_TABLE): GeneratedValidationRule[] {
    [...table.implications, ...table.exclusions, ...table.gates].forEach((rule) =>
        checkRuleName(rule.ruleCode)
    );
    const rules = [
        ...table.implications.map(fromImplication),
        ...table.exclusions.map(fromExclusion),
        ...table.gates.map(fromGate)
    ];
    rules.forEach(checkLengths);
    return rules;
}

function escapeXml(text: string): string {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}

/** Renders one rule in the source format of the ValidationRule metadata type. */
export function renderValidationRuleXml(rule: GeneratedValidationRule): string {
    const element = (name: string, value: string): string =>
        `    <${name}>${escapeXml(value)}</${name}>\n`;
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
        element('fullName', rule.fullName) +
        element('active', 'true') +
        element('description', rule.description) +
        element('errorConditionFormula', rule.errorConditionFormula) +
        element('errorDisplayField', rule.errorDisplayField) +
        element('errorMessage', rule.errorMessage) +
        '</ValidationRule>\n'
    );
}

/** Renders every rule of the table: file name inside VALIDATION_RULES_DIR to file content. */
export function renderValidationRuleFiles(table: RuleTable = RULE_TABLE): Map<string, string> {
    return new Map(
        buildValidationRules(table).map((rule) => [
            `${rule.fullName}${VALIDATION_RULE_SUFFIX}`,
            renderValidationRuleXml(rule)
        ])
    );
}
