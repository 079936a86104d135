// A 15 KB GitHub-like JSON payload and a draft-07 schema that checks its shape.
export function makePayload(targetBytes = 15 * 1024) {
  const payload = {
    type: 'bench.delivery',
    action: 'opened',
    repository: {
      id: 1296269,
      full_name: 'octocat/Hello-World',
      private: false,
      owner: { login: 'octocat', id: 1 },
    },
    sender: { login: 'octocat', id: 1, type: 'User', site_admin: false },
    items: [],
  };
  let i = 0;
  while (JSON.stringify(payload).length < targetBytes) {
    payload.items.push({
      id: i,
      sha: `6dcb09b5b57875f334f61aebed695e2e4193db5${i % 10}`,
      message: `Commit message number ${i} with some text`,
      author: { name: 'Monalisa Octocat', email: 'mona@github.com', date: '2026-01-01T00:00:00Z' },
      added: ['README.md'],
      distinct: i % 2 === 0,
    });
    i += 1;
  }
  return JSON.stringify(payload);
}

export const payloadSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['type', 'action', 'repository', 'sender', 'items'],
  properties: {
    type: { type: 'string' },
    action: { enum: ['opened', 'closed', 'edited'] },
    repository: {
      type: 'object',
      required: ['id', 'full_name', 'owner'],
      properties: {
        id: { type: 'integer' },
        full_name: { type: 'string', pattern: '^[^/]+/[^/]+$' },
        private: { type: 'boolean' },
        owner: { type: 'object', required: ['login', 'id'] },
      },
    },
    sender: { type: 'object', required: ['login', 'id', 'type'] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'sha', 'message', 'author'],
        properties: {
          id: { type: 'integer', minimum: 0 },
          sha: { type: 'string', pattern: '^[0-9a-f]{40}$' },
          message: { type: 'string', maxLength: 1000 },
          author: {
            type: 'object',
            required: ['name', 'email'],
            properties: { name: { type: 'string' }, email: { type: 'string' }, date: { type: 'string' } },
          },
          added: { type: 'array', items: { type: 'string' } },
          distinct: { type: 'boolean' },
        },
      },
    },
  },
};
