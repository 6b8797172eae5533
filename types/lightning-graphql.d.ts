// Ambient types for the GraphQL wire adapter module. The platform ships no
// TypeScript declarations for `lightning/*` modules; these cover the parts
// this package uses, as the "lightning/graphql Wire Adapter (v2)" reference
// documents them.
declare module 'lightning/graphql' {
    import type { WireAdapterConstructor } from 'lwc';

    /** A GraphQL error as the wire adapter reports it. */
    export interface GraphQLError {
        message: string;
        locations?: { line: number; column: number }[];
        path?: (string | number)[];
        extensions?: Record<string, unknown>;
    }

    /** The value the wire adapter provisions: data, errors and a refresh method. */
    export interface GraphQLResult<Data = unknown> {
        data?: Data;
        errors?: GraphQLError[];
        refresh?: () => Promise<unknown>;
    }

    /** The parsed query that `gql` returns; opaque to components. */
    export type DocumentNode = { readonly __documentNode: unique symbol };

    /** Configuration of the wire adapter. */
    export interface GraphQLConfig {
        query: DocumentNode | undefined;
        variables?: Record<string, unknown>;
        operationName?: string;
    }

    export const graphql: WireAdapterConstructor<GraphQLConfig, GraphQLResult>;
    export function gql(literals: TemplateStringsArray, ...values: unknown[]): DocumentNode;
}
