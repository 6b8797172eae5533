/**
 * Errors raised while serving UI API and GraphQL requests. Each carries the
 * Salesforce error code that the response reports.
 */

/** A GraphQL request that cannot run: invalid syntax, an unknown object or field, a bad argument. */
export class GraphQlRequestError extends Error {
    override name = 'GraphQlRequestError';

    constructor(
        message: string,
        /** GraphQL API Developer Guide: errors carry a classification in `extensions`. */
        readonly classification: 'ValidationError' | 'InvalidSyntax' | 'DataFetchingException',
        /** Positions in the query text of the node that caused the error, when one did. */
        readonly locations: { line: number; column: number }[] = []
    ) {
        super(message);
    }
}

/** A UI API request with an invalid path, body or parameter. */
export class UiApiRequestError extends Error {
    override name = 'UiApiRequestError';

    constructor(
        message: string,
        readonly statusCode: number,
        readonly errorCode: string
    ) {
        super(message);
    }
}
