/**
 * Finds the `sf` invocations in a bash script, so a test can check each
 * command and flag against the installed CLI. The lexer handles what this
 * project's scripts use: quotes, comments, backslash continuations, pipes,
 * `&&`, `;` and `$( )`. It is not a full shell parser.
 */

/** One `sf` call found in a script. */
export interface SfInvocation {
    /** 1-based line where the call starts. */
    line: number;
    /** Command words, for example ['org', 'create', 'scratch']. */
    command: string[];
    /** Flags as written, without values, for example ['--alias', '--wait']. */
    flags: string[];
    /** Every argument after the command words, values included, with quotes removed. */
    args: string[];
}

interface Token {
    text: string;
    operator: boolean;
    line: number;
}

const OPERATORS = ['&&', '||', '$(', '|', ';', '(', ')', '\n'];

function readQuoted(source: string, start: number, quote: string): number {
    let index = start + 1;
    while (index < source.length && source[index] !== quote) {
        index += source[index] === '\\' && quote === '"' ? 2 : 1;
    }
    return index + 1;
}

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let line = 1;
    let word = '';
    let wordLine = 1;
    const flush = () => {
        if (word !== '') {
            tokens.push({ text: word, operator: false, line: wordLine });
            word = '';
        }
    };

    let index = 0;
    while (index < source.length) {
        const char = source[index] ?? '';
        if (char === '\\' && source[index + 1] === '\n') {
            flush();
            line += 1;
            index += 2;
            continue;
        }
        if (char === "'" || char === '"') {
            const end = readQuoted(source, index, char);
            const quoted = source.slice(index, end);
            if (word === '') {
                wordLine = line;
            }
            word += quoted.slice(1, -1);
            line += quoted.split('\n').length - 1;
            index = end;
            continue;
        }
        if (char === '#' && word === '') {
            while (index < source.length && source[index] !== '\n') {
                index += 1;
            }
            continue;
        }
        const operator = OPERATORS.find((candidate) => source.startsWith(candidate, index));
        if (operator) {
            flush();
            tokens.push({ text: operator, operator: true, line });
            if (operator === '\n') {
                line += 1;
            }
            index += operator.length;
            continue;
        }
        if (char === ' ' || char === '\t') {
            flush();
            index += 1;
            continue;
        }
        if (word === '') {
            wordLine = line;
        }
        word += char;
        index += 1;
    }
    flush();
    return tokens;
}

/** Lists every `sf` call in command position in a bash script, in source order. */
export function findSfInvocations(script: string): SfInvocation[] {
    const tokens = tokenize(script);
    const invocations: SfInvocation[] = [];

    tokens.forEach((token, index) => {
        const previous = tokens[index - 1];
        const atCommandPosition = previous === undefined || previous.operator;
        if (token.operator || token.text !== 'sf' || !atCommandPosition) {
            return;
        }
        const rest: string[] = [];
        for (const next of tokens.slice(index + 1)) {
            if (next.operator) {
                break;
            }
            rest.push(next.text);
        }
        const firstArgument = rest.findIndex((word) => !/^[a-z][a-z-]*$/.test(word));
        const split = firstArgument === -1 ? rest.length : firstArgument;
        const args = rest.slice(split);
        invocations.push({
            line: token.line,
            command: rest.slice(0, split),
            flags: args
                .filter((word) => /^--?[A-Za-z]/.test(word))
                .map((word) => word.split('=')[0] ?? word),
            args
        });
    });
    return invocations;
}
