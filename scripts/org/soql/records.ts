/**
 * The SELECT list of a record query, and the conversion of SQL rows into
 * records shaped as the REST API returns them. Each record has
 * `attributes` first and field keys spelled as in the schema. Parent
 * records nest under their relationship name, or are null when the lookup
 * is empty (SOQL and SOSL Reference: "Relationship Queries").
 */
import type { FieldSchema, ObjectSchema } from '../schema/types';
import { malformedQuery } from './errors';
import { valueFamily } from './filterValues';
import { columnSql, quoteIdentifier, type ResolvedField } from './scope';

/** Computes a formula field of one record. The server supplies it because formulas need record context. */
export type FormulaResolver = (request: {
    object: ObjectSchema;
    field: FieldSchema;
    recordId: string;
}) => unknown;

/** Options that shape the records. */
export interface RecordOptions {
    /** API version in `attributes.url`, for example `64.0`. */
    apiVersion: string;
    /**
     * Computes formula fields. Without it, a selected formula field reads its
     * storage column, which the storage layer keeps NULL.
     */
    resolveFormula?: FormulaResolver;
}

type OutputNode =
    | { kind: 'value'; key: string; column: string; field: FieldSchema }
    | { kind: 'formula'; key: string; field: FieldSchema; object: ObjectSchema; idColumn: string }
    | ParentNode;

interface ParentNode {
    kind: 'parent';
    key: string;
    pathKey: string;
    object: ObjectSchema;
    idColumn: string;
    children: OutputNode[];
}

const BASE_ID_COLUMN = '__id';

/** Converts a stored value to its JSON form for a field: checkboxes to booleans, numbers to numbers. */
export function jsonValue(field: FieldSchema, value: unknown): unknown {
    if (value === null || value === undefined) {
        return null;
    }
    switch (valueFamily(field.type)) {
        case 'boolean':
            return (
                value === 1 || value === 1n || value === true || value === '1' || value === 'true'
            );
        case 'number':
            return Number(value);
        default:
            return String(value);
    }
}

/** The selected fields of a record query, in query order, and how to turn rows into records. */
export class RecordShape {
    private readonly nodes: OutputNode[] = [];
    private readonly parents = new Map<string, ParentNode>();
    private readonly columns: string[];
    private readonly selectedKeys = new Set<string>();

    constructor(
        private readonly base: ObjectSchema,
        baseAlias: string,
        private readonly options: RecordOptions
    ) {
        this.columns = [`${quoteIdentifier(baseAlias)}."id" AS "${BASE_ID_COLUMN}"`];
    }

    /** Adds a selected field. Raises MALFORMED_QUERY when the same field is selected twice. */
    add(resolved: ResolvedField): void {
        if (this.selectedKeys.has(resolved.key)) {
            throw malformedQuery(`duplicate field selected: ${resolved.key}`);
        }
        this.selectedKeys.add(resolved.key);

        let siblings = this.nodes;
        let idColumn = BASE_ID_COLUMN;
        for (const step of resolved.steps) {
            const parent = this.parentNode(
                step.key,
                step.relationshipName,
                step.object,
                step.alias,
                siblings
            );
            siblings = parent.children;
            idColumn = parent.idColumn;
        }

        const { field, object } = resolved;
        if (field.formula !== undefined && this.options.resolveFormula) {
            siblings.push({ kind: 'formula', key: field.name, field, object, idColumn });
            return;
        }
        // Without a resolver a formula field reads its column, which storage keeps NULL.
        const column = `c${this.columns.length}`;
        this.columns.push(`${columnSql(resolved)} AS "${column}"`);
        siblings.push({ kind: 'value', key: field.name, column, field });
    }

    /** Returns the SELECT expressions, each with its column alias. */
    selectSql(): string[] {
        return [...this.columns];
    }

    /** Converts one SQL row into a REST API record. */
    toRecord(row: Record<string, unknown>): Record<string, unknown> {
        return this.buildRecord(this.base, String(row[BASE_ID_COLUMN]), this.nodes, row);
    }

    private parentNode(
        pathKey: string,
        relationshipName: string,
        object: ObjectSchema,
        alias: string,
        siblings: OutputNode[]
    ): ParentNode {
        const existing = this.parents.get(pathKey);
        if (existing) {
            return existing;
        }
        const idColumn = `p${this.columns.length}`;
        this.columns.push(`${quoteIdentifier(alias)}."id" AS "${idColumn}"`);
        const parent: ParentNode = {
            kind: 'parent',
            key: relationshipName,
            pathKey,
            object,
            idColumn,
            children: []
        };
        this.parents.set(pathKey, parent);
        siblings.push(parent);
        return parent;
    }

    private buildRecord(
        object: ObjectSchema,
        id: string,
        nodes: OutputNode[],
        row: Record<string, unknown>
    ): Record<string, unknown> {
        const record: Record<string, unknown> = {
            attributes: {
                type: object.name,
                url: `/services/data/v${this.options.apiVersion}/sobjects/${object.name}/${id}`
            }
        };
        for (const node of nodes) {
            record[node.key] = this.nodeValue(node, row);
        }
        return record;
    }

    private nodeValue(node: OutputNode, row: Record<string, unknown>): unknown {
        switch (node.kind) {
            case 'value':
                return jsonValue(node.field, row[node.column]);
            case 'formula': {
                const recordId = String(row[node.idColumn]);
                const value = this.options.resolveFormula?.({
                    object: node.object,
                    field: node.field,
                    recordId
                });
                return jsonValue(node.field, value);
            }
            case 'parent': {
                const parentId = row[node.idColumn];
                if (parentId === null || parentId === undefined) {
                    return null;
                }
                return this.buildRecord(node.object, String(parentId), node.children, row);
            }
        }
    }
}
