/**
 * `node dist/fake-natterbox.js`: runs the fake Natterbox server in the
 * foreground on 127.0.0.1 with the shipped sample subscriptions.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startFakeNatterbox, type FakeSubscription } from './fakeServer';

const HELP = `Usage: node dist/fake-natterbox.js [options]

Serves the assumed Natterbox subscriptions API (docs/natterbox-api.md) on 127.0.0.1.

Options:
  --port N               port to listen on (default 4020; 0 picks a free port)
  --subscriptions FILE   JSON export whose subscriptions the server returns
                         (default samples/natterbox-subscriptions.json)
  --client-id ID         accepted client id (default env NATTERBOX_CLIENT_ID, else local-client)
  --client-secret SECRET accepted client secret (default env NATTERBOX_CLIENT_SECRET, else local-secret)
  --help                 show this text`;

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            port: { type: 'string', default: '4020' },
            subscriptions: { type: 'string', default: 'samples/natterbox-subscriptions.json' },
            'client-id': { type: 'string' },
            'client-secret': { type: 'string' },
            help: { type: 'boolean', default: false }
        }
    });
    if (values.help) {
        console.log(HELP);
        return;
    }
    const file = JSON.parse(readFileSync(values.subscriptions, 'utf8')) as {
        subscriptions: FakeSubscription[];
    };
    const server = await startFakeNatterbox({
        port: Number(values.port),
        clientId: values['client-id'] ?? process.env.NATTERBOX_CLIENT_ID ?? 'local-client',
        clientSecret:
            values['client-secret'] ?? process.env.NATTERBOX_CLIENT_SECRET ?? 'local-secret',
        subscriptions: file.subscriptions
    });
    console.log(
        `Fake Natterbox listening on ${server.baseUrl} with ${file.subscriptions.length} subscriptions.`
    );
    console.log(
        `Use it with: NATTERBOX_BASE_URL=${server.baseUrl} npm run sync -- --source natterbox ...`
    );
    console.log('Press Ctrl-C to stop.');
    const stop = () => {
        server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
    console.error(`fake-natterbox: ${error.message}`);
    process.exit(1);
});
