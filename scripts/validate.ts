/**
 * `npm run validate -- <kind> <file.json> [more files]`: checks saved responses against our schemas.
 * Prints `OK` or the precise drift error (source, endpoint, field) and exits 1 on any failure.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseOrDrift, SchemaDriftError } from '../src/ci/drift';
import { isSchemaKindName, SCHEMA_KINDS } from '../src/ci/schema-kinds';

export interface ValidateIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readText: (path: string) => Promise<string>;
}

const defaultIo: ValidateIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  readText: (path) => readFile(path, 'utf8'),
};

export function usage(): string {
  const width = Math.max(...Object.keys(SCHEMA_KINDS).map((kind) => kind.length));
  const kinds = Object.entries(SCHEMA_KINDS).map(
    ([kind, entry]) => `  ${kind.padEnd(width)}  ${entry.description} (${entry.source}: ${entry.endpoint})`,
  );
  return [
    'Usage: npm run validate -- <kind> <file.json> [more files...]',
    '',
    'Checks saved API responses against the schemas the extension relies on.',
    'Prints OK, or the field that changed; exits 1 if any file does not match.',
    '',
    'Kinds:',
    ...kinds,
  ].join('\n');
}

/** Returns the process exit code. */
export async function runValidate(args: readonly string[], io: ValidateIo = defaultIo): Promise<number> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    io.out(usage());
    return args.length === 0 ? 2 : 0;
  }
  const [kind, ...files] = args;
  if (kind === undefined || !isSchemaKindName(kind)) {
    io.err(`Unknown kind "${kind}". Known kinds: ${Object.keys(SCHEMA_KINDS).join(', ')}`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`Give the JSON file to check, e.g. npm run validate -- ${kind} response.json`);
    return 2;
  }
  const entry = SCHEMA_KINDS[kind];
  let failures = 0;
  for (const file of files) {
    const prefix = files.length > 1 ? `${file}: ` : '';
    let data: unknown;
    try {
      data = JSON.parse(await io.readText(file));
    } catch (error) {
      io.err(`${prefix}cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
      failures += 1;
      continue;
    }
    try {
      parseOrDrift(entry.schema, data, entry.source, entry.endpoint);
      io.out(`${prefix}OK`);
    } catch (error) {
      if (!(error instanceof SchemaDriftError)) throw error;
      io.err(`${prefix}${error.message}`);
      failures += 1;
    }
  }
  return failures === 0 ? 0 : 1;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  runValidate(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
