// Type declarations for formulon 6.25, which ships none. Only the two
// functions the local org calls are declared.
declare module 'formulon' {
    /** Evaluates a Salesforce formula with the given identifier values. */
    export function parse(formula: string, identifiers?: Record<string, unknown>): unknown;
    /** Lists the identifiers a formula reads. */
    export function extract(formula: string): string[];
}
