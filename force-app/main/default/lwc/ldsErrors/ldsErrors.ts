/**
 * Turns the errors that Lightning Data Service functions reject with into
 * messages a component can place: page-level messages and messages per
 * field. The shapes follow the User Interface API Developer Guide pages
 * "Error with Output" and "Record Exceptions".
 */

/** Messages of one failed save, sorted by where a component shows them. */
export interface SaveErrorReport {
    /** Messages for the whole record, such as validation rule messages. */
    pageErrors: string[];
    /** Messages per field API name. */
    fieldErrors: Record<string, string[]>;
    /** True when the request never reached Salesforce. */
    connectionLost: boolean;
}

interface RecordException {
    errors?: { message?: string }[];
    fieldErrors?: Record<string, { message?: string }[]>;
}

interface LdsErrorBody {
    message?: string;
    output?: RecordException;
}

/** Message shown when a save fails without reaching the server. */
export const CONNECTION_LOST_MESSAGE =
    'The change was not saved because Salesforce could not be reached. Check the connection and save again.';

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
}

// NOTE: a failed fetch may reach a component as status 0 or as a TypeError,
// so both count as a lost connection. Neither shape has been checked
// against a real org.
function isConnectionFailure(error: unknown): boolean {
    if (error instanceof TypeError) {
        return true;
    }
    return isRecord(error) && error.status === 0;
}

function bodiesOf(error: unknown): LdsErrorBody[] {
    if (!isRecord(error) || !('body' in error)) {
        return [];
    }
    const body = error.body;
    if (Array.isArray(body)) {
        return body.filter(isRecord) as LdsErrorBody[];
    }
    return isRecord(body) ? [body as LdsErrorBody] : [];
}

function collectBody(body: LdsErrorBody, report: SaveErrorReport): void {
    const output = body.output;
    const recordErrors = (output?.errors ?? [])
        .map((entry) => entry.message)
        .filter((message): message is string => Boolean(message));
    report.pageErrors.push(...recordErrors);

    for (const [field, entries] of Object.entries(output?.fieldErrors ?? {})) {
        const messages = entries
            .map((entry) => entry.message)
            .filter((message): message is string => Boolean(message));
        if (messages.length > 0) {
            report.fieldErrors[field] = [...(report.fieldErrors[field] ?? []), ...messages];
        }
    }

    const hasDetail = recordErrors.length > 0 || Object.keys(output?.fieldErrors ?? {}).length > 0;
    if (!hasDetail && body.message) {
        report.pageErrors.push(body.message);
    }
}

/** Sorts the error of a failed createRecord or updateRecord call into page and field messages. */
export function reportSaveError(error: unknown): SaveErrorReport {
    const report: SaveErrorReport = { pageErrors: [], fieldErrors: {}, connectionLost: false };
    if (isConnectionFailure(error)) {
        report.connectionLost = true;
        report.pageErrors.push(CONNECTION_LOST_MESSAGE);
        return report;
    }

    for (const body of bodiesOf(error)) {
        collectBody(body, report);
    }
    if (report.pageErrors.length === 0 && Object.keys(report.fieldErrors).length === 0) {
        const message = error instanceof Error ? error.message : 'Salesforce gave no reason.';
        report.pageErrors.push(`The save failed: ${message}`);
    }
    return report;
}

/** Collects the messages of GraphQL errors or of a wire adapter error. */
export function loadErrorMessages(errors: unknown): string[] {
    const list = Array.isArray(errors) ? errors : [errors];
    const messages: string[] = [];
    for (const entry of list) {
        if (typeof entry === 'string') {
            messages.push(entry);
        } else if (isRecord(entry) && typeof entry.message === 'string') {
            messages.push(entry.message);
        } else {
            for (const body of bodiesOf(entry)) {
                if (body.message) {
                    messages.push(body.message);
                }
            }
        }
    }
    return messages.length > 0 ? messages : ['The data could not be loaded.'];
}
