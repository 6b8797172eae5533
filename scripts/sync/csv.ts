/**
 * A small CSV reader for subscription exports, following RFC 4180: fields
 * separated by commas, optional double quotes around a field, `""` for a
 * quote inside a quoted field, line breaks allowed inside quotes, CRLF or LF
 * line ends and an optional UTF-8 byte order mark.
 */

/** One parsed row with the 1-based line number it starts on. */
export interface CsvRow {
    line: number;
    fields: string[];
}

/** Raised when the CSV text cannot be split into rows (an unterminated quote, text after a closing quote). */
export class CsvSyntaxError extends Error {
    readonly line: number;

    constructor(line: number, message: string) {
        super(message);
        this.name = 'CsvSyntaxError';
        this.line = line;
    }
}

/** Parses CSV text into rows, skipping empty lines. */
export function parseCsv(text: string): CsvRow[] {
    const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
    const rows: CsvRow[] = [];
    let fields: string[] = [];
    let field = '';
    let line = 1;
    let rowStart = 1;
    let index = 0;

    const endRow = () => {
        fields.push(field);
        const blank = fields.length === 1 && fields[0] === '';
        if (!blank) {
            rows.push({ line: rowStart, fields });
        }
        fields = [];
        field = '';
    };

    while (index < input.length) {
        const char = input[index];
        if (char === '"' && field === '') {
            const end = readQuoted(input, index, line);
            field = end.value;
            line += end.lineBreaks;
            index = end.next;
            const after = input[index];
            if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
                throw new CsvSyntaxError(
                    line,
                    `unexpected text after a closing quote on line ${line}`
                );
            }
            continue;
        }
        if (char === ',') {
            fields.push(field);
            field = '';
        } else if (char === '\n' || char === '\r') {
            endRow();
            if (char === '\r' && input[index + 1] === '\n') {
                index += 1;
            }
            line += 1;
            rowStart = line;
        } else {
            field += char;
        }
        index += 1;
    }
    if (field !== '' || fields.length > 0) {
        endRow();
    }
    return rows;
}

function readQuoted(input: string, start: number, line: number) {
    let value = '';
    let lineBreaks = 0;
    let index = start + 1;
    while (index < input.length) {
        const char = input[index];
        if (char === '"') {
            if (input[index + 1] === '"') {
                value += '"';
                index += 2;
                continue;
            }
            return { value, lineBreaks, next: index + 1 };
        }
        if (char === '\n') {
            lineBreaks += 1;
        }
        value += char;
        index += 1;
    }
    throw new CsvSyntaxError(
        line,
        `a quoted field that starts on line ${line} has no closing quote`
    );
}
