/**
 * Makes `Symbol.dispose` inside Jest's test context the same symbol Node
 * uses. undici 8 (under jsforce 3.10) reads `addAbortListener(...)[Symbol.dispose]`,
 * and in Jest's vm context `Symbol.dispose` is undefined, so every fetch
 * fails with "removeAbortListener is not a function" without this. Node 22
 * names its own symbol `nodejs.dispose`.
 */
import { addAbortListener } from 'node:events';

const disposable = addAbortListener(new AbortController().signal, () => undefined);
const nativeDispose = Object.getOwnPropertySymbols(disposable).find(
    (symbol) => symbol.description === 'Symbol.dispose' || symbol.description === 'nodejs.dispose'
);
if (nativeDispose && (Symbol as { dispose?: symbol }).dispose !== nativeDispose) {
    Object.defineProperty(Symbol, 'dispose', { value: nativeDispose, configurable: true });
}
