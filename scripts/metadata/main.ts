/**
 * Entry point of `npm run generate:metadata`: writes the metadata generated
 * from the rule table (the validation rules of Natterbox_User_License__c).
 * With --check it writes nothing and exits with status 1 when the committed
 * files differ from what the generator produces.
 */
import path from 'node:path';
import { findProjectRoot } from '../lib/projectRoot';
import {
    describeDiff,
    diffGeneratedFiles,
    isUpToDate,
    writeGeneratedFiles
} from './generatedFiles';
import {
    renderValidationRuleFiles,
    VALIDATION_RULE_SUFFIX,
    VALIDATION_RULES_DIR
} from './generateValidationRules';

const USAGE = 'Usage: node dist/generate-metadata.js [--check]';

function main(args: string[]): number {
    const unknown = args.filter((arg) => arg !== '--check');
    if (unknown.length > 0) {
        console.error(`generate-metadata: unknown argument ${unknown.join(' ')}. ${USAGE}`);
        return 2;
    }
    const folder = path.join(findProjectRoot(), VALIDATION_RULES_DIR);
    const expected = renderValidationRuleFiles();

    if (args.includes('--check')) {
        const diff = diffGeneratedFiles(folder, expected, VALIDATION_RULE_SUFFIX);
        if (isUpToDate(diff)) {
            console.log(`generate-metadata: ${expected.size} validation rules are up to date`);
            return 0;
        }
        console.error(
            `generate-metadata: ${VALIDATION_RULES_DIR} differs from the rule table:\n${describeDiff(diff)}\nRun npm run generate:metadata and commit the result.`
        );
        return 1;
    }

    const diff = writeGeneratedFiles(folder, expected, VALIDATION_RULE_SUFFIX);
    const summary = isUpToDate(diff) ? 'no change' : describeDiff(diff);
    console.log(
        `generate-metadata: wrote ${expected.size} validation rules to ${VALIDATION_RULES_DIR} (${summary})`
    );
    return 0;
}

process.exitCode = main(process.argv.slice(2));
