/** Renders a build graph as Mermaid (a `flowchart`, for Markdown) or Graphviz DOT. Deterministic output. */
import { BuildGraph, GraphNode } from './model';

/** The text formats of the graph. */
export const GRAPH_FORMATS = ['mermaid', 'dot'] as const;
export type GraphFormat = typeof GRAPH_FORMATS[number];

/** What a dangling node says: it is referred to, but not in the manifests. */
export const DANGLING_NOTE = 'not in the manifests';

function title(node: GraphNode): string {
  return node.namespace === '' ? node.name : `${node.namespace}/${node.name}`;
}

export function renderGraph(graph: BuildGraph, format: GraphFormat): string {
  return format === 'dot' ? renderDot(graph) : renderMermaid(graph);
}

/** Mermaid text in a label: quotes and angle brackets as entity codes, so any name is safe. */
function mermaidText(text: string): string {
  return text.replace(/[#"<>&]/g, c => `#${c.charCodeAt(0)};`).replace(/[\r\n]+/g, ' ');
}

export function renderMermaid(graph: BuildGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.key, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const node of graph.nodes) {
    const label = [node.kind, title(node), ...node.dangling ? [`(${DANGLING_NOTE})`] : []].map(mermaidText).join('<br/>');
    lines.push(`  ${ids.get(node.key)}["${label}"]${node.dangling ? ':::dangling' : ''}`);
  }
  for (const edge of graph.edges) {
    lines.push(`  ${ids.get(edge.from)} -->|${mermaidText(edge.label)}| ${ids.get(edge.to)}`);
  }
  if (graph.nodes.some(n => n.dangling)) {
    lines.push('  classDef dangling stroke:#d33,stroke-width:2px,stroke-dasharray:5 5,color:#d33');
  }
  return lines.join('\n') + '\n';
}

function dotEscape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ');
}

/** A DOT string: the parts, escaped, on lines of their own. */
function dotText(...parts: string[]): string {
  return `"${parts.map(dotEscape).join('\\n')}"`;
}

export function renderDot(graph: BuildGraph): string {
  const lines = ['digraph kpack {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  for (const node of graph.nodes) {
    const label = dotText(node.kind, title(node), ...node.dangling ? [`(${DANGLING_NOTE})`] : []);
    lines.push(`  ${dotText(node.key)} [label=${label}${node.dangling ? ', style=dashed, color=red, fontcolor=red' : ''}];`);
  }
  for (const edge of graph.edges) {
    lines.push(`  ${dotText(edge.from)} -> ${dotText(edge.to)} [label=${dotText(edge.label)}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
