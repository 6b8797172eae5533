/**
 * Compiles a WHERE clause into a SQLite expression with bound parameters.
 *
 * Comparisons treat null as an ordinary value, so that NOT never meets
 * SQL's unknown truth value: `!=` and NOT IN match records whose field is
 * null, and every other comparison with a null field is false. A parent
 * field of a missing parent reads as null (SOQL and SOSL Reference: "Use
 * null in WHERE"). Text compares case-insensitively unless the field is
 * case-sensitive (SOQL and SOSL Reference: "Comparison Operators").
 *
 * NOTE: the reference pages do not state the result of `!=` on a null
 * field. Matching it follows what orgs are reported to return.
 */
import type {
    ConditionWithValueQuery,
    LiteralType,
    NegationCondition,
    ValueQueryCondition,
    WhereClause
} from '@jetstreamapp/soql-parser-js';
import { invalidFieldUse, malformedQuery, unsupportedFeature } from './errors';
import { filterOperand, valueFamily, type FilterOperand, type SqlValue } from './filterValues';
import { columnSql, type QueryScope, type ResolvedField } from './scope';

/** A piece of SQL and the parameters of its `?` placeholders, in order. */
export interface SqlFragment {
    sql: string;
    params: SqlValue[];
}

/** A condition on a field or function, as opposed to the parenthesis marker before a NOT. */
type Condition = Exclude<ConditionWithValueQuery, NegationCondition | ValueQueryCondition>;

type Token =
    { kind: '(' | ')' | 'NOT' | 'AND' | 'OR' } | { kind: 'condition'; condition: Condition };

/** Compiles the parsed WHERE clause of a query. */
export function compileWhere(where: WhereClause, scope: QueryScope, now: Date): SqlFragment {
    const parser = new ConditionParser(flattenWhere(where), scope, now);
    return parser.parseAll();
}

/**
 * Turns the parser's right-leaning chain (with parenthesis counts on each
 * condition) back into the token order of the query text, so that the
 * grouping can be parsed again with the usual rules.
 */
function flattenWhere(where: WhereClause): Token[] {
    const tokens: Token[] = [];
    let node: WhereClause | undefined = where;
    while (node) {
        const left = node.left;
        if (left && isCondition(left)) {
            repeat(tokens, '(', left.openParen);
            if ('valueQuery' in left) {
                throw unsupportedFeature('semi-join and anti-join subqueries in WHERE');
            }
            tokens.push({ kind: 'condition', condition: left });
            repeat(tokens, ')', left.closeParen);
        } else if (left) {
            repeat(tokens, '(', left.openParen);
        }
        if ('operator' in node && node.operator) {
            tokens.push({ kind: node.operator });
        }
        node = 'right' in node ? node.right : undefined;
    }
    return tokens;
}

function isCondition(
    value: ConditionWithValueQuery | NegationCondition
): value is Exclude<ConditionWithValueQuery, NegationCondition> {
    return 'field' in value || 'fn' in value;
}

function repeat(tokens: Token[], kind: '(' | ')', count: number | undefined): void {
    for (let index = 0; index < (count ?? 0); index++) {
        tokens.push({ kind });
    }
}

/**
 * Recursive-descent parser over the tokens. NOT applies to the condition or
 * parenthesised group right after it. AND and OR may not be mixed at one
 * level without parentheses, which Salesforce also rejects (SOQL and SOSL
 * Reference: "Logical Operators").
 */
class ConditionParser {
    private position = 0;

    constructor(
        private readonly tokens: Token[],
        private readonly scope: QueryScope,
        private readonly now: Date
    ) {}

    parseAll(): SqlFragment {
        const fragment = this.parseExpression();
        if (this.position < this.tokens.length) {
            throw malformedQuery('Unbalanced parentheses in the WHERE clause.');
        }
        return fragment;
    }

    private parseExpression(): SqlFragment {
        const operands = [this.parseUnary()];
        let operator: 'AND' | 'OR' | undefined;
        let token = this.peek();
        while (token?.kind === 'AND' || token?.kind === 'OR') {
            if (operator && token.kind !== operator) {
                throw malformedQuery(
                    'The WHERE clause mixes AND and OR without parentheses. Add parentheses ' +
                        'to say which conditions belong together, for example (A AND B) OR C.'
                );
            }
            operator = token.kind;
            this.position += 1;
            operands.push(this.parseUnary());
            token = this.peek();
        }
        if (operands.length === 1) {
            return operands[0]!;
        }
        return join(operands, ` ${operator} `);
    }

    private parseUnary(): SqlFragment {
        const token = this.tokens[this.position];
        this.position += 1;
        if (token?.kind === 'NOT') {
            const operand = this.parseUnary();
            return { sql: `NOT (${operand.sql})`, params: operand.params };
        }
        if (token?.kind === '(') {
            const inner = this.parseExpression();
            if (this.tokens[this.position]?.kind !== ')') {
                throw malformedQuery('Unbalanced parentheses in the WHERE clause.');
            }
            this.position += 1;
            return { sql: `(${inner.sql})`, params: inner.params };
        }
        if (token?.kind === 'condition') {
            return compileCondition(token.condition, this.scope, this.now);
        }
        throw malformedQuery('The WHERE clause has an operator where a condition was expected.');
    }

    private peek(): Token | undefined {
        return this.tokens[this.position];
    }
}

function join(fragments: SqlFragment[], separator: string): SqlFragment {
    return {
        sql: fragments.map((fragment) => `(${fragment.sql})`).join(separator),
        params: fragments.flatMap((fragment) => fragment.params)
    };
}

function compileCondition(condition: Condition, scope: QueryScope, now: Date): SqlFragment {
    if (!('field' in condition)) {
        throw unsupportedFeature('functions such as CALENDAR_YEAR() or DISTANCE() in WHERE');
    }
    const resolved = scope.resolve(condition.field.split('.'), 'filter');
    const operator = condition.operator;
    const values = Array.isArray(condition.value) ? condition.value : [condition.value];
    const literalTypes = Array.isArray(condition.literalType)
        ? condition.literalType
        : values.map(() => condition.literalType as LiteralType | undefined);

    if (operator === 'INCLUDES' || operator === 'EXCLUDES') {
        throw unsupportedFeature('INCLUDES and EXCLUDES (multi-select picklist filters)');
    }
    const operands = values.map((value, index) =>
        filterOperand(resolved, literalTypes[index], String(value), {
            likePattern: operator === 'LIKE',
            now
        })
    );
    if (operator === 'IN' || operator === 'NOT IN') {
        return compileIn(resolved, operands, operator === 'NOT IN');
    }
    if (operands.length !== 1) {
        throw malformedQuery(`The operator ${operator} takes one value, not a list.`);
    }
    return compileComparison(resolved, operator, operands[0]!);
}

/**
 * Returns the column expression with an explicit collation for text fields:
 * NOCASE, or BINARY for fields marked case-sensitive, whatever collation
 * the column was declared with.
 */
function comparedColumn(resolved: ResolvedField): string {
    const column = columnSql(resolved);
    if (valueFamily(resolved.field.type) !== 'text') {
        return column;
    }
    return `${column} COLLATE ${resolved.field.caseSensitive === true ? 'BINARY' : 'NOCASE'}`;
}

const RANGE_COMPARISONS: Record<string, (column: string) => string> = {
    '=': (column) => `IFNULL(${column} >= ? AND ${column} < ?, 0)`,
    '!=': (column) => `NOT IFNULL(${column} >= ? AND ${column} < ?, 0)`,
    '<': (column) => `IFNULL(${column} < ?, 0)`,
    '<=': (column) => `IFNULL(${column} < ?, 0)`,
    '>': (column) => `IFNULL(${column} >= ?, 0)`,
    '>=': (column) => `IFNULL(${column} >= ?, 0)`
};

function compileComparison(
    resolved: ResolvedField,
    rawOperator: string,
    operand: FilterOperand
): SqlFragment {
    const operator = rawOperator === '<>' ? '!=' : rawOperator;
    const column = comparedColumn(resolved);
    const fieldName = `${resolved.object.name}.${resolved.field.name}`;

    if (operand.kind === 'null') {
        if (
            valueFamily(resolved.field.type) === 'boolean' &&
            (operator === '=' || operator === '!=')
        ) {
            // A checkbox is never null: "= null" means false and "!= null" means true.
            return { sql: `IFNULL(${column}, 0) = ${operator === '=' ? 0 : 1}`, params: [] };
        }
        if (operator === '=' || operator === '!=') {
            return { sql: `${column} IS ${operator === '=' ? '' : 'NOT '}NULL`, params: [] };
        }
        throw malformedQuery(`null can only be compared with = or !=, not with ${rawOperator}.`);
    }

    if (operator === 'LIKE') {
        if (valueFamily(resolved.field.type) !== 'text' || operand.kind !== 'value') {
            throw invalidFieldUse(
                fieldName,
                'LIKE works only on text fields, with a quoted pattern.'
            );
        }
        // SQLite's LIKE ignores case for ASCII letters, as SOQL's LIKE does for all letters.
        // NOTE: non-ASCII letters therefore match case-sensitively here.
        return {
            sql: `IFNULL(${columnSql(resolved)} LIKE ? ESCAPE '\\', 0)`,
            params: [operand.value]
        };
    }

    if (valueFamily(resolved.field.type) === 'boolean' && operator !== '=' && operator !== '!=') {
        throw invalidFieldUse(fieldName, `a checkbox can only be compared with = or !=.`);
    }

    if (operand.kind === 'range') {
        const build = RANGE_COMPARISONS[operator];
        if (!build) {
            throw malformedQuery(`The operator ${rawOperator} cannot be used with a date literal.`);
        }
        const params = rangeParams(operator, operand);
        return { sql: build(column), params };
    }

    if (operator === '=' || operator === '!=') {
        const sqlOperator = operator === '=' ? 'IS' : 'IS NOT';
        return { sql: `${column} ${sqlOperator} ?`, params: [operand.value] };
    }
    if (['<', '<=', '>', '>='].includes(operator)) {
        return { sql: `IFNULL(${column} ${operator} ?, 0)`, params: [operand.value] };
    }
    throw malformedQuery(`Unknown comparison operator ${rawOperator}.`);
}

function rangeParams(operator: string, range: { start: string; end: string }): SqlValue[] {
    switch (operator) {
        case '=':
        case '!=':
            return [range.start, range.end];
        case '<':
        case '>=':
            return [range.start];
        default:
            return [range.end];
    }
}

function compileIn(
    resolved: ResolvedField,
    operands: FilterOperand[],
    negate: boolean
): SqlFragment {
    if (operands.some((operand) => operand.kind === 'range')) {
        const parts = operands.map((operand) =>
            compileComparison(resolved, negate ? '!=' : '=', operand)
        );
        return join(parts, negate ? ' AND ' : ' OR ');
    }

    const column = comparedColumn(resolved);
    const values = operands.flatMap((operand) => (operand.kind === 'value' ? [operand.value] : []));
    const includesNull = values.length < operands.length;
    const parts: string[] = [];
    if (values.length > 0) {
        parts.push(`IFNULL(${column} IN (${values.map(() => '?').join(', ')}), 0)`);
    }
    if (includesNull) {
        parts.push(`${column} IS NULL`);
    }
    const membership = parts.join(' OR ');
    return { sql: negate ? `NOT (${membership})` : membership, params: values };
}
