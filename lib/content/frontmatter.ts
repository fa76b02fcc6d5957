// Reads and validates a chapter's YAML front matter, reporting the line of each wrong field.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { ContentError } from './errors';
import type { FrontMatter, Source } from './types';

const FIELDS = ['title', 'order', 'summary', 'sources'] as const;
const SOURCE_FIELDS = ['id', 'title', 'authors', 'year', 'venue', 'url'] as const;
const SOURCE_ID = /^[a-z0-9-]+$/;

export interface SplitSource {
  /** The YAML between the `---` lines. */
  yaml: string;
  /** File line (1-based) of the first YAML line. */
  yamlFirstLine: number;
}

/** Finds the front matter block; it must open on the first line. */
export function splitFrontMatter(source: string, file: string): SplitSource {
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    throw new ContentError(file, 1, 'a chapter must start with front matter (a line "---", YAML fields, then "---")');
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) throw new ContentError(file, 1, 'front matter is not closed: no second "---" line');
  return { yaml: lines.slice(1, end).join('\n'), yamlFirstLine: 2 };
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

/** Parses and checks the front matter of `source`; `expectedOrder` comes from the file name's NN. */
export function parseFrontMatter(source: string, file: string, expectedOrder: number): FrontMatter {
  const { yaml, yamlFirstLine } = splitFrontMatter(source, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, uniqueKeys: true });
  const lineOf = (node: YamlNode | null | undefined, fallback = 1) =>
    node?.range ? lineCounter.linePos(node.range[0]).line + yamlFirstLine - 1 : fallback;

  if (doc.errors.length) {
    const error = doc.errors[0];
    const line = lineCounter.linePos(error.pos[0]).line + yamlFirstLine - 1;
    throw new ContentError(file, line, `front matter is not valid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const root = doc.contents;
  if (!isMap(root)) throw new ContentError(file, 1, 'front matter must be a YAML mapping of fields');

  const fields = new Map<string, { key: YamlNode; value: YamlNode | null }>();
  for (const pair of root.items) {
    const key = pair.key as YamlNode;
    const name = isScalar(key) ? String(key.value) : '';
    if (!(FIELDS as readonly string[]).includes(name)) {
      throw new ContentError(file, lineOf(key), `unknown front matter field "${name}" (allowed: ${FIELDS.join(', ')})`);
    }
    fields.set(name, { key, value: (pair.value as YamlNode | null) ?? null });
  }
  for (const name of FIELDS) {
    if (!fields.has(name)) throw new ContentError(file, 1, `front matter is missing the required field "${name}"`);
  }

  const field = (name: (typeof FIELDS)[number]) => fields.get(name)!;
  const text = (name: string, node: YamlNode | null, keyLine: number): string => {
    const value = isScalar(node) ? node.value : node?.toJSON();
    if (typeof value !== 'string' || !value.trim()) {
      throw new ContentError(file, lineOf(node, keyLine), `front matter field "${name}" must be a non-empty string (got ${show(value)})`);
    }
    return value.trim();
  };
  const integer = (name: string, node: YamlNode | null, keyLine: number, positive: boolean): number => {
    const value = isScalar(node) ? node.value : node?.toJSON();
    if (typeof value !== 'number' || !Number.isInteger(value) || (positive && value < 1)) {
      const what = positive ? 'a positive integer' : 'an integer';
      throw new ContentError(file, lineOf(node, keyLine), `front matter field "${name}" must be ${what} (got ${show(value)})`);
    }
    return value;
  };

  const title = text('title', field('title').value, lineOf(field('title').key));
  const summary = text('summary', field('summary').value, lineOf(field('summary').key));
  const orderNode = field('order').value;
  const order = integer('order', orderNode, lineOf(field('order').key), true);
  if (order !== expectedOrder) {
    throw new ContentError(file, lineOf(orderNode), `front matter field "order" is ${order} but the file name says ${expectedOrder}`);
  }

  const sourcesNode = field('sources').value;
  if (!isSeq(sourcesNode) || sourcesNode.items.length === 0) {
    throw new ContentError(file, lineOf(sourcesNode, lineOf(field('sources').key)), 'front matter field "sources" must be a non-empty list of {id, title, authors, year}');
  }
  const seen = new Set<string>();
  const sources: Source[] = sourcesNode.items.map((itemNode, index) => {
    const item = itemNode as YamlNode;
    const where = `sources[${index}]`;
    if (!isMap(item)) throw new ContentError(file, lineOf(item), `front matter field "${where}" must be a mapping with id, title, authors, year`);
    const values = new Map<string, YamlNode | null>();
    for (const pair of item.items) {
      const key = pair.key as YamlNode;
      const name = isScalar(key) ? String(key.value) : '';
      if (!(SOURCE_FIELDS as readonly string[]).includes(name)) {
        throw new ContentError(file, lineOf(key), `unknown field "${where}.${name}" (allowed: ${SOURCE_FIELDS.join(', ')})`);
      }
      values.set(name, (pair.value as YamlNode | null) ?? null);
    }
    const itemLine = lineOf(item);
    for (const name of ['id', 'title', 'authors', 'year']) {
      if (!values.has(name)) throw new ContentError(file, itemLine, `front matter field "${where}" is missing "${name}"`);
    }
    const id = text(`${where}.id`, values.get('id')!, itemLine);
    if (!SOURCE_ID.test(id)) {
      throw new ContentError(file, lineOf(values.get('id')), `front matter field "${where}.id" must match [a-z0-9-]+ (got ${show(id)})`);
    }
    if (seen.has(id)) throw new ContentError(file, lineOf(values.get('id')), `source id "${id}" appears twice in "sources"`);
    seen.add(id);
    const source: Source = {
      id,
      title: text(`${where}.title`, values.get('title')!, itemLine),
      authors: text(`${where}.authors`, values.get('authors')!, itemLine),
      year: integer(`${where}.year`, values.get('year')!, itemLine, true),
    };
    if (values.has('venue')) source.venue = text(`${where}.venue`, values.get('venue')!, itemLine);
    if (values.has('url')) {
      const url = text(`${where}.url`, values.get('url')!, itemLine);
      if (!/^https?:\/\/\S+$/.test(url)) {
        throw new ContentError(file, lineOf(values.get('url')), `front matter field "${where}.url" must be an http(s) URL (got ${show(url)})`);
      }
      source.url = url;
    }
    return source;
  });

  return { title, order, summary, sources };
}
