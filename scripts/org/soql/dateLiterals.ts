/**
 * Relative date literals such as TODAY and LAST_N_DAYS:n, turned into
 * half-open ranges of UTC days (SOQL and SOSL Reference: "Date Formats and
 * Date Literals in WHERE"). Each range starts at 00:00:00 of its first day.
 *
 * NOTE: Salesforce computes these ranges in the time zone of the user who
 * runs the query. The local org has no user time zone and uses UTC, so
 * near midnight it can place a record in a different day than a real org.
 */
import { malformedQuery, unsupportedFeature } from './errors';

const DAY_MS = 86_400_000;

/** A range of instants, start included and end excluded. */
export interface InstantRange {
    start: Date;
    end: Date;
}

function startOfDay(instant: Date): Date {
    return new Date(
        Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate())
    );
}

function addDays(day: Date, days: number): Date {
    return new Date(day.getTime() + days * DAY_MS);
}

function monthStart(today: Date, monthOffset: number): Date {
    return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + monthOffset, 1));
}

function yearStart(today: Date, yearOffset: number): Date {
    return new Date(Date.UTC(today.getUTCFullYear() + yearOffset, 0, 1));
}

function dayRange(today: Date, firstDayOffset: number, dayCount: number): InstantRange {
    const start = addDays(today, firstDayOffset);
    return { start, end: addDays(start, dayCount) };
}

/** Ranges of the literals without a number, relative to the start of today. */
const FIXED_LITERALS: Record<string, (today: Date) => InstantRange> = {
    YESTERDAY: (today) => dayRange(today, -1, 1),
    TODAY: (today) => dayRange(today, 0, 1),
    TOMORROW: (today) => dayRange(today, 1, 1),
    // LAST_90_DAYS counts today as well, so it spans 91 days.
    LAST_90_DAYS: (today) => dayRange(today, -90, 91),
    NEXT_90_DAYS: (today) => dayRange(today, 1, 90),
    LAST_MONTH: (today) => ({ start: monthStart(today, -1), end: monthStart(today, 0) }),
    THIS_MONTH: (today) => ({ start: monthStart(today, 0), end: monthStart(today, 1) }),
    NEXT_MONTH: (today) => ({ start: monthStart(today, 1), end: monthStart(today, 2) }),
    LAST_YEAR: (today) => ({ start: yearStart(today, -1), end: yearStart(today, 0) }),
    THIS_YEAR: (today) => ({ start: yearStart(today, 0), end: yearStart(today, 1) }),
    NEXT_YEAR: (today) => ({ start: yearStart(today, 1), end: yearStart(today, 2) })
};

/** Ranges of the `NAME:n` literals. */
const COUNTED_LITERALS: Record<string, (today: Date, n: number) => InstantRange> = {
    // LAST_N_DAYS:n runs from n days ago up to the end of today: LAST_N_DAYS:1 is yesterday and today.
    LAST_N_DAYS: (today, n) => dayRange(today, -n, n + 1),
    NEXT_N_DAYS: (today, n) => dayRange(today, 1, n),
    N_DAYS_AGO: (today, n) => dayRange(today, -n, 1)
};

/** Raises MALFORMED_QUERY for a range outside the years 1 to 9999, which datetime values cannot hold. */
function checkYears(literal: string, range: InstantRange): InstantRange {
    const inYears = (instant: Date) =>
        !Number.isNaN(instant.getTime()) &&
        instant.getUTCFullYear() >= 1 &&
        instant.getUTCFullYear() <= 9999;
    if (!inYears(range.start) || !inYears(range.end)) {
        throw malformedQuery(
            `The date literal ${literal} reaches outside the years 0001 to 9999; use a smaller n.`
        );
    }
    return range;
}

/**
 * Computes the range of a date literal at the instant `now`. `literal` is
 * the text from the query, for example `TODAY` or `LAST_N_DAYS:7`.
 */
export function dateLiteralRange(literal: string, now: Date): InstantRange {
    const today = startOfDay(now);
    const [name = '', countText] = literal.toUpperCase().split(':');

    if (countText === undefined) {
        const fixed = FIXED_LITERALS[name];
        if (fixed) {
            return fixed(today);
        }
    } else {
        const counted = COUNTED_LITERALS[name];
        const count = Number(countText);
        if (counted && Number.isInteger(count) && count >= 0) {
            return checkYears(literal, counted(today, count));
        }
    }

    // Week and quarter literals depend on the locale's first day of the week and the fiscal year.
    throw unsupportedFeature(
        `the date literal ${literal}. Supported date literals: ` +
            `${[...Object.keys(FIXED_LITERALS), ...Object.keys(COUNTED_LITERALS).map((name) => `${name}:n`)].join(', ')}`
    );
}
