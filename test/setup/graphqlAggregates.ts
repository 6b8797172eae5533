/**
 * Test helper shared by the license components' query tests: reads the seat
 * holder aggregates of a query out of its parsed GraphQL document.
 */
import { Kind, parse, valueFromASTUntyped } from 'graphql';
import type { FieldNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';

/** One field under `uiapi { aggregate { ... } }`. */
export interface AggregateField {
    /** The field's arguments as plain values. */
    args: Record<string, unknown>;
    /** The fields selected under `edges { node { aggregate { ... } } }`. */
    selected: string[];
}

function children(node: { selectionSet?: SelectionSetNode }, name: string): FieldNode[] {
    return (node.selectionSet?.selections ?? []).filter(
        (selection): selection is FieldNode =>
            selection.kind === Kind.FIELD && selection.name.value === name
    );
}

function onlyChild(node: { selectionSet?: SelectionSetNode }, name: string): FieldNode {
    const [child, ...others] = children(node, name);
    if (!child || others.length > 0) {
        throw new Error(`Expected exactly one '${name}' field in the query.`);
    }
    return child;
}

/**
 * Reads the fields under `uiapi { aggregate { ... } }` of the first
 * operation in a query, keyed by alias (or by name for a field without one).
 */
export function readAggregateFields(queryText: string): Record<string, AggregateField> {
    const operation = parse(queryText).definitions[0] as OperationDefinitionNode;
    const aggregate = onlyChild(onlyChild(operation, 'uiapi'), 'aggregate');
    const result: Record<string, AggregateField> = {};
    for (const selection of aggregate.selectionSet?.selections ?? []) {
        if (selection.kind !== Kind.FIELD) {
            continue;
        }
        const args: Record<string, unknown> = {};
        for (const argument of selection.arguments ?? []) {
            args[argument.name.value] = valueFromASTUntyped(argument.value);
        }
        const values = onlyChild(onlyChild(onlyChild(selection, 'edges'), 'node'), 'aggregate');
        const selected: string[] = [];
        for (const field of values.selectionSet?.selections ?? []) {
            if (field.kind === Kind.FIELD) {
                selected.push(field.name.value);
            }
        }
        result[selection.alias?.value ?? selection.name.value] = { args, selected };
    }
    return result;
}
