/**
 * Evaluates formula fields and validation rules with formulon, which
 * implements the Salesforce formula language (formulon 6.25).
 *
 * formulon has no record context, so the record-context functions ISNEW(),
 * ISCHANGED(field) and PRIORVALUE(field) are rewritten into plain
 * identifiers before parsing, and their values are supplied as variables.
 */
import { extract, parse } from 'formulon';
import { ApiError } from './errors';
import type { FieldSchema, ObjectSchema, ValidationRuleSchema } from './schema/types';

/** A record keyed by field API name, in REST JSON form. */
export type RecordValues = Record<string, unknown>;

/** Looks up values that a formula reads from outside the record. */
export interface FormulaContext {
    /** Returns the org default record of a hierarchy custom setting, or null. */
    orgDefault(settingName: string): RecordValues | null;
    /** Returns the record a lookup field points at, or null. */
    related(field: FieldSchema, id: string): RecordValues | null;
    schemaOf(objectName: string): ObjectSchema | undefined;
}

interface FormulonLiteral {
    type: 'literal';
    dataType: string;
    value: unknown;
    options?: Record<string, unknown>;
}

interface FormulonError {
    type: 'error';
    message: string;
}

const IS_NEW = 'LOCALORG_ISNEW';
const IS_CHANGED = 'LOCALORG_ISCHANGED_';
const PRIOR_VALUE = 'LOCALORG_PRIORVALUE_';

/** Rewrites ISNEW(), ISCHANGED(x) and PRIORVALUE(x) into identifiers formulon accepts. */
export function rewriteRecordFunctions(formula: string): string {
    return formula
        .replace(/\bISNEW\s*\(\s*\)/gi, IS_NEW)
        .replace(
            /\bISCHANGED\s*\(\s*([A-Za-z0-9_.]+)\s*\)/gi,
            (_, field: string) => IS_CHANGED + field
        )
        .replace(
            /\bPRIORVALUE\s*\(\s*([A-Za-z0-9_.]+)\s*\)/gi,
            (_, field: string) => PRIOR_VALUE + field
        );
}

function toLiteral(field: FieldSchema | undefined, value: unknown): FormulonLiteral {
    if (!field) {
        return { type: 'literal', dataType: 'text', value: value ?? '', options: { length: 255 } };
    }
    switch (field.type) {
        case 'boolean':
            return { type: 'literal', dataType: 'checkbox', value: value === true };
        case 'double':
        case 'currency':
        case 'percent':
        case 'int': {
            const precision = field.precision ?? 18;
            const scale = field.scale ?? 0;
            const options = { length: precision - scale, scale };
            return { type: 'literal', dataType: 'number', value: value ?? null, options };
        }
        case 'date':
        case 'datetime': {
            const dataType = field.type;
            const date = typeof value === 'string' ? new Date(value.replace(/\+0000$/, 'Z')) : null;
            return { type: 'literal', dataType, value: date, options: {} };
        }
        case 'picklist':
            return {
                type: 'literal',
                dataType: 'picklist',
                value: value ?? null,
                options: { values: field.picklistValues ?? [] }
            };
        default:
            // Salesforce formulas treat blank text as the empty string.
            return {
                type: 'literal',
                dataType: 'text',
                value: typeof value === 'string' ? value : '',
                options: { length: field.length ?? 255 }
            };
    }
}

function findField(object: ObjectSchema, name: string): FieldSchema | undefined {
    const lower = name.toLowerCase();
    return object.fields.find((field) => field.name.toLowerCase() === lower);
}

/** The record being saved and, for updates, its stored state before the save. */
export interface FormulaRecord {
    object: ObjectSchema;
    values: RecordValues;
    prior: RecordValues | null;
}

function resolveSetup(identifier: string, context: FormulaContext): FormulonLiteral {
    const [, settingName = '', fieldName = ''] = identifier.split('.');
    const setting = context.schemaOf(settingName);
    const field = setting ? findField(setting, fieldName) : undefined;
    if (!setting || !field) {
        throw new ApiError(
            500,
            'UNKNOWN_EXCEPTION',
            `Formula references unknown custom setting field ${identifier}`
        );
    }
    const record = context.orgDefault(setting.name);
    const value = record ? record[field.name] : (field.defaultValue ?? null);
    return toLiteral(field, value);
}

function resolveRelated(
    identifier: string,
    record: FormulaRecord,
    context: FormulaContext
): FormulonLiteral {
    const [relationship = '', fieldName = ''] = identifier.split('.');
    const lookup = record.object.fields.find(
        (field) => field.relationshipName?.toLowerCase() === relationship.toLowerCase()
    );
    const targetName = lookup?.referenceTo?.[0];
    const target = targetName ? context.schemaOf(targetName) : undefined;
    const targetField = target ? findField(target, fieldName) : undefined;
    if (!lookup || !targetField) {
        throw new ApiError(
            500,
            'UNKNOWN_EXCEPTION',
            `Formula references unknown field ${identifier} on ${record.object.name}`
        );
    }
    const id = record.values[lookup.name];
    const related = typeof id === 'string' ? context.related(lookup, id) : null;
    return toLiteral(targetField, related ? related[targetField.name] : null);
}

function resolve(
    identifier: string,
    record: FormulaRecord,
    context: FormulaContext
): FormulonLiteral {
    if (identifier === IS_NEW) {
        return { type: 'literal', dataType: 'checkbox', value: record.prior === null };
    }
    if (identifier.startsWith(IS_CHANGED)) {
        const field = findField(record.object, identifier.slice(IS_CHANGED.length));
        const name = field?.name ?? '';
        const changed =
            record.prior !== null && (record.prior[name] ?? null) !== (record.values[name] ?? null);
        return { type: 'literal', dataType: 'checkbox', value: changed };
    }
    if (identifier.startsWith(PRIOR_VALUE)) {
        const field = findField(record.object, identifier.slice(PRIOR_VALUE.length));
        const source = record.prior ?? record.values;
        return toLiteral(field, field ? source[field.name] : null);
    }
    if (identifier.startsWith('$Setup.')) {
        return resolveSetup(identifier, context);
    }
    if (identifier.includes('.')) {
        return resolveRelated(identifier, record, context);
    }
    const field = findField(record.object, identifier);
    if (!field) {
        throw new ApiError(
            500,
            'UNKNOWN_EXCEPTION',
            `Formula references unknown field ${identifier} on ${record.object.name}`
        );
    }
    return toLiteral(field, record.values[field.name]);
}

function evaluate(
    formula: string,
    record: FormulaRecord,
    context: FormulaContext,
    what: string
): FormulonLiteral {
    const rewritten = rewriteRecordFunctions(formula);
    const variables: Record<string, FormulonLiteral> = {};
    for (const identifier of extract(rewritten) as string[]) {
        variables[identifier] = resolve(identifier, record, context);
    }
    const result = parse(rewritten, variables) as FormulonLiteral | FormulonError;
    if (result.type === 'error') {
        throw new ApiError(
            500,
            'UNKNOWN_EXCEPTION',
            `${what} could not be evaluated: ${result.message}`
        );
    }
    return result;
}

function fromLiteral(field: FieldSchema, literal: FormulonLiteral): unknown {
    const value = literal.value;
    if (value === null || value === undefined) {
        return field.type === 'boolean' ? false : null;
    }
    if (value instanceof Date) {
        const iso = value.toISOString();
        return field.type === 'date' ? iso.slice(0, 10) : iso.replace('Z', '+0000');
    }
    if (field.type === 'boolean') {
        return value === true;
    }
    if (
        field.type === 'double' ||
        field.type === 'currency' ||
        field.type === 'percent' ||
        field.type === 'int'
    ) {
        return typeof value === 'number' ? value : Number(value);
    }
    return String(value);
}

/**
 * Computes the formula fields of a record in place (all, or those in
 * `only`). Salesforce computes formula fields when they are read and does
 * not store them, so this runs on every read.
 */
export function computeFormulaFields(
    object: ObjectSchema,
    values: RecordValues,
    context: FormulaContext,
    only?: Set<string>
): void {
    for (const field of object.fields) {
        if (field.formula === undefined || (only && !only.has(field.name))) {
            continue;
        }
        const literal = evaluate(
            field.formula,
            { object, values, prior: null },
            context,
            `Formula field ${object.name}.${field.name}`
        );
        values[field.name] = fromLiteral(field, literal);
    }
}

/**
 * Returns the first active validation rule whose error condition is true
 * for the record, or null. Salesforce evaluates every active rule on insert
 * and update and rejects the save when any condition is true.
 */
export function failingValidationRule(
    record: FormulaRecord,
    context: FormulaContext
): ValidationRuleSchema | null {
    for (const rule of record.object.validationRules) {
        if (!rule.active) {
            continue;
        }
        const what = `Validation rule ${record.object.name}.${rule.name}`;
        const result = evaluate(rule.errorConditionFormula, record, context, what);
        if (result.value === true) {
            return rule;
        }
    }
    return null;
}
