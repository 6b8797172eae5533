import {
    Kind,
    type FieldNode,
    type FragmentDefinitionNode,
    type SelectionNode,
    type SelectionSetNode,
    type ValueNode
} from 'graphql';
import { valueFromASTUntyped } from 'graphql';
import { GraphQlRequestError } from '../errors';

/** The fragments and variables of one request, needed to read any selection or argument. */
export interface RequestScope {
    fragments: Map<string, FragmentDefinitionNode>;
    variables: Record<string, unknown>;
}

/**
 * Lists the fields of a selection set with fragment spreads and inline
 * fragments expanded in place. Type conditions are not checked, because
 * every selection here sits on a single known type.
 */
export function collectFields(
    selectionSet: SelectionSetNode | undefined,
    scope: RequestScope,
    spreading: ReadonlySet<string> = new Set()
): FieldNode[] {
    if (!selectionSet) {
        return [];
    }
    return selectionSet.selections.flatMap((selection) => {
        if (!isIncluded(selection, scope)) {
            return [];
        }
        if (selection.kind === Kind.FIELD) {
            return [selection];
        }
        if (selection.kind === Kind.INLINE_FRAGMENT) {
            return collectFields(selection.selectionSet, scope, spreading);
        }
        const name = selection.name.value;
        const fragment = scope.fragments.get(name);
        if (!fragment) {
            throw errorAt(selection.name, `Unknown fragment '${name}'.`);
        }
        // The GraphQL specification forbids fragment cycles; expanding one
        // would recurse until the stack overflows.
        if (spreading.has(name)) {
            throw errorAt(selection, `Cannot spread fragment '${name}' within itself.`);
        }
        return collectFields(fragment.selectionSet, scope, new Set([...spreading, name]));
    });
}

/** Applies the `@skip(if:)` and `@include(if:)` directives of the GraphQL specification. */
function isIncluded(selection: SelectionNode, scope: RequestScope): boolean {
    for (const directive of selection.directives ?? []) {
        const name = directive.name.value;
        if (name !== 'skip' && name !== 'include') {
            continue;
        }
        const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
        const value = condition ? valueFromASTUntyped(condition.value, scope.variables) : undefined;
        if (typeof value !== 'boolean') {
            throw errorAt(directive, `Directive @${name} needs a Boolean argument if.`);
        }
        if ((name === 'skip') === value) {
            return false;
        }
    }
    return true;
}

/** Returns the key a field's value has in the response: its alias, else its name. */
export function responseKey(field: FieldNode): string {
    return field.alias?.value ?? field.name.value;
}

/**
 * Reads a field's arguments as plain values, with variables substituted.
 * An argument outside `supported` is rejected rather than ignored, so a
 * query never runs without a filter or limit that its author wrote.
 */
export function readArguments(
    field: FieldNode,
    scope: RequestScope,
    supported: readonly string[]
): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const argument of field.arguments ?? []) {
        const name = argument.name.value;
        if (!supported.includes(name)) {
            throw errorAt(
                argument,
                `Unknown argument '${name}' on field '${field.name.value}': the local org supports ${supported.join(', ')}.`
            );
        }
        values[name] = readValue(argument.value, scope);
    }
    return values;
}

function readValue(value: ValueNode, scope: RequestScope): unknown {
    // A variable without a value reads as undefined, so the argument counts as omitted.
    return valueFromASTUntyped(value, scope.variables);
}

/** Builds a validation error that points at a node of the query text. */
export function errorAt(
    node: { loc?: { startToken: { line: number; column: number } } },
    message: string
): GraphQlRequestError {
    const token = node.loc?.startToken;
    const locations = token ? [{ line: token.line, column: token.column }] : [];
    return new GraphQlRequestError(message, 'ValidationError', locations);
}
