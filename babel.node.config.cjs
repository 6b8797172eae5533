// Babel settings for the Jest `node` project: strip TypeScript and turn
// ES modules into CommonJS for Jest's module registry. Type checking is
// done separately by `npm run typecheck`.
module.exports = {
    presets: [
        ['@babel/preset-env', { targets: { node: '22' } }],
        ['@babel/preset-typescript', { allowDeclareFields: true }]
    ]
};
