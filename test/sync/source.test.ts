import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCsv } from '../../scripts/sync/csv';
import { InvalidSourceError } from '../../scripts/sync/errors';
import {
    MAX_SOURCE_BYTES,
    parseCsvExport,
    parseJsonExport,
    readSourceFile
} from '../../scripts/sync/source';

function writeFile(name: string, content: string | Buffer): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sync-source-')), name);
    writeFileSync(file, content);
    return file;
}

function issuesOf(action: () => unknown): string[] {
    try {
        action();
    } catch (error) {
        if (error instanceof InvalidSourceError) {
            return error.issues.map((issue) => `${issue.location}: ${issue.message}`);
        }
        throw error;
    }
    throw new Error('expected an InvalidSourceError');
}

describe('parseCsv', () => {
    it('reads quoted fields with commas, quotes and line breaks', () => {
        const rows = parseCsv('name,purchased\r\n"Cloud, PBX",1\n"Say ""hi""\nthere",2\n');
        expect(rows).toEqual([
            { line: 1, fields: ['name', 'purchased'] },
            { line: 2, fields: ['Cloud, PBX', '1'] },
            { line: 3, fields: ['Say "hi"\nthere', '2'] }
        ]);
    });

    it('skips blank lines and a byte order mark', () => {
        expect(parseCsv('\uFEFFa,b\n\n1,2\n\n')).toEqual([
            { line: 1, fields: ['a', 'b'] },
            { line: 3, fields: ['1', '2'] }
        ]);
    });

    it('rejects an unterminated quote', () => {
        expect(() => parseCsv('name\n"Freedom,3\n')).toThrow('has no closing quote');
    });
});

describe('parseJsonExport', () => {
    it('reads entries and defaults provisioned to true', () => {
        const subscriptions = parseJsonExport(
            JSON.stringify({
                subscriptions: [
                    { name: ' Freedom ', purchased: 25 },
                    { name: 'PCI', purchased: 0, provisioned: false }
                ]
            }),
            'export.json'
        );
        expect(subscriptions).toEqual([
            { name: 'Freedom', purchased: 25, provisioned: true, location: 'subscriptions[0]' },
            { name: 'PCI', purchased: 0, provisioned: false, location: 'subscriptions[1]' }
        ]);
    });

    it('rejects malformed JSON', () => {
        expect(issuesOf(() => parseJsonExport('{"subscriptions": [', 'x.json'))[0]).toMatch(
            /^file: is not valid JSON/
        );
    });

    it('rejects a missing subscriptions array', () => {
        expect(issuesOf(() => parseJsonExport('{"items": []}', 'x.json'))[0]).toContain(
            '"subscriptions" array'
        );
    });

    it('lists every invalid value with its location', () => {
        const text = JSON.stringify({
            subscriptions: [
                { name: 'Freedom', purchased: -1 },
                { name: 'Record', purchased: '12' },
                { name: '', purchased: 3 },
                { name: 'PCI', purchased: 2.5, provisioned: 'yes' },
                'CTI'
            ]
        });
        const issues = issuesOf(() => parseJsonExport(text, 'x.json'));
        expect(issues).toEqual([
            'subscriptions[0].purchased: must be between 0 and 999999999, got -1',
            'subscriptions[1].purchased: must be a whole number of seats, got "12"',
            'subscriptions[2].name: must be a non-empty text, got ""',
            'subscriptions[3].purchased: must be a whole number of seats, got 2.5',
            'subscriptions[3].provisioned: must be true or false, got "yes"',
            'subscriptions[4]: must be an object with "name" and "purchased", got "CTI"'
        ]);
    });

    it.each([
        ['a zero-width space', 'Free\u200Bdom', 'U+200B at position 5'],
        ['a tab', 'Free\tdom', 'U+0009 at position 5'],
        ['a line break', 'Cloud\nPBX', 'U+000A at position 6'],
        ['a byte order mark', '\uFEFFFreedom', 'U+FEFF at position 1'],
        ['a right-to-left mark', 'Freedom\u200F', 'U+200F at position 8']
    ])('rejects a name with %s', (_case, name, message) => {
        const text = JSON.stringify({ subscriptions: [{ name, purchased: 1 }] });
        expect(issuesOf(() => parseJsonExport(text, 'x.json'))[0]).toContain(message);
    });

    it('collapses runs of spaces in a name', () => {
        const text = JSON.stringify({
            subscriptions: [{ name: ' Cloud \u00A0 PBX ', purchased: 1 }]
        });
        expect(parseJsonExport(text, 'x.json')[0]?.name).toBe('Cloud PBX');
    });

    it('rejects a name longer than the Name field', () => {
        const text = JSON.stringify({ subscriptions: [{ name: 'x'.repeat(81), purchased: 1 }] });
        expect(issuesOf(() => parseJsonExport(text, 'x.json'))[0]).toContain(
            'is 81 characters long'
        );
    });
});

describe('parseCsvExport', () => {
    it('reads columns in any order with optional provisioned', () => {
        const subscriptions = parseCsvExport(
            'purchased,name,provisioned\n25,"Contact Center",yes\n3,Record,\n',
            'x.csv'
        );
        expect(subscriptions).toEqual([
            { name: 'Contact Center', purchased: 25, provisioned: true, location: 'line 2' },
            { name: 'Record', purchased: 3, provisioned: true, location: 'line 3' }
        ]);
    });

    it('reports bad cells by line number', () => {
        const issues = issuesOf(() =>
            parseCsvExport('name,purchased,provisioned\nFreedom,-3,true\nCTI,ten,maybe\n', 'x.csv')
        );
        expect(issues).toEqual([
            'line 2, column purchased: must be a whole number of seats, got "-3"',
            'line 3, column purchased: must be a whole number of seats, got "ten"',
            'line 3, column provisioned: must be true or false, got "maybe"'
        ]);
    });

    it('rejects rows wider or narrower than the header', () => {
        const issues = issuesOf(() =>
            parseCsvExport('name,purchased\nCloud, PBX,3\nFreedom\nRecord,2\n', 'x.csv')
        );
        expect(issues).toEqual([
            'line 2: has 3 fields, but the header has 2. Quote a name that contains a comma, for example "Cloud, PBX"',
            'line 3: has 1 fields, but the header has 2. Quote a name that contains a comma, for example "Cloud, PBX"'
        ]);
    });

    it('rejects unknown and repeated header columns', () => {
        const issues = issuesOf(() =>
            parseCsvExport('name,purchased,provisoned,name\nFreedom,3,no,CTI\n', 'x.csv')
        );
        expect(issues).toEqual([
            'line 1: the header has the unknown column "provisoned". The columns are name, purchased, provisioned',
            'line 1: the header lists the column name twice. Keep one'
        ]);
    });

    it('names the separator of a semicolon header', () => {
        expect(issuesOf(() => parseCsvExport('name;purchased\nFreedom;3\n', 'x.csv'))[0]).toContain(
            'separated by commas'
        );
    });

    it('reads CRLF line ends, quoted commas and a byte order mark', () => {
        const subscriptions = parseCsvExport(
            '\uFEFFname,purchased\r\n"Cloud, PBX",2\r\nFreedom,3\r\n',
            'x.csv'
        );
        expect(subscriptions.map((entry) => [entry.name, entry.purchased])).toEqual([
            ['Cloud, PBX', 2],
            ['Freedom', 3]
        ]);
    });

    it('rejects a header without the purchased column', () => {
        expect(issuesOf(() => parseCsvExport('name\nFreedom\n', 'x.csv'))[0]).toContain(
            'lacks the column(s) purchased'
        );
    });
});

describe('readSourceFile', () => {
    it('reads CSV by extension and JSON otherwise', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'sync-source-'));
        writeFileSync(path.join(folder, 'a.CSV'), 'name,purchased\nFreedom,2\n');
        writeFileSync(
            path.join(folder, 'b.txt'),
            '{"subscriptions":[{"name":"Freedom","purchased":4}]}'
        );
        expect(readSourceFile(path.join(folder, 'a.CSV'))[0]?.purchased).toBe(2);
        expect(readSourceFile(path.join(folder, 'b.txt'))[0]?.purchased).toBe(4);
    });

    it('reads a JSON file with a byte order mark', () => {
        const file = writeFile(
            'bom.json',
            '\uFEFF{"subscriptions":[{"name":"Freedom","purchased":3}]}'
        );
        expect(readSourceFile(file)[0]?.purchased).toBe(3);
    });

    it.each([
        ['binary bytes', Buffer.from([0x7b, 0x00, 0x01, 0x7d]), 'contains a NUL byte'],
        [
            'invalid UTF-8',
            Buffer.from('{"subscriptions":[{"name":"Fre\xffdom","purchased":3}]}', 'latin1'),
            'is not UTF-8 text'
        ],
        ['UTF-16', Buffer.from('\uFEFF{"subscriptions":[]}', 'utf16le'), 'is not UTF-8 text']
    ])('rejects a file of %s', (_case, bytes, message) => {
        const issues = issuesOf(() => readSourceFile(writeFile('export.json', bytes)));
        expect(issues).toEqual([expect.stringContaining(message)]);
    });

    it('reads a named pipe', () => {
        const fifo = path.join(mkdtempSync(path.join(tmpdir(), 'sync-source-')), 'export.json');
        execFileSync('mkfifo', [fifo]);
        const writer = spawn('sh', [
            '-c',
            `printf '%s' "$0" > "$1"`,
            '{"subscriptions":[{"name":"PCI","purchased":4}]}',
            fifo
        ]);
        expect(readSourceFile(fifo)[0]?.purchased).toBe(4);
        writer.kill();
    });

    it('rejects a directory', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'sync-source-'));
        expect(issuesOf(() => readSourceFile(folder))[0]).toContain('is a directory, not a file');
    });

    it('rejects a file over the size limit', () => {
        const file = writeFile('big.json', Buffer.alloc(MAX_SOURCE_BYTES + 1, 0x20));
        expect(issuesOf(() => readSourceFile(file))[0]).toContain('larger than the maximum');
    });

    it('reports a missing file', () => {
        expect(issuesOf(() => readSourceFile('/nonexistent/export.json'))[0]).toBe(
            'file: was not found. Check the path'
        );
    });

    it('reads both shipped samples to the same subscriptions', () => {
        const root = path.resolve(__dirname, '../..');
        const strip = (list: { name: string; purchased: number; provisioned: boolean }[]) =>
            list.map(({ name, purchased, provisioned }) => ({ name, purchased, provisioned }));
        const json = readSourceFile(path.join(root, 'samples/natterbox-subscriptions.json'));
        const csv = readSourceFile(path.join(root, 'samples/natterbox-subscriptions.csv'));
        expect(json.length).toBeGreaterThan(10);
        expect(strip(csv)).toEqual(strip(json));
    });
});
