import { deserialize, serialize } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { languages } from '../../../src/core/corpus.ts';
import type { Knowledge } from '../../../src/core/knowledge-base.ts';
import {
  indexDataTransfer,
  loadQuoteIndex,
  loadQuoteIndexInSteps,
  quoteIndexToData,
  searchQuotes,
} from '../../../src/core/search/index.ts';
import { seedKnowledge } from '../../support/knowledge.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await seedKnowledge();
});

const top = (context: Knowledge, query: string) =>
  searchQuotes(query, context).hits.map((hit) => [hit.paragraph.id, hit.score]);

describe('the index data', () => {
  it('restores an index that answers as the one it was made from, whole or in steps', async () => {
    const data = deserialize(serialize(quoteIndexToData(knowledge.index)));
    let pauses = 0;
    const stepped = await loadQuoteIndexInSteps(data, async () => {
      pauses += 1;
    });
    expect(pauses).toBe(languages.length);
    for (const index of [loadQuoteIndex(data), stepped]) {
      expect(index.ids).toEqual(knowledge.index.ids);
      for (const query of ['veto', 'casques bleus', '"political commitments"', 'Kigalli'])
        expect(top({ ...knowledge, index }, query)).toEqual(top(knowledge, query));
    }
  });

  it('moves the arrays that own their buffer and copies views and untransferable buffers', () => {
    // A copy whose arrays each own their buffer: moving them leaves the knowledge's index whole.
    const data = structuredClone(quoteIndexToData(knowledge.index));
    const whole = data.fr.docs;
    const view = new Uint32Array(new ArrayBuffer(whole.byteLength + 8), 8, whole.length);
    view.set(whole);
    const held = data.en.docs;
    const { data: moved, transfer } = indexDataTransfer(
      { ...data, fr: { ...data.fr, docs: view } },
      (buffer) => buffer === held.buffer,
    );
    expect(moved.fr.docs).not.toBe(view);
    expect(moved.fr.docs).toEqual(view);
    expect(moved.fr.docs.byteOffset).toBe(0);
    expect(moved.en.docs).not.toBe(held);
    expect(moved.en.offsets).toBe(data.en.offsets);
    expect(moved.ids).toBe(data.ids);
    // Every array of every language is listed, each buffer once.
    const arrays = languages.flatMap((language) =>
      Object.values(moved[language]).filter((value) => ArrayBuffer.isView(value)),
    );
    expect(transfer).toHaveLength(arrays.length);
    expect(new Set(transfer).size).toBe(transfer.length);
    const message = structuredClone(moved, { transfer });
    expect(message.fr.docs).toEqual(whole);
  });
});
