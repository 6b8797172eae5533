// Stops with a clear message when Node.js is older than 22. Kept as
// CommonJS with no syntax newer than ES2015 so that even an old Node can
// run it and print the message instead of crashing on an import.
'use strict';
var required = 22;
var major = Number(process.versions.node.split('.')[0]);
if (major < required) {
    process.stderr.write(
        'This project needs Node.js ' +
            required +
            ' or newer; found ' +
            process.version +
            '.\n' +
            'Node 20 is past end of life, and jsforce 3.10.17+ and the sf CLI need Node 22.\n' +
            'Fix: install Node 22, or prefix the command with scripts/node22.sh\n' +
            '(for example: scripts/node22.sh npm ci), which fetches Node 22 from the npm registry.\n'
    );
    process.exit(1);
}
