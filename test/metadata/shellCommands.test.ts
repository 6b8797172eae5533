import { findSfInvocations } from './shellCommands';

describe('findSfInvocations', () => {
    it('reads commands, flags and continuations', () => {
        const script = [
            '# sf org delete scratch is only named here',
            'echo "sf org list"',
            'sf org create scratch --alias "my org" \\',
            '  --wait 10 -d',
            'id=$(sf org display --json | json_value result.id)',
            "node -e 'sf fake'",
            'true && sf data import tree --plan=data/plan.json'
        ].join('\n');

        expect(findSfInvocations(script)).toEqual([
            {
                line: 3,
                command: ['org', 'create', 'scratch'],
                flags: ['--alias', '--wait', '-d'],
                args: ['--alias', 'my org', '--wait', '10', '-d']
            },
            { line: 5, command: ['org', 'display'], flags: ['--json'], args: ['--json'] },
            {
                line: 7,
                command: ['data', 'import', 'tree'],
                flags: ['--plan'],
                args: ['--plan=data/plan.json']
            }
        ]);
    });

    it('ignores sf as an argument', () => {
        expect(findSfInvocations('echo sf org list\nwhich sf')).toEqual([]);
    });
});
