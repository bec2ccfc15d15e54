import { loadKnowledgeWithReport } from '../src/knowledge';

const r = await loadKnowledgeWithReport(process.argv[2]!, { cacheDir: '/tmp/snapcache', log: console.log });
console.log(
  r.report,
  'paragraphs',
  r.knowledge.paragraphs.size,
  'heapMB',
  (process.memoryUsage().heapUsed / 1e6).toFixed(0),
);
