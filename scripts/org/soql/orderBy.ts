/**
 * ORDER BY (SOQL and SOSL Reference: "ORDER BY"). Text sorts
 * case-insensitively. Nulls sort as the lowest value: first in ascending
 * order and last in descending order, unless NULLS FIRST or NULLS LAST is
 * given.
 *
 * NOTE: the reference page only states that nulls sort first by default. The
 * descending case follows what orgs are reported to do and is not checked
 * against a real org here.
 */
import type { OrderByClause } from '@jetstreamapp/soql-parser-js';
import type { AggregateShape } from './aggregate';
import { unsupportedFeature } from './errors';
import { valueFamily } from './filterValues';
import { columnSql, type QueryScope, type ResolvedField } from './scope';

/** Compiles ORDER BY items into SQL. Pass `aggregate` for aggregate queries. */
export function compileOrderBy(
    clauses: OrderByClause[],
    scope: QueryScope,
    aggregate: AggregateShape | undefined
): string[] {
    return clauses.map((clause) => {
        const direction = clause.order === 'DESC' ? 'DESC' : 'ASC';
        const nulls = clause.nulls ?? (direction === 'ASC' ? 'FIRST' : 'LAST');
        const expression = orderExpression(clause, scope, aggregate);
        return `${expression} ${direction} NULLS ${nulls}`;
    });
}

function orderExpression(
    clause: OrderByClause,
    scope: QueryScope,
    aggregate: AggregateShape | undefined
): string {
    if ('fn' in clause) {
        if (!aggregate) {
            throw unsupportedFeature(
                `ordering by the function ${clause.fn.rawValue ?? clause.fn.functionName ?? ''} ` +
                    'outside an aggregate query'
            );
        }
        return aggregate.functionSql(clause.fn);
    }
    const path = clause.field.split('.');
    const resolved = aggregate ? aggregate.groupedField(path) : scope.resolve(path, 'order');
    return sortableColumn(resolved);
}

function sortableColumn(resolved: ResolvedField): string {
    const column = columnSql(resolved);
    return valueFamily(resolved.field.type) === 'text' ? `${column} COLLATE NOCASE` : column;
}
