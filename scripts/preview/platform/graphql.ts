/**
 * Browser implementation of `lightning/graphql` for the preview: the `gql`
 * tag, the `graphql` wire adapter and `refreshGraphQL`, following the
 * "lightning/graphql Wire Adapter" reference. Each provisioned result is
 * `{ data, errors, refresh }`; the adapter sends one
 * `POST /services/data/vXX.X/graphql` per configuration and per refresh.
 */
import { callDataApi } from './transport';
import { FetchingWireAdapter } from './wireAdapter';

/** The query document that `gql` returns: the query text, sent as is. */
export interface QueryDocument {
    readonly kind: 'Document';
    readonly source: string;
}

/** Configuration of the wire adapter. */
export interface GraphQlConfig {
    query?: QueryDocument | string;
    variables?: Record<string, unknown>;
    operationName?: string;
}

/** Value the wire adapter provisions. */
export interface GraphQlResult {
    data: unknown;
    errors: unknown[] | undefined;
    refresh: () => Promise<void>;
}

/** Builds a query document from a tagged template literal. */
export function gql(literals: TemplateStringsArray, ...values: unknown[]): QueryDocument {
    const source = literals.reduce(
        (text, literal, index) =>
            text + literal + (index < values.length ? String(values[index]) : ''),
        ''
    );
    return { kind: 'Document', source };
}

const refreshers = new WeakMap<object, () => Promise<void>>();

/** Runs the query behind a provisioned result again and provisions the new result. */
export function refreshGraphQL(result: unknown): Promise<void> {
    const refresh =
        typeof result === 'object' && result !== null ? refreshers.get(result) : undefined;
    if (!refresh) {
        return Promise.reject(
            new Error('refreshGraphQL needs a result that the graphql wire adapter provisioned.')
        );
    }
    return refresh();
}

/** The `graphql` wire adapter. */
export class graphql extends FetchingWireAdapter<GraphQlConfig> {
    protected isComplete(config: GraphQlConfig): boolean {
        return Boolean(config.query);
    }

    protected fetchValue(config: GraphQlConfig): Promise<GraphQlResult> {
        return this.fetchResult(config);
    }

    private async fetchResult(config: GraphQlConfig): Promise<GraphQlResult> {
        const query = typeof config.query === 'string' ? config.query : config.query?.source;
        const refresh = (): Promise<void> => this.provision();
        let result: GraphQlResult;
        try {
            const body = (await callDataApi('POST', 'graphql', {
                query,
                variables: config.variables ?? {},
                operationName: config.operationName
            })) as { data?: unknown; errors?: unknown[] };
            const errors = body.errors && body.errors.length > 0 ? body.errors : undefined;
            result = { data: body.data ?? undefined, errors, refresh };
        } catch (error) {
            result = { data: undefined, errors: [error], refresh };
        }
        refreshers.set(result, refresh);
        return result;
    }
}
