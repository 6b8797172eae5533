/** A record as the REST query resource returns it, with parent records nested under relationship names. */
export type SoqlRecord = Record<string, unknown>;

/** Result of one SOQL query: `totalSize` alone is meaningful for `SELECT COUNT()`. */
export interface SoqlResult {
    totalSize: number;
    records: SoqlRecord[];
}

/** Runs one SOQL query against the local org's data. */
export type RunSoql = (soql: string) => SoqlResult;
