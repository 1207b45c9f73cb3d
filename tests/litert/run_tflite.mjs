// Runs .tflite files in LiteRT.js (@litertjs/core, WASM CPU) under Node:
//   node run_tflite.mjs MODEL INPUT.bin OUTPUT.bin [MODEL INPUT.bin OUTPUT.bin]...
// feeds the raw bytes of INPUT.bin to the model's single input and writes the
// raw bytes of its first output. INPUT.bin may hold several inputs one after
// the other: the model runs on each and OUTPUT.bin holds the outputs in turn.
// Several triples run in one process (LiteRT.js loads once: starting it is
// most of the time). Exits 3 if LiteRT.js printed a line starting
// with "ERROR:" (it can do so and still return numbers). LiteRT.js's dtype
// table lacks int8, so the
// package is loaded from a copy whose table has it (written beside the
// original, so that its own imports resolve). Used by
// tests/model/litert_check_test.cc.
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {runInThisContext} from 'node:vm';

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 3 !== 0) throw new Error('usage: run_tflite.mjs MODEL INPUT.bin OUTPUT.bin...');

// Every line LiteRT.js prints goes through console.error/warn/log or stderr.
const errors = [];
const watch = (text) => {
  for (const line of String(text).split('\n'))
    if (line.startsWith('ERROR:') || line.startsWith('Error: ERROR:')) errors.push(line);
};
for (const name of ['error', 'warn', 'log']) {
  const original = console[name].bind(console);
  console[name] = (...args) => {
    watch(args.join(' '));
    original(...args);
  };
}
const stderrWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  watch(chunk);
  return stderrWrite(chunk, ...rest);
};
const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@litertjs/core/package.json'));
const original = readFileSync(join(packageDir, 'dist', 'index.js'), 'utf8');
const anchor = 'var DATATYPES = Object.freeze([';
if (!original.includes(anchor)) throw new Error('LiteRT.js changed: no DATATYPES table to add int8 to');
const patched = original.replace(
    anchor, anchor + '\n  {dtype: "int8", typedArrayConstructor: Int8Array, elementType: ElementType.INT8},' +
        '\n  {dtype: "int16", typedArrayConstructor: Int16Array, elementType: ElementType.INT16},');
const patchedPath = join(packageDir, 'dist', 'index.mote-int8.js');
writeFileSync(patchedPath, patched);
const litert = await import(pathToFileURL(patchedPath).href);

// LiteRT.js loads its WASM glue as a worker script would: give it
// importScripts and the .wasm bytes, as Node has neither a DOM nor file fetch.
globalThis.self = globalThis;
globalThis.require = require;  // the glue reads files with node:fs when it sees Node
globalThis.importScripts = (url) => runInThisContext(readFileSync(url, 'utf8'), {filename: url});
const wasmDir = join(packageDir, 'wasm');
globalThis.Module = {
  locateFile: (file) => join(wasmDir, file),
  wasmBinary: undefined,
};
const glue = 'litert_wasm_compat_internal';
globalThis.__dirname = wasmDir;
globalThis.__filename = join(wasmDir, glue + '.js');
globalThis.Module.wasmBinary = readFileSync(join(wasmDir, glue + '.wasm'));
await litert.loadLiteRt(join(wasmDir, glue + '.js'));
async function run(modelPath, inputPath, outputPath) {
  const model = await litert.loadAndCompile(new Uint8Array(readFileSync(modelPath)), {accelerator: 'wasm'});
  const details = model.getInputDetails()[0];
  const bytes = readFileSync(inputPath);
  const arrays = {float32: Float32Array, int32: Int32Array, uint8: Uint8Array, int8: Int8Array, int16: Int16Array};
  const Ctor = arrays[details.dtype];
  if (!Ctor) throw new Error(`input dtype ${details.dtype} not handled`);
  // A dynamic batch (-1 in the signature) runs with one example.
  const shape = Array.from(details.shape, (d) => (d < 0 ? 1 : d));
  const rowBytes = shape.reduce((a, b) => a * b, 1) * Ctor.BYTES_PER_ELEMENT;
  if (bytes.byteLength === 0 || bytes.byteLength % rowBytes !== 0)
    throw new Error(`${inputPath}: ${bytes.byteLength} bytes is not a whole number of ${rowBytes}-byte inputs`);
  const results = [];
  for (let first = 0; first < bytes.byteLength; first += rowBytes) {
    const start = bytes.byteOffset + first;
    const data = new Ctor(bytes.buffer.slice(start, start + rowBytes));
    const outputs = await model.run([new litert.Tensor(data, shape)]);
    const out = outputs[0].toTypedArray();
    results.push(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  }
  writeFileSync(outputPath, Buffer.concat(results));
}
for (let i = 0; i < args.length; i += 3) await run(args[i], args[i + 1], args[i + 2]);
if (errors.length) {
  stderrWrite(`LiteRT.js reported ${errors.length} error line(s), first: ${errors[0]}\n`);
  process.exit(3);
}
