import { InvalidOptionsError } from '../../scripts/sync/errors';
import { parseCommandOptions } from '../../scripts/sync/flags';
import { writeSource } from './helpers';

const ORG_ENV = { SF_INSTANCE_URL: 'http://127.0.0.1:9', SF_ACCESS_TOKEN: 'token-123456' };
const SOURCE = ['--source', 'export.json'];

function rejection(argv: string[], env: Record<string, string> = ORG_ENV): string {
    try {
        parseCommandOptions(argv, env);
    } catch (error) {
        if (error instanceof InvalidOptionsError) {
            return error.message;
        }
        throw error;
    }
    throw new Error(`expected ${argv.join(' ')} to be rejected`);
}

describe('parseCommandOptions', () => {
    it.each([
        ['--source', ['--source', '']],
        ['--source=', ['--source=']],
        ['--target-org', ['--target-org', ' ', ...SOURCE]],
        ['--aliases', ['--aliases', '', ...SOURCE]],
        ['--instance-url', ['--instance-url', '', ...SOURCE]]
    ])('rejects an empty %s value', (flag, argv) => {
        expect(rejection(argv)).toContain(`${flag.replace(/=$/, '')} has an empty value`);
    });

    it('rejects a flag given twice', () => {
        expect(rejection(['--source', 'a.json', '--source', 'b.json'])).toContain(
            '--source is given more than once'
        );
        expect(rejection(['--json', '--json', ...SOURCE])).toContain(
            '--json is given more than once'
        );
    });

    it('requires --source when an org is given', () => {
        expect(rejection([])).toContain('An org is given but no --source');
        expect(rejection(['--watch'])).toContain('An org is given but no --source');
    });

    it('still runs the sample on the local org', () => {
        expect(parseCommandOptions([], {}).source).toBeUndefined();
    });

    it('prints help even with an org and no source', () => {
        expect(parseCommandOptions(['--help'], ORG_ENV).help).toBe(true);
    });

    it('rejects --poll-interval without --watch', () => {
        expect(rejection(['--poll-interval', '5', ...SOURCE])).toContain(
            '--poll-interval applies only to --watch'
        );
    });

    it('rejects --dry-run with --watch', () => {
        expect(rejection(['--watch', '--dry-run', ...SOURCE])).toContain(
            '--dry-run cannot be combined with --watch'
        );
    });

    it.each(['0', '-1', 'ten', '86401', '1e12'])('rejects --poll-interval %s', (value) => {
        expect(rejection(['--watch', `--poll-interval=${value}`, ...SOURCE])).toContain(
            `--poll-interval ${value} is invalid`
        );
    });

    it('rejects --target-org with JWT flags', () => {
        expect(
            rejection([
                '--target-org',
                'prod',
                '--jwt-key-file',
                'k.pem',
                '--username',
                'u',
                ...SOURCE
            ])
        ).toContain('--target-org cannot be combined with --username, --jwt-key-file');
    });

    it('names environment variables that --target-org overrides', () => {
        const options = parseCommandOptions(['--target-org', 'prod', ...SOURCE], ORG_ENV);
        expect(options.auth).toEqual({ kind: 'target-org', aliasOrUsername: 'prod' });
        expect(options.ignoredVariables).toEqual(['SF_ACCESS_TOKEN', 'SF_INSTANCE_URL']);
    });

    it('rejects JWT-only flags without a key file', () => {
        expect(rejection(['--username', 'ops@example.com', ...SOURCE])).toContain(
            '--username apply only to the JWT bearer flow'
        );
    });

    it('rejects org flags that select no org', () => {
        expect(rejection(['--instance-url', 'http://127.0.0.1:9', ...SOURCE], {})).toContain(
            'needs both SF_INSTANCE_URL (or --instance-url) and SF_ACCESS_TOKEN'
        );
        expect(rejection(['--client-id', 'abc', ...SOURCE], {})).toContain(
            '--client-id selects no org by itself'
        );
    });

    it.each([
        ['not a URL', 'natterbox.example', 'is not an absolute URL'],
        ['credentials', 'https://ops:hunter22@127.0.0.1:4020', 'contains a user name or password'],
        ['another scheme', 'ftp://127.0.0.1', 'only http and https']
    ])('rejects a Natterbox base URL with %s', (_case, baseUrl, message) => {
        const env = {
            ...ORG_ENV,
            NATTERBOX_BASE_URL: baseUrl,
            NATTERBOX_CLIENT_ID: 'id',
            NATTERBOX_CLIENT_SECRET: 'secret-value'
        };
        const text = rejection(['--source', 'natterbox'], env);
        expect(text).toContain(message);
        expect(text).not.toContain('hunter22');
    });

    it.each([
        ['SF_INSTANCE_URL', { ...ORG_ENV, SF_INSTANCE_URL: 'http://ops:hunter22@127.0.0.1:9' }, []],
        ['SF_INSTANCE_URL', { ...ORG_ENV, SF_INSTANCE_URL: '127.0.0.1:9' }, []],
        ['--instance-url', ORG_ENV, ['--instance-url', 'http://127.0.0.1:9/?sid=token']]
    ])('rejects an invalid %s', (name, env, flags) => {
        const text = rejection([...flags, ...SOURCE], env);
        expect(text).toMatch(new RegExp(`^${name} `));
        expect(text).not.toContain('hunter22');
    });

    it('reads a valid alias file', () => {
        const file = writeSource({ 'Web Phone': 'FREEDOM' }, 'aliases.json');
        expect(parseCommandOptions(['--aliases', file, ...SOURCE], ORG_ENV).extraAliases).toEqual({
            'Web Phone': 'FREEDOM'
        });
    });
});
