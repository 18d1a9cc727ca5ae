/** `cdk8s-kpack graph PATH...`: the build graph of kpack YAML, as Mermaid or DOT. */
import { Command, readCommandLine, usageError } from './args';
import { loadInput, reportProblems } from './input';
import { CliIo, EXIT_INPUT, EXIT_OK } from './io';
import { buildGraph } from '../graph/model';
import { GRAPH_FORMATS, GraphFormat, renderGraph } from '../graph/render';
import { ReadOptions } from '../manifests';

export const GRAPH_USAGE = `usage: cdk8s-kpack graph [options] PATH...

Prints the build graph of kpack YAML: images, builders, buildpacks, stores, stacks, lifecycles, service accounts
and their secrets, and the references between them. A reference to an object that is not in the input is drawn
dashed and marked "not in the manifests".
PATH is a file, a folder (every *.yaml and *.yml below it) or - for standard input.

options:
  --format FORMAT  ${GRAPH_FORMATS.join(' or ')} (default mermaid: paste it into Markdown as a \`\`\`mermaid block)
  -h, --help       show this help

exit codes: 0 the graph was printed, 2 input that cannot be read or a wrong command line
`;

const GRAPH: Command = { name: 'graph', usage: GRAPH_USAGE };

export function graphCommand(args: string[], io: CliIo, loadOptions?: ReadOptions): number {
  const read = readCommandLine(GRAPH, args, { format: { type: 'string', values: GRAPH_FORMATS }, help: { type: 'boolean', short: 'h' } }, io, () => undefined);
  if (typeof read === 'number') return read;
  const parsed = read.line;
  if (parsed.positionals.length === 0) return usageError(GRAPH, io, 'give at least one file or folder');
  const input = loadInput(parsed.positionals, loadOptions);
  if (reportProblems(input.errors, 'graph', io)) return EXIT_INPUT;
  const graph = buildGraph(input.documents.map(d => d.value));
  io.out(renderGraph(graph, (parsed.string('format') ?? 'mermaid') as GraphFormat));
  return EXIT_OK;
}
