/**
 * Other JavaScript search engines a team might pick instead, over the same texts, as a
 * speed reference for the bench (and their top-1 on the evaluation set). Default options,
 * as a team would start with them.
 */
import { create, insertMultiple, search } from '@orama/orama';
import type { Knowledge } from '../src/core/knowledge-base.ts';

/** A peer: a name, and a search over the knowledge's paragraphs returning paragraph ids, best first. */
export interface Peer {
  name: string;
  build: (knowledge: Knowledge) => (query: string) => string[];
}

const orama: Peer = {
  name: 'orama',
  build(knowledge) {
    const db = create({ schema: { pid: 'string', fr: 'string', en: 'string' } as const });
    const documents = [...knowledge.paragraphs.values()].map((paragraph) => ({
      pid: paragraph.id,
      fr: paragraph.text.fr?.text ?? '',
      en: paragraph.text.en?.text ?? '',
    }));
    for (let i = 0; i < documents.length; i += 10_000)
      void insertMultiple(db, documents.slice(i, i + 10_000));
    return (query) => {
      const results = search(db, { term: query, properties: ['fr', 'en'], limit: 10 });
      if (results instanceof Promise) throw new Error('orama answered asynchronously');
      return results.hits.map((hit) => hit.document.pid);
    };
  },
};

export const peers: readonly Peer[] = [orama];
