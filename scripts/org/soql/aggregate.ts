/**
 * Aggregate queries: COUNT(field), COUNT_DISTINCT, SUM, AVG, MIN and MAX,
 * optionally with GROUP BY on fields (SOQL and SOSL Reference: "Aggregate
 * Functions", "COUNT() and COUNT(fieldName)", "GROUP BY", "Using Aliases
 * with GROUP BY"). Each result row becomes an AggregateResult record whose
 * grouped fields keep their field name and whose unaliased aggregates are
 * named expr0, expr1, ... in select order.
 */
import type {
    FieldFunctionExpression,
    FieldType as ParsedField,
    FunctionExp
} from '@jetstreamapp/soql-parser-js';
import type { FieldSchema } from '../schema/types';
import { invalidFieldUse, malformedQuery, unsupportedFeature } from './errors';
import { valueFamily, type ValueFamily } from './filterValues';
import { jsonValue } from './records';
import { columnSql, type QueryScope, type ResolvedField } from './scope';

const AGGREGATE_FAMILIES: Record<string, ValueFamily[]> = {
    COUNT: ['text', 'id', 'boolean', 'number', 'date', 'datetime'],
    COUNT_DISTINCT: ['text', 'id', 'number', 'date', 'datetime'],
    SUM: ['number'],
    AVG: ['number'],
    MIN: ['text', 'id', 'number', 'date', 'datetime'],
    MAX: ['text', 'id', 'number', 'date', 'datetime']
};

interface OutputColumn {
    key: string;
    column: string;
    convert: (value: unknown) => unknown;
}

/** A compiled aggregate function call. */
interface CompiledAggregate {
    sql: string;
    convert: (value: unknown) => unknown;
}

/** The SELECT list and GROUP BY of an aggregate query. */
export class AggregateShape {
    private readonly outputs: OutputColumn[] = [];
    private readonly columns: string[] = [];
    private readonly groupSql: string[] = [];
    private readonly groupKeys = new Set<string>();

    constructor(private readonly scope: QueryScope) {}

    /** Adds the GROUP BY fields. Call it before {@link addSelected}, which checks against them. */
    addGroupBy(paths: string[][]): void {
        for (const path of paths) {
            const resolved = this.scope.resolve(path, 'group');
            this.groupKeys.add(resolved.key);
            this.groupSql.push(columnSql(resolved));
        }
    }

    /** Adds the SELECT list, checking that every plain field is grouped. */
    addSelected(fields: ParsedField[]): void {
        let unaliasedCount = 0;
        for (const parsed of fields) {
            const index = this.columns.length;
            if (parsed.type === 'FieldFunctionExpression') {
                const compiled = this.compileFunction(parsed);
                const key = parsed.alias ?? `expr${unaliasedCount++}`;
                this.push(key, `a${index}`, compiled.sql, compiled.convert);
                continue;
            }
            if (parsed.type !== 'Field' && parsed.type !== 'FieldRelationship') {
                throw unsupportedFeature('subqueries and TYPEOF in aggregate queries');
            }
            const resolved = this.scope.resolve(fieldPath(parsed), 'group');
            if (!this.groupKeys.has(resolved.key)) {
                throw malformedQuery(
                    `Field must be grouped or aggregated: ${resolved.field.name}. Add it to ` +
                        'GROUP BY or wrap it in an aggregate function such as COUNT().'
                );
            }
            const alias = 'alias' in parsed ? parsed.alias : undefined;
            const field = resolved.field;
            this.push(alias ?? field.name, `g${index}`, columnSql(resolved), (value) =>
                jsonValue(field, value)
            );
        }
    }

    /** Returns the SQL of an aggregate call, for ORDER BY. */
    functionSql(fn: FunctionExp): string {
        return this.compileFunction(fn).sql;
    }

    /** Checks that a field used in ORDER BY is grouped, and returns it. */
    groupedField(path: string[]): ResolvedField {
        const resolved = this.scope.resolve(path, 'order');
        if (!this.groupKeys.has(resolved.key)) {
            throw malformedQuery(
                `Ordered field must be grouped or aggregated: ${resolved.field.name}.`
            );
        }
        return resolved;
    }

    selectSql(): string[] {
        return [...this.columns];
    }

    groupBySql(): string[] {
        return [...this.groupSql];
    }

    /** Converts one SQL row into an AggregateResult record. */
    toRecord(row: Record<string, unknown>): Record<string, unknown> {
        const record: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
        for (const output of this.outputs) {
            record[output.key] = output.convert(row[output.column]);
        }
        return record;
    }

    private push(key: string, column: string, sql: string, convert: (value: unknown) => unknown) {
        if (this.outputs.some((output) => output.key.toLowerCase() === key.toLowerCase())) {
            throw malformedQuery(`duplicate alias: ${key}`);
        }
        this.columns.push(`${sql} AS "${column}"`);
        this.outputs.push({ key, column, convert });
    }

    private compileFunction(fn: FieldFunctionExpression | FunctionExp): CompiledAggregate {
        const name = (fn.functionName ?? '').toUpperCase();
        const families = AGGREGATE_FAMILIES[name];
        if (!families) {
            throw unsupportedFeature(`the function ${fn.functionName ?? '(unnamed)'}()`);
        }
        const parameters = fn.parameters ?? [];
        const parameter = parameters[0];
        if (parameters.length === 0 && name === 'COUNT') {
            throw malformedQuery('COUNT() must be the only item in the SELECT list.');
        }
        if (parameters.length !== 1 || typeof parameter !== 'string') {
            throw unsupportedFeature(`${name}() with anything other than one field name`);
        }

        const resolved = this.scope.resolve(parameter.split('.'), 'aggregate');
        const field = resolved.field;
        if (!families.includes(valueFamily(field.type))) {
            throw invalidFieldUse(
                `${resolved.object.name}.${field.name}`,
                `a field of type ${field.type} does not support the aggregate function ${name}.`
            );
        }
        return { sql: aggregateSql(name, columnSql(resolved)), convert: converter(name, field) };
    }
}

function aggregateSql(name: string, column: string): string {
    return name === 'COUNT_DISTINCT' ? `COUNT(DISTINCT ${column})` : `${name}(${column})`;
}

function converter(name: string, field: FieldSchema): (value: unknown) => unknown {
    if (name === 'COUNT' || name === 'COUNT_DISTINCT') {
        return (value) => Number(value ?? 0);
    }
    if (name === 'SUM' || name === 'AVG') {
        return (value) => (value === null || value === undefined ? null : Number(value));
    }
    return (value) => jsonValue(field, value);
}

/** Returns the dotted path of a selected field, with any object alias prefix still on it. */
export function fieldPath(parsed: { field: string; rawValue?: string }): string[] {
    return (parsed.rawValue ?? parsed.field).split('.');
}
