/**
 * The job's log: one line per event on stderr, prefixed with the time and a
 * level, so operators can grep and alert on it. Every line goes through a
 * redactor that replaces known secret values, as a second guard behind the
 * rule that secrets are never passed to the log.
 */

/** Log levels, in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The logger the sync job writes to. */
export interface Logger {
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
    /** Adds values (tokens, client secrets, keys) that must never appear in output. */
    addSecret(value: string | undefined): void;
    /** Replaces every registered secret in `text` with `[redacted]`. */
    redact(text: string): string;
}

/** Options of createLogger. */
export interface LoggerOptions {
    /** Lowest level written; default `info`. */
    level?: LogLevel;
    /** Line sink; default process.stderr. */
    write?: (line: string) => void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Secrets shorter than this are not redacted, because replacing them would garble ordinary text. */
const MIN_SECRET_LENGTH = 6;

/** Creates a logger that writes redacted lines to stderr. */
export function createLogger(options: LoggerOptions = {}): Logger {
    const minimum = ORDER[options.level ?? 'info'];
    const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
    const secrets = new Set<string>();

    const redact = (text: string): string => {
        let result = text;
        for (const secret of secrets) {
            result = result.split(secret).join('[redacted]');
        }
        return result;
    };
    const log = (level: LogLevel, message: string) => {
        if (ORDER[level] >= minimum) {
            write(redact(`${new Date().toISOString()} ${level.toUpperCase()} sync: ${message}`));
        }
    };

    return {
        debug: (message) => log('debug', message),
        info: (message) => log('info', message),
        warn: (message) => log('warn', message),
        error: (message) => log('error', message),
        addSecret(value) {
            if (value !== undefined && value.length >= MIN_SECRET_LENGTH) {
                secrets.add(value);
                // A URL-encoded copy can appear in form bodies and URLs.
                secrets.add(encodeURIComponent(value));
            }
        },
        redact
    };
}
