import { loadKnowledge } from '../../src/service/knowledge/load.ts';

/** The real knowledge over the real data folder, loaded once per test file. */
export const seedKnowledge = () => loadKnowledge('data');

export const seedStatementId = 'canada-r2p-dialogue-2016-09-06';
